/*
 * detect_xss.c - cross-site scripting detector (see detect.h).
 *
 * The value may land anywhere in a page: between tags, inside a quoted or
 * unquoted attribute, inside a URL or style attribute, inside a script
 * string. Instead of guessing, the detector looks for what would execute
 * in any of those places, reading markup the way an HTML5 tokenizer does:
 *
 *   1. tag names: every '<' that opens a tag is classified by its
 *      case-folded, namespace-stripped name (script, iframe, object, ...),
 *      wherever it is, so tags hidden in comments or attribute values count;
 *      also "<:vmlframe", IE "<?import implementation=" and, at
 *      sensitivity 2, names spread out with junk ("<f o r m").
 *   2. tag walk: tags are tokenized as in the HTML5 data state (attribute
 *      names end at blanks, '/', '=', '>'; values quoted or not) and each
 *      attribute is judged: on* handlers, script-capable URL schemes,
 *      style, srcdoc, formaction, meta refresh, link rel, form action, ...
 *      Attribute values holding markup are walked once more.
 *   3. handlers: "on<event>=" after an attribute separator anywhere, which
 *      is what breaking out of an attribute looks like (`" onfocus="..`,
 *      `x onerror=..`), so no '<' is needed.
 *   4. schemes: javascript:/vbscript:/data:text/html anywhere, skipping the
 *      control bytes and character references browsers ignore inside a
 *      scheme, and followed by something that reads as script.
 *   5. CSS: expression(), -moz-binding, behavior:url(), url(javascript
 *      after CSS comments and escapes are removed.
 *   6. sensitivity >= 2 only: JS contexts (`';alert(1)//`, `"-alert(1)-"`,
 *      alert`1`, x.call`${eval}..`, top["al"+"ert"](1), document.cookie or
 *      document.querySelector used as code), AngularJS sandbox escapes in
 *      {{ }}, values that are only an encoded '<' (filter probes), UTF-7
 *      tags, JSFuck, closing tags with the high bit set (0xBC/script0xBE).
 *
 * Speed: most values are benign, so a pre-scan looks only at the dozen
 * bytes that can start anything above ('<' '=' ':' '&' '(' '.' ...), 16 at
 * a time with SSE2, and judges each with a cheap local look-around that is
 * a necessary condition of some pass ("on..=" before '=', "pt:" or "ta:"
 * for a scheme, a lowercase DOM property after '.'). A pass runs only when
 * its condition was met, so words, URLs, user agents and prose are
 * rejected in tens of nanoseconds. Every pass is linear: scans resume
 * after what they consumed and all look-arounds are bounded.
 */
#include "detect.h"

#if defined(__SSE2__) && defined(__GNUC__)
#include <emmintrin.h>
#endif

typedef struct xs {
    const unsigned char *s;
    size_t               n;
    int                  sens;
    vigil__finding      *f;
} xs;

static int hit(xs *x, const char *detail, int score, size_t off, size_t end)
{
    if (end > x->n)
        end = x->n;
    if (off > end)
        off = end;
    x->f->detail = detail;
    x->f->score = score;
    x->f->off = off;
    x->f->len = end - off;
    return 1;
}

static int is_alpha(unsigned char c)
{
    return (unsigned)((c | 0x20) - 'a') < 26u;
}

static int is_digit(unsigned char c)
{
    return (unsigned)(c - '0') < 10u;
}

static int is_alnum(unsigned char c)
{
    return is_alpha(c) || is_digit(c);
}

