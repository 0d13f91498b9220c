/** @file err.c  Error records passed between layers (see err.h). */
#include "common/err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void err_clear(err *e)
{
    if (!e)
        return;
    e->set = 0;
    e->sqlstate[0] = '\0';
    e->native = 0;
    e->message[0] = '\0';
}

static void err_vset(err *e, const char *sqlstate, long native, const char *fmt, va_list ap)
{
    e->set = 1;
    snprintf(e->sqlstate, sizeof e->sqlstate, "%s", sqlstate ? sqlstate : "HY000");
    e->native = native;
    vsnprintf(e->message, sizeof e->message, fmt, ap);
}

int err_set(err *e, const char *sqlstate, const char *fmt, ...)
{
    if (!e)
        return -1;
    va_list ap;
    va_start(ap, fmt);
    err_vset(e, sqlstate, 0, fmt, ap);
    va_end(ap);
    return -1;
}

int err_set_native(err *e, const char *sqlstate, long native, const char *fmt, ...)
{
    if (!e)
        return -1;
    va_list ap;
    va_start(ap, fmt);
    err_vset(e, sqlstate, native, fmt, ap);
    va_end(ap);
    return -1;
}

void err_append(err *e, const char *fmt, ...)
{
    if (!e)
        return;
    size_t used = strlen(e->message);
    if (used + 1 >= sizeof e->message)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->message + used, sizeof e->message - used, fmt, ap);
    va_end(ap);
}
