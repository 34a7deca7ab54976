/* test_decode.c - HTML, JavaScript, UTF-8 folding and base64 decoders. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "decode.h"

typedef size_t (*decoder)(const char *, size_t, char *);

/* Decodes `in` (n bytes) out of place and in place and checks both give
 * `want` (wn bytes). */
static void check(decoder fn, const char *in, size_t n, const char *want, size_t wn)
{
    char out[512], inplace[512];
    memset(out, 0x5A, sizeof out);
    size_t m = fn(in, n, out);
    if (m != wn || memcmp(out, want, wn) != 0)
        fail_msg("decoding \"%.*s\": got %zu bytes \"%.*s\", want %zu \"%.*s\"", (int)n, in,
                 m, (int)m, out, wn, (int)wn, want);
    /* nothing written past the returned length */
    assert_true((unsigned char)out[m] == 0x5A);
    memcpy(inplace, in, n);
    size_t k = fn(inplace, n, inplace);
    assert_int_equal(k, wn);
    assert_memory_equal(inplace, want, wn);
}

#define CHECK(fn, in, want) check(fn, in, sizeof(in) - 1, want, sizeof(want) - 1)

static void test_html_named(void **state)
{
    (void)state;
    CHECK(vigil__html_decode, "&lt;script&gt;", "<script>");
    CHECK(vigil__html_decode, "&LT;b&GT;", "<b>");
    CHECK(vigil__html_decode, "a &amp; b &quot;c&quot; &apos;d&apos;", "a & b \"c\" 'd'");
    CHECK(vigil__html_decode, "javascript&colon;alert&lpar;1&rpar;", "javascript:alert(1)");
    CHECK(vigil__html_decode, "&lsqb;&rsqb;&lcub;&rcub;&sol;&bsol;&grave;", "[]{}/\\`");
    CHECK(vigil__html_decode, "&equals;&excl;&num;&dollar;&percnt;&plus;&comma;&period;&semi;",
          "=!#$%+,.;");
    CHECK(vigil__html_decode, "java&Tab;script&NewLine;", "java\tscript\n");
    CHECK(vigil__html_decode, "a&nbsp;b", "a\xc2\xa0" "b");
    /* legacy names work without ';' (also as a prefix), others do not */
    CHECK(vigil__html_decode, "&ltscript&gt", "<script>");
    CHECK(vigil__html_decode, "&quot&amp", "\"&");
    CHECK(vigil__html_decode, "&colon &lpar", "&colon &lpar");
    /* unknown names, bare and trailing ampersands stay */
    CHECK(vigil__html_decode, "&foo; & &", "&foo; & &");
    CHECK(vigil__html_decode, "AT&T R&D &", "AT&T R&D &");
    /* names that share a first letter or a prefix with another */
    CHECK(vigil__html_decode, "&LPAR;&lparx;&ltpar;&Lt;&verbar;&vert;&ver;",
          "(&lparx;<par;<||&ver;");
    CHECK(vigil__html_decode, "&NonBreakingSpace;&nbspx&diacriticalgrave;",
          "\xc2\xa0\xc2\xa0x`");
}

static void test_html_numeric(void **state)
{
    (void)state;
    CHECK(vigil__html_decode, "&#60;&#x3c;&#X3C;", "<<<");
    CHECK(vigil__html_decode, "&#60&#x3e", "<>");
    CHECK(vigil__html_decode, "&#0000060;&#x000003e;", "<>");
    CHECK(vigil__html_decode, "&#233;", "\xc3\xa9");
    CHECK(vigil__html_decode, "&#x1F600;", "\xf0\x9f\x98\x80");
    /* NUL, surrogates and out-of-range values become U+FFFD */
    CHECK(vigil__html_decode, "&#0;", "\xef\xbf\xbd");
    CHECK(vigil__html_decode, "&#xD800;", "\xef\xbf\xbd");
    CHECK(vigil__html_decode, "&#99999999999999999999;x", "\xef\xbf\xbdx");
    /* browsers read &#128;-&#159; as Windows-1252 */
    CHECK(vigil__html_decode, "&#128;", "\xe2\x82\xac");
    /* no digits: literal */
    CHECK(vigil__html_decode, "&#; &#x; &#", "&#; &#x; &#");
}

