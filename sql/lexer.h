/**
 * @file lexer.h
 * Splits SQL text into tokens: identifiers (bare or quoted with "x", [x],
 * `x`), string literals ('it''s', N'...'), numbers, `?` parameters and
 * operators. Comments (-- and slash-star) are skipped, so a `?` inside a
 * comment or a literal is never a parameter. Every token remembers its line
 * and column (1-based, in characters) for error messages.
 */
#ifndef P1_SQL_LEXER_H
#define P1_SQL_LEXER_H

#include <stddef.h>

#include "common/err.h"

enum tok_type {
    TK_EOF = 0,
    TK_IDENT,    /**< bare identifier or keyword; text is as written */
    TK_QIDENT,   /**< quoted identifier; text has the quotes removed */
    TK_STRING,   /**< string literal; text is the decoded value */
    TK_INT,      /**< integer literal that fits in 64 bits */
    TK_NUMBER,   /**< decimal or float literal (or an integer too large for 64 bits) */
    TK_PARAM,    /**< `?` */
    TK_OP        /**< punctuation/operator; text is e.g. "<=", "(", "||" */
};

typedef struct token {
    enum tok_type type;
    char         *text;   /**< malloc'd, NUL-terminated (see tok_type) */
    size_t        len;    /**< bytes in text */
    int           line;   /**< 1-based line of the first character */
    int           col;    /**< 1-based column (characters) of the first character */
} token;

typedef struct token_list {
    token *v;       /**< tokens, the last one is TK_EOF */
    int    n;       /**< number of tokens including TK_EOF */
} token_list;

/**
 * Tokenize sql (UTF-8). On success out holds the tokens (free with
 * token_list_free) and 0 is returned. On a lexical error (unterminated
 * literal or comment, stray character) e is set to 42000 with the position
 * and -1 is returned; out is then empty.
 */
int  lex_sql(const char *sql, token_list *out, err *e);

/** Release all tokens of l (l may be empty). */
void token_list_free(token_list *l);

/**
 * Report a syntax error at token t: 42000 "Syntax error at line L, column C
 * near 'TOKEN': <expected>." (or "near end of statement"). Returns -1.
 */
int  syntax_error_at(err *e, const token *t, const char *expected);

#endif
