/*
 * detect_path.c - path traversal and local file inclusion (see detect.h).
 *
 * The value is cut into path-like tokens; each token is walked component
 * by component as a file system would resolve it ('/' and '\\' both
 * separate, "." and empty components vanish, any run of two or more dots
 * climbs one level) and flagged when it climbs above where it started or
 * names a well-known sensitive location. PHP/Java stream wrappers used for
 * inclusion are matched separately. One pass per token, no allocation.
 */
#include "detect.h"

#include <stddef.h>

#define COMP_CAP 40 /* longest component kept for table look-ups */

/* --------------------------------------------------------------- helpers */

static int is_alnum(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
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

static int in_list(const char *w, size_t n, const char *const *list)
{
    if (n == 0)
        return 0;
    for (; *list; list++)
        if ((*list)[0] == w[0] && strlen(*list) == n && memcmp(*list, w, n) == 0)
            return 1;
    return 0;
}

static int contains(const char *w, size_t n, const char *sub)
{
    size_t k = strlen(sub);
    for (size_t i = 0; i + k <= n; i++)
        if (memcmp(w + i, sub, k) == 0)
            return 1;
    return 0;
}

static int ends_with(const char *w, size_t n, const char *suf)
{
    size_t k = strlen(suf);
    return n > k && memcmp(w + n - k, suf, k) == 0;
}

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

/* First component of a rooted (or escaped) path that is sensitive by
 * itself once anything follows it. */
static const char *const root_strong[] = {
    "etc", "proc", "root", "boot", "windows", "winnt", "inetpub", "xampp", "wamp", "wamp64",
    "programdata", "documents and settings", "system volume information", "$recycle.bin",
    "sysprep", "%systemroot%", "%windir%", "system32", NULL};

/* Second components that make a rooted /var/... or /dev/... sensitive. */
static const char *const var_sub[] = {"log", "logs", "www", "lib", "run", "spool", "mail",
                                      "backups", "adm", "db", NULL};
static const char *const dev_sub[] = {"tcp", "udp", "shm", "fd", "stdin", "stdout", "stderr",
                                      "mem", "kmem", "null", "zero", "random", "urandom", NULL};
/* Files in /etc worth naming even without the leading root. */
static const char *const etc_files[] = {"passwd", "shadow", "group", "hosts", "issue", "sudoers",
                                        "crontab", "fstab", "gshadow", "master.passwd",
                                        "hostname", "resolv.conf", "motd", NULL};

/* Component names that are sensitive wherever they appear in a path. */
static const char *const names_any[] = {
    ".htaccess", ".htpasswd", ".env", ".git", ".svn", ".hg", ".ssh", ".aws", ".docker",
    ".kube", ".gnupg", ".npmrc", ".netrc", ".pgpass", ".my.cnf", ".bash_history", ".bashrc",
    ".bash_profile", ".profile", ".zsh_history", ".mysql_history", ".psql_history", ".viminfo",
    ".git-credentials", ".ds_store", "id_rsa", "id_dsa", "id_ecdsa", "id_ed25519",
    "authorized_keys", "known_hosts", "web-inf", "web.config", "applicationhost.config",
    "machine.config", "global.asa", "win.ini", "system.ini", "boot.ini", "php.ini", "httpd.conf",
    "apache2.conf", "nginx.conf", "my.cnf", "my.ini", "wp-config.php", "config.inc.php",
    "localsettings.php", "ntuser.dat", "sysprep.inf", "sysprep.xml", "unattend.xml",
    "unattend.txt", "unattended.txt", "pagefile.sys", "hiberfil.sys", "access_log", "error_log",
    "access.log", "error.log", "master.passwd", "desktop.ini", "grub.conf", "grub.cfg",
    "httpd-access.log", "httpd-error.log", NULL};
/* Of those, the ones distinctive enough to flag as a bare value. */
static const char *const names_bare[] = {
    ".htaccess", ".htpasswd", ".env", ".bash_history", ".bashrc", ".bash_profile", ".netrc",
    ".pgpass", ".npmrc", ".git-credentials", ".mysql_history", ".zsh_history", "id_rsa",
    "id_dsa", "web.config", "wp-config.php", "win.ini", "boot.ini", "applicationhost.config",
    NULL};
/* File extensions that make a rooted path with two or more components a
 * configuration, log or key file. */
static const char *const exts[] = {".ini", ".conf", ".cnf", ".log", ".err", ".config", ".inf",
                                   ".cfg", ".pem", ".key", ".asa", ".passwd", "_log", NULL};

/* ---------------------------------------------------------------- tokens */

typedef struct ptok {
    int           rooted;   /* starts at a root: '/', '\\', "C:", %systemroot% */
    int           winroot;  /* rooted at a drive, a backslash or %systemroot%    */
    int           depth;    /* components below the start                        */
    int           climb;    /* parent steps taken above the start                */
    int           tricky;   /* parent step spelled "...", "....", "..;"          */
    int           nsep;     /* separators seen                                   */
    int           ncomp;    /* normal components seen                            */
    int           after;    /* normal components after the last climb            */
    int           hit;      /* lowest sensitivity a sensitive name fires at      */
    int           rootlvl;  /* root component: level it makes its content fire   */
    int           rootkind; /* 0, 2 for /var, 3 for /dev                         */
    int           proc;     /* 1: previous component was "proc"; 2: "proc/self" */
    int           ndot;     /* "." components (padding such as "/./\\/./")   */
    size_t        plen;
    size_t        clen;
    int           ctrunc;
    int           cdots;    /* leading dots in the current component             */
    int           conly;    /* 1: only dots so far; 2: dots then ';' (Tomcat)    */
    int           cpunct;   /* current component has '.', '_' or '-'             */
    unsigned char prev[COMP_CAP]; /* buffers last: tok_reset leaves them alone */
    unsigned char comp[COMP_CAP];
} ptok;

static void tok_reset(ptok *t)
{
    memset(t, 0, offsetof(ptok, prev));
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

/* A component ended (at a separator, or at the end of the token). */
static void comp_end(ptok *t, int at_sep)
{
    size_t n = t->clen;
    const char *w = (const char *)t->comp;
    int dots = t->cdots;
    int only = t->conly;
    int trunc = t->ctrunc;
    int punct = t->cpunct;
    t->clen = 0;
    t->cdots = 0;
    t->conly = 1;
    t->ctrunc = 0;
    t->cpunct = 0;
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
        else {
            t->climb++;
            t->after = 0;
        }
        t->proc = 0;
        t->plen = 0;
        return;
    }
    /* Windows ignores trailing dots and spaces and "::$DATA" streams. */
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
        t->after++;
        return;
    }
    if (!trunc) {
        if (t->depth == 0 && anchored) {
            t->rootkind = 0;
            t->rootlvl = 0;
            if ((n == 3 && memcmp(w, "etc", 3) == 0) || (n == 4 && memcmp(w, "proc", 4) == 0))
                t->rootlvl = 1;
            else if (!memchr("eprbwixds%$v", w[0], 12))
                ; /* no root entry starts with this letter */
            else if (in_list(w, n, root_strong) ||
                     (n >= 13 && memcmp(w, "program files", 13) == 0))
                t->rootlvl = (t->winroot || t->climb > 0) ? 1 : 3; /* "/windows/10" is a web path */
            else if (n == 3 && memcmp(w, "var", 3) == 0)
                t->rootkind = 2;
            else if (n == 3 && memcmp(w, "dev", 3) == 0)
                t->rootkind = 3;
        } else if (t->depth >= 1 && t->rootlvl) {
            set_hit(t, t->rootlvl); /* something inside /etc, C:\\Windows, ... */
        } else if (t->depth == 1 && ((t->rootkind == 2 && in_list(w, n, var_sub)) ||
                                     (t->rootkind == 3 && in_list(w, n, dev_sub)))) {
            set_hit(t, 2);
        }
        if (t->plen == 3 && memcmp(t->prev, "etc", 3) == 0) {
            if (in_list(w, n, etc_files))
                set_hit(t, anchored ? 1 : 2);
            else if (anchored && t->depth >= 2)
                set_hit(t, 2); /* /usr/local/etc/..., /opt/x/etc/... */
        }
        if (punct && in_list(w, n, names_any)) /* every entry has '.', '_' or '-' */
            set_hit(t, anchored ? 1 : 2);
        if (t->proc == 2 || (t->proc == 1 && anchored && t->depth == 1))
            set_hit(t, 2); /* /proc/<pid>, proc/self/environ */
        if (t->rootkind == 2 && t->depth >= 1 && contains(w, n, "log"))
            set_hit(t, 2); /* log files anywhere under /var */
        if (anchored && n > 5 && memcmp(w, "sess_", 5) == 0)
            set_hit(t, 2); /* PHP session files */
        if ((w[0] == '.' && ends_with(w, n, "_history")) ||
            (w[n - 1] == 'd' && ends_with(w, n, "passwd")))
            set_hit(t, anchored ? 1 : 2);
        if (t->climb > 0 && !at_sep &&
            (contains(w, n, "config") || contains(w, n, "passw") || contains(w, n, "secret") ||
             contains(w, n, "database") || contains(w, n, "credential")))
            set_hit(t, 1); /* ../config.php and the like */
        if (!at_sep && anchored && t->ncomp >= 1 && punct) {
            for (const char *const *e = exts; *e; e++)
                if (ends_with(w, n, *e)) {
                    set_hit(t, 2);
                    break;
                }
        }
        if (t->proc == 1)
            t->proc = ((n == 4 && memcmp(w, "self", 4) == 0) || (w[0] >= '0' && w[0] <= '9'))
                          ? 2
                          : 0;
        else
            t->proc = n == 4 && memcmp(w, "proc", 4) == 0;
        memcpy(t->prev, w, n);
        t->plen = n;
    } else {
        t->proc = 0;
        t->plen = 0;
    }
    t->depth++;
    t->ncomp++;
    t->after++;
}

