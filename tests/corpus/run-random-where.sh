#!/bin/sh
# Seeded random differential test (random_where.py) through pyodbc against the emulator (TAP).
# P1_RANDOM_SEEDS="1 2 3" (default 1), P1_RANDOM_COUNT (statements per seed, default 250) and
# P1_RANDOM_SECONDS (stop starting statements after that many seconds) make a longer soak.
exec "${top_srcdir:-.}/tests/integration/with-emulator.sh" /usr/bin/python3 "${top_srcdir:-.}/tests/corpus/random_where.py"
