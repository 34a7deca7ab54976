/*
 * replay.c - `vigil replay`: runs recorded exchanges (JSON lines or a HAR
 * 1.2 file) through one engine and prints one decision per exchange.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"

typedef struct replay {
    vigil_engine   *eng;
    vigil_decision *dec;
    cli_exchange    x;
    cli_summary    *sum;
    cli_buf         out;
    const char     *name;       /* input name for messages */
    uint64_t        seq;        /* index of the next input record */
    int             quiet;
    int             flush_each; /* streaming input: write every line */
} replay;

/* ------------------------------------------------------------ output */

static void flush_out(replay *r)
{
    if (r->out.len && fwrite(r->out.ptr, 1, r->out.len, stdout) != r->out.len) {
        fprintf(stderr, "vigil: writing decisions: %s\n", strerror(errno));
        exit(CLI_EXIT_USAGE);
    }
    cli_buf_clear(&r->out);
    if (r->flush_each)
        fflush(stdout);
}

/* One decision as a JSON line, built from the accessors (no allocation
 * once the buffer has grown). */
static void emit(replay *r, uint64_t seq)
{
    const vigil_decision *d = r->dec;
    cli_buf *b = &r->out;
    vigil_action a = vigil_decision_action(d);
    cli_buf_puts(b, "{\"seq\":");
    cli_buf_int(b, (long long)seq);
    cli_buf_puts(b, ",\"action\":\"");
    cli_buf_puts(b, vigil_action_name(a));
    cli_buf_puts(b, "\",\"status\":");
    cli_buf_int(b, vigil_decision_status(d));
    cli_buf_puts(b, ",\"score\":");
    cli_buf_int(b, vigil_decision_score(d));
    cli_buf_puts(b, ",\"identity\":");
    cli_buf_json_str(b, vigil_decision_identity(d));
    const char *route = vigil_decision_route(d);
    if (route && route[0]) {
        cli_buf_puts(b, ",\"route\":");
        cli_buf_json_str(b, route);
    }
    const char *rid = vigil_decision_request_id(d);
    if (rid && rid[0]) {
        cli_buf_puts(b, ",\"request_id\":");
        cli_buf_json_str(b, rid);
    }
    if (!vigil_decision_enforced(d))
        cli_buf_puts(b, ",\"mode\":\"monitor\"");
    if (a == VIGIL_THROTTLE) {
        cli_buf_puts(b, ",\"retry_after\":");
        cli_buf_int(b, (long long)vigil_decision_retry_after(d));
    }
    cli_buf_puts(b, ",\"reasons\":[");
    size_t n = vigil_decision_reason_count(d);
    for (size_t i = 0; i < n; i++) {
        const vigil_reason *rs = vigil_decision_reason(d, i);
        if (!rs)
            break;
        if (i)
            cli_buf_putc(b, ',');
        cli_buf_puts(b, "{\"id\":");
        cli_buf_json_str(b, rs->rule_id ? rs->rule_id : "");
        cli_buf_puts(b, ",\"category\":");
        cli_buf_json_str(b, rs->category ? rs->category : "");
        cli_buf_puts(b, ",\"where\":");
        cli_buf_json_str(b, rs->where ? rs->where : "");
        cli_buf_puts(b, ",\"detail\":");
        cli_buf_json_str(b, rs->detail ? rs->detail : "");
        cli_buf_puts(b, ",\"score\":");
        cli_buf_int(b, rs->score);
        cli_buf_puts(b, ",\"action\":\"");
        cli_buf_puts(b, vigil_action_name(rs->action));
        cli_buf_puts(b, "\"}");
    }
    cli_buf_puts(b, "]}\n");
    if (b->len >= 65536 || r->flush_each)
        flush_out(r);
}

/* ------------------------------------------------------ line arena
 * Each JSON line becomes a small cJSON tree that lives only until its
 * exchange is evaluated. Building it with malloc/free per node was a fifth
 * of replay time, so while a line is parsed cJSON's hooks point at a bump
 * arena that is reset per line. The hooks are global: they are set only
 * around the parse and restored before the engine (which may use cJSON
 * itself) is called; the CLI is single-threaded. */
static struct {
    char  *base;
    size_t used, cap;
    void **big;          /* allocations that did not fit, freed on reset */
    size_t nbig, bigcap, bigbytes;
} la;

