/* test_detect_sqli.c - SQL injection detector: shapes, sensitivity levels,
 * prose that must not fire, finding spans and hostile input. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "detect.h"
#include "sqli_lex.h"

/* Runs the detector; checks the finding is well formed when it fires. */
static int fires(const char *s, size_t n, int sens, vigil__finding *out)
{
    vigil__finding f;
    memset(&f, 0, sizeof f);
    int r = vigil__detect_sqli(s, n, sens, &f);
    if (r) {
        assert_non_null(f.detail);
        assert_true(f.score >= 1 && f.score <= 100);
        assert_true(f.off <= n);
        assert_true(f.len <= n - f.off);
    }
    if (out)
        *out = f;
    return r;
}

static int fires_s(const char *s, int sens)
{
    return fires(s, strlen(s), sens, NULL);
}

/* Each shape, in the contexts it is written for. */
static void test_positive_shapes(void **state)
{
    static const char *const attacks[] = {
        /* tautologies and conditions after a string break */
        "1' or '1'='1",
        "admin') or ('a'='a",
        "x\" OR \"x\"=\"x",
        "' or ''='",
        "' AND '1'='1",
        "zz' and 1=2 and ''='",
        "x' AND userid IS NULL; --",
        "' or username like '%",
        /* after a number, with or without parentheses to close */
        "1 AND 1=1",
        "1 or 1=1--",
        "1)) or ((1=1",
        "-1 OR 2>1",
        "1 AND (SELECT 1 FROM dual)",
        /* union */
        "-1 union select 1,2,3--",
        "1' UNION ALL SELECT NULL,NULL#",
        "1/**/UnIoN/**/SeLeCt/**/1,2",
        "1 /*!50000union*/ /*!50000select*/ user()",
        "0x31 union (select id from users limit 1,1)",
        "1\nunion\nselect\nversion()",
        /* stacked queries */
        "1; DROP TABLE users--",
        "x'; exec master..xp_cmdshell 'dir'--",
        "1'; insert into users (name) values ('x')--",
        "1; update users set role='admin'",
        "'; declare @s varchar(99); exec(@s)--",
        /* time and error based, file access */
        "1 and sleep(5)",
        "1' and benchmark(5000000,md5(1))#",
        "1 || pg_sleep(5)--",
        "'; waitfor delay '0:0:5'--",
        "1 and extractvalue(1,concat(0x7e,version()))",
        "1' and updatexml(1,concat(0x7e,user()),1)--",
        "' AND 1=CONVERT(INT,@@version)--",
        "1 union select load_file('/etc/passwd')",
        "1' into outfile '/var/www/x.php'--",
        /* probes */
        "1' order by 3--",
        "' group by 1 having 1=1--",
        "admin'--",
        "1 rlike (select case when 1=1 then 1 else 0x28 end)",
    };
    (void)state;
    for (size_t i = 0; i < sizeof attacks / sizeof attacks[0]; i++) {
        if (!fires_s(attacks[i], 2))
            fail_msg("missed at sensitivity 2: %s", attacks[i]);
    }
}

/* Techniques probed by the OWASP CRS 942 rules, each written our own way:
 * bare function probes, catalog names, cut-off calls, JSON operators,
 * casts, select-list fragments, evasions. */
