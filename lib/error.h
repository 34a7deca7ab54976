/* error.h - filling a caller's vigil_error (see vigil.h). */
#ifndef VIGIL_ERROR_H
#define VIGIL_ERROR_H

#include "common.h"

/* Sets err (if not NULL and of a known version): code, JSON path (may be
 * NULL) and a printf-style message. Line and column are left at 0; the
 * policy loader fills them from the path. Returns code, so callers can
 * write `return vigil__error_set(err, VIGIL_EPOLICY, path, "...")`. */
int vigil__error_set(vigil_error *err, int code, const char *path,
                     const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

/* Builds a child JSON path: "<parent>.<key>" (or "<key>" when parent is
 * empty) into buf, truncating safely. Returns buf. */
char *vigil__path_key(char *buf, size_t cap, const char *parent, const char *key);
/* Builds "<parent>[<index>]" into buf. Returns buf. */
char *vigil__path_index(char *buf, size_t cap, const char *parent, size_t index);

#endif
