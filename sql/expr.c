/** @file expr.c  Expression evaluation (see expr.h). */
#include "sql/expr.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sql/func.h"

int utf8_len(unsigned char c)
{
    if (c < 0x80)
        return 1;
    if ((c & 0xE0) == 0xC0)
        return 2;
    if ((c & 0xF0) == 0xE0)
        return 3;
    if ((c & 0xF8) == 0xF0)
        return 4;
    return 1;
}

/** Length of the character at s[i] clipped to the remaining n bytes. */
static size_t char_at(const char *s, size_t i, size_t n)
{
    size_t l = (size_t)utf8_len((unsigned char)s[i]);
    return i + l > n ? n - i : l;
}

int text_to_number(const char *s, sql_value *out)
{
    while (isspace((unsigned char)*s))
        s++;
    if (!*s)
        return -1;
    char *end;
    errno = 0;
    long long ll = strtoll(s, &end, 10);
    if (end != s && errno == 0) {
        const char *q = end;
        while (isspace((unsigned char)*q))
            q++;
        if (!*q) {
            sqlval_set_int(out, ll);
            return 0;
        }
    }
    errno = 0;
    double d = strtod(s, &end);
    if (end == s)
        return -1;
    while (isspace((unsigned char)*end))
        end++;
    if (*end || !isfinite(d))
        return -1;
    /* reject hex/inf/nan spellings strtod accepts */
    for (const char *q = s; q < end; q++)
        if (*q == 'x' || *q == 'X' || *q == 'n' || *q == 'N' || *q == 'i' || *q == 'I')
            return -1;
    sqlval_set_double(out, d);
    return 0;
}

/** Parse 1/0/true/false/t/f/yes/no (case-insensitive). Returns 0 or -1. */
static int text_to_bool(const char *s, int *b)
{
    static const char *t[] = { "1", "true", "t", "yes", "y", "on", NULL };
    static const char *f[] = { "0", "false", "f", "no", "n", "off", NULL };
    while (isspace((unsigned char)*s))
        s++;
    size_t n = strlen(s);
    while (n && isspace((unsigned char)s[n - 1]))
        n--;
    for (int i = 0; t[i]; i++)
        if (strlen(t[i]) == n && strncasecmp(s, t[i], n) == 0) {
            *b = 1;
            return 0;
        }
    for (int i = 0; f[i]; i++)
        if (strlen(f[i]) == n && strncasecmp(s, f[i], n) == 0) {
            *b = 0;
            return 0;
        }
    return -1;
}

static int is_num(enum sqltype t) { return t == SQLT_INT || t == SQLT_DOUBLE || t == SQLT_BOOL; }

static double num_of(const sql_value *v) { return v->type == SQLT_DOUBLE ? v->u.d : (double)v->u.i; }

/** Three-way compare of two numeric values. */
static int num_cmp(const sql_value *a, const sql_value *b)
{
    if (a->type != SQLT_DOUBLE && b->type != SQLT_DOUBLE)
        return a->u.i < b->u.i ? -1 : a->u.i > b->u.i;
    double x = num_of(a), y = num_of(b);
    return x < y ? -1 : x > y;
}

/** Short, quoted excerpt of a text value for messages. */
static const char *excerpt(const sql_value *v, char *buf, size_t n)
{
    snprintf(buf, n, "%.60s%s", v->u.s.ptr, v->u.s.len > 60 ? "..." : "");
    return buf;
}

