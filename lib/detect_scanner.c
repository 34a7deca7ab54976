/*
 * detect_scanner.c - security scanners and attack tools named in a
 * User-Agent (or similar) header value.
 *
 * Tools announce themselves by name ("sqlmap/1.7", "Mozilla/5.0 zgrab/0.x",
 * "Nmap Scripting Engine", "Microsoft WinRM Client OpenVASVT"). The value
 * is cut into runs of ASCII letters and digits; a run that begins with a
 * tool name from the table fires. Matching whole runs, not substrings,
 * keeps ordinary words and browser tokens from matching by accident; a
 * version glued on ("nmap7") or, for long names, any suffix ("OpenVASVT")
 * still matches ("w3af.org" is the run "w3af"). Legitimate HTTP clients (browsers, curl, python-requests,
 * Go-http-client, okhttp, ...) are deliberately absent: API clients use
 * them every day.
 */
#include "detect.h"

typedef struct tool {
    const char *name; /* lower case, >= 4 bytes                           */
    const char *next; /* NULL, or what the following run must start with */
} tool;

/* Sorted by name (byte order): looked up by binary search on the first
 * four bytes. Names are the tools' own spellings of themselves. */
static const tool tools[] = {
    {"absinthe", NULL},
    {"acunetix", NULL},
    {"arachni", NULL},
    {"bsqlbf", NULL},
    {"burpcollaborator", NULL},
    {"commix", NULL},
    {"crimscanner", NULL},
    {"dirbuster", NULL},
    {"dnslog", NULL},
    {"dotdotpwn", NULL},
    {"feroxbuster", NULL},
    {"ffuf", NULL},
    {"fimap", NULL},
    {"fuzz", "faster"},      /* ffuf: "Fuzz Faster U Fool" */
    {"gobuster", NULL},
    {"gootkit", NULL},
    {"grendel", "scan"},     /* "Grendel-Scan" */
    {"havij", NULL},
    {"interactsh", NULL},
    {"jaeles", NULL},
    {"jorgee", NULL},
    {"masscan", NULL},
    {"morfeus", NULL},
    {"mysqloit", NULL},
    {"nessus", NULL},
    {"netsparker", NULL},
    {"nikto", NULL},
    {"nmap", NULL},
    {"nsauditor", NULL},
    {"nuclei", NULL},
    {"oast", NULL},          /* interactsh domains: oast.me, oast.fun, ... */
    {"oastify", NULL},       /* Burp Collaborator's domain */
    {"openvas", NULL},
    {"pangolin", NULL},
    {"skipfish", NULL},
    {"sqlmap", NULL},
    {"sqlninja", NULL},
    {"sqlsus", NULL},
    {"stealth", NULL},       /* "N-Stealth" is checked below */
    {"sysscan", NULL},
    {"w3af", NULL},
    {"wapiti", NULL},
    {"webinspect", NULL},
    {"webshag", NULL},
    {"webvulnscan", NULL},
    {"wfuzz", NULL},
    {"whatweb", NULL},
    {"wpscan", NULL},
    {"xsstrike", NULL},
    {"zgrab", NULL},
    {"zmeu", NULL},
};

