/*
 * detect_java.c - Java/JVM injection.
 *
 * What it recognises, all case-insensitively:
 *  - fully qualified names in the packages that RCE and deserialization
 *    payloads name (java.lang.Runtime, java.io.*, javax.script.*,
 *    com.sun.org.apache..., org.apache.commons..., ognl.*, weblogic.*),
 *    and deserialization gadget classes under any package
 *    (InvokerTransformer, TemplatesImpl, JdbcRowSetImpl, ...);
 *  - reflective and process-spawning calls: .getRuntime(, Class.forName(,
 *    new ProcessBuilder(, .getEngineByName(, "".getClass( ...;
 *  - OGNL (Struts2, Confluence): %{#...}, #_memberAccess, (#x=...),
 *    #context[...], @pkg.Class@member;
 *  - EL / SpEL: T(java.lang.Runtime), ${pageContext...}, #{...getClass()};
 *  - Spring data binding into the class loader: class.module.classLoader,
 *    class['classLoader'] (Spring4Shell, CVE-2010-1622, Struts S2-020);
 *  - serialized Java objects: raw AC ED 00 05, its hex spelling, and its
 *    base64 spelling at each of the three alignments (rO0AB, ?ztAA?, s7QAF);
 *  - JSP file names hiding behind trailing dots, slashes or spaces;
 *  - at sensitivity 3 only, the same class names base64-encoded at any
 *    alignment (fragments of serialized objects).
 * ${jndi:...} lookups belong to the Log4Shell detector and are left alone.
 *
 * One pass looks only at anchor bytes (. ( { # @ [ and the first bytes of
 * the serialization signatures), found 16 bytes at a time (SSE2) or 32
 * (AVX2 with nibble lookups, when the CPU has it); short values without
 * any anchor leave after a table pass, and most anchors in ordinary text
 * ("5.0 (X11", "notes (very") are turned away by anchor_live() before a
 * handler is called.
 * Each anchor does bounded work (a look-back of at most WORD_MAX bytes, or
 * the parse of the dotted name it starts, which later anchors then skip),
 * so the whole detector is linear in n.
 *
 * Signals carry a level: 1 fires at every sensitivity, 2 from the default
 * sensitivity up, 3 only at 3. Names that stack traces and error messages
 * carry (java.lang.NullPointerException, "at java.lang.Thread.run(Thread.
 * java:748)") are demoted to level 3, so pasted logs do not block.
 */
#include "detect.h"

#if defined(__SSE2__) && (defined(__GNUC__) || defined(__clang__))
#include <emmintrin.h>
#define VIGIL_JAVA_SSE2 1
#else
#define VIGIL_JAVA_SSE2 0
#endif
/* AVX2 for values of 32 bytes and more, chosen at run time */
#if VIGIL_JAVA_SSE2 && defined(__x86_64__) && !defined(VIGIL_NO_AVX2)
#include <immintrin.h>
#define VIGIL_JAVA_AVX2 1
#else
#define VIGIL_JAVA_AVX2 0
#endif

#define LV_NONE  4
#define WORD_MAX 48 /* longest identifier looked back over */
#define MAXSEG   12 /* segments of a dotted name kept for judging */

typedef struct hit {
    int         level; /* best (lowest) level seen; LV_NONE when none */
    const char *detail;
    size_t      off, len;
} hit;

typedef struct dotted {
    size_t end;  /* one past the name */
    int    nseg; /* segments kept (at most MAXSEG) */
    size_t off[MAXSEG];
    size_t len[MAXSEG];
} dotted;

typedef struct word {
    const char *s;
    size_t      n;
} word;

#define W(lit) {lit, sizeof(lit) - 1}

static void note(hit *h, int level, const char *detail, size_t off, size_t len)
{
    if (level < h->level) {
        h->level = level;
        h->detail = detail;
        h->off = off;
        h->len = len;
    }
}

