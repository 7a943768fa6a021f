package org.woolly.nodes.plan;

import java.util.List;
import org.woolly.nodes.parse.FromItem;
import org.woolly.nodes.query.Query;
import org.woolly.nodes.query.QueryExpr;
import org.woolly.nodes.query.RangeEntry;
import org.woolly.nodes.query.SortKey;
import org.woolly.nodes.query.TargetEntry;

/** A plan node ({@code Plan} and its subtypes in {@code plannodes.h}). */
public sealed interface Plan {

    Cost cost();

    /** Estimated costs in PostgreSQL's units (a sequential page fetch is 1.0), rows and average width. */
    record Cost(double startup, double total, double rows, int width) {}

    /**
     * Sequential scan of a table; emits its columns (and the TID last when the entry asks for it).
     * A {@code parallel} one ({@code Parallel Seq Scan}) runs below a Gather in every participant,
     * each reading the blocks it claims from a shared counter: together they read the table once.
     */
    record SeqScan(RangeEntry entry, QueryExpr qual, Cost cost, boolean parallel) implements Plan {
        /** A scan of the whole table by one process. */
        public SeqScan(RangeEntry entry, QueryExpr qual, Cost cost) {
            this(entry, qual, cost, false);
        }
    }

    /**
     * Gather ({@code nodeGather.c}): runs {@code input} (a partial plan: its scans are parallel) in
     * {@code workers} parallel workers and in the leader, and returns the rows of all of them in
     * the order they arrive.
     */
    record Gather(Plan input, int workers, Cost cost) implements Plan {}

    /**
     * How an aggregation is split over parallel workers ({@code AggSplit}): {@code SIMPLE} runs
     * it whole; {@code PARTIAL} (below a Gather) emits each group's transition states instead of
     * results; {@code FINALIZE} (above it) combines the states of each group's partial rows and
     * applies the final functions.
     */
    enum AggregateSplit { SIMPLE, PARTIAL, FINALIZE }

    /**
     * B-tree index scan ({@code nodeIndexscan.c}): the entries matching {@code keys}, each row
     * fetched from the heap by TID and kept if the snapshot sees it and {@code qual} (the whole
     * WHERE of the table, index conditions included, so rows are rechecked) holds.
     * {@code indexCondition} is what EXPLAIN shows as {@code Index Cond}; {@code backward} reads
     * the entries from the last (descending order). With {@code indexOnly} ({@code nodeIndexonlyscan.c},
     * {@code Index Only Scan}) every column the query reads is in the index: an entry whose heap
     * page the visibility map marks all-visible gives its row from the index's values alone (the
     * other columns null), only the others are fetched from the heap.
     */
    record IndexScan(RangeEntry entry, int indexOid, String indexName, List<IndexKey> keys,
                     QueryExpr indexCondition, QueryExpr qual, QueryExpr filter, Cost cost, boolean backward,
                     boolean indexOnly)
            implements Plan {
        /** A scan in the index's order. */
        public IndexScan(RangeEntry entry, int indexOid, String indexName, List<IndexKey> keys,
                         QueryExpr indexCondition, QueryExpr qual, QueryExpr filter, Cost cost) {
            this(entry, indexOid, indexName, keys, indexCondition, qual, filter, cost, false, false);
        }

        /** A scan that fetches every row from the heap. */
        public IndexScan(RangeEntry entry, int indexOid, String indexName, List<IndexKey> keys,
                         QueryExpr indexCondition, QueryExpr qual, QueryExpr filter, Cost cost, boolean backward) {
            this(entry, indexOid, indexName, keys, indexCondition, qual, filter, cost, backward, false);
        }

        /** The same scan reading the index from its end ({@code Index Scan Backward}). */
        public IndexScan reversed() {
            return new IndexScan(entry, indexOid, indexName, keys, indexCondition, qual, filter, cost, !backward,
                    indexOnly);
        }
    }

    /**
     * One index condition: {@code key column operator argument}, the operator one of
     * {@code = < <= > >=} with the column on the left, the argument a constant or parameter.
     */
    record IndexKey(int keyColumn, String operator, QueryExpr argument) {}

