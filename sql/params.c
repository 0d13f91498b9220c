/**
 * @file params.c
 * The inferred type of each `?` parameter of a prepared statement (for
 * SQLDescribeParam): a parameter compared with, IN-listed with or BETWEEN a
 * typed expression takes that expression's type and size; in arithmetic it
 * takes the other operand's numeric type (DOUBLE otherwise); in LIKE, and
 * wherever nothing better is known, it is text; in TOP/LIMIT/OFFSET it is an
 * INTEGER; a procedure argument takes the procedure parameter's type.
 */
#include "sql/prepared.h"

/** The default answer: variable-length text, nullable. */
#define PARAM_TEXT_SIZE 4000

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

/** Record the type of the first typed expression among args[from..to) of x other than skip. */
static void guess_from_args(param_guess *g, const expr *x, int from, int to, int skip)
{
    for (int i = from; i < to && i < x->nargs; i++)
        if (i != skip && x->args[i] && x->args[i]->type != SQLT_NULL &&
            !is_target(x->args[i], g)) {
            guess_set(g, x->args[i]->type, x->args[i]->size);
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

static void walk_prepared(const sql_prepared *p, param_guess *g, int depth);

/** Look for the parameter in x (bound in p); infer its type from the node that holds it. */
static void walk_expr(const sql_prepared *p, const expr *x, param_guess *g, int depth)
{
    if (!x || g->found || depth > 200)
        return;
    for (int i = 0; i < x->nargs && !g->found; i++) {
        if (!is_target(x->args[i], g))
            continue;
        switch (x->kind) {
        case EX_CMP:
            guess_from_args(g, x, 0, 2, i);
            break;
        case EX_IN:
            if (i == 0)
                guess_from_args(g, x, 1, x->nargs, -1);
            else
                guess_from_args(g, x, 0, 1, -1);
            break;
        case EX_BETWEEN:
            if (i == 0)
                guess_from_args(g, x, 1, 3, -1);
            else
                guess_from_args(g, x, 0, 1, -1);
            break;
        case EX_ARITH: {
            const expr *o = x->args[1 - i];
            if (o && (o->type == SQLT_INT || o->type == SQLT_DOUBLE))
                guess_set(g, o->type, o->size);
            else
                guess_set(g, SQLT_DOUBLE, 0);
            break;
        }
        case EX_NEG:
            guess_set(g, SQLT_DOUBLE, 0);
            break;
        case EX_SUBQ: {
            const sql_colinfo *c = x->op == SQ_IN ? subq_first_col(p, x) : NULL;
            if (c)
                guess_set(g, c->type, c->size);
            break;
        }
        case EX_LIKE:
        default:
            break;
        }
    }
    for (int i = 0; i < x->nargs && !g->found; i++)
        walk_expr(p, x->args[i], g, depth + 1);
    (void)depth;
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
        walk_expr(p, s->where, g, 0);
        walk_expr(p, s->having, g, 0);
        for (int i = 0; i < s->ngroup && !g->found; i++)
            walk_expr(p, s->group[i], g, 0);
    }
    for (int i = 0; i < p->nsrc && !g->found; i++) {
        walk_expr(p, p->srcs[i].on, g, 0);
        for (int b = 0; b < p->srcs[i].nbranches && !g->found; b++)
            walk_prepared(p->srcs[i].branches[b], g, depth + 1);
    }
    for (int i = 0; i < p->nout && !g->found; i++)
        walk_expr(p, p->out[i], g, 0);
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
