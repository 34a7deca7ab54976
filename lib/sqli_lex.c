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
    uint8_t     type;
    uint8_t     kw;
    uint32_t    flags;
    uint8_t     opt;
} sq_word;

/* Sorted (strcmp order) so that lookup is a binary search. */
static const sq_word sq_words[] = {
    {"abs", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"acos", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"aes_decrypt", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"aes_encrypt", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"against", VIGIL__SQ_KW, VIGIL__KW_AGAINST, 0, 0},
    {"all", VIGIL__SQ_KW, VIGIL__KW_ALL, 0, 0},
    {"all_tab_columns", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_SYSOBJ, O_NIL|O_PFX},
    {"all_tables", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_SYSOBJ, O_NIL|O_PFX},
    {"all_users", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_SYSOBJ, O_NIL|O_PFX},
    {"alter", VIGIL__SQ_KW, VIGIL__KW_ALTER, 0, 0},
    {"and", VIGIL__SQ_LOGIC, VIGIL__KW_NONE, 0, 0},
    {"any", VIGIL__SQ_KW, VIGIL__KW_ANY, 0, 0},
    {"array_agg", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"array_to_json", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"as", VIGIL__SQ_KW, VIGIL__KW_AS, 0, 0},
    {"asc", VIGIL__SQ_KW, VIGIL__KW_ASC, 0, 0},
    {"ascii", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"ascii_str", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"asin", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"atan", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"avg", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"backup", VIGIL__SQ_KW, VIGIL__KW_BACKUP, 0, 0},
    {"begin", VIGIL__SQ_KW, VIGIL__KW_BEGIN, 0, 0},
    {"benchmark", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_TIME, O_FN},
    {"between", VIGIL__SQ_KW, VIGIL__KW_BETWEEN, 0, 0},
    {"bfilename", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_FILE, O_FN},
    {"bigint", VIGIL__SQ_KW, VIGIL__KW_TYPE, 0, O_FN},
    {"bin", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"binary", VIGIL__SQ_UNARY, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"bit_length", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"blob", VIGIL__SQ_KW, VIGIL__KW_TYPE, 0, O_FN},
    {"boolean", VIGIL__SQ_KW, VIGIL__KW_BOOLEAN, 0, 0},
    {"bulk", VIGIL__SQ_KW, VIGIL__KW_BULK, 0, 0},
    {"by", VIGIL__SQ_KW, VIGIL__KW_BY, 0, 0},
    {"call", VIGIL__SQ_KW, VIGIL__KW_CALL, 0, 0},
    {"case", VIGIL__SQ_KW, VIGIL__KW_CASE, 0, 0},
    {"cast", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"ceil", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"ceiling", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"char", VIGIL__SQ_KW, VIGIL__KW_TYPE, VIGIL__SQF_KNOWN, O_FN},
    {"char_length", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"character", VIGIL__SQ_KW, VIGIL__KW_TYPE, 0, O_FN},
    {"charset", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"chr", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"clob", VIGIL__SQ_KW, VIGIL__KW_TYPE, 0, O_FN},
    {"coalesce", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"coercibility", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"col_name", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"collate", VIGIL__SQ_KW, VIGIL__KW_COLLATE, 0, 0},
    {"collation", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"column", VIGIL__SQ_KW, VIGIL__KW_TABLE, 0, 0},
    {"compress", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"concat", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"concat_ws", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"connection_id", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_INFO, O_FN},
    {"conv", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"convert", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_CONVERT, O_FN},
    {"copy", VIGIL__SQ_KW, VIGIL__KW_COPY, 0, 0},
    {"cos", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"cot", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"count", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"crc32", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"create", VIGIL__SQ_KW, VIGIL__KW_CREATE, 0, 0},
    {"cross", VIGIL__SQ_KW, VIGIL__KW_JOINMOD, 0, 0},
    {"ctxsys", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_ERR, O_PFX},
    {"curdate", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"current_database", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_INFO, O_FN},
    {"current_date", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN|O_NIL},
    {"current_schema", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_INFO, O_FN},
    {"current_setting", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_INFO, O_FN},
    {"current_time", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN|O_NIL},
    {"current_timestamp", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN|O_NIL},
    {"current_user", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_INFO, O_FN|O_NIL},
    {"curtime", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"data", VIGIL__SQ_KW, VIGIL__KW_DATA, 0, 0},
    {"database", VIGIL__SQ_KW, VIGIL__KW_TABLE, VIGIL__SQF_KNOWN|VIGIL__SQF_INFO, O_FN},
    {"datalength", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"date", VIGIL__SQ_KW, VIGIL__KW_TYPE, 0, O_FN},
    {"datetime", VIGIL__SQ_KW, VIGIL__KW_TYPE, 0, O_FN},
    {"db_id", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"db_name", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_INFO, O_FN},
    {"dba_users", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_SYSOBJ, O_NIL|O_PFX},
    {"dbms_java", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_XCMD, O_PFX},
    {"dbms_lock", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_TIME, O_PFX},
    {"dbms_pipe", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_TIME, O_PFX},
    {"dbms_xdb", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_ERR, O_PFX},
    {"dbms_xmlgen", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_ERR, O_PFX},
    {"decimal", VIGIL__SQ_KW, VIGIL__KW_TYPE, 0, O_FN},
    {"declare", VIGIL__SQ_KW, VIGIL__KW_DECLARE, 0, 0},
    {"decode", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"degrees", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"delay", VIGIL__SQ_KW, VIGIL__KW_DELAY, 0, 0},
    {"delete", VIGIL__SQ_KW, VIGIL__KW_DELETE, 0, 0},
    {"desc", VIGIL__SQ_KW, VIGIL__KW_ASC, 0, 0},
    {"distinct", VIGIL__SQ_KW, VIGIL__KW_DISTINCT, 0, 0},
    {"distinctrow", VIGIL__SQ_KW, VIGIL__KW_DISTINCT, 0, 0},
    {"div", VIGIL__SQ_OP, VIGIL__KW_NONE, 0, 0},
    {"double", VIGIL__SQ_KW, VIGIL__KW_TYPE, 0, O_FN},
    {"drop", VIGIL__SQ_KW, VIGIL__KW_DROP, 0, 0},
    {"dual", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_SYSOBJ, O_NIL|O_PFX},
    {"dumpfile", VIGIL__SQ_KW, VIGIL__KW_OUTFILE, 0, 0},
    {"else", VIGIL__SQ_KW, VIGIL__KW_ELSE, 0, 0},
    {"elt", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"encode", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"end", VIGIL__SQ_KW, VIGIL__KW_END, 0, 0},
    {"escape", VIGIL__SQ_KW, VIGIL__KW_ESCAPE, 0, 0},
    {"except", VIGIL__SQ_KW, VIGIL__KW_UNION, 0, 0},
    {"exec", VIGIL__SQ_KW, VIGIL__KW_EXEC, 0, O_FN},
    {"execute", VIGIL__SQ_KW, VIGIL__KW_EXEC, 0, O_FN},
    {"exists", VIGIL__SQ_KW, VIGIL__KW_EXISTS, 0, 0},
    {"exp", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"export_set", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"extract", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"extractvalue", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_ERR, O_FN},
    {"false", VIGIL__SQ_KW, VIGIL__KW_LITERAL, 0, 0},
    {"fetch", VIGIL__SQ_KW, VIGIL__KW_FETCH, 0, 0},
    {"field", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"find_in_set", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"float", VIGIL__SQ_KW, VIGIL__KW_TYPE, 0, O_FN},
    {"floor", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"for", VIGIL__SQ_KW, VIGIL__KW_FOR, 0, 0},
    {"found_rows", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"from", VIGIL__SQ_KW, VIGIL__KW_FROM, 0, 0},
    {"full", VIGIL__SQ_KW, VIGIL__KW_JOINMOD, 0, 0},
    {"function", VIGIL__SQ_KW, VIGIL__KW_TABLE, 0, 0},
    {"generate_series", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"geometrycollection", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_ERR, O_FN},
    {"glob", VIGIL__SQ_CMP, VIGIL__KW_LIKE, 0, 0},
    {"goto", VIGIL__SQ_KW, VIGIL__KW_GOTO, 0, 0},
    {"grant", VIGIL__SQ_KW, VIGIL__KW_GRANT, 0, 0},
    {"greatest", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"group", VIGIL__SQ_KW, VIGIL__KW_GROUP, 0, 0},
    {"group_concat", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"gtid_subset", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_ERR, O_FN},
    {"gtid_subtract", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_ERR, O_FN},
    {"handler", VIGIL__SQ_KW, VIGIL__KW_HANDLER, 0, 0},
    {"has_dbaccess", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_INFO, O_FN},
    {"having", VIGIL__SQ_KW, VIGIL__KW_HAVING, 0, 0},
    {"hex", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"host_name", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_INFO, O_FN},
    {"if", VIGIL__SQ_KW, VIGIL__KW_IF, 0, O_FN},
    {"ifnull", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"iif", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"ilike", VIGIL__SQ_CMP, VIGIL__KW_LIKE, 0, 0},
    {"in", VIGIL__SQ_KW, VIGIL__KW_IN, 0, 0},
    {"index", VIGIL__SQ_KW, VIGIL__KW_TABLE, 0, 0},
    {"infile", VIGIL__SQ_KW, VIGIL__KW_INFILE, 0, 0},
    {"information_schema", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_SYSOBJ, O_NIL|O_PFX},
    {"inner", VIGIL__SQ_KW, VIGIL__KW_JOINMOD, 0, 0},
    {"insert", VIGIL__SQ_KW, VIGIL__KW_INSERT, 0, O_FN},
    {"instr", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"int", VIGIL__SQ_KW, VIGIL__KW_TYPE, 0, O_FN},
    {"integer", VIGIL__SQ_KW, VIGIL__KW_TYPE, 0, O_FN},
    {"intersect", VIGIL__SQ_KW, VIGIL__KW_UNION, 0, 0},
    {"interval", VIGIL__SQ_KW, VIGIL__KW_INTERVAL, 0, 0},
    {"into", VIGIL__SQ_KW, VIGIL__KW_INTO, 0, 0},
    {"is", VIGIL__SQ_KW, VIGIL__KW_IS, 0, 0},
    {"is_srvrolemember", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_INFO, O_FN},
    {"isnull", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"join", VIGIL__SQ_KW, VIGIL__KW_JOIN, 0, 0},
    {"json", VIGIL__SQ_KW, VIGIL__KW_TYPE, 0, O_FN},
    {"json_depth", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"json_extract", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"json_keys", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"kill", VIGIL__SQ_KW, VIGIL__KW_KILL, 0, 0},
    {"last_insert_id", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_INFO, O_FN},
    {"lcase", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"least", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"left", VIGIL__SQ_KW, VIGIL__KW_JOINMOD, 0, O_FN},
    {"len", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"length", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"like", VIGIL__SQ_CMP, VIGIL__KW_LIKE, 0, O_FN},
    {"limit", VIGIL__SQ_KW, VIGIL__KW_LIMIT, 0, 0},
    {"linestring", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_ERR, O_FN},
    {"listagg", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"ln", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"lo_export", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_FILE, O_FN},
    {"lo_import", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_FILE, O_FN},
    {"load", VIGIL__SQ_KW, VIGIL__KW_LOAD, 0, 0},
    {"load_extension", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_FILE, O_FN},
    {"load_file", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_FILE, O_FN},
    {"localtime", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN|O_NIL},
    {"localtimestamp", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN|O_NIL},
    {"locate", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"lock", VIGIL__SQ_KW, VIGIL__KW_LOCK, 0, 0},
    {"log", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"login", VIGIL__SQ_KW, VIGIL__KW_TABLE, 0, 0},
    {"lower", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"lpad", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"ltrim", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"make_set", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"master", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_SYSOBJ, O_NIL|O_PFX},
    {"match", VIGIL__SQ_CMP, VIGIL__KW_LIKE, 0, O_FN},
    {"max", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"md5", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"mid", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"min", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"mod", VIGIL__SQ_OP, VIGIL__KW_NONE, 0, O_FN},
    {"mode", VIGIL__SQ_KW, VIGIL__KW_MODE, 0, 0},
    {"money", VIGIL__SQ_KW, VIGIL__KW_TYPE, 0, O_FN},
    {"msysobjects", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_SYSOBJ, O_NIL|O_PFX},
    {"multilinestring", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_ERR, O_FN},
    {"multipoint", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_ERR, O_FN},
    {"multipolygon", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_ERR, O_FN},
    {"mysql", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_SYSOBJ, O_NIL|O_PFX},
    {"name_const", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_ERR, O_FN},
    {"natural", VIGIL__SQ_KW, VIGIL__KW_JOINMOD, 0, 0},
    {"nchar", VIGIL__SQ_KW, VIGIL__KW_TYPE, 0, O_FN},
    {"not", VIGIL__SQ_UNARY, VIGIL__KW_NOT, 0, 0},
    {"now", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"null", VIGIL__SQ_KW, VIGIL__KW_LITERAL, 0, 0},
    {"nullif", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"number", VIGIL__SQ_KW, VIGIL__KW_TYPE, 0, O_FN},
    {"numeric", VIGIL__SQ_KW, VIGIL__KW_TYPE, 0, O_FN},
    {"nvarchar", VIGIL__SQ_KW, VIGIL__KW_TYPE, 0, O_FN},
    {"nvl", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"object_id", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"object_name", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"oct", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"octet_length", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"offset", VIGIL__SQ_KW, VIGIL__KW_OFFSET, 0, 0},
    {"on", VIGIL__SQ_KW, VIGIL__KW_ON, 0, 0},
    {"opendatasource", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_FILE, O_FN},
    {"openrowset", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_FILE, O_FN},
    {"or", VIGIL__SQ_LOGIC, VIGIL__KW_NONE, 0, 0},
    {"ord", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"order", VIGIL__SQ_KW, VIGIL__KW_ORDER, 0, 0},
    {"ordsys", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_ERR, O_PFX},
    {"outer", VIGIL__SQ_KW, VIGIL__KW_JOINMOD, 0, 0},
    {"outfile", VIGIL__SQ_KW, VIGIL__KW_OUTFILE, 0, 0},
    {"over", VIGIL__SQ_KW, VIGIL__KW_OVER, 0, 0},
    {"pg_catalog", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_SYSOBJ, O_NIL|O_PFX},
    {"pg_database", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_SYSOBJ, O_NIL|O_PFX},
    {"pg_ls_dir", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_FILE, O_FN},
    {"pg_read_binary_file", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_FILE, O_FN},
    {"pg_read_file", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_FILE, O_FN},
    {"pg_shadow", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_SYSOBJ, O_NIL|O_PFX},
    {"pg_sleep", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_TIME, O_FN},
    {"pg_sleep_for", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_TIME, O_FN},
    {"pg_tables", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_SYSOBJ, O_NIL|O_PFX},
    {"pg_user", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_SYSOBJ, O_NIL|O_PFX},
    {"pi", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"polygon", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_ERR, O_FN},
    {"position", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"pow", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"power", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"precision", VIGIL__SQ_KW, VIGIL__KW_TYPE, 0, O_FN},
    {"prepare", VIGIL__SQ_KW, VIGIL__KW_PREPARE, 0, 0},
    {"print", VIGIL__SQ_KW, VIGIL__KW_PRINT, 0, 0},
    {"procedure", VIGIL__SQ_KW, VIGIL__KW_PROCEDURE, 0, 0},
    {"quote", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"radians", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"rand", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"random", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"randomblob", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_TIME, O_FN},
    {"real", VIGIL__SQ_KW, VIGIL__KW_TYPE, 0, O_FN},
    {"regexp", VIGIL__SQ_CMP, VIGIL__KW_LIKE, 0, 0},
    {"repeat", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"replace", VIGIL__SQ_KW, VIGIL__KW_REPLACE, 0, O_FN},
    {"replicate", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"reverse", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"revoke", VIGIL__SQ_KW, VIGIL__KW_GRANT, 0, 0},
    {"right", VIGIL__SQ_KW, VIGIL__KW_JOINMOD, 0, O_FN},
    {"rlike", VIGIL__SQ_CMP, VIGIL__KW_LIKE, 0, 0},
    {"round", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"row_count", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"rownum", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN|O_NIL},
    {"rpad", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"rtrim", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"schema", VIGIL__SQ_KW, VIGIL__KW_TABLE, VIGIL__SQF_KNOWN|VIGIL__SQF_INFO, O_FN},
    {"schema_name", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"select", VIGIL__SQ_KW, VIGIL__KW_SELECT, 0, 0},
    {"separator", VIGIL__SQ_KW, VIGIL__KW_ESCAPE, 0, 0},
    {"session_user", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_INFO, O_FN|O_NIL},
    {"set", VIGIL__SQ_KW, VIGIL__KW_SET, 0, 0},
    {"sha", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"sha1", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"sha2", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"share", VIGIL__SQ_KW, VIGIL__KW_SHARE, 0, 0},
    {"show", VIGIL__SQ_KW, VIGIL__KW_SHOW, 0, 0},
    {"shutdown", VIGIL__SQ_KW, VIGIL__KW_SHUTDOWN, 0, 0},
    {"sign", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"signed", VIGIL__SQ_KW, VIGIL__KW_TYPE, 0, O_FN},
    {"similar", VIGIL__SQ_CMP, VIGIL__KW_LIKE, 0, 0},
    {"sin", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"sleep", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_TIME, O_FN},
    {"smallint", VIGIL__SQ_KW, VIGIL__KW_TYPE, 0, O_FN},
    {"some", VIGIL__SQ_KW, VIGIL__KW_ANY, 0, 0},
    {"soundex", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"sounds", VIGIL__SQ_KW, VIGIL__KW_SOUNDS, 0, 0},
    {"sp_execute_external_script", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_XCMD, O_FN},
    {"sp_oacreate", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_XCMD, O_FN},
    {"sp_oamethod", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_XCMD, O_FN},
    {"space", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"sqlite_master", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_SYSOBJ, O_NIL|O_PFX},
    {"sqlite_schema", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_SYSOBJ, O_NIL|O_PFX},
    {"sqlite_version", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_INFO, O_FN},
    {"sqrt", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"stragg", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"straight_join", VIGIL__SQ_KW, VIGIL__KW_JOIN, 0, 0},
    {"strcmp", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"string_agg", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"stuff", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"substr", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"substring", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"sum", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"suser_name", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_INFO, O_FN},
    {"suser_sname", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_INFO, O_FN},
    {"sys_context", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_INFO, O_FN},
    {"sys_eval", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_XCMD, O_FN},
    {"sys_exec", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_XCMD, O_FN},
    {"syscat", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_SYSOBJ, O_NIL|O_PFX},
    {"syscolumns", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_SYSOBJ, O_NIL|O_PFX},
    {"sysdatabases", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_SYSOBJ, O_NIL|O_PFX},
    {"sysdate", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN|O_NIL},
    {"sysibm", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_SYSOBJ, O_NIL|O_PFX},
    {"sysmaster", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_SYSOBJ, O_NIL|O_PFX},
    {"sysobjects", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_SYSOBJ, O_NIL|O_PFX},
    {"system_user", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_INFO, O_FN|O_NIL},
    {"sysusers", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_SYSOBJ, O_NIL|O_PFX},
    {"table", VIGIL__SQ_KW, VIGIL__KW_TABLE, 0, 0},
    {"tablespace", VIGIL__SQ_KW, VIGIL__KW_TABLE, 0, 0},
    {"tan", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"tempdb", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_SYSOBJ, O_NIL|O_PFX},
    {"text", VIGIL__SQ_KW, VIGIL__KW_TYPE, 0, O_FN},
    {"then", VIGIL__SQ_KW, VIGIL__KW_THEN, 0, 0},
    {"time", VIGIL__SQ_KW, VIGIL__KW_TYPE, VIGIL__SQF_KNOWN, O_FN},
    {"tinyint", VIGIL__SQ_KW, VIGIL__KW_TYPE, 0, O_FN},
    {"to", VIGIL__SQ_KW, VIGIL__KW_TO, 0, 0},
    {"to_char", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"to_number", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"top", VIGIL__SQ_KW, VIGIL__KW_TOP, 0, 0},
    {"trigger", VIGIL__SQ_KW, VIGIL__KW_TABLE, 0, 0},
    {"trim", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"true", VIGIL__SQ_KW, VIGIL__KW_LITERAL, 0, 0},
    {"truncate", VIGIL__SQ_KW, VIGIL__KW_TRUNCATE, 0, O_FN},
    {"ucase", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"uescape", VIGIL__SQ_KW, VIGIL__KW_ESCAPE, 0, 0},
    {"uncompress", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"unhex", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"unicode", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"union", VIGIL__SQ_KW, VIGIL__KW_UNION, 0, 0},
    {"unknown", VIGIL__SQ_KW, VIGIL__KW_LITERAL, 0, 0},
    {"unsigned", VIGIL__SQ_KW, VIGIL__KW_TYPE, 0, O_FN},
    {"update", VIGIL__SQ_KW, VIGIL__KW_UPDATE, 0, 0},
    {"updatexml", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_ERR, O_FN},
    {"upper", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"use", VIGIL__SQ_KW, VIGIL__KW_USE, 0, 0},
    {"user", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_INFO, O_FN|O_NIL},
    {"user_name", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_INFO, O_FN},
    {"user_tables", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_SYSOBJ, O_NIL|O_PFX},
    {"using", VIGIL__SQ_KW, VIGIL__KW_USING, 0, 0},
    {"utl_file", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_FILE, O_PFX},
    {"utl_http", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_ERR, O_PFX},
    {"utl_inaddr", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_ERR, O_PFX},
    {"uuid", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"values", VIGIL__SQ_KW, VIGIL__KW_VALUES, 0, 0},
    {"varchar", VIGIL__SQ_KW, VIGIL__KW_TYPE, 0, O_FN},
    {"varchar2", VIGIL__SQ_KW, VIGIL__KW_TYPE, 0, O_FN},
    {"version", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_INFO, O_FN},
    {"view", VIGIL__SQ_KW, VIGIL__KW_TABLE, 0, 0},
    {"waitfor", VIGIL__SQ_KW, VIGIL__KW_WAITFOR, 0, 0},
    {"weight_string", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"when", VIGIL__SQ_KW, VIGIL__KW_WHEN, 0, 0},
    {"where", VIGIL__SQ_KW, VIGIL__KW_WHERE, 0, 0},
    {"with", VIGIL__SQ_KW, VIGIL__KW_WITH, 0, 0},
    {"within", VIGIL__SQ_KW, VIGIL__KW_WITHIN, 0, 0},
    {"xml", VIGIL__SQ_KW, VIGIL__KW_TYPE, 0, O_FN},
    {"xmlagg", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"xmlelement", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN, O_FN},
    {"xmltype", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_ERR, O_FN},
    {"xor", VIGIL__SQ_LOGIC, VIGIL__KW_NONE, 0, 0},
    {"xp_cmdshell", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_XCMD, O_FN},
    {"xp_dirtree", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_XCMD, O_FN},
    {"xp_regread", VIGIL__SQ_NAME, VIGIL__KW_NONE, VIGIL__SQF_KNOWN|VIGIL__SQF_XCMD, O_FN},
};

