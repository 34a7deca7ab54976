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
 * still matches ("w3af.org" is the run "w3af"). Legitimate HTTP clients
 * (browsers, curl, python-requests, Go-http-client, okhttp, ...) are
 * deliberately absent: API clients use them every day.
 *
 * Run starts are found from letter masks 64 bytes at a time; a start is
 * looked at only when its first two bytes pass first2[], then its second
 * and third second2[], then its first four the table's keys, so a browser
 * User-Agent costs about a dozen instructions per word.
 */
#include "detect.h"

#if defined(__SSE2__) && (defined(__GNUC__) || defined(__clang__))
#include <emmintrin.h>
#define VIGIL_SCANNER_SSE2 1
#else
#define VIGIL_SCANNER_SSE2 0
#endif

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

/* Could a tool name start with letter a and byte b (either case)?
 * Bit (b & 31) of first2[a & 31]: letters map to 1-26, so one 32-bit row
 * per first letter; the '3' of "w3af" lands on 's' (19), which only lets
 * "ws..." through as well. A cheap filter so that most runs of a browser
 * User-Agent ("Windows", "KHTML", "Gecko") are skipped without being copied
 * or looked up; second2[] does the same for the second and third bytes
 * ("Mozilla" stops at "oz"). Both must list the pairs of every name in
 * tools[] (test_every_name() checks that each name is found). */
#define B(c) (1u << ((c) & 31))
static const uint32_t first2[32] = {
    ['a' & 31] = B('b') | B('c') | B('r'),
    ['b' & 31] = B('s') | B('u'),
    ['c' & 31] = B('o') | B('r'),
    ['d' & 31] = B('i') | B('n') | B('o'),
    ['f' & 31] = B('e') | B('f') | B('i') | B('u'),
    ['g' & 31] = B('o') | B('r'),
    ['h' & 31] = B('a'),
    ['i' & 31] = B('n'),
    ['j' & 31] = B('a') | B('o'),
    ['m' & 31] = B('a') | B('o') | B('y'),
    ['n' & 31] = B('e') | B('i') | B('m') | B('s') | B('u'),
    ['o' & 31] = B('a') | B('p'),
    ['p' & 31] = B('a'),
    ['s' & 31] = B('k') | B('q') | B('t') | B('y'),
    ['w' & 31] = B('3') | B('a') | B('e') | B('f') | B('h') | B('p'),
    ['x' & 31] = B('s'),
    ['z' & 31] = B('g') | B('m'),
};
#undef B

/* The same for a name's second and third bytes. */
#define B(c) (1u << ((c) & 31))
static const uint32_t second2[32] = {
    ['a' & 31] = B('e') | B('n') | B('p') | B('s') | B('v'),
    ['b' & 31] = B('s'),
    ['c' & 31] = B('u'),
    ['e' & 31] = B('b') | B('r') | B('s') | B('t'),
    ['f' & 31] = B('f') | B('u'),
    ['g' & 31] = B('r'),
    ['h' & 31] = B('a'),
    ['i' & 31] = B('k') | B('m') | B('r'),
    ['k' & 31] = B('i'),
    ['m' & 31] = B('a') | B('e'),
    ['n' & 31] = B('s') | B('t'),
    ['o' & 31] = B('b') | B('m') | B('o') | B('r') | B('t'),
    ['p' & 31] = B('e') | B('s'),
    ['q' & 31] = B('l'),
    ['r' & 31] = B('a') | B('e') | B('i'),
    ['s' & 31] = B('a') | B('q') | B('s'), /* also '3' of w3af: 0x33 & 31 == 's' & 31 */
    ['t' & 31] = B('e'),
    ['u' & 31] = B('c') | B('r') | B('z'),
    ['y' & 31] = B('s'),
};
#undef B

