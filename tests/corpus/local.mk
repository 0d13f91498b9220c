# tests/corpus: the SQL corpus (driver vs. an SQLite oracle of the emulator's dataset).
TESTS += tests/corpus/run-corpus.sh
EXTRA_DIST += tests/corpus/run-corpus.sh tests/corpus/corpus.py
