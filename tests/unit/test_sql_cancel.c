/**
 * @file test_sql_cancel.c
 * sql_result_cancel reaches every provider scan of a statement: the inner
 * side of a join, a key-push batch, a UNION's second branch, an uncorrelated
 * IN subquery run while rows are read, a correlated EXISTS subquery, and
 * scans opened after the cancel. The fake provider runs a hook inside a
 * chosen next() call that cancels the result (as another thread would at
 * that moment); its counters show that no page is read after the cancel.
 * One case uses a real second thread while the first is blocked in next().
 */
#include <pthread.h>

#include "tests/tap.h"
#include "tests/unit/sql_test_util.h"

#include "sql/session.h"

static fake_provider *fp;
static sql_session *S;

/** What the hook saw when it cancelled. */
typedef struct snap {
    sql_result *res;    /**< the result to cancel */
    int         fired;  /**< the hook ran */
    int         opens;  /**< fp->opens then */
    long        pages;  /**< fp->pages then */
} snap;

static snap at_cancel;

/** The hook: note the counters, then cancel the result as another thread would. */
static void cancel_hook(void *arg)
{
    snap *sn = arg;
    sn->fired = 1;
    sn->opens = fp->opens;
    sn->pages = fp->pages;
    sql_result_cancel(sn->res);
}

/** Forget what earlier statements left in the fake's records. */
static void reset_fake(void)
{
    free(fp->scans);
    fp->scans = NULL;
    free(fp->cancelled);
    fp->cancelled = NULL;
    fp->cancels = 0;
    fp->hook_calls = 0;
    fp->block_calls = 0;
    memset(&at_cancel, 0, sizeof at_cancel);
}

/**
 * Run sql with the hook set on the n-th next() call on table (table NULL: no
 * hook; n 0 with a table: cancel right after execute, before any next()).
 * Returns the rows or "ERR <state> <message>" as run() does.
 */
static const char *run_cancel(const char *sql, const char *table, long n, int fail_current)
{
    reset_fake();
    err e;
    err_clear(&e);
    sql_prepared *p = NULL;
    sql_result *r = NULL;
    if (sql_prepare(S, sql, &p, &e) < 0 || sql_execute(p, NULL, &r, &e) < 0) {
        snprintf(last_out, sizeof last_out, "ERR %s %s", e.sqlstate, e.message);
        sql_prepared_free(p);
        return last_out;
    }
    at_cancel.res = r;
    if (table && n == 0) {
        cancel_hook(&at_cancel);
    } else if (table) {
        fp->hook_table = table;
        fp->hook_after = n;
        fp->hook = cancel_hook;
        fp->hook_arg = &at_cancel;
        fp->hook_fail_current = fail_current;
    }
    strbuf sb;
    sb_init(&sb);
    int rc, rows = 0;
    while ((rc = r->ops->next(r, &e)) == 1) {
        if (rows++)
            sb_append(&sb, ";");
        for (int i = 0; i < r->ncols; i++) {
            if (i)
                sb_append(&sb, "|");
            render_value(&r->row[i], &sb);
        }
    }
    if (rc < 0)
        snprintf(last_out, sizeof last_out, "ERR %s %s", e.sqlstate, e.message);
    else
        snprintf(last_out, sizeof last_out, "%s", sb.data);
    r->ops->close(r);
    sql_prepared_free(p);
    sb_free(&sb);
    fp->hook = NULL;
    fp->hook_table = NULL;
    return last_out;
}

/** The statement failed with the cancel error of the fake scan of table. */
static void is_cancel_err(const char *out, const char *table, const char *what)
{
    char want[128];
    snprintf(want, sizeof want, "ERR HY008 Reading %s was cancelled.", table);
    is_str(out, want, "%s: the statement ends with the provider's cancel error", what);
}

/** After the cancel no further page was read and at most max_opens scans were opened. */
static void nothing_after(int max_opens, const char *what)
{
    ok(at_cancel.fired, "%s: the cancel ran", what);
    ok(fp->pages == at_cancel.pages, "%s: no page read after the cancel (%ld then, %ld now)", what,
       at_cancel.pages, fp->pages);
    ok(fp->opens - at_cancel.opens <= max_opens, "%s: %d scan(s) opened after the cancel (at most %d)", what,
       fp->opens - at_cancel.opens, max_opens);
    ok(fp->opens == fp->closes, "%s: every scan was closed (%d opened, %d closed)", what, fp->opens,
       fp->closes);
}

