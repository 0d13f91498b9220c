/**
 * @file info.c
 * SQLGetInfo (a table of truthful answers for what this driver and its SQL
 * engine support; unknown types get HY096) and SQLGetFunctions (answered
 * from the exported-function list in functions.h).
 */
#include "driver/handles.h"

#include <stdio.h>
#include <string.h>

#include "driver/functions.h"

#ifndef SQL_RETURN_ESCAPE_CLAUSE
#define SQL_RETURN_ESCAPE_CLAUSE 180 /* ODBC 4.0 item that Power BI asks */
#endif

enum info_kind { I_STR, I_U16, I_U32 };

typedef struct info_entry {
    SQLUSMALLINT   id;
    enum info_kind kind;
    const char    *s;
    SQLUINTEGER    v;
} info_entry;

#define S(id, str) {id, I_STR, str, 0}
#define U16(id, val) {id, I_U16, NULL, (SQLUINTEGER)(val)}
#define U32(id, val) {id, I_U32, NULL, (SQLUINTEGER)(val)}

/*
 * Every answer in one table: keep it in step with sql/README.md (the SQL
 * engine's grammar and function list) and the driver's cursor support.
 * Engine capabilities at the time of writing: SELECT with joins (inner,
 * cross, left/right/full outer, {oj}), UNION [ALL], subqueries (IN, EXISTS,
 * scalar; correlated too), GROUP BY/HAVING, aggregates COUNT/SUM/AVG/MIN/MAX,
 * ORDER BY expressions, aliases, CASE/CAST/COALESCE/NULLIF, the scalar
 * functions below, {fn}/{d}/{ts}/{escape}/{call} escapes; read-only.
 */

/* CAST targets (sql/parser.c parse_type_name) as SQL_CVT_* masks */
#define CVT_TEXT (SQL_CVT_CHAR | SQL_CVT_VARCHAR | SQL_CVT_LONGVARCHAR | SQL_CVT_WCHAR | \
                  SQL_CVT_WVARCHAR | SQL_CVT_WLONGVARCHAR)
#define CVT_NUM  (SQL_CVT_INTEGER | SQL_CVT_SMALLINT | SQL_CVT_TINYINT | SQL_CVT_BIGINT | \
                  SQL_CVT_DOUBLE | SQL_CVT_FLOAT | SQL_CVT_REAL | SQL_CVT_DECIMAL | SQL_CVT_NUMERIC)
