/* test_detect_code.c - Node.js / Python / Ruby / Perl code injection and
 * the generic CRS 934 shapes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "detect.h"

/* Lowest sensitivity (1-3) at which s fires, 0 when it never does; checks
 * the finding on the way. */
static int level_n(const char *s, size_t n)
{
    vigil__finding f;
    for (int sens = 1; sens <= 3; sens++) {
        memset(&f, 0, sizeof f);
        if (vigil__detect_code(s, n, sens, &f)) {
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
    return level_n(s, strlen(s));
}

static const char *detail_of(const char *s)
{
    vigil__finding f;
    memset(&f, 0, sizeof f);
    return vigil__detect_code(s, strlen(s), 3, &f) ? f.detail : "";
}

static void expect_fire(const char *const *v, size_t count, int max)
{
    for (size_t i = 0; i < count; i++) {
        int l = level(v[i]);
        if (l == 0 || l > max)
            fail_msg("expected a finding at sensitivity <= %d (got %d): %s", max, l, v[i]);
    }
}

static void expect_quiet(const char *const *v, size_t count)
{
    vigil__finding f;
    for (size_t i = 0; i < count; i++)
        if (vigil__detect_code(v[i], strlen(v[i]), 2, &f))
            fail_msg("false positive (%s): %s", f.detail, v[i]);
}

#define FIRE(arr, max) expect_fire(arr, sizeof arr / sizeof *arr, max)
#define QUIET(arr) expect_quiet(arr, sizeof arr / sizeof *arr)

static void test_node(void **state)
{
    (void)state;
    static const char *const strong[] = {
        "require('child_process').exec('id')", "require(\"node:child_process\")",
        "global.process.mainModule.require('child_process')", "process.mainModule",
        "process.binding('spawn_sync')", "this.constructor.constructor(\"return process\")()",
        "[].constructor.constructor('return this')()", "\"\".sub.constructor(\"alert(1)\")()",
        "constructor[\"constructor\"](\"x\")()", "module.constructor._load('child_process')",
        "new Function (", "new Function(\"return process\")()", "eval(String.fromCharCode(97))",
        "eval(atob('YWxlcnQoMSk='))", "eval(Buffer.from('YQ==','base64').toString())",
        "__js_function", "_$$ND_FUNC$$_function(){}()", "vm.runInNewContext('1')",
        "child_process.execSync('id')", "Deno.run({cmd: ['id']})", "globalThis.process.exit()"};
    FIRE(strong, 1);
    static const char *const medium[] = {
        "process.env", "process[req.query.a", "process.kill(1)", "console.info(1)",
        "console[\"info\"](1)", "console.info.call(this,1)", "String.fromCharCode(88)",
        "require('fs').readFileSync('/etc/passwd')", "x=\"child_process\";lol(x).spawn('id')",
        "Function('return process')()", "a.__proto__.b=1", "{\"__proto__\":{\"admin\":true}}",
        "__proto__[polluted]=1", "constructor.prototype.x=1", "constructor[prototype][x]=1",
        "while(!false)", "while(-Infinity);", "while(-1);", "while(new Date);", "while(this);",
        "while(String);", "while(!!{});", "while(!![]);", "while(!null)", "while(!NaN)",
        "while((true)))", "while(true);\n", "for(;;){}", "<a probe=\"while(!false)\"></a>"};
    FIRE(medium, 2);
    assert_string_equal(detail_of("process.mainModule"), "Node.js process internals");
    static const char *const benign[] = {
        "process.", "process", "the process (step 3) is simple", "Process.env variables explained",
        "process.nextTick is async", "new function (beta) released",
        "A new Function (beta) is now available", "the constructor (builder) pattern",
        "while (foo) is bar.", "while(!true);", "Work while (you) can.",
        "while (true) is a common idiom", "for (;;) is an infinite loop in C",
        "console log not working", "the console", "__proto__ is deprecated",
        "const x = require('./config');", "$(document).ready(function() {})",
        "array.map(x => x * 2)", "why does my regex.exec(str) return null"};
    QUIET(benign);
}

static void test_python(void **state)
{
    (void)state;
    static const char *const strong[] = {
        "__import__('os').system('id')", "os.system('ls')", "os.popen('id').read()",
        "subprocess.Popen(['id'])", "subprocess.check_output('id', shell=True)",
        "eval(compile('print(1)', 'x', 'exec'))", "exec(base64.b64decode('cHJpbnQ='))",
        "getattr(__builtins__, 'eval')('1')", "x.__globals__['os']", "().__class__.__subclasses__()",
        "importlib.import_module('os')", "pty.spawn('/bin/sh')", "yaml.unsafe_load(x)",
        "cos\nsystem\n(S'id'\ntR.", "!!python/object/apply:os.system [\"id\"]",
        "tag:yaml.org,2002:python/object/apply:os.system"};
    FIRE(strong, 1);
    static const char *const medium[] = {"pickle.loads(data)", "yaml.load(open('x'))",
                                         "x.__class__.__mro__", "os.environ['HOME']"};
    FIRE(medium, 2);
    static const char *const benign[] = {
        "import os", "from django.db import models", "def __init__(self):", "__init__.py",
        "print(\"hello\")", "os system", "subprocess", "calling os.fork() from within a thread",
        "arm-builtins.cc (arm_expand_builtin)", "lib/os.py", "python list comprehension example"};
    QUIET(benign);
}

static void test_ruby_perl(void **state)
{
    (void)state;
    static const char *const strong[] = {
        "Kernel.exec('id')", "Kernel.system(\"id\")", "IO.popen('id').read", "Open3.capture2('id')",
        "ERB.new(params[:t]).result", "Marshal.load(Base64.decode64(x))", "Process.spawn('id')",
        "obj.send(:system, 'id')", "x.public_send(\"eval\", c)", "#{`id`}", "#{%x(id)}",
        "<%= `ls` %>", "<%= system('id') %>", "--- !ruby/object:Gem::Installer",
        "open(F, \"|id\")", "open(my $fh, \"cat /etc/passwd|\")"};
    FIRE(strong, 1);
    static const char *const medium[] = {
        "%x(id)", "%x{id}", "qx{whoami}", "qx(id)", "x.instance_eval(\"system('id')\")",
        "@{[system 'whoami']}", "@{[rand 100]}", "@{[$$]}", "@@{[CORE::time()]}",
        "@{   [   uc   'hello'   ]   }", "@{[test][test2]}", "@{[qx{whoami}]}",
        "CORE::GLOBAL::exit", "CORE::system('id')", "readpipe('id')"};
    FIRE(medium, 2);
    assert_int_equal(level("{% if True %}49{% endif %}"), 3);
    assert_int_equal(level("<% if true %>49<% end %>"), 3);
    static const char *const benign[] = {
        "user@example.com", "email=user@example.com", "{'key':['value1','value2']}",
        "$hash{key}=[1,2,3]", "puts \"hello\"", "Ruby on Rails", "Perl 5", "100%",
        "50% off (today only)", "#{name}", "<%= @user.name %>", "{{ user.name }}", "#ff0000",
        "printf(\"%x\", n)", "@media (max-width: 600px)", "@username [admin]"};
    QUIET(benign);
}

static void test_generic_934(void **state)
{
    (void)state;
    static const char *const v[] = {
        "data:text/plain;base64,SSBsb3ZlIFBIUAo=", "data:text/plain", "data:text/html,<b>x</b>",
        "data:image/svg+xml;base64,PHN2Zz4=", "<a probe=\"data:text/plain;base64,SQ==\"></a>",
        "localhost/", "LOCALHOST/", "ipv6-localhost/", "ip6-loopback/",
        "kubernetes.docker.internal/", "host.containers.internal/",
        "kubernetes.default.svc.cluster.local/", "localhost:8080/admin",
        "<a probe=\"localhost/\"></a>", "http://169.254.169.254/computeMetadata/v1/",
        "<a href=\"http://metadata.google.internal/x\">",
        "{\"0\":\"$7:Module:prototype\",\"then\":\"$1:__proto__:then\"}",
        "\"$1:constructor:constructor\"", "user__profile__icontains=x",
        "{\"user__profile__city__startswith\":\"p\"}",
        "created_by__departments__employees__user__username__startswith"};
    FIRE(v, 2);
    assert_int_equal(level("password__isnull"), 3);
    assert_int_equal(level("username__startswith=p"), 3);
    static const char *const benign[] = {
        "data://text/plain;base64,SSBsb3ZlIFBIUAo=",
        "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYP",
        "data:image/jpeg;base64,/9j/4AAQ", "data is great", "localhost", "server=localhost",
        "my localhost setup", "docker.internal is a domain", "https://example.com/localhost/x",
        "use field__startswith for filtering", "please filter by name__startswith", "opt_in",
        "domain=example.com", "Price: $5 (approx.)", "$7:30 pm"};
    QUIET(benign);
}

static void test_everyday_values(void **state)
{
    (void)state;
    static const char *const v[] = {
        "O'Brien", "john.doe@example.com", "https://example.com/search?q=shoes&size=42",
        ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
         "Chrome/124.0.0.0 Safari/537.36"),
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15",
        "python-requests/2.31.0", "Tom & Jerry's Diner", "Fish & Chips (large) - $12.99",
        "{\"items\": [1, 2, 3], \"total\": 6}", "I'm having trouble with my order (#4521).",
        "Node.js (v20)", "Meeting notes: 1) budget, 2) hiring (2 roles)", "v1.2.3",
        "C:\\Users\\Public\\Documents\\report.docx", "../images/logo.png", "10:30 AM"};
    QUIET(v);
}

static void test_robustness(void **state)
{
    (void)state;
    vigil__finding f;
    assert_false(vigil__detect_code(NULL, 10, 2, &f));
    assert_false(vigil__detect_code("os.system('x')", 14, 2, NULL));
    assert_false(vigil__detect_code("", 0, 2, &f));
    assert_true(vigil__detect_code("x\0os.system('id')", 17, 1, &f));
    static const char *const pats[] = {"process.", "#{", "<%", "{%", "a.b", "((((", "@{",
                                       "__x__ ", "\n(c", "$1:", "=localhost", "while(", "qx"};
    size_t n = 1u << 20;
    char *buf = malloc(n);
    assert_non_null(buf);
    for (size_t p = 0; p < sizeof pats / sizeof *pats; p++) {
        size_t l = strlen(pats[p]);
        for (size_t i = 0; i < n; i++)
            buf[i] = pats[p][i % l];
        for (int sens = 1; sens <= 3; sens++) {
            memset(&f, 0, sizeof f);
            if (vigil__detect_code(buf, n, sens, &f))
                assert_true(f.off <= n && f.len <= n - f.off);
        }
    }
    srand(11);
    for (int it = 0; it < 20000; it++) {
        char r[48];
        size_t m = (size_t)(rand() % 48);
        for (size_t i = 0; i < m; i++)
            r[i] = "process.os[(_)]{}#%<@$:/!\nc'\"`xqR "[rand() % 35];
        (void)level_n(r, m);
    }
    free(buf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_node),
        cmocka_unit_test(test_python),
        cmocka_unit_test(test_ruby_perl),
        cmocka_unit_test(test_generic_934),
        cmocka_unit_test(test_everyday_values),
        cmocka_unit_test(test_robustness),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
