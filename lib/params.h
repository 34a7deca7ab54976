/*
 * params.h - query strings, form bodies, cookies, content types and
 * multipart/form-data bodies. Per-request code: linear time, no malloc
 * (arrays and decoded strings come from the arena passed in), never reads
 * outside the input, safe on any bytes. Results point into the input or
 * the arena and live as long as both.
 */
#ifndef VIGIL_PARAMS_H
#define VIGIL_PARAMS_H

#include "common.h"

#define VIGIL__PARAMS_NOMEM     (-1) /* the arena refused an allocation     */
#define VIGIL__PARAMS_TRUNCATED 1    /* multipart: stopped at max_parts     */

typedef struct vigil__kv { vigil_str name, value; } vigil__kv; /* decoded */

/* Splits an application/x-www-form-urlencoded string (query or body) on
 * '&' only; each pair splits on its first '=' (later '=' belong to the
 * value); a pair without '=' has an empty value; empty pairs ("&&") are
 * skipped. Names and values are percent-decoded (%XX only, as applications
 * see them: invalid or truncated escapes stay literal, no %uXXXX) with '+'
 * as space, into arena memory, or left as slices of s when nothing needed
 * decoding. Keeps the first max_pairs pairs and sets *truncated to 1 when
 * more followed (else 0). *out is an arena array of *n pairs (NULL when
 * *n == 0). Returns 0, or VIGIL__PARAMS_NOMEM with *n pairs kept so far.
 * s may be empty; a, out, n, truncated must not be NULL. */
int vigil__form_parse(vigil_str s, vigil__arena *a, size_t max_pairs,
                      vigil__kv **out, size_t *n, int *truncated);

/* Parses a Cookie header value "a=1; b=2" (RFC 6265, leniently): pairs
 * split on ';', spaces and tabs around names and values trimmed, a value in
 * double quotes loses them, no percent decoding; a pair without '=' has
 * the whole pair as name and an empty value; empty pairs are skipped.
 * Names and values are slices of header_value; only the array is in the
 * arena. Same out, max_pairs and return contract as vigil__form_parse. */
int vigil__cookie_parse(vigil_str header_value, vigil__arena *a, size_t max_pairs,
                        vigil__kv **out, size_t *n, int *truncated);

/* Finds the first cookie named exactly name (NUL-terminated, case-
 * sensitive) in a Cookie header value, parsed as vigil__cookie_parse does,
 * without allocation. Returns 1 and its value (a slice, quotes removed, no
 * decoding) in *value, or 0. name NULL gives 0; value may be NULL. */
int vigil__cookie_find(vigil_str header_value, const char *name, vigil_str *value);

/* Reads parameter param (case-insensitive, NUL-terminated) of a
 * Content-Type value such as `multipart/form-data; boundary="x y"`. Quoted
 * values are returned without the quotes but with any backslash escapes
 * left in (a slice; no allocation); ';' inside quotes does not split.
 * Returns 1 and the value in *value, or 0 when absent. value may be NULL. */
int vigil__content_type_param(vigil_str content_type, const char *param, vigil_str *value);

/* Is the media type of content_type (before ';', trimmed, case-insensitive)
 * equal to type, e.g. "application/json"? A structured suffix also counts:
 * "application/vnd.api+json" and "application/problem+json" are
 * "application/json" (same top-level type, "+<subtype>" suffix). */
int vigil__content_type_is(vigil_str content_type, const char *type);

/* One part of a multipart/form-data body. All fields are slices of the
 * body; absent ones are empty. name and filename come from the
 * Content-Disposition parameters (quotes removed, escapes left in). */
typedef struct vigil__part { vigil_str name, filename, content_type, body; } vigil__part;

/* Splits a multipart body (RFC 2046) by boundary (the Content-Type
 * parameter, without the leading "--"). Delimiters are "--boundary" at the
 * start of the body or after a newline (CRLF or lenient bare LF), followed
 * by optional spaces or tabs and a newline, or by "--" for the last one; a
 * line that merely begins with the boundary is body data. The newline
 * before a delimiter belongs to it, not to the body. Header lines are
 * "Name: value"; unknown headers are ignored.
 * Malformed input (bad boundary, no first delimiter, a part's headers not
 * ended by a blank line, no closing delimiter) sets *malformed to 1 (else
 * 0) and keeps what was parsed; a part whose body is cut short by the end
 * of input is kept with the rest of the input as its body, so it can still
 * be inspected. Keeps at most max_parts parts: returns
 * VIGIL__PARAMS_TRUNCATED (1) when another part followed, 0 when all were
 * kept, VIGIL__PARAMS_NOMEM (-1) when the arena failed. *out is an arena
 * array of *n parts (NULL when *n == 0). Bounded, linear time: the boundary
 * must be 1-200 bytes without CR or LF. */
int vigil__multipart_parse(vigil_str body, vigil_str boundary, vigil__arena *a,
                           size_t max_parts, vigil__part **out, size_t *n, int *malformed);

#endif /* VIGIL_PARAMS_H */
