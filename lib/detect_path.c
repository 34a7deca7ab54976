/*
 * detect_path.c - path traversal and local file inclusion (see detect.h).
 *
 * Only tokens that hold a path separator (or an encoded one, or a ".."
 * run) are looked at -- found sixteen bytes at a time where SSE2 is there
 * -- and a quick pass over such a token decides whether it
 * can matter at all (it is rooted, climbs, or has a component that could
 * be a sensitive name), and only then is it walked component by component
 * as a file system would resolve it ('/' and '\\' both separate, "." and
 * empty components vanish, a run of two or more dots climbs one level).
 * A token is flagged when it climbs above where it started or names a
 * well-known sensitive location. PHP/Java stream wrappers used for
 * inclusion and bare sensitive file names (the whole value) are matched
 * separately. No allocation; linear in n.
 */
#include "detect.h"

#include <stddef.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#define COMP_CAP 40 /* longest component kept for table look-ups */

/* --------------------------------------------------------------- helpers */

static int is_alpha(unsigned char c)
{
    return (unsigned char)((c | 0x20) - 'a') < 26;
}

static int is_alnum(unsigned char c)
{
    return (c >= '0' && c <= '9') || is_alpha(c);
}

static int is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

/* Case-insensitive: does s[i..n) start with the lower-case literal lit? */
static int at_lit(const unsigned char *s, size_t i, size_t n, const char *lit)
{
    size_t k = 0;
    for (; lit[k]; k++)
        if (i + k >= n || vigil__lower(s[i + k]) != (unsigned char)lit[k])
            return 0;
    return 1;
}

/* Name lists carry their lengths so that a look-up compares a length and
 * a first byte before any memcmp. */
typedef struct nm {
    const char   *s;
    unsigned char len;
} nm;
#define N(x) {x, (unsigned char)(sizeof(x) - 1)}
#define NEND {NULL, 0}

static int in_nm(const char *w, size_t n, const nm *l)
{
    for (; l->s; l++)
        if (l->len == n && l->s[0] == w[0] && memcmp(l->s, w, n) == 0)
            return 1;
    return 0;
}

static int has_sub(const char *w, size_t n, const char *sub, size_t k)
{
    for (size_t i = 0; i + k <= n; i++)
        if (w[i] == sub[0] && memcmp(w + i, sub, k) == 0)
            return 1;
    return 0;
}
#define HAS(w, n, lit) has_sub(w, n, lit, sizeof(lit) - 1)

static int ends_with(const char *w, size_t n, const char *suf, size_t k)
{
    return n > k && memcmp(w + n - k, suf, k) == 0;
}
#define ENDS(w, n, lit) ends_with(w, n, lit, sizeof(lit) - 1)

/* Reads one logical character at s[i]: plain bytes as they are, plus the
 * spellings of '.', '/' and '\\' that slip past naive filters: overlong
 * UTF-8 (C0 AF, C1 9C, E0 80 AF, and the invalid C0 2F), the Unicode
 * division slash / set minus / fullwidth forms, and literal "0x2e" text.
 * Stores the character in *c and returns the bytes consumed (>= 1). */
static size_t next_char(const unsigned char *s, size_t i, size_t n, unsigned char *c)
{
    unsigned char b = s[i];
    if (b < 0x80) {
        if (b == '0' && i + 3 < n && (s[i + 1] | 0x20) == 'x') {
            unsigned char h = s[i + 2], l = (unsigned char)(s[i + 3] | 0x20);
            if (h == '2' && l == 'e') { *c = '.'; return 4; }
            if (h == '2' && l == 'f') { *c = '/'; return 4; }
            if (h == '5' && l == 'c') { *c = '\\'; return 4; }
        }
        *c = b;
        return 1;
    }
    if ((b == 0xc0 || b == 0xc1) && i + 1 < n) {
        unsigned char t = s[i + 1];
        if (t >= 0x80 && t <= 0xbf) {
            *c = (unsigned char)(((b & 1u) << 6) | (t & 0x3fu));
            return 2;
        }
        if (t == '.' || t == '/' || t == '\\') { /* broken overlong: lead byte dropped */
            *c = t;
            return 2;
        }
    }
    if (b == 0xe0 && i + 2 < n && s[i + 1] == 0x80 && s[i + 2] >= 0x80 && s[i + 2] <= 0xbf) {
        *c = (unsigned char)(s[i + 2] & 0x3fu);
        return 3;
    }
    if (b == 0xf0 && i + 3 < n && s[i + 1] == 0x80 && s[i + 2] == 0x80 && s[i + 3] >= 0x80 &&
        s[i + 3] <= 0xbf) {
        *c = (unsigned char)(s[i + 3] & 0x3fu);
        return 4;
    }
    if (b == 0xe2 && i + 2 < n && s[i + 1] == 0x88 && (s[i + 2] == 0x95 || s[i + 2] == 0x96)) {
        *c = s[i + 2] == 0x95 ? '/' : '\\'; /* U+2215, U+2216 */
        return 3;
    }
    /* U+EFC8 and U+F025: private-use code points some IIS versions
     * mapped to '/' and '\\' */
    if ((b == 0xee && i + 2 < n && s[i + 1] == 0xbf && s[i + 2] == 0x88) ||
        (b == 0xef && i + 2 < n && s[i + 1] == 0x80 && s[i + 2] == 0xa5)) {
        *c = '/';
        return 3;
    }
    if (b == 0xef && i + 2 < n && s[i + 1] == 0xbc &&
        (s[i + 2] == 0x8e || s[i + 2] == 0x8f || s[i + 2] == 0xbc)) {
        *c = s[i + 2] == 0x8e ? '.' : s[i + 2] == 0x8f ? '/' : '\\'; /* fullwidth */
        return 3;
    }
    *c = b;
    return 1;
}

/* ---------------------------------------------------------------- tables */

/* First component of a rooted (or climbed-to) path. */
enum {
    R_NONE = 0,
    R_ETC,  /* /etc, /proc: anything inside is sensitive                      */
    R_HOME, /* /root, /boot                                                   */
    R_WIN,  /* C:\Windows, %SYSTEMROOT%, system32: sensitive only in places   */
    R_WEB,  /* C:\inetpub, xampp, wamp: web roots (source and configuration)  */
    R_PROG, /* Program Files, ProgramData: only what the other rules name     */
    R_VAR,  /* /var: logs, spools, web roots                                  */
    R_DEV,  /* /dev: sockets and devices                                      */
    R_SYS,  /* /sys: kernel objects                                           */
    R_FS    /* /@fs/...: a dev server's raw file system access                */
};

