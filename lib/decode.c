/*
 * decode.c - HTML, JavaScript, UTF-8 folding and base64 decoders used to
 * undo the encodings attackers hide payloads behind (see decode.h).
 *
 * Every decoder writes no more bytes than it consumes, so it can run in
 * place: the write position never overtakes the read position, and each
 * escape is fully parsed before its replacement is written. Percent
 * decoding and the hint scan live in decode_url.c.
 */
#include "decode.h"

#define REPLACEMENT_CP 0xFFFDu

/* Encodes code point cp (<= 0x10FFFF, not a surrogate) as UTF-8 into out.
 * Returns the number of bytes written (1-4). */
static size_t put_utf8(char *out, uint32_t cp)
{
    if (cp < 0x80u) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800u) {
        out[0] = (char)(0xC0u | (cp >> 6));
        out[1] = (char)(0x80u | (cp & 0x3Fu));
        return 2;
    }
    if (cp < 0x10000u) {
        out[0] = (char)(0xE0u | (cp >> 12));
        out[1] = (char)(0x80u | ((cp >> 6) & 0x3Fu));
        out[2] = (char)(0x80u | (cp & 0x3Fu));
        return 3;
    }
    out[0] = (char)(0xF0u | (cp >> 18));
    out[1] = (char)(0x80u | ((cp >> 12) & 0x3Fu));
    out[2] = (char)(0x80u | ((cp >> 6) & 0x3Fu));
    out[3] = (char)(0x80u | (cp & 0x3Fu));
    return 4;
}

/* Copies s[from, to) to out+w (memmove: the ranges may overlap when
 * decoding in place) and returns the new write position. */
static size_t copy_run(char *out, size_t w, const char *s, size_t from, size_t to)
{
    if (to > from) {
        if (out + w != s + from)
            memmove(out + w, s + from, to - from);
        w += to - from;
    }
    return w;
}

/* ------------------------------------------------------------------ HTML */

/* Named references that matter for attacks: markup, quoting and the
 * punctuation of script and URLs. `legacy` marks the few that browsers also
 * accept without the ';'. Names are matched case-insensitively (the real
 * table is case-sensitive; being lenient only adds decodings). */
typedef struct html_entity {
    const char *name;
    size_t      len;
    uint32_t    cp;
    int         legacy;
} html_entity;

#define ENT(name, cp, legacy) {name, sizeof(name) - 1, cp, legacy}
static const html_entity HTML_ENTITIES[] = {
    ENT("lt", '<', 1),        ENT("gt", '>', 1),       ENT("amp", '&', 1),
    ENT("quot", '"', 1),      ENT("nbsp", 0xA0u, 1),   ENT("apos", '\'', 0),
    ENT("colon", ':', 0),     ENT("semi", ';', 0),     ENT("lpar", '(', 0),
    ENT("rpar", ')', 0),      ENT("lsqb", '[', 0),     ENT("lbrack", '[', 0),
    ENT("rsqb", ']', 0),      ENT("rbrack", ']', 0),   ENT("lcub", '{', 0),
    ENT("lbrace", '{', 0),    ENT("rcub", '}', 0),     ENT("rbrace", '}', 0),
    ENT("sol", '/', 0),       ENT("bsol", '\\', 0),    ENT("grave", '`', 0),
    ENT("DiacriticalGrave", '`', 0),                   ENT("equals", '=', 0),
    ENT("excl", '!', 0),      ENT("num", '#', 0),      ENT("dollar", '$', 0),
    ENT("percnt", '%', 0),    ENT("plus", '+', 0),     ENT("comma", ',', 0),
    ENT("period", '.', 0),    ENT("Tab", '\t', 0),     ENT("NewLine", '\n', 0),
    ENT("quest", '?', 0),     ENT("commat", '@', 0),   ENT("ast", '*', 0),
    ENT("midast", '*', 0),    ENT("verbar", '|', 0),   ENT("vert", '|', 0),
    ENT("lowbar", '_', 0),    ENT("Hat", '^', 0),      ENT("hyphen", 0x2010u, 0),
    ENT("tilde", 0x2DCu, 0),  ENT("NonBreakingSpace", 0xA0u, 0),
};
#undef ENT

#define HTML_NAME_MAX 16 /* longest name above */

/* Windows-1252 meanings browsers give to &#128; .. &#159; (0 = keep). */
static const uint16_t CP1252_C1[32] = {
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
    0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
};

