/*
 * detect_sqli.c - SQL injection detector.
 *
 * The value is tokenized (sqli_lex.c) in the contexts an application may
 * paste it into: as-is (`WHERE id = <v>`), and inside a single-, double-
 * or backtick-quoted string or name (`WHERE name = '<v>'`, where the first
 * token is the string the value closes); a backslash in the value adds
 * the readings of databases where it does not escape quotes. A small
 * permissive SQL grammar, run as a state machine, follows each token
 * stream for as long as it stays valid SQL. Prose dies within a couple of
 * tokens (two bare words in a row, a string followed by a word, a keyword
 * out of place), while an injection has to be valid SQL to work. Along
 * the valid prefix the machine notes injection shapes, each with a
 * strength level:
 *
 *   1 (fires at every sensitivity): UNION SELECT after a value or break,
 *     a stacked statement after ';', a tautology or condition after a
 *     string break, time-delay / error-based / file / command functions
 *     inside an expression, INTO OUTFILE, a code-like subquery.
 *   2 (default): the same shapes in weaker positions, comment truncation
 *     after a word ("admin'--"), ORDER BY / GROUP BY n probes, operator
 *     chains after a break ending in the application's quote, CASE
 *     expressions, whole SQL statements, server variables and functions;
 *     probes that are SQL fragments rather than whole injections: a bare
 *     function call ("hex(") or one cut short ("if(2="), a system catalog
 *     name, a select-list tail ("1 AS x FROM t"), a statement ended after
 *     a break ("admin';"), PostgreSQL casts and JSON operators, calls of
 *     functions only SQL has, MySQL evasions ("1.e(", "{x expr}").
 *   3 (sensitivity 3 only): lone "' --", "1 --", conditions after words,
 *     statements run on after prose.
 *
 * For the as-is context up to three machines run in lockstep on one token
 * stream: the value as an operand (`1 OR 1=1`), as a continuation after
 * an operand (` OR 1=1`, `) UNION SELECT`), and as a whole statement
 * (`SELECT * FROM users`). When they all die on junk, reading restarts
 * after an '=' that SQL follows ("select]=(extractvalue(..."). A few
 * signals count wherever they stand (a SQL-only time/error/file/command
 * function called with an argument, WAITFOR DELAY '..', "/" "*!50000").
 *
 * Cost: a byte-class pre-check rejects single words, ids and e-mail
 * addresses; a value without a quote skips the quote contexts; prose
 * whose first two words SQL does not know, and a User-Agent's leading
 * product token, end the machines before they start. Everything is linear
 * in the value's length and allocation free; machine state is on the
 * stack.
 */
#include <stddef.h>

#include "detect.h"
#include "sqli_lex.h"

#define SQ_MAXDEPTH 32

enum sq_state {
    ST_X,       /* expect an operand                                  */
    ST_Y,       /* after an operand                                   */
    ST_STMT,    /* statement start (after ';' or at a full statement) */
    ST_STMTF,   /* after a statement keyword: confirm its shape        */
    ST_STMTF2,  /* second confirming token                            */
    ST_SELECT,  /* right after SELECT                                  */
    ST_TOP,     /* after TOP: expect a number                          */
    ST_UNION,   /* after UNION: ALL, DISTINCT, '(' or SELECT           */
    ST_BY,      /* after ORDER / GROUP: expect BY                      */
    ST_IS,      /* after IS [NOT]                                      */
    ST_NOTOP,   /* NOT after an operand: LIKE / IN / BETWEEN ...       */
    ST_IN,      /* after IN: '(' or BOOLEAN MODE                       */
    ST_INMODE,  /* after IN BOOLEAN: expect MODE                       */
    ST_INTO,    /* after INTO                                          */
    ST_OUTFILE, /* after INTO OUTFILE: expect a file name              */
    ST_AS,      /* after AS: alias or type                             */
    ST_NAME,    /* after COLLATE or '::': a name or type               */
    ST_LPAR,    /* expect '(' (after EXISTS, ANY, OVER)                */
    ST_FUNC,    /* after a function name: expect '('                   */
    ST_SOUNDS,  /* after SOUNDS: expect LIKE                           */
    ST_FOR,     /* after FOR: UPDATE / XML / JSON                      */
    ST_JOIN,    /* after LEFT / INNER ...: expect JOIN or OUTER        */
    ST_SKIPKW,  /* LOCK IN SHARE MODE: keywords until an operand end   */
    ST_WITHIN,  /* WITHIN GROUP (...)                                  */
    ST_IF,      /* IF of an IF statement: expect its '('                */
    ST_EXECP,   /* EXEC( : expect a variable or string to run          */
    ST_DONE     /* shape confirmed; nothing more to learn              */
};

/* Kinds of completed operands (for tautology checks). */
enum { OK_NONE, OK_LIT, OK_NAME, OK_VAR, OK_FUNC, OK_GROUP, OK_SUBQ, OK_STAR };
/* Paren frames. */
enum { FR_TOP, FR_GROUP, FR_ARGS, FR_LIST, FR_CASE };
/* Clause modes inside a frame. */
enum { MD_EXPR, MD_SELECT, MD_FROM, MD_ORDER, MD_LIMIT };
/* How a machine started. */
enum { SS_VALUE, SS_OP, SS_STMT, SS_BREAK };
/* How a statement was reached. */
enum { HOW_SEMI, HOW_FULL, HOW_BARE };

#define FF_SELECT 0x01u /* frame holds a SELECT                        */
#define FF_CODE   0x02u /* its select list looks like code, not prose  */
#define FF_ALIAS  0x04u /* current item already has an alias          */
#define FF_FROM   0x08u /* FROM seen                                   */
#define FF_OPS    0x10u /* an operator was used inside                 */
#define FF_STRONG 0x20u /* select list uses a function, variable or *  */
#define FF_UNION  0x40u /* this SELECT follows UNION                   */
#define FF_IFCOND 0x80u /* condition of an IF statement: a statement follows */
#define FF_THEN   0x100u /* CASE frame: WHEN ... THEN seen                */
#define FF_SQLFN  0x200u /* call of a known SQL function (or IF)          */

#define L_NONE 99

typedef struct sq_frame {
    uint8_t  kind, mode, fkind;
    uint16_t flags;
    size_t  off; /* '(' offset (SELECT offset for a top-level SELECT) */
} sq_frame;

typedef struct sq_shape {
    int         lvl;
    const char *detail;
    size_t      off, end;
} sq_shape;

typedef struct sq_p {
    uint8_t  alive, state, start, depth, quote;
    uint8_t  stmt_kw, stmt_how;
    uint8_t  prev_type, prev_kw;
    uint32_t prev_flags, fn_pending;
    uint8_t  last_kind, first_kind;
    uint8_t  cmp_pending, cmp_depth, cmp_lkind;
    uint8_t  logic_ok, direct_logic, between, having, after_logic;
    uint8_t  wordbrk, brkempty, alias_ok, orderby, fn_first, known_fn;
    uint8_t  union_lvl, last_or, or_taut, stmt_step, sel_defer, cmp_is, prose_str, semi;
    uint8_t  fn_sql, fn_blank, cast_lkind, jpath, stmt_clause, tail_from, as_alias;
    uint32_t first_flags;
    size_t   fn_end;
    unsigned nnames;
    unsigned nops, ntok, nsig, nlogic, ncmp;
    size_t   base_off, fn_off, logic_off, last_off, last_len, cmp_loff, cmp_llen;
    size_t   stmt_off, orderby_off, union_off, prev_off, or_off, or_end;
    sq_shape best; /* strongest shape found so far          */
    sq_shape pend; /* shape that needs the value to end well */
    sq_frame fr[SQ_MAXDEPTH + 1]; /* last: only fr[0..depth] is live */
} sq_p;

static void sq_rec(sq_p *p, int lvl, const char *detail, size_t off, size_t end)
{
    if (lvl < p->best.lvl) {
        p->best.lvl    = lvl;
        p->best.detail = detail;
        p->best.off    = off;
        p->best.end    = end < off ? off : end;
    }
}

/* Records a shape that only counts if the whole value stays valid SQL. */
static void sq_pend(sq_p *p, int lvl, const char *detail, size_t off, size_t end)
{
    if (lvl < p->pend.lvl) {
        p->pend.lvl    = lvl;
        p->pend.detail = detail;
        p->pend.off    = off;
        p->pend.end    = end < off ? off : end;
    }
}

static void sq_init(sq_p *p, int start, char quote)
{
    memset(p, 0, offsetof(sq_p, fr));
    memset(&p->fr[0], 0, sizeof p->fr[0]);
    p->alive      = 1;
    p->start      = (uint8_t)start;
    p->quote      = (uint8_t)quote;
    p->best.lvl   = L_NONE;
    p->pend.lvl   = L_NONE;
    p->fr[0].kind = FR_TOP;
    p->fr[0].mode = MD_EXPR;
    p->state      = start == SS_VALUE ? ST_X : start == SS_STMT ? ST_STMT : ST_Y;
    p->stmt_how   = start == SS_STMT ? HOW_FULL : HOW_SEMI;
}

static int sq_const_kind(int k)
{
    return k == OK_LIT || k == OK_FUNC || k == OK_VAR || k == OK_SUBQ || k == OK_GROUP;
}

static int sq_same_text(const char *s, size_t ao, size_t al, size_t bo, size_t bl)
{
    if (al != bl || al == 0)
        return 0;
    for (size_t i = 0; i < al; i++)
        if (vigil__lower((unsigned char)s[ao + i]) != vigil__lower((unsigned char)s[bo + i]))
            return 0;
    return 1;
}

/* True when the machine sits in a clear injection position: after a string
 * break, a leading operator, an operator following the value, or ';'. */
static int sq_strong_pos(const sq_p *p)
{
    return p->start == SS_BREAK || p->start == SS_OP || p->nops > 0 ||
           (p->start != SS_STMT && p->semi);
}

/* The value so far is a plain word ("European", "Please") with nothing
 * else: what follows reads as prose more often than as an attack. */
static int sq_after_word(const sq_p *p)
{
    return p->start == SS_VALUE && p->nops == 0 && p->first_kind == OK_NAME && p->depth == 0;
}

/* "OR" or "||" (as opposed to AND, XOR, &&). */
static int sq_is_or(const char *s, const vigil__sqtok *t)
{
    return t->len == 2 && ((s[t->off] == '|' && s[t->off + 1] == '|') ||
                           (vigil__lower((unsigned char)s[t->off]) == 'o' &&
                            vigil__lower((unsigned char)s[t->off + 1]) == 'r'));
}

/* A literal that is true on its own: TRUE or a non-zero number. */
static int sq_truthy(const char *s, const vigil__sqtok *t)
{
    if (t->type == VIGIL__SQ_KW)
        return t->len == 4 && vigil__lower((unsigned char)s[t->off]) == 't';
    if (t->type != VIGIL__SQ_NUM || (t->flags & VIGIL__SQF_HEX))
        return 0;
    for (size_t i = 0; i < t->len; i++)
        if (s[t->off + i] >= '1' && s[t->off + i] <= '9')
            return 1;
    return 0;
}

/* "x OR 1" / "x OR TRUE" ended: the condition is always true. */
static void sq_or_taut(sq_p *p, const vigil__sqtok *t)
{
    int plain_end = t->type == VIGIL__SQ_END &&
                    (!(t->flags & VIGIL__SQF_CMT) || t->off - t->cmt_off > 8);
    switch (p->start) {
    case SS_BREAK:
        sq_rec(p, p->wordbrk ? 1 : 2, "tautology after string break", p->or_off, p->or_end);
        break;
    case SS_OP:
        sq_rec(p, 2, "tautology", p->or_off, p->or_end);
        break;
    case SS_VALUE:
        sq_rec(p, p->or_taut == 2 || (!plain_end && p->first_kind != OK_NAME) ? 2 : 3,
               "tautology after value", p->or_off,
               p->or_end);
        break;
    default:
        break;
    }
}

