/*
 * test_vectors.c - runs the shared decision vectors in the tests/vectors directory
 * through the public API. The same files are meant to be run by every
 * binding, so the format stays small (see tests/vectors/README.md):
 *
 *   {"description": "...", "policy": {...} | null,
 *    "cases": [{"name": "...", "repeat": 1,
 *               "request": {"ts": 1700000000, "client_ip": "...", "method": "GET",
 *                           "path": "/x", "query": "a=1",
 *                           "headers": {"name": "value"} | [["name", "value"]],
 *                           "body": "..."},
 *               "response": {"status": 200, "bytes": 10},
 *               "expect": {"action": "block", "status": 403, "min_score": 0,
 *                          "max_score": 100, "reasons": ["rule.id"],
 *                          "reasons_absent": ["rule.id"],
 *                          "where": {"rule.id": "query.id"},
 *                          "identity_prefix": "key:", "route": "/x",
 *                          "enforced": true, "retry_after_min": 1}}]}
 *
 * Cases run in order on one engine, so sequences (rate limits, behaviour)
 * can be expressed; "repeat" sends the request that many times and checks
 * the last decision.
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <cjson/cJSON.h>

#include "vigil.h"

#ifndef VIGIL_SOURCE_DIR
#define VIGIL_SOURCE_DIR "."
#endif

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *b = malloc((size_t)n + 1);
    if (b && fread(b, 1, (size_t)n, f) != (size_t)n) {
        free(b);
        b = NULL;
    }
    fclose(f);
    if (b) {
        b[n] = '\0';
        *len = (size_t)n;
    }
    return b;
}

static vigil_str S(const char *s)
{
    vigil_str v = {s, s ? strlen(s) : 0};
    return v;
}

static const char *jstr(const cJSON *o, const char *k)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

#define MAX_HEADERS 64

static int failures;

static void fail_case(const char *file, const char *name, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "  %s: case \"%s\": ", file, name);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    failures++;
}

static int has_reason(const vigil_decision *d, const char *id, const char **where)
{
    for (size_t i = 0; i < vigil_decision_reason_count(d); i++) {
        const vigil_reason *r = vigil_decision_reason(d, i);
        if (!strcmp(r->rule_id, id) ||
            (strncmp(r->rule_id, id, strlen(id)) == 0 && r->rule_id[strlen(id)] == '.')) {
            if (where)
                *where = r->where;
            return 1;
        }
    }
    return 0;
}

static void check_expect(const char *file, const char *name, const cJSON *ex, vigil_decision *d)
{
    const char *json = "";
    (void)vigil_decision_json(d, &json, NULL);
    const char *action = jstr(ex, "action");
    if (action && strcmp(action, vigil_action_name(vigil_decision_action(d))))
        fail_case(file, name, "action %s, expected %s: %s",
                  vigil_action_name(vigil_decision_action(d)), action, json);
    const cJSON *v;
    if ((v = cJSON_GetObjectItemCaseSensitive(ex, "status")) &&
        v->valueint != vigil_decision_status(d))
        fail_case(file, name, "status %d, expected %d", vigil_decision_status(d), v->valueint);
    if ((v = cJSON_GetObjectItemCaseSensitive(ex, "min_score")) &&
        vigil_decision_score(d) < v->valueint)
        fail_case(file, name, "score %d below %d: %s", vigil_decision_score(d), v->valueint, json);
    if ((v = cJSON_GetObjectItemCaseSensitive(ex, "max_score")) &&
        vigil_decision_score(d) > v->valueint)
        fail_case(file, name, "score %d above %d: %s", vigil_decision_score(d), v->valueint, json);
    if ((v = cJSON_GetObjectItemCaseSensitive(ex, "enforced")) &&
        cJSON_IsTrue(v) != vigil_decision_enforced(d))
        fail_case(file, name, "enforced %d", vigil_decision_enforced(d));
    if ((v = cJSON_GetObjectItemCaseSensitive(ex, "retry_after_min")) &&
        (int)vigil_decision_retry_after(d) < v->valueint)
        fail_case(file, name, "retry_after %u below %d", vigil_decision_retry_after(d),
                  v->valueint);
    const char *prefix = jstr(ex, "identity_prefix");
    if (prefix && strncmp(vigil_decision_identity(d), prefix, strlen(prefix)))
        fail_case(file, name, "identity %s, expected prefix %s", vigil_decision_identity(d),
                  prefix);
    const char *route = jstr(ex, "route");
    if (route && strcmp(vigil_decision_route(d), route))
        fail_case(file, name, "route \"%s\", expected \"%s\"", vigil_decision_route(d), route);
    const cJSON *it;
    cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(ex, "reasons")) {
        if (!has_reason(d, it->valuestring, NULL))
            fail_case(file, name, "missing reason %s: %s", it->valuestring, json);
    }
    cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(ex, "reasons_absent")) {
        if (has_reason(d, it->valuestring, NULL))
            fail_case(file, name, "unexpected reason %s: %s", it->valuestring, json);
    }
    cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(ex, "where")) {
        const char *where = NULL;
        if (!has_reason(d, it->string, &where))
            fail_case(file, name, "missing reason %s for where: %s", it->string, json);
        else if (strcmp(where, it->valuestring))
            fail_case(file, name, "reason %s at \"%s\", expected \"%s\"", it->string, where,
                      it->valuestring);
    }
}

static void run_case(const char *file, vigil_engine *e, vigil_decision *d, const cJSON *c)
{
    const char *name = jstr(c, "name");
    const cJSON *rq = cJSON_GetObjectItemCaseSensitive(c, "request");
    vigil_request req = VIGIL_REQUEST_INIT;
    vigil_header h[MAX_HEADERS];
    size_t nh = 0;
    req.method = S(jstr(rq, "method"));
    req.path = S(jstr(rq, "path"));
    req.query = S(jstr(rq, "query"));
    req.client_ip = S(jstr(rq, "client_ip"));
    const char *body = jstr(rq, "body");
    req.body = body;
    req.body_len = body ? strlen(body) : 0;
    const cJSON *ts = cJSON_GetObjectItemCaseSensitive(rq, "ts");
    if (cJSON_IsNumber(ts))
        req.timestamp_ms = (int64_t)(ts->valuedouble * 1000.0);
    const cJSON *hs = cJSON_GetObjectItemCaseSensitive(rq, "headers"), *it;
    cJSON_ArrayForEach(it, hs) {
        if (nh == MAX_HEADERS)
            break;
        if (cJSON_IsArray(it)) {
            h[nh].name = S(cJSON_GetArrayItem(it, 0)->valuestring);
            h[nh].value = S(cJSON_GetArrayItem(it, 1)->valuestring);
        } else {
            h[nh].name = S(it->string);
            h[nh].value = S(it->valuestring);
        }
        nh++;
    }
    req.headers = h;
    req.header_count = nh;
    const cJSON *rep = cJSON_GetObjectItemCaseSensitive(c, "repeat");
    int repeat = cJSON_IsNumber(rep) ? rep->valueint : 1;
    const cJSON *rs = cJSON_GetObjectItemCaseSensitive(c, "response");
    for (int i = 0; i < repeat; i++) {
        int rc = vigil_evaluate(e, &req, d);
        if (rc != VIGIL_OK)
            fail_case(file, name, "vigil_evaluate returned %s", vigil_strerror(rc));
        if (rs) {
            vigil_response res = VIGIL_RESPONSE_INIT;
            res.status = cJSON_GetObjectItemCaseSensitive(rs, "status")->valueint;
            const cJSON *b = cJSON_GetObjectItemCaseSensitive(rs, "bytes");
            res.bytes = cJSON_IsNumber(b) ? (uint64_t)b->valuedouble : 0;
            if (i + 1 < repeat || !cJSON_GetObjectItemCaseSensitive(c, "expect"))
                assert_int_equal(vigil_record_response(e, d, &res), VIGIL_OK);
        }
    }
    const cJSON *ex = cJSON_GetObjectItemCaseSensitive(c, "expect");
    if (ex)
        check_expect(file, name ? name : "?", ex, d);
    if (rs && ex) {
        vigil_response res = VIGIL_RESPONSE_INIT;
        res.status = cJSON_GetObjectItemCaseSensitive(rs, "status")->valueint;
        assert_int_equal(vigil_record_response(e, d, &res), VIGIL_OK);
    }
}

static void run_file(const char *dir, const char *fname, int *cases)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, fname);
    size_t len = 0;
    char *text = slurp(path, &len);
    assert_non_null(text);
    cJSON *doc = cJSON_ParseWithLength(text, len);
    if (!doc)
        fail_msg("%s: not valid JSON", fname);
    const cJSON *pol = cJSON_GetObjectItemCaseSensitive(doc, "policy");
    char *ptext = cJSON_IsObject(pol) ? cJSON_PrintUnformatted(pol) : NULL;
    vigil_engine *e;
    vigil_error err = VIGIL_ERROR_INIT;
    static const unsigned char key[32] = "vigil test vectors hash key 0001";
    vigil_options opts = VIGIL_OPTIONS_INIT;
    opts.hash_key = key;
    opts.hash_key_len = sizeof key;
    int rc = vigil_engine_new(&e, ptext, ptext ? strlen(ptext) : 0, &opts, &err);
    if (rc != VIGIL_OK)
        fail_msg("%s: policy rejected at %s: %s", fname, err.path, err.message);
    vigil_decision *d;
    assert_int_equal(vigil_decision_new(&d), VIGIL_OK);
    const cJSON *c;
    cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(doc, "cases")) {
        run_case(fname, e, d, c);
        (*cases)++;
    }
    vigil_decision_free(d);
    vigil_engine_free(e);
    cJSON_free(ptext);
    cJSON_Delete(doc);
    free(text);
}

static void test_all_vectors(void **state)
{
    (void)state;
    const char *dir = VIGIL_SOURCE_DIR "/tests/vectors";
    DIR *dh = opendir(dir);
    assert_non_null(dh);
    struct dirent *de;
    int files = 0, cases = 0;
    while ((de = readdir(dh))) {
        size_t n = strlen(de->d_name);
        if (n < 6 || strcmp(de->d_name + n - 5, ".json"))
            continue;
        run_file(dir, de->d_name, &cases);
        files++;
    }
    closedir(dh);
    fprintf(stderr, "  %d vector files, %d cases, %d failures\n", files, cases, failures);
    assert_true(files > 0);
    assert_int_equal(failures, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_all_vectors)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
