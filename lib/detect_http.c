/*
 * detect_http.c - request-level protocol attacks (CRS 920/921 territory),
 * judged on the whole request once:
 *
 *  - request smuggling: Content-Length together with Transfer-Encoding,
 *    repeated or malformed framing headers ("5, 5", "+5", "chunked, x",
 *    " chunked"), header names that are not tokens ("Transfer-Encoding "),
 *    CR, LF or NUL in a header;
 *  - request and response splitting: a request line ("GET /x HTTP/1.1")
 *    inside a parameter, header or text body, and CR/LF followed by a
 *    header line, a status line or a blank line and markup in a query or
 *    form value, a header or a cookie (percent-decoding them here, since
 *    the raw query and body are what this function sees), and a status
 *    line ("HTTP/1.1 200") anywhere in one at sensitivity 2;
 *  - CR/LF in a parameter name or the path;
 *  - Apache mod_proxy "unix:...|http://" backend injection (CVE-2021-40438);
 *  - legacy cookie syntax ("$Version=1"), which parsers read differently;
 *  - Content-Type tricks: a second media type hidden in a parameter
 *    (";boundary=\"application/json\""), repeated charsets and EBCDIC or
 *    UTF-7 charsets that hide a body from inspection;
 *  - invalid characters in the method, invalid byte ranges.
 *
 * Everything is a forward scan over the request's bytes with bounded
 * look-ahead; nothing is allocated or copied. Most values never reach
 * those scans: suspect() clears a value 16 bytes at a time (32 with AVX2,
 * chosen at run time) when it holds no control byte, '%', '|' or "p/",
 * and common header names are recognised a word at a time.
 */
#include "detect.h"
#include "params.h"

#if defined(__SSE2__) && (defined(__GNUC__) || defined(__clang__))
#include <emmintrin.h>
#define VIGIL_HTTP_SSE2 1
#else
#define VIGIL_HTTP_SSE2 0
#endif
/* AVX2 for long values, chosen at run time (built without -mavx2) */
#if VIGIL_HTTP_SSE2 && defined(__x86_64__) && !defined(VIGIL_NO_AVX2)
#include <immintrin.h>
#define VIGIL_HTTP_AVX2 1
#else
#define VIGIL_HTTP_AVX2 0
#endif

/* ---------------------------------------------------------- byte classes */

