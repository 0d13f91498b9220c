/** @file cancel.c  sql_result_cancel: interrupt a result from another thread (see engine.h). */
#include "sql/engine.h"

void sql_result_cancel(sql_result *res)
{
    if (res && res->cancel)
        res->cancel(res);
}
