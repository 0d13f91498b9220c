/**
 * @file session.h
 * Engine settings beyond the engine.h contract (used by the driver and tests).
 */
#ifndef P1_SQL_SESSION_H
#define P1_SQL_SESSION_H

#include "sql/engine.h"

/**
 * Most rows a sort, DISTINCT or GROUP BY may hold in memory (default
 * 200000); beyond it the query fails with HY001. n <= 0 restores the default.
 */
void sql_session_set_max_held_rows(sql_session *s, long n);

/** Change the PushDown level (2 Full, 1 KeysOnly, 0 None) for later executions. */
void sql_session_set_pushdown(sql_session *s, int pushdown);

#endif
