/*
 * state.h - behavioural state per identity: a token bucket for rate limits
 * and windowed counters of response outcomes. Shared by every thread,
 * split into shards each with its own lock, bounded by an LRU limit.
 *
 * Keys are 16-byte keyed SipHash digests of the identity (identity.c), so
 * an attacker cannot choose keys that collide in the hash table: the
 * table's hash function simply reads digest bits.
 */
#ifndef VIGIL_STATE_H
#define VIGIL_STATE_H

#include "common.h"

#define VIGIL__ID_DIGEST 16

typedef struct vigil__state vigil__state;

/* What evaluate learns about an identity in one locked visit. */
typedef struct vigil__state_view {
    int      throttled;      /* rate limit exceeded                      */
    unsigned retry_after_s;  /* seconds until a token is available       */
    uint32_t auth_failures;  /* 401/403 responses in the current window  */
    uint32_t not_found;      /* 404 responses in the current window      */
    uint32_t requests;       /* requests in the current window           */
} vigil__state_view;

typedef struct vigil__state_limits {
    double  rate_per_ms;     /* 0: no rate limit */
    double  burst;
    int64_t window_ms;
    size_t  max_identities;
} vigil__state_limits;

int  vigil__state_new(vigil__state **out);
void vigil__state_free(vigil__state *s);

/* Counts one request for the identity at time now_ms (creating its entry,
 * evicting the least recently seen one when over limits->max_identities)
 * and reports its standing. Returns 0, or VIGIL_ENOMEM when a new entry
 * could not be allocated (view is then zero). Thread-safe. */
int vigil__state_on_request(vigil__state *s, const uint8_t key[VIGIL__ID_DIGEST],
                            int64_t now_ms, const vigil__state_limits *limits,
                            vigil__state_view *view);

/* Adds one response outcome to the identity (no-op if it was evicted).
 * Thread-safe. */
void vigil__state_on_response(vigil__state *s, const uint8_t key[VIGIL__ID_DIGEST],
                              int64_t now_ms, int64_t window_ms, int status,
                              uint64_t bytes);

/* Tracked identities, evictions so far, and bytes held. Thread-safe. */
void vigil__state_usage(vigil__state *s, uint64_t *identities, uint64_t *evicted,
                        uint64_t *bytes);

#endif
