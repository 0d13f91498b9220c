/** @file desc.c  Descriptor records (see desc.h). */
#include "driver/desc.h"

#include <stdlib.h>
#include <string.h>

#include "driver/types.h"

void p1_desc_init(p1_desc *d, enum p1_desc_kind kind, struct p1_env *env, void *stmt)
{
    memset(d, 0, sizeof *d);
    d->h.magic = P1_MAGIC_DESC;
    d->h.type = SQL_HANDLE_DESC;
    pthread_mutex_init(&d->h.lock, NULL);
    p1_diag_init(&d->h.diag);
    d->h.env = env;
    d->stmt = stmt;
    d->kind = kind;
    d->array_size = 1;
    d->bind_type = SQL_BIND_BY_COLUMN;
}

/** Free the strings a record owns and zero it. */
static void rec_clear(p1_descrec *r)
{
    free(r->name);
    free(r->base_column_name);
    free(r->base_table_name);
    free(r->schema_name);
    memset(r, 0, sizeof *r);
}

void p1_desc_clear_recs(p1_desc *d)
{
    for (int i = 0; i < d->cap; i++)
        rec_clear(&d->recs[i]);
    d->count = 0;
}

void p1_desc_free(p1_desc *d)
{
    p1_desc_clear_recs(d);
    free(d->recs);
    d->recs = NULL;
    d->cap = 0;
    if (d->h.magic == P1_MAGIC_DESC) {
        d->h.magic = P1_MAGIC_DEAD;
        p1_diag_free(&d->h.diag);
        pthread_mutex_destroy(&d->h.lock);
    }
}

p1_descrec *p1_desc_rec(p1_desc *d, int n)
{
    if (n < 0 || n > 32767)
        return NULL;
    if (n >= d->cap) {
        int cap = d->cap ? d->cap : 8;
        while (cap <= n)
            cap *= 2;
        p1_descrec *r = realloc(d->recs, sizeof *r * (size_t)cap);
        if (!r)
            return NULL;
        memset(r + d->cap, 0, sizeof *r * (size_t)(cap - d->cap));
        d->recs = r;
        d->cap = cap;
    }
    if (n > d->count)
        d->count = (SQLSMALLINT)n;
    return &d->recs[n];
}

void p1_desc_trim(p1_desc *d)
{
    while (d->count > 0 && !d->recs[d->count].bound)
        d->count--;
}

/** strdup that maps NULL to "". */
static char *dup0(const char *s)
{
    return strdup(s ? s : "");
}

int p1_desc_set_ird(p1_desc *d, int ncols, const sql_colinfo *cols)
{
    p1_desc_clear_recs(d);
    if (ncols > 0 && !p1_desc_rec(d, ncols))
        return -1;
    d->count = (SQLSMALLINT)ncols;
    for (int i = 0; i < ncols; i++) {
        p1_descrec *r = &d->recs[i + 1];
        odbc_typeinfo ti;
        odbc_type_of(cols[i].type, cols[i].size, &ti);
        r->etype = cols[i].type;
        r->esize = cols[i].size;
        r->concise_type = ti.sql_type;
        r->odbc2_type = ti.sql_type_odbc2;
        r->type = ti.verbose_type;
        r->datetime_sub = ti.datetime_sub;
        r->length = ti.column_size;
        r->precision = ti.datetime_sub ? ti.decimal_digits : (SQLSMALLINT)ti.column_size;
        r->scale = ti.decimal_digits;
        r->display_size = ti.display_size;
        r->ird_octet_length = ti.octet_length;
        r->num_prec_radix = ti.num_prec_radix;
        r->unsigned_attr = ti.unsigned_attr;
        r->type_name = ti.type_name;
        r->literal_prefix = ti.literal_prefix;
        r->literal_suffix = ti.literal_suffix;
        r->nullable = cols[i].nullable ? SQL_NULLABLE : SQL_NO_NULLS;
        r->name = dup0(cols[i].name);
        r->base_column_name = dup0(cols[i].base_name);
        r->base_table_name = dup0(cols[i].table);
        r->schema_name = dup0(cols[i].schema);
        if (!r->name || !r->base_column_name || !r->base_table_name || !r->schema_name)
            return -1;
    }
    return 0;
}
