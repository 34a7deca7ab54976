/* test_detect_path.c - path traversal / LFI detector. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "detect.h"

#define DETECT_UNDER_TEST vigil__detect_path
#include "detect_level.h"

#define LVL(lit) level(lit, sizeof(lit) - 1)

static const char *detail_of(const char *s, int sens)
{
    vigil__finding f;
    memset(&f, 0, sizeof f);
    if (!vigil__detect_path(s, strlen(s), sens, &f))
        return "";
    return f.detail;
}

static void test_traversal(void **state)
{
    (void)state;
    assert_int_equal(LVL("../../../../etc/passwd"), 1);
    assert_int_equal(LVL("..\\..\\..\\windows\\win.ini"), 1);
    assert_int_equal(LVL("../../../x/y"), 1);
    assert_int_equal(LVL("/var/www/../../../x"), 1);
    /* filter-evasion spellings */
    assert_int_equal(LVL("....//....//....//etc/passwd"), 1);
    assert_int_equal(LVL("..;/..;/..;/WEB-INF/web.xml"), 1);
    assert_int_equal(LVL("..\\/..\\/..\\/boot.ini"), 1);
    assert_int_equal(LVL("..\xc0\xaf..\xc0\xaf..\xc0\xaf" "etc/passwd"), 1); /* overlong '/' */
    assert_int_equal(LVL("..\xe0\x80\xaf..\xe0\x80\xaf" "etc/passwd"), 1);
    assert_int_equal(LVL("..\xc0\x2f..\xc0\x2f..\xc0\x2f" "x"), 1);
    assert_int_equal(LVL("\xc0\xae\xc0\xae/\xc0\xae\xc0\xae/\xc0\xae\xc0\xae/tmp"), 1);
    assert_int_equal(LVL("..\xe2\x88\x95..\xe2\x88\x95..\xe2\x88\x95x"), 1); /* U+2215 */
    assert_int_equal(LVL("0x2e0x2e0x2f0x2e0x2e0x2f0x2e0x2e0x2fetc/passwd"), 1);
    assert_string_equal(detail_of("../../../x/y", 1), "path escapes root");
    /* two levels: default sensitivity */
    assert_int_equal(LVL("../../images/logo.png"), 2);
    assert_int_equal(LVL("/../x"), 2);
    assert_int_equal(LVL("/..\xc0\xaf"), 1); /* an encoded separator is never accidental */
    assert_int_equal(LVL("0x5c0x2e./"), 1);      /* "\\../" spelled in hex */
    assert_int_equal(LVL("..2f..2fetc2fpasswd"), 1); /* escapes that lost their '%' */
    /* a value that opens with a climb asks to climb */
    assert_int_equal(LVL("../img.png"), 2);
    assert_int_equal(LVL("../"), 2);
    assert_int_equal(LVL("..\\\\pineapple"), 2);
    /* a single climb inside text (a relative link) only at 3 */
    assert_int_equal(LVL("See ../README.md for details"), 3);
    /* padding */
    assert_int_equal(LVL("/./././././etc"), 2);
}

static void test_sensitive_targets(void **state)
{
    (void)state;
    assert_int_equal(LVL("/etc/passwd"), 1);
    assert_int_equal(LVL("/etc/shadow\0.png"), 1); /* NUL truncation */
    assert_int_equal(LVL("/proc/self/environ"), 1);
    assert_int_equal(LVL("C:\\Windows\\win.ini"), 1);
    assert_int_equal(LVL("c:/WINDOWS/system32/drivers/etc/hosts"), 1);
    assert_int_equal(LVL("C:\\Program Files\\Apache Group\\Apache\\logs\\access.log"), 1);
    assert_int_equal(LVL("%SYSTEMROOT%\\repair\\SAM"), 1);
    assert_int_equal(LVL("/home/alice/.ssh/id_rsa"), 1);
    assert_int_equal(LVL("/var/www/html/.env"), 1);
    assert_int_equal(LVL("/var/log/apache2/access.log"), 1);
    assert_int_equal(LVL("/var/log/syslog"), 2);
    assert_int_equal(LVL("/root/anything"), 3);
    assert_int_equal(LVL("/usr/local/etc/apache2/httpd.conf"), 1);
    assert_int_equal(LVL("/dev/tcp/10.0.0.1/4444"), 2);
    assert_int_equal(LVL("WEB-INF/web.xml"), 2);
    assert_int_equal(LVL("app/.git/config"), 2);
    assert_int_equal(LVL("etc/passwd"), 2);
    assert_int_equal(LVL("/etc/pa[s]swd"), 1); /* shell glob classes */
    assert_int_equal(LVL("/etc/[m-z]asswd"), 1);
    assert_int_equal(LVL("/etc/[!abc]asswd"), 1);
    /* kernel interfaces, also deeper in a request path */
    assert_int_equal(LVL("/sys/class/net"), 2);
    assert_int_equal(LVL("/get/sys/kernel/x"), 2);
    assert_int_equal(LVL("/get/proc/interrupts"), 2);
    assert_int_equal(LVL("/proc/version"), 1);
    /* hidden files and directories at a root */
    assert_int_equal(LVL("/.cursor/mcp.json"), 2);
    assert_int_equal(LVL("/.aiignore"), 2);
    assert_int_equal(LVL("/home/bob/.envrc"), 2);
    assert_int_equal(LVL("/@id/__x00__"), 2); /* a NUL as a dev server spells it */
    /* Windows: the system directory alone is not a secret, its hives are */
    assert_int_equal(LVL("C:\\Windows\\System32\\config\\SAM"), 1);
    assert_int_equal(LVL("C:\\Windows\\System32\\ls"), 3);
    assert_int_equal(LVL("C:\\inetpub\\wwwroot\\x.aspx"), 2);
    /* bare distinctive names, only as the whole value */
    assert_int_equal(LVL(".htaccess"), 2);
    assert_int_equal(LVL(" .env "), 2);
    assert_int_equal(LVL("web.config"), 2);
    assert_int_equal(LVL("edit your .htaccess file"), 0);
    assert_int_equal(LVL("wp-config.php.bak"), 2); /* backups and padded spellings */
    assert_int_equal(LVL("wp-config_php.txt"), 2);
    assert_int_equal(LVL("wp-config. php"), 2);
    assert_string_equal(detail_of("/etc/passwd", 1), "sensitive file");
}

