/** @file scim_filter.c  SCIM filter text and pushability (see scim_filter.h). */
#include "pingone/scim_filter.h"

#include <stdio.h>
#include <string.h>

#include "pingone/catalog.h"

int scim_quote(strbuf *sb, const char *s, size_t len)
{
    if (sb_append_char(sb, '"') < 0)
        return -1;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        int rc;
        if (c == '"')
            rc = sb_append(sb, "\\\"");
        else if (c == '\\')
            rc = sb_append(sb, "\\\\");
        else if (c < 0x20 || c == 0x7f)
            rc = sb_printf(sb, "\\u%04x", c);
        else
            rc = sb_append_char(sb, (char)c);
        if (rc < 0)
            return -1;
    }
    return sb_append_char(sb, '"');
}

/** Non-zero when v may be sent for a column of type ct. */
static int value_ok(enum sqltype ct, const sql_value *v)
{
    if (ct == SQLT_TEXT)
        return v->type == SQLT_TEXT && v->u.s.len > 0 && v->u.s.len <= SCIM_MAX_VALUE &&
               strlen(v->u.s.ptr) == v->u.s.len;
    if (ct == SQLT_BOOL)
        return v->type == SQLT_BOOL || (v->type == SQLT_INT && (v->u.i == 0 || v->u.i == 1));
    if (ct == SQLT_TIMESTAMP) {
        int64_t ms;
        return v->type == SQLT_TIMESTAMP ||
               (v->type == SQLT_TEXT && v->u.s.ptr && ts_parse_iso8601(v->u.s.ptr, &ms) == 0);
    }
    return 0;
}

/** Instant (ms) of a timestamp comparison value (TIMESTAMP, or ISO-8601 TEXT). */
static int64_t ts_value(const sql_value *v)
{
    int64_t ms = 0;
    if (v->type == SQLT_TIMESTAMP)
        return v->u.i;
    if (v->type == SQLT_TEXT && v->u.s.ptr)
        ts_parse_iso8601(v->u.s.ptr, &ms);
    return ms;
}

/** Pushability of a leaf. */
static int leaf_ok(const table_def *t, int pushdown, const cons *c, int top)
{
    if (pushdown <= 0 || c->col < 0 || c->col >= t->ncols)
        return 0;
    const p1_table_src *ts = p1_table_source(t);
    const p1_col_src *src = &ts->src[c->col];
    if (!src->json_path)
        return 0;
    if (ts->parent_col >= 0 && (c->col == ts->id_col || strcmp(src->json_path, "id") == 0))
        return 0; /* child listings are never filtered by id */
    if (pushdown == 1 && !(c->col == ts->id_col && (c->op == CONS_EQ || c->op == CONS_IN)))
        return 0;
    unsigned need;
    switch (c->op) {
    case CONS_EQ: case CONS_IN: need = P1_OP_EQ; break;
    case CONS_PREFIX: need = P1_OP_SW; break;
    case CONS_SUFFIX: need = P1_OP_EW; break;
    case CONS_NE: need = P1_OP_NE; break;
    case CONS_LT: need = P1_OP_LT; break;
    case CONS_LE: need = P1_OP_LE; break;
    case CONS_GT: need = P1_OP_GT; break;
    case CONS_GE: need = P1_OP_GE; break;
    default: return 0;
    }
    if (!(src->ops & need))
        return 0;
    if ((src->ops & P1_OP_ONE) && c->op == CONS_IN && c->nvals > 1)
        return 0; /* one term only: no `or` chain */
    enum sqltype ct = t->cols[c->col].type;
    if (ct == SQLT_BOOL && c->op != CONS_EQ && c->op != CONS_IN)
        return 0;
    if (c->nvals < 1 || (c->op != CONS_IN && c->nvals != 1))
        return 0;
    if (c->op == CONS_IN && !top && c->nvals > SCIM_IN_CHUNK)
        return 0;
    for (int i = 0; i < c->nvals; i++)
        if (!value_ok(ct, &c->vals[i]))
            return 0;
    return 1;
}

