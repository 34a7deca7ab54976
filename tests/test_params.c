/* test_params.c - forms, cookies, content types, multipart. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "params.h"

static vigil__arena arena;

static int setup(void **state)
{
    (void)state;
    vigil__arena_init(&arena, (size_t)64 * 1024 * 1024);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    vigil__arena_free(&arena);
    return 0;
}

static vigil_str S(const char *lit)
{
    return vigil__str(lit, strlen(lit));
}

static void str_is(vigil_str s, const char *want, size_t wantlen)
{
    if (s.len != wantlen || (wantlen && memcmp(s.ptr, want, wantlen) != 0))
        fail_msg("got \"%.*s\" (%zu), want \"%s\"", (int)s.len, s.ptr ? s.ptr : "", s.len, want);
}

#define IS(s, lit) str_is(s, lit, sizeof(lit) - 1)

static int inside(vigil_str s, const char *buf, size_t len)
{
    return s.ptr >= buf && s.ptr + s.len <= buf + len;
}

/* ------------------------------------------------------------------ forms */

static void form(const char *in, size_t max, vigil__kv **kv, size_t *n, int *trunc)
{
    assert_int_equal(vigil__form_parse(S(in), &arena, max, kv, n, trunc), 0);
}

static void test_form_basic(void **state)
{
    vigil__kv *kv;
    size_t n;
    int t;
    (void)state;
    const char *in = "a=1&b=two";
    form(in, 10, &kv, &n, &t);
    assert_int_equal(n, 2);
    assert_int_equal(t, 0);
    IS(kv[0].name, "a");
    IS(kv[0].value, "1");
    IS(kv[1].name, "b");
    IS(kv[1].value, "two");
    /* nothing to decode: slices of the input */
    assert_ptr_equal(kv[1].value.ptr, in + 6);

    form("", 10, &kv, &n, &t);
    assert_int_equal(n, 0);
    assert_null(kv);
    assert_int_equal(vigil__form_parse(vigil__str(NULL, 0), &arena, 10, &kv, &n, &t), 0);
    assert_int_equal(n, 0);

    form("&&a=1&&&b=2&", 10, &kv, &n, &t);
    assert_int_equal(n, 2);
    IS(kv[1].name, "b");

    form("flag&=x&k=", 10, &kv, &n, &t);
    assert_int_equal(n, 3);
    IS(kv[0].name, "flag");
    IS(kv[0].value, "");
    IS(kv[1].name, "");
    IS(kv[1].value, "x");
    IS(kv[2].name, "k");
    IS(kv[2].value, "");

    form("k=a=b==c", 10, &kv, &n, &t);
    assert_int_equal(n, 1);
    IS(kv[0].value, "a=b==c");

    form("a=1;b=2", 10, &kv, &n, &t); /* ';' does not split */
    assert_int_equal(n, 1);
    IS(kv[0].value, "1;b=2");
}

static void test_form_decoding(void **state)
{
    vigil__kv *kv;
    size_t n;
    int t;
    (void)state;
    form("q=a+b%20c&%6E%61me=%3Cx%3e", 10, &kv, &n, &t);
    assert_int_equal(n, 2);
    IS(kv[0].value, "a b c");
    IS(kv[1].name, "name");
    IS(kv[1].value, "<x>");

    form("a=%zz&b=%&c=%4&d=100%&e=%u0041&f=%2", 10, &kv, &n, &t);
    assert_int_equal(n, 6);
    IS(kv[0].value, "%zz");
    IS(kv[1].value, "%");
    IS(kv[2].value, "%4");
    IS(kv[3].value, "100%");
    IS(kv[4].value, "%u0041"); /* no IIS decoding for application data */
    IS(kv[5].value, "%2");

    form("a=%00b&b=%2B%26%3D", 10, &kv, &n, &t);
    IS(kv[0].value, "\0b");
    IS(kv[1].value, "+&=");

    form("x=%25%34%31", 10, &kv, &n, &t); /* single pass */
    IS(kv[0].value, "%41");

    form("a+b=c+d", 10, &kv, &n, &t);
    IS(kv[0].name, "a b");
    IS(kv[0].value, "c d");
}

