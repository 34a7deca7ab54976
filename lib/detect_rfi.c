/*
 * detect_rfi.c - remote file inclusion in one value.
 *
 * An include()-style sink fed a URL fetches and runs code from elsewhere.
 * The shapes that give the technique away, as opposed to an ordinary link:
 *   - the URL names a numeric host (IPv4 in any spelling, IPv6) and a file
 *     (".../shell.php", ".../x.txt") or uses a file-transfer scheme
 *     (ftp, smb, file) - payload hosts rarely have names;
 *   - the URL ends in '?' or '#' (or carries a NUL), which turns whatever
 *     suffix the application appends (".php") into a query or fragment;
 *   - schemes that only an attacker hands to a fetcher: gopher, dict,
 *     expect, phar, jar:...!/, url:file:, netdoc;
 *   - a UNC path "\\host\share\x" (Windows fetches it over SMB);
 *   - data: URIs that carry PHP code, in clear or base64.
 * Every URL in the value is examined, not only one at its start, so the
 * detector also works on whole XML/text bodies. Values without ':', not
 * starting with '\\' (after blanks) and not ending in '?' are rejected
 * at once: short ones by two word compares, long ones by one memchr.
 */
#include "detect.h"

#if defined(__SSE2__) && (defined(__GNUC__) || defined(__clang__))
#include <emmintrin.h>
#define VIGIL_RFI_SSE2 1

/* Lanes of the 16 bytes at p holding a letter, a digit, '.' or '-'. */
static inline unsigned host16(const char *p)
{
    __m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
    /* letters and digits moved to the bottom of the signed range */
    __m128i l = _mm_add_epi8(_mm_or_si128(x, _mm_set1_epi8(0x20)), _mm_set1_epi8((char)(0x80 - 'a')));
    __m128i d = _mm_add_epi8(x, _mm_set1_epi8((char)(0x80 - '0')));
    __m128i ok = _mm_or_si128(_mm_cmpgt_epi8(_mm_set1_epi8((char)(-128 + 26)), l),
                              _mm_cmpgt_epi8(_mm_set1_epi8((char)(-128 + 10)), d));
    ok = _mm_or_si128(ok, _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('.')),
                                       _mm_cmpeq_epi8(x, _mm_set1_epi8('-'))));
    return (unsigned)_mm_movemask_epi8(ok);
}
#else
#define VIGIL_RFI_SSE2 0
#endif


