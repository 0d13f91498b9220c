#!/bin/sh
# A BI tool's connect sequence replayed through the driver manager against the emulator (TAP).
exec "${top_srcdir:-.}/tests/integration/with-emulator.sh" "${top_builddir:-.}/tests/clients/bi_sequence"
