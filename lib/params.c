/* params.c - form, cookie, content-type and multipart parsing (see params.h). */
#include "params.h"

static int is_ws(char c)
{
    return c == ' ' || c == '\t';
}

static vigil_str trim(const char *p, size_t n)
{
    while (n && is_ws(p[0])) {
        p++;
        n--;
    }
    while (n && is_ws(p[n - 1]))
        n--;
    return vigil__str(p, n);
}

/* Non-empty pieces of s[0..n) between separators sep. */
static size_t count_pieces(const char *s, size_t n, char sep)
{
    size_t count = 0, i = 0;
    while (i < n) {
        const char *e = memchr(s + i, sep, n - i);
        size_t j = e ? (size_t)(e - s) : n;
        if (j > i)
            count++;
        i = j + 1;
    }
    return count;
}

/* Arena array of min(count, max) pairs; *cap gets its size. NULL on failure
 * or when the size is 0 (then *cap == 0). */
static vigil__kv *kv_array(vigil__arena *a, size_t count, size_t max, size_t *cap)
{
    *cap = VIGIL__MIN(count, max);
    if (*cap == 0)
        return NULL;
    if (*cap > SIZE_MAX / sizeof(vigil__kv))
        return NULL;
    return vigil__arena_alloc(a, *cap * sizeof(vigil__kv));
}

/* ------------------------------------------------------------------ forms */

/* %XX and '+' decoding as form parsers in applications do it; anything
 * else, including %uXXXX and a truncated '%', is copied. Returns length. */
static size_t form_decode(const char *s, size_t n, char *out)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '+') {
            c = ' ';
        } else if (c == '%' && i + 2 < n) {
            int hi = vigil__hexval((unsigned char)s[i + 1]);
            int lo = vigil__hexval((unsigned char)s[i + 2]);
            if (hi >= 0 && lo >= 0) {
                c = (char)(hi * 16 + lo);
                i += 2;
            }
        }
        out[o++] = c;
    }
    return o;
}

/* Decoded copy of s[0..n) in the arena, or the slice itself when decoding
 * would not change it. Returns 0 or -1. */
static int form_field(vigil__arena *a, const char *s, size_t n, vigil_str *out)
{
    if (!memchr(s, '%', n) && !memchr(s, '+', n)) {
        *out = vigil__str(s, n);
        return 0;
    }
    char *d = vigil__arena_alloc(a, n);
    if (!d)
        return -1;
    *out = vigil__str(d, form_decode(s, n, d));
    return 0;
}

int vigil__form_parse(vigil_str s, vigil__arena *a, size_t max_pairs,
                      vigil__kv **out, size_t *n, int *truncated)
{
    const char *p = s.len ? s.ptr : "";
    size_t len = s.len, cap, i = 0;

    *out = NULL;
    *n = 0;
    *truncated = 0;
    size_t count = count_pieces(p, len, '&');
    if (count > max_pairs)
        *truncated = 1;
    vigil__kv *kv = kv_array(a, count, max_pairs, &cap);
    if (!kv)
        return cap ? VIGIL__PARAMS_NOMEM : 0;
    *out = kv;
    while (i < len && *n < cap) {
        const char *e = memchr(p + i, '&', len - i);
        size_t j = e ? (size_t)(e - p) : len;
        if (j > i) {
            const char *pair = p + i;
            size_t plen = j - i;
            const char *eq = memchr(pair, '=', plen);
            size_t nlen = eq ? (size_t)(eq - pair) : plen;
            vigil__kv *o = &kv[*n];
            if (form_field(a, pair, nlen, &o->name) != 0)
                return VIGIL__PARAMS_NOMEM;
            if (eq) {
                if (form_field(a, eq + 1, plen - nlen - 1, &o->value) != 0)
                    return VIGIL__PARAMS_NOMEM;
            } else {
                o->value = vigil__str(pair + plen, 0);
            }
            (*n)++;
        }
        i = j + 1;
    }
    return 0;
}

/* ---------------------------------------------------------------- cookies */

/* Next non-empty cookie pair from *pos in s[0..len); advances *pos.
 * Returns 0 at the end. */
static int cookie_next(const char *s, size_t len, size_t *pos, vigil_str *name, vigil_str *value)
{
    while (*pos < len) {
        size_t i = *pos;
        const char *e = memchr(s + i, ';', len - i);
        size_t j = e ? (size_t)(e - s) : len;
        *pos = j + 1;
        vigil_str pair = trim(s + i, j - i);
        if (pair.len == 0)
            continue;
        const char *eq = memchr(pair.ptr, '=', pair.len);
        if (!eq) {
            *name = pair;
            *value = vigil__str(pair.ptr + pair.len, 0);
            return 1;
        }
        *name = trim(pair.ptr, (size_t)(eq - pair.ptr));
        *value = trim(eq + 1, pair.len - (size_t)(eq - pair.ptr) - 1);
        if (value->len >= 2 && value->ptr[0] == '"' && value->ptr[value->len - 1] == '"')
            *value = vigil__str(value->ptr + 1, value->len - 2);
        return 1;
    }
    return 0;
}

