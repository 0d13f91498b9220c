/*
 * Integration test of the PingOne provider against the bundled emulator
 * (tests/emulator/emulator.py): sign-in (Basic and POST clients, bad secret),
 * environment lookup, pushed filters, paging, single-item GETs, memberships,
 * token renewal, 429 retries, server errors, TLS trust and the log file.
 * Runs scans through the provider ops directly and checks the emulator's
 * request log. Skips when the emulator is not present.
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <netinet/in.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>
#include <jansson.h>

#include "common/strbuf.h"
#include "pingone/pingone.h"
#include "tests/tap.h"

static char state_dir[256], ca_path[300], base_url[64], auth_url[160], api_url[80];
static pid_t emu_pid;
static json_t *expect;  /* expected facts computed from dataset.py */

/* ------------------------------------------------------------ emulator ---- */

static int start_emulator(const char *srcdir)
{
    char script[1024];
    snprintf(script, sizeof script, "%s/tests/emulator/emulator.py", srcdir);
    if (access(script, R_OK) != 0 || access("/usr/bin/python3", X_OK) != 0)
        return -1;
    snprintf(state_dir, sizeof state_dir, "/tmp/p1live.XXXXXX");
    if (!mkdtemp(state_dir))
        return -1;
    emu_pid = fork();
    if (emu_pid == 0) {
        prctl(PR_SET_PDEATHSIG, SIGTERM); /* never outlive a crashed test */
        if (!freopen("/dev/null", "w", stdout) || !freopen("/dev/null", "w", stderr))
            _exit(127);
        execl("/usr/bin/python3", "python3", script, "--state-dir", state_dir, "--port", "0", (char *)NULL);
        _exit(127);
    }
    char port_file[300];
    snprintf(port_file, sizeof port_file, "%s/port", state_dir);
    for (int i = 0; i < 300; i++) {
        FILE *fp = fopen(port_file, "r");
        if (fp) {
            int port = 0;
            int n = fscanf(fp, "%d", &port);
            fclose(fp);
            if (n == 1 && port > 0) {
                snprintf(ca_path, sizeof ca_path, "%s/ca.pem", state_dir);
                snprintf(base_url, sizeof base_url, "https://127.0.0.1:%d", port);
                return 0;
            }
        }
        struct timespec ts = {0, 100000000};
        nanosleep(&ts, NULL);
    }
    return -1;
}

static void stop_emulator(void)
{
    if (emu_pid > 0) {
        kill(emu_pid, SIGTERM);
        waitpid(emu_pid, NULL, 0);
    }
    if (state_dir[0]) {
        char cmd[400];
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", state_dir);
        if (system(cmd) != 0)
            diag("could not remove %s", state_dir);
    }
}

static size_t collect(char *d, size_t s, size_t n, void *u)
{
    strbuf *sb = u;
    sb_append_len(sb, d, s * n);
    return s * n;
}

/* Call the emulator's control API; returns the parsed JSON answer (caller decrefs). */
static json_t *control(const char *method, const char *path, const char *body)
{
    CURL *c = curl_easy_init();
    strbuf out, url;
    sb_init(&out);
    sb_init(&url);
    sb_printf(&url, "%s%s", base_url, path);
    curl_easy_setopt(c, CURLOPT_URL, url.data);
    curl_easy_setopt(c, CURLOPT_CAINFO, ca_path);
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, 30L);
    struct curl_slist *h = curl_slist_append(NULL, "Content-Type: application/json");
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
    if (body)
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &out);
    CURLcode rc = curl_easy_perform(c);
    if (rc != CURLE_OK)
        diag("control %s %s failed: %s", method, path, curl_easy_strerror(rc));
    json_t *js = json_loadb(out.data, out.len, 0, NULL);
    curl_slist_free_all(h);
    curl_easy_cleanup(c);
    sb_free(&out);
    sb_free(&url);
    return js;
}

static void clear_requests(void) { json_decref(control("DELETE", "/__emulator/requests", NULL)); }

