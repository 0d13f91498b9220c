/** @file fake_provider.c  In-memory provider for SQL engine tests (see fake_provider.h). */
#include "tests/unit/fake_provider.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "sql/cons.h"
#include "sql/engine.h"

static const table_col user_cols[] = {
    { "Id", SQLT_TEXT, 36, 0, "User ID" },
    { "Username", SQLT_TEXT, 128, 0, NULL },
    { "Email", SQLT_TEXT, 256, 1, NULL },
    { "Age", SQLT_INT, 10, 1, NULL },
    { "Enabled", SQLT_BOOL, 0, 0, NULL },
    { "Created", SQLT_TIMESTAMP, 0, 1, NULL },
    { "Score", SQLT_DOUBLE, 0, 1, NULL },
    { "Nickname", SQLT_TEXT, 64, 1, NULL },
};
static const int user_pk[] = { 0 };
static const table_col group_cols[] = {
    { "Id", SQLT_TEXT, 36, 0, NULL },
    { "Name", SQLT_TEXT, 128, 0, NULL },
    { "MemberCount", SQLT_INT, 10, 1, NULL },
};
static const table_col memb_cols[] = {
    { "UserId", SQLT_TEXT, 36, 0, NULL },
    { "GroupId", SQLT_TEXT, 36, 0, NULL },
};
static const int memb_pk[] = { 0, 1 };
static const table_def tables[] = {
    { NULL, "env1", "Users", "TABLE", "People", 8, user_cols, 1, user_pk, NULL, 0, NULL },
    { NULL, "env1", "Groups", "TABLE", NULL, 3, group_cols, 1, user_pk, NULL, 0, NULL },
    { NULL, "env1", "Memberships", "TABLE", NULL, 2, memb_cols, 2, memb_pk, NULL, 0, NULL },
};
#define NTABLES 3
static const struct { const char *user, *group; } membs[] = {
    { "u1", "g1" }, { "u1", "g3" }, { "u2", "g2" }, { "u4", "g1" }, { "u7", "g3" },
};
#define NMEMBS 5

static const proc_param echo_in[] = {
    { "Text", SQLT_TEXT, 100, 1, NULL },
    { "Times", SQLT_INT, 10, 0, NULL },
};
static const table_col echo_out[] = {
    { "N", SQLT_INT, 10, 0, NULL },
    { "Text", SQLT_TEXT, 100, 1, NULL },
};
static const proc_def echo_proc = { "env1", "Echo", "Repeats Text", 2, echo_in, 2, echo_out };

/** Raw row text: NULL pointer for SQL NULL; typed per column. */
typedef struct urow {
    const char *id, *username, *email;
    int         has_age;
    long        age;
    int         enabled;
    const char *created;
    int         has_score;
    double      score;
    const char *nickname;
} urow;

static const urow users[] = {
    { "u1", "alice", "alice@example.com", 1, 30, 1, "2024-01-15T10:00:00Z", 1, 4.5, "Al" },
    { "u2", "Alice", "ALICE@EXAMPLE.COM", 1, 25, 0, "2024-02-01T00:00:00Z", 1, 3.0, NULL },
    { "u3", "bob", NULL, 0, 0, 1, "2023-12-31T23:59:59Z", 0, 0, "Bobby" },
    { "u4", "carol", "carol@example.org", 1, 41, 1, NULL, 1, 5.0, "it's" },
    { "u5", "dave_x", "dave@example.com", 1, 30, 0, "2024-03-10T12:30:00Z", 1, 2.25, NULL },
    { "u6", "Zoë", "zoe@example.com", 1, 19, 1, "2024-01-15T10:00:00.500Z", 0, 0, "Zo%" },
    { "u7", "bobcat", "bob@cat.example", 1, 52, 1, "2022-06-01T08:00:00Z", 1, 1.5, NULL },
};
#define NUSERS ((int)(sizeof users / sizeof users[0]))

static const struct { const char *id, *name; int has; long n; } groups[] = {
    { "g1", "Admins", 1, 2 }, { "g2", "admins", 1, 5 }, { "g3", "Staff", 0, 0 },
};
#define NGROUPS 3

