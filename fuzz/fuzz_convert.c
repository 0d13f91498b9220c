/**
 * @file fuzz_convert.c
 * Fuzz target "convert": conv_to_c (SQLBindCol/SQLGetData, in chunks) and
 * conv_from_c (SQLBindParameter) with arbitrary values, C types, SQL types,
 * buffer sizes and indicators (driver/convert.h).
 *
 * Input layout (missing bytes read as 0):
 *   0  value type (SQLT_*, mod 6)       4  C type for conv_from_c
 *   1  C type for conv_to_c             5  SQL type for conv_from_c
 *   2  output buffer length (bytes)     6  indicator mode for conv_from_c
 *   3  bit 7: column type differs from the value's; bits 0-6: column size
 *   7.. payload: 8 bytes for INT/DOUBLE/TIMESTAMP/BOOL values, the rest is
 *       text; conv_from_c reads the whole payload as the parameter buffer.
 * A C or SQL type byte below the table size picks a known type, otherwise the
 * byte pair at 7..8 is used raw (unknown types must be diagnostics).
 *
 * Output buffers of character/binary types are exactly buflen bytes, so
 * writing past them is caught; fixed-size targets get exactly their size.
 */
#include <string.h>

#include "driver/convert.h"
#include "fuzz/fuzz_target.h"

/** A C type and the size of its fixed-size buffer (0: character/binary). */
typedef struct ctype_info {
    SQLSMALLINT ctype;
    size_t      size;
} ctype_info;

static const ctype_info ctypes[] = {
    { SQL_C_CHAR, 0 }, { SQL_C_WCHAR, 0 }, { SQL_C_BINARY, 0 }, { SQL_C_DEFAULT, 0 },
    { SQL_C_BIT, 1 }, { SQL_C_TINYINT, 1 }, { SQL_C_STINYINT, 1 }, { SQL_C_UTINYINT, 1 },
    { SQL_C_SHORT, 2 }, { SQL_C_SSHORT, 2 }, { SQL_C_USHORT, 2 },
    { SQL_C_LONG, 4 }, { SQL_C_SLONG, 4 }, { SQL_C_ULONG, 4 },
    { SQL_C_SBIGINT, 8 }, { SQL_C_UBIGINT, 8 }, { SQL_C_FLOAT, sizeof(SQLREAL) },
    { SQL_C_DOUBLE, sizeof(SQLDOUBLE) }, { SQL_C_NUMERIC, sizeof(SQL_NUMERIC_STRUCT) },
    { SQL_C_TYPE_DATE, sizeof(SQL_DATE_STRUCT) }, { SQL_C_DATE, sizeof(SQL_DATE_STRUCT) },
    { SQL_C_TYPE_TIME, sizeof(SQL_TIME_STRUCT) }, { SQL_C_TIME, sizeof(SQL_TIME_STRUCT) },
    { SQL_C_TYPE_TIMESTAMP, sizeof(SQL_TIMESTAMP_STRUCT) },
    { SQL_C_TIMESTAMP, sizeof(SQL_TIMESTAMP_STRUCT) }, { SQL_C_GUID, sizeof(SQLGUID) },
    { SQL_C_INTERVAL_DAY, sizeof(SQL_INTERVAL_STRUCT) },
};
#define NCTYPES ((int)(sizeof ctypes / sizeof ctypes[0]))

static const SQLSMALLINT sqltypes[] = {
    SQL_CHAR, SQL_VARCHAR, SQL_LONGVARCHAR, SQL_WCHAR, SQL_WVARCHAR, SQL_WLONGVARCHAR,
    SQL_BINARY, SQL_VARBINARY, SQL_LONGVARBINARY, SQL_BIT, SQL_TINYINT, SQL_SMALLINT,
    SQL_INTEGER, SQL_BIGINT, SQL_REAL, SQL_FLOAT, SQL_DOUBLE, SQL_DECIMAL, SQL_NUMERIC,
    SQL_TYPE_DATE, SQL_DATE, SQL_TYPE_TIME, SQL_TIME, SQL_TYPE_TIMESTAMP, SQL_TIMESTAMP,
    SQL_GUID, SQL_INTERVAL_DAY, SQL_UNKNOWN_TYPE,
};
#define NSQLTYPES ((int)(sizeof sqltypes / sizeof sqltypes[0]))

