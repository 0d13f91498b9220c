/** @file log.c  Optional log file (see log.h). */
#include "common/log.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct p1log {
    FILE           *fp;
    int             verbosity;
    pthread_mutex_t lock;
};

p1log *p1log_open(const char *path, int verbosity)
{
    if (!path || !*path || verbosity <= 0)
        return NULL;
    FILE *fp = fopen(path, "a");
    if (!fp)
        return NULL;
    p1log *log = calloc(1, sizeof *log);
    if (!log) {
        fclose(fp);
        return NULL;
    }
    log->fp = fp;
    log->verbosity = verbosity;
    pthread_mutex_init(&log->lock, NULL);
    return log;
}

void p1log_close(p1log *log)
{
    if (!log)
        return;
    fclose(log->fp);
    pthread_mutex_destroy(&log->lock);
    free(log);
}

int p1log_enabled(const p1log *log, int level)
{
    return log && level <= log->verbosity;
}

void p1log_write(p1log *log, int level, const char *fmt, ...)
{
    if (!p1log_enabled(log, level))
        return;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    struct tm tm;
    gmtime_r(&ts.tv_sec, &tm);
    char stamp[32];
    strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%S", &tm);
    pthread_mutex_lock(&log->lock);
    fprintf(log->fp, "%s.%03ldZ [%d] ", stamp, ts.tv_nsec / 1000000, level);
    va_list ap;
    va_start(ap, fmt);
    vfprintf(log->fp, fmt, ap);
    va_end(ap);
    fputc('\n', log->fp);
    fflush(log->fp);
    pthread_mutex_unlock(&log->lock);
}
