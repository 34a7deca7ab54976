/*
 * bench_engine.c - `make bench`: latency of vigil_evaluate and
 * vigil_record_response on a fixed request mix with the embedded default
 * policy, heap allocations per evaluate (counted by interposing malloc),
 * scanning throughput, and memory per tracked identity.
 *
 * Wall-clock numbers on shared machines are noisy: compare ratios within
 * one run, or count instructions with
 *   valgrind --tool=callgrind build/bench/bench_engine --quick
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "vigil.h"

/* ------------------------------------------------ allocation counting */

extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
static volatile long alloc_count;

void *malloc(size_t n);
void *calloc(size_t a, size_t b);
void *realloc(void *p, size_t n);
void *malloc(size_t n) { alloc_count++; return __libc_malloc(n); }
void *calloc(size_t a, size_t b) { alloc_count++; return __libc_calloc(a, b); }
void *realloc(void *p, size_t n) { alloc_count++; return __libc_realloc(p, n); }

/* ------------------------------------------------------------ helpers */

static vigil_str S(const char *s)
{
    vigil_str v = {s, strlen(s)};
    return v;
}

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

typedef struct mix {
    const char  *name;
    vigil_request req;
    vigil_header  headers[8];
    char         *body;
    const char   *expect; /* expected action */
} mix;

static void base_headers(mix *m, size_t *n, const char *ctype)
{
    m->headers[(*n)++] = (vigil_header){S("Host"), S("api.example.com")};
    m->headers[(*n)++] = (vigil_header){S("User-Agent"), S("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36")};
    m->headers[(*n)++] = (vigil_header){S("Accept"), S("application/json")};
    m->headers[(*n)++] = (vigil_header){S("Accept-Encoding"), S("gzip, deflate, br")};
    m->headers[(*n)++] = (vigil_header){S("X-API-Key"), S("k_live_5f2b9c1d8e7a6b4c3d2e1f0a")};
    if (ctype)
        m->headers[(*n)++] = (vigil_header){S("Content-Type"), S(ctype)};
}

static char *json_body(size_t target)
{
    /* a realistic order document, repeated line items up to the size */
    size_t cap = target + 512;
    char *b = malloc(cap);
    size_t n = (size_t)snprintf(b, cap,
        "{\"customer\":{\"id\":\"c8d1f3a2-4b5e-4f6a-9b7c-1d2e3f4a5b6c\",\"name\":\"Ada O'Brien\","
        "\"email\":\"ada@example.com\"},\"currency\":\"EUR\",\"note\":\"Leave at the door, thanks!\","
        "\"items\":[");
    int i = 0;
    while (n + 120 < target) {
        n += (size_t)snprintf(b + n, cap - n, "%s{\"sku\":\"SKU-%04d\",\"qty\":%d,\"price\":%d.99,"
                              "\"title\":\"Blue widget, size M\"}", i ? "," : "", i, i % 5 + 1, i % 90 + 9);
        i++;
    }
    n += (size_t)snprintf(b + n, cap - n, "],\"gift\":false}");
    return b;
}

static void setup(mix *m, const char *name, const char *method, const char *path, const char *query,
                  const char *ctype, char *body, const char *expect)
{
    memset(m, 0, sizeof *m);
    m->name = name;
    m->expect = expect;
    vigil_request r = VIGIL_REQUEST_INIT;
    r.method = S(method);
    r.path = S(path);
    r.query = S(query);
    r.client_ip = S("203.0.113.7");
    size_t n = 0;
    base_headers(m, &n, ctype);
    r.headers = m->headers;
    r.header_count = n;
    m->body = body;
    r.body = body;
    r.body_len = body ? strlen(body) : 0;
    m->req = r;
}

/* One clock for every row: the same identity must never see time go back. */
static int64_t ts = 1700000000000;