static int is_alpha(unsigned char c)
{
    return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

static int is_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

/* Byte classes: T = RFC 9110 tchar; W = a byte worth a closer look in
 * worth() (controls, '%', '/', ':', '|', ']'). */
enum { T = 1, W = 2 };
static const unsigned char cls[256] = {
    [0] = W, [1] = W, [2] = W, [3] = W, [4] = W, [5] = W, [6] = W, [7] = W, [8] = W, [9] = W,
    [10] = W, [11] = W, [12] = W, [13] = W, [14] = W, [15] = W, [16] = W, [17] = W, [18] = W,
    [19] = W, [20] = W, [21] = W, [22] = W, [23] = W, [24] = W, [25] = W, [26] = W, [27] = W,
    [28] = W, [29] = W, [30] = W, [31] = W, [127] = W,
    ['!'] = T, ['#'] = T, ['$'] = T, ['%'] = T | W, ['&'] = T, ['\''] = T, ['*'] = T,
    ['+'] = T, ['-'] = T, ['.'] = T, ['^'] = T, ['_'] = T, ['`'] = T, ['|'] = T | W, ['~'] = T,
    ['/'] = W, [':'] = W, [']'] = W,
    ['0'] = T, ['1'] = T, ['2'] = T, ['3'] = T, ['4'] = T, ['5'] = T, ['6'] = T, ['7'] = T,
    ['8'] = T, ['9'] = T,
    ['A'] = T, ['B'] = T, ['C'] = T, ['D'] = T, ['E'] = T, ['F'] = T, ['G'] = T, ['H'] = T,
    ['I'] = T, ['J'] = T, ['K'] = T, ['L'] = T, ['M'] = T, ['N'] = T, ['O'] = T, ['P'] = T,
    ['Q'] = T, ['R'] = T, ['S'] = T, ['T'] = T, ['U'] = T, ['V'] = T, ['W'] = T, ['X'] = T,
    ['Y'] = T, ['Z'] = T,
    ['a'] = T, ['b'] = T, ['c'] = T, ['d'] = T, ['e'] = T, ['f'] = T, ['g'] = T, ['h'] = T,
    ['i'] = T, ['j'] = T, ['k'] = T, ['l'] = T, ['m'] = T, ['n'] = T, ['o'] = T, ['p'] = T,
    ['q'] = T, ['r'] = T, ['s'] = T, ['t'] = T, ['u'] = T, ['v'] = T, ['w'] = T, ['x'] = T,
    ['y'] = T, ['z'] = T,
};

static int is_tchar(unsigned char c)
{
    return cls[c] & T;
}

static int blank(int c)
{
    return c == ' ' || c == '\t';
}

static int brk(int c)
{
    return c == '\r' || c == '\n';
}

static vigil_str trim(vigil_str v)
{
    while (v.len && blank(v.ptr[0])) {
        v.ptr++;
        v.len--;
    }
    while (v.len && blank(v.ptr[v.len - 1]))
        v.len--;
    return v;
}

/* Case-insensitive: does s[i..n) start with lit (lower case)? */
static int at(const char *s, size_t n, size_t i, const char *lit)
{
    size_t l = strlen(lit);
    if (i > n || n - i < l)
        return 0;
    for (size_t k = 0; k < l; k++)
        if (vigil__lower((unsigned char)s[i + k]) != (unsigned char)lit[k])
            return 0;
    return 1;
}

/* Case-insensitive substring search of lit (lower case) in v. */
static int contains(vigil_str v, const char *lit)
{
    size_t l = strlen(lit);
    for (size_t i = 0; i + l <= v.len; i++)
        if (at(v.ptr, v.len, i, lit))
            return 1;
    return 0;
}

static int report(vigil__finding *f, const char **where, const char *detail, const char *w,
                  int score)
{
    if (f) {
        f->detail = detail;
        f->score = score;
        f->off = 0;
        f->len = 0;
    }
    if (where)
        *where = w;
    return 1;
}

/* ------------------------------------------------------ decoded streams
 * Percent-decoding on the fly (one level, and a second when "%25" is
 * followed by two hex digits; "%uHHHH" too), '+' as space in forms. */

typedef struct dstream {
    const char *s;
    size_t      n, i;
    int         pct, plus;
    int         esc; /* the last byte returned came from an escape */
} dstream;

static int hex2(const char *s, size_t n, size_t i)
{
    if (i + 1 >= n)
        return -1;
    int a = vigil__hexval((unsigned char)s[i]), b = vigil__hexval((unsigned char)s[i + 1]);
    return a < 0 || b < 0 ? -1 : a * 16 + b;
}

static int dget(dstream *d)
{
    if (d->i >= d->n)
        return -1;
    unsigned char c = (unsigned char)d->s[d->i];
    d->esc = 1;
    if (c == '%' && d->pct) {
        int v = hex2(d->s, d->n, d->i + 1);
        if (v >= 0) {
            d->i += 3;
            if (v == '%') {
                int w = hex2(d->s, d->n, d->i);
                if (w >= 0) {
                    d->i += 2;
                    return w;
                }
            }
            return v;
        }
        if (d->i + 5 < d->n && (d->s[d->i + 1] | 0x20) == 'u') {
            int hi = hex2(d->s, d->n, d->i + 2), lo = hex2(d->s, d->n, d->i + 4);
            if (hi >= 0 && lo >= 0) {
                d->i += 6;
                return hi ? 0x80 : lo; /* only the ASCII range matters here */
            }
        }
    }
    d->i++;
    d->esc = 0;
    if (c == '+' && d->plus)
        return ' ';
    return c;
}

/* --------------------------------------------------- value-level checks */

/* Where the text sits. C_BNAME: a form body name, where a raw (not
 * escaped) line break means a mislabelled text body, not an attack. */
enum ctx { C_NAME, C_BNAME, C_QVAL, C_BVAL, C_TEXT, C_HEADER, C_COOKIE, C_PATH, C_REFERER };

/* Response and request headers whose injection after CR/LF splits a
 * response or forges request metadata (query values: no text areas). */
static int known_header(const char *t, size_t l)
{
    static const char *const names[] = {
        "location", "refresh", "set-cookie", "set-cookie2", "cookie", "content-type",
        "content-length", "content-disposition", "content-encoding", "content-security-policy",
        "transfer-encoding", "host", "via", "x-forwarded-for", "x-forwarded-host",
        "x-forwarded-proto", "x-forwarded-server", "x-real-ip", "x-originating-ip",
        "originating-ip", "remote-addr", "remote-ip", "access-control-allow-origin",
        "access-control-allow-credentials", "x-xss-protection", "x-frame-options", "connection",
        "upgrade", "referer", "user-agent", "authorization", "cache-control", "expires",
        "last-modified", "etag", "server", "x-powered-by", "strict-transport-security",
        "x-content-type-options", "link", "vary", "pragma",
    };
    for (size_t i = 0; i < VIGIL__COUNTOF(names); i++)
        if (strlen(names[i]) == l && !memcmp(names[i], t, l))
            return 1;
    return 0;
}

/* The subset that never starts a line of ordinary multi-line text (form
 * bodies carry text areas: "Location: Berlin" is prose there). */
static int framing_header(const char *t, size_t l)
{
    static const char *const names[] = {
        "set-cookie", "set-cookie2", "content-type", "content-length", "content-disposition",
        "transfer-encoding", "content-security-policy", "x-xss-protection",
        "access-control-allow-origin", "access-control-allow-credentials", "x-forwarded-for",
        "x-forwarded-host", "x-forwarded-proto", "x-forwarded-server", "x-real-ip",
    };
    for (size_t i = 0; i < VIGIL__COUNTOF(names); i++)
        if (strlen(names[i]) == l && !memcmp(names[i], t, l))
            return 1;
    return 0;
}

/* HTML elements that start an injected response body. */
static int page_tag(const char *t, size_t l)
{
    static const char *const tags[] = {"html", "head", "body", "meta", "script", "title",
                                       "!doctype", "iframe", "svg", "base", "frameset"};
    for (size_t i = 0; i < VIGIL__COUNTOF(tags); i++)
        if (strlen(tags[i]) == l && !memcmp(tags[i], t, l))
            return 1;
    return 0;
}

/* Looks past a CR or LF (already read from *d0): what follows a line
 * break tells splitting from text with new lines. Bounded look-ahead. */
static const char *after_break(const dstream *d0, int first, int ctx, int sens)
{
    dstream d = *d0;
    int breaks = 1, prev = first, c;
    for (int k = 0;; k++) {
        size_t save = d.i;
        c = dget(&d);
        if (k < 16 && brk(c)) {
            if (!(c == '\n' && prev == '\r'))
                breaks++;
            prev = c;
            continue;
        }
        if (k < 16 && blank(c)) {
            prev = c;
            continue;
        }
        d.i = save;
        break;
    }
    char tok[42];
    size_t tl = 0;
    int lt = 0;
    c = dget(&d);
    if (c == '<') {
        lt = 1;
        c = dget(&d);
    }
    while (c >= 0 && tl < sizeof tok &&
           (is_alpha((unsigned char)c) || is_digit((unsigned char)c) || c == '-' || c == '_' ||
            (lt && tl == 0 && c == '!'))) {
        tok[tl++] = (char)vigil__lower((unsigned char)c);
        c = dget(&d);
    }
    if (tl == sizeof tok)
        return NULL;
    if (lt) {
        if (breaks < 2)
            return NULL;
        if (ctx == C_HEADER || ctx == C_COOKIE || page_tag(tok, tl))
            return "markup injected after a blank line (response splitting)";
        return NULL;
    }
    if (tl == 4 && !memcmp(tok, "http", 4) && c == '/' && (c = dget(&d)) >= 0 &&
        is_digit((unsigned char)c))
        return "HTTP status line injected after CR/LF (response splitting)";
    if (tl > 0) {
        int k = 0;
        while (blank(c) && k++ < 8)
            c = dget(&d);
        if (c == ':') {
            c = dget(&d);
            k = 0;
            while (blank(c) && k++ < 8)
                c = dget(&d);
            if (c > 0x20 && c != 0x7f) {
                /* any "Name: value" in headers, cookies and (at 3) query
                 * values; form bodies and text carry multi-line prose */
                int hit = ctx == C_HEADER || ctx == C_COOKIE || (sens >= 3 && ctx == C_QVAL);
                if (ctx == C_QVAL || ctx == C_REFERER)
                    hit |= known_header(tok, tl) || (sens >= 2 && tl > 2 && tok[0] == 'x' &&
                                                     tok[1] == '-');
                if (ctx == C_BVAL) {
                    hit |= framing_header(tok, tl);
                    /* "Location: <url>" redirects; "Location: Berlin" is prose */
                    if (tl == 8 && !memcmp(tok, "location", 8)) {
                        int c2 = dget(&d);
                        hit |= c == '/' || ((c | 0x20) == 'h' && (c2 | 0x20) == 't');
                    }
                }
                if (hit)
                    return "header line injected after CR/LF";
            }
            return NULL;
        }
    }
    if (breaks >= 2 && (ctx == C_HEADER || ctx == C_COOKIE) && (tl > 0 || c > 0x20))
        return "content injected after a blank line (response splitting)";
    return NULL;
}

/* Method names whose appearance as "<method> <target> HTTP/<digit>"
 * embeds a second request. */
static int method_suffix(const char *w, size_t l)
{
    static const char *const m[] = {"get", "post", "head", "options", "connect", "put",
                                    "delete", "trace", "track", "patch", "propfind",
                                    "proppatch", "mkcol", "copy", "move", "lock", "unlock"};
    for (size_t i = 0; i < VIGIL__COUNTOF(m); i++) {
        size_t k = strlen(m[i]);
        if (l >= k && !memcmp(w + l - k, m[i], k))
            return 1;
    }
    return 0;
}

/* One pass over a (decoded) name, value, header, cookie, path or text. */
static const char *text_check(const char *s, size_t n, int ctx, int pct, int plus, int sens)
{
    dstream d = {s, n, 0, pct, plus, 0};
    int name = ctx == C_NAME || ctx == C_BNAME;
    char word[16];
    size_t wl = 0;        /* current letter run, lower case (0 when > 16) */
    int long_run = 0;
    int rl = 0, hm = 0;   /* request-line state, "http/" progress */
    int unix_seen = 0;
    size_t sl = 0;        /* status-line progress */
    unsigned char p1 = 0, p2 = 0, p3 = 0, p4 = 0, p5 = 0; /* previous bytes */
    int after_close = 0;  /* NAME: just after "]" */
    for (;;) {
        int c = dget(&d);
        if (c < 0)
            break;
        unsigned char lc = vigil__lower((unsigned char)c);
        if (brk(c)) {
            if (ctx == C_NAME || (ctx == C_BNAME && d.esc))
                return "CR/LF in a parameter name";
            if (ctx == C_PATH)
                return "CR/LF in the path";
            if (ctx == C_QVAL && sens >= 3)
                return "CR/LF in a query value";
            const char *why = name ? NULL : after_break(&d, c, ctx, sens);
            if (why)
                return why;
        } else if (c == 0 && ctx == C_PATH) {
            return "NUL byte in the path";
        }

        /* "<method> <target> HTTP/<digit>" anywhere */
        switch (rl) {
        case 0:
            if (blank(c) && wl >= 3 && !long_run && method_suffix(word, wl))
                rl = 1;
            break;
        case 1:
            rl = blank(c) ? 1 : brk(c) ? 0 : 2;
            break;
        case 2:
            if (blank(c)) {
                rl = 3;
                hm = 0;
            } else if (brk(c)) {
                rl = 0;
            }
            break;
        default:
            if (hm == 0 && blank(c))
                break;
            if (hm < 5 && lc == (unsigned char)"http/"[hm]) {
                hm++;
            } else if (hm == 5 && is_digit(lc)) {
                return "request line inside a request (request smuggling)";
            } else {
                rl = 0;
                if (blank(c) && wl >= 3 && !long_run && method_suffix(word, wl))
                    rl = 1;
            }
            break;
        }

        /* a status line "HTTP/1.1 200" anywhere (level 2): a forged
         * response for the application to echo */
        {
            static const char pat[] = "http/d.d ddd"; /* d: a digit */
            unsigned char want = (unsigned char)pat[sl];
            int ok = want == 'd' ? is_digit(lc) : lc == want;
            if (ok)
                sl++;
            else
                sl = lc == 'h' ? 1 : 0;
            if (sl == sizeof pat - 1) {
                if (sens >= 2 && !name)
                    return "HTTP status line inside a value (response splitting)";
                sl = 0;
            }
        }

        /* mod_proxy "unix:<path>|<scheme>:" */
        if (c == ':' && p1 == 'x' && p2 == 'i' && p3 == 'n' && p4 == 'u' &&
            !is_alpha(p5) && !is_digit(p5))
            unix_seen = 1;
        else if (c == '|' && unix_seen) {
            dstream e = d;
            int nx = dget(&e);
            if (nx >= 0 && is_alpha((unsigned char)nx))
                return "mod_proxy unix: socket backend injection";
        }

        /* name "a[1]b": bytes after a closing bracket (parameter pollution) */
        if (name && sens >= 3) {
            if (after_close && c != '[' && c != '.')
                return "characters after a parameter array index";
            after_close = c == ']';
        }

        if (is_alpha(lc)) {
            if (wl < sizeof word)
                word[wl++] = (char)lc;
            else
                long_run = 1;
        } else {
            wl = 0;
            long_run = 0;
        }
        p5 = p4;
        p4 = p3;
        p3 = p2;
        p2 = p1;
        p1 = lc;
    }
    return NULL;
}

/* Could s[0..n) hold anything text_check looks for? A line break needs
 * a raw CR/LF or an escape of a control byte ("%0a", "%250a", "%u000a");
 * a request line needs "HTTP/<digit>" in clear or an escaped letter,
 * digit or '/'; mod_proxy needs ':' and '|'; pollution (names, level 3)
 * needs ']'. Escapes of ordinary punctuation ("O%27Brien", "%40") and
 * plain words cost one pass without decoding. */
static int worth(const char *s, size_t n, int name3)
{
    int colon = 0, pipe = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (!(cls[c] & W))
            continue;
        switch (c) {
        case '\r':
        case '\n':
            return 1;
        case '%': {
            if (i + 1 < n && (s[i + 1] == 'u' || s[i + 1] == 'U'))
                return 1;
            int v = hex2(s, n, i + 1);
            if (v < 0)
                break;
            if (v < 0x20 || v == 0x7f || v == '%' || v == '/' || v == ':' || v == '|' ||
                v == ']' || is_alpha((unsigned char)v) || is_digit((unsigned char)v))
                return 1;
            i += 2;
            break;
        }
        case '/':
            if (i >= 4 && i + 1 < n && is_digit((unsigned char)s[i + 1]) &&
                (s[i - 1] | 0x20) == 'p' && (s[i - 2] | 0x20) == 't' &&
                (s[i - 3] | 0x20) == 't' && (s[i - 4] | 0x20) == 'h')
                return 1;
            break;
        case ':':
            colon = 1;
            break;
        case '|':
            pipe = 1;
            break;
        case ']':
            if (name3)
                return 1;
            break;
        default:
            if (c < 0x20)
                return 1;
            break;
        }
    }
    return colon && pipe;
}