/* Verdict for a finished token: 0 none, else the lowest sensitivity that
 * fires; *detail says which rule. */
static int tok_verdict(const ptok *t, int bare_name, const char **detail)
{
    int best = 0;
    if (t->hit && (t->nsep > 0 || t->climb > 0 || t->rooted || bare_name)) {
        *detail = "sensitive file";
        best = t->climb > 0 ? 1 : t->hit;
    }
    if (t->climb > 0 && (t->nsep > 0 || t->climb > 1)) {
        int lvl;
        if (t->climb >= 3)
            lvl = 1;
        else if (t->climb == 2 || t->rooted || t->tricky)
            lvl = 2;
        else
            lvl = 3; /* a single "../" is common in relative links */
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

/* Byte classes for the quick scans: what a value or a word contains. */
enum { PC_SEP = 1, PC_COLON = 2, PC_DOT = 4, PC_ZERO = 8, PC_DELIM = 16 };
static const unsigned char pclass[256] = {
    ['/'] = PC_SEP, ['\\'] = PC_SEP, ['%'] = PC_SEP, [':'] = PC_COLON, ['.'] = PC_DOT,
    ['0'] = PC_ZERO, [';'] = PC_DELIM, [' '] = PC_DELIM, ['('] = PC_DELIM, [')'] = PC_DELIM,
    ['\t'] = PC_DELIM, ['\r'] = PC_DELIM, ['\n'] = PC_DELIM, ['\v'] = PC_DELIM,
    ['\f'] = PC_DELIM, ['\0'] = PC_DELIM, ['"'] = PC_DELIM, ['\''] = PC_DELIM,
    ['`'] = PC_DELIM, ['<'] = PC_DELIM, ['>'] = PC_DELIM, ['='] = PC_DELIM, [','] = PC_DELIM,
    ['|'] = PC_DELIM, ['&'] = PC_DELIM, ['?'] = PC_DELIM, ['#'] = PC_DELIM, ['{'] = PC_DELIM,
    ['}'] = PC_DELIM, ['['] = PC_DELIM, [']'] = PC_DELIM, ['*'] = PC_DELIM, ['^'] = PC_DELIM,
#define HI8(x) [x] = PC_SEP, [x + 1] = PC_SEP, [x + 2] = PC_SEP, [x + 3] = PC_SEP, \
               [x + 4] = PC_SEP, [x + 5] = PC_SEP, [x + 6] = PC_SEP, [x + 7] = PC_SEP
    HI8(0x80), HI8(0x88), HI8(0x90), HI8(0x98), HI8(0xa0), HI8(0xa8), HI8(0xb0), HI8(0xb8),
    HI8(0xc0), HI8(0xc8), HI8(0xd0), HI8(0xd8), HI8(0xe0), HI8(0xe8), HI8(0xf0), HI8(0xf8),
#undef HI8
};

static int tok_delim(unsigned char c, int spaces_ok)
{
    return delim_tab[c] == 1 || (delim_tab[c] == 2 && !spaces_ok);
}

/* Does a token at s[i..) begin with "scheme://"? URLs are not file paths. */
static int tok_is_url(const unsigned char *s, size_t i, size_t n)
{
    size_t k = i;
    while (k < n && k - i < 16 && (is_alnum(s[k]) || s[k] == '+' || s[k] == '-' || s[k] == '.'))
        k++;
    return k > i && k + 2 < n && s[k] == ':' && s[k + 1] == '/' && s[k + 2] == '/';
}

/* Only blanks and quotes from s[i] to the end? */
static int tail_blank(const unsigned char *s, size_t i, size_t n)
{
    for (; i < n; i++)
        if (!is_space(s[i]) && s[i] != '"' && s[i] != '\'')
            return 0;
    return 1;
}

/* Scans every path token; returns the lowest sensitivity that fires. */
static int scan_tokens(const unsigned char *s, size_t n, int sens, vigil__finding *f)
{
    size_t i = 0, lead = 0;
    int best = 0;
    while (lead < n && (is_space(s[lead]) || s[lead] == '"' || s[lead] == '\''))
        lead++;
    while (i < n) {
        /* skip delimiters */
        while (i < n && (tok_delim(s[i], 0) || s[i] == ';'))
            i++;
        if (i >= n)
            break;
        size_t start = i;
        if (is_alnum(s[i]) && tok_is_url(s, i, n)) {
            while (i < n && !tok_delim(s[i], 0))
                i++;
            if (sens < 3)
                continue;
            /* at sensitivity 3 the URL's path is walked after the host */
            i = start;
            while (i < n && s[i] != ':')
                i++;
            i += 3;
            while (i < n && s[i] != '/' && !tok_delim(s[i], 0))
                i++;
            if (i >= n || s[i] != '/')
                continue;
        }
        unsigned char c0 = s[i];
        if (c0 != '/' && c0 != '\\' && c0 != '~' && c0 != '%' && c0 != '.' &&
            !(i + 1 < n && s[i + 1] == ':')) {
            /* a plain word can only matter if a separator follows in it */
            size_t e = i;
            int sepish = 0;
            for (; e < n; e++) {
                unsigned char pc = pclass[s[e]];
                if (pc & (PC_DELIM | PC_SEP | PC_ZERO)) {
                    if (pc & PC_DELIM)
                        break;
                    if ((pc & PC_SEP) && s[e] != '%') {
                        sepish = 1;
                        break;
                    }
                    if ((pc & PC_ZERO) && e + 1 < n && (s[e + 1] | 0x20) == 'x') {
                        sepish = 1;
                        break;
                    }
                }
            }
            if (!sepish) {
                i = e;
                continue;
            }
        }
        ptok t;
        tok_reset(&t);
        int spaces_ok = 0;
        if (c0 == '/' || c0 == '\\') {
            t.rooted = 1;
            t.winroot = spaces_ok = c0 == '\\';
        } else if (((c0 | 0x20) >= 'a' && (c0 | 0x20) <= 'z') && i + 2 < n && s[i + 1] == ':' &&
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
            if (pclass[c] == 0 && delim_tab[c] == 0) {
                /* fast path for ordinary letters and digits */
                if (c == '_' || c == '-')
                    t.cpunct = 1;
                t.conly = 0;
                if (t.clen < COMP_CAP)
                    t.comp[t.clen++] = vigil__lower(c);
                else
                    t.ctrunc = 1;
                i++;
                continue;
            }
            size_t k = next_char(s, i, n, &c);
            if (c == ';' && !(t.conly && t.cdots >= 2))
                break; /* ';' ends a token except right after ".." */
            if (c == '%' && i + 2 < n && s[i + 1] == '0' && s[i + 2] == '0')
                break; /* a "%00" left by partial decoding truncates too */
            if (c == '[' && i + 2 < n && s[i + 2] == ']' && s[i + 1] != '/') {
                comp_add(&t, s[i + 1]); /* shell glob class: /etc/pa[s]swd */
                i += 3;
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
        /* a bare sensitive name counts only as the whole value */
        int bare = t.nsep == 0 && t.clen > 0 && !t.ctrunc && start == lead && tail_blank(s, i, n) &&
                   in_list((const char *)t.comp, t.clen, names_bare);
        comp_end(&t, 0);
        if (bare)
            set_hit(&t, 2);
        const char *detail = NULL;
        int lvl = tok_verdict(&t, bare, &detail);
        if (lvl && lvl <= sens && (!best || lvl < best)) {
            best = lvl;
            f->detail = detail;
            f->score = lvl == 1 ? 90 : lvl == 2 ? 70 : 40;
            f->off = start;
            f->len = i - start;
            if (lvl == 1)
                return 1;
        }
        if (i == tstart && i < n)
            i++; /* guarantee progress */
    }
    return best;
}

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

/* PHP filter chains name "convert.iconv.*", "convert.base64-*" ...;
 * found from the dots, which are rarer than letters. */
static int scan_filters(const unsigned char *s, size_t n, vigil__finding *f)
{
    const unsigned char *p = s, *e = s + n;
    while ((p = memchr(p, '.', (size_t)(e - p))) != NULL) {
        size_t i = (size_t)(p - s);
        p++;
        if (i < 7 || !at_lit(s, i - 7, n, "convert") || (i > 7 && is_alnum(s[i - 8])))
            continue;
        if (at_lit(s, i + 1, n, "iconv.") || at_lit(s, i + 1, n, "base64-") ||
            at_lit(s, i + 1, n, "quoted-printable-")) {
            f->detail = "stream wrapper";
            f->score = 60;
            f->off = i - 7;
            f->len = 8;
            return 1;
        }
    }
    return 0;
}

static int scan_wrappers(const unsigned char *s, size_t n, int sens, vigil__finding *f)
{
    /* first non-blank, non-quote position: wrappers there fire at level 1 */
    size_t lead = 0;
    while (lead < n && (is_space(s[lead]) || s[lead] == '"' || s[lead] == '\''))
        lead++;
    const unsigned char *p = s, *end = s + n;
    while ((p = memchr(p, ':', (size_t)(end - p))) != NULL) {
        size_t i = (size_t)(p - s);
        p++;
        {
            size_t b = i;
            while (b > 0 && i - b < 16 &&
                   (is_alnum(s[b - 1]) || s[b - 1] == '.' || s[b - 1] == '2'))
                b--;
            if (b == i || (b > 0 && (s[b - 1] == '_' || s[b - 1] == '-')) || i - b > 14)
                continue;
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
                    continue;
                int lvl = ((b == lead && !at_lit(s, b, n, "data")) || wl == 3 || (wl == 4 && at_lit(s, b, n, "phar")) ||
                           at_lit(s, b, n, "php:"))
                              ? 1
                              : 2;
                if (lvl <= sens) {
                    f->detail = "stream wrapper";
                    f->score = lvl == 1 ? 90 : 70;
                    f->off = b;
                    f->len = i + 1 - b;
                    return 1;
                }
            }
        }
    }
    return 0;
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
    /* Pre-check: everything this detector reports needs a separator, a
     * colon, a '%' (%systemroot%) or a high byte (overlong / Unicode
     * separators) -- except bare dot-file names, "0x2e0x2e" spellings and
     * PHP filter names, which need a dot or "0x". */
    unsigned m = 0;
    for (size_t i = 0; i < n; i++)
        m |= pclass[s[i]];
    int sep = (m & PC_SEP) != 0, colon = (m & PC_COLON) != 0, dot = (m & PC_DOT) != 0;
    int hex = 0;
    if (m & PC_ZERO)
        for (size_t i = 0; i + 1 < n && !hex; i++)
            hex = s[i] == '0' && (s[i + 1] | 0x20) == 'x';
    if (!sep && !colon && !dot && !hex)
        return 0;
    if (colon && scan_wrappers(s, n, sensitivity, f))
        return 1;
    if (dot && sensitivity >= 2 && scan_filters(s, n, f))
        return 1;
    if (!sep && !colon && !hex) {
        /* dots only: a bare name such as ".htaccess" can still fire */
        size_t b = 0, e = n;
        while (b < e && (is_space(s[b]) || s[b] == '"' || s[b] == '\''))
            b++;
        while (e > b && (is_space(s[e - 1]) || s[e - 1] == '"' || s[e - 1] == '\''))
            e--;
        /* every bare name starts with one of ".abiw" and is 4+ bytes */
        if (e - b > COMP_CAP || e - b < 4 || sensitivity < 2 ||
            !memchr(".abiwABIW", s[b], 9))
            return 0;
        char low[COMP_CAP];
        for (size_t i = b; i < e; i++)
            low[i - b] = (char)vigil__lower(s[i]);
        if (!in_list(low, e - b, names_bare))
            return 0;
        f->detail = "sensitive file";
        f->score = 70;
        f->off = b;
        f->len = e - b;
        return 1;
    }
    return scan_tokens(s, n, sensitivity, f) ? 1 : 0;
}
