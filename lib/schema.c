/* schema.c - JSON Schema subset: compile from cJSON, validate tapes and
 * query/path parameters without malloc (see schema.h). */
#include "schema.h"

#include <float.h>
#include <stdio.h>
#include <stdlib.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "error.h"

/* Bounds on regex work per match: the backtracking budget, nesting of
 * the interpreter's frames, its heap (KiB) and the JIT stack. A match that
 * hits one counts as a violation (fail closed), never as a pass. */
#define RE_MATCH_LIMIT  1000000u
#define RE_DEPTH_LIMIT  50000u
#define RE_HEAP_LIMIT_K 16384u
#define RE_JIT_STACK    (2u * 1024u * 1024u)

#define PATH_CAP   256 /* locations passed to emit (longer ones truncated) */
#define DETAIL_CAP 256
#define EXCERPT    40  /* attacker bytes shown in a detail, before escaping */

enum {
    T_STRING = 1u << 0,
    T_INTEGER = 1u << 1,
    T_NUMBER = 1u << 2,
    T_BOOLEAN = 1u << 3,
    T_OBJECT = 1u << 4,
    T_ARRAY = 1u << 5,
    T_NULL = 1u << 6
};

static const struct {
    const char *name;
    unsigned bit;
} type_names[] = {
    { "string", T_STRING }, { "integer", T_INTEGER }, { "number", T_NUMBER },
    { "boolean", T_BOOLEAN }, { "object", T_OBJECT }, { "array", T_ARRAY },
    { "null", T_NULL },
};

enum { F_NONE = 0, F_UUID, F_EMAIL, F_DATETIME, F_DATE, F_INT32, F_INT64, F_IPV4, F_IPV6 };

static const char *const format_names[] = {
    "", "uuid", "email", "date-time", "date", "int32", "int64", "ipv4", "ipv6",
};

/* Which numeric/size keywords are present. */
enum {
    H_MIN = 1u << 0, H_MAX = 1u << 1, H_XMIN = 1u << 2, H_XMAX = 1u << 3,
    H_MINLEN = 1u << 4, H_MAXLEN = 1u << 5, H_MINITEMS = 1u << 6, H_MAXITEMS = 1u << 7,
    H_ENUM = 1u << 8
};

/* enum literals */
enum { L_TRUE = 1, L_FALSE = 2, L_NULL = 4 };

typedef struct sbytes {
    char  *p;
    size_t n;
} sbytes;

/* One name known to an object schema: a property, a required name, or
 * both. Kept sorted by (length, bytes) for binary search. */
typedef struct prop {
    char          *name;
    size_t         len;
    vigil__schema *sub;     /* NULL: not in "properties" (or schema true) */
    int            is_prop; /* listed in "properties"                     */
    long           req;     /* bit in the required bitmap, or -1          */
} prop;

struct vigil__schema {
    int            never; /* the schema `false` */
    unsigned       types; /* T_* bits; 0 = any type */
    unsigned       has;   /* H_* bits */
    double         minimum, maximum, xmin, xmax;
    uint64_t       min_len, max_len, min_items, max_items;
    int            format;
    pcre2_code    *re;
    /* enum: strings sorted by (len, bytes), numbers, literal bits */
    sbytes        *enum_str;
    size_t         n_enum_str;
    double        *enum_num;
    size_t         n_enum_num;
    unsigned       enum_lit;
    /* object */
    prop          *props;
    size_t         n_props;
    size_t         n_req;
    const prop   **req; /* bit -> name, for messages */
    int            addl_forbidden;
    vigil__schema *addl;
    int            has_array_props; /* params: some property is array-typed */
    /* array */
    vigil__schema *items;
};

/* ================================================================ helpers */

static int bytes_cmp(const char *a, size_t an, const char *b, size_t bn)
{
    if (an != bn)
        return an < bn ? -1 : 1;
    return an ? memcmp(a, b, an) : 0;
}

static int sbytes_qcmp(const void *x, const void *y)
{
    const sbytes *a = x, *b = y;
    return bytes_cmp(a->p, a->n, b->p, b->n);
}

static int prop_qcmp(const void *x, const void *y)
{
    const prop *a = x, *b = y;
    return bytes_cmp(a->name, a->len, b->name, b->len);
}

static int double_qcmp(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return a < b ? -1 : a > b ? 1 : 0;
}

