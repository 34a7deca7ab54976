/*
 * test_engine.c - the public API contract: creation and errors, evaluate
 * and record state rules, JSON output, reload under load, fail modes, bad
 * input, statistics and logging.
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <cjson/cJSON.h>

#include "vigil.h"

static vigil_str S(const char *s)
{
    vigil_str v = {s, strlen(s)};
    return v;
}

static vigil_str SN(const char *p, size_t n)
{
    vigil_str v = {p, n};
    return v;
}

static vigil_engine *engine_from(const char *policy)
{
    vigil_engine *e = NULL;
    vigil_error err = VIGIL_ERROR_INIT;
    int rc = vigil_engine_new(&e, policy, policy ? strlen(policy) : 0, NULL, &err);
    if (rc != VIGIL_OK)
        fail_msg("policy rejected at %s (%d:%d): %s", err.path, err.line, err.column, err.message);
    return e;
}

static void test_default_engine(void **state)
{
    (void)state;
    vigil_engine *e = engine_from(NULL);
    vigil_decision *d;
    assert_int_equal(vigil_decision_new(&d), VIGIL_OK);
    vigil_request r = VIGIL_REQUEST_INIT;
    r.method = S("GET");
    r.path = S("/api/v1/users/42");
    r.client_ip = S("203.0.113.7");
    assert_int_equal(vigil_evaluate(e, &r, d), VIGIL_OK);
    assert_int_equal(vigil_decision_action(d), VIGIL_ALLOW);
    assert_int_equal(vigil_decision_status(d), 200);
    assert_int_equal(vigil_decision_score(d), 0);
    assert_int_equal(vigil_decision_enforced(d), 1);
    assert_int_equal(strncmp(vigil_decision_identity(d), "ip:", 3), 0);
    assert_int_equal(strlen(vigil_decision_request_id(d)), 16);
    char first_id[17];
    strcpy(first_id, vigil_decision_request_id(d));
    assert_int_equal(vigil_evaluate(e, &r, d), VIGIL_OK);
    assert_string_not_equal(first_id, vigil_decision_request_id(d));
    /* the embedded policy is valid JSON and passes the checker */
    vigil_error err = VIGIL_ERROR_INIT;
    assert_int_equal(vigil_policy_check(vigil_default_policy(), strlen(vigil_default_policy()), &err),
                     VIGIL_OK);
    assert_string_equal(vigil_version(), VIGIL_VERSION_STRING);
    assert_int_equal(vigil_version_number(), VIGIL_VERSION_NUMBER);
    vigil_decision_free(d);
    vigil_engine_free(e);
}

static void test_null_and_version_handling(void **state)
{
    (void)state;
    vigil_engine *e = engine_from(NULL);
    vigil_decision *d;
    assert_int_equal(vigil_decision_new(&d), VIGIL_OK);
    vigil_request r = VIGIL_REQUEST_INIT;
    assert_int_equal(vigil_engine_new(NULL, NULL, 0, NULL, NULL), VIGIL_EINVAL);
    assert_int_equal(vigil_decision_new(NULL), VIGIL_EINVAL);
    assert_int_equal(vigil_evaluate(NULL, &r, d), VIGIL_EINVAL);
    assert_int_equal(vigil_evaluate(e, NULL, d), VIGIL_EINVAL);
    assert_int_equal(vigil_evaluate(e, &r, NULL), VIGIL_EINVAL);
    r.version = 99;
    assert_int_equal(vigil_evaluate(e, &r, d), VIGIL_EVERSION);
    r.version = VIGIL_REQUEST_VERSION;
    /* an all-empty request still gets a decision */
    assert_int_equal(vigil_evaluate(e, &r, d), VIGIL_OK);
    vigil_options o = VIGIL_OPTIONS_INIT;
    o.version = 42;
    vigil_engine *e2 = (vigil_engine *)1;
    assert_int_equal(vigil_engine_new(&e2, NULL, 0, &o, NULL), VIGIL_EVERSION);
    assert_null(e2);
    o.version = VIGIL_OPTIONS_VERSION;
    o.hash_key = (const unsigned char *)"short";
    o.hash_key_len = 5;
    assert_int_equal(vigil_engine_new(&e2, NULL, 0, &o, NULL), VIGIL_EINVAL);
    /* accessors on NULL are defined */
    assert_int_equal(vigil_decision_action(NULL), VIGIL_ALLOW);
    assert_int_equal(vigil_decision_status(NULL), 200);
    assert_null(vigil_decision_reason(NULL, 0));
    assert_null(vigil_decision_reason(d, 1000));
    assert_string_equal(vigil_decision_identity(NULL), "");
    assert_string_equal(vigil_strerror(VIGIL_EPOLICY), "invalid policy");
    assert_string_equal(vigil_strerror(12345), "unknown error");
    assert_string_equal(vigil_action_name((vigil_action)9), "unknown");
    vigil_engine_free(NULL);
    vigil_decision_free(NULL);
    vigil_decision_free(d);
    vigil_engine_free(e);
}

