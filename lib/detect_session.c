/*
 * detect_session.c - session fixation.
 *
 * Two halves:
 *  - in a value: markup or script that plants a cookie in the victim's
 *    browser - a JavaScript cookie assignment (document.cookie = ...,
 *    or ".cookie" followed by "; expires=" / "; domain=" / "; path="),
 *    a Set-Cookie header line carrying name=value, or a
 *    <meta http-equiv="Set-Cookie"> tag;
 *  - in a request: a session identifier passed as a parameter name
 *    (PHPSESSID=..., jsessionid=..., laravel_session=...) when the request
 *    did not come from the site itself (no Referer, or a Referer naming
 *    another host): the link an attacker sends to fix the victim's
 *    session. That needs the request, so it is split into a name test
 *    and a Referer test for the scan driver to combine.
 * Values are searched for "ok" (of "cookie") 32 bytes at a time; names
 * are first passed through the "ss"/"si"/"cf"/"ke" filter uncopied.
 */
#include "detect.h"

#if defined(__SSE2__) && (defined(__GNUC__) || defined(__clang__))
#include <emmintrin.h>
#define VIGIL_SESSION_SSE2 1
#else
#define VIGIL_SESSION_SSE2 0
#endif


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

static int is_alpha(unsigned char c)
{
    return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

static int is_word(unsigned char c)
{
    return is_alpha(c) || (c >= '0' && c <= '9') || c == '_' || c == '-';
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

/* Skips blanks, quotes and backslashes (escaped quotes in markup). */
static size_t skip_junk(const char *s, size_t n, size_t i, size_t max)
{
    size_t lim = i + max < n ? i + max : n;
    while (i < lim && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n' || s[i] == '"' ||
                       s[i] == '\'' || s[i] == '\\' || s[i] == '`' || s[i] == ']' || s[i] == '['))
        i++;
    return i;
}

/* After ".cookie" at s[i..]: an assignment (not a comparison), or within
 * the following 128 bytes a "; expires=" / "; domain=" / "; path=" /
 * "; max-age=" attribute list. */
static int cookie_write(const char *s, size_t n, size_t i)
{
    size_t j = skip_junk(s, n, i, 8);
    if (j < n && s[j] == '=' && (j + 1 >= n || s[j + 1] != '='))
        return 1;
    if (j + 1 < n && s[j] == '+' && s[j + 1] == '=')
        return 1;
    size_t lim = i + 128 < n ? i + 128 : n;
    for (size_t k = i; k < lim; k++) {
        if (s[k] != ';')
            continue;
        size_t a = k + 1;
        while (a < lim && (s[a] == ' ' || s[a] == '\t' || s[a] == '+'))
            a++;
        static const char *const attrs[] = {"expires", "domain", "path", "max-age"};
        for (size_t t = 0; t < VIGIL__COUNTOF(attrs); t++) {
            if (!at(s, n, a, attrs[t]))
                continue;
            size_t b = a + strlen(attrs[t]);
            while (b < n && (s[b] == ' ' || s[b] == '\t'))
                b++;
            if (b < n && s[b] == '=')
                return 1;
        }
    }
    return 0;
}

/* The shapes that plant a cookie, judged at the 'k' of a "cookie" at
 * s[i - 3..i + 3) (any case). */
static int cookie_at(const char *s, size_t n, size_t i, vigil__finding *f)
{
    if (i < 3 || i + 2 >= n || !at(s, n, i - 3, "cookie"))
        return 0;
    size_t c = i - 3, e = i + 3; /* "cookie" is s[c..e) */
    if (e < n && s[e] == '2')
        e++; /* Set-Cookie2 */
    if (c >= 1 && s[c - 1] == '.' && cookie_write(s, n, e))
        return fire(f, "script writes a cookie", 85, c - 1, e - c + 1);
    /* document["cookie"] = ... */
    if (c >= 2 && (s[c - 1] == '"' || s[c - 1] == '\'') && s[c - 2] == '[' &&
        cookie_write(s, n, e))
        return fire(f, "script writes a cookie", 85, c - 2, e - c + 2);
    if (c >= 4 && at(s, n, c - 4, "set-") && (c == 4 || !is_word((unsigned char)s[c - 5]))) {
        /* Set-Cookie: name=value */
        size_t j = e;
        while (j < n && (s[j] == ' ' || s[j] == '\t'))
            j++;
        if (j < n && s[j] == ':') {
            j++;
            while (j < n && (s[j] == ' ' || s[j] == '\t'))
                j++;
            size_t nm = j;
            while (j < n && is_word((unsigned char)s[j]))
                j++;
            if (j > nm && j < n && s[j] == '=')
                return fire(f, "Set-Cookie header in a value", 85, c - 4, j - c + 4);
        }
        /* <meta http-equiv="set-cookie" ...> */
        size_t k = c - 4, back = 0;
        while (k > 0 && back < 6 && (s[k - 1] == '"' || s[k - 1] == '\'' || s[k - 1] == ' ' ||
                                     s[k - 1] == '=' || s[k - 1] == '\\')) {
            k--;
            back++;
        }
        if (k >= 10 && at(s, n, k - 10, "http-equiv"))
            return fire(f, "meta http-equiv Set-Cookie", 85, k - 10, e - k + 10);
    }
    return 0;
}

#if VIGIL_SESSION_SSE2
/* Lanes j of the block at p where p[j..j+2) is "ok" in any case. */
static inline unsigned ok16(const char *p)
{
    const __m128i low = _mm_set1_epi8(0x20);
#define LD(q) _mm_or_si128(_mm_loadu_si128((const __m128i *)(const void *)(q)), low)
    __m128i m = _mm_and_si128(_mm_cmpeq_epi8(LD(p), _mm_set1_epi8('o')),
                              _mm_cmpeq_epi8(LD(p + 1), _mm_set1_epi8('k')));
#undef LD
    return (unsigned)_mm_movemask_epi8(m);
}
#endif

/* The first i >= from with "ok" at s[i..i+2) in any case (OR 0x20
 * lower-cases a letter and turns no other byte into one), else n. */
static size_t find_ok(const char *s, size_t n, size_t i)
{
#if VIGIL_SESSION_SSE2
    for (; i + 33 <= n; i += 32) {
        uint32_t m = ok16(s + i) | (uint32_t)ok16(s + i + 16) << 16;
        if (m)
            return i + (unsigned)__builtin_ctz(m);
    }
    for (; i + 17 <= n; i += 16) {
        unsigned m = ok16(s + i);
        if (m)
            return i + (unsigned)__builtin_ctz(m);
    }
    if (i + 1 < n && n >= 17) { /* the last positions, from an overlapping block */
        unsigned m = ok16(s + n - 17) >> (i - (n - 17));
        return m ? i + (unsigned)__builtin_ctz(m) : n;
    }
#endif
    for (; i + 1 < n; i++)
        if ((s[i] | 0x20) == 'o' && (s[i + 1] | 0x20) == 'k')
            return i;
    return n;
}

int vigil__detect_session(const char *s, size_t n, int sensitivity, vigil__finding *f)
{
    VIGIL__UNUSED(sensitivity); /* every shape here plants a cookie: all levels */
    if (!s || n < 7)
        return 0;
    /* every shape contains "cookie": each "ok" is looked at, in order */
    for (size_t i = find_ok(s, n, 0); i < n; i = find_ok(s, n, i + 1))
        if (cookie_at(s, n, i + 1, f))
            return 1;
    return 0;
}

/* ------------------------------------------------------ session names */

/* The pairs "ss", "si", "cf", "ke" for that filter: bits 0-3 of a letter
 * say which pairs it may start, bits 4-7 which it may end. */
static const unsigned char pair_bits[256] = {
    ['s'] = 0x01 | 0x10, ['i'] = 0x10, ['c'] = 0x02, ['f'] = 0x20, ['k'] = 0x04, ['e'] = 0x40,
};

/* Suffixes that make a parameter name a session identifier, compared with
 * the lower-cased name ending; the preceding part may be anything
 * ("jsessionid", "asp.net_sessionid", "zend_session_id"). */
static const char *const session_suffix[] = {
    "sessid", "sessionid", "session_id", "session-id", "session.id", "sessiontoken",
    "session_token", "session-token",
};

/* Whole names (after an optional "__secure-" / "__host-" prefix). */
static const char *const session_exact[] = {"cfid", "cftoken", "cfsid"};

int vigil__detect_session_name(const char *s, size_t n, int sensitivity, vigil__finding *f)
{
    if (!s || n < 4 || n > 64)
        return 0;
    /* the filter below on the raw bytes first: OR 0x20 turns exactly the
     * letters into lower case ones, so most names leave without a copy */
    {
        unsigned p = 0, any = 0;
        for (size_t i = 0; i < n; i++) {
            unsigned c = pair_bits[(unsigned char)(s[i] | 0x20)];
            any |= (c >> 4) & p;
            p = c;
        }
        if (!any)
            return 0;
    }
    char w[64];
    size_t m = 0;
    int sess = 0; /* "ss" or "sid" or "cf" or "token" somewhere: a cheap filter */
    for (size_t i = 0; i < n; i++) {
        w[m] = (char)vigil__lower((unsigned char)s[i]);
        if (m && ((w[m - 1] == 's' && (w[m] == 's' || w[m] == 'i')) ||
                  (w[m - 1] == 'c' && w[m] == 'f') || (w[m - 1] == 'k' && w[m] == 'e')))
            sess = 1;
        m++;
    }
    if (!sess)
        return 0;
    size_t b = 0;
    if (m > 9 && !memcmp(w, "__secure-", 9))
        b = 9;
    else if (m > 7 && !memcmp(w, "__host-", 7))
        b = 7;
    const char *v = w + b;
    size_t l = m - b;
    for (size_t k = 0; k < VIGIL__COUNTOF(session_exact); k++)
        if (l == strlen(session_exact[k]) && !memcmp(v, session_exact[k], l))
            return fire(f, "session id passed as a parameter", 80, 0, n);
    for (size_t k = 0; k < VIGIL__COUNTOF(session_suffix); k++) {
        size_t sl = strlen(session_suffix[k]);
        if (l >= sl && !memcmp(v + l - sl, session_suffix[k], sl))
            return fire(f, "session id passed as a parameter", 80, 0, n);
    }
    /* "<framework>session" / "<framework>_session" ("laravel_session",
     * "weblogicsession", "PLAY_SESSION"), and "<name>.sid" ("connect.sid"),
     * at sensitivity 2: a bare "session" or "sid" is no session id, and
     * camelCase ("userSession") or English ("possession", "obsession")
     * names are ordinary fields */
    if (sensitivity >= 2 && l > 7 && !memcmp(v + l - 7, "session", 7)) {
        size_t p = l - 7; /* prefix length, separator included */
        int sep = v[p - 1] == '_' || v[p - 1] == '.' || v[p - 1] == '-';
        size_t word = sep ? p - 1 : p;
        int plain = 1;
        for (size_t k = 0; k < word; k++)
            if (!is_alpha((unsigned char)v[k]))
                plain = 0;
        int camel = !sep && s[b + p] == 'S' && s[b + p - 1] >= 'a' && s[b + p - 1] <= 'z';
        int english = !sep && ((word >= 3 && !memcmp(v + word - 3, "pos", 3)) ||
                               (word >= 2 && !memcmp(v + word - 2, "ob", 2)));
        if (plain && !camel && !english && word >= 2 && word <= 12)
            return fire(f, "session id passed as a parameter", 75, 0, n);
    }
    if (sensitivity >= 2 && l >= 11 && !memcmp(v + l - 11, "login_token", 11))
        return fire(f, "login token passed as a parameter", 70, 0, n);
    if (sensitivity >= 2 && l > 4 && !memcmp(v + l - 4, ".sid", 4))
        return fire(f, "session id passed as a parameter", 75, 0, n);
    return 0;
}

/* Does a equal lit (len lower-case letters) in any case? For letters
 * OR 0x20 is exact: only 'X' and 'x' become 'x'. */
static int letters_ieq(vigil_str a, const char *lit, size_t len)
{
    if (a.len != len)
        return 0;
    for (size_t i = 0; i < len; i++)
        if ((a.ptr[i] | 0x20) != lit[i])
            return 0;
    return 1;
}

/* Host of a URL "scheme://[userinfo@]host[:port]/...": s[*a..*b). */
static int url_host(vigil_str u, size_t *a, size_t *b)
{
    const char *p = u.ptr;
    size_t n = u.len, i = 0;
    while (i < n && i < 16 && p[i] != ':')
        i++;
    if (i + 2 >= n || p[i] != ':' || p[i + 1] != '/' || p[i + 2] != '/')
        return 0;
    size_t h = i + 3, e = h;
    while (e < n && p[e] != '/' && p[e] != '?' && p[e] != '#' && p[e] != '\\')
        e++;
    for (size_t k = h; k < e; k++)
        if (p[k] == '@')
            h = k + 1;
    size_t c = e;
    if (h < e && p[h] == '[') {
        while (c > h && p[c - 1] != ']')
            c--;
    } else {
        for (size_t k = h; k < e; k++)
            if (p[k] == ':') {
                c = k;
                break;
            }
    }
    while (c > h && p[c - 1] == '.')
        c--;
    *a = h;
    *b = c;
    return c > h;
}

/* Is x[0..xl) equal to y[0..yl), or does it end with "." + y? */
static int dot_suffix(const char *x, size_t xl, const char *y, size_t yl)
{
    if (xl < yl)
        return 0;
    for (size_t k = 0; k < yl; k++)
        if (vigil__lower((unsigned char)x[xl - yl + k]) != vigil__lower((unsigned char)y[k]))
            return 0;
    return xl == yl || x[xl - yl - 1] == '.';
}

int vigil__session_referer_untrusted(const vigil_request *r)
{
    if (!r)
        return 0;
    vigil_str ref = {NULL, 0}, host = {NULL, 0};
    int have_ref = 0;
    for (size_t i = 0; i < r->header_count && r->headers; i++) {
        const vigil_header *h = &r->headers[i];
        /* lengths first: most names are neither */
        if (letters_ieq(h->name, "referer", 7)) {
            ref = h->value;
            have_ref = 1;
        } else if (letters_ieq(h->name, "host", 4) && !host.len) {
            host = h->value;
        }
    }
    while (ref.len && (ref.ptr[0] == ' ' || ref.ptr[0] == '\t')) {
        ref.ptr++;
        ref.len--;
    }
    if (!have_ref || !ref.len)
        return 1; /* a link followed from mail or chat, or a forged request */
    /* Host without port (or brackets' content kept as is) */
    size_t ha = 0, hb = host.len;
    while (ha < hb && (host.ptr[ha] == ' ' || host.ptr[ha] == '\t'))
        ha++;
    while (hb > ha && (host.ptr[hb - 1] == ' ' || host.ptr[hb - 1] == '\t'))
        hb--;
    if (hb > ha && host.ptr[ha] != '[') {
        for (size_t k = ha; k < hb; k++)
            if (host.ptr[k] == ':') {
                hb = k;
                break;
            }
    } else if (hb > ha) {
        size_t k = hb;
        while (k > ha && host.ptr[k - 1] != ']')
            k--;
        if (k > ha)
            hb = k;
    }
    while (hb > ha && host.ptr[hb - 1] == '.')
        hb--;
    if (hb == ha)
        return 0; /* nothing to compare with: trust it, as CRS does */
    size_t ra, rb;
    if (!url_host(ref, &ra, &rb))
        return 1; /* a Referer that is no URL */
    const char *rh = ref.ptr + ra, *hh = host.ptr + ha;
    size_t rl = rb - ra, hl = hb - ha;
    /* same site: one host is the other or a subdomain of it */
    return !(dot_suffix(rh, rl, hh, hl) || dot_suffix(hh, hl, rh, rl));
}