/** Byte i of the input, 0 when the input is shorter. */
static uint8_t at(const uint8_t *d, size_t n, size_t i)
{
    return i < n ? d[i] : 0;
}

/** Build the engine value described by the input into v. */
static void make_value(const uint8_t *d, size_t n, sql_value *v)
{
    const uint8_t *p = n > 7 ? d + 7 : NULL;
    size_t pn = n > 7 ? n - 7 : 0;
    uint64_t raw = 0;
    for (size_t i = 0; i < 8 && i < pn; i++)
        raw |= (uint64_t)p[i] << (8 * i);
    memset(v, 0, sizeof *v);
    switch (at(d, n, 0) % 6) {
    case SQLT_NULL: break;
    case SQLT_BOOL: sqlval_set_bool(v, (int)(raw & 1)); break;
    case SQLT_INT: sqlval_set_int(v, (int64_t)raw); break;
    case SQLT_DOUBLE: { double x; memcpy(&x, &raw, sizeof x); sqlval_set_double(v, x); break; }
    case SQLT_TIMESTAMP:
        /* the engine's timestamps stay within years 0001-9999 */
        sqlval_set_timestamp(v, (int64_t)(raw % 315537897600000ULL) - 62135596800000LL);
        break;
    default: sqlval_set_text_len(v, p ? (const char *)p : "", pn); break;
    }
}

/** conv_to_c in chunks until SQL_NO_DATA, an error, or no progress. */
static void to_c(const uint8_t *d, size_t n)
{
    sql_value v;
    make_value(d, n, &v);
    uint8_t tb = at(d, n, 3);
    enum sqltype coltype = v.type == SQLT_NULL ? SQLT_TEXT : v.type;
    if (tb & 0x80)
        coltype = (enum sqltype)(at(d, n, 7) % 6);
    int colsize = (tb & 0x7F) * 4;

    SQLSMALLINT ctype;
    size_t fixed = 0;
    uint8_t cb = at(d, n, 1);
    if (cb < NCTYPES) {
        ctype = ctypes[cb].ctype;
        fixed = ctypes[cb].size;
    } else {
        ctype = (SQLSMALLINT)(at(d, n, 7) | at(d, n, 8) << 8);
        fixed = 64; /* an unknown type must not be written at all */
    }
    SQLLEN buflen = at(d, n, 2);
    size_t alloc = fixed ? fixed : (size_t)buflen;
    if (cb >= NCTYPES && alloc < (size_t)buflen)
        alloc = (size_t)buflen; /* a raw type may be a character type after all */
    if (ctype == SQL_C_DEFAULT && alloc < 32)
        alloc = 32; /* the application's buffer fits the default C type */
    uint8_t *buf = malloc(alloc ? alloc : 1);
    if (!buf) {
        sqlval_clear(&v);
        return;
    }
    int null_ind = (cb & 1) && v.type == SQLT_NULL; /* sometimes no indicator for a NULL */

    err e;
    SQLLEN pos = 0, ind = 0;
    /* a length probe first (no buffer): reports, never consumes */
    if (!fixed && ctype != SQL_C_DEFAULT) {
        err_clear(&e);
        SQLRETURN rc = conv_to_c(&v, coltype, colsize, ctype, NULL, 0, &ind, &pos, &e);
        if (rc == SQL_ERROR)
            fuzz_check_err(&e);
        else if (rc == SQL_SUCCESS_WITH_INFO)
            fuzz_check_err(&e);
        FUZZ_CHECK(pos == 0 || v.type == SQLT_NULL); /* a NULL is returned whole */
        pos = 0;
    }
    for (int calls = 0; calls < 100000; calls++) {
        err_clear(&e);
        SQLLEN before = pos;
        ind = 12345;
        SQLRETURN rc = conv_to_c(&v, coltype, colsize, ctype, alloc ? buf : NULL, buflen,
                                 null_ind ? NULL : &ind, &pos, &e);
        FUZZ_CHECK(rc == SQL_SUCCESS || rc == SQL_SUCCESS_WITH_INFO || rc == SQL_NO_DATA ||
                   rc == SQL_ERROR);
        if (rc == SQL_ERROR || rc == SQL_SUCCESS_WITH_INFO)
            fuzz_check_err(&e);
        if (rc == SQL_ERROR || rc == SQL_NO_DATA)
            break;
        if (!null_ind)
            FUZZ_CHECK(ind == SQL_NULL_DATA || ind == SQL_NO_TOTAL || ind >= 0);
        if (!fixed && buflen > 0 && ind != SQL_NULL_DATA) {
            if (ctype == SQL_C_CHAR)
                FUZZ_CHECK(memchr(buf, 0, (size_t)buflen) != NULL);
            if (ctype == SQL_C_WCHAR && buflen >= 2) {
                int nul = 0;
                for (SQLLEN i = 0; i + 1 < buflen; i += 2)
                    if (buf[i] == 0 && buf[i + 1] == 0)
                        nul = 1;
                FUZZ_CHECK(nul);
            }
        }
        if (pos == before)
            break; /* nothing fits, or a fixed-size type with no position */
    }
    free(buf);
    sqlval_clear(&v);
}