static void expect_policy_error(const char *policy, const char *path, int line, const char *msg_part)
{
    vigil_error err = VIGIL_ERROR_INIT;
    assert_int_equal(vigil_policy_check(policy, strlen(policy), &err), VIGIL_EPOLICY);
    assert_int_equal(err.code, VIGIL_EPOLICY);
    if (strcmp(err.path, path))
        fail_msg("path \"%s\", expected \"%s\" (%s)", err.path, path, err.message);
    if (line && err.line != line)
        fail_msg("line %d, expected %d for %s", err.line, line, err.message);
    if (!strstr(err.message, msg_part))
        fail_msg("message \"%s\" lacks \"%s\"", err.message, msg_part);
}

static void test_policy_errors_name_the_place(void **state)
{
    (void)state;
    expect_policy_error("{\n \"vigil_policy\": 1,\n \"mode\": \"enforce\",,\n}", "", 3, "syntax");
    expect_policy_error("{\"mode\": \"enforce\"}", "vigil_policy", 1, "must be present");
    expect_policy_error("{\"vigil_policy\": 1,\n\"mode\": \"audit\"}", "mode", 2, "unknown mode");
    expect_policy_error("{\"vigil_policy\": 1, \"limtis\": {}}", "limtis", 1, "unknown field");
    expect_policy_error("{\"vigil_policy\": 1,\n \"ip\": {\"deny\": [\"10.0.0.0/8\",\n \"10.0.0.0/33\"]}}",
                        "ip.deny[1]", 3, "10.0.0.0/33");
    expect_policy_error("{\"vigil_policy\": 1, \"routes\": [\n{\"path\": \"/a\"},\n{\"method\": \"GET\"}]}",
                        "routes[1]", 3, "missing \"path\"");
    expect_policy_error("{\"vigil_policy\": 1, \"routes\": [{\"path\": \"/a\",\n \"query\": {\"type\": \"object\", \"properties\":\n {\"n\": {\"minimum\": \"x\"}}}}]}",
                        "routes[0].query.properties.n.minimum", 3, "minimum");
    expect_policy_error("{\"vigil_policy\": 1, \"actions\": {\"schema.typo\": \"block\"}}",
                        "actions.schema.typo", 1, "unknown rule");
    expect_policy_error("{\"vigil_policy\": 1, \"actions\": {\"schema\": \"explode\"}}",
                        "actions.schema", 1, "unknown action");
    expect_policy_error("{\"vigil_policy\": 1, \"detectors\": {\"sqly\": \"off\"}}",
                        "detectors.sqly", 1, "unknown detector");
    expect_policy_error("{\"vigil_policy\": 1, \"thresholds\": {\"flag\": 80, \"block\": 50}}",
                        "thresholds", 1, "must not exceed");
    expect_policy_error("{\"vigil_policy\": 1, \"identity\": {\"sources\": [{\"type\": \"header\"}]}}",
                        "identity.sources[0]", 1, "needs a \"name\"");
    expect_policy_error("{\"vigil_policy\": 1, \"limits\": {\"max_body_bytes\": -5}}",
                        "limits.max_body_bytes", 1, "must be an integer");
    expect_policy_error("[1, 2]", "", 0, "must be a JSON object");
    /* not NUL-terminated input is read only up to its length */
    const char good[] = "{\"vigil_policy\": 1}garbage";
    assert_int_equal(vigil_policy_check(good, 19, NULL), VIGIL_OK);
}