static void test_without_cancel(void)
{
    /* the queries below give these rows when nobody cancels */
    is_str(run_cancel("SELECT g.Id, u.Id FROM Groups g JOIN Users u ON u.Age < g.MemberCount", NULL, 0, 0),
           "", "nested loop join without cancel");
    is_str(run_cancel("SELECT u.Id, m.GroupId FROM Memberships m JOIN Users u ON m.UserId = u.Id ORDER BY 1, 2",
                      NULL, 0, 0), "u1|g1;u1|g3;u2|g2;u4|g1;u7|g3", "key push join without cancel");
    is_int(fp->cancels, 0, "nothing cancelled");
    ok(fp->opens == fp->closes, "scans closed");
}

static void test_join_inner_side(void)
{
    /* Groups (cheaper) drives; Users is the inner side of a nested loop */
    const char *sql = "SELECT g.Id, u.Id FROM Groups g JOIN Users u ON u.Age > g.MemberCount";
    is_cancel_err(run_cancel(sql, "Users", 3, 1), "Users", "join inner side");
    is_str(fp->scans, "Groups,Users", "join inner side: Groups read, then Users");
    is_str(fp->cancelled, "Users", "join inner side: the open inner scan was cancelled");
    nothing_after(0, "join inner side");
}

static void test_key_push(void)
{
    const char *sql = "SELECT u.Id, m.GroupId FROM Memberships m JOIN Users u ON m.UserId = u.Id";
    is_cancel_err(run_cancel(sql, "Memberships", 2, 1), "Memberships", "key push batch");
    is_str(fp->scans, "Users,Memberships(7 keys)", "key push batch: the batch scan was open");
    is_str(fp->cancelled, "Memberships", "key push batch: it was cancelled");
    nothing_after(0, "key push batch");
}

static void test_union_branch(void)
{
    const char *sql = "SELECT Id FROM Users UNION SELECT Id FROM Groups";
    is_cancel_err(run_cancel(sql, "Groups", 2, 1), "Groups", "UNION second branch");
    is_str(fp->scans, "Users,Groups", "UNION second branch: first branch read, second open");
    is_str(fp->cancelled, "Groups", "UNION second branch: it was cancelled");
    nothing_after(0, "UNION second branch");
    /* UNION ALL and a derived table over it */
    sql = "SELECT COUNT(*) FROM (SELECT Id FROM Users UNION ALL SELECT Id FROM Groups) d";
    is_cancel_err(run_cancel(sql, "Groups", 1, 1), "Groups", "derived UNION ALL");
    nothing_after(0, "derived UNION ALL");
}

static void test_uncorrelated_in(void)
{
    /* the branch's IN subquery runs while the UNION's rows are built (during next) */
    const char *sql = "SELECT Id FROM Groups UNION ALL SELECT Id FROM Users WHERE Id IN "
                      "(SELECT UserId FROM Memberships WHERE UserId IN ('u1', 'u2', 'u4'))";
    is_str(run_cancel(sql, NULL, 0, 0), "g1;g2;g3;u1;u2;u4", "uncorrelated IN without cancel");
    is_cancel_err(run_cancel(sql, "Memberships", 2, 1), "Memberships", "uncorrelated IN");
    is_str(fp->scans, "Groups,Memberships(3 keys)", "uncorrelated IN: the subquery's scan was open");
    is_str(fp->cancelled, "Memberships", "uncorrelated IN: it was cancelled");
    nothing_after(0, "uncorrelated IN");
    /* the same subquery inside a derived table */
    sql = "SELECT d.Id FROM (SELECT Id FROM Users WHERE Id IN (SELECT UserId FROM Memberships "
          "WHERE UserId IN ('u1', 'u2'))) d";
    is_cancel_err(run_cancel(sql, "Memberships", 1, 1), "Memberships", "uncorrelated IN in a derived table");
    nothing_after(0, "uncorrelated IN in a derived table");
}

static void test_correlated_exists(void)
{
    const char *sql = "SELECT u.Id FROM Users u WHERE EXISTS (SELECT 1 FROM Memberships m WHERE m.UserId = u.Id)";
    is_str(run_cancel(sql, NULL, 0, 0), "u1;u2;u4;u7", "correlated EXISTS without cancel");
    /* the third run (u3) is open when the cancel comes */
    is_cancel_err(run_cancel(sql, "Memberships", 3, 1), "Memberships", "correlated EXISTS");
    is_str(fp->scans, "Users,Memberships,Memberships,Memberships", "correlated EXISTS: three runs opened");
    ok(fp->cancelled && strstr(fp->cancelled, "Memberships") && strstr(fp->cancelled, "Users") &&
       fp->cancels == 2, "correlated EXISTS: both open scans (outer Users, inner run) cancelled: %s",
       fp->cancelled ? fp->cancelled : "(none)");
    nothing_after(0, "correlated EXISTS");
    /* the cancel comes while the outer row is read: the next run's scan is cancelled at once */
    is_cancel_err(run_cancel(sql, "Users", 2, 0), "Memberships", "correlated EXISTS, cancel in the outer scan");
    is_str(fp->cancelled, "Users,Memberships", "the outer scan, then the run opened after the cancel");
    nothing_after(1, "correlated EXISTS, cancel in the outer scan");
}

