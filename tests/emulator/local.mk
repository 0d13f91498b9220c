# tests/emulator: the PingOne emulator (Python 3 standard library only) and its
# TAP tests.  Included from the top Makefile.am.
EMULATOR_PY = \
	tests/emulator/emulator.py tests/emulator/dataset.py \
	tests/emulator/scim_filter.py tests/emulator/paging.py \
	tests/emulator/certs.py tests/emulator/p1errors.py \
	tests/emulator/state.py tests/emulator/token_endpoint.py \
	tests/emulator/management.py tests/emulator/control.py \
	tests/emulator/emutest.py tests/emulator/dataset_extra.py \
	tests/emulator/resources.py tests/emulator/oauth_flows.py

EMULATOR_TESTS = tests/emulator/test_emulator.py tests/emulator/test_schema.py \
	tests/emulator/test_emulator_data.py tests/emulator/test_emulator_oauth.py \
	tests/emulator/test_emulator_transport.py tests/emulator/test_activity_filter.py
TESTS += $(EMULATOR_TESTS)
EXTRA_DIST += $(EMULATOR_PY) tests/emulator/README.md $(EMULATOR_TESTS)