/* ------------------------------------------------------------ prescans
 * Most header values, paths and queries hold none of the bytes that the
 * control check or worth() react to. suspect() proves that sixteen bytes
 * at a time; it may say yes when neither would (then they run as before),
 * never no when either would: it flags any byte below 0x20, 0x7f and up,
 * '%', '|' (mod_proxy needs it), `extra` (']' for level-3 names) and '/'
 * after 'p' or 'P' ("HTTP/1"). */

#if defined(__GNUC__) || defined(__clang__)
#define INLINE static inline __attribute__((always_inline))
#else
#define INLINE static inline
#endif

#if VIGIL_HTTP_SSE2
INLINE __m128i load16(const char *p)
{
    return _mm_loadu_si128((const __m128i *)(const void *)p);
}

INLINE __m128i load8(const char *p)
{
    return _mm_loadl_epi64((const __m128i *)(const void *)p);
}

INLINE __m128i load4(const char *p)
{
    int32_t v;
    memcpy(&v, p, 4);
    return _mm_cvtsi32_si128(v);
}

/* Lanes of x (prev: the byte before each lane) that may matter. */
INLINE unsigned susp16(__m128i x, __m128i prev, char extra)
{
    /* x + 1 < 0x21 as signed bytes: 0x00-0x1f, 0x7f and 0x80-0xff */
    __m128i c = _mm_cmpgt_epi8(_mm_set1_epi8(0x21), _mm_add_epi8(x, _mm_set1_epi8(1)));
    c = _mm_or_si128(c, _mm_cmpeq_epi8(x, _mm_set1_epi8('%')));
    c = _mm_or_si128(c, _mm_cmpeq_epi8(x, _mm_set1_epi8('|')));
    if (extra)
        c = _mm_or_si128(c, _mm_cmpeq_epi8(x, _mm_set1_epi8(extra)));
    __m128i p = _mm_cmpeq_epi8(_mm_or_si128(prev, _mm_set1_epi8(0x20)), _mm_set1_epi8('p'));
    c = _mm_or_si128(c, _mm_and_si128(p, _mm_cmpeq_epi8(x, _mm_set1_epi8('/'))));
    return (unsigned)_mm_movemask_epi8(c);
}
#endif

