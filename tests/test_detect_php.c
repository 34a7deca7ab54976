/* test_detect_php.c - PHP code and object injection detector. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "detect.h"

/* Provided by detect_php.c for file-name contexts (multipart filename,
 * X-Filename headers); declared here until detect.h carries it. */

typedef int (*detect_fn)(const char *, size_t, int, vigil__finding *);

/* Lowest sensitivity (1-3) at which s fires, 0 when it never does; checks
 * the finding on the way. */
static int level_of(detect_fn fn, const char *s, size_t n)
{
    vigil__finding f;
    for (int sens = 1; sens <= 3; sens++) {
        memset(&f, 0, sizeof f);
        if (fn(s, n, sens, &f)) {
            assert_non_null(f.detail);
            assert_true(f.score >= 1 && f.score <= 100);
            assert_true(f.off <= n && f.len <= n - f.off);
            return sens;
        }
    }
    return 0;
}

static int level(const char *s)
{
    return level_of(vigil__detect_php, s, strlen(s));
}

static const char *detail_of(const char *s)
{
    vigil__finding f;
    memset(&f, 0, sizeof f);
    return vigil__detect_php(s, strlen(s), 3, &f) ? f.detail : "";
}

/* Every string fires at sensitivity <= max (and at some level). */
static void expect_fire(const char *const *v, size_t count, int max)
{
    for (size_t i = 0; i < count; i++) {
        int l = level(v[i]);
        if (l == 0 || l > max)
            fail_msg("expected a finding at sensitivity <= %d (got %d): %s", max, l, v[i]);
    }
}

/* No string fires at sensitivity 2 (the API default). */
static void expect_quiet(const char *const *v, size_t count)
{
    vigil__finding f;
    for (size_t i = 0; i < count; i++)
        if (vigil__detect_php(v[i], strlen(v[i]), 2, &f))
            fail_msg("false positive (%s): %s", f.detail, v[i]);
}

#define FIRE(arr, max) expect_fire(arr, sizeof arr / sizeof *arr, max)
#define QUIET(arr) expect_quiet(arr, sizeof arr / sizeof *arr)

static void test_open_tags(void **state)
{
    (void)state;
    static const char *const tags[] = {
        "<?php echo 'x'; ?>", "<?PHP system('id');", "<? php echo 1", "<?= $x ?>", "<?=1?>",
        "<?php\n phpinfo();", "<?php/**/eval($_GET[1]);",
        "<script language=\"php\">system('id')</script>"};
    FIRE(tags, 1);
    static const char *const short_tags[] = {
        "<? echo 'hi'; ?>", "<?\techo \"x\";?>", "<? \t\tprint test", "<? $a=1; ?>",
        "<? passthru('ls'); ?>", "<? foo('bar') ?>", "test<?", "<?xml :fputcsv($f, $a);",
        "<?xml\t:echo 1;", "[php]echo 1;[/php]", "code[/php]", "{PHP}echo 1", "x[\\php]"};
    FIRE(short_tags, 2);
    assert_string_equal(detail_of("<?php echo 1"), "PHP open tag");
    static const char *const benign[] = {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><a/>", "<?xml\tversion=\"1.0\"?>",
        "<?xpacket begin=\"?\" id=\"W5M0\"?>", "<?xsl-stylesheet type=\"text/xsl\"?>",
        "<?xa test", "<?php", "session=<?php", "<? should not trigger",
        "Is this a test? What do you think?", "a < b ? c : d", "What? <3 you"};
    QUIET(benign);
}

