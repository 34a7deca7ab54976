/*
 * vigil.h - the public interface of libvigil, an in-process API protection
 * library. This header is the whole contract: nothing that is not declared
 * here is API, and nothing declared here changes layout or meaning within a
 * major version (see VIGIL_VERSION_MAJOR and docs/threading.md).
 *
 * Lifecycle of one API call:
 *
 *   vigil_engine   *eng;     one per process, shared by every thread
 *   vigil_decision *dec;     one per in-flight request (reuse it: no malloc)
 *
 *   vigil_request req = VIGIL_REQUEST_INIT;   fill in pointers into your buffers
 *   vigil_evaluate(eng, &req, dec);           before the handler
 *   ... answer vigil_decision_status(dec) if the action is block/throttle ...
 *   vigil_response res = VIGIL_RESPONSE_INIT;
 *   vigil_record_response(eng, dec, &res);    after the handler
 *
 * Conventions used by every function below:
 *   - Functions returning int return 0 (VIGIL_OK) on success and a negative
 *     VIGIL_E* code on failure; vigil_strerror() names the code.
 *   - Strings are (pointer, length) pairs and need not be NUL-terminated;
 *     a NULL pointer with length 0 is an empty string.
 *   - Caller-filled structs start with a `version` field set by their _INIT
 *     macro; new fields are only ever appended.
 *   - The library never prints, never calls exit/abort, and never keeps a
 *     pointer into caller memory after a call returns.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#ifndef VIGIL_H
#define VIGIL_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---------------------------------------------------------------- exports */

#if defined(_WIN32) && defined(VIGIL_BUILDING)
#  define VIGIL_API __declspec(dllexport)
#elif defined(__GNUC__) && __GNUC__ >= 4
#  define VIGIL_API __attribute__((visibility("default")))
#else
#  define VIGIL_API
#endif

#if defined(__GNUC__) && __GNUC__ >= 4
#  define VIGIL_NODISCARD __attribute__((warn_unused_result))
#else
#  define VIGIL_NODISCARD
#endif

/* ---------------------------------------------------------------- version */

#define VIGIL_VERSION_MAJOR 0
#define VIGIL_VERSION_MINOR 1
#define VIGIL_VERSION_PATCH 0
#define VIGIL_VERSION_NUMBER \
    (VIGIL_VERSION_MAJOR * 10000 + VIGIL_VERSION_MINOR * 100 + VIGIL_VERSION_PATCH)
#define VIGIL_VERSION_STRING "0.1.0"

/* Version of the library actually linked, as "MAJOR.MINOR.PATCH".
 * Returns a static string; never NULL. Thread-safe. */
VIGIL_API const char *vigil_version(void);

/* VIGIL_VERSION_NUMBER of the library actually linked. Thread-safe. */
VIGIL_API unsigned vigil_version_number(void);

/* ----------------------------------------------------------------- errors */

/* Error codes. Values are fixed forever; retired codes are never reused. */
typedef enum vigil_status {
    VIGIL_OK        = 0,
    VIGIL_EINVAL    = -1, /* an argument was NULL or out of range          */
    VIGIL_ENOMEM    = -2, /* memory allocation failed                      */
    VIGIL_EPOLICY   = -3, /* the policy is malformed; see vigil_error      */
    VIGIL_EIO       = -4, /* a file could not be read                      */
    VIGIL_ERANGE    = -5, /* a caller buffer is too small                  */
    VIGIL_ESTATE    = -6, /* call made in the wrong state (e.g. record
                             before evaluate)                              */
    VIGIL_EINTERNAL = -7, /* an internal limit was hit; the decision follows
                             the policy's fail mode                        */
    VIGIL_EVERSION  = -8  /* a struct's version field is unknown           */
} vigil_status;

/* Static English name of a status code; never NULL, unknown codes give
 * "unknown error". Thread-safe. */
VIGIL_API const char *vigil_strerror(int code);

#define VIGIL_ERROR_VERSION 1

/* Detail about a failure, filled by functions that take one. Caller-owned;
 * may be passed as NULL when detail is not wanted. Set version to
 * VIGIL_ERROR_VERSION (VIGIL_ERROR_INIT does) before the call. */