static void *la_alloc(size_t n)
{
    n = (n + 15) & ~(size_t)15;
    if (la.cap - la.used >= n) {
        void *p = la.base + la.used;
        la.used += n;
        return p;
    }
    if (la.nbig == la.bigcap) {
        size_t ncap = la.bigcap ? la.bigcap * 2 : 16;
        void **nb = realloc(la.big, ncap * sizeof *nb);
        if (!nb)
            return NULL;
        la.big = nb;
        la.bigcap = ncap;
    }
    void *p = malloc(n);
    if (p) {
        la.big[la.nbig++] = p;
        la.bigbytes += n;
    }
    return p;
}

static void la_free(void *p)
{
    (void)p; /* everything goes at la_reset */
}

static void la_reset(void)
{
    for (size_t i = 0; i < la.nbig; i++)
        free(la.big[i]);
    if (la.bigbytes || !la.base) {
        /* Grow so the next line of this size fits in the chunk. */
        size_t ncap = (la.cap + la.bigbytes) * 2;
        if (ncap < 65536)
            ncap = 65536;
        free(la.base);
        la.base = cli_xmalloc(ncap);
        la.cap = ncap;
    }
    la.used = 0;
    la.nbig = 0;
    la.bigbytes = 0;
}

static void la_destroy(void)
{
    la_reset();
    free(la.base);
    free(la.big);
    memset(&la, 0, sizeof la);
}

/* Parses len bytes into an arena tree; the tree dies at the next la_reset. */
static cJSON *parse_in_arena(const char *p, size_t len, const char **end)
{
    cJSON_Hooks hooks = {la_alloc, la_free};
    cJSON_InitHooks(&hooks);
    cJSON *obj = cJSON_ParseWithLengthOpts(p, len, end, 0);
    cJSON_InitHooks(NULL);
    return obj;
}

/* ----------------------------------------------------------- records */

static void malformed(replay *r, long line, const char *why)
{
    if (line > 0)
        fprintf(stderr, "%s:%ld: skipped record %llu: %s\n", r->name, line,
                (unsigned long long)r->seq, why);
    else
        fprintf(stderr, "%s: entries[%llu]: skipped: %s\n", r->name,
                (unsigned long long)r->seq, why);
    cli_summary_malformed(r->sum);
    r->seq++;
}

/* Evaluates the exchange in r->x (already filled). */
static void run_exchange(replay *r)
{
    int rc = vigil_evaluate(r->eng, &r->x.req, r->dec);
    if (rc == VIGIL_EINVAL || rc == VIGIL_EVERSION) {
        /* The decision was left untouched: nothing sensible to print. */
        fprintf(stderr, "%s: record %llu: evaluate: %s\n", r->name,
                (unsigned long long)r->seq, vigil_strerror(rc));
        cli_summary_malformed(r->sum);
        r->seq++;
        return;
    }
    int status = 0;
    if (r->x.has_response) {
        vigil_record_response(r->eng, r->dec, &r->x.res);
        status = r->x.res.status;
    }
    cli_summary_add(r->sum, r->dec, status, r->x.label);
    if (!r->quiet)
        emit(r, r->seq);
    r->seq++;
}

static int only_space(const char *p, const char *end)
{
    for (; p < end; p++)
        if (*p != ' ' && *p != '\t' && *p != '\r' && *p != '\n')
            return 0;
    return 1;
}

/* One JSON-lines record (line is not NUL-terminated; len excludes '\n'). */
static void run_line(replay *r, const char *line, size_t len, long lineno)
{
    if (only_space(line, line + len))
        return;
    const char *end = NULL;
    cJSON *obj = parse_in_arena(line, len, &end);
    char why[256];
    if (!obj || !only_space(end, line + len)) {
        size_t col = end && end >= line ? (size_t)(end - line) + 1 : 1;
        snprintf(why, sizeof why, "invalid JSON near column %zu", col);
        malformed(r, lineno, why);
    } else if (cli_exchange_from_json(&r->x, obj, why, sizeof why) != 0) {
        malformed(r, lineno, why);
    } else {
        run_exchange(r);
    }
    la_reset();
}

/* A whole HAR document; returns 0, or -1 when doc is not a HAR. */
static int run_har(replay *r, const cJSON *doc)
{
    const cJSON *log = cJSON_GetObjectItemCaseSensitive(doc, "log");
    const cJSON *entries = cJSON_GetObjectItemCaseSensitive(log, "entries");
    if (!cJSON_IsObject(log) || !cJSON_IsArray(entries))
        return -1;
    char why[256];
    for (const cJSON *e = entries->child; e; e = e->next) {
        if (cli_exchange_from_har(&r->x, e, why, sizeof why) != 0)
            malformed(r, 0, why);
        else
            run_exchange(r);
    }
    return 0;
}

static int is_har(const cJSON *doc)
{
    const cJSON *log = cJSON_GetObjectItemCaseSensitive(doc, "log");
    return cJSON_IsObject(log) &&
           cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(log, "entries"));
}

