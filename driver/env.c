/** @file env.c  Environment attributes (SQLSetEnvAttr / SQLGetEnvAttr). */
#include "driver/handles.h"

SQLRETURN p1_set_env_attr(p1_env *env, SQLINTEGER attr, SQLPOINTER value, SQLINTEGER len)
{
    (void)len;
    SQLINTEGER v = (SQLINTEGER)(SQLLEN)value;
    switch (attr) {
    case SQL_ATTR_ODBC_VERSION:
        if (v != SQL_OV_ODBC2 && v != SQL_OV_ODBC3 && v != SQL_OV_ODBC3_80)
            return p1_error(&env->h, "HY024", "SQL_ATTR_ODBC_VERSION %d is not valid; use "
                            "SQL_OV_ODBC2, SQL_OV_ODBC3 or SQL_OV_ODBC3_80.", (int)v);
        env->odbc_version = v;
        return SQL_SUCCESS;
    case SQL_ATTR_CONNECTION_POOLING:
        if (v != SQL_CP_OFF && v != SQL_CP_ONE_PER_DRIVER && v != SQL_CP_ONE_PER_HENV)
            return p1_error(&env->h, "HY024", "SQL_ATTR_CONNECTION_POOLING %d is not valid.", (int)v);
        env->pooling = (SQLUINTEGER)v;
        return SQL_SUCCESS;
    case SQL_ATTR_CP_MATCH:
        if (v != SQL_CP_STRICT_MATCH && v != SQL_CP_RELAXED_MATCH)
            return p1_error(&env->h, "HY024", "SQL_ATTR_CP_MATCH %d is not valid.", (int)v);
        env->cp_match = (SQLUINTEGER)v;
        return SQL_SUCCESS;
    case SQL_ATTR_OUTPUT_NTS:
        if (v != SQL_TRUE)
            return p1_error(&env->h, "HYC00", "The driver always NUL-terminates output strings; "
                            "SQL_ATTR_OUTPUT_NTS can only be SQL_TRUE.");
        return SQL_SUCCESS;
    default:
        return p1_error(&env->h, "HY092", "Environment attribute %d is not supported.", (int)attr);
    }
}

SQLRETURN p1_get_env_attr(p1_env *env, SQLINTEGER attr, SQLPOINTER value, SQLINTEGER buflen,
                          SQLINTEGER *outlen)
{
    (void)buflen;
    SQLINTEGER v;
    switch (attr) {
    case SQL_ATTR_ODBC_VERSION: v = env->odbc_version; break;
    case SQL_ATTR_CONNECTION_POOLING: v = (SQLINTEGER)env->pooling; break;
    case SQL_ATTR_CP_MATCH: v = (SQLINTEGER)env->cp_match; break;
    case SQL_ATTR_OUTPUT_NTS: v = SQL_TRUE; break;
    default:
        return p1_error(&env->h, "HY092", "Environment attribute %d is not supported.", (int)attr);
    }
    if (value)
        *(SQLINTEGER *)value = v;
    if (outlen)
        *outlen = sizeof(SQLINTEGER);
    return SQL_SUCCESS;
}
