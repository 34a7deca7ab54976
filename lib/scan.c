/*
 * scan.c - the detector driver. For each user-controlled value (path,
 * path params, query and form pairs, multipart fields, JSON keys and
 * strings, cookies, headers that carry user input, XML and text bodies) it
 * runs the enabled detectors on the value as received and then on decoded
 * variants, but only on the variants vigil__decode_hints says could differ,
 * so plain values cost one byte-class pass.
 */
#include <stdio.h>

#include "decode.h"
#include "detect.h"
#include "engine.h"
#include "rules.h"
#include "scan.h"

typedef int (*detect_fn)(const char *, size_t, int, vigil__finding *);

/* Which detectors look at which kind of input. */
/* ON_ARG: values of request arguments (query, form, multipart, JSON,
 * XML/text bodies), not headers, cookies or the path. ON_ARGNAME: names of
 * those arguments, and only when the Referer is absent or foreign. */
enum { ON_VALUE = 1, ON_KEY = 2, ON_URLISH = 4, ON_REDIRECT = 8, ON_DOCUMENT = 16, ON_AGENT = 32,
       ON_ARG = 64, ON_ARGNAME = 128 };

typedef struct detector {
    int       attack;
    detect_fn fn;
    unsigned  on;
} detector;

static const detector detectors[] = {
    {VIGIL__A_SQLI, vigil__detect_sqli, ON_VALUE},
    {VIGIL__A_XSS, vigil__detect_xss, ON_VALUE},
    {VIGIL__A_PATH, vigil__detect_path, ON_VALUE},
    {VIGIL__A_CMD, vigil__detect_cmd, ON_VALUE},
    {VIGIL__A_SSRF, vigil__detect_ssrf, ON_URLISH},
    {VIGIL__A_NOSQL, vigil__detect_nosql, ON_VALUE},
    {VIGIL__A_NOSQL, vigil__detect_nosql_key, ON_KEY},
    {VIGIL__A_SSTI, vigil__detect_ssti, ON_VALUE},
    {VIGIL__A_LOG4SHELL, vigil__detect_log4shell, ON_VALUE | ON_KEY},
    {VIGIL__A_LDAP, vigil__detect_ldap, ON_VALUE},
    {VIGIL__A_XPATH, vigil__detect_xpath, ON_VALUE},
    {VIGIL__A_XXE, vigil__detect_xxe, ON_VALUE | ON_DOCUMENT},
    {VIGIL__A_CRLF, vigil__detect_crlf, ON_VALUE | ON_KEY},
    {VIGIL__A_PROTO, vigil__detect_proto_key, ON_KEY},
    {VIGIL__A_REDIRECT, vigil__detect_redirect, ON_REDIRECT},
    {VIGIL__A_JAVA, vigil__detect_java, ON_VALUE | ON_KEY},
    {VIGIL__A_PHP, vigil__detect_php, ON_VALUE},
    {VIGIL__A_CODE, vigil__detect_code, ON_VALUE},
    {VIGIL__A_RFI, vigil__detect_rfi, ON_ARG},
    {VIGIL__A_SESSION, vigil__detect_session, ON_VALUE | ON_KEY},
    {VIGIL__A_SESSION, vigil__detect_session_name, ON_ARGNAME},
    {VIGIL__A_SCANNER, vigil__detect_scanner, ON_AGENT},
};
#define N_DETECTORS VIGIL__COUNTOF(detectors)

typedef struct scan_ctx {
    vigil_decision          *d;
    const vigil__policy     *p;
    const vigil__scan_input *in;
    vigil__arena            *a;
    int                      any_enabled;
    int                      max_sensitivity;
    unsigned                 argname; /* ON_ARGNAME when the Referer is untrusted */
    uint8_t                  active[N_DETECTORS]; /* enabled table entries */
    size_t                   n_active;
    /* Values already judged in this request (JSON arrays repeat keys and
     * values): the same bytes in the same role give the same findings, so
     * they are judged once. Direct-mapped, compared exactly. */
    struct seen {
        const char *p;
        size_t      n;
        uint64_t    h;
        unsigned    on;
    } seen[64];
    uint64_t seen_valid; /* bit i: seen[i] holds an entry (no memset needed) */
} scan_ctx;


