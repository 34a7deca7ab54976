/*
 * decision.c - the decision object: reasons, scoring, accessors and the
 * JSON rendering used for logs.
 *
 * Scoring: each reason carries a score s_i in 0-100, read as the
 * probability that it alone indicates an attack; the request's risk is
 * 1 - prod(1 - s_i/100), so independent weak signals add up while no
 * number of them exceeds 100. The action is the strongest of the reasons'
 * own actions and what the thresholds make of the combined score; a reason
 * whose action is only "flag" has its score capped below the block
 * threshold, so it cannot block alone.
 */
#include <stdio.h>
#include <stdlib.h>

#include "engine.h"
#include "rules.h"
#include "schema.h"

int vigil_decision_new(vigil_decision **out)
{
    if (!out)
        return VIGIL_EINVAL;
    *out = NULL;
    vigil_decision *d = calloc(1, sizeof *d);
    if (!d)
        return VIGIL_ENOMEM;
    /* The policy's limits.max_memory_bytes replaces this at evaluate. */
    vigil__arena_init(&d->arena, (size_t)64 << 20);
    if (vigil__schema_scratch_new(&d->schema) != 0) {
        free(d);
        return VIGIL_ENOMEM;
    }
    vigil__decision_reset(d);
    *out = d;
    return VIGIL_OK;
}

void vigil_decision_free(vigil_decision *d)
{
    if (!d)
        return;
    vigil__arena_free(&d->arena);
    vigil__schema_scratch_free(d->schema);
    free(d->json);
    free(d);
}

void vigil__decision_reset(vigil_decision *d)
{
    vigil__arena_reset(&d->arena);
    d->action = VIGIL_ALLOW;
    d->enforced = 1;
    d->status = 200;
    d->retry_after = 0;
    d->score = 0;
    d->keep = 1.0;
    d->n_reasons = 0;
    d->dropped = 0;
    d->identity.text[0] = '\0';
    d->identity.credential = 0;
    d->request_id[0] = '\0';
    d->route[0] = '\0';
    d->route_id = -1;
    d->engine = NULL;
    d->evaluated = 0;
    d->recorded = 0;
}

static void copy_text(char *dst, size_t cap, const char *s)
{
    vigil__safe_excerpt(dst, cap, s ? s : "", s ? strlen(s) : 0);
}

int vigil__decision_add(vigil_decision *d, const vigil__policy *p, const char *rule_id,
                        const char *category, int score, int action, const char *where,
                        const char *detail)
{
    const vigil__rule_def *def = vigil__rule_find(rule_id);
    if (score < 0)
        score = def ? def->score : 50;
    if (action < 0)
        action = def ? def->action : VIGIL_FLAG;
    if (!category)
        category = def ? def->category : "other";
    action = vigil__policy_rule_action(p, rule_id, action);
    if (action == VIGIL__ACTION_OFF)
        return 0;
    if (action == VIGIL_ALLOW)
        score = 0; /* kept for visibility, counts for nothing */
    if (score > 100)
        score = 100;
    /* A rule that asks only to flag cannot block on its own score; several
     * such reasons together still can, through the thresholds. */
    if (action == VIGIL_FLAG && score >= p->block_threshold)
        score = p->block_threshold - 1;
    d->keep *= 1.0 - (double)score / 100.0;
    if ((vigil_action)action > d->action)
        d->action = (vigil_action)action;

    /* Keep the strongest VIGIL_MAX_REASONS: replace the weakest if full. */
    vigil__reason_slot *slot;
    if (d->n_reasons < VIGIL_MAX_REASONS) {
        slot = &d->slots[d->n_reasons++];
    } else {
        size_t weakest = 0;
        for (size_t i = 1; i < VIGIL_MAX_REASONS; i++)
            if (d->slots[i].pub.score < d->slots[weakest].pub.score)
                weakest = i;
        d->dropped++;
        if (d->slots[weakest].pub.score >= score)
            return 1;
        slot = &d->slots[weakest];
    }
    copy_text(slot->rule_id, sizeof slot->rule_id, rule_id);
    copy_text(slot->where, sizeof slot->where, where);
    /* Callers quote attacker bytes through vigil__safe_excerpt already;
     * escaping again would double the escapes, so only guarantee that
     * what is kept is printable ASCII. */
    size_t k = 0;
    for (const char *c = detail ? detail : ""; *c && k + 1 < sizeof slot->detail; c++)
        slot->detail[k++] = (*c >= 0x20 && *c <= 0x7e) ? *c : '?';
    slot->detail[k] = '\0';
    slot->pub.rule_id = slot->rule_id;
    slot->pub.category = category; /* static strings only */
    slot->pub.where = slot->where;
    slot->pub.detail = slot->detail;
    slot->pub.score = score;
    slot->pub.action = (vigil_action)action;
    return 1;
}

void vigil__decision_finish(vigil_decision *d, const vigil__policy *p)
{
    double risk = (1.0 - d->keep) * 100.0;
    d->score = (int)(risk + 0.5);
    if (d->score > 100)
        d->score = 100;
    if (d->score >= p->block_threshold && d->action < VIGIL_BLOCK)
        d->action = VIGIL_BLOCK;
    else if (d->score >= p->flag_threshold && d->action < VIGIL_FLAG)
        d->action = VIGIL_FLAG;
    if (d->action != VIGIL_THROTTLE)
        d->retry_after = 0;
    else if (d->retry_after == 0)
        d->retry_after = 1;
    d->status = d->action == VIGIL_BLOCK ? 403 : d->action == VIGIL_THROTTLE ? 429 : 200;
    d->enforced = !p->monitor;
    /* Insertion sort, strongest first (at most 16 entries). */
    for (size_t i = 0; i < d->n_reasons; i++) {
        const vigil_reason *r = &d->slots[i].pub;
        size_t j = i;
        while (j > 0 && (d->order[j - 1]->action < r->action ||
                         (d->order[j - 1]->action == r->action &&
                          d->order[j - 1]->score < r->score))) {
            d->order[j] = d->order[j - 1];
            j--;
        }
        d->order[j] = r;
    }
}

