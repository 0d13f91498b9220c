#!/bin/sh
# pyodbc and pandas client matrix through the driver manager against the emulator (TAP).
if ! /usr/bin/python3 -c 'import pyodbc' 2>/dev/null; then
    echo "1..0 # SKIP pyodbc is not installed (Debian python3-pyodbc)"
    exit 0
fi
exec "${top_srcdir:-.}/tests/integration/with-emulator.sh" /usr/bin/python3 "${top_srcdir:-.}/tests/clients/test_pyodbc_matrix.py"
