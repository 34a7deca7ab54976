/* test_schema.c - JSON Schema subset: compile errors, every keyword on
 * bodies and on coerced parameters, bounds and early stop. */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <cmocka.h>

#include "schema.h"

#define MAXV 16

typedef struct rec {
    int  n;
    int  stop_after; /* 0: never stop */
    char rule[MAXV][32];
    char where[MAXV][256];
    char detail[MAXV][256];
} rec;

static int collect(void *ctx, const char *rule, const char *where, const char *detail)
{
    rec *r = ctx;
    if (r->n < MAXV) {
        snprintf(r->rule[r->n], sizeof r->rule[0], "%s", rule);
        snprintf(r->where[r->n], sizeof r->where[0], "%s", where);
        snprintf(r->detail[r->n], sizeof r->detail[0], "%s", detail);
        for (const char *p = detail; *p; p++)
            assert_true(*p >= 0x20 && *p <= 0x7e); /* safe to log */
    }
    r->n++;
    return r->stop_after && r->n >= r->stop_after;
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static vigil__schema *compile(const char *json)
{
    cJSON *j = cJSON_Parse(json);
    assert_non_null(j);
    vigil__schema *s = NULL;
    vigil_error err = VIGIL_ERROR_INIT;
    int rc = vigil__schema_compile(j, "s", &s, &err);
    if (rc)
        print_error("compile: %s: %s\n", err.path, err.message);
    assert_int_equal(rc, VIGIL_OK);
    assert_non_null(s);
    cJSON_Delete(j);
    return s;
}

static void compile_fails(const char *json, const char *path, const char *message)
{
    cJSON *j = cJSON_Parse(json);
    assert_non_null(j);
    vigil__schema *s = (vigil__schema *)&s; /* must be reset to NULL */
    vigil_error err = VIGIL_ERROR_INIT;
    int rc = vigil__schema_compile(j, "routes[2].body", &s, &err);
    if (rc != VIGIL_EPOLICY || strcmp(err.path, path) != 0 || !strstr(err.message, message))
        print_error("%s -> %d %s: %s\n", json, rc, err.path, err.message);
    assert_int_equal(rc, VIGIL_EPOLICY);
    assert_int_equal(err.code, VIGIL_EPOLICY);
    assert_null(s);
    assert_string_equal(err.path, path);
    assert_non_null(strstr(err.message, message));
    cJSON_Delete(j);
}

/* Validates body text against schema s; the violations go to r. */
static int vbody(const vigil__schema *s, const char *body, rec *r)
{
    vigil__arena a;
    vigil__arena_init(&a, (size_t)64 << 20);
    vigil__schema_scratch *scr = NULL;
    assert_int_equal(vigil__schema_scratch_new(&scr), VIGIL_OK);
    vigil__jtape t;
    assert_int_equal(vigil__json_parse(body, strlen(body), NULL, &a, &t), 0);
    memset(r->rule, 0, sizeof r->rule);
    r->n = 0;
    int rc = vigil__schema_validate_json(s, &t, body, "body", &a, scr, collect, r);
    vigil__schema_scratch_free(scr);
    vigil__arena_free(&a);
    return rc;
}

/* Number of violations of body against schema text, and the first. */
static int check(const char *schema, const char *body, rec *r)
{
    vigil__schema *s = compile(schema);
    int rc = vbody(s, body, r);
    vigil__schema_free(s);
    assert_int_equal(rc, r->n);
    return rc;
}

static void ok(const char *schema, const char *body)
{
    rec r = { 0 };
    int n = check(schema, body, &r);
    if (n)
        print_error("%s on %s: %s %s %s\n", schema, body, r.rule[0], r.where[0], r.detail[0]);
    assert_int_equal(n, 0);
}

static void bad(const char *schema, const char *body, const char *rule, const char *where,
                const char *detail)
{
    rec r = { 0 };
    int n = check(schema, body, &r);
    if (n != 1 || strcmp(r.rule[0], rule) || strcmp(r.where[0], where) ||
        (detail && !strstr(r.detail[0], detail)))
        print_error("%s on %s: %d: %s %s %s\n", schema, body, n, r.rule[0], r.where[0],
                    r.detail[0]);
    assert_int_equal(n, 1);
    assert_string_equal(r.rule[0], rule);
    assert_string_equal(r.where[0], where);
    if (detail)
        assert_non_null(strstr(r.detail[0], detail));
}

/* ------------------------------------------------------------------ body */

static void test_type(void **state)
{
    (void)state;
    ok("{\"type\":\"string\"}", "\"x\"");
    ok("{\"type\":\"integer\"}", "-12");
    ok("{\"type\":\"integer\"}", "1.0");  /* draft-6+: zero fraction is an integer */
    ok("{\"type\":\"integer\"}", "1e2");
    ok("{\"type\":\"integer\"}", "123456789012345678901234567890");
    ok("{\"type\":\"number\"}", "1");
    ok("{\"type\":\"number\"}", "-1.5e-3");
    ok("{\"type\":\"boolean\"}", "false");
    ok("{\"type\":\"null\"}", "null");
    ok("{\"type\":\"object\"}", "{\"a\":1}");
    ok("{\"type\":\"array\"}", "[1,\"x\"]");
    ok("{\"type\":[\"string\",\"null\"]}", "null");
    ok("{}", "{\"anything\":[1,{}]}");
    ok("true", "[]");
    bad("{\"type\":\"integer\"}", "1.5", "schema.type", "body", "expected integer, got number");
    bad("{\"type\":\"integer\"}", "\"1\"", "schema.type", "body", "expected integer, got string");
    bad("{\"type\":\"string\"}", "1", "schema.type", "body", "got integer");
    bad("{\"type\":\"number\"}", "true", "schema.type", "body", "got boolean");
    bad("{\"type\":\"boolean\"}", "null", "schema.type", "body", "got null");
    bad("{\"type\":\"null\"}", "{}", "schema.type", "body", "got object");
    bad("{\"type\":\"object\"}", "[]", "schema.type", "body", "got array");
    bad("{\"type\":\"array\"}", "{}", "schema.type", "body", "expected array");
    bad("{\"type\":[\"string\",\"null\"]}", "0", "schema.type", "body",
        "expected string or null, got integer");
    bad("false", "1", "schema.type", "body", "no value");
    /* a type mismatch does not also report the value's other keywords */
    bad("{\"type\":\"string\",\"minLength\":3}", "12", "schema.type", "body", NULL);
}

static void test_enum(void **state)
{
    (void)state;
    const char *s = "{\"enum\":[\"red\",\"green\",1,2.5,true,null]}";
    ok(s, "\"red\"");
    ok(s, "\"gr\\u0065en\""); /* compared decoded */
    ok(s, "1.0");              /* numerically */
    ok(s, "25e-1");
    ok(s, "true");
    ok(s, "null");
    bad(s, "\"blue\"", "schema.enum", "body", "value \"blue\" is not one of the allowed values");
    bad(s, "\"Red\"", "schema.enum", "body", NULL);
    bad(s, "\"red \"", "schema.enum", "body", NULL);
    bad(s, "2", "schema.enum", "body", "value 2 is not");
    bad(s, "false", "schema.enum", "body", "value false is not");
    bad(s, "[]", "schema.enum", "body", "value array is not");
    /* the excerpt of a long hostile value is cut and escaped */
    rec r = { 0 };
    assert_int_equal(check(s, "\"\\u0000\\\"<script>aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"",
                           &r), 1);
    assert_non_null(strstr(r.detail[0], "\\x00\\x22<script>"));
    assert_non_null(strstr(r.detail[0], "...\""));
    assert_true(strlen(r.detail[0]) < 200);
    /* a large enum is searched, not scanned: every member found */
    char big[20000];
    size_t o = (size_t)snprintf(big, sizeof big, "{\"enum\":[");
    for (int i = 0; i < 1000; i++)
        o += (size_t)snprintf(big + o, sizeof big - o, "%s\"v%d\",%d", i ? "," : "", i, i * 3);
    snprintf(big + o, sizeof big - o, "]}");
    vigil__schema *sc = compile(big);
    for (int i = 0; i < 1000; i += 7) {
        char body[32];
        snprintf(body, sizeof body, "\"v%d\"", i);
        assert_int_equal(vbody(sc, body, &r), 0);
        snprintf(body, sizeof body, "%d", i * 3);
        assert_int_equal(vbody(sc, body, &r), 0);
        snprintf(body, sizeof body, "%d", i * 3 + 1);
        assert_int_equal(vbody(sc, body, &r), 1);
    }
    assert_int_equal(vbody(sc, "\"v1000\"", &r), 1);
    vigil__schema_free(sc);
}

static void test_numbers(void **state)
{
    (void)state;
    const char *s = "{\"minimum\":1,\"maximum\":100}";
    ok(s, "1");
    ok(s, "100");
    ok(s, "1e2");
    ok(s, "\"strings are not numbers\"");
    bad(s, "0", "schema.minimum", "body", "below minimum 1");
    bad(s, "0.999", "schema.minimum", "body", NULL);
    bad(s, "100.0001", "schema.maximum", "body", "exceeds maximum 100");
    bad(s, "1e3", "schema.maximum", "body", NULL);
    bad(s, "-1e400", "schema.minimum", "body", NULL);
    bad(s, "1e400", "schema.maximum", "body", NULL);
    const char *x = "{\"exclusiveMinimum\":0,\"exclusiveMaximum\":0.5}";
    ok(x, "0.25");
    ok(x, "1e-300");
    bad(x, "0", "schema.minimum", "body", "must be greater than 0");
    bad(x, "-0.0", "schema.minimum", "body", NULL);
    bad(x, "0.5", "schema.maximum", "body", "must be less than 0.5");
    bad(x, "5E-1", "schema.maximum", "body", NULL);
    ok("{\"minimum\":-2.5}", "-2.5");
    bad("{\"minimum\":-2.5}", "-2.5000000001", "schema.minimum", "body", "below minimum -2.5");
    ok("{\"maximum\":9007199254740993}", "9007199254740992");
    ok("{\"maximum\":0.1}", "0.1");
    ok("{\"maximum\":0.3}", "0.3");
    ok("{\"maximum\":0.3}", "0.29999999999999998"); /* the same double */
    /* 0.1 + 0.2: the next double up is told apart */
    bad("{\"maximum\":0.3}", "0.30000000000000004", "schema.maximum", "body", NULL);
    ok("{\"minimum\":1e-5}", "0.00001");
    ok("{\"maximum\":123456.789}", "123456789e-3");
}

static void test_int_formats(void **state)
{
    (void)state;
    const char *i32 = "{\"type\":\"integer\",\"format\":\"int32\"}";
    const char *i64 = "{\"type\":\"integer\",\"format\":\"int64\"}";
    ok(i32, "2147483647");
    ok(i32, "-2147483648");
    ok(i32, "0");
    ok(i32, "2.147483647e9");
    bad(i32, "2147483648", "schema.format", "body", "not a valid int32");
    bad(i32, "-2147483649", "schema.format", "body", NULL);
    bad(i32, "1e10", "schema.format", "body", NULL);
    ok(i64, "9223372036854775807");
    ok(i64, "-9223372036854775808");
    bad(i64, "9223372036854775808", "schema.format", "body", "not a valid int64");
    bad(i64, "-9223372036854775809", "schema.format", "body", NULL);
    bad(i64, "100000000000000000000", "schema.format", "body", NULL);
    bad(i64, "1e19", "schema.format", "body", NULL);
    /* without "type", a fractional number is not an int32 */
    bad("{\"format\":\"int32\"}", "1.5", "schema.format", "body", NULL);
    ok("{\"format\":\"int32\"}", "\"strings are not checked by number formats\"");
}

static void test_lengths(void **state)
{
    (void)state;
    const char *s = "{\"minLength\":2,\"maxLength\":3}";
    ok(s, "\"ab\"");
    ok(s, "\"abc\"");
    ok(s, "\"\xc3\xa9\xc3\xa9\xc3\xa9\"");  /* 3 code points, 6 bytes */
    ok(s, "\"\\u00e9\\ud83d\\ude00\"");     /* 2 code points after decoding */
    ok(s, "\"\xf0\x9f\x98\x80\xf0\x9f\x98\x80\"");
    ok(s, "5");
    bad(s, "\"a\"", "schema.length", "body", "length below minimum 2");
    bad(s, "\"\xc3\xa9\"", "schema.length", "body", NULL);
    bad(s, "\"abcd\"", "schema.length", "body", "length exceeds maximum 3");
    bad(s, "\"\\n\\n\\n\\n\"", "schema.length", "body", NULL);
    ok("{\"maxLength\":0}", "\"\"");
    bad("{\"minLength\":1}", "\"\"", "schema.length", "body", NULL);
}

static void test_pattern(void **state)
{
    (void)state;
    const char *s = "{\"pattern\":\"^[a-z]+$\"}";
    ok(s, "\"abc\"");
    ok(s, "42"); /* only strings */
    bad(s, "\"abc1\"", "schema.pattern", "body", "does not match pattern");
    bad(s, "\"abc\\n\"", "schema.pattern", "body", NULL); /* '$' only at the end */
    bad(s, "\"\"", "schema.pattern", "body", NULL);
    ok("{\"pattern\":\"b\"}", "\"abc\""); /* unanchored search */
    ok("{\"pattern\":\"^\\\\u00e9+$\"}", "\"\xc3\xa9\xc3\xa9\""); /* ECMA \u escape */
    ok("{\"pattern\":\"^.$\"}", "\"\xf0\x9f\x98\x80\"");           /* UTF mode */
    ok("{\"pattern\":\"^a\\\\u0000b$\"}", "\"a\\u0000b\"");        /* NUL in subject */
    bad(s, "\"ab\xff\"", "schema.pattern", "body", "invalid UTF-8");
    bad("{\"pattern\":\".*\"}", "\"\xc0\xaf\"", "schema.pattern", "body", "invalid UTF-8");

    /* catastrophic backtracking is cut off by the match limit */
    vigil__schema *sc = compile("{\"pattern\":\"^(a+)+$\"}");
    size_t n = 10000;
    char *body = malloc(n + 4);
    assert_non_null(body);
    body[0] = '"';
    memset(body + 1, 'a', n);
    body[n + 1] = 'b';
    body[n + 2] = '"';
    body[n + 3] = 0;
    rec r = { 0 };
    double t0 = now_s();
    assert_int_equal(vbody(sc, body, &r), 1);
    assert_true(now_s() - t0 < 2.0);
    assert_string_equal(r.rule[0], "schema.pattern");
    vigil__schema_free(sc);
    sc = compile("{\"pattern\":\"(a|a)*c\"}");
    t0 = now_s();
    assert_int_equal(vbody(sc, body, &r), 1);
    assert_true(now_s() - t0 < 2.0);
    vigil__schema_free(sc);
    free(body);

    /* a pattern needs a scratch: without one, an error, not a pass */
    sc = compile(s);
    vigil__arena a;
    vigil__arena_init(&a, 1 << 20);
    vigil__jtape t;
    assert_int_equal(vigil__json_parse("\"abc\"", 5, NULL, &a, &t), 0);
    assert_int_equal(vigil__schema_validate_json(sc, &t, "\"abc\"", "body", &a, NULL, collect, &r),
                     VIGIL__JERR_NOMEM);
    vigil__arena_free(&a);
    vigil__schema_free(sc);
}

static void test_string_formats(void **state)
{
    (void)state;
    static const struct {
        const char *format, *value;
        int valid;
    } cases[] = {
        { "uuid", "123e4567-e89b-12d3-a456-426614174000", 1 },
        { "uuid", "123E4567-E89B-12D3-A456-426614174000", 1 },
        { "uuid", "123e4567e89b12d3a456426614174000", 0 },
        { "uuid", "123e4567-e89b-12d3-a456-42661417400g", 0 },
        { "uuid", "123e4567-e89b-12d3-a456-4266141740000", 0 },
        { "uuid", "{123e4567-e89b-12d3-a456-426614174000}", 0 },
        { "email", "joe@example.com", 1 },
        { "email", "first.last+tag@sub.example.co.uk", 1 },
        { "email", "a@localhost", 1 },
        { "email", "x@[192.168.0.1]", 1 },
        { "email", "x@[IPv6:2001:db8::1]", 1 },
        { "email", "no-at-sign", 0 },
        { "email", "@example.com", 0 },
        { "email", "a@", 0 },
        { "email", ".a@example.com", 0 },
        { "email", "a.@example.com", 0 },
        { "email", "a..b@example.com", 0 },
        { "email", "a@b@example.com", 0 },
        { "email", "a b@example.com", 0 },
        { "email", "a@-example.com", 0 },
        { "email", "a@example..com", 0 },
        { "email", "a@exam_ple.com", 0 },
        { "email", "j\xc3\xb6@example.com", 0 },
        { "email", "a@example.com\n", 0 },
        { "date-time", "2024-02-29T23:59:59Z", 1 },
        { "date-time", "2024-02-29t23:59:59.123456z", 1 },
        { "date-time", "1985-04-12T23:20:50.52+05:30", 1 },
        { "date-time", "1990-12-31T23:59:60Z", 1 },
        { "date-time", "1990-12-31T15:59:60-08:00", 1 },
        { "date-time", "1990-12-31T23:58:60Z", 0 },
        { "date-time", "2023-02-29T00:00:00Z", 0 },
        { "date-time", "2024-13-01T00:00:00Z", 0 },
        { "date-time", "2024-01-01T24:00:00Z", 0 },
        { "date-time", "2024-01-01T00:60:00Z", 0 },
        { "date-time", "2024-01-01T00:00:00", 0 },
        { "date-time", "2024-01-01 00:00:00Z", 0 },
        { "date-time", "2024-01-01T00:00:00.Z", 0 },
        { "date-time", "2024-01-01T00:00:00+0100", 0 },
        { "date-time", "2024-01-01T00:00:00+24:00", 0 },
        { "date-time", "2024-1-01T00:00:00Z", 0 },
        { "date", "2000-02-29", 1 },
        { "date", "1900-02-29", 0 },
        { "date", "2021-04-31", 0 },
        { "date", "2021-04-30", 1 },
        { "date", "2021-00-10", 0 },
        { "date", "2021-04-00", 0 },
        { "date", "2021-04-30T", 0 },
        { "date", "20210430", 0 },
        { "ipv4", "192.168.0.1", 1 },
        { "ipv4", "0.0.0.0", 1 },
        { "ipv4", "255.255.255.255", 1 },
        { "ipv4", "256.1.1.1", 0 },
        { "ipv4", "01.1.1.1", 0 },
        { "ipv4", "1.1.1", 0 },
        { "ipv4", "1.1.1.1.", 0 },
        { "ipv4", "1.1.1.1.1", 0 },
        { "ipv4", "1.1.1.-1", 0 },
        { "ipv4", "1.1.1.1000", 0 },
        { "ipv4", " 1.1.1.1", 0 },
        { "ipv6", "::", 1 },
        { "ipv6", "::1", 1 },
        { "ipv6", "1::", 1 },
        { "ipv6", "2001:db8::8a2e:370:7334", 1 },
        { "ipv6", "2001:0db8:0000:0000:0000:ff00:0042:8329", 1 },
        { "ipv6", "::ffff:192.0.2.128", 1 },
        { "ipv6", "1:2:3:4:5:6:1.2.3.4", 1 },
        { "ipv6", "1:2:3:4:5:6:7:8:9", 0 },
        { "ipv6", "1:2:3:4:5:6:7", 0 },
        { "ipv6", "1::2::3", 0 },
        { "ipv6", ":1:2:3:4:5:6:7", 0 },
        { "ipv6", "1:2:3:4:5:6:7:", 0 },
        { "ipv6", "12345::", 0 },
        { "ipv6", "g::1", 0 },
        { "ipv6", "1:2:3:4:5:6:7::8", 0 },
        { "ipv6", "::1.2.3.4.5", 0 },
        { "ipv6", "1.2.3.4::", 0 },
        { "ipv6", "fe80::1%eth0", 0 },
        { "ipv6", "1:2:3:4:5:6:7:1.2.3.4", 0 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char schema[128], body[128];
        snprintf(schema, sizeof schema, "{\"type\":\"string\",\"format\":\"%s\"}", cases[i].format);
        cJSON *v = cJSON_CreateString(cases[i].value);
        char *enc = cJSON_PrintUnformatted(v);
        snprintf(body, sizeof body, "%s", enc);
        cJSON_free(enc);
        cJSON_Delete(v);
        rec r = { 0 };
        int n = check(schema, body, &r);
        if (n != !cases[i].valid)
            print_error("%s %s: %d\n", cases[i].format, cases[i].value, n);
        assert_int_equal(n, !cases[i].valid);
        if (n) {
            assert_string_equal(r.rule[0], "schema.format");
            assert_non_null(strstr(r.detail[0], cases[i].format));
        }
    }
}

static void test_objects(void **state)
{
    (void)state;
    const char *s = "{\"type\":\"object\",\"required\":[\"email\",\"age\"],"
                    "\"properties\":{\"email\":{\"type\":\"string\",\"format\":\"email\"},"
                    "\"age\":{\"type\":\"integer\",\"minimum\":0},\"nick\":{\"maxLength\":3}},"
                    "\"additionalProperties\":false}";
    ok(s, "{\"email\":\"a@b.c\",\"age\":3}");
    ok(s, "{\"age\":3,\"nick\":\"abc\",\"email\":\"a@b.c\"}");
    ok(s, "{\"em\\u0061il\":\"a@b.c\",\"age\":3}"); /* escaped key */
    bad(s, "{\"email\":\"a@b.c\"}", "schema.required", "body",
        "missing required property \"age\"");
    bad(s, "{\"email\":\"a@b.c\",\"age\":3,\"admin\":true}", "schema.additional", "body.admin",
        "unexpected property \"admin\"");
    bad(s, "{\"email\":\"a@b.c\",\"age\":-1}", "schema.minimum", "body.age", NULL);
    bad(s, "{\"email\":\"a@b.c\",\"age\":3,\"nick\":\"abcd\"}", "schema.length", "body.nick", NULL);
    bad(s, "{\"email\":\"a@b.c\",\"age\":3,\"a b\":1}", "schema.additional", "body[\"a b\"]", NULL);
    /* several at once, in document order, required last */
    rec r = { 0 };
    assert_int_equal(check(s, "{\"age\":\"x\",\"zz\":1}", &r), 3);
    assert_string_equal(r.rule[0], "schema.type");
    assert_string_equal(r.where[0], "body.age");
    assert_string_equal(r.rule[1], "schema.additional");
    assert_string_equal(r.where[1], "body.zz");
    assert_string_equal(r.rule[2], "schema.required");
    assert_string_equal(r.detail[2], "missing required property \"email\"");
    /* duplicate keys: each occurrence is validated */
    assert_int_equal(check(s, "{\"email\":\"a@b.c\",\"age\":1,\"age\":-5,\"age\":-6}", &r), 2);
    assert_string_equal(r.where[0], "body.age");
    assert_string_equal(r.where[1], "body.age");
    /* attacker-chosen property names are excerpted safely */
    assert_int_equal(check(s, "{\"email\":\"a@b.c\",\"age\":1,\"\\u0000\\\"\\n\":1}", &r), 1);
    assert_string_equal(r.detail[0], "unexpected property \"\\x00\\x22\\x0a\"");
    assert_string_equal(r.where[0], "body[\"\\x00\\\"\\x0a\"]");

    /* additionalProperties as a schema; required names not in properties */
    const char *m = "{\"properties\":{\"a\":{}},\"required\":[\"b\"],"
                    "\"additionalProperties\":{\"type\":\"integer\"}}";
    ok(m, "{\"a\":\"x\",\"b\":1,\"c\":2}");
    bad(m, "{\"b\":1,\"c\":\"2\"}", "schema.type", "body.c", NULL);
    bad(m, "{\"b\":\"1\"}", "schema.type", "body.b", NULL); /* b is additional */
    bad(m, "{\"a\":1}", "schema.required", "body", "\"b\"");
    /* required applies to objects only */
    ok("{\"required\":[\"x\"]}", "[1]");
    ok("{\"required\":[\"x\"]}", "{\"x\":null}");
    /* additionalProperties true (the default) allows anything */
    ok("{\"properties\":{\"a\":{\"type\":\"string\"}},\"additionalProperties\":true}",
       "{\"a\":\"x\",\"b\":[{}]}");
    /* false property schema forbids that property */
    bad("{\"properties\":{\"a\":false}}", "{\"a\":1}", "schema.type", "body.a", NULL);

    /* many required names use the bitmap path */
    char big[8192], body[8192];
    size_t o = (size_t)snprintf(big, sizeof big, "{\"required\":[");
    size_t b = (size_t)snprintf(body, sizeof body, "{");
    for (int i = 0; i < 200; i++) {
        o += (size_t)snprintf(big + o, sizeof big - o, "%s\"k%d\"", i ? "," : "", i);
        if (i != 77 && i != 150)
            b += (size_t)snprintf(body + b, sizeof body - b, "%s\"k%d\":%d", b > 1 ? "," : "", i, i);
    }
    snprintf(big + o, sizeof big - o, "]}");
    snprintf(body + b, sizeof body - b, "}");
    assert_int_equal(check(big, body, &r), 2);
    assert_string_equal(r.detail[0], "missing required property \"k77\"");
    assert_string_equal(r.detail[1], "missing required property \"k150\"");
}

static void test_arrays_and_nesting(void **state)
{
    (void)state;
    const char *s = "{\"type\":\"object\",\"properties\":{\"items\":{\"type\":\"array\","
                    "\"minItems\":1,\"maxItems\":4,\"items\":{\"type\":\"object\","
                    "\"required\":[\"name\"],\"properties\":{\"name\":{\"type\":\"string\","
                    "\"pattern\":\"^[A-Z]\"},\"tags\":{\"items\":{\"enum\":[\"x\",\"y\"]}}}}}}}";
    ok(s, "{\"items\":[{\"name\":\"A\"},{\"name\":\"B\",\"tags\":[\"x\",\"y\",\"x\"]}]}");
    bad(s, "{\"items\":[]}", "schema.items", "body.items", "fewer than 1 items");
    bad(s, "{\"items\":[{\"name\":\"A\"},{\"name\":\"A\"},{\"name\":\"A\"},{\"name\":\"A\"},"
           "{\"name\":\"A\"}]}",
        "schema.items", "body.items", "more than 4 items");
    bad(s, "{\"items\":[{\"name\":\"A\"},{\"name\":\"A\"},{\"name\":\"A\"},{\"name\":\"a\"}]}",
        "schema.pattern", "body.items[3].name", NULL);
    bad(s, "{\"items\":[{\"name\":\"A\",\"tags\":[\"x\",\"z\"]}]}", "schema.enum",
        "body.items[0].tags[1]", NULL);
    bad(s, "{\"items\":[{\"nom\":\"A\"}]}", "schema.required", "body.items[0]", "\"name\"");
    bad(s, "{\"items\":[{\"name\":\"A\"},7]}", "schema.type", "body.items[1]", NULL);
    ok("{\"items\":false}", "[]");
    bad("{\"items\":false}", "[0]", "schema.type", "body[0]", NULL);

    /* input far deeper than the schema: skipped in O(1), no recursion */
    size_t d = 500;
    char *deep = malloc(2 * d + 16);
    assert_non_null(deep);
    memcpy(deep, "{\"a\":", 5);
    memset(deep + 5, '[', d);
    memset(deep + 5 + d, ']', d);
    memcpy(deep + 5 + 2 * d, "}", 2);
    ok("{\"properties\":{\"a\":{\"type\":\"array\"}}}", deep);
    ok("{\"additionalProperties\":{\"items\":{\"items\":{}}}}", deep);
    free(deep);
}

static void test_stop_count_nomem(void **state)
{
    (void)state;
    vigil__schema *s = compile("{\"items\":{\"type\":\"string\"}}");
    rec r = { 0 };
    r.stop_after = 2;
    vigil__arena a;
    vigil__arena_init(&a, 1 << 20);
    vigil__jtape t;
    const char *body = "[1,2,3,4,5]";
    assert_int_equal(vigil__json_parse(body, strlen(body), NULL, &a, &t), 0);
    assert_int_equal(vigil__schema_validate_json(s, &t, body, "b", &a, NULL, collect, &r), 2);
    assert_int_equal(r.n, 2);
    /* without a callback the violations are only counted */
    assert_int_equal(vigil__schema_validate_json(s, &t, body, "b", &a, NULL, NULL, NULL), 5);
    /* an empty tape (no body) has nothing to violate */
    vigil__jtape empty = { NULL, 0, 0 };
    assert_int_equal(vigil__schema_validate_json(s, &empty, "", "b", &a, NULL, collect, &r), 0);
    assert_int_equal(vigil__schema_validate_json(NULL, &t, body, "b", &a, NULL, collect, &r), 0);
    vigil__schema_free(s);
    vigil__arena_free(&a);

    /* arena exhaustion while decoding escaped strings -> NOMEM */
    s = compile("{\"items\":{\"maxLength\":1000000}}");
    size_t n = 200000;
    char *big = malloc(n + 8);
    assert_non_null(big);
    big[0] = '[';
    big[1] = '"';
    for (size_t i = 2; i + 2 < n; i += 2)
        memcpy(big + i, "\\t", 2);
    memcpy(big + n - 2, "\"]", 3);
    vigil__arena_init(&a, 64 * 1024);
    assert_int_equal(vigil__json_parse(big, strlen(big), NULL, &a, &t), 0);
    assert_int_equal(vigil__schema_validate_json(s, &t, big, "b", &a, NULL, collect, &r),
                     VIGIL__JERR_NOMEM);
    vigil__arena_free(&a);
    vigil__schema_free(s);
    free(big);
}

/* ------------------------------------------------------------ parameters */

static int vparams(const char *schema, const char *const *kv, size_t n, rec *r)
{
    vigil__schema *s = compile(schema);
    vigil_str names[16], values[16];
    for (size_t i = 0; i < n; i++) {
        names[i] = vigil__str(kv[2 * i], strlen(kv[2 * i]));
        values[i] = vigil__str(kv[2 * i + 1], strlen(kv[2 * i + 1]));
    }
    vigil__arena a;
    vigil__arena_init(&a, 1 << 20);
    vigil__schema_scratch *scr = NULL;
    assert_int_equal(vigil__schema_scratch_new(&scr), VIGIL_OK);
    memset(r, 0, sizeof *r);
    int rc = vigil__schema_validate_params(s, names, values, n, "query", &a, scr, collect, r);
    vigil__schema_scratch_free(scr);
    vigil__arena_free(&a);
    vigil__schema_free(s);
    assert_int_equal(rc, r->n);
    return rc;
}

static void test_params(void **state)
{
    (void)state;
    const char *s = "{\"type\":\"object\",\"required\":[\"limit\"],\"additionalProperties\":false,"
                    "\"properties\":{\"limit\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":100},"
                    "\"ratio\":{\"type\":\"number\",\"exclusiveMaximum\":1},"
                    "\"flag\":{\"type\":\"boolean\"},"
                    "\"id\":{\"type\":\"string\",\"format\":\"uuid\"},"
                    "\"big\":{\"type\":\"integer\",\"format\":\"int64\"},"
                    "\"q\":{\"maxLength\":5},"
                    "\"opt\":{\"type\":[\"integer\",\"null\"]},"
                    "\"tags\":{\"type\":\"array\",\"maxItems\":2,\"items\":{\"enum\":[\"a\",\"b\"]}}}}";
    rec r;
    const char *good[] = { "limit", "+10", "ratio", ".5", "flag", "1", "id",
                           "123e4567-e89b-12d3-a456-426614174000", "big", "-0009223372036854775808",
                           "q", "h\xc3\xa9llo", "opt", "null", "tags", "a", "tags", "b" };
    assert_int_equal(vparams(s, good, 9, &r), 0);
    const char *more[] = { "limit", "007", "ratio", "-1e-3", "flag", "false", "opt", "12" };
    assert_int_equal(vparams(s, more, 4, &r), 0);

    const char *l0[] = { "limit", "0" };
    assert_int_equal(vparams(s, l0, 1, &r), 1);
    assert_string_equal(r.rule[0], "schema.minimum");
    assert_string_equal(r.where[0], "query.limit");
    const char *l1[] = { "limit", "1.0" };
    assert_int_equal(vparams(s, l1, 1, &r), 1);
    assert_string_equal(r.rule[0], "schema.type");
    assert_string_equal(r.detail[0], "expected integer");
    const char *l2[] = { "limit", "" };
    assert_int_equal(vparams(s, l2, 1, &r), 1);
    assert_string_equal(r.rule[0], "schema.type");
    const char *l3[] = { "limit", "10abc" };
    assert_int_equal(vparams(s, l3, 1, &r), 1);
    const char *l4[] = { "limit", "5", "ratio", "1", "flag", "yes", "big", "9223372036854775808",
                         "opt", "nil", "q", "toolong", "id", "nope" };
    assert_int_equal(vparams(s, l4, 7, &r), 6);
    assert_string_equal(r.rule[0], "schema.maximum");
    assert_string_equal(r.where[0], "query.ratio");
    assert_string_equal(r.rule[1], "schema.type");
    assert_string_equal(r.where[1], "query.flag");
    assert_string_equal(r.detail[1], "expected boolean");
    assert_string_equal(r.rule[2], "schema.format");
    assert_string_equal(r.where[2], "query.big");
    assert_string_equal(r.rule[3], "schema.type");
    assert_string_equal(r.detail[3], "expected integer or null");
    assert_string_equal(r.rule[4], "schema.length");
    assert_string_equal(r.rule[5], "schema.format");
    /* missing required, unexpected name (reported safely) */
    const char *l5[] = { "x y\"", "1" };
    assert_int_equal(vparams(s, l5, 1, &r), 2);
    assert_string_equal(r.rule[0], "schema.additional");
    assert_string_equal(r.where[0], "query[\"x y\\\"\"]");
    assert_string_equal(r.detail[0], "unexpected parameter \"x y\\x22\"");
    assert_string_equal(r.rule[1], "schema.required");
    assert_string_equal(r.where[1], "query");
    assert_string_equal(r.detail[1], "missing required property \"limit\"");
    /* repeated array names: each item checked, occurrences counted */
    const char *l6[] = { "limit", "1", "tags", "a", "tags", "c", "tags", "b" };
    assert_int_equal(vparams(s, l6, 4, &r), 2);
    assert_string_equal(r.rule[0], "schema.enum");
    assert_string_equal(r.where[0], "query.tags[1]");
    assert_string_equal(r.rule[1], "schema.items");
    assert_string_equal(r.where[1], "query.tags");
    assert_string_equal(r.detail[1], "more than 2 items");
    /* repeated scalar names are each validated */
    const char *l7[] = { "limit", "1", "limit", "1000" };
    assert_int_equal(vparams(s, l7, 2, &r), 1);
    assert_string_equal(r.rule[0], "schema.maximum");

    /* untyped and string properties accept anything; patterns check UTF-8 */
    const char *p = "{\"properties\":{\"name\":{\"pattern\":\"^[a-z]+$\"},\"any\":{}}}";
    const char *l8[] = { "name", "abc", "any", "\xff\x00" };
    assert_int_equal(vparams(p, l8, 2, &r), 0);
    const char *l9[] = { "name", "ab\xff" };
    assert_int_equal(vparams(p, l9, 1, &r), 1);
    assert_string_equal(r.rule[0], "schema.pattern");
    assert_string_equal(r.where[0], "query.name");
    /* an untyped enum of numbers and booleans coerces like a typed one */
    const char *en = "{\"properties\":{\"v\":{\"enum\":[1,2,true,\"x\"]},\"m\":{\"maximum\":5}}}";
    const char *ld[] = { "v", "1", "v", "2.0", "v", "true", "v", "x", "m", "4", "m", "abc" };
    assert_int_equal(vparams(en, ld, 6, &r), 0);
    const char *le[] = { "v", "3", "v", "false", "m", "6" };
    assert_int_equal(vparams(en, le, 3, &r), 3);
    assert_string_equal(r.rule[0], "schema.enum");
    assert_string_equal(r.rule[1], "schema.enum");
    assert_string_equal(r.rule[2], "schema.maximum");
    /* additionalProperties as a schema */
    const char *ad = "{\"additionalProperties\":{\"type\":\"integer\"}}";
    const char *la[] = { "a", "1", "b", "x" };
    assert_int_equal(vparams(ad, la, 2, &r), 1);
    assert_string_equal(r.where[0], "query.b");
    /* the schema false refuses every parameter */
    const char *lb[] = { "a", "1" };
    assert_int_equal(vparams("false", lb, 1, &r), 1);
    assert_string_equal(r.rule[0], "schema.additional");
    /* minItems counts occurrences of present array names */
    const char *mi = "{\"properties\":{\"t\":{\"type\":\"array\",\"minItems\":2}}}";
    const char *lc[] = { "t", "x" };
    assert_int_equal(vparams(mi, lc, 1, &r), 1);
    assert_string_equal(r.rule[0], "schema.items");
    assert_int_equal(vparams(mi, lc, 0, &r), 0);
    /* NULL schema: nothing to check */
    assert_int_equal(vigil__schema_validate_params(NULL, NULL, NULL, 0, "q", NULL, NULL, NULL, NULL),
                     0);
}

/* --------------------------------------------------------------- compile */

static void test_compile_errors(void **state)
{
    (void)state;
    compile_fails("{\"typ\":\"string\"}", "routes[2].body.typ", "unknown keyword \"typ\"");
    compile_fails("{\"type\":\"strng\"}", "routes[2].body.type", "unknown type \"strng\"");
    compile_fails("{\"type\":[\"string\",\"nul\"]}", "routes[2].body.type[1]", "unknown type \"nul\"");
    compile_fails("{\"type\":[]}", "routes[2].body.type", "must not be empty");
    compile_fails("{\"type\":5}", "routes[2].body.type", "must be a string or an array");
    compile_fails("{\"type\":[5]}", "routes[2].body.type[0]", "must be a string or an array");
    compile_fails("{\"minimum\":\"1\"}", "routes[2].body.minimum", "\"minimum\" must be a number");
    compile_fails("{\"maximum\":null}", "routes[2].body.maximum", "\"maximum\" must be a number");
    compile_fails("{\"exclusiveMinimum\":true}", "routes[2].body.exclusiveMinimum",
                  "\"exclusiveMinimum\" must be a number");
    compile_fails("{\"exclusiveMaximum\":[]}", "routes[2].body.exclusiveMaximum", "must be a number");
    compile_fails("{\"minLength\":-1}", "routes[2].body.minLength",
                  "\"minLength\" must be a non-negative integer");
    compile_fails("{\"maxLength\":1.5}", "routes[2].body.maxLength", "non-negative integer");
    compile_fails("{\"minItems\":\"2\"}", "routes[2].body.minItems", "non-negative integer");
    compile_fails("{\"maxItems\":1e300}", "routes[2].body.maxItems", "non-negative integer");
    compile_fails("{\"minimum\":5,\"maximum\":4}", "routes[2].body.minimum", "greater than");
    compile_fails("{\"minLength\":5,\"maxLength\":4}", "routes[2].body.minLength", "greater than");
    compile_fails("{\"minItems\":5,\"maxItems\":4}", "routes[2].body.minItems", "greater than");
    compile_fails("{\"pattern\":1}", "routes[2].body.pattern", "\"pattern\" must be a string");
    compile_fails("{\"pattern\":\"a(b\"}", "routes[2].body.pattern", "invalid pattern: ");
    compile_fails("{\"pattern\":\"a(b\"}", "routes[2].body.pattern", "at offset 3");
    compile_fails("{\"pattern\":\"[z-a]\"}", "routes[2].body.pattern", "invalid pattern");
    compile_fails("{\"pattern\":\"\\\\C\"}", "routes[2].body.pattern", "invalid pattern");
    compile_fails("{\"format\":\"uuidv4\"}", "routes[2].body.format", "unknown format \"uuidv4\"");
    compile_fails("{\"format\":true}", "routes[2].body.format", "\"format\" must be a string");
    compile_fails("{\"enum\":[]}", "routes[2].body.enum", "non-empty array");
    compile_fails("{\"enum\":\"a\"}", "routes[2].body.enum", "non-empty array");
    compile_fails("{\"enum\":[1,{}]}", "routes[2].body.enum[1]", "strings, numbers, booleans or null");
    compile_fails("{\"required\":\"a\"}", "routes[2].body.required", "array of strings");
    compile_fails("{\"required\":[\"a\",1]}", "routes[2].body.required[1]", "array of strings");
    compile_fails("{\"properties\":[]}", "routes[2].body.properties", "must be an object");
    compile_fails("{\"properties\":{\"a\":1}}", "routes[2].body.properties.a",
                  "must be an object or a boolean");
    compile_fails("{\"properties\":{\"a\":{\"type\":\"x\"}}}", "routes[2].body.properties.a.type",
                  "unknown type \"x\"");
    compile_fails("{\"properties\":{\"a b\":{\"maxLenght\":1}}}",
                  "routes[2].body.properties[\"a b\"].maxLenght", "unknown keyword \"maxLenght\"");
    compile_fails("{\"properties\":{\"a\":{},\"a\":{}}}", "routes[2].body.properties",
                  "duplicate property \"a\"");
    compile_fails("{\"type\":\"string\",\"type\":\"integer\"}", "routes[2].body.type",
                  "duplicate keyword \"type\"");
    compile_fails("{\"additionalProperties\":1}", "routes[2].body.additionalProperties",
                  "must be a boolean or a schema");
    compile_fails("{\"additionalProperties\":{\"minimum\":\"x\"}}",
                  "routes[2].body.additionalProperties.minimum", "must be a number");
    compile_fails("{\"items\":[{}]}", "routes[2].body.items", "\"items\" must be a schema");
    compile_fails("{\"items\":{\"items\":{\"enum\":[[]]}}}", "routes[2].body.items.items.enum[0]",
                  "strings, numbers");
    compile_fails("[]", "routes[2].body", "must be an object or a boolean");
    compile_fails("\"string\"", "routes[2].body", "must be an object or a boolean");
    compile_fails("{\"nullable\":true}", "routes[2].body.nullable", "unknown keyword");

    /* annotations are accepted and ignored */
    vigil__schema *s = compile("{\"description\":\"d\",\"title\":\"t\",\"$comment\":\"c\","
                               "\"example\":1,\"examples\":[1],\"default\":{},\"type\":\"integer\","
                               "\"description\":\"again\"}");
    rec r = { 0 };
    assert_int_equal(vbody(s, "1", &r), 0);
    assert_int_equal(vbody(s, "\"x\"", &r), 1);
    vigil__schema_free(s);

    /* nesting limit */
    char deep[4096];
    size_t o = 0;
    for (int i = 0; i <= VIGIL__SCHEMA_MAX_NEST; i++)
        o += (size_t)snprintf(deep + o, sizeof deep - o, "{\"items\":");
    o += (size_t)snprintf(deep + o, sizeof deep - o, "{}");
    for (int i = 0; i <= VIGIL__SCHEMA_MAX_NEST; i++)
        deep[o++] = '}';
    deep[o] = 0;
    cJSON *j = cJSON_Parse(deep);
    assert_non_null(j);
    vigil_error err = VIGIL_ERROR_INIT;
    vigil__schema *out = NULL;
    assert_int_equal(vigil__schema_compile(j, "b", &out, &err), VIGIL_EPOLICY);
    assert_null(out);
    assert_non_null(strstr(err.message, "nested deeper"));
    cJSON_Delete(j);
    /* one level less compiles */
    deep[o - 1] = 0;
    j = cJSON_Parse(deep + strlen("{\"items\":"));
    assert_non_null(j);
    assert_int_equal(vigil__schema_compile(j, "b", &out, &err), VIGIL_OK);
    vigil__schema_free(out);
    cJSON_Delete(j);

    /* arguments */
    assert_int_equal(vigil__schema_compile(NULL, "b", &out, &err), VIGIL_EINVAL);
    assert_null(out);
    vigil__schema_free(NULL);
    vigil__schema_scratch_free(NULL);
}

/* Mutated bodies against a schema using every keyword: never a crash,
 * counts agree with the callback, details stay printable. */
static void test_mutations(void **state)
{
    (void)state;
    vigil__schema *s = compile(
        "{\"type\":\"object\",\"required\":[\"id\",\"tags\"],\"additionalProperties\":"
        "{\"type\":[\"string\",\"integer\"],\"maxLength\":4,\"minimum\":0},\"properties\":{"
        "\"id\":{\"type\":\"string\",\"format\":\"uuid\"},"
        "\"n\":{\"type\":\"number\",\"exclusiveMinimum\":-1,\"maximum\":10,\"format\":\"int32\"},"
        "\"e\":{\"enum\":[\"a\",1,null,false]},"
        "\"tags\":{\"type\":\"array\",\"minItems\":1,\"maxItems\":3,\"items\":{\"type\":\"string\","
        "\"pattern\":\"^[a-z\\u00e9]+$\",\"minLength\":1}},"
        "\"when\":{\"format\":\"date-time\"},\"ip\":{\"format\":\"ipv6\"},"
        "\"o\":{\"properties\":{\"m\":{\"format\":\"email\"}},\"additionalProperties\":false}}}");
    static const char seed[] =
        "{\"id\":\"123e4567-e89b-12d3-a456-426614174000\",\"n\":3,\"e\":null,"
        "\"tags\":[\"ab\",\"\\u00e9\"],\"when\":\"2024-01-01T00:00:00Z\",\"ip\":\"::1\","
        "\"o\":{\"m\":\"a@b.c\"},\"x\":\"abc\",\"y\":5}";
    static const char alphabet[] = "{}[]\",:\\u0123456789eE+-.abz:@ \xc3\xa9\xff";
    vigil__arena a;
    vigil__arena_init(&a, (size_t)16 << 20);
    vigil__schema_scratch *scr = NULL;
    assert_int_equal(vigil__schema_scratch_new(&scr), VIGIL_OK);
    vigil__jtape t;
    char buf[512];
    unsigned rnd = 7;
    int parsed = 0, clean = 0, total = 0;
    for (int iter = 0; iter < 30000; iter++) {
        size_t n = sizeof seed - 1;
        memcpy(buf, seed, n);
        for (int m = 0; m < iter % 4; m++) {
            rnd = rnd * 1103515245u + 12345u;
            size_t pos = (rnd >> 8) % n;
            rnd = rnd * 1103515245u + 12345u;
            char c = alphabet[(rnd >> 4) % (sizeof alphabet - 1)];
            if ((rnd >> 16) % 2 == 0)
                buf[pos] = c;
            else if (n + 1 < sizeof buf) {
                memmove(buf + pos + 1, buf + pos, n - pos);
                buf[pos] = c;
                n++;
            }
        }
        vigil__arena_reset(&a);
        if (vigil__json_parse(buf, n, NULL, &a, &t) != 0)
            continue;
        parsed++;
        rec r = { 0 };
        int rc = vigil__schema_validate_json(s, &t, buf, "body", &a, scr, collect, &r);
        assert_true(rc >= 0);
        assert_int_equal(rc, r.n);
        clean += rc == 0;
        total += rc;
    }
    assert_true(parsed > 1000);
    assert_true(clean > 100);   /* the seed itself validates */
    assert_true(total > 1000);  /* and mutations do violate */
    vigil__schema_scratch_free(scr);
    vigil__arena_free(&a);
    vigil__schema_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_type),
        cmocka_unit_test(test_enum),
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_int_formats),
        cmocka_unit_test(test_lengths),
        cmocka_unit_test(test_pattern),
        cmocka_unit_test(test_string_formats),
        cmocka_unit_test(test_objects),
        cmocka_unit_test(test_arrays_and_nesting),
        cmocka_unit_test(test_stop_count_nomem),
        cmocka_unit_test(test_params),
        cmocka_unit_test(test_compile_errors),
        cmocka_unit_test(test_mutations),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
