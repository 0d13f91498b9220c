/** @file odbc_api.c  Exported entry points: handle allocation and environment attributes. */
#include "driver/api.h"

SQLRETURN SQL_API SQLAllocHandle(SQLSMALLINT HandleType, SQLHANDLE InputHandle,
                                 SQLHANDLE *OutputHandle)
{
    return p1_alloc_handle(HandleType, InputHandle, OutputHandle);
}

SQLRETURN SQL_API SQLFreeHandle(SQLSMALLINT HandleType, SQLHANDLE Handle)
{
    return p1_free_handle(HandleType, Handle);
}

SQLRETURN SQL_API SQLSetEnvAttr(SQLHENV EnvironmentHandle, SQLINTEGER Attribute, SQLPOINTER Value,
                                SQLINTEGER StringLength)
{
    P1_ENTER_ENV(EnvironmentHandle, env);
    P1_LEAVE(p1_set_env_attr(env, Attribute, Value, StringLength));
}

SQLRETURN SQL_API SQLGetEnvAttr(SQLHENV EnvironmentHandle, SQLINTEGER Attribute, SQLPOINTER Value,
                                SQLINTEGER BufferLength, SQLINTEGER *StringLength)
{
    P1_ENTER_ENV(EnvironmentHandle, env);
    P1_LEAVE(p1_get_env_attr(env, Attribute, Value, BufferLength, StringLength));
}