/* A statement run on without ';' after a plain word or a prose-like
 * string break reads as prose ("Drop me a line", "use the \"exec\""). */
static int sq_bare_weak(const sq_p *p)
{
    return sq_after_word(p) || (p->start == SS_BREAK && !p->wordbrk);
}

/* A comparison finished; decide whether it is an injected condition. */
static void sq_cmp_done(sq_p *p, const char *s, int rk, size_t roff, size_t rend)
{
    int lk   = p->cmp_lkind;
    int taut = (sq_const_kind(lk) && sq_const_kind(rk)) ||
               (lk == OK_NAME && rk == OK_NAME &&
                sq_same_text(s, p->cmp_loff, p->cmp_llen, roff, rend - roff));
    p->ncmp++;
    if (p->stmt_clause && p->depth == 0)
        /* SELECT ... WHERE a = b: a whole query, not prose */
        sq_pend(p, 2, "sql statement", p->fr[0].off, rend);
    if (!p->logic_ok)
        return;
    switch (p->start) {
    case SS_BREAK:
        if (taut)
            sq_rec(p, 1, "tautology after string break", p->logic_off, rend);
        else
            sq_rec(p, p->wordbrk ? 1 : 2, "condition after string break", p->logic_off, rend);
        break;
    case SS_OP:
        if (taut)
            sq_rec(p, 1, "tautology", p->logic_off, rend);
        else
            sq_rec(p, !p->cmp_is && (sq_const_kind(lk) || sq_const_kind(rk)) ? 2 : 3,
                   "boolean condition", p->logic_off, rend);
        break;
    case SS_VALUE:
        if (taut)
            sq_rec(p, p->direct_logic ? 1 : 2, "tautology after value", p->logic_off, rend);
        else if (p->direct_logic && (p->first_kind == OK_LIT || p->first_kind == OK_VAR))
            sq_rec(p, 2, "boolean condition after value", p->logic_off, rend);
        else
            sq_rec(p, 3, "boolean condition after value", p->logic_off, rend);
        break;
    default:
        break;
    }
}

static void sq_operand_done(sq_p *p, const char *s, int kind, size_t off, size_t end)
{
    sq_frame *f = &p->fr[p->depth];
    if (f->fkind == OK_NONE)
        f->fkind = (uint8_t)kind;
    if (p->depth == 0 && p->first_kind == OK_NONE)
        p->first_kind = (uint8_t)kind;
    if (p->cmp_pending && p->depth == p->cmp_depth) {
        p->cmp_pending = 0;
        sq_cmp_done(p, s, kind, off, end);
    }
    p->last_kind = (uint8_t)kind;
    p->last_off  = off;
    p->last_len  = end - off;
    p->state     = ST_Y;
}

static int sq_push(sq_p *p, int kind, size_t off)
{
    if (p->depth >= SQ_MAXDEPTH)
        return 0;
    p->depth++;
    sq_frame *f = &p->fr[p->depth];
    f->kind  = (uint8_t)kind;
    f->mode  = MD_EXPR;
    f->fkind = OK_NONE;
    f->flags = 0;
    f->off   = off;
    return 1;
}

static void sq_cmp_begin(sq_p *p)
{
    p->cmp_is = 0;
    p->nops++;
    p->cmp_pending = 1;
    p->cmp_depth   = p->depth;
    p->cmp_lkind   = p->last_kind;
    p->cmp_loff    = p->last_off;
    p->cmp_llen    = p->last_len;
}

/* Shapes confirmed by the first argument of a notable function. A call
 * that is the whole value ("sleep(5)") only counts if the rest of the
 * value stays valid. */
static void sq_fn_arg(sq_p *p, const vigil__sqtok *t)
{
    uint32_t fl    = p->fn_pending;
    int      empty = t->type == VIGIL__SQ_RPAR;
    int      solid = t->type == VIGIL__SQ_NUM || t->type == VIGIL__SQ_LPAR ||
                t->type == VIGIL__SQ_VAR || t->type == VIGIL__SQ_FUNC ||
                (t->type == VIGIL__SQ_KW && t->kw == VIGIL__KW_SELECT);
    int      any   = !empty && t->type != VIGIL__SQ_OTHER && t->type != VIGIL__SQ_END;
    size_t   end   = t->off + t->len;
    void (*rec)(sq_p *, int, const char *, size_t, size_t) = p->fn_first ? sq_pend : sq_rec;
    int lvl = p->fn_first ? 2 : 1;

    p->fn_pending = 0;
    if (fl & VIGIL__SQF_TIME) {
        if (p->fn_first ? solid : any)
            rec(p, lvl, "time-based function", p->fn_off, end);
    } else if (fl & VIGIL__SQF_XCMD) {
        if (any)
            rec(p, lvl, "command execution", p->fn_off, end);
    } else if (fl & VIGIL__SQF_FILE) {
        if (p->fn_first ? (solid || t->type == VIGIL__SQ_STR) : any)
            rec(p, lvl, "file access function", p->fn_off, end);
    } else if (fl & VIGIL__SQF_ERR) {
        if (p->fn_first ? solid : any)
            rec(p, lvl, "error-based function", p->fn_off, end);
    } else if ((fl & VIGIL__SQF_CONVERT) && t->type == VIGIL__SQ_KW && t->kw == VIGIL__KW_TYPE) {
        /* CONVERT(INT, <text>) forces a conversion error that leaks data */
        rec(p, sq_strong_pos(p) ? lvl : 2, "error-based function", p->fn_off, end);
    } else if (fl & VIGIL__SQF_INFO) {
        if (empty) {
            if (p->fn_first || !sq_strong_pos(p))
                sq_pend(p, 2, "server information function", p->fn_off, end);
            else
                sq_rec(p, 1, "server information function", p->fn_off, end);
        }
    } else if ((fl & VIGIL__SQF_KNOWN) && !p->fn_first && any) {
        int sqlonly = (fl & VIGIL__SQF_SQLONLY) != 0;
        if (p->start == SS_BREAK)
            sq_rec(p, p->wordbrk || sqlonly ? 2 : 3, "sql function after string break", p->fn_off,
                   end);
        else if (p->after_logic && p->start != SS_STMT && !(p->start == SS_VALUE && p->first_kind == OK_NAME))
            sq_rec(p, 2, "sql function after logic operator", p->fn_off, end);
        else if (p->start != SS_STMT && sq_strong_pos(p))
            sq_rec(p, sqlonly ? 2 : 3, "sql function", p->fn_off, end);
    } else if ((fl & VIGIL__SQF_SQLONLY) && p->fn_first && !empty) {
        /* "find_in_set(...)", "div(23,-2)": the whole value is a call of a
         * function nothing but SQL has */
        sq_pend(p, 2, "sql function call", p->fn_off, end);
    }
}

/* A SELECT list item or FROM clause was seen; how suspicious is it here? */
static void sq_sel_confirm(sq_p *p, size_t end, int at_from)
{
    sq_frame *f    = &p->fr[p->depth];
    int       code = (f->flags & FF_CODE) != 0;
    if (f->flags & FF_UNION) {
        sq_rec(p, 1, "union select", p->union_off, end);
        return;
    }
    if (p->depth > 0) {
        if (code || at_from)
            sq_rec(p, sq_strong_pos(p) ? (code ? 1 : 2) : 2, "subquery", f->off, end);
        return;
    }
    switch (p->stmt_how) {
    case HOW_SEMI:
        if (code || at_from)
            sq_rec(p, 1, "stacked query", p->stmt_off, end);
        break;
    case HOW_BARE:
        if (at_from)
            sq_rec(p, sq_bare_weak(p) ? 3 : code ? 1 : 2, "stacked query", p->stmt_off, end);
        break;
    default:
        if (at_from)
            sq_rec(p, code ? 2 : 3, "sql statement", f->off, end);
        break;
    }
}

static void sq_begin_select(sq_p *p, const vigil__sqtok *t)
{
    sq_frame *f = &p->fr[p->depth];
    f->flags |= FF_SELECT;
    f->flags &= (uint16_t) ~(FF_ALIAS | FF_CODE | FF_FROM | FF_UNION);
    f->mode = MD_SELECT;
    if (p->depth == 0)
        f->off = t->off;
    else
        sq_rec(p, 3, "subquery", f->off, t->off + t->len);
    p->state = ST_SELECT;
}

/* Confirms a statement shape. weak: 0 a clear statement, 1 a form prose
 * can take too, 2 prose-like. After ';' it is a stacked query (level 1,
 * or 2 when weak); as the whole value a statement (2 or 3); run on
 * without ';' (MSSQL) it needs to be clear and follow a real break. */
static void sq_stmt_confirm(sq_p *p, size_t end, int weak)
{
    int lvl;
    if (p->stmt_how == HOW_BARE && (weak || sq_bare_weak(p)))
        weak = 2;
    if (p->stmt_how == HOW_FULL)
        lvl = weak ? 3 : 2;
    else
        lvl = weak == 2 ? 3 : weak ? 2 : 1;
    sq_rec(p, lvl, p->stmt_how == HOW_FULL ? "sql statement" : "stacked query", p->stmt_off, end);
    p->state = ST_DONE;
}

/* A statement keyword where a statement may start. */
static int sq_stmt_kw(sq_p *p, const vigil__sqtok *t)
{
    if (p->stmt_how == HOW_BARE) {
        /* MSSQL runs statements without ';': accept only the forms used
         * to stack one onto an expression. */
        switch (t->kw) {
        case VIGIL__KW_WAITFOR: case VIGIL__KW_EXEC: case VIGIL__KW_DECLARE:
        case VIGIL__KW_SHUTDOWN: case VIGIL__KW_BEGIN: case VIGIL__KW_INSERT:
        case VIGIL__KW_UPDATE: case VIGIL__KW_DELETE: case VIGIL__KW_DROP:
        case VIGIL__KW_CREATE: case VIGIL__KW_SET: case VIGIL__KW_IF:
            break;
        default:
            return 0;
        }
    }
    if (p->stmt_how != HOW_SEMI)
        p->stmt_off = t->off;
    p->stmt_kw   = t->kw;
    p->stmt_step = 0;
    p->state     = ST_STMTF;
    return 1;
}

/* Keywords that are ordinary names where an operand is expected. */
static int sq_kw_is_name(int kw)
{
    switch (kw) {
    case VIGIL__KW_TYPE: case VIGIL__KW_TABLE: case VIGIL__KW_DATA:
    case VIGIL__KW_MODE: case VIGIL__KW_SHARE: case VIGIL__KW_DELAY:
    case VIGIL__KW_BOOLEAN: case VIGIL__KW_OUTFILE: case VIGIL__KW_INFILE:
    case VIGIL__KW_ASC: case VIGIL__KW_AGAINST: case VIGIL__KW_FETCH:
    case VIGIL__KW_LOCK: case VIGIL__KW_TO: case VIGIL__KW_ESCAPE:
    case VIGIL__KW_PRINT: case VIGIL__KW_LOAD: case VIGIL__KW_COPY:
    case VIGIL__KW_USE: case VIGIL__KW_CALL: case VIGIL__KW_SHOW:
    case VIGIL__KW_KILL: case VIGIL__KW_HANDLER: case VIGIL__KW_PREPARE:
    case VIGIL__KW_BULK: case VIGIL__KW_BACKUP: case VIGIL__KW_GOTO:
        return 1;
    default:
        return 0;
    }
}

static const char *const s_begin_words[] = {"try", "tran", "transaction", "work", "distributed", NULL};