/* ------------------------------------------------------------ accessors */

const char *vigil_action_name(vigil_action a)
{
    switch (a) {
    case VIGIL_ALLOW: return "allow";
    case VIGIL_FLAG: return "flag";
    case VIGIL_THROTTLE: return "throttle";
    case VIGIL_BLOCK: return "block";
    default: return "unknown";
    }
}

vigil_action vigil_decision_action(const vigil_decision *d) { return d ? d->action : VIGIL_ALLOW; }
int vigil_decision_enforced(const vigil_decision *d) { return d ? d->enforced : 0; }
int vigil_decision_status(const vigil_decision *d) { return d ? d->status : 200; }
unsigned vigil_decision_retry_after(const vigil_decision *d) { return d ? d->retry_after : 0; }
int vigil_decision_score(const vigil_decision *d) { return d ? d->score : 0; }
size_t vigil_decision_reason_count(const vigil_decision *d) { return d ? d->n_reasons : 0; }

const vigil_reason *vigil_decision_reason(const vigil_decision *d, size_t i)
{
    return d && i < d->n_reasons ? d->order[i] : NULL;
}

const char *vigil_decision_identity(const vigil_decision *d) { return d ? d->identity.text : ""; }
const char *vigil_decision_request_id(const vigil_decision *d) { return d ? d->request_id : ""; }
const char *vigil_decision_route(const vigil_decision *d) { return d ? d->route : ""; }

/* ----------------------------------------------------------------- JSON */

typedef struct jbuf {
    vigil_decision *d;
    size_t          len;
    int             oom;
} jbuf;

static void jb_raw(jbuf *b, const char *s, size_t n)
{
    if (b->oom)
        return;
    if (b->len + n + 1 > b->d->json_cap) {
        size_t cap = b->d->json_cap ? b->d->json_cap : 1024;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *p = realloc(b->d->json, cap);
        if (!p) {
            b->oom = 1;
            return;
        }
        b->d->json = p;
        b->d->json_cap = cap;
    }
    memcpy(b->d->json + b->len, s, n);
    b->len += n;
    b->d->json[b->len] = '\0';
}

static void jb_lit(jbuf *b, const char *s) { jb_raw(b, s, strlen(s)); }

/* Strings stored in decisions are printable ASCII without '"' and '\\'
 * except where an excerpt wrote "\xHH": JSON needs that backslash escaped. */
static void jb_str(jbuf *b, const char *s)
{
    jb_raw(b, "\"", 1);
    const char *run = s;
    for (; *s; s++) {
        if (*s == '"' || *s == '\\') {
            jb_raw(b, run, (size_t)(s - run));
            jb_raw(b, *s == '"' ? "\\\"" : "\\\\", 2);
            run = s + 1;
        }
    }
    jb_raw(b, run, (size_t)(s - run));
    jb_raw(b, "\"", 1);
}

static void jb_int(jbuf *b, long long v)
{
    char tmp[32];
    int n = snprintf(tmp, sizeof tmp, "%lld", v);
    jb_raw(b, tmp, (size_t)n);
}

int vigil_decision_json(vigil_decision *d, const char **json, size_t *len)
{
    if (!d || !json)
        return VIGIL_EINVAL;
    jbuf b = {d, 0, 0};
    jb_lit(&b, "{\"request_id\":");
    jb_str(&b, d->request_id);
    jb_lit(&b, ",\"action\":");
    jb_str(&b, vigil_action_name(d->action));
    jb_lit(&b, ",\"status\":");
    jb_int(&b, d->status);
    if (d->action == VIGIL_THROTTLE) {
        jb_lit(&b, ",\"retry_after\":");
        jb_int(&b, d->retry_after);
    }
    jb_lit(&b, ",\"score\":");
    jb_int(&b, d->score);
    if (!d->enforced)
        jb_lit(&b, ",\"mode\":\"monitor\"");
    jb_lit(&b, ",\"identity\":");
    jb_str(&b, d->identity.text);
    jb_lit(&b, ",\"route\":");
    jb_str(&b, d->route);
    jb_lit(&b, ",\"reasons\":[");
    for (size_t i = 0; i < d->n_reasons; i++) {
        const vigil_reason *r = d->order[i];
        jb_lit(&b, i ? ",{\"id\":" : "{\"id\":");
        jb_str(&b, r->rule_id);
        jb_lit(&b, ",\"category\":");
        jb_str(&b, r->category);
        jb_lit(&b, ",\"where\":");
        jb_str(&b, r->where);
        jb_lit(&b, ",\"detail\":");
        jb_str(&b, r->detail);
        jb_lit(&b, ",\"score\":");
        jb_int(&b, r->score);
        jb_lit(&b, ",\"action\":");
        jb_str(&b, vigil_action_name(r->action));
        jb_lit(&b, "}");
    }
    jb_lit(&b, "]}");
    if (b.oom)
        return VIGIL_ENOMEM;
    *json = d->json;
    if (len)
        *len = b.len;
    return VIGIL_OK;
}
