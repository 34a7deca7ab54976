/* corpus.c - see corpus.h. */
#include "corpus.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cjson/cJSON.h>

/* ------------------------------------------------------------ buffers */

void *ev_xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) {
        fprintf(stderr, "out of memory (%zu bytes)\n", n);
        exit(2);
    }
    return p;
}

void *ev_xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) {
        fprintf(stderr, "out of memory (%zu bytes)\n", n);
        exit(2);
    }
    return q;
}

char *ev_xstrndup(const char *s, size_t n)
{
    char *p = ev_xmalloc(n + 1);
    if (n)
        memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

static void buf_reserve(ev_buf *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + extra + 1)
        cap *= 2;
    b->p = ev_xrealloc(b->p, cap);
    b->cap = cap;
}

void ev_buf_reset(ev_buf *b)
{
    b->len = 0;
    if (b->p)
        b->p[0] = '\0';
}

void ev_buf_free(ev_buf *b)
{
    free(b->p);
    b->p = NULL;
    b->len = b->cap = 0;
}

void ev_buf_put(ev_buf *b, const void *s, size_t n)
{
    buf_reserve(b, n);
    if (n)
        memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

void ev_buf_puts(ev_buf *b, const char *s)
{
    ev_buf_put(b, s, strlen(s));
}

void ev_buf_putc(ev_buf *b, char c)
{
    buf_reserve(b, 1);
    b->p[b->len++] = c;
    b->p[b->len] = '\0';
}

void ev_buf_printf(ev_buf *b, const char *fmt, ...)
{
    char small[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n <= 0)
        return;
    if ((size_t)n < sizeof small) {
        ev_buf_put(b, small, (size_t)n);
        return;
    }
    buf_reserve(b, (size_t)n);
    va_start(ap, fmt);
    vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

int ev_read_file(const char *path, char **data, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    ev_buf b = {0};
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        ev_buf_put(&b, chunk, n);
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        ev_buf_free(&b);
        errno = EIO;
        return -1;
    }
    if (!b.p)
        ev_buf_put(&b, "", 0);
    *data = b.p;
    *len = b.len;
    return 0;
}

/* ----------------------------------------------------------- encoders */

static const char hexd[] = "0123456789ABCDEF";

static void put_pct(ev_buf *b, unsigned char c)
{
    char e[3] = {'%', hexd[c >> 4], hexd[c & 15]};
    ev_buf_put(b, e, 3);
}

static int unreserved(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
           c == '-' || c == '.' || c == '_' || c == '~';
}

void ev_urlencode(ev_buf *b, const char *s, size_t n, int plus_for_space)
{
    buf_reserve(b, n * 3);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (unreserved(c))
            ev_buf_putc(b, (char)c);
        else if (c == ' ' && plus_for_space)
            ev_buf_putc(b, '+');
        else
            put_pct(b, c);
    }
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

size_t ev_urldecode(char *dst, const char *s, size_t n, int plus_is_space)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        int h, l;
        if (s[i] == '%' && i + 2 < n && (h = hexval(s[i + 1])) >= 0 &&
            (l = hexval(s[i + 2])) >= 0) {
            dst[o++] = (char)(h * 16 + l);
            i += 2;
        } else if (s[i] == '+' && plus_is_space) {
            dst[o++] = ' ';
        } else {
            dst[o++] = s[i];
        }
    }
    return o;
}

int ev_looks_urlencoded(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '+')
            return 1;
        if (s[i] == '%' && i + 2 < n && hexval(s[i + 1]) >= 0 && hexval(s[i + 2]) >= 0)
            return 1;
    }
    return 0;
}

void ev_json_string(ev_buf *b, const char *s, size_t n)
{
    buf_reserve(b, n + 2);
    ev_buf_putc(b, '"');
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        switch (c) {
        case '"': ev_buf_put(b, "\\\"", 2); break;
        case '\\': ev_buf_put(b, "\\\\", 2); break;
        case '\n': ev_buf_put(b, "\\n", 2); break;
        case '\r': ev_buf_put(b, "\\r", 2); break;
        case '\t': ev_buf_put(b, "\\t", 2); break;
        case '\b': ev_buf_put(b, "\\b", 2); break;
        case '\f': ev_buf_put(b, "\\f", 2); break;
        default:
            if (c < 0x20) {
                char e[6] = {'\\', 'u', '0', '0', hexd[c >> 4], hexd[c & 15]};
                ev_buf_put(b, e, 6);
            } else {
                ev_buf_putc(b, (char)c);
            }
        }
    }
    ev_buf_putc(b, '"');
}

