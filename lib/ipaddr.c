/* ipaddr.c - address parsing and formatting, CIDR sets, client address
 * behind proxies (see ipaddr.h). */
#include "ipaddr.h"

#include <stdlib.h>

#include "error.h"

/* Longest text vigil__ip_parse looks at: a bracketed IPv6 with a zone and
 * a port fits many times over; anything longer is not an address. */
#define IP_TEXT_LIMIT 256

static const uint8_t v4_mapped_prefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};

static int is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

static int is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

static int is_mapped(const uint8_t b[16])
{
    return memcmp(b, v4_mapped_prefix, sizeof v4_mapped_prefix) == 0;
}

static void set_v4(vigil__ip *out, const uint8_t q[4])
{
    memcpy(out->b, v4_mapped_prefix, 12);
    memcpy(out->b + 12, q, 4);
    out->is_v4 = 1;
}

/* Strict dotted quad: exactly four parts of 1-3 digits, 0-255, no leading
 * zeros (inet_aton would read "010" as octal 8; we refuse to guess). */
static int parse_v4(const char *p, size_t n, uint8_t out[4])
{
    size_t i = 0;
    for (unsigned part = 0;; part++) {
        size_t start = i;
        unsigned val = 0;
        while (i < n && is_digit((unsigned char)p[i]) && i - start < 3) {
            val = val * 10u + (unsigned)(p[i] - '0');
            i++;
        }
        if (i == start || (i < n && is_digit((unsigned char)p[i])))
            return 0;
        if ((i - start > 1 && p[start] == '0') || val > 255)
            return 0;
        out[part] = (uint8_t)val;
        if (part == 3)
            return i == n;
        if (i >= n || p[i] != '.')
            return 0;
        i++;
    }
}

/* RFC 4291 section 2.2 text forms, without zone: 8 groups of 1-4 hex
 * digits, at most one "::" standing for one or more zero groups, and an
 * optional dotted quad as the last 32 bits. */
static int parse_v6(const char *p, size_t n, uint8_t out[16])
{
    uint16_t g[8];
    size_t ng = 0, i = 0;
    int gap = -1; /* group index where "::" stands */

    if (n >= 2 && p[0] == ':' && p[1] == ':') {
        gap = 0;
        i = 2;
        if (i == n)
            goto done;
    } else if (n == 0 || p[0] == ':') {
        return 0;
    }
    for (;;) {
        /* A piece runs to the next ':'; one holding '.' is the dotted quad,
         * which must end the text and fill two groups. */
        size_t end = i;
        int dotted = 0;
        while (end < n && p[end] != ':') {
            if (p[end] == '.')
                dotted = 1;
            end++;
        }
        if (dotted) {
            uint8_t q[4];
            if (end != n || ng > 6 || !parse_v4(p + i, n - i, q))
                return 0;
            g[ng++] = (uint16_t)((q[0] << 8) | q[1]);
            g[ng++] = (uint16_t)((q[2] << 8) | q[3]);
            break;
        }
        if (end == i || end - i > 4 || ng == 8)
            return 0;
        unsigned v = 0;
        for (; i < end; i++) {
            int h = vigil__hexval((unsigned char)p[i]);
            if (h < 0)
                return 0;
            v = (v << 4) | (unsigned)h;
        }
        g[ng++] = (uint16_t)v;
        if (i == n)
            break;
        i++; /* the ':' */
        if (i < n && p[i] == ':') {
            if (gap >= 0)
                return 0;
            gap = (int)ng;
            i++;
            if (i == n)
                break;
        } else if (i == n) {
            return 0; /* a single trailing ':' */
        }
    }
done:
    if (gap >= 0 ? ng > 7 : ng != 8)
        return 0;
    memset(out, 0, 16);
    size_t gapn = gap >= 0 ? (size_t)gap : ng;
    for (size_t k = 0; k < gapn; k++) {
        out[2 * k] = (uint8_t)(g[k] >> 8);
        out[2 * k + 1] = (uint8_t)g[k];
    }
    for (size_t k = gapn, dst = 8 - (ng - gapn); k < ng; k++, dst++) {
        out[2 * dst] = (uint8_t)(g[k] >> 8);
        out[2 * dst + 1] = (uint8_t)g[k];
    }
    return 1;
}

