/*
 * eval.c - detection evaluation behind `make eval`.
 *
 * Sends every record of shared/corpora/payloads.jsonl through an engine
 * built from the embedded default policy, once per placement (query
 * parameter, JSON body field, form field, header, cookie), and every
 * request of crs-regression.jsonl whole, the way the CRS test client sends
 * it. Writes docs/detection.md (tables, the bars of issue 3 with PASS/FAIL,
 * the most common missed payload shapes) and prints a summary.
 *
 * Uses only the public API (vigil.h); cJSON reads the corpora.
 *
 *   eval [--corpora DIR] [--out FILE] [--strict]
 *
 * --strict makes the exit status 1 when a bar fails (default: 0, the
 * report is the product). Exit 2 on a usage or input error.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>

#include <cjson/cJSON.h>

#include "corpus.h"
#include "vigil.h"

#define MAX_CLASSES 64
#define TPR_BAR 95.0
#define CRS_PL1_BAR 90.0
#define LOOKALIKE_FP_BAR 1.0
#define CRS_FP_BAR 2.0
#define MISSED_LISTED 8 /* PL1 attack tests listed per rule file when not blocked */

enum { P_QUERY, P_JSON, P_FORM, P_HEADER, P_COOKIE, NPLACE };
static const char *const place_name[NPLACE] = {"query", "json", "form", "header", "cookie"};
static const char place_letter[NPLACE] = {'q', 'j', 'f', 'h', 'c'};

/* Classes the issue sets a per-placement TPR bar for. */
static const char *const bar_classes[] = {"sqli", "xss", "path_traversal", "lfi",
                                          "cmd_injection", "ssti", "nosql_injection", "xxe"};
#define NBAR (sizeof bar_classes / sizeof bar_classes[0])

typedef struct cell {
    unsigned n, block, flag, na;
} cell;

static double pct(unsigned a, unsigned b)
{
    return b ? 100.0 * a / b : 0.0;
}

/* ------------------------------------------------------------- engine */

static vigil_engine *make_engine(char **policy_out)
{
    /* The default policy minus its rate limit: thousands of requests from
     * one client must not turn into throttles that hide detection. */
    cJSON *pol = cJSON_Parse(vigil_default_policy());
    if (!pol) {
        fprintf(stderr, "eval: the embedded default policy is not JSON\n");
        exit(2);
    }
    cJSON_DeleteItemFromObjectCaseSensitive(pol, "rate_limit");
    char *text = cJSON_PrintUnformatted(pol);
    cJSON_Delete(pol);
    if (!text) {
        fprintf(stderr, "eval: out of memory\n");
        exit(2);
    }
    vigil_engine *eng = NULL;
    vigil_error err = VIGIL_ERROR_INIT;
    int rc = vigil_engine_new(&eng, text, strlen(text), NULL, &err);
    if (rc != VIGIL_OK) {
        fprintf(stderr, "eval: vigil_engine_new: %s: %s (at %s)\n", vigil_strerror(rc),
                err.message, err.path);
        exit(2);
    }
    *policy_out = text;
    return eng;
}

/* -------------------------------------------------- payload placements */

static void common_headers(ev_req *r, const char *accept)
{
    static const char host[] = "api.example.com";
    static const char ua[] = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 "
                             "(KHTML, like Gecko) Chrome/124.0 Safari/537.36";
    ev_req_header(r, "Host", host, sizeof host - 1);
    ev_req_header(r, "User-Agent", ua, sizeof ua - 1);
    ev_req_header(r, "Accept", accept, strlen(accept));
}

static void put_body(ev_req *r, const char *ctype, const ev_buf *body)
{
    char cl[32];
    int n = snprintf(cl, sizeof cl, "%zu", body->len);
    ev_req_header(r, "Content-Type", ctype, strlen(ctype));
    ev_req_header(r, "Content-Length", cl, (size_t)n);
    ev_req_body(r, body->p, body->len);
}

/* Builds the request carrying value v in placement `place`. Returns 0 when
 * the value cannot be carried there (a header with CR, LF or NUL). */
static int build_placement(int place, const char *v, size_t n, ev_req *r, ev_buf *tmp)
{
    ev_req_reset(r);
    ev_buf_reset(tmp);
    switch (place) {
    case P_QUERY:
        ev_buf_puts(tmp, "q=");
        ev_urlencode(tmp, v, n, 0);
        ev_req_line(r, "GET", "/search", 7, tmp->p, tmp->len);
        common_headers(r, "application/json");
        return 1;
    case P_JSON:
        ev_req_line(r, "POST", "/api/items", 10, "", 0);
        common_headers(r, "application/json");
        ev_buf_puts(tmp, "{\"name\":");
        ev_json_string(tmp, v, n);
        ev_buf_putc(tmp, '}');
        put_body(r, "application/json", tmp);
        return 1;
    case P_FORM:
        ev_req_line(r, "POST", "/api/comments", 13, "", 0);
        common_headers(r, "text/html,application/json");
        ev_buf_puts(tmp, "comment=");
        ev_urlencode(tmp, v, n, 1);
        put_body(r, "application/x-www-form-urlencoded", tmp);
        return 1;
    case P_HEADER:
        if (ev_header_unsafe(v, n))
            return 0;
        ev_req_line(r, "GET", "/api/items", 10, "", 0);
        common_headers(r, "application/json");
        ev_req_header(r, "X-Custom-Data", v, n);
        return 1;
    default: /* P_COOKIE */
        ev_req_line(r, "GET", "/api/items", 10, "", 0);
        common_headers(r, "application/json");
        ev_buf_puts(tmp, "pref=");
        ev_cookie_encode(tmp, v, n);
        ev_req_header(r, "Cookie", tmp->p, tmp->len);
        return 1;
    }
}