    /**
     * Bitmap Heap Scan ({@code nodeBitmapHeapscan.c}): the TIDs the {@code bitmap} tree
     * (Bitmap Index Scans combined by BitmapAnd / BitmapOr) gathers, fetched from the heap page by
     * page in block order; a row is kept if the snapshot sees it and {@code qual} (the table's whole
     * WHERE) holds. EXPLAIN shows {@code recheckCondition} as {@code Recheck Cond} and
     * {@code filter} (the conditions no index applied) as {@code Filter}.
     */
    record BitmapHeapScan(RangeEntry entry, Plan bitmap, QueryExpr recheckCondition, QueryExpr qual,
                          QueryExpr filter, Cost cost) implements Plan {}

    /**
     * Bitmap Index Scan ({@code nodeBitmapIndexscan.c}): the TIDs of the index entries matching
     * {@code keys}, into a bitmap; only below a Bitmap Heap Scan. A key whose operator is
     * {@code = ANY} has an array argument: the entries equal to any of its elements.
     */
    record BitmapIndexScan(RangeEntry entry, int indexOid, String indexName, List<IndexKey> keys,
                           QueryExpr indexCondition, Cost cost) implements Plan {}

    /** The TIDs every child bitmap has ({@code BitmapAnd}). */
    record BitmapAnd(List<Plan> children, Cost cost) implements Plan {}

    /** The TIDs any child bitmap has ({@code BitmapOr}). */
    record BitmapOr(List<Plan> children, Cost cost) implements Plan {}

    /** One row per VALUES list. */
    record ValuesScan(List<List<QueryExpr>> rows, Cost cost) implements Plan {}

    /**
     * A function in FROM ({@code FunctionScan}): a row per value of a set-returning function, one
     * row for any other call; the entry's columns, the row number last WITH ORDINALITY.
     */
    record FunctionScan(RangeEntry entry, Cost cost) implements Plan {}

    /**
     * Set-returning functions in the select list ({@code ProjectSet}): per input row the
     * {@code calls} run in lockstep until all are exhausted, the shorter ones giving NULL; each
     * step makes the row {@code [value of call 0, ..., input row...]} on which {@code exprs}
     * compute the output.
     */
    record ProjectSet(Plan input, List<QueryExpr> calls, List<QueryExpr> exprs, Cost cost) implements Plan {}

    /** One empty row: SELECT without FROM ({@code Result} without an outer plan). */
    record Result(Cost cost) implements Plan {}

    /** Runs a subquery's plan; its rows are the subquery's visible output columns. */
    record SubqueryScan(Plan subplan, Cost cost) implements Plan {}

    /** Nested loop; the joined row is outer columns then inner columns. */
    record NestedLoop(FromItem.JoinType type, Plan outer, Plan inner, QueryExpr joinQual, int outerWidth,
                      int innerWidth, Cost cost) implements Plan {}

    /**
     * A nested loop whose inner side is a LATERAL subquery or function: for each outer row the
     * {@code params} are set from it (their values read the outer row) and the inner plan runs
     * again ({@code NestLoop} with {@code nestParams}). INNER, CROSS or LEFT only.
     */
    record LateralLoop(FromItem.JoinType type, Plan outer, Plan inner, QueryExpr joinQual,
                       List<org.woolly.nodes.query.ParamBinding> params, int outerWidth, int innerWidth, Cost cost)
            implements Plan {}

    /** Hash join on equality keys (outer key i = inner key i), plus remaining quals on the joined row. */
    record HashJoin(FromItem.JoinType type, Plan outer, Plan inner, List<QueryExpr> outerKeys, List<QueryExpr> innerKeys,
                    QueryExpr joinQual, int outerWidth, int innerWidth, Cost cost) implements Plan {}

    /**
     * Merge join ({@code nodeMergejoin.c}) of two inputs sorted ascending, nulls last, on
     * equality keys (outer key i = inner key i, compared by {@code comparators}), plus remaining
     * quals on the joined row; every join type.
     */
    record MergeJoin(FromItem.JoinType type, Plan outer, Plan inner, List<QueryExpr> outerKeys,
                     List<QueryExpr> innerKeys, List<java.util.Comparator<Object>> comparators, QueryExpr joinQual,
                     int outerWidth, int innerWidth, Cost cost) implements Plan {}

    /**
     * The input's rows kept as they are first read, so that a rescan replays them without
     * running the input again ({@code Material}): the inner side of a nested loop.
     */
    record Material(Plan input, Cost cost) implements Plan {}