/* HTML5 whitespace: what separates attributes. */
static int is_html_ws(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

static int is_ident(unsigned char c)
{
    return is_alnum(c) || c == '_' || c == '$';
}

/* Case-insensitive compare of s[i..] with a lowercase literal. */
static int lit_at(const unsigned char *s, size_t n, size_t i, const char *lit)
{
    size_t k = 0;
    for (; lit[k]; k++) {
        if (i + k >= n || vigil__lower(s[i + k]) != (unsigned char)lit[k])
            return 0;
    }
    return 1;
}

/* First occurrence at or after i of a lowercase literal, case-insensitive,
 * or n. Naive but linear for literals whose first byte does not recur. */
static size_t find_lit(const unsigned char *s, size_t n, size_t i, const char *lit)
{
    unsigned char c0 = (unsigned char)lit[0];
    for (; i < n; i++) {
        if (vigil__lower(s[i]) == c0 && lit_at(s, n, i, lit))
            return i;
    }
    return n;
}

/* ------------------------------------------------- character references */

/* Named references an attacker uses to hide scheme or markup characters. */
static const struct {
    const char *name;
    unsigned    cp;
} named_refs[] = {
    {"tab", 9},    {"newline", 10}, {"colon", ':'},  {"lpar", '('},
    {"rpar", ')'}, {"sol", '/'},    {"bsol", '\\'}, {"lt", '<'},
    {"gt", '>'},   {"quot", '"'},   {"apos", '\''}, {"amp", '&'},
    {"equals", '='}, {"comma", ','}, {"period", '.'}, {"grave", '`'},
    {"nbsp", 0xa0}, {"semi", ';'},  {"excl", '!'},  {"num", '#'},
};

/* If s[i] starts a character reference, returns its code point and its
 * length in *len; else -1. Numeric ones with or without ';' and any number
 * of leading zeros (digits beyond 12 are consumed but ignored, to keep the
 * cost per call bounded); named ones from the table above. */
static long ref_at(const unsigned char *s, size_t n, size_t i, size_t *len)
{
    if (i + 2 >= n || s[i] != '&')
        return -1;
    size_t j = i + 1;
    if (s[j] == '#') {
        int hex = 0;
        j++;
        if (j < n && (s[j] | 0x20) == 'x') {
            hex = 1;
            j++;
        }
        size_t start = j;
        long v = 0;
        while (j < n && j - start < 12) {
            int d = hex ? vigil__hexval(s[j]) : (is_digit(s[j]) ? s[j] - '0' : -1);
            if (d < 0)
                break;
            v = v * (hex ? 16 : 10) + d;
            if (v > 0x10ffff)
                v = 0xfffd;
            j++;
        }
        if (j == start)
            return -1;
        if (j < n && s[j] == ';')
            j++;
        *len = j - i;
        return v;
    }
    /* named: letters then ';' (the names above are all terminated) */
    size_t e = j;
    while (e < n && e - j < 8 && is_alpha(s[e]))
        e++;
    if (e == j || e >= n || s[e] != ';')
        return -1;
    for (size_t k = 0; k < VIGIL__COUNTOF(named_refs); k++) {
        const char *nm = named_refs[k].name;
        if (strlen(nm) == e - j && lit_at(s, n, j, nm)) {
            *len = e - j + 2;
            return (long)named_refs[k].cp;
        }
    }
    return -1;
}

/* Next character of attribute text as a browser decodes it: a reference
 * or one byte. Advances *i; -1 at the end. */
static long next_char(const unsigned char *s, size_t n, size_t *i)
{
    size_t l;
    if (*i >= n)
        return -1;
    long   v = ref_at(s, n, *i, &l);
    if (v >= 0) {
        *i += l;
        return v;
    }
    return s[(*i)++];
}

/* --------------------------------------------------------- event handlers */

/* DOM event names (without "on"), sorted for bsearch. */
static const char *const events[] = {
    "abort", "activate", "afterprint", "afterscriptexecute", "afterupdate",
    "animationcancel", "animationend", "animationiteration", "animationstart",
    "auxclick", "beforeactivate", "beforecopy", "beforecut",
    "beforedeactivate", "beforeeditfocus", "beforeinput", "beforematch",
    "beforepaste", "beforeprint", "beforescriptexecute", "beforetoggle",
    "beforeunload", "beforeupdate", "beforexrselect", "begin", "blur",
    "bounce", "cancel", "canplay", "canplaythrough", "cellchange", "change",
    "click", "close", "command", "contentvisibilityautostatechange",
    "contextlost", "contextmenu", "contextrestored", "controlselect", "copy",
    "cuechange", "cut", "dataavailable", "datasetchanged", "datasetcomplete",
    "dblclick", "deactivate", "devicemotion", "deviceorientation",
    "dommousescroll", "drag", "dragdrop", "dragend", "dragenter", "dragexit",
    "dragleave", "dragover", "dragstart", "drop", "durationchange", "emptied",
    "end", "ended", "error", "errorupdate", "filterchange", "finish", "focus",
    "focusin", "focusout", "formchange", "formdata", "forminput",
    "fullscreenchange", "fullscreenerror", "gesturechange", "gestureend",
    "gesturestart", "gotpointercapture", "hashchange", "help", "input",
    "invalid", "keydown", "keypress", "keyup", "languagechange",
    "layoutcomplete", "load", "loadeddata", "loadedmetadata", "loadend",
    "loadstart", "losecapture", "lostpointercapture", "message",
    "messageerror", "mousedown", "mouseenter", "mouseleave", "mousemove",
    "mouseout", "mouseover", "mouseup", "mousewheel", "move", "moveend",
    "movestart", "mozfullscreenchange", "mozpointerlockchange",
    "mspointercancel", "mspointerdown", "mspointerenter", "mspointerleave",
    "mspointermove", "mspointerout", "mspointerover", "mspointerup",
    "offline", "online", "open", "orientationchange", "outofsync", "pagehide",
    "pagereveal", "pageshow", "pageswap", "paste", "pause", "play", "playing",
    "pointercancel", "pointerdown", "pointerenter", "pointerleave",
    "pointerlockchange", "pointerlockerror", "pointermove", "pointerout",
    "pointerover", "pointerrawupdate", "pointerup", "popstate", "progress",
    "propertychange", "ratechange", "readystatechange", "redo",
    "rejectionhandled", "repeat", "reset", "resize", "resizeend",
    "resizestart", "resume", "reverse", "rowdelete", "rowenter", "rowexit",
    "rowinserted", "rowsdelete", "rowsinserted", "scroll", "scrollend",
    "scrollsnapchange", "scrollsnapchanging", "search",
    "securitypolicyviolation", "seek", "seeked", "seeking", "select",
    "selectionchange", "selectstart", "show", "slotchange", "stalled",
    "start", "stop", "storage", "submit", "suspend", "synchrestored",
    "textinput", "timeerror", "timer", "timeupdate", "toggle", "touchcancel",
    "touchend", "touchmove", "touchstart", "trackchange", "transitioncancel",
    "transitionend", "transitionrun", "transitionstart", "undo",
    "unhandledrejection", "unload", "urlflip", "visibilitychange",
    "volumechange", "waiting", "webkitanimationend",
    "webkitanimationiteration", "webkitanimationstart",
    "webkitfullscreenchange", "webkitmouseforcechanged",
    "webkitmouseforcedown", "webkitmouseforceup", "webkitmouseforcewillbegin",
    "webkitplaybacktargetavailabilitychanged", "webkittransitionend", "wheel",
    "zoom",
};

/* Is the lowercase name (without "on") a known event? */
static int known_event(const char *name, size_t len)
{
    size_t lo = 0, hi = VIGIL__COUNTOF(events);
    while (lo < hi) {
        size_t      mid = (lo + hi) / 2;
        const char *e = events[mid];
        int         c = strncmp(name, e, len);
        if (c == 0 && e[len] != '\0')
            c = -1;
        if (c == 0)
            return 1;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return 0;
}

/* ------------------------------------------------------------ URL schemes */

enum { SCH_NONE = 0, SCH_SCRIPT, SCH_DATA };

/* Does a script-capable scheme start at i? Browsers drop tabs and newlines
 * inside a URL and fuzzers show other control bytes accepted by old
 * engines, so bytes <= 0x20 (raw or as references) are skipped between
 * the letters and before the colon. On success *end is just after the
 * colon. */
static int scheme_at(const unsigned char *s, size_t n, size_t i, size_t *end)
{
    static const char *const names[] = {"javascript", "vbscript", "livescript", "data"};
    long c0 = next_char(s, n, &i);
    if (c0 < 0 || c0 > 0x7f)
        return SCH_NONE;
    c0 = vigil__lower((unsigned char)c0);
    for (size_t k = 0; k < VIGIL__COUNTOF(names); k++) {
        const char *nm = names[k];
        if (c0 != nm[0])
            continue;
        size_t j = i;
        size_t m = 1;
        while (j < n) {
            long c = next_char(s, n, &j);
            if (c <= 0x20)
                continue;
            if (nm[m] == '\0') {
                if (c != ':')
                    break;
                *end = j;
                return k == 3 ? SCH_DATA : SCH_SCRIPT;
            }
            if (c > 0x7f || vigil__lower((unsigned char)c) != (unsigned char)nm[m])
                break;
            m++;
        }
    }
    return SCH_NONE;
}

/* Skips what a browser strips before a URL scheme: blanks and controls
 * (raw or referenced) and, leniently, non-ASCII space look-alikes. */
static size_t skip_url_lead(const unsigned char *s, size_t n, size_t i)
{
    while (i < n) {
        size_t j = i;
        long   c = next_char(s, n, &j);
        if (c > 0x20 && c < 0x80)
            break;
        i = j;
    }
    return i;
}

/* MIME types of data: URLs that a browser renders as a document or runs.
 * in_attr: the URL is an attribute value, where a data: URL of any type
 * that is not plainly passive media counts at sensitivity 2; outside one
 * the type must be followed by ',' or ';' (not prose "data: text/html").
 * img: the attribute belongs to ordinary markup such as <img>. */
static int data_mime_danger(const unsigned char *s, size_t n, size_t i, int sens, int in_attr,
                            int img)
{
    static const char *const passive[] = {
        "image/png", "image/gif", "image/jpeg", "image/jpg", "image/webp",
        "image/bmp", "image/x-icon", "image/vnd.microsoft.icon", "image/avif",
        "audio/", "video/", "font/", "application/font", "application/pdf",
        "application/octet-stream", "application/json", "text/plain",
        "text/csv", "text/css",
    };
    static const struct {
        const char *mime;
        int         sens;
    } m[] = {
        {"text/html", 1},         {"application/xhtml", 1},
        {"text/javascript", 1},   {"application/javascript", 1},
        {"application/x-javascript", 1}, {"text/ecmascript", 1},
        {"application/ecmascript", 1},   {"text/vbscript", 1},
        {"text/x-scriptlet", 1},  {"application/x-shockwave-flash", 1},
        {"text/xml", 2},          {"application/xml", 2},
        {"image/svg+xml", 2},     {"text/xsl", 2},
    };
    char   buf[40];
    size_t k = 0;
    long   term = -1;
    if (!in_attr && i < n && s[i] <= 0x20)
        return 0;
    while (i < n && k < sizeof buf - 1) {
        long c = next_char(s, n, &i);
        if (c <= 0x20 && in_attr)
            continue;
        if (c == ',' || c == ';' || c <= 0x20 || c > 0x7f) {
            term = c;
            break;
        }
        buf[k++] = (char)vigil__lower((unsigned char)c);
    }
    buf[k] = '\0';
    if (!in_attr && term != ',' && term != ';')
        return 0;
    /* an SVG image shown by <img> cannot run script */
    if (img && k >= 13 && memcmp(buf, "image/svg+xml", 13) == 0)
        return 0;
    for (size_t j = 0; j < VIGIL__COUNTOF(m); j++) {
        size_t l = strlen(m[j].mime);
        /* XML and SVG documents only run script when framed, so outside
         * an attribute they count one level later */
        if (k >= l && memcmp(buf, m[j].mime, l) == 0)
            return sens >= m[j].sens + (!in_attr && m[j].sens > 1);
    }
    if (!in_attr || sens < 2)
        return 0;
    for (size_t j = 0; j < VIGIL__COUNTOF(passive); j++) {
        size_t l = strlen(passive[j]);
        if (k >= l && memcmp(buf, passive[j], l) == 0)
            return 0;
    }
    return 1;
}

/* The byte at *i of text that may still be form- or percent-encoded:
 * '+' and %20-style escapes of blanks read as ' ', %XX as its byte.
 * Advances *i. */
static unsigned char enc_byte(const unsigned char *s, size_t n, size_t *i)
{
    unsigned char c = s[(*i)++];
    if (c == '+')
        return ' ';
    if (c == '%' && *i + 1 < n && vigil__hexval(s[*i]) >= 0 && vigil__hexval(s[*i + 1]) >= 0) {
        c = (unsigned char)(vigil__hexval(s[*i]) * 16 + vigil__hexval(s[*i + 1]));
        *i += 2;
    }
    return c;
}

/* After "javascript:" outside an attribute: does script follow? Rejects
 * prose such as "JavaScript: the good parts", also when its blanks are
 * still form-encoded ("JavaScript:+Basics+of"). whole: the scheme starts
 * the value, so nothing at all after it is an (empty) script URL too. */
static int looks_like_script(const unsigned char *s, size_t n, size_t i, int whole)
{
    unsigned char c = 0;
    while (i < n) {
        c = enc_byte(s, n, &i);
        if (c > 0x20 && c < 0x80)
            break;
        c = 0;
    }
    if (c == 0)
        return whole;
    if (strchr("/([{'\"`!~-;\\&", c))
        return 1;
    if (!(is_alpha(c) || c == '_' || c == '$'))
        return 0;
    /* identifier path: a.b.c, then a call, assignment or more code */
    for (;;) {
        while (i < n && is_ident(s[i]))
            i++;
        if (i + 1 < n && s[i] == '.' && (is_alpha(s[i + 1]) || s[i + 1] == '_' || s[i + 1] == '$')) {
            i++;
            continue;
        }
        break;
    }
    if (i >= n)
        return 1; /* "javascript:void" */
    c = enc_byte(s, n, &i);
    return c != 0 && strchr("(`=&[;:\\.", c) != NULL;
}

/* ------------------------------------------------------------------- CSS */

/* Streaming keyword search over CSS with comments, escapes, blanks and
 * non-ASCII bytes removed and letters folded: "expr", a comment, "ession";
 * "\65xpression"; "e x p r e s s i o n" all read as "expression". Keywords are matched with
 * KMP so the scan is linear; a ring of the last normalized bytes gives the
 * byte before a match for context checks. */
enum { CSS_EXPR, CSS_JS, CSS_VB, CSS_URLJS, CSS_URLVB, CSS_MOZ, CSS_BIND, CSS_BEHAV, CSS_IMPORT,
       CSS_NKW };

static const char *const css_kw[CSS_NKW] = {
    "expression(", "javascript:", "vbscript:", "url(javascript", "url(vbscript", "-moz-binding",
    "binding:url(", "behavior:url(", "@import",
};

typedef struct css_scan {
    unsigned char fail[CSS_NKW][16];
    unsigned char len[CSS_NKW];
    unsigned char st[CSS_NKW];
    unsigned char ring[32];
    size_t        count;
    size_t        active; /* nonzero while some keyword is partly matched */
} css_scan;

static void css_init(css_scan *c)
{
    for (int k = 0; k < CSS_NKW; k++) {
        const char *p = css_kw[k];
        size_t      l = strlen(p);
        c->len[k] = (unsigned char)l;
        c->st[k] = 0;
        c->fail[k][0] = 0;
        size_t b = 0;
        for (size_t q = 1; q < l; q++) {
            while (b > 0 && p[q] != p[b])
                b = c->fail[k][b - 1];
            if (p[q] == p[b])
                b++;
            c->fail[k][q] = (unsigned char)b;
        }
    }
    c->count = 0;
    c->active = 0;
}

/* Feeds one normalized byte; returns the keyword completed or -1. */
static int css_feed(css_scan *c, unsigned char ch)
{
    int found = -1;
    c->ring[c->count & 31u] = ch;
    c->count++;
    /* fast path: no partial match and not a keyword's first byte */
    if (c->active == 0 && ch != 'e' && ch != 'j' && ch != 'v' && ch != '-' && ch != 'b' && ch != '@' &&
        ch != 'u')
        return -1;
    c->active = 0;
    for (int k = 0; k < CSS_NKW; k++) {
        const char *p = css_kw[k];
        size_t      b = c->st[k];
        while (b > 0 && (unsigned char)p[b] != ch)
            b = c->fail[k][b - 1];
        if ((unsigned char)p[b] == ch)
            b++;
        if (b == c->len[k]) {
            found = k;
            b = c->fail[k][b - 1];
        }
        c->st[k] = (unsigned char)b;
        c->active |= b;
    }
    return found;
}

/* Normalized byte just before the keyword that was just completed. */
static unsigned char css_before(const css_scan *c, int k)
{
    size_t back = (size_t)c->len[k] + 1;
    if (c->count < back)
        return 0;
    return c->ring[(c->count - back) & 31u];
}

/* Scans s[a..b) as CSS. strict: the text is known to be CSS (a style
 * attribute or element), so any keyword counts; otherwise only shapes that
 * cannot be prose. Returns the keyword found, or -1. *where gets the raw
 * offset where the keyword ended. */
static int css_check(xs *x, size_t a, size_t b, int strict, size_t *where)
{
    const unsigned char *s = x->s;
    css_scan             c;
    css_init(&c);
    size_t i = a;
    while (i < b) {
        unsigned char ch = s[i];
        int           out = -1;
        if (ch == '/' && i + 1 < b && s[i + 1] == '*') {
            size_t j = i + 2;
            while (j + 1 < b && !(s[j] == '*' && s[j + 1] == '/'))
                j++;
            i = j + 2 > b ? b : j + 2;
            continue;
        }
        if (ch == '\\') {
            i++;
            if (i >= b)
                break;
            if (vigil__hexval(s[i]) >= 0) {
                unsigned long v = 0;
                size_t        d = 0;
                while (i < b && d < 6 && vigil__hexval(s[i]) >= 0) {
                    v = v * 16 + (unsigned long)vigil__hexval(s[i]);
                    i++;
                    d++;
                }
                if (i < b && is_html_ws(s[i]))
                    i++;
                if (v > 0x20 && v < 0x7f)
                    out = (int)v;
            } else {
                if (s[i] > 0x20 && s[i] < 0x7f)
                    out = s[i];
                i++;
            }
        } else {
            i++;
            if (ch > 0x20 && ch < 0x7f)
                out = ch;
        }
        if (out < 0)
            continue;
        int k = css_feed(&c, vigil__lower((unsigned char)out));
        if (k < 0)
            continue;
        if (!strict) {
            unsigned char before = css_before(&c, k);
            if (k == CSS_EXPR && before != ':')
                continue;
            if ((k == CSS_JS || k == CSS_VB) && before != '(' && before != '\'' && before != '"')
                continue;
            if (k == CSS_IMPORT)
                continue;
        } else if (k == CSS_IMPORT && x->sens < 2) {
            continue;
        }
        *where = i;
        return k;
    }
    return -1;
}

static const char *css_detail(int k)
{
    switch (k) {
    case CSS_EXPR: return "CSS expression()";
    case CSS_JS:
    case CSS_VB:
    case CSS_URLJS:
    case CSS_URLVB: return "script URL in CSS";
    case CSS_MOZ:
    case CSS_BIND: return "CSS -moz-binding";
    case CSS_BEHAV: return "CSS behavior";
    default: return "CSS @import";
    }
}

/* ------------------------------------------------------------------ tags */

enum tagclass {
    TG_OTHER = 0,
    TG_SCRIPT,  /* script                                        */
    TG_FRAME,   /* iframe frame frameset                         */
    TG_OBJECT,  /* object embed applet                           */
    TG_BASE,    /* base: by its href                             */
    TG_ISINDEX, /* isindex                                       */
    TG_META,
    TG_LINK,
    TG_FORM,
    TG_STYLE,
    TG_LEGACY,  /* obsolete script carriers, sensitivity 2       */
    TG_SVG,     /* svg math set animate: by themselves only with
                   namespace games (sensitivity 2) or at 3          */
    TG_XML,     /* IE data island when it loads a src            */
    TG_COMMON,  /* ordinary markup never flagged by name         */
    TG_PREFIXED /* svg:*, xsl:*, math:* elements                 */
};

/* Sorted by name for bsearch. */
static const struct {
    const char *name;
    int         cls;
} tag_names[] = {
    {"a", TG_COMMON}, {"abbr", TG_COMMON}, {"animate", TG_SVG},
    {"applet", TG_OBJECT}, {"article", TG_COMMON}, {"audio", TG_COMMON},
    {"b", TG_COMMON}, {"base", TG_BASE}, {"bgsound", TG_LEGACY},
    {"blockquote", TG_COMMON}, {"br", TG_COMMON}, {"button", TG_COMMON},
    {"caption", TG_COMMON}, {"code", TG_COMMON}, {"col", TG_COMMON},
    {"dd", TG_COMMON}, {"del", TG_COMMON}, {"details", TG_COMMON},
    {"div", TG_COMMON}, {"dl", TG_COMMON}, {"dt", TG_COMMON},
    {"em", TG_COMMON}, {"embed", TG_OBJECT}, {"event-source", TG_LEGACY},
    {"figure", TG_COMMON}, {"font", TG_COMMON}, {"footer", TG_COMMON},
    {"foreignobject", TG_SVG}, {"form", TG_FORM}, {"frame", TG_FRAME},
    {"frameset", TG_FRAME}, {"h1", TG_COMMON}, {"h2", TG_COMMON},
    {"h3", TG_COMMON}, {"h4", TG_COMMON}, {"h5", TG_COMMON},
    {"h6", TG_COMMON}, {"handler", TG_LEGACY}, {"header", TG_COMMON},
    {"hr", TG_COMMON}, {"i", TG_COMMON}, {"iframe", TG_FRAME},
    {"ilayer", TG_LEGACY}, {"img", TG_COMMON}, {"import", TG_LEGACY},
    {"input", TG_COMMON}, {"ins", TG_COMMON}, {"isindex", TG_ISINDEX},
    {"label", TG_COMMON}, {"layer", TG_LEGACY}, {"li", TG_COMMON},
    {"link", TG_LINK}, {"listener", TG_LEGACY}, {"mark", TG_COMMON},
    {"math", TG_SVG}, {"meta", TG_META}, {"nav", TG_COMMON},
    {"object", TG_OBJECT}, {"ol", TG_COMMON}, {"option", TG_COMMON},
    {"p", TG_COMMON}, {"portal", TG_LEGACY}, {"pre", TG_COMMON},
    {"q", TG_COMMON}, {"s", TG_COMMON}, {"script", TG_SCRIPT},
    {"scriptlet", TG_LEGACY}, {"section", TG_COMMON}, {"select", TG_COMMON},
    {"set", TG_SVG}, {"small", TG_COMMON}, {"source", TG_COMMON},
    {"span", TG_COMMON}, {"strong", TG_COMMON}, {"style", TG_STYLE},
    {"sub", TG_COMMON}, {"summary", TG_COMMON}, {"sup", TG_COMMON},
    {"svg", TG_SVG}, {"table", TG_COMMON}, {"tbody", TG_COMMON},
    {"td", TG_COMMON}, {"template", TG_LEGACY}, {"textarea", TG_COMMON},
    {"th", TG_COMMON}, {"thead", TG_COMMON}, {"time", TG_COMMON},
    {"tr", TG_COMMON}, {"u", TG_COMMON}, {"ul", TG_COMMON},
    {"video", TG_COMMON}, {"vmlframe", TG_LEGACY}, {"xml", TG_XML},
    {"xss", TG_LEGACY},
};

/* HTML5 tag-name end: blanks, '/', '>'. */
static int tagname_end(unsigned char c)
{
    return is_html_ws(c) || c == '/' || c == '>';
}

static int classify_local(const unsigned char *s, size_t a, size_t b);

/* Classifies the tag name s[a..b). The part after the last ':' counts
 * (html:script, x:script), and only its leading [a-z0-9-] run, so that
 * "<script\x0b>" or "<ScRiPt+>" still read as script. */
static int classify_tag(const unsigned char *s, size_t a, size_t b)
{
    int    foreign = 0;
    size_t local = a;
    for (size_t i = b; i > a; i--) {
        if (s[i - 1] == ':') {
            /* svg:, math:, xsl: prefixed elements: foreign content */
            foreign = lit_at(s, b, a, "svg:") || lit_at(s, b, a, "xsl:") ||
                      lit_at(s, b, a, "math:");
            local = i;
            break;
        }
    }
    int cls = classify_local(s, local, b);
    if (cls != TG_OTHER && cls != TG_COMMON && cls != TG_SVG)
        return cls;
    if (foreign)
        return TG_PREFIXED;
    if (local > a) {
        /* a ':' that is no namespace: "<script+src=http://..>" */
        int head = classify_local(s, a, b);
        if (head != TG_OTHER && head != TG_COMMON && head != TG_SVG)
            return head;
    }
    return cls;
}

/* Class of a local tag name: its leading [a-z0-9-] run, looked up. */
static int classify_local(const unsigned char *s, size_t a, size_t b)
{
    char   buf[16];
    size_t k = 0;
    while (a < b && (is_alnum(s[a]) || s[a] == '-')) {
        if (k == sizeof buf - 1)
            return TG_OTHER;
        buf[k++] = (char)vigil__lower(s[a]);
        a++;
    }
    buf[k] = '\0';
    size_t lo = 0, hi = VIGIL__COUNTOF(tag_names);
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int    c = strcmp(buf, tag_names[mid].name);
        if (c == 0)
            return tag_names[mid].cls;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return TG_OTHER;
}

/* What one tag's attributes showed. */
typedef struct tagstate {
    int    cls;
    int    nattr;
    int    http_equiv;
    int    charset;
    int    content_url; /* meta content="..;url=.." */
    int    action;      /* 1 present, 2 absolute URL  */
    int    rel_danger;
    int    rel;
    int    href;        /* 1 present, 2 absolute URL  */
    int    xmlns;
    int    src;
    int    prefixed; /* svg:x, xsl:x */
    size_t start;
} tagstate;

/* Lowercases up to cap-1 bytes of s[a..b) into buf. */
static size_t lower_copy(char *buf, size_t cap, const unsigned char *s, size_t a, size_t b)
{
    size_t k = 0;
    while (a < b && k < cap - 1)
        buf[k++] = (char)vigil__lower(s[a++]);
    buf[k] = '\0';
    return k;
}

/* Does s[a..b) contain a lowercase literal, case-insensitively? */
static int range_has(const unsigned char *s, size_t a, size_t b, const char *lit)
{
    return find_lit(s, b, a, lit) < b;
}

/* Is a handler value script-like rather than a word? */
static int value_codeish(const unsigned char *s, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++) {
        if (s[i] == '(' || s[i] == '`' || s[i] == '=' || s[i] == ';' || s[i] == '.')
            return 1;
    }
    return 0;
}

/* Style attribute text that plain styling never needs: CSS escapes,
 * comments, braces or brackets, references, control bytes. These are the
 * tools of CSS parser-confusion payloads. */
static int style_obfuscated(const unsigned char *s, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++) {
        unsigned char c = s[i];
        if (c == '\\' || c == '{' || c == '}' || c == '[' || c < 0x20 ||
            (c == '/' && i + 1 < b && s[i + 1] == '*') ||
            (c == '&' && i + 1 < b && s[i + 1] == '#'))
            return 1;
    }
    return 0;
}