typedef struct fake_scan {
    fake_provider   *fp;
    const table_def *t;
    cons            *where;   /**< borrowed from the plan */
    int              pos;
    long             returned;
    long             requests;
    int              cancelled; /**< set by fp_cancel (guarded by fp->mu) */
} fake_scan;

/** Fill a row of table t at index i. */
static void fill(const table_def *t, int i, sql_value *row)
{
    if (t == &tables[0]) {
        const urow *u = &users[i];
        sqlval_set_text(&row[0], u->id);
        sqlval_set_text(&row[1], u->username);
        if (u->email)
            sqlval_set_text(&row[2], u->email);
        if (u->has_age)
            sqlval_set_int(&row[3], u->age);
        sqlval_set_bool(&row[4], u->enabled);
        int64_t ms;
        if (u->created && ts_parse_iso8601(u->created, &ms) == 0)
            sqlval_set_timestamp(&row[5], ms);
        if (u->has_score)
            sqlval_set_double(&row[6], u->score);
        if (u->nickname)
            sqlval_set_text(&row[7], u->nickname);
    } else if (t == &tables[2]) {
        sqlval_set_text(&row[0], membs[i].user);
        sqlval_set_text(&row[1], membs[i].group);
    } else {
        sqlval_set_text(&row[0], groups[i].id);
        sqlval_set_text(&row[1], groups[i].name);
        if (groups[i].has)
            sqlval_set_int(&row[2], groups[i].n);
    }
}

static int nrows_of(const table_def *t)
{
    return t == &tables[0] ? NUSERS : t == &tables[2] ? NMEMBS : NGROUPS;
}

/** Case-insensitive compare of text, or ordinary compare of other values. */
static int vcmp(const sql_value *a, const sql_value *b)
{
    if (a->type == SQLT_TEXT && b->type == SQLT_TEXT)
        return strcasecmp(a->u.s.ptr, b->u.s.ptr);
    if (a->type == SQLT_DOUBLE || b->type == SQLT_DOUBLE) {
        double x = a->type == SQLT_DOUBLE ? a->u.d : (double)a->u.i;
        double y = b->type == SQLT_DOUBLE ? b->u.d : (double)b->u.i;
        return x < y ? -1 : x > y;
    }
    return a->u.i < b->u.i ? -1 : a->u.i > b->u.i;
}

static int ci_prefix(const char *s, const char *p) { return strncasecmp(s, p, strlen(p)) == 0; }

static int ci_contains(const char *s, const char *p)
{
    size_t n = strlen(s), m = strlen(p);
    for (size_t i = 0; i + m <= n; i++)
        if (strncasecmp(s + i, p, m) == 0)
            return 1;
    return 0;
}

/** Does row satisfy the pushed part of c (case-insensitively)? */
static int matches(const cons *c, const sql_value *row)
{
    if (c->op == CONS_AND) {
        for (int i = 0; i < c->nkids; i++)
            if ((c->kids[i]->pushed || c->kids[i]->op == CONS_AND) && !matches(c->kids[i], row))
                return 0;
        return 1;
    }
    if (!c->pushed)
        return 1;
    if (c->op == CONS_OR) {
        for (int i = 0; i < c->nkids; i++)
            if (matches(c->kids[i], row))
                return 1;
        return 0;
    }
    const sql_value *v = &row[c->col];
    if (c->op == CONS_ISNULL)
        return v->type == SQLT_NULL;
    if (c->op == CONS_NOTNULL)
        return v->type != SQLT_NULL;
    if (v->type == SQLT_NULL)
        return 0;
    switch (c->op) {
    case CONS_EQ: return vcmp(v, &c->vals[0]) == 0;
    case CONS_NE: return vcmp(v, &c->vals[0]) != 0;
    case CONS_LT: return vcmp(v, &c->vals[0]) < 0;
    case CONS_LE: return vcmp(v, &c->vals[0]) <= 0;
    case CONS_GT: return vcmp(v, &c->vals[0]) > 0;
    case CONS_GE: return vcmp(v, &c->vals[0]) >= 0;
    case CONS_PREFIX: return ci_prefix(v->u.s.ptr, c->vals[0].u.s.ptr);
    case CONS_SUFFIX: {
        size_t n = v->u.s.len, m = c->vals[0].u.s.len;
        return n >= m && strcasecmp(v->u.s.ptr + n - m, c->vals[0].u.s.ptr) == 0;
    }
    case CONS_CONTAINS: return ci_contains(v->u.s.ptr, c->vals[0].u.s.ptr);
    case CONS_IN:
        for (int i = 0; i < c->nvals; i++)
            if (vcmp(v, &c->vals[i]) == 0)
                return 1;
        return 0;
    default: return 1;
    }
}