static void test_form_max_pairs(void **state)
{
    vigil__kv *kv;
    size_t n;
    int t;
    (void)state;
    form("a&b&c", 2, &kv, &n, &t);
    assert_int_equal(n, 2);
    assert_int_equal(t, 1);
    IS(kv[1].name, "b");
    form("a&b&c", 3, &kv, &n, &t);
    assert_int_equal(n, 3);
    assert_int_equal(t, 0);
    form("a&&&", 1, &kv, &n, &t);
    assert_int_equal(n, 1);
    assert_int_equal(t, 0);
    form("a", 0, &kv, &n, &t);
    assert_int_equal(n, 0);
    assert_int_equal(t, 1);
    assert_null(kv);

    /* many pairs: work and memory bounded by max_pairs */
    size_t big = 200000;
    char *s = malloc(big * 4 + 1);
    assert_non_null(s);
    for (size_t i = 0; i < big; i++)
        memcpy(s + 4 * i, "a=1&", 4);
    s[big * 4] = '\0';
    form(s, 1000, &kv, &n, &t);
    assert_int_equal(n, 1000);
    assert_int_equal(t, 1);
    form(s, big, &kv, &n, &t);
    assert_int_equal(n, big);
    assert_int_equal(t, 0);
    free(s);
}

static void test_form_nomem(void **state)
{
    vigil__arena small;
    vigil__kv *kv;
    size_t n;
    int t;
    (void)state;
    vigil__arena_init(&small, 0);
    assert_int_equal(vigil__form_parse(S("a=1"), &small, 10, &kv, &n, &t), VIGIL__PARAMS_NOMEM);
    /* nothing to allocate is fine even with no memory */
    assert_int_equal(vigil__form_parse(S("&&"), &small, 10, &kv, &n, &t), 0);
    vigil__arena_free(&small);

    /* room for the array but not for the decoded strings */
    vigil__arena_init(&small, 16 * 1024);
    static char s[40000];
    memset(s, '+', sizeof s - 1);
    s[1] = '=';
    assert_int_equal(vigil__form_parse(S(s), &small, 10, &kv, &n, &t), VIGIL__PARAMS_NOMEM);
    assert_int_equal(n, 0);
    vigil__arena_free(&small);
}

/* ---------------------------------------------------------------- cookies */

static void test_cookies(void **state)
{
    vigil__kv *kv;
    size_t n;
    int t;
    (void)state;
    const char *h = " a = 1 ;b=\"x y\";;  ;c; d=\"; e=%41; f=a=b ";
    assert_int_equal(vigil__cookie_parse(S(h), &arena, 10, &kv, &n, &t), 0);
    assert_int_equal(n, 6);
    assert_int_equal(t, 0);
    IS(kv[0].name, "a");
    IS(kv[0].value, "1");
    IS(kv[1].name, "b");
    IS(kv[1].value, "x y");
    IS(kv[2].name, "c");
    IS(kv[2].value, "");
    IS(kv[3].name, "d");
    IS(kv[3].value, "\""); /* a lone quote is kept */
    IS(kv[4].value, "%41"); /* no decoding */
    IS(kv[5].value, "a=b");
    for (size_t i = 0; i < n; i++)
        assert_true(inside(kv[i].name, h, strlen(h)) && inside(kv[i].value, h, strlen(h)));

    assert_int_equal(vigil__cookie_parse(S("a=1; b=2; c=3"), &arena, 2, &kv, &n, &t), 0);
    assert_int_equal(n, 2);
    assert_int_equal(t, 1);
    assert_int_equal(vigil__cookie_parse(S("a=1; ; "), &arena, 1, &kv, &n, &t), 0);
    assert_int_equal(n, 1);
    assert_int_equal(t, 0);
    assert_int_equal(vigil__cookie_parse(S(""), &arena, 5, &kv, &n, &t), 0);
    assert_int_equal(n, 0);
    assert_null(kv);
}

