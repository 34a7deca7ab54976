/* rules.c - the rule catalogue (see rules.h and docs/policy.md). */
#include "rules.h"

#include <string.h>

static const vigil__rule_def rules[] = {
    {"limits.body_size", "limits", 60, VIGIL_BLOCK},
    {"limits.header_count", "limits", 60, VIGIL_BLOCK},
    {"limits.header_size", "limits", 60, VIGIL_BLOCK},
    {"limits.url_size", "limits", 60, VIGIL_BLOCK},
    {"limits.json_depth", "limits", 60, VIGIL_BLOCK},
    {"limits.json_elements", "limits", 60, VIGIL_BLOCK},
    {"limits.params", "limits", 60, VIGIL_BLOCK},
    {"ip.deny", "ip", 100, VIGIL_BLOCK},
    {"route.unknown", "route", 20, VIGIL_FLAG},
    {"route.method", "route", 20, VIGIL_FLAG},
    {"auth.missing", "auth", 50, VIGIL_BLOCK},
    {"body.malformed", "body", 50, VIGIL_BLOCK},
    {"schema.type", "schema", 40, VIGIL_BLOCK},
    {"schema.enum", "schema", 40, VIGIL_BLOCK},
    {"schema.minimum", "schema", 40, VIGIL_BLOCK},
    {"schema.maximum", "schema", 40, VIGIL_BLOCK},
    {"schema.length", "schema", 40, VIGIL_BLOCK},
    {"schema.pattern", "schema", 40, VIGIL_BLOCK},
    {"schema.format", "schema", 40, VIGIL_BLOCK},
    {"schema.required", "schema", 40, VIGIL_BLOCK},
    {"schema.additional", "schema", 40, VIGIL_BLOCK},
    {"schema.items", "schema", 40, VIGIL_BLOCK},
    {"rate.limit", "rate", 30, VIGIL_THROTTLE},
    {"behaviour.auth_failures", "behaviour", 40, VIGIL_FLAG},
    {"behaviour.not_found", "behaviour", 40, VIGIL_FLAG},
    {"internal.error", "internal", 0, VIGIL_ALLOW},
};

/* Indexed by vigil__attack; names follow the corpus classes. */
static const char *const attack_names[VIGIL__A_COUNT] = {
    "sqli", "xss", "path_traversal", "cmd_injection", "ssrf", "nosql_injection", "ssti",
    "log4shell", "ldap_injection", "xpath_injection", "xxe", "crlf_injection",
    "prototype_pollution", "open_redirect", "java_injection", "php_injection",
    "code_injection", "rfi", "session_fixation", "scanner", "http_protocol",
};
static const char *const attack_rule_ids[VIGIL__A_COUNT] = {
    "attack.sqli", "attack.xss", "attack.path_traversal", "attack.cmd_injection",
    "attack.ssrf", "attack.nosql_injection", "attack.ssti", "attack.log4shell",
    "attack.ldap_injection", "attack.xpath_injection", "attack.xxe",
    "attack.crlf_injection", "attack.prototype_pollution", "attack.open_redirect",
    "attack.java_injection", "attack.php_injection", "attack.code_injection", "attack.rfi",
    "attack.session_fixation", "attack.scanner", "attack.http_protocol",
};

const vigil__rule_def *vigil__rule_find(const char *id)
{
    for (size_t i = 0; i < VIGIL__COUNTOF(rules); i++)
        if (!strcmp(rules[i].id, id))
            return &rules[i];
    return NULL;
}

static int is_family_of(const char *key, const char *id)
{
    size_t n = strlen(key);
    return strncmp(id, key, n) == 0 && (id[n] == '\0' || id[n] == '.');
}

int vigil__rule_known(const char *key)
{
    for (size_t i = 0; i < VIGIL__COUNTOF(rules); i++)
        if (is_family_of(key, rules[i].id))
            return 1;
    for (size_t i = 0; i < VIGIL__A_COUNT; i++)
        if (is_family_of(key, attack_rule_ids[i]))
            return 1;
    return 0;
}

const char *vigil__attack_name(int attack)
{
    return attack >= 0 && attack < VIGIL__A_COUNT ? attack_names[attack] : "unknown";
}

const char *vigil__attack_rule_id(int attack)
{
    return attack >= 0 && attack < VIGIL__A_COUNT ? attack_rule_ids[attack] : "attack.unknown";
}

int vigil__attack_from_name(const char *name)
{
    for (int i = 0; i < VIGIL__A_COUNT; i++)
        if (!strcmp(attack_names[i], name))
            return i;
    return -1;
}
