/**
 * @file connstr.h
 * ODBC connection strings: "key=value;key={value;with;braces}}}" parsed
 * into connection properties (common/props.h), DSN values merged under the
 * string's own values, and the output connection string of
 * SQLDriverConnect rebuilt from the result.
 *
 * Rules (ODBC): pairs are separated by ';'; whitespace around keys and
 * around unbraced values is ignored; keys are case-insensitive; a value in
 * braces may hold ';', '=' and spaces, and "}}" inside braces stands for
 * one '}'. DSN, DRIVER, FILEDSN and SAVEFILE are the driver manager's keys;
 * UID and PWD map to OAuthClientId and OAuthClientSecret. Any other key that
 * is not a connection property is collected as unknown (the caller warns
 * with 01S00; the connection still succeeds). The first occurrence of a key
 * wins, as the ODBC specification requires.
 */
#ifndef P1_DRIVER_CONNSTR_H
#define P1_DRIVER_CONNSTR_H

#include <stddef.h>

#include "common/err.h"
#include "common/props.h"
#include "common/strbuf.h"

/** What a connection string said. */
typedef struct connstr {
    char  *dsn;       /**< DSN value, NULL when absent */
    char  *driver;    /**< DRIVER value as given (braces removed), NULL when absent */
    char  *filedsn;   /**< FILEDSN value, NULL when absent */
    char  *savefile;  /**< SAVEFILE value, NULL when absent */
    props  props;     /**< connection properties given in the string */
    char **unknown;   /**< keys that are not properties, in order of appearance */
    int    nunknown;
} connstr;

/**
 * Parse a connection string of len bytes (or NUL-terminated when len < 0)
 * into out (initialised here; free with connstr_free even on failure).
 * Returns 0, or -1 with e set: 08001 for a '{' without its closing '}',
 * HY001 when out of memory.
 */
int connstr_parse(const char *s, long len, connstr *out, err *e);

/** Release everything connstr_parse allocated. */
void connstr_free(connstr *c);

/**
 * Reads one value of a DSN: the key's value into buf (size bytes,
 * NUL-terminated), "" when not set. Returns the value's length, or < 0.
 * In the driver this wraps SQLGetPrivateProfileString(dsn, key, "", buf,
 * size, "odbc.ini"); unit tests pass a fake.
 */
typedef int (*dsn_reader)(void *ctx, const char *dsn, const char *key, char *buf, int size);

/**
 * Read every connection property of DSN dsn with rd into out (values that
 * are empty in the DSN are left unset). Returns 0, or -1 when out of memory.
 */
int connstr_load_dsn(const char *dsn, dsn_reader rd, void *ctx, props *out);

/**
 * Overlay: every value set in over replaces the one in base (the
 * connection string wins over the DSN). Returns 0, or -1 when out of memory.
 */
int connstr_overlay(props *base, const props *over);

/**
 * Append one "key=value;" pair to out, putting the value in braces (with
 * '}' doubled) when it holds characters that need them. Returns 0 or -1.
 */
int connstr_append_pair(strbuf *out, const char *key, const char *value);

/**
 * Build the output connection string of SQLDriverConnect: DSN or DRIVER as
 * given, then every property that has a value in p, in table order. Secrets
 * are included (ODBC requires a complete string); callers must never log
 * the result. Returns 0 or -1.
 */
int connstr_build(const connstr *c, const props *p, strbuf *out);

#endif
