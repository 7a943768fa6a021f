package org.woolly.nodes.query;

import java.util.List;

/**
 * An analyzed SELECT, INSERT, UPDATE, DELETE or MERGE ({@code Query} in {@code parsenodes.h}).
 *
 * <p>Row shapes: {@code where}, {@code groupBy} and aggregate arguments read the scan row (the
 * range entries' columns concatenated in FROM order). When {@link #hasAggregation()}, the
 * target list, {@code having} read the aggregation row instead: the GROUP BY values, then one
 * value per entry of {@code aggregates}. For INSERT the target list is the complete new row in
 * attribute order; for UPDATE it is the complete new row computed from the old one.
 * {@code onConflict} is an INSERT's ON CONFLICT clause (null otherwise).
 */
public record Query(CommandType command, List<RangeEntry> rangeTable, List<FromNode> from, QueryExpr where,
                    List<TargetEntry> targetList, List<QueryExpr> groupBy, List<QueryExpr.Aggregate> aggregates,
                    QueryExpr having, List<SortKey> sortKeys, boolean distinct, QueryExpr limit, QueryExpr offset,
                    RangeEntry resultRelation, List<TargetEntry> returning, SetOperation setOperation,
                    OnConflict onConflict, List<Integer> distinctOn, List<RowMark> rowMarks,
                    GroupingSets groupingSets, List<DataModifyingCte> dataModifyingCtes, MergeClause merge,
                    boolean limitWithTies) {

    public enum CommandType { SELECT, INSERT, UPDATE, DELETE, MERGE }

    /** A query that is no MERGE ({@code merge} is a MERGE's WHEN clauses, null otherwise). */
    public Query(CommandType command, List<RangeEntry> rangeTable, List<FromNode> from, QueryExpr where,
                 List<TargetEntry> targetList, List<QueryExpr> groupBy, List<QueryExpr.Aggregate> aggregates,
                 QueryExpr having, List<SortKey> sortKeys, boolean distinct, QueryExpr limit, QueryExpr offset,
                 RangeEntry resultRelation, List<TargetEntry> returning, SetOperation setOperation,
                 OnConflict onConflict, List<Integer> distinctOn, List<RowMark> rowMarks,
                 GroupingSets groupingSets, List<DataModifyingCte> dataModifyingCtes) {
        this(command, rangeTable, from, where, targetList, groupBy, aggregates, having, sortKeys, distinct, limit, offset,
                resultRelation, returning, setOperation, onConflict, distinctOn, rowMarks, groupingSets,
                dataModifyingCtes, null);
    }

    /** A query whose LIMIT, if any, is a plain count ({@code LIMIT_OPTION_COUNT}). */
    public Query(CommandType command, List<RangeEntry> rangeTable, List<FromNode> from, QueryExpr where,
                 List<TargetEntry> targetList, List<QueryExpr> groupBy, List<QueryExpr.Aggregate> aggregates,
                 QueryExpr having, List<SortKey> sortKeys, boolean distinct, QueryExpr limit, QueryExpr offset,
                 RangeEntry resultRelation, List<TargetEntry> returning, SetOperation setOperation,
                 OnConflict onConflict, List<Integer> distinctOn, List<RowMark> rowMarks,
                 GroupingSets groupingSets, List<DataModifyingCte> dataModifyingCtes, MergeClause merge) {
        this(command, rangeTable, from, where, targetList, groupBy, aggregates, having, sortKeys, distinct, limit, offset,
                resultRelation, returning, setOperation, onConflict, distinctOn, rowMarks, groupingSets,
                dataModifyingCtes, merge, false);
    }

    /**
     * This query with {@code limitWithTies} ({@code LIMIT_OPTION_WITH_TIES}: FETCH FIRST n ROWS WITH
     * TIES also returns the rows that sort equal to the n-th).
     */
    public Query withLimitWithTies(boolean ties) {
        return ties == limitWithTies ? this : new Query(command, rangeTable, from, where, targetList, groupBy,
                aggregates, having, sortKeys, distinct, limit, offset, resultRelation, returning, setOperation,
                onConflict, distinctOn, rowMarks, groupingSets, dataModifyingCtes, merge, ties);
    }

    /** A query without data-modifying WITH queries. */
    public Query(CommandType command, List<RangeEntry> rangeTable, List<FromNode> from, QueryExpr where,
                 List<TargetEntry> targetList, List<QueryExpr> groupBy, List<QueryExpr.Aggregate> aggregates,
                 QueryExpr having, List<SortKey> sortKeys, boolean distinct, QueryExpr limit, QueryExpr offset,
                 RangeEntry resultRelation, List<TargetEntry> returning, SetOperation setOperation,
                 OnConflict onConflict, List<Integer> distinctOn, List<RowMark> rowMarks, GroupingSets groupingSets) {
        this(command, rangeTable, from, where, targetList, groupBy, aggregates, having, sortKeys, distinct, limit, offset,
                resultRelation, returning, setOperation, onConflict, distinctOn, rowMarks, groupingSets, List.of());
    }

    /** This query with the data-modifying WITH queries of its statement, which run before it. */
    public Query withDataModifyingCtes(List<DataModifyingCte> ctes) {
        return new Query(command, rangeTable, from, where, targetList, groupBy, aggregates, having, sortKeys, distinct,
                limit, offset, resultRelation, returning, setOperation, onConflict, distinctOn, rowMarks, groupingSets,
                List.copyOf(ctes), merge, limitWithTies);
    }

    /** A query without grouping sets. */
    public Query(CommandType command, List<RangeEntry> rangeTable, List<FromNode> from, QueryExpr where,
                 List<TargetEntry> targetList, List<QueryExpr> groupBy, List<QueryExpr.Aggregate> aggregates,
                 QueryExpr having, List<SortKey> sortKeys, boolean distinct, QueryExpr limit, QueryExpr offset,
                 RangeEntry resultRelation, List<TargetEntry> returning, SetOperation setOperation,
                 OnConflict onConflict, List<Integer> distinctOn, List<RowMark> rowMarks) {
        this(command, rangeTable, from, where, targetList, groupBy, aggregates, having, sortKeys, distinct, limit, offset,
                resultRelation, returning, setOperation, onConflict, distinctOn, rowMarks, null);
    }

    /**
     * A SELECT with DISTINCT ON ({@code distinctOn}, when not null, lists the target entries
     * DISTINCT ON compares; {@code sortKeys} then start with them, as PostgreSQL's rule requires).
     */
    public Query(CommandType command, List<RangeEntry> rangeTable, List<FromNode> from, QueryExpr where,
                 List<TargetEntry> targetList, List<QueryExpr> groupBy, List<QueryExpr.Aggregate> aggregates,
                 QueryExpr having, List<SortKey> sortKeys, boolean distinct, QueryExpr limit, QueryExpr offset,
                 RangeEntry resultRelation, List<TargetEntry> returning, SetOperation setOperation,
                 List<Integer> distinctOn) {
        this(command, rangeTable, from, where, targetList, groupBy, aggregates, having, sortKeys, distinct, limit, offset,
                resultRelation, returning, setOperation, null, distinctOn, List.of());
    }

    /** A SELECT with DISTINCT ON and row locks ({@code FOR UPDATE/SHARE}: {@code rowMarks}). */
    public Query(CommandType command, List<RangeEntry> rangeTable, List<FromNode> from, QueryExpr where,
                 List<TargetEntry> targetList, List<QueryExpr> groupBy, List<QueryExpr.Aggregate> aggregates,
                 QueryExpr having, List<SortKey> sortKeys, boolean distinct, QueryExpr limit, QueryExpr offset,
                 RangeEntry resultRelation, List<TargetEntry> returning, SetOperation setOperation,
                 List<Integer> distinctOn, List<RowMark> rowMarks) {
        this(command, rangeTable, from, where, targetList, groupBy, aggregates, having, sortKeys, distinct, limit, offset,
                resultRelation, returning, setOperation, null, distinctOn, rowMarks);
    }

    /** An INSERT with ON CONFLICT. */
    public Query(CommandType command, List<RangeEntry> rangeTable, List<FromNode> from, QueryExpr where,
                 List<TargetEntry> targetList, List<QueryExpr> groupBy, List<QueryExpr.Aggregate> aggregates,
                 QueryExpr having, List<SortKey> sortKeys, boolean distinct, QueryExpr limit, QueryExpr offset,
                 RangeEntry resultRelation, List<TargetEntry> returning, SetOperation setOperation,
                 OnConflict onConflict) {
        this(command, rangeTable, from, where, targetList, groupBy, aggregates, having, sortKeys, distinct, limit, offset,
                resultRelation, returning, setOperation, onConflict, null, List.of());
    }

    /**
     * UNION [ALL] of branch queries whose visible outputs already have the common column types;
     * the query's own target list then reads the appended branch rows.
     */
    public record SetOperation(boolean all, List<Query> branches, Kind kind, int workTableParam) {
        /**
         * UNION appends; INTERSECT and EXCEPT compare the first branch with the second;
         * RECURSIVE_UNION ({@code WITH RECURSIVE}) runs its second branch again over the rows the
         * previous run added (the work table in execution parameter {@code workTableParam}).
         */
        public enum Kind { UNION, INTERSECT, EXCEPT, RECURSIVE_UNION }

        public SetOperation(boolean all, List<Query> branches) {
            this(all, branches, Kind.UNION, -1);
        }
    }

    /** A query without ON CONFLICT and DISTINCT ON. */
    public Query(CommandType command, List<RangeEntry> rangeTable, List<FromNode> from, QueryExpr where,
                 List<TargetEntry> targetList, List<QueryExpr> groupBy, List<QueryExpr.Aggregate> aggregates,
                 QueryExpr having, List<SortKey> sortKeys, boolean distinct, QueryExpr limit, QueryExpr offset,
                 RangeEntry resultRelation, List<TargetEntry> returning, SetOperation setOperation) {
        this(command, rangeTable, from, where, targetList, groupBy, aggregates, having, sortKeys, distinct, limit, offset,
                resultRelation, returning, setOperation, null, null, List.of());
    }

    /** A query without set operation. */
    public Query(CommandType command, List<RangeEntry> rangeTable, List<FromNode> from, QueryExpr where,
                 List<TargetEntry> targetList, List<QueryExpr> groupBy, List<QueryExpr.Aggregate> aggregates,
                 QueryExpr having, List<SortKey> sortKeys, boolean distinct, QueryExpr limit, QueryExpr offset,
                 RangeEntry resultRelation, List<TargetEntry> returning) {
        this(command, rangeTable, from, where, targetList, groupBy, aggregates, having, sortKeys, distinct, limit, offset,
                resultRelation, returning, null);
    }

    public boolean hasAggregation() {
        return !groupBy.isEmpty() || !aggregates.isEmpty() || having != null || groupingSets != null;
    }

    /** The width of the aggregation row: GROUP BY values, aggregate results, GROUPING() values. */
    public int aggregationWidth() {
        return groupBy.size() + aggregates.size() + (groupingSets == null ? 0 : groupingSets.groupingCalls().size());
    }

    /** The visible output columns (target entries that are not junk). */
    public List<TargetEntry> outputColumns() {
        if (command != CommandType.SELECT) {
            return returning == null ? List.of() : returning;
        }
        return targetList.stream().filter(entry -> !entry.junk()).toList();
    }
}
