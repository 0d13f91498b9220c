/**
 * @file parser.h
 * Recursive-descent parser: SQL text to a statement tree (ast.h).
 * Grammar (case-insensitive keywords):
 *   [EXPLAIN] SELECT [DISTINCT|ALL] [TOP n] item, ... [FROM [schema.]table [[AS] alias]]
 *     [WHERE cond] [GROUP BY expr, ...] [HAVING cond]
 *     [ORDER BY expr [ASC|DESC] [NULLS FIRST|LAST], ...]
 *     [LIMIT n [OFFSET m] | LIMIT m, n] [OFFSET m ROW[S]] [FETCH FIRST|NEXT n ROW[S] ONLY] [;]
 * with the expression grammar described in sql/README.md. Errors: 42000
 * syntax (line, column, token, what was expected); 0A000 for statements and
 * features that are recognised but not supported (INSERT, JOIN, UNION, ...).
 */
#ifndef P1_SQL_PARSER_H
#define P1_SQL_PARSER_H

#include "common/err.h"
#include "sql/ast.h"

/** Parse text into *out (free with statement_free). Returns 0, or -1 with e set. */
int sql_parse(const char *text, statement **out, err *e);

#endif
