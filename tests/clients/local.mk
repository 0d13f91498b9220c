# tests/clients/: the client matrix (issue 6). Every test runs against the
# emulator through the real unixODBC driver manager with private ini files
# (tests/integration/with-emulator.sh).

# C programs: the ODBC conformance checks (A and W paths) and a BI tool's
# connect sequence replayed call by call; statement-level asynchronous execution
# (c_async); Level 1 conformance (c_level1); SQLBrowseConnect (c_browse, not under
# valgrind: unixODBC's own SQLBrowseConnect reads uninitialised memory).
check_PROGRAMS += tests/clients/c_conformance tests/clients/bi_sequence tests/clients/c_browse \
	tests/clients/c_async tests/clients/c_level1
tests_clients_c_level1_SOURCES = tests/clients/c_level1.c \
	tests/integration/c_common.c tests/integration/c_common.h
tests_clients_c_level1_LDADD = $(CLIENT_LIBS)
tests_clients_c_async_SOURCES = tests/clients/c_async.c \
	tests/integration/c_common.c tests/integration/c_common.h
tests_clients_c_async_LDADD = $(CLIENT_LIBS)
tests_clients_c_browse_SOURCES = tests/clients/c_browse.c \
	tests/integration/c_common.c tests/integration/c_common.h
tests_clients_c_browse_LDADD = $(CLIENT_LIBS)
tests_clients_c_conformance_SOURCES = tests/clients/c_conformance.c \
	tests/integration/c_common.c tests/integration/c_common.h
tests_clients_c_conformance_LDADD = $(CLIENT_LIBS)
tests_clients_bi_sequence_SOURCES = tests/clients/bi_sequence.c \
	tests/integration/c_common.c tests/integration/c_common.h
tests_clients_bi_sequence_LDADD = $(CLIENT_LIBS)

CLIENT_MATRIX_TESTS = \
	tests/clients/c_conformance.sh \
	tests/clients/c_browse.sh \
	tests/clients/c_async.sh \
	tests/clients/c_level1.sh \
	tests/clients/bi_sequence.sh \
	tests/clients/isql_golden.sh \
	tests/clients/pyodbc_matrix.sh \
	tests/clients/perl_dbi.sh \
	tests/clients/dbd_odbc_suite.sh \
	tests/clients/php_odbc.sh
TESTS += $(CLIENT_MATRIX_TESTS)
VALGRIND_TESTS += tests/clients/c_conformance.sh tests/clients/bi_sequence.sh tests/clients/c_async.sh \
	tests/clients/c_level1.sh
EXTRA_DIST += $(CLIENT_MATRIX_TESTS) tests/clients/README.md \
	tests/clients/isql/make_expected.py tests/clients/isql/tools.txt \
	$(wildcard $(srcdir)/tests/clients/isql/*.sql) \
	$(wildcard $(srcdir)/tests/clients/isql/*.expected) \
	tests/clients/test_pyodbc_matrix.py \
	tests/clients/perl_dbi.pl \
	tests/clients/php_odbc.php