static void set_v6(vigil__ip *out, const uint8_t b[16])
{
    memcpy(out->b, b, 16);
    out->is_v4 = (uint8_t)is_mapped(b);
}

/* IPv6 with an optional "%zone" (non-empty, no spaces; ignored). */
static int parse_v6_zone(const char *p, size_t n, vigil__ip *out)
{
    const char *pct = memchr(p, '%', n);
    size_t an = n;
    if (pct) {
        an = (size_t)(pct - p);
        if (an + 1 == n)
            return 0;
        for (size_t i = an + 1; i < n; i++) {
            unsigned char c = (unsigned char)p[i];
            if (c <= 0x20 || c >= 0x7f)
                return 0;
        }
    }
    uint8_t b[16];
    if (!parse_v6(p, an, b))
        return 0;
    set_v6(out, b);
    return 1;
}

/* ":NNNNN" with a port 0-65535 (p points at the ':'). */
static int parse_port(const char *p, size_t n)
{
    if (n < 2 || n > 6 || p[0] != ':')
        return 0;
    unsigned v = 0;
    for (size_t i = 1; i < n; i++) {
        if (!is_digit((unsigned char)p[i]))
            return 0;
        v = v * 10u + (unsigned)(p[i] - '0');
    }
    return v <= 65535u;
}

static void trim(const char **p, size_t *n)
{
    while (*n && is_space((unsigned char)**p)) {
        (*p)++;
        (*n)--;
    }
    while (*n && is_space((unsigned char)(*p)[*n - 1]))
        (*n)--;
}

int vigil__ip_parse(vigil_str s, vigil__ip *out)
{
    if (!out)
        return 0;
    memset(out, 0, sizeof *out);
    const char *p = s.ptr;
    size_t n = p ? s.len : 0;
    trim(&p, &n);
    if (n >= 2 && p[0] == '"' && p[n - 1] == '"') {
        p++;
        n -= 2;
        trim(&p, &n);
    }
    if (n == 0 || n > IP_TEXT_LIMIT)
        return 0;

    int ok = 0;
    if (p[0] == '[') {
        const char *rb = memchr(p, ']', n);
        if (rb) {
            size_t in = (size_t)(rb - p) - 1, rest = n - in - 2;
            ok = parse_v6_zone(p + 1, in, out) && (rest == 0 || parse_port(rb + 1, rest));
        }
    } else {
        const char *c1 = memchr(p, ':', n);
        if (!c1) {
            uint8_t q[4];
            if ((ok = parse_v4(p, n, q)) != 0)
                set_v4(out, q);
        } else if (!memchr(c1 + 1, ':', n - (size_t)(c1 - p) - 1)) {
            /* one colon: "a.b.c.d:port" */
            uint8_t q[4];
            size_t hn = (size_t)(c1 - p);
            if ((ok = parse_v4(p, hn, q) && parse_port(c1, n - hn)) != 0)
                set_v4(out, q);
        } else {
            ok = parse_v6_zone(p, n, out);
        }
    }
    if (!ok)
        memset(out, 0, sizeof *out);
    return ok;
}

/* ------------------------------------------------------------ formatting */

static size_t put_dec(char *o, unsigned v)
{
    char t[3];
    size_t k = 0, n = 0;
    do {
        t[k++] = (char)('0' + v % 10u);
        v /= 10u;
    } while (v);
    while (k)
        o[n++] = t[--k];
    return n;
}

static size_t put_quad(char *o, const uint8_t q[4])
{
    size_t n = 0;
    for (int i = 0; i < 4; i++) {
        if (i)
            o[n++] = '.';
        n += put_dec(o + n, q[i]);
    }
    return n;
}

static size_t put_hex16(char *o, unsigned v)
{
    static const char hex[] = "0123456789abcdef";
    size_t n = 0;
    for (int shift = 12; shift >= 0; shift -= 4) {
        unsigned d = (v >> (unsigned)shift) & 15u;
        if (d || n || shift == 0)
            o[n++] = hex[d];
    }
    return n;
}

