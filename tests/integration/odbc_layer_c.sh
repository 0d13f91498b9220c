#!/bin/sh
# The ODBC layer's C checks (tests/integration/odbc_layer_c.c) against the emulator (TAP).
exec "${top_srcdir:-.}/tests/integration/with-emulator.sh" "${top_builddir:-.}/tests/integration/odbc_layer_c"
