/*
 * compare.c - vigil next to ModSecurity v3 + OWASP CRS, in one process, on
 * the same requests (`make bench-compare`).
 *
 * Mixes:
 *   benign     realistic JSON API traffic from a seeded generator: GETs with
 *              path parameters and short queries, POST/PUT/PATCH with JSON
 *              bodies of about 300 bytes, DELETEs, browser and SDK headers;
 *   attack     attack payloads of shared/corpora/payloads.jsonl (at most
 *              --per-class of each class) once in a query parameter and once
 *              in a JSON body field;
 *   lookalike  the corpus' benign look-alikes, placed the same way (for
 *              information: false positives on hard benign input).
 *
 * Timed per request with CLOCK_MONOTONIC: for vigil the whole
 * vigil_evaluate (embedded default policy); for ModSecurity everything a
 * connector does for the request side: new transaction, connection, URI,
 * headers, phase 1, body, phase 2, intervention checks, cleanup.
 *
 *   compare [--corpora DIR] [--crs DIR] [--crs-setup FILE]
 *           [--modsec-conf FILE] [--out FILE] [--benign N] [--per-class N]
 *           [--seed N] [--explain N]
 *
 * --per-class caps the attack payloads taken from each class (default
 * 1000, 0 = all); --explain N prints, on stderr, up to N requests per mix
 * and engine that were blocked when benign or missed when an attack.
 *
 * Prints the table and writes it to --out (docs/compare.md) with the
 * command, date and machine.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <modsecurity/intervention.h>
#include <modsecurity/modsecurity.h>
#include <modsecurity/rules_set.h>
#include <modsecurity/transaction.h>

#include "corpus.h"
#include "vigil.h"

#define MAX_CLASSES 64
#define SPEED_BAR 50.0
#define BLOCK 200 /* requests per engine turn */

/* ------------------------------------------------------------- random */

static uint64_t rng_state = 0x9E3779B97F4A7C15u;

static uint64_t rnd(void)
{
    /* xorshift64*: fast, deterministic for a given seed */
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545F4914F6CDD1Du;
}

static unsigned rndn(unsigned n)
{
    return n ? (unsigned)(rnd() % n) : 0;
}

#define PICK(arr) ((arr)[rndn((unsigned)(sizeof(arr) / sizeof((arr)[0])))])

/* -------------------------------------------------------- the clients */

#define NCLIENTS 256

typedef struct client {
    char ip[24];
    char token[200];  /* bearer token (JWT-shaped) */
    const char *ua;
    int  browser;     /* sends Origin/Referer/Cookie */
    char cookie[160];
} client;

static client clients[NCLIENTS];

static const char *const user_agents[] = {
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/124.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4_1) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/17.4.1 Safari/605.1.15",
    "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like "
    "Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
    "ShopApp/5.2.1 (iPhone; iOS 17.4; Scale/3.00)",
    "ShopApp/5.2.0 (Android 14; Pixel 8)",
    "okhttp/4.12.0",
    "axios/1.6.8",
};