/* a: an ASCII letter; b, c: any bytes. */
static int may_start(unsigned char a, unsigned char b, unsigned char c)
{
    return (first2[a & 31] >> (b & 31)) & (second2[b & 31] >> (c & 31)) & 1u;
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

/* Could the four bytes at p, lower-cased, start a name in tools[]? The
 * same binary search as lookup(), without copying the run first. OR-ing
 * 0x20 lower-cases letters; the other bytes it changes cannot turn into a
 * name's letters (only 0x13 into '3'), so this says yes whenever
 * lookup() could. */
static int known_prefix(const char *p)
{
    uint32_t k;
    memcpy(&k, p, 4);
    k = k | 0x20202020u;
    k = (k & 0xFFu) << 24 | (k & 0xFF00u) << 8 | (k >> 8 & 0xFF00u) | k >> 24; /* big-endian */
    size_t lo = 0, hi = VIGIL__COUNTOF(tools);
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        uint32_t mk = key4((const unsigned char *)tools[mid].name);
        if (mk < k)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < VIGIL__COUNTOF(tools) && key4((const unsigned char *)tools[lo].name) == k;
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

/* Does the run starting at s[start] (an ASCII letter after a byte that
 * is no letter or digit) name a tool? Fills *f when it does. */
static int run_names_tool(const char *s, size_t n, size_t start, vigil__finding *f)
{
    unsigned char w[24], nx[16];
    size_t i = start;
    size_t wl = run_at(s, n, i, w, sizeof w);
    i += wl;
    if (wl < 4 || wl > sizeof w)
        return 0;
    const tool *t = lookup(w, wl);
    if (!t)
        return 0;
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
            return 0;
    }
    if (f) {
        f->detail = "security scanner or attack tool user agent";
        f->score = 90;
        f->off = start;
        f->len = wl;
    }
    return 1;
}

#if VIGIL_SCANNER_SSE2
/* Lanes of the 16 bytes at p that hold an ASCII letter. */
static inline unsigned letters16(const char *p)
{
    __m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
    /* (x | 0x20) - 'a' moved to the bottom of the signed range */
    __m128i l = _mm_add_epi8(_mm_or_si128(x, _mm_set1_epi8(0x20)), _mm_set1_epi8((char)(0x80 - 'a')));
    return (unsigned)_mm_movemask_epi8(_mm_cmpgt_epi8(_mm_set1_epi8((char)(-128 + 26)), l));
}

/* Bit k set when s[i + k] is an ASCII letter, for i + k < n and k < 64
 * (n >= 16: the last block is read overlapping the one before). */
static inline uint64_t letters64(const char *s, size_t n, size_t i)
{
    if (i + 64 <= n)
        return (uint64_t)letters16(s + i) | (uint64_t)letters16(s + i + 16) << 16 |
               (uint64_t)letters16(s + i + 32) << 32 | (uint64_t)letters16(s + i + 48) << 48;
    uint64_t m = 0;
    for (unsigned b = 0; b < 64; b += 16) {
        size_t p = i + b;
        if (p + 16 <= n) {
            m |= (uint64_t)letters16(s + p) << b;
        } else {
            if (p < n)
                m |= (uint64_t)(letters16(s + n - 16) >> (p + 16 - n)) << b;
            break;
        }
    }
    return m;
}
#endif

/* The rest of the checks for a run that may start at s[i] (a letter,
 * first2[] passed, s[i + 3] in range): is it one, and does it name a tool? */
static int tool_at(const char *s, size_t n, size_t i, vigil__finding *f)
{
    return may_start((unsigned char)s[i], (unsigned char)s[i + 1], (unsigned char)s[i + 2]) &&
           known_prefix(s + i) && (i == 0 || !alnum((unsigned char)s[i - 1])) &&
           run_names_tool(s, n, i, f);
}

#if VIGIL_SCANNER_SSE2
/* vigil__detect_scanner() for n >= 16: 64 bytes of letter masks at a time. */
static inline __attribute__((always_inline)) int scan_long(const char *s, size_t n,
                                                           vigil__finding *f)
{
    uint64_t carry = 0; /* was the byte before the chunk a letter? */
    /* chunks of 64 bytes, 60 apart: the last four only look ahead */
    for (size_t i = 0; i + 4 <= n; i += 60) {
        uint64_t l = letters64(s, n, i);
        uint64_t m = l & ~((l << 1) | carry) & (l >> 2) & (l >> 3) & 0x0FFFFFFFFFFFFFFFu;
        carry = (l >> 59) & 1u;
        for (; m; m &= m - 1) {
            const char *p = s + i + (unsigned)__builtin_ctzll(m);
            if ((first2[(unsigned char)p[0] & 31] >> ((unsigned char)p[1] & 31)) & 1u &&
                tool_at(s, n, (size_t)(p - s), f))
                return 1;
        }
    }
    return 0;
}
#endif

int vigil__detect_scanner(const char *s, size_t n, int sensitivity, vigil__finding *f)
{
    VIGIL__UNUSED(sensitivity); /* a tool's own name is conclusive at every level */
    if (!s || n < 4)
        return 0;
    /* Runs are looked at from their first letter only: a letter whose
     * previous byte is no letter (a digit there: the run starts earlier,
     * and runs starting with a digit never name a tool), followed by a
     * byte and two more letters, as the start of every name is. */
#if VIGIL_SCANNER_SSE2
    if (n >= 16)
        return scan_long(s, n, f);
#endif
    for (size_t i = 0; i + 4 <= n; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((unsigned)((c | 0x20) - 'a') < 26u &&
            (i == 0 || (unsigned)((s[i - 1] | 0x20) - 'a') >= 26u) &&
            ((first2[c & 31] >> ((unsigned char)s[i + 1] & 31)) & 1u) && tool_at(s, n, i, f))
            return 1;
    }
    return 0;
}
