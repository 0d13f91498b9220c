/**
 * @file test_convert.c
 * Unit tests for driver/convert.c and driver/convert_param.c: every SQL->C
 * conversion of our types, each error SQLSTATE, SQLGetData in parts over
 * many buffer sizes and fence-post lengths, and parameter conversions C->SQL.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/value.h"
#include "driver/convert.h"
#include "driver/utf16.h"
#include "tests/tap.h"

/* ------------------------------------------------------------------ */
/* helpers                                                             */

static sql_value v_text(const char *s) { sql_value v = {0}; sqlval_set_text(&v, s); return v; }
static sql_value v_int(int64_t i) { sql_value v = {0}; sqlval_set_int(&v, i); return v; }
static sql_value v_bool(int b) { sql_value v = {0}; sqlval_set_bool(&v, b); return v; }
static sql_value v_dbl(double d) { sql_value v = {0}; sqlval_set_double(&v, d); return v; }
static sql_value v_ts(int64_t ms) { sql_value v = {0}; sqlval_set_timestamp(&v, ms); return v; }

/** Column type used for a value's conversions in these tests (BIGINT for INT). */
static int colsize_of(const sql_value *v) { return v->type == SQLT_INT ? 19 : 0; }

/** One conv_to_c call on a fresh *pos; returns rc, fills *ind and e. */
static SQLRETURN once(const sql_value *v, SQLSMALLINT ctype, void *buf, SQLLEN buflen,
                      SQLLEN *ind, err *e)
{
    SQLLEN pos = 0;
    err_clear(e);
    return conv_to_c(v, v->type, colsize_of(v), ctype, buf, buflen, ind, &pos, e);
}

/** Expect an error or warning with a given SQLSTATE. */
#define is_state(rc_, want_rc, e_, state, ...) do { \
        int ok_ = (rc_) == (want_rc) && strcmp((e_).sqlstate, state) == 0; \
        if (!ok(ok_, __VA_ARGS__)) \
            diag("  rc %d state '%s' (%s), expected rc %d state %s", (int)(rc_), (e_).sqlstate, \
                 (e_).message, (int)(want_rc), state); \
    } while (0)

/** Text of a value as SQL_C_CHAR with a big buffer. */
static void check_char(const sql_value *v, const char *want, const char *name)
{
    char buf[128];
    SQLLEN ind = 0;
    err e;
    SQLRETURN rc = once(v, SQL_C_CHAR, buf, sizeof buf, &ind, &e);
    ok(rc == SQL_SUCCESS && ind == (SQLLEN)strlen(want) && strcmp(buf, want) == 0,
       "%s -> SQL_C_CHAR '%s'", name, want);
    if (rc != SQL_SUCCESS || strcmp(buf, want) != 0)
        diag("  rc %d got '%s' (%s)", rc, buf, e.message);
}

/** Text of a value as SQL_C_WCHAR with a big buffer. */
static void check_wchar(const sql_value *v, const char *want, const char *name)
{
    SQLWCHAR buf[128];
    SQLLEN ind = 0;
    err e;
    SQLRETURN rc = once(v, SQL_C_WCHAR, buf, sizeof buf, &ind, &e);
    size_t n = 0;
    SQLWCHAR *w = utf8_to_utf16(want, strlen(want), &n);
    ok(rc == SQL_SUCCESS && ind == (SQLLEN)(n * 2) && memcmp(buf, w, (n + 1) * 2) == 0,
       "%s -> SQL_C_WCHAR '%s'", name, want);
    free(w);
}

/* ------------------------------------------------------------------ */
/* SQL -> C: fixed types                                               */

static void test_null(void)
{
    sql_value v = {0};
    char buf[8];
    SQLLEN ind = 0, pos = 0;
    err e;
    err_clear(&e);
    SQLRETURN rc = conv_to_c(&v, SQLT_TEXT, 10, SQL_C_CHAR, buf, sizeof buf, &ind, &pos, &e);
    ok(rc == SQL_SUCCESS && ind == SQL_NULL_DATA, "NULL -> SQL_NULL_DATA");
    rc = conv_to_c(&v, SQLT_TEXT, 10, SQL_C_CHAR, buf, sizeof buf, &ind, &pos, &e);
    is_int(rc, SQL_NO_DATA, "NULL: second SQLGetData call -> SQL_NO_DATA");
    pos = 0;
    rc = conv_to_c(&v, SQLT_INT, 10, SQL_C_SLONG, buf, sizeof buf, NULL, &pos, &e);
    is_state(rc, SQL_ERROR, e, "22002", "NULL without indicator -> 22002");
    pos = 0;
    rc = conv_to_c(&v, SQLT_TIMESTAMP, 0, SQL_C_TYPE_TIMESTAMP, buf, sizeof buf, &ind, &pos, &e);
    ok(rc == SQL_SUCCESS && ind == SQL_NULL_DATA, "NULL timestamp -> SQL_NULL_DATA");
}

static void test_to_text(void)
{
    sql_value v;
    v = v_bool(1); check_char(&v, "1", "BIT 1"); check_wchar(&v, "1", "BIT 1");
    v = v_bool(0); check_char(&v, "0", "BIT 0");
    v = v_int(42); check_char(&v, "42", "INT 42"); check_wchar(&v, "42", "INT 42");
    v = v_int(INT64_MIN); check_char(&v, "-9223372036854775808", "INT min");
    v = v_int(INT64_MAX); check_char(&v, "9223372036854775807", "INT max");
    v = v_dbl(1.5); check_char(&v, "1.5", "DOUBLE 1.5"); check_wchar(&v, "1.5", "DOUBLE 1.5");
    v = v_dbl(0.1); check_char(&v, "0.1", "DOUBLE 0.1 (shortest round-trip form)");
    v = v_dbl(-2.0); check_char(&v, "-2", "DOUBLE -2");
    v = v_dbl(1e300); check_char(&v, "1e+300", "DOUBLE 1e300");
    v = v_dbl(1.0 / 3.0); check_char(&v, "0.3333333333333333", "DOUBLE 1/3 (17 significant digits when needed)");
    v = v_ts(ts_compose(2023, 4, 5, 6, 7, 8, 123));
    check_char(&v, "2023-04-05 06:07:08.123", "TIMESTAMP");
    check_wchar(&v, "2023-04-05 06:07:08.123", "TIMESTAMP");
    v = v_text("Jos\xC3\xA9 \xF0\x9F\x98\x80");
    check_char(&v, "Jos\xC3\xA9 \xF0\x9F\x98\x80", "TEXT UTF-8 unchanged");
    check_wchar(&v, "Jos\xC3\xA9 \xF0\x9F\x98\x80", "TEXT with emoji");
    sqlval_clear(&v);
    v = v_text(""); check_char(&v, "", "empty TEXT"); check_wchar(&v, "", "empty TEXT"); sqlval_clear(&v);

    /* Whole digits must fit, else 22003 (appendix D). */
    char buf[32];
    SQLLEN ind;
    err e;
    v = v_int(12345);
    is_state(once(&v, SQL_C_CHAR, buf, 5, &ind, &e), SQL_ERROR, e, "22003", "INT 12345 into 5 bytes -> 22003");
    ok(once(&v, SQL_C_CHAR, buf, 6, &ind, &e) == SQL_SUCCESS && strcmp(buf, "12345") == 0,
       "INT 12345 into 6 bytes fits");
    SQLWCHAR wb[8];
    is_state(once(&v, SQL_C_WCHAR, wb, 10, &ind, &e), SQL_ERROR, e, "22003", "INT 12345 into 10 WCHAR bytes -> 22003");
    ok(once(&v, SQL_C_WCHAR, wb, 12, &ind, &e) == SQL_SUCCESS && wb[4] == '5' && wb[5] == 0,
       "INT 12345 into 12 WCHAR bytes fits");
    v = v_dbl(123.456);
    SQLRETURN rc = once(&v, SQL_C_CHAR, buf, 5, &ind, &e);
    ok(rc == SQL_SUCCESS_WITH_INFO && strcmp(e.sqlstate, "01004") == 0 && strcmp(buf, "123.") == 0
       && ind == 7, "DOUBLE 123.456 into 5 bytes -> '123.' with 01004");
    is_state(once(&v, SQL_C_CHAR, buf, 3, &ind, &e), SQL_ERROR, e, "22003", "DOUBLE 123.456 into 3 bytes -> 22003");
    v = v_ts(ts_compose(2023, 4, 5, 6, 7, 8, 123));
    rc = once(&v, SQL_C_CHAR, buf, 20, &ind, &e);
    ok(rc == SQL_SUCCESS_WITH_INFO && strcmp(buf, "2023-04-05 06:07:08") == 0 && ind == 23,
       "TIMESTAMP into 20 bytes -> seconds only, 01004");
    is_state(once(&v, SQL_C_CHAR, buf, 19, &ind, &e), SQL_ERROR, e, "22003", "TIMESTAMP into 19 bytes -> 22003");
    v = v_int(7);
    rc = once(&v, SQL_C_CHAR, NULL, 0, &ind, &e);
    ok(rc == SQL_SUCCESS_WITH_INFO && ind == 1, "INT length probe (NULL buffer) reports 1 byte");
}

