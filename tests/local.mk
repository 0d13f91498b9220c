# tests/: unit-test helpers, and the integration and client tests that go
# through the real unixODBC driver manager against the emulator.
EXTRA_DIST += tests/tap.h tests/valgrind.supp \
	tests/integration/with-emulator.sh tests/integration/p1test.py \
	tests/integration/test_pyodbc.py

TESTS += tests/integration/pyodbc.sh tests/integration/isql.sh

# Connection reuse (emulator connection counters) and item-less collection pages.
TESTS += tests/integration/transport.sh
EXTRA_DIST += tests/integration/transport.sh tests/integration/test_transport.py

# `make install DESTDIR=...` and `odbcinst -i -d -f` on the installed template.
TESTS += tests/install/check_install.sh
EXTRA_DIST += tests/install/check_install.sh
EXTRA_DIST += tests/integration/pyodbc.sh tests/integration/isql.sh

# Client programs (C) run under valgrind; see run-tests.sh.

check-valgrind: $(check_PROGRAMS) libpingoneodbc.la
	@fail=0; for t in $(VALGRIND_TESTS); do \
	  echo "valgrind: $$t"; \
	  $(AM_TESTS_ENVIRONMENT) P1_VALGRIND=1 $(SHELL) $(srcdir)/$$t > $$(basename $$t).valgrind.log 2>&1 \
	    || { fail=1; echo "FAIL (valgrind): $$t"; tail -40 $$(basename $$t).valgrind.log; }; \
	done; test $$fail = 0
.PHONY: check-valgrind
