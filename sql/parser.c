/** @file parser.c  Recursive-descent SQL parser (see parser.h). */
#include "sql/parser.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sql/func.h"
#include "sql/lexer.h"

/** Parser state: the token list, the current position, the parameter count. */
typedef struct parser {
    token_list toks;
    int        pos;
    int        nparams;
    int        depth;
    err       *e;
} parser;

#define MAX_DEPTH 200

static expr *parse_expr(parser *p);
static expr *parse_add(parser *p);
static int parse_query(parser *p, select_stmt **out);

/** A subquery expression node of kind k over the query starting at the current `SELECT` or `(`. */
static expr *parse_subquery(parser *p, int kind, const token *at, expr *left);

static const token *cur(parser *p) { return &p->toks.v[p->pos]; }
static const token *peek(parser *p, int k)
{
    int i = p->pos + k;
    return &p->toks.v[i < p->toks.n ? i : p->toks.n - 1];
}
static void advance(parser *p)
{
    if (p->pos < p->toks.n - 1)
        p->pos++;
}

/** 1 if token t is the bare keyword kw (case-insensitive). */
static int tok_is_kw(const token *t, const char *kw)
{
    return t->type == TK_IDENT && strcasecmp(t->text, kw) == 0;
}
static int is_kw(parser *p, const char *kw) { return tok_is_kw(cur(p), kw); }
static int is_op(parser *p, const char *op)
{
    return cur(p)->type == TK_OP && strcmp(cur(p)->text, op) == 0;
}
static int accept_kw(parser *p, const char *kw)
{
    if (!is_kw(p, kw))
        return 0;
    advance(p);
    return 1;
}
static int accept_op(parser *p, const char *op)
{
    if (!is_op(p, op))
        return 0;
    advance(p);
    return 1;
}

/** Record a syntax error at the current token. Returns -1. */
static int fail(parser *p, const char *expected)
{
    if (p->e->set)
        return -1;
    return syntax_error_at(p->e, cur(p), expected);
}
static int expect_kw(parser *p, const char *kw, const char *msg)
{
    if (accept_kw(p, kw))
        return 0;
    return fail(p, msg);
}
static int expect_op(parser *p, const char *op, const char *msg)
{
    if (accept_op(p, op))
        return 0;
    return fail(p, msg);
}
/** 0A000 naming an unsupported feature. Returns -1. */
static int unsupported(parser *p, const char *what)
{
    if (p->e->set)
        return -1;
    return err_set(p->e, "0A000", "%s is not supported (line %d, column %d).", what,
                   cur(p)->line, cur(p)->col);
}

static const char *reserved[] = {
    "SELECT", "FROM", "WHERE", "GROUP", "ORDER", "BY", "HAVING", "LIMIT", "OFFSET", "FETCH",
    "AND", "OR", "NOT", "IN", "IS", "NULL", "LIKE", "BETWEEN", "AS", "ON", "JOIN", "INNER",
    "LEFT", "RIGHT", "FULL", "CROSS", "OUTER", "UNION", "DISTINCT", "TOP", "ASC", "DESC",
    "CASE", "WHEN", "THEN", "ELSE", "END", "TRUE", "FALSE", "ESCAPE", "EXISTS", "NULLS", "ALL",
    "INTERSECT", "EXCEPT", "INTO", "VALUES", "SET", "USING", "NATURAL", "WITH", "ROWS", "ROW",
    "ONLY", "FIRST", "NEXT", NULL
};

static int is_reserved(const token *t)
{
    if (t->type != TK_IDENT)
        return 0;
    for (int i = 0; reserved[i]; i++)
        if (strcasecmp(t->text, reserved[i]) == 0)
            return 1;
    return 0;
}

static char *dupstr(const char *s)
{
    size_t n = strlen(s) + 1;
    char *r = malloc(n);
    if (r)
        memcpy(r, s, n);
    return r;
}

static int oom(parser *p)
{
    return err_set(p->e, "HY001", "Out of memory while parsing the statement.");
}

/** 1 if the current token can be an identifier (non-reserved or quoted). */
static int at_ident(parser *p)
{
    return cur(p)->type == TK_QIDENT || (cur(p)->type == TK_IDENT && !is_reserved(cur(p)));
}

/** Take an identifier (malloc'd) or fail with `what`. */
static char *take_ident(parser *p, const char *what)
{
    if (!at_ident(p)) {
        fail(p, what);
        return NULL;
    }
    char *r = dupstr(cur(p)->text);
    if (!r)
        oom(p);
    advance(p);
    return r;
}

/** Build a node and fill its args from the given children (which it owns). */
static expr *mk(parser *p, enum ex_kind k, int op, const token *at, int n, expr *a, expr *b, expr *c)
{
    expr *e = expr_new(k, n, at->line, at->col);
    if (!e) {
        expr_free(a);
        expr_free(b);
        expr_free(c);
        oom(p);
        return NULL;
    }
    e->op = op;
    expr *kids[3] = { a, b, c };
    for (int i = 0; i < n && i < 3; i++)
        e->args[i] = kids[i];
    return e;
}

/** Grow a dynamic array of expr pointers. */
static int push_expr(parser *p, expr ***v, int *n, int *cap, expr *x)
{
    if (*n == *cap) {
        int nc = *cap ? *cap * 2 : 4;
        expr **nv = realloc(*v, (size_t)nc * sizeof *nv);
        if (!nv) {
            expr_free(x);
            return oom(p);
        }
        *v = nv;
        *cap = nc;
    }
    (*v)[(*n)++] = x;
    return 0;
}

static void free_exprs(expr **v, int n)
{
    for (int i = 0; i < n; i++)
        expr_free(v[i]);
    free(v);
}

/** Literal node from a value (takes it). */
static expr *mk_lit(parser *p, const token *at, sql_value *v)
{
    expr *e = expr_new(EX_LIT, 0, at->line, at->col);
    if (!e) {
        sqlval_clear(v);
        oom(p);
        return NULL;
    }
    sqlval_move(&e->lit, v);
    return e;
}

