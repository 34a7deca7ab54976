/*
 * exchange.c - turns one input record (a JSON-lines exchange or a HAR 1.2
 * entry, already parsed by cJSON) into the vigil_request/vigil_response
 * views the engine takes. Nothing is copied except decoded base64 bodies:
 * the views point into the cJSON tree, which must outlive the evaluation.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define WHY(...) (snprintf(why, cap, __VA_ARGS__), -1)

/* -------------------------------------------------------------- helpers */

static vigil_str str_of(const char *s)
{
    vigil_str v;
    v.ptr = s;
    v.len = s ? strlen(s) : 0;
    return v;
}

/* Member lookup by exact name; the formats are lower-case camel/snake
 * case, so the case-sensitive lookup is both right and faster. */
static const cJSON *member(const cJSON *obj, const char *name)
{
    return cJSON_GetObjectItemCaseSensitive(obj, name);
}

static int push_header(vigil_header **arr, size_t *cap, size_t *count,
                       const char *name, const char *value)
{
    if (*count == *cap) {
        size_t ncap = *cap ? *cap * 2 : 16;
        *arr = cli_xrealloc(*arr, ncap * sizeof **arr);
        *cap = ncap;
    }
    (*arr)[*count].name = str_of(name);
    (*arr)[*count].value = str_of(value);
    (*count)++;
    return 0;
}

/* Headers as {"name": "value" | ["v1", "v2"]}, [["name", "value"], ...]
 * or HAR-style [{"name": ..., "value": ...}, ...]. HTTP/2 pseudo-headers
 * (":authority") are skipped: they are not headers to an HTTP/1 view. */
static int read_headers(const cJSON *h, vigil_header **arr, size_t *cap,
                        size_t *count, const char *what, char *why,
                        size_t wcap)
{
    *count = 0;
    if (!h || cJSON_IsNull(h))
        return 0;
    if (cJSON_IsObject(h)) {
        for (const cJSON *e = h->child; e; e = e->next) {
            if (cJSON_IsString(e)) {
                push_header(arr, cap, count, e->string, e->valuestring);
            } else if (cJSON_IsArray(e)) {
                for (const cJSON *v = e->child; v; v = v->next) {
                    if (!cJSON_IsString(v))
                        return snprintf(why, wcap, "%s.%s: values must be strings",
                                        what, e->string), -1;
                    push_header(arr, cap, count, e->string, v->valuestring);
                }
            } else if (cJSON_IsNumber(e)) {
                /* {"Content-Length": 12}: cJSON keeps no text for numbers;
                 * skipped, the engine measures the body itself. */
                continue;
            } else {
                return snprintf(why, wcap, "%s.%s: value must be a string",
                                what, e->string), -1;
            }
        }
        return 0;
    }
    if (!cJSON_IsArray(h))
        return snprintf(why, wcap, "%s: expected an object or an array", what), -1;
    size_t i = 0;
    for (const cJSON *e = h->child; e; e = e->next, i++) {
        const cJSON *n = NULL, *v = NULL;
        if (cJSON_IsArray(e)) {
            n = e->child;
            v = n ? n->next : NULL;
        } else if (cJSON_IsObject(e)) {
            n = member(e, "name");
            v = member(e, "value");
        }
        if (!cJSON_IsString(n) || !cJSON_IsString(v))
            return snprintf(why, wcap,
                            "%s[%zu]: expected [name, value] strings", what, i), -1;
        if (n->valuestring[0] == ':')
            continue;
        push_header(arr, cap, count, n->valuestring, v->valuestring);
    }
    return 0;
}

static int read_ts(const cJSON *t, cli_exchange *x, char *why, size_t cap)
{
    if (!t || cJSON_IsNull(t))
        return 0; /* keep the previous exchange's time */
    int64_t ms;
    if (cJSON_IsNumber(t)) {
        double d = t->valuedouble;
        if (!(d >= 0 && d < 1e13))
            return WHY("ts: epoch seconds out of range");
        ms = (int64_t)(d * 1000.0 + 0.5);
    } else if (cJSON_IsString(t)) {
        if (cli_parse_rfc3339(t->valuestring, &ms) != 0)
            return WHY("ts: not an RFC 3339 date-time");
    } else {
        return WHY("ts: expected epoch seconds or an RFC 3339 string");
    }
    x->req.timestamp_ms = ms;
    x->has_ts = 1;
    return 0;
}

