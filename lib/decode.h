/*
 * decode.h - decoders that undo the encodings attackers use to hide
 * payloads. Every decoder only shrinks its input, so `out` needs capacity
 * n; out may equal s (in-place) unless stated otherwise. Pure functions:
 * no allocation, linear time, safe on any bytes.
 */
#ifndef VIGIL_DECODE_H
#define VIGIL_DECODE_H

#include "common.h"

/* Bits of vigil__decode_hints(): which decoders could change the value. */
#define VIGIL__DEC_URL    0x01u /* contains '%' followed by hex or 'u'   */
#define VIGIL__DEC_PLUS   0x02u /* contains '+'                          */
#define VIGIL__DEC_HTML   0x04u /* contains '&' followed by '#' or alpha */
#define VIGIL__DEC_JS     0x08u /* contains '\\'                         */
#define VIGIL__DEC_UTF8   0x10u /* contains bytes >= 0x80 or NUL         */
#define VIGIL__DEC_BASE64 0x20u /* looks like base64 (len >= 16, alphabet only) */
unsigned vigil__decode_hints(const char *s, size_t n);

/* Percent-decoding: %XX; %uXXXX (IIS style) to UTF-8; invalid sequences are
 * kept literally; when plus_as_space, '+' becomes ' '. Returns length. */
size_t vigil__url_decode(const char *s, size_t n, char *out, int plus_as_space);

/* HTML character references: named (&lt; &gt; &amp; &quot; &apos; &colon;
 * &lpar; &rpar; &Tab; &NewLine; &sol; &bsol; &grave; &lsqb; ... a useful
 * subset), decimal &#60; and hex &#x3c; with or without ';' and with
 * leading zeros. Returns length. */
size_t vigil__html_decode(const char *s, size_t n, char *out);

/* JavaScript/JSON/C escapes: \uXXXX (surrogate pairs joined), \u{...},
 * \xHH, \NNN octal, \n \r \t \b \f \v \0 and \<any> -> <any>. Returns
 * length. */
size_t vigil__js_decode(const char *s, size_t n, char *out);

/* Canonicalises UTF-8 tricks: overlong encodings of ASCII (C0 AE -> '.',
 * also the 3- to 6-byte forms), fullwidth forms U+FF01-U+FF5E -> ASCII,
 * the ideographic space U+3000 -> ' ', removes NUL bytes (and overlong
 * NULs); other bytes, valid or invalid, are copied unchanged. Returns
 * length. */
size_t vigil__utf8_fold(const char *s, size_t n, char *out);

/* Base64 (standard or URL alphabet, padding optional). Returns the decoded
 * length when s is entirely base64 of at least 12 characters and the
 * result is printable text (ASCII 0x09-0x0d, 0x20-0x7e), else 0 (out may
 * then hold scratch bytes). out must not alias s. */
size_t vigil__base64_text(const char *s, size_t n, char *out);

#endif
