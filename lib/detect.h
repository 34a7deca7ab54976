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
    VIGIL__A_JAVA,       /* Java/JVM: OGNL, EL, deserialization, Spring    */
    VIGIL__A_PHP,        /* PHP code injection and object injection        */
    VIGIL__A_CODE,       /* other code injection: Node.js, Python, Ruby, Perl */
    VIGIL__A_RFI,        /* remote file inclusion                          */
    VIGIL__A_SESSION,    /* session fixation                               */
    VIGIL__A_SCANNER,    /* security scanners and attack tools             */
    VIGIL__A_HTTP,       /* protocol attacks: smuggling, header injection  */
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

/* Java/JVM injection: OGNL (%{...}, #_memberAccess), Java EL/SpEL with
 * class access (T(java.lang.Runtime)), Spring4Shell class.module.classLoader,
 * serialized Java objects (rO0AB / ACED0005), dangerous class names used
 * with invocation (java.lang.Runtime.exec, ProcessBuilder, ScriptEngine). */
int vigil__detect_java(const char *s, size_t n, int sensitivity, vigil__finding *f);
/* PHP injection: <?php / <?= tags, PHP function calls with code-like
 * arguments (system(, eval(, assert(, base64_decode(, ...), superglobals,
 * serialized PHP objects (O:8:"stdClass":...), php:// wrappers used as
 * code. */
int vigil__detect_php(const char *s, size_t n, int sensitivity, vigil__finding *f);
/* PHP by upload file name: a bare script name ("a.php", ".phtml", ".php5")
 * or a PHP session file ("sess_<id>"), then the checks of
 * vigil__detect_php. Only for values known to be file names (multipart
 * filename, X-Filename-style headers): "index.php" is ordinary elsewhere. */
int vigil__detect_php_upload(const char *s, size_t n, int sensitivity, vigil__finding *f);
/* Other server-side code injection: Node.js (require('child_process'),
 * process.mainModule, child_process.exec), Python (__import__('os'),
 * os.system, subprocess), Ruby, Perl, and generic eval-style payloads. */
int vigil__detect_code(const char *s, size_t n, int sensitivity, vigil__finding *f);
/* Remote file inclusion: URL values whose host is an IP address, or that
 * end in '?' or carry a trailing query meant to neutralise a suffix, or
 * that point at script files (.php, .txt payloads) on another host. */
int vigil__detect_rfi(const char *s, size_t n, int sensitivity, vigil__finding *f);
/* RFI that needs the parameter's name: a remote URL (http, https, ftp)
 * as the value of a file-location parameter ("_CONF[path]",
 * "mosConfig_absolute_path", "GALLERY_BASEDIR"; "file", "template" at
 * sensitivity 2). For query and form pairs. */
int vigil__detect_rfi_param(const char *name, size_t name_len, const char *s, size_t n,
                            int sensitivity, vigil__finding *f);
/* Session fixation: values that set a session cookie (document.cookie=,
 * Set-Cookie:, <meta http-equiv=set-cookie>) or session ids in values of
 * session-named parameters. */
int vigil__detect_session(const char *s, size_t n, int sensitivity, vigil__finding *f);
/* Session fixation by name: is this parameter or JSON key name a session
 * identifier (PHPSESSID, jsessionid, asp.net_sessionid, laravel_session,
 * connect.sid, cfid, ...)? Only meaningful for argument names of requests
 * for which vigil__session_referer_untrusted is 1; never for cookies. */
int vigil__detect_session_name(const char *s, size_t n, int sensitivity, vigil__finding *f);
/* 1 when the request has no Referer, or one whose host is neither the Host
 * header's host nor a parent or subdomain of it; 0 otherwise (also when
 * there is no Host to compare with). NULL gives 0. */
int vigil__session_referer_untrusted(const vigil_request *r);
/* Security scanners and attack tools identified by a User-Agent (or
 * similar) header value: sqlmap, nikto, nmap, masscan, ... */
int vigil__detect_scanner(const char *s, size_t n, int sensitivity, vigil__finding *f);

/* Request-level protocol checks (CRS 920/921 territory): request smuggling
 * (Content-Length with Transfer-Encoding, malformed or repeated framing
 * headers), CR/LF or NUL in header names or values, HTTP response splitting
 * in headers, invalid characters in the method or path. Returns 1 and fills
 * *f and *where (a static location such as "header.transfer-encoding")
 * when one fires. */
int vigil__detect_http(const vigil_request *r, int sensitivity, vigil__finding *f,
                       const char **where);

#endif
