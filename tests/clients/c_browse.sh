#!/bin/sh
# SQLBrowseConnect(W) through the driver manager against the emulator (TAP).
exec "${top_srcdir:-.}/tests/integration/with-emulator.sh" "${top_builddir:-.}/tests/clients/c_browse"