/* Runs every line of an in-memory text, numbering from first_line. */
static void run_text_lines(replay *r, const char *p, size_t n, long first_line)
{
    const char *end = p + n;
    long lineno = first_line;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        run_line(r, p, (size_t)(le - p), lineno++);
        p = nl ? nl + 1 : end;
    }
}

/* Reads the input: JSON lines are streamed; a document whose first line is
 * not a complete JSON value is read whole and tried as a HAR, falling back
 * to JSON lines (so a broken first line is reported, not fatal). */
static int run_input(replay *r, FILE *f)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t got;
    long lineno = 0;
    int decided = 0;
    while ((got = getline(&line, &cap, f)) >= 0) {
        lineno++;
        size_t len = (size_t)got;
        if (len && line[len - 1] == '\n')
            len--;
        if (decided) {
            run_line(r, line, len, lineno);
            continue;
        }
        if (only_space(line, line + len))
            continue;
        decided = 1;
        const char *end = NULL;
        cJSON *doc = cJSON_ParseWithLengthOpts(line, len, &end, 0);
        if (doc && only_space(end, line + len)) {
            if (is_har(doc))
                run_har(r, doc);
            else
                run_line(r, line, len, lineno); /* reparse: keeps one path */
            cJSON_Delete(doc);
            continue;
        }
        cJSON_Delete(doc);
        /* Maybe a pretty-printed HAR: slurp the rest and look. */
        cli_buf all = {NULL, 0, 0};
        cli_buf_put(&all, line, (size_t)got);
        while ((got = getline(&line, &cap, f)) >= 0)
            cli_buf_put(&all, line, (size_t)got);
        doc = cJSON_ParseWithLengthOpts(all.ptr, all.len, &end, 0);
        if (doc && only_space(end, all.ptr + all.len) && is_har(doc))
            run_har(r, doc);
        else
            run_text_lines(r, all.ptr, all.len, lineno);
        cJSON_Delete(doc);
        cli_buf_free(&all);
        break;
    }
    int bad = ferror(f);
    free(line);
    if (bad) {
        fprintf(stderr, "%s: read error: %s\n", r->name, strerror(errno));
        return -1;
    }
    return 0;
}

/* ------------------------------------------------------------ options */