/* The logged requests whose path contains `part` (count), and the filter of the last one. */
static int logged(const char *part, char *filter, size_t fsz)
{
    json_t *js = control("GET", "/__emulator/requests", NULL);
    int n = 0;
    size_t i;
    json_t *r;
    if (filter)
        filter[0] = '\0';
    json_array_foreach(json_object_get(js, "requests"), i, r) {
        const char *path = json_string_value(json_object_get(r, "path"));
        if (path && strstr(path, part)) {
            n++;
            const char *f = json_string_value(json_object_get(json_object_get(r, "query"), "filter"));
            if (filter)
                snprintf(filter, fsz, "%s", f ? f : "");
        }
    }
    json_decref(js);
    return n;
}

/* Load expected facts from dataset.py through python. */
static json_t *load_expected(const char *srcdir)
{
    char cmd[2048];
    snprintf(cmd, sizeof cmd,
             "/usr/bin/python3 -c '\n"
             "import sys, json\n"
             "sys.path.insert(0, \"%s/tests/emulator\")\n"
             "import dataset as d\n"
             "t = d.build()\n"
             "env = t.envs[d.DEFAULT_ENV_ID]\n"
             "u42 = [u for u in env.users if u[\"username\"] == \"user0042\"][0]\n"
             "q = [u for u in env.users if \"\\\\\" in u[\"username\"]][0]\n"
             "m = max(env.users, key=lambda u: len(t.memberships.get(u[\"id\"], [])))\n"
             "print(json.dumps({\"users\": len(env.users), \"u42\": u42[\"id\"], \"quote\": q[\"username\"],\n"
             "  \"member\": m[\"id\"], \"nmember\": len(t.memberships.get(m[\"id\"], [])),\n"
             "  \"pops\": len(env.populations), \"groups\": len(env.groups),\n"
             "  \"enabled\": sum(1 for u in env.users if u.get(\"enabled\")),\n"
             "  \"env_id\": d.DEFAULT_ENV_ID, \"admin_env\": d.ADMIN_ENV_ID,\n"
             "  \"cid\": d.CLIENT_ID, \"secret\": d.CLIENT_SECRET,\n"
             "  \"post_cid\": d.POST_CLIENT_ID, \"post_secret\": d.POST_CLIENT_SECRET}))\n'",
             srcdir);
    FILE *fp = popen(cmd, "r");
    if (!fp)
        return NULL;
    json_t *js = json_loadf(fp, 0, NULL);
    pclose(fp);
    return js;
}

static const char *X(const char *key) { return json_string_value(json_object_get(expect, key)); }
static long XI(const char *key) { return (long)json_integer_value(json_object_get(expect, key)); }

/* --------------------------------------------------------------- helpers ---- */

static void basic_props(props *p)
{
    props_init(p);
    props_set(p, "OAuthClientId", X("cid"));
    props_set(p, "OAuthClientSecret", X("secret"));
    props_set(p, "WorkerAppEnvironmentId", X("admin_env"));
    props_set(p, "EnvironmentId", X("env_id"));
    props_set(p, "AuthorizationServerURL", auth_url);
    props_set(p, "APIBaseURL", api_url);
    props_set(p, "SSLServerCert", ca_path);
    props_set(p, "Timeout", "30");
}

/* every cons built by a test is kept here and freed at the end (sanitizer-clean) */
static cons *arena[4096];
static int narena;

static cons *track(cons *c)
{
    if (narena < (int)(sizeof arena / sizeof arena[0]))
        arena[narena++] = c;
    return c;
}

static void free_arena(void)
{
    for (int i = 0; i < narena; i++) {
        for (int j = 0; j < arena[i]->nvals; j++)
            sqlval_clear(&arena[i]->vals[j]);
        free(arena[i]->vals);
        free(arena[i]->kids);
        free(arena[i]);
    }
    narena = 0;
}

static cons *leaf(enum cons_op op, int col, int nvals, ...)
{
    cons *c = track(calloc(1, sizeof *c));
    c->op = op;
    c->col = col;
    c->nvals = nvals;
    c->vals = calloc((size_t)(nvals ? nvals : 1), sizeof *c->vals);
    va_list ap;
    va_start(ap, nvals);
    for (int i = 0; i < nvals; i++)
        sqlval_set_text(&c->vals[i], va_arg(ap, const char *));
    va_end(ap);
    return c;
}

