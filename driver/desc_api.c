/**
 * @file desc_api.c
 * SQLGetDescField / SQLSetDescField / SQLGetDescRec / SQLSetDescRec /
 * SQLCopyDesc on the four implicit descriptors of a statement and on
 * explicitly allocated application descriptors (SQLAllocHandle with
 * SQL_HANDLE_DESC), which SQL_ATTR_APP_ROW_DESC / APP_PARAM_DESC can name.
 * The IRD is read-only; the IPD's fields are those SQLBindParameter sets.
 */
#include "driver/desc_api.h"

#include <stdlib.h>
#include <string.h>

#include "driver/convert.h"
#include "driver/types.h"

/** How a field's value is passed: pointer, SQLULEN/SQLLEN, SQLINTEGER, SQLSMALLINT or text. */
enum fkind { F_PTR, F_LEN, F_INT, F_SMALL, F_STR, F_BAD };

/** Kind of a descriptor field; F_BAD for an unknown identifier. */
static enum fkind field_kind(SQLSMALLINT f)
{
    switch (f) {
    case SQL_DESC_ARRAY_STATUS_PTR: case SQL_DESC_BIND_OFFSET_PTR: case SQL_DESC_ROWS_PROCESSED_PTR:
    case SQL_DESC_DATA_PTR: case SQL_DESC_INDICATOR_PTR: case SQL_DESC_OCTET_LENGTH_PTR:
        return F_PTR;
    case SQL_DESC_ARRAY_SIZE: case SQL_DESC_LENGTH: case SQL_DESC_OCTET_LENGTH:
    case SQL_DESC_DISPLAY_SIZE:
        return F_LEN;
    case SQL_DESC_BIND_TYPE: case SQL_DESC_AUTO_UNIQUE_VALUE: case SQL_DESC_CASE_SENSITIVE:
    case SQL_DESC_DATETIME_INTERVAL_PRECISION: case SQL_DESC_NUM_PREC_RADIX:
        return F_INT;
    case SQL_DESC_ALLOC_TYPE: case SQL_DESC_COUNT: case SQL_DESC_TYPE: case SQL_DESC_CONCISE_TYPE:
    case SQL_DESC_DATETIME_INTERVAL_CODE: case SQL_DESC_PRECISION: case SQL_DESC_SCALE:
    case SQL_DESC_NULLABLE: case SQL_DESC_PARAMETER_TYPE: case SQL_DESC_UNNAMED:
    case SQL_DESC_FIXED_PREC_SCALE: case SQL_DESC_SEARCHABLE: case SQL_DESC_UNSIGNED:
    case SQL_DESC_UPDATABLE:
        return F_SMALL;
    case SQL_DESC_NAME: case SQL_DESC_BASE_COLUMN_NAME: case SQL_DESC_BASE_TABLE_NAME:
    case SQL_DESC_CATALOG_NAME: case SQL_DESC_LABEL: case SQL_DESC_LITERAL_PREFIX:
    case SQL_DESC_LITERAL_SUFFIX: case SQL_DESC_LOCAL_TYPE_NAME: case SQL_DESC_SCHEMA_NAME:
    case SQL_DESC_TABLE_NAME: case SQL_DESC_TYPE_NAME:
        return F_STR;
    default:
        return F_BAD;
    }
}

/** Non-zero for header fields (record number ignored). */
static int is_header(SQLSMALLINT f)
{
    return f == SQL_DESC_ALLOC_TYPE || f == SQL_DESC_ARRAY_SIZE || f == SQL_DESC_ARRAY_STATUS_PTR ||
           f == SQL_DESC_BIND_OFFSET_PTR || f == SQL_DESC_BIND_TYPE || f == SQL_DESC_COUNT ||
           f == SQL_DESC_ROWS_PROCESSED_PTR;
}

/** Non-zero when d is an application descriptor (ARD/APD, implicit or explicit). */
static int is_app(const p1_desc *d)
{
    return d->kind == P1_ARD || d->kind == P1_APD;
}

