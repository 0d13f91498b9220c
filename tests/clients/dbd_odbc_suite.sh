#!/bin/sh
# DBD::ODBC's own generic tests (the ones that need no DDL) against our DSN.
# The test files come from Debian's source package of libdbd-odbc-perl,
# fetched by ../shared/tools/get-dbd-odbc-tests.sh (cached in the build dir)
# before the emulator starts, without the sanitizer preload. Prints TAP: one
# line per upstream test file, run with prove.
FILES="t/01base.t t/10handler.t t/80_odbc_diags.t t/90_trace_flags.t t/rt_57957.t t/rt_78838.t t/rt_79397.t"
if [ -z "${P1_DSN:-}" ]; then
    if ! perl -MDBD::ODBC -e1 2>/dev/null; then
        echo "1..0 # SKIP DBD::ODBC is not installed (Debian libdbd-odbc-perl)"
        exit 0
    fi
    cache="${top_builddir:-.}/dbd-odbc-tests"
    src=$(ls -d "$cache"/DBD-ODBC-*/ 2>/dev/null | head -1)
    if [ -z "$src" ]; then
        tool=""
        for d in "${top_srcdir:-.}/../shared/tools" /work/shared/tools; do
            [ -f "$d/get-dbd-odbc-tests.sh" ] && { tool="$d/get-dbd-odbc-tests.sh"; break; }
        done
        if [ -z "$tool" ]; then
            echo "1..0 # SKIP get-dbd-odbc-tests.sh not found (shared/tools is not beside the source tree)"
            exit 0
        fi
        rm -rf "$cache"; mkdir -p "$cache"
        src=$(timeout 180 sh "$tool" "$cache" 2>"$cache/fetch.log" | tail -1)
        if [ -z "$src" ] || [ ! -d "$src/t" ]; then
            echo "1..0 # SKIP could not fetch DBD::ODBC's tests from Debian's source archive (see $cache/fetch.log)"
            rm -rf "$cache"/DBD-ODBC-*
            exit 0
        fi
    fi
    P1_DBD_SRC="$src" exec "${top_srcdir:-.}/tests/integration/with-emulator.sh" sh "$0" "$@"
fi
cd "$P1_DBD_SRC" || exit 1
export DBI_DSN="dbi:ODBC:$P1_DSN" DBI_USER="" DBI_PASS=""
n=0; failed=0
for f in $FILES; do
    n=$((n+1))
    out=$(timeout 120 prove "$f" 2>&1)
    if [ $? = 0 ]; then echo "ok $n - DBD::ODBC $f"; else echo "not ok $n - DBD::ODBC $f"; failed=$((failed+1)); fi
    echo "$out" | sed 's/^/# /'
done
echo "1..$n"
[ $failed = 0 ]