#if VIGIL_HTTP_AVX2
/* Constants for suspect_avx2(), one 32-byte row each, read from memory
 * so that the loop needs no set-up. */
enum { K_ONE, K_LIM, K_PCT, K_PIPE, K_LOW, K_P, K_SLASH, K_BRACKET, K_ROWS };
static const unsigned char kavx[K_ROWS][32] __attribute__((aligned(32))) = {
#define ROW(c) {c, c, c, c, c, c, c, c, c, c, c, c, c, c, c, c, \
                c, c, c, c, c, c, c, c, c, c, c, c, c, c, c, c}
    ROW(1), ROW(0x21), ROW('%'), ROW('|'), ROW(0x20), ROW('p'), ROW('/'), ROW(']'),
#undef ROW
};

/* suspect_x() for n > 16 (extra 0 or ']'), 32 bytes at a time. */
__attribute__((target("avx2"))) static int suspect_avx2(const char *s, size_t n, char extra)
{
    /* hidden from the optimiser, which would otherwise rebuild each row
     * with broadcasts on every call instead of using memory operands */
    const unsigned char(*k)[32] = kavx;
    __asm__("" : "+r"(k));
#define K(r) _mm256_load_si256((const __m256i *)(const void *)k[r])
#define LD(p) _mm256_loadu_si256((const __m256i *)(const void *)(p))
    const __m256i ext = extra ? K(K_BRACKET) : K(K_PCT);
#define SUSP32(x, prev)                                                                          \
    _mm256_movemask_epi8(_mm256_or_si256(                                                          \
        _mm256_or_si256(                                                                           \
            _mm256_or_si256(_mm256_cmpgt_epi8(K(K_LIM), _mm256_add_epi8(x, K(K_ONE))),             \
                            _mm256_cmpeq_epi8(x, K(K_PCT))),                                       \
            _mm256_or_si256(_mm256_cmpeq_epi8(x, K(K_PIPE)), _mm256_cmpeq_epi8(x, ext))),          \
        _mm256_and_si256(_mm256_cmpeq_epi8(_mm256_or_si256(prev, K(K_LOW)), K(K_P)),               \
                         _mm256_cmpeq_epi8(x, K(K_SLASH)))))
    if (n < 32) { /* s[0..16) and s[n-16..n), overlapping */
        __m128i lo = _mm_loadu_si128((const __m128i *)(const void *)s);
        __m128i hi = _mm_loadu_si128((const __m128i *)(const void *)(s + n - 16));
        __m128i phi = _mm_loadu_si128((const __m128i *)(const void *)(s + n - 17));
        __m256i x = _mm256_inserti128_si256(_mm256_castsi128_si256(lo), hi, 1);
        __m256i prev = _mm256_inserti128_si256(_mm256_castsi128_si256(_mm_slli_si128(lo, 1)),
                                               phi, 1);
        return SUSP32(x, prev) != 0;
    }
    __m256i x = LD(s);
    /* the first block's "previous bytes": x moved up one byte, 0 first */
    __m256i prev = _mm256_alignr_epi8(x, _mm256_permute2x128_si256(x, x, 0x08), 15);
    int hit = SUSP32(x, prev);
    size_t i = 32;
    for (; !hit && i + 32 <= n; i += 32)
        hit = SUSP32(LD(s + i), LD(s + i - 1));
    if (!hit && i < n)
        hit = SUSP32(LD(s + n - 32), LD(s + n - 33));
    return hit != 0;
#undef SUSP32
#undef LD
#undef K
}
#endif