/* The kind of a first component, by its first letter. */
static int root_kind(const char *w, size_t n)
{
#define IS(lit) (n == sizeof(lit) - 1 && memcmp(w, lit, n) == 0)
    switch (w[0]) {
    case 'e':
        return IS("etc") ? R_ETC : R_NONE;
    case 'p':
        if (IS("proc"))
            return R_ETC;
        return IS("programdata") || (n >= 13 && memcmp(w, "program files", 13) == 0) ? R_PROG
                                                                                       : R_NONE;
    case 's':
        if (IS("sys"))
            return R_SYS;
        return IS("system32") || IS("syswow64") || IS("sysprep") ||
                       IS("system volume information")
                   ? R_WIN
                   : R_NONE;
    case 'v':
        return IS("var") ? R_VAR : R_NONE;
    case 'd':
        return IS("dev") ? R_DEV : IS("documents and settings") ? R_PROG : R_NONE;
    case 'r':
        return IS("root") ? R_HOME : R_NONE;
    case 'b':
        return IS("boot") ? R_HOME : R_NONE;
    case 'w':
        return IS("windows") || IS("winnt") ? R_WIN : IS("wamp") || IS("wamp64") ? R_WEB : R_NONE;
    case 'i':
        return IS("inetpub") ? R_WEB : R_NONE;
    case 'x':
        return IS("xampp") ? R_WEB : R_NONE;
    case '%':
        return IS("%systemroot%") || IS("%windir%") ? R_WIN : R_NONE;
    case '$':
        return IS("$recycle.bin") ? R_WIN : R_NONE;
    case '@':
        return IS("@fs") ? R_FS : R_NONE;
    default:
        return R_NONE;
    }
#undef IS
}

/* Second components that make a rooted /var/..., /dev/... or /sys/...
 * sensitive, and what under a Windows root is. */
static const nm var_sub[] = {N("log"), N("logs"), N("www"), N("lib"), N("run"), N("spool"),
                             N("mail"), N("backups"), N("adm"), N("db"), NEND};
static const nm dev_sub[] = {N("tcp"), N("udp"), N("shm"), N("fd"), N("stdin"), N("stdout"),
                             N("stderr"), N("mem"), N("kmem"), N("null"), N("zero"),
                             N("random"), N("urandom"), NEND};
static const nm sys_sub[] = {N("class"), N("kernel"), N("devices"), N("firmware"), N("block"),
                             N("bus"), N("module"), N("hypervisor"), N("fs"), N("power"), NEND};
static const nm win_sub[] = {N("repair"), N("panther"), N("debug"), N("logfiles"),
                             N("minidump"), N("inetsrv"), N("config"), N("sam"),
                             N("ntds.dit"), N("memory.dmp"), NEND};
/* Entries of /proc distinctive enough to flag after any "proc/" (the root
 * /proc/ flags everything). */
static const nm proc_sub[] = {
    N("cpuinfo"), N("meminfo"), N("interrupts"), N("cmdline"), N("environ"),
    N("kallsyms"), N("kcore"), N("partitions"), N("sched_debug"), N("iomem"), N("ioports"),
    N("vmstat"), N("zoneinfo"), N("slabinfo"), N("filesystems"), N("diskstats"), N("loadavg"),
    N("mtrr"), N("buddyinfo"), N("cgroups"), N("softirqs"), N("timer_list"), N("vmallocinfo"),
    N("mdstat"), N("kmsg"), NEND};
/* Files in /etc worth naming even without the leading root. */
static const nm etc_files[] = {N("passwd"), N("shadow"), N("group"), N("hosts"), N("issue"),
                               N("sudoers"), N("crontab"), N("fstab"), N("gshadow"),
                               N("master.passwd"), N("hostname"), N("resolv.conf"),
                               N("motd"), N("os-release"), NEND};

/* Component names that are sensitive wherever they appear in a path (all
 * have a '.', '_' or '-'), bucketed by first character. */
static const nm names_dot[] = {
    N(".htaccess"), N(".htpasswd"), N(".env"), N(".git"), N(".svn"), N(".hg"), N(".ssh"),
    N(".aws"), N(".docker"), N(".kube"), N(".gnupg"), N(".npmrc"), N(".netrc"), N(".pgpass"),
    N(".my.cnf"), N(".bash_history"), N(".bashrc"), N(".bash_profile"), N(".profile"),
    N(".zsh_history"), N(".mysql_history"), N(".psql_history"), N(".viminfo"),
    N(".git-credentials"), N(".ds_store"), NEND};
static const nm names_a[] = {N("authorized_keys"), N("applicationhost.config"),
                             N("apache2.conf"), N("access_log"), N("access.log"), NEND};
static const nm names_b[] = {N("boot.ini"), NEND};
static const nm names_c[] = {N("config.inc.php"), NEND};
static const nm names_d[] = {N("desktop.ini"), NEND};
static const nm names_e[] = {N("error_log"), N("error.log"), NEND};
static const nm names_g[] = {N("global.asa"), N("grub.conf"), N("grub.cfg"), NEND};
static const nm names_h[] = {N("httpd.conf"), N("hiberfil.sys"), N("httpd-access.log"),
                             N("httpd-error.log"), NEND};
static const nm names_i[] = {N("id_rsa"), N("id_dsa"), N("id_ecdsa"), N("id_ed25519"), NEND};
static const nm names_k[] = {N("known_hosts"), NEND};
static const nm names_l[] = {N("localsettings.php"), NEND};
static const nm names_m[] = {N("machine.config"), N("my.cnf"), N("my.ini"), N("master.passwd"),
                             NEND};
static const nm names_n[] = {N("nginx.conf"), N("ntuser.dat"), NEND};
static const nm names_p[] = {N("php.ini"), N("pagefile.sys"), NEND};
static const nm names_s[] = {N("system.ini"), N("sysprep.inf"), N("sysprep.xml"), NEND};
static const nm names_u[] = {N("unattend.xml"), N("unattend.txt"), N("unattended.txt"), NEND};
static const nm names_w[] = {N("web-inf"), N("web.config"), N("win.ini"), N("wp-config.php"),
                             NEND};
