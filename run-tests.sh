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
log=$(mktemp)
trap 'rm -f "$log"' EXIT
# Count the TAP results of one `make check` (automake's summary lines).
tally() { awk '/^# PASS:/{p+=$3} /^# FAIL:/{f+=$3} /^# ERROR:/{f+=$3} END{print p+0, f+0}' "$log"; }
passed=0; failed=0
check() {
    make -C "$1" -s check -j2 2>&1 | tee "$log" | grep -E '^(FAIL|ERROR|XPASS)|^# (TOTAL|PASS|SKIP|FAIL|ERROR)' || true
    read -r p f <<< "$(tally)"
    passed=$((passed + p)); failed=$((failed + f))
    grep -q '^# FAIL:  0$' "$log" && grep -q '^# ERROR: 0$' "$log"
}

echo "== 1/3 build and make check"
"$top/scripts/build.sh" "$top/_build"
check "$top/_build" || status=1
if [ "${1:-}" = "--quick" ]; then
    echo "$passed passed, $failed failed"
    exit $status
fi

echo "== 2/3 sanitizers (ASan + UBSan)"
"$top/scripts/build.sh" "$top/_build-asan" --enable-sanitizers
check "$top/_build-asan" || status=1

echo "== 3/3 valgrind"
make -C "$top/_build" -s check-valgrind || { status=1; failed=$((failed + 1)); }

[ $status = 0 ] || echo "run-tests: FAILURES (see the *.log files under _build*/)"
echo "$passed passed, $failed failed"
exit $status