#define CVT_TIME (SQL_CVT_TIMESTAMP | SQL_CVT_DATE)
#define CVT_FROM_TEXT (CVT_TEXT | CVT_NUM | SQL_CVT_BIT | CVT_TIME)
#define CVT_FROM_NUM  (CVT_TEXT | CVT_NUM | SQL_CVT_BIT)
#define CVT_FROM_TIME (CVT_TEXT | CVT_TIME)
static const info_entry info_table[] = {
    /* driver and data source */
    S(SQL_DRIVER_NAME, P1_DRIVER_NAME),
    S(SQL_DRIVER_VER, P1_DRIVER_VER),
    S(SQL_DRIVER_ODBC_VER, "03.80"),
    S(SQL_ODBC_VER, "03.80"),
    S(SQL_DBMS_NAME, P1_DBMS_NAME),
    S(SQL_DBMS_VER, P1_DBMS_VER),
    S(SQL_DATA_SOURCE_READ_ONLY, "Y"),
    S(SQL_ACCESSIBLE_TABLES, "Y"),
    S(SQL_ACCESSIBLE_PROCEDURES, "Y"),
    S(SQL_PROCEDURES, "Y"),
    S(SQL_PROCEDURE_TERM, "procedure"),
    S(SQL_CATALOG_NAME, "N"),
    S(SQL_CATALOG_NAME_SEPARATOR, ""),
    S(SQL_CATALOG_TERM, ""),
    S(SQL_SCHEMA_TERM, "schema"),
    S(SQL_TABLE_TERM, "table"),
    S(SQL_COLLATION_SEQ, "UTF-8"),
    S(SQL_COLUMN_ALIAS, "Y"),
    S(SQL_DESCRIBE_PARAMETER, "Y"),
    S(SQL_EXPRESSIONS_IN_ORDERBY, "Y"),
    S(SQL_IDENTIFIER_QUOTE_CHAR, "\""),
    S(SQL_INTEGRITY, "N"),
    S(SQL_KEYWORDS, "EXPLAIN,LIMIT,NULLS,OFFSET,TOP"),
    S(SQL_LIKE_ESCAPE_CLAUSE, "Y"),
    S(SQL_MAX_ROW_SIZE_INCLUDES_LONG, "Y"),
    S(SQL_MULT_RESULT_SETS, "Y"), /* one per parameter set */
    S(SQL_MULTIPLE_ACTIVE_TXN, "Y"),
    S(SQL_NEED_LONG_DATA_LEN, "N"),
    S(SQL_ORDER_BY_COLUMNS_IN_SELECT, "N"),
    S(SQL_OUTER_JOINS, "Y"),
    S(SQL_ROW_UPDATES, "N"),
    S(SQL_SEARCH_PATTERN_ESCAPE, "\\"),
    S(SQL_SPECIAL_CHARACTERS, ""),
    S(SQL_XOPEN_CLI_YEAR, "1995"),
    /* transactions and cursors */
    /* Reads only: a transaction is a run of SELECTs, trivially atomic; each
       PingOne request sees committed data, so nonrepeatable reads and phantoms
       are possible (READ COMMITTED). SQLEndTran commits or rolls back nothing
       and keeps cursors open (SQL_CB_PRESERVE). */
    U16(SQL_TXN_CAPABLE, SQL_TC_DML),
    U32(SQL_DEFAULT_TXN_ISOLATION, SQL_TXN_READ_COMMITTED),
    U32(SQL_TXN_ISOLATION_OPTION, SQL_TXN_READ_COMMITTED),
    U16(SQL_CURSOR_COMMIT_BEHAVIOR, SQL_CB_PRESERVE),
    U16(SQL_CURSOR_ROLLBACK_BEHAVIOR, SQL_CB_PRESERVE),
    U32(SQL_CURSOR_SENSITIVITY, SQL_INSENSITIVE),
    U32(SQL_SCROLL_OPTIONS, SQL_SO_FORWARD_ONLY | SQL_SO_STATIC),
    U32(SQL_SCROLL_CONCURRENCY, SQL_SCCO_READ_ONLY),
    U32(SQL_FETCH_DIRECTION, SQL_FD_FETCH_NEXT | SQL_FD_FETCH_FIRST | SQL_FD_FETCH_LAST |
                              SQL_FD_FETCH_PRIOR | SQL_FD_FETCH_ABSOLUTE | SQL_FD_FETCH_RELATIVE),
    U32(SQL_FORWARD_ONLY_CURSOR_ATTRIBUTES1, SQL_CA1_NEXT | SQL_CA1_LOCK_NO_CHANGE | SQL_CA1_POS_POSITION |
                                             SQL_CA1_POS_REFRESH),
    U32(SQL_FORWARD_ONLY_CURSOR_ATTRIBUTES2, SQL_CA2_READ_ONLY_CONCURRENCY | SQL_CA2_MAX_ROWS_SELECT),
    U32(SQL_STATIC_CURSOR_ATTRIBUTES1, SQL_CA1_NEXT | SQL_CA1_ABSOLUTE | SQL_CA1_RELATIVE |
                                       SQL_CA1_LOCK_NO_CHANGE | SQL_CA1_POS_POSITION |
                                       SQL_CA1_POS_REFRESH),
    /* no SQL_CA2_CRC_EXACT: the row count is known only after the first fetch */
    U32(SQL_STATIC_CURSOR_ATTRIBUTES2, SQL_CA2_READ_ONLY_CONCURRENCY | SQL_CA2_MAX_ROWS_SELECT),
    U32(SQL_KEYSET_CURSOR_ATTRIBUTES1, 0),
    U32(SQL_KEYSET_CURSOR_ATTRIBUTES2, 0),
    U32(SQL_DYNAMIC_CURSOR_ATTRIBUTES1, 0),
    U32(SQL_DYNAMIC_CURSOR_ATTRIBUTES2, 0),
    U32(SQL_STATIC_SENSITIVITY, 0), /* a static cursor sees no changes */
    U32(SQL_BOOKMARK_PERSISTENCE, 0),
    U32(SQL_LOCK_TYPES, SQL_LCK_NO_CHANGE),
    U32(SQL_POS_OPERATIONS, SQL_POS_POSITION | SQL_POS_REFRESH),
    U32(SQL_POSITIONED_STATEMENTS, 0),
    U32(SQL_GETDATA_EXTENSIONS, SQL_GD_ANY_COLUMN | SQL_GD_ANY_ORDER | SQL_GD_BOUND | SQL_GD_BLOCK),
    U16(SQL_MAX_CONCURRENT_ACTIVITIES, 0),
    U16(SQL_MAX_DRIVER_CONNECTIONS, 0),
    U16(SQL_ACTIVE_ENVIRONMENTS, 0),
    U32(SQL_ASYNC_MODE, SQL_AM_STATEMENT),          /* driver/async.c */
    U32(SQL_ASYNC_DBC_FUNCTIONS, SQL_ASYNC_DBC_NOT_CAPABLE),
    U32(SQL_ASYNC_NOTIFICATION, SQL_ASYNC_NOTIFICATION_NOT_CAPABLE),
    U32(SQL_MAX_ASYNC_CONCURRENT_STATEMENTS, 0),
    U32(SQL_DRIVER_AWARE_POOLING_SUPPORTED, SQL_DRIVER_AWARE_POOLING_NOT_CAPABLE),
    U32(SQL_BATCH_ROW_COUNT, 0),
    U32(SQL_BATCH_SUPPORT, 0),
    U32(SQL_PARAM_ARRAY_ROW_COUNTS, SQL_PARC_NO_BATCH),
    U32(SQL_PARAM_ARRAY_SELECTS, SQL_PAS_BATCH), /* one result set per parameter set */
    U32(SQL_DTC_TRANSITION_COST, 0),
    U32(SQL_RETURN_ESCAPE_CLAUSE, 0),
    /* conformance */
    /* Level 1 (features 101-109): schemas, statement-level async, static
       scrollable cursors, SQLPrimaryKeys, procedures, SQLBrowseConnect,
       SQLSetPos(SQL_POSITION, SQL_REFRESH), SQLMoreResults, transactions */
    U32(SQL_ODBC_INTERFACE_CONFORMANCE, SQL_OIC_LEVEL1),
    U16(SQL_ODBC_API_CONFORMANCE, SQL_OAC_LEVEL1),
    U16(SQL_ODBC_SQL_CONFORMANCE, SQL_OSC_MINIMUM),
    U16(SQL_ODBC_SAG_CLI_CONFORMANCE, SQL_OSCC_COMPLIANT),
    U32(SQL_SQL_CONFORMANCE, SQL_SC_SQL92_ENTRY),
    U32(SQL_STANDARD_CLI_CONFORMANCE, SQL_SCC_XOPEN_CLI_VERSION1),
    /* identifiers and names */
    U16(SQL_IDENTIFIER_CASE, SQL_IC_MIXED),
    U16(SQL_QUOTED_IDENTIFIER_CASE, SQL_IC_MIXED),
    U16(SQL_MAX_CATALOG_NAME_LEN, 0),
    U16(SQL_MAX_SCHEMA_NAME_LEN, 128),
    U16(SQL_MAX_TABLE_NAME_LEN, 128),
    U16(SQL_MAX_COLUMN_NAME_LEN, 128),
    U16(SQL_MAX_IDENTIFIER_LEN, 128),
    U16(SQL_MAX_CURSOR_NAME_LEN, 128),
    U16(SQL_MAX_PROCEDURE_NAME_LEN, 128),
    U16(SQL_MAX_USER_NAME_LEN, 0),
    U16(SQL_MAX_COLUMNS_IN_GROUP_BY, 0),
    U16(SQL_MAX_COLUMNS_IN_INDEX, 0),
    U16(SQL_MAX_COLUMNS_IN_ORDER_BY, 0),
    U16(SQL_MAX_COLUMNS_IN_SELECT, 0),
    U16(SQL_MAX_COLUMNS_IN_TABLE, 0),
    U16(SQL_MAX_TABLES_IN_SELECT, 0),
    U32(SQL_MAX_BINARY_LITERAL_LEN, 0),
    U32(SQL_MAX_CHAR_LITERAL_LEN, 0),
    U32(SQL_MAX_INDEX_SIZE, 0),
    U32(SQL_MAX_ROW_SIZE, 0),
    U32(SQL_MAX_STATEMENT_LEN, 0),
    U16(SQL_CATALOG_LOCATION, 0),
    U32(SQL_CATALOG_USAGE, 0),
    U32(SQL_SCHEMA_USAGE, SQL_SU_DML_STATEMENTS | SQL_SU_PROCEDURE_INVOCATION),
    /* SQL language */
    U16(SQL_CONCAT_NULL_BEHAVIOR, SQL_CB_NULL),
    U16(SQL_CORRELATION_NAME, SQL_CN_ANY),
    U16(SQL_GROUP_BY, SQL_GB_NO_RELATION),
    U16(SQL_NON_NULLABLE_COLUMNS, SQL_NNC_NULL),
    U16(SQL_NULL_COLLATION, SQL_NC_LOW),
    U16(SQL_FILE_USAGE, SQL_FILE_NOT_SUPPORTED),
    /* COUNT(DISTINCT x) only, so no SQL_AF_DISTINCT */
    U32(SQL_AGGREGATE_FUNCTIONS, SQL_AF_AVG | SQL_AF_COUNT | SQL_AF_MAX | SQL_AF_MIN | SQL_AF_SUM),
    U32(SQL_NUMERIC_FUNCTIONS, SQL_FN_NUM_ABS | SQL_FN_NUM_CEILING | SQL_FN_NUM_FLOOR |
                               SQL_FN_NUM_MOD | SQL_FN_NUM_ROUND),
    U32(SQL_STRING_FUNCTIONS, SQL_FN_STR_CONCAT | SQL_FN_STR_LCASE | SQL_FN_STR_LEFT |
                              SQL_FN_STR_LENGTH | SQL_FN_STR_LOCATE | SQL_FN_STR_LOCATE_2 |
                              SQL_FN_STR_LTRIM | SQL_FN_STR_REPLACE | SQL_FN_STR_RIGHT |
                              SQL_FN_STR_RTRIM | SQL_FN_STR_SUBSTRING | SQL_FN_STR_UCASE |
                              SQL_FN_STR_CHAR_LENGTH | SQL_FN_STR_CHARACTER_LENGTH |
                              SQL_FN_STR_POSITION),
    U32(SQL_SYSTEM_FUNCTIONS, SQL_FN_SYS_IFNULL),
    U32(SQL_TIMEDATE_FUNCTIONS, SQL_FN_TD_CURDATE | SQL_FN_TD_CURRENT_DATE |
                                SQL_FN_TD_CURRENT_TIMESTAMP | SQL_FN_TD_NOW |
                                SQL_FN_TD_DAYOFMONTH | SQL_FN_TD_HOUR | SQL_FN_TD_MINUTE |
                                SQL_FN_TD_MONTH | SQL_FN_TD_SECOND | SQL_FN_TD_YEAR |
                                SQL_FN_TD_EXTRACT | SQL_FN_TD_TIMESTAMPADD |
                                SQL_FN_TD_TIMESTAMPDIFF),
    U32(SQL_TIMEDATE_ADD_INTERVALS, SQL_FN_TSI_SECOND | SQL_FN_TSI_MINUTE | SQL_FN_TSI_HOUR |
                                    SQL_FN_TSI_DAY | SQL_FN_TSI_WEEK | SQL_FN_TSI_MONTH |
                                    SQL_FN_TSI_QUARTER | SQL_FN_TSI_YEAR),
    U32(SQL_TIMEDATE_DIFF_INTERVALS, SQL_FN_TSI_SECOND | SQL_FN_TSI_MINUTE | SQL_FN_TSI_HOUR |
                                     SQL_FN_TSI_DAY | SQL_FN_TSI_WEEK | SQL_FN_TSI_MONTH |
                                     SQL_FN_TSI_QUARTER | SQL_FN_TSI_YEAR),
    U32(SQL_DATETIME_LITERALS, SQL_DL_SQL92_DATE | SQL_DL_SQL92_TIMESTAMP),
    U32(SQL_CONVERT_FUNCTIONS, SQL_FN_CVT_CAST | SQL_FN_CVT_CONVERT),
    U32(SQL_SQL92_PREDICATES, SQL_SP_BETWEEN | SQL_SP_COMPARISON | SQL_SP_EXISTS | SQL_SP_IN |
                              SQL_SP_ISNULL | SQL_SP_ISNOTNULL | SQL_SP_LIKE),
    U32(SQL_SQL92_RELATIONAL_JOIN_OPERATORS, SQL_SRJO_CROSS_JOIN | SQL_SRJO_FULL_OUTER_JOIN |
                                             SQL_SRJO_INNER_JOIN | SQL_SRJO_LEFT_OUTER_JOIN |
                                             SQL_SRJO_RIGHT_OUTER_JOIN),
    U32(SQL_SQL92_VALUE_EXPRESSIONS, SQL_SVE_CASE | SQL_SVE_CAST | SQL_SVE_COALESCE |
                                     SQL_SVE_NULLIF),
    /* TRIM(x) only: no TRIM(BOTH/LEADING/TRAILING c FROM x) */
    U32(SQL_SQL92_STRING_FUNCTIONS, SQL_SSF_LOWER | SQL_SSF_UPPER | SQL_SSF_SUBSTRING),
    U32(SQL_SQL92_NUMERIC_VALUE_FUNCTIONS, SQL_SNVF_CHAR_LENGTH | SQL_SNVF_CHARACTER_LENGTH |
                                           SQL_SNVF_EXTRACT | SQL_SNVF_POSITION),
    U32(SQL_SQL92_DATETIME_FUNCTIONS, SQL_SDF_CURRENT_DATE | SQL_SDF_CURRENT_TIMESTAMP),
    U32(SQL_SQL92_ROW_VALUE_CONSTRUCTOR, 0),
    U32(SQL_SQL92_FOREIGN_KEY_DELETE_RULE, 0),
    U32(SQL_SQL92_FOREIGN_KEY_UPDATE_RULE, 0),
    U32(SQL_SQL92_GRANT, 0),
    U32(SQL_SQL92_REVOKE, 0),
    U32(SQL_OJ_CAPABILITIES, SQL_OJ_LEFT | SQL_OJ_RIGHT | SQL_OJ_FULL | SQL_OJ_NESTED |
                             SQL_OJ_NOT_ORDERED | SQL_OJ_INNER | SQL_OJ_ALL_COMPARISON_OPS),
    /* IN, EXISTS and scalar subqueries, correlated or not */
    U32(SQL_SUBQUERIES, SQL_SQ_EXISTS | SQL_SQ_IN | SQL_SQ_COMPARISON | SQL_SQ_CORRELATED_SUBQUERIES),
    U32(SQL_UNION, SQL_U_UNION | SQL_U_UNION_ALL),
    U32(SQL_INDEX_KEYWORDS, SQL_IK_NONE),
    U32(SQL_INFO_SCHEMA_VIEWS, 0),
    U32(SQL_INSERT_STATEMENT, 0),
    U32(SQL_ALTER_DOMAIN, 0),
    U32(SQL_ALTER_TABLE, 0),
    U32(SQL_CREATE_ASSERTION, 0),
    U32(SQL_CREATE_CHARACTER_SET, 0),
    U32(SQL_CREATE_COLLATION, 0),
    U32(SQL_CREATE_DOMAIN, 0),
    U32(SQL_CREATE_SCHEMA, 0),
    U32(SQL_CREATE_TABLE, 0),
    U32(SQL_CREATE_TRANSLATION, 0),
    U32(SQL_CREATE_VIEW, 0),
    U32(SQL_DDL_INDEX, 0),
    U32(SQL_DROP_ASSERTION, 0),
    U32(SQL_DROP_CHARACTER_SET, 0),
    U32(SQL_DROP_COLLATION, 0),
    U32(SQL_DROP_DOMAIN, 0),
    U32(SQL_DROP_SCHEMA, 0),
    U32(SQL_DROP_TABLE, 0),
    U32(SQL_DROP_TRANSLATION, 0),
    U32(SQL_DROP_VIEW, 0),
    /* CAST between our types (SQL_CONVERT_* of a type: which types it converts to) */
    U32(SQL_CONVERT_CHAR, CVT_FROM_TEXT), U32(SQL_CONVERT_VARCHAR, CVT_FROM_TEXT),
    U32(SQL_CONVERT_LONGVARCHAR, CVT_FROM_TEXT), U32(SQL_CONVERT_WCHAR, CVT_FROM_TEXT),
    U32(SQL_CONVERT_WVARCHAR, CVT_FROM_TEXT), U32(SQL_CONVERT_WLONGVARCHAR, CVT_FROM_TEXT),
    U32(SQL_CONVERT_BIGINT, CVT_FROM_NUM), U32(SQL_CONVERT_INTEGER, CVT_FROM_NUM),
    U32(SQL_CONVERT_SMALLINT, CVT_FROM_NUM), U32(SQL_CONVERT_TINYINT, CVT_FROM_NUM),
    U32(SQL_CONVERT_DOUBLE, CVT_FROM_NUM), U32(SQL_CONVERT_FLOAT, CVT_FROM_NUM),
    U32(SQL_CONVERT_REAL, CVT_FROM_NUM), U32(SQL_CONVERT_DECIMAL, CVT_FROM_NUM),
    U32(SQL_CONVERT_NUMERIC, CVT_FROM_NUM), U32(SQL_CONVERT_BIT, CVT_FROM_NUM),
    U32(SQL_CONVERT_TIMESTAMP, CVT_FROM_TIME), U32(SQL_CONVERT_DATE, CVT_FROM_TIME),
    U32(SQL_CONVERT_TIME, 0), U32(SQL_CONVERT_BINARY, 0), U32(SQL_CONVERT_VARBINARY, 0),
    U32(SQL_CONVERT_LONGVARBINARY, 0), U32(SQL_CONVERT_GUID, 0),
    U32(SQL_CONVERT_INTERVAL_DAY_TIME, 0), U32(SQL_CONVERT_INTERVAL_YEAR_MONTH, 0),
};

