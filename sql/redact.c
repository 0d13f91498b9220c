/**
 * @file redact.c
 * The text of a statement as it may appear in the log. Procedure calls
 * (EXEC, EXECUTE, CALL, {call ...}) carry OAuth verifiers and tokens as
 * literals, so their string literals are replaced by '***'; other
 * statements are logged as written.
 */
#include "sql/redact.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common/strbuf.h"

/** Skip white space and comments; returns the first significant character. */
static const char *skip_space(const char *p)
{
    for (;;) {
        while (isspace((unsigned char)*p))
            p++;
        if (p[0] == '-' && p[1] == '-') {
            while (*p && *p != '\n')
                p++;
        } else if (p[0] == '/' && p[1] == '*') {
            const char *end = strstr(p + 2, "*/");
            p = end ? end + 2 : p + strlen(p);
        } else {
            return p;
        }
    }
}

/** Does the word at p (case-insensitive, followed by a non-identifier char) equal w? */
static int word_is(const char *p, const char *w)
{
    size_t n = strlen(w);
    return strncasecmp(p, w, n) == 0 && !isalnum((unsigned char)p[n]) && p[n] != '_';
}

int sql_is_procedure_call(const char *sql)
{
    const char *p = skip_space(sql);
    if (*p == '{') {
        p = skip_space(p + 1);
        if (*p == '?') {           /* {? = call ...} */
            p = skip_space(p + 1);
            if (*p == '=')
                p = skip_space(p + 1);
        }
    }
    return word_is(p, "EXEC") || word_is(p, "EXECUTE") || word_is(p, "CALL");
}

char *sql_text_for_log(const char *sql)
{
    if (!sql)
        return NULL;
    if (!sql_is_procedure_call(sql))
        return strdup(sql);
    strbuf sb;
    sb_init(&sb);
    const char *p = sql;
    while (*p) {
        if (*p == '\'') {                       /* string literal: keep only the quotes */
            sb_append(&sb, "'***'");
            p++;
            while (*p) {
                if (*p == '\'' && p[1] == '\'') {
                    p += 2;
                } else if (*p == '\'') {
                    p++;
                    break;
                } else {
                    p++;
                }
            }
        } else if (*p == '"' || *p == '[' || *p == '`') { /* quoted identifier: as written */
            char close = *p == '[' ? ']' : *p;
            const char *end = strchr(p + 1, close);
            size_t n = end ? (size_t)(end - p) + 1 : strlen(p);
            sb_append_len(&sb, p, n);
            p += n;
        } else if (p[0] == '-' && p[1] == '-') {  /* comments may hold anything: drop them */
            while (*p && *p != '\n')
                p++;
        } else if (p[0] == '/' && p[1] == '*') {
            const char *end = strstr(p + 2, "*/");
            p = end ? end + 2 : p + strlen(p);
            sb_append_char(&sb, ' ');
        } else {
            sb_append_char(&sb, *p++);
        }
    }
    return sb_steal(&sb);
}
