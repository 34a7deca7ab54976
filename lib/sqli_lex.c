/*
 * sqli_lex.c - SQL tokenizer for the SQL injection detector; see
 * sqli_lex.h. Dialect choices follow the most permissive common reading:
 * backslash escapes inside strings (MySQL), doubled quotes, "--" and '#'
 * line comments, C comments, executable MySQL comments read as code,
 * identifiers that start with digits ("1a"), $$dollar$$ strings, N'x',
 * x'41', _charset'x', `x` and [x] quoted identifiers.
 */
#include "sqli_lex.h"

/* Word options: may be called as a function; flags also apply without a
 * following '('; flags also apply as the first part of a dotted name. */
#define O_FN  0x01u
#define O_NIL 0x02u
#define O_PFX 0x04u

typedef struct sq_word {
    const char *w;
    uint8_t     len;
    uint8_t     type;
    uint8_t     kw;
    uint32_t    flags;
    uint8_t     opt;
} sq_word;

/* Every word the tokenizer knows, sorted, with len = strlen(w). Lookup
 * goes through sq_slots below, an open-addressing hash index: for each
 * word in table order, slot = FNV-1a-32(word) & 1023, moving to the next
 * slot (mod 1024) while taken; -1 marks a free slot. Regenerate sq_slots
 * whenever a word is added; vigil__sqlex_selfcheck (run by the unit test)
 * fails when the two tables disagree. */
