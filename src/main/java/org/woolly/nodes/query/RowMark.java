package org.woolly.nodes.query;

import org.woolly.access.heap.RowLockMode;

/**
 * A relation whose rows a SELECT locks ({@code PlanRowMark}): range entry {@code rangeIndex},
 * whose TID is output column {@code tidColumn} of the query's target list (a junk entry), locked
 * in {@code mode}; {@code nowait} raises 55P03 instead of waiting, {@code skipLocked} drops the
 * row instead.
 */
public record RowMark(int rangeIndex, int tidColumn, String relationName, RowLockMode mode, boolean nowait,
                      boolean skipLocked) {}