static const prop *find_prop(const vigil__schema *s, const char *name, size_t len)
{
    size_t lo = 0, hi = s->n_props;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = bytes_cmp(name, len, s->props[mid].name, s->props[mid].len);
        if (c == 0)
            return &s->props[mid];
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

static int is_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

/* Powers of ten by binary exponentiation; e >= 0. */
static double pow10_pos(long e)
{
    static const double p[] = { 1e1, 1e2, 1e4, 1e8, 1e16, 1e32, 1e64, 1e128, 1e256 };
    double r = 1.0;
    for (size_t k = 0; k < VIGIL__COUNTOF(p) && e; k++, e >>= 1)
        if (e & 1)
            r *= p[k];
    if (e)
        r = DBL_MAX * 2.0; /* beyond 1e511: infinite */
    return r;
}

/* Value of a decimal number text already known to be well formed:
 * [+-]?digits*(.digits*)?([eE][+-]?digits)?. Locale-independent; exact
 * for up to 15 significant digits and small exponents, within a few ulp
 * otherwise (ample for schema bounds). */
static double parse_double(const char *p, size_t n)
{
    size_t i = 0;
    int neg = 0, sig = 0;
    uint64_t mant = 0;
    long e10 = 0;
    if (i < n && (p[i] == '-' || p[i] == '+'))
        neg = p[i++] == '-';
    for (; i < n && is_digit((unsigned char)p[i]); i++) {
        if (sig < 19) {
            mant = mant * 10 + (uint64_t)(p[i] - '0');
            if (mant)
                sig++;
        } else {
            e10++;
        }
    }
    if (i < n && p[i] == '.') {
        for (i++; i < n && is_digit((unsigned char)p[i]); i++) {
            if (sig < 19) {
                mant = mant * 10 + (uint64_t)(p[i] - '0');
                if (mant)
                    sig++;
                e10--;
            }
        }
    }
    if (i < n && (p[i] == 'e' || p[i] == 'E')) {
        int eneg = 0;
        long ev = 0;
        i++;
        if (i < n && (p[i] == '-' || p[i] == '+'))
            eneg = p[i++] == '-';
        for (; i < n && is_digit((unsigned char)p[i]); i++)
            if (ev < 100000)
                ev = ev * 10 + (p[i] - '0');
        e10 += eneg ? -ev : ev;
    }
    double d = (double)mant;
    if (mant == 0) {
        d = 0.0;
    } else if (e10 > 0) {
        d = e10 > 400 ? DBL_MAX * 2.0 : d * pow10_pos(e10);
    } else if (e10 < 0) {
        if (e10 < -400)
            d = 0.0;
        else if (e10 < -300)
            d = d / 1e300 / pow10_pos(-e10 - 300);
        else
            d = d / pow10_pos(-e10);
    }
    return neg ? -d : d;
}

static int is_finite(double d)
{
    return d == d && d <= DBL_MAX && d >= -DBL_MAX;
}

static int is_integral(double d)
{
    if (!is_finite(d))
        return 0;
    if (d >= 9007199254740992.0 || d <= -9007199254740992.0)
        return 1; /* every double this large is an integer */
    return d == (double)(int64_t)d;
}

/* Whether an integer text [+-]?[0-9]+ fits in a signed `bits`-bit integer,
 * compared digit by digit so that no value overflows. */
static int int_text_fits(const char *p, size_t n, int bits)
{
    size_t i = 0;
    int neg = 0;
    if (i < n && (p[i] == '-' || p[i] == '+'))
        neg = p[i++] == '-';
    while (i + 1 < n && p[i] == '0')
        i++;
    const char *lim = bits == 32 ? (neg ? "2147483648" : "2147483647")
                                 : (neg ? "9223372036854775808" : "9223372036854775807");
    size_t ln = strlen(lim), dn = n - i;
    if (dn != ln)
        return dn < ln;
    return memcmp(p + i, lim, ln) <= 0;
}

/* Code points in s (continuation bytes are not counted; invalid bytes each
 * count as one). */
static uint64_t utf8_count(const char *s, size_t n)
{
    uint64_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

/* Well-formed UTF-8 (no overlongs, surrogates or values above U+10FFFF). */
static int utf8_valid(const char *str, size_t n)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    while (i < n) {
        unsigned c = s[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t k;
        unsigned lo = 0x80, hi = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) {
            k = 2;
        } else if (c >= 0xE0 && c <= 0xEF) {
            k = 3;
            if (c == 0xE0)
                lo = 0xA0;
            if (c == 0xED)
                hi = 0x9F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            k = 4;
            if (c == 0xF0)
                lo = 0x90;
            if (c == 0xF4)
                hi = 0x8F;
        } else {
            return 0;
        }
        if (n - i < k || s[i + 1] < lo || s[i + 1] > hi)
            return 0;
        for (size_t j = 2; j < k; j++)
            if ((s[i + j] & 0xC0) != 0x80)
                return 0;
        i += k;
    }
    return 1;
}

/* ================================================================ formats */

static int digits_at(const char *s, size_t n, size_t i, size_t k, int *v)
{
    int r = 0;
    if (i + k > n)
        return 0;
    for (size_t j = 0; j < k; j++) {
        if (!is_digit((unsigned char)s[i + j]))
            return 0;
        r = r * 10 + (s[i + j] - '0');
    }
    *v = r;
    return 1;
}

static int days_in_month(int y, int m)
{
    static const int d[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return d[m - 1];
}

/* YYYY-MM-DD at s[0..10). */
static int fmt_date10(const char *s, size_t n)
{
    int y, m, d;
    if (n < 10 || !digits_at(s, n, 0, 4, &y) || s[4] != '-' || !digits_at(s, n, 5, 2, &m) ||
        s[7] != '-' || !digits_at(s, n, 8, 2, &d))
        return 0;
    return m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

static int fmt_date(const char *s, size_t n)
{
    return n == 10 && fmt_date10(s, n);
}

/* RFC 3339 date-time: full-date "T" HH:MM:SS[.frac] (Z | +HH:MM | -HH:MM);
 * T and Z in either case; a leap second only at 23:59:60 UTC. */
static int fmt_datetime(const char *s, size_t n)
{
    int hh, mm, ss, oh = 0, om = 0, sign = 0;
    if (n < 20 || !fmt_date10(s, n) || (s[10] != 'T' && s[10] != 't'))
        return 0;
    if (!digits_at(s, n, 11, 2, &hh) || s[13] != ':' || !digits_at(s, n, 14, 2, &mm) ||
        s[16] != ':' || !digits_at(s, n, 17, 2, &ss))
        return 0;
    size_t i = 19;
    if (i < n && s[i] == '.') {
        size_t st = ++i;
        while (i < n && is_digit((unsigned char)s[i]))
            i++;
        if (i == st)
            return 0;
    }
    if (i >= n)
        return 0;
    if (s[i] == 'Z' || s[i] == 'z') {
        i++;
    } else if (s[i] == '+' || s[i] == '-') {
        sign = s[i] == '-' ? -1 : 1;
        if (!digits_at(s, n, i + 1, 2, &oh) || i + 3 >= n || s[i + 3] != ':' ||
            !digits_at(s, n, i + 4, 2, &om))
            return 0;
        i += 6;
    } else {
        return 0;
    }
    if (i != n || hh > 23 || mm > 59 || ss > 60 || oh > 23 || om > 59)
        return 0;
    if (ss == 60) {
        int utc = hh * 60 + mm - sign * (oh * 60 + om);
        utc = ((utc % 1440) + 1440) % 1440;
        if (utc != 23 * 60 + 59)
            return 0;
    }
    return 1;
}

static int fmt_uuid(const char *s, size_t n)
{
    if (n != 36)
        return 0;
    for (size_t i = 0; i < 36; i++) {
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (s[i] != '-')
                return 0;
        } else if (vigil__hexval((unsigned char)s[i]) < 0) {
            return 0;
        }
    }
    return 1;
}

/* Dotted quad, decimal, no leading zeros. */
static int fmt_ipv4(const char *s, size_t n)
{
    size_t i = 0;
    for (int part = 0; part < 4; part++) {
        if (part) {
            if (i >= n || s[i] != '.')
                return 0;
            i++;
        }
        size_t st = i;
        int v = 0;
        while (i < n && is_digit((unsigned char)s[i]) && i - st < 3)
            v = v * 10 + (s[i++] - '0');
        if (i == st || v > 255 || (i - st > 1 && s[st] == '0'))
            return 0;
    }
    return i == n;
}

/* RFC 4291 text forms: eight groups, one "::", optional trailing dotted
 * quad. No zone index. */
static int fmt_ipv6(const char *s, size_t n)
{
    size_t i = 0;
    int groups = 0, gap = 0;
    if (n < 2 || n > 45)
        return 0;
    if (s[0] == ':') {
        if (s[1] != ':')
            return 0;
        gap = 1;
        i = 2;
        if (i == n)
            return 1;
    }
    for (;;) {
        /* a group, or the trailing IPv4 part */
        size_t e = i;
        int dot = 0;
        while (e < n && s[e] != ':') {
            if (s[e] == '.')
                dot = 1;
            e++;
        }
        if (dot) {
            if (e != n || !fmt_ipv4(s + i, n - i))
                return 0;
            groups += 2;
            break;
        }
        if (e == i || e - i > 4)
            return 0;
        for (size_t k = i; k < e; k++)
            if (vigil__hexval((unsigned char)s[k]) < 0)
                return 0;
        groups++;
        i = e;
        if (i == n)
            break;
        i++; /* ':' */
        if (i < n && s[i] == ':') {
            if (gap)
                return 0;
            gap = 1;
            i++;
            if (i == n)
                break;
        } else if (i == n) {
            return 0; /* trailing single ':' */
        }
        if (groups > 8)
            return 0;
    }
    return gap ? groups <= 7 : groups == 8;
}

static int atext(unsigned char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c))
        return 1;
    return c && strchr("!#$%&'*+/=?^_`{|}~-", c) != NULL;
}

/* Host name: dot-separated labels of letters, digits and inner hyphens. */
static int hostname_ok(const char *s, size_t n)
{
    if (n == 0 || n > 253)
        return 0;
    size_t st = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i == n || s[i] == '.') {
            size_t ll = i - st;
            if (ll == 0 || ll > 63 || s[st] == '-' || s[i - 1] == '-')
                return 0;
            st = i + 1;
            continue;
        }
        unsigned char c = (unsigned char)s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c) || c == '-'))
            return 0;
    }
    return 1;
}

/* RFC 5321 mailbox, ASCII only, without quoted local parts: dot-atom
 * local part (1-64) "@" host name or address literal. */
