/** @file lexer.c  SQL tokenizer (see lexer.h). */
#include "sql/lexer.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/strbuf.h"

/** Scanner position: byte offset plus line/column for messages. */
typedef struct lexpos {
    const char *s;
    size_t      i;
    int         line, col;
} lexpos;

/** Advance one byte, counting columns in characters (UTF-8 continuation bytes do not count). */
static void adv(lexpos *p)
{
    unsigned char c = (unsigned char)p->s[p->i];
    if (!c)
        return;
    p->i++;
    if (c == '\n') {
        p->line++;
        p->col = 1;
    } else if ((c & 0xC0) != 0x80) {
        p->col++;
    }
}

/** Append a token to the list; takes ownership of text. Returns 0 or -1. */
static int push_tok(token_list *l, int *cap, enum tok_type t, char *text, size_t len,
                    int line, int col)
{
    if (l->n == *cap) {
        int nc = *cap ? *cap * 2 : 32;
        token *nv = realloc(l->v, (size_t)nc * sizeof *nv);
        if (!nv) {
            free(text);
            return -1;
        }
        l->v = nv;
        *cap = nc;
    }
    token *k = &l->v[l->n++];
    k->type = t;
    k->text = text;
    k->len = len;
    k->line = line;
    k->col = col;
    return 0;
}

/** Copy n bytes into a fresh NUL-terminated string. */
static char *dupn(const char *s, size_t n)
{
    char *r = malloc(n + 1);
    if (r) {
        memcpy(r, s, n);
        r[n] = '\0';
    }
    return r;
}

static int lex_err(err *e, int line, int col, const char *near, const char *what)
{
    if (near)
        return err_set(e, "42000", "Syntax error at line %d, column %d near '%s': %s.",
                       line, col, near, what);
    return err_set(e, "42000", "Syntax error at line %d, column %d near end of statement: %s.",
                   line, col, what);
}

int syntax_error_at(err *e, const token *t, const char *expected)
{
    if (!t || t->type == TK_EOF)
        return lex_err(e, t ? t->line : 1, t ? t->col : 1, NULL, expected);
    char near[64];
    const char *txt = t->text ? t->text : "";
    size_t n = strlen(txt);
    if (n > 40) {
        /* cut at a character boundary */
        n = 40;
        while (n > 0 && (((unsigned char)txt[n]) & 0xC0) == 0x80)
            n--;
    }
    if (t->type == TK_STRING) {
        snprintf(near, sizeof near, "'%.*s%s'", (int)n, txt, strlen(txt) > n ? "..." : "");
        return err_set(e, "42000", "Syntax error at line %d, column %d near %s: %s.",
                       t->line, t->col, near, expected);
    }
    snprintf(near, sizeof near, "%.*s%s", (int)n, txt, strlen(txt) > n ? "..." : "");
    return lex_err(e, t->line, t->col, near, expected);
}

/** Read a quoted run closed by `close` where a doubled close stands for itself. */
static int read_quoted(lexpos *p, char close, strbuf *sb)
{
    adv(p); /* opening quote */
    for (;;) {
        char c = p->s[p->i];
        if (!c)
            return -1;
        if (c == close) {
            if (p->s[p->i + 1] == close) {
                if (sb_append_char(sb, c) < 0)
                    return -2;
                adv(p);
                adv(p);
                continue;
            }
            adv(p);
            return 0;
        }
        size_t start = p->i;
        adv(p);
        if (sb_append_len(sb, p->s + start, p->i - start) < 0)
            return -2;
    }
}

static int is_ident_start(unsigned char c)
{
    return isalpha(c) || c == '_' || c >= 0x80;
}

static int is_ident_char(unsigned char c)
{
    return isalnum(c) || c == '_' || c == '$' || c >= 0x80;
}

