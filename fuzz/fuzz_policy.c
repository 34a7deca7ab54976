/* fuzz_policy.c - policy compilation: any text is accepted or rejected
 * with an error, never a crash or a leak. */
#include <stdint.h>

#include "vigil.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    vigil_error err = VIGIL_ERROR_INIT;
    int rc = vigil_policy_check((const char *)data, size, &err);
    if (rc != VIGIL_OK && (rc != err.code || err.message[0] == '\0'))
        __builtin_trap(); /* every rejection must say why */
    return 0;
}
