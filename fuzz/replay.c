/**
 * @file replay.c
 * The fuzz corpus as a regression test (make check): every file of
 * fuzz/corpus/<target>/ and fuzz/regressions/<target>/ is fed to the
 * target's function (the same code libFuzzer runs, see fuzz_target.h).
 * TAP, one line per target. Each target runs in a child process, so a
 * crash, a sanitizer report or a leak (LeakSanitizer's exit status) fails
 * that line and names the input that was running.
 *
 * A regression with a note beside it (<file>.todo, first line = what is
 * wrong) is a known, not yet fixed bug: it runs alone in a child and is
 * reported as TAP TODO, so make check stays green until the owner fixes it
 * (then the line passes unexpectedly and the note should be removed). A
 * build without sanitizers may not notice a memory error at all: then the
 * line is a SKIP.
 *
 * Usage: replay                    (reads $top_srcdir/fuzz, else ./fuzz)
 *        replay TARGET FILE...     (runs the files in this process, e.g. a
 *                                   crash reproducer under a debugger)
 */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fuzz/fuzz_target.h"

#if defined(__SANITIZE_ADDRESS__)
#define FUZZ_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define FUZZ_SANITIZED 1
#endif
#endif
#ifndef FUZZ_SANITIZED
#define FUZZ_SANITIZED 0
#endif

/** Seconds one target's replay may take before it counts as hung. */
#define REPLAY_TIMEOUT_S 300

typedef int (*fuzz_fn)(const uint8_t *data, size_t size);

static const struct {
    const char *name;
    fuzz_fn     fn;
} targets[] = {
    { "sql", fuzz_sql_one },
    { "sql_plan", fuzz_sql_plan_one },
    { "connstr", fuzz_connstr_one },
    { "utf16", fuzz_utf16_one },
    { "convert", fuzz_convert_one },
    { "json_rows", fuzz_json_rows_one },
    { "p1_error", fuzz_p1_error_one },
};
#define NTARGETS ((int)(sizeof targets / sizeof targets[0]))

/** Path of the input being run, shared with the parent (names a crash). */
static char *current;
#define CURRENT_MAX 4096

/** A list of malloc'd paths. */
typedef struct pathlist {
    char **v;
    int    n;
} pathlist;

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/** Non-zero when name ends with suffix. */
static int ends_with(const char *name, const char *suffix)
{
    size_t n = strlen(name), m = strlen(suffix);
    return n >= m && strcmp(name + n - m, suffix) == 0;
}

/**
 * Append the input files of dir (sorted; hidden files, notes *.todo and
 * *.md skipped) to out. A missing directory adds nothing.
 */
static void list_inputs(const char *dir, pathlist *out)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    int first = out->n;
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        if (de->d_name[0] == '.' || ends_with(de->d_name, ".todo") || ends_with(de->d_name, ".md"))
            continue;
        char **grown = realloc(out->v, sizeof *grown * (size_t)(out->n + 1));
        if (!grown)
            break;
        out->v = grown;
        size_t len = strlen(dir) + strlen(de->d_name) + 2;
        if (!(out->v[out->n] = malloc(len)))
            break;
        snprintf(out->v[out->n], len, "%s/%s", dir, de->d_name);
        out->n++;
    }
    closedir(d);
    qsort(out->v + first, (size_t)(out->n - first), sizeof *out->v, cmp_str);
}

