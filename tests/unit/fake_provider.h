/**
 * @file fake_provider.h
 * An in-memory provider for the SQL engine's unit tests. Tables:
 *   env1.Users  (Id, Username, Email, Age, Enabled, Created, Score, Nickname)
 *   env1.Groups (Id, Name, MemberCount)
 *   env1.Memberships (UserId, GroupId): needs UserId = / IN (0A000 otherwise,
 *     like PingOne's UserGroupAssociations); one request per user key
 * and one procedure, env1.Echo(Text TEXT required, Times INT): Times rows
 * (default 1) of (N INT, Text TEXT).
 * Like PingOne it matches pushed text predicates case-INsensitively (so it
 * returns a superset the engine must re-filter). What it pushes follows
 * plan->pushdown: 2 every leaf except on Nickname, 1 only EQ/IN on Id,
 * 0 nothing. It records the constraint tree it was given and counts plans,
 * opens, closes and simulated requests (pages of 2 rows).
 *
 * Cancel support (test_sql_cancel): the cancel operation marks the scan so
 * that its following next() fails with HY008 without reading a page. A hook
 * runs inside the N-th next() call on a chosen table (e.g. it calls
 * sql_result_cancel as another thread would), and next() can block on a
 * condition variable until its scan is cancelled (for a real second thread).
 */
#ifndef P1_TESTS_FAKE_PROVIDER_H
#define P1_TESTS_FAKE_PROVIDER_H

#include <pthread.h>

#include "common/strbuf.h"
#include "sql/provider.h"

typedef struct fake_provider {
    provider base;
    int      plans, opens, closes;
    long     rows_returned;     /**< rows handed to the engine, all scans */
    long     last_requests;     /**< requests made by the last scan */
    char    *last_cons;         /**< full tree of the last plan ("" when NULL) */
    char    *last_pushed;       /**< pushed part of the last plan */
    long long last_limit;       /**< plan->limit of the last plan */
    int      fail_open;         /**< 1: open fails with 08S01 */
    int      exact_when_pushed; /**< 1: plan->exact when every node was pushed; offers count */
    int      count_calls;       /**< calls of the count operation */
    char    *scans;             /**< "Users,Memberships(2 keys),..." : tables opened, in order */
    /* ---- cancel support (all zero unless a test sets them) ---- */
    long     next_calls;        /**< next() calls, all scans */
    long     pages;             /**< pages read by next() (a scan's first row starts one), all scans */
    int      cancels;           /**< calls of the cancel operation */
    char    *cancelled;         /**< "Users,Memberships": tables of the scans cancelled, in order */
    const char *hook_table;     /**< the table whose next() calls start the hook (NULL: no hook) */
    long     hook_after;        /**< the hook runs inside this next() call on hook_table (1-based), once */
    void   (*hook)(void *arg);  /**< what runs there, e.g. sql_result_cancel(arg) */
    void    *hook_arg;
    int      hook_fail_current; /**< 1: the call that ran the hook already fails when cancelled;
                                     0: it still returns its row (or the end) */
    long     hook_calls;        /**< next() calls on hook_table so far */
    const char *block_table;    /**< next() on this table blocks until its scan is cancelled */
    long     block_after;       /**< ...in this next() call on block_table (1-based) */
    long     block_calls;       /**< next() calls on block_table so far */
    int      blocked;           /**< 1 while a next() is blocked (guarded by mu) */
    pthread_mutex_t mu;         /**< guards cancel flags and blocked */
    pthread_cond_t  cv;         /**< signalled on blocking and on cancel */
} fake_provider;

/** A new fake provider (destroyed by the session that owns it). */
fake_provider *fake_provider_new(void);

/**
 * Wait until a next() call is blocked on block_table (any thread), at most
 * 30 seconds. Returns 1 when one is, 0 after the wait ran out.
 */
int fake_provider_wait_blocked(fake_provider *fp);

#endif
