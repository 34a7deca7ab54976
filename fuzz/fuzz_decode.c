/* fuzz_decode.c - every decoder, checking they only ever shrink. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "decode.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    char *out = malloc(size + 1);
    if (!out)
        return 0;
    (void)vigil__decode_hints(s, size);
    if (vigil__url_decode(s, size, out, 1) > size || vigil__html_decode(s, size, out) > size ||
        vigil__js_decode(s, size, out) > size || vigil__utf8_fold(s, size, out) > size ||
        vigil__base64_text(s, size, out) > size)
        __builtin_trap();
    /* in place as well */
    memcpy(out, s, size);
    (void)vigil__url_decode(out, size, out, 0);
    free(out);
    return 0;
}