typedef struct evaluator {
    vigil_engine   *eng;
    vigil_decision *dec;
    vigil_header   *hdrs;
    size_t          hcap;
    unsigned long   count;
    uint64_t        ns;
} evaluator;

static vigil_action run(evaluator *e, const ev_req *r)
{
    if (r->nh > e->hcap) {
        e->hcap = r->nh * 2;
        e->hdrs = ev_xrealloc(e->hdrs, e->hcap * sizeof *e->hdrs);
    }
    /* a fresh client address per request, so that no per-client state
     * (rate limits, behaviour) carries from one payload to the next */
    char ip[24];
    unsigned long k = e->count + 1;
    snprintf(ip, sizeof ip, "10.%lu.%lu.%lu", (k >> 16) & 255, (k >> 8) & 255, k & 255);
    vigil_request req;
    ev_req_view(r, &req, e->hdrs, ip);
    uint64_t t0 = ev_now_ns();
    int rc = vigil_evaluate(e->eng, &req, e->dec);
    e->ns += ev_now_ns() - t0;
    e->count++;
    if (rc != VIGIL_OK && rc != VIGIL_EINTERNAL && rc != VIGIL_ENOMEM) {
        fprintf(stderr, "eval: vigil_evaluate: %s\n", vigil_strerror(rc));
        exit(2);
    }
    return vigil_decision_action(e->dec);
}

/* "rule_id@where" of the strongest reason, for false-positive listings. */
static void top_reason(const vigil_decision *d, char *out, size_t outlen)
{
    const vigil_reason *r = vigil_decision_reason(d, 0);
    if (!r)
        snprintf(out, outlen, "-");
    else
        snprintf(out, outlen, "%s @ %s", r->rule_id, r->where[0] ? r->where : "-");
}

/* ------------------------------------------------------ missed shapes */

typedef struct miss {
    char    *shape;
    size_t   payload;  /* index of an example payload */
    unsigned places;   /* bit per placement the shape was missed in */
    unsigned count;    /* (payload, placement) misses */
    unsigned payloads; /* distinct payloads */
} miss;

static int isalnum_ascii(char ch)
{
    return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
}

/* A coarse shape that groups payloads differing only in numbers, case and
 * spacing: ASCII lower-cased, free-standing numbers as "0" (digits inside
 * words and escapes such as %2f or php4 are kept), blank runs as one
 * space, cut at 40 bytes. */
static char *shape_of(const char *s, size_t n)
{
    char out[41];
    size_t o = 0;
    for (size_t i = 0; i < n && o < 40; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= '0' && c <= '9' && !(i > 0 && (isalnum_ascii(s[i - 1]) || s[i - 1] == '%'))) {
            size_t j = i;
            while (j + 1 < n && s[j + 1] >= '0' && s[j + 1] <= '9')
                j++;
            if (j + 1 < n && isalnum_ascii(s[j + 1])) {
                /* part of a word or an escape such as 2f: keep as it is */
                for (; i <= j && o < 40; i++)
                    out[o++] = s[i];
                i = j;
                continue;
            }
            i = j;
            out[o++] = '0';
        } else if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f') {
            while (i + 1 < n && (s[i + 1] == ' ' || s[i + 1] == '\t' || s[i + 1] == '\r' ||
                                 s[i + 1] == '\n' || s[i + 1] == '\v' || s[i + 1] == '\f'))
                i++;
            out[o++] = ' ';
        } else if (c >= 'A' && c <= 'Z') {
            out[o++] = (char)(c + 32);
        } else {
            out[o++] = (char)c;
        }
    }
    return ev_xstrndup(out, o);
}

static int cmp_shape(const void *a, const void *b)
{
    const miss *x = a, *y = b;
    return strcmp(x->shape, y->shape);
}

static int cmp_count(const void *a, const void *b)
{
    const miss *x = a, *y = b;
    if (x->count != y->count)
        return x->count < y->count ? 1 : -1;
    return strcmp(x->shape, y->shape);
}

/* Groups the misses of class `cls` (missmask[i]: placements payload i was
 * missed in) into shapes, most common first. Returns the count in *n. */
static miss *group_misses(const ev_payloads *pl, const unsigned char *missmask, int cls,
                          size_t *n)
{
    size_t cnt = 0;
    for (size_t i = 0; i < pl->n; i++)
        if (pl->v[i].cls == cls && missmask[i])
            cnt++;
    miss *m = ev_xmalloc((cnt ? cnt : 1) * sizeof *m);
    size_t k = 0;
    for (size_t i = 0; i < pl->n; i++) {
        if (pl->v[i].cls != cls || !missmask[i])
            continue;
        unsigned c = 0;
        for (int p = 0; p < NPLACE; p++)
            c += (missmask[i] >> p) & 1u;
        m[k++] = (miss){shape_of(pl->v[i].value, pl->v[i].len), i, missmask[i], c, 1};
    }
    qsort(m, k, sizeof *m, cmp_shape);
    size_t w = 0;
    for (size_t i = 0; i < k; i++) {
        if (w && strcmp(m[w - 1].shape, m[i].shape) == 0) {
            m[w - 1].count += m[i].count;
            m[w - 1].payloads++;
            m[w - 1].places |= m[i].places;
            free(m[i].shape);
        } else {
            m[w++] = m[i];
        }
    }
    qsort(m, w, sizeof *m, cmp_count);
    *n = w;
    return m;
}

