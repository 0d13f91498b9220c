#!/bin/sh
# PHP's odbc extension against the emulator (TAP printed by php_odbc.php).
if [ -z "${P1_DSN:-}" ]; then
    exec "${top_srcdir:-.}/tests/integration/with-emulator.sh" sh "$0" "$@"
fi
if [ -n "${P1_SANITIZE_PRELOAD:-}" ]; then
    echo "1..0 # SKIP sanitizer build: php dlopens its extensions with RTLD_DEEPBIND, which ASan cannot run"
    exit 0
fi
if ! command -v php >/dev/null 2>&1 || ! php -m 2>/dev/null | grep -qx odbc; then
    echo "1..0 # SKIP php-cli with the odbc extension is not installed (Debian php-cli php-odbc)"
    exit 0
fi
facts=$("${PYTHON3:-/usr/bin/python3}" - "$top_srcdir/tests/emulator" <<'PY'
import sys
sys.path.insert(0, sys.argv[1])
import dataset
env = dataset.build().envs[dataset.DEFAULT_ENV_ID]
u = {x["username"]: x for x in env.users}
print("%d|%s|%s|%s" % (len(env.users), u["user0042"]["id"], u["user0042"].get("email", ""),
                       u["josé"]["name"]["family"]))
PY
)
P1_FACTS="$facts" exec php -d display_errors=stderr "$top_srcdir/tests/clients/php_odbc.php"
