/**
 * @file dbc.c
 * Connections: SQLConnect (DSN read from odbc.ini), SQLDriverConnect
 * (connection string over an optional DSN), SQLDisconnect, connection
 * attributes, SQLEndTran and SQLNativeSql.
 */
#include "driver/handles.h"

#include <odbcinst.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common/strbuf.h"
#include "driver/connstr.h"
#include "pingone/pingone.h"

/** dsn_reader over libodbcinst: one key of the DSN's section in odbc.ini. */
int p1_ini_reader(void *ctx, const char *dsn, const char *key, char *buf, int size)
{
    (void)ctx;
    return SQLGetPrivateProfileString(dsn, key, "", buf, size, "odbc.ini");
}

/** Map the PushDown property to the engine's 2/1/0. */
static int pushdown_level(const props *p)
{
    const char *v = props_get(p, PROP_PUSHDOWN);
    if (strcasecmp(v, "None") == 0)
        return 0;
    if (strcasecmp(v, "KeysOnly") == 0)
        return 1;
    return 2;
}

/**
 * Connect with the effective properties p (copied into dbc): validate, open
 * the log, sign in through the PingOne provider, create the engine session.
 */
SQLRETURN p1_open_connection(p1_dbc *dbc, const props *p, const char *dsn)
{
    err e;
    err_clear(&e);
    if (props_validate(p, &e) < 0)
        return p1_fail(&dbc->h, &e);
    if (props_copy(&dbc->props, p) < 0)
        return p1_error(&dbc->h, "HY001", "Out of memory.");
    free(dbc->dsn);
    dbc->dsn = strdup(dsn ? dsn : "");
    dbc->log = p1log_open(props_get(p, PROP_LOGFILE), atoi(props_get(p, PROP_VERBOSITY)));
    p1log_write(dbc->log, 1, "connecting (DSN '%s', environment '%s')", dbc->dsn ? dbc->dsn : "",
                props_get(p, PROP_ENVIRONMENTID)[0] ? props_get(p, PROP_ENVIRONMENTID)
                                                    : props_get(p, PROP_WORKERAPPENVIRONMENTID));
    provider *prov = NULL;
    if (pingone_provider_open(&dbc->props, dbc->log, &prov, &e) < 0 || !prov) {
        SQLRETURN rc = p1_fail(&dbc->h, &e);
        p1log_close(dbc->log);
        dbc->log = NULL;
        return rc == SQL_SUCCESS_WITH_INFO ? SQL_ERROR : rc;
    }
    dbc->session = sql_session_new(prov, pushdown_level(p));
    if (!dbc->session) {
        prov->ops->destroy(prov);
        p1log_close(dbc->log);
        dbc->log = NULL;
        return p1_error(&dbc->h, "HY001", "Out of memory.");
    }
    dbc->connected = 1;
    p1log_write(dbc->log, 1, "connected");
    return SQL_SUCCESS;
}

SQLRETURN p1_connect(p1_dbc *dbc, const char *dsn, const char *uid, const char *pwd)
{
    if (dbc->connected)
        return p1_error(&dbc->h, "08002", "The connection is already open.");
    if (dbc->browse)
        return p1_error(&dbc->h, "HY010", "SQLBrowseConnect is in progress: finish it or call SQLDisconnect first.");
    if (!dsn || !dsn[0])
        return p1_error(&dbc->h, "IM002", "No data source name was given.");
    props p;
    props_init(&p);
    if (connstr_load_dsn(dsn, p1_ini_reader, NULL, &p) < 0 ||
        (uid && uid[0] && props_set_id(&p, PROP_OAUTHCLIENTID, uid) < 0) ||
        (pwd && pwd[0] && props_set_id(&p, PROP_OAUTHCLIENTSECRET, pwd) < 0)) {
        props_free(&p);
        return p1_error(&dbc->h, "HY001", "Out of memory.");
    }
    SQLRETURN rc = p1_open_connection(dbc, &p, dsn);
    props_free(&p);
    return rc;
}

SQLRETURN p1_driver_connect(p1_dbc *dbc, const char *in, const p1_strout *out, SQLLEN *outlen,
                            SQLUSMALLINT completion)
{
    if (dbc->connected)
        return p1_error(&dbc->h, "08002", "The connection is already open.");
    if (dbc->browse)
        return p1_error(&dbc->h, "HY010", "SQLBrowseConnect is in progress: finish it or call SQLDisconnect first.");
    if (completion != SQL_DRIVER_NOPROMPT && completion != SQL_DRIVER_COMPLETE &&
        completion != SQL_DRIVER_PROMPT && completion != SQL_DRIVER_COMPLETE_REQUIRED)
        return p1_error(&dbc->h, "HY110", "DriverCompletion %u is not valid.", (unsigned)completion);
    connstr c;
    err e;
    err_clear(&e);
    if (connstr_parse(in, -1, &c, &e) < 0) {
        connstr_free(&c);
        return p1_fail(&dbc->h, &e);
    }
    props p;
    props_init(&p);
    if ((c.dsn && c.dsn[0] && connstr_load_dsn(c.dsn, p1_ini_reader, NULL, &p) < 0) ||
        connstr_overlay(&p, &c.props) < 0) {
        props_free(&p);
        connstr_free(&c);
        return p1_error(&dbc->h, "HY001", "Out of memory.");
    }
    SQLRETURN rc = p1_open_connection(dbc, &p, c.dsn);
    if (SQL_SUCCEEDED(rc)) {
        for (int i = 0; i < c.nunknown; i++)
            rc = p1_warn(&dbc->h, "01S00", "The connection-string key '%s' is not a property of "
                         "this driver and was ignored.", c.unknown[i]);
        strbuf sb;
        sb_init(&sb);
        if (connstr_build(&c, &p, &sb) == 0) {
            if (p1_put_str(out, sb.data, outlen))
                rc = p1_warn(&dbc->h, "01004", "The output connection string was truncated.");
        }
        sb_free(&sb);
    }
    props_free(&p);
    connstr_free(&c);
    return rc;
}

