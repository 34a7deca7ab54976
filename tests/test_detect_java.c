/* test_detect_java.c - Java/JVM injection detector: class references,
 * reflective calls, OGNL, EL/SpEL, Spring4Shell, serialized objects. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "detect.h"

/* Lowest sensitivity (1-3) at which s fires, 0 when it never does. Checks
 * the finding's shape on every hit. */
#define DETECT_UNDER_TEST vigil__detect_java
#include "detect_level.h"

static int lvl(const char *s) { return level(s, strlen(s)); }

static const char *detail_of(const char *s)
{
    vigil__finding f;
    memset(&f, 0, sizeof f);
    if (!vigil__detect_java(s, strlen(s), 3, &f))
        return "";
    return f.detail;
}

/* Every string of the list fires at a level in [lo, hi]. */
static void expect_range(const char *const *v, size_t n, int lo, int hi)
{
    for (size_t i = 0; i < n; i++) {
        int l = lvl(v[i]);
        if (l < lo || l > hi || l == 0)
            fail_msg("level %d, expected %d-%d: %s", l, lo, hi, v[i]);
    }
}

#define EXPECT(list, lo, hi) expect_range(list, sizeof list / sizeof *list, lo, hi)

static void test_class_references(void **state)
{
    (void)state;
    static const char *const strong[] = {
        "java.lang.Runtime", "java.lang.ProcessBuilder", "java.lang.runtime", "java.lang.reflect",
        "java.lang.reflect.Method", "javax.script.ScriptEngineManager", "java.ProcessBuilder",
        "java.evil.runtime", "ProcessBuilder.evil.clonetransformer", "runtime.forclosure",
        "runtime.InvokerTransformer", "java.io.ObjectInputStream", "java.beans.XMLDecoder",
        "<?xml version=\"1.0\"?><x><e a=\"java.lang.Runtime\">v</e></x>",
        "{\"java.lang.ProcessBuilder\": \"test\"}", "x=java.lang.Runtime;y=1",
    };
    static const char *const jdk[] = {
        "java.lang.String", "java.lang.Integer", "java.io.File", "java.io.BufferedReader",
        "java.io.PushbackInputStream", "java.net.URL", "org.apache.commons",
        "org.apache.struts2", "org.omg.CORBA", "com.sun.org.apache", "com.opensymphony.xwork2",
        "sun.misc.Unsafe", "jdk.jshell.JShell", "ognl.OgnlContext", "bsh.Interpreter",
        "groovy.lang.GroovyShell", "weblogic.work.ExecuteThread", "javax.naming.InitialContext",
        "com.sun.rowset.JdbcRowSetImpl", "Lcom.sun.rowset.JdbcRowSetImpl;",
        "org.apache.commons.collections.functors.InvokerTransformer",
        "com.example.gadgets.TemplatesImpl",
        "org.apache.commons.collections.functors.PrototypeFactory$PrototypeCloneFactory",
        /* class and spawn keyword split across XML attributes */
        "<x><e a=\"java.lang.string\" b=\"ProcessBuilder\">v</e></x>",
    };
    EXPECT(strong, 1, 1);
    EXPECT(jdk, 1, 2);
    assert_string_equal(detail_of("java.lang.Runtime"), "Java process-spawning class");
}

static void test_calls_and_spel(void **state)
{
    (void)state;
    static const char *const calls[] = {
        "Runtime.getRuntime().exec(\"id\")",
        "T(java.lang.Runtime).getRuntime().exec('id')",
        "${T(java.lang.Runtime).getRuntime().exec('calc')}",
        "T (org.springframework.util.StreamUtils).copyToByteArray(x)",
        "new ProcessBuilder(new String[]{\"bash\",\"-c\",\"id\"}).start()",
        "new  javax.script.ScriptEngineManager().getEngineByName(\"js\")",
        "${''.getClass().forName('java.lang.Runtime')}",
        "#{request.getClass().getClassLoader()}",
        "x.getClass().forName(y)",
        "T(Runtime).getRuntime()",
    };
    EXPECT(calls, 1, 2);
    assert_int_equal(lvl("T(java.lang.Runtime)"), 1);
    assert_int_equal(lvl("new ProcessBuilder(cmd)"), 1);
    /* plain Java code-ish text: only at sensitivity 3 */
    assert_int_equal(lvl("obj.getClass().getName()"), 3);
    assert_int_equal(lvl("m.invoke(obj)"), 3);
}

