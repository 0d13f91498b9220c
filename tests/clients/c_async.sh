#!/bin/sh
# Statement-level asynchronous execution through the driver manager against the emulator (TAP).
exec "${top_srcdir:-.}/tests/integration/with-emulator.sh" "${top_builddir:-.}/tests/clients/c_async"
