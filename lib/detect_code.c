/*
 * detect_code.c - server-side code injection other than PHP and Java
 * (see detect.h): Node.js, Python, Ruby and Perl payloads, plus the
 * generic shapes of CRS rule file 934 that no other detector owns.
 *
 * The languages are case-sensitive, and so is the matching: "process.env"
 * is Node.js, "Process.env" in a sentence is not. After one byte-class
 * pass, three scans do the work:
 *   - member accesses (left.right, left["right"]) looked up in a table of
 *     dangerous pairs: process.mainModule, os.system(, subprocess.Popen,
 *     Kernel.exec, IO.popen, constructor.constructor, ...;
 *   - identifiers with a meaning of their own: child_process, __import__,
 *     new Function(, eval(atob(...)), require('child_process'), qx{},
 *     obj.send(:system), dunder gadget chains, while(true) loops;
 *   - punctuation shapes: Perl @{[ ]}, Ruby #{`cmd`} and %x(), ERB tags
 *     with commands, pickle opcodes, YAML language tags, React Flight
 *     references into prototypes ("$1:constructor:constructor"), data:
 *     URIs, scheme-less internal host names, cloud metadata URLs and
 *     Django ORM lookups used as field names.
 * Every scan is a single forward pass; backward looks are bounded.
 */
#include "detect.h"
#include "textclass.h"

/* ---------------------------------------------------------------- bytes */

/* [A-Za-z0-9_$]: JavaScript identifier bytes */
static const uint8_t ident_tab[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0,
    0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 1,
    0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};

static int is_ident(unsigned char c)
{
    return ident_tab[c];
}

static int is_ident_start(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}




/* Case-insensitive prefix test against a lower-case literal. */
static int at_lit(const unsigned char *s, size_t i, size_t n, const char *lit)
{
    for (size_t k = 0; lit[k]; k++)
        if (i + k >= n || vigil__lower(s[i + k]) != (unsigned char)lit[k])
            return 0;
    return 1;
}

/* Exact (case-sensitive) prefix test. */
static int at_exact(const unsigned char *s, size_t i, size_t n, const char *lit)
{
    size_t l = strlen(lit);
    return i + l <= n && !memcmp(s + i, lit, l);
}

static int eq(const unsigned char *s, size_t a, size_t b, const char *lit)
{
    size_t l = strlen(lit);
    return b - a == l && !memcmp(s + a, lit, l);
}

/* Is s[a..b) one of the '|'-separated words of list? */
static int in_list(const unsigned char *s, size_t a, size_t b, const char *list)
{
    size_t len = b - a;
    if (!len)
        return 0;
    for (const char *w = list;;) {
        const char *bar = strchr(w, '|');
        size_t l = bar ? (size_t)(bar - w) : strlen(w);
        if (l == len && (unsigned char)w[0] == s[a] && !memcmp(s + a, w, l))
            return 1;
        if (!bar)
            return 0;
        w = bar + 1;
    }
}

static int hit(vigil__finding *f, const char *detail, int score, size_t off, size_t len)
{
    f->detail = detail;
    f->score = score;
    f->off = off;
    f->len = len;
    return 1;
}

static size_t skip_space(const unsigned char *s, size_t i, size_t n)
{
    while (i < n && vigil__is_space(s[i]))
        i++;
    return i;
}

static size_t ident_end(const unsigned char *s, size_t i, size_t n)
{
    while (i < n && is_ident(s[i]))
        i++;
    return i;
}

/* -------------------------------------------------------- member access */

#define C_S1   0x01u /* fires at sensitivity 1                 */
#define C_S3   0x02u /* fires only at sensitivity 3            */
#define C_CALL 0x04u /* must be called: right ( ...            */

typedef struct member {
    const char *left;
    size_t      llen;
    const char *right; /* '|'-separated; "" = any name */
    unsigned    flags;
    const char *detail;
} member;

#define M(l, r, fl, d) {l, sizeof(l) - 1, r, fl, d}

/* Sorted by the length of left, then left (binary search); entries with
 * the same left stay in order, strongest first. */
