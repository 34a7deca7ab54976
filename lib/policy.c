/*
 * policy.c - compiles a JSON policy (docs/policy.md) into vigil__policy.
 *
 * Parsing uses cJSON (load time only, never on the hot path). Every error
 * names the JSON path of the offending element; vigil__policy_compile then
 * turns that path into a line and column with the tape walker.
 */
#include "policy.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules.h"
#include "error.h"
#include "ipaddr.h"
#include "json_tape.h"
#include "route.h"
#include "schema.h"

#define PATH_CAP 128

/* ------------------------------------------------------------- helpers */

static char *dup_str(const char *s)
{
    size_t n = strlen(s);
    char *p = malloc(n + 1);
    if (p)
        memcpy(p, s, n + 1);
    return p;
}

int vigil__action_parse(const char *s, int allow_off)
{
    if (!strcmp(s, "allow"))
        return VIGIL_ALLOW;
    if (!strcmp(s, "flag"))
        return VIGIL_FLAG;
    if (!strcmp(s, "throttle"))
        return VIGIL_THROTTLE;
    if (!strcmp(s, "block"))
        return VIGIL_BLOCK;
    if (allow_off && !strcmp(s, "off"))
        return VIGIL__ACTION_OFF;
    return -2;
}

/* Rejects members not in `known`, so that typos fail loudly. */
static int check_keys(const cJSON *obj, const char *path, const char *const *known,
                      vigil_error *err)
{
    const cJSON *it;
    char sub[PATH_CAP];
    cJSON_ArrayForEach(it, obj) {
        int ok = 0;
        for (size_t i = 0; known[i]; i++)
            if (!strcmp(it->string, known[i]))
                ok = 1;
        if (!ok)
            return vigil__error_set(err, VIGIL_EPOLICY,
                                    vigil__path_key(sub, sizeof sub, path, it->string),
                                    "unknown field \"%s\"", it->string);
    }
    return VIGIL_OK;
}

static int want_object(const cJSON *j, const char *path, vigil_error *err)
{
    if (!cJSON_IsObject(j))
        return vigil__error_set(err, VIGIL_EPOLICY, path, "must be an object");
    return VIGIL_OK;
}

/* Reads an optional non-negative integer member in [lo, hi]. */
static int get_uint(const cJSON *obj, const char *name, const char *path,
                    double lo, double hi, double *out, vigil_error *err)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, name);
    char sub[PATH_CAP];
    if (!v)
        return VIGIL_OK;
    if (!cJSON_IsNumber(v) || v->valuedouble != floor(v->valuedouble) ||
        v->valuedouble < lo || v->valuedouble > hi)
        return vigil__error_set(err, VIGIL_EPOLICY,
                                vigil__path_key(sub, sizeof sub, path, name),
                                "must be an integer from %.0f to %.0f", lo, hi);
    *out = v->valuedouble;
    return VIGIL_OK;
}

static int get_size(const cJSON *obj, const char *name, const char *path,
                    double lo, double hi, size_t *out, vigil_error *err)
{
    double d = (double)*out;
    int rc = get_uint(obj, name, path, lo, hi, &d, err);
    *out = (size_t)d;
    return rc;
}

static int get_u32(const cJSON *obj, const char *name, const char *path,
                   double lo, double hi, uint32_t *out, vigil_error *err)
{
    double d = (double)*out;
    int rc = get_uint(obj, name, path, lo, hi, &d, err);
    *out = (uint32_t)d;
    return rc;
}

static int get_string(const cJSON *obj, const char *name, const char *path,
                      const char **out, vigil_error *err)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, name);
    char sub[PATH_CAP];
    if (!v)
        return VIGIL_OK;
    if (!cJSON_IsString(v))
        return vigil__error_set(err, VIGIL_EPOLICY,
                                vigil__path_key(sub, sizeof sub, path, name),
                                "must be a string");
    *out = v->valuestring;
    return VIGIL_OK;
}

static int get_action(const cJSON *obj, const char *name, const char *path,
                      int allow_off, int *out, vigil_error *err)
{
    const char *s = NULL;
    char sub[PATH_CAP];
    int rc = get_string(obj, name, path, &s, err);
    if (rc || !s)
        return rc;
    int a = vigil__action_parse(s, allow_off);
    if (a == -2)
        return vigil__error_set(err, VIGIL_EPOLICY,
                                vigil__path_key(sub, sizeof sub, path, name),
                                "unknown action \"%s\" (expected allow, flag, throttle, block%s)",
                                s, allow_off ? " or off" : "");
    *out = a;
    return VIGIL_OK;
}