/** Compare text t with non-text o (coercing t to o's type); sign flipped if swapped. */
static int cmp_text_other(const sql_value *t, const sql_value *o, int *cmp, err *e)
{
    char buf[80];
    if (o->type == SQLT_TIMESTAMP) {
        int64_t ms;
        if (ts_parse_iso8601(t->u.s.ptr, &ms) < 0)
            return err_set(e, "22018", "'%s' is not a valid timestamp; use 'YYYY-MM-DD' or "
                           "'YYYY-MM-DD HH:MM:SS[.fff][Z]'.", excerpt(t, buf, sizeof buf));
        *cmp = ms < o->u.i ? -1 : ms > o->u.i;
        return 0;
    }
    if (o->type == SQLT_BOOL) {
        int b;
        if (text_to_bool(t->u.s.ptr, &b) < 0)
            return err_set(e, "22018", "'%s' is not a valid BIT value; use 1, 0, TRUE or FALSE.",
                           excerpt(t, buf, sizeof buf));
        *cmp = b < o->u.i ? -1 : b > o->u.i;
        return 0;
    }
    sql_value n = { 0 };
    if (text_to_number(t->u.s.ptr, &n) < 0)
        return err_set(e, "22018", "'%s' is not a valid number and cannot be compared with a "
                       "numeric value.", excerpt(t, buf, sizeof buf));
    *cmp = num_cmp(&n, o);
    return 0;
}

int sqlval_compare(const sql_value *a, const sql_value *b, int *cmp, err *e)
{
    if (a->type == SQLT_TEXT && b->type == SQLT_TEXT) {
        size_t n = a->u.s.len < b->u.s.len ? a->u.s.len : b->u.s.len;
        int r = memcmp(a->u.s.ptr, b->u.s.ptr, n);
        *cmp = r ? (r < 0 ? -1 : 1) : (a->u.s.len < b->u.s.len ? -1 : a->u.s.len > b->u.s.len);
        return 0;
    }
    if (is_num(a->type) && is_num(b->type)) {
        *cmp = num_cmp(a, b);
        return 0;
    }
    if (a->type == SQLT_TIMESTAMP && b->type == SQLT_TIMESTAMP) {
        *cmp = a->u.i < b->u.i ? -1 : a->u.i > b->u.i;
        return 0;
    }
    if (a->type == SQLT_TEXT && b->type != SQLT_NULL)
        return cmp_text_other(a, b, cmp, e);
    if (b->type == SQLT_TEXT && a->type != SQLT_NULL) {
        if (cmp_text_other(b, a, cmp, e) < 0)
            return -1;
        *cmp = -*cmp;
        return 0;
    }
    return err_set(e, "22018", "A %s value cannot be compared with a %s value.",
                   sqltype_name(a->type), sqltype_name(b->type));
}

int sqlval_order(const sql_value *a, const sql_value *b)
{
    if (a->type == SQLT_NULL || b->type == SQLT_NULL)
        return (a->type != SQLT_NULL) - (b->type != SQLT_NULL);
    int c;
    if (sqlval_compare(a, b, &c, NULL) == 0)
        return c;
    return a->type < b->type ? -1 : a->type > b->type;
}

uint64_t sqlval_hash(const sql_value *v)
{
    uint64_t h = 1469598103934665603ULL;
    switch (v->type) {
    case SQLT_NULL:
        return 0x9e3779b97f4a7c15ULL;
    case SQLT_TEXT: {
        /* a text that reads as a number compares equal to it, so hash the number */
        for (size_t i = 0; i < v->u.s.len; i++) {
            h ^= (unsigned char)v->u.s.ptr[i];
            h *= 1099511628211ULL;
        }
        return h;
    }
    case SQLT_TIMESTAMP:
        return (uint64_t)v->u.i * 0x9e3779b97f4a7c15ULL + 7;
    default: {
        double d = num_of(v);
        if (d == floor(d) && fabs(d) < 9.2e18)
            return (uint64_t)(int64_t)d * 0x9e3779b97f4a7c15ULL;
        uint64_t bits;
        memcpy(&bits, &d, sizeof bits);
        return bits * 0x9e3779b97f4a7c15ULL;
    }
    }
}