static void test_probe_techniques(void **state)
{
    static const char *const attacks[] = {
        /* a SQL function name and '(' is the whole value */
        "hex(", "ExtractValue(", "group_concat (", "pg_sleep(", "Current_User(\n",
        /* catalog names alone or after FROM */
        "information_schema", "pg_catalog", "MSysAccessObjects", "mysql.user",
        "from information_schema.", "FROM `sysobjects`",
        /* calls cut short, CASE, IF */
        "if(3=", "ascii(substring((select", " case when a then b", "procedure analyse (",
        /* stacked after a break, statement end after a word */
        "';SELECT x", "bob@example.org\";", "me@example.com'/**/;",
        /* dynamic SQL, DDL */
        "exec (@q", "exec master.", "CREATE TABLE t (id INT)", ";replace t (a) values (1)",
        "DROP TABLE IF EXISTS t",
        /* PostgreSQL casts and JSON operators, JSON paths */
        "pg_typeof(x)::text", "'[1]'::jsonb || '2'::jsonb", "OR '{}' ?| array['a']",
        "OR '{\"a\":1}'::jsonb #> '{a}' ? 'b'", "x' and doc @> '{\"a\":1}' union select 1,2--",
        "'[1,{\"b\":2}]' < '$[1].b' = 2",
        /* select list fragments */
        "42 AS \"n\" FROM t", "` AS `col` from",
        /* calls of functions only SQL has, as the value or after a comma */
        "find_in_set('a', b)", ", json_keys(doc)",
        /* evasions: MySQL scientific notation, ODBC braces, version comments */
        "1.e(ascii(x))", "1.e.schemata", "5 or {x (select 1)}=1",
        "x/*!50000union*/", "select]=(updatexml(1,concat(0x7e,user()),1",
        /* anywhere: after text no grammar reads */
        "curl/7.1 ; x waitfor delay '0:0:9'", "<a b=\"select benchmark(9999,md5(1))\">",
    };
    (void)state;
    for (size_t i = 0; i < sizeof attacks / sizeof attacks[0]; i++) {
        if (!fires_s(attacks[i], 2))
            fail_msg("missed at sensitivity 2: %s", attacks[i]);
    }
    /* the strict setting keeps the calls of time-delay functions */
    assert_true(fires_s("Mozilla/5.0 (X) x waitfor delay '0:0:5'", 1));
    assert_true(fires_s("abc benchmark(1000000,sha1(1)) def", 1));
}

/* Look-alikes: names, prose, URLs, quoted words. */
static void test_negative_lookalikes(void **state)
{
    static const char *const benign[] = {
        "O'Brien and sons",
        "don't select this or that",
        "1-2-3 or more",
        "rock'n'roll",
        "select from the menu",
        "Select one from the list below",
        "Please select your plan",
        "European Union select committee report",
        "Drop me a line",
        "Drop table runner in blue",
        "1950 or 1960",
        "2 OR 4 METAL BUTTONS",
        "Use 'OR' to combine terms",
        "SMALL \"&\" SIGN",
        "select 'and'",
        "BAMBOO CHARCOAL SOAP 1 '#",
        "'1--'",
        "Y'ALL COME BACK NOW",
        "I'm afraid so. You're entirely bonkers.",
        "He said \"don't\" and left -- really",
        "1 or 2 -- your choice",
        "Salem OR 97301 -- USA",
        "john.doe+tag@example.com",
        "https://example.com/search?q=shoes&page=2&sort=price",
        "{\"name\": \"Bob\", \"query\": \"red shoes\"}",
        "a=1&b=2&c=3",
        "price > 10 and price < 20",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)",
        "session=abc123; theme=dark",
        "Apt is gated; call when you get here, and we'll come down to get it.",
        "BASE; SET SWAROVSKI",
        "1;1;1;CONTROL;0;0;1;",
        "if (x > 5) { return true; }",
        "sleep(5) seconds",
        "6' 2\" tall",
        "5685587||ORDER=||SECTION_ID=||PAGE=2",
        "x/void(1)",
        /* near the new probes */
        "Left (WA, RR), following the wood edge south",
        "Time (",
        "if (x and",
        "n = max(a, b",
        "p = rest.find(\"$\")",
        "mf.load_file(arg)",
        "POLYGON((30 10, 40 40, 20 40, 10 20, 30 10))",
        "std::string",
        "price::numeric",
        "I Love you <3",
        "Find your solution here -> link",
        "`foo`;`bar`;`def`",
        "created_at",
        "user.email",
        "mysql.com",
        "John as \"Hamlet\" from the play",
        "information_schema is a virtual database",
        "Version 1.e(beta)",
        "see e.g. 1.e.g.",
        "Hello {user name}",
        "a ? b : c",
        "sleep(8 hours)",
        "Type defined with covariant=True or contravariant=True",
        ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 "
         "(KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1"),
        "python-requests/2.31.0",
    };
    (void)state;
    for (size_t i = 0; i < sizeof benign / sizeof benign[0]; i++) {
        vigil__finding f;
        if (fires(benign[i], strlen(benign[i]), 2, &f))
            fail_msg("false positive at sensitivity 2: %s (%s)", benign[i], f.detail);
    }
}

