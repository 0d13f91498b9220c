# oauth/: sign-in flows (client credentials, authorization code with PKCE,
# refresh), the browser/callback listener and the encrypted token store.
libp1core_la_SOURCES += oauth/client_credentials.c oauth/client_credentials.h \
	oauth/pkce.c oauth/pkce.h \
	oauth/user_grant.c oauth/user_grant.h \
	oauth/store.c oauth/store.h \
	oauth/callback.c oauth/callback.h

# The provider's glue to oauth/ (token handling per connection) and the OAuth
# stored procedures live in pingone/ but are registered here (issue 5).
libp1core_la_SOURCES += pingone/auth.c pingone/auth.h pingone/procedures.c pingone/procedures.h

check_PROGRAMS += tests/unit/test_oauth_pkce tests/unit/test_oauth_store
tests_unit_test_oauth_pkce_SOURCES = tests/unit/test_oauth_pkce.c
tests_unit_test_oauth_pkce_LDADD = $(UNIT_LIBS)
tests_unit_test_oauth_store_SOURCES = tests/unit/test_oauth_store.c
tests_unit_test_oauth_store_LDADD = $(UNIT_LIBS)
TESTS += tests/unit/test_oauth_pkce tests/unit/test_oauth_store
EXTRA_DIST += oauth/README.md