static void test_js(void **state)
{
    (void)state;
    CHECK(vigil__js_decode, "\\u003cscript\\u003E", "<script>");
    CHECK(vigil__js_decode, "\\x3c\\x3E", "<>");
    CHECK(vigil__js_decode, "\\u{41}\\u{1F600}", "A\xf0\x9f\x98\x80");
    CHECK(vigil__js_decode, "\\uD83D\\uDE00", "\xf0\x9f\x98\x80");
    CHECK(vigil__js_decode, "\\uD83Dx", "\xef\xbf\xbdx");   /* lone high surrogate */
    CHECK(vigil__js_decode, "\\uDE00", "\xef\xbf\xbd");     /* lone low surrogate */
    CHECK(vigil__js_decode, "\\101\\60\\0", "A0\0");         /* octal */
    CHECK(vigil__js_decode, "\\477", "'7");                  /* \47 then '7' */
    CHECK(vigil__js_decode, "a\\nb\\rc\\td\\be\\ff\\vg", "a\nb\rc\td\be\ff\vg");
    CHECK(vigil__js_decode, "\\\\ \\\" \\' \\/", "\\ \" ' /");
    CHECK(vigil__js_decode, "\\j\\av\\a", "java");         /* unknown escapes */
    CHECK(vigil__js_decode, "\\xc0\\xae", "\xc0\xae");       /* raw bytes, for folding */
    /* malformed escapes drop only the backslash */
    CHECK(vigil__js_decode, "\\u00zz \\x4 \\u{110000}", "u00zz x4 u{110000}");
    CHECK(vigil__js_decode, "end\\", "end\\");
}

static void test_utf8_fold(void **state)
{
    (void)state;
    CHECK(vigil__utf8_fold, "\xc0\xae\xc0\xae\xc0\xaf", "../");
    CHECK(vigil__utf8_fold, "\xe0\x80\xae\xf0\x80\x80\xaf", "./");
    CHECK(vigil__utf8_fold, "\xf8\x80\x80\x80\xbc", "<");
    CHECK(vigil__utf8_fold, "\xc1\x9c", "\\");
    CHECK(vigil__utf8_fold, "a\0b\xc0\x80" "c", "abc");
    CHECK(vigil__utf8_fold, "\xef\xbc\x9cscript\xef\xbc\x9e", "<script>");
    CHECK(vigil__utf8_fold, "\xef\xbd\x9e\xef\xbc\x81", "~!");
    CHECK(vigil__utf8_fold, "select\xe3\x80\x80" "1", "select 1");
    /* valid non-ASCII, invalid and truncated bytes are copied */
    CHECK(vigil__utf8_fold, "caf\xc3\xa9 \xe6\x97\xa5", "caf\xc3\xa9 \xe6\x97\xa5");
    CHECK(vigil__utf8_fold, "\xff\xfe\xc0", "\xff\xfe\xc0");
    CHECK(vigil__utf8_fold, "\xe0\x82\x80", "\xe0\x82\x80"); /* overlong U+0080 */
    CHECK(vigil__utf8_fold, "\xc0" "a", "\xc0" "a");
    CHECK(vigil__utf8_fold, "\xef\xbd\xa0", "\xef\xbd\xa0"); /* U+FF60 */
}

/* The fast paths: ASCII runs read eight bytes at a time and runs of
 * non-Latin sequences copied whole must still stop at every form that
 * folds, wherever it sits. */
static void test_utf8_fold_runs(void **state)
{
    (void)state;
    static const struct {
        const char *in, *want;
    } forms[] = {
        {"\xc0\xae", "."}, {"\xe0\x80\xae", "."}, {"\xef\xbc\x8f", "/"}, {"\xe3\x80\x80", " "},
        {"\xf0\x80\x80\xaf", "/"}, {"\xf8\x80\x80\x80\xbc", "<"}, {"\xc1\x9c", "\\"},
    };
    static const char *const runs[] = {"abcdefghijklmnopqrstuvwxyz0123456789",
                                       "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\xe3\x81\xae\xc3\xa9\xea\xb0\x80"
                                       "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e"};
    char in[128], want[128], out[128];
    for (size_t r = 0; r < 2; r++) {
        for (size_t f = 0; f < sizeof forms / sizeof forms[0]; f++) {
            size_t fl = strlen(forms[f].in);
            for (size_t at = 0; at <= strlen(runs[r]); at++) {
                /* run[0, at) + form + run[at..] + NUL + "x"; NULs are removed */
                size_t rl = strlen(runs[r]), n = 0, wn = 0;
                memcpy(in, runs[r], at);
                n = at;
                memcpy(in + n, forms[f].in, fl);
                n += fl;
                memcpy(in + n, runs[r] + at, rl - at);
                n += rl - at;
                in[n++] = '\0';
                in[n++] = 'x';
                memcpy(want, runs[r], at);
                wn = at;
                want[wn++] = forms[f].want[0];
                memcpy(want + wn, runs[r] + at, rl - at);
                wn += rl - at;
                want[wn++] = 'x';
                size_t m = vigil__utf8_fold(in, n, out);
                assert_int_equal(m, wn);
                assert_memory_equal(out, want, wn);
                m = vigil__utf8_fold(in, n, in); /* in place */
                assert_int_equal(m, wn);
                assert_memory_equal(in, want, wn);
            }
        }
    }
}