/* Java identifier bytes (with '$', which inner and synthetic classes use). */
static const unsigned char id_byte[256] = {
    ['$'] = 1, ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1,
    ['7'] = 1, ['8'] = 1, ['9'] = 1, ['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1,
    ['F'] = 1, ['G'] = 1, ['H'] = 1, ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1, ['M'] = 1,
    ['N'] = 1, ['O'] = 1, ['P'] = 1, ['Q'] = 1, ['R'] = 1, ['S'] = 1, ['T'] = 1, ['U'] = 1,
    ['V'] = 1, ['W'] = 1, ['X'] = 1, ['Y'] = 1, ['Z'] = 1, ['_'] = 1, ['a'] = 1, ['b'] = 1,
    ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1, ['g'] = 1, ['h'] = 1, ['i'] = 1, ['j'] = 1,
    ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1,
    ['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1, ['y'] = 1, ['z'] = 1,
};

static int is_id(unsigned char c)
{
    return id_byte[c];
}

static int is_upper(unsigned char c) { return (unsigned)(c - 'A') < 26u; }

static int is_alpha(unsigned char c) { return (unsigned)((c | 0x20) - 'a') < 26u; }

static int is_space(unsigned char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

static int is_b64(unsigned char c) { return is_alpha(c) || (unsigned)(c - '0') < 10u || c == '+' || c == '/' || c == '-' || c == '_'; }

static int is_hex(unsigned char c)
{
    return (unsigned)(c - '0') < 10u || (unsigned)((c | 0x20) - 'a') < 6u;
}

/* p[0..len) equals the lower-case literal, ignoring ASCII case. */
static int ieq(const char *p, size_t len, const char *lit)
{
    size_t i = 0;
    for (; i < len; i++)
        if (!lit[i] || vigil__lower((unsigned char)p[i]) != (unsigned char)lit[i])
            return 0;
    return lit[i] == '\0';
}

/* The n bytes at p start with the lower-case literal. */
static int iprefix(const char *p, size_t n, const char *lit)
{
    size_t i = 0;
    for (; lit[i]; i++)
        if (i >= n || vigil__lower((unsigned char)p[i]) != (unsigned char)lit[i])
            return 0;
    return 1;
}

static int iends(const char *p, size_t len, const char *lit)
{
    size_t k = strlen(lit);
    return len >= k && ieq(p + len - k, k, lit);
}

static int in_words(const char *p, size_t len, const word *w, size_t nw)
{
    for (size_t i = 0; i < nw; i++)
        if (w[i].n == len && ieq(p, len, w[i].s))
            return 1;
    return 0;
}

#define IN(p, len, table) in_words(p, len, table, VIGIL__COUNTOF(table))

/* ------------------------------------------------------------ word lists */

/* Classes (simple names) whose only use in a request is an exploit:
 * commons-collections/beanutils transformers and factories, JDK and
 * library gadgets, and the class-loading or script entry points payloads
 * instantiate. Matched as whole segments of a dotted name. */
static const word gadgets[] = {
    W("invokertransformer"), W("chainedtransformer"), W("constanttransformer"),
    W("instantiatetransformer"), W("clonetransformer"), W("instantiatefactory"),
    W("prototypeclonefactory"), W("prototypeserializationfactory"), W("whileclosure"),
    W("forclosure"), W("lazymap"), W("transformedmap"), W("templatesimpl"),
    W("jdbcrowsetimpl"), W("badattributevalueexpexception"), W("annotationinvocationhandler"),
    W("methodclosure"), W("convertedclosure"), W("xmldecoder"),
    W("jndirefforwardingdatasource"), W("wrapperconnectionpooldatasource"),
    W("propertypathfactorybean"), W("classpathxmlapplicationcontext"),
    W("filesystemxmlapplicationcontext"), W("jtatransactionmanager"), W("jndiconverter"),
    W("urlclassloader"), W("scriptenginemanager"), W("elprocessor"),
    W("objectfactorydelegatinginvocationhandler"), W("simplejndibeanfactory"),
    W("jndiobjectfactory"), W("jndiconnectionsource"), W("remoteobjectinvocationhandler"),
    W("beancomparator"), W("groovyshell"), W("processbuilder"),
};

/* java.lang members that spawn processes or reach around access checks. */
static const word lang_danger[] = {
    W("runtime"), W("processbuilder"), W("process"), W("processimpl"), W("unixprocess"),
    W("reflect"), W("invoke"), W("classloader"),
};

/* Classes that turn data into code or processes wherever they sit. */
static const word class_danger[] = {
    W("objectinputstream"), W("xmldecoder"), W("eventhandler"), W("urlclassloader"),
};

/* Sub-packages named without a class in payloads. */
static const word java_subpkg[] = {
    W("reflect"), W("invoke"), W("file"), W("channels"), W("server"), W("registry"),
};

static const word sun_pkg[] = {
    W("misc"), W("reflect"), W("rmi"), W("nio"), W("net"), W("security"), W("tools"),
    W("invoke"), W("org"), W("corba"),
};

static const word comsun_pkg[] = {
    W("org"), W("rowset"), W("jndi"), W("naming"), W("management"), W("jmx"),
    W("script"), W("tools"), W("corba"), W("beans"), W("xml"),
};

static const word apache_pkg[] = {
    W("commons"), W("struts"), W("struts2"), W("xalan"), W("xbean"), W("bcel"), W("naming"),
};

/* Constructors of the same classes, after "new". */
static const word new_danger[] = {
    W("processbuilder"), W("scriptenginemanager"), W("urlclassloader"), W("elprocessor"),
    W("groovyshell"), W("initialcontext"), W("jdbcrowsetimpl"), W("templatesimpl"),
    W("xmldecoder"), W("objectinputstream"),
};

/* Methods that spawn processes or evaluate scripts. */
static const word call_strong[] = {
    W("getruntime"), W("getenginebyname"), W("getenginebyextension"), W("getenginebymimetype"),
};

/* Class loading and reflection: exploit steps, but also everyday Java that
 * code-sharing sites carry, hence level 2. */
static const word call_reflect[] = {
    W("forname"), W("getclassloader"), W("defineclass"), W("getdeclaredmethod"), W("getdeclaredmethods"), W("getdeclaredfield"),
    W("getdeclaredfields"), W("getdeclaredconstructor"), W("getdeclaredconstructors"),
    W("setaccessible"), W("newinstance"), W("loadclass"), W("getconstructor"),
};

/* EL implicit objects that reach the container. */
static const word el_objects[] = {
    W("pagecontext"), W("applicationscope"), W("sessionscope"), W("requestscope"),
    W("facescontext"), W("initparam"), W("servletcontext"),
};

/* OGNL context maps (Struts2). */
static const word ognl_maps[] = {
    W("context"), W("request"), W("session"), W("application"), W("parameters"), W("attr"),
};

/* ------------------------------------------------------------ dotted names */

enum root {
    R_NONE,
    R_JAVA,
    R_JAVAX,
    R_JDK,
    R_SUN,
    R_COM,
    R_ORG,
    R_OGNL,
    R_BSH,
    R_GROOVY,
    R_WEBLOGIC,
    R_SPAWN /* runtime, processbuilder */
};

static enum root root_of(const char *p, size_t len)
{
    switch (len) {
    case 3:
        if (ieq(p, len, "jdk"))
            return R_JDK;
        if (ieq(p, len, "sun"))
            return R_SUN;
        if (ieq(p, len, "com"))
            return R_COM;
        if (ieq(p, len, "org"))
            return R_ORG;
        if (ieq(p, len, "bsh"))
            return R_BSH;
        return R_NONE;
    case 4:
        if (ieq(p, len, "java"))
            return R_JAVA;
        if (ieq(p, len, "ognl"))
            return R_OGNL;
        return R_NONE;
    case 5:
        return ieq(p, len, "javax") ? R_JAVAX : R_NONE;
    case 6:
        return ieq(p, len, "groovy") ? R_GROOVY : R_NONE;
    case 7:
        return ieq(p, len, "runtime") ? R_SPAWN : R_NONE;
    case 8:
        return ieq(p, len, "weblogic") ? R_WEBLOGIC : R_NONE;
    case 14:
        return ieq(p, len, "processbuilder") ? R_SPAWN : R_NONE;
    default:
        return R_NONE;
    }
}

/* Parses identifier segments joined by '.', or by ['x'] / ["x"] / [x]
 * subscripts as Spring and OGNL property paths allow, starting at i. */
static void parse_dotted(const char *s, size_t n, size_t i, dotted *d)
{
    size_t p = i;
    d->nseg = 0;
    for (;;) {
        size_t a = p;
        while (p < n && is_id((unsigned char)s[p]))
            p++;
        if (p == a)
            break;
        if (d->nseg < MAXSEG) {
            d->off[d->nseg] = a;
            d->len[d->nseg++] = p - a;
        }
        while (p < n && s[p] == '[') {
            size_t q = p + 1;
            char quote = 0;
            if (q < n && (s[q] == '\'' || s[q] == '"'))
                quote = s[q++];
            size_t b = q;
            while (q < n && is_id((unsigned char)s[q]))
                q++;
            if (q == b)
                break;
            size_t bl = q - b;
            if (quote) {
                if (q >= n || s[q] != quote)
                    break;
                q++;
            }
            if (q >= n || s[q] != ']')
                break;
            if (d->nseg < MAXSEG) {
                d->off[d->nseg] = b;
                d->len[d->nseg++] = bl;
            }
            p = q + 1;
        }
        if (p + 1 < n && s[p] == '.' && is_id((unsigned char)s[p + 1])) {
            p++;
            continue;
        }
        break;
    }
    d->end = p;
}

#define SEG(k) (s + d->off[k])
#define SLEN(k) (d->len[k])

/* "(Thread.java:748)", "(Native Method)", "(Unknown Source)" right after
 * a name: a stack frame, which logs and bug reports carry. */
static int stack_frame_at(const char *s, size_t n, size_t i)
{
    if (i >= n || s[i] != '(')
        return 0;
    i++;
    if (iprefix(s + i, n - i, "native method)") || iprefix(s + i, n - i, "unknown source)"))
        return 1;
    size_t a = i;
    while (i < n && is_id((unsigned char)s[i]))
        i++;
    if (i == a || i >= n || s[i] != '.')
        return 0;
    i++;
    a = i;
    while (i < n && is_alpha((unsigned char)s[i]))
        i++;
    if (i == a || i >= n || s[i] != ':')
        return 0;
    i++;
    a = i;
    while (i < n && (unsigned)(s[i] - '0') < 10u)
        i++;
    return i > a && i < n && s[i] == ')';
}

/* Index of the first segment from `from` on that starts with a capital
 * (a class name by Java convention), or -1. */
static int first_class(const char *s, const dotted *d, int from)
{
    for (int k = from; k < d->nseg; k++)
        if (is_upper((unsigned char)SEG(k)[0]))
            return k;
    return -1;
}

/* A class reference at `lvl` unless the class is an exception or error
 * (messages and logs name those) or the name starts a stack frame. */
static int class_level(const char *s, const dotted *d, int k, int lvl, int frame)
{
    if (frame)
        return 3;
    if (k >= 0 && (iends(SEG(k), SLEN(k), "exception") || iends(SEG(k), SLEN(k), "error")))
        return 3;
    return lvl;
}

typedef struct state {
    hit    h;
    int    expr;       /* an ${ #{ %{ expression opened earlier */
    int    java_named; /* a java./javax. name of 3+ segments was seen */
} state;

static int is_gadget(const char *p, size_t len)
{
    if (len < 7)
        return 0;
    if (IN(p, len, gadgets))
        return 1;
    /* Inner classes: PrototypeFactory$PrototypeCloneFactory. */
    for (size_t i = len; i-- > 0;)
        if (p[i] == '$')
            return i + 1 < len && IN(p + i + 1, len - i - 1, gadgets);
    return 0;
}

static void judge_dotted(const char *s, size_t n, const dotted *d, int token_start, state *st)
{
    size_t off = d->off[0], span = d->end - off;
    int frame = stack_frame_at(s, n, d->end);
    if (d->nseg < 2)
        return;

    /* Spring / Struts property paths into the class loader. */
    for (int k = 0; k + 1 < d->nseg; k++) {
        if (!ieq(SEG(k), SLEN(k), "class"))
            continue;
        if (ieq(SEG(k + 1), SLEN(k + 1), "classloader") ||
            ieq(SEG(k + 1), SLEN(k + 1), "protectiondomain") ||
            (k + 2 < d->nseg && ieq(SEG(k + 1), SLEN(k + 1), "module") &&
             ieq(SEG(k + 2), SLEN(k + 2), "classloader"))) {
            note(&st->h, 1, "data binding into class.classLoader (Spring4Shell)", off, span);
            return;
        }
    }

    enum root r = R_NONE;
    if (token_start) {
        const char *p = SEG(0);
        size_t l = SLEN(0);
        r = root_of(p, l);
        /* Fastjson strips "L...;" from type names: Lcom.sun.rowset... */
        for (int k = 0; r == R_NONE && k < 2 && l > 1 && p[0] == 'L'; k++)
            r = root_of(++p, --l);
    }

    /* The JVM is case-sensitive, so a working gadget reference has its
     * capital; lower-case ones count only after runtime/processbuilder. */
    for (int k = 1; k < d->nseg; k++)
        if ((r == R_SPAWN || is_upper((unsigned char)SEG(k)[0])) && is_gadget(SEG(k), SLEN(k))) {
            /* processbuilder is a gadget only after a package or spawn root */
            if (r == R_NONE && ieq(SEG(k), SLEN(k), "processbuilder"))
                continue;
            note(&st->h, r == R_SPAWN ? 1 : 2, "Java deserialization gadget class", off, span);
            break;
        }
    if (r == R_NONE || r == R_SPAWN)
        return;

    const char *s1 = SEG(1);
    size_t l1 = SLEN(1);
    int c, lvl;
    switch (r) {
    case R_JAVA:
    case R_JAVAX:
        if (d->nseg >= 3)
            st->java_named = 1;
        /* java.ProcessBuilder, java.evil.runtime: a spawn class under java. */
        for (int k = 1; k < d->nseg; k++)
            if ((ieq(SEG(k), SLEN(k), "runtime") || ieq(SEG(k), SLEN(k), "processbuilder")) &&
                (k == d->nseg - 1 || is_upper((unsigned char)SEG(k)[0]))) {
                note(&st->h, class_level(s, d, -1, 1, frame), "Java process-spawning class",
                     off, span);
                return;
            }
        if (r == R_JAVAX) {
            if (ieq(s1, l1, "script") || ieq(s1, l1, "el"))
                note(&st->h, class_level(s, d, -1, d->nseg >= 3 ? 1 : 2, frame),
                     "Java script engine or EL class", off, span);
            else if ((ieq(s1, l1, "naming") || ieq(s1, l1, "management")) &&
                     (c = first_class(s, d, 2)) >= 0)
                note(&st->h, class_level(s, d, c, 2, frame), "JNDI or JMX class", off, span);
            return;
        }
        if (ieq(s1, l1, "lang")) {
            if (d->nseg < 3)
                return;
            if (IN(SEG(2), SLEN(2), lang_danger)) {
                note(&st->h, class_level(s, d, -1, 1, frame), "dangerous JDK class", off, span);
                return;
            }
            if (is_upper((unsigned char)SEG(2)[0]))
                note(&st->h, class_level(s, d, 2, 2, frame), "JDK class reference", off, span);
            return;
        }
        if (ieq(s1, l1, "io") || ieq(s1, l1, "nio") || ieq(s1, l1, "net") ||
            ieq(s1, l1, "beans") || ieq(s1, l1, "rmi")) {
            c = first_class(s, d, 2);
            if (c >= 0) {
                if (IN(SEG(c), SLEN(c), class_danger))
                    lvl = 1;
                else
                    lvl = 2;
                note(&st->h, class_level(s, d, c, lvl, frame), "JDK class reference", off, span);
            } else if (d->nseg >= 3 && IN(SEG(2), SLEN(2), java_subpkg)) {
                note(&st->h, class_level(s, d, -1, 2, frame), "JDK class reference", off, span);
            }
            return;
        }
        if (ieq(s1, l1, "util") || ieq(s1, l1, "sql") || ieq(s1, l1, "security")) {
            if ((c = first_class(s, d, 2)) >= 0)
                note(&st->h, 3, "JDK class reference", off, span);
        }
        return;
    case R_JDK:
        if (d->nseg >= 3 &&
            (ieq(s1, l1, "jshell") || ieq(s1, l1, "nashorn") || ieq(s1, l1, "internal")))
            note(&st->h, class_level(s, d, -1, 2, frame), "JDK internal class", off, span);
        return;
    case R_SUN:
        if (d->nseg >= 3 && IN(s1, l1, sun_pkg))
            note(&st->h, class_level(s, d, first_class(s, d, 2), 2, frame),
                 "JDK internal class", off, span);
        return;
    case R_COM:
        if (d->nseg < 3)
            return;
        if ((ieq(s1, l1, "sun") && IN(SEG(2), SLEN(2), comsun_pkg)) ||
            ieq(s1, l1, "opensymphony") || ieq(s1, l1, "bea"))
            note(&st->h, class_level(s, d, first_class(s, d, 2), 2, frame),
                 "JDK internal or Struts/WebLogic class", off, span);
        return;
    case R_ORG:
        if (d->nseg < 3)
            return;
        if ((ieq(s1, l1, "apache") && IN(SEG(2), SLEN(2), apache_pkg)) || ieq(s1, l1, "omg") ||
            (ieq(s1, l1, "codehaus") && ieq(SEG(2), SLEN(2), "groovy") && d->nseg >= 4) ||
            (ieq(s1, l1, "mozilla") && ieq(SEG(2), SLEN(2), "javascript")) ||
            (ieq(s1, l1, "python") && ieq(SEG(2), SLEN(2), "core"))) {
            c = first_class(s, d, 2);
            lvl = 2;
            /* Maven coordinates "org.apache.commons:commons-text" name a
             * library, not a class. */
            if (c < 0 && d->end + 1 < n && s[d->end] == ':' && is_alpha((unsigned char)s[d->end + 1]))
                lvl = 3;
            note(&st->h, class_level(s, d, c, lvl, frame), "Java library class used by exploits",
                 off, span);
        }
        return;
    case R_OGNL:
    case R_BSH:
        if (is_upper((unsigned char)s1[0]))
            note(&st->h, class_level(s, d, 1, 2, frame), "OGNL or BeanShell class", off, span);
        return;
    case R_GROOVY:
        if (d->nseg >= 3 &&
            (ieq(s1, l1, "lang") || ieq(s1, l1, "util") || ieq(s1, l1, "transform")))
            note(&st->h, class_level(s, d, first_class(s, d, 2), 2, frame), "Groovy class",
                 off, span);
        return;
    case R_WEBLOGIC:
        if (d->nseg >= 3)
            note(&st->h, class_level(s, d, first_class(s, d, 1), 2, frame), "WebLogic class",
                 off, span);
        return;
    default:
        return;
    }
}

/* ---------------------------------------------------------------- anchors */

/* Start of the identifier that ends at p (exclusive); p when there is
 * none or it is longer than WORD_MAX. */
static size_t word_start(const char *s, size_t p)
{
    size_t j = p;
    while (j > 0 && p - j < WORD_MAX && is_id((unsigned char)s[j - 1]))
        j--;
    if (j > 0 && p - j >= WORD_MAX && is_id((unsigned char)s[j - 1]))
        return p;
    return j;
}

/* Whether the identifier at ws starts a token (not "x.java" nor "xjava"). */
static int token_start(const char *s, size_t ws)
{
    if (ws == 0)
        return 1;
    unsigned char c = (unsigned char)s[ws - 1];
    return !is_id(c) && c != '.';
}

static size_t skip_sp(const char *s, size_t n, size_t i)
{
    while (i < n && is_space((unsigned char)s[i]))
        i++;
    return i;
}

/* Previous non-space byte before i, or 0. */
static unsigned char prev_nonspace(const char *s, size_t i)
{
    while (i > 0 && is_space((unsigned char)s[i - 1]))
        i--;
    return i > 0 ? (unsigned char)s[i - 1] : 0;
}

/* '(' at i: calls that load classes, spawn processes or run scripts, and
 * SpEL's T(type). */
static void at_paren(const char *s, size_t n, size_t i, state *st)
{
    size_t e = i;
    while (e > 0 && i - e < 4 && is_space((unsigned char)s[e - 1]))
        e--;
    size_t ws = word_start(s, e);
    size_t wl = e - ws;
    if (wl < 6 && wl != 1)
        return;
    const char *w = s + ws;
    int dot = ws > 0 && s[ws - 1] == '.';
    int lvl = LV_NONE;
    const char *why = NULL;
    size_t off = ws, end = i + 1;

    if (wl == 1) {
        if ((w[0] != 'T' && w[0] != 't') || !token_start(s, ws))
            return;
        size_t k = skip_sp(s, n, i + 1);
        if (k >= n || !is_id((unsigned char)s[k]))
            return;
        dotted d;
        parse_dotted(s, n, k, &d);
        size_t after = skip_sp(s, n, d.end);
        if (after >= n || s[after] != ')')
            return;
        if (d.nseg >= 2)
            lvl = root_of(s + d.off[0], d.len[0]) != R_NONE ? 1 : 2;
        else if (after + 2 < n && s[after + 1] == '.' && is_alpha((unsigned char)s[after + 2]) &&
                 is_upper((unsigned char)s[k]))
            lvl = 2; /* T(Runtime).getRuntime() */
        why = "SpEL type reference T(...)";
        end = after + 1;
    } else if (dot && IN(w, wl, call_strong)) {
        lvl = 1;
        why = "process-spawning or script-engine Java call";
    } else if (ieq(w, wl, "getruntime")) {
        lvl = 2;
        why = "process-spawning or script-engine Java call";
    } else if (dot && IN(w, wl, call_reflect)) {
        lvl = 2;
        why = "reflective or class-loading Java call";
    } else if (dot && ieq(w, wl, "getclass")) {
        /* ''.getClass() or getClass() inside an expression language
         * expression is a sandbox escape; obj.getClass() alone is code. */
        unsigned char q = ws >= 2 ? (unsigned char)s[ws - 2] : 0;
        int lit = (q == '\'' || q == '"') && ws >= 3 && s[ws - 3] == (char)q;
        lvl = st->expr || lit ? 2 : 3;
        why = "getClass() in an expression";
    } else if (dot && (ieq(w, wl, "getmethod") || ieq(w, wl, "invoke"))) {
        lvl = 3;
        why = "reflective or class-loading Java call";
    } else if (IN(w, wl, new_danger)) {
        size_t b = ws;
        while (b > 0 && is_space((unsigned char)s[b - 1]))
            b--;
        why = "instantiation of a process, script or class-loading class";
        if (b < ws && b >= 3 && ieq(s + b - 3, 3, "new") && token_start(s, b - 3)) {
            lvl = 1;
            off = b - 3;
        } else {
            lvl = dot ? 2 : 3;
        }
    }
    /* "at java.lang.Class.forName(Class.java:264)" is a stack frame */
    if (lvl < st->h.level && !stack_frame_at(s, n, i))
        note(&st->h, lvl, why, off, end - off);
}

/* '#' at i: OGNL variables and context maps. */
static void at_hash(const char *s, size_t n, size_t i, state *st)
{
    size_t a = i + 1, b = a;
    while (b < n && is_id((unsigned char)s[b]))
        b++;
    if (b == a || (unsigned)(s[a] - '0') < 10u)
        return;
    size_t wl = b - a;
    if (ieq(s + a, wl, "_memberaccess")) {
        note(&st->h, 1, "OGNL _memberAccess override", i, b - i);
        return;
    }
    size_t k = skip_sp(s, n, b);
    unsigned char nc = k < n ? (unsigned char)s[k] : 0;
    unsigned char nn = k + 1 < n ? (unsigned char)s[k + 1] : 0;
    if (IN(s + a, wl, ognl_maps) && (nc == '[' || (nc == '.' && is_alpha(nn)))) {
        note(&st->h, 2, "OGNL context access", i, b - i);
        return;
    }
    /* (#cmd='id'), (#p.start()), {#x[0]}; CSS ("a, #nav.open:hover",
     * "#nav[hidden]") has no assignment nor call after a hash. */
    unsigned char pc = prev_nonspace(s, i);
    if (pc != '(' && pc != '{' && pc != ',')
        return;
    int ognl = nc == '=' && nn != '=';
    if (nc == '[' && pc != ',')
        ognl = 1;
    if (nc == '.' && is_alpha(nn)) {
        size_t m = k + 1;
        while (m < n && is_id((unsigned char)s[m]))
            m++;
        ognl = m < n && s[m] == '(';
    }
    if (ognl)
        note(&st->h, 2, "OGNL variable in an expression", i, b - i);
}

/* '@' at i: OGNL static access @pkg.Class@member. */
static void at_at(const char *s, size_t n, size_t i, state *st)
{
    /* needs a second '@'; an e-mail address has one only */
    if (i + 1 >= n || !is_alpha((unsigned char)s[i + 1]) || !memchr(s + i + 1, '@', n - i - 1))
        return;
    dotted d;
    parse_dotted(s, n, i + 1, &d);
    if (d.nseg < 2 || d.end + 1 >= n || s[d.end] != '@' ||
        !(is_alpha((unsigned char)s[d.end + 1]) || s[d.end + 1] == '_'))
        return;
    const char *last = s + d.off[d.nseg - 1];
    if (!is_upper((unsigned char)last[0]))
        return;
    note(&st->h, i == 0 || !is_id((unsigned char)s[i - 1]) ? 1 : 2,
         "OGNL static member access @Class@member", i, d.end + 2 - i);
}

/* '{' at i: the start of an OGNL or EL expression. */
static void at_brace(const char *s, size_t n, size_t i, state *st)
{
    if (i == 0)
        return;
    char pc = s[i - 1];
    if (pc != '$' && pc != '%' && pc != '#')
        return;
    st->expr = 1;
    size_t k = i + 1;
    while (k < n && k - i < 8 && (is_space((unsigned char)s[k]) || s[k] == '('))
        k++;
    if (k + 1 >= n)
        return;
    unsigned char c = (unsigned char)s[k], c1 = (unsigned char)s[k + 1];
    /* (@Class@member is at_at's) */
    if (c == '#' && (is_alpha(c1) || c1 == '_')) {
        note(&st->h, pc == '%' ? 1 : 2, "OGNL expression", i - 1, k + 2 - (i - 1));
        return;
    }
    size_t b = k;
    while (b < n && is_id((unsigned char)s[b]))
        b++;
    if (b > k && b < n && (s[b] == '.' || s[b] == '[' || s[b] == '}') &&
        IN(s + k, b - k, el_objects))
        note(&st->h, 2, "EL implicit object in an expression", i - 1, b + 1 - (i - 1));
}

/* Serialization signatures, anchored on one byte each. */
static void at_magic(const char *s, size_t n, size_t i, state *st)
{
    unsigned char c = (unsigned char)s[i];
    switch (c) {
    case 0xAC:
        if (i + 3 < n && (unsigned char)s[i + 1] == 0xED && s[i + 2] == 0 && s[i + 3] == 5)
            note(&st->h, 1, "serialized Java object", i, 4);
        return;
    case 'O':
        /* base64 of AC ED 00 05 from a 3-byte boundary: "rO0AB" */
        if (i >= 1 && i + 3 < n && s[i - 1] == 'r' && s[i + 1] == '0' && s[i + 2] == 'A' &&
            s[i + 3] == 'B') {
            int at_start = i == 1 || !is_b64((unsigned char)s[i - 2]);
            note(&st->h, at_start ? 1 : 2, "base64 serialized Java object", i - 1, 5);
        }
        return;
    case 'Q':
        /* base64 of ?? AC | ED 00 05: "s7QAF" */
        if (i >= 2 && i + 2 < n && s[i - 2] == 's' && s[i - 1] == '7' && s[i + 1] == 'A' &&
            s[i + 2] == 'F')
            note(&st->h, 2, "base64 serialized Java object", i - 2, 5);
        return;
    case 'z':
        /* base64 of ? AC ED | 00 05: "[Kaq6]ztAA[U-X]" */
        if (i >= 1 && i + 4 < n && s[i + 1] == 't' && s[i + 2] == 'A' && s[i + 3] == 'A' &&
            (s[i - 1] == 'K' || s[i - 1] == 'a' || s[i - 1] == 'q' || s[i - 1] == '6') &&
            (unsigned)(s[i + 4] - 'U') < 4u)
            note(&st->h, 2, "base64 serialized Java object", i - 1, 6);
        return;
    default:
        /* '5' ending hex "aced0005" */
        if (i >= 7 && s[i - 1] == '0' && s[i - 2] == '0' && s[i - 3] == '0' &&
            ieq(s + i - 7, 4, "aced")) {
            int at_start = i == 7 || !is_hex((unsigned char)s[i - 8]);
            note(&st->h, at_start ? 1 : 2, "hex serialized Java object", i - 7, 8);
        }
        return;
    }
}

/* "shell.jsp.", "a.jspx/", "shell.jsp  ": servers drop the trailing bytes
 * and serve the file as a JSP. */
static void jsp_trailing(const char *s, size_t n, state *st)
{
    size_t e = n;
    while (e > 0 && (s[e - 1] == '.' || s[e - 1] == '/' || is_space((unsigned char)s[e - 1])))
        e--;
    if (e == n || e < 5)
        return;
    size_t k = iends(s, e, ".jsp") ? 4 : iends(s, e, ".jspx") ? 5 : 0;
    if (k && e > k && is_id((unsigned char)s[e - k - 1]))
        note(&st->h, 2, "JSP file name with trailing dots or spaces", e - k, n - (e - k));
}

/* Base64 digit value plus one, standard or URL-safe alphabet; 0 for
 * other bytes. */
static const uint8_t b64_tab[256] = {
    ['A'] = 1, ['B'] = 2, ['C'] = 3, ['D'] = 4, ['E'] = 5, ['F'] = 6, ['G'] = 7, ['H'] = 8,
    ['I'] = 9, ['J'] = 10, ['K'] = 11, ['L'] = 12, ['M'] = 13, ['N'] = 14, ['O'] = 15,
    ['P'] = 16, ['Q'] = 17, ['R'] = 18, ['S'] = 19, ['T'] = 20, ['U'] = 21, ['V'] = 22,
    ['W'] = 23, ['X'] = 24, ['Y'] = 25, ['Z'] = 26, ['a'] = 27, ['b'] = 28, ['c'] = 29,
    ['d'] = 30, ['e'] = 31, ['f'] = 32, ['g'] = 33, ['h'] = 34, ['i'] = 35, ['j'] = 36,
    ['k'] = 37, ['l'] = 38, ['m'] = 39, ['n'] = 40, ['o'] = 41, ['p'] = 42, ['q'] = 43,
    ['r'] = 44, ['s'] = 45, ['t'] = 46, ['u'] = 47, ['v'] = 48, ['w'] = 49, ['x'] = 50,
    ['y'] = 51, ['z'] = 52, ['0'] = 53, ['1'] = 54, ['2'] = 55, ['3'] = 56, ['4'] = 57,
    ['5'] = 58, ['6'] = 59, ['7'] = 60, ['8'] = 61, ['9'] = 62, ['+'] = 63, ['-'] = 63,
    ['/'] = 64, ['_'] = 64,
};

static int b64_val(unsigned char c) { return (int)b64_tab[c] - 1; }

#define B64_CHUNK 320
#define B64_KEEP  31 /* longer than the longest word minus one */

/* The words looked for in decoded base64: "runtime" and the gadgets.
 * first2[c] has bit d set when some word starts with letters c, d. */
typedef struct b64_words {
    uint32_t first2[26];
} b64_words;

static const word b64_runtime = W("runtime");

static void b64_words_init(b64_words *w)
{
    memset(w->first2, 0, sizeof w->first2);
    w->first2['r' - 'a'] |= 1u << ('u' - 'a');
    for (size_t i = 0; i < VIGIL__COUNTOF(gadgets); i++)
        w->first2[gadgets[i].s[0] - 'a'] |= 1u << (gadgets[i].s[1] - 'a');
}

static int word_at(const unsigned char *b, size_t len, const word *w)
{
    if (len < w->n || b[2] != (unsigned char)w->s[2])
        return 0;
    return !memcmp(b, w->s, w->n);
}

/* Lower-cased decoded bytes: a word starting at one of the first `limit`
 * positions? */
static int b64_words_in(const b64_words *w, const unsigned char *b, size_t len, size_t limit)
{
    for (size_t p = 0; p < limit && p + 7 <= len; p++) {
        unsigned c = (unsigned)b[p] - 'a', d = (unsigned)b[p + 1] - 'a';
        if (c >= 26u || d >= 26u || !((w->first2[c] >> d) & 1u))
            continue;
        if (word_at(b + p, len - p, &b64_runtime))
            return 1;
        for (size_t g = 0; g < VIGIL__COUNTOF(gadgets); g++)
            if (word_at(b + p, len - p, &gadgets[g]))
                return 1;
    }
    return 0;
}

/* Decodes one base64 run as if `pad` digits preceded it, so that a word at
 * any byte offset of the original stream comes out byte-aligned once. */
static int b64_run_hides(const b64_words *w, const char *s, size_t len, int pad)
{
    unsigned char buf[B64_CHUNK];
    size_t bl = 0;
    unsigned acc = 0;
    int bits = 6 * pad;
    while (bits >= 8) /* whole zero bytes of the padding carry nothing */
        bits -= 8;
    for (size_t i = 0; i < len; i++) {
        acc = ((acc << 6) | (unsigned)b64_val((unsigned char)s[i])) & 0xFFFFu;
        bits += 6;
        if (bits < 8)
            continue;
        bits -= 8;
        buf[bl++] = vigil__lower((unsigned char)((acc >> bits) & 0xFFu));
        if (bl == B64_CHUNK) {
            if (b64_words_in(w, buf, bl, bl - B64_KEEP))
                return 1;
            memmove(buf, buf + bl - B64_KEEP, B64_KEEP);
            bl = B64_KEEP;
        }
    }
    return b64_words_in(w, buf, bl, bl);
}

/* Sensitivity 3: runtime, processbuilder or a gadget name base64-encoded
 * at any alignment (fragments of serialized objects and smuggled class
 * names). Runs need ten digits and both letter cases, which prose words
 * lack. */
static void b64_hidden(const char *s, size_t n, state *st)
{
    b64_words w;
    int ready = 0;
    size_t i = 0;
    while (i < n) {
        if (b64_val((unsigned char)s[i]) < 0) {
            i++;
            continue;
        }
        size_t a = i;
        int up = 0, lo = 0;
        for (; i < n && b64_val((unsigned char)s[i]) >= 0; i++) {
            up |= is_upper((unsigned char)s[i]);
            lo |= (unsigned)(s[i] - 'a') < 26u;
        }
        if (i - a < 10 || !up || !lo)
            continue;
        if (!ready) {
            b64_words_init(&w);
            ready = 1;
        }
        for (int pad = 0; pad < 4; pad++)
            if (b64_run_hides(&w, s + a, i - a, pad)) {
                note(&st->h, 3, "base64-encoded Java class name", a, i - a);
                return;
            }
    }
}

/* A java. name with a process-spawning class named elsewhere in the same
 * value (XML bodies split them across attributes). */
static void spawn_word(const char *s, size_t n, state *st)
{
    for (size_t i = 0; i + 7 <= n; i++) {
        unsigned char c = vigil__lower((unsigned char)s[i]);
        if (c != 'r' && c != 'p')
            continue;
        /* a word of its own: not getRuntime, not java.runtime.version */
        if (i > 0 && (is_alpha((unsigned char)s[i - 1]) || s[i - 1] == '.'))
            continue;
        if (ieq(s + i, 7, "runtime") || (i + 14 <= n && ieq(s + i, 14, "processbuilder"))) {
            note(&st->h, 2, "Java name with a process-spawning class", i, c == 'r' ? 7 : 14);
            return;
        }
    }
}

enum { A_DOT = 1, A_PAREN, A_BRACE, A_HASH, A_AT, A_BRACKET, A_MAGIC };

/* Anchor bytes. The serialization signatures are anchored on their rarest
 * byte: 0xAC raw, 'O' in rO0AB, 'Q' in s7QAF, 'z' in ztAA, '5' in aced0005. */
static const uint8_t anchor[256] = {
    ['.'] = A_DOT,   ['('] = A_PAREN,   ['{'] = A_BRACE,  ['#'] = A_HASH,
    ['@'] = A_AT,    ['['] = A_BRACKET, [0xAC] = A_MAGIC, ['O'] = A_MAGIC,
    ['Q'] = A_MAGIC, ['z'] = A_MAGIC,   ['5'] = A_MAGIC,
};

/* Handles the anchor byte at i. */
static void at_anchor_full(const char *s, size_t n, size_t i, size_t *skip_until, state *st)
{
    switch (anchor[(unsigned char)s[i]]) {
    case A_DOT:
    case A_BRACKET: {
        /* a name continues after the dot ("java.lang"); sentence ends,
         * "..." and "x[]" do not */
        if (i < *skip_until || i == 0 || i + 1 >= n || !is_id((unsigned char)s[i - 1]) ||
            !(is_id((unsigned char)s[i + 1]) || s[i + 1] == '\'' || s[i + 1] == '"'))
            return;
        size_t ws = word_start(s, i);
        /* numbers (5.0, 10.2.1) are not Java names */
        if (ws == i || (unsigned)(s[ws] - '0') < 10u)
            return;
        /* Host names, e-mail addresses and file names are the usual dotted
         * tokens: unless the first word is a package root or "class" (or
         * "Lcom" and the like), a token matters only if some later segment
         * starts with a capital (a class) or is "class...". */
        if (root_of(s + ws, i - ws) == R_NONE && !ieq(s + ws, i - ws, "class") && s[ws] != 'L') {
            size_t p = i;
            int maybe = 0;
            for (; p < n; p++) {
                unsigned char c = (unsigned char)s[p];
                if (c == '.' || c == '[' || c == '\'' || c == '"') {
                    unsigned char nx = p + 1 < n ? (unsigned char)s[p + 1] : 0;
                    if (is_upper(nx) || (nx == 'c' && iprefix(s + p + 1, n - p - 1, "class"))) {
                        maybe = 1;
                        break;
                    }
                    if (c == '.' || c == '[')
                        continue;
                }
                if (!is_id(c) && c != ']' && c != '\'' && c != '"')
                    break;
            }
            if (!maybe) {
                *skip_until = p;
                return;
            }
        }
        dotted d;
        parse_dotted(s, n, ws, &d);
        *skip_until = d.end;
        judge_dotted(s, n, &d, token_start(s, ws), st);
        return;
    }
    case A_PAREN:
        at_paren(s, n, i, st);
        return;
    case A_BRACE:
        at_brace(s, n, i, st);
        return;
    case A_HASH:
        at_hash(s, n, i, st);
        return;
    case A_AT:
        at_at(s, n, i, st);
        return;
    default:
        at_magic(s, n, i, st);
        return;
    }
}

/* Could at_anchor_full() do anything with the anchor at i? The first
 * tests of each handler, which turn away almost every anchor in ordinary
 * text ("5.0 (X11", "notes (very", "Mozilla") before the call: a no here
 * means the handler would return at once, with no effect. */
static inline __attribute__((always_inline)) int anchor_live(const char *s, size_t n, size_t i,
                                                             size_t skip_until)
{
    unsigned char c = (unsigned char)s[i];
    switch (anchor[c]) {
    case A_DOT:
    case A_BRACKET:
        return i >= skip_until && i > 0 && i + 1 < n && is_id((unsigned char)s[i - 1]) &&
               (is_id((unsigned char)s[i + 1]) || s[i + 1] == '\'' || s[i + 1] == '"');
    case A_PAREN: {
        /* at_paren() wants a word of one letter T or of six bytes or more
         * before the '(' (up to four blanks between) */
        size_t e = i;
        while (e > 0 && i - e < 4 && is_space((unsigned char)s[e - 1]))
            e--;
        size_t k = 0;
        while (k < 6 && k < e && is_id((unsigned char)s[e - 1 - k]))
            k++;
        return k == 6 || (k == 1 && (s[e - 1] | 0x20) == 't');
    }
    case A_BRACE:
        return i > 0 && (s[i - 1] == '$' || s[i - 1] == '%' || s[i - 1] == '#');
    case A_HASH:
        return i + 1 < n && is_id((unsigned char)s[i + 1]) && (unsigned)(s[i + 1] - '0') >= 10u;
    case A_AT:
        return i + 1 < n && is_alpha((unsigned char)s[i + 1]);
    default: /* at_magic() */
        switch (c) {
        case 0xAC:
            return i + 1 < n && (unsigned char)s[i + 1] == 0xED;
        case 'O':
            return i >= 1 && s[i - 1] == 'r';
        case 'Q':
            return i >= 2 && s[i - 1] == '7';
        case 'z':
            return i + 1 < n && s[i + 1] == 't';
        default:
            return i >= 7 && s[i - 1] == '0';
        }
    }
}

static inline __attribute__((always_inline)) void at_anchor(const char *s, size_t n, size_t i,
                                                            size_t *skip_until, state *st)
{
    if (anchor_live(s, n, i, *skip_until))
        at_anchor_full(s, n, i, skip_until, st);
}

#if VIGIL_JAVA_AVX2
/* Byte classes by nibble for scan_avx2(): a byte's class is
 * lo[byte & 15] & hi[byte >> 4]. Bits 0-4: the anchors other than '.'
 * and '5', one bit per high nibble so that the two tables give exactly
 * ( # | @ O | Q [ | z { | 0xAC; bit 5 '.', bit 6 a digit, bit 7 '5'. */
enum { C_ANY = 0x1F, C_DOT = 0x20, C_DIGIT = 0x40, C_FIVE = 0x80 };
#define L16(a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p) \
    {a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p, a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p}
static const unsigned char jnib[4][32] __attribute__((aligned(32))) = {
    /* low nibble 0-F */
    L16(0x02 | C_DIGIT, 0x04 | C_DIGIT, C_DIGIT, 0x01 | C_DIGIT, C_DIGIT, C_DIGIT | C_FIVE,
        C_DIGIT, C_DIGIT, 0x01 | C_DIGIT, C_DIGIT, 0x08, 0x04 | 0x08, 0x10, 0, C_DOT, 0x02),
    /* high nibble 0-F */
    L16(0, 0, 0x01 | C_DOT, C_DIGIT | C_FIVE, 0x02, 0x04, 0, 0x08, 0, 0, 0x10, 0, 0, 0, 0, 0),
    L16(15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15),
    L16(C_ANY, C_ANY, C_ANY, C_ANY, C_ANY, C_ANY, C_ANY, C_ANY, C_ANY, C_ANY, C_ANY, C_ANY,
        C_ANY, C_ANY, C_ANY, C_ANY),
};
#undef L16

/* The 32 bytes at p as bit masks: other anchors, '.', digits, '5'. */
typedef struct jmasks {
    uint32_t any, dot, digit, five;
} jmasks;

__attribute__((target("avx2"))) static inline jmasks classify32(const char *p,
                                                                 const unsigned char (*t)[32])
{
    const __m256i lo = _mm256_load_si256((const __m256i *)(const void *)t[0]);
    const __m256i hi = _mm256_load_si256((const __m256i *)(const void *)t[1]);
    const __m256i nib = _mm256_load_si256((const __m256i *)(const void *)t[2]);
    const __m256i any = _mm256_load_si256((const __m256i *)(const void *)t[3]);
    __m256i x = _mm256_loadu_si256((const __m256i *)(const void *)p);
    __m256i c = _mm256_and_si256(_mm256_shuffle_epi8(lo, _mm256_and_si256(x, nib)),
                                 _mm256_shuffle_epi8(hi, _mm256_and_si256(_mm256_srli_epi16(x, 4), nib)));
    jmasks m;
    m.any = ~(uint32_t)_mm256_movemask_epi8(
        _mm256_cmpeq_epi8(_mm256_and_si256(c, any), _mm256_setzero_si256()));
    m.five = (uint32_t)_mm256_movemask_epi8(c);
    m.digit = (uint32_t)_mm256_movemask_epi8(_mm256_add_epi8(c, c));
    m.dot = (uint32_t)_mm256_movemask_epi8(_mm256_slli_epi16(c, 2));
    return m;
}

/* The anchor loop of vigil__detect_java for n >= 32, 32 bytes at a time.
 * It hands at_anchor() the same anchors in the same order as the 16-byte
 * loop there: that loop drops a '.' right after a digit inside its whole
 * 16-byte blocks (positions below n & ~15) but not in the bytes after
 * them, so this one does too; and '5' only after a digit ('0' is checked
 * by at_magic()). Returns n (it stops early once a level-1 signal is
 * seen, after which nothing can change the verdict). */
__attribute__((target("avx2"))) static size_t scan_avx2(const char *s, size_t n,
                                                        size_t *skip_until, state *st)
{
    /* the tables through an opaque pointer: the optimiser would otherwise
     * rebuild them with broadcasts */
    const unsigned char(*t)[32] = jnib;
    __asm__("" : "+r"(t));
    size_t full = n & ~(size_t)15, i = 0;
    uint32_t prev_digit = 0;
    for (; i < n && st->h.level > 1; i += 32) {
        jmasks m;
        uint32_t live = 0xFFFFFFFFu; /* lanes not seen yet */
        if (i + 32 <= n) {
            m = classify32(s + i, t);
        } else { /* the last bytes, from an overlapping block */
            unsigned sh = (unsigned)(i + 32 - n);
            m = classify32(s + n - 32, t);
            prev_digit = (m.digit >> (sh - 1)) & 1u;
            m.any >>= sh;
            m.dot >>= sh;
            m.digit >>= sh;
            m.five >>= sh;
            live = 0xFFFFFFFFu >> sh;
        }
        uint32_t after_digit = (m.digit << 1) | prev_digit;
        prev_digit = m.digit >> 31;
        uint32_t in_blocks = full >= i + 32 ? 0xFFFFFFFFu
                             : full > i     ? 0xFFFFFFFFu >> (32 - (full - i))
                                            : 0;
        uint32_t a = (m.any | (m.five & after_digit) | (m.dot & ~(after_digit & in_blocks))) & live;
        while (a && st->h.level > 1) {
            at_anchor(s, n, i + (unsigned)__builtin_ctz(a), skip_until, st);
            a &= a - 1;
        }
    }
    return n;
}
#endif

/* vigil__detect_java() past its short-value filter. */
static __attribute__((noinline)) int detect_java(const char *s, size_t n, int sensitivity,
                                                 vigil__finding *f)
{
    state st;
    st.h.level = LV_NONE;
    st.h.detail = NULL;
    st.h.off = st.h.len = 0;
    st.expr = 0;
    st.java_named = 0;
    size_t skip_until = 0; /* dotted names already judged end here */
    size_t i = 0;
#if VIGIL_JAVA_AVX2
    if (n >= 32 && __builtin_cpu_supports("avx2"))
        i = scan_avx2(s, n, &skip_until, &st);
#endif
#if VIGIL_JAVA_SSE2
    /* Sixteen bytes at a time: most blocks of ordinary text hold no anchor.
     * Dots after a digit (5.0, 10.2.1) and '5' not after '0' are dropped
     * here already: their handlers would return at once. */
    {
        const __m128i a0 = _mm_set1_epi8('.'), a1 = _mm_set1_epi8('('), a2 = _mm_set1_epi8('{');
        const __m128i a3 = _mm_set1_epi8('#'), a4 = _mm_set1_epi8('@'), a5 = _mm_set1_epi8('[');
        const __m128i a6 = _mm_set1_epi8((char)0xAC), a7 = _mm_set1_epi8('O');
        const __m128i a8 = _mm_set1_epi8('Q'), a9 = _mm_set1_epi8('z'), a10 = _mm_set1_epi8('5');
        const __m128i d0 = _mm_set1_epi8('0'), d9 = _mm_set1_epi8('9');
        unsigned prev_digit = 0, prev_zero = 0;
        for (; i + 16 <= n && st.h.level > 1; i += 16) {
            __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
            __m128i t = _mm_or_si128(
                _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, a1), _mm_cmpeq_epi8(x, a2)),
                             _mm_or_si128(_mm_cmpeq_epi8(x, a3), _mm_cmpeq_epi8(x, a4))),
                _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, a5), _mm_cmpeq_epi8(x, a6)),
                             _mm_or_si128(_mm_cmpeq_epi8(x, a7), _mm_cmpeq_epi8(x, a8))));
            t = _mm_or_si128(t, _mm_cmpeq_epi8(x, a9));
            __m128i dig = _mm_and_si128(_mm_cmpeq_epi8(_mm_max_epu8(x, d0), x),
                                        _mm_cmpeq_epi8(_mm_min_epu8(x, d9), x));
            unsigned md = (unsigned)_mm_movemask_epi8(dig);
            unsigned mz = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, d0));
            unsigned m = (unsigned)_mm_movemask_epi8(t);
            m |= (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, a0)) & ~((md << 1) | prev_digit);
            m |= (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, a10)) & ((mz << 1) | prev_zero);
            m &= 0xFFFFu;
            prev_digit = (md >> 15) & 1u;
            prev_zero = (mz >> 15) & 1u;
            while (m && st.h.level > 1) {
                at_anchor(s, n, i + (unsigned)__builtin_ctz(m), &skip_until, &st);
                m &= m - 1;
            }
        }
    }
