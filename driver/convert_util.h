/**
 * @file convert_util.h
 * Helpers shared by the two conversion directions (convert.c for results,
 * convert_param.c for parameters): locale-independent number parsing and
 * formatting, text forms of engine values, and date/time parsing.
 * Internal to the conversions; not a contract for other layers.
 */
#ifndef P1_DRIVER_CONVERT_UTIL_H
#define P1_DRIVER_CONVERT_UTIL_H

#include <stddef.h>
#include <stdint.h>

#include "common/err.h"
#include "common/value.h"

/** A number taken from an engine value or from text. */
typedef struct conv_num {
    int     is_int; /**< 1: i holds the exact value; 0: d holds it */
    int64_t i;
    double  d;
} conv_num;

/**
 * Parse len bytes of text as a number: optional blanks, sign, digits with an
 * optional fraction and exponent (C locale: '.' is the decimal point).
 * Integers that fit in 64 bits are exact (is_int = 1). Returns 0, or -1 when
 * the text is not a number.
 */
int conv_parse_number(const char *s, size_t len, conv_num *out);

/**
 * Take the number out of an engine value (BOOL, INT, DOUBLE, or TEXT that
 * parses). Returns 0, or -1 with e = 22018 (text that is not a number) or
 * 07006 (timestamps and other non-numeric values); what names the target
 * in the message.
 */
int conv_value_number(const sql_value *v, conv_num *out, const char *what, err *e);

/** Format d as the shortest text that reads back as the same double ("inf", "-inf", "nan" for the specials). */
void conv_format_double(double d, char *buf, size_t buflen);

/**
 * Text form of a non-text engine value into buf (>= 32 bytes): BIT "0"/"1",
 * integers in decimal, doubles as conv_format_double, timestamps as
 * "YYYY-MM-DD HH:MM:SS.fff". Returns the length; 0 for NULL or TEXT.
 */
size_t conv_value_text(const sql_value *v, char *buf, size_t buflen);

/**
 * Parse a time of day "HH:MM[:SS[.fff]]" (blanks around allowed) into
 * milliseconds since midnight. Returns 0, or -1 if it is not a time.
 */
int conv_parse_time(const char *s, size_t len, int64_t *ms_of_day);

/**
 * Parse a GUID "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" (hex digits, either
 * case, optional braces and surrounding blanks) into the 16 bytes of
 * SQLGUID order: Data1 (32-bit), Data2, Data3 (16-bit), Data4[8]. Returns 0
 * or -1 if the text is not a GUID.
 */
int conv_parse_guid(const char *s, size_t len, uint32_t *d1, uint16_t *d2, uint16_t *d3,
                    unsigned char d4[8]);

/** Number of days in a month of the proleptic Gregorian calendar (month 1..12). */
int conv_days_in_month(int year, int month);

/** Copy at most 40 bytes of s for an error message (ending on a character boundary) into buf (>= 48 bytes), adding "..." when shortened. */
const char *conv_excerpt(const char *s, size_t len, char *buf, size_t buflen);

#endif