/* Judges one attribute name s[na..nb) with value s[va..vb) (va == vb when
 * there is none) of the tag in *t. */
static int judge_attr(xs *x, tagstate *t, size_t na, size_t nb, size_t va, size_t vb, int has_value)
{
    const unsigned char *s = x->s;
    char                 name[32];
    size_t               local = na;
    for (size_t i = nb; i > na; i--) {
        if (s[i - 1] == ':') {
            local = i;
            break;
        }
    }
    t->nattr++;

    /* on* event handler (also x:ontimer) */
    if (nb - local > 2 && vigil__lower(s[local]) == 'o' && vigil__lower(s[local + 1]) == 'n') {
        size_t e = local + 2;
        while (e < nb && is_alpha(s[e]))
            e++;
        if (e == nb && has_value && vb > va) {
            char ev[48];
            size_t le = lower_copy(ev, sizeof ev, s, local + 2, nb);
            if (nb - local - 2 < sizeof ev && known_event(ev, le))
                return hit(x, "event handler attribute", 90, na, vb);
            if (nb - local - 2 >= 3 && (x->sens >= 2 || value_codeish(s, va, vb)))
                return hit(x, "event handler attribute", 70, na, vb);
        }
    }
    lower_copy(name, sizeof name, s, na, nb);
    if (strcmp(name, "http-equiv") == 0)
        t->http_equiv = 1;
    else if (strcmp(name, "action") == 0)
        t->action = 1;
    else if (strcmp(name, "href") == 0)
        t->href = 1;
    else if (strncmp(name, "xmlns", 5) == 0)
        t->xmlns = 1;
    else if (strcmp(name, "src") == 0)
        t->src = 1;
    else if (strcmp(name, "charset") == 0)
        t->charset = 1;
    else if (strcmp(name, "rel") == 0)
        t->rel = 1;
    if (!has_value)
        return 0;
    /* absolute or protocol-relative targets point off-site */
    if ((t->action || t->href) && (strcmp(name, "action") == 0 || strcmp(name, "href") == 0) &&
        (range_has(s, va, vb, "//") || range_has(s, va, vb, ":"))) {
        if (strcmp(name, "action") == 0)
            t->action = 2;
        else
            t->href = 2;
    }
    if (strcmp(name, "content") == 0 && range_has(s, va, vb, "url"))
        t->content_url = 1;

    /* script-capable URL in any attribute value */
    size_t u = skip_url_lead(s, vb, va);
    size_t after;
    int    sch = scheme_at(s, vb, u, &after);
    if (sch == SCH_SCRIPT)
        return hit(x, "javascript: URL", 90, na, vb);
    if (sch == SCH_DATA && data_mime_danger(s, vb, after, x->sens, 1, t->cls == TG_COMMON))
        return hit(x, "data: URL with active content", 85, na, vb);

    if (strcmp(name, "style") == 0) {
        size_t where;
        int    k = css_check(x, va, vb, 1, &where);
        if (k >= 0)
            return hit(x, css_detail(k), 85, na, vb);
        if (x->sens >= 2 && style_obfuscated(s, va, vb))
            return hit(x, "obfuscated style attribute", 55, na, vb);
    } else if (strcmp(name, "xlink:href") == 0) {
        if (x->sens >= 2 && va < vb && s[va] != '#')
            return hit(x, "xlink:href attribute", 60, na, vb);
    } else if (strcmp(name, "srcdoc") == 0) {
        if (x->sens >= 2 || range_has(s, va, vb, "<") || range_has(s, va, vb, "&"))
            return hit(x, "srcdoc attribute", 85, na, vb);
    } else if (strcmp(name, "formaction") == 0) {
        if (x->sens >= 2)
            return hit(x, "formaction attribute", 60, na, vb);
    } else if (strcmp(name, "attributename") == 0) {
        /* SVG animation retargeting a handler or link */
        if (vb - va > 2 && vigil__lower(s[va]) == 'o' && vigil__lower(s[va + 1]) == 'n')
            return hit(x, "SVG animation of event handler", 80, na, vb);
        if (x->sens >= 2 && range_has(s, va, vb, "href"))
            return hit(x, "SVG animation of link", 60, na, vb);
    } else if (strcmp(name, "datasrc") == 0 || strcmp(name, "dataformatas") == 0) {
        if (x->sens >= 2)
            return hit(x, "data binding attribute", 60, na, vb);
    } else if (strcmp(name, "rel") == 0) {
        if (range_has(s, va, vb, "import") || range_has(s, va, vb, "stylesheet"))
            t->rel_danger = 1;
    }
    return 0;
}

