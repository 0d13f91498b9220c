# tests/oauth/: OAuth flows end to end through the driver manager (issue 5).
TESTS += tests/oauth/oauth_flows.sh
EXTRA_DIST += tests/oauth/oauth_flows.sh tests/oauth/test_oauth_flows.py tests/oauth/fake_browser.py
