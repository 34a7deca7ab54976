/*
 * detect.h - payload attack detectors. Each detector is a pure function
 * over one already-decoded value: no allocation, no global state, no
 * printing, time linear in n with small constants, safe on any bytes
 * (invalid UTF-8, NULs, n up to megabytes).
 *
 * A detector returns 1 and fills *f when the value carries an attack of its
 * class, else 0 (and leaves *f unspecified). `sensitivity` is 1-3 in the
 * spirit of CRS paranoia levels: 1 = only high-confidence shapes (very low
 * false positives on ordinary text such as names, prose, URLs, JSON),
 * 2 = default for APIs, 3 = also weaker signals.
 */
#ifndef VIGIL_DETECT_H
#define VIGIL_DETECT_H

#include "common.h"

typedef struct vigil__finding {
    const char *detail; /* static short explanation, e.g. "tautology after
                           string break"; no attacker bytes               */
    int         score;  /* confidence 1-100                               */
    size_t      off;    /* evidence span within the value, for excerpts   */
    size_t      len;
} vigil__finding;

/* The attack classes; values index the policy's detector table. */
typedef enum vigil__attack {
    VIGIL__A_SQLI = 0,
    VIGIL__A_XSS,
    VIGIL__A_PATH,       /* path traversal and local file inclusion       */
    VIGIL__A_CMD,        /* OS command injection                          */
    VIGIL__A_SSRF,
    VIGIL__A_NOSQL,
    VIGIL__A_SSTI,
    VIGIL__A_LOG4SHELL,  /* ${jndi:...} style lookups                     */
    VIGIL__A_LDAP,
    VIGIL__A_XPATH,
    VIGIL__A_XXE,
    VIGIL__A_CRLF,
    VIGIL__A_PROTO,      /* prototype pollution                           */
    VIGIL__A_REDIRECT,   /* open redirect                                 */
    VIGIL__A_COUNT
} vigil__attack;

int vigil__detect_sqli(const char *s, size_t n, int sensitivity, vigil__finding *f);
int vigil__detect_xss(const char *s, size_t n, int sensitivity, vigil__finding *f);
int vigil__detect_path(const char *s, size_t n, int sensitivity, vigil__finding *f);
int vigil__detect_cmd(const char *s, size_t n, int sensitivity, vigil__finding *f);
/* SSRF: only meaningful for values that look like URLs or host[:port]. */
int vigil__detect_ssrf(const char *s, size_t n, int sensitivity, vigil__finding *f);
int vigil__detect_nosql(const char *s, size_t n, int sensitivity, vigil__finding *f);
/* NoSQL operator used as a key: JSON key "$ne", query name "a[$ne]". */
int vigil__detect_nosql_key(const char *s, size_t n, int sensitivity, vigil__finding *f);
int vigil__detect_ssti(const char *s, size_t n, int sensitivity, vigil__finding *f);
int vigil__detect_log4shell(const char *s, size_t n, int sensitivity, vigil__finding *f);
int vigil__detect_ldap(const char *s, size_t n, int sensitivity, vigil__finding *f);
int vigil__detect_xpath(const char *s, size_t n, int sensitivity, vigil__finding *f);
/* XXE: whole XML bodies or values: <!DOCTYPE with <!ENTITY / SYSTEM / PUBLIC. */
int vigil__detect_xxe(const char *s, size_t n, int sensitivity, vigil__finding *f);
/* CRLF / header injection: CR or LF followed by a header-like "Name:" or
 * an HTTP response start. */
int vigil__detect_crlf(const char *s, size_t n, int sensitivity, vigil__finding *f);
/* Prototype pollution in a key or key path: "__proto__",
 * "constructor[prototype]", "constructor.prototype". */
int vigil__detect_proto_key(const char *s, size_t n, int sensitivity, vigil__finding *f);
/* Open redirect: for values of redirect-like parameters (the caller decides
 * that by name): absolute URLs to another host, "//host", "/\\host",
 * "javascript:". */
int vigil__detect_redirect(const char *s, size_t n, int sensitivity, vigil__finding *f);

#endif