static int fmt_email(const char *s, size_t n)
{
    if (n > 254)
        return 0;
    const char *at = memchr(s, '@', n);
    if (!at)
        return 0;
    size_t ll = (size_t)(at - s);
    const char *d = at + 1;
    size_t dl = n - ll - 1;
    if (ll == 0 || ll > 64 || s[0] == '.' || s[ll - 1] == '.')
        return 0;
    for (size_t i = 0; i < ll; i++) {
        if (s[i] == '.') {
            if (s[i + 1] == '.')
                return 0;
        } else if (!atext((unsigned char)s[i])) {
            return 0;
        }
    }
    if (dl >= 2 && d[0] == '[' && d[dl - 1] == ']') {
        if (dl > 7 && memcmp(d + 1, "IPv6:", 5) == 0)
            return fmt_ipv6(d + 6, dl - 7);
        return fmt_ipv4(d + 1, dl - 2);
    }
    return hostname_ok(d, dl);
}

static int format_string_ok(int f, const char *s, size_t n)
{
    switch (f) {
    case F_UUID: return fmt_uuid(s, n);
    case F_EMAIL: return fmt_email(s, n);
    case F_DATETIME: return fmt_datetime(s, n);
    case F_DATE: return fmt_date(s, n);
    case F_IPV4: return fmt_ipv4(s, n);
    case F_IPV6: return fmt_ipv6(s, n);
    default: return 1; /* int32/int64 apply to numbers */
    }
}

/* ================================================================ compile */

enum {
    K_TYPE, K_ENUM, K_MINIMUM, K_MAXIMUM, K_XMIN, K_XMAX, K_MINLEN, K_MAXLEN, K_PATTERN,
    K_FORMAT, K_REQUIRED, K_PROPERTIES, K_ADDL, K_ITEMS, K_MINITEMS, K_MAXITEMS,
    K_IGNORED, K_COUNT_
};

static const struct {
    const char *name;
    int id;
} keywords[] = {
    { "type", K_TYPE },
    { "enum", K_ENUM },
    { "minimum", K_MINIMUM },
    { "maximum", K_MAXIMUM },
    { "exclusiveMinimum", K_XMIN },
    { "exclusiveMaximum", K_XMAX },
    { "minLength", K_MINLEN },
    { "maxLength", K_MAXLEN },
    { "pattern", K_PATTERN },
    { "format", K_FORMAT },
    { "required", K_REQUIRED },
    { "properties", K_PROPERTIES },
    { "additionalProperties", K_ADDL },
    { "items", K_ITEMS },
    { "minItems", K_MINITEMS },
    { "maxItems", K_MAXITEMS },
    { "description", K_IGNORED },
    { "title", K_IGNORED },
    { "$comment", K_IGNORED },
    { "example", K_IGNORED },
    { "examples", K_IGNORED },
    { "default", K_IGNORED },
};

static void schema_free_node(vigil__schema *s)
{
    if (!s)
        return;
    if (s->re)
        pcre2_code_free(s->re);
    for (size_t i = 0; i < s->n_enum_str; i++)
        free(s->enum_str[i].p);
    free(s->enum_str);
    free(s->enum_num);
    for (size_t i = 0; i < s->n_props; i++) {
        free(s->props[i].name);
        schema_free_node(s->props[i].sub);
    }
    free(s->props);
    free(s->req);
    schema_free_node(s->addl);
    schema_free_node(s->items);
    free(s);
}

void vigil__schema_free(vigil__schema *s)
{
    schema_free_node(s);
}

static char *kw_path(char *buf, const char *path, const char *kw)
{
    size_t len = strlen(path);
    if (len >= PATH_CAP)
        len = PATH_CAP - 1;
    memmove(buf, path, len);
    buf[len] = '\0';
    vigil__path_append_key(buf, PATH_CAP, len, kw, strlen(kw));
    return buf;
}

static char *idx_path(char *buf, const char *path, size_t i)
{
    size_t len = strlen(path);
    if (len >= PATH_CAP)
        len = PATH_CAP - 1;
    memmove(buf, path, len);
    buf[len] = '\0';
    vigil__path_append_index(buf, PATH_CAP, len, i);
    return buf;
}

static int compile_node(const cJSON *j, const char *path, int nest, vigil__schema **out,
                        vigil_error *err);

/* Non-negative integer keyword value (lengths, item counts). */
static int get_count(const cJSON *c, const char *kp, uint64_t *v, vigil_error *err)
{
    if (!cJSON_IsNumber(c) || !(c->valuedouble >= 0) || !is_integral(c->valuedouble) ||
        c->valuedouble > 9007199254740992.0)
        return vigil__error_set(err, VIGIL_EPOLICY, kp, "\"%s\" must be a non-negative integer",
                                c->string);
    *v = (uint64_t)c->valuedouble;
    return 0;
}

static int get_number(const cJSON *c, const char *kp, double *v, vigil_error *err)
{
    if (!cJSON_IsNumber(c) || !is_finite(c->valuedouble))
        return vigil__error_set(err, VIGIL_EPOLICY, kp, "\"%s\" must be a number", c->string);
    *v = c->valuedouble;
    return 0;
}

static int compile_type(vigil__schema *s, const cJSON *c, const char *kp, vigil_error *err)
{
    char ip[PATH_CAP];
    if (cJSON_IsArray(c) && !c->child)
        return vigil__error_set(err, VIGIL_EPOLICY, kp, "\"type\" must not be empty");
    if (!cJSON_IsString(c) && !cJSON_IsArray(c))
        return vigil__error_set(err, VIGIL_EPOLICY, kp,
                                "\"type\" must be a string or an array of strings");
    size_t i = 0;
    for (const cJSON *e = cJSON_IsArray(c) ? c->child : c; e; e = cJSON_IsArray(c) ? e->next : NULL, i++) {
        const char *where = cJSON_IsArray(c) ? idx_path(ip, kp, i) : kp;
        if (!cJSON_IsString(e))
            return vigil__error_set(err, VIGIL_EPOLICY, where,
                                    "\"type\" must be a string or an array of strings");
        unsigned bit = 0;
        for (size_t k = 0; k < VIGIL__COUNTOF(type_names); k++)
            if (strcmp(e->valuestring, type_names[k].name) == 0)
                bit = type_names[k].bit;
        if (!bit) {
            char ex[64];
            vigil__safe_excerpt(ex, sizeof ex, e->valuestring, strlen(e->valuestring));
            return vigil__error_set(err, VIGIL_EPOLICY, where, "unknown type \"%s\"", ex);
        }
        s->types |= bit;
    }
    return 0;
}

static int compile_enum(vigil__schema *s, const cJSON *c, const char *kp, vigil_error *err)
{
    char ip[PATH_CAP];
    int n = cJSON_GetArraySize(c);
    if (!cJSON_IsArray(c) || n == 0)
        return vigil__error_set(err, VIGIL_EPOLICY, kp, "\"enum\" must be a non-empty array");
    s->enum_str = calloc((size_t)n, sizeof *s->enum_str);
    s->enum_num = calloc((size_t)n, sizeof *s->enum_num);
    if (!s->enum_str || !s->enum_num)
        return vigil__error_set(err, VIGIL_ENOMEM, kp, "out of memory");
    s->has |= H_ENUM;
    size_t i = 0;
    for (const cJSON *e = c->child; e; e = e->next, i++) {
        if (cJSON_IsString(e)) {
            size_t len = strlen(e->valuestring);
            char *p = malloc(len + 1);
            if (!p)
                return vigil__error_set(err, VIGIL_ENOMEM, kp, "out of memory");
            memcpy(p, e->valuestring, len + 1);
            s->enum_str[s->n_enum_str].p = p;
            s->enum_str[s->n_enum_str++].n = len;
        } else if (cJSON_IsNumber(e) && is_finite(e->valuedouble)) {
            s->enum_num[s->n_enum_num++] = e->valuedouble;
        } else if (cJSON_IsTrue(e)) {
            s->enum_lit |= L_TRUE;
        } else if (cJSON_IsFalse(e)) {
            s->enum_lit |= L_FALSE;
        } else if (cJSON_IsNull(e)) {
            s->enum_lit |= L_NULL;
        } else {
            return vigil__error_set(err, VIGIL_EPOLICY, idx_path(ip, kp, i),
                                    "\"enum\" values must be strings, numbers, booleans or null");
        }
    }
    if (s->n_enum_str > 1)
        qsort(s->enum_str, s->n_enum_str, sizeof *s->enum_str, sbytes_qcmp);
    if (s->n_enum_num > 1)
        qsort(s->enum_num, s->n_enum_num, sizeof *s->enum_num, double_qcmp);
    return 0;
}

