# tests/corpus: the SQL corpus (driver vs. an SQLite oracle of the emulator's dataset).
TESTS += tests/corpus/run-corpus.sh
EXTRA_DIST += tests/corpus/run-corpus.sh tests/corpus/corpus.py
# Seeded random WHERE trees (random_where.py), same oracle; P1_RANDOM_SEEDS="1 2 3" for a soak:
#   make check TESTS=tests/corpus/run-random-where.sh P1_RANDOM_SEEDS="1 2 3"   or   make corpus-soak
TESTS += tests/corpus/run-random-where.sh
EXTRA_DIST += tests/corpus/run-random-where.sh tests/corpus/random_where.py
# corpus-soak: many seeds, bounded in time (never part of make check). Override with
#   make corpus-soak P1_SOAK_SEEDS="21 22 23" P1_SOAK_SECONDS=600
P1_SOAK_SEEDS = 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20
P1_SOAK_SECONDS = 1800
corpus-soak: libpingoneodbc.la
	$(AM_TESTS_ENVIRONMENT) P1_RANDOM_SEEDS='$(P1_SOAK_SEEDS)' P1_RANDOM_SECONDS='$(P1_SOAK_SECONDS)' \
	  $(SHELL) $(srcdir)/tests/corpus/run-random-where.sh
.PHONY: corpus-soak
