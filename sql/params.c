/**
 * @file params.c
 * The inferred type of each `?` parameter of a prepared statement (for
 * SQLDescribeParam): a parameter compared with, IN-listed with or BETWEEN a
 * typed expression takes that expression's type and size; in arithmetic it
 * takes the other operand's numeric type (DOUBLE otherwise); in CAST (and
 * CONVERT) it takes the target type; as a function argument it takes the
 * type the function expects there (func_arg_type); as the value of a CASE
 * WHEN it takes the CASE subject's type; as a CASE result (THEN/ELSE) or an
 * argument of COALESCE/IFNULL/NULLIF it takes the type of the other results,
 * or else the type the CASE/function call itself is given by its own context
 * (so `CASE WHEN .. THEN ? END = Age` is an INTEGER). In LIKE, IS NULL, and
 * wherever nothing better is known, it is text; in TOP/LIMIT/OFFSET it is an
 * INTEGER; a procedure argument takes the procedure parameter's type.
 */
#include "sql/func.h"
#include "sql/prepared.h"

/** The default answer: variable-length text, nullable. */
#define PARAM_TEXT_SIZE 4000
/** Deepest expression nesting looked into. */
#define PARAM_MAX_DEPTH 200

/** What was inferred for the parameter being looked for. */
typedef struct param_guess {
    int          target;   /**< 0-based parameter number */
    int          found;    /**< 1 once a typed context was seen */
    enum sqltype type;
    int          size;
} param_guess;

/** 1 if x is the statement parameter number g->target (not a correlation value). */
static int is_target(const expr *x, const param_guess *g)
{
    return x && x->kind == EX_PARAM && !x->name && x->index == g->target;
}

/** Record type t/size n for the parameter unless a type is known already or t is unknown. */
static void guess_set(param_guess *g, enum sqltype t, int n)
{
    if (g->found || t == SQLT_NULL)
        return;
    g->found = 1;
    g->type = t;
    if (t == SQLT_TEXT)
        g->size = n > 0 ? n : PARAM_TEXT_SIZE;
    else if (t == SQLT_INT)
        g->size = n == 19 ? 19 : 10;
    else
        g->size = n;
}

/**
 * 1 if argument i of x is one of its results: a THEN or ELSE value of a CASE,
 * or an argument of COALESCE/IFNULL/NULLIF (one that takes the type of the
 * others). The type of x is then the type of these arguments.
 */
static int is_result_arg(const expr *x, int i)
{
    if (x->kind == EX_CASE) {
        int start = x->op == 1 ? 1 : 0;
        int end = x->nargs - (x->has_else ? 1 : 0);
        if (x->has_else && i == x->nargs - 1)
            return 1;
        return i > start && i < end && (i - start) % 2 == 1;
    }
    enum sqltype t;
    return x->kind == EX_FUNC && func_arg_type(x->op, i, &t) == 1;
}

/** 1 if argument i of x is a WHEN value of a simple CASE (`CASE x WHEN v ...`). */
static int is_when_value(const expr *x, int i)
{
    int end = x->nargs - (x->has_else ? 1 : 0);
    return x->kind == EX_CASE && x->op == 1 && i >= 1 && i < end && (i - 1) % 2 == 0;
}

static int known_type(const expr *x, enum sqltype *t, int *n, int depth);

/**
 * The type of the first argument of x with a known type among those that
 * select() accepts, other than argument skip. Returns 1 with *t and *n set, else 0.
 */
static int first_known(const expr *x, int (*select)(const expr *, int), int skip,
                       enum sqltype *t, int *n, int depth)
{
    for (int i = 0; i < x->nargs; i++)
        if (i != skip && select(x, i) && known_type(x->args[i], t, n, depth + 1))
            return 1;
    return 0;
}

/**
 * The type x has whatever the parameters are: unknown (0) for a bare `?`, a
 * NULL literal, and a CASE or COALESCE/IFNULL/NULLIF none of whose results
 * has a known type; else 1 with *t and *n set (the binder's type, which for a CASE or
 * COALESCE is the common type of its typed results).
 */