void ev_cookie_encode(ev_buf *b, const char *s, size_t n)
{
    buf_reserve(b, n);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c <= 0x20 || c >= 0x7f || c == '"' || c == ',' || c == ';' || c == '\\' || c == '%')
            put_pct(b, c);
        else
            ev_buf_putc(b, (char)c);
    }
}

int ev_header_unsafe(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] == '\r' || s[i] == '\n' || s[i] == '\0')
            return 1;
    return 0;
}

void ev_escape_excerpt(ev_buf *b, const char *s, size_t n, size_t max_out)
{
    size_t shown = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        size_t w = (c >= 0x20 && c < 0x7f && c != '|' && c != '`' && c != '\\') ? 1 : 4;
        if (c == '\\')
            w = 2;
        if (shown + w > max_out) {
            ev_buf_puts(b, "...");
            return;
        }
        if (w == 1)
            ev_buf_putc(b, (char)c);
        else if (w == 2)
            ev_buf_put(b, "\\\\", 2);
        else
            ev_buf_printf(b, "\\x%02X", c);
        shown += w;
    }
}

/* ----------------------------------------------------------- requests */

void ev_req_reset(ev_req *r)
{
    ev_buf_reset(&r->data);
    r->method = r->path = r->query = r->body = (ev_span){0, 0};
    r->nh = 0;
}

void ev_req_free(ev_req *r)
{
    ev_buf_free(&r->data);
    free(r->hname);
    free(r->hval);
    memset(r, 0, sizeof *r);
}

static ev_span add_bytes(ev_req *r, const char *s, size_t n)
{
    ev_span sp = {r->data.len, n};
    ev_buf_put(&r->data, s, n);
    return sp;
}

void ev_req_line(ev_req *r, const char *method, const char *path, size_t path_len,
                 const char *query, size_t query_len)
{
    r->method = add_bytes(r, method, strlen(method));
    r->path = add_bytes(r, path, path_len);
    r->query = add_bytes(r, query, query_len);
}

void ev_req_header_n(ev_req *r, const char *name, size_t name_len, const char *value,
                     size_t value_len)
{
    if (r->nh == r->hcap) {
        r->hcap = r->hcap ? r->hcap * 2 : 16;
        r->hname = ev_xrealloc(r->hname, r->hcap * sizeof *r->hname);
        r->hval = ev_xrealloc(r->hval, r->hcap * sizeof *r->hval);
    }
    r->hname[r->nh] = add_bytes(r, name, name_len);
    r->hval[r->nh] = add_bytes(r, value, value_len);
    r->nh++;
}

void ev_req_header(ev_req *r, const char *name, const char *value, size_t value_len)
{
    ev_req_header_n(r, name, strlen(name), value, value_len);
}

void ev_req_body(ev_req *r, const char *body, size_t len)
{
    r->body = add_bytes(r, body, len);
}

const char *ev_req_ptr(const ev_req *r, ev_span s)
{
    return r->data.p ? r->data.p + s.off : "";
}

static int ieq(const char *a, size_t an, const char *b)
{
    size_t bn = strlen(b);
    if (an != bn)
        return 0;
    for (size_t i = 0; i < an; i++) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z')
            x = (char)(x + 32);
        if (y >= 'A' && y <= 'Z')
            y = (char)(y + 32);
        if (x != y)
            return 0;
    }
    return 1;
}

long ev_req_find(const ev_req *r, const char *name)
{
    for (size_t i = 0; i < r->nh; i++)
        if (ieq(ev_req_ptr(r, r->hname[i]), r->hname[i].len, name))
            return (long)i;
    return -1;
}

