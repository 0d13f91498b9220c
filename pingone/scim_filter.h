/**
 * @file scim_filter.h
 * PingOne's SCIM-like `filter` parameter built from the constraint tree of
 * a scan: which nodes can be pushed (per column and operator, as the API
 * documents), and their text.
 *
 *   EQ -> attr eq "v"      PREFIX -> attr sw "v"      SUFFIX -> attr ew "v"
 *   IN -> (attr eq "a" or attr eq "b")               AND/OR -> parenthesised
 *
 * Values are always double-quoted with JSON escaping (\" \\ and control
 * characters as \u00XX), so a literal can never leave its string. Booleans
 * are sent quoted too (enabled eq "true"), as PingOne's own clients do.
 */
#ifndef P1_PINGONE_SCIM_FILTER_H
#define P1_PINGONE_SCIM_FILTER_H

#include "common/strbuf.h"
#include "sql/provider.h"

/** Most values in one IN chain sent in one request; larger INs are split. */
#define SCIM_IN_CHUNK 50
/** Longest value (bytes) that is pushed; longer ones are checked locally. */
#define SCIM_MAX_VALUE 512
/** Bound (bytes, before URL encoding) of the filter part shared by all requests. */
#define SCIM_MAX_BASE 1500
/** Bound (bytes) of the split IN chain of one request. */
#define SCIM_MAX_CHUNK 1500

/** Append s (len bytes) as a SCIM string literal with quotes and escaping. Returns 0 or -1. */
int scim_quote(strbuf *sb, const char *s, size_t len);

/**
 * Decide pushability of c and its subtree and set ->pushed accordingly
 * (cleared where not pushable). pushdown: 2 Full, 1 KeysOnly (only the
 * table's id column with = or IN), 0 None. top: c is a top-level conjunct
 * (then an IN may hold more than SCIM_IN_CHUNK values: the caller splits
 * it). AND below the top level and OR are pushed only when every kid is.
 * Returns c->pushed.
 */
int scim_mark(const table_def *t, int pushdown, cons *c, int top);

/** Clear ->pushed on c and its whole subtree. */
void scim_unmark(cons *c);

/**
 * Append the filter text of a pushed node c (leaf, IN, AND, OR). For an IN
 * only values [from, to) are written (pass 0, c->nvals for all). Returns 0,
 * or -1 when out of memory.
 */
int scim_render(const table_def *t, const cons *c, int from, int to, strbuf *sb);

/** Non-zero when c or a node below it compares a TEXT column (inexact under case folding). */
int scim_has_text(const table_def *t, const cons *c);

#endif
