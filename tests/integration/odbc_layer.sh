#!/bin/sh
# The ODBC layer through the driver manager and pyodbc against the emulator (TAP).
exec "${top_srcdir:-.}/tests/integration/with-emulator.sh" /usr/bin/python3 "${top_srcdir:-.}/tests/integration/test_odbc_layer.py"