static void reset(cli_exchange *x)
{
    int64_t keep_ts = x->req.timestamp_ms;
    vigil_request r = VIGIL_REQUEST_INIT;
    vigil_response s = VIGIL_RESPONSE_INIT;
    x->req = r;
    x->req.timestamp_ms = keep_ts;
    x->res = s;
    x->has_response = 0;
    x->has_ts = 0;
    x->label = NULL;
}

void cli_exchange_free(cli_exchange *x)
{
    free(x->req_hdrs);
    free(x->res_hdrs);
    cli_buf_free(&x->req_body);
    cli_buf_free(&x->res_body);
    memset(x, 0, sizeof *x);
}

/* Splits a target "/a/b?x=1#frag" into path and query (fragment dropped). */
static void split_target(const char *s, vigil_str *path, vigil_str *query)
{
    const char *q = strchr(s, '?');
    const char *h = strchr(s, '#');
    if (h && q && h < q)
        q = NULL;
    const char *pend = q ? q : (h ? h : s + strlen(s));
    path->ptr = s;
    path->len = (size_t)(pend - s);
    if (q) {
        const char *qend = h ? h : q + 1 + strlen(q + 1);
        query->ptr = q + 1;
        query->len = (size_t)(qend - (q + 1));
    }
}

/* --------------------------------------------------------- JSON lines */

/* The members of one object picked out in a single pass (the first of
 * duplicated names wins, as with cJSON_GetObjectItem). Walking the list
 * once instead of looking each name up keeps replay fast. */
typedef struct fields {
    const cJSON *ts, *client_ip, *method, *path, *query, *headers, *body,
                *body_b64, *response, *actor, *status, *bytes, *latency_ms;
} fields;

static void pick(const cJSON *e, const char *name, const cJSON **slot)
{
    if (!*slot && strcmp(e->string, name) == 0)
        *slot = e;
}

static void collect(const cJSON *obj, fields *f)
{
    memset(f, 0, sizeof *f);
    for (const cJSON *e = obj->child; e; e = e->next) {
        if (!e->string)
            continue;
        switch (e->string[0]) {
        case 't': pick(e, "ts", &f->ts); break;
        case 'c': pick(e, "client_ip", &f->client_ip); break;
        case 'm': pick(e, "method", &f->method); break;
        case 'p': pick(e, "path", &f->path); break;
        case 'q': pick(e, "query", &f->query); break;
        case 'h': pick(e, "headers", &f->headers); break;
        case 'b':
            pick(e, "body", &f->body);
            pick(e, "body_b64", &f->body_b64);
            pick(e, "bytes", &f->bytes);
            break;
        case 'r': pick(e, "response", &f->response); break;
        case '_': pick(e, "_actor", &f->actor); break;
        case 's': pick(e, "status", &f->status); break;
        case 'l': pick(e, "latency_ms", &f->latency_ms); break;
        default: break;
        }
    }
}

/* Body from "body" (text) or "body_b64"; decoded bytes go into buf. */
static int read_body(const fields *f, cli_buf *buf, const void **body,
                     size_t *len, const char *what, char *why, size_t cap)
{
    const cJSON *t = f->body, *b = f->body_b64;
    *body = NULL;
    *len = 0;
    if (t && !cJSON_IsNull(t)) {
        if (!cJSON_IsString(t))
            return WHY("%s.body: expected a string (use body_b64 for bytes)", what);
        *body = t->valuestring;
        *len = strlen(t->valuestring);
    } else if (b && !cJSON_IsNull(b)) {
        if (!cJSON_IsString(b))
            return WHY("%s.body_b64: expected a string", what);
        cli_buf_clear(buf);
        if (cli_base64_decode(b->valuestring, strlen(b->valuestring), buf) != 0)
            return WHY("%s.body_b64: invalid base64", what);
        *body = buf->ptr;
        *len = buf->len;
    }
    return 0;
}

