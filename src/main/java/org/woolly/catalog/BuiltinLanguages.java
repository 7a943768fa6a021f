package org.woolly.catalog;

import java.util.List;

/**
 * The rows initdb writes into pg_language ({@code src/include/catalog/pg_language.dat}), with
 * PostgreSQL 15's OIDs. A procedural language adds its row here.
 */
public final class BuiltinLanguages {

    /**
     * One pg_language row; {@code procedural}: {@code lanispl}, {@code trusted}: {@code lanpltrusted}.
     * The handler, inline handler and validator are pg_proc OIDs, 0 for none.
     */
    public record Language(int oid, String name, boolean procedural, boolean trusted, int handler, int inline,
                           int validator) {}

    public static final int INTERNAL = 12;
    public static final int C = 13;
    public static final int SQL = 14;

    private static final List<Language> ALL = List.of(
            new Language(INTERNAL, "internal", false, false, 0, 0, 2246),
            new Language(C, "c", false, false, 0, 0, 2247),
            new Language(SQL, "sql", false, true, 0, 0, 2248),
            // the interpreter is built in (pl.plpgsql): no handler functions in pg_proc
            new Language(FunctionInfo.PLPGSQL_LANGUAGE, "plpgsql", true, true, 0, 0, 0));

    private BuiltinLanguages() {}

    public static List<Language> all() {
        return ALL;
    }
}