/** Parse a CAST target type name into e->cast_type/cast_size. */
static int parse_type_name(parser *p, expr *e)
{
    static const struct { const char *name; enum sqltype t; int size; } types[] = {
        { "VARCHAR", SQLT_TEXT, 0 }, { "CHAR", SQLT_TEXT, 0 }, { "NVARCHAR", SQLT_TEXT, 0 },
        { "NCHAR", SQLT_TEXT, 0 }, { "TEXT", SQLT_TEXT, 0 }, { "STRING", SQLT_TEXT, 0 },
        { "WVARCHAR", SQLT_TEXT, 0 }, { "WCHAR", SQLT_TEXT, 0 }, { "WLONGVARCHAR", SQLT_TEXT, 0 },
        { "LONGVARCHAR", SQLT_TEXT, 0 }, { "SQL_VARCHAR", SQLT_TEXT, 0 },
        { "SQL_WVARCHAR", SQLT_TEXT, 0 }, { "SQL_CHAR", SQLT_TEXT, 0 },
        { "INT", SQLT_INT, 10 }, { "INTEGER", SQLT_INT, 10 }, { "SMALLINT", SQLT_INT, 10 },
        { "TINYINT", SQLT_INT, 10 }, { "BIGINT", SQLT_INT, 19 }, { "SQL_INTEGER", SQLT_INT, 10 },
        { "SQL_BIGINT", SQLT_INT, 19 },
        { "DOUBLE", SQLT_DOUBLE, 0 }, { "FLOAT", SQLT_DOUBLE, 0 }, { "REAL", SQLT_DOUBLE, 0 },
        { "DECIMAL", SQLT_DOUBLE, 0 }, { "NUMERIC", SQLT_DOUBLE, 0 }, { "SQL_DOUBLE", SQLT_DOUBLE, 0 },
        { "SQL_FLOAT", SQLT_DOUBLE, 0 }, { "SQL_NUMERIC", SQLT_DOUBLE, 0 },
        { "SQL_DECIMAL", SQLT_DOUBLE, 0 },
        { "BIT", SQLT_BOOL, 0 }, { "BOOLEAN", SQLT_BOOL, 0 }, { "BOOL", SQLT_BOOL, 0 },
        { "SQL_BIT", SQLT_BOOL, 0 },
        { "TIMESTAMP", SQLT_TIMESTAMP, 0 }, { "DATETIME", SQLT_TIMESTAMP, 0 },
        { "SQL_TIMESTAMP", SQLT_TIMESTAMP, 0 }, { "SQL_TYPE_TIMESTAMP", SQLT_TIMESTAMP, 0 },
        { "DATE", SQLT_TIMESTAMP, -1 }, { "SQL_DATE", SQLT_TIMESTAMP, -1 },
        { "SQL_TYPE_DATE", SQLT_TIMESTAMP, -1 },
        { NULL, SQLT_NULL, 0 }
    };
    if (cur(p)->type != TK_IDENT)
        return fail(p, "expected a type name such as VARCHAR, INTEGER, DOUBLE, BIT or TIMESTAMP");
    for (int i = 0; types[i].name; i++) {
        if (strcasecmp(cur(p)->text, types[i].name) == 0) {
            e->cast_type = types[i].t;
            e->cast_size = types[i].size;
            advance(p);
            if (types[i].t == SQLT_DOUBLE && strcasecmp(types[i].name, "DOUBLE") == 0)
                accept_kw(p, "PRECISION");
            if (accept_op(p, "(")) {
                if (cur(p)->type != TK_INT)
                    return fail(p, "expected a length");
                if (types[i].t == SQLT_TEXT)
                    e->cast_size = atoi(cur(p)->text);
                advance(p);
                if (accept_op(p, ",")) {
                    if (cur(p)->type != TK_INT)
                        return fail(p, "expected a scale");
                    advance(p);
                }
                if (expect_op(p, ")", "expected ')' after the type length") < 0)
                    return -1;
            }
            return 0;
        }
    }
    return fail(p, "expected a type name such as VARCHAR, INTEGER, DOUBLE, BIT or TIMESTAMP");
}

/** The ODBC data type keywords CONVERT accepts, in the order its error messages list them. */
#define CONVERT_KEYWORDS \
    "SQL_BIGINT, SQL_BIT, SQL_CHAR, SQL_DATE, SQL_DECIMAL, SQL_DOUBLE, SQL_FLOAT, SQL_INTEGER, " \
    "SQL_LONGVARCHAR, SQL_NUMERIC, SQL_REAL, SQL_SMALLINT, SQL_TIMESTAMP, SQL_TINYINT, " \
    "SQL_TYPE_DATE, SQL_TYPE_TIMESTAMP, SQL_VARCHAR, SQL_WCHAR, SQL_WLONGVARCHAR or SQL_WVARCHAR"

/**
 * The engine type for an ODBC CONVERT data type keyword (case-insensitive),
 * matching what CAST does for the same SQL type.
 * @param name   the keyword, e.g. "SQL_VARCHAR"
 * @param type   receives the engine type (SQLT_NULL when the engine cannot convert to it)
 * @param size   receives the CAST size (-1 for a DATE, 19 for BIGINT, 10 for other integers)
 * @param why    receives, for a known keyword the engine cannot convert to, the reason
 * @return 1 if name is an ODBC data type keyword, 0 otherwise
 */
static int convert_type_lookup(const char *name, enum sqltype *type, int *size, const char **why)
{
    static const char *no_binary = "the driver has no binary data type (PingOne holds no binary "
                                   "attributes); convert to SQL_VARCHAR instead";
    static const struct { const char *name; enum sqltype t; int size; const char *why; } kw[] = {
        { "SQL_CHAR", SQLT_TEXT, 0, NULL }, { "SQL_VARCHAR", SQLT_TEXT, 0, NULL },
        { "SQL_LONGVARCHAR", SQLT_TEXT, 0, NULL }, { "SQL_WCHAR", SQLT_TEXT, 0, NULL },
        { "SQL_WVARCHAR", SQLT_TEXT, 0, NULL }, { "SQL_WLONGVARCHAR", SQLT_TEXT, 0, NULL },
        { "SQL_TINYINT", SQLT_INT, 10, NULL }, { "SQL_SMALLINT", SQLT_INT, 10, NULL },
        { "SQL_INTEGER", SQLT_INT, 10, NULL }, { "SQL_BIGINT", SQLT_INT, 19, NULL },
        { "SQL_REAL", SQLT_DOUBLE, 0, NULL }, { "SQL_FLOAT", SQLT_DOUBLE, 0, NULL },
        { "SQL_DOUBLE", SQLT_DOUBLE, 0, NULL }, { "SQL_DECIMAL", SQLT_DOUBLE, 0, NULL },
        { "SQL_NUMERIC", SQLT_DOUBLE, 0, NULL }, { "SQL_BIT", SQLT_BOOL, 0, NULL },
        { "SQL_DATE", SQLT_TIMESTAMP, -1, NULL }, { "SQL_TYPE_DATE", SQLT_TIMESTAMP, -1, NULL },
        { "SQL_TIMESTAMP", SQLT_TIMESTAMP, 0, NULL }, { "SQL_TYPE_TIMESTAMP", SQLT_TIMESTAMP, 0, NULL },
        { "SQL_TIME", SQLT_NULL, 0, "the driver has no TIME data type; convert to SQL_TIMESTAMP, "
          "or use HOUR(), MINUTE() and SECOND()" },
        { "SQL_TYPE_TIME", SQLT_NULL, 0, "the driver has no TIME data type; convert to SQL_TIMESTAMP, "
          "or use HOUR(), MINUTE() and SECOND()" },
        { "SQL_BINARY", SQLT_NULL, 0, NULL }, { "SQL_VARBINARY", SQLT_NULL, 0, NULL },
        { "SQL_LONGVARBINARY", SQLT_NULL, 0, NULL },
        { "SQL_GUID", SQLT_NULL, 0, "the driver has no GUID data type (identifiers are text); "
          "convert to SQL_VARCHAR instead" },
        { NULL, SQLT_NULL, 0, NULL }
    };
    for (int i = 0; kw[i].name; i++) {
        if (strcasecmp(name, kw[i].name) == 0) {
            *type = kw[i].t;
            *size = kw[i].size;
            *why = kw[i].why ? kw[i].why : no_binary;
            return 1;
        }
    }
    return 0;
}

/**
 * The ODBC scalar function CONVERT(value_exp, data_type) (CONVERT is current,
 * '(' follows), also inside {fn ...}: parsed into the same EX_CAST node as
 * CAST(value_exp AS type). An unknown data_type is 42000 naming the accepted
 * keywords; a known one the engine cannot convert to (binary, TIME, GUID) is
 * HYC00. Returns the node, or NULL with p->e set.
 */
static expr *parse_convert(parser *p)
{
    const token *at = cur(p);
    advance(p); /* CONVERT */
    advance(p); /* ( */
    expr *a = parse_expr(p);
    if (!a)
        return NULL;
    if (expect_op(p, ",", "expected ',' and an ODBC data type such as SQL_VARCHAR in CONVERT") < 0) {
        expr_free(a);
        return NULL;
    }
    const token *tt = cur(p);
    enum sqltype type = SQLT_NULL;
    int size = 0;
    const char *why = NULL;
    if (tt->type != TK_IDENT || !convert_type_lookup(tt->text, &type, &size, &why)) {
        expr_free(a);
        fail(p, "expected an ODBC data type in CONVERT: " CONVERT_KEYWORDS);
        return NULL;
    }
    if (type == SQLT_NULL) {
        expr_free(a);
        err_set(p->e, "HYC00", "CONVERT to %s at line %d, column %d is not supported: %s.", tt->text,
                tt->line, tt->col, why);
        return NULL;
    }
    advance(p);
    expr *e = mk(p, EX_CAST, 0, at, 1, a, NULL, NULL);
    if (!e)
        return NULL;
    e->cast_type = type;
    e->cast_size = size;
    if (expect_op(p, ")", "expected ')' to close CONVERT") < 0) {
        expr_free(e);
        return NULL;
    }
    return e;
}