static void test_wrappers(void **state)
{
    (void)state;
    assert_int_equal(LVL("php://filter/convert.base64-encode/resource=index.php"), 1);
    assert_int_equal(LVL("PHP://input"), 1);
    assert_int_equal(LVL("file:///etc/passwd"), 1);
    assert_int_equal(LVL("phar://upload/x.jpg/shell"), 1);
    assert_int_equal(LVL("zip://shell.jpg#x.php"), 1);
    assert_int_equal(LVL("expect://id"), 1);
    assert_int_equal(LVL("jar:file:/app.jar!/secret"), 1);
    assert_int_equal(LVL("data://text/plain;base64,PD9waHA="), 2);
    assert_int_equal(LVL("data://text/plain,<?php phpinfo(); ?>"), 2);
    assert_int_equal(LVL("x|convert.base64-decode"), 2);
    assert_int_equal(LVL("x=expect://id"), 2);
    assert_int_equal(LVL("convert.iconv.UTF8.CSISO2022KR"), 2);
    assert_string_equal(detail_of("php://input", 1), "stream wrapper");
    /* look-alikes */
    assert_int_equal(LVL("data:image/png;base64,iVBORw0KGgo="), 0);
    assert_int_equal(LVL("data://text/plain;base64,SSBsb3ZlIFBIUAo="), 0); /* just text */
    assert_int_equal(LVL("my_php://x"), 0);
}

static void test_benign(void **state)
{
    (void)state;
    static const char *const ok[] = {
        "/users/42", "a/b/c.txt", "1/26/11", "https://example.com/a/../b",
        "http://example.com/../../../etc/passwd", "docs/../img.png", "/docs/../img.png",
        "/docs/intro", "report.pdf", "jane.doe@example.com", "Tom & Jerry",
        "C:\\fakepath\\photo.png", "..", "...", "Wait... what?", "and/or", "N/A",
        "TCP/IP", "/api/v1/users/42/orders?limit=10", "The etc/ folder", "passwd",
        "Program Files", "/windows/10/download", "~/Documents", "my proc/self review",
        "The file is at /home/alice/notes.txt", "192.168.1.1", "x = (a + b) * c; y = x / 2",
        "Shadow of the Colossus", "settings.ini", "error.log", "1.0.0-beta.1", ".NET Core",
        "0x1F", "50% off", "100%", "C:\\Windows\\System32\\ls", "C:\\Windows\\Fonts\\arial.ttf",
        "C:\\Program Files\\MyApp\\readme.txt", "/.well-known/security.txt",
        "/assets/.cache/img.png", "/api/v1/proc/status", "/products/etc/list",
        "/node_modules/@osd/ui-framework/dist/kui_light.css", "/cgi-bin/search",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/124.0.0.0 Safari/537.36",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15",
        "05/01/2024", "24/7", "w/o", "1/2 cup sugar; 3/4 cup flour", "image/png",
        "\xe2\x80\x9cquoted\xe2\x80\x9d \xe2\x80\x93 text\xe2\x80\xa6", "stra\xc3\x9f" "e/weg"};
    for (size_t i = 0; i < sizeof ok / sizeof *ok; i++) {
        vigil__finding f;
        if (vigil__detect_path(ok[i], strlen(ok[i]), 2, &f))
            fail_msg("false positive at sensitivity 2: %s (%s)", ok[i], f.detail);
    }
}

static void test_robustness(void **state)
{
    (void)state;
    vigil__finding f;
    assert_int_equal(vigil__detect_path(NULL, 0, 2, &f), 0);
    assert_int_equal(vigil__detect_path("", 0, 2, &f), 0);
    assert_int_equal(vigil__detect_path("../../../etc/passwd", 19, 2, NULL), 1);
    /* only n bytes are read */
    assert_int_equal(vigil__detect_path("ab../../../etc/passwd", 2, 3, &f), 0);
    /* large adversarial inputs stay bounded (and do not crash) */
    size_t n = (size_t)1 << 20;
    char *buf = malloc(n);
    assert_non_null(buf);
    static const char *const pats[] = {"../", "%00", "a://", "\xc0", "0x2e", "/.", "[::", "a/",
                                       "..", "/etc/", "[a", "a:", "|c", "..2f", "\xc0\xae"};
    for (size_t p = 0; p < sizeof pats / sizeof *pats; p++) {
        size_t l = strlen(pats[p]);
        for (size_t i = 0; i < n; i++)
            buf[i] = pats[p][i % l];
        for (int sens = 1; sens <= 3; sens++)
            (void)vigil__detect_path(buf, n, sens, &f);
    }
    /* every byte value, including NUL and invalid UTF-8 */
    for (size_t i = 0; i < 4096; i++)
        buf[i] = (char)(i * 7 + (i >> 8));
    for (size_t len = 0; len < 4096; len += 97)
        (void)vigil__detect_path(buf, len, 3, &f);
    free(buf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_traversal),
        cmocka_unit_test(test_sensitive_targets),
        cmocka_unit_test(test_wrappers),
        cmocka_unit_test(test_benign),
        cmocka_unit_test(test_robustness),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
