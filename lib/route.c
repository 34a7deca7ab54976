/* route.c - path template trie (see route.h). */
#include "route.h"

#include <stdlib.h>

#include "decode.h"
#include "error.h"

/* One route ending at a trie node: a method and the names of the params
 * met on the way, in path order. */
typedef struct rroute {
    char       *method;     /* "*" or a method; NUL-terminated             */
    size_t      methodlen;
    uint32_t    id;
    size_t      nparams;
    const char *names[VIGIL__MAX_PARAMS]; /* point into namebuf           */
    char       *namebuf;
} rroute;

typedef struct rnode rnode;
struct rnode {
    char   *lit;            /* decoded literal, for literal children only  */
    size_t  litlen;
    rnode **kids;           /* literal children sorted by (length, bytes)  */
    size_t  nkids;
    rnode  *param;          /* {name} child                                */
    rnode  *rest;           /* {name+} child; holds routes, never children */
    rroute *routes;
    size_t  nroutes;
};

struct vigil__router {
    rnode  root;
    size_t depth;           /* segments in the deepest template            */
};

/* ------------------------------------------------------------ trie nodes */

static int lit_cmp(const char *a, size_t alen, const char *b, size_t blen)
{
    if (alen != blen)
        return alen < blen ? -1 : 1;
    /* literals are short: an inline loop beats a call to memcmp */
    for (size_t k = 0; k < alen; k++)
        if (a[k] != b[k])
            return (unsigned char)a[k] < (unsigned char)b[k] ? -1 : 1;
    return 0;
}

/* Index of the literal child equal to (s, n), or of where it would go;
 * *found says which. */
static size_t kid_search(const rnode *nd, const char *s, size_t n, int *found)
{
    size_t lo = 0, hi = nd->nkids;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = lit_cmp(nd->kids[mid]->lit, nd->kids[mid]->litlen, s, n);
        if (c == 0) {
            *found = 1;
            return mid;
        }
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    *found = 0;
    return lo;
}

static void node_free(rnode *nd)
{
    for (size_t i = 0; i < nd->nkids; i++) {
        node_free(nd->kids[i]);
        free(nd->kids[i]);
    }
    free(nd->kids);
    if (nd->param) {
        node_free(nd->param);
        free(nd->param);
    }
    if (nd->rest) {
        node_free(nd->rest);
        free(nd->rest);
    }
    for (size_t i = 0; i < nd->nroutes; i++) {
        free(nd->routes[i].method);
        free(nd->routes[i].namebuf);
    }
    free(nd->routes);
    free(nd->lit);
}

int vigil__router_new(vigil__router **out)
{
    vigil__router *r = calloc(1, sizeof *r);
    *out = r;
    return r ? 0 : VIGIL_ENOMEM;
}

void vigil__router_free(vigil__router *r)
{
    if (!r)
        return;
    node_free(&r->root);
    free(r);
}

/* ------------------------------------------------------- template parsing */

enum { SEG_LIT, SEG_PARAM, SEG_REST };

typedef struct tseg {
    int         kind;
    const char *s;          /* decoded literal (in the scratch copy) or name */
    size_t      len;
} tseg;

static int is_name_start(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
}

static int is_name_char(unsigned char c)
{
    return is_name_start(c) || (c >= '0' && c <= '9');
}

static int valid_method(const char *m)
{
    size_t n = strlen(m);
    if (n == 1 && m[0] == '*')
        return 1;
    if (n == 0 || n > 32)
        return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)m[i];
        if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'))
            return 0;
    }
    return 1;
}

/* Splits tmpl into segs, decoding literals into scratch (strlen(tmpl)
 * bytes). Returns the segment count or a negative status with err set. */