static const sq_word sq_words[] = {
    {"abs", 3, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"acos", 4, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"aes_decrypt", 11, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"aes_encrypt", 11, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"against", 7, VIGIL__SQ_KW, VIGIL__KW_AGAINST, 0, 0},
    {"all", 3, VIGIL__SQ_KW, VIGIL__KW_ALL, 0, 0},
    {"all_tab_columns", 15, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_SYSOBJ, O_NIL|O_PFX},
    {"all_tables", 10, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_SYSOBJ, O_NIL|O_PFX},
    {"all_users", 9, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_SYSOBJ, O_NIL|O_PFX},
    {"alter", 5, VIGIL__SQ_KW, VIGIL__KW_ALTER, 0, 0},
    {"and", 3, VIGIL__SQ_LOGIC, VIGIL__KW_NONE, 0, 0},
    {"any", 3, VIGIL__SQ_KW, VIGIL__KW_ANY, 0, 0},
    {"array_agg", 9, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"array_to_json", 13, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"as", 2, VIGIL__SQ_KW, VIGIL__KW_AS, 0, 0},
    {"asc", 3, VIGIL__SQ_KW, VIGIL__KW_ASC, 0, 0},
    {"ascii", 5, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"ascii_str", 9, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"asin", 4, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"atan", 4, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"avg", 3, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"backup", 6, VIGIL__SQ_KW, VIGIL__KW_BACKUP, 0, 0},
    {"begin", 5, VIGIL__SQ_KW, VIGIL__KW_BEGIN, 0, 0},
    {"benchmark", 9, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_TIME, O_FN},
    {"between", 7, VIGIL__SQ_KW, VIGIL__KW_BETWEEN, 0, 0},
    {"bfilename", 9, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_FILE, O_FN},
    {"bigint", 6, VIGIL__SQ_KW, VIGIL__KW_TYPE, 0, O_FN},
    {"bin", 3, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"binary", 6, VIGIL__SQ_UNARY, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"bit_length", 10, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"blob", 4, VIGIL__SQ_KW, VIGIL__KW_TYPE, 0, O_FN},
    {"boolean", 7, VIGIL__SQ_KW, VIGIL__KW_BOOLEAN, 0, 0},
    {"bulk", 4, VIGIL__SQ_KW, VIGIL__KW_BULK, 0, 0},
    {"by", 2, VIGIL__SQ_KW, VIGIL__KW_BY, 0, 0},
    {"call", 4, VIGIL__SQ_KW, VIGIL__KW_CALL, 0, 0},
    {"case", 4, VIGIL__SQ_KW, VIGIL__KW_CASE, 0, 0},
    {"cast", 4, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"ceil", 4, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"ceiling", 7, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"char", 4, VIGIL__SQ_KW, VIGIL__KW_TYPE, VIGIL__SQF_KNOWN, O_FN},
    {"char_length", 11, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"character", 9, VIGIL__SQ_KW, VIGIL__KW_TYPE, 0, O_FN},
    {"charset", 7, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"chr", 3, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"clob", 4, VIGIL__SQ_KW, VIGIL__KW_TYPE, 0, O_FN},
    {"coalesce", 8, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"coercibility", 12, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"col_name", 8, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"collate", 7, VIGIL__SQ_KW, VIGIL__KW_COLLATE, 0, 0},
    {"collation", 9, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"column", 6, VIGIL__SQ_KW, VIGIL__KW_TABLE, 0, 0},
    {"compress", 8, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"concat", 6, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"concat_ws", 9, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"connection_id", 13, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_INFO, O_FN},
    {"conv", 4, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"convert", 7, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_CONVERT, O_FN},
    {"copy", 4, VIGIL__SQ_KW, VIGIL__KW_COPY, 0, 0},
    {"cos", 3, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"cot", 3, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"count", 5, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"crc32", 5, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"create", 6, VIGIL__SQ_KW, VIGIL__KW_CREATE, 0, 0},
    {"cross", 5, VIGIL__SQ_KW, VIGIL__KW_JOINMOD, 0, 0},
    {"ctxsys", 6, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_ERR, O_PFX},
    {"curdate", 7, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"current_database", 16, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_INFO, O_FN},
    {"current_date", 12, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN|O_NIL},
    {"current_schema", 14, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_INFO, O_FN},
    {"current_setting", 15, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_INFO, O_FN},
    {"current_time", 12, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN|O_NIL},
    {"current_timestamp", 17, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN|O_NIL},
    {"current_user", 12, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_INFO, O_FN|O_NIL},
    {"curtime", 7, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"data", 4, VIGIL__SQ_KW, VIGIL__KW_DATA, 0, 0},
    {"database", 8, VIGIL__SQ_KW, VIGIL__KW_TABLE, VIGIL__SQF_KNOWN|VIGIL__SQF_INFO, O_FN},
    {"datalength", 10, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"date", 4, VIGIL__SQ_KW, VIGIL__KW_TYPE, 0, O_FN},
    {"datetime", 8, VIGIL__SQ_KW, VIGIL__KW_TYPE, 0, O_FN},
    {"db_id", 5, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"db_name", 7, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_INFO, O_FN},
    {"dba_users", 9, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_SYSOBJ, O_NIL|O_PFX},
    {"dbms_java", 9, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_XCMD, O_PFX},
    {"dbms_lock", 9, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_TIME, O_PFX},
    {"dbms_pipe", 9, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_TIME, O_PFX},
    {"dbms_xdb", 8, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_ERR, O_PFX},
    {"dbms_xmlgen", 11, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_ERR, O_PFX},
    {"decimal", 7, VIGIL__SQ_KW, VIGIL__KW_TYPE, 0, O_FN},
    {"declare", 7, VIGIL__SQ_KW, VIGIL__KW_DECLARE, 0, 0},
    {"decode", 6, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"degrees", 7, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"delay", 5, VIGIL__SQ_KW, VIGIL__KW_DELAY, 0, 0},
    {"delete", 6, VIGIL__SQ_KW, VIGIL__KW_DELETE, 0, 0},
    {"desc", 4, VIGIL__SQ_KW, VIGIL__KW_ASC, 0, 0},
    {"distinct", 8, VIGIL__SQ_KW, VIGIL__KW_DISTINCT, 0, 0},
    {"distinctrow", 11, VIGIL__SQ_KW, VIGIL__KW_DISTINCT, 0, 0},
    {"div", 3, VIGIL__SQ_OP, VIGIL__KW_NONE, 0, 0},
    {"double", 6, VIGIL__SQ_KW, VIGIL__KW_TYPE, 0, O_FN},
    {"drop", 4, VIGIL__SQ_KW, VIGIL__KW_DROP, 0, 0},
    {"dual", 4, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_SYSOBJ, O_NIL|O_PFX},
    {"dumpfile", 8, VIGIL__SQ_KW, VIGIL__KW_OUTFILE, 0, 0},
    {"else", 4, VIGIL__SQ_KW, VIGIL__KW_ELSE, 0, 0},
    {"elt", 3, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"encode", 6, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"end", 3, VIGIL__SQ_KW, VIGIL__KW_END, 0, 0},
    {"escape", 6, VIGIL__SQ_KW, VIGIL__KW_ESCAPE, 0, 0},
    {"except", 6, VIGIL__SQ_KW, VIGIL__KW_UNION, 0, 0},
    {"exec", 4, VIGIL__SQ_KW, VIGIL__KW_EXEC, 0, O_FN},
    {"execute", 7, VIGIL__SQ_KW, VIGIL__KW_EXEC, 0, O_FN},
    {"exists", 6, VIGIL__SQ_KW, VIGIL__KW_EXISTS, 0, 0},
    {"exp", 3, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"export_set", 10, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"extract", 7, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"extractvalue", 12, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_ERR, O_FN},
    {"false", 5, VIGIL__SQ_KW, VIGIL__KW_LITERAL, 0, 0},
    {"fetch", 5, VIGIL__SQ_KW, VIGIL__KW_FETCH, 0, 0},
    {"field", 5, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"find_in_set", 11, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"float", 5, VIGIL__SQ_KW, VIGIL__KW_TYPE, 0, O_FN},
    {"floor", 5, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"for", 3, VIGIL__SQ_KW, VIGIL__KW_FOR, 0, 0},
    {"found_rows", 10, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"from", 4, VIGIL__SQ_KW, VIGIL__KW_FROM, 0, 0},
    {"full", 4, VIGIL__SQ_KW, VIGIL__KW_JOINMOD, 0, 0},
    {"function", 8, VIGIL__SQ_KW, VIGIL__KW_TABLE, 0, 0},
    {"generate_series", 15, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"geometrycollection", 18, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_ERR, O_FN},
    {"glob", 4, VIGIL__SQ_CMP, VIGIL__KW_LIKE, 0, 0},
    {"goto", 4, VIGIL__SQ_KW, VIGIL__KW_GOTO, 0, 0},
    {"grant", 5, VIGIL__SQ_KW, VIGIL__KW_GRANT, 0, 0},
    {"greatest", 8, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"group", 5, VIGIL__SQ_KW, VIGIL__KW_GROUP, 0, 0},
    {"group_concat", 12, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"gtid_subset", 11, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_ERR, O_FN},
    {"gtid_subtract", 13, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_ERR, O_FN},
    {"handler", 7, VIGIL__SQ_KW, VIGIL__KW_HANDLER, 0, 0},
    {"has_dbaccess", 12, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_INFO, O_FN},
    {"having", 6, VIGIL__SQ_KW, VIGIL__KW_HAVING, 0, 0},
    {"hex", 3, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"host_name", 9, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_INFO, O_FN},
    {"if", 2, VIGIL__SQ_KW, VIGIL__KW_IF, 0, O_FN},
    {"ifnull", 6, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"iif", 3, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"ilike", 5, VIGIL__SQ_CMP, VIGIL__KW_LIKE, 0, 0},
    {"in", 2, VIGIL__SQ_KW, VIGIL__KW_IN, 0, 0},
    {"index", 5, VIGIL__SQ_KW, VIGIL__KW_TABLE, 0, 0},
    {"infile", 6, VIGIL__SQ_KW, VIGIL__KW_INFILE, 0, 0},
    {"information_schema", 18, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_SYSOBJ, O_NIL|O_PFX},
    {"inner", 5, VIGIL__SQ_KW, VIGIL__KW_JOINMOD, 0, 0},
    {"insert", 6, VIGIL__SQ_KW, VIGIL__KW_INSERT, 0, O_FN},
    {"instr", 5, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"int", 3, VIGIL__SQ_KW, VIGIL__KW_TYPE, 0, O_FN},
    {"integer", 7, VIGIL__SQ_KW, VIGIL__KW_TYPE, 0, O_FN},
    {"intersect", 9, VIGIL__SQ_KW, VIGIL__KW_UNION, 0, 0},
    {"interval", 8, VIGIL__SQ_KW, VIGIL__KW_INTERVAL, 0, 0},
    {"into", 4, VIGIL__SQ_KW, VIGIL__KW_INTO, 0, 0},
    {"is", 2, VIGIL__SQ_KW, VIGIL__KW_IS, 0, 0},
    {"is_srvrolemember", 16, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_INFO, O_FN},
    {"isnull", 6, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"join", 4, VIGIL__SQ_KW, VIGIL__KW_JOIN, 0, 0},
    {"json", 4, VIGIL__SQ_KW, VIGIL__KW_TYPE, 0, O_FN},
    {"json_depth", 10, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"json_extract", 12, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"json_keys", 9, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"kill", 4, VIGIL__SQ_KW, VIGIL__KW_KILL, 0, 0},
    {"last_insert_id", 14, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_INFO, O_FN},
    {"lcase", 5, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"least", 5, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"left", 4, VIGIL__SQ_KW, VIGIL__KW_JOINMOD, 0, O_FN},
    {"len", 3, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"length", 6, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"like", 4, VIGIL__SQ_CMP, VIGIL__KW_LIKE, 0, O_FN},
    {"limit", 5, VIGIL__SQ_KW, VIGIL__KW_LIMIT, 0, 0},
    {"linestring", 10, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_ERR, O_FN},
    {"listagg", 7, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"ln", 2, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"lo_export", 9, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_FILE, O_FN},
    {"lo_import", 9, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_FILE, O_FN},
    {"load", 4, VIGIL__SQ_KW, VIGIL__KW_LOAD, 0, 0},
    {"load_extension", 14, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_FILE, O_FN},
    {"load_file", 9, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_FILE, O_FN},
    {"localtime", 9, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN|O_NIL},
    {"localtimestamp", 14, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN|O_NIL},
    {"locate", 6, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"lock", 4, VIGIL__SQ_KW, VIGIL__KW_LOCK, 0, 0},
    {"log", 3, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"login", 5, VIGIL__SQ_KW, VIGIL__KW_TABLE, 0, 0},
    {"lower", 5, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"lpad", 4, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"ltrim", 5, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"make_set", 8, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"master", 6, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_SYSOBJ, O_NIL|O_PFX},
    {"match", 5, VIGIL__SQ_CMP, VIGIL__KW_LIKE, 0, O_FN},
    {"max", 3, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"md5", 3, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"mid", 3, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"min", 3, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"mod", 3, VIGIL__SQ_OP, VIGIL__KW_NONE, 0, O_FN},
    {"mode", 4, VIGIL__SQ_KW, VIGIL__KW_MODE, 0, 0},
    {"money", 5, VIGIL__SQ_KW, VIGIL__KW_TYPE, 0, O_FN},
    {"msysobjects", 11, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_SYSOBJ, O_NIL|O_PFX},
    {"multilinestring", 15, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_ERR, O_FN},
    {"multipoint", 10, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_ERR, O_FN},
    {"multipolygon", 12, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_ERR, O_FN},
    {"mysql", 5, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_SYSOBJ, O_NIL|O_PFX},
    {"name_const", 10, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_ERR, O_FN},
    {"natural", 7, VIGIL__SQ_KW, VIGIL__KW_JOINMOD, 0, 0},
    {"nchar", 5, VIGIL__SQ_KW, VIGIL__KW_TYPE, 0, O_FN},
    {"not", 3, VIGIL__SQ_UNARY, VIGIL__KW_NOT, 0, 0},
    {"now", 3, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"null", 4, VIGIL__SQ_KW, VIGIL__KW_LITERAL, 0, 0},
    {"nullif", 6, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"number", 6, VIGIL__SQ_KW, VIGIL__KW_TYPE, 0, O_FN},
    {"numeric", 7, VIGIL__SQ_KW, VIGIL__KW_TYPE, 0, O_FN},
    {"nvarchar", 8, VIGIL__SQ_KW, VIGIL__KW_TYPE, 0, O_FN},
    {"nvl", 3, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"object_id", 9, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"object_name", 11, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"oct", 3, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"octet_length", 12, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"offset", 6, VIGIL__SQ_KW, VIGIL__KW_OFFSET, 0, 0},
    {"on", 2, VIGIL__SQ_KW, VIGIL__KW_ON, 0, 0},
    {"opendatasource", 14, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_FILE, O_FN},
    {"openrowset", 10, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_FILE, O_FN},
    {"or", 2, VIGIL__SQ_LOGIC, VIGIL__KW_NONE, 0, 0},
    {"ord", 3, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"order", 5, VIGIL__SQ_KW, VIGIL__KW_ORDER, 0, 0},
    {"ordsys", 6, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_ERR, O_PFX},
    {"outer", 5, VIGIL__SQ_KW, VIGIL__KW_JOINMOD, 0, 0},
    {"outfile", 7, VIGIL__SQ_KW, VIGIL__KW_OUTFILE, 0, 0},
    {"over", 4, VIGIL__SQ_KW, VIGIL__KW_OVER, 0, 0},
    {"pg_catalog", 10, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_SYSOBJ, O_NIL|O_PFX},
    {"pg_database", 11, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_SYSOBJ, O_NIL|O_PFX},
    {"pg_ls_dir", 9, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_FILE, O_FN},
    {"pg_read_binary_file", 19, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_FILE, O_FN},
    {"pg_read_file", 12, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_FILE, O_FN},
    {"pg_shadow", 9, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_SYSOBJ, O_NIL|O_PFX},
    {"pg_sleep", 8, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_TIME, O_FN},
    {"pg_sleep_for", 12, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_TIME, O_FN},
    {"pg_tables", 9, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_SYSOBJ, O_NIL|O_PFX},
    {"pg_user", 7, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_SYSOBJ, O_NIL|O_PFX},
    {"pi", 2, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"polygon", 7, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_ERR, O_FN},
    {"position", 8, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"pow", 3, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"power", 5, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"precision", 9, VIGIL__SQ_KW, VIGIL__KW_TYPE, 0, O_FN},
    {"prepare", 7, VIGIL__SQ_KW, VIGIL__KW_PREPARE, 0, 0},
    {"print", 5, VIGIL__SQ_KW, VIGIL__KW_PRINT, 0, 0},
    {"procedure", 9, VIGIL__SQ_KW, VIGIL__KW_PROCEDURE, 0, 0},
    {"quote", 5, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"radians", 7, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"rand", 4, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"random", 6, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"randomblob", 10, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_TIME, O_FN},
    {"real", 4, VIGIL__SQ_KW, VIGIL__KW_TYPE, 0, O_FN},
    {"regexp", 6, VIGIL__SQ_CMP, VIGIL__KW_LIKE, 0, 0},
    {"repeat", 6, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"replace", 7, VIGIL__SQ_KW, VIGIL__KW_REPLACE, 0, O_FN},
    {"replicate", 9, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"reverse", 7, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"revoke", 6, VIGIL__SQ_KW, VIGIL__KW_GRANT, 0, 0},
    {"right", 5, VIGIL__SQ_KW, VIGIL__KW_JOINMOD, 0, O_FN},
    {"rlike", 5, VIGIL__SQ_CMP, VIGIL__KW_LIKE, 0, 0},
    {"round", 5, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"row_count", 9, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"rownum", 6, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN|O_NIL},
    {"rpad", 4, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"rtrim", 5, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"schema", 6, VIGIL__SQ_KW, VIGIL__KW_TABLE, VIGIL__SQF_KNOWN|VIGIL__SQF_INFO, O_FN},
    {"schema_name", 11, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"select", 6, VIGIL__SQ_KW, VIGIL__KW_SELECT, 0, 0},
    {"separator", 9, VIGIL__SQ_KW, VIGIL__KW_ESCAPE, 0, 0},
    {"session_user", 12, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_INFO, O_FN|O_NIL},
    {"set", 3, VIGIL__SQ_KW, VIGIL__KW_SET, 0, 0},
    {"sha", 3, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"sha1", 4, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"sha2", 4, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"share", 5, VIGIL__SQ_KW, VIGIL__KW_SHARE, 0, 0},
    {"show", 4, VIGIL__SQ_KW, VIGIL__KW_SHOW, 0, 0},
    {"shutdown", 8, VIGIL__SQ_KW, VIGIL__KW_SHUTDOWN, 0, 0},
    {"sign", 4, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"signed", 6, VIGIL__SQ_KW, VIGIL__KW_TYPE, 0, O_FN},
    {"similar", 7, VIGIL__SQ_CMP, VIGIL__KW_LIKE, 0, 0},
    {"sin", 3, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"sleep", 5, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_TIME, O_FN},
    {"smallint", 8, VIGIL__SQ_KW, VIGIL__KW_TYPE, 0, O_FN},
    {"some", 4, VIGIL__SQ_KW, VIGIL__KW_ANY, 0, 0},
    {"soundex", 7, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"sounds", 6, VIGIL__SQ_KW, VIGIL__KW_SOUNDS, 0, 0},
    {"sp_execute_external_script", 26, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_XCMD, O_FN|O_NIL},
    {"sp_oacreate", 11, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_XCMD, O_FN|O_NIL},
    {"sp_oamethod", 11, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_XCMD, O_FN|O_NIL},
    {"space", 5, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"sqlite_master", 13, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_SYSOBJ, O_NIL|O_PFX},
    {"sqlite_schema", 13, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_SYSOBJ, O_NIL|O_PFX},
    {"sqlite_version", 14, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_INFO, O_FN},
    {"sqrt", 4, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"stragg", 6, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"straight_join", 13, VIGIL__SQ_KW, VIGIL__KW_JOIN, 0, 0},
    {"strcmp", 6, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"string_agg", 10, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"stuff", 5, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"substr", 6, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"substring", 9, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"sum", 3, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"suser_name", 10, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_INFO, O_FN},
    {"suser_sname", 11, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_INFO, O_FN},
    {"sys_context", 11, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_INFO, O_FN},
    {"sys_eval", 8, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_XCMD, O_FN|O_NIL},
    {"sys_exec", 8, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_XCMD, O_FN|O_NIL},
    {"syscat", 6, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_SYSOBJ, O_NIL|O_PFX},
    {"syscolumns", 10, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_SYSOBJ, O_NIL|O_PFX},
    {"sysdatabases", 12, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_SYSOBJ, O_NIL|O_PFX},
    {"sysdate", 7, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN|O_NIL},
    {"sysibm", 6, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_SYSOBJ, O_NIL|O_PFX},
    {"sysmaster", 9, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_SYSOBJ, O_NIL|O_PFX},
    {"sysobjects", 10, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_SYSOBJ, O_NIL|O_PFX},
    {"system_user", 11, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_INFO, O_FN|O_NIL},
    {"sysusers", 8, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_SYSOBJ, O_NIL|O_PFX},
    {"table", 5, VIGIL__SQ_KW, VIGIL__KW_TABLE, 0, 0},
    {"tablespace", 10, VIGIL__SQ_KW, VIGIL__KW_TABLE, 0, 0},
    {"tan", 3, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"tempdb", 6, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_SYSOBJ, O_NIL|O_PFX},
    {"text", 4, VIGIL__SQ_KW, VIGIL__KW_TYPE, 0, O_FN},
    {"then", 4, VIGIL__SQ_KW, VIGIL__KW_THEN, 0, 0},
    {"time", 4, VIGIL__SQ_KW, VIGIL__KW_TYPE, VIGIL__SQF_KNOWN, O_FN},
    {"tinyint", 7, VIGIL__SQ_KW, VIGIL__KW_TYPE, 0, O_FN},
    {"to", 2, VIGIL__SQ_KW, VIGIL__KW_TO, 0, 0},
    {"to_char", 7, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"to_number", 9, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"top", 3, VIGIL__SQ_KW, VIGIL__KW_TOP, 0, 0},
    {"trigger", 7, VIGIL__SQ_KW, VIGIL__KW_TABLE, 0, 0},
    {"trim", 4, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"true", 4, VIGIL__SQ_KW, VIGIL__KW_LITERAL, 0, 0},
    {"truncate", 8, VIGIL__SQ_KW, VIGIL__KW_TRUNCATE, 0, O_FN},
    {"ucase", 5, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"uescape", 7, VIGIL__SQ_KW, VIGIL__KW_ESCAPE, 0, 0},
    {"uncompress", 10, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"unhex", 5, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"unicode", 7, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"union", 5, VIGIL__SQ_KW, VIGIL__KW_UNION, 0, 0},
    {"unknown", 7, VIGIL__SQ_KW, VIGIL__KW_LITERAL, 0, 0},
    {"unsigned", 8, VIGIL__SQ_KW, VIGIL__KW_TYPE, 0, O_FN},
    {"update", 6, VIGIL__SQ_KW, VIGIL__KW_UPDATE, 0, 0},
    {"updatexml", 9, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_ERR, O_FN},
    {"upper", 5, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"use", 3, VIGIL__SQ_KW, VIGIL__KW_USE, 0, 0},
    {"user", 4, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_INFO, O_FN|O_NIL},
    {"user_name", 9, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_INFO, O_FN},
    {"user_tables", 11, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_SYSOBJ, O_NIL|O_PFX},
    {"using", 5, VIGIL__SQ_KW, VIGIL__KW_USING, 0, 0},
    {"utl_file", 8, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_FILE, O_PFX},
    {"utl_http", 8, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_ERR, O_PFX},
    {"utl_inaddr", 10, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_ERR, O_PFX},
    {"uuid", 4, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"values", 6, VIGIL__SQ_KW, VIGIL__KW_VALUES, 0, 0},
    {"varchar", 7, VIGIL__SQ_KW, VIGIL__KW_TYPE, 0, O_FN},
    {"varchar2", 8, VIGIL__SQ_KW, VIGIL__KW_TYPE, 0, O_FN},
    {"version", 7, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_INFO, O_FN},
    {"view", 4, VIGIL__SQ_KW, VIGIL__KW_TABLE, 0, 0},
    {"waitfor", 7, VIGIL__SQ_KW, VIGIL__KW_WAITFOR, 0, 0},
    {"weight_string", 13, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"when", 4, VIGIL__SQ_KW, VIGIL__KW_WHEN, 0, 0},
    {"where", 5, VIGIL__SQ_KW, VIGIL__KW_WHERE, 0, 0},
    {"with", 4, VIGIL__SQ_KW, VIGIL__KW_WITH, 0, 0},
    {"within", 6, VIGIL__SQ_KW, VIGIL__KW_WITHIN, 0, 0},
    {"xml", 3, VIGIL__SQ_KW, VIGIL__KW_TYPE, 0, O_FN},
    {"xmlagg", 6, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"xmlelement", 10, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"xmltype", 7, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_ERR, O_FN},
    {"xor", 3, VIGIL__SQ_LOGIC, VIGIL__KW_NONE, 0, 0},
    {"xp_cmdshell", 11, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_XCMD, O_FN|O_NIL},
    {"xp_dirtree", 10, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_XCMD, O_FN|O_NIL},
    {"xp_regread", 10, VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_XCMD, O_FN|O_NIL},
};

