/**
 * @file ast.h
 * The parsed form of a statement: expression trees and the SELECT statement.
 * The parser builds it, the binder (bind.h) resolves names and types in
 * place, the executor evaluates it.
 */
#ifndef P1_SQL_AST_H
#define P1_SQL_AST_H

#include "common/value.h"

enum ex_kind {
    EX_LIT,      /**< constant: lit */
    EX_PARAM,    /**< `?` number index (0-based); with name set: a column of an enclosing query
                      (correlated subquery), bound per outer row as parameter `index` */
    EX_COL,      /**< column reference qual.name, resolved to index */
    EX_NOT,      /**< NOT args[0] */
    EX_NEG,      /**< - args[0] */
    EX_AND,      /**< args[0] AND args[1] */
    EX_OR,       /**< args[0] OR args[1] */
    EX_CMP,      /**< args[0] <op: enum cmp_op> args[1] */
    EX_ARITH,    /**< args[0] <op: enum arith_op> args[1] */
    EX_CONCAT,   /**< args[0] || args[1] */
    EX_LIKE,     /**< args[0] [NOT] LIKE args[1] [ESCAPE args[2]] */
    EX_IN,       /**< args[0] [NOT] IN (args[1..]) */
    EX_ISNULL,   /**< args[0] IS [NOT] NULL */
    EX_BETWEEN,  /**< args[0] [NOT] BETWEEN args[1] AND args[2] */
    EX_FUNC,     /**< scalar function op (enum func_id) over args */
    EX_AGG,      /**< aggregate op (enum agg_id) over args[0] (none for COUNT(*)) */
    EX_CASE,     /**< op 1: CASE args[0] WHEN..; op 0: CASE WHEN..; pairs, then ELSE if has_else */
    EX_CAST,     /**< CAST(args[0] AS type cast_type) */
    EX_SUBQ      /**< subquery `sub`: op SQ_SCALAR, SQ_EXISTS or SQ_IN (args[0] [NOT] IN (sub)) */
};

enum subq_kind { SQ_SCALAR, SQ_EXISTS, SQ_IN };

enum cmp_op { CMP_EQ, CMP_NE, CMP_LT, CMP_LE, CMP_GT, CMP_GE };
enum arith_op { AR_ADD, AR_SUB, AR_MUL, AR_DIV, AR_MOD };
enum agg_id { AGG_COUNT_STAR, AGG_COUNT, AGG_SUM, AGG_AVG, AGG_MIN, AGG_MAX };

/** Scalar functions (names and arity are in func.c). */
enum func_id {
    FN_UPPER, FN_LOWER, FN_LENGTH, FN_SUBSTRING, FN_TRIM, FN_LTRIM, FN_RTRIM, FN_CONCAT,
    FN_REPLACE, FN_COALESCE, FN_NULLIF, FN_IFNULL, FN_ABS, FN_ROUND, FN_FLOOR, FN_CEILING,
    FN_MOD, FN_LEFT, FN_RIGHT, FN_POSITION, FN_LOCATE, FN_NOW, FN_CURDATE,
    FN_YEAR, FN_MONTH, FN_DAY, FN_HOUR, FN_MINUTE, FN_SECOND, FN_TSADD, FN_TSDIFF,
    FN__COUNT
};

typedef struct expr {
    enum ex_kind  kind;
    int           op;        /**< cmp_op / arith_op / func_id / agg_id / CASE form */
    int           negated;   /**< NOT LIKE, NOT IN, IS NOT NULL, NOT BETWEEN */
    int           distinct;  /**< COUNT(DISTINCT x) and other DISTINCT aggregates */
    int           has_else;  /**< CASE with ELSE */
    sql_value     lit;       /**< EX_LIT value */
    int           index;     /**< EX_PARAM number; EX_COL column; EX_AGG slot */
    char         *qual;      /**< EX_COL qualifier (table or alias), may be NULL */
    char         *name;      /**< EX_COL column name; EX_FUNC/EX_AGG name as written */
    enum sqltype  cast_type; /**< EX_CAST target */
    int           cast_size; /**< EX_CAST target size (chars), 0 = none */
    int           nargs;
    struct expr **args;
    int           line, col; /**< where it starts in the text */
    struct select_stmt *sub; /**< EX_SUBQ: the subquery (owned; NULL in a copy made by expr_dup) */
    int           correlated;/**< EX_SUBQ: the subquery refers to columns of the enclosing query */
    /* filled by the binder */
    enum sqltype  type;      /**< result type (SQLT_NULL: unknown, e.g. a bare parameter) */
    int           size;      /**< display size for TEXT, 10/19 for INT */
    int           nullable;  /**< may be NULL */
} expr;