/* Case-insensitive: is the token one of the words? */
static int sq_word_in(const char *s, const vigil__sqtok *t, const char *const *words)
{
    for (; *words; words++) {
        size_t l = strlen(*words), i = 0;
        if (l != t->len)
            continue;
        while (i < l && vigil__lower((unsigned char)s[t->off + i]) == (unsigned char)(*words)[i])
            i++;
        if (i == l)
            return 1;
    }
    return 0;
}

/* The token after a statement keyword. Returns 0 when invalid. */
static int sq_stmt_follow(sq_p *p, const vigil__sqtok *t, const char *s)
{
    int    ty = t->type, kw = t->kw;
    size_t end = t->off + t->len;
    int    name = ty == VIGIL__SQ_NAME;
    int    full = p->stmt_how == HOW_FULL;
    switch (p->stmt_kw) {
    case VIGIL__KW_INSERT:
    case VIGIL__KW_REPLACE:
        if (ty == VIGIL__SQ_KW && kw == VIGIL__KW_INTO) {
            p->state = ST_STMTF2;
            return 1;
        }
        if (ty == VIGIL__SQ_FUNC && p->stmt_how != HOW_FULL) /* MySQL: INTO is optional */
            break;
        if (name && p->stmt_how != HOW_FULL) {
            p->stmt_step = 1;
            p->state     = ST_STMTF2;
            return 1;
        }
        return 0;
    case VIGIL__KW_BULK:
        if (ty == VIGIL__SQ_KW && kw == VIGIL__KW_INSERT)
            break;
        return 0;
    case VIGIL__KW_UPDATE:
    case VIGIL__KW_COPY:
    case VIGIL__KW_PREPARE:
        if (!name)
            return 0;
        p->state = ST_STMTF2;
        return 1;
    case VIGIL__KW_DELETE:
        if (ty == VIGIL__SQ_KW && kw == VIGIL__KW_FROM) {
            sq_stmt_confirm(p, end, full);
            return 1;
        }
        if (!name)
            return 0;
        p->state = ST_STMTF2;
        return 1;
    case VIGIL__KW_DROP:
    case VIGIL__KW_CREATE:
    case VIGIL__KW_ALTER:
    case VIGIL__KW_TRUNCATE:
        if (ty == VIGIL__SQ_KW && (kw == VIGIL__KW_TABLE || kw == VIGIL__KW_PROCEDURE)) {
            if (!full) {
                sq_stmt_confirm(p, end, 0);
                return 1;
            }
            /* "Drop table runner in blue" is prose: as a whole value the
             * statement needs its SQL continuation to count */
            sq_rec(p, 3, "sql statement", p->stmt_off, end);
            p->stmt_step = 0;
            p->state     = ST_STMTF2;
            return 1;
        }
        return 0;
    case VIGIL__KW_EXEC:
        if ((name || ty == VIGIL__SQ_FUNC) && (t->flags & VIGIL__SQF_XCMD)) {
            sq_rec(p, 1, "command execution", p->stmt_off, end);
            p->state = ST_DONE;
            return 1;
        }
        if ((name && !(t->flags & VIGIL__SQF_QUAL)) || ty == VIGIL__SQ_STR) {
            sq_stmt_confirm(p, end, 1); /* "...; exec team meets", vim's exec "cmd" */
            return 1;
        }
        if (name || ty == VIGIL__SQ_FUNC || ty == VIGIL__SQ_VAR || ty == VIGIL__SQ_STR ||
            ty == VIGIL__SQ_LPAR)
            break;
        return 0;
    case VIGIL__KW_DECLARE:
        if (ty == VIGIL__SQ_VAR || name) {
            sq_stmt_confirm(p, end, name);
            return 1;
        }
        return 0;
    case VIGIL__KW_SET:
        if (ty == VIGIL__SQ_VAR)
            break;
        if (!name || p->stmt_how == HOW_BARE)
            return 0;
        p->state = ST_STMTF2;
        return 1;
    case VIGIL__KW_SHUTDOWN:
        if ((ty == VIGIL__SQ_END && (t->flags & VIGIL__SQF_CMT)) ||
            (ty == VIGIL__SQ_KW && kw == VIGIL__KW_WITH))
            break;
        if (ty == VIGIL__SQ_END || ty == VIGIL__SQ_SEMI) {
            sq_stmt_confirm(p, end, 1); /* "Error; shutdown" */
            return 1;
        }
        return 0;
    case VIGIL__KW_WAITFOR:
        if (ty == VIGIL__SQ_KW && (kw == VIGIL__KW_DELAY || kw == VIGIL__KW_TYPE)) {
            p->state = ST_STMTF2;
            return 1;
        }
        return 0;
    case VIGIL__KW_BEGIN:
        if (ty == VIGIL__SQ_KW && kw >= VIGIL__KW_SELECT && kw <= VIGIL__KW_SHOW)
            break;
        if (name && p->stmt_how != HOW_BARE) {
            /* BEGIN TRY / TRAN / TRANSACTION / WORK; other words are prose */
            sq_stmt_confirm(p, end, sq_word_in(s, t, s_begin_words) ? 1 : 2);
            return 1;
        }
        return 0;
    case VIGIL__KW_CALL:
        if (ty == VIGIL__SQ_FUNC) {
            sq_stmt_confirm(p, end, 1);
            return 1;
        }
        return 0;
    case VIGIL__KW_LOAD:
        if (ty == VIGIL__SQ_KW && kw == VIGIL__KW_DATA)
            break;
        if (name || (ty == VIGIL__SQ_KW && kw == VIGIL__KW_TYPE)) {
            sq_stmt_confirm(p, end, 1);
            return 1;
        }
        return 0;
    case VIGIL__KW_BACKUP:
        if (ty == VIGIL__SQ_KW && kw == VIGIL__KW_TABLE)
            break;
        return 0;
    case VIGIL__KW_IF:
        if ((ty == VIGIL__SQ_UNARY && kw == VIGIL__KW_NOT) ||
            (ty == VIGIL__SQ_KW && kw == VIGIL__KW_EXISTS)) {
            p->state = ST_STMTF2;
            return 1;
        }
        return 0;
    case VIGIL__KW_PRINT:
        if (ty == VIGIL__SQ_STR || ty == VIGIL__SQ_VAR) {
            sq_stmt_confirm(p, end, 1);
            return 1;
        }
        return 0;
    case VIGIL__KW_GRANT:
    case VIGIL__KW_USE:
    case VIGIL__KW_GOTO:
    case VIGIL__KW_HANDLER:
    case VIGIL__KW_KILL:
    case VIGIL__KW_SHOW:
        if (name || ty == VIGIL__SQ_NUM || (ty == VIGIL__SQ_KW && kw == VIGIL__KW_TABLE)) {
            sq_stmt_confirm(p, end, 1);
            return 1;
        }
        return 0;
    default:
        return 0;
    }
    sq_stmt_confirm(p, end, 0);
    return 1;
}

static int sq_stmt_follow2(sq_p *p, const vigil__sqtok *t)
{
    int    ty = t->type, kw = t->kw;
    size_t end = t->off + t->len;
    int    step = p->stmt_step++;
    switch (p->stmt_kw) {
    case VIGIL__KW_UPDATE: /* UPDATE t SET c = */
        if (step == 0 && ty == VIGIL__SQ_KW && kw == VIGIL__KW_SET)
            return 1;
        if (step == 1 && (ty == VIGIL__SQ_NAME || ty == VIGIL__SQ_VAR))
            return 1;
        if (step == 2 && ty == VIGIL__SQ_CMP)
            break;
        return 0;
    case VIGIL__KW_INSERT: /* INSERT INTO t ( | VALUES | SELECT | SET */
    case VIGIL__KW_REPLACE:
        if (step == 0 && (ty == VIGIL__SQ_NAME || (ty == VIGIL__SQ_KW && sq_kw_is_name(kw))))
            return 1;
        if ((step == 0 && ty == VIGIL__SQ_FUNC) || /* t(col, ...) */
            (step == 1 && (ty == VIGIL__SQ_LPAR ||
                           (ty == VIGIL__SQ_KW && (kw == VIGIL__KW_VALUES || kw == VIGIL__KW_SELECT ||
                                                   kw == VIGIL__KW_SET))))) {
            sq_stmt_confirm(p, end, p->stmt_how == HOW_FULL);
            return 1;
        }
        return 0;
    case VIGIL__KW_DROP: /* DROP TABLE IF EXISTS | x; | x-- */
    case VIGIL__KW_CREATE: /* CREATE TABLE x (col TYPE */
    case VIGIL__KW_ALTER:
    case VIGIL__KW_TRUNCATE:
        switch (step) {
        case 0:
            if (ty == VIGIL__SQ_KW && kw == VIGIL__KW_IF && p->stmt_kw == VIGIL__KW_DROP)
                break;
            if (ty == VIGIL__SQ_FUNC && p->stmt_kw == VIGIL__KW_CREATE) {
                p->stmt_step = 2; /* name( : expect '(' */
                return 1;
            }
            return ty == VIGIL__SQ_NAME;
        case 1: /* after the name */
            if (ty == VIGIL__SQ_SEMI || (ty == VIGIL__SQ_END && (t->flags & VIGIL__SQF_CMT)) ||
                (ty == VIGIL__SQ_KW && kw == VIGIL__KW_AS && p->stmt_kw == VIGIL__KW_CREATE))
                break;
            if (ty == VIGIL__SQ_LPAR && p->stmt_kw == VIGIL__KW_CREATE) {
                p->stmt_step = 3;
                return 1;
            }
            return 0;
        case 2:
            if (ty != VIGIL__SQ_LPAR)
                return 0;
            p->stmt_step = 3;
            return 1;
        case 3: /* first column: name ... */
            return ty == VIGIL__SQ_NAME;
        default: /* ... and its type */
            if ((ty == VIGIL__SQ_KW || ty == VIGIL__SQ_FUNC) && kw == VIGIL__KW_TYPE)
                break;
            return 0;
        }
        break;
    case VIGIL__KW_DELETE: /* DELETE x FROM: "delete lines from" */
    case VIGIL__KW_PREPARE:
        if (ty == VIGIL__SQ_KW && kw == VIGIL__KW_FROM) {
            sq_stmt_confirm(p, end, 1);
            return 1;
        }
        return 0;
    case VIGIL__KW_COPY:
        if (ty == VIGIL__SQ_KW && (kw == VIGIL__KW_FROM || kw == VIGIL__KW_TO)) {
            sq_stmt_confirm(p, end, 1);
            return 1;
        }
        return 0;
    case VIGIL__KW_SET: /* SET name = ...: also config syntax ("set mouse=a") */
        if (ty == VIGIL__SQ_CMP) {
            sq_stmt_confirm(p, end, 1);
            return 1;
        }
        return 0;
    case VIGIL__KW_IF: /* IF NOT ( / IF EXISTS ( */
        if (ty == VIGIL__SQ_LPAR) {
            sq_stmt_confirm(p, end, p->stmt_how == HOW_FULL);
            return 1;
        }
        return 0;
    case VIGIL__KW_WAITFOR:
        if (ty == VIGIL__SQ_STR) {
            sq_rec(p, 1, "time delay", p->stmt_off, end);
            p->state = ST_DONE;
            return 1;
        }
        return 0;
    default:
        return 0;
    }
    sq_stmt_confirm(p, end, 0);
    return 1;
}

/* s[a,b) trimmed is at most max bytes with no blank inside. */
static int sq_wordlike(const char *s, size_t a, size_t b, size_t max)
{
    while (a < b && (unsigned char)s[a] <= ' ')
        a++;
    while (b > a && (unsigned char)s[b - 1] <= ' ')
        b--;
    if (b - a > max)
        return 0;
    for (size_t i = a; i < b; i++)
        if ((unsigned char)s[i] <= ' ')
            return 0;
    return 1;
}