int sql_like(const char *s, size_t slen, const char *pat, size_t plen, const char *esc,
             size_t esclen)
{
    /* a malformed pattern (escape character at the very end) is an error */
    if (esc && esclen) {
        for (size_t i = 0; i < plen;) {
            size_t l = char_at(pat, i, plen);
            if (l == esclen && memcmp(pat + i, esc, esclen) == 0) {
                if (i + l >= plen)
                    return -1;
                i += l;
                i += char_at(pat, i, plen);
                continue;
            }
            i += l;
        }
    }
    size_t si = 0, pi = 0, star_p = (size_t)-1, star_s = 0;
    while (si < slen) {
        if (pi < plen) {
            size_t l = char_at(pat, pi, plen);
            const char *lit = pat + pi;
            size_t litlen = l, toklen = l;
            if (esc && esclen && l == esclen && memcmp(pat + pi, esc, esclen) == 0) {
                lit = pat + pi + l;
                litlen = char_at(pat, pi + l, plen);
                toklen = l + litlen;
            } else if (pat[pi] == '%') {
                pi++;
                star_p = pi;
                star_s = si;
                continue;
            } else if (pat[pi] == '_') {
                si += char_at(s, si, slen);
                pi += l;
                continue;
            }
            if (si + litlen <= slen && memcmp(s + si, lit, litlen) == 0) {
                si += litlen;
                pi += toklen;
                continue;
            }
        }
        if (star_p != (size_t)-1) {
            star_s += char_at(s, star_s, slen);
            si = star_s;
            pi = star_p;
            continue;
        }
        return 0;
    }
    while (pi < plen && pat[pi] == '%' && !(esc && esclen == 1 && esc[0] == '%'))
        pi++;
    return pi == plen;
}

char *sqlval_to_text(const sql_value *v)
{
    char buf[64];
    switch (v->type) {
    case SQLT_TEXT: {
        char *r = malloc(v->u.s.len + 1);
        if (r) {
            memcpy(r, v->u.s.ptr, v->u.s.len);
            r[v->u.s.len] = '\0';
        }
        return r;
    }
    case SQLT_NULL: buf[0] = '\0'; break;
    case SQLT_BOOL: snprintf(buf, sizeof buf, "%d", v->u.i ? 1 : 0); break;
    case SQLT_INT: snprintf(buf, sizeof buf, "%" PRId64, v->u.i); break;
    case SQLT_DOUBLE:
        snprintf(buf, sizeof buf, "%.15g", v->u.d);
        if (strtod(buf, NULL) != v->u.d)
            snprintf(buf, sizeof buf, "%.17g", v->u.d);
        break;
    case SQLT_TIMESTAMP: ts_format(v->u.i, buf, sizeof buf); break;
    }
    size_t n = strlen(buf) + 1;
    char *r = malloc(n);
    if (r)
        memcpy(r, buf, n);
    return r;
}

static int oom(err *e) { return err_set(e, "HY001", "Out of memory while evaluating an expression."); }

