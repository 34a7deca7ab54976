/*
 * textclass.h - byte classes and small text tests shared by the detectors,
 * so that each detector file keeps only what is particular to its language.
 * All inline, all pure; ASCII semantics (bytes >= 0x80 are in no class).
 */
#ifndef VIGIL_TEXTCLASS_H
#define VIGIL_TEXTCLASS_H

#include "detect.h"

static inline int vigil__is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

static inline int vigil__is_alpha(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static inline int vigil__is_alnum(unsigned char c)
{
    return vigil__is_alpha(c) || vigil__is_digit(c);
}

static inline int vigil__is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

/* Case-insensitive: does s[i..n) start with lit (written in lower case)? */
static inline int vigil__at_ci(const char *s, size_t n, size_t i, const char *lit)
{
    for (size_t k = 0; lit[k]; k++, i++)
        if (i >= n || vigil__lower((unsigned char)s[i]) != (unsigned char)lit[k])
            return 0;
    return 1;
}

/* OR of table[b] over every byte b of s: which trigger classes a value
 * contains, in one pass (four accumulators keep the loop short of
 * dependency stalls; this pass is most of the cost of a benign value). */
static inline unsigned vigil__class_or(const uint16_t table[256], const unsigned char *s,
                                       size_t n)
{
    unsigned m0 = 0, m1 = 0, m2 = 0, m3 = 0;
    size_t i = 0;
    for (; i + 4 <= n; i += 4) {
        m0 |= table[s[i]];
        m1 |= table[s[i + 1]];
        m2 |= table[s[i + 2]];
        m3 |= table[s[i + 3]];
    }
    for (; i < n; i++)
        m0 |= table[s[i]];
    return m0 | m1 | m2 | m3;
}

/* Fills a finding (f may be NULL) and returns 1, for `return vigil__fire(...)`. */
static inline int vigil__fire(vigil__finding *f, const char *detail, int score, size_t off,
                              size_t len)
{
    if (f) {
        f->detail = detail;
        f->score = score;
        f->off = off;
        f->len = len;
    }
    return 1;
}

/* "The function system() is thread safe", "calling os.fork() from a
 * thread": an empty call [a, e) mentioned inside a sentence, with a word
 * next to it on either side (quotes, brackets and backticks around it are
 * skipped). Code-injection detectors use it to tell prose from payloads. */
int vigil__prose_mention(const unsigned char *s, size_t n, size_t a, size_t e);

#endif