/* ------------------------------------------------------------- sections */

static int parse_limits(const cJSON *j, vigil__limits *l, vigil_error *err)
{
    static const char *const known[] = {"max_body_bytes", "max_headers", "max_header_bytes",
                                        "max_url_bytes", "max_json_depth",
                                        "max_json_elements", "max_params", "max_memory_bytes",
                                        NULL};
    const char *p = "limits";
    int rc;
    if ((rc = want_object(j, p, err)) || (rc = check_keys(j, p, known, err)))
        return rc;
    if ((rc = get_size(j, "max_body_bytes", p, 0, 1073741824.0, &l->max_body_bytes, err)) ||
        (rc = get_size(j, "max_headers", p, 1, 100000, &l->max_headers, err)) ||
        (rc = get_size(j, "max_header_bytes", p, 16, 1048576, &l->max_header_bytes, err)) ||
        (rc = get_size(j, "max_url_bytes", p, 16, 1048576, &l->max_url_bytes, err)) ||
        (rc = get_u32(j, "max_json_depth", p, 1, 512, &l->max_json_depth, err)) ||
        (rc = get_u32(j, "max_json_elements", p, 1, 10000000, &l->max_json_elements, err)) ||
        (rc = get_size(j, "max_params", p, 1, 100000, &l->max_params, err)) ||
        (rc = get_size(j, "max_memory_bytes", p, 65536, 4294967296.0, &l->max_memory_bytes, err)))
        return rc;
    return VIGIL_OK;
}

static int parse_ip(const cJSON *j, vigil__policy *p, vigil_error *err)
{
    static const char *const known[] = {"allow", "deny", "trusted_proxies", NULL};
    int rc;
    if ((rc = want_object(j, "ip", err)) || (rc = check_keys(j, "ip", known, err)))
        return rc;
    if ((rc = vigil__ipset_compile(cJSON_GetObjectItemCaseSensitive(j, "allow"), "ip.allow",
                                   &p->ip_allow, err)) ||
        (rc = vigil__ipset_compile(cJSON_GetObjectItemCaseSensitive(j, "deny"), "ip.deny",
                                   &p->ip_deny, err)) ||
        (rc = vigil__ipset_compile(cJSON_GetObjectItemCaseSensitive(j, "trusted_proxies"),
                                   "ip.trusted_proxies", &p->trusted_proxies, err)))
        return rc;
    return VIGIL_OK;
}

