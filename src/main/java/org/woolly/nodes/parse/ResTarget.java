package org.woolly.nodes.parse;

/** A select-list or RETURNING entry: an expression with an optional {@code AS name}. */
public record ResTarget(Expr value, String name, int location) {}