static int parse_template(const char *tmpl, char *scratch, tseg *segs,
                          const char *errpath, vigil_error *err)
{
    size_t n = strlen(tmpl), i = 0, nsegs = 0, nparams = 0, off = 0;

    if (n == 0 || tmpl[0] != '/')
        return vigil__error_set(err, VIGIL_EPOLICY, errpath,
                                "route template must start with '/'");
    for (;;) {
        while (i < n && tmpl[i] == '/')
            i++;
        if (i == n)
            break;
        size_t start = i;
        while (i < n && tmpl[i] != '/')
            i++;
        const char *s = tmpl + start;
        size_t len = i - start;
        if (nsegs == VIGIL__ROUTE_MAX_DEPTH)
            return vigil__error_set(err, VIGIL_EPOLICY, errpath,
                                    "route template has more than %d segments",
                                    VIGIL__ROUTE_MAX_DEPTH);
        tseg *t = &segs[nsegs];
        if (s[0] == '{') {
            if (len < 2 || s[len - 1] != '}')
                return vigil__error_set(err, VIGIL_EPOLICY, errpath,
                                        "a route parameter must be a whole segment '{name}'");
            t->kind = SEG_PARAM;
            t->s = s + 1;
            t->len = len - 2;
            if (t->len && t->s[t->len - 1] == '+') {
                t->kind = SEG_REST;
                t->len--;
            }
            if (t->len == 0 || !is_name_start((unsigned char)t->s[0]))
                return vigil__error_set(err, VIGIL_EPOLICY, errpath,
                                        "invalid route parameter name in segment %zu",
                                        nsegs + 1);
            for (size_t k = 1; k < t->len; k++)
                if (!is_name_char((unsigned char)t->s[k]))
                    return vigil__error_set(err, VIGIL_EPOLICY, errpath,
                                            "invalid route parameter name in segment %zu",
                                            nsegs + 1);
            for (size_t k = 0; k < nsegs; k++)
                if (segs[k].kind != SEG_LIT && segs[k].len == t->len &&
                    memcmp(segs[k].s, t->s, t->len) == 0)
                    return vigil__error_set(err, VIGIL_EPOLICY, errpath,
                                            "duplicate route parameter '%.*s'",
                                            (int)VIGIL__MIN(t->len, 64), t->s);
            if (++nparams > VIGIL__MAX_PARAMS)
                return vigil__error_set(err, VIGIL_EPOLICY, errpath,
                                        "route template has more than %d parameters",
                                        VIGIL__MAX_PARAMS);
            if (t->kind == SEG_REST) {
                size_t k = i;
                while (k < n && tmpl[k] == '/')
                    k++;
                if (k != n)
                    return vigil__error_set(err, VIGIL_EPOLICY, errpath,
                                            "'{%.*s+}' must be the last segment",
                                            (int)VIGIL__MIN(t->len, 64), t->s);
            }
        } else {
            if (memchr(s, '{', len) || memchr(s, '}', len))
                return vigil__error_set(err, VIGIL_EPOLICY, errpath,
                                        "a route parameter must be a whole segment '{name}'");
            t->kind = SEG_LIT;
            t->s = scratch + off;
            t->len = vigil__url_decode(s, len, scratch + off, 0);
            off += t->len;
        }
        nsegs++;
    }
    return (int)nsegs;
}

/* The child of nd that segment t leads to, or NULL. */
static rnode *child_for(const rnode *nd, const tseg *t)
{
    int found;
    size_t k;
    switch (t->kind) {
    case SEG_PARAM:
        return nd->param;
    case SEG_REST:
        return nd->rest;
    default:
        k = kid_search(nd, t->s, t->len, &found);
        return found ? nd->kids[k] : NULL;
    }
}

/* Returns the child of nd for t, creating it; NULL on allocation failure. */
static rnode *child_make(rnode *nd, const tseg *t)
{
    rnode *c = child_for(nd, t);
    if (c)
        return c;
    c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    if (t->kind == SEG_PARAM) {
        nd->param = c;
    } else if (t->kind == SEG_REST) {
        nd->rest = c;
    } else {
        int found;
        size_t k = kid_search(nd, t->s, t->len, &found);
        c->lit = malloc(t->len + 1);
        rnode **kids = realloc(nd->kids, (nd->nkids + 1) * sizeof *kids);
        if (!c->lit || !kids) {
            free(c->lit);
            free(c);
            return NULL;
        }
        memcpy(c->lit, t->s, t->len);
        c->lit[t->len] = '\0';
        c->litlen = t->len;
        memmove(kids + k + 1, kids + k, (nd->nkids - k) * sizeof *kids);
        kids[k] = c;
        nd->kids = kids;
        nd->nkids++;
    }
    return c;
}

