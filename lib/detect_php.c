/*
 * detect_php.c - PHP code and object injection (see detect.h).
 *
 * One byte-class pass decides which checks can apply at all; most values
 * (words, numbers, URLs, prose) leave after it. The checks then look for
 * PHP as the interpreter would read it:
 *   - open tags: <?php, <?=, "<?" followed by a statement, the <?xml
 *     polyglot, <script language="php">, [php] / {php} pseudo tags;
 *   - calls of dangerous built-ins, with blanks and comments allowed
 *     between name and '(' ("exec /" "*x*" "/ (...)"); English words such
 *     as "system" or "exec" need code around them, not prose;
 *   - variable functions and calls through expressions: $f(...), $$x(),
 *     ${@a}(), $_[1](), (system)(...), "sys"."tem"(...), (sy.(st).em)();
 *   - superglobals, ${...} variable variables, serialized objects
 *     (O:8:"stdClass":1:{...}), php.ini directives, ssh2.* wrappers,
 *     session-file names and uploads of PHP scripts.
 * Time is linear: every forward scan resumes where the previous one
 * stopped, and the few backward looks are bounded by small constants.
 */
#include "detect.h"
#include "textclass.h"


/* ---------------------------------------------------------------- bytes */

/* [A-Za-z0-9_] and bytes >= 0x80: PHP identifier bytes */
static const uint8_t ident_tab[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0,
    0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 1,
    0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
};

static int is_ident(unsigned char c)
{
    return ident_tab[c];
}

static int is_ident_start(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
}




/* Case-insensitive: does s[i..n) start with the lower-case literal lit? */
static int at_lit(const unsigned char *s, size_t i, size_t n, const char *lit)
{
    for (size_t k = 0; lit[k]; k++)
        if (i + k >= n || vigil__lower(s[i + k]) != (unsigned char)lit[k])
            return 0;
    return 1;
}

static int hit(vigil__finding *f, const char *detail, int score, size_t off, size_t len)
{
    f->detail = detail;
    f->score = score;
    f->off = off;
    f->len = len;
    return 1;
}

/* Where comments can end: the last star-slash and the last newline
 * (SIZE_MAX when absent), found on first need so that an unterminated
 * comment costs nothing per position and most values never pay. */
typedef struct gaps {
    int    ready;
    size_t last_close;
    size_t last_nl;
} gaps;

static void gaps_need(gaps *g, const unsigned char *s, size_t n)
{
    if (g->ready)
        return;
    g->ready = 1;
    g->last_close = SIZE_MAX;
    g->last_nl = SIZE_MAX;
    for (size_t i = n; i-- > 0;) {
        if (g->last_nl == SIZE_MAX && s[i] == '\n')
            g->last_nl = i;
        if (g->last_close == SIZE_MAX && s[i] == '/' && i > 0 && s[i - 1] == '*')
            g->last_close = i - 1;
        if (g->last_nl != SIZE_MAX && g->last_close != SIZE_MAX)
            break;
    }
}

/* Skips blanks and complete PHP comments (block, // and #) from i. A
 * comment that never ends is not skipped: PHP would swallow the rest of
 * the input with it. Sets *comment when one was skipped. */
static size_t skip_gap(const unsigned char *s, size_t i, size_t n, gaps *g, int *comment)
{
    for (;;) {
        while (i < n && vigil__is_space(s[i]))
            i++;
        if (i + 1 < n && s[i] == '/' && s[i + 1] == '*') {
            gaps_need(g, s, n);
            if (g->last_close == SIZE_MAX || g->last_close < i + 2)
                return i;
            size_t k = i + 2;
            while (!(s[k] == '*' && s[k + 1] == '/'))
                k++;
            i = k + 2;
            *comment = 1;
            continue;
        }
        if (i < n && (s[i] == '#' || (s[i] == '/' && i + 1 < n && s[i + 1] == '/'))) {
            if (s[i] == '#' && i + 1 < n && s[i + 1] == '[')
                return i; /* PHP 8 attribute, not a comment */
            gaps_need(g, s, n);
            if (g->last_nl == SIZE_MAX || g->last_nl < i)
                return i;
            const unsigned char *nl = memchr(s + i, '\n', n - i);
            i = (size_t)(nl - s) + 1;
            *comment = 1;
            continue;
        }
        return i;
    }
}

/* The same walking backwards from q: blanks, block comments (back to the
 * first opener after the previous closer, as PHP does not nest them) and
 * line comments (the first # or // of a line that a newline ends). Each
 * stretch is read once per '(' it precedes, and the stretches before
 * different '(' do not overlap, so a whole value costs linear time. */
static size_t back_gap_full(const unsigned char *s, size_t q, int *comment)
{
    for (;;) {
        while (q > 0 && vigil__is_space(s[q - 1])) {
            q--;
            if (s[q] != '\n')
                continue;
            size_t ls = q;
            while (ls > 0 && s[ls - 1] != '\n')
                ls--;
            for (size_t k = ls; k < q; k++)
                if (s[k] == '#' || (s[k] == '/' && k + 1 < q && s[k + 1] == '/')) {
                    q = k;
                    *comment = 1;
                    break;
                }
        }
        if (q >= 4 && s[q - 1] == '/' && s[q - 2] == '*') {
            size_t k = q - 2, start = SIZE_MAX;
            while (k >= 2) {
                if (s[k - 1] == '/' && s[k - 2] == '*')
                    break; /* the previous comment's end */
                if (s[k - 2] == '/' && s[k - 1] == '*')
                    start = k - 2;
                k--;
            }
            if (start == SIZE_MAX)
                return q;
            q = start;
            *comment = 1;
            continue;
        }
        return q;
    }
}

/* ------------------------------------------------------------ the table */

#define P_S1     0x01u /* high confidence: fires at sensitivity 1            */
#define P_S3     0x02u /* weak: fires only at sensitivity 3                  */
#define P_WORD   0x04u /* everyday English word: needs code context          */
#define P_SUFFIX 0x08u /* distinctive: may end a longer identifier (FOOeval) */
#define P_CB     0x10u /* takes a callback: fires with a dangerous name arg  */
#define P_EXEC   0x20u /* runs code or commands, decodes or leaks: dangerous
                          as a string (callbacks, "sys"."tem", (system)())    */

typedef struct php_fn {
    const char *name;
    size_t      len;
    unsigned    flags;
} php_fn;

#define F(nm, fl) {nm, sizeof(nm) - 1, fl}

