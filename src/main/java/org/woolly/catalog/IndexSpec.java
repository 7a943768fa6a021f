package org.woolly.catalog;

import java.util.List;

/**
 * An index to create on a table: its (already chosen) name, the table columns it stores by
 * 1-based attribute number (key columns, then INCLUDE columns; 0 for an expression column, as in
 * {@code indkey}), and per key column DESC and NULLS FIRST. The catalog fills in types and
 * operator classes from the table's columns.
 *
 * <p>An expression index also gives, in the order of its 0 columns, each expression's SQL text
 * ({@code expressions}), its result type and typmod and its column name ({@code lower},
 * {@code expr}); a partial index gives its predicate's SQL text ({@code predicate}, else null).
 */
public record IndexSpec(String name, List<Short> columns, int keyColumnCount, List<Boolean> descending,
                        List<Boolean> nullsFirst, boolean unique, boolean primary, boolean nullsNotDistinct,
                        List<Expression> expressions, String predicate, boolean immediate) {

    /** An index whose uniqueness, if any, is checked as each row is stored. */
    public IndexSpec(String name, List<Short> columns, int keyColumnCount, List<Boolean> descending,
                     List<Boolean> nullsFirst, boolean unique, boolean primary, boolean nullsNotDistinct,
                     List<Expression> expressions, String predicate) {
        this(name, columns, keyColumnCount, descending, nullsFirst, unique, primary, nullsNotDistinct, expressions,
                predicate, true);
    }

    /** One expression column: SQL text, result type and typmod, and the name of its pg_attribute row. */
    public record Expression(String text, int typeOid, int typeModifier, String columnName) {}

    /** An index on plain columns with no predicate. */
    public IndexSpec(String name, List<Short> columns, int keyColumnCount, List<Boolean> descending,
                     List<Boolean> nullsFirst, boolean unique, boolean primary, boolean nullsNotDistinct) {
        this(name, columns, keyColumnCount, descending, nullsFirst, unique, primary, nullsNotDistinct, List.of(), null);
    }
}
