/*
 * ipaddr.h - IP addresses for policy (allow/deny lists, trusted proxies)
 * and identity (client address, IPv6 /64 aggregation).
 *
 * Every address lives in 16 bytes. IPv4 is stored IPv4-mapped
 * (::ffff:a.b.c.d) with is_v4 = 1, so "1.2.3.4" and "::ffff:1.2.3.4" are
 * the same value. Nothing here allocates except vigil__ipset_compile.
 */
#ifndef VIGIL_IPADDR_H
#define VIGIL_IPADDR_H

#include <cjson/cJSON.h>

#include "common.h"

typedef struct vigil__ip {
    uint8_t b[16];  /* network byte order                              */
    uint8_t is_v4;  /* 1: b is ::ffff:a.b.c.d and the address is IPv4  */
} vigil__ip;

/* Buffer size that always holds vigil__ip_format's output with its NUL. */
#define VIGIL__IP_TEXT_MAX 46

/* Parses an address into *out (which must not be NULL; it is zeroed on
 * failure). Accepts strict dotted-quad IPv4 (exactly 4 decimal parts
 * 0-255, no leading zeros, so no octal ambiguity), every RFC 4291 IPv6
 * text form including "::" and a trailing dotted quad, and an ignored zone
 * ("fe80::1%eth0"). Also the forms found in forwarding headers:
 * "[2001:db8::1]", "[2001:db8::1]:443", "203.0.113.7:8080", surrounding
 * whitespace and one pair of surrounding double quotes. IPv4-mapped IPv6
 * input gives is_v4 = 1. Returns 1 ok, 0 invalid. Any bytes; no
 * allocation; inputs longer than 256 bytes (after trimming) are invalid. */
int vigil__ip_parse(vigil_str s, vigil__ip *out);

/* Canonical text: dotted quad for IPv4, RFC 5952 for IPv6 (lower case,
 * no leading zeros, the longest run of two or more zero groups, leftmost
 * on a tie, as "::"). Writes at most cap-1 bytes plus a NUL (nothing when
 * cap is 0) and returns the full canonical length, like snprintf; cap >=
 * VIGIL__IP_TEXT_MAX always suffices. */
size_t vigil__ip_format(const vigil__ip *ip, char *buf, size_t cap);

/* Zeroes every bit after the prefix, in place: v4_prefix (0-32, larger is
 * 32) counts within the IPv4 address for IPv4, v6_prefix (0-128, larger
 * is 128) within 128 bits for IPv6. An IPv4 address stays IPv4-mapped.
 * E.g. (24, 64) gives the /24 of an IPv4 and the /64 of an IPv6 client. */
void vigil__ip_mask(vigil__ip *ip, unsigned v4_prefix, unsigned v6_prefix);

/* ------------------------------------------------------------------ sets
 * A set of CIDR ranges, IPv4 and IPv6 mixed, compiled once at policy load
 * into sorted, merged ranges per family; lookups are a binary search,
 * O(log n), without allocation. Immutable after compile, so one set may be
 * read by any number of threads.
 *
 * Families are kept apart: IPv4 entries match IPv4 addresses only, IPv6
 * entries IPv6 addresses only ("::/0" does not contain 1.2.3.4; list
 * "0.0.0.0/0" too to match everything). An IPv6-form entry inside
 * ::ffff:0:0/96 with a prefix of at least 96 is the IPv4 range it maps
 * ("::ffff:10.0.0.0/104" is "10.0.0.0/8"). */
typedef struct vigil__ipset vigil__ipset;

/* Compiles a cJSON array of strings: "10.0.0.0/8", "2001:db8::/32", a host
 * "203.0.113.7" or "::1" (/32 or /128). Prefixes are decimal without
 * leading zeros; no whitespace, brackets, ports or zones. Host bits beyond
 * the prefix are accepted and masked ("10.1.2.3/8" is 10.0.0.0/8). `path`
 * is the JSON path of the array (may be NULL, read as ""). A NULL json
 * gives an empty set. On success *out receives a set the caller frees with
 * vigil__ipset_free. On error *out is NULL, nothing is leaked, and
 * VIGIL_EPOLICY is returned with err naming the element, e.g. path
 * "ip.deny[3]", message "invalid CIDR \"10.0.0.0/33\"" (also for
 * non-string elements; a non-array names `path` itself). VIGIL_ENOMEM
 * when allocation fails, VIGIL_EINVAL when out is NULL. */
int vigil__ipset_compile(const cJSON *json, const char *path,
                         vigil__ipset **out, vigil_error *err);

/* 1 when ip lies in one of the set's ranges, else 0. NULL set or NULL ip
 * gives 0. No allocation; thread-safe. */
int vigil__ipset_contains(const vigil__ipset *set, const vigil__ip *ip);

/* Number of entries the set was compiled from (before overlapping ranges
 * were merged); 0 for NULL. */
size_t vigil__ipset_size(const vigil__ipset *set);

/* Frees a set. NULL is a no-op. */
void vigil__ipset_free(vigil__ipset *set);

/* ------------------------------------------------------------ client ip */

/* Most forwarding hops vigil__client_ip looks at. */
#define VIGIL__CLIENT_IP_MAX_HOPS 64

/* The real client address, into *out. `peer` is the TCP peer; when
 * peer_valid is 0 or peer/out is NULL, returns 0 with *out (if not NULL)
 * zeroed. Otherwise returns 1.
 *
 * Forwarding headers are consulted only when peer is in `trusted` (an
 * untrusted peer may write anything there). Then X-Forwarded-For (every
 * occurrence, comma lists, concatenated in order) is walked from the
 * right, skipping addresses that are themselves trusted; the first
 * untrusted one is the client. Without any X-Forwarded-For entry, RFC 7239
 * Forwarded "for=" parameters are walked the same way (quoted values,
 * bracketed IPv6, ports). An entry that is not an address ("unknown",
 * obfuscated "_hidden", garbage, a Forwarded element without "for") stops
 * the walk and the last trusted hop is the answer; so is the leftmost hop
 * when all are trusted. Empty list elements are skipped. Header names
 * compare case-insensitively. At most VIGIL__CLIENT_IP_MAX_HOPS entries
 * (the rightmost) are inspected; time is linear in the header bytes; no
 * allocation. NULL trusted means no proxy is trusted. */
int vigil__client_ip(const vigil__ip *peer, int peer_valid,
                     const vigil_header *headers, size_t header_count,
                     const vigil__ipset *trusted, vigil__ip *out);

#endif