void ev_req_view(const ev_req *r, vigil_request *out, vigil_header *hdrs, const char *client_ip)
{
    vigil_request init = VIGIL_REQUEST_INIT;
    *out = init;
    out->method = (vigil_str){ev_req_ptr(r, r->method), r->method.len};
    out->path = (vigil_str){ev_req_ptr(r, r->path), r->path.len};
    out->query = (vigil_str){ev_req_ptr(r, r->query), r->query.len};
    for (size_t i = 0; i < r->nh; i++) {
        hdrs[i].name = (vigil_str){ev_req_ptr(r, r->hname[i]), r->hname[i].len};
        hdrs[i].value = (vigil_str){ev_req_ptr(r, r->hval[i]), r->hval[i].len};
    }
    out->headers = r->nh ? hdrs : NULL;
    out->header_count = r->nh;
    out->body = r->body.len ? ev_req_ptr(r, r->body) : NULL;
    out->body_len = r->body.len;
    out->client_ip = (vigil_str){client_ip, strlen(client_ip)};
}

/* ----------------------------------------------------------- payloads */

/* Decodes the JSON string literal starting at q (just after its opening
 * quote) into dst, keeping escaped NULs that cJSON would cut at. Returns the
 * length, or (size_t)-1 when the literal is malformed. dst holds end-q. */
static size_t json_unescape(const char *q, const char *end, char *dst)
{
    size_t o = 0;
    while (q < end && *q != '"') {
        if (*q != '\\') {
            dst[o++] = *q++;
            continue;
        }
        if (++q >= end)
            return (size_t)-1;
        char c = *q++;
        switch (c) {
        case 'n': dst[o++] = '\n'; break;
        case 'r': dst[o++] = '\r'; break;
        case 't': dst[o++] = '\t'; break;
        case 'b': dst[o++] = '\b'; break;
        case 'f': dst[o++] = '\f'; break;
        case 'u': {
            unsigned long cp = 0;
            for (int k = 0; k < 4; k++) {
                int h = q < end ? hexval(*q++) : -1;
                if (h < 0)
                    return (size_t)-1;
                cp = cp * 16 + (unsigned long)h;
            }
            if (cp >= 0xD800 && cp < 0xDC00 && end - q >= 6 && q[0] == '\\' && q[1] == 'u') {
                unsigned long lo = 0;
                int ok = 1;
                for (int k = 2; k < 6; k++) {
                    int h = hexval(q[k]);
                    if (h < 0)
                        ok = 0;
                    else
                        lo = lo * 16 + (unsigned long)h;
                }
                if (ok && lo >= 0xDC00 && lo < 0xE000) {
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                    q += 6;
                }
            }
            if (cp < 0x80) {
                dst[o++] = (char)cp;
            } else if (cp < 0x800) {
                dst[o++] = (char)(0xC0 | (cp >> 6));
                dst[o++] = (char)(0x80 | (cp & 0x3F));
            } else if (cp < 0x10000) {
                dst[o++] = (char)(0xE0 | (cp >> 12));
                dst[o++] = (char)(0x80 | ((cp >> 6) & 0x3F));
                dst[o++] = (char)(0x80 | (cp & 0x3F));
            } else {
                dst[o++] = (char)(0xF0 | (cp >> 18));
                dst[o++] = (char)(0x80 | ((cp >> 12) & 0x3F));
                dst[o++] = (char)(0x80 | ((cp >> 6) & 0x3F));
                dst[o++] = (char)(0x80 | (cp & 0x3F));
            }
            break;
        }
        default: dst[o++] = c; break; /* \" \\ \/ */
        }
    }
    return q < end ? o : (size_t)-1;
}

static int has_nul_escape(const char *s, size_t n)
{
    for (size_t i = 0; i + 6 <= n; i++)
        if (memcmp(s + i, "\\u0000", 6) == 0)
            return 1;
    return 0;
}

/* The payload value of a record whose text holds an escaped NUL, found
 * directly in the line; NULL when it cannot be located. */
static char *payload_with_nul(const char *line, size_t ll, size_t *out_len)
{
    static const char key[] = "\"payload\":";
    const char *end = line + ll;
    for (const char *p = line; p + sizeof key < end; p++) {
        if (memcmp(p, key, sizeof key - 1) != 0 || (p > line && p[-1] == '\\'))
            continue;
        const char *q = p + sizeof key - 1;
        while (q < end && (*q == ' ' || *q == '\t'))
            q++;
        if (q >= end || *q != '"')
            return NULL;
        q++;
        char *dst = ev_xmalloc((size_t)(end - q) + 1);
        size_t n = json_unescape(q, end, dst);
        if (n == (size_t)-1) {
            free(dst);
            return NULL;
        }
        dst[n] = '\0';
        *out_len = n;
        return dst;
    }
    return NULL;
}