/* Where a value sits. Rendered to text ("query.id", "body.items[3].name")
 * only when a detector fires: most values never need it. */
typedef struct place {
    const char *prefix;  /* "query", "body", "cookie", "header", "path" */
    vigil_str   name;    /* pair, part, header or param name; may be empty */
    uint32_t    tok;     /* JSON token index, or UINT32_MAX */
} place;

static place place_named(const char *prefix, vigil_str name)
{
    place pl = {prefix, name, UINT32_MAX};
    return pl;
}

static const char *place_text(const scan_ctx *c, const place *pl, char *buf, size_t cap)
{
    if (pl->tok != UINT32_MAX) {
        vigil__json_path(c->in->tape, c->in->request->body, pl->tok, pl->prefix, buf, cap);
        return buf;
    }
    if (!pl->name.len) {
        snprintf(buf, cap, "%s", pl->prefix);
        return buf;
    }
    char nm[64];
    size_t k = vigil__safe_excerpt(nm, sizeof nm, pl->name.ptr, pl->name.len);
    if (!strcmp(pl->prefix, "header")) /* header names are case-insensitive */
        for (size_t j = 0; j < k; j++)
            nm[j] = (char)vigil__lower((unsigned char)nm[j]);
    snprintf(buf, cap, "%s.%s", pl->prefix, nm);
    return buf;
}

static int excluded(const scan_ctx *c, int attack, const char *where)
{
    const vigil__policy *p = c->p;
    for (size_t i = 0; i < p->n_exclusions; i++) {
        const vigil__exclusion *x = &p->exclusions[i];
        if (x->attack >= 0 && x->attack != attack)
            continue;
        if (x->route && (!c->in->route || strcmp(x->route, c->in->route->path)))
            continue;
        if (x->where) {
            size_t n = strlen(x->where);
            if (n && x->where[n - 1] == '*') {
                if (strncmp(where, x->where, n - 1))
                    continue;
            } else if (strcmp(where, x->where)) {
                continue;
            }
        }
        return 1;
    }
    return 0;
}

static void report(scan_ctx *c, int attack, const place *pl, const vigil__finding *f,
                   const char *s, size_t n)
{
    char where[96];
    place_text(c, pl, where, sizeof where);
    if (excluded(c, attack, where))
        return;
    char excerpt[48], detail[112];
    size_t off = f->off < n ? f->off : 0;
    size_t len = f->len && off + f->len <= n ? f->len : n - off;
    vigil__safe_excerpt(excerpt, sizeof excerpt, s + off, len);
    snprintf(detail, sizeof detail, "%s: %s", f->detail ? f->detail : "match", excerpt);
    const vigil__detector_cfg *cfg = &c->p->detectors[attack];
    vigil__decision_add(c->d, c->p, vigil__attack_rule_id(attack), "attack",
                        f->score > 0 ? f->score : 80, cfg->action, where, detail);
}

/* Runs the detectors selected by `on` over one byte string; `done` marks
 * attack classes already found in this value (checked across variants). */
static void run_detectors(scan_ctx *c, unsigned on, const place *where, const char *s, size_t n,
                          uint32_t *done)
{
    vigil__finding f;
    for (size_t k = 0; k < c->n_active; k++) {
        const detector *det = &detectors[c->active[k]];
        if (!(det->on & on) || (*done & (1u << det->attack)))
            continue;
        const vigil__detector_cfg *cfg = &c->p->detectors[det->attack];
        if (det->fn(s, n, cfg->sensitivity, &f)) {
            *done |= 1u << det->attack;
            report(c, det->attack, where, &f, s, n);
        }
    }
}

/* 1 when these bytes were already judged in this role; remembers them
 * otherwise. */