static int parse_identity(const cJSON *j, vigil__policy *p, vigil_error *err)
{
    static const char *const known[] = {"sources", NULL};
    static const char *const src_known[] = {"type", "name", "ipv4_prefix", "ipv6_prefix", NULL};
    char path[PATH_CAP];
    int rc;
    if ((rc = want_object(j, "identity", err)) || (rc = check_keys(j, "identity", known, err)))
        return rc;
    const cJSON *srcs = cJSON_GetObjectItemCaseSensitive(j, "sources");
    if (!srcs)
        return VIGIL_OK;
    if (!cJSON_IsArray(srcs) || cJSON_GetArraySize(srcs) < 1 ||
        cJSON_GetArraySize(srcs) > VIGIL__MAX_ID_SOURCES)
        return vigil__error_set(err, VIGIL_EPOLICY, "identity.sources",
                                "must be an array of 1 to %d sources", VIGIL__MAX_ID_SOURCES);
    /* replace the defaults */
    for (size_t i = 0; i < p->n_id_sources; i++)
        free(p->id_sources[i].name);
    p->n_id_sources = 0;
    const cJSON *s;
    size_t idx = 0;
    cJSON_ArrayForEach(s, srcs) {
        vigil__path_index(path, sizeof path, "identity.sources", idx++);
        if ((rc = want_object(s, path, err)) || (rc = check_keys(s, path, src_known, err)))
            return rc;
        const char *type = NULL, *name = NULL;
        if ((rc = get_string(s, "type", path, &type, err)) ||
            (rc = get_string(s, "name", path, &name, err)))
            return rc;
        vigil__id_source *d = &p->id_sources[p->n_id_sources];
        memset(d, 0, sizeof *d);
        d->v4_prefix = 32;
        d->v6_prefix = 64;
        char sub[PATH_CAP];
        if (!type)
            return vigil__error_set(err, VIGIL_EPOLICY, path, "missing \"type\"");
        if (!strcmp(type, "header")) d->type = VIGIL__ID_HEADER;
        else if (!strcmp(type, "bearer")) d->type = VIGIL__ID_BEARER;
        else if (!strcmp(type, "basic")) d->type = VIGIL__ID_BASIC;
        else if (!strcmp(type, "cookie")) d->type = VIGIL__ID_COOKIE;
        else if (!strcmp(type, "ip")) d->type = VIGIL__ID_IP;
        else
            return vigil__error_set(err, VIGIL_EPOLICY, vigil__path_key(sub, sizeof sub, path, "type"),
                                    "unknown identity type \"%s\" (expected header, bearer, basic, cookie or ip)",
                                    type);
        int needs_name = d->type == VIGIL__ID_HEADER || d->type == VIGIL__ID_COOKIE;
        if (needs_name && (!name || !name[0] || strlen(name) > 128))
            return vigil__error_set(err, VIGIL_EPOLICY, path,
                                    "\"%s\" source needs a \"name\" of 1 to 128 characters", type);
        if (!needs_name && name)
            return vigil__error_set(err, VIGIL_EPOLICY, vigil__path_key(sub, sizeof sub, path, "name"),
                                    "\"name\" applies only to header and cookie sources");
        double v4 = 32, v6 = 64;
        if ((rc = get_uint(s, "ipv4_prefix", path, 0, 32, &v4, err)) ||
            (rc = get_uint(s, "ipv6_prefix", path, 0, 128, &v6, err)))
            return rc;
        d->v4_prefix = (unsigned)v4;
        d->v6_prefix = (unsigned)v6;
        if (needs_name && !(d->name = dup_str(name)))
            return VIGIL_ENOMEM;
        p->n_id_sources++;
    }
    return VIGIL_OK;
}

static int parse_rate_limit(const cJSON *j, vigil__policy *p, vigil_error *err)
{
    static const char *const known[] = {"requests_per_minute", "requests_per_second", "burst", NULL};
    const char *path = "rate_limit";
    int rc;
    if ((rc = want_object(j, path, err)) || (rc = check_keys(j, path, known, err)))
        return rc;
    double rpm = 0, rps = 0, burst = 0;
    if ((rc = get_uint(j, "requests_per_minute", path, 1, 1e9, &rpm, err)) ||
        (rc = get_uint(j, "requests_per_second", path, 1, 1e9, &rps, err)) ||
        (rc = get_uint(j, "burst", path, 1, 1e9, &burst, err)))
        return rc;
    if (rpm > 0 && rps > 0)
        return vigil__error_set(err, VIGIL_EPOLICY, path,
                                "give requests_per_minute or requests_per_second, not both");
    double per_ms = rpm > 0 ? rpm / 60000.0 : rps / 1000.0;
    if (per_ms <= 0)
        return vigil__error_set(err, VIGIL_EPOLICY, path,
                                "needs requests_per_minute or requests_per_second");
    p->rate_per_ms = per_ms;
    p->rate_burst = burst > 0 ? burst : fmax(1.0, per_ms * 1000.0);
    return VIGIL_OK;
}

static int parse_thresholds(const cJSON *j, vigil__policy *p, vigil_error *err)
{
    static const char *const known[] = {"flag", "block", NULL};
    int rc;
    if ((rc = want_object(j, "thresholds", err)) || (rc = check_keys(j, "thresholds", known, err)))
        return rc;
    double f = p->flag_threshold, b = p->block_threshold;
    if ((rc = get_uint(j, "flag", "thresholds", 1, 100, &f, err)) ||
        (rc = get_uint(j, "block", "thresholds", 1, 100, &b, err)))
        return rc;
    if (f > b)
        return vigil__error_set(err, VIGIL_EPOLICY, "thresholds",
                                "\"flag\" (%.0f) must not exceed \"block\" (%.0f)", f, b);
    p->flag_threshold = (int)f;
    p->block_threshold = (int)b;
    return VIGIL_OK;
}