static void test_to_binary(void)
{
    unsigned char buf[32];
    SQLLEN ind = 0, pos = 0;
    err e;
    sql_value v = v_text("ab\xC3\xA9");
    SQLRETURN rc = once(&v, SQL_C_BINARY, buf, sizeof buf, &ind, &e);
    ok(rc == SQL_SUCCESS && ind == 4 && memcmp(buf, "ab\xC3\xA9", 4) == 0, "TEXT -> BINARY raw UTF-8 bytes");
    sqlval_clear(&v);
    v = v_int(-2);
    err_clear(&e);
    rc = conv_to_c(&v, SQLT_INT, 10, SQL_C_BINARY, buf, sizeof buf, &ind, &pos, &e);
    int32_t i32;
    memcpy(&i32, buf, 4);
    ok(rc == SQL_SUCCESS && ind == 4 && i32 == -2, "INTEGER -> BINARY 4 bytes");
    rc = once(&v, SQL_C_BINARY, buf, sizeof buf, &ind, &e);
    int64_t i64;
    memcpy(&i64, buf, 8);
    ok(rc == SQL_SUCCESS && ind == 8 && i64 == -2, "BIGINT -> BINARY 8 bytes");
    is_state(once(&v, SQL_C_BINARY, buf, 4, &ind, &e), SQL_ERROR, e, "22003", "BIGINT -> BINARY into 4 bytes -> 22003");
    v = v_dbl(2.5);
    double d;
    rc = once(&v, SQL_C_BINARY, buf, sizeof buf, &ind, &e);
    memcpy(&d, buf, 8);
    ok(rc == SQL_SUCCESS && ind == 8 && d == 2.5, "DOUBLE -> BINARY 8 bytes");
    v = v_bool(1);
    rc = once(&v, SQL_C_BINARY, buf, sizeof buf, &ind, &e);
    ok(rc == SQL_SUCCESS && ind == 1 && buf[0] == 1, "BIT -> BINARY 1 byte");
    v = v_ts(ts_compose(2020, 2, 29, 23, 59, 58, 7));
    rc = once(&v, SQL_C_BINARY, buf, sizeof buf, &ind, &e);
    SQL_TIMESTAMP_STRUCT ts;
    memcpy(&ts, buf, sizeof ts);
    ok(rc == SQL_SUCCESS && ind == (SQLLEN)sizeof ts && ts.year == 2020 && ts.day == 29 &&
       ts.fraction == 7000000, "TIMESTAMP -> BINARY struct bytes");
}

/** One integer conversion that must succeed with value want. */
#define int_ok(val, ctype, T, want, name) do { \
        sql_value v_ = (val); T got_ = 0; SQLLEN ind_ = 0; err e_; \
        SQLRETURN rc_ = once(&v_, ctype, &got_, 0, &ind_, &e_); \
        if (!ok(rc_ == SQL_SUCCESS && got_ == (T)(want) && ind_ == (SQLLEN)sizeof(T), "%s", name)) \
            diag("  rc %d got %lld (%s)", rc_, (long long)got_, e_.message); \
        sqlval_clear(&v_); \
    } while (0)

/** One conversion that must fail or warn with a SQLSTATE. */
#define conv_state(val, ctype, want_rc, state, name) do { \
        sql_value v_ = (val); unsigned char buf_[64]; SQLLEN ind_ = 0; err e_; \
        SQLRETURN rc_ = once(&v_, ctype, buf_, sizeof buf_, &ind_, &e_); \
        is_state(rc_, want_rc, e_, state, "%s", name); \
        sqlval_clear(&v_); \
    } while (0)

static void test_integers(void)
{
    int_ok(v_int(127), SQL_C_STINYINT, signed char, 127, "STINYINT 127");
    conv_state(v_int(128), SQL_C_STINYINT, SQL_ERROR, "22003", "STINYINT 128 -> 22003");
    int_ok(v_int(-128), SQL_C_TINYINT, signed char, -128, "TINYINT -128");
    conv_state(v_int(-129), SQL_C_TINYINT, SQL_ERROR, "22003", "TINYINT -129 -> 22003");
    int_ok(v_int(255), SQL_C_UTINYINT, unsigned char, 255, "UTINYINT 255");
    conv_state(v_int(-1), SQL_C_UTINYINT, SQL_ERROR, "22003", "UTINYINT -1 -> 22003");
    conv_state(v_int(256), SQL_C_UTINYINT, SQL_ERROR, "22003", "UTINYINT 256 -> 22003");
    int_ok(v_int(32767), SQL_C_SSHORT, short, 32767, "SSHORT 32767");
    int_ok(v_int(-32768), SQL_C_SHORT, short, -32768, "SHORT -32768");
    conv_state(v_int(32768), SQL_C_SSHORT, SQL_ERROR, "22003", "SSHORT 32768 -> 22003");
    int_ok(v_int(65535), SQL_C_USHORT, unsigned short, 65535, "USHORT 65535");
    conv_state(v_int(65536), SQL_C_USHORT, SQL_ERROR, "22003", "USHORT 65536 -> 22003");
    int_ok(v_int(INT32_MAX), SQL_C_SLONG, SQLINTEGER, INT32_MAX, "SLONG max");
    int_ok(v_int(INT32_MIN), SQL_C_LONG, SQLINTEGER, INT32_MIN, "LONG min");
    conv_state(v_int(3000000000LL), SQL_C_SLONG, SQL_ERROR, "22003", "SLONG 3e9 -> 22003");
    int_ok(v_int(4294967295LL), SQL_C_ULONG, SQLUINTEGER, 4294967295u, "ULONG max");
    conv_state(v_int(4294967296LL), SQL_C_ULONG, SQL_ERROR, "22003", "ULONG 2^32 -> 22003");
    conv_state(v_int(-1), SQL_C_ULONG, SQL_ERROR, "22003", "ULONG -1 -> 22003");
    int_ok(v_int(INT64_MIN), SQL_C_SBIGINT, SQLBIGINT, INT64_MIN, "SBIGINT min");
    int_ok(v_int(INT64_MAX), SQL_C_UBIGINT, SQLUBIGINT, INT64_MAX, "UBIGINT from INT max");
    conv_state(v_int(-1), SQL_C_UBIGINT, SQL_ERROR, "22003", "UBIGINT -1 -> 22003");
    int_ok(v_text("10000000000000000000"), SQL_C_UBIGINT, SQLUBIGINT, 10000000000000000000ULL, "UBIGINT 1e19 from text");
    int_ok(v_text("9223372036854775807"), SQL_C_SBIGINT, SQLBIGINT, INT64_MAX, "SBIGINT max from text (exact)");
    conv_state(v_text("9223372036854775808"), SQL_C_SBIGINT, SQL_ERROR, "22003", "SBIGINT 2^63 from text -> 22003");
    int_ok(v_bool(1), SQL_C_SLONG, SQLINTEGER, 1, "BIT 1 -> SLONG 1");
    int_ok(v_text("42"), SQL_C_SLONG, SQLINTEGER, 42, "text '42' -> SLONG");
    int_ok(v_text("  -7 "), SQL_C_SLONG, SQLINTEGER, -7, "text ' -7 ' -> SLONG");
    int_ok(v_text("+8"), SQL_C_SSHORT, short, 8, "text '+8' -> SSHORT");
    int_ok(v_text("1e3"), SQL_C_SLONG, SQLINTEGER, 1000, "text '1e3' -> SLONG 1000");
    conv_state(v_text("abc"), SQL_C_SLONG, SQL_ERROR, "22018", "text 'abc' -> SLONG 22018");
    conv_state(v_text(""), SQL_C_SLONG, SQL_ERROR, "22018", "empty text -> SLONG 22018");
    conv_state(v_text("1.2.3"), SQL_C_SLONG, SQL_ERROR, "22018", "text '1.2.3' -> 22018");
    conv_state(v_text("12abc"), SQL_C_SBIGINT, SQL_ERROR, "22018", "text '12abc' -> 22018");
    conv_state(v_text("1.5"), SQL_C_SLONG, SQL_SUCCESS_WITH_INFO, "01S07", "text '1.5' -> SLONG 01S07");
    conv_state(v_dbl(2.7), SQL_C_SLONG, SQL_SUCCESS_WITH_INFO, "01S07", "DOUBLE 2.7 -> SLONG 01S07");
    conv_state(v_dbl(1e20), SQL_C_SBIGINT, SQL_ERROR, "22003", "DOUBLE 1e20 -> SBIGINT 22003");
    conv_state(v_dbl(NAN), SQL_C_SLONG, SQL_ERROR, "22003", "DOUBLE NaN -> SLONG 22003");
    conv_state(v_ts(0), SQL_C_SLONG, SQL_ERROR, "07006", "TIMESTAMP -> SLONG 07006");

    sql_value v = v_dbl(-2.7);
    SQLINTEGER got = 0;
    SQLLEN ind = 0;
    err e;
    SQLRETURN rc = once(&v, SQL_C_SLONG, &got, 0, &ind, &e);
    ok(rc == SQL_SUCCESS_WITH_INFO && got == -2, "DOUBLE -2.7 -> SLONG -2 (truncated toward zero)");
    v = v_dbl(4.0);
    ok(once(&v, SQL_C_SLONG, &got, 0, &ind, &e) == SQL_SUCCESS && got == 4, "DOUBLE 4.0 -> SLONG 4, no warning");

    /* Fixed types: a second call returns SQL_NO_DATA. */
    SQLLEN pos = 0;
    v = v_int(5);
    err_clear(&e);
    rc = conv_to_c(&v, SQLT_INT, 10, SQL_C_SLONG, &got, 0, &ind, &pos, &e);
    SQLRETURN rc2 = conv_to_c(&v, SQLT_INT, 10, SQL_C_SLONG, &got, 0, &ind, &pos, &e);
    ok(rc == SQL_SUCCESS && rc2 == SQL_NO_DATA, "fixed type: second call -> SQL_NO_DATA");
}