size_t vigil__ip_format(const vigil__ip *ip, char *buf, size_t cap)
{
    char t[64];
    size_t n = 0;
    if (!ip) {
        t[0] = '\0';
    } else if (ip->is_v4) {
        n = put_quad(t, ip->b + 12);
    } else {
        unsigned g[8];
        for (int i = 0; i < 8; i++)
            g[i] = ((unsigned)ip->b[2 * i] << 8) | ip->b[2 * i + 1];
        /* RFC 5952 4.2: compress the longest run (>= 2) of zero groups,
         * the first one on a tie. */
        int best = -1, bestlen = 1;
        for (int i = 0; i < 8;) {
            if (g[i]) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && !g[j])
                j++;
            if (j - i > bestlen) {
                best = i;
                bestlen = j - i;
            }
            i = j;
        }
        /* RFC 5952 5: an IPv4-mapped address not flagged as IPv4 keeps its
         * dotted quad. */
        int mapped = is_mapped(ip->b);
        int ngroups = mapped ? 6 : 8;
        for (int i = 0; i < ngroups; i++) {
            if (i == best) {
                t[n++] = ':';
                t[n++] = ':';
                i += bestlen - 1;
                continue;
            }
            if (i && i != best + bestlen)
                t[n++] = ':';
            n += put_hex16(t + n, g[i]);
        }
        if (mapped) {
            t[n++] = ':';
            n += put_quad(t + n, ip->b + 12);
        }
    }
    if (cap) {
        size_t w = n < cap ? n : cap - 1;
        memcpy(buf, t, w);
        buf[w] = '\0';
    }
    return n;
}

/* ---------------------------------------------------------------- masking */

/* Zeroes bits [bit, 128) of b (bit 0 is the top bit of b[0]). */
static void mask_bits(uint8_t b[16], unsigned bit)
{
    if (bit >= 128)
        return;
    unsigned byte = bit / 8u, rem = bit % 8u;
    if (rem) {
        b[byte] &= (uint8_t)(0xffu << (8u - rem));
        byte++;
    }
    if (byte < 16)
        memset(b + byte, 0, 16u - byte);
}

void vigil__ip_mask(vigil__ip *ip, unsigned v4_prefix, unsigned v6_prefix)
{
    if (!ip)
        return;
    if (ip->is_v4)
        mask_bits(ip->b, 96u + (v4_prefix > 32u ? 32u : v4_prefix));
    else
        mask_bits(ip->b, v6_prefix > 128u ? 128u : v6_prefix);
}

/* ------------------------------------------------------------------- sets */

typedef struct u128 {
    uint64_t h, l;
} u128;

typedef struct ip_range {
    u128 lo, hi;
} ip_range;

struct vigil__ipset {
    size_t    entries;  /* elements compiled from                      */
    size_t    n4, n6;   /* merged ranges per family                    */
    ip_range *r4, *r6;  /* sorted, disjoint, non-adjacent; into ranges */
    ip_range  ranges[]; /* IPv4 ranges at the front, IPv6 at the back  */
};

static u128 u128_of(const uint8_t b[16])
{
    u128 v = {0, 0};
    for (int i = 0; i < 8; i++) {
        v.h = (v.h << 8) | b[i];
        v.l = (v.l << 8) | b[8 + i];
    }
    return v;
}

static int u128_cmp(u128 a, u128 b)
{
    if (a.h != b.h)
        return a.h < b.h ? -1 : 1;
    if (a.l != b.l)
        return a.l < b.l ? -1 : 1;
    return 0;
}

static int range_cmp(const void *a, const void *b)
{
    return u128_cmp(((const ip_range *)a)->lo, ((const ip_range *)b)->lo);
}