static void test_function_calls(void **state)
{
    (void)state;
    static const char *const strong[] = {
        "system('id')", "; passthru(\"ls -la\");", "shell_exec($c)", "eval($foo)",
        "eVAl(\"echo 1;\");", "exec  (blah)", "exec /*c*/ ()", "exec \t #c\n (x)",
        "exec\t/*a\r\nb*/\t (x)", "symlink//c\n(x)" /* sensitivity 3 name */,
        "base64_decode(", "FOOgzinflate()", "pfsockopen('h', 25)", "phpinfo()",
        "unserialize(foo)", "assert_OptionS (\n\n)", "call_user_func('system','id')",
        "eval(gzinflate(str_rot13(base64_decode(\"\"))))", "file_put_contents('a.php', $x)",
        "{${system(id)}}", "'a'.system('id')"};
    for (size_t i = 0; i < sizeof strong / sizeof *strong; i++) {
        int l = level(strong[i]);
        if (l == 0)
            fail_msg("expected a finding: %s", strong[i]);
    }
    assert_int_equal(level("system('id')"), 1);
    assert_int_equal(level("symlink//c\n(x)"), 3);
    static const char *const medium[] = {
        "chr(123)", "substr()", "unpack($x)", "printf(foo)", "fopen  (blah)", "filegroup (x)",
        "posix_getpwuid('foo', 25)", "curl_iNit()", "get_defined_vars()[0]",
        "pg_enter_pipeline_mode (", "array_map(\"system\", array(\"id\"))",
        "usort($a, 'assert')"};
    FIRE(medium, 2);
    assert_string_equal(detail_of("array_map('system', $a)"),
                        "PHP callback with a dangerous function");
    static const char *const benign[] = {
        "the system is down()", "ecosystem()", "systems()", "system something()", "executor()",
        "audiofile($foo)", "RootAndLeafOpenCamera.jpg", "the files (yep)",
        "autodescription-site-settings[title_strip_tags]", "SprintForTheCause", "exploration",
        "Moreover, phpinfo can leak configuration details.", "eval(", "Eval (final round)",
        "The system (v2) handles it", "System (Linux) requirements", "check the file(s)",
        "see exec(3) and stat(2)", "The function system() is thread safe.",
        "unlink() in case of failure", "Remove extra printf() args.", "du --one-file-system (-x)",
        "array_map(fn, $list)", "regex.exec(input)",
        "A loaded ghost gun (unserialized) was recovered.", "(select(pg_sleep(15)))",
        "[ACME]: this is, (another) test (foo)bar or foo(bar).",
        "(foo)bar or foo(bar) or [foo]bar or foo[bar]", "section 5(a)(1) of the act",
        "(see the operating system)(p. 5)", "remove unused require('assert') (Rod Vagg)",
        "how to use printf in C", "sum(x) / len(x)", "max(a, b)", "rgb(255, 0, 0)"};
    QUIET(benign);
}

static void test_dynamic_calls(void **state)
{
    (void)state;
    static const char *const v[] = {
        "$$b(2)", "$_(3)", "$__[$_[1]](7)", "$__[@$c](8)", "${@a}(10)", "$GLOBALS['x'](14)",
        "$OOO000000{0}(15)", "$_aB_4c[5]['d'] /*lol*/ (17)", "@$___[@!+_](21)",
        "$____[_]{_}[@_](25)", "$_aB_4c #foo\r\n\t[5]//bar\r\n\t['d'] /*foo*/ (17)",
        "$$$z(29)", "$f(101).$f(120)", "@$b374k(\"foo\")", "${$foo->bar}(200)",
        "Foo::$variable()", "$a //x\n()", "(system)('uname') ;", "(sy.(st).em)('uname');",
        "(string)\"system\"('uname');", "(string) {[system][0]} ('uname');",
        "define('x', 'sys' . 'tem');(x)/* comment */('uname');", "(system)(ls);",
        "(  [  system  ][  0  ])  {/* comment */0}  (  ls  );", "\"system\"(ls);",
        "return\"system\"(xyz).s", "$f = 'as'.'sert'; $f($x);", "$obj->system()"};
    FIRE(v, 2);
    static const char *const benign[] = {
        "$a[]()", "$a{}()", "$5 (approx.)", "$HOME (default)", "Set $PATH (usually /usr/bin)",
        "$(document).ready(fn)", "$.ajax({url: '/api'})", "(func $main (export \"_start\"))",
        "(ecosystem)(see below)", "She wrote: 'see you soon' . 'bye'"};
    QUIET(benign);
}

