package org.woolly.parser;

import java.util.Set;

/**
 * PostgreSQL 15's keyword categories ({@code src/include/parser/kwlist.h}). Only the categories
 * that restrict where a word may be used as a name are listed: every other word, keyword or
 * not, is an unreserved name ({@code name}, {@code type}, {@code value}, {@code text} are columns).
 */
final class Keywords {

    /** RESERVED_KEYWORD: never a column, table or function name unless quoted. */
    private static final Set<String> RESERVED = Set.of(
            "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "both", "case",
            "cast", "check", "collate", "column", "constraint", "create", "current_catalog", "current_date",
            "current_role", "current_time", "current_timestamp", "current_user", "default", "deferrable",
            "desc", "distinct", "do", "else", "end", "except", "false", "fetch", "for", "foreign", "from",
            "grant", "group", "having", "in", "initially", "intersect", "into", "lateral", "leading",
            "limit", "localtime", "localtimestamp", "not", "null", "offset", "on", "only", "or", "order",
            "placing", "primary", "references", "returning", "select", "session_user", "some", "symmetric",
            "table", "then", "to", "trailing", "true", "union", "unique", "user", "using", "variadic",
            "when", "where", "window", "with");

    /** TYPE_FUNC_NAME_KEYWORD: a function or type name, not a column name. */
    private static final Set<String> TYPE_FUNC_NAME = Set.of(
            "authorization", "binary", "collation", "concurrently", "cross", "current_schema", "freeze",
            "full", "ilike", "inner", "is", "isnull", "join", "left", "like", "natural", "notnull", "outer",
            "overlaps", "right", "similar", "tablesample", "verbose");

    /** COL_NAME_KEYWORD: a column name, not a function or type name (they have special syntax). */
    private static final Set<String> COL_NAME = Set.of(
            "between", "bigint", "bit", "boolean", "char", "character", "coalesce", "dec", "decimal",
            "exists", "extract", "float", "greatest", "grouping", "inout", "int", "integer", "interval",
            "least", "national", "nchar", "none", "normalize", "nullif", "numeric", "out", "overlay",
            "position", "precision", "real", "row", "setof", "smallint", "substring", "time", "timestamp",
            "treat", "trim", "values", "varchar", "xmlattributes", "xmlconcat", "xmlelement", "xmlexists",
            "xmlforest", "xmlnamespaces", "xmlparse", "xmlpi", "xmlroot", "xmlserialize", "xmltable");

    /** Keywords that need AS before them to be a column label (AS_LABEL in kwlist.h). */
    private static final Set<String> AS_LABEL_ONLY = Set.of(
            "array", "as", "char", "character", "create", "day", "escape", "except", "fetch", "filter",
            "for", "from", "grant", "group", "having", "hour", "intersect", "into", "isnull", "limit",
            "minute", "month", "notnull", "offset", "on", "order", "over", "precision", "returning",
            "second", "to", "union", "varying", "where", "window", "with", "within", "without", "year");

    private Keywords() {
    }

    /** Whether {@code quote_identifier} must quote the word: any keyword but an unreserved one. */
    static boolean needsQuotes(String word) {
        return RESERVED.contains(word) || TYPE_FUNC_NAME.contains(word) || COL_NAME.contains(word);
    }

    static boolean isReserved(String word) {
        return RESERVED.contains(word);
    }

    /** ColId: an identifier, an unreserved keyword or a column-name keyword. */
    static boolean isColumnId(Token token) {
        return token.is(Token.Kind.IDENT)
                && (token.quoted() || !RESERVED.contains(token.text()) && !TYPE_FUNC_NAME.contains(token.text()));
    }

    /** type_function_name: an identifier, an unreserved keyword or a type/function-name keyword. */
    static boolean isTypeFunctionName(Token token) {
        return token.is(Token.Kind.IDENT)
                && (token.quoted() || !RESERVED.contains(token.text()) && !COL_NAME.contains(token.text()));
    }

    /** ColLabel: any identifier or keyword (after AS, after a dot). */
    static boolean isColumnLabel(Token token) {
        return token.is(Token.Kind.IDENT);
    }

    /** BareColLabel: a label allowed without AS. */
    static boolean isBareColumnLabel(Token token) {
        return token.is(Token.Kind.IDENT) && (token.quoted() || !AS_LABEL_ONLY.contains(token.text()));
    }
}