static void test_ognl_and_el(void **state)
{
    (void)state;
    static const char *const ognl[] = {
        ("%{(#_='multipart/form-data').(#dm=@ognl.OgnlContext@DEFAULT_MEMBER_ACCESS)."
         "(#_memberAccess?(#_memberAccess=#dm):0).(#cmd='id')}"),
        "${#_memberAccess[\"allowStaticMethodAccess\"]=true}",
        "@java.lang.Runtime@getRuntime().exec('id')",
        "(#rt=@java.lang.Runtime@getRuntime())",
        "%{#context['xwork.MethodAccessor.denyMethodExecution']=false}",
        "%{#a=1}",
    };
    EXPECT(ognl, 1, 1);
    assert_int_equal(lvl("(#p.start())"), 2);
    assert_int_equal(lvl("{#list[0]}"), 2);
    assert_int_equal(lvl("${pageContext.request.getSession()}"), 2);
    assert_int_equal(lvl("#{facesContext.externalContext.redirect('x')}"), 2);
    assert_int_equal(lvl("${applicationScope}"), 2);
    assert_int_equal(lvl("(#cmd='whoami')"), 2);
    assert_int_equal(lvl("#session.id"), 2);
    assert_string_equal(detail_of("#_memberAccess"), "OGNL _memberAccess override");
}

static void test_spring_classloader(void **state)
{
    (void)state;
    static const char *const keys[] = {
        "class.module.classLoader.resources.context.parent.pipeline.first.pattern",
        "Class.Module.ClassLoader.Resources.Context.Parent.Pipeline.First.Suffix",
        "class.classLoader.URLs[0]", "class['classLoader'].resources.dirContext.docBase",
        "class[\"classLoader\"]", "user.class.classLoader.parent",
        "class.protectionDomain.codeSource.location",
    };
    EXPECT(keys, 1, 1);
    assert_int_equal(lvl("styles.module.css"), 0);
    assert_int_equal(lvl("student.class.schedule"), 0);
}

static void test_serialized_objects(void **state)
{
    (void)state;
    static const char raw[] = "\xac\xed\x00\x05sr\x00\x11java.util.HashMap";
    assert_int_equal(level(raw, sizeof raw - 1), 1);
    static const char inbody[] = "junk\x00\xff\xac\xed\x00\x05sr";
    assert_int_equal(level(inbody, sizeof inbody - 1), 1);
    assert_int_equal(lvl("rO0ABXNyABdqYXZhLnV0aWwuUHJpb3JpdHlRdWV1ZQ=="), 1);
    assert_int_equal(lvl("rO0ABQ"), 1);
    assert_int_equal(lvl("data=rO0ABXNy"), 1);
    /* the two shifted base64 alignments and a mid-stream occurrence */
    assert_int_equal(lvl("KztAAU"), 2);
    assert_int_equal(lvl("xKztAAUc3IA"), 2);
    assert_int_equal(lvl("Cs7QAF"), 2);
    assert_int_equal(lvl("H4sIAAAArO0ABXNy"), 2);
    /* hex, either case, inside a larger value */
    assert_int_equal(lvl("blob: aced00057372"), 1);
    assert_int_equal(lvl("x=ACED0005"), 1);
    /* near misses */
    assert_int_equal(lvl("rO0AC is not it"), 0);
    assert_int_equal(lvl("aced0006"), 0);
    static const char short_raw[] = "ab\xac\xed\x00";
    assert_int_equal(level(short_raw, sizeof short_raw - 1), 0);
    /* class names base64-encoded at each alignment: sensitivity 3 only */
    assert_int_equal(lvl("cnVudGltZQ"), 3);                     /* runtime */
    assert_int_equal(lvl("HJ1bnRpbWU"), 3);                     /* ?runtime */
    assert_int_equal(lvl("x BydW50aW1l y"), 3);                 /* ??runtime */
    assert_int_equal(lvl("aW52b2tlcnRyYW5zZm9ybWVy"), 3);       /* invokertransformer */
    assert_int_equal(lvl("Bwcm90b3R5cGVjbG9uZWZhY3Rvcnk=test"), 3);
    assert_int_equal(lvl("cnVudGlt"), 0);                       /* too short */
    assert_int_equal(lvl("SGVsbG8sIFdvcmxkISBIb3cgYXJlIHlvdT8="), 0);
}

