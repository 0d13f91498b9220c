# driver/: the ODBC layer. Internals that unit tests need live in the core
# library; everything with a public SQL* entry point (and the handle code
# they share) goes into the driver module itself.
libp1core_la_SOURCES += driver/connstr.c driver/connstr.h

libpingoneodbc_la_SOURCES += driver/odbc_api.c

check_PROGRAMS += tests/unit/test_connstr
tests_unit_test_connstr_SOURCES = tests/unit/test_connstr.c
tests_unit_test_connstr_LDADD = $(UNIT_LIBS)
TESTS += tests/unit/test_connstr
