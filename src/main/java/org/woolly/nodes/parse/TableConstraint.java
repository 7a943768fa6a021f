package org.woolly.nodes.parse;

import java.util.List;

/**
 * A table constraint of CREATE TABLE: {@code [CONSTRAINT name] PRIMARY KEY (cols)}, ...
 * For FOREIGN KEY, {@code referencedTable} and {@code referencedColumns} (empty when the
 * referenced table's primary key is meant) name the target; both are null for other kinds.
 */
public record TableConstraint(Kind kind, String name, List<String> columns, Expr check, int location,
                              QualifiedName referencedTable, List<String> referencedColumns) {
    public enum Kind { PRIMARY_KEY, UNIQUE, CHECK, FOREIGN_KEY }

    public TableConstraint(Kind kind, String name, List<String> columns, Expr check, int location) {
        this(kind, name, columns, check, location, null, null);
    }
}