static const nm *const names_by[26] = {
    names_a, names_b, names_c, names_d, names_e, NULL, names_g, names_h, names_i, NULL,
    names_k, names_l, names_m, names_n, NULL,    names_p, NULL, NULL,  names_s, NULL,
    names_u, NULL,    names_w, NULL,    NULL,    NULL};

static int sensitive_name(const char *w, size_t n)
{
    unsigned char c = (unsigned char)w[0];
    if (c == '.')
        return in_nm(w, n, names_dot);
    if (c >= 'a' && c <= 'z' && names_by[c - 'a'])
        return in_nm(w, n, names_by[c - 'a']);
    return 0;
}

/* Of those, the ones distinctive enough to flag as a bare value. */
static const nm names_bare[] = {
    N(".htaccess"), N(".htpasswd"), N(".env"), N(".bash_history"), N(".bashrc"),
    N(".bash_profile"), N(".netrc"), N(".pgpass"), N(".npmrc"), N(".git-credentials"),
    N(".mysql_history"), N(".zsh_history"), N("id_rsa"), N("id_dsa"), N("web.config"),
    N("wp-config.php"), N("win.ini"), N("boot.ini"), N("applicationhost.config"), NEND};
/* File extensions that make a rooted path with two or more components a
 * configuration, log or key file. */
static const nm exts[] = {N(".ini"), N(".conf"), N(".cnf"), N(".log"), N(".err"), N(".config"),
                          N(".inf"), N(".cfg"), N(".pem"), N(".key"), N(".asa"), N(".passwd"),
                          N("_log"), NEND};

/* ------------------------------------------------------------- wrappers */

/* Stream wrappers and filters that turn a file include into code
 * execution or source disclosure. `slashes` means "name://" is required. */
typedef struct wrapper {
    const char *name;
    size_t      len;
    int         slashes;
} wrapper;

#define W(name, slashes) {name, sizeof(name) - 1, slashes}
static const wrapper wrappers[] = {
    W("php", 1),  W("file", 0), W("zip", 1), W("phar", 1), W("expect", 1),
    W("data", 1), W("glob", 1), W("compress.zlib", 1), W("compress.bzip2", 1),
    W("zlib", 1), W("rar", 1), W("ogg", 1), W("ssh2.exec", 1), W("ssh2.shell", 1),
    W("netdoc", 0), W("jar", 0), {NULL, 0, 0}};
#undef W

/* A PHP filter name at s[i]: "convert.iconv.*", "convert.base64-*",
 * "convert.quoted-printable-*". */
static int filter_at(const unsigned char *s, size_t i, size_t n)
{
    return at_lit(s, i, n, "convert.") &&
           (at_lit(s, i + 8, n, "iconv.") || at_lit(s, i + 8, n, "base64-") ||
            at_lit(s, i + 8, n, "quoted-printable-"));
}

/* A data: URI whose content is code ("<?php", "<script"), in plain text or
 * base64; "data://text/plain;base64,SSBsb3Zl..." is just data. `i` is at
 * the colon. */
static int data_is_code(const unsigned char *s, size_t i, size_t n)
{
    size_t k = i + 1, e = VIGIL__MIN(n, i + 160);
    while (k < e && s[k] != ',')
        k++;
    if (k >= e)
        return 0;
    int b64 = k >= 7 && at_lit(s, k - 7, n, ";base64");
    k++;
    if (!b64) {
        while (k < n && is_space(s[k]))
            k++;
        return k < n && s[k] == '<';
    }
    /* the first decoded bytes: '<' then '?', '%', '!' or a letter */
    unsigned acc = 0, bits = 0;
    unsigned char out[3];
    size_t o = 0;
    for (; k < n && o < 2; k++) {
        unsigned char c = s[k];
        int v = c >= 'A' && c <= 'Z' ? c - 'A' : c >= 'a' && c <= 'z' ? c - 'a' + 26
                : c >= '0' && c <= '9' ? c - '0' + 52 : c == '+' || c == '-' ? 62
                : c == '/' || c == '_' ? 63 : -1;
        if (v < 0)
            return 0;
        acc = (acc << 6) | (unsigned)v;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out[o++] = (unsigned char)(acc >> bits);
        }
    }
    return o == 2 && out[0] == '<' && (out[1] == '?' || out[1] == '%' || out[1] == '!' ||
                                       is_alpha(out[1]));
}

/* A stream wrapper whose colon is at s[i]: returns the level it fires at
 * (0: none) and its start in *bp. */
static int wrapper_at(const unsigned char *s, size_t i, size_t n, size_t lead, size_t *bp)
{
    size_t b = i;
    while (b > 0 && i - b < 16 && (is_alnum(s[b - 1]) || s[b - 1] == '.'))
        b--;
    if (b == i || (b > 0 && (s[b - 1] == '_' || s[b - 1] == '-')) || i - b > 14)
        return 0;
    unsigned char first = vigil__lower(s[b]);
    for (const wrapper *w = wrappers; w->name; w++) {
        size_t wl = w->len;
        if (wl != i - b || (unsigned char)w->name[0] != first || !at_lit(s, b, n, w->name))
            continue;
        int ok;
        if (w->slashes)
            ok = i + 2 < n && s[i + 1] == '/' && s[i + 2] == '/';
        else if (wl == 3) /* jar:file:, jar:http: ... */
            ok = at_lit(s, i + 1, n, "file:") || at_lit(s, i + 1, n, "http") ||
                 at_lit(s, i + 1, n, "ftp:");
        else /* file:/..., file:c:/..., netdoc:/... */
            ok = i + 1 < n && (s[i + 1] == '/' || s[i + 1] == '\\' ||
                               (i + 2 < n && is_alnum(s[i + 1]) && s[i + 2] == ':'));
        if (!ok)
            return 0;
        int data = wl == 4 && first == 'd';
        if (data && !data_is_code(s, i, n))
            return 0;
        *bp = b;
        /* php:, phar:, jar: anywhere, any wrapper opening the value */
        return (b == lead && !data) || wl == 3 || first == 'p' ? 1 : 2;
    }
    return 0;
}

/* ---------------------------------------------------------------- tokens */

enum { PK_NONE = 0, PK_ETC, PK_PROC, PK_PROCSELF, PK_SYS };

