/* placeholder until the ODBC layer lands */
#include <sql.h>
SQLRETURN SQL_API SQLAllocHandle(SQLSMALLINT t, SQLHANDLE in, SQLHANDLE *out) { (void)t; (void)in; (void)out; return SQL_ERROR; }