/** Verbose type and datetime subcode for a concise C or SQL type. */
static void split_type(SQLSMALLINT concise, SQLSMALLINT *type, SQLSMALLINT *sub)
{
    *sub = 0;
    *type = concise;
    switch (concise) {
    /* the SQL_C_TYPE_* codes equal the SQL_TYPE_* ones */
    case SQL_TYPE_DATE: *type = SQL_DATETIME; *sub = SQL_CODE_DATE; break;
    case SQL_TYPE_TIME: *type = SQL_DATETIME; *sub = SQL_CODE_TIME; break;
    case SQL_TYPE_TIMESTAMP: *type = SQL_DATETIME; *sub = SQL_CODE_TIMESTAMP; break;
    default: break;
    }
}

/** Concise type from a verbose type and datetime subcode. */
static SQLSMALLINT join_type(SQLSMALLINT type, SQLSMALLINT sub, int app)
{
    if (type != SQL_DATETIME)
        return type;
    switch (sub) {
    case SQL_CODE_DATE: return app ? SQL_C_TYPE_DATE : SQL_TYPE_DATE;
    case SQL_CODE_TIME: return app ? SQL_C_TYPE_TIME : SQL_TYPE_TIME;
    default: return app ? SQL_C_TYPE_TIMESTAMP : SQL_TYPE_TIMESTAMP;
    }
}

/**
 * Setting SQL_DESC_TYPE or SQL_DESC_CONCISE_TYPE to NUMERIC/DECIMAL resets the
 * record's precision to the driver's default (38) and its scale to 0, as the
 * ODBC reference says for SQLSetDescField.
 */
static void numeric_defaults(p1_descrec *r)
{
    if (r->concise_type == SQL_NUMERIC || r->concise_type == SQL_DECIMAL) {
        r->precision = CONV_NUMERIC_DEFAULT_PRECISION;
        r->scale = 0;
    }
}

