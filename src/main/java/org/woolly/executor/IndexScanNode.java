package org.woolly.executor;

import java.util.ArrayList;
import java.util.List;
import org.woolly.access.common.Tid;
import org.woolly.access.heap.HeapTuple;
import org.woolly.access.heap.VisibilityMap;
import org.woolly.access.nbtree.IndexScan;
import org.woolly.access.nbtree.ScanKey;
import org.woolly.catalog.IndexInfo;
import org.woolly.catalog.RelationInfo;
import org.woolly.nodes.plan.Plan;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * Index Scan ({@code nodeIndexscan.c}): the B-tree gives the TIDs of the entries matching the
 * scan keys, each is fetched from the heap with the statement's snapshot (an entry whose row
 * version the snapshot does not see is skipped, so the index needs no visibility information),
 * and the row is kept if the table's WHERE conditions hold. The keys' arguments (constants or
 * parameters) are evaluated when the scan starts.
 *
 * <p>Index Only Scan ({@code nodeIndexonlyscan.c}): when the visibility map marks the entry's
 * heap page all-visible, every snapshot sees the row version the entry points at (a version
 * some snapshot does not see would have cleared the bit before it became visible to anyone
 * else), so the row is made from the entry's values; otherwise the heap is asked as above and
 * the fetch counted ({@code Heap Fetches}). The bit is read for each entry after the entry
 * itself: a writer clears it before it adds its index entry, so having seen the entry the scan
 * sees the clear. Bits remembered from an earlier entry of the same page would miss it.
 */
final class IndexScanNode implements ExecNode, ExecNode.Positioned {
    private final ExecutorContext context;
    private final Plan.IndexScan plan;
    private final RelationInfo relation;
    private final IndexInfo index;
    private final List<CompiledExpression> arguments = new ArrayList<>();
    private final ExpressionCompiler.CompiledPredicate qual;
    private IndexScan scan;
    private int sinceCheck;
    /** The index's pending pg_stat_all_indexes counts (idx_scan, idx_tup_read, idx_tup_fetch). */
    private org.woolly.pgstat.TableCounters indexCounts;
    /** Where each index column goes in the row, for an index-only scan. */
    private final int[] rowPositions;
    private final int rowWidth;
    /** EXPLAIN ANALYZE's figures, or null when not instrumented. */
    Instrumentation instrumentation;

    IndexScanNode(ExecutorContext context, Plan.IndexScan plan, ExpressionCompiler compiler) {
        this.context = context;
        this.plan = plan;
        this.relation = ScanNodes.openRelation(context, plan.entry());
        this.index = relation.index(plan.indexOid());
        if (index == null || !index.valid()) {
            throw SqlException.of(SqlState.INTERNAL_ERROR, "index \"%s\" changed after the plan was made",
                    plan.indexName());
        }
        for (Plan.IndexKey key : plan.keys()) {
            arguments.add(compiler.compile(key.argument()));
        }
        this.qual = compiler.predicate(plan.qual());
        this.rowWidth = relation.attributes().size();
        this.rowPositions = new int[index.columns().size()];
        for (int i = 0; i < rowPositions.length; i++) {
            rowPositions[i] = relation.position(index.columns().get(i));
        }
    }

    @Override
    public void open() {
        List<ScanKey> keys = new ArrayList<>();
        for (int i = 0; i < arguments.size(); i++) {
            Plan.IndexKey key = plan.keys().get(i);
            keys.add(new ScanKey(key.keyColumn(), strategy(key.operator()), arguments.get(i).evaluate(null)));
        }
        // the index as a whole stands for the key range read (PostgreSQL locks the leaf pages)
        context.predicateLockRelation(relation, index.shape().locator(), index.oid());
        scan = context.indexAccess().beginScan(index.shape(), keys, plan.backward());
        indexCounts = context.counters().table(index.oid());
        indexCounts.scans++;
    }

    static ScanKey.Strategy strategy(String operator) {
        return switch (operator) {
            case "<" -> ScanKey.Strategy.LESS;
            case "<=" -> ScanKey.Strategy.LESS_EQUAL;
            case "=" -> ScanKey.Strategy.EQUAL;
            case ">=" -> ScanKey.Strategy.GREATER_EQUAL;
            case ">" -> ScanKey.Strategy.GREATER;
            default -> throw new IllegalStateException("not a btree operator: " + operator);
        };
    }

    /** The TID of the row returned last; null before the first and after the last. */
    private Tid current;

    @Override
    public Tid currentTid(int mark) {
        return current;
    }

    @Override
    public Object[] next() {
        current = null;
        while (true) {
            if (++sinceCheck >= ScanNodes.INTERRUPT_INTERVAL) {
                sinceCheck = 0;
                context.checkForInterrupts();
            }
            Tid tid = scan.next();
            if (tid == null) {
                return null;
            }
            context.counters().tuplesReturned++;
            indexCounts.tuplesReturned++;
            if (plan.indexOnly() && (context.heap().visibilityStatus(relation.locator(), tid.block())
                    & VisibilityMap.ALL_VISIBLE) != 0) {
                context.predicateLockTuple(relation, tid);
                Object[] row = rowFromIndex(scan.values());
                if (qual.test(row)) {
                    current = tid;
                    return row;
                }
                continue;
            }
            if (plan.indexOnly() && instrumentation != null) {
                instrumentation.heapFetch();
            }
            HeapTuple tuple = context.heap().fetch(relation.locator(), tid, context.snapshot());
            if (tuple == null) {
                continue;
            }
            context.predicateLockTuple(relation, tuple.tid());
            context.counters().tuplesFetched++;
            indexCounts.tuplesFetched++;
            Object[] row = ScanNodes.decode(context, relation, tuple, plan.entry().withTid());
            if (qual.test(row)) {
                current = tuple.tid();
                return row;
            }
        }
    }

    private Object[] rowFromIndex(Object[] values) {
        Object[] row = new Object[rowWidth];
        for (int i = 0; i < rowPositions.length; i++) {
            if (rowPositions[i] >= 0) {
                row[rowPositions[i]] = values[i];
            }
        }
        return row;
    }

    @Override
    public void close() {
        if (scan != null) {
            scan.close();
            scan = null;
            ScanNodes.reportPruning(context, relation);
        }
    }
}
