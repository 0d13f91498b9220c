# common/: small pieces every layer uses (errors, values, strings, properties, log).
libp1core_la_SOURCES += \
	common/err.c common/err.h \
	common/strbuf.c common/strbuf.h \
	common/value.c common/value.h \
	common/props.c common/props.h \
	common/log.c common/log.h
