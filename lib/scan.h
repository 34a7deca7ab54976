/*
 * scan.h - runs the payload attack detectors over every user-controlled
 * part of a request, with lazy decoding, and turns findings into reasons.
 */
#ifndef VIGIL_SCAN_H
#define VIGIL_SCAN_H

#include "common.h"
#include "json_tape.h"
#include "params.h"
#include "policy.h"

/* What evaluate.c already parsed, so that nothing is parsed twice. */
typedef struct vigil__scan_input {
    const vigil_request     *request;
    const vigil__route_def  *route;        /* NULL when no route matched */
    const vigil__kv         *query;        /* decoded query pairs        */
    size_t                   nquery;
    const vigil__kv         *form;         /* decoded form body pairs    */
    size_t                   nform;
    const vigil__jtape      *tape;         /* JSON body, or NULL         */
    int                      body_skipped; /* body over the size limit   */
    vigil_str                content_type;
    size_t                   nparams;      /* route path params          */
    const char *const       *param_names;
    const vigil_str         *param_values; /* raw (percent-encoded)      */
} vigil__scan_input;

/* Adds an "attack.<class>" reason for each detector finding, honouring the
 * policy's detector switches, sensitivities and exclusions. Returns
 * VIGIL_OK or VIGIL_ENOMEM (arena exhausted). */
int vigil__scan_request(vigil_decision *d, const vigil__policy *p, const vigil__scan_input *in);

#endif