/* The tokenizer's keyword table and its hash index agree. */
static void test_keyword_table(void **state)
{
    (void)state;
    assert_int_equal(vigil__sqlex_selfcheck(), 0);
}

/* Tokens for a few tricky spellings. */
static void test_lexer_tokens(void **state)
{
    vigil__sqlex lx;
    vigil__sqtok t;
    char         types[16];
    uint32_t     flags[16];
    size_t       k;
    (void)state;
    /* executable comment is code; a plain comment is skipped and flagged */
    const char *s = "1/*!50000UNION*/ SeLeCt/**/x'41'";
    vigil__sqlex_init(&lx, s, strlen(s), 0, 1);
    k = 0;
    while (vigil__sqlex_next(&lx, &t) != VIGIL__SQ_END && k < sizeof types) {
        flags[k]   = t.flags;
        types[k++] = (char)t.type;
    }
    assert_int_equal(k, 4);
    assert_int_equal(types[0], VIGIL__SQ_NUM);
    assert_int_equal(types[1], VIGIL__SQ_KW);
    assert_int_equal(types[2], VIGIL__SQ_KW);
    assert_int_equal(types[3], VIGIL__SQ_STR);
    assert_true(flags[3] & VIGIL__SQF_CMT);
    assert_true(flags[3] & VIGIL__SQF_HEX);

    /* quote context: the first token is the string the value closes */
    s = "ab\\'c' or sleep (1)#x";
    vigil__sqlex_init(&lx, s, strlen(s), '\'', 1);
    assert_int_equal(vigil__sqlex_next(&lx, &t), VIGIL__SQ_STR);
    assert_true(t.flags & VIGIL__SQF_VQUOTE);
    assert_false(t.flags & VIGIL__SQF_OPEN);
    assert_int_equal(t.len, 6); /* backslash-escaped quote stays inside */
    assert_int_equal(vigil__sqlex_next(&lx, &t), VIGIL__SQ_LOGIC);
    assert_int_equal(vigil__sqlex_next(&lx, &t), VIGIL__SQ_FUNC);
    assert_true(t.flags & VIGIL__SQF_TIME);
    assert_int_equal(vigil__sqlex_next(&lx, &t), VIGIL__SQ_LPAR);
    assert_int_equal(vigil__sqlex_next(&lx, &t), VIGIL__SQ_NUM);
    assert_int_equal(vigil__sqlex_next(&lx, &t), VIGIL__SQ_RPAR);
    assert_int_equal(vigil__sqlex_next(&lx, &t), VIGIL__SQ_END);
    assert_true(t.flags & VIGIL__SQF_CMT_HASH);

    /* digits running into a keyword split; into letters they are a name */
    s = "1UNION 70s 0x1F @@version";
    vigil__sqlex_init(&lx, s, strlen(s), 0, 1);
    assert_int_equal(vigil__sqlex_next(&lx, &t), VIGIL__SQ_NUM);
    assert_int_equal(vigil__sqlex_next(&lx, &t), VIGIL__SQ_KW);
    assert_int_equal(t.kw, VIGIL__KW_UNION);
    assert_int_equal(vigil__sqlex_next(&lx, &t), VIGIL__SQ_NAME);
    assert_int_equal(vigil__sqlex_next(&lx, &t), VIGIL__SQ_NUM);
    assert_true(t.flags & VIGIL__SQF_HEX);
    assert_int_equal(vigil__sqlex_next(&lx, &t), VIGIL__SQ_VAR);
    assert_true(t.flags & VIGIL__SQF_SYSVAR);

    /* PostgreSQL JSON operators; '#' before "> '" is one, else a comment */
    s = "a @> b <@ c ?| d #> 'e' # f";
    vigil__sqlex_init(&lx, s, strlen(s), 0, 1);
    k = 0;
    while (vigil__sqlex_next(&lx, &t) != VIGIL__SQ_END && k < sizeof types)
        types[k++] = (char)t.type;
    assert_int_equal(k, 9);
    assert_int_equal(types[1], VIGIL__SQ_CMP);
    assert_int_equal(types[3], VIGIL__SQ_CMP);
    assert_int_equal(types[5], VIGIL__SQ_CMP);
    assert_int_equal(types[7], VIGIL__SQ_OP);
    assert_int_equal(types[8], VIGIL__SQ_STR);
    assert_true(t.flags & VIGIL__SQF_CMT_HASH);

    /* "1.e(" is skipped like a comment; a call may put a comment before
     * its '('; "{x " opens a group; a catalog name keeps its trailing dot */
    s = "1.e(ascii/**/(1)) {x 2} information_schema.";
    vigil__sqlex_init(&lx, s, strlen(s), 0, 1);
    assert_int_equal(vigil__sqlex_next(&lx, &t), VIGIL__SQ_LPAR);
    assert_true(t.flags & VIGIL__SQF_EVADE);
    assert_int_equal(vigil__sqlex_next(&lx, &t), VIGIL__SQ_FUNC);
    assert_int_equal(vigil__sqlex_next(&lx, &t), VIGIL__SQ_LPAR);
    assert_true(t.flags & VIGIL__SQF_CMT);
    assert_int_equal(vigil__sqlex_next(&lx, &t), VIGIL__SQ_NUM);
    assert_int_equal(vigil__sqlex_next(&lx, &t), VIGIL__SQ_RPAR);
    assert_int_equal(vigil__sqlex_next(&lx, &t), VIGIL__SQ_RPAR);
    assert_int_equal(vigil__sqlex_next(&lx, &t), VIGIL__SQ_LPAR);
    assert_true(t.flags & VIGIL__SQF_BRACE);
    assert_int_equal(vigil__sqlex_next(&lx, &t), VIGIL__SQ_NUM);
    assert_int_equal(vigil__sqlex_next(&lx, &t), VIGIL__SQ_RPAR);
    assert_int_equal(vigil__sqlex_next(&lx, &t), VIGIL__SQ_NAME);
    assert_int_equal(t.len, strlen("information_schema."));
    assert_true(t.flags & VIGIL__SQF_CATALOG);

    /* word flags: dotted names keep only their package's */
    assert_true(vigil__sqlex_word_flags("benchmark", 9, NULL) & VIGIL__SQF_TIME);
    assert_true(vigil__sqlex_word_flags("dbms_pipe.receive_message", 25, NULL) & VIGIL__SQF_TIME);
    assert_false(vigil__sqlex_word_flags("obj.load_file", 13, NULL) & VIGIL__SQF_FILE);
}