typedef struct vigil_error {
    unsigned version;
    int      code;          /* the vigil_status returned                    */
    int      line;          /* 1-based line in the policy text, 0 if unknown */
    int      column;        /* 1-based column, 0 if unknown                  */
    char     path[128];     /* JSON path of the offending element, e.g.
                               "routes[2].query.properties.id.minimum", or "" */
    char     message[256];  /* human-readable, NUL-terminated               */
} vigil_error;

#define VIGIL_ERROR_INIT { VIGIL_ERROR_VERSION, 0, 0, 0, {0}, {0} }

/* ---------------------------------------------------------------- strings */

/* A borrowed byte string. Need not be NUL-terminated or valid UTF-8. */
typedef struct vigil_str {
    const char *ptr;
    size_t      len;
} vigil_str;

/* One HTTP header. Repeated names are passed as repeated entries. */
typedef struct vigil_header {
    vigil_str name;
    vigil_str value;
} vigil_header;

/* ---------------------------------------------------------------- options */

/* Log levels passed to vigil_log_fn. */
typedef enum vigil_log_level {
    VIGIL_LOG_DEBUG = 0,
    VIGIL_LOG_INFO  = 1,
    VIGIL_LOG_WARN  = 2,
    VIGIL_LOG_ERROR = 3
} vigil_log_level;

/* Receives the library's log lines (the library never prints itself).
 * `message` is NUL-terminated and valid only during the call; it never
 * contains secrets (keys, tokens, cookies). May be called from any thread
 * that calls into the engine, so it must be thread-safe. */
typedef void (*vigil_log_fn)(void *userdata, vigil_log_level level,
                             const char *message);

/* Returns the current time in milliseconds since the Unix epoch. Used for
 * rate limits and behavioural windows; must be thread-safe. */
typedef int64_t (*vigil_clock_fn)(void *userdata);

#define VIGIL_OPTIONS_VERSION 1

/* Engine creation options. Caller-owned; copied by vigil_engine_new, so it
 * need not outlive the call. Pass NULL for all defaults. */
typedef struct vigil_options {
    unsigned       version;        /* VIGIL_OPTIONS_VERSION                  */
    vigil_log_fn   log;            /* NULL: logs are dropped                 */
    void          *log_userdata;
    vigil_log_level log_level;     /* minimum level delivered               */
    vigil_clock_fn clock;          /* NULL: the system real-time clock       */
    void          *clock_userdata;
    /* Secret for the keyed hashes that pseudonymise identities. When
     * hash_key_len is 0 a random key is drawn per engine, so identity
     * strings differ between runs. 16..64 bytes; copied, then only kept in
     * the engine. */
    const unsigned char *hash_key;
    size_t         hash_key_len;
} vigil_options;

#define VIGIL_OPTIONS_INIT { VIGIL_OPTIONS_VERSION, NULL, NULL, VIGIL_LOG_INFO, \
                             NULL, NULL, NULL, 0 }

/* ----------------------------------------------------------------- engine */

/* The engine: a compiled policy plus the behavioural state. Opaque. */
typedef struct vigil_engine vigil_engine;

/* Creates an engine from a JSON policy held in memory.
 *   out          receives the engine; set to NULL on failure. Must not be NULL.
 *   policy_json  the policy text (not necessarily NUL-terminated); NULL
 *                selects the embedded default policy (policy_len ignored).
 *   opts         NULL for defaults.
 *   err          NULL or a caller-owned error receiving the place of a
 *                policy mistake (JSON path, line, column).
 * Returns VIGIL_OK, VIGIL_EINVAL, VIGIL_ENOMEM, VIGIL_EPOLICY or
 * VIGIL_EVERSION. Thread-safe (no shared state). The caller owns the engine
 * and frees it with vigil_engine_free. */
VIGIL_API VIGIL_NODISCARD int vigil_engine_new(vigil_engine **out,
                                               const char *policy_json,
                                               size_t policy_len,
                                               const vigil_options *opts,
                                               vigil_error *err);

