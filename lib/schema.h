/*
 * schema.h - a JSON Schema subset, compiled from cJSON at policy load and
 * validated on the hot path without malloc.
 *
 * Keywords: type (one name or an array of names among string, integer,
 * number, boolean, object, array, null), enum (strings, numbers, booleans,
 * null), minimum, maximum, exclusiveMinimum, exclusiveMaximum (numbers,
 * draft-6+ style), minLength, maxLength (Unicode code points), pattern
 * (ECMA-style regex via PCRE2, unanchored search, '$' only at the very
 * end), format (uuid, email, date-time, date, int32, int64, ipv4, ipv6),
 * required, properties, additionalProperties (boolean or schema), items
 * (one schema), minItems, maxItems. "description", "title", "$comment",
 * "example", "examples" and "default" are ignored; any other keyword is a
 * compile error naming its path, so typos are caught. A schema may also be
 * the boolean true (anything) or false (nothing). Keywords apply only to
 * values of their type (minimum to numbers, minLength to strings, ...).
 *
 * Thread-safety: a compiled schema is immutable and may be shared by any
 * number of threads; each thread validates with its own scratch and arena.
 */
#ifndef VIGIL_SCHEMA_H
#define VIGIL_SCHEMA_H

#include <cjson/cJSON.h>

#include "common.h"
#include "json_tape.h"

/* Deepest nesting of schemas inside one another (properties, items,
 * additionalProperties); deeper is a compile error. It also bounds the
 * validator's recursion, whatever the input. */
#define VIGIL__SCHEMA_MAX_NEST 64

typedef struct vigil__schema vigil__schema;

/* Compiles json (an object or a boolean) into *out. path is the schema's
 * JSON path in the policy (e.g. "routes[2].body"; NULL = ""), used to name
 * the offending element in errors: vigil__error_set(err, VIGIL_EPOLICY,
 * "<path>.<keyword>", message). Returns VIGIL_OK, VIGIL_EPOLICY or
 * VIGIL_ENOMEM; on error *out is NULL and nothing is leaked. The caller
 * owns *out and frees it with vigil__schema_free. */
int vigil__schema_compile(const cJSON *json, const char *path, vigil__schema **out,
                          vigil_error *err);
/* Frees a compiled schema; NULL is a no-op. */
void vigil__schema_free(vigil__schema *s);

/* Per-thread scratch for validation (PCRE2 match data, JIT stack and the
 * bounded match context), created once and reused so validation itself
 * does no malloc. Returns VIGIL_OK or VIGIL_ENOMEM. Free with
 * vigil__schema_scratch_free (NULL is a no-op). Not shareable between
 * threads running at the same time. */
typedef struct vigil__schema_scratch vigil__schema_scratch;
int  vigil__schema_scratch_new(vigil__schema_scratch **out);
void vigil__schema_scratch_free(vigil__schema_scratch *s);

/* Receives one violation. rule_id is one of schema.type schema.enum
 * schema.minimum schema.maximum schema.length schema.pattern schema.format
 * schema.required schema.additional schema.items; where is a location such
 * as "body.items[3].name" or "query.limit" (for schema.required, the
 * object holding the missing property); detail is short, printable ASCII
 * and carries attacker bytes only as a truncated safe excerpt. The strings
 * are valid only during the call. Return nonzero to stop validating. */
typedef int (*vigil__schema_emit)(void *ctx, const char *rule_id, const char *where,
                                  const char *detail);

/* Validates the JSON document in tape t (root token 0; src is the text the
 * tape was made from) against s. prefix names the root in locations
 * (e.g. "body"; NULL = ""). a receives decoded strings and large required
 * bitmaps; scr must not be NULL when s uses "pattern". emit may be NULL
 * (violations are only counted). Duplicate keys are each validated.
 * Returns the number of violations emitted (>= 0), or VIGIL__JERR_NOMEM
 * (arena exhausted, or no scratch for a pattern). An empty tape (n == 0)
 * has no violations. Time is linear in the tape size plus regex work,
 * which PCRE2's match and depth limits bound. */
int vigil__schema_validate_json(const vigil__schema *s, const vigil__jtape *t,
                                const char *src, const char *prefix, vigil__arena *a,
                                vigil__schema_scratch *scr, vigil__schema_emit emit,
                                void *ctx);

/* Validates n string-valued parameters (names[i] = values[i], already
 * percent-decoded, any bytes) against object schema obj: its properties,
 * required and additionalProperties. Values are coerced as query strings
 * are: "integer" accepts [+-]?[0-9]+, "number" a decimal number
 * ([+-]?(digits[.digits]|.digits)([eE][+-]?digits)?), "boolean"
 * true/false/1/0, "null" the text null, "string" anything; a property
 * without "type" is a string. A property whose type includes "array"
 * validates each occurrence of the name against "items" (minItems/maxItems
 * count the occurrences); other repeated names are validated each time.
 * where = prefix "." name (e.g. "query.limit"), with "[i]" after it for
 * array items; a missing required property is reported at prefix.
 * Returns the number of violations or VIGIL__JERR_NOMEM as above. */
int vigil__schema_validate_params(const vigil__schema *obj, const vigil_str *names,
                                  const vigil_str *values, size_t n, const char *prefix,
                                  vigil__arena *a, vigil__schema_scratch *scr,
                                  vigil__schema_emit emit, void *ctx);

#endif