SQLRETURN p1_get_desc_field(p1_desc *d, SQLSMALLINT recno, SQLSMALLINT field, SQLPOINTER value,
                            SQLINTEGER buflen, const p1_strout *sout, SQLINTEGER *outlen)
{
    enum fkind k = field_kind(field);
    if (k == F_BAD)
        return p1_error(&d->h, "HY091", "Descriptor field %d is not valid.", (int)field);
    if (d->kind == P1_IRD && d->stmt && ((p1_stmt *)d->stmt)->state == P1_S_ALLOCATED && field != SQL_DESC_ALLOC_TYPE)
        return p1_error(&d->h, "HY007", "The statement has not been prepared or executed.");
    SQLLEN nv = 0;
    SQLPOINTER pv = NULL;
    const char *sv = NULL;
    if (is_header(field)) {
        switch (field) {
        case SQL_DESC_ALLOC_TYPE: nv = d->is_explicit ? SQL_DESC_ALLOC_USER : SQL_DESC_ALLOC_AUTO; break;
        case SQL_DESC_ARRAY_SIZE: nv = (SQLLEN)d->array_size; break;
        case SQL_DESC_ARRAY_STATUS_PTR: pv = d->array_status_ptr; break;
        case SQL_DESC_BIND_OFFSET_PTR: pv = d->bind_offset_ptr; break;
        case SQL_DESC_BIND_TYPE: nv = (SQLLEN)d->bind_type; break;
        case SQL_DESC_COUNT: nv = d->count; break;
        case SQL_DESC_ROWS_PROCESSED_PTR: pv = d->rows_processed_ptr; break;
        }
    } else {
        if (recno < 0 || (recno == 0 && d->kind != P1_IRD && d->kind != P1_ARD))
            return p1_error(&d->h, "07009", "Record %d is not valid for this descriptor.", (int)recno);
        if (recno == 0)
            return p1_error(&d->h, "07009", "Record 0 is the bookmark record; bookmarks are not "
                            "supported.");
        if (recno > d->count)
            return SQL_NO_DATA;
        const p1_descrec *r = &d->recs[recno];
        int ird = d->kind == P1_IRD;
        switch (field) {
        case SQL_DESC_TYPE: nv = r->type ? r->type : r->concise_type; break;
        case SQL_DESC_CONCISE_TYPE: nv = r->concise_type; break;
        case SQL_DESC_DATETIME_INTERVAL_CODE: nv = r->datetime_sub; break;
        case SQL_DESC_DATETIME_INTERVAL_PRECISION: nv = 0; break;
        case SQL_DESC_DATA_PTR: pv = r->data_ptr; break;
        case SQL_DESC_INDICATOR_PTR: pv = r->indicator_ptr; break;
        case SQL_DESC_OCTET_LENGTH_PTR: pv = r->octet_length_ptr; break;
        case SQL_DESC_OCTET_LENGTH: nv = ird ? r->ird_octet_length : r->octet_length; break;
        case SQL_DESC_LENGTH: nv = (SQLLEN)r->length; break;
        case SQL_DESC_PRECISION: nv = r->precision; break;
        case SQL_DESC_SCALE: nv = r->scale; break;
        case SQL_DESC_NULLABLE: nv = ird ? r->nullable : SQL_NULLABLE_UNKNOWN; break;
        case SQL_DESC_PARAMETER_TYPE: nv = r->param_type ? r->param_type : SQL_PARAM_INPUT; break;
        case SQL_DESC_UNNAMED: nv = r->name && r->name[0] ? SQL_NAMED : SQL_UNNAMED; break;
        case SQL_DESC_NAME: case SQL_DESC_LABEL: sv = r->name ? r->name : ""; break;
        case SQL_DESC_AUTO_UNIQUE_VALUE: nv = SQL_FALSE; break;
        case SQL_DESC_CASE_SENSITIVE: nv = r->etype == SQLT_TEXT ? SQL_TRUE : SQL_FALSE; break;
        case SQL_DESC_NUM_PREC_RADIX: nv = r->num_prec_radix; break;
        case SQL_DESC_DISPLAY_SIZE: nv = r->display_size; break;
        case SQL_DESC_FIXED_PREC_SCALE: nv = SQL_FALSE; break;
        case SQL_DESC_SEARCHABLE: nv = SQL_PRED_SEARCHABLE; break;
        case SQL_DESC_UNSIGNED: nv = ird ? r->unsigned_attr : SQL_FALSE; break;
        case SQL_DESC_UPDATABLE: nv = SQL_ATTR_READONLY; break;
        case SQL_DESC_BASE_COLUMN_NAME: sv = r->base_column_name ? r->base_column_name : ""; break;
        case SQL_DESC_BASE_TABLE_NAME: case SQL_DESC_TABLE_NAME:
            sv = r->base_table_name ? r->base_table_name : ""; break;
        case SQL_DESC_SCHEMA_NAME: sv = r->schema_name ? r->schema_name : ""; break;
        case SQL_DESC_CATALOG_NAME: sv = ""; break;
        case SQL_DESC_LITERAL_PREFIX: sv = r->literal_prefix ? r->literal_prefix : ""; break;
        case SQL_DESC_LITERAL_SUFFIX: sv = r->literal_suffix ? r->literal_suffix : ""; break;
        case SQL_DESC_LOCAL_TYPE_NAME: case SQL_DESC_TYPE_NAME:
            sv = r->type_name ? r->type_name : ""; break;
        }
    }
    switch (k) {
    case F_STR: {
        SQLLEN total = 0;
        int trunc = p1_put_str(sout, sv ? sv : "", &total);
        if (outlen)
            *outlen = (SQLINTEGER)total;
        if (trunc)
            return p1_warn(&d->h, "01004", "Descriptor field %d was truncated.", (int)field);
        return SQL_SUCCESS;
    }
    case F_PTR:
        if (value)
            *(SQLPOINTER *)value = pv;
        if (outlen)
            *outlen = (SQLINTEGER)sizeof(SQLPOINTER);
        return SQL_SUCCESS;
    case F_LEN:
        if (value)
            *(SQLLEN *)value = nv;
        if (outlen)
            *outlen = (SQLINTEGER)sizeof(SQLLEN);
        return SQL_SUCCESS;
    case F_INT:
        if (value)
            *(SQLINTEGER *)value = (SQLINTEGER)nv;
        if (outlen)
            *outlen = (SQLINTEGER)sizeof(SQLINTEGER);
        return SQL_SUCCESS;
    default:
        (void)buflen;
        if (value)
            *(SQLSMALLINT *)value = (SQLSMALLINT)nv;
        if (outlen)
            *outlen = (SQLINTEGER)sizeof(SQLSMALLINT);
        return SQL_SUCCESS;
    }
}