static int walk_tags(xs *x, size_t i, size_t n, int depth);

/* Tokenizes attributes from i (just after a tag name) up to the closing
 * '>' (or n) as an HTML5 tokenizer does and judges each. Values that hold
 * markup themselves (<a title="<img src=x onerror=..>">, or an escaped
 * document that was decoded) are walked once more, one level deep, which
 * keeps the whole walk within twice the input. Returns 1 on a finding;
 * *end gets the index after '>' (or n). */
static int tag_attrs(xs *x, tagstate *t, size_t i, size_t n, int depth, size_t *end)
{
    const unsigned char *s = x->s;
    for (;;) {
        while (i < n && (is_html_ws(s[i]) || s[i] == '/'))
            i++;
        if (i >= n)
            break;
        if (s[i] == '>') {
            i++;
            break;
        }
        size_t na = i++;
        while (i < n && !is_html_ws(s[i]) && s[i] != '/' && s[i] != '>' && s[i] != '=')
            i++;
        size_t nb = i;
        while (i < n && is_html_ws(s[i]))
            i++;
        size_t va = i, vb = i;
        int    has_value = 0;
        if (i < n && s[i] == '=') {
            i++;
            while (i < n && is_html_ws(s[i]))
                i++;
            has_value = 1;
            if (i < n && (s[i] == '"' || s[i] == '\'')) {
                unsigned char q = s[i++];
                va = i;
                while (i < n && s[i] != q)
                    i++;
                vb = i;
                if (i < n)
                    i++;
            } else {
                va = i;
                while (i < n && !is_html_ws(s[i]) && s[i] != '>')
                    i++;
                vb = i;
            }
        }
        if (judge_attr(x, t, na, nb, va, vb, has_value) ||
            (depth == 0 && vb > va && memchr(s + va, '<', vb - va) && walk_tags(x, va, vb, 1))) {
            *end = i;
            return 1;
        }
    }
    *end = i;
    return 0;
}

/* Verdict on a whole start tag once its attributes are known. */
static int judge_tag(xs *x, const tagstate *t, size_t end)
{
    int s = x->sens;
    switch (t->cls) {
    case TG_META:
        /* refresh/set-cookie, a charset switch (UTF-7), a redirect */
        if (t->http_equiv || (s >= 2 && (t->charset || t->content_url)) || (s >= 3 && t->nattr > 0))
            return hit(x, "meta tag", 80, t->start, end);
        break;
    case TG_LINK:
        /* a link without rel is no icon or canonical URL but an
         * injected one, completed by what follows the value */
        if (t->rel_danger || (s >= 2 && (t->href == 2 || (t->href && !t->rel))) ||
            (s >= 3 && t->href))
            return hit(x, "link tag", 75, t->start, end);
        break;
    case TG_FORM:
        if (t->action == 2 || (s >= 2 && t->action) || s >= 3)
            return hit(x, "form tag", 60, t->start, end);
        break;
    case TG_BASE:
        if (t->href || (s >= 2 && t->nattr > 0))
            return hit(x, "base tag", 85, t->start, end);
        break;
    case TG_SVG:
        /* plain inline SVG/MathML is common markup; namespace games are
         * how payloads smuggle it into XML and XHTML contexts */
        if (s >= 3 || (s >= 2 && (t->xmlns || t->prefixed)))
            return hit(x, "svg/math/xsl element", 55, t->start, end);
        break;
    case TG_XML:
        if (s >= 2 && t->src)
            return hit(x, "xml data island", 60, t->start, end);
        break;
    case TG_STYLE:
        if (s >= 2)
            return hit(x, "style tag", 50, t->start, end);
        break;
    case TG_OTHER:
        if (s >= 3 && t->nattr > 0)
            return hit(x, "unusual tag with attributes", 40, t->start, end);
        break;
    default:
        break;
    }
    return 0;
}

/* "<import ... implementation=" (also "<?import"): IE loading a behavior
 * (HTC) that runs script. i is just after '<' (and any '?'). */
static int ie_import_at(const unsigned char *s, size_t n, size_t i)
{
    if (!lit_at(s, n, i, "import"))
        return 0;
    size_t end = VIGIL__MIN(n, i + 96);
    for (size_t k = i + 6; k + 14 <= end && s[k] != '>'; k++) {
        if ((s[k] | 0x20) == 'i' && lit_at(s, n, k, "implementation")) {
            size_t j = k + 14;
            while (j < n && (s[j] <= 0x20 || s[j] == '/' || s[j] == '+'))
                j++;
            return j < n && s[j] == '=';
        }
    }
    return 0;
}

/* Is the tag name at i a dangerous one spelled out with junk between its
 * letters ("<f o r m", "<s/c/r/i/p/t")? Some filters and old parsers drop
 * the junk; ordinary text never spaces a tag name out. */
static int spaced_name_at(const unsigned char *s, size_t n, size_t i)
{
    static const char *const names[] = {
        "script", "iframe", "frame", "frameset", "object", "embed", "applet",
        "form", "meta", "base", "link", "style", "isindex",
    };
    char   w[12];
    size_t k = 0, gaps = 0;
    while (i < n && k < sizeof w - 1) {
        if (!is_alpha(s[i]))
            break;
        w[k++] = (char)vigil__lower(s[i++]);
        /* junk: non-word bytes other than angles, a few at a time */
        size_t j = i;
        while (j < n && j - i < 4 && !is_alnum(s[j]) && s[j] != '_' && s[j] != '<' && s[j] != '>')
            j++;
        if (j > i && j < n && is_alpha(s[j])) {
            gaps++;
            i = j;
        }
    }
    if (gaps == 0 || k < 4 || (i < n && is_alpha(s[i])))
        return 0;
    w[k] = '\0';
    for (size_t m = 0; m < VIGIL__COUNTOF(names); m++) {
        if (strcmp(w, names[m]) == 0)
            return 1;
    }
    return 0;
}

/* Name check of every '<': the tags that are dangerous by name alone. Run
 * on every '<' (not just those the tokenizer reaches) so that tags hidden
 * inside attribute values, comments or malformed tags are seen too. */
static int pass_tag_names(xs *x)
{
    const unsigned char *s = x->s;
    size_t               n = x->n;
    const unsigned char *p = s;
    while ((p = memchr(p, '<', (size_t)(s + n - p))) != NULL) {
        size_t lt = (size_t)(p - s);
        size_t i = lt + 1;
        int    endtag = 0;
        p++;
        if (i < n && s[i] == '/') {
            endtag = 1;
            i++;
        }
        if (i < n && s[i] == '?' && ie_import_at(s, n, i + 1))
            return hit(x, "IE behavior import", 80, lt, VIGIL__MIN(n, i + 7));
        if (x->sens >= 2 && i < n && (s[i] == '!' || s[i] == '?')) {
            /* DTD declarations and the PIs of IE behaviors and XSLT */
            static const char *const decl[] = {
                "!entity", "!attlist", "?import", "?xml:namespace", "?xml-stylesheet",
            };
            for (size_t k = 0; k < VIGIL__COUNTOF(decl); k++) {
                if (lit_at(s, n, i, decl[k]))
                    return hit(x, "markup declaration", 55, lt, i + strlen(decl[k]));
            }
            continue;
        }
        /* "<:vmlframe": a namespace prefix may be empty */
        if (i + 1 < n && s[i] == ':' && is_alpha(s[i + 1]))
            i++;
        if (i >= n || !is_alpha(s[i]))
            continue;
        size_t b = i;
        while (b < n && !tagname_end(s[b]) && b - i < 32)
            b++;
        if (!endtag && ie_import_at(s, n, i))
            return hit(x, "IE behavior import", 80, lt, b);
        if (!endtag && x->sens >= 2 && spaced_name_at(s, n, i))
            return hit(x, "tag name spread with junk", 60, lt, VIGIL__MIN(n, i + 32));
        int cls = classify_tag(s, i, b);
        if (endtag) {
            if (cls == TG_SCRIPT && x->sens >= 2)
                return hit(x, "script end tag", 70, lt, b);
            continue;
        }
        switch (cls) {
        case TG_SCRIPT:
            return hit(x, "script tag", 95, lt, b);
        case TG_FRAME:
        case TG_OBJECT:
        case TG_ISINDEX:
            /* a bare "<iframe>" in prose loads nothing; one with
             * attributes (or cut off) does */
            if (x->sens >= 2 || b >= n || s[b] != '>')
                return hit(x, "dangerous tag", 85, lt, b);
            break;
        case TG_LEGACY:
            if (x->sens >= 2)
                return hit(x, "dangerous tag", 65, lt, b);
            break;
        default:
            break;
        }
    }
    return 0;
}