static int is_alpha(unsigned char c)
{
    return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

static int is_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

static int is_hex(unsigned char c)
{
    return is_digit(c) || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f');
}

/* Case-insensitive: does s[i..n) start with lit (lower case)? */
/* (inline: with a constant lit the length and loop fold) */
static inline __attribute__((always_inline)) int at(const char *s, size_t n, size_t i,
                                                    const char *lit)
{
    size_t l = strlen(lit);
    if (i > n || n - i < l)
        return 0;
    for (size_t k = 0; k < l; k++)
        if (vigil__lower((unsigned char)s[i + k]) != (unsigned char)lit[k])
            return 0;
    return 1;
}

/* Case-insensitive equality of s[a..b) and lit. */
static inline __attribute__((always_inline)) int span_is(const char *s, size_t a, size_t b,
                                                         const char *lit)
{
    return b - a == strlen(lit) && at(s, b, a, lit);
}

static int fire(vigil__finding *f, const char *detail, int score, size_t off, size_t len)
{
    if (f) {
        f->detail = detail;
        f->score = score;
        f->off = off;
        f->len = len;
    }
    return 1;
}

/* Characters that end a URL embedded in text or markup. */
static int url_end(unsigned char c)
{
    return c <= ' ' || c == '"' || c == '\'' || c == '<' || c == '>' || c == '`' || c == 0x7f;
}

/* Byte classes for the authority and scheme walks: R_SCHEME a scheme
 * byte (letters, digits, '+', '-', '.'); R_STOP ends an authority ('/',
 * '\\', '?', '#' and url_end()); '@' and ':' inside one. */
enum { R_SCHEME = 1, R_STOP = 2, R_AT = 4, R_COLON = 8 };
static const unsigned char rcls[256] = {
    [0] = R_STOP, [1] = R_STOP, [2] = R_STOP, [3] = R_STOP, [4] = R_STOP, [5] = R_STOP,
    [6] = R_STOP, [7] = R_STOP, [8] = R_STOP, [9] = R_STOP, [10] = R_STOP, [11] = R_STOP,
    [12] = R_STOP, [13] = R_STOP, [14] = R_STOP, [15] = R_STOP, [16] = R_STOP, [17] = R_STOP,
    [18] = R_STOP, [19] = R_STOP, [20] = R_STOP, [21] = R_STOP, [22] = R_STOP, [23] = R_STOP,
    [24] = R_STOP, [25] = R_STOP, [26] = R_STOP, [27] = R_STOP, [28] = R_STOP, [29] = R_STOP,
    [30] = R_STOP, [31] = R_STOP, [32] = R_STOP, ['"'] = R_STOP, ['#'] = R_STOP,
    ['\''] = R_STOP, ['+'] = R_SCHEME, ['-'] = R_SCHEME, ['.'] = R_SCHEME, ['/'] = R_STOP,
    ['0'] = R_SCHEME, ['1'] = R_SCHEME, ['2'] = R_SCHEME, ['3'] = R_SCHEME, ['4'] = R_SCHEME,
    ['5'] = R_SCHEME, ['6'] = R_SCHEME, ['7'] = R_SCHEME, ['8'] = R_SCHEME, ['9'] = R_SCHEME,
    [':'] = R_COLON, ['<'] = R_STOP, ['>'] = R_STOP, ['?'] = R_STOP, ['@'] = R_AT,
    ['A'] = R_SCHEME, ['B'] = R_SCHEME, ['C'] = R_SCHEME, ['D'] = R_SCHEME, ['E'] = R_SCHEME,
    ['F'] = R_SCHEME, ['G'] = R_SCHEME, ['H'] = R_SCHEME, ['I'] = R_SCHEME, ['J'] = R_SCHEME,
    ['K'] = R_SCHEME, ['L'] = R_SCHEME, ['M'] = R_SCHEME, ['N'] = R_SCHEME, ['O'] = R_SCHEME,
    ['P'] = R_SCHEME, ['Q'] = R_SCHEME, ['R'] = R_SCHEME, ['S'] = R_SCHEME, ['T'] = R_SCHEME,
    ['U'] = R_SCHEME, ['V'] = R_SCHEME, ['W'] = R_SCHEME, ['X'] = R_SCHEME, ['Y'] = R_SCHEME,
    ['Z'] = R_SCHEME, ['\\'] = R_STOP, ['`'] = R_STOP, ['a'] = R_SCHEME, ['b'] = R_SCHEME,
    ['c'] = R_SCHEME, ['d'] = R_SCHEME, ['e'] = R_SCHEME, ['f'] = R_SCHEME, ['g'] = R_SCHEME,
    ['h'] = R_SCHEME, ['i'] = R_SCHEME, ['j'] = R_SCHEME, ['k'] = R_SCHEME, ['l'] = R_SCHEME,
    ['m'] = R_SCHEME, ['n'] = R_SCHEME, ['o'] = R_SCHEME, ['p'] = R_SCHEME, ['q'] = R_SCHEME,
    ['r'] = R_SCHEME, ['s'] = R_SCHEME, ['t'] = R_SCHEME, ['u'] = R_SCHEME, ['v'] = R_SCHEME,
    ['w'] = R_SCHEME, ['x'] = R_SCHEME, ['y'] = R_SCHEME, ['z'] = R_SCHEME, [127] = R_STOP,
};

/* Host part s[a..b) of an authority (userinfo and port removed by the
 * caller, brackets kept). Numeric hosts: dotted decimal/octal/hex IPv4
 * with 1-4 parts, a single decimal or hex integer, bracketed or bare IPv6. */
static int numeric_host(const char *s, size_t a, size_t b)
{
    if (a >= b)
        return 0;
    if (s[a] == '[')
        return 1; /* an IP literal by RFC 3986; names never take brackets */
    unsigned char z = (unsigned char)s[b - 1];
    if (!is_hex(z))
        return 0; /* "example.com": names end in a letter past 'f' */
    size_t colons = 0, dots = 0;
    int all_v6 = 1, all_v4 = 1;
    for (size_t i = a; i < b; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == ':')
            colons++;
        else if (c == '.')
            dots++;
        if (!(is_hex(c) || c == ':' || c == '.'))
            all_v6 = 0;
        if (!(is_hex(c) || c == '.' || (c | 0x20) == 'x'))
            all_v4 = 0;
    }
    if (colons >= 2)
        return all_v6; /* a bare IPv6 literal: "2001:db8::1" */
    if (!all_v4 || dots > 3 || s[b - 1] == '.')
        return 0;
    /* each dot-separated part a decimal, octal (0...) or hex (0x...) number */
    size_t p = a;
    while (p < b) {
        size_t q = p;
        while (q < b && s[q] != '.')
            q++;
        if (q == p)
            return 0;
        if (q - p > 2 && s[p] == '0' && (s[p + 1] | 0x20) == 'x') {
            for (size_t k = p + 2; k < q; k++)
                if (!is_hex((unsigned char)s[k]))
                    return 0;
        } else {
            for (size_t k = p; k < q; k++)
                if (!is_digit((unsigned char)s[k]))
                    return 0;
        }
        p = q + 1;
    }
    return 1;
}

