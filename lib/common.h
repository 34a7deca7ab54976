/*
 * common.h - small pieces every module of libvigil shares: the scratch
 * arena, byte-string helpers and the internal naming convention.
 *
 * Internal names shared across files are spelled vigil__name (two
 * underscores); everything else is static. Nothing here is API.
 */
#ifndef VIGIL_COMMON_H
#define VIGIL_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "vigil.h"

#define VIGIL__UNUSED(x) ((void)(x))
#define VIGIL__MIN(a, b) ((a) < (b) ? (a) : (b))
#define VIGIL__MAX(a, b) ((a) > (b) ? (a) : (b))
#define VIGIL__COUNTOF(a) (sizeof(a) / sizeof((a)[0]))

/* ------------------------------------------------------------------ arena
 * Per-evaluation scratch memory. Chunks are kept across resets, so once a
 * decision has seen its largest request, evaluation allocates nothing.
 * Allocation fails (returns NULL) past `limit` bytes in total, which bounds
 * the memory any single request can make the library use. */
typedef struct vigil__arena_chunk vigil__arena_chunk;

typedef struct vigil__arena {
    vigil__arena_chunk *head;   /* chunk being filled                  */
    vigil__arena_chunk *chunks; /* all chunks, for reset and free       */
    size_t              limit;  /* max total bytes in chunks            */
    size_t              total;  /* bytes held in chunks                 */
} vigil__arena;

void  vigil__arena_init(vigil__arena *a, size_t limit);
/* 8-byte aligned; NULL when n would exceed the limit or malloc fails. */
void *vigil__arena_alloc(vigil__arena *a, size_t n);
/* Copies n bytes and appends a NUL; NULL on failure. */
char *vigil__arena_strndup(vigil__arena *a, const char *s, size_t n);
/* Forgets every allocation, keeps the chunks. */
void  vigil__arena_reset(vigil__arena *a);
void  vigil__arena_free(vigil__arena *a);

/* ---------------------------------------------------------------- strings */

static inline vigil_str vigil__str(const char *p, size_t n)
{
    vigil_str s;
    s.ptr = p;
    s.len = n;
    return s;
}

static inline unsigned char vigil__lower(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') ? (unsigned char)(c + 32) : c;
}

/* ASCII case-insensitive equality of a and a NUL-terminated literal. */
int vigil__str_ieq(vigil_str a, const char *lit);
/* Exact equality of a and a NUL-terminated literal. */
int vigil__str_eq(vigil_str a, const char *lit);
/* Value of a hex digit, or -1. */
int vigil__hexval(unsigned char c);

/* Writes at most cap-1 bytes of s into out as printable ASCII safe to log:
 * bytes outside 0x20-0x7e and the characters " and \ are written as \xHH,
 * and "..." is appended when s was cut. Always NUL-terminates (cap >= 1).
 * Returns the length written. */
size_t vigil__safe_excerpt(char *out, size_t cap, const char *s, size_t n);

#endif /* VIGIL_COMMON_H */