/* A non-negative number (absent or null: out unchanged), times scale. */
static int read_u64(const cJSON *n, const char *name, double scale,
                    uint64_t *out, char *why, size_t cap)
{
    if (!n || cJSON_IsNull(n))
        return 0;
    if (!cJSON_IsNumber(n) || n->valuedouble < 0 || n->valuedouble > 9e15)
        return WHY("response.%s: expected a non-negative number", name);
    *out = (uint64_t)(n->valuedouble * scale + 0.5);
    return 0;
}

static int read_response(cli_exchange *x, const cJSON *r, char *why, size_t cap)
{
    if (!cJSON_IsObject(r))
        return WHY("response: expected an object");
    fields f;
    collect(r, &f);
    const cJSON *st = f.status;
    if (!cJSON_IsNumber(st) || st->valuedouble < 0 || st->valuedouble > 999)
        return WHY("response.status: expected an HTTP status number");
    x->res.status = (int)st->valuedouble;
    if (read_headers(f.headers, &x->res_hdrs, &x->res_hdr_cap,
                     &x->res.header_count, "response.headers", why, cap) != 0)
        return -1;
    x->res.headers = x->res_hdrs;
    if (read_body(&f, &x->res_body, &x->res.body, &x->res.body_len, "response",
                  why, cap) != 0)
        return -1;
    if (read_u64(f.bytes, "bytes", 1.0, &x->res.bytes, why, cap) != 0 ||
        read_u64(f.latency_ms, "latency_ms", 1000.0, &x->res.latency_us, why,
                 cap) != 0)
        return -1;
    x->has_response = 1;
    return 0;
}

int cli_exchange_from_json(cli_exchange *x, const cJSON *obj, char *why,
                           size_t cap)
{
    reset(x);
    if (!cJSON_IsObject(obj))
        return WHY("expected a JSON object");
    fields f;
    collect(obj, &f);
    if (!cJSON_IsString(f.method))
        return WHY("method: required string");
    if (!cJSON_IsString(f.path))
        return WHY("path: required string");
    x->req.method = str_of(f.method->valuestring);

    if (f.query && !cJSON_IsNull(f.query)) {
        if (!cJSON_IsString(f.query))
            return WHY("query: expected a string");
        x->req.path = str_of(f.path->valuestring);
        x->req.query = str_of(f.query->valuestring);
    } else {
        /* No separate query: accept a full target in "path". */
        split_target(f.path->valuestring, &x->req.path, &x->req.query);
    }

    if (f.client_ip && !cJSON_IsNull(f.client_ip)) {
        if (!cJSON_IsString(f.client_ip))
            return WHY("client_ip: expected a string");
        x->req.client_ip = str_of(f.client_ip->valuestring);
    }
    if (read_ts(f.ts, x, why, cap) != 0)
        return -1;
    if (read_headers(f.headers, &x->req_hdrs, &x->req_hdr_cap,
                     &x->req.header_count, "headers", why, cap) != 0)
        return -1;
    x->req.headers = x->req_hdrs;
    if (read_body(&f, &x->req_body, &x->req.body, &x->req.body_len, "request",
                  why, cap) != 0)
        return -1;
    if (f.response && !cJSON_IsNull(f.response) &&
        read_response(x, f.response, why, cap) != 0)
        return -1;
    if (cJSON_IsString(f.actor))
        x->label = f.actor->valuestring;
    return 0;
}

/* ------------------------------------------------------------------ HAR */

/* Path and query of an absolute ("https://h:1/p?q") or relative URL. */
static void split_url(const char *url, vigil_str *path, vigil_str *query)
{
    const char *s = strstr(url, "://");
    if (s) {
        s += 3;
        size_t auth = strcspn(s, "/?#");
        s += auth;
        if (*s != '/') {
            /* "https://host?x" has the empty path, i.e. "/". */
            static const char root[] = "/";
            path->ptr = root;
            path->len = 1;
            if (*s == '?') {
                vigil_str dummy;
                dummy.ptr = NULL;
                dummy.len = 0;
                split_target(s, &dummy, query);
            }
            return;
        }
        split_target(s, path, query);
        return;
    }
    split_target(url, path, query);
}

