/* common.c - scratch arena and byte-string helpers (see common.h). */
#include "common.h"

#include <stdlib.h>

struct vigil__arena_chunk {
    vigil__arena_chunk *next;
    size_t              cap;
    size_t              used;
    /* data follows, 16-byte aligned by the allocation */
    max_align_t         data[];
};

#define ARENA_MIN_CHUNK ((size_t)16 * 1024)

void vigil__arena_init(vigil__arena *a, size_t limit)
{
    a->head = NULL;
    a->chunks = NULL;
    a->limit = limit;
    a->total = 0;
}

static vigil__arena_chunk *arena_grow(vigil__arena *a, size_t n)
{
    /* Reuse a later chunk kept from before a reset when it is big enough. */
    vigil__arena_chunk *c = a->head ? a->head->next : a->chunks;
    while (c) {
        if (c->cap >= n) {
            c->used = 0;
            return c;
        }
        c = c->next;
    }
    size_t cap = ARENA_MIN_CHUNK;
    if (a->total > cap)
        cap = a->total; /* double the arena each time */
    while (cap < n)
        cap *= 2;
    if (a->total + cap > a->limit) {
        if (a->total + n > a->limit)
            return NULL;
        cap = a->limit - a->total;
    }
    c = malloc(sizeof *c + cap);
    if (!c)
        return NULL;
    c->cap = cap;
    c->used = 0;
    a->total += cap;
    /* Insert after head so that the chain stays: used chunks, then spares. */
    if (a->head) {
        c->next = a->head->next;
        a->head->next = c;
    } else {
        c->next = a->chunks;
        a->chunks = c;
    }
    return c;
}

void *vigil__arena_alloc(vigil__arena *a, size_t n)
{
    n = (n + 7u) & ~(size_t)7u;
    if (n == 0)
        n = 8;
    vigil__arena_chunk *c = a->head;
    if (!c || c->cap - c->used < n) {
        c = arena_grow(a, n);
        if (!c)
            return NULL;
        a->head = c;
    }
    void *p = (char *)c->data + c->used;
    c->used += n;
    return p;
}

char *vigil__arena_strndup(vigil__arena *a, const char *s, size_t n)
{
    if (n == SIZE_MAX)
        return NULL;
    char *p = vigil__arena_alloc(a, n + 1);
    if (!p)
        return NULL;
    if (n)
        memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

void vigil__arena_reset(vigil__arena *a)
{
    if (a->chunks)
        a->chunks->used = 0;
    a->head = a->chunks;
}

void vigil__arena_free(vigil__arena *a)
{
    vigil__arena_chunk *c = a->chunks;
    while (c) {
        vigil__arena_chunk *next = c->next;
        free(c);
        c = next;
    }
    a->chunks = a->head = NULL;
    a->total = 0;
}

int vigil__str_ieq(vigil_str a, const char *lit)
{
    /* one pass, no strlen: header and parameter names are compared often */
    size_t i = 0;
    for (; lit[i]; i++)
        if (i >= a.len ||
            vigil__lower((unsigned char)a.ptr[i]) != vigil__lower((unsigned char)lit[i]))
            return 0;
    return i == a.len;
}

int vigil__str_eq(vigil_str a, const char *lit)
{
    size_t i = 0;
    for (; lit[i]; i++)
        if (i >= a.len || a.ptr[i] != lit[i])
            return 0;
    return i == a.len;
}

int vigil__hexval(unsigned char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = vigil__lower(c);
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

size_t vigil__safe_excerpt(char *out, size_t cap, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    size_t o = 0;
    if (cap == 0)
        return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        int plain = c >= 0x20 && c <= 0x7e && c != '"' && c != '\\';
        size_t need = plain ? 1 : 4;
        /* keep room for the NUL, and for "..." unless this is the end */
        if (o + need + (i + 1 < n ? 4 : 1) > cap) {
            if (o + 4 <= cap) {
                memcpy(out + o, "...", 3);
                o += 3;
            }
            break;
        }
        if (plain) {
            out[o++] = (char)c;
        } else {
            out[o++] = '\\';
            out[o++] = 'x';
            out[o++] = hex[c >> 4];
            out[o++] = hex[c & 15];
        }
    }
    out[o] = '\0';
    return o;
}
