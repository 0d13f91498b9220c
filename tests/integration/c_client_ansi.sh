#!/bin/sh
# C client test, ANSI path (SQLConnect to the DSN), through the unixODBC
# driver manager against the emulator (TAP). The program is built by make check.
exec "${top_srcdir:-.}/tests/integration/with-emulator.sh" "${top_builddir:-.}/tests/integration/c_client_ansi"
