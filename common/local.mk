# common/: small pieces every layer uses (errors, values, strings, properties, log).
libp1core_la_SOURCES += \
	common/err.c common/err.h \
	common/strbuf.c common/strbuf.h \
	common/value.c common/value.h \
	common/props.c common/props.h \
	common/log.c common/log.h

noinst_PROGRAMS += props-doc
props_doc_SOURCES = common/props_doc.c
props_doc_LDADD = $(UNIT_LIBS)

check_PROGRAMS += tests/unit/test_common
tests_unit_test_common_SOURCES = tests/unit/test_common.c
tests_unit_test_common_LDADD = $(UNIT_LIBS)
TESTS += tests/unit/test_common tests/unit/readme_props.sh
EXTRA_DIST += tests/unit/readme_props.sh