/* The range of addresses sharing the first `bits` bits of b. */
static ip_range range_of(const uint8_t b[16], unsigned bits)
{
    uint8_t lo[16], hi[16];
    memcpy(lo, b, 16);
    mask_bits(lo, bits);
    memcpy(hi, lo, 16);
    for (unsigned i = bits; i < 128; i++)
        hi[i / 8] |= (uint8_t)(0x80u >> (i % 8));
    ip_range r;
    r.lo = u128_of(lo);
    r.hi = u128_of(hi);
    return r;
}

/* Parses "addr" or "addr/prefix" into a 128-bit range; *v4 tells the
 * family. Returns 0 when the text is not a CIDR. */
static int parse_cidr(const char *s, size_t n, ip_range *r, int *v4)
{
    const char *slash = memchr(s, '/', n);
    size_t an = slash ? (size_t)(slash - s) : n;
    uint8_t b[16];
    unsigned max, prefix;

    if (memchr(s, ':', an)) {
        if (!parse_v6(s, an, b))
            return 0;
        max = 128;
        *v4 = 0;
    } else {
        uint8_t q[4];
        if (!parse_v4(s, an, q))
            return 0;
        memcpy(b, v4_mapped_prefix, 12);
        memcpy(b + 12, q, 4);
        max = 32;
        *v4 = 1;
    }
    prefix = max;
    if (slash) {
        const char *d = slash + 1;
        size_t dn = n - an - 1;
        if (dn == 0 || dn > 3 || (dn > 1 && d[0] == '0'))
            return 0;
        prefix = 0;
        for (size_t i = 0; i < dn; i++) {
            if (!is_digit((unsigned char)d[i]))
                return 0;
            prefix = prefix * 10u + (unsigned)(d[i] - '0');
        }
        if (prefix > max)
            return 0;
    }
    if (*v4) {
        prefix += 96;
    } else if (prefix >= 96 && is_mapped(b)) {
        *v4 = 1; /* ::ffff:a.b.c.d/96+p is the IPv4 range a.b.c.d/p */
    }
    *r = range_of(b, prefix);
    return 1;
}

/* Sorts r[0..n) and merges overlapping or adjacent ranges in place;
 * returns the new count. */
static size_t merge_ranges(ip_range *r, size_t n)
{
    if (n < 2)
        return n;
    qsort(r, n, sizeof *r, range_cmp);
    size_t out = 0;
    for (size_t i = 1; i < n; i++) {
        u128 h = r[out].hi;
        int touches;
        if (h.h == UINT64_MAX && h.l == UINT64_MAX) {
            touches = 1;
        } else {
            u128 next = h;
            if (++next.l == 0)
                next.h++;
            touches = u128_cmp(r[i].lo, next) <= 0;
        }
        if (touches) {
            if (u128_cmp(r[i].hi, h) > 0)
                r[out].hi = r[i].hi;
        } else {
            r[++out] = r[i];
        }
    }
    return out + 1;
}

int vigil__ipset_compile(const cJSON *json, const char *path,
                         vigil__ipset **out, vigil_error *err)
{
    if (!out)
        return VIGIL_EINVAL;
    *out = NULL;
    if (!path)
        path = "";
    if (json && !cJSON_IsArray(json))
        return vigil__error_set(err, VIGIL_EPOLICY, path,
                                "expected an array of CIDR strings");

    size_t n = 0;
    const cJSON *el;
    if (json)
        for (el = json->child; el; el = el->next)
            n++;
    if (n > (SIZE_MAX - sizeof(vigil__ipset)) / sizeof(ip_range))
        return vigil__error_set(err, VIGIL_ENOMEM, path, "out of memory");
    vigil__ipset *set = malloc(sizeof *set + n * sizeof(ip_range));
    if (!set)
        return vigil__error_set(err, VIGIL_ENOMEM, path, "out of memory");

    size_t n4 = 0, n6 = 0, idx = 0;
    for (el = json ? json->child : NULL; el; el = el->next, idx++) {
        ip_range r;
        int v4 = 0;
        const char *s = cJSON_IsString(el) ? el->valuestring : NULL;
        if (!s || !parse_cidr(s, strlen(s), &r, &v4)) {
            char elpath[128], shown[80];
            vigil__path_index(elpath, sizeof elpath, path, idx);
            free(set);
            if (!s)
                return vigil__error_set(err, VIGIL_EPOLICY, elpath,
                                        "invalid CIDR (expected a string)");
            vigil__safe_excerpt(shown, sizeof shown, s, strlen(s));
            return vigil__error_set(err, VIGIL_EPOLICY, elpath,
                                    "invalid CIDR \"%s\"", shown);
        }
        if (v4)
            set->ranges[n4++] = r;
        else
            set->ranges[n - ++n6] = r;
    }
    set->entries = n;
    set->r4 = set->ranges;
    set->n4 = merge_ranges(set->r4, n4);
    set->r6 = set->ranges + (n - n6);
    set->n6 = merge_ranges(set->r6, n6);
    *out = set;
    return VIGIL_OK;
}

