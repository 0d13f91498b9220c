/** @file connstr.c  Connection-string parsing and building (see connstr.h). */
#include "driver/connstr.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/** Skip ASCII whitespace from p up to end; returns the first other byte. */
static const char *skip_ws(const char *p, const char *end)
{
    while (p < end && isspace((unsigned char)*p))
        p++;
    return p;
}

/** Copy [b, e) into a new NUL-terminated string with surrounding whitespace removed. */
static char *dup_trimmed(const char *b, const char *e)
{
    b = skip_ws(b, e);
    while (e > b && isspace((unsigned char)e[-1]))
        e--;
    char *s = malloc((size_t)(e - b) + 1);
    if (s) {
        memcpy(s, b, (size_t)(e - b));
        s[e - b] = '\0';
    }
    return s;
}

/** Store *slot = value unless already set (first occurrence wins); takes value. */
static void keep_first(char **slot, char *value)
{
    if (*slot)
        free(value);
    else
        *slot = value;
}

/** Record one key/value pair in out. Takes ownership of value. Returns 0 or -1. */
static int add_pair(connstr *out, const char *key, char *value)
{
    if (strcasecmp(key, "DSN") == 0) {
        keep_first(&out->dsn, value);
        return 0;
    }
    if (strcasecmp(key, "DRIVER") == 0) {
        keep_first(&out->driver, value);
        return 0;
    }
    if (strcasecmp(key, "FILEDSN") == 0) {
        keep_first(&out->filedsn, value);
        return 0;
    }
    if (strcasecmp(key, "SAVEFILE") == 0) {
        keep_first(&out->savefile, value);
        return 0;
    }
    const prop_def *d;
    if (strcasecmp(key, "UID") == 0)
        d = &p1_prop_defs[PROP_OAUTHCLIENTID];
    else if (strcasecmp(key, "PWD") == 0)
        d = &p1_prop_defs[PROP_OAUTHCLIENTSECRET];
    else
        d = prop_find(key);
    if (d) {
        int rc = 0;
        if (!out->props.values[d->id])
            rc = props_set_id(&out->props, d->id, value);
        free(value);
        return rc;
    }
    free(value);
    for (int i = 0; i < out->nunknown; i++)
        if (strcasecmp(out->unknown[i], key) == 0)
            return 0;
    char **grown = realloc(out->unknown, sizeof *grown * (size_t)(out->nunknown + 1));
    if (!grown)
        return -1;
    out->unknown = grown;
    if (!(grown[out->nunknown] = strdup(key)))
        return -1;
    out->nunknown++;
    return 0;
}

int connstr_parse(const char *s, long len, connstr *out, err *e)
{
    memset(out, 0, sizeof *out);
    props_init(&out->props);
    if (!s)
        return 0;
    const char *p = s, *end = s + (len < 0 ? (long)strlen(s) : len);
    while (p < end) {
        p = skip_ws(p, end);
        if (p >= end)
            break;
        if (*p == ';') {
            p++;
            continue;
        }
        const char *kb = p;
        while (p < end && *p != '=' && *p != ';')
            p++;
        char *key = dup_trimmed(kb, p);
        if (!key)
            return err_set(e, "HY001", "Out of memory while reading the connection string.");
        if (p >= end || *p == ';') {
            /* a key without '=': treat as a key with an empty value */
            int rc = key[0] ? add_pair(out, key, strdup("")) : 0;
            free(key);
            if (rc < 0)
                return err_set(e, "HY001", "Out of memory while reading the connection string.");
            continue;
        }
        p++; /* '=' */
        p = skip_ws(p, end);
        char *value;
        if (p < end && *p == '{') {
            strbuf sb;
            sb_init(&sb);
            p++;
            int closed = 0;
            while (p < end) {
                if (*p == '}') {
                    if (p + 1 < end && p[1] == '}') {
                        sb_append_char(&sb, '}');
                        p += 2;
                        continue;
                    }
                    p++;
                    closed = 1;
                    break;
                }
                sb_append_char(&sb, *p++);
            }
            if (!closed) {
                sb_free(&sb);
                err_set(e, "08001", "The value of connection-string key '%s' opens a '{' that is "
                        "never closed; end the value with '}' (write '}}' for a '}' inside it).", key);
                free(key);
                return -1;
            }
            value = sb_steal(&sb);
            /* anything after the closing brace up to ';' is ignored */
            while (p < end && *p != ';')
                p++;
        } else {
            const char *vb = p;
            while (p < end && *p != ';')
                p++;
            value = dup_trimmed(vb, p);
        }
        int rc = value && key[0] ? add_pair(out, key, value) : (free(value), value ? 0 : -1);
        free(key);
        if (rc < 0)
            return err_set(e, "HY001", "Out of memory while reading the connection string.");
    }
    return 0;
}

void connstr_free(connstr *c)
{
    free(c->dsn);
    free(c->driver);
    free(c->filedsn);
    free(c->savefile);
    props_free(&c->props);
    for (int i = 0; i < c->nunknown; i++)
        free(c->unknown[i]);
    free(c->unknown);
    memset(c, 0, sizeof *c);
}

int connstr_load_dsn(const char *dsn, dsn_reader rd, void *ctx, props *out)
{
    char buf[4096];
    for (int i = 0; i < PROP__COUNT; i++) {
        buf[0] = '\0';
        int n = rd(ctx, dsn, p1_prop_defs[i].name, buf, (int)sizeof buf);
        if (n > 0 && buf[0] && props_set_id(out, (enum prop_id)i, buf) < 0)
            return -1;
    }
    return 0;
}

int connstr_overlay(props *base, const props *over)
{
    for (int i = 0; i < PROP__COUNT; i++)
        if (over->values[i] && props_set_id(base, (enum prop_id)i, over->values[i]) < 0)
            return -1;
    return 0;
}

int connstr_append_pair(strbuf *out, const char *key, const char *value)
{
    int need_braces = value[0] && (isspace((unsigned char)value[0]) ||
                                   isspace((unsigned char)value[strlen(value) - 1]));
    need_braces |= strpbrk(value, ";{}=") != NULL;
    if (sb_append(out, key) < 0 || sb_append_char(out, '=') < 0)
        return -1;
    if (!need_braces)
        return sb_append(out, value) < 0 || sb_append_char(out, ';') < 0 ? -1 : 0;
    if (sb_append_char(out, '{') < 0)
        return -1;
    for (const char *v = value; *v; v++)
        if ((*v == '}' && sb_append(out, "}}") < 0) || (*v != '}' && sb_append_char(out, *v) < 0))
            return -1;
    return sb_append(out, "};");
}

int connstr_build(const connstr *c, const props *p, strbuf *out)
{
    if (c->dsn && connstr_append_pair(out, "DSN", c->dsn) < 0)
        return -1;
    if (!c->dsn && c->driver && connstr_append_pair(out, "DRIVER", c->driver) < 0)
        return -1;
    for (int i = 0; i < PROP__COUNT; i++)
        if (p->values[i] && p->values[i][0] &&
            connstr_append_pair(out, p1_prop_defs[i].name, p->values[i]) < 0)
            return -1;
    if (out->len && out->data[out->len - 1] == ';')
        out->data[--out->len] = '\0';
    return 0;
}