static const int16_t sq_slots[1024] = {
    358, -1, -1, -1, -1, 260, 105, 103, 237, 351, -1, -1, -1, 312, 234, -1,
    177, -1, 198, -1, 158, 162, 276, 282, -1, 79, 309, 64, -1, 119, -1, -1,
    93, 303, -1, -1, 328, -1, -1, 200, -1, 201, 257, -1, -1, 275, -1, -1,
    -1, -1, 355, 357, 73, -1, -1, -1, 278, -1, -1, 356, 331, -1, 292, -1,
    -1, -1, 184, -1, -1, 152, 345, 8, -1, 218, 92, -1, -1, 11, 36, -1,
    -1, -1, 308, -1, -1, -1, -1, -1, 364, 77, -1, -1, -1, 255, -1, -1,
    372, 236, 253, -1, -1, -1, -1, 166, 213, 13, 207, 20, 352, -1, -1, -1,
    168, 287, 374, -1, 344, 122, -1, -1, -1, 159, 267, -1, 217, 52, 112, -1,
    38, 288, -1, -1, -1, -1, 174, -1, -1, 242, 208, -1, -1, 14, 94, -1,
    -1, -1, -1, -1, 33, 300, -1, 226, 146, 256, 322, 63, -1, 29, -1, -1,
    212, -1, 301, -1, -1, -1, -1, 143, 25, 34, 2, 30, -1, -1, -1, -1,
    84, 35, 165, -1, -1, -1, -1, -1, 17, 100, 187, 232, 272, 219, 27, 214,
    310, -1, -1, 258, -1, -1, -1, -1, -1, -1, -1, -1, -1, 71, 157, 277,
    -1, 81, -1, -1, -1, -1, 252, -1, -1, -1, -1, -1, 247, -1, -1, -1,
    -1, -1, -1, -1, -1, -1, -1, 117, -1, 295, -1, -1, 23, -1, -1, -1,
    -1, 46, -1, -1, 347, -1, -1, -1, 360, -1, -1, -1, 28, -1, -1, -1,
    -1, -1, -1, -1, -1, -1, -1, -1, -1, 59, -1, -1, -1, -1, -1, -1,
    -1, -1, -1, -1, -1, -1, 206, 246, -1, 363, -1, -1, -1, -1, -1, -1,
    -1, -1, -1, 368, 12, -1, -1, -1, 304, -1, -1, 321, -1, -1, 319, -1,
    -1, 47, 150, 337, 172, 69, 205, -1, -1, -1, -1, -1, -1, -1, -1, 183,
    -1, -1, -1, -1, 180, 307, 327, -1, -1, -1, 138, -1, 87, -1, -1, 199,
    -1, 185, -1, 265, -1, -1, 133, 141, 114, 196, -1, -1, 137, 62, 353, 99,
    -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 111, -1, -1, -1,
    270, -1, -1, -1, 228, 48, 130, 325, 154, -1, -1, 67, -1, -1, 85, -1,
    -1, -1, -1, 95, 224, 118, -1, -1, -1, -1, -1, -1, 98, 51, -1, -1,
    78, -1, -1, -1, -1, -1, -1, -1, 108, 164, -1, -1, -1, -1, -1, -1,
    340, -1, -1, -1, 82, 233, -1, -1, -1, 65, 104, 145, -1, -1, -1, -1,
    -1, -1, 216, -1, -1, -1, -1, -1, 75, 147, -1, -1, -1, 109, -1, -1,
    -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 26, 66, 49, 330, 249, -1,
    -1, -1, -1, 127, -1, -1, -1, -1, 91, -1, -1, -1, -1, -1, -1, 176,
    -1, -1, 290, -1, -1, 262, 334, -1, -1, 178, -1, -1, -1, 306, -1, -1,
    134, -1, 40, 240, 60, -1, -1, -1, 7, -1, -1, 273, -1, -1, -1, 175,
    238, -1, -1, 211, 332, 88, 140, -1, 37, -1, 243, -1, -1, -1, 350, 230,
    136, -1, -1, 139, 203, 170, 286, -1, 231, -1, 311, -1, -1, -1, -1, -1,
    -1, 323, -1, 142, 222, 259, 283, 50, 148, 149, 373, -1, -1, 32, 271, -1,
    -1, -1, 3, 261, -1, -1, -1, -1, -1, 227, -1, 0, 264, 279, 302, 113,
    324, -1, -1, 160, 57, 354, -1, 346, -1, 124, -1, 280, -1, 284, -1, -1,
    -1, -1, -1, -1, -1, -1, -1, -1, 182, -1, -1, -1, 107, -1, 151, -1,
    -1, -1, -1, -1, -1, -1, -1, 116, 235, 365, -1, -1, -1, -1, 369, -1,
    -1, -1, -1, 135, -1, -1, -1, -1, 56, 313, -1, -1, -1, -1, 22, -1,
    -1, -1, -1, 197, -1, 293, -1, -1, 248, 132, -1, 42, 131, -1, -1, 361,
    -1, -1, -1, -1, -1, -1, -1, 359, -1, 268, 45, -1, 58, -1, 144, -1,
    -1, -1, -1, -1, -1, 74, 10, 18, 289, 161, 15, 305, 188, -1, -1, -1,
    16, -1, -1, -1, -1, -1, 167, 44, 367, 329, -1, -1, -1, -1, -1, 19,
    31, -1, -1, -1, 239, 126, -1, -1, -1, -1, -1, -1, 72, -1, -1, -1,
    -1, -1, -1, -1, -1, 244, -1, -1, -1, -1, -1, -1, -1, -1, -1, 21,
    291, -1, -1, -1, -1, -1, 153, -1, -1, -1, -1, 362, -1, -1, 90, -1,
    -1, -1, 173, 194, 341, 76, 348, 209, -1, -1, -1, -1, -1, -1, -1, 54,
    4, -1, 314, 274, 202, -1, -1, 55, 97, 285, -1, 215, 169, 86, 125, -1,
    41, -1, -1, -1, 349, 156, -1, -1, -1, 193, -1, -1, 336, 39, -1, 1,
    -1, -1, -1, 83, 155, -1, 343, -1, 110, -1, 366, -1, -1, -1, -1, -1,
    53, 102, 186, 179, 191, -1, 171, 269, 299, -1, 338, -1, 123, -1, -1, -1,
    163, 190, -1, -1, -1, -1, 245, 263, 96, -1, -1, -1, -1, -1, -1, 89,
    315, -1, 296, 317, -1, -1, -1, -1, -1, -1, -1, -1, 6, -1, -1, -1,
    -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 9, -1, 129, 70, 24,
    -1, -1, -1, -1, 43, -1, -1, -1, -1, -1, -1, -1, -1, -1, 371, -1,
    68, -1, -1, 339, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 80,
    120, -1, -1, -1, -1, -1, 192, -1, -1, -1, -1, -1, -1, -1, -1, -1,
    225, -1, -1, -1, 210, 281, 318, -1, -1, -1, -1, -1, -1, -1, -1, -1,
    -1, 298, -1, -1, -1, -1, -1, 335, -1, 342, -1, -1, -1, 204, -1, -1,
    -1, 181, -1, -1, 5, 294, 370, -1, -1, 333, 220, -1, -1, -1, -1, 297,
    221, -1, -1, 189, -1, 121, -1, 250, -1, 266, -1, -1, 316, 223, -1, 320,
    -1, 251, -1, 115, 61, 195, 128, 326, -1, 254, -1, -1, -1, -1, -1, -1,
    101, 106, 229, 241, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
};