/** Unbind-aware consistency: an application record is bound once it has a data or indicator pointer. */
static void mark_bound(p1_desc *d, p1_descrec *r)
{
    r->bound = r->data_ptr || r->indicator_ptr || r->concise_type;
    if (d->kind == P1_IPD)
        r->bound = 1;
    p1_desc_trim(d);
}

SQLRETURN p1_set_desc_field(p1_desc *d, SQLSMALLINT recno, SQLSMALLINT field, SQLPOINTER value,
                            SQLINTEGER len, const char *strval)
{
    (void)len;
    enum fkind k = field_kind(field);
    if (k == F_BAD)
        return p1_error(&d->h, "HY091", "Descriptor field %d is not valid.", (int)field);
    if (d->kind == P1_IRD && field != SQL_DESC_ARRAY_STATUS_PTR && field != SQL_DESC_ROWS_PROCESSED_PTR)
        return p1_error(&d->h, "HY016", "The implementation row descriptor cannot be modified.");
    SQLLEN iv = (SQLLEN)(intptr_t)value;
    if (is_header(field)) {
        switch (field) {
        case SQL_DESC_ALLOC_TYPE:
            return p1_error(&d->h, "HY091", "SQL_DESC_ALLOC_TYPE is read-only.");
        case SQL_DESC_ARRAY_SIZE:
            if (iv <= 0)
                return p1_error(&d->h, "HY024", "SQL_DESC_ARRAY_SIZE must be at least 1.");
            d->array_size = (SQLULEN)iv;
            return SQL_SUCCESS;
        case SQL_DESC_ARRAY_STATUS_PTR: d->array_status_ptr = value; return SQL_SUCCESS;
        case SQL_DESC_BIND_OFFSET_PTR: d->bind_offset_ptr = value; return SQL_SUCCESS;
        case SQL_DESC_BIND_TYPE: d->bind_type = (SQLULEN)iv; return SQL_SUCCESS;
        case SQL_DESC_ROWS_PROCESSED_PTR: d->rows_processed_ptr = value; return SQL_SUCCESS;
        case SQL_DESC_COUNT:
            if (iv < 0 || iv > 32767)
                return p1_error(&d->h, "07009", "SQL_DESC_COUNT %ld is not valid.", (long)iv);
            if (iv > d->count && !p1_desc_rec(d, (int)iv))
                return p1_error(&d->h, "HY001", "Out of memory.");
            for (int i = (int)iv + 1; i <= d->count; i++) {
                p1_descrec *r = &d->recs[i];
                free(r->name);
                memset(r, 0, sizeof *r);
            }
            d->count = (SQLSMALLINT)iv;
            return SQL_SUCCESS;
        }
    }
    if (recno <= 0)
        return p1_error(&d->h, "07009", "Record %d is not valid (bookmarks are not supported).",
                        (int)recno);
    p1_descrec *r = p1_desc_rec(d, recno);
    if (!r)
        return p1_error(&d->h, "HY001", "Out of memory.");
    int app = is_app(d);
    switch (field) {
    case SQL_DESC_TYPE:
        r->type = (SQLSMALLINT)iv;
        r->concise_type = join_type(r->type, r->datetime_sub, app);
        r->data_ptr = NULL;
        numeric_defaults(r);
        break;
    case SQL_DESC_CONCISE_TYPE:
        r->concise_type = (SQLSMALLINT)iv;
        split_type(r->concise_type, &r->type, &r->datetime_sub);
        r->data_ptr = NULL;
        numeric_defaults(r);
        break;
    case SQL_DESC_DATETIME_INTERVAL_CODE:
        r->datetime_sub = (SQLSMALLINT)iv;
        r->concise_type = join_type(r->type, r->datetime_sub, app);
        break;
    case SQL_DESC_DATA_PTR: r->data_ptr = value; break;
    case SQL_DESC_INDICATOR_PTR: r->indicator_ptr = value; break;
    case SQL_DESC_OCTET_LENGTH_PTR: r->octet_length_ptr = value; break;
    case SQL_DESC_OCTET_LENGTH: r->octet_length = iv; break;
    case SQL_DESC_LENGTH: r->length = (SQLULEN)iv; break;
    case SQL_DESC_PRECISION: r->precision = (SQLSMALLINT)iv; break;
    case SQL_DESC_SCALE: r->scale = (SQLSMALLINT)iv; break;
    case SQL_DESC_PARAMETER_TYPE:
        if (iv != SQL_PARAM_INPUT)
            return p1_error(&d->h, "HYC00", "Only input parameters are supported.");
        r->param_type = (SQLSMALLINT)iv;
        break;
    case SQL_DESC_NAME: {
        char *c = strdup(strval ? strval : "");
        if (!c)
            return p1_error(&d->h, "HY001", "Out of memory.");
        free(r->name);
        r->name = c;
        break;
    }
    case SQL_DESC_UNNAMED:
        if (iv == SQL_NAMED)
            return p1_error(&d->h, "HY091", "SQL_DESC_UNNAMED can only be set to SQL_UNNAMED.");
        free(r->name);
        r->name = NULL;
        break;
    case SQL_DESC_DATETIME_INTERVAL_PRECISION: case SQL_DESC_NULLABLE:
        break;
    default:
        return p1_error(&d->h, "HY091", "Descriptor field %d is read-only.", (int)field);
    }
    mark_bound(d, r);
    return SQL_SUCCESS;
}