static void test_cookie_find(void **state)
{
    vigil_str v;
    (void)state;
    const char *h = "sess=x; session=abc; q=\"quoted\"; a=1; a=2; empty=";
    assert_int_equal(vigil__cookie_find(S(h), "session", &v), 1);
    IS(v, "abc");
    assert_int_equal(vigil__cookie_find(S(h), "sess", &v), 1);
    IS(v, "x");
    assert_int_equal(vigil__cookie_find(S(h), "q", &v), 1);
    IS(v, "quoted");
    assert_int_equal(vigil__cookie_find(S(h), "a", &v), 1);
    IS(v, "1"); /* first wins */
    assert_int_equal(vigil__cookie_find(S(h), "empty", &v), 1);
    IS(v, "");
    assert_int_equal(vigil__cookie_find(S(h), "Session", &v), 0);
    assert_int_equal(vigil__cookie_find(S(h), "ses", &v), 0);
    assert_int_equal(vigil__cookie_find(S(h), "abc", NULL), 0);
    assert_int_equal(vigil__cookie_find(S(h), NULL, &v), 0);
    assert_int_equal(vigil__cookie_find(vigil__str(NULL, 0), "a", &v), 0);
    assert_int_equal(vigil__cookie_find(S(h), "a", NULL), 1);
}

/* ----------------------------------------------------------- content type */

static void test_content_type_param(void **state)
{
    vigil_str v;
    (void)state;
    assert_int_equal(vigil__content_type_param(S("multipart/form-data; boundary=abc"), "boundary", &v), 1);
    IS(v, "abc");
    assert_int_equal(vigil__content_type_param(S("multipart/form-data;BOUNDARY=\"a;b c\""), "boundary", &v), 1);
    IS(v, "a;b c");
    assert_int_equal(vigil__content_type_param(S("text/html; charset=UTF-8 "), "Charset", &v), 1);
    IS(v, "UTF-8");
    assert_int_equal(vigil__content_type_param(S("x; a=\"e\\\"q;\"; b = 2"), "b", &v), 1);
    IS(v, "2");
    assert_int_equal(vigil__content_type_param(S("x; a=\"e\\\"q;\"; b = 2"), "a", &v), 1);
    IS(v, "e\\\"q;");
    assert_int_equal(vigil__content_type_param(S("x; a=\"abc"), "a", &v), 1);
    IS(v, "abc");
    assert_int_equal(vigil__content_type_param(S("x; a=\"abc\\"), "a", &v), 1);
    IS(v, "abc\\");
    assert_int_equal(vigil__content_type_param(S("x; flag; a=1"), "a", &v), 1);
    IS(v, "1");
    assert_int_equal(vigil__content_type_param(S("x; a="), "a", &v), 1);
    IS(v, "");
    assert_int_equal(vigil__content_type_param(S("x; aa=1"), "a", &v), 0);
    assert_int_equal(vigil__content_type_param(S("boundary=abc"), "boundary", &v), 0);
    assert_int_equal(vigil__content_type_param(S("x;;;"), "a", &v), 0);
    assert_int_equal(vigil__content_type_param(S(""), "a", &v), 0);
    assert_int_equal(vigil__content_type_param(S("x; a=1"), NULL, &v), 0);
    assert_int_equal(vigil__content_type_param(S("x; a=1"), "a", NULL), 1);
}

static void test_content_type_is(void **state)
{
    (void)state;
    const char *json = "application/json";
    assert_true(vigil__content_type_is(S("application/json"), json));
    assert_true(vigil__content_type_is(S(" Application/JSON ; charset=utf-8"), json));
    assert_true(vigil__content_type_is(S("application/vnd.api+json"), json));
    assert_true(vigil__content_type_is(S("application/problem+JSON; x=1"), json));
    assert_true(vigil__content_type_is(S("application/json-patch+json"), json));
    assert_false(vigil__content_type_is(S("application/+json"), json));
    assert_false(vigil__content_type_is(S("text/x+json"), json));
    assert_false(vigil__content_type_is(S("application/jsonx"), json));
    assert_false(vigil__content_type_is(S("application/json+x"), json));
    assert_false(vigil__content_type_is(S("application/x/y+json"), json));
    assert_false(vigil__content_type_is(S("application/x-json"), json));
    assert_false(vigil__content_type_is(S(""), json));
    assert_false(vigil__content_type_is(vigil__str(NULL, 0), json));
    assert_false(vigil__content_type_is(S("application/json"), NULL));
    assert_true(vigil__content_type_is(S("application/x-www-form-urlencoded;charset=UTF-8"),
                                       "application/x-www-form-urlencoded"));
    assert_true(vigil__content_type_is(S("multipart/form-data; boundary=x"), "multipart/form-data"));
    assert_false(vigil__content_type_is(S("multipart/mixed"), "multipart/form-data"));
}

/* -------------------------------------------------------------- multipart */

