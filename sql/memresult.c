/** @file memresult.c  In-memory results for catalog functions and EXPLAIN (see engine.h). */
#include <stdlib.h>
#include <string.h>

#include "sql/engine.h"

typedef struct mem_res {
    sql_result   base;
    sql_colinfo *cols;     /**< owned copy */
    sql_value   *vals;     /**< nrows * ncols */
    size_t       nrows, cap, pos;
    sql_value   *cur;      /**< current row (ncols) */
} mem_res;

static int mem_next(sql_result *base, err *e)
{
    (void)e;
    mem_res *m = (mem_res *)base;
    int n = base->ncols;
    for (int i = 0; i < n; i++)
        sqlval_clear(&m->cur[i]);
    if (m->pos >= m->nrows)
        return 0;
    for (int i = 0; i < n; i++)
        sqlval_move(&m->cur[i], &m->vals[m->pos * (size_t)n + (size_t)i]);
    m->pos++;
    return 1;
}

static void mem_close(sql_result *base)
{
    mem_res *m = (mem_res *)base;
    if (!m)
        return;
    int n = base->ncols;
    for (size_t i = 0; i < m->nrows * (size_t)n; i++)
        sqlval_clear(&m->vals[i]);
    free(m->vals);
    for (int i = 0; i < n; i++) {
        sqlval_clear(&m->cur[i]);
        free(m->cols[i].name);
        free(m->cols[i].base_name);
        free(m->cols[i].table);
        free(m->cols[i].schema);
    }
    free(m->cur);
    free(m->cols);
    free(m);
}

static const struct sql_result_ops mem_ops = { mem_next, mem_close };

static char *dup_or_empty(const char *s)
{
    if (!s)
        s = "";
    size_t n = strlen(s) + 1;
    char *r = malloc(n);
    if (r)
        memcpy(r, s, n);
    return r;
}

sql_result *memresult_new(int ncols, const sql_colinfo *cols)
{
    if (ncols < 0)
        return NULL;
    mem_res *m = calloc(1, sizeof *m);
    if (!m)
        return NULL;
    m->base.ops = &mem_ops;
    m->base.ncols = 0;
    m->base.rowcount = -1;
    m->cols = calloc((size_t)(ncols ? ncols : 1), sizeof *m->cols);
    m->cur = calloc((size_t)(ncols ? ncols : 1), sizeof *m->cur);
    if (!m->cols || !m->cur) {
        free(m->cols);
        free(m->cur);
        free(m);
        return NULL;
    }
    for (int i = 0; i < ncols; i++) {
        m->cols[i] = cols[i];
        m->cols[i].name = dup_or_empty(cols[i].name);
        m->cols[i].base_name = dup_or_empty(cols[i].base_name);
        m->cols[i].table = dup_or_empty(cols[i].table);
        m->cols[i].schema = dup_or_empty(cols[i].schema);
        m->base.ncols = i + 1;
        if (!m->cols[i].name || !m->cols[i].base_name || !m->cols[i].table || !m->cols[i].schema) {
            mem_close(&m->base);
            return NULL;
        }
    }
    m->base.cols = m->cols;
    m->base.row = m->cur;
    return &m->base;
}

int memresult_add_row(sql_result *res, sql_value *vals)
{
    mem_res *m = (mem_res *)res;
    int n = res->ncols;
    if (m->nrows == m->cap) {
        size_t nc = m->cap ? m->cap * 2 : 16;
        sql_value *nv = realloc(m->vals, nc * (size_t)(n ? n : 1) * sizeof *nv);
        if (!nv)
            return -1;
        m->vals = nv;
        m->cap = nc;
    }
    for (int i = 0; i < n; i++) {
        m->vals[m->nrows * (size_t)n + (size_t)i].type = SQLT_NULL;
        sqlval_move(&m->vals[m->nrows * (size_t)n + (size_t)i], &vals[i]);
    }
    m->nrows++;
    return 0;
}
