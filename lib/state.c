/* state.c - per-identity behavioural state (see state.h). */
#include "state.h"

#include <pthread.h>
#include <stdlib.h>

/* Keys are keyed digests: their first bytes are already uniformly random
 * to anyone without the engine's secret, so they are the hash. */
#undef HASH_FUNCTION
#define HASH_FUNCTION(keyptr, keylen, hashv)                                  \
    do {                                                                      \
        (void)(keylen);                                                       \
        memcpy(&(hashv), (keyptr), sizeof(hashv));                            \
    } while (0)
/* The library never aborts: allocation failures inside uthash set the
 * caller's local `oom` flag instead (HASH_ADD leaves the table unchanged). */
#define HASH_NONFATAL_OOM 1
#define uthash_nonfatal_oom(obj) (oom = 1)
#include <uthash.h>

#define SHARDS 64u

typedef struct entry {
    uint8_t        key[VIGIL__ID_DIGEST];
    double         tokens;
    int64_t        last_ms;       /* last token refill                */
    int64_t        window_start;
    uint32_t       requests, auth_failures, not_found, errors;
    uint64_t       bytes_out;
    struct entry  *lru_prev, *lru_next; /* most recent at tail; also free list */
    UT_hash_handle hh;
} entry;

typedef struct shard {
    pthread_mutex_t lock;
    entry          *table;
    entry          *lru_head, *lru_tail;
    entry          *free_list;
    size_t          count;
    uint64_t        evicted;
    size_t          allocated;
} shard;

struct vigil__state {
    shard shards[SHARDS];
};

int vigil__state_new(vigil__state **out)
{
    vigil__state *s = calloc(1, sizeof *s);
    if (!s)
        return VIGIL_ENOMEM;
    for (unsigned i = 0; i < SHARDS; i++)
        pthread_mutex_init(&s->shards[i].lock, NULL);
    *out = s;
    return VIGIL_OK;
}

void vigil__state_free(vigil__state *s)
{
    if (!s)
        return;
    for (unsigned i = 0; i < SHARDS; i++) {
        shard *sh = &s->shards[i];
        entry *e, *tmp;
        HASH_ITER(hh, sh->table, e, tmp) {
            HASH_DEL(sh->table, e);
            free(e);
        }
        while (sh->free_list) {
            e = sh->free_list;
            sh->free_list = e->lru_next;
            free(e);
        }
        pthread_mutex_destroy(&sh->lock);
    }
    free(s);
}

static shard *shard_of(vigil__state *s, const uint8_t *key)
{
    return &s->shards[key[VIGIL__ID_DIGEST - 1] % SHARDS];
}

static void lru_unlink(shard *sh, entry *e)
{
    if (e->lru_prev) e->lru_prev->lru_next = e->lru_next;
    else sh->lru_head = e->lru_next;
    if (e->lru_next) e->lru_next->lru_prev = e->lru_prev;
    else sh->lru_tail = e->lru_prev;
    e->lru_prev = e->lru_next = NULL;
}

static void lru_append(shard *sh, entry *e)
{
    e->lru_prev = sh->lru_tail;
    e->lru_next = NULL;
    if (sh->lru_tail) sh->lru_tail->lru_next = e;
    else sh->lru_head = e;
    sh->lru_tail = e;
}

static void window_roll(entry *e, int64_t now_ms, int64_t window_ms)
{
    if (now_ms - e->window_start >= window_ms) { /* never rolls backwards */
        e->window_start = now_ms;
        e->requests = e->auth_failures = e->not_found = e->errors = 0;
    }
}