int sqlval_cast(sql_value *v, enum sqltype to, err *e)
{
    char buf[80];
    if (v->type == SQLT_NULL || v->type == to || to == SQLT_NULL)
        return 0;
    switch (to) {
    case SQLT_TEXT: {
        char *t = sqlval_to_text(v);
        if (!t)
            return oom(e);
        sqlval_take_text(v, t, strlen(t));
        return 0;
    }
    case SQLT_INT:
        if (v->type == SQLT_TEXT) {
            sql_value n = { 0 };
            if (text_to_number(v->u.s.ptr, &n) < 0)
                return err_set(e, "22018", "'%s' is not a valid integer.", excerpt(v, buf, sizeof buf));
            sqlval_move(v, &n);
            if (v->type == SQLT_INT)
                return 0;
        }
        if (v->type == SQLT_DOUBLE) {
            double d = trunc(v->u.d);
            if (!(d >= -9223372036854775808.0 && d < 9223372036854775808.0))
                return err_set(e, "22003", "The value %g is out of range for INTEGER.", v->u.d);
            sqlval_set_int(v, (int64_t)d);
            return 0;
        }
        if (v->type == SQLT_BOOL) {
            v->type = SQLT_INT;
            return 0;
        }
        break;
    case SQLT_DOUBLE:
        if (v->type == SQLT_TEXT) {
            sql_value n = { 0 };
            if (text_to_number(v->u.s.ptr, &n) < 0)
                return err_set(e, "22018", "'%s' is not a valid number.", excerpt(v, buf, sizeof buf));
            sqlval_set_double(v, num_of(&n));
            return 0;
        }
        if (v->type == SQLT_INT || v->type == SQLT_BOOL) {
            sqlval_set_double(v, (double)v->u.i);
            return 0;
        }
        break;
    case SQLT_BOOL:
        if (v->type == SQLT_TEXT) {
            int b;
            if (text_to_bool(v->u.s.ptr, &b) < 0)
                return err_set(e, "22018", "'%s' is not a valid BIT value; use 1, 0, TRUE or FALSE.",
                               excerpt(v, buf, sizeof buf));
            sqlval_set_bool(v, b);
            return 0;
        }
        if (v->type == SQLT_INT || v->type == SQLT_DOUBLE) {
            sqlval_set_bool(v, num_of(v) != 0);
            return 0;
        }
        break;
    case SQLT_TIMESTAMP:
        if (v->type == SQLT_TEXT) {
            int64_t ms;
            if (ts_parse_iso8601(v->u.s.ptr, &ms) < 0)
                return err_set(e, "22018", "'%s' is not a valid timestamp; use 'YYYY-MM-DD' or "
                               "'YYYY-MM-DD HH:MM:SS[.fff][Z]'.", excerpt(v, buf, sizeof buf));
            sqlval_set_timestamp(v, ms);
            return 0;
        }
        break;
    default:
        break;
    }
    return err_set(e, "22018", "A %s value cannot be converted to %s.", sqltype_name(v->type),
                   sqltype_name(to));
}

/** Make v numeric for arithmetic (TEXT parsed; BIT as 0/1). */
static int to_numeric(sql_value *v, err *e)
{
    if (v->type == SQLT_INT || v->type == SQLT_DOUBLE)
        return 0;
    if (v->type == SQLT_BOOL) {
        v->type = SQLT_INT;
        return 0;
    }
    if (v->type == SQLT_TEXT) {
        char buf[80];
        sql_value n = { 0 };
        if (text_to_number(v->u.s.ptr, &n) < 0)
            return err_set(e, "22018", "'%s' is not a valid number.", excerpt(v, buf, sizeof buf));
        sqlval_move(v, &n);
        return 0;
    }
    return err_set(e, "22018", "Arithmetic is not defined for %s values.", sqltype_name(v->type));
}

/** a <op> b for numeric a, b into out. */
static int arith(int op, sql_value *a, sql_value *b, sql_value *out, err *e)
{
    if (to_numeric(a, e) < 0 || to_numeric(b, e) < 0)
        return -1;
    if (a->type == SQLT_INT && b->type == SQLT_INT) {
        int64_t x = a->u.i, y = b->u.i, r;
        switch (op) {
        case AR_ADD:
            if (__builtin_add_overflow(x, y, &r))
                goto overflow;
            break;
        case AR_SUB:
            if (__builtin_sub_overflow(x, y, &r))
                goto overflow;
            break;
        case AR_MUL:
            if (__builtin_mul_overflow(x, y, &r))
                goto overflow;
            break;
        case AR_DIV:
            if (y == 0)
                return err_set(e, "22012", "Division by zero.");
            if (x == INT64_MIN && y == -1)
                goto overflow;
            r = x / y;
            break;
        default:
            if (y == 0)
                return err_set(e, "22012", "Division by zero (modulo by zero).");
            r = y == -1 ? 0 : x % y;
            break;
        }
        sqlval_set_int(out, r);
        return 0;
    }
    double x = num_of(a), y = num_of(b), r;
    switch (op) {
    case AR_ADD: r = x + y; break;
    case AR_SUB: r = x - y; break;
    case AR_MUL: r = x * y; break;
    case AR_DIV:
        if (y == 0)
            return err_set(e, "22012", "Division by zero.");
        r = x / y;
        break;
    default:
        if (y == 0)
            return err_set(e, "22012", "Division by zero (modulo by zero).");
        r = fmod(x, y);
        break;
    }
    if (!isfinite(r))
        goto overflow;
    sqlval_set_double(out, r);
    return 0;
overflow:
    return err_set(e, "22003", "Numeric value out of range in arithmetic.");
}

