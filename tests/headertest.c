/* Compiled by `make headertest` as C99 -pedantic and as C++11: vigil.h must
 * stand alone and use nothing outside the standard. */
#include <vigil.h>

int vigil_headertest_dummy(void);
int vigil_headertest_dummy(void)
{
    vigil_request req = VIGIL_REQUEST_INIT;
    vigil_response res = VIGIL_RESPONSE_INIT;
    vigil_options opts = VIGIL_OPTIONS_INIT;
    vigil_error err = VIGIL_ERROR_INIT;
    vigil_stats stats = VIGIL_STATS_INIT;
    (void)req; (void)res; (void)opts; (void)err; (void)stats;
    return VIGIL_VERSION_NUMBER > 0 ? VIGIL_OK : VIGIL_EINVAL;
}