/** Mark what this fake can push; returns 1 if the node is fully pushed. */
static int mark(cons *c, const table_def *t, int level)
{
    if (c->op == CONS_AND || c->op == CONS_OR) {
        int all = 1;
        for (int i = 0; i < c->nkids; i++)
            all &= mark(c->kids[i], t, level);
        if (c->op == CONS_OR && !all)
            for (int i = 0; i < c->nkids; i++)
                c->kids[i]->pushed = 0; /* an OR is pushed whole or not at all */
        c->pushed = all;
        return all;
    }
    const char *col = t->cols[c->col].name;
    /* matching text case-insensitively, <> and ranges on text would drop rows: not pushed */
    int text_unsafe = t->cols[c->col].type == SQLT_TEXT &&
                      (c->op == CONS_NE || c->op == CONS_LT || c->op == CONS_LE || c->op == CONS_GT ||
                       c->op == CONS_GE);
    if (level == 2)
        c->pushed = strcmp(col, "Nickname") != 0 && !text_unsafe;
    else if (level == 1)
        c->pushed = strcmp(col, "Id") == 0 && (c->op == CONS_EQ || c->op == CONS_IN);
    else
        c->pushed = 0;
    return c->pushed;
}

/** Clear OR kids' marks inside unpushed ORs (deep). */
static void unmark_or(cons *c)
{
    if (c->op == CONS_OR && !c->pushed)
        for (int i = 0; i < c->nkids; i++) {
            c->kids[i]->pushed = 0;
            unmark_or(c->kids[i]);
            if (c->kids[i]->op == CONS_AND || c->kids[i]->op == CONS_OR)
                for (int k = 0; k < c->kids[i]->nkids; k++)
                    c->kids[i]->kids[k]->pushed = 0;
        }
    for (int i = 0; i < c->nkids; i++)
        unmark_or(c->kids[i]);
}

static int fp_table_count(provider *p) { (void)p; return NTABLES; }
static const table_def *fp_table_at(provider *p, int i) { (void)p; return i >= 0 && i < NTABLES ? &tables[i] : NULL; }

static const table_def *fp_find(provider *p, const char *schema, const char *name, err *e)
{
    (void)p;
    if (!schema || strcasecmp(schema, "env1") == 0)
        for (int i = 0; i < NTABLES; i++)
            if (strcasecmp(tables[i].name, name) == 0)
                return &tables[i];
    err_set(e, "42S02", "Table '%s%s%s' does not exist.", schema ? schema : "", schema ? "." : "", name);
    return NULL;
}

static int fp_plan(provider *p, scan_plan *plan, err *e)
{
    fake_provider *fp = (fake_provider *)p;
    fp->plans++;
    strbuf sb;
    sb_init(&sb);
    if (plan->where) {
        mark(plan->where, plan->table, plan->pushdown);
        unmark_or(plan->where);
        cons_print(plan->where, plan->table, 0, &sb);
    }
    free(fp->last_cons);
    fp->last_cons = sb_steal(&sb);
    if (plan->where)
        cons_print(plan->where, plan->table, 1, &sb);
    free(fp->last_pushed);
    fp->last_pushed = sb_steal(&sb);
    fp->last_limit = plan->limit;
    plan->exact = fp->exact_when_pushed && (!plan->where || plan->where->pushed);
    if (plan->table == &tables[2]) {
        /* like UserGroupAssociations: only listed per user */
        cons *key = NULL;
        cons *top = plan->where;
        int n = top ? (top->op == CONS_AND ? top->nkids : 1) : 0;
        for (int i = 0; i < n && !key; i++) {
            cons *c = top->op == CONS_AND ? top->kids[i] : top;
            if (c->col == 0 && (c->op == CONS_EQ || c->op == CONS_IN) && !c->nkids)
                key = c;
        }
        if (!key)
            return err_set(e, "0A000", "Memberships needs a UserId condition.");
        key->pushed = 1;
    }
    plan->est_requests = 1 + nrows_of(plan->table) / 2;
    plan->est_rows = nrows_of(plan->table);
    plan->explain = strdup("GET /fake/Users?filter=...");
    return 0;
}

