/*
 * detect_inject.c - the smaller injection families: NoSQL (MongoDB
 * operators and $where JavaScript), server-side template injection,
 * Log4Shell lookups, LDAP and XPath filter injection, XXE, CRLF/header
 * injection, prototype-pollution keys and open redirects (see detect.h).
 *
 * Each detector visits only the positions of the bytes its attack language
 * cannot do without, found 16 bytes at a time (find_any below: ordinary
 * text costs a few vector compares per block and nothing else), and
 * matches a few language-aware shapes there. Every shape has a score; a
 * detector fires when its best score reaches the threshold of the
 * requested sensitivity, so "sensitivity 2 only" shapes are simply scored
 * between 60 and 79.
 * All scans are bounded: each byte is looked at a small constant number of
 * times, and nested structures are cut at fixed depths and lengths.
 */
#include "detect.h"
#include "decode.h"

#define NPOS ((size_t)-1)

/* ---------------------------------------------------------------- helpers */

static int is_digit(unsigned char c) { return c >= '0' && c <= '9'; }
static int is_alpha(unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
static int is_alnum(unsigned char c) { return is_alpha(c) || is_digit(c); }
static int is_ident(unsigned char c) { return is_alnum(c) || c == '_'; }
static int is_ws(unsigned char c)
{
    return c == ' ' || (c >= '\t' && c <= '\r'); /* \t \n \v \f \r */
}

static unsigned char at(const char *s, size_t n, size_t i)
{
    return i < n ? (unsigned char)s[i] : 0;
}

static inline size_t skip_ws(const char *s, size_t n, size_t i)
{
    while (i < n && is_ws((unsigned char)s[i]))
        i++;
    return i;
}

/* Index of the last non-space byte before i, or NPOS. */
static size_t prev_nonws(const char *s, size_t i)
{
    while (i > 0) {
        i--;
        if (!is_ws((unsigned char)s[i]))
            return i;
    }
    return NPOS;
}

/* Length of lit when s[i..] starts with it, ASCII case-insensitively,
 * else 0. */
static size_t ci_len(const char *s, size_t n, size_t i, const char *lit)
{
    size_t k = 0;
    for (; lit[k]; k++) {
        if (i + k >= n || vigil__lower((unsigned char)s[i + k]) !=
                              vigil__lower((unsigned char)lit[k]))
            return 0;
    }
    return k;
}

static int ci_at(const char *s, size_t n, size_t i, const char *lit)
{
    return ci_len(s, n, i, lit) != 0;
}

/* ci_at for a whole word: lit not followed by an identifier byte. */
static int ci_word(const char *s, size_t n, size_t i, const char *lit)
{
    size_t k = ci_len(s, n, i, lit);
    return k != 0 && !is_ident(at(s, n, i + k));
}

/* Trigger scanning. Benign values are crossed 16 bytes at a time: a few
 * vector compares per block find the bytes a detector needs, and only
 * their positions cost real work. find_any() is always inlined with a
 * literal trigger description, so the compares use constants. SSE2 is
 * part of x86-64; without it a scalar loop gives the same answers (or a
 * superset: the detectors recheck every position they are given). */
#if defined(__SSE2__) && (defined(__GNUC__) || defined(__clang__))
#include <emmintrin.h>
#define VEC 1
#else
#define VEC 0
#endif
/* HOT: inlined with literal arguments. COLD: a detector's body, kept out
 * of line so that the common early exit in front of it needs no big stack
 * frame or saved registers. */
#if defined(__GNUC__) || defined(__clang__)
#define HOT  static inline __attribute__((always_inline))
#define COLD static __attribute__((noinline))
#else
#define HOT  static inline
#define COLD static
#endif

/* What a detector looks for: up to 8 bytes set[j], where byte c counts
 * when (c | ors[j]) == set[j] (ors NULL: all 0), so one compare can take
 * two bytes that differ in one bit, such as ':' ';' (OR 1); the bytes of
 * a signed range [lo, hi] (none when lo > hi); and `pair`, a byte that
 * only counts after pa or pb (compared OR 0x20: letters in any case). */
typedef struct trig {
    const char *set;
    const char *ors;
    int         k;
    int         lo, hi;
    int         pair, pa, pb;
} trig;
#define TRIG(set) ((trig){(set), NULL, (int)sizeof(set) - 1, 1, 0, 0, 0, 0})

/* Index of the lowest set bit of m (m != 0). */
HOT size_t low_bit(unsigned m)
{
#if defined(__GNUC__) || defined(__clang__)
    return (size_t)__builtin_ctz(m);
#else
    size_t j = 0;
    while (!(m & 1u)) {
        m >>= 1;
        j++;
    }
    return j;
#endif
}

/* Byte c is a trigger (pairs counted regardless of their neighbour). */
HOT int in_trig(unsigned char c, trig t)
{
    /* written out so that a literal set folds into constants */
#define SET_EQ(j) ((c | (t.ors ? (unsigned char)t.ors[j] : 0u)) == (unsigned char)t.set[j])
    int r = t.k > 0 && SET_EQ(0);
    r |= t.k > 1 && SET_EQ(1);
    r |= t.k > 2 && SET_EQ(2);
    r |= t.k > 3 && SET_EQ(3);
    r |= t.k > 4 && SET_EQ(4);
    r |= t.k > 5 && SET_EQ(5);
    r |= t.k > 6 && SET_EQ(6);
    r |= t.k > 7 && SET_EQ(7);
#undef SET_EQ
    r |= t.pair && c == t.pair;
    return r || ((signed char)c >= t.lo && (signed char)c <= t.hi);
}

#if VEC
HOT __m128i load16(const unsigned char *p)
{
    return _mm_loadu_si128((const __m128i *)(const void *)p);
}

/* A value of 4 to 15 bytes as two overlapping halves: lanes 0-7 hold the
 * first eight bytes and lanes 8-15 the last eight (four and four below 8
 * bytes). short_pos() maps a lane mask back to byte positions. */
HOT __m128i load_short(const unsigned char *u, size_t n)
{
    if (n >= 8) {
        uint64_t lo, hi;
        memcpy(&lo, u, 8);
        memcpy(&hi, u + n - 8, 8);
        return _mm_set_epi64x((long long)hi, (long long)lo);
    }
    uint32_t lo, hi;
    memcpy(&lo, u, 4);
    memcpy(&hi, u + n - 4, 4);
    return _mm_set_epi32(0, 0, (int)hi, (int)lo);
}

HOT unsigned short_pos(unsigned m, size_t n)
{
    if (n >= 8)
        return (m & 0xFFu) | ((m >> 8) << (n - 8));
    return (m & 0xFu) | (((m >> 4) & 0xFu) << (n - 4));
}

/* Bit j set when byte j of x is a trigger; prev holds the bytes one
 * position earlier (for pairs). */
HOT unsigned trig_mask(__m128i x, __m128i prev, trig t)
{
#define SET_EQ(j)                                                                  \
    _mm_cmpeq_epi8(t.ors && t.ors[j] ? _mm_or_si128(x, _mm_set1_epi8(t.ors[j])) : x, \
                   _mm_set1_epi8(t.set[j]))
    __m128i m = t.k > 0 ? SET_EQ(0) : _mm_setzero_si128();
    if (t.k > 1)
        m = _mm_or_si128(m, SET_EQ(1));
    if (t.k > 2)
        m = _mm_or_si128(m, SET_EQ(2));
    if (t.k > 3)
        m = _mm_or_si128(m, SET_EQ(3));
    if (t.k > 4)
        m = _mm_or_si128(m, SET_EQ(4));
    if (t.k > 5)
        m = _mm_or_si128(m, SET_EQ(5));
    if (t.k > 6)
        m = _mm_or_si128(m, SET_EQ(6));
    if (t.k > 7)
        m = _mm_or_si128(m, SET_EQ(7));
#undef SET_EQ
    if (t.lo <= t.hi)
        m = _mm_or_si128(m, _mm_and_si128(_mm_cmpgt_epi8(x, _mm_set1_epi8((char)(t.lo - 1))),
                                          _mm_cmplt_epi8(x, _mm_set1_epi8((char)(t.hi + 1)))));
    if (t.pair) {
        __m128i p = _mm_or_si128(prev, _mm_set1_epi8(0x20));
        __m128i ok = _mm_or_si128(_mm_cmpeq_epi8(p, _mm_set1_epi8((char)t.pa)),
                                  _mm_cmpeq_epi8(p, _mm_set1_epi8((char)t.pb)));
        m = _mm_or_si128(m, _mm_and_si128(ok, _mm_cmpeq_epi8(x, _mm_set1_epi8((char)t.pair))));
    }
    return (unsigned)_mm_movemask_epi8(m);
}

/* trig_mask of the 16 bytes at u + at. */
HOT unsigned block_mask(const unsigned char *u, size_t at, trig t)
{
    __m128i x = load16(u + at), prev = x;
    if (t.pair) /* the byte before lane 0; none before the value */
        prev = at ? load16(u + at - 1) : _mm_slli_si128(x, 1);
    return trig_mask(x, prev, t);
}
#endif

/* Iteration over a value's trigger positions. The block of the last hit
 * is kept with its mask, so the next hit in it costs a shift and a ctz;
 * `from` may jump ahead (resume after a parsed construct). Each call
 * scans forward from `from`, so a whole iteration reads every byte about
 * once: linear. */
typedef struct iter {
    size_t   base, end; /* the kept block covers [base, end) */
    unsigned m;         /* its trigger positions, bit j for base + j */
} iter;
#define ITER_INIT {0, 0, 0}

/* Smallest index >= from holding a trigger, or NPOS. */
HOT size_t find_any(iter *it, const char *s, size_t n, size_t from, trig t)
{
    if (from < it->end) {
        unsigned m = from > it->base ? it->m & (~0u << (from - it->base)) : it->m;
        if (m)
            return it->base + low_bit(m);
        from = it->end;
    }
    const unsigned char *u = (const unsigned char *)s;
#if VEC
    if (n >= 16) {
        for (; from + 16 <= n; from += 16) {
            unsigned m = block_mask(u, from, t);
            if (m) {
                it->base = from;
                it->end = from + 16;
                it->m = m;
                return from + low_bit(m);
            }
        }
        if (from >= n)
            return NPOS;
        /* the last 16 bytes, overlapping what was already seen */
        it->base = n - 16;
        it->end = n;
        it->m = block_mask(u, n - 16, t) & (~0u << (from - (n - 16)));
        return it->m ? it->base + low_bit(it->m) : NPOS;
    }
    if (n >= 4) {
        if (from >= n)
            return NPOS;
        __m128i x = load_short(u, n);
        /* lanes are not consecutive here: a pair byte counts alone */
        int pair = t.pair;
        t.pair = 0;
        unsigned m = trig_mask(x, x, t);
        if (pair)
            m |= (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, _mm_set1_epi8((char)pair)));
        it->base = 0;
        it->end = n;
        it->m = short_pos(m, n) & (~0u << from);
        return it->m ? low_bit(it->m) : NPOS;
    }
#endif
    for (; from < n; from++)
        if (in_trig(u[from], t))
            return from;
    return NPOS;
}

/* find_any over a literal set of bytes. */
#define FIND(it, s, n, from, set) find_any((it), (s), (n), (from), TRIG(set))

/* The first byte c at or after from, or NPOS: inline on short stretches,
 * libc's memchr (wider vectors) on long ones. `one` is c as a literal
 * string. */
HOT size_t find_byte(const char *s, size_t n, size_t from, const char *one)
{
    if (from >= n)
        return NPOS;
    if (n - from >= 64) {
        const char *p = memchr(s + from, one[0], n - from);
        return p ? (size_t)(p - s) : NPOS;
    }
    iter it = ITER_INIT;
    return find_any(&it, s, n, from, (trig){one, NULL, 1, 1, 0, 0, 0, 0});
}

/* First case-insensitive occurrence of lit at or after from, or NPOS.
 * Candidates must match the literal's first and last byte (two vector
 * compares per block), which few positions of ordinary text do. */
HOT size_t ci_find_in(const char *s, size_t n, size_t from, const char *lit)
{
    size_t ll = strlen(lit);
    if (ll == 0 || n < ll || from > n - ll)
        return NPOS;
    size_t end = n - ll + 1; /* candidate starts are [from, end) */
    unsigned char a = vigil__lower((unsigned char)lit[0]);
    unsigned char z = vigil__lower((unsigned char)lit[ll - 1]);
#if VEC
    if (end >= 16) {
        /* OR 0x20 folds case for letters; other bytes compare exactly */
        const __m128i va = _mm_set1_epi8((char)a), vz = _mm_set1_epi8((char)z);
        const __m128i fa = _mm_set1_epi8(is_alpha(a) ? 0x20 : 0);
        const __m128i fz = _mm_set1_epi8(is_alpha(z) ? 0x20 : 0);
        const unsigned char *u = (const unsigned char *)s;
        for (size_t i = from; i < end;) {
            size_t base = i + 16 <= end ? i : end - 16;
            __m128i x0 = _mm_or_si128(load16(u + base), fa);
            __m128i x1 = _mm_or_si128(load16(u + base + ll - 1), fz);
            unsigned m = (unsigned)_mm_movemask_epi8(
                _mm_and_si128(_mm_cmpeq_epi8(x0, va), _mm_cmpeq_epi8(x1, vz)));
            for (m >>= i - base; m; m &= m - 1) {
                size_t j = i + low_bit(m);
                if (ci_at(s, n, j, lit))
                    return j;
            }
            i = base + 16;
        }
        return NPOS;
    }
#endif
    for (size_t i = from; i < end; i++)
        if (vigil__lower((unsigned char)s[i]) == a &&
            vigil__lower((unsigned char)s[i + ll - 1]) == z && ci_at(s, n, i, lit))
            return i;
    return NPOS;
}