/** Evaluate both operands of a binary node into a and b. */
static int eval2(const expr *x, const eval_ctx *c, sql_value *a, sql_value *b, err *e)
{
    if (expr_eval(x->args[0], c, a, e) < 0)
        return -1;
    if (expr_eval(x->args[1], c, b, e) < 0) {
        sqlval_clear(a);
        return -1;
    }
    return 0;
}

/** 3VL value of a compare op given cmp. */
static int cmp_holds(int op, int cmp)
{
    switch (op) {
    case CMP_EQ: return cmp == 0;
    case CMP_NE: return cmp != 0;
    case CMP_LT: return cmp < 0;
    case CMP_LE: return cmp <= 0;
    case CMP_GT: return cmp > 0;
    default: return cmp >= 0;
    }
}

/** Set out to a 3VL truth value (-1 NULL). */
static void set_truth(sql_value *out, int t)
{
    if (t < 0)
        sqlval_set_null(out);
    else
        sqlval_set_bool(out, t);
}

/** Truth of an evaluated value: 1, 0, -1 (NULL). */
static int value_truth(const sql_value *v, int *t, err *e)
{
    switch (v->type) {
    case SQLT_NULL: *t = -1; return 0;
    case SQLT_BOOL:
    case SQLT_INT: *t = v->u.i != 0; return 0;
    case SQLT_DOUBLE: *t = v->u.d != 0; return 0;
    case SQLT_TEXT: {
        int b;
        char buf[80];
        if (text_to_bool(v->u.s.ptr, &b) < 0)
            return err_set(e, "22018", "'%s' is not a valid condition value (TRUE or FALSE).",
                           excerpt(v, buf, sizeof buf));
        *t = b;
        return 0;
    }
    default:
        return err_set(e, "22018", "A %s value cannot be used as a condition.", sqltype_name(v->type));
    }
}

int expr_truth(const expr *x, const eval_ctx *c, int *truth, err *e)
{
    sql_value v = { 0 };
    if (expr_eval(x, c, &v, e) < 0)
        return -1;
    int r = value_truth(&v, truth, e);
    sqlval_clear(&v);
    return r;
}

/** Make a text copy of v in place (for LIKE and ||). */
static int to_text(sql_value *v, err *e)
{
    if (v->type == SQLT_TEXT || v->type == SQLT_NULL)
        return 0;
    return sqlval_cast(v, SQLT_TEXT, e);
}

static int eval_like(const expr *x, const eval_ctx *c, sql_value *out, err *e)
{
    sql_value s = { 0 }, p = { 0 }, es = { 0 };
    int rc = -1;
    if (eval2(x, c, &s, &p, e) < 0)
        return -1;
    if (x->nargs > 2 && expr_eval(x->args[2], c, &es, e) < 0)
        goto done;
    if (s.type == SQLT_NULL || p.type == SQLT_NULL || (x->nargs > 2 && es.type == SQLT_NULL)) {
        sqlval_set_null(out);
        rc = 0;
        goto done;
    }
    if (to_text(&s, e) < 0 || to_text(&p, e) < 0 || to_text(&es, e) < 0)
        goto done;
    const char *esc = NULL;
    size_t esclen = 0;
    if (x->nargs > 2) {
        if (es.u.s.len == 0 || (size_t)utf8_len((unsigned char)es.u.s.ptr[0]) != es.u.s.len) {
            err_set(e, "22019", "The LIKE escape must be exactly one character, not '%s'.", es.u.s.ptr);
            goto done;
        }
        esc = es.u.s.ptr;
        esclen = es.u.s.len;
    }
    int m = sql_like(s.u.s.ptr, s.u.s.len, p.u.s.ptr, p.u.s.len, esc, esclen);
    if (m < 0) {
        err_set(e, "22025", "The LIKE pattern '%s' ends with the escape character.", p.u.s.ptr);
        goto done;
    }
    sqlval_set_bool(out, x->negated ? !m : m);
    rc = 0;
done:
    sqlval_clear(&s);
    sqlval_clear(&p);
    sqlval_clear(&es);
    return rc;
}