/* Result of one scan. */
typedef struct run {
    int    rc;        /* 0 ok, -1 error */
    long   rows;
    long   requests;
    int    distinct;  /* all values of column 0 distinct */
    char   first[256];
    err    e;
} run;

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static run scan_table(provider *p, const char *table, cons *where, int64_t limit, int pushdown)
{
    run r;
    memset(&r, 0, sizeof r);
    err_clear(&r.e);
    const table_def *t = p->ops->find_table(p, NULL, table, &r.e);
    if (!t) {
        r.rc = -1;
        return r;
    }
    scan_plan sp;
    memset(&sp, 0, sizeof sp);
    sp.table = t;
    sp.where = where;
    sp.limit = limit;
    sp.pushdown = pushdown;
    if (p->ops->plan(p, &sp, &r.e) < 0) {
        r.rc = -1;
        return r;
    }
    scan *s = NULL;
    if (p->ops->open(p, &sp, &s, &r.e) < 0) {
        p->ops->free_plan(p, &sp);
        r.rc = -1;
        return r;
    }
    sql_value row[256];
    memset(row, 0, sizeof row);
    size_t cap = 1024;
    char **ids = malloc(cap * sizeof *ids);
    int got;
    while ((got = p->ops->next(s, row, &r.e)) == 1) {
        if (r.rows == 0 && row[0].type == SQLT_TEXT)
            snprintf(r.first, sizeof r.first, "%s", row[0].u.s.ptr);
        if ((size_t)r.rows == cap)
            ids = realloc(ids, (cap *= 2) * sizeof *ids);
        ids[r.rows] = strdup(row[0].type == SQLT_TEXT ? row[0].u.s.ptr : "");
        r.rows++;
        for (int i = 0; i < t->ncols; i++)
            sqlval_clear(&row[i]);
        if (limit >= 0 && r.rows >= limit)
            break;
    }
    if (got < 0)
        r.rc = -1;
    r.requests = p->ops->requests(s);
    p->ops->close(s);
    p->ops->free_plan(p, &sp);
    qsort(ids, (size_t)r.rows, sizeof *ids, cmp_str);
    r.distinct = 1;
    for (long i = 1; i < r.rows; i++)
        if (strcmp(ids[i], ids[i - 1]) == 0)
            r.distinct = 0;
    for (long i = 0; i < r.rows; i++)
        free(ids[i]);
    free(ids);
    return r;
}

/* ----------------------------------------------------------------- tests ---- */

static void test_connect_errors(void)
{
    props p;
    provider *prov = NULL;
    err e;

    basic_props(&p);
    props_set(&p, "OAuthClientSecret", "wrong-secret-value");
    err_clear(&e);
    ok(pingone_provider_open(&p, NULL, &prov, &e) < 0, "wrong secret refused");
    is_str(e.sqlstate, "28000", "wrong secret -> 28000");
    ok(strstr(e.message, "invalid_client") && !strstr(e.message, "wrong-secret-value"),
       "message names invalid_client, never the secret: %s", e.message);
    props_free(&p);

    basic_props(&p);
    props_set(&p, "EnvironmentId", "00000000-0000-4000-8000-00000000dead");
    err_clear(&e);
    ok(pingone_provider_open(&p, NULL, &prov, &e) < 0, "unknown environment refused");
    is_str(e.sqlstate, "08001", "unknown environment -> 08001");
    ok(strstr(e.message, "not found or not accessible") != NULL, "message: %s", e.message);
    props_free(&p);

    basic_props(&p);
    props_set(&p, "SSLServerCert", "");
    err_clear(&e);
    ok(pingone_provider_open(&p, NULL, &prov, &e) < 0, "untrusted emulator CA refused (TLS verified)");
    is_str(e.sqlstate, "08001", "TLS failure at connect -> 08001");
    ok(strstr(e.message, "SSLServerCert") != NULL, "message hints at SSLServerCert: %s", e.message);
    props_free(&p);

    basic_props(&p);
    props_set(&p, "SSLServerCert", "/nonexistent/ca.pem");
    err_clear(&e);
    ok(pingone_provider_open(&p, NULL, &prov, &e) < 0 && strcmp(e.sqlstate, "HY024") == 0,
       "unreadable SSLServerCert -> HY024");
    props_free(&p);

    basic_props(&p);
    props_set(&p, "APIBaseURL", "https://127.0.0.1:1/v1");
    err_clear(&e);
    ok(pingone_provider_open(&p, NULL, &prov, &e) < 0 && strcmp(e.sqlstate, "08001") == 0,
       "unreachable API host at connect -> 08001 (%s)", e.sqlstate);
    props_free(&p);
}

