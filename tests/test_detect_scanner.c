/* test_detect_scanner.c - scanner and attack-tool User-Agents. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "detect.h"

static int fires(const char *s)
{
    vigil__finding f;
    memset(&f, 0, sizeof f);
    size_t n = strlen(s);
    int r = vigil__detect_scanner(s, n, 1, &f);
    if (r) {
        assert_non_null(f.detail);
        assert_true(f.score >= 1 && f.score <= 100);
        assert_true(f.off <= n && f.len <= n - f.off && f.len > 0);
    }
    /* the tool's own name is conclusive: the same at every sensitivity */
    assert_int_equal(r, vigil__detect_scanner(s, n, 3, &f));
    return r;
}

static void test_tools(void **state)
{
    (void)state;
    static const char *const ua[] = {
        "sqlmap/1.7.2#stable (https://sqlmap.org)",
        "Mozilla/5.00 (Nikto/2.1.6) (Evasions:None) (Test:000003)",
        "Mozilla/5.0 (compatible; Nmap Scripting Engine; https://nmap.org/book/nse.html)",
        "masscan/1.3 (https://github.com/robertdavidgraham/masscan)",
        "nessus",
        "Microsoft WinRM Client OpenVASVT",
        "Mozilla/5.0 zgrab/0.x",
        "Nuclei - Open-source project (github.com/projectdiscovery/nuclei)",
        "WPScan v3.8.22 (https://wpscan.com/wordpress-security-scanner)",
        "gobuster/3.6",
        "DirBuster-1.0-RC1 (http://www.owasp.org/index.php/Category:OWASP_DirBuster_Project)",
        "Mozilla/4.0 (compatible; MSIE 8.0; Windows NT 5.1; Trident/4.0; Acunetix-WVS)",
        "Mozilla/5.0 (Windows NT 10.0) Netsparker",
        "w3af.org",
        "Arachni/v1.5.1",
        "Fuzz Faster U Fool v2.1.0",
        "Wfuzz/3.1.0",
        "Mozilla/5.0 (Windows; U; Windows NT 5.1) Havij",
        "x.oast.fun",
        "abc.burpcollaborator.net",
        "N-Stealth",
        "NMAP7",
    };
    for (size_t i = 0; i < sizeof ua / sizeof *ua; i++)
        if (!fires(ua[i]))
            fail_msg("scanner not recognised: %s", ua[i]);
}

static void test_every_name(void **state)
{
    (void)state;
    /* every entry of the table, as the tool writes it: keeps the table,
     * its sort order and the two-letter filter in step */
    static const char *const names[] = {
        "absinthe", "acunetix", "arachni", "bsqlbf", "burpcollaborator", "commix", "crimscanner",
        "dirbuster", "dnslog", "dotdotpwn", "feroxbuster", "ffuf", "fimap", "fuzz faster",
        "gobuster", "gootkit", "grendel scan", "havij", "interactsh", "jaeles", "jorgee",
        "masscan", "morfeus", "mysqloit", "nessus", "netsparker", "nikto", "nmap", "nsauditor",
        "nuclei", "oast", "oastify", "openvas", "pangolin", "skipfish", "sqlmap", "sqlninja",
        "sqlsus", "n-stealth", "sysscan", "w3af", "wapiti", "webinspect", "webshag",
        "webvulnscan", "wfuzz", "whatweb", "wpscan", "xsstrike", "zgrab", "zmeu",
    };
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        char buf[64];
        snprintf(buf, sizeof buf, "Mozilla/5.0 (%s/1.0)", names[i]);
        if (!fires(buf))
            fail_msg("table entry not found: %s", names[i]);
    }
}

static void test_clients_pass(void **state)
{
    (void)state;
    static const char *const ua[] = {
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/124.0.0.0 Safari/537.36",
        "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 "
        "(KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
        "curl/8.5.0", "python-requests/2.31.0", "Go-http-client/1.1", "okhttp/4.12.0",
        "python-httpx/0.27.0", "PostmanRuntime/7.37.3", "Wget/1.21.4", "axios/1.6.8",
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "OWASP CRS test agent", "mozilla/5.0 ecairn-grabber/1.0 (+http://ecairn.com/grabber)",
        "Mozilla/5.0 zgrabber-legit/1.0", "NmapEdu", "Nessie app/1.0", "fuzz", "stealth mode/1.0",
        "", "sqlma", "xsqlmap",
    };
    for (size_t i = 0; i < sizeof ua / sizeof *ua; i++)
        if (fires(ua[i]))
            fail_msg("legitimate client flagged: %s", ua[i]);
}

