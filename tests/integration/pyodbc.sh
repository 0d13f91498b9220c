#!/bin/sh
# pyodbc client test through the driver manager against the emulator (TAP).
exec "${top_srcdir:-.}/tests/integration/with-emulator.sh" /usr/bin/python3 "${top_srcdir:-.}/tests/integration/test_pyodbc.py"
