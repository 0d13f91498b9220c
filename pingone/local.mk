# pingone/: the PingOne provider (REST client, paging, SCIM filter, JSON -> rows).
libp1core_la_SOURCES += \
	pingone/pingone.h pingone/provider.c \
	pingone/url.c pingone/url.h \
	pingone/http.c pingone/http.h \
	pingone/api.c pingone/api.h \
	pingone/catalog.c pingone/catalog.h \
	pingone/scim_filter.c pingone/scim_filter.h \
	pingone/plan.c pingone/plan.h \
	pingone/rows.c pingone/rows.h \
	pingone/scan.c pingone/scan.h

# Data model: the connection's metadata cache (schemas, custom attributes) and system tables.
libp1core_la_SOURCES += pingone/metadata.c pingone/metadata.h pingone/systables.c pingone/systables.h \
	pingone/fanout.c pingone/fanout.h

check_PROGRAMS += tests/unit/test_scim_filter tests/unit/test_json_rows tests/unit/test_pingone_urls \
	tests/unit/test_pingone_errors
tests_unit_test_pingone_errors_SOURCES = tests/unit/test_pingone_errors.c
tests_unit_test_pingone_errors_LDADD = $(UNIT_LIBS)
tests_unit_test_scim_filter_SOURCES = tests/unit/test_scim_filter.c
tests_unit_test_scim_filter_LDADD = $(UNIT_LIBS)
tests_unit_test_json_rows_SOURCES = tests/unit/test_json_rows.c
tests_unit_test_json_rows_LDADD = $(UNIT_LIBS)
tests_unit_test_pingone_urls_SOURCES = tests/unit/test_pingone_urls.c
tests_unit_test_pingone_urls_LDADD = $(UNIT_LIBS)
TESTS += tests/unit/test_scim_filter tests/unit/test_json_rows tests/unit/test_pingone_urls \
	tests/unit/test_pingone_errors

# Live test against the emulator (skips when tests/emulator/emulator.py is absent).
check_PROGRAMS += tests/unit/test_pingone_live
tests_unit_test_pingone_live_SOURCES = tests/unit/test_pingone_live.c
tests_unit_test_pingone_live_LDADD = $(UNIT_LIBS) $(CURL_LIBS) $(JANSSON_LIBS) -lpthread
TESTS += tests/unit/test_pingone_live

# The README's data model reference, printed from the catalog (tests/unit/readme_datamodel.sh).
noinst_PROGRAMS += datamodel-doc
datamodel_doc_SOURCES = pingone/datamodel_doc.c
datamodel_doc_LDADD = $(UNIT_LIBS)
TESTS += tests/unit/readme_datamodel.sh
EXTRA_DIST += tests/unit/readme_datamodel.sh