static void b64url(char *out, size_t n)
{
    static const char al[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    for (size_t i = 0; i < n; i++)
        out[i] = al[rndn(64)];
    out[n] = '\0';
}

static void make_clients(void)
{
    for (int i = 0; i < NCLIENTS; i++) {
        client *c = &clients[i];
        snprintf(c->ip, sizeof c->ip, "%u.%u.%u.%u", 80 + rndn(120), rndn(256), rndn(256),
                 1 + rndn(254));
        char mid[80], sig[48];
        b64url(mid, 70);
        b64url(sig, 43);
        snprintf(c->token, sizeof c->token, "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.%s.%s", mid, sig);
        unsigned u = rndn((unsigned)(sizeof user_agents / sizeof user_agents[0]));
        c->ua = user_agents[u];
        c->browser = u < 4;
        char ga[24];
        b64url(ga, 22);
        snprintf(c->cookie, sizeof c->cookie,
                 "theme=%s; lang=en-GB; _ga=GA1.2.%u.%u; consent=%s",
                 rndn(2) ? "dark" : "light", 100000000 + rndn(900000000),
                 1700000000 + rndn(30000000), ga);
    }
}

/* ------------------------------------------------------ benign traffic */

static const char *const first_names[] = {
    "Olivia", "Liam", "Amelia", "Noah", "Sophia", "Mateo", "Chloé", "José", "Zoë", "Siobhán",
    "Aiden", "Priya", "Wei", "Fatima", "Lukas", "Ingrid", "Kwame", "Yuki", "Emma", "Jack"};
static const char *const last_names[] = {
    "Smith", "O'Brien", "García", "Müller", "Nguyen", "D'Angelo", "Kowalski", "Okafor",
    "Johansson", "Silva", "Tanaka", "Brown", "McDonald", "Dubois", "Rossi", "Patel"};
static const char *const streets[] = {
    "12 Baker Street", "221B Baker St", "1600 Amphitheatre Pkwy", "5 Rue de Rivoli",
    "Hauptstraße 7", "48 Elm Avenue, Apt. 3", "Unit 4/17 George St", "9 O'Connell Street"};
static const char *const cities[] = {"London", "Paris", "Berlin", "Dublin", "Sydney",
                                     "Toronto", "Madrid", "Austin"};
static const char *const categories[] = {"shoes", "books", "electronics", "garden",
                                         "toys", "kitchen", "sports", "beauty"};
static const char *const sorts[] = {"price_asc", "price_desc", "newest", "rating", "relevance"};
static const char *const searches[] = {
    "red running shoes", "usb-c cable 2m", "o'reilly c programming", "coffee grinder",
    "kids bike 16\"", "4k monitor 27 inch", "select comfort pillow", "union jack flag",
    "drop-leaf table", "100% cotton t-shirt", "noise cancelling headphones", "ps5 & controller",
    "garden hose 30m", "vitamin d3 + k2", "lego star wars", "iphone 15 case"};
static const char *const review_titles[] = {
    "Great value", "Does what it says", "Not as described", "Five stars!", "Meh...",
    "Would buy again", "Broke after a week :(", "Better than expected"};
static const char *const review_sentences[] = {
    "Works great, but the battery life isn't what they claimed (maybe 6 hours?).",
    "I had to select the right size from the chart - it runs small.",
    "Drop-in replacement for my old one; installation took 5 minutes.",
    "Ordered by mistake, but kept it & I'm glad I did.",
    "The colour is more \"navy\" than \"royal blue\", still nice.",
    "Arrived on time. Packaging was fine; no complaints.",
    "My 8-year-old loves it!! Highly recommend for ages 6+.",
    "Customer service replied within 1 hour -> refund processed.",
    "Fits the 2019 model too; see the Q&A section for details.",
    "Cheaper than in store, where it costs $49.99 or more.",
    "It's OK for the price; don't expect premium quality."};
static const char *const notes[] = {
    "Please leave the parcel at the door.", "Ring twice, the bell is broken.",
    "Gift - please don't include the invoice.", "Deliver after 5pm if possible.",
    "Call me on arrival: +44 20 7946 0958", ""};
static const char *const statuses[] = {"pending", "paid", "shipped", "delivered", "cancelled"};

static void add_common(ev_req *r, const client *c, int with_body)
{
    static const char host[] = "api.shop.example";
    ev_req_header(r, "Host", host, sizeof host - 1);
    ev_req_header(r, "User-Agent", c->ua, strlen(c->ua));
    ev_req_header(r, "Accept", "application/json", 16);
    ev_req_header(r, "Accept-Encoding", "gzip, deflate, br", 17);
    ev_req_header(r, "Accept-Language", "en-GB,en;q=0.9", 14);
    char auth[220];
    int n = snprintf(auth, sizeof auth, "Bearer %s", c->token);
    ev_req_header(r, "Authorization", auth, (size_t)n);
    char rid[40];
    n = snprintf(rid, sizeof rid, "%08x-%04x-4%03x-%04x-%04x%08x", (unsigned)rnd(),
                 rndn(0x10000), rndn(0x1000), 0x8000 + rndn(0x4000), rndn(0x10000),
                 (unsigned)rnd());
    ev_req_header(r, "X-Request-ID", rid, (size_t)n);
    if (c->browser) {
        ev_req_header(r, "Origin", "https://shop.example", 20);
        ev_req_header(r, "Referer", "https://shop.example/account/orders", 35);
        ev_req_header(r, "Cookie", c->cookie, strlen(c->cookie));
        ev_req_header(r, "Sec-Fetch-Mode", "cors", 4);
    }
    (void)with_body;
}

static void set_json_body(ev_req *r, const ev_buf *body)
{
    char cl[24];
    int n = snprintf(cl, sizeof cl, "%zu", body->len);
    ev_req_header(r, "Content-Type", "application/json", 16);
    ev_req_header(r, "Content-Length", cl, (size_t)n);
    ev_req_body(r, body->p, body->len);
}

static void uuid(char *out)
{
    snprintf(out, 37, "%08x-%04x-4%03x-%04x-%04x%08x", (unsigned)rnd(), rndn(0x10000),
             rndn(0x1000), 0x8000 + rndn(0x4000), rndn(0x10000), (unsigned)rnd());
}

static void json_kv_str(ev_buf *b, const char *k, const char *v, int comma)
{
    ev_buf_printf(b, "%s\"%s\":", comma ? "," : "", k);
    ev_json_string(b, v, strlen(v));
}

/* One benign request from client c. */
static void gen_benign(ev_req *r, const client *c)
{
    ev_buf path = {0}, q = {0}, body = {0};
    char id[40];
    unsigned kind = rndn(100);
    const char *method = "GET";
    if (kind < 15) { /* user by id */
        ev_buf_printf(&path, "/api/v1/users/%u", 1000 + rndn(900000));
    } else if (kind < 30) { /* product listing */
        ev_buf_puts(&path, "/api/v1/products");
        ev_buf_printf(&q, "category=%s&page=%u&limit=20&sort=%s", PICK(categories), 1 + rndn(12),
                      PICK(sorts));
        if (rndn(3) == 0)
            ev_buf_printf(&q, "&min_price=%u&max_price=%u", 5 * rndn(10), 50 + 10 * rndn(30));
    } else if (kind < 40) { /* order by uuid */
        uuid(id);
        ev_buf_printf(&path, "/api/v1/orders/%s", id);
    } else if (kind < 50) { /* search */
        const char *s = PICK(searches);
        ev_buf_puts(&path, "/api/v1/search");
        ev_buf_puts(&q, "q=");
        ev_urlencode(&q, s, strlen(s), 1);
        ev_buf_printf(&q, "&page=%u", 1 + rndn(3));
    } else if (kind < 58) { /* a user's orders */
        ev_buf_printf(&path, "/api/v1/users/%u/orders", 1000 + rndn(900000));
        ev_buf_printf(&q, "status=%s&from=2024-%02u-01&to=2024-%02u-28", PICK(statuses),
                      1 + rndn(6), 7 + rndn(6));
    } else if (kind < 73) { /* create an order */
        method = "POST";
        ev_buf_puts(&path, "/api/v1/orders");
        char name[80];
        snprintf(name, sizeof name, "%s %s", PICK(first_names), PICK(last_names));
        ev_buf_printf(&body, "{\"customer_id\":%u,\"currency\":\"EUR\",\"items\":[", 1000 + rndn(900000));
        unsigned items = 1 + rndn(3);
        for (unsigned i = 0; i < items; i++)
            ev_buf_printf(&body, "%s{\"sku\":\"SKU-%05u\",\"qty\":%u,\"unit_price\":%u.%02u}",
                          i ? "," : "", rndn(100000), 1 + rndn(4), 3 + rndn(200), rndn(100));
        ev_buf_puts(&body, "],\"shipping\":{");
        json_kv_str(&body, "name", name, 0);
        json_kv_str(&body, "street", PICK(streets), 1);
        json_kv_str(&body, "city", PICK(cities), 1);
        ev_buf_printf(&body, ",\"postcode\":\"%u\",\"country\":\"%s\"}", 10000 + rndn(89999),
                      rndn(2) ? "GB" : "DE");
        json_kv_str(&body, "note", PICK(notes), 1);
        ev_buf_printf(&body, ",\"gift_wrap\":false,\"coupon\":%s,\"billing_same_as_shipping\":"
                             "true,\"client\":{\"platform\":\"%s\",\"version\":\"5.%u.%u\"}}",
                      rndn(4) ? "null" : "\"SPRING24\"", c->browser ? "web" : "app", rndn(4),
                      rndn(10));
    } else if (kind < 83) { /* post a review */
        method = "POST";
        ev_buf_printf(&path, "/api/v1/products/%u/reviews", 1000 + rndn(90000));
        ev_buf_printf(&body, "{\"rating\":%u,", 1 + rndn(5));
        json_kv_str(&body, "title", PICK(review_titles), 0);
        ev_buf text = {0};
        unsigned ns = 2 + rndn(3);
        for (unsigned i = 0; i < ns; i++) {
            const char *s = PICK(review_sentences);
            if (i)
                ev_buf_putc(&text, ' ');
            ev_buf_puts(&text, s);
        }
        json_kv_str(&body, "body", text.p, 1);
        ev_buf_free(&text);
        ev_buf_printf(&body, ",\"verified_purchase\":%s,\"images\":[],\"order_id\":\"",
                      rndn(2) ? "true" : "false");
        uuid(id);
        ev_buf_printf(&body, "%s\"}", id);
    } else if (kind < 91) { /* update a profile */
        method = "PUT";
        unsigned uid = 1000 + rndn(900000);
        ev_buf_printf(&path, "/api/v1/users/%u/profile", uid);
        const char *fn = PICK(first_names), *ln = PICK(last_names);
        char name[80], email[120];
        snprintf(name, sizeof name, "%s %s", fn, ln);
        snprintf(email, sizeof email, "%c.%s%u@mail.example", fn[0] | 0x20, "user", uid % 1000);
        ev_buf_puts(&body, "{");
        json_kv_str(&body, "display_name", name, 0);
        json_kv_str(&body, "email", email, 1);
        json_kv_str(&body, "bio", PICK(review_sentences), 1);
        ev_buf_puts(&body, ",\"locale\":\"en-GB\",\"timezone\":\"Europe/London\","
                           "\"newsletter\":true,\"marketing\":{\"sms\":false,\"email\":true}}");
    } else if (kind < 96) { /* patch an order */
        method = "PATCH";
        uuid(id);
        ev_buf_printf(&path, "/api/v1/orders/%s", id);
        ev_buf_printf(&body, "{\"status\":\"%s\",", PICK(statuses));
        json_kv_str(&body, "reason", PICK(notes), 0);
        ev_buf_printf(&body, ",\"updated_at\":\"2024-%02u-%02uT%02u:%02u:%02uZ\",\"version\":%u}",
                      1 + rndn(12), 1 + rndn(28), rndn(24), rndn(60), rndn(60), 1 + rndn(9));
    } else { /* log out */
        method = "DELETE";
        char hex[33];
        for (int i = 0; i < 32; i++)
            hex[i] = "0123456789abcdef"[rndn(16)];
        hex[32] = '\0';
        ev_buf_printf(&path, "/api/v1/sessions/%s", hex);
    }
    ev_req_reset(r);
    ev_req_line(r, method, path.p, path.len, q.p ? q.p : "", q.len);
    add_common(r, c, body.len > 0);
    if (body.len)
        set_json_body(r, &body);
    ev_buf_free(&path);
    ev_buf_free(&q);
    ev_buf_free(&body);
}

/* Attack or look-alike value v in a query parameter (place 0) or a JSON
 * body field (place 1) of otherwise ordinary API requests. */
static void gen_placed(ev_req *r, const client *c, int place, const char *v, size_t n)
{
    ev_buf path = {0}, q = {0}, body = {0};
    const char *method = "GET";
    if (place == 0) {
        ev_buf_puts(&path, "/api/v1/search");
        ev_buf_puts(&q, "q=");
        ev_urlencode(&q, v, n, 0);
        ev_buf_printf(&q, "&page=%u", 1 + rndn(3));
    } else {
        method = "POST";
        ev_buf_printf(&path, "/api/v1/products/%u/reviews", 1000 + rndn(90000));
        ev_buf_printf(&body, "{\"rating\":%u,", 1 + rndn(5));
        json_kv_str(&body, "title", PICK(review_titles), 0);
        ev_buf_puts(&body, ",\"body\":");
        ev_json_string(&body, v, n);
        ev_buf_puts(&body, ",\"verified_purchase\":true,\"images\":[]}");
    }
    ev_req_reset(r);
    ev_req_line(r, method, path.p, path.len, q.p ? q.p : "", q.len);
    add_common(r, c, body.len > 0);
    if (body.len)
        set_json_body(r, &body);
    ev_buf_free(&path);
    ev_buf_free(&q);
    ev_buf_free(&body);
}

/* ------------------------------------------------------------ the mix */

typedef struct item {
    ev_req  req;
    char   *uri;     /* path?query, for ModSecurity */
    int     client;
    int     cls;     /* attack class, -1 for benign */
    int     place;   /* 0 query, 1 json, -1 generated */
} item;

typedef struct mix {
    const char *name;
    item       *v;
    size_t      n, cap;
    /* results */
    uint64_t   *lat[2];   /* per engine, ns */
    unsigned    blocked[2], flagged;
    unsigned    cls_n[MAX_CLASSES][2], cls_blocked[MAX_CLASSES][2][2]; /* [class][place][engine] */
} mix;

static item *mix_add(mix *m)
{
    if (m->n == m->cap) {
        m->cap = m->cap ? m->cap * 2 : 1024;
        m->v = ev_xrealloc(m->v, m->cap * sizeof *m->v);
    }
    item *it = &m->v[m->n++];
    memset(it, 0, sizeof *it);
    return it;
}

static void finish_item(item *it)
{
    const ev_req *r = &it->req;
    ev_buf u = {0};
    ev_buf_put(&u, ev_req_ptr(r, r->path), r->path.len);
    if (r->query.len) {
        ev_buf_putc(&u, '?');
        ev_buf_put(&u, ev_req_ptr(r, r->query), r->query.len);
    }
    it->uri = u.p;
}

static void mix_free(mix *m)
{
    for (size_t i = 0; i < m->n; i++) {
        ev_req_free(&m->v[i].req);
        free(m->v[i].uri);
    }
    free(m->v);
    free(m->lat[0]);
    free(m->lat[1]);
}

/* -------------------------------------------------------- ModSecurity */

static unsigned long modsec_log_lines;
static int capture_on;     /* --explain: keep the rule ids ModSecurity logs */
static ev_buf capture;

static void quiet_log(void *data, const void *msg)
{
    (void)data;
    modsec_log_lines++;
    if (!capture_on || !msg)
        return;
    /* keep only the [id "..."] and [msg "..."] parts of the text line */
    const char *s = msg;
    const char *id = strstr(s, "[id \"");
    if (id) {
        size_t l = strcspn(id + 5, "\"");
        ev_buf_printf(&capture, " %.*s", (int)l, id + 5);
    }
}

static int cmp_str(const void *a, const void *b)
{
    const char *const *x = a, *const *y = b;
    return strcmp(*x, *y);
}

static void add_rules_file(RulesSet *rules, const char *path, int *nfiles)
{
    const char *error = NULL;
    int rc = msc_rules_add_file(rules, path, &error);
    if (rc < 0) {
        fprintf(stderr, "compare: ModSecurity rejected %s:\n%s\n", path, error ? error : "?");
        exit(2);
    }
    (*nfiles)++;
}

static int readable(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return 0;
    fclose(f);
    return 1;
}

/* Loads our settings, the CRS setup and every CRS rule file in order. */
static RulesSet *load_crs(const char *conf, const char *crs_dir, const char *setup,
                          int *nfiles)
{
    RulesSet *rules = msc_create_rules_set();
    char path[4096];
    *nfiles = 0;
    add_rules_file(rules, conf, nfiles);
    add_rules_file(rules, setup, nfiles);
    if (readable("/etc/modsecurity/crs/REQUEST-900-EXCLUSION-RULES-BEFORE-CRS.conf"))
        add_rules_file(rules, "/etc/modsecurity/crs/REQUEST-900-EXCLUSION-RULES-BEFORE-CRS.conf",
                       nfiles);
    snprintf(path, sizeof path, "%s/rules", crs_dir);
    DIR *d = opendir(path);
    if (!d) {
        fprintf(stderr, "compare: cannot open %s: %s\n", path, strerror(errno));
        exit(2);
    }
    char **names = NULL;
    size_t n = 0;
    struct dirent *de;
    while ((de = readdir(d))) {
        size_t l = strlen(de->d_name);
        if (l > 5 && strcmp(de->d_name + l - 5, ".conf") == 0) {
            names = ev_xrealloc(names, (n + 1) * sizeof *names);
            names[n++] = ev_xstrndup(de->d_name, l);
        }
    }
    closedir(d);
    qsort(names, n, sizeof *names, cmp_str);
    for (size_t i = 0; i < n; i++) {
        snprintf(path, sizeof path, "%s/rules/%s", crs_dir, names[i]);
        add_rules_file(rules, path, nfiles);
        free(names[i]);
    }
    free(names);
    if (readable("/etc/modsecurity/crs/RESPONSE-999-EXCLUSION-RULES-AFTER-CRS.conf"))
        add_rules_file(rules, "/etc/modsecurity/crs/RESPONSE-999-EXCLUSION-RULES-AFTER-CRS.conf",
                       nfiles);
    return rules;
}

static int intervened(Transaction *t)
{
    ModSecurityIntervention it;
    memset(&it, 0, sizeof it);
    it.status = 200;
    msc_intervention(t, &it);
    free(it.url);
    free(it.log);
    return it.disruptive;
}

/* The request side of one request, as a connector runs it. 1 = blocked. */
static int modsec_run(ModSecurity *ms, RulesSet *rules, const item *it)
{
    const ev_req *r = &it->req;
    char method[32];
    snprintf(method, sizeof method, "%.*s", (int)r->method.len, ev_req_ptr(r, r->method));
    Transaction *t = msc_new_transaction(ms, rules, NULL);
    msc_process_connection(t, clients[it->client].ip, 40000 + it->client, "10.0.0.10", 443);
    msc_process_uri(t, it->uri, method, "1.1");
    for (size_t i = 0; i < r->nh; i++)
        msc_add_n_request_header(t, (const unsigned char *)ev_req_ptr(r, r->hname[i]),
                                 r->hname[i].len,
                                 (const unsigned char *)ev_req_ptr(r, r->hval[i]),
                                 r->hval[i].len);
    msc_process_request_headers(t);
    int blocked = intervened(t);
    if (!blocked) {
        if (r->body.len)
            msc_append_request_body(t, (const unsigned char *)ev_req_ptr(r, r->body),
                                    r->body.len);
        msc_process_request_body(t);
        blocked = intervened(t);
    }
    msc_transaction_cleanup(t);
    return blocked;
}

/* ------------------------------------------------------------- vigil */

static int64_t sim_clock_ms = 1717000000000;

static vigil_action vigil_run(vigil_engine *eng, vigil_decision *dec, const item *it,
                              vigil_header *hdrs, uint64_t *ns)
{
    vigil_request req;
    ev_req_view(&it->req, &req, hdrs, clients[it->client].ip);
    /* simulated time: 500 requests a second over 256 clients keeps every
     * client far below the default rate limit, as real traffic would be */
    sim_clock_ms += 2;
    req.timestamp_ms = sim_clock_ms;
    uint64_t t0 = ev_now_ns();
    int rc = vigil_evaluate(eng, &req, dec);
    *ns = ev_now_ns() - t0;
    if (rc != VIGIL_OK && rc != VIGIL_EINTERNAL && rc != VIGIL_ENOMEM) {
        fprintf(stderr, "compare: vigil_evaluate: %s\n", vigil_strerror(rc));
        exit(2);
    }
    return vigil_decision_action(dec);
}

/* ------------------------------------------------------------ numbers */

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

typedef struct lat_stats {
    double p50, p99, mean; /* microseconds */
} lat_stats;

static lat_stats lat_of(const uint64_t *v, size_t n)
{
    lat_stats s = {0, 0, 0};
    if (!n)
        return s;
    uint64_t *c = ev_xmalloc(n * sizeof *c);
    memcpy(c, v, n * sizeof *c);
    qsort(c, n, sizeof *c, cmp_u64);
    double sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += (double)c[i];
    s.p50 = (double)c[(n - 1) / 2] / 1e3;
    s.p99 = (double)c[(size_t)((double)(n - 1) * 0.99)] / 1e3;
    s.mean = sum / (double)n / 1e3;
    free(c);
    return s;
}

static double pct(unsigned a, size_t b)
{
    return b ? 100.0 * a / (double)b : 0.0;
}

static void run_mix(mix *m, vigil_engine *eng, vigil_decision *dec, ModSecurity *ms,
                    RulesSet *rules)
{
    size_t hcap = 64;
    vigil_header *hdrs = ev_xmalloc(hcap * sizeof *hdrs);
    m->lat[0] = ev_xmalloc((m->n ? m->n : 1) * sizeof(uint64_t));
    m->lat[1] = ev_xmalloc((m->n ? m->n : 1) * sizeof(uint64_t));
    /* warm both engines (caches, lazily built state) on the start of the mix */
    size_t warm = m->n < 500 ? m->n : 500;
    for (size_t i = 0; i < warm; i++) {
        uint64_t ns;
        if (m->v[i].req.nh > hcap) {
            hcap = m->v[i].req.nh * 2;
            hdrs = ev_xrealloc(hdrs, hcap * sizeof *hdrs);
        }
        vigil_run(eng, dec, &m->v[i], hdrs, &ns);
        modsec_run(ms, rules, &m->v[i]);
    }
    /* Engines alternate in blocks of BLOCK requests: each block runs warm
     * in one engine, and both see the same periods of machine load. */
    for (size_t start = 0; start < m->n; start += BLOCK) {
        size_t end = start + BLOCK < m->n ? start + BLOCK : m->n;
        for (size_t i = start; i < end; i++) {
            item *it = &m->v[i];
            if (it->req.nh > hcap) {
                hcap = it->req.nh * 2;
                hdrs = ev_xrealloc(hdrs, hcap * sizeof *hdrs);
            }
            vigil_action a = vigil_run(eng, dec, it, hdrs, &m->lat[0][i]);
            int b = a == VIGIL_BLOCK;
            m->blocked[0] += (unsigned)b;
            m->flagged += a == VIGIL_FLAG;
            if (it->cls >= 0) {
                m->cls_n[it->cls][it->place]++;
                m->cls_blocked[it->cls][it->place][0] += (unsigned)b;
            }
        }
        for (size_t i = start; i < end; i++) {
            item *it = &m->v[i];
            uint64_t t0 = ev_now_ns();
            int b = modsec_run(ms, rules, it);
            m->lat[1][i] = ev_now_ns() - t0;
            m->blocked[1] += (unsigned)b;
            if (it->cls >= 0)
                m->cls_blocked[it->cls][it->place][1] += (unsigned)b;
        }
    }
    free(hdrs);
}

static void usage(void)
{
    fprintf(stderr, "usage: compare [--corpora DIR] [--crs DIR] [--crs-setup FILE] "
                    "[--modsec-conf FILE] [--out FILE] [--benign N] [--per-class N] [--seed N] "
                    "[--explain N]\n");
}

/* --explain: up to n requests of m where the engines disagree with the
 * expectation (want_block), with ModSecurity's rule ids and vigil's
 * strongest reason; on stderr, not timed. */
static void explain(mix *m, int want_block, unsigned n, vigil_engine *eng, vigil_decision *dec,
                    ModSecurity *ms, RulesSet *rules)
{
    vigil_header hdrs[64];
    unsigned shown[2] = {0, 0};
    for (size_t i = 0; i < m->n && (shown[0] < n || shown[1] < n); i++) {
        item *it = &m->v[i];
        if (it->req.nh > 64)
            continue;
        uint64_t ns;
        ev_buf_reset(&capture);
        capture_on = 1;
        int mb = modsec_run(ms, rules, it);
        capture_on = 0;
        int vb = vigil_run(eng, dec, it, hdrs, &ns) == VIGIL_BLOCK;
        for (int e = 0; e < 2; e++) {
            int b = e ? mb : vb;
            if (b == want_block || shown[e] >= n)
                continue;
            shown[e]++;
            const vigil_reason *rs = vigil_decision_reason(dec, 0);
            ev_buf line = {0};
            ev_escape_excerpt(&line, ev_req_ptr(&it->req, it->req.body), it->req.body.len, 160);
            fprintf(stderr, "[%s %s %s] %.*s %s\n    body: %s\n    modsec rules:%s\n"
                            "    vigil: %s %s\n",
                    m->name, e ? "modsec" : "vigil", want_block ? "missed" : "blocked",
                    (int)it->req.method.len, ev_req_ptr(&it->req, it->req.method), it->uri,
                    line.p ? line.p : "", capture.p ? capture.p : "",
                    vigil_action_name(vigil_decision_action(dec)),
                    rs ? rs->rule_id : "-");
            ev_buf_free(&line);
        }
    }
}

/* The 1-minute load average from /proc/loadavg, or -1. */
static double load_average(void)
{
    double l = -1;
    FILE *f = fopen("/proc/loadavg", "r");
    if (f) {
        if (fscanf(f, "%lf", &l) != 1)
            l = -1;
        fclose(f);
    }
    return l;
}

static const char *crs_version(const char *crs_dir, char *out, size_t outlen)
{
    char path[4096], *data;
    size_t len;
    snprintf(out, outlen, "CRS (version unknown)");
    snprintf(path, sizeof path, "%s/rules/REQUEST-901-INITIALIZATION.conf", crs_dir);
    if (ev_read_file(path, &data, &len) == 0) {
        const char *p = strstr(data, "SecComponentSignature \"");
        if (p) {
            p += 23;
            size_t l = strcspn(p, "\"\n");
            snprintf(out, outlen, "%.*s", (int)l, p);
        }
        free(data);
    }
    return out;
}

int main(int argc, char **argv)
{
    const char *corpora = "../shared/corpora", *out = "docs/compare.md";
    const char *crs_dir = "/usr/share/modsecurity-crs";
    const char *setup = "/etc/modsecurity/crs/crs-setup.conf";
    const char *conf = "bench/modsec/modsecurity.conf";
    unsigned long n_benign = 5000, per_class = 1000, seed = 42, n_explain = 0;
    for (int i = 1; i < argc; i += 2) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!v) {
            usage();
            return 2;
        }
        if (strcmp(a, "--corpora") == 0)
            corpora = v;
        else if (strcmp(a, "--out") == 0)
            out = v;
        else if (strcmp(a, "--crs") == 0)
            crs_dir = v;
        else if (strcmp(a, "--crs-setup") == 0)
            setup = v;
        else if (strcmp(a, "--modsec-conf") == 0)
            conf = v;
        else if (strcmp(a, "--benign") == 0)
            n_benign = strtoul(v, NULL, 10);
        else if (strcmp(a, "--per-class") == 0)
            per_class = strtoul(v, NULL, 10);
        else if (strcmp(a, "--seed") == 0)
            seed = strtoul(v, NULL, 10);
        else if (strcmp(a, "--explain") == 0)
            n_explain = strtoul(v, NULL, 10);
        else {
            usage();
            return 2;
        }
    }
    char setup_alt[4200];
    if (!readable(setup)) {
        snprintf(setup_alt, sizeof setup_alt, "%s/crs-setup.conf.example", crs_dir);
        if (!readable(setup_alt)) {
            fprintf(stderr, "compare: no CRS setup file (%s, %s): apt-get install "
                            "modsecurity-crs\n", setup, setup_alt);
            return 2;
        }
        setup = setup_alt;
    }
    rng_state ^= seed * 0x9E3779B97F4A7C15u;
    if (!rng_state)
        rng_state = 1;

    char ppath[4096], err[8400];
    snprintf(ppath, sizeof ppath, "%s/payloads.jsonl", corpora);
    ev_payloads pl;
    if (ev_load_payloads(ppath, &pl, err, sizeof err) != 0) {
        fprintf(stderr, "compare: %s\n(point CORPORA at shared/corpora)\n", err);
        return 2;
    }
    if (pl.nclasses > MAX_CLASSES) {
        fprintf(stderr, "compare: too many classes\n");
        return 2;
    }
    make_clients();

    /* ---- build the mixes (not timed) */
    static mix benign = {"benign API", NULL, 0, 0, {NULL, NULL}, {0, 0}, 0, {{0}}, {{{0}}}};
    static mix attack = {"attack", NULL, 0, 0, {NULL, NULL}, {0, 0}, 0, {{0}}, {{{0}}}};
    static mix look = {"benign look-alikes", NULL, 0, 0, {NULL, NULL}, {0, 0}, 0, {{0}}, {{{0}}}};
    size_t body_bytes = 0, bodies = 0;
    for (unsigned long i = 0; i < n_benign; i++) {
        item *it = mix_add(&benign);
        it->client = (int)rndn(NCLIENTS);
        it->cls = -1;
        it->place = -1;
        gen_benign(&it->req, &clients[it->client]);
        finish_item(it);
        if (it->req.body.len) {
            body_bytes += it->req.body.len;
            bodies++;
        }
    }
    /* At most per_class payloads of each class (every k-th, so the sample
     * spans each class' sources); small classes are taken whole. */
    size_t cls_total[MAX_CLASSES] = {0}, cls_seen[MAX_CLASSES] = {0}, n_attack_payloads = 0;
    for (size_t i = 0; i < pl.n; i++)
        cls_total[pl.v[i].cls]++;
    for (size_t i = 0; i < pl.n; i++) {
        const ev_payload *p = &pl.v[i];
        if (!p->benign) {
            size_t step = per_class && cls_total[p->cls] > per_class
                              ? (cls_total[p->cls] + per_class - 1) / per_class
                              : 1;
            if (cls_seen[p->cls]++ % step != 0)
                continue;
            n_attack_payloads++;
        }
        for (int place = 0; place < 2; place++) {
            item *it = mix_add(p->benign ? &look : &attack);
            it->client = (int)rndn(NCLIENTS);
            it->cls = p->cls;
            it->place = place;
            gen_placed(&it->req, &clients[it->client], place, p->value, p->len);
            finish_item(it);
        }
    }

    /* ---- engines */
    vigil_engine *eng = NULL;
    vigil_decision *dec = NULL;
    vigil_error verr = VIGIL_ERROR_INIT;
    int rc = vigil_engine_new(&eng, NULL, 0, NULL, &verr);
    if (rc != VIGIL_OK || vigil_decision_new(&dec) != VIGIL_OK) {
        fprintf(stderr, "compare: vigil: %s %s\n", vigil_strerror(rc), verr.message);
        return 2;
    }
    ModSecurity *ms = msc_init();
    msc_set_connector_info(ms, "vigil-bench-compare");
    msc_set_log_cb(ms, quiet_log);
    int nfiles;
    uint64_t t_load = ev_now_ns();
    RulesSet *rules = load_crs(conf, crs_dir, setup, &nfiles);
    double load_ms = (double)(ev_now_ns() - t_load) / 1e6;

    double load0 = load_average();
    uint64_t t0 = ev_now_ns();
    run_mix(&benign, eng, dec, ms, rules);
    run_mix(&attack, eng, dec, ms, rules);
    run_mix(&look, eng, dec, ms, rules);
    double run_s = (double)(ev_now_ns() - t0) / 1e9;
    double load1 = load_average();
    if (n_explain) {
        explain(&benign, 0, (unsigned)n_explain, eng, dec, ms, rules);
        explain(&look, 0, (unsigned)n_explain, eng, dec, ms, rules);
        explain(&attack, 1, (unsigned)n_explain, eng, dec, ms, rules);
        ev_buf_free(&capture);
    }

    /* ---- report */
    char date[64], machine[300], crsv[64];
    ev_date(date, sizeof date);
    ev_machine(machine, sizeof machine);
    crs_version(crs_dir, crsv, sizeof crsv);
    ev_buf md = {0}, cmd = {0}, tab = {0};
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i], *slash = i ? NULL : strrchr(a, '/');
        ev_buf_printf(&cmd, "%s%s", i ? " " : "", slash ? slash + 1 : a);
    }
    mix *mixes[3] = {&benign, &attack, &look};
    lat_stats ls[3][2];
    for (int i = 0; i < 3; i++)
        for (int e = 0; e < 2; e++)
            ls[i][e] = lat_of(mixes[i]->lat[e], mixes[i]->n);

    ev_buf_printf(&tab, "| mix | requests | engine | p50 µs | p99 µs | mean µs | blocked |\n"
                        "|---|---:|---|---:|---:|---:|---:|\n");
    for (int i = 0; i < 3; i++) {
        mix *m = mixes[i];
        const char *what = i == 1 ? "detected" : "false positives";
        ev_buf_printf(&tab, "| %s | %zu | vigil %s | %.2f | %.2f | %.2f | %.2f%% %s",
                      m->name, m->n, vigil_version(), ls[i][0].p50, ls[i][0].p99, ls[i][0].mean,
                      pct(m->blocked[0], m->n), what);
        if (m->flagged)
            ev_buf_printf(&tab, " (+%.2f%% flagged)", pct(m->flagged, m->n));
        ev_buf_puts(&tab, " |\n");
        ev_buf_printf(&tab, "| %s | %zu | ModSecurity + %s PL1 | %.1f | %.1f | %.1f | "
                            "%.2f%% %s |\n",
                      m->name, m->n, crsv, ls[i][1].p50, ls[i][1].p99, ls[i][1].mean,
                      pct(m->blocked[1], m->n), what);
        ev_buf_printf(&tab, "| %s | | **ModSecurity / vigil** | **%.0f×** | **%.0f×** | "
                            "**%.0f×** | |\n",
                      m->name, ls[i][0].p50 > 0 ? ls[i][1].p50 / ls[i][0].p50 : 0.0,
                      ls[i][0].p99 > 0 ? ls[i][1].p99 / ls[i][0].p99 : 0.0,
                      ls[i][0].mean > 0 ? ls[i][1].mean / ls[i][0].mean : 0.0);
    }

    /* bars */
    ev_buf bars = {0};
    ev_buf_puts(&bars, "| bar | measured | result |\n|---|---|---|\n");
    for (int i = 0; i < 2; i++) {
        double ratio = ls[i][0].p50 > 0 ? ls[i][1].p50 / ls[i][0].p50 : 0.0;
        ev_buf_printf(&bars, "| vigil p50 ≥ %.0f× lower than ModSecurity+CRS PL1, %s mix | "
                             "%.0f× (%.2f µs vs %.1f µs) | **%s** |\n",
                      SPEED_BAR, mixes[i]->name, ratio, ls[i][0].p50, ls[i][1].p50,
                      ratio >= SPEED_BAR ? "PASS" : "FAIL");
    }
    ev_buf_printf(&bars, "| higher detection on the attack mix | vigil %.2f%% vs ModSecurity "
                         "%.2f%% | **%s** |\n",
                  pct(attack.blocked[0], attack.n), pct(attack.blocked[1], attack.n),
                  attack.blocked[0] > attack.blocked[1] ? "PASS" : "FAIL");
    unsigned fpv = benign.blocked[0] + look.blocked[0], fpm = benign.blocked[1] + look.blocked[1];
    ev_buf_printf(&bars, "| fewer false positives (benign API + look-alike mixes) | vigil %u vs "
                         "ModSecurity %u | **%s** |\n",
                  fpv, fpm, fpv < fpm || (fpv == 0 && fpm == 0) ? "PASS" : "FAIL");

    /* per class, attack mix */
    ev_buf cls = {0};
    ev_buf_puts(&cls, "| class | payloads | vigil query | vigil json | ModSecurity query | "
                      "ModSecurity json |\n|---|---:|---:|---:|---:|---:|\n");
    for (size_t c = 0; c < pl.nclasses; c++) {
        unsigned nq = attack.cls_n[c][0], nj = attack.cls_n[c][1];
        if (!nq && !nj)
            continue;
        ev_buf_printf(&cls, "| %s | %u | %.1f%% | %.1f%% | %.1f%% | %.1f%% |\n", pl.classes[c], nq,
                      pct(attack.cls_blocked[c][0][0], nq), pct(attack.cls_blocked[c][1][0], nj),
                      pct(attack.cls_blocked[c][0][1], nq), pct(attack.cls_blocked[c][1][1], nj));
    }

    ev_buf_puts(&md, "# vigil next to ModSecurity + OWASP CRS\n\n"
                     "<!-- Generated by `make bench-compare` (bench/compare.c). Do not edit: "
                     "rerun it. -->\n\n");
    ev_buf_printf(&md, "- Command: `make bench-compare` (runs `%s`)\n", cmd.p);
    ev_buf_printf(&md, "- Date: %s\n- Machine: %s\n", date, machine);
    ev_buf_printf(&md, "- vigil %s, embedded default policy; %s with %s at "
                       "paranoia level 1, anomaly threshold 5 (`bench/modsec/modsecurity.conf`, "
                       "%d rule files, loaded in %.0f ms)\n",
                  vigil_version(), msc_who_am_i(ms), crsv, nfiles, load_ms);
    ev_buf_printf(&md, "- One thread, both engines in one process on the same prebuilt requests; "
                       "%zu requests each, %.1f s in all. Latency per request with "
                       "CLOCK_MONOTONIC; after a 500-request warm-up of both, the engines take "
                       "turns on blocks of %d requests so that both see the same machine load. "
                       "Load average %.2f before, %.2f after: on a busy machine both engines "
                       "slow down and the latencies (more than their ratio) are noisy.\n\n",
                  benign.n + attack.n + look.n, run_s, BLOCK, load0, load1);
    ev_buf_puts(&md, "## Bars (issue 3)\n\n");
    ev_buf_put(&md, bars.p, bars.len);
    ev_buf_puts(&md, "\n## Latency and decisions\n\n");
    ev_buf_put(&md, tab.p, tab.len);
    ev_buf_printf(&md, "\n## Attack mix per class (share blocked)\n\n");
    ev_buf_put(&md, cls.p, cls.len);
    ev_buf_printf(&md,
                  "\n## The mixes\n\n"
                  "- **benign API** (%zu requests, seed %lu): JSON API traffic from %d clients "
                  "(browser, mobile-app and SDK user agents, bearer tokens, request ids; "
                  "browsers add Origin, Referer and a cookie): GET by numeric id or UUID, "
                  "listings with short query strings, searches, a user's orders by date range, "
                  "POST orders and reviews, PUT profiles, PATCH orders with JSON bodies (mean "
                  "%zu bytes), DELETE sessions. Names with apostrophes and accents, review text "
                  "with words like select, union, drop, order by.\n"
                  "- **attack** (%zu requests): %zu attack payloads of `payloads.jsonl` "
                  "(every k-th of a class, at most %lu a class; url-encoded records decoded "
                  "once), each as `GET "
                  "/api/v1/search?q=<payload>&page=N` and as the `body` field of `POST "
                  "/api/v1/products/N/reviews` (JSON), with the same ordinary headers.\n"
                  "- **benign look-alikes** (%zu requests): the corpus' benign values that "
                  "resemble attacks, placed the same way.\n\n"
                  "vigil timestamps are simulated at 500 requests per second, so no client "
                  "comes near the default rate limit. For ModSecurity, blocked means a "
                  "disruptive intervention after phase 1 or 2 (response phases and "
                  "`msc_process_logging` are not run, which only flatters ModSecurity).\n",
                  benign.n, seed, NCLIENTS, bodies ? body_bytes / bodies : 0, attack.n,
                  n_attack_payloads, per_class, look.n);

    FILE *f = fopen(out, "w");
    if (!f || fwrite(md.p, 1, md.len, f) != md.len || fclose(f) != 0) {
        fprintf(stderr, "compare: cannot write %s: %s\n", out, strerror(errno));
        return 2;
    }
    printf("vigil vs ModSecurity + %s PL1 (%s; %s)\n\n%s\n%s\nwritten to %s\n", crsv, machine,
           msc_who_am_i(ms), tab.p, bars.p, out);

    ev_buf_free(&md);
    ev_buf_free(&cmd);
    ev_buf_free(&tab);
    ev_buf_free(&bars);
    ev_buf_free(&cls);
    for (int i = 0; i < 3; i++)
        mix_free(mixes[i]);
    msc_rules_cleanup(rules);
    msc_cleanup(ms);
    vigil_decision_free(dec);
    vigil_engine_free(eng);
    ev_payloads_free(&pl);
    return 0;
}