/* As vigil_engine_new, reading the policy from a file (NUL-terminated path).
 * A NULL path selects the embedded default. Adds VIGIL_EIO when the file
 * cannot be read (err->message names the file and the reason). */
VIGIL_API VIGIL_NODISCARD int vigil_engine_new_from_file(vigil_engine **out,
                                                         const char *path,
                                                         const vigil_options *opts,
                                                         vigil_error *err);

/* Replaces the engine's policy atomically. Evaluations running on other
 * threads finish with the policy they started with; later ones see the new
 * one. Behavioural state (per-identity counters, rate-limit buckets) is kept.
 * On error the old policy stays in force. policy_json NULL selects the
 * embedded default. Thread-safe: may be called while other threads
 * evaluate and record; concurrent reloads are serialised. */
VIGIL_API VIGIL_NODISCARD int vigil_engine_reload(vigil_engine *engine,
                                                  const char *policy_json,
                                                  size_t policy_len,
                                                  vigil_error *err);

/* Frees the engine and everything it owns. NULL is a no-op. Not
 * thread-safe with respect to the same engine: call it only after every
 * other thread has stopped using the engine. Decisions made by the engine
 * stay valid as objects but must not be recorded after this. */
VIGIL_API void vigil_engine_free(vigil_engine *engine);

/* The embedded default policy as NUL-terminated JSON (static storage; never
 * NULL). Useful as a starting point for a custom policy. Thread-safe. */
VIGIL_API const char *vigil_default_policy(void);

/* Checks a policy without creating an engine, filling err as
 * vigil_engine_new would. Returns VIGIL_OK or the error code. Thread-safe. */
VIGIL_API VIGIL_NODISCARD int vigil_policy_check(const char *policy_json,
                                                 size_t policy_len,
                                                 vigil_error *err);

/* ---------------------------------------------------------------- request */

#define VIGIL_REQUEST_VERSION 1

/* A zero-copy view of one HTTP request. Caller-owned: every pointer refers
 * to the caller's buffers, which must stay valid until vigil_evaluate
 * returns (not longer: the library copies what it keeps). */
typedef struct vigil_request {
    unsigned            version;      /* VIGIL_REQUEST_VERSION              */
    vigil_str           method;       /* "GET", "POST", ... (case-sensitive) */
    vigil_str           path;         /* raw path, percent-encoded, no query */
    vigil_str           query;        /* raw query string without the '?'   */
    const vigil_header *headers;      /* header_count entries, may be NULL  */
    size_t              header_count;
    const void         *body;         /* may be NULL when body_len is 0     */
    size_t              body_len;     /* bytes available in body            */
    vigil_str           client_ip;    /* peer address as text ("203.0.113.7",
                                         "2001:db8::1"); forwarded headers are
                                         honoured only from trusted proxies */
    int64_t             timestamp_ms; /* request time, ms since the epoch;
                                         0 = ask the engine's clock         */
} vigil_request;

#define VIGIL_REQUEST_INIT { VIGIL_REQUEST_VERSION, {NULL, 0}, {NULL, 0}, \
                             {NULL, 0}, NULL, 0, NULL, 0, {NULL, 0}, 0 }

/* --------------------------------------------------------------- decision */

/* What to do with a request. Ordered by severity; values are fixed. */
typedef enum vigil_action {
    VIGIL_ALLOW    = 0, /* pass to the handler                               */
    VIGIL_FLAG     = 1, /* pass, but log/alert: something looked suspicious  */
    VIGIL_THROTTLE = 2, /* answer 429 with Retry-After                       */
    VIGIL_BLOCK    = 3  /* answer 403                                        */
} vigil_action;

/* Static lower-case name of an action ("allow", "flag", "throttle",
 * "block"); unknown values give "unknown". Thread-safe. */
VIGIL_API const char *vigil_action_name(vigil_action action);

/* One explanation of a decision. Owned by the decision that returned it;
 * valid until that decision is evaluated again or freed. All strings are
 * NUL-terminated, printable ASCII, and safe to log (attacker bytes are
 * escaped and truncated; secrets never appear). Fields may be appended in
 * later minor versions, so never allocate or copy this struct by value. */