static void test_bit_float_numeric(void)
{
    int_ok(v_int(0), SQL_C_BIT, unsigned char, 0, "INT 0 -> BIT 0");
    int_ok(v_int(1), SQL_C_BIT, unsigned char, 1, "INT 1 -> BIT 1");
    int_ok(v_bool(1), SQL_C_BIT, unsigned char, 1, "BIT 1 -> BIT 1");
    int_ok(v_text("1"), SQL_C_BIT, unsigned char, 1, "text '1' -> BIT 1");
    conv_state(v_int(2), SQL_C_BIT, SQL_ERROR, "22003", "INT 2 -> BIT 22003");
    conv_state(v_int(-1), SQL_C_BIT, SQL_ERROR, "22003", "INT -1 -> BIT 22003");
    conv_state(v_dbl(1.5), SQL_C_BIT, SQL_SUCCESS_WITH_INFO, "01S07", "DOUBLE 1.5 -> BIT 01S07");
    conv_state(v_text("yes"), SQL_C_BIT, SQL_ERROR, "22018", "text 'yes' -> BIT 22018");
    conv_state(v_ts(0), SQL_C_BIT, SQL_ERROR, "07006", "TIMESTAMP -> BIT 07006");

    sql_value v = v_int(3);
    double d = 0;
    float f = 0;
    SQLLEN ind = 0;
    err e;
    ok(once(&v, SQL_C_DOUBLE, &d, 0, &ind, &e) == SQL_SUCCESS && d == 3.0 && ind == 8, "INT -> DOUBLE");
    ok(once(&v, SQL_C_FLOAT, &f, 0, &ind, &e) == SQL_SUCCESS && f == 3.0f && ind == 4, "INT -> FLOAT");
    v = v_dbl(0.25);
    ok(once(&v, SQL_C_DOUBLE, &d, 0, &ind, &e) == SQL_SUCCESS && d == 0.25, "DOUBLE -> DOUBLE");
    ok(once(&v, SQL_C_FLOAT, &f, 0, &ind, &e) == SQL_SUCCESS && f == 0.25f, "DOUBLE -> FLOAT");
    v = v_bool(1);
    ok(once(&v, SQL_C_DOUBLE, &d, 0, &ind, &e) == SQL_SUCCESS && d == 1.0, "BIT -> DOUBLE");
    conv_state(v_dbl(1e300), SQL_C_FLOAT, SQL_ERROR, "22003", "DOUBLE 1e300 -> FLOAT 22003");
    v = v_text(" 2.5e2 ");
    ok(once(&v, SQL_C_DOUBLE, &d, 0, &ind, &e) == SQL_SUCCESS && d == 250.0, "text '2.5e2' -> DOUBLE");
    sqlval_clear(&v);
    conv_state(v_text("x1"), SQL_C_DOUBLE, SQL_ERROR, "22018", "text 'x1' -> DOUBLE 22018");
    conv_state(v_ts(0), SQL_C_DOUBLE, SQL_ERROR, "07006", "TIMESTAMP -> DOUBLE 07006");

    SQL_NUMERIC_STRUCT ns;
    v = v_int(12345);
    ok(once(&v, SQL_C_NUMERIC, &ns, 0, &ind, &e) == SQL_SUCCESS && ns.sign == 1 && ns.scale == 0 &&
       ns.precision == 38 && ns.val[0] == 0x39 && ns.val[1] == 0x30 && ns.val[2] == 0 &&
       ind == (SQLLEN)sizeof ns, "INT 12345 -> NUMERIC (precision 38, scale 0)");
    v = v_int(-5);
    ok(once(&v, SQL_C_NUMERIC, &ns, 0, &ind, &e) == SQL_SUCCESS && ns.sign == 0 && ns.val[0] == 5,
       "INT -5 -> NUMERIC sign 0");
    v = v_int(INT64_MIN);
    ok(once(&v, SQL_C_NUMERIC, &ns, 0, &ind, &e) == SQL_SUCCESS && ns.sign == 0 && ns.val[7] == 0x80 &&
       ns.val[0] == 0, "INT min -> NUMERIC magnitude 2^63");
    v = v_dbl(2.5);
    ok(once(&v, SQL_C_NUMERIC, &ns, 0, &ind, &e) == SQL_SUCCESS_WITH_INFO &&
       strcmp(e.sqlstate, "01S07") == 0 && ns.val[0] == 2, "DOUBLE 2.5 -> NUMERIC 2 with 01S07");
    v = v_text("123456789012345678901234567890");
    int good = once(&v, SQL_C_NUMERIC, &ns, 0, &ind, &e) == SQL_SUCCESS;
    /* 123456789012345678901234567890 = 0x18EE90FF6C373E0EE4E3F0AD2 */
    static const unsigned char want[16] = {0xD2, 0x0A, 0x3F, 0x4E, 0xEE, 0xE0, 0x73, 0xC3,
                                           0xF6, 0x0F, 0xE9, 0x8E, 0x01, 0, 0, 0};
    int same = memcmp(ns.val, want, 16) == 0;
    ok(good && same, "30-digit text -> NUMERIC exact");
    sqlval_clear(&v);
    v = v_dbl(-1e30);
    /* a double converts through its shortest decimal form: 1e30 is 10^30, not 2^-ish noise */
    static const unsigned char want30[16] = {0, 0, 0, 0x40, 0xea, 0xed, 0x74, 0x46, 0xd0, 0x9c, 0x2c, 0x9f,
                                             0x0c, 0, 0, 0};
    ok(once(&v, SQL_C_NUMERIC, &ns, 0, &ind, &e) == SQL_SUCCESS && ns.sign == 0 && memcmp(ns.val, want30, 16) == 0,
       "DOUBLE -1e30 -> NUMERIC 10^30 (128-bit magnitude)");
    conv_state(v_dbl(1e39), SQL_C_NUMERIC, SQL_ERROR, "22003", "DOUBLE 1e39 -> NUMERIC 22003");
    conv_state(v_text("12a"), SQL_C_NUMERIC, SQL_ERROR, "22018", "text '12a' -> NUMERIC 22018");
    conv_state(v_ts(0), SQL_C_NUMERIC, SQL_ERROR, "07006", "TIMESTAMP -> NUMERIC 07006");
}

/** Magnitude of a SQL_NUMERIC_STRUCT as an unsigned 64-bit number (the low 8 bytes). */
static uint64_t num_low(const SQL_NUMERIC_STRUCT *ns)
{
    uint64_t m = 0;
    for (int k = 7; k >= 0; k--)
        m = m << 8 | ns->val[k];
    return m;
}

/** conv_to_c_spec into SQL_C_NUMERIC with precision p and scale sc; fills *ns and *e. */
static SQLRETURN numeric_ps(const sql_value *v, int p, int sc, SQL_NUMERIC_STRUCT *ns, err *e)
{
    conv_numeric_spec spec = { p, sc };
    SQLLEN pos = 0, ind = 0;
    err_clear(e);
    memset(ns, 0xAB, sizeof *ns);
    return conv_to_c_spec(v, v->type, colsize_of(v), SQL_C_NUMERIC, &spec, ns, 0, &ind, &pos, e);
}

/** Expect value v as NUMERIC(p, sc): return code rc, sign, low magnitude mag (22003: no check). */
#define NUM_PS(v_, p_, sc_, rc_, state_, sign_, mag_, name_) do { \
        sql_value nv_ = (v_); \
        SQL_NUMERIC_STRUCT ns_; \
        err e_; \
        SQLRETURN r_ = numeric_ps(&nv_, p_, sc_, &ns_, &e_); \
        int good_ = r_ == (rc_) && strcmp(e_.sqlstate, state_) == 0; \
        if (r_ != SQL_ERROR) \
            good_ = good_ && ns_.precision == (p_) && ns_.scale == (sc_) && ns_.sign == (sign_) && \
                    num_low(&ns_) == (uint64_t)(mag_); \
        if (!ok(good_, "%s", name_)) \
            diag("  rc %d state '%s' (%s) prec %d scale %d sign %d mag %llu", (int)r_, e_.sqlstate, \
                 e_.message, ns_.precision, ns_.scale, ns_.sign, (unsigned long long)num_low(&ns_)); \
        sqlval_clear(&nv_); \
    } while (0)