static void free_list(pathlist *l)
{
    for (int i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
    l->v = NULL;
    l->n = 0;
}

/** Read a whole file into a malloc'd buffer; NULL on failure. */
static uint8_t *read_file(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, n = 0;
    uint8_t *buf = malloc(cap);
    while (buf) {
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (n < cap)
            break;
        uint8_t *grown = realloc(buf, cap * 2);
        if (!grown) {
            free(buf);
            buf = NULL;
            break;
        }
        buf = grown;
        cap *= 2;
    }
    fclose(f);
    if (buf) {
        /* an exactly sized copy, so reads past the end are caught */
        uint8_t *exact = malloc(n ? n : 1);
        if (exact && n)
            memcpy(exact, buf, n);
        free(buf);
        buf = exact;
    }
    *size = n;
    return buf;
}

/** Run one file through fn in this process. Returns 0, or -1 when unreadable. */
static int run_file(fuzz_fn fn, const char *path)
{
    if (current)
        snprintf(current, CURRENT_MAX, "%s", path);
    size_t n = 0;
    uint8_t *data = read_file(path, &n);
    if (!data) {
        fprintf(stderr, "replay: cannot read %s: %s\n", path, strerror(errno));
        return -1;
    }
    fn(data, n);
    free(data);
    return 0;
}

/**
 * Run files[from..to) in a child process. Returns 0 when the child exited
 * 0; otherwise fills why (a sentence) and returns -1.
 */
static int run_child(fuzz_fn fn, char **files, int count, char *why, size_t whylen)
{
    current[0] = '\0';
    fflush(stdout);
    pid_t pid = fork();
    if (pid < 0) {
        snprintf(why, whylen, "fork failed: %s", strerror(errno));
        return -1;
    }
    if (pid == 0) {
        alarm(REPLAY_TIMEOUT_S);
        for (int i = 0; i < count; i++)
            if (run_file(fn, files[i]) < 0)
                _exit(2);
        current[0] = '\0';
        exit(0); /* exit, not _exit: LeakSanitizer checks at exit */
    }
    int st = 0;
    while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
        ;
    if (WIFEXITED(st) && WEXITSTATUS(st) == 0)
        return 0;
    const char *last = current[0] ? current : "(after the last input: leak check)";
    if (WIFSIGNALED(st))
        snprintf(why, whylen, "killed by signal %d%s on %s", WTERMSIG(st),
                 WTERMSIG(st) == SIGALRM ? " (timeout)" : "", last);
    else
        snprintf(why, whylen, "exit status %d on %s", WEXITSTATUS(st), last);
    return -1;
}

/** First line of the note beside a regression, or a default. */
static void read_note(const char *path, char *out, size_t outlen)
{
    char note[4200];
    snprintf(note, sizeof note, "%s.todo", path);
    snprintf(out, outlen, "known bug");
    FILE *f = fopen(note, "r");
    if (!f)
        return;
    if (fgets(out, (int)outlen, f))
        out[strcspn(out, "\r\n")] = '\0';
    fclose(f);
}

/** Non-zero when a note <path>.todo exists. */
static int has_note(const char *path)
{
    char note[4200];
    snprintf(note, sizeof note, "%s.todo", path);
    return access(note, F_OK) == 0;
}

/** Direct mode: replay TARGET FILE... in this process. */
static int direct(int argc, char **argv)
{
    for (int t = 0; t < NTARGETS; t++) {
        if (strcmp(targets[t].name, argv[1]) != 0)
            continue;
        for (int i = 2; i < argc; i++) {
            fprintf(stderr, "replay: %s %s\n", argv[1], argv[i]);
            if (run_file(targets[t].fn, argv[i]) < 0)
                return 2;
        }
        fprintf(stderr, "replay: no crash\n");
        return 0;
    }
    fprintf(stderr, "replay: unknown target '%s'\n", argv[1]);
    return 2;
}

int main(int argc, char **argv)
{
    if (argc >= 3)
        return direct(argc, argv);
    const char *top = getenv("top_srcdir");
    char base[4000];
    snprintf(base, sizeof base, "%s/fuzz", top && *top ? top : ".");
    current = mmap(NULL, CURRENT_MAX, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (current == MAP_FAILED) {
        printf("Bail out! mmap failed: %s\n", strerror(errno));
        return 1;
    }
    int n = 0, failed = 0;
    for (int t = 0; t < NTARGETS; t++) {
        char dir[4200];
        pathlist corpus = { 0 }, regs = { 0 };
        snprintf(dir, sizeof dir, "%s/corpus/%s", base, targets[t].name);
        list_inputs(dir, &corpus);
        snprintf(dir, sizeof dir, "%s/regressions/%s", base, targets[t].name);
        list_inputs(dir, &regs);

        /* the corpus and the fixed regressions together, in one child */
        pathlist all = { 0 };
        all.v = calloc((size_t)(corpus.n + regs.n + 1), sizeof *all.v);
        int nfixed = 0;
        for (int i = 0; all.v && i < corpus.n; i++)
            all.v[all.n++] = corpus.v[i];
        for (int i = 0; all.v && i < regs.n; i++)
            if (!has_note(regs.v[i])) {
                all.v[all.n++] = regs.v[i];
                nfixed++;
            }
        char why[4400];
        n++;
        if (!all.v) {
            printf("not ok %d - %s: out of memory\n", n, targets[t].name);
            failed++;
        } else if (corpus.n == 0) {
            printf("not ok %d - %s: no seed corpus in %s/corpus/%s\n", n, targets[t].name, base,
                   targets[t].name);
            failed++;
        } else if (run_child(targets[t].fn, all.v, all.n, why, sizeof why) == 0) {
            printf("ok %d - %s: %d corpus inputs and %d fixed regressions replayed\n", n,
                   targets[t].name, corpus.n, nfixed);
        } else {
            printf("not ok %d - %s: %s\n", n, targets[t].name, why);
            printf("# reproduce: fuzz/replay %s '%s'\n", targets[t].name, current);
            failed++;
        }
        free(all.v);

        /* known bugs: one line each, TODO */
        for (int i = 0; i < regs.n; i++) {
            if (!has_note(regs.v[i]))
                continue;
            char note[512];
            read_note(regs.v[i], note, sizeof note);
            const char *file = strrchr(regs.v[i], '/') + 1;
            n++;
            if (run_child(targets[t].fn, &regs.v[i], 1, why, sizeof why) < 0)
                printf("not ok %d - %s regression %s: %s # TODO %s\n", n, targets[t].name, file,
                       why, note);
            else if (FUZZ_SANITIZED)
                printf("ok %d - %s regression %s no longer fails: remove its .todo note # TODO %s\n",
                       n, targets[t].name, file, note);
            else
                printf("ok %d - %s regression %s # SKIP not detectable without sanitizers: %s\n",
                       n, targets[t].name, file, note);
        }
        free_list(&corpus);
        free_list(&regs);
    }
    printf("1..%d\n", n);
    return failed ? 1 : 0;
}
