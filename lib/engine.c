/*
 * engine.c - engine lifecycle, atomic policy reload, record-response,
 * statistics and logging. The request pipeline itself is in evaluate.c.
 *
 * Policy swap: evaluations take a reference to the current compiled policy
 * under a short mutex and drop it when done; a reload compiles outside any
 * lock, swaps the pointer under the mutex and drops the engine's own
 * reference, so the old policy is freed by whichever thread finishes with
 * it last. Behavioural state lives beside the policy and survives reloads.
 */
#include <errno.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "engine.h"
#include "error.h"

const char *vigil_version(void) { return VIGIL_VERSION_STRING; }
unsigned vigil_version_number(void) { return VIGIL_VERSION_NUMBER; }
const char *vigil_default_policy(void) { return vigil__default_policy_json; }

void vigil__log(const vigil_engine *e, vigil_log_level level, const char *fmt, ...)
{
    if (!e || !e->opts.log || level < e->opts.log_level)
        return;
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    e->opts.log(e->opts.log_userdata, level, msg);
}

static int64_t system_clock_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* ------------------------------------------------------------- policies */

static int compile_text(const char *json, size_t len, vigil__policy_ref **out, vigil_error *err)
{
    if (!json) {
        json = vigil__default_policy_json;
        len = strlen(json);
    }
    vigil__policy *p;
    int rc = vigil__policy_compile(json, len, &p, err);
    if (rc)
        return rc;
    vigil__policy_ref *ref = malloc(sizeof *ref);
    if (!ref) {
        vigil__policy_free(p);
        return vigil__error_set(err, VIGIL_ENOMEM, "", "out of memory");
    }
    ref->policy = p;
    atomic_init(&ref->refs, 1);
    *out = ref;
    return VIGIL_OK;
}

static void ref_drop(vigil__policy_ref *ref)
{
    if (ref && atomic_fetch_sub(&ref->refs, 1) == 1) {
        vigil__policy_free(ref->policy);
        free(ref);
    }
}

static vigil__policy_ref *ref_take(vigil_engine *e)
{
    pthread_mutex_lock(&e->policy_lock);
    vigil__policy_ref *ref = e->current;
    atomic_fetch_add(&ref->refs, 1);
    pthread_mutex_unlock(&e->policy_lock);
    return ref;
}

int vigil_policy_check(const char *policy_json, size_t policy_len, vigil_error *err)
{
    vigil__policy_ref *ref;
    int rc = compile_text(policy_json, policy_len, &ref, err);
    if (rc == VIGIL_OK)
        ref_drop(ref);
    return rc;
}

/* --------------------------------------------------------------- engine */

static int read_file(const char *path, char **buf, size_t *len, vigil_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return vigil__error_set(err, VIGIL_EIO, "", "cannot open %s: %s", path, strerror(errno));
    size_t cap = 65536, n = 0;
    char *b = malloc(cap);
    while (b) {
        n += fread(b + n, 1, cap - n, f);
        if (n < cap || cap >= ((size_t)64 << 20))
            break;
        char *nb = realloc(b, cap * 2);
        if (!nb) {
            free(b);
            b = NULL;
            break;
        }
        b = nb;
        cap *= 2;
    }
    int bad = ferror(f);
    fclose(f);
    if (!b)
        return vigil__error_set(err, VIGIL_ENOMEM, "", "out of memory reading %s", path);
    if (bad || n == cap) {
        free(b);
        return vigil__error_set(err, VIGIL_EIO, "", "cannot read %s: %s", path,
                                bad ? "read error" : "larger than 64 MiB");
    }
    *buf = b;
    *len = n;
    return VIGIL_OK;
}