/** Parse a comma-separated argument list up to ')' (the '(' is consumed). */
static int parse_args(parser *p, expr ***args, int *nargs)
{
    int cap = 0;
    *args = NULL;
    *nargs = 0;
    if (accept_op(p, ")"))
        return 0;
    for (;;) {
        expr *a = parse_expr(p);
        if (!a || push_expr(p, args, nargs, &cap, a) < 0)
            goto fail;
        if (accept_op(p, ","))
            continue;
        if (expect_op(p, ")", "expected ',' or ')' in the argument list") < 0)
            goto fail;
        return 0;
    }
fail:
    free_exprs(*args, *nargs);
    *args = NULL;
    *nargs = 0;
    return -1;
}

/** Datetime literal text of {d ...}/{ts ...}/{t ...} or DATE '...' into a TIMESTAMP node. */
static expr *datetime_literal(parser *p, const token *at, const char *kind)
{
    if (cur(p)->type != TK_STRING) {
        fail(p, "expected a quoted date/time literal");
        return NULL;
    }
    const token *lt = cur(p);
    int64_t ms;
    char buf[64];
    const char *txt = lt->text;
    if (strcasecmp(kind, "t") == 0 && strlen(txt) < 40) {
        snprintf(buf, sizeof buf, "1970-01-01 %s", txt);
        txt = buf;
    }
    if (ts_parse_iso8601(txt, &ms) < 0) {
        err_set(p->e, "22007", "Invalid %s literal '%s' at line %d, column %d: use "
                "'YYYY-MM-DD', 'HH:MM:SS' or 'YYYY-MM-DD HH:MM:SS[.fff]'.",
                strcasecmp(kind, "d") == 0 ? "date" : strcasecmp(kind, "t") == 0 ? "time" : "timestamp",
                lt->text, lt->line, lt->col);
        return NULL;
    }
    advance(p);
    sql_value v = { 0 };
    sqlval_set_timestamp(&v, ms);
    return mk_lit(p, at, &v);
}

/** {fn ...}, {d ...}, {t ...}, {ts ...} escapes (the '{' is current). */
static expr *parse_escape(parser *p)
{
    const token *at = cur(p);
    advance(p);
    expr *e = NULL;
    if (accept_kw(p, "fn")) {
        e = parse_expr(p);
    } else if (is_kw(p, "d") || is_kw(p, "t") || is_kw(p, "ts")) {
        char kind[3];
        snprintf(kind, sizeof kind, "%s", cur(p)->text);
        advance(p);
        e = datetime_literal(p, at, kind);
    } else if (is_kw(p, "call") || is_kw(p, "oj") || is_kw(p, "escape") || is_kw(p, "guid") ||
               is_kw(p, "interval")) {
        char what[64];
        snprintf(what, sizeof what, "The ODBC escape {%s ...} here", cur(p)->text);
        unsupported(p, what);
        return NULL;
    } else {
        fail(p, "expected fn, d, t or ts after '{'");
        return NULL;
    }
    if (!e)
        return NULL;
    if (expect_op(p, "}", "expected '}' to close the ODBC escape") < 0) {
        expr_free(e);
        return NULL;
    }
    return e;
}

/** CASE ... END (CASE is current). */
static expr *parse_case(parser *p)
{
    const token *at = cur(p);
    advance(p);
    expr **v = NULL;
    int n = 0, cap = 0, simple = 0, has_else = 0;
    if (!is_kw(p, "WHEN")) {
        simple = 1;
        expr *subj = parse_expr(p);
        if (!subj || push_expr(p, &v, &n, &cap, subj) < 0)
            goto fail;
    }
    if (!is_kw(p, "WHEN")) {
        fail(p, "expected WHEN");
        goto fail;
    }
    while (accept_kw(p, "WHEN")) {
        expr *w = parse_expr(p);
        if (!w || push_expr(p, &v, &n, &cap, w) < 0)
            goto fail;
        if (expect_kw(p, "THEN", "expected THEN") < 0)
            goto fail;
        expr *t = parse_expr(p);
        if (!t || push_expr(p, &v, &n, &cap, t) < 0)
            goto fail;
    }
    if (accept_kw(p, "ELSE")) {
        expr *x = parse_expr(p);
        if (!x || push_expr(p, &v, &n, &cap, x) < 0)
            goto fail;
        has_else = 1;
    }
    if (expect_kw(p, "END", "expected WHEN, ELSE or END") < 0)
        goto fail;
    expr *e = expr_new(EX_CASE, 0, at->line, at->col);
    if (!e) {
        oom(p);
        goto fail;
    }
    e->op = simple;
    e->has_else = has_else;
    e->args = v;
    e->nargs = n;
    return e;
fail:
    free_exprs(v, n);
    return NULL;
}

/** A function call or aggregate: name is current and '(' follows. */
static expr *parse_call(parser *p)
{
    const token *at = cur(p);
    const char *name = at->text;
    advance(p); /* name */
    advance(p); /* ( */
    int agg = agg_lookup(name);
    if (agg >= 0) {
        expr *e = expr_new(EX_AGG, 0, at->line, at->col);
        if (!e) {
            oom(p);
            return NULL;
        }
        e->op = agg;
        e->name = dupstr(name);
        if (agg == AGG_COUNT && accept_op(p, "*")) {
            e->op = AGG_COUNT_STAR;
        } else {
            if (accept_kw(p, "DISTINCT"))
                e->distinct = 1;
            else
                accept_kw(p, "ALL");
            expr *a = parse_expr(p);
            if (!a) {
                expr_free(e);
                return NULL;
            }
            e->args = calloc(1, sizeof *e->args);
            if (!e->args) {
                expr_free(a);
                expr_free(e);
                oom(p);
                return NULL;
            }
            e->args[0] = a;
            e->nargs = 1;
        }
        if (expect_op(p, ")", "expected ')' after the aggregate's argument") < 0) {
            expr_free(e);
            return NULL;
        }
        return e;
    }
    int fid = func_lookup(name);
    if (fid < 0) {
        err_set(p->e, "42000", "Unknown function '%s' at line %d, column %d.", name, at->line, at->col);
        return NULL;
    }
    expr **args = NULL;
    int nargs = 0;
    if (fid == FN_SUBSTRING || fid == FN_POSITION || fid == FN_TRIM) {
        /* SQL-standard forms: SUBSTRING(x FROM a [FOR b]), POSITION(a IN b), TRIM([BOTH] [FROM] x) */
        int cap = 0;
        if (fid == FN_TRIM) {
            if (accept_kw(p, "BOTH"))
                ;
            else if (accept_kw(p, "LEADING"))
                fid = FN_LTRIM;
            else if (accept_kw(p, "TRAILING"))
                fid = FN_RTRIM;
            accept_kw(p, "FROM");
        }
        if (accept_op(p, ")")) {
            /* no args: arity check below reports it */
        } else {
            /* POSITION(a IN b): the first operand stops before IN */
            expr *a = fid == FN_POSITION ? parse_add(p) : parse_expr(p);
            if (!a || push_expr(p, &args, &nargs, &cap, a) < 0)
                goto fail;
            while (is_op(p, ",") || (fid == FN_SUBSTRING && (is_kw(p, "FROM") || is_kw(p, "FOR"))) ||
                   (fid == FN_POSITION && is_kw(p, "IN"))) {
                advance(p);
                expr *b = parse_expr(p);
                if (!b || push_expr(p, &args, &nargs, &cap, b) < 0)
                    goto fail;
            }
            if (expect_op(p, ")", "expected ',' or ')' in the argument list") < 0)
                goto fail;
        }
    } else if ((fid == FN_TSADD || fid == FN_TSDIFF) && cur(p)->type == TK_IDENT &&
               peek(p, 1)->type == TK_OP && strcmp(peek(p, 1)->text, ",") == 0) {
        /* TIMESTAMPADD(SQL_TSI_DAY, n, ts): the interval is a bare keyword */
        const token *u = cur(p);
        sql_value uv = { 0 };
        if (sqlval_set_text(&uv, u->text) < 0) {
            oom(p);
            return NULL;
        }
        expr *ue = mk_lit(p, u, &uv);
        if (!ue)
            return NULL;
        advance(p);
        advance(p);
        expr **rest = NULL;
        int nrest = 0;
        if (parse_args(p, &rest, &nrest) < 0) {
            expr_free(ue);
            return NULL;
        }
        args = calloc((size_t)nrest + 1, sizeof *args);
        if (!args) {
            expr_free(ue);
            free_exprs(rest, nrest);
            oom(p);
            return NULL;
        }
        args[0] = ue;
        for (int i = 0; i < nrest; i++)
            args[i + 1] = rest[i];
        free(rest);
        nargs = nrest + 1;
    } else if (parse_args(p, &args, &nargs) < 0) {
        return NULL;
    }
    int mn, mx;
    func_arity(fid, &mn, &mx);
    if (nargs < mn || (mx >= 0 && nargs > mx)) {
        err_set(p->e, "42000", "Function %s at line %d, column %d takes %d%s argument%s, not %d.",
                func_name(fid), at->line, at->col, mn,
                mx < 0 ? " or more" : mx > mn ? (mx == mn + 1 ? " or one more" : " or more") : "",
                mn == 1 && mx == 1 ? "" : "s", nargs);
        goto fail;
    }
    expr *e = expr_new(EX_FUNC, 0, at->line, at->col);
    if (!e) {
        oom(p);
        goto fail;
    }
    e->op = fid;
    e->name = dupstr(func_name(fid));
    e->args = args;
    e->nargs = nargs;
    return e;
fail:
    free_exprs(args, nargs);
    return NULL;
}