static int hexval(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* VIGIL_HASH_KEY (hex) into key; returns bytes, 0 when unset, -1 when bad.
 * The value is never echoed. */
static int hash_key_from_env(unsigned char key[64])
{
    const char *hex = getenv("VIGIL_HASH_KEY");
    if (!hex || !hex[0])
        return 0;
    size_t n = strlen(hex);
    if (n % 2 || n < 32 || n > 128)
        return -1;
    for (size_t i = 0; i < n; i += 2) {
        int hi = hexval(hex[i]), lo = hexval(hex[i + 1]);
        if (hi < 0 || lo < 0)
            return -1;
        key[i / 2] = (unsigned char)(hi * 16 + lo);
    }
    return (int)(n / 2);
}

/* The policy text with "mode" forced to "monitor" (malloc'd), or NULL. */
static char *force_monitor(const char *text, size_t len)
{
    cJSON *doc = cJSON_ParseWithLength(text, len);
    if (!cJSON_IsObject(doc)) {
        cJSON_Delete(doc);
        return NULL;
    }
    cJSON *mode = cJSON_CreateString("monitor");
    if (cJSON_GetObjectItemCaseSensitive(doc, "mode"))
        cJSON_ReplaceItemInObjectCaseSensitive(doc, "mode", mode);
    else
        cJSON_AddItemToObject(doc, "mode", mode);
    char *out = cJSON_PrintUnformatted(doc);
    cJSON_Delete(doc);
    return out;
}

static void replay_usage(FILE *out)
{
    fputs("usage: vigil replay [--policy FILE] [--monitor-summary] [--quiet] "
          "[FILE|-]\n"
          "  Runs recorded exchanges (JSON lines, or a HAR 1.2 file) through "
          "the engine\n"
          "  and prints one decision per exchange as a JSON line; a summary "
          "goes to stderr.\n"
          "  --policy FILE       policy to load (default: the embedded "
          "policy)\n"
          "  --monitor-summary   run in monitor mode and report what "
          "enforcement would\n"
          "                      have stopped, and which of those the "
          "application served\n"
          "  --quiet             print no decisions, only the summary\n"
          "  VIGIL_HASH_KEY      hex key (32-128 digits) for reproducible "
          "identities\n",
          out);
}

int cli_cmd_replay(int argc, char **argv)
{
    const char *policy = NULL, *input = NULL;
    int quiet = 0, monitor = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--policy") == 0 || strcmp(a, "-p") == 0) {
            if (++i >= argc) {
                fputs("vigil replay: --policy needs a file\n", stderr);
                return CLI_EXIT_USAGE;
            }
            policy = argv[i];
        } else if (strncmp(a, "--policy=", 9) == 0) {
            policy = a + 9;
        } else if (strcmp(a, "--quiet") == 0 || strcmp(a, "-q") == 0) {
            quiet = 1;
        } else if (strcmp(a, "--monitor-summary") == 0) {
            monitor = 1;
        } else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            replay_usage(stdout);
            return CLI_EXIT_OK;
        } else if (a[0] == '-' && a[1] != '\0') {
            fprintf(stderr, "vigil replay: unknown option %s\n", a);
            replay_usage(stderr);
            return CLI_EXIT_USAGE;
        } else if (input) {
            fputs("vigil replay: only one input file\n", stderr);
            return CLI_EXIT_USAGE;
        } else {
            input = a;
        }
    }
    if (!input)
        input = "-";
    if (policy && strcmp(policy, "-") == 0 && strcmp(input, "-") == 0) {
        fputs("vigil replay: the policy and the input cannot both be stdin\n",
              stderr);
        return CLI_EXIT_USAGE;
    }

    vigil_options opts = VIGIL_OPTIONS_INIT;
    unsigned char key[64];
    int klen = hash_key_from_env(key);
    if (klen < 0) {
        fputs("vigil replay: VIGIL_HASH_KEY must be 32 to 128 hex digits\n",
              stderr);
        return CLI_EXIT_USAGE;
    }
    if (klen > 0) {
        opts.hash_key = key;
        opts.hash_key_len = (size_t)klen;
    }

    /* Load the policy as written first, so error places refer to it. */
    char *text = NULL;
    size_t tlen = 0;
    const char *pname = policy ? (strcmp(policy, "-") == 0 ? "<stdin>" : policy)
                               : "(default policy)";
    if (policy) {
        char why[128];
        if (cli_read_file(policy, &text, &tlen, why, sizeof why) != 0) {
            fprintf(stderr, "%s: cannot read policy: %s\n", pname, why);
            return CLI_EXIT_USAGE;
        }
    }
    vigil_error err = VIGIL_ERROR_INIT;
    replay r;
    memset(&r, 0, sizeof r);
    int rc = vigil_engine_new(&r.eng, text, tlen, &opts, &err);
    if (rc == VIGIL_OK && monitor) {
        const char *src = text ? text : vigil_default_policy();
        char *mtext = force_monitor(src, text ? tlen : strlen(src));
        vigil_engine_free(r.eng);
        r.eng = NULL;
        rc = mtext ? vigil_engine_new(&r.eng, mtext, strlen(mtext), &opts, &err)
                   : VIGIL_ENOMEM;
        cJSON_free(mtext);
    }
    free(text);
    memset(key, 0, sizeof key);
    if (rc != VIGIL_OK) {
        cli_print_policy_error(pname, rc, &err);
        return CLI_EXIT_USAGE;
    }
    if (vigil_decision_new(&r.dec) != VIGIL_OK) {
        fputs("vigil: out of memory\n", stderr);
        vigil_engine_free(r.eng);
        return CLI_EXIT_USAGE;
    }

    int is_stdin = strcmp(input, "-") == 0;
    FILE *f = is_stdin ? stdin : fopen(input, "rb");
    if (!f) {
        fprintf(stderr, "%s: cannot open: %s\n", input, strerror(errno));
        vigil_decision_free(r.dec);
        vigil_engine_free(r.eng);
        return CLI_EXIT_USAGE;
    }
    struct stat st;
    r.flush_each = is_stdin && fstat(fileno(f), &st) == 0 && !S_ISREG(st.st_mode);
    r.name = is_stdin ? "<stdin>" : input;
    r.quiet = quiet;
    r.sum = cli_summary_new();

    double t0 = cli_now();
    int ok = run_input(&r, f) == 0;
    flush_out(&r);
    fflush(stdout);
    double t1 = cli_now();
    if (!is_stdin)
        fclose(f);

    cli_summary_print(r.sum, stderr, t1 - t0, monitor);
    cli_summary_free(r.sum);
    cli_exchange_free(&r.x);
    la_destroy();
    cli_buf_free(&r.out);
    vigil_decision_free(r.dec);
    vigil_engine_free(r.eng);
    return ok ? CLI_EXIT_OK : CLI_EXIT_USAGE;
}
