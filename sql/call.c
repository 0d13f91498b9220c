/**
 * @file call.c
 * Stored procedure calls: `EXEC name @P='v', @Q=?`, `EXECUTE name ...`,
 * `CALL name(a, b)` and `{call name(?, ?)}`. Arguments are bound to the
 * provider's proc_def by name (case-insensitive, with or without '@') or by
 * position; the result columns are proc_def->out, known at prepare time.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sql/expr.h"
#include "sql/prepared.h"

static int oom(err *e) { return err_set(e, "HY001", "Out of memory while preparing the procedure call."); }

/** Find procedure (schema, name) of the provider; NULL when there is none. */
static const proc_def *find_proc(provider *prov, const char *schema, const char *name)
{
    if (!prov->ops->proc_count || !prov->ops->proc_at)
        return NULL;
    int n = prov->ops->proc_count(prov);
    for (int i = 0; i < n; i++) {
        const proc_def *d = prov->ops->proc_at(prov, i);
        if (!d || strcasecmp(d->name, name) != 0)
            continue;
        if (schema && d->schema && strcasecmp(d->schema, schema) != 0)
            continue;
        return d;
    }
    return NULL;
}

int sql_bind_call(sql_prepared *p, err *e)
{
    statement *st = p->st;
    const proc_def *d = find_proc(p->s->prov, st->proc_schema, st->proc_name);
    if (!d)
        return err_set(e, "42000", "Procedure '%s%s%s' does not exist (line %d, column %d).",
                       st->proc_schema ? st->proc_schema : "", st->proc_schema ? "." : "", st->proc_name,
                       st->pline, st->pcol);
    p->proc = d;
    p->arg_of = malloc((size_t)(d->nin ? d->nin : 1) * sizeof *p->arg_of);
    if (!p->arg_of)
        return oom(e);
    for (int i = 0; i < d->nin; i++)
        p->arg_of[i] = -1;
    int pos = 0;
    for (int a = 0; a < st->nargs; a++) {
        const call_arg *ca = &st->args[a];
        int slot = -1;
        if (ca->name) {
            for (int i = 0; i < d->nin && slot < 0; i++)
                if (strcasecmp(d->in[i].name, ca->name) == 0)
                    slot = i;
            if (slot < 0)
                return err_set(e, "07009", "Procedure '%s' has no parameter named '%s'.", d->name, ca->name);
        } else {
            if (pos >= d->nin)
                return err_set(e, "07009", "Procedure '%s' takes %d parameter%s, but more values were given.",
                               d->name, d->nin, d->nin == 1 ? "" : "s");
            slot = pos++;
        }
        if (p->arg_of[slot] >= 0)
            return err_set(e, "07009", "Parameter '%s' of procedure '%s' is given twice.", d->in[slot].name,
                           d->name);
        if (expr_has_col(ca->value) || expr_has_agg(ca->value) || expr_has_subq(ca->value))
            return err_set(e, "42000", "The value of parameter '%s' must be a literal or '?' (line %d, "
                           "column %d).", d->in[slot].name, ca->value->line, ca->value->col);
        p->arg_of[slot] = a;
    }
    for (int i = 0; i < d->nin; i++)
        if (d->in[i].required && p->arg_of[i] < 0)
            return err_set(e, "07002", "Procedure '%s' needs a value for parameter '%s'.", d->name, d->in[i].name);
    p->cols = calloc((size_t)(d->nout ? d->nout : 1), sizeof *p->cols);
    if (!p->cols)
        return oom(e);
    for (int c = 0; c < d->nout; c++) {
        sql_colinfo *ci = &p->cols[c];
        p->ncols++;
        ci->name = strdup(d->out[c].name);
        ci->base_name = strdup("");
        ci->table = strdup("");
        ci->schema = strdup(d->schema ? d->schema : "");
        if (!ci->name || !ci->base_name || !ci->table || !ci->schema)
            return oom(e);
        ci->type = d->out[c].type;
        ci->size = d->out[c].size;
        ci->nullable = d->out[c].nullable;
    }
    return 0;
}

int sql_call_execute(sql_prepared *p, const sql_value *params, sql_result **out, err *e)
{
    const proc_def *d = p->proc;
    statement *st = p->st;
    *out = NULL;
    if (!p->s->prov->ops->call)
        return err_set(e, "42000", "Procedure '%s' cannot be called: the provider does not run procedures.",
                       d->name);
    sql_value *args = calloc((size_t)(d->nin ? d->nin : 1), sizeof *args);
    if (!args)
        return err_set(e, "HY001", "Out of memory while calling a procedure.");
    eval_ctx c = { NULL, params, p->nparams, NULL, 0, NULL, NULL };
    int rc = 0;
    for (int i = 0; i < d->nin && rc == 0; i++) {
        if (p->arg_of[i] < 0)
            continue;
        if (expr_eval(st->args[p->arg_of[i]].value, &c, &args[i], e) < 0)
            rc = -1;
        else if (args[i].type == SQLT_NULL && d->in[i].required)
            rc = err_set(e, "07002", "Procedure '%s' needs a value for parameter '%s', not NULL.", d->name,
                         d->in[i].name);
        else if (args[i].type != SQLT_NULL && d->in[i].type != SQLT_NULL && args[i].type != d->in[i].type &&
                 sqlval_cast(&args[i], d->in[i].type, e) < 0)
            rc = -1;
    }
    if (rc == 0) {
        err_clear(e);
        rc = p->s->prov->ops->call(p->s->prov, d, args, out, e);
        if (rc < 0 && !e->set)
            err_set(e, "HY000", "Procedure '%s' failed.", d->name);
    }
    for (int i = 0; i < d->nin; i++)
        sqlval_clear(&args[i]);
    free(args);
    return rc < 0 ? -1 : 0;
}