static int known_type(const expr *x, enum sqltype *t, int *n, int depth)
{
    if (!x || depth > PARAM_MAX_DEPTH)
        return 0;
    if (x->kind == EX_PARAM && !x->name)
        return 0;
    if (x->kind == EX_CASE || (x->kind == EX_FUNC && (x->op == FN_COALESCE ||
                                                      x->op == FN_IFNULL || x->op == FN_NULLIF))) {
        if (!first_known(x, is_result_arg, -1, t, n, depth))
            return 0;
        /* NULLIF(?, x): the binder types it from its first argument only */
        if (x->type != SQLT_NULL && !(x->kind == EX_FUNC && x->op == FN_NULLIF)) {
            *t = x->type;
            *n = x->size;
        }
        return 1;
    }
    if (x->type == SQLT_NULL)
        return 0;
    *t = x->type;
    *n = x->size;
    return 1;
}

/** Record the type of the first expression with a known type among args[from..to) of x other than skip. */
static void guess_from_args(param_guess *g, const expr *x, int from, int to, int skip)
{
    enum sqltype t;
    int n;
    for (int i = from; i < to && i < x->nargs; i++)
        if (i != skip && known_type(x->args[i], &t, &n, 0)) {
            guess_set(g, t, n);
            return;
        }
}

/** The first result column of the subquery of EX_SUBQ node x in p, or NULL. */
static const sql_colinfo *subq_first_col(const sql_prepared *p, const expr *x)
{
    for (int k = 0; k < p->nsubq; k++)
        if (p->subq_expr[k] == x && p->subq[k] && p->subq[k]->ncols > 0)
            return &p->subq[k]->cols[0];
    return NULL;
}

/**
 * Infer the type the context gives argument i of path[k] (path[0..k] are the
 * nodes from the outermost expression down): the other operand of a
 * comparison, the CAST target, the function's argument type, the other
 * results of a CASE... A CASE result or COALESCE argument with no typed
 * sibling takes the type the context gives path[k] itself (one level out).
 */
static void slot_guess(const sql_prepared *p, const expr *const *path, int k, int i,
                       param_guess *g)
{
    const expr *x = path[k];
    enum sqltype t;
    int n = 0;
    switch (x->kind) {
    case EX_CMP:
        guess_from_args(g, x, 0, 2, i);
        return;
    case EX_IN:
        if (i == 0)
            guess_from_args(g, x, 1, x->nargs, -1);
        else
            guess_from_args(g, x, 0, 1, -1);
        return;
    case EX_BETWEEN:
        if (i == 0)
            guess_from_args(g, x, 1, 3, -1);
        else
            guess_from_args(g, x, 0, 1, -1);
        return;
    case EX_ARITH:
        if (known_type(x->args[1 - i], &t, &n, 0) && (t == SQLT_INT || t == SQLT_DOUBLE))
            guess_set(g, t, n);
        else
            guess_set(g, SQLT_DOUBLE, 0);
        return;
    case EX_NEG: {
        /* -? takes a numeric type its context gives (Age = -?), else DOUBLE */
        param_guess up = { g->target, 0, SQLT_NULL, 0 };
        if (k > 0)
            for (int j = 0; j < path[k - 1]->nargs; j++)
                if (path[k - 1]->args[j] == x) {
                    slot_guess(p, path, k - 1, j, &up);
                    break;
                }
        if (up.found && (up.type == SQLT_INT || up.type == SQLT_DOUBLE))
            guess_set(g, up.type, up.size);
        else
            guess_set(g, SQLT_DOUBLE, 0);
        return;
    }
    case EX_SUBQ: {
        const sql_colinfo *c = x->op == SQ_IN && i == 0 ? subq_first_col(p, x) : NULL;
        if (c)
            guess_set(g, c->type, c->size);
        return;
    }
    case EX_CAST:
        /* VARCHAR(n) gives its length; DATE (size -1) is a TIMESTAMP without time */
        guess_set(g, x->cast_type, x->cast_size > 0 ? x->cast_size : 0);
        return;
    case EX_FUNC:
        if (func_arg_type(x->op, i, &t) == 0) {
            guess_set(g, t, 0);
            return;
        }
        break;
    case EX_CASE:
        if (x->op == 1 && i == 0) {
            if (first_known(x, is_when_value, -1, &t, &n, 0))
                guess_set(g, t, n);
            return;
        }
        if (is_when_value(x, i)) {
            if (known_type(x->args[0], &t, &n, 0) || first_known(x, is_when_value, i, &t, &n, 0))
                guess_set(g, t, n);
            return;
        }
        break;
    default:
        return;
    }
    /* a result of a CASE or an argument of COALESCE/IFNULL/NULLIF */
    if (!is_result_arg(x, i))
        return;
    if (first_known(x, is_result_arg, i, &t, &n, 0)) {
        guess_set(g, t, n);
        return;
    }
    if (k == 0)
        return;
    const expr *up = path[k - 1];
    for (int j = 0; j < up->nargs; j++)
        if (up->args[j] == x) {
            slot_guess(p, path, k - 1, j, g);
            return;
        }
}

