#!/usr/bin/env bash
# The driver exports exactly the SQL* functions listed in driver/functions.h
# (plus the W twin of those marked as having one), nothing else, and does not
# link the driver manager (libodbc). SQLGetFunctions answers from that list,
# so this keeps SQLGetFunctions and the exports in step (TAP).
: "${top_srcdir:=.}"
: "${P1_DRIVER:=.libs/libpingoneodbc.so}"
n=0; failed=0
ok() { n=$((n+1)); if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=$((failed+1)); fi; }

if [ ! -f "$P1_DRIVER" ]; then echo "1..0 # SKIP driver not built: $P1_DRIVER"; exit 0; fi

listed=$(sed -n 's/^ *X(SQL_API_[A-Z0-9_]*, \(SQL[A-Za-z]*\), \([01]\)).*/\1 \2/p' \
         "$top_srcdir/driver/functions.h" | awk '{print $1; if ($2 == 1) print $1 "W"}' | sort)
exported=$(nm -D --defined-only "$P1_DRIVER" | awk '$2 == "T" {print $3}' | sort)
others=$(nm -D --defined-only "$P1_DRIVER" | awk '{print $3}' | grep -v '^SQL' | grep -v '^_' )

[ -n "$listed" ]; ok $? "functions.h lists functions ($(echo "$listed" | wc -l))"
missing=$(comm -23 <(echo "$listed") <(echo "$exported"))
[ -z "$missing" ]; ok $? "every listed function is exported"
[ -z "$missing" ] || echo "# missing: $missing"
extra=$(comm -13 <(echo "$listed") <(echo "$exported"))
[ -z "$extra" ]; ok $? "every exported function is listed (SQLGetFunctions reports it)"
[ -z "$extra" ] || echo "# not listed: $extra"
[ -z "$others" ]; ok $? "only SQL* symbols are exported"
[ -z "$others" ] || echo "# others: $others"
! readelf -d "$P1_DRIVER" | grep NEEDED | grep -q 'libodbc\.so'; ok $? "the driver does not link libodbc"
readelf -d "$P1_DRIVER" | grep NEEDED | grep -q 'libodbcinst'; ok $? "the driver links libodbcinst"

echo "1..$n"
[ $failed = 0 ]