/* ci_find_in for the many cold call sites; hot ones inline it so that the
 * literal's length and bytes are constants. */
static size_t ci_find(const char *s, size_t n, size_t from, const char *lit)
{
    return ci_find_in(s, n, from, lit);
}

/* 1 when [p, p+len) equals one of the listed words, case-insensitively. */
static int word_in(const char *p, size_t len, const char *const *list, size_t cnt)
{
    if (len == 0)
        return 0;
    unsigned char c0 = vigil__lower((unsigned char)p[0]);
    for (size_t k = 0; k < cnt; k++)
        if (vigil__lower((unsigned char)list[k][0]) == c0 &&
            vigil__str_ieq(vigil__str(p, len), list[k]))
            return 1;
    return 0;
}

/* As word_in, case-sensitively (JavaScript keywords). */
static int word_in_cs(const char *p, size_t len, const char *const *list, size_t cnt)
{
    for (size_t k = 0; k < cnt; k++)
        if (vigil__str_eq(vigil__str(p, len), list[k]))
            return 1;
    return 0;
}

static size_t ident_end(const char *s, size_t n, size_t i)
{
    while (i < n && is_ident((unsigned char)s[i]))
        i++;
    return i;
}

/* The strongest shape seen so far. */
typedef struct best {
    int         score;
    const char *detail;
    size_t      off, len;
    /* When one pass feeds several loops' shapes: `cur` is the loop being
     * noted, `fam` that of the kept shape, and on equal scores an earlier
     * loop wins, as if the loops had run one after the other. */
    int         fam, cur;
} best;

static void note(best *b, int score, const char *detail, size_t off, size_t len)
{
    if (score > b->score || (score == b->score && b->cur < b->fam)) {
        b->score = score;
        b->detail = detail;
        b->off = off;
        b->len = len;
        b->fam = b->cur;
    }
}

/* Adds the shapes of a later loop, collected apart, to b: the same as
 * noting them into b in order, since note keeps the first of the highest
 * scores. */
static void fold(best *b, const best *part)
{
    if (part->score > b->score) {
        b->score = part->score;
        b->detail = part->detail;
        b->off = part->off;
        b->len = part->len;
    }
}

/* Score a shape must reach at each sensitivity. */
static int threshold(int sensitivity)
{
    if (sensitivity <= 1)
        return 80;
    if (sensitivity == 2)
        return 60;
    return 30;
}

static int finish(const best *b, size_t n, int sensitivity, vigil__finding *f)
{
    if (b->score < threshold(sensitivity))
        return 0;
    if (f) {
        f->detail = b->detail;
        f->score = b->score;
        f->off = b->off < n ? b->off : 0;
        f->len = b->off + b->len <= n ? b->len : n - f->off;
    }
    return 1;
}

/* A quoted literal or bare token (number, identifier) starting at i:
 * [*p, *p + *len) is its content, *end the index after it, *open 1 when a
 * quote was never closed (the application's own quote will close it). */
static int read_token(const char *s, size_t n, size_t i, size_t *p, size_t *len,
                      size_t *end, int *open)
{
    unsigned char c = at(s, n, i);
    *open = 0;
    if (c == '\'' || c == '"') {
        const char *q = i + 1 < n ? memchr(s + i + 1, c, n - i - 1) : NULL;
        *p = i + 1;
        if (!q) {
            *len = n - i - 1;
            *end = n;
            *open = 1;
        } else {
            *len = (size_t)(q - s) - i - 1;
            *end = (size_t)(q - s) + 1;
        }
        return 1;
    }
    if (is_ident(c)) {
        size_t j = i;
        while (j < n && (is_ident((unsigned char)s[j]) || s[j] == '.'))
            j++;
        *p = i;
        *len = j - i;
        *end = j;
        return 1;
    }
    return 0;
}

/* "A = B" at i with A and B the same literal (or B an open quote that A
 * starts with): the classic string/number tautology. `eq2` also accepts
 * "==" and "===". Returns the index after it, or NPOS. */
static size_t tautology_at(const char *s, size_t n, size_t i, int eq2)
{
    size_t p1, l1, e1, p2, l2, e2;
    int o1, o2;
    if (!read_token(s, n, i, &p1, &l1, &e1, &o1) || o1)
        return NPOS;
    size_t k = skip_ws(s, n, e1);
    if (at(s, n, k) != '=')
        return NPOS;
    k++;
    if (eq2) {
        while (at(s, n, k) == '=' && k < e1 + 4)
            k++;
    }
    k = skip_ws(s, n, k);
    if (!read_token(s, n, k, &p2, &l2, &e2, &o2))
        return NPOS;
    if ((s[i] == '\'' || s[i] == '"') != (s[k] == '\'' || s[k] == '"'))
        return NPOS;
    if (o2 ? (l2 <= l1 && memcmp(s + p1, s + p2, l2) == 0)
           : (l1 == l2 && memcmp(s + p1, s + p2, l1) == 0))
        return e2;
    return NPOS;
}

/* ================================================================= NoSQL */

/* MongoDB query operators (strong) and update/aggregation stages (a bit
 * weaker: rarely used by injections, never by ordinary keys). Extended-JSON
 * and JSON-Schema keys such as $oid, $date, $ref, $id, $schema, $type are
 * deliberately absent. */
static const char *const MONGO_QUERY_OPS[] = {
    "ne", "eq", "gt", "gte", "lt", "lte", "in", "nin", "regex", "where",
    "exists", "expr", "or", "and", "not", "nor", "elemMatch", "function",
    "accumulator", "all", "size", "mod", "text", "comment", "jsonSchema",
    "options", "geoWithin", "near", "nearSphere", "bitsAllSet",
};
static const char *const MONGO_OTHER_OPS[] = {
    "set", "unset", "push", "pull", "pullAll", "inc", "rename", "addToSet",
    "setOnInsert", "currentDate", "lookup", "match", "group", "unionWith",
    "merge", "out", "project", "replaceRoot", "graphLookup", "facet",
};

/* Operator name starting at i (just after '$'): 2 = query operator,
 * 1 = other operator, 0 = none. *end receives the index after the name. */
static int mongo_op(const char *s, size_t n, size_t i, size_t *end)
{
    size_t j = i;
    while (j < n && is_alpha((unsigned char)s[j]))
        j++;
    *end = j;
    if (j == i || j - i > 16)
        return 0;
    if (word_in(s + i, j - i, MONGO_QUERY_OPS, VIGIL__COUNTOF(MONGO_QUERY_OPS)))
        return 2;
    if (word_in(s + i, j - i, MONGO_OTHER_OPS, VIGIL__COUNTOF(MONGO_OTHER_OPS)))
        return 1;
    return 0;
}

COLD int nosql_key_scan(const char *s, size_t n, int sensitivity, vigil__finding *f)
{
    best b = {0, NULL, 0, 0, 0, 0};
    if (!s || n == 0)
        return 0;
    for (size_t i = find_byte(s, n, 0, "$"); i != NPOS; i = find_byte(s, n, i + 1, "$")) {
        size_t end;
        unsigned char prev = i ? (unsigned char)s[i - 1] : 0;
        if (prev == 0 || prev == '[' || prev == '.' || prev == '"' || prev == '\'' ||
            prev == '{' || prev == ',' || prev == ' ') {
            int cls = mongo_op(s, n, i + 1, &end);
            unsigned char next = at(s, n, end);
            int next_ok = next == 0 || next == ']' || next == '.' || next == '"' ||
                          next == '\'' || next == '[' || next == ':' || next == ' ';
            if (cls && next_ok)
                note(&b, cls == 2 ? 90 : 75, "MongoDB operator as key", i, end - i);
            else if (prev == '[' && end > i + 1 && next == ']')
                note(&b, 45, "unknown $-operator in bracket key", i, end - i);
        }
    }
    return finish(&b, n, sensitivity, f);
}

int vigil__detect_nosql_key(const char *s, size_t n, int sensitivity, vigil__finding *f)
{
    if (!s || find_byte(s, n, 0, "$") == NPOS)
        return 0;
    return nosql_key_scan(s, n, sensitivity, f);
}

/* Statement keywords that follow a quote break in $where JavaScript. */
static const char *const JS_STMT[] = {
    "var", "let", "const", "return", "sleep", "while", "do", "for", "if",
    "this", "db", "function", "new", "throw", "emit",
};

/* "; return true" and a quote break followed by a JS statement, at the
 * ';' at i. */
static void nosql_semi(const char *s, size_t n, size_t i, best *b)
{
    size_t k = skip_ws(s, n, i + 1);
    if ((at(s, n, k) | 0x20) == 'r' && ci_word(s, n, k, "return")) {
        size_t m = skip_ws(s, n, k + 6);
        if (at(s, n, m) == '(' || ci_word(s, n, m, "true") || ci_word(s, n, m, "false") ||
            ci_word(s, n, m, "1") || ci_word(s, n, m, "0") || ci_word(s, n, m, "this"))
            note(b, 80, "JavaScript 'return' injected into a query", i, m - i);
    }
    size_t q = prev_nonws(s, i);
    if (q != NPOS && (s[q] == '\'' || s[q] == '"')) {
        size_t e = ident_end(s, n, k);
        if (e > k && word_in_cs(s + k, e - k, JS_STMT, VIGIL__COUNTOF(JS_STMT)))
            note(b, 70, "quote break followed by a JavaScript statement", q, e - q);
    }
}

/* sleep(N) after a break (time-based probing) and while( at the '(' at i. */
static void nosql_paren(const char *s, size_t n, size_t i, best *b, int *saw_while)
{
    size_t e = i;
    while (e > 0 && is_ws((unsigned char)s[e - 1]))
        e--;
    unsigned char last = e ? (unsigned char)(s[e - 1] | 0x20) : 0;
    if (last != 'e' && last != 'p')
        return; /* neither "while" nor "sleep" */
    size_t st = e;
    while (st > 0 && is_ident((unsigned char)s[st - 1]))
        st--;
    if (e - st != 5)
        return;
    if (ci_at(s, n, st, "while"))
        *saw_while = 1;
    if (ci_at(s, n, st, "sleep") && is_digit(at(s, n, skip_ws(s, n, i + 1)))) {
        size_t q = prev_nonws(s, st);
        if (q != NPOS && (s[q] == ';' || s[q] == '\'' || s[q] == '"' || s[q] == '+' ||
                          s[q] == '|' || s[q] == '&' || s[q] == '{'))
            note(b, 70, "sleep() after a quote or statement break", st, i + 1 - st);
    }
}

/* "this." and "db." ending at the '.' at i. */
static void nosql_dot(const char *s, size_t n, size_t i, best *b)
{
    unsigned char last = i ? (unsigned char)(s[i - 1] | 0x20) : 0;
    if (last != 's' && last != 'b')
        return; /* most dots: neither "this" nor "db" */
    if (i >= 4 && ci_at(s, n, i - 4, "this") && (i == 4 || !is_ident((unsigned char)s[i - 5]))) {
        /* this.field.match(...) / this.field == ... */
        size_t e = ident_end(s, n, i + 1);
        if (e > i + 1) {
            size_t k = skip_ws(s, n, e);
            if (ci_at(s, n, k, ".match(") || ci_at(s, n, k, "==") || ci_at(s, n, k, "!=") ||
                ((at(s, n, k) == '>' || at(s, n, k) == '<') && k + 1 < n))
                note(b, 80, "JavaScript condition on this.<field>", i - 4, k + 2 - i + 4);
        }
    }
    if (i >= 2 && ci_at(s, n, i - 2, "db") &&
        (i == 2 || !(is_ident((unsigned char)s[i - 3]) || s[i - 3] == '.'))) {
        size_t d = i - 2;
        size_t e = ident_end(s, n, i + 1);
        if (e == i + 1)
            return;
        /* After a statement or quote break it is injected code; at the
         * start of prose ("db.collection.find() returns...") it is not. */
        size_t pv = prev_nonws(s, d);
        int brk = pv != NPOS && (s[pv] == ';' || s[pv] == '\'' || s[pv] == '"' ||
                                 s[pv] == '{' || s[pv] == '|' || s[pv] == '&');
        if (at(s, n, e) == '.') {
            size_t e2 = ident_end(s, n, e + 1);
            if (e2 > e + 1 && at(s, n, skip_ws(s, n, e2)) == '(') {
                /* Shell code rather than a mention: object arguments or a
                 * chained call ("db.u.find({})", "db.getCollection('u').drop()"). */
                size_t lim = VIGIL__MIN(n, e2 + 128);
                int code = ci_find(s, lim, e2, "})") != NPOS || ci_find(s, lim, e2, ").") != NPOS;
                note(b, brk ? 80 : code ? 65 : 45, "MongoDB shell call", d, e2 - d);
            }
        } else if (at(s, n, skip_ws(s, n, e)) == '(') {
            size_t lim = VIGIL__MIN(n, e + 128);
            int code = ci_find(s, lim, e, ").") != NPOS;
            note(b, brk ? 70 : code ? 65 : 40, "MongoDB shell call", d, e - d);
        }
    }
}