static const char *jstr(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

static int class_index(ev_payloads *p, const char *name)
{
    for (size_t i = 0; i < p->nclasses; i++)
        if (strcmp(p->classes[i], name) == 0)
            return (int)i;
    p->classes = ev_xrealloc(p->classes, (p->nclasses + 1) * sizeof *p->classes);
    p->classes[p->nclasses] = ev_xstrndup(name, strlen(name));
    return (int)p->nclasses++;
}

int ev_load_payloads(const char *path, ev_payloads *out, char *err, size_t errlen)
{
    char *data;
    size_t len, cap = 0, lineno = 0;
    memset(out, 0, sizeof *out);
    if (ev_read_file(path, &data, &len) != 0) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    char *line = data, *end = data + len;
    while (line < end) {
        char *nl = memchr(line, '\n', (size_t)(end - line));
        size_t ll = nl ? (size_t)(nl - line) : (size_t)(end - line);
        lineno++;
        if (ll > 0) {
            cJSON *o = cJSON_ParseWithLength(line, ll);
            const char *id = o ? jstr(o, "id") : NULL, *label = o ? jstr(o, "label") : NULL;
            const char *cls = o ? jstr(o, "attack_class") : NULL;
            const char *enc = o ? jstr(o, "encoding") : NULL;
            const cJSON *pv = o ? cJSON_GetObjectItemCaseSensitive(o, "payload") : NULL;
            if (!o || !id || !label || !cls || !cJSON_IsString(pv)) {
                snprintf(err, errlen, "%s:%zu: not a payload record", path, lineno);
                cJSON_Delete(o);
                free(data);
                ev_payloads_free(out);
                return -1;
            }
            /* cJSON strings stop at an escaped NUL: decode those values
             * from the line itself. */
            const char *raw = pv->valuestring;
            size_t rl = strlen(raw);
            char *withnul = NULL;
            if (has_nul_escape(line, ll) && (withnul = payload_with_nul(line, ll, &rl)))
                raw = withnul;
            if (out->n == cap) {
                cap = cap ? cap * 2 : 1024;
                out->v = ev_xrealloc(out->v, cap * sizeof *out->v);
            }
            ev_payload *e = &out->v[out->n++];
            e->id = ev_xstrndup(id, strlen(id));
            e->value = ev_xmalloc(rl + 1);
            if (enc && strcmp(enc, "url") == 0)
                e->len = ev_urldecode(e->value, raw, rl, 1);
            else {
                memcpy(e->value, raw, rl);
                e->len = rl;
            }
            e->value[e->len] = '\0';
            free(withnul);
            e->cls = class_index(out, cls);
            e->benign = strcmp(label, "benign") == 0;
            cJSON_Delete(o);
        }
        line += ll + 1;
    }
    free(data);
    return 0;
}

void ev_payloads_free(ev_payloads *p)
{
    for (size_t i = 0; i < p->n; i++) {
        free(p->v[i].id);
        free(p->v[i].value);
    }
    for (size_t i = 0; i < p->nclasses; i++)
        free(p->classes[i]);
    free(p->v);
    free(p->classes);
    memset(p, 0, sizeof *p);
}

/* ---------------------------------------------------------------- misc */

uint64_t ev_now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

void ev_machine(char *out, size_t outlen)
{
    char model[256] = "unknown";
    int cpus = 0;
    FILE *f = fopen("/proc/cpuinfo", "r");
    if (f) {
        char line[512];
        while (fgets(line, sizeof line, f)) {
            if (strncmp(line, "processor", 9) == 0)
                cpus++;
            else if (strncmp(line, "model name", 10) == 0 && strcmp(model, "unknown") == 0) {
                char *c = strchr(line, ':');
                if (c) {
                    c++;
                    while (*c == ' ' || *c == '\t')
                        c++;
                    size_t l = strcspn(c, "\n");
                    snprintf(model, sizeof model, "%.*s", (int)l, c);
                }
            }
        }
        fclose(f);
    }
    if (cpus > 0)
        snprintf(out, outlen, "%s, %d CPUs", model, cpus);
    else
        snprintf(out, outlen, "%s", model);
}

void ev_date(char *out, size_t outlen)
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, outlen, "%Y-%m-%d %H:%M UTC", &tm);
}
