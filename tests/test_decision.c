/* test_decision.c - reasons, score combination, thresholds, ordering. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "engine.h"

static vigil__policy *compile(const char *json)
{
    vigil__policy *p = NULL;
    assert_int_equal(vigil__policy_compile(json, strlen(json), &p, NULL), VIGIL_OK);
    return p;
}

static void test_scores_combine_as_evidence(void **state)
{
    (void)state;
    vigil__policy *p = compile("{\"vigil_policy\": 1, \"thresholds\": {\"flag\": 30, \"block\": 70}}");
    vigil_decision *d;
    assert_int_equal(vigil_decision_new(&d), VIGIL_OK);
    /* two 20-point allow-level signals: 1 - 0.8^2 = 36 -> flag by threshold */
    vigil__decision_add(d, p, "custom.a", "test", 20, VIGIL_ALLOW + 0, "x", "a");
    assert_int_equal(d->n_reasons, 1);
    vigil__decision_reset(d);
    vigil__decision_add(d, p, "route.unknown", NULL, 20, VIGIL_FLAG, "path", "a");
    vigil__decision_add(d, p, "route.method", NULL, 20, VIGIL_FLAG, "path", "b");
    vigil__decision_finish(d, p);
    assert_int_equal(vigil_decision_score(d), 36);
    assert_int_equal(vigil_decision_action(d), VIGIL_FLAG);
    /* 60 + 60 = 84: block by threshold even though each asks only flag */
    vigil__decision_reset(d);
    vigil__decision_add(d, p, "route.unknown", NULL, 60, VIGIL_FLAG, "", "");
    vigil__decision_add(d, p, "route.method", NULL, 60, VIGIL_FLAG, "", "");
    vigil__decision_finish(d, p);
    assert_int_equal(vigil_decision_score(d), 84);
    assert_int_equal(vigil_decision_action(d), VIGIL_BLOCK);
    assert_int_equal(vigil_decision_status(d), 403);
    /* defaults from the catalogue */
    vigil__decision_reset(d);
    vigil__decision_add(d, p, "rate.limit", NULL, -1, -1, "", "x");
    d->retry_after = 7;
    vigil__decision_finish(d, p);
    assert_int_equal(vigil_decision_action(d), VIGIL_THROTTLE);
    assert_int_equal(vigil_decision_status(d), 429);
    assert_int_equal(vigil_decision_retry_after(d), 7);
    assert_string_equal(vigil_decision_reason(d, 0)->category, "rate");
    vigil_decision_free(d);
    vigil__policy_free(p);
}

static void test_overrides_apply(void **state)
{
    (void)state;
    vigil__policy *p = compile("{\"vigil_policy\": 1, \"actions\": {\"schema\": \"allow\", \"limits\": \"off\"}}");
    vigil_decision *d;
    assert_int_equal(vigil_decision_new(&d), VIGIL_OK);
    assert_int_equal(vigil__decision_add(d, p, "limits.body_size", NULL, -1, -1, "body", ""), 0);
    assert_int_equal(vigil__decision_add(d, p, "schema.type", NULL, -1, -1, "body", ""), 1);
    vigil__decision_finish(d, p);
    assert_int_equal(vigil_decision_reason_count(d), 1);
    assert_int_equal(vigil_decision_score(d), 0); /* allow keeps the reason, scores nothing */
    assert_int_equal(vigil_decision_action(d), VIGIL_ALLOW);
    vigil_decision_free(d);
    vigil__policy_free(p);
}

static void test_strongest_reasons_kept_in_order(void **state)
{
    (void)state;
    vigil__policy *p = compile("{\"vigil_policy\": 1}");
    vigil_decision *d;
    assert_int_equal(vigil_decision_new(&d), VIGIL_OK);
    for (int i = 0; i < 40; i++)
        vigil__decision_add(d, p, "schema.type", NULL, i, VIGIL_FLAG, "w", "\x01\xff detail");
    vigil__decision_add(d, p, "ip.deny", NULL, -1, -1, "client_ip", "");
    vigil__decision_finish(d, p);
    assert_int_equal(vigil_decision_reason_count(d), VIGIL_MAX_REASONS);
    assert_string_equal(vigil_decision_reason(d, 0)->rule_id, "ip.deny");
    int prev = 101;
    for (size_t i = 1; i < VIGIL_MAX_REASONS; i++) {
        const vigil_reason *r = vigil_decision_reason(d, i);
        assert_true(r->score <= prev);
        assert_true(r->score >= 40 - VIGIL_MAX_REASONS);
        prev = r->score;
        assert_string_equal(r->detail, "?? detail"); /* made printable */
    }
    assert_int_equal(vigil_decision_score(d), 100);
    vigil_decision_free(d);
    vigil__policy_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_scores_combine_as_evidence),
        cmocka_unit_test(test_overrides_apply),
        cmocka_unit_test(test_strongest_reasons_kept_in_order),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