static int compile_pattern(vigil__schema *s, const cJSON *c, const char *kp, vigil_error *err)
{
    if (!cJSON_IsString(c))
        return vigil__error_set(err, VIGIL_EPOLICY, kp, "\"pattern\" must be a string");
    pcre2_compile_context *cc = pcre2_compile_context_create(NULL);
    if (!cc)
        return vigil__error_set(err, VIGIL_ENOMEM, kp, "out of memory");
    /* ECMA-262 flavour: \u escapes, '$' only at the very end. */
    pcre2_set_compile_extra_options(cc, PCRE2_EXTRA_ALT_BSUX);
    int code = 0;
    PCRE2_SIZE off = 0;
    s->re = pcre2_compile((PCRE2_SPTR)c->valuestring, strlen(c->valuestring),
                          PCRE2_UTF | PCRE2_ALT_BSUX | PCRE2_DOLLAR_ENDONLY |
                              PCRE2_NEVER_BACKSLASH_C,
                          &code, &off, cc);
    pcre2_compile_context_free(cc);
    if (!s->re) {
        PCRE2_UCHAR msg[160];
        if (pcre2_get_error_message(code, msg, sizeof msg) < 0)
            snprintf((char *)msg, sizeof msg, "error %d", code);
        if (code == PCRE2_ERROR_NOMEMORY)
            return vigil__error_set(err, VIGIL_ENOMEM, kp, "out of memory");
        return vigil__error_set(err, VIGIL_EPOLICY, kp, "invalid pattern: %s at offset %zu",
                                (const char *)msg, (size_t)off);
    }
    /* JIT is an optimisation only; the interpreter is used without it. */
    (void)pcre2_jit_compile(s->re, PCRE2_JIT_COMPLETE);
    return 0;
}

static int compile_format(vigil__schema *s, const cJSON *c, const char *kp, vigil_error *err)
{
    if (!cJSON_IsString(c))
        return vigil__error_set(err, VIGIL_EPOLICY, kp, "\"format\" must be a string");
    for (int f = 1; f < (int)VIGIL__COUNTOF(format_names); f++) {
        if (strcmp(c->valuestring, format_names[f]) == 0) {
            s->format = f;
            return 0;
        }
    }
    char ex[64];
    vigil__safe_excerpt(ex, sizeof ex, c->valuestring, strlen(c->valuestring));
    return vigil__error_set(err, VIGIL_EPOLICY, kp, "unknown format \"%s\"", ex);
}

static int compile_properties(vigil__schema *s, const cJSON *c, const char *kp, int nest,
                              vigil_error *err)
{
    char pp[PATH_CAP];
    if (!cJSON_IsObject(c))
        return vigil__error_set(err, VIGIL_EPOLICY, kp, "\"properties\" must be an object");
    int n = cJSON_GetArraySize(c);
    prop *np = realloc(s->props, ((size_t)n + s->n_props + 1) * sizeof *np);
    if (!np)
        return vigil__error_set(err, VIGIL_ENOMEM, kp, "out of memory");
    s->props = np;
    for (const cJSON *e = c->child; e; e = e->next) {
        const char *name = e->string ? e->string : "";
        size_t len = strlen(name);
        size_t plen = strlen(kp);
        if (plen >= PATH_CAP)
            plen = PATH_CAP - 1;
        memcpy(pp, kp, plen);
        pp[plen] = '\0';
        vigil__path_append_key(pp, PATH_CAP, plen, name, len);
        prop *p = &s->props[s->n_props];
        p->name = malloc(len + 1);
        if (!p->name)
            return vigil__error_set(err, VIGIL_ENOMEM, pp, "out of memory");
        memcpy(p->name, name, len + 1);
        p->len = len;
        p->sub = NULL;
        p->is_prop = 1;
        p->req = -1;
        s->n_props++; /* owned by s from here on, freed with it */
        int rc = compile_node(e, pp, nest + 1, &p->sub, err);
        if (rc)
            return rc;
        if (p->sub && !p->sub->never && (p->sub->types & T_ARRAY))
            s->has_array_props = 1;
    }
    return 0;
}

/* Called once the whole object is read, so "required" may come before or
 * after "properties": merges the required names into the sorted table. */
static int finish_object(vigil__schema *s, const cJSON *required, const char *path,
                         vigil_error *err)
{
    char kp[PATH_CAP], ip[PATH_CAP];
    if (s->n_props > 1)
        qsort(s->props, s->n_props, sizeof *s->props, prop_qcmp);
    for (size_t i = 1; i < s->n_props; i++) {
        if (prop_qcmp(&s->props[i - 1], &s->props[i]) == 0) {
            char ex[64];
            kw_path(kp, path, "properties");
            vigil__safe_excerpt(ex, sizeof ex, s->props[i].name, s->props[i].len);
            return vigil__error_set(err, VIGIL_EPOLICY, kp, "duplicate property \"%s\"", ex);
        }
    }
    if (!required)
        return 0;
    kw_path(kp, path, "required");
    if (!cJSON_IsArray(required))
        return vigil__error_set(err, VIGIL_EPOLICY, kp, "\"required\" must be an array of strings");
    size_t n = (size_t)cJSON_GetArraySize(required);
    size_t known = s->n_props;
    prop *np = realloc(s->props, (known + n + 1) * sizeof *np);
    if (!np)
        return vigil__error_set(err, VIGIL_ENOMEM, kp, "out of memory");
    s->props = np;
    size_t i = 0;
    for (const cJSON *e = required->child; e; e = e->next, i++) {
        if (!cJSON_IsString(e))
            return vigil__error_set(err, VIGIL_EPOLICY, idx_path(ip, kp, i),
                                    "\"required\" must be an array of strings");
        const char *name = e->valuestring;
        size_t len = strlen(name);
        /* properties are sorted; names added below are searched linearly
         * only among themselves, which a compile-time step can afford */
        prop *hit = NULL;
        size_t lo = 0, hi = known;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            int c = bytes_cmp(name, len, s->props[mid].name, s->props[mid].len);
            if (c == 0) {
                hit = &s->props[mid];
                break;
            }
            if (c < 0)
                hi = mid;
            else
                lo = mid + 1;
        }
        for (size_t k = known; !hit && k < s->n_props; k++)
            if (bytes_cmp(name, len, s->props[k].name, s->props[k].len) == 0)
                hit = &s->props[k];
        if (!hit) {
            hit = &s->props[s->n_props];
            hit->name = malloc(len + 1);
            if (!hit->name)
                return vigil__error_set(err, VIGIL_ENOMEM, kp, "out of memory");
            memcpy(hit->name, name, len + 1);
            hit->len = len;
            hit->sub = NULL;
            hit->is_prop = 0;
            hit->req = -1;
            s->n_props++;
        }
        if (hit->req < 0)
            hit->req = (long)s->n_req++;
    }
    if (s->n_props > 1)
        qsort(s->props, s->n_props, sizeof *s->props, prop_qcmp);
    if (s->n_req) {
        s->req = calloc(s->n_req, sizeof *s->req);
        if (!s->req)
            return vigil__error_set(err, VIGIL_ENOMEM, kp, "out of memory");
        for (size_t k = 0; k < s->n_props; k++)
            if (s->props[k].req >= 0)
                s->req[s->props[k].req] = &s->props[k];
    }
    return 0;
}

