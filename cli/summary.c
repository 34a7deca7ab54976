/*
 * summary.c - the readable end-of-replay report: decisions by action,
 * requests by rule id, and the identities that drew the most non-allow
 * decisions with the rule they hit most.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define TOP_RULES 10
#define TOP_IDENTITIES 5
#define ID_RULE_SLOTS 8 /* distinct rules remembered per identity */

typedef struct rule_stat {
    char    *name;
    uint64_t requests;     /* decisions that carried this rule           */
    uint64_t stopped_2xx;  /* would-be throttle/block answered 2xx, where
                              this rule was the strongest reason         */
} rule_stat;

typedef struct id_stat {
    char    *name;
    uint64_t total;
    uint64_t bad;          /* flag + throttle + block                    */
    uint32_t rule[ID_RULE_SLOTS];
    uint32_t rule_n[ID_RULE_SLOTS];
    unsigned nrules;
} id_stat;

typedef struct label_stat {
    char    *name;
    uint64_t by_action[4];
} label_stat;

/* Open-addressing map from a string to an index into a stats array. */
typedef struct strmap {
    uint32_t *slot;        /* index + 1, 0 = empty                       */
    size_t    cap;         /* power of two                               */
    size_t    used;
} strmap;

struct cli_summary {
    uint64_t  evaluated;
    uint64_t  malformed;
    uint64_t  by_action[4];
    uint64_t  unenforced;
    uint64_t  stopped_2xx;
    rule_stat *rules;
    size_t     nrules, rules_cap;
    strmap     rule_map;
    id_stat   *ids;
    size_t     nids, ids_cap;
    strmap     id_map;
    label_stat *labels;
    size_t     nlabels, labels_cap;
    strmap     label_map;
};

static uint64_t fnv1a(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ULL;
    }
    return h;
}

static char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = cli_xmalloc(n);
    memcpy(p, s, n);
    return p;
}

/* Finds `key`; names(i) gives the key of entry i. Returns the slot
 * position holding it or the empty slot where it would go. */
static size_t map_find(const strmap *m, const char *key, uint64_t h,
                       const void *base, size_t stride)
{
    size_t mask = m->cap - 1, pos = (size_t)h & mask;
    for (;;) {
        uint32_t v = m->slot[pos];
        if (v == 0)
            return pos;
        const char *name =
            *(char *const *)(const void *)((const char *)base + (size_t)(v - 1) * stride);
        if (strcmp(name, key) == 0)
            return pos;
        pos = (pos + 1) & mask;
    }
}

static void map_grow(strmap *m, const void *base, size_t stride)
{
    size_t ncap = m->cap ? m->cap * 2 : 64;
    strmap n = {cli_xmalloc(ncap * sizeof(uint32_t)), ncap, m->used};
    memset(n.slot, 0, ncap * sizeof(uint32_t));
    for (size_t i = 0; i < m->cap; i++) {
        uint32_t v = m->slot[i];
        if (!v)
            continue;
        const char *name =
            *(char *const *)(const void *)((const char *)base + (size_t)(v - 1) * stride);
        n.slot[map_find(&n, name, fnv1a(name), base, stride)] = v;
    }
    free(m->slot);
    *m = n;
}

/* Index of `key` in the stats array, appending a zeroed entry (with its own
 * copy of the key) when new. */
static size_t intern(strmap *m, void **arr, size_t *n, size_t *cap,
                     size_t stride, const char *key)
{
    if ((m->used + 1) * 10 >= m->cap * 7)
        map_grow(m, *arr, stride);
    uint64_t h = fnv1a(key);
    size_t pos = map_find(m, key, h, *arr, stride);
    if (m->slot[pos])
        return m->slot[pos] - 1;
    if (*n == *cap) {
        *cap = *cap ? *cap * 2 : 64;
        *arr = cli_xrealloc(*arr, *cap * stride);
    }
    char *e = (char *)*arr + *n * stride;
    memset(e, 0, stride);
    char *copy = xstrdup(key);
    memcpy(e, &copy, sizeof copy); /* the name is each struct's first member */
    m->slot[pos] = (uint32_t)(*n + 1);
    m->used++;
    return (*n)++;
}