/* Sorted by name (binary search). */
static const php_fn fns[] = {
    F("apache_child_terminate", P_SUFFIX),
    F("apache_setenv", P_SUFFIX),
    F("array_diff_ukey", P_CB),
    F("array_filter", P_CB),
    F("array_intersect_ukey", P_CB),
    F("array_map", P_CB),
    F("array_reduce", P_CB),
    F("array_udiff", P_CB),
    F("array_walk", P_CB),
    F("array_walk_recursive", P_CB),
    F("assert", P_S1 | P_WORD | P_EXEC),
    F("assert_options", P_S1 | P_SUFFIX | P_EXEC),
    F("base64_decode", P_S1 | P_SUFFIX | P_EXEC),
    F("base64_encode", P_SUFFIX),
    F("bzdecompress", P_S1 | P_SUFFIX | P_EXEC),
    F("bzopen", 0),
    F("bzread", P_SUFFIX),
    F("call_user_func", P_S1 | P_SUFFIX | P_EXEC | P_CB),
    F("call_user_func_array", P_S1 | P_SUFFIX | P_EXEC | P_CB),
    F("call_user_method", P_S1 | P_SUFFIX | P_EXEC),
    F("call_user_method_array", P_S1 | P_SUFFIX | P_EXEC),
    F("chgrp", 0),
    F("chmod", 0),
    F("chown", 0),
    F("chr", 0),
    F("chroot", P_S3),
    F("class_exists", P_S3),
    F("convert_uudecode", P_S1 | P_SUFFIX | P_EXEC),
    F("copy", P_WORD),
    F("create_function", P_S1 | P_SUFFIX | P_EXEC),
    F("curl_exec", P_S1 | P_SUFFIX | P_EXEC),
    F("curl_init", 0),
    F("curl_multi_exec", P_S1 | P_SUFFIX | P_EXEC),
    F("debug_zval_dump", P_SUFFIX),
    F("dir", P_S3),
    F("dl", P_S3),
    F("escapeshellarg", P_SUFFIX),
    F("escapeshellcmd", P_SUFFIX),
    F("eval", P_S1 | P_WORD | P_EXEC),
    F("exec", P_S1 | P_WORD | P_EXEC),
    F("exif_read_data", P_SUFFIX),
    F("expect_popen", P_S1 | P_SUFFIX | P_EXEC),
    F("extract", P_WORD),
    F("fflush", P_S3),
    F("fgetc", 0),
    F("fgets", 0),
    F("fgetss", 0),
    F("file", P_WORD),
    F("file_exists", P_SUFFIX),
    F("file_get_contents", P_S1 | P_SUFFIX | P_EXEC),
    F("file_put_contents", P_S1 | P_SUFFIX | P_EXEC),
    F("filegroup", 0),
    F("fileowner", 0),
    F("fileperms", 0),
    F("fopen", P_EXEC),
    F("forward_static_call", P_S1 | P_SUFFIX | P_EXEC | P_CB),
    F("forward_static_call_array", P_S1 | P_SUFFIX | P_EXEC | P_CB),
    F("fpassthru", P_S1 | P_SUFFIX | P_EXEC),
    F("fputs", 0),
    F("fread", 0),
    F("fscanf", 0),
    F("fsockopen", P_S1 | P_SUFFIX | P_EXEC),
    F("ftp_connect", P_SUFFIX),
    F("ftp_exec", P_SUFFIX | P_EXEC),
    F("func_get_args", P_S3),
    F("function_exists", P_SUFFIX),
    F("fwrite", 0),
    F("get_cfg_var", P_SUFFIX),
    F("get_class_methods", P_SUFFIX),
    F("get_current_user", P_SUFFIX),
    F("get_defined_constants", P_S1 | P_SUFFIX),
    F("get_defined_functions", P_S1 | P_SUFFIX),
    F("get_defined_vars", P_S1 | P_SUFFIX),
    F("get_meta_tags", P_SUFFIX),
    F("getenv", P_EXEC),
    F("gethostbyname", P_S3),
    F("getmygid", P_SUFFIX),
    F("getmyinode", P_SUFFIX),
    F("getmypid", P_SUFFIX),
    F("getmyuid", P_SUFFIX),
    F("glob", P_WORD),
    F("gzcompress", P_SUFFIX),
    F("gzdecode", P_S1 | P_SUFFIX | P_EXEC),
    F("gzdeflate", P_SUFFIX),
    F("gzencode", P_SUFFIX),
    F("gzfile", P_SUFFIX),
    F("gzinflate", P_S1 | P_SUFFIX | P_EXEC),
    F("gzopen", P_SUFFIX),
    F("gzpassthru", P_SUFFIX),
    F("gzread", P_SUFFIX),
    F("gzuncompress", P_S1 | P_SUFFIX | P_EXEC),
    F("hash_file", P_SUFFIX),
    F("header_register_callback", P_CB),
    F("hex2bin", 0),
    F("highlight_file", P_S1 | P_SUFFIX | P_EXEC),
    F("highlight_string", P_SUFFIX),
    F("ini_get", P_SUFFIX),
    F("ini_get_all", P_SUFFIX),
    F("ini_restore", P_SUFFIX),
    F("ini_set", P_S1 | P_SUFFIX | P_EXEC),
    F("is_uploaded_file", P_SUFFIX),
    F("iterator_apply", P_CB),
    F("lchgrp", 0),
    F("lchown", 0),
    F("link", P_WORD),
    F("linkinfo", 0),
    F("lstat", 0),
    F("lzf_decompress", P_SUFFIX),
    F("mail", P_WORD),
    F("mb_ereg_replace", P_SUFFIX),
    F("mb_ereg_replace_callback", P_SUFFIX | P_CB),
    F("md5_file", P_SUFFIX),
    F("mkdir", 0),
    F("move_uploaded_file", P_S1 | P_SUFFIX | P_EXEC),
    F("ob_start", P_CB),
    F("opendir", 0),
    F("parse_ini_file", P_SUFFIX),
    F("parse_str", P_SUFFIX | P_EXEC),
    F("passthru", P_S1 | P_SUFFIX | P_EXEC),
    F("pcntl_exec", P_S1 | P_SUFFIX | P_EXEC),
    F("pcntl_fork", P_SUFFIX),
    F("pfsockopen", P_S1 | P_SUFFIX | P_EXEC),
    F("php_strip_whitespace", P_SUFFIX),
    F("php_uname", P_S1 | P_SUFFIX | P_EXEC),
    F("phpinfo", P_S1 | P_SUFFIX | P_EXEC),
    F("phpversion", P_SUFFIX),
    F("popen", P_S1 | P_EXEC),
    F("posix_kill", P_SUFFIX),
    F("preg_replace", P_EXEC),
    F("preg_replace_callback", P_CB),
    F("print_r", 0),
    F("printf", 0),
    F("proc_close", P_SUFFIX),
    F("proc_get_status", P_SUFFIX),
    F("proc_nice", P_SUFFIX),
    F("proc_open", P_S1 | P_SUFFIX | P_EXEC),
    F("proc_terminate", P_SUFFIX),
    F("putenv", P_EXEC),
    F("range", P_S3),
    F("rawurldecode", P_S3),
    F("readdir", 0),
    F("readfile", P_EXEC),
    F("readlink", 0),
    F("register_shutdown_function", P_S1 | P_SUFFIX | P_CB),
    F("register_tick_function", P_S1 | P_SUFFIX | P_CB),
    F("rename", P_WORD),
    F("rmdir", 0),
    F("scandir", 0),
    F("serialize", 0),
    F("set_error_handler", P_CB),
    F("set_exception_handler", P_CB),
    F("settype", P_S3),
    F("sha1_file", P_SUFFIX),
    F("shell_exec", P_S1 | P_SUFFIX | P_EXEC),
    F("show_source", P_S1 | P_SUFFIX | P_EXEC),
    F("spl_autoload_register", P_CB),
    F("sprintf", 0),
    F("str_rot13", P_S1 | P_SUFFIX | P_EXEC),
    F("stream_get_contents", P_SUFFIX),
    F("stream_socket_client", P_S1 | P_SUFFIX | P_EXEC),
    F("stripslashes", P_S3),
    F("strrev", 0),
    F("substr", 0),
    F("symlink", P_S3),
    F("system", P_S1 | P_WORD | P_EXEC),
    F("tempnam", 0),
    F("tmpfile", 0),
    F("token_get_all", P_SUFFIX),
    F("touch", P_WORD),
    F("uasort", P_CB),
    F("uksort", P_CB),
    F("unlink", P_EXEC),
    F("unpack", 0),
    F("unserialize", P_S1 | P_EXEC),
    F("urldecode", P_S3),
    F("usort", P_CB),
    F("var_dump", 0),
    F("var_export", 0),
    F("vprintf", 0),
    F("zlib_decode", P_SUFFIX),
};
#undef F