/* Tokenizer walk in the HTML5 data state over s[i..n): tags with their
 * attributes, and <style> content as CSS. Comments and declarations are
 * not skipped, so what they hide is still looked at. */
static int walk_tags(xs *x, size_t i, size_t n, int depth)
{
    const unsigned char *s = x->s;
    while (i < n) {
        const unsigned char *p = memchr(s + i, '<', n - i);
        if (!p)
            break;
        size_t lt = (size_t)(p - s);
        i = lt + 1;
        if (i >= n || !is_alpha(s[i]))
            continue; /* end tags, comments, "<3", "a < b" */
        size_t b = i;
        while (b < n && !tagname_end(s[b]))
            b++;
        tagstate t;
        memset(&t, 0, sizeof t);
        t.cls = classify_tag(s, i, b);
        if (t.cls == TG_PREFIXED) {
            t.cls = TG_SVG;
            t.prefixed = 1;
        }
        t.start = lt;
        size_t end;
        if (tag_attrs(x, &t, b, n, depth, &end))
            return 1;
        i = end;
        if (t.cls == TG_STYLE && end > 0 && s[end - 1] == '>') {
            /* style is raw text up to </style: judge it as CSS */
            size_t close = find_lit(s, n, end, "</style");
            size_t where;
            int    k = css_check(x, end, close, 1, &where);
            if (k >= 0)
                return hit(x, css_detail(k), 80, lt, where);
            i = close;
        }
        if (judge_tag(x, &t, end))
            return 1;
    }
    return 0;
}

/* -------------------------------------------------------- context passes */

/* Attribute separator before an injected "on...=": what ends the previous
 * attribute or value in HTML5 (blanks, '/', quotes), plus other control
 * bytes, backticks (old IE quoting) and non-ASCII space look-alikes. */
static int attr_sep(unsigned char c)
{
    return c <= 0x20 || c == '/' || c == '"' || c == '\'' || c == '`' || c >= 0x80;
}

static int sink_word_at(const unsigned char *s, size_t n, size_t v);

/* "on<event>=" after an attribute separator anywhere: breaking out of an
 * attribute value, quoted or not (and, at sensitivity 2, formaction= or
 * srcdoc= injected the same way). Walks the '=' signs and looks back. */
static int pass_handlers(xs *x, int markup)
{
    const unsigned char *s = x->s;
    size_t               n = x->n;
    const unsigned char *p = s;
    while ((p = memchr(p, '=', (size_t)(s + n - p))) != NULL) {
        size_t eq = (size_t)(p - s);
        size_t e = eq;
        p++;
        while (e > 0 && (s[e - 1] <= 0x20 || s[e - 1] == '/') && eq - e < 8)
            e--;
        size_t a = e;
        while (a > 0 && is_alpha(s[a - 1]) && e - a < 48)
            a--;
        if (e - a < 4 || (a > 0 && is_alnum(s[a - 1])))
            continue;
        unsigned char c0 = vigil__lower(s[a]);
        if (!(c0 == 'o' && vigil__lower(s[a + 1]) == 'n') && c0 != 'f' && c0 != 's')
            continue;
        int strong = a == 0 || attr_sep(s[a - 1]);
        /* the value: an empty one ("onclick=\"\"") runs nothing */
        size_t v = eq + 1;
        while (v < n && s[v] <= 0x20)
            v++;
        if (v + 1 < n && (s[v] == '"' || s[v] == '\'') && s[v + 1] == s[v])
            continue;
        size_t ve = v;
        while (ve < n && ve - v < 64 && !is_html_ws(s[ve]) && s[ve] != '>')
            ve++;
        int code = memchr(s + v, '(', ve - v) != NULL || memchr(s + v, '`', ve - v) != NULL ||
                   sink_word_at(s, n, v);
        char   ev[48];
        size_t le = lower_copy(ev, sizeof ev, s, a, e);
        if (ev[0] == 'o' && ev[1] == 'n') {
            /* inside markup, or with a script-like value, lenient parsers
             * let any punctuation end the previous value: <img[e]onerror=..>,
             * ?q=x;onfocus=eval(..) */
            if (!strong && !markup && !code)
                continue;
            if (known_event(ev + 2, le - 2))
                return hit(x, "event handler attribute", 85, a, eq + 1);
            if (x->sens >= 3 && strong && a > 0)
                return hit(x, "event handler attribute", 50, a, eq + 1);
        } else if (x->sens >= 2 && strong && a > 0 &&
                   (strcmp(ev, "formaction") == 0 || strcmp(ev, "srcdoc") == 0)) {
            return hit(x, "injected formaction/srcdoc attribute", 60, a, eq + 1);
        }
    }
    return 0;
}

/* Does the scheme-ending colon at k follow "..pt" or "..ta" (blanks and
 * controls skipped)? A cheap gate: letters hidden as references are seen
 * in the reference-decoded variant the driver also passes. */
static int colon_after_scheme_tail(const unsigned char *s, size_t k)
{
    unsigned char last[2];
    int           got = 0;
    for (size_t j = k; j > 0 && k - j < 24 && got < 2; j--) {
        if (s[j - 1] > 0x20)
            last[got++] = vigil__lower(s[j - 1]);
    }
    return got == 2 && ((last[0] == 't' && last[1] == 'p') || (last[0] == 'a' && last[1] == 't'));
}

/* Script-capable URL schemes anywhere in the value. */
static int pass_schemes(xs *x)
{
    const unsigned char *s = x->s;
    size_t               n = x->n;
    size_t lead = skip_url_lead(s, n, 0);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = vigil__lower(s[i]);
        if (c != 'j' && c != 'v' && c != 'l' && c != 'd')
            continue;
        if (i > 0 && is_alnum(s[i - 1]))
            continue;
        size_t after;
        int    sch = scheme_at(s, n, i, &after);
        if (sch == SCH_SCRIPT) {
            if (looks_like_script(s, n, after, i == lead && x->sens >= 2))
                return hit(x, "javascript: URL", 85, i, after);
        } else if (sch == SCH_DATA) {
            if (data_mime_danger(s, n, after, x->sens, 0, 0))
                return hit(x, "data: URL with active content", 75, i, after);
        }
    }
    return 0;
}

/* ----------------------------------------------------------- JS contexts */

/* JS sinks that payloads call once out of a string. */
static const char *const sinks[] = {
    "alert", "prompt", "confirm", "eval", "settimeout", "setinterval",
    "execscript", "msgbox", "atob", "btoa",
};

/* Global objects whose properties payloads reach by computed name:
 * top["al"+"ert"](1), document['cookie']. */
static const char *const globals[] = {
    "top", "window", "self", "parent", "frames", "globalthis", "document",
    "opener", "content",
};

/* Property paths that only script written against the DOM mentions,
 * split at the dot; an empty left side matches any object. */
#define DOM_REF(o, p) {o, p, sizeof p - 1}
static const struct {
    const char *obj;
    const char *prop;
    size_t      plen;
} dom_refs[] = {
    DOM_REF("document", "cookie"), DOM_REF("document", "domain"),
    DOM_REF("document", "write"), DOM_REF("document", "location"),
    DOM_REF("window", "location"), DOM_REF("window", "name"), DOM_REF("window", "open"),
    DOM_REF("", "innerhtml"), DOM_REF("", "outerhtml"), DOM_REF("string", "fromcharcode"),
    DOM_REF("location", "hash"), DOM_REF("location", "href"), DOM_REF("top", "location"),
    DOM_REF("parent", "location"), DOM_REF("location", "replace"),
    DOM_REF("location", "assign"), DOM_REF("document", "queryselector"),
    DOM_REF("document", "queryselectorall"), DOM_REF("document", "createelement"),
    DOM_REF("", "insertadjacenthtml"),
};
#undef DOM_REF

static int in_list(const char *w, const char *const *list, size_t cnt)
{
    for (size_t j = 0; j < cnt; j++) {
        if (w[0] == list[j][0] && strcmp(w, list[j]) == 0)
            return 1;
    }
    return 0;
}

/* Does a sink's name stand alone at v ("onerror=alert;throw 1")? */
static int sink_word_at(const unsigned char *s, size_t n, size_t v)
{
    size_t e = v;
    char   w[16];
    while (e < n && is_ident(s[e]) && e - v < sizeof w)
        e++;
    if (e == v || e - v >= sizeof w || (e < n && is_ident(s[e])))
        return 0;
    lower_copy(w, sizeof w, s, v, e);
    return in_list(w, sinks, VIGIL__COUNTOF(sinks));
}

/* Lowercase identifier ending at e (exclusive) into buf; returns its start
 * or e when it is empty, too long or not preceded by a word boundary. */
static size_t ident_before(const unsigned char *s, size_t e, char *buf, size_t cap)
{
    size_t a = e;
    while (a > 0 && is_ident(s[a - 1]) && e - a < cap)
        a--;
    if (a == e || e - a >= cap || (a > 0 && is_ident(s[a - 1])))
        return e;
    lower_copy(buf, cap, s, a, e);
    return a;
}

/* Skips blanks and JS block comments (bounded) forward from i. */
static size_t skip_js_gap_fwd(const unsigned char *s, size_t n, size_t i)
{
    size_t start = i;
    while (i < n && i - start < 64) {
        if (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r') {
            i++;
        } else if (s[i] == '/' && i + 1 < n && s[i + 1] == '*') {
            size_t j = i + 2;
            while (j + 1 < n && j - i < 64 && !(s[j] == '*' && s[j + 1] == '/'))
                j++;
            if (j + 1 >= n || s[j] != '*')
                break;
            i = j + 2;
        } else {
            break;
        }
    }
    return i;
}

/* Same, backwards from i (exclusive). */
static size_t skip_js_gap_back(const unsigned char *s, size_t i)
{
    size_t start = i;
    while (i > 0 && start - i < 64) {
        if (s[i - 1] == ' ' || s[i - 1] == '\t' || s[i - 1] == '\n' || s[i - 1] == '\r') {
            i--;
        } else if (s[i - 1] == '/' && i >= 2 && s[i - 2] == '*') {
            size_t j = i - 2;
            while (j >= 2 && i - j < 64 && !(s[j - 2] == '/' && s[j - 1] == '*'))
                j--;
            if (j < 2 || s[j - 2] != '/')
                break;
            i = j - 2;
        } else {
            break;
        }
    }
    return i;
}

