#!/usr/bin/env bash
# Configure and build out of tree: scripts/build.sh BUILDDIR [configure args...]
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
builddir=$1; shift
if [ ! -x "$top/configure" ] || [ "$top/configure.ac" -nt "$top/configure" ]; then
    (cd "$top" && autoreconf -fi >/dev/null 2>&1) || (cd "$top" && autoreconf -fi)
fi
mkdir -p "$builddir"
cd "$builddir"
if [ ! -f Makefile ] || [ "$top/configure" -nt config.status ]; then
    "$top/configure" -q "$@"
fi
make -j"$(nproc)" -s
