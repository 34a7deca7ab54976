/*
 * fuzz_evaluate.c - the whole evaluate + record path. The input is split
 * on 0xff bytes into method, path, query, client address, header
 * name/value pairs, and the body (the last piece), so the fuzzer controls
 * every field of the request view.
 */
#include <stdint.h>
#include <string.h>

#include "vigil.h"

static vigil_engine   *engine;
static vigil_decision *decision;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char policy[] =
        "{\"vigil_policy\": 1, \"unknown_routes\": \"flag\","
        " \"ip\": {\"trusted_proxies\": [\"10.0.0.0/8\"], \"deny\": [\"198.51.100.0/24\"]},"
        " \"routes\": [{\"method\": \"POST\", \"path\": \"/o/{id}\", \"auth\": true,"
        "  \"params\": {\"type\": \"object\", \"properties\": {\"id\": {\"type\": \"integer\"}}},"
        "  \"query\": {\"type\": \"object\", \"properties\": {\"q\": {\"type\": \"string\", \"pattern\": \"^[a-z]+$\"}}},"
        "  \"body\": {\"type\": \"object\", \"required\": [\"a\"], \"properties\": {\"a\": {\"type\": \"array\","
        "   \"items\": {\"type\": \"string\", \"format\": \"email\"}}}}}]}";
    if (!engine) {
        if (vigil_engine_new(&engine, policy, sizeof policy - 1, NULL, NULL) ||
            vigil_decision_new(&decision))
            return 0;
    }
    vigil_str parts[24];
    size_t np = 0, start = 0;
    for (size_t i = 0; i <= size && np < 24; i++) {
        if (i == size || data[i] == 0xff) {
            parts[np].ptr = (const char *)data + start;
            parts[np].len = i - start;
            np++;
            start = i + 1;
        }
    }
    vigil_str empty = {NULL, 0};
    vigil_request r = VIGIL_REQUEST_INIT;
    r.method = np > 0 ? parts[0] : empty;
    r.path = np > 1 ? parts[1] : empty;
    r.query = np > 2 ? parts[2] : empty;
    r.client_ip = np > 3 ? parts[3] : empty;
    vigil_header h[10];
    size_t nh = 0;
    for (size_t i = 4; i + 2 < np && nh < 10; i += 2, nh++) {
        h[nh].name = parts[i];
        h[nh].value = parts[i + 1];
    }
    r.headers = h;
    r.header_count = nh;
    if (np > 4) {
        r.body = parts[np - 1].ptr;
        r.body_len = parts[np - 1].len;
    }
    vigil_evaluate(engine, &r, decision);
    const char *json;
    (void)vigil_decision_json(decision, &json, NULL);
    vigil_response res = VIGIL_RESPONSE_INIT;
    res.status = size ? data[0] + 200 : 200;
    (void)vigil_record_response(engine, decision, &res);
    return 0;
}
