/*
 * detect_cmd.c - OS command injection (see detect.h).
 *
 * A small shell-aware scanner: it finds the places where a POSIX shell or
 * cmd.exe would start a new command (after ; | || & && newline, inside
 * $( ), <( ) and backticks, in {cmd,arg} brace lists, at the start of the
 * value) and reads the word there the way the shell would after quote
 * removal (c''at, c\at, w"h"o"am"i, $@, $((7)) and empty $() / ``
 * padding, ${IFS} as a blank, cur[l] and /???/??t globs, /bin/ prefixes).
 * The word is looked up in a table of programs and builtins whose flags
 * say how much the following arguments must look like shell syntax before
 * the finding is believed: English words such as "cat", "type" or "sleep"
 * need real shell arguments. Constructs that exist only in shells are
 * findings of their own: arithmetic and parameter expansion, history and
 * directory-stack expansion, aliases, cmd.exe FOR/IF statements,
 * shellshock function definitions, output redirected into system
 * directories. A byte-class scan (sixteen bytes at a time where SSE2 is
 * there) skips everything between the bytes that can start a command.
 */
#include "detect.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* ------------------------------------------------------------ the table */

#define C_STRONG 0x001u /* unambiguous program name                           */
#define C_NOARG  0x002u /* meaningful with no argument: "; id", "| whoami"     */
#define C_ENG    0x004u /* also an everyday word: needs shell-like arguments   */
#define C_NUM    0x008u /* takes a number or address: sleep 5, ping 10.0.0.1  */
#define C_READ   0x010u /* prints the file it is given: cat x.txt             */
#define C_WRAP   0x020u /* runs the following words: sudo, nohup, time        */
#define C_SUB    0x040u /* has subcommands: net user, reg add                 */
#define C_QUOTE  0x080u /* takes a quoted script: echo "...", printf          */
#define C_WHICH  0x100u /* names another command: which wget                  */
#define C_VER    0x200u /* may carry a version suffix: python3, php7          */
#define C_BARE   0x400u /* a finding even as the whole value: "whoami"        */
#define C_ADMIN  0x800u /* administration tool that no text starts with: its
                           plain-word arguments are enough ("netsh firewall") */
#define C_WIN    0x1000u /* cmd.exe program: a switch may be glued on, dir/s  */
#define C_NET    0x2000u /* takes a host: curl example.org, nslookup x.y      */

typedef struct cmd_ent {
    const char   *name;
    unsigned char len;
    unsigned      flags;
} cmd_ent;

#define E(name, flags) {name, (unsigned char)(sizeof(name) - 1), flags}

/* Programs and builtins, bucketed by first character; each bucket is kept
 * in byte order for a binary search. */
static const cmd_ent cmds_a[] = {
    E("adduser", C_STRONG), E("ansible", C_STRONG),
    E("ansible-config", C_STRONG | C_ADMIN), E("ansible-console", C_STRONG | C_ADMIN | C_NOARG | C_BARE),
    E("ansible-doc", C_STRONG | C_ADMIN), E("ansible-galaxy", C_STRONG | C_ADMIN),
    E("ansible-inventory", C_STRONG | C_ADMIN), E("ansible-playbook", C_STRONG | C_ADMIN),
    E("ansible-pull", C_STRONG | C_ADMIN), E("ansible-test", C_STRONG | C_ADMIN),
    E("ansible-vault", C_STRONG | C_ADMIN), E("apt", C_ENG), E("apt-get", C_STRONG),
    E("aptitude", C_STRONG), E("aria2c", C_STRONG), E("arp", C_NOARG), E("attrib", C_STRONG | C_WIN),
    E("auditpol", C_STRONG | C_ADMIN | C_WIN), E("awk", 0)};
static const cmd_ent cmds_b[] = {
    E("base32", 0), E("base64", 0), E("bash", C_ENG | C_NOARG),
    E("bcdboot", C_STRONG | C_ADMIN | C_WIN), E("bcdedit", C_STRONG | C_ADMIN | C_WIN | C_NOARG),
    E("bitsadmin", C_STRONG | C_ADMIN | C_WIN), E("busybox", C_STRONG | C_WRAP),
    E("bzcat", C_STRONG | C_READ), E("bzip2", C_STRONG)};
static const cmd_ent cmds_c[] = {
    E("c89", C_ENG), E("c99", C_ENG), E("cacls", C_STRONG | C_WIN), E("cat", C_ENG | C_READ),
    E("cc", C_ENG), E("cd", 0), E("certutil", C_STRONG | C_ADMIN | C_WIN), E("chattr", C_STRONG),
    E("chef-apply", C_STRONG | C_ADMIN), E("chef-client", C_STRONG | C_ADMIN),
    E("chef-run", C_STRONG | C_ADMIN), E("chef-shell", C_STRONG | C_ADMIN | C_NOARG | C_BARE),
    E("chef-solo", C_STRONG | C_ADMIN), E("chef-vault", C_STRONG | C_ADMIN), E("chgrp", C_STRONG),
    E("chmod", C_STRONG), E("chown", C_STRONG), E("chroot", C_STRONG), E("cmd", C_NOARG | C_WIN),
    E("cmdkey", C_STRONG | C_ADMIN | C_WIN), E("command", C_ENG | C_WRAP), E("cp", 0),
    E("cpan", C_STRONG), E("cpulimit", C_STRONG), E("crontab", C_STRONG),
    E("cscli", C_STRONG | C_ADMIN), E("cscript", C_STRONG | C_WIN), E("csh", C_STRONG | C_NOARG),
    E("curl", C_ENG | C_NET), E("cut", C_ENG)};
static const cmd_ent cmds_d[] = {
    E("dash", C_ENG), E("dd", 0), E("del", C_WIN), E("dig", C_ENG | C_NET), E("dir", C_NOARG | C_WIN),
    E("diskpart", C_STRONG | C_ADMIN | C_WIN | C_NOARG), E("dism", C_STRONG | C_ADMIN | C_WIN),
    E("dmesg", C_STRONG | C_NOARG), E("doas", C_STRONG | C_WRAP), E("dpkg", C_STRONG),
    E("dsquery", C_STRONG | C_ADMIN | C_WIN)};
static const cmd_ent cmds_e[] = {
    E("echo", C_ENG | C_QUOTE), E("egrep", 0), E("env", C_NOARG | C_WRAP), E("eval", C_ENG),
    E("exec", C_ENG | C_WRAP)};
static const cmd_ent cmds_f[] = {
    E("fgrep", 0), E("find", C_ENG), E("findstr", C_STRONG | C_WIN),
    E("forfiles", C_STRONG | C_ADMIN | C_WIN), E("fsutil", C_STRONG | C_ADMIN | C_WIN), E("ftp", C_NET)};
static const cmd_ent cmds_g[] = {
    E("gawk", C_STRONG), E("gcc", C_VER), E("gdb", 0), E("getent", C_STRONG), E("grep", 0),
    E("gunzip", C_STRONG | C_READ), E("gzip", 0)};
static const cmd_ent cmds_h[] = {
    E("head", C_ENG | C_READ), E("hexdump", C_STRONG | C_READ), E("hostname", C_NOARG),
    E("htop", C_STRONG | C_NOARG)};
static const cmd_ent cmds_i[] = {
    E("icacls", C_STRONG | C_WIN), E("id", C_NOARG), E("iex", 0),
    E("ifconfig", C_STRONG | C_NOARG | C_BARE), E("invoke-command", C_STRONG),
    E("invoke-expression", C_STRONG), E("invoke-restmethod", C_STRONG),
    E("invoke-webrequest", C_STRONG), E("invoke-wmimethod", C_STRONG), E("ip", C_ENG | C_SUB),
    E("ipconfig", C_STRONG | C_NOARG | C_BARE | C_WIN), E("iptables", C_STRONG), E("irb", 0),
    E("iwmi", C_STRONG), E("iwr", C_STRONG)};
static const cmd_ent cmds_j[] = {E("journalctl", C_STRONG)};
static const cmd_ent cmds_k[] = {
    E("kill", C_ENG | C_NUM), E("klist", C_STRONG | C_WIN), E("knife", C_ENG),
    E("ksh", C_STRONG | C_NOARG), E("kubectl", C_STRONG)};
static const cmd_ent cmds_l[] = {
    E("lastlog", C_STRONG | C_NOARG | C_BARE), E("less", C_ENG | C_READ), E("ls", C_NOARG),
    E("lsof", C_STRONG | C_NOARG), E("ltrace", C_STRONG | C_WRAP), E("lua", C_VER),
    E("lwp-download", C_STRONG), E("lwp-request", C_STRONG)};
static const cmd_ent cmds_m[] = {
    E("mkdir", 0), E("mkfifo", C_STRONG), E("more", C_ENG | C_READ), E("mshta", C_STRONG | C_WIN),
    E("msiexec", C_STRONG | C_WIN), E("mv", 0)};
static const cmd_ent cmds_n[] = {
    E("nbtstat", C_STRONG | C_WIN), E("nc", C_NUM), E("ncat", C_STRONG | C_NET), E("net", C_ENG | C_SUB | C_WIN),
    E("netcat", C_STRONG), E("netsh", C_STRONG | C_ADMIN | C_WIN),
    E("netstat", C_STRONG | C_NOARG), E("new-object", C_STRONG), E("nice", C_ENG | C_WRAP),
    E("nl", C_READ), E("nltest", C_STRONG | C_ADMIN | C_WIN), E("nmap", C_STRONG), E("node", C_VER),
    E("nohup", C_STRONG | C_WRAP), E("nslookup", C_STRONG | C_NET)};
static const cmd_ent cmds_o[] = {E("od", C_READ), E("openssl", C_STRONG), E("osascript", C_STRONG)};
static const cmd_ent cmds_p[] = {
    E("perf", 0), E("perl", C_VER), E("php", C_VER), E("phpinfo", C_STRONG | C_NOARG | C_BARE),
    E("ping", C_ENG | C_NUM | C_NET), E("pipx", C_STRONG), E("pkexec", C_STRONG | C_WRAP), E("powershell", C_STRONG | C_NOARG | C_WIN),
    E("printenv", C_STRONG | C_NOARG | C_BARE), E("printf", C_QUOTE), E("ps", C_NOARG),
    E("psexec", C_STRONG | C_ADMIN | C_WIN), E("pwd", C_NOARG), E("pwsh", C_STRONG | C_NOARG),
    E("python", C_VER)};