static int parse_behaviour(const cJSON *j, vigil__policy *p, vigil_error *err)
{
    static const char *const known[] = {"window_seconds", "max_auth_failures", "max_not_found",
                                        "max_identities", NULL};
    const char *path = "behaviour";
    int rc;
    if ((rc = want_object(j, path, err)) || (rc = check_keys(j, path, known, err)))
        return rc;
    double win = (double)p->behaviour.window_ms / 1000.0;
    if ((rc = get_uint(j, "window_seconds", path, 1, 86400, &win, err)) ||
        (rc = get_u32(j, "max_auth_failures", path, 1, 1e9, &p->behaviour.max_auth_failures, err)) ||
        (rc = get_u32(j, "max_not_found", path, 1, 1e9, &p->behaviour.max_not_found, err)) ||
        (rc = get_size(j, "max_identities", path, 64, 1e8, &p->behaviour.max_identities, err)))
        return rc;
    p->behaviour.window_ms = (int64_t)(win * 1000.0);
    return VIGIL_OK;
}

static int parse_actions(const cJSON *j, vigil__policy *p, vigil_error *err)
{
    int rc;
    char sub[PATH_CAP];
    if ((rc = want_object(j, "actions", err)))
        return rc;
    size_t n = (size_t)cJSON_GetArraySize(j);
    if (n == 0)
        return VIGIL_OK;
    p->overrides = calloc(n, sizeof *p->overrides);
    if (!p->overrides)
        return VIGIL_ENOMEM;
    const cJSON *it;
    cJSON_ArrayForEach(it, j) {
        vigil__path_key(sub, sizeof sub, "actions", it->string);
        if (!cJSON_IsString(it))
            return vigil__error_set(err, VIGIL_EPOLICY, sub, "must be a string");
        int a = vigil__action_parse(it->valuestring, 1);
        if (a == -2)
            return vigil__error_set(err, VIGIL_EPOLICY, sub,
                                    "unknown action \"%s\" (expected allow, flag, throttle, block or off)",
                                    it->valuestring);
        if (!vigil__rule_known(it->string))
            return vigil__error_set(err, VIGIL_EPOLICY, sub,
                                    "unknown rule or rule family \"%s\"", it->string);
        vigil__override *o = &p->overrides[p->n_overrides];
        if (!(o->key = dup_str(it->string)))
            return VIGIL_ENOMEM;
        o->action = a;
        p->n_overrides++;
    }
    return VIGIL_OK;
}

static int parse_detectors(const cJSON *j, vigil__policy *p, vigil_error *err)
{
    char sub[PATH_CAP], sub2[PATH_CAP];
    int rc;
    if ((rc = want_object(j, "detectors", err)))
        return rc;
    /* The global sensitivity first: per-detector settings refine it. */
    double sens = 0;
    if ((rc = get_uint(j, "sensitivity", "detectors", 1, 3, &sens, err)))
        return rc;
    if (sens > 0)
        for (int i = 0; i < VIGIL__A_COUNT; i++)
            p->detectors[i].sensitivity = (int)sens;
    const cJSON *it;
    cJSON_ArrayForEach(it, j) {
        if (!strcmp(it->string, "sensitivity"))
            continue;
        vigil__path_key(sub, sizeof sub, "detectors", it->string);
        if (!strcmp(it->string, "exclusions")) {
            if (!cJSON_IsArray(it))
                return vigil__error_set(err, VIGIL_EPOLICY, sub, "must be an array");
            size_t n = (size_t)cJSON_GetArraySize(it);
            if (!n)
                continue;
            p->exclusions = calloc(n, sizeof *p->exclusions);
            if (!p->exclusions)
                return VIGIL_ENOMEM;
            static const char *const ex_known[] = {"detector", "route", "where", NULL};
            const cJSON *e;
            size_t idx = 0;
            cJSON_ArrayForEach(e, it) {
                vigil__path_index(sub2, sizeof sub2, sub, idx++);
                if ((rc = want_object(e, sub2, err)) || (rc = check_keys(e, sub2, ex_known, err)))
                    return rc;
                const char *det = NULL, *route = NULL, *where = NULL;
                if ((rc = get_string(e, "detector", sub2, &det, err)) ||
                    (rc = get_string(e, "route", sub2, &route, err)) ||
                    (rc = get_string(e, "where", sub2, &where, err)))
                    return rc;
                vigil__exclusion *x = &p->exclusions[p->n_exclusions++];
                x->attack = -1;
                if (det && strcmp(det, "*")) {
                    x->attack = vigil__attack_from_name(det);
                    if (x->attack < 0)
                        return vigil__error_set(err, VIGIL_EPOLICY, sub2,
                                                "unknown detector \"%s\"", det);
                }
                if (!route && !where)
                    return vigil__error_set(err, VIGIL_EPOLICY, sub2,
                                            "an exclusion needs \"route\" or \"where\"");
                if ((route && !(x->route = dup_str(route))) || (where && !(x->where = dup_str(where))))
                    return VIGIL_ENOMEM;
            }
            continue;
        }
        int a = vigil__attack_from_name(it->string);
        if (a < 0)
            return vigil__error_set(err, VIGIL_EPOLICY, sub, "unknown detector \"%s\"", it->string);
        vigil__detector_cfg *d = &p->detectors[a];
        if (cJSON_IsString(it)) { /* shorthand: "sqli": "flag" | "off" */
            int act = vigil__action_parse(it->valuestring, 1);
            if (act == -2)
                return vigil__error_set(err, VIGIL_EPOLICY, sub, "unknown action \"%s\"",
                                        it->valuestring);
            d->enabled = act != VIGIL__ACTION_OFF;
            if (d->enabled)
                d->action = act;
            continue;
        }
        if (cJSON_IsBool(it)) {
            d->enabled = cJSON_IsTrue(it);
            continue;
        }
        static const char *const det_known[] = {"enabled", "action", "sensitivity", NULL};
        if ((rc = want_object(it, sub, err)) || (rc = check_keys(it, sub, det_known, err)))
            return rc;
        const cJSON *en = cJSON_GetObjectItemCaseSensitive(it, "enabled");
        if (en) {
            if (!cJSON_IsBool(en))
                return vigil__error_set(err, VIGIL_EPOLICY,
                                        vigil__path_key(sub2, sizeof sub2, sub, "enabled"),
                                        "must be true or false");
            d->enabled = cJSON_IsTrue(en);
        }
        double s = d->sensitivity;
        if ((rc = get_action(it, "action", sub, 0, &d->action, err)) ||
            (rc = get_uint(it, "sensitivity", sub, 1, 3, &s, err)))
            return rc;
        d->sensitivity = (int)s;
    }
    return VIGIL_OK;
}