/* Character classes. */
#define C_ID  0x01u /* identifier character (letters, digits, _ $ and >= 0x80) */
#define C_DIG 0x02u
#define C_WS  0x04u
#define C_HEX 0x08u

static const unsigned char sq_ctab[256] = {
    4, 0, 0, 0, 0, 0, 0, 0, 0, 4, 4, 4, 4, 4, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    4, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    11, 11, 11, 11, 11, 11, 11, 11, 11, 11, 0, 0, 0, 0, 0, 0,
    0, 9, 9, 9, 9, 9, 9, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 1,
    0, 9, 9, 9, 9, 9, 9, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
};

static inline unsigned char sq_cls(unsigned char c)
{
    return sq_ctab[c];
}

/* NBSP (0xA0) is whitespace to MySQL in single-byte charsets; treat it so
 * only when it is not part of a UTF-8 sequence. */
static int sq_nbsp_ws(const char *s, size_t n, size_t i)
{
    int prev_ascii = i == 0 || (unsigned char)s[i - 1] < 0x80;
    int next_ascii = i + 1 >= n || (unsigned char)s[i + 1] < 0x80;
    return prev_ascii && next_ascii;
}

static inline int sq_is_ws(const char *s, size_t n, size_t i)
{
    unsigned char c = (unsigned char)s[i];
    return (sq_ctab[c] & C_WS) || (c == 0xa0 && sq_nbsp_ws(s, n, i));
}

