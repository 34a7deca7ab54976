/*
 * engine.h - the engine and decision objects shared by engine.c (lifecycle,
 * policy swap), evaluate.c (the request pipeline), record.c (responses) and
 * decision.c (reasons, accessors, JSON). Not API.
 */
#ifndef VIGIL_ENGINE_H
#define VIGIL_ENGINE_H

#include <pthread.h>
#include <stdatomic.h>

#include "common.h"
#include "identity.h"
#include "policy.h"
#include "state.h"

typedef struct vigil__schema_scratch vigil__schema_scratch;

/* A compiled policy with the reference count that lets a reload free it
 * once the last evaluation using it has finished. */
typedef struct vigil__policy_ref {
    vigil__policy *policy;
    atomic_long    refs;
} vigil__policy_ref;

struct vigil_engine {
    pthread_mutex_t    policy_lock;  /* guards `current` and taking a ref  */
    pthread_mutex_t    reload_lock;  /* serialises reloads                 */
    vigil__policy_ref *current;
    vigil__state      *state;
    vigil_options      opts;         /* copy; hash_key points to key below */
    vigil__identity_keys id_keys;    /* derived from the engine's secret   */
    uint64_t           request_id_base;
    atomic_uint_fast64_t request_seq;
    atomic_uint_fast64_t evaluated, recorded, internal_errors;
    atomic_uint_fast64_t by_action[4];
};

/* One reason with storage for its strings. */
typedef struct vigil__reason_slot {
    vigil_reason pub;
    char         rule_id[40];
    char         where[96];
    char         detail[112];
} vigil__reason_slot;

struct vigil_decision {
    vigil__arena           arena;     /* per-evaluation scratch          */
    vigil__schema_scratch *schema;    /* PCRE2 match data, ...           */

    vigil_action action;
    int          enforced;
    int          status;
    unsigned     retry_after;
    int          score;
    double       keep;                /* product of (1 - score_i/100)    */

    size_t             n_reasons;
    vigil__reason_slot slots[VIGIL_MAX_REASONS];
    const vigil_reason *order[VIGIL_MAX_REASONS]; /* strongest first    */
    size_t             dropped;       /* reasons beyond the cap          */

    vigil__identity identity;
    char            request_id[17];
    char            route[128];
    int             route_id;         /* -1 when none                    */
    int64_t         ts_ms;

    const vigil_engine *engine;       /* who evaluated it                */
    int                 evaluated;    /* set by evaluate                 */
    int                 recorded;     /* set by record                   */

    char  *json;                      /* vigil_decision_json buffer      */
    size_t json_cap;
};

/* Adds a reason to a decision: looks up the rule's defaults, applies the
 * policy's override (skipping the reason when the rule is off), folds the
 * score in and keeps the strongest VIGIL_MAX_REASONS. score < 0 means the
 * rule's default score; action < 0 its default action. where/detail are
 * copied (truncated, made safe to log). Returns 1 if recorded, 0 if the
 * rule is off. */
int vigil__decision_add(vigil_decision *d, const vigil__policy *p, const char *rule_id,
                        const char *category, int score, int action, const char *where,
                        const char *detail);

/* Resets a decision for a new evaluation. */
void vigil__decision_reset(vigil_decision *d);

/* Derives action, status and order from the reasons and thresholds. */
void vigil__decision_finish(vigil_decision *d, const vigil__policy *p);

/* The request pipeline (evaluate.c). Returns VIGIL_OK or an internal
 * error code; the decision is complete either way. */
int vigil__evaluate(vigil_engine *e, const vigil__policy *p, const vigil_request *r,
                    vigil_decision *d);

/* Log through the engine's callback, if any, at or above its level. */
void vigil__log(const vigil_engine *e, vigil_log_level level, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

#endif