/* Shapes judged at the end of the value, whether or not it ended where
 * SQL may end: an open CASE ... WHEN ... THEN, a JSON path compared, a
 * lone catalog name ("information_schema"). */
static void sq_end_common(sq_p *p, size_t n)
{
    for (unsigned d = 1; d <= p->depth; d++)
        if (p->fr[d].kind == FR_CASE && (p->fr[d].flags & FF_THEN)) {
            sq_rec(p, 2, "case expression", p->fr[d].off, n);
            break;
        }
    if (p->jpath && p->ncmp && p->start != SS_STMT)
        sq_rec(p, 2, "json path comparison", p->base_off, n);
    if (p->start == SS_VALUE && p->ntok == 2 && (p->first_flags & VIGIL__SQF_CATALOG))
        sq_rec(p, 2, "system catalog name", p->base_off, n);
}

/* The value ended where an operand was due: a call cut short ("hex(",
 * "if(2=", "ascii(substring(("). Prose does not stop inside a SQL
 * function's parentheses; probes and truncated payloads do. */
static void sq_truncated(sq_p *p, const vigil__sqtok *t)
{
    size_t n = t->off;
    int    sqlfn = 0;
    if (p->start == SS_STMT)
        return;
    sq_end_common(p, n);
    for (unsigned d = 1; d <= p->depth; d++)
        sqlfn |= (p->fr[d].flags & FF_SQLFN) != 0;
    if (!sqlfn)
        return;
    if (p->start == SS_VALUE && p->ntok == 3 && p->depth == 1 && p->prev_type == VIGIL__SQ_LPAR) {
        /* "hex(", "concat (": a bare function probe; "Time (" may be a
         * label cut short, so common words need the '(' attached */
        int blank = p->prev_off > p->fn_end;
        sq_rec(p, blank && (p->first_flags & VIGIL__SQF_WORD) ? 3 : 2, "sql function probe",
               p->fn_off, n);
        return;
    }
    /* Code cut mid-line ("if (x and", "n = max(a,") names its variables;
     * a probe holds literals, keywords and SQL calls only. */
    if (p->nnames == 0 && !p->fn_blank &&
        (p->nops || p->depth > 1 || p->known_fn || p->pend.lvl < L_NONE)) {
        if (p->pend.lvl < L_NONE)
            sq_rec(p, p->pend.lvl, p->pend.detail, p->pend.off, p->pend.end);
        sq_rec(p, sq_strong_pos(p) || p->start == SS_VALUE ? 2 : 3, "truncated sql call",
               p->base_off, n);
    }
}

/* End of input in an accepting state: the weaker, whole-value shapes.
 * Comment-terminated shapes need a bare comment ("--", "#", "-- -a"):
 * people end prose with "-- some words" far more often than attackers. */
static void sq_finish(sq_p *p, const vigil__sqtok *t, const char *s)
{
    size_t n    = t->off;
    int    cmt  = (t->flags & VIGIL__SQF_CMT) != 0;
    int    bare = cmt && n - t->cmt_off <= 8;
    int    open = 0;
    if (p->prev_type == VIGIL__SQ_STR && (p->prev_flags & VIGIL__SQF_OPEN) &&
        !(p->prev_flags & VIGIL__SQF_VQUOTE) && p->quote) {
        /* only a string the application's own closing quote ends */
        size_t q = p->prev_off;
        while (q < n && s[q] != '\'' && s[q] != '"')
            q++;
        open = q < n && (unsigned char)s[q] == p->quote && sq_wordlike(s, q + 1, n, 16);
    }
    if (p->pend.lvl < L_NONE)
        sq_rec(p, p->pend.lvl, p->pend.detail, p->pend.off, p->pend.end);
    sq_end_common(p, n);
    switch (p->start) {
    case SS_BREAK:
        if (p->nsig == 0) {
            if (cmt)
                sq_rec(p, p->wordbrk && !p->brkempty && bare ? 2 : 3,
                       "comment after string break", p->base_off, n);
            if (p->semi) /* admin'; ends the statement early */
                sq_rec(p, p->wordbrk && !p->brkempty ? 2 : 3, "statement end after string break",
                       p->base_off, n);
        } else {
            int lvl = (bare || open) && p->wordbrk && !p->prose_str &&
                              !(p->brkempty && p->nnames) ? 2 : 3;
            if (p->having && (p->nlogic || p->nops))
                sq_rec(p, 2, "having probe", p->base_off, n);
            if (p->nlogic) {
                if (p->prev_type != VIGIL__SQ_NAME && p->prev_type != VIGIL__SQ_STR &&
                    p->wordbrk && p->nlogic == p->nops)
                    lvl = 2; /* ' OR 1 */
                sq_rec(p, lvl, "logic after string break", p->base_off, n);
            } else if (p->ncmp) {
                sq_rec(p, lvl, "comparison after string break", p->base_off, n);
            } else if (p->nops) {
                sq_rec(p, p->brkempty ? 3 : lvl, "operator after string break", p->base_off, n);
            }
        }
        break;
    case SS_VALUE:
    case SS_OP:
        if (p->having && (p->nlogic || p->nops))
            sq_rec(p, 2, "having probe", p->base_off, n);
        if (bare && (p->nlogic || p->known_fn) &&
            (p->start == SS_OP || p->first_kind != OK_NAME))
            sq_rec(p, 2, "expression with comment", p->base_off, n);
        else if (cmt && p->nsig == 0 && p->start == SS_VALUE &&
                 (p->first_kind == OK_LIT || p->first_kind == OK_VAR))
            /* "1--", "@@version --": a value cut short; a "#" is prose too */
            sq_rec(p, bare && !(t->flags & VIGIL__SQF_CMT_HASH) && p->prev_type != VIGIL__SQ_STR ? 2 : 3,
                   "comment after value", p->base_off, n);
        else if (cmt && p->nlogic)
            sq_rec(p, 3, "logic after value", p->base_off, n);
        break;
    default:
        if ((p->fr[0].flags & (FF_SELECT | FF_STRONG)) == (FF_SELECT | FF_STRONG))
            sq_rec(p, 2, "sql statement", p->fr[0].off, n);
        break;
    }
}

/* Feeds one token to a machine. */
static void sq_feed(sq_p *p, const vigil__sqtok *t, const char *s)
{
    int       ty  = t->type, kw = t->kw;
    size_t    end = t->off + t->len;
    sq_frame *f   = &p->fr[p->depth];

    p->ntok++;
    if (p->ntok == 1)
        p->first_flags = t->flags;
    if (p->start == SS_BREAK && p->ntok == 1) {
        /* The string the application opened; the value must close it.
         * A short single word before the quote (admin', 1', x') is how
         * injections start; prose with a stray apostrophe rarely is. */
        size_t a = t->off, b = end - 1;
        if (ty != VIGIL__SQ_STR || (t->flags & VIGIL__SQF_OPEN)) {
            p->alive = 0;
            return;
        }
        while (a < b && (unsigned char)s[a] <= ' ')
            a++;
        p->brkempty = a == b;
        /* "A' AND 'B" breaks out of a string; "Use 'OR' here" quotes a
         * word: prose puts a blank before its opening quote. */
        p->wordbrk = b - a <= 32 && (a == b || (unsigned char)s[b - 1] > ' ');
        for (size_t i = a; i < b && p->wordbrk; i++) {
            unsigned char c = (unsigned char)s[i];
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                  c == '_' || c == '.' || c == '@' || c == '%' || c == '-' || c == '\\' ||
                  c >= 0x80))
                p->wordbrk = 0;
        }
        p->base_off = end;
        sq_operand_done(p, s, OK_LIT, t->off, end);
        goto out;
    }
    if (!(ty == VIGIL__SQ_RPAR && p->depth == 0) && ty != VIGIL__SQ_SEMI &&
        !(p->start == SS_VALUE && p->ntok == 1) && ty != VIGIL__SQ_END)
        p->nsig++;
    if (p->fn_pending && p->prev_type == VIGIL__SQ_LPAR)
        sq_fn_arg(p, t);