static inline int sq_is_id(const char *s, size_t n, size_t i)
{
    if (i >= n)
        return 0;
    unsigned char c = (unsigned char)s[i];
    return (sq_ctab[c] & C_ID) && (c != 0xa0 || !sq_nbsp_ws(s, n, i));
}

static const sq_word *sq_lookup(const char *p, size_t len)
{
    char     buf[32];
    uint32_t h = 2166136261u;
    if (len < 2 || len >= sizeof buf)
        return NULL;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = vigil__lower((unsigned char)p[i]);
        buf[i]          = (char)c;
        h               = (h ^ c) * 16777619u;
    }
    for (uint32_t k = h & 1023u;; k = (k + 1) & 1023u) {
        int idx = sq_slots[k];
        if (idx < 0)
            return NULL;
        const sq_word *w = &sq_words[idx];
        if (w->len == len && w->w[0] == buf[0]) {
            size_t i = 1;
            while (i < len && w->w[i] == buf[i])
                i++;
            if (i == len)
                return w;
        }
    }
}

int vigil__sqlex_selfcheck(void)
{
    int used = 0;
    for (size_t k = 0; k < VIGIL__COUNTOF(sq_slots); k++)
        used += sq_slots[k] >= 0;
    if ((size_t)used != VIGIL__COUNTOF(sq_words))
        return -1;
    for (size_t i = 0; i < VIGIL__COUNTOF(sq_words); i++) {
        const sq_word *w = &sq_words[i];
        if (strlen(w->w) != w->len || sq_lookup(w->w, w->len) != w)
            return -1;
        if (i > 0 && strcmp(sq_words[i - 1].w, w->w) >= 0)
            return -1;
    }
    return 0;
}