cli_summary *cli_summary_new(void)
{
    cli_summary *s = cli_xmalloc(sizeof *s);
    memset(s, 0, sizeof *s);
    return s;
}

void cli_summary_free(cli_summary *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->nrules; i++)
        free(s->rules[i].name);
    for (size_t i = 0; i < s->nids; i++)
        free(s->ids[i].name);
    for (size_t i = 0; i < s->nlabels; i++)
        free(s->labels[i].name);
    free(s->rules);
    free(s->ids);
    free(s->labels);
    free(s->rule_map.slot);
    free(s->id_map.slot);
    free(s->label_map.slot);
    free(s);
}

void cli_summary_malformed(cli_summary *s)
{
    s->malformed++;
}

static size_t rule_index(cli_summary *s, const char *id)
{
    void *arr = s->rules;
    size_t i = intern(&s->rule_map, &arr, &s->nrules, &s->rules_cap,
                      sizeof(rule_stat), id);
    s->rules = arr;
    return i;
}

void cli_summary_add(cli_summary *s, const vigil_decision *d, int resp_status,
                     const char *label)
{
    vigil_action a = vigil_decision_action(d);
    s->evaluated++;
    if ((unsigned)a > VIGIL_BLOCK)
        a = VIGIL_BLOCK; /* not expected; count it as the most severe */
    s->by_action[a]++;
    if (label) {
        void *arr = s->labels;
        size_t li = intern(&s->label_map, &arr, &s->nlabels, &s->labels_cap,
                           sizeof(label_stat), label);
        s->labels = arr;
        s->labels[li].by_action[a]++;
    }
    if (!vigil_decision_enforced(d))
        s->unenforced++;

    size_t nr = vigil_decision_reason_count(d);
    uint32_t idx[VIGIL_MAX_REASONS];
    size_t nidx = 0;
    for (size_t i = 0; i < nr && nidx < VIGIL_MAX_REASONS; i++) {
        const vigil_reason *r = vigil_decision_reason(d, i);
        if (!r || !r->rule_id)
            continue;
        uint32_t k = (uint32_t)rule_index(s, r->rule_id);
        int seen = 0;
        for (size_t j = 0; j < nidx; j++)
            seen |= idx[j] == k;
        if (!seen) {
            idx[nidx++] = k;
            s->rules[k].requests++;
        }
    }
    if ((a == VIGIL_THROTTLE || a == VIGIL_BLOCK) && resp_status >= 200 &&
        resp_status < 300) {
        s->stopped_2xx++;
        if (nidx)
            s->rules[idx[0]].stopped_2xx++;
    }

    const char *who = vigil_decision_identity(d);
    if (!who || !who[0])
        who = "(none)";
    void *arr = s->ids;
    size_t i = intern(&s->id_map, &arr, &s->nids, &s->ids_cap, sizeof(id_stat),
                      who);
    s->ids = arr;
    id_stat *e = &s->ids[i];
    e->total++;
    if (a == VIGIL_ALLOW)
        return;
    e->bad++;
    for (size_t j = 0; j < nidx; j++) {
        unsigned k;
        for (k = 0; k < e->nrules && e->rule[k] != idx[j]; k++)
            ;
        if (k == e->nrules) {
            if (e->nrules == ID_RULE_SLOTS)
                continue; /* an identity hitting 9+ rules: keep the first 8 */
            e->rule[k] = idx[j];
            e->rule_n[k] = 0;
            e->nrules++;
        }
        e->rule_n[k]++;
    }
}

/* Indices of the k largest values by key(), largest first, ties by index. */
static size_t top_k(size_t n, size_t k, size_t *out, uint64_t (*key)(const void *, size_t),
                    const void *arr)
{
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        uint64_t v = key(arr, i);
        if (v == 0)
            continue;
        size_t j = m < k ? m++ : k;
        if (j == k) {
            if (v <= key(arr, out[k - 1]))
                continue;
            j = k - 1;
        }
        while (j > 0 && key(arr, out[j - 1]) < v) {
            out[j] = out[j - 1];
            j--;
        }
        out[j] = i;
    }
    return m;
}

