/* test_detect_rfi.c - remote file inclusion. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "detect.h"

/* Until detect.h declares it (see detect_rfi.c). */

#define DETECT_UNDER_TEST vigil__detect_rfi
#include "detect_level.h"

static int lvl(const char *s)
{
    return level(s, strlen(s));
}

static void expect_all(const char *const *v, size_t k, int want)
{
    for (size_t i = 0; i < k; i++) {
        int got = lvl(v[i]);
        if (got != want)
            fail_msg("level %d, expected %d: %s", got, want, v[i]);
    }
}

static void test_numeric_hosts(void **state)
{
    (void)state;
    static const char *const one[] = {
        "http://66.240.183.75/crash.php",
        "https://[2001:41d0:701:1100::29c8]/gecko.php",
        "https://2001:41d0:701:1100::29c8/gecko.php",
        "ftp://1.1.1.1",
        "ftp://10.1.2.3/pub/x",
        "http://1123631435/shell.txt",           /* decimal IPv4 */
        "HTTP://0x42.0xF0.0xB7.0x4B/r57.PHP",    /* hex parts */
        "http://user@203.0.113.9:8080/inc/config.inc",
        "<tag>http://66.240.183.75/crash.php</tag>", /* embedded in a document */
        "page=http://10.0.0.1/x.txt",
    };
    expect_all(one, sizeof one / sizeof *one, 1);
    /* a numeric host alone is an ordinary internal URL below level 3 */
    static const char *const three[] = {
        "http://10.0.0.5:8080/hooks/deploy", "https://[2001:db8::1]:8443/api/v1/health",
        "http://203.0.113.5/images/cat.jpg", "http://192.168.1.20/status"};
    expect_all(three, sizeof three / sizeof *three, 3);
}

static void test_suffix_cutters(void **state)
{
    (void)state;
    static const char *const one[] = {
        "https://foo.bar?", "http://evil.example/shell.txt?", "http://evil.example/shell.txt??",
        "ftp?", "https?", "HTTP??", "http://evil.example/shell.txt#", "http://1.2.3.4/#",
    };
    expect_all(one, sizeof one / sizeof *one, 1);
    static const char nul[] = "http://evil.example/x.txt\0.php";
    assert_int_equal(level(nul, sizeof nul - 1), 1);
    /* a question that ends in a URL, or a URL with a real query, is not */
    static const char *const none[] = {
        "https://foo.bar?foo=bar", "Have you read https://example.com/faq?",
        "https is better than http?", "https://app.example.com/#", "https://example.com/#/dash",
        "http?x", "what is ftp?",
    };
    expect_all(none, sizeof none / sizeof *none, 0);
}

static void test_schemes_unc_data(void **state)
{
    (void)state;
    static const char *const one[] = {
        "gopher://google.com/_SSRFTest!",
        "dict://127.0.0.1:6379/info",
        "expect://id",
        "phar://uploads/avatar.jpg/x",
        "jar:http://evil.co/b.zip!a",
        "url:file://etc/services",
        "\\\\attacker.example\\share\\x.php",
        "  \\\\10.0.0.9\\c$\\boot.ini",
        "smb://evil.example/share/x",
        "data://text/plain;base64,PD9waHAgc3lzdGVtKCRfR0VUWydjJ10pOyA/Pg==",
        "data:text/plain,<?php phpinfo(); ?>",
        "data://text/plain;base64,PD89YCRfR0VUWzBdYDs=", /* <?=`$_GET[0]`; */
    };
    expect_all(one, sizeof one / sizeof *one, 1);
    static const char *const two[] = {"rmi://evil:1099/x"};
    expect_all(two, sizeof two / sizeof *two, 2);
    /* mirrors and directory servers are configured through APIs */
    static const char *const three[] = {"ftp://ftp.debian.org/debian/", "ldaps://ldap.example.com",
                                        "ldap://127.0.0.1/"};
    expect_all(three, sizeof three / sizeof *three, 3);
    static const char *const none[] = {
        "data://text/plain;base64,SSBsb3ZlIFBIUAo=",    /* "I love PHP" */
        "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAAB",
        "jar:file:/path/to/app.jar!/com/example/data.txt",
        "C:\\Users\\bob\\file.txt", "\\\\ is a backslash", "\\n",
        "mailto:bob@example.com", "urn:isbn:0451450523", "git@github.com:owner/repo.git",
        "ssh://git@github.com/owner/repo.git", "s3://bucket/key.txt", "file:///etc/hosts",
    };
    expect_all(none, sizeof none / sizeof *none, 0);
}

static void test_ordinary_values(void **state)
{
    (void)state;
    static const char *const none[] = {
        "O'Brien", "select your plan", "john.doe@example.com", "1+1=2", "report.pdf",
        "https://example.com/search?q=test&page=2", "https://example.com/index.php?id=3",
        "https://www.example.com/", "http://localhost:3000/callback", "https://example.com/robots.txt",
        "see http://example.com/a.txt for details", "https://user:pass@example.com/",
        "https://example.com/redirect?url=https://other.example.org/x", "10:30", "a:b:c:d",
        "unix: a family of OSes | great", "",
    };
    expect_all(none, sizeof none / sizeof *none, 0);
}

static int param_level(const char *name, const char *v)
{
    vigil__finding f;
    for (int sens = 1; sens <= 3; sens++)
        if (vigil__detect_rfi_param(name, strlen(name), v, strlen(v), sens, &f)) {
            assert_non_null(f.detail);
            return sens;
        }
    return 0;
}

