/* Unit tests: SCIM filter text, pushability rules, PushDown levels and request planning. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pingone/catalog.h"
#include "pingone/plan.h"
#include "pingone/scim_filter.h"
#include "tests/tap.h"

/* ---- tiny constraint-tree builders (leak freely: test process) ---- */
/* every cons built by a test is kept here and freed at the end (sanitizer-clean) */
static cons *arena[4096];
static int narena;

static cons *track(cons *c)
{
    if (narena < (int)(sizeof arena / sizeof arena[0]))
        arena[narena++] = c;
    return c;
}

static void free_arena(void)
{
    for (int i = 0; i < narena; i++) {
        for (int j = 0; j < arena[i]->nvals; j++)
            sqlval_clear(&arena[i]->vals[j]);
        free(arena[i]->vals);
        free(arena[i]->kids);
        free(arena[i]);
    }
    narena = 0;
}

static cons *leaf(enum cons_op op, int col, int nvals, ...)
{
    cons *c = track(calloc(1, sizeof *c));
    c->op = op;
    c->col = col;
    c->nvals = nvals;
    c->vals = calloc((size_t)(nvals ? nvals : 1), sizeof *c->vals);
    va_list ap;
    va_start(ap, nvals);
    for (int i = 0; i < nvals; i++)
        sqlval_set_text(&c->vals[i], va_arg(ap, const char *));
    va_end(ap);
    return c;
}

static cons *bool_eq(int col, int b)
{
    cons *c = leaf(CONS_EQ, col, 0);
    c->nvals = 1;
    sqlval_set_bool(&c->vals[0], b);
    return c;
}

static cons *node(enum cons_op op, int nkids, ...)
{
    cons *c = track(calloc(1, sizeof *c));
    c->op = op;
    c->col = -1; /* as cons_group makes them */
    c->nkids = nkids;
    c->kids = calloc((size_t)nkids, sizeof *c->kids);
    va_list ap;
    va_start(ap, nkids);
    for (int i = 0; i < nkids; i++)
        c->kids[i] = va_arg(ap, cons *);
    va_end(ap);
    return c;
}

static cons *in_many(int col, int n, const char *fmt)
{
    cons *c = leaf(CONS_IN, col, 0);
    c->nvals = n;
    free(c->vals);
    c->vals = calloc((size_t)n, sizeof *c->vals);
    for (int i = 0; i < n; i++) {
        char buf[64];
        snprintf(buf, sizeof buf, fmt, i);
        sqlval_set_text(&c->vals[i], buf);
    }
    return c;
}

/* Users column indexes */
enum { U_ID = 0, U_USERNAME = 1, U_EMAIL = 2, U_FIRST = 3, U_LAST = 5, U_POP = 8, U_ENABLED = 9,
       U_CREATED = 10, U_LIFECYCLE = 20 };

static const table_def *table(const char *name)
{
    for (int i = 0; i < p1_catalog_count(); i++)
        if (strcmp(p1_catalog_table(i)->name, name) == 0)
            return p1_catalog_table(i);
    return NULL;
}

/* Plan a where tree for a table; returns the plan (caller frees with p1_plan_free). */
static int do_plan(scan_plan *sp, const char *tname, cons *where, int pushdown, int64_t limit, err *e)
{
    memset(sp, 0, sizeof *sp);
    sp->table = table(tname);
    sp->where = where;
    sp->limit = limit;
    sp->pushdown = pushdown;
    err_clear(e);
    return p1_plan_build("https://api.example.test/v1", "env-1", 1000, sp, e);
}

static const char *first_filter(scan_plan *sp)
{
    p1_plan *pp = sp->priv;
    return pp ? pp->filter : NULL;
}