static int mp(const char *body, const char *bd, size_t max, vigil__part **p, size_t *n, int *bad)
{
    int rc = vigil__multipart_parse(S(body), S(bd), &arena, max, p, n, bad);
    for (size_t i = 0; i < *n; i++) {
        assert_true(inside((*p)[i].body, body, strlen(body)));
        assert_true(inside((*p)[i].name, body, strlen(body)) || (*p)[i].name.len == 0);
    }
    return rc;
}

static void test_multipart_normal(void **state)
{
    vigil__part *p;
    size_t n;
    int bad;
    (void)state;
    const char *body =
        "preamble to ignore\r\n"
        "--XyZ\r\n"
        "Content-Disposition: form-data; name=\"field1\"\r\n"
        "\r\n"
        "value one\r\n"
        "--XyZ\r\n"
        "content-disposition: form-data; name=\"file\"; filename=\"a b;.txt\"\r\n"
        "Content-Type:  text/plain \r\n"
        "X-Other: ignored\r\n"
        "\r\n"
        "line1\r\nline2\r\n\r\n"
        "--XyZ\r\n"
        "Content-Disposition: form-data; name=empty\r\n"
        "\r\n"
        "\r\n"
        "--XyZ--\r\n"
        "epilogue --XyZ\r\n";
    assert_int_equal(mp(body, "XyZ", 10, &p, &n, &bad), 0);
    assert_int_equal(bad, 0);
    assert_int_equal(n, 3);
    IS(p[0].name, "field1");
    IS(p[0].filename, "");
    IS(p[0].content_type, "");
    IS(p[0].body, "value one");
    IS(p[1].name, "file");
    IS(p[1].filename, "a b;.txt");
    IS(p[1].content_type, "text/plain");
    IS(p[1].body, "line1\r\nline2\r\n");
    IS(p[2].name, "empty");
    IS(p[2].body, "");
}

static void test_multipart_lenient(void **state)
{
    vigil__part *p;
    size_t n;
    int bad;
    (void)state;
    /* bare LF, padding after the delimiter, body starting right away */
    const char *body = "--b  \t\nContent-Disposition: form-data; name=a\n\nA\n--b\n\n--b--";
    assert_int_equal(mp(body, "b", 10, &p, &n, &bad), 0);
    assert_int_equal(bad, 0);
    assert_int_equal(n, 2);
    IS(p[0].name, "a");
    IS(p[0].body, "A");
    IS(p[1].body, "");
    /* an empty part body without the newline before the delimiter */
    body = "--b\r\nContent-Disposition: form-data; name=x\r\n\r\n--b--";
    assert_int_equal(mp(body, "b", 10, &p, &n, &bad), 0);
    assert_int_equal(n, 1);
    IS(p[0].body, "");
    /* only a closing delimiter: no parts, well formed */
    assert_int_equal(mp("--b--\r\n", "b", 10, &p, &n, &bad), 0);
    assert_int_equal(n, 0);
    assert_int_equal(bad, 0);
    assert_null(p);
}

static void test_multipart_boundary_in_body(void **state)
{
    vigil__part *p;
    size_t n;
    int bad;
    (void)state;
    const char *body =
        "--bd\r\n"
        "Content-Disposition: form-data; name=\"a\"\r\n"
        "\r\n"
        "x--bd\r\n"
        "--bdX\r\n"
        "--bd-\r\n"
        "--b\r\n"
        "--bd \r\n"
        "Content-Disposition: form-data; name=\"b\"\r\n"
        "\r\n"
        "end\r\n"
        "--bd--";
    assert_int_equal(mp(body, "bd", 10, &p, &n, &bad), 0);
    assert_int_equal(bad, 0);
    assert_int_equal(n, 2);
    IS(p[0].body, "x--bd\r\n--bdX\r\n--bd-\r\n--b");
    IS(p[1].name, "b");
    IS(p[1].body, "end");
}

