#!/usr/bin/env bash
# isql and iusql golden transcripts (TAP): each tests/clients/isql/<case>.sql
# runs through `isql -b -c -d'|'` (box_* cases: `isql -b`, the table
# output) and iusql where tools.txt says so, and must
# print exactly <case>.expected. The expected files are computed from the
# emulator's dataset by isql/make_expected.py; the first check re-runs it to
# prove the committed files are current.
if [ -z "${P1_DSN:-}" ]; then
    exec "${top_srcdir:-.}/tests/integration/with-emulator.sh" bash "$0" "$@"
fi
dir="$top_srcdir/tests/clients/isql"
n=0; failed=0
ok() { n=$((n+1)); if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=$((failed+1)); fi; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/p1isql.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
"${PYTHON3:-/usr/bin/python3}" "$dir/make_expected.py" "$tmp/gen"
diff -r "$dir" "$tmp/gen" -x make_expected.py -x __pycache__ > "$tmp/gen.diff" 2>&1
ok $? "expected transcripts are what make_expected.py computes from the dataset"
[ -s "$tmp/gen.diff" ] && sed 's/^/# /' "$tmp/gen.diff" | head -20

while read -r name tools; do
    [ -n "$name" ] || continue
    for tool in $tools; do
        # iusql itself trips ASan (overlapping strncpy in its own code): in a
        # sanitizer build, turn off ASan's libc string checks for it alone.
        asan="${ASAN_OPTIONS:-}"
        [ $tool = iusql ] && [ -n "${P1_SANITIZE_PRELOAD:-}" ] &&
            asan="replace_str=0:intercept_strlen=0:intercept_strchr=0:intercept_strndup=0:$asan"
        case $name in box_*) opts="-b" ;; *) opts="-b -c -d|" ;; esac
        ASAN_OPTIONS="$asan" $tool $opts "$P1_DSN" < "$dir/$name.sql" \
            > "$tmp/$name.$tool.out" 2> "$tmp/$name.$tool.err"
        diff "$dir/$name.expected" "$tmp/$name.$tool.out" > "$tmp/$name.$tool.diff"
        ok $? "$tool: $name"
        [ -s "$tmp/$name.$tool.diff" ] && sed 's/^/# /' "$tmp/$name.$tool.diff" "$tmp/$name.$tool.err" | head -30
    done
done < "$dir/tools.txt"

# One error transcript (text written here, from the driver's documented
# messages): isql is an ODBC 2 application, so 42S02 reaches it as S0002.
out=$(echo "SELECT Id FROM NoSuchTable" | isql -b -v "$P1_DSN" 2>&1)
exp="[S0002][pingone-odbc]Table 'NoSuchTable' does not exist.
[ISQL]ERROR: Could not SQLPrepare"
[ "$out" = "$exp" ]; r=$?
ok $r "isql: unknown table transcript"
[ $r = 0 ] || echo "$out" | sed 's/^/# /'

echo "1..$n"
[ $failed = 0 ]