/* || 1==1, && 'a'=='a' at the doubled operator at i. Returns the first
 * index the next operator may start at. */
static size_t nosql_andor(const char *s, size_t n, size_t i, best *b)
{
    size_t k = skip_ws(s, n, i + 2);
    if (ci_word(s, n, k, "true")) {
        note(b, 65, "JavaScript tautology", i, k + 4 - i);
        return i + 1;
    }
    size_t e = tautology_at(s, n, k, 1);
    if (e != NPOS) {
        /* "==" tells JavaScript from SQL's "=". */
        const char *eq = memchr(s + k, '=', e - k);
        int js = eq && (size_t)(eq - s) + 1 < e && eq[1] == '=';
        note(b, js ? 80 : 60, "JavaScript tautology", i, e - i);
    }
    return i + 2;
}

/* A MongoDB operator after '$' at i, in value or bracket position. */
static void nosql_dollar(const char *s, size_t n, size_t i, best *b)
{
    size_t end;
    int cls = mongo_op(s, n, i + 1, &end);
    if (!cls || (i > 0 && is_ident((unsigned char)s[i - 1])))
        return;
    unsigned char prev = i ? (unsigned char)s[i - 1] : 0;
    size_t k = skip_ws(s, n, end);
    if (at(s, n, k) == '"' || at(s, n, k) == '\'')
        k = skip_ws(s, n, k + 1);
    if (at(s, n, k) == ':')
        note(b, cls == 2 ? 85 : 70, "MongoDB operator in value", i, k + 1 - i);
    else if (prev == '[' && at(s, n, end) == ']')
        note(b, cls == 2 ? 85 : 70, "MongoDB operator in bracket syntax", i - 1, end + 1 - i);
}

/* {"&exists": ...}: an operator with a mangled prefix in JSON key position. */
static void nosql_amp_key(const char *s, size_t n, size_t i, best *b)
{
    size_t end;
    if (i == 0 || !(s[i - 1] == '"' || s[i - 1] == '{'))
        return;
    if (mongo_op(s, n, i + 1, &end) == 2) {
        size_t k = end;
        if (at(s, n, k) == '"')
            k++;
        if (at(s, n, skip_ws(s, n, k)) == ':')
            note(b, 60, "operator-like JSON key", i, k - i);
    }
}

/* $& (OR 2), :; (OR 1), | and (; the '.' of "this." and "db.". */
#define NOSQL_TRIG ((trig){"&;|(", "\x02\x01\0\0", 4, 1, 0, '.', 's', 'b'})

/* password: followed by a regex literal of dot-star (or ^, or dot-plus):
 * a match-everything regex as a field value; ':' at i. */
static void nosql_regex(const char *s, size_t n, size_t i, best *b)
{
    unsigned char c1 = at(s, n, i + 1);
    if (c1 != '/' && !is_ws(c1))
        return; /* "10:30", "https:", "key": */
    size_t k = skip_ws(s, n, i + 1);
    if (at(s, n, k) == '/' && (ci_at(s, n, k + 1, ".*/") || ci_at(s, n, k + 1, "^/") ||
                               ci_at(s, n, k + 1, ".+/")))
        note(b, 70, "match-everything regex as query value", i, k + 4 - i);
}

COLD int nosql_scan(const char *s, size_t n, int sensitivity, vigil__finding *f)
{
    if (!s || n < 3)
        return 0;
    /* $ operators; & mangled keys and &&; ':' regex values; ; | ( . for
     * the JavaScript shapes (every injected $where snippet breaks out with
     * a statement, a boolean operator or a call). One pass visits them
     * all (only the '.' that ends "this" or "db"); the shapes are ranked
     * as if each family had its own loop in a fixed order, and the
     * JavaScript ones count only when a break is present. */
    const trig t = NOSQL_TRIG;
    iter it = ITER_INIT;
    size_t i = find_any(&it, s, n, 0, t);
    if (i == NPOS)
        return 0;
    /* b takes the operator shapes ($ loop, & loop, : loop), js the
     * JavaScript ones (; loop, . ( loop, busy wait, || && loop). */
    enum { L_DOLLAR, L_AMP, L_COLON };
    enum { L_SEMI, L_CODE, L_BUSY, L_LOGIC };
    best b = {0, NULL, 0, 0, 0, 0}, js = b;
    int brk = 0, andor = 0, saw_while = 0;
    size_t logic_from = 0; /* "|||": an operator's second byte does not start another */
    for (; i != NPOS; i = find_any(&it, s, n, i + 1, t)) {
        switch (s[i]) {
        case '$':
            b.cur = L_DOLLAR;
            nosql_dollar(s, n, i, &b);
            break;
        case ':':
            b.cur = L_COLON;
            nosql_regex(s, n, i, &b);
            break;
        case ';':
            brk = 1;
            js.cur = L_SEMI;
            nosql_semi(s, n, i, &js);
            break;
        case '(':
            brk = 1;
            js.cur = L_CODE;
            nosql_paren(s, n, i, &js, &saw_while);
            break;
        case '.':
            js.cur = L_CODE;
            nosql_dot(s, n, i, &js);
            break;
        default: /* '&' '|' */
            if (s[i] == '&') {
                b.cur = L_AMP;
                nosql_amp_key(s, n, i, &b);
            }
            if (i + 1 < n && s[i + 1] == s[i]) {
                andor = 1;
                js.cur = L_LOGIC;
                if (i >= logic_from)
                    logic_from = nosql_andor(s, n, i, &js);
            }
            break;
        }
    }
    /* The JavaScript shapes count only after a statement break, a boolean
     * operator or inside a call (a ';' shape implies the first). */
    if (b.score < 80 && (brk || andor)) {
        /* Busy loop on the clock: new Date() ... while(...). */
        if (saw_while) {
            size_t d = ci_find(s, n, 0, "new date");
            if (d != NPOS) {
                size_t w = ci_find(s, n, d, "while");
                js.cur = L_BUSY;
                if (w != NPOS)
                    note(&js, 80, "JavaScript busy-wait loop", d, w + 5 - d);
            }
        }
        fold(&b, &js);
    }
    return finish(&b, n, sensitivity, f);
}

int vigil__detect_nosql(const char *s, size_t n, int sensitivity, vigil__finding *f)
{
    iter it = ITER_INIT;
    if (!s || n < 3 || find_any(&it, s, n, 0, NOSQL_TRIG) == NPOS)
        return 0;
    return nosql_scan(s, n, sensitivity, f);
}

/* ================================================================== SSTI */

/* Identifiers that only appear in template payloads when they reach for
 * the interpreter: object graphs (Python, Java, JS, Ruby, PHP) and process
 * execution. Matched as whole identifiers, case-insensitively. */
static const char *const TPL_DANGER[] = {
    "config", "self", "_self", "request", "settings", "app", "application",
    "env", "environ", "session", "namespace", "joiner", "cycler", "lipsum",
    "url_for", "get_flashed_messages", "dump", "process", "constructor",
    "globals", "builtins", "class", "mro", "subclasses", "base", "bases",
    "os", "subprocess", "popen", "system", "exec", "eval", "import",
    "getattr", "attr", "getClass", "forName", "getRuntime", "Runtime",
    "ProcessBuilder", "getMethod", "getDeclaredMethod", "invoke",
    "newInstance", "ScriptEngineManager", "getEngineByName", "getenv",
    "getProperty", "ClassLoader", "java", "javax", "Execute",
    "ObjectConstructor", "registerUndefinedFilterCallback", "getFilter",
    "passthru", "shell_exec", "phpinfo", "file_get_contents", "readfile",
    "require", "mainModule", "child_process", "execSync", "spawn", "global",
    "File", "IO", "Kernel", "instance_eval", "module", "runtime", "inspect",
    "linecache", "exit", "smarty", "freemarker", "velocity",
};
/* Of those, the ones that are already an information leak on their own:
 * "{{config}}", "{{self}}", "{{request}}". */
static const char *const TPL_DANGER_ALONE[] = {
    "config", "self", "_self", "request", "settings", "app", "application",
    "env", "environ", "session", "namespace", "joiner", "cycler", "lipsum",
    "url_for", "get_flashed_messages", "dump", "process", "constructor",
    "globals", "smarty",
};

#define TPL_EXPR_MAX 512

/* Scores a template expression by how code-like it is:
 * 90 dunder, 85 interpreter objects used, 80 arithmetic probe, 70 leaky
 * global alone, 65 call, 45 subscript/filter, 30 plain placeholder. */
static int tpl_expr_score(const char *e, size_t n)
{
    int dunder = 0, danger = 0, danger_alone = 0, arith = 0, call = 0;
    int sub = 0, chain = 0, idents = 0, nums = 0, other = 0, newobj = 0;
    if (n > TPL_EXPR_MAX)
        n = TPL_EXPR_MAX;
    size_t i = 0;
    while (i < n) {
        unsigned char c = (unsigned char)e[i];
        if (is_alpha(c) || c == '_' || c == '$') {
            size_t j = i + 1;
            while (j < n && (is_ident((unsigned char)e[j]) || e[j] == '$'))
                j++;
            size_t st = (c == '$') ? i + 1 : i;
            idents++;
            for (size_t k = st; k + 2 < j; k++)
                if (e[k] == '_' && e[k + 1] == '_' && is_alpha((unsigned char)e[k + 2]))
                    dunder = 1;
            if (j > st) {
                if (word_in(e + st, j - st, TPL_DANGER, VIGIL__COUNTOF(TPL_DANGER)))
                    danger = 1;
                if (word_in(e + st, j - st, TPL_DANGER_ALONE, VIGIL__COUNTOF(TPL_DANGER_ALONE)))
                    danger_alone = 1;
                if (j - st == 3 && memcmp(e + st, "new", 3) == 0 && j < n && e[j] == ' ' &&
                    is_alpha(at(e, n, skip_ws(e, n, j))))
                    newobj = 1;
                /* Spring's T(java.lang.X) type operator */
                if (j - st == 1 && e[st] == 'T' && at(e, n, j) == '(')
                    danger = 1;
            }
            size_t k = skip_ws(e, n, j);
            if (at(e, n, k) == '(')
                call = 1;
            else if (at(e, n, k) == '.' && is_alpha(at(e, n, k + 1)))
                chain = 1;
            else if (at(e, n, k) == '[')
                sub = 1;
            i = j;
        } else if (is_digit(c)) {
            size_t j = i;
            while (j < n && (is_digit((unsigned char)e[j]) || e[j] == '.'))
                j++;
            nums++;
            size_t k = skip_ws(e, n, j);
            unsigned char op = at(e, n, k);
            if (op == '*' || op == '+' || op == '-' || op == '/' || op == '%') {
                size_t m = skip_ws(e, n, k + 1);
                if (is_digit(at(e, n, m)) || at(e, n, m) == '\'' || at(e, n, m) == '"')
                    arith = 1;
            }
            i = j;
        } else if (c == '\'' || c == '"') {
            const char *q = i + 1 < n ? memchr(e + i + 1, c, n - i - 1) : NULL;
            size_t j = q ? (size_t)(q - e) + 1 : n;
            size_t k = skip_ws(e, n, j);
            if (at(e, n, k) == '.' && is_alpha(at(e, n, k + 1)))
                call = 1; /* ''.__class__, 'a'.getClass() */
            else if (at(e, n, k) == '*' && is_digit(at(e, n, skip_ws(e, n, k + 1))))
                arith = 1; /* '7'*7 */
            other++;
            i = j;
        } else {
            if (c == '|' && is_alpha(at(e, n, skip_ws(e, n, i + 1))))
                sub = 1;
            else if (c == ')' && at(e, n, i + 1) == '(')
                call = 1;
            else if (c == '[')
                sub = 1;
            else if (c == '?' && (ci_at(e, n, i + 1, "new(") || ci_at(e, n, i + 1, "api")))
                danger = call = 1; /* Freemarker built-ins */
            else if (!is_ws(c) && c != '.' && c != '#' && c != '=' && c != '-')
                other++;
            i++;
        }
    }
    if (dunder)
        return 90;
    if (danger && (call || chain || sub))
        return 85;
    if (arith)
        return 80;
    if (newobj)
        return 70;
    if (danger_alone && idents == 1 && !nums && !other)
        return 70;
    if (call)
        return 65;
    if (sub)
        return 45; /* {{ items[0] }}, {{ name|upper }}: ordinary templates */
    return (idents || nums) ? 30 : 0;
}

