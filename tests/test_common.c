/* test_common.c - scratch arena and byte-string helpers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "common.h"
#include "error.h"

static void test_arena_reuses_chunks(void **state)
{
    (void)state;
    vigil__arena a;
    vigil__arena_init(&a, (size_t)1 << 20);
    char *p = vigil__arena_alloc(&a, 10);
    assert_non_null(p);
    assert_int_equal((uintptr_t)p % 8, 0);
    char *big = vigil__arena_alloc(&a, 100000);
    assert_non_null(big);
    memset(big, 1, 100000);
    size_t held = a.total;
    for (int round = 0; round < 100; round++) {
        vigil__arena_reset(&a);
        assert_non_null(vigil__arena_alloc(&a, 10));
        assert_non_null(vigil__arena_alloc(&a, 100000));
        assert_int_equal(a.total, held); /* steady state: no growth */
    }
    vigil__arena_free(&a);
    assert_int_equal(a.total, 0);
}

static void test_arena_limit(void **state)
{
    (void)state;
    vigil__arena a;
    vigil__arena_init(&a, 65536);
    assert_non_null(vigil__arena_alloc(&a, 40000));
    assert_null(vigil__arena_alloc(&a, 40000)); /* would pass the limit */
    assert_non_null(vigil__arena_alloc(&a, 1000));
    assert_null(vigil__arena_strndup(&a, "x", SIZE_MAX));
    char *s = vigil__arena_strndup(&a, "hello", 3);
    assert_string_equal(s, "hel");
    vigil__arena_free(&a);
}

static void test_strings(void **state)
{
    (void)state;
    assert_true(vigil__str_ieq(vigil__str("Content-TYPE", 12), "content-type"));
    assert_false(vigil__str_ieq(vigil__str("Content-Typ", 11), "content-type"));
    assert_true(vigil__str_eq(vigil__str("", 0), ""));
    assert_int_equal(vigil__hexval('F'), 15);
    assert_int_equal(vigil__hexval('g'), -1);
    char out[16];
    assert_int_equal(vigil__safe_excerpt(out, sizeof out, "a\"b\\\n", 5), 14);
    assert_string_equal(out, "a\\x22b\\x5c\\x0a");
    /* truncation keeps room for the ellipsis */
    vigil__safe_excerpt(out, sizeof out, "0123456789abcdefghij", 20);
    assert_string_equal(out, "0123456789ab...");
    vigil__safe_excerpt(out, 1, "abc", 3);
    assert_string_equal(out, "");
}

static void test_error_paths(void **state)
{
    (void)state;
    char buf[32];
    assert_string_equal(vigil__path_key(buf, sizeof buf, "", "routes"), "routes");
    assert_string_equal(vigil__path_key(buf, sizeof buf, "routes[1]", "path"), "routes[1].path");
    assert_string_equal(vigil__path_index(buf, sizeof buf, "ip.deny", 3), "ip.deny[3]");
    vigil_error e = VIGIL_ERROR_INIT;
    assert_int_equal(vigil__error_set(&e, VIGIL_EPOLICY, "a.b", "bad %d", 7), VIGIL_EPOLICY);
    assert_string_equal(e.path, "a.b");
    assert_string_equal(e.message, "bad 7");
    vigil_error old = VIGIL_ERROR_INIT;
    old.version = 0; /* unknown version: left untouched */
    vigil__error_set(&old, VIGIL_EPOLICY, "x", "y");
    assert_int_equal(old.code, 0);
    assert_int_equal(vigil__error_set(NULL, VIGIL_EIO, NULL, "z"), VIGIL_EIO);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_arena_reuses_chunks),
        cmocka_unit_test(test_arena_limit),
        cmocka_unit_test(test_strings),
        cmocka_unit_test(test_error_paths),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
