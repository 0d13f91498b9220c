#!/bin/sh
# Connection reuse and item-less collection pages through the driver manager and pyodbc (TAP).
exec "${top_srcdir:-.}/tests/integration/with-emulator.sh" /usr/bin/python3 "${top_srcdir:-.}/tests/integration/test_transport.py"