static int seen_before(scan_ctx *c, unsigned on, const char *s, size_t n)
{
    uint64_t h = 1469598103934665603u ^ on; /* FNV-1a */
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211u;
    unsigned slot = (unsigned)((h ^ (h >> 29)) & 63);
    struct seen *e = &c->seen[slot];
    if ((c->seen_valid >> slot & 1) && e->h == h && e->n == n && e->on == on &&
        !memcmp(e->p, s, n))
        return 1;
    c->seen_valid |= (uint64_t)1 << slot;
    e->p = s;
    e->n = n;
    e->h = h;
    e->on = on;
    return 0;
}

/* Redirect-like parameter names, compared case-insensitively, bucketed by
 * length so that most names cost one switch. */
static int redirect_name(vigil_str name)
{
    /* Names that mean "send the user there"; generic ones such as "url"
     * or "link" carry ordinary absolute URLs (webhooks, images) and are
     * left to the SSRF detector. */
    static const char *const by_len[13][5] = {
        [4] = {"next", "dest", "goto", "rurl"},
        [5] = {"redir"},
        [6] = {"return"},
        [7] = {"forward", "backurl"},
        [8] = {"redirect", "continue", "returnto"},
        [9] = {"return_to", "returnurl"},
        [10] = {"return_url"},
        [11] = {"redirect_to", "redirecturl", "destination", "success_url", "failure_url"},
        [12] = {"redirect_uri", "redirect_url", "callback_url"},
    };
    if (name.len == 0 || name.len > 12)
        return 0;
    for (size_t i = 0; i < 5 && by_len[name.len][i]; i++)
        if (vigil__str_ieq(name, by_len[name.len][i]))
            return 1;
    return 0;
}

/* Numbers, dates, versions, UUIDs and hex ids ("42", "2024-05-01",
 * "3.14", "c8d1f3a2-4b5e-...") carry no attack the detectors look for at
 * sensitivity 1-2: every class needs a letter outside a-f, a quote,
 * bracket, operator, separator, slash, space or encoding. One table lookup
 * per byte spares such values every detector. Words are not inert: a bare
 * "whoami" or ".htaccess" is a finding. */
