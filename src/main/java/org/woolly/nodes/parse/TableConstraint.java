package org.woolly.nodes.parse;

import java.util.List;

/**
 * A table constraint of CREATE TABLE: {@code [CONSTRAINT name] PRIMARY KEY (cols)}, ...
 * For FOREIGN KEY, {@code referencedTable} and {@code referencedColumns} (empty when the
 * referenced table's primary key is meant) name the target; both are null for other kinds.
 *
 * {@code actions} are a foreign key's MATCH and ON UPDATE/DELETE clauses (null for other kinds).
 *
 * <p>For PRIMARY KEY and UNIQUE, {@code include} lists the INCLUDE columns (empty when none) and
 * {@code nullsNotDistinct} says UNIQUE NULLS NOT DISTINCT. {@code timing} holds its DEFERRABLE
 * and INITIALLY attributes.
 */
public record TableConstraint(Kind kind, String name, List<String> columns, Expr check, int location,
                              QualifiedName referencedTable, List<String> referencedColumns, List<String> include,
                              boolean nullsNotDistinct, ForeignKeyActions actions, ConstraintTiming timing) {
    public enum Kind { PRIMARY_KEY, UNIQUE, CHECK, FOREIGN_KEY }

    public TableConstraint(Kind kind, String name, List<String> columns, Expr check, int location,
                           QualifiedName referencedTable, List<String> referencedColumns, List<String> include,
                           boolean nullsNotDistinct, ForeignKeyActions actions) {
        this(kind, name, columns, check, location, referencedTable, referencedColumns, include, nullsNotDistinct,
                actions, ConstraintTiming.IMMEDIATE);
    }

    /** This constraint with the DEFERRABLE and INITIALLY attributes written after it. */
    public TableConstraint withTiming(ConstraintTiming newTiming) {
        return new TableConstraint(kind, name, columns, check, location, referencedTable, referencedColumns, include,
                nullsNotDistinct, actions, newTiming);
    }

    public TableConstraint(Kind kind, String name, List<String> columns, Expr check, int location) {
        this(kind, name, columns, check, location, null, null);
    }

    public TableConstraint(Kind kind, String name, List<String> columns, Expr check, int location,
                           QualifiedName referencedTable, List<String> referencedColumns) {
        this(kind, name, columns, check, location, referencedTable, referencedColumns, List.of(), false, null);
    }

    public TableConstraint(Kind kind, String name, List<String> columns, Expr check, int location,
                           QualifiedName referencedTable, List<String> referencedColumns, List<String> include,
                           boolean nullsNotDistinct) {
        this(kind, name, columns, check, location, referencedTable, referencedColumns, include, nullsNotDistinct,
                null);
    }
}
