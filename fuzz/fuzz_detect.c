/*
 * fuzz_detect.c - one libFuzzer target per detector/tokenizer: built once
 * per DETECT_FN (see the Makefile's fuzz rules), at every sensitivity.
 */
#include <stdint.h>

#include "detect.h"

#ifndef DETECT_FN
#error "define DETECT_FN, e.g. -DDETECT_FN=vigil__detect_sqli"
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    vigil__finding f;
    for (int s = 1; s <= 3; s++)
        if (DETECT_FN((const char *)data, size, s, &f) && (f.off > size || f.len > size - f.off))
            __builtin_trap(); /* evidence span must lie inside the input */
    return 0;
}