SQLRETURN p1_disconnect(p1_dbc *dbc)
{
    if (!dbc->connected && dbc->browse) {
        p1_browse_reset(dbc); /* ends an SQLBrowseConnect that returned SQL_NEED_DATA */
        return SQL_SUCCESS;
    }
    if (!dbc->connected)
        return p1_error(&dbc->h, "08003", "The connection is not open.");
    p1_dbc_free_stmts(dbc);
    sql_session_free(dbc->session);
    dbc->session = NULL;
    p1log_write(dbc->log, 1, "disconnected");
    p1log_close(dbc->log);
    dbc->log = NULL;
    props_free(&dbc->props);
    dbc->connected = 0;
    return SQL_SUCCESS;
}

SQLRETURN p1_set_connect_attr(p1_dbc *dbc, SQLINTEGER attr, SQLPOINTER value, SQLINTEGER len,
                              const char *strval)
{
    (void)len;
    SQLUINTEGER v = (SQLUINTEGER)(SQLULEN)value;
    switch (attr) {
    case SQL_ATTR_AUTOCOMMIT:
        if (v != SQL_AUTOCOMMIT_ON && v != SQL_AUTOCOMMIT_OFF)
            return p1_error(&dbc->h, "HY024", "SQL_ATTR_AUTOCOMMIT must be SQL_AUTOCOMMIT_ON or _OFF.");
        dbc->autocommit = v; /* read-only source: nothing to commit either way */
        return SQL_SUCCESS;
    case SQL_ATTR_ACCESS_MODE:
        if (v != SQL_MODE_READ_ONLY && v != SQL_MODE_READ_WRITE)
            return p1_error(&dbc->h, "HY024", "SQL_ATTR_ACCESS_MODE %u is not valid.", (unsigned)v);
        dbc->access_mode = v;
        return SQL_SUCCESS;
    case SQL_ATTR_LOGIN_TIMEOUT:
        dbc->login_timeout = v;
        return SQL_SUCCESS;
    case SQL_ATTR_CONNECTION_TIMEOUT:
        dbc->connection_timeout = v;
        return SQL_SUCCESS;
    case SQL_ATTR_TXN_ISOLATION:
        if (v != SQL_TXN_READ_UNCOMMITTED && v != SQL_TXN_READ_COMMITTED &&
            v != SQL_TXN_REPEATABLE_READ && v != SQL_TXN_SERIALIZABLE)
            return p1_error(&dbc->h, "HY024", "SQL_ATTR_TXN_ISOLATION %u is not valid.", (unsigned)v);
        /* the one level PingOne reads have (SQL_TXN_ISOLATION_OPTION) */
        dbc->txn_isolation = SQL_TXN_READ_COMMITTED;
        if (v != SQL_TXN_READ_COMMITTED)
            return p1_warn(&dbc->h, "01S02", "Option value changed: PingOne reads are READ "
                           "COMMITTED (each request sees committed data), so "
                           "SQL_ATTR_TXN_ISOLATION is SQL_TXN_READ_COMMITTED.");
        return SQL_SUCCESS;
    case SQL_ATTR_PACKET_SIZE:
        dbc->packet_size = v;
        return SQL_SUCCESS;
    case SQL_ATTR_QUIET_MODE:
        dbc->quiet_mode = v;
        return SQL_SUCCESS;
    case SQL_ATTR_METADATA_ID:
        if (v != SQL_TRUE && v != SQL_FALSE)
            return p1_error(&dbc->h, "HY024", "SQL_ATTR_METADATA_ID must be SQL_TRUE or SQL_FALSE.");
        dbc->metadata_id = v;
        return SQL_SUCCESS;
    case SQL_ATTR_TRACE:
        dbc->trace = v;
        return SQL_SUCCESS;
    case SQL_ATTR_TRACEFILE:
    case SQL_ATTR_TRANSLATE_LIB:
        return SQL_SUCCESS; /* handled by the driver manager */
    case SQL_ATTR_TRANSLATE_OPTION:
        return SQL_SUCCESS;
    case SQL_ATTR_ODBC_CURSORS:
        dbc->odbc_cursors = v;
        return SQL_SUCCESS;
    case SQL_ATTR_CURRENT_CATALOG: {
        char *c = strdup(strval ? strval : "");
        if (!c)
            return p1_error(&dbc->h, "HY001", "Out of memory.");
        free(dbc->current_catalog);
        dbc->current_catalog = c;
        return SQL_SUCCESS;
    }
    case SQL_ATTR_ASYNC_ENABLE:   /* the default for statements allocated from now on */
        if (v != SQL_ASYNC_ENABLE_OFF && v != SQL_ASYNC_ENABLE_ON)
            return p1_error(&dbc->h, "HY024", "SQL_ATTR_ASYNC_ENABLE must be SQL_ASYNC_ENABLE_OFF "
                            "or SQL_ASYNC_ENABLE_ON.");
        dbc->async_enable = v;
        return SQL_SUCCESS;
    case SQL_ATTR_CONNECTION_DEAD:
    case SQL_ATTR_AUTO_IPD:
        return p1_error(&dbc->h, "HY092", "Connection attribute %d is read-only.", (int)attr);
    case SQL_ATTR_ANSI_APP:
        /* we behave the same for ANSI and Unicode applications */
        return p1_error(&dbc->h, "HYC00", "SQL_ATTR_ANSI_APP makes no difference to this driver.");
    default:
        return p1_error(&dbc->h, "HY092", "Connection attribute %d is not supported.", (int)attr);
    }
}

