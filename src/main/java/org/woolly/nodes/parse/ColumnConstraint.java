package org.woolly.nodes.parse;

/** A constraint written on a column: {@code NOT NULL}, {@code NULL}, {@code DEFAULT e}, ... */
public record ColumnConstraint(Kind kind, String name, Expr expr, int location) {
    public enum Kind { NOT_NULL, NULL, DEFAULT, PRIMARY_KEY, UNIQUE, CHECK, REFERENCES, GENERATED_IDENTITY }
}
