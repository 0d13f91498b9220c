# driver/convert.mk: conversions, UTF-16, type mapping and the C client tests
# (owned by the conversions helper; included from Makefile.am).
libp1core_la_SOURCES += \
	driver/utf16.c driver/utf16.h \
	driver/types.c driver/types.h \
	driver/convert.c driver/convert_param.c driver/convert.h \
	driver/convert_util.c driver/convert_util.h

check_PROGRAMS += tests/unit/test_utf16 tests/unit/test_types tests/unit/test_convert
tests_unit_test_utf16_SOURCES = tests/unit/test_utf16.c
tests_unit_test_utf16_LDADD = $(UNIT_LIBS)
tests_unit_test_types_SOURCES = tests/unit/test_types.c
tests_unit_test_types_LDADD = $(UNIT_LIBS)
tests_unit_test_convert_SOURCES = tests/unit/test_convert.c
tests_unit_test_convert_LDADD = $(UNIT_LIBS)
TESTS += tests/unit/test_utf16 tests/unit/test_types tests/unit/test_convert

# C client tests: linked with the driver manager only (CLIENT_LIBS), never with
# the driver; each runs through the emulator harness from a .sh wrapper.
check_PROGRAMS += tests/integration/c_client_ansi tests/integration/c_client_w
tests_integration_c_client_ansi_SOURCES = tests/integration/c_client_ansi.c \
	tests/integration/c_common.c tests/integration/c_common.h
tests_integration_c_client_ansi_LDADD = $(CLIENT_LIBS)
tests_integration_c_client_w_SOURCES = tests/integration/c_client_w.c \
	tests/integration/c_common.c tests/integration/c_common.h
tests_integration_c_client_w_LDADD = $(CLIENT_LIBS)
TESTS += tests/integration/c_client_ansi.sh tests/integration/c_client_w.sh
EXTRA_DIST += tests/integration/c_client_ansi.sh tests/integration/c_client_w.sh
VALGRIND_TESTS += tests/integration/c_client_ansi.sh tests/integration/c_client_w.sh
