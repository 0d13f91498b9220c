/**
 * @file c_common.h
 * Helpers shared by the C client tests (c_client_ansi.c, c_client_w.c).
 * The clients link only the unixODBC driver manager (libodbc), never the
 * driver. Expected values come from the emulator's dataset module, computed
 * at run time by /usr/bin/python3, never from the driver's own output.
 * These helpers print no TAP results (only "#" comments from diag_dump).
 */
#ifndef P1_TESTS_C_COMMON_H
#define P1_TESTS_C_COMMON_H

#include <stddef.h>
#include <sql.h>
#include <sqlext.h>
#include <sqlucode.h>

/**
 * Evaluate a Python expression against the emulator dataset and return its
 * str() as malloc'd UTF-8 (NULL on failure; the reason goes to stderr).
 * Names available to expr: d (the dataset module), t (the built tenant),
 * env (the default environment's data), users (its user list) and U (dict
 * username -> user JSON).
 */
char *ds_eval(const char *expr);

/**
 * Split s in place at the unit separator '\x1f' (use it to fetch several
 * expected values with one ds_eval: "'\\x1f'.join([...])"). Stores up to
 * max pointers in parts; returns how many.
 */
int ds_split(char *s, char **parts, int max);

/**
 * Run Python code against the emulator's control API with tests/integration/
 * p1test.py imported as `t` (e.g. "t.fault('/users', 403)"). Returns 0 on
 * success, -1 when the code failed.
 */
int emu_control(const char *code);

/** Environment variable or die with a message on stderr (exit 99: hard error for TAP). */
const char *need_env(const char *name);

/**
 * First diagnostic record of a handle (A functions): SQLSTATE into state
 * (6 bytes) and message into msg (msglen bytes). Returns the SQLGetDiagRec
 * return code.
 */
SQLRETURN diag_a(SQLSMALLINT type, SQLHANDLE h, char state[6], char *msg, size_t msglen);

/** Same through SQLGetDiagRecW; state and message converted to UTF-8. */
SQLRETURN diag_w(SQLSMALLINT type, SQLHANDLE h, char state[6], char *msg, size_t msglen);

/**
 * SQLSTATE of the first diagnostic record of h, read through SQLGetDiagRecW
 * when wide, else SQLGetDiagRec. Static buffer; "" when there is none.
 */
const char *diag_state(int wide, SQLSMALLINT type, SQLHANDLE h);

/** Print every diagnostic record of a handle as TAP comments ("# ..."). */
void diag_dump(SQLSMALLINT type, SQLHANDLE h);

/**
 * UTF-8 to a malloc'd NUL-terminated UTF-16 string (the test's own
 * converter, independent of the driver's); *units (may be NULL) gets the
 * length in units.
 */
SQLWCHAR *u16(const char *s, size_t *units);

/** SQLExecDirect of UTF-8 text sql on st, through SQLExecDirectW when wide is set. */
SQLRETURN exec_text(int wide, SQLHSTMT st, const char *sql);

/** SQLPrepare of UTF-8 text sql on st, through SQLPrepareW when wide is set. */
SQLRETURN prepare_text(int wide, SQLHSTMT st, const char *sql);

/** UTF-16 (units, or SQL_NTS) to malloc'd UTF-8 (the test's own converter). */
char *u8(const SQLWCHAR *w, SQLLEN units);

/** Is this return code SQL_SUCCESS or SQL_SUCCESS_WITH_INFO? */
#define SUCCEEDED(rc) ((rc) == SQL_SUCCESS || (rc) == SQL_SUCCESS_WITH_INFO)

#endif