/* Does the path s[a..b) (no query or fragment) end in a file that an
 * include would execute or that carries code as text: scripts and
 * ".txt"/".inc" (".jpg" and other media are ordinary links)? */
static int names_file(const char *s, size_t a, size_t b)
{
    static const char *const ext[] = {"php", "php3", "php4", "php5", "php7", "phtml", "phar",
                                      "inc", "txt", "asp", "aspx", "jsp", "jspx", "cgi",
                                      "pl", "py", "rb", "sh", "cfm", "shtml", "dat"};
    for (size_t i = b; i > a && b - i < 6; i--) {
        unsigned char c = (unsigned char)s[i - 1];
        if (c == '.') {
            if (i == b || i - 1 == a || s[i - 2] == '/' || s[i - 2] == '\\')
                return 0;
            for (size_t k = 0; k < VIGIL__COUNTOF(ext); k++)
                if (b - i == strlen(ext[k]) && at(s, b, i, ext[k]))
                    return 1;
            return 0;
        }
        if (!is_alpha(c) && !is_digit(c))
            return 0;
    }
    return 0;
}

/* Base64 value of c, or -1. */
static int b64(unsigned char c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (is_digit(c))
        return c - '0' + 52;
    if (c == '+' || c == '-')
        return 62;
    if (c == '/' || c == '_')
        return 63;
    return -1;
}

/* Does text (the first bytes of a data: URI's content) open PHP code? */
static int php_open(const unsigned char *t, size_t m)
{
    for (size_t i = 0; i + 1 < m; i++)
        if (t[i] == '<' && t[i + 1] == '?') {
            if (i + 2 < m && t[i + 2] == '=')
                return 1;
            if (i + 5 <= m && (t[i + 2] | 0x20) == 'p' && (t[i + 3] | 0x20) == 'h' &&
                (t[i + 4] | 0x20) == 'p')
                return 1;
        }
    return 0;
}

/* data:[<type>][;base64],<content> starting at s[i] ("data:" matched):
 * does the content, decoded when base64, begin (within 48 bytes) with PHP? */
static int data_php(const char *s, size_t n, size_t i)
{
    size_t j = i + 5, comma = n;
    int is_b64 = 0;
    for (size_t k = j; k < n && k < j + 100; k++) {
        if (s[k] == ',') {
            comma = k;
            break;
        }
        if (s[k] == ';' && at(s, n, k + 1, "base64"))
            is_b64 = 1;
    }
    if (comma == n)
        return 0;
    unsigned char t[48];
    size_t m = 0;
    if (!is_b64) {
        for (size_t k = comma + 1; k < n && m < sizeof t; k++)
            t[m++] = (unsigned char)s[k];
        return php_open(t, m);
    }
    uint32_t acc = 0;
    int bits = 0;
    for (size_t k = comma + 1; k < n && m < sizeof t; k++) {
        int v = b64((unsigned char)s[k]);
        if (v < 0)
            break;
        acc = (acc << 6) | (uint32_t)v;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            t[m++] = (unsigned char)(acc >> bits);
        }
    }
    return php_open(t, m);
}

