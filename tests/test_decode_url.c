/* test_decode_url.c - vigil__url_decode and vigil__decode_hints. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "decode.h"

/* Decodes a NUL-terminated literal and compares with the expected bytes. */
static void check_url(const char *in, int plus, const char *want, size_t wantlen)
{
    char out[256];
    size_t n = strlen(in);
    assert_true(n < sizeof out);
    size_t got = vigil__url_decode(in, n, out, plus);
    assert_int_equal(got, wantlen);
    assert_memory_equal(out, want, wantlen);
    /* in place gives the same */
    char buf[256];
    memcpy(buf, in, n);
    assert_int_equal(vigil__url_decode(buf, n, buf, plus), wantlen);
    assert_memory_equal(buf, want, wantlen);
}

#define URL(in, plus, want) check_url(in, plus, want, sizeof(want) - 1)

static void test_url_basic(void **state)
{
    (void)state;
    URL("", 0, "");
    URL("plain", 0, "plain");
    URL("a%20b", 0, "a b");
    URL("%41%42%43", 0, "ABC");
    URL("%4a%4A", 0, "JJ");
    URL("%00x", 0, "\0x");
    URL("%ff", 0, "\xff");
    URL("%2541", 0, "%41"); /* one pass only */
    URL("%%41", 0, "%A");
}

static void test_url_invalid_kept(void **state)
{
    (void)state;
    URL("%zz", 0, "%zz");
    URL("%", 0, "%");
    URL("a%", 0, "a%");
    URL("%4", 0, "%4");
    URL("%4g", 0, "%4g");
    URL("%g4", 0, "%g4");
    URL("%u", 0, "%u");
    URL("%u12", 0, "%u12");
    URL("%u12G4", 0, "%u12G4");
    URL("100%", 1, "100%");
}

static void test_url_plus(void **state)
{
    (void)state;
    URL("a+b", 0, "a+b");
    URL("a+b", 1, "a b");
    URL("++%2B", 1, "  +");
    URL("%2B", 0, "+");
}

static void test_url_percent_u(void **state)
{
    (void)state;
    URL("%u0041", 0, "A");
    URL("%U0041", 0, "A");
    URL("%u00e9", 0, "\xc3\xa9");
    URL("%u20AC", 0, "\xe2\x82\xac");
    URL("%u003cscript%u003e", 0, "<script>");
    URL("%uD83D%uDE00", 0, "\xf0\x9f\x98\x80"); /* a pair is joined */
    URL("%uD83D", 0, "\xef\xbf\xbd");           /* lone high */
    URL("%uDE00x", 0, "\xef\xbf\xbdx");         /* lone low */
    URL("%uD83D%u0041", 0, "\xef\xbf\xbd" "A");
    URL("%uD83D%uD83D", 0, "\xef\xbf\xbd\xef\xbf\xbd");
    URL("%uD83D%uDE0", 0, "\xef\xbf\xbd%uDE0");
    URL("%u0000", 0, "\0");
}

static uint32_t rng_state = 12345;
static uint32_t rnd(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 17;
    rng_state ^= rng_state << 5;
    return rng_state;
}

/* Random strings over an alphabet dense in escapes: decoding never grows,
 * in-place equals out-of-place, no sanitizer complaint. */
static void test_url_random(void **state)
{
    static const char alpha[] = "%%%uUdD8Ee0F9a+zZ ";
    char in[64], out[64], inpl[64];
    (void)state;
    for (int iter = 0; iter < 200000; iter++) {
        size_t n = rnd() % sizeof in;
        for (size_t i = 0; i < n; i++)
            in[i] = alpha[rnd() % (sizeof alpha - 1)];
        int plus = (int)(rnd() & 1);
        size_t a = vigil__url_decode(in, n, out, plus);
        memcpy(inpl, in, n);
        size_t b = vigil__url_decode(inpl, n, inpl, plus);
        assert_true(a <= n);
        assert_int_equal(a, b);
        assert_memory_equal(out, inpl, a);
    }
}

/* ------------------------------------------------------------------ hints */