static void test_odd_bytes(void **state)
{
    (void)state;
    vigil__finding f;
    assert_int_equal(vigil__detect_scanner(NULL, 0, 2, &f), 0);
    static const char nul[] = "abc\0sqlmap/1.0";
    assert_int_equal(vigil__detect_scanner(nul, sizeof nul - 1, 2, &f), 1);
    assert_int_equal(f.off, 4);
    /* a long run of letters and a huge value stay linear and silent */
    size_t n = 1 << 20;
    char *big = malloc(n);
    assert_non_null(big);
    memset(big, 'a', n);
    assert_int_equal(vigil__detect_scanner(big, n, 3, &f), 0);
    for (size_t i = 0; i < n; i++)
        big[i] = (char)(i * 131u);
    (void)vigil__detect_scanner(big, n, 3, &f);
    free(big);
    assert_int_equal(vigil__detect_scanner("nikto", 5, 1, NULL), 1);
}

/* The letter-run prescan (64 bytes of masks at a time, a two-letter and a
 * second-and-third-letter filter) must find every name wherever it sits:
 * each table entry at every offset of a User-Agent up to 100 bytes, in an
 * exactly sized buffer, and never inside a run that starts earlier. */
static void test_every_offset(void **state)
{
    (void)state;
    static const char *const names[] = {
        "absinthe", "acunetix", "arachni", "bsqlbf", "burpcollaborator", "commix", "crimscanner",
        "dirbuster", "dnslog", "dotdotpwn", "feroxbuster", "ffuf", "fimap", "fuzz faster",
        "gobuster", "gootkit", "grendel scan", "havij", "interactsh", "jaeles", "jorgee",
        "masscan", "morfeus", "mysqloit", "nessus", "netsparker", "nikto", "nmap", "nsauditor",
        "nuclei", "oast", "oastify", "openvas", "pangolin", "skipfish", "sqlmap", "sqlninja",
        "sqlsus", "n-stealth", "sysscan", "w3af", "wapiti", "webinspect", "webshag",
        "webvulnscan", "wfuzz", "whatweb", "wpscan", "xsstrike", "zgrab", "zmeu",
    };
    char buf[128];
    vigil__finding f;
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        size_t l = strlen(names[i]);
        for (size_t pad = 0; pad + l + 1 <= 100; pad++) {
            for (int up = 0; up < 2; up++) {
                /* "Mozilla (... (" before, "/1" or nothing after */
                for (size_t k = 0; k < pad; k++)
                    buf[k] = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like "
                             "Gecko) Chrome/120.0 Safari/537.36"[k % 96];
                if (pad)
                    buf[pad - 1] = ' ';
                for (size_t k = 0; k < l; k++)
                    buf[pad + k] = up && names[i][k] >= 'a' ? (char)(names[i][k] - 32) : names[i][k];
                size_t n = pad + l + (up ? 0 : 1);
                buf[pad + l] = '/';
                char *v = malloc(n);
                assert_non_null(v);
                memcpy(v, buf, n);
                if (!vigil__detect_scanner(v, n, 2, &f))
                    fail_msg("not found at %zu: %s", pad, names[i]);
                assert_int_equal(f.off, pad + (names[i][0] == 'n' && names[i][1] == '-' ? 2 : 0));
                if (pad) { /* the run starts one byte earlier: no tool */
                    v[pad - 1] = '9';
                    if (vigil__detect_scanner(v, n, 2, &f) && names[i][1] != '-' &&
                        strchr(names[i], ' ') == NULL)
                        fail_msg("found inside a run at %zu: %s", pad, names[i]);
                }
                free(v);
            }
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tools),
        cmocka_unit_test(test_every_name),
        cmocka_unit_test(test_clients_pass),
        cmocka_unit_test(test_odd_bytes),
        cmocka_unit_test(test_every_offset),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
