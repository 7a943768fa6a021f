package org.woolly.nodes.parse;

import java.util.List;

/** A table constraint of CREATE TABLE: {@code [CONSTRAINT name] PRIMARY KEY (cols)}, ... */
public record TableConstraint(Kind kind, String name, List<String> columns, Expr check, int location) {
    public enum Kind { PRIMARY_KEY, UNIQUE, CHECK, FOREIGN_KEY }
}