/** conv_from_c of the payload as a parameter buffer. */
static void from_c(const uint8_t *d, size_t n)
{
    const uint8_t *p = n > 7 ? d + 7 : NULL;
    size_t pn = n > 7 ? n - 7 : 0;
    SQLSMALLINT ctype, sqltype;
    uint8_t cb = at(d, n, 4), sb = at(d, n, 5);
    ctype = cb < NCTYPES ? ctypes[cb].ctype : (SQLSMALLINT)(at(d, n, 7) | at(d, n, 8) << 8);
    sqltype = sb < NSQLTYPES ? sqltypes[sb] : (SQLSMALLINT)(at(d, n, 8) | at(d, n, 9) << 8);

    /* payload, two NUL bytes (NUL-terminated as CHAR and WCHAR), zero padding
       up to the largest fixed-size C type */
    size_t alloc = pn + 2 + (pn & 1);
    if (alloc < 64)
        alloc = 64;
    uint8_t *buf = calloc(1, alloc);
    if (!buf)
        return;
    if (pn)
        memcpy(buf, p, pn);
    SQLLEN ind = 0, *indp = &ind;
    SQLPOINTER bp = buf;
    switch (at(d, n, 6) % 8) {
    case 0: indp = NULL; break;
    case 1: ind = SQL_NTS; break;
    case 2: ind = SQL_NULL_DATA; break;
    case 3: ind = (SQLLEN)pn; break;
    case 4: ind = SQL_DATA_AT_EXEC; break;
    case 5: ind = SQL_LEN_DATA_AT_EXEC((SQLLEN)pn); break;
    case 6: ind = -(SQLLEN)(at(d, n, 6) >> 3) - 7; break;
    default: bp = NULL; ind = (SQLLEN)pn; break;
    }
    sql_value out;
    memset(&out, 0, sizeof out);
    err e;
    err_clear(&e);
    if (conv_from_c(ctype, sqltype, bp, (SQLLEN)pn, indp, &out, &e) < 0) {
        fuzz_check_err(&e);
    } else {
        FUZZ_CHECK(out.type >= SQLT_NULL && out.type <= SQLT_TIMESTAMP);
        if (out.type == SQLT_TEXT)
            FUZZ_CHECK(out.u.s.ptr != NULL && out.u.s.ptr[out.u.s.len] == '\0');
    }
    sqlval_clear(&out);
    free(buf);
}

FUZZ_TARGET(convert)
{
    to_c(data, size);
    from_c(data, size);
    return 0;
}
