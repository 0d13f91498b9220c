#!/usr/bin/env bash
# Run a command against a private PingOne emulator through the real unixODBC
# driver manager, with private ini files (never /etc).
#
#   tests/integration/with-emulator.sh CMD [ARGS...]
#
# Exports ODBCSYSINI, ODBCINSTINI, ODBCINI, P1_DSN, P1_DSN_POST, P1_DRIVER,
# P1_CONNSTR, P1_EMULATOR_URL, P1_EMULATOR_CA, P1_EMULATOR_STATE, P1_LOGFILE,
# then runs CMD and returns its exit status. The emulator is stopped on exit.
set -u
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
: "${top_srcdir:=$(cd "$here/../.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
: "${PYTHON3:=/usr/bin/python3}"
: "${P1_DRIVER:=$top_builddir/.libs/libpingoneodbc.so}"
export top_srcdir top_builddir PYTHON3 P1_DRIVER

if [ ! -f "$P1_DRIVER" ]; then
    echo "with-emulator: driver not built: $P1_DRIVER" >&2
    exit 99
fi

state=$(mktemp -d "${TMPDIR:-/tmp}/p1emu.XXXXXX")
emu_pid=""
cleanup() {
    if [ -n "$emu_pid" ]; then
        kill "$emu_pid" 2>/dev/null
        wait "$emu_pid" 2>/dev/null
    fi
    if [ -z "${P1_KEEP_STATE:-}" ]; then rm -rf "$state"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

"$PYTHON3" "$top_srcdir/tests/emulator/emulator.py" --state-dir "$state/emu" --port 0 \
    ${P1_EMULATOR_ARGS:-} >/dev/null 2>"$state/emulator.stderr" &
emu_pid=$!
for _ in $(seq 1 300); do
    [ -s "$state/emu/port" ] && break
    if ! kill -0 "$emu_pid" 2>/dev/null; then
        echo "with-emulator: emulator exited:" >&2
        cat "$state/emulator.stderr" >&2
        exit 99
    fi
    sleep 0.1
done
if [ ! -s "$state/emu/port" ]; then
    echo "with-emulator: emulator did not start in 30 s" >&2
    exit 99
fi
port=$(cat "$state/emu/port")

# Constants of the emulated tenant come from the dataset module.
eval "$("$PYTHON3" - "$top_srcdir/tests/emulator" <<'PY'
import sys
sys.path.insert(0, sys.argv[1])
import dataset as d
for k in ("ADMIN_ENV_ID", "DEFAULT_ENV_ID", "CLIENT_ID", "CLIENT_SECRET",
          "POST_CLIENT_ID", "POST_CLIENT_SECRET"):
    print("%s='%s'" % (k, getattr(d, k)))
PY
)"

url="https://127.0.0.1:$port"
ini="$state/ini"
mkdir -p "$ini"
cat > "$ini/odbcinst.ini" <<INI
[PingOne]
Description = pingone-odbc (test build)
Driver      = $P1_DRIVER
Threading   = 0
INI
common_props() {
    cat <<INI
WorkerAppEnvironmentId = $ADMIN_ENV_ID
EnvironmentId          = $DEFAULT_ENV_ID
AuthorizationServerURL = $url/$ADMIN_ENV_ID/as
APIBaseURL             = $url/v1
SSLServerCert          = $state/emu/ca.pem
Logfile                = $state/driver.log
Verbosity              = 3
INI
}
{
    echo "[PingOneTest]"
    echo "Driver                 = PingOne"
    echo "OAuthClientId          = $CLIENT_ID"
    echo "OAuthClientSecret      = $CLIENT_SECRET"
    common_props
    echo
    echo "[PingOneTestPost]"
    echo "Driver                 = PingOne"
    echo "OAuthClientId          = $POST_CLIENT_ID"
    echo "OAuthClientSecret      = $POST_CLIENT_SECRET"
    common_props
} > "$ini/odbc.ini"

export ODBCSYSINI="$ini" ODBCINSTINI=odbcinst.ini ODBCINI="$ini/odbc.ini"
export P1_DSN=PingOneTest P1_DSN_POST=PingOneTestPost
export P1_EMULATOR_URL="$url" P1_EMULATOR_CA="$state/emu/ca.pem" P1_EMULATOR_STATE="$state/emu"
export P1_LOGFILE="$state/driver.log"
export P1_CONNSTR="Driver=$P1_DRIVER;OAuthClientId=$CLIENT_ID;OAuthClientSecret=$CLIENT_SECRET;WorkerAppEnvironmentId=$ADMIN_ENV_ID;EnvironmentId=$DEFAULT_ENV_ID;AuthorizationServerURL=$url/$ADMIN_ENV_ID/as;APIBaseURL=$url/v1;SSLServerCert=$state/emu/ca.pem"
export P1_CLIENT_SECRET="$CLIENT_SECRET"

# In a sanitizer build, uninstrumented clients (python3, isql, perl, php)
# load the instrumented driver with the sanitizer runtimes preloaded.
if [ -n "${P1_SANITIZE_PRELOAD:-}" ]; then
    export LD_PRELOAD="$P1_SANITIZE_PRELOAD"
    export ASAN_OPTIONS="detect_leaks=0:abort_on_error=0:exitcode=86:${ASAN_OPTIONS:-}"
fi
# P1_VALGRIND (check-valgrind) wraps the command in valgrind.
if [ -n "${P1_VALGRIND:-}" ]; then
    set -- valgrind -q --error-exitcode=97 --leak-check=full --errors-for-leak-kinds=definite \
        --show-leak-kinds=definite --suppressions="$top_srcdir/tests/valgrind.supp" "$@"
fi
"$@"
