/*
 * detect_level.h - the test helper every detector suite shares: the lowest
 * sensitivity at which a value fires, checking that each finding is well
 * formed. Define DETECT_UNDER_TEST (e.g. vigil__detect_cmd) before
 * including it; include it after <cmocka.h> and "detect.h".
 */
#ifndef DETECT_UNDER_TEST
#error "define DETECT_UNDER_TEST before including detect_level.h"
#endif

/* Lowest sensitivity (1-3) at which s fires, 0 when it never does. */
static int level(const char *s, size_t n)
{
    vigil__finding f;
    for (int sens = 1; sens <= 3; sens++) {
        memset(&f, 0, sizeof f);
        if (DETECT_UNDER_TEST(s, n, sens, &f)) {
            assert_non_null(f.detail);
            assert_true(f.score >= 1 && f.score <= 100);
            assert_true(f.off <= n && f.len <= n - f.off);
            return sens;
        }
    }
    return 0;
}