/** SQL_C_NUMERIC with the ARD's precision and scale (conv_to_c_spec). */
static void test_numeric_precision_scale(void)
{
    NUM_PS(v_dbl(12.345), 10, 3, SQL_SUCCESS, "", 1, 12345, "12.345 NUMERIC(10,3): 12345");
    NUM_PS(v_dbl(12.345), 10, 2, SQL_SUCCESS_WITH_INFO, "01S07", 1, 1234, "12.345 NUMERIC(10,2): 1234, 01S07");
    NUM_PS(v_dbl(-12.345), 10, 5, SQL_SUCCESS, "", 0, 1234500, "-12.345 NUMERIC(10,5): -1234500");
    NUM_PS(v_dbl(12.345), 4, 3, SQL_ERROR, "22003", 1, 0, "12.345 NUMERIC(4,3): 22003");
    NUM_PS(v_dbl(12.345), 5, 3, SQL_SUCCESS, "", 1, 12345, "12.345 NUMERIC(5,3): fits exactly");
    NUM_PS(v_dbl(0.001), 5, 2, SQL_SUCCESS_WITH_INFO, "01S07", 1, 0, "0.001 NUMERIC(5,2): 0, 01S07");
    NUM_PS(v_dbl(-0.001), 5, 2, SQL_SUCCESS_WITH_INFO, "01S07", 1, 0, "-0.001 NUMERIC(5,2): 0 sign 1");
    NUM_PS(v_int(300), 3, 0, SQL_SUCCESS, "", 1, 300, "300 NUMERIC(3,0)");
    NUM_PS(v_int(300), 2, 0, SQL_ERROR, "22003", 1, 0, "300 NUMERIC(2,0): 22003");
    NUM_PS(v_int(300), 5, 2, SQL_SUCCESS, "", 1, 30000, "300 NUMERIC(5,2): 30000");
    NUM_PS(v_int(300), 4, 2, SQL_ERROR, "22003", 1, 0, "300 NUMERIC(4,2): 22003");
    NUM_PS(v_int(-7), 1, 0, SQL_SUCCESS, "", 0, 7, "-7 NUMERIC(1,0)");
    NUM_PS(v_text("  -0012.50 "), 6, 2, SQL_SUCCESS, "", 0, 1250, "text -0012.50 NUMERIC(6,2)");
    NUM_PS(v_text("1.5e2"), 6, 1, SQL_SUCCESS, "", 1, 1500, "text 1.5e2 NUMERIC(6,1)");
    NUM_PS(v_text("1e-2"), 6, 1, SQL_SUCCESS_WITH_INFO, "01S07", 1, 0, "text 1e-2 NUMERIC(6,1): 01S07");
    NUM_PS(v_text("0.000"), 3, 3, SQL_SUCCESS, "", 1, 0, "text 0.000 NUMERIC(3,3)");
    NUM_PS(v_text("1e999999999999"), 38, 0, SQL_ERROR, "22003", 1, 0, "huge exponent: 22003");
    NUM_PS(v_text("1e-999999999999"), 38, 0, SQL_SUCCESS_WITH_INFO, "01S07", 1, 0, "tiny exponent: 0, 01S07");
    NUM_PS(v_text("abc"), 10, 2, SQL_ERROR, "22018", 1, 0, "text abc: 22018");
    NUM_PS(v_bool(1), 1, 0, SQL_SUCCESS, "", 1, 1, "BIT NUMERIC(1,0)");
    NUM_PS(v_dbl(1.0 / 0.0), 38, 0, SQL_ERROR, "22003", 1, 0, "infinity: 22003");
    /* invalid precision: the defaults (38, 0); scale beyond precision is clamped */
    NUM_PS(v_dbl(2.5), 2, 2, SQL_ERROR, "22003", 1, 0, "2.5 NUMERIC(2,2): 22003");
    NUM_PS(v_dbl(0.25), 2, 2, SQL_SUCCESS, "", 1, 25, "0.25 NUMERIC(2,2)");
    {
        SQL_NUMERIC_STRUCT ns;
        err e;
        sql_value v = v_ts(0);
        ok(numeric_ps(&v, 10, 2, &ns, &e) == SQL_ERROR && strcmp(e.sqlstate, "07006") == 0,
           "TIMESTAMP NUMERIC(10,2): 07006");
        v = v_dbl(2.5);
        ok(numeric_ps(&v, 0, 0, &ns, &e) == SQL_SUCCESS_WITH_INFO && ns.precision == 38 && ns.scale == 0 &&
           ns.val[0] == 2, "precision 0: the defaults 38, 0");
        ok(numeric_ps(&v, 39, 2, &ns, &e) == SQL_SUCCESS_WITH_INFO && ns.precision == 38 && ns.scale == 0,
           "precision 39: the defaults 38, 0");
        v = v_dbl(0.25);
        ok(numeric_ps(&v, 2, -1, &ns, &e) == SQL_SUCCESS_WITH_INFO && ns.precision == 2 && ns.scale == 0 &&
           ns.val[0] == 0, "negative scale: clamped to 0");
        ok(numeric_ps(&v, 2, 5, &ns, &e) == SQL_SUCCESS && ns.precision == 2 && ns.scale == 2 &&
           ns.val[0] == 25, "scale above precision: clamped to precision");
        v = v_text("123456789012345678901234567890.123456789");
        SQLRETURN rc = numeric_ps(&v, 38, 8, &ns, &e);
        ok(rc == SQL_SUCCESS_WITH_INFO && ns.precision == 38 && ns.scale == 8,
           "39-digit text NUMERIC(38,8): 01S07");
        sqlval_clear(&v);
        v = v_int(5);
        SQLLEN pos = 0, ind = 0;
        ok(conv_to_c_spec(&v, SQLT_INT, 10, SQL_C_NUMERIC, NULL, &ns, 0, &ind, &pos, &e) == SQL_SUCCESS &&
           ns.precision == 38 && ns.scale == 0 && ns.val[0] == 5, "NULL spec: 38, 0");
    }
}

static void test_datetime(void)
{
    int64_t ms = ts_compose(2023, 4, 5, 6, 7, 8, 123);
    sql_value v = v_ts(ms);
    SQL_TIMESTAMP_STRUCT ts;
    SQL_DATE_STRUCT ds;
    SQL_TIME_STRUCT tm;
    SQLLEN ind = 0;
    err e;
    SQLRETURN rc = once(&v, SQL_C_TYPE_TIMESTAMP, &ts, 0, &ind, &e);
    ok(rc == SQL_SUCCESS && ts.year == 2023 && ts.month == 4 && ts.day == 5 && ts.hour == 6 &&
       ts.minute == 7 && ts.second == 8 && ts.fraction == 123000000 && ind == (SQLLEN)sizeof ts,
       "TIMESTAMP -> TYPE_TIMESTAMP struct (fraction in nanoseconds)");
    rc = once(&v, SQL_C_TIMESTAMP, &ts, 0, &ind, &e);
    ok(rc == SQL_SUCCESS && ts.year == 2023 && ts.fraction == 123000000, "TIMESTAMP -> ODBC 2 SQL_C_TIMESTAMP");
    rc = once(&v, SQL_C_TYPE_DATE, &ds, 0, &ind, &e);
    ok(rc == SQL_SUCCESS_WITH_INFO && strcmp(e.sqlstate, "01S07") == 0 && ds.year == 2023 &&
       ds.month == 4 && ds.day == 5 && ind == (SQLLEN)sizeof ds, "TIMESTAMP with time -> DATE, 01S07");
    rc = once(&v, SQL_C_TYPE_TIME, &tm, 0, &ind, &e);
    ok(rc == SQL_SUCCESS_WITH_INFO && strcmp(e.sqlstate, "01S07") == 0 && tm.hour == 6 &&
       tm.minute == 7 && tm.second == 8, "TIMESTAMP with ms -> TIME, 01S07");
    v = v_ts(ts_compose(1999, 12, 31, 0, 0, 0, 0));
    rc = once(&v, SQL_C_DATE, &ds, 0, &ind, &e);
    ok(rc == SQL_SUCCESS && ds.year == 1999 && ds.month == 12 && ds.day == 31, "midnight TIMESTAMP -> ODBC 2 DATE, no warning");
    v = v_ts(ts_compose(1999, 12, 31, 23, 59, 59, 0));
    rc = once(&v, SQL_C_TIME, &tm, 0, &ind, &e);
    ok(rc == SQL_SUCCESS && tm.hour == 23 && tm.second == 59, "whole-second TIMESTAMP -> ODBC 2 TIME, no warning");
    v = v_ts(ts_compose(1960, 1, 2, 3, 4, 5, 6));
    rc = once(&v, SQL_C_TYPE_TIMESTAMP, &ts, 0, &ind, &e);
    ok(rc == SQL_SUCCESS && ts.year == 1960 && ts.day == 2 && ts.fraction == 6000000, "pre-1970 TIMESTAMP");

    v = v_text("2023-04-05T06:07:08.123Z");
    rc = once(&v, SQL_C_TYPE_TIMESTAMP, &ts, 0, &ind, &e);
    ok(rc == SQL_SUCCESS && ts.year == 2023 && ts.hour == 6 && ts.fraction == 123000000, "ISO text -> TIMESTAMP");
    sqlval_clear(&v);
    v = v_text("2024-02-29");
    rc = once(&v, SQL_C_TYPE_DATE, &ds, 0, &ind, &e);
    ok(rc == SQL_SUCCESS && ds.year == 2024 && ds.month == 2 && ds.day == 29, "date text -> DATE");
    sqlval_clear(&v);
    v = v_text("06:07:08");
    rc = once(&v, SQL_C_TYPE_TIME, &tm, 0, &ind, &e);
    ok(rc == SQL_SUCCESS && tm.hour == 6 && tm.minute == 7 && tm.second == 8, "time text -> TIME");
    sqlval_clear(&v);
    conv_state(v_text("06:07:08"), SQL_C_TYPE_TIMESTAMP, SQL_ERROR, "22018", "time-only text -> TIMESTAMP 22018");
    conv_state(v_text("not a date"), SQL_C_TYPE_TIMESTAMP, SQL_ERROR, "22018", "garbage text -> TIMESTAMP 22018");
    conv_state(v_text("2023-13-01"), SQL_C_TYPE_DATE, SQL_ERROR, "22018", "month 13 -> DATE 22018");
    conv_state(v_ts(ts_compose(10000, 1, 1, 0, 0, 0, 0)), SQL_C_TYPE_TIMESTAMP, SQL_ERROR, "22008",
               "year 10000 -> TIMESTAMP struct 22008");
    conv_state(v_int(5), SQL_C_TYPE_TIMESTAMP, SQL_ERROR, "07006", "INT -> TIMESTAMP 07006");
    conv_state(v_dbl(5), SQL_C_TYPE_DATE, SQL_ERROR, "07006", "DOUBLE -> DATE 07006");
    conv_state(v_bool(1), SQL_C_TYPE_TIME, SQL_ERROR, "07006", "BIT -> TIME 07006");
}

