/**
 * @file cons.h
 * Helpers for constraint trees (provider.h `cons`): build, free, print.
 */
#ifndef P1_SQL_CONS_H
#define P1_SQL_CONS_H

#include "common/strbuf.h"
#include "sql/provider.h"

/** A new leaf op(col) with room for nvals values (all NULL). NULL on ENOMEM. */
cons *cons_leaf(enum cons_op op, int col, int nvals);
/** A new AND/OR node over kids[0..n-1] (takes them; flattens nested nodes of the same op). */
cons *cons_group(enum cons_op op, cons **kids, int n);
/** Free a tree (NULL is fine). */
void  cons_free(cons *c);
/** Name of an op ("EQ", "PREFIX", ...). */
const char *cons_op_name(enum cons_op op);
/**
 * Print a tree as e.g. AND(EQ(Username,'a'),OR(EQ(Age,1),PREFIX(Email,'b'))).
 * Column names come from t (t may be NULL: then #index). pushed_only: print
 * only nodes marked pushed (an AND keeps its pushed kids). Returns 0 or -1.
 */
int   cons_print(const cons *c, const table_def *t, int pushed_only, strbuf *sb);
/** Print one value as a SQL literal ('text', 12, TRUE, TIMESTAMP '...'). */
int   sqlval_print_literal(const sql_value *v, strbuf *sb);

#endif