static void test_base64(void **state)
{
    (void)state;
    char out[128];
    const char *s = "SGVsbG8gV29ybGQh";
    size_t m = vigil__base64_text(s, strlen(s), out);
    assert_int_equal(m, 12);
    assert_memory_equal(out, "Hello World!", 12);
    s = "PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="; /* with padding */
    m = vigil__base64_text(s, strlen(s), out);
    assert_int_equal(m, 25);
    assert_memory_equal(out, "<script>alert(1)</script>", 25);
    s = "PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg"; /* padding left off */
    assert_int_equal(vigil__base64_text(s, strlen(s), out), 25);
    s = "Pz8_Pz8_Pz8-Pj4-"; /* URL alphabet: 8 question marks, 4 ">" */
    m = vigil__base64_text(s, strlen(s), out);
    assert_int_equal(m, 12);
    assert_memory_equal(out, "\x3f\x3f\x3f\x3f\x3f\x3f\x3f\x3f>>>>", 12);
    /* not text, not base64, too short, bad lengths and padding */
    s = "AAECAwQFBgcICQoL";
    assert_int_equal(vigil__base64_text(s, strlen(s), out), 0);
    s = "SGVsbG8gV29y bGQh";
    assert_int_equal(vigil__base64_text(s, strlen(s), out), 0);
    s = "SGVsbG8=";
    assert_int_equal(vigil__base64_text(s, strlen(s), out), 0);
    s = "SGVsbG8gV29ybGQhA";
    assert_int_equal(vigil__base64_text(s, strlen(s), out), 0);
    s = "SGVsbG8=V29ybGQh";
    assert_int_equal(vigil__base64_text(s, strlen(s), out), 0);
    s = "SGVsbG8gV29ybGQ===";
    assert_int_equal(vigil__base64_text(s, strlen(s), out), 0);
    assert_int_equal(vigil__base64_text("", 0, out), 0);
    /* every length, with and without padding; an unprintable byte
     * anywhere rejects the value */
    static const char b64[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    const char *text = "The quick brown fox jumps over the lazy dog 0123456789!";
    char enc[128], raw[64];
    for (size_t len = 9; len <= 40; len++) {
        for (size_t bad = 0; bad <= len; bad++) {
            memcpy(raw, text, len);
            if (bad < len)
                raw[bad] = '\x01';
            size_t e = 0;
            for (size_t i = 0; i < len; i += 3) {
                uint32_t v = (uint32_t)(unsigned char)raw[i] << 16;
                if (i + 1 < len)
                    v |= (uint32_t)(unsigned char)raw[i + 1] << 8;
                if (i + 2 < len)
                    v |= (unsigned char)raw[i + 2];
                enc[e++] = b64[v >> 18 & 63];
                enc[e++] = b64[v >> 12 & 63];
                enc[e++] = i + 1 < len ? b64[v >> 6 & 63] : '=';
                enc[e++] = i + 2 < len ? b64[v & 63] : '=';
            }
            size_t unpadded = e;
            while (enc[unpadded - 1] == '=')
                unpadded--;
            size_t want = bad < len ? 0 : len;
            assert_int_equal(vigil__base64_text(enc, e, out), want);
            assert_int_equal(vigil__base64_text(enc, unpadded, out), want);
            if (want)
                assert_memory_equal(out, text, len);
        }
    }
}

/* Every decoder shrinks, writes nothing past its result (base64: past the
 * input length), and is safe on NULL with length 0 and on any bytes. */
static void test_any_bytes(void **state)
{
    (void)state;
    char out[1024 + 16];
    assert_int_equal(vigil__html_decode(NULL, 0, out), 0);
    assert_int_equal(vigil__js_decode(NULL, 0, out), 0);
    assert_int_equal(vigil__utf8_fold(NULL, 0, out), 0);
    assert_int_equal(vigil__base64_text(NULL, 0, out), 0);
    static const char alphabet[] = "&#x;0123456789abcdefABCDEFltgu{}\\\xc0\xae\xef\xbc\x81\0 %=+/";
    uint32_t seed = 12345;
    decoder fns[] = {vigil__html_decode, vigil__js_decode, vigil__utf8_fold, vigil__base64_text};
    char in[1024];
    for (int round = 0; round < 3000; round++) {
        size_t n = (size_t)(round % 97) * 10 % 1024;
        for (size_t i = 0; i < n; i++) {
            seed = seed * 1103515245u + 12345u;
            in[i] = alphabet[(seed >> 16) % (sizeof alphabet - 1)];
        }
        for (size_t k = 0; k < 4; k++) {
            memset(out, 0x5A, sizeof out);
            size_t m = fns[k](in, n, out);
            assert_true(m <= n);
            /* base64 may leave scratch bytes when it rejects a value, but
             * only within the input length */
            for (size_t g = k == 3 ? n : m; g < n + 16; g++)
                if ((unsigned char)out[g] != 0x5A)
                    fail_msg("decoder %zu wrote past its result", k);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_html_named),
        cmocka_unit_test(test_html_numeric),
        cmocka_unit_test(test_js),
        cmocka_unit_test(test_utf8_fold),
        cmocka_unit_test(test_utf8_fold_runs),
        cmocka_unit_test(test_base64),
        cmocka_unit_test(test_any_bytes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