static const cmd_ent cmds_r[] = {
    E("reboot", C_NOARG), E("reg", C_SUB | C_WIN), E("regedit", C_STRONG | C_WIN),
    E("regsvr32", C_STRONG | C_WIN), E("rm", 0), E("rmdir", 0), E("rmt", C_STRONG),
    E("rmt-tar", C_STRONG), E("robocopy", C_STRONG | C_ADMIN | C_WIN), E("route", C_NOARG),
    E("rsync", C_STRONG), E("ruby", C_VER), E("rundll32", C_STRONG | C_WIN)};
static const cmd_ent cmds_s[] = {
    E("schtasks", C_STRONG | C_ADMIN | C_WIN), E("scp", C_STRONG), E("sed", 0), E("service", C_ENG),
    E("set", C_ENG), E("setsid", C_STRONG | C_WRAP), E("sftp", C_STRONG), E("sh", C_NOARG),
    E("shutdown", C_NOARG), E("sleep", C_ENG | C_NUM), E("socat", C_STRONG), E("sort", C_ENG),
    E("ssh", C_NET), E("ssh-keygen", C_STRONG), E("start-process", C_STRONG), E("strace", C_STRONG | C_WRAP),
    E("strings", C_ENG | C_READ), E("su", 0), E("sudo", C_STRONG | C_WRAP), E("sysctl", C_STRONG),
    E("sysinfo", C_STRONG | C_NOARG), E("systemctl", C_STRONG),
    E("systeminfo", C_STRONG | C_NOARG | C_BARE | C_WIN)};
static const cmd_ent cmds_t[] = {
    E("tac", C_READ), E("tail", C_ENG | C_READ), E("takeown", C_STRONG | C_ADMIN | C_WIN),
    E("tar", C_ENG), E("taskkill", C_STRONG | C_WIN), E("tasklist", C_STRONG | C_NOARG | C_BARE | C_WIN),
    E("tcpdump", C_STRONG), E("tcsh", C_STRONG | C_NOARG), E("tee", C_ENG), E("telnet", C_STRONG | C_NET),
    E("tftp", C_STRONG), E("time", C_ENG | C_WRAP), E("timeout", C_ENG | C_NUM), E("touch", C_ENG),
    E("traceroute", C_STRONG), E("tracert", C_STRONG | C_WIN), E("type", C_ENG | C_READ)};
static const cmd_ent cmds_u[] = {
    E("uname", C_STRONG | C_NOARG), E("unxz", C_STRONG | C_READ), E("unzip", 0),
    E("uptime", C_STRONG | C_NOARG), E("useradd", C_STRONG), E("userdel", C_STRONG),
    E("usermod", C_STRONG)};
static const cmd_ent cmds_v[] = {
    E("vi", 0), E("vim", 0), E("visudo", C_STRONG | C_NOARG | C_BARE),
    E("vssadmin", C_STRONG | C_ADMIN | C_WIN)};
static const cmd_ent cmds_w[] = {
    E("wevtutil", C_STRONG | C_ADMIN | C_WIN), E("wget", C_STRONG | C_NET), E("whereis", C_WHICH),
    E("which", C_ENG | C_WHICH), E("whoami", C_STRONG | C_NOARG | C_BARE | C_WIN),
    E("wmic", C_STRONG | C_ADMIN | C_WIN), E("wscript", C_STRONG | C_WIN)};
static const cmd_ent cmds_x[] = {
    E("xargs", C_STRONG | C_WRAP), E("xcopy", C_STRONG | C_WIN), E("xterm", C_STRONG),
    E("xxd", C_READ), E("xzcat", C_STRONG | C_READ)};
static const cmd_ent cmds_z[] = {
    E("zcat", C_STRONG | C_READ), E("zsh", C_STRONG | C_NOARG), E("zstdcat", C_STRONG | C_READ)};
static const cmd_ent cmds_7[] = {E("7z", 0), E("7za", 0), E("7zr", 0)};
/* sqlite3's shell escapes: ".shell cmd", ".system cmd" */
static const cmd_ent cmds_dot[] = {E(".shell", C_STRONG | C_WRAP), E(".system", C_STRONG | C_WRAP)};
#undef E

typedef struct cmd_bucket {
    const cmd_ent *e;
    size_t         n;
} cmd_bucket;

#define B(arr) {arr, VIGIL__COUNTOF(arr)}
/* Index 0-25: 'a'-'z'; 26: digits; 27: '.'. */
static const cmd_bucket buckets[28] = {
    B(cmds_a), B(cmds_b), B(cmds_c), B(cmds_d), B(cmds_e), B(cmds_f), B(cmds_g), B(cmds_h),
    B(cmds_i), B(cmds_j), B(cmds_k), B(cmds_l), B(cmds_m), B(cmds_n), B(cmds_o), B(cmds_p),
    {NULL, 0}, B(cmds_r), B(cmds_s), B(cmds_t), B(cmds_u), B(cmds_v), B(cmds_w), B(cmds_x),
    {NULL, 0}, B(cmds_z), B(cmds_7), B(cmds_dot)};
#undef B

#define NAME_MAX_LEN 17 /* longest entry: "ansible-inventory", "invoke-expression" */

/* Subcommands of C_SUB entries (net, reg, ip) that make them unambiguous. */
static const char *const subcmds[] = {"user",   "users",  "view",  "localgroup", "group",
                                      "share",  "use",    "start", "stop",       "session",
                                      "accounts", "add",  "query", "delete",     "export",
                                      "save",   "import", "addr",  "link",       "neigh", NULL};

/* Functions that hand a string to a shell or an interpreter. */
static const char *const exec_calls[] = {
    "system", "exec", "shell_exec", "passthru", "popen", "proc_open", "pcntl_exec", "eval",
    "assert", "execsync", "spawn", "spawnsync", "execfile", "getoutput", "check_output",
    "call", "run", NULL};