typedef struct vigil_reason {
    const char  *rule_id;   /* stable id, e.g. "limits.body_size", "schema.type" */
    const char  *category;  /* "limits", "ip", "route", "auth", "schema",
                               "rate", "behaviour", "attack", "internal"   */
    const char  *where;     /* location, e.g. "query.id", "body.items[3].name",
                               "header.user-agent", "path", "" if global      */
    const char  *detail;    /* short explanation, e.g. "exceeds maximum 100" */
    int          score;     /* this reason's contribution, 0-100             */
    vigil_action action;    /* the action this rule asks for                 */
} vigil_reason;

/* The result of one evaluation, reused across requests so that the hot
 * path does not allocate. Opaque. One decision belongs to one request at a
 * time: do not share it between threads while in use. The accessors below
 * only read the decision; they are safe to call from several threads at
 * once as long as no thread evaluates into or frees the same decision. */
typedef struct vigil_decision vigil_decision;

/* Creates an empty decision. Caller owns it; free with vigil_decision_free.
 * Returns VIGIL_OK, VIGIL_EINVAL (out NULL) or VIGIL_ENOMEM. Thread-safe. */
VIGIL_API VIGIL_NODISCARD int vigil_decision_new(vigil_decision **out);

/* Frees a decision and everything it owns (reasons, strings, JSON). NULL is
 * a no-op. Not thread-safe for the same decision. */
VIGIL_API void vigil_decision_free(vigil_decision *decision);

/* Evaluates a request against the engine's policy and behavioural model,
 * overwriting `decision`. Always leaves a usable decision: on an internal
 * error it returns VIGIL_EINTERNAL or VIGIL_ENOMEM and the decision follows
 * the policy's fail mode (allow, or block for fail "closed"), with an
 * "internal.*" reason. Returns VIGIL_EINVAL (decision untouched) when
 * engine, request or decision is NULL, VIGIL_EVERSION for an unknown
 * request version. Any bytes are accepted: malformed input yields a
 * decision, never a crash, in time linear in the request size.
 * Thread-safe: any number of threads may evaluate on one engine, each with
 * its own decision. */
VIGIL_API int vigil_evaluate(vigil_engine *engine, const vigil_request *request,
                             vigil_decision *decision);

/* The action to take. In monitor mode this is still what enforce mode
 * would do; see vigil_decision_enforced. NULL gives VIGIL_ALLOW. */
VIGIL_API vigil_action vigil_decision_action(const vigil_decision *decision);

/* 1 when the action is meant to be carried out, 0 in monitor mode (the
 * caller should then let the request through and only log). NULL gives 0. */
VIGIL_API int vigil_decision_enforced(const vigil_decision *decision);

/* HTTP status to answer with: 200 for allow and flag, 429 for throttle,
 * 403 for block. NULL gives 200. */
VIGIL_API int vigil_decision_status(const vigil_decision *decision);

/* Seconds for a Retry-After header when throttled, else 0. NULL gives 0. */
VIGIL_API unsigned vigil_decision_retry_after(const vigil_decision *decision);

/* Risk score 0 (benign) to 100 (certainly hostile). NULL gives 0. */
VIGIL_API int vigil_decision_score(const vigil_decision *decision);

/* Number of reasons (at most VIGIL_MAX_REASONS are kept; the strongest
 * win). NULL gives 0. */
#define VIGIL_MAX_REASONS 16
VIGIL_API size_t vigil_decision_reason_count(const vigil_decision *decision);

/* The i-th reason, strongest first, or NULL when i is out of range or
 * decision is NULL. Owned by the decision (see vigil_reason). */
VIGIL_API const vigil_reason *vigil_decision_reason(const vigil_decision *decision,
                                                    size_t i);

/* The identity the request was attributed to, e.g. "apikey:9f86d081884c7d65",
 * "bearer:…", "cookie:…", "ip:…": the source kind and a keyed hash, never
 * the raw credential. NUL-terminated, owned by the decision, valid until it
 * is evaluated again or freed. NULL decision gives "". */