again:
    switch (p->state) {
    case ST_DONE:
        /* Shape confirmed; nothing this machine finds later is stronger. */
        p->alive = 0;
        return;

    case ST_SELECT:
        if (ty == VIGIL__SQ_KW && (kw == VIGIL__KW_DISTINCT || kw == VIGIL__KW_ALL))
            goto out;
        if (ty == VIGIL__SQ_KW && kw == VIGIL__KW_TOP) {
            p->state = ST_TOP;
            goto out;
        }
        if (ty == VIGIL__SQ_NUM || ty == VIGIL__SQ_VAR || ty == VIGIL__SQ_FUNC ||
            ty == VIGIL__SQ_LPAR || (ty == VIGIL__SQ_OP && s[t->off] == '*') ||
            (ty == VIGIL__SQ_OP && s[t->off] == '-') ||
            (ty == VIGIL__SQ_KW && (kw == VIGIL__KW_LITERAL || kw == VIGIL__KW_CASE)) ||
            (ty == VIGIL__SQ_NAME &&
             (t->flags & (VIGIL__SQF_QUAL | VIGIL__SQF_INFO | VIGIL__SQF_KNOWN | VIGIL__SQF_SYSOBJ)))) {
            f->flags |= FF_CODE;
            if (p->depth > 0 || p->stmt_how != HOW_FULL || (f->flags & FF_UNION)) {
                /* "; select 2 items" is prose: a literal first item must
                 * be followed by SQL before it counts */
                if (p->depth == 0 && (ty == VIGIL__SQ_NUM || ty == VIGIL__SQ_KW ||
                                      ty == VIGIL__SQ_OP))
                    p->sel_defer = 1;
                else
                    sq_sel_confirm(p, end, 0);
            }
        }
        p->state = ST_X;
        goto again;

    case ST_TOP:
        if (ty != VIGIL__SQ_NUM)
            goto bad;
        p->state = ST_SELECT;
        goto out;

    case ST_X:
        if (p->orderby) {
            int ob = p->orderby;
            p->orderby = 0;
            if (p->start != SS_STMT &&
                (ty == VIGIL__SQ_NUM || (ob == 1 && ty == VIGIL__SQ_FUNC &&
                                         (t->flags & VIGIL__SQF_KNOWN || kw == VIGIL__KW_IF))))
                sq_rec(p, p->start == SS_BREAK && p->wordbrk ? 1 : 2,
                       ob == 1 ? "order by probe" : "group by probe", p->orderby_off, end);
            else if (ty == VIGIL__SQ_NAME && p->start != SS_STMT)
                sq_rec(p, 3, ob == 1 ? "order by probe" : "group by probe", p->orderby_off, end);
        }
        if (p->prev_type == VIGIL__SQ_LOGIC && p->last_or && p->depth == 0 &&
            (ty == VIGIL__SQ_NUM || (ty == VIGIL__SQ_KW && kw == VIGIL__KW_LITERAL)) &&
            sq_truthy(s, t)) {
            p->or_taut = ty == VIGIL__SQ_KW ? 2 : 1;
            p->or_end  = end;
        }
        if (ty == VIGIL__SQ_STR && !sq_wordlike(s, t->off + 1, end > t->off + 1 ? end - 1 : end, 16))
            p->prose_str = 1;
        if (ty == VIGIL__SQ_NAME)
            p->nnames++;
        switch (ty) {
        case VIGIL__SQ_END:
            sq_truncated(p, t);
            goto bad;
        case VIGIL__SQ_NUM:
        case VIGIL__SQ_STR:
            if (t->flags & VIGIL__SQF_JPATH)
                p->jpath = 1;
            sq_operand_done(p, s, OK_LIT, t->off, end);
            goto out;
        case VIGIL__SQ_VAR:
            if ((t->flags & VIGIL__SQF_SYSVAR) && p->start != SS_STMT) {
                if (sq_strong_pos(p))
                    sq_rec(p, 2, "system variable", t->off, end);
                else
                    sq_pend(p, 2, "system variable", t->off, end);
            }
            if (f->mode == MD_SELECT)
                f->flags |= FF_STRONG;
            sq_operand_done(p, s, OK_VAR, t->off, end);
            goto out;
        case VIGIL__SQ_NAME:
            if (f->mode == MD_FROM && (t->flags & VIGIL__SQF_SYSOBJ))
                sq_rec(p, p->stmt_how == HOW_FULL && p->depth == 0 && !(f->flags & FF_CODE) ? 2 : 1,
                       "system catalog access", t->off, end);
            if ((t->flags & (VIGIL__SQF_ERR | VIGIL__SQF_TIME | VIGIL__SQF_XCMD | VIGIL__SQF_FILE)) &&
                sq_strong_pos(p) && p->start != SS_STMT)
                sq_rec(p, 2, "sql package call", t->off, end);
            if (f->mode == MD_SELECT && (t->flags & VIGIL__SQF_INFO))
                f->flags |= FF_STRONG;
            sq_operand_done(p, s, (t->flags & VIGIL__SQF_INFO) ? OK_FUNC : OK_NAME, t->off, end);
            goto out;
        case VIGIL__SQ_FUNC:
            p->fn_pending = t->flags & (VIGIL__SQF_TIME | VIGIL__SQF_ERR | VIGIL__SQF_FILE |
                                        VIGIL__SQF_XCMD | VIGIL__SQF_INFO | VIGIL__SQF_KNOWN |
                                        VIGIL__SQF_CONVERT | VIGIL__SQF_SQLONLY);
            p->fn_off   = t->off;
            p->fn_end   = end;
            p->fn_first = p->ntok == 1 && (p->start == SS_VALUE || p->start == SS_STMT);
            p->after_logic = p->prev_type == VIGIL__SQ_LOGIC;
            p->fn_sql = (t->flags & VIGIL__SQF_KNOWN) || kw == VIGIL__KW_IF ||
                        kw == VIGIL__KW_INSERT || kw == VIGIL__KW_REPLACE ||
                        kw == VIGIL__KW_JOINMOD || kw == VIGIL__KW_TRUNCATE;
            if (p->prev_type == VIGIL__SQ_KW && p->prev_kw == VIGIL__KW_PROCEDURE &&
                (t->flags & VIGIL__SQF_ERR))
                /* PROCEDURE ANALYSE(...): MySQL's error-based probe */
                sq_rec(p, p->ntok <= 2 ? 2 : 1, "procedure analyse", p->prev_off, end);
            if (t->flags & VIGIL__SQF_KNOWN) {
                if (!p->fn_first)
                    p->known_fn = 1;
                if (f->mode == MD_SELECT) {
                    f->flags |= FF_STRONG;
                    if (p->stmt_how == HOW_FULL && p->depth == 0 && (f->flags & FF_SELECT))
                        sq_rec(p, 2, "sql statement", f->off, end);
                }
            }
            p->state = ST_FUNC;
            goto out;
        case VIGIL__SQ_LPAR:
            if (!sq_push(p, FR_GROUP, t->off))
                goto bad;
            goto out;
        case VIGIL__SQ_UNARY:
            goto out;
        case VIGIL__SQ_OP:
            if (t->len == 1 && (s[t->off] == '-' || s[t->off] == '+'))
                goto out;
            if (t->len == 1 && s[t->off] == '*' &&
                (f->mode == MD_SELECT || f->kind == FR_ARGS)) {
                sq_operand_done(p, s, OK_STAR, t->off, end);
                goto out;
            }
            goto bad;
        case VIGIL__SQ_RPAR:
            if (p->prev_type == VIGIL__SQ_LPAR && f->kind == FR_ARGS) {
                size_t o = f->off;
                p->depth--;
                sq_operand_done(p, s, OK_FUNC, o, end);
                goto out;
            }
            goto bad;
        case VIGIL__SQ_KW:
            switch (kw) {
            case VIGIL__KW_LITERAL:
                sq_operand_done(p, s, OK_LIT, t->off, end);
                goto out;
            case VIGIL__KW_SELECT:
                if (p->prev_type == VIGIL__SQ_LPAR && p->depth > 0) {
                    sq_begin_select(p, t);
                    goto out;
                }
                goto bad;
            case VIGIL__KW_CASE:
                if (!sq_push(p, FR_CASE, t->off))
                    goto bad;
                goto out;
            case VIGIL__KW_WHEN:
                if (p->prev_kw == VIGIL__KW_CASE && p->prev_type == VIGIL__SQ_KW &&
                    f->kind == FR_CASE)
                    goto out;
                goto bad;
            case VIGIL__KW_EXISTS:
            case VIGIL__KW_ANY:
                p->state = ST_LPAR;
                goto out;
            case VIGIL__KW_ALL:
            case VIGIL__KW_DISTINCT:
                if (p->prev_type == VIGIL__SQ_LPAR && f->kind == FR_ARGS)
                    goto out;
                if (kw == VIGIL__KW_ALL) {
                    p->state = ST_LPAR;
                    goto out;
                }
                goto bad;
            case VIGIL__KW_INTERVAL:
                goto out;
            default:
                if (sq_kw_is_name(kw)) {
                    sq_operand_done(p, s, OK_NAME, t->off, end);
                    goto out;
                }
                goto bad;
            }
        default:
            goto bad;
        }

    case ST_FUNC:
        if (ty != VIGIL__SQ_LPAR || !sq_push(p, FR_ARGS, p->fn_off))
            goto bad;
        if (p->fn_sql) {
            p->fr[p->depth].flags |= FF_SQLFN;
            if (t->off > p->fn_end) /* "if (": code style, not a probe */
                p->fn_blank = 1;
        }
        p->state = ST_X;
        goto out;

    case ST_EXECP:
        /* EXEC(@sql) / EXEC('...'): dynamic SQL */
        if (p->stmt_step++ == 0) {
            if (ty != VIGIL__SQ_LPAR)
                goto bad;
            goto out;
        }
        if (ty == VIGIL__SQ_VAR || ty == VIGIL__SQ_STR)
            sq_rec(p, p->stmt_how == HOW_FULL ? 2 : 1, "dynamic sql execution", p->stmt_off, end);
        goto bad;

    case ST_LPAR:
        if (ty != VIGIL__SQ_LPAR || !sq_push(p, FR_GROUP, t->off))
            goto bad;
        p->state = ST_X;
        goto out;

    case ST_IF:
        if (ty != VIGIL__SQ_LPAR || !sq_push(p, FR_GROUP, t->off))
            goto bad;
        p->fr[p->depth].flags |= FF_IFCOND;
        p->state = ST_X;
        goto out;

    case ST_Y:
        if (ty == VIGIL__SQ_FUNC && t->wtype != VIGIL__SQ_NAME && t->wtype != 0)
            ty = t->wtype; /* LIKE(...), MOD(...), LEFT JOIN(...): the operator */
        if (p->sel_defer) {
            p->sel_defer = 0;
            if (ty == VIGIL__SQ_COMMA || ty == VIGIL__SQ_END || ty == VIGIL__SQ_SEMI ||
                (ty == VIGIL__SQ_KW && (kw == VIGIL__KW_FROM || kw == VIGIL__KW_UNION ||
                                        kw == VIGIL__KW_LIMIT || kw == VIGIL__KW_INTO ||
                                        kw == VIGIL__KW_ORDER || kw == VIGIL__KW_WHERE)))
                sq_sel_confirm(p, end, 0);
        }
        if (p->or_taut) {
            /* the literal after OR stands alone unless an operator follows */
            if (ty == VIGIL__SQ_END || ty == VIGIL__SQ_RPAR || ty == VIGIL__SQ_SEMI ||
                ty == VIGIL__SQ_LOGIC ||
                (ty == VIGIL__SQ_KW && (kw == VIGIL__KW_UNION || kw == VIGIL__KW_ORDER ||
                                        kw == VIGIL__KW_GROUP || kw == VIGIL__KW_LIMIT ||
                                        kw == VIGIL__KW_HAVING || kw == VIGIL__KW_INTO)))
                sq_or_taut(p, t);
            p->or_taut = 0;
        }
        switch (ty) {
        case VIGIL__SQ_END:
            sq_finish(p, t, s);
            goto bad; /* nothing follows */
        case VIGIL__SQ_OP:
            p->nops++;
            f->flags |= FF_OPS;
            p->state = ST_X;
            goto out;
        case VIGIL__SQ_CMP:
            sq_cmp_begin(p);
            f->flags |= FF_OPS;
            p->state = ST_X;
            goto out;
        case VIGIL__SQ_LOGIC:
            p->nops++;
            p->last_or = (uint8_t)sq_is_or(s, t);
            p->or_off  = t->off;
            f->flags |= FF_OPS;
            if (p->between) {
                p->between = 0; /* BETWEEN x AND y */
            } else {
                p->nlogic++;
                if (!p->logic_ok) {
                    p->logic_ok     = 1;
                    p->logic_off    = t->off;
                    p->direct_logic = p->nops == 1;
                }
            }
            p->state = ST_X;
            goto out;
        case VIGIL__SQ_UNARY:
            if (kw == VIGIL__KW_NOT) {
                p->state = ST_NOTOP;
                goto out;
            }
            goto bad;
        case VIGIL__SQ_CAST:
            p->cast_lkind = p->last_kind;
            p->state      = ST_NAME;
            goto out;
        case VIGIL__SQ_COMMA:
            f->flags &= (uint16_t)~FF_ALIAS;
            p->alias_ok = 0;
            p->state    = ST_X;
            if ((f->flags & FF_UNION) && f->mode == MD_SELECT)
                sq_rec(p, 1, "union select", p->union_off, end);
            goto out;
        case VIGIL__SQ_SEMI:
            p->depth      = 0;
            p->fr[0].mode = MD_EXPR;
            p->stmt_how   = HOW_SEMI;
            p->stmt_off   = t->off;
            p->semi       = 1;
            p->state      = ST_STMT;
            goto out;
        case VIGIL__SQ_RPAR:
            if (p->depth > 0) {
                int kind;
                if (f->kind == FR_CASE)
                    goto bad;
                if (f->flags & FF_IFCOND) {
                    p->depth--;
                    p->state = ST_STMT;
                    goto out;
                }
                if (f->kind == FR_ARGS)
                    kind = OK_FUNC;
                else if (f->flags & FF_SELECT)
                    kind = OK_SUBQ;
                else if (!(f->flags & FF_OPS) && f->fkind != OK_NONE)
                    kind = f->fkind;
                else
                    kind = OK_GROUP;
                size_t o = f->off;
                p->depth--;
                p->alias_ok = kind == OK_SUBQ;
                sq_operand_done(p, s, kind, o, end);
            }
            /* else: closes a parenthesis of the application's query */
            goto out;
        case VIGIL__SQ_STR:
        case VIGIL__SQ_NAME:
            if (ty == VIGIL__SQ_STR && p->prev_type == VIGIL__SQ_STR)
                goto out; /* adjacent literals concatenate */
            /* otherwise an alias, plain or quoted */
            if ((f->mode == MD_SELECT || f->mode == MD_FROM || p->alias_ok) &&
                !(f->flags & FF_ALIAS)) {
                f->flags |= FF_ALIAS;
                p->alias_ok = 0;
                goto out;
            }
            goto bad;
        case VIGIL__SQ_FUNC:
            if (kw == VIGIL__KW_EXEC && p->depth == 0 && p->ntok > 1) {
                sq_rec(p, sq_strong_pos(p) ? 1 : 2, "stacked query", t->off, end);
                p->state = ST_DONE;
                goto out;
            }
            goto bad;
        case VIGIL__SQ_KW:
            break;
        default:
            goto bad;
        }
        /* keywords after an operand */
        switch (kw) {
        case VIGIL__KW_IS:
            sq_cmp_begin(p);
            p->cmp_is = 1;
            p->state  = ST_IS;
            goto out;
        case VIGIL__KW_IN:
            if (f->kind == FR_ARGS) { /* POSITION(a IN b) */
                p->state = ST_X;
                goto out;
            }
            sq_cmp_begin(p);
            p->state = ST_IN;
            goto out;
        case VIGIL__KW_BETWEEN:
            sq_cmp_begin(p);
            p->between = 1;
            p->state   = ST_X;
            goto out;
        case VIGIL__KW_SOUNDS:
            p->state = ST_SOUNDS;
            goto out;
        case VIGIL__KW_COLLATE:
            p->state = ST_NAME;
            goto out;
        case VIGIL__KW_ESCAPE:
            p->state = ST_X;
            goto out;
        case VIGIL__KW_UNION: {
            /* After a number, string or break UNION SELECT is an attack;
             * after a plain word ("European Union select committee") it
             * needs a code-like select list to count. */
            p->union_lvl = sq_bare_weak(p) ? 3 : 1;
            p->union_off = t->off;
            p->state     = ST_UNION;
            goto out;
        }
        case VIGIL__KW_ORDER:
        case VIGIL__KW_GROUP:
            p->state = ST_BY;
            goto out;
        case VIGIL__KW_WHERE:
        case VIGIL__KW_HAVING:
            if (p->start == SS_STMT && p->depth == 0 && (f->flags & FF_SELECT))
                p->stmt_clause = 1;
            f->mode = MD_EXPR;
            if (kw == VIGIL__KW_HAVING && p->depth == 0)
                p->having = 1;
            if (!p->logic_ok && p->start != SS_STMT && p->ntok > 1) {
                p->logic_ok     = 1;
                p->logic_off    = t->off;
                p->direct_logic = 0;
            }
            p->state = ST_X;
            goto out;
        case VIGIL__KW_LIMIT:
            f->mode  = MD_LIMIT;
            p->state = ST_X;
            goto out;
        case VIGIL__KW_OFFSET:
        case VIGIL__KW_PROCEDURE:
            p->state = ST_X;
            goto out;
        case VIGIL__KW_INTO:
            p->state = ST_INTO;
            goto out;
        case VIGIL__KW_FOR:
            if (f->kind == FR_ARGS) { /* SUBSTRING(x FROM 1 FOR 1) */
                p->state = ST_X;
                goto out;
            }
            p->state = ST_FOR;
            goto out;
        case VIGIL__KW_LOCK:
            p->state = ST_SKIPKW;
            goto out;
        case VIGIL__KW_AS:
            p->state = ST_AS;
            goto out;
        case VIGIL__KW_FROM:
            if (f->mode == MD_SELECT) {
                f->mode = MD_FROM;
                f->flags |= FF_FROM;
                f->flags &= (uint16_t)~FF_ALIAS;
                sq_sel_confirm(p, end, 1);
                p->state = ST_X;
                goto out;
            }
            if (f->kind == FR_ARGS) {
                p->state = ST_X;
                goto out;
            }
            if (p->depth == 0 && p->start != SS_STMT && f->mode == MD_EXPR &&
                !(f->flags & FF_SELECT)) {
                /* "<v> AS name FROM t", ") AS x FROM", or a value that
                 * starts with FROM: the value sits in a select list */
                if ((f->flags & FF_ALIAS) && p->as_alias && !sq_after_word(p) &&
                    (p->as_alias == 2 || p->first_kind != OK_NAME) &&
                    !(p->start == SS_BREAK && !p->wordbrk && !p->brkempty)) {
                    p->tail_from = 1;
                    sq_rec(p, 2, "select list injection", p->base_off, end);
                } else if (p->start == SS_OP && p->ntok == 1) {
                    p->tail_from = 2;
                } else {
                    goto bad;
                }
                f->mode = MD_FROM;
                f->flags |= FF_FROM;
                f->flags &= (uint16_t)~FF_ALIAS;
                p->state = ST_X;
                goto out;
            }
            goto bad;
        case VIGIL__KW_JOIN:
            if (f->mode != MD_FROM)
                goto bad;
            f->flags &= (uint16_t)~FF_ALIAS;
            p->state = ST_X;
            goto out;
        case VIGIL__KW_JOINMOD:
            if (f->mode != MD_FROM)
                goto bad;
            p->state = ST_JOIN;
            goto out;
        case VIGIL__KW_ON:
            if (f->mode != MD_FROM)
                goto bad;
            f->mode  = MD_EXPR;
            p->state = ST_X;
            goto out;
        case VIGIL__KW_USING:
            if (f->kind == FR_ARGS) { /* CONVERT(x USING utf8) */
                p->state = ST_NAME;
                goto out;
            }
            if (f->mode != MD_FROM)
                goto bad;
            p->state = ST_LPAR;
            goto out;
        case VIGIL__KW_WHEN:
        case VIGIL__KW_THEN:
        case VIGIL__KW_ELSE:
            if (f->kind != FR_CASE)
                goto bad;
            if (kw == VIGIL__KW_THEN)
                f->flags |= FF_THEN;
            p->state = ST_X;
            goto out;
        case VIGIL__KW_END:
            if (f->kind != FR_CASE)
                goto bad;
            {
                size_t o = f->off;
                p->depth--;
                sq_rec(p, 2, "case expression", o, end);
                sq_operand_done(p, s, OK_GROUP, o, end);
            }
            goto out;
        case VIGIL__KW_ASC:
            if (f->mode != MD_ORDER)
                goto bad;
            goto out;
        case VIGIL__KW_WITH:
            p->state = ST_NAME;
            goto out;
        case VIGIL__KW_OVER:
        case VIGIL__KW_AGAINST:
            p->state = ST_LPAR;
            goto out;
        case VIGIL__KW_WITHIN:
            p->state = ST_WITHIN;
            goto out;
        case VIGIL__KW_SELECT:
            /* MSSQL: a statement straight after an expression. */
            if (p->depth != 0 || p->ntok < 2 || p->stmt_how == HOW_FULL)
                goto bad;
            p->stmt_how = HOW_BARE;
            p->stmt_off = t->off;
            sq_begin_select(p, t);
            goto out;
        case VIGIL__KW_TYPE:
            if (p->prev_type == VIGIL__SQ_KW && p->prev_kw == VIGIL__KW_TYPE)
                goto out; /* ::double precision */
            goto bad;
        default:
            if (kw >= VIGIL__KW_INSERT && kw <= VIGIL__KW_SHOW && p->depth == 0 &&
                p->ntok > 1) {
                p->stmt_how = HOW_BARE;
                if (sq_stmt_kw(p, t))
                    goto out;
            }
            goto bad;
        }

    case ST_STMT:
        switch (ty) {
        case VIGIL__SQ_END:
            sq_finish(p, t, s);
            goto bad;
        case VIGIL__SQ_SEMI:
            goto out;
        case VIGIL__SQ_LPAR:
            if (!sq_push(p, FR_GROUP, t->off))
                goto bad;
            p->state = ST_X;
            goto out;
        case VIGIL__SQ_FUNC:
            if (kw == VIGIL__KW_EXEC) {
                if (p->stmt_how != HOW_SEMI)
                    p->stmt_off = t->off;
                sq_stmt_confirm(p, end, p->stmt_how == HOW_FULL);
                p->stmt_step = 0;
                p->state     = ST_EXECP;
                goto out;
            }
            if (kw == VIGIL__KW_IF) {
                /* IF (cond) <statement>: the statement decides. */
                p->state = ST_IF;
                goto out;
            }
            goto bad;
        case VIGIL__SQ_KW:
            if (kw == VIGIL__KW_SELECT) {
                if (p->stmt_how != HOW_SEMI)
                    p->stmt_off = t->off;
                if (p->start == SS_BREAK && p->stmt_how == HOW_SEMI)
                    sq_rec(p, p->wordbrk || p->brkempty ? 2 : 3, "stacked query", p->stmt_off, end);
                sq_begin_select(p, t);
                goto out;
            }
            if (kw >= VIGIL__KW_INSERT && kw <= VIGIL__KW_SHOW && sq_stmt_kw(p, t))
                goto out;
            goto bad;
        default:
            goto bad;
        }

    case ST_STMTF:
        if (!sq_stmt_follow(p, t, s))
            goto bad;
        goto out;

    case ST_STMTF2:
        if (!sq_stmt_follow2(p, t))
            goto bad;
        goto out;

    case ST_UNION:
        if (ty == VIGIL__SQ_KW && (kw == VIGIL__KW_ALL || kw == VIGIL__KW_DISTINCT))
            goto out;
        if (ty == VIGIL__SQ_LPAR) {
            if (!sq_push(p, FR_GROUP, t->off))
                goto bad;
            goto out;
        }
        if (ty == VIGIL__SQ_KW && kw == VIGIL__KW_SELECT) {
            sq_rec(p, p->union_lvl, "union select", p->union_off, end);
            if (p->union_lvl == 1) {
                p->state = ST_DONE;
                goto out;
            }
            sq_begin_select(p, t);
            p->fr[p->depth].flags |= FF_UNION;
            goto out;
        }
        goto bad;

    case ST_BY:
        if (ty != VIGIL__SQ_KW || kw != VIGIL__KW_BY)
            goto bad;
        if (p->start == SS_STMT && p->depth == 0 && (f->flags & FF_FROM))
            /* SELECT ... FROM t ORDER BY / GROUP BY: a whole query */
            sq_pend(p, 2, "sql statement", f->off, end);
        f->mode        = MD_ORDER;
        p->orderby     = p->prev_kw == VIGIL__KW_ORDER ? 1 : 2;
        p->orderby_off = p->last_off + p->last_len;
        p->state       = ST_X;
        goto out;

    case ST_IS:
        if (ty == VIGIL__SQ_UNARY && kw == VIGIL__KW_NOT)
            goto out;
        if ((ty == VIGIL__SQ_KW && kw == VIGIL__KW_LITERAL) || ty == VIGIL__SQ_NUM) {
            sq_operand_done(p, s, OK_LIT, t->off, end);
            goto out;
        }
        goto bad;

    case ST_NOTOP:
        if (ty == VIGIL__SQ_FUNC && t->wtype == VIGIL__SQ_CMP)
            ty = VIGIL__SQ_CMP;
        if (ty == VIGIL__SQ_CMP) {
            sq_cmp_begin(p);
            p->state = ST_X;
            goto out;
        }
        if (ty == VIGIL__SQ_KW && kw == VIGIL__KW_IN) {
            sq_cmp_begin(p);
            p->state = ST_IN;
            goto out;
        }
        if (ty == VIGIL__SQ_KW && kw == VIGIL__KW_BETWEEN) {
            sq_cmp_begin(p);
            p->between = 1;
            p->state   = ST_X;
            goto out;
        }
        goto bad;

    case ST_IN:
        if (ty == VIGIL__SQ_LPAR) {
            if (!sq_push(p, FR_LIST, t->off))
                goto bad;
            p->state = ST_X;
            goto out;
        }
        if (ty == VIGIL__SQ_KW && kw == VIGIL__KW_BOOLEAN) {
            p->cmp_pending = 0;
            p->state       = ST_INMODE;
            goto out;
        }
        goto bad;

    case ST_INMODE:
        if (ty != VIGIL__SQ_KW || kw != VIGIL__KW_MODE)
            goto bad;
        p->state = ST_Y;
        goto out;

    case ST_INTO:
        if (ty == VIGIL__SQ_KW && kw == VIGIL__KW_OUTFILE) {
            p->state = ST_OUTFILE;
            goto out;
        }
        if (ty == VIGIL__SQ_VAR || ty == VIGIL__SQ_NAME) {
            p->state = ST_Y;
            goto out;
        }
        goto bad;

    case ST_OUTFILE:
        if (ty == VIGIL__SQ_STR || ty == VIGIL__SQ_FUNC) {
            sq_rec(p, 1, "into outfile", p->last_off + p->last_len, end);
            p->state = ST_DONE;
            goto out;
        }
        goto bad;

    case ST_AS:
    case ST_NAME:
        if (p->prev_type == VIGIL__SQ_CAST &&
            ((ty == VIGIL__SQ_KW && kw == VIGIL__KW_TYPE) ||
             (ty == VIGIL__SQ_FUNC && t->kw == VIGIL__KW_TYPE)) &&
            (p->cast_lkind == OK_LIT || p->cast_lkind == OK_FUNC || p->cast_lkind == OK_GROUP ||
             p->cast_lkind == OK_SUBQ))
            /* x::int, '{..}'::jsonb: PostgreSQL casts, used to force errors */
            sq_pend(p, 2, "postgresql cast", p->last_off, end);
        if (ty == VIGIL__SQ_NAME || ty == VIGIL__SQ_STR ||
            (ty == VIGIL__SQ_KW && (sq_kw_is_name(kw) || kw == VIGIL__KW_LITERAL))) {
            if (p->state == ST_AS) {
                f->flags |= FF_ALIAS;
                p->as_alias = (ty == VIGIL__SQ_STR || (t->flags & VIGIL__SQF_QUAL)) ? 2 : 1;
            }
            p->state = ST_Y;
            goto out;
        }
        if (ty == VIGIL__SQ_FUNC) { /* VARCHAR(10) */
            p->fn_pending = 0;
            p->fn_off     = t->off;
            p->state      = ST_FUNC;
            goto out;
        }
        goto bad;

    case ST_SOUNDS:
        if ((ty != VIGIL__SQ_CMP && ty != VIGIL__SQ_FUNC) || kw != VIGIL__KW_LIKE)
            goto bad;
        sq_cmp_begin(p);
        p->state = ST_X;
        goto out;

    case ST_FOR:
        if ((ty == VIGIL__SQ_KW && kw == VIGIL__KW_UPDATE) || ty == VIGIL__SQ_NAME ||
            (ty == VIGIL__SQ_KW && kw == VIGIL__KW_TYPE)) {
            p->state = ST_Y;
            goto out;
        }
        goto bad;

    case ST_JOIN:
        if (ty == VIGIL__SQ_KW && kw == VIGIL__KW_JOINMOD)
            goto out;
        if (ty == VIGIL__SQ_KW && kw == VIGIL__KW_JOIN) {
            f->flags &= (uint16_t)~FF_ALIAS;
            p->state = ST_X;
            goto out;
        }
        goto bad;

    case ST_SKIPKW:
        if (ty == VIGIL__SQ_KW && (kw == VIGIL__KW_IN || kw == VIGIL__KW_SHARE || kw == VIGIL__KW_MODE))
            goto out;
        p->state = ST_Y;
        goto again;

    case ST_WITHIN:
        if (ty != VIGIL__SQ_KW || kw != VIGIL__KW_GROUP)
            goto bad;
        p->state = ST_LPAR;
        goto out;

    default:
        goto bad;
    }