static void test_by_name(void **state)
{
    (void)state;
    assert_int_equal(param_level("_CONF[path]", "https://foo.bar"), 1);
    assert_int_equal(param_level("mosConfig_absolute_path", "http://evil.example/x"), 1);
    assert_int_equal(param_level("GALLERY_BASEDIR", "ftp://evil.example/"), 1);
    assert_int_equal(param_level("_SERVER[DOCUMENT_ROOT]", "http://evil.example/"), 1);
    assert_int_equal(param_level("path[docroot]", "http://evil.example/"), 1);
    assert_int_equal(param_level("appserv_root", "http://evil.example/"), 1);
    assert_int_equal(param_level("config[root_dir]", "http://evil.example/"), 1);
    assert_int_equal(param_level("file", "http://evil.example/shell"), 2);
    assert_int_equal(param_level("template", "https://evil.example/t"), 2);
    /* ordinary: link-like names, local values, other schemes */
    assert_int_equal(param_level("url", "https://example.com/"), 0);
    assert_int_equal(param_level("image_path", "https://cdn.example.com/a.png"), 0);
    assert_int_equal(param_level("_CONF[path]", "/var/www/html"), 0);
    assert_int_equal(param_level("_CONF[path]", "file:///etc/passwd"), 0);
    assert_int_equal(param_level("_CONF[name]", "https://foo.bar"), 0);
    assert_int_equal(param_level("file", "report.pdf"), 0);
    vigil__finding f;
    assert_int_equal(vigil__detect_rfi_param(NULL, 0, "http://x/", 9, 3, &f), 0);
}

static void test_bounded(void **state)
{
    (void)state;
    vigil__finding f;
    assert_int_equal(vigil__detect_rfi(NULL, 0, 3, &f), 0);
    /* many URLs in one value: linear, and the first bad one is found */
    size_t n = 1 << 20;
    char *big = malloc(n + 64);
    assert_non_null(big);
    for (size_t i = 0; i + 8 <= n; i += 8)
        memcpy(big + i, "a://b://", 8);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    assert_int_equal(vigil__detect_rfi(big, n, 3, &f), 0);
    for (size_t i = 0; i < n; i++)
        big[i] = ':';
    assert_int_equal(vigil__detect_rfi(big, n, 3, &f), 0);
    for (size_t i = 0; i + 4 <= n; i += 4)
        memcpy(big + i, "jar:", 4);
    assert_int_equal(vigil__detect_rfi(big, n, 3, &f), 0);
    /* many web URLs, then a long run of blanks: every URL looks at the end */
    for (size_t i = 0; i < n; i++)
        big[i] = ' ';
    for (size_t i = 0; i + 9 <= n / 2; i += 9)
        memcpy(big + i, "http://a/", 9);
    assert_int_equal(vigil__detect_rfi(big, n, 3, &f), 0);
    for (size_t i = 0; i + 9 <= n; i += 9)
        memcpy(big + i, "http://a?", 9);
    (void)vigil__detect_rfi(big, n, 3, &f);
    memcpy(big + n - 32, " http://1.2.3.4/x.php          ", 31);
    assert_int_equal(vigil__detect_rfi(big, n, 1, &f), 1);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
    assert_true(ms < 2000.0); /* quadratic behaviour would take minutes */
    for (size_t i = 0; i < n; i++)
        big[i] = (char)(i * 7919u);
    (void)vigil__detect_rfi(big, n, 3, &f);
    free(big);
    assert_int_equal(vigil__detect_rfi("ftp?", 4, 1, NULL), 1);
}

/* The first filter (a ':' found eight bytes at a time in short values,
 * by memchr in long ones; a '?' at the end; a leading '\\') must pass
 * every value that fires: each shape behind 0-60 blanks, in exactly
 * sized buffers, keeps its level, and so do short look-alikes. */
static void test_every_offset(void **state)
{
    (void)state;
    static const char *const v[] = {
        "dict://x", "expect://id", "https?", "ftp??", "http://1.2.3.4/", "ftp://10.0.0.1/a.txt",
        "\\\\h\\s", "\\\\attacker.example\\share\\x.php", "http://a.b/x.php?",
        "rmi://e:1/x", "jar:http://e.co/b.zip!a", "url:file://x", "data:,<?php x",
        "ab:c", "a:bc", "abc:", ":abc", "x?", "1.2.3.4", "file.txt", "10:30",
    };
    for (size_t i = 0; i < sizeof v / sizeof *v; i++) {
        size_t l = strlen(v[i]);
        int base = lvl(v[i]);
        for (size_t pad = 1; pad <= 60; pad++) {
            char *b = malloc(pad + l);
            assert_non_null(b);
            memset(b, ' ', pad);
            memcpy(b + pad, v[i], l);
            int got = level(b, pad + l);
            free(b);
            if (got != base)
                fail_msg("level %d after %zu blanks, %d alone: %s", got, pad, base, v[i]);
        }
    }
    /* a ':' at every place of values of 4 to 20 bytes is seen */
    for (size_t n = 4; n <= 20; n++)
        for (size_t k = 0; k + 3 < n; k++) {
            char *b = malloc(n);
            assert_non_null(b);
            memset(b, '/', n);
            memcpy(b + k, "dict://", n - k < 7 ? n - k : 7);
            int want = n - k >= 7 ? 1 : 0;
            int got = level(b, n);
            free(b);
            if (got != want)
                fail_msg("\"dict://\" at %zu of %zu: level %d", k, n, got);
        }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_numeric_hosts),    cmocka_unit_test(test_suffix_cutters),
        cmocka_unit_test(test_schemes_unc_data), cmocka_unit_test(test_ordinary_values),
        cmocka_unit_test(test_by_name),
        cmocka_unit_test(test_bounded),
        cmocka_unit_test(test_every_offset),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
