/**
 * @file strbuf.h
 * A growable, always NUL-terminated byte buffer. Allocation failure aborts
 * the process only through xmalloc-style helpers; strbuf itself returns -1
 * and leaves the buffer valid.
 */
#ifndef P1_COMMON_STRBUF_H
#define P1_COMMON_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct strbuf {
    char  *data;  /**< NUL-terminated contents ("" when empty, never NULL after init) */
    size_t len;   /**< bytes used, excluding the NUL */
    size_t cap;   /**< bytes allocated */
} strbuf;

void sb_init(strbuf *sb);
void sb_free(strbuf *sb);
void sb_reset(strbuf *sb);                         /**< len = 0, keeps memory */
int  sb_append(strbuf *sb, const char *s);
int  sb_append_len(strbuf *sb, const char *s, size_t n);
int  sb_append_char(strbuf *sb, char c);
int  sb_printf(strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int  sb_vprintf(strbuf *sb, const char *fmt, va_list ap);
/** Hand the contents to the caller (malloc'd) and reset the buffer. */
char *sb_steal(strbuf *sb);

#endif
