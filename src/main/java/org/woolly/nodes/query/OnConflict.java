package org.woolly.nodes.query;

import java.util.List;

/**
 * An analyzed {@code ON CONFLICT} ({@code OnConflictExpr} in {@code primnodes.h}): the arbiter
 * unique indexes (by OID) a proposed row is checked against, and for DO UPDATE the complete new
 * row and the WHERE condition, both reading the existing row's columns followed by the
 * {@code excluded} (proposed) row's columns. {@code updateRow} is empty and {@code updateWhere}
 * null for DO NOTHING.
 */
public record OnConflict(boolean doUpdate, List<Integer> arbiterIndexes, List<QueryExpr> updateRow,
                         QueryExpr updateWhere) {}