/* Server variables attackers read: @@version, @@hostname, @@datadir... */
static int sq_sysvar(const char *p, size_t len)
{
    static const char *const names[] = {
        "version", "hostname", "datadir", "basedir", "tmpdir", "servername",
        "identity", "spid", "language", "global.", "session.", "secure_file_priv",
        "plugin_dir", "port", "microsecondsperclick", "connections", "servicename",
    };
    for (size_t k = 0; k < VIGIL__COUNTOF(names); k++) {
        size_t l = strlen(names[k]);
        if (len >= l) {
            size_t j = 0;
            while (j < l && vigil__lower((unsigned char)p[j]) == (unsigned char)names[k][j])
                j++;
            if (j == l)
                return 1;
        }
    }
    return 0;
}

void vigil__sqlex_init(vigil__sqlex *lx, const char *s, size_t n, char quote, int bslash)
{
    lx->bslash  = bslash != 0;
    lx->s       = s;
    lx->n       = n;
    lx->pos     = 0;
    lx->vquote  = quote;
    lx->in_exec = 0;
}

/* Scans a quoted run starting after the opening quote at i; returns the
 * index just past the closing quote, or n when unterminated (*open=1). */
static size_t sq_scan_quoted(const char *s, size_t n, size_t i, char q, int bslash,
                             int *open)
{
    /* Fast path: the next quote with no backslash before it. */
    const char *e = memchr(s + i, q, n - i);
    if (e == NULL && (!bslash || memchr(s + i, '\\', n - i) == NULL)) {
        *open = 1;
        return n;
    }
    if (e != NULL && (!bslash || memchr(s + i, '\\', (size_t)(e - (s + i))) == NULL)) {
        size_t k = (size_t)(e - s);
        if (k + 1 >= n || s[k + 1] != q) {
            *open = 0;
            return k + 1;
        }
    }
    while (i < n) {
        char c = s[i];
        if (c == '\\' && bslash) {
            i += 2;
            continue;
        }
        if (c == q) {
            if (i + 1 < n && s[i + 1] == q) {
                i += 2;
                continue;
            }
            *open = 0;
            return i + 1;
        }
        i++;
    }
    *open = 1;
    return n;
}

static inline void sq_set(vigil__sqtok *t, int type, size_t off, size_t end)
{
    t->type = (uint8_t)type;
    t->off  = off;
    t->len  = end - off;
}

/* Number at i (digit, or '.' followed by a digit). Returns the end; sets
 * *word when the digits run into letters, which makes an identifier. */
static size_t sq_number(const char *s, size_t n, size_t i, uint32_t *flags, int *word)
{
    size_t start = i;
    *word = 0;
    if (s[i] == '0' && i + 2 < n && (s[i + 1] == 'x' || s[i + 1] == 'X') &&
        (sq_cls((unsigned char)s[i + 2]) & C_HEX)) {
        i += 2;
        while (i < n && (sq_cls((unsigned char)s[i]) & C_HEX))
            i++;
        *flags |= VIGIL__SQF_HEX;
        if (sq_is_id(s, n, i))
            *word = 1;
        return i;
    }
    if (s[i] == '0' && i + 2 < n && (s[i + 1] == 'b' || s[i + 1] == 'B') &&
        (s[i + 2] == '0' || s[i + 2] == '1')) {
        i += 2;
        while (i < n && (s[i] == '0' || s[i] == '1'))
            i++;
        if (sq_is_id(s, n, i))
            *word = 1;
        return i;
    }
    int frac = 0;
    while (i < n && (sq_cls((unsigned char)s[i]) & C_DIG))
        i++;
    if (i < n && s[i] == '.') {
        frac = 1;
        i++;
        while (i < n && (sq_cls((unsigned char)s[i]) & C_DIG))
            i++;
    }
    if (i < n && (s[i] == 'e' || s[i] == 'E') && i > start + (size_t)frac) {
        size_t j = i + 1;
        if (j < n && (s[j] == '+' || s[j] == '-'))
            j++;
        if (j < n && (sq_cls((unsigned char)s[j]) & C_DIG)) {
            while (j < n && (sq_cls((unsigned char)s[j]) & C_DIG))
                j++;
            return j;
        }
    }
    if (!frac && sq_is_id(s, n, i))
        *word = 1;
    return i;
}

/* Digits running into a keyword ("1UNION", "2OR") read as number then
 * keyword, the way the attack means it; other runs ("1a", "70s") are
 * identifiers. */
static int sq_kw_suffix(const char *s, size_t n, size_t i)
{
    size_t e = i;
    while (sq_is_id(s, n, e) && e - i < 16)
        e++;
    const sq_word *w = sq_lookup(s + i, e - i);
    return w != NULL && w->type != VIGIL__SQ_NAME && w->kw != VIGIL__KW_TYPE &&
           w->kw != VIGIL__KW_TABLE && w->kw != VIGIL__KW_LITERAL;
}

