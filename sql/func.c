/** @file func.c  Scalar function table, typing and evaluation (see func.h). */
#include "sql/casemap.h"
#include "sql/func.h"

#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sql/expr.h"

/*
 * The function table: name (aliases share an id), arity, and the type each
 * argument expects as a signature string, one letter per argument (the last
 * letter repeats for further arguments): T text, I integer, D double,
 * S timestamp, = the type of the other `=` arguments (COALESCE, IFNULL,
 * NULLIF: they are compared with or replace each other).
 */
static const struct {
    const char *name;
    int         id;
    int         min, max;
    const char *args;
} funcs[] = {
    { "UPPER", FN_UPPER, 1, 1, "T" }, { "UCASE", FN_UPPER, 1, 1, "T" },
    { "LOWER", FN_LOWER, 1, 1, "T" }, { "LCASE", FN_LOWER, 1, 1, "T" },
    { "LENGTH", FN_LENGTH, 1, 1, "T" }, { "CHAR_LENGTH", FN_LENGTH, 1, 1, "T" },
    { "CHARACTER_LENGTH", FN_LENGTH, 1, 1, "T" }, { "LEN", FN_LENGTH, 1, 1, "T" },
    { "SUBSTRING", FN_SUBSTRING, 2, 3, "TII" }, { "SUBSTR", FN_SUBSTRING, 2, 3, "TII" },
    { "TRIM", FN_TRIM, 1, 1, "T" }, { "LTRIM", FN_LTRIM, 1, 1, "T" },
    { "RTRIM", FN_RTRIM, 1, 1, "T" },
    { "CONCAT", FN_CONCAT, 1, -1, "T" }, { "REPLACE", FN_REPLACE, 3, 3, "TTT" },
    { "COALESCE", FN_COALESCE, 1, -1, "=" }, { "NULLIF", FN_NULLIF, 2, 2, "==" },
    { "IFNULL", FN_IFNULL, 2, 2, "==" }, { "NVL", FN_IFNULL, 2, 2, "==" },
    { "ABS", FN_ABS, 1, 1, "D" }, { "ROUND", FN_ROUND, 1, 2, "DI" },
    { "FLOOR", FN_FLOOR, 1, 1, "D" }, { "CEILING", FN_CEILING, 1, 1, "D" },
    { "CEIL", FN_CEILING, 1, 1, "D" }, { "MOD", FN_MOD, 2, 2, "II" },
    { "LEFT", FN_LEFT, 2, 2, "TI" }, { "RIGHT", FN_RIGHT, 2, 2, "TI" },
    { "POSITION", FN_POSITION, 2, 2, "TT" }, { "LOCATE", FN_LOCATE, 2, 3, "TTI" },
    { "NOW", FN_NOW, 0, 0, "" }, { "CURRENT_TIMESTAMP", FN_NOW, 0, 0, "" },
    { "CURDATE", FN_CURDATE, 0, 0, "" }, { "CURRENT_DATE", FN_CURDATE, 0, 0, "" },
    { "YEAR", FN_YEAR, 1, 1, "S" }, { "MONTH", FN_MONTH, 1, 1, "S" },
    { "DAY", FN_DAY, 1, 1, "S" }, { "DAYOFMONTH", FN_DAY, 1, 1, "S" },
    { "HOUR", FN_HOUR, 1, 1, "S" }, { "MINUTE", FN_MINUTE, 1, 1, "S" },
    { "SECOND", FN_SECOND, 1, 1, "S" },
    { "TIMESTAMPADD", FN_TSADD, 3, 3, "TIS" }, { "DATEADD", FN_TSADD, 3, 3, "TIS" },
    { "TIMESTAMPDIFF", FN_TSDIFF, 3, 3, "TSS" }, { "DATEDIFF", FN_TSDIFF, 3, 3, "TSS" },
    { NULL, 0, 0, 0, NULL }
};

int func_lookup(const char *name)
{
    for (int i = 0; funcs[i].name; i++)
        if (strcasecmp(name, funcs[i].name) == 0)
            return funcs[i].id;
    return -1;
}