static const member members[] = {
    M("IO", "popen|sysopen|readlines|read|write|binread|foreach", C_S1 | C_CALL,
     "Ruby IO command execution"),
    M("os",
     "system|popen|popen2|popen3|popen4|execl|execle|execlp|execlpe|execv|execve|execvp|execvpe|"
     "spawnl|spawnle|spawnlp|spawnlpe|spawnv|spawnve|spawnvp|spawnvpe|posix_spawn|posix_spawnp|"
     "fork|forkpty|startfile",
     C_S1 | C_CALL, "Python os command execution"),
    M("os", "kill|killpg|setuid|putenv|unlink|remove|removedirs|rmdir|chmod|chown|listdir|walk|"
           "getcwd|getenv|environ|getuid|scandir|symlink|rename|truncate",
     0, "Python os module"),
    M("vm", "runInNewContext|runInThisContext|runInContext|compileFunction|Script|SourceTextModule",
     C_S1, "Node.js vm module"),
    M("Bun", "spawn|spawnSync|$", C_S1 | C_CALL, "Bun subprocess"),
    M("ERB", "new|result", C_S1, "Ruby ERB template"),
    M("pty", "spawn|fork", C_S1 | C_CALL, "Python pty"),
    M("Deno", "run|Command|spawn|spawnSync|spawnChild", C_S1 | C_CALL, "Deno subprocess"),
    M("YAML", "load|unsafe_load|load_documents", C_CALL, "Ruby unsafe YAML load"),
    M("dill", "loads|load", C_CALL, "Python unpickling"),
    M("this", "constructor", 0, "Function constructor gadget"),
    M("yaml", "unsafe_load|full_load|load_all|unsafe_load_all", C_S1 | C_CALL,
     "unsafe YAML load"),
    M("yaml", "load", C_CALL, "unsafe YAML load"),
    M("Open3", "", C_S1, "Ruby Open3"),
    M("Psych", "load|unsafe_load", C_CALL, "Ruby unsafe YAML load"),
    M("posix", "system|popen|execv|execve|spawnv|fork", C_S1 | C_CALL, "Python command execution"),
    M("Kernel", "exec|system|spawn|open|eval|fork|syscall|exit!|abort|`|load|require|binding",
     C_S1, "Ruby Kernel call"),
    M("Object", "const_get|instance_eval|class_eval|send", C_CALL, "Ruby reflection"),
    M("String", "fromCharCode|fromCodePoint|raw", 0, "JavaScript string obfuscation"),
    M("global", "process|require|module|Buffer|eval", C_S1, "Node.js global object"),
    M("module", "constructor|_load|require|_compile", C_S1, "Node.js module loader"),
    M("pickle", "loads|load|Unpickler", C_CALL, "Python unpickling"),
    M("Marshal", "load|restore", C_S1, "Ruby unmarshalling"),
    M("Process", "spawn|exec|fork|kill|setsid|daemon", C_S1 | C_CALL, "Ruby Process call"),
    M("Reflect", "construct", C_CALL, "JavaScript reflection"),
    M("_pickle", "loads|load|Unpickler", C_CALL, "Python unpickling"),
    M("cPickle", "loads|load|Unpickler", C_CALL, "Python unpickling"),
    M("console",
     "log|info|warn|error|debug|trace|dir|dirxml|table|assert|time|timeEnd|timeLog|count|"
     "group|groupEnd|profile",
     C_CALL, "JavaScript console call"),
    M("marshal", "loads|load", C_CALL, "Python unmarshalling"),
    M("process", "mainModule|binding|_linkedBinding|dlopen", C_S1, "Node.js process internals"),
    M("process",
     "env|kill|exit|abort|chdir|cwd|setuid|setgid|seteuid|setegid|setgroups|initgroups|umask|"
     "argv|execPath|execArgv|reallyExit|openStdin|stdout|stderr|stdin|getuid|geteuid|getgid|"
     "pid|ppid|report|constructor|emitWarning|memoryUsage|config|versions",
     0, "Node.js process object"),
    M("require", "main", C_S1, "Node.js module loader"),
    M("require", "cache|extensions", 0, "Node.js module loader"),
    M("builtins", "eval|exec|__import__|open|compile|getattr|globals|__dict__", C_S1,
     "Python builtins access"),
    M("commands", "getoutput|getstatusoutput", C_S1 | C_CALL, "Python command execution"),
    M("platform", "popen", C_S1 | C_CALL, "Python command execution"),
    M("importlib", "import_module|__import__|reload", C_S1 | C_CALL, "Python dynamic import"),
    M("globalThis", "process|require|module|eval|Function", C_S1, "Node.js global object"),
    M("jsonpickle", "decode|loads", C_CALL, "Python unpickling"),
    M("subprocess",
     "Popen|call|run|check_output|check_call|getoutput|getstatusoutput|PIPE|STDOUT", C_S1,
     "Python subprocess"),
    M("constructor", "constructor", C_S1, "Function constructor gadget"),
    M("constructor", "prototype", 0, "prototype access in a value"),
    M("child_process", "exec|execSync|execFile|execFileSync|spawn|spawnSync|fork", C_S1 | C_CALL,
     "Node.js child_process"),
};
#undef M

/* Reads a quoted name inside [ ]: ["name"], ['name'], [`name`]. On
 * success sets [*a, *b) to the name and returns the index after ']'. */
static size_t bracket_name(const unsigned char *s, size_t i, size_t n, size_t *a, size_t *b)
{
    size_t k = skip_space(s, i + 1, n);
    if (k >= n)
        return 0;
    if (s[k] != '"' && s[k] != '\'' && s[k] != '`') {
        /* a[constructor][prototype]: query-string style, bare name */
        *a = k;
        *b = ident_end(s, k, n);
        k = skip_space(s, *b, n);
        return *b > *a && k < n && s[k] == ']' ? k + 1 : 0;
    }
    unsigned char q = s[k];
    *a = k + 1;
    *b = ident_end(s, *a, n);
    if (*b == *a || *b >= n || s[*b] != q)
        return 0;
    k = skip_space(s, *b + 1, n);
    return k < n && s[k] == ']' ? k + 1 : 0;
}


/* After a member name: an optional .call/.apply/.bind, blanks, '('. */
static int called(const unsigned char *s, size_t k, size_t n)
{
    k = skip_space(s, k, n);
    if (k < n && s[k] == '.') {
        size_t b = ident_end(s, k + 1, n);
        if (eq(s, k + 1, b, "call") || eq(s, k + 1, b, "apply") || eq(s, k + 1, b, "bind"))
            k = skip_space(s, b, n);
    }
    return k < n && s[k] == '(';
}

static int allowed(unsigned flags, int sens)
{
    if (flags & C_S1)
        return 1;
    if (flags & C_S3)
        return sens >= 3;
    return sens >= 2;
}

/* One member access at i ('.' or '['). The left name is read back at
 * most 24 bytes; the right name forward. */