static int compile_node(const cJSON *j, const char *path, int nest, vigil__schema **out,
                        vigil_error *err)
{
    char kp[PATH_CAP];
    *out = NULL;
    if (nest > VIGIL__SCHEMA_MAX_NEST)
        return vigil__error_set(err, VIGIL_EPOLICY, path,
                                "schema nested deeper than %d levels", VIGIL__SCHEMA_MAX_NEST);
    if (!cJSON_IsObject(j) && !cJSON_IsBool(j))
        return vigil__error_set(err, VIGIL_EPOLICY, path,
                                "a schema must be an object or a boolean");
    vigil__schema *s = calloc(1, sizeof *s);
    if (!s)
        return vigil__error_set(err, VIGIL_ENOMEM, path, "out of memory");
    if (cJSON_IsBool(j)) {
        s->never = cJSON_IsFalse(j);
        *out = s;
        return 0;
    }
    int rc = 0;
    unsigned long seen = 0;
    const cJSON *required = NULL;
    for (const cJSON *c = j->child; c && !rc; c = c->next) {
        const char *k = c->string ? c->string : "";
        int id = -1;
        for (size_t q = 0; q < VIGIL__COUNTOF(keywords); q++)
            if (strcmp(k, keywords[q].name) == 0)
                id = keywords[q].id;
        kw_path(kp, path, k);
        if (id < 0) {
            char ex[64];
            vigil__safe_excerpt(ex, sizeof ex, k, strlen(k));
            rc = vigil__error_set(err, VIGIL_EPOLICY, kp, "unknown keyword \"%s\"", ex);
            break;
        }
        if (id != K_IGNORED && (seen & (1ul << id))) {
            rc = vigil__error_set(err, VIGIL_EPOLICY, kp, "duplicate keyword \"%s\"", k);
            break;
        }
        seen |= 1ul << id;
        switch (id) {
        case K_TYPE: rc = compile_type(s, c, kp, err); break;
        case K_ENUM: rc = compile_enum(s, c, kp, err); break;
        case K_MINIMUM: rc = get_number(c, kp, &s->minimum, err); s->has |= H_MIN; break;
        case K_MAXIMUM: rc = get_number(c, kp, &s->maximum, err); s->has |= H_MAX; break;
        case K_XMIN: rc = get_number(c, kp, &s->xmin, err); s->has |= H_XMIN; break;
        case K_XMAX: rc = get_number(c, kp, &s->xmax, err); s->has |= H_XMAX; break;
        case K_MINLEN: rc = get_count(c, kp, &s->min_len, err); s->has |= H_MINLEN; break;
        case K_MAXLEN: rc = get_count(c, kp, &s->max_len, err); s->has |= H_MAXLEN; break;
        case K_MINITEMS: rc = get_count(c, kp, &s->min_items, err); s->has |= H_MINITEMS; break;
        case K_MAXITEMS: rc = get_count(c, kp, &s->max_items, err); s->has |= H_MAXITEMS; break;
        case K_PATTERN: rc = compile_pattern(s, c, kp, err); break;
        case K_FORMAT: rc = compile_format(s, c, kp, err); break;
        case K_REQUIRED: required = c; break;
        case K_PROPERTIES: rc = compile_properties(s, c, kp, nest, err); break;
        case K_ADDL:
            if (cJSON_IsBool(c)) {
                s->addl_forbidden = cJSON_IsFalse(c);
            } else if (cJSON_IsObject(c)) {
                rc = compile_node(c, kp, nest + 1, &s->addl, err);
            } else {
                rc = vigil__error_set(err, VIGIL_EPOLICY, kp,
                                      "\"additionalProperties\" must be a boolean or a schema");
            }
            break;
        case K_ITEMS:
            if (!cJSON_IsObject(c) && !cJSON_IsBool(c))
                rc = vigil__error_set(err, VIGIL_EPOLICY, kp,
                                      "\"items\" must be a schema (an object or a boolean)");
            else
                rc = compile_node(c, kp, nest + 1, &s->items, err);
            break;
        default: break; /* annotations */
        }
    }
    if (!rc)
        rc = finish_object(s, required, path, err);
    /* Contradictions are policy mistakes worth catching at load time. */
    if (!rc && (s->has & H_MIN) && (s->has & H_MAX) && s->minimum > s->maximum)
        rc = vigil__error_set(err, VIGIL_EPOLICY, kw_path(kp, path, "minimum"),
                              "\"minimum\" is greater than \"maximum\"");
    if (!rc && (s->has & H_MINLEN) && (s->has & H_MAXLEN) && s->min_len > s->max_len)
        rc = vigil__error_set(err, VIGIL_EPOLICY, kw_path(kp, path, "minLength"),
                              "\"minLength\" is greater than \"maxLength\"");
    if (!rc && (s->has & H_MINITEMS) && (s->has & H_MAXITEMS) && s->min_items > s->max_items)
        rc = vigil__error_set(err, VIGIL_EPOLICY, kw_path(kp, path, "minItems"),
                              "\"minItems\" is greater than \"maxItems\"");
    if (rc) {
        schema_free_node(s);
        return rc;
    }
    *out = s;
    return 0;
}

int vigil__schema_compile(const cJSON *json, const char *path, vigil__schema **out,
                          vigil_error *err)
{
    if (!out)
        return vigil__error_set(err, VIGIL_EINVAL, path, "no output");
    *out = NULL;
    if (!json)
        return vigil__error_set(err, VIGIL_EINVAL, path, "no schema");
    return compile_node(json, path ? path : "", 0, out, err);
}

/* ================================================================ scratch */

struct vigil__schema_scratch {
    pcre2_match_data    *md;
    pcre2_match_context *mc;
    pcre2_jit_stack     *js;
};

void vigil__schema_scratch_free(vigil__schema_scratch *s)
{
    if (!s)
        return;
    pcre2_match_data_free(s->md);
    pcre2_match_context_free(s->mc);
    pcre2_jit_stack_free(s->js);
    free(s);
}

int vigil__schema_scratch_new(vigil__schema_scratch **out)
{
    vigil__schema_scratch *s = calloc(1, sizeof *s);
    if (!out)
        return VIGIL_EINVAL;
    *out = NULL;
    if (!s)
        return VIGIL_ENOMEM;
    /* One ovector pair suffices: only "did it match" is needed. */
    s->md = pcre2_match_data_create(1, NULL);
    s->mc = pcre2_match_context_create(NULL);
    s->js = pcre2_jit_stack_create(32 * 1024, RE_JIT_STACK, NULL);
    if (!s->md || !s->mc) {
        vigil__schema_scratch_free(s);
        return VIGIL_ENOMEM;
    }
    pcre2_set_match_limit(s->mc, RE_MATCH_LIMIT);
    pcre2_set_depth_limit(s->mc, RE_DEPTH_LIMIT);
    pcre2_set_heap_limit(s->mc, RE_HEAP_LIMIT_K);
    if (s->js)
        pcre2_jit_stack_assign(s->mc, NULL, s->js);
    *out = s;
    return VIGIL_OK;
}

/* ============================================================= validation */

typedef struct vctx {
    const vigil__jtape    *t;
    const char            *src;
    const char            *prefix;
    vigil__arena          *a;
    vigil__schema_scratch *scr;
    vigil__schema_emit     emit;
    void                  *ctx;
    int                    count;
    int                    stop; /* callback asked to stop, or error */
    int                    err;
} vctx;

/* Where a value lives: a tape token, or a prebuilt location (params). */
typedef struct loc {
    uint32_t    tok;
    const char *where;
} loc;

