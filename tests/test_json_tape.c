/* test_json_tape.c - tokenizer, unescaping, paths, locate, line/column. */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <cmocka.h>

#include "json_tape.h"

#define ARENA_LIMIT ((size_t)64 << 20)

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int parse(const char *s, vigil__arena *a, vigil__jtape *t)
{
    return vigil__json_parse(s, strlen(s), NULL, a, t);
}

/* Structural invariants every tape must satisfy. */
static void check_tape(const vigil__jtape *t, const char *src, size_t n)
{
    assert_true(t->n >= 1);
    assert_int_equal(t->tok[0].parent, VIGIL__JNONE);
    assert_int_equal(t->tok[0].depth, 0);
    assert_int_equal(t->tok[0].next, t->n);
    for (uint32_t i = 0; i < t->n; i++) {
        const vigil__jtok *k = &t->tok[i];
        assert_true(k->type >= VIGIL__J_OBJECT && k->type <= VIGIL__J_NULL);
        assert_true(k->next > i && k->next <= t->n);
        assert_true((size_t)k->start + k->len <= n);
        if (i) {
            assert_true(k->parent < i);
            const vigil__jtok *p = &t->tok[k->parent];
            assert_true(p->type == VIGIL__J_OBJECT || p->type == VIGIL__J_ARRAY);
            assert_true(k->next <= p->next);
            assert_int_equal(k->depth, p->depth + 1);
            if (p->type == VIGIL__J_OBJECT && k->type != VIGIL__J_KEY) {
                assert_int_equal(t->tok[i - 1].type, VIGIL__J_KEY);
                assert_int_equal(t->tok[i - 1].next, k->next);
            }
        }
        if (k->type == VIGIL__J_OBJECT || k->type == VIGIL__J_ARRAY) {
            assert_int_equal(src[k->start], k->type == VIGIL__J_OBJECT ? '{' : '[');
            assert_int_equal(src[k->start + k->len - 1], k->type == VIGIL__J_OBJECT ? '}' : ']');
            uint32_t c = 0;
            for (uint32_t j = i + 1; j < k->next; j = t->tok[j].next) {
                assert_int_equal(t->tok[j].parent, i);
                assert_int_equal(t->tok[j].index, c);
                if (k->type == VIGIL__J_OBJECT)
                    assert_int_equal(t->tok[j].type, VIGIL__J_KEY);
                c++;
            }
            assert_int_equal(c, k->count);
        }
    }
}

static void test_structure(void **state)
{
    (void)state;
    vigil__arena a;
    vigil__arena_init(&a, ARENA_LIMIT);
    vigil__jtape t;
    const char *s = " {\"a\": [1, 2.5, {\"b\": null}], \"c\": \"x\\ny\", \"d\": {}, \"e\": []} ";
    assert_int_equal(parse(s, &a, &t), 0);
    check_tape(&t, s, strlen(s));
    assert_int_equal(t.n, 14);
    static const uint8_t types[] = {
        VIGIL__J_OBJECT, VIGIL__J_KEY, VIGIL__J_ARRAY, VIGIL__J_NUMBER, VIGIL__J_NUMBER,
        VIGIL__J_OBJECT, VIGIL__J_KEY, VIGIL__J_NULL, VIGIL__J_KEY, VIGIL__J_STRING,
        VIGIL__J_KEY, VIGIL__J_OBJECT, VIGIL__J_KEY, VIGIL__J_ARRAY,
    };
    for (size_t i = 0; i < sizeof types; i++)
        assert_int_equal(t.tok[i].type, types[i]);
    assert_int_equal(t.tok[0].count, 4);
    assert_int_equal(t.tok[0].start, 1);
    assert_int_equal(t.tok[0].len, strlen(s) - 2);
    assert_int_equal(t.tok[1].next, 8); /* key "a": one past its array */
    assert_int_equal(t.tok[2].count, 3);
    assert_int_equal(t.tok[2].next, 8);
    assert_int_equal(t.tok[3].flags, VIGIL__JF_INT);
    assert_int_equal(t.tok[4].flags, 0);
    assert_int_equal(t.tok[4].len, 3);
    assert_int_equal(t.tok[5].index, 2);
    assert_int_equal(t.tok[7].depth, 3);
    assert_int_equal(t.tok[9].flags, VIGIL__JF_ESCAPED);
    assert_int_equal(t.tok[9].len, 4);
    assert_memory_equal(s + t.tok[9].start, "x\\ny", 4);
    assert_int_equal(t.tok[11].count, 0);
    assert_int_equal(t.tok[11].index, 2);
    assert_int_equal(t.tok[13].count, 0);
    assert_int_equal(t.tok[13].index, 3);
    vigil__arena_free(&a);
}

