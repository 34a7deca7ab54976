/* json_tape.c - bounded single-pass JSON tokenizer (see json_tape.h). */
#include "json_tape.h"

#include <stdlib.h>

/* Largest input whose offsets and lengths fit the tape's uint32 fields. */
#define MAX_INPUT ((size_t)UINT32_MAX - 1u)
#define MAX_DEPTH_CLAMP 65534u

/* Byte classes for the string scanner: 1 = stop here (quote, backslash,
 * control character or start of a multi-byte sequence). */
static const uint8_t str_stop[256] = {
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* '"' */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, /* '\\' */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
};

static inline int is_ws(unsigned char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

static inline int is_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

static inline size_t skip_ws(const unsigned char *s, size_t i, size_t n)
{
    while (i < n && is_ws(s[i]))
        i++;
    return i;
}

/* Length of the well-formed UTF-8 sequence at p (lead byte >= 0x80), or 0
 * when it is not well-formed (overlong, surrogate, > U+10FFFF, truncated).
 * Continuation bytes are 0x80-0xBF, so a failed check never hides a quote
 * or backslash. */
static inline size_t utf8_seq(const unsigned char *p, const unsigned char *end)
{
    unsigned c = p[0];
    size_t avail = (size_t)(end - p);
    if (c < 0xC2)
        return 0;
    if (c < 0xE0)
        return (avail >= 2 && (p[1] & 0xC0) == 0x80) ? 2 : 0;
    if (c < 0xF0) {
        if (avail < 3)
            return 0;
        unsigned lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
        if (p[1] < lo || p[1] > hi || (p[2] & 0xC0) != 0x80)
            return 0;
        return 3;
    }
    if (c < 0xF5) {
        if (avail < 4)
            return 0;
        unsigned lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
        if (p[1] < lo || p[1] > hi || (p[2] & 0xC0) != 0x80 || (p[3] & 0xC0) != 0x80)
            return 0;
        return 4;
    }
    return 0;
}

/* Scans a string body starting just after its opening quote at i. Returns
 * the index of the closing quote, or SIZE_MAX with *err_at set. */
static size_t scan_string(const unsigned char *s, size_t i, size_t n,
                          uint8_t *flags, size_t *err_at)
{
    const unsigned char *p = s + i, *end = s + n;
    for (;;) {
        /* The common case: runs of plain ASCII. */
        while (end - p >= 4) {
            if (str_stop[p[0]])
                goto stop;
            if (str_stop[p[1]]) {
                p += 1;
                goto stop;
            }
            if (str_stop[p[2]]) {
                p += 2;
                goto stop;
            }
            if (str_stop[p[3]]) {
                p += 3;
                goto stop;
            }
            p += 4;
        }
        while (p < end && !str_stop[*p])
            p++;
        if (p == end) {
            *err_at = n;
            return SIZE_MAX;
        }
stop:;
        unsigned c = *p;
        if (c == '"')
            return (size_t)(p - s);
        if (c == '\\') {
            *flags |= VIGIL__JF_ESCAPED;
            if (end - p < 2) {
                *err_at = n;
                return SIZE_MAX;
            }
            switch (p[1]) {
            case '"': case '\\': case '/': case 'b':
            case 'f': case 'n': case 'r': case 't':
                p += 2;
                break;
            case 'u':
                for (int k = 2; k < 6; k++) {
                    if (p + k >= end || vigil__hexval(p[k]) < 0) {
                        *err_at = (size_t)(p + k - s);
                        if (*err_at > n)
                            *err_at = n;
                        return SIZE_MAX;
                    }
                }
                p += 6;
                break;
            default:
                *err_at = (size_t)(p + 1 - s);
                return SIZE_MAX;
            }
            continue;
        }
        if (c < 0x20) {
            *err_at = (size_t)(p - s);
            return SIZE_MAX;
        }
        size_t k = utf8_seq(p, end);
        if (k == 0) {
            *flags |= VIGIL__JF_BADUTF8;
            p++;
        } else {
            p += k;
        }
    }
}

/* An exact upper bound on the tokens parsing s can create: the root, plus
 * one per ',' ':' '[' '{' anywhere (inside strings too). Every token after
 * the root is created right after consuming one of those bytes, and each
 * byte is consumed once, so the bound holds even for invalid input. The
 * loop is branch-free and vectorises. */
static inline uint64_t swar_eq(uint64_t w, uint64_t pat)
{
    /* high bit of each byte of w equal to the byte in pat, exactly (no
     * borrow between bytes) */
    const uint64_t lo7 = 0x7F7F7F7F7F7F7F7Full;
    uint64_t v = w ^ pat;
    return ~(((v & lo7) + lo7) | v | lo7);
}

static size_t token_bound(const unsigned char *s, size_t n)
{
    const uint64_t ones = 0x0101010101010101ull;
    size_t c = 0, i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        /* '[' and '{' differ only in bit 0x20 */
        uint64_t m = swar_eq(w, ones * ',') | swar_eq(w, ones * ':') |
                     swar_eq(w | (ones * 0x20), ones * '{');
        /* count set high bits: move them to the low bit, sum bytes */
        c += (size_t)((((m >> 7) & ones) * ones) >> 56);
    }
    for (; i < n; i++) {
        unsigned char b = s[i];
        c += (size_t)((b == ',') | (b == ':') | (b == '[') | (b == '{'));
    }
    return c + 1;
}

