/* test_policy.c - policy compilation into the internal form. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "policy.h"
#include "rules.h"

static vigil__policy *compile(const char *json)
{
    vigil__policy *p = NULL;
    vigil_error err = VIGIL_ERROR_INIT;
    if (vigil__policy_compile(json, strlen(json), &p, &err) != VIGIL_OK)
        fail_msg("rejected at %s: %s", err.path, err.message);
    return p;
}

static void test_defaults(void **state)
{
    (void)state;
    vigil__policy *p = compile("{\"vigil_policy\": 1}");
    assert_false(p->monitor);
    assert_false(p->fail_closed);
    assert_int_equal(p->flag_threshold, 30);
    assert_int_equal(p->block_threshold, 70);
    assert_int_equal(p->limits.max_body_bytes, 1048576);
    assert_int_equal(p->n_id_sources, 1);
    assert_int_equal(p->id_sources[0].type, VIGIL__ID_IP);
    assert_true(p->rate_per_ms == 0);
    for (int i = 0; i < VIGIL__A_COUNT; i++) {
        assert_true(p->detectors[i].enabled);
        assert_int_equal(p->detectors[i].sensitivity, 2);
        assert_int_equal(p->detectors[i].action, VIGIL_BLOCK);
    }
    vigil__policy_free(p);
}

static void test_embedded_default_compiles(void **state)
{
    (void)state;
    vigil__policy *p = compile(vigil__default_policy_json);
    assert_int_equal(p->n_id_sources, 5);
    assert_int_equal(p->id_sources[0].type, VIGIL__ID_HEADER);
    assert_string_equal(p->id_sources[0].name, "X-API-Key");
    assert_true(p->rate_per_ms > 0);
    vigil__policy_free(p);
}

static void test_overrides_longest_prefix(void **state)
{
    (void)state;
    vigil__policy *p = compile("{\"vigil_policy\": 1, \"actions\": {\"schema\": \"flag\","
                               " \"schema.required\": \"block\", \"attack\": \"off\","
                               " \"attack.sqli\": \"throttle\"}}");
    assert_int_equal(vigil__policy_rule_action(p, "schema.type", VIGIL_BLOCK), VIGIL_FLAG);
    assert_int_equal(vigil__policy_rule_action(p, "schema.required", VIGIL_FLAG), VIGIL_BLOCK);
    assert_int_equal(vigil__policy_rule_action(p, "attack.xss", VIGIL_BLOCK), VIGIL__ACTION_OFF);
    assert_int_equal(vigil__policy_rule_action(p, "attack.sqli", VIGIL_BLOCK), VIGIL_THROTTLE);
    /* a prefix only matches at a '.' boundary */
    assert_int_equal(vigil__policy_rule_action(p, "schemata", VIGIL_ALLOW), VIGIL_ALLOW);
    assert_int_equal(vigil__policy_rule_action(p, "limits.body_size", VIGIL_BLOCK), VIGIL_BLOCK);
    vigil__policy_free(p);
}

static void test_detectors_and_exclusions(void **state)
{
    (void)state;
    vigil__policy *p = compile(
        "{\"vigil_policy\": 1, \"detectors\": {\"sensitivity\": 3, \"xss\": \"flag\", \"ssrf\": \"off\","
        " \"sqli\": {\"sensitivity\": 1, \"action\": \"flag\"}, \"xxe\": false,"
        " \"exclusions\": [{\"detector\": \"sqli\", \"route\": \"/search\", \"where\": \"query.q\"},"
        " {\"detector\": \"*\", \"where\": \"body.notes*\"}]}}");
    assert_int_equal(p->detectors[VIGIL__A_XSS].action, VIGIL_FLAG);
    assert_int_equal(p->detectors[VIGIL__A_XSS].sensitivity, 3);
    assert_false(p->detectors[VIGIL__A_SSRF].enabled);
    assert_false(p->detectors[VIGIL__A_XXE].enabled);
    assert_int_equal(p->detectors[VIGIL__A_SQLI].sensitivity, 1);
    assert_int_equal(p->detectors[VIGIL__A_SQLI].action, VIGIL_FLAG);
    assert_int_equal(p->n_exclusions, 2);
    assert_int_equal(p->exclusions[0].attack, VIGIL__A_SQLI);
    assert_string_equal(p->exclusions[0].route, "/search");
    assert_int_equal(p->exclusions[1].attack, -1);
    assert_null(p->exclusions[1].route);
    vigil__policy_free(p);
}

static void test_identity_and_rate(void **state)
{
    (void)state;
    vigil__policy *p = compile(
        "{\"vigil_policy\": 1, \"identity\": {\"sources\": [{\"type\": \"cookie\", \"name\": \"sid\"},"
        " {\"type\": \"ip\", \"ipv4_prefix\": 24, \"ipv6_prefix\": 48}]},"
        " \"rate_limit\": {\"requests_per_second\": 5}}");
    assert_int_equal(p->n_id_sources, 2);
    assert_int_equal(p->id_sources[0].type, VIGIL__ID_COOKIE);
    assert_int_equal(p->id_sources[1].v4_prefix, 24);
    assert_int_equal(p->id_sources[1].v6_prefix, 48);
    assert_true(p->rate_per_ms > 0.0049 && p->rate_per_ms < 0.0051);
    assert_true(p->rate_burst == 5.0);
    vigil__policy_free(p);
}

static void test_rule_catalogue(void **state)
{
    (void)state;
    assert_non_null(vigil__rule_find("limits.body_size"));
    assert_null(vigil__rule_find("limits"));
    assert_true(vigil__rule_known("limits"));
    assert_true(vigil__rule_known("attack.sqli"));
    assert_true(vigil__rule_known("attack"));
    assert_false(vigil__rule_known("attack.sql"));
    assert_int_equal(vigil__attack_from_name("path_traversal"), VIGIL__A_PATH);
    assert_int_equal(vigil__attack_from_name("nope"), -1);
    assert_string_equal(vigil__attack_rule_id(VIGIL__A_REDIRECT), "attack.open_redirect");
    for (int i = 0; i < VIGIL__A_COUNT; i++)
        assert_true(vigil__rule_known(vigil__attack_rule_id(i)));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults),
        cmocka_unit_test(test_embedded_default_compiles),
        cmocka_unit_test(test_overrides_longest_prefix),
        cmocka_unit_test(test_detectors_and_exclusions),
        cmocka_unit_test(test_identity_and_rate),
        cmocka_unit_test(test_rule_catalogue),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