int vigil_engine_new(vigil_engine **out, const char *policy_json, size_t policy_len,
                     const vigil_options *opts, vigil_error *err)
{
    if (!out)
        return vigil__error_set(err, VIGIL_EINVAL, "", "out must not be NULL");
    *out = NULL;
    if (opts && (opts->version < 1 || opts->version > VIGIL_OPTIONS_VERSION))
        return vigil__error_set(err, VIGIL_EVERSION, "", "unknown vigil_options version %u",
                                opts->version);
    if (opts && opts->hash_key_len && (opts->hash_key_len < 16 || opts->hash_key_len > 64 ||
                                       !opts->hash_key))
        return vigil__error_set(err, VIGIL_EINVAL, "", "hash_key must be 16 to 64 bytes");
    if (sodium_init() < 0) /* 1 means already initialised */
        return vigil__error_set(err, VIGIL_EINTERNAL, "", "libsodium failed to initialise");

    vigil_engine *e = calloc(1, sizeof *e);
    if (!e)
        return vigil__error_set(err, VIGIL_ENOMEM, "", "out of memory");
    if (opts) {
        e->opts = *opts;
    } else {
        vigil_options def = VIGIL_OPTIONS_INIT;
        e->opts = def;
    }
    /* Keep only a derived key: the caller's buffer may go away, and a
     * 32-byte key of any input length suits BLAKE2b. */
    uint8_t secret[32];
    if (e->opts.hash_key_len)
        crypto_generichash(secret, sizeof secret, e->opts.hash_key, e->opts.hash_key_len,
                           (const unsigned char *)"vigil identity", 14);
    else
        randombytes_buf(secret, sizeof secret);
    vigil__identity_keys_init(&e->id_keys, secret);
    sodium_memzero(secret, sizeof secret);
    e->opts.hash_key = NULL;
    e->opts.hash_key_len = 0;
    randombytes_buf(&e->request_id_base, sizeof e->request_id_base);
    pthread_mutex_init(&e->policy_lock, NULL);
    pthread_mutex_init(&e->reload_lock, NULL);

    int rc = compile_text(policy_json, policy_len, &e->current, err);
    if (rc == VIGIL_OK && (rc = vigil__state_new(&e->state)) != VIGIL_OK)
        vigil__error_set(err, rc, "", "out of memory");
    if (rc) {
        vigil_engine_free(e);
        return rc;
    }
    *out = e;
    return VIGIL_OK;
}

int vigil_engine_new_from_file(vigil_engine **out, const char *path, const vigil_options *opts,
                               vigil_error *err)
{
    if (!out)
        return vigil__error_set(err, VIGIL_EINVAL, "", "out must not be NULL");
    *out = NULL;
    if (!path)
        return vigil_engine_new(out, NULL, 0, opts, err);
    char *buf = NULL;
    size_t len = 0;
    int rc = read_file(path, &buf, &len, err);
    if (rc)
        return rc;
    rc = vigil_engine_new(out, buf, len, opts, err);
    free(buf);
    return rc;
}

int vigil_engine_reload(vigil_engine *e, const char *policy_json, size_t policy_len,
                        vigil_error *err)
{
    if (!e)
        return vigil__error_set(err, VIGIL_EINVAL, "", "engine must not be NULL");
    vigil__policy_ref *fresh;
    pthread_mutex_lock(&e->reload_lock);
    int rc = compile_text(policy_json, policy_len, &fresh, err);
    if (rc == VIGIL_OK) {
        pthread_mutex_lock(&e->policy_lock);
        vigil__policy_ref *old = e->current;
        e->current = fresh;
        pthread_mutex_unlock(&e->policy_lock);
        ref_drop(old);
        vigil__log(e, VIGIL_LOG_INFO, "policy reloaded");
    } else {
        vigil__log(e, VIGIL_LOG_WARN, "policy reload rejected: %s",
                   err && err->version ? err->message : vigil_strerror(rc));
    }
    pthread_mutex_unlock(&e->reload_lock);
    return rc;
}

void vigil_engine_free(vigil_engine *e)
{
    if (!e)
        return;
    ref_drop(e->current);
    vigil__state_free(e->state);
    pthread_mutex_destroy(&e->policy_lock);
    pthread_mutex_destroy(&e->reload_lock);
    sodium_memzero(&e->id_keys, sizeof e->id_keys);
    free(e);
}