static int member_at(const unsigned char *s, size_t n, size_t i, int sens, vigil__finding *f)
{
    unsigned char c = s[i];
    /* cheap rejections first: "5.0", "a. b" need no back scan */
    if (c == '.' && !(is_ident_start(s[i + 1]) || s[i + 1] == '`' || s[i + 1] == ' '))
        return 0;
    size_t le = i;
    if (c == '.')
        while (le > 0 && s[le - 1] == ' ' && i - le < 2)
            le--;
    size_t la = le;
    while (la > 0 && is_ident(s[la - 1]) && le - la < 24)
        la--;
    /* "arm-builtins.cc", "lib/os.py": file names, not code */
    if (le - la < 2 || !is_ident_start(s[la]) ||
        (la > 0 && (is_ident(s[la - 1]) || s[la - 1] == '-' || s[la - 1] == '/')))
        return 0;
    if (c == '[' && eq(s, la, le, "qx") && sens >= 2)
        return hit(f, "Perl command quote", 85, la, 3);
    size_t lo = 0, hi = VIGIL__COUNTOF(members), ll = le - la;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c2 = members[mid].llen < ll ? -1 : members[mid].llen > ll ? 1 : 0;
        for (size_t k = 0; c2 == 0 && k < ll; k++)
            c2 = (unsigned char)members[mid].left[k] - s[la + k];
        if (c2 < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    int known = lo < VIGIL__COUNTOF(members) && members[lo].llen == ll &&
                !memcmp(members[lo].left, s + la, ll);
    /* x.constructor("code"): the Function constructor reached from any
     * value ("".sub.constructor, [].filter.constructor) */
    if (!known && !(c == '.' && at_exact(s, skip_space(s, i + 1, n), n, "constructor")))
        return 0;
    size_t ra, rb, after;
    if (c == '.') {
        ra = skip_space(s, i + 1, n);
        rb = ident_end(s, ra, n);
        if (rb < n && s[rb] == '!')
            rb++; /* Ruby bang methods: exit! */
        if (ra < n && s[ra] == '`')
            rb = ra + 1;
        after = rb;
    } else {
        after = bracket_name(s, i, n, &ra, &rb);
        if (!after) {
            /* process[req.query.a]: computed access to process */
            size_t k = skip_space(s, i + 1, n);
            if (sens >= 2 && eq(s, la, le, "process") && k < n && s[k] != ']')
                return hit(f, "Node.js process object", 80, la, i + 1 - la);
            return 0;
        }
    }
    if (rb == ra)
        return 0;
    if (rb - ra == 11 && eq(s, ra, rb, "constructor") && called(s, after, n)) {
        size_t k = skip_space(s, skip_space(s, after, n) + 1, n);
        if (k < n && (s[k] == '"' || s[k] == '\'' || s[k] == '`'))
            return hit(f, "Function constructor gadget", 90, la, after - la);
    }
    for (size_t m = lo; known && m < VIGIL__COUNTOF(members); m++) {
        const member *e = &members[m];
        if (e->llen != ll || memcmp(e->left, s + la, ll))
            break;
        if (!allowed(e->flags, sens))
            continue;
        if (e->right[0] && !in_list(s, ra, rb, e->right))
            continue;
        if ((e->flags & C_CALL) && !called(s, after, n))
            continue;
        if (e->flags & C_CALL) {
            size_t k = after;
            while (k < n && s[k] != '(')
                k++;
            size_t cl = skip_space(s, k + 1, n);
            if (cl < n && s[cl] == ')' && vigil__prose_mention(s, n, la, cl + 1))
                continue;
        }
        return hit(f, e->detail, (e->flags & C_S1) ? 90 : 80, la, after - la);
    }
    return 0;
}

static int scan_members(const unsigned char *s, size_t n, unsigned char c, int sens,
                        vigil__finding *f)
{
    const unsigned char *p = s + 1, *e = s + n;
    while (p < e && (p = memchr(p, c, (size_t)(e - p))) != NULL) {
        size_t i = (size_t)(p - s);
        p++;
        if (i + 1 < n && member_at(s, n, i, sens, f))
            return 1;
    }
    return 0;
}

/* ---------------------------------------------------------- identifiers */

/* Does the argument list opened at p, within 96 bytes, decode or build
 * code: eval(atob(...)), exec(compile(...)), eval(String.fromCharCode(...)). */
static int decoded_arg(const unsigned char *s, size_t p, size_t n)
{
    static const char *const dec[] = {
        "String.fromCharCode", "atob(",        "Buffer.from", "unescape(", "decodeURI",
        "compile(",            "__import__",   "base64",      "b64decode", "marshal.",
        "codecs.",             "zlib.",        "require(",    "bytes.fromhex", "fromhex(",
        "chr(",                "Base64.decode", "pack(",      "reverse",   "rot13",
    };
    size_t lim = VIGIL__MIN(n, p + 96);
    for (size_t k = p + 1; k < lim; k++)
        for (size_t m = 0; m < VIGIL__COUNTOF(dec); m++)
            if (s[k] == (unsigned char)dec[m][0] && at_exact(s, k, lim, dec[m]))
                return 1;
    return 0;
}

/* What follows a loop head: nothing, a body or the end of a statement.
 * "while (true) is a common idiom" is prose. */
static int loop_body(const unsigned char *s, size_t k, size_t n)
{
    k = skip_space(s, k, n);
    return k == n || s[k] == '{' || s[k] == ';' || s[k] == '}' || s[k] == ')' || s[k] == '"' ||
           s[k] == '\'';
}

/* Arguments of new Function(...) that read as code: none, a string, or
 * parameter names followed by more arguments or a call; "new Function
 * (beta) is available" is prose. `q` is at the '('. */
static int code_args(const unsigned char *s, size_t q, size_t n)
{
    size_t k = skip_space(s, q + 1, n);
    if (k == n || s[k] == '"' || s[k] == '\'' || s[k] == '`' || s[k] == ')')
        return 1;
    size_t b = ident_end(s, k, n);
    if (b == k)
        return 0;
    k = skip_space(s, b, n);
    if (k < n && s[k] == ',')
        return 1;
    if (k >= n || s[k] != ')')
        return 0;
    k = skip_space(s, k + 1, n);
    return k == n || s[k] == '(' || s[k] == '.' || s[k] == ';' || s[k] == ')';
}

/* while(cond) whose condition is a constant truth: an endless loop.
 * `p` is at the '('. Peels parentheses, '!' (counted) and signs. */
static int truthy_loop(const unsigned char *s, size_t p, size_t n)
{
    size_t close = 0;
    int depth = 0;
    for (size_t j = p; j < n && j < p + 48; j++) {
        if (s[j] == '(')
            depth++;
        else if (s[j] == ')' && --depth == 0) {
            close = j;
            break;
        }
    }
    if (!close || !loop_body(s, close + 1, n))
        return 0;
    size_t a = p + 1, b = close;
    int neg = 0;
    for (;;) {
        while (a < b && vigil__is_space(s[a]))
            a++;
        while (b > a && vigil__is_space(s[b - 1]))
            b--;
        if (a >= b)
            return 0;
        if (s[a] == '(' && s[b - 1] == ')') {
            a++;
            b--;
        } else if (s[a] == '!') {
            neg ^= 1;
            a++;
        } else if (s[a] == '-' || s[a] == '+') {
            a++;
        } else {
            break;
        }
    }
    int truth;
    if (in_list(s, a, b, "true|True|this|Infinity|{}|[]|globalThis|window"))
        truth = 1;
    else if (in_list(s, a, b, "false|False|null|None|undefined|NaN|''|\"\""))
        truth = 0;
    else if (vigil__is_digit(s[a])) {
        size_t d = a;
        int nonzero = 0;
        while (d < b && (vigil__is_digit(s[d]) || s[d] == '.')) {
            nonzero |= s[d] >= '1' && s[d] <= '9';
            d++;
        }
        if (d != b)
            return 0;
        truth = nonzero;
    } else if (at_exact(s, a, b, "new ") && b - a > 4 && s[a + 4] >= 'A' && s[a + 4] <= 'Z') {
        truth = 1; /* new Date, new Object(): objects are truthy */
    } else if (in_list(s, a, b, "String|Object|Date|Math|JSON|Array|Number|Boolean|Symbol|"
                                "RegExp|Error|Function|Promise|Map|Set|Reflect|Proxy|BigInt|Intl")) {
        truth = 1; /* global constructors */
    } else {
        return 0;
    }
    return truth ^ neg;
}

/* require("mod"): modules that run commands or code. */
static int require_module(const unsigned char *s, size_t p, size_t n, int sens)
{
    size_t k = skip_space(s, p + 1, n);
    if (k >= n || (s[k] != '"' && s[k] != '\'' && s[k] != '`'))
        return 0;
    size_t a = k + 1, b = a;
    while (b < n && (is_ident(s[b]) || s[b] == ':') && b < a + 24)
        b++;
    if (b >= n || s[b] != s[k])
        return 0;
    if (at_exact(s, a, b, "node:"))
        a += 5;
    if (in_list(s, a, b, "child_process|vm|worker_threads|process|v8|inspector|module|repl"))
        return 1;
    return sens >= 2 && in_list(s, a, b, "fs|net|os|http|https|dgram|cluster|tls|dns|"
                                         "fs/promises|shelljs|execa|cross-spawn");
}

/* Ruby obj.send(:system, ...) / send("eval", ...) */
static int send_symbol(const unsigned char *s, size_t p, size_t n)
{
    size_t k = skip_space(s, p + 1, n);
    if (k < n && (s[k] == ':' || s[k] == '"' || s[k] == '\''))
        k++;
    size_t b = ident_end(s, k, n);
    if (b < n && s[b] == '`')
        return 1;
    if (k < n && s[k] == '`')
        return 1;
    return in_list(s, k, b,
                   "system|exec|eval|spawn|instance_eval|class_eval|module_eval|open|syscall|"
                   "fork|instance_exec|const_get|public_send|load|require");
}

/* Perl open(F, "|cmd") / open(F, "cmd|"): a pipe open. */
static int pipe_open(const unsigned char *s, size_t p, size_t n)
{
    size_t lim = VIGIL__MIN(n, p + 80);
    for (size_t k = p + 1; k < lim; k++) {
        if (s[k] != '"' && s[k] != '\'')
            continue;
        size_t j = skip_space(s, k + 1, lim);
        if (j < lim && s[j] == '|')
            return 1;
        size_t e = k + 1;
        while (e < lim && s[e] != s[k])
            e++;
        if (e < lim && e > k + 1 && s[e - 1] == '|')
            return 1;
        k = e;
    }
    return 0;
}

static const char *const dunders_s1[] = {"__import__", "__builtins__", "__builtin__",
                                         "__globals__", "__subclasses__"};
static const char *const dunders_s2[] = {
    "__mro__",      "__bases__",        "__class__",        "__reduce__",       "__code__",
    "__getattribute__", "__init_subclass__", "__loader__",  "__spec__",         "__defineGetter__",
    "__defineSetter__", "__lookupGetter__",  "__lookupSetter__", "__reduce_ex__"};

/* From every '(' back over blanks to the name before it. */
static int scan_calls(const unsigned char *s, size_t n, int sens, vigil__finding *f)
{
    const unsigned char *pp = s, *e = s + n;
    while ((pp = memchr(pp, '(', (size_t)(e - pp))) != NULL) {
        size_t p = (size_t)(pp - s);
        pp++;
        size_t b = p;
        while (b > 0 && vigil__is_space(s[b - 1]) && p - b < 8)
            b--;
        size_t a = b;
        while (a > 0 && is_ident(s[a - 1]) && b - a < 24)
            a--;
        if (b - a < 2 || !is_ident_start(s[a]) || (a > 0 && (is_ident(s[a - 1]) || s[a - 1] == '\\')))
            continue;
        unsigned char prev = a > 0 ? s[a - 1] : 0;
        switch (b - a) {
        case 2:
            if (eq(s, a, b, "qx") && b == p && sens >= 2)
                return hit(f, "Perl command quote", 85, a, 3);
            break;
        case 3:
            if (sens >= 2 && eq(s, a, b, "for")) {
                size_t q = skip_space(s, p + 1, n);
                if (q < n && s[q] == ';' && (q = skip_space(s, q + 1, n)) < n && s[q] == ';' &&
                    (q = skip_space(s, q + 1, n)) < n && s[q] == ')' && loop_body(s, q + 1, n))
                    return hit(f, "endless loop", 80, a, q + 1 - a);
            }
            break;
        case 4:
            if ((eq(s, a, b, "eval") || eq(s, a, b, "exec")) && prev != '.' && decoded_arg(s, p, n))
                return hit(f, "evaluation of decoded code", 90, a, p + 1 - a);
            if (eq(s, a, b, "open") && prev != '.' && pipe_open(s, p, n))
                return hit(f, "Perl pipe open", 90, a, p + 1 - a);
            if (eq(s, a, b, "send") && prev == '.' && send_symbol(s, p, n))
                return hit(f, "Ruby send of a dangerous method", 90, a, p + 1 - a);
            break;
        case 5:
            if (sens >= 2 && eq(s, a, b, "while") && truthy_loop(s, p, n))
                return hit(f, "endless loop", 80, a, p + 1 - a);
            break;
        case 7:
            if (eq(s, a, b, "require") && prev != '.' && require_module(s, p, n, sens))
                return hit(f, "Node.js require of a dangerous module", 90, a, p + 1 - a);
            break;
        case 8:
            if (eq(s, a, b, "Function") && prev != '.') {
                size_t k = a;
                while (k > 0 && vigil__is_space(s[k - 1]))
                    k--;
                if (k < a && k >= 3 && at_exact(s, k - 3, n, "new") &&
                    (k == 3 || !is_ident(s[k - 4])) && code_args(s, p, n))
                    return hit(f, "JavaScript Function constructor", 90, k - 3, p + 1 - (k - 3));
                size_t q = skip_space(s, p + 1, n);
                if (sens >= 2 && q < n && (s[q] == '"' || s[q] == '\'' || s[q] == '`'))
                    return hit(f, "JavaScript Function constructor", 85, a, p + 1 - a);
            }
            if (eq(s, a, b, "execfile") && decoded_arg(s, p, n))
                return hit(f, "evaluation of decoded code", 90, a, p + 1 - a);
            if (sens >= 2 && eq(s, a, b, "readpipe"))
                return hit(f, "Perl command execution", 85, a, p + 1 - a);
            if (eq(s, a, b, "__send__") && prev == '.' && send_symbol(s, p, n))
                return hit(f, "Ruby send of a dangerous method", 90, a, p + 1 - a);
            break;
        case 11:
            if (eq(s, a, b, "public_send") && prev == '.' && send_symbol(s, p, n))
                return hit(f, "Ruby send of a dangerous method", 90, a, p + 1 - a);
            break;
        default:
            break;
        }
    }
    return 0;
}

static int orm_token(const unsigned char *s, size_t a, size_t b, size_t n, int sens);

/* Names holding an underscore: dunder gadgets, child_process, Ruby's
 * *_eval, ORM lookups. Each name is read once. */
static int scan_unders(const unsigned char *s, size_t n, int sens, vigil__finding *f)
{
    const unsigned char *u = s, *e = s + n;
    while (u < e && (u = memchr(u, '_', (size_t)(e - u))) != NULL) {
        size_t i = (size_t)(u - s), a = i, b = i;
        while (a > 0 && is_ident(s[a - 1]) && s[a - 1] != '$' && i - a < 40)
            a--;
        while (b < n && is_ident(s[b]) && s[b] != '$' && b - i < 200)
            b++;
        u = s + b;
        if (b == n && b - i >= 200)
            break;
        if (a > 0 && (is_ident(s[a - 1]) && s[a - 1] != '$'))
            continue;
        size_t len = b - a;
        unsigned char prev = a > 0 ? s[a - 1] : 0, next = b < n ? s[b] : 0;
        if (len > 4 && s[a] == '_' && s[a + 1] == '_' && s[b - 1] == '_' && s[b - 2] == '_') {
            for (size_t m = 0; m < VIGIL__COUNTOF(dunders_s1); m++)
                if (eq(s, a, b, dunders_s1[m]))
                    return hit(f, "Python or Node.js internals", 90, a, len);
            if (eq(s, a, b, "__proto__")) {
                int glued = prev == '.' || prev == '[' || prev == '"' || prev == '\'' ||
                            next == '.' || next == '[' || next == '"' || next == '\'' ||
                            next == '=' || next == ']' || next == ':';
                if (glued || sens >= 3)
                    return hit(f, "prototype pollution in a value", glued ? 90 : 75, a, len);
                continue;
            }
            if (sens >= 2 && (prev == '.' || next == '.' || next == '[' || next == '(' || next == '"'))
                for (size_t m = 0; m < VIGIL__COUNTOF(dunders_s2); m++)
                    if (eq(s, a, b, dunders_s2[m]))
                        return hit(f, "Python object internals", 85, a, len);
            continue;
        }
        if (eq(s, a, b, "__js_function"))
            return hit(f, "serialized JavaScript function", 90, a, len);
        if (eq(s, a, b, "child_process") && sens >= 2)
            return hit(f, "Node.js child_process", 85, a, len);
        if (sens >= 2 && len >= 10 && len <= 13 &&
            in_list(s, a, b, "instance_eval|class_eval|module_eval|instance_exec|class_exec")) {
            size_t p = skip_space(s, b, n);
            if (p < n && (s[p] == '"' || s[p] == '\'' || s[p] == '{' || s[p] == '(' || s[p] == '<'))
                return hit(f, "Ruby dynamic evaluation", 85, a, len);
        }
        if (sens >= 2 && len >= 6 && orm_token(s, a, b, n, sens))
            return hit(f, "ORM lookup in a field name", 80, a, len);
    }
    return 0;
}

/* ------------------------------------------------------------- shapes */

/* @{[ ... ]}: Perl runs the code inside when interpolating the string. */
static int perl_interp(const unsigned char *s, size_t n, size_t *at)
{
    const unsigned char *p = s, *e = s + n;
    while ((p = memchr(p, '@', (size_t)(e - p))) != NULL) {
        size_t i = (size_t)(p - s);
        p++;
        if (i + 2 < n && s[i + 1] == '{') {
            size_t k = skip_space(s, i + 2, n);
            if (k < n && s[k] == '[') {
                *at = i;
                return 1;
            }
        }
    }
    return 0;
}

/* #{...} holding a backtick, %x or a command call: Ruby interpolation
 * that runs a command. */
static int ruby_interp(const unsigned char *s, size_t n, size_t *at)
{
    const unsigned char *p = s, *e = s + n;
    while ((p = memchr(p, '#', (size_t)(e - p))) != NULL) {
        size_t i = (size_t)(p - s);
        p++;
        if (i + 2 >= n || s[i + 1] != '{')
            continue;
        size_t k = skip_space(s, i + 2, n);
        if (k >= n)
            return 0;
        if (s[k] == '`' || at_exact(s, k, n, "%x")) {
            *at = i;
            return 1;
        }
        size_t b = ident_end(s, k, n);
        if (in_list(s, k, b, "system|exec|spawn|eval|IO|Kernel|Open3|open|syscall|require|File") &&
            b < n && (s[b] == '(' || s[b] == ' ' || s[b] == '.' || s[b] == '"' || s[b] == '\'')) {
            *at = i;
            return 1;
        }
    }
    return 0;
}

/* %x(...) %x{...}: Ruby command literal. */
static int ruby_pct_x(const unsigned char *s, size_t n, size_t *at)
{
    const unsigned char *p = s, *e = s + n;
    while ((p = memchr(p, '%', (size_t)(e - p))) != NULL) {
        size_t i = (size_t)(p - s);
        p++;
        if (i + 3 < n && s[i + 1] == 'x' &&
            (s[i + 2] == '(' || s[i + 2] == '{' || s[i + 2] == '[' || s[i + 2] == '<' ||
             s[i + 2] == '|' || s[i + 2] == '!') &&
            (i == 0 || !vigil__is_alnum(s[i - 1])) && is_ident_start(s[i + 3])) {
            *at = i;
            return 1;
        }
    }
    return 0;
}

/* Template tags: ERB <% %> with commands (any sensitivity) and template
 * statements {% if %} / <% if %> (sensitivity 3; the template detector
 * owns expressions). */
static int template_tag(const unsigned char *s, size_t n, int sens, const char **detail,
                        size_t *at)
{
    const unsigned char *p = s + 1, *e = s + n;
    /* where the next "%>" and "%}" start: tag starts only move forward,
     * so each search resumes where the last one stopped */
    size_t next[2] = {0, 0};
    while (p < e && (p = memchr(p, '%', (size_t)(e - p))) != NULL) {
        size_t i = (size_t)(p - s) - 1;
        p++;
        if (s[i] != '<' && s[i] != '{')
            continue;
        int w = s[i] == '{';
        unsigned char close = w ? '}' : '>';
        size_t k = i + 2;
        if (k < n && (s[k] == '=' || s[k] == '-'))
            k++;
        k = skip_space(s, k, n);
        size_t end = next[w] > k ? next[w] : k;
        while (end + 1 < n && !(s[end] == '%' && s[end + 1] == close))
            end++;
        next[w] = end;
        if (end + 1 >= n)
            return 0;
        if (end > k + 200)
            continue;
        if (s[i] == '<') {
            for (size_t j = k; j < end; j++) {
                if (s[j] == '`' || at_exact(s, j, end, "%x") ||
                    ((j == k || !is_ident(s[j - 1])) &&
                     (at_exact(s, j, end, "system") || at_exact(s, j, end, "exec") ||
                      at_exact(s, j, end, "spawn") || at_exact(s, j, end, "IO.popen") ||
                      at_exact(s, j, end, "Kernel") || at_exact(s, j, end, "Open3") ||
                      at_exact(s, j, end, "eval") || at_exact(s, j, end, "File.read") ||
                      at_exact(s, j, end, "File.open") || at_exact(s, j, end, "syscall") ||
                      at_exact(s, j, end, "instance_eval") || at_exact(s, j, end, "require")))) {
                    *detail = "ERB tag running code";
                    *at = i;
                    return 1;
                }
            }
        }
        if (sens >= 3) {
            size_t b = ident_end(s, k, end);
            if (in_list(s, k, b, "if|for|set|import|include|from|macro|call|filter|with|block|"
                                 "extends|unless|while|each|case|do|print")) {
                *detail = "template statement";
                *at = i;
                return 1;
            }
        }
    }
    return 0;
}

/* Python pickle protocol 0: "c<module>\n<name>\n" then a reduce 'R',
 * as in cos\nsystem\n(S'id'\ntR. The global opcode starts the value or
 * follows a newline or '('. */
static int pickle_at(const unsigned char *s, size_t n, size_t i)
{
    if (s[i] != 'c')
        return 0;
    size_t k = i + 1, m = k;
    while (m < n && (is_ident(s[m]) || s[m] == '.') && m < k + 40)
        m++;
    if (m == k || m >= n || s[m] != '\n')
        return 0;
    size_t a = m + 1, b = ident_end(s, a, n);
    if (b == a || b >= n || s[b] != '\n')
        return 0;
    for (size_t r = b + 1; r < n && r < b + 400; r++)
        if (s[r] == 'R' && (s[r - 1] == 't' || s[r - 1] == '\n' || s[r - 1] == ')' ||
                            (r + 1 < n && s[r + 1] == '.')))
            return 1;
    return 0;
}

static int pickle(const unsigned char *s, size_t n, size_t *at)
{
    if (pickle_at(s, n, 0)) {
        *at = 0;
        return 1;
    }
    for (size_t i = 1; i + 4 < n; i++)
        if (s[i] == 'c' && (s[i - 1] == '\n' || s[i - 1] == '(') && pickle_at(s, n, i)) {
            *at = i;
            return 1;
        }
    return 0;
}

/* YAML tags that make a loader build arbitrary language objects. */
static int yaml_tag(const unsigned char *s, size_t n, size_t *at)
{
    const unsigned char *p = s, *e = s + n;
    while ((p = memchr(p, '!', (size_t)(e - p))) != NULL) {
        size_t i = (size_t)(p - s);
        p++;
        if (at_exact(s, i, n, "!!python/") || at_exact(s, i, n, "!ruby/object") ||
            at_exact(s, i, n, "!ruby/hash") || at_exact(s, i, n, "!ruby/struct") ||
            at_exact(s, i, n, "!ruby/marshalable") || at_exact(s, i, n, "!ruby/class") ||
            at_exact(s, i, n, "!!ruby/")) {
            *at = i;
            return 1;
        }
    }
    return 0;
}

/* React Flight (React Server Components) references walking into
 * prototypes: "$1:constructor:constructor", "$7:Module:prototype". */
static int flight_ref(const unsigned char *s, size_t n, size_t *at)
{
    const unsigned char *p = s, *e = s + n;
    while ((p = memchr(p, '$', (size_t)(e - p))) != NULL) {
        size_t i = (size_t)(p - s);
        p++;
        size_t k = i + 1;
        if (k < n && ((s[k] >= 'A' && s[k] <= 'Z') || (s[k] >= 'a' && s[k] <= 'z') || s[k] == '@'))
            k++;
        size_t d = k;
        while (d < n && (vigil__is_digit(s[d]) || (s[d] >= 'a' && s[d] <= 'f')) && d < k + 8)
            d++;
        if (d == i + 1 || d >= n || s[d] != ':')
            continue;
        size_t j = d;
        for (int seg = 0; seg < 8 && j < n && s[j] == ':'; seg++) {
            size_t a = j + 1, b = ident_end(s, a, n);
            if (b == a)
                break;
            if (eq(s, a, b, "constructor") || eq(s, a, b, "prototype") ||
                eq(s, a, b, "__proto__")) {
                *at = i;
                return 1;
            }
            j = b;
        }
    }
    return 0;
}

/* data: URI carrying text or code (images, audio, video and fonts are
 * everyday uploads). Only at the start of the value. */
/* Start of the value, or just after a quote or '=' (an attribute or a
 * nested parameter): where a URL would begin. */
static int url_start(const unsigned char *s, size_t i)
{
    size_t k = i;
    while (k > 0 && vigil__is_space(s[k - 1]))
        k--;
    return k == 0 || s[k - 1] == '"' || s[k - 1] == '\'' || s[k - 1] == '=';
}

static int data_uri_at(const unsigned char *s, size_t n, size_t i)
{
    if (!url_start(s, i) || !at_lit(s, i, n, "data:"))
        return 0;
    size_t a = i + 5, b = a;
    while (b < n && ((s[b] >= 'a' && s[b] <= 'z') || (s[b] >= 'A' && s[b] <= 'Z')))
        b++;
    if (b == a || b >= n || s[b] != '/')
        return 0;
    size_t c = b + 1, d = c;
    while (d < n && (vigil__is_alnum(s[d]) || s[d] == '-' || s[d] == '.' || s[d] == '+'))
        d++;
    if (d == c || (d < n && s[d] != ';' && s[d] != ',' && !vigil__is_space(s[d]) && s[d] != '"'))
        return 0;
    if (at_lit(s, a, b, "image")) {
        return d - c >= 3 && at_lit(s, c, d, "svg");
    }
    return !(at_lit(s, a, b, "audio") || at_lit(s, a, b, "video") || at_lit(s, a, b, "font"));
}


/* Host names that always mean this machine or the cluster around it. */
static int internal_host_name(const unsigned char *s, size_t a, size_t b)
{
#define H(x) {x, sizeof(x) - 1}
    static const struct {
        const char *name;
        size_t      len;
    } hosts[] = {
        H("localhost"), H("ip6-localhost"), H("ipv6-localhost"), H("ip6-loopback"),
        H("ipv6-loopback"), H("localhost.localdomain"), H("kubernetes.docker.internal"),
        H("host.docker.internal"), H("gateway.docker.internal"), H("host.containers.internal"),
        H("kubernetes.default.svc.cluster.local"), H("kubernetes.default.svc"),
        H("kubernetes.default"), H("metadata.google.internal"), H("instance-data"),
        H("instance-data.ec2.internal"),
    };
#undef H
    for (size_t m = 0; m < VIGIL__COUNTOF(hosts); m++)
        if (hosts[m].len == b - a && at_lit(s, a, b, hosts[m].name))
            return 1;
    return 0;
}


/* Cloud metadata endpoints inside any value, e.g. an XML attribute; i is
 * at "://". */
static int metadata_at(const unsigned char *s, size_t n, size_t i)
{
    static const char *const hosts[] = {"169.254.169.254", "metadata.google.internal",
                                        "100.100.100.200", "[fd00:ec2::254]", "169.254.170.2",
                                        "metadata.azure.com"};
    for (size_t m = 0; m < VIGIL__COUNTOF(hosts); m++)
        if (at_lit(s, i + 3, n, hosts[m])) {
            size_t e = i + 3 + strlen(hosts[m]);
            if (e == n || !vigil__is_alnum(s[e]))
                return 1;
        }
    return 0;
}

/* Django-style ORM lookups used as a field name: field__relation__lookup.
 * Filters built from request keys let a client walk relations and probe
 * hidden fields (password__startswith=a). The token must stand alone: the
 * whole value, or a quoted key / a form name (followed by ':' or '='). */
static int orm_token(const unsigned char *s, size_t a, size_t b, size_t n, int sens)
{
    if (b - a < 6 || !is_ident_start(s[a]) || s[a] == '_' || s[b - 1] == '_')
        return 0;
    size_t segs = 1, last = a;
    for (size_t i = a; i + 1 < b; i++) {
        if (s[i] != '_' || s[i + 1] != '_')
            continue;
        if (i + 2 >= b || s[i + 2] == '_')
            return 0;
        segs++;
        last = i + 2;
        i++;
    }
    if (segs < 2 ||
        !in_list(s, last, b,
                 "exact|iexact|contains|icontains|in|gt|gte|lt|lte|startswith|istartswith|"
                 "endswith|iendswith|range|isnull|regex|iregex|has_key|has_keys|has_any_keys|"
                 "contained_by|overlap|search|year|month|day|week_day|isempty"))
        return 0;
    int whole = a == 0 && b == n;
    unsigned char before = a > 0 ? s[a - 1] : 0, after = b < n ? s[b] : 0;
    int keyed = (a == 0 || before == '"' || before == '\'' || before == '&' || before == '?' ||
                 before == '{' || before == ',') &&
                (after == '"' || after == '\'' || after == '=' || after == ':' || after == '[');
    if (!whole && !keyed)
        return 0;
    return segs >= 3 ? sens >= 2 : sens >= 3;
}


/* ------------------------------------------------------------- entry */

/* node-serialize and funcster markers for serialized functions. */
static int serialized_function(const unsigned char *s, size_t n, size_t *at)
{
    const unsigned char *p = s + 1, *e = s + n;
    while (p < e && (p = memchr(p, '$', (size_t)(e - p))) != NULL) {
        size_t i = (size_t)(p - s) - 1;
        p++;
        if (at_exact(s, i, n, "_$$ND_FUNC$$_")) {
            *at = i;
            return 1;
        }
    }
    return 0;
}

/* Shapes around ':': data: URIs, Perl CORE::, cloud metadata URLs and
 * YAML's long python tag. */
static int scan_colons(const unsigned char *s, size_t n, int sens, vigil__finding *f)
{
    const unsigned char *p = s + 1, *e = s + n;
    while (p < e && (p = memchr(p, ':', (size_t)(e - p))) != NULL) {
        size_t i = (size_t)(p - s);
        p++;
        if (i >= 4 && sens >= 2 && at_lit(s, i - 4, n, "data") && data_uri_at(s, n, i - 4))
            return hit(f, "data: URI with text or code", 80, i - 4, VIGIL__MIN(n - i + 4, 16));
        if (i >= 4 && sens >= 2 && i + 1 < n && s[i + 1] == ':' && at_exact(s, i - 4, n, "CORE") &&
            (i == 4 || !is_ident(s[i - 5]))) {
            size_t b = ident_end(s, i + 2, n);
            if (in_list(s, i + 2, b, "system|exec|readpipe|open|eval|GLOBAL|qx|fork|syscall|time"))
                return hit(f, "Perl core function", 85, i - 4, b - i + 4);
        }
        if (i + 2 < n && s[i + 1] == '/' && s[i + 2] == '/' && metadata_at(s, n, i))
            return hit(f, "cloud metadata URL", 90, i + 3, VIGIL__MIN(n - i - 3, 24));
        if (i >= 3 && at_exact(s, i - 3, n, "tag:yaml.org,2002:python/"))
            return hit(f, "YAML language object tag", 90, i - 3, 25);
    }
    return 0;
}

/* Scheme-less internal hosts ("localhost/", "kubernetes.default.svc:443/")
 * where a URL would start: the start of the value, after a quote or '='. */
static int host_at(const unsigned char *s, size_t n, size_t a, vigil__finding *f)
{
    while (a < n && vigil__is_space(s[a]))
        a++;
    size_t h = a;
    while (h < n && (vigil__is_alnum(s[h]) || s[h] == '.' || s[h] == '-') && h - a < 48)
        h++;
    if (h - a < 9 || h >= n)
        return 0;
    size_t k = h;
    if (s[k] == ':') {
        size_t d = k + 1;
        while (d < n && vigil__is_digit(s[d]))
            d++;
        if (d == k + 1 || d >= n)
            return 0;
        k = d;
    }
    if (s[k] != '/' || !internal_host_name(s, a, h))
        return 0;
    return hit(f, "internal host name without scheme", 80, a, k + 1 - a);
}

static int scan_hosts(const unsigned char *s, size_t n, int nested, vigil__finding *f)
{
    if (host_at(s, n, 0, f))
        return 1;
    for (size_t i = 0; nested && i + 10 < n; i++)
        if ((s[i] == '=' || s[i] == '"' || s[i] == '\'') && host_at(s, n, i + 1, f))
            return 1;
    return 0;
}

enum {
    T_DOT = 1,       /* .   member access                      */
    T_BRACK = 2,     /* [   member access, qx[                 */
    T_PAREN = 4,     /* (   calls                              */
    T_US = 8,        /* _   dunders, child_process, ORM        */
    T_DOLLAR = 16,   /* $   Flight references, ND_FUNC         */
    T_AT = 32,       /* @   Perl interpolation                 */
    T_PCT = 64,      /* %   %x(), template tags                */
    T_HASH = 128,    /* #   Ruby interpolation                 */
    T_COLON = 256,   /* :   data:, CORE::, metadata URLs       */
    T_SLASH = 512,   /* /   scheme-less hosts                  */
    T_BANG = 1024,   /* !   YAML tags                          */
    T_NL = 2048,     /* newline: pickle                        */
    T_BRACE = 4096,  /* {   qx{                                */
    T_EQQ = 8192,    /* = " '  where a nested URL may start      */
};

static const uint16_t trig[256] = {
    ['.'] = T_DOT,    ['['] = T_BRACK, ['('] = T_PAREN, ['_'] = T_US,    ['$'] = T_DOLLAR,
    ['@'] = T_AT,     ['%'] = T_PCT,   ['#'] = T_HASH,  [':'] = T_COLON, ['/'] = T_SLASH,
    ['!'] = T_BANG,   ['\n'] = T_NL,  ['{'] = T_BRACE, ['='] = T_EQQ,   ['"'] = T_EQQ,
    ['\''] = T_EQQ,
};

int vigil__detect_code(const char *str, size_t n, int sensitivity, vigil__finding *f)
{
    if (!str || !f || n < 4)
        return 0;
    const unsigned char *s = (const unsigned char *)str;
    int sens = sensitivity < 1 ? 1 : sensitivity;
    unsigned m = vigil__class_or(trig, s, n);
    if (!(m & ~(unsigned)T_EQQ))
        return 0;
    size_t at = 0;
    const char *detail;
    if ((m & T_DOT) && scan_members(s, n, '.', sens, f))
        return 1;
    if ((m & T_BRACK) && scan_members(s, n, '[', sens, f))
        return 1;
    if ((m & T_PAREN) && scan_calls(s, n, sens, f))
        return 1;
    if ((m & T_US) && scan_unders(s, n, sens, f))
        return 1;
    if ((m & (T_DOLLAR | T_US)) == (T_DOLLAR | T_US) && serialized_function(s, n, &at))
        return hit(f, "serialized JavaScript function", 90, at, 13);
    if ((m & T_COLON) && scan_colons(s, n, sens, f))
        return 1;
    if ((m & T_BRACE) && sens >= 2) {
        const unsigned char *q = memchr(s, '{', n);
        for (; q; q = memchr(q + 1, '{', n - (size_t)(q - s) - 1)) {
            size_t k = (size_t)(q - s);
            if (k >= 2 && s[k - 2] == 'q' && s[k - 1] == 'x' && (k == 2 || !is_ident(s[k - 3])))
                return hit(f, "Perl command quote", 85, k - 2, 3);
            if (k + 1 >= n)
                break;
        }
    }
    if ((m & T_AT) && sens >= 2 && perl_interp(s, n, &at))
        return hit(f, "Perl code interpolation", 85, at, 3);
    if ((m & T_HASH) && ruby_interp(s, n, &at))
        return hit(f, "Ruby interpolation running a command", 90, at, 3);
    if ((m & T_PCT) && sens >= 2 && ruby_pct_x(s, n, &at))
        return hit(f, "Ruby command literal", 85, at, 3);
    if ((m & T_PCT) && template_tag(s, n, sens, &detail, &at))
        return hit(f, detail, 85, at, 2);
    if ((m & T_NL) && (m & T_PAREN) && pickle(s, n, &at))
        return hit(f, "Python pickle with a call", 90, at, 1);
    if ((m & T_BANG) && yaml_tag(s, n, &at))
        return hit(f, "YAML language object tag", 90, at, 8);
    if ((m & T_DOLLAR) && (m & T_COLON) && flight_ref(s, n, &at))
        return hit(f, "React Flight reference into a prototype", 90, at, 3);
    if ((m & T_SLASH) && sens >= 2 && scan_hosts(s, n, (m & T_EQQ) != 0, f))
        return 1;
    return 0;
}
