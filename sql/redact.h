/**
 * @file redact.h
 * Statement text for the log without secrets (see redact.c).
 */
#ifndef P1_SQL_REDACT_H
#define P1_SQL_REDACT_H

/** Non-zero when sql is a procedure call (EXEC, EXECUTE, CALL, {call ...}, {? = call ...}). */
int sql_is_procedure_call(const char *sql);

/**
 * A malloc'd copy of sql fit for the log: for procedure calls every string
 * literal becomes '***' and comments are dropped; other statements are
 * copied as written. NULL only for sql == NULL or out of memory.
 */
char *sql_text_for_log(const char *sql);

#endif
