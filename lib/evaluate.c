/*
 * evaluate.c - the request pipeline: client address and IP lists, request
 * limits, identity, route and contract (schemas), body parsing, attack
 * detection, rate limits and behaviour. Each stage adds reasons to the
 * decision; decision.c turns them into an action.
 *
 * Cost model: every stage is linear in the size of what it looks at, and
 * scratch memory comes from the decision's arena, so a steady stream of
 * requests allocates nothing.
 */
#include <stdio.h>

#include "decode.h"
#include "engine.h"
#include "ipaddr.h"
#include "json_tape.h"
#include "params.h"
#include "route.h"
#include "scan.h"
#include "schema.h"

typedef struct schema_sink {
    vigil_decision      *d;
    const vigil__policy *p;
    int                  n;
} schema_sink;

static int on_violation(void *ctx, const char *rule_id, const char *where, const char *detail)
{
    schema_sink *s = ctx;
    vigil__decision_add(s->d, s->p, rule_id, "schema", -1, -1, where, detail);
    return ++s->n >= VIGIL_MAX_REASONS; /* enough to explain; stop early */
}

static const vigil_header *find_header(const vigil_request *r, const char *name)
{
    for (size_t i = 0; i < r->header_count; i++)
        if (vigil__str_ieq(r->headers[i].name, name))
            return &r->headers[i];
    return NULL;
}

/* Limits that need no parsing. Returns 1 when the body must not be
 * inspected (too large to scan within bounds). */
static int check_limits(vigil_decision *d, const vigil__policy *p, const vigil_request *r)
{
    const vigil__limits *l = &p->limits;
    char detail[96], where[96];
    int skip_body = 0;
    size_t url = r->path.len + (r->query.len ? r->query.len + 1 : 0);
    if (url > l->max_url_bytes) {
        snprintf(detail, sizeof detail, "URL of %zu bytes exceeds %zu", url, l->max_url_bytes);
        vigil__decision_add(d, p, "limits.url_size", NULL, -1, -1, "url", detail);
    }
    if (r->header_count > l->max_headers) {
        snprintf(detail, sizeof detail, "%zu headers exceed %zu", r->header_count, l->max_headers);
        vigil__decision_add(d, p, "limits.header_count", NULL, -1, -1, "headers", detail);
    }
    /* One reason for the first oversized header is enough. */
    for (size_t i = 0; i < r->header_count; i++) {
        size_t n = r->headers[i].name.len + r->headers[i].value.len;
        if (n > l->max_header_bytes) {
            char name[48];
            vigil__safe_excerpt(name, sizeof name, r->headers[i].name.ptr, r->headers[i].name.len);
            snprintf(where, sizeof where, "header.%s", name);
            snprintf(detail, sizeof detail, "header of %zu bytes exceeds %zu", n,
                     l->max_header_bytes);
            vigil__decision_add(d, p, "limits.header_size", NULL, -1, -1, where, detail);
            break;
        }
    }
    if (r->body_len > l->max_body_bytes) {
        snprintf(detail, sizeof detail, "body of %zu bytes exceeds %zu", r->body_len,
                 l->max_body_bytes);
        vigil__decision_add(d, p, "limits.body_size", NULL, -1, -1, "body", detail);
        skip_body = 1;
    }
    return skip_body;
}

/* Percent-decodes a list of raw params into the arena. */
static int decode_params(vigil__arena *a, const vigil_str *raw, size_t n, vigil_str *out)
{
    for (size_t i = 0; i < n; i++) {
        char *buf = vigil__arena_alloc(a, raw[i].len + 1);
        if (!buf)
            return VIGIL_ENOMEM;
        out[i] = vigil__str(buf, vigil__url_decode(raw[i].ptr, raw[i].len, buf, 0));
    }
    return VIGIL_OK;
}

/* Splits query pairs into the parallel arrays the schema validator and the
 * scanner take. */
static int split_pairs(vigil__arena *a, const vigil__kv *kv, size_t n, vigil_str **names,
                       vigil_str **values)
{
    *names = vigil__arena_alloc(a, (n ? n : 1) * sizeof **names);
    *values = vigil__arena_alloc(a, (n ? n : 1) * sizeof **values);
    if (!*names || !*values)
        return VIGIL_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        (*names)[i] = kv[i].name;
        (*values)[i] = kv[i].value;
    }
    return VIGIL_OK;
}