/* Binary search for the last range starting at or below key. */
static int ranges_contain(const ip_range *r, size_t n, u128 key)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (u128_cmp(r[mid].lo, key) <= 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo > 0 && u128_cmp(key, r[lo - 1].hi) <= 0;
}

int vigil__ipset_contains(const vigil__ipset *set, const vigil__ip *ip)
{
    if (!set || !ip)
        return 0;
    if (ip->is_v4) {
        /* Key from the last 32 bits, so a hand-built value whose first 96
         * bits are not ::ffff still looks up its IPv4 address. */
        uint8_t b[16];
        memcpy(b, v4_mapped_prefix, 12);
        memcpy(b + 12, ip->b + 12, 4);
        return ranges_contain(set->r4, set->n4, u128_of(b));
    }
    if (is_mapped(ip->b))
        return ranges_contain(set->r4, set->n4, u128_of(ip->b));
    return ranges_contain(set->r6, set->n6, u128_of(ip->b));
}

size_t vigil__ipset_size(const vigil__ipset *set)
{
    return set ? set->entries : 0;
}

void vigil__ipset_free(vigil__ipset *set)
{
    free(set);
}

/* -------------------------------------------------------------- client ip */

/* One forwarding entry: the address text, or ok = 0 for an entry that
 * must stop the walk (a Forwarded element without a usable "for"). */
typedef struct hop {
    const char *p;
    size_t      n;
    int         ok;
} hop;

/* The rightmost VIGIL__CLIENT_IP_MAX_HOPS entries seen, in a ring, so that
 * lists can be read left to right (quotes make right-to-left parsing of
 * Forwarded unsafe) in one pass without allocation. */
typedef struct hop_ring {
    hop    h[VIGIL__CLIENT_IP_MAX_HOPS];
    size_t count; /* entries pushed in total */
} hop_ring;

static void ring_push(hop_ring *r, const char *p, size_t n, int ok)
{
    hop *h = &r->h[r->count % VIGIL__CLIENT_IP_MAX_HOPS];
    h->p = p;
    h->n = n;
    h->ok = ok;
    r->count++;
}

static void collect_xff(hop_ring *r, const char *p, size_t n)
{
    size_t i = 0;
    while (i <= n) {
        size_t start = i;
        while (i < n && p[i] != ',')
            i++;
        const char *e = p + start;
        size_t en = i - start;
        trim(&e, &en);
        if (en)
            ring_push(r, e, en, 1);
        i++; /* past ',' (or past the end, which stops the loop) */
    }
}

/* RFC 7230 tchar, for Forwarded parameter names. */
static int is_tchar(unsigned char c)
{
    if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
        return 1;
    return c != 0 && strchr("!#$%&'*+-.^_`|~", c) != NULL;
}

static int is_ows(unsigned char c) { return c == ' ' || c == '\t'; }

/* Moves i to the next ',' outside a quoted string (or to n). */
static size_t skip_to_comma(const char *p, size_t n, size_t i)
{
    int quoted = 0;
    for (; i < n; i++) {
        if (quoted && p[i] == '\\')
            i++;
        else if (p[i] == '"')
            quoted = !quoted;
        else if (!quoted && p[i] == ',')
            break;
    }
    return i < n ? i : n;
}