static int eval_in(const expr *x, const eval_ctx *c, sql_value *out, err *e)
{
    sql_value s = { 0 }, v = { 0 };
    if (expr_eval(x->args[0], c, &s, e) < 0)
        return -1;
    int result = 0; /* FALSE */
    if (s.type == SQLT_NULL) {
        result = -1;
    } else {
        for (int i = 1; i < x->nargs && result != 1; i++) {
            if (expr_eval(x->args[i], c, &v, e) < 0) {
                sqlval_clear(&s);
                return -1;
            }
            if (v.type == SQLT_NULL) {
                result = -1;
            } else {
                int cmp;
                if (sqlval_compare(&s, &v, &cmp, e) < 0) {
                    sqlval_clear(&s);
                    sqlval_clear(&v);
                    return -1;
                }
                if (cmp == 0)
                    result = 1;
            }
            sqlval_clear(&v);
        }
    }
    sqlval_clear(&s);
    if (x->negated && result >= 0)
        result = !result;
    set_truth(out, result);
    return 0;
}

/** EX_SUBQ: a value computed before the execution started, or per outer row (see subq_val). */
static int eval_subq(const expr *x, const eval_ctx *c, sql_value *out, err *e)
{
    if (!c->subq || x->index < 0 || (!c->subq[x->index].done && !c->subq[x->index].corr))
        return err_set(e, "HY000", "The subquery at line %d, column %d has no value here.", x->line, x->col);
    sql_value s = { 0 };
    /* the left side first: the cached value of a correlated subquery is only valid until the next lookup */
    if (x->op == SQ_IN && expr_eval(x->args[0], c, &s, e) < 0)
        return -1;
    const subq_val *sv = &c->subq[x->index];
    if (sv->corr && subq_corr_value(x, c, &sv, e) < 0) {
        sqlval_clear(&s);
        return -1;
    }
    if (x->op != SQ_IN)
        return sqlval_copy(out, &sv->v) < 0 ? oom(e) : 0;
    int result = 0;
    if (sv->nlist == 0 && !sv->has_null) {
        result = 0; /* x IN (empty) is FALSE even for a NULL x */
    } else if (s.type == SQLT_NULL) {
        result = -1;
    } else {
        for (size_t i = 0; i < sv->nlist && result != 1; i++) {
            int cmp;
            if (sqlval_compare(&s, &sv->list[i], &cmp, e) < 0) {
                sqlval_clear(&s);
                return -1;
            }
            if (cmp == 0)
                result = 1;
        }
        if (result != 1 && sv->has_null)
            result = -1;
    }
    sqlval_clear(&s);
    if (x->negated && result >= 0)
        result = !result;
    set_truth(out, result);
    return 0;
}

static int eval_between(const expr *x, const eval_ctx *c, sql_value *out, err *e)
{
    sql_value v[3] = { { 0 } };
    int rc = -1;
    for (int i = 0; i < 3; i++)
        if (expr_eval(x->args[i], c, &v[i], e) < 0)
            goto done;
    int lo = -1, hi = -1, cmp;
    if (v[0].type != SQLT_NULL && v[1].type != SQLT_NULL) {
        if (sqlval_compare(&v[0], &v[1], &cmp, e) < 0)
            goto done;
        lo = cmp >= 0;
    }
    if (v[0].type != SQLT_NULL && v[2].type != SQLT_NULL) {
        if (sqlval_compare(&v[0], &v[2], &cmp, e) < 0)
            goto done;
        hi = cmp <= 0;
    }
    int t = (lo == 0 || hi == 0) ? 0 : (lo < 0 || hi < 0) ? -1 : 1;
    if (x->negated && t >= 0)
        t = !t;
    set_truth(out, t);
    rc = 0;
done:
    for (int i = 0; i < 3; i++)
        sqlval_clear(&v[i]);
    return rc;
}

