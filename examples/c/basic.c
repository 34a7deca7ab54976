/*
 * basic.c - the smallest complete use of libvigil: create an engine with
 * the embedded default policy, evaluate two requests, record a response.
 * Built against the installed library through pkg-config by `make check`:
 *
 *   cc basic.c $(pkg-config --cflags --libs vigil)
 */
#include <stdio.h>
#include <string.h>

#include <vigil.h>

static vigil_str S(const char *s)
{
    vigil_str v;
    v.ptr = s;
    v.len = strlen(s);
    return v;
}

int main(void)
{
    vigil_engine *engine;
    vigil_decision *decision;
    vigil_error err = VIGIL_ERROR_INIT;

    if (vigil_engine_new(&engine, NULL, 0, NULL, &err) != VIGIL_OK) {
        fprintf(stderr, "policy error at %s: %s\n", err.path, err.message);
        return 1;
    }
    if (vigil_decision_new(&decision) != VIGIL_OK)
        return 1;

    vigil_header headers[1];
    headers[0].name = S("X-API-Key");
    headers[0].value = S("k-123");

    /* A benign request. */
    vigil_request req = VIGIL_REQUEST_INIT;
    req.method = S("GET");
    req.path = S("/api/v1/users/42");
    req.query = S("fields=name");
    req.headers = headers;
    req.header_count = 1;
    req.client_ip = S("203.0.113.7");
    vigil_evaluate(engine, &req, decision);
    printf("GET /api/v1/users/42 -> %s (score %d, identity %s)\n",
           vigil_action_name(vigil_decision_action(decision)),
           vigil_decision_score(decision), vigil_decision_identity(decision));
    int benign_ok = vigil_decision_action(decision) == VIGIL_ALLOW;

    vigil_response res = VIGIL_RESPONSE_INIT;
    res.status = 200;
    res.bytes = 512;
    res.latency_us = 1800;
    if (vigil_record_response(engine, decision, &res) != VIGIL_OK)
        return 1;

    /* A hostile one. */
    req.query = S("id=1'%20UNION%20SELECT%20password%20FROM%20users--");
    vigil_evaluate(engine, &req, decision);
    const char *json;
    if (vigil_decision_json(decision, &json, NULL) == VIGIL_OK)
        printf("%s\n", json);
    int attack_blocked = vigil_decision_action(decision) == VIGIL_BLOCK &&
                         vigil_decision_status(decision) == 403;

    vigil_decision_free(decision);
    vigil_engine_free(engine);
    printf("libvigil %s: %s\n", vigil_version(),
           benign_ok && attack_blocked ? "example ok" : "unexpected decisions");
    return benign_ok && attack_blocked ? 0 : 1;
}