enum { V_STRING, V_NUMBER, V_TRUE, V_FALSE, V_NULL, V_OBJECT, V_ARRAY };

/* A scalar value under test. Strings from a tape are decoded lazily. */
typedef struct sval {
    int         kind;
    const char *num; /* number text */
    size_t      numlen;
    int         int_text; /* number text is [+-]?digits only */
    double      d;
    int         integral;
    vigil_str   str;
    int         str_ready;
    int         bad_utf8; /* -1 unknown */
    uint32_t    tok;
} sval;

static void emit_at(vctx *v, loc where, const char *rule, const char *detail)
{
    char path[PATH_CAP];
    if (v->stop)
        return;
    v->count++;
    if (!v->emit)
        return;
    const char *w = where.where;
    if (!w) {
        vigil__json_path(v->t, v->src, where.tok, v->prefix, path, sizeof path);
        w = path;
    }
    if (v->emit(v->ctx, rule, w, detail))
        v->stop = 1;
}

static void fail_nomem(vctx *v)
{
    v->err = VIGIL__JERR_NOMEM;
    v->stop = 1;
}

static const char *kind_name(const sval *x)
{
    switch (x->kind) {
    case V_STRING: return "string";
    case V_NUMBER: return x->integral ? "integer" : "number";
    case V_TRUE:
    case V_FALSE: return "boolean";
    case V_NULL: return "null";
    case V_OBJECT: return "object";
    default: return "array";
    }
}

static int type_ok(unsigned types, const sval *x)
{
    if (!types)
        return 1;
    switch (x->kind) {
    case V_STRING: return (types & T_STRING) != 0;
    case V_NUMBER: return (types & T_NUMBER) || ((types & T_INTEGER) && x->integral);
    case V_TRUE:
    case V_FALSE: return (types & T_BOOLEAN) != 0;
    case V_NULL: return (types & T_NULL) != 0;
    case V_OBJECT: return (types & T_OBJECT) != 0;
    default: return (types & T_ARRAY) != 0;
    }
}

static void emit_type(vctx *v, loc w, unsigned types, const sval *x)
{
    char d[DETAIL_CAP];
    size_t o = (size_t)snprintf(d, sizeof d, "expected ");
    int first = 1;
    for (size_t k = 0; k < VIGIL__COUNTOF(type_names); k++) {
        if (!(types & type_names[k].bit))
            continue;
        o += (size_t)snprintf(d + o, sizeof d - o, "%s%s", first ? "" : " or ", type_names[k].name);
        first = 0;
        if (o >= sizeof d)
            o = sizeof d - 1;
    }
    snprintf(d + o, sizeof d - o, ", got %s", kind_name(x));
    emit_at(v, w, "schema.type", d);
}

/* Decoded string bytes of x; 0 on success. */
static int need_str(vctx *v, sval *x)
{
    if (x->str_ready)
        return 0;
    if (vigil__json_string(v->t, v->src, x->tok, v->a, &x->str) != 0) {
        fail_nomem(v);
        return -1;
    }
    x->str_ready = 1;
    return 0;
}

static void excerpt_value(char *buf, size_t cap, const sval *x)
{
    switch (x->kind) {
    case V_STRING: {
        char ex[EXCERPT * 4 + 8];
        vigil__safe_excerpt(ex, sizeof ex, x->str.ptr, VIGIL__MIN(x->str.len, (size_t)EXCERPT));
        if (x->str.len > EXCERPT && strlen(ex) + 4 < sizeof ex)
            strcat(ex, "...");
        snprintf(buf, cap, "\"%s\"", ex);
        break;
    }
    case V_NUMBER:
        vigil__safe_excerpt(buf, cap, x->num, VIGIL__MIN(x->numlen, (size_t)EXCERPT));
        break;
    case V_TRUE: snprintf(buf, cap, "true"); break;
    case V_FALSE: snprintf(buf, cap, "false"); break;
    default: snprintf(buf, cap, "null"); break;
    }
}

static int enum_has(const vigil__schema *s, const sval *x)
{
    switch (x->kind) {
    case V_STRING: {
        size_t lo = 0, hi = s->n_enum_str;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            int c = bytes_cmp(x->str.ptr, x->str.len, s->enum_str[mid].p, s->enum_str[mid].n);
            if (c == 0)
                return 1;
            if (c < 0)
                hi = mid;
            else
                lo = mid + 1;
        }
        return 0;
    }
    case V_NUMBER: {
        size_t lo = 0, hi = s->n_enum_num;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (x->d == s->enum_num[mid])
                return 1;
            if (x->d < s->enum_num[mid])
                hi = mid;
            else
                lo = mid + 1;
        }
        return 0;
    }
    case V_TRUE: return (s->enum_lit & L_TRUE) != 0;
    case V_FALSE: return (s->enum_lit & L_FALSE) != 0;
    case V_NULL: return (s->enum_lit & L_NULL) != 0;
    default: return 0;
    }
}

static void check_number(vctx *v, const vigil__schema *s, const sval *x, loc w)
{
    char d[DETAIL_CAP];
    if ((s->has & H_MIN) && !(x->d >= s->minimum)) {
        snprintf(d, sizeof d, "below minimum %.15g", s->minimum);
        emit_at(v, w, "schema.minimum", d);
    }
    if ((s->has & H_XMIN) && !(x->d > s->xmin)) {
        snprintf(d, sizeof d, "must be greater than %.15g", s->xmin);
        emit_at(v, w, "schema.minimum", d);
    }
    if ((s->has & H_MAX) && !(x->d <= s->maximum)) {
        snprintf(d, sizeof d, "exceeds maximum %.15g", s->maximum);
        emit_at(v, w, "schema.maximum", d);
    }
    if ((s->has & H_XMAX) && !(x->d < s->xmax)) {
        snprintf(d, sizeof d, "must be less than %.15g", s->xmax);
        emit_at(v, w, "schema.maximum", d);
    }
    if (s->format == F_INT32 || s->format == F_INT64) {
        int bits = s->format == F_INT32 ? 32 : 64;
        int ok;
        if (x->int_text)
            ok = int_text_fits(x->num, x->numlen, bits);
        else if (!x->integral)
            ok = 0;
        else if (bits == 32)
            ok = x->d >= -2147483648.0 && x->d <= 2147483647.0;
        else
            ok = x->d >= -9223372036854775808.0 && x->d < 9223372036854775808.0;
        if (!ok)
            emit_at(v, w, "schema.format", bits == 32 ? "not a valid int32" : "not a valid int64");
    }
}

static void check_string(vctx *v, const vigil__schema *s, sval *x, loc w)
{
    char d[DETAIL_CAP];
    if (need_str(v, x))
        return;
    if (s->has & (H_MINLEN | H_MAXLEN)) {
        /* Byte length bounds the code point count from above. */
        uint64_t bytes = x->str.len;
        int need_count = ((s->has & H_MINLEN) && bytes >= s->min_len) ||
                         ((s->has & H_MAXLEN) && bytes > s->max_len);
        uint64_t cps = need_count ? utf8_count(x->str.ptr, x->str.len) : bytes;
        if ((s->has & H_MINLEN) && cps < s->min_len) {
            snprintf(d, sizeof d, "length below minimum %llu", (unsigned long long)s->min_len);
            emit_at(v, w, "schema.length", d);
        }
        if ((s->has & H_MAXLEN) && cps > s->max_len) {
            snprintf(d, sizeof d, "length exceeds maximum %llu", (unsigned long long)s->max_len);
            emit_at(v, w, "schema.length", d);
        }
    }
    if (s->re && !v->stop) {
        if (x->bad_utf8 < 0)
            x->bad_utf8 = !utf8_valid(x->str.ptr, x->str.len);
        if (x->bad_utf8) {
            emit_at(v, w, "schema.pattern", "invalid UTF-8 cannot match pattern");
        } else if (!v->scr) {
            fail_nomem(v);
            return;
        } else {
            /* PCRE2 dislikes a NULL subject even when empty. */
            PCRE2_SPTR subj = (PCRE2_SPTR)(x->str.ptr ? x->str.ptr : "");
            int rc = pcre2_match(s->re, subj, x->str.len, 0, PCRE2_NO_UTF_CHECK, v->scr->md,
                                 v->scr->mc);
            if (rc == PCRE2_ERROR_NOMATCH)
                emit_at(v, w, "schema.pattern", "does not match pattern");
            else if (rc < 0)
                emit_at(v, w, "schema.pattern", "pattern match limit exceeded");
        }
    }
    if (s->format != F_NONE && s->format != F_INT32 && s->format != F_INT64 && !v->stop &&
        !format_string_ok(s->format, x->str.ptr ? x->str.ptr : "", x->str.len)) {
        snprintf(d, sizeof d, "not a valid %s", format_names[s->format]);
        emit_at(v, w, "schema.format", d);
    }
}