/* One identifier part: plain, `quoted` or [bracketed]. Returns end or i. */
static size_t sq_ident_part(const char *s, size_t n, size_t i, int *quoted)
{
    int open;
    if (i >= n)
        return i;
    if (s[i] == '`') {
        size_t e = sq_scan_quoted(s, n, i + 1, '`', 0, &open);
        if (open)
            return i;
        *quoted = 1;
        return e;
    }
    if (s[i] == '[') {
        size_t j = i + 1;
        while (j < n && j - i < 128 && s[j] != ']' && s[j] != '[')
            j++;
        if (j >= n || s[j] != ']')
            return i;
        *quoted = 1;
        return j + 1;
    }
    while (sq_is_id(s, n, i))
        i++;
    return i;
}

/* Applies the word table to a name token (possibly dotted). */
static void sq_classify(const char *s, vigil__sqtok *t, int is_func, int dotted)
{
    const char *p = s + t->off;
    size_t      len = t->len;
    if (!dotted) {
        const sq_word *w = sq_lookup(p, len);
        if (w == NULL) {
            if (len > 3 && (vigil__lower((unsigned char)p[0]) == 'x' ||
                            vigil__lower((unsigned char)p[0]) == 's') &&
                vigil__lower((unsigned char)p[1]) == 'p' && p[2] == '_')
                t->flags |= VIGIL__SQF_KNOWN | VIGIL__SQF_XCMD;
            return;
        }
        if (w->type != VIGIL__SQ_NAME && !(is_func && (w->opt & O_FN))) {
            t->type = w->type;
            t->kw   = w->kw;
            return;
        }
        t->wtype = w->type;
        if (w->type != VIGIL__SQ_NAME)
            t->kw = w->kw;
        if (is_func || (w->opt & O_NIL))
            t->flags |= w->flags;
        return;
    }
    /* Dotted: look at every part; prefixes (utl_http., information_schema.)
     * and the final part of a call (dbms_lock.sleep) carry meaning. */
    size_t i = 0;
    while (i < len) {
        size_t j = i;
        while (j < len && p[j] != '.')
            j++;
        const sq_word *w = sq_lookup(p + i, j - i);
        if (w != NULL) {
            if (w->opt & O_PFX)
                t->flags |= w->flags;
            else if (j == len && is_func && w->type == VIGIL__SQ_NAME)
                /* obj.method(): only the telling kinds (dbms_lock.sleep) */
                t->flags |= w->flags & (VIGIL__SQF_TIME | VIGIL__SQF_ERR | VIGIL__SQF_FILE |
                                        VIGIL__SQF_XCMD | VIGIL__SQF_INFO);
        } else if (j - i > 3 && (vigil__lower((unsigned char)p[i]) == 'x' ||
                                 vigil__lower((unsigned char)p[i]) == 's') &&
                   vigil__lower((unsigned char)p[i + 1]) == 'p' && p[i + 2] == '_') {
            t->flags |= VIGIL__SQF_KNOWN | VIGIL__SQF_XCMD;
        }
        i = j;
        while (i < len && p[i] == '.')
            i++;
    }
}

/* Name at i: identifier parts joined by dots. */
static size_t sq_name(vigil__sqlex *lx, size_t i, vigil__sqtok *t, size_t start)
{
    const char *s = lx->s;
    size_t      n = lx->n;
    int         quoted = 0, dotted = 0;
    for (;;) {
        size_t j = i;
        while (j < n && s[j] == '.' && j - i < 2)
            j++;
        if (j == i || j >= n)
            break;
        int    q = 0;
        size_t e = sq_ident_part(s, n, j, &q);
        if (e == j)
            break;
        quoted |= q;
        dotted = 1;
        i      = e;
    }
    sq_set(t, VIGIL__SQ_NAME, start, i);
    if (quoted || dotted)
        t->flags |= VIGIL__SQF_QUAL;
    /* A call: name, optional blanks, '('. */
    size_t j = i;
    while (j < n && sq_is_ws(s, n, j))
        j++;
    int is_func = j < n && s[j] == '(';
    if (!quoted)
        sq_classify(s, t, is_func, dotted);
    if (is_func && t->type == VIGIL__SQ_NAME)
        t->type = VIGIL__SQ_FUNC;
    return i;
}

/* A word [i,e) that introduces a string literal: N'x', X'41', E'x',
 * U&'x', _latin1 'x'. Returns the opening quote's index, or 0. */
static size_t sq_str_intro(const char *s, size_t n, size_t i, size_t e)
{
    unsigned char c = vigil__lower((unsigned char)s[i]);
    if (e >= n)
        return 0;
    if (e - i == 1 && s[e] == '\'' && (c == 'n' || c == 'x' || c == 'b' || c == 'e' || c == 'q'))
        return e;
    if (e - i == 1 && c == 'u' && s[e] == '&' && e + 1 < n && s[e + 1] == '\'')
        return e + 1;
    if (s[i] == '_' && e - i > 1 && e - i <= 16) { /* MySQL charset introducer */
        size_t j = e;
        while (j < n && j - e < 4 && sq_is_ws(s, n, j))
            j++;
        if (j < n && s[j] == '\'')
            return j;
    }
    return 0;
}

/* Operators: the longest match at s[i]. */
static size_t sq_operator(const char *s, size_t n, size_t i, vigil__sqtok *t)
{
    char c = s[i], d = i + 1 < n ? s[i + 1] : '\0', e = i + 2 < n ? s[i + 2] : '\0';
    int  type = VIGIL__SQ_OP;
    size_t l  = 1;
    switch (c) {
    case '<':
        type = VIGIL__SQ_CMP;
        if (d == '=' && e == '>')
            l = 3;
        else if (d == '=' || d == '>')
            l = 2;
        else if (d == '<') {
            l    = 2;
            type = VIGIL__SQ_OP;
        }
        break;
    case '>':
        type = VIGIL__SQ_CMP;
        if (d == '=')
            l = 2;
        else if (d == '>') {
            l    = 2;
            type = VIGIL__SQ_OP;
        }
        break;
    case '!':
        type = VIGIL__SQ_UNARY;
        if (d == '~' && e == '*') {
            l    = 3;
            type = VIGIL__SQ_CMP;
        } else if (d == '=' || d == '<' || d == '>' || d == '~') {
            l    = 2;
            type = VIGIL__SQ_CMP;
        }
        break;
    case '=':
        type = VIGIL__SQ_CMP;
        if (d == '=')
            l = 2;
        break;
    case '~':
        type = VIGIL__SQ_UNARY;
        if (d == '*') {
            l    = 2;
            type = VIGIL__SQ_CMP;
        }
        break;
    case ':':
        if (d == '=') {
            l    = 2;
            type = VIGIL__SQ_CMP;
        } else if (d == ':') {
            l    = 2;
            type = VIGIL__SQ_CAST;
        } else {
            type = VIGIL__SQ_OTHER;
        }
        break;
    case '|':
        if (d == '|') {
            l    = 2;
            type = VIGIL__SQ_LOGIC;
        }
        break;
    case '&':
        if (d == '&') {
            l    = 2;
            type = VIGIL__SQ_LOGIC;
        }
        break;
    case '-':
        if (d == '>')
            l = e == '>' ? 3 : 2;
        break;
    case '+': case '*': case '/': case '%': case '^':
        break;
    default:
        type = VIGIL__SQ_OTHER;
        break;
    }
    sq_set(t, type, i, i + l);
    return i + l;
}