static void test_file_errors(void **state)
{
    (void)state;
    vigil_engine *e;
    vigil_error err = VIGIL_ERROR_INIT;
    assert_int_equal(vigil_engine_new_from_file(&e, "/nonexistent/policy.json", NULL, &err), VIGIL_EIO);
    assert_non_null(strstr(err.message, "/nonexistent/policy.json"));
    assert_int_equal(vigil_engine_new_from_file(&e, VIGIL_SOURCE_DIR "/examples/policies/demo.json",
                                                NULL, &err),
                     VIGIL_OK);
    vigil_engine_free(e);
}

static void test_record_state_rules(void **state)
{
    (void)state;
    vigil_engine *e = engine_from(NULL), *other = engine_from(NULL);
    vigil_decision *d;
    assert_int_equal(vigil_decision_new(&d), VIGIL_OK);
    vigil_response res = VIGIL_RESPONSE_INIT;
    res.status = 200;
    assert_int_equal(vigil_record_response(e, d, &res), VIGIL_ESTATE); /* before evaluate */
    vigil_request r = VIGIL_REQUEST_INIT;
    r.method = S("GET");
    r.path = S("/");
    assert_int_equal(vigil_evaluate(e, &r, d), VIGIL_OK);
    assert_int_equal(vigil_record_response(other, d, &res), VIGIL_ESTATE); /* wrong engine */
    assert_int_equal(vigil_record_response(e, d, &res), VIGIL_OK);
    assert_int_equal(vigil_record_response(e, d, &res), VIGIL_ESTATE); /* twice */
    res.version = 0;
    assert_int_equal(vigil_evaluate(e, &r, d), VIGIL_OK);
    assert_int_equal(vigil_record_response(e, d, &res), VIGIL_EVERSION);
    vigil_stats st = VIGIL_STATS_INIT;
    assert_int_equal(vigil_engine_stats(e, &st), VIGIL_OK);
    assert_int_equal(st.evaluated, 2);
    assert_int_equal(st.recorded, 1);
    assert_int_equal(st.by_action[VIGIL_ALLOW], 2);
    assert_int_equal(st.identities, 1);
    assert_true(st.state_bytes > 0);
    vigil_decision_free(d);
    vigil_engine_free(e);
    vigil_engine_free(other);
}

static void test_decision_json(void **state)
{
    (void)state;
    vigil_engine *e = engine_from("{\"vigil_policy\": 1, \"mode\": \"monitor\", "
                                  "\"limits\": {\"max_url_bytes\": 16}}");
    vigil_decision *d;
    assert_int_equal(vigil_decision_new(&d), VIGIL_OK);
    vigil_request r = VIGIL_REQUEST_INIT;
    r.method = S("GET");
    r.path = S("/a/very/long/path/\"quoted\"/\x01\xff");
    assert_int_equal(vigil_evaluate(e, &r, d), VIGIL_OK);
    const char *json;
    size_t len;
    assert_int_equal(vigil_decision_json(d, &json, &len), VIGIL_OK);
    assert_int_equal(strlen(json), len);
    cJSON *doc = cJSON_Parse(json);
    assert_non_null(doc);
    assert_string_equal(cJSON_GetObjectItem(doc, "action")->valuestring, "block");
    assert_string_equal(cJSON_GetObjectItem(doc, "mode")->valuestring, "monitor");
    assert_int_equal(cJSON_GetObjectItem(doc, "status")->valueint, 403);
    const cJSON *reasons = cJSON_GetObjectItem(doc, "reasons");
    assert_true(cJSON_GetArraySize(reasons) >= 1);
    assert_string_equal(cJSON_GetObjectItem(cJSON_GetArrayItem(reasons, 0), "id")->valuestring,
                        "limits.url_size");
    assert_int_equal(vigil_decision_enforced(d), 0);
    /* every reason string is printable ASCII */
    for (size_t i = 0; i < vigil_decision_reason_count(d); i++) {
        const vigil_reason *rs = vigil_decision_reason(d, i);
        for (const char *c = rs->detail; *c; c++)
            assert_true(*c >= 0x20 && *c <= 0x7e);
        for (const char *c = rs->where; *c; c++)
            assert_true(*c >= 0x20 && *c <= 0x7e);
    }
    cJSON_Delete(doc);
    vigil_decision_free(d);
    vigil_engine_free(e);
}

