/* test_detect_session.c - session fixation: cookie-planting values,
 * session-id parameter names and the Referer test. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "detect.h"

/* Until detect.h declares them (see detect_session.c). */

static int value_fires(const char *s)
{
    vigil__finding f;
    memset(&f, 0, sizeof f);
    size_t n = strlen(s);
    int r = vigil__detect_session(s, n, 1, &f);
    if (r) {
        assert_non_null(f.detail);
        assert_true(f.score >= 1 && f.score <= 100);
        assert_true(f.off <= n && f.len <= n - f.off && f.len > 0);
    }
    assert_int_equal(r, vigil__detect_session(s, n, 3, &f));
    return r;
}

/* Lowest sensitivity at which a name is a session id, 0 for none. */
static int name_level(const char *s)
{
    vigil__finding f;
    for (int sens = 1; sens <= 3; sens++)
        if (vigil__detect_session_name(s, strlen(s), sens, &f)) {
            assert_non_null(f.detail);
            return sens;
        }
    return 0;
}

static void test_cookie_planting(void **state)
{
    (void)state;
    static const char *const yes[] = {
        ".cookie;expires=",
        "<script>document.cookie=\"sessionid=1234; domain=.example.dom\";</script>",
        "document.cookie = 'PHPSESSID=abc'",
        "window.document[\"cookie\"]=\"sid=1\"",
        "x.cookie+='a=b'",
        "foo.cookie; path=/",
        "<meta http-equiv=\"Set-Cookie\" content=\"SESSIONID=abc\">",
        "<META HTTP-EQUIV=Set-Cookie CONTENT=\"a=b\">",
        "\r\nSet-Cookie: JSESSIONID=deadbeef",
        "Set-Cookie2:sid=1; Version=1",
    };
    for (size_t i = 0; i < sizeof yes / sizeof *yes; i++)
        if (!value_fires(yes[i]))
            fail_msg("cookie planting missed: %s", yes[i]);
    static const char *const no[] = {
        "The cookie jar is empty", "I love cookies; expires soon = maybe",
        "document.cookie is a JS property", "if (document.cookie == '') { }",
        "Use the Set-Cookie header to set cookies", "set-cookie: is a header",
        "{\"cookie\": \"chocolate\"}", "cookies=accept", "http-equiv refresh", "cookie", "",
        "O'Brien", "select your plan",
    };
    for (size_t i = 0; i < sizeof no / sizeof *no; i++)
        if (value_fires(no[i]))
            fail_msg("ordinary text flagged: %s", no[i]);
}

static void test_session_names(void **state)
{
    (void)state;
    static const char *const one[] = {
        "jsessionid", "PHPSESSID", "aspsessionid", "ASP.NET_SessionId", "sessionid", "session_id",
        "session-id", "zend_session_id", "__Secure-next-auth.session-token", "sessionToken",
        "cfid", "CFTOKEN", "cfsid", "sessid", "sessionId",
    };
    for (size_t i = 0; i < sizeof one / sizeof *one; i++)
        if (name_level(one[i]) != 1)
            fail_msg("session name not at level 1: %s", one[i]);
    static const char *const two[] = {
        "laravel_session", "PLAY_SESSION", "ci_session", "weblogicsession", "jwsession",
        "jservsession", "phpsession", "sails.sid", "connect.sid", "meteor_login_token",
    };
    for (size_t i = 0; i < sizeof two / sizeof *two; i++)
        if (name_level(two[i]) != 2)
            fail_msg("session name not at level 2: %s", two[i]);
    static const char *const none[] = {
        "session", "sid", "sessions", "session_count", "last_session_at", "userSession",
        "possession", "obsession", "token", "access_token", "authenticity_token", "csrf_token",
        "recaptchaToken", "id", "name", "sidebar", "session_length", "sessionStart", "cf",
        "a_very_long_framework_prefix_session",
    };
    for (size_t i = 0; i < sizeof none / sizeof *none; i++)
        if (name_level(none[i]) != 0)
            fail_msg("ordinary name flagged: %s", none[i]);
    vigil__finding f;
    assert_int_equal(vigil__detect_session_name(NULL, 0, 3, &f), 0);
    char longname[200];
    memset(longname, 'a', sizeof longname);
    memcpy(longname + sizeof longname - 9, "sessionid", 9);
    assert_int_equal(vigil__detect_session_name(longname, sizeof longname, 3, &f), 0);
}

