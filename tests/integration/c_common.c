/**
 * @file c_common.c
 * Helpers for the C client tests (see c_common.h).
 */
#include "tests/integration/c_common.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/** The Python program run by ds_eval: it evaluates argv[2] with the dataset loaded. */
static const char DS_SCRIPT[] =
    "import sys\n"
    "sys.path.insert(0, sys.argv[1])\n"
    "import dataset as d\n"
    "t = d.build()\n"
    "env = t.envs[d.DEFAULT_ENV_ID]\n"
    "users = env.users\n"
    "U = {u['username']: u for u in users}\n"
    "sys.stdout.buffer.write(str(eval(sys.argv[2])).encode('utf-8'))\n";

char *ds_eval(const char *expr)
{
    const char *top = getenv("top_srcdir");
    char emu[4096];
    snprintf(emu, sizeof emu, "%s/tests/emulator", top ? top : ".");
    int fd[2];
    if (pipe(fd) != 0)
        return NULL;
    pid_t pid = fork();
    if (pid < 0)
        return NULL;
    if (pid == 0) {
        dup2(fd[1], 1);
        close(fd[0]);
        close(fd[1]);
        unsetenv("LD_PRELOAD"); /* sanitizer runtimes are for the driver, not python */
        execl("/usr/bin/python3", "python3", "-c", DS_SCRIPT, emu, expr, (char *)NULL);
        _exit(127);
    }
    close(fd[1]);
    size_t cap = 256, len = 0;
    char *out = malloc(cap);
    for (;;) {
        if (len + 128 > cap) {
            cap *= 2;
            out = realloc(out, cap);
        }
        ssize_t n = read(fd[0], out + len, cap - len - 1);
        if (n <= 0)
            break;
        len += (size_t)n;
    }
    close(fd[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    out[len] = '\0';
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        fprintf(stderr, "ds_eval failed for: %s\n", expr);
        free(out);
        return NULL;
    }
    return out;
}

int emu_control(const char *code)
{
    const char *top = getenv("top_srcdir");
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/tests/integration", top ? top : ".");
    static const char script[] =
        "import sys\n"
        "sys.path.insert(0, sys.argv[1])\n"
        "import p1test as t\n"
        "exec(sys.argv[2])\n";
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        unsetenv("LD_PRELOAD"); /* sanitizer runtimes are for the driver, not python */
        execl("/usr/bin/python3", "python3", "-c", script, dir, code, (char *)NULL);
        _exit(127);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        fprintf(stderr, "emu_control failed for: %s\n", code);
        return -1;
    }
    return 0;
}

const char *need_env(const char *name)
{
    const char *v = getenv(name);
    if (!v || !*v) {
        fprintf(stderr, "%s is not set: run this test through tests/integration/with-emulator.sh\n",
                name);
        printf("Bail out! %s not set\n", name);
        exit(99);
    }
    return v;
}

SQLRETURN diag_a(SQLSMALLINT type, SQLHANDLE h, char state[6], char *msg, size_t msglen)
{
    SQLINTEGER native = 0;
    SQLSMALLINT len = 0;
    state[0] = '\0';
    if (msglen)
        msg[0] = '\0';
    return SQLGetDiagRec(type, h, 1, (SQLCHAR *)state, &native, (SQLCHAR *)msg,
                         (SQLSMALLINT)msglen, &len);
}

SQLRETURN diag_w(SQLSMALLINT type, SQLHANDLE h, char state[6], char *msg, size_t msglen)
{
    SQLWCHAR wstate[6] = {0}, wmsg[1024] = {0};
    SQLINTEGER native = 0;
    SQLSMALLINT len = 0;
    SQLRETURN rc = SQLGetDiagRecW(type, h, 1, wstate, &native, wmsg, 1024, &len);
    char *s = u8(wstate, SQL_NTS), *m = u8(wmsg, SQL_NTS);
    snprintf(state, 6, "%s", s ? s : "");
    if (msglen)
        snprintf(msg, msglen, "%s", m ? m : "");
    free(s);
    free(m);
    return rc;
}

void diag_dump(SQLSMALLINT type, SQLHANDLE h)
{
    for (SQLSMALLINT i = 1; i < 10; i++) {
        SQLCHAR state[6] = {0}, msg[1024] = {0};
        SQLINTEGER native = 0;
        SQLSMALLINT len = 0;
        if (!SUCCEEDED(SQLGetDiagRec(type, h, i, state, &native, msg, sizeof msg, &len)))
            break;
        printf("#   diag %d: %s (%ld) %s\n", i, state, (long)native, msg);
    }
}