/* ------------------------------------------------------ reload under load */

typedef struct worker {
    vigil_engine *e;
    int           blocked, allowed, errors;
} worker;

static void *evaluate_loop(void *arg)
{
    worker *w = arg;
    vigil_decision *d;
    if (vigil_decision_new(&d) != VIGIL_OK)
        return NULL;
    vigil_request r = VIGIL_REQUEST_INIT;
    r.method = S("GET");
    r.path = S("/api/items");
    r.query = S("q=hello");
    r.client_ip = S("198.51.100.9");
    for (int i = 0; i < 20000; i++) {
        if (vigil_evaluate(w->e, &r, d) != VIGIL_OK)
            w->errors++;
        if (vigil_decision_action(d) == VIGIL_BLOCK)
            w->blocked++;
        else
            w->allowed++;
        vigil_response res = VIGIL_RESPONSE_INIT;
        res.status = 200;
        if (vigil_record_response(w->e, d, &res) != VIGIL_OK)
            w->errors++;
    }
    vigil_decision_free(d);
    return NULL;
}

static void test_reload_while_evaluating(void **state)
{
    (void)state;
    static const char allow[] = "{\"vigil_policy\": 1}";
    static const char deny[] = "{\"vigil_policy\": 1, \"ip\": {\"deny\": [\"198.51.100.0/24\"]}}";
    vigil_engine *e = engine_from(allow);
    worker w[3];
    pthread_t t[3];
    for (int i = 0; i < 3; i++) {
        memset(&w[i], 0, sizeof w[i]);
        w[i].e = e;
        assert_int_equal(pthread_create(&t[i], NULL, evaluate_loop, &w[i]), 0);
    }
    for (int i = 0; i < 200; i++) {
        const char *p = (i & 1) ? allow : deny;
        assert_int_equal(vigil_engine_reload(e, p, strlen(p), NULL), VIGIL_OK);
    }
    /* a broken reload leaves the last good policy in force */
    vigil_error err = VIGIL_ERROR_INIT;
    assert_int_equal(vigil_engine_reload(e, "{\"vigil_policy\": 2}", 19, &err), VIGIL_EPOLICY);
    assert_string_equal(err.path, "vigil_policy");
    for (int i = 0; i < 3; i++) {
        pthread_join(t[i], NULL);
        assert_int_equal(w[i].errors, 0);
        assert_int_equal(w[i].blocked + w[i].allowed, 20000);
    }
    vigil_stats st = VIGIL_STATS_INIT;
    assert_int_equal(vigil_engine_stats(e, &st), VIGIL_OK);
    assert_int_equal(st.evaluated, 60000);
    assert_int_equal(st.recorded, 60000);
    vigil_engine_free(e);
}

