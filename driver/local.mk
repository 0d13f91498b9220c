# driver/: the ODBC layer. Internals that unit tests need live in the core
# library; everything with a public SQL* entry point (and the handle code
# they share) goes into the driver module itself.
libp1core_la_SOURCES += driver/connstr.c driver/connstr.h

libpingoneodbc_la_SOURCES += \
	driver/api.h \
	driver/odbc_api.c driver/api_conn.c driver/api_stmt.c \
	driver/api_catalog.c driver/api_diag.c driver/api_w.c \
	driver/handle_base.h driver/handles.h driver/handles.c \
	driver/strout.h driver/strout.c \
	driver/diag.h driver/diag.c \
	driver/desc.h driver/desc.c \
	driver/env.c driver/dbc.c driver/stmt.c driver/fetch.c driver/attr.c \
	driver/catalog.c driver/info.c driver/functions.h \
	driver/params.c driver/scroll.c driver/desc_api.c driver/api_desc.c \
	driver/timeout.c driver/browse.c driver/async.h driver/async.c

check_PROGRAMS += tests/unit/test_connstr
tests_unit_test_connstr_SOURCES = tests/unit/test_connstr.c
tests_unit_test_connstr_LDADD = $(UNIT_LIBS)
TESTS += tests/unit/test_connstr

# Exports match driver/functions.h (what SQLGetFunctions reports); the ODBC
# layer through the driver manager and pyodbc against the emulator.
TESTS += tests/unit/check_exports.sh tests/integration/odbc_layer.sh
EXTRA_DIST += tests/unit/check_exports.sh tests/integration/odbc_layer.sh \
	tests/integration/test_odbc_layer.py

# The ODBC layer's C checks through the driver manager (links libodbc, never the driver).
check_PROGRAMS += tests/integration/odbc_layer_c
tests_integration_odbc_layer_c_SOURCES = tests/integration/odbc_layer_c.c
tests_integration_odbc_layer_c_LDADD = $(CLIENT_LIBS)
TESTS += tests/integration/odbc_layer_c.sh
EXTRA_DIST += tests/integration/odbc_layer_c.sh