/* End of the expression that starts at i and is closed by `close` (one or
 * two bytes). *closed tells whether the closer was found within reach. */
static size_t tpl_close(const char *s, size_t n, size_t i, const char *close, int *closed)
{
    size_t lim = n - i > 4 * TPL_EXPR_MAX ? i + 4 * TPL_EXPR_MAX : n;
    size_t cl = strlen(close);
    for (size_t j = i; j + cl <= lim; j++) {
        if (s[j] == close[0] && (cl == 1 || s[j + 1] == close[1])) {
            *closed = 1;
            return j;
        }
    }
    *closed = 0;
    return lim;
}

static const char *const TPL_STMT_STRONG[] = {
    "import", "from", "exec", "raw", "python", "load", "module", "debug",
};
static const char *const TPL_STMT_FILE[] = {
    "include", "extends", "embed", "use", "source", "sandbox",
};
static const char *const FM_DIRECTIVES[] = {
    "assign", "import", "include", "global", "local", "setting", "attempt",
    "visit", "function", "macro",
};
static const char *const VELOCITY_DIRECTIVES[] = {
    "set", "evaluate", "parse", "include", "define", "foreach", "macro",
};

/* Handles "{%" at i; returns the index to resume at. */
static size_t ssti_statement(const char *s, size_t n, size_t i, best *b)
{
    int closed;
    size_t st = i + 2, e = tpl_close(s, n, st, "%}", &closed);
    size_t k = skip_ws(s, n, st);
    while (k < e && (s[k] == '-' || s[k] == '+' || s[k] == '~'))
        k = skip_ws(s, n, k + 1);
    size_t we = ident_end(s, n, k);
    int sc = tpl_expr_score(s + we, e - we);
    if (we > k && word_in(s + k, we - k, TPL_STMT_STRONG, VIGIL__COUNTOF(TPL_STMT_STRONG)))
        sc = VIGIL__MAX(sc, 85);
    else if (we > k && word_in(s + k, we - k, TPL_STMT_FILE, VIGIL__COUNTOF(TPL_STMT_FILE)))
        sc = VIGIL__MAX(sc, 70);
    else if (we > k)
        sc = VIGIL__MAX(sc, 40);
    if (!closed)
        sc -= 20;
    note(b, sc, "template statement with code", i, e - i);
    return closed ? e + 2 : e;
}

/* Handles "{{" at i (any number of opening braces). */
static size_t ssti_mustache(const char *s, size_t n, size_t i, best *b)
{
    size_t st = i;
    while (st < n && s[st] == '{')
        st++;
    int closed;
    size_t e = tpl_close(s, n, st, "}}", &closed);
    size_t k = skip_ws(s, n, st);
    int sc = tpl_expr_score(s + st, e - st);
    /* Handlebars block helpers over literals: the prototype-walking
     * exploits start with {{#with "s" as |string|}}. */
    if (at(s, n, k) == '#' || ci_word(s, n, k, "lookup")) {
        size_t h = k + (s[k] == '#' ? 1 : 0);
        size_t he = ident_end(s, n, h);
        size_t m = skip_ws(s, n, he);
        if (ci_word(s, n, h, "with") && (at(s, n, m) == '"' || at(s, n, m) == '\''))
            sc = VIGIL__MAX(sc, 70);
        else if (ci_word(s, n, h, "lookup"))
            sc = VIGIL__MAX(sc, 60);
    }
    if (!closed)
        sc -= 20;
    note(b, sc, "template expression with code", i, e - i);
    return closed ? e + 2 : e;
}

/* Handles "X{" (X one of $ # * @ ~) at i-1. */
static size_t ssti_el(const char *s, size_t n, size_t i, best *b)
{
    int closed;
    size_t st = i + 1, e = tpl_close(s, n, st, "}", &closed);
    int sc = tpl_expr_score(s + st, e - st);
    /* A bare call is everyday code here: JS template literals
     * (`${fmt(x)}`), SCSS (#{lighten($c, 20%)}), CSS (*{color: rgb()}). */
    if (sc == 65)
        sc = 55;
    if (!closed)
        sc -= 20;
    note(b, sc, "expression-language payload", i - 1, e - i + 1);
    return closed ? e + 1 : e;
}

/* Smarty and other single-brace tags: {php}, {system('id')}, {$smarty.x},
 * {if phpinfo()}, {Class::method(}. */
static void ssti_single_brace(const char *s, size_t n, size_t i, best *b)
{
    size_t k = i + 1;
    if (!is_alpha(at(s, n, k)) && at(s, n, k) != '$' && at(s, n, k) != '/')
        return; /* JSON, CSS and code braces */
    if (ci_at(s, n, k, "php}") || ci_at(s, n, k, "/php}")) {
        note(b, 90, "Smarty {php} tag", i, 5);
        return;
    }
    if (at(s, n, k) == '$' && ci_word(s, n, k + 1, "smarty")) {
        note(b, 70, "Smarty variable", i, 8);
        return;
    }
    if (ci_word(s, n, k, "if"))
        k = skip_ws(s, n, k + 2);
    size_t e = ident_end(s, n, k);
    if (e == k || !is_alpha((unsigned char)s[k]))
        return;
    if (at(s, n, e) == '(' &&
        word_in(s + k, e - k, TPL_DANGER, VIGIL__COUNTOF(TPL_DANGER)))
        note(b, 85, "template tag calling a dangerous function", i, e + 1 - i);
    else if (at(s, n, e) == ':' && at(s, n, e + 1) == ':' && is_alpha(at(s, n, e + 2))) {
        size_t e2 = ident_end(s, n, e + 2);
        if (at(s, n, e2) == '(')
            note(b, 75, "template tag calling a static method", i, e2 + 1 - i);
    }
}

/* Freemarker directive at i ("<#name" or "[#name"). */
static void ssti_freemarker(const char *s, size_t n, size_t i, best *b)
{
    size_t k = i + 2;
    size_t e = ident_end(s, n, k);
    if (e == k || !word_in(s + k, e - k, FM_DIRECTIVES, VIGIL__COUNTOF(FM_DIRECTIVES)))
        return;
    unsigned char closer = s[i] == '<' ? '>' : ']';
    /* "<#assign x = ...", "<#include '...'": a directive with arguments,
     * not the bare name quoted in documentation. */
    size_t a = skip_ws(s, n, e);
    if (a == e || a >= n || s[a] == closer)
        return;
    size_t lim = VIGIL__MIN(n, e + TPL_EXPR_MAX);
    const char *c = memchr(s + e, closer, lim - e);
    size_t end = c ? (size_t)(c - s) : lim;
    int sc = 70;
    if (ci_find(s, end, e, "?new(") != NPOS || ci_find(s, end, e, "?api") != NPOS ||
        ci_find(s, end, e, "Execute") != NPOS)
        sc = 90;
    note(b, sc, "Freemarker directive", i, end - i);
}

/* "$name.chain(...)" (Velocity) and "@Name.chain(...)" (Razor): only
 * interpreter objects with a call count, so prices and e-mail addresses
 * stay quiet. */
static size_t ssti_sigil_chain(const char *s, size_t n, size_t i, best *b)
{
    size_t j = i + 1;
    size_t lim = VIGIL__MIN(n, i + 256);
    while (j < lim && !is_ws((unsigned char)s[j]))
        j++;
    if (!memchr(s + i, '(', j - i))
        return j; /* no call: "$5.00", "a@example.com" */
    int sc = tpl_expr_score(s + i + 1, j - i - 1);
    if (sc >= 85)
        note(b, sc, "template object method call", i, j - i);
    return j;
}

COLD int ssti_scan(const char *s, size_t n, int sensitivity, vigil__finding *f)
{
    best b = {0, NULL, 0, 0, 0, 0};
    if (!s || n < 3)
        return 0;
    /* Every syntax has one of these bytes at a fixed place: '{' in
     * {{ {% ${ #{ *{ @{ ~{ {php}, '%' in <%, '#' in <# [# #set, '@' in @(,
     * '$' and '@' before object chains. Only their positions are visited. */
    iter it = ITER_INIT;
    size_t i = FIND(&it, s, n, 0, "{%#@$");
    if (i == NPOS)
        return 0;
    while (i != NPOS) {
        unsigned char c = (unsigned char)s[i];
        unsigned char nx = at(s, n, i + 1);
        unsigned char pv = i ? (unsigned char)s[i - 1] : 0;
        size_t resume = i + 1;
        if (c == '{') {
            if (nx == '{')
                resume = ssti_mustache(s, n, i, &b);
            else if (nx == '%')
                resume = ssti_statement(s, n, i, &b);
            else if (pv == '$' || pv == '#' || pv == '*' || pv == '@' || pv == '~')
                resume = ssti_el(s, n, i, &b);
            else
                ssti_single_brace(s, n, i, &b);
        } else if (c == '%' && pv == '<') {
            int closed;
            size_t st = i + 1;
            if (st < n && (s[st] == '=' || s[st] == '-' || s[st] == '#' || s[st] == '!' ||
                           s[st] == '@'))
                st++;
            size_t e = tpl_close(s, n, st, "%>", &closed);
            int sc2 = tpl_expr_score(s + st, e - st);
            /* Ruby backticks and %x() run commands inside ERB. */
            if (memchr(s + st, '`', e - st) || ci_find(s, e, st, "%x(") != NPOS)
                sc2 = VIGIL__MAX(sc2, 85);
            if (!closed)
                sc2 -= 20;
            note(&b, sc2, "server-side scriptlet", i - 1, e - i + 1);
            resume = closed ? e + 2 : e;
        } else if (c == '#' && (pv == '<' || pv == '[')) {
            ssti_freemarker(s, n, i - 1, &b);
        } else if (c == '#' && is_alpha(nx)) {
            size_t e = ident_end(s, n, i + 1);
            if (word_in(s + i + 1, e - i - 1, VELOCITY_DIRECTIVES,
                        VIGIL__COUNTOF(VELOCITY_DIRECTIVES)) &&
                at(s, n, skip_ws(s, n, e)) == '(')
                note(&b, ci_at(s, n, i + 1, "foreach") || ci_at(s, n, i + 1, "macro") ? 60 : 70,
                     "Velocity directive", i, e - i);
        } else if (c == '@' && nx == '(') {
            /* Razor explicit expression: balanced parentheses. */
            size_t lim = VIGIL__MIN(n, i + 2 + TPL_EXPR_MAX), j = i + 2;
            int depth = 1;
            for (; j < lim; j++) {
                if (s[j] == '(')
                    depth++;
                else if (s[j] == ')' && --depth == 0)
                    break;
            }
            int sc2 = tpl_expr_score(s + i + 2, j - i - 2);
            if (sc2 >= 60)
                note(&b, depth == 0 ? sc2 : sc2 - 20, "Razor expression", i, j - i);
            resume = j;
        } else if ((c == '$' || c == '@') && (is_alpha(nx) || nx == '_')) {
            resume = ssti_sigil_chain(s, n, i, &b);
        }
        i = FIND(&it, s, n, VIGIL__MAX(resume, i + 1), "{%#@$");
    }
    /* Detection polyglots such as ${{<%[%'"}}%\ put several template
     * syntaxes side by side. */
    if (b.score < 70 && n < 64 && memchr(s, '{', n)) {
        int kinds = (ci_find(s, n, 0, "${") != NPOS) + (ci_find(s, n, 0, "{{") != NPOS) +
                    (ci_find(s, n, 0, "<%") != NPOS) + (ci_find(s, n, 0, "%>") != NPOS) +
                    (ci_find(s, n, 0, "#{") != NPOS) + (ci_find(s, n, 0, "}}") != NPOS);
        if (kinds >= 4 && n < 64)
            note(&b, 70, "template syntax polyglot", 0, n);
    }
    return finish(&b, n, sensitivity, f);
}

int vigil__detect_ssti(const char *s, size_t n, int sensitivity, vigil__finding *f)
{
    iter it = ITER_INIT;
    if (!s || n < 3 || FIND(&it, s, n, 0, "{%#@$") == NPOS)
        return 0;
    return ssti_scan(s, n, sensitivity, f);
}

/* ============================================================= Log4Shell */

/* A bounded evaluator for Log4j 2 lookups. Nested ${...} are resolved
 * innermost first into one buffer, the way StrSubstitutor does:
 * ${lower:x}/${upper:x} change case, ${prefix:key:-default} and ${::-x}
 * give their default (the attacker's key is assumed unset), ${date:'x'}
 * gives its quoted text; other lookups give "". Then a resolved
 * "jndi:<protocol>:" is the attack. */
#define L4_BUF   1024
#define L4_DEPTH 24

typedef struct l4 {
    char   buf[L4_BUF];
    char   tmp[L4_BUF];
    size_t len;
    size_t frame[L4_DEPTH];
    int    depth;
    int    jndi_proto, jndi_other, nested_lookup, plain_lookup;
} l4;

