/*
 * corpus.h - helpers shared by the detection evaluation (eval/eval.c) and
 * the ModSecurity comparison (bench/compare.c): growable buffers, the
 * encoders a client applies when it places a value in a query string, a
 * form, a JSON body or a cookie, a small request builder that turns into a
 * vigil_request, and the loader for shared/corpora/payloads.jsonl.
 *
 * These are tools, not library code: on allocation failure they print a
 * message and exit, which keeps the callers short.
 */
#ifndef VIGIL_EVAL_CORPUS_H
#define VIGIL_EVAL_CORPUS_H

#include <stddef.h>
#include <stdint.h>

#include "vigil.h"

/* ------------------------------------------------------------ buffers */

/* A growable byte buffer; always NUL-terminated after the first write. */
typedef struct ev_buf {
    char  *p;
    size_t len, cap;
} ev_buf;

void ev_buf_reset(ev_buf *b);
void ev_buf_free(ev_buf *b);
void ev_buf_put(ev_buf *b, const void *s, size_t n);
void ev_buf_puts(ev_buf *b, const char *s);
void ev_buf_putc(ev_buf *b, char c);
void ev_buf_printf(ev_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Exits with a message when out of memory. */
void *ev_xmalloc(size_t n);
void *ev_xrealloc(void *p, size_t n);
char *ev_xstrndup(const char *s, size_t n);

/* Reads a whole file into a NUL-terminated malloc'd buffer. Returns 0, or
 * -1 with errno set. */
int ev_read_file(const char *path, char **data, size_t *len);

/* ----------------------------------------------------------- encoders */

/* Percent-encodes everything but RFC 3986 unreserved characters
 * (encodeURIComponent style). plus_for_space: ' ' becomes '+' as HTML forms
 * send it (application/x-www-form-urlencoded), else "%20". */
void ev_urlencode(ev_buf *b, const char *s, size_t n, int plus_for_space);

/* Decodes %XX escapes (and '+' as space when plus_is_space) into dst,
 * which must hold n bytes; malformed escapes are kept literally. Returns
 * the decoded length. */
size_t ev_urldecode(char *dst, const char *s, size_t n, int plus_is_space);

/* 1 when s contains a %XX escape or a '+' (what Go's url.QueryUnescape
 * would change). */
int ev_looks_urlencoded(const char *s, size_t n);

/* Appends s as a JSON string literal with its quotes: '"', '\\' and
 * control characters escaped; other bytes (including invalid UTF-8) are
 * copied as they are, as a careless client would send them. */
void ev_json_string(ev_buf *b, const char *s, size_t n);

/* Appends s as a cookie value the way browsers' document.cookie users and
 * server frameworks encode it: controls, space, '"', ',', ';', '\\', '%'
 * and non-ASCII bytes percent-encoded, everything else literal. */
void ev_cookie_encode(ev_buf *b, const char *s, size_t n);

/* 1 when s cannot be sent as a header value (CR, LF or NUL). */
int ev_header_unsafe(const char *s, size_t n);

/* Escapes s for display in Markdown/terminal: printable ASCII kept except
 * '|' and '`' (hex-escaped), others as \xHH; at most max_out visible
 * characters, then "...". */
void ev_escape_excerpt(ev_buf *b, const char *s, size_t n, size_t max_out);

/* ----------------------------------------------------------- requests */

typedef struct ev_span {
    size_t off, len;
} ev_span;

/* An HTTP request whose bytes live in one buffer (so it can be built
 * incrementally and kept cheaply). */
typedef struct ev_req {
    ev_buf  data;
    ev_span method, path, query, body;
    ev_span *hname, *hval;
    size_t   nh, hcap;
} ev_req;

void ev_req_reset(ev_req *r);
void ev_req_free(ev_req *r);
void ev_req_line(ev_req *r, const char *method, const char *path, size_t path_len,
                 const char *query, size_t query_len);
void ev_req_header(ev_req *r, const char *name, const char *value, size_t value_len);
void ev_req_header_n(ev_req *r, const char *name, size_t name_len, const char *value,
                     size_t value_len);
void ev_req_body(ev_req *r, const char *body, size_t len);
/* Index of the first header named `name` (case-insensitive), or -1. */
long ev_req_find(const ev_req *r, const char *name);
/* Pointer to a span's bytes (valid until the request is changed). */
const char *ev_req_ptr(const ev_req *r, ev_span s);

/* Fills *out (and hdrs, which must hold r->nh entries) with views of r.
 * client_ip must outlive the use of *out. */
void ev_req_view(const ev_req *r, vigil_request *out, vigil_header *hdrs, const char *client_ip);

/* ----------------------------------------------------------- payloads */

typedef struct ev_payload {
    char  *id;
    char  *value;   /* raw value (url-encoded records decoded once) */
    size_t len;
    int    cls;     /* index into ev_payloads.classes                 */
    int    benign;  /* label "benign"                                 */
} ev_payload;

typedef struct ev_payloads {
    ev_payload *v;
    size_t      n;
    char      **classes;
    size_t      nclasses;
} ev_payloads;

/* Loads payloads.jsonl. Returns 0, or -1 with a message in err. */
int ev_load_payloads(const char *path, ev_payloads *out, char *err, size_t errlen);
void ev_payloads_free(ev_payloads *p);

/* ---------------------------------------------------------------- misc */

/* Monotonic time in nanoseconds. */
uint64_t ev_now_ns(void);

/* "AMD EPYC ... (N CPUs)" from /proc/cpuinfo, or "unknown". */
void ev_machine(char *out, size_t outlen);

/* Current UTC date and time as "YYYY-MM-DD HH:MM UTC". */
void ev_date(char *out, size_t outlen);

#endif