int vigil__sqlex_next(vigil__sqlex *lx, vigil__sqtok *t)
{
    const char *s = lx->s;
    size_t      n = lx->n, i = lx->pos;
    uint32_t    cflags = 0;
    size_t      cmt_off = 0;

    t->kw    = 0;
    t->wtype = 0;
    t->flags = 0;
    if (lx->vquote) {
        int    open;
        size_t e = sq_scan_quoted(s, n, 0, lx->vquote, lx->bslash, &open);
        lx->vquote = 0;
        sq_set(t, VIGIL__SQ_STR, 0, e);
        t->flags = VIGIL__SQF_VQUOTE | (open ? VIGIL__SQF_OPEN : 0u);
        lx->pos  = e;
        return t->type;
    }
    for (;;) {
        while (i < n && sq_is_ws(s, n, i))
            i++;
        if (i >= n)
            break;
        char c = s[i];
        size_t e;
        if (c == '#' || (c == '-' && i + 1 < n && s[i + 1] == '-')) {
            e = i;
            while (e < n && s[e] != '\n')
                e++;
            cflags  = VIGIL__SQF_CMT | (c == '#' ? VIGIL__SQF_CMT_HASH : VIGIL__SQF_CMT_DASH);
            cmt_off = i;
            i       = e;
            continue;
        }
        if (c == '/' && i + 1 < n && s[i + 1] == '*') {
            if (i + 2 < n && s[i + 2] == '!') {
                /* Executable comment: its body is code; skip a version. */
                size_t d = i + 3;
                i        = d;
                while (d < n && d - i < 7 && (sq_cls((unsigned char)s[d]) & C_DIG))
                    d++;
                if (d - i == 5 || d - i == 6) /* a server version */
                    i = d;
                if (lx->in_exec < 255)
                    lx->in_exec++;
                continue;
            }
            e = i + 2;
            while (e + 1 < n && !(s[e] == '*' && s[e + 1] == '/'))
                e++;
            e       = (e + 1 < n) ? e + 2 : n;
            cflags  = VIGIL__SQF_CMT;
            cmt_off = i;
            i       = e;
            continue;
        }
        if (c == '*' && i + 1 < n && s[i + 1] == '/' && lx->in_exec) {
            lx->in_exec--;
            i += 2;
            continue;
        }
        break;
    }
    t->cmt_off = cmt_off;
    if (i >= n) {
        sq_set(t, VIGIL__SQ_END, n, n);
        t->flags = cflags;
        lx->pos  = n;
        return t->type;
    }

    unsigned char c = (unsigned char)s[i];
    size_t        e;
    int           open, word;
    if (c == '\'' || c == '"') {
        e = sq_scan_quoted(s, n, i + 1, (char)c, lx->bslash, &open);
        sq_set(t, VIGIL__SQ_STR, i, e);
        if (open)
            t->flags |= VIGIL__SQF_OPEN;
    } else if ((sq_cls(c) & C_DIG) ||
               (c == '.' && i + 1 < n && (sq_cls((unsigned char)s[i + 1]) & C_DIG))) {
        e = sq_number(s, n, i, &t->flags, &word);
        if (word && !sq_kw_suffix(s, n, e)) {
            while (sq_is_id(s, n, e))
                e++;
            t->flags = 0;
            e = sq_name(lx, e, t, i);
        } else {
            sq_set(t, VIGIL__SQ_NUM, i, e);
        }
    } else if (c == '$' && i + 1 < n && (sq_cls((unsigned char)s[i + 1]) & C_DIG)) {
        e = i + 1; /* PostgreSQL parameter $1 */
        while (e < n && (sq_cls((unsigned char)s[e]) & C_DIG))
            e++;
        sq_set(t, VIGIL__SQ_VAR, i, e);
    } else if (c == '$') {
        /* $tag$ ... $tag$ string, else an identifier starting with '$'. */
        size_t j = i + 1;
        while (j < n && j - i < 32 && (sq_cls((unsigned char)s[j]) & C_ID) && s[j] != '$')
            j++;
        if (j < n && s[j] == '$') {
            size_t tag = j + 1 - i, k = j + 1;
            e = n;
            while (k + tag <= n) {
                if (s[k] == '$' && memcmp(s + k, s + i, tag) == 0) {
                    e = k + tag;
                    break;
                }
                k++;
            }
            sq_set(t, VIGIL__SQ_STR, i, e);
            if (k + tag > n)
                t->flags |= VIGIL__SQF_OPEN;
        } else {
            e = i;
            while (sq_is_id(s, n, e))
                e++;
            e = sq_name(lx, e, t, i);
        }
    } else if ((sq_cls(c) & C_ID) || c == '`' || c == '[') {
        int q = 0;
        e     = sq_ident_part(s, n, i, &q);
        if (e == i) {
            sq_set(t, VIGIL__SQ_OTHER, i, i + 1);
            e = i + 1;
        } else if (!q && sq_str_intro(s, n, i, e) != 0) {
            size_t qpos = sq_str_intro(s, n, i, e);
            e = sq_scan_quoted(s, n, qpos + 1, '\'', lx->bslash, &open);
            sq_set(t, VIGIL__SQ_STR, i, e);
            if (open)
                t->flags |= VIGIL__SQF_OPEN;
            if (vigil__lower(c) == 'x' || vigil__lower(c) == 'b')
                t->flags |= VIGIL__SQF_HEX;
        } else {
            e = sq_name(lx, e, t, i);
            if (q)
                t->flags |= VIGIL__SQF_QUAL;
        }
    } else if (c == '@') {
        e = i + 1;
        int sys = e < n && s[e] == '@';
        if (sys)
            e++;
        if (e < n && (s[e] == '`' || s[e] == '\'' || s[e] == '"')) {
            e = sq_scan_quoted(s, n, e + 1, s[e], lx->bslash, &open);
        } else {
            while (e < n && (sq_is_id(s, n, e) || s[e] == '#' || s[e] == '.'))
                e++;
        }
        sq_set(t, VIGIL__SQ_VAR, i, e);
        if (sys && sq_sysvar(s + i + 2, e - i - 2))
            t->flags |= VIGIL__SQF_SYSVAR;
    } else if (c == '\\' && i + 1 < n && s[i + 1] == 'N' && !sq_is_id(s, n, i + 2)) {
        e = i + 2; /* MySQL's \N is NULL */
        sq_set(t, VIGIL__SQ_KW, i, e);
        t->kw = VIGIL__KW_LITERAL;
    } else if (c == '(') {
        e = i + 1;
        sq_set(t, VIGIL__SQ_LPAR, i, e);
    } else if (c == ')') {
        e = i + 1;
        sq_set(t, VIGIL__SQ_RPAR, i, e);
    } else if (c == ',') {
        e = i + 1;
        sq_set(t, VIGIL__SQ_COMMA, i, e);
    } else if (c == ';') {
        e = i + 1;
        sq_set(t, VIGIL__SQ_SEMI, i, e);
    } else {
        e = sq_operator(s, n, i, t);
    }
    t->flags |= cflags;
    t->cmt_off = cmt_off;
    lx->pos    = e;
    return t->type;
}