/* Extension prefixes whose functions are PHP through and through
 * (posix_getpwuid, pcntl_fork, curl_setopt, ...). */
typedef struct php_prefix {
    const char *pre;
    size_t      len;
    unsigned    flags;
} php_prefix;

#define PX(p, fl) {p, sizeof(p) - 1, fl}
static const php_prefix prefixes[] = {
    PX("posix_", 0),   PX("pcntl_", 0),       PX("proc_", 0),     PX("stream_socket_", 0),
    PX("socket_", 0),  PX("curl_", 0),        PX("ftp_", 0),      PX("ssh2_", 0),
    PX("ini_", 0),     PX("get_defined_", 0), PX("gzinf", 0),     PX("bzdec", 0),
    PX("zlib_", 0),    PX("mysqli_", 0),      PX("mysql_", 0),    PX("pg_", 0),
    PX("ldap_", 0),    PX("odbc_", 0),        PX("sodium_", 0),   PX("tidy_", 0),
    PX("oci_", 0),     PX("sqlsrv_", 0),      PX("mssql_", 0),    PX("imap_", 0),
    PX("xmlrpc_", 0),  PX("apache_", 0),      PX("readline_", 0), PX("runkit_", 0),
    PX("openssl_", 0), PX("dba_", 0),         PX("ibase_", 0),    PX("sybase_", 0),
    PX("expect_", 0),  PX("date_", P_S3),     PX("mb_", P_S3),    PX("array_", P_S3),
    PX("str_", P_S3),
};
#undef PX