/* Forward-only cursors over the value: URLs are examined left to right,
 * and the places they end are found by scans that never go back, so a
 * value packed with "://" stays linear. Each is computed only when a
 * decision needs it. */
typedef struct cursors {
    size_t end;  /* first URL-ending byte at or after the last request    */
    size_t qf;   /* first '?', '#' or URL-ending byte likewise             */
    size_t bang; /* first '!' likewise                                     */
    size_t nul;  /* first NUL byte of the value, or n; SIZE_MAX until asked */
    size_t z;    /* end of the value without trailing blanks               */
} cursors;

static size_t seek_end(const char *s, size_t n, size_t *cur, size_t from)
{
    if (*cur < from)
        *cur = from;
    while (*cur < n && !url_end((unsigned char)s[*cur]))
        (*cur)++;
    return *cur;
}

static size_t seek_qf(const char *s, size_t n, size_t *cur, size_t from)
{
    if (*cur < from)
        *cur = from;
    while (*cur < n && !url_end((unsigned char)s[*cur]) && s[*cur] != '?' && s[*cur] != '#')
        (*cur)++;
    return *cur;
}

static size_t seek_bang(const char *s, size_t n, size_t *cur, size_t from)
{
    if (*cur < from)
        *cur = from;
    while (*cur < n && s[*cur] != '!')
        (*cur)++;
    return *cur;
}

/* S_ODD: only attackers hand these to a fetcher; S_ODD2 (level 2): RMI;
 * S_ODD3 (level 3): LDAP and SFTP, which admin APIs configure. */
enum scheme { S_OTHER, S_WEB, S_FTP, S_FILE, S_SMB, S_ODD, S_ODD2, S_ODD3 };

/* The schemes this detector has an opinion on, by length first. */
/* Up to six bytes as one little-endian key, for switch-free compares. */
#define KEY(a, b, c, d, e, f)                                                                    \
    ((uint64_t)(a) | (uint64_t)(b) << 8 | (uint64_t)(c) << 16 | (uint64_t)(d) << 24 |            \
     (uint64_t)(e) << 32 | (uint64_t)(f) << 40)

static int scheme_of(const char *s, size_t a, size_t b)
{
    if (b - a < 3 || b - a > 6)
        return S_OTHER;
    uint64_t k = 0;
    for (size_t i = a; i < b; i++)
        k |= (uint64_t)vigil__lower((unsigned char)s[i]) << (8 * (i - a));
    switch (k) {
    case KEY('f', 't', 'p', 0, 0, 0):
    case KEY('f', 't', 'p', 's', 0, 0):
        return S_FTP;
    case KEY('s', 'm', 'b', 0, 0, 0):
        return S_SMB;
    case KEY('r', 'm', 'i', 0, 0, 0):
        return S_ODD2;
    case KEY('h', 't', 't', 'p', 0, 0):
    case KEY('h', 't', 't', 'p', 's', 0):
        return S_WEB;
    case KEY('f', 'i', 'l', 'e', 0, 0):
        return S_FILE;
    case KEY('d', 'i', 'c', 't', 0, 0):
    case KEY('p', 'h', 'a', 'r', 0, 0):
    case KEY('t', 'f', 't', 'p', 0, 0):
    case KEY('g', 'o', 'p', 'h', 'e', 'r'):
    case KEY('e', 'x', 'p', 'e', 'c', 't'):
    case KEY('n', 'e', 't', 'd', 'o', 'c'):
        return S_ODD;
    case KEY('l', 'd', 'a', 'p', 0, 0):
    case KEY('s', 'f', 't', 'p', 0, 0):
    case KEY('l', 'd', 'a', 'p', 's', 0):
        return S_ODD3;
    default:
        return S_OTHER;
    }
}