    /** Rows of the input for which {@code qual} is true. */
    record Filter(Plan input, QueryExpr qual, Cost cost) implements Plan {}

    /** Computes one output row per input row. */
    record Project(Plan input, List<QueryExpr> exprs, Cost cost) implements Plan {}

    /**
     * Aggregation: {@code hashed} groups by hashing the GROUP BY values; otherwise one group over
     * all rows. Emits group values then aggregate results; {@code having} filters those rows.
     * With {@code groupingSets} (null otherwise) each set is grouped on its own, rows of the
     * empty set first, and each row also carries the query's GROUPING() values after the aggregates.
     */
    record Aggregate(boolean hashed, Plan input, List<QueryExpr> groupBy, List<QueryExpr.Aggregate> aggregates,
                     QueryExpr having, Cost cost, org.woolly.nodes.query.GroupingSets groupingSets,
                     AggregateSplit split) implements Plan {
        public Aggregate(boolean hashed, Plan input, List<QueryExpr> groupBy, List<QueryExpr.Aggregate> aggregates,
                         QueryExpr having, Cost cost) {
            this(hashed, input, groupBy, aggregates, having, cost, null);
        }

        public Aggregate(boolean hashed, Plan input, List<QueryExpr> groupBy, List<QueryExpr.Aggregate> aggregates,
                         QueryExpr having, Cost cost, org.woolly.nodes.query.GroupingSets groupingSets) {
            this(hashed, input, groupBy, aggregates, having, cost, groupingSets, AggregateSplit.SIMPLE);
        }
    }

    /** Removes duplicate rows over the first {@code columns} columns (hashing). */
    record Distinct(Plan input, int columns, List<Integer> types, Cost cost) implements Plan {}

    /**
     * Sorts by {@code keys}; {@code keyExprs} are what EXPLAIN shows. A key with a negative
     * {@code targetIndex} is computed by its {@code keyExprs} entry from the input row (window sorts).
     */
    record Sort(Plan input, List<SortKey> keys, List<QueryExpr> keyExprs, Cost cost) implements Plan {}

    /**
     * Passes on {@code limit} rows after skipping {@code offset}; with {@code ties} (FETCH FIRST ...
     * WITH TIES, the ORDER BY keys over the input row) also the rows that equal the last one on them.
     */
    record Limit(Plan input, QueryExpr limit, QueryExpr offset, Cost cost, List<SortKey> ties) implements Plan {
        public Limit(Plan input, QueryExpr limit, QueryExpr offset, Cost cost) {
            this(input, limit, offset, cost, null);
        }
    }

    /**
     * Locks the row of each marked relation behind every input row, dropping rows that are gone
     * or skipped ({@code LockRows}; below Limit, so skipped rows do not count). {@code relations}
     * are the marks' range entries. With one relation and no join, {@code recheck} (over the scan
     * row) and {@code projection} (scan row to target-list row) re-evaluate a row a concurrent
     * update replaced, under READ COMMITTED ({@code EvalPlanQual}); null otherwise.
     */
    record LockRows(Plan input, List<org.woolly.nodes.query.RowMark> rowMarks,
                    List<org.woolly.nodes.query.RangeEntry> relations, QueryExpr recheck, List<QueryExpr> projection,
                    Cost cost) implements Plan {}

    /**
     * INSERT, UPDATE or DELETE of the rows the input produces. For INSERT the input rows are the
     * new rows; for UPDATE/DELETE they are the old rows with the TID last, {@code newRow} computes
     * the new row from an old one and {@code recheck} is the WHERE re-evaluated on a newer version.
     */
    record ModifyTable(Query.CommandType command, RangeEntry target, Plan input, List<QueryExpr> newRow,
                       QueryExpr recheck, List<TargetEntry> returning, Cost cost,
                       org.woolly.nodes.query.OnConflict onConflict, org.woolly.nodes.query.MergeClause merge)
            implements Plan {

        /** Not a MERGE ({@code merge} holds a MERGE's WHEN clauses over the input's join rows). */
        public ModifyTable(Query.CommandType command, RangeEntry target, Plan input, List<QueryExpr> newRow,
                           QueryExpr recheck, List<TargetEntry> returning, Cost cost,
                           org.woolly.nodes.query.OnConflict onConflict) {
            this(command, target, input, newRow, recheck, returning, cost, onConflict, null);
        }

        /** Without ON CONFLICT. */
        public ModifyTable(Query.CommandType command, RangeEntry target, Plan input, List<QueryExpr> newRow,
                           QueryExpr recheck, List<TargetEntry> returning, Cost cost) {
            this(command, target, input, newRow, recheck, returning, cost, null);
        }
    }