static void free_misses(miss *m, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(m[i].shape);
    free(m);
}

/* ---------------------------------------------------------- CRS tests */

enum { L_ATTACK, L_BENIGN, L_PROTO, L_NEGATIVE, L_UNLABELLED, NLABEL };
static const char *const label_name[NLABEL] = {"attack", "benign_candidate", "protocol_violation",
                                               "rule_negative", "unlabelled"};
#define NPL 6 /* index 0: no paranoia level given; 1-4; 5 unused */

typedef struct crs_stats {
    cell     by[NLABEL][NPL];
    unsigned response_side;
    ev_buf   response_ids;   /* listing of the response-side ids */
    ev_buf   fp_list;        /* benign candidates blocked        */
    unsigned missed_pl1_n, fp_n;
    /* per rule file (REQUEST-9xx-...), attack tests */
    char    *file[64];
    cell     file_pl1[64], file_all[64];
    ev_buf   file_missed[64]; /* PL1 attacks not blocked, listed per file */
    size_t   nfile;
} crs_stats;

static int label_index(const char *s)
{
    for (int i = 0; i < NLABEL; i++)
        if (strcmp(s, label_name[i]) == 0)
            return i;
    return -1;
}

static size_t file_index(crs_stats *st, const char *id)
{
    /* ids look like "crs/REQUEST-942-APPLICATION-ATTACK-SQLI/942190/43" */
    const char *a = strchr(id, '/');
    a = a ? a + 1 : id;
    const char *b = strchr(a, '/');
    size_t l = b ? (size_t)(b - a) : strlen(a);
    for (size_t i = 0; i < st->nfile; i++)
        if (strlen(st->file[i]) == l && memcmp(st->file[i], a, l) == 0)
            return i;
    if (st->nfile == 64)
        return 63;
    st->file[st->nfile] = ev_xstrndup(a, l);
    return st->nfile++;
}

static const char *json_str(const cJSON *o, const char *k)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    return cJSON_IsString(v) ? v->valuestring : "";
}

/* Go's url.QueryEscape: unreserved kept, ' ' as '+', the rest %XX. */
static void query_escape(ev_buf *b, const char *s, size_t n)
{
    ev_urlencode(b, s, n, 1);
}

/* The CRS test client (go-ftw) encoding of a form body whose parts are not
 * encoded yet: each key and value of each &-separated token is escaped. */
static void ftw_encode_form(ev_buf *out, const char *d, size_t n)
{
    size_t i = 0;
    int first = 1;
    while (i < n) {
        const char *amp = memchr(d + i, '&', n - i);
        size_t end = amp ? (size_t)(amp - d) : n;
        if (!first)
            ev_buf_putc(out, '&');
        first = 0;
        const char *eq = memchr(d + i, '=', end - i);
        if (!eq) {
            query_escape(out, d + i, end - i);
        } else {
            size_t e = (size_t)(eq - d);
            query_escape(out, d + i, e - i);
            ev_buf_putc(out, '=');
            query_escape(out, d + e + 1, end - e - 1);
        }
        i = amp ? end + 1 : n;
    }
}

static int has_prefix(const char *s, size_t n, const char *pre)
{
    size_t l = strlen(pre);
    return n >= l && memcmp(s, pre, l) == 0;
}

/* Builds the request of one CRS test as go-ftw sends it. */
static void build_crs(const cJSON *t, ev_req *r, ev_buf *body, ev_buf *tmp)
{
    const char *method = json_str(t, "method"), *path = json_str(t, "path");
    const char *query = json_str(t, "query");
    const char *data = json_str(t, "body");
    size_t dlen = strlen(data);
    ev_req_reset(r);
    ev_buf_reset(body);
    ev_req_line(r, method[0] ? method : "GET", path[0] ? path : "/", path[0] ? strlen(path) : 1,
                query, strlen(query));
    const cJSON *h;
    cJSON_ArrayForEach(h, cJSON_GetObjectItemCaseSensitive(t, "headers"))
    {
        if (!h->string)
            continue;
        if (cJSON_IsString(h))
            ev_req_header(r, h->string, h->valuestring, strlen(h->valuestring));
        else if (cJSON_IsNumber(h)) {
            char num[32];
            int k = snprintf(num, sizeof num, "%.0f", h->valuedouble);
            ev_req_header(r, h->string, num, (size_t)k);
        }
    }
    ev_buf_put(body, data, dlen);
    if (dlen > 0) {
        if (ev_req_find(r, "Content-Type") < 0)
            ev_req_header(r, "Content-Type", "application/x-www-form-urlencoded", 33);
        long ct = ev_req_find(r, "Content-Type");
        const char *ctv = ev_req_ptr(r, r->hval[ct]);
        size_t ctl = r->hval[ct].len;
        if (ctl == 33 && memcmp(ctv, "application/x-www-form-urlencoded", 33) == 0 &&
            !ev_looks_urlencoded(data, dlen) && !memchr(data, '%', dlen)) {
            ev_buf_reset(tmp);
            ftw_encode_form(tmp, data, dlen);
            ev_buf_reset(body);
            ev_buf_put(body, tmp->p, tmp->len);
        } else if (has_prefix(ctv, ctl, "multipart/form-data;")) {
            /* multipart bodies go out with CRLF line ends */
            ev_buf_reset(tmp);
            for (size_t i = 0; i < dlen; i++) {
                if (data[i] == '\n')
                    ev_buf_putc(tmp, '\r');
                ev_buf_putc(tmp, data[i]);
            }
            ev_buf_reset(body);
            ev_buf_put(body, tmp->p, tmp->len);
        }
    }
    if (ev_req_find(r, "Connection") < 0)
        ev_req_header(r, "Connection", "close", 5);
    if ((body->len > 0 || strcmp(method, "POST") == 0 || strcmp(method, "PUT") == 0 ||
         strcmp(method, "PATCH") == 0 || strcmp(method, "DELETE") == 0) &&
        ev_req_find(r, "Content-Length") < 0) {
        char cl[32];
        int k = snprintf(cl, sizeof cl, "%zu", body->len);
        ev_req_header(r, "Content-Length", cl, (size_t)k);
    }
    ev_req_body(r, body->p ? body->p : "", body->len);
}

