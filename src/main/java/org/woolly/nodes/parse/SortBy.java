package org.woolly.nodes.parse;

/** An ORDER BY item: {@code nullsFirst} is null when not written (then NULLS LAST for ASC). */
public record SortBy(Expr expr, boolean descending, Boolean nullsFirst, int location) {}
