/* test_detect_ssrf.c - SSRF detector (syntactic host classification). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "detect.h"

#define DETECT_UNDER_TEST vigil__detect_ssrf
#include "detect_level.h"

#define LVL(lit) level(lit, sizeof(lit) - 1)

static const char *detail_of(const char *s)
{
    vigil__finding f;
    memset(&f, 0, sizeof f);
    if (!vigil__detect_ssrf(s, strlen(s), 3, &f))
        return "";
    return f.detail;
}

static void test_loopback_spellings(void **state)
{
    (void)state;
    static const char *const loop[] = {
        "http://127.0.0.1/", "https://localhost:8443/x", "http://LOCALHOST./", "http://a.localhost/",
        "http://[::1]/", "http://[::]/", "http://0.0.0.0/", "http://0/", "http://2130706433/",
        "http://017700000001/", "http://0x7f000001/", "http://0177.0.0.1/", "http://0x7f.1/",
        "http://127.1/", "http://127.0.1/", "http://[::ffff:127.0.0.1]/", "http://[::ffff:7f00:1]/",
        "http://[0:0:0:0:0:ffff:127.0.0.1]/", "http://[64:ff9b::7f00:1]/", "http://[2002:7f00:1::]/",
        "http://127.0.0.1.nip.io/", "http://127-0-0-1.sslip.io/", "http://app.localtest.me/",
        "HTTP://127.0.0.1:80/", "http://\xe2\x91\xa0\xe2\x91\xa1\xe2\x91\xa6.0.0.1/", /* circled 127 */
        "http://127\xe3\x80\x82" "0\xe3\x80\x82" "0\xe3\x80\x82" "1/",          /* U+3002 dots */
        "http://evil.example@127.0.0.1/", "//127.0.0.1/x", "\\\\localhost\\share",
        "http:\\\\127.0.0.1\\x", "<img src=\"http://127.0.0.1/\">"};
    for (size_t i = 0; i < sizeof loop / sizeof *loop; i++)
        if (level(loop[i], strlen(loop[i])) != 1)
            fail_msg("loopback URL not at level 1: %s", loop[i]);
    assert_string_equal(detail_of("http://127.0.0.1/"), "URL to loopback/private address");
}

static void test_private_and_metadata(void **state)
{
    (void)state;
    assert_int_equal(LVL("http://10.0.0.1/"), 2);
    assert_int_equal(LVL("http://172.16.0.5:8080/"), 2);
    assert_int_equal(LVL("http://172.31.255.255/"), 2);
    assert_int_equal(LVL("ftp://192.168.1.10/"), 2);
    assert_int_equal(LVL("http://169.254.1.1/"), 2);
    assert_int_equal(LVL("http://[fe80::1%25eth0]/"), 2);
    assert_int_equal(LVL("http://[fd12:3456::1]/"), 2);
    assert_int_equal(LVL("http://0xa.0.0.1/"), 1); /* odd spelling of a private address */
    assert_int_equal(LVL("http://100.64.1.1/"), 3);
    assert_int_equal(LVL("http://db.internal/"), 3);
    /* metadata services */
    assert_int_equal(LVL("http://169.254.169.254/latest/meta-data/"), 1);
    assert_int_equal(LVL("http://2852039166/"), 1);
    assert_int_equal(LVL("http://[::ffff:a9fe:a9fe]/"), 1);
    assert_int_equal(LVL("http://metadata.google.internal/computeMetadata/v1/"), 1);
    assert_int_equal(LVL("http://100.100.100.200/latest/meta-data/"), 1);
    assert_int_equal(LVL("http://[fd00:ec2::254]/"), 1);
    assert_string_equal(detail_of("http://169.254.169.254/"), "cloud metadata address");
    /* even inside another URL's query (open-redirect chains) */
    assert_int_equal(LVL("https://example.com/r?u=http://169.254.169.254/"), 1);
    assert_int_equal(LVL("https://example.com/r?u=http://127.0.0.1/"), 3);
}

static void test_parser_confusion_and_schemes(void **state)
{
    (void)state;
    assert_int_equal(LVL("http://127.0.0.1@evil.example/"), 2);
    assert_int_equal(LVL("http://evil.example#@127.0.0.1/"), 2);
    assert_int_equal(LVL("http://127.0.0.1:80\\@evil.example/"), 1);
    assert_int_equal(LVL("gopher://evil.example:70/_x"), 2);
    assert_int_equal(LVL("dict://example.com:11211/stats"), 2);
    assert_int_equal(LVL("file:///etc/passwd"), 2);
    assert_int_equal(LVL("gopher://127.0.0.1:6379/_INFO"), 1);
    assert_string_equal(detail_of("dict://example.com:11211/"), "dangerous URL scheme");
    /* authorities read by parsers that stop only at '/', blanks included */
    assert_int_equal(LVL("http://google.com:80 &@google.com:80# @127.88.23.245:22/"), 2);
    /* resolvers that drop backslash escapes */
    assert_int_equal(LVL("http://\\l\\o\\c\\a\\l\\h\\o\\s\\t/"), 2);
    /* a dotless number past 2^32 wraps for 32-bit parsers */
    assert_int_equal(LVL("http://7147006462/"), 1);
    /* a scheme without slashes and a four-part address */
    assert_int_equal(LVL("http:0251.0376.0251.0376"), 1);
    assert_int_equal(LVL("http:0xA9.0xFE.0xA9"), 0);
}