static void test_jsp_trailing(void **state)
{
    (void)state;
    assert_int_equal(lvl("shell.jsp."), 2);
    assert_int_equal(lvl("a.jspx/"), 2);
    assert_int_equal(lvl("cmd.JSP.."), 2);
    assert_int_equal(lvl("shell.jsp  "), 2);
    assert_int_equal(lvl("index.jsp"), 0);
    assert_int_equal(lvl("/app/login.jsp"), 0);
    assert_int_equal(lvl(".jsp."), 0);
}

static void test_benign(void **state)
{
    (void)state;
    static const char *const benign[] = {
        "O'Brien", "select your plan", "john.smith@example.com",
        "https://www.example.com/path/to/page.html?x=1&y=2#section-3",
        "Please select the premium plan; it's cheaper (really) & faster.",
        ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
         "Chrome/120.0.0.0 Safari/537.36"),
        "Apache-HttpClient/4.5.13 (Java/1.8.0_292)", "java.com", "www.java.com",
        "I use Java, Kotlin and Scala.", "Java runtime environment", "runtime.txt",
        "runtime.config.json", "The Process Builder is deprecated", "java.runtime.version",
        "java.io.tmpdir", "-Djava.net.preferIPv4Stack=true", "java.lang:type=Memory",
        "javax.faces.ViewState", "javax.servlet.http", "com.apple.Safari",
        "com.google.android.youtube", "org.springframework.web", "com.zaxxer.hikari",
        "org.example.demo", "{\"@context\": \"https://schema.org\", \"@type\": \"Person\"}",
        "#hashtag #java", "(#1 best seller)", "#request for comments", "color: #333;",
        "a, #nav.open:hover, #nav[hidden]", "div#main.content > p.lead", "${HOME}/bin",
        "Hello #{user.name}!", "%{count} items", "T(n) = 2T(n/2) + O(n)", "${7*7}",
        "alice@example.com, bob@example.org", "@john.smith thanks!",
        "Meeting @ 3pm in room 4.2", "Use @Override and @Deprecated.", "sort=created_at.desc",
        "filter[status]=active", "user[address][city]=Paris", "config.class.name",
        "element.classList.add('active')", "System.out.println(\"hi\")",
        "how to use Class.forName in java", "String.valueOf(42)", "rO0 is not a word",
        "2024-05-01T10:00:00Z", "v1.2.3-beta.4", "index.jsp",
        "https://docs.oracle.com/javase/8/docs/api/java/lang/Runtime.html",
        /* errors and stack traces name JDK classes: level 3 at most */
        "Exception in thread \"main\" java.lang.NullPointerException",
        "\tat java.lang.reflect.Method.invoke(Method.java:498)",
        "\tat java.lang.Class.forName(Class.java:264)",
        "\tat sun.reflect.NativeMethodAccessorImpl.invoke0(Native Method)",
        "java.net.SocketTimeoutException: Read timed out",
        "org.apache.commons:commons-lang3:3.12.0",
    };
    for (size_t i = 0; i < sizeof benign / sizeof *benign; i++) {
        vigil__finding f;
        if (vigil__detect_java(benign[i], strlen(benign[i]), 2, &f))
            fail_msg("benign value fired (%s): %s", f.detail, benign[i]);
    }
    /* the stack trace is still visible at sensitivity 3 */
    assert_int_equal(lvl("\tat java.lang.Thread.run(Thread.java:748)"), 3);
}