/* Examines the URL whose "://" is at s[p]; its scheme is s[sa..p). */
static int check_url(const char *s, size_t n, size_t sa, size_t p, size_t lead, cursors *cu,
                     int sens, vigil__finding *f)
{
    int sch = scheme_of(s, sa, p);
    if (sch == S_OTHER)
        return 0;
    size_t a = p + 3;
    if (sch == S_ODD)
        return fire(f, "URL scheme used to fetch remote code", 85, sa, a - sa);
    if (sch == S_ODD2 || sch == S_ODD3)
        return sens >= (sch == S_ODD2 ? 2 : 3)
                   ? fire(f, "URL scheme used to fetch remote code", 70, sa, a - sa)
                   : 0;
    /* authority: up to '/', '\', '?', '#' (short: stops at the next URL);
     * one pass notes the last '@' and the colons after it */
    size_t ae = a, ha = a, colons = 0, last = 0;
#if VIGIL_RFI_SSE2
    /* host-name bytes (letters, digits, '.', '-') need no look: skip them
     * sixteen at a time */
    for (; ae + 16 <= n; ae += 16) {
        unsigned m = ~host16(s + ae) & 0xFFFFu;
        if (m) {
            ae += (unsigned)__builtin_ctz(m);
            break;
        }
    }
#endif
    for (; ae < n; ae++) {
        unsigned k = rcls[(unsigned char)s[ae]];
        if (!(k & (R_STOP | R_AT | R_COLON)))
            continue;
        if (k & R_STOP)
            break;
        if (k & R_AT) {
            ha = ae + 1;
            colons = 0;
        } else {
            colons++;
            last = ae;
        }
    }
    size_t hb = ae;
    if (ha < ae && s[ha] == '[') {
        size_t k = ha;
        while (k < ae && s[k] != ']')
            k++;
        hb = k < ae ? k + 1 : ae;
    } else if (colons == 1) {
        hb = last; /* host:port; two or more is a bare IPv6 literal */
    }
    int numeric = numeric_host(s, ha, hb);
    if (cu->nul == SIZE_MAX) { /* first asked: where the value's first NUL is */
        const char *zero = memchr(s, '\0', n);
        cu->nul = zero ? (size_t)(zero - s) : n;
    }
    int nul = cu->nul < n && cu->nul >= ae;
    /* the file name matters for numeric hosts, NUL cut-offs and a
     * trailing '#'; otherwise the path is not looked at */
    size_t z = cu->z;
    int cut = sa == lead && z > ae && (s[z - 1] == '?' || s[z - 1] == '#');
    int file = 0;
    size_t pe = ae;
    if (numeric || nul || cut) {
        pe = seek_qf(s, n, &cu->qf, ae);
        file = names_file(s, ae, pe);
    }
    /* The whole value is the URL and it ends in '?' (or '#' after a file
     * name or numeric host): the application's suffix becomes a query. */
    if (cut && seek_end(s, n, &cu->end, a) == z && z > pe &&
        (s[z - 1] == '?' || file || numeric))
        return fire(f, "remote URL ending in '?' to cut off a suffix", 85, sa, z - sa);
    if (nul && (file || numeric)) {
        size_t e = seek_end(s, n, &cu->end, a);
        if (e < n && s[e] == '\0')
            return fire(f, "remote URL ending in a NUL byte", 85, sa, e - sa);
    }
    if (numeric && (sch != S_WEB || file))
        return fire(f, "remote file on a numeric-address host", 85, sa, pe - sa);
    if (sch == S_SMB)
        return fire(f, "remote file over SMB", 80, sa, ae - sa);
    if (sens >= 3 && sch == S_FTP)
        return fire(f, "remote file over FTP", 60, sa, ae - sa);
    if (sens >= 3 && numeric)
        return fire(f, "URL to a numeric-address host", 50, sa, ae - sa);
    return 0;
}

/* Is there a zero byte in v (eight bytes)? Exact: a borrow can only
 * start at a zero byte. */
static inline int has_zero64(uint64_t v)
{
    return ((v - 0x0101010101010101u) & ~v & 0x8080808080808080u) != 0;
}

/* Could s[0..n) (4 <= n < 16) hold a ':'? Without a call: s[0..8) and
 * s[n-8..n) (or 4 and 4), overlapping. */