static int untrusted(const char *host, const char *referer)
{
    vigil_header h[3];
    size_t k = 0;
    h[k].name = vigil__str("Accept", 6);
    h[k++].value = vigil__str("*/*", 3);
    if (host) {
        h[k].name = vigil__str("Host", 4);
        h[k++].value = vigil__str(host, strlen(host));
    }
    if (referer) {
        h[k].name = vigil__str("referer", 7);
        h[k++].value = vigil__str(referer, strlen(referer));
    }
    vigil_request r = VIGIL_REQUEST_INIT;
    r.headers = h;
    r.header_count = k;
    return vigil__session_referer_untrusted(&r);
}

static void test_referer(void **state)
{
    (void)state;
    assert_int_equal(untrusted("localhost", NULL), 1);
    assert_int_equal(untrusted("localhost", ""), 1);
    assert_int_equal(untrusted("localhost", "https://attackersite.com/"), 1);
    assert_int_equal(untrusted("localhost", "https://localhost.attackersite.com/"), 1);
    assert_int_equal(untrusted("myapp.com", "https://evilmyapp.com/"), 1);
    assert_int_equal(untrusted("localhost", "http"), 1);
    assert_int_equal(untrusted("localhost", "http://localhost/test"), 0);
    assert_int_equal(untrusted("myapp.com", "https://myapp.com/previous-page"), 0);
    assert_int_equal(untrusted("myapp.com:8443", "https://MyApp.com:8443/x?y=1"), 0);
    assert_int_equal(untrusted("api.myapp.com", "https://myapp.com/"), 0);
    assert_int_equal(untrusted("myapp.com", "https://www.myapp.com/"), 0);
    assert_int_equal(untrusted("myapp.com", "https://evil.com@myapp.com/"), 0);
    assert_int_equal(untrusted("myapp.com", "https://myapp.com@evil.com/"), 1);
    assert_int_equal(untrusted("[::1]:8080", "http://[::1]:8080/"), 0);
    assert_int_equal(untrusted(NULL, "https://anything.example/"), 0); /* nothing to compare */
    assert_int_equal(vigil__session_referer_untrusted(NULL), 0);
    vigil_request r = VIGIL_REQUEST_INIT;
    assert_int_equal(vigil__session_referer_untrusted(&r), 1);
}

static void test_bounded(void **state)
{
    (void)state;
    vigil__finding f;
    assert_int_equal(vigil__detect_session(NULL, 0, 3, &f), 0);
    size_t n = 1 << 20;
    char *big = malloc(n);
    assert_non_null(big);
    for (size_t i = 0; i + 7 <= n; i += 7)
        memcpy(big + i, ".cookie", 7);
    assert_int_equal(vigil__detect_session(big, n - n % 7, 3, &f), 0);
    for (size_t i = 0; i < n; i++)
        big[i] = (char)(i * 31u);
    (void)vigil__detect_session(big, n, 3, &f);
    free(big);
    assert_int_equal(vigil__detect_session(".cookie=1", 9, 1, NULL), 1);
}

/* The "ok" prescan (32 and 16 bytes at a time, an overlapping last block)
 * must reach every "cookie": each shape at every offset behind blanks and
 * with 0-2 bytes after, in exactly sized buffers. */
static void test_every_offset(void **state)
{
    (void)state;
    static const char *const yes[] = {
        ".cookie;expires=", "document.cookie='a=b'", "x.COOKIE+='a=b'",
        "<meta http-equiv=\"Set-Cookie\" content=\"a=b\">", "Set-Cookie: sid=1",
        "d[\"cookie\"]=\"sid=1\"",
    };
    for (size_t i = 0; i < sizeof yes / sizeof *yes; i++) {
        size_t l = strlen(yes[i]);
        for (size_t pad = 0; pad + l <= 90; pad++)
            for (size_t after = 0; after < 3; after++) {
                size_t n = pad + l + after;
                char *b = malloc(n);
                assert_non_null(b);
                memset(b, ' ', n);
                memcpy(b + pad, yes[i], l);
                vigil__finding f;
                int r = vigil__detect_session(b, n, 2, &f);
                free(b);
                if (!r)
                    fail_msg("missed after %zu blanks: %s", pad, yes[i]);
            }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cookie_planting),
        cmocka_unit_test(test_session_names),
        cmocka_unit_test(test_referer),
        cmocka_unit_test(test_bounded),
        cmocka_unit_test(test_every_offset),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
