/*
 * json_tape.h - a bounded single-pass JSON tokenizer producing a flat tape.
 *
 * The tape is an array of tokens in document order (a container is
 * followed by its members), linked by parent/next indices so callers can
 * walk or skip subtrees without a tree and without recursion. Tokens come
 * from the caller's vigil__arena: parsing never calls malloc itself, runs
 * in time linear in the input, and nesting is bounded without recursion.
 *
 * Strict RFC 8259: one root value with optional surrounding whitespace; no
 * comments, trailing commas, NaN/Infinity, leading zeros, single quotes;
 * raw control characters in strings are syntax errors. Invalid UTF-8 inside
 * strings is accepted but flagged (VIGIL__JF_BADUTF8), because attack
 * detection must still see those bytes.
 */
#ifndef VIGIL_JSON_TAPE_H
#define VIGIL_JSON_TAPE_H

#include "common.h"

enum {
    VIGIL__J_OBJECT = 1,
    VIGIL__J_ARRAY,
    VIGIL__J_KEY,
    VIGIL__J_STRING,
    VIGIL__J_NUMBER,
    VIGIL__J_TRUE,
    VIGIL__J_FALSE,
    VIGIL__J_NULL
};

#define VIGIL__JF_ESCAPED 0x01 /* string/key contains backslash escapes   */
#define VIGIL__JF_INT     0x02 /* number has no fraction/exponent         */
#define VIGIL__JF_BADUTF8 0x04 /* string/key bytes are not valid UTF-8    */

#define VIGIL__JNONE UINT32_MAX /* "no token" in parent links */

typedef struct vigil__jtok {
    uint8_t  type, flags;
    uint16_t depth;  /* 0 for the root value; a KEY has its value's depth  */
    uint32_t start;  /* raw bytes in the source: strings/keys without the  */
    uint32_t len;    /* quotes (still escaped); numbers/literals as written;
                        containers from '{'/'[' to the matching close
                        inclusive                                          */
    uint32_t parent; /* index of the enclosing container (VIGIL__JNONE for
                        the root); a KEY's parent is its object, and so is
                        the parent of the value following the KEY          */
    uint32_t next;   /* index one past this token's subtree (for a KEY: one
                        past its value), to skip                           */
    uint32_t count;  /* containers: number of members / elements; else 0  */
    uint32_t index;  /* position in the parent: element number in an array,
                        member number (0-based, duplicates counted) for a
                        KEY and its value in an object; 0 for the root     */
} vigil__jtok;

/* Zero fields take the defaults: max_depth 512 nested containers (values
 * above 65534 are clamped), max_tokens unlimited (still bounded by the
 * input length). max_depth counts containers: 1 allows "[1]" but not
 * "[[1]]". */
typedef struct vigil__jlimits {
    uint32_t max_depth;
    uint32_t max_tokens;
} vigil__jlimits;

#define VIGIL__JSON_DEFAULT_DEPTH 512u

typedef struct vigil__jtape {
    vigil__jtok *tok;     /* arena-owned, valid until the arena is reset  */
    uint32_t     n;       /* number of tokens; 0 after an error           */
    size_t       err_off; /* byte offset where parsing stopped, on error  */
} vigil__jtape;

#define VIGIL__JERR_SYNTAX (-1) /* err_off = byte where parsing stopped    */
#define VIGIL__JERR_DEPTH  (-2) /* err_off = the opening bracket too deep  */
#define VIGIL__JERR_TOKENS (-3) /* more than max_tokens, or input >= 4 GiB */
#define VIGIL__JERR_NOMEM  (-4) /* arena limit                             */

/* Tokenizes s[0..n) into out. s need not be NUL-terminated and may hold any
 * bytes. lim may be NULL (defaults). The token array is one allocation from
 * arena a, sized by a quick count of the input's ',' ':' '[' '{' bytes (an
 * exact upper bound on the tokens), capped at max_tokens: small inputs
 * never reserve max_tokens. Returns 0 or a VIGIL__JERR_* code; on error
 * out->n is 0 and out->err_off says where parsing stopped.
 * Thread-safe for distinct arenas. */
int vigil__json_parse(const char *s, size_t n, const vigil__jlimits *lim,
                      vigil__arena *a, vigil__jtape *out);

/* The decoded text of STRING or KEY token idx: a slice of src when it has
 * no escapes, else unescaped into the arena (NUL-terminated there):
 * \uXXXX -> UTF-8, surrogate pairs joined, lone surrogates -> U+FFFD,
 * \u0000 kept as a NUL byte. out->ptr points into src or a; valid while
 * both are. Returns 0, VIGIL__JERR_NOMEM, or VIGIL__JERR_SYNTAX when idx is
 * out of range or not a STRING/KEY. */
int vigil__json_string(const vigil__jtape *t, const char *src, uint32_t idx,
                       vigil__arena *a, vigil_str *out);

/* Writes the location of token idx into buf: prefix (NULL = "") followed by
 * ".name" for object members and "[i]" for array elements, e.g. prefix
 * "body" -> "body.items[3].name". With an empty prefix the first member is
 * written without the dot ("items[3].name"). For a KEY token, the key's
 * own path (same as its value's). Keys that are not identifiers
 * ([A-Za-z_$][A-Za-z0-9_$]*) are written as ["..."] with \" \\ and \xHH
 * escapes, so the path is printable ASCII. Always NUL-terminates when
 * cap > 0, truncating to cap - 1 bytes. Returns the length written. No
 * allocation; time bounded by the output size and the token's depth. */
size_t vigil__json_path(const vigil__jtape *t, const char *src, uint32_t idx,
                        const char *prefix, char *buf, size_t cap);

/* Path building blocks with the same syntax, for callers that build
 * locations themselves (parameter names, policy paths). Each appends at
 * buf[len] (len < cap), NUL-terminates, truncates to cap - 1 and returns the
 * new length. The key is raw (already decoded) bytes of any value; a dot is
 * written only when len > 0. */
size_t vigil__path_append_key(char *buf, size_t cap, size_t len,
                              const char *key, size_t klen);
size_t vigil__path_append_index(char *buf, size_t cap, size_t len, size_t i);

/* Finds the byte offset in JSON text s[0..n) of the value at a path such as
 * "routes[2].query.properties.id" (the syntax vigil__json_path writes, with
 * no prefix; "" is the root). Duplicate keys resolve to the first, as
 * cJSON does. For a string value the offset is its opening quote. Returns
 * 1 and sets *offset when found; else returns 0 and sets *offset to the
 * deepest enclosing value found (0 when s does not parse). For policy
 * loading only: allocates (and frees) with malloc. */
int vigil__json_locate(const char *s, size_t n, const char *path, size_t *offset);

/* 1-based line and column of byte offset off in s[0..n) (off is clamped to
 * n). Lines end at '\n'; columns count UTF-8 characters, not bytes. */
void vigil__json_line_col(const char *s, size_t n, size_t off, int *line, int *col);

#endif
