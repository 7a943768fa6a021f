package org.woolly.nodes.query;

/**
 * An output column ({@code TargetEntry}): its expression, name, and where it comes from when it is
 * a plain table column (for RowDescription). {@code junk} entries exist only for sorting.
 */
public record TargetEntry(QueryExpr expr, String name, int tableOid, short columnNumber, boolean junk) {}
