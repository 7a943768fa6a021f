package org.woolly.nodes.query;

import java.util.Comparator;

/** One ORDER BY key ({@code SortGroupClause}): which target entry, direction, null placement, and order. */
public record SortKey(int targetIndex, boolean descending, boolean nullsFirst, Comparator<Object> comparator) {}