static int eval_case(const expr *x, const eval_ctx *c, sql_value *out, err *e)
{
    int i = 0, npairs_end = x->nargs - (x->has_else ? 1 : 0);
    sql_value subj = { 0 };
    if (x->op == 1) {
        if (expr_eval(x->args[0], c, &subj, e) < 0)
            return -1;
        i = 1;
    }
    for (; i + 1 < npairs_end + 1 && i < npairs_end; i += 2) {
        int t;
        if (x->op == 1) {
            sql_value w = { 0 };
            if (expr_eval(x->args[i], c, &w, e) < 0) {
                sqlval_clear(&subj);
                return -1;
            }
            int cmp = 1;
            t = 0;
            if (subj.type != SQLT_NULL && w.type != SQLT_NULL) {
                if (sqlval_compare(&subj, &w, &cmp, e) < 0) {
                    sqlval_clear(&w);
                    sqlval_clear(&subj);
                    return -1;
                }
                t = cmp == 0;
            }
            sqlval_clear(&w);
        } else if (expr_truth(x->args[i], c, &t, e) < 0) {
            return -1;
        }
        if (t == 1) {
            sqlval_clear(&subj);
            return expr_eval(x->args[i + 1], c, out, e);
        }
    }
    sqlval_clear(&subj);
    if (x->has_else)
        return expr_eval(x->args[x->nargs - 1], c, out, e);
    sqlval_set_null(out);
    return 0;
}

/** Truncate text v to at most n characters. */
static void truncate_chars(sql_value *v, int n)
{
    size_t i = 0;
    for (int k = 0; k < n && i < v->u.s.len; k++)
        i += char_at(v->u.s.ptr, i, v->u.s.len);
    if (i < v->u.s.len) {
        v->u.s.ptr[i] = '\0';
        v->u.s.len = i;
    }
}