static void test_sensitivity_levels(void **state)
{
    (void)state;
    /* unambiguous shapes fire everywhere */
    assert_true(fires_s("1' or '1'='1", 1));
    assert_true(fires_s("-1 union select 1,2,3--", 1));
    assert_true(fires_s("1; drop table users", 1));
    /* a word broken out of its string and commented: default, not strict */
    assert_false(fires_s("admin'--", 1));
    assert_true(fires_s("admin'--", 2));
    /* a lone quote and comment: only the weak setting */
    assert_false(fires_s("' --", 2));
    assert_true(fires_s("' --", 3));
    /* monotonic: what fires at 1 fires at 2 and 3 */
    assert_true(fires_s("1 and sleep(5)", 3));
    /* out-of-range sensitivities are clamped, not rejected */
    assert_true(fires_s("1' or '1'='1", 0));
    assert_true(fires_s("' --", 7));
}

static void test_finding_span_and_detail(void **state)
{
    vigil__finding f;
    const char    *s = "-1 union select 1,2,3--";
    (void)state;
    assert_true(fires(s, strlen(s), 2, &f));
    assert_string_equal(f.detail, "union select");
    assert_int_equal(f.off, 3);
    assert_true(f.len >= strlen("union select"));
    assert_memory_equal(s + f.off, "union select", 12);

    s = "1' or '1'='1";
    assert_true(fires(s, strlen(s), 2, &f));
    assert_string_equal(f.detail, "tautology after string break");
    assert_memory_equal(s + f.off, "or", 2);

    s = "abc'; waitfor delay '0:0:5'--";
    assert_true(fires(s, strlen(s), 2, &f));
    assert_string_equal(f.detail, "time delay");

    s = "5 AND sleep(3)";
    assert_true(fires(s, strlen(s), 2, &f));
    assert_string_equal(f.detail, "time-based function");
    assert_memory_equal(s + f.off, "sleep", 5);
}