    /**
     * A plan whose expressions use subqueries: an uncorrelated subplan (InitPlan) runs at most
     * once, when first needed; a correlated one ({@code correlated.get(i)}, a SubPlan) runs again
     * for each row of the plan that evaluates it.
     */
    record InitPlans(Plan root, List<Plan> subplans, List<Boolean> correlated, Cost cost) implements Plan {}

    /**
     * Data-modifying WITH queries ({@code ModifyTable} under a CTE): each of {@code ctes} runs to
     * completion, its RETURNING rows stored in execution parameter {@code params.get(i)}, before
     * {@code root} starts.
     */
    record DataModifyingCtes(Plan root, List<String> names, List<Integer> params, List<Plan> ctes, Cost cost)
            implements Plan {}

    /**
     * The rows of a WITH query ({@code CteScan}). When its definition is shared, every scan of
     * it holds the same {@code subplan}, run once for all of them and shown once, where a
     * {@link CtePlans} lists it; otherwise the scan runs a copy of its own, shown under it.
     */
    record CteScan(RangeEntry entry, Plan subplan, Cost cost) implements Plan {}

    /**
     * The shared CTEs of a query level ({@code SS_process_ctes}' initplans): {@code plans} are
     * the plans their scans in {@code root} read, shown as {@code CTE name} at the top of the
     * level's plan, numbered before its InitPlans and SubPlans as PostgreSQL numbers them.
     */
    record CtePlans(Plan root, List<org.woolly.nodes.query.CteDefinition> definitions, List<Plan> plans, Cost cost)
            implements Plan {}

    /**
     * WITH RECURSIVE ({@code RecursiveUnion}): the rows of {@code nonRecursive}, then of
     * {@code recursive} run again and again over the rows the previous run added (the work table
     * in execution parameter {@code workTableParam}) until a run adds none; without {@code all}
     * duplicate rows (over {@code types}) are dropped.
     */
    record RecursiveUnion(Plan nonRecursive, Plan recursive, int workTableParam, boolean all, List<Integer> types,
                          Cost cost) implements Plan {}

    /** The rows of the enclosing recursive union's previous iteration ({@code WorkTableScan}). */
    record WorkTableScan(RangeEntry entry, int workTableParam, Cost cost) implements Plan {}

    /**
     * INTERSECT / EXCEPT [ALL] ({@code HashSetOp}): the rows of {@code left} that (do not) occur
     * in {@code right}, compared over {@code types}; with ALL as many times as the counts allow.
     */
    record SetOp(Query.SetOperation.Kind kind, boolean all, Plan left, Plan right, List<Integer> types, Cost cost)
            implements Plan {}

    /**
     * A correlated EXISTS whose correlation is only equalities {@code inner column = outer
     * column}: {@code subplan} runs once without them and yields the inner columns; the test is
     * then whether the outer values ({@code keyParams} in order, of {@code keyTypes}) are among
     * its rows (a hashed semi join; null never matches).
     */
    record HashedSubPlan(Plan subplan, int[] keyParams, List<Integer> keyTypes, Cost cost) implements Plan {}

    /** The rows of each child in turn (UNION ALL). */
    record Append(List<Plan> children, Cost cost) implements Plan {}

    /**
     * Window functions ({@code WindowAgg}) over input sorted by the window's partitioning, then
     * its ordering: each input row followed by the value of each call over the row's partition
     * and frame.
     */
    record WindowAgg(Plan input, org.woolly.nodes.query.WindowClause window, List<QueryExpr.WindowFunc> calls,
                     Cost cost) implements Plan {}

    /**
     * The first row of each run of rows equal on the {@code columns} (positions, with their
     * {@code types}) of sorted input ({@code Unique}, as DISTINCT ON runs it).
     */
    record Unique(Plan input, List<Integer> columns, List<Integer> types, Cost cost) implements Plan {}
}