SQLRETURN p1_get_desc_rec(p1_desc *d, SQLSMALLINT recno, const p1_strout *name, SQLSMALLINT *namelen,
                          SQLSMALLINT *type, SQLSMALLINT *sub, SQLLEN *length,
                          SQLSMALLINT *precision, SQLSMALLINT *scale, SQLSMALLINT *nullable)
{
    if (d->kind == P1_IRD && d->stmt && ((p1_stmt *)d->stmt)->state == P1_S_ALLOCATED)
        return p1_error(&d->h, "HY007", "The statement has not been prepared or executed.");
    if (recno <= 0)
        return p1_error(&d->h, "07009", "Record %d is not valid (bookmarks are not supported).",
                        (int)recno);
    if (recno > d->count)
        return SQL_NO_DATA;
    const p1_descrec *r = &d->recs[recno];
    SQLLEN total = 0;
    int trunc = p1_put_str(name, r->name ? r->name : "", &total);
    if (namelen)
        *namelen = (SQLSMALLINT)total;
    if (type)
        *type = r->type ? r->type : r->concise_type;
    if (sub)
        *sub = r->datetime_sub;
    if (length)
        *length = d->kind == P1_IRD ? r->ird_octet_length : r->octet_length;
    if (precision)
        *precision = r->precision;
    if (scale)
        *scale = r->scale;
    if (nullable)
        *nullable = d->kind == P1_IRD ? r->nullable : SQL_NULLABLE_UNKNOWN;
    if (trunc)
        return p1_warn(&d->h, "01004", "The name of record %d was truncated.", (int)recno);
    return SQL_SUCCESS;
}