SQLWCHAR *u16(const char *s, size_t *units)
{
    size_t n = strlen(s), o = 0;
    SQLWCHAR *w = malloc((n + 1) * sizeof *w);
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        if (p[i] < 0x80) {
            cp = p[i];
            i += 1;
        } else if ((p[i] & 0xE0) == 0xC0 && i + 1 < n) {
            cp = ((p[i] & 0x1Fu) << 6) | (p[i + 1] & 0x3Fu);
            i += 2;
        } else if ((p[i] & 0xF0) == 0xE0 && i + 2 < n) {
            cp = ((p[i] & 0x0Fu) << 12) | ((p[i + 1] & 0x3Fu) << 6) | (p[i + 2] & 0x3Fu);
            i += 3;
        } else if (i + 3 < n) {
            cp = ((p[i] & 0x07u) << 18) | ((p[i + 1] & 0x3Fu) << 12) | ((p[i + 2] & 0x3Fu) << 6) |
                 (p[i + 3] & 0x3Fu);
            i += 4;
        } else {
            cp = 0xFFFD;
            i += 1;
        }
        if (cp >= 0x10000) {
            w[o++] = (SQLWCHAR)(0xD800 + ((cp - 0x10000) >> 10));
            w[o++] = (SQLWCHAR)(0xDC00 + ((cp - 0x10000) & 0x3FF));
        } else {
            w[o++] = (SQLWCHAR)cp;
        }
    }
    w[o] = 0;
    if (units)
        *units = o;
    return w;
}

char *u8(const SQLWCHAR *w, SQLLEN units)
{
    size_t n = 0;
    if (units == SQL_NTS)
        while (w[n])
            n++;
    else
        n = (size_t)units;
    char *s = malloc(n * 3 + 1), *o = s;
    for (size_t i = 0; i < n; i++) {
        uint32_t cp = w[i];
        if (cp >= 0xD800 && cp <= 0xDBFF && i + 1 < n && w[i + 1] >= 0xDC00 && w[i + 1] <= 0xDFFF) {
            cp = 0x10000 + ((cp - 0xD800) << 10) + (w[i + 1] - 0xDC00u);
            i++;
        }
        if (cp < 0x80) {
            *o++ = (char)cp;
        } else if (cp < 0x800) {
            *o++ = (char)(0xC0 | (cp >> 6));
            *o++ = (char)(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            *o++ = (char)(0xE0 | (cp >> 12));
            *o++ = (char)(0x80 | ((cp >> 6) & 0x3F));
            *o++ = (char)(0x80 | (cp & 0x3F));
        } else {
            *o++ = (char)(0xF0 | (cp >> 18));
            *o++ = (char)(0x80 | ((cp >> 12) & 0x3F));
            *o++ = (char)(0x80 | ((cp >> 6) & 0x3F));
            *o++ = (char)(0x80 | (cp & 0x3F));
        }
    }
    *o = '\0';
    return s;
}

int ds_split(char *s, char **parts, int max)
{
    int n = 0;
    while (s && n < max) {
        parts[n++] = s;
        char *sep = strchr(s, '\x1f');
        if (!sep)
            break;
        *sep = '\0';
        s = sep + 1;
    }
    return n;
}

const char *diag_state(int wide, SQLSMALLINT type, SQLHANDLE h)
{
    static char state[6];
    char msg[512];
    state[0] = '\0';
    if (wide)
        diag_w(type, h, state, msg, sizeof msg);
    else
        diag_a(type, h, state, msg, sizeof msg);
    return state;
}

SQLRETURN exec_text(int wide, SQLHSTMT st, const char *sql)
{
    if (!wide)
        return SQLExecDirect(st, (SQLCHAR *)sql, SQL_NTS);
    SQLWCHAR *w = u16(sql, NULL);
    SQLRETURN rc = SQLExecDirectW(st, w, SQL_NTS);
    free(w);
    return rc;
}

SQLRETURN prepare_text(int wide, SQLHSTMT st, const char *sql)
{
    if (!wide)
        return SQLPrepare(st, (SQLCHAR *)sql, SQL_NTS);
    SQLWCHAR *w = u16(sql, NULL);
    SQLRETURN rc = SQLPrepareW(st, w, SQL_NTS);
    free(w);
    return rc;
}
