/* identity.c - identity extraction and pseudonymisation (see identity.h). */
#include "identity.h"

#include <sodium.h>

#include "params.h"

static vigil_str trim(vigil_str s)
{
    while (s.len && (s.ptr[0] == ' ' || s.ptr[0] == '\t'))
        s.ptr++, s.len--;
    while (s.len && (s.ptr[s.len - 1] == ' ' || s.ptr[s.len - 1] == '\t'))
        s.len--;
    return s;
}

static const vigil_header *find_header(const vigil_header *h, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (vigil__str_ieq(h[i].name, name))
            return &h[i];
    return NULL;
}

/* The credential after an Authorization scheme ("Bearer", "Basic"). */
static int auth_param(const vigil_header *h, size_t n, const char *scheme, vigil_str *out)
{
    size_t sl = strlen(scheme);
    for (size_t i = 0; i < n; i++) {
        if (!vigil__str_ieq(h[i].name, "authorization"))
            continue;
        vigil_str v = trim(h[i].value);
        if (v.len > sl && (v.ptr[sl] == ' ' || v.ptr[sl] == '\t') &&
            vigil__str_ieq(vigil__str(v.ptr, sl), scheme)) {
            *out = trim(vigil__str(v.ptr + sl, v.len - sl));
            return out->len > 0;
        }
    }
    return 0;
}

/* Basic credentials identify by user name only: stuffing tries many
 * passwords per user, and those are the same identity. */
static int basic_user(vigil_str b64, uint8_t *buf, size_t cap, vigil_str *user)
{
    size_t len = 0;
    if (b64.len == 0 || b64.len / 4 * 3 > cap ||
        sodium_base642bin(buf, cap, b64.ptr, b64.len, NULL, &len, NULL,
                          sodium_base64_VARIANT_ORIGINAL) != 0)
        return 0;
    size_t u = 0;
    while (u < len && buf[u] != ':')
        u++;
    *user = vigil__str((const char *)buf, u);
    return 1;
}

void vigil__identity_keys_init(vigil__identity_keys *keys, const uint8_t secret[32])
{
    static const char *const label[6] = {"", "key", "bearer", "basic", "cookie", "ip"};
    for (int t = 0; t < 6; t++)
        crypto_generichash(keys->k[t], sizeof keys->k[t], (const unsigned char *)label[t],
                           strlen(label[t]), secret, 32);
}

/* SipHash-2-4 with a 128-bit output (crypto_shorthash_siphashx24): a keyed
 * PRF, so digests are unpredictable without the engine's secret. */
static void finish(const char *kind, const vigil__identity_keys *keys, vigil__id_type type,
                   vigil_str value, int credential, vigil__identity *out)
{
    static const char hex[] = "0123456789abcdef";
    crypto_shorthash_siphashx24(out->digest, (const unsigned char *)value.ptr, value.len,
                                keys->k[type]);
    size_t k = strlen(kind);
    memcpy(out->text, kind, k);
    out->text[k++] = ':';
    for (size_t i = 0; i < 8; i++) {
        out->text[k++] = hex[out->digest[i] >> 4];
        out->text[k++] = hex[out->digest[i] & 15];
    }
    out->text[k] = '\0';
    out->credential = credential;
}

void vigil__identity_resolve(const vigil__policy *p, const vigil_header *headers,
                             size_t header_count, const vigil__ip *client,
                             int client_valid, const vigil__identity_keys *key,
                             vigil__identity *out)
{
    uint8_t basic[192];
    for (size_t i = 0; i < p->n_id_sources; i++) {
        const vigil__id_source *s = &p->id_sources[i];
        vigil_str v = {NULL, 0};
        const vigil_header *h;
        switch (s->type) {
        case VIGIL__ID_HEADER:
            if ((h = find_header(headers, header_count, s->name)) && (v = trim(h->value)).len) {
                finish("key", key, VIGIL__ID_HEADER, v, 1, out);
                return;
            }
            break;
        case VIGIL__ID_BEARER:
            if (auth_param(headers, header_count, "bearer", &v)) {
                finish("bearer", key, VIGIL__ID_BEARER, v, 1, out);
                return;
            }
            break;
        case VIGIL__ID_BASIC:
            if (auth_param(headers, header_count, "basic", &v) &&
                basic_user(v, basic, sizeof basic, &v)) {
                finish("basic", key, VIGIL__ID_BASIC, v, 1, out);
                return;
            }
            break;
        case VIGIL__ID_COOKIE:
            for (size_t k = 0; k < header_count; k++)
                if (vigil__str_ieq(headers[k].name, "cookie") &&
                    vigil__cookie_find(headers[k].value, s->name, &v) && v.len) {
                    finish("cookie", key, VIGIL__ID_COOKIE, v, 1, out);
                    return;
                }
            break;
        case VIGIL__ID_IP:
            if (client_valid) {
                vigil__ip m = *client;
                vigil__ip_mask(&m, s->v4_prefix, s->v6_prefix);
                finish("ip", key, VIGIL__ID_IP, vigil__str((const char *)m.b, sizeof m.b), 0, out);
                return;
            }
            break;
        }
    }
    /* No source matched: fall back to the client address (or nothing). */
    vigil__ip m;
    memset(&m, 0, sizeof m);
    if (client_valid) {
        m = *client;
        vigil__ip_mask(&m, 32, 64);
    }
    finish("ip", key, VIGIL__ID_IP, vigil__str((const char *)m.b, sizeof m.b), 0, out);
}
