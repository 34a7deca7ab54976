/* test_state.c - per-identity token buckets, windows and the LRU bound. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "state.h"

static void key_of(uint8_t key[VIGIL__ID_DIGEST], unsigned i)
{
    memset(key, 0, VIGIL__ID_DIGEST);
    memcpy(key, &i, sizeof i);
    key[VIGIL__ID_DIGEST - 1] = (uint8_t)(i * 7u);
}

static void test_token_bucket(void **state)
{
    (void)state;
    vigil__state *s;
    assert_int_equal(vigil__state_new(&s), VIGIL_OK);
    vigil__state_limits lim = {1.0 / 1000.0, 3, 60000, 1000}; /* 1/s, burst 3 */
    uint8_t k[VIGIL__ID_DIGEST];
    key_of(k, 1);
    vigil__state_view v;
    for (int i = 0; i < 3; i++) {
        assert_int_equal(vigil__state_on_request(s, k, 1000, &lim, &v), VIGIL_OK);
        assert_false(v.throttled);
    }
    assert_int_equal(vigil__state_on_request(s, k, 1000, &lim, &v), VIGIL_OK);
    assert_true(v.throttled);
    assert_int_equal(v.retry_after_s, 1);
    assert_int_equal(vigil__state_on_request(s, k, 2500, &lim, &v), VIGIL_OK);
    assert_false(v.throttled); /* 1.5 tokens refilled */
    /* time going backwards never adds tokens */
    assert_int_equal(vigil__state_on_request(s, k, 500, &lim, &v), VIGIL_OK);
    assert_true(v.throttled);
    assert_int_equal(v.requests, 6);
    vigil__state_free(s);
}

static void test_windows_and_responses(void **state)
{
    (void)state;
    vigil__state *s;
    assert_int_equal(vigil__state_new(&s), VIGIL_OK);
    vigil__state_limits lim = {0, 0, 10000, 1000};
    uint8_t k[VIGIL__ID_DIGEST], other[VIGIL__ID_DIGEST];
    key_of(k, 2);
    key_of(other, 3);
    vigil__state_view v;
    assert_int_equal(vigil__state_on_request(s, k, 0, &lim, &v), VIGIL_OK);
    for (int i = 0; i < 4; i++)
        vigil__state_on_response(s, k, 100, 10000, 401, 10);
    vigil__state_on_response(s, k, 100, 10000, 404, 10);
    vigil__state_on_response(s, other, 100, 10000, 404, 10); /* unknown: no-op */
    assert_int_equal(vigil__state_on_request(s, k, 200, &lim, &v), VIGIL_OK);
    assert_int_equal(v.auth_failures, 4);
    assert_int_equal(v.not_found, 1);
    assert_int_equal(vigil__state_on_request(s, k, 20000, &lim, &v), VIGIL_OK);
    assert_int_equal(v.auth_failures, 0); /* window rolled */
    uint64_t ids, ev, bytes;
    vigil__state_usage(s, &ids, &ev, &bytes);
    assert_int_equal(ids, 1);
    vigil__state_free(s);
}

static void test_lru_bound(void **state)
{
    (void)state;
    vigil__state *s;
    assert_int_equal(vigil__state_new(&s), VIGIL_OK);
    vigil__state_limits lim = {0, 0, 10000, 64 * 4};
    uint8_t k[VIGIL__ID_DIGEST];
    vigil__state_view v;
    for (unsigned i = 0; i < 10000; i++) {
        key_of(k, i);
        assert_int_equal(vigil__state_on_request(s, k, i, &lim, &v), VIGIL_OK);
    }
    uint64_t ids, ev, bytes;
    vigil__state_usage(s, &ids, &ev, &bytes);
    assert_true(ids <= 64 * 5);
    assert_int_equal(ids + ev, 10000);
    /* the most recent identity is still known, the first was evicted */
    key_of(k, 9999);
    vigil__state_on_response(s, k, 10000, 10000, 401, 0);
    assert_int_equal(vigil__state_on_request(s, k, 10001, &lim, &v), VIGIL_OK);
    assert_int_equal(v.auth_failures, 1);
    assert_int_equal(v.requests, 2);
    key_of(k, 0);
    assert_int_equal(vigil__state_on_request(s, k, 10002, &lim, &v), VIGIL_OK);
    assert_int_equal(v.requests, 1);
    vigil__state_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_token_bucket),
        cmocka_unit_test(test_windows_and_responses),
        cmocka_unit_test(test_lru_bound),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