static int fp_open(provider *p, scan_plan *plan, scan **out, err *e)
{
    fake_provider *fp = (fake_provider *)p;
    if (fp->fail_open)
        return err_set_native(e, "08S01", 503, "The fake service is unavailable.");
    fake_scan *s = calloc(1, sizeof *s);
    if (!s)
        return err_set(e, "HY001", "oom");
    s->fp = fp;
    s->t = plan->table;
    s->where = plan->where;
    s->requests = 1;
    fp->opens++;
    {
        strbuf sb;
        sb_init(&sb);
        sb_printf(&sb, "%s%s%s", fp->scans ? fp->scans : "", fp->scans ? "," : "", plan->table->name);
        if (plan->where && plan->where->op == CONS_IN)
            sb_printf(&sb, "(%d keys)", plan->where->nvals);
        else if (plan->where && plan->where->op == CONS_AND)
            for (int i = 0; i < plan->where->nkids; i++)
                if (plan->where->kids[i]->op == CONS_IN)
                    sb_printf(&sb, "(%d keys)", plan->where->kids[i]->nvals);
        free(fp->scans);
        fp->scans = sb_steal(&sb);
    }
    *out = (scan *)s;
    return 0;
}

/** 1 once s was cancelled (any thread). */
static int is_cancelled(fake_scan *s)
{
    pthread_mutex_lock(&s->fp->mu);
    int c = s->cancelled;
    pthread_mutex_unlock(&s->fp->mu);
    return c;
}

/** The error of a cancelled scan (as PingOne's scan reports it). */
static int fail_cancelled(fake_scan *s, err *e)
{
    return err_set(e, "HY008", "Reading %s was cancelled.", s->t->name);
}

/** Block until s is cancelled (at most 30 s). 1 cancelled, 0 not. */
static int block_until_cancelled(fake_scan *s)
{
    fake_provider *fp = s->fp;
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += 30;
    pthread_mutex_lock(&fp->mu);
    fp->blocked = 1;
    pthread_cond_broadcast(&fp->cv);
    int rc = 0;
    while (!s->cancelled && rc == 0)
        rc = pthread_cond_timedwait(&fp->cv, &fp->mu, &until);
    fp->blocked = 0;
    int c = s->cancelled;
    pthread_mutex_unlock(&fp->mu);
    return c;
}

int fake_provider_wait_blocked(fake_provider *fp)
{
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += 30;
    pthread_mutex_lock(&fp->mu);
    int rc = 0;
    while (!fp->blocked && rc == 0)
        rc = pthread_cond_timedwait(&fp->cv, &fp->mu, &until);
    int b = fp->blocked;
    pthread_mutex_unlock(&fp->mu);
    return b;
}

static int fp_next(scan *sc, sql_value *row, err *e)
{
    fake_scan *s = (fake_scan *)sc;
    fake_provider *fp = s->fp;
    fp->next_calls++;
    if (is_cancelled(s))
        return fail_cancelled(s, e);
    if (fp->hook && fp->hook_table && strcmp(fp->hook_table, s->t->name) == 0 &&
        ++fp->hook_calls == fp->hook_after) {
        fp->hook(fp->hook_arg);
        if (fp->hook_fail_current && is_cancelled(s))
            return fail_cancelled(s, e);
    }
    if (fp->block_table && strcmp(fp->block_table, s->t->name) == 0 && ++fp->block_calls == fp->block_after) {
        if (!block_until_cancelled(s))
            return err_set(e, "HY000", "The blocked read of %s was never cancelled.", s->t->name);
        return fail_cancelled(s, e);
    }
    if (s->pos == 0)
        fp->pages++; /* the first page */
    while (s->pos < nrows_of(s->t)) {
        int i = s->pos++;
        if (i > 0 && i % 2 == 0) {
            s->requests++; /* a new page of 2 rows */
            fp->pages++;
        }
        fill(s->t, i, row);
        if (!s->where || matches(s->where, row)) {
            s->returned++;
            s->fp->rows_returned++;
            return 1;
        }
        for (int k = 0; k < s->t->ncols; k++)
            sqlval_clear(&row[k]);
    }
    return 0;
}