int vigil__router_add(vigil__router *r, const char *method, const char *tmpl,
                      uint32_t route_id, const char *errpath, vigil_error *err)
{
    tseg segs[VIGIL__ROUTE_MAX_DEPTH];

    if (!r || !method || !tmpl)
        return vigil__error_set(err, VIGIL_EINVAL, errpath, "missing route method or path");
    if (!valid_method(method))
        return vigil__error_set(err, VIGIL_EPOLICY, errpath,
                                "invalid route method (use upper case, or \"*\")");
    char *scratch = malloc(strlen(tmpl) + 1);
    if (!scratch)
        return vigil__error_set(err, VIGIL_ENOMEM, errpath, "out of memory");
    int rc = parse_template(tmpl, scratch, segs, errpath, err);
    if (rc < 0) {
        free(scratch);
        return rc;
    }
    size_t nsegs = (size_t)rc;

    /* Conflict check first, so a rejected route leaves the trie alone. */
    const rnode *at = &r->root;
    for (size_t i = 0; i < nsegs && at; i++)
        at = child_for(at, &segs[i]);
    if (at) {
        for (size_t i = 0; i < at->nroutes; i++) {
            if (strcmp(at->routes[i].method, method) == 0) {
                free(scratch);
                return vigil__error_set(err, VIGIL_EPOLICY, errpath,
                                        "route %s %s has the same method and shape as route %u",
                                        method, tmpl, (unsigned)at->routes[i].id);
            }
        }
    }

    rroute rt;
    memset(&rt, 0, sizeof rt);
    rt.id = route_id;
    rt.methodlen = strlen(method);
    rt.method = malloc(rt.methodlen + 1);
    size_t namebytes = 1;
    for (size_t i = 0; i < nsegs; i++)
        if (segs[i].kind != SEG_LIT)
            namebytes += segs[i].len + 1;
    rt.namebuf = malloc(namebytes);
    if (!rt.method || !rt.namebuf)
        goto nomem;
    memcpy(rt.method, method, rt.methodlen + 1);
    size_t off = 0;
    for (size_t i = 0; i < nsegs; i++) {
        if (segs[i].kind == SEG_LIT)
            continue;
        memcpy(rt.namebuf + off, segs[i].s, segs[i].len);
        rt.namebuf[off + segs[i].len] = '\0';
        rt.names[rt.nparams++] = rt.namebuf + off;
        off += segs[i].len + 1;
    }

    /* A failure here may leave new empty nodes; they match nothing. */
    rnode *nd = &r->root;
    for (size_t i = 0; i < nsegs; i++) {
        nd = child_make(nd, &segs[i]);
        if (!nd)
            goto nomem;
    }
    rroute *routes = realloc(nd->routes, (nd->nroutes + 1) * sizeof *routes);
    if (!routes)
        goto nomem;
    routes[nd->nroutes++] = rt;
    nd->routes = routes;
    if (nsegs > r->depth)
        r->depth = nsegs;
    free(scratch);
    return 0;

nomem:
    free(rt.method);
    free(rt.namebuf);
    free(scratch);
    return vigil__error_set(err, VIGIL_ENOMEM, errpath, "out of memory");
}

/* ---------------------------------------------------------------- matching */

#define DECODE_BUF 2048

typedef struct mseg {
    const char *raw;
    size_t      rawlen;
    const char *dec;        /* decoded form, NULL if it did not fit */
    size_t      declen;
} mseg;

typedef struct mstate {
    vigil_str           method;
    const mseg         *segs;
    size_t              nsegs;      /* segments seen, capped at depth + 1   */
    const char         *path_end;   /* end of the path without trailing '/' */
    vigil_str           vals[VIGIL__MAX_PARAMS];
    size_t              nvals;
    unsigned            visits;
    int                 have_path;  /* m holds a method-less match          */
    int                 stop;
    vigil__route_match *m;
} mstate;

static const rroute *route_for_method(const rnode *nd, vigil_str method)
{
    const rroute *any = NULL;
    for (size_t i = 0; i < nd->nroutes; i++) {
        const rroute *rt = &nd->routes[i];
        if (rt->methodlen == 1 && rt->method[0] == '*')
            any = rt;
        else if (rt->methodlen == method.len && memcmp(rt->method, method.ptr, method.len) == 0)
            return rt;
    }
    return any;
}