VIGIL_API const char *vigil_decision_identity(const vigil_decision *decision);

/* A unique id for this request (16 hex digits), for correlating logs,
 * audit and the blocked response. Owned as for the identity. */
VIGIL_API const char *vigil_decision_request_id(const vigil_decision *decision);

/* The route template the request matched ("/users/{id}"), or "" when no
 * route matched. Owned as for the identity. */
VIGIL_API const char *vigil_decision_route(const vigil_decision *decision);

/* Renders the decision as one line of JSON:
 *   {"request_id":"…","action":"block","status":403,"score":88,
 *    "identity":"…","route":"…","reasons":[{"id":"…","category":"…",
 *    "where":"…","detail":"…","score":80,"action":"block"}]}
 * plus "retry_after" when throttled and "mode":"monitor" when not enforced.
 * *json receives a NUL-terminated string owned by the decision, valid until
 * it is evaluated again or freed; *len (may be NULL) its length.
 * Returns VIGIL_OK, VIGIL_EINVAL or VIGIL_ENOMEM. Not thread-safe for the
 * same decision. */
VIGIL_API int vigil_decision_json(vigil_decision *decision, const char **json,
                                  size_t *len);

/* --------------------------------------------------------------- response */

#define VIGIL_RESPONSE_VERSION 1

/* A zero-copy view of the response the handler produced. Caller-owned;
 * pointers need to stay valid only during vigil_record_response. */
typedef struct vigil_response {
    unsigned            version;      /* VIGIL_RESPONSE_VERSION              */
    int                 status;       /* HTTP status sent                    */
    const vigil_header *headers;      /* may be NULL                         */
    size_t              header_count;
    const void         *body;         /* response bytes, or NULL             */
    size_t              body_len;     /* bytes available in body             */
    uint64_t            bytes;        /* full size sent; 0 means body_len    */
    uint64_t            latency_us;   /* handler latency, microseconds       */
} vigil_response;

#define VIGIL_RESPONSE_INIT { VIGIL_RESPONSE_VERSION, 0, NULL, 0, NULL, 0, 0, 0 }

/* Feeds the outcome of a request into the behavioural model (per-identity
 * counters of statuses, bytes and latency). `decision` must be the one
 * filled by vigil_evaluate for this request on the same engine; recording
 * it twice is VIGIL_ESTATE (the second call changes nothing). Returns
 * VIGIL_OK, VIGIL_EINVAL, VIGIL_ESTATE or VIGIL_EVERSION. Thread-safe as
 * vigil_evaluate. */
VIGIL_API int vigil_record_response(vigil_engine *engine,
                                    vigil_decision *decision,
                                    const vigil_response *response);

/* ------------------------------------------------------------ statistics */

#define VIGIL_STATS_VERSION 1

/* Engine-wide counters since creation. Caller-owned; set version. */
typedef struct vigil_stats {
    unsigned version;            /* VIGIL_STATS_VERSION                       */
    uint64_t evaluated;          /* requests evaluated                        */
    uint64_t recorded;           /* responses recorded                        */
    uint64_t by_action[4];       /* evaluated requests per vigil_action       */
    uint64_t identities;         /* identities currently tracked              */
    uint64_t identities_evicted; /* identities dropped to stay within bounds  */
    uint64_t internal_errors;    /* evaluations that hit the fail mode        */
    uint64_t state_bytes;        /* memory held by behavioural state          */
} vigil_stats;

#define VIGIL_STATS_INIT { VIGIL_STATS_VERSION, 0, 0, {0, 0, 0, 0}, 0, 0, 0, 0 }

/* Fills `stats` with a snapshot (counters are read without a global lock,
 * so they may be a few requests apart). Returns VIGIL_OK, VIGIL_EINVAL or
 * VIGIL_EVERSION. Thread-safe. */
VIGIL_API int vigil_engine_stats(vigil_engine *engine, vigil_stats *stats);

#ifdef __cplusplus
}
#endif

#endif /* VIGIL_H */