SQLRETURN p1_set_desc_rec(p1_desc *d, SQLSMALLINT recno, SQLSMALLINT type, SQLSMALLINT sub,
                          SQLLEN length, SQLSMALLINT precision, SQLSMALLINT scale,
                          SQLPOINTER data, SQLLEN *strlen_ptr, SQLLEN *ind_ptr)
{
    if (d->kind == P1_IRD)
        return p1_error(&d->h, "HY016", "The implementation row descriptor cannot be modified.");
    if (recno <= 0)
        return p1_error(&d->h, "07009", "Record %d is not valid (bookmarks are not supported).",
                        (int)recno);
    p1_descrec *r = p1_desc_rec(d, recno);
    if (!r)
        return p1_error(&d->h, "HY001", "Out of memory.");
    r->type = type;
    r->datetime_sub = sub;
    r->concise_type = join_type(type, sub, is_app(d));
    r->octet_length = length;
    if (!is_app(d))
        r->length = (SQLULEN)length;
    r->precision = precision;
    r->scale = scale;
    r->data_ptr = data;
    r->octet_length_ptr = strlen_ptr;
    r->indicator_ptr = ind_ptr;
    mark_bound(d, r);
    return SQL_SUCCESS;
}

SQLRETURN p1_copy_desc(p1_desc *src, p1_desc *dst)
{
    if (dst->kind == P1_IRD)
        return p1_error(&dst->h, "HY016", "The implementation row descriptor cannot be a target.");
    if (src->kind == P1_IRD && src->stmt && ((p1_stmt *)src->stmt)->state == P1_S_ALLOCATED)
        return p1_error(&dst->h, "HY007", "The source statement has not been prepared or executed.");
    p1_desc_clear_recs(dst);
    if (src->count > 0 && !p1_desc_rec(dst, src->count))
        return p1_error(&dst->h, "HY001", "Out of memory.");
    for (int i = 1; i <= src->count; i++) {
        p1_descrec *r = &dst->recs[i];
        *r = src->recs[i];
        r->name = src->recs[i].name ? strdup(src->recs[i].name) : NULL;
        r->base_column_name = src->recs[i].base_column_name ? strdup(src->recs[i].base_column_name) : NULL;
        r->base_table_name = src->recs[i].base_table_name ? strdup(src->recs[i].base_table_name) : NULL;
        r->schema_name = src->recs[i].schema_name ? strdup(src->recs[i].schema_name) : NULL;
        if (src->kind == P1_IRD && is_app(dst)) {
            /* an IRD copied to an ARD: lengths become buffer lengths */
            r->octet_length = r->ird_octet_length;
            r->bound = 0;
        }
    }
    dst->count = src->count;
    dst->array_size = src->array_size;
    dst->bind_type = src->bind_type;
    dst->bind_offset_ptr = src->bind_offset_ptr;
    if (dst->kind != P1_IRD) {
        dst->array_status_ptr = src->array_status_ptr;
        dst->rows_processed_ptr = src->rows_processed_ptr;
    }
    return SQL_SUCCESS;
}

SQLRETURN p1_alloc_desc(p1_dbc *dbc, SQLHANDLE *out)
{
    p1_desc *d = calloc(1, sizeof *d);
    if (!d)
        return p1_error(&dbc->h, "HY001", "Out of memory.");
    p1_desc_init(d, P1_ARD, dbc->h.env, NULL);
    d->is_explicit = 1;
    d->dbc = dbc;
    d->next = dbc->descs;
    dbc->descs = d;
    *out = d;
    return SQL_SUCCESS;
}

void p1_free_desc(p1_desc *d)
{
    p1_dbc *dbc = d->dbc;
    if (dbc) {
        for (p1_stmt *s = dbc->stmts; s; s = s->next) {
            if (s->ard == d)
                s->ard = &s->ard_impl;
            if (s->apd == d)
                s->apd = &s->apd_impl;
        }
        for (p1_desc **pp = &dbc->descs; *pp; pp = &(*pp)->next)
            if (*pp == d) {
                *pp = d->next;
                break;
            }
    }
    p1_desc_free(d);
    free(d);
}
