/**
 * @file desc.h
 * Descriptors: the four implicit descriptors of a statement (ARD, APD,
 * IRD, IPD), each a header plus records numbered from 1. SQLBindCol writes
 * ARD records, SQLBindParameter APD and IPD records; executing a statement
 * fills the IRD from the engine's column metadata, and SQLDescribeCol and
 * SQLColAttribute both read the IRD, so their answers agree.
 */
#ifndef P1_DRIVER_DESC_H
#define P1_DRIVER_DESC_H

#include <pthread.h>
#include <stdint.h>
#include <sql.h>
#include <sqlext.h>
#include <sqlucode.h>

#include "common/value.h"
#include "driver/handle_base.h"
#include "sql/engine.h"

enum p1_desc_kind { P1_ARD, P1_APD, P1_IRD, P1_IPD };

/** One descriptor record: the fields any of the four kinds use. */
typedef struct p1_descrec {
    /* application descriptors (ARD/APD) */
    SQLSMALLINT concise_type;   /**< C type (ARD/APD) or SQL type (IRD/IPD) */
    SQLSMALLINT type;           /**< verbose type (SQL_DATETIME for date/time) */
    SQLSMALLINT datetime_sub;
    SQLPOINTER  data_ptr;
    SQLLEN      octet_length;   /**< buffer length in bytes */
    SQLLEN     *indicator_ptr;
    SQLLEN     *octet_length_ptr;
    SQLULEN     length;         /**< column size */
    SQLSMALLINT precision;
    SQLSMALLINT scale;
    SQLSMALLINT param_type;     /**< IPD: SQL_PARAM_INPUT... */
    SQLSMALLINT nullable;
    int         bound;          /**< ARD/APD: set by SQLBindCol/SQLBindParameter */
    /* implementation row descriptor (IRD) */
    enum sqltype etype;         /**< engine type of the column */
    int          esize;         /**< engine size of the column */
    char        *name;
    char        *base_column_name;
    char        *base_table_name;
    char        *schema_name;
    const char  *type_name;
    const char  *literal_prefix;
    const char  *literal_suffix;
    SQLLEN       display_size;
    SQLSMALLINT  num_prec_radix;
    SQLSMALLINT  unsigned_attr;
    SQLSMALLINT  odbc2_type;    /**< concise type for ODBC 2 applications */
    SQLLEN       ird_octet_length;
} p1_descrec;

/** A descriptor: header fields plus records 1..count (recs[0] is the bookmark slot). */
typedef struct p1_desc {
    p1_handle    h;                /**< SQL_HANDLE_DESC header (implicit descriptors too) */
    void        *stmt;             /**< owning statement (p1_stmt *) */
    enum p1_desc_kind kind;
    SQLSMALLINT  count;            /**< SQL_DESC_COUNT: highest record in use */
    int          cap;              /**< allocated records (including record 0) */
    p1_descrec  *recs;
    /* header */
    SQLULEN      array_size;       /**< SQL_DESC_ARRAY_SIZE (ARD: row array size) */
    SQLUSMALLINT *array_status_ptr;/**< SQL_DESC_ARRAY_STATUS_PTR */
    SQLLEN      *bind_offset_ptr;  /**< SQL_DESC_BIND_OFFSET_PTR */
    SQLULEN      bind_type;        /**< SQL_DESC_BIND_TYPE (0 = column-wise) */
    SQLULEN     *rows_processed_ptr;/**< SQL_DESC_ROWS_PROCESSED_PTR (IRD/IPD) */
    int          is_explicit;      /**< allocated with SQLAllocHandle(SQL_HANDLE_DESC) */
    void        *dbc;              /**< explicit: owning connection (p1_dbc *) */
    struct p1_desc *next;          /**< explicit: next descriptor of the connection */
} p1_desc;

/**
 * Initialise an empty descriptor of the given kind (array size 1,
 * column-wise) with a live SQL_HANDLE_DESC header owned by stmt.
 */
void p1_desc_init(p1_desc *d, enum p1_desc_kind kind, struct p1_env *env, void *stmt);
/** Release all records and their strings, and the handle header. */
void p1_desc_free(p1_desc *d);
/** Drop all records (count = 0), keeping header fields. */
void p1_desc_clear_recs(p1_desc *d);
/** Make sure record n exists (growing count); returns it, or NULL when out of memory. */
p1_descrec *p1_desc_rec(p1_desc *d, int n);
/** Recompute count after a record was unbound (highest bound record). */
void p1_desc_trim(p1_desc *d);
/**
 * Fill an IRD from engine column metadata (ncols records). Returns 0, or -1
 * when out of memory.
 */
int p1_desc_set_ird(p1_desc *d, int ncols, const sql_colinfo *cols);

#endif
