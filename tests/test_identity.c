/* test_identity.c - identity sources, their order, and pseudonymisation. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "identity.h"

static const uint8_t secret[32] = "identity-test-key-0123456789abcd";

static vigil_str S(const char *s)
{
    return vigil__str(s, strlen(s));
}

static vigil__policy *compile(const char *json)
{
    vigil__policy *p = NULL;
    assert_int_equal(vigil__policy_compile(json, strlen(json), &p, NULL), VIGIL_OK);
    return p;
}

static vigil__identity resolve(const vigil__policy *p, const vigil_header *h, size_t n,
                               const char *ip)
{
    vigil__identity id;
    vigil__identity_keys keys;
    vigil__identity_keys_init(&keys, secret);
    vigil__ip addr;
    int ok = ip ? vigil__ip_parse(S(ip), &addr) : 0;
    vigil__identity_resolve(p, h, n, &addr, ok, &keys, &id);
    return id;
}

static void test_first_present_source_wins(void **state)
{
    (void)state;
    vigil__policy *p = compile("{\"vigil_policy\": 1, \"identity\": {\"sources\": ["
                               "{\"type\": \"header\", \"name\": \"X-API-Key\"}, {\"type\": \"bearer\"},"
                               "{\"type\": \"cookie\", \"name\": \"sid\"}, {\"type\": \"ip\"}]}}");
    vigil_header h[3] = {{S("Cookie"), S("a=1; sid=abc")},
                         {S("authorization"), S("Bearer  tok123 ")},
                         {S("x-api-key"), S(" key-1 ")}};
    vigil__identity id = resolve(p, h, 3, "203.0.113.5");
    assert_int_equal(strncmp(id.text, "key:", 4), 0);
    assert_true(id.credential);
    id = resolve(p, h, 2, "203.0.113.5");
    assert_int_equal(strncmp(id.text, "bearer:", 7), 0);
    id = resolve(p, h, 1, "203.0.113.5");
    assert_int_equal(strncmp(id.text, "cookie:", 7), 0);
    id = resolve(p, NULL, 0, "203.0.113.5");
    assert_int_equal(strncmp(id.text, "ip:", 3), 0);
    assert_false(id.credential);
    /* surrounding spaces are not part of the credential */
    vigil_header k1 = {S("X-API-Key"), S("key-1")}, k2 = {S("X-API-Key"), S(" key-1 ")};
    assert_string_equal(resolve(p, &k1, 1, NULL).text, resolve(p, &k2, 1, NULL).text);
    /* an empty header falls through to the next source */
    vigil_header empty = {S("X-API-Key"), S("  ")};
    assert_int_equal(strncmp(resolve(p, &empty, 1, "203.0.113.5").text, "ip:", 3), 0);
    vigil__policy_free(p);
}

static void test_basic_identifies_the_user(void **state)
{
    (void)state;
    vigil__policy *p = compile("{\"vigil_policy\": 1, \"identity\": {\"sources\": [{\"type\": \"basic\"}]}}");
    /* alice:secret and alice:other are one identity, bob:secret another */
    vigil_header a1 = {S("Authorization"), S("Basic YWxpY2U6c2VjcmV0")};
    vigil_header a2 = {S("Authorization"), S("Basic YWxpY2U6b3RoZXI=")};
    vigil_header b1 = {S("Authorization"), S("Basic Ym9iOnNlY3JldA==")};
    vigil__identity x = resolve(p, &a1, 1, NULL), y = resolve(p, &a2, 1, NULL),
                    z = resolve(p, &b1, 1, NULL);
    assert_string_equal(x.text, y.text);
    assert_string_not_equal(x.text, z.text);
    vigil_header junk = {S("Authorization"), S("Basic !!!notbase64")};
    assert_int_equal(strncmp(resolve(p, &junk, 1, NULL).text, "ip:", 3), 0);
    vigil__policy_free(p);
}

static void test_ipv6_aggregates_to_prefix(void **state)
{
    (void)state;
    vigil__policy *p = compile("{\"vigil_policy\": 1}");
    vigil__identity a = resolve(p, NULL, 0, "2001:db8:1:2::1");
    vigil__identity b = resolve(p, NULL, 0, "2001:db8:1:2:ffff::9");
    vigil__identity c = resolve(p, NULL, 0, "2001:db8:1:3::1");
    assert_string_equal(a.text, b.text); /* same /64 */
    assert_string_not_equal(a.text, c.text);
    vigil__identity v4a = resolve(p, NULL, 0, "198.51.100.1");
    vigil__identity v4b = resolve(p, NULL, 0, "198.51.100.2");
    assert_string_not_equal(v4a.text, v4b.text); /* /32 */
    vigil__policy_free(p);
}

static void test_kinds_are_separated(void **state)
{
    (void)state;
    vigil__policy *hp = compile("{\"vigil_policy\": 1, \"identity\": {\"sources\": [{\"type\": \"header\", \"name\": \"X-T\"}]}}");
    vigil__policy *bp = compile("{\"vigil_policy\": 1, \"identity\": {\"sources\": [{\"type\": \"bearer\"}]}}");
    vigil_header h = {S("X-T"), S("same")}, b = {S("Authorization"), S("Bearer same")};
    vigil__identity x = resolve(hp, &h, 1, NULL), y = resolve(bp, &b, 1, NULL);
    assert_memory_not_equal(x.digest, y.digest, VIGIL__ID_DIGEST);
    vigil__policy_free(hp);
    vigil__policy_free(bp);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_first_present_source_wins),
        cmocka_unit_test(test_basic_identifies_the_user),
        cmocka_unit_test(test_ipv6_aggregates_to_prefix),
        cmocka_unit_test(test_kinds_are_separated),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