static inline int may_have_colon(const char *s, size_t n)
{
    uint64_t a, b;
    if (n >= 8) {
        memcpy(&a, s, 8);
        memcpy(&b, s + n - 8, 8);
        return has_zero64(a ^ 0x3A3A3A3A3A3A3A3Au) || has_zero64(b ^ 0x3A3A3A3A3A3A3A3Au);
    }
    uint32_t x, y;
    memcpy(&x, s, 4);
    memcpy(&y, s + n - 4, 4);
    return has_zero64((x | (uint64_t)y << 32) ^ 0x3A3A3A3A3A3A3A3Au);
}

/* vigil__detect_rfi() once a short value passed its first filter. */
static __attribute__((noinline)) int rfi_scan(const char *s, size_t n, int sensitivity,
                                              vigil__finding *f)
{
    const char *colon = memchr(s, ':', n);
    size_t lead = 0;
    while (lead < n && (s[lead] == ' ' || s[lead] == '\t'))
        lead++;
    int unc = n - lead > 3 && s[lead] == '\\' && s[lead + 1] == '\\';
    if (!colon && !unc && s[n - 1] != '?')
        return 0;

    /* "\\host\share\...": a UNC path, fetched over SMB by Windows */
    if (unc) {
        size_t i = lead + 2, h = i;
        while (i < n && (is_alpha((unsigned char)s[i]) || is_digit((unsigned char)s[i]) ||
                         s[i] == '.' || s[i] == '-' || s[i] == '_' || s[i] == '@'))
            i++;
        if (i > h && i + 1 < n && s[i] == '\\' && s[h] != '.' &&
            (is_alpha((unsigned char)s[i + 1]) || is_digit((unsigned char)s[i + 1]) ||
             s[i + 1] == '$' || s[i + 1] == '_'))
            return fire(f, "UNC path to a remote share", 85, lead, n - lead);
    }

    /* "https?" / "ftp?": a scheme alone cut short by '?' (so the last byte) */
    if (s[n - 1] == '?') {
        size_t k = lead;
        while (k < n && is_alpha((unsigned char)s[k]))
            k++;
        if (k < n && s[k] == '?' && (span_is(s, lead, k, "http") || span_is(s, lead, k, "https") ||
                                     span_is(s, lead, k, "ftp") || span_is(s, lead, k, "ftps") ||
                                     span_is(s, lead, k, "file"))) {
            size_t q = k;
            while (q < n && s[q] == '?')
                q++;
            if (q == n)
                return fire(f, "URL scheme ending in '?' to cut off a suffix", 70, lead, n - lead);
        }
    }
    if (!colon)
        return 0;

    cursors cu = {0, 0, 0, SIZE_MAX, n};
    while (cu.z > 0 && (s[cu.z - 1] == ' ' || s[cu.z - 1] == '\t' || s[cu.z - 1] == '\r' ||
                        s[cu.z - 1] == '\n'))
        cu.z--;
    for (const char *c = colon; c; c = memchr(c + 1, ':', n - (size_t)(c + 1 - s))) {
        size_t p = (size_t)(c - s);
        size_t sa = p;
        /* the scheme: letters, digits, '+', '-', '.' before the colon,
         * starting with a letter; the walk stops at the previous ':' */
        while (sa > 0 && (rcls[(unsigned char)s[sa - 1]] & R_SCHEME))
            sa--;
        while (sa < p && !is_alpha((unsigned char)s[sa]))
            sa++;
        if (sa == p)
            continue;
        /* data: and data:// (the PHP wrapper) */
        if (span_is(s, sa, p, "data")) {
            if (data_php(s, n, sa))
                return fire(f, "data: URI carrying PHP code", 90, sa, n - sa);
            continue;
        }
        if (p + 2 < n && s[p + 1] == '/' && s[p + 2] == '/') {
            if (check_url(s, n, sa, p, lead, &cu, sensitivity, f))
                return 1;
            continue;
        }
        /* schemes without "//" */
        if (span_is(s, sa, p, "jar")) {
            /* jar:<url>!/entry - Java fetches and opens the archive */
            size_t b = seek_bang(s, n, &cu.bang, p + 1);
            size_t e = seek_end(s, n, &cu.end, p + 1);
            if (b < e && at(s, n, p + 1, "http"))
                return fire(f, "jar: URL fetching a remote archive", 80, sa, b - sa);
        }
        if (span_is(s, sa, p, "url") && (at(s, n, p + 1, "file:") || at(s, n, p + 1, "http") ||
                                         at(s, n, p + 1, "ftp:") || at(s, n, p + 1, "jar:")))
            return fire(f, "Java url: wrapper around another URL", 80, sa, n - sa);
    }
    return 0;
}

