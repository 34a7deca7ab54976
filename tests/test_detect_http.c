/* test_detect_http.c - request-level protocol attacks. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "detect.h"

/* A request written as text: "METHOD path?query\nName: value\n...\n\nbody".
 * Header lines are split on the first ':' (so a name may hold spaces);
 * "\\r", "\\n", "\\b" and "\\0" in header values stand for CR, LF, BS and
 * NUL; a trailing " HTTP" on the request line is dropped. */
typedef struct req {
    vigil_request r;
    vigil_header  h[16];
    char          buf[4096];
} req;

static size_t unescape(char *p, size_t n)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        if (p[i] == '\\' && i + 1 < n && strchr("rn0b", p[i + 1]) && p[i + 1]) {
            char c = p[i + 1];
            p[o++] = c == 'r' ? '\r' : c == 'n' ? '\n' : c == 'b' ? '\b' : '\0';
            i++;
        } else {
            p[o++] = p[i];
        }
    }
    return o;
}

static void build(req *q, const char *text)
{
    memset(q, 0, sizeof *q);
    vigil_request init = VIGIL_REQUEST_INIT;
    q->r = init;
    size_t n = strlen(text);
    assert_true(n < sizeof q->buf);
    memcpy(q->buf, text, n);
    char *p = q->buf, *end = q->buf + n;
    char *sep = strstr(p, "\n\n");
    char *body = sep ? sep + 2 : end;
    char *hend = sep ? sep : end;
    char *nl = memchr(p, '\n', (size_t)(hend - p));
    char *line_end = nl ? nl : hend;
    if (line_end - p > 5 && !memcmp(line_end - 5, " HTTP", 5))
        line_end -= 5; /* "METHOD target HTTP": the version is not passed */
    char *sp = memchr(p, ' ', (size_t)(line_end - p));
    assert_non_null(sp);
    q->r.method = vigil__str(p, (size_t)(sp - p));
    char *target = sp + 1, *qm = memchr(target, '?', (size_t)(line_end - target));
    q->r.path = vigil__str(target, (size_t)((qm ? qm : line_end) - target));
    if (qm)
        q->r.query = vigil__str(qm + 1, (size_t)(line_end - qm - 1));
    size_t k = 0;
    for (char *l = nl ? nl + 1 : hend; l < hend;) {
        char *e = memchr(l, '\n', (size_t)(hend - l));
        if (!e)
            e = hend;
        char *c = memchr(l + 1, ':', (size_t)(e - l - 1)); /* ":path" keeps its colon */
        assert_non_null(c);
        assert_true(k < 16);
        char *v = c + 1;
        while (v < e && *v == ' ')
            v++;
        q->h[k].name = vigil__str(l, (size_t)(c - l));
        q->h[k].value = vigil__str(v, unescape(v, (size_t)(e - v)));
        k++;
        l = e + 1;
    }
    q->r.headers = q->h;
    q->r.header_count = k;
    if (body < end) {
        q->r.body = body;
        q->r.body_len = (size_t)(end - body);
    }
}

/* Lowest sensitivity (1-3) at which the request fires, 0 for none. */
static int level(const char *text, const char **where)
{
    req *q = malloc(sizeof *q);
    assert_non_null(q);
    build(q, text);
    int got = 0;
    for (int sens = 1; sens <= 3 && !got; sens++) {
        vigil__finding f;
        memset(&f, 0, sizeof f);
        const char *w = "unset";
        if (vigil__detect_http(&q->r, sens, &f, &w)) {
            assert_non_null(f.detail);
            assert_true(f.score >= 1 && f.score <= 100);
            assert_string_not_equal(w, "unset");
            if (where)
                *where = w;
            got = sens;
        }
    }
    free(q);
    return got;
}

static void expect(const char *text, int want, const char *want_where)
{
    const char *w = NULL;
    int got = level(text, &w);
    if (got != want)
        fail_msg("level %d, expected %d:\n%s", got, want, text);
    if (want_where && strcmp(w, want_where))
        fail_msg("where %s, expected %s:\n%s", w, want_where, text);
}

