/**
 * @file cancel.h
 * Internal: the cancel token of one executing statement. Every result of
 * the statement's tree (the top result, derived tables, UNION branches,
 * join sources, uncorrelated and correlated subqueries) opens and closes its
 * provider scans through the same token, which keeps the set of scans open
 * right now. sql_result_cancel() (another thread) fires the token: every
 * open scan is cancelled through the provider's optional cancel operation,
 * and every scan opened later is cancelled as soon as it is opened, so the
 * statement ends at once with the provider's cancel error (HY008).
 */
#ifndef P1_SQL_CANCEL_H
#define P1_SQL_CANCEL_H

#include "common/err.h"
#include "sql/provider.h"

/* sql_cancel, sql_cancel_new, sql_cancel_unref and sql_cancel_fire are
   public: sql/engine.h. A new token is not fired and has no scans; fire
   remembers the cancel and cancels every scan open through the token (later
   calls do nothing more); unref frees it when no reference remains. */
#include "sql/engine.h"

/** Take one more reference to c (NULL is fine). Returns c. */
sql_cancel *sql_cancel_ref(sql_cancel *c);

/** 1 once c was fired, else 0 (also 0 for NULL). */
int  sql_cancel_fired(sql_cancel *c);

/**
 * Open a scan of prov planned by plan and register it with c (c may be NULL:
 * a plain open). When c was already fired the scan is cancelled right after
 * opening, so its first next() fails with the provider's cancel error; a
 * provider without a cancel operation is not asked to open it at all (fails
 * with HY008). Returns 0 with *out set, or -1 with e set (a generic HY000
 * naming the table when the provider left e empty).
 */
int  sql_cancel_open(sql_cancel *c, provider *prov, scan_plan *plan, scan **out, err *e);

/** Unregister sc from c and close it (sc NULL is fine; c may be NULL). */
void sql_cancel_close(sql_cancel *c, provider *prov, scan *sc);

#endif