typedef struct ptok {
    int           rooted;   /* starts at a root: '/', '\\', "C:", %systemroot% */
    int           winroot;  /* rooted at a drive, a backslash or %systemroot%    */
    int           depth;    /* components below the start                        */
    int           climb;    /* parent steps taken above the start                */
    int           tricky;   /* parent step spelled "...", "....", "..;"          */
    int           enc;      /* a '.', '/' or '\\' spelled in an evasive encoding */
    int           nsep;     /* separators seen                                   */
    int           ncomp;    /* normal components seen                            */
    int           hit;      /* lowest sensitivity a sensitive name fires at      */
    int           rootlvl;  /* root component: level it makes its content fire   */
    int           rootkind; /* R_*                                               */
    int           prevkind; /* PK_*: what the previous component was             */
    int           ndot;     /* "." components (padding such as "/./\\/./")   */
    size_t        clen;
    int           ctrunc;
    int           cdots;    /* leading dots in the current component             */
    int           conly;    /* 1: only dots so far; 2: dots then ';' (Tomcat)    */
    int           cpunct;   /* current component has '.', '_' or '-'             */
    int           ccolon;   /* current component has ':'                         */
    unsigned char comp[COMP_CAP]; /* last: tok_reset leaves it alone */
} ptok;

static void tok_reset(ptok *t)
{
    memset(t, 0, offsetof(ptok, comp));
    t->conly = 1;
}

static void comp_add(ptok *t, unsigned char c)
{
    if (t->conly == 1) {
        if (c == '.' && t->clen == (size_t)t->cdots)
            t->cdots++;
        else if (t->cdots >= 2 && c == ';')
            t->conly = 2; /* "..;anything" is still a parent step */
        else if (!(t->cdots >= 2 && (c == ' ' || c == '.' || c == '%')))
            t->conly = 0;
    }
    if (c == '.' || c == '_' || c == '-')
        t->cpunct = 1;
    else if (c == ':')
        t->ccolon = 1;
    if (t->clen < COMP_CAP)
        t->comp[t->clen++] = vigil__lower(c);
    else
        t->ctrunc = 1;
}

static void set_hit(ptok *t, int lvl)
{
    if (!t->hit || lvl < t->hit)
        t->hit = lvl;
}

/* The first component below a root or a climb: what it makes its content. */
static void root_component(ptok *t, const char *w, size_t n)
{
    int kind = root_kind(w, n);
    t->rootkind = kind;
    t->rootlvl = 0;
    switch (kind) {
    case R_ETC:
        t->rootlvl = 1;
        break;
    case R_HOME:
    case R_WIN:
    case R_PROG:
        t->rootlvl = t->climb > 0 ? 1 : 3; /* C:\Windows\Fonts, /root/x: a path, not a secret */
        break;
    case R_WEB:
        t->rootlvl = t->winroot || t->climb > 0 ? 2 : 3;
        break;
    case R_FS:
        t->rootlvl = 2;
        break;
    default:
        break;
    }
}

/* A component ended (at a separator, or at the end of the token). */
static void comp_end(ptok *t, int at_sep)
{
    size_t n = t->clen;
    const char *w = (const char *)t->comp;
    int dots = t->cdots;
    int only = t->conly;
    int trunc = t->ctrunc;
    int punct = t->cpunct;
    int colon = t->ccolon;
    t->clen = 0;
    t->cdots = 0;
    t->conly = 1;
    t->ctrunc = 0;
    t->cpunct = 0;
    t->ccolon = 0;
    if (at_sep)
        t->nsep++;
    if (n == 1 && dots == 1)
        t->ndot++;
    if (n == 0 || (n == 1 && dots == 1))
        return;
    if (only && dots >= 2) { /* parent step */
        if (dots > 2 || only == 2)
            t->tricky = 1;
        if (t->depth > 0)
            t->depth--;
        else
            t->climb++;
        t->prevkind = PK_NONE;
        return;
    }
    /* Windows ignores trailing dots and spaces and "::$DATA" streams. */
    if (colon)
        for (size_t k = 1; k < n; k++)
            if (w[k] == ':') {
                n = k;
                break;
            }
    while (n > 1 && (w[n - 1] == '.' || w[n - 1] == ' '))
        n--;
    int anchored = t->rooted || t->climb > 0;
    /* a lone word is judged by the caller (bare names); skip the tables */
    if (!trunc && !at_sep && !anchored && t->nsep == 0) {
        t->depth++;
        t->ncomp++;
        return;
    }
    int pk = t->prevkind;
    t->prevkind = PK_NONE;
    if (trunc) {
        t->depth++;
        t->ncomp++;
        return;
    }
    if (t->depth == 0 && anchored)
        root_component(t, w, n);
    else if (t->depth >= 1 && t->rootlvl)
        set_hit(t, t->rootlvl); /* something inside /etc, C:\\Windows, ... */
    if (t->depth == 1 && ((t->rootkind == R_VAR && in_nm(w, n, var_sub)) ||
                          (t->rootkind == R_DEV && in_nm(w, n, dev_sub)) ||
                          (t->rootkind == R_SYS && in_nm(w, n, sys_sub))))
        set_hit(t, 2);
    if (t->rootkind == R_WIN && t->depth >= 1 && in_nm(w, n, win_sub))
        set_hit(t, t->winroot || t->climb > 0 ? 1 : 2); /* system32\config, repair\sam */
    switch (pk) {
    case PK_ETC:
        if (in_nm(w, n, etc_files))
            set_hit(t, anchored ? 1 : 2);
        else if (anchored && t->depth >= 2)
            set_hit(t, 3); /* /usr/local/etc/..., /opt/x/etc/... */
        break;
    case PK_PROC:
        if ((anchored && t->depth == 1) || in_nm(w, n, proc_sub))
            set_hit(t, 2); /* /proc/<anything>, .../proc/cpuinfo */
        break;
    case PK_PROCSELF:
        set_hit(t, 2); /* proc/self/environ, proc/1/cmdline */
        break;
    case PK_SYS:
        if (in_nm(w, n, sys_sub))
            set_hit(t, 2);
        break;
    default:
        break;
    }
    unsigned char c0 = (unsigned char)w[0];
    if (punct) {
        if (sensitive_name(w, n) || (c0 == '.' && ENDS(w, n, "_history")))
            set_hit(t, anchored ? 1 : 2);
        if (n >= 7 && HAS(w, n, "__x00__"))
            set_hit(t, 2); /* a NUL byte as a dev server spells it */
        if (!at_sep && anchored && t->ncomp >= 1)
            for (const nm *e = exts; e->s; e++)
                if (n > e->len && memcmp(w + n - e->len, e->s, e->len) == 0) {
                    set_hit(t, 2);
                    break;
                }
    }
    if (w[n - 1] == 'd' && ENDS(w, n, "passwd"))
        set_hit(t, anchored ? 1 : 2);
    /* hidden files and directories at a root or at the end of a rooted
     * path: /.git/, /.cursor/mcp.json, /home/x/.envrc */
    if (c0 == '.' && t->rooted && (t->depth == 0 || !at_sep) && n >= 2 &&
        is_alnum((unsigned char)w[1]) &&
        !(n == 11 && memcmp(w, ".well-known", 11) == 0))
        set_hit(t, 2);
    if (t->rootkind == R_VAR && t->depth >= 1 && HAS(w, n, "log"))
        set_hit(t, 2); /* log files anywhere under /var */
    if (c0 == 's' && anchored && n > 5 && memcmp(w, "sess_", 5) == 0)
        set_hit(t, 2); /* PHP session files */
    if (t->climb > 0 && !at_sep &&
        (HAS(w, n, "config") || HAS(w, n, "passw") || HAS(w, n, "secret") ||
         HAS(w, n, "database") || HAS(w, n, "credential")))
        set_hit(t, 1); /* ../config.php and the like */
    if (pk == PK_PROC && ((n == 4 && memcmp(w, "self", 4) == 0) || (c0 >= '0' && c0 <= '9')))
        t->prevkind = PK_PROCSELF;
    else if (n == 4 && memcmp(w, "proc", 4) == 0)
        t->prevkind = PK_PROC;
    else if (n == 3 && memcmp(w, "etc", 3) == 0)
        t->prevkind = PK_ETC;
    else if (n == 3 && memcmp(w, "sys", 3) == 0)
        t->prevkind = PK_SYS;
    t->depth++;
    t->ncomp++;
}

