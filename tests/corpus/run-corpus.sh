#!/bin/sh
# The SQL corpus through pyodbc against the emulator (TAP).
exec "${top_srcdir:-.}/tests/integration/with-emulator.sh" /usr/bin/python3 "${top_srcdir:-.}/tests/corpus/corpus.py"
