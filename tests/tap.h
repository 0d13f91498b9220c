/**
 * @file tap.h
 * A tiny TAP producer for C unit tests (Test Anything Protocol, read by
 * automake's tap-driver.sh and by prove).
 *
 *   plan_lazy();                   // or plan(N)
 *   ok(cond, "what %s", "holds");
 *   is_str(got, "want", "name");
 *   is_int(got, 42, "name");
 *   return done_testing();
 *
 * A program that runs the same checks on several paths sets tap_tag (e.g.
 * "A", "W") and every line then reads "ok N - [A] ...".
 */
#ifndef P1_TESTS_TAP_H
#define P1_TESTS_TAP_H

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int tap_n, tap_failed, tap_planned = -1;
static const char *tap_tag; /* printed as "[tag] " before each description when set */

static inline void plan(int n) { tap_planned = n; printf("1..%d\n", n); }
static inline void plan_lazy(void) { tap_planned = -1; }

static inline int tap_vok(int cond, const char *fmt, va_list ap)
{
    tap_n++;
    printf("%s %d - ", cond ? "ok" : "not ok", tap_n);
    if (tap_tag)
        printf("[%s] ", tap_tag);
    vprintf(fmt, ap);
    printf("\n");
    if (!cond)
        tap_failed++;
    fflush(stdout);
    return cond;
}

static inline int ok(int cond, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static inline int ok(int cond, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int r = tap_vok(cond, fmt, ap);
    va_end(ap);
    return r;
}

static inline void diag(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static inline void diag(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    printf("# ");
    vprintf(fmt, ap);
    printf("\n");
    va_end(ap);
}

#define is_str(got, want, ...) do { \
        const char *g_ = (got), *w_ = (want); \
        if (!ok(g_ && w_ ? strcmp(g_, w_) == 0 : g_ == w_, __VA_ARGS__)) \
            diag("  got: '%s'\n#   expected: '%s'", g_ ? g_ : "(null)", w_ ? w_ : "(null)"); \
    } while (0)

#define is_int(got, want, ...) do { \
        long long g_ = (long long)(got), w_ = (long long)(want); \
        if (!ok(g_ == w_, __VA_ARGS__)) \
            diag("  got: %lld\n#   expected: %lld", g_, w_); \
    } while (0)

static inline int done_testing(void)
{
    if (tap_planned < 0)
        printf("1..%d\n", tap_n);
    return tap_failed ? 1 : 0;
}

#endif