int expr_eval(const expr *x, const eval_ctx *c, sql_value *out, err *e)
{
    sqlval_clear(out);
    sql_value a = { 0 }, b = { 0 };
    int rc = 0;
    switch (x->kind) {
    case EX_LIT:
        return sqlval_copy(out, &x->lit) < 0 ? oom(e) : 0;
    case EX_PARAM:
        if (!c->params || x->index >= c->nparams)
            return err_set(e, "07002", "No value was bound for parameter %d.", x->index + 1);
        return sqlval_copy(out, &c->params[x->index]) < 0 ? oom(e) : 0;
    case EX_COL:
        if (!c->row || x->index < 0)
            return err_set(e, "HY000", "Column '%s' cannot be used here.", x->name ? x->name : "?");
        return sqlval_copy(out, &c->row[x->index]) < 0 ? oom(e) : 0;
    case EX_AGG:
        if (!c->aggs || x->index < 0)
            return err_set(e, "42000", "The aggregate %s cannot be used here.", x->name ? x->name : "");
        return sqlval_copy(out, &c->aggs[x->index]) < 0 ? oom(e) : 0;
    case EX_NOT: {
        int t;
        if (expr_truth(x->args[0], c, &t, e) < 0)
            return -1;
        set_truth(out, t < 0 ? -1 : !t);
        return 0;
    }
    case EX_AND:
    case EX_OR: {
        int t1, t2;
        int is_and = x->kind == EX_AND;
        if (expr_truth(x->args[0], c, &t1, e) < 0)
            return -1;
        if (t1 == (is_and ? 0 : 1)) {
            set_truth(out, t1);
            return 0;
        }
        if (expr_truth(x->args[1], c, &t2, e) < 0)
            return -1;
        if (t2 == (is_and ? 0 : 1))
            set_truth(out, t2);
        else
            set_truth(out, (t1 < 0 || t2 < 0) ? -1 : t1);
        return 0;
    }
    case EX_NEG:
        if (expr_eval(x->args[0], c, &a, e) < 0)
            return -1;
        if (a.type != SQLT_NULL) {
            sqlval_set_int(&b, 0);
            rc = arith(AR_SUB, &b, &a, out, e);
        }
        break;
    case EX_CMP:
        if (eval2(x, c, &a, &b, e) < 0)
            return -1;
        if (a.type != SQLT_NULL && b.type != SQLT_NULL) {
            int cmp;
            rc = sqlval_compare(&a, &b, &cmp, e);
            if (rc == 0)
                sqlval_set_bool(out, cmp_holds(x->op, cmp));
        }
        break;
    case EX_ARITH:
        if (eval2(x, c, &a, &b, e) < 0)
            return -1;
        if (a.type != SQLT_NULL && b.type != SQLT_NULL)
            rc = arith(x->op, &a, &b, out, e);
        break;
    case EX_CONCAT:
        if (eval2(x, c, &a, &b, e) < 0)
            return -1;
        if (a.type != SQLT_NULL && b.type != SQLT_NULL) {
            if (to_text(&a, e) < 0 || to_text(&b, e) < 0) {
                rc = -1;
                break;
            }
            char *r = malloc(a.u.s.len + b.u.s.len + 1);
            if (!r) {
                rc = oom(e);
                break;
            }
            memcpy(r, a.u.s.ptr, a.u.s.len);
            memcpy(r + a.u.s.len, b.u.s.ptr, b.u.s.len + 1);
            sqlval_take_text(out, r, a.u.s.len + b.u.s.len);
        }
        break;
    case EX_LIKE:
        return eval_like(x, c, out, e);
    case EX_IN:
        return eval_in(x, c, out, e);
    case EX_ISNULL:
        if (expr_eval(x->args[0], c, &a, e) < 0)
            return -1;
        sqlval_set_bool(out, (a.type == SQLT_NULL) != x->negated);
        break;
    case EX_BETWEEN:
        return eval_between(x, c, out, e);
    case EX_CASE:
        return eval_case(x, c, out, e);
    case EX_SUBQ:
        return eval_subq(x, c, out, e);
    case EX_CAST:
        if (expr_eval(x->args[0], c, out, e) < 0)
            return -1;
        if (sqlval_cast(out, x->cast_type, e) < 0) {
            sqlval_clear(out);
            return -1;
        }
        if (out->type == SQLT_TEXT && x->cast_size > 0)
            truncate_chars(out, x->cast_size);
        if (out->type == SQLT_TIMESTAMP && x->cast_size < 0) {
            int64_t d = out->u.i >= 0 ? out->u.i / 86400000 : -((-out->u.i + 86399999) / 86400000);
            out->u.i = d * 86400000;
        }
        return 0;
    case EX_FUNC: {
        sql_value stackv[4] = { { 0 } };
        sql_value *args = x->nargs <= 4 ? stackv : calloc((size_t)x->nargs, sizeof *args);
        if (!args)
            return oom(e);
        int i;
        for (i = 0; i < x->nargs; i++)
            if (expr_eval(x->args[i], c, &args[i], e) < 0)
                break;
        if (i == x->nargs) {
            if (x->op == FN_NOW || x->op == FN_CURDATE) {
                int64_t ms = c->now_ms;
                if (x->op == FN_CURDATE)
                    ms = (ms >= 0 ? ms / 86400000 : -((-ms + 86399999) / 86400000)) * 86400000;
                sqlval_set_timestamp(out, ms);
                rc = 0;
            } else {
                rc = func_eval(x->op, args, x->nargs, out, e);
            }
        } else {
            rc = -1;
        }
        for (int k = 0; k < x->nargs; k++)
            sqlval_clear(&args[k]);
        if (args != stackv)
            free(args);
        return rc;
    }
    }
    sqlval_clear(&a);
    sqlval_clear(&b);
    if (rc < 0)
        sqlval_clear(out);
    return rc;
}