static void test_post_client(void)
{
    props p;
    basic_props(&p);
    props_set(&p, "OAuthClientId", X("post_cid"));
    props_set(&p, "OAuthClientSecret", X("post_secret"));
    provider *prov = NULL;
    err e;
    err_clear(&e);
    clear_requests();
    ok(pingone_provider_open(&p, NULL, &prov, &e) == 0, "client_secret_post client signs in (%s)", e.message);
    is_int(logged("/as/token", NULL, 0), 2, "Basic tried first, then POST");
    if (prov) {
        json_decref(control("POST", "/__emulator/tokens/expire", NULL));
        clear_requests();
        run r = scan_table(prov, "Populations", NULL, -1, 2);
        ok(r.rc == 0 && r.rows == XI("pops"), "after expiry, the POST client renews and reads");
        is_int(logged("/as/token", NULL, 0), 1, "renewal uses the remembered method directly");
        prov->ops->destroy(prov);
    }
    props_free(&p);
}

static void test_scans(provider *prov)
{
    char filter[512];
    const table_def *t = prov->ops->find_table(prov, NULL, "users", NULL);
    ok(t && strcmp(t->name, "Users") == 0, "find_table is case-insensitive");
    is_str(t ? t->schema : NULL, "Production", "schema = environment name");
    err e;
    err_clear(&e);
    ok(prov->ops->find_table(prov, "production", "USERS", &e) != NULL, "schema-qualified lookup");
    ok(prov->ops->find_table(prov, NULL, "Nope", &e) == NULL && strcmp(e.sqlstate, "42S02") == 0 &&
       strstr(e.message, "Table 'Nope' does not exist"), "unknown table -> 42S02");

    clear_requests();
    run r = scan_table(prov, "Users", leaf(CONS_EQ, 1, 1, "user0042"), -1, 2);
    ok(r.rc == 0 && r.rows == 1, "Username = 'user0042' -> 1 row");
    is_str(r.first, X("u42"), "... the right user");
    is_int(r.requests, 1, "... in exactly 1 request");
    is_int(logged("/users", filter, sizeof filter), 1, "emulator saw 1 users request");
    is_str(filter, "username eq \"user0042\"", "... with filter username eq \"user0042\"");

    clear_requests();
    r = scan_table(prov, "Users", NULL, -1, 2);
    ok(r.rc == 0, "full Users scan (%s)", r.e.message);
    is_int(r.rows, XI("users"), "every user returned");
    ok(r.distinct, "... exactly once across (short) pages");
    ok(r.requests >= 3, "... over several pages (%ld requests)", r.requests);
    is_int(logged("/users", NULL, 0), r.requests, "requests() matches the emulator's log");

    clear_requests();
    r = scan_table(prov, "Users", leaf(CONS_EQ, 1, 1, "x\" or username sw \"u"), -1, 2);
    ok(r.rc == 0 && r.rows == 0, "injection attempt returns nothing (%s)", r.e.message);
    logged("/users", filter, sizeof filter);
    is_str(filter, "username eq \"x\\\" or username sw \\\"u\"", "... sent escaped");

    r = scan_table(prov, "Users", leaf(CONS_EQ, 1, 1, X("quote")), -1, 2);
    ok(r.rc == 0 && r.rows == 1, "quote/backslash username found by = (%s)", r.e.message);

    clear_requests();
    r = scan_table(prov, "Users", leaf(CONS_EQ, 0, 1, X("u42")), -1, 2);
    ok(r.rc == 0 && r.rows == 1 && strcmp(r.first, X("u42")) == 0, "Id = x -> the user");
    is_int(r.requests, 1, "... by one single-item GET");
    r = scan_table(prov, "Users", leaf(CONS_EQ, 0, 1, "00000000-0000-4000-8000-000000000000"), -1, 2);
    ok(r.rc == 0 && r.rows == 0, "unknown Id -> zero rows, no error (%s)", r.e.message);

    clear_requests();
    r = scan_table(prov, "Users", leaf(CONS_EQ, 1, 1, "user0042"), -1, 0);
    ok(r.rc == 0 && r.rows == XI("users"), "PushDown None: whole listing, filtered locally later");

    clear_requests();
    r = scan_table(prov, "Users", NULL, 5, 2);
    ok(r.rc == 0 && r.rows == 5 && r.requests == 1, "LIMIT 5 without WHERE: 1 request");
    json_t *log = control("GET", "/__emulator/requests", NULL);
    json_t *last = json_array_get(json_object_get(log, "requests"), 0);
    is_str(json_string_value(json_object_get(json_object_get(last, "query"), "limit")), "5", "... with limit=5");
    json_decref(log);

    cons *en = leaf(CONS_EQ, 9, 0);
    en->nvals = 1;
    sqlval_set_bool(&en->vals[0], 1);
    r = scan_table(prov, "Users", en, -1, 2);
    ok(r.rc == 0 && r.rows == XI("enabled"), "IsEnabled = TRUE pushed: %ld rows", r.rows);

    cons *in = leaf(CONS_IN, 1, 0);
    in->nvals = 120;
    free(in->vals);
    in->vals = calloc(120, sizeof *in->vals);
    for (int i = 0; i < 120; i++) {
        char u[32];
        snprintf(u, sizeof u, "user%04d", i * 7);
        sqlval_set_text(&in->vals[i], u);
    }
    clear_requests();
    r = scan_table(prov, "Users", in, -1, 2);
    ok(r.rc == 0 && r.rows == 120 && r.distinct, "Username IN (120 values) -> 120 distinct rows");
    is_int(r.requests, 3, "... in 3 chunked requests");

    r = scan_table(prov, "Populations", NULL, -1, 2);
    ok(r.rc == 0 && r.rows == XI("pops"), "Populations: %ld rows", r.rows);
    r = scan_table(prov, "Groups", NULL, -1, 2);
    ok(r.rc == 0 && r.rows == XI("groups"), "Groups: %ld rows", r.rows);

    r = scan_table(prov, "UserGroupAssociations", NULL, -1, 2);
    ok(r.rc == 0 && r.rows >= XI("nmember") && r.requests > XI("users") / 1000,
       "UserGroupAssociations without UserId fans out over the users (%ld rows, %ld requests, %s)",
       r.rows, r.requests, r.e.message);
    r = scan_table(prov, "UserGroupAssociations", leaf(CONS_IN, 0, 2, X("member"), X("u42")), -1, 2);
    ok(r.rc == 0 && r.rows >= XI("nmember"), "memberships of 2 users (%ld rows, %s)", r.rows, r.e.message);
    is_int(r.requests, 2, "... one listing per user");
    r = scan_table(prov, "UserGroupAssociations", leaf(CONS_EQ, 0, 1, "00000000-0000-4000-8000-000000000000"), -1, 2);
    ok(r.rc == 0 && r.rows == 0, "memberships of an unknown user: none (%s)", r.e.message);
}

