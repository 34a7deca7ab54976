/*
 * compare.c - vigil next to ModSecurity v3 + OWASP CRS, in one process, on
 * the same requests (`make bench-compare`).
 *
 * Mixes:
 *   benign     realistic JSON API traffic from a seeded generator: GETs with
 *              path parameters and short queries, POST/PUT/PATCH with JSON
 *              bodies of about 300 bytes, DELETEs, browser and SDK headers;
 *   attack     every attack payload of shared/corpora/payloads.jsonl once in
 *              a query parameter and once in a JSON body field;
 *   lookalike  the corpus' benign look-alikes, placed the same way (for
 *              information: false positives on hard benign input).
 *
 * Timed per request with CLOCK_MONOTONIC: for vigil the whole
 * vigil_evaluate (embedded default policy); for ModSecurity everything a
 * connector does for the request side: new transaction, connection, URI,
 * headers, phase 1, body, phase 2, intervention checks, cleanup.
 *
 *   compare [--corpora DIR] [--crs DIR] [--crs-setup FILE]
 *           [--modsec-conf FILE] [--out FILE] [--benign N] [--attacks N]
 *           [--seed N]
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
    "It's OK for the price; don't expect premium quality.",
    "Union of style and comfort, as the ad says. Not wrong."};
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
        ev_buf_puts(&body, ",\"gift_wrap\":false}");
    } else if (kind < 83) { /* post a review */
        method = "POST";
        ev_buf_printf(&path, "/api/v1/products/%u/reviews", 1000 + rndn(90000));
        ev_buf_printf(&body, "{\"rating\":%u,", 1 + rndn(5));
        json_kv_str(&body, "title", PICK(review_titles), 0);
        ev_buf_t_dummy:;
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
        ev_buf_printf(&body, ",\"verified_purchase\":%s,\"images\":[]}", rndn(2) ? "true" : "false");
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