const char *func_name(int id)
{
    for (int i = 0; funcs[i].name; i++)
        if (funcs[i].id == id)
            return funcs[i].name;
    return "?";
}

void func_arity(int id, int *min, int *max)
{
    *min = 0;
    *max = -1;
    for (int i = 0; funcs[i].name; i++)
        if (funcs[i].id == id) {
            *min = funcs[i].min;
            *max = funcs[i].max;
            return;
        }
}

int func_arg_type(int id, int argno, enum sqltype *type)
{
    for (int i = 0; funcs[i].name; i++) {
        if (funcs[i].id != id)
            continue;
        const char *sig = funcs[i].args;
        size_t n = strlen(sig);
        if (argno < 0 || n == 0 || (funcs[i].max >= 0 && argno >= funcs[i].max))
            return -1;
        char c = sig[(size_t)argno < n ? (size_t)argno : n - 1];
        switch (c) {
        case 'T': *type = SQLT_TEXT; return 0;
        case 'I': *type = SQLT_INT; return 0;
        case 'D': *type = SQLT_DOUBLE; return 0;
        case 'S': *type = SQLT_TIMESTAMP; return 0;
        case '=': return 1;
        default: return -1;
        }
    }
    return -1;
}

static const char *aggs[] = { "COUNT", "COUNT", "SUM", "AVG", "MIN", "MAX" };

int agg_lookup(const char *name)
{
    for (int i = AGG_COUNT; i <= AGG_MAX; i++)
        if (strcasecmp(name, aggs[i]) == 0)
            return i;
    return -1;
}

const char *agg_name(int id) { return id >= 0 && id <= AGG_MAX ? aggs[id] : "?"; }

/** Common type of numeric arguments: INT if all INT (or BIT), else DOUBLE. */
static enum sqltype numeric_type(expr *e)
{
    for (int i = 0; i < e->nargs; i++)
        if (e->args[i]->type == SQLT_DOUBLE || e->args[i]->type == SQLT_TEXT ||
            e->args[i]->type == SQLT_NULL)
            return SQLT_DOUBLE;
    return SQLT_INT;
}

void func_infer_type(expr *e)
{
    int anynull = 0;
    for (int i = 0; i < e->nargs; i++)
        anynull |= e->args[i]->nullable;
    e->nullable = anynull;
    int s0 = e->nargs > 0 ? e->args[0]->size : 0;
    if (s0 <= 0)
        s0 = 255;
    switch (e->op) {
    case FN_UPPER: case FN_LOWER: case FN_TRIM: case FN_LTRIM: case FN_RTRIM:
    case FN_SUBSTRING: case FN_LEFT: case FN_RIGHT:
        e->type = SQLT_TEXT;
        e->size = e->args[0]->type == SQLT_TEXT ? s0 : 40;
        break;
    case FN_REPLACE:
        e->type = SQLT_TEXT;
        e->size = 4000;
        break;
    case FN_CONCAT: {
        e->type = SQLT_TEXT;
        int sz = 0;
        for (int i = 0; i < e->nargs; i++)
            sz += e->args[i]->type == SQLT_TEXT && e->args[i]->size > 0 ? e->args[i]->size : 40;
        e->size = sz > 8000 ? 8000 : sz;
        e->nullable = 0;
        for (int i = 0; i < e->nargs; i++)
            if (e->args[i]->nullable)
                e->nullable = 1; /* NULLs are skipped, but CONCAT of all NULLs is '' -> keep it safe */
        e->nullable = 0;
        break;
    }
    case FN_LENGTH: case FN_POSITION: case FN_LOCATE:
    case FN_YEAR: case FN_MONTH: case FN_DAY: case FN_HOUR: case FN_MINUTE: case FN_SECOND:
        e->type = SQLT_INT;
        e->size = 10;
        break;
    case FN_COALESCE: case FN_IFNULL: case FN_NULLIF: {
        enum sqltype t = SQLT_NULL;
        int mixed = 0, sz = 0, allnull = 1;
        int n = e->op == FN_NULLIF ? 1 : e->nargs;
        for (int i = 0; i < n; i++) {
            expr *a = e->args[i];
            if (!a->nullable)
                allnull = 0;
            if (a->type == SQLT_NULL)
                continue;
            if (a->size > sz)
                sz = a->size;
            if (t == SQLT_NULL)
                t = a->type;
            else if (t != a->type) {
                if ((t == SQLT_INT || t == SQLT_DOUBLE) && (a->type == SQLT_INT || a->type == SQLT_DOUBLE))
                    t = SQLT_DOUBLE;
                else
                    mixed = 1;
            }
        }
        if (mixed || t == SQLT_NULL)
            t = SQLT_TEXT;
        e->type = t;
        e->size = t == SQLT_TEXT ? (sz > 0 ? sz : 255) : t == SQLT_INT ? (sz > 10 ? sz : 10) : 0;
        if (t == SQLT_TEXT && mixed && e->size < 40)
            e->size = 40;
        e->nullable = e->op == FN_NULLIF ? 1 : allnull;
        break;
    }
    case FN_ABS: case FN_MOD:
        e->type = numeric_type(e);
        e->size = e->type == SQLT_INT ? 19 : 0;
        break;
    case FN_ROUND: case FN_FLOOR: case FN_CEILING:
        e->type = e->args[0]->type == SQLT_INT ? SQLT_INT : SQLT_DOUBLE;
        e->size = e->type == SQLT_INT ? 19 : 0;
        break;
    case FN_TSADD:
        e->type = SQLT_TIMESTAMP;
        e->size = 0;
        break;
    case FN_TSDIFF:
        e->type = SQLT_INT;
        e->size = 19;
        break;
    case FN_NOW: case FN_CURDATE:
        e->type = SQLT_TIMESTAMP;
        e->size = 0;
        e->nullable = 0;
        break;
    default:
        e->type = SQLT_TEXT;
        e->size = 255;
        break;
    }
}