static void test_scalars(void **state)
{
    (void)state;
    vigil__arena a;
    vigil__arena_init(&a, ARENA_LIMIT);
    vigil__jtape t;
    static const struct {
        const char *s;
        uint8_t type, flags;
        uint32_t start, len;
    } cases[] = {
        { "0", VIGIL__J_NUMBER, VIGIL__JF_INT, 0, 1 },
        { " -0 ", VIGIL__J_NUMBER, VIGIL__JF_INT, 1, 2 },
        { "-12.50e+3", VIGIL__J_NUMBER, 0, 0, 9 },
        { "1E-7", VIGIL__J_NUMBER, 0, 0, 4 },
        { "\ttrue\r\n", VIGIL__J_TRUE, 0, 1, 4 },
        { "false", VIGIL__J_FALSE, 0, 0, 5 },
        { "null", VIGIL__J_NULL, 0, 0, 4 },
        { "\"\"", VIGIL__J_STRING, 0, 1, 0 },
        { "\"h\\u00e9\"", VIGIL__J_STRING, VIGIL__JF_ESCAPED, 1, 7 },
        { "\"caf\xc3\xa9 \xf0\x9f\x98\x80\"", VIGIL__J_STRING, 0, 1, 10 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        assert_int_equal(parse(cases[i].s, &a, &t), 0);
        assert_int_equal(t.n, 1);
        assert_int_equal(t.tok[0].type, cases[i].type);
        assert_int_equal(t.tok[0].flags, cases[i].flags);
        assert_int_equal(t.tok[0].start, cases[i].start);
        assert_int_equal(t.tok[0].len, cases[i].len);
        assert_int_equal(t.tok[0].next, 1);
        vigil__arena_reset(&a);
    }
    vigil__arena_free(&a);
}

static void test_syntax_errors(void **state)
{
    (void)state;
    vigil__arena a;
    vigil__arena_init(&a, ARENA_LIMIT);
    vigil__jtape t;
    static const struct {
        const char *s;
        size_t n; /* 0: strlen */
        size_t off;
    } cases[] = {
        { "", 0, 0 },
        { "   ", 0, 3 },
        { "{", 0, 1 },
        { "[", 0, 1 },
        { "[1,]", 0, 3 },
        { "[,1]", 0, 1 },
        { "{\"a\":1,}", 0, 7 },
        { "{,}", 0, 1 },
        { "{1:2}", 0, 1 },
        { "{\"a\" 1}", 0, 5 },
        { "{\"a\":1 \"b\":2}", 0, 7 },
        { "{\"a\"}", 0, 4 },
        { "[1 2]", 0, 3 },
        { "[1]]", 0, 3 },
        { "[1} ", 0, 2 },
        { "{\"a\":1]", 0, 6 },
        { "[1] x", 0, 4 },
        { "1 2", 0, 2 },
        { "01", 0, 1 },
        { "-01", 0, 2 },
        { "1.", 0, 2 },
        { ".5", 0, 0 },
        { "-", 0, 1 },
        { "+1", 0, 0 },
        { "1e", 0, 2 },
        { "1e+", 0, 3 },
        { "0x1F", 0, 1 },
        { "NaN", 0, 0 },
        { "-Infinity", 0, 1 },
        { "tru", 0, 3 },
        { "trUe", 0, 2 },
        { "nul", 0, 3 },
        { "falsey", 0, 5 },
        { "'x'", 0, 0 },
        { "/* c */ 1", 0, 0 },
        { "1 // c", 0, 2 },
        { "\"abc", 0, 4 },
        { "\"a\x01\"", 0, 2 },
        { "\"a\tb\"", 0, 2 },
        { "\"\\x41\"", 0, 2 },
        { "\"\\u12g4\"", 0, 5 },
        { "\"\\u12\"", 0, 5 },
        { "\"\\", 0, 2 },
        { "\"\\u00", 0, 5 },
        { "[\"a\",", 0, 5 },
        { "\x00", 1, 0 },
        { "[1]\x00", 4, 3 },
        { "\"a\x00\"", 4, 2 },
        { "\xef\xbb\xbf{}", 0, 0 }, /* a BOM is not JSON whitespace */
        { "[1,\n2\x0b]", 0, 5 },     /* vertical tab is not whitespace */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t n = cases[i].n ? cases[i].n : strlen(cases[i].s);
        int rc = vigil__json_parse(cases[i].s, n, NULL, &a, &t);
        if (rc != VIGIL__JERR_SYNTAX || t.err_off != cases[i].off)
            print_error("case %zu: rc %d off %zu (want %zu)\n", i, rc, t.err_off, cases[i].off);
        assert_int_equal(rc, VIGIL__JERR_SYNTAX);
        assert_int_equal(t.err_off, cases[i].off);
        assert_int_equal(t.n, 0);
        vigil__arena_reset(&a);
    }
    /* NULL source with n == 0 is an empty document */
    assert_int_equal(vigil__json_parse(NULL, 0, NULL, &a, &t), VIGIL__JERR_SYNTAX);
    vigil__arena_free(&a);
}

static void test_depth(void **state)
{
    (void)state;
    vigil__arena a;
    vigil__arena_init(&a, ARENA_LIMIT);
    vigil__jtape t;
    size_t n = 100000;
    char *s = malloc(2 * n + 1);
    assert_non_null(s);
    memset(s, '[', n);
    double t0 = now_s();
    assert_int_equal(vigil__json_parse(s, n, NULL, &a, &t), VIGIL__JERR_DEPTH);
    assert_true(now_s() - t0 < 0.05);
    assert_int_equal(t.err_off, VIGIL__JSON_DEFAULT_DEPTH);

    /* exactly the default depth is fine */
    size_t d = VIGIL__JSON_DEFAULT_DEPTH;
    memset(s, '[', d);
    memset(s + d, ']', d);
    vigil__arena_reset(&a);
    assert_int_equal(vigil__json_parse(s, 2 * d, NULL, &a, &t), 0);
    assert_int_equal(t.n, d);
    assert_int_equal(t.tok[d - 1].depth, d - 1);
    check_tape(&t, s, 2 * d);
    s[d] = '[';
    vigil__arena_reset(&a);
    memset(s, '[', d + 1);
    memset(s + d + 1, ']', d + 1);
    assert_int_equal(vigil__json_parse(s, 2 * d + 2, NULL, &a, &t), VIGIL__JERR_DEPTH);
    assert_int_equal(t.err_off, d);

    /* custom limits count containers */
    vigil__jlimits lim = { 1, 0 };
    vigil__arena_reset(&a);
    assert_int_equal(vigil__json_parse("[1]", 3, &lim, &a, &t), 0);
    assert_int_equal(vigil__json_parse("{\"a\":[]}", 8, &lim, &a, &t), VIGIL__JERR_DEPTH);
    assert_int_equal(t.err_off, 5);
    assert_int_equal(vigil__json_parse("7", 1, &lim, &a, &t), 0);

    /* deep objects too, and a large limit is clamped to the 16-bit depth */
    lim.max_depth = UINT32_MAX;
    size_t deep = 70000;
    char *o = malloc(deep * 5 + 1);
    assert_non_null(o);
    for (size_t i = 0; i < deep; i++)
        memcpy(o + i * 5, "{\"a\":", 5);
    vigil__arena_reset(&a);
    assert_int_equal(vigil__json_parse(o, deep * 5, &lim, &a, &t), VIGIL__JERR_DEPTH);
    assert_int_equal(t.err_off, 65534u * 5);
    free(o);
    free(s);
    vigil__arena_free(&a);
}

static void test_tokens_and_memory(void **state)
{
    (void)state;
    vigil__arena a;
    vigil__arena_init(&a, ARENA_LIMIT);
    vigil__jtape t;
    vigil__jlimits lim = { 0, 3 };
    assert_int_equal(vigil__json_parse("[1,2]", 5, &lim, &a, &t), 0);
    assert_int_equal(t.n, 3);
    assert_int_equal(vigil__json_parse("[1,2,3]", 7, &lim, &a, &t), VIGIL__JERR_TOKENS);
    assert_int_equal(t.err_off, 5);
    assert_int_equal(t.n, 0);
    assert_int_equal(vigil__json_parse("{\"a\":1,\"b\":2}", 13, &lim, &a, &t), VIGIL__JERR_TOKENS);

    /* a million tokens: the densest JSON there is, within the n/2+1 bound */
    size_t cnt = 1000000, n = 2 * cnt + 1;
    char *s = malloc(n + 1);
    assert_non_null(s);
    s[0] = '[';
    for (size_t i = 0; i < cnt; i++) {
        s[1 + 2 * i] = (char)('0' + i % 10);
        s[2 + 2 * i] = ',';
    }
    s[n - 1] = ']';
    vigil__arena_reset(&a);
    double t0 = now_s();
    assert_int_equal(vigil__json_parse(s, n, NULL, &a, &t), 0);
    assert_true(now_s() - t0 < 1.0);
    assert_int_equal(t.n, cnt + 1);
    assert_int_equal(t.tok[0].count, cnt);
    assert_int_equal(t.tok[cnt].index, cnt - 1);
    /* growth wastes at most about as much as the final tape */
    assert_true(a.total <= 3 * (cnt + 1) * sizeof(vigil__jtok) + ((size_t)1 << 20));
    vigil__arena_free(&a);

    /* token limit below the input bound stops early */
    lim.max_tokens = 1000;
    vigil__arena_init(&a, ARENA_LIMIT);
    assert_int_equal(vigil__json_parse(s, n, &lim, &a, &t), VIGIL__JERR_TOKENS);
    assert_int_equal(t.err_off, 1 + 2 * 999);
    assert_true(a.total < ((size_t)1 << 20));
    vigil__arena_free(&a);

    /* the arena limit gives NOMEM, never a crash */
    vigil__arena_init(&a, 4096);
    assert_int_equal(vigil__json_parse(s, n, NULL, &a, &t), VIGIL__JERR_NOMEM);
    assert_int_equal(t.n, 0);
    vigil__arena_free(&a);

    /* small input does not allocate for max_tokens */
    vigil__arena_init(&a, 64 * 1024);
    lim.max_tokens = UINT32_MAX;
    assert_int_equal(vigil__json_parse("[1,2,3]", 7, &lim, &a, &t), 0);
    assert_true(a.total <= 64 * 1024);
    vigil__arena_free(&a);

    /* inputs whose offsets would not fit 32 bits are refused before reading */
    vigil__arena_init(&a, 4096);
    assert_int_equal(vigil__json_parse("[]", (size_t)UINT32_MAX + 1, NULL, &a, &t),
                     VIGIL__JERR_TOKENS);
    assert_int_equal(t.n, 0);
    vigil__arena_free(&a);
    free(s);
}

static void test_utf8_flags(void **state)
{
    (void)state;
    vigil__arena a;
    vigil__arena_init(&a, ARENA_LIMIT);
    vigil__jtape t;
    static const struct {
        const char *s;
        int bad;
    } cases[] = {
        { "\"\xc3\xa9\"", 0 },
        { "\"\xe2\x82\xac\"", 0 },
        { "\"\xf4\x8f\xbf\xbf\"", 0 },      /* U+10FFFF */
        { "\"\xed\x9f\xbf\"", 0 },          /* U+D7FF */
        { "\"\x80\"", 1 },                  /* lone continuation */
        { "\"\xc0\xaf\"", 1 },              /* overlong '/' */
        { "\"\xe0\x80\xaf\"", 1 },          /* overlong */
        { "\"\xed\xa0\x80\"", 1 },          /* surrogate */
        { "\"\xf4\x90\x80\x80\"", 1 },      /* > U+10FFFF */
        { "\"\xf5\x80\x80\x80\"", 1 },
        { "\"\xff\"", 1 },
        { "\"\xe2\x82\"", 1 },              /* truncated before the quote */
        { "\"\xc3\"", 1 },
        { "{\"\xc3\x28\":1}", 1 },          /* in a key */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *s = cases[i].s;
        assert_int_equal(parse(s, &a, &t), 0);
        const vigil__jtok *k = &t.tok[t.n > 1 ? 1 : 0];
        assert_int_equal((k->flags & VIGIL__JF_BADUTF8) != 0, cases[i].bad);
        /* the bytes are all there for detectors */
        assert_int_equal(s[k->start - 1], '"');
        assert_int_equal(s[k->start + k->len], '"');
        if (t.n == 1)
            assert_int_equal(k->len, strlen(s) - 2);
        vigil__arena_reset(&a);
    }
    vigil__arena_free(&a);
}

static void check_unescape(const char *doc, uint32_t idx, const char *want, size_t wlen)
{
    vigil__arena a;
    vigil__arena_init(&a, ARENA_LIMIT);
    vigil__jtape t;
    vigil_str out;
    assert_int_equal(parse(doc, &a, &t), 0);
    assert_int_equal(vigil__json_string(&t, doc, idx, &a, &out), 0);
    assert_int_equal(out.len, wlen);
    assert_memory_equal(out.ptr, want, wlen);
    vigil__arena_free(&a);
}

static void test_unescape(void **state)
{
    (void)state;
    check_unescape("\"plain\"", 0, "plain", 5);
    check_unescape("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"", 0, "\"\\/\b\f\n\r\t", 8);
    check_unescape("\"\\u0041\\u00e9\\u20AC\"", 0, "A\xc3\xa9\xe2\x82\xac", 6);
    check_unescape("\"\\ud83d\\ude00!\"", 0, "\xf0\x9f\x98\x80!", 5);
    check_unescape("\"\\uD83D\\uDE00\"", 0, "\xf0\x9f\x98\x80", 4);
    check_unescape("\"\\ud800x\"", 0, "\xef\xbf\xbdx", 4);            /* lone high */
    check_unescape("\"\\udc00\"", 0, "\xef\xbf\xbd", 3);              /* lone low */
    check_unescape("\"\\ud800\\u0041\"", 0, "\xef\xbf\xbd" "A", 4);   /* high + non-low */
    check_unescape("\"\\ud800\\ud800\\udc00\"", 0, "\xef\xbf\xbd\xf0\x90\x80\x80", 7);
    check_unescape("\"\\udbff\\udfff\"", 0, "\xf4\x8f\xbf\xbf", 4);
    check_unescape("\"a\\u0000b\"", 0, "a\0b", 3);
    check_unescape("\"\\u003cscript\\u003e\"", 0, "<script>", 8);
    check_unescape("{\"k\\u0065y\":\"v\"}", 1, "key", 3);
    check_unescape("{\"k\\u0065y\":\"v\"}", 2, "v", 1);
    /* invalid UTF-8 survives decoding byte for byte */
    check_unescape("\"\\n\xff\xc0\"", 0, "\n\xff\xc0", 3);

    /* unescaped strings are slices of the source: no allocation */
    vigil__arena a;
    vigil__arena_init(&a, ARENA_LIMIT);
    vigil__jtape t;
    vigil_str out;
    const char *doc = "[\"abc\", 1]";
    assert_int_equal(parse(doc, &a, &t), 0);
    void *mark = vigil__arena_alloc(&a, 8);
    assert_int_equal(vigil__json_string(&t, doc, 1, &a, &out), 0);
    assert_ptr_equal(out.ptr, doc + 2);
    assert_int_equal(out.len, 3);
    assert_ptr_equal(vigil__arena_alloc(&a, 8), (char *)mark + 8); /* nothing taken */
    /* wrong token kinds and indices are refused */
    assert_int_equal(vigil__json_string(&t, doc, 0, &a, &out), VIGIL__JERR_SYNTAX);
    assert_int_equal(vigil__json_string(&t, doc, 2, &a, &out), VIGIL__JERR_SYNTAX);
    assert_int_equal(vigil__json_string(&t, doc, 3, &a, &out), VIGIL__JERR_SYNTAX);
    vigil__arena_free(&a);

    /* decoding into a full arena reports NOMEM (the parse itself fits:
     * one token does not need a big token array) */
    size_t big = 1 << 20;
    char *s = malloc(big + 1);
    assert_non_null(s);
    s[0] = '"';
    for (size_t i = 1; i + 1 < big; i += 2)
        memcpy(s + i, "\\n", 2);
    s[big - 1] = '"';
    s[big] = 0;
    vigil__arena_init(&a, 256 * 1024);
    assert_int_equal(vigil__json_parse(s, big, NULL, &a, &t), 0);
    assert_int_equal(t.n, 1);
    assert_int_equal(vigil__json_string(&t, s, 0, &a, &out), VIGIL__JERR_NOMEM);
    vigil__arena_free(&a);
    free(s);
}

static void check_path(const char *doc, uint32_t idx, const char *prefix, const char *want)
{
    vigil__arena a;
    vigil__arena_init(&a, ARENA_LIMIT);
    vigil__jtape t;
    char buf[256];
    assert_int_equal(parse(doc, &a, &t), 0);
    size_t n = vigil__json_path(&t, doc, idx, prefix, buf, sizeof buf);
    assert_string_equal(buf, want);
    assert_int_equal(n, strlen(want));
    vigil__arena_free(&a);
}

static void test_paths(void **state)
{
    (void)state;
    const char *doc = "{\"items\":[{\"name\":\"a\"},{\"name\":\"b\",\"tags\":[1,2]}],\"n\":1}";
    /* 0 { 1 items 2 [ 3 { 4 name 5 "a" 6 { 7 name 8 "b" 9 tags 10 [ 11 1 12 2 13 n 14 1 */
    check_path(doc, 0, "body", "body");
    check_path(doc, 0, NULL, "");
    check_path(doc, 2, "body", "body.items");
    check_path(doc, 1, "body", "body.items"); /* a KEY names its member */
    check_path(doc, 5, "body", "body.items[0].name");
    check_path(doc, 8, "body", "body.items[1].name");
    check_path(doc, 12, "body", "body.items[1].tags[1]");
    check_path(doc, 14, "body", "body.n");
    check_path(doc, 12, "", "items[1].tags[1]");
    check_path(doc, 14, NULL, "n");
    check_path("[[0,[5]]]", 4, "x", "x[0][1][0]");
    check_path("[[0,[5]]]", 4, "", "[0][1][0]");
    /* keys that are not identifiers */
    check_path("{\"a b\":1}", 2, "body", "body[\"a b\"]");
    check_path("{\"a b\":1}", 2, "", "[\"a b\"]");
    check_path("{\"1x\":{\"$ok_1\":2}}", 4, "q", "q[\"1x\"].$ok_1");
    check_path("{\"q\\\"\\\\\":1}", 2, "b", "b[\"q\\\"\\\\\"]");
    check_path("{\"\":1}", 2, "b", "b[\"\"]");
    check_path("{\"\xc3\xa9\\n\":1}", 2, "b", "b[\"\\xc3\\xa9\\x0a\"]");
    check_path("{\"a.b\":1}", 2, "b", "b[\"a.b\"]");
    check_path("{\"k\\u0065y\":1}", 2, "b", "b.key"); /* decoded first */
    check_path("{\"\\u0000\":1}", 2, "b", "b[\"\\x00\"]");
    /* duplicates keep their own member numbers */
    check_path("{\"a\":1,\"a\":[7]}", 5, "b", "b.a[0]");

    /* truncation: always NUL-terminated, prefix kept */
    vigil__arena a;
    vigil__arena_init(&a, ARENA_LIMIT);
    vigil__jtape t;
    char buf[12];
    assert_int_equal(parse(doc, &a, &t), 0);
    size_t n = vigil__json_path(&t, doc, 12, "body", buf, sizeof buf);
    assert_int_equal(n, 11);
    assert_string_equal(buf, "body.items[");
    n = vigil__json_path(&t, doc, 12, "body", buf, 1);
    assert_int_equal(n, 0);
    assert_int_equal(buf[0], 0);
    assert_int_equal(vigil__json_path(&t, doc, 12, "body", buf, 0), 0);
    /* out-of-range index: the prefix only */
    n = vigil__json_path(&t, doc, 99, "body", buf, sizeof buf);
    assert_string_equal(buf, "body");
    vigil__arena_free(&a);

    /* very deep documents: correct and bounded */
    size_t d = 500;
    char *s = malloc(2 * d + 2);
    assert_non_null(s);
    memset(s, '[', d);
    s[d] = '7';
    memset(s + d + 1, ']', d);
    vigil__arena_init(&a, ARENA_LIMIT);
    assert_int_equal(vigil__json_parse(s, 2 * d + 1, NULL, &a, &t), 0);
    char *big = malloc(4096);
    assert_non_null(big);
    n = vigil__json_path(&t, s, (uint32_t)d, "r", big, 4096);
    assert_int_equal(n, 1 + 3 * d);
    for (size_t i = 0; i < d; i++)
        assert_memory_equal(big + 1 + 3 * i, "[0]", 3);
    char small[64];
    n = vigil__json_path(&t, s, (uint32_t)d, "r", small, sizeof small);
    assert_int_equal(n, 63);
    assert_memory_equal(small, big, 63);
    free(big);
    free(s);
    vigil__arena_free(&a);

    /* long keys are cut, not scanned to the end for every path */
    size_t kl = 1 << 20;
    s = malloc(kl + 16);
    assert_non_null(s);
    s[0] = '{';
    s[1] = '"';
    memset(s + 2, 'k', kl);
    memcpy(s + 2 + kl, "\":1}", 5);
    vigil__arena_init(&a, ARENA_LIMIT);
    assert_int_equal(vigil__json_parse(s, strlen(s), NULL, &a, &t), 0);
    double t0 = now_s();
    for (int i = 0; i < 1000; i++)
        n = vigil__json_path(&t, s, 2, "b", small, sizeof small);
    assert_true(now_s() - t0 < 0.5);
    assert_int_equal(n, 63);
    assert_memory_equal(small, "b.kkk", 5);
    free(s);
    vigil__arena_free(&a);
}

static void test_path_append(void **state)
{
    (void)state;
    char buf[32];
    size_t n = vigil__path_append_key(buf, sizeof buf, 0, "query", 5);
    assert_string_equal(buf, "query");
    n = vigil__path_append_key(buf, sizeof buf, n, "limit", 5);
    assert_string_equal(buf, "query.limit");
    n = vigil__path_append_index(buf, sizeof buf, n, 12);
    assert_string_equal(buf, "query.limit[12]");
    n = vigil__path_append_key(buf, sizeof buf, n, "a\"b", 3);
    assert_string_equal(buf, "query.limit[12][\"a\\\"b\"]");
    assert_int_equal(n, strlen(buf));
    n = vigil__path_append_key(buf, sizeof buf, n, "overflowing-name", 16);
    assert_int_equal(n, sizeof buf - 1);
    assert_int_equal(strlen(buf), sizeof buf - 1);
    /* len at the end: nothing more fits */
    assert_int_equal(vigil__path_append_index(buf, sizeof buf, n, 3), sizeof buf - 1);
}

/* locate: every value's path leads back to that value. */
static void roundtrip(const char *doc)
{
    vigil__arena a;
    vigil__arena_init(&a, ARENA_LIMIT);
    vigil__jtape t;
    char path[512];
    assert_int_equal(parse(doc, &a, &t), 0);
    for (uint32_t i = 0; i < t.n; i++) {
        const vigil__jtok *k = &t.tok[i];
        if (k->type == VIGIL__J_KEY)
            continue;
        /* with duplicate keys only the first is reachable */
        if (i > 0 && t.tok[k->parent].type == VIGIL__J_OBJECT) {
            int dup = 0;
            vigil_str me, other;
            assert_int_equal(vigil__json_string(&t, doc, i - 1, &a, &me), 0);
            for (uint32_t j = k->parent + 1; j < i - 1; j = t.tok[j].next) {
                assert_int_equal(vigil__json_string(&t, doc, j, &a, &other), 0);
                if (other.len == me.len && memcmp(other.ptr, me.ptr, me.len) == 0)
                    dup = 1;
            }
            if (dup)
                continue;
        }
        vigil__json_path(&t, doc, i, "", path, sizeof path);
        size_t off = 12345;
        assert_int_equal(vigil__json_locate(doc, strlen(doc), path, &off), 1);
        size_t want = k->type == VIGIL__J_STRING ? k->start - 1u : k->start;
        assert_int_equal(off, want);
    }
    vigil__arena_free(&a);
}

static void test_locate(void **state)
{
    (void)state;
    const char *pol = "{\n"
                      "  \"routes\": [\n"
                      "    {\"path\": \"/a\"},\n"
                      "    {\"path\": \"/b\", \"query\": {\"properties\": {\"id\": {\"minimum\": \"x\"}}}}\n"
                      "  ]\n"
                      "}\n";
    size_t n = strlen(pol), off = 0;
    int line, col;
    assert_int_equal(vigil__json_locate(pol, n, "routes[1].query.properties.id.minimum", &off), 1);
    assert_int_equal(pol[off], '"');
    vigil__json_line_col(pol, n, off, &line, &col);
    assert_int_equal(line, 4);
    assert_int_equal(col, 63);
    assert_int_equal(vigil__json_locate(pol, n, "routes[0].path", &off), 1);
    vigil__json_line_col(pol, n, off, &line, &col);
    assert_int_equal(line, 3);
    assert_int_equal(col, 14);
    assert_int_equal(vigil__json_locate(pol, n, "", &off), 1);
    assert_int_equal(off, 0);
    assert_int_equal(vigil__json_locate(pol, n, "routes", &off), 1);
    assert_int_equal(pol[off], '[');
    /* not found: 0, and the deepest enclosing value */
    assert_int_equal(vigil__json_locate(pol, n, "routes[1].query.nope", &off), 0);
    assert_int_equal(off, (size_t)(strstr(pol, "{\"properties\"") - pol));
    assert_int_equal(vigil__json_locate(pol, n, "routes[2]", &off), 0);
    assert_int_equal(pol[off], '[');
    assert_int_equal(vigil__json_locate(pol, n, "routes.x", &off), 0);
    assert_int_equal(vigil__json_locate(pol, n, "routes[0][0]", &off), 0);
    /* malformed paths */
    assert_int_equal(vigil__json_locate(pol, n, "routes[", &off), 0);
    assert_int_equal(vigil__json_locate(pol, n, "routes[x]", &off), 0);
    assert_int_equal(vigil__json_locate(pol, n, "routes..a", &off), 0);
    assert_int_equal(vigil__json_locate(pol, n, "[\"routes", &off), 0);
    assert_int_equal(vigil__json_locate(pol, n, "[\"routes\"", &off), 0);
    assert_int_equal(vigil__json_locate(pol, n, "[\"\\q\"]", &off), 0);
    assert_int_equal(vigil__json_locate(pol, n, "routes[99999999999999999999999]", &off), 0);
    assert_int_equal(vigil__json_locate(pol, n, "[\"routes\"][1]", &off), 1);
    /* unparsable text */
    assert_int_equal(vigil__json_locate("{\"a\":", 5, "a", &off), 0);
    assert_int_equal(off, 0);
    assert_int_equal(vigil__json_locate(NULL, 0, "a", &off), 0);
    assert_int_equal(vigil__json_locate(pol, n, NULL, NULL), 0);
    /* quoted and escaped keys, first duplicate wins */
    const char *q = "{\"a b\":{\"x\\\"y\":[0,{\"\xc3\xa9\":true}]},\"d\":1,\"d\":2}";
    assert_int_equal(vigil__json_locate(q, strlen(q), "[\"a b\"][\"x\\\"y\"][1][\"\\xc3\\xa9\"]", &off), 1);
    assert_memory_equal(q + off, "true", 4);
    assert_int_equal(vigil__json_locate(q, strlen(q), "d", &off), 1);
    assert_int_equal(q[off], '1');

    roundtrip(pol);
    roundtrip(q);
    roundtrip("{\"k\\u0065y\":[[],{},\"s\",{\"\":{\"\\\\\":[null,false]}}],\"z\":{\"1\":2}}");
    roundtrip("[1,[2,[3,[4,{\"a.b\":[5,\"six\"]}]]]]");
}

static void test_line_col(void **state)
{
    (void)state;
    int line = 0, col = 0;
    const char *s = "ab\ncd\n\xc3\xa9x";
    vigil__json_line_col(s, strlen(s), 0, &line, &col);
    assert_int_equal(line, 1);
    assert_int_equal(col, 1);
    vigil__json_line_col(s, strlen(s), 2, &line, &col);
    assert_int_equal(line, 1);
    assert_int_equal(col, 3);
    vigil__json_line_col(s, strlen(s), 3, &line, &col);
    assert_int_equal(line, 2);
    assert_int_equal(col, 1);
    vigil__json_line_col(s, strlen(s), 8, &line, &col); /* after é: one column */
    assert_int_equal(line, 3);
    assert_int_equal(col, 2);
    vigil__json_line_col(s, strlen(s), 1000, &line, &col); /* clamped */
    assert_int_equal(line, 3);
    assert_int_equal(col, 3);
    vigil__json_line_col(s, strlen(s), 4, NULL, &col);
    assert_int_equal(col, 2);
}

/* Mutations of valid documents never crash, and what parses is sound. */
static void test_mutations(void **state)
{
    (void)state;
    static const char *seeds[] = {
        "{\"a\":[1,2.5e-3,{\"b\":null,\"c\":true}],\"d\":\"x\\u00e9\\ud83d\\ude00\"}",
        "[[],{},[{\"\":\"\"}],-0,0.0,1E+2,\"\\\\\\/\"]",
        "{\"k\":{\"k\":{\"k\":[false,\"\xc3\xa9\xff\"]}}}",
    };
    static const char alphabet[] = "{}[]\",:\\u0123456789eE+-.tfnrl \x80\xc3\xff\x00";
    vigil__arena a;
    vigil__arena_init(&a, ARENA_LIMIT);
    vigil__jtape t;
    unsigned r = 1;
    char buf[128], path[128];
    int ok = 0;
    for (int iter = 0; iter < 200000; iter++) {
        const char *seed = seeds[iter % 3];
        size_t n = strlen(seed);
        memcpy(buf, seed, n);
        for (int m = 0; m < 1 + iter % 3; m++) {
            r = r * 1103515245u + 12345u;
            size_t pos = (r >> 8) % n;
            r = r * 1103515245u + 12345u;
            unsigned op = (r >> 16) % 3;
            char c = alphabet[(r >> 4) % (sizeof alphabet - 1)];
            if (op == 0) {
                buf[pos] = c;
            } else if (op == 1 && n > 1) {
                memmove(buf + pos, buf + pos + 1, n - pos - 1);
                n--;
            } else if (n + 1 < sizeof buf) {
                memmove(buf + pos + 1, buf + pos, n - pos);
                buf[pos] = c;
                n++;
            }
        }
        vigil__arena_reset(&a);
        int rc = vigil__json_parse(buf, n, NULL, &a, &t);
        if (rc == 0) {
            ok++;
            check_tape(&t, buf, n);
            for (uint32_t i = 0; i < t.n; i++) {
                vigil_str sv;
                if (t.tok[i].type == VIGIL__J_STRING || t.tok[i].type == VIGIL__J_KEY)
                    assert_int_equal(vigil__json_string(&t, buf, i, &a, &sv), 0);
                size_t pl = vigil__json_path(&t, buf, i, "b", path, sizeof path);
                assert_int_equal(pl, strlen(path));
                for (size_t k = 0; k < pl; k++)
                    assert_true(path[k] >= 0x20 && path[k] <= 0x7e);
            }
        } else {
            assert_true(rc == VIGIL__JERR_SYNTAX);
            assert_true(t.err_off <= n);
        }
    }
    assert_true(ok > 1000); /* the mutator does reach valid documents */
    vigil__arena_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_structure),
        cmocka_unit_test(test_scalars),
        cmocka_unit_test(test_syntax_errors),
        cmocka_unit_test(test_depth),
        cmocka_unit_test(test_tokens_and_memory),
        cmocka_unit_test(test_utf8_flags),
        cmocka_unit_test(test_unescape),
        cmocka_unit_test(test_paths),
        cmocka_unit_test(test_path_append),
        cmocka_unit_test(test_locate),
        cmocka_unit_test(test_line_col),
        cmocka_unit_test(test_mutations),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