static void test_quote(void)
{
    strbuf sb;
    sb_init(&sb);
    scim_quote(&sb, "user0042", 8);
    is_str(sb.data, "\"user0042\"", "plain value quoted");
    sb_reset(&sb);
    const char *inj = "x\" or username sw \"u";
    scim_quote(&sb, inj, strlen(inj));
    is_str(sb.data, "\"x\\\" or username sw \\\"u\"", "injection attempt stays inside the string");
    sb_reset(&sb);
    scim_quote(&sb, "quote\"back\\slash", 16);
    is_str(sb.data, "\"quote\\\"back\\\\slash\"", "quote and backslash escaped");
    sb_reset(&sb);
    scim_quote(&sb, "a\nb\tc\x01\x7f", 7);
    is_str(sb.data, "\"a\\u000ab\\u0009c\\u0001\\u007f\"", "control characters as \\u00XX");
    sb_reset(&sb);
    scim_quote(&sb, "Zo\xc3\xab \xf0\x9f\x98\x80", 9);
    is_str(sb.data, "\"Zo\xc3\xab \xf0\x9f\x98\x80\"", "UTF-8 (incl. non-BMP) passes unchanged");
    sb_free(&sb);
}

static void test_simple_filters(void)
{
    scan_plan sp;
    err e;
    cons *w = leaf(CONS_EQ, U_USERNAME, 1, "user0042");
    ok(do_plan(&sp, "Users", w, 2, -1, &e) == 0, "plan Username = 'user0042'");
    is_str(first_filter(&sp), "username eq \"user0042\"", "eq filter");
    ok(w->pushed, "leaf marked pushed");
    is_int(sp.exact, 0, "text comparison pushed -> not exact");
    p1_plan *pp = sp.priv;
    is_int(pp->nreqs, 1, "one request");
    is_str(pp->reqs[0].url,
           "https://api.example.test/v1/environments/env-1/users?filter=username%20eq%20%22user0042%22&limit=1000",
           "request URL encoded");
    is_str(sp.explain, "GET /environments/{env}/users?filter=username eq \"user0042\"&limit=1000", "explain");
    p1_plan_free(&sp);

    w = leaf(CONS_EQ, U_USERNAME, 1, "x\" or username sw \"u");
    do_plan(&sp, "Users", w, 2, -1, &e);
    is_str(first_filter(&sp), "username eq \"x\\\" or username sw \\\"u\"", "injection literal escaped in filter");
    p1_plan_free(&sp);

    w = leaf(CONS_PREFIX, U_USERNAME, 1, "user00");
    do_plan(&sp, "Users", w, 2, -1, &e);
    is_str(first_filter(&sp), "username sw \"user00\"", "PREFIX -> sw");
    p1_plan_free(&sp);

    w = leaf(CONS_SUFFIX, U_EMAIL, 1, "@example.com");
    do_plan(&sp, "Users", w, 2, -1, &e);
    is_str(first_filter(&sp), "email ew \"@example.com\"", "SUFFIX on email -> ew");
    p1_plan_free(&sp);

    w = leaf(CONS_SUFFIX, U_USERNAME, 1, "42");
    do_plan(&sp, "Users", w, 2, -1, &e);
    ok(!w->pushed && first_filter(&sp) == NULL, "SUFFIX on username not pushed (ew not allowed)");
    p1_plan_free(&sp);

    w = leaf(CONS_SUFFIX, U_LAST, 1, "son");
    do_plan(&sp, "Users", w, 2, -1, &e);
    is_str(first_filter(&sp), "name.family ew \"son\"", "SUFFIX on LastName -> name.family ew");
    p1_plan_free(&sp);

    w = leaf(CONS_CONTAINS, U_EMAIL, 1, "x");
    do_plan(&sp, "Users", w, 2, -1, &e);
    ok(!w->pushed, "CONTAINS never pushed");
    p1_plan_free(&sp);

    w = leaf(CONS_NE, U_USERNAME, 1, "x");
    do_plan(&sp, "Users", w, 2, -1, &e);
    ok(!w->pushed, "NE never pushed on users");
    p1_plan_free(&sp);

    w = leaf(CONS_GT, U_CREATED, 1, "2024-01-01");
    do_plan(&sp, "Users", w, 2, -1, &e);
    ok(!w->pushed, "timestamps not pushed on users");
    p1_plan_free(&sp);

    w = leaf(CONS_EQ, U_LIFECYCLE, 1, "ACCOUNT_OK");
    do_plan(&sp, "Users", w, 2, -1, &e);
    ok(!w->pushed, "lifecycle.status not filterable");
    p1_plan_free(&sp);

    w = bool_eq(U_ENABLED, 1);
    do_plan(&sp, "Users", w, 2, 10, &e);
    is_str(first_filter(&sp), "enabled eq \"true\"", "boolean sent quoted");
    is_int(sp.exact, 1, "boolean-only filter is exact");
    pp = sp.priv;
    is_int(pp->page_limit, 10, "exact + LIMIT 10 -> limit=10");
    p1_plan_free(&sp);

    w = leaf(CONS_EQ, U_USERNAME, 1, "");
    do_plan(&sp, "Users", w, 2, -1, &e);
    ok(!w->pushed, "empty string not pushed");
    p1_plan_free(&sp);
}