/* Verdict for a finished token: 0 none, else the lowest sensitivity that
 * fires; *detail says which rule. `first` says the token opens the value. */
static int tok_verdict(const ptok *t, int first, const char **detail)
{
    int best = 0;
    if (t->hit && (t->nsep > 0 || t->climb > 0 || t->rooted)) {
        *detail = "sensitive file";
        best = t->climb > 0 ? 1 : t->hit;
    }
    if (t->climb > 0 && (t->nsep > 0 || t->climb > 1)) {
        int lvl;
        if (t->climb >= 3 || t->enc)
            lvl = 1;
        else if (t->climb == 2 || t->rooted || t->tricky || first)
            lvl = 2; /* "../x" as the value itself is a request to climb */
        else
            lvl = 3; /* a single "../" inside text is common in relative links */
        if (!best || lvl < best) {
            best = lvl;
            *detail = "path escapes root";
        }
    }
    if (!best && t->ndot >= 4 && t->nsep >= 4) {
        best = 2;
        *detail = "path obfuscation";
    }
    return best;
}

/* Characters that end a path token: 1 always, 2 unless the token is
 * rooted at a drive letter or backslash ("C:\\Program Files (x86)\\..."). */
static const unsigned char delim_tab[256] = {
    [' '] = 2, ['('] = 2, [')'] = 2, ['\t'] = 1, ['\r'] = 1, ['\n'] = 1, ['\v'] = 1,
    ['\f'] = 1, ['\0'] = 1, ['"'] = 1, ['\''] = 1, ['`'] = 1, ['<'] = 1, ['>'] = 1,
    ['='] = 1, [','] = 1, ['|'] = 1, ['&'] = 1, ['?'] = 1, ['#'] = 1, ['{'] = 1,
    ['}'] = 1, ['['] = 1, [']'] = 1, ['*'] = 1, ['^'] = 1,
};

static int tok_delim(unsigned char c, int spaces_ok)
{
    return delim_tab[c] == 1 || (delim_tab[c] == 2 && !spaces_ok);
}

/* Bytes the walker copies without a second look: 1 letters and digits, 2
 * '-' and '_'. '0', '2' and '5' are left out for "0x2f" and "..2f". */