static void test_real_clients(void **state)
{
    (void)state;
    static const char *const ok[] = {
        /* a browser page load */
        "GET /docs/intro?lang=en&q=select+your+plan HTTP\n"
        "Host: www.example.com\n"
        "User-Agent: Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like "
        "Gecko) Chrome/124.0.0.0 Safari/537.36\n"
        "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8\n"
        "Accept-Language: en-GB,en;q=0.9\nAccept-Encoding: gzip, deflate, br\n"
        "Referer: https://www.example.com/search?q=a%0Ab&x=1\n"
        "Cookie: _ga=GA1.2.1234.5678; _gid=GA1.2.9; PHPSESSID=abc123; pref=%7B%22a%22%3A1%7D\n"
        "Sec-Fetch-Mode: navigate\nConnection: keep-alive",
        /* curl posting JSON */
        "POST /api/items HTTP\nHost: api.example.com\nUser-Agent: curl/8.5.0\nAccept: */*\n"
        "Content-Type: application/json\nContent-Length: 27\n\n{\"name\":\"GET / HTTP/1.1\"}",
        /* python-requests form with a text area */
        "POST /comments HTTP\nHost: x\nUser-Agent: python-requests/2.31.0\n"
        "Content-Type: application/x-www-form-urlencoded; charset=utf-8\nContent-Length: 99\n\n"
        "name=O%27Brien&text=Dear+team%2C%0D%0ALocation%3A+Berlin%0D%0ANote%3A+bring+cake"
        "%0D%0A%0D%0AThanks&x=1%2B1%3D2",
        /* curl -d with JSON and the default form content type */
        "POST /api HTTP\nHost: x\nContent-Type: application/x-www-form-urlencoded\n"
        "Content-Length: 30\n\n{\n  \"a\": \"b\",\n  \"c\": [1, 2]\n}\n",
        /* a chunked upload */
        "POST /upload HTTP\nHost: x\nTransfer-Encoding: chunked\nContent-Type: text/plain\n\n"
        "hello\nworld\n",
        /* multipart, range, HTTP/2 pseudo-headers, MTOM */
        "POST /f HTTP\n:authority: x\n:path: /f\nContent-Type: multipart/form-data; "
        "boundary=----WebKitFormBoundary7MA4YWxkTrZu0gW\nContent-Length: 10\n\n0123456789",
        "GET /video.mp4 HTTP\nHost: x\nRange: bytes=0-1023, 2048-4095",
        "POST /soap HTTP\nHost: x\nContent-Type: multipart/related; type=\"application/xop+xml\"; "
        "start-info=\"text/xml\"; boundary=uuid:1234\nContent-Length: 1\n\nx",
        "POST /j HTTP\nHost: x\nContent-Type: application/vnd.api+json; "
        "profile=\"https://example.com/resource-timestamps\"\nContent-Length: 2\n\n{}",
        "PROPFIND /dav/ HTTP\nHost: x\nDepth: 1",
        "M-SEARCH * HTTP\nHost: 239.255.255.250:1900",
        "GET /~user/file.txt?email=user@example.com&search=foo|bar&message=Hello!World HTTP\nHost: x",
        "GET /a?url=https://example.com/x%3Fa%3D1&filter[name]=x&items[0].name=y HTTP\nHost: x",
        "GET /login?next=/home&unix=1 HTTP\nHost: x\nCookie: theme=dark; lang=en-GB",
        "POST / HTTP\nHost: x\nContent-Type: text/plain\nContent-Length: 40\n\n"
        "Location: Paris\nHost: Anna\nDate: Friday\n",
    };
    for (size_t i = 0; i < sizeof ok / sizeof *ok; i++)
        expect(ok[i], 0, NULL);
    /* and nothing, not even a request, breaks it */
    vigil_request empty = VIGIL_REQUEST_INIT;
    vigil__finding f;
    const char *w;
    assert_int_equal(vigil__detect_http(&empty, 3, &f, &w), 0);
    assert_int_equal(vigil__detect_http(NULL, 3, &f, &w), 0);
}