out:
    p->prev_type  = (uint8_t)ty;
    p->prev_kw    = (uint8_t)kw;
    p->prev_flags = t->flags;
    p->prev_off   = t->off;
    return;
bad:
    p->alive = 0;
}

/* Can a machine of this kind start with token t? A cheap filter that
 * spares setting up machines that would die on the first token. */
static int sq_can_start(int start, const vigil__sqtok *t)
{
    int kw = t->kw;
    switch (start) {
    case SS_VALUE: /* mirrors ST_X */
        switch (t->type) {
        case VIGIL__SQ_NUM: case VIGIL__SQ_STR: case VIGIL__SQ_NAME: case VIGIL__SQ_VAR:
        case VIGIL__SQ_FUNC: case VIGIL__SQ_LPAR: case VIGIL__SQ_UNARY: case VIGIL__SQ_OP:
            return 1;
        case VIGIL__SQ_KW:
            return kw == VIGIL__KW_LITERAL || kw == VIGIL__KW_CASE || kw == VIGIL__KW_EXISTS ||
                   kw == VIGIL__KW_ANY || kw == VIGIL__KW_ALL || kw == VIGIL__KW_INTERVAL ||
                   sq_kw_is_name(kw);
        default:
            return 0;
        }
    case SS_OP: /* mirrors ST_Y */
        if (t->type == VIGIL__SQ_KW)
            switch (kw) {
            case VIGIL__KW_IS: case VIGIL__KW_IN: case VIGIL__KW_BETWEEN: case VIGIL__KW_SOUNDS:
            case VIGIL__KW_COLLATE: case VIGIL__KW_ESCAPE: case VIGIL__KW_UNION:
            case VIGIL__KW_ORDER: case VIGIL__KW_GROUP: case VIGIL__KW_WHERE:
            case VIGIL__KW_HAVING: case VIGIL__KW_LIMIT: case VIGIL__KW_OFFSET:
            case VIGIL__KW_PROCEDURE: case VIGIL__KW_INTO: case VIGIL__KW_FOR:
            case VIGIL__KW_LOCK: case VIGIL__KW_AS: case VIGIL__KW_FROM: case VIGIL__KW_WITH:
            case VIGIL__KW_OVER: case VIGIL__KW_AGAINST: case VIGIL__KW_WITHIN:
                return 1;
            default:
                return 0;
            }
        return t->type != VIGIL__SQ_NUM && t->type != VIGIL__SQ_STR &&
               t->type != VIGIL__SQ_NAME && t->type != VIGIL__SQ_VAR &&
               t->type != VIGIL__SQ_LPAR && t->type != VIGIL__SQ_OTHER &&
               t->type != VIGIL__SQ_END &&
               !(t->type == VIGIL__SQ_FUNC && (t->wtype == 0 || t->wtype == VIGIL__SQ_NAME));
    default: /* mirrors ST_STMT */
        return (t->type == VIGIL__SQ_KW &&
                (kw == VIGIL__KW_SELECT || (kw >= VIGIL__KW_INSERT && kw <= VIGIL__KW_SHOW))) ||
               t->type == VIGIL__SQ_LPAR || t->type == VIGIL__SQ_SEMI ||
               (t->type == VIGIL__SQ_FUNC && (t->kw == VIGIL__KW_IF || t->kw == VIGIL__KW_EXEC));
    }
}

