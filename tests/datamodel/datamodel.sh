#!/bin/sh
# Data model through pyodbc against the emulator (TAP).
exec "${top_srcdir:-.}/tests/integration/with-emulator.sh" /usr/bin/python3 "${top_srcdir:-.}/tests/datamodel/test_datamodel.py"
