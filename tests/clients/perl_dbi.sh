#!/bin/sh
# Perl DBI + DBD::ODBC against the emulator (TAP from Test::More).
if [ -z "${P1_DSN:-}" ]; then
    exec "${top_srcdir:-.}/tests/integration/with-emulator.sh" sh "$0" "$@"
fi
if ! perl -MDBD::ODBC -e1 2>/dev/null; then
    echo "1..0 # SKIP DBD::ODBC is not installed (Debian libdbd-odbc-perl)"
    exit 0
fi
exec perl "$top_srcdir/tests/clients/perl_dbi.pl"