static void test_reload_keeps_behavioural_state(void **state)
{
    (void)state;
    static const char p[] = "{\"vigil_policy\": 1, \"rate_limit\": {\"requests_per_minute\": 1, \"burst\": 2}}";
    vigil_engine *e = engine_from(p);
    vigil_decision *d;
    assert_int_equal(vigil_decision_new(&d), VIGIL_OK);
    vigil_request r = VIGIL_REQUEST_INIT;
    r.method = S("GET");
    r.path = S("/");
    r.client_ip = S("203.0.113.1");
    r.timestamp_ms = 1700000000000;
    for (int i = 0; i < 2; i++) {
        assert_int_equal(vigil_evaluate(e, &r, d), VIGIL_OK);
        assert_int_equal(vigil_decision_action(d), VIGIL_ALLOW);
    }
    assert_int_equal(vigil_engine_reload(e, p, strlen(p), NULL), VIGIL_OK);
    assert_int_equal(vigil_evaluate(e, &r, d), VIGIL_OK);
    assert_int_equal(vigil_decision_action(d), VIGIL_THROTTLE);
    assert_int_equal(vigil_decision_status(d), 429);
    assert_true(vigil_decision_retry_after(d) >= 1);
    vigil_decision_free(d);
    vigil_engine_free(e);
}

/* ----------------------------------------------------------- fail modes */

static void run_oversized_tape(const char *fail, vigil_action expect)
{
    /* 100k JSON elements need more than 1 MiB of scratch memory: an
     * internal limit, which must follow the fail mode. */
    char policy[256];
    snprintf(policy, sizeof policy,
             "{\"vigil_policy\": 1, \"fail\": \"%s\", \"limits\": {\"max_body_bytes\": 1000000, "
             "\"max_memory_bytes\": 1048576}}", fail);
    vigil_engine *e = engine_from(policy);
    size_t n = 100000 * 2 + 2;
    char *body = malloc(n);
    assert_non_null(body);
    body[0] = '[';
    for (size_t i = 1; i + 1 < n; i += 2) {
        body[i] = '1';
        body[i + 1] = ',';
    }
    body[n - 2] = '1';
    body[n - 1] = ']';
    vigil_header h = {S("Content-Type"), S("application/json")};
    vigil_request r = VIGIL_REQUEST_INIT;
    r.method = S("POST");
    r.path = S("/bulk");
    r.headers = &h;
    r.header_count = 1;
    r.body = body;
    r.body_len = n;
    vigil_decision *d;
    assert_int_equal(vigil_decision_new(&d), VIGIL_OK);
    int rc = vigil_evaluate(e, &r, d);
    assert_true(rc == VIGIL_ENOMEM || rc == VIGIL_EINTERNAL);
    assert_int_equal(vigil_decision_action(d), expect);
    assert_string_equal(vigil_decision_reason(d, 0)->rule_id, "internal.error");
    vigil_stats st = VIGIL_STATS_INIT;
    assert_int_equal(vigil_engine_stats(e, &st), VIGIL_OK);
    assert_int_equal(st.internal_errors, 1);
    free(body);
    vigil_decision_free(d);
    vigil_engine_free(e);
}

static void test_fail_modes(void **state)
{
    (void)state;
    run_oversized_tape("open", VIGIL_ALLOW);
    run_oversized_tape("closed", VIGIL_BLOCK);
}

/* ------------------------------------------------------------ bad input */