static int parse_routes(const cJSON *j, vigil__policy *p, vigil_error *err)
{
    static const char *const known[] = {"method", "path", "auth", "params", "query", "body",
                                        "description", NULL};
    char path[PATH_CAP], sub[PATH_CAP];
    int rc;
    if (!cJSON_IsArray(j))
        return vigil__error_set(err, VIGIL_EPOLICY, "routes", "must be an array");
    size_t n = (size_t)cJSON_GetArraySize(j);
    if (n > 100000)
        return vigil__error_set(err, VIGIL_EPOLICY, "routes", "more than 100000 routes");
    if (n == 0)
        return VIGIL_OK;
    p->routes = calloc(n, sizeof *p->routes);
    if (!p->routes)
        return VIGIL_ENOMEM;
    const cJSON *r;
    size_t idx = 0;
    cJSON_ArrayForEach(r, j) {
        vigil__path_index(path, sizeof path, "routes", idx);
        if ((rc = want_object(r, path, err)) || (rc = check_keys(r, path, known, err)))
            return rc;
        const char *method = "*", *tmpl = NULL;
        if ((rc = get_string(r, "method", path, &method, err)) ||
            (rc = get_string(r, "path", path, &tmpl, err)))
            return rc;
        if (!tmpl)
            return vigil__error_set(err, VIGIL_EPOLICY, path, "missing \"path\"");
        vigil__route_def *d = &p->routes[idx];
        p->n_routes = idx + 1; /* so that vigil__policy_free frees this one */
        if (!(d->method = dup_str(method)) || !(d->path = dup_str(tmpl)))
            return VIGIL_ENOMEM;
        const cJSON *auth = cJSON_GetObjectItemCaseSensitive(r, "auth");
        if (auth) {
            if (!cJSON_IsBool(auth))
                return vigil__error_set(err, VIGIL_EPOLICY,
                                        vigil__path_key(sub, sizeof sub, path, "auth"),
                                        "must be true or false");
            d->auth = cJSON_IsTrue(auth);
        }
        if ((rc = vigil__router_add(p->router, method, tmpl, (uint32_t)idx,
                                    vigil__path_key(sub, sizeof sub, path, "path"), err)))
            return rc;
        static const char *const parts[] = {"params", "query", "body"};
        vigil__schema **slots[] = {&d->params, &d->query, &d->body};
        for (size_t k = 0; k < 3; k++) {
            const cJSON *s = cJSON_GetObjectItemCaseSensitive(r, parts[k]);
            if (s && (rc = vigil__schema_compile(s, vigil__path_key(sub, sizeof sub, path, parts[k]),
                                                 slots[k], err)))
                return rc;
        }
        idx++;
    }
    return VIGIL_OK;
}