static void test_default_and_restricted(void)
{
    SQLLEN ind = 0, pos = 0;
    err e;
    unsigned char buf[64];
    sql_value v = v_int(7);
    err_clear(&e);
    SQLRETURN rc = conv_to_c(&v, SQLT_INT, 10, SQL_C_DEFAULT, buf, sizeof buf, &ind, &pos, &e);
    ok(rc == SQL_SUCCESS && ind == 4, "SQL_C_DEFAULT on INTEGER -> 4-byte SLONG");
    pos = 0;
    rc = conv_to_c(&v, SQLT_INT, 19, SQL_C_DEFAULT, buf, sizeof buf, &ind, &pos, &e);
    ok(rc == SQL_SUCCESS && ind == 8, "SQL_C_DEFAULT on BIGINT -> 8-byte SBIGINT");
    v = v_dbl(1.25);
    pos = 0;
    rc = conv_to_c(&v, SQLT_DOUBLE, 0, SQL_C_DEFAULT, buf, sizeof buf, &ind, &pos, &e);
    ok(rc == SQL_SUCCESS && ind == 8, "SQL_C_DEFAULT on DOUBLE -> double");
    v = v_bool(1);
    pos = 0;
    rc = conv_to_c(&v, SQLT_BOOL, 0, SQL_C_DEFAULT, buf, sizeof buf, &ind, &pos, &e);
    ok(rc == SQL_SUCCESS && ind == 1 && buf[0] == 1, "SQL_C_DEFAULT on BIT -> 1 byte");
    v = v_ts(0);
    pos = 0;
    rc = conv_to_c(&v, SQLT_TIMESTAMP, 0, SQL_C_DEFAULT, buf, sizeof buf, &ind, &pos, &e);
    ok(rc == SQL_SUCCESS && ind == (SQLLEN)sizeof(SQL_TIMESTAMP_STRUCT), "SQL_C_DEFAULT on TIMESTAMP -> struct");
    v = v_text("hi");
    pos = 0;
    rc = conv_to_c(&v, SQLT_TEXT, 10, SQL_C_DEFAULT, buf, sizeof buf, &ind, &pos, &e);
    SQLWCHAR w[3];
    memcpy(w, buf, sizeof w);
    ok(rc == SQL_SUCCESS && ind == 4 && w[0] == 'h' && w[1] == 'i' && w[2] == 0, "SQL_C_DEFAULT on WVARCHAR -> UTF-16");
    sqlval_clear(&v);
    conv_state(v_text("x"), SQL_C_GUID, SQL_ERROR, "22018", "TEXT 'x' -> SQL_C_GUID 22018");
    conv_state(v_int(1), SQL_C_GUID, SQL_ERROR, "07006", "INT -> SQL_C_GUID 07006");
    v = v_text("dde63f07-5134-451e-A76B-00ec1b9e778d");
    SQLGUID g;
    rc = once(&v, SQL_C_GUID, &g, 0, &ind, &e);
    ok(rc == SQL_SUCCESS && ind == (SQLLEN)sizeof g && g.Data1 == 0xdde63f07u && g.Data2 == 0x5134 &&
       g.Data3 == 0x451e && g.Data4[0] == 0xa7 && g.Data4[1] == 0x6b && g.Data4[7] == 0x8d,
       "UUID text -> SQL_C_GUID fields");
    sqlval_clear(&v);
    v = v_text("{dde63f07-5134-451e-a76b-00ec1b9e778d}");
    ok(once(&v, SQL_C_GUID, &g, 0, &ind, &e) == SQL_SUCCESS && g.Data1 == 0xdde63f07u, "braced UUID -> SQL_C_GUID");
    sqlval_clear(&v);
    conv_state(v_text("dde63f07-5134-451e-a76b-00ec1b9e778"), SQL_C_GUID, SQL_ERROR, "22018", "short UUID -> 22018");
    conv_state(v_text("dde63f07x5134-451e-a76b-00ec1b9e778d"), SQL_C_GUID, SQL_ERROR, "22018", "bad separator -> 22018");
    conv_state(v_int(1), SQL_C_INTERVAL_DAY, SQL_ERROR, "07006", "INT -> interval 07006");
}

/* ------------------------------------------------------------------ */
/* SQL -> C: text in parts                                             */

/** Is the UTF-8 buffer free of a split character at its end? */
static int utf8_whole(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        uint32_t cp;
        size_t k = utf8_decode(s + i, n - i, &cp);
        if (cp == 0xFFFD && !(n - i >= 3 && memcmp(s + i, "\xEF\xBF\xBD", 3) == 0))
            return 0;
        i += k;
    }
    return 1;
}

/**
 * Read text in parts of buflen bytes as ctype (CHAR/WCHAR/BINARY) and check
 * every rule; returns 1 if all parts were right and the reassembled data
 * equals want (want_len bytes of the converted form).
 */
static int read_in_parts(const sql_value *v, SQLSMALLINT ctype, SQLLEN buflen,
                         const unsigned char *want, size_t want_len, const char *name)
{
    unsigned char *acc = malloc(want_len + 1);
    unsigned char *buf = malloc((size_t)buflen + 8);
    size_t got = 0;
    SQLLEN pos = 0;
    int good = 1, calls = 0;
    size_t term = ctype == SQL_C_CHAR ? 1 : ctype == SQL_C_WCHAR ? 2 : 0;
    for (;;) {
        SQLLEN ind = -7;
        err e;
        err_clear(&e);
        memset(buf, 0xEE, (size_t)buflen + 8);
        SQLRETURN rc = conv_to_c(v, SQLT_TEXT, 0, ctype, buf, buflen, &ind, &pos, &e);
        calls++;
        if (rc == SQL_NO_DATA) {
            good = good && got == want_len && calls > 1;
            break;
        }
        if (ind != (SQLLEN)(want_len - got)) {
            diag("%s buflen %ld: ind %ld, expected %zu", name, (long)buflen, (long)ind, want_len - got);
            good = 0;
            break;
        }
        if (buf[buflen] != 0xEE) {
            diag("%s buflen %ld: wrote past the buffer", name, (long)buflen);
            good = 0;
            break;
        }
        size_t part;
        if (rc == SQL_SUCCESS) {
            part = want_len - got;
        } else if (rc == SQL_SUCCESS_WITH_INFO && strcmp(e.sqlstate, "01004") == 0) {
            part = (size_t)buflen - term;
            if (ctype == SQL_C_WCHAR)
                part = buflen < 2 ? 0 : ((size_t)buflen / 2 - 1) * 2;
            /* back off to a character boundary, as the rules require */
            if (ctype == SQL_C_CHAR)
                while (part > 0 && (want[got + part] & 0xC0) == 0x80)
                    part--;
            if (ctype == SQL_C_WCHAR && part >= 2) {
                unsigned lo = want[got + part - 2] | (want[got + part - 1] << 8);
                if (lo >= 0xD800 && lo <= 0xDBFF)
                    part -= 2;
            }
            if (part == 0) {
                /* buffer too small for the next character: no progress, by design */
                good = good && (ctype != SQL_C_BINARY) && pos == (SQLLEN)got;
                break;
            }
        } else {
            diag("%s buflen %ld: rc %d state %s", name, (long)buflen, rc, e.sqlstate);
            good = 0;
            break;
        }
        if (term && !(buf[part] == 0 && (term == 1 || buf[part + 1] == 0))) {
            diag("%s buflen %ld: part of %zu bytes not NUL-terminated", name, (long)buflen, part);
            good = 0;
            break;
        }
        if (ctype == SQL_C_CHAR && !utf8_whole((char *)buf, part))
            good = 0;
        memcpy(acc + got, buf, part);
        got += part;
        if (calls > 100000)
            break;
    }
    good = good && memcmp(acc, want, got) == 0;
    free(acc);
    free(buf);
    return good;
}

/** The converted form of text s for ctype: UTF-8 bytes or UTF-16LE bytes. */
static unsigned char *converted(const char *s, SQLSMALLINT ctype, size_t *len)
{
    if (ctype != SQL_C_WCHAR) {
        *len = strlen(s);
        unsigned char *b = malloc(*len + 1);
        memcpy(b, s, *len + 1);
        return b;
    }
    size_t units;
    SQLWCHAR *w = utf8_to_utf16(s, strlen(s), &units);
    *len = units * 2;
    return (unsigned char *)w;
}

