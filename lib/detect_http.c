/* detect_http.c - placeholder while the detector is being written: never fires. */
#include "detect.h"

int vigil__detect_http(const vigil_request *r, int sensitivity, vigil__finding *f,
                       const char **where)
{
    (void)r;
    (void)sensitivity;
    (void)f;
    (void)where;
    return 0;
}