static void test_faults(provider *prov)
{
    clear_requests();
    json_decref(control("POST", "/__emulator/faults",
                        "{\"match\": \"/populations\", \"status\": 429, \"count\": 2, \"retryAfter\": 1}"));
    run r = scan_table(prov, "Populations", NULL, -1, 2);
    ok(r.rc == 0 && r.rows == XI("pops"), "429 twice then success (%s)", r.e.message);
    is_int(r.requests, 3, "... 3 attempts counted");

    json_decref(control("POST", "/__emulator/tokens/expire", NULL));
    clear_requests();
    r = scan_table(prov, "Populations", NULL, -1, 2);
    ok(r.rc == 0 && r.rows == XI("pops"), "expired token renewed once, request retried (%s)", r.e.message);
    is_int(logged("/as/token", NULL, 0), 1, "... one token request");

    json_decref(control("POST", "/__emulator/faults",
                        "{\"match\": \"/groups\", \"status\": 500, \"count\": 1}"));
    r = scan_table(prov, "Groups", NULL, -1, 2);
    ok(r.rc < 0 && strcmp(r.e.sqlstate, "08S01") == 0, "500 -> 08S01");
    ok(r.e.native == 500 && strstr(r.e.message, "Correlation-Id: ") && !strstr(r.e.message, "Correlation-Id: none"),
       "... native 500 and the Correlation-Id: %s", r.e.message);
    ok(strstr(r.e.message, "Listing groups failed") != NULL, "... says what failed");

    json_decref(control("POST", "/__emulator/faults",
                        "{\"match\": \"/groups\", \"status\": 403, \"count\": 1}"));
    r = scan_table(prov, "Groups", NULL, -1, 2);
    ok(r.rc < 0 && strcmp(r.e.sqlstate, "28000") == 0, "403 -> 28000 (%s)", r.e.sqlstate);
    json_decref(control("POST", "/__emulator/faults",
                        "{\"match\": \"/groups\", \"status\": 429, \"count\": 5, \"retryAfter\": 0}"));
    r = scan_table(prov, "Groups", NULL, -1, 2);
    ok(r.rc < 0 && strcmp(r.e.sqlstate, "HY000") == 0 && r.e.native == 429, "429 five times -> HY000");
    ok(strstr(r.e.message, "5 attempts") && strstr(r.e.message, "rate limit"), "... clear message: %s", r.e.message);
    is_int(r.requests, 5, "... after exactly 5 tries");
    json_decref(control("DELETE", "/__emulator/faults", NULL));
}