static void walk_prepared(const sql_prepared *p, param_guess *g, int depth);

/**
 * Look for the parameter in x (bound in p), which sits at path[depth] under
 * path[0..depth-1]; infer its type from the node that holds it.
 */
static void walk_path(const sql_prepared *p, const expr *x, const expr **path, int depth,
                      param_guess *g)
{
    if (!x || g->found || depth >= PARAM_MAX_DEPTH)
        return;
    path[depth] = x;
    for (int i = 0; i < x->nargs && !g->found; i++)
        if (is_target(x->args[i], g))
            slot_guess(p, path, depth, i, g);
    for (int i = 0; i < x->nargs && !g->found; i++)
        walk_path(p, x->args[i], path, depth + 1, g);
}

/** Look for the parameter in the expression tree x (bound in p). */
static void walk_expr(const sql_prepared *p, const expr *x, param_guess *g)
{
    const expr *path[PARAM_MAX_DEPTH];
    walk_path(p, x, path, 0, g);
}

/** TOP/LIMIT/OFFSET given as the parameter: an INTEGER. */
static void walk_count(const expr *x, param_guess *g)
{
    if (is_target(x, g))
        guess_set(g, SQLT_INT, 10);
}

/** Look for the parameter everywhere in p: WHERE, ON, select list, GROUP BY, HAVING, children. */
static void walk_prepared(const sql_prepared *p, param_guess *g, int depth)
{
    if (!p || g->found || depth > 50)
        return;
    const select_stmt *s = p->sel;
    if (s) {
        walk_count(s->top, g);
        walk_count(s->limit, g);
        walk_count(s->offset, g);
        walk_expr(p, s->where, g);
        walk_expr(p, s->having, g);
        for (int i = 0; i < s->ngroup && !g->found; i++)
            walk_expr(p, s->group[i], g);
    }
    for (int i = 0; i < p->nsrc && !g->found; i++) {
        walk_expr(p, p->srcs[i].on, g);
        for (int b = 0; b < p->srcs[i].nbranches && !g->found; b++)
            walk_prepared(p->srcs[i].branches[b], g, depth + 1);
    }
    for (int i = 0; i < p->nout && !g->found; i++)
        walk_expr(p, p->out[i], g);
    for (int i = 0; i < p->nsubq && !g->found; i++)
        walk_prepared(p->subq[i], g, depth + 1);
}

/** A procedure call: the type of the procedure parameter the argument `?` number g->target fills. */
static void walk_call(const sql_prepared *p, param_guess *g)
{
    const statement *st = p->st;
    if (!p->proc || !p->arg_of || !st)
        return;
    for (int i = 0; i < p->proc->nin && !g->found; i++) {
        int a = p->arg_of[i];
        if (a >= 0 && a < st->nargs && is_target(st->args[a].value, g))
            guess_set(g, p->proc->in[i].type, p->proc->in[i].size);
    }
}

int sql_prepared_param_type(const sql_prepared *p, int i, enum sqltype *type, int *size,
                            int *nullable)
{
    if (!p || i < 0 || i >= p->nparams)
        return -1;
    param_guess g = { i, 0, SQLT_TEXT, PARAM_TEXT_SIZE };
    if (p->st && p->st->kind == STMT_CALL)
        walk_call(p, &g);
    else
        walk_prepared(p, &g, 0);
    if (g.type == SQLT_BOOL || g.type == SQLT_DOUBLE || g.type == SQLT_TIMESTAMP)
        g.size = 0;
    if (type)
        *type = g.type;
    if (size)
        *size = g.size;
    if (nullable)
        *nullable = 1;   /* NULL can always be passed (the comparison is then unknown) */
    return 0;
}