static void test_hostile_bytes_get_decisions(void **state)
{
    (void)state;
    vigil_engine *e = engine_from(NULL);
    vigil_decision *d;
    assert_int_equal(vigil_decision_new(&d), VIGIL_OK);
    unsigned seed = 12345;
    char buf[4096];
    vigil_header hs[8];
    for (int iter = 0; iter < 3000; iter++) {
        for (size_t i = 0; i < sizeof buf; i++) {
            seed = seed * 1103515245u + 12345u;
            buf[i] = (char)(seed >> 16);
        }
        size_t cut = (seed >> 8) % 512;
        vigil_request r = VIGIL_REQUEST_INIT;
        r.method = SN(buf, cut % 9);
        r.path = SN(buf + 10, cut);
        r.query = SN(buf + 600, cut);
        r.client_ip = SN(buf + 1200, cut % 40);
        for (int h = 0; h < 8; h++) {
            hs[h].name = SN(buf + 1300 + h * 100, (size_t)h * 3);
            hs[h].value = SN(buf + 1400 + h * 100, cut % 90);
        }
        hs[0].name = S("Content-Type");
        hs[0].value = S("application/json");
        hs[1].name = S("Cookie");
        r.headers = hs;
        r.header_count = 8;
        r.body = buf + 2300;
        r.body_len = cut * 3;
        assert_int_equal(vigil_evaluate(e, &r, d), VIGIL_OK);
        const char *json;
        assert_int_equal(vigil_decision_json(d, &json, NULL), VIGIL_OK);
        cJSON *doc = cJSON_Parse(json);
        assert_non_null(doc);
        cJSON_Delete(doc);
    }
    vigil_decision_free(d);
    vigil_engine_free(e);
}

static void test_pathological_sizes(void **state)
{
    (void)state;
    vigil_engine *e = engine_from(NULL);
    vigil_decision *d;
    assert_int_equal(vigil_decision_new(&d), VIGIL_OK);
    /* thousands of headers */
    vigil_header *hs = calloc(5000, sizeof *hs);
    for (int i = 0; i < 5000; i++) {
        hs[i].name = S("X-A");
        hs[i].value = S("b");
    }
    vigil_request r = VIGIL_REQUEST_INIT;
    r.method = S("GET");
    r.path = S("/");
    r.headers = hs;
    r.header_count = 5000;
    assert_int_equal(vigil_evaluate(e, &r, d), VIGIL_OK);
    assert_int_equal(vigil_decision_action(d), VIGIL_BLOCK);
    /* deep nesting */
    size_t n = 100000;
    char *deep = malloc(n);
    memset(deep, '[', n);
    vigil_header ct = {S("Content-Type"), S("application/json")};
    r.headers = &ct;
    r.header_count = 1;
    r.method = S("POST");
    r.body = deep;
    r.body_len = n;
    assert_int_equal(vigil_evaluate(e, &r, d), VIGIL_OK);
    assert_int_equal(vigil_decision_action(d), VIGIL_BLOCK);
    assert_string_equal(vigil_decision_reason(d, 0)->rule_id, "limits.json_depth");
    /* a megabyte of %25 in the query */
    size_t qn = 1 << 20;
    char *q = malloc(qn);
    for (size_t i = 0; i + 2 < qn; i += 3)
        memcpy(q + i, "%25", 3);
    r.query = SN(q, qn - qn % 3);
    r.body = NULL;
    r.body_len = 0;
    assert_int_equal(vigil_evaluate(e, &r, d), VIGIL_OK);
    assert_int_equal(vigil_decision_action(d), VIGIL_BLOCK); /* URL limit */
    free(q);
    free(deep);
    free(hs);
    vigil_decision_free(d);
    vigil_engine_free(e);
}

/* --------------------------------------------------------------- logging */

static int log_lines;
static char last_log[512];

static void on_log(void *ud, vigil_log_level level, const char *msg)
{
    (void)ud;
    (void)level;
    log_lines++;
    snprintf(last_log, sizeof last_log, "%s", msg);
}

static void test_log_callback(void **state)
{
    (void)state;
    vigil_options o = VIGIL_OPTIONS_INIT;
    o.log = on_log;
    o.log_level = VIGIL_LOG_INFO;
    vigil_engine *e;
    assert_int_equal(vigil_engine_new(&e, NULL, 0, &o, NULL), VIGIL_OK);
    assert_int_equal(vigil_engine_reload(e, NULL, 0, NULL), VIGIL_OK);
    assert_int_equal(log_lines, 1);
    assert_non_null(strstr(last_log, "reloaded"));
    assert_int_equal(vigil_engine_reload(e, "{", 1, NULL), VIGIL_EPOLICY);
    assert_int_equal(log_lines, 2);
    assert_non_null(strstr(last_log, "rejected"));
    vigil_engine_free(e);
}

