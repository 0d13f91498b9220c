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
 */
#ifndef P1_TESTS_FAKE_PROVIDER_H
#define P1_TESTS_FAKE_PROVIDER_H

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
} fake_provider;

/** A new fake provider (destroyed by the session that owns it). */
fake_provider *fake_provider_new(void);

#endif