/* Character classes. */
#define C_ID  0x01u /* identifier character (letters, digits, _ $ and >= 0x80) */
#define C_DIG 0x02u
#define C_WS  0x04u
#define C_HEX 0x08u

static unsigned char sq_cls(unsigned char c)
{
    if (c >= '0' && c <= '9')
        return C_ID | C_DIG | C_HEX;
    if ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))
        return C_ID | C_HEX;
    if ((c >= 'g' && c <= 'z') || (c >= 'G' && c <= 'Z') || c == '_' ||
        c == '$' || c >= 0x80)
        return C_ID;
    if (c == ' ' || (c >= 0x09 && c <= 0x0d) || c == 0)
        return C_WS;
    return 0;
}

/* NBSP (0xA0) is whitespace to MySQL in single-byte charsets; treat it so
 * only when it is not part of a UTF-8 sequence. */
static int sq_is_ws(const char *s, size_t n, size_t i)
{
    unsigned char c = (unsigned char)s[i];
    if (sq_cls(c) & C_WS)
        return 1;
    if (c == 0xa0) {
        int prev_ascii = i == 0 || (unsigned char)s[i - 1] < 0x80;
        int next_ascii = i + 1 >= n || (unsigned char)s[i + 1] < 0x80;
        return prev_ascii && next_ascii;
    }
    return 0;
}