/* One byte as susp16() judges it, apart from "p/". */
INLINE int sus_byte(unsigned char c, char extra)
{
    return (unsigned char)(c - 0x20) >= 0x5f || c == '%' || c == '|' ||
           (extra && c == (unsigned char)extra);
}

INLINE int suspect_x(const char *s, size_t n, char extra)
{
#if VIGIL_HTTP_AVX2
    if (n > 16 && __builtin_cpu_supports("avx2"))
        return suspect_avx2(s, n, extra);
#endif
#if VIGIL_HTTP_SSE2
    if (n >= 16) {
        __m128i x = load16(s);
        if (susp16(x, _mm_slli_si128(x, 1), extra))
            return 1;
        size_t i = 16;
        for (; i + 16 <= n; i += 16)
            if (susp16(load16(s + i), load16(s + i - 1), extra))
                return 1;
        return i < n && susp16(load16(s + n - 16), load16(s + n - 17), extra);
    }
    if (n >= 8) { /* s[0..8) and s[n-8..n), overlapping */
        __m128i lo = load8(s), plo = _mm_slli_si128(lo, 1);
        __m128i hi = load8(s + n - 8), phi = n > 8 ? load8(s + n - 9) : plo;
        return susp16(_mm_unpacklo_epi64(lo, hi), _mm_unpacklo_epi64(plo, phi), extra) != 0;
    }
    if (n >= 4) { /* lanes 0-7 as above; 8-15 are zero, so not looked at */
        __m128i lo = load4(s), plo = _mm_slli_si128(lo, 1);
        __m128i hi = load4(s + n - 4), phi = n > 4 ? load4(s + n - 5) : plo;
        return (susp16(_mm_unpacklo_epi32(lo, hi), _mm_unpacklo_epi32(plo, phi), extra) &
                0xFFu) != 0;
    }
#endif
    if (n < 4) { /* s[0], s[n/2] and s[n-1] are all of it; "HTTP/" needs more */
        if (!n)
            return 0;
        return sus_byte((unsigned char)s[0], extra) | sus_byte((unsigned char)s[n >> 1], extra) |
               sus_byte((unsigned char)s[n - 1], extra);
    }
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (sus_byte(c, extra) || (c == '/' && i > 0 && (s[i - 1] | 0x20) == 'p'))
            return 1;
    }
    return 0;
}

static int suspect(const char *s, size_t n)
{
    return suspect_x(s, n, 0);
}

/* The same, also flagging extra (']' for level-3 parameter names). */
static int suspect_form(const char *s, size_t n, int sens)
{
    return sens >= 3 ? suspect_x(s, n, ']') : suspect_x(s, n, 0);
}

#if VIGIL_HTTP_SSE2
/* Lanes of x holding a letter, a digit or '-'. */
static unsigned plain16(__m128i x)
{
    /* letters and digits moved to the bottom of the signed range */
    __m128i l = _mm_add_epi8(_mm_or_si128(x, _mm_set1_epi8(0x20)), _mm_set1_epi8((char)(0x80 - 'a')));
    __m128i d = _mm_add_epi8(x, _mm_set1_epi8((char)(0x80 - '0')));
    __m128i ok = _mm_or_si128(_mm_cmpgt_epi8(_mm_set1_epi8((char)(-128 + 26)), l),
                              _mm_cmpgt_epi8(_mm_set1_epi8((char)(-128 + 10)), d));
    ok = _mm_or_si128(ok, _mm_cmpeq_epi8(x, _mm_set1_epi8('-')));
    return (unsigned)_mm_movemask_epi8(ok);
}
#endif

/* Is every byte of the name a letter, digit or '-' (so a tchar)? The
 * usual header name, proved without the byte loop; 0 means "look". */
static int plain_name(const char *s, size_t n)
{
#if VIGIL_HTTP_SSE2
    if (n >= 16) {
        size_t i = 0;
        for (; i + 16 <= n; i += 16)
            if (plain16(load16(s + i)) != 0xFFFFu)
                return 0;
        return i == n || plain16(load16(s + n - 16)) == 0xFFFFu;
    }
    if (n >= 8) /* s[0..8) and s[n-8..n), overlapping */
        return plain16(_mm_unpacklo_epi64(load8(s), load8(s + n - 8))) == 0xFFFFu;
    if (n >= 4)
        return (plain16(_mm_unpacklo_epi32(load4(s), load4(s + n - 4))) & 0xFFu) == 0xFFu;
#endif
    (void)s;
    (void)n;
    return 0;
}

/* Walks an urlencoded string (query or form body): names and values. */
static const char *form_check(vigil_str q, int body, int sens)
{
    size_t i = 0;
    while (i < q.len) {
        const char *amp = memchr(q.ptr + i, '&', q.len - i);
        size_t end = amp ? (size_t)(amp - q.ptr) : q.len;
        if (!worth(q.ptr + i, end - i, sens >= 3)) {
            i = end + 1;
            continue;
        }
        const char *eq = memchr(q.ptr + i, '=', end - i);
        int vctx = body ? C_BVAL : C_QVAL;
        const char *why;
        if (!eq) /* a lone "text" is read as data, not as a name */
            why = text_check(q.ptr + i, end - i, vctx, 1, 1, sens);
        else
            why = text_check(q.ptr + i, (size_t)(eq - q.ptr) - i, body ? C_BNAME : C_NAME, 1, 1, sens);
        if (!why && eq)
            why = text_check(eq + 1, end - (size_t)(eq - q.ptr) - 1, vctx, 1, 1, sens);
        if (why)
            return why;
        i = end + 1;
    }
    return NULL;
}

/* ------------------------------------------------------- header checks */

/* Content-Length: 1-19 decimal digits, nothing else. */
static int cl_valid(vigil_str v)
{
    v = trim(v);
    if (!v.len || v.len > 19)
        return 0;
    for (size_t i = 0; i < v.len; i++)
        if (!is_digit((unsigned char)v.ptr[i]))
            return 0;
    return 1;
}

/* Charsets that no browser sends and that hide a body from inspection:
 * EBCDIC code pages and UTF-7. */