static const char *const L4_PROTOCOLS[] = {
    "ldap", "ldaps", "rmi", "dns", "iiop", "corba", "nds", "nis", "http", "https",
};
static const char *const L4_LOOKUPS[] = {
    "env", "sys", "ctx", "java", "main", "marker", "bundle", "k8s", "docker",
    "spring", "web", "log4j", "map", "sd", "event", "jvmrunargs", "date",
    "lower", "upper", "base64", "jndi",
};

static void l4_check_jndi(l4 *st, const char *c, size_t len)
{
    /* c points just after "jndi:" */
    size_t e = 0;
    while (e < len && is_alpha((unsigned char)c[e]))
        e++;
    if (e > 0 && e < len && c[e] == ':' &&
        word_in(c, e, L4_PROTOCOLS, VIGIL__COUNTOF(L4_PROTOCOLS)))
        st->jndi_proto = 1;
    else
        st->jndi_other = 1;
}

/* Evaluates the lookup whose text is buf[from, len) and replaces it by its
 * value. `nested` when it sits inside another lookup. */
static void l4_eval(l4 *st, size_t from, int nested)
{
    const char *c = st->buf + from;
    size_t cl = st->len - from, rl = 0;
    char *r = st->tmp;
    size_t colon = 0;
    while (colon < cl && c[colon] != ':')
        colon++;
    int known = colon < cl && word_in(c, colon, L4_LOOKUPS, VIGIL__COUNTOF(L4_LOOKUPS));
    size_t dflt = NPOS;
    for (size_t k = 0; k + 1 < cl; k++)
        if (c[k] == ':' && c[k + 1] == '-') {
            dflt = k;
            break;
        }
    if (colon < cl && vigil__str_ieq(vigil__str(c, colon), "jndi")) {
        l4_check_jndi(st, c + colon + 1, cl - colon - 1);
    } else if (dflt != NPOS) {
        if (known || colon == dflt || colon == 0)
            st->nested_lookup |= nested || colon == 0;
        rl = cl - dflt - 2;
        memcpy(r, c + dflt + 2, rl);
    } else if (colon < cl && (vigil__str_ieq(vigil__str(c, colon), "lower") ||
                              vigil__str_ieq(vigil__str(c, colon), "upper"))) {
        int up = vigil__lower((unsigned char)c[0]) == 'u';
        for (size_t k = colon + 1; k < cl; k++) {
            unsigned char ch = (unsigned char)c[k];
            /* Java upper-cases the dotless i (U+0131) to a plain 'I'. */
            if (up && ch == 0xC4u && k + 1 < cl && (unsigned char)c[k + 1] == 0xB1u) {
                r[rl++] = 'I';
                k++;
                continue;
            }
            r[rl++] = (char)(up ? (ch >= 'a' && ch <= 'z' ? ch - 32 : ch) : vigil__lower(ch));
        }
        st->nested_lookup |= nested;
    } else if (colon < cl && vigil__str_ieq(vigil__str(c, colon), "date")) {
        int inq = 0;
        for (size_t k = colon + 1; k < cl; k++) {
            if (c[k] == '\'')
                inq = !inq;
            else if (inq)
                r[rl++] = c[k];
        }
        st->nested_lookup |= nested;
    } else if (colon < cl && vigil__str_ieq(vigil__str(c, colon), "base64")) {
        rl = vigil__base64_text(c + colon + 1, cl - colon - 1, r);
        st->nested_lookup |= nested;
    } else if (known) {
        if (nested)
            st->nested_lookup = 1;
        else
            st->plain_lookup = 1;
    } else {
        /* Unknown: Log4j leaves "${...}" as it was. */
        r[rl++] = '$';
        r[rl++] = '{';
        size_t cp = VIGIL__MIN(cl, L4_BUF - 3);
        memcpy(r + rl, c, cp);
        rl += cp;
        r[rl++] = '}';
    }
    /* A value that itself holds a lookup is substituted again by Log4j. */
    for (size_t k = 0; k + 7 <= rl; k++)
        if (r[k] == '$' && r[k + 1] == '{' && ci_at(r, rl, k + 2, "jndi:"))
            l4_check_jndi(st, r + k + 7, rl - k - 7);
    if (from + rl > L4_BUF)
        rl = L4_BUF - from;
    memcpy(st->buf + from, r, rl);
    st->len = from + rl;
}

COLD int log4shell_scan(const char *s, size_t n, int sensitivity, vigil__finding *f)
{
    best b = {0, NULL, 0, 0, 0, 0};
    if (!s || n < 4)
        return 0;
    /* the first "${" */
    size_t first = NPOS;
    for (size_t i = find_byte(s, n, 0, "$"); i != NPOS; i = find_byte(s, n, i + 1, "$")) {
        if (i + 1 < n && s[i + 1] == '{') {
            first = i;
            break;
        }
    }
    if (first == NPOS)
        return 0;

    l4 st;
    st.len = 0;
    st.depth = 0;
    st.jndi_proto = st.jndi_other = st.nested_lookup = st.plain_lookup = 0;
    size_t start_off = first, i = first;
    while (i < n || st.depth > 0) {
        if (i >= n) { /* unclosed lookups at the end: evaluate them anyway */
            st.depth--;
            l4_eval(&st, st.frame[st.depth], st.depth > 0);
            continue;
        }
        char c = s[i];
        if (c == '$' && i + 1 < n && s[i + 1] == '{' && st.depth < L4_DEPTH) {
            if (st.depth == 0) {
                st.len = 0;
                start_off = i;
            }
            st.frame[st.depth++] = st.len;
            i += 2;
            continue;
        }
        if (c == '}' && st.depth > 0) {
            st.depth--;
            l4_eval(&st, st.frame[st.depth], st.depth > 0);
            i++;
            /* "${x:-$}{jndi:...}": a value ending in '$' followed by '{'
             * forms a new lookup when Log4j substitutes again. */
            if (st.len > 0 && st.buf[st.len - 1] == '$' && i < n && s[i] == '{' &&
                st.depth < L4_DEPTH) {
                st.len--;
                st.frame[st.depth++] = st.len;
                i++;
            }
            if (st.jndi_proto)
                break;
            continue;
        }
        if (st.depth > 0 && st.len < L4_BUF)
            st.buf[st.len++] = c;
        i++;
    }
    size_t span = VIGIL__MIN(i, n) > start_off ? VIGIL__MIN(i, n) - start_off : 0;
    if (st.jndi_proto)
        note(&b, 95, "JNDI lookup (Log4Shell)", start_off, span);
    else if (st.jndi_other)
        note(&b, 75, "JNDI lookup without a known protocol", start_off, span);
    else if (st.nested_lookup)
        note(&b, 65, "nested Log4j lookups", start_off, span);
    else if (st.plain_lookup)
        note(&b, 40, "Log4j lookup", start_off, span);
    return finish(&b, n, sensitivity, f);
}

int vigil__detect_log4shell(const char *s, size_t n, int sensitivity, vigil__finding *f)
{
    if (!s || n < 4 || find_byte(s, n, 0, "$") == NPOS)
        return 0;
    return log4shell_scan(s, n, sensitivity, f);
}

/* ================================================================== LDAP */

/* An attribute test "name=", "name~=", "name>=", "name<=", "name:=",
 * "name:dn:=..." starting at i. */
static int ldap_attr_test(const char *s, size_t n, size_t i)
{
    size_t j = i;
    if (!is_alpha(at(s, n, j)))
        return 0;
    while (j < n && (is_alnum((unsigned char)s[j]) || s[j] == '-' || s[j] == '.' ||
                     s[j] == ';' || s[j] == '_'))
        j++;
    j = skip_ws(s, n, j);
    unsigned char c = at(s, n, j);
    if (c == '=')
        return 1;
    if ((c == '~' || c == '>' || c == '<' || c == ':') && at(s, n, j + 1) == '=')
        return 1;
    return c == ':' && is_alpha(at(s, n, j + 1)); /* extensible match */
}

COLD int ldap_scan(const char *s, size_t n, int sensitivity, vigil__finding *f)
{
    best b = {0, NULL, 0, 0, 0, 0};
    if (!s || n < 2)
        return 0;
    /* Every shape closes a filter somewhere: the caller saw a ')'. */
    int star = find_byte(s, n, 0, "*") != NPOS;
    long depth = 0;
    int composite = 0;
    size_t run_end = 0;
    iter it = ITER_INIT;
    for (size_t i = FIND(&it, s, n, 0, "()"); i != NPOS; i = FIND(&it, s, n, i + 1, "()")) {
        unsigned char c = (unsigned char)s[i];
        if (c == '(') {
            size_t k = skip_ws(s, n, i + 1);
            unsigned char op = at(s, n, k);
            if ((op == '&' || op == '|') && at(s, n, skip_ws(s, n, k + 1)) == ')')
                note(&b, 70, "LDAP absolute true/false filter", i, k + 2 - i);
            else if ((op == '&' || op == '|' || op == '!') &&
                     at(s, n, skip_ws(s, n, k + 1)) == '(')
                composite = 1;
            depth++;
        } else if (c == ')') {
            if (depth > 0) {
                depth--;
                continue;
            }
            /* A ')' with nothing open closes the application's filter:
             * what follows is the attacker's own filter. */
            size_t k = skip_ws(s, n, i + 1);
            unsigned char nx = at(s, n, k);
            int hit = 0;
            if (nx == '(') {
                size_t m = skip_ws(s, n, k + 1);
                unsigned char op = at(s, n, m);
                hit = op == '&' || op == '|' || op == '!' || op == '(' || op == ')' ||
                      ldap_attr_test(s, n, m);
            } else if ((nx == '&' || nx == '|') && at(s, n, skip_ws(s, n, k + 1)) == '(') {
                hit = 1;
            }
            /* "*))%00": closing filters, then a NUL to cut the rest off.
             * The run of ')' is measured once for all its members. */
            if (i >= run_end) {
                run_end = i;
                while (run_end < n && (s[run_end] == ')' || is_ws((unsigned char)s[run_end])))
                    run_end++;
            }
            size_t m = run_end;
            if (!hit && star && m < n &&
                (s[m] == '\0' || ci_at(s, n, m, "%00") || ci_at(s, n, m, "\\00") ||
                 ci_at(s, n, m, "\\x00")))
                note(&b, 70, "LDAP filter break-out with NUL truncation", i, m + 1 - i);
            if (hit)
                note(&b, star ? 85 : 70, "LDAP filter break-out", i, k + 1 - i);
            else if (i > 0 && s[i - 1] == '*')
                note(&b, 40, "LDAP wildcard closing a filter", i - 1, 2);
        }
    }
    /* "*()|&'": a probe made only of filter metacharacters. */
    if (n <= 16 && star && memchr(s, '(', n)) {
        int alnum = 0, logic = 0;
        for (size_t i = 0; i < n; i++) {
            alnum |= is_alnum((unsigned char)s[i]);
            logic |= s[i] == '|' || s[i] == '&' || s[i] == '!';
        }
        if (!alnum && logic)
            note(&b, 40, "LDAP metacharacter probe", 0, n);
    }
    if (composite) {
        /* (|(mail=*)) : a composite filter matching everything. */
        for (const char *q = memchr(s, '*', n); q;
             q = (size_t)(q - s) + 1 < n ? memchr(q + 1, '*', n - (size_t)(q - s) - 1) : NULL) {
            size_t i = (size_t)(q - s);
            size_t pv = prev_nonws(s, i);
            if (pv != NPOS && s[pv] == '=' && at(s, n, skip_ws(s, n, i + 1)) == ')') {
                note(&b, 70, "LDAP composite filter with wildcard", i, 1);
                break;
            }
        }
        note(&b, 35, "LDAP composite filter", 0, n);
    }
    return finish(&b, n, sensitivity, f);
}

int vigil__detect_ldap(const char *s, size_t n, int sensitivity, vigil__finding *f)
{
    if (!s || n < 2 || find_byte(s, n, 0, ")") == NPOS)
        return 0;
    return ldap_scan(s, n, sensitivity, f);
}

/* ================================================================= XPath */

static const char *const XPATH_FUNCS[] = {
    "name", "local-name", "namespace-uri", "count", "string-length",
    "substring", "substring-before", "substring-after", "contains",
    "starts-with", "ends-with", "normalize-space", "translate", "concat",
    "string", "number", "boolean", "not", "true", "false", "position",
    "last", "text", "node", "comment", "processing-instruction", "sum",
    "floor", "ceiling", "round", "lang", "doc", "document", "lower-case",
    "upper-case", "matches", "tokenize", "codepoints-to-string",
    "string-to-codepoints", "unparsed-text", "doc-available",
    "environment-variable", "system-property",
};
static const char *const XPATH_AXES[] = {
    "child", "parent", "ancestor", "ancestor-or-self", "descendant",
    "descendant-or-self", "following", "following-sibling", "preceding",
    "preceding-sibling", "self", "attribute", "namespace",
};

static size_t xname_end(const char *s, size_t n, size_t i)
{
    while (i < n && (is_alnum((unsigned char)s[i]) || s[i] == '-' || s[i] == '_'))
        i++;
    return i;
}

/* XPath-only syntax in s[from, to): a known function call, an axis step,
 * or a location path such as "/" "*", "/@*". Returns a score or 0. */