static void test_robustness(void **state)
{
    (void)state;
    vigil__finding f;
    assert_int_equal(vigil__detect_java(NULL, 10, 2, &f), 0);
    assert_int_equal(vigil__detect_java("java.lang.Runtime", 17, 2, NULL), 0);
    assert_int_equal(vigil__detect_java("", 0, 2, &f), 0);
    assert_int_equal(vigil__detect_java("java.lang.Runtime", 4, 2, &f), 0);
    /* out-of-range sensitivities are clamped, not rejected */
    assert_int_equal(vigil__detect_java("java.lang.Runtime", 17, 0, &f), 1);
    assert_int_equal(vigil__detect_java("java.lang.String", 16, 99, &f), 1);

    /* every byte value, and NULs inside names */
    char all[512];
    for (size_t i = 0; i < sizeof all; i++)
        all[i] = (char)(i & 0xff);
    (void)level(all, sizeof all);
    static const char nul[] = "java.\0lang.Runtime";
    assert_int_equal(level(nul, sizeof nul - 1), 0);

    /* pathological repetitions stay linear and never read out of bounds:
     * exact-length heap buffers let ASan catch overreads */
    static const char *const unit[] = {"java.", "a.", "(", "#{", "${#", "@a.B", "class[",
                                       "T(", "x", "[", ".", "#a", "java.lang."};
    const size_t big = (size_t)1 << 20;
    for (size_t u = 0; u < sizeof unit / sizeof *unit; u++) {
        size_t ul = strlen(unit[u]);
        char *b = malloc(big);
        assert_non_null(b);
        for (size_t i = 0; i < big; i++)
            b[i] = unit[u][i % ul];
        for (size_t cut = big - 3; cut <= big; cut++)
            (void)level(b, cut);
        free(b);
    }
    /* a long identifier before a dot is not looked back over forever */
    char *w = malloc(100001);
    assert_non_null(w);
    memset(w, 'a', 100000);
    memcpy(w + 100000 - 8, ".Runtime", 8);
    w[100000] = '\0';
    (void)level(w, 100000);
    free(w);
    /* every suffix of an attack is safe to scan */
    static const char atk[] = "%{(#dm=@ognl.OgnlContext@DEFAULT_MEMBER_ACCESS).(#_memberAccess=#dm)."
                              "T(java.lang.Runtime).getRuntime() rO0ABQ aced0005 \xac\xed\x00\x05";
    size_t al = sizeof atk - 1;
    for (size_t k = 0; k < al; k++) {
        char *c = malloc(al - k);
        assert_non_null(c);
        memcpy(c, atk + k, al - k);
        (void)level(c, al - k);
        free(c);
    }
}

/* The anchor prescans (16 and 32 bytes at a time, the short-value filter,
 * the quick turn-away of ordinary anchors) must not move a verdict: every
 * shape at every offset behind blanks, in exactly sized buffers, keeps
 * its level, and ordinary text stays silent. */
static void test_every_offset(void **state)
{
    (void)state;
    static const struct {
        const char *s;
        size_t      n; /* 0: strlen */
    } v[] = {
        {"java.lang.Runtime", 0}, {"javax.script.ScriptEngineManager", 0},
        {"T(java.lang.Runtime).getRuntime()", 0}, {"new ProcessBuilder(cmd)", 0},
        {"x.getClass().forName(y)", 0}, {"%{#a=1}", 0}, {"(#p.start())", 0}, {"{#list[0]}", 0},
        {"${pageContext.request}", 0}, {"@java.lang.Runtime@getRuntime()", 0},
        {"class['classLoader']", 0}, {"class.module.classLoader", 0}, {"#_memberAccess", 0},
        {"rO0ABQ", 0}, {"KztAAU", 0}, {"Cs7QAF", 0}, {"aced0005", 0}, {"\xac\xed\x00\x05sr", 6},
        {"shell.jsp.", 0}, {"obj.getClass().getName()", 0}, {"m.invoke(obj)", 0},
        {"org.apache.commons.collections.functors.InvokerTransformer", 0},
        {"cnVudGltZQ", 0}, {"Lcom.sun.rowset.JdbcRowSetImpl", 0}, {"x=@Foo.Bar@baz", 0},
        {"@ognl.OgnlContext@DEFAULT_MEMBER_ACCESS", 0},
        /* silent ones, anchors included */
        {"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)", 0},
        {"Hello Anna, thanks for the notes (very useful!). Can we meet at 10:30?", 0},
        {"user@example.com", 0}, {"a#b", 0}, {"${x}", 0}, {"zzzz OOOO QQQQ 5555", 0},
    };
    for (size_t i = 0; i < sizeof v / sizeof *v; i++) {
        size_t l = v[i].n ? v[i].n : strlen(v[i].s);
        int base = level(v[i].s, l);
        for (size_t pad = 1; pad + l <= 90; pad++) {
            char *b = malloc(pad + l);
            assert_non_null(b);
            memset(b, ' ', pad);
            memcpy(b + pad, v[i].s, l);
            int got = level(b, pad + l);
            free(b);
            if (got != base)
                fail_msg("level %d after %zu blanks, %d alone: %s", got, pad, base, v[i].s);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_class_references), cmocka_unit_test(test_calls_and_spel),
        cmocka_unit_test(test_ognl_and_el),      cmocka_unit_test(test_spring_classloader),
        cmocka_unit_test(test_serialized_objects), cmocka_unit_test(test_jsp_trailing),
        cmocka_unit_test(test_benign),           cmocka_unit_test(test_robustness),
        cmocka_unit_test(test_every_offset),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
