/*
 * policy.h - the compiled policy: everything vigil_evaluate needs, built
 * once from JSON (policy.c) and then read-only, shared by every thread.
 * Reloads build a new one and swap it in (engine.c); the old one is freed
 * when its last evaluation drops its reference.
 */
#ifndef VIGIL_POLICY_H
#define VIGIL_POLICY_H

#include "common.h"
#include "detect.h"

typedef struct vigil__ipset  vigil__ipset;
typedef struct vigil__router vigil__router;
typedef struct vigil__schema vigil__schema;

/* Where an identity comes from. Values are stable (they appear in docs). */
typedef enum vigil__id_type {
    VIGIL__ID_HEADER = 1, /* a named header, e.g. X-API-Key        */
    VIGIL__ID_BEARER = 2, /* Authorization: Bearer <token>         */
    VIGIL__ID_BASIC  = 3, /* Authorization: Basic <user:pass>      */
    VIGIL__ID_COOKIE = 4, /* a named cookie                        */
    VIGIL__ID_IP     = 5  /* the client address, aggregated        */
} vigil__id_type;

typedef struct vigil__id_source {
    vigil__id_type type;
    char          *name;       /* header or cookie name; NULL otherwise */
    unsigned       v4_prefix;  /* VIGIL__ID_IP: 0-32, default 32         */
    unsigned       v6_prefix;  /* VIGIL__ID_IP: 0-128, default 64        */
} vigil__id_source;

#define VIGIL__MAX_ID_SOURCES 8

typedef struct vigil__route_def {
    char          *method;
    char          *path;       /* the template, e.g. "/users/{id}" */
    int            auth;       /* requires a credential identity   */
    vigil__schema *params;     /* object schema over path params   */
    vigil__schema *query;      /* object schema over query params  */
    vigil__schema *body;       /* schema of a JSON body            */
} vigil__route_def;

/* A per-rule action override from "actions": the key is a rule id or a
 * prefix of rule ids ending at a '.' boundary ("schema" covers
 * "schema.type"); the longest matching key wins. */
#define VIGIL__ACTION_OFF (-1)
typedef struct vigil__override {
    char *key;
    int   action; /* vigil_action or VIGIL__ACTION_OFF */
} vigil__override;

/* Silences one detector (or all: attack = -1) for a route and/or a
 * location; NULL fields match anything. */
typedef struct vigil__exclusion {
    int   attack;   /* vigil__attack or -1 for every detector */
    char *route;    /* route template, NULL = any             */
    char *where;    /* location, e.g. "query.q"; a trailing '*' matches a prefix */
} vigil__exclusion;

typedef struct vigil__detector_cfg {
    int enabled;
    int sensitivity; /* 1-3 */
    int action;      /* vigil_action */
} vigil__detector_cfg;

typedef struct vigil__limits {
    size_t   max_body_bytes;
    size_t   max_headers;
    size_t   max_header_bytes;  /* one header, name + value */
    size_t   max_url_bytes;     /* path + query             */
    uint32_t max_json_depth;
    uint32_t max_json_elements;
    size_t   max_params;        /* query or form pairs      */
    size_t   max_memory_bytes;  /* scratch memory per request */
} vigil__limits;

typedef struct vigil__behaviour_cfg {
    int64_t  window_ms;          /* counting window per identity       */
    uint32_t max_auth_failures;  /* 401/403 per window before flagging */
    uint32_t max_not_found;      /* 404 per window before flagging     */
    size_t   max_identities;     /* tracked identities, LRU beyond     */
} vigil__behaviour_cfg;

typedef struct vigil__policy {
    int monitor;          /* mode "monitor" */
    int fail_closed;      /* fail "closed"  */
    int flag_threshold;   /* score >= this: at least flag  */
    int block_threshold;  /* score >= this: block          */
    vigil__limits limits;

    vigil__ipset *ip_allow, *ip_deny, *trusted_proxies;

    vigil__id_source id_sources[VIGIL__MAX_ID_SOURCES];
    size_t           n_id_sources;

    double rate_per_ms;   /* tokens per millisecond, 0 = no rate limit */
    double rate_burst;

    int unknown_route_action; /* vigil_action */
    vigil__router    *router;
    vigil__route_def *routes;
    size_t            n_routes;

    vigil__override *overrides;
    size_t           n_overrides;

    vigil__detector_cfg detectors[VIGIL__A_COUNT];
    vigil__exclusion   *exclusions;
    size_t              n_exclusions;

    vigil__behaviour_cfg behaviour;

    char *source;         /* the policy text, for error locations */
} vigil__policy;

/* Compiles policy JSON. On error returns VIGIL_EPOLICY (or VIGIL_ENOMEM)
 * with err naming the JSON path, line and column. */
int  vigil__policy_compile(const char *json, size_t len, vigil__policy **out,
                           vigil_error *err);
void vigil__policy_free(vigil__policy *p);

/* The action for a rule after the policy's overrides: def when none
 * applies, VIGIL__ACTION_OFF when the rule is switched off. */
int vigil__policy_rule_action(const vigil__policy *p, const char *rule_id, int def);

/* Parses "allow|flag|throttle|block" (and "off" when allow_off); -2 when
 * unknown. */
int vigil__action_parse(const char *s, int allow_off);

extern const char vigil__default_policy_json[];

#endif
