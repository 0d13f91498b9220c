/**
 * @file log.h
 * The driver's optional log file (Logfile, Verbosity). The driver never
 * writes to stdout or stderr. Callers must never pass a secret or a token:
 * log HTTP requests by method and URL only, never the Authorization header
 * or a token endpoint body.
 */
#ifndef P1_COMMON_LOG_H
#define P1_COMMON_LOG_H

typedef struct p1log p1log;

/** Open (append) a log; NULL path or "" gives NULL, which every call accepts. */
p1log *p1log_open(const char *path, int verbosity);
void   p1log_close(p1log *log);
/** Non-zero when a message at this level would be written. */
int    p1log_enabled(const p1log *log, int level);
/** Write one line (timestamp, level, message) when level <= verbosity. */
void   p1log_write(p1log *log, int level, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