static void test_timeout(void)
{
    /* a listener that never answers: the TLS handshake waits until Timeout */
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t len = sizeof sa;
    if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0 || listen(fd, 4) < 0 ||
        getsockname(fd, (struct sockaddr *)&sa, &len) < 0) {
        ok(0, "could not open a silent listener");
        return;
    }
    char url[128];
    snprintf(url, sizeof url, "https://127.0.0.1:%d/as", ntohs(sa.sin_port));
    props p;
    basic_props(&p);
    props_set(&p, "AuthorizationServerURL", url);
    props_set(&p, "Timeout", "1");
    provider *prov = NULL;
    err e;
    err_clear(&e);
    time_t t0 = time(NULL);
    ok(pingone_provider_open(&p, NULL, &prov, &e) < 0, "silent server: connect fails");
    is_str(e.sqlstate, "HYT00", "... with HYT00 (%s)", e.message);
    ok(time(NULL) - t0 <= 5, "... after about Timeout seconds");
    props_free(&p);
    close(fd);
}

static void test_unicode(provider *prov)
{
    for (int ascii = 0; ascii <= 1; ascii++) {
        json_decref(control("POST", "/__emulator/config", ascii ? "{\"asciiJson\": true}" : "{\"asciiJson\": false}"));
        const table_def *t = prov->ops->find_table(prov, NULL, "Users", NULL);
        scan_plan sp;
        memset(&sp, 0, sizeof sp);
        sp.table = t;
        sp.where = leaf(CONS_EQ, 1, 1, "emoji.user");
        sp.limit = -1;
        sp.pushdown = 2;
        err e;
        scan *s = NULL;
        sql_value row[256];
        memset(row, 0, sizeof row);
        int got = prov->ops->plan(prov, &sp, &e) == 0 && prov->ops->open(prov, &sp, &s, &e) == 0
                      ? prov->ops->next(s, row, &e) : -1;
        ok(got == 1, "emoji.user found (asciiJson %d)", ascii);
        is_str(row[3].type == SQLT_TEXT ? row[3].u.s.ptr : NULL, "Smiley\xf0\x9f\x98\x80",
               "non-BMP FirstName bytes (asciiJson %d)", ascii);
        for (int i = 0; i < t->ncols; i++)
            sqlval_clear(&row[i]);
        if (s)
            prov->ops->close(s);
        prov->ops->free_plan(prov, &sp);
    }
    json_decref(control("POST", "/__emulator/config", "{\"asciiJson\": false}"));
}