static const unsigned char wfast[256] = {
    ['1'] = 1, ['3'] = 1, ['4'] = 1, ['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1,
    ['-'] = 2, ['_'] = 2,
#define L8(x) [x] = 1, [x + 1] = 1, [x + 2] = 1, [x + 3] = 1, [x + 4] = 1, [x + 5] = 1, \
              [x + 6] = 1, [x + 7] = 1
    L8('a'), L8('i'), L8('q'), ['y'] = 1, ['z'] = 1,
    L8('A'), L8('I'), L8('Q'), ['Y'] = 1, ['Z'] = 1,
#undef L8
};

/* Bytes worth stopping at in the outer scan: 1 separators, 2 '.' (for
 * ".."), 3 '0' (for "0x2f"), 4 lead bytes of the encoded separators and
 * dots next_char knows, 5 ':' (stream wrappers), 6 '|' (PHP filter
 * chains). */
static const unsigned char anchor[256] = {
    ['/'] = 1, ['\\'] = 1, ['.'] = 2, ['0'] = 3, [0xc0] = 4, [0xc1] = 4, [0xe0] = 4,
    [0xe2] = 4, [0xee] = 4, [0xef] = 4, [0xf0] = 4, [':'] = 5, ['|'] = 6,
};

/* Walks the token at s[i] component by component. Returns the lowest
 * sensitivity that fires (0: none) with *detail, and in *endp where the
 * token ends. */
static int walk(const unsigned char *s, size_t i, size_t n, int first, const char **detail,
                size_t *endp)
{
    ptok t;
    tok_reset(&t);
    int spaces_ok = 0;
    unsigned char c0 = s[i];
    if (c0 == '/' || c0 == '\\') {
        t.rooted = 1;
        t.winroot = spaces_ok = c0 == '\\';
    } else if (is_alpha(c0) && i + 2 < n && s[i + 1] == ':' &&
               (s[i + 2] == '/' || s[i + 2] == '\\' || is_alnum(s[i + 2]))) {
        t.rooted = t.winroot = 1; /* drive; "c:windows" is relative to it */
        spaces_ok = 1;
        i += 2;
    } else if (c0 == '%' && (at_lit(s, i, n, "%systemroot%") || at_lit(s, i, n, "%windir%"))) {
        t.rooted = t.winroot = 1;
        spaces_ok = 1;
    } else if (c0 == '~' && i + 1 < n && (s[i + 1] == '/' || s[i + 1] == '\\')) {
        t.rooted = 1;
        i++;
    }
    size_t tstart = i;
    while (i < n) {
        unsigned char c = s[i];
        unsigned char fc = wfast[c];
        if (fc) {
            t.cpunct |= fc == 2;
            t.conly = 0;
            if (t.clen < COMP_CAP)
                t.comp[t.clen++] = vigil__lower(c);
            else
                t.ctrunc = 1;
            i++;
            continue;
        }
        size_t k = next_char(s, i, n, &c);
        if (k > 1 && (c == '.' || c == '/' || c == '\\')) {
            t.enc = 1;
            if (i == tstart && c != '.')
                t.rooted = 1; /* "0x5c.." starts at a root */
        }
        if (c == ';' && !(t.conly && t.cdots >= 2))
            break; /* ';' ends a token except right after ".." */
        if (c == '%' && i + 2 < n && s[i + 1] == '0' && s[i + 2] == '0')
            break; /* a "%00" left by partial decoding truncates too */
        if (c == '[' && i + 2 < n && s[i + 1] != '/') {
            /* shell glob class: /etc/pa[s]swd, /etc/[m-z]asswd, [!abc] */
            size_t e = i + 1;
            while (e < n && e - i < 12 && s[e] != ']' && !is_space(s[e]) && s[e] != '/')
                e++;
            if (e < n && s[e] == ']' && e > i + 1) {
                comp_add(&t, e == i + 2 ? s[i + 1] : '?');
                i = e + 1;
                continue;
            }
        }
        if ((c == '2' || c == '5') && t.conly == 1 && t.cdots >= 2 &&
            t.clen == (size_t)t.cdots && i + 1 < n &&
            (s[i + 1] | 0x20) == (c == '2' ? 'f' : 'c')) {
            t.enc = 1; /* "..2f": an escape that lost its '%' */
            i += 2;
            comp_end(&t, 1);
            continue;
        }
        if (tok_delim(c, spaces_ok) && c == s[i])
            break;
        if (c == ' ' && spaces_ok && i + 1 < n && s[i + 1] == ' ')
            break;
        i += k;
        if (c == '/' || c == '\\')
            comp_end(&t, 1);
        else
            comp_add(&t, c);
    }
    comp_end(&t, 0);
    *endp = i;
    return tok_verdict(&t, first, detail);
}

/* Classes for the quick look at a token: 0 letters and digits, 1 token
 * end, 2 separator, 3 '.', 4 '_' '-' '[', 5 '0' and bytes >= 0x80, 6 ';'. */
static const unsigned char qcls[256] = {
    [' '] = 1, ['('] = 1, [')'] = 1, ['\t'] = 1, ['\r'] = 1, ['\n'] = 1, ['\v'] = 1,
    ['\f'] = 1, ['\0'] = 1, ['"'] = 1, ['\''] = 1, ['`'] = 1, ['<'] = 1, ['>'] = 1,
    ['='] = 1, [','] = 1, ['|'] = 1, ['&'] = 1, ['?'] = 1, ['#'] = 1, ['{'] = 1,
    ['}'] = 1, [']'] = 1, ['*'] = 1, ['^'] = 1,
    ['/'] = 2, ['\\'] = 2, ['.'] = 3, ['_'] = 4, ['-'] = 4, ['['] = 4, ['0'] = 5, [';'] = 6,
#define H16(x) [x] = 5, [x + 1] = 5, [x + 2] = 5, [x + 3] = 5, [x + 4] = 5, [x + 5] = 5, \
               [x + 6] = 5, [x + 7] = 5, [x + 8] = 5, [x + 9] = 5, [x + 10] = 5, [x + 11] = 5, \
               [x + 12] = 5, [x + 13] = 5, [x + 14] = 5, [x + 15] = 5
    H16(0x80), H16(0x90), H16(0xa0), H16(0xb0), H16(0xc0), H16(0xd0), H16(0xe0), H16(0xf0),
#undef H16
};

/* Where a component that starts with a digit must be looked at again:
 * token ends, separators, '0' ("0x2f") and high bytes. */
static const unsigned char dstop[256] = {
    [' '] = 1, ['('] = 1, [')'] = 1, ['\t'] = 1, ['\r'] = 1, ['\n'] = 1, ['\v'] = 1,
    ['\f'] = 1, ['\0'] = 1, ['"'] = 1, ['\''] = 1, ['`'] = 1, ['<'] = 1, ['>'] = 1,
    ['='] = 1, [','] = 1, ['|'] = 1, ['&'] = 1, ['?'] = 1, ['#'] = 1, ['{'] = 1,
    ['}'] = 1, [']'] = 1, ['*'] = 1, ['^'] = 1, [';'] = 1, ['/'] = 1, ['\\'] = 1, ['0'] = 1,
#define H16(x) [x] = 1, [x + 1] = 1, [x + 2] = 1, [x + 3] = 1, [x + 4] = 1, [x + 5] = 1, \
               [x + 6] = 1, [x + 7] = 1, [x + 8] = 1, [x + 9] = 1, [x + 10] = 1, [x + 11] = 1, \
               [x + 12] = 1, [x + 13] = 1, [x + 14] = 1, [x + 15] = 1
    H16(0x80), H16(0x90), H16(0xa0), H16(0xb0), H16(0xc0), H16(0xd0), H16(0xe0), H16(0xf0),
#undef H16
};

/* Skips bytes of qcls 0 from s[i]; returns the index of the first other
 * one (or n). The vector loop finds the bytes that are not letters or
 * 1-9 and looks at just those. */
static size_t skip_plain(const unsigned char *s, size_t i, size_t n)
{
#if defined(__SSE2__)
    const __m128i low = _mm_set1_epi8(0x20), a1 = _mm_set1_epi8('a' - 1),
                  z1 = _mm_set1_epi8('z' + 1), d0 = _mm_set1_epi8('0'), d9 = _mm_set1_epi8(':');
    while (i + 16 <= n) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        __m128i lv = _mm_or_si128(v, low);
        __m128i ok = _mm_or_si128(_mm_and_si128(_mm_cmpgt_epi8(lv, a1), _mm_cmpgt_epi8(z1, lv)),
                                  _mm_and_si128(_mm_cmpgt_epi8(v, d0), _mm_cmpgt_epi8(d9, v)));
        unsigned m = ~(unsigned)_mm_movemask_epi8(ok) & 0xffffu;
        for (; m; m &= m - 1) { /* '%', '+', '@' ... are plain to qcls too */
            unsigned k = (unsigned)__builtin_ctz(m);
            if (qcls[s[i + k]])
                return i + k;
        }
        i += 16;
    }
#endif
    while (i < n && qcls[s[i]] == 0)
        i++;
    return i;
}