/** A new expression node of kind k at line/col with n (zeroed) args. NULL on ENOMEM. */
expr *expr_new(enum ex_kind k, int nargs, int line, int col);
/** Free e and its children (e may be NULL). */
void  expr_free(expr *e);
/** Deep copy (NULL on ENOMEM). */
expr *expr_dup(const expr *e);
/** Structural equality (same shape, same resolved columns, same constants). */
int   expr_equal(const expr *a, const expr *b);
/** 1 if e contains a column reference (also hidden in a correlated subquery). */
int   expr_has_col(const expr *e);
/** 1 if e contains an aggregate. */
int   expr_has_agg(const expr *e);
/** 1 if e contains a subquery. */
int   expr_has_subq(const expr *e);
/** 1 if e contains a `?` parameter. */
int   expr_has_param(const expr *e);

/** One SELECT list entry. */
typedef struct sel_item {
    expr *e;          /**< NULL for * and t.* */
    char *alias;      /**< AS name, may be NULL */
    int   star;       /**< 1 for * or t.* */
    char *star_qual;  /**< the t of t.*, else NULL */
    int   line, col;
} sel_item;

/** One ORDER BY entry. */
typedef struct order_item {
    expr *e;
    int   desc;       /**< 1 DESC */
    int   nulls;      /**< 0 default (NULLs first ASC, last DESC), 1 FIRST, 2 LAST */
} order_item;

/** How a FROM item is joined to the items before it. */
enum join_kind { JK_FIRST, JK_INNER, JK_LEFT, JK_RIGHT, JK_FULL, JK_CROSS };

/** One FROM item: a table or a derived table (subquery), and how it joins. */
typedef struct from_item {
    char               *schema;  /**< may be NULL */
    char               *table;   /**< table name; NULL for a derived table */
    struct select_stmt *sub;     /**< derived table (may be a UNION chain), else NULL */
    char               *alias;   /**< may be NULL */
    int                 join;    /**< enum join_kind (JK_FIRST for the first item) */
    expr               *on;      /**< ON condition, may be NULL */
    int                 line, col;
} from_item;

/** A SELECT statement. */
typedef struct select_stmt {
    int         distinct;
    expr       *top;        /**< TOP n, may be NULL */
    int         nitems;
    sel_item   *items;
    int         has_from;
    char       *schema;     /**< FROM schema.table: schema, may be NULL */
    char       *table;
    char       *alias;      /**< may be NULL */
    int         tline, tcol;
    expr       *where;
    int         ngroup;
    expr      **group;
    expr       *having;
    int         norder;
    order_item *order;
    expr       *limit;      /**< LIMIT / FETCH FIRST, may be NULL */
    expr       *offset;     /**< OFFSET, may be NULL */
    int         nfrom;      /**< FROM items (has_from: nfrom >= 1; items 0 also fill schema/table/alias) */
    from_item  *from;
    struct select_stmt *next_union; /**< the next SELECT of a UNION chain, or NULL */
    int         union_all;  /**< the UNION before next_union is UNION ALL */
} select_stmt;

enum stmt_kind { STMT_SELECT, STMT_EXPLAIN, STMT_CALL };

/** One argument of a procedure call: optional @name and a value expression. */
typedef struct call_arg {
    char *name;   /**< parameter name without '@', or NULL (positional) */
    expr *value;
} call_arg;

typedef struct statement {
    enum stmt_kind kind;
    select_stmt   *sel;
    int            nparams;
    /* STMT_CALL */
    char          *proc_schema;  /**< may be NULL */
    char          *proc_name;
    int            nargs;
    call_arg      *args;
    int            pline, pcol;
} statement;

struct strbuf;
/** Append SQL text for e (as the engine understood it) to sb. Returns 0 or -1. */
int   expr_print(const expr *e, struct strbuf *sb);

void select_free(select_stmt *s);
void statement_free(statement *st);

#endif