static void test_smuggling(void **state)
{
    (void)state;
    expect("POST / HTTP\nHost: x\nContent-Length: 7\nTransfer-Encoding: chunked", 1,
           "header.transfer-encoding");
    expect("POST / HTTP\nHost: x\nTransfer-Encoding: chunked\nTransfer-Encoding: identity", 1,
           "header.transfer-encoding");
    expect("POST / HTTP\nHost: x\nTransfer-Encoding: chunked, identity", 1,
           "header.transfer-encoding");
    expect("POST / HTTP\nHost: x\nTransfer-Encoding: xchunked", 1, "header.transfer-encoding");
    expect("POST / HTTP\nHost: x\nTransfer-Encoding : chunked", 1, "headers");
    expect("POST / HTTP\nHost: x\nTransfer-Encoding:\\0chunked", 1, "headers");
    expect("POST / HTTP\nHost: x\nTransfer-Encoding: identity", 2, "header.transfer-encoding");
    expect("GET / HTTP\nHost: x\nTransfer-Encoding: chunked", 2, "header.transfer-encoding");
    expect("POST / HTTP\nHost: x\nContent-Length: 5, 5", 1, "header.content-length");
    expect("POST / HTTP\nHost: x\nContent-Length: +5", 1, "header.content-length");
    expect("POST / HTTP\nHost: x\nContent-Length: 5\nContent-Length: 6", 1,
           "header.content-length");
    expect("POST / HTTP\nHost: x\nContent-Length: 5\nContent-Length: 5", 2,
           "header.content-length");
    expect("POST / HTTP\nHost: x\nConnection: close, Content-Length", 2, "header.connection");
    expect("POST / HTTP\nHost: x\nContent-Type: text/plain\nContent-Length: 80\n\n"
           "barGET /a.html HTTP/1.1\r\nHost: foo.com\r\n\r\n",
           1, "body");
}

static void test_splitting(void **state)
{
    (void)state;
    /* request lines inside parameters */
    expect("GET /?arg1=GET%20http%3A%2F%2Fwww.foo.bar%20HTTP%2F3.2 HTTP\nHost: x", 1, "query");
    expect("POST / HTTP\nHost: x\nContent-Type: application/x-www-form-urlencoded\n\n"
           "var=aaa%0aGET+/+HTTP/1.1",
           1, "body");
    expect("POST / HTTP\nHost: x\nContent-Type: application/x-www-form-urlencoded\n\n"
           "var=%250aPOST%2520/%2520HTTP/1.1",
           1, "body"); /* double encoded */
    /* header injection after CR/LF */
    expect("GET /?lang=foobar%0d%0aContent-Length:%200%0d%0a%0d%0aHTTP/1.1%20200%20OK HTTP\nHost: x",
           1, "query");
    expect("GET /?v=%0d%0aRemote-addr:%20foo.bar.com HTTP\nHost: x", 1, "query");
    expect("GET /?v=%0d%0aX-Injected:%20yes HTTP\nHost: x", 2, "query");
    expect("GET /?v=foo+HTTP/1.1+200+OK HTTP\nHost: x", 2, "query");
    expect("GET /?v=I+use+HTTP/1.1+and+HTTP/2 HTTP\nHost: x", 0, NULL);
    expect("GET /?v=%0d%0aSubject:%20yes HTTP\nHost: x", 3, "query");
    expect("GET /?variableX=bar&%0d%0aRemote-addr:%20foo.bar.com=Y HTTP\nHost: x", 1, "query");
    expect("GET /get?parameter%0d%0a=test HTTP\nHost: x", 1, "query");
    expect("GET /get?a=test%0Dnext HTTP\nHost: x", 3, "query");
    expect("GET / HTTP\nHost: x\nCookie: oreo=munchmuch%0d%0a%0d%0a<HTML><title></title></HTML>", 1,
           "header.cookie");
    expect("GET / HTTP\nHost: x\nSomeHeader: Headerdata%0dInjectedHeader: response_splitting_code",
           1, "headers");
    expect("GET / HTTP\nHost: x\nSomeHeader: a\\rInjected: b", 1, "headers");
    expect("GET /foo%0abar HTTP\nHost: x", 1, "path");
    expect("GET /foo%00bar HTTP\nHost: x", 1, "path");
    expect("POST / HTTP\nHost: x\nContent-Type: application/x-www-form-urlencoded\n\n"
           "a=1%0d%0aSet-Cookie:%20sid%3D1",
           1, "body");
    /* look-alikes: a header name with nothing after it, text with new lines */
    expect("GET /file.jsp?somevar=%0A%0Dlocation:%0A%0D HTTP\nHost: x", 3, "query");
    expect("POST / HTTP\nHost: x\nContent-Type: application/x-www-form-urlencoded\n\n"
           "var=budget+foo)</bar>%0a&v2=get+it%0a&v3=aaa%0d%0aGet+foo+bar",
           0, NULL);
    expect("POST / HTTP\nHost: x\nContent-Type: application/x-www-form-urlencoded\n\n"
           "%22%21+Y%0A",
           0, NULL);
}