static int xpath_syntax(const char *s, size_t n, size_t from, size_t to, size_t *where)
{
    for (size_t i = from; i < to; i++) {
        unsigned char c = (unsigned char)s[i];
        if (is_alpha(c) && (i == from || !is_ident((unsigned char)s[i - 1]))) {
            size_t e = xname_end(s, n, i);
            size_t k = skip_ws(s, n, e);
            if (at(s, n, k) == '(' &&
                word_in(s + i, e - i, XPATH_FUNCS, VIGIL__COUNTOF(XPATH_FUNCS))) {
                *where = i;
                return 85;
            }
            if (at(s, n, e) == ':' && at(s, n, e + 1) == ':' &&
                word_in(s + i, e - i, XPATH_AXES, VIGIL__COUNTOF(XPATH_AXES))) {
                *where = i;
                return 85;
            }
            i = e - 1;
        } else if (c == '/') {
            unsigned char nx = at(s, n, i + 1);
            unsigned char n3 = at(s, n, nx == '@' ? i + 3 : i + 2);
            /* Slash-star must continue as a path (a predicate, a closing
             * parenthesis, a further step), which a comment opener does not. */
            if ((nx == '*' || (nx == '@' && at(s, n, i + 2) == '*')) &&
                (n3 == '[' || n3 == ')' || n3 == '/' || n3 == ']' || n3 == '=')) {
                *where = i;
                return 80;
            }
        }
    }
    return 0;
}

/* A quote at i: what follows the application's string once it is closed.
 * `scanned` keeps the xpath_syntax windows apart, so many quotes stay
 * linear. */
static void xpath_quote(const char *s, size_t n, size_t i, size_t *scanned, best *b)
{
    unsigned char c1 = at(s, n, i + 1), c2 = at(s, n, i + 2) | 0x20;
    if (c1 != ']' && c1 != ')' && !is_ws(c1) && !((c1 | 0x20) == 'o' && c2 == 'r') &&
        !((c1 | 0x20) == 'a' && c2 == 'n'))
        return; /* no closer, "or" or "and" can follow: most quotes */
    /* skip the ')' and ']' that close the application's predicate */
    size_t k = i + 1, closers = 0;
    while (k < n && (s[k] == ']' || s[k] == ')' || is_ws((unsigned char)s[k]))) {
        closers += s[k] == ']' || s[k] == ')';
        k++;
    }
    size_t w = 0;
    if (ci_word(s, n, k, "or"))
        w = 2;
    else if (ci_word(s, n, k, "and"))
        w = 3;
    else if (closers && at(s, n, k) == '|' && at(s, n, skip_ws(s, n, k + 1)) == '/') {
        /* "')]|//x": closing the predicate and unioning a new path */
        note(b, 85, "XPath predicate break and union", i, k + 1 - i);
        return;
    }
    if (!w)
        return;
    size_t r = skip_ws(s, n, k + w), where = 0;
    size_t from = VIGIL__MAX(r, *scanned);
    size_t lim = VIGIL__MIN(n, r + 256);
    *scanned = lim;
    int sc = from < lim ? xpath_syntax(s, n, from, lim, &where) : 0;
    if (sc)
        note(b, sc, "XPath function or path after a quote break", i, where + 1 - i);
    size_t e = tautology_at(s, n, r, 0);
    if (e != NPOS)
        note(b, 70, "string tautology after a quote break", i, e - i);
}

/* Without a quote: a function over a location path, an axis step, or a
 * predicate on a descendant search, at the '(' ':' or '/' at i. */
static void xpath_path(const char *s, size_t n, size_t i, best *b)
{
    unsigned char c = (unsigned char)s[i];
    if (c == '(') {
        if (i == 0 || !is_alpha((unsigned char)s[i - 1]))
            return;
        size_t st = i;
        while (st > 0 && (is_alnum((unsigned char)s[st - 1]) || s[st - 1] == '-'))
            st--;
        size_t k = skip_ws(s, n, i + 1);
        if (word_in(s + st, i - st, XPATH_FUNCS, VIGIL__COUNTOF(XPATH_FUNCS)) &&
            (at(s, n, k) == '/' || ci_at(s, n, k, "@*")))
            note(b, 75, "XPath function over a location path", st, k + 1 - st);
    } else if (c == ':') {
        if (at(s, n, i + 1) != ':' || i == 0)
            return;
        size_t st = i;
        while (st > 0 && (is_alpha((unsigned char)s[st - 1]) || s[st - 1] == '-'))
            st--;
        if (!word_in(s + st, i - st, XPATH_AXES, VIGIL__COUNTOF(XPATH_AXES)))
            return;
        size_t k = i + 2;
        int test = at(s, n, k) == '*' || ci_at(s, n, k, "node()") || ci_at(s, n, k, "text()") ||
                   ci_at(s, n, k, "comment()");
        if (test || (st > 0 && s[st - 1] == '/'))
            note(b, 75, "XPath axis step", st, k - st);
    } else if (at(s, n, i + 1) == '/' && is_alpha(at(s, n, i + 2)) &&
               (i == 0 || !is_alnum((unsigned char)s[i - 1]) || s[i - 1] == '(')) {
        if (i > 0 && s[i - 1] == ':')
            return; /* a URL */
        size_t e = xname_end(s, n, i + 2);
        size_t pv = prev_nonws(s, i);
        /* after a union bar it extends the application's query */
        if (at(s, n, e) == '[')
            note(b, pv != NPOS && s[pv] == '|' ? 75 : 50,
                 "XPath descendant search with predicate", i, e + 1 - i);
    }
}

COLD int xpath_scan(const char *s, size_t n, int sensitivity, vigil__finding *f)
{
    best b = {0, NULL, 0, 0, 0, 0}, path = b;
    if (!s || n < 3)
        return 0;
    /* "//name[" alone scores below sensitivity 2; it counts after '|' */
    int pipe = find_byte(s, n, 0, "|") != NPOS;
    int slash = sensitivity >= 3 || pipe;
    /* One pass over quotes (breaking out of the application's string) and
     * ( : / (XPath syntax without a quote); the quote shapes come first. */
    int other = 0, slashes = 0;
    size_t scanned = 0;
    iter it = ITER_INIT;
#define XPATH_NEXT(from) \
    (slash ? FIND(&it, s, n, (from), "'\"(:/") : FIND(&it, s, n, (from), "'\"(:"))
    for (size_t i = XPATH_NEXT(0); i != NPOS; i = XPATH_NEXT(i + 1)) {
        if (s[i] == '\'' || s[i] == '"') {
            other = 1;
            xpath_quote(s, n, i, &scanned, &b);
        } else {
            other |= s[i] != '/';
            slashes |= s[i] == '/';
            xpath_path(s, n, i, &path);
        }
    }
#undef XPATH_NEXT
    /* Slashes only count next to a union bar. */
    if (!other && !(slashes && pipe))
        return 0;
    if (b.score < 80)
        fold(&b, &path);
    return finish(&b, n, sensitivity, f);
}

int vigil__detect_xpath(const char *s, size_t n, int sensitivity, vigil__finding *f)
{
    /* without any of these it returns 0 */
    iter it = ITER_INIT;
    if (!s || n < 3 || FIND(&it, s, n, 0, "'\"(:|") == NPOS)
        return 0;
    return xpath_scan(s, n, sensitivity, f);
}

/* =================================================================== XXE */

/* "<!" + keyword at i, with optional spaces after "<!". Returns the index
 * after the keyword or NPOS. */
static size_t decl_at(const char *s, size_t n, size_t i, const char *kw)
{
    if (at(s, n, i) != '<' || at(s, n, i + 1) != '!')
        return NPOS;
    size_t k = skip_ws(s, n, i + 2);
    return ci_word(s, n, k, kw) ? k + strlen(kw) : NPOS;
}

/* Finds the end of a markup declaration starting at i (its '>', or the
 * search limit), skipping quoted literals. */
static size_t decl_end(const char *s, size_t n, size_t i)
{
    size_t lim = VIGIL__MIN(n, i + 4096);
    unsigned char q = 0;
    for (size_t k = i; k < lim; k++) {
        unsigned char c = (unsigned char)s[k];
        if (q) {
            if (c == q)
                q = 0;
        } else if (c == '"' || c == '\'') {
            q = c;
        } else if (c == '>' || c == '[') {
            return k;
        }
    }
    return lim;
}

/* Quoted literal at i (after spaces): [*p, *p+*len). Returns index after. */
static size_t quoted(const char *s, size_t n, size_t i, size_t *p, size_t *len)
{
    i = skip_ws(s, n, i);
    unsigned char q = at(s, n, i);
    *p = i;
    *len = 0;
    if (q != '"' && q != '\'')
        return i;
    const char *e = i + 1 < n ? memchr(s + i + 1, q, n - i - 1) : NULL;
    size_t end = e ? (size_t)(e - s) : n;
    /* CSV-style doubled quotes ("") wrap some payloads: skip them. */
    if (end == i + 1 && at(s, n, i + 2) != q && at(s, n, i + 2) != '>' && e) {
        const char *e2 = i + 2 < n ? memchr(s + i + 2, q, n - i - 2) : NULL;
        *p = i + 2;
        *len = e2 ? (size_t)(e2 - s) - i - 2 : n - i - 2;
        return e2 ? (size_t)(e2 - s) + 1 + (at(s, n, (size_t)(e2 - s) + 1) == q) : n;
    }
    *p = i + 1;
    *len = end - i - 1;
    return e ? end + 1 : n;
}

COLD int xxe_scan(const char *s, size_t n, int sensitivity, vigil__finding *f)
{
    best b = {0, NULL, 0, 0, 0, 0};
    if (!s || n < 8)
        return 0;
    int lt = find_byte(s, n, 0, "<") != NPOS;
    int plus = find_byte(s, n, 0, "+") != NPOS;
    if (!lt && !plus)
        return 0;
    if (lt) {
        size_t resume = 0;
        for (const char *p = memchr(s, '<', n); p;
             p = resume < n ? memchr(s + resume, '<', n - resume) : NULL) {
            size_t i = (size_t)(p - s), k;
            resume = i + 1;
            if ((k = decl_at(s, n, i, "ENTITY")) != NPOS) {
                size_t e = decl_end(s, n, k);
                resume = VIGIL__MAX(resume, e); /* each byte scanned once */
                size_t m = skip_ws(s, n, k);
                int param = at(s, n, m) == '%';
                int ext = ci_find(s, e, k, "SYSTEM") != NPOS ||
                          ci_find(s, e, k, "PUBLIC") != NPOS;
                note(&b, ext ? 95 : param ? 90 : 80,
                     ext ? "external XML entity" : param ? "XML parameter entity"
                                                      : "XML entity declaration",
                     i, e - i);
            } else if ((k = decl_at(s, n, i, "DOCTYPE")) != NPOS) {
                size_t e = decl_end(s, n, k);
                resume = VIGIL__MAX(resume, e);
                size_t sy = ci_find(s, e, k, "SYSTEM");
                size_t pu = ci_find(s, e, k, "PUBLIC");
                if (sy != NPOS) {
                    note(&b, 85, "external DTD (DOCTYPE SYSTEM)", i, e - i);
                } else if (pu != NPOS) {
                    /* Standard DTDs have a formal public id ("-//W3C//...")
                     * and an http(s) system id; anything else is suspect. */
                    size_t fp, fl, sp, sl;
                    size_t after = quoted(s, n, pu + 6, &fp, &fl);
                    quoted(s, n, after, &sp, &sl);
                    int formal = fl >= 3 && (s[fp] == '-' || s[fp] == '+') && s[fp + 1] == '/' &&
                                 s[fp + 2] == '/';
                    int web = ci_at(s, n, sp, "http://") || ci_at(s, n, sp, "https://");
                    note(&b, formal && (web || sl == 0) ? 30 : 75, "DOCTYPE with external DTD",
                         i, e - i);
                }
                if (at(s, n, e) == '[')
                    note(&b, 65, "DOCTYPE with internal subset", i, e + 1 - i);
            } else if (at(s, n, i + 1) == '?' && ci_at(s, n, i + 2, "xml")) {
                const char *g = memchr(s + i, '>', VIGIL__MIN(n - i, 256));
                size_t e = g ? (size_t)(g - s) : VIGIL__MIN(n, i + 256);
                if (ci_find(s, e, i, "utf-7") != NPOS || ci_find(s, e, i, "utf7") != NPOS)
                    note(&b, 75, "XML declared as UTF-7", i, e - i);
            }
        }
        /* XInclude: by namespace or the conventional xi: prefix. */
        size_t x = ci_find(s, n, 0, "2001/XInclude");
        if (x != NPOS)
            note(&b, 85, "XInclude namespace", x, 13);
        else if ((x = ci_find(s, n, 0, "<xi:include")) != NPOS)
            note(&b, 80, "XInclude element", x, 11);
        /* Remote schema locations make the parser fetch a URL. */
        x = ci_find(s, n, 0, "schemaLocation");
        if (x != NPOS) {
            size_t q = skip_ws(s, n, x + 14);
            if (at(s, n, q) == '=' && ci_find(s, VIGIL__MIN(n, q + 32), q, "://") != NPOS)
                note(&b, 40, "remote schemaLocation", x, 14);
        }
    }
    if (plus) {
        /* UTF-7 "<!" is "+ADwAIQ-" (or "+ADw-!"). */
        size_t u = ci_find(s, n, 0, "+ADwAIQ");
        if (u == NPOS)
            u = ci_find(s, n, 0, "+ADw-!");
        if (u != NPOS) {
            size_t k = u + 7;
            while (k < n && (s[k] == '-' || s[k] == '!'))
                k++;
            if (ci_at(s, n, k, "DOCTYPE") || ci_at(s, n, k, "ENTITY"))
                note(&b, 85, "UTF-7 encoded DOCTYPE/ENTITY", u, k + 6 - u);
        }
    }
    return finish(&b, n, sensitivity, f);
}