static int evasive_charset(vigil_str v)
{
    v = trim(v);
    if (v.len >= 2 && (v.ptr[0] == '"' || v.ptr[0] == '\'')) {
        v.ptr++;
        v.len -= 2;
    }
    if (at(v.ptr, v.len, 0, "utf-7") || at(v.ptr, v.len, 0, "utf7") || at(v.ptr, v.len, 0, "ibm") ||
        at(v.ptr, v.len, 0, "x-ibm") || contains(v, "ebcdic") || at(v.ptr, v.len, 0, "cp037") ||
        at(v.ptr, v.len, 0, "cp500") || at(v.ptr, v.len, 0, "cp875") ||
        at(v.ptr, v.len, 0, "cp1026") || at(v.ptr, v.len, 0, "cp1047") ||
        at(v.ptr, v.len, 0, "cp114"))
        return 1;
    return 0;
}

/* A "type/subtype" media type inside a Content-Type parameter value.
 * Returns 2 when it names JSON or XML (the types rules are keyed on),
 * 1 for any other registered top-level type, 0 for none. */
static int media_type_in(vigil_str v)
{
    static const char *const tops[] = {"application/", "text/", "image/", "audio/", "video/",
                                       "multipart/", "message/", "model/", "font/"};
    int best = 0;
    for (size_t i = 0; i < v.len; i++) {
        if (i > 0 && !(v.ptr[i - 1] == '"' || v.ptr[i - 1] == '\'' || blank(v.ptr[i - 1]) ||
                       v.ptr[i - 1] == ',' || v.ptr[i - 1] == '=' || v.ptr[i - 1] == ';'))
            continue;
        for (size_t t = 0; t < VIGIL__COUNTOF(tops); t++) {
            if (!at(v.ptr, v.len, i, tops[t]))
                continue;
            size_t j = i + strlen(tops[t]), k = j;
            while (k < v.len && (is_tchar((unsigned char)v.ptr[k])))
                k++;
            if (k == j)
                continue;
            vigil_str sub = {v.ptr + j, k - j};
            int lvl = contains(sub, "json") || contains(sub, "xml") ? 2 : 1;
            if (lvl > best)
                best = lvl;
        }
    }
    return best;
}

/* Any "token/token" standing on its own (after a quote, blank, ',', '='
 * or at the start) in a parameter value, for sensitivity 3; the host and
 * path of a URL ("https://example.com/x") do not stand on their own. */
static int any_slash_type(vigil_str v)
{
    for (size_t i = 1; i + 1 < v.len; i++) {
        if (v.ptr[i] != '/' || !is_tchar((unsigned char)v.ptr[i - 1]) ||
            !is_tchar((unsigned char)v.ptr[i + 1]))
            continue;
        size_t k = i;
        while (k > 0 && is_tchar((unsigned char)v.ptr[k - 1]))
            k--;
        if (k == 0 || v.ptr[k - 1] == '"' || v.ptr[k - 1] == '\'' || blank(v.ptr[k - 1]) ||
            v.ptr[k - 1] == ',' || v.ptr[k - 1] == '=')
            return 1;
    }
    return 0;
}

static const char *content_type_check(vigil_str ct, int sens)
{
    size_t semi = 0;
    while (semi < ct.len && ct.ptr[semi] != ';')
        semi++;
    vigil_str mt = trim(vigil__str(ct.ptr, semi));
    int related = vigil__str_ieq(mt, "multipart/related");
    int multipart = at(mt.ptr, mt.len, 0, "multipart/");
    int charsets = 0;
    size_t i = semi;
    while (i < ct.len) {
        i++; /* past ';' */
        size_t ns = i;
        while (i < ct.len && ct.ptr[i] != '=' && ct.ptr[i] != ';')
            i++;
        vigil_str name = trim(vigil__str(ct.ptr + ns, i - ns));
        if (i >= ct.len || ct.ptr[i] == ';')
            continue;
        i++; /* past '=' */
        size_t vs = i;
        int q = 0;
        while (i < ct.len && (q || ct.ptr[i] != ';')) {
            if (ct.ptr[i] == '"')
                q = !q;
            else if (ct.ptr[i] == '\\' && q && i + 1 < ct.len)
                i++;
            i++;
        }
        vigil_str val = vigil__str(ct.ptr + vs, (i < ct.len ? i : ct.len) - vs);
        if (vigil__str_ieq(name, "charset")) {
            if (++charsets > 1)
                return "repeated charset in Content-Type";
            if (evasive_charset(val))
                return "Content-Type charset that hides the body (EBCDIC/UTF-7)";
        }
        if (!related) {
            int m = media_type_in(val);
            /* multipart boundaries may hold '/' by RFC 2046 */
            int bnd = multipart && vigil__str_ieq(name, "boundary");
            if (m == 2 || (m == 1 && sens >= 2) ||
                (m == 0 && sens >= 3 && !bnd && any_slash_type(val)))
                return "media type hidden in a Content-Type parameter";
        }
    }
    return NULL;
}

/* Range: "bytes=a-b, ...": the first complete range ending before it
 * starts is invalid; clients never send one, range-based DoS does. */
static int range_invalid(vigil_str v)
{
    size_t i = 0;
    while (i < v.len && v.ptr[i] != '=')
        i++;
    while (i < v.len) {
        while (i < v.len && !is_digit((unsigned char)v.ptr[i]))
            i++;
        uint64_t a = 0, b = 0;
        int da = 0, db = 0;
        while (i < v.len && is_digit((unsigned char)v.ptr[i])) {
            if (da++ < 18)
                a = a * 10 + (uint64_t)(v.ptr[i] - '0');
            i++;
        }
        if (i < v.len && v.ptr[i] == '-') {
            i++;
            while (i < v.len && is_digit((unsigned char)v.ptr[i])) {
                if (db++ < 18)
                    b = b * 10 + (uint64_t)(v.ptr[i] - '0');
                i++;
            }
            if (da && db)
                return b < a;
        }
    }
    return 0;
}

/* The Cookie header: legacy "$Version"/"$Path" attributes, and each value
 * percent-decoded for splitting (only when suspect() flagged the header). */