/* Checks a scalar (or the type of a container) against s. Returns 1 when
 * the type matched, so the caller may descend into containers. */
static int check_value(vctx *v, const vigil__schema *s, sval *x, loc w)
{
    if (s->never) {
        emit_at(v, w, "schema.type", "no value is allowed here");
        return 0;
    }
    if (!type_ok(s->types, x)) {
        emit_type(v, w, s->types, x);
        return 0;
    }
    if (s->has & H_ENUM) {
        if (x->kind == V_STRING && need_str(v, x))
            return 0;
        if (!enum_has(s, x)) {
            char ex[EXCERPT * 4 + 16], d[DETAIL_CAP];
            if (x->kind == V_OBJECT || x->kind == V_ARRAY)
                snprintf(ex, sizeof ex, "%s", kind_name(x));
            else
                excerpt_value(ex, sizeof ex, x);
            snprintf(d, sizeof d, "value %s is not one of the allowed values", ex);
            emit_at(v, w, "schema.enum", d);
        }
    }
    if (x->kind == V_NUMBER)
        check_number(v, s, x, w);
    else if (x->kind == V_STRING)
        check_string(v, s, x, w);
    return 1;
}

static void emit_named(vctx *v, loc w, const char *rule, const char *what, const char *name,
                       size_t len)
{
    char ex[EXCERPT * 4 + 8], d[DETAIL_CAP];
    vigil__safe_excerpt(ex, sizeof ex, name, VIGIL__MIN(len, (size_t)EXCERPT));
    if (len > EXCERPT && strlen(ex) + 4 < sizeof ex)
        strcat(ex, "...");
    snprintf(d, sizeof d, "%s \"%s\"", what, ex);
    emit_at(v, w, rule, d);
}

/* A zeroed bitmap of n bits: the caller's word when n <= 64, else arena. */
static uint64_t *req_bitmap(vctx *v, size_t n, uint64_t *small)
{
    *small = 0;
    if (n <= 64)
        return small;
    size_t words = (n + 63) / 64;
    uint64_t *b = vigil__arena_alloc(v->a, words * sizeof *b);
    if (!b) {
        fail_nomem(v);
        return NULL;
    }
    memset(b, 0, words * sizeof *b);
    return b;
}

static void report_missing(vctx *v, const vigil__schema *s, const uint64_t *bits, loc w)
{
    for (size_t r = 0; r < s->n_req && !v->stop; r++)
        if (!(bits[r / 64] & ((uint64_t)1 << (r % 64))))
            emit_named(v, w, "schema.required", "missing required property", s->req[r]->name,
                       s->req[r]->len);
}

/* Validates tape token idx against s. Recursion follows the schema, whose
 * nesting is at most VIGIL__SCHEMA_MAX_NEST, so input cannot deepen it. */
static void validate_tok(vctx *v, const vigil__schema *s, uint32_t idx)
{
    const vigil__jtok *tk = &v->t->tok[idx];
    loc w = { idx, NULL };
    sval x;
    memset(&x, 0, sizeof x);
    x.tok = idx;
    x.bad_utf8 = -1;
    switch (tk->type) {
    case VIGIL__J_STRING:
        x.kind = V_STRING;
        x.bad_utf8 = (tk->flags & VIGIL__JF_BADUTF8) != 0;
        break;
    case VIGIL__J_NUMBER:
        x.kind = V_NUMBER;
        x.num = v->src + tk->start;
        x.numlen = tk->len;
        x.int_text = (tk->flags & VIGIL__JF_INT) != 0;
        x.d = parse_double(x.num, x.numlen);
        x.integral = x.int_text || is_integral(x.d);
        break;
    case VIGIL__J_TRUE: x.kind = V_TRUE; break;
    case VIGIL__J_FALSE: x.kind = V_FALSE; break;
    case VIGIL__J_NULL: x.kind = V_NULL; break;
    case VIGIL__J_OBJECT: x.kind = V_OBJECT; break;
    default: x.kind = V_ARRAY; break;
    }
    if (!check_value(v, s, &x, w) || v->stop)
        return;

    if (x.kind == V_OBJECT) {
        if (!s->n_props && !s->addl_forbidden && !s->addl)
            return; /* nothing to look at inside */
        uint64_t small, *bits = req_bitmap(v, s->n_req, &small);
        if (!bits)
            return;
        for (uint32_t k = idx + 1; k < tk->next && !v->stop; k = v->t->tok[k].next) {
            vigil_str name;
            if (vigil__json_string(v->t, v->src, k, v->a, &name) != 0) {
                fail_nomem(v);
                return;
            }
            const prop *p = find_prop(s, name.ptr, name.len);
            if (p && p->req >= 0)
                bits[p->req / 64] |= (uint64_t)1 << (p->req % 64);
            if (p && p->is_prop) {
                if (p->sub)
                    validate_tok(v, p->sub, k + 1);
            } else if (s->addl_forbidden) {
                loc kw = { k, NULL };
                emit_named(v, kw, "schema.additional", "unexpected property", name.ptr, name.len);
            } else if (s->addl) {
                validate_tok(v, s->addl, k + 1);
            }
        }
        report_missing(v, s, bits, w);
    } else if (x.kind == V_ARRAY) {
        char d[DETAIL_CAP];
        if ((s->has & H_MINITEMS) && tk->count < s->min_items) {
            snprintf(d, sizeof d, "fewer than %llu items", (unsigned long long)s->min_items);
            emit_at(v, w, "schema.items", d);
        }
        if ((s->has & H_MAXITEMS) && tk->count > s->max_items) {
            snprintf(d, sizeof d, "more than %llu items", (unsigned long long)s->max_items);
            emit_at(v, w, "schema.items", d);
        }
        if (s->items)
            for (uint32_t e = idx + 1; e < tk->next && !v->stop; e = v->t->tok[e].next)
                validate_tok(v, s->items, e);
    }
}

int vigil__schema_validate_json(const vigil__schema *s, const vigil__jtape *t,
                                const char *src, const char *prefix, vigil__arena *a,
                                vigil__schema_scratch *scr, vigil__schema_emit emit,
                                void *ctx)
{
    if (!s || !t || t->n == 0)
        return 0;
    vctx v = { t, src, prefix ? prefix : "", a, scr, emit, ctx, 0, 0, 0 };
    validate_tok(&v, s, 0);
    return v.err ? v.err : v.count;
}

/* ------------------------------------------------------------- parameters */

static int text_is_int(const char *p, size_t n)
{
    size_t i = 0;
    if (i < n && (p[i] == '-' || p[i] == '+'))
        i++;
    if (i == n)
        return 0;
    for (; i < n; i++)
        if (!is_digit((unsigned char)p[i]))
            return 0;
    return 1;
}

