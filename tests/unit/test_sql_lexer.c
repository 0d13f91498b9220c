/** @file test_sql_lexer.c  Unit tests for the SQL tokenizer. */
#include <string.h>

#include "sql/lexer.h"
#include "tests/tap.h"

/** Tokenize and return a compact "TYPE:text ..." description. */
static const char *toks(const char *sql)
{
    static char buf[4096];
    static const char *names[] = { "EOF", "ID", "QID", "STR", "INT", "NUM", "PARAM", "OP" };
    token_list l;
    err e;
    err_clear(&e);
    if (lex_sql(sql, &l, &e) < 0) {
        snprintf(buf, sizeof buf, "ERR %s %s", e.sqlstate, e.message);
        return buf;
    }
    buf[0] = '\0';
    for (int i = 0; i < l.n - 1; i++) {
        size_t n = strlen(buf);
        snprintf(buf + n, sizeof buf - n, "%s%s:%s", i ? " " : "", names[l.v[i].type], l.v[i].text);
    }
    token_list_free(&l);
    return buf;
}

int main(void)
{
    plan_lazy();
    is_str(toks("SELECT a,b FROM t"), "ID:SELECT ID:a OP:, ID:b ID:FROM ID:t", "basic tokens");
    is_str(toks("'it''s'"), "STR:it's", "doubled quote in a string");
    is_str(toks("N'x'"), "STR:x", "N'' string");
    is_str(toks("\"a b\" [c]] d] `e``f`"), "QID:a b QID:c] d QID:e`f", "quoted identifiers");
    is_str(toks("1 2.5 .5 1e3 99999999999999999999"), "INT:1 NUM:2.5 NUM:.5 NUM:1e3 NUM:99999999999999999999",
           "numbers");
    is_str(toks("a<>b != <= >= || < > = + - * / %"),
           "ID:a OP:<> ID:b OP:!= OP:<= OP:>= OP:|| OP:< OP:> OP:= OP:+ OP:- OP:* OP:/ OP:%", "operators");
    is_str(toks("? '?' -- ? comment\n /* ? */ ?"), "PARAM:? STR:? PARAM:?", "? in literal/comment is not a parameter");
    is_str(toks("{fn UCASE(x)}"), "OP:{ ID:fn ID:UCASE OP:( ID:x OP:) OP:}", "escape braces");
    is_str(toks("x.y"), "ID:x OP:. ID:y", "qualified name");
    is_str(toks("Zoë"), "ID:Zoë", "UTF-8 identifier");

    token_list l;
    err e;
    err_clear(&e);
    ok(lex_sql("SELECT\n  'abc", &l, &e) < 0, "unterminated string fails");
    is_str(e.sqlstate, "42000", "unterminated string is 42000");
    ok(strstr(e.message, "line 2, column 3") != NULL, "position of unterminated string: %s", e.message);
    err_clear(&e);
    ok(lex_sql("SELECT /* x", &l, &e) < 0 && strcmp(e.sqlstate, "42000") == 0, "unterminated comment");
    err_clear(&e);
    ok(lex_sql("SELECT # FROM", &l, &e) < 0, "stray character fails");
    ok(strstr(e.message, "line 1, column 8 near '#'") != NULL, "stray char message: %s", e.message);
    err_clear(&e);
    ok(lex_sql("SELECT \"\"", &l, &e) < 0, "empty quoted identifier fails");
    err_clear(&e);
    ok(lex_sql("SELECT 'é' ? ", &l, &e) == 0, "lex ok");
    is_int(l.v[2].col, 12, "column counts characters, not bytes");
    token_list_free(&l);
    ok(lex_sql("SELECT 12abc", &l, &e) < 0, "number followed by letters fails");
    return done_testing();
}