static void test_multipart_malformed(void **state)
{
    vigil__part *p;
    size_t n;
    int bad;
    (void)state;
    /* no closing delimiter: the last part runs to the end */
    const char *body = "--b\r\nContent-Disposition: form-data; name=a\r\n\r\nA\r\n--b\r\n"
                       "Content-Disposition: form-data; name=c\r\n\r\n<script>alert(1)";
    assert_int_equal(mp(body, "b", 10, &p, &n, &bad), 0);
    assert_int_equal(bad, 1);
    assert_int_equal(n, 2);
    IS(p[0].body, "A");
    IS(p[1].name, "c");
    IS(p[1].body, "<script>alert(1)");

    /* cut right after a delimiter */
    assert_int_equal(mp("--b\r\n\r\nA\r\n--b", "b", 10, &p, &n, &bad), 0);
    assert_int_equal(bad, 1);
    assert_int_equal(n, 1);
    IS(p[0].body, "A");
    assert_int_equal(mp("--b\r\n\r\nA\r\n--b\r", "b", 10, &p, &n, &bad), 0);
    assert_int_equal(bad, 1);
    assert_int_equal(n, 1);

    /* missing headers are fine; headers never ended are not */
    assert_int_equal(mp("--b\r\n\r\nno headers\r\n--b--", "b", 10, &p, &n, &bad), 0);
    assert_int_equal(bad, 0);
    assert_int_equal(n, 1);
    IS(p[0].name, "");
    IS(p[0].body, "no headers");
    assert_int_equal(mp("--b\r\nContent-Disposition: form-data; name=a\r\n--b--", "b", 10, &p,
                        &n, &bad), 0);
    assert_int_equal(bad, 1);
    assert_int_equal(n, 0);
    assert_int_equal(mp("--b\r\n\r\nA\r\n--b\r\nX: y", "b", 10, &p, &n, &bad), 0);
    assert_int_equal(bad, 1);
    assert_int_equal(n, 1);

    /* junk header lines are skipped */
    assert_int_equal(mp("--b\r\nnot a header\r\n folded: x\r\n: v\r\n\r\nA\r\n--b--", "b", 10,
                        &p, &n, &bad), 0);
    assert_int_equal(bad, 0);
    assert_int_equal(n, 1);
    IS(p[0].body, "A");

    /* no delimiter at all, wrong boundary, bad boundaries */
    assert_int_equal(mp("just text", "b", 10, &p, &n, &bad), 0);
    assert_int_equal(bad, 1);
    assert_int_equal(n, 0);
    assert_int_equal(mp("--b\r\n\r\nA\r\n--b--", "c", 10, &p, &n, &bad), 0);
    assert_int_equal(bad, 1);
    assert_int_equal(mp("--\r\n\r\nA", "", 10, &p, &n, &bad), 0);
    assert_int_equal(bad, 1);
    assert_int_equal(mp("--a\r\nb\r\n\r\nA", "a\r\nb", 10, &p, &n, &bad), 0);
    assert_int_equal(bad, 1);
    char longb[202];
    memset(longb, 'x', 201);
    longb[201] = '\0';
    assert_int_equal(mp("whatever", longb, 10, &p, &n, &bad), 0);
    assert_int_equal(bad, 1);
    assert_int_equal(vigil__multipart_parse(vigil__str(NULL, 0), S("b"), &arena, 10, &p, &n, &bad), 0);
    assert_int_equal(n, 0);
    assert_int_equal(bad, 1);
}

static void test_multipart_many_parts(void **state)
{
    vigil__part *p;
    size_t n;
    int bad;
    (void)state;
    const char *one = "--zz\r\nContent-Disposition: form-data; name=k\r\n\r\nv\r\n";
    size_t onelen = strlen(one), parts = 10000;
    char *body = malloc(onelen * parts + 16);
    assert_non_null(body);
    for (size_t i = 0; i < parts; i++)
        memcpy(body + i * onelen, one, onelen);
    strcpy(body + parts * onelen, "--zz--\r\n");

    assert_int_equal(mp(body, "zz", 100, &p, &n, &bad), VIGIL__PARAMS_TRUNCATED);
    assert_int_equal(n, 100);
    assert_int_equal(bad, 0);
    IS(p[99].body, "v");
    assert_int_equal(mp(body, "zz", parts, &p, &n, &bad), 0);
    assert_int_equal(n, parts);
    assert_int_equal(bad, 0);
    IS(p[parts - 1].name, "k");
    IS(p[parts - 1].body, "v");
    assert_int_equal(mp(body, "zz", 0, &p, &n, &bad), VIGIL__PARAMS_TRUNCATED);
    assert_int_equal(n, 0);

    /* an arena too small for the array */
    vigil__arena small;
    vigil__arena_init(&small, 4096);
    assert_int_equal(vigil__multipart_parse(S(body), S("zz"), &small, parts, &p, &n, &bad),
                     VIGIL__PARAMS_NOMEM);
    assert_true(n < parts);
    vigil__arena_free(&small);
    free(body);
}