/* NULs, invalid UTF-8, unterminated constructs, deep nesting, all bytes. */
static void test_hostile_input(void **state)
{
    vigil__finding f;
    (void)state;
    assert_false(vigil__detect_sqli(NULL, 5, 2, &f));
    assert_false(vigil__detect_sqli("x", 0, 2, &f));
    assert_false(vigil__detect_sqli("1 or 1=1", 8, 2, NULL));

    static const char nul[] = "1\0UNION\0SELECT\0 2";
    assert_true(fires(nul, sizeof nul - 1, 2, NULL));

    static const char bad_utf8[] = "\xff\xfe' or 1=1 \xc3\x28 -- \xe2\x82";
    assert_true(fires(bad_utf8, sizeof bad_utf8 - 1, 2, NULL));

    static const char *const broken[] = {
        "'", "\"", "`", "/*", "/*!", "*/", "--", "#", "@", "@@", "$$", "$a$x", "[",
        "x'\\", "'\\'", "0x", "1e", "1.e", "N'", "_latin1 '", "U&'", "\\N", ":=", "::",
        "((((", "))))", "case", "select", "union", "' union", "1;", ";;;", "/*!12345",
    };
    for (size_t i = 0; i < sizeof broken / sizeof broken[0]; i++)
        (void)fires(broken[i], strlen(broken[i]), 3, NULL);

    /* deep nesting beyond the grammar's frame limit */
    size_t n    = 100000;
    char  *deep = malloc(n);
    assert_non_null(deep);
    for (size_t i = 0; i < n; i++)
        deep[i] = i < n / 2 ? '(' : ')';
    (void)fires(deep, n, 3, NULL);
    memset(deep, '(', n);
    memcpy(deep + n - 16, "1 or 1=1 union s", 16);
    (void)fires(deep, n, 3, NULL);
    /* a long run of valid expression tokens is still linear */
    for (size_t i = 0; i < n; i++)
        deep[i] = "1+1,"[i % 4];
    (void)fires(deep, n, 3, NULL);
    /* every byte value, in every position class */
    for (size_t i = 0; i < n; i++)
        deep[i] = (char)(unsigned char)((i * 7919u) & 0xff);
    (void)fires(deep, n, 3, NULL);
    free(deep);

    /* long runs of the new constructs stay linear */
    static const char *const runs[] = {"1.e(", "{x ", "#> '", "=(", "select]=(", "a(", "delay '"};
    deep = malloc(n);
    assert_non_null(deep);
    for (size_t r = 0; r < sizeof runs / sizeof runs[0]; r++) {
        size_t l = strlen(runs[r]);
        for (size_t i = 0; i < n; i++)
            deep[i] = runs[r][i % l];
        (void)fires(deep, n, 3, NULL);
    }
    free(deep);

    char all[512];
    for (int i = 0; i < 256; i++) {
        all[2 * i]     = (char)i;
        all[2 * i + 1] = '\'';
    }
    (void)fires(all, sizeof all, 3, NULL);
}

/* The value is scanned as-is; no match inside a string it did not close. */
static void test_context_strings(void **state)
{
    (void)state;
    /* in every context the keywords stay inside one string literal */
    assert_false(fires_s("it is a \"union select\" thing", 2));
    /* a double-quoted break works like a single-quoted one */
    assert_true(fires_s("x\" and \"a\"=\"a", 2));
    /* a backslash before the quote: MySQL keeps the string, other
     * databases see it closed, so both readings are checked */
    assert_false(fires_s("O\\'Brien or x", 2));
    assert_true(fires_s("x\\' or 1=1--", 2));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_keyword_table),
        cmocka_unit_test(test_lexer_tokens),
        cmocka_unit_test(test_positive_shapes),
        cmocka_unit_test(test_probe_techniques),
        cmocka_unit_test(test_negative_lookalikes),
        cmocka_unit_test(test_sensitivity_levels),
        cmocka_unit_test(test_finding_span_and_detail),
        cmocka_unit_test(test_hostile_input),
        cmocka_unit_test(test_context_strings),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