static int inert(const char *s, size_t n)
{
    static const uint8_t plain[256] = {
        ['-'] = 1, ['.'] = 1, ['_'] = 1, [':'] = 1,
        ['0'] = 2, ['1'] = 2, ['2'] = 2, ['3'] = 2, ['4'] = 2, ['5'] = 2, ['6'] = 2, ['7'] = 2,
        ['8'] = 2, ['9'] = 2,
        ['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1,
        ['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1,
    };
    unsigned seen = 0;
    /* Long hex runs may be encoded payloads (aced0005... is a serialized
     * Java object): only short ones, UUID-sized at most, are inert. */
    if (n > 40)
        return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned k = plain[(unsigned char)s[i]];
        if (!k || (s[i] == '.' && i + 1 < n && s[i + 1] == '.'))
            return 0;
        seen |= k;
    }
    return (seen & 2) != 0; /* at least one digit: not a word */
}

static int urlish(const char *s, size_t n)
{
    for (size_t i = 0; i + 2 < n && i < 16; i++)
        if (s[i] == ':' && s[i + 1] == '/' && s[i + 2] == '/')
            return 1;
    /* "http:host" without slashes is still fetched by lenient URL parsers */
    if ((n > 5 && vigil__str_ieq(vigil__str(s, 5), "http:")) ||
        (n > 6 && vigil__str_ieq(vigil__str(s, 6), "https:")))
        return 1;
    return n > 2 && s[0] == '/' && s[1] == '/';
}

/* Scans one value and its decoded variants. */
static int scan_bytes(scan_ctx *c, unsigned on, const place *where, const char *s, size_t n)
{
    if (!n)
        return VIGIL_OK;
    if (c->max_sensitivity <= 2 && !(on & ON_REDIRECT) && inert(s, n))
        return VIGIL_OK;
    if (n <= 256 && seen_before(c, on, s, n))
        return VIGIL_OK;
    uint32_t done = 0;
    if ((on & ON_VALUE) && urlish(s, n))
        on |= ON_URLISH;
    run_detectors(c, on, where, s, n, &done);
    unsigned hints = vigil__decode_hints(s, n);
    if (!(hints & (VIGIL__DEC_URL | VIGIL__DEC_HTML | VIGIL__DEC_JS | VIGIL__DEC_UTF8 |
                   VIGIL__DEC_BASE64)))
        return VIGIL_OK;
    /* Variants are decoded from the fully URL-decoded form, so layered
     * encodings (%5Cu007B, %26lbrace%3B) come apart in the right order. */
    char *url = vigil__arena_alloc(c->a, n + 1), *buf = vigil__arena_alloc(c->a, n + 1);
    if (!url || !buf)
        return VIGIL_ENOMEM;
    const char *base = s;
    size_t bn = n;
    if (hints & VIGIL__DEC_URL) {
        /* Repeated URL decoding undoes double and triple encoding. */
        size_t m = vigil__url_decode(s, n, url, 0);
        for (int round = 0; round < 3 && m; round++) {
            run_detectors(c, on, where, url, m, &done);
            size_t k = vigil__url_decode(url, m, url, 0);
            if (k == m)
                break;
            m = k;
        }
        base = url;
        bn = m;
        hints |= vigil__decode_hints(url, m) & ~(unsigned)VIGIL__DEC_BASE64;
    }
    if (hints & VIGIL__DEC_HTML) {
        size_t m = vigil__html_decode(base, bn, buf);
        run_detectors(c, on, where, buf, m, &done);
        if (vigil__decode_hints(buf, m) & VIGIL__DEC_JS) /* &#92;u003c and the like */
            run_detectors(c, on, where, buf, vigil__js_decode(buf, m, buf), &done);
    }
    if (hints & VIGIL__DEC_JS) {
        size_t m = vigil__js_decode(base, bn, buf);
        run_detectors(c, on, where, buf, m, &done);
        if (vigil__decode_hints(buf, m) & VIGIL__DEC_URL)
            run_detectors(c, on, where, buf, vigil__url_decode(buf, m, buf, 0), &done);
    }
    if (hints & (VIGIL__DEC_UTF8 | VIGIL__DEC_URL)) {
        size_t m = vigil__utf8_fold(base, bn, buf);
        if (m != bn || memcmp(buf, base, m))
            run_detectors(c, on, where, buf, m, &done);
    }
    if (hints & VIGIL__DEC_BASE64) {
        size_t m = vigil__base64_text(s, n, buf);
        if (m)
            run_detectors(c, on, where, buf, m, &done);
    }
    return VIGIL_OK;
}

static int scan_pairs(scan_ctx *c, const char *prefix, const vigil__kv *kv, size_t n, int arg)
{
    int rc;
    for (size_t i = 0; i < n; i++) {
        place pl = place_named(prefix, kv[i].name);
        if ((rc = scan_bytes(c, ON_KEY | ON_VALUE | (arg ? c->argname : 0), &pl, kv[i].name.ptr,
                             kv[i].name.len)))
            return rc;
        unsigned on = ON_VALUE | (arg ? ON_ARG : 0) |
                      (redirect_name(kv[i].name) ? ON_REDIRECT | ON_URLISH : 0);
        if ((rc = scan_bytes(c, on, &pl, kv[i].value.ptr, kv[i].value.len)))
            return rc;
        /* RFI that only the name gives away: "_CONF[path]=http://..." */
        const vigil__detector_cfg *rfi = &c->p->detectors[VIGIL__A_RFI];
        vigil__finding f;
        if (arg && rfi->enabled &&
            vigil__detect_rfi_param(kv[i].name.ptr, kv[i].name.len, kv[i].value.ptr,
                                    kv[i].value.len, rfi->sensitivity, &f))
            report(c, VIGIL__A_RFI, &pl, &f, kv[i].value.ptr, kv[i].value.len);
    }
    return VIGIL_OK;
}

/* The raw text of a key when it has no escapes (the usual case), else
 * its decoded form. */
static int key_text(scan_ctx *c, uint32_t i, vigil_str *out)
{
    const vigil__jtok *k = &c->in->tape->tok[i];
    if (!(k->flags & VIGIL__JF_ESCAPED)) {
        *out = vigil__str(c->in->request->body ? (const char *)c->in->request->body + k->start : "",
                          k->len);
        return VIGIL_OK;
    }
    return vigil__json_string(c->in->tape, c->in->request->body, i, c->a, out) ? VIGIL_ENOMEM
                                                                               : VIGIL_OK;
}

/* Prototype pollution spreads over two keys ({"constructor": {"prototype":
 * ...}}): judge "prototype" together with the key of its enclosing object. */
static int scan_key_path(scan_ctx *c, uint32_t i, vigil_str key, const place *pl)
{
    const vigil__jtape *t = c->in->tape;
    const vigil__detector_cfg *cfg = &c->p->detectors[VIGIL__A_PROTO];
    uint32_t obj = t->tok[i].parent;
    if (!cfg->enabled || key.len != 9 || memcmp(key.ptr, "prototype", 9) || obj == 0 ||
        obj == UINT32_MAX || t->tok[obj - 1].type != VIGIL__J_KEY)
        return VIGIL_OK;
    vigil_str outer;
    int rc = key_text(c, obj - 1, &outer);
    if (rc)
        return rc;
    char *path = vigil__arena_alloc(c->a, outer.len + 11);
    if (!path)
        return VIGIL_ENOMEM;
    memcpy(path, outer.ptr, outer.len);
    memcpy(path + outer.len, ".prototype", 10);
    vigil__finding f;
    if (vigil__detect_proto_key(path, outer.len + 10, cfg->sensitivity, &f))
        report(c, VIGIL__A_PROTO, pl, &f, path, outer.len + 10);
    return VIGIL_OK;
}

static int scan_json(scan_ctx *c, const char *body)
{
    const vigil__jtape *t = c->in->tape;
    int rc;
    for (uint32_t i = 0; i < t->n; i++) {
        const vigil__jtok *tok = &t->tok[i];
        if (tok->type != VIGIL__J_KEY && tok->type != VIGIL__J_STRING)
            continue;
        vigil_str v;
        if (vigil__json_string(t, body, i, c->a, &v))
            return VIGIL_ENOMEM;
        place pl = {"body", {NULL, 0}, i};
        unsigned on = ON_VALUE | ON_ARG;
        if (tok->type == VIGIL__J_KEY) {
            /* JSON keys are not judged as session-id names: API clients send
             * no Referer and fields such as "session_id" are ordinary. */
            on = ON_KEY | ON_VALUE;
            if ((rc = scan_key_path(c, i, v, &pl)))
                return rc;
        } else if (i > 0 && t->tok[i - 1].type == VIGIL__J_KEY) {
            vigil_str key;
            if ((rc = key_text(c, i - 1, &key)))
                return rc;
            if (redirect_name(key))
                on |= ON_REDIRECT | ON_URLISH;
        }
        if ((rc = scan_bytes(c, on, &pl, v.ptr, v.len)))
            return rc;
    }
    return VIGIL_OK;
}

/* Upload file names: a script name is only suspicious as a file name. */
static int scan_filename(scan_ctx *c, const place *pl, vigil_str name)
{
    const vigil__detector_cfg *cfg = &c->p->detectors[VIGIL__A_PHP];
    vigil__finding f;
    if (cfg->enabled && vigil__detect_php_upload(name.ptr, name.len, cfg->sensitivity, &f))
        report(c, VIGIL__A_PHP, pl, &f, name.ptr, name.len);
    return VIGIL_OK;
}

static int filename_header(vigil_str name)
{
    return vigil__str_ieq(name, "x-filename") || vigil__str_ieq(name, "x_filename") ||
           vigil__str_ieq(name, "x-file-name") || vigil__str_ieq(name, "x.filename");
}

static int scan_multipart(scan_ctx *c, const char *body, size_t len)
{
    vigil_str boundary;
    if (!vigil__content_type_param(c->in->content_type, "boundary", &boundary))
        return VIGIL_OK;
    vigil__part *parts;
    size_t n;
    int malformed = 0;
    if (vigil__multipart_parse(vigil__str(body, len), boundary, c->a, c->p->limits.max_params,
                               &parts, &n, &malformed))
        return VIGIL_ENOMEM;
    int rc;
    for (size_t i = 0; i < n; i++) {
        place pl = place_named("body", parts[i].name);
        if ((rc = scan_bytes(c, ON_KEY | ON_VALUE | c->argname, &pl, parts[i].name.ptr,
                             parts[i].name.len)))
            return rc;
        if (parts[i].filename.len &&
            ((rc = scan_bytes(c, ON_VALUE, &pl, parts[i].filename.ptr, parts[i].filename.len)) ||
             (rc = scan_filename(c, &pl, parts[i].filename))))
            return rc;
        /* File contents are the application's business; text fields are not. */
        if (!parts[i].filename.len &&
            (rc = scan_bytes(c, ON_VALUE | ON_DOCUMENT | ON_ARG, &pl, parts[i].body.ptr,
                             parts[i].body.len)))
            return rc;
    }
    return VIGIL_OK;
}

/* Headers that carry no user text worth scanning, or secrets that must
 * not be quoted in reasons (Authorization; cookies are parsed apart).
 * Bucketed by length: this runs for every header of every request. */
static int header_skipped(vigil_str name)
{
    static const char *const by_len[26][6] = {
        [2] = {"te"},
        [4] = {"host"},
        [6] = {"cookie", "accept", "pragma"},
        [7] = {"upgrade"},
        [9] = {"x-api-key", "sec-ch-ua"},
        [10] = {"connection", "keep-alive"},
        [12] = {"content-type"},
        [13] = {"authorization", "cache-control", "if-none-match"},
        [14] = {"content-length", "sec-fetch-dest", "sec-fetch-mode", "sec-fetch-site"},
        [15] = {"accept-encoding", "accept-language"},
        [16] = {"sec-ch-ua-mobile"},
        [17] = {"transfer-encoding", "if-modified-since"},
        [18] = {"sec-ch-ua-platform"},
        [19] = {"proxy-authorization"},
    };
    if (name.len >= 26)
        return 0;
    for (size_t i = 0; i < 6 && by_len[name.len][i]; i++)
        if (vigil__str_ieq(name, by_len[name.len][i]))
            return 1;
    return 0;
}

/* Content-Type is structural, but a value with expression syntax is an
 * attack carrier (OGNL in Content-Type, CVE-2017-5638). */
static int expression_in_content_type(const vigil_header *h)
{
    if (!vigil__str_ieq(h->name, "content-type"))
        return 0;
    for (size_t i = 0; i < h->value.len; i++)
        if (h->value.ptr[i] == '{' || h->value.ptr[i] == '$' || h->value.ptr[i] == '%' ||
            h->value.ptr[i] == '#')
            return 1;
    return 0;
}

static int scan_headers(scan_ctx *c)
{
    const vigil_request *r = c->in->request;
    int rc;
    for (size_t i = 0; i < r->header_count; i++) {
        const vigil_header *h = &r->headers[i];
        if (vigil__str_ieq(h->name, "cookie")) {
            vigil__kv *kv;
            size_t n;
            int truncated;
            if (vigil__cookie_parse(h->value, c->a, c->p->limits.max_params, &kv, &n, &truncated))
                return VIGIL_ENOMEM;
            /* Servers percent-decode cookie values (RFC 6265 leaves the
             * encoding to them), so judge what the application will see. */
            for (size_t k = 0; k < n; k++) {
                if (!memchr(kv[k].value.ptr, '%', kv[k].value.len))
                    continue;
                char *buf = vigil__arena_alloc(c->a, kv[k].value.len + 1);
                if (!buf)
                    return VIGIL_ENOMEM;
                kv[k].value = vigil__str(buf, vigil__url_decode(kv[k].value.ptr, kv[k].value.len,
                                                                buf, 0));
            }
            if ((rc = scan_pairs(c, "cookie", kv, n, 0)))
                return rc;
            continue;
        }
        if (header_skipped(h->name) && !expression_in_content_type(h))
            continue;
        place pl = place_named("header", h->name);
        unsigned on = ON_VALUE;
        if (vigil__str_ieq(h->name, "referer") || vigil__str_ieq(h->name, "origin"))
            on |= ON_URLISH;
        if (vigil__str_ieq(h->name, "user-agent"))
            on |= ON_AGENT;
        if ((rc = scan_bytes(c, on, &pl, h->value.ptr, h->value.len)))
            return rc;
        if (filename_header(h->name) && (rc = scan_filename(c, &pl, h->value)))
            return rc;
    }
    return VIGIL_OK;
}

static int scan_path(scan_ctx *c)
{
    const vigil_request *r = c->in->request;
    int rc;
    if (!r->path.len)
        return VIGIL_OK;
    /* The whole path for traversal; each segment for the rest. */
    uint32_t done = 0;
    char *buf = vigil__arena_alloc(c->a, r->path.len + 1);
    if (!buf)
        return VIGIL_ENOMEM;
    size_t m = vigil__url_decode(r->path.ptr, r->path.len, buf, 0);
    vigil__finding f;
    const vigil__detector_cfg *cfg = &c->p->detectors[VIGIL__A_PATH];
    if (cfg->enabled && (vigil__detect_path(buf, m, cfg->sensitivity, &f) ||
                         vigil__detect_path(r->path.ptr, r->path.len, cfg->sensitivity, &f))) {
        done |= 1u << VIGIL__A_PATH;
        place whole = place_named("path", vigil__str(NULL, 0));
        report(c, VIGIL__A_PATH, &whole, &f, buf, m);
    }
    (void)done;
    if (c->in->nparams) {
        for (size_t i = 0; i < c->in->nparams; i++) {
            const char *nm = c->in->param_names[i];
            place pl = place_named("path", vigil__str(nm, strlen(nm)));
            if ((rc = scan_bytes(c, ON_VALUE, &pl, c->in->param_values[i].ptr,
                                 c->in->param_values[i].len)))
                return rc;
        }
        return VIGIL_OK;
    }
    size_t start = 0;
    for (size_t i = 0; i <= r->path.len; i++) {
        if (i == r->path.len || r->path.ptr[i] == '/') {
            place seg = place_named("path", vigil__str(NULL, 0));
            if (i > start && (rc = scan_bytes(c, ON_VALUE, &seg, r->path.ptr + start, i - start)))
                return rc;
            start = i + 1;
        }
    }
    return VIGIL_OK;
}

static int is_xml(vigil_str ct, const char *body, size_t len)
{
    if (ct.len && (vigil__content_type_is(ct, "application/xml") ||
                   vigil__content_type_is(ct, "text/xml")))
        return 1;
    for (size_t i = 0; i < ct.len; i++)
        if (i + 4 <= ct.len && !memcmp(ct.ptr + i, "+xml", 4))
            return 1;
    size_t i = 0;
    while (i < len && (body[i] == ' ' || body[i] == '\n' || body[i] == '\r' || body[i] == '\t'))
        i++;
    return len - i >= 5 && body[i] == '<' && (body[i + 1] == '?' || body[i + 1] == '!');
}

/* Walks an XML document once, handing each attribute value and each
 * non-blank text node to the detectors (entity references are undone by
 * the HTML decoding variant). Not a validating parser: it only needs to
 * find the values, in linear time, whatever the bytes. */
static int scan_xml_values(scan_ctx *c, const char *s, size_t n)
{
    place pl = place_named("body", vigil__str(NULL, 0));
    size_t i = 0;
    int rc;
    while (i < n) {
        if (s[i] != '<') {
            size_t start = i;
            while (i < n && s[i] != '<')
                i++;
            size_t a = start, b = i;
            while (a < b && (s[a] == ' ' || s[a] == '\n' || s[a] == '\r' || s[a] == '\t'))
                a++;
            while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\n' || s[b - 1] == '\r' ||
                             s[b - 1] == '\t'))
                b--;
            if (b > a && (rc = scan_bytes(c, ON_VALUE | ON_ARG, &pl, s + a, b - a)))
                return rc;
            continue;
        }
        /* a tag, comment, CDATA or declaration: attribute values in quotes */
        i++;
        while (i < n && s[i] != '>') {
            if (s[i] == '"' || s[i] == '\'') {
                char q = s[i++];
                size_t start = i;
                while (i < n && s[i] != q)
                    i++;
                if (i > start && (rc = scan_bytes(c, ON_VALUE | ON_ARG, &pl, s + start, i - start)))
                    return rc;
            }
            if (i < n)
                i++;
        }
        if (i < n)
            i++;
    }
    return VIGIL_OK;
}

