/*
 * detect_cmd.c - OS command injection (see detect.h).
 *
 * A small shell-aware scanner: it finds the places where a POSIX shell or
 * cmd.exe would start a new command (after ; | || & && newline, inside
 * $( ) and backticks, in {cmd,arg} brace lists, at the start of the value)
 * and reads the word there the way the shell would after quote removal
 * (c''at, c\at, w"h"o"am"i, $@ and empty $() / `` padding, ${IFS} as a
 * blank, /bin/ prefixes). The word is looked up in a compact table of
 * binaries and builtins whose flags say how much the following argument
 * must look like shell syntax before the finding is believed; English
 * words such as "cat", "type" or "sleep" need real shell arguments.
 */
#include "detect.h"

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

typedef struct cmd_ent {
    const char *name;
    unsigned    flags;
} cmd_ent;

/* Sorted by name (binary search). */
static const cmd_ent cmds[] = {
    {"adduser", C_STRONG},
    {"apt-get", C_STRONG},
    {"aptitude", C_STRONG},
    {"arp", C_NOARG},
    {"attrib", C_STRONG},
    {"awk", 0},
    {"base32", 0},
    {"base64", 0},
    {"bash", C_ENG | C_NOARG},
    {"bitsadmin", C_STRONG},
    {"busybox", C_STRONG | C_WRAP},
    {"bzcat", C_STRONG | C_READ},
    {"cacls", C_STRONG},
    {"cat", C_ENG | C_READ},
    {"cd", 0},
    {"certutil", C_STRONG},
    {"chgrp", C_STRONG},
    {"chmod", C_STRONG},
    {"chown", C_STRONG},
    {"cmd", C_NOARG},
    {"command", C_ENG | C_WRAP},
    {"cp", 0},
    {"cpulimit", C_STRONG},
    {"crontab", C_STRONG},
    {"cscript", C_STRONG},
    {"csh", C_STRONG | C_NOARG},
    {"curl", C_ENG},
    {"cut", C_ENG},
    {"dash", C_ENG},
    {"del", 0},
    {"dig", C_ENG},
    {"dir", C_NOARG},
    {"doas", C_STRONG | C_WRAP},
    {"echo", C_ENG | C_QUOTE},
    {"egrep", 0},
    {"env", C_NOARG | C_WRAP},
    {"eval", C_ENG},
    {"exec", C_ENG | C_WRAP},
    {"fgrep", 0},
    {"find", C_ENG},
    {"findstr", C_STRONG},
    {"ftp", 0},
    {"gcc", C_VER},
    {"gdb", 0},
    {"getent", C_STRONG},
    {"grep", 0},
    {"gunzip", C_STRONG | C_READ},
    {"gzip", 0},
    {"head", C_ENG | C_READ},
    {"hostname", C_NOARG},
    {"htop", C_STRONG | C_NOARG},
    {"icacls", C_STRONG},
    {"id", C_NOARG},
    {"iex", 0},
    {"ifconfig", C_STRONG | C_NOARG},
    {"invoke-command", C_STRONG},
    {"invoke-expression", C_STRONG},
    {"invoke-restmethod", C_STRONG},
    {"invoke-webrequest", C_STRONG},
    {"invoke-wmimethod", C_STRONG},
    {"ipconfig", C_STRONG | C_NOARG},
    {"iptables", C_STRONG},
    {"irb", 0},
    {"iwmi", C_STRONG},
    {"iwr", C_STRONG},
    {"kill", C_ENG | C_NUM},
    {"ksh", C_STRONG | C_NOARG},
    {"lastlog", C_STRONG | C_NOARG},
    {"less", C_ENG | C_READ},
    {"ls", C_NOARG},
    {"lsof", C_STRONG | C_NOARG},
    {"ltrace", C_STRONG | C_WRAP},
    {"lua", C_VER},
    {"mkdir", 0},
    {"mkfifo", C_STRONG},
    {"more", C_ENG | C_READ},
    {"msiexec", C_STRONG},
    {"mshta", C_STRONG},
    {"mv", 0},
    {"nbtstat", C_STRONG},
    {"nc", C_NUM},
    {"ncat", C_STRONG},
    {"net", C_ENG | C_SUB},
    {"netcat", C_STRONG},
    {"netsh", C_STRONG},
    {"netstat", C_STRONG | C_NOARG},
    {"nice", C_ENG | C_WRAP},
    {"nl", C_READ},
    {"nmap", C_STRONG},
    {"node", C_VER},
    {"nohup", C_STRONG | C_WRAP},
    {"new-object", C_STRONG},
    {"nslookup", C_STRONG},
    {"od", C_READ},
    {"openssl", C_STRONG},
    {"osascript", C_STRONG},
    {"perl", C_VER},
    {"php", C_VER},
    {"phpinfo", C_STRONG | C_NOARG},
    {"ping", C_ENG | C_NUM},
    {"powershell", C_STRONG | C_NOARG},
    {"printenv", C_STRONG | C_NOARG},
    {"printf", C_QUOTE},
    {"ps", C_NOARG},
    {"pwd", C_NOARG},
    {"pwsh", C_STRONG | C_NOARG},
    {"python", C_VER},
    {"reboot", C_NOARG},
    {"reg", C_SUB},
    {"regedit", C_STRONG},
    {"regsvr32", C_STRONG},
    {"rm", 0},
    {"rmdir", 0},
    {"route", C_NOARG},
    {"rsync", C_STRONG},
    {"ruby", C_VER},
    {"rundll32", C_STRONG},
    {"schtasks", C_STRONG},
    {"scp", C_STRONG},
    {"sed", 0},
    {"set", C_ENG},
    {"setsid", C_STRONG | C_WRAP},
    {"sftp", C_STRONG},
    {"sh", C_NOARG},
    {"shutdown", C_NOARG},
    {"sleep", C_ENG | C_NUM},
    {"socat", C_STRONG},
    {"start-process", C_STRONG},
    {"sort", C_ENG},
    {"ssh", 0},
    {"strace", C_STRONG | C_WRAP},
    {"strings", C_ENG | C_READ},
    {"su", 0},
    {"sudo", C_STRONG | C_WRAP},
    {"sysinfo", C_STRONG | C_NOARG},
    {"systemctl", C_STRONG},
    {"systeminfo", C_STRONG | C_NOARG},
    {"tac", C_READ},
    {"tail", C_ENG | C_READ},
    {"tar", C_ENG},
    {"taskkill", C_STRONG},
    {"tasklist", C_STRONG | C_NOARG},
    {"tcsh", C_STRONG | C_NOARG},
    {"tee", C_ENG},
    {"telnet", C_STRONG},
    {"tftp", C_STRONG},
    {"time", C_ENG | C_WRAP},
    {"timeout", C_ENG | C_NUM},
    {"touch", C_ENG},
    {"traceroute", C_STRONG},
    {"tracert", C_STRONG},
    {"type", C_ENG | C_READ},
    {"uname", C_STRONG | C_NOARG},
    {"unxz", C_STRONG | C_READ},
    {"unzip", 0},
    {"uptime", C_STRONG | C_NOARG},
    {"useradd", C_STRONG},
    {"userdel", C_STRONG},
    {"usermod", C_STRONG},
    {"vi", 0},
    {"vim", 0},
    {"visudo", C_STRONG | C_NOARG},
    {"wget", C_STRONG},
    {"whereis", C_WHICH},
    {"which", C_ENG | C_WHICH},
    {"whoami", C_STRONG | C_NOARG},
    {"wmic", C_STRONG},
    {"wscript", C_STRONG},
    {"xargs", C_STRONG | C_WRAP},
    {"xterm", C_STRONG},
    {"xxd", C_READ},
    {"xzcat", C_STRONG | C_READ},
    {"zcat", C_STRONG | C_READ},
    {"zsh", C_STRONG | C_NOARG},
    {"zstdcat", C_STRONG | C_READ},
};