int vigil__json_parse(const char *src, size_t n, const vigil__jlimits *lim,
                      vigil__arena *a, vigil__jtape *out)
{
    const unsigned char *s = (const unsigned char *)src;
    out->tok = NULL;
    out->n = 0;
    out->err_off = 0;
    if (n > MAX_INPUT)
        return VIGIL__JERR_TOKENS;
    if (!s)
        return VIGIL__JERR_SYNTAX;

    uint32_t max_depth = lim && lim->max_depth ? lim->max_depth : VIGIL__JSON_DEFAULT_DEPTH;
    if (max_depth > MAX_DEPTH_CLAMP)
        max_depth = MAX_DEPTH_CLAMP;
    uint32_t max_tokens = lim && lim->max_tokens ? lim->max_tokens : UINT32_MAX;
    /* Allocate exactly what this input can need (never max_tokens
     * blindly), so the tape is one allocation and never copied. */
    size_t need = token_bound(s, n);
    uint32_t cap = need > max_tokens ? max_tokens : (uint32_t)need;
    size_t bytes = (size_t)cap * sizeof(vigil__jtok);
    if (bytes / sizeof(vigil__jtok) != cap) /* 32-bit size_t */
        return VIGIL__JERR_NOMEM;
    vigil__jtok *tok = vigil__arena_alloc(a, bytes);
    if (!tok)
        return VIGIL__JERR_NOMEM;

    uint32_t nt = 0;             /* tokens used                      */
    uint32_t cur = VIGIL__JNONE; /* innermost open container         */
    uint32_t depth = 0;          /* number of open containers        */
    size_t i = skip_ws(s, 0, n);
    size_t err_at = 0;
    int rc = VIGIL__JERR_SYNTAX;
    unsigned char c;

value:
    /* Expecting a value at i (whitespace already skipped). */
    if (i >= n) {
        err_at = n;
        goto fail;
    }
    if (nt == cap) {
        rc = VIGIL__JERR_TOKENS; /* only max_tokens can make cap too small */
        err_at = i;
        goto fail;
    }
    {
        uint32_t k = nt++;
        vigil__jtok *t = &tok[k];
        t->depth = (uint16_t)depth;
        t->parent = cur;
        t->flags = 0;
        t->count = 0;
        t->next = k + 1;
        t->start = (uint32_t)i;
        if (cur == VIGIL__JNONE) {
            t->index = 0;
        } else if (tok[cur].type == VIGIL__J_ARRAY) {
            t->index = tok[cur].count++;
        } else {
            t->index = tok[cur].count - 1; /* the KEY counted the member */
        }
        c = s[i];
        switch (c) {
        case '{':
        case '[':
            if (depth >= max_depth) {
                nt--;
                rc = VIGIL__JERR_DEPTH;
                err_at = i;
                goto fail;
            }
            t->type = c == '{' ? VIGIL__J_OBJECT : VIGIL__J_ARRAY;
            cur = k;
            depth++;
            i = skip_ws(s, i + 1, n);
            if (i >= n) {
                err_at = n;
                goto fail;
            }
            if (c == '{') {
                if (s[i] == '}')
                    goto close;
                if (s[i] != '"') {
                    err_at = i;
                    goto fail;
                }
                goto key;
            }
            if (s[i] == ']')
                goto close;
            goto value;
        case '"': {
            uint8_t fl = 0;
            size_t e = scan_string(s, i + 1, n, &fl, &err_at);
            if (e == SIZE_MAX)
                goto fail;
            t->type = VIGIL__J_STRING;
            t->flags = fl;
            t->start = (uint32_t)(i + 1);
            t->len = (uint32_t)(e - i - 1);
            i = e + 1;
            break;
        }
        case 't':
        case 'f':
        case 'n': {
            const char *lit = c == 't' ? "true" : c == 'f' ? "false" : "null";
            size_t ll = c == 'f' ? 5 : 4;
            for (size_t j = 1; j < ll; j++) {
                if (i + j >= n || s[i + j] != (unsigned char)lit[j]) {
                    err_at = i + j < n ? i + j : n;
                    goto fail;
                }
            }
            t->type = c == 't' ? VIGIL__J_TRUE : c == 'f' ? VIGIL__J_FALSE : VIGIL__J_NULL;
            t->len = (uint32_t)ll;
            i += ll;
            break;
        }
        default: {
            /* number: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
            size_t st = i;
            uint8_t fl = VIGIL__JF_INT;
            if (c == '-')
                i++;
            if (i >= n || !is_digit(s[i])) {
                err_at = i < n ? i : n;
                goto fail;
            }
            if (s[i] == '0') {
                i++;
            } else {
                while (i < n && is_digit(s[i]))
                    i++;
            }
            if (i < n && s[i] == '.') {
                fl = 0;
                i++;
                if (i >= n || !is_digit(s[i])) {
                    err_at = i < n ? i : n;
                    goto fail;
                }
                while (i < n && is_digit(s[i]))
                    i++;
            }
            if (i < n && (s[i] == 'e' || s[i] == 'E')) {
                fl = 0;
                i++;
                if (i < n && (s[i] == '+' || s[i] == '-'))
                    i++;
                if (i >= n || !is_digit(s[i])) {
                    err_at = i < n ? i : n;
                    goto fail;
                }
                while (i < n && is_digit(s[i]))
                    i++;
            }
            t->type = VIGIL__J_NUMBER;
            t->flags = fl;
            t->len = (uint32_t)(i - st);
            break;
        }
        }
        /* A scalar completes its KEY's subtree too. */
        if (cur != VIGIL__JNONE && tok[cur].type == VIGIL__J_OBJECT)
            tok[k - 1].next = k + 1;
    }

after:
    /* A value just ended; expecting ',' or the close of cur. */
    i = skip_ws(s, i, n);
    if (cur == VIGIL__JNONE) {
        if (i != n) {
            err_at = i;
            goto fail;
        }
        out->tok = tok;
        out->n = nt;
        return 0;
    }
    if (i >= n) {
        err_at = n;
        goto fail;
    }
    c = s[i];
    if (c == ',') {
        i = skip_ws(s, i + 1, n);
        if (tok[cur].type == VIGIL__J_ARRAY)
            goto value;
        if (i >= n || s[i] != '"') {
            err_at = i < n ? i : n;
            goto fail;
        }
        goto key;
    }
    if (c != (tok[cur].type == VIGIL__J_OBJECT ? '}' : ']')) {
        err_at = i;
        goto fail;
    }

close:
    /* s[i] closes container cur. */
    {
        uint32_t k = cur;
        tok[k].len = (uint32_t)(i + 1 - tok[k].start);
        tok[k].next = nt;
        cur = tok[k].parent;
        depth--;
        if (cur != VIGIL__JNONE && tok[cur].type == VIGIL__J_OBJECT)
            tok[k - 1].next = nt;
        i++;
    }
    goto after;

key:
    /* s[i] == '"' starts a member of object cur. */
    if (nt == cap) {
        rc = VIGIL__JERR_TOKENS; /* only max_tokens can make cap too small */
        err_at = i;
        goto fail;
    }
    {
        uint32_t k = nt++;
        vigil__jtok *t = &tok[k];
        uint8_t fl = 0;
        size_t e = scan_string(s, i + 1, n, &fl, &err_at);
        if (e == SIZE_MAX)
            goto fail;
        t->type = VIGIL__J_KEY;
        t->flags = fl;
        t->depth = (uint16_t)depth;
        t->start = (uint32_t)(i + 1);
        t->len = (uint32_t)(e - i - 1);
        t->parent = cur;
        t->next = k + 1; /* fixed up when the value ends */
        t->count = 0;
        t->index = tok[cur].count++;
        i = skip_ws(s, e + 1, n);
        if (i >= n || s[i] != ':') {
            err_at = i < n ? i : n;
            goto fail;
        }
        i = skip_ws(s, i + 1, n);
    }
    goto value;

fail:
    out->err_off = err_at;
    out->n = 0;
    return rc;
}

/* ------------------------------------------------------------ unescaping */

/* Appends code point cp as UTF-8; returns bytes written. */
static size_t put_utf8(unsigned char *o, uint32_t cp)
{
    if (cp < 0x80) {
        o[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | (cp >> 6));
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | (cp >> 12));
        o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (unsigned char)(0xF0 | (cp >> 18));
    o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

/* Value of 4 hex digits at r[i..i+4), or -1. */
static long hex4(const unsigned char *r, size_t i, size_t n)
{
    if (n < 4 || i > n - 4)
        return -1;
    long v = 0;
    for (size_t k = 0; k < 4; k++) {
        int h = vigil__hexval(r[i + k]);
        if (h < 0)
            return -1;
        v = v * 16 + h;
    }
    return v;
}

/* Decodes the unit (one byte or one escape) of the raw string r[0..n) at
 * *pi into o (4 bytes room), advancing *pi. Escapes the tokenizer would
 * reject are copied literally, so this is safe on any bytes. Returns the
 * number of bytes written (>= 1). */
static size_t decode_unit(const unsigned char *r, size_t n, size_t *pi, unsigned char *o)
{
    size_t i = *pi;
    if (r[i] != '\\' || i + 1 >= n) {
        o[0] = r[i];
        *pi = i + 1;
        return 1;
    }
    unsigned char v;
    switch (r[i + 1]) {
    case '"': v = '"'; break;
    case '\\': v = '\\'; break;
    case '/': v = '/'; break;
    case 'b': v = '\b'; break;
    case 'f': v = '\f'; break;
    case 'n': v = '\n'; break;
    case 'r': v = '\r'; break;
    case 't': v = '\t'; break;
    case 'u': {
        long hi = hex4(r, i + 2, n);
        if (hi < 0)
            goto literal;
        uint32_t cp = (uint32_t)hi;
        size_t used = 6;
        if (cp >= 0xD800 && cp <= 0xDBFF) {
            long lo = (i + 7 < n && r[i + 6] == '\\' && r[i + 7] == 'u') ? hex4(r, i + 8, n) : -1;
            if (lo >= 0xDC00 && lo <= 0xDFFF) {
                cp = 0x10000 + ((cp - 0xD800) << 10) + ((uint32_t)lo - 0xDC00);
                used = 12;
            } else {
                cp = 0xFFFD; /* lone high surrogate */
            }
        } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
            cp = 0xFFFD; /* lone low surrogate */
        }
        *pi = i + used;
        return put_utf8(o, cp);
    }
    default:
        goto literal;
    }
    o[0] = v;
    *pi = i + 2;
    return 1;
literal:
    /* not a valid escape: keep the backslash literally */
    o[0] = '\\';
    *pi = i + 1;
    return 1;
}

int vigil__json_string(const vigil__jtape *t, const char *src, uint32_t idx,
                       vigil__arena *a, vigil_str *out)
{
    if (!t || idx >= t->n)
        return VIGIL__JERR_SYNTAX;
    const vigil__jtok *k = &t->tok[idx];
    if (k->type != VIGIL__J_STRING && k->type != VIGIL__J_KEY)
        return VIGIL__JERR_SYNTAX;
    const unsigned char *r = (const unsigned char *)src + k->start;
    size_t n = k->len;
    if (!(k->flags & VIGIL__JF_ESCAPED)) {
        out->ptr = (const char *)r;
        out->len = n;
        return 0;
    }
    /* Decoding never grows the text: each escape yields fewer bytes. */
    unsigned char *o = vigil__arena_alloc(a, n + 1);
    if (!o)
        return VIGIL__JERR_NOMEM;
    size_t w = 0, i = 0;
    while (i < n) {
        /* copy unescaped runs in bulk */
        const unsigned char *bs = memchr(r + i, '\\', n - i);
        size_t run = bs ? (size_t)(bs - (r + i)) : n - i;
        memcpy(o + w, r + i, run);
        w += run;
        i += run;
        if (i < n)
            w += decode_unit(r, n, &i, o + w);
    }
    o[w] = '\0';
    out->ptr = (const char *)o;
    out->len = w;
    return 0;
}

/* ----------------------------------------------------------------- paths */

/* A bounded writer: keeps the prefix that fits, always NUL-terminated. */
typedef struct pwriter {
    char  *buf;
    size_t cap; /* > 0 */
    size_t len;
    int    full;
} pwriter;

static void pw_put(pwriter *w, const char *p, size_t n)
{
    if (w->full)
        return;
    size_t room = w->cap - 1 - w->len;
    if (n > room) {
        n = room;
        w->full = 1;
    }
    memcpy(w->buf + w->len, p, n);
    w->len += n;
    w->buf[w->len] = '\0';
}

static int ident_byte(unsigned char c, int first)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$')
        return 1;
    return !first && is_digit(c);
}

/* A source of key bytes: raw JSON (decoded on the fly) or plain bytes. */
typedef struct keysrc {
    const unsigned char *r;
    size_t n, i;
    int escaped;
    unsigned char u[4];
    size_t ulen, upos;
} keysrc;

static void ks_init(keysrc *k, const char *r, size_t n, int escaped)
{
    k->r = (const unsigned char *)r;
    k->n = n;
    k->i = 0;
    k->escaped = escaped;
    k->ulen = k->upos = 0;
}

/* Next decoded byte, or -1 at the end. */
static int ks_next(keysrc *k)
{
    if (k->upos < k->ulen)
        return k->u[k->upos++];
    if (k->i >= k->n)
        return -1;
    if (!k->escaped)
        return k->r[k->i++];
    k->ulen = decode_unit(k->r, k->n, &k->i, k->u);
    k->upos = 1;
    return k->u[0];
}

static void write_key(pwriter *w, const char *raw, size_t n, int escaped)
{
    static const char hex[] = "0123456789abcdef";
    keysrc k;
    /* Decide the form from the bytes that can still show; a longer key is
     * truncated anyway. */
    size_t look = w->cap - w->len + 8;
    int ident = 1, b;
    size_t seen = 0;
    ks_init(&k, raw, n, escaped);
    while (seen < look && (b = ks_next(&k)) >= 0) {
        if (!ident_byte((unsigned char)b, seen == 0)) {
            ident = 0;
            break;
        }
        seen++;
    }
    if (seen == 0 && ident)
        ident = 0; /* empty key */
    ks_init(&k, raw, n, escaped);
    if (ident) {
        if (w->len > 0)
            pw_put(w, ".", 1);
        while (!w->full && (b = ks_next(&k)) >= 0) {
            char ch = (char)b;
            pw_put(w, &ch, 1);
        }
        return;
    }
    pw_put(w, "[\"", 2);
    while (!w->full && (b = ks_next(&k)) >= 0) {
        unsigned char ch = (unsigned char)b;
        char e[4];
        if (ch == '"' || ch == '\\') {
            e[0] = '\\';
            e[1] = (char)ch;
            pw_put(w, e, 2);
        } else if (ch >= 0x20 && ch <= 0x7e) {
            e[0] = (char)ch;
            pw_put(w, e, 1);
        } else {
            e[0] = '\\';
            e[1] = 'x';
            e[2] = hex[ch >> 4];
            e[3] = hex[ch & 15];
            pw_put(w, e, 4);
        }
    }
    pw_put(w, "\"]", 2);
}

static void write_index(pwriter *w, size_t i)
{
    char tmp[32];
    size_t p = sizeof tmp;
    tmp[--p] = ']';
    do {
        tmp[--p] = (char)('0' + i % 10);
        i /= 10;
    } while (i);
    tmp[--p] = '[';
    pw_put(w, tmp + p, sizeof tmp - p);
}

size_t vigil__path_append_key(char *buf, size_t cap, size_t len,
                              const char *key, size_t klen)
{
    if (!cap || len >= cap)
        return cap ? cap - 1 : 0;
    pwriter w = { buf, cap, len, 0 };
    buf[len] = '\0';
    write_key(&w, key ? key : "", key ? klen : 0, 0);
    return w.len;
}

size_t vigil__path_append_index(char *buf, size_t cap, size_t len, size_t i)
{
    if (!cap || len >= cap)
        return cap ? cap - 1 : 0;
    pwriter w = { buf, cap, len, 0 };
    buf[len] = '\0';
    write_index(&w, i);
    return w.len;
}

#define PATH_WINDOW 64

size_t vigil__json_path(const vigil__jtape *t, const char *src, uint32_t idx,
                        const char *prefix, char *buf, size_t cap)
{
    if (!cap)
        return 0;
    pwriter w = { buf, cap, 0, 0 };
    buf[0] = '\0';
    if (prefix)
        pw_put(&w, prefix, strlen(prefix));
    if (!t || idx >= t->n)
        return w.len;
    const vigil__jtok *tok = t->tok;
    uint32_t d_max = tok[idx].depth;
    /* Ancestors are reachable only upwards; collect them a window at a
     * time, root side first, and stop once the buffer is full. Each
     * segment takes >= 3 bytes, so few windows are ever needed. */
    uint32_t win[PATH_WINDOW];
    for (uint32_t lo = 1; lo <= d_max && !w.full; lo += PATH_WINDOW) {
        uint32_t hi = d_max - lo + 1 > PATH_WINDOW ? lo + PATH_WINDOW - 1 : d_max;
        uint32_t x = idx;
        while (tok[x].depth > hi)
            x = tok[x].parent;
        for (uint32_t d = hi + 1; d-- > lo;) {
            win[d - lo] = x;
            x = tok[x].parent;
        }
        for (uint32_t d = lo; d <= hi && !w.full; d++) {
            uint32_t y = win[d - lo];
            uint32_t p = tok[y].parent;
            if (tok[p].type == VIGIL__J_ARRAY) {
                write_index(&w, tok[y].index);
            } else {
                const vigil__jtok *k = tok[y].type == VIGIL__J_KEY ? &tok[y] : &tok[y - 1];
                write_key(&w, src + k->start, k->len, k->flags & VIGIL__JF_ESCAPED);
            }
        }
    }
    return w.len;
}

/* ---------------------------------------------------------------- locate */

/* Decodes one path segment starting at path[*pi]. Kinds: 1 = member name
 * (bytes in out/outlen), 2 = array index (*index). Returns 0 at the end of
 * the path, -1 on a malformed path. out has room for strlen(path) bytes. */
static int next_segment(const char *path, size_t *pi, char *out, size_t *outlen, size_t *index)
{
    size_t i = *pi;
    if (!path[i])
        return 0;
    if (path[i] == '[' && path[i + 1] == '"') {
        size_t o = 0;
        i += 2;
        for (;;) {
            char c = path[i];
            if (!c)
                return -1;
            if (c == '"')
                break;
            if (c == '\\') {
                char e = path[i + 1];
                if (e == '"' || e == '\\') {
                    out[o++] = e;
                    i += 2;
                } else if (e == 'x') {
                    int h = path[i + 2] ? vigil__hexval((unsigned char)path[i + 2]) : -1;
                    int l = h >= 0 && path[i + 3] ? vigil__hexval((unsigned char)path[i + 3]) : -1;
                    if (h < 0 || l < 0)
                        return -1;
                    out[o++] = (char)(h * 16 + l);
                    i += 4;
                } else {
                    return -1;
                }
            } else {
                out[o++] = c;
                i++;
            }
        }
        if (path[i + 1] != ']')
            return -1;
        *pi = i + 2;
        *outlen = o;
        return 1;
    }
    if (path[i] == '[') {
        size_t v = 0;
        i++;
        if (!is_digit((unsigned char)path[i]))
            return -1;
        while (is_digit((unsigned char)path[i])) {
            size_t dgt = (size_t)(path[i] - '0');
            if (v > (SIZE_MAX - dgt) / 10)
                return -1;
            v = v * 10 + dgt;
            i++;
        }
        if (path[i] != ']')
            return -1;
        *pi = i + 1;
        *index = v;
        return 2;
    }
    if (path[i] == '.')
        i++;
    size_t st = i;
    while (path[i] && path[i] != '.' && path[i] != '[')
        i++;
    if (i == st)
        return -1;
    memcpy(out, path + st, i - st);
    *outlen = i - st;
    *pi = i;
    return 1;
}

/* Byte offset of the value token (a string's opening quote). */
static size_t value_offset(const vigil__jtok *k)
{
    return k->type == VIGIL__J_STRING ? (size_t)k->start - 1 : k->start;
}

int vigil__json_locate(const char *s, size_t n, const char *path, size_t *offset)
{
    size_t dummy;
    if (!offset)
        offset = &dummy;
    *offset = 0;
    if (!s || !path)
        return 0;
    vigil__arena a;
    vigil__arena_init(&a, SIZE_MAX);
    vigil__jtape t;
    vigil__jlimits lim = { 1024, 0 };
    int found = 0;
    char *seg = malloc(strlen(path) + 1);
    if (!seg || vigil__json_parse(s, n, &lim, &a, &t) != 0 || t.n == 0)
        goto done;

    uint32_t cur = 0;
    size_t pi = 0, slen = 0, index = 0;
    *offset = value_offset(&t.tok[0]);
    for (;;) {
        int kind = next_segment(path, &pi, seg, &slen, &index);
        if (kind == 0) {
            found = 1;
            break;
        }
        if (kind < 0)
            break;
        const vigil__jtok *c = &t.tok[cur];
        uint32_t hit = VIGIL__JNONE;
        if (kind == 2 && c->type == VIGIL__J_ARRAY) {
            if (index < c->count) {
                uint32_t e = cur + 1;
                for (size_t k = 0; k < index; k++)
                    e = t.tok[e].next;
                hit = e;
            }
        } else if (kind == 1 && c->type == VIGIL__J_OBJECT) {
            for (uint32_t k = cur + 1; k < c->next; k = t.tok[k].next) {
                vigil_str name;
                if (vigil__json_string(&t, s, k, &a, &name) != 0)
                    goto done;
                if (name.len == slen && (slen == 0 || memcmp(name.ptr, seg, slen) == 0)) {
                    hit = k + 1;
                    break;
                }
            }
        }
        if (hit == VIGIL__JNONE)
            break;
        cur = hit;
        *offset = value_offset(&t.tok[cur]);
    }
done:
    free(seg);
    vigil__arena_free(&a);
    return found;
}

void vigil__json_line_col(const char *s, size_t n, size_t off, int *line, int *col)
{
    int l = 1, c = 1;
    if (off > n)
        off = n;
    for (size_t i = 0; s && i < off; i++) {
        unsigned char b = (unsigned char)s[i];
        if (b == '\n') {
            if (l < INT32_MAX)
                l++;
            c = 1;
        } else if ((b & 0xC0) != 0x80 && c < INT32_MAX) {
            c++;
        }
    }
    if (line)
        *line = l;
    if (col)
        *col = c;
}