/* Cheap look at an unrooted token s[b..) before walking it: can anything
 * fire? Only a climb, an encoded character or a component that could be a
 * sensitive name (dot-files, names with '.', '_' or '-', etc/proc/sys,
 * *passwd) can. Sets *endp to where the token ends. */
static int worth_walking(const unsigned char *s, size_t b, size_t n, size_t *endp)
{
    size_t i = b, cb = b;
    int punct = 0, dots = 0, only_dots = 1, cand = 0;
    for (;;) {
        i = skip_plain(s, i, n);
        unsigned x = i < n ? qcls[s[i]] : 1;
        if (x == 3) {
            punct = 1;
            dots += only_dots;
            i++;
            continue;
        }
        if (x == 4 || x == 5) {
            if (x == 4)
                punct = 1;
            else if (s[i] >= 0x80 || (i + 1 < n && (s[i + 1] | 0x20) == 'x'))
                cand = 1; /* encoded separators: the walker decodes them */
            only_dots = 0;
            i++;
            continue;
        }
        if (x == 6 && only_dots && dots >= 2 && i > cb) {
            i++; /* "..;/" */
            continue;
        }
        /* a component ends: separator, ';' or the token's end */
        size_t l = i - cb;
        if (l > 0) {
            unsigned char f = vigil__lower(s[cb]);
            if ((only_dots && dots >= 2) || f == '.' || f == '_' || (punct && is_alpha(f)) ||
                (l == 3 && (at_lit(s, cb, n, "etc") || at_lit(s, cb, n, "sys"))) ||
                (l == 4 && at_lit(s, cb, n, "proc")) ||
                (l >= 6 && (s[i - 1] | 0x20) == 'd' && at_lit(s, i - 6, n, "passwd")))
                cand = 1;
        }
        if (x != 2 || cand)
            break;
        i++;
        cb = i;
        punct = dots = 0;
        only_dots = 1;
        /* a component that starts with a digit (a version, a date) can
         * only matter through an encoding: skip to its end */
        if (i < n && s[i] >= '1' && s[i] <= '9') {
            for (;;) {
                while (i < n && !dstop[s[i]])
                    i++;
                if (i < n && s[i] == '0' && !(i + 1 < n && (s[i + 1] | 0x20) == 'x')) {
                    i++;
                    continue;
                }
                break;
            }
            only_dots = 0;
        }
    }
    while (i < n && qcls[s[i]] != 1 && qcls[s[i]] != 6)
        i++;
    *endp = i;
    return cand;
}

/* Does a token at s[i..) begin with "scheme://"? URLs are not file paths. */
static int tok_is_url(const unsigned char *s, size_t i, size_t n)
{
    size_t k = i;
    while (k < n && k - i < 16 && (is_alnum(s[k]) || s[k] == '+' || s[k] == '-' || s[k] == '.'))
        k++;
    return k > i && k + 2 < n && s[k] == ':' && s[k + 1] == '/' && s[k + 2] == '/';
}

/* 1 for the bytes that end a token (qcls 1 and 6). */
static const unsigned char tend[256] = {
    [' '] = 1, ['('] = 1, [')'] = 1, ['\t'] = 1, ['\r'] = 1, ['\n'] = 1, ['\v'] = 1,
    ['\f'] = 1, ['\0'] = 1, ['"'] = 1, ['\''] = 1, ['`'] = 1, ['<'] = 1, ['>'] = 1,
    ['='] = 1, [','] = 1, ['|'] = 1, ['&'] = 1, ['?'] = 1, ['#'] = 1, ['{'] = 1,
    ['}'] = 1, [']'] = 1, ['*'] = 1, ['^'] = 1, [';'] = 1,
};

/* Start of the token holding s[i]: back to a delimiter, ';' or `floor`. */
static size_t tok_start(const unsigned char *s, size_t i, size_t floor)
{
    while (i >= floor + 4 && !(tend[s[i - 1]] | tend[s[i - 2]] | tend[s[i - 3]] | tend[s[i - 4]]))
        i -= 4;
    while (i > floor && !tend[s[i - 1]])
        i--;
    return i;
}

/* Is s[i] an anchor: a separator, the first of "..", the '0' of "0x", or
 * the lead byte of an encoded '.', '/' or '\\'? */
static int is_anchor(const unsigned char *s, size_t i, size_t n)
{
    switch (anchor[s[i]]) {
    case 1:
        return 1;
    case 2:
        return i + 1 < n && s[i + 1] == '.';
    case 3:
        return i + 1 < n && (s[i + 1] | 0x20) == 'x';
    case 4: {
        unsigned char d;
        size_t k = next_char(s, i, n, &d);
        return k > 1 && (d == '.' || d == '/' || d == '\\');
    }
    case 5:
        return i > 0 && is_alnum(s[i - 1]);
    case 6:
        return i + 1 < n && (s[i + 1] | 0x20) == 'c';
    default:
        return 0;
    }
}

/* The next anchor at or after s[i], or n. Sixteen bytes at a time where
 * SSE2 is there (separators, "..", "0x" and high bytes in one mask). */