/* HAR text with optional "encoding": "base64". */
static int har_text(const cJSON *o, cli_buf *buf, const void **body,
                    size_t *len, const char *what, char *why, size_t cap)
{
    const cJSON *t = member(o, "text");
    *body = NULL;
    *len = 0;
    if (!t || cJSON_IsNull(t))
        return 0;
    if (!cJSON_IsString(t))
        return WHY("%s.text: expected a string", what);
    const cJSON *enc = member(o, "encoding");
    if (cJSON_IsString(enc) && strcmp(enc->valuestring, "base64") == 0) {
        cli_buf_clear(buf);
        if (cli_base64_decode(t->valuestring, strlen(t->valuestring), buf) != 0)
            return WHY("%s.text: invalid base64", what);
        *body = buf->ptr;
        *len = buf->len;
    } else {
        *body = t->valuestring;
        *len = strlen(t->valuestring);
    }
    return 0;
}

int cli_exchange_from_har(cli_exchange *x, const cJSON *entry, char *why,
                          size_t cap)
{
    reset(x);
    if (!cJSON_IsObject(entry))
        return WHY("entry: expected an object");
    const cJSON *rq = member(entry, "request");
    if (!cJSON_IsObject(rq))
        return WHY("request: required object");
    const cJSON *m = member(rq, "method");
    const cJSON *u = member(rq, "url");
    if (!cJSON_IsString(m))
        return WHY("request.method: required string");
    if (!cJSON_IsString(u))
        return WHY("request.url: required string");
    x->req.method = str_of(m->valuestring);
    split_url(u->valuestring, &x->req.path, &x->req.query);

    const cJSON *t = member(entry, "startedDateTime");
    if (cJSON_IsString(t)) {
        int64_t ms;
        if (cli_parse_rfc3339(t->valuestring, &ms) != 0)
            return WHY("startedDateTime: not an ISO 8601 date-time");
        x->req.timestamp_ms = ms;
        x->has_ts = 1;
    }

    /* HAR records no client address; some tools add a custom field. */
    static const char *const ipkeys[] = {"_clientIP", "_clientIp", "_client_ip"};
    static const char loopback[] = "127.0.0.1";
    x->req.client_ip = str_of(loopback);
    for (size_t i = 0; i < sizeof ipkeys / sizeof ipkeys[0]; i++) {
        const cJSON *ip = member(entry, ipkeys[i]);
        if (cJSON_IsString(ip) && ip->valuestring[0]) {
            x->req.client_ip = str_of(ip->valuestring);
            break;
        }
    }

    if (read_headers(member(rq, "headers"), &x->req_hdrs, &x->req_hdr_cap,
                     &x->req.header_count, "request.headers", why, cap) != 0)
        return -1;
    x->req.headers = x->req_hdrs;
    const cJSON *pd = member(rq, "postData");
    if (cJSON_IsObject(pd) &&
        har_text(pd, &x->req_body, &x->req.body, &x->req.body_len,
                 "request.postData", why, cap) != 0)
        return -1;

    const cJSON *rs = member(entry, "response");
    if (cJSON_IsObject(rs)) {
        const cJSON *st = member(rs, "status");
        /* Status 0 is how browsers record aborted requests: no response. */
        if (cJSON_IsNumber(st) && st->valuedouble >= 100 && st->valuedouble <= 999) {
            x->res.status = (int)st->valuedouble;
            if (read_headers(member(rs, "headers"), &x->res_hdrs, &x->res_hdr_cap,
                             &x->res.header_count, "response.headers", why,
                             cap) != 0)
                return -1;
            x->res.headers = x->res_hdrs;
            const cJSON *c = member(rs, "content");
            if (cJSON_IsObject(c)) {
                if (har_text(c, &x->res_body, &x->res.body, &x->res.body_len,
                             "response.content", why, cap) != 0)
                    return -1;
                const cJSON *sz = member(c, "size");
                if (cJSON_IsNumber(sz) && sz->valuedouble > 0 && sz->valuedouble < 9e15)
                    x->res.bytes = (uint64_t)sz->valuedouble;
            }
            const cJSON *bs = member(rs, "bodySize");
            if (x->res.bytes == 0 && cJSON_IsNumber(bs) && bs->valuedouble > 0 &&
                bs->valuedouble < 9e15)
                x->res.bytes = (uint64_t)bs->valuedouble;
            const cJSON *tm = member(entry, "time");
            if (cJSON_IsNumber(tm) && tm->valuedouble > 0 && tm->valuedouble < 9e12)
                x->res.latency_us = (uint64_t)(tm->valuedouble * 1000.0 + 0.5);
            x->has_response = 1;
        }
    }
    return 0;
}

