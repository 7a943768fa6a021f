package org.woolly.nodes.parse;

/**
 * One {@code column = expr} of UPDATE's SET list ({@code value} is {@link Expr.Default} for DEFAULT);
 * {@code target} is the assigned element or slice ({@code column[i][j]}, an {@link Expr.Subscript}
 * chain over the column) or null when the whole column is assigned.
 */
public record SetClause(String column, Expr value, int location, Expr target) {
    /** The whole column. */
    public SetClause(String column, Expr value, int location) {
        this(column, value, location, null);
    }
}