static int run_crs(const char *path, evaluator *e, crs_stats *st, char *err, size_t errlen)
{
    char *data;
    size_t len, lineno = 0;
    if (ev_read_file(path, &data, &len) != 0) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    ev_req r = {0};
    ev_buf body = {0}, tmp = {0};
    char *line = data, *end = data + len;
    while (line < end) {
        char *nl = memchr(line, '\n', (size_t)(end - line));
        size_t ll = nl ? (size_t)(nl - line) : (size_t)(end - line);
        lineno++;
        if (ll == 0) {
            line += 1;
            continue;
        }
        cJSON *t = cJSON_ParseWithLength(line, ll);
        line += ll + 1;
        if (!t || !cJSON_IsObject(t)) {
            snprintf(err, errlen, "%s:%zu: not a JSON object", path, lineno);
            cJSON_Delete(t);
            free(data);
            return -1;
        }
        const char *id = json_str(t, "id");
        int lab = label_index(json_str(t, "label"));
        const cJSON *plv = cJSON_GetObjectItemCaseSensitive(t, "paranoia_level");
        int pl = cJSON_IsNumber(plv) && plv->valuedouble >= 1 && plv->valuedouble <= 4
                     ? (int)plv->valuedouble
                     : 0;
        const cJSON *resp = cJSON_GetObjectItemCaseSensitive(t, "response");
        if (resp && !cJSON_IsNull(resp)) {
            st->response_side++;
            ev_buf_printf(&st->response_ids, "%s%s", st->response_ids.len ? ", " : "", id);
            cJSON_Delete(t);
            continue;
        }
        if (lab < 0) {
            cJSON_Delete(t);
            continue;
        }
        build_crs(t, &r, &body, &tmp);
        vigil_action a = run(e, &r);
        cell *c = &st->by[lab][pl];
        c->n++;
        c->block += a == VIGIL_BLOCK;
        c->flag += a == VIGIL_FLAG;
        if (lab == L_ATTACK) {
            size_t fi = file_index(st, id);
            cell *f = pl == 1 ? &st->file_pl1[fi] : NULL;
            st->file_all[fi].n++;
            st->file_all[fi].block += a == VIGIL_BLOCK;
            if (f) {
                f->n++;
                f->block += a == VIGIL_BLOCK;
            }
            if (pl == 1 && a != VIGIL_BLOCK &&
                st->file_pl1[fi].n - st->file_pl1[fi].block <= MISSED_LISTED) {
                ev_buf *mb = &st->file_missed[fi];
                st->missed_pl1_n++;
                ev_buf_printf(mb, "| `%s` | ", id + (strncmp(id, "crs/", 4) == 0 ? 4 : 0));
                ev_escape_excerpt(mb, json_str(t, "desc"), strlen(json_str(t, "desc")), 60);
                ev_buf_puts(mb, " | ");
                ev_buf body_shown = {0};
                if (r.query.len) {
                    ev_buf_puts(&body_shown, "?");
                    ev_buf_put(&body_shown, ev_req_ptr(&r, r.query), r.query.len);
                    if (r.body.len)
                        ev_buf_puts(&body_shown, " ");
                }
                ev_buf_put(&body_shown, ev_req_ptr(&r, r.body), r.body.len);
                if (body_shown.len) {
                    ev_buf_putc(mb, '`');
                    ev_escape_excerpt(mb, body_shown.p, body_shown.len, 70);
                    ev_buf_putc(mb, '`');
                } else {
                    ev_buf_puts(mb, "(in the path or headers)");
                }
                ev_buf_free(&body_shown);
                ev_buf_printf(mb, " | %s |\n", vigil_action_name(a));
            }
        } else if (lab == L_BENIGN && a == VIGIL_BLOCK) {
            char why[256];
            top_reason(e->dec, why, sizeof why);
            st->fp_n++;
            ev_buf_printf(&st->fp_list, "| `%s` | %d | ", id, pl);
            ev_escape_excerpt(&st->fp_list, json_str(t, "desc"), strlen(json_str(t, "desc")), 60);
            ev_buf_puts(&st->fp_list, " | `");
            ev_escape_excerpt(&st->fp_list, why, strlen(why), 70);
            ev_buf_puts(&st->fp_list, "` |\n");
        }
        cJSON_Delete(t);
    }
    ev_req_free(&r);
    ev_buf_free(&body);
    ev_buf_free(&tmp);
    free(data);
    return 0;
}

/* -------------------------------------------------------------- report */

typedef struct report {
    ev_buf md;      /* docs/detection.md */
    ev_buf summary; /* stdout */
    int    failed;
} report;

static void bar_row(report *rp, const char *bar, const char *measured, int pass)
{
    ev_buf_printf(&rp->md, "| %s | %s | **%s** |\n", bar, measured, pass ? "PASS" : "FAIL");
    ev_buf_printf(&rp->summary, "  [%s] %s: %s\n", pass ? "PASS" : "FAIL", bar, measured);
    if (!pass)
        rp->failed = 1;
}