static void test_opened_after_cancel(void)
{
    /* Groups' last call (the end) runs the cancel and still ends normally; Users opens after it */
    const char *sql = "SELECT g.Id, u.Id FROM Groups g JOIN Users u ON u.Age > g.MemberCount";
    is_cancel_err(run_cancel(sql, "Groups", 4, 0), "Users", "scan opened after the cancel");
    is_str(fp->scans, "Groups,Users", "opened after: Users was opened after the cancel");
    is_str(fp->cancelled, "Groups,Users", "opened after: Users was cancelled as soon as it opened");
    nothing_after(1, "opened after");
    /* a cancel before the first fetch: the first scan is cancelled at once */
    is_cancel_err(run_cancel("SELECT Id FROM Users", "Users", 0, 0), "Users", "cancel before the first fetch");
    nothing_after(1, "cancel before the first fetch");
    is_cancel_err(run_cancel("SELECT COUNT(*) FROM Users u JOIN Memberships m ON m.UserId = u.Id", "Users", 0, 0),
                  "Users", "join cancelled before the first fetch");
    is_str(fp->scans, "Users", "join cancelled before the first fetch: the key push never starts");
    nothing_after(1, "join cancelled before the first fetch");
    /* COUNT(*) asks the provider's count, which cannot be interrupted: after a cancel it scans instead */
    fp->exact_when_pushed = 1;
    int counts = fp->count_calls;
    is_cancel_err(run_cancel("SELECT COUNT(*) FROM Users", "Users", 0, 0), "Users", "COUNT(*) after a cancel");
    is_int(fp->count_calls, counts, "COUNT(*) after a cancel: the provider's count was not asked");
    nothing_after(1, "COUNT(*) after a cancel");
    is_str(run(S, "SELECT COUNT(*) FROM Users"), "7", "COUNT(*) without a cancel");
    is_int(fp->count_calls, counts + 1, "COUNT(*) without a cancel: the provider counted");
    fp->exact_when_pushed = 0;
    /* the single-table scan (as before) */
    is_cancel_err(run_cancel("SELECT Id FROM Users", "Users", 3, 1), "Users", "single table");
    nothing_after(0, "single table");
    /* the session still works */
    is_str(run(S, "SELECT COUNT(*) FROM Users"), "7", "a new statement after a cancel runs");
}

/** Second thread: wait until the first is blocked in next(), then cancel its result. */
static void *canceller(void *arg)
{
    snap *sn = arg;
    if (fake_provider_wait_blocked(fp)) {
        sn->fired = 1;
        sql_result_cancel(sn->res);
    }
    return NULL;
}

static void test_threaded(void)
{
    reset_fake();
    err e;
    err_clear(&e);
    sql_prepared *p = NULL;
    sql_result *r = NULL;
    int rc = sql_prepare(S, "SELECT u.Id, m.GroupId FROM Memberships m JOIN Users u ON m.UserId = u.Id", &p, &e);
    if (rc == 0)
        rc = sql_execute(p, NULL, &r, &e);
    ok(rc == 0, "threaded: executed (%s)", e.message);
    if (rc < 0) {
        sql_prepared_free(p);
        return;
    }
    fp->block_table = "Memberships";
    fp->block_after = 1;
    at_cancel.res = r;
    pthread_t th;
    ok(pthread_create(&th, NULL, canceller, &at_cancel) == 0, "threaded: canceller started");
    int n = r->ops->next(r, &e);
    pthread_join(th, NULL);
    ok(at_cancel.fired, "threaded: the second thread cancelled while next() was blocked in the key push");
    ok(n == -1 && strcmp(e.sqlstate, "HY008") == 0, "threaded: next() failed with HY008: %d %s %s", n,
       e.sqlstate, e.message);
    is_str(fp->cancelled, "Memberships", "threaded: the blocked batch scan was cancelled");
    r->ops->close(r);
    sql_prepared_free(p);
    fp->block_table = NULL;
    ok(fp->opens == fp->closes, "threaded: every scan was closed");
}

int main(void)
{
    fp = fake_provider_new();
    S = sql_session_new(&fp->base, 2);
    test_without_cancel();
    test_join_inner_side();
    test_key_push();
    test_union_branch();
    test_uncorrelated_in();
    test_correlated_exists();
    test_opened_after_cancel();
    test_threaded();
    sql_session_free(S);
    return done_testing();
}