static void run(vigil_engine *e, vigil_decision *d, mix *m, int iters)
{
    uint64_t *lat = malloc(sizeof *lat * (size_t)iters);
    /* warm up: arenas grow to this request's size once */
    for (int i = 0; i < 1000; i++) {
        m->req.timestamp_ms = ts += 100;
        vigil_evaluate(e, &m->req, d);
    }
    long a0 = alloc_count;
    for (int i = 0; i < iters; i++) {
        m->req.timestamp_ms = ts += 100; /* 10 req/s: under the default rate limit */
        uint64_t t0 = now_ns();
        vigil_evaluate(e, &m->req, d);
        lat[i] = now_ns() - t0;
    }
    long allocs = alloc_count - a0;
    const char *got = vigil_action_name(vigil_decision_action(d));
    qsort(lat, (size_t)iters, sizeof *lat, cmp_u64);
    printf("| evaluate: %-34s | %6zu | %7.2f | %7.2f | %5.2f | %-5s%s |\n", m->name, m->req.body_len,
           (double)lat[iters / 2] / 1000.0, (double)lat[iters * 99 / 100] / 1000.0,
           (double)allocs / iters, got, strcmp(got, m->expect) ? " (UNEXPECTED)" : "");
    free(lat);
}

static void run_record(vigil_engine *e, vigil_decision *d, mix *m, int iters)
{
    uint64_t *lat = malloc(sizeof *lat * (size_t)iters);
    vigil_response res = VIGIL_RESPONSE_INIT;
    res.status = 200;
    res.bytes = 1432;
    res.latency_us = 2100;
    long allocs = 0;
    for (int i = 0; i < iters; i++) {
        m->req.timestamp_ms = ts += 100;
        vigil_evaluate(e, &m->req, d);
        long a0 = alloc_count;
        uint64_t t0 = now_ns();
        vigil_record_response(e, d, &res);
        lat[i] = now_ns() - t0;
        allocs += alloc_count - a0;
    }
    qsort(lat, (size_t)iters, sizeof *lat, cmp_u64);
    printf("| record_response                          |      - | %7.2f | %7.2f | %5.2f | -     |\n",
           (double)lat[iters / 2] / 1000.0, (double)lat[iters * 99 / 100] / 1000.0,
           (double)allocs / iters);
    free(lat);
}

static void identity_memory(void)
{
    vigil_engine *e;
    vigil_decision *d;
    if (vigil_engine_new(&e, NULL, 0, NULL, NULL) || vigil_decision_new(&d))
        exit(1);
    vigil_stats s0 = VIGIL_STATS_INIT, s1 = VIGIL_STATS_INIT;
    vigil_engine_stats(e, &s0);
    vigil_request r = VIGIL_REQUEST_INIT;
    r.method = S("GET");
    r.path = S("/");
    char ip[32];
    int n = 100000;
    for (int i = 0; i < n; i++) {
        snprintf(ip, sizeof ip, "10.%d.%d.%d", i >> 16, (i >> 8) & 255, i & 255);
        r.client_ip = S(ip);
        vigil_evaluate(e, &r, d);
    }
    vigil_engine_stats(e, &s1);
    printf("\nidentities tracked: %llu, state bytes: %llu, bytes per identity: %.0f\n",
           (unsigned long long)s1.identities, (unsigned long long)s1.state_bytes,
           (double)(s1.state_bytes - s0.state_bytes) / (double)s1.identities);
    vigil_decision_free(d);
    vigil_engine_free(e);
}

static void scan_throughput(vigil_engine *e, vigil_decision *d)
{
    /* benign prose in a JSON string field: the detectors' steady-state rate */
    size_t target = 64 * 1024;
    char *body = malloc(target + 64);
    size_t n = (size_t)snprintf(body, target, "{\"text\":\"");
    const char *words = "The quick brown fox jumps over the lazy dog while Ada O'Brien reviews "
                        "the quarterly report, section 3.2 (draft), at 10:30 on 2024-05-01. ";
    while (n + strlen(words) + 4 < target)
        n += (size_t)snprintf(body + n, target - n, "%s", words);
    n += (size_t)snprintf(body + n, target + 64 - n, "\"}");
    mix m;
    setup(&m, "prose", "POST", "/api/v1/notes", "", "application/json", body, "allow");
    int iters = 2000;
    for (int i = 0; i < 50; i++) {
        m.req.timestamp_ms = ts += 100;
        vigil_evaluate(e, &m.req, d);
    }
    uint64_t t0 = now_ns();
    for (int i = 0; i < iters; i++) {
        m.req.timestamp_ms = ts += 100;
        vigil_evaluate(e, &m.req, d);
    }
    double secs = (double)(now_ns() - t0) / 1e9;
    printf("scan throughput, 64 KiB benign JSON text: %.0f MB/s (%s)\n",
           (double)n * iters / secs / 1e6, vigil_action_name(vigil_decision_action(d)));
    free(body);
}