static int is_bar_class(const char *name)
{
    for (size_t i = 0; i < NBAR; i++)
        if (strcmp(name, bar_classes[i]) == 0)
            return 1;
    return 0;
}

static int valid_utf8(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        size_t k;
        unsigned long cp;
        if (c < 0x80) {
            i++;
            continue;
        } else if (c >= 0xC2 && c <= 0xDF) {
            k = 1;
            cp = c & 0x1Fu;
        } else if (c >= 0xE0 && c <= 0xEF) {
            k = 2;
            cp = c & 0x0Fu;
        } else if (c >= 0xF0 && c <= 0xF4) {
            k = 3;
            cp = c & 0x07u;
        } else {
            return 0;
        }
        if (i + k >= n)
            return 0;
        for (size_t j = 1; j <= k; j++) {
            unsigned char d = (unsigned char)s[i + j];
            if ((d & 0xC0) != 0x80)
                return 0;
            cp = (cp << 6) | (d & 0x3Fu);
        }
        if ((k == 2 && (cp < 0x800 || (cp >= 0xD800 && cp < 0xE000))) ||
            (k == 3 && (cp < 0x10000 || cp > 0x10FFFF)))
            return 0;
        i += k + 1;
    }
    return 1;
}

static void usage(void)
{
    fprintf(stderr, "usage: eval [--corpora DIR] [--out FILE] [--strict]\n");
}

static void cell_text(ev_buf *b, const cell *c)
{
    if (c->n == 0) {
        ev_buf_puts(b, "-");
        return;
    }
    ev_buf_printf(b, "%.1f%%", pct(c->block, c->n));
    if (c->flag)
        ev_buf_printf(b, " (+%.1f)", pct(c->flag, c->n));
}

static int file_exists(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return 0;
    fclose(f);
    return 1;
}