static int text_is_number(const char *p, size_t n)
{
    size_t i = 0, d = 0;
    if (i < n && (p[i] == '-' || p[i] == '+'))
        i++;
    for (; i < n && is_digit((unsigned char)p[i]); i++)
        d++;
    if (i < n && p[i] == '.')
        for (i++; i < n && is_digit((unsigned char)p[i]); i++)
            d++;
    if (!d)
        return 0;
    if (i < n && (p[i] == 'e' || p[i] == 'E')) {
        size_t ed = 0;
        i++;
        if (i < n && (p[i] == '-' || p[i] == '+'))
            i++;
        for (; i < n && is_digit((unsigned char)p[i]); i++)
            ed++;
        if (!ed)
            return 0;
    }
    return i == n;
}

/* Types a parameter of an untyped schema may be coerced to: string, and
 * whatever its enum or numeric keywords call for (so {"enum":[1,2]}
 * accepts "1"). */
static unsigned implied_types(const vigil__schema *s)
{
    unsigned t = T_STRING;
    if (s->n_enum_num || (s->has & (H_MIN | H_MAX | H_XMIN | H_XMAX)) ||
        s->format == F_INT32 || s->format == F_INT64)
        t |= T_NUMBER;
    if (s->enum_lit & (L_TRUE | L_FALSE))
        t |= T_BOOLEAN;
    if (s->enum_lit & L_NULL)
        t |= T_NULL;
    return t;
}

/* Validates one parameter value, coerced to the first type of s that its
 * text can be (integer, number, boolean, null, then string). */
static void validate_param(vctx *v, const vigil__schema *s, vigil_str val, const char *where)
{
    loc w = { 0, where };
    sval x;
    memset(&x, 0, sizeof x);
    x.bad_utf8 = -1;
    x.str = val;
    x.str_ready = 1;
    if (!x.str.ptr)
        x.str.ptr = "";
    unsigned ty = s->types ? s->types : implied_types(s);
    const char *p = x.str.ptr;
    size_t n = x.str.len;
    if ((ty & (T_INTEGER | T_NUMBER)) && text_is_int(p, n)) {
        x.kind = V_NUMBER;
        x.int_text = 1;
    } else if ((ty & T_NUMBER) && text_is_number(p, n)) {
        x.kind = V_NUMBER;
    } else if ((ty & T_BOOLEAN) && (vigil__str_eq(x.str, "true") || vigil__str_eq(x.str, "1"))) {
        x.kind = V_TRUE;
    } else if ((ty & T_BOOLEAN) && (vigil__str_eq(x.str, "false") || vigil__str_eq(x.str, "0"))) {
        x.kind = V_FALSE;
    } else if ((ty & T_NULL) && vigil__str_eq(x.str, "null")) {
        x.kind = V_NULL;
    } else {
        x.kind = V_STRING;
    }
    if (x.kind == V_NUMBER) {
        x.num = p;
        x.numlen = n;
        x.d = parse_double(p, n);
        x.integral = x.int_text || is_integral(x.d);
    }
    if (x.kind == V_STRING && ty && !(ty & T_STRING)) {
        /* nothing the text could be coerced to */
        if (!s->never) {
            char d[DETAIL_CAP];
            unsigned shown = ty;
            size_t o = (size_t)snprintf(d, sizeof d, "expected ");
            int first = 1;
            for (size_t k = 0; k < VIGIL__COUNTOF(type_names); k++) {
                if (!(shown & type_names[k].bit))
                    continue;
                o += (size_t)snprintf(d + o, sizeof d - o, "%s%s", first ? "" : " or ",
                                      type_names[k].name);
                first = 0;
                if (o >= sizeof d)
                    o = sizeof d - 1;
            }
            emit_at(v, w, "schema.type", d);
            return;
        }
    }
    check_value(v, s, &x, w);
}

static size_t param_where(char *buf, const char *prefix, vigil_str name)
{
    size_t len = strlen(prefix);
    if (len >= PATH_CAP)
        len = PATH_CAP - 1;
    memcpy(buf, prefix, len);
    buf[len] = '\0';
    return vigil__path_append_key(buf, PATH_CAP, len, name.ptr ? name.ptr : "", name.len);
}

int vigil__schema_validate_params(const vigil__schema *obj, const vigil_str *names,
                                  const vigil_str *values, size_t n, const char *prefix,
                                  vigil__arena *a, vigil__schema_scratch *scr,
                                  vigil__schema_emit emit, void *ctx)
{
    char where[PATH_CAP];
    if (!obj)
        return 0;
    if (!prefix)
        prefix = "";
    vctx v = { NULL, NULL, prefix, a, scr, emit, ctx, 0, 0, 0 };
    loc w_obj = { 0, prefix };
    uint64_t small, *bits = req_bitmap(&v, obj->n_req, &small);
    if (!bits)
        return v.err;
    /* occurrences per array-typed property, for item indices and counts */
    uint32_t *occ = NULL;
    if (obj->has_array_props && obj->n_props) {
        occ = vigil__arena_alloc(a, obj->n_props * sizeof *occ);
        if (!occ)
            return VIGIL__JERR_NOMEM;
        memset(occ, 0, obj->n_props * sizeof *occ);
    }
    for (size_t i = 0; i < n && !v.stop; i++) {
        vigil_str name = names[i], val = values[i];
        const prop *p = find_prop(obj, name.ptr ? name.ptr : "", name.len);
        size_t wl = param_where(where, prefix, name);
        loc w = { 0, where };
        if (obj->never) {
            emit_named(&v, w, "schema.additional", "unexpected parameter",
                       name.ptr ? name.ptr : "", name.len);
            continue;
        }
        if (p && p->req >= 0)
            bits[p->req / 64] |= (uint64_t)1 << (p->req % 64);
        if (p && p->is_prop) {
            const vigil__schema *sub = p->sub;
            if (!sub)
                continue;
            if (!sub->never && (sub->types & T_ARRAY)) {
                size_t k = (size_t)(p - obj->props);
                uint32_t nth = occ ? occ[k]++ : 0;
                if (sub->items) {
                    vigil__path_append_index(where, PATH_CAP, wl, nth);
                    validate_param(&v, sub->items, val, where);
                }
            } else {
                validate_param(&v, sub, val, where);
            }
        } else if (obj->addl_forbidden) {
            emit_named(&v, w, "schema.additional", "unexpected parameter",
                       name.ptr ? name.ptr : "", name.len);
        } else if (obj->addl) {
            validate_param(&v, obj->addl, val, where);
        }
    }
    /* item counts of repeated names */
    for (size_t k = 0; occ && k < obj->n_props && !v.stop; k++) {
        const vigil__schema *sub = obj->props[k].sub;
        char d[DETAIL_CAP];
        if (!occ[k] || !sub || sub->never || !(sub->types & T_ARRAY))
            continue;
        vigil_str nm = { obj->props[k].name, obj->props[k].len };
        param_where(where, prefix, nm);
        loc w = { 0, where };
        if ((sub->has & H_MINITEMS) && occ[k] < sub->min_items) {
            snprintf(d, sizeof d, "fewer than %llu items", (unsigned long long)sub->min_items);
            emit_at(&v, w, "schema.items", d);
        }
        if ((sub->has & H_MAXITEMS) && occ[k] > sub->max_items) {
            snprintf(d, sizeof d, "more than %llu items", (unsigned long long)sub->max_items);
            emit_at(&v, w, "schema.items", d);
        }
    }
    if (!v.stop)
        report_missing(&v, obj, bits, w_obj);
    return v.err ? v.err : v.count;
}
