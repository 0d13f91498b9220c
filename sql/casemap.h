/**
 * @file casemap.h
 * Unicode simple case mappings for UPPER and LOWER.
 */
#ifndef P1_SQL_CASEMAP_H
#define P1_SQL_CASEMAP_H

#include <stdint.h>

/** Uppercase of code point c (c itself when it has none that is a single character). */
uint32_t uc_toupper(uint32_t c);

/** Lowercase of code point c (c itself when it has none that is a single character). */
uint32_t uc_tolower(uint32_t c);

#endif