int vigil__cookie_parse(vigil_str header_value, vigil__arena *a, size_t max_pairs,
                        vigil__kv **out, size_t *n, int *truncated)
{
    const char *p = header_value.len ? header_value.ptr : "";
    size_t len = header_value.len, cap, pos = 0;
    vigil_str name, value;

    *out = NULL;
    *n = 0;
    *truncated = 0;
    /* Pieces that are only blanks are counted but not kept: the array is
     * at most a little too big, never too small. */
    size_t count = count_pieces(p, len, ';');
    vigil__kv *kv = kv_array(a, count, max_pairs, &cap);
    if (!kv && cap)
        return VIGIL__PARAMS_NOMEM;
    while (cookie_next(p, len, &pos, &name, &value)) {
        if (*n == cap || *n == max_pairs) {
            *truncated = 1;
            break;
        }
        kv[*n].name = name;
        kv[*n].value = value;
        (*n)++;
    }
    if (*n)
        *out = kv;
    return 0;
}

int vigil__cookie_find(vigil_str header_value, const char *name, vigil_str *value)
{
    const char *p = header_value.len ? header_value.ptr : "";
    size_t pos = 0;
    vigil_str k, v;

    if (!name)
        return 0;
    while (cookie_next(p, header_value.len, &pos, &k, &v)) {
        if (vigil__str_eq(k, name)) {
            if (value)
                *value = v;
            return 1;
        }
    }
    return 0;
}

/* ----------------------------------------------------------- content type */

int vigil__content_type_param(vigil_str content_type, const char *param, vigil_str *value)
{
    const char *s = content_type.len ? content_type.ptr : "";
    size_t n = content_type.len;
    const char *semi = memchr(s, ';', n);

    if (!param || !semi)
        return 0;
    size_t i = (size_t)(semi - s) + 1;
    while (i < n) {
        while (i < n && (is_ws(s[i]) || s[i] == ';'))
            i++;
        size_t ns = i;
        while (i < n && s[i] != '=' && s[i] != ';')
            i++;
        vigil_str name = trim(s + ns, i - ns);
        vigil_str v = vigil__str(s + i, 0);
        if (i < n && s[i] == '=') {
            i++;
            while (i < n && is_ws(s[i]))
                i++;
            if (i < n && s[i] == '"') {
                size_t vs = ++i;
                while (i < n && s[i] != '"')
                    i += (s[i] == '\\' && i + 1 < n) ? 2 : 1;
                v = vigil__str(s + vs, VIGIL__MIN(i, n) - vs);
                /* skip the closing quote and anything up to the next ';' */
                while (i < n && s[i] != ';')
                    i++;
            } else {
                size_t vs = i;
                while (i < n && s[i] != ';')
                    i++;
                v = trim(s + vs, i - vs);
            }
        }
        if (name.len && vigil__str_ieq(name, param)) {
            if (value)
                *value = v;
            return 1;
        }
    }
    return 0;
}

int vigil__content_type_is(vigil_str content_type, const char *type)
{
    const char *s = content_type.len ? content_type.ptr : "";
    const char *semi = memchr(s, ';', content_type.len);
    vigil_str mt = trim(s, semi ? (size_t)(semi - s) : content_type.len);

    if (!type)
        return 0;
    if (vigil__str_ieq(mt, type))
        return 1;
    /* "top/anything+sub" is "top/sub" (RFC 6839 structured suffixes). */
    const char *slash = strchr(type, '/');
    if (!slash)
        return 0;
    size_t toplen = (size_t)(slash - type) + 1, sublen = strlen(slash + 1);
    if (sublen == 0 || mt.len < toplen + 2 + sublen)
        return 0;
    const char *plus = mt.ptr + mt.len - sublen - 1;
    if (*plus != '+')
        return 0;
    for (size_t k = 0; k < toplen; k++)
        if (vigil__lower((unsigned char)mt.ptr[k]) != vigil__lower((unsigned char)type[k]))
            return 0;
    if (memchr(mt.ptr + toplen, '/', (size_t)(plus - mt.ptr) - toplen))
        return 0;
    return vigil__str_ieq(vigil__str(plus + 1, sublen), slash + 1);
}

/* -------------------------------------------------------------- multipart */

#define BOUNDARY_MAX 200

enum { DELIM_NONE, DELIM_PART, DELIM_CLOSE, DELIM_EOF };

/* Is there a delimiter "--boundary" at b[i] (a line start)? On a match
 * *next is the index after its line. DELIM_EOF: the input ends right
 * after it (a cut-off closing delimiter). Reads no byte past the first
 * mismatch, and the compared bytes hold no '\n' (the boundary has none),
 * which keeps the search for delimiters linear. */