/* ---- evaluation helpers ---- */

static int oom(err *e) { return err_set(e, "HY001", "Out of memory while evaluating a function."); }

/** Number of characters in a UTF-8 string of n bytes. */
static int64_t u8_count(const char *s, size_t n)
{
    int64_t c = 0;
    for (size_t i = 0; i < n; i++)
        if ((((unsigned char)s[i]) & 0xC0) != 0x80)
            c++;
    return c;
}

/** Byte offset of character index k (0-based), clipped to n. */
static size_t u8_offset(const char *s, size_t n, int64_t k)
{
    size_t i = 0;
    while (k > 0 && i < n) {
        i += (size_t)utf8_len((unsigned char)s[i]);
        k--;
    }
    return i > n ? n : i;
}

/** Decode one UTF-8 character at s (n bytes left); *len receives its length. */
static uint32_t u8_decode(const unsigned char *s, size_t n, int *len)
{
    int l = utf8_len(s[0]);
    if ((size_t)l > n || l == 1) {
        *len = 1;
        return s[0];
    }
    uint32_t cp = s[0] & (0x7F >> l);
    for (int i = 1; i < l; i++) {
        if ((s[i] & 0xC0) != 0x80) {
            *len = 1;
            return s[0];
        }
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    *len = l;
    return cp;
}

static int u8_encode(uint32_t cp, char *out)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/** Simple case mapping of one code point (casemap.c). */
static uint32_t map_case(uint32_t c, int upper)
{
    return upper ? uc_toupper(c) : uc_tolower(c);
}

static int fn_case(const sql_value *a, sql_value *out, int upper, err *e)
{
    char *r = malloc(a->u.s.len * 2 + 1);
    if (!r)
        return oom(e);
    size_t o = 0;
    for (size_t i = 0; i < a->u.s.len;) {
        int l;
        uint32_t cp = u8_decode((const unsigned char *)a->u.s.ptr + i, a->u.s.len - i, &l);
        if (l == 1 && cp >= 0x80) {
            r[o++] = a->u.s.ptr[i];
        } else {
            o += (size_t)u8_encode(map_case(cp, upper), r + o);
        }
        i += (size_t)l;
    }
    r[o] = '\0';
    sqlval_take_text(out, r, o);
    return 0;
}

static int set_sub(sql_value *out, const char *s, size_t from, size_t to, err *e)
{
    return sqlval_set_text_len(out, s + from, to > from ? to - from : 0) < 0 ? oom(e) : 0;
}

/** Integer argument (INT, or DOUBLE/TEXT converted). */
static int int_arg(sql_value *v, int64_t *out, const char *fn, err *e)
{
    if (sqlval_cast(v, SQLT_INT, e) < 0)
        return err_set(e, "22018", "%s expects a whole number argument.", fn);
    *out = v->u.i;
    return 0;
}

static int64_t find_chars(const char *hay, size_t hn, const char *needle, size_t nn, int64_t from)
{
    size_t start = u8_offset(hay, hn, from);
    if (nn == 0)
        return from + 1;
    for (size_t i = start; i + nn <= hn; i++)
        if (memcmp(hay + i, needle, nn) == 0)
            return u8_count(hay, i) + 1;
    return 0;
}

static int ts_arg(sql_value *v, err *e)
{
    if (v->type == SQLT_TIMESTAMP)
        return 0;
    return sqlval_cast(v, SQLT_TIMESTAMP, e);
}

/** Interval unit of TIMESTAMPADD/DIFF: ms per unit, or 0 for months (*months per unit). */
static int interval_unit(const sql_value *u, int64_t *ms, int *months, err *e)
{
    static const struct { const char *n; int64_t ms; int months; } units[] = {
        { "FRAC_SECOND", 1, 0 }, { "MILLISECOND", 1, 0 }, { "SECOND", 1000, 0 },
        { "MINUTE", 60000, 0 }, { "HOUR", 3600000, 0 }, { "DAY", 86400000, 0 },
        { "WEEK", 604800000, 0 }, { "MONTH", 0, 1 }, { "QUARTER", 0, 3 }, { "YEAR", 0, 12 },
        { NULL, 0, 0 }
    };
    if (u->type != SQLT_TEXT)
        return err_set(e, "22018", "The interval must be SECOND, MINUTE, HOUR, DAY, WEEK, MONTH, "
                       "QUARTER or YEAR.");
    const char *n = u->u.s.ptr;
    if (strncasecmp(n, "SQL_TSI_", 8) == 0)
        n += 8;
    for (int i = 0; units[i].n; i++)
        if (strcasecmp(n, units[i].n) == 0) {
            *ms = units[i].ms;
            *months = units[i].months;
            return 0;
        }
    return err_set(e, "22018", "'%.40s' is not an interval; use SECOND, MINUTE, HOUR, DAY, WEEK, "
                   "MONTH, QUARTER or YEAR (optionally with SQL_TSI_).", u->u.s.ptr);
}

/** Add k months to ms, clamping the day to the target month's length. */
static int64_t add_months(int64_t ms, int64_t k)
{
    int y, mo, d, h, mi, s, f;
    ts_split(ms, &y, &mo, &d, &h, &mi, &s, &f);
    int64_t total = (int64_t)y * 12 + (mo - 1) + k;
    int ny = (int)(total >= 0 ? total / 12 : -((-total + 11) / 12));
    int nm = (int)(total - (int64_t)ny * 12) + 1;
    static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    int maxd = mdays[nm - 1] + (nm == 2 && ((ny % 4 == 0 && ny % 100 != 0) || ny % 400 == 0));
    return ts_compose(ny, nm, d > maxd ? maxd : d, h, mi, s, f);
}

/** TIMESTAMPADD / TIMESTAMPDIFF. */
static int fn_interval(int id, sql_value *args, sql_value *out, err *e)
{
    int64_t unit_ms = 1;
    int months = 0;
    if (interval_unit(&args[0], &unit_ms, &months, e) < 0)
        return -1;
    if (id == FN_TSADD) {
        int64_t k;
        if (sqlval_cast(&args[1], SQLT_INT, e) < 0 || sqlval_cast(&args[2], SQLT_TIMESTAMP, e) < 0)
            return -1;
        k = args[1].u.i;
        if (k > 1000000000LL || k < -1000000000LL)
            return err_set(e, "22008", "TIMESTAMPADD: the interval count %lld is out of range.", (long long)k);
        sqlval_set_timestamp(out, months ? add_months(args[2].u.i, k * months) : args[2].u.i + k * unit_ms);
        return 0;
    }
    if (sqlval_cast(&args[1], SQLT_TIMESTAMP, e) < 0 || sqlval_cast(&args[2], SQLT_TIMESTAMP, e) < 0)
        return -1;
    int64_t a = args[1].u.i, b = args[2].u.i;
    if (!months) {
        sqlval_set_int(out, (b - a) / unit_ms);
        return 0;
    }
    /* whole months between a and b (a later day/time in the month does not complete it) */
    int y1, m1, d1, h1, i1, s1, f1, y2, m2, d2, h2, i2, s2, f2;
    ts_split(a, &y1, &m1, &d1, &h1, &i1, &s1, &f1);
    ts_split(b, &y2, &m2, &d2, &h2, &i2, &s2, &f2);
    int64_t diff = ((int64_t)y2 * 12 + m2) - ((int64_t)y1 * 12 + m1);
    int64_t in1 = (((int64_t)d1 * 24 + h1) * 60 + i1) * 60000 + s1 * 1000 + f1;
    int64_t in2 = (((int64_t)d2 * 24 + h2) * 60 + i2) * 60000 + s2 * 1000 + f2;
    if (diff > 0 && in2 < in1)
        diff--;
    else if (diff < 0 && in2 > in1)
        diff++;
    sqlval_set_int(out, diff / months);
    return 0;
}

int func_eval(int id, sql_value *args, int nargs, sql_value *out, err *e)
{
    sqlval_clear(out);
    /* functions that look at NULLs themselves */
    switch (id) {
    case FN_COALESCE:
    case FN_IFNULL:
        for (int i = 0; i < nargs; i++)
            if (args[i].type != SQLT_NULL) {
                sqlval_move(out, &args[i]);
                return 0;
            }
        return 0;
    case FN_NULLIF: {
        if (args[0].type == SQLT_NULL)
            return 0;
        if (args[1].type != SQLT_NULL) {
            int cmp;
            if (sqlval_compare(&args[0], &args[1], &cmp, e) < 0)
                return -1;
            if (cmp == 0)
                return 0;
        }
        sqlval_move(out, &args[0]);
        return 0;
    }
    case FN_CONCAT: {
        size_t total = 0;
        for (int i = 0; i < nargs; i++) {
            if (args[i].type == SQLT_NULL)
                continue;
            if (sqlval_cast(&args[i], SQLT_TEXT, e) < 0)
                return -1;
            total += args[i].u.s.len;
        }
        char *r = malloc(total + 1);
        if (!r)
            return oom(e);
        size_t o = 0;
        for (int i = 0; i < nargs; i++)
            if (args[i].type == SQLT_TEXT) {
                memcpy(r + o, args[i].u.s.ptr, args[i].u.s.len);
                o += args[i].u.s.len;
            }
        r[o] = '\0';
        sqlval_take_text(out, r, o);
        return 0;
    }
    default:
        break;
    }
    for (int i = 0; i < nargs; i++)
        if (args[i].type == SQLT_NULL)
            return 0; /* NULL in, NULL out */
    switch (id) {
    case FN_UPPER:
    case FN_LOWER:
        if (sqlval_cast(&args[0], SQLT_TEXT, e) < 0)
            return -1;
        return fn_case(&args[0], out, id == FN_UPPER, e);
    case FN_LENGTH:
        if (sqlval_cast(&args[0], SQLT_TEXT, e) < 0)
            return -1;
        sqlval_set_int(out, u8_count(args[0].u.s.ptr, args[0].u.s.len));
        return 0;
    case FN_SUBSTRING: {
        int64_t start = 1, len = INT64_MAX / 4;
        if (sqlval_cast(&args[0], SQLT_TEXT, e) < 0 || int_arg(&args[1], &start, "SUBSTRING", e) < 0)
            return -1;
        if (nargs > 2) {
            if (int_arg(&args[2], &len, "SUBSTRING", e) < 0)
                return -1;
            if (len < 0)
                return err_set(e, "22011", "SUBSTRING length cannot be negative (%" PRId64 ").", len);
        }
        if (start > INT64_MAX / 4 || start < -(INT64_MAX / 4))
            start = start > 0 ? INT64_MAX / 4 : -(INT64_MAX / 4);
        int64_t end = start + len; /* exclusive, 1-based */
        int64_t b = start < 1 ? 1 : start;
        const char *s = args[0].u.s.ptr;
        size_t n = args[0].u.s.len;
        if (end <= b)
            return set_sub(out, s, 0, 0, e);
        size_t from = u8_offset(s, n, b - 1), to = u8_offset(s, n, end - 1);
        return set_sub(out, s, from, to, e);
    }
    case FN_TRIM:
    case FN_LTRIM:
    case FN_RTRIM: {
        if (sqlval_cast(&args[0], SQLT_TEXT, e) < 0)
            return -1;
        const char *s = args[0].u.s.ptr;
        size_t a = 0, b = args[0].u.s.len;
        if (id != FN_RTRIM)
            while (a < b && s[a] == ' ')
                a++;
        if (id != FN_LTRIM)
            while (b > a && s[b - 1] == ' ')
                b--;
        return set_sub(out, s, a, b, e);
    }
    case FN_LEFT:
    case FN_RIGHT: {
        int64_t k = 0;
        if (sqlval_cast(&args[0], SQLT_TEXT, e) < 0 || int_arg(&args[1], &k, func_name(id), e) < 0)
            return -1;
        if (k < 0)
            return err_set(e, "22011", "%s length cannot be negative.", func_name(id));
        const char *s = args[0].u.s.ptr;
        size_t n = args[0].u.s.len;
        if (id == FN_LEFT)
            return set_sub(out, s, 0, u8_offset(s, n, k), e);
        int64_t total = u8_count(s, n);
        return set_sub(out, s, u8_offset(s, n, total > k ? total - k : 0), n, e);
    }
    case FN_REPLACE: {
        for (int i = 0; i < 3; i++)
            if (sqlval_cast(&args[i], SQLT_TEXT, e) < 0)
                return -1;
        const sql_value *s = &args[0], *f = &args[1], *t = &args[2];
        if (f->u.s.len == 0)
            return sqlval_copy(out, s) < 0 ? oom(e) : 0;
        size_t count = 0;
        for (size_t i = 0; i + f->u.s.len <= s->u.s.len;) {
            if (memcmp(s->u.s.ptr + i, f->u.s.ptr, f->u.s.len) == 0) {
                count++;
                i += f->u.s.len;
            } else {
                i++;
            }
        }
        size_t n = s->u.s.len - count * f->u.s.len + count * t->u.s.len;
        char *r = malloc(n + 1);
        if (!r)
            return oom(e);
        size_t o = 0;
        for (size_t i = 0; i < s->u.s.len;) {
            if (i + f->u.s.len <= s->u.s.len && memcmp(s->u.s.ptr + i, f->u.s.ptr, f->u.s.len) == 0) {
                memcpy(r + o, t->u.s.ptr, t->u.s.len);
                o += t->u.s.len;
                i += f->u.s.len;
            } else {
                r[o++] = s->u.s.ptr[i++];
            }
        }
        r[o] = '\0';
        sqlval_take_text(out, r, o);
        return 0;
    }
    case FN_POSITION:
    case FN_LOCATE: {
        int64_t from = 1;
        if (sqlval_cast(&args[0], SQLT_TEXT, e) < 0 || sqlval_cast(&args[1], SQLT_TEXT, e) < 0)
            return -1;
        if (nargs > 2 && int_arg(&args[2], &from, "LOCATE", e) < 0)
            return -1;
        if (from < 1)
            from = 1;
        sqlval_set_int(out, find_chars(args[1].u.s.ptr, args[1].u.s.len, args[0].u.s.ptr,
                                       args[0].u.s.len, from - 1));
        return 0;
    }
    case FN_ABS: {
        sql_value *v = &args[0];
        if (v->type == SQLT_TEXT || v->type == SQLT_BOOL)
            if (sqlval_cast(v, v->type == SQLT_BOOL ? SQLT_INT : SQLT_DOUBLE, e) < 0)
                return -1;
        if (v->type == SQLT_INT) {
            if (v->u.i == INT64_MIN)
                return err_set(e, "22003", "ABS: numeric value out of range.");
            sqlval_set_int(out, v->u.i < 0 ? -v->u.i : v->u.i);
            return 0;
        }
        if (v->type != SQLT_DOUBLE)
            return err_set(e, "22018", "ABS expects a number, not %s.", sqltype_name(v->type));
        sqlval_set_double(out, fabs(v->u.d));
        return 0;
    }
    case FN_ROUND:
    case FN_FLOOR:
    case FN_CEILING: {
        sql_value *v = &args[0];
        int64_t digits = 0;
        if (nargs > 1 && int_arg(&args[1], &digits, "ROUND", e) < 0)
            return -1;
        if (v->type == SQLT_TEXT || v->type == SQLT_BOOL)
            if (sqlval_cast(v, v->type == SQLT_BOOL ? SQLT_INT : SQLT_DOUBLE, e) < 0)
                return -1;
        if (v->type == SQLT_INT) {
            if (id == FN_ROUND && digits < 0 && digits > -19) {
                int64_t p = 1;
                for (int64_t k = 0; k < -digits; k++)
                    p *= 10;
                int64_t q = v->u.i / p, r = v->u.i % p;
                if (r * 2 >= p)
                    q++;
                else if (r * 2 <= -p)
                    q--;
                sqlval_set_int(out, q * p);
                return 0;
            }
            sqlval_set_int(out, v->u.i);
            return 0;
        }
        if (v->type != SQLT_DOUBLE)
            return err_set(e, "22018", "%s expects a number, not %s.", func_name(id), sqltype_name(v->type));
        double d = v->u.d;
        if (id == FN_FLOOR)
            d = floor(d);
        else if (id == FN_CEILING)
            d = ceil(d);
        else {
            if (digits > 15)
                digits = 15;
            if (digits < -15)
                digits = -15;
            double p = pow(10.0, (double)digits);
            d = round(d * p) / p;
        }
        sqlval_set_double(out, d);
        return 0;
    }
    case FN_MOD: {
        for (int i = 0; i < 2; i++)
            if (args[i].type == SQLT_TEXT || args[i].type == SQLT_BOOL)
                if (sqlval_cast(&args[i], args[i].type == SQLT_BOOL ? SQLT_INT : SQLT_DOUBLE, e) < 0)
                    return -1;
        if (args[0].type == SQLT_INT && args[1].type == SQLT_INT) {
            if (args[1].u.i == 0)
                return err_set(e, "22012", "Division by zero in MOD.");
            sqlval_set_int(out, args[1].u.i == -1 ? 0 : args[0].u.i % args[1].u.i);
            return 0;
        }
        double a = args[0].type == SQLT_INT ? (double)args[0].u.i : args[0].u.d;
        double b = args[1].type == SQLT_INT ? (double)args[1].u.i : args[1].u.d;
        if (args[0].type == SQLT_TIMESTAMP || args[1].type == SQLT_TIMESTAMP)
            return err_set(e, "22018", "MOD expects numbers.");
        if (b == 0)
            return err_set(e, "22012", "Division by zero in MOD.");
        sqlval_set_double(out, fmod(a, b));
        return 0;
    }
    case FN_YEAR: case FN_MONTH: case FN_DAY: case FN_HOUR: case FN_MINUTE: case FN_SECOND: {
        if (ts_arg(&args[0], e) < 0)
            return -1;
        int y, mo, d, h, mi, s, f;
        ts_split(args[0].u.i, &y, &mo, &d, &h, &mi, &s, &f);
        int v = id == FN_YEAR ? y : id == FN_MONTH ? mo : id == FN_DAY ? d : id == FN_HOUR ? h
                : id == FN_MINUTE ? mi : s;
        sqlval_set_int(out, v);
        return 0;
    }
    case FN_TSADD:
    case FN_TSDIFF:
        return fn_interval(id, args, out, e);
    default:
        return err_set(e, "0A000", "The function %s is not supported here.", func_name(id));
    }
}
