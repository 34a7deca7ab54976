/* test_ipaddr.c - address parsing/formatting, CIDR sets, client address. */
#define _POSIX_C_SOURCE 200809L

#include <arpa/inet.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "error.h"
#include "ipaddr.h"

/* ---------------------------------------------------------------- helpers */

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static uint64_t rnd(void)
{
    uint64_t x = rng_state;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return rng_state = x;
}

static unsigned rndn(unsigned n) { return (unsigned)(rnd() % n); }

/* cmocka's failure paths are not noreturn, so the compiler cannot see that
 * a NULL from malloc stops the test. */
static void *xmalloc(size_t n)
{
    void *p = malloc(n);
    if (!p)
        abort();
    return p;
}

static vigil_str S(const char *s) { return vigil__str(s, strlen(s)); }

static int parses(const char *s)
{
    vigil__ip ip;
    return vigil__ip_parse(S(s), &ip);
}

/* Parses s (must succeed) and returns its canonical text in a static
 * buffer. */
static const char *canon(const char *s)
{
    static char buf[VIGIL__IP_TEXT_MAX];
    vigil__ip ip;
    if (!vigil__ip_parse(S(s), &ip))
        fail_msg("expected \"%s\" to parse", s);
    vigil__ip_format(&ip, buf, sizeof buf);
    return buf;
}

static vigil__ip IP(const char *s)
{
    vigil__ip ip;
    if (!vigil__ip_parse(S(s), &ip))
        fail_msg("expected \"%s\" to parse", s);
    return ip;
}

static vigil__ipset *compile_ok(const char *json_text)
{
    cJSON *j = cJSON_Parse(json_text);
    assert_non_null(j);
    vigil__ipset *set = NULL;
    vigil_error err = VIGIL_ERROR_INIT;
    int rc = vigil__ipset_compile(j, "ip.allow", &set, &err);
    if (rc != VIGIL_OK)
        fail_msg("compile %s: %s at %s", json_text, err.message, err.path);
    assert_non_null(set);
    cJSON_Delete(j);
    return set;
}

static int in_set(const vigil__ipset *set, const char *addr)
{
    vigil__ip ip = IP(addr);
    return vigil__ipset_contains(set, &ip);
}

/* -------------------------------------------------------------- parse v4 */

static void test_parse_v4_valid(void **state)
{
    (void)state;
    vigil__ip ip;
    assert_int_equal(vigil__ip_parse(S("192.0.2.33"), &ip), 1);
    static const uint8_t want[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 192, 0, 2, 33};
    assert_memory_equal(ip.b, want, 16);
    assert_int_equal(ip.is_v4, 1);

    assert_string_equal(canon("0.0.0.0"), "0.0.0.0");
    assert_string_equal(canon("255.255.255.255"), "255.255.255.255");
    assert_string_equal(canon("10.0.0.1"), "10.0.0.1");
    assert_string_equal(canon("100.200.0.9"), "100.200.0.9");

    /* not NUL-terminated input: only len bytes are read */
    const char buf[] = "1.2.3.45";
    assert_int_equal(vigil__ip_parse(vigil__str(buf, 7), &ip), 1);
    assert_int_equal(ip.b[15], 4);
}

static void test_parse_v4_invalid(void **state)
{
    (void)state;
    static const char *bad[] = {
        "", " ", "\"\"", "1.2.3", "1.2.3.4.5", "01.2.3.4", "1.2.3.04", "1.02.3.4",
        "00.0.0.0", "256.1.1.1", "1.2.3.256", "999.1.1.1", "1234.1.1.1",
        "1.2.3.", ".1.2.3", "1..2.3", "1.2.3.4.", "1.2.3.4 5", "0x1.2.3.4",
        "1.2.3.-4", "+1.2.3.4", "1.2.3.4/8", "1.2.3.a", "1", "16909060",
        "1.2.3.4:", "1.2.3.4:65536", "1.2.3.4:99999", "1.2.3.4:8a",
        "1.2.3.4:123456", "1.2.3.4::80", ":80", "[1.2.3.4]", "[1.2.3.4]:80",
        "\"1.2.3.4", "1.2.3.4\"", "1.2.3.4,5.6.7.8", "1.2.3.4%eth0",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        vigil__ip ip;
        memset(&ip, 0xAA, sizeof ip);
        if (vigil__ip_parse(S(bad[i]), &ip))
            fail_msg("\"%s\" should not parse", bad[i]);
        /* zeroed on failure */
        static const vigil__ip zero;
        assert_memory_equal(&ip, &zero, sizeof ip);
    }
    /* embedded NUL */
    vigil__ip ip;
    assert_int_equal(vigil__ip_parse(vigil__str("1.2.3.4\0", 8), &ip), 0);
    assert_int_equal(vigil__ip_parse(vigil__str("1.2\0.3.4", 8), &ip), 0);
    /* NULL pointer */
    assert_int_equal(vigil__ip_parse(vigil__str(NULL, 0), &ip), 0);
    assert_int_equal(vigil__ip_parse(vigil__str(NULL, 5), &ip), 0);
    assert_int_equal(vigil__ip_parse(S("1.2.3.4"), NULL), 0);
}

/* -------------------------------------------------------------- parse v6 */

static void test_parse_v6_valid(void **state)
{
    (void)state;
    vigil__ip ip = IP("::");
    static const uint8_t zero16[16];
    assert_memory_equal(ip.b, zero16, 16);
    assert_int_equal(ip.is_v4, 0);

    ip = IP("2001:db8::1");
    static const uint8_t want[16] = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
    assert_memory_equal(ip.b, want, 16);
    assert_int_equal(ip.is_v4, 0);

    assert_string_equal(canon("::1"), "::1");
    assert_string_equal(canon("1::"), "1::");
    assert_string_equal(canon("1:2:3:4:5:6:7:8"), "1:2:3:4:5:6:7:8");
    assert_string_equal(canon("1::8"), "1::8");
    assert_string_equal(canon("1:2:3:4:5:6::8"), "1:2:3:4:5:6:0:8");
    assert_string_equal(canon("::2:3:4:5:6:7:8"), "0:2:3:4:5:6:7:8");
    assert_string_equal(canon("1:2:3:4:5:6:7::"), "1:2:3:4:5:6:7:0");
    assert_string_equal(canon("2001:0DB8:0000:0000:0000:0000:0000:0001"), "2001:db8::1");
    assert_string_equal(canon("2001:db8:AbCd::"), "2001:db8:abcd::");
    assert_string_equal(canon("0:0:0:0:0:0:0:0"), "::");
    assert_string_equal(canon("64:ff9b::192.0.2.33"), "64:ff9b::c000:221");
    assert_string_equal(canon("1:2:3:4:5:6:1.2.3.4"), "1:2:3:4:5:6:102:304");
    /* IPv4-compatible (deprecated) stays IPv6 */
    ip = IP("::1.2.3.4");
    assert_int_equal(ip.is_v4, 0);
    assert_string_equal(canon("::1.2.3.4"), "::102:304");
    /* zone is ignored */
    assert_string_equal(canon("fe80::1%eth0"), "fe80::1");
    assert_string_equal(canon("fe80::1%25"), "fe80::1");
}