static void test_other_tricks(void **state)
{
    (void)state;
    expect("GET /?unix:AAAAAAAAA|http://coreruleset.org/ HTTP\nHost: x", 1, "query");
    expect("GET /?unix%3AAAAAAAAAA|http://coreruleset.org/ HTTP\nHost: x", 1, "query");
    expect("GET / HTTP\nHost: x\nCookie: $Version=1; session=\"deadbeef; PHPSESSID=secret\"", 1,
           "header.cookie");
    expect("GET / HTTP\nHost: x\nCookie: $existingUser=admin", 0, NULL);
    expect("POST / HTTP\nHost: x\nContent-Type: application/x-www-form-urlencoded;"
           "boundary=\"application/vnd.mycompany.myapp.customer-v2+json\"",
           1, "header.content-type");
    expect("POST / HTTP\nHost: x\nContent-Type: application/x-www-form-urlencoded;"
           "boundary=\"application/soap+xml\"",
           1, "header.content-type");
    expect("POST / HTTP\nHost: x\nContent-Type: application/x-www-form-urlencoded;"
           "boundary=\"image/jpeg\"",
           2, "header.content-type");
    expect("POST / HTTP\nHost: x\nContent-Type: application/x-www-form-urlencoded;"
           "boundary=\"foobar/foobar\"",
           3, "header.content-type");
    expect("POST / HTTP\nHost: x\nContent-Type: application/x-www-form-urlencoded; charset=utf-8; "
           "CHARSET=utf-7",
           1, "header.content-type");
    expect("POST / HTTP\nHost: x\nContent-Type: application/x-www-form-urlencoded;charset=ibm037", 1,
           "header.content-type");
    expect("POST / HTTP\nHost: x\nContent-Type: text/plain\nContent-Type: application/json", 1,
           "header.content-type");
    expect("|GET / HTTP\nHost: x", 2, "method");
    expect("G(ET / HTTP\nHost: x", 1, "method");
    expect("GET / HTTP\nHost: x\nRange: bytes=0-,5-0,5-1,5-2", 2, "header.range");
    expect("GET / HTTP\nHost: x\nRequest-Range: bytes=0-1023", 2, "header.request-range");
    expect("GET /?foo[1]a=bar HTTP\nHost: x", 3, "query");
    expect("GET / HTTP\nHost: x\nX-Thing: a\\bb", 2, "headers");
}

static void test_bounded(void **state)
{
    (void)state;
    size_t n = 1 << 20;
    char *big = malloc(n);
    assert_non_null(big);
    static const char *const fill[] = {"%0a", "%0d%0a", "get ", "a=&", "unix:", "%25", "\n\n"};
    vigil_header h[3] = {{{"Host", 4}, {"x", 1}},
                         {{"Content-Type", 12}, {"application/x-www-form-urlencoded", 33}},
                         {{"X-Big", 5}, {NULL, 0}}};
    for (size_t k = 0; k < sizeof fill / sizeof *fill; k++) {
        size_t l = strlen(fill[k]);
        for (size_t i = 0; i < n; i++)
            big[i] = fill[k][i % l];
        vigil_request r = VIGIL_REQUEST_INIT;
        r.method = vigil__str("POST", 4);
        r.path = vigil__str("/", 1);
        r.query = vigil__str(big, n);
        r.body = big;
        r.body_len = n;
        h[2].value = vigil__str(big, n);
        r.headers = h;
        r.header_count = 3;
        vigil__finding f;
        const char *w;
        for (int sens = 1; sens <= 3; sens++)
            (void)vigil__detect_http(&r, sens, &f, &w);
        r.query = vigil__str(NULL, 0);
        r.header_count = 2;
        (void)vigil__detect_http(&r, 1, &f, &w); /* the body alone */
    }
    for (size_t i = 0; i < n; i++)
        big[i] = (char)(i * 2654435761u >> 13);
    vigil_request r = VIGIL_REQUEST_INIT;
    r.method = vigil__str(big, 64);
    r.path = vigil__str(big, n);
    r.query = vigil__str(big, n);
    r.body = big;
    r.body_len = n;
    r.headers = h;
    r.header_count = 2;
    vigil__finding f;
    const char *w;
    (void)vigil__detect_http(&r, 3, &f, &w);
    free(big);
}

/* The prescans (sixteen or 32 bytes at a time, shorter values in pieces)
 * must never hide what the byte-by-byte checks behind them find: each
 * trigger at every offset of values 1 to 100 bytes long, in a header
 * value, the path and the query, in exactly sized buffers. */
