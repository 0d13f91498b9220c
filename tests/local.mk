# tests/: unit-test helpers, and the integration and client tests that go
# through the real unixODBC driver manager against the emulator.
EXTRA_DIST += tests/tap.h
