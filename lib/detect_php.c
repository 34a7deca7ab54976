/* detect_php.c - placeholder while the detector is being written: never fires. */
#include "detect.h"

int vigil__detect_php(const char *s, size_t n, int sensitivity, vigil__finding *f)
{
    (void)s;
    (void)n;
    (void)sensitivity;
    (void)f;
    return 0;
}