static void test_and_or(void)
{
    scan_plan sp;
    err e;
    cons *a = leaf(CONS_PREFIX, U_USERNAME, 1, "u");
    cons *b = leaf(CONS_CONTAINS, U_EMAIL, 1, "x");
    cons *c = leaf(CONS_EQ, U_POP, 1, "p1");
    cons *w = node(CONS_AND, 3, a, b, c);
    do_plan(&sp, "Users", w, 2, 5, &e);
    is_str(first_filter(&sp), "username sw \"u\" and population.id eq \"p1\"", "AND pushes its pushable kids");
    ok(a->pushed && !b->pushed && c->pushed && !w->pushed, "marks: a, c pushed; b and the AND not");
    is_int(sp.exact, 0, "partial push -> not exact");
    is_int(((p1_plan *)sp.priv)->page_limit, 1000, "not exact -> page size unchanged by LIMIT");
    p1_plan_free(&sp);

    a = leaf(CONS_EQ, U_USERNAME, 1, "a");
    b = leaf(CONS_EQ, U_EMAIL, 1, "b@x");
    w = node(CONS_OR, 2, a, b);
    do_plan(&sp, "Users", w, 2, -1, &e);
    is_str(first_filter(&sp), "(username eq \"a\" or email eq \"b@x\")", "OR of pushables in parentheses");
    ok(w->pushed && a->pushed && b->pushed, "OR marked pushed");
    is_int(sp.exact, 0, "OR of text comparisons pushed -> not exact (PingOne matches case-insensitively)");
    p1_plan_free(&sp);

    a = leaf(CONS_EQ, U_USERNAME, 1, "a");
    w = node(CONS_OR, 2, a, bool_eq(U_ENABLED, 0));
    do_plan(&sp, "Users", w, 2, -1, &e);
    ok(w->pushed, "OR of text and boolean pushed");
    is_int(sp.exact, 0, "... not exact: its text side is case-insensitive");
    p1_plan_free(&sp);

    w = node(CONS_OR, 2, bool_eq(U_ENABLED, 0), bool_eq(U_ENABLED, 1));
    do_plan(&sp, "Users", w, 2, -1, &e);
    is_int(sp.exact, 1, "OR of boolean tests only -> exact");
    p1_plan_free(&sp);

    a = leaf(CONS_EQ, U_USERNAME, 1, "a");
    b = leaf(CONS_EQ, U_LIFECYCLE, 1, "ACCOUNT_OK");
    w = node(CONS_OR, 2, a, b);
    do_plan(&sp, "Users", w, 2, -1, &e);
    ok(!w->pushed && !a->pushed && !b->pushed && first_filter(&sp) == NULL,
       "OR with an unpushable kid pushes nothing");
    p1_plan_free(&sp);

    a = leaf(CONS_EQ, U_FIRST, 1, "Ann");
    b = leaf(CONS_EQ, U_LAST, 1, "Lee");
    c = leaf(CONS_EQ, U_USERNAME, 1, "z");
    cons *d = leaf(CONS_IN, U_EMAIL, 2, "a@x", "b@x");
    w = node(CONS_AND, 2, node(CONS_OR, 2, node(CONS_AND, 2, a, b), c), d);
    do_plan(&sp, "Users", w, 2, -1, &e);
    is_str(first_filter(&sp),
           "((name.given eq \"Ann\" and name.family eq \"Lee\") or username eq \"z\") and "
           "(email eq \"a@x\" or email eq \"b@x\")", "nested AND/OR/IN");
    ok(w->pushed, "everything pushed -> top AND pushed");
    p1_plan_free(&sp);
}