/** EXTRACT(field FROM x) -> YEAR(x) etc. (EXTRACT is current). */
static expr *parse_extract(parser *p)
{
    const token *at = cur(p);
    advance(p);
    advance(p); /* ( */
    static const struct { const char *f; int id; } fields[] = {
        { "YEAR", FN_YEAR }, { "MONTH", FN_MONTH }, { "DAY", FN_DAY }, { "HOUR", FN_HOUR },
        { "MINUTE", FN_MINUTE }, { "SECOND", FN_SECOND }, { NULL, 0 }
    };
    int id = -1;
    for (int i = 0; fields[i].f; i++)
        if (is_kw(p, fields[i].f))
            id = fields[i].id;
    if (id < 0) {
        fail(p, "expected YEAR, MONTH, DAY, HOUR, MINUTE or SECOND");
        return NULL;
    }
    advance(p);
    if (expect_kw(p, "FROM", "expected FROM") < 0)
        return NULL;
    expr *a = parse_expr(p);
    if (!a)
        return NULL;
    if (expect_op(p, ")", "expected ')'") < 0) {
        expr_free(a);
        return NULL;
    }
    expr *e = mk(p, EX_FUNC, id, at, 1, a, NULL, NULL);
    if (e)
        e->name = dupstr(func_name(id));
    return e;
}

static expr *parse_subquery(parser *p, int kind, const token *at, expr *left)
{
    /* current token is '(' followed by SELECT */
    advance(p);
    if (++p->depth > MAX_DEPTH) {
        expr_free(left);
        err_set(p->e, "54001", "The statement is nested too deeply (line %d, column %d).", at->line, at->col);
        return NULL;
    }
    select_stmt *sub = NULL;
    int rc = parse_query(p, &sub);
    p->depth--;
    if (rc < 0 || expect_op(p, ")", "expected ')' to close the subquery") < 0) {
        select_free(sub);
        expr_free(left);
        return NULL;
    }
    expr *e = expr_new(EX_SUBQ, left ? 1 : 0, at->line, at->col);
    if (!e) {
        select_free(sub);
        expr_free(left);
        oom(p);
        return NULL;
    }
    e->op = kind;
    e->sub = sub;
    if (left)
        e->args[0] = left;
    return e;
}

/** Primary expression: literal, parameter, column, call, (expr), CASE, CAST, escape. */
static expr *parse_primary(parser *p)
{
    const token *t = cur(p);
    sql_value v = { 0 };
    switch (t->type) {
    case TK_INT:
        sqlval_set_int(&v, strtoll(t->text, NULL, 10));
        advance(p);
        return mk_lit(p, t, &v);
    case TK_NUMBER:
        sqlval_set_double(&v, strtod(t->text, NULL));
        advance(p);
        return mk_lit(p, t, &v);
    case TK_STRING:
        if (sqlval_set_text_len(&v, t->text, t->len) < 0) {
            oom(p);
            return NULL;
        }
        advance(p);
        return mk_lit(p, t, &v);
    case TK_PARAM: {
        expr *e = expr_new(EX_PARAM, 0, t->line, t->col);
        if (!e) {
            oom(p);
            return NULL;
        }
        e->index = p->nparams++;
        advance(p);
        return e;
    }
    case TK_OP:
        if (strcmp(t->text, "(") == 0) {
            if (tok_is_kw(peek(p, 1), "SELECT"))
                return parse_subquery(p, SQ_SCALAR, t, NULL);
            advance(p);
            expr *e = parse_expr(p);
            if (!e)
                return NULL;
            if (expect_op(p, ")", "expected ')'") < 0) {
                expr_free(e);
                return NULL;
            }
            return e;
        }
        if (strcmp(t->text, "{") == 0)
            return parse_escape(p);
        fail(p, "expected an expression");
        return NULL;
    case TK_EOF:
        fail(p, "expected an expression");
        return NULL;
    case TK_IDENT:
    case TK_QIDENT:
        break;
    }
    if (t->type == TK_IDENT) {
        if (tok_is_kw(t, "NULL")) {
            advance(p);
            return mk_lit(p, t, &v);
        }
        if (tok_is_kw(t, "TRUE") || tok_is_kw(t, "FALSE")) {
            sqlval_set_bool(&v, tok_is_kw(t, "TRUE"));
            advance(p);
            return mk_lit(p, t, &v);
        }
        if (tok_is_kw(t, "CASE"))
            return parse_case(p);
        if (tok_is_kw(t, "EXISTS")) {
            advance(p);
            if (!is_op(p, "(") || !tok_is_kw(peek(p, 1), "SELECT")) {
                fail(p, "expected '(SELECT ...)' after EXISTS");
                return NULL;
            }
            return parse_subquery(p, SQ_EXISTS, t, NULL);
        }
        if (tok_is_kw(t, "CAST") && peek(p, 1)->type == TK_OP &&
            strcmp(peek(p, 1)->text, "(") == 0) {
            advance(p);
            advance(p);
            expr *a = parse_expr(p);
            if (!a)
                return NULL;
            expr *e = mk(p, EX_CAST, 0, t, 1, a, NULL, NULL);
            if (!e)
                return NULL;
            if (expect_kw(p, "AS", "expected AS in CAST") < 0 || parse_type_name(p, e) < 0 ||
                expect_op(p, ")", "expected ')' to close CAST") < 0) {
                expr_free(e);
                return NULL;
            }
            return e;
        }
        if ((tok_is_kw(t, "DATE") || tok_is_kw(t, "TIMESTAMP") || tok_is_kw(t, "TIME")) &&
            peek(p, 1)->type == TK_STRING) {
            const char *k = tok_is_kw(t, "DATE") ? "d" : tok_is_kw(t, "TIME") ? "t" : "ts";
            advance(p);
            return datetime_literal(p, t, k);
        }
        if (tok_is_kw(t, "CURRENT_TIMESTAMP") || tok_is_kw(t, "CURRENT_DATE")) {
            int id = tok_is_kw(t, "CURRENT_DATE") ? FN_CURDATE : FN_NOW;
            advance(p);
            if (is_op(p, "(") && peek(p, 1)->type == TK_OP && strcmp(peek(p, 1)->text, ")") == 0) {
                advance(p);
                advance(p);
            }
            expr *e = mk(p, EX_FUNC, id, t, 0, NULL, NULL, NULL);
            if (e)
                e->name = dupstr(func_name(id));
            return e;
        }
        if (tok_is_kw(t, "EXTRACT") && peek(p, 1)->type == TK_OP && strcmp(peek(p, 1)->text, "(") == 0)
            return parse_extract(p);
        if (tok_is_kw(t, "CONVERT") && peek(p, 1)->type == TK_OP && strcmp(peek(p, 1)->text, "(") == 0)
            return parse_convert(p);
        if (peek(p, 1)->type == TK_OP && strcmp(peek(p, 1)->text, "(") == 0 &&
            (!is_reserved(t) || tok_is_kw(t, "LEFT") || tok_is_kw(t, "RIGHT")))
            return parse_call(p);
        if (is_reserved(t)) {
            fail(p, "expected an expression");
            return NULL;
        }
    }
    /* column reference: name, qual.name, schema.qual.name */
    char *parts[3] = { NULL, NULL, NULL };
    int np = 0;
    for (;;) {
        if (np == 3) {
            fail(p, "expected at most schema.table.column");
            goto fail_parts;
        }
        parts[np] = take_ident(p, "expected a column name");
        if (!parts[np])
            goto fail_parts;
        np++;
        if (!(is_op(p, ".") && (peek(p, 1)->type == TK_IDENT || peek(p, 1)->type == TK_QIDENT)))
            break;
        advance(p);
    }
    {
        expr *e = expr_new(EX_COL, 0, t->line, t->col);
        if (!e) {
            oom(p);
            goto fail_parts;
        }
        e->name = parts[np - 1];
        parts[np - 1] = NULL;
        if (np >= 2) {
            e->qual = parts[np - 2];
            parts[np - 2] = NULL;
        }
        free(parts[0]);
        return e;
    }
fail_parts:
    for (int i = 0; i < 3; i++)
        free(parts[i]);
    return NULL;
}