int vigil__scan_request(vigil_decision *d, const vigil__policy *p, const vigil__scan_input *in)
{
    scan_ctx c;
    c.d = d;
    c.p = p;
    c.in = in;
    c.a = &d->arena;
    c.any_enabled = 0;
    c.max_sensitivity = 0;
    c.argname = 0;
    c.n_active = 0;
    c.seen_valid = 0;
    for (int i = 0; i < VIGIL__A_COUNT; i++) {
        c.any_enabled |= p->detectors[i].enabled;
        if (p->detectors[i].enabled && p->detectors[i].sensitivity > c.max_sensitivity)
            c.max_sensitivity = p->detectors[i].sensitivity;
    }
    for (size_t i = 0; i < N_DETECTORS; i++)
        if (p->detectors[detectors[i].attack].enabled)
            c.active[c.n_active++] = (uint8_t)i;
    if (!c.any_enabled)
        return VIGIL_OK;
    if (p->detectors[VIGIL__A_SESSION].enabled && vigil__session_referer_untrusted(in->request))
        c.argname = ON_ARGNAME;
    const vigil__detector_cfg *http = &p->detectors[VIGIL__A_HTTP];
    vigil__finding hf;
    const char *hwhere = "headers";
    if (http->enabled && vigil__detect_http(in->request, http->sensitivity, &hf, &hwhere)) {
        place pl = place_named(hwhere, vigil__str(NULL, 0));
        report(&c, VIGIL__A_HTTP, &pl, &hf, "", 0);
    }
    int rc;
    if ((rc = scan_path(&c)) || (rc = scan_pairs(&c, "query", in->query, in->nquery, 1)) ||
        (rc = scan_headers(&c)))
        return rc;
    const vigil_request *r = in->request;
    if (!r->body_len || in->body_skipped)
        return VIGIL_OK;
    const char *body = r->body;
    if (in->tape)
        return scan_json(&c, body);
    if (in->form)
        return scan_pairs(&c, "body", in->form, in->nform, 1);
    if (in->content_type.len && vigil__content_type_is(in->content_type, "multipart/form-data"))
        return scan_multipart(&c, body, r->body_len);
    /* XML, text, or a body whose type we do not parse: scan it whole, and
     * for XML also each attribute value and text node on its own, since
     * that is what the application will read out of it. */
    int xml = is_xml(in->content_type, body, r->body_len);
    unsigned on = ON_VALUE | ON_ARG | (xml ? ON_DOCUMENT : 0);
    place whole = place_named("body", vigil__str(NULL, 0));
    if ((rc = scan_bytes(&c, on, &whole, body, r->body_len)) || !xml)
        return rc;
    return scan_xml_values(&c, body, r->body_len);
}