/* Identities are pseudonymous: stable for one key, different across keys,
 * and the raw credential never appears. */
static void test_identity_pseudonyms(void **state)
{
    (void)state;
    static const unsigned char k1[16] = "0123456789abcdef", k2[16] = "fedcba9876543210";
    vigil_options o = VIGIL_OPTIONS_INIT;
    o.hash_key = k1;
    o.hash_key_len = 16;
    vigil_engine *a, *b, *c;
    assert_int_equal(vigil_engine_new(&a, NULL, 0, &o, NULL), VIGIL_OK);
    assert_int_equal(vigil_engine_new(&b, NULL, 0, &o, NULL), VIGIL_OK);
    o.hash_key = k2;
    assert_int_equal(vigil_engine_new(&c, NULL, 0, &o, NULL), VIGIL_OK);
    vigil_decision *d;
    assert_int_equal(vigil_decision_new(&d), VIGIL_OK);
    vigil_header h = {S("X-API-Key"), S("supersecretkey")};
    vigil_request r = VIGIL_REQUEST_INIT;
    r.method = S("GET");
    r.path = S("/");
    r.headers = &h;
    r.header_count = 1;
    char ida[40], idb[40], idc[40];
    vigil_evaluate(a, &r, d);
    strcpy(ida, vigil_decision_identity(d));
    vigil_evaluate(b, &r, d);
    strcpy(idb, vigil_decision_identity(d));
    vigil_evaluate(c, &r, d);
    strcpy(idc, vigil_decision_identity(d));
    assert_string_equal(ida, idb);
    assert_string_not_equal(ida, idc);
    assert_null(strstr(ida, "supersecret"));
    const char *json;
    assert_int_equal(vigil_decision_json(d, &json, NULL), VIGIL_OK);
    assert_null(strstr(json, "supersecret"));
    vigil_decision_free(d);
    vigil_engine_free(a);
    vigil_engine_free(b);
    vigil_engine_free(c);
}

/* LRU bound on tracked identities. */
static void test_identity_bound(void **state)
{
    (void)state;
    vigil_engine *e = engine_from("{\"vigil_policy\": 1, \"behaviour\": {\"max_identities\": 640}}");
    vigil_decision *d;
    assert_int_equal(vigil_decision_new(&d), VIGIL_OK);
    char ip[32];
    vigil_request r = VIGIL_REQUEST_INIT;
    r.method = S("GET");
    r.path = S("/");
    for (int i = 0; i < 5000; i++) {
        snprintf(ip, sizeof ip, "10.%d.%d.1", i / 250, i % 250);
        r.client_ip = S(ip);
        assert_int_equal(vigil_evaluate(e, &r, d), VIGIL_OK);
    }
    vigil_stats st = VIGIL_STATS_INIT;
    assert_int_equal(vigil_engine_stats(e, &st), VIGIL_OK);
    assert_true(st.identities <= 640 + 64);
    assert_true(st.identities_evicted >= 5000 - 704);
    vigil_decision_free(d);
    vigil_engine_free(e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_default_engine),
        cmocka_unit_test(test_null_and_version_handling),
        cmocka_unit_test(test_policy_errors_name_the_place),
        cmocka_unit_test(test_file_errors),
        cmocka_unit_test(test_record_state_rules),
        cmocka_unit_test(test_decision_json),
        cmocka_unit_test(test_reload_while_evaluating),
        cmocka_unit_test(test_reload_keeps_behavioural_state),
        cmocka_unit_test(test_fail_modes),
        cmocka_unit_test(test_hostile_bytes_get_decisions),
        cmocka_unit_test(test_pathological_sizes),
        cmocka_unit_test(test_log_callback),
        cmocka_unit_test(test_identity_pseudonyms),
        cmocka_unit_test(test_identity_bound),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