static int level_of(const vigil_request *r)
{
    for (int sens = 1; sens <= 3; sens++) {
        vigil__finding f;
        const char *w;
        if (vigil__detect_http(r, sens, &f, &w))
            return sens;
    }
    return 0;
}

static void test_prescan_positions(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        int         header, path, query; /* expected level in each place */
    } trig[] = {
        {"\r\nX-Injected: 1", 1, 1, 2},
        {"%0d%0aSet-Cookie: a=b", 1, 1, 1},
        {"GET / HTTP/1.1", 1, 1, 1},
        {"HTTP/1.1 200 OK", 2, 2, 2},
        {"unix:/a|http://x/", 1, 1, 1},
        {"\x7f", 2, 1, 0},
        {"\x01", 2, 1, 0},
        {"\t", 0, 1, 0},
        {"%u000a%u000dLocation: http://x/", 1, 1, 1},
        {"%7C", 0, 0, 0},
        {"p/1 http/x P/", 0, 0, 0},
        {"", 0, 0, 0},
    };
    vigil_header h[3] = {{{"Host", 4}, {"x", 1}},
                         {{"Accept", 6}, {"*/*", 3}},
                         {{"X-Thing", 7}, {NULL, 0}}};
    for (size_t t = 0; t < sizeof trig / sizeof *trig; t++) {
        const char *raw = trig[t].text;
        size_t tl = strlen(raw);
        for (size_t pad = 0; pad + tl <= 100; pad++) {
            for (size_t after = 0; after < 3; after++) {
                size_t n = pad + tl + after;
                if (!n)
                    continue;
                char *v = malloc(n), *path = malloc(n + 1), *query = malloc(n + 2);
                assert_non_null(v);
                assert_non_null(path);
                assert_non_null(query);
                memset(v, ' ', n);
                memcpy(v + pad, raw, tl);
                path[0] = '/';
                memset(path + 1, '-', n);
                memcpy(path + 1 + pad, raw, tl);
                vigil_request r = VIGIL_REQUEST_INIT;
                r.method = vigil__str("GET", 3);
                r.path = vigil__str("/", 1);
                r.headers = h;
                r.header_count = 3;
                h[2].value = vigil__str(v, n);
                if (level_of(&r) != trig[t].header)
                    fail_msg("header: %s at %zu of %zu", trig[t].text, pad, n);
                h[2].value = vigil__str("y", 1);
                r.path = vigil__str(path, n + 1);
                if (level_of(&r) != trig[t].path)
                    fail_msg("path: %s at %zu of %zu", trig[t].text, pad, n);
                r.path = vigil__str("/", 1);
                memcpy(query, "q=", 2);
                memset(query + 2, '-', n);
                memcpy(query + 2 + pad, raw, tl);
                r.query = vigil__str(query, n + 2);
                if (level_of(&r) != trig[t].query)
                    fail_msg("query: %s at %zu of %zu", trig[t].text, pad, n);
                free(v);
                free(path);
                free(query);
            }
        }
    }
    /* header names: a blank or a separator at every offset; '_' and a
     * pseudo-header are tokens */
    for (size_t n = 1; n <= 40; n++)
        for (size_t k = 0; k < n; k++) {
            char *nm = malloc(n);
            assert_non_null(nm);
            static const char bad[] = {' ', ':', '\r', '(', '@', '\x80'};
            vigil_request r = VIGIL_REQUEST_INIT;
            r.method = vigil__str("GET", 3);
            r.path = vigil__str("/", 1);
            vigil_header one = {{nm, n}, {"v", 1}};
            r.headers = &one;
            r.header_count = 1;
            for (size_t b = 0; b < sizeof bad; b++) {
                memset(nm, 'A', n);
                nm[k] = bad[b];
                int want = bad[b] == ':' && k == 0 && n > 1 ? 0 : 1;
                if (level_of(&r) != want)
                    fail_msg("header name byte 0x%02x at %zu of %zu", (unsigned char)bad[b], k, n);
            }
            memset(nm, 'a', n);
            nm[k] = '_';
            assert_int_equal(level_of(&r), 0);
            free(nm);
        }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_real_clients),
        cmocka_unit_test(test_smuggling),
        cmocka_unit_test(test_splitting),
        cmocka_unit_test(test_other_tricks),
        cmocka_unit_test(test_bounded),
        cmocka_unit_test(test_prescan_positions),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