static void test_parts_small_buffers(void)
{
    const char *texts[] = {
        "Hello, world",
        "Jos\xC3\xA9 Zo\xC3\xAB \xC3\x85ngstr\xC3\xB6m \xE6\x97\xA5\xE6\x9C\xAC",
        "\xF0\x9F\x98\x80 a\xF0\x9D\x92\x9C\xF0\xA0\x80\x80z\xF0\x9F\x98\x80",
    };
    const char *names[] = {"ASCII", "accented/CJK", "non-BMP"};
    SQLSMALLINT ctypes[] = {SQL_C_CHAR, SQL_C_WCHAR, SQL_C_BINARY};
    const char *cnames[] = {"CHAR", "WCHAR", "BINARY"};
    for (int t = 0; t < 3; t++) {
        sql_value v = v_text(texts[t]);
        for (int c = 0; c < 3; c++) {
            size_t len;
            unsigned char *want = converted(texts[t], ctypes[c], &len);
            int all = 1;
            for (SQLLEN b = 1; b <= (SQLLEN)len + 3; b++)
                if (!read_in_parts(&v, ctypes[c], b, want, len, names[t])) {
                    diag("  %s %s fails with buffer %ld", names[t], cnames[c], (long)b);
                    all = 0;
                }
            ok(all, "%s as %s in parts, buffers 1..%zu bytes", names[t], cnames[c], len + 3);
            /* Length probe: buflen 0 reports the length and does not consume. */
            SQLLEN ind = 0, pos = 0;
            err e;
            err_clear(&e);
            SQLRETURN rc = conv_to_c(&v, SQLT_TEXT, 0, ctypes[c], NULL, 0, &ind, &pos, &e);
            ok(rc == SQL_SUCCESS_WITH_INFO && strcmp(e.sqlstate, "01004") == 0 && ind == (SQLLEN)len &&
               pos == 0, "%s as %s: length probe (buflen 0) reports %zu bytes", names[t], cnames[c], len);
            free(want);
        }
        sqlval_clear(&v);
    }

    /* Specific part boundaries. */
    sql_value v = v_text("a\xF0\x9F\x98\x80" "b");
    char cb[8];
    SQLLEN ind = 0, pos = 0;
    err e;
    err_clear(&e);
    SQLRETURN rc = conv_to_c(&v, SQLT_TEXT, 0, SQL_C_CHAR, cb, 4, &ind, &pos, &e);
    ok(rc == SQL_SUCCESS_WITH_INFO && strcmp(cb, "a") == 0 && ind == 6 && pos == 1,
       "CHAR buffer 4 before a 4-byte character: returns 'a' only");
    rc = conv_to_c(&v, SQLT_TEXT, 0, SQL_C_CHAR, cb, 5, &ind, &pos, &e);
    ok(rc == SQL_SUCCESS_WITH_INFO && strcmp(cb, "\xF0\x9F\x98\x80") == 0 && ind == 5, "next part is the whole emoji");
    rc = conv_to_c(&v, SQLT_TEXT, 0, SQL_C_CHAR, cb, 5, &ind, &pos, &e);
    ok(rc == SQL_SUCCESS && strcmp(cb, "b") == 0 && ind == 1, "last part 'b' with SQL_SUCCESS");
    rc = conv_to_c(&v, SQLT_TEXT, 0, SQL_C_CHAR, cb, 5, &ind, &pos, &e);
    is_int(rc, SQL_NO_DATA, "after the last part -> SQL_NO_DATA");
    SQLWCHAR wb[4];
    pos = 0;
    rc = conv_to_c(&v, SQLT_TEXT, 0, SQL_C_WCHAR, wb, 6, &ind, &pos, &e);
    ok(rc == SQL_SUCCESS_WITH_INFO && wb[0] == 'a' && wb[1] == 0 && ind == 8 && pos == 2,
       "WCHAR buffer of 3 units: 'a' only, the pair is not split");
    rc = conv_to_c(&v, SQLT_TEXT, 0, SQL_C_WCHAR, wb, 7, &ind, &pos, &e);
    ok(rc == SQL_SUCCESS_WITH_INFO && wb[0] == 0xD83D && wb[1] == 0xDE00 && wb[2] == 0 && ind == 6,
       "WCHAR odd buffer of 7 bytes: the pair");
    rc = conv_to_c(&v, SQLT_TEXT, 0, SQL_C_WCHAR, wb, 1, &ind, &pos, &e);
    ok(rc == SQL_SUCCESS_WITH_INFO && ind == 2 && ((char *)wb)[0] == 0, "WCHAR 1-byte buffer: NUL byte, 01004");
    rc = conv_to_c(&v, SQLT_TEXT, 0, SQL_C_WCHAR, wb, 4, &ind, &pos, &e);
    ok(rc == SQL_SUCCESS && wb[0] == 'b' && wb[1] == 0 && ind == 2, "WCHAR last part");
    is_int(conv_to_c(&v, SQLT_TEXT, 0, SQL_C_WCHAR, wb, 4, &ind, &pos, &e), SQL_NO_DATA, "WCHAR then SQL_NO_DATA");
    pos = 0;
    rc = conv_to_c(&v, SQLT_TEXT, 0, SQL_C_CHAR, cb, 1, &ind, &pos, &e);
    ok(rc == SQL_SUCCESS_WITH_INFO && cb[0] == 0 && ind == 6 && pos == 0, "CHAR buffer 1: empty part, NUL, 01004");
    sqlval_clear(&v);

    /* Empty text: one successful empty part, then SQL_NO_DATA. */
    v = v_text("");
    pos = 0;
    cb[0] = 'x';
    rc = conv_to_c(&v, SQLT_TEXT, 0, SQL_C_CHAR, cb, 8, &ind, &pos, &e);
    ok(rc == SQL_SUCCESS && cb[0] == 0 && ind == 0, "empty text -> empty string, ind 0");
    is_int(conv_to_c(&v, SQLT_TEXT, 0, SQL_C_CHAR, cb, 8, &ind, &pos, &e), SQL_NO_DATA, "empty text: then SQL_NO_DATA");
    pos = 0;
    rc = conv_to_c(&v, SQLT_TEXT, 0, SQL_C_WCHAR, NULL, 0, &ind, &pos, &e);
    ok(rc == SQL_SUCCESS && ind == 0, "empty text: length probe -> 0, SQL_SUCCESS");
    sqlval_clear(&v);

    /* Unaligned WCHAR buffer. */
    v = v_text("\xC3\xA9t\xC3\xA9");
    unsigned char raw[16];
    pos = 0;
    rc = conv_to_c(&v, SQLT_TEXT, 0, SQL_C_WCHAR, raw + 1, 8, &ind, &pos, &e);
    ok(rc == SQL_SUCCESS && ind == 6 && raw[1] == 0xE9 && raw[2] == 0 && raw[3] == 't' && raw[7] == 0 && raw[8] == 0,
       "WCHAR into an odd-address buffer");
    sqlval_clear(&v);
}

/** Build a text of n characters from a repeating pattern of characters. */
static char *make_text(size_t n, const char *const *pattern, size_t plen)
{
    size_t cap = n * 4 + 1, used = 0;
    char *s = malloc(cap);
    for (size_t i = 0; i < n; i++) {
        const char *c = pattern[i % plen];
        size_t k = strlen(c);
        memcpy(s + used, c, k);
        used += k;
    }
    s[used] = '\0';
    return s;
}

static void test_fenceposts(void)
{
    static const size_t lens[] = {0, 1, 255, 256, 511, 512, 1023, 1024, 4095, 4096, 4097};
    static const char *const ascii[] = {"a", "b", "c", "d", "e", "f", "g"};
    static const char *const mixed[] = {"x", "\xC3\xA9", "\xF0\x9F\x98\x80", "\xE6\x97\xA5",
                                        "\xF0\x9D\x92\x9C", "y"};
    for (int p = 0; p < 2; p++) {
        for (size_t k = 0; k < sizeof lens / sizeof lens[0]; k++) {
            size_t n = lens[k];
            char *s = p == 0 ? make_text(n, ascii, 7) : make_text(n, mixed, 6);
            sql_value v = v_text(s);
            const char *pname = p == 0 ? "ASCII" : "mixed non-BMP";
            size_t blen = strlen(s), wlen;
            unsigned char *w16 = converted(s, SQL_C_WCHAR, &wlen);
            /* Whole value with an exactly fitting buffer, and one byte short. */
            char *cbuf = malloc(blen + 1);
            SQLLEN ind = 0;
            err e;
            SQLRETURN rc = once(&v, SQL_C_CHAR, cbuf, (SQLLEN)blen + 1, &ind, &e);
            int good = rc == SQL_SUCCESS && ind == (SQLLEN)blen && memcmp(cbuf, s, blen + 1) == 0;
            if (blen > 0) {
                rc = once(&v, SQL_C_CHAR, cbuf, (SQLLEN)blen, &ind, &e);
                good = good && rc == SQL_SUCCESS_WITH_INFO && ind == (SQLLEN)blen;
            }
            unsigned char *wbuf = malloc(wlen + 2);
            rc = once(&v, SQL_C_WCHAR, wbuf, (SQLLEN)wlen + 2, &ind, &e);
            good = good && rc == SQL_SUCCESS && ind == (SQLLEN)wlen && memcmp(wbuf, w16, wlen) == 0 &&
                   wbuf[wlen] == 0 && wbuf[wlen + 1] == 0;
            if (wlen > 0) {
                rc = once(&v, SQL_C_WCHAR, wbuf, (SQLLEN)wlen, &ind, &e);
                good = good && rc == SQL_SUCCESS_WITH_INFO && ind == (SQLLEN)wlen;
            }
            ok(good, "%s text of %zu characters: whole as CHAR and WCHAR, fence-post buffers", pname, n);
            /* In parts with typical application buffer sizes. */
            ok(read_in_parts(&v, SQL_C_CHAR, 256, (unsigned char *)s, blen, pname) &&
               read_in_parts(&v, SQL_C_CHAR, 255, (unsigned char *)s, blen, pname) &&
               read_in_parts(&v, SQL_C_WCHAR, 512, w16, wlen, pname) &&
               read_in_parts(&v, SQL_C_WCHAR, 4096, w16, wlen, pname) &&
               read_in_parts(&v, SQL_C_WCHAR, 7, w16, wlen, pname),
               "%s text of %zu characters: in parts (CHAR 255/256, WCHAR 7/512/4096 bytes)", pname, n);
            free(cbuf);
            free(wbuf);
            free(w16);
            free(s);
            sqlval_clear(&v);
        }
    }
}

/* ------------------------------------------------------------------ */
/* C -> SQL (parameters)                                               */

/** Run conv_from_c; returns rc and leaves the value in *out. */
static int from(SQLSMALLINT ctype, SQLSMALLINT sqltype, void *buf, SQLLEN buflen, SQLLEN *ind,
                sql_value *out, err *e)
{
    err_clear(e);
    return conv_from_c(ctype, sqltype, buf, buflen, ind, out, e);
}

#define from_state(rc_, e_, state, ...) do { \
        if (!ok((rc_) == -1 && strcmp((e_).sqlstate, state) == 0, __VA_ARGS__)) \
            diag("  rc %d state '%s' (%s)", (rc_), (e_).sqlstate, (e_).message); \
    } while (0)