/* Subcommands of C_SUB entries (net, reg) that make them unambiguous. */
static const char *const subcmds[] = {"user",   "users",  "view",  "localgroup", "group",
                                      "share",  "use",    "start", "stop",       "session",
                                      "accounts", "add",  "query", "delete",     "export",
                                      "save",   "import", NULL};

/* Functions that hand a string to a shell or an interpreter. */
static const char *const exec_calls[] = {
    "system", "exec", "shell_exec", "passthru", "popen", "proc_open", "pcntl_exec", "eval",
    "assert", "execsync", "spawn", "spawnsync", "execfile", "getoutput", "check_output",
    "call", "run", NULL};

static int lookup(const char *w, size_t n, unsigned *flags)
{
    size_t lo = 0, hi = VIGIL__COUNTOF(cmds);
    if (n > 17)
        return 0; /* longer than any entry */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const char *e = cmds[mid].name;
        size_t k = 0;
        while (k < n && e[k] && w[k] == e[k])
            k++;
        int c;
        if (k == n)
            c = e[k] ? -1 : 0;
        else
            c = !e[k] || (unsigned char)w[k] > (unsigned char)e[k] ? 1 : -1;
        if (c == 0) {
            *flags = cmds[mid].flags;
            return 1;
        }
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return 0;
}