int vigil__detect_xxe(const char *s, size_t n, int sensitivity, vigil__finding *f)
{
    if (!s || n < 8 || (find_byte(s, n, 0, "<") == NPOS && find_byte(s, n, 0, "+") == NPOS))
        return 0;
    return xxe_scan(s, n, sensitivity, f);
}

/* ================================================================== CRLF */

/* Header names an injected line is after, compared with '-' and '_'
 * removed so that "ContentLength" and "Set_Cookie" count too. These never
 * start a line of ordinary prose. */
static const char *const HEADER_STRONG[] = {
    "setcookie", "contenttype", "contentlength", "contentdisposition",
    "contentsecuritypolicy", "contentencoding", "transferencoding",
    "xforwardedfor", "xforwardedhost", "xforwardedproto", "xxssprotection",
    "accesscontrolalloworigin", "accesscontrolallowcredentials",
    "cachecontrol", "xframeoptions", "xcontenttypeoptions",
    "stricttransportsecurity", "wwwauthenticate", "proxyauthorization",
    "xrealip", "xoriginalurl", "xrewriteurl", "xaccelredirect", "xsendfile",
    "xpoweredby", "lastmodified", "setcookie2",
};

enum { NL_NONE = 0, NL_RAW, NL_ENC, NL_ESC, NL_WIDE };

/* A line break at i, raw or written as an escape. Returns its kind and
 * stores its length; *cr tells CR from LF. Kinds: NL_RAW real CR/LF,
 * NL_ENC percent-encoded (%0d, %u000a, %5cr), NL_ESC backslash escape
 * (\r, \n, \u000a, \x0d), NL_WIDE a UTF-8 character whose low byte is
 * CR or LF (U+560A, U+010D, ... : truncated to a byte by some servers). */
static int newline_at(const char *s, size_t n, size_t i, size_t *len, int *cr)
{
    unsigned char c = (unsigned char)s[i];
    if (c == '\r' || c == '\n') {
        *len = 1;
        *cr = c == '\r';
        return NL_RAW;
    }
    if (c == '%') {
        if (ci_at(s, n, i, "%0d") || ci_at(s, n, i, "%0a")) {
            *len = 3;
            *cr = vigil__lower(at(s, n, i + 2)) == 'd';
            return NL_ENC;
        }
        if (ci_at(s, n, i, "%u000d") || ci_at(s, n, i, "%u000a")) {
            *len = 6;
            *cr = vigil__lower(at(s, n, i + 5)) == 'd';
            return NL_ENC;
        }
        if (ci_at(s, n, i, "%5cr") || ci_at(s, n, i, "%5cn")) {
            *len = 4;
            *cr = vigil__lower(at(s, n, i + 3)) == 'r';
            return NL_ENC;
        }
        return NL_NONE;
    }
    if (c == '\\') {
        unsigned char d = at(s, n, i + 1);
        if (d == 'r' || d == 'n') {
            *len = 2;
            *cr = d == 'r';
            return NL_ESC;
        }
        if (ci_at(s, n, i, "\\u000d") || ci_at(s, n, i, "\\u000a")) {
            *len = 6;
            *cr = vigil__lower(at(s, n, i + 5)) == 'd';
            return NL_ESC;
        }
        if (ci_at(s, n, i, "\\x0d") || ci_at(s, n, i, "\\x0a")) {
            *len = 4;
            *cr = vigil__lower(at(s, n, i + 3)) == 'd';
            return NL_ESC;
        }
        return NL_NONE;
    }
    if (c >= 0xC2u && c <= 0xDFu && i + 1 < n) {
        unsigned char c1 = (unsigned char)s[i + 1];
        unsigned low = ((c & 0x03u) << 6) | (c1 & 0x3Fu);
        if ((c1 & 0xC0u) == 0x80u && (low == 0x0Au || low == 0x0Du)) {
            *len = 2;
            *cr = low == 0x0Du;
            return NL_WIDE;
        }
    } else if (c >= 0xE0u && c <= 0xEFu && i + 2 < n) {
        unsigned char c1 = (unsigned char)s[i + 1], c2 = (unsigned char)s[i + 2];
        unsigned low = ((c1 & 0x03u) << 6) | (c2 & 0x3Fu);
        if ((c1 & 0xC0u) == 0x80u && (c2 & 0xC0u) == 0x80u && (low == 0x0Au || low == 0x0Du)) {
            *len = 3;
            *cr = low == 0x0Du;
            return NL_WIDE;
        }
    }
    return NL_NONE;
}

/* Value of a header line at [i, end of line): whether it has the shape
 * the named header needs. Ordinary words ("Location: Room 4B") do not
 * qualify for the names that also start lines of prose. */
static int weak_header_value(const char *name, size_t nl, const char *s, size_t n, size_t i)
{
    i = skip_ws(s, n, i);
    size_t e = i;
    while (e < n && s[e] != '\r' && s[e] != '\n' && e - i < 256)
        e++;
    if (e == i)
        return 0;
    if (vigil__str_eq(vigil__str(name, nl), "location") ||
        vigil__str_eq(vigil__str(name, nl), "contentlocation"))
        return s[i] == '/' || ci_at(s, n, i, "http") || ci_at(s, n, i, "javascript:");
    if (vigil__str_eq(vigil__str(name, nl), "refresh"))
        return is_digit((unsigned char)s[i]);
    if (vigil__str_eq(vigil__str(name, nl), "cookie"))
        return memchr(s + i, '=', e - i) != NULL;
    if (vigil__str_eq(vigil__str(name, nl), "host")) {
        for (size_t k = i; k < e; k++)
            if (!(is_alnum((unsigned char)s[k]) || s[k] == '.' || s[k] == '-' || s[k] == ':'))
                return 0;
        return memchr(s + i, '.', e - i) != NULL;
    }
    return 0;
}

static const char *const HTTP_METHODS[] = {
    "GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "PATCH", "TRACE", "CONNECT",
};

/* An HTTP request line at i: "METHOD SP target SP HTTP/d". The target
 * must look like one ('/', '*' or an absolute URL), which prose does not.
 * Returns the index after "HTTP/" or NPOS. */
static size_t request_line_at(const char *s, size_t n, size_t i)
{
    size_t e = i;
    while (e < n && e - i < 8 && s[e] >= 'A' && s[e] <= 'Z')
        e++;
    if (e == i || at(s, n, e) != ' ' ||
        !word_in_cs(s + i, e - i, HTTP_METHODS, VIGIL__COUNTOF(HTTP_METHODS)))
        return NPOS;
    size_t t0 = e + 1;
    if (!(at(s, n, t0) == '/' || at(s, n, t0) == '*' || ci_at(s, n, t0, "http")))
        return NPOS;
    size_t t1 = t0;
    while (t1 < n && t1 - t0 < 2048 && s[t1] != ' ' && s[t1] != '\r' && s[t1] != '\n')
        t1++;
    if (at(s, n, t1) != ' ' || !ci_at(s, n, t1 + 1, "HTTP/") || !is_digit(at(s, n, t1 + 6)))
        return NPOS;
    return t1 + 6;
}

/* What follows a line break at i. Returns a score: 90 a status line or a
 * header that never starts prose, 85 a prose-like header name with a
 * header-shaped value (Location: http://...), 70 another hyphenated
 * "Token-Token:" or "X-..." name, 0 nothing header-like. `raw` lowers
 * the weak shapes, since real line breaks are common in free text. */
static int header_after(const char *s, size_t n, size_t i, size_t *end, int raw)
{
    while (i < n && (s[i] == ' ' || s[i] == '\t'))
        i++;
    if (ci_at(s, n, i, "HTTP/1.") || ci_at(s, n, i, "HTTP/2")) {
        size_t k = i + (s[i + 5] == '2' ? 6 : 8);
        while (k < n && (s[k] == ' ' || is_digit((unsigned char)s[k]) || s[k] == '.'))
            k++;
        *end = k;
        /* a status line has a three-digit code after the version */
        size_t c = skip_ws(s, n, i + (s[i + 5] == '2' ? 6 : 8));
        int status = is_digit(at(s, n, c)) && is_digit(at(s, n, c + 1)) && is_digit(at(s, n, c + 2));
        return status || !raw ? 90 : 40;
    }
    size_t rl = request_line_at(s, n, i);
    if (rl != NPOS) {
        *end = rl;
        return 90;
    }
    char name[40];
    size_t nl = 0, j = i;
    int hyphen = 0;
    while (j < n && j - i < 64 && (is_alnum((unsigned char)s[j]) || s[j] == '-' || s[j] == '_')) {
        if (s[j] == '-' || s[j] == '_')
            hyphen = 1;
        else if (nl < sizeof name)
            name[nl++] = (char)vigil__lower((unsigned char)s[j]);
        j++;
    }
    if (j == i || !is_alpha((unsigned char)s[i]) || nl >= sizeof name)
        return 0;
    size_t k = j;
    while (k < n && (s[k] == ' ' || s[k] == '\t'))
        k++;
    if (at(s, n, k) != ':' || at(s, n, k + 1) == '/')
        return 0;
    *end = k + 1;
    if (word_in(name, nl, HEADER_STRONG, VIGIL__COUNTOF(HEADER_STRONG)))
        return 90;
    if (weak_header_value(name, nl, s, n, k + 1))
        return 85;
    if (hyphen || (nl > 1 && name[0] == 'x' && s[i + 1] == '-'))
        return raw ? 50 : 70;
    return raw ? 0 : 40;
}

/* 1 when s has a byte >= 0x80; eight bytes at a time. */
static int has_high_byte(const char *s, size_t n)
{
    uint64_t acc = 0;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        acc |= w;
    }
    for (; i < n; i++)
        acc |= (unsigned char)s[i];
    return (acc & 0x8080808080808080ull) != 0;
}

/* 1 when s holds only line breaks (in any spelling) and spaces. */
static int only_line_breaks(const char *s, size_t n)
{
    size_t i = 0, len;
    int cr;
    while (i < n) {
        if (newline_at(s, n, i, &len, &cr) != NL_NONE)
            i += len;
        else if (is_ws((unsigned char)s[i]))
            i++;
        else
            return 0;
    }
    return 1;
}

/* '%' '\', and as one signed range 0x00-0x0D (CR, LF and other controls)
 * with 0xC2-0xFF (UTF-8 lead bytes and a few others). */
#define CRLF_TRIG ((trig){"%\\", NULL, 2, -62, 13, 0, 0, 0})

