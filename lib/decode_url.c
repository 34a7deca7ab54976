/* decode_url.c - percent-decoding and the decoder hint scan (see decode.h). */
#include "decode.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* SWAR: eight bytes at a time in a uint64_t (memcpy loads are unaligned-safe
 * and compile to one instruction). zero_bytes() has its high bit set in
 * some byte iff v has a zero byte. */
#define ONES  0x0101010101010101ull
#define HIGHS 0x8080808080808080ull

static inline uint64_t load8(const unsigned char *p)
{
    uint64_t x;
    memcpy(&x, p, 8);
    return x;
}

static inline uint64_t zero_bytes(uint64_t v)
{
    return (v - ONES) & ~v & HIGHS;
}

/* First index >= i of byte a or b in s[0..n), or n. */
static size_t find2(const char *s, size_t i, size_t n, unsigned char a, unsigned char b)
{
    const unsigned char *p = (const unsigned char *)s;
    for (; i + 8 <= n; i += 8) {
        uint64_t x = load8(p + i);
        if (zero_bytes(x ^ (ONES * a)) | zero_bytes(x ^ (ONES * b)))
            break;
    }
    while (i < n && p[i] != a && p[i] != b)
        i++;
    return i;
}

/* Writes code point cp (< 0x110000, not a surrogate) as UTF-8. */
static size_t put_utf8(char *out, uint32_t cp)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* Value of "%uXXXX" at s[i] (i + 6 <= n), or -1 when it is not one. */
static long pct_u(const char *s, size_t n, size_t i)
{
    if (i + 6 > n || s[i] != '%' || (s[i + 1] != 'u' && s[i + 1] != 'U'))
        return -1;
    long v = 0;
    for (size_t k = 2; k < 6; k++) {
        int h = vigil__hexval((unsigned char)s[i + k]);
        if (h < 0)
            return -1;
        v = v * 16 + h;
    }
    return v;
}

size_t vigil__url_decode(const char *s, size_t n, char *out, int plus_as_space)
{
    size_t i = 0, o = 0;

    /* Every escape shrinks, so the output never runs ahead of the input and
     * out == s is safe: each write lands at or before the bytes being read,
     * and an escape is fully read before its result is written. */
    while (i < n) {
        size_t run;
        if (plus_as_space) {
            run = find2(s, i, n, '%', '+');
        } else {
            const char *pct = memchr(s + i, '%', n - i);
            run = pct ? (size_t)(pct - s) : n;
        }
        if (run > i) {
            if (out + o != s + i)
                memmove(out + o, s + i, run - i);
            o += run - i;
            i = run;
            if (i == n)
                break;
        }
        if (s[i] == '+') {
            out[o++] = ' ';
            i++;
            continue;
        }
        /* s[i] == '%' */
        if (i + 2 < n) {
            int hi = vigil__hexval((unsigned char)s[i + 1]);
            int lo = vigil__hexval((unsigned char)s[i + 2]);
            if (hi >= 0 && lo >= 0) {
                out[o++] = (char)(hi * 16 + lo);
                i += 3;
                continue;
            }
        }
        long cp = pct_u(s, n, i);
        if (cp < 0) {
            out[o++] = '%'; /* invalid or truncated: kept literally */
            i++;
            continue;
        }
        i += 6;
        if (cp >= 0xD800 && cp <= 0xDBFF) {
            /* IIS joins an escaped surrogate pair; lone halves are invalid. */
            long low = pct_u(s, n, i);
            if (low >= 0xDC00 && low <= 0xDFFF) {
                i += 6;
                cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            } else {
                cp = 0xFFFD;
            }
        } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
            cp = 0xFFFD;
        }
        o += put_utf8(out + o, (uint32_t)cp);
    }
    return o;
}


/* Byte classes for vigil__decode_hints. Low bits are VIGIL__DEC_* flags a
 * byte sets on its own; the rest need the next byte: a '%' (H_PCT) is only
 * an escape before a hex digit or 'u'/'U' (H_PCT_NEXT), an '&' (H_AMP) only
 * a reference before '#' or a letter (H_AMP_NEXT). The _NEXT bits are the
 * start bits shifted left by 2, so one shift pairs them. H_B64 marks the
 * standard and URL base64 alphabets. Generated from those rules. */