/* The table entry for the lower-case name w[0..n), or NULL. */
static const cmd_ent *lookup_ent(const char *w, size_t n)
{
    if (n == 0 || n > NAME_MAX_LEN)
        return NULL;
    unsigned char c = (unsigned char)w[0];
    const cmd_bucket *b;
    if (c >= 'a' && c <= 'z')
        b = &buckets[c - 'a'];
    else if (c >= '0' && c <= '9')
        b = &buckets[26];
    else if (c == '.')
        b = &buckets[27];
    else
        return NULL;
    if (b->n <= 6) {
        for (size_t k = 0; k < b->n; k++)
            if (b->e[k].len == n && memcmp(b->e[k].name, w, n) == 0)
                return &b->e[k];
        return NULL;
    }
    size_t lo = 0, hi = b->n; /* each bucket is sorted (bytewise) */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const cmd_ent *e = &b->e[mid];
        size_t m = e->len < n ? e->len : n, k = 1; /* w[0] matches: same bucket */
        while (k < m && w[k] == e->name[k])
            k++;
        int d = k < m ? (unsigned char)w[k] - (unsigned char)e->name[k]
                      : (int)n - (int)e->len;
        if (d == 0)
            return e;
        if (d < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

static int lookup(const char *w, size_t n, unsigned *flags)
{
    const cmd_ent *e = lookup_ent(w, n);
    if (!e)
        return 0;
    *flags = e->flags;
    return 1;
}

/* Glob match of pattern p (with ? and *) against name[0..nn). */
static int glob_match(const char *p, size_t pn, const char *name, size_t nn)
{
    size_t pi = 0, ni = 0, star = (size_t)-1, mark = 0;
    while (ni < nn) {
        if (pi < pn && (p[pi] == '?' || p[pi] == name[ni])) {
            pi++;
            ni++;
        } else if (pi < pn && p[pi] == '*') {
            star = pi++;
            mark = ni;
        } else if (star != (size_t)-1) {
            pi = star + 1;
            ni = ++mark;
        } else
            return 0;
    }
    while (pi < pn && p[pi] == '*')
        pi++;
    return pi == pn;
}

/* --------------------------------------------------------------- lexing */

static int is_alpha(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

static int is_alnum(unsigned char c)
{
    return is_alpha(c) || is_digit(c);
}

static int is_blank(unsigned char c)
{
    return c == ' ' || c == '\t';
}

/* Case-insensitive literal match at s[i]. */
static int at_lit(const unsigned char *s, size_t i, size_t n, const char *lit)
{
    size_t k = 0;
    for (; lit[k]; k++)
        if (i + k >= n || vigil__lower(s[i + k]) != (unsigned char)lit[k])
            return 0;
    return 1;
}

/* Length of a shell blank at s[i]: spaces, tabs, $IFS, ${IFS}, ${IFS%??},
 * $IFS$9, and '+' (a space in query strings, which payload lists written
 * for URLs keep); 0 when there is none. */
static size_t blank_len(const unsigned char *s, size_t i, size_t n)
{
    if (i >= n)
        return 0;
    if (is_blank(s[i]) || s[i] == '+')
        return 1;
    if (s[i] != '$' || i + 3 >= n)
        return 0;
    size_t k;
    if (s[i + 1] == '{' && s[i + 2] == 'I' && s[i + 3] == 'F') {
        for (k = i + 4; k < n && k - i < 12 && s[k] != '}'; k++)
            ;
        if (k < n && s[k] == '}')
            k++;
    } else if (s[i + 1] == 'I' && s[i + 2] == 'F' && s[i + 3] == 'S') {
        k = i + 4;
    } else
        return 0;
    if (k + 1 < n && s[k] == '$' && is_digit(s[k + 1]))
        k += 2; /* $IFS$9 */
    return k - i;
}

/* Skips spaces and tabs only (no '+', no $IFS), at most 64. */
static size_t skip_sp(const unsigned char *s, size_t i, size_t n)
{
    size_t st = i;
    while (i < n && i - st < 64 && is_blank(s[i]))
        i++;
    return i;
}

/* Skips blanks, but only a bounded run: a longer one ends the command as
 * far as this scanner cares, which keeps every look-ahead bounded. */
static size_t skip_blanks(const unsigned char *s, size_t i, size_t n)
{
    size_t k, st = i;
    while (i - st < 64 && (k = blank_len(s, i, n)) > 0)
        i += k;
    return i;
}

#define WORD_CAP 48

typedef struct word {
    char   buf[WORD_CAP]; /* lower-cased, quotes and padding removed */
    size_t len;
    size_t end;           /* index just after the word in the value  */
    int    lower;         /* written in lower case                   */
    int    glob;          /* contains ? * or a [class]               */
    int    binpath;       /* /bin/, /usr/bin/, ... prefix            */
    int    var;           /* is a variable: $SHELL, ${BASH}          */
    int    obf;           /* split by quotes, \\, $@, `` or $()      */
    int    too_long;
} word;

static void word_put(word *w, unsigned char c)
{
    if (w->len < WORD_CAP)
        w->buf[w->len++] = (char)vigil__lower(c);
    else
        w->too_long = 1;
    if (c >= 'A' && c <= 'Z')
        w->lower = 0;
}

/* An arithmetic expansion holding only a number, "$((7))", which the shell
 * replaces by its digits: returns its length and the digits' span in
 * [*db, *de), or 0. */
static size_t arith_digits(const unsigned char *s, size_t i, size_t n, size_t *db, size_t *de)
{
    if (i + 5 >= n || s[i + 1] != '(' || s[i + 2] != '(')
        return 0;
    size_t k = i + 3;
    while (k < n && is_blank(s[k]))
        k++;
    size_t b = k;
    while (k < n && k - b < 12 && is_digit(s[k]))
        k++;
    if (k == b)
        return 0;
    size_t e = k;
    while (k < n && is_blank(s[k]))
        k++;
    if (k + 1 >= n || s[k] != ')' || s[k + 1] != ')')
        return 0;
    *db = b;
    *de = e;
    return k + 2 - i;
}

/* Reads a command word at s[i] as the shell would after quote removal. */
static void read_word(const unsigned char *s, size_t i, size_t n, word *w)
{
    size_t from = i;
    w->len = 0;
    w->end = i;
    w->glob = w->binpath = w->var = w->obf = w->too_long = 0;
    w->lower = 1;
    while (i < n) {
        if (i - from > 2 * WORD_CAP) {
            w->too_long = 1;
            break;
        }
        unsigned char c = s[i];
        if (is_alnum(c) || c == '_' || c == '-' || c == '.' || c == '/' || c == ':') {
            word_put(w, c);
            i++;
        } else if (c == '\'' || c == '"') {
            /* paired quotes inside or around a word vanish: c''at,
             * "w"h"o"am"i, 'curl'; a lone apostrophe (I'd) ends the word */
            size_t k = i + 1;
            while (k < n && k - i < 32 && s[k] != c &&
                   (is_alnum(s[k]) || s[k] == '_' || s[k] == '-' || s[k] == '.' || s[k] == '/'))
                k++;
            if (k < n && s[k] == c) {
                size_t before = w->len;
                for (size_t q = i + 1; q < k; q++)
                    word_put(w, s[q]);
                /* 'curl' is just quoted; c''at and 'i'fconfig are split */
                if (before > 0 || (k + 1 < n && (is_alnum(s[k + 1]) || s[k + 1] == '\'' ||
                                                 s[k + 1] == '"' || s[k + 1] == '\\' ||
                                                 s[k + 1] == '$')))
                    w->obf = 1;
                i = k + 1;
            } else {
                if (w->len == 0)
                    i++;
                break;
            }
        } else if (c == '\\') {
            if (i + 1 < n && s[i + 1] == '\n') {
                i += 2; /* line continuation */
            } else if (i + 1 < n && (s[i + 1] == 'n' || s[i + 1] == 'r') &&
                       (i + 2 >= n || !is_alnum(s[i + 2]))) {
                break; /* a literal "\n" escape left undecoded ends the word */
            } else if (i + 1 < n && (is_alnum(s[i + 1]) || s[i + 1] == '/')) {
                word_put(w, '\\'); /* kept: either c\at or C:\Windows */
                if (!(w->len > 2 && w->buf[1] == ':'))
                    w->obf = 1;
                i++;
            } else
                break;
        } else if (c == '$' && i + 1 < n) {
            unsigned char d = s[i + 1];
            size_t db, de, al;
            if (blank_len(s, i, n))
                break;
            if ((al = arith_digits(s, i, n, &db, &de)) > 0) {
                for (size_t q = db; q < de; q++) /* $((7))z is 7z */
                    word_put(w, s[q]);
                w->obf = 1;
                i += al;
                continue;
            }
            if (d == '"' || d == '\'') {
                i++; /* $"..." and $'...' are quoted strings */
                w->obf = 1;
                continue;
            }
            if (d == '@' || d == '*' || d == '?' || d == '!' || d == '#' || d == '$' ||
                d == '-' || is_digit(d)) {
                i += 2; /* special parameters, usually empty */
                w->obf = 1;
            } else if (d == '(' && i + 2 < n && s[i + 2] == ')') {
                i += 3;
                w->obf = 1;
            }
            else if (d == '{' || is_alpha(d) || d == '_') {
                size_t k = i + 1 + (d == '{');
                size_t st = k;
                while (k < n && k - st < 24 && (is_alnum(s[k]) || s[k] == '_'))
                    k++;
                if (w->len == 0 && k > st) {
                    /* the command itself is a variable: $SHELL -c ... */
                    w->var = 1;
                    for (size_t q = st; q < k; q++)
                        word_put(w, s[q]);
                } else
                    w->obf = 1;
                if (d == '{' && k < n && s[k] == '}')
                    k++;
                i = k;
            } else
                break;
        } else if (c == '`' && i + 1 < n && s[i + 1] == '`') {
            i += 2; /* empty command substitution */
            w->obf = 1;
        } else if ((c == '<' || c == '>') && i + 2 < n && s[i + 1] == '(' && s[i + 2] == ')') {
            i += 3;
            w->obf = 1;
        } else if (c == '?' || c == '*') {
            word_put(w, c);
            w->glob = 1;
            i++;
        } else if (c == '[') {
            /* glob class: [n] stands for n, anything wider for ? */
            size_t k = i + 1;
            while (k < n && k - i < 10 && s[k] != ']' && !is_blank(s[k]))
                k++;
            if (k >= n || s[k] != ']')
                break;
            if (k == i + 2) {
                word_put(w, s[i + 1]);
                w->obf = 1; /* cur[l] */
            }
            else {
                word_put(w, '?');
                w->glob = 1;
            }
            i = k + 1;
        } else
            break;
    }
    w->end = i;
}

/* Turns the raw word into the name to look up: basename, no ".exe", no
 * backslash padding. Sets *binpath for Unix binary directories. Returns
 * the name length (name written to out). */
static size_t word_name(const word *w, char *out, int *binpath)
{
    size_t st = 0, n = 0;
    *binpath = 0;
    for (size_t k = 0; k < w->len; k++)
        if (w->buf[k] == '/')
            st = k + 1;
    if (st > 0) {
        /* only a binary directory makes a path a command: /usr/bin/id is,
         * /etc/passwd is not */
        if (st >= 4 && memcmp(w->buf + st - 4, "bin/", 4) == 0 &&
            (st == 4 || w->buf[st - 5] == '/' ||
             (w->buf[st - 5] == 's' && (st == 5 || w->buf[st - 6] == '/'))))
            *binpath = 1; /* bin/, /usr/bin/, /sbin/ -- not cgi-bin/ */
        else if (w->glob && w->buf[0] == '/' && st >= 3 && w->buf[1] != '/') {
            /* /???/??t: the directory may only be globbed letters */
            for (size_t k = 1; k < st; k++)
                if (!(is_alnum((unsigned char)w->buf[k]) || w->buf[k] == '?' ||
                      w->buf[k] == '*' || w->buf[k] == '/'))
                    return 0;
            *binpath = 2; /* a directory only if the name matches too */
        } else
            return 0;
    }
    /* A backslash before a letter is shell padding (c\at) unless the word
     * is a Windows path, whose last component is the program. */
    size_t bs = 0;
    int drive = w->len > 2 && w->buf[1] == ':' && w->buf[2] == '\\';
    for (size_t k = st; k < w->len; k++)
        if (w->buf[k] == '\\')
            bs = k + 1;
    if (drive && bs > st) {
        /* C:\\Windows\\System32\\cmd.exe */
        int sys = 0;
        for (size_t k = 0; k + 9 <= bs; k++)
            if (memcmp(w->buf + k, "system32\\", 9) == 0 || memcmp(w->buf + k, "syswow64\\", 9) == 0)
                sys = 1;
        if (!sys)
            return 0;
        st = bs;
    }
    for (size_t k = st; k < w->len; k++)
        if (w->buf[k] != '\\')
            out[n++] = w->buf[k];
    if (n > 4 && (memcmp(out + n - 4, ".exe", 4) == 0 || memcmp(out + n - 4, ".com", 4) == 0))
        n -= 4;
    return n;
}

/* Looks up a lower-case name; versioned interpreters (python3.11, php7,
 * perl5) fall back to the bare name. */
static int name_lookup(const char *name, size_t n, unsigned *flags)
{
    if (lookup(name, n, flags))
        return 1;
    size_t m = n;
    while (m > 1 && (is_digit((unsigned char)name[m - 1]) || name[m - 1] == '.'))
        m--;
    return m < n && m >= 2 && is_digit((unsigned char)name[m]) && lookup(name, m, flags) &&
           (*flags & C_VER);
}

/* Finds the table entry for a word; versioned names (python3.11, php7)
 * fall back to the bare name; globs (/???/??t) match any entry. */
static int word_lookup(const word *w, unsigned *flags, int *binpath)
{
    char name[WORD_CAP];
    if (w->too_long || w->len == 0)
        return 0;
    size_t n = word_name(w, name, binpath);
    if (n == 0)
        return 0;
    if (w->glob) {
        /* a glob must still spell something: /???/??t or /bin/ca?, not / * */
        size_t lit = 0, q = 0;
        for (size_t k = 0; k < n; k++) {
            lit += is_alnum((unsigned char)name[k]) ? 1u : 0u;
            q += name[k] == '?' ? 1u : 0u;
        }
        if (!*binpath || n < 2 || (lit == 0 && q < 2))
            return 0;
        for (size_t bk = 0; bk < VIGIL__COUNTOF(buckets); bk++)
            for (size_t k = 0; k < buckets[bk].n; k++)
                if (glob_match(name, n, buckets[bk].e[k].name, buckets[bk].e[k].len)) {
                    *flags = buckets[bk].e[k].flags | C_STRONG;
                    return 1;
                }
        return 0;
    }
    return name_lookup(name, n, flags);
}

/* ------------------------------------------------------------ arguments */

enum {
    A_NONE = 0, /* end of value or of the command                     */
    A_OPTION,   /* -x, --long                                         */
    A_ABSPATH,  /* /etc/passwd, ~/x, /all (cmd.exe switches)          */
    A_WINPATH,  /* C:\..., \\host, %SYSTEMROOT%                       */
    A_EXPAND,   /* $x, $(...), `...`                                  */
    A_REDIR,    /* > < >> <<<                                         */
    A_URL,      /* scheme://                                          */
    A_NUMBER,   /* 5, 127.0.0.1                                       */
    A_QUOTED,   /* "..." or '...'                                     */
    A_CALL,     /* ( right after the word: phpinfo()                  */
    A_FILE,     /* a word with a dot or slash: x.txt, google.com      */
    A_SUBCMD,   /* a known subcommand of net/reg                      */
    A_WORD,     /* any other word                                     */
    A_OTHER     /* punctuation that is not shell-like (e.g. '=')      */
};

typedef struct arg {
    int    kind;
    int    deep;  /* ABSPATH with two or more components, or a drive path */
    size_t end;   /* where the argument ends                           */
} arg;

static int is_cmd_end(unsigned char c)
{
    return c == ';' || c == '|' || c == '&' || c == '\n' || c == '\r' || c == '`' ||
           c == ')' || c == '#' || c == '}';
}

/* Classifies the argument starting at s[i] (blanks already skipped). */
static void read_arg(const unsigned char *s, size_t i, size_t n, int brace, arg *a)
{
    a->kind = A_OTHER;
    a->deep = 0;
    a->end = i;
    if (i >= n || is_cmd_end(s[i]) || (brace && s[i] == ',')) {
        a->kind = A_NONE;
        return;
    }
    unsigned char c = s[i];
    if ((c == '\'' || c == '"') && (i + 1 >= n || is_cmd_end(s[i + 1]) || s[i + 1] == ')' ||
                                   s[i + 1] == '\'' || s[i + 1] == '"')) {
        a->kind = A_NONE; /* closing quote of an injected ';id;' */
        return;
    }
    size_t k = i;
    /* the extent of the argument: a quoted string, or up to a blank, a
     * quote or a command end */
    if (c == '\'' || c == '"') {
        for (k = i + 1; k < n && k - i < 128 && s[k] != c; k++)
            ;
        if (k < n && s[k] == c)
            k++;
    } else {
        while (k < n && k - i < 128) {
            unsigned char d = s[k];
            if (is_blank(d) || d == '+' || is_cmd_end(d) || (brace && d == ',') || d == '\'' || d == '"' ||
                (k > i && (d == '>' || d == '<')))
                break;
            k++;
        }
    }
    a->end = k;
    if (c == '-' && i + 1 < n && (is_alnum(s[i + 1]) || s[i + 1] == '-')) {
        a->kind = A_OPTION;
    } else if (c == '/' || (c == '~' && i + 1 < n && s[i + 1] == '/')) {
        /* deep: two components, or a system directory (find /etc ...) */
        static const char *const sysdirs[] = {"etc", "bin", "tmp", "var", "dev", "proc",
                                              "root", "home", "usr", "sbin", NULL};
        a->kind = A_ABSPATH;
        for (size_t q = i + 1; q < k; q++)
            if (s[q] == '/' && q + 1 < k)
                a->deep = 1;
        for (const char *const *d = sysdirs; *d && c == '/'; d++) {
            size_t l = strlen(*d);
            if (i + 1 + l <= k && at_lit(s, i + 1, n, *d) && (i + 1 + l == k || s[i + 1 + l] == '/'))
                a->deep = 1;
        }
    } else if (c == '\\' || (is_alpha(c) && i + 1 < n && s[i + 1] == ':' &&
                             (i + 2 >= n || s[i + 2] == '\\' || s[i + 2] == '/' ||
                              is_blank(s[i + 2])))) {
        a->kind = A_WINPATH;
        a->deep = 1;
    } else if (c == '%' && i + 2 < n && is_alpha(s[i + 1])) {
        size_t q = i + 1;
        while (q < n && q - i < 24 && (is_alnum(s[q]) || s[q] == '_'))
            q++;
        if (q < n && s[q] == '%') {
            a->kind = A_WINPATH;
            a->deep = 1;
        }
    } else if (c == '$' || c == '`') {
        a->kind = A_EXPAND;
    } else if ((c == '>' || c == '<') && (i == 0 || (s[i - 1] != '-' && s[i - 1] != '='))) {
        /* a redirection names a target: > x.php, 2>&1, < /etc/passwd, <<<x */
        size_t q = i;
        while (q < n && q - i < 3 && s[q] == c)
            q++;
        if (q < n && s[q] == '&')
            a->kind = A_REDIR;
        else {
            q = skip_blanks(s, q, n);
            if (q < n && (is_alnum(s[q]) || s[q] == '/' || s[q] == '.' || s[q] == '~' ||
                          s[q] == '$' || s[q] == '\'' || s[q] == '"' || s[q] == '('))
                a->kind = A_REDIR;
        }
    } else if (is_digit(c)) {
        a->kind = A_NUMBER;
        for (size_t q = i; q < k; q++)
            if (!is_digit(s[q]) && s[q] != '.' && s[q] != ':') {
                a->kind = A_WORD;
                break;
            }
    } else if (c == '\'' || c == '"') {
        a->kind = A_QUOTED;
    } else if (is_alnum(c) || c == '_' || c == '.') {
        a->kind = A_WORD;
        for (size_t q = i; q < k; q++) {
            if (s[q] == ':' && q + 2 < k && s[q + 1] == '/' && s[q + 2] == '/') {
                a->kind = A_URL;
                break;
            }
            if ((s[q] == '.' || s[q] == '/' || s[q] == '\\') && q + 1 < k && q > i)
                a->kind = A_FILE;
        }
        if (a->kind == A_WORD) {
            for (const char *const *sc = subcmds; *sc; sc++)
                if (strlen(*sc) == k - i && at_lit(s, i, n, *sc)) {
                    a->kind = A_SUBCMD;
                    break;
                }
        }
    }
}

static int strong_arg(const arg *a)
{
    return a->kind == A_OPTION || a->kind == A_ABSPATH || a->kind == A_WINPATH ||
           a->kind == A_EXPAND || a->kind == A_REDIR || a->kind == A_URL;
}

/* ------------------------------------------------------------- judging */

enum {
    X_START,  /* start of the value, or after "name="                     */
    X_WEAK,   /* after ; & newline: common in prose                       */
    X_STRONG, /* after | || &&                                            */
    X_SUBST,  /* inside backticks                                         */
    X_PAREN,  /* inside $( ), <( ), >( )                                  */
    X_BRACE,  /* {cmd,arg}                                                */
    X_QUOTE,  /* after a quote that closes a string: "' whoami"           */
    X_CALL    /* first word of a string passed to system(), exec() ...    */
};

typedef struct verdict {
    int         lvl;   /* lowest sensitivity that fires, 0 = none        */
    const char *detail;
    size_t      off, len;
    size_t      spent; /* bytes examined by look-aheads, to bound the work */
} verdict;

static void consider(verdict *v, int lvl, const char *detail, size_t off, size_t end)
{
    if (lvl && (!v->lvl || lvl < v->lvl)) {
        v->lvl = lvl;
        v->detail = detail;
        v->off = off;
        v->len = end > off ? end - off : 0;
    }
}

/* Does the separator at s[sep] open the value (only blanks, quotes and
 * other separators before it) or close a quoted string ("';id")? Such a
 * separator can only be there to start a command. */
static int sep_leads(const unsigned char *s, size_t sep)
{
    if (sep > 0 && (s[sep - 1] == '\'' || s[sep - 1] == '"'))
        return 1;
    for (size_t k = sep; k > 0; k--) {
        unsigned char c = s[k - 1];
        if (sep - k >= 8 || !(is_blank(c) || c == ';' || c == '|' || c == '&' || c == ')' ||
                              c == '\n' || c == '\r'))
            return 0;
    }
    return 1;
}

/* A cmd.exe variable reference at s[q]: %VAR%, %1, %~1, %~dp0, %VAR:~-1%,
 * !VAR! -- not a %20 escape. */
static int cmdexe_var(const unsigned char *s, size_t q, size_t n)
{
    if (q + 1 >= n || (s[q] != '%' && s[q] != '!'))
        return 0;
    unsigned char d = s[q + 1];
    if (s[q] == '%' && is_digit(d))
        return q + 2 >= n || !is_alnum(s[q + 2]);
    if (s[q] == '%' && d == '~') {
        size_t e = q + 2;
        while (e < n && e - q < 8 && is_alpha(s[e]))
            e++;
        return e < n && is_digit(s[e]);
    }
    if (is_alpha(d) || d == '_') {
        size_t e = q + 2;
        while (e < n && e - q < 40 &&
               (is_alnum(s[e]) || s[e] == '_' || s[e] == '~' || s[e] == ':' || s[e] == '-' ||
                s[e] == ','))
            e++;
        return e < n && s[e] == s[q];
    }
    return 0;
}

/* The extent of one cmd.exe IF operand at s[k]: "...", (...), {...},
 * [...] or a run of non-blanks. *wrapped says it was bracketed/quoted and
 * *var that it holds a variable reference. Returns the end. */
static size_t if_operand(const unsigned char *s, size_t k, size_t n, int *wrapped, int *var)
{
    static const char open[] = "\"({[", close[] = "\")}]";
    size_t e = k;
    *wrapped = *var = 0;
    const char *o = k < n ? memchr(open, s[k], 4) : NULL;
    if (o && s[k]) {
        unsigned char c = (unsigned char)close[o - open];
        for (e = k + 1; e < n && e - k < 64 && s[e] != c; e++)
            ;
        if (e >= n || s[e] != c)
            return k;
        e++;
        *wrapped = 1;
    } else {
        while (e < n && e - k < 64 && !is_blank(s[e]) && s[e] != '+' &&
               !(s[e] == '=' && e + 1 < n && s[e + 1] == '='))
            e++;
    }
    for (size_t q = k; q < e; q++)
        if (cmdexe_var(s, q, n))
            *var = 1;
    return e;
}

/* Does s[b..e) hold a comparison with a cmd.exe operator, "a EQU b" (NEQ
 * LSS LEQ GTR GEQ)? ("(a == b)" is C as much as cmd.exe.) */
static int if_compare(const unsigned char *s, size_t b, size_t e)
{
    static const char *const ops[] = {"equ", "neq", "lss", "leq", "gtr", "geq", NULL};
    for (size_t k = b; k + 1 < e; k++) {
        if ((is_blank(s[k]) || s[k] == '+') && k + 4 < e && (is_blank(s[k + 4]) || s[k + 4] == '+'))
            for (const char *const *o = ops; *o; o++)
                if (at_lit(s, k + 1, e, *o))
                    return 1;
    }
    return 0;
}

/* cmd.exe control flow: FOR [/x [..]] %var IN (...) DO, IF [/I] [NOT]
 * EXIST|DEFINED|ERRORLEVEL|%var%|a==b|x EQU y. `i` is just after the word
 * "for" or "if". */
static int cmdexe_flow(const unsigned char *s, size_t i, size_t n, int is_for)
{
    size_t k = skip_blanks(s, i, n);
    if (is_for) {
        size_t e = VIGIL__MIN(n, k + 96);
        while (k < e && s[k] != '%')
            k++;
        if (k >= e)
            return 0;
        k++;
        if (k < n && s[k] == '%')
            k++;
        if (k >= n || is_blank(s[k]))
            return 0;
        while (k < n && k - i < 128 && !is_blank(s[k]) && s[k] != '+') /* the variable */
            k++;
        k = skip_blanks(s, k, n);
        if (!at_lit(s, k, n, "in"))
            return 0;
        k = skip_blanks(s, k + 2, n);
        if (k >= n || s[k] != '(')
            return 0;
        e = VIGIL__MIN(n, k + 256);
        while (k < e && s[k] != ')')
            k++;
        if (k >= e)
            return 0;
        k = skip_blanks(s, k + 1, n);
        return at_lit(s, k, n, "do") && (k + 2 >= n || !is_alnum(s[k + 2]));
    }
    if (at_lit(s, k, n, "/i") && (k + 2 >= n || !is_alnum(s[k + 2])))
        k = skip_blanks(s, k + 2, n);
    if (at_lit(s, k, n, "not") && k + 3 < n && (is_blank(s[k + 3]) || s[k + 3] == '+'))
        k = skip_blanks(s, k + 3, n);
    static const char *const kw[] = {"exist", "defined", "errorlevel", "cmdextversion", NULL};
    for (const char *const *w = kw; *w; w++) {
        size_t l = strlen(*w);
        if (at_lit(s, k, n, *w) && k + l < n && (is_blank(s[k + l]) || s[k + l] == '+'))
            return 1;
    }
    int wrapped, var;
    size_t e = if_operand(s, k, n, &wrapped, &var);
    if (e == k)
        return 0;
    if (var)
        return 1;
    if (wrapped && s[k] == '(' && if_compare(s, k + 1, e - 1)) {
        size_t q = skip_blanks(s, e, n); /* if (2 equ 2) echo x */
        return q < n && q > e && (is_alpha(s[q]) || s[q] == '(' || s[q] == '@');
    }
    /* a comparison, then a command: a==b cmd, (a) == (b) cmd, x EQU y cmd */
    size_t q = e;
    int spaced = 0;
    if (q < n && (is_blank(s[q]) || s[q] == '+')) {
        q = skip_blanks(s, q, n);
        spaced = 1;
    }
    if (at_lit(s, q, n, "==")) {
        if (spaced && !wrapped)
            return 0; /* "if x == 1 then" reads as pseudo-code */
        q = skip_blanks(s, q + 2, n);
    } else if (spaced) {
        static const char *const ops[] = {"equ", "neq", "lss", "leq", "gtr", "geq", NULL};
        const char *const *o = ops;
        for (; *o; o++)
            if (at_lit(s, q, n, *o) && q + 3 < n && (is_blank(s[q + 3]) || s[q + 3] == '+'))
                break;
        if (!*o)
            return 0;
        q = skip_blanks(s, q + 3, n);
    } else
        return 0;
    int w2, v2;
    e = if_operand(s, q, n, &w2, &v2);
    if (e == q)
        return 0;
    if (v2)
        return 1;
    q = skip_blanks(s, e, n);
    return q < n && q > e && (is_alpha(s[q]) || s[q] == '(' || s[q] == '@');
}

/* alias [-p|+m] name=value: `i` is just after the word "alias". */
static int alias_def(const unsigned char *s, size_t i, size_t n)
{
    size_t k = skip_sp(s, i, n);
    if (k == i)
        return 0;
    for (int opt = 0; opt < 3 && k < n && (s[k] == '-' || s[k] == '+'); opt++) {
        size_t e = k + 1;
        while (e < n && e - k < 8 && is_alpha(s[e]))
            e++;
        if (e == k + 1)
            return 0;
        k = skip_sp(s, e, n);
    }
    if (k >= n)
        return 0;
    size_t st = k;
    if (s[k] == '\'' || s[k] == '"') {
        unsigned char q = s[k];
        for (k++; k < n && k - st < 32 && (is_alnum(s[k]) || s[k] == '_' || s[k] == '-'); k++)
            ;
        if (k >= n || s[k] != q || k == st + 1)
            return 0;
        k++;
    } else {
        while (k < n && k - st < 32 && (is_alnum(s[k]) || s[k] == '_' || s[k] == '-' || s[k] == '.'))
            k++;
        if (k == st)
            return 0;
    }
    return k + 1 < n && s[k] == '=' && !is_blank(s[k + 1]);
}

/* Bytes that may continue a shell word beyond [A-Za-z0-9_.-]. */
static const unsigned char word_cont[256] = {
    ['/'] = 1, [':'] = 1, ['\''] = 1, ['"'] = 1, ['\\'] = 1, ['$'] = 1, ['`'] = 1,
    ['?'] = 1, ['*'] = 1, ['['] = 1, ['<'] = 1, ['>'] = 1,
};
static const unsigned char word_chr[256] = {
    ['-'] = 1, ['.'] = 1, ['_'] = 1,
    ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1,
    ['8'] = 1, ['9'] = 1,
    ['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1, ['g'] = 1, ['h'] = 1,
    ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1,
    ['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1,
    ['y'] = 1, ['z'] = 1,
    ['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1, ['G'] = 1, ['H'] = 1,
    ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1,
    ['Q'] = 1, ['R'] = 1, ['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1,
    ['Y'] = 1, ['Z'] = 1,
};

/* The common case made cheap: the word at s[i] is a plain run of letters,
 * digits, '.', '_' and '-' that names no command, no cmd.exe keyword and
 * no alias, and nothing that could continue it follows. Then nothing can
 * fire there (unless a separator opened the value, which the caller
 * checks). Returns 1 to skip. */
static int quick_reject(const unsigned char *s, size_t i, size_t n)
{
    char lw[NAME_MAX_LEN];
    size_t e = i;
    while (e < n && e - i < NAME_MAX_LEN && word_chr[s[e]]) {
        lw[e - i] = (char)vigil__lower(s[e]);
        e++;
    }
    while (e < n && word_chr[s[e]]) /* too long for a name: only its end matters */
        e++;
    if (e < n && s[e] == ':' && e + 2 < n && s[e + 1] == '/' && s[e + 2] == '/')
        return 1; /* a URL's scheme */
    size_t l = e - i;
    unsigned fl;
    if (e < n && s[e] == '/') {
        /* "Mozilla/5.0", "docs/intro": a path names a program only from a
         * bin directory; "dir/s" is cmd.exe with a switch */
        size_t q = e;
        int bin = 0;
        while (q < n && q - i < 96 && (word_chr[s[q]] || s[q] == '/')) {
            if (s[q] == '/' && q >= i + 3 && (s[q - 1] | 0x20) == 'n' && (s[q - 2] | 0x20) == 'i' &&
                (s[q - 3] | 0x20) == 'b')
                bin = 1;
            q++;
        }
        if (bin || (q < n && word_cont[s[q]]) || (l > 0 && l <= NAME_MAX_LEN && lookup(lw, l, &fl)) ||
            (l == 2 && memcmp(lw, "if", 2) == 0))
            return 0;
        return 1;
    }
    if (e == i || (e < n && word_cont[s[e]]))
        return 0;
    if (l > NAME_MAX_LEN || (lw[0] >= '0' && lw[0] <= '9' && lw[0] != '7'))
        return 1; /* no name is that long; only 7z starts with a digit */
    if (name_lookup(lw, l, &fl))
        return 0;
    if ((l == 2 && memcmp(lw, "if", 2) == 0) || (l == 3 && memcmp(lw, "for", 3) == 0) ||
        (l == 5 && memcmp(lw, "alias", 5) == 0))
        return 0;
    return 1;
}

/* For a word that did not match: cmd.exe lets a switch touch the program
 * name ("dir/s", "ipconfig/all", "bcdboot/r"). Returns the flags of such
 * a program, 0 otherwise. */
static unsigned glued_switch(const word *w)
{
    if (w->glob || w->len < 4)
        return 0;
    const char *sl = memchr(w->buf, '/', w->len);
    if (!sl || sl == w->buf)
        return 0;
    size_t p = (size_t)(sl - w->buf), r = w->len - p - 1;
    if (r == 0 || r > 4)
        return 0;
    for (size_t k = p + 1; k < w->len; k++)
        if (!is_alnum((unsigned char)w->buf[k]) && w->buf[k] != '?')
            return 0;
    unsigned fl;
    if (!lookup(w->buf, p, &fl) || !(fl & C_WIN))
        return 0;
    return fl;
}

/* Does the quoted argument s[b..e) carry markup or shell syntax? */
static int quoted_meta(const unsigned char *s, size_t b, size_t e)
{
    for (size_t k = b; k < e; k++)
        if (s[k] == '<' || s[k] == '`' || s[k] == '|' || (s[k] == '$' && k + 1 < e && s[k + 1] == '('))
            return 1;
    return 0;
}

static void judge(const unsigned char *s, size_t i, size_t n, int ctx, verdict *v, int depth);

/* Judges the command starting at s[i] in context ctx; `lead` says the
 * separator before it opens the value or closes a quoted string. */
static void judge(const unsigned char *s, size_t i, size_t n, int ctx, verdict *v, int depth)
{
    size_t start = i;
    int brace = ctx == X_BRACE;
    int lead = (ctx == X_WEAK || ctx == X_STRONG) && i > 0 && sep_leads(s, i - 1);
    /* blanks and groupings before the word */
    while (i < n && i - start < 64 &&
           (s[i] == '(' || s[i] == '{' || blank_len(s, i, n)))
        i += (s[i] == '(' || s[i] == '{') ? 1 : blank_len(s, i, n);
    if (i >= n)
        return;
    if (!lead && quick_reject(s, i, n)) {
        v->spent += i - start + 1;
        return;
    }
    word w;
    read_word(s, i, n, &w);
    v->spent += w.end - start + 1;
    if (w.len == 0)
        return;
    unsigned fl = 0;
    int binpath = 0, glued = 0;
    int known = word_lookup(&w, &fl, &binpath);
    size_t j = w.end;
    if (!known && (fl = glued_switch(&w)) != 0)
        known = glued = 1;
    int is_if = (w.len == 2 && memcmp(w.buf, "if", 2) == 0) ||
                (w.len == 4 && memcmp(w.buf, "if/i", 4) == 0);
    int is_for = w.len == 3 && memcmp(w.buf, "for", 3) == 0;
    int is_alias = w.len == 5 && memcmp(w.buf, "alias", 5) == 0;
    if (!known && !w.var && !binpath && !lead && !(j < n && s[j] == '$') && !is_if && !is_for &&
        !is_alias)
        return; /* the common case: an ordinary word */
    /* blanks after the word; ${IFS} and friends are a strong sign */
    size_t k = j;
    int ifs = 0;
    {
        size_t bl;
        while (k - j < 64 && (bl = blank_len(s, k, n)) > 0) {
            ifs |= s[k] == '$';
            k += bl;
        }
    }
    if (brace && k < n && s[k] == ',')
        k = skip_blanks(s, k + 1, n);
    if (!known) {
        arg a;
        read_arg(s, k, n, brace, &a);
        v->spent += a.end - k;
        if (w.var) {
            /* $SHELL -c ..., ${BASH} ... */
            if (((w.len == 5 && memcmp(w.buf, "shell", 5) == 0) ||
                 (w.len == 4 && memcmp(w.buf, "bash", 4) == 0)) && a.kind == A_OPTION)
                consider(v, 2, "shell invoked through a variable", start, a.end);
            else if (a.kind == A_OPTION && (ctx == X_STRONG || lead))
                consider(v, 2, "command run through a variable", start, a.end); /* && $a -nlvp */
            return;
        }
        if (is_alias) {
            if (ctx != X_QUOTE && alias_def(s, j, n))
                consider(v, 2, "shell alias definition", start, j);
            return;
        }
        if (is_for || is_if) {
            /* "if/i" was read as one word: the switch starts at "/i" */
            size_t at = w.len == 4 ? j - 2 : j;
            if (ctx != X_QUOTE && cmdexe_flow(s, at, n, is_for))
                consider(v, 2, "cmd.exe control statement", start, j);
            return;
        }
        if (binpath == 1 && w.len >= 2) {
            /* /usr/bin/anything, bin/tool: a program by its location */
            consider(v, ctx == X_START || ctx == X_WEAK || ctx == X_QUOTE ? 2 : 1,
                     ctx == X_START ? "command at start of value" : "command after separator",
                     start, j);
            return;
        }
        /* an unknown program run with a switch right after an opening
         * separator: ";perf --version", "';flock -u / id" */
        if (lead && w.lower && !w.glob && w.len >= 2 && w.len <= 16 && is_alpha((unsigned char)w.buf[0]) &&
            a.kind == A_OPTION && !ifs)
            consider(v, 2, "command after separator", start, a.end);
        else if (ifs && (ctx == X_WEAK || ctx == X_STRONG || ctx == X_SUBST || ctx == X_PAREN))
            consider(v, 2, "command after separator", start, k);
        return;
    }
    const char *detail = ctx == X_SUBST || ctx == X_PAREN ? "command substitution"
                         : ctx == X_CALL                  ? "command in exec call"
                                                          : "command after separator";
    /* wrappers run the next word: time whoami, sudo -u x id, nohup nc ... */
    if ((fl & C_WRAP) && depth < 3) {
        size_t q = k;
        while (q < n && s[q] == '-') { /* options of the wrapper */
            while (q < n && q - k < 64 && !is_blank(s[q]) && !is_cmd_end(s[q]))
                q++;
            q = skip_blanks(s, q, n);
            if (q < n && is_digit(s[q])) { /* e.g. -l 100 */
                while (q < n && q - k < 96 && !is_blank(s[q]))
                    q++;
                q = skip_blanks(s, q, n);
            }
            if (q - k > 96)
                break;
        }
        if (q < n && q > j) {
            verdict sub = {0, NULL, 0, 0, 0};
            judge(s, q, n, ctx == X_START ? X_WEAK : ctx, &sub, depth + 1);
            v->spent += sub.spent;
            if (sub.lvl)
                consider(v, sub.lvl, sub.detail, start, sub.off + sub.len);
        }
    }
    arg a;
    int call = j < n && s[j] == '(';
    read_arg(s, k, n, brace, &a);
    if (call)
        a.kind = A_CALL;
    else if (glued && a.kind != A_REDIR)
        a.kind = A_OPTION; /* dir/s: the switch was part of the word */
    /* the rest of the command line: redirections, later switches */
    int later_redir = 0, later_opt = 0, nargs = 0, only_num = a.kind == A_NUMBER;
    size_t line_end;
    {
        arg b = a;
        size_t q = a.end;
        while (nargs < 8 && b.kind != A_NONE && q < n) {
            q = skip_blanks(s, q, n);
            if (brace && q < n && s[q] == ',')
                q = skip_blanks(s, q + 1, n);
            read_arg(s, q, n, brace, &b);
            v->spent += b.end - q + 1;
            if (b.kind == A_NONE)
                break;
            if (b.kind == A_REDIR)
                later_redir = 1;
            if (b.kind == A_OPTION || b.kind == A_ABSPATH || b.kind == A_WINPATH)
                later_opt = 1;
            only_num = 0;
            nargs++;
            if (b.end <= q)
                break;
            q = b.end;
        }
        line_end = q;
        v->spent += q > start ? q - start : 0;
    }
    /* the command line closes the value with a newline: "tool x y\n" */
    int nl_end = 0;
    if (line_end < n && (s[line_end] == '\n' || s[line_end] == '\r')) {
        size_t q = line_end;
        while (q < n && q - line_end < 4 && (s[q] == '\n' || s[q] == '\r' || is_blank(s[q])))
            q++;
        nl_end = q == n;
    }
    int closed = line_end < n && ((ctx == X_PAREN && s[line_end] == ')') ||
                                  (ctx == X_SUBST && s[line_end] == '`'));
    int eng = (fl & C_ENG) != 0;
    int strong = (fl & C_STRONG) != 0;
    int lvl = 0;
    int sa = strong_arg(&a);
    int eng_ok = !eng || a.kind == A_OPTION || (a.kind == A_ABSPATH && a.deep) ||
                 a.kind == A_WINPATH || a.kind == A_EXPAND || a.kind == A_REDIR ||
                 a.kind == A_URL;
    int typed = (a.kind == A_NUMBER && (fl & C_NUM)) || (a.kind == A_FILE && (fl & C_READ)) ||
                ((fl & C_NET) && (a.kind == A_FILE || a.kind == A_NUMBER)) ||
                (a.kind == A_QUOTED && (fl & C_QUOTE)) || (a.kind == A_SUBCMD && (fl & C_SUB));
    int plain = a.kind == A_WORD || a.kind == A_FILE || a.kind == A_NUMBER ||
                a.kind == A_QUOTED || a.kind == A_SUBCMD || a.kind == A_CALL ||
                (a.kind == A_NONE && (fl & C_NOARG));
    switch (ctx) {
    case X_CALL:
        lvl = strong || binpath || sa ? 1 : 2;
        break;
    case X_SUBST:
    case X_PAREN:
        if (strong || binpath || sa)
            lvl = 1;
        else if (a.kind == A_NONE || typed || !eng || closed)
            lvl = 2; /* $(cat file): the closing parenthesis makes it shell */
        else
            lvl = 3;
        break;
    case X_STRONG:
    case X_WEAK:
    case X_BRACE:
        if (binpath)
            lvl = 1;
        else if (strong && a.kind != A_WORD && a.kind != A_QUOTED && a.kind != A_OTHER)
            lvl = ctx == X_WEAK && eng ? 2 : 1;
        else if (strong && a.kind != A_OTHER) /* not "&uname=x" */
            lvl = 2;
        else if (sa && eng_ok)
            lvl = ctx == X_WEAK ? 2 : 1;
        else if (sa)
            lvl = ctx == X_STRONG ? 2 : 3;
        else if ((fl & C_NOARG) && a.kind == A_NONE && w.lower)
            lvl = 2;
        else if (typed)
            lvl = 2;
        else if (lead && !eng && plain && a.kind != A_CALL)
            lvl = 2; /* "| grep x", "; ls foo": a separator opening the value */
        else if ((fl & C_WHICH) && a.kind == A_WORD) {
            word w2;
            unsigned f2;
            int bp2;
            read_word(s, k, n, &w2);
            arg a2;
            read_arg(s, skip_blanks(s, w2.end, n), n, brace, &a2);
            if (word_lookup(&w2, &f2, &bp2) && a2.kind == A_NONE)
                lvl = 2;
        } else if ((!eng || ctx == X_STRONG) && ctx != X_BRACE && plain)
            lvl = 3;
        break;
    case X_QUOTE:
        if (strong && (a.kind == A_NONE || sa))
            lvl = 2;
        break;
    case X_START:
    default:
        if (binpath)
            lvl = 2;
        else if (strong && (a.kind == A_NONE ? (fl & C_BARE) != 0
                                             : a.kind != A_WORD && a.kind != A_QUOTED &&
                                                   a.kind != A_OTHER))
            lvl = 2;
        else if (strong && a.kind != A_OTHER && a.kind != A_NONE &&
                 ((fl & C_ADMIN) || nl_end || later_opt))
            lvl = 2; /* "netsh firewall ...", "tool x y\n", "ansible all -m ping" */
        else if (sa && eng_ok && !(a.kind == A_ABSPATH && !a.deep && eng))
            lvl = 2;
        else if (later_redir || ((fl & C_SUB) && a.kind == A_SUBCMD && (later_opt || nargs == 0)))
            lvl = 2;
        else if ((fl & C_NOARG) && !eng && a.kind == A_NONE && nl_end)
            lvl = 2; /* "shutdown\n" */
        else if ((fl & C_QUOTE) && a.kind == A_QUOTED && quoted_meta(s, k, a.end))
            lvl = 2; /* echo '<?php ...', printf "`id`" */
        else if ((fl & C_NUM) && only_num && nargs == 0 && a.kind == A_NUMBER &&
                 w.buf[0] == 's')
            lvl = 2; /* "sleep 5": a timing probe */
        else if ((fl & C_WHICH) && a.kind == A_WORD) {
            word w2;
            unsigned f2;
            int bp2;
            read_word(s, k, n, &w2);
            arg a2;
            read_arg(s, skip_blanks(s, w2.end, n), n, brace, &a2);
            if (word_lookup(&w2, &f2, &bp2) && a2.kind == A_NONE)
                lvl = 2;
        } else if (!eng && plain)
            lvl = 3;
        else if (eng && (sa || typed))
            lvl = 3;
        if (lvl)
            detail = "command at start of value";
        break;
    }
    /* Quote-split words (c''at, w"h"o"am"i, pi$()ng) and ${IFS} blanks do
     * not occur outside a shell. */
    if ((w.obf || ifs) && ctx != X_QUOTE && (lvl || plain || sa || a.kind == A_NONE)) {
        lvl = 1;
        detail = w.obf ? "obfuscated command" : detail;
    }
    consider(v, lvl, detail, start, a.end > j ? a.end : j);
}

/* ------------------------------------------------------------ patterns */

/* Identifier ending just before s[i] (an opening parenthesis), lower-cased
 * into out; returns its length, 0 when none or too long. */
static size_t ident_before(const unsigned char *s, size_t i, char *out, size_t cap)
{
    size_t b = i;
    while (b > 0 && i - b < cap && (is_alnum(s[b - 1]) || s[b - 1] == '_'))
        b--;
    if (b == i || i - b >= cap)
        return 0;
    for (size_t k = b; k < i; k++)
        out[k - b] = (char)vigil__lower(s[k]);
    return i - b;
}

/* system('id'), exec("sleep 5"), shell_exec(`...`), os.system("..."). */
static void check_call(const unsigned char *s, size_t i, size_t n, verdict *v)
{
    char id[24];
    size_t m = ident_before(s, i, id, sizeof id);
    if (m < 3)
        return;
    int hit = 0;
    for (const char *const *c = exec_calls; *c && !hit; c++)
        if ((*c)[0] == id[0] && strlen(*c) == m && memcmp(*c, id, m) == 0)
            hit = 1;
    if (!hit)
        return;
    size_t k = i + 1;
    while (k < n && (is_blank(s[k]) || s[k] == '@'))
        k++;
    if (k >= n || (s[k] != '\'' && s[k] != '"' && s[k] != '`'))
        return;
    k++;
    judge(s, k, n, X_CALL, v, 0);
}

/* Bash brace expansion, {cmd,arg}, {,cmd,arg} or {l,-lh}s: the shell turns
 * it into words (a trailing suffix goes onto each), which are judged as a
 * command line of their own. */
static void check_brace(const unsigned char *s, size_t i, size_t n, verdict *v, int depth)
{
    unsigned char buf[160];
    size_t items[8][2], ni = 0, k = i + 1, st = k;
    int empty_first = 0;
    while (k < n && k - i < 128) {
        unsigned char c = s[k];
        if (c == ',' || c == '}') {
            if (ni == 8)
                return;
            items[ni][0] = st;
            items[ni][1] = k;
            ni++;
            st = k + 1;
            if (c == '}')
                break;
        } else if (is_blank(c) || c == '{' || c == '\n' || c == ';' || c == '|' || c == '&')
            return;
        k++;
    }
    if (k >= n || s[k] != '}' || ni < 2)
        return;
    size_t close = k;
    if (items[0][0] == items[0][1])
        empty_first = 1;
    /* a suffix glued on after the brace */
    size_t se = close + 1;
    while (se < n && se - close <= 16 && is_alnum(s[se]))
        se++;
    size_t slen = se - close - 1, o = 0;
    for (size_t q = 0; q < ni; q++) {
        size_t l = items[q][1] - items[q][0];
        if (l == 0)
            continue;
        if (o + l + slen + 1 > sizeof buf)
            return;
        if (o > 0)
            buf[o++] = ' ';
        memcpy(buf + o, s + items[q][0], l);
        o += l;
        memcpy(buf + o, s + close + 1, slen);
        o += slen;
    }
    if (o == 0)
        return;
    verdict sub = {0, NULL, 0, 0, 0};
    judge(buf, 0, o, X_BRACE, &sub, depth + 1);
    v->spent += sub.spent + (se - i);
    if (!sub.lvl && (empty_first || slen > 0)) {
        /* {,ip,a} and {l,-lh}s exist only to hide a command: any program */
        word w;
        read_word(buf, 0, o, &w);
        unsigned fl;
        int bp;
        if (word_lookup(&w, &fl, &bp))
            sub.lvl = 1;
    }
    if (sub.lvl)
        consider(v, sub.lvl == 3 && (empty_first || slen > 0) ? 2 : sub.lvl,
                 "command in brace expansion", i, se);
}

/* Shellshock function definitions: "() { :;};" */
static int shellshock_at(const unsigned char *s, size_t i, size_t n)
{
    if (i + 3 >= n || s[i] != '(' || s[i + 1] != ')')
        return 0;
    size_t k = skip_blanks(s, i + 2, n);
    return k < n && s[k] == '{';
}

/* $(( ... )): arithmetic expansion, written only for a shell. */
static int arith_at(const unsigned char *s, size_t i, size_t n)
{
    int d = 2, body = 0;
    for (size_t k = i + 3; k < n && k - i < 96; k++) {
        unsigned char c = s[k];
        if (c == '$' && k + 2 < n && s[k + 1] == '(' && s[k + 2] == '(')
            return 0; /* the next one is looked at on its own */
        if (c == '(')
            d++;
        else if (c == ')') {
            if (--d == 0)
                return body && s[k - 1] == ')';
        } else if (is_alnum(c) || c == '$')
            body = 1;
        else if (!is_blank(c) && !memchr("+-*/%<>=!&|^~?:,_#[]", c, 21))
            return 0;
    }
    return 0;
}

/* $[ ... ]: the old arithmetic expansion -- empty, or operands joined by
 * operators ("$[2+2]"); JSONPath's $[0] and $['a'] do not qualify. */
static int old_arith_at(const unsigned char *s, size_t i, size_t n)
{
    size_t k = skip_sp(s, i + 2, n);
    if (k < n && s[k] == ']')
        return 1;
    int ops = 0, operands = 0;
    while (k < n && k - i < 48) {
        size_t b = k;
        while (k < n && (is_alnum(s[k]) || s[k] == '_' || s[k] == '$'))
            k++;
        if (k == b)
            return 0;
        operands++;
        k = skip_sp(s, k, n);
        if (k < n && s[k] == ']')
            return ops > 0 && operands > ops;
        b = k;
        while (k < n && k - b < 2 && memchr("+-*/%<>=!&|^", s[k], 12) && s[k])
            k++;
        if (k == b)
            return 0;
        ops++;
        k = skip_sp(s, k, n);
    }
    return 0;
}

/* ${name<op>...}: parameter expansion with an operator only a shell knows
 * (# % / ^ , :- := :+ :? :N @Q), or ${!name} / ${#name}. */
static int param_at(const unsigned char *s, size_t i, size_t n)
{
    size_t k = i + 2;
    int pre = k < n && (s[k] == '!' || s[k] == '#');
    k += (size_t)pre;
    size_t b = k;
    if (k < n && (is_alpha(s[k]) || s[k] == '_'))
        while (k < n && k - b < 32 && (is_alnum(s[k]) || s[k] == '_'))
            k++;
    else
        while (k < n && k - b < 4 && is_digit(s[k]))
            k++;
    if (k == b || k >= n)
        return 0;
    int op = 0;
    unsigned char c = s[k];
    if (c == '}')
        return pre;
    if (c == '#' || c == '%' || c == '/' || c == '^' || c == ',')
        op = 1;
    else if (c == ':' && k + 1 < n &&
             (memchr("-=+?", s[k + 1], 4) != NULL || is_digit(s[k + 1]) || is_blank(s[k + 1])) &&
             s[k + 1])
        op = 1;
    else if (c == '@' && k + 2 < n && is_alpha(s[k + 1]) && s[k + 2] == '}')
        op = 1;
    if (!op)
        return 0;
    int d = 1;
    for (; k < n && k - i < 160; k++) {
        if (s[k] == '$' && k + 1 < n && s[k + 1] == '{')
            return 1; /* ${a:-${b}}: nested expansions are shell too */
        if (s[k] == '{')
            d++;
        else if (s[k] == '}' && --d == 0)
            return 1;
        else if (s[k] == '\n')
            return 0;
    }
    return 0;
}

/* "$c1$c2$c3": a word assembled from three or more variables. */
static int var_chain(const unsigned char *s, size_t i, size_t n)
{
    size_t k = i;
    int cnt = 0;
    while (cnt < 3 && k + 1 < n && s[k] == '$' && (is_alpha(s[k + 1]) || s[k + 1] == '_')) {
        size_t st = ++k;
        while (k < n && k - st < 32 && (is_alnum(s[k]) || s[k] == '_'))
            k++;
        cnt++;
    }
    return cnt >= 3;
}

/* "!-2": a history event designator, at a word start. */
static int history_at(const unsigned char *s, size_t i, size_t n, size_t i0)
{
    if (i + 2 >= n || s[i + 1] != '-' || !is_digit(s[i + 2]))
        return 0;
    if (i > i0 && !is_blank(s[i - 1]) && !memchr(";|&`(\n", s[i - 1], 6))
        return 0;
    size_t k = i + 2;
    while (k < n && k - i < 8 && is_digit(s[k]))
        k++;
    return k == n || is_blank(s[k]) || memchr("!:;|&`)\n", s[k], 8) != NULL;
}

/* "~+", "~-", "~-1" (the directory stack) as the whole value or before a
 * path. */
static int tilde_at(const unsigned char *s, size_t i, size_t n, size_t i0)
{
    if (i + 1 >= n || (s[i + 1] != '+' && s[i + 1] != '-'))
        return 0;
    if (i > i0 && !is_blank(s[i - 1]) && !memchr("'\"=>", s[i - 1], 4))
        return 0;
    size_t k = i + 2;
    while (k < n && k - i < 8 && is_digit(s[k]))
        k++;
    if (k < n && (s[k] == '/' || s[k] == '\'' || s[k] == '"' || s[k] == '<'))
        return 1;
    while (k < n && (is_blank(s[k]) || s[k] == '\n' || s[k] == '\r'))
        k++;
    return k == n && (i == i0 || s[i - 1] == '=');
}

/* ">/tmp/x", "2>/dev/null", ">> ~/.bashrc": output redirected into a file
 * under a system directory (a lone "/tmp" or "/file.txt" is not enough). */
static int redirect_at(const unsigned char *s, size_t i, size_t n)
{
    static const char *const dirs[] = {"tmp", "etc", "var", "dev", "proc", "root", "home", "usr",
                                       "bin", "sbin", "opt", "srv", "boot", "lib", NULL};
    size_t k = i;
    while (k < n && k - i < 2 && s[k] == '>')
        k++;
    if (k < n && s[k] == '|')
        k++;
    k = skip_blanks(s, k, n);
    if (k + 2 < n && s[k] == '~' && s[k + 1] == '/')
        return is_alnum(s[k + 2]) || s[k + 2] == '.';
    if (k >= n || s[k] != '/')
        return 0;
    for (const char *const *d = dirs; *d; d++) {
        size_t l = strlen(*d);
        if (at_lit(s, k + 1, n, *d) && k + 2 + l < n && s[k + 1 + l] == '/' &&
            (is_alnum(s[k + 2 + l]) || s[k + 2 + l] == '.' || s[k + 2 + l] == '_'))
            return 1;
    }
    return 0;
}

/* ---------------------------------------------------------------- entry */

/* Bytes that can introduce a command somewhere other than at the start. */
static const unsigned char trigger[256] = {
    ['\n'] = 1, ['\r'] = 1, ['\\'] = 1, [';'] = 1, ['|'] = 1, ['&'] = 1, ['`'] = 1, ['$'] = 1,
    ['('] = 1,  ['{'] = 1,  ['\''] = 1, ['"'] = 1, ['='] = 1, ['<'] = 1, ['>'] = 1, ['!'] = 1,
    ['~'] = 1,
};

/* Bytes that may start a command line at the beginning of the value. */
static const unsigned char start_ok[256] = {
    ['/'] = 1, ['$'] = 1, ['\\'] = 1, ['\''] = 1, ['"'] = 1, ['>'] = 1, ['~'] = 1, ['('] = 1,
    ['{'] = 1,
    ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1,
    ['8'] = 1, ['9'] = 1,
    ['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1, ['g'] = 1, ['h'] = 1,
    ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1,
    ['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1,
    ['y'] = 1, ['z'] = 1,
    ['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1, ['G'] = 1, ['H'] = 1,
    ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1,
    ['Q'] = 1, ['R'] = 1, ['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1,
    ['Y'] = 1, ['Z'] = 1,
};

/* The next trigger byte at or after s[i], or n. Sixteen bytes at a time
 * where SSE2 is there: the triggers are the ranges ! " $ & ' ( and
 * ; < = > and { | ~, plus \n \r \\ `. */
static size_t next_trigger(const unsigned char *s, size_t i, size_t n)
{
#if defined(__SSE2__)
    if (i + 16 <= n) {
        const __m128i lo1 = _mm_set1_epi8(0x20), hi1 = _mm_set1_epi8(0x29);
        const __m128i hash = _mm_set1_epi8('#'), pct = _mm_set1_epi8('%');
        const __m128i lo2 = _mm_set1_epi8(0x3a), hi2 = _mm_set1_epi8(0x3f);
        const __m128i lo3 = _mm_set1_epi8(0x7a), hi3 = _mm_set1_epi8(0x7f);
        const __m128i rbrace = _mm_set1_epi8('}');
        const __m128i nl = _mm_set1_epi8('\n'), cr = _mm_set1_epi8('\r');
        const __m128i bs = _mm_set1_epi8('\\'), bq = _mm_set1_epi8('`');
        while (i + 16 <= n) {
            __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
            __m128i a = _mm_and_si128(_mm_cmpgt_epi8(v, lo1), _mm_cmpgt_epi8(hi1, v));
            a = _mm_andnot_si128(_mm_or_si128(_mm_cmpeq_epi8(v, hash), _mm_cmpeq_epi8(v, pct)), a);
            __m128i b = _mm_and_si128(_mm_cmpgt_epi8(v, lo2), _mm_cmpgt_epi8(hi2, v));
            __m128i c = _mm_andnot_si128(_mm_cmpeq_epi8(v, rbrace),
                                         _mm_and_si128(_mm_cmpgt_epi8(v, lo3), _mm_cmpgt_epi8(hi3, v)));
            __m128i d = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, nl), _mm_cmpeq_epi8(v, cr)),
                                     _mm_or_si128(_mm_cmpeq_epi8(v, bs), _mm_cmpeq_epi8(v, bq)));
            unsigned m = (unsigned)_mm_movemask_epi8(
                _mm_or_si128(_mm_or_si128(a, b), _mm_or_si128(c, d)));
            if (m)
                return i + (unsigned)__builtin_ctz(m);
            i += 16;
        }
    }
#endif
    while (i < n && !trigger[s[i]])
        i++;
    return i;
}

int vigil__detect_cmd(const char *str, size_t n, int sensitivity, vigil__finding *f)
{
    const unsigned char *s = (const unsigned char *)str;
    vigil__finding scratch;
    if (!f)
        f = &scratch;
    if (!s || n == 0)
        return 0;
    verdict v = {0, NULL, 0, 0, 0};
    /* Look-aheads are bounded per position; this caps their sum so that
     * the whole scan stays linear even on adversarial input. */
    size_t budget = 16 * n + 4096;

    /* the value itself may be a command line */
    size_t i0 = 0;
    while (i0 < n && is_blank(s[i0]))
        i0++;
    if (i0 < n && start_ok[s[i0]]) {
        unsigned char c0 = s[i0];
        if (c0 == '>' || (is_digit(c0) && i0 + 1 < n && s[i0 + 1] == '>')) {
            if (redirect_at(s, i0 + (c0 != '>'), n))
                consider(&v, 2, "output redirection to a system path", i0, n);
        } else if (c0 == '~') {
            ; /* the main loop looks at it */
        } else if (c0 == '(') {
            if (shellshock_at(s, i0, n))
                consider(&v, 1, "shellshock function definition", i0, i0 + 2);
        } else if (c0 != '{') {
            /* the common case, an ordinary first word, needs no judgement */
            if (!word_chr[c0] || !quick_reject(s, i0, n))
                judge(s, i0, n, X_START, &v, 0);
            /* a quote that opens the value may be the end of the
             * application's string: "'time sh -c id" */
            if ((c0 == '\'' || c0 == '"') && i0 + 1 < n && is_alpha(s[i0 + 1]))
                judge(s, i0 + 1, n, X_START, &v, 0);
        }
    }

    for (size_t i = 0; i < n && v.lvl != 1 && v.spent < budget; i++) {
        i = next_trigger(s, i, n);
        if (i >= n)
            break;
        unsigned char c = s[i];
        switch (c) {
        case ';':
        case '\n':
        case '\r':
            judge(s, i + 1, n, X_WEAK, &v, 0);
            break;
        case '\\':
            /* a literal "\n" escape that no decoder has turned into a newline */
            if (i + 1 < n && (s[i + 1] == 'n' || s[i + 1] == 'r'))
                judge(s, i + 2, n, X_WEAK, &v, 0);
            break;
        case '|':
            if (i + 1 < n && s[i + 1] == '|')
                i++;
            judge(s, i + 1, n, X_STRONG, &v, 0);
            break;
        case '&':
            if (i + 1 < n && s[i + 1] == '&') {
                i++;
                judge(s, i + 1, n, X_STRONG, &v, 0);
            } else
                judge(s, i + 1, n, X_WEAK, &v, 0);
            break;
        case '`':
            /* `word` after a blank or comma reads like markdown or a SQL
             * identifier, so only strong commands count there */
            if (i > 0 && (is_blank(s[i - 1]) || s[i - 1] == ',')) {
                verdict sub = {0, NULL, 0, 0, 0};
                judge(s, i + 1, n, X_SUBST, &sub, 0);
                v.spent += sub.spent;
                if (sub.lvl)
                    consider(&v, 3, sub.detail, sub.off, sub.off + sub.len);
            } else
                judge(s, i + 1, n, X_SUBST, &v, 0);
            break;
        case '$':
            if (i + 1 >= n)
                break;
            if (s[i + 1] == '(') {
                if (i + 2 < n && s[i + 2] == '(') {
                    if (arith_at(s, i, n))
                        consider(&v, 2, "shell arithmetic expansion", i, i + 3);
                } else
                    judge(s, i + 2, n, X_PAREN, &v, 0);
            } else if (s[i + 1] == '{') {
                if (i + 2 < n && s[i + 2] == '@')
                    consider(&v, 2, "code evaluation", i, i + 3); /* ${@print(...)} */
                else if (param_at(s, i, n))
                    consider(&v, 2, "shell parameter expansion", i, i + 2);
            } else if (s[i + 1] == '[' && old_arith_at(s, i, n))
                consider(&v, 2, "shell arithmetic expansion", i, i + 2);
            else if ((i == 0 || s[i - 1] != '$') && var_chain(s, i, n))
                consider(&v, 2, "command assembled from variables", i, i + 1);
            break;
        case '<':
        case '>':
            if (i + 1 < n && s[i + 1] == '(')
                judge(s, i + 2, n, X_PAREN, &v, 0);
            else if (c == '<' && i + 8 < n && s[i + 1] == '!' && at_lit(s, i, n, "<!--#exec"))
                consider(&v, 1, "SSI exec directive", i, i + 9);
            else if (c == '>' && i > i0 && (is_blank(s[i - 1]) || is_digit(s[i - 1])) &&
                     redirect_at(s, i, n))
                consider(&v, 2, "output redirection to a system path", i, i + 1);
            break;
        case '(':
            if (shellshock_at(s, i, n)) {
                size_t k = skip_blanks(s, i + 2, n) + 1;
                k = skip_blanks(s, k, n);
                if (k < n && s[k] == ':')
                    consider(&v, 1, "shellshock function definition", i, k + 1);
            } else
                check_call(s, i, n, &v);
            break;
        case '{':
            if (i + 2 < n && s[i + 1] == '$' && s[i + 2] == '{')
                consider(&v, 2, "code evaluation", i, i + 3); /* PHP {${...}} */
            else
                check_brace(s, i, n, &v, 0);
            break;
        case '\'':
        case '"':
            if (i + 1 < n && is_blank(s[i + 1]))
                judge(s, i + 1, n, X_QUOTE, &v, 0);
            break;
        case '=':
            if (i > 0 && (is_alnum(s[i - 1]) || s[i - 1] == '_') && i + 1 < n) {
                size_t k = i + 1 + (s[i + 1] == '"' || s[i + 1] == '\'');
                if (k < n && (is_alpha(s[k]) || s[k] == '/'))
                    judge(s, k, n, X_START, &v, 0);
            }
            break;
        case '~':
            if (tilde_at(s, i, n, i0))
                consider(&v, 2, "shell tilde expansion", i, i + 2);
            break;
        case '!':
            if (history_at(s, i, n, i0))
                consider(&v, 2, "shell history expansion", i, i + 3);
            break;
        default:
            break;
        }
    }
    if (!v.lvl || v.lvl > sensitivity)
        return 0;
    f->detail = v.detail;
    f->score = v.lvl == 1 ? 90 : v.lvl == 2 ? 70 : 40;
    f->off = v.off;
    f->len = v.len;
    return 1;
}
