# oauth/: client-credentials sign-in (token endpoint).
libp1core_la_SOURCES += oauth/client_credentials.c oauth/client_credentials.h
