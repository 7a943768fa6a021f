package org.woolly.utils.adt;

import java.util.List;

/**
 * The functions psql's describe commands and JDBC's DatabaseMetaData call to read the catalog:
 * {@code pg_get_expr}, {@code pg_get_indexdef} and {@code pg_get_constraintdef} of
 * {@code ruleutils.c}, the visibility tests of {@code namespace.c}, {@code pg_encoding_to_char}
 * of {@code mbutils.c}, {@code pg_partition_ancestors} of {@code partitionfuncs.c} and
 * {@code pg_relation_size} of {@code dbsize.c}.
 */
final class CatalogFunctions {
    /** {@code pg_enc2name_tbl}: server encodings by number ({@code pg_wchar.h}'s {@code pg_enc}). */
    private static final List<String> ENCODINGS = List.of("SQL_ASCII", "EUC_JP", "EUC_CN", "EUC_KR", "EUC_TW",
            "EUC_JIS_2004", "UTF8", "MULE_INTERNAL", "LATIN1", "LATIN2", "LATIN3", "LATIN4", "LATIN5", "LATIN6",
            "LATIN7", "LATIN8", "LATIN9", "LATIN10", "WIN1256", "WIN1258", "WIN866", "WIN874", "KOI8R", "WIN1251",
            "WIN1252", "ISO_8859_5", "ISO_8859_6", "ISO_8859_7", "ISO_8859_8", "WIN1250", "WIN1253", "WIN1254",
            "WIN1255", "WIN1257", "KOI8U", "SJIS", "BIG5", "GBK", "UHC", "GB18030", "JOHAB", "SHIFT_JIS_2004");

    private CatalogFunctions() {}

    static void register(BuiltinFunctions.Registry r) {
        int text = TypeOids.TEXT;
        int oid = TypeOids.OID;
        int bool = TypeOids.BOOL;
        char stable = PgProcData.STABLE;
        boolean strict = PgProcData.STRICT;
        // Woolly stores pg_attrdef.adbin and pg_constraint.conbin as the deparsed SQL text that
        // pg_get_expr would produce from PostgreSQL's node trees, so the text is the answer
        r.function("pg_get_expr", text, stable, strict, (a, c) -> a[0], text, oid);
        r.function("pg_get_expr", text, stable, strict, (a, c) -> a[0], text, oid, bool);
        r.function("pg_get_indexdef", text, stable, strict,
                (a, c) -> c.catalogInquiries().indexDefinition((Integer) a[0], 0, false), oid);
        r.function("pg_get_indexdef", text, stable, strict,
                (a, c) -> c.catalogInquiries().indexDefinition((Integer) a[0], (Integer) a[1], (Boolean) a[2]),
                oid, TypeOids.INT4, bool);
        r.function("pg_get_constraintdef", text, stable, strict,
                (a, c) -> c.catalogInquiries().constraintDefinition((Integer) a[0], false), oid);
        r.function("pg_get_constraintdef", text, stable, strict,
                (a, c) -> c.catalogInquiries().constraintDefinition((Integer) a[0], (Boolean) a[1]), oid, bool);
        // built-in functions and types live in pg_catalog, which search_path always includes
        r.function("pg_function_is_visible", bool, stable, strict,
                (a, c) -> functionExists((Integer) a[0]) ? Boolean.TRUE : null, oid);
        r.function("pg_type_is_visible", bool, stable, strict,
                (a, c) -> PgTypeData.byOid((Integer) a[0]) != null ? Boolean.TRUE : null, oid);
        r.function("pg_encoding_to_char", TypeOids.NAME, stable, strict, (a, c) -> {
            int encoding = (Integer) a[0];
            return encoding >= 0 && encoding < ENCODINGS.size() ? ENCODINGS.get(encoding) : "";
        }, TypeOids.INT4);
        // no relation is a partition in Woolly, so a table's only ancestor is itself
        r.function("pg_partition_ancestors", TypeOids.REGCLASS, PgProcData.VOLATILE, strict,
                (a, c) -> c.catalogInquiries().tableIsVisible((Integer) a[0]) == null
                        ? List.of().iterator() : List.<Object>of(a[0]).iterator(), TypeOids.REGCLASS);
        r.function("pg_relation_size", TypeOids.INT8, PgProcData.VOLATILE, strict,
                (a, c) -> c.catalogInquiries().relationSize((Integer) a[0], "main"), TypeOids.REGCLASS);
        r.function("pg_relation_size", TypeOids.INT8, PgProcData.VOLATILE, strict,
                (a, c) -> c.catalogInquiries().relationSize((Integer) a[0], (String) a[1]), TypeOids.REGCLASS, text);
    }

    private static boolean functionExists(int oid) {
        return PgProcData.all().stream().anyMatch(proc -> proc.oid() == oid)
                || PgAggregateData.all().stream().anyMatch(aggregate -> aggregate.oid() == oid)
                || PgWindowData.all().stream().anyMatch(window -> window.oid() == oid);
    }
}