static void test_variables_and_objects(void **state)
{
    (void)state;
    static const char *const strong[] = {
        "$_SERVER['test'];", "$_GET['a']", "$GLOBALS ['x']",
        "O:8:\"stdClass\":1:{s:1:\"a\";i:2;}", "O:+8:\"stdClass\":0:{}",
        "a:2:{i:0;s:1:\"a\";i:1;i:2;}", "a:0:{}",
        "_|O:32:\"Monolog\\Handler\\SyslogUdpHandler\":1:{S:6:\"socket\";}",
        "C:11:\"ArrayObject\":21:{x:i:0;a:0:{};m:a:0:{}}"};
    FIRE(strong, 1);
    static const char *const medium[] = {"$ {'fdf'}", "$              {         $a}", "${a}",
                                         "${'a'.'b'}", "$_SERVER", "echo $_COOKIE;"};
    FIRE(medium, 2);
    assert_string_equal(detail_of("O:8:\"stdClass\":1:{s:1:\"a\";i:2;}"), "serialized PHP object");
    static const char *const benign[] = {
        "${}", "$ { }", "Hello ${name}, welcome back!", "${HOME}/projects", "${jndi:ldap://x}",
        "$_SE RVER['test']", "O:8 am meeting", "a:1 ratio", "Class C:1 license",
        "4:3 aspect ratio", "{'key': ['value1', 'value2']}", "$hash{key}=[1,2,3]"};
    QUIET(benign);
}

static void test_ini_wrappers_files(void **state)
{
    (void)state;
    static const char *const v[] = {
        "opcache.jit_max_polymorphic_calls=50", "mbstring.regex_stack_limit=true",
        "precision=true", "unserialize_max_depth=true", "memory_limit = 512M",
        "extension_dir=/path/to/example", "allow_url_include=On",
        "<a probe=\"session.save_path=/tmp\"></a>", "x\nauto_prepend_file=php://input\n",
        "php_value auto_prepend_file /tmp/x", "ssh2.tunnel://user:pw@example.com:22/10.0.0.1:25",
        "ssh2.sftp://user:pw@example.com:22/path", "photo.php ", "photo. php",
        "fthi/sfewfda.php.............", "fda.php5...", "dangerous. phtml",
        "/tmp/sess_abc123def456ghi789jkl", "sess_1234567890abcdefghij",
        "C:\\temp\\sess_malicious12345678901", "SESS_abc123def456ghi789jkl"};
    FIRE(v, 2);
    static const char *const benign[] = {
        "precision", "set precision to 2", "The memory_limit is too low.",
        "precision=53 to machine results", "session.timeout", "a=1&b=2", "max-age=0",
        "index.php", "contact.php", "/blog/index.php?p=42", "Check the config in settings.php.",
        "Learn PHP. PHP is great", "sess_short", "session_report.txt", "mydata.sess",
        "sess_2YJN7yNVCBkPlFzSwCXaQHxK7N4", "safe.phpinfo", "document.pdf"};
    QUIET(benign);
}

static void test_upload_names(void **state)
{
    (void)state;
    vigil__finding f;
    static const char *const v[] = {"a.php", "fda.php5", "fda.php7", "dangerous.phps",
                                    "something/dangerous.php", "photo.php  ", "x.phtml",
                                    "sess_d8ew88tqmabdcokhumchy8htqm"};
    for (size_t i = 0; i < sizeof v / sizeof *v; i++)
        if (!vigil__detect_php_upload(v[i], strlen(v[i]), 2, &f))
            fail_msg("upload not detected: %s", v[i]);
    static const char *const benign[] = {"safe.txt", "report.pdf", "safe.phpinfo",
                                         "shell.php.jpg", "my php notes.txt", "photo.jpeg"};
    for (size_t i = 0; i < sizeof benign / sizeof *benign; i++)
        if (vigil__detect_php_upload(benign[i], strlen(benign[i]), 2, &f))
            fail_msg("upload false positive: %s", benign[i]);
    /* the upload check includes the value check */
    assert_true(vigil__detect_php_upload("<?php x", 7, 1, &f));
}

