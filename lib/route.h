/*
 * route.h - path templates ("/users/{id}") matched against request paths
 * in a segment trie. Routes are added at policy load (allocates); matching
 * runs per request (no allocation, bounded work, thread-safe on a router
 * that is no longer being modified).
 */
#ifndef VIGIL_ROUTE_H
#define VIGIL_ROUTE_H

#include "common.h"

#define VIGIL__MAX_PARAMS 16
/* Deepest template accepted, in segments. Paths may be any depth. */
#define VIGIL__ROUTE_MAX_DEPTH 64
/* Trie nodes one match may visit before giving up (see vigil__router_match). */
#define VIGIL__ROUTE_MAX_VISITS 4096

typedef struct vigil__router vigil__router;

/* Creates an empty router into *out. Returns 0 or VIGIL_ENOMEM. */
int  vigil__router_new(vigil__router **out);

/* Frees the router and everything it owns. NULL is a no-op. */
void vigil__router_free(vigil__router *r);

/* Adds a route at policy load. method: "GET", "POST", ... (upper-case
 * letters, digits, '-' or '_', case-sensitive) or "*" for any method.
 * tmpl: "/", "/users/{id}", "/orgs/{org}/repos/{repo}", "/files/{path+}".
 * Segments are literals or whole-segment params {name} with name
 * [A-Za-z_][A-Za-z0-9_]*; a last segment {name+} matches one or more
 * remaining segments. Literal segments are percent-decoded like request
 * segments; empty segments ("//", trailing '/') are ignored as in matching.
 * Errors are VIGIL_EPOLICY (detail in err, with errpath as its path):
 * template not starting with '/', bad or duplicate param names, '{' or '}'
 * inside a literal, {x+} not last, more than VIGIL__MAX_PARAMS params or
 * VIGIL__ROUTE_MAX_DEPTH segments, a bad method, and the same method and
 * template shape added twice ("/users/{id}" and "/users/{uid}" conflict;
 * "*" and "GET" on one shape do not). VIGIL_ENOMEM on allocation failure;
 * the router is unchanged on any error. route_id is the caller's index.
 * errpath and err may be NULL. Strings are copied. */
int  vigil__router_add(vigil__router *r, const char *method, const char *tmpl,
                       uint32_t route_id, const char *errpath, vigil_error *err);

typedef struct vigil__route_match {
    uint32_t    route_id;
    int         method_allowed;     /* 0: a template matched the path but no
                                       route of it allows this method; then
                                       route_id is that template's first route */
    size_t      nparams;
    const char *names[VIGIL__MAX_PARAMS]; /* param names (owned by router)  */
    vigil_str   values[VIGIL__MAX_PARAMS];/* raw slices of the request path
                                             (still percent-encoded)       */
} vigil__route_match;

/* Matches a request path (raw, percent-encoded, no query) and method.
 * Segments are split on '/'; empty segments are skipped, so "//" and a
 * trailing '/' do not matter; "." and ".." are not interpreted. Literal
 * segments compare against the percent-decoded segment (vigil__url_decode,
 * no '+' rule), so "/%75sers/1" matches "/users/{id}"; segments whose
 * decoding does not fit a 2 KiB stack buffer never match literals.
 * Precedence at each segment: literal, then {param}, then {rest+};
 * when a branch fails, the search backtracks into the next one. A template
 * with a route for this method (exact method before "*") wins over one that
 * only matches the path, so GET /users/me + POST /users/{id} sends
 * "POST /users/me" to the latter.
 * Bound: the trie is a tree and every node is entered at most once per
 * match, so work is one scan of the path plus at most
 * min(trie nodes, VIGIL__ROUTE_MAX_VISITS) node visits, each a binary search
 * among literal children; in ordinary policies it is a few visits per
 * segment. A search that exhausts the visit budget reports what it found so
 * far. Returns 1 if a template matched (see method_allowed), 0 if none
 * (then route_id, method_allowed and nparams are 0). No allocation. r and
 * m must not be NULL. */
int  vigil__router_match(const vigil__router *r, vigil_str method,
                         vigil_str path, vigil__route_match *m);

#endif /* VIGIL_ROUTE_H */