static expr *parse_unary(parser *p)
{
    const token *t = cur(p);
    if (is_op(p, "-") || is_op(p, "+")) {
        int neg = is_op(p, "-");
        if (++p->depth > MAX_DEPTH) {
            err_set(p->e, "54001", "The statement is nested too deeply (line %d, column %d).", t->line, t->col);
            return NULL;
        }
        advance(p);
        expr *a = parse_unary(p);
        p->depth--;
        if (!a)
            return NULL;
        if (!neg)
            return a;
        /* fold -literal so that -5 is a constant the planner can push */
        if (a->kind == EX_LIT && a->lit.type == SQLT_INT && a->lit.u.i != INT64_MIN) {
            a->lit.u.i = -a->lit.u.i;
            a->line = t->line;
            a->col = t->col;
            return a;
        }
        if (a->kind == EX_LIT && a->lit.type == SQLT_DOUBLE) {
            a->lit.u.d = -a->lit.u.d;
            a->line = t->line;
            a->col = t->col;
            return a;
        }
        return mk(p, EX_NEG, 0, t, 1, a, NULL, NULL);
    }
    return parse_primary(p);
}

static expr *parse_mul(parser *p)
{
    expr *l = parse_unary(p);
    while (l && (is_op(p, "*") || is_op(p, "/") || is_op(p, "%"))) {
        const token *t = cur(p);
        int op = is_op(p, "*") ? AR_MUL : is_op(p, "/") ? AR_DIV : AR_MOD;
        advance(p);
        expr *r = parse_unary(p);
        if (!r) {
            expr_free(l);
            return NULL;
        }
        l = mk(p, EX_ARITH, op, t, 2, l, r, NULL);
    }
    return l;
}

static expr *parse_add(parser *p)
{
    expr *l = parse_mul(p);
    while (l && (is_op(p, "+") || is_op(p, "-") || is_op(p, "||"))) {
        const token *t = cur(p);
        int concat = is_op(p, "||");
        int op = is_op(p, "+") ? AR_ADD : AR_SUB;
        advance(p);
        expr *r = parse_mul(p);
        if (!r) {
            expr_free(l);
            return NULL;
        }
        l = concat ? mk(p, EX_CONCAT, 0, t, 2, l, r, NULL) : mk(p, EX_ARITH, op, t, 2, l, r, NULL);
    }
    return l;
}

/** Comparison operator at the current token, or -1. */
static int cmp_at(parser *p)
{
    static const struct { const char *s; int op; } ops[] = {
        { "=", CMP_EQ }, { "<>", CMP_NE }, { "!=", CMP_NE }, { "<", CMP_LT }, { "<=", CMP_LE },
        { ">", CMP_GT }, { ">=", CMP_GE }, { NULL, 0 }
    };
    if (cur(p)->type != TK_OP)
        return -1;
    for (int i = 0; ops[i].s; i++)
        if (strcmp(cur(p)->text, ops[i].s) == 0)
            return ops[i].op;
    return -1;
}

/** Predicate: comparison, IS [NOT] NULL, [NOT] LIKE/IN/BETWEEN, or a plain value. */
static expr *parse_pred(parser *p)
{
    expr *l = parse_add(p);
    if (!l)
        return NULL;
    const token *t = cur(p);
    int op = cmp_at(p);
    if (op >= 0) {
        advance(p);
        if (is_kw(p, "ANY") || is_kw(p, "ALL") || is_kw(p, "SOME")) {
            expr_free(l);
            unsupported(p, "A quantified comparison (ANY/ALL/SOME)");
            return NULL;
        }
        expr *r = parse_add(p);
        if (!r) {
            expr_free(l);
            return NULL;
        }
        return mk(p, EX_CMP, op, t, 2, l, r, NULL);
    }
    if (accept_kw(p, "IS")) {
        int neg = accept_kw(p, "NOT");
        if (!accept_kw(p, "NULL")) {
            expr_free(l);
            fail(p, neg ? "expected NULL after IS NOT" : "expected NULL or NOT NULL after IS");
            return NULL;
        }
        expr *e = mk(p, EX_ISNULL, 0, t, 1, l, NULL, NULL);
        if (e)
            e->negated = neg;
        return e;
    }
    int neg = 0;
    if (is_kw(p, "NOT") && (tok_is_kw(peek(p, 1), "LIKE") || tok_is_kw(peek(p, 1), "IN") ||
                            tok_is_kw(peek(p, 1), "BETWEEN"))) {
        advance(p);
        neg = 1;
    }
    if (accept_kw(p, "LIKE")) {
        expr *pat = parse_add(p);
        expr *esc = NULL;
        if (!pat) {
            expr_free(l);
            return NULL;
        }
        if (accept_kw(p, "ESCAPE")) {
            esc = parse_add(p);
            if (!esc) {
                expr_free(l);
                expr_free(pat);
                return NULL;
            }
        } else if (is_op(p, "{") && tok_is_kw(peek(p, 1), "escape")) {
            advance(p);
            advance(p);
            esc = parse_add(p);
            if (!esc || expect_op(p, "}", "expected '}' to close {escape ...}") < 0) {
                expr_free(l);
                expr_free(pat);
                expr_free(esc);
                return NULL;
            }
        }
        expr *e = mk(p, EX_LIKE, 0, t, esc ? 3 : 2, l, pat, esc);
        if (e)
            e->negated = neg;
        return e;
    }
    if (accept_kw(p, "IN")) {
        if (expect_op(p, "(", "expected '(' after IN") < 0) {
            expr_free(l);
            return NULL;
        }
        if (is_kw(p, "SELECT")) {
            p->pos--; /* back to '(' */
            expr *e = parse_subquery(p, SQ_IN, t, l);
            if (e)
                e->negated = neg;
            return e;
        }
        expr **v = NULL;
        int n = 0, cap = 0;
        if (push_expr(p, &v, &n, &cap, l) < 0)
            return NULL;
        for (;;) {
            expr *x = parse_expr(p);
            if (!x || push_expr(p, &v, &n, &cap, x) < 0) {
                free_exprs(v, n);
                return NULL;
            }
            if (accept_op(p, ","))
                continue;
            if (expect_op(p, ")", "expected ',' or ')' in the IN list") < 0) {
                free_exprs(v, n);
                return NULL;
            }
            break;
        }
        expr *e = expr_new(EX_IN, 0, t->line, t->col);
        if (!e) {
            free_exprs(v, n);
            oom(p);
            return NULL;
        }
        e->args = v;
        e->nargs = n;
        e->negated = neg;
        return e;
    }
    if (accept_kw(p, "BETWEEN")) {
        expr *lo = parse_add(p);
        if (!lo) {
            expr_free(l);
            return NULL;
        }
        if (expect_kw(p, "AND", "expected AND in BETWEEN") < 0) {
            expr_free(l);
            expr_free(lo);
            return NULL;
        }
        expr *hi = parse_add(p);
        if (!hi) {
            expr_free(l);
            expr_free(lo);
            return NULL;
        }
        expr *e = mk(p, EX_BETWEEN, 0, t, 3, l, lo, hi);
        if (e)
            e->negated = neg;
        return e;
    }
    return l;
}