static void test_everyday_values(void **state)
{
    (void)state;
    static const char *const v[] = {
        "O'Brien", "john.doe@example.com", "https://example.com/search?q=shoes&size=42",
        "Fish & Chips (large) - $12.99", "1+1=2", "2 * (3 + 4) = 14", "f(x) = 3x + 2",
        ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
         "Chrome/124.0.0.0 Safari/537.36"),
        "{\"name\": \"Alice\", \"age\": 30}", "Meeting notes: 1) budget, 2) hiring (2 roles)",
        "calc(100% - 20px)", "Quarterly Report (final) v2.docx", "MacBook Pro (16-inch, 2023)",
        "I'd like to upgrade my plan; please call me at 555-1234.", "2024-05-01T10:30:00Z"};
    QUIET(v);
}

static void test_sensitivity_tiers(void **state)
{
    (void)state;
    /* sensitivity 1 keeps the unambiguous shapes, drops the weaker ones */
    vigil__finding f;
    assert_true(vigil__detect_php("<?php echo 1", 12, 1, &f));
    assert_true(vigil__detect_php("phpinfo()", 9, 1, &f));
    assert_false(vigil__detect_php("chr(123)", 8, 1, &f));
    assert_true(vigil__detect_php("chr(123)", 8, 2, &f));
    assert_false(vigil__detect_php("${a}", 4, 1, &f));
    assert_false(vigil__detect_php("date_add()", 10, 2, &f));
    assert_true(vigil__detect_php("date_add()", 10, 3, &f));
}

static void test_robustness(void **state)
{
    (void)state;
    vigil__finding f;
    assert_false(vigil__detect_php(NULL, 10, 2, &f));
    assert_false(vigil__detect_php("<?php x", 7, 2, NULL));
    assert_false(vigil__detect_php("", 0, 2, &f));
    /* NUL bytes and high bytes are just bytes */
    static const char nul[] = "sys\0tem('id') <?\0php \xff\xfe$\x80(";
    (void)level_of(vigil__detect_php, nul, sizeof nul - 1);
    assert_true(vigil__detect_php("x\0<?php echo", 12, 2, &f));
    /* large adversarial inputs finish (linear scans, bounded look-backs) */
    static const char *const pats[] = {"a/*", "((((", "$a[", "'a'.", "<?", ")(", "*/(",
                                       "\n#", "$$$$", "${", "(((a)))", "exec \t", "a:1:{"};
    size_t n = 1u << 20;
    char *buf = malloc(n);
    assert_non_null(buf);
    for (size_t p = 0; p < sizeof pats / sizeof *pats; p++) {
        size_t l = strlen(pats[p]);
        for (size_t i = 0; i < n; i++)
            buf[i] = pats[p][i % l];
        for (int sens = 1; sens <= 3; sens++) {
            memset(&f, 0, sizeof f);
            if (vigil__detect_php(buf, n, sens, &f))
                assert_true(f.off <= n && f.len <= n - f.off);
        }
    }
    /* random bytes */
    srand(7);
    for (int it = 0; it < 20000; it++) {
        char r[48];
        size_t m = (size_t)(rand() % 48);
        for (size_t i = 0; i < m; i++)
            r[i] = "<?php$_(){}[]/*#\n\"'.:=;@sexcOa0 "[rand() % 33];
        (void)level_of(vigil__detect_php, r, m);
    }
    free(buf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_open_tags),
        cmocka_unit_test(test_function_calls),
        cmocka_unit_test(test_dynamic_calls),
        cmocka_unit_test(test_variables_and_objects),
        cmocka_unit_test(test_ini_wrappers_files),
        cmocka_unit_test(test_upload_names),
        cmocka_unit_test(test_everyday_values),
        cmocka_unit_test(test_sensitivity_tiers),
        cmocka_unit_test(test_robustness),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