/* Reads one Forwarded header value: elements separated by ',', each a list
 * of name=value pairs separated by ';'; values are tokens or quoted
 * strings. Each non-empty element becomes one hop carrying its "for". */
static void collect_forwarded(hop_ring *r, const char *p, size_t n)
{
    size_t i = 0;
    for (;;) {
        const char *fp = NULL;
        size_t fn = 0;
        int bad = 0, nfor = 0, nonempty = 0;
        for (;;) { /* pairs of one element */
            while (i < n && is_ows((unsigned char)p[i]))
                i++;
            if (i >= n || p[i] == ',')
                break;
            if (p[i] == ';') {
                i++;
                continue;
            }
            nonempty = 1;
            size_t ns = i;
            while (i < n && is_tchar((unsigned char)p[i]))
                i++;
            vigil_str name = vigil__str(p + ns, i - ns);
            if (name.len == 0 || i >= n || p[i] != '=') {
                bad = 1;
                i = skip_to_comma(p, n, i);
                break;
            }
            i++;
            const char *vp;
            size_t vn;
            if (i < n && p[i] == '"') {
                /* quoted-pairs are skipped over, not undone: a backslash
                 * never belongs to an address, so such a value fails to
                 * parse later and stops the walk */
                size_t vs = ++i;
                while (i < n && p[i] != '"') {
                    if (p[i] == '\\')
                        i++;
                    if (i < n)
                        i++;
                }
                if (i >= n) { /* unterminated: the rest is this element */
                    bad = 1;
                    i = n;
                    break;
                }
                vp = p + vs;
                vn = i - vs;
                i++; /* closing quote */
            } else {
                size_t vs = i;
                while (i < n && p[i] != ';' && p[i] != ',' && !is_ows((unsigned char)p[i]))
                    i++;
                vp = p + vs;
                vn = i - vs;
            }
            if (vigil__str_ieq(name, "for")) {
                nfor++;
                fp = vp;
                fn = vn;
            }
            while (i < n && is_ows((unsigned char)p[i]))
                i++;
            if (i < n && p[i] == ';') {
                i++;
            } else if (i < n && p[i] != ',') {
                bad = 1;
                i = skip_to_comma(p, n, i);
                break;
            }
        }
        if (nonempty)
            ring_push(r, fp, fn, !bad && nfor == 1);
        if (i >= n)
            break;
        i++; /* the ',' */
    }
}

int vigil__client_ip(const vigil__ip *peer, int peer_valid,
                     const vigil_header *headers, size_t header_count,
                     const vigil__ipset *trusted, vigil__ip *out)
{
    if (!out)
        return 0;
    if (!peer || !peer_valid) {
        memset(out, 0, sizeof *out);
        return 0;
    }
    vigil__ip cur = *peer;
    if (!headers || !vigil__ipset_contains(trusted, &cur)) {
        *out = cur;
        return 1;
    }

    hop_ring ring;
    ring.count = 0;
    for (size_t k = 0; k < header_count; k++)
        if (vigil__str_ieq(headers[k].name, "x-forwarded-for") && headers[k].value.ptr)
            collect_xff(&ring, headers[k].value.ptr, headers[k].value.len);
    if (ring.count == 0)
        for (size_t k = 0; k < header_count; k++)
            if (vigil__str_ieq(headers[k].name, "forwarded") && headers[k].value.ptr)
                collect_forwarded(&ring, headers[k].value.ptr, headers[k].value.len);

    size_t seen = ring.count < VIGIL__CLIENT_IP_MAX_HOPS ? ring.count
                                                         : VIGIL__CLIENT_IP_MAX_HOPS;
    for (size_t k = 0; k < seen; k++) {
        const hop *h = &ring.h[(ring.count - 1 - k) % VIGIL__CLIENT_IP_MAX_HOPS];
        vigil__ip ip;
        if (!h->ok || !vigil__ip_parse(vigil__str(h->p, h->n), &ip))
            break;
        cur = ip;
        if (!vigil__ipset_contains(trusted, &cur))
            break;
    }
    *out = cur;
    return 1;
}