/* At sensitivity >= 2: script in a JS context, found from the bytes that
 * make a call or an index: '(' '`' '['. A sink called right at the start
 * of the value or right after a JS operator or quote (';alert(1)//,
 * "-alert(1)-", (alert)(1), alert.call(null,1), new Function(..)), a
 * tagged template through call/apply/bind, or a global object indexed by
 * a string. Prose such as "please confirm (yes/no)" has a blank before
 * the sink or before the parenthesis and is left alone. */
static int js_at(xs *x, size_t i);

static int pass_js(xs *x)
{
    static const char trig[] = {'(', '`', '['};
    const unsigned char *s = x->s;
    for (size_t t = 0; t < sizeof trig; t++) {
        const unsigned char *p = s + 1;
        while (p < s + x->n && (p = memchr(p, trig[t], (size_t)(s + x->n - p))) != NULL) {
            if (js_at(x, (size_t)(p - s)))
                return 1;
            p++;
        }
    }
    return 0;
}

/* Judges the '(' '`' or '[' at i > 0 for pass_js. */
static int js_at(xs *x, size_t i)
{
    const unsigned char *s = x->s;
    size_t               n = x->n;
    char                 w[16];
    unsigned char        c = s[i];
    /* a template may follow its tag after blanks: call `${..}` */
    size_t               t = c == '`' ? skip_js_gap_back(s, i) : i;
    size_t               e = t;
    if (e > 0 && s[e - 1] == ')')
        e--; /* (alert)(1), (document)['cookie'] */
    size_t a = ident_before(s, e, w, sizeof w);
    if (a == e)
        return 0;
    if (c == '[') {
        if (i + 1 >= n || (s[i + 1] != '\'' && s[i + 1] != '"' && s[i + 1] != '`') ||
            !in_list(w, globals, VIGIL__COUNTOF(globals)))
            return 0;
        /* used as code: concatenated, then called, indexed, assigned or
         * ending the value; not prose like "top['deals'] this week" */
        const unsigned char *q = memchr(s + i, ']', VIGIL__MIN(n - i, (size_t)64));
        if (!q)
            return 0;
        size_t k = (size_t)(q - s) + 1;
        if (memchr(s + i, '+', k - i) || k >= n || (s[k] != 0 && strchr("([=.`;)", s[k]) != NULL))
            return hit(x, "global object indexed by string", 60, a, k);
        return 0;
    }
    size_t dot = skip_js_gap_back(s, a);
    if (e == t && dot > 0 && s[dot - 1] == '.' &&
        (strcmp(w, "call") == 0 || strcmp(w, "apply") == 0 || strcmp(w, "bind") == 0)) {
        if (c == '`' && i + 2 < n && s[i + 1] == '$' && s[i + 2] == '{')
            return hit(x, "tagged template call", 70, a, i + 3);
        if (t != i)
            return 0;
        /* alert.call(..): judge the name before the dot */
        e = skip_js_gap_back(s, dot - 1);
        a = ident_before(s, e, w, sizeof w);
        if (a == e)
            return 0;
    }
    if (t != i)
        return 0; /* "confirm `yes`" is markdown, not a call */
    /* x.constructor('code')(): the Function constructor by another name */
    if (c == '(' && e == i && i + 1 < n && (s[i + 1] == '\'' || s[i + 1] == '"' || s[i + 1] == '`') &&
        strcmp(w, "constructor") == 0)
        return hit(x, "Function constructor call", 70, a, i + 2);
    int sink = in_list(w, sinks, VIGIL__COUNTOF(sinks)) ||
               (e - a == 8 && memcmp(s + a, "Function", 8) == 0);
    if (!sink)
        return 0;
    int ok;
    if (a == 0)
        ok = i + 1 < n; /* at the very start a bare "eval(" is no call yet */
    else
        ok = (a >= 4 && lit_at(s, n, a - 4, "new ")) ||
             (s[a - 1] != 0 && strchr(";+-*/|&,^%~!=(){}[]<>?:.'\"`\\", s[a - 1]) != NULL);
    if (ok)
        return hit(x, "script call in JS context", 70, a, i + 1);
    return 0;
}

/* Bit set of lowercase letters, for one-instruction membership tests. */
#define LBIT(ch) (1u << ((ch) - 'a'))

static int letter_in(unsigned char c, uint32_t set)
{
    unsigned d = (unsigned)((c | 0x20) - 'a');
    return d < 26u && ((set >> d) & 1u);
}

/* The first two letters of the properties in dom_refs, as bit sets of
 * second letters indexed by the first: one lookup rejects most words. */
static const uint32_t dom_bigram[26] = {
    ['a' - 'a'] = LBIT('s'),             /* assign                      */
    ['c' - 'a'] = LBIT('o') | LBIT('r'), /* cookie createelement        */
    ['d' - 'a'] = LBIT('o'),             /* domain                      */
    ['f' - 'a'] = LBIT('r'),             /* fromcharcode                */
    ['h' - 'a'] = LBIT('a') | LBIT('r'), /* hash href                   */
    ['i' - 'a'] = LBIT('n'),             /* innerhtml insertadjacenthtml */
    ['l' - 'a'] = LBIT('o'),             /* location                    */
    ['n' - 'a'] = LBIT('a'),             /* name                        */
    ['o' - 'a'] = LBIT('p') | LBIT('u'), /* open outerhtml              */
    ['q' - 'a'] = LBIT('u'),             /* queryselector(all)          */
    ['r' - 'a'] = LBIT('e'),             /* replace                     */
    ['w' - 'a'] = LBIT('r'),             /* write                       */
};

/* Could the letters c1 c2 start a property in dom_refs? */
static int dom_prefix(unsigned char c1, unsigned char c2)
{
    unsigned d = (unsigned)((c1 | 0x20) - 'a');
    return d < 26u && letter_in(c2, dom_bigram[d]);
}

/* Does the '.' at i reference DOM state that only script needs
 * (document.cookie, window.location, .innerHTML), with blanks or comments
 * allowed around the dot, used as code (assigned, called, passed, ending
 * the value) rather than named in prose ("document.cookie policy")? On
 * success *a and *b get the evidence span. */
static int dom_at(const unsigned char *s, size_t n, size_t i, size_t *a, size_t *b)
{
    char   lw[16], rw[24];
    size_t r = i + 1;
    if (r < n && !is_alpha(s[r]))
        r = skip_js_gap_fwd(s, n, r);
    /* JS is case-sensitive and these properties start lowercase */
    if (r + 1 >= n || s[r] < 'a' || !dom_prefix(s[r], s[r + 1]))
        return 0;
    size_t re = r;
    while (re < n && is_ident(s[re]) && re - r < sizeof rw)
        re++;
    if (re - r < 4 || re - r >= sizeof rw || (re < n && is_ident(s[re])))
        return 0;
    lower_copy(rw, sizeof rw, s, r, re);
    size_t la = 0;
    int    have_left = 0;
    for (size_t k = 0; k < VIGIL__COUNTOF(dom_refs); k++) {
        if (dom_refs[k].plen != re - r || dom_refs[k].prop[0] != rw[0] ||
            memcmp(rw, dom_refs[k].prop, dom_refs[k].plen) != 0)
            continue;
        if (!have_left) {
            size_t l = skip_js_gap_back(s, i);
            la = ident_before(s, l, lw, sizeof lw);
            if (la == l)
                lw[0] = '\0';
            have_left = 1;
        }
        if (dom_refs[k].obj[0] != '\0' && strcmp(lw, dom_refs[k].obj) != 0)
            continue;
        size_t q = skip_js_gap_fwd(s, n, re);
        if (q >= n || (s[q] != 0 && strchr("=();+,.[]'\"`}", s[q]) != NULL)) {
            *a = la;
            *b = re;
            return 1;
        }
    }
    return 0;
}

/* At sensitivity >= 2: DOM state referenced as code anywhere. */
static int pass_dom(xs *x)
{
    const unsigned char *s = x->s;
    size_t               n = x->n;
    const unsigned char *p = s;
    while ((p = memchr(p, '.', (size_t)(s + n - p))) != NULL) {
        size_t a, b;
        if (dom_at(s, n, (size_t)(p - s), &a, &b))
            return hit(x, "DOM property reference", 55, a, b);
        p++;
    }
    return 0;
}

/* JSFuck-style code: a long run of []()!+ with many ! and +. */
static int pass_jsfuck(xs *x)
{
    const unsigned char *s = x->s;
    size_t               run = 0, bang = 0;
    for (size_t i = 0; i < x->n; i++) {
        unsigned char c = s[i];
        if (c == '[' || c == ']' || c == '(' || c == ')' || c == '!' || c == '+' || c == ' ') {
            run++;
            if (c == '!' || c == '+')
                bang++;
            if (run >= 24 && bang >= 6)
                return hit(x, "JSFuck-style script", 65, i + 1 - run, i + 1);
        } else {
            run = bang = 0;
        }
    }
    return 0;
}

/* At sensitivity >= 2: AngularJS-style expression sandbox escapes. */
static int pass_template(xs *x)
{
    const unsigned char *s = x->s;
    size_t               n = x->n;
    size_t               i = 0;
    while (i + 1 < n) {
        const unsigned char *p = memchr(s + i, '{', n - i - 1);
        if (!p)
            break;
        size_t a = (size_t)(p - s);
        if (s[a + 1] != '{') {
            i = a + 1;
            continue;
        }
        size_t b = a + 2;
        while (b + 1 < n && !(s[b] == '}' && s[b + 1] == '}'))
            b++;
        if (b + 1 >= n)
            b = n;
        if (range_has(s, a, b, "constructor") || range_has(s, a, b, "$eval") ||
            range_has(s, a, b, "$on.") || range_has(s, a, b, "alert(") ||
            range_has(s, a, b, "$window") || range_has(s, a, b, "fromcharcode"))
            return hit(x, "template expression injection", 75, a, b + 2);
        i = b + 2;
    }
    return 0;
}

/* Length of an encoded '<' or '>' at i (reference, percent, JS or UTF-7
 * escape, fullwidth form), or 0. */
static size_t encoded_angle(const unsigned char *s, size_t n, size_t i)
{
    static const char *const forms[] = {
        "%3c", "%3e", "%u003c", "%u003e", "%uff1c", "%uff1e", "\\x3c", "\\x3e",
        "\\u003c", "\\u003e", "\\uff1c", "\\uff1e", "\\u{3c}", "\\u{3e}", "\\074",
        "\\076", "+adw-", "+ad4-", "\xef\xbc\x9c", "\xef\xbc\x9e", "&lt", "&gt",
    };
    size_t l;
    long   v = ref_at(s, n, i, &l);
    if (v == '<' || v == '>' || v == 0xff1c || v == 0xff1e)
        return l;
    for (size_t k = 0; k < VIGIL__COUNTOF(forms); k++) {
        if (lit_at(s, n, i, forms[k]))
            return strlen(forms[k]);
    }
    return 0;
}