static size_t next_anchor(const unsigned char *s, size_t i, size_t n)
{
#if defined(__SSE2__)
    const __m128i slash = _mm_set1_epi8('/'), bslash = _mm_set1_epi8('\\');
    const __m128i dot = _mm_set1_epi8('.'), zero = _mm_set1_epi8('0');
    const __m128i x = _mm_set1_epi8('x'), low = _mm_set1_epi8(0x20);
    const __m128i colon = _mm_set1_epi8(':'), pipe = _mm_set1_epi8('|');
    while (i + 17 <= n) {
        __m128i a = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        __m128i b = _mm_loadu_si128((const __m128i *)(const void *)(s + i + 1));
        __m128i m = _mm_or_si128(_mm_cmpeq_epi8(a, slash), _mm_cmpeq_epi8(a, bslash));
        m = _mm_or_si128(m, _mm_and_si128(_mm_cmpeq_epi8(a, dot), _mm_cmpeq_epi8(b, dot)));
        m = _mm_or_si128(m, _mm_and_si128(_mm_cmpeq_epi8(a, zero),
                                          _mm_cmpeq_epi8(_mm_or_si128(b, low), x)));
        unsigned bits = (unsigned)_mm_movemask_epi8(m);
        /* high bytes, ':' and '|' need a second look */
        unsigned high = (unsigned)_mm_movemask_epi8(
            _mm_or_si128(a, _mm_or_si128(_mm_cmpeq_epi8(a, colon), _mm_cmpeq_epi8(a, pipe))));
        while (bits | high) {
            unsigned all = bits | high;
            unsigned k = (unsigned)__builtin_ctz(all);
            if ((bits >> k) & 1u)
                return i + k;
            if (is_anchor(s, i + k, n))
                return i + k;
            high &= high - 1;
        }
        i += 16;
    }
#endif
    while (i < n && !(anchor[s[i]] && is_anchor(s, i, n)))
        i++;
    return i;
}

/* Scans every token that holds a separator (or "..", or an encoding of
 * one); returns the lowest sensitivity that fires (0: none), fills *f. */
static int scan_tokens(const unsigned char *s, size_t n, int sens, size_t lead, vigil__finding *f)
{
    size_t i = 0, done = 0;
    int best = 0;
    while (i < n) {
        i = next_anchor(s, i, n);
        if (i >= n)
            break;
        unsigned a = anchor[s[i]];
        if (a >= 5) {
            size_t b = i + 1;
            int lvl = a == 5   ? wrapper_at(s, i, n, lead, &b)
                      : sens >= 2 && filter_at(s, i + 1, n) ? 2 : 0;
            if (lvl && lvl <= sens && (!best || lvl < best)) {
                best = lvl;
                f->detail = "stream wrapper";
                f->score = lvl == 1 ? 90 : 70;
                f->off = b;
                f->len = i + 1 - b;
                if (lvl == 1)
                    return 1;
            }
            i++;
            continue;
        }
        /* the token around the anchor */
        size_t b = tok_start(s, i, done);
        size_t end = i + 1;
        int lvl = 0;
        const char *detail = NULL;
        unsigned char c0 = s[b];
        if (a == 1 && i > b + 1 && s[i - 1] == ':' && i + 1 < n && s[i + 1] == '/' &&
            tok_is_url(s, b, n)) {
            /* scheme://host/path: not a file path, except at sensitivity 3,
             * where the URL's path is walked after the host */
            size_t q = i + 2;
            while (q < n && s[q] != '/' && qcls[s[q]] != 1)
                q++;
            end = q;
            if (sens >= 3 && q < n && s[q] == '/') {
                lvl = walk(s, q, n, 0, &detail, &end);
                b = q;
            } else
                while (end < n && qcls[s[end]] != 1)
                    end++;
        } else {
            int rooted = c0 == '/' || c0 == '\\' || c0 == '~' || c0 == '%' ||
                         (is_alpha(c0) && b + 1 < n && s[b + 1] == ':');
            if (rooted || sens >= 3 || worth_walking(s, b, n, &end))
                lvl = walk(s, b, n, b == lead, &detail, &end);
        }
        if (lvl && lvl <= sens && (!best || lvl < best)) {
            best = lvl;
            f->detail = detail;
            f->score = lvl == 1 ? 90 : lvl == 2 ? 70 : 40;
            f->off = b;
            f->len = end > b ? end - b : 0;
            if (lvl == 1)
                return 1;
        }
        i = end > i ? end : i + 1;
        done = i;
    }
    return best;
}

/* ------------------------------------------------------------ bare names */

/* The whole value is a sensitive file name: ".htaccess", "web.config",
 * and wp-config.php in its backup and padded spellings
 * ("wp-config.php.bak", "wp-config_php.txt", "wp-config. php"). */
static int bare_name(const unsigned char *s, size_t n, size_t b, vigil__finding *f)
{
    size_t e = n;
    while (e > b && (is_space(s[e - 1]) || s[e - 1] == '"' || s[e - 1] == '\''))
        e--;
    unsigned char c0 = vigil__lower(s[b]);
    if (e - b < 4 || e - b > COMP_CAP ||
        !(c0 == '.' || c0 == 'a' || c0 == 'b' || c0 == 'i' || c0 == 'w'))
        return 0;
    char low[COMP_CAP] = {0}; /* zeroed: gcc -O1 cannot see m bounds the reads */
    size_t m = 0;
    for (size_t i = b; i < e; i++) {
        unsigned char c = s[i];
        if (c == ' ')
            continue; /* "wp-config. php" */
        if (!(is_alnum(c) || c == '.' || c == '_' || c == '-'))
            return 0;
        low[m++] = (char)vigil__lower(c);
    }
    if (!in_nm(low, m, names_bare) &&
        !(m > 9 && memcmp(low, "wp-config", 9) == 0 && !is_alnum((unsigned char)low[9])))
        return 0;
    f->detail = "sensitive file";
    f->score = 70;
    f->off = b;
    f->len = e - b;
    return 1;
}

/* --------------------------------------------------------------- entry */

int vigil__detect_path(const char *str, size_t n, int sensitivity, vigil__finding *f)
{
    const unsigned char *s = (const unsigned char *)str;
    vigil__finding scratch;
    if (!f)
        f = &scratch;
    if (!s || n == 0)
        return 0;
    size_t lead = 0;
    while (lead < n && (is_space(s[lead]) || s[lead] == '"' || s[lead] == '\''))
        lead++;
    if (lead == n)
        return 0;
    if (sensitivity >= 2) {
        if (bare_name(s, n, lead, f))
            return 1;
        if (filter_at(s, lead, n)) { /* a filter chain as the value */
            f->detail = "stream wrapper";
            f->score = 70;
            f->off = lead;
            f->len = 8;
            return 1;
        }
    }
    return scan_tokens(s, n, sensitivity, lead, f) ? 1 : 0;
}
