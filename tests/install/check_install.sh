#!/usr/bin/env bash
# `make install` into a staging directory (DESTDIR) installs libpingoneodbc.so
# and the odbcinst.ini template naming the installed library path; the
# README's `odbcinst -i -d -f <template>` registers that template in a private
# ini directory (ODBCSYSINI, never /etc), and the driver manager then loads the
# installed library by the driver name `PingOne` (TAP).
: "${top_builddir:=.}"
n=0; failed=0
ok() { n=$((n+1)); if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=$((failed+1)); fi; }

if [ ! -f "$top_builddir/Makefile" ]; then echo "1..0 # SKIP no build directory: $top_builddir"; exit 0; fi
for tool in odbcinst isql; do
    command -v "$tool" >/dev/null || { echo "1..0 # SKIP $tool not installed"; exit 0; }
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/p1install.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
stage="$tmp/stage"

# A nested make from a test: forget the parent's jobserver and flags.
env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s -C "$top_builddir" install DESTDIR="$stage" \
    > "$tmp/install.log" 2>&1
rc=$?
ok $rc "make install DESTDIR=... succeeds"
[ $rc = 0 ] || sed 's/^/# /' "$tmp/install.log" | tail -20

lib=$(find "$stage" -name libpingoneodbc.so \( -type f -o -type l \) | head -1)
[ -n "$lib" ]; ok $? "libpingoneodbc.so is installed (${lib#$stage})"
tpl=$(find "$stage" -path '*/pingone-odbc/odbcinst.ini' -type f | head -1)
[ -n "$tpl" ]; ok $? "the odbcinst.ini template is installed under \$(datadir)/pingone-odbc (${tpl#$stage})"
[ -z "$(find "$stage" -name 'libpingoneodbc.so.*')" ]; ok $? "the module has no version suffix (libpingoneodbc.so only)"

driver_line=$(sed -n 's/^Driver *= *//p' "$tpl" 2>/dev/null)
[ -n "$lib" ] && [ "$driver_line" = "${lib#$stage}" ]
ok $? "the template's Driver is the installed library path (Driver = $driver_line)"
! grep -q '@DRIVER_PATH@' "$tpl" 2>/dev/null; ok $? "no unsubstituted placeholder in the template"

# Register the installed template as the README says, in a private ODBCSYSINI.
ini="$tmp/etc"
mkdir -p "$ini"
export ODBCSYSINI="$ini" ODBCINSTINI=odbcinst.ini ODBCINI="$ini/odbc.ini"
: > "$ini/odbc.ini"
odbcinst -i -d -f "$tpl" > "$tmp/odbcinst.out" 2>&1
ok $? "odbcinst -i -d -f <installed template> registers the driver"
odbcinst -q -d 2>/dev/null | grep -qx '\[PingOne\]'
ok $? "odbcinst -q -d lists [PingOne]"
[ "$(odbcinst -q -d -n PingOne 2>/dev/null | sed -n 's/^Driver *= *//p')" = "$driver_line" ]
ok $? "the registered driver points at the installed path"

# The driver manager loads the installed library: point the registration at
# the staged copy (the real prefix is not installed) and ask for a
# connection without credentials; the answer must come from our driver.
sed -i "s|^Driver *=.*|Driver = $lib|" "$ini/odbcinst.ini"
if [ -n "${P1_SANITIZE_PRELOAD:-}" ]; then
    export LD_PRELOAD="$P1_SANITIZE_PRELOAD"
    export ASAN_OPTIONS="detect_leaks=0:${ASAN_OPTIONS:-}"
fi
out=$(echo "" | isql -v -k "Driver=PingOne;WorkerAppEnvironmentId=x" 2>&1)
echo "$out" | grep -q "OAuthClientId"
ok $? "isql through Driver=PingOne reaches the installed driver (it names the missing OAuthClientId)"
echo "$out" | grep -q "OAuthClientId" || echo "$out" | sed 's/^/# /'

echo "1..$n"
[ $failed = 0 ]