static expr *parse_not(parser *p)
{
    if (is_kw(p, "NOT")) {
        const token *t = cur(p);
        if (++p->depth > MAX_DEPTH) {
            err_set(p->e, "54001", "The statement is nested too deeply (line %d, column %d).", t->line, t->col);
            return NULL;
        }
        advance(p);
        expr *a = parse_not(p);
        p->depth--;
        if (!a)
            return NULL;
        return mk(p, EX_NOT, 0, t, 1, a, NULL, NULL);
    }
    return parse_pred(p);
}

static expr *parse_and(parser *p)
{
    expr *l = parse_not(p);
    while (l && is_kw(p, "AND")) {
        const token *t = cur(p);
        advance(p);
        expr *r = parse_not(p);
        if (!r) {
            expr_free(l);
            return NULL;
        }
        l = mk(p, EX_AND, 0, t, 2, l, r, NULL);
    }
    return l;
}

static expr *parse_expr(parser *p)
{
    if (++p->depth > MAX_DEPTH) {
        err_set(p->e, "54001", "The statement is nested too deeply (line %d, column %d).",
                cur(p)->line, cur(p)->col);
        return NULL;
    }
    expr *l = parse_and(p);
    while (l && is_kw(p, "OR")) {
        const token *t = cur(p);
        advance(p);
        expr *r = parse_and(p);
        if (!r) {
            expr_free(l);
            l = NULL;
            break;
        }
        l = mk(p, EX_OR, 0, t, 2, l, r, NULL);
    }
    p->depth--;
    return l;
}

/** SELECT list. */
static int parse_items(parser *p, select_stmt *s)
{
    int cap = 0;
    for (;;) {
        if (s->nitems == cap) {
            int nc = cap ? cap * 2 : 8;
            sel_item *nv = realloc(s->items, (size_t)nc * sizeof *nv);
            if (!nv)
                return oom(p);
            s->items = nv;
            cap = nc;
        }
        sel_item *it = &s->items[s->nitems];
        memset(it, 0, sizeof *it);
        it->line = cur(p)->line;
        it->col = cur(p)->col;
        if (is_op(p, "*")) {
            advance(p);
            it->star = 1;
            s->nitems++;
        } else if (at_ident(p) && peek(p, 1)->type == TK_OP && strcmp(peek(p, 1)->text, ".") == 0 &&
                   peek(p, 2)->type == TK_OP && strcmp(peek(p, 2)->text, "*") == 0) {
            it->star = 1;
            it->star_qual = dupstr(cur(p)->text);
            if (!it->star_qual)
                return oom(p);
            s->nitems++;
            advance(p);
            advance(p);
            advance(p);
        } else {
            if (is_kw(p, "FROM") || cur(p)->type == TK_EOF)
                return fail(p, "expected a column or expression in the SELECT list");
            it->e = parse_expr(p);
            if (!it->e)
                return -1;
            s->nitems++;
            if (accept_kw(p, "AS")) {
                if (cur(p)->type == TK_STRING) {
                    it->alias = dupstr(cur(p)->text);
                    advance(p);
                } else {
                    it->alias = take_ident(p, "expected an alias after AS");
                }
                if (!it->alias)
                    return p->e->set ? -1 : oom(p);
            } else if (at_ident(p) || cur(p)->type == TK_STRING) {
                it->alias = dupstr(cur(p)->text);
                if (!it->alias)
                    return oom(p);
                advance(p);
            }
        }
        if (!accept_op(p, ","))
            return 0;
    }
}

/** Append an empty FROM item to s. NULL on ENOMEM. */
static from_item *new_from(parser *p, select_stmt *s)
{
    from_item *nv = realloc(s->from, (size_t)(s->nfrom + 1) * sizeof *nv);
    if (!nv) {
        oom(p);
        return NULL;
    }
    s->from = nv;
    from_item *f = &s->from[s->nfrom++];
    memset(f, 0, sizeof *f);
    f->line = cur(p)->line;
    f->col = cur(p)->col;
    return f;
}

/** One table reference: [[catalog.]schema.]table or (subquery), then [[AS] alias]. */
static int parse_table_ref(parser *p, from_item *f)
{
    if (is_op(p, "(")) {
        if (!tok_is_kw(peek(p, 1), "SELECT"))
            return fail(p, "expected a table name or (SELECT ...)");
        advance(p);
        if (++p->depth > MAX_DEPTH)
            return err_set(p->e, "54001", "The statement is nested too deeply (line %d, column %d).",
                           cur(p)->line, cur(p)->col);
        int rc = parse_query(p, &f->sub);
        p->depth--;
        if (rc < 0 || expect_op(p, ")", "expected ')' to close the subquery in FROM") < 0)
            return -1;
    } else {
        char *a = take_ident(p, "expected a table name");
        if (!a)
            return -1;
        if (is_op(p, ".")) {
            advance(p);
            char *b = take_ident(p, "expected a table name after the schema name");
            if (!b) {
                free(a);
                return -1;
            }
            if (is_op(p, ".")) {
                /* catalog.schema.table */
                advance(p);
                char *c = take_ident(p, "expected a table name");
                if (!c) {
                    free(a);
                    free(b);
                    return -1;
                }
                free(a);
                a = b;
                b = c;
            }
            f->schema = a;
            f->table = b;
        } else {
            f->table = a;
        }
    }
    if (accept_kw(p, "AS")) {
        f->alias = take_ident(p, "expected an alias after AS");
        if (!f->alias)
            return -1;
    } else if (at_ident(p) && !is_kw(p, "oj")) {
        f->alias = take_ident(p, "expected an alias");
        if (!f->alias)
            return -1;
    }
    return 0;
}

/** A join operator at the current token: JK_* and consumes it, or -1 when there is none. */
static int parse_join_op(parser *p)
{
    if (accept_kw(p, "JOIN"))
        return JK_INNER;
    if (is_kw(p, "INNER") && tok_is_kw(peek(p, 1), "JOIN")) {
        advance(p);
        advance(p);
        return JK_INNER;
    }
    if (is_kw(p, "CROSS") && tok_is_kw(peek(p, 1), "JOIN")) {
        advance(p);
        advance(p);
        return JK_CROSS;
    }
    int k = is_kw(p, "LEFT") ? JK_LEFT : is_kw(p, "RIGHT") ? JK_RIGHT : is_kw(p, "FULL") ? JK_FULL : -1;
    if (k < 0)
        return -1;
    int n = tok_is_kw(peek(p, 1), "OUTER") ? 2 : 1;
    if (!tok_is_kw(peek(p, n), "JOIN"))
        return -1;
    for (int i = 0; i <= n; i++)
        advance(p);
    return k;
}

