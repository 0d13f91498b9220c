/**
 * @file diag.h
 * Diagnostics of one handle: header fields (return code, row counts,
 * dynamic function) and a list of status records (SQLSTATE, native code,
 * message, row and column number). Records store the ODBC 3 SQLSTATE; the
 * ODBC 2 code is chosen when the application reads it, by the environment's
 * SQL_ATTR_ODBC_VERSION at that moment.
 */
#ifndef P1_DRIVER_DIAG_H
#define P1_DRIVER_DIAG_H

#include <sql.h>
#include <sqlext.h>
#include <sqlucode.h>

#include "driver/strout.h"

/** Prefix of every message, in the vendor style "[vendor][component]". */
#define P1_DIAG_PREFIX "[pingone-odbc]"

/** One status record. */
typedef struct p1_diag_rec {
    char        state[6];   /**< ODBC 3 SQLSTATE */
    SQLINTEGER  native;     /**< native code (HTTP status for PingOne errors) */
    char       *msg;        /**< full message including the prefix */
    char       *conn;       /**< connection (data source) name, "" when none */
    SQLLEN      row;        /**< SQL_DIAG_ROW_NUMBER */
    SQLINTEGER  col;        /**< SQL_DIAG_COLUMN_NUMBER */
} p1_diag_rec;

/** Header plus records. */
typedef struct p1_diag {
    p1_diag_rec *recs;
    int          n, cap;
    SQLRETURN    rc;              /**< SQL_DIAG_RETURNCODE */
    SQLLEN       row_count;       /**< SQL_DIAG_ROW_COUNT */
    SQLLEN       cursor_row_count;/**< SQL_DIAG_CURSOR_ROW_COUNT */
    const char  *dyn_func;        /**< SQL_DIAG_DYNAMIC_FUNCTION ("" when none) */
    SQLINTEGER   dyn_code;        /**< SQL_DIAG_DYNAMIC_FUNCTION_CODE */
} p1_diag;

/** Empty diagnostics (no records, header reset). */
void p1_diag_init(p1_diag *d);
/** Drop every record and reset the header. */
void p1_diag_clear(p1_diag *d);
/** Release memory (the struct may be reused after p1_diag_init). */
void p1_diag_free(p1_diag *d);

/**
 * Append a record. msg is the sentence without prefix; conn may be NULL.
 * Out of memory drops the record silently (diagnostics cannot fail).
 */
void p1_diag_add(p1_diag *d, const char *state, long native, const char *msg, const char *conn);

/** The SQLSTATE to report for ODBC 3 state s: s itself, or its ODBC 2 code when odbc2. */
const char *p1_sqlstate_for(const char *s, int odbc2);

/**
 * SQLGetDiagRec: record recno (1-based). state receives the 5-character
 * SQLSTATE (a buffer of 6 units), msg the message; *msglen its full length
 * in msg's units. Returns SQL_SUCCESS, SQL_SUCCESS_WITH_INFO (message
 * truncated), SQL_NO_DATA (no such record) or SQL_ERROR (recno < 1 or bufferlength < 0).
 */
SQLRETURN p1_diag_get_rec(const p1_diag *d, int odbc2, SQLSMALLINT recno,
                          const p1_strout *state, SQLINTEGER *native,
                          const p1_strout *msg, SQLSMALLINT *msglen);

/**
 * SQLGetDiagField for header (recno 0) and record fields. Integer fields go
 * to value, string fields through str (*strlen receives their length).
 * htype is the handle kind (some fields exist only for statements).
 */
SQLRETURN p1_diag_get_field(const p1_diag *d, int odbc2, SQLSMALLINT htype, SQLSMALLINT recno,
                            SQLSMALLINT field, SQLPOINTER value, const p1_strout *str,
                            SQLSMALLINT *strlen);

#endif