static const char *cookie_check(vigil_str v, int sus, int sens)
{
    size_t i = 0;
    while (i < v.len) {
        while (i < v.len && (blank(v.ptr[i]) || v.ptr[i] == ';'))
            i++;
        size_t ns = i;
        while (i < v.len && v.ptr[i] != '=' && v.ptr[i] != ';')
            i++;
        /* RFC 2109 attributes; "$Version" switches parsers to the old
         * syntax, where quoting and separators differ */
        vigil_str nm = trim(vigil__str(v.ptr + ns, i - ns));
        if (nm.len && nm.ptr[0] == '$' &&
            (vigil__str_ieq(nm, "$version") ||
             (sens >= 2 && (vigil__str_ieq(nm, "$path") || vigil__str_ieq(nm, "$domain") ||
                            vigil__str_ieq(nm, "$port")))))
            return "legacy cookie attribute ($Version) for parser confusion";
        const char *why = NULL;
        if (sus && worth(v.ptr + ns, i - ns, 0) &&
            (why = text_check(v.ptr + ns, i - ns, C_NAME, 1, 0, sens)))
            return why;
        if (i < v.len && v.ptr[i] == '=') {
            size_t vs = ++i;
            while (i < v.len && v.ptr[i] != ';')
                i++;
            if (sus && worth(v.ptr + vs, i - vs, 0))
                why = text_check(v.ptr + vs, i - vs, C_COOKIE, 1, 0, sens);
            if (why)
                return why;
        }
    }
    return NULL;
}

/* ------------------------------------------------------------- request */

enum hid { H_OTHER, H_TE, H_CL, H_CT, H_COOKIE, H_RANGE, H_REQRANGE, H_CONNECTION, H_AUTH,
           H_REFERER };

/* Little-endian eight bytes of the literal l from i, and 0x20 in the
 * bytes that are letters: with a constant l both fold to constants. */
INLINE uint64_t lit8(const char *l, size_t i)
{
    uint64_t v = 0;
    _Pragma("GCC unroll 8") for (size_t k = 0; k < 8; k++)
        v |= (uint64_t)(unsigned char)l[i + k] << (8 * k);
    return v;
}

INLINE uint64_t case8(const char *l, size_t i)
{
    uint64_t v = 0;
    _Pragma("GCC unroll 8") for (size_t k = 0; k < 8; k++)
        v |= (uint64_t)((unsigned)((unsigned char)l[i + k] - 'a') < 26u ? 0x20u : 0u) << (8 * k);
    return v;
}

/* Eight bytes of p from i equal l's, letters in either case? */
INLINE int eq8(const char *p, const char *l, size_t i)
{
    uint64_t a;
    memcpy(&a, p + i, 8);
    return (a | case8(l, i)) == lit8(l, i);
}

INLINE int eq4(const char *p, const char *l, size_t i)
{
    uint32_t a;
    memcpy(&a, p + i, 4);
    return (a | (uint32_t)case8(l, i)) == (uint32_t)lit8(l, i);
}

/* Does the name equal lit (lower case letters, '-'; 4 to 24 bytes),
 * ignoring the case of its letters? Equal to vigil__str_ieq(nm, lit),
 * a few word compares once lit is a constant. */
INLINE int name_is(vigil_str nm, const char *lit, size_t len)
{
    if (nm.len != len)
        return 0;
    if (len < 8)
        return eq4(nm.ptr, lit, 0) && eq4(nm.ptr, lit, len - 4);
    int ok = eq8(nm.ptr, lit, len - 8);
    if (len > 8)
        ok = ok && eq8(nm.ptr, lit, 0);
    if (len > 16)
        ok = ok && eq8(nm.ptr, lit, 8);
    return ok;
}

#define IS(lit) name_is(nm, lit "\0\0\0\0\0\0\0", sizeof(lit) - 1)

/* Which of the headers judged apart is this? Sets *plain to 1 when the
 * name is a common one (so a token of letters and '-'), else to
 * plain_name()'s answer. */
static int header_id(vigil_str nm, int *plain)
{
    *plain = 1;
    switch (nm.len) {
    case 4:
        if (IS("host"))
            return H_OTHER;
        break;
    case 5:
        if (IS("range"))
            return H_RANGE;
        break;
    case 6:
        if (IS("accept") || IS("origin"))
            return H_OTHER;
        if (IS("cookie"))
            return H_COOKIE;
        break;
    case 7:
        if (IS("referer"))
            return H_REFERER;
        break;
    case 10:
        if (IS("user-agent"))
            return H_OTHER;
        if (IS("connection"))
            return H_CONNECTION;
        break;
    case 12:
        if (IS("content-type"))
            return H_CT;
        break;
    case 13:
        if (IS("cache-control"))
            return H_OTHER;
        if (IS("authorization"))
            return H_AUTH;
        if (IS("request-range"))
            return H_REQRANGE;
        break;
    case 14:
        if (IS("content-length"))
            return H_CL;
        break;
    case 15:
        if (IS("accept-encoding") || IS("accept-language"))
            return H_OTHER;
        break;
    case 17:
        if (IS("transfer-encoding"))
            return H_TE;
        break;
    case 19:
        if (IS("proxy-authorization"))
            return H_AUTH;
        break;
    default:
        break;
    }
    *plain = plain_name(nm.ptr, nm.len);
    return H_OTHER;
}

static int bodiless(vigil_str m)
{
    return vigil__str_eq(m, "GET") || vigil__str_eq(m, "HEAD") || vigil__str_eq(m, "OPTIONS");
}

/* What the header loop keeps: the framing headers seen so far. */
typedef struct framing {
    size_t    n_te, n_cl, n_ct;
    vigil_str te, cl, ct;
} framing;

/* Everything about one header that the fast loop in vigil__detect_http
 * could not rule out: the name's bytes, control bytes, and the headers
 * judged apart. Returns the finding's detail (and *w its location), or
 * NULL. */