/* ------------------------------------------------------------- compile */

static void set_defaults(vigil__policy *p)
{
    p->flag_threshold = 30;
    p->block_threshold = 70;
    p->limits.max_body_bytes = 1048576;
    p->limits.max_headers = 100;
    p->limits.max_header_bytes = 8192;
    p->limits.max_url_bytes = 8192;
    p->limits.max_json_depth = 64;
    p->limits.max_json_elements = 100000;
    p->limits.max_params = 256;
    p->limits.max_memory_bytes = (size_t)64 << 20;
    p->unknown_route_action = VIGIL_ALLOW;
    p->behaviour.window_ms = 60000;
    p->behaviour.max_auth_failures = 20;
    p->behaviour.max_not_found = 50;
    p->behaviour.max_identities = 100000;
    for (int i = 0; i < VIGIL__A_COUNT; i++) {
        p->detectors[i].enabled = 1;
        p->detectors[i].sensitivity = 2;
        p->detectors[i].action = VIGIL_BLOCK;
    }
    /* An identity even with no "identity" section: the client address. */
    p->id_sources[0].type = VIGIL__ID_IP;
    p->id_sources[0].v4_prefix = 32;
    p->id_sources[0].v6_prefix = 64;
    p->n_id_sources = 1;
}

static int compile_root(const cJSON *root, vigil__policy *p, vigil_error *err)
{
    static const char *const known[] = {"vigil_policy", "description", "mode", "fail",
                                        "thresholds", "limits", "ip", "identity",
                                        "rate_limit", "unknown_routes", "routes", "actions",
                                        "detectors", "behaviour", NULL};
    int rc;
    if (!cJSON_IsObject(root))
        return vigil__error_set(err, VIGIL_EPOLICY, "", "the policy must be a JSON object");
    if ((rc = check_keys(root, "", known, err)))
        return rc;
    const cJSON *ver = cJSON_GetObjectItemCaseSensitive(root, "vigil_policy");
    if (!ver || !cJSON_IsNumber(ver) || ver->valuedouble != 1)
        return vigil__error_set(err, VIGIL_EPOLICY, "vigil_policy",
                                "must be present and equal to 1 (the policy format version)");
    const char *mode = NULL, *fail = NULL;
    if ((rc = get_string(root, "mode", "", &mode, err)) ||
        (rc = get_string(root, "fail", "", &fail, err)))
        return rc;
    if (mode && strcmp(mode, "enforce") && strcmp(mode, "monitor"))
        return vigil__error_set(err, VIGIL_EPOLICY, "mode",
                                "unknown mode \"%s\" (expected enforce or monitor)", mode);
    if (fail && strcmp(fail, "open") && strcmp(fail, "closed"))
        return vigil__error_set(err, VIGIL_EPOLICY, "fail",
                                "unknown fail mode \"%s\" (expected open or closed)", fail);
    p->monitor = mode && !strcmp(mode, "monitor");
    p->fail_closed = fail && !strcmp(fail, "closed");
    int unknown = p->unknown_route_action;
    if ((rc = get_action(root, "unknown_routes", "", 0, &unknown, err)))
        return rc;
    if (unknown == VIGIL_THROTTLE)
        return vigil__error_set(err, VIGIL_EPOLICY, "unknown_routes",
                                "must be allow, flag or block");
    p->unknown_route_action = unknown;

    const cJSON *s;
    if ((s = cJSON_GetObjectItemCaseSensitive(root, "thresholds")) && (rc = parse_thresholds(s, p, err)))
        return rc;
    if ((s = cJSON_GetObjectItemCaseSensitive(root, "limits")) && (rc = parse_limits(s, &p->limits, err)))
        return rc;
    if ((s = cJSON_GetObjectItemCaseSensitive(root, "ip")) && (rc = parse_ip(s, p, err)))
        return rc;
    if ((s = cJSON_GetObjectItemCaseSensitive(root, "identity")) && (rc = parse_identity(s, p, err)))
        return rc;
    if ((s = cJSON_GetObjectItemCaseSensitive(root, "rate_limit")) && (rc = parse_rate_limit(s, p, err)))
        return rc;
    if ((s = cJSON_GetObjectItemCaseSensitive(root, "behaviour")) && (rc = parse_behaviour(s, p, err)))
        return rc;
    if ((s = cJSON_GetObjectItemCaseSensitive(root, "routes")) && (rc = parse_routes(s, p, err)))
        return rc;
    if ((s = cJSON_GetObjectItemCaseSensitive(root, "actions")) && (rc = parse_actions(s, p, err)))
        return rc;
    if ((s = cJSON_GetObjectItemCaseSensitive(root, "detectors")) && (rc = parse_detectors(s, p, err)))
        return rc;
    return VIGIL_OK;
}

