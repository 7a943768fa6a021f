package org.woolly.nodes.parse;

/** One {@code column = expr} of UPDATE's SET list ({@code value} is {@link Expr.Default} for DEFAULT). */
public record SetClause(String column, Expr value, int location) {}