#undef S
#undef U16
#undef U32

/** Host part of a URL ("https://host:port/path" -> "host:port") into buf. */
static const char *url_host(const char *url, char *buf, size_t n)
{
    const char *p = strstr(url, "://");
    p = p ? p + 3 : url;
    size_t len = strcspn(p, "/");
    snprintf(buf, n, "%.*s", (int)len, p);
    return buf;
}

/** Write a string answer; 01004 when truncated. */
static SQLRETURN put_info_str(p1_dbc *dbc, const p1_strout *sout, const char *s, SQLSMALLINT *outlen)
{
    SQLLEN total = 0;
    int trunc = p1_put_str(sout, s, &total);
    if (outlen)
        *outlen = (SQLSMALLINT)(total > 32767 ? 32767 : total);
    if (trunc)
        return p1_warn(&dbc->h, "01004", "The information string was truncated.");
    return SQL_SUCCESS;
}

SQLRETURN p1_get_info(p1_dbc *dbc, SQLUSMALLINT type, SQLPOINTER value, SQLSMALLINT buflen,
                      const p1_strout *sout, SQLSMALLINT *outlen)
{
    (void)buflen;
    char buf[512];
    const char *dyn = NULL;
    switch (type) {
    case SQL_DATA_SOURCE_NAME:
        dyn = dbc->dsn ? dbc->dsn : "";
        break;
    case SQL_SERVER_NAME:
        if (props_is_set(&dbc->props, PROP_APIBASEURL))
            dyn = url_host(props_get(&dbc->props, PROP_APIBASEURL), buf, sizeof buf);
        else {
            const char *tld = props_region_tld(props_get(&dbc->props, PROP_REGION));
            snprintf(buf, sizeof buf, "api.pingone.%s", tld ? tld : "com");
            dyn = buf;
        }
        break;
    case SQL_DATABASE_NAME:
        dyn = props_is_set(&dbc->props, PROP_ENVIRONMENTID)
                  ? props_get(&dbc->props, PROP_ENVIRONMENTID)
                  : props_get(&dbc->props, PROP_WORKERAPPENVIRONMENTID);
        break;
    case SQL_USER_NAME:
        dyn = props_get(&dbc->props, PROP_OAUTHCLIENTID);
        break;
    case SQL_DRIVER_HENV:
    case SQL_DRIVER_HDBC:
        if (value)
            *(SQLULEN *)value = type == SQL_DRIVER_HENV ? (SQLULEN)dbc->h.env : (SQLULEN)dbc;
        if (outlen)
            *outlen = sizeof(SQLULEN);
        return SQL_SUCCESS;
    default:
        break;
    }
    if (dyn)
        return put_info_str(dbc, sout, dyn, outlen);
    for (size_t i = 0; i < sizeof info_table / sizeof info_table[0]; i++) {
        const info_entry *e = &info_table[i];
        if (e->id != type)
            continue;
        switch (e->kind) {
        case I_STR:
            return put_info_str(dbc, sout, e->s, outlen);
        case I_U16:
            if (value)
                *(SQLUSMALLINT *)value = (SQLUSMALLINT)e->v;
            if (outlen)
                *outlen = sizeof(SQLUSMALLINT);
            return SQL_SUCCESS;
        case I_U32:
            if (value)
                *(SQLUINTEGER *)value = e->v;
            if (outlen)
                *outlen = sizeof(SQLUINTEGER);
            return SQL_SUCCESS;
        }
    }
    p1log_write(dbc->log, 2, "SQLGetInfo: unknown information type %u", (unsigned)type);
    return p1_error(&dbc->h, "HY096", "Information type %u is not supported by this driver.",
                    (unsigned)type);
}

