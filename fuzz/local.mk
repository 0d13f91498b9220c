# fuzz/: libFuzzer targets (see fuzz/README.md).
#
# make check: fuzz/replay feeds the seed corpus and the committed crash
# reproducers to every target (any compiler, also the ASan build).
# make fuzz:  fuzz/run.sh builds the targets with clang and
#             -fsanitize=fuzzer,address,undefined in a separate build
#             directory and runs each for FUZZ_SECONDS (default 60).

FUZZ_TARGETS = sql sql_plan connstr utf16 convert json_rows p1_error
FUZZ_TARGET_FILES = fuzz/fuzz_sql.c fuzz/fuzz_sql_plan.c fuzz/fuzz_connstr.c \
	fuzz/fuzz_utf16.c fuzz/fuzz_convert.c fuzz/fuzz_json_rows.c fuzz/fuzz_p1_error.c

check_PROGRAMS += fuzz/replay
fuzz_replay_SOURCES = fuzz/replay.c fuzz/fuzz_target.h $(FUZZ_TARGET_FILES) \
	tests/unit/fake_provider.c tests/unit/fake_provider.h
fuzz_replay_LDADD = $(UNIT_LIBS) $(JANSSON_LIBS)
TESTS += fuzz/replay

# The libFuzzer binaries: built only by fuzz/run.sh (in a build directory
# configured with CC=clang), never by all or check.
FUZZER_CPP = $(AM_CPPFLAGS) -DFUZZ_LIBFUZZER
FUZZER_LINK = $(AM_LDFLAGS) -fsanitize=fuzzer
FUZZER_LIBS = $(UNIT_LIBS) $(JANSSON_LIBS)
EXTRA_PROGRAMS = fuzz/fuzz_sql fuzz/fuzz_sql_plan fuzz/fuzz_connstr fuzz/fuzz_utf16 \
	fuzz/fuzz_convert fuzz/fuzz_json_rows fuzz/fuzz_p1_error
fuzz_fuzz_sql_SOURCES = fuzz/fuzz_sql.c tests/unit/fake_provider.c
fuzz_fuzz_sql_CPPFLAGS = $(FUZZER_CPP)
fuzz_fuzz_sql_LDFLAGS = $(FUZZER_LINK)
fuzz_fuzz_sql_LDADD = $(FUZZER_LIBS)
fuzz_fuzz_sql_plan_SOURCES = fuzz/fuzz_sql_plan.c
fuzz_fuzz_sql_plan_CPPFLAGS = $(FUZZER_CPP)
fuzz_fuzz_sql_plan_LDFLAGS = $(FUZZER_LINK)
fuzz_fuzz_sql_plan_LDADD = $(FUZZER_LIBS)
fuzz_fuzz_connstr_SOURCES = fuzz/fuzz_connstr.c
fuzz_fuzz_connstr_CPPFLAGS = $(FUZZER_CPP)
fuzz_fuzz_connstr_LDFLAGS = $(FUZZER_LINK)
fuzz_fuzz_connstr_LDADD = $(FUZZER_LIBS)
fuzz_fuzz_utf16_SOURCES = fuzz/fuzz_utf16.c
fuzz_fuzz_utf16_CPPFLAGS = $(FUZZER_CPP)
fuzz_fuzz_utf16_LDFLAGS = $(FUZZER_LINK)
fuzz_fuzz_utf16_LDADD = $(FUZZER_LIBS)
fuzz_fuzz_convert_SOURCES = fuzz/fuzz_convert.c
fuzz_fuzz_convert_CPPFLAGS = $(FUZZER_CPP)
fuzz_fuzz_convert_LDFLAGS = $(FUZZER_LINK)
fuzz_fuzz_convert_LDADD = $(FUZZER_LIBS)
fuzz_fuzz_json_rows_SOURCES = fuzz/fuzz_json_rows.c
fuzz_fuzz_json_rows_CPPFLAGS = $(FUZZER_CPP)
fuzz_fuzz_json_rows_LDFLAGS = $(FUZZER_LINK)
fuzz_fuzz_json_rows_LDADD = $(FUZZER_LIBS)
fuzz_fuzz_p1_error_SOURCES = fuzz/fuzz_p1_error.c
fuzz_fuzz_p1_error_CPPFLAGS = $(FUZZER_CPP)
fuzz_fuzz_p1_error_LDFLAGS = $(FUZZER_LINK)
fuzz_fuzz_p1_error_LDADD = $(FUZZER_LIBS)

EXTRA_DIST += fuzz/README.md fuzz/run.sh fuzz/corpus fuzz/regressions

# Bounded fuzzing run (clang required; see fuzz/README.md).
fuzz:
	top_srcdir='$(abs_top_srcdir)' FUZZ_TARGETS='$(FUZZ_TARGETS)' \
	  $(SHELL) $(srcdir)/fuzz/run.sh
.PHONY: fuzz
