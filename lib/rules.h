/*
 * rules.h - the catalogue of rule ids: their category, default score and
 * default action. Rule ids are stable API (they appear in logs, policies
 * and docs/policy.md); new ones may be added, none renamed.
 */
#ifndef VIGIL_RULES_H
#define VIGIL_RULES_H

#include "common.h"
#include "detect.h"

typedef struct vigil__rule_def {
    const char *id;
    const char *category;
    int         score;   /* default contribution, 0-100 */
    int         action;  /* default vigil_action         */
} vigil__rule_def;

/* The definition of a rule id, or NULL when unknown. */
const vigil__rule_def *vigil__rule_find(const char *id);

/* 1 when key is a rule id or a family prefix of one ("schema", "attack"). */
int vigil__rule_known(const char *key);

/* Detector names as written in policies ("sqli", "xss", ...), and rule ids
 * ("attack.sqli", ...), indexed by vigil__attack. */
const char *vigil__attack_name(int attack);
const char *vigil__attack_rule_id(int attack);
/* The vigil__attack for a policy name, or -1. */
int vigil__attack_from_name(const char *name);

#endif
