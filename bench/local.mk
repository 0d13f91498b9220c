# bench/: speed and memory figures (prints a table; never part of make check).
EXTRA_DIST += bench/bench.py
bench: libpingoneodbc.la
	$(AM_TESTS_ENVIRONMENT) $(SHELL) $(srcdir)/tests/integration/with-emulator.sh \
	  $(PYTHON3) $(srcdir)/bench/bench.py
.PHONY: bench