/* Plan a table scan (no WHERE unless given) for count/cancel tests. */
static int plan_for(provider *prov, scan_plan *sp, const char *table, cons *where)
{
    memset(sp, 0, sizeof *sp);
    sp->table = prov->ops->find_table(prov, NULL, table, NULL);
    sp->where = where;
    sp->limit = -1;
    sp->pushdown = 2;
    err e;
    return sp->table ? prov->ops->plan(prov, sp, &e) : -1;
}

static void test_count(provider *prov)
{
    scan_plan sp;
    int64_t n = -1;
    long req = -1;
    err e;
    err_clear(&e);
    plan_for(prov, &sp, "Users", NULL);
    ok(prov->ops->count && prov->ops->count(prov, &sp, &n, &req, &e) == 1, "count(Users) known");
    is_int(n, XI("users"), "... equals the number of users");
    is_int(req, 1, "... from one request");
    prov->ops->free_plan(prov, &sp);

    cons *en = leaf(CONS_EQ, 9, 0);
    en->nvals = 1;
    sqlval_set_bool(&en->vals[0], 1);
    plan_for(prov, &sp, "Users", en);
    ok(sp.exact && prov->ops->count(prov, &sp, &n, &req, &e) == 1 && n == XI("enabled"),
       "count(Users WHERE IsEnabled = TRUE) = %ld", (long)n);
    prov->ops->free_plan(prov, &sp);

    plan_for(prov, &sp, "Users", leaf(CONS_EQ, 1, 1, "user0042"));
    ok(prov->ops->count(prov, &sp, &n, &req, &e) == 0 && req == 0, "inexact plan: count unknown, no request");
    prov->ops->free_plan(prov, &sp);
}

typedef struct cancel_arg { provider *prov; scan *s; } cancel_arg;

static void *cancel_later(void *p)
{
    cancel_arg *a = p;
    struct timespec ts = {0, 500000000};
    nanosleep(&ts, NULL);
    a->prov->ops->cancel(a->s);
    return NULL;
}

static void test_cancel(provider *prov)
{
    scan_plan sp;
    err e;
    scan *s = NULL;
    sql_value row[256];
    memset(row, 0, sizeof row);
    plan_for(prov, &sp, "Users", NULL);
    prov->ops->open(prov, &sp, &s, &e);
    ok(prov->ops->next(s, row, &e) == 1, "scan started");
    for (int i = 0; i < sp.table->ncols; i++)
        sqlval_clear(&row[i]);
    prov->ops->cancel(s);
    err_clear(&e);
    ok(prov->ops->next(s, row, &e) == -1 && strcmp(e.sqlstate, "HY008") == 0, "after cancel: HY008");
    prov->ops->close(s);
    prov->ops->free_plan(prov, &sp);

    /* cancel while waiting out a Retry-After */
    json_decref(control("POST", "/__emulator/faults",
                        "{\"match\": \"/groups\", \"status\": 429, \"count\": 1, \"retryAfter\": 20}"));
    plan_for(prov, &sp, "Groups", NULL);
    prov->ops->open(prov, &sp, &s, &e);
    cancel_arg a = {prov, s};
    pthread_t th;
    pthread_create(&th, NULL, cancel_later, &a);
    time_t t0 = time(NULL);
    err_clear(&e);
    int got = prov->ops->next(s, row, &e);
    pthread_join(th, NULL);
    ok(got == -1 && strcmp(e.sqlstate, "HY008") == 0, "cancel from another thread during Retry-After: HY008 (%s)",
       e.message);
    ok(time(NULL) - t0 < 5, "... promptly");
    prov->ops->close(s);
    prov->ops->free_plan(prov, &sp);
    json_decref(control("DELETE", "/__emulator/faults", NULL));
}