/* At sensitivity >= 2: a value that is nothing but an encoded '<' (or
 * '>') is a filter probe ("&#x3c", "%3C", "\x3c"): no one types those. A
 * UTF-7 '<' followed by a tag name is a UTF-7 tag. */
static int pass_encoded_lt(xs *x)
{
    const unsigned char *s = x->s;
    size_t               n = x->n;
    size_t               a = 0, b = n;
    while (a < b && s[a] <= 0x20)
        a++;
    while (b > a && s[b - 1] <= 0x20)
        b--;
    size_t i = a;
    while (i < b && (s[i] == '&' || s[i] == '%' || s[i] == '\\' || s[i] == '+' || s[i] == 0xef)) {
        size_t l = encoded_angle(s, b, i);
        if (l == 0)
            break;
        i += l;
    }
    if (i == b && b > a)
        return hit(x, "encoded tag opener", 40, a, b);
    const unsigned char *p = s;
    while ((p = memchr(p, '+', (size_t)(s + n - p))) != NULL) {
        size_t k = (size_t)(p - s);
        p++;
        if (k + 5 < n && memcmp(s + k, "+ADw-", 5) == 0 &&
            (is_alpha(s[k + 5]) || s[k + 5] == '/' || s[k + 5] == '+'))
            return hit(x, "UTF-7 encoded tag", 60, k, k + 6);
    }
    return 0;
}

/* At sensitivity >= 2: a closing tag written with the high bit set on its
 * angles (0xBC '/' name 0xBE, also as the last byte of a UTF-8 sequence):
 * read as US-ASCII with the top bit dropped it is "</script>". Only the
 * closing form counts; an opening 0xBC alone is too common in text. */
static int pass_hibit(xs *x)
{
    const unsigned char *s = x->s;
    size_t               n = x->n;
    const unsigned char *p = s;
    while ((p = memchr(p, 0xbc, (size_t)(s + n - p))) != NULL) {
        size_t k = (size_t)(p - s), i = k + 1;
        p++;
        while (i < n && s[i] <= 0x20 && i - k < 4)
            i++;
        if (i >= n || s[i] != '/')
            continue;
        i++;
        while (i < n && s[i] <= 0x20 && i - k < 8)
            i++;
        size_t a = i;
        while (i < n && is_alpha(s[i]) && i - a < 16)
            i++;
        int cls = classify_local(s, a, i);
        if (cls != TG_SCRIPT && cls != TG_FRAME && cls != TG_OBJECT && cls != TG_STYLE)
            continue;
        for (size_t j = i; j < n && j - i < 3; j++) {
            if (s[j] == 0xbe || s[j] == '>')
                return hit(x, "high-bit encoded tag", 65, k, j + 1);
        }
    }
    return 0;
}

/* ------------------------------------------------------------- pre-scan */

/* What the pre-scan found: each pass below runs only when the bytes it
 * needs are present in a shape it could act on. Each flag is a necessary
 * condition of its pass, so skipping a pass never changes the verdict. */
enum {
    F_LT = 1u << 0,       /* some '<' (markup context for handlers)        */
    F_TAGS = 1u << 1,     /* a '<' that can open a tag or a declaration    */
    F_HANDLERS = 1u << 2, /* "on..=" (or formaction= / srcdoc=)            */
    F_SCHEMES = 1u << 3,  /* ':' or &colon; after "..pt" or "..ta"         */
    F_COLON = 1u << 4,
    F_BSL = 1u << 5,
    F_PAREN = 1u << 6,    /* '(' or '`'                                    */
    F_CSSCALL = 1u << 7,  /* "ession(" or "url("                           */
    F_COMMENT = 1u << 8,  /* a CSS or JS comment opener                    */
    F_ENC = 1u << 9,      /* an encoded '<' could make up the value        */
    F_JS = 1u << 10,      /* a call, template or index after an identifier */
    F_DOM = 1u << 11,     /* a DOM property used as code                   */
    F_JSFUCK = 1u << 12,  /* brackets next to []()!+                       */
    F_TMPL = 1u << 13,    /* "{{"                                          */
    F_HIBIT = 1u << 14,   /* 0xBC '/': a closing tag with the high bit set */
};

/* The bytes the pre-scan stops at; everything else is skipped in bulk. */
static const unsigned char trigger[256] = {
    ['<'] = 1, ['='] = 1, [':'] = 1, ['&'] = 1, ['\\'] = 1, ['*'] = 1, ['('] = 1,
    ['`'] = 1, ['['] = 1, ['{'] = 1, ['.'] = 1, ['+'] = 1, [0xbc] = 1,
};

/* Does the identifier before s[e] (after a ')' for "(alert)(1)") name
 * something js_at acts on: a sink, Function, call/apply/bind or
 * constructor; with `global`, a global object indexed by a string? The
 * necessary condition of js_at, so that "foo(bar)" costs no pass. */
static int js_name_at(const unsigned char *s, size_t e, int global)
{
    char w[16];
    if (e > 0 && s[e - 1] == ')')
        e--;
    size_t a = ident_before(s, e, w, sizeof w);
    if (a == e)
        return 0;
    if (global)
        return in_list(w, globals, VIGIL__COUNTOF(globals));
    return in_list(w, sinks, VIGIL__COUNTOF(sinks)) || strcmp(w, "call") == 0 ||
           strcmp(w, "apply") == 0 || strcmp(w, "bind") == 0 || strcmp(w, "constructor") == 0 ||
           (e - a == 8 && memcmp(s + a, "Function", 8) == 0);
}

#if defined(__GNUC__)
#define XSS_COLD __attribute__((noinline))
#define XSS_INLINE __attribute__((always_inline)) inline
#else
#define XSS_COLD
#define XSS_INLINE inline
#endif

/* '=': is the name before it, as pass_handlers reads it, an on* handler
 * (or, at sensitivity 2, formaction or srcdoc)? */
static XSS_COLD unsigned eq_trigger(const unsigned char *s, size_t n, size_t i, int sens)
{
    size_t e = i;
    while (e > 0 && (s[e - 1] <= 0x20 || s[e - 1] == '/') && i - e < 8)
        e--;
    size_t a = e, lim = e > 48 ? e - 48 : 0;
    while (a > lim && is_alpha(s[a - 1]))
        a--;
    if (e - a < 4 || (a > 0 && is_alnum(s[a - 1])))
        return 0;
    unsigned char c0 = vigil__lower(s[a]);
    if (c0 == 'o' && vigil__lower(s[a + 1]) == 'n')
        return F_HANDLERS;
    if (sens >= 2 && ((c0 == 'f' && e - a == 10 && lit_at(s, n, a, "formaction")) ||
                      (c0 == 's' && e - a == 6 && lit_at(s, n, a, "srcdoc"))))
        return F_HANDLERS;
    return 0;
}

/* '(' : CSS "expression(" / "url(" and, at sensitivity 2, a call. */
static XSS_COLD unsigned paren_trigger(const unsigned char *s, size_t n, size_t i, int sens)
{
    unsigned f = F_PAREN;
    size_t   k = i;
    while (k > 0 && s[k - 1] <= 0x20)
        k--;
    if ((k >= 6 && lit_at(s, n, k - 6, "ession")) || (k >= 3 && lit_at(s, n, k - 3, "url")))
        f |= F_CSSCALL;
    if (sens >= 2 && js_name_at(s, i, 0))
        f |= F_JS;
    return f;
}

/* Is the tag at i (just after '<') one no pass can act on: a short name
 * of ordinary or unknown markup closed right away, without attributes
 * ("<b>", "<john@example.com>", "List<String>")? */
static XSS_COLD int plain_tag_at(const unsigned char *s, size_t n, size_t i)
{
    size_t b = i;
    while (b < n && !tagname_end(s[b]) && b - i < 32)
        b++;
    if (b < n && s[b] != '>')
        return 0;
    int cls = classify_tag(s, i, b);
    return (cls == TG_OTHER || cls == TG_COMMON) && !ie_import_at(s, n, i) &&
           !spaced_name_at(s, n, i);
}

/* Rarer trigger bytes. */
static XSS_COLD unsigned other_trigger(const unsigned char *s, size_t n, size_t i, int sens)
{
    unsigned char c = s[i];
    unsigned char nx = i + 1 < n ? s[i + 1] : 0;
    size_t        a, b;
    switch (c) {
    case '&':
        /* only &colon; &#58; &#x3a; (any case, any leading zeros) hide
         * a scheme's colon */
        if ((nx == '#' ? ref_at(s, n, i, &a) == ':' : lit_at(s, n, i + 1, "colon;")) &&
            colon_after_scheme_tail(s, i))
            return F_SCHEMES;
        return 0;
    case ':':
        return colon_after_scheme_tail(s, i) ? F_SCHEMES : 0;
    case '`':
        return F_PAREN | (sens >= 2 && js_name_at(s, skip_js_gap_back(s, i), 0) ? F_JS : 0u);
    case '[': {
        unsigned f = 0;
        if (sens < 2)
            return 0;
        if ((nx == '\'' || nx == '"' || nx == '`') && js_name_at(s, i, 1))
            f |= F_JS;
        if ((nx && strchr("[]()!+", nx)) || (i > 0 && strchr("[]()!+", s[i - 1])))
            f |= F_JSFUCK;
        return f;
    }
    case '.':
        return dom_at(s, n, i, &a, &b) ? F_DOM : 0;
    case '+':
        return i + 5 < n && memcmp(s + i, "+ADw-", 5) == 0 ? F_ENC : 0;
    default:
        return 0;
    }
}

/* Judges one trigger byte at i and returns the flags it adds: what most
 * benign occurrences look like is rejected inline, the rest out of line. */