static void test_pushdown_levels(void)
{
    scan_plan sp;
    err e;
    cons *a = leaf(CONS_EQ, U_USERNAME, 1, "user0042");
    do_plan(&sp, "Users", a, 0, -1, &e);
    ok(!a->pushed && first_filter(&sp) == NULL, "PushDown None: nothing pushed");
    p1_plan_free(&sp);
    do_plan(&sp, "Users", a, 1, -1, &e);
    ok(!a->pushed && first_filter(&sp) == NULL, "PushDown KeysOnly: Username not pushed");
    p1_plan_free(&sp);

    cons *id = leaf(CONS_EQ, U_ID, 1, "0f0e0d0c-0000-4000-8000-000000000001");
    do_plan(&sp, "Users", id, 1, -1, &e);
    p1_plan *pp = sp.priv;
    ok(id->pushed && pp->nreqs == 1 && pp->reqs[0].single, "KeysOnly: Id = x -> single GET");
    is_str(pp->reqs[0].url, "https://api.example.test/v1/environments/env-1/users/0f0e0d0c-0000-4000-8000-000000000001",
           "single GET URL");
    p1_plan_free(&sp);
    do_plan(&sp, "Users", id, 0, -1, &e);
    pp = sp.priv;
    ok(!id->pushed && pp->nreqs == 1 && !pp->reqs[0].single, "None: Id = x -> full listing");
    p1_plan_free(&sp);

    cons *ids = leaf(CONS_IN, U_ID, 3, "a", "b", "a");
    cons *u = leaf(CONS_EQ, U_USERNAME, 1, "q");
    cons *w = node(CONS_AND, 2, u, ids);
    do_plan(&sp, "Users", w, 2, -1, &e);
    pp = sp.priv;
    ok(ids->pushed && !u->pushed && pp->nreqs == 2 && pp->reqs[0].single && pp->dedupe,
       "Id IN (a,b,a) -> 2 single GETs, other conjuncts local");
    p1_plan_free(&sp);

    ids = in_many(U_ID, 20, "id-%02d");
    do_plan(&sp, "Users", ids, 1, -1, &e);
    pp = sp.priv;
    ok(ids->pushed && pp->nreqs == 1 && !pp->reqs[0].single, "Id IN (20 values) -> one filtered listing");
    char head[36] = "";
    if (first_filter(&sp))
        snprintf(head, sizeof head, "%s", first_filter(&sp));
    is_str(head, "(id eq \"id-00\" or id eq \"id-01\" or ", "id OR chain");
    p1_plan_free(&sp);
}

static void test_in_chunks(void)
{
    scan_plan sp;
    err e;
    cons *in = in_many(U_USERNAME, 120, "user%04d");
    cons *pop = leaf(CONS_EQ, U_POP, 1, "p1");
    cons *w = node(CONS_AND, 2, pop, in);
    do_plan(&sp, "Users", w, 2, -1, &e);
    p1_plan *pp = sp.priv;
    is_int(pp->nreqs, 3, "IN of 120 values -> 3 requests");
    ok(pp->dedupe, "chunked requests deduplicate rows");
    ok(in->pushed && pop->pushed, "IN and its sibling pushed");
    const char *f = first_filter(&sp);
    ok(f && strncmp(f, "population.id eq \"p1\" and (username eq \"user0000\" or ", 52) == 0,
       "chunk filter = base and OR chain");
    int ors = 0;
    for (const char *p = f; (p = strstr(p, " or ")) != NULL; p++)
        ors++;
    is_int(ors, SCIM_IN_CHUNK - 1, "first chunk holds %d values", SCIM_IN_CHUNK);
    ok(strstr(sp.explain, "more requests") == NULL, "3 explain lines");
    p1_plan_free(&sp);

    /* case variants stay in one chunk */
    cons *cv = in_many(U_USERNAME, 60, "u%02d");
    sqlval_set_text(&cv->vals[59], "U49");
    do_plan(&sp, "Users", cv, 2, -1, &e);
    pp = sp.priv;
    is_int(pp->nreqs, 2, "60 values -> 2 requests");
    ok(strstr(pp->reqs[0].url, "%22u49%22") && strstr(pp->reqs[0].url, "%22U49%22"),
       "case variants u49/U49 in the same chunk");
    p1_plan_free(&sp);

    /* a large IN nested in an OR is not pushed */
    cons *big = in_many(U_USERNAME, 60, "n%02d");
    cons *o = node(CONS_OR, 2, big, leaf(CONS_EQ, U_EMAIL, 1, "e"));
    do_plan(&sp, "Users", o, 2, -1, &e);
    ok(!o->pushed && first_filter(&sp) == NULL, "large IN inside OR not pushed");
    p1_plan_free(&sp);
}