/* --mix I --iters N: evaluate only mix I, N times after warm-up, and print
 * nothing else; scripts/bench-callgrind.sh runs this under callgrind at two
 * iteration counts and divides the difference into instructions per call. */
static int only_mix = -1;

int main(int argc, char **argv)
{
    int quick = argc > 1 && !strcmp(argv[1], "--quick");
    int iters = quick ? 2000 : 200000;
    if (argc == 5 && !strcmp(argv[1], "--mix") && !strcmp(argv[3], "--iters")) {
        only_mix = atoi(argv[2]);
        iters = atoi(argv[4]);
    }
    static const unsigned char key[16] = "bench-hash-key-1";
    vigil_options o = VIGIL_OPTIONS_INIT;
    o.hash_key = key;
    o.hash_key_len = sizeof key;
    vigil_engine *e;
    vigil_decision *d;
    vigil_error err = VIGIL_ERROR_INIT;
    if (vigil_engine_new(&e, NULL, 0, &o, &err) || vigil_decision_new(&d)) {
        fprintf(stderr, "engine: %s\n", err.message);
        return 1;
    }
    mix mixes[6];
    setup(&mixes[0], "GET /api/v1/users/42?fields=name", "GET", "/api/v1/users/42", "fields=name",
          NULL, NULL, "allow");
    setup(&mixes[1], "POST ~300 B JSON", "POST", "/api/v1/orders", "", "application/json",
          json_body(300), "allow");
    setup(&mixes[2], "POST 4 KB JSON", "POST", "/api/v1/orders", "", "application/json",
          json_body(4096), "allow");
    setup(&mixes[3], "GET sqli in query", "GET", "/api/v1/users", "id=1%27%20UNION%20SELECT%20password%20FROM%20users--",
          NULL, NULL, "block");
    setup(&mixes[4], "POST xss in JSON", "POST", "/api/v1/comments", "", "application/json",
          strdup("{\"author\":\"eve\",\"text\":\"<img src=x onerror=alert(document.cookie)>\"}"), "block");
    setup(&mixes[5], "GET traversal in path", "GET", "/static/..%2f..%2f..%2fetc%2fpasswd", "",
          NULL, NULL, "block");
    if (only_mix >= 0) {
        if (only_mix >= (int)(sizeof mixes / sizeof mixes[0]))
            return 2;
        mix *m = &mixes[only_mix];
        for (int i = 0; i < 1000 + iters; i++) {
            m->req.timestamp_ms = ts += 100;
            vigil_evaluate(e, &m->req, d);
        }
        printf("%s\n", m->name);
        return 0;
    }
    printf("vigil %s, default policy, %d iterations per row\n\n", vigil_version(), iters);
    printf("| request                                  |  body B | p50 us  | p99 us  | allocs/eval | action |\n");
    printf("|------------------------------------------|--------:|--------:|--------:|------:|--------|\n");
    for (size_t i = 0; i < sizeof mixes / sizeof mixes[0]; i++)
        run(e, d, &mixes[i], iters);
    run_record(e, d, &mixes[0], iters);
    scan_throughput(e, d);
    identity_memory();
    for (size_t i = 0; i < sizeof mixes / sizeof mixes[0]; i++)
        free(mixes[i].body);
    vigil_decision_free(d);
    vigil_engine_free(e);
    return 0;
}