/* ------------------------------------------------------------ date-time */

static int digits(const char **p, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        char c = (*p)[i];
        if (c < '0' || c > '9')
            return -1;
        v = v * 10 + (c - '0');
    }
    *p += n;
    *out = v;
    return 0;
}

/* Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar,
 * counting in 400-year eras that start on March 1st (so the leap day is
 * the last day of its year). */
static int64_t days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

int cli_parse_rfc3339(const char *s, int64_t *ms)
{
    int y, mo, d, h, mi, sec;
    const char *p = s;
    if (digits(&p, 4, &y) || *p++ != '-' || digits(&p, 2, &mo) || *p++ != '-' ||
        digits(&p, 2, &d))
        return -1;
    if (*p != 'T' && *p != 't' && *p != ' ')
        return -1;
    p++;
    if (digits(&p, 2, &h) || *p++ != ':' || digits(&p, 2, &mi) || *p++ != ':' ||
        digits(&p, 2, &sec))
        return -1;
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60)
        return -1;
    int frac_ms = 0;
    if (*p == '.' || *p == ',') {
        p++;
        int n = 0;
        while (*p >= '0' && *p <= '9') {
            if (n < 3)
                frac_ms = frac_ms * 10 + (*p - '0');
            n++;
            p++;
        }
        if (n == 0)
            return -1;
        for (; n < 3; n++)
            frac_ms *= 10;
    }
    int offset_min = 0;
    if (*p == 'Z' || *p == 'z') {
        p++;
    } else if (*p == '+' || *p == '-') {
        int sign = *p++ == '-' ? -1 : 1, oh, om;
        if (digits(&p, 2, &oh))
            return -1;
        if (*p == ':')
            p++;
        if (digits(&p, 2, &om) || oh > 23 || om > 59)
            return -1;
        offset_min = sign * (oh * 60 + om);
    } else {
        return -1;
    }
    if (*p)
        return -1;
    if (sec == 60)
        sec = 59; /* a leap second maps onto the second before it */
    int64_t t = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec;
    t -= (int64_t)offset_min * 60;
    *ms = t * 1000 + frac_ms;
    return 0;
}

/* --------------------------------------------------------------- base64 */

int cli_base64_decode(const char *s, size_t n, cli_buf *out)
{
    cli_buf_reserve(out, n / 4 * 3 + 3);
    uint32_t acc = 0;
    int bits = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        int v;
        if (c >= 'A' && c <= 'Z')
            v = c - 'A';
        else if (c >= 'a' && c <= 'z')
            v = c - 'a' + 26;
        else if (c >= '0' && c <= '9')
            v = c - '0' + 52;
        else if (c == '+' || c == '-')
            v = 62;
        else if (c == '/' || c == '_')
            v = 63;
        else if (c == '=')
            break;
        else if (c == ' ' || c == '\n' || c == '\r' || c == '\t')
            continue;
        else
            return -1;
        acc = (acc << 6) | (uint32_t)v;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out->ptr[out->len++] = (char)((acc >> bits) & 0xff);
        }
    }
    out->ptr[out->len] = '\0';
    return 0;
}
