/* fuzz_json.c - the body tokenizer, string decoding and location paths. */
#include <stdint.h>

#include "json_tape.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    vigil__arena a;
    vigil__arena_init(&a, (size_t)64 << 20);
    vigil__jlimits lim = {64, 100000};
    vigil__jtape t;
    const char *s = (const char *)data;
    if (vigil__json_parse(s, size, &lim, &a, &t) == 0) {
        char path[128];
        for (uint32_t i = 0; i < t.n; i++) {
            vigil_str v;
            if (t.tok[i].type == VIGIL__J_STRING || t.tok[i].type == VIGIL__J_KEY)
                (void)vigil__json_string(&t, s, i, &a, &v);
            (void)vigil__json_path(&t, s, i, "body", path, sizeof path);
        }
    }
    vigil__arena_free(&a);
    return 0;
}
