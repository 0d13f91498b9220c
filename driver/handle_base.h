/**
 * @file handle_base.h
 * The header every handle (environment, connection, statement, descriptor)
 * starts with: a magic cookie checked by every entry point, a mutex held for
 * the duration of one API call, and the handle's diagnostics.
 */
#ifndef P1_DRIVER_HANDLE_BASE_H
#define P1_DRIVER_HANDLE_BASE_H

#include <pthread.h>
#include <stdint.h>

#include "driver/diag.h"

#define P1_MAGIC_ENV  0x50314556u /* "P1EV" */
#define P1_MAGIC_DBC  0x50314443u /* "P1DC" */
#define P1_MAGIC_STMT 0x50315354u /* "P1ST" */
#define P1_MAGIC_DESC 0x50314453u /* "P1DS" */
#define P1_MAGIC_DEAD 0xdeadbeefu

struct p1_env;

/** Common header of every handle. */
typedef struct p1_handle {
    uint32_t        magic;   /**< P1_MAGIC_* while alive */
    SQLSMALLINT     type;    /**< SQL_HANDLE_ENV/DBC/STMT/DESC */
    pthread_mutex_t lock;    /**< held for the duration of one API call */
    p1_diag         diag;    /**< diagnostics of the last call */
    struct p1_env  *env;     /**< owning environment (self for an env): ODBC version */
} p1_handle;

#endif