/** The SQL_API_* ids of every exported function. */
static const SQLUSMALLINT exported[] = {
#define P1_FN_ID(id, name, w) id,
    P1_FUNCTIONS(P1_FN_ID)
#undef P1_FN_ID
};

SQLRETURN p1_get_functions(p1_dbc *dbc, SQLUSMALLINT id, SQLUSMALLINT *supported)
{
    size_t n = sizeof exported / sizeof exported[0];
    if (!supported)
        return p1_error(&dbc->h, "HY009", "The output pointer is NULL.");
    if (id == SQL_API_ODBC3_ALL_FUNCTIONS) {
        memset(supported, 0, sizeof(SQLUSMALLINT) * SQL_API_ODBC3_ALL_FUNCTIONS_SIZE);
        for (size_t i = 0; i < n; i++)
            supported[exported[i] >> 4] |= (SQLUSMALLINT)(1u << (exported[i] & 0xF));
        return SQL_SUCCESS;
    }
    if (id == SQL_API_ALL_FUNCTIONS) {
        memset(supported, 0, sizeof(SQLUSMALLINT) * 100);
        for (size_t i = 0; i < n; i++)
            if (exported[i] < 100)
                supported[exported[i]] = SQL_TRUE;
        return SQL_SUCCESS;
    }
    *supported = SQL_FALSE;
    for (size_t i = 0; i < n; i++)
        if (exported[i] == id)
            *supported = SQL_TRUE;
    return SQL_SUCCESS;
}
