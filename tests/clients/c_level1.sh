#!/bin/sh
# ODBC Level 1 conformance (SQLSetPos refresh, transactions, descriptor-backed attributes) through the driver manager (TAP).
exec "${top_srcdir:-.}/tests/integration/with-emulator.sh" "${top_builddir:-.}/tests/clients/c_level1"