SQLRETURN p1_get_connect_attr(p1_dbc *dbc, SQLINTEGER attr, SQLPOINTER value,
                              const p1_strout *sout, SQLLEN *outlen)
{
    SQLUINTEGER v;
    switch (attr) {
    case SQL_ATTR_AUTOCOMMIT: v = dbc->autocommit; break;
    case SQL_ATTR_ACCESS_MODE: v = dbc->access_mode; break;
    case SQL_ATTR_LOGIN_TIMEOUT: v = dbc->login_timeout; break;
    case SQL_ATTR_CONNECTION_TIMEOUT: v = dbc->connection_timeout; break;
    case SQL_ATTR_TXN_ISOLATION: v = dbc->txn_isolation; break;
    case SQL_ATTR_PACKET_SIZE: v = dbc->packet_size; break;
    case SQL_ATTR_METADATA_ID: v = dbc->metadata_id; break;
    case SQL_ATTR_TRACE: v = dbc->trace; break;
    case SQL_ATTR_ODBC_CURSORS: v = dbc->odbc_cursors; break;
    case SQL_ATTR_ASYNC_ENABLE: v = (SQLUINTEGER)dbc->async_enable; break;
    case SQL_ATTR_AUTO_IPD: v = SQL_FALSE; break;
    case SQL_ATTR_CONNECTION_DEAD: v = dbc->connected ? SQL_CD_FALSE : SQL_CD_TRUE; break;
    case SQL_ATTR_QUIET_MODE:
        if (value)
            *(SQLLEN *)value = (SQLLEN)dbc->quiet_mode;
        if (outlen)
            *outlen = sizeof(SQLLEN);
        return SQL_SUCCESS;
    case SQL_ATTR_CURRENT_CATALOG:
        if (!dbc->connected && !dbc->current_catalog)
            return p1_error(&dbc->h, "08003", "The connection is not open.");
        if (p1_put_str(sout, dbc->current_catalog ? dbc->current_catalog : "", outlen))
            return p1_warn(&dbc->h, "01004", "The current catalog name was truncated.");
        return SQL_SUCCESS;
    default:
        return p1_error(&dbc->h, "HY092", "Connection attribute %d is not supported.", (int)attr);
    }
    if (value)
        *(SQLUINTEGER *)value = v;
    if (outlen)
        *outlen = sizeof(SQLUINTEGER);
    return SQL_SUCCESS;
}

SQLRETURN p1_end_tran(p1_handle *h, SQLSMALLINT completion)
{
    if (completion != SQL_COMMIT && completion != SQL_ROLLBACK)
        return p1_error(h, "HY012", "CompletionType %d is neither SQL_COMMIT nor SQL_ROLLBACK.",
                        (int)completion);
    if (h->type == SQL_HANDLE_DBC && !((p1_dbc *)h)->connected)
        return p1_error(h, "08003", "The connection is not open.");
    return SQL_SUCCESS; /* PingOne is read through this driver: nothing to commit or roll back */
}

SQLRETURN p1_native_sql(p1_dbc *dbc, const char *in, const p1_strout *out, SQLLEN *outlen)
{
    if (!dbc->connected)
        return p1_error(&dbc->h, "08003", "The connection is not open.");
    if (!in)
        return p1_error(&dbc->h, "HY009", "The statement text is NULL.");
    if (p1_put_str(out, in, outlen))
        return p1_warn(&dbc->h, "01004", "The translated statement text was truncated.");
    return SQL_SUCCESS;
}
