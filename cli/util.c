/* util.c - buffers, file reading and error printing for the vigil command. */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"

void *cli_xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) {
        fputs("vigil: out of memory\n", stderr);
        exit(CLI_EXIT_USAGE);
    }
    return p;
}

void *cli_xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) {
        fputs("vigil: out of memory\n", stderr);
        exit(CLI_EXIT_USAGE);
    }
    return q;
}

void cli_buf_reserve(cli_buf *b, size_t extra)
{
    if (b->cap - b->len > extra)
        return;
    size_t cap = b->cap ? b->cap : 256;
    while (cap - b->len <= extra)
        cap *= 2;
    b->ptr = cli_xrealloc(b->ptr, cap);
    b->cap = cap;
}

void cli_buf_put(cli_buf *b, const char *s, size_t n)
{
    cli_buf_reserve(b, n);
    if (n)
        memcpy(b->ptr + b->len, s, n);
    b->len += n;
    b->ptr[b->len] = '\0';
}

void cli_buf_puts(cli_buf *b, const char *s)
{
    cli_buf_put(b, s, strlen(s));
}

void cli_buf_putc(cli_buf *b, char c)
{
    cli_buf_reserve(b, 1);
    b->ptr[b->len++] = c;
    b->ptr[b->len] = '\0';
}

void cli_buf_int(cli_buf *b, long long v)
{
    char tmp[24];
    size_t n = 0;
    /* Work on the magnitude as unsigned so LLONG_MIN does not overflow. */
    unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v
                                 : (unsigned long long)v;
    do {
        tmp[n++] = (char)('0' + (int)(u % 10));
        u /= 10;
    } while (u);
    cli_buf_reserve(b, n + 1);
    if (v < 0)
        b->ptr[b->len++] = '-';
    while (n)
        b->ptr[b->len++] = tmp[--n];
    b->ptr[b->len] = '\0';
}

void cli_buf_json_str(cli_buf *b, const char *s)
{
    static const char hex[] = "0123456789abcdef";
    size_t n = strlen(s);
    /* Worst case every byte becomes \u00XX. */
    cli_buf_reserve(b, n * 6 + 2);
    char *o = b->ptr + b->len;
    *o++ = '"';
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\') {
            *o++ = '\\';
            *o++ = (char)c;
        } else if (c >= 0x20 && c < 0x7f) {
            *o++ = (char)c;
        } else if (c == '\n') {
            *o++ = '\\';
            *o++ = 'n';
        } else if (c == '\t') {
            *o++ = '\\';
            *o++ = 't';
        } else {
            memcpy(o, "\\u00", 4);
            o[4] = hex[c >> 4];
            o[5] = hex[c & 15];
            o += 6;
        }
    }
    *o++ = '"';
    *o = '\0';
    b->len = (size_t)(o - b->ptr);
}

void cli_buf_clear(cli_buf *b)
{
    b->len = 0;
    if (b->ptr)
        b->ptr[0] = '\0';
}

void cli_buf_free(cli_buf *b)
{
    free(b->ptr);
    b->ptr = NULL;
    b->len = b->cap = 0;
}

int cli_read_file(const char *path, char **out, size_t *len, char *why,
                  size_t cap)
{
    int is_stdin = strcmp(path, "-") == 0;
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    if (!f) {
        snprintf(why, cap, "%s", strerror(errno));
        return -1;
    }
    cli_buf b = {NULL, 0, 0};
    cli_buf_reserve(&b, 65536);
    for (;;) {
        size_t n = fread(b.ptr + b.len, 1, b.cap - b.len - 1, f);
        b.len += n;
        if (n == 0)
            break;
        cli_buf_reserve(&b, 65536);
    }
    int bad = ferror(f);
    int saved = errno;
    if (!is_stdin)
        fclose(f);
    if (bad) {
        snprintf(why, cap, "%s", strerror(saved));
        cli_buf_free(&b);
        return -1;
    }
    b.ptr[b.len] = '\0';
    *out = b.ptr;
    *len = b.len;
    return 0;
}

void cli_print_policy_error(const char *name, int code, const vigil_error *err)
{
    const char *msg = err->message[0] ? err->message : vigil_strerror(code);
    if (err->line > 0)
        fprintf(stderr, "%s:%d:%d: ", name, err->line,
                err->column > 0 ? err->column : 1);
    else
        fprintf(stderr, "%s: ", name);
    if (err->path[0])
        fprintf(stderr, "error at %s: %s\n", err->path, msg);
    else
        fprintf(stderr, "error: %s\n", msg);
}

double cli_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}