COLD int crlf_scan(const char *s, size_t n, int sensitivity, vigil__finding *f)
{
    best b = {0, NULL, 0, 0, 0, 0};
    if (!s || n < 2)
        return 0;
    /* Only the bytes that can start a line break are visited: CR, LF, the
     * '%' and '\' of escapes, and UTF-8 lead bytes (the CJK stand-ins).
     * Which of them occur is learnt on the way: bytes the walk steps over
     * belong to breaks whose kind tells their first byte. */
    enum { F_RAW = 1, F_PCT = 2, F_BSL = 4, F_HIGH = 8 };
    static const unsigned char kind_flag[] = {0, F_RAW, F_PCT, F_BSL, F_HIGH};
    const trig tc = CRLF_TRIG;
    iter it = ITER_INIT;
    unsigned fl = 0;
    int breaks = 0;
    for (size_t i = find_any(&it, s, n, 0, tc); i != NPOS;) {
        size_t len;
        int cr;
        int kind = newline_at(s, n, i, &len, &cr);
        if (kind == NL_NONE) {
            /* raw CR/LF always make a break */
            unsigned char c = (unsigned char)s[i];
            fl |= c == '%' ? F_PCT : c == '\\' ? F_BSL : c >= 0x80u ? F_HIGH : 0u;
            i = find_any(&it, s, n, i + 1, tc);
            continue;
        }
        fl |= kind_flag[kind];
        int leading = i == 0;
        breaks++;
        size_t j = i + len, end = j;
        /* A run of breaks: count them and look at what the line starts. */
        size_t len2;
        int cr2, kind2, pair_enc = 0, run = 1;
        while (j < n && (kind2 = newline_at(s, n, j, &len2, &cr2)) != NL_NONE) {
            fl |= kind_flag[kind2];
            if ((kind == NL_ENC && kind2 == NL_ENC) || (kind == NL_ESC && kind2 == NL_ESC))
                pair_enc = 1;
            j += len2;
            run++;
            breaks++;
        }
        int h = header_after(s, n, j, &end, kind == NL_RAW);
        /* A CJK character standing in for CR/LF needs a well-known name. */
        if (kind == NL_WIDE && h < 85)
            h = 0;
        if (h)
            note(&b, h, "line break followed by a header", i, end - i);
        if (pair_enc && kind == NL_ENC)
            note(&b, 65, "encoded CR/LF sequence", i, j - i);
        if (leading && run >= 2 && at(s, n, j) == '<' && is_alpha(at(s, n, j + 1)))
            note(&b, 60, "blank line followed by markup", i, j + 1 - i);
        i = find_any(&it, s, n, j, tc);
    }
    if (!(fl & (F_RAW | F_PCT | F_BSL | F_HIGH))) {
        /* Without breaks, escapes or non-ASCII bytes only the request-line
         * check below is left, for a value that starts with a capital
         * letter and is long enough, or (as ever) one with non-ASCII bytes
         * further on that starts with a space or a capital. The walk saw
         * only the lead bytes, so the rest are looked for here. */
        unsigned char c0 = (unsigned char)s[0];
        int upper = c0 >= 'A' && c0 <= 'Z';
        if (!(n > 14 && upper) && !((upper || is_ws(c0)) && has_high_byte(s, n)))
            return 0;
    }
    int raw = (fl & F_RAW) != 0, pct = (fl & F_PCT) != 0, bsl = (fl & F_BSL) != 0;
    /* A whole request line as the value: request smuggling probes. */
    size_t v0 = skip_ws(s, n, 0);
    /* every method has at least three capitals */
    if (b.score < 65 && at(s, n, v0) >= 'A' && at(s, n, v0) <= 'Z' && at(s, n, v0 + 1) >= 'A' &&
        at(s, n, v0 + 1) <= 'Z') {
        size_t rl = request_line_at(s, n, v0);
        if (rl != NPOS)
            note(&b, 65, "HTTP request line in value", v0, rl - v0);
    }
    if (breaks >= 2 && n <= 256 && only_line_breaks(s, n))
        note(&b, raw && !pct && !bsl ? 35 : 60, "value made of line breaks", 0, n);
    else if (breaks && raw)
        note(&b, 30, "line break in value", 0, n);
    return finish(&b, n, sensitivity, f);
}

int vigil__detect_crlf(const char *s, size_t n, int sensitivity, vigil__finding *f)
{
    iter it = ITER_INIT;
    if (!s || n < 2)
        return 0;
    if (find_any(&it, s, n, 0, CRLF_TRIG) == NPOS) {
        /* No breaks, escapes or lead bytes: at most a request line at the
         * start (crlf_scan has the exact conditions), and every method
         * has at least two capitals. */
        size_t v0 = skip_ws(s, n, 0);
        if (!(at(s, n, v0) >= 'A' && at(s, n, v0) <= 'Z' && at(s, n, v0 + 1) >= 'A' &&
              at(s, n, v0 + 1) <= 'Z'))
            return 0;
    }
    return crlf_scan(s, n, sensitivity, f);
}

/* ========================================================= prototype keys */

int vigil__detect_proto_key(const char *s, size_t n, int sensitivity, vigil__finding *f)
{
    best b = {0, NULL, 0, 0, 0, 0};
    if (!s || n < 9)
        return 0;
    /* Everything above sensitivity 3 involves "proto". */
    if (ci_find_in(s, n, 0, "proto") == NPOS &&
        (sensitivity < 3 || ci_find(s, n, 0, "constructor") == NPOS))
        return 0;
    size_t i = ci_find(s, n, 0, "__proto__");
    if (i != NPOS) {
        note(&b, 95, "__proto__ in key", i, 9);
        return finish(&b, n, sensitivity, f);
    }
    for (i = ci_find(s, n, 0, "constructor"); i != NPOS; i = ci_find(s, n, i + 1, "constructor")) {
        size_t k = i + 11;
        /* separators between the two: . [ ] " ' and spaces */
        while (k < n && k < i + 20 &&
               (s[k] == '.' || s[k] == '[' || s[k] == ']' || s[k] == '"' || s[k] == '\'' ||
                is_ws((unsigned char)s[k])))
            k++;
        if (k > i + 11 && ci_at(s, n, k, "prototype")) {
            note(&b, 95, "constructor.prototype in key", i, k + 9 - i);
            break;
        }
        int alone_l = i == 0 || !is_ident((unsigned char)s[i - 1]);
        if (alone_l && !is_ident(at(s, n, i + 11)))
            note(&b, 35, "constructor key", i, 11);
    }
    i = ci_find(s, n, 0, "prototype");
    if (i != NPOS && (i == 0 || !is_ident((unsigned char)s[i - 1])) && !is_ident(at(s, n, i + 9)))
        note(&b, 35, "prototype key", i, 9);
    return finish(&b, n, sensitivity, f);
}

/* ======================================================== open redirect */

#define REDIR_NORM 512

static const char *const REDIR_PARAMS[] = {
    "url", "uri", "next", "redirect", "redir", "redirect_uri", "redirect_url",
    "rurl", "return", "returnto", "return_to", "returnurl", "return_url",
    "dest", "destination", "continue", "goto", "target", "to", "out",
    "callback", "forward", "location", "path", "r", "u",
};

/* Characters some browsers and URL parsers turn into '/' (ideographic
 * iteration marks, prolonged sound mark, fullwidth and math slashes):
 * U+3031 U+3035 U+309D U+30FC U+FF0F U+FF3C U+2215 U+2044 U+29F8 U+FE68. */
static size_t unicode_slash(const unsigned char *u, size_t left)
{
    if (left < 3)
        return 0;
    uint32_t cp;
    if ((u[0] & 0xF0u) != 0xE0u || (u[1] & 0xC0u) != 0x80u || (u[2] & 0xC0u) != 0x80u)
        return 0;
    cp = ((uint32_t)(u[0] & 0x0Fu) << 12) | ((uint32_t)(u[1] & 0x3Fu) << 6) | (u[2] & 0x3Fu);
    switch (cp) {
    case 0x3031: case 0x3035: case 0x309D: case 0x30FC: case 0xFF0F:
    case 0xFF3C: case 0x2215: case 0x2044: case 0x29F8: case 0xFE68:
        return 3;
    default:
        return 0;
    }
}

/* Scheme at the start of u (letters, digits, + . -, then ':').
 * Returns its length without the ':' or 0. */
static size_t scheme_len(const char *u, size_t n)
{
    if (n == 0 || !is_alpha((unsigned char)u[0]))
        return 0;
    size_t i = 1;
    while (i < n && i < 32 &&
           (is_alnum((unsigned char)u[i]) || u[i] == '+' || u[i] == '.' || u[i] == '-'))
        i++;
    return (i < n && u[i] == ':') ? i : 0;
}

/* Scores a redirect target u (already normalised). */
static void redirect_target(const char *u, size_t n, size_t off, best *b, int nested)
{
    size_t sl = scheme_len(u, n);
    if (sl) {
        static const char *const script[] = {"javascript", "vbscript", "data", "livescript"};
        static const char *const webs[] = {"http", "https", "ftp"};
        if (word_in(u, sl, script, VIGIL__COUNTOF(script))) {
            note(b, 95, "script URL as redirect target", off, sl + 1);
            return;
        }
        int web = word_in(u, sl, webs, VIGIL__COUNTOF(webs));
        size_t k = sl + 1;
        size_t slashes = 0;
        while (k < n && u[k] == '/') {
            k++;
            slashes++;
        }
        if (web) {
            int tricky = slashes != 2;
            for (size_t m = k; m < n && u[m] != '/' && u[m] != '?' && u[m] != '#'; m++)
                if (u[m] == '@')
                    tricky = 1;
            /* Any host may be foreign, but plain absolute URLs are also the
             * everyday value of a "url" parameter: sensitivity 2. Userinfo,
             * odd slash counts and the like are never innocent. */
            if (k < n)
                note(b, tricky ? 85 : 60, "absolute URL as redirect target", off, n);
        } else if (slashes >= 2 && k < n) {
            note(b, 60, "absolute URL with another scheme", off, n);
        }
        return;
    }
    if (n >= 2 && u[0] == '/' && u[1] == '/') {
        note(b, 85, "protocol-relative redirect target", off, n);
        return;
    }
    size_t k = 0;
    while (k < n && u[k] == '/')
        k++;
    size_t us = unicode_slash((const unsigned char *)u + k, n - k);
    if (us && k + us < n && is_alnum((unsigned char)u[k + us])) {
        note(b, 80, "Unicode slash look-alike before a host", off, k + us);
        return;
    }
    /* "@evil.com" and ".evil.com" complete a prefix the application
     * prepends ("https://trusted.com" + value) into another host. */
    if (!nested && k == 0 && (u[0] == '@' || u[0] == '.')) {
        size_t h = 1;
        while (h < n && (is_alnum((unsigned char)u[h]) || u[h] == '-'))
            h++;
        if (h > 1 && h + 2 < n && u[h] == '.' && is_alpha((unsigned char)u[h + 1]) &&
            is_alpha((unsigned char)u[h + 2]))
            note(b, u[0] == '@' ? 65 : 60, "host suffix or userinfo trick", off, h);
    }
    if (k >= 1 && !nested) {
        size_t s2 = scheme_len(u + k, n - k);
        static const char *const embedded[] = {"http", "https", "javascript", "data"};
        if (s2 && word_in(u + k, s2, embedded, VIGIL__COUNTOF(embedded)))
            note(b, 65, "URL embedded after leading slash", off, n);
    }
}

int vigil__detect_redirect(const char *s, size_t n, int sensitivity, vigil__finding *f)
{
    best b = {0, NULL, 0, 0, 0, 0};
    if (!s || n == 0)
        return 0;
    /* Normalise the way browsers parse a Location: drop leading C0/space,
     * remove tab/CR/LF anywhere, read '\' as '/'. Most values need none of
     * that and are judged in place. */
    char buf[REDIR_NORM];
    size_t un = 0, i = 0;
    while (i < n && (unsigned char)s[i] <= 0x20u)
        i++;
    size_t off = i;
    const char *u = s + off;
    iter it = ITER_INIT;
    if (FIND(&it, s, VIGIL__MIN(n, off + REDIR_NORM), off, "\t\r\n\\") == NPOS) {
        un = VIGIL__MIN(n - off, REDIR_NORM);
    } else {
        for (; i < n && un < REDIR_NORM; i++) {
            char c = s[i];
            if (c == '\t' || c == '\r' || c == '\n')
                continue;
            buf[un++] = c == '\\' ? '/' : c;
        }
        u = buf;
    }
    if (un == 0)
        return 0;
    redirect_target(u, un, off, &b, 0);
    if (b.score < 80) {
        /* One pass over the bytes that matter: markup and quotes that
         * break out of an href, dot segments, chained redirect params
         * (collected apart: they count after the others). */
        int quote = 0;
        best chain = {0, NULL, 0, 0, 0, 0};
        iter it2 = ITER_INIT;
        for (size_t k = FIND(&it2, u, un, 0, "<>\"'`/?&"); k != NPOS;
             k = FIND(&it2, u, un, k + 1, "<>\"'`/?&")) {
            unsigned char c = (unsigned char)u[k];
            if (c == '<' || c == '>') {
                note(&b, 65, "markup in redirect target", off + k, 1);
            } else if (c == '"' || c == '\'') {
                size_t q = k + 1;
                while (q < un && u[q] != ';' && u[q] != ')' && u[q] != '+' && q < k + 64)
                    q++;
                if (q < un && q < k + 64 && (u[q] == ';' || u[q] == ')' || u[q] == '+'))
                    quote = 1;
                if (quote)
                    note(&b, 65, "quote break in redirect target", off + k, q - k + 1);
            } else if (c == '`') {
                note(&b, 50, "backtick in redirect target", off + k, 1);
            } else if (c == '/') {
                /* "/path//.." and "/x/../": dot segments that escape the path */
                if (k > 0 && k + 2 < un && u[k + 1] == '.' && u[k + 2] == '.' &&
                    (k + 3 == un || u[k + 3] == '/'))
                    note(&b, 60, "dot segment in redirect target", off + k, 3);
            } else {
                /* A chained redirect: "?next=//evil" inside the target. */
                size_t e = k + 1;
                while (e < un && (is_ident((unsigned char)u[e]) || u[e] == '-'))
                    e++;
                if (e < un && u[e] == '=' &&
                    word_in(u + k + 1, e - k - 1, REDIR_PARAMS, VIGIL__COUNTOF(REDIR_PARAMS))) {
                    best inner = {0, NULL, 0, 0, 0, 0};
                    redirect_target(u + e + 1, un - e - 1, off + e + 1, &inner, 1);
                    if (inner.score >= 60)
                        note(&chain, 70, "chained redirect parameter", off + k, un - k);
                }
            }
        }
        fold(&b, &chain);
    }
    return finish(&b, n, sensitivity, f);
}
