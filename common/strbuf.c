/** @file strbuf.c  Growable string buffer (see strbuf.h). */
#include "common/strbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char sb_empty[1];

void sb_init(strbuf *sb)
{
    sb->data = sb_empty;
    sb->len = 0;
    sb->cap = 0;
}

void sb_free(strbuf *sb)
{
    if (sb->cap)
        free(sb->data);
    sb_init(sb);
}

void sb_reset(strbuf *sb)
{
    sb->len = 0;
    if (sb->cap)
        sb->data[0] = '\0';
}

static int sb_grow(strbuf *sb, size_t extra)
{
    size_t need = sb->len + extra + 1;
    if (need <= sb->cap)
        return 0;
    size_t cap = sb->cap ? sb->cap : 64;
    while (cap < need)
        cap *= 2;
    char *p = sb->cap ? realloc(sb->data, cap) : malloc(cap);
    if (!p)
        return -1;
    if (!sb->cap)
        p[0] = '\0';
    sb->data = p;
    sb->cap = cap;
    return 0;
}

int sb_append_len(strbuf *sb, const char *s, size_t n)
{
    if (sb_grow(sb, n) < 0)
        return -1;
    memcpy(sb->data + sb->len, s, n);
    sb->len += n;
    sb->data[sb->len] = '\0';
    return 0;
}

int sb_append(strbuf *sb, const char *s)
{
    return sb_append_len(sb, s, strlen(s));
}

int sb_append_char(strbuf *sb, char c)
{
    return sb_append_len(sb, &c, 1);
}

int sb_vprintf(strbuf *sb, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0 || sb_grow(sb, (size_t)n) < 0)
        return -1;
    vsnprintf(sb->data + sb->len, (size_t)n + 1, fmt, ap);
    sb->len += (size_t)n;
    return 0;
}

int sb_printf(strbuf *sb, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int r = sb_vprintf(sb, fmt, ap);
    va_end(ap);
    return r;
}

char *sb_steal(strbuf *sb)
{
    char *p;
    if (sb->cap) {
        p = sb->data;
    } else {
        p = malloc(1);
        if (p)
            p[0] = '\0';
    }
    sb_init(sb);
    return p;
}