static int sq_is_id(const char *s, size_t n, size_t i)
{
    return i < n && (sq_cls((unsigned char)s[i]) & C_ID) && !sq_is_ws(s, n, i);
}

static const sq_word *sq_lookup(const char *p, size_t len)
{
    char   buf[32];
    size_t lo = 0, hi = VIGIL__COUNTOF(sq_words);
    if (len < 2 || len >= sizeof buf)
        return NULL;
    for (size_t i = 0; i < len; i++)
        buf[i] = (char)vigil__lower((unsigned char)p[i]);
    buf[len] = '\0';
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int    c   = strcmp(buf, sq_words[mid].w);
        if (c == 0)
            return &sq_words[mid];
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
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

void vigil__sqlex_init(vigil__sqlex *lx, const char *s, size_t n, char quote)
{
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

static void sq_set(vigil__sqtok *t, int type, size_t off, size_t end)
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
                t->flags |= w->flags;
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

/* Operators, longest first within each leading character. */
typedef struct sq_op {
    const char *op;
    uint8_t     type;
} sq_op;

static const sq_op sq_ops[] = {
    {"<=>", VIGIL__SQ_CMP}, {"!~*", VIGIL__SQ_CMP}, {"->>", VIGIL__SQ_OP},
    {"<=", VIGIL__SQ_CMP},  {">=", VIGIL__SQ_CMP},  {"<>", VIGIL__SQ_CMP},
    {"!=", VIGIL__SQ_CMP},  {"==", VIGIL__SQ_CMP},  {"!<", VIGIL__SQ_CMP},
    {"!>", VIGIL__SQ_CMP},  {"~*", VIGIL__SQ_CMP},  {"!~", VIGIL__SQ_CMP},
    {":=", VIGIL__SQ_CMP},  {"||", VIGIL__SQ_LOGIC}, {"&&", VIGIL__SQ_LOGIC},
    {"<<", VIGIL__SQ_OP},   {">>", VIGIL__SQ_OP},   {"->", VIGIL__SQ_OP},
    {"::", VIGIL__SQ_CAST}, {"=", VIGIL__SQ_CMP},   {"<", VIGIL__SQ_CMP},
    {">", VIGIL__SQ_CMP},   {"+", VIGIL__SQ_OP},    {"-", VIGIL__SQ_OP},
    {"*", VIGIL__SQ_OP},    {"/", VIGIL__SQ_OP},    {"%", VIGIL__SQ_OP},
    {"^", VIGIL__SQ_OP},    {"|", VIGIL__SQ_OP},    {"&", VIGIL__SQ_OP},
    {"~", VIGIL__SQ_UNARY}, {"!", VIGIL__SQ_UNARY},
};

static size_t sq_operator(const char *s, size_t n, size_t i, vigil__sqtok *t)
{
    for (size_t k = 0; k < VIGIL__COUNTOF(sq_ops); k++) {
        const char *o = sq_ops[k].op;
        size_t      l = strlen(o);
        if (i + l <= n && memcmp(s + i, o, l) == 0) {
            sq_set(t, sq_ops[k].type, i, i + l);
            return i + l;
        }
    }
    sq_set(t, VIGIL__SQ_OTHER, i, i + 1);
    return i + 1;
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
        size_t e = sq_scan_quoted(s, n, 0, lx->vquote, 1, &open);
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
        e = sq_scan_quoted(s, n, i + 1, (char)c, 1, &open);
        sq_set(t, VIGIL__SQ_STR, i, e);
        if (open)
            t->flags |= VIGIL__SQF_OPEN;
    } else if ((sq_cls(c) & C_DIG) ||
               (c == '.' && i + 1 < n && (sq_cls((unsigned char)s[i + 1]) & C_DIG))) {
        e = sq_number(s, n, i, &t->flags, &word);
        if (word && !sq_kw_suffix(s, n, e)) {
            while (sq_is_id(s, n, e))
                e++;
            t->flags = VIGIL__SQF_WORDNUM;
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
            e = sq_scan_quoted(s, n, qpos + 1, '\'', 1, &open);
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
            e = sq_scan_quoted(s, n, e + 1, s[e], 1, &open);
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
