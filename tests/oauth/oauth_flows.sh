#!/bin/sh
# OAuth flows through the driver manager against the emulator (TAP).
exec "${top_srcdir:-.}/tests/integration/with-emulator.sh" /usr/bin/python3 "${top_srcdir:-.}/tests/oauth/test_oauth_flows.py"
