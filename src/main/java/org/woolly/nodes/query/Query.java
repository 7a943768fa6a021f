package org.woolly.nodes.query;

import java.util.List;

/**
 * An analyzed SELECT, INSERT, UPDATE or DELETE ({@code Query} in {@code parsenodes.h}).
 *
 * <p>Row shapes: {@code where}, {@code groupBy} and aggregate arguments read the scan row (the
 * range entries' columns concatenated in FROM order). When {@link #hasAggregation()}, the
 * target list, {@code having} read the aggregation row instead: the GROUP BY values, then one
 * value per entry of {@code aggregates}. For INSERT the target list is the complete new row in
 * attribute order; for UPDATE it is the complete new row computed from the old one.
 */
public record Query(CommandType command, List<RangeEntry> rangeTable, List<FromNode> from, QueryExpr where,
                    List<TargetEntry> targetList, List<QueryExpr> groupBy, List<QueryExpr.Aggregate> aggregates,
                    QueryExpr having, List<SortKey> sortKeys, boolean distinct, QueryExpr limit, QueryExpr offset,
                    RangeEntry resultRelation, List<TargetEntry> returning, SetOperation setOperation,
                    List<RowMark> rowMarks) {

    public enum CommandType { SELECT, INSERT, UPDATE, DELETE }

    /**
     * UNION [ALL] of branch queries whose visible outputs already have the common column types;
     * the query's own target list then reads the appended branch rows.
     */
    public record SetOperation(boolean all, List<Query> branches) {}

    /** A query without set operation. */
    public Query(CommandType command, List<RangeEntry> rangeTable, List<FromNode> from, QueryExpr where,
                 List<TargetEntry> targetList, List<QueryExpr> groupBy, List<QueryExpr.Aggregate> aggregates,
                 QueryExpr having, List<SortKey> sortKeys, boolean distinct, QueryExpr limit, QueryExpr offset,
                 RangeEntry resultRelation, List<TargetEntry> returning) {
        this(command, rangeTable, from, where, targetList, groupBy, aggregates, having, sortKeys, distinct, limit, offset,
                resultRelation, returning, null, List.of());
    }

    /** A query with a set operation or none, locking no rows. */
    public Query(CommandType command, List<RangeEntry> rangeTable, List<FromNode> from, QueryExpr where,
                 List<TargetEntry> targetList, List<QueryExpr> groupBy, List<QueryExpr.Aggregate> aggregates,
                 QueryExpr having, List<SortKey> sortKeys, boolean distinct, QueryExpr limit, QueryExpr offset,
                 RangeEntry resultRelation, List<TargetEntry> returning, SetOperation setOperation) {
        this(command, rangeTable, from, where, targetList, groupBy, aggregates, having, sortKeys, distinct, limit, offset,
                resultRelation, returning, setOperation, List.of());
    }

    public boolean hasAggregation() {
        return !groupBy.isEmpty() || !aggregates.isEmpty() || having != null;
    }

    /** The visible output columns (target entries that are not junk). */
    public List<TargetEntry> outputColumns() {
        if (command != CommandType.SELECT) {
            return returning == null ? List.of() : returning;
        }
        return targetList.stream().filter(entry -> !entry.junk()).toList();
    }
}