#define H_B64      0x0100u
#define H_PCT      0x0200u
#define H_AMP      0x0400u
#define H_PCT_NEXT 0x0800u
#define H_AMP_NEXT 0x1000u
static const uint16_t hint_class[256] = {
    0x0010, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000,
    0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000,
    0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000,
    0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000,
    0x0000, 0x0000, 0x0000, 0x1000, 0x0000, 0x0200, 0x0400, 0x0000,
    0x0000, 0x0000, 0x0000, 0x0102, 0x0000, 0x0100, 0x0000, 0x0100,
    0x0900, 0x0900, 0x0900, 0x0900, 0x0900, 0x0900, 0x0900, 0x0900,
    0x0900, 0x0900, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000,
    0x0000, 0x1900, 0x1900, 0x1900, 0x1900, 0x1900, 0x1900, 0x1100,
    0x1100, 0x1100, 0x1100, 0x1100, 0x1100, 0x1100, 0x1100, 0x1100,
    0x1100, 0x1100, 0x1100, 0x1100, 0x1100, 0x1900, 0x1100, 0x1100,
    0x1100, 0x1100, 0x1100, 0x0000, 0x0008, 0x0000, 0x0000, 0x0100,
    0x0000, 0x1900, 0x1900, 0x1900, 0x1900, 0x1900, 0x1900, 0x1100,
    0x1100, 0x1100, 0x1100, 0x1100, 0x1100, 0x1100, 0x1100, 0x1100,
    0x1100, 0x1100, 0x1100, 0x1100, 0x1100, 0x1900, 0x1100, 0x1100,
    0x1100, 0x1100, 0x1100, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000,
    0x0010, 0x0010, 0x0010, 0x0010, 0x0010, 0x0010, 0x0010, 0x0010,
    0x0010, 0x0010, 0x0010, 0x0010, 0x0010, 0x0010, 0x0010, 0x0010,
    0x0010, 0x0010, 0x0010, 0x0010, 0x0010, 0x0010, 0x0010, 0x0010,
    0x0010, 0x0010, 0x0010, 0x0010, 0x0010, 0x0010, 0x0010, 0x0010,
    0x0010, 0x0010, 0x0010, 0x0010, 0x0010, 0x0010, 0x0010, 0x0010,
    0x0010, 0x0010, 0x0010, 0x0010, 0x0010, 0x0010, 0x0010, 0x0010,
    0x0010, 0x0010, 0x0010, 0x0010, 0x0010, 0x0010, 0x0010, 0x0010,
    0x0010, 0x0010, 0x0010, 0x0010, 0x0010, 0x0010, 0x0010, 0x0010,
    0x0010, 0x0010, 0x0010, 0x0010, 0x0010, 0x0010, 0x0010, 0x0010,
    0x0010, 0x0010, 0x0010, 0x0010, 0x0010, 0x0010, 0x0010, 0x0010,
    0x0010, 0x0010, 0x0010, 0x0010, 0x0010, 0x0010, 0x0010, 0x0010,
    0x0010, 0x0010, 0x0010, 0x0010, 0x0010, 0x0010, 0x0010, 0x0010,
    0x0010, 0x0010, 0x0010, 0x0010, 0x0010, 0x0010, 0x0010, 0x0010,
    0x0010, 0x0010, 0x0010, 0x0010, 0x0010, 0x0010, 0x0010, 0x0010,
    0x0010, 0x0010, 0x0010, 0x0010, 0x0010, 0x0010, 0x0010, 0x0010,
    0x0010, 0x0010, 0x0010, 0x0010, 0x0010, 0x0010, 0x0010, 0x0010,
};

unsigned vigil__decode_hints(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    unsigned any = 0, all = H_B64, pair = 0, prev = 0;
    size_t m = n;

    /* Up to two '=' of base64 padding may end the value; they set no flag
     * and start nothing, so the scan can stop before them. */
    if (m > 0 && p[m - 1] == '=')
        m--;
    if (m > 0 && p[m - 1] == '=')
        m--;
#define HINT_STEP(j)                     \
    do {                                 \
        unsigned e_ = hint_class[p[j]];  \
        any |= e_;                       \
        all &= e_;                       \
        pair |= prev & (e_ >> 2);        \
        prev = e_;                       \
    } while (0)

    size_t i = 0;
    /* While the value may still be base64 every byte needs its class. */
    for (; i < m && (all & H_B64); i++)
        HINT_STEP(i);
    /* Then only the rare bytes matter: skip blocks without any of
     * '%' '&' '\\' '+', NUL or bytes >= 0x80 unless the byte before was '%'
     * or '&' (its pair may start the block). A skipped block ends in
     * neither, so nothing carries out of it (prev = 0). */
#if defined(__SSE2__)
    {
        const __m128i pct = _mm_set1_epi8('%'), amp = _mm_set1_epi8('&');
        const __m128i bsl = _mm_set1_epi8('\\'), plus = _mm_set1_epi8('+');
        const __m128i nul = _mm_setzero_si128();
        for (; i + 16 <= m; i += 16) {
            __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
            __m128i t = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, pct), _mm_cmpeq_epi8(x, amp)),
                                     _mm_or_si128(_mm_cmpeq_epi8(x, bsl), _mm_cmpeq_epi8(x, plus)));
            /* or-ing x itself brings in the high bit of bytes >= 0x80 */
            t = _mm_or_si128(_mm_or_si128(t, _mm_cmpeq_epi8(x, nul)), x);
            if (!_mm_movemask_epi8(t) && !(prev & (H_PCT | H_AMP))) {
                prev = 0;
                continue;
            }
            for (size_t k = i; k < i + 16; k++)
                HINT_STEP(k);
        }
    }
#endif
    /* Portable fallback and the tail: the same skip, 8 bytes at a time. */
    for (; i + 8 <= m; i += 8) {
        uint64_t x = load8(p + i);
        uint64_t hit = (x & HIGHS) | zero_bytes(x) | zero_bytes(x ^ (ONES * '%')) |
                       zero_bytes(x ^ (ONES * '&')) | zero_bytes(x ^ (ONES * '\\')) |
                       zero_bytes(x ^ (ONES * '+'));
        if (!hit && !(prev & (H_PCT | H_AMP))) {
            prev = 0;
            continue;
        }
        for (size_t k = i; k < i + 8; k++)
            HINT_STEP(k);
    }
    for (; i < m; i++)
        HINT_STEP(i);
#undef HINT_STEP
    unsigned r = any & (VIGIL__DEC_PLUS | VIGIL__DEC_JS | VIGIL__DEC_UTF8);
    if (pair & H_PCT)
        r |= VIGIL__DEC_URL;
    if (pair & H_AMP)
        r |= VIGIL__DEC_HTML;
    if (n >= 16 && m > 0 && (all & H_B64))
        r |= VIGIL__DEC_BASE64;
    return r;
}