int lex_sql(const char *sql, token_list *out, err *e)
{
    out->v = NULL;
    out->n = 0;
    int cap = 0;
    lexpos p = { sql ? sql : "", 0, 1, 1 };
    static const char *ops2[] = { "<>", "!=", "<=", ">=", "||", NULL };
    for (;;) {
        unsigned char c = (unsigned char)p.s[p.i];
        if (!c)
            break;
        if (isspace(c)) {
            adv(&p);
            continue;
        }
        int line = p.line, col = p.col;
        if (c == '-' && p.s[p.i + 1] == '-') {
            while (p.s[p.i] && p.s[p.i] != '\n')
                adv(&p);
            continue;
        }
        if (c == '/' && p.s[p.i + 1] == '*') {
            adv(&p);
            adv(&p);
            while (p.s[p.i] && !(p.s[p.i] == '*' && p.s[p.i + 1] == '/'))
                adv(&p);
            if (!p.s[p.i]) {
                token_list_free(out);
                return lex_err(e, line, col, "/*", "unterminated comment (missing */)");
            }
            adv(&p);
            adv(&p);
            continue;
        }
        if (c == '\'' || ((c == 'N' || c == 'n') && p.s[p.i + 1] == '\'')) {
            size_t start_i = p.i;
            if (c != '\'')
                adv(&p);
            strbuf sb;
            sb_init(&sb);
            int r = read_quoted(&p, '\'', &sb);
            if (r < 0) {
                sb_free(&sb);
                token_list_free(out);
                if (r == -2)
                    return err_set(e, "HY001", "Out of memory while reading the statement.");
                char near[32];
                size_t k = 0;
                while (sql[start_i + k] && k < 12)
                    k++;
                while (k > 0 && (((unsigned char)sql[start_i + k]) & 0xC0) == 0x80)
                    k--; /* do not cut a UTF-8 character */
                snprintf(near, sizeof near, "%.*s%s", (int)k, sql + start_i, sql[start_i + k] ? "..." : "");
                return lex_err(e, line, col, near, "unterminated string literal (missing ')");
            }
            size_t n = sb.len;
            if (push_tok(out, &cap, TK_STRING, sb_steal(&sb), n, line, col) < 0)
                goto oom;
            continue;
        }
        if (c == '"' || c == '[' || c == '`') {
            char close = c == '[' ? ']' : (char)c;
            strbuf sb;
            sb_init(&sb);
            int r = read_quoted(&p, close, &sb);
            if (r < 0) {
                sb_free(&sb);
                token_list_free(out);
                if (r == -2)
                    return err_set(e, "HY001", "Out of memory while reading the statement.");
                return lex_err(e, line, col, NULL, "unterminated quoted identifier");
            }
            if (sb.len == 0) {
                sb_free(&sb);
                token_list_free(out);
                return lex_err(e, line, col, c == '[' ? "[]" : (c == '"' ? "\"\"" : "``"),
                               "an identifier cannot be empty");
            }
            size_t n = sb.len;
            if (push_tok(out, &cap, TK_QIDENT, sb_steal(&sb), n, line, col) < 0)
                goto oom;
            continue;
        }
        if (isdigit(c) || (c == '.' && isdigit((unsigned char)p.s[p.i + 1]))) {
            size_t start = p.i;
            int isint = 1;
            while (isdigit((unsigned char)p.s[p.i]))
                adv(&p);
            if (p.s[p.i] == '.') {
                isint = 0;
                adv(&p);
                while (isdigit((unsigned char)p.s[p.i]))
                    adv(&p);
            }
            if ((p.s[p.i] == 'e' || p.s[p.i] == 'E') &&
                (isdigit((unsigned char)p.s[p.i + 1]) ||
                 ((p.s[p.i + 1] == '+' || p.s[p.i + 1] == '-') &&
                  isdigit((unsigned char)p.s[p.i + 2])))) {
                isint = 0;
                adv(&p);
                adv(&p);
                while (isdigit((unsigned char)p.s[p.i]))
                    adv(&p);
            }
            if (is_ident_start((unsigned char)p.s[p.i])) {
                char *bad = dupn(p.s + start, p.i - start + 1);
                token_list_free(out);
                lex_err(e, line, col, bad ? bad : "?", "a number cannot be followed by a letter");
                free(bad);
                return -1;
            }
            char *txt = dupn(p.s + start, p.i - start);
            if (!txt)
                goto oom;
            if (isint) {
                errno = 0;
                (void)strtoll(txt, NULL, 10);
                if (errno == ERANGE)
                    isint = 0;
            }
            if (push_tok(out, &cap, isint ? TK_INT : TK_NUMBER, txt, p.i - start, line, col) < 0)
                goto oom;
            continue;
        }
        if (is_ident_start(c)) {
            size_t start = p.i;
            while (p.s[p.i] && is_ident_char((unsigned char)p.s[p.i]))
                adv(&p);
            char *txt = dupn(p.s + start, p.i - start);
            if (!txt || push_tok(out, &cap, TK_IDENT, txt, p.i - start, line, col) < 0)
                goto oom;
            continue;
        }
        if (c == '?') {
            adv(&p);
            char *txt = dupn("?", 1);
            if (!txt || push_tok(out, &cap, TK_PARAM, txt, 1, line, col) < 0)
                goto oom;
            continue;
        }
        int matched = 0;
        for (int k = 0; ops2[k]; k++) {
            if (p.s[p.i] == ops2[k][0] && p.s[p.i + 1] == ops2[k][1]) {
                adv(&p);
                adv(&p);
                char *txt = dupn(ops2[k], 2);
                if (!txt || push_tok(out, &cap, TK_OP, txt, 2, line, col) < 0)
                    goto oom;
                matched = 1;
                break;
            }
        }
        if (matched)
            continue;
        if (strchr("(),.*=<>+-/%;{}@", c)) {
            adv(&p);
            char *txt = dupn((const char *)&c, 1);
            if (!txt || push_tok(out, &cap, TK_OP, txt, 1, line, col) < 0)
                goto oom;
            continue;
        }
        /* stray character: show it (whole UTF-8 sequence) */
        size_t start = p.i;
        adv(&p);
        while ((((unsigned char)p.s[p.i]) & 0xC0) == 0x80)
            adv(&p);
        char *bad = dupn(p.s + start, p.i - start);
        token_list_free(out);
        lex_err(e, line, col, bad ? bad : "?", "unexpected character");
        free(bad);
        return -1;
    }
    {
        char *txt = dupn("", 0);
        if (!txt || push_tok(out, &cap, TK_EOF, txt, 0, p.line, p.col) < 0)
            goto oom;
    }
    return 0;
oom:
    token_list_free(out);
    return err_set(e, "HY001", "Out of memory while reading the statement.");
}

void token_list_free(token_list *l)
{
    for (int i = 0; i < l->n; i++)
        free(l->v[i].text);
    free(l->v);
    l->v = NULL;
    l->n = 0;
}