static void test_parse_v6_invalid(void **state)
{
    (void)state;
    static const char *bad[] = {
        ":", ":::", "1::2::3", "::1::", "gggg::", "::g", "12345::", "1:2:3:4:5:6:7:8:9",
        "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8::", "::1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7::8",
        ":1::2", "1::2:", "1:2", "1:", ":1", "1:::2", "::1.2.3", "::1.2.3.4:5",
        "1.2.3.4::", "::1.2.3.4.5", "::ffff:01.2.3.4", "::ffff:256.1.1.1",
        "1:2:3:4:5:6:7:1.2.3.4", "::1.2.3.4%", "fe80::1%", "fe80::1%eth 0",
        "fe80::1% eth0", "[::1", "::1]", "[::1]:", "[::1]:65536", "[::1]x", "[::1] :80",
        "[[::1]]", "[]", "[::1]:80:80", "[::1%]", "::-1", "::+1", " : : ", "0x1::",
        "2001:db8::1/64", "2001:db8:::1", "2001:db8::1, ::2",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        if (parses(bad[i]))
            fail_msg("\"%s\" should not parse", bad[i]);
}

static void test_v4_mapped_equivalence(void **state)
{
    (void)state;
    vigil__ip a = IP("1.2.3.4");
    vigil__ip b = IP("::ffff:1.2.3.4");
    vigil__ip c = IP("::FFFF:0102:0304");
    vigil__ip d = IP("0:0:0:0:0:ffff:102:304");
    vigil__ip e = IP("[::ffff:1.2.3.4]:443");
    assert_memory_equal(&a, &b, sizeof a);
    assert_memory_equal(&a, &c, sizeof a);
    assert_memory_equal(&a, &d, sizeof a);
    assert_memory_equal(&a, &e, sizeof a);
    assert_int_equal(b.is_v4, 1);
    assert_string_equal(canon("::ffff:1.2.3.4"), "1.2.3.4");
    /* ::ffff:0:0/96 neighbours are not IPv4 */
    assert_int_equal(IP("::fffe:1.2.3.4").is_v4, 0);
    assert_int_equal(IP("1::ffff:1.2.3.4").is_v4, 0);
}

static void test_parse_forwarded_forms(void **state)
{
    (void)state;
    assert_string_equal(canon("[2001:db8::1]"), "2001:db8::1");
    assert_string_equal(canon("[2001:db8::1]:443"), "2001:db8::1");
    assert_string_equal(canon("[2001:db8::1]:0"), "2001:db8::1");
    assert_string_equal(canon("[2001:db8::1]:65535"), "2001:db8::1");
    assert_string_equal(canon("203.0.113.7:8080"), "203.0.113.7");
    assert_string_equal(canon("203.0.113.7:00080"), "203.0.113.7");
    assert_string_equal(canon("  \t203.0.113.7 \r\n"), "203.0.113.7");
    assert_string_equal(canon("\"203.0.113.7\""), "203.0.113.7");
    assert_string_equal(canon(" \" [::1]:80 \" "), "::1");
    assert_string_equal(canon("\"[2001:db8:cafe::17]:4711\""), "2001:db8:cafe::17");
    assert_string_equal(canon("[fe80::1%25eth0]:8080"), "fe80::1");
    assert_string_equal(canon("[fe80::1%eth0]"), "fe80::1");
    /* unbracketed v6 with what looks like a port is just more groups */
    assert_string_equal(canon("2001:db8::1:443"), "2001:db8::1:443");
}

static void test_parse_huge_and_random(void **state)
{
    (void)state;
    size_t n = 10000;
    char *s = xmalloc(n + 16);

    static const char fill[] = "1:.f[]%\" 0";
    for (size_t k = 0; k < sizeof fill - 1; k++) {
        memset(s, fill[k], n);
        assert_int_equal(vigil__ip_parse(vigil__str(s, n), &(vigil__ip){0}), 0);
    }
    /* long zone */
    memcpy(s, "fe80::1%", 8);
    memset(s + 8, 'a', n - 8);
    assert_int_equal(vigil__ip_parse(vigil__str(s, n), &(vigil__ip){0}), 0);
    /* a valid address inside 10k of whitespace is still valid */
    memset(s, ' ', n);
    memcpy(s + 5000, "1.2.3.4", 7);
    assert_int_equal(vigil__ip_parse(vigil__str(s, n), &(vigil__ip){0}), 1);
    /* 10k of repeated groups */
    for (size_t i = 0; i + 2 <= n; i += 2)
        memcpy(s + i, "1:", 2);
    assert_int_equal(vigil__ip_parse(vigil__str(s, n), &(vigil__ip){0}), 0);
    memset(s, '0', n);
    memcpy(s + n - 8, ".2.3.4", 6);
    assert_int_equal(vigil__ip_parse(vigil__str(s, n - 2), &(vigil__ip){0}), 0);

    /* random bytes never crash; whatever parses round-trips */
    for (int it = 0; it < 200000; it++) {
        size_t len = rndn(48);
        static const char alpha[] = "0123456789abcdefABCDEF:.%[]\" \t/,xg\0\xff";
        for (size_t i = 0; i < len; i++)
            s[i] = (it & 1) ? (char)rnd() : alpha[rndn(sizeof alpha - 1)];
        vigil__ip ip, ip2;
        if (vigil__ip_parse(vigil__str(s, len), &ip)) {
            char t[VIGIL__IP_TEXT_MAX];
            size_t tn = vigil__ip_format(&ip, t, sizeof t);
            assert_true(vigil__ip_parse(vigil__str(t, tn), &ip2));
            assert_memory_equal(&ip, &ip2, sizeof ip);
        }
    }
    free(s);
}

/* Our parser against glibc's inet_pton, on strings built from pieces
 * that make near-misses likely. inet_pton takes no ports, brackets or
 * whitespace, so only those forms are compared. */
static void test_parse_differential(void **state)
{
    (void)state;
    static const char *tok[] = {"0", "1", "ff", "ffff", "FFFF", "fffff", "12345", "db8",
                                ":", ":", "::", "::", ".", "1.2.3.4", "255", "256",
                                "00", "0db8", "01", "a", "g"};
    int agree_ok = 0;
    for (int it = 0; it < 300000; it++) {
        char s[96];
        size_t n = 0;
        unsigned parts = 1 + rndn(12);
        for (unsigned k = 0; k < parts; k++) {
            const char *t = tok[rndn(sizeof tok / sizeof *tok)];
            size_t tl = strlen(t);
            if (n + tl >= sizeof s)
                break;
            memcpy(s + n, t, tl);
            n += tl;
        }
        s[n] = '\0';
        unsigned char b6[16], b4[4];
        int want6 = inet_pton(AF_INET6, s, b6) == 1;
        int want4 = inet_pton(AF_INET, s, b4) == 1;
        /* host:port with a dotted quad host is our extension */
        int wantp = 0;
        const char *c = strchr(s, ':');
        if (c && !strchr(c + 1, ':') && c[1]) {
            char host[96];
            memcpy(host, s, (size_t)(c - s));
            host[c - s] = '\0';
            char *end;
            unsigned long port = strtoul(c + 1, &end, 10);
            wantp = inet_pton(AF_INET, host, b4) == 1 && *end == '\0' &&
                    strspn(c + 1, "0123456789") == strlen(c + 1) && strlen(c + 1) <= 5 &&
                    port <= 65535;
        }
        vigil__ip ip;
        int got = vigil__ip_parse(S(s), &ip);
        if (got != (want6 || want4 || wantp))
            fail_msg("\"%s\": got %d, inet_pton v6=%d v4=%d port=%d", s, got, want6, want4,
                     wantp);
        if (got && want6)
            assert_memory_equal(ip.b, b6, 16);
        agree_ok += got;
    }
    assert_true(agree_ok > 1000); /* the generator does produce valid ones */
}

/* ---------------------------------------------------------------- format */

static void test_format_rfc5952(void **state)
{
    (void)state;
    /* RFC 5952 section 4 examples */
    assert_string_equal(canon("2001:db8:0:0:1:0:0:1"), "2001:db8::1:0:0:1");
    assert_string_equal(canon("2001:0db8:0:0:0:0:2:1"), "2001:db8::2:1");
    assert_string_equal(canon("2001:db8:0:1:1:1:1:1"), "2001:db8:0:1:1:1:1:1");
    assert_string_equal(canon("2001:db8::0:1"), "2001:db8::1");
    assert_string_equal(canon("2001:0:0:1:0:0:0:1"), "2001:0:0:1::1");
    assert_string_equal(canon("2001:db8:0:0:1::"), "2001:db8:0:0:1::");
    assert_string_equal(canon("0:0:1:0:0:1:0:0"), "::1:0:0:1:0:0");
    assert_string_equal(canon("1:0:0:2:0:0:0:0"), "1:0:0:2::");
    assert_string_equal(canon("0:1:0:1:0:1:0:1"), "0:1:0:1:0:1:0:1");
    assert_string_equal(canon("2001:DB8::ABCD:0"), "2001:db8::abcd:0");
    assert_string_equal(canon("0010:0100:1000:0001::"), "10:100:1000:1::");

    /* a mapped address not flagged IPv4 keeps the RFC 5952 section 5 form */
    vigil__ip ip = IP("1.2.3.4");
    ip.is_v4 = 0;
    char buf[VIGIL__IP_TEXT_MAX];
    assert_int_equal(vigil__ip_format(&ip, buf, sizeof buf), strlen("::ffff:1.2.3.4"));
    assert_string_equal(buf, "::ffff:1.2.3.4");

    /* longest possible texts fit */
    ip = IP("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
    assert_int_equal(vigil__ip_format(&ip, buf, sizeof buf), 39);
    ip = IP("255.255.255.255");
    assert_int_equal(vigil__ip_format(&ip, buf, sizeof buf), 15);

    /* truncation like snprintf */
    ip = IP("2001:db8::1");
    memset(buf, 'X', sizeof buf);
    assert_int_equal(vigil__ip_format(&ip, buf, 5), 11);
    assert_string_equal(buf, "2001");
    assert_int_equal(vigil__ip_format(&ip, buf, 1), 11);
    assert_string_equal(buf, "");
    buf[0] = 'X';
    assert_int_equal(vigil__ip_format(&ip, buf, 0), 11);
    assert_int_equal(buf[0], 'X');
    assert_int_equal(vigil__ip_format(NULL, buf, sizeof buf), 0);
    assert_string_equal(buf, "");
}

/* Formatting random addresses against glibc's inet_ntop, which follows
 * RFC 5952 except that it writes ::a.b.c.d for the deprecated
 * IPv4-compatible range. */
static void test_format_differential(void **state)
{
    (void)state;
    for (int it = 0; it < 200000; it++) {
        vigil__ip ip;
        memset(&ip, 0, sizeof ip);
        /* mostly zero groups, so runs and ties are common */
        for (int g = 0; g < 8; g++) {
            unsigned v = rndn(3) ? 0 : (unsigned)rnd() & (rndn(2) ? 0xffffu : 0x000fu);
            ip.b[2 * g] = (uint8_t)(v >> 8);
            ip.b[2 * g + 1] = (uint8_t)v;
        }
        ip.is_v4 = (uint8_t)(memcmp(ip.b, "\0\0\0\0\0\0\0\0\0\0\xff\xff", 12) == 0);
        int compat = 1;
        for (int k = 0; k < 12; k++)
            compat &= ip.b[k] == 0;
        char want[INET6_ADDRSTRLEN], got[VIGIL__IP_TEXT_MAX];
        if (ip.is_v4)
            inet_ntop(AF_INET, ip.b + 12, want, sizeof want);
        else
            inet_ntop(AF_INET6, ip.b, want, sizeof want);
        size_t n = vigil__ip_format(&ip, got, sizeof got);
        assert_int_equal(n, strlen(got));
        if (!compat || ip.is_v4)
            assert_string_equal(got, want);
        vigil__ip back;
        assert_true(vigil__ip_parse(vigil__str(got, n), &back));
        assert_memory_equal(&back, &ip, sizeof ip);
    }
}

/* ------------------------------------------------------------------ mask */

static const char *masked(const char *s, unsigned p4, unsigned p6)
{
    static char buf[VIGIL__IP_TEXT_MAX];
    vigil__ip ip = IP(s);
    vigil__ip_mask(&ip, p4, p6);
    vigil__ip_format(&ip, buf, sizeof buf);
    return buf;
}

static void test_mask(void **state)
{
    (void)state;
    assert_string_equal(masked("203.0.113.77", 24, 64), "203.0.113.0");
    assert_string_equal(masked("203.0.113.77", 0, 64), "0.0.0.0");
    assert_string_equal(masked("203.0.113.77", 32, 0), "203.0.113.77");
    assert_string_equal(masked("203.0.113.77", 33, 0), "203.0.113.77");
    assert_string_equal(masked("203.0.113.77", 31, 0), "203.0.113.76");
    assert_string_equal(masked("203.255.255.255", 9, 0), "203.128.0.0");
    assert_string_equal(masked("2001:db8:1:2:3:4:5:6", 24, 64), "2001:db8:1:2::");
    assert_string_equal(masked("2001:db8:1:2:3:4:5:6", 24, 0), "::");
    assert_string_equal(masked("2001:db8:1:2:3:4:5:7", 24, 128), "2001:db8:1:2:3:4:5:7");
    assert_string_equal(masked("2001:db8:1:2:3:4:5:7", 24, 1000), "2001:db8:1:2:3:4:5:7");
    assert_string_equal(masked("2001:db8:1:2:3:4:5:7", 24, 127), "2001:db8:1:2:3:4:5:6");
    assert_string_equal(masked("2001:db8:1:2:ffff:4:5:7", 24, 65), "2001:db8:1:2:8000::");
    assert_string_equal(masked("ffff:ffff::", 0, 3), "e000::");
    /* IPv4 stays mapped and flagged */
    vigil__ip ip = IP("10.20.30.40");
    vigil__ip_mask(&ip, 0, 0);
    assert_int_equal(ip.is_v4, 1);
    assert_int_equal(ip.b[10], 0xff);
    assert_int_equal(ip.b[11], 0xff);
    vigil__ip_mask(NULL, 1, 1); /* no crash */
}

/* ------------------------------------------------------------------- sets */

static void test_ipset_basic(void **state)
{
    (void)state;
    vigil__ipset *set = compile_ok(
        "[\"10.0.0.0/8\", \"192.168.1.0/24\", \"203.0.113.7\", \"2001:db8::/32\", \"::1\","
        " \"fe80::/10\", \"198.51.100.9/32\", \"2001:db8:ffff::1/128\"]");
    assert_int_equal(vigil__ipset_size(set), 8);
    assert_true(in_set(set, "10.0.0.0"));
    assert_true(in_set(set, "10.255.255.255"));
    assert_false(in_set(set, "11.0.0.0"));
    assert_false(in_set(set, "9.255.255.255"));
    assert_true(in_set(set, "192.168.1.77"));
    assert_false(in_set(set, "192.168.2.1"));
    assert_true(in_set(set, "203.0.113.7"));
    assert_false(in_set(set, "203.0.113.6"));
    assert_false(in_set(set, "203.0.113.8"));
    assert_true(in_set(set, "198.51.100.9"));
    assert_false(in_set(set, "198.51.100.10"));
    assert_true(in_set(set, "2001:db8::"));
    assert_true(in_set(set, "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff"));
    assert_false(in_set(set, "2001:db9::"));
    assert_false(in_set(set, "2001:db7:ffff:ffff:ffff:ffff:ffff:ffff"));
    assert_true(in_set(set, "::1"));
    assert_false(in_set(set, "::2"));
    assert_false(in_set(set, "::"));
    assert_true(in_set(set, "fe80::1%eth0"));
    assert_true(in_set(set, "febf:ffff::"));
    assert_false(in_set(set, "fec0::"));
    /* same address through forwarded forms and the mapped form */
    assert_true(in_set(set, "[::ffff:10.1.2.3]:80"));
    assert_true(in_set(set, "\"10.1.2.3:443\""));
    /* IPv4 10.0.0.1 is not the IPv6 ::a00:1 */
    assert_false(in_set(set, "::10.0.0.1"));
    assert_false(vigil__ipset_contains(set, NULL));
    vigil__ipset_free(set);
}

static void test_ipset_special(void **state)
{
    (void)state;
    vigil__ipset *v4all = compile_ok("[\"0.0.0.0/0\"]");
    assert_true(in_set(v4all, "0.0.0.0"));
    assert_true(in_set(v4all, "255.255.255.255"));
    assert_true(in_set(v4all, "::ffff:8.8.8.8"));
    assert_false(in_set(v4all, "::"));
    assert_false(in_set(v4all, "2001:db8::1"));
    assert_false(in_set(v4all, "::8.8.8.8"));
    vigil__ipset_free(v4all);

    vigil__ipset *v6all = compile_ok("[\"::/0\"]");
    assert_true(in_set(v6all, "::"));
    assert_true(in_set(v6all, "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"));
    assert_true(in_set(v6all, "::8.8.8.8"));
    assert_false(in_set(v6all, "8.8.8.8")); /* families are kept apart */
    assert_false(in_set(v6all, "::ffff:8.8.8.8"));
    vigil__ipset_free(v6all);

    vigil__ipset *hosts = compile_ok("[\"1.2.3.4/32\", \"2001:db8::5/128\", \"::/128\"]");
    assert_true(in_set(hosts, "1.2.3.4"));
    assert_false(in_set(hosts, "1.2.3.5"));
    assert_false(in_set(hosts, "1.2.3.3"));
    assert_true(in_set(hosts, "2001:db8::5"));
    assert_false(in_set(hosts, "2001:db8::4"));
    assert_false(in_set(hosts, "2001:db8::6"));
    assert_true(in_set(hosts, "::"));
    assert_false(in_set(hosts, "::1"));
    assert_false(in_set(hosts, "0.0.0.0"));
    vigil__ipset_free(hosts);

    /* mapped notation in the policy is the IPv4 range */
    vigil__ipset *m = compile_ok("[\"::ffff:10.0.0.0/104\", \"::ffff:1.2.3.4\", \"::ffff:0:0/96\"]");
    assert_int_equal(vigil__ipset_size(m), 3);
    assert_true(in_set(m, "10.9.9.9"));
    assert_true(in_set(m, "1.2.3.4"));
    assert_true(in_set(m, "99.1.1.1")); /* ::ffff:0:0/96 is all of IPv4 */
    assert_false(in_set(m, "::1"));
    vigil__ipset_free(m);
    m = compile_ok("[\"::ffff:10.0.0.0/104\"]");
    assert_true(in_set(m, "10.9.9.9"));
    assert_false(in_set(m, "11.0.0.0"));
    vigil__ipset_free(m);

    /* host bits beyond the prefix are masked */
    vigil__ipset *hb = compile_ok("[\"10.1.2.3/8\", \"2001:db8:1:2:3:4:5:6/48\"]");
    assert_true(in_set(hb, "10.200.0.1"));
    assert_true(in_set(hb, "2001:db8:1:ffff::"));
    assert_false(in_set(hb, "2001:db8:2::"));
    vigil__ipset_free(hb);

    /* a hand-built IPv4 whose first 96 bits are not ::ffff still works,
     * as does a mapped address whose flag was left 0 */
    vigil__ipset *s = compile_ok("[\"10.0.0.0/8\"]");
    vigil__ip ip;
    memset(&ip, 0, sizeof ip);
    ip.is_v4 = 1;
    ip.b[12] = 10;
    assert_true(vigil__ipset_contains(s, &ip));
    ip = IP("10.1.1.1");
    ip.is_v4 = 0;
    assert_true(vigil__ipset_contains(s, &ip));
    vigil__ipset_free(s);
}

static void test_ipset_empty_and_null(void **state)
{
    (void)state;
    vigil__ipset *set = (vigil__ipset *)1;
    assert_int_equal(vigil__ipset_compile(NULL, "ip.allow", &set, NULL), VIGIL_OK);
    assert_non_null(set);
    assert_int_equal(vigil__ipset_size(set), 0);
    assert_false(in_set(set, "1.2.3.4"));
    assert_false(in_set(set, "::1"));
    vigil__ipset_free(set);

    set = compile_ok("[]");
    assert_int_equal(vigil__ipset_size(set), 0);
    assert_false(in_set(set, "0.0.0.0"));
    vigil__ipset_free(set);

    assert_false(in_set(NULL, "1.2.3.4"));
    assert_int_equal(vigil__ipset_size(NULL), 0);
    vigil__ipset_free(NULL);
    assert_int_equal(vigil__ipset_compile(NULL, NULL, NULL, NULL), VIGIL_EINVAL);
}

static void expect_compile_error(const char *json_text, const char *path, const char *want_path,
                                 const char *want_msg)
{
    cJSON *j = cJSON_Parse(json_text);
    assert_non_null(j);
    vigil__ipset *set = (vigil__ipset *)1;
    vigil_error err = VIGIL_ERROR_INIT;
    assert_int_equal(vigil__ipset_compile(j, path, &set, &err), VIGIL_EPOLICY);
    assert_null(set);
    assert_int_equal(err.code, VIGIL_EPOLICY);
    assert_string_equal(err.path, want_path);
    if (want_msg)
        assert_string_equal(err.message, want_msg);
    /* also without an error struct */
    assert_int_equal(vigil__ipset_compile(j, path, &set, NULL), VIGIL_EPOLICY);
    assert_null(set);
    cJSON_Delete(j);
}

static void test_ipset_errors(void **state)
{
    (void)state;
    expect_compile_error("[\"1.0.0.0/8\",\"::1\",\"10.0.0.0/8\",\"10.0.0.0/33\"]", "ip.deny",
                         "ip.deny[3]", "invalid CIDR \"10.0.0.0/33\"");
    expect_compile_error("[\"::/129\"]", "ip.deny", "ip.deny[0]", "invalid CIDR \"::/129\"");
    expect_compile_error("[\"1.2.3.4\", 7]", "ip.allow", "ip.allow[1]",
                         "invalid CIDR (expected a string)");
    expect_compile_error("[null]", "p", "p[0]", NULL);
    expect_compile_error("[[\"1.2.3.4\"]]", "p", "p[0]", NULL);
    expect_compile_error("{\"a\":\"1.2.3.4\"}", "ip.trusted_proxies", "ip.trusted_proxies",
                         NULL);
    expect_compile_error("\"10.0.0.0/8\"", "ip.deny", "ip.deny", NULL);
    expect_compile_error("[\"a\\\"b\\u0001\"]", "x", "x[0]", "invalid CIDR \"a\\x22b\\x01\"");

    static const char *bad[] = {
        "", "/", "/8", "10.0.0.0/", "10.0.0.0/08", "10.0.0.0/-1", "10.0.0.0/+8",
        "10.0.0.0/8/8", "10.0.0.0/ 8", " 10.0.0.0/8", "10.0.0.0/8 ", "10.0.0/8",
        "[::1]/128", "fe80::1%eth0/64", "fe80::1%eth0", "1.2.3.4:80", "\"1.2.3.4\"",
        "::/1280", "::/0128", "10.0.0.0/1e1", "1::2::3/64", "gggg::/16", "10.0.0.0\\8",
        "::ffff:1.2.3.4/129", "1.2.3.4/32x",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        cJSON *arr = cJSON_CreateArray();
        cJSON_AddItemToArray(arr, cJSON_CreateString(bad[i]));
        vigil__ipset *set = NULL;
        vigil_error err = VIGIL_ERROR_INIT;
        if (vigil__ipset_compile(arr, "ip.deny", &set, &err) != VIGIL_EPOLICY)
            fail_msg("\"%s\" should be rejected", bad[i]);
        assert_string_equal(err.path, "ip.deny[0]");
        assert_non_null(strstr(err.message, "invalid CIDR"));
        cJSON_Delete(arr);
    }

    /* a huge bad element: message stays bounded and printable */
    char *big = xmalloc(10001);
    memset(big, '9', 10000);
    big[10000] = '\0';
    cJSON *arr = cJSON_CreateArray();
    cJSON_AddItemToArray(arr, cJSON_CreateString(big));
    vigil__ipset *set = NULL;
    vigil_error err = VIGIL_ERROR_INIT;
    assert_int_equal(vigil__ipset_compile(arr, "ip.deny", &set, &err), VIGIL_EPOLICY);
    assert_true(strlen(err.message) < 120);
    assert_non_null(strstr(err.message, "...\""));
    cJSON_Delete(arr);
    free(big);
}

static void test_ipset_merge_and_bounds(void **state)
{
    (void)state;
    /* adjacent and nested ranges merge without changing membership */
    vigil__ipset *set = compile_ok(
        "[\"10.128.0.0/9\", \"10.0.0.0/9\", \"10.5.0.0/16\", \"10.0.0.0/8\", \"11.0.0.0/8\","
        " \"255.255.255.255\", \"255.255.255.254/31\", \"ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff\","
        " \"::\", \"::/127\", \"8000::/1\", \"::/1\"]");
    assert_int_equal(vigil__ipset_size(set), 12);
    assert_true(in_set(set, "10.0.0.0"));
    assert_true(in_set(set, "11.255.255.255"));
    assert_false(in_set(set, "12.0.0.0"));
    assert_false(in_set(set, "9.255.255.255"));
    assert_true(in_set(set, "255.255.255.255"));
    assert_true(in_set(set, "255.255.255.254"));
    assert_false(in_set(set, "255.255.255.253"));
    assert_false(in_set(set, "0.0.0.0"));
    assert_true(in_set(set, "::"));
    assert_true(in_set(set, "7fff::"));
    assert_true(in_set(set, "8000::"));
    assert_true(in_set(set, "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"));
    vigil__ipset_free(set);
}

/* Random CIDR lists against a brute-force prefix match. */
static int naive_match(const vigil__ip *ip, const vigil__ip *nets, const unsigned *bits,
                       const int *v4, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (v4[i] != ip->is_v4)
            continue;
        vigil__ip a = *ip, b = nets[i];
        unsigned p = bits[i];
        vigil__ip_mask(&a, p, p);
        vigil__ip_mask(&b, p, p);
        if (memcmp(a.b, b.b, 16) == 0)
            return 1;
    }
    return 0;
}

static void test_ipset_random(void **state)
{
    (void)state;
    enum { N = 300 };
    for (int round = 0; round < 20; round++) {
        vigil__ip nets[N];
        unsigned bits[N];
        int v4[N];
        cJSON *arr = cJSON_CreateArray();
        for (size_t i = 0; i < N; i++) {
            memset(&nets[i], 0, sizeof nets[i]);
            v4[i] = (int)rndn(2);
            /* few distinct leading bits so ranges nest and touch */
            if (v4[i]) {
                nets[i].is_v4 = 1;
                nets[i].b[10] = nets[i].b[11] = 0xff;
                uint32_t a = (uint32_t)rnd() & (0xc0000000u | (uint32_t)rnd());
                for (int k = 0; k < 4; k++)
                    nets[i].b[12 + k] = (uint8_t)(a >> (24 - 8 * k));
                bits[i] = rndn(33);
            } else {
                for (int k = 0; k < 16; k++)
                    nets[i].b[k] = (uint8_t)(rndn(4) ? (rnd() & 0x81) : rnd());
                if (memcmp(nets[i].b, "\0\0\0\0\0\0\0\0\0\0\xff\xff", 12) == 0)
                    nets[i].b[0] = 1;
                bits[i] = rndn(129);
            }
            char t[VIGIL__IP_TEXT_MAX + 8];
            size_t n = vigil__ip_format(&nets[i], t, sizeof t);
            snprintf(t + n, sizeof t - n, "/%u", bits[i]);
            cJSON_AddItemToArray(arr, cJSON_CreateString(t));
        }
        vigil__ipset *set = NULL;
        assert_int_equal(vigil__ipset_compile(arr, "r", &set, NULL), VIGIL_OK);
        cJSON_Delete(arr);
        assert_int_equal(vigil__ipset_size(set), N);
        for (int q = 0; q < 5000; q++) {
            vigil__ip ip;
            /* near an entry's edges, or random */
            size_t i = rndn(N);
            ip = nets[i];
            int lastbit = v4[i] ? 96 + (int)bits[i] : (int)bits[i];
            for (int b = lastbit; b < 128; b++)
                if (rndn(2))
                    ip.b[b / 8] ^= (uint8_t)(0x80u >> (b % 8));
            if (rndn(4) == 0 && lastbit > (v4[i] ? 96 : 0)) {
                int b = (v4[i] ? 96 : 0) + (int)rndn((unsigned)(lastbit - (v4[i] ? 96 : 0)));
                ip.b[b / 8] ^= (uint8_t)(0x80u >> (b % 8));
            }
            if (!v4[i] && memcmp(ip.b, "\0\0\0\0\0\0\0\0\0\0\xff\xff", 12) == 0)
                continue;
            if (vigil__ipset_contains(set, &ip) != naive_match(&ip, nets, bits, v4, N)) {
                char t[VIGIL__IP_TEXT_MAX];
                vigil__ip_format(&ip, t, sizeof t);
                fail_msg("mismatch for %s", t);
            }
        }
        vigil__ipset_free(set);
    }
}

/* ------------------------------------------------------------- client ip */

static vigil__ipset *trusted_set(void)
{
    return compile_ok("[\"10.0.0.0/8\", \"2001:db8:ffff::/48\", \"127.0.0.1\"]");
}

#define H(n, v) {{n, sizeof(n) - 1}, {v, sizeof(v) - 1}}

static const char *client(const char *peer, const vigil_header *h, size_t n,
                          const vigil__ipset *trusted)
{
    static char buf[VIGIL__IP_TEXT_MAX];
    vigil__ip p = IP(peer), out;
    memset(&out, 0xAA, sizeof out);
    assert_int_equal(vigil__client_ip(&p, 1, h, n, trusted, &out), 1);
    vigil__ip_format(&out, buf, sizeof buf);
    return buf;
}

static void test_client_untrusted_peer(void **state)
{
    (void)state;
    vigil__ipset *t = trusted_set();
    vigil_header h[] = {H("X-Forwarded-For", "1.1.1.1"), H("Forwarded", "for=2.2.2.2")};
    /* spoofing: an untrusted peer's headers are ignored */
    assert_string_equal(client("203.0.113.9", h, 2, t), "203.0.113.9");
    assert_string_equal(client("2001:db8::9", h, 2, t), "2001:db8::9");
    /* no trusted set at all */
    assert_string_equal(client("10.0.0.1", h, 2, NULL), "10.0.0.1");
    /* trusted peer, no headers */
    assert_string_equal(client("10.0.0.1", NULL, 0, t), "10.0.0.1");
    assert_string_equal(client("10.0.0.1", h, 0, t), "10.0.0.1");
    /* trusted peer through the mapped form */
    assert_string_equal(client("::ffff:10.0.0.1", h, 1, t), "1.1.1.1");
    vigil__ipset_free(t);
}

static void test_client_invalid_peer(void **state)
{
    (void)state;
    vigil__ipset *t = trusted_set();
    vigil_header h[] = {H("X-Forwarded-For", "1.1.1.1")};
    vigil__ip peer = IP("10.0.0.1"), out;
    static const vigil__ip zero;
    memset(&out, 0xAA, sizeof out);
    assert_int_equal(vigil__client_ip(&peer, 0, h, 1, t, &out), 0);
    assert_memory_equal(&out, &zero, sizeof out);
    memset(&out, 0xAA, sizeof out);
    assert_int_equal(vigil__client_ip(NULL, 1, h, 1, t, &out), 0);
    assert_memory_equal(&out, &zero, sizeof out);
    assert_int_equal(vigil__client_ip(&peer, 1, h, 1, t, NULL), 0);
    vigil__ipset_free(t);
}

static void test_client_xff_chains(void **state)
{
    (void)state;
    vigil__ipset *t = trusted_set();
    {
        vigil_header h[] = {H("X-Forwarded-For", "198.51.100.1")};
        assert_string_equal(client("10.0.0.1", h, 1, t), "198.51.100.1");
    }
    { /* multi-hop: trusted hops on the right are skipped */
        vigil_header h[] = {H("x-forwarded-for", "198.51.100.1, 10.0.0.5, 10.1.1.1")};
        assert_string_equal(client("10.0.0.1", h, 1, t), "198.51.100.1");
    }
    { /* a client-supplied (spoofed) entry left of the real client is ignored */
        vigil_header h[] = {H("X-Forwarded-For", "6.6.6.6, 198.51.100.1, 10.0.0.5")};
        assert_string_equal(client("10.0.0.1", h, 1, t), "198.51.100.1");
    }
    { /* spoofed trusted-looking entry left of the client changes nothing */
        vigil_header h[] = {H("X-Forwarded-For", "10.9.9.9, 198.51.100.1")};
        assert_string_equal(client("10.0.0.1", h, 1, t), "198.51.100.1");
    }
    { /* several headers concatenated in order */
        vigil_header h[] = {H("X-Forwarded-For", "6.6.6.6, 198.51.100.2"),
                            H("Accept", "*/*"),
                            H("X-FORWARDED-FOR", "10.0.0.7 ,10.0.0.8")};
        assert_string_equal(client("10.0.0.1", h, 3, t), "198.51.100.2");
    }
    { /* all trusted: the leftmost (last trusted) hop */
        vigil_header h[] = {H("X-Forwarded-For", "10.0.0.3, 127.0.0.1, 10.0.0.5")};
        assert_string_equal(client("10.0.0.1", h, 1, t), "10.0.0.3");
    }
    { /* garbage stops the walk at the last trusted hop */
        vigil_header h[] = {H("X-Forwarded-For", "198.51.100.1, garbage, 10.0.0.5")};
        assert_string_equal(client("10.0.0.1", h, 1, t), "10.0.0.5");
    }
    {
        vigil_header h[] = {H("X-Forwarded-For", "198.51.100.1, unknown")};
        assert_string_equal(client("10.0.0.1", h, 1, t), "10.0.0.1");
    }
    {
        vigil_header h[] = {H("X-Forwarded-For", "198.51.100.1, 01.2.3.4")};
        assert_string_equal(client("10.0.0.1", h, 1, t), "10.0.0.1");
    }
    { /* empty elements are skipped */
        vigil_header h[] = {H("X-Forwarded-For", " , 198.51.100.1,, ,\t")};
        assert_string_equal(client("10.0.0.1", h, 1, t), "198.51.100.1");
    }
    { /* ports, brackets, quotes, IPv6 */
        vigil_header h[] = {
            H("X-Forwarded-For", "\"[2001:db8::77]:5555\", [2001:db8:ffff::1]:80, 10.0.0.2:9")};
        assert_string_equal(client("10.0.0.1", h, 1, t), "2001:db8::77");
    }
    {
        vigil_header h[] = {H("X-Forwarded-For", "2001:db8::78")};
        assert_string_equal(client("2001:db8:ffff::9", h, 1, t), "2001:db8::78");
    }
    { /* X-Forwarded-For wins over Forwarded */
        vigil_header h[] = {H("Forwarded", "for=5.5.5.5"), H("X-Forwarded-For", "198.51.100.1")};
        assert_string_equal(client("10.0.0.1", h, 2, t), "198.51.100.1");
    }
    { /* an X-Forwarded-For with no entries falls back to Forwarded */
        vigil_header h[] = {H("X-Forwarded-For", " , "), H("Forwarded", "for=5.5.5.5")};
        assert_string_equal(client("10.0.0.1", h, 2, t), "5.5.5.5");
    }
    { /* similarly named headers are not X-Forwarded-For */
        vigil_header h[] = {H("X-Forwarded-For-X", "1.1.1.1"), H("X-Forwarded", "1.1.1.2"),
                            H("X-Real-IP", "1.1.1.3")};
        assert_string_equal(client("10.0.0.1", h, 3, t), "10.0.0.1");
    }
    { /* NULL header value pointer */
        vigil_header h[] = {{{"X-Forwarded-For", 15}, {NULL, 0}}};
        assert_string_equal(client("10.0.0.1", h, 1, t), "10.0.0.1");
    }
    vigil__ipset_free(t);
}

static void test_client_forwarded(void **state)
{
    (void)state;
    vigil__ipset *t = trusted_set();
    {
        vigil_header h[] = {H("Forwarded", "for=192.0.2.60;proto=http;by=203.0.113.43")};
        assert_string_equal(client("10.0.0.1", h, 1, t), "192.0.2.60");
    }
    {
        vigil_header h[] = {H("forwarded", "For=\"[2001:db8:cafe::17]:4711\"")};
        assert_string_equal(client("10.0.0.1", h, 1, t), "2001:db8:cafe::17");
    }
    {
        vigil_header h[] = {H("Forwarded", "for=\"[2001:db8:cafe::17]\"")};
        assert_string_equal(client("10.0.0.1", h, 1, t), "2001:db8:cafe::17");
    }
    {
        vigil_header h[] = {H("Forwarded", "for=\"192.0.2.43:47011\"")};
        assert_string_equal(client("10.0.0.1", h, 1, t), "192.0.2.43");
    }
    { /* multi-hop, over several elements and headers, with OWS */
        vigil_header h[] = {H("FORWARDED", "for=6.6.6.6, for=192.0.2.43 ; proto=https"),
                            H("Forwarded", "for=10.0.0.9;by=10.0.0.1,for=\"10.0.0.10:1\"")};
        assert_string_equal(client("10.0.0.1", h, 2, t), "192.0.2.43");
    }
    { /* commas and semicolons inside quoted values do not split */
        vigil_header h[] = {H("Forwarded", "for=192.0.2.1;ext=\"a,b;c\", for=10.0.0.3")};
        assert_string_equal(client("10.0.0.1", h, 1, t), "192.0.2.1");
    }
    { /* "unknown" and obfuscated identifiers stop the walk */
        vigil_header h[] = {H("Forwarded", "for=192.0.2.1, for=unknown, for=10.0.0.3")};
        assert_string_equal(client("10.0.0.1", h, 1, t), "10.0.0.3");
    }
    {
        vigil_header h[] = {H("Forwarded", "for=192.0.2.1, for=\"_hidden:1\"")};
        assert_string_equal(client("10.0.0.1", h, 1, t), "10.0.0.1");
    }
    {
        vigil_header h[] = {H("Forwarded", "for=192.0.2.1, for=_SEVKISEK")};
        assert_string_equal(client("10.0.0.1", h, 1, t), "10.0.0.1");
    }
    { /* an element without "for" stops the walk */
        vigil_header h[] = {H("Forwarded", "for=192.0.2.1, proto=https;by=10.0.0.1")};
        assert_string_equal(client("10.0.0.1", h, 1, t), "10.0.0.1");
    }
    { /* two "for" in one element is malformed */
        vigil_header h[] = {H("Forwarded", "for=192.0.2.1;for=192.0.2.2")};
        assert_string_equal(client("10.0.0.1", h, 1, t), "10.0.0.1");
    }
    { /* quoted-pair in an address */
        vigil_header h[] = {H("Forwarded", "for=\"192.0.2.\\1\"")};
        assert_string_equal(client("10.0.0.1", h, 1, t), "10.0.0.1");
    }
    { /* unterminated quote swallows the rest: stop */
        vigil_header h[] = {H("Forwarded", "for=192.0.2.9, for=\"10.0.0.4, for=10.0.0.5")};
        assert_string_equal(client("10.0.0.1", h, 1, t), "10.0.0.1");
    }
    { /* recovery from a bad element skips quoted commas too */
        vigil_header h[] = {H("Forwarded", "for=10.0.0.5 x;e=\"a, for=198.51.100.5;e=\"\"")};
        assert_string_equal(client("10.0.0.1", h, 1, t), "10.0.0.1");
    }
    { /* junk after a value */
        vigil_header h[] = {H("Forwarded", "for=192.0.2.9 x, for=10.0.0.5")};
        assert_string_equal(client("10.0.0.1", h, 1, t), "10.0.0.5");
    }
    {
        vigil_header h[] = {H("Forwarded", "192.0.2.9")};
        assert_string_equal(client("10.0.0.1", h, 1, t), "10.0.0.1");
    }
    {
        vigil_header h[] = {H("Forwarded", "for=")};
        assert_string_equal(client("10.0.0.1", h, 1, t), "10.0.0.1");
    }
    { /* empty elements and pairs are skipped */
        vigil_header h[] = {H("Forwarded", ", ,for=192.0.2.7;;proto=http ,, ")};
        assert_string_equal(client("10.0.0.1", h, 1, t), "192.0.2.7");
    }
    { /* unquoted bracketed IPv6 (not RFC, but seen) */
        vigil_header h[] = {H("Forwarded", "for=[2001:db8::5]:80")};
        assert_string_equal(client("10.0.0.1", h, 1, t), "2001:db8::5");
    }
    vigil__ipset_free(t);
}

static void test_client_hop_bound(void **state)
{
    (void)state;
    vigil__ipset *t = trusted_set();
    char buf[4096];
    for (int trusted_hops = 62; trusted_hops <= 66; trusted_hops++) {
        size_t n = (size_t)snprintf(buf, sizeof buf, "198.51.100.1");
        for (int i = trusted_hops; i >= 1; i--)
            n += (size_t)snprintf(buf + n, sizeof buf - n, ", 10.0.0.%d", i);
        vigil_header h[] = {{{"X-Forwarded-For", 15}, {buf, n}}};
        const char *got = client("10.0.0.1", h, 1, t);
        if (trusted_hops < VIGIL__CLIENT_IP_MAX_HOPS) {
            assert_string_equal(got, "198.51.100.1");
        } else {
            /* only the rightmost 64 are inspected; the last of them wins */
            char want[32];
            snprintf(want, sizeof want, "10.0.0.%d", VIGIL__CLIENT_IP_MAX_HOPS);
            assert_string_equal(got, want);
        }
    }
    /* the same through Forwarded */
    size_t n = (size_t)snprintf(buf, sizeof buf, "for=198.51.100.1");
    for (int i = 63; i >= 1; i--)
        n += (size_t)snprintf(buf + n, sizeof buf - n, ",for=10.0.0.%d", i);
    vigil_header h[] = {{{"Forwarded", 9}, {buf, n}}};
    assert_string_equal(client("10.0.0.1", h, 1, t), "198.51.100.1");
    n += (size_t)snprintf(buf + n, sizeof buf - n, ",for=10.0.0.99");
    h[0].value.len = n;
    assert_string_equal(client("10.0.0.1", h, 1, t), "10.0.0.63");
    vigil__ipset_free(t);
}

static void test_client_huge_and_random(void **state)
{
    (void)state;
    vigil__ipset *t = trusted_set();
    size_t n = 4u << 20;
    char *big = xmalloc(n);
    for (size_t i = 0; i + 9 <= n; i += 9)
        memcpy(big + i, "10.0.0.1,", 9);
    memcpy(big, "1.2.3.4,", 8);
    vigil_header h[] = {{{"X-Forwarded-For", 15}, {big, n}}, {{"Forwarded", 9}, {big, n}}};
    assert_string_equal(client("10.0.0.1", h, 1, t), "10.0.0.1");
    /* quotes everywhere in Forwarded */
    memset(big, '"', n);
    assert_string_equal(client("10.0.0.1", h + 1, 1, t), "10.0.0.1");
    memset(big, '\\', n);
    assert_string_equal(client("10.0.0.1", h + 1, 1, t), "10.0.0.1");
    for (size_t i = 0; i + 5 <= n; i += 5)
        memcpy(big + i, "for=;", 5);
    assert_string_equal(client("10.0.0.1", h + 1, 1, t), "10.0.0.1");

    /* random headers: no crash, and the answer is the peer or an address
     * that appears in them */
    static const char *pieces[] = {"for=", "For=", "\"", "[", "]", ":", ",", ";", " ",
                                   "10.0.0.2", "2001:db8::1", "198.51.100.3", "unknown",
                                   "\\", "=", "by=", "_x", "2001:db8:ffff::3", ":80", "a"};
    for (int it = 0; it < 100000; it++) {
        char v[256];
        size_t len = 0;
        unsigned k = rndn(20);
        for (unsigned i = 0; i < k; i++) {
            const char *p = pieces[rndn(sizeof pieces / sizeof *pieces)];
            size_t pl = strlen(p);
            if (len + pl >= sizeof v)
                break;
            memcpy(v + len, p, pl);
            len += pl;
        }
        vigil_header rh[] = {{{rndn(2) ? "forwarded" : "x-forwarded-for", 0}, {v, len}}};
        rh[0].name.len = strlen(rh[0].name.ptr);
        vigil__ip p = IP("10.0.0.1"), out;
        assert_int_equal(vigil__client_ip(&p, 1, rh, 1, t, &out), 1);
        char s[VIGIL__IP_TEXT_MAX];
        vigil__ip_format(&out, s, sizeof s);
        static const char *allowed[] = {"10.0.0.1", "10.0.0.2", "2001:db8::1",
                                        "198.51.100.3", "2001:db8:ffff::3"};
        int found = 0;
        for (size_t a = 0; a < 5; a++)
            found |= strcmp(s, allowed[a]) == 0;
        /* pieces can join into other addresses; then some substring of the
         * header must parse to the answer */
        for (size_t i = 0; !found && i < len; i++)
            for (size_t j = i + 1; !found && j <= len && j - i <= 64; j++) {
                vigil__ip sub;
                found = vigil__ip_parse(vigil__str(v + i, j - i), &sub) &&
                        memcmp(&sub, &out, sizeof sub) == 0;
            }
        if (!found)
            fail_msg("unexpected client %s from \"%.*s\"", s, (int)len, v);
    }
    free(big);
    vigil__ipset_free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_v4_valid),
        cmocka_unit_test(test_parse_v4_invalid),
        cmocka_unit_test(test_parse_v6_valid),
        cmocka_unit_test(test_parse_v6_invalid),
        cmocka_unit_test(test_v4_mapped_equivalence),
        cmocka_unit_test(test_parse_forwarded_forms),
        cmocka_unit_test(test_parse_huge_and_random),
        cmocka_unit_test(test_parse_differential),
        cmocka_unit_test(test_format_rfc5952),
        cmocka_unit_test(test_format_differential),
        cmocka_unit_test(test_mask),
        cmocka_unit_test(test_ipset_basic),
        cmocka_unit_test(test_ipset_special),
        cmocka_unit_test(test_ipset_empty_and_null),
        cmocka_unit_test(test_ipset_errors),
        cmocka_unit_test(test_ipset_merge_and_bounds),
        cmocka_unit_test(test_ipset_random),
        cmocka_unit_test(test_client_untrusted_peer),
        cmocka_unit_test(test_client_invalid_peer),
        cmocka_unit_test(test_client_xff_chains),
        cmocka_unit_test(test_client_forwarded),
        cmocka_unit_test(test_client_hop_bound),
        cmocka_unit_test(test_client_huge_and_random),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