/* Lines that almost match the boundary, many times: stays linear. */
static void test_multipart_near_misses(void **state)
{
    vigil__part *p;
    size_t n;
    int bad;
    (void)state;
    char bd[71];
    memset(bd, 'q', 70);
    bd[70] = '\0';
    size_t lines = 50000, linelen = 2 + 69 + 1;
    char *body = malloc(6 + 70 + 4 + lines * linelen + 1);
    assert_non_null(body);
    size_t o = 0;
    memcpy(body + o, "--", 2);
    o += 2;
    memcpy(body + o, bd, 70);
    o += 70;
    memcpy(body + o, "\n\n", 2);
    o += 2;
    for (size_t i = 0; i < lines; i++) {
        memcpy(body + o, "--", 2);
        memset(body + o + 2, 'q', 69);
        body[o + 71] = '\n';
        o += linelen;
    }
    body[o] = '\0';
    assert_int_equal(mp(body, bd, 10, &p, &n, &bad), 0);
    assert_int_equal(bad, 1);
    assert_int_equal(n, 1);
    assert_int_equal(p[0].body.len, lines * linelen);
    free(body);
}

static uint32_t rng = 99;
static uint32_t rnd(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 17;
    rng ^= rng << 5;
    return rng;
}

/* Random inputs over the parsers' special characters: no sanitizer
 * reports, results inside the input or the arena, counts within bounds. */
static void test_random_inputs(void **state)
{
    static const char alpha[] = "-b\r\n:;=\"\\ &%+a";
    char buf[128];
    vigil__part *p;
    vigil__kv *kv;
    size_t n;
    int flag;
    vigil_str v;
    (void)state;
    for (int iter = 0; iter < 100000; iter++) {
        size_t len = rnd() % sizeof buf;
        for (size_t i = 0; i < len; i++)
            buf[i] = alpha[rnd() % (sizeof alpha - 1)];
        vigil_str s = vigil__str(buf, len);
        vigil__arena_reset(&arena);
        int rc = vigil__multipart_parse(s, S("b"), &arena, 5, &p, &n, &flag);
        assert_true(rc == 0 || rc == VIGIL__PARAMS_TRUNCATED);
        assert_true(n <= 5);
        for (size_t i = 0; i < n; i++) {
            assert_true(inside(p[i].body, buf, len));
            assert_true(p[i].name.len == 0 || inside(p[i].name, buf, len));
            assert_true(p[i].filename.len == 0 || inside(p[i].filename, buf, len));
            assert_true(p[i].content_type.len == 0 || inside(p[i].content_type, buf, len));
        }
        assert_int_equal(vigil__form_parse(s, &arena, 4, &kv, &n, &flag), 0);
        assert_true(n <= 4);
        for (size_t i = 0; i < n; i++)
            assert_true(kv[i].name.len <= len && kv[i].value.len <= len);
        assert_int_equal(vigil__cookie_parse(s, &arena, 4, &kv, &n, &flag), 0);
        for (size_t i = 0; i < n; i++)
            assert_true(inside(kv[i].name, buf, len) && inside(kv[i].value, buf, len));
        if (vigil__cookie_find(s, "a", &v))
            assert_true(inside(v, buf, len));
        if (vigil__content_type_param(s, "b", &v))
            assert_true(inside(v, buf, len));
        (void)vigil__content_type_is(s, "a/b");
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_form_basic),
        cmocka_unit_test(test_form_decoding),
        cmocka_unit_test(test_form_max_pairs),
        cmocka_unit_test(test_form_nomem),
        cmocka_unit_test(test_cookies),
        cmocka_unit_test(test_cookie_find),
        cmocka_unit_test(test_content_type_param),
        cmocka_unit_test(test_content_type_is),
        cmocka_unit_test(test_multipart_normal),
        cmocka_unit_test(test_multipart_lenient),
        cmocka_unit_test(test_multipart_boundary_in_body),
        cmocka_unit_test(test_multipart_malformed),
        cmocka_unit_test(test_multipart_many_parts),
        cmocka_unit_test(test_multipart_near_misses),
        cmocka_unit_test(test_random_inputs),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
