/* error.c - status names and vigil_error filling. */
#include "error.h"

#include <stdarg.h>
#include <stdio.h>

const char *vigil_strerror(int code)
{
    switch (code) {
    case VIGIL_OK: return "success";
    case VIGIL_EINVAL: return "invalid argument";
    case VIGIL_ENOMEM: return "out of memory";
    case VIGIL_EPOLICY: return "invalid policy";
    case VIGIL_EIO: return "input/output error";
    case VIGIL_ERANGE: return "buffer too small";
    case VIGIL_ESTATE: return "call made in the wrong state";
    case VIGIL_EINTERNAL: return "internal limit reached";
    case VIGIL_EVERSION: return "unknown struct version";
    default: return "unknown error";
    }
}

int vigil__error_set(vigil_error *err, int code, const char *path,
                     const char *fmt, ...)
{
    if (!err || err->version < 1 || err->version > VIGIL_ERROR_VERSION)
        return code;
    err->code = code;
    err->line = 0;
    err->column = 0;
    snprintf(err->path, sizeof err->path, "%s", path ? path : "");
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    return code;
}

char *vigil__path_key(char *buf, size_t cap, const char *parent, const char *key)
{
    if (parent && parent[0])
        snprintf(buf, cap, "%s.%s", parent, key);
    else
        snprintf(buf, cap, "%s", key);
    return buf;
}

char *vigil__path_index(char *buf, size_t cap, const char *parent, size_t index)
{
    snprintf(buf, cap, "%s[%zu]", parent ? parent : "", index);
    return buf;
}