/* ------------------------------------------------------------ pre-check */

/* Byte classes. A value without any of SQ_TRIGGER's bytes (or "--", or
 * an '@' that can start a variable) is a single word: no keyword pair,
 * string break, operator or call can form in it. */
#define B_WS   0x0001u /* blanks, NUL, controls; NBSP                   */
#define B_SQ   0x0002u /* '                                              */
#define B_DQ   0x0004u /* "                                              */
#define B_BT   0x0008u /* `                                              */
#define B_BS   0x0010u /* \                                              */
#define B_PAR  0x0020u /* ( )                                            */
#define B_PUN  0x0040u /* ; = < > | & ! ~ ^ # [ {                        */
#define B_STAR 0x0080u /* *                                              */
#define B_DASH 0x0100u /* -                                              */
#define B_AT   0x0200u /* @                                              */
#define B_DOT  0x0400u /* .                                              */
#define B_ID   0x0800u /* letters, digits, _ $ and bytes >= 0x80         */
#define B_MISC 0x1000u /* anything else: / : , + % ? } controls          */
#define SQ_TRIGGER (B_WS | B_SQ | B_DQ | B_BT | B_BS | B_PAR | B_PUN | B_STAR)

/* sq_bclass[c]: the B_* classes of byte c (generated; NBSP 0xa0 is both
 * a blank and, inside UTF-8, part of a letter). */
static const uint16_t sq_bclass[256] = {
    0x0001, 0x1000, 0x1000, 0x1000, 0x1000, 0x1000, 0x1000, 0x1000, 0x1000, 0x0001, 0x0001, 0x0001, 0x0001, 0x0001, 0x1000, 0x1000,
    0x1000, 0x1000, 0x1000, 0x1000, 0x1000, 0x1000, 0x1000, 0x1000, 0x1000, 0x1000, 0x1000, 0x1000, 0x1000, 0x1000, 0x1000, 0x1000,
    0x0001, 0x0040, 0x0004, 0x0040, 0x0800, 0x1000, 0x0040, 0x0002, 0x0020, 0x0020, 0x0080, 0x1000, 0x1000, 0x0100, 0x0400, 0x1000,
    0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x1000, 0x0040, 0x0040, 0x0040, 0x0040, 0x1000,
    0x0200, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800,
    0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0040, 0x0010, 0x1000, 0x0040, 0x0800,
    0x0008, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800,
    0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0040, 0x0040, 0x1000, 0x0040, 0x1000,
    0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800,
    0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800,
    0x0801, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800,
    0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800,
    0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800,
    0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800,
    0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800,
    0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800, 0x0800,
};

/* Starts the machines that can read token t; returns how many. */
static int sq_start(sq_p *ps, const vigil__sqtok *t, char quote, int stmt)
{
    static const uint8_t starts[3] = {SS_VALUE, SS_OP, SS_STMT};
    int np = 0;
    if (quote) {
        sq_init(&ps[np++], SS_BREAK, quote);
        return np;
    }
    for (int i = 0; i < 3; i++)
        if ((stmt || starts[i] != SS_STMT) && sq_can_start(starts[i], t))
            sq_init(&ps[np++], starts[i], 0);
    return np;
}

static void sq_merge(sq_shape *best, const sq_shape *s)
{
    if (s->lvl < best->lvl)
        *best = *s;
}

/* After the machines died at offset `at`: where to read the value again.
 * A value like "select]=polygon((..." carries its payload after an '='
 * (a name=value pair the client encoded into one field); restart there
 * when SQL plainly follows: a parenthesis or a call of a SQL function. */
static int sq_restart_at(const char *s, size_t n, size_t at, size_t *pos)
{
    const char *eq = at < n ? memchr(s + at, '=', n - at) : NULL;
    if (eq == NULL)
        return 0;
    size_t j = (size_t)(eq - s) + 1;
    while (j < n && (s[j] == ' ' || s[j] == '\t'))
        j++;
    if (j >= n || s[j] == '=')
        return 0;
    *pos = j;
    if (s[j] == '(')
        return 1;
    size_t e = j;
    while (e < n && e - j < 32 && (sq_bclass[(unsigned char)s[e]] & B_ID))
        e++;
    return e > j && e < n && s[e] == '(' &&
           (vigil__sqlex_word_flags(s + j, e - j, NULL) & VIGIL__SQF_KNOWN);
}

/* s[i..] is "/<digits and dots> (": the rest of a product token
 * ("Mozilla/5.0 (Windows ...") followed by its comment. */
static int sq_product_token(const char *s, size_t n, size_t i)
{
    if (i + 3 >= n || s[i] != '/' || !(s[i + 1] >= '0' && s[i + 1] <= '9'))
        return 0;
    i += 2;
    while (i < n && ((s[i] >= '0' && s[i] <= '9') || s[i] == '.'))
        i++;
    if (i >= n || s[i] != ' ')
        return 0;
    while (i < n && s[i] == ' ')
        i++;
    return i < n && s[i] == '(';
}

