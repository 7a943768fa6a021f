package org.woolly.nodes.parse;

import java.util.List;

/**
 * A constraint written on a column: {@code NOT NULL}, {@code NULL}, {@code DEFAULT e}, ...
 * For REFERENCES, {@code referencedTable} and {@code referencedColumns} (empty when the
 * referenced table's primary key is meant) name the target; both are null for other kinds.
 * {@code actions} are its MATCH and ON UPDATE/DELETE clauses (null for other kinds).
 * For GENERATED ... AS IDENTITY, {@code sequenceOptions} are the options in parentheses (or null).
 * {@code timing} holds the DEFERRABLE and INITIALLY attributes written after it.
 */
public record ColumnConstraint(Kind kind, String name, Expr expr, int location, QualifiedName referencedTable,
                               List<String> referencedColumns, boolean nullsNotDistinct,
                               List<DefElem> sequenceOptions, ForeignKeyActions actions, ConstraintTiming timing) {
    public enum Kind { NOT_NULL, NULL, DEFAULT, PRIMARY_KEY, UNIQUE, CHECK, REFERENCES, GENERATED_IDENTITY }

    public ColumnConstraint(Kind kind, String name, Expr expr, int location, QualifiedName referencedTable,
                            List<String> referencedColumns, boolean nullsNotDistinct,
                            List<DefElem> sequenceOptions, ForeignKeyActions actions) {
        this(kind, name, expr, location, referencedTable, referencedColumns, nullsNotDistinct, sequenceOptions,
                actions, ConstraintTiming.IMMEDIATE);
    }

    /** This constraint with the DEFERRABLE and INITIALLY attributes written after it. */
    public ColumnConstraint withTiming(ConstraintTiming newTiming) {
        return new ColumnConstraint(kind, name, expr, location, referencedTable, referencedColumns, nullsNotDistinct,
                sequenceOptions, actions, newTiming);
    }

    public ColumnConstraint(Kind kind, String name, Expr expr, int location) {
        this(kind, name, expr, location, null, null, false, null, null);
    }

    public ColumnConstraint(Kind kind, String name, Expr expr, int location, QualifiedName referencedTable,
                            List<String> referencedColumns) {
        this(kind, name, expr, location, referencedTable, referencedColumns, false, null, null);
    }

    public ColumnConstraint(Kind kind, String name, Expr expr, int location, QualifiedName referencedTable,
                            List<String> referencedColumns, boolean nullsNotDistinct,
                            List<DefElem> sequenceOptions) {
        this(kind, name, expr, location, referencedTable, referencedColumns, nullsNotDistinct, sequenceOptions, null);
    }
}