static uint64_t rule_requests(const void *arr, size_t i)
{
    return ((const rule_stat *)arr)[i].requests;
}

static uint64_t rule_stopped(const void *arr, size_t i)
{
    return ((const rule_stat *)arr)[i].stopped_2xx;
}

static uint64_t id_bad(const void *arr, size_t i)
{
    return ((const id_stat *)arr)[i].bad;
}

static double pct(uint64_t part, uint64_t whole)
{
    return whole ? 100.0 * (double)part / (double)whole : 0.0;
}

void cli_summary_print(const cli_summary *s, FILE *out, double seconds,
                       int monitor_report)
{
    uint64_t n = s->evaluated;
    double rate = seconds > 0 ? (double)(n + s->malformed) / seconds : 0.0;
    fprintf(out, "vigil replay: %llu exchanges in %.3f s (%.0f exchanges/s)",
            (unsigned long long)n, seconds, rate);
    if (s->malformed)
        fprintf(out, "; %llu malformed record%s skipped",
                (unsigned long long)s->malformed, s->malformed == 1 ? "" : "s");
    fputc('\n', out);

    fprintf(out, "  actions:");
    for (int a = 0; a < 4; a++)
        fprintf(out, "  %s %llu (%.1f%%)", vigil_action_name((vigil_action)a),
                (unsigned long long)s->by_action[a], pct(s->by_action[a], n));
    fputc('\n', out);

    uint64_t stopped = s->by_action[VIGIL_THROTTLE] + s->by_action[VIGIL_BLOCK];
    if (s->unenforced || monitor_report) {
        fprintf(out, "  monitor mode: %llu of %llu decisions not enforced; "
                     "enforcing would have stopped %llu requests (%.1f%%)\n",
                (unsigned long long)s->unenforced, (unsigned long long)n,
                (unsigned long long)stopped, pct(stopped, n));
    }
    if (monitor_report) {
        fprintf(out, "  of those, %llu were answered 2xx by the application "
                     "(review these first):\n",
                (unsigned long long)s->stopped_2xx);
        size_t top[TOP_RULES];
        size_t k = top_k(s->nrules, TOP_RULES, top, rule_stopped, s->rules);
        for (size_t i = 0; i < k; i++)
            fprintf(out, "    %8llu  %s\n",
                    (unsigned long long)s->rules[top[i]].stopped_2xx,
                    s->rules[top[i]].name);
    }

    size_t top[TOP_RULES];
    size_t k = top_k(s->nrules, TOP_RULES, top, rule_requests, s->rules);
    fprintf(out, "  requests by rule (top %zu of %zu):\n", k, s->nrules);
    for (size_t i = 0; i < k; i++)
        fprintf(out, "    %8llu  %-24s %5.1f%%\n",
                (unsigned long long)s->rules[top[i]].requests,
                s->rules[top[i]].name, pct(s->rules[top[i]].requests, n));

    size_t topi[TOP_IDENTITIES];
    k = top_k(s->nids, TOP_IDENTITIES, topi, id_bad, s->ids);
    fprintf(out, "  identities by flagged+throttled+blocked (top %zu of %zu):\n",
            k, s->nids);
    for (size_t i = 0; i < k; i++) {
        const id_stat *e = &s->ids[topi[i]];
        unsigned best = 0;
        for (unsigned j = 1; j < e->nrules; j++)
            if (e->rule_n[j] > e->rule_n[best])
                best = j;
        fprintf(out, "    %8llu of %-8llu %-28s most: %s\n",
                (unsigned long long)e->bad, (unsigned long long)e->total, e->name,
                e->nrules ? s->rules[e->rule[best]].name : "-");
    }

    if (s->nlabels) {
        fprintf(out, "  by ground-truth label (\"_actor\" in the input):\n");
        for (size_t i = 0; i < s->nlabels; i++) {
            const label_stat *l = &s->labels[i];
            fprintf(out, "    %-18s", l->name);
            for (int a = 0; a < 4; a++)
                fprintf(out, " %s %-6llu", vigil_action_name((vigil_action)a),
                        (unsigned long long)l->by_action[a]);
            fputc('\n', out);
        }
    }
}
