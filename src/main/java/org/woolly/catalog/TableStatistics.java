package org.woolly.catalog;

import java.util.List;
import java.util.Map;

/**
 * What the planner knows of a relation from ANALYZE: {@code pg_class.relpages} and
 * {@code reltuples} (-1: never analyzed) and the {@code pg_statistic} rows of its columns by
 * attribute number ({@code RelOptInfo}'s inputs, {@code plancat.c}).
 */
public record TableStatistics(int relpages, double reltuples, Map<Integer, Column> columns, int relallvisible) {

    /** Statistics without visibility map information ({@code relallvisible} 0). */
    public TableStatistics(int relpages, double reltuples, Map<Integer, Column> columns) {
        this(relpages, reltuples, columns, 0);
    }

    /**
     * The fraction of the table's pages marked all-visible ({@code RelOptInfo.allvisfrac}):
     * {@code relallvisible / relpages}, at most 1.
     */
    public double allVisibleFraction() {
        return relpages <= 0 ? 0 : Math.min(1.0, (double) relallvisible / relpages);
    }

    /** One pg_statistic row: {@code stanullfrac}, {@code stawidth}, {@code stadistinct} and its slots. */
    public record Column(int attnum, double nullFraction, int width, double distinct, List<Slot> slots) {
        /** The slot of that kind ({@code get_attstatsslot}), or null. */
        public Slot slot(int kind) {
            for (Slot slot : slots) {
                if (slot.kind() == kind) {
                    return slot;
                }
            }
            return null;
        }
    }

    /**
     * One statistics slot: {@code stakindN}, {@code staopN}, {@code stanumbersN} and
     * {@code stavaluesN} (element texts; the planner reads them with the column type's input).
     */
    public record Slot(int kind, int operator, double[] numbers, List<String> values) {}

    /** {@code STATISTIC_KIND_MCV}: most common values and their frequencies. */
    public static final int KIND_MCV = 1;
    /** {@code STATISTIC_KIND_HISTOGRAM}: equi-depth histogram bounds of the non-MCV values. */
    public static final int KIND_HISTOGRAM = 2;
    /** {@code STATISTIC_KIND_CORRELATION}: physical versus logical order. */
    public static final int KIND_CORRELATION = 3;
}