#endif
    for (; i < n && st.h.level > 1; i++)
        if (anchor[(unsigned char)s[i]])
            at_anchor(s, n, i, &skip_until, &st);
    if (st.h.level > 2)
        jsp_trailing(s, n, &st);
    if (st.h.level > 2 && st.java_named)
        spawn_word(s, n, &st);
    if (st.h.level > 3 && sensitivity >= 3)
        b64_hidden(s, n, &st);
    if (st.h.level > sensitivity)
        return 0;
    f->detail = st.h.detail;
    f->score = st.h.level == 1 ? 90 : st.h.level == 2 ? 80 : 60;
    f->off = st.h.off;
    f->len = st.h.len;
    return 1;
}

int vigil__detect_java(const char *s, size_t n, int sensitivity, vigil__finding *f)
{
    if (!s || n < 5 || !f)
        return 0;
    if (sensitivity < 1)
        sensitivity = 1;
    /* A short value without an anchor byte ("hello", "42", "en-GB") holds
     * nothing: the end-of-name checks need a '.', the class-name check a
     * dotted name, and base64 runs (level 3) ten bytes. */
    if (n < 16 && (sensitivity < 3 || n < 10)) {
        unsigned any = 0;
        for (size_t i = 0; i < n; i++)
            any |= anchor[(unsigned char)s[i]];
        if (!any)
            return 0;
    }
    return detect_java(s, n, sensitivity, f);
}
