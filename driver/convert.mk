# driver/convert.mk: conversions, UTF-16, type mapping and the C client tests
# (owned by the conversions helper; included from Makefile.am).
libp1core_la_SOURCES += \
	driver/utf16.c driver/utf16.h \
	driver/types.c driver/types.h \
	driver/convert.c driver/convert_param.c driver/convert.h \
	driver/convert_util.c driver/convert_util.h

