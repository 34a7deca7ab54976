/* textclass.c - shared text tests for the detectors (see textclass.h). */
#include "textclass.h"

static int quoting(unsigned char c)
{
    return c == '`' || c == '\'' || c == '"' || c == '*' || c == '[' || c == ']';
}

int vigil__prose_mention(const unsigned char *s, size_t n, size_t a, size_t e)
{
    size_t k = a;
    while (k > 0 && quoting(s[k - 1]))
        k--;
    if (k > 1 && vigil__is_space(s[k - 1])) {
        while (k > 0 && vigil__is_space(s[k - 1]))
            k--;
        if (k > 0 && (vigil__is_alnum(s[k - 1]) || s[k - 1] == ',' || s[k - 1] == ':'))
            return 1;
    }
    k = e;
    while (k < n && quoting(s[k]))
        k++;
    if (k < n && (s[k] == ',' || s[k] == '.' || s[k] == ':' || s[k] == '/'))
        k++;
    if (k + 1 < n && vigil__is_space(s[k])) {
        while (k < n && vigil__is_space(s[k]))
            k++;
        return k < n && vigil__is_alnum(s[k]);
    }
    return 0;
}
