/** @file strout.c  Output strings for the A and W entry points (see strout.h). */
#include "driver/strout.h"

#include <string.h>

#include "driver/utf16.h"

p1_strout p1_out_a(void *buf, SQLLEN cap)
{
    p1_strout o = {buf, cap < 0 ? 0 : cap, 0, 1};
    return o;
}

p1_strout p1_out_w(void *buf, SQLLEN cap, int in_bytes)
{
    p1_strout o = {buf, cap < 0 ? 0 : cap, 1, in_bytes};
    return o;
}

/** Length of the longest prefix of s (at most max bytes) that ends on a UTF-8 character boundary. */
static size_t utf8_cut(const char *s, size_t max)
{
    size_t n = max;
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--;
    return n;
}

int p1_put_str(const p1_strout *o, const char *s, SQLLEN *total)
{
    if (!s)
        s = "";
    size_t len = strlen(s);
    if (!o->wide) {
        if (total)
            *total = (SQLLEN)len;
        if (!o->buf)
            return 0;
        if (o->cap <= 0)
            return len > 0;
        size_t room = (size_t)o->cap - 1;
        size_t n = len <= room ? len : utf8_cut(s, room);
        memcpy(o->buf, s, n);
        ((char *)o->buf)[n] = '\0';
        return n < len;
    }
    size_t units_cap = o->bytes ? (size_t)o->cap / sizeof(SQLWCHAR) : (size_t)o->cap;
    size_t full = 0;
    int trunc;
    if (o->buf && units_cap > 0) {
        trunc = utf8_to_utf16_buf(s, len, (SQLWCHAR *)o->buf, units_cap, &full);
    } else {
        full = utf8_to_utf16_units(s, len);
        trunc = o->buf && full > 0;
    }
    if (total)
        *total = (SQLLEN)(o->bytes ? full * sizeof(SQLWCHAR) : full);
    return trunc;
}