static XSS_INLINE unsigned on_trigger(const unsigned char *s, size_t n, size_t i, int sens)
{
    unsigned char c = s[i];
    unsigned char nx = i + 1 < n ? s[i + 1] : 0;
    unsigned char pv = i > 0 ? s[i - 1] : 0;
    switch (c) {
    case '<':
        if (is_alpha(nx))
            return F_LT | (plain_tag_at(s, n, i + 1) ? 0u : F_TAGS);
        if (nx == '/' || nx == '!' || nx == '?' || nx == ':')
            return F_LT | F_TAGS;
        return F_LT;
    case '=':
        if (!is_alpha(pv))
            return pv > 0x20 && pv != '/' ? 0 : eq_trigger(s, n, i, sens);
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
        if (i >= 8) {
            /* the letters before it, eight at a time: a high bit per
             * ASCII letter, then the run that ends at the '=' */
            const uint64_t hi = 0x8080808080808080ull, one = 0x0101010101010101ull;
            uint64_t       w, l;
            memcpy(&w, s + i - 8, 8);
            l = (w | 0x20 * one) & 0x7f * one;
            uint64_t other = ~((l + 0x1f * one) & ~(l + 0x05 * one) & ~w) & hi;
            if (other) {
                size_t run = (size_t)__builtin_clzll(other) / 8;
                size_t a = i - run;
                if (run < 4 || is_digit(s[a - 1]))
                    return 0;
                if (vigil__lower(s[a]) == 'o' && vigil__lower(s[a + 1]) == 'n')
                    return F_HANDLERS;
                return sens >= 2 && run == 6 && lit_at(s, n, a, "srcdoc") ? F_HANDLERS : 0;
            }
        }
#endif
        /* a handler name is at least four letters */
        if (i < 4 || !is_alpha(s[i - 2]) || !is_alpha(s[i - 3]) || !is_alpha(s[i - 4]))
            return 0;
        return eq_trigger(s, n, i, sens);
    case ':': {
        /* "..pt:" or "..ta:" (blanks between allowed) may end a scheme */
        unsigned char l1 = vigil__lower(pv);
        if (l1 > 0x20 && !(l1 == 't' && i >= 2 && ((s[i - 2] | 0x20) == 'p' || s[i - 2] <= 0x20)) &&
            !(l1 == 'a' && i >= 2 && ((s[i - 2] | 0x20) == 't' || s[i - 2] <= 0x20)))
            return F_COLON;
        return F_COLON | other_trigger(s, n, i, sens);
    }
    case '&':
        if (nx != '#' && !((nx | 0x20) == 'c' && i + 5 < n && (s[i + 2] | 0x20) == 'o' &&
                           (s[i + 3] | 0x20) == 'l' && (s[i + 5] | 0x20) == 'n'))
            return 0;
        return other_trigger(s, n, i, sens);
    case '\\':
        return F_BSL;
    case '*':
        return pv == '/' ? F_COMMENT : 0;
    case '(': {
        /* a call needs an identifier right before it; "url (" and
         * "expression (" may have blanks between */
        size_t k = i;
        while (k > 0 && s[k - 1] <= 0x20 && i - k < 4)
            k--;
        unsigned char q = k > 0 ? (unsigned char)(s[k - 1] <= 0x20 ? 'l' : s[k - 1] | 0x20) : 0;
        if (q != 'n' && q != 'l' && (k < i || sens < 2 || (!is_ident(pv) && pv != ')')))
            return F_PAREN;
        return paren_trigger(s, n, i, sens);
    }
    case '{':
        return sens >= 2 && nx == '{' ? F_TMPL : 0;
    case '.':
        /* most dots end a sentence or sit in a number or host name */
        if (sens < 2)
            return 0;
        if (is_alpha(nx)) {
            /* a listed property: lowercase, four or more identifier bytes */
            if (nx < 'a' || i + 4 >= n || !dom_prefix(nx, s[i + 2]) || !is_ident(s[i + 3]) ||
                !is_ident(s[i + 4]))
                return 0;
        } else if (nx == ' ') {
            /* ". Next sentence" */
            if (i + 3 < n && is_alpha(s[i + 2]) && (s[i + 2] < 'a' || !dom_prefix(s[i + 2], s[i + 3])))
                return 0;
        } else if (!(nx == '\t' || nx == '\n' || nx == '\r' || nx == '/')) {
            return 0;
        }
        return other_trigger(s, n, i, sens);
    case '+':
        return sens >= 2 && nx == 'A' ? other_trigger(s, n, i, sens) : 0;
    case 0xbc:
        return sens >= 2 && (nx == '/' || nx <= 0x20) ? F_HIBIT : 0;
    default:
        return other_trigger(s, n, i, sens);
    }
}

#if defined(__SSE2__) && defined(__GNUC__)
/* Bit mask of the trigger bytes among the 16 at s + i. Pairs of triggers
 * one bit apart share a compare: (x | 1) == '=' finds '<' and '='. Dots
 * followed by a digit (versions, decimals, IP addresses) cannot start a
 * DOM property; when the next byte is in reach they are dropped here. */
static XSS_INLINE unsigned trigger_mask(const unsigned char *s, size_t n, size_t i)
{
    const __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
#define EQ(ch) _mm_cmpeq_epi8(x, _mm_set1_epi8((char)(ch)))
#define EQ2(bit, ch) _mm_cmpeq_epi8(_mm_or_si128(x, _mm_set1_epi8((char)(bit))), _mm_set1_epi8((char)(ch)))
    __m128i t = _mm_or_si128(_mm_or_si128(EQ2(0x01, '='), EQ2(0x01, '+')),  /* < = * + */
                             _mm_or_si128(EQ2(0x20, '{'), EQ(':')));
    t = _mm_or_si128(t, _mm_or_si128(_mm_or_si128(EQ('&'), EQ('\\')), _mm_or_si128(EQ('('), EQ('`'))));
    t = _mm_or_si128(t, EQ(0xbc));
    __m128i  dot = EQ('.');
    unsigned md = (unsigned)_mm_movemask_epi8(dot);
#undef EQ2
#undef EQ
    if (md && i + 17 <= n) {
        const __m128i y = _mm_loadu_si128((const __m128i *)(const void *)(s + i + 1));
        __m128i       d = _mm_sub_epi8(y, _mm_set1_epi8('0'));
        d = _mm_cmpeq_epi8(_mm_min_epu8(d, _mm_set1_epi8(9)), d);
        md = (unsigned)_mm_movemask_epi8(_mm_andnot_si128(d, dot));
    }
    return (unsigned)_mm_movemask_epi8(t) | md;
}
#endif

/* The pre-scan of short values, a byte at a time: the caller stays small
 * and the judging of a (rare) trigger is a call. */
static XSS_COLD unsigned on_trigger_call(const unsigned char *s, size_t n, size_t i, int sens)
{
    return on_trigger(s, n, i, sens);
}

static unsigned prescan_bytes(const unsigned char *s, size_t n, int sens)
{
    unsigned fl = 0;
    for (size_t i = 0; i < n; i++) {
        if (trigger[s[i]])
            fl |= on_trigger_call(s, n, i, sens);
    }
    return fl;
}

#if defined(__SSE2__) && defined(__GNUC__)
/* The pre-scan of values of 16 bytes or more, 16 at a time. */
static XSS_COLD unsigned prescan_blocks(const unsigned char *s, size_t n, int sens)
{
    unsigned fl = 0;
    size_t   i = 0;
    for (; i + 16 <= n; i += 16) {
        unsigned m = trigger_mask(s, n, i);
        while (m) {
            fl |= on_trigger(s, n, i + (unsigned)__builtin_ctz(m), sens);
            m &= m - 1;
        }
    }
    if (i < n) {
        /* the last block overlaps what was seen; drop those bits */
        size_t   j = n - 16;
        unsigned m = trigger_mask(s, n, j) >> (i - j) << (i - j);
        while (m) {
            fl |= on_trigger(s, n, j + (unsigned)__builtin_ctz(m), sens);
            m &= m - 1;
        }
    }
    return fl;
}
#endif

/* One pass over the value: the flags of every trigger byte. */
static unsigned prescan(const unsigned char *s, size_t n, int sens)
{
#if defined(__SSE2__) && defined(__GNUC__)
    if (n >= 16)
        return prescan_blocks(s, n, sens);
#endif
    return prescan_bytes(s, n, sens);
}

/* Bytes a value of nothing but encoded angles can start with: blanks and
 * the first bytes of the encodings. */
static const unsigned char enc_start[256] = {
    [0] = 1, [1] = 1, [2] = 1, [3] = 1, [4] = 1, [5] = 1, [6] = 1, [7] = 1, [8] = 1,
    [9] = 1, [10] = 1, [11] = 1, [12] = 1, [13] = 1, [14] = 1, [15] = 1, [16] = 1,
    [17] = 1, [18] = 1, [19] = 1, [20] = 1, [21] = 1, [22] = 1, [23] = 1, [24] = 1,
    [25] = 1, [26] = 1, [27] = 1, [28] = 1, [29] = 1, [30] = 1, [31] = 1, [32] = 1,
    ['&'] = 1, ['%'] = 1, ['\\'] = 1, ['+'] = 1, [0xef] = 1,
};

/* At sensitivity >= 2 a value made of nothing but encoded angles starts
 * with one of the bytes that begin an encoding. */
static unsigned starts_encoded(const unsigned char *s, size_t n)
{
    size_t a = 0;
    while (a < n && s[a] <= 0x20)
        a++;
    if (a < n && (s[a] == '&' || s[a] == '%' || s[a] == '\\' || s[a] == '+' || s[a] == 0xef))
        return F_ENC;
    return 0;
}

/* ------------------------------------------------------------------ entry */

static XSS_COLD int run_passes(const unsigned char *s, size_t n, int sens, vigil__finding *f,
                                unsigned fl);

int vigil__detect_xss(const char *str, size_t n, int sensitivity, vigil__finding *f)
{
    if (!str || n == 0 || !f)
        return 0;
    const unsigned char *s = (const unsigned char *)str;
    int                  sens = sensitivity < 1 ? 1 : sensitivity > 3 ? 3 : sensitivity;
    unsigned             fl = prescan(s, n, sens);
    if (sens >= 2 && enc_start[s[0]])
        fl |= starts_encoded(s, n);
    if (!(fl & ~(unsigned)(F_LT | F_COLON | F_BSL | F_PAREN | F_CSSCALL | F_COMMENT)) &&
        !((fl & F_COLON) && (fl & (F_BSL | F_CSSCALL | F_COMMENT))))
        return 0;
    return run_passes(s, n, sens, f, fl);
}

/* The passes the pre-scan asked for, in order of confidence. */
static XSS_COLD int run_passes(const unsigned char *s, size_t n, int sens, vigil__finding *f, unsigned fl)
{
    xs x;
    x.s = s;
    x.n = n;
    x.sens = sens;
    x.f = f;

    if ((fl & F_TAGS) && (pass_tag_names(&x) || walk_tags(&x, 0, n, 0)))
        return 1;
    if ((fl & F_HANDLERS) && pass_handlers(&x, (fl & F_LT) != 0))
        return 1;
    if ((fl & F_SCHEMES) && pass_schemes(&x))
        return 1;
    /* CSS outside markup: keywords can hide behind escapes or comments,
     * else one must appear literally before a parenthesis */
    if ((fl & F_COLON) && ((fl & F_BSL) || ((fl & F_PAREN) && (fl & (F_COMMENT | F_CSSCALL))))) {
        size_t where;
        int    k = css_check(&x, 0, n, 0, &where);
        if (k >= 0)
            return hit(&x, css_detail(k), 75, where > 16 ? where - 16 : 0, where);
    }
    if (sens >= 2) {
        if ((fl & F_ENC) && pass_encoded_lt(&x))
            return 1;
        if ((fl & F_JS) && pass_js(&x))
            return 1;
        if ((fl & F_DOM) && pass_dom(&x))
            return 1;
        if ((fl & F_JSFUCK) && pass_jsfuck(&x))
            return 1;
        if ((fl & F_TMPL) && pass_template(&x))
            return 1;
        if ((fl & F_HIBIT) && pass_hibit(&x))
            return 1;
    }
    return 0;
}