static void test_other_tables(void)
{
    scan_plan sp;
    err e;
    cons *w = leaf(CONS_PREFIX, 1, 1, "Sales");
    do_plan(&sp, "Populations", w, 2, -1, &e);
    is_str(first_filter(&sp), "name sw \"Sales\"", "populations: name sw");
    p1_plan_free(&sp);
    w = leaf(CONS_PREFIX, 1, 1, "Sales");
    do_plan(&sp, "Groups", w, 2, -1, &e);
    ok(!w->pushed, "groups: name sw not pushed (eq only)");
    p1_plan_free(&sp);
    w = leaf(CONS_EQ, 4, 1, "ext-1");
    do_plan(&sp, "Groups", w, 2, -1, &e);
    is_str(first_filter(&sp), "externalId eq \"ext-1\"", "groups: externalId eq");
    p1_plan_free(&sp);
    w = leaf(CONS_EQ, 2, 1, "desc");
    do_plan(&sp, "Groups", w, 2, -1, &e);
    ok(!w->pushed, "groups: description not pushed");
    p1_plan_free(&sp);

    ok(do_plan(&sp, "UserGroupAssociations", NULL, 2, -1, &e) == 0, "UGA without UserId plans a fan-out");
    {
        p1_plan *pp = sp.priv;
        ok(pp && pp->nreqs == 1 && pp->reqs[0].fanout, "... one parent listing, fanned out");
        ok(pp && strstr(pp->reqs[0].url, "/environments/env-1/users?limit=1000") != NULL,
           "... over the users: %s", pp ? pp->reqs[0].url : "");
        ok(sp.explain && strstr(sp.explain, "fan-out") && strstr(sp.explain, "users/{UserId}/memberOfGroups"),
           "... EXPLAIN shows the fan-out: %s", sp.explain ? sp.explain : "");
        char *child = pp ? p1_plan_child_url(pp, "u 1") : NULL;
        is_str(child, "https://api.example.test/v1/environments/env-1/users/u%201/memberOfGroups?limit=1000",
               "... child URL per user");
        free(child);
    }
    p1_plan_free(&sp);

    w = leaf(CONS_EQ, 1, 1, "g1");
    ok(do_plan(&sp, "UserGroupAssociations", w, 2, -1, &e) == 0, "UGA with only GroupId plans");
    is_str(first_filter(&sp), "memberOfGroups[id eq \"g1\"]", "... fanning out over the group's users only");
    p1_plan_free(&sp);

    w = leaf(CONS_EQ, 0, 1, "g1");
    ok(do_plan(&sp, "GroupMembers", w, 2, -1, &e) == 0, "GroupMembers with GroupId plans");
    is_str(first_filter(&sp), "memberOfGroups[id eq \"g1\"]", "... through the users filter");
    p1_plan_free(&sp);

    ok(do_plan(&sp, "AuditActivities", NULL, 2, -1, &e) == 0, "AuditActivities without a range plans");
    ok(first_filter(&sp) && strncmp(first_filter(&sp), "recordedAt ge \"", 15) == 0 &&
       strstr(first_filter(&sp), " and recordedAt le \""), "... the default window: %s",
       first_filter(&sp) ? first_filter(&sp) : "");
    ok(!sp.exact, "... not exact");
    p1_plan_free(&sp);

    {
        const table_def *act = table("AuditActivities");
        cons *lo = leaf(CONS_GE, p1_col_index(act, "RecordedAt"), 1, "2024-01-02 03:04:05");
        cons *hi = leaf(CONS_LT, p1_col_index(act, "RecordedAt"), 1, "2024-01-09");
        w = node(CONS_AND, 2, lo, hi);
        ok(do_plan(&sp, "AuditActivities", w, 2, -1, &e) == 0, "AuditActivities with a range plans");
        is_str(first_filter(&sp), "recordedAt ge \"2024-01-02T03:04:05.000Z\" and recordedAt lt "
               "\"2024-01-09T00:00:00.000Z\"", "... the range is sent");
        ok(lo->pushed && hi->pushed, "... and marked pushed");
        p1_plan_free(&sp);
    }

    w = leaf(CONS_IN, 0, 12, "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l");
    ok(do_plan(&sp, "Applications", w, 2, -1, &e) == 0 && first_filter(&sp) == NULL,
       "Applications (no filter endpoint): a large Id IN lists without filter");
    ok(!w->pushed, "... and is not marked pushed");
    p1_plan_free(&sp);

    cons *uid = leaf(CONS_IN, 0, 3, "u1", "u2", "u1");
    cons *g = leaf(CONS_EQ, 1, 1, "g1");
    w = node(CONS_AND, 2, g, uid);
    ok(do_plan(&sp, "UserGroupAssociations", w, 0, -1, &e) == 0, "UGA with UserId IN plans (even PushDown None)");
    p1_plan *pp = sp.priv;
    is_int(pp->nreqs, 2, "one listing per distinct user");
    is_str(pp->reqs[1].url, "https://api.example.test/v1/environments/env-1/users/u2/memberOfGroups?limit=1000",
           "memberOfGroups URL");
    is_str(pp->reqs[1].parent_key, "u2", "parent key kept for the UserId column");
    ok(uid->pushed && !g->pushed, "UserId pushed, GroupId local");
    p1_plan_free(&sp);

    w = node(CONS_OR, 2, leaf(CONS_EQ, 0, 1, "a/b"), leaf(CONS_EQ, 0, 1, "c"));
    ok(do_plan(&sp, "UserGroupAssociations", w, 2, -1, &e) == 0, "UGA with UserId OR UserId plans");
    pp = sp.priv;
    ok(pp->nreqs == 2 && strstr(pp->reqs[0].url, "/users/a%2Fb/memberOfGroups"), "key is URL-encoded in the path");
    p1_plan_free(&sp);
}