/* Runs the machines of one context over s; merges into *best. */
static void sq_run(const char *s, size_t n, char quote, int bslash, sq_shape *best)
{
    vigil__sqlex lx;
    vigil__sqtok t;
    sq_p         ps[3];
    int          np, i, restarts = 0;

    vigil__sqlex_init(&lx, s, n, quote, bslash);
    int ty = vigil__sqlex_next(&lx, &t);
    /* Prose: a word SQL does not know after an unknown word (as-is) or
     * after the closed string (quoted) kills every machine at once. */
    if (((ty == VIGIL__SQ_NAME && t.flags == 0) ||
         (ty == VIGIL__SQ_STR && quote && !(t.flags & VIGIL__SQF_OPEN))) &&
        vigil__sqlex_peek_plain_word(&lx, ty == VIGIL__SQ_NAME) && !memchr(s, '=', n))
        return;
    /* "Mozilla/5.0 (": a product token and comment. As SQL a name divided
     * by a number cannot go on with '(', so the only machine (a value
     * starting with a name) would die on the fourth token. */
    if (ty == VIGIL__SQ_NAME && t.flags == 0 && !quote && sq_product_token(s, n, lx.pos) &&
        !memchr(s, '=', n))
        return;
    np = sq_start(ps, &t, quote, 1);
    for (;;) {
        int alive = 0;
        if ((t.flags & VIGIL__SQF_EVADE) && best->lvl > 2) {
            best->lvl    = 2;
            best->detail = "scientific notation evasion";
            best->off    = t.off;
            best->end    = t.off + t.len;
        }
        for (i = 0; i < np; i++) {
            if (!ps[i].alive)
                continue;
            sq_feed(&ps[i], &t, s);
            if (ps[i].best.lvl == 1)
                goto done;
            alive |= ps[i].alive;
        }
        if (ty == VIGIL__SQ_END)
            break;
        if (!alive) {
            size_t pos;
            if (quote || restarts >= 2 || !sq_restart_at(s, n, t.off, &pos))
                break;
            restarts++;
            for (i = 0; i < np; i++)
                sq_merge(best, &ps[i].best);
            lx.pos     = pos;
            lx.in_exec = 0;
            lx.braces  = 0;
            ty         = vigil__sqlex_next(&lx, &t);
            np         = sq_start(ps, &t, 0, 0);
            continue;
        }
        ty = vigil__sqlex_next(&lx, &t);
    }
done:
    for (i = 0; i < np; i++)
        sq_merge(best, &ps[i].best);
}

/* Is there a byte that can take part in an injection shape: one of a
 * SQ_TRIGGER class, "--", or an '@' that can begin a variable (not the
 * one inside an e-mail address)? If not, *mask gets the OR of the
 * classes of all bytes. Prose stops at its first blank; words, ids and
 * e-mail addresses cost about two instructions a byte. */
static int sq_triggered(const char *s, size_t n, unsigned *mask)
{
    const unsigned char *u = (const unsigned char *)s;
    unsigned             m = 0;
    size_t               i = 0;
    for (; i + 4 <= n; i += 4) {
        unsigned c = sq_bclass[u[i]] | sq_bclass[u[i + 1]] | sq_bclass[u[i + 2]] |
                     sq_bclass[u[i + 3]];
        if (c & SQ_TRIGGER)
            return 1;
        m |= c;
    }
    for (; i < n; i++)
        m |= sq_bclass[u[i]];
    if (m & SQ_TRIGGER)
        return 1;
    const char *e = s + n;
    if (m & B_DASH)
        for (const char *p = s; (p = memchr(p, '-', (size_t)(e - p))) != NULL; p++)
            if (p + 1 < e && p[1] == '-')
                return 1;
    if (m & B_AT)
        for (const char *p = s; (p = memchr(p, '@', (size_t)(e - p))) != NULL; p++)
            if (p == s || !(sq_bclass[(unsigned char)p[-1]] & (B_ID | B_DOT)))
                return 1;
    *mask = m;
    return 0;
}

static void sq_best(sq_shape *best, int lvl, const char *detail, size_t off, size_t end)
{
    if (lvl < best->lvl) {
        best->lvl    = lvl;
        best->detail = detail;
        best->off    = off;
        best->end    = end;
    }
}

/* A value that is one word: only a system catalog's name
 * ("information_schema", "mysql.user") or MySQL's "1.e.name" evasion
 * mean anything here. */
static void sq_lone_word(const char *s, size_t n, unsigned m, sq_shape *best)
{
    if (n < 4 || n > 64 || (m & ~(unsigned)(B_ID | B_DOT)))
        return;
    /* catalog names have a '_' or '.', or start with sys / ms */
    unsigned c0 = (unsigned char)s[0] | 0x20u, c1 = (unsigned char)s[1] | 0x20u;
    const char *dot = (m & B_DOT) ? memchr(s, '.', n) : NULL;
    if (dot == NULL && !(c0 == 's' && c1 == 'y') && !(c0 == 'm' && c1 == 's') &&
        !memchr(s, '_', n))
        return;
    if (dot == NULL) {
        if (vigil__sqlex_word_flags(s, n, NULL) & VIGIL__SQF_CATALOG)
            sq_best(best, 2, "system catalog name", 0, n);
        return;
    }
    if (vigil__sqlex_word_flags(s, (size_t)(dot - s), NULL) & VIGIL__SQF_SYSOBJ ||
        (s[0] >= '0' && s[0] <= '9'))
        sq_run(s, n, 0, 1, best);
}

/* ---------------------------------------------------- anywhere signals */

static int sq_ieq(const char *p, const char *lit, size_t l)
{
    for (size_t i = 0; i < l; i++)
        if (vigil__lower((unsigned char)p[i]) != (unsigned char)lit[i])
            return 0;
    return 1;
}

/* Signals that count wherever they stand, even after text no SQL grammar
 * reads (a User-Agent, a path): a time-delay, error-based, file or
 * command function that only SQL has, called with an argument
 * ("... BENCHMARK(1000000,1+1)"); MSSQL's WAITFOR DELAY '0:0:5'; MySQL
 * executable comments with a version or keyword ("/" "*!50000union"). */
static void sq_anywhere(const char *s, size_t n, unsigned m, sq_shape *best)
{
    const char *e = s + n;
    {
        for (const char *p = s; (p = memchr(p, '(', (size_t)(e - p))) != NULL; p++) {
            size_t j = (size_t)(p - s), w;
            while (j > 0 && (s[j - 1] == ' ' || s[j - 1] == '\t'))
                j--;
            /* the names that count end in a letter or '_' */
            if (j == 0 || !(sq_bclass[(unsigned char)s[j - 1]] & B_ID) ||
                (s[j - 1] >= '0' && s[j - 1] <= '9'))
                continue;
            w = j;
            while (w > 0 && j - w < 64 && (sq_bclass[(unsigned char)s[w - 1]] & (B_ID | B_DOT)))
                w--;
            if (w == j || !(sq_bclass[(unsigned char)s[w]] & B_ID) || (s[w] >= '0' && s[w] <= '9'))
                continue;
            uint32_t fl = vigil__sqlex_word_flags(s + w, j - w, NULL);
            if (!((fl & VIGIL__SQF_XCMD) ||
                  ((fl & (VIGIL__SQF_TIME | VIGIL__SQF_ERR | VIGIL__SQF_FILE)) &&
                   (fl & (VIGIL__SQF_SQLONLY | VIGIL__SQF_QUAL)))))
                continue;
            size_t a = (size_t)(p - s) + 1;
            while (a < n && (s[a] == ' ' || s[a] == '\t'))
                a++;
            if (a < n && s[a] != ')') {
                sq_best(best, 1,
                        fl & VIGIL__SQF_TIME ? "time-based function"
                        : fl & VIGIL__SQF_XCMD ? "command execution"
                        : fl & VIGIL__SQF_FILE ? "file access function"
                                               : "error-based function",
                        w, a + 1);
                return;
            }
        }
    }
    if (m & B_SQ) {
        /* WAITFOR DELAY|TIME '...' */
        for (const char *p = s; (p = memchr(p, '\'', (size_t)(e - p))) != NULL; p++) {
            size_t j = (size_t)(p - s), w;
            while (j > 0 && (sq_bclass[(unsigned char)s[j - 1]] & B_WS))
                j--;
            if (j == 0 || ((s[j - 1] | 0x20) != 'y' && (s[j - 1] | 0x20) != 'e'))
                continue;
            w = j;
            while (w > 0 && j - w < 6 && (sq_bclass[(unsigned char)s[w - 1]] & B_ID))
                w--;
            if (!((j - w == 5 && sq_ieq(s + w, "delay", 5)) || (j - w == 4 && sq_ieq(s + w, "time", 4))))
                continue;
            while (w > 0 && (sq_bclass[(unsigned char)s[w - 1]] & B_WS))
                w--;
            if (w >= 7 && sq_ieq(s + w - 7, "waitfor", 7) &&
                (w == 7 || !(sq_bclass[(unsigned char)s[w - 8]] & B_ID))) {
                sq_best(best, 1, "time delay", w - 7, (size_t)(p - s) + 1);
                return;
            }
        }
    }
    {
        for (const char *p = s; (p = memchr(p, '*', (size_t)(e - p))) != NULL; p++) {
            if (p == s || p[-1] != '/' || p + 1 >= e || p[1] != '!')
                continue;
            const char *q = p + 2, *d = q;
            while (d < e && d - q < 6 && *d >= '0' && *d <= '9')
                d++;
            const char *w = d;
            while (w < e && w - d < 16 && (((unsigned char)*w | 0x20) >= 'a' && ((unsigned char)*w | 0x20) <= 'z'))
                w++;
            int known = 0;
            if (w > d)
                (void)vigil__sqlex_word_flags(d, (size_t)(w - d), &known);
            if ((d - q == 5 && (w > d || d == e || *d == ' ' || *d == '*')) || known) {
                sq_best(best, 2, "mysql executable comment", (size_t)(p - 1 - s), (size_t)(w - s));
                return;
            }
        }
    }
}

int vigil__detect_sqli(const char *s, size_t n, int sensitivity, vigil__finding *f)
{
    sq_shape best;

    if (s == NULL || n == 0 || f == NULL)
        return 0;
    if (sensitivity < 1)
        sensitivity = 1;
    best.lvl    = L_NONE;
    best.detail = NULL;
    best.off = best.end = 0;

    unsigned m = 0;
    if (!sq_triggered(s, n, &m)) {
        sq_lone_word(s, n, m, &best);
    } else {
        /* which quote contexts can matter: a value without a quote cannot
         * break out of a string */
        m = (memchr(s, '\'', n) ? B_SQ : 0u) | (memchr(s, '"', n) ? B_DQ : 0u) |
            (memchr(s, '`', n) ? B_BT : 0u);
        if (m && memchr(s, '\\', n))
            m |= B_BS;
        /* as-is, then inside '...', "..." and `...`; with a backslash
         * present, also the way databases without backslash escapes read
         * it ("x\' or 1=1") */
        sq_run(s, n, 0, 1, &best);
        if (best.lvl > 1 && (m & B_SQ))
            sq_run(s, n, '\'', 1, &best);
        if (best.lvl > 1 && (m & B_DQ))
            sq_run(s, n, '"', 1, &best);
        if (best.lvl > 1 && (m & B_BT))
            sq_run(s, n, '`', 0, &best);
        if (best.lvl > 1 && (m & B_BS) && (m & B_SQ))
            sq_run(s, n, '\'', 0, &best);
        if (best.lvl > 1 && (m & B_BS) && (m & B_DQ))
            sq_run(s, n, '"', 0, &best);
        if (best.lvl > 1)
            sq_anywhere(s, n, m, &best);
    }
    if (best.lvl > sensitivity || best.detail == NULL)
        return 0;
    f->detail = best.detail;
    f->score  = best.lvl == 1 ? 90 : best.lvl == 2 ? 70 : 40;
    f->off    = best.off;
    f->len    = best.end - best.off;
    return 1;
}