static long fp_requests(scan *sc) { return ((fake_scan *)sc)->requests; }

/** cancel (any thread): the scan's following next() fails with HY008; wakes a blocked next(). */
static void fp_cancel(scan *sc)
{
    fake_scan *s = (fake_scan *)sc;
    fake_provider *fp = s->fp;
    pthread_mutex_lock(&fp->mu);
    s->cancelled = 1;
    fp->cancels++;
    strbuf sb;
    sb_init(&sb);
    sb_printf(&sb, "%s%s%s", fp->cancelled ? fp->cancelled : "", fp->cancelled ? "," : "", s->t->name);
    free(fp->cancelled);
    fp->cancelled = sb_steal(&sb);
    pthread_cond_broadcast(&fp->cv);
    pthread_mutex_unlock(&fp->mu);
}

static void fp_close(scan *sc)
{
    fake_scan *s = (fake_scan *)sc;
    s->fp->closes++;
    s->fp->last_requests = s->requests;
    free(s);
}

static void fp_free_plan(provider *p, scan_plan *plan)
{
    (void)p;
    free(plan->explain);
    plan->explain = NULL;
}

static void fp_destroy(provider *p)
{
    fake_provider *fp = (fake_provider *)p;
    free(fp->last_cons);
    free(fp->last_pushed);
    free(fp->scans);
    free(fp->cancelled);
    pthread_mutex_destroy(&fp->mu);
    pthread_cond_destroy(&fp->cv);
    free(fp);
}

/** count: only when exact_when_pushed; one request; counts matching rows. */
static int fp_count(provider *p, scan_plan *plan, int64_t *n, long *requests, err *e)
{
    fake_provider *fp = (fake_provider *)p;
    fp->count_calls++;
    if (!fp->exact_when_pushed)
        return 0;
    *requests = 1;
    int64_t c = 0;
    sql_value row[8] = { { 0 } };
    for (int i = 0; i < nrows_of(plan->table); i++) {
        fill(plan->table, i, row);
        if (!plan->where || matches(plan->where, row))
            c++;
        for (int k = 0; k < 8; k++)
            sqlval_clear(&row[k]);
    }
    (void)e;
    *n = c;
    return 1;
}

static int fp_proc_count(provider *p) { (void)p; return 1; }
static const proc_def *fp_proc_at(provider *p, int i) { (void)p; return i == 0 ? &echo_proc : NULL; }

/** Echo: Times rows (N, Text); Times < 0 fails with 22023. */
static int fp_call(provider *p, const proc_def *proc, const sql_value *args, struct sql_result **out, err *e)
{
    (void)p;
    int64_t times = args[1].type == SQLT_INT ? args[1].u.i : 1;
    if (times < 0)
        return err_set(e, "22023", "Times must not be negative.");
    sql_colinfo cols[2];
    memset(cols, 0, sizeof cols);
    for (int c = 0; c < 2; c++) {
        cols[c].name = (char *)proc->out[c].name;
        cols[c].base_name = cols[c].table = cols[c].schema = (char *)"";
        cols[c].type = proc->out[c].type;
        cols[c].size = proc->out[c].size;
        cols[c].nullable = proc->out[c].nullable;
    }
    struct sql_result *r = memresult_new(2, cols);
    if (!r)
        return err_set(e, "HY001", "oom");
    for (int64_t i = 0; i < times; i++) {
        sql_value v[2] = { { 0 } };
        sqlval_set_int(&v[0], i + 1);
        sqlval_copy(&v[1], &args[0]);
        memresult_add_row(r, v);
    }
    *out = r;
    return 0;
}

static const struct provider_ops fake_ops = {
    fp_table_count, fp_table_at, fp_find, fp_plan, fp_open, fp_next, fp_requests, fp_close,
    fp_free_plan, fp_destroy, fp_count, fp_cancel, fp_proc_count, fp_proc_at, fp_call
};

fake_provider *fake_provider_new(void)
{
    fake_provider *fp = calloc(1, sizeof *fp);
    if (fp) {
        fp->base.ops = &fake_ops;
        pthread_mutex_init(&fp->mu, NULL);
        pthread_cond_init(&fp->cv, NULL);
    }
    return fp;
}