int main(int argc, char **argv)
{
    const char *corpora = "../shared/corpora", *out = "docs/detection.md";
    int strict = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--corpora") == 0 && i + 1 < argc)
            corpora = argv[++i];
        else if (strcmp(argv[i], "--out") == 0 && i + 1 < argc)
            out = argv[++i];
        else if (strcmp(argv[i], "--strict") == 0)
            strict = 1;
        else {
            usage();
            return 2;
        }
    }

    char ppath[4096], cpath[4096], err[8400];
    snprintf(ppath, sizeof ppath, "%s/payloads.jsonl", corpora);
    snprintf(cpath, sizeof cpath, "%s/crs-regression.jsonl", corpora);
    const char *missing = !file_exists(ppath) ? ppath : !file_exists(cpath) ? cpath : NULL;
    if (missing) {
        fprintf(stderr,
                "eval: cannot read %s: %s\n"
                "eval: the corpora (payloads.jsonl, crs-regression.jsonl) are expected in %s;\n"
                "eval: point CORPORA at them: make eval CORPORA=/path/to/corpora\n",
                missing, strerror(errno), corpora);
        return 2;
    }

    uint64_t t_start = ev_now_ns();
    ev_payloads pl;
    if (ev_load_payloads(ppath, &pl, err, sizeof err) != 0) {
        fprintf(stderr, "eval: %s\n", err);
        return 2;
    }
    if (pl.nclasses > MAX_CLASSES) {
        fprintf(stderr, "eval: too many attack classes (%zu)\n", pl.nclasses);
        return 2;
    }

    char *policy;
    evaluator e = {0};
    e.eng = make_engine(&policy);
    if (vigil_decision_new(&e.dec) != VIGIL_OK) {
        fprintf(stderr, "eval: out of memory\n");
        return 2;
    }

    /* ---- payloads x placements */
    static cell cells[MAX_CLASSES][NPLACE];
    unsigned char *missmask = ev_xmalloc(pl.n ? pl.n : 1);
    memset(missmask, 0, pl.n ? pl.n : 1);
    cell benign[NPLACE] = {{0}};
    ev_buf fp_list = {0};
    unsigned fp_listed = 0, fp_total = 0, n_attack = 0, n_benign = 0, n_bad_utf8 = 0;
    ev_req r = {0};
    ev_buf tmp = {0};
    for (size_t i = 0; i < pl.n; i++) {
        const ev_payload *p = &pl.v[i];
        if (p->benign)
            n_benign++;
        else
            n_attack++;
        if (!valid_utf8(p->value, p->len))
            n_bad_utf8++;
        for (int place = 0; place < NPLACE; place++) {
            cell *c = p->benign ? &benign[place] : &cells[p->cls][place];
            if (!build_placement(place, p->value, p->len, &r, &tmp)) {
                c->na++;
                continue;
            }
            vigil_action a = run(&e, &r);
            c->n++;
            c->block += a == VIGIL_BLOCK;
            c->flag += a == VIGIL_FLAG;
            if (!p->benign && a != VIGIL_BLOCK)
                missmask[i] |= (unsigned char)(1u << place);
            if (p->benign && a == VIGIL_BLOCK) {
                fp_total++;
                if (fp_listed++ < 60) {
                    char why[256];
                    top_reason(e.dec, why, sizeof why);
                    ev_buf_printf(&fp_list, "| %s | `", place_name[place]);
                    ev_escape_excerpt(&fp_list, p->value, p->len, 60);
                    ev_buf_puts(&fp_list, "` | `");
                    ev_escape_excerpt(&fp_list, why, strlen(why), 70);
                    ev_buf_puts(&fp_list, "` |\n");
                }
            }
        }
    }
    unsigned long payload_evals = e.count;
    uint64_t payload_ns = e.ns;

    /* ---- CRS regression tests */
    static crs_stats crs;
    if (run_crs(cpath, &e, &crs, err, sizeof err) != 0) {
        fprintf(stderr, "eval: %s\n", err);
        return 2;
    }
    double wall_s = (double)(ev_now_ns() - t_start) / 1e9;

    /* ---- report */
    report rp = {{0}, {0}, 0};
    ev_buf *md = &rp.md;
    char date[64], machine[300];
    ev_date(date, sizeof date);
    ev_machine(machine, sizeof machine);
    struct utsname un;
    if (uname(&un) != 0)
        memset(&un, 0, sizeof un);
    ev_buf cmd = {0};
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i], *slash = i ? NULL : strrchr(a, '/');
        ev_buf_printf(&cmd, "%s%s", i ? " " : "", slash ? slash + 1 : a);
    }

    ev_buf_puts(md, "# Detection evaluation\n\n"
                    "<!-- Generated by `make eval` (eval/eval.c). Do not edit: rerun it. -->\n\n");
    ev_buf_printf(md, "- Command: `make eval` (runs `%s`)\n", cmd.p);
    ev_buf_printf(md, "- Date: %s\n", date);
    ev_buf_printf(md, "- Machine: %s; %s %s %s\n", machine, un.sysname, un.release, un.machine);
    ev_buf_printf(md, "- vigil %s, embedded default policy without `rate_limit`, a fresh "
                      "client address per request (no throttling, no state carried between "
                      "requests); detected = action `block`\n", vigil_version());
    ev_buf_printf(md, "- Corpora: `%s`: %zu payloads (%u attacks in %zu classes, %u benign "
                      "look-alikes), %u CRS regression tests\n",
                  corpora, pl.n, n_attack, pl.nclasses - (n_benign ? 1 : 0), n_benign,
                  crs.response_side + (unsigned)(e.count - payload_evals));
    ev_buf_printf(md, "- Run time: %.2f s in all; %lu evaluations, mean %.2f µs per "
                      "`vigil_evaluate` (payload placements %.2f µs)\n\n",
                  wall_s, e.count, e.count ? (double)e.ns / 1e3 / (double)e.count : 0.0,
                  payload_evals ? (double)payload_ns / 1e3 / (double)payload_evals : 0.0);

    /* bars */
    ev_buf_puts(md, "## Bars (issue 3)\n\n| bar | measured | result |\n|---|---|---|\n");
    ev_buf_printf(&rp.summary, "vigil detection evaluation (%s)\n", out);
    double class_min[MAX_CLASSES];
    int class_min_place[MAX_CLASSES];
    for (size_t c = 0; c < pl.nclasses; c++) {
        class_min[c] = 101.0;
        class_min_place[c] = -1;
        for (int p = 0; p < NPLACE; p++) {
            if (cells[c][p].n && pct(cells[c][p].block, cells[c][p].n) < class_min[c]) {
                class_min[c] = pct(cells[c][p].block, cells[c][p].n);
                class_min_place[c] = p;
            }
        }
    }
    for (size_t b = 0; b < NBAR; b++) {
        char bar[128], meas[256];
        snprintf(bar, sizeof bar, "TPR ≥ %.0f%% for %s in every placement", TPR_BAR,
                 bar_classes[b]);
        int ci = -1;
        for (size_t c = 0; c < pl.nclasses; c++)
            if (strcmp(pl.classes[c], bar_classes[b]) == 0)
                ci = (int)c;
        if (ci < 0 || class_min_place[ci] < 0) {
            bar_row(&rp, bar, "no payloads of this class in the corpus", 0);
            continue;
        }
        snprintf(meas, sizeof meas, "min %.1f%% (%s) over %u payloads", class_min[ci],
                 place_name[class_min_place[ci]], cells[ci][P_QUERY].n);
        bar_row(&rp, bar, meas, class_min[ci] >= TPR_BAR);
    }
    {
        char meas[256];
        const cell *c = &crs.by[L_ATTACK][1];
        snprintf(meas, sizeof meas, "%.1f%% (%u of %u)", pct(c->block, c->n), c->block, c->n);
        bar_row(&rp, "CRS paranoia-level-1 attack tests blocked ≥ 90%", meas,
                pct(c->block, c->n) >= CRS_PL1_BAR);
        double worst = 0;
        int wp = 0;
        unsigned bl = 0, bn = 0;
        for (int p = 0; p < NPLACE; p++) {
            bl += benign[p].block;
            bn += benign[p].n;
            if (pct(benign[p].block, benign[p].n) > worst) {
                worst = pct(benign[p].block, benign[p].n);
                wp = p;
            }
        }
        snprintf(meas, sizeof meas, "max %.1f%% (%s); %.2f%% over all %u requests", worst,
                 place_name[wp], pct(bl, bn), bn);
        bar_row(&rp, "FP ≤ 1% on benign look-alikes (every placement)", meas,
                worst <= LOOKALIKE_FP_BAR);
        unsigned cb = 0, cn = 0;
        for (int l = 0; l < NPL; l++) {
            cb += crs.by[L_BENIGN][l].block;
            cn += crs.by[L_BENIGN][l].n;
        }
        snprintf(meas, sizeof meas, "%.1f%% (%u of %u, all paranoia levels; PL1 %.1f%%)",
                 pct(cb, cn), cb, cn, pct(crs.by[L_BENIGN][1].block, crs.by[L_BENIGN][1].n));
        bar_row(&rp, "FP ≤ 2% on CRS benign candidates", meas, pct(cb, cn) <= CRS_FP_BAR);
    }

    /* per class x placement */
    ev_buf_puts(md, "\n## Payloads: block rate per attack class and placement\n\n"
                    "Share of payloads blocked; `(+x)` is the share only flagged. "
                    "Classes with a bar are in bold. `header n/a`: payloads with CR, LF or NUL, "
                    "which no client can send in a header value (left out of the header "
                    "column).\n\n"
                    "| class | payloads | query | json | form | header | cookie | header n/a |\n"
                    "|---|---:|---:|---:|---:|---:|---:|---:|\n");
    ev_buf_puts(&rp.summary, "\nblock rate per class and placement (q j f h c):\n");
    for (size_t c = 0; c < pl.nclasses; c++) {
        if (cells[c][P_QUERY].n == 0)
            continue; /* the benign class */
        int bar = is_bar_class(pl.classes[c]);
        ev_buf_printf(md, "| %s%s%s | %u |", bar ? "**" : "", pl.classes[c], bar ? "**" : "",
                      cells[c][P_QUERY].n);
        ev_buf_printf(&rp.summary, "  %-20s %5u ", pl.classes[c], cells[c][P_QUERY].n);
        for (int p = 0; p < NPLACE; p++) {
            ev_buf_putc(md, ' ');
            cell_text(md, &cells[c][p]);
            ev_buf_puts(md, " |");
            ev_buf_printf(&rp.summary, " %6.1f", pct(cells[c][p].block, cells[c][p].n));
        }
        ev_buf_printf(md, " %u |\n", cells[c][P_HEADER].na);
        ev_buf_putc(&rp.summary, '\n');
    }

    /* benign look-alikes */
    ev_buf_printf(md, "\n## Benign look-alikes: false positives per placement\n\n"
                      "%u benign values that resemble attacks (libinjection's false-positive "
                      "list and similar).\n\n| placement | requests | blocked | FP rate | "
                      "flagged | n/a |\n|---|---:|---:|---:|---:|---:|\n", n_benign);
    for (int p = 0; p < NPLACE; p++)
        ev_buf_printf(md, "| %s | %u | %u | %.2f%% | %u | %u |\n", place_name[p], benign[p].n,
                      benign[p].block, pct(benign[p].block, benign[p].n), benign[p].flag,
                      benign[p].na);
    if (fp_total) {
        ev_buf_printf(md, "\nBlocked look-alikes (%u%s):\n\n| placement | value | strongest "
                          "reason |\n|---|---|---|\n%s",
                      fp_total, fp_total > 60 ? ", first 60" : "", fp_list.p);
    }

    /* CRS */
    ev_buf_puts(md, "\n## CRS regression tests\n\n"
                    "Each test is sent whole, as the CRS test client (go-ftw) sends it: "
                    "`Content-Type: application/x-www-form-urlencoded` added when a body has "
                    "none, keys and values of not-yet-encoded form bodies URL-encoded, "
                    "multipart bodies with CRLF line ends, `Content-Length` and "
                    "`Connection: close` added. Labels are per CRS rule: `attack` should be "
                    "blocked, `benign_candidate` should not (a block is a false positive); "
                    "`protocol_violation`, `rule_negative` and `unlabelled` are shown for "
                    "information.\n\n"
                    "| paranoia level | attack: blocked | benign_candidate: blocked (FP) | "
                    "protocol_violation: blocked | rule_negative: blocked | unlabelled: blocked |\n"
                    "|---|---:|---:|---:|---:|---:|\n");
    ev_buf_puts(&rp.summary, "\nCRS regression, blocked share per paranoia level:\n");
    for (int l = 1; l <= NPL; l++) {
        int lv = l == NPL ? 0 : l; /* "none" last */
        unsigned any = 0;
        for (int k = 0; k < NLABEL; k++)
            any += crs.by[k][lv].n;
        if (!any || l == 5)
            continue;
        char lvl[16];
        snprintf(lvl, sizeof lvl, lv ? "%d" : "none", lv);
        ev_buf_printf(md, "| %s |", lvl);
        ev_buf_printf(&rp.summary, "  PL %-4s", lvl);
        for (int k = 0; k < NLABEL; k++) {
            const cell *c = &crs.by[k][lv];
            if (c->n)
                ev_buf_printf(md, " %.1f%% (%u/%u) |", pct(c->block, c->n), c->block, c->n);
            else
                ev_buf_puts(md, " - |");
            if (k < 3)
                ev_buf_printf(&rp.summary, "  %s %5.1f%% (%u/%u)", label_name[k],
                              pct(c->block, c->n), c->block, c->n);
        }
        ev_buf_putc(md, '\n');
        ev_buf_putc(&rp.summary, '\n');
    }
    ev_buf_printf(md, "\nResponse-side tests (data leakage, web shells: `response` set) are out "
                      "of scope for request evaluation and were not sent: %u (%s).\n",
                  crs.response_side, crs.response_side ? crs.response_ids.p : "none");

    ev_buf_puts(md, "\n### Attack tests per CRS rule file\n\n| rule file | PL1 blocked | "
                    "all levels blocked |\n|---|---:|---:|\n");
    for (size_t i = 0; i < crs.nfile; i++) {
        const cell *a = &crs.file_pl1[i], *b = &crs.file_all[i];
        ev_buf_printf(md, "| %s | ", crs.file[i]);
        if (a->n)
            ev_buf_printf(md, "%.1f%% (%u/%u)", pct(a->block, a->n), a->block, a->n);
        else
            ev_buf_puts(md, "-");
        ev_buf_printf(md, " | %.1f%% (%u/%u) |\n", pct(b->block, b->n), b->block, b->n);
    }
    if (crs.fp_n)
        ev_buf_printf(md, "\n### Benign candidates blocked (%u)\n\n| test | PL | description "
                          "| strongest reason |\n|---|---:|---|---|\n%s",
                      crs.fp_n, crs.fp_list.p);
    if (crs.missed_pl1_n) {
        ev_buf_printf(md, "\n### Paranoia-level-1 attack tests not blocked\n\n"
                          "At most %d per rule file, in file order; the request shows the "
                          "query (`?...`) and body as sent, truncated.\n\n"
                          "| test | description | query / body | action |\n|---|---|---|---|\n",
                      MISSED_LISTED);
        for (size_t i = 0; i < crs.nfile; i++)
            if (crs.file_missed[i].len)
                ev_buf_put(md, crs.file_missed[i].p, crs.file_missed[i].len);
    }

    /* missed shapes */
    ev_buf_puts(md, "\n## Most common missed payload shapes\n\n"
                    "For every class below 95% in some placement: payloads grouped by a coarse "
                    "shape (lower-cased, free-standing numbers as `0`, blank runs as one "
                    "space, first 40 bytes), most missed first. `misses` counts (payload, placement) pairs; "
                    "placements: q query, j json, f form, h header, c cookie. Values are "
                    "truncated and escaped (bytes outside printable ASCII, `|` and a backtick "
                    "as `\\xHH`, backslash doubled).\n");
    for (size_t c = 0; c < pl.nclasses; c++) {
        if (cells[c][P_QUERY].n == 0 || class_min[c] >= TPR_BAR)
            continue;
        int bar = is_bar_class(pl.classes[c]);
        size_t nm;
        miss *m = group_misses(&pl, missmask, (int)c, &nm);
        size_t show = nm < (bar ? 20u : 10u) ? nm : (bar ? 20u : 10u);
        ev_buf_printf(md, "\n### %s%s (min %.1f%%, %zu shapes missed, top %zu)\n\n"
                          "| misses | payloads | placements | shape | example |\n"
                          "|---:|---:|---|---|---|\n",
                      pl.classes[c], bar ? " (bar)" : "", class_min[c], nm, show);
        for (size_t k = 0; k < show; k++) {
            char places[NPLACE + 1];
            for (int p = 0; p < NPLACE; p++)
                places[p] = (m[k].places >> p) & 1u ? place_letter[p] : '.';
            places[NPLACE] = '\0';
            ev_buf_printf(md, "| %u | %u | `%s` | `", m[k].count, m[k].payloads, places);
            ev_escape_excerpt(md, m[k].shape, strlen(m[k].shape), 50);
            ev_buf_puts(md, "` | `");
            ev_escape_excerpt(md, pl.v[m[k].payload].value, pl.v[m[k].payload].len, 60);
            ev_buf_puts(md, "` |\n");
        }
        free_misses(m, nm);
    }

    /* method */
    ev_buf_printf(md, "\n## How the requests are built\n\n"
                      "Records with `encoding: url` are URL-decoded once (`+` as space) to get "
                      "the raw value; `raw` records are used as they are. Each value then goes "
                      "into five requests, each from a fresh client address (10.x.y.z) so that "
                      "no per-client state carries over:\n\n"
                      "1. query: `GET /search?q=<value percent-encoded, encodeURIComponent "
                      "style>`\n"
                      "2. json: `POST /api/items`, `Content-Type: application/json`, body "
                      "`{\"name\":<value as a JSON string>}` (`\"`, `\\` and controls escaped; "
                      "other bytes as they are: %u values are not valid UTF-8)\n"
                      "3. form: `POST /api/comments`, `application/x-www-form-urlencoded`, "
                      "`comment=<value form-encoded, space as +>`\n"
                      "4. header: `GET /api/items` with `X-Custom-Data: <value>`; values with "
                      "CR, LF or NUL are not applicable\n"
                      "5. cookie: `GET /api/items` with `Cookie: pref=<value>`, where controls, "
                      "space, `\"`, `,`, `;`, `\\`, `%%` and non-ASCII bytes are "
                      "percent-encoded as browsers' and frameworks' cookie encoders do\n\n"
                      "Every request also carries `Host`, a browser `User-Agent` and `Accept`.\n",
                  n_bad_utf8);

    /* write */
    char tmpname[4200];
    snprintf(tmpname, sizeof tmpname, "%s.tmp", out);
    FILE *f = fopen(tmpname, "w");
    if (!f || fwrite(md->p, 1, md->len, f) != md->len || fclose(f) != 0 ||
        rename(tmpname, out) != 0) {
        fprintf(stderr, "eval: cannot write %s: %s\n", out, strerror(errno));
        return 2;
    }
    ev_buf_printf(&rp.summary, "\n%lu evaluations in %.2f s; report written to %s\n", e.count,
                  wall_s, out);
    fputs(rp.summary.p, stdout);

    ev_buf_free(&rp.md);
    ev_buf_free(&rp.summary);
    ev_buf_free(&cmd);
    ev_buf_free(&fp_list);
    ev_buf_free(&tmp);
    ev_req_free(&r);
    ev_buf_free(&crs.response_ids);
    ev_buf_free(&crs.fp_list);
    for (size_t i = 0; i < crs.nfile; i++) {
        free(crs.file[i]);
        ev_buf_free(&crs.file_missed[i]);
    }
    free(missmask);
    free(e.hdrs);
    cJSON_free(policy);
    vigil_decision_free(e.dec);
    vigil_engine_free(e.eng);
    ev_payloads_free(&pl);
    return strict && rp.failed ? 1 : 0;
}
