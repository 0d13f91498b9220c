/**
 * @file plan.h
 * Planning a PingOne scan without I/O: which constraint nodes are pushed,
 * and the list of HTTP requests (list URLs with filter and limit, single-item
 * GETs, or one listing per parent key) that together return a superset of
 * the wanted rows.
 *
 * Rules: `Id = 'x'` (or Id IN with at most P1_ID_GET_MAX values) becomes
 * single-item GETs (404 = no row). Otherwise pushable top-level conjuncts
 * form the filter; one large IN is split into chunks of SCIM_IN_CHUNK
 * values (disjoint value sets, rows deduplicated by id). Tables with a parent
 * key (UserGroupAssociations) need `key = v` / `key IN (...)` and list once
 * per key value; without a key condition they fan out: the parent
 * collection is listed and each parent's children are listed, at most
 * P1_FANOUT_CONCURRENCY listings at once (pingone/fanout.c), or, for
 * UserGroupAssociations with `GroupId = 'g'`, only the users of that group
 * (users?filter=memberOfGroups[id eq "g"]) are fanned out over. Endpoints
 * that take no filter get only single-item GETs; endpoints that accept only
 * `and` get no OR/IN. AuditActivities sends its RecordedAt range (PingOne
 * requires one); without one the last P1_ACTIVITY_DEFAULT_DAYS days are read.
 * exact = 1 only when nothing is left for the engine and no text comparison
 * was pushed (PingOne matches text case-insensitively).
 */
#ifndef P1_PINGONE_PLAN_H
#define P1_PINGONE_PLAN_H

#include <jansson.h>

#include "common/err.h"
#include "sql/provider.h"

/** Id IN lists up to this size become single-item GETs. */
#define P1_ID_GET_MAX 10

/** One request of a scan. */
typedef struct p1_request {
    char *url;         /**< absolute URL of the first (or only) request */
    int   single;      /**< 1: single-item GET (404 = no row); 0: a paged list */
    char *parent_key;  /**< value of the parent-key column for these rows, or NULL */
    int   fanout;      /**< 1: url lists the PARENTS; each parent's id then gets its own child
                            listing (p1_plan_child_url), P1_FANOUT_CONCURRENCY at a time */
} p1_request;

/** The provider's private plan (scan_plan.priv). */
typedef struct p1_plan {
    p1_request *reqs;
    int         nreqs;
    int         dedupe;      /**< 1: several requests may return the same item: skip repeated ids */
    int         page_limit;  /**< `limit` sent on list requests */
    char       *filter;      /**< filter of the first list request (for tests), or NULL */
    char       *env_base;    /**< "<api_base>/environments/<env>/" (or "<api_base>/" for root
                                  tables): child URLs of a fan-out start with it */
    const table_def *table;  /**< the planned table */
    json_t     *rows;        /**< system tables: the rows as JSON objects (owned), or NULL */
    int         default_window; /**< 1: AuditActivities got the default RecordedAt window */
    char       *child_filter;/**< filter sent on every child listing (e.g. application.id eq ...), or NULL */
} p1_plan;

/** Child listings of a fan-out in flight at once (one page of each held in memory). */
#define P1_FANOUT_CONCURRENCY 4
/** Most parent listings one fan-out makes; beyond it the scan fails and asks for a parent key. */
#define P1_FANOUT_MAX_PARENTS 10000

/** Days of audit activity read when a query gives no RecordedAt range. */
#define P1_ACTIVITY_DEFAULT_DAYS 7

/**
 * URL of the child listing of parent key `key` for a table with a parent
 * (e.g. .../users/<key>/sessions?limit=N, or for GroupMembers
 * .../users?filter=memberOfGroups[id eq "<key>"]&limit=N). malloc'd, or NULL.
 */
char *p1_plan_child_url(const p1_plan *pp, const char *key);

/**
 * Plan a scan of plan->table in environment env_id under api_base with
 * pages of pagesize rows. Fills plan->exact, est_requests, est_rows, explain
 * and priv (a p1_plan), and marks plan->where. Returns 0, or -1 with e set
 * (0A000 when a required key condition is missing).
 */
int p1_plan_build(const char *api_base, const char *env_id, int pagesize, scan_plan *plan, err *e);

/** Release plan->priv and plan->explain. */
void p1_plan_free(scan_plan *plan);

#endif