int vigil__detect_rfi(const char *s, size_t n, int sensitivity, vigil__finding *f)
{
    if (!s || n < 4)
        return 0;
    /* no ':' and no '?' at the end: only a UNC path is left, after blanks
     * (long values: rfi_scan() asks memchr) */
    if (n < 16 && s[n - 1] != '?' && s[0] != '\\' && s[0] != ' ' && s[0] != '\t' &&
        !may_have_colon(s, n))
        return 0;
    return rfi_scan(s, n, sensitivity, f);
}

/* ------------------------------------------------ by parameter name */

/* Last component of a parameter name: "_CONF[path]" -> "path",
 * "config.root_dir" -> "root_dir". */
static vigil_str last_part(const char *s, size_t n)
{
    size_t b = n, a;
    while (b > 0 && (s[b - 1] == ']' || s[b - 1] == ' '))
        b--;
    a = b;
    while (a > 0 && s[a - 1] != '[' && s[a - 1] != '.')
        a--;
    return vigil__str(s + a, b - a);
}

/* Does w end with one of the words? */
static int ends_with_any(vigil_str w, const char *const *words, size_t k)
{
    for (size_t i = 0; i < k; i++) {
        size_t l = strlen(words[i]);
        if (w.len >= l && at(w.ptr, w.len, w.len - l, words[i]))
            return 1;
    }
    return 0;
}

/* Names that hold a filesystem location, where a remote URL is fetched by
 * include/require: a configuration array key ("_CONF[path]",
 * "path[docroot]", "config[root_dir]") or a configuration variable
 * ("mosConfig_absolute_path", "GALLERY_BASEDIR", "appserv_root"); at
 * sensitivity 2 also the usual include parameters ("file", "template"). */
static int location_name(const char *name, size_t len, int sens)
{
    static const char *const key[] = {"path", "root", "dir", "docroot", "basedir"};
    static const char *const var[] = {"absolute_path", "basedir", "base_dir", "docroot",
                                      "document_root", "root_dir", "rootdir", "_root",
                                      "include_path", "includedir"};
    static const char *const plain[] = {"path", "root", "dir", "file", "template", "tpl",
                                        "module", "layout", "inc", "include", "require"};
    vigil_str w = last_part(name, len);
    if (memchr(name, '[', len) && ends_with_any(w, key, VIGIL__COUNTOF(key)))
        return 1;
    if (ends_with_any(vigil__str(name, len), var, VIGIL__COUNTOF(var)))
        return 1;
    for (size_t k = 0; sens >= 2 && k < VIGIL__COUNTOF(plain); k++)
        if (span_is(w.ptr, 0, w.len, plain[k]))
            return 1;
    return 0;
}

int vigil__detect_rfi_param(const char *name, size_t name_len, const char *s, size_t n,
                            int sensitivity, vigil__finding *f)
{
    if (!name || !s || n < 8 || !name_len || name_len > 128)
        return 0;
    size_t i = 0;
    while (i < n && (s[i] == ' ' || s[i] == '\t'))
        i++;
    size_t k = i;
    while (k < n && k - i < 6 && is_alpha((unsigned char)s[k]))
        k++;
    if (k + 3 > n || s[k] != ':' || s[k + 1] != '/' || s[k + 2] != '/' || k + 3 == n ||
        s[k + 3] == '/')
        return 0; /* only "scheme://host..." at the start: not "file:///x" */
    int sch = scheme_of(s, i, k);
    if (sch != S_WEB && sch != S_FTP)
        return 0;
    if (!location_name(name, name_len, sensitivity))
        return 0;
    return fire(f, "remote URL in a file-location parameter", 80, i, n - i);
}