void scim_unmark(cons *c)
{
    if (!c)
        return;
    c->pushed = 0;
    for (int i = 0; i < c->nkids; i++)
        scim_unmark(c->kids[i]);
}

int scim_mark(const table_def *t, int pushdown, cons *c, int top)
{
    if (c->op == CONS_AND || c->op == CONS_OR) {
        int all = c->nkids > 0;
        for (int i = 0; i < c->nkids; i++)
            if (!scim_mark(t, pushdown, c->kids[i], 0))
                all = 0;
        if (!all)
            scim_unmark(c);
        c->pushed = all;
        return all;
    }
    c->pushed = leaf_ok(t, pushdown, c, top);
    return c->pushed;
}

/** Append one comparison "attr op value". */
static int render_cmp(const table_def *t, const cons *c, const char *op, const sql_value *v, strbuf *sb)
{
    const p1_col_src *src = &p1_table_source(t)->src[c->col];
    if (sb_printf(sb, "%s %s ", src->json_path, op) < 0)
        return -1;
    if (t->cols[c->col].type == SQLT_TIMESTAMP) {
        int y, mo, d, h, mi, se, f;
        ts_split(ts_value(v), &y, &mo, &d, &h, &mi, &se, &f);
        return sb_printf(sb, "\"%04d-%02d-%02dT%02d:%02d:%02d.%03dZ\"", y, mo, d, h, mi, se, f);
    }
    if (v->type == SQLT_TEXT)
        return scim_quote(sb, v->u.s.ptr, v->u.s.len);
    return sb_append(sb, v->u.i ? "\"true\"" : "\"false\"");
}

int scim_render(const table_def *t, const cons *c, int from, int to, strbuf *sb)
{
    switch (c->op) {
    case CONS_AND:
    case CONS_OR:
        if (c->nkids == 1)
            return scim_render(t, c->kids[0], 0, c->kids[0]->nvals, sb);
        if (sb_append_char(sb, '(') < 0)
            return -1;
        for (int i = 0; i < c->nkids; i++) {
            if (i && sb_append(sb, c->op == CONS_AND ? " and " : " or ") < 0)
                return -1;
            if (scim_render(t, c->kids[i], 0, c->kids[i]->nvals, sb) < 0)
                return -1;
        }
        return sb_append_char(sb, ')');
    case CONS_IN:
        if (to - from == 1)
            return render_cmp(t, c, "eq", &c->vals[from], sb);
        if (sb_append_char(sb, '(') < 0)
            return -1;
        for (int i = from; i < to; i++) {
            if (i > from && sb_append(sb, " or ") < 0)
                return -1;
            if (render_cmp(t, c, "eq", &c->vals[i], sb) < 0)
                return -1;
        }
        return sb_append_char(sb, ')');
    case CONS_EQ:
        return render_cmp(t, c, "eq", &c->vals[0], sb);
    case CONS_PREFIX:
        return render_cmp(t, c, "sw", &c->vals[0], sb);
    case CONS_SUFFIX:
        return render_cmp(t, c, "ew", &c->vals[0], sb);
    case CONS_NE:
        return render_cmp(t, c, "ne", &c->vals[0], sb);
    case CONS_LT:
        return render_cmp(t, c, "lt", &c->vals[0], sb);
    case CONS_LE:
        return render_cmp(t, c, "le", &c->vals[0], sb);
    case CONS_GT:
        return render_cmp(t, c, "gt", &c->vals[0], sb);
    case CONS_GE:
        return render_cmp(t, c, "ge", &c->vals[0], sb);
    default:
        return -1;
    }
}

int scim_has_text(const table_def *t, const cons *c)
{
    if (c->op == CONS_AND || c->op == CONS_OR) {
        for (int i = 0; i < c->nkids; i++)
            if (scim_has_text(t, c->kids[i]))
                return 1;
        return 0;
    }
    return c->col >= 0 && c->col < t->ncols && t->cols[c->col].type == SQLT_TEXT;
}