/* ASCII letters and digits: the bytes of a run. */
static const unsigned char an[256] = {
    ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1,
    ['8'] = 1, ['9'] = 1, ['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1,
    ['G'] = 1, ['H'] = 1, ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1,
    ['O'] = 1, ['P'] = 1, ['Q'] = 1, ['R'] = 1, ['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1,
    ['W'] = 1, ['X'] = 1, ['Y'] = 1, ['Z'] = 1, ['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1,
    ['e'] = 1, ['f'] = 1, ['g'] = 1, ['h'] = 1, ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1,
    ['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1,
    ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1, ['y'] = 1, ['z'] = 1,
};

static int alnum(unsigned char c)
{
    return an[c];
}

/* Could a tool name start with these two (lower-case) bytes? A cheap
 * filter so that most runs of a browser User-Agent ("Windows", "KHTML",
 * "Gecko") are skipped without being copied or looked up. Must list the
 * first two letters of every name in tools[]. */
static int may_start(unsigned char a, unsigned char b)
{
    const char *second;
    switch (a) {
    case 'a': second = "bcr"; break;
    case 'b': second = "su"; break;
    case 'c': second = "or"; break;
    case 'd': second = "ino"; break;
    case 'f': second = "efiu"; break;
    case 'g': second = "or"; break;
    case 'h': second = "a"; break;
    case 'i': second = "n"; break;
    case 'j': second = "ao"; break;
    case 'm': second = "aoy"; break;
    case 'n': second = "eimsu"; break;
    case 'o': second = "ap"; break;
    case 'p': second = "a"; break;
    case 's': second = "kqty"; break;
    case 'w': second = "3aefhp"; break;
    case 'x': second = "s"; break;
    case 'z': second = "gm"; break;
    default: return 0;
    }
    return b && strchr(second, b) != NULL;
}

/* First four bytes of a lower-cased run as a big-endian key, so that key
 * order is byte order and the sorted table can be searched by key. */
static uint32_t key4(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Does the lower-cased run `w` (length wl) start with lit? */
static int starts(const unsigned char *w, size_t wl, const char *lit)
{
    size_t l = strlen(lit);
    return wl >= l && memcmp(w, lit, l) == 0;
}

/* Is run w the tool name lit: equal, followed only by digits ("nmap7"),
 * or, for names of 7+ letters that no word extends by accident, followed
 * by anything ("OpenVASVT")? */
static int names_tool(const unsigned char *w, size_t wl, const char *lit)
{
    size_t l = strlen(lit);
    if (!starts(w, wl, lit))
        return 0;
    if (l >= 7)
        return 1;
    for (size_t i = l; i < wl; i++)
        if (w[i] < '0' || w[i] > '9')
            return 0;
    return 1;
}

/* Lower-cases the run at s[i..] into buf (at most cap bytes); returns the
 * run's full length. */
static size_t run_at(const char *s, size_t n, size_t i, unsigned char *buf, size_t cap)
{
    size_t j = i;
    while (j < n && alnum((unsigned char)s[j])) {
        if (j - i < cap)
            buf[j - i] = vigil__lower((unsigned char)s[j]);
        j++;
    }
    return j - i;
}

/* The table entry whose name starts run w, or NULL. */
static const tool *lookup(const unsigned char *w, size_t wl)
{
    uint32_t k = key4(w);
    size_t lo = 0, hi = VIGIL__COUNTOF(tools);
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        uint32_t mk = key4((const unsigned char *)tools[mid].name);
        if (mk < k)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (; lo < VIGIL__COUNTOF(tools) && key4((const unsigned char *)tools[lo].name) == k; lo++)
        if (names_tool(w, wl, tools[lo].name))
            return &tools[lo];
    return NULL;
}

int vigil__detect_scanner(const char *s, size_t n, int sensitivity, vigil__finding *f)
{
    VIGIL__UNUSED(sensitivity); /* a tool's own name is conclusive at every level */
    if (!s || n < 4)
        return 0;
    unsigned char w[24], nx[16];
    size_t i = 0;
    while (i < n) {
        if (!alnum((unsigned char)s[i])) {
            i++;
            continue;
        }
        size_t start = i;
        if (i + 1 >= n ||
            !may_start(vigil__lower((unsigned char)s[i]), vigil__lower((unsigned char)s[i + 1]))) {
            while (i < n && alnum((unsigned char)s[i]))
                i++;
            continue;
        }
        size_t wl = run_at(s, n, i, w, sizeof w);
        i += wl;
        if (wl < 4 || wl > sizeof w)
            continue;
        const tool *t = lookup(w, wl);
        if (!t)
            continue;
        if (t->next || !strcmp(t->name, "stealth")) {
            /* two-word names: the next run (after one separator) must follow,
             * or for "stealth" the previous run must be a lone "n" */
            int ok = 0;
            if (t->next) {
                size_t j = i;
                if (j < n && !alnum((unsigned char)s[j]))
                    j++;
                size_t nl = run_at(s, n, j, nx, sizeof nx);
                ok = nl <= sizeof nx && starts(nx, nl, t->next);
            } else {
                ok = start >= 2 && (s[start - 2] | 0x20) == 'n' && !alnum((unsigned char)s[start - 1]) &&
                     (start == 2 || !alnum((unsigned char)s[start - 3]));
            }
            if (!ok)
                continue;
        }
        if (f) {
            f->detail = "security scanner or attack tool user agent";
            f->score = 90;
            f->off = start;
            f->len = wl;
        }
        return 1;
    }
    return 0;
}
