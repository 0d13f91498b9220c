/**
 * @file scan.h
 * Streaming a planned PingOne scan: requests are made one at a time (except
 * the child listings of a fan-out: see fanout.h), list
 * pages are followed through `_links.next.href` exactly as given until it is
 * absent, and at most one parsed page is held in memory. Pages shorter than
 * `limit`, and pages without `_embedded` or without the collection key, are
 * fine. When the plan is exact and has a limit, no request is made once
 * that many rows were returned.
 */
#ifndef P1_PINGONE_SCAN_H
#define P1_PINGONE_SCAN_H

#include "common/err.h"
#include "pingone/api.h"
#include "sql/provider.h"

/** Start a scan of a plan made by p1_plan_build (no request yet). NULL with e set (HY001). */
scan *p1_scan_open(p1api *api, const scan_plan *plan, err *e);

/** Next row into row[0..ncols-1]: 1 row, 0 end, -1 error (e set). */
int p1_scan_next(scan *s, sql_value *row, err *e);

/** HTTP requests made by the scan so far (retries included, token requests excluded). */
long p1_scan_requests(scan *s);

/**
 * Interrupt the scan from another thread: the request in progress (or the
 * next one) fails at once and p1_scan_next returns -1 with HY008.
 */
void p1_scan_cancel(scan *s);

/**
 * Count the rows of an exact plan without reading them: one request with
 * limit=1, reading the envelope's `count`. Only single-listing plans are
 * counted; returns 1 with *n set, 0 when unknown (no request made or no
 * `count` in the answer), -1 on error. *requests gets the HTTP requests made.
 */
int p1_scan_count(p1api *api, const scan_plan *plan, int64_t *n, long *requests, err *e);

/** Free the scan (no further requests). */
void p1_scan_close(scan *s);

#endif
