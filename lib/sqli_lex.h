/*
 * sqli_lex.h - SQL tokenizer for the SQL injection detector (private to
 * detect_sqli.c). It reads a value the way a permissive mix of MySQL,
 * PostgreSQL, MSSQL, Oracle and SQLite would, optionally as if the value
 * began inside a quoted string (the injection contexts of an application
 * that builds `... = '<value>'`). Comments are skipped but reported as
 * flags on the following token; the bodies of MySQL executable comments
 * (slash-star-bang) are read as code. PostgreSQL's JSON operators
 * (@> <@ ? ?| ?& #> ->), ODBC "{name expr}" groups and MySQL's "1.e("
 * junk are read the way those servers read them.
 *
 * Pure and allocation free: a lexer is a small struct over the caller's
 * bytes, each call returns one token in O(token length).
 */
#ifndef VIGIL_SQLI_LEX_H
#define VIGIL_SQLI_LEX_H

#include "common.h"

/* Token types. */
enum {
    VIGIL__SQ_END = 0, /* end of input (flags tell whether a comment ended it) */
    VIGIL__SQ_NUM,     /* 1, 1.5e3, 0x41, 0b101                              */
    VIGIL__SQ_STR,     /* 'x' "x" N'x' x'41' $$x$$ _latin1'x'                 */
    VIGIL__SQ_NAME,    /* identifier or bareword, `x`, [x], a.b              */
    VIGIL__SQ_VAR,     /* @x @@x                                             */
    VIGIL__SQ_FUNC,    /* a name directly followed by '('                    */
    VIGIL__SQ_LPAR,
    VIGIL__SQ_RPAR,
    VIGIL__SQ_COMMA,
    VIGIL__SQ_SEMI,
    VIGIL__SQ_OP,      /* binary arithmetic / bitwise: + - * / % ^ | & << >> DIV MOD */
    VIGIL__SQ_CMP,     /* = <> != < > <= >= <=> LIKE RLIKE REGEXP GLOB := ...  */
    VIGIL__SQ_LOGIC,   /* AND OR XOR && ||                                    */
    VIGIL__SQ_UNARY,   /* ! ~ NOT BINARY                                      */
    VIGIL__SQ_KW,      /* other keyword; `kw` says which                     */
    VIGIL__SQ_CAST,    /* :: (PostgreSQL cast)                                */
    VIGIL__SQ_OTHER    /* anything SQL has no use for here                   */
};

/* Keyword ids (token field `kw`). 0 = none. */
enum {
    VIGIL__KW_NONE = 0,
    /* statements */
    VIGIL__KW_SELECT, VIGIL__KW_INSERT, VIGIL__KW_UPDATE, VIGIL__KW_DELETE,
    VIGIL__KW_DROP, VIGIL__KW_CREATE, VIGIL__KW_ALTER, VIGIL__KW_TRUNCATE,
    VIGIL__KW_EXEC, VIGIL__KW_DECLARE, VIGIL__KW_SET, VIGIL__KW_SHUTDOWN,
    VIGIL__KW_WAITFOR, VIGIL__KW_GRANT, VIGIL__KW_BEGIN, VIGIL__KW_CALL,
    VIGIL__KW_LOAD, VIGIL__KW_IF, VIGIL__KW_PRINT, VIGIL__KW_USE,
    VIGIL__KW_BACKUP, VIGIL__KW_GOTO, VIGIL__KW_REPLACE, VIGIL__KW_COPY,
    VIGIL__KW_HANDLER, VIGIL__KW_PREPARE, VIGIL__KW_BULK, VIGIL__KW_KILL,
    VIGIL__KW_SHOW,
    /* clauses */
    VIGIL__KW_UNION, VIGIL__KW_FROM, VIGIL__KW_WHERE, VIGIL__KW_HAVING,
    VIGIL__KW_LIMIT, VIGIL__KW_OFFSET, VIGIL__KW_ORDER, VIGIL__KW_GROUP,
    VIGIL__KW_BY, VIGIL__KW_INTO, VIGIL__KW_OUTFILE, VIGIL__KW_PROCEDURE,
    VIGIL__KW_FOR, VIGIL__KW_AS, VIGIL__KW_JOIN, VIGIL__KW_JOINMOD,
    VIGIL__KW_ON, VIGIL__KW_USING, VIGIL__KW_VALUES, VIGIL__KW_TOP,
    VIGIL__KW_DISTINCT, VIGIL__KW_ALL, VIGIL__KW_ASC, VIGIL__KW_LOCK,
    VIGIL__KW_TABLE, VIGIL__KW_DELAY, VIGIL__KW_WITH, VIGIL__KW_OVER,
    VIGIL__KW_WITHIN, VIGIL__KW_MODE, VIGIL__KW_SHARE, VIGIL__KW_FETCH,
    VIGIL__KW_DATA, VIGIL__KW_INFILE,
    /* expressions */
    VIGIL__KW_CASE, VIGIL__KW_WHEN, VIGIL__KW_THEN, VIGIL__KW_ELSE,
    VIGIL__KW_END, VIGIL__KW_IS, VIGIL__KW_IN, VIGIL__KW_BETWEEN,
    VIGIL__KW_EXISTS, VIGIL__KW_ANY, VIGIL__KW_NOT, VIGIL__KW_LITERAL,
    VIGIL__KW_COLLATE, VIGIL__KW_ESCAPE, VIGIL__KW_INTERVAL,
    VIGIL__KW_SOUNDS, VIGIL__KW_LIKE, VIGIL__KW_TYPE, VIGIL__KW_AGAINST,
    VIGIL__KW_BOOLEAN, VIGIL__KW_TO
};