static const char *header_check(const vigil_header *h, int plain, int sus, int id,
                                framing *fr, int sens, const char **w, int *score)
{
    vigil_str nm = h->name, v = h->value;
    *w = "headers";
    /* name: a token (HTTP/2 pseudo-headers ":path" allowed) */
    size_t k0 = nm.len > 1 && nm.ptr[0] == ':' ? 1 : 0;
    if (!plain)
        for (size_t k = k0; k < nm.len; k++)
            if (!is_tchar((unsigned char)nm.ptr[k])) {
                *score = 85;
                return blank(nm.ptr[k]) ? "whitespace in a header name (smuggling)"
                                        : "invalid character in a header name";
            }
    /* control bytes */
    for (size_t k = 0; sus && k < v.len; k++) {
        unsigned char c = (unsigned char)v.ptr[k];
        if (c == '\r' || c == '\n' || c == 0) {
            *score = 90;
            return "CR, LF or NUL in a header value";
        }
        if (sens >= 2 && ((c < 0x20 && c != '\t') || c == 0x7f)) {
            *score = 70;
            return "control character in a header value";
        }
    }
    switch (id) {
    case H_TE:
        fr->n_te++;
        fr->te = v;
        return NULL;
    case H_CL:
        *w = "header.content-length";
        *score = 90;
        if (!cl_valid(v))
            return "malformed Content-Length (smuggling)";
        if (fr->n_cl++) {
            vigil_str a = trim(v), b = trim(fr->cl);
            if (sens >= 2 || a.len != b.len || memcmp(a.ptr, b.ptr, a.len))
                return "repeated Content-Length (smuggling)";
        }
        fr->cl = v;
        return NULL;
    case H_CT:
        *w = "header.content-type";
        *score = 80;
        if (fr->n_ct++ && (trim(v).len != trim(fr->ct).len ||
                           memcmp(trim(v).ptr, trim(fr->ct).ptr, trim(v).len)))
            return "conflicting Content-Type headers";
        fr->ct = v;
        return content_type_check(v, sens);
    case H_COOKIE:
        *w = "header.cookie";
        *score = 85;
        return cookie_check(v, sus, sens);
    case H_REQRANGE:
        *w = "header.request-range";
        *score = 60;
        return sens >= 2 ? "legacy Request-Range header (range DoS)" : NULL;
    case H_RANGE:
        *w = "header.range";
        *score = 60;
        return sens >= 2 && range_invalid(v) ? "invalid byte range (range DoS)" : NULL;
    case H_CONNECTION:
        *w = "header.connection";
        *score = 70;
        return sens >= 2 && (contains(v, "content-length") || contains(v, "transfer-encoding"))
                   ? "framing header declared hop-by-hop (smuggling)"
                   : NULL;
    case H_AUTH:
        return NULL;
    case H_REFERER:
        /* a URL whose query may hold text: judged like a query value */
        *score = 85;
        return sus && worth(v.ptr, v.len, 0) ? text_check(v.ptr, v.len, C_REFERER, 1, 0, sens)
                                             : NULL;
    default:
        *score = 85;
        return sus && worth(v.ptr, v.len, 0) ? text_check(v.ptr, v.len, C_HEADER, 1, 0, sens)
                                             : NULL;
    }
}

int vigil__detect_http(const vigil_request *r, int sensitivity, vigil__finding *f,
                       const char **where)
{
    if (!r)
        return 0;
    int sens = sensitivity;
    const char *why;

    /* method: a token; letters (and '-', '_') in practice */
    int known = (r->method.len == 3 && !memcmp(r->method.ptr, "GET", 3)) ||
                (r->method.len == 4 && !memcmp(r->method.ptr, "POST", 4));
    for (size_t i = 0; !known && i < r->method.len; i++) {
        unsigned char c = (unsigned char)r->method.ptr[i];
        if (!is_tchar(c))
            return report(f, where, "invalid character in the method", "method", 80);
        if (sens >= 2 && !is_alpha(c) && c != '-' && c != '_')
            return report(f, where, "unusual character in the method", "method", 60);
    }

    /* path */
    if (suspect(r->path.ptr, r->path.len)) {
        for (size_t i = 0; i < r->path.len; i++)
            if ((unsigned char)r->path.ptr[i] < 0x20 || r->path.ptr[i] == 0x7f)
                return report(f, where, "control character in the path", "path", 60);
        if (worth(r->path.ptr, r->path.len, 0) &&
            (why = text_check(r->path.ptr, r->path.len, C_PATH, 1, 0, sens)))
            return report(f, where, why, "path", 85);
    }

    /* headers: most have a plain name, no special meaning and a value
     * suspect() clears; the rest go through header_check() */
    framing fr = {0, 0, 0, {NULL, 0}, {NULL, 0}, {NULL, 0}};
    const vigil_header *hs = r->headers;
    size_t hc = hs ? r->header_count : 0;
    for (size_t i = 0; i < hc; i++) {
        const vigil_header *h = &hs[i];
        if (!h->name.len)
            return report(f, where, "empty header name", "headers", 70);
        int plain;
        int id = header_id(h->name, &plain);
        int sus = suspect_x(h->value.ptr, h->value.len, 0);
        if (plain && !sus && id == H_OTHER)
            continue;
        const char *w;
        int score;
        if ((why = header_check(h, plain, sus, id, &fr, sens, &w, &score)))
            return report(f, where, why, w, score);
    }
    size_t n_te = fr.n_te, n_cl = fr.n_cl, n_ct = fr.n_ct;
    vigil_str te = fr.te, ct = fr.ct;
    if (n_te) {
        if (n_te > 1)
            return report(f, where, "repeated Transfer-Encoding (smuggling)",
                          "header.transfer-encoding", 90);
        if (n_cl)
            return report(f, where, "Content-Length with Transfer-Encoding (smuggling)",
                          "header.transfer-encoding", 90);
        vigil_str t = trim(te);
        if (!vigil__str_ieq(t, "chunked")) {
            if (contains(t, "chunked"))
                return report(f, where, "obfuscated Transfer-Encoding (smuggling)",
                              "header.transfer-encoding", 90);
            if (sens >= 2)
                return report(f, where, "unsupported Transfer-Encoding",
                              "header.transfer-encoding", 70);
        }
        if (sens >= 2 && bodiless(r->method))
            return report(f, where, "Transfer-Encoding on a request without a body",
                          "header.transfer-encoding", 60);
    }

    /* query: raw, so names and values are decoded here */
    if (suspect_form(r->query.ptr, r->query.len, sens) &&
        (why = form_check(r->query, 0, sens)))
        return report(f, where, why, "query", 85);

    /* body: urlencoded forms like the query, plain text as it is; JSON,
     * XML and multipart values are scanned one by one by the driver */
    if (r->body && r->body_len) {
        vigil_str b = vigil__str((const char *)r->body, r->body_len);
        if (n_ct && vigil__content_type_is(ct, "application/x-www-form-urlencoded")) {
            if (suspect_form(b.ptr, b.len, sens) && (why = form_check(b, 1, sens)))
                return report(f, where, why, "body", 85);
        } else if (vigil__content_type_is(ct, "text/plain")) {
            if (suspect(b.ptr, b.len) && worth(b.ptr, b.len, 0) &&
                (why = text_check(b.ptr, b.len, C_TEXT, 0, 0, sens)))
                return report(f, where, why, "body", 85);
        }
    }
    return 0;
}