/* Fan-out: cancelling while every concurrent child listing waits out a Retry-After. */
static void test_fanout_cancel(provider *prov)
{
    scan_plan sp;
    err e;
    scan *s = NULL;
    sql_value row[256];
    memset(row, 0, sizeof row);
    json_decref(control("POST", "/__emulator/faults",
                        "{\"match\": \"/sessions\", \"status\": 429, \"count\": 8, \"retryAfter\": 20}"));
    plan_for(prov, &sp, "UserSessions", NULL);
    ok(sp.explain && strstr(sp.explain, "at most 4 requests in flight"), "fan-out plan shows its bound");
    prov->ops->open(prov, &sp, &s, &e);
    cancel_arg a = {prov, s};
    pthread_t th;
    pthread_create(&th, NULL, cancel_later, &a);
    time_t t0 = time(NULL);
    err_clear(&e);
    int got = prov->ops->next(s, row, &e);
    pthread_join(th, NULL);
    ok(got == -1 && strcmp(e.sqlstate, "HY008") == 0, "fan-out: cancel during the listings' Retry-After: HY008 (%s)",
       e.message);
    ok(time(NULL) - t0 < 5, "... promptly");
    ok(prov->ops->requests(s) >= 5, "... after the parents and several concurrent listings (%ld requests)",
       prov->ops->requests(s));
    prov->ops->close(s);
    prov->ops->free_plan(prov, &sp);
    json_decref(control("DELETE", "/__emulator/faults", NULL));
}

static void test_log(void)
{
    char logpath[400];
    snprintf(logpath, sizeof logpath, "%s/driver.log", state_dir);
    p1log *log = p1log_open(logpath, 3);
    props p;
    basic_props(&p);
    provider *prov = NULL;
    err e;
    ok(pingone_provider_open(&p, log, &prov, &e) == 0, "connect with a verbosity-3 log");
    if (prov) {
        scan_table(prov, "Populations", NULL, -1, 2);
        prov->ops->destroy(prov);
    }
    p1log_close(log);
    props_free(&p);
    FILE *fp = fopen(logpath, "r");
    strbuf text;
    sb_init(&text);
    char buf[4096];
    size_t n;
    while (fp && (n = fread(buf, 1, sizeof buf, fp)) > 0)
        sb_append_len(&text, buf, n);
    if (fp)
        fclose(fp);
    ok(strstr(text.data, "GET ") && strstr(text.data, "Correlation-Id"), "log has GET lines with Correlation-Id");
    ok(strstr(text.data, "\"populations\"") != NULL, "verbosity 3 logs management response bodies");
    ok(!strstr(text.data, X("secret")) && !strstr(text.data, "access_token") && !strstr(text.data, "Bearer"),
       "log holds no secret, no token response, no Authorization header");
    sb_free(&text);
}

int main(void)
{
    const char *srcdir = getenv("top_srcdir");
    if (!srcdir)
        srcdir = ".";
    curl_global_init(CURL_GLOBAL_DEFAULT);
    if (start_emulator(srcdir) < 0 || !(expect = load_expected(srcdir))) {
        printf("1..0 # SKIP emulator not available\n");
        stop_emulator();
        return 0;
    }
    plan_lazy();
    snprintf(auth_url, sizeof auth_url, "%s/%s/as", base_url, X("admin_env"));
    snprintf(api_url, sizeof api_url, "%s/v1", base_url);

    props p;
    basic_props(&p);
    provider *prov = NULL;
    err e;
    err_clear(&e);
    clear_requests();
    ok(pingone_provider_open(&p, NULL, &prov, &e) == 0, "client_secret_basic client connects (%s)", e.message);
    is_int(logged("/as/token", NULL, 0), 1, "one token request");
    props_free(&p);
    if (prov) {
        test_scans(prov);
        test_faults(prov);
        test_unicode(prov);
        test_count(prov);
        test_cancel(prov);
        test_fanout_cancel(prov);
        prov->ops->destroy(prov);
    }
    test_post_client();
    test_connect_errors();
    test_log();
    test_timeout();
    json_decref(expect);
    stop_emulator();
    free_arena();
    curl_global_cleanup();
    return done_testing();
}
