/**
 * @file func.h
 * Scalar functions: the name table the parser uses, type inference for the
 * binder, and evaluation for the executor.
 */
#ifndef P1_SQL_FUNC_H
#define P1_SQL_FUNC_H

#include "common/err.h"
#include "common/value.h"
#include "sql/ast.h"

/** Look up a function name (case-insensitive). Returns its func_id or -1. */
int         func_lookup(const char *name);
/** Canonical upper-case name of a function. */
const char *func_name(int id);
/** Fewest and most arguments the function takes (max -1: any number). */
void        func_arity(int id, int *min, int *max);
/**
 * The type function id expects for its argument number argno (0-based), for
 * typing a `?` there: returns 0 with *type set (SQLT_TEXT, SQLT_INT,
 * SQLT_DOUBLE or SQLT_TIMESTAMP); 1 when the argument takes the type of the
 * function's other such arguments or of the call's own context (COALESCE,
 * IFNULL, NULLIF); -1 when there is no such argument.
 */
int         func_arg_type(int id, int argno, enum sqltype *type);
/** Look up an aggregate name (COUNT, SUM, AVG, MIN, MAX). Returns agg_id or -1. */
int         agg_lookup(const char *name);
/** Canonical name of an aggregate. */
const char *agg_name(int id);

/** Fill e->type/size/nullable of a bound EX_FUNC node from its bound arguments. */
void        func_infer_type(expr *e);

/**
 * Evaluate function id over evaluated arguments args[0..nargs-1] into out
 * (cleared first). Returns 0, or -1 with e set (22018, 22012, 22003...).
 */
int         func_eval(int id, sql_value *args, int nargs, sql_value *out, err *e);

#endif
