#!/usr/bin/env bash
# Quick start: install what is missing, build the driver, start the bundled
# PingOne emulator with a sample tenant, register the driver and a DSN in a
# private ini directory, and answer SQL with isql.
#
#   ./demo.sh              run a few queries and print the results
#   ./demo.sh -i           the same setup, then an interactive isql prompt
set -eu
top=$(cd "$(dirname "$0")" && pwd)
"$top/scripts/deps.sh"
"$top/scripts/build.sh" "$top/_build"
export top_srcdir="$top" top_builddir="$top/_build"

if [ "${1:-}" = "-i" ] || [ "${1:-}" = "--interactive" ]; then
    echo "Interactive isql on DSN PingOneTest (tables: Users, Populations, Groups, UserGroupAssociations). Type 'quit' to leave."
    exec "$top/tests/integration/with-emulator.sh" isql -v PingOneTest
fi

run_queries() {
    for q in \
        "SELECT Id, Username, Email FROM Users WHERE Username = 'user0042'" \
        "SELECT Username, FirstName, LastName FROM Users WHERE Username LIKE 'user000%'" \
        "SELECT Name, IsDefault, UserCount FROM Populations" \
        "SELECT Name, ExternalId FROM Groups LIMIT 5"
    do
        echo
        echo "SQL> $q"
        echo "$q" | isql -v -b PingOneTest
    done
    echo
    echo "Requests the emulator received for these queries:"
    /usr/bin/python3 - <<'PY'
import os, sys
sys.path.insert(0, os.path.join(os.environ["top_srcdir"], "tests", "integration"))
import p1test
for r in p1test.requests():
    q = "&".join("%s=%s" % kv for kv in sorted(r["query"].items()))
    print("  %s %s%s -> %s" % (r["method"], r["path"], "?" + q if q else "", r["status"]))
PY
}
export -f run_queries
exec "$top/tests/integration/with-emulator.sh" bash -c run_queries
