/**
 * @file pingone.h
 * The PingOne provider: the table catalog, the REST client (libcurl),
 * paging, the SCIM filter builder and JSON-to-row mapping, behind the
 * provider interface of sql/provider.h. This constructor is the only
 * PingOne-specific call the ODBC layer makes.
 */
#ifndef P1_PINGONE_PINGONE_H
#define P1_PINGONE_PINGONE_H

#include "common/err.h"
#include "common/log.h"
#include "common/props.h"
#include "sql/provider.h"

/**
 * Validate the properties, sign in (client credentials) and return a
 * provider for the environment to query. Failures: 08001 missing property,
 * HY024 bad value, 28000 rejected credentials (with PingOne's
 * error_description), 08001 host unreachable / TLS failure, HYT00 timeout.
 * log may be NULL; it is borrowed and must outlive the provider.
 */
int pingone_provider_open(const props *p, p1log *log, provider **out, err *e);

#endif