/* Token flags. */
#define VIGIL__SQF_OPEN      0x00001u /* string without closing quote        */
#define VIGIL__SQF_VQUOTE    0x00002u /* string opened by the context quote  */
#define VIGIL__SQF_CMT       0x00004u /* a comment precedes this token       */
#define VIGIL__SQF_CMT_HASH  0x00008u /* ... and the last one was '#'        */
#define VIGIL__SQF_CMT_DASH  0x00010u /* ... or '--'                         */
#define VIGIL__SQF_KNOWN     0x00020u /* known SQL function / system name    */
#define VIGIL__SQF_TIME      0x00040u /* time-delay function                 */
#define VIGIL__SQF_ERR       0x00080u /* error-based / out-of-band function  */
#define VIGIL__SQF_FILE      0x00100u /* file access function                */
#define VIGIL__SQF_XCMD      0x00200u /* command execution procedure         */
#define VIGIL__SQF_INFO      0x00400u /* reveals server info (version, user) */
#define VIGIL__SQF_SYSOBJ    0x00800u /* system catalog (information_schema) */
#define VIGIL__SQF_HEX       0x01000u /* 0x... or x'..' literal               */
#define VIGIL__SQF_QUAL      0x02000u /* dotted or quoted identifier          */
#define VIGIL__SQF_SYSVAR    0x04000u /* well-known @@server_variable         */
#define VIGIL__SQF_CONVERT   0x10000u /* CONVERT(), error-prone with a type   */
#define VIGIL__SQF_SQLONLY   0x20000u /* a name only SQL uses (group_concat)  */
#define VIGIL__SQF_WORD      0x40000u /* also a common word (count, time)     */
#define VIGIL__SQF_CATALOG   0x80000u /* catalog name telling on its own      */
#define VIGIL__SQF_JPATH    0x100000u /* string holding a JSON path '$.a[0]'  */
#define VIGIL__SQF_EVADE    0x200000u /* MySQL "1.e" junk came before it       */
#define VIGIL__SQF_BRACE    0x400000u /* '(' spelled as ODBC "{name "          */

typedef struct vigil__sqtok {
    uint8_t  type;    /* VIGIL__SQ_*                                   */
    uint8_t  kw;      /* VIGIL__KW_* for keywords and keyword ops      */
    uint8_t  wtype;   /* for FUNC: type the word has without '('      */
    uint32_t flags;   /* VIGIL__SQF_*                                  */
    size_t   off;     /* token bytes: s[off, off+len)                  */
    size_t   len;
    size_t   cmt_off; /* start of the last comment before it (SQF_CMT) */
} vigil__sqtok;

typedef struct vigil__sqlex {
    const char *s;
    size_t      n;
    size_t      pos;
    char        vquote;  /* pending context quote, consumed by 1st token */
    uint8_t     in_exec; /* inside a MySQL executable comment            */
    uint8_t     bslash;  /* backslash escapes inside strings              */
    uint8_t     braces;  /* open ODBC "{name " groups a '}' may close     */
} vigil__sqlex;

/* Starts a lexer over s[0..n). quote is 0, '\'', '"' or '`': with a quote
 * the first token is the string (or quoted name) the application opened
 * before the value.
 * bslash: 1 reads backslash as an escape inside strings (MySQL's
 * default), 0 as a plain character (standard SQL, PostgreSQL, MSSQL,
 * Oracle, SQLite). */
void vigil__sqlex_init(vigil__sqlex *lx, const char *s, size_t n, char quote, int bslash);

/* Reads the next token into *t; returns t->type (VIGIL__SQ_END at the
 * end, forever after). */
int vigil__sqlex_next(vigil__sqlex *lx, vigil__sqtok *t);

/* Flags the word table gives p[0,len) (a name, possibly dotted and
 * quoted) when it is called as a function or stands as a name; for a
 * dotted name only the flags of schema/package prefixes (dbms_pipe.).
 * *known (may be NULL) tells whether any part is in
 * the table. Pure; p need not be NUL-terminated. */
uint32_t vigil__sqlex_word_flags(const char *p, size_t len, int *known);

/* 1 when the next token (after blanks) is a plain word of letters and
 * digits that the word table does not know (prose), or with after_name
 * a quote: after an operand no SQL continues like that. Does not move
 * the lexer. */
int vigil__sqlex_peek_plain_word(const vigil__sqlex *lx, int after_name);

/* For tests: 0 when the keyword table is sorted and every entry is found
 * by the lookup, -1 otherwise. */
int vigil__sqlex_selfcheck(void);

#endif