static void test_params(void)
{
    sql_value out = {0};
    err e;
    SQLLEN ind;
    int rc;

    char s42[] = "42";
    rc = from(SQL_C_CHAR, SQL_VARCHAR, s42, 0, NULL, &out, &e);
    ok(rc == 0 && out.type == SQLT_TEXT && strcmp(out.u.s.ptr, "42") == 0, "CHAR, NULL indicator -> TEXT");
    sqlval_clear(&out);
    ind = SQL_NTS;
    rc = from(SQL_C_CHAR, SQL_INTEGER, s42, 0, &ind, &out, &e);
    ok(rc == 0 && out.type == SQLT_INT && out.u.i == 42, "CHAR '42' with SQL_INTEGER -> INT 42");
    ind = 1;
    rc = from(SQL_C_CHAR, SQL_VARCHAR, s42, 0, &ind, &out, &e);
    ok(rc == 0 && out.type == SQLT_TEXT && out.u.s.len == 1 && strcmp(out.u.s.ptr, "4") == 0, "CHAR explicit length 1");
    sqlval_clear(&out);
    char fixed[5] = {'a', 'b', 'c', 'd', 'e'};
    rc = from(SQL_C_CHAR, SQL_VARCHAR, fixed, 3, NULL, &out, &e);
    ok(rc == 0 && strcmp(out.u.s.ptr, "abc") == 0, "CHAR without NUL bounded by buffer length");
    sqlval_clear(&out);
    ind = SQL_NULL_DATA;
    rc = from(SQL_C_CHAR, SQL_VARCHAR, s42, 0, &ind, &out, &e);
    ok(rc == 0 && out.type == SQLT_NULL, "SQL_NULL_DATA -> NULL");
    rc = from(SQL_C_SLONG, SQL_INTEGER, NULL, 0, &ind, &out, &e);
    ok(rc == 0 && out.type == SQLT_NULL, "SQL_NULL_DATA with NULL buffer -> NULL");
    ind = -5;
    rc = from(SQL_C_CHAR, SQL_VARCHAR, s42, 0, &ind, &out, &e);
    from_state(rc, e, "HY090", "negative length -> HY090");
    ind = SQL_DATA_AT_EXEC;
    rc = from(SQL_C_CHAR, SQL_VARCHAR, s42, 0, &ind, &out, &e);
    from_state(rc, e, "HYC00", "SQL_DATA_AT_EXEC -> HYC00");
    ind = SQL_LEN_DATA_AT_EXEC(10);
    rc = from(SQL_C_CHAR, SQL_VARCHAR, s42, 0, &ind, &out, &e);
    from_state(rc, e, "HYC00", "SQL_LEN_DATA_AT_EXEC -> HYC00");
    rc = from(SQL_C_SLONG, SQL_INTEGER, NULL, 0, NULL, &out, &e);
    from_state(rc, e, "HY009", "NULL buffer -> HY009");
    char abc[] = "abc";
    rc = from(SQL_C_CHAR, SQL_INTEGER, abc, 0, NULL, &out, &e);
    from_state(rc, e, "22018", "CHAR 'abc' with SQL_INTEGER -> 22018");
    char big[] = "3000000000";
    rc = from(SQL_C_CHAR, SQL_INTEGER, big, 0, NULL, &out, &e);
    from_state(rc, e, "22003", "CHAR '3000000000' with SQL_INTEGER -> 22003");
    rc = from(SQL_C_CHAR, SQL_BIGINT, big, 0, NULL, &out, &e);
    ok(rc == 0 && out.type == SQLT_INT && out.u.i == 3000000000LL, "CHAR '3000000000' with SQL_BIGINT -> INT");
    char s70000[] = "70000";
    rc = from(SQL_C_CHAR, SQL_SMALLINT, s70000, 0, NULL, &out, &e);
    from_state(rc, e, "22003", "CHAR '70000' with SQL_SMALLINT -> 22003");
    char s2_9[] = "2.9";
    rc = from(SQL_C_CHAR, SQL_INTEGER, s2_9, 0, NULL, &out, &e);
    ok(rc == 0 && out.type == SQLT_INT && out.u.i == 2, "CHAR '2.9' with SQL_INTEGER -> 2 (fraction dropped)");

    /* WCHAR. */
    SQLWCHAR wname[] = {'Z', 'o', 0xEB, ' ', 0xD83D, 0xDE00, 0};
    rc = from(SQL_C_WCHAR, SQL_WVARCHAR, wname, 0, NULL, &out, &e);
    ok(rc == 0 && out.type == SQLT_TEXT && strcmp(out.u.s.ptr, "Zo\xC3\xAB \xF0\x9F\x98\x80") == 0,
       "WCHAR with emoji -> UTF-8 TEXT");
    sqlval_clear(&out);
    ind = SQL_NTS;
    rc = from(SQL_C_WCHAR, SQL_WVARCHAR, wname, 0, &ind, &out, &e);
    ok(rc == 0 && out.u.s.len == 9, "WCHAR SQL_NTS");
    sqlval_clear(&out);
    ind = 4;
    rc = from(SQL_C_WCHAR, SQL_WVARCHAR, wname, 0, &ind, &out, &e);
    ok(rc == 0 && strcmp(out.u.s.ptr, "Zo") == 0, "WCHAR explicit length in bytes (4 = 2 units)");
    sqlval_clear(&out);
    ind = 3;
    rc = from(SQL_C_WCHAR, SQL_WVARCHAR, wname, 0, &ind, &out, &e);
    from_state(rc, e, "HY090", "WCHAR odd byte length -> HY090");
    SQLWCHAR lone[] = {'a', 0xD800, 'b', 0};
    rc = from(SQL_C_WCHAR, SQL_WVARCHAR, lone, 0, NULL, &out, &e);
    ok(rc == 0 && strcmp(out.u.s.ptr, "a\xEF\xBF\xBD" "b") == 0, "WCHAR unpaired surrogate -> U+FFFD");
    sqlval_clear(&out);
    SQLWCHAR w42[] = {'4', '2', 0};
    rc = from(SQL_C_WCHAR, SQL_INTEGER, w42, 0, NULL, &out, &e);
    ok(rc == 0 && out.type == SQLT_INT && out.u.i == 42, "WCHAR '42' with SQL_INTEGER -> INT");
    rc = from(SQL_C_DEFAULT, SQL_WVARCHAR, wname, 0, NULL, &out, &e);
    ok(rc == 0 && out.type == SQLT_TEXT && out.u.s.len == 9, "SQL_C_DEFAULT with SQL_WVARCHAR reads UTF-16");
    sqlval_clear(&out);

    /* BINARY. */
    unsigned char bin[] = {'h', 'i', 0, 'x'};
    ind = 2;
    rc = from(SQL_C_BINARY, SQL_VARBINARY, bin, 4, &ind, &out, &e);
    ok(rc == 0 && out.type == SQLT_TEXT && out.u.s.len == 2 && memcmp(out.u.s.ptr, "hi", 2) == 0, "BINARY -> bytes");
    sqlval_clear(&out);

    /* Integers of all widths. */
    signed char i8 = -5; unsigned char u8 = 200; short i16 = -30000; unsigned short u16 = 60000;
    SQLINTEGER i32 = -2000000000; SQLUINTEGER u32 = 4000000000u; SQLBIGINT i64 = INT64_MIN;
    SQLUBIGINT u64 = 123, u64big = 18446744073709551615ULL;
    ok(from(SQL_C_STINYINT, SQL_INTEGER, &i8, 0, NULL, &out, &e) == 0 && out.u.i == -5, "STINYINT");
    ok(from(SQL_C_TINYINT, SQL_INTEGER, &i8, 0, NULL, &out, &e) == 0 && out.u.i == -5, "TINYINT");
    ok(from(SQL_C_UTINYINT, SQL_INTEGER, &u8, 0, NULL, &out, &e) == 0 && out.u.i == 200, "UTINYINT");
    ok(from(SQL_C_SSHORT, SQL_INTEGER, &i16, 0, NULL, &out, &e) == 0 && out.u.i == -30000, "SSHORT");
    ok(from(SQL_C_SHORT, SQL_INTEGER, &i16, 0, NULL, &out, &e) == 0 && out.u.i == -30000, "SHORT");
    ok(from(SQL_C_USHORT, SQL_INTEGER, &u16, 0, NULL, &out, &e) == 0 && out.u.i == 60000, "USHORT");
    ok(from(SQL_C_SLONG, SQL_INTEGER, &i32, 0, NULL, &out, &e) == 0 && out.u.i == -2000000000, "SLONG");
    ok(from(SQL_C_LONG, SQL_INTEGER, &i32, 0, NULL, &out, &e) == 0 && out.u.i == -2000000000, "LONG");
    ok(from(SQL_C_ULONG, SQL_BIGINT, &u32, 0, NULL, &out, &e) == 0 && out.u.i == 4000000000LL, "ULONG");
    rc = from(SQL_C_ULONG, SQL_INTEGER, &u32, 0, NULL, &out, &e);
    from_state(rc, e, "22003", "ULONG 4e9 with SQL_INTEGER -> 22003");
    ok(from(SQL_C_SBIGINT, SQL_BIGINT, &i64, 0, NULL, &out, &e) == 0 && out.u.i == INT64_MIN, "SBIGINT");
    ok(from(SQL_C_UBIGINT, SQL_BIGINT, &u64, 0, NULL, &out, &e) == 0 && out.u.i == 123, "UBIGINT");
    rc = from(SQL_C_UBIGINT, SQL_BIGINT, &u64big, 0, NULL, &out, &e);
    from_state(rc, e, "22003", "UBIGINT 2^64-1 -> 22003");
    ok(from(SQL_C_SLONG, SQL_VARCHAR, &i32, 0, NULL, &out, &e) == 0 && out.type == SQLT_TEXT &&
       strcmp(out.u.s.ptr, "-2000000000") == 0, "SLONG with SQL_VARCHAR -> text");
    sqlval_clear(&out);
    ok(from(SQL_C_DEFAULT, SQL_INTEGER, &i32, 0, NULL, &out, &e) == 0 && out.u.i == -2000000000,
       "SQL_C_DEFAULT with SQL_INTEGER reads SLONG");
    rc = from(SQL_C_SLONG, SQL_TYPE_TIMESTAMP, &i32, 0, NULL, &out, &e);
    from_state(rc, e, "07006", "SLONG with SQL_TYPE_TIMESTAMP -> 07006");

    /* BIT. */
    unsigned char b0 = 0, b1 = 1, b2 = 2;
    ok(from(SQL_C_BIT, SQL_BIT, &b1, 0, NULL, &out, &e) == 0 && out.type == SQLT_BOOL && out.u.i == 1, "BIT 1");
    ok(from(SQL_C_BIT, SQL_BIT, &b0, 0, NULL, &out, &e) == 0 && out.type == SQLT_BOOL && out.u.i == 0, "BIT 0");
    rc = from(SQL_C_BIT, SQL_BIT, &b2, 0, NULL, &out, &e);
    from_state(rc, e, "22003", "BIT 2 -> 22003");
    char strue[] = "TRUE", sbad[] = "maybe", s1[] = "1";
    ok(from(SQL_C_CHAR, SQL_BIT, strue, 0, NULL, &out, &e) == 0 && out.type == SQLT_BOOL && out.u.i == 1,
       "CHAR 'TRUE' with SQL_BIT -> true");
    ok(from(SQL_C_CHAR, SQL_BIT, s1, 0, NULL, &out, &e) == 0 && out.type == SQLT_BOOL && out.u.i == 1,
       "CHAR '1' with SQL_BIT -> true");
    rc = from(SQL_C_CHAR, SQL_BIT, sbad, 0, NULL, &out, &e);
    from_state(rc, e, "22018", "CHAR 'maybe' with SQL_BIT -> 22018");
    rc = from(SQL_C_SLONG, SQL_BIT, &i32, 0, NULL, &out, &e);
    from_state(rc, e, "22003", "SLONG -2e9 with SQL_BIT -> 22003");

    /* Floating point and NUMERIC. */
    double dv = 2.5;
    float fv = 0.5f;
    ok(from(SQL_C_DOUBLE, SQL_DOUBLE, &dv, 0, NULL, &out, &e) == 0 && out.type == SQLT_DOUBLE && out.u.d == 2.5, "DOUBLE");
    ok(from(SQL_C_FLOAT, SQL_REAL, &fv, 0, NULL, &out, &e) == 0 && out.type == SQLT_DOUBLE && out.u.d == 0.5, "FLOAT");
    ok(from(SQL_C_DOUBLE, SQL_INTEGER, &dv, 0, NULL, &out, &e) == 0 && out.type == SQLT_INT && out.u.i == 2,
       "DOUBLE with SQL_INTEGER -> INT (fraction dropped)");
    char s15[] = "1.5";
    ok(from(SQL_C_CHAR, SQL_DOUBLE, s15, 0, NULL, &out, &e) == 0 && out.type == SQLT_DOUBLE && out.u.d == 1.5,
       "CHAR '1.5' with SQL_DOUBLE");
    SQL_NUMERIC_STRUCT ns;
    memset(&ns, 0, sizeof ns);
    ns.precision = 10; ns.scale = 2; ns.sign = 1; ns.val[0] = 0x39; ns.val[1] = 0x30; /* 12345 */
    ok(from(SQL_C_NUMERIC, SQL_NUMERIC, &ns, 0, NULL, &out, &e) == 0 && out.type == SQLT_DOUBLE &&
       fabs(out.u.d - 123.45) < 1e-9, "NUMERIC 123.45 -> DOUBLE");
    ns.scale = 0; ns.sign = 0;
    ok(from(SQL_C_NUMERIC, SQL_NUMERIC, &ns, 0, NULL, &out, &e) == 0 && out.type == SQLT_INT && out.u.i == -12345,
       "NUMERIC -12345 scale 0 -> INT");
    SQL_NUMERIC_STRUCT nbig;
    memset(&nbig, 0, sizeof nbig);
    nbig.precision = 38; nbig.scale = 0; nbig.sign = 1; nbig.val[8] = 1; /* 2^64 */
    ok(from(SQL_C_NUMERIC, SQL_NUMERIC, &nbig, 0, NULL, &out, &e) == 0 && out.type == SQLT_DOUBLE &&
       out.u.d == 18446744073709551616.0, "NUMERIC 2^64 -> DOUBLE");
    ns.scale = (SQLSCHAR)-2; ns.sign = 1;
    ok(from(SQL_C_NUMERIC, SQL_BIGINT, &ns, 0, NULL, &out, &e) == 0 && out.type == SQLT_INT && out.u.i == 1234500,
       "NUMERIC scale -2 -> INT 1234500");

    /* Dates and times. */
    SQL_DATE_STRUCT ds = {2024, 2, 29};
    ok(from(SQL_C_TYPE_DATE, SQL_TYPE_DATE, &ds, 0, NULL, &out, &e) == 0 && out.type == SQLT_TIMESTAMP &&
       out.u.i == ts_compose(2024, 2, 29, 0, 0, 0, 0), "DATE -> TIMESTAMP at midnight");
    ok(from(SQL_C_DATE, SQL_TYPE_TIMESTAMP, &ds, 0, NULL, &out, &e) == 0 && out.u.i == ts_compose(2024, 2, 29, 0, 0, 0, 0),
       "ODBC 2 DATE with SQL_TYPE_TIMESTAMP");
    SQL_DATE_STRUCT bad = {2023, 2, 29};
    rc = from(SQL_C_TYPE_DATE, SQL_TYPE_DATE, &bad, 0, NULL, &out, &e);
    from_state(rc, e, "22007", "DATE 2023-02-29 -> 22007");
    SQL_TIMESTAMP_STRUCT ts = {2023, 4, 5, 6, 7, 8, 123456789};
    ok(from(SQL_C_TYPE_TIMESTAMP, SQL_TYPE_TIMESTAMP, &ts, 0, NULL, &out, &e) == 0 && out.type == SQLT_TIMESTAMP &&
       out.u.i == ts_compose(2023, 4, 5, 6, 7, 8, 123), "TIMESTAMP struct -> ms (sub-ms dropped)");
    ok(from(SQL_C_TIMESTAMP, SQL_TYPE_DATE, &ts, 0, NULL, &out, &e) == 0 && out.u.i == ts_compose(2023, 4, 5, 0, 0, 0, 0),
       "TIMESTAMP struct with SQL_TYPE_DATE -> midnight");
    ok(from(SQL_C_TYPE_TIMESTAMP, SQL_VARCHAR, &ts, 0, NULL, &out, &e) == 0 && out.type == SQLT_TEXT &&
       strcmp(out.u.s.ptr, "2023-04-05 06:07:08.123") == 0, "TIMESTAMP struct with SQL_VARCHAR -> text");
    sqlval_clear(&out);
    SQL_TIMESTAMP_STRUCT tsbad = {2023, 4, 5, 24, 0, 0, 0};
    rc = from(SQL_C_TYPE_TIMESTAMP, SQL_TYPE_TIMESTAMP, &tsbad, 0, NULL, &out, &e);
    from_state(rc, e, "22007", "TIMESTAMP hour 24 -> 22007");
    SQL_TIME_STRUCT tm = {13, 14, 15};
    ok(from(SQL_C_TYPE_TIME, SQL_TYPE_TIME, &tm, 0, NULL, &out, &e) == 0 && out.type == SQLT_TEXT &&
       strcmp(out.u.s.ptr, "13:14:15") == 0, "TIME -> text 'HH:MM:SS'");
    sqlval_clear(&out);
    ok(from(SQL_C_TIME, SQL_TYPE_TIMESTAMP, &tm, 0, NULL, &out, &e) == 0 && out.type == SQLT_TIMESTAMP &&
       out.u.i % 86400000 == 13 * 3600000 + 14 * 60000 + 15000, "TIME with SQL_TYPE_TIMESTAMP -> today at that time");
    char sts[] = "2023-04-05 06:07:08";
    ok(from(SQL_C_CHAR, SQL_TYPE_TIMESTAMP, sts, 0, NULL, &out, &e) == 0 && out.type == SQLT_TIMESTAMP &&
       out.u.i == ts_compose(2023, 4, 5, 6, 7, 8, 0), "CHAR timestamp with SQL_TYPE_TIMESTAMP -> ms");
    ok(from(SQL_C_CHAR, SQL_TYPE_DATE, sts, 0, NULL, &out, &e) == 0 && out.u.i == ts_compose(2023, 4, 5, 0, 0, 0, 0),
       "CHAR timestamp with SQL_TYPE_DATE -> midnight");
    char sbaddate[] = "yesterday";
    rc = from(SQL_C_CHAR, SQL_TYPE_TIMESTAMP, sbaddate, 0, NULL, &out, &e);
    from_state(rc, e, "22018", "CHAR 'yesterday' with SQL_TYPE_TIMESTAMP -> 22018");

    /* GUID parameters become lowercase UUID text. */
    SQLGUID g = {0xdde63f07u, 0x5134, 0x451e, {0xa7, 0x6b, 0x00, 0xec, 0x1b, 0x9e, 0x77, 0x8d}};
    rc = from(SQL_C_GUID, SQL_WVARCHAR, &g, 0, NULL, &out, &e);
    ok(rc == 0 && out.type == SQLT_TEXT && strcmp(out.u.s.ptr, "dde63f07-5134-451e-a76b-00ec1b9e778d") == 0,
       "SQL_C_GUID parameter -> UUID text");
    sqlval_clear(&out);
    rc = from(SQL_C_DEFAULT, SQL_GUID, &g, 0, NULL, &out, &e);
    ok(rc == 0 && out.type == SQLT_TEXT && out.u.s.len == 36, "SQL_C_DEFAULT with SQL_GUID reads SQLGUID");
    sqlval_clear(&out);

    /* Unsupported C type. */
    SQL_INTERVAL_STRUCT iv;
    memset(&iv, 0, sizeof iv);
    rc = from(SQL_C_INTERVAL_DAY, SQL_INTEGER, &iv, 0, NULL, &out, &e);
    from_state(rc, e, "07006", "interval parameter -> 07006");
}

int main(void)
{
    plan_lazy();
    test_null();
    test_to_text();
    test_to_binary();
    test_integers();
    test_bit_float_numeric();
    test_numeric_precision_scale();
    test_datetime();
    test_default_and_restricted();
    test_parts_small_buffers();
    test_fenceposts();
    test_params();
    return done_testing();
}