static int delim_at(const char *b, size_t len, size_t i, vigil_str bd, size_t *next)
{
    if (len - i < 2 + bd.len || b[i] != '-' || b[i + 1] != '-' ||
        memcmp(b + i + 2, bd.ptr, bd.len) != 0)
        return DELIM_NONE;
    i += 2 + bd.len;
    if (len - i >= 2 && b[i] == '-' && b[i + 1] == '-') {
        *next = i + 2;
        return DELIM_CLOSE;
    }
    while (i < len && is_ws(b[i]))
        i++;
    if (i == len) {
        *next = len;
        return DELIM_EOF;
    }
    if (b[i] == '\r' && i + 1 < len && b[i + 1] == '\n') {
        *next = i + 2;
        return DELIM_PART;
    }
    if (b[i] == '\n') {
        *next = i + 1;
        return DELIM_PART;
    }
    if (b[i] == '\r' && i + 1 == len) {
        *next = len;
        return DELIM_EOF;
    }
    return DELIM_NONE;
}

/* Finds the first delimiter at a line start at or after from, where from
 * itself counts as a line start. *at gets where the data before it ends
 * (the newline before the delimiter is not data). Returns DELIM_*. */
static int find_delim(const char *b, size_t len, size_t from, vigil_str bd,
                      size_t *at, size_t *next)
{
    int d = delim_at(b, len, from, bd, next);
    if (d != DELIM_NONE) {
        *at = from;
        return d;
    }
    size_t i = from;
    while (i < len) {
        const char *nl = memchr(b + i, '\n', len - i);
        if (!nl)
            break;
        size_t k = (size_t)(nl - b);
        d = delim_at(b, len, k + 1, bd, next);
        if (d != DELIM_NONE) {
            *at = (k > from && b[k - 1] == '\r') ? k - 1 : k;
            return d;
        }
        i = k + 1;
    }
    return DELIM_NONE;
}

/* Fills name, filename and content_type of p from one header line. */
static void part_header(vigil__part *p, const char *line, size_t n)
{
    const char *colon = memchr(line, ':', n);
    if (!colon || n == 0 || is_ws(line[0]))
        return; /* not a header, or a folded continuation: ignored */
    vigil_str name = trim(line, (size_t)(colon - line));
    vigil_str value = trim(colon + 1, n - (size_t)(colon - line) - 1);
    if (vigil__str_ieq(name, "content-disposition")) {
        vigil__content_type_param(value, "name", &p->name);
        vigil__content_type_param(value, "filename", &p->filename);
    } else if (vigil__str_ieq(name, "content-type")) {
        p->content_type = value;
    }
}

/* Appends p to the growing arena array. Returns 0 or -1. */
static int part_push(vigil__arena *a, vigil__part **arr, size_t *n, size_t *cap,
                     size_t max_parts, const vigil__part *p)
{
    if (*n == *cap) {
        size_t ncap = *cap ? *cap * 2 : 8;
        if (ncap > max_parts)
            ncap = max_parts;
        if (ncap > SIZE_MAX / sizeof(vigil__part))
            return -1;
        vigil__part *na = vigil__arena_alloc(a, ncap * sizeof(vigil__part));
        if (!na)
            return -1;
        if (*n)
            memcpy(na, *arr, *n * sizeof(vigil__part));
        *arr = na;
        *cap = ncap;
    }
    (*arr)[(*n)++] = *p;
    return 0;
}

int vigil__multipart_parse(vigil_str body, vigil_str boundary, vigil__arena *a,
                           size_t max_parts, vigil__part **out, size_t *n, int *malformed)
{
    const char *b = body.len ? body.ptr : "";
    size_t len = body.len, cap = 0, at, next;

    *out = NULL;
    *n = 0;
    *malformed = 0;
    if (boundary.len == 0 || boundary.len > BOUNDARY_MAX ||
        memchr(boundary.ptr, '\n', boundary.len) || memchr(boundary.ptr, '\r', boundary.len)) {
        *malformed = 1;
        return 0;
    }
    int d = find_delim(b, len, 0, boundary, &at, &next);
    if (d != DELIM_PART) {
        /* no delimiter, or only a closing one: no parts */
        *malformed = d != DELIM_CLOSE;
        return 0;
    }
    for (;;) {
        if (*n == max_parts)
            return VIGIL__PARAMS_TRUNCATED;
        vigil__part p;
        memset(&p, 0, sizeof p);
        size_t i = next;
        /* header lines up to a blank line */
        for (;;) {
            const char *nl = i < len ? memchr(b + i, '\n', len - i) : NULL;
            if (!nl) {
                *malformed = 1;
                return 0;
            }
            size_t e = (size_t)(nl - b), ll = e - i;
            if (ll && b[e - 1] == '\r')
                ll--;
            const char *line = b + i;
            i = e + 1;
            if (ll == 0)
                break;
            part_header(&p, line, ll);
        }
        d = find_delim(b, len, i, boundary, &at, &next);
        if (d == DELIM_NONE) {
            at = len; /* cut short: keep the rest for inspection */
            *malformed = 1;
        }
        p.body = vigil__str(b + i, at - i);
        if (part_push(a, out, n, &cap, max_parts, &p) != 0)
            return VIGIL__PARAMS_NOMEM;
        if (d == DELIM_EOF)
            *malformed = 1;
        if (d != DELIM_PART)
            return 0;
    }
}