/** table_ref { join_op table_ref [ON cond] } ; `{oj ...}` wraps the same. */
static int parse_join_chain(parser *p, select_stmt *s)
{
    int oj = 0;
    if (is_op(p, "{") && tok_is_kw(peek(p, 1), "oj")) {
        advance(p);
        advance(p);
        oj = 1;
    }
    from_item *f = new_from(p, s);
    if (!f || parse_table_ref(p, f) < 0)
        return -1;
    f->join = s->nfrom == 1 ? JK_FIRST : JK_CROSS;
    for (;;) {
        if (is_kw(p, "NATURAL"))
            return unsupported(p, "NATURAL JOIN");
        int k = parse_join_op(p);
        if (k < 0)
            break;
        f = new_from(p, s);
        if (!f || parse_table_ref(p, f) < 0)
            return -1;
        f->join = k;
        if (k != JK_CROSS) {
            if (is_kw(p, "USING"))
                return unsupported(p, "JOIN ... USING");
            if (expect_kw(p, "ON", "expected ON after the joined table") < 0)
                return -1;
            f->on = parse_expr(p);
            if (!f->on)
                return -1;
        }
    }
    if (oj && expect_op(p, "}", "expected '}' to close {oj ...}") < 0)
        return -1;
    return 0;
}

/** FROM item, item, ... with joins (FROM already consumed). */
static int parse_from(parser *p, select_stmt *s)
{
    s->tline = cur(p)->line;
    s->tcol = cur(p)->col;
    s->has_from = 1;
    do {
        if (parse_join_chain(p, s) < 0)
            return -1;
    } while (accept_op(p, ","));
    return 0;
}

/** ORDER BY list (ORDER BY already consumed). */
static int parse_order(parser *p, select_stmt *s)
{
    int cap = 0;
    for (;;) {
        if (s->norder == cap) {
            int nc = cap ? cap * 2 : 4;
            order_item *nv = realloc(s->order, (size_t)nc * sizeof *nv);
            if (!nv)
                return oom(p);
            s->order = nv;
            cap = nc;
        }
        order_item *o = &s->order[s->norder];
        memset(o, 0, sizeof *o);
        o->e = parse_expr(p);
        if (!o->e)
            return -1;
        s->norder++;
        if (accept_kw(p, "DESC"))
            o->desc = 1;
        else
            accept_kw(p, "ASC");
        if (accept_kw(p, "NULLS")) {
            if (accept_kw(p, "FIRST"))
                o->nulls = 1;
            else if (accept_kw(p, "LAST"))
                o->nulls = 2;
            else
                return fail(p, "expected FIRST or LAST after NULLS");
        }
        if (!accept_op(p, ","))
            return 0;
    }
}

/** A row count for TOP/LIMIT/OFFSET/FETCH: an integer literal or `?`. */
static expr *parse_count(parser *p, const char *what)
{
    if (cur(p)->type == TK_INT || cur(p)->type == TK_PARAM)
        return parse_primary(p);
    if (is_op(p, "(")) {
        advance(p);
        expr *e = parse_count(p, what);
        if (e && expect_op(p, ")", "expected ')'") < 0) {
            expr_free(e);
            return NULL;
        }
        return e;
    }
    fail(p, what);
    return NULL;
}

static int parse_select(parser *p, select_stmt **out)
{
    select_stmt *s = calloc(1, sizeof *s);
    if (!s)
        return oom(p);
    *out = s;
    if (expect_kw(p, "SELECT", "expected SELECT") < 0)
        return -1;
    if (accept_kw(p, "DISTINCT"))
        s->distinct = 1;
    else
        accept_kw(p, "ALL");
    if (accept_kw(p, "TOP")) {
        s->top = parse_count(p, "expected a row count after TOP");
        if (!s->top)
            return -1;
        if (is_kw(p, "PERCENT"))
            return unsupported(p, "TOP ... PERCENT");
    }
    if (parse_items(p, s) < 0)
        return -1;
    if (is_kw(p, "INTO"))
        return unsupported(p, "SELECT ... INTO");
    if (accept_kw(p, "FROM") && parse_from(p, s) < 0)
        return -1;
    if (accept_kw(p, "WHERE")) {
        s->where = parse_expr(p);
        if (!s->where)
            return -1;
    }
    if (accept_kw(p, "GROUP")) {
        if (expect_kw(p, "BY", "expected BY after GROUP") < 0)
            return -1;
        int cap = 0;
        do {
            expr *g = parse_expr(p);
            if (!g || push_expr(p, &s->group, &s->ngroup, &cap, g) < 0)
                return -1;
        } while (accept_op(p, ","));
    }
    if (accept_kw(p, "HAVING")) {
        s->having = parse_expr(p);
        if (!s->having)
            return -1;
    }
    if (is_kw(p, "UNION"))
        return 0; /* the ORDER BY/LIMIT after the last SELECT of a UNION belong to the whole */
    if (is_kw(p, "INTERSECT") || is_kw(p, "EXCEPT"))
        return unsupported(p, "INTERSECT and EXCEPT");
    if (accept_kw(p, "ORDER")) {
        if (expect_kw(p, "BY", "expected BY after ORDER") < 0 || parse_order(p, s) < 0)
            return -1;
    }
    if (accept_kw(p, "LIMIT")) {
        if (s->top)
            return fail(p, "LIMIT cannot be combined with TOP");
        if (accept_kw(p, "ALL")) {
            /* no limit */
        } else {
            s->limit = parse_count(p, "expected a row count after LIMIT");
            if (!s->limit)
                return -1;
            if (accept_op(p, ",")) {
                /* LIMIT offset, count */
                s->offset = s->limit;
                s->limit = parse_count(p, "expected a row count after LIMIT offset,");
                if (!s->limit)
                    return -1;
            }
        }
    }
    if (accept_kw(p, "OFFSET")) {
        if (s->offset)
            return fail(p, "OFFSET was already given");
        s->offset = parse_count(p, "expected a row count after OFFSET");
        if (!s->offset)
            return -1;
        if (!accept_kw(p, "ROWS"))
            accept_kw(p, "ROW");
    }
    if (accept_kw(p, "FETCH")) {
        if (s->limit || s->top)
            return fail(p, "FETCH cannot be combined with LIMIT or TOP");
        if (!accept_kw(p, "FIRST") && !accept_kw(p, "NEXT"))
            return fail(p, "expected FIRST or NEXT after FETCH");
        if (is_kw(p, "ROW") || is_kw(p, "ROWS")) {
            sql_value one = { 0 };
            sqlval_set_int(&one, 1);
            s->limit = mk_lit(p, cur(p), &one);
            if (!s->limit)
                return -1;
        } else {
            s->limit = parse_count(p, "expected a row count after FETCH FIRST");
            if (!s->limit)
                return -1;
        }
        if (!accept_kw(p, "ROWS") && !accept_kw(p, "ROW"))
            return fail(p, "expected ROWS after the FETCH FIRST count");
        if (expect_kw(p, "ONLY", "expected ONLY") < 0)
            return -1;
    }
    if (is_kw(p, "INTERSECT") || is_kw(p, "EXCEPT"))
        return unsupported(p, "INTERSECT and EXCEPT");
    if (is_kw(p, "FOR"))
        return unsupported(p, "SELECT ... FOR UPDATE");
    return 0;
}

/** A new `SELECT * FROM (sub)` that owns sub. NULL on ENOMEM (sub is then freed). */
static select_stmt *wrap_query(parser *p, select_stmt *sub, const token *at)
{
    select_stmt *w = calloc(1, sizeof *w);
    if (w)
        w->items = calloc(1, sizeof *w->items);
    if (w)
        w->from = calloc(1, sizeof *w->from);
    if (!w || !w->items || !w->from) {
        if (w) {
            free(w->items);
            free(w->from);
            free(w);
        }
        select_free(sub);
        oom(p);
        return NULL;
    }
    w->nitems = 1;
    w->items[0].star = 1;
    w->items[0].line = at->line;
    w->items[0].col = at->col;
    w->has_from = 1;
    w->nfrom = 1;
    w->from[0].sub = sub;
    w->from[0].join = JK_FIRST;
    w->from[0].line = at->line;
    w->from[0].col = at->col;
    w->tline = at->line;
    w->tcol = at->col;
    return w;
}