/* Plan AuditActivities with the range [2024-01-02, 2024-01-09) AND the extra conjuncts; return the filter. */
static const char *plan_act(scan_plan *sp, err *e, int nextra, cons **extra)
{
    const table_def *act = table("AuditActivities");
    int rc = p1_col_index(act, "RecordedAt");
    cons *w = node(CONS_AND, 0);
    free(w->kids);
    w->nkids = 2 + nextra;
    w->kids = calloc((size_t)w->nkids, sizeof *w->kids);
    w->kids[0] = leaf(CONS_GE, rc, 1, "2024-01-02");
    for (int i = 0; i < nextra; i++)
        w->kids[1 + i] = extra[i];
    w->kids[1 + nextra] = leaf(CONS_LT, rc, 1, "2024-01-09");
    if (do_plan(sp, "AuditActivities", w, 2, -1, e) != 0)
        return NULL;
    return first_filter(sp);
}

#define RANGE "recordedAt ge \"2024-01-02T00:00:00.000Z\" and recordedAt lt \"2024-01-09T00:00:00.000Z\""

/* AuditActivities: the range plus at most one documented group is pushed, the rest stays local. */
static void test_activities(void)
{
    scan_plan sp;
    err e;
    const table_def *act = table("AuditActivities");
    int at = p1_col_index(act, "ActionType"), uid = p1_col_index(act, "ActorUserId");
    int cid = p1_col_index(act, "ActorClientId"), corr = p1_col_index(act, "CorrelationId");
    int rc = p1_col_index(act, "RecordedAt"), status = p1_col_index(act, "ResultStatus");

    cons *x[4];
    x[0] = leaf(CONS_EQ, at, 1, "USER.CREATED");
    is_str(plan_act(&sp, &e, 1, x), RANGE " and action.type eq \"USER.CREATED\"", "activities: action type pushed");
    ok(x[0]->pushed, "... marked pushed");
    p1_plan_free(&sp);

    x[0] = leaf(CONS_EQ, at, 1, "USER.CREATED");
    x[1] = leaf(CONS_EQ, uid, 1, "u1");
    x[2] = leaf(CONS_EQ, corr, 1, "c1");
    is_str(plan_act(&sp, &e, 3, x), RANGE " and actors.user.id eq \"u1\"",
           "activities: actor beats action type and correlation ID");
    ok(!x[0]->pushed && x[1]->pushed && !x[2]->pushed, "... only the actor marked pushed");
    ok(!sp.exact, "... not exact");
    ok(sp.explain && strstr(sp.explain, "actors.user.id eq \"u1\"") && !strstr(sp.explain, "action.type"),
       "... EXPLAIN shows the pushed filter: %s", sp.explain ? sp.explain : "");
    p1_plan_free(&sp);

    x[0] = leaf(CONS_IN, at, 2, "A", "B");
    x[1] = leaf(CONS_EQ, corr, 1, "c1");
    is_str(plan_act(&sp, &e, 2, x), RANGE " and (action.type eq \"A\" or action.type eq \"B\")",
           "activities: IN on action type as an or-chain, beats correlation ID");
    p1_plan_free(&sp);

    x[0] = node(CONS_OR, 2, leaf(CONS_EQ, at, 1, "A"), leaf(CONS_EQ, uid, 1, "u1"));
    x[1] = leaf(CONS_EQ, corr, 1, "c1");
    is_str(plan_act(&sp, &e, 2, x), RANGE " and correlationId eq \"c1\"",
           "activities: OR across attributes stays local, correlation ID alone pushed");
    ok(!x[0]->pushed && x[1]->pushed, "... marks");
    p1_plan_free(&sp);

    x[0] = node(CONS_OR, 2, leaf(CONS_EQ, cid, 1, "c1"), leaf(CONS_IN, cid, 2, "c2", "c3"));
    is_str(plan_act(&sp, &e, 1, x),
           RANGE " and (actors.client.id eq \"c1\" or (actors.client.id eq \"c2\" or actors.client.id eq \"c3\"))",
           "activities: OR of one attribute is one term");
    p1_plan_free(&sp);

    x[0] = leaf(CONS_EQ, uid, 1, "u1");
    x[1] = leaf(CONS_EQ, cid, 1, "c1");
    is_str(plan_act(&sp, &e, 2, x), RANGE " and actors.user.id eq \"u1\"", "activities: one actor term only");
    ok(x[0]->pushed && !x[1]->pushed, "... the first one");
    p1_plan_free(&sp);

    x[0] = leaf(CONS_EQ, status, 1, "FAILED");
    is_str(plan_act(&sp, &e, 1, x), RANGE, "activities: unfilterable column: range only");
    p1_plan_free(&sp);

    x[0] = leaf(CONS_GT, rc, 1, "2024-01-05");
    x[1] = leaf(CONS_LE, rc, 1, "2024-01-07");
    x[2] = leaf(CONS_GE, rc, 1, "2024-01-05");
    is_str(plan_act(&sp, &e, 3, x), "recordedAt gt \"2024-01-05T00:00:00.000Z\" and recordedAt le "
           "\"2024-01-07T00:00:00.000Z\"", "activities: only the tightest bounds are sent");
    ok(x[0]->pushed && x[1]->pushed && x[2]->pushed, "... every range conjunct marked pushed");
    p1_plan_free(&sp);

    cons *w = node(CONS_AND, 2, leaf(CONS_EQ, at, 1, "A"), leaf(CONS_EQ, uid, 1, "u1"));
    ok(do_plan(&sp, "AuditActivities", w, 2, -1, &e) == 0 && first_filter(&sp) &&
       strstr(first_filter(&sp), " and actors.user.id eq \"u1\"") && !strstr(first_filter(&sp), "action.type"),
       "activities without a range: default window plus the actor");
    p1_plan_free(&sp);

    x[0] = leaf(CONS_EQ, at, 1, "A");
    w = node(CONS_AND, 3, leaf(CONS_GE, rc, 1, "2024-01-02"), x[0], leaf(CONS_LT, rc, 1, "2024-01-09"));
    ok(do_plan(&sp, "AuditActivities", w, 0, -1, &e) == 0 && first_filter(&sp) &&
       strcmp(first_filter(&sp), RANGE) == 0 && !x[0]->pushed, "activities PushDown=None: the range only");
    p1_plan_free(&sp);
}

int main(void)
{
    plan_lazy();
    test_quote();
    test_simple_filters();
    test_and_or();
    test_pushdown_levels();
    test_in_chunks();
    test_other_tables();
    test_activities();
    free_arena();
    return done_testing();
}