static const php_fn *fn_find(const char *name, size_t len)
{
    size_t lo = 0, hi = VIGIL__COUNTOF(fns);
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        const char *m = fns[mid].name;
        size_t ml = fns[mid].len;
        int c = memcmp(name, m, len < ml ? len : ml);
        if (c == 0)
            c = len < ml ? -1 : len > ml;
        if (c == 0)
            return &fns[mid];
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

/* A P_SUFFIX name ending the (lower-cased) identifier: "FOOgzinflate". */
static const php_fn *fn_suffix(const char *name, size_t len)
{
    for (size_t i = 0; i < VIGIL__COUNTOF(fns); i++) {
        size_t ml = fns[i].len;
        if ((fns[i].flags & P_SUFFIX) && ml < len && !memcmp(name + len - ml, fns[i].name, ml))
            return &fns[i];
    }
    return NULL;
}

/* The name of a P_EXEC function of at least four letters in the
 * lower-case text t: anywhere, or (starts != NULL) ending t and starting
 * where starts[] marks the beginning of a fragment. */
static int exec_name_in(const char *t, size_t len, const uint8_t *starts)
{
    for (size_t i = 0; i < VIGIL__COUNTOF(fns); i++) {
        size_t ml = fns[i].len;
        if (ml > len || (starts && fns[i].name[ml - 1] != t[len - 1]) ||
            !(fns[i].flags & P_EXEC) || ml < 4)
            continue;
        if (starts) {
            if (starts[len - ml] && !memcmp(t + len - ml, fns[i].name, ml))
                return 1;
            continue;
        }
        for (size_t k = 0; k + ml <= len; k++)
            if (t[k] == fns[i].name[0] && !memcmp(t + k, fns[i].name, ml))
                return 1;
    }
    return 0;
}

static int fn_allowed(unsigned flags, int sens)
{
    if (flags & P_S1)
        return 1;
    if (flags & P_S3)
        return sens >= 3;
    return sens >= 2;
}

/* PostgreSQL functions share the pg_ prefix with PHP's pgsql extension;
 * in a value they are SQL, which the SQL injection detector judges. */
static int sql_function(const char *name, size_t len)
{
    static const char *const sql[] = {"pg_sleep", "pg_read", "pg_ls_", "pg_stat", "pg_catalog",
                                      "pg_terminate", "pg_cancel", "pg_user", "pg_shadow",
                                      "pg_database", "pg_tables", "pg_class", "pg_proc"};
    for (size_t i = 0; i < VIGIL__COUNTOF(sql); i++) {
        size_t l = strlen(sql[i]);
        if (len >= l && !memcmp(name, sql[i], l))
            return 1;
    }
    return 0;
}

/* ------------------------------------------------------------ function calls */

#define NAME_CAP 48

/* Index after the ')' matching the '(' at p, or p when it is not closed
 * within `limit` bytes. */
static size_t close_paren(const unsigned char *s, size_t p, size_t n, size_t limit)
{
    int depth = 0;
    for (size_t i = p; i < n && i < p + limit; i++) {
        if (s[i] == '(')
            depth++;
        else if (s[i] == ')' && --depth == 0)
            return i + 1;
    }
    return p;
}

/* A quoted argument naming a dangerous function, within the argument list
 * opened at p: array_map("system", ...), usort($a, 'assert'). */
static int callback_arg(const unsigned char *s, size_t p, size_t n)
{
    size_t end = close_paren(s, p, n, 160);
    if (end == p)
        end = VIGIL__MIN(n, p + 160);
    for (size_t i = p + 1; i < end; i++) {
        if (s[i] != '"' && s[i] != '\'')
            continue;
        unsigned char q = s[i];
        size_t k = i + 1;
        char buf[NAME_CAP];
        size_t bl = 0;
        while (k < end && s[k] != q && bl < NAME_CAP && is_ident(s[k]))
            buf[bl++] = (char)vigil__lower(s[k++]);
        if (k < end && s[k] == q && bl) {
            const php_fn *e = fn_find(buf, bl);
            if (e && (e->flags & P_EXEC))
                return 1;
        }
        i = k;
    }
    return 0;
}


/* The identifier s[a..b) is followed (after blanks/comments) by '(' at p.
 * Decides whether that is a call of a dangerous PHP function. */
static int check_call(const unsigned char *s, size_t n, size_t a, size_t b, size_t p, int gap,
                      int comment, int truncated, int sens, vigil__finding *f)
{
    char name[NAME_CAP];
    size_t len = b - a, from = len > NAME_CAP ? len - NAME_CAP : 0;
    if (truncated && !from)
        from = 1; /* only the end of a long identifier is known */
    size_t nl = len - from;
    for (size_t k = 0; k < nl; k++)
        name[k] = (char)vigil__lower(s[b - nl + k]);
    const php_fn *e = from ? NULL : fn_find(name, nl);
    unsigned flags = 0;
    int found = e != NULL;
    if (e)
        flags = e->flags;
    else if ((e = fn_suffix(name, nl)) != NULL) {
        flags = e->flags;
        found = 1;
    } else if (!from && !sql_function(name, nl)) {
        for (size_t i = 0; i < VIGIL__COUNTOF(prefixes); i++)
            if (nl > prefixes[i].len && !memcmp(name, prefixes[i].pre, prefixes[i].len)) {
                flags = prefixes[i].flags;
                found = 1;
                break;
            }
    }
    if (!found)
        return 0;
    int cb = (flags & P_CB) && callback_arg(s, p, n);
    if ((flags & P_CB) && !(flags & P_S1) && !cb)
        return 0;
    if (!cb && !fn_allowed(flags, sens))
        return 0;
    /* "eval(" with nothing after it is a fragment, not a call; the
     * distinctive names ("base64_decode(") are believed anyway. */
    size_t after = p + 1;
    while (after < n && vigil__is_space(s[after]))
        after++;
    if (after == n && e && !(flags & P_SUFFIX))
        return 0;
    /* Methods of other languages (regex.exec(x), obj->system()) are not
     * PHP built-ins; a '.' after a quote or ')' is PHP concatenation. */
    size_t q = a;
    while (q > 0 && vigil__is_space(s[q - 1]))
        q--;
    if (q > 0) {
        unsigned char pc = s[q - 1];
        if (pc == '.' && q > 1 && (is_ident(s[q - 2]) || s[q - 2] == ']'))
            return 0;
        if ((pc == '>' && q > 1 && s[q - 2] == '-') || (pc == ':' && q > 1 && s[q - 2] == ':'))
            return 0;
    }
    /* "file(s)", "system(s)": an English plural, not a call; "exec(3)",
     * "stat(2)": a manual page; "the function system() is thread safe":
     * a mention in prose, with no arguments and words on both sides. */
    size_t r = p + 1;
    while (r < n && vigil__is_alnum(s[r]) && r < p + 6)
        r++;
    if (r < n && s[r] == ')' && r > p + 1) {
        if (vigil__lower(s[r - 1]) == 's' &&
            (r == p + 2 || (r == p + 3 && vigil__lower(s[p + 1]) == 'e')))
            return 0;
        if (s[p + 1] >= '1' && s[p + 1] <= '9') {
            size_t k = p + 2;
            while (k < r && vigil__lower(s[k]) >= 'a' && vigil__lower(s[k]) <= 'z')
                k++;
            if (k == r)
                return 0;
        }
    }
    if (r < n && s[r] == ')' && r == p + 1 && !comment && vigil__prose_mention(s, n, a, r + 1))
        return 0;
    if (gap && !comment) {
        /* "the system (see above)", "--one-file-system (-x)": prose. Code
         * puts the name at the start or after an operator. */
        if (q > 0 && !(s[q - 1] == ';' || s[q - 1] == '{' || s[q - 1] == '}' || s[q - 1] == '(' ||
                       s[q - 1] == '=' || s[q - 1] == '@' || s[q - 1] == '!' || s[q - 1] == '&' ||
                       s[q - 1] == '|' || s[q - 1] == '?' || s[q - 1] == ':' || s[q - 1] == '>' ||
                       s[q - 1] == '"' || s[q - 1] == '\'' || s[q - 1] == '.'))
            return 0;
        if (s[a] >= 'A' && s[a] <= 'Z') {
            size_t k = a + 1;
            while (k < b && s[k] >= 'a' && s[k] <= 'z')
                k++;
            if (k == b)
                return 0;
        }
    }
    if (cb)
        return hit(f, "PHP callback with a dangerous function", 90, a, p + 1 - a);
    return hit(f, "PHP function call", (flags & P_S1) ? 90 : 80, a, p + 1 - a);
}

#define IDENT_BACK 64 /* longest identifier read before a '(' */

/* From every '(' back over blanks and comments to the identifier before
 * it (PHP allows both between name and arguments). */
static int scan_calls(const unsigned char *s, size_t n, int sens, vigil__finding *f)
{
    const unsigned char *pp = s, *e = s + n;
    while ((pp = memchr(pp, '(', (size_t)(e - pp))) != NULL) {
        size_t p = (size_t)(pp - s);
        pp++;
        int comment = 0;
        size_t b = back_gap_full(s, p, &comment);
        if (b == 0 || !is_ident(s[b - 1]))
            continue;
        size_t a = b;
        while (a > 0 && is_ident(s[a - 1]) && b - a < IDENT_BACK)
            a--;
        int truncated = a > 0 && is_ident(s[a - 1]);
        if (!is_ident_start(s[a]) || (a > 0 && s[a - 1] == '$'))
            continue;
        if (check_call(s, n, a, b, p, p > b, comment, truncated, sens, f))
            return 1;
    }
    return 0;
}

/* --------------------------------------------------- calls through values */

/* Index after the bracket group opened at i ('[' or '{'), or i when it is
 * empty, unbalanced or longer than the bound. */
static size_t group_end(const unsigned char *s, size_t i, size_t n)
{
    unsigned char open = s[i], close = open == '[' ? ']' : '}';
    int depth = 0, body = 0;
    for (size_t k = i; k < n && k < i + 64; k++) {
        if (s[k] == open)
            depth++;
        else if (s[k] == close) {
            if (--depth == 0)
                return body ? k + 1 : i;
        } else if (!vigil__is_space(s[k]))
            body = 1;
    }
    return i;
}

/* $f(...), $$f(), ${'a'}(), $_[1](), $o->{x}(), $GLOBALS['x'](): a call
 * whose function name comes from a variable. `i` is at the '$'. */
static int var_call(const unsigned char *s, size_t i, size_t n, gaps *g, size_t *callp)
{
    size_t j = i + 1;
    while (j < n && (s[j] == '$' || s[j] == '@') && j < i + 8)
        j++;
    int accessors = 0;
    /* PHP allows bytes >= 0x7f in names; payloads spell them in ASCII,
     * and binary junk is full of "$\xNN...(". */
    if (j < n && is_ident_start(s[j]) && s[j] < 0x80) {
        while (j < n && is_ident(s[j]))
            j++;
    } else if (j < n && s[j] == '{') {
        size_t e = group_end(s, j, n);
        if (e == j)
            return 0;
        j = e;
        accessors = 1;
    } else {
        return 0;
    }
    for (int round = 0; round < 8; round++) {
        int comment = 0;
        size_t k = skip_gap(s, j, n, g, &comment);
        if (k >= n)
            return 0;
        if (s[k] == '[' || s[k] == '{') {
            size_t e = group_end(s, k, n);
            if (e == k)
                return 0; /* $a[]() and $a{}() are not calls */
            j = e;
            accessors = 1;
            continue;
        }
        if (s[k] == '-' && k + 1 < n && s[k + 1] == '>') {
            k = skip_gap(s, k + 2, n, g, &comment);
            if (k >= n || !is_ident_start(s[k]))
                return 0;
            while (k < n && is_ident(s[k]))
                k++;
            j = k;
            accessors = 1;
            continue;
        }
        if (s[k] != '(')
            return 0;
        /* "$HOME (default)", "(func $main (export ...))": a variable
         * next to a parenthetical, not a call */
        if (k > j && !comment && !accessors)
            return 0;
        *callp = k;
        return 1;
    }
    return 0;
}

/* Superglobals, compared case-insensitively without the '$'. */
static const char *const superglobals[] = {
    "_get", "_post", "_server", "_cookie", "_request", "_files", "_env", "_session", "globals",
    "http_get_vars", "http_post_vars", "http_cookie_vars", "http_server_vars", "http_env_vars",
    "http_post_files", "http_raw_post_data", "http_session_vars", "http_request_vars",
};

/* ${expr} at i: a variable variable. Template placeholders look the same
 * ("Hello ${name}", "${HOME}/bin"), so a bare name counts only when it
 * is the whole value and not an upper-case environment variable; quotes,
 * variables, calls or a blank after the '$' are PHP. */
static int dollar_brace(const unsigned char *s, size_t i, size_t n)
{
    size_t k = i + 1;
    while (k < n && vigil__is_space(s[k]))
        k++;
    if (k >= n || s[k] != '{')
        return 0;
    int blank = k > i + 1;
    k++;
    while (k < n && vigil__is_space(s[k]))
        k++;
    if (k >= n || s[k] == '}')
        return 0;
    if (s[k] == '"' || s[k] == '\'' || s[k] == '$' || s[k] == '@' || s[k] == '(' || blank)
        return 1;
    if (!is_ident_start(s[k]))
        return 0;
    size_t b = k;
    int lower = 0;
    while (b < n && is_ident(s[b])) {
        lower |= s[b] >= 'a' && s[b] <= 'z';
        b++;
    }
    while (b < n && vigil__is_space(s[b]))
        b++;
    if (b >= n || s[b] != '}' || !lower)
        return 0;
    size_t lead = 0, tail = b + 1;
    while (lead < i && vigil__is_space(s[lead]))
        lead++;
    while (tail < n && vigil__is_space(s[tail]))
        tail++;
    return lead == i && tail == n;
}

static int scan_dollars(const unsigned char *s, size_t n, gaps *g, int has_paren, int sens,
                        vigil__finding *f)
{
    const unsigned char *p = s, *e = s + n;
    while ((p = memchr(p, '$', (size_t)(e - p))) != NULL) {
        size_t i = (size_t)(p - s);
        p++;
        if (i + 1 >= n)
            break;
        size_t k = i + 1;
        if (is_ident_start(s[k])) {
            size_t b = k;
            while (b < n && is_ident(s[b]) && b < k + 24)
                b++;
            for (size_t m = 0; m < VIGIL__COUNTOF(superglobals); m++) {
                if (strlen(superglobals[m]) != b - k || !at_lit(s, k, n, superglobals[m]) ||
                    (b < n && is_ident(s[b])))
                    continue;
                int comment = 0;
                size_t c = skip_gap(s, b, n, g, &comment);
                if (c < n && s[c] == '[')
                    return hit(f, "PHP superglobal", 90, i, b - i);
                if (sens >= 2)
                    return hit(f, "PHP superglobal", 80, i, b - i);
            }
        }
        if (sens >= 2 && dollar_brace(s, i, n))
            return hit(f, "PHP variable variable", 80, i, VIGIL__MIN(n - i, 8));
        size_t callp;
        if (has_paren && sens >= 2 && !(i > 0 && vigil__is_alnum(s[i - 1])) &&
            var_call(s, i, n, g, &callp))
            return hit(f, "PHP variable function call", 85, i, callp + 1 - i);
    }
    return 0;
}

/* Steps back from q over blanks and complete block comments, not below
 * floor. */
static size_t back_gap(const unsigned char *s, size_t q, size_t floor, int *comment)
{
    for (;;) {
        while (q > floor && vigil__is_space(s[q - 1]))
            q--;
        if (q >= floor + 4 && s[q - 1] == '/' && s[q - 2] == '*') {
            size_t k = q - 2;
            while (k >= floor + 2 && !(s[k - 2] == '/' && s[k - 1] == '*'))
                k--;
            if (k < floor + 2)
                return q;
            q = k - 2;
            *comment = 1;
            continue;
        }
        return q;
    }
}

#define CALLEE_BACK 64 /* bytes looked at before a '(' */

static int closer(unsigned char c)
{
    return c == ')' || c == ']' || c == '}' || c == '"' || c == '\'';
}

/* A call on an expression: (system)(...), (sy.(st).em)(...),
 * "system"(...), (string){[system][0]}(...). The callee chain before the
 * '(' at p (groups, string literals, names, '.', casts, comments) is
 * squeezed to its letters; it must end in a dangerous name that starts a
 * fragment, or be a parenthesised name separated from its arguments by a
 * comment, which prose never has. Prose inside a group ("(the operating
 * system)(p. 5)") is told apart by words separated only by blanks. */
static int expr_call(const unsigned char *s, size_t p)
{
    size_t floor = p > CALLEE_BACK ? p - CALLEE_BACK : 0;
    int comment = 0;
    size_t q = back_gap(s, p, floor, &comment);
    if (q == floor || !closer(s[q - 1]))
        return 0;
    unsigned char c = s[q - 1];
    size_t start = q;
    int groups = 0;
    while (start > floor && groups < 4) {
        unsigned char d = s[start - 1];
        if (d == ')' || d == ']' || d == '}') {
            unsigned char open = d == ')' ? '(' : d == ']' ? '[' : '{';
            int depth = 0;
            size_t k = start;
            while (k > floor) {
                k--;
                if (s[k] == d)
                    depth++;
                else if (s[k] == open && --depth == 0)
                    break;
            }
            if (depth != 0)
                break;
            start = k;
            groups++;
        } else if (d == '"' || d == '\'') {
            size_t k = start - 1;
            while (k > floor && s[k - 1] != d)
                k--;
            if (k == floor)
                break;
            start = k - 1;
        } else if (is_ident(d) || d == '.' || d == '\\') {
            start--;
        } else if (vigil__is_space(d)) {
            size_t k = start;
            while (k > floor && vigil__is_space(s[k - 1]))
                k--;
            if (k == floor || !(s[k - 1] == '.' || closer(s[k - 1])))
                break;
            start = k;
        } else if (d == '/' && start >= floor + 2 && s[start - 2] == '*') {
            int cm = 0;
            size_t k = back_gap(s, start, floor, &cm);
            if (k == start)
                break;
            start = k;
        } else {
            break;
        }
    }
    /* "require('x') (Rod Vagg)": a call's result followed, after a blank,
     * by a parenthetical remark */
    if (q < p && c == ')' && groups >= 1 && !comment) {
        size_t k = q - 1;
        int depth = 0;
        while (k > start) {
            if (s[k] == ')')
                depth++;
            else if (s[k] == '(' && --depth == 0)
                break;
            k--;
        }
        if (k > start && is_ident(s[k - 1]))
            return 0;
    }
    char sq[CALLEE_BACK + 1];
    uint8_t frag[CALLEE_BACK + 1];
    size_t sl = 0;
    int in_word = 0, blank_after_word = 0;
    for (size_t k = start; k < q; k++) {
        if (s[k] == '/' && k + 1 < q && s[k + 1] == '*') {
            size_t m = k + 2;
            while (m + 1 < q && !(s[m] == '*' && s[m + 1] == '/'))
                m++;
            k = m + 1;
            in_word = blank_after_word = 0;
            continue;
        }
        unsigned char l = vigil__lower(s[k]);
        if ((l >= 'a' && l <= 'z') || l == '_' || (l >= '0' && l <= '9')) {
            if (blank_after_word)
                return 0; /* two words side by side: prose */
            frag[sl] = (uint8_t)!in_word;
            sq[sl++] = (char)l;
            in_word = 1;
            continue;
        }
        blank_after_word = in_word && vigil__is_space(l);
        if (!vigil__is_space(l)) {
            in_word = 0;
            blank_after_word = 0;
        }
    }
    /* trailing index digits: {[system][0]} squeezes to "system0" */
    while (sl > 0 && sq[sl - 1] >= '0' && sq[sl - 1] <= '9')
        sl--;
    /* a name split across fragments ("sy"."st"."em") is joined; it must
     * start a fragment, not the inside of a word ("(ecosystem)(...)") */
    if (sl >= 4 && exec_name_in(sq, sl, frag))
        return 1;
    return comment && c == ')' && groups >= 1 && sl > 0;
}

/* 'sys' . 'tem', "as"."sert": string literals concatenated into the name
 * of a dangerous function. Sets [*at, *to) to the chain. */
static int concat_name(const unsigned char *s, size_t n, size_t *at, size_t *to)
{
    size_t i = 0;
    while (i < n) {
        if (s[i] != '"' && s[i] != '\'') {
            i++;
            continue;
        }
        size_t first = i;
        char buf[64];
        size_t bl = 0;
        int parts = 0;
        for (;;) {
            unsigned char q = s[i];
            size_t k = i + 1;
            while (k < n && s[k] != q && k < i + 64) {
                if (bl < sizeof buf && is_ident(s[k]))
                    buf[bl++] = (char)vigil__lower(s[k]);
                k++;
            }
            if (k >= n || s[k] != q) {
                i = k;
                break;
            }
            parts++;
            size_t m = k + 1;
            while (m < n && vigil__is_space(s[m]))
                m++;
            if (m < n && s[m] == '.') {
                m++;
                while (m < n && vigil__is_space(s[m]))
                    m++;
                if (m < n && (s[m] == '"' || s[m] == '\'')) {
                    i = m;
                    continue;
                }
            }
            i = k + 1;
            break;
        }
        if (parts >= 2 && bl >= 4 && exec_name_in(buf, bl, NULL)) {
            *at = first;
            *to = i;
            return 1;
        }
    }
    return 0;
}

static int scan_parens(const unsigned char *s, size_t n, gaps *g, int quotes, int sens,
                       vigil__finding *f)
{
    (void)g;
    if (scan_calls(s, n, sens, f))
        return 1;
    if (sens < 2)
        return 0;
    const unsigned char *p = s, *e = s + n;
    while ((p = memchr(p, '(', (size_t)(e - p))) != NULL) {
        size_t i = (size_t)(p - s);
        p++;
        if (i > 0 && expr_call(s, i))
            return hit(f, "PHP call through an expression", 85, i > 32 ? i - 32 : 0,
                       VIGIL__MIN(i, 32) + 1);
    }
    size_t at, to;
    if (quotes && concat_name(s, n, &at, &to))
        return hit(f, "PHP function name built by concatenation", 85, at, to - at);
    return 0;
}

/* ---------------------------------------------------------------- tags */

/* PHP keywords and statements that start code after a short "<?". */
static const char *const stmt_words[] = {
    "echo", "print", "die", "exit", "eval", "include", "include_once", "require",
    "require_once", "if", "foreach", "for", "while", "return", "function", "class", "new",
    "global", "static", "unset", "isset", "namespace", "use", "declare", "goto", "switch",
};

static int code_after_short_tag(const unsigned char *s, size_t k, size_t n, gaps *g)
{
    if (s[k] == '$' || s[k] == '@' || s[k] == '`' || s[k] == '(')
        return 1;
    if (!is_ident_start(s[k]))
        return 0;
    size_t b = k;
    while (b < n && is_ident(s[b]))
        b++;
    for (size_t m = 0; m < VIGIL__COUNTOF(stmt_words); m++)
        if (strlen(stmt_words[m]) == b - k && at_lit(s, k, n, stmt_words[m]))
            return 1;
    /* a call, or a statement word with an operand: foo(...), x "y", x $y;
     * "<? should not" (two words) is prose after an escaped "&lt;?" */
    int comment = 0;
    size_t p = skip_gap(s, b, n, g, &comment);
    return p < n && (s[p] == '(' || s[p] == '"' || s[p] == '\'' || s[p] == '$' || s[p] == ';');
}

static int scan_tags(const unsigned char *s, size_t n, gaps *g, int sens,
                     vigil__finding *f)
{
    const unsigned char *p = s, *e = s + n;
    while ((p = memchr(p, '<', (size_t)(e - p))) != NULL) {
        size_t i = (size_t)(p - s);
        p++;
        if (i + 1 < n && s[i + 1] == '?') {
            size_t k = i + 2, t = k;
            while (t < n && vigil__is_space(s[t]))
                t++;
            if (t == n) {
                if (sens >= 2)
                    return hit(f, "PHP open tag at end of input", 80, i, n - i);
                continue;
            }
            if (s[k] == '=')
                return hit(f, "PHP short echo tag", 90, i, 3);
            if (at_lit(s, k, n, "php") && k + 3 < n &&
                (vigil__is_space(s[k + 3]) || s[k + 3] == '/' || s[k + 3] == '#'))
                return hit(f, "PHP open tag", 90, i, 5);
            if (vigil__is_space(s[k])) {
                if (at_lit(s, t, n, "php") && (t + 3 == n || !is_ident(s[t + 3])))
                    return hit(f, "PHP open tag", 90, i, t + 3 - i);
                if (sens >= 2 && code_after_short_tag(s, t, n, g))
                    return hit(f, "PHP short open tag with code", 85, i, t - i);
                continue;
            }
            /* <?xml followed by something other than attributes: the PHP
             * short tag hiding behind an XML declaration. */
            if (sens >= 2 && at_lit(s, k, n, "xml") && k + 3 < n && vigil__is_space(s[k + 3])) {
                size_t m = k + 3;
                while (m < n && vigil__is_space(s[m]))
                    m++;
                if (m < n && !is_ident_start(s[m]) && s[m] != '?')
                    return hit(f, "PHP code behind an XML declaration", 85, i, m + 1 - i);
            }
            continue;
        }
        /* <script language="php"> */
        if (at_lit(s, i + 1, n, "script")) {
            size_t lim = VIGIL__MIN(n, i + 120);
            for (size_t k = i + 7; k + 8 < lim && s[k] != '>'; k++) {
                if (!at_lit(s, k, n, "language"))
                    continue;
                size_t m = k + 8;
                while (m < lim && (vigil__is_space(s[m]) || s[m] == '=' || s[m] == '"' || s[m] == '\''))
                    m++;
                if (at_lit(s, m, n, "php"))
                    return hit(f, "PHP script tag", 90, i, m + 3 - i);
            }
        }
    }
    if (sens < 2)
        return 0;
    /* [php] [/php] [\php] {php} {/php} */
    for (size_t i = 0; i + 4 < n; i++) {
        if (s[i] != '[' && s[i] != '{')
            continue;
        unsigned char close = s[i] == '[' ? ']' : '}';
        size_t k = i + 1;
        if (s[k] == '/' || s[k] == '\\')
            k++;
        if (at_lit(s, k, n, "php") && k + 3 < n && s[k + 3] == close)
            return hit(f, "PHP pseudo tag", 80, i, k + 4 - i);
    }
    return 0;
}

/* ----------------------------------------------------------- colon shapes */

static size_t digits(const unsigned char *s, size_t i, size_t n)
{
    size_t k = i;
    while (k < n && vigil__is_digit(s[k]) && k < i + 10)
        k++;
    return k;
}

/* Serialized PHP at the type letter t (s[t+1] == ':'): O:8:"Name":1:{,
 * C:...:{, a:2:{i:0;...}. */
static int serialized(const unsigned char *s, size_t t, size_t n)
{
    if (t > 0 && vigil__is_alnum(s[t - 1]))
        return 0;
    unsigned char ty = s[t];
    size_t k = t + 2;
    if (k < n && s[k] == '+')
        k++;
    size_t d = digits(s, k, n);
    if (d == k || d >= n || s[d] != ':')
        return 0;
    k = d + 1;
    if (ty != 'a') {
        if (k >= n || s[k] != '"')
            return 0;
        size_t m = k + 1;
        while (m < n && m < k + 200 && (is_ident(s[m]) || s[m] == '\\'))
            m++;
        if (m == k + 1 || m + 1 >= n || s[m] != '"' || s[m + 1] != ':')
            return 0;
        k = m + 2;
        if (k < n && s[k] == '+')
            k++;
        d = digits(s, k, n);
        return d > k && d + 1 < n && s[d] == ':' && s[d + 1] == '{';
    }
    /* a:N:{ followed by an element or the end of an empty array */
    if (k >= n || s[k] != '{')
        return 0;
    k++;
    if (k < n && s[k] == '}')
        return 1;
    return k + 1 < n &&
           (s[k] == 'i' || s[k] == 's' || s[k] == 'd' || s[k] == 'b' || s[k] == 'O' ||
            s[k] == 'a') &&
           s[k + 1] == ':';
}

static int scan_colons(const unsigned char *s, size_t n, int sens, vigil__finding *f)
{
    const unsigned char *p = s, *e = s + n;
    while ((p = memchr(p, ':', (size_t)(e - p))) != NULL) {
        size_t i = (size_t)(p - s);
        p++;
        if (i > 0 && i + 1 < n) {
            unsigned char t = s[i - 1];
            if ((t == 'O' || t == 'o' || t == 'C' || t == 'a') &&
                (vigil__is_digit(s[i + 1]) || s[i + 1] == '+') && serialized(s, i - 1, n))
                return hit(f, "serialized PHP object", 90, i - 1, VIGIL__MIN(n - i + 1, 24));
        }
        /* ssh2.tunnel://, ssh2.sftp://, ... (the path detector knows the
         * common wrappers) */
        if (sens >= 2 && i + 2 < n && s[i + 1] == '/' && s[i + 2] == '/' && i >= 6) {
            size_t k = i;
            while (k > 0 && (vigil__is_alnum(s[k - 1]) || s[k - 1] == '.') && i - k < 16)
                k--;
            if (at_lit(s, k, n, "ssh2.") && i > k + 5)
                return hit(f, "PHP ssh2 stream wrapper", 85, k, i + 3 - k);
        }
    }
    return 0;
}

/* ------------------------------------------------------------- php.ini */

/* Directives without an extension prefix; dotted ones are recognised by
 * their prefix below. Everyday words ("from", "engine") are left out. */
static const char *const ini_plain[] = {
    "allow_url_fopen", "allow_url_include", "always_populate_raw_post_data", "asp_tags",
    "auto_append_file", "auto_detect_line_endings", "auto_globals_jit", "auto_prepend_file",
    "default_charset", "default_mimetype", "default_socket_timeout", "disable_classes",
    "disable_functions", "display_errors", "display_startup_errors", "doc_root", "docref_ext",
    "docref_root", "enable_dl", "enable_post_data_reading", "error_append_string", "error_log",
    "error_prepend_string", "error_reporting", "expose_php", "extension_dir", "file_uploads",
    "hard_timeout", "html_errors", "ignore_repeated_errors", "ignore_repeated_source",
    "ignore_user_abort", "implicit_flush", "include_path", "input_encoding", "internal_encoding",
    "log_errors", "log_errors_max_len", "magic_quotes_gpc", "magic_quotes_runtime",
    "magic_quotes_sybase", "max_execution_time", "max_file_uploads", "max_input_nesting_level",
    "max_input_time", "max_input_vars", "memory_limit", "open_basedir", "output_buffering",
    "output_encoding", "output_handler", "post_max_size", "precision", "realpath_cache_size",
    "realpath_cache_ttl", "register_argc_argv", "register_globals", "register_long_arrays",
    "report_memleaks", "request_order", "safe_mode", "safe_mode_exec_dir", "safe_mode_gid",
    "safe_mode_include_dir", "sendmail_from", "sendmail_path", "serialize_precision",
    "short_open_tag", "smtp_port", "sys_temp_dir", "track_errors", "unserialize_callback_func",
    "unserialize_max_depth", "upload_max_filesize", "upload_tmp_dir", "user_dir",
    "variables_order", "xmlrpc_errors", "xmlrpc_error_number", "y2k_compliance",
    "zend_extension", "browscap", "report_zend_debug", "allow_call_time_pass_reference",
    "exit_on_timeout", "windows_show_crt_warning", "child_terminate", "last_modified",
    "xbithack", "sql.safe_mode", "syntax_highlighting",
};

static const char *const ini_prefix[] = {
    "apc.",     "arg_separator.", "assert.",       "bcmath.",  "cgi.",      "cli_server.",
    "com.",     "curl.",          "date.",         "exif.",    "fastcgi.",  "ffi.",
    "filter.",  "gd.",            "highlight.",    "ibase.",   "iconv.",    "intl.",
    "ldap.",    "mail.",          "mbstring.",     "mssql.",   "mysql.",    "mysqli.",
    "mysqlnd.", "oci8.",          "odbc.",         "opcache.", "openssl.",  "pcre.",
    "pdo.",     "pdo_mysql.",     "pdo_odbc.",     "pgsql.",   "phar.",     "realpath_cache.",
    "runkit.",  "session.",       "soap.",         "sql.",     "sqlite3.",  "suhosin.",
    "sybct.",   "sysvshm.",       "tidy.",         "unicode.", "uploadprogress.",
    "url_rewriter.", "user_ini.", "windows.",      "xdebug.",  "xmlrpc.",   "xsl.",
    "yaml.",    "zend.",          "zlib.",         "cli.",     "syslog.",   "fiber.",
    "pdo_pgsql.", "pdo_sqlite.",  "pdo_oci.",      "pdo_firebird.", "pdo_dblib.", "dba.",
    "imap.",    "mcrypt.",        "uopz.",         "xhprof.",  "yaz.",      "enchant.",
    "gmp.",     "sodium.",        "sysvsem.",      "pdo_odbc.",
};

static int ini_name(const unsigned char *s, size_t a, size_t b)
{
    size_t len = b - a;
    for (size_t m = 0; m < VIGIL__COUNTOF(ini_plain); m++)
        if (strlen(ini_plain[m]) == len && at_lit(s, a, b, ini_plain[m]))
            return 1;
    for (size_t m = 0; m < VIGIL__COUNTOF(ini_prefix); m++) {
        size_t pl = strlen(ini_prefix[m]);
        if (len >= pl + 2 && at_lit(s, a, b, ini_prefix[m]))
            return 1;
    }
    return 0;
}

/* name = value where the name is a php.ini directive, at the start of the
 * value, a line, or a quoted string (user.ini / .htaccess injection). */
static int scan_ini(const unsigned char *s, size_t n, vigil__finding *f)
{
    const unsigned char *p = s, *e = s + n;
    while ((p = memchr(p, '=', (size_t)(e - p))) != NULL) {
        size_t i = (size_t)(p - s);
        p++;
        size_t b = i;
        while (b > 0 && (s[b - 1] == ' ' || s[b - 1] == '\t'))
            b--;
        size_t a = b;
        while (a > 0 && (vigil__is_alnum(s[a - 1]) || s[a - 1] == '_' || s[a - 1] == '.') && b - a < 64)
            a--;
        if (b - a < 4 || !is_ident_start(s[a]))
            continue;
        if (a > 0 && !(s[a - 1] == '"' || s[a - 1] == '\'' || s[a - 1] == '\n' ||
                       s[a - 1] == '\r' || s[a - 1] == '>'))
            continue;
        /* the value is one token: "precision=53 to machine results" is
         * a sentence */
        size_t v = i + 1;
        while (v < n && (s[v] == ' ' || s[v] == '\t'))
            v++;
        while (v < n && !vigil__is_space(s[v]) && s[v] != '"' && s[v] != '\'' && s[v] != '&' &&
               s[v] != ';' && s[v] != '<')
            v++;
        while (v < n && (s[v] == ' ' || s[v] == '\t'))
            v++;
        if (v < n && !(s[v] == '\n' || s[v] == '\r' || s[v] == '"' || s[v] == '\'' ||
                       s[v] == '&' || s[v] == ';' || s[v] == '<'))
            continue;
        if (ini_name(s, a, b))
            return hit(f, "php.ini directive", 80, a, i + 1 - a);
    }
    return 0;
}

/* ------------------------------------------------------------ file names */

static int php_ext(const unsigned char *s, size_t a, size_t b)
{
    static const char *const ext[] = {"php",   "php3", "php4", "php5", "php6", "php7", "php8",
                                      "phtml", "phar", "phps", "pht",  "phpt", "pgif"};
    for (size_t m = 0; m < VIGIL__COUNTOF(ext); m++)
        if (strlen(ext[m]) == b - a && at_lit(s, a, b, ext[m]))
            return 1;
    return 0;
}

/* A bare file name "name.php" followed by dots and blanks, or written
 * "name. php": padding that Windows and some upload handlers strip. With
 * `plain` an unpadded "name.php" counts too. Sets *dot to the dot. */
static int script_name(const unsigned char *s, size_t n, int plain, size_t *dot)
{
    size_t end = n;
    while (end > 0 && (s[end - 1] == '.' || s[end - 1] == ' ' || s[end - 1] == '\t'))
        end--;
    int padded = end < n;
    size_t a = end;
    while (a > 0 && vigil__is_alnum(s[a - 1]) && end - a < 8)
        a--;
    if (a == end || vigil__lower(s[a]) != 'p' || !php_ext(s, a, end))
        return 0;
    size_t d = a;
    while (d > 0 && s[d - 1] == ' ')
        d--;
    if (d < 2 || s[d - 1] != '.')
        return 0;
    int spaced = d < a;
    for (size_t k = 0; k + 1 < d; k++)
        if (vigil__is_space(s[k]))
            return 0; /* prose: "the config is in settings.php." */
    unsigned char before = s[d - 2];
    if (!(is_ident(before) || before == '-' || before == ')'))
        return 0;
    *dot = d - 1;
    return plain || padded || spaced;
}

/* PHP session files: sess_<id> as a file name. Ids are lower-case
 * [0-9a-z,-], 20 and more characters by default; allow 16 and up. */
static int session_file(const unsigned char *s, size_t n, size_t *at)
{
    size_t end = n;
    while (end > 0 && (s[end - 1] == '"' || s[end - 1] == ' '))
        end--;
    size_t a = end;
    while (a > 0 && ((s[a - 1] >= 'a' && s[a - 1] <= 'z') || vigil__is_digit(s[a - 1]) ||
                     s[a - 1] == '-' || s[a - 1] == ','))
        a--;
    if (end - a < 16 || a < 5 || !at_lit(s, a - 5, n, "sess_"))
        return 0;
    size_t b = a - 5;
    if (b > 0 && s[b - 1] != '/' && s[b - 1] != '\\' && s[b - 1] != '"' && s[b - 1] != '=')
        return 0;
    *at = b;
    return 1;
}

/* ------------------------------------------------------------- entry */

enum {
    T_LT = 1,     /* <  tags                         */
    T_PAREN = 2,  /* (  calls                        */
    T_DOLLAR = 4, /* $  variables                    */
    T_COLON = 8,  /* :  serialized data, wrappers    */
    T_EQ = 16,    /* =  php.ini                      */
    T_BRACK = 32, /* [ { pseudo tags                 */
    T_US = 64,    /* _  sess_ files, php_value       */
    T_DOT = 128,  /* .  uploads                      */
    T_QUOTE = 256 /* " ' concatenated names          */
};

static const uint16_t trig[256] = {
    ['<'] = T_LT,    ['('] = T_PAREN, ['$'] = T_DOLLAR, [':'] = T_COLON, ['='] = T_EQ,
    ['['] = T_BRACK, ['{'] = T_BRACK, ['_'] = T_US,     ['.'] = T_DOT,   ['"'] = T_QUOTE,
    ['\''] = T_QUOTE,
};

/* Everything but file names, for values that carry a trigger byte. */
static int scan_code(const unsigned char *s, size_t n, unsigned m, int sens, vigil__finding *f)
{
    gaps g = {0, 0, 0};
    if ((m & (T_LT | T_BRACK)) && scan_tags(s, n, &g, sens, f))
        return 1;
    if ((m & T_COLON) && scan_colons(s, n, sens, f))
        return 1;
    if ((m & T_DOLLAR) && scan_dollars(s, n, &g, (m & T_PAREN) != 0, sens, f))
        return 1;
    if ((m & T_PAREN) && scan_parens(s, n, &g, (m & T_QUOTE) != 0, sens, f))
        return 1;
    if ((m & T_EQ) && sens >= 2 && scan_ini(s, n, f))
        return 1;
    return 0;
}

/* .htaccess / user.ini: php_value auto_prepend_file ..., php_flag engine on */
static int htaccess(const unsigned char *s, size_t n, vigil__finding *f)
{
    const unsigned char *u = s + 3, *e = s + n;
    while (u < e && (u = memchr(u, '_', (size_t)(e - u))) != NULL) {
        size_t i = (size_t)(u - s) - 3;
        u++;
        if (!at_lit(s, i, n, "php_") || (i > 0 && is_ident(s[i - 1])) ||
            !(at_lit(s, i, n, "php_value") || at_lit(s, i, n, "php_flag") ||
              at_lit(s, i, n, "php_admin_value") || at_lit(s, i, n, "php_admin_flag")))
            continue;
        size_t k = i + 8;
        while (k < n && is_ident(s[k]))
            k++;
        if (k + 1 < n && vigil__is_space(s[k]) && is_ident_start(s[k + 1]))
            return hit(f, "PHP setting in .htaccess", 85, i, k - i);
    }
    return 0;
}

int vigil__detect_php(const char *str, size_t n, int sensitivity, vigil__finding *f)
{
    if (!str || !f || n < 3)
        return 0;
    const unsigned char *s = (const unsigned char *)str;
    int sens = sensitivity < 1 ? 1 : sensitivity;
    unsigned m = vigil__class_or(trig, s, n);
    if ((m & ~(unsigned)(T_DOT | T_US)) && scan_code(s, n, m, sens, f))
        return 1;
    if (sens >= 2 && (m & (T_DOT | T_US))) {
        size_t at;
        if ((m & T_DOT) && script_name(s, n, 0, &at))
            return hit(f, "PHP script name with padding", 80, at, n - at);
        if ((m & T_US) && n >= 21 && session_file(s, n, &at))
            return hit(f, "PHP session file name", 80, at, n - at);
        if ((m & T_US) && n >= 12 && htaccess(s, n, f))
            return 1;
    }
    return 0;
}

int vigil__detect_php_upload(const char *str, size_t n, int sensitivity, vigil__finding *f)
{
    if (!str || !f || n < 4)
        return 0;
    const unsigned char *s = (const unsigned char *)str;
    size_t at;
    if (script_name(s, n, 1, &at))
        return hit(f, "upload of a PHP script", 85, at, n - at);
    if (session_file(s, n, &at))
        return hit(f, "PHP session file name", 85, at, n - at);
    return vigil__detect_php(str, n, sensitivity, f);
}