static int is_hex(int c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static int is_alpha(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_b64(int c)
{
    return is_alpha(c) || (c >= '0' && c <= '9') || c == '+' || c == '/' || c == '-' ||
           c == '_';
}

/* Straightforward restatement of decode.h's definition. */
static unsigned ref_hints(const unsigned char *s, size_t n)
{
    unsigned r = 0;
    for (size_t i = 0; i < n; i++) {
        int c = s[i], d = i + 1 < n ? s[i + 1] : -1;
        if (c == '%' && d >= 0 && (is_hex(d) || d == 'u' || d == 'U'))
            r |= VIGIL__DEC_URL;
        if (c == '+')
            r |= VIGIL__DEC_PLUS;
        if (c == '&' && d >= 0 && (d == '#' || is_alpha(d)))
            r |= VIGIL__DEC_HTML;
        if (c == '\\')
            r |= VIGIL__DEC_JS;
        if (c >= 0x80 || c == 0)
            r |= VIGIL__DEC_UTF8;
    }
    size_t m = n;
    for (int k = 0; k < 2 && m > 0 && s[m - 1] == '='; k++)
        m--;
    int b64 = n >= 16 && m > 0;
    for (size_t i = 0; i < m && b64; i++)
        b64 = is_b64(s[i]);
    if (b64)
        r |= VIGIL__DEC_BASE64;
    return r;
}

#define HINTS(lit) vigil__decode_hints(lit, sizeof(lit) - 1)

static void test_hints_flags(void **state)
{
    (void)state;
    assert_int_equal(HINTS(""), 0);
    assert_int_equal(HINTS("hello world"), 0);
    assert_int_equal(HINTS("a%41"), VIGIL__DEC_URL);
    assert_int_equal(HINTS("a%u0041"), VIGIL__DEC_URL);
    assert_int_equal(HINTS("100% sure"), 0);
    assert_int_equal(HINTS("100%"), 0);
    assert_int_equal(HINTS("%zz"), 0);
    assert_int_equal(HINTS("a+b"), VIGIL__DEC_PLUS);
    assert_int_equal(HINTS("&lt;"), VIGIL__DEC_HTML);
    assert_int_equal(HINTS("&#60;"), VIGIL__DEC_HTML);
    assert_int_equal(HINTS("a & b"), 0);
    assert_int_equal(HINTS("a&"), 0);
    assert_int_equal(HINTS("\\x41"), VIGIL__DEC_JS);
    assert_int_equal(HINTS("caf\xc3\xa9"), VIGIL__DEC_UTF8);
    assert_int_equal(HINTS("a\0b"), VIGIL__DEC_UTF8);
    assert_int_equal(HINTS("%41&lt;\\+\x80"), VIGIL__DEC_URL | VIGIL__DEC_HTML | VIGIL__DEC_JS |
                                                  VIGIL__DEC_PLUS | VIGIL__DEC_UTF8);
}

static void test_hints_base64(void **state)
{
    (void)state;
    /* "this is a test" */
    assert_int_equal(HINTS("dGhpcyBpcyBhIHRlc3Q="), VIGIL__DEC_BASE64);
    assert_int_equal(HINTS("dGhpcyBpcyBhIHRlc3Q"), VIGIL__DEC_BASE64);
    assert_int_equal(HINTS("dGhpcyBpcyBhIHRl"), VIGIL__DEC_BASE64); /* 16 */
    assert_int_equal(HINTS("dGhpcyBpcyBhIHR"), 0);                  /* 15 */
    assert_int_equal(HINTS("YWJj-_YWJjYWJjYWJj=="), VIGIL__DEC_BASE64);
    assert_int_equal(HINTS("YWJjYWJj+/YWJjYWJj"), VIGIL__DEC_BASE64 | VIGIL__DEC_PLUS);
    assert_int_equal(HINTS("YWJjYWJjYWJjYWJj==="), 0);
    assert_int_equal(HINTS("YWJjYWJj=YWJjYWJj"), 0);
    assert_int_equal(HINTS("YWJjYWJj YWJjYWJj"), 0);
    assert_int_equal(HINTS("================"), 0);
}

/* Compares with the reference on random strings of many lengths, so the
 * 16-byte, 8-byte and tail paths and their seams are all crossed. */
static void test_hints_random(void **state)
{
    static const char alpha[] = "aZ9+/=-_%u&#;\\ \x80";
    unsigned char buf[200];
    (void)state;
    for (int iter = 0; iter < 300000; iter++) {
        size_t n = rnd() % sizeof buf;
        /* Mostly plain text with rare specials, sometimes dense. */
        int dense = (rnd() & 3) == 0;
        for (size_t i = 0; i < n; i++) {
            if (dense || rnd() % 40 == 0)
                buf[i] = (unsigned char)alpha[rnd() % (sizeof alpha - 1)];
            else
                buf[i] = (unsigned char)("abc xyz"[rnd() % 7]);
        }
        if (rnd() % 8 == 0 && n > 0)
            buf[rnd() % n] = (unsigned char)(rnd() & 0xff);
        assert_int_equal(vigil__decode_hints((const char *)buf, n), ref_hints(buf, n));
    }
    /* A pair split across every word boundary. */
    for (size_t pos = 0; pos < 40; pos++) {
        memset(buf, 'x', 48);
        buf[20] = ' ';
        buf[pos] = '%';
        buf[pos + 1] = '4';
        assert_int_equal(vigil__decode_hints((const char *)buf, 48), ref_hints(buf, 48));
        assert_true(vigil__decode_hints((const char *)buf, 48) & VIGIL__DEC_URL);
        buf[pos] = '&';
        buf[pos + 1] = '#';
        assert_int_equal(vigil__decode_hints((const char *)buf, 48), VIGIL__DEC_HTML);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_url_basic),     cmocka_unit_test(test_url_invalid_kept),
        cmocka_unit_test(test_url_plus),      cmocka_unit_test(test_url_percent_u),
        cmocka_unit_test(test_url_random),    cmocka_unit_test(test_hints_flags),
        cmocka_unit_test(test_hints_base64),  cmocka_unit_test(test_hints_random),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
