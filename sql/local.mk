# sql: sources and tests (see top-level Makefile.am)
