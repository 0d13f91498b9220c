/**
 * @file fuzz_target.h
 * One fuzz target = one function taking arbitrary bytes. Built with
 * -DFUZZ_LIBFUZZER (fuzz/run.sh) the function is libFuzzer's
 * LLVMFuzzerTestOneInput; otherwise it is named fuzz_<name>_one so that the
 * replay driver (fuzz/replay.c) links every target into one program and
 * feeds the seed corpus and the committed regressions to the same code.
 *
 * A target must never crash on any input. Broken invariants (an error without
 * a SQLSTATE, a wrong length...) are reported with FUZZ_CHECK, which traps so
 * that libFuzzer and the replay both see a crash naming the condition.
 */
#ifndef P1_FUZZ_TARGET_H
#define P1_FUZZ_TARGET_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "common/err.h"

#ifdef FUZZ_LIBFUZZER
#define FUZZ_TARGET(name) int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
#else
#define FUZZ_TARGET(name) int fuzz_##name##_one(const uint8_t *data, size_t size)
#endif

/** Stop with a message on stderr when cond is false (an invariant the target checks). */
#define FUZZ_CHECK(cond) do { \
        if (!(cond)) { \
            fprintf(stderr, "%s:%d: fuzz invariant failed: %s\n", __FILE__, __LINE__, #cond); \
            abort(); \
        } \
    } while (0)

/**
 * Check that a failure was reported as a diagnostic: e set, a SQLSTATE of
 * five characters [0-9A-Z] and a non-empty, NUL-terminated message.
 */
static inline void fuzz_check_err(const err *e)
{
    FUZZ_CHECK(e->set);
    for (int i = 0; i < 5; i++) {
        char c = e->sqlstate[i];
        FUZZ_CHECK((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z'));
    }
    FUZZ_CHECK(e->sqlstate[5] == '\0');
    FUZZ_CHECK(e->message[0] != '\0');
    int nul = 0;
    for (size_t i = 0; i < sizeof e->message; i++)
        if (e->message[i] == '\0') {
            nul = 1;
            break;
        }
    FUZZ_CHECK(nul);
}

/** A malloc'd NUL-terminated copy of data[0..size) (NULL when out of memory). */
static inline char *fuzz_strndup(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (!s)
        return NULL;
    for (size_t i = 0; i < size; i++)
        s[i] = (char)data[i];
    s[size] = '\0';
    return s;
}

/* Entry points of the replay build (one per target in fuzz/). */
int fuzz_sql_one(const uint8_t *data, size_t size);
int fuzz_sql_plan_one(const uint8_t *data, size_t size);
int fuzz_connstr_one(const uint8_t *data, size_t size);
int fuzz_utf16_one(const uint8_t *data, size_t size);
int fuzz_convert_one(const uint8_t *data, size_t size);
int fuzz_json_rows_one(const uint8_t *data, size_t size);
int fuzz_p1_error_one(const uint8_t *data, size_t size);

#endif