static void test_bare_hosts(void **state)
{
    (void)state;
    assert_int_equal(LVL("169.254.169.254"), 2);
    assert_int_equal(LVL("metadata.google.internal"), 2);
    assert_int_equal(LVL("[::1]:8080"), 2);
    assert_int_equal(LVL("0177.0.0.1"), 2);
    assert_int_equal(LVL("localhost"), 3);
    assert_int_equal(LVL("127.0.0.1:6379"), 3);
    assert_int_equal(LVL("10.0.0.5"), 3);
    /* numbers are not hosts */
    assert_int_equal(LVL("127.1"), 0);
    assert_int_equal(LVL("2130706433"), 0);
}

static void test_benign(void **state)
{
    (void)state;
    static const char *const ok[] = {
        "https://example.com/", "https://example.com:8443/api?x=1",
        "http://www.google.com/search?q=127.0.0.1", "https://user@example.com/", "https://8.8.8.8/",
        "https://128.0.0.1/", "https://172.32.0.1/", "https://192.169.0.1/", "https://11.0.0.1/",
        "https://[2001:db8::1]/", "http://localhostess.com/", "http://mylocalhost.example.com/",
        "https://example.com/localhost", "//cdn.example.com/x.js", "mailto:someone@example.com",
        "data:text/plain,hello", "10.5", "127", "192.168", "v1.0.0.1", "hello world",
        "john@localhost.example.com", "https://metadata.example.com/", "http://169.254.example.com/",
        "https://10minutemail.com/", "The server at 10.0.0.1 is down", "localhost is a hostname",
        "example.com:8080", "1.1.1.1", "John", "Tom & Jerry", "https://www.127.com/",
        "http://1.2.3.4.nip.io/", "http://[::ffff:8.8.8.8]/", "http://4294967297/",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)",
        "550e8400-e29b-41d4-a716-446655440000", "Meet at 10:30; http:// is a scheme",
        "https://example.com/a b @10.0.0.1"};
    for (size_t i = 0; i < sizeof ok / sizeof *ok; i++) {
        vigil__finding f;
        if (vigil__detect_ssrf(ok[i], strlen(ok[i]), 2, &f))
            fail_msg("false positive at sensitivity 2: %s (%s)", ok[i], f.detail);
    }
}

static void test_robustness(void **state)
{
    (void)state;
    vigil__finding f;
    assert_int_equal(vigil__detect_ssrf(NULL, 0, 2, &f), 0);
    assert_int_equal(vigil__detect_ssrf("", 0, 2, &f), 0);
    assert_int_equal(vigil__detect_ssrf("http://127.0.0.1/", 17, 2, NULL), 1);
    assert_int_equal(vigil__detect_ssrf("http://127.0.0.1/", 9, 3, &f), 0); /* "http://12" */
    /* malformed addresses must not be misread */
    assert_int_equal(LVL("http://[::ffff:127.0.0.1/"), 0);
    assert_int_equal(LVL("http://[1:2:3:4:5:6:7:8:9]/"), 0);
    assert_int_equal(LVL("http://256.0.0.1/"), 0);
    assert_int_equal(LVL("http://0x1ffffffff/"), 0);
    assert_int_equal(LVL("http://1.2.3.4.5/"), 0);
    size_t n = (size_t)1 << 20;
    char *buf = malloc(n);
    assert_non_null(buf);
    static const char *const pats[] = {"a://", "@", "[::ffff:", "http://x#@", ":", "0x7f."};
    for (size_t p = 0; p < sizeof pats / sizeof *pats; p++) {
        size_t l = strlen(pats[p]);
        for (size_t i = 0; i < n; i++)
            buf[i] = pats[p][i % l];
        for (int sens = 1; sens <= 3; sens++)
            (void)vigil__detect_ssrf(buf, n, sens, &f);
    }
    for (size_t i = 0; i < 4096; i++)
        buf[i] = (char)(i * 31 + (i >> 5));
    for (size_t len = 0; len < 4096; len += 89)
        (void)vigil__detect_ssrf(buf, len, 3, &f);
    free(buf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_loopback_spellings),
        cmocka_unit_test(test_private_and_metadata),
        cmocka_unit_test(test_parser_confusion_and_schemes),
        cmocka_unit_test(test_bare_hosts),
        cmocka_unit_test(test_benign),
        cmocka_unit_test(test_robustness),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
