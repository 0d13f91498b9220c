#!/usr/bin/env bash
# Install the Debian packages pingone-odbc needs to build and test, when missing.
# Runtime: unixODBC, libcurl (OpenSSL), Jansson, OpenSSL. Build: autotools.
# Tests: isql, pyodbc, DBD::ODBC, PHP odbc, valgrind, python3-yaml/jsonschema.
set -eu
build_pkgs="build-essential autoconf automake libtool pkg-config unixodbc unixodbc-dev odbcinst
libcurl4-openssl-dev libjansson-dev libssl-dev openssl python3"
test_pkgs="python3-pyodbc python3-yaml python3-jsonschema libdbd-odbc-perl php-cli php-odbc valgrind clang libclang-rt-14-dev python3-pandas"
want="$build_pkgs"
[ "${1:-}" = "--test" ] && want="$build_pkgs $test_pkgs"
missing=""
for p in $want; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" != 0 ]; then
    echo "Missing Debian packages:$missing" >&2
    echo "Install them with: sudo apt-get install$missing" >&2
    exit 1
fi
echo "Installing:$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends $missing >/dev/null