static void fill_match(mstate *st, const rroute *rt, int allowed)
{
    vigil__route_match *m = st->m;
    m->route_id = rt->id;
    m->method_allowed = allowed;
    /* nvals == rt->nparams: both count the param edges of this trie path */
    m->nparams = rt->nparams;
    for (size_t i = 0; i < rt->nparams; i++) {
        m->names[i] = rt->names[i];
        m->values[i] = st->vals[i];
    }
}

/* Routes at a node the whole path led to. Returns 1 to stop the search. */
static int terminal(mstate *st, const rnode *nd)
{
    if (nd->nroutes == 0)
        return 0;
    const rroute *rt = route_for_method(nd, st->method);
    if (rt) {
        fill_match(st, rt, 1);
        return 1;
    }
    if (!st->have_path) {
        fill_match(st, &nd->routes[0], 0);
        st->have_path = 1;
    }
    return 0;
}

/* Depth-first search in precedence order; nd is at segment index i.
 * Returns 1 to stop (method match found or budget spent). */
static int search(mstate *st, const rnode *nd, size_t i)
{
    if (++st->visits > VIGIL__ROUTE_MAX_VISITS) {
        st->stop = 1;
        return 1;
    }
    if (i == st->nsegs)
        return terminal(st, nd);

    const mseg *sg = &st->segs[i];
    if (nd->nkids && sg->dec) {
        int found;
        size_t k = kid_search(nd, sg->dec, sg->declen, &found);
        if (found && search(st, nd->kids[k], i + 1))
            return 1;
    }
    if (nd->param) {
        st->vals[st->nvals++] = vigil__str(sg->raw, sg->rawlen);
        if (search(st, nd->param, i + 1))
            return 1;
        st->nvals--;
    }
    if (nd->rest) {
        if (++st->visits > VIGIL__ROUTE_MAX_VISITS) {
            st->stop = 1;
            return 1;
        }
        st->vals[st->nvals++] = vigil__str(sg->raw, (size_t)(st->path_end - sg->raw));
        if (terminal(st, nd->rest))
            return 1;
        st->nvals--;
    }
    return 0;
}

int vigil__router_match(const vigil__router *r, vigil_str method,
                        vigil_str path, vigil__route_match *m)
{
    mseg segs[VIGIL__ROUTE_MAX_DEPTH + 1];
    char buf[DECODE_BUF];
    size_t used = 0, nsegs = 0;
    const char *p = path.len ? path.ptr : "";
    size_t n = path.len;

    m->route_id = 0;
    m->method_allowed = 0;
    m->nparams = 0;

    /* Trailing slashes first: then a path of only slashes costs one scan. */
    while (n > 0 && p[n - 1] == '/')
        n--;
    /* Only depth + 1 segments matter: one more than the deepest template
     * tells "too deep" apart, and {rest+} values run to the path's end. */
    size_t i = 0, cap = r->depth + 1;
    while (nsegs < cap) {
        while (i < n && p[i] == '/')
            i++;
        if (i == n)
            break;
        const char *s = p + i;
        /* Short segments in one inline pass; long ones with memchr. */
        size_t j = i, lim = VIGIL__MIN(n, i + 64);
        int pct = 0;
        while (j < lim && p[j] != '/')
            pct |= p[j++] == '%';
        if (j == lim && j < n) {
            const char *slash = memchr(p + j, '/', n - j);
            j = slash ? (size_t)(slash - p) : n;
            pct = memchr(s, '%', j - i) != NULL;
        }
        size_t len = j - i;
        mseg *sg = &segs[nsegs++];
        sg->raw = s;
        sg->rawlen = len;
        sg->dec = s;
        sg->declen = len;
        if (pct) {
            if (len <= DECODE_BUF - used) {
                sg->dec = buf + used;
                sg->declen = vigil__url_decode(s, len, buf + used, 0);
                used += sg->declen;
            } else {
                sg->dec = NULL;
            }
        }
        i += len;
    }

    mstate st;
    st.method = method.len ? method : vigil__str("", 0);
    st.segs = segs;
    st.nsegs = nsegs;
    st.path_end = p + n;
    st.nvals = 0;
    st.visits = 0;
    st.have_path = 0;
    st.stop = 0;
    st.m = m;
    if (search(&st, &r->root, 0) && !st.stop)
        return 1;
    if (st.have_path)
        return 1;
    m->route_id = 0;
    m->method_allowed = 0;
    m->nparams = 0;
    return 0;
}