static entry *entry_get(shard *sh, const uint8_t *key, int64_t now_ms,
                        const vigil__state_limits *lim)
{
    entry *e;
    HASH_FIND(hh, sh->table, key, VIGIL__ID_DIGEST, e);
    if (e) {
        lru_unlink(sh, e);
        lru_append(sh, e);
        return e;
    }
    size_t cap = lim->max_identities / SHARDS + 1;
    while (sh->count >= cap && sh->lru_head) {
        entry *old = sh->lru_head;
        lru_unlink(sh, old);
        HASH_DEL(sh->table, old);
        old->lru_next = sh->free_list;
        sh->free_list = old;
        sh->count--;
        sh->evicted++;
    }
    if (sh->free_list) {
        e = sh->free_list;
        sh->free_list = e->lru_next;
    } else {
        e = malloc(sizeof *e);
        if (!e)
            return NULL;
        sh->allocated++;
    }
    memset(e, 0, sizeof *e);
    memcpy(e->key, key, VIGIL__ID_DIGEST);
    e->tokens = lim->burst;
    e->last_ms = now_ms;
    e->window_start = now_ms;
    int oom = 0;
    HASH_ADD(hh, sh->table, key, VIGIL__ID_DIGEST, e);
    if (oom) {
        e->lru_next = sh->free_list;
        sh->free_list = e;
        return NULL;
    }
    lru_append(sh, e);
    sh->count++;
    return e;
}

int vigil__state_on_request(vigil__state *s, const uint8_t key[VIGIL__ID_DIGEST],
                            int64_t now_ms, const vigil__state_limits *lim,
                            vigil__state_view *view)
{
    shard *sh = shard_of(s, key);
    memset(view, 0, sizeof *view);
    pthread_mutex_lock(&sh->lock);
    entry *e = entry_get(sh, key, now_ms, lim);
    if (!e) {
        pthread_mutex_unlock(&sh->lock);
        return VIGIL_ENOMEM;
    }
    window_roll(e, now_ms, lim->window_ms);
    e->requests++;
    if (lim->rate_per_ms > 0) {
        if (now_ms > e->last_ms) {
            e->tokens += (double)(now_ms - e->last_ms) * lim->rate_per_ms;
            if (e->tokens > lim->burst)
                e->tokens = lim->burst;
            e->last_ms = now_ms;
        }
        if (e->tokens >= 1.0) {
            e->tokens -= 1.0;
        } else {
            view->throttled = 1;
            double wait_ms = (1.0 - e->tokens) / lim->rate_per_ms;
            double secs = wait_ms / 1000.0;
            view->retry_after_s = (unsigned)secs + ((double)(unsigned)secs < secs ? 1u : 0u);
            if (view->retry_after_s == 0)
                view->retry_after_s = 1;
        }
    }
    view->auth_failures = e->auth_failures;
    view->not_found = e->not_found;
    view->requests = e->requests;
    pthread_mutex_unlock(&sh->lock);
    return VIGIL_OK;
}

void vigil__state_on_response(vigil__state *s, const uint8_t key[VIGIL__ID_DIGEST],
                              int64_t now_ms, int64_t window_ms, int status,
                              uint64_t bytes)
{
    shard *sh = shard_of(s, key);
    entry *e;
    pthread_mutex_lock(&sh->lock);
    HASH_FIND(hh, sh->table, key, VIGIL__ID_DIGEST, e);
    if (e) {
        window_roll(e, now_ms, window_ms);
        if (status == 401 || status == 403)
            e->auth_failures++;
        else if (status == 404)
            e->not_found++;
        if (status >= 400)
            e->errors++;
        e->bytes_out += bytes;
    }
    pthread_mutex_unlock(&sh->lock);
}

void vigil__state_usage(vigil__state *s, uint64_t *identities, uint64_t *evicted,
                        uint64_t *bytes)
{
    uint64_t n = 0, ev = 0, b = sizeof *s;
    for (unsigned i = 0; i < SHARDS; i++) {
        shard *sh = &s->shards[i];
        pthread_mutex_lock(&sh->lock);
        n += sh->count;
        ev += sh->evicted;
        b += sh->allocated * sizeof(entry);
        if (sh->table)
            b += sh->table->hh.tbl->num_buckets * sizeof(UT_hash_bucket) + sizeof(UT_hash_table);
        pthread_mutex_unlock(&sh->lock);
    }
    *identities = n;
    *evicted = ev;
    *bytes = b;
}