static int is_alpha(unsigned char c)
{
    return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

static int is_alnum(unsigned char c)
{
    return is_alpha(c) || (c >= '0' && c <= '9');
}

/* Parses a numeric reference at s[i] == '&', s[i+1] == '#'. On success
 * stores the code point and returns the number of bytes consumed, else 0. */
static size_t html_numeric(const char *s, size_t n, size_t i, uint32_t *cp)
{
    size_t j = i + 2;
    int hex = 0;
    if (j < n && (s[j] == 'x' || s[j] == 'X')) {
        hex = 1;
        j++;
    }
    size_t digits_from = j;
    uint32_t v = 0;
    int big = 0;
    while (j < n) {
        int d;
        if (hex)
            d = vigil__hexval((unsigned char)s[j]);
        else
            d = (s[j] >= '0' && s[j] <= '9') ? s[j] - '0' : -1;
        if (d < 0)
            break;
        /* Keep consuming digits (browsers do) but stop growing the value. */
        if (!big) {
            v = v * (hex ? 16u : 10u) + (uint32_t)d;
            if (v > 0x10FFFFu)
                big = 1;
        }
        j++;
    }
    if (j == digits_from)
        return 0;
    if (j < n && s[j] == ';')
        j++;
    if (big || v == 0 || (v >= 0xD800u && v <= 0xDFFFu))
        v = REPLACEMENT_CP;
    else if (v >= 0x80u && v <= 0x9Fu && CP1252_C1[v - 0x80u])
        v = CP1252_C1[v - 0x80u];
    *cp = v;
    return j - i;
}

/* Parses a named reference at s[i] == '&'. Returns bytes consumed or 0. */
static size_t html_named(const char *s, size_t n, size_t i, uint32_t *cp)
{
    size_t j = i + 1;
    while (j < n && j - i - 1 <= HTML_NAME_MAX && is_alnum((unsigned char)s[j]))
        j++;
    size_t namelen = j - i - 1;
    if (namelen == 0)
        return 0;
    int semi = j < n && s[j] == ';';
    unsigned char c1 = vigil__lower((unsigned char)s[i + 1]);
    for (size_t k = 0; k < VIGIL__COUNTOF(HTML_ENTITIES); k++) {
        const html_entity *e = &HTML_ENTITIES[k];
        size_t el = e->len;
        /* length and first letter rule out nearly every name cheaply */
        if (el > namelen || vigil__lower((unsigned char)e->name[0]) != c1)
            continue;
        if (semi && el == namelen) {
            if (vigil__str_ieq(vigil__str(s + i + 1, el), e->name)) {
                *cp = e->cp;
                return el + 2;
            }
        } else if (e->legacy) {
            /* "&ltscript" decodes as "<script": the legacy names match as
             * a prefix, as in browsers' text content. */
            if (vigil__str_ieq(vigil__str(s + i + 1, el), e->name)) {
                *cp = e->cp;
                return el + 1 + (el == namelen && semi ? 1u : 0u);
            }
        }
    }
    return 0;
}

size_t vigil__html_decode(const char *s, size_t n, char *out)
{
    size_t r = 0, w = 0;
    if (!s || !out)
        return 0;
    while (r < n) {
        const char *amp = memchr(s + r, '&', n - r);
        if (!amp)
            break;
        size_t i = (size_t)(amp - s);
        w = copy_run(out, w, s, r, i);
        uint32_t cp = 0;
        size_t used;
        if (i + 1 < n && s[i + 1] == '#')
            used = html_numeric(s, n, i, &cp);
        else
            used = html_named(s, n, i, &cp);
        if (used == 0) {
            out[w++] = '&';
            r = i + 1;
            continue;
        }
        w += put_utf8(out + w, cp);
        r = i + used;
    }
    return copy_run(out, w, s, r, n);
}

/* -------------------------------------------------------------------- JS */

/* Reads exactly 4 hex digits at s[j]; -1 when absent. */
static long hex4(const char *s, size_t n, size_t j)
{
    if (j + 4 > n)
        return -1;
    long v = 0;
    for (size_t k = 0; k < 4; k++) {
        int d = vigil__hexval((unsigned char)s[j + k]);
        if (d < 0)
            return -1;
        v = v * 16 + d;
    }
    return v;
}

size_t vigil__js_decode(const char *s, size_t n, char *out)
{
    size_t r = 0, w = 0;
    if (!s || !out)
        return 0;
    while (r < n) {
        const char *bs = memchr(s + r, '\\', n - r);
        if (!bs)
            break;
        size_t i = (size_t)(bs - s);
        w = copy_run(out, w, s, r, i);
        if (i + 1 >= n) { /* lone trailing backslash stays */
            out[w++] = '\\';
            r = n;
            break;
        }
        unsigned char c = (unsigned char)s[i + 1];
        r = i + 2;
        switch (c) {
        case 'n': out[w++] = '\n'; break;
        case 'r': out[w++] = '\r'; break;
        case 't': out[w++] = '\t'; break;
        case 'b': out[w++] = '\b'; break;
        case 'f': out[w++] = '\f'; break;
        case 'v': out[w++] = '\v'; break;
        case 'x': {
            int h1 = i + 3 < n ? vigil__hexval((unsigned char)s[i + 2]) : -1;
            int h2 = i + 3 < n ? vigil__hexval((unsigned char)s[i + 3]) : -1;
            if (h1 >= 0 && h2 >= 0) {
                /* A raw byte, as in C strings, so that "\xc0\xae" can be
                 * folded afterwards by vigil__utf8_fold. */
                out[w++] = (char)(h1 * 16 + h2);
                r = i + 4;
            } else {
                out[w++] = 'x';
            }
            break;
        }
        case 'u': {
            if (i + 2 < n && s[i + 2] == '{') {
                size_t j = i + 3;
                uint32_t v = 0;
                int big = 0;
                while (j < n && vigil__hexval((unsigned char)s[j]) >= 0) {
                    if (!big) {
                        v = v * 16u + (uint32_t)vigil__hexval((unsigned char)s[j]);
                        if (v > 0x10FFFFu)
                            big = 1;
                    }
                    j++;
                }
                if (j > i + 3 && j < n && s[j] == '}' && !big) {
                    if (v >= 0xD800u && v <= 0xDFFFu)
                        v = REPLACEMENT_CP;
                    w += put_utf8(out + w, v);
                    r = j + 1;
                } else {
                    out[w++] = 'u';
                }
                break;
            }
            long v = hex4(s, n, i + 2);
            if (v < 0) {
                out[w++] = 'u';
                break;
            }
            r = i + 6;
            uint32_t cp = (uint32_t)v;
            if (cp >= 0xD800u && cp <= 0xDBFFu) {
                long lo = (r + 1 < n && s[r] == '\\' && s[r + 1] == 'u')
                              ? hex4(s, n, r + 2) : -1;
                if (lo >= 0xDC00 && lo <= 0xDFFF) {
                    cp = 0x10000u + ((cp - 0xD800u) << 10) + ((uint32_t)lo - 0xDC00u);
                    r += 6;
                } else {
                    cp = REPLACEMENT_CP;
                }
            } else if (cp >= 0xDC00u && cp <= 0xDFFFu) {
                cp = REPLACEMENT_CP;
            }
            w += put_utf8(out + w, cp);
            break;
        }
        default:
            if (c >= '0' && c <= '7') {
                /* Octal: up to three digits while the value fits a byte. */
                unsigned v = (unsigned)(c - '0');
                size_t j = i + 2;
                while (j < n && j < i + 4 && s[j] >= '0' && s[j] <= '7' &&
                       v * 8u + (unsigned)(s[j] - '0') <= 255u) {
                    v = v * 8u + (unsigned)(s[j] - '0');
                    j++;
                }
                out[w++] = (char)v;
                r = j;
            } else {
                out[w++] = (char)c; /* \\ \" \' \/ and unknown escapes */
            }
            break;
        }
    }
    return copy_run(out, w, s, r, n);
}

/* ------------------------------------------------------------------ UTF-8 */

size_t vigil__utf8_fold(const char *s, size_t n, char *out)
{
    size_t r = 0, w = 0;
    if (!s || !out)
        return 0;
    while (r < n) {
        /* Fast path: copy the run of plain ASCII (no NUL) in one go,
         * found eight bytes at a time (a word with a high bit or a zero
         * byte ends it). */
        size_t i = r;
        for (; i + 8 <= n; i += 8) {
            uint64_t x;
            memcpy(&x, s + i, 8);
            if ((x | ((x - 0x0101010101010101ull) & ~x)) & 0x8080808080808080ull)
                break;
        }
        while (i < n && (unsigned char)s[i] < 0x80u && s[i] != '\0')
            i++;
        w = copy_run(out, w, s, r, i);
        r = i;
        if (r >= n)
            break;
        const unsigned char *u = (const unsigned char *)s + r;
        size_t left = n - r;
        if (u[0] == 0) {
            r++;
            continue;
        }
        /* Overlong forms: lead byte whose payload bits are all zero, then
         * continuation bytes. Lengths 2-6 (5 and 6 are pre-2003 UTF-8,
         * still accepted by some decoders). */
        size_t len = 0;
        if (u[0] == 0xC0u || u[0] == 0xC1u)
            len = 2;
        else if (u[0] == 0xE0u && left >= 2 && u[1] < 0xA0u)
            len = 3;
        else if (u[0] == 0xF0u && left >= 2 && u[1] < 0x90u)
            len = 4;
        else if (u[0] == 0xF8u && left >= 2 && u[1] < 0x88u)
            len = 5;
        else if (u[0] == 0xFCu && left >= 2 && u[1] < 0x84u)
            len = 6;
        if (len && left >= len) {
            uint32_t cp = (uint32_t)u[0] & (0x7Fu >> len);
            size_t k;
            for (k = 1; k < len; k++) {
                if ((u[k] & 0xC0u) != 0x80u)
                    break;
                cp = (cp << 6) | (u[k] & 0x3Fu);
            }
            if (k == len && cp < 0x80u) {
                if (cp != 0)
                    out[w++] = (char)cp;
                r += len;
                continue;
            }
        }
        /* Fullwidth ASCII U+FF01..U+FF5E (EF BC 81 .. EF BD 9E) and the
         * ideographic space U+3000 (E3 80 80). */
        if (left >= 3 && u[0] == 0xEFu && (u[1] == 0xBCu || u[1] == 0xBDu) &&
            (u[2] & 0xC0u) == 0x80u) {
            uint32_t cp = ((uint32_t)(u[1] & 0x3Fu) << 6) | (u[2] & 0x3Fu);
            cp |= 0xF000u;
            if (cp >= 0xFF01u && cp <= 0xFF5Eu) {
                out[w++] = (char)(cp - 0xFEE0u);
                r += 3;
                continue;
            }
        }
        if (left >= 3 && u[0] == 0xE3u && u[1] == 0x80u && u[2] == 0x80u) {
            out[w++] = ' ';
            r += 3;
            continue;
        }
        /* Any other byte is kept, and so are the continuation bytes after
         * it: none of them starts a form folded above. So are the next
         * sequences whose lead byte cannot start one either (most
         * non-Latin text stays in this loop). w <= r: safe in place. */
        unsigned char c;
        do {
            out[w++] = s[r++];
            while (r < n && ((unsigned char)s[r] & 0xC0u) == 0x80u)
                out[w++] = s[r++];
            c = r < n ? (unsigned char)s[r] : 0;
        } while (c >= 0xC2u && c < 0xF0u && c != 0xE0u && c != 0xE3u && c != 0xEFu);
    }
    return w;
}

/* ----------------------------------------------------------------- base64 */

/* 0-63 for either alphabet ('+' and '-' are 62, '/' and '_' are 63),
 * 64 for '=', 255 otherwise. */
static const unsigned char B64[256] = {
#define X 255
    X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X,
    X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X,
    X, X, X, X, X, X, X, X, X, X, X, 62, X, 62, X, 63,
    52, 53, 54, 55, 56, 57, 58, 59, 60, 61, X, X, X, 64, X, X,
    X, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14,
    15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, X, X, X, X, 63,
    X, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40,
    41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, X, X, X, X, X,
    X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X,
    X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X,
    X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X,
    X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X,
    X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X,
    X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X,
    X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X,
    X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X,
#undef X
};

static int printable_text(unsigned char c)
{
    return (c >= 0x20u && c <= 0x7Eu) || (c >= 0x09u && c <= 0x0Du);
}

size_t vigil__base64_text(const char *s, size_t n, char *out)
{
    if (!s || !out || n < 12)
        return 0;
    /* Up to two '=' of padding, only at the end. */
    size_t m = n;
    while (m > 0 && s[m - 1] == '=' && n - m < 2)
        m--;
    if (m % 4 == 1)
        return 0;
    if (m < n && n % 4 != 0)
        return 0; /* padding present but the length is not a quantum */
    uint32_t acc = 0;
    unsigned bits = 0;
    size_t w = 0, i = 0;
    /* Whole quanta: four characters give three bytes. */
    for (; i + 4 <= m; i += 4) {
        unsigned a = B64[(unsigned char)s[i]], b = B64[(unsigned char)s[i + 1]];
        unsigned c = B64[(unsigned char)s[i + 2]], d = B64[(unsigned char)s[i + 3]];
        if ((a | b | c | d) > 63u)
            return 0;
        uint32_t v = (uint32_t)(a << 18 | b << 12 | c << 6 | d);
        unsigned char b0 = (unsigned char)(v >> 16), b1 = (unsigned char)(v >> 8),
                      b2 = (unsigned char)v;
        if (!printable_text(b0) || !printable_text(b1) || !printable_text(b2))
            return 0;
        out[w++] = (char)b0;
        out[w++] = (char)b1;
        out[w++] = (char)b2;
    }
    for (; i < m; i++) {
        unsigned char v = B64[(unsigned char)s[i]];
        if (v > 63)
            return 0;
        acc = (acc << 6) | v;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            unsigned char b = (unsigned char)((acc >> bits) & 0xFFu);
            if (!printable_text(b))
                return 0;
            out[w++] = (char)b;
        }
    }
    return w;
}
