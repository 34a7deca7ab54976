/*
 * detect_sqli.c - SQL injection detector.
 *
 * The value is tokenized (sqli_lex.c) in the contexts an application may
 * paste it into: as-is (`WHERE id = <v>`), and inside a single- or
 * double-quoted string (`WHERE name = '<v>'`, where the first token is the
 * string the value closes). A small permissive SQL grammar, run as a
 * state machine, follows each token stream for as long as it stays valid
 * SQL. Prose dies within a couple of tokens (two bare words in a row, a
 * string followed by a word, a keyword out of place), while an injection
 * has to be valid SQL to work. Along the valid prefix the machine notes
 * injection shapes - a UNION SELECT, a stacked statement, a tautology
 * after a string break, a time-delay call - each with a strength level:
 * 1 fires at every sensitivity, 2 from sensitivity 2, 3 only at 3.
 *
 * For the as-is context three machines run in lockstep on one token
 * stream: the value as an operand (`1 OR 1=1`), as a continuation after
 * an operand (` OR 1=1`, `) UNION SELECT`), and as a whole statement
 * (`SELECT * FROM users`).
 */
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

typedef struct sq_frame {
    uint8_t kind, mode, fkind, flags;
    size_t  off; /* '(' offset, or SELECT offset for the top frame */
} sq_frame;

typedef struct sq_p {
    uint8_t  alive, state, start, depth;
    uint8_t  stmt_kw, stmt_how;
    uint8_t  prev_type, prev_kw;
    uint16_t prev_flags;
    uint8_t  last_kind, first_kind;
    uint8_t  cmp_pending, cmp_depth, cmp_lkind;
    uint8_t  logic_ok, direct_logic, wordbrk, brkempty, alias_ok;
    uint8_t  orderby, sel_pending;
    uint16_t fn_pending;
    unsigned nops, ntok, nlogic, ncmp;
    size_t   fn_off, logic_off, last_off, last_len, cmp_loff, cmp_llen;
    size_t   stmt_off, orderby_off, union_off;
    sq_frame fr[SQ_MAXDEPTH + 1];
    /* best shape found so far */
    int         lvl;
    const char *detail;
    size_t      off, end;
} sq_p;

static void sq_rec(sq_p *p, int lvl, const char *detail, size_t off, size_t end)
{
    if (lvl < p->lvl) {
        p->lvl    = lvl;
        p->detail = detail;
        p->off    = off;
        p->end    = end < off ? off : end;
    }
}

static void sq_init(sq_p *p, int start)
{
    memset(p, 0, sizeof *p);
    p->alive = 1;
    p->start = (uint8_t)start;
    p->lvl   = 99;
    p->fr[0].kind = FR_TOP;
    p->fr[0].mode = MD_EXPR;
    p->state = start == SS_VALUE ? ST_X : start == SS_STMT ? ST_STMT : ST_Y;
    if (start == SS_STMT)
        p->stmt_how = HOW_FULL;
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

/* A comparison finished; decide whether it is an injected condition. */
static void sq_cmp_done(sq_p *p, const char *s, int rk, size_t roff, size_t rend)
{
    int lk   = p->cmp_lkind;
    int taut = (sq_const_kind(lk) && sq_const_kind(rk)) ||
               (lk == OK_NAME && rk == OK_NAME &&
                sq_same_text(s, p->cmp_loff, p->cmp_llen, roff, rend - roff));
    p->ncmp++;
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
        sq_rec(p, taut ? 1 : 2, taut ? "tautology" : "boolean condition", p->logic_off, rend);
        break;
    case SS_VALUE:
        if (taut)
            sq_rec(p, 1, "tautology after value", p->logic_off, rend);
        else if (p->direct_logic && (p->first_kind == OK_LIT || p->first_kind == OK_VAR))
            sq_rec(p, 2, "boolean condition after value", p->logic_off, rend);
        else
            sq_rec(p, 3, "boolean condition after value", p->logic_off, rend);
        break;
    default:
        break;
    }
}

/* True when the machine sits in a clear injection position: after a string
 * break, a leading operator, or any operator following the value. */
static int sq_strong_pos(const sq_p *p)
{
    return p->start == SS_BREAK || p->start == SS_OP || p->nops > 0 ||
           p->stmt_how == HOW_SEMI;
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

