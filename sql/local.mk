# sql: the SQL engine (engine.h over provider.h), and its unit tests.
libp1core_la_SOURCES += \
	sql/engine.h sql/provider.h sql/session.h sql/prepared.h \
	sql/lexer.c sql/lexer.h \
	sql/ast.c sql/ast.h \
	sql/parser.c sql/parser.h \
	sql/func.c sql/func.h \
	sql/casemap.c sql/casemap.h \
	sql/expr.c sql/expr.h \
	sql/cons.c sql/cons.h \
	sql/bind.c \
	sql/planner.c \
	sql/correlated.c \
	sql/exec.c \
	sql/explain.c \
	sql/join.c \
	sql/call.c \
	sql/memresult.c \
	sql/session.c \
	sql/cancel.c sql/cancel.h \
	sql/params.c \
	sql/redact.c sql/redact.h

EXTRA_DIST += sql/README.md sql/casemap_gen.py

check_PROGRAMS += tests/unit/test_sql_lexer tests/unit/test_sql_parser tests/unit/test_sql_exec \
	tests/unit/test_sql_robust tests/unit/test_sql_join
tests_unit_test_sql_join_SOURCES = tests/unit/test_sql_join.c tests/unit/fake_provider.c \
	tests/unit/fake_provider.h
tests_unit_test_sql_join_LDADD = $(UNIT_LIBS)
tests_unit_test_sql_lexer_SOURCES = tests/unit/test_sql_lexer.c
tests_unit_test_sql_lexer_LDADD = $(UNIT_LIBS)
tests_unit_test_sql_parser_SOURCES = tests/unit/test_sql_parser.c tests/unit/fake_provider.c \
	tests/unit/fake_provider.h
tests_unit_test_sql_parser_LDADD = $(UNIT_LIBS)
tests_unit_test_sql_exec_SOURCES = tests/unit/test_sql_exec.c tests/unit/fake_provider.c \
	tests/unit/fake_provider.h
tests_unit_test_sql_exec_LDADD = $(UNIT_LIBS)
tests_unit_test_sql_robust_SOURCES = tests/unit/test_sql_robust.c tests/unit/fake_provider.c \
	tests/unit/fake_provider.h
tests_unit_test_sql_robust_LDADD = $(UNIT_LIBS)
TESTS += tests/unit/test_sql_lexer tests/unit/test_sql_parser tests/unit/test_sql_exec \
	tests/unit/test_sql_robust tests/unit/test_sql_join

check_PROGRAMS += tests/unit/test_sql_correlated
tests_unit_test_sql_correlated_SOURCES = tests/unit/test_sql_correlated.c tests/unit/fake_provider.c \
	tests/unit/fake_provider.h
tests_unit_test_sql_correlated_LDADD = $(UNIT_LIBS)
TESTS += tests/unit/test_sql_correlated

check_PROGRAMS += tests/unit/test_sql_casemap
tests_unit_test_sql_casemap_SOURCES = tests/unit/test_sql_casemap.c tests/unit/fake_provider.c \
	tests/unit/fake_provider.h
tests_unit_test_sql_casemap_LDADD = $(UNIT_LIBS)
TESTS += tests/unit/test_sql_casemap

check_PROGRAMS += tests/unit/test_sql_redact
tests_unit_test_sql_redact_SOURCES = tests/unit/test_sql_redact.c
tests_unit_test_sql_redact_LDADD = $(UNIT_LIBS)
TESTS += tests/unit/test_sql_redact

check_PROGRAMS += tests/unit/test_sql_params
tests_unit_test_sql_params_SOURCES = tests/unit/test_sql_params.c tests/unit/fake_provider.c \
	tests/unit/fake_provider.h
tests_unit_test_sql_params_LDADD = $(UNIT_LIBS)
TESTS += tests/unit/test_sql_params

check_PROGRAMS += tests/unit/test_sql_cancel
tests_unit_test_sql_cancel_SOURCES = tests/unit/test_sql_cancel.c tests/unit/fake_provider.c \
	tests/unit/fake_provider.h
tests_unit_test_sql_cancel_LDADD = $(UNIT_LIBS)
TESTS += tests/unit/test_sql_cancel
