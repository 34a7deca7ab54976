/*
 * cli.h - pieces shared by the files of the `vigil` command. The command
 * uses only the public API (vigil.h) plus cJSON to read its inputs.
 */
#ifndef VIGIL_CLI_H
#define VIGIL_CLI_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cjson/cJSON.h>

#include "vigil.h"

/* Exit statuses: 0 success, 1 a checked policy is invalid, 2 usage, I/O or
 * load errors that stop the command. */
#define CLI_EXIT_OK    0
#define CLI_EXIT_FAIL  1
#define CLI_EXIT_USAGE 2

/* ------------------------------------------------------------- utilities */

/* A growable byte buffer; memory is kept across cli_buf_clear so a loop
 * that reuses one stops allocating once it has seen its largest item.
 * Allocation failure is fatal (the command prints and exits 2). */
typedef struct cli_buf {
    char  *ptr;
    size_t len;
    size_t cap;
} cli_buf;

void cli_buf_reserve(cli_buf *b, size_t extra);
void cli_buf_put(cli_buf *b, const char *s, size_t n);
void cli_buf_puts(cli_buf *b, const char *s);
void cli_buf_putc(cli_buf *b, char c);
/* Appends a signed decimal. */
void cli_buf_int(cli_buf *b, long long v);
/* Appends s (NUL-terminated) as a quoted, escaped JSON string. Bytes
 * outside printable ASCII become \u00XX so the output is always valid. */
void cli_buf_json_str(cli_buf *b, const char *s);
void cli_buf_clear(cli_buf *b);
void cli_buf_free(cli_buf *b);

/* malloc/realloc that print and exit(2) on failure: the CLI has nothing
 * useful to do without memory. */
void *cli_xmalloc(size_t n);
void *cli_xrealloc(void *p, size_t n);

/* Reads a whole file ("-" = stdin) into a NUL-terminated malloc'd buffer.
 * Returns 0, or -1 with errno-style text in why (cap bytes). */
int cli_read_file(const char *path, char **out, size_t *len, char *why,
                  size_t cap);

/* Prints a vigil_error for the policy named `name` in gcc style:
 * "NAME:LINE:COL: error at PATH: MESSAGE". */
void cli_print_policy_error(const char *name, int code, const vigil_error *err);

/* Seconds of a monotonic clock, for timing. */
double cli_now(void);

/* -------------------------------------------------------------- exchange */

/* One exchange (request + optional response) read from the input, as the
 * views the engine takes. Pointers refer into the cJSON tree the exchange
 * was read from and into the buffers below; the buffers are reused. */
typedef struct cli_exchange {
    vigil_request  req;
    vigil_response res;
    int            has_response;
    int            has_ts;         /* req.timestamp_ms came from the input */

    vigil_header  *req_hdrs;       /* reused arrays behind req/res.headers */
    size_t         req_hdr_cap;
    vigil_header  *res_hdrs;
    size_t         res_hdr_cap;
    cli_buf        req_body;       /* decoded base64 bodies */
    cli_buf        res_body;
    const char    *label;          /* optional "_actor" ground-truth label */
} cli_exchange;

void cli_exchange_free(cli_exchange *x);

/* Fills x from one exchange object of the JSON-lines format. Returns 0, or
 * -1 with a message in why. The previous timestamp is kept when the object
 * has no "ts". */
int cli_exchange_from_json(cli_exchange *x, const cJSON *obj, char *why,
                           size_t cap);

/* Fills x from one HAR 1.2 entries[] element. Returns 0 or -1 + why. */
int cli_exchange_from_har(cli_exchange *x, const cJSON *entry, char *why,
                          size_t cap);

/* Parses an RFC 3339 / ISO 8601 date-time ("2026-11-23T10:00:00.123Z",
 * "...+01:00") into ms since the epoch. Returns 0 or -1. */
int cli_parse_rfc3339(const char *s, int64_t *ms);

/* Decodes standard or URL-safe base64 (padding optional, whitespace
 * skipped) into out. Returns 0 or -1 on a bad character. */
int cli_base64_decode(const char *s, size_t n, cli_buf *out);

/* ---------------------------------------------------------------- summary */

typedef struct cli_summary cli_summary;

cli_summary *cli_summary_new(void);
void cli_summary_free(cli_summary *s);
/* Counts one evaluated exchange. resp_status is the recorded response
 * status or 0; label the input's "_actor" ground truth or NULL. */
void cli_summary_add(cli_summary *s, const vigil_decision *d, int resp_status,
                     const char *label);
void cli_summary_malformed(cli_summary *s);
/* Writes the readable summary. monitor_report adds what enforcement would
 * have done and which would-be blocks the application answered with 2xx. */
void cli_summary_print(const cli_summary *s, FILE *out, double seconds,
                       int monitor_report);

/* ------------------------------------------------------------- commands */

int cli_cmd_check(int argc, char **argv);
int cli_cmd_replay(int argc, char **argv);

#endif /* VIGIL_CLI_H */
