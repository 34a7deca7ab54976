/*
 * identity.h - who a request belongs to: the first identity source of the
 * policy that is present in the request (API key header, bearer token,
 * Basic user, session cookie, client address), pseudonymised with a keyed
 * hash so that raw credentials are never stored or logged.
 */
#ifndef VIGIL_IDENTITY_H
#define VIGIL_IDENTITY_H

#include "common.h"
#include "ipaddr.h"
#include "policy.h"
#include "state.h"

#define VIGIL__IDENTITY_TEXT 40 /* "cookie:" + 16 hex + NUL fits */

typedef struct vigil__identity {
    uint8_t digest[VIGIL__ID_DIGEST]; /* SipHash-2-4-128 of the value, key per kind */
    char    text[VIGIL__IDENTITY_TEXT]; /* "<kind>:<16 hex digits>"        */
    int     credential;               /* 1 unless it fell back to the IP  */
} vigil__identity;

/* Per-kind SipHash keys derived once from the engine's secret, so that
 * hashing a credential costs one short PRF call on the hot path while equal
 * values of different kinds still get unrelated digests. */
typedef struct vigil__identity_keys {
    uint8_t k[6][16]; /* indexed by vigil__id_type (0 unused) */
} vigil__identity_keys;

/* Derives the per-kind keys from a 32-byte secret. */
void vigil__identity_keys_init(vigil__identity_keys *keys, const uint8_t secret[32]);

/* Resolves the identity of a request. client is the resolved client
 * address (client_valid 0 when unknown: then an "ip:" identity of the
 * empty address). No allocation; thread-safe. */
void vigil__identity_resolve(const vigil__policy *p, const vigil_header *headers,
                             size_t header_count, const vigil__ip *client,
                             int client_valid, const vigil__identity_keys *keys,
                             vigil__identity *out);

#endif