/* Fills err's line and column from its JSON path, using the tape walker
 * over the original text (cJSON keeps no positions). */
static void locate_error(const char *json, size_t len, vigil_error *err)
{
    char path[sizeof err->path];
    size_t off = 0;
    if (!err || err->version < 1 || err->line)
        return;
    /* A missing member is reported at its parent: strip components until
     * one exists (the root always does). */
    snprintf(path, sizeof path, "%s", err->path);
    while (path[0] && !vigil__json_locate(json, len, path, &off)) {
        char *cut = strrchr(path, '.'), *br = strrchr(path, '[');
        if (br > cut)
            cut = br;
        if (cut)
            *cut = '\0';
        else
            path[0] = '\0';
    }
    if (!path[0])
        while (off < len && (json[off] == ' ' || json[off] == '\t' || json[off] == '\n' ||
                             json[off] == '\r'))
            off++;
    vigil__json_line_col(json, len, off, &err->line, &err->column);
}

int vigil__policy_compile(const char *json, size_t len, vigil__policy **out, vigil_error *err)
{
    *out = NULL;
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithLengthOpts(json, len, &end, 0);
    if (!root) {
        size_t off = end && end >= json ? (size_t)(end - json) : 0;
        vigil__error_set(err, VIGIL_EPOLICY, "", "JSON syntax error");
        if (err && err->version >= 1)
            vigil__json_line_col(json, len, off, &err->line, &err->column);
        return VIGIL_EPOLICY;
    }
    vigil__policy *p = calloc(1, sizeof *p);
    int rc = VIGIL_ENOMEM;
    if (!p)
        goto out;
    set_defaults(p);
    if ((rc = vigil__router_new(&p->router)))
        goto out;
    rc = compile_root(root, p, err);
    if (rc == VIGIL_ENOMEM)
        vigil__error_set(err, rc, "", "out of memory while compiling the policy");
    if (rc == VIGIL_EPOLICY)
        locate_error(json, len, err);
out:
    cJSON_Delete(root);
    if (rc) {
        vigil__policy_free(p);
        return rc;
    }
    *out = p;
    return VIGIL_OK;
}

void vigil__policy_free(vigil__policy *p)
{
    if (!p)
        return;
    vigil__ipset_free(p->ip_allow);
    vigil__ipset_free(p->ip_deny);
    vigil__ipset_free(p->trusted_proxies);
    for (size_t i = 0; i < p->n_id_sources; i++)
        free(p->id_sources[i].name);
    vigil__router_free(p->router);
    for (size_t i = 0; i < p->n_routes; i++) {
        free(p->routes[i].method);
        free(p->routes[i].path);
        vigil__schema_free(p->routes[i].params);
        vigil__schema_free(p->routes[i].query);
        vigil__schema_free(p->routes[i].body);
    }
    free(p->routes);
    for (size_t i = 0; i < p->n_overrides; i++)
        free(p->overrides[i].key);
    free(p->overrides);
    for (size_t i = 0; i < p->n_exclusions; i++) {
        free(p->exclusions[i].route);
        free(p->exclusions[i].where);
    }
    free(p->exclusions);
    free(p->source);
    free(p);
}

int vigil__policy_rule_action(const vigil__policy *p, const char *rule_id, int def)
{
    size_t best = 0;
    int action = def;
    for (size_t i = 0; i < p->n_overrides; i++) {
        const char *k = p->overrides[i].key;
        size_t n = strlen(k);
        if (strncmp(rule_id, k, n) == 0 && (rule_id[n] == '\0' || rule_id[n] == '.') && n > best) {
            best = n;
            action = p->overrides[i].action;
        }
    }
    return action;
}