/** One term of a query: a SELECT, or a parenthesised query (wrapped when it has its own tail). */
static int parse_query_term(parser *p, select_stmt **out)
{
    *out = NULL;
    if (is_op(p, "(")) {
        const token *at = cur(p);
        advance(p);
        if (++p->depth > MAX_DEPTH)
            return err_set(p->e, "54001", "The statement is nested too deeply (line %d, column %d).",
                           at->line, at->col);
        int rc = parse_query(p, out);
        p->depth--;
        if (rc < 0 || expect_op(p, ")", "expected ')' to close the parenthesised query") < 0)
            return -1;
        select_stmt *q = *out;
        if (q->next_union || q->norder || q->limit || q->offset || q->top) {
            *out = wrap_query(p, q, at);
            if (!*out)
                return -1;
        }
        return 0;
    }
    if (!is_kw(p, "SELECT"))
        return fail(p, "expected SELECT");
    return parse_select(p, out);
}

/** query: term { UNION [ALL|DISTINCT] term } [ORDER BY ...] [LIMIT ...] (a UNION is wrapped). */
static int parse_query(parser *p, select_stmt **out)
{
    const token *at = cur(p);
    select_stmt *first = NULL;
    int rc = parse_query_term(p, &first);
    *out = first;
    if (rc < 0)
        return -1;
    if (!is_kw(p, "UNION"))
        return 0;
    select_stmt *last = first;
    while (is_kw(p, "UNION")) {
        if (last->norder || last->limit || last->offset)
            return fail(p, "ORDER BY, LIMIT and OFFSET must follow the last SELECT of a UNION "
                           "(or put that SELECT in parentheses)");
        advance(p);
        int all = accept_kw(p, "ALL");
        if (!all)
            accept_kw(p, "DISTINCT");
        select_stmt *nx = NULL;
        rc = parse_query_term(p, &nx);
        last->union_all = all;
        last->next_union = nx;
        if (rc < 0)
            return -1;
        last = nx;
    }
    select_stmt *w = wrap_query(p, first, at);
    *out = w;
    if (!w)
        return -1;
    /* the tail parsed with the last SELECT belongs to the whole UNION */
    w->order = last->order;
    w->norder = last->norder;
    w->limit = last->limit;
    w->offset = last->offset;
    last->order = NULL;
    last->norder = 0;
    last->limit = last->offset = NULL;
    if (is_kw(p, "INTERSECT") || is_kw(p, "EXCEPT"))
        return unsupported(p, "INTERSECT and EXCEPT");
    return 0;
}

/** A procedure call argument list after EXEC name: [@name =] value, ... */
static int parse_call_args(parser *p, statement *st, int parens)
{
    int cap = 0;
    if (parens && is_op(p, ")"))
        return 0;
    if (!parens && (cur(p)->type == TK_EOF || is_op(p, ";")))
        return 0;
    for (;;) {
        if (st->nargs == cap) {
            int nc = cap ? cap * 2 : 4;
            call_arg *nv = realloc(st->args, (size_t)nc * sizeof *nv);
            if (!nv)
                return oom(p);
            st->args = nv;
            cap = nc;
        }
        call_arg *a = &st->args[st->nargs];
        memset(a, 0, sizeof *a);
        if (is_op(p, "@")) {
            advance(p);
            a->name = take_ident(p, "expected a parameter name after '@'");
            if (!a->name)
                return -1;
            st->nargs++;
            if (expect_op(p, "=", "expected '=' after the parameter name") < 0)
                return -1;
        } else if (at_ident(p) && peek(p, 1)->type == TK_OP && strcmp(peek(p, 1)->text, "=") == 0) {
            a->name = take_ident(p, "expected a parameter name");
            if (!a->name)
                return -1;
            st->nargs++;
            advance(p);
        } else {
            st->nargs++;
        }
        a->value = parse_expr(p);
        if (!a->value)
            return -1;
        if (!accept_op(p, ","))
            return 0;
    }
}

/** EXEC[UTE] name args | CALL name(args) | {call name[(args)]} (the first token is current). */
static int parse_call_stmt(parser *p, statement *st)
{
    int brace = 0, parens = 0;
    if (is_op(p, "{")) {
        brace = 1;
        advance(p);
        if (cur(p)->type == TK_PARAM)
            return unsupported(p, "A return value ({? = call ...})");
        advance(p); /* call */
    } else if (cur(p)->type == TK_PARAM) {
        return unsupported(p, "A return value ({? = call ...})");
    } else {
        parens = is_kw(p, "CALL");
        advance(p);
    }
    st->kind = STMT_CALL;
    st->pline = cur(p)->line;
    st->pcol = cur(p)->col;
    char *a = take_ident(p, "expected a procedure name");
    if (!a)
        return -1;
    if (is_op(p, ".")) {
        advance(p);
        char *b = take_ident(p, "expected a procedure name after the schema name");
        if (!b) {
            free(a);
            return -1;
        }
        st->proc_schema = a;
        st->proc_name = b;
    } else {
        st->proc_name = a;
    }
    if (brace || parens) {
        if (accept_op(p, "(")) {
            if (parse_call_args(p, st, 1) < 0 || expect_op(p, ")", "expected ',' or ')' after the arguments") < 0)
                return -1;
        }
    } else if (parse_call_args(p, st, 0) < 0) {
        return -1;
    }
    if (brace && expect_op(p, "}", "expected '}' to close {call ...}") < 0)
        return -1;
    return 0;
}

int sql_parse(const char *text, statement **out, err *e)
{
    *out = NULL;
    parser p = { .e = e };
    if (lex_sql(text, &p.toks, e) < 0)
        return -1;
    statement *st = calloc(1, sizeof *st);
    if (!st) {
        token_list_free(&p.toks);
        return err_set(e, "HY001", "Out of memory while parsing the statement.");
    }
    st->kind = STMT_SELECT;
    int rc = 0;
    static const char *writes[] = { "INSERT", "UPDATE", "DELETE", "MERGE", "UPSERT", "REPLACE",
                                    "CREATE", "DROP", "ALTER", "TRUNCATE", "GRANT", "REVOKE",
                                    "BEGIN", "COMMIT", "ROLLBACK",
                                    "SET", "USE", "SHOW", "DESCRIBE", NULL };
    while (accept_op(&p, ";"))
        ;
    if (is_kw(&p, "EXPLAIN")) {
        advance(&p);
        st->kind = STMT_EXPLAIN;
    }
    if (cur(&p)->type == TK_EOF) {
        rc = fail(&p, "expected SELECT");
        goto done;
    }
    for (int i = 0; writes[i]; i++) {
        if (is_kw(&p, writes[i])) {
            char word[32];
            snprintf(word, sizeof word, "%s", writes[i]);
            rc = err_set(e, "0A000", "%s statements are not supported: the PingOne driver is read-only "
                         "and accepts SELECT and EXPLAIN SELECT only.", word);
            goto done;
        }
    }
    if (is_kw(&p, "WITH")) {
        rc = unsupported(&p, "WITH (common table expressions)");
        goto done;
    }
    if ((is_op(&p, "{") && (tok_is_kw(peek(&p, 1), "call") || (peek(&p, 1)->type == TK_PARAM))) ||
        is_kw(&p, "CALL") || is_kw(&p, "EXEC") || is_kw(&p, "EXECUTE")) {
        if (st->kind == STMT_EXPLAIN) {
            rc = unsupported(&p, "EXPLAIN of a procedure call");
            goto done;
        }
        rc = parse_call_stmt(&p, st);
    } else if (!is_kw(&p, "SELECT") && !is_op(&p, "(")) {
        rc = fail(&p, "expected SELECT");
        goto done;
    } else {
        rc = parse_query(&p, &st->sel);
    }
    if (rc == 0) {
        while (accept_op(&p, ";"))
            ;
        if (cur(&p)->type != TK_EOF)
            rc = fail(&p, "expected end of statement");
    }
done:
    st->nparams = p.nparams;
    token_list_free(&p.toks);
    if (rc < 0) {
        statement_free(st);
        return -1;
    }
    *out = st;
    return 0;
}