/* ------------------------------------------------------------- evaluate */

int vigil_evaluate(vigil_engine *e, const vigil_request *r, vigil_decision *d)
{
    if (!e || !r || !d)
        return VIGIL_EINVAL;
    if (r->version < 1 || r->version > VIGIL_REQUEST_VERSION)
        return VIGIL_EVERSION;
    vigil__decision_reset(d);
    d->engine = e;
    d->ts_ms = r->timestamp_ms ? r->timestamp_ms
               : e->opts.clock ? e->opts.clock(e->opts.clock_userdata)
                               : system_clock_ms();
    uint64_t seq = atomic_fetch_add(&e->request_seq, 1);
    /* ids are unique per engine and unpredictable across engines */
    static const char hex[] = "0123456789abcdef";
    uint64_t id = e->request_id_base + seq * UINT64_C(0x9E3779B97F4A7C15);
    for (int i = 15; i >= 0; i--, id >>= 4)
        d->request_id[i] = hex[id & 15];
    d->request_id[16] = '\0';

    vigil__policy_ref *ref = ref_take(e);
    const vigil__policy *p = ref->policy;
    d->arena.limit = p->limits.max_memory_bytes;
    int rc = vigil__evaluate(e, p, r, d);
    if (rc != VIGIL_OK) {
        atomic_fetch_add(&e->internal_errors, 1);
        vigil__decision_add(d, p, "internal.error", "internal", 0,
                            p->fail_closed ? VIGIL_BLOCK : VIGIL_ALLOW, "",
                            rc == VIGIL_ENOMEM ? "out of memory" : "internal limit reached");
        vigil__log(e, VIGIL_LOG_ERROR, "request %s: %s, failing %s", d->request_id,
                   vigil_strerror(rc), p->fail_closed ? "closed" : "open");
    }
    vigil__decision_finish(d, p);
    d->evaluated = 1;
    ref_drop(ref);
    atomic_fetch_add(&e->evaluated, 1);
    atomic_fetch_add(&e->by_action[d->action], 1);
    return rc;
}

/* --------------------------------------------------------------- record */

int vigil_record_response(vigil_engine *e, vigil_decision *d, const vigil_response *res)
{
    if (!e || !d || !res)
        return VIGIL_EINVAL;
    if (res->version < 1 || res->version > VIGIL_RESPONSE_VERSION)
        return VIGIL_EVERSION;
    if (!d->evaluated || d->engine != e || d->recorded)
        return VIGIL_ESTATE;
    d->recorded = 1;
    uint64_t bytes = res->bytes ? res->bytes : res->body_len;
    /* A refusal vigil itself enforced says nothing about the application's
     * answers, so it does not count as an authentication failure. */
    int status = d->enforced && d->action >= VIGIL_THROTTLE ? 0 : res->status;
    vigil__policy_ref *ref = ref_take(e);
    vigil__state_on_response(e->state, d->identity.digest, d->ts_ms,
                             ref->policy->behaviour.window_ms, status, bytes);
    ref_drop(ref);
    atomic_fetch_add(&e->recorded, 1);
    return VIGIL_OK;
}

/* ---------------------------------------------------------------- stats */

int vigil_engine_stats(vigil_engine *e, vigil_stats *s)
{
    if (!e || !s)
        return VIGIL_EINVAL;
    if (s->version < 1 || s->version > VIGIL_STATS_VERSION)
        return VIGIL_EVERSION;
    s->evaluated = atomic_load(&e->evaluated);
    s->recorded = atomic_load(&e->recorded);
    for (int i = 0; i < 4; i++)
        s->by_action[i] = atomic_load(&e->by_action[i]);
    s->internal_errors = atomic_load(&e->internal_errors);
    vigil__state_usage(e->state, &s->identities, &s->identities_evicted, &s->state_bytes);
    return VIGIL_OK;
}