/* Glob match of pattern p (with ? and *) against the NUL-terminated name. */
static int glob_match(const char *p, size_t pn, const char *name)
{
    size_t pi = 0, ni = 0, nn = strlen(name), star = (size_t)-1, mark = 0;
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
            if (blank_len(s, i, n))
                break;
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
            if (k == i + 2)
                word_put(w, s[i + 1]);
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
        if (st >= 4 && memcmp(w->buf + st - 4, "bin/", 4) == 0)
            *binpath = 1;
        else if (w->glob && w->buf[0] == '/' && st >= 3 && w->buf[1] != '/') {
            /* /???/??t: the directory may only be globbed letters */
            for (size_t k = 1; k < st; k++)
                if (!(is_alnum((unsigned char)w->buf[k]) || w->buf[k] == '?' ||
                      w->buf[k] == '*' || w->buf[k] == '/'))
                    return 0;
            *binpath = 1;
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
        for (size_t k = 0; k < VIGIL__COUNTOF(cmds); k++)
            if (glob_match(name, n, cmds[k].name)) {
                *flags = cmds[k].flags | C_STRONG;
                return 1;
            }
        return 0;
    }
    if (lookup(name, n, flags))
        return 1;
    /* versioned interpreters: python3.11, php7, perl5 */
    size_t m = n;
    while (m > 1 && (is_digit((unsigned char)name[m - 1]) || name[m - 1] == '.'))
        m--;
    if (m < n && m >= 2 && is_digit((unsigned char)name[m]) && lookup(name, m, flags) &&
        (*flags & C_VER))
        return 1;
    return 0;
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
    X_SUBST,  /* inside $( ), backticks, <( )                             */
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

/* cmd.exe control flow: FOR [/x] %v IN (...) DO, IF [/I] [NOT] EXIST|DEFINED|
 * ERRORLEVEL|%var%|a==b. `i` is just after the word "for" or "if". */
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
        k = skip_blanks(s, k + 1, n);
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
    if (at_lit(s, k, n, "not") && k + 3 < n && is_blank(s[k + 3]))
        k = skip_blanks(s, k + 3, n);
    static const char *const kw[] = {"exist", "defined", "errorlevel", "cmdextversion", NULL};
    for (const char *const *w = kw; *w; w++) {
        size_t l = strlen(*w);
        if (at_lit(s, k, n, *w) && k + l < n && is_blank(s[k + l]))
            return 1;
    }
    /* %VAR%, %~1, %1, "%VAR%", "!VAR!" -- not a %20 escape */
    size_t q = k + (k < n && s[k] == '"');
    if (q + 1 < n && (s[q] == '%' || s[q] == '!')) {
        unsigned char d = s[q + 1];
        if (is_digit(d))
            return q + 2 >= n || !is_alnum(s[q + 2]);
        if (is_alpha(d) || d == '~' || d == '_') {
            size_t e = q + 2;
            while (e < n && e - q < 32 && (is_alnum(s[e]) || s[e] == '_' || s[e] == '~' || s[e] == ':'))
                e++;
            return e < n && s[e] == s[q];
        }
    }
    /* if a==b cmd: a comparison token, then a command word */
    size_t e = k;
    int eq = 0;
    while (e < n && e - k < 48 && !is_blank(s[e])) {
        if (s[e] == '=' && e + 1 < n && s[e + 1] == '=')
            eq = 1;
        e++;
    }
    if (!eq || (e > k && (s[e - 1] == ':' || s[e - 1] == '{')))
        return 0;
    e = skip_blanks(s, e, n);
    return e < n && e > k && is_alpha(s[e]);
}

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
    word w;
    read_word(s, i, n, &w);
    v->spent += w.end - start + 1;
    if (w.len == 0)
        return;
    unsigned fl = 0;
    int binpath = 0;
    int known = word_lookup(&w, &fl, &binpath);
    size_t j = w.end;
    if (!known && !w.var && !binpath && !lead && !(j < n && s[j] == '$') &&
        !(w.len == 3 && memcmp(w.buf, "for", 3) == 0) && !(w.len == 2 && memcmp(w.buf, "if", 2) == 0))
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
            return;
        }
        if ((w.len == 3 && memcmp(w.buf, "for", 3) == 0) ||
            (w.len == 2 && memcmp(w.buf, "if", 2) == 0)) {
            if (ctx != X_QUOTE && cmdexe_flow(s, j, n, w.len == 3))
                consider(v, 2, "cmd.exe control statement", start, j);
            return;
        }
        if (binpath && ctx != X_START)
            consider(v, 3, "command after separator", start, j);
        /* an unknown program run with a switch right after an opening
         * separator: ";perf --version", "';flock -u / id" */
        if (lead && w.lower && !w.glob && w.len >= 2 && w.len <= 16 && is_alpha((unsigned char)w.buf[0]) &&
            a.kind == A_OPTION && !ifs)
            consider(v, 2, "command after separator", start, a.end);
        else if (ifs && (ctx == X_WEAK || ctx == X_STRONG || ctx == X_SUBST))
            consider(v, 2, "command after separator", start, k);
        return;
    }
    const char *detail = ctx == X_SUBST ? "command substitution" : ctx == X_CALL
                             ? "command in exec call"
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
    /* the rest of the command line: redirections, later switches */
    int later_redir = 0, later_opt = 0, nargs = 0, only_num = a.kind == A_NUMBER;
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
        v->spent += q > start ? q - start : 0;
    }
    int eng = (fl & C_ENG) != 0;
    int strong = (fl & C_STRONG) != 0;
    int lvl = 0;
    int sa = strong_arg(&a);
    int eng_ok = !eng || a.kind == A_OPTION || (a.kind == A_ABSPATH && a.deep) ||
                 a.kind == A_WINPATH || a.kind == A_EXPAND || a.kind == A_REDIR ||
                 a.kind == A_URL;
    int typed = (a.kind == A_NUMBER && (fl & C_NUM)) || (a.kind == A_FILE && (fl & C_READ)) ||
                (a.kind == A_QUOTED && (fl & C_QUOTE)) || (a.kind == A_SUBCMD && (fl & C_SUB));
    int plain = a.kind == A_WORD || a.kind == A_FILE || a.kind == A_NUMBER ||
                a.kind == A_QUOTED || a.kind == A_SUBCMD || a.kind == A_CALL ||
                (a.kind == A_NONE && (fl & C_NOARG));
    switch (ctx) {
    case X_CALL:
        lvl = strong || binpath || sa ? 1 : 2;
        break;
    case X_SUBST:
        if (strong || binpath || sa)
            lvl = 1;
        else if (a.kind == A_NONE || typed || !eng)
            lvl = 2;
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
        else if (strong && (a.kind == A_NONE ? (fl & C_NOARG) != 0
                                             : a.kind != A_WORD && a.kind != A_QUOTED &&
                                                   a.kind != A_OTHER))
            lvl = 2;
        else if (sa && eng_ok && !(a.kind == A_ABSPATH && !a.deep && eng))
            lvl = 2;
        else if (later_redir || ((fl & C_SUB) && a.kind == A_SUBCMD && later_opt))
            lvl = 2;
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
    if (m == 0)
        return;
    int hit = 0;
    for (const char *const *c = exec_calls; *c; c++)
        if (strlen(*c) == m && memcmp(*c, id, m) == 0)
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

/* {cmd,arg} and {,cmd,arg}: bash brace expansion used as a blank. */
static void check_brace(const unsigned char *s, size_t i, size_t n, verdict *v)
{
    size_t k = i + 1;
    if (k < n && s[k] == ',')
        k++;
    size_t e = k;
    while (e < n && e - k < WORD_CAP && s[e] != ',' && s[e] != '}' && !is_blank(s[e]))
        e++;
    if (e >= n || e == k || !(s[e] == ',' || (s[e] == '}' && k > i + 1)))
        return;
    judge(s, k, n, X_BRACE, v, 0);
}

/* Shellshock function definitions: "() { :;};" */
static int shellshock_at(const unsigned char *s, size_t i, size_t n)
{
    if (i + 3 >= n || s[i] != '(' || s[i + 1] != ')')
        return 0;
    size_t k = skip_blanks(s, i + 2, n);
    return k < n && s[k] == '{';
}

/* ---------------------------------------------------------------- entry */

/* Bytes that can introduce a command somewhere other than at the start. */
static const unsigned char trigger[256] = {
    ['\n'] = 1, ['\r'] = 1, ['\\'] = 1, [';'] = 1, ['|'] = 1, ['&'] = 1, ['`'] = 1, ['$'] = 1,
    ['('] = 1,  ['{'] = 1,  ['\''] = 1, ['"'] = 1, ['='] = 1, ['<'] = 1, ['>'] = 1,
};

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
    if (i0 < n && (is_alpha(s[i0]) || s[i0] == '/' || s[i0] == '$' || s[i0] == '\\' ||
                   s[i0] == '\'' || s[i0] == '"'))
        judge(s, i0, n, X_START, &v, 0);
    if (i0 < n && shellshock_at(s, i0, n))
        consider(&v, 1, "shellshock function definition", i0, i0 + 2);

    for (size_t i = 0; i < n && v.lvl != 1 && v.spent < budget; i++) {
        unsigned char c = s[i];
        if (!trigger[c])
            continue;
        switch (c) {
        case ';':
            judge(s, i + 1, n, X_WEAK, &v, 0);
            break;
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
            if (i + 1 < n && s[i + 1] == '(' && !(i + 2 < n && s[i + 2] == '('))
                judge(s, i + 2, n, X_SUBST, &v, 0);
            else if (i + 2 < n && s[i + 1] == '{' && s[i + 2] == '@')
                consider(&v, 2, "code evaluation", i, i + 3); /* ${@print(...)} */
            break;
        case '<':
        case '>':
            if (i + 1 < n && s[i + 1] == '(')
                judge(s, i + 2, n, X_SUBST, &v, 0);
            else if (c == '<' && i + 8 < n && s[i + 1] == '!' && at_lit(s, i, n, "<!--#exec"))
                consider(&v, 1, "SSI exec directive", i, i + 9);
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
                check_brace(s, i, n, &v);
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
