/*
 * detect_ssrf.c - server-side request forgery (see detect.h).
 *
 * Finds URLs in the value (scheme://..., //host..., \\host...) or a value
 * that is a bare host[:port], extracts the host the way differing URL
 * parsers might (userinfo, '#' and '\\' confusion) and classifies it
 * purely syntactically: loopback, private, link-local, unique-local and
 * cloud metadata addresses in any IPv4 spelling inet_aton() accepts
 * (2130706433, 0177.0.0.1, 0x7f.1, 127.1), IPv6 with embedded IPv4, and
 * names such as localhost. No DNS is involved.
 */
#include "detect.h"

#define HOST_CAP 256

enum {
    K_PUBLIC = 0,
    K_META,    /* cloud metadata service                   */
    K_LOOP,    /* loopback, 0.0.0.0, localhost names         */
    K_PRIV,    /* RFC 1918, link-local, unique-local         */
    K_SHARED   /* 100.64/10 carrier-grade NAT, .local names  */
};

/* ---------------------------------------------------------------- bytes */

static int is_alpha(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

static int is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

static int ends_with(const char *h, size_t n, const char *suf)
{
    size_t k = strlen(suf);
    return n >= k && memcmp(h + n - k, suf, k) == 0;
}

static int eq(const char *h, size_t n, const char *lit)
{
    return strlen(lit) == n && memcmp(h, lit, n) == 0;
}

/* Copies a host into out (cap HOST_CAP) lower-cased, folding the Unicode
 * look-alikes IDNA maps to ASCII: fullwidth forms, ideographic full stops
 * and circled letters and digits. Returns the length, or 0 when the host
 * is too long. */
static size_t host_fold(const unsigned char *s, size_t n, char *out)
{
    size_t o = 0;
    if (n > HOST_CAP)
        return 0;
    for (size_t i = 0; i < n;) {
        unsigned char c = s[i];
        unsigned cp = 0;
        if (c < 0x80) {
            if (c != '\\') /* "\\l\\o\\c\\a\\l...": the resolver drops escapes */
                out[o++] = (char)vigil__lower(c);
            i++;
            continue;
        }
        size_t k = 1;
        if (c >= 0xe0 && c < 0xf0 && i + 2 < n && (s[i + 1] & 0xc0) == 0x80 &&
            (s[i + 2] & 0xc0) == 0x80) {
            cp = ((unsigned)(c & 0x0f) << 12) | ((unsigned)(s[i + 1] & 0x3f) << 6) |
                 (unsigned)(s[i + 2] & 0x3f);
            k = 3;
        }
        unsigned char a = c;
        if (k == 3) {
            if (cp >= 0xff01 && cp <= 0xff5e)
                a = (unsigned char)(cp - 0xff01 + 0x21);
            else if (cp == 0x3002 || cp == 0xff61)
                a = '.';
            else if (cp >= 0x2460 && cp <= 0x2468)
                a = (unsigned char)('1' + (cp - 0x2460));
            else if (cp == 0x24ea)
                a = '0';
            else if (cp >= 0x24b6 && cp <= 0x24cf)
                a = (unsigned char)('a' + (cp - 0x24b6));
            else if (cp >= 0x24d0 && cp <= 0x24e9)
                a = (unsigned char)('a' + (cp - 0x24d0));
            else
                k = 1; /* other characters are copied byte by byte */
        }
        if (o >= HOST_CAP)
            return 0;
        out[o++] = (char)vigil__lower(k == 3 ? a : c);
        i += k;
    }
    while (o > 0 && out[o - 1] == '.')
        o--; /* "localhost." */
    return o;
}

/* ----------------------------------------------------------------- IPv4 */

/* Parses an IPv4 address the way inet_aton() does: one to four parts,
 * each decimal, octal (leading 0) or hex (0x). *canon is set when it is
 * the ordinary dotted quad. Returns 1 on success. */
static int parse_ipv4(const char *h, size_t n, uint32_t *out, int *canon)
{
    uint64_t part[4];
    size_t np = 0, i = 0;
    *canon = 1;
    if (n == 0)
        return 0;
    while (i <= n) {
        if (np == 4)
            return 0;
        size_t st = i;
        uint64_t v = 0;
        int base = 10;
        if (i + 1 < n && h[i] == '0' && (h[i + 1] == 'x' || h[i + 1] == 'X')) {
            base = 16;
            i += 2;
            *canon = 0;
        } else if (i + 1 < n && h[i] == '0' && is_digit((unsigned char)h[i + 1])) {
            base = 8;
            *canon = 0;
        }
        size_t digits = 0;
        while (i < n && h[i] != '.') {
            int d = vigil__hexval((unsigned char)h[i]);
            if (d < 0 || d >= base)
                return 0;
            v = v * (unsigned)base + (unsigned)d;
            if (v > 0xffffffffu)
                return 0;
            digits++;
            i++;
        }
        if (digits == 0 && base != 16)
            return 0;
        if (i == st)
            return 0;
        part[np++] = v;
        if (i == n)
            break;
        i++; /* the dot */
        if (i == n)
            return 0;
    }
    if (np != 4)
        *canon = 0;
    uint32_t a = 0;
    for (size_t k = 0; k + 1 < np; k++) {
        if (part[k] > 255)
            return 0;
        a |= (uint32_t)part[k] << (24 - 8 * k);
    }
    uint64_t lastmax = np == 1 ? 0xffffffffu : (1u << (8 * (5 - np))) - 1u;
    if (part[np - 1] > lastmax)
        return 0;
    a |= (uint32_t)part[np - 1];
    *out = a;
    return 1;
}

static int class_v4(uint32_t a)
{
    if (a == 0xa9fea9feu || a == 0x646464c8u) /* 169.254.169.254, 100.100.100.200 */
        return K_META;
    if ((a >> 24) == 127 || a == 0) /* 0.0.0.0 reaches the local host */
        return K_LOOP;
    if ((a >> 24) == 10 || (a >> 20) == 0xac1 || (a >> 16) == 0xc0a8 || (a >> 16) == 0xa9fe)
        return K_PRIV;
    if ((a >> 22) == (100u << 2 | 1u)) /* 100.64.0.0/10 */
        return K_SHARED;
    return K_PUBLIC;
}

/* ----------------------------------------------------------------- IPv6 */

/* Parses the text between brackets (zone id allowed) into 16 bytes. */
static int parse_ipv6(const char *h, size_t n, unsigned char out[16])
{
    uint16_t g[8];
    size_t ng = 0, gap = (size_t)-1, i = 0;
    int v4 = 0;
    uint32_t v4a = 0;
    for (size_t k = 0; k < n; k++)
        if (h[k] == '%') {
            n = k; /* zone id: fe80::1%eth0 */
            break;
        }
    if (n >= 2 && h[0] == ':' && h[1] == ':') {
        gap = 0;
        i = 2;
    } else if (n >= 1 && h[0] == ':')
        return 0;
    while (i < n) {
        size_t st = i;
        unsigned v = 0;
        while (i < n && i - st < 5 && vigil__hexval((unsigned char)h[i]) >= 0) {
            v = v * 16 + (unsigned)vigil__hexval((unsigned char)h[i]);
            i++;
        }
        if (i < n && h[i] == '.') {
            /* embedded dotted IPv4 tail */
            int canon;
            size_t e = st;
            while (e < n && h[e] != ':')
                e++;
            if (e != n || ng > 6 || !parse_ipv4(h + st, n - st, &v4a, &canon) || !canon)
                return 0;
            v4 = 1;
            break;
        }
        if (i == st || i - st > 4 || ng >= 8)
            return 0;
        g[ng++] = (uint16_t)v;
        if (i == n)
            break;
        if (h[i] != ':')
            return 0;
        i++;
        if (i < n && h[i] == ':') {
            if (gap != (size_t)-1)
                return 0;
            gap = ng;
            i++;
        } else if (i == n)
            return 0;
    }
    size_t total = ng + (v4 ? 2u : 0u);
    if (total > 8 || (gap == (size_t)-1 && total != 8))
        return 0;
    memset(out, 0, 16);
    size_t o = 0;
    for (size_t k = 0; k < ng; k++) {
        if (k == gap)
            o += 8 - total;
        out[2 * o] = (unsigned char)(g[k] >> 8);
        out[2 * o + 1] = (unsigned char)(g[k] & 0xff);
        o++;
    }
    if (gap == ng)
        o += 8 - total;
    if (v4) {
        out[12] = (unsigned char)(v4a >> 24);
        out[13] = (unsigned char)(v4a >> 16);
        out[14] = (unsigned char)(v4a >> 8);
        out[15] = (unsigned char)v4a;
    }
    return 1;
}

static uint32_t be32(const unsigned char *b)
{
    return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | (uint32_t)b[3];
}

static int class_v6(const unsigned char a[16])
{
    static const unsigned char meta[16] = {0xfd, 0x00, 0x0e, 0xc2, 0, 0, 0, 0,
                                           0,    0,    0,    0,    0, 0, 0x02, 0x54};
    int zero10 = 1;
    for (int k = 0; k < 10; k++)
        if (a[k])
            zero10 = 0;
    if (memcmp(a, meta, 16) == 0)
        return K_META;
    if (zero10 && a[10] == 0 && a[11] == 0) { /* ::, ::1, ::a.b.c.d */
        uint32_t v = be32(a + 12);
        return v <= 1 ? K_LOOP : class_v4(v);
    }
    if (zero10 && a[10] == 0xff && a[11] == 0xff) /* ::ffff:a.b.c.d */
        return class_v4(be32(a + 12));
    if (a[0] == 0x00 && a[1] == 0x64 && a[2] == 0xff && a[3] == 0x9b) /* NAT64 */
        return class_v4(be32(a + 12));
    if (a[0] == 0x20 && a[1] == 0x02) /* 6to4 */
        return class_v4(be32(a + 2));
    if (a[0] == 0xfe && (a[1] & 0xc0) == 0x80) /* fe80::/10 */
        return K_PRIV;
    if (a[0] == 0xfe && (a[1] & 0xc0) == 0xc0) /* fec0::/10, site-local */
        return K_PRIV;
    if ((a[0] & 0xfe) == 0xfc) /* fc00::/7 */
        return K_PRIV;
    return K_PUBLIC;
}

/* ---------------------------------------------------------------- hosts */

/* Wildcard DNS services that resolve a name to the address spelled in it:
 * 127.0.0.1.nip.io, 10-0-0-1.sslip.io. */
static int class_embedded(const char *h, size_t n)
{
    static const char *const svc[] = {".nip.io", ".sslip.io", ".xip.io", NULL};
    for (const char *const *p = svc; *p; p++) {
        size_t k = strlen(*p);
        if (n <= k || !ends_with(h, n, *p))
            continue;
        size_t e = n - k, b = e;
        /* the address is the last four dot- or dash-separated numbers */
        int parts = 0;
        char buf[16];
        while (b > 0 && parts < 4) {
            size_t q = b;
            while (q > 0 && is_digit((unsigned char)h[q - 1]))
                q--;
            if (q == b)
                break;
            parts++;
            b = q;
            if (parts < 4) {
                if (b == 0 || (h[b - 1] != '.' && h[b - 1] != '-'))
                    break;
                b--;
            }
        }
        if (parts != 4 || e - b >= sizeof buf)
            continue;
        for (size_t q = b; q < e; q++)
            buf[q - b] = h[q] == '-' ? '.' : h[q];
        uint32_t a;
        int canon;
        if (parse_ipv4(buf, e - b, &a, &canon))
            return class_v4(a);
    }
    return K_PUBLIC;
}

/* Classifies a host (already folded). *odd is set for spellings no one
 * writes by accident: integer, octal or hex IPv4, shortened forms. */
static int class_host(const char *h, size_t n, int *odd)
{
    *odd = 0;
    if (n == 0)
        return K_PUBLIC;
    if (h[0] == '[') {
        unsigned char a[16];
        if (n < 3 || h[n - 1] != ']' || !parse_ipv6(h + 1, n - 2, a))
            return K_PUBLIC;
        return class_v6(a);
    }
    if (is_digit((unsigned char)h[0])) {
        uint32_t a;
        int canon;
        if (parse_ipv4(h, n, &a, &canon)) {
            *odd = !canon;
            return class_v4(a);
        }
        /* a dotless decimal past 2^32: parsers that keep 32 bits wrap it
         * (7147006462 is 169.254.169.254) */
        if (n >= 10 && n <= 13 && h[0] != '0') {
            uint64_t v = 0;
            size_t q = 0;
            while (q < n && is_digit((unsigned char)h[q]))
                v = v * 10 + (uint64_t)(h[q++] - '0');
            if (q == n) {
                *odd = 1;
                return class_v4((uint32_t)(v & 0xffffffffu));
            }
        }
    }
    /* names: dispatch on the last letter to keep ordinary hosts cheap */
    switch (h[n - 1]) {
    case 't':
        if (eq(h, n, "localhost") || ends_with(h, n, ".localhost") ||
            eq(h, n, "ip6-localhost"))
            return K_LOOP;
        break;
    case 'n':
        if (eq(h, n, "localhost.localdomain"))
            return K_LOOP;
        if (ends_with(h, n, ".localdomain"))
            return K_SHARED;
        break;
    case 'k':
        if (eq(h, n, "ip6-loopback"))
            return K_LOOP;
        break;
    case 'e':
        if (eq(h, n, "localtest.me") || ends_with(h, n, ".localtest.me") || eq(h, n, "lvh.me") ||
            ends_with(h, n, ".lvh.me") || eq(h, n, "vcap.me"))
            return K_LOOP;
        break;
    case 'l':
        if (eq(h, n, "metadata.google.internal") || eq(h, n, "instance-data.ec2.internal"))
            return K_META;
        if (ends_with(h, n, ".internal") || ends_with(h, n, ".local"))
            return K_SHARED;
        break;
    case 'a':
        if (eq(h, n, "metadata") || eq(h, n, "instance-data"))
            return K_META;
        break;
    case 'g':
        if (eq(h, n, "metadata.goog"))
            return K_META;
        break;
    case 'o':
        return class_embedded(h, n);
    default:
        break;
    }
    return K_PUBLIC;
}

/* Lowest sensitivity at which a host of this class fires. */
static int host_level(int k, int odd)
{
    switch (k) {
    case K_META:
    case K_LOOP:
        return 1;
    case K_PRIV:
        return odd ? 1 : 2;
    case K_SHARED:
        return 3;
    default:
        return 0;
    }
}

static const char *host_detail(int k)
{
    return k == K_META ? "cloud metadata address" : "URL to loopback/private address";
}

/* ----------------------------------------------------------------- URLs */

typedef struct verdict {
    int         lvl;
    const char *detail;
    size_t      off, len;
} verdict;

static void consider(verdict *v, int lvl, const char *detail, size_t off, size_t len)
{
    if (lvl && (!v->lvl || lvl < v->lvl)) {
        v->lvl = lvl;
        v->detail = detail;
        v->off = off;
        v->len = len;
    }
}

/* Classifies the host s[b..e) and records it; `bump` raises the level for
 * hosts that only some parsers would see. Returns the host class. */
static int check_host(const unsigned char *s, size_t b, size_t e, int bump, verdict *v)
{
    char h[HOST_CAP];
    /* strip a port: the last ':' outside brackets */
    size_t end = e;
    if (b < e && s[b] == '[') {
        size_t q = b;
        while (q < e && s[q] != ']')
            q++;
        if (q < e)
            end = q + 1;
    } else {
        for (size_t q = e; q > b; q--)
            if (s[q - 1] == ':') {
                end = q - 1;
                break;
            }
    }
    if (end <= b || end - b > HOST_CAP)
        return K_PUBLIC;
    size_t n = host_fold(s + b, end - b, h);
    int odd;
    int k = class_host(h, n, &odd);
    int lvl = host_level(k, odd);
    if (lvl) {
        if (bump && k != K_META && lvl < 2)
            lvl = 2;
        consider(v, lvl, host_detail(k), b, end - b);
    }
    return k;
}

/* Where an authority ends: 1 for every parser, 2 only for a WHATWG one
 * ('\\', '?', '#'); '!' is jar:http://host!/entry. */
static const unsigned char auth_end[256] = {
    ['/'] = 1, [' '] = 1, ['\t'] = 1, ['\r'] = 1, ['\n'] = 1, ['\v'] = 1, ['\f'] = 1,
    ['"'] = 1, ['\''] = 1, ['<'] = 1, ['>'] = 1, ['`'] = 1, ['!'] = 1,
    ['\\'] = 2, ['?'] = 2, ['#'] = 2,
};

static int auth_end_char(unsigned char c, int naive)
{
    return auth_end[c] == 1 || (!naive && auth_end[c] == 2);
}

/* A URL's authority starts at s[a]. Examines the host as a WHATWG parser
 * sees it, as a naive parser that ends the authority only at '/' sees it,
 * and the userinfo when it is itself an address. `embedded` is set for
 * URLs inside another URL, which count only for metadata (or at
 * sensitivity 3). Returns the class of the WHATWG host and sets *end. */
static int check_authority(const unsigned char *s, size_t a, size_t n, int embedded,
                           verdict *v, size_t *end)
{
    size_t e = a;
    while (e < n && e - a < 512 && !auth_end_char(s[e], 0))
        e++;
    *end = e;
    size_t at = (size_t)-1;
    for (size_t q = a; q < e; q++)
        if (s[q] == '@')
            at = q;
    size_t hb = at == (size_t)-1 ? a : at + 1;
    verdict local = {0, NULL, 0, 0};
    int k = check_host(s, hb, e, 0, &local);
    if (at != (size_t)-1)
        check_host(s, a, at, 1, &local); /* http://127.0.0.1@evil.com */
    /* naive parsers: http://evil.com#@127.0.0.1, http://127.0.0.1\@evil.com */
    size_t e2 = a;
    while (e2 < n && e2 - a < 512 && !auth_end_char(s[e2], 1))
        e2++;
    if (e2 > e) {
        size_t at2 = (size_t)-1;
        int bs = 0;
        for (size_t q = a; q < e2; q++) {
            if (s[q] == '@')
                at2 = q;
            bs |= s[q] == '\\';
        }
        if (at2 != (size_t)-1 && at2 + 1 > e)
            check_host(s, at2 + 1, e2, 1, &local);
        else if (bs && at2 == (size_t)-1)
            check_host(s, a, e2, 1, &local); /* http://\\l\\o\\c\\a\\l\\h\\o\\s\\t/ */
    }
    /* and one that ends the authority only at '/', blanks included:
     * "http://google.com:80 &@google.com:80# @127.88.23.245:22/" */
    if (e2 < n && s[e2] != '/' && s[e2] != '\\') {
        size_t e3 = e2, at3 = (size_t)-1;
        while (e3 < n && e3 - a < 256 && s[e3] != '/' && s[e3] != '\n' && s[e3] != '"' &&
               s[e3] != '<') {
            if (s[e3] == '@')
                at3 = e3;
            e3++;
        }
        if (at3 != (size_t)-1 && e3 < n && s[e3] == '/')
            check_host(s, at3 + 1, e3, 1, &local);
    }
    if (local.lvl) {
        if (embedded && local.lvl < 3 && local.detail != host_detail(K_META))
            local.lvl = 3;
        consider(v, local.lvl, local.detail, local.off, local.len);
    }
    return k;
}

/* Schemes that talk raw protocols or read files: dangerous with any host. */
static int bad_scheme(const unsigned char *s, size_t b, size_t e)
{
    static const char *const bad[] = {"gopher", "dict", "file", "tftp", "netdoc", NULL};
    if (e - b < 4 || e - b > 6 || !memchr("gdftnGDFTN", s[b], 10))
        return 0;
    for (const char *const *p = bad; *p; p++) {
        size_t k = strlen(*p);
        if (k != e - b)
            continue;
        size_t q = 0;
        while (q < k && vigil__lower(s[b + q]) == (unsigned char)(*p)[q])
            q++;
        if (q == k)
            return 1;
    }
    return 0;
}

/* Bytes of a bare host: HC_HOST may appear in one, HC_NUM in an IPv4
 * address in any inet_aton() spelling (with a port). */
enum { HC_HOST = 1, HC_NUM = 2 };
static const unsigned char hclass[256] = {
#define R10(x) [x] = 3, [x + 1] = 3, [x + 2] = 3, [x + 3] = 3, [x + 4] = 3, [x + 5] = 3, \
               [x + 6] = 3, [x + 7] = 3, [x + 8] = 3, [x + 9] = 3
#define R6(x, v) [x] = v, [x + 1] = v, [x + 2] = v, [x + 3] = v, [x + 4] = v, [x + 5] = v
#define R8(x) [x] = 1, [x + 1] = 1, [x + 2] = 1, [x + 3] = 1, [x + 4] = 1, [x + 5] = 1, \
              [x + 6] = 1, [x + 7] = 1
    R10('0'), R6('a', 3), R6('A', 3), ['.'] = 3, [':'] = 3, ['x'] = 3, ['X'] = 3,
    ['g'] = 1, ['h'] = 1, R8('i'), ['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1, ['u'] = 1,
    ['v'] = 1, ['w'] = 1, ['y'] = 1, ['z'] = 1,
    ['G'] = 1, ['H'] = 1, R8('I'), ['Q'] = 1, ['R'] = 1, ['S'] = 1, ['T'] = 1, ['U'] = 1,
    ['V'] = 1, ['W'] = 1, ['Y'] = 1, ['Z'] = 1,
    ['-'] = 1, ['['] = 1, [']'] = 1, ['%'] = 1, ['_'] = 1,
    R8(0x80), R8(0x88), R8(0x90), R8(0x98), R8(0xa0), R8(0xa8), R8(0xb0), R8(0xb8),
    R8(0xc0), R8(0xc8), R8(0xd0), R8(0xd8), R8(0xe0), R8(0xe8), R8(0xf0), R8(0xf8),
#undef R10
#undef R6
#undef R8
};

/* A bare host[:port][/path] value: dotted-quad or bracketed IPv6 or a
 * known name. Bare numbers ("127.1", "2130706433") are left alone. */
static void check_bare(const unsigned char *s, size_t n, verdict *v)
{
    size_t b = 0, e = n;
    while (b < e && (is_space(s[b]) || s[b] == '"' || s[b] == '\''))
        b++;
    while (e > b && (is_space(s[e - 1]) || s[e - 1] == '"' || s[e - 1] == '\''))
        e--;
    if (b == e)
        return;
    /* only addresses and the few names class_host knows can matter: a
     * dotted number, [v6], a dotted name or one of the dot-less names */
    size_t he = b;
    unsigned need = is_digit(s[b]) ? HC_HOST | HC_NUM : HC_HOST;
    int dot = 0;
    for (; he < e && s[he] != '/'; he++) {
        if ((hclass[s[he]] & need) != need)
            return; /* not a host: prose, a UUID, a list, ... */
        dot |= s[he] == '.';
    }
    if (he == b || he - b > HOST_CAP || ((need & HC_NUM) && !dot))
        return;
    if (!is_digit(s[b]) && s[b] != '[' && !dot) {
        /* localhost, metadata, instance-data, ip6-localhost, ip6-loopback */
        size_t l = he - b;
        for (size_t q = b; q < he; q++)
            if (s[q] == ':') {
                l = q - b;
                break;
            }
        if (l != 9 && l != 8 && l != 13 && l != 12)
            return;
    }
    /* host part, then an optional all-digit port */
    size_t pe = he, hp = he;
    if (s[b] == '[') {
        while (hp > b && s[hp - 1] != ']')
            hp--;
        if (hp == b)
            return;
    } else {
        for (size_t q = b; q < he; q++)
            if (s[q] == ':') {
                hp = q;
                break;
            }
    }
    if (hp < pe) {
        if (s[hp] != ':' || hp + 1 == pe)
            return;
        for (size_t q = hp + 1; q < pe; q++)
            if (!is_digit(s[q]))
                return;
    }
    char h[HOST_CAP];
    size_t hn = host_fold(s + b, hp - b, h);
    if (hn == 0)
        return;
    int dots = 0;
    for (size_t q = 0; q < hn; q++)
        dots += h[q] == '.';
    int odd;
    int k = class_host(h, hn, &odd);
    if (is_digit((unsigned char)h[0]) && dots != 3)
        return;
    int lvl;
    /* A bare address is often just configuration ("host": "localhost");
     * only metadata addresses and deliberately odd spellings stand out. */
    switch (k) {
    case K_META:
        lvl = 2;
        break;
    case K_LOOP:
    case K_PRIV:
        lvl = odd || h[0] == '[' ? 2 : 3;
        break;
    default:
        lvl = 0;
        break;
    }
    if (lvl)
        consider(v, lvl, host_detail(k), b, hp - b);
}

int vigil__detect_ssrf(const char *str, size_t n, int sensitivity, vigil__finding *f)
{
    const unsigned char *s = (const unsigned char *)str;
    vigil__finding scratch;
    if (!f)
        f = &scratch;
    if (!s || n == 0)
        return 0;
    verdict v = {0, NULL, 0, 0};
    size_t i0 = 0;
    while (i0 < n && (is_space(s[i0]) || s[i0] == '"' || s[i0] == '\''))
        i0++;
    /* scheme-relative //host and UNC \\host at the start */
    if (i0 + 2 < n && (s[i0] == '/' || s[i0] == '\\') && (s[i0 + 1] == '/' || s[i0 + 1] == '\\')) {
        size_t a = i0 + 2, end;
        while (a < n && a - i0 < 8 && (s[a] == '/' || s[a] == '\\'))
            a++;
        check_authority(s, a, n, 0, &v, &end);
    }
    /* Pre-check: the rest needs a colon (URLs, ports) or a digit/letter
     * start for a bare host. */
    size_t outer_end = 0; /* end of the last URL whose host was public */
    for (size_t i = i0; i < n && v.lvl != 1; i++) {
        const unsigned char *p = memchr(s + i, ':', n - i);
        if (!p)
            break;
        i = (size_t)(p - s);
        if (i + 1 >= n || (s[i + 1] != '/' && s[i + 1] != '\\')) {
            /* "http:0251.0376.0251.0376": a scheme without slashes, which
             * lax parsers accept, followed by a four-part address */
            size_t sb = i - (i > 0 && (s[i - 1] | 0x20) == 's' ? 1 : 0);
            if (i + 7 < n && is_digit(s[i + 1]) && sb >= 4 && (s[sb - 4] | 0x20) == 'h' &&
                (s[sb - 3] | 0x20) == 't' && (s[sb - 2] | 0x20) == 't' &&
                (s[sb - 1] | 0x20) == 'p' && (sb == 4 || !is_alpha(s[sb - 5]))) {
                size_t e = i + 1;
                int dots = 0;
                while (e < n && e - i < 64 && (vigil__hexval(s[e]) >= 0 || s[e] == '.' ||
                                              (s[e] | 0x20) == 'x')) {
                    dots += s[e] == '.';
                    e++;
                }
                if (dots == 3)
                    check_host(s, i + 1, e, 1, &v);
            }
            continue; /* "10:30", "Note: ..." */
        }
        size_t b = i;
        while (b > 0 && i - b < 16 &&
               (is_alpha(s[b - 1]) || is_digit(s[b - 1]) || s[b - 1] == '+' || s[b - 1] == '-' ||
                s[b - 1] == '.'))
            b--;
        if (b == i || !is_alpha(s[b]))
            continue;
        size_t a = i + 1;
        int slashes = 0;
        while (a < n && slashes < 8 && (s[a] == '/' || s[a] == '\\')) {
            a++;
            slashes++;
        }
        int bad = bad_scheme(s, b, i);
        if (slashes < 2 && !(bad && slashes == 1))
            continue;
        int embedded = b < outer_end;
        if (bad && !embedded)
            consider(&v, 2, "dangerous URL scheme", b, a - b);
        size_t end;
        int k = check_authority(s, a, n, embedded, &v, &end);
        if (k == K_PUBLIC && !embedded) {
            /* whatever follows up to the next blank is this URL's path */
            size_t q = end;
            while (q < n && !is_space(s[q]) && s[q] != '"' && s[q] != '\'' && s[q] != '<' &&
                   s[q] != '>')
                q++;
            outer_end = q;
        }
        i = end > i ? end - 1 : i;
    }
    if (!v.lvl || v.lvl > 1)
        check_bare(s, n, &v);
    if (!v.lvl || v.lvl > sensitivity)
        return 0;
    f->detail = v.detail;
    f->score = v.lvl == 1 ? 90 : v.lvl == 2 ? 70 : 40;
    f->off = v.off;
    f->len = v.len;
    return 1;
}