static int json_error_reason(vigil_decision *d, const vigil__policy *p, int jerr, size_t off,
                             int claims_json)
{
    char detail[96];
    switch (jerr) {
    case VIGIL__JERR_DEPTH:
        snprintf(detail, sizeof detail, "nesting deeper than %u", p->limits.max_json_depth);
        vigil__decision_add(d, p, "limits.json_depth", NULL, -1, -1, "body", detail);
        return VIGIL_OK;
    case VIGIL__JERR_TOKENS:
        snprintf(detail, sizeof detail, "more than %u JSON elements", p->limits.max_json_elements);
        vigil__decision_add(d, p, "limits.json_elements", NULL, -1, -1, "body", detail);
        return VIGIL_OK;
    case VIGIL__JERR_NOMEM:
        return VIGIL_ENOMEM;
    default:
        if (claims_json) {
            snprintf(detail, sizeof detail, "invalid JSON at byte %zu", off);
            vigil__decision_add(d, p, "body.malformed", NULL, -1, -1, "body", detail);
        }
        return VIGIL_OK;
    }
}

int vigil__evaluate(vigil_engine *e, const vigil__policy *p, const vigil_request *r,
                    vigil_decision *d)
{
    vigil__arena *a = &d->arena;
    int rc;

    /* 1. Who is talking: the peer, or the client behind trusted proxies. */
    vigil__ip peer, client;
    int peer_ok = vigil__ip_parse(r->client_ip, &peer);
    int client_ok = vigil__client_ip(&peer, peer_ok, r->headers, r->header_count,
                                     p->trusted_proxies, &client);
    vigil__identity_resolve(p, r->headers, r->header_count, &client, client_ok, &e->id_keys,
                            &d->identity);
    if (client_ok && vigil__ipset_contains(p->ip_deny, &client)) {
        vigil__decision_add(d, p, "ip.deny", NULL, -1, -1, "client_ip",
                            "client address is on the deny list");
        return VIGIL_OK;
    }
    if (client_ok && vigil__ipset_contains(p->ip_allow, &client))
        return VIGIL_OK; /* allow-listed clients skip every check */

    /* 2. Sizes, before any parsing. */
    int skip_body = check_limits(d, p, r);

    /* 3. Rate limit and behaviour of this identity. */
    vigil__state_limits lim = {p->rate_per_ms, p->rate_burst, p->behaviour.window_ms,
                               p->behaviour.max_identities};
    vigil__state_view view;
    if ((rc = vigil__state_on_request(e->state, d->identity.digest, d->ts_ms, &lim, &view)))
        return rc;
    char detail[112];
    if (view.throttled) {
        snprintf(detail, sizeof detail, "more than %.0f requests per minute (burst %.0f)",
                 p->rate_per_ms * 60000.0, p->rate_burst);
        if (vigil__decision_add(d, p, "rate.limit", NULL, -1, -1, "", detail))
            d->retry_after = view.retry_after_s;
    }
    if (view.auth_failures >= p->behaviour.max_auth_failures) {
        snprintf(detail, sizeof detail, "%u authentication failures in the last %lld s",
                 view.auth_failures, (long long)(p->behaviour.window_ms / 1000));
        vigil__decision_add(d, p, "behaviour.auth_failures", NULL, -1, -1, "", detail);
    }
    if (view.not_found >= p->behaviour.max_not_found) {
        snprintf(detail, sizeof detail, "%u not-found responses in the last %lld s",
                 view.not_found, (long long)(p->behaviour.window_ms / 1000));
        vigil__decision_add(d, p, "behaviour.not_found", NULL, -1, -1, "", detail);
    }

    /* 4. The route and its contract. */
    const vigil__route_def *route = NULL;
    vigil__route_match m;
    schema_sink sink = {d, p, 0};
    if (p->n_routes) {
        int hit = vigil__router_match(p->router, r->method, r->path, &m);
        if (hit && m.method_allowed) {
            route = &p->routes[m.route_id];
            d->route_id = (int)m.route_id;
            snprintf(d->route, sizeof d->route, "%s", route->path);
        } else if (p->unknown_route_action != VIGIL_ALLOW) {
            char method[16];
            vigil__safe_excerpt(method, sizeof method, r->method.ptr, r->method.len);
            snprintf(detail, sizeof detail, hit ? "method %s not declared for this path"
                                                : "no route declared for %s on this path",
                     method);
            vigil__decision_add(d, p, hit ? "route.method" : "route.unknown", NULL, -1,
                                p->unknown_route_action, "path", detail);
        }
    }
    if (route && route->auth && !d->identity.credential)
        vigil__decision_add(d, p, "auth.missing", NULL, -1, -1, "",
                            "route requires credentials and none were presented");
    if (route && route->params && m.nparams) {
        vigil_str names[VIGIL__MAX_PARAMS], values[VIGIL__MAX_PARAMS];
        for (size_t i = 0; i < m.nparams; i++)
            names[i] = vigil__str(m.names[i], strlen(m.names[i]));
        if ((rc = decode_params(a, m.values, m.nparams, values)))
            return rc;
        rc = vigil__schema_validate_params(route->params, names, values, m.nparams, "path", a,
                                           d->schema, on_violation, &sink);
        if (rc < 0)
            return VIGIL_ENOMEM;
    }

    /* 5. Query parameters. */
    vigil__kv *query = NULL;
    size_t nquery = 0;
    int truncated = 0;
    if (r->query.len && vigil__form_parse(r->query, a, p->limits.max_params, &query, &nquery,
                                          &truncated))
        return VIGIL_ENOMEM;
    if (truncated) {
        snprintf(detail, sizeof detail, "more than %zu query parameters", p->limits.max_params);
        vigil__decision_add(d, p, "limits.params", NULL, -1, -1, "query", detail);
    }
    if (route && route->query) {
        vigil_str *names, *values;
        if ((rc = split_pairs(a, query, nquery, &names, &values)))
            return rc;
        if (vigil__schema_validate_params(route->query, names, values, nquery, "query", a,
                                          d->schema, on_violation, &sink) < 0)
            return VIGIL_ENOMEM;
    }

    /* 6. The body: JSON through the tape walker, forms through the pair
     * parser; oversized bodies were reported above and are not read. */
    vigil__jtape tape = {NULL, 0, 0};
    int have_tape = 0;
    vigil__kv *form = NULL;
    size_t nform = 0;
    const vigil_header *ct = find_header(r, "content-type");
    vigil_str ctype = ct ? ct->value : vigil__str(NULL, 0);
    if (r->body_len && !skip_body) {
        const char *body = r->body;
        int is_json = ct && vigil__content_type_is(ctype, "application/json");
        int is_form = ct && vigil__content_type_is(ctype, "application/x-www-form-urlencoded");
        /* A route with a body schema expects JSON whatever the header says. */
        if (is_json || (!is_form && route && route->body)) {
            vigil__jlimits jl = {p->limits.max_json_depth, p->limits.max_json_elements};
            int jerr = vigil__json_parse(body, r->body_len, &jl, a, &tape);
            if (jerr == 0)
                have_tape = 1;
            else if ((rc = json_error_reason(d, p, jerr, tape.err_off, 1)))
                return rc;
        } else if (is_form) {
            truncated = 0;
            if (vigil__form_parse(vigil__str(body, r->body_len), a, p->limits.max_params, &form,
                                  &nform, &truncated))
                return VIGIL_ENOMEM;
            if (truncated) {
                snprintf(detail, sizeof detail, "more than %zu form fields", p->limits.max_params);
                vigil__decision_add(d, p, "limits.params", NULL, -1, -1, "body", detail);
            }
        }
    }
    if (route && route->body) {
        if (have_tape) {
            if (vigil__schema_validate_json(route->body, &tape, r->body, "body", a, d->schema,
                                            on_violation, &sink) < 0)
                return VIGIL_ENOMEM;
        } else if (form) {
            vigil_str *names, *values;
            if ((rc = split_pairs(a, form, nform, &names, &values)))
                return rc;
            if (vigil__schema_validate_params(route->body, names, values, nform, "body", a,
                                              d->schema, on_violation, &sink) < 0)
                return VIGIL_ENOMEM;
        } else if (!r->body_len && !skip_body) {
            vigil__decision_add(d, p, "schema.required", "schema", -1, -1, "body",
                                "route expects a body and none was sent");
        }
    }

    /* 7. Payload attack detection over every user-controlled part. */
    vigil__scan_input in;
    memset(&in, 0, sizeof in);
    in.request = r;
    in.route = route;
    in.query = query;
    in.nquery = nquery;
    in.form = form;
    in.nform = nform;
    in.tape = have_tape ? &tape : NULL;
    in.body_skipped = skip_body;
    in.content_type = ctype;
    if (route && m.nparams) {
        in.nparams = m.nparams;
        in.param_names = m.names;
        in.param_values = m.values;
    }
    return vigil__scan_request(d, p, &in);
}
