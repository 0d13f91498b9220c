#!/usr/bin/env bash
# The whole test suite (what CI runs):
#   1. build and `make check`: unit tests (TAP), emulator tests, and client
#      tests through the real unixODBC driver manager (isql, C, pyodbc, Perl, PHP);
#   2. the same suite on an ASan+UBSan build (--enable-sanitizers);
#   3. the C client tests under valgrind.
# Usage: ./run-tests.sh [--quick]   (--quick: step 1 only)
set -eu
top=$(cd "$(dirname "$0")" && pwd)
"$top/scripts/deps.sh" --test
status=0

echo "== 1/3 build and make check"
"$top/scripts/build.sh" "$top/_build"
make -C "$top/_build" -s check -j2 || status=1
[ "${1:-}" = "--quick" ] && exit $status

echo "== 2/3 sanitizers (ASan + UBSan)"
"$top/scripts/build.sh" "$top/_build-asan" --enable-sanitizers
make -C "$top/_build-asan" -s check -j2 || status=1

echo "== 3/3 valgrind"
make -C "$top/_build" -s check-valgrind || status=1

[ $status = 0 ] && echo "run-tests: all passed" || echo "run-tests: FAILURES (see the *.log files under _build*/)"
exit $status
