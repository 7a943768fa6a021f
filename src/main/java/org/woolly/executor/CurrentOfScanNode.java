package org.woolly.executor;

import org.woolly.access.common.Tid;
import org.woolly.access.heap.HeapTuple;
import org.woolly.catalog.RelationInfo;
import org.woolly.nodes.plan.Plan;
import org.woolly.nodes.query.QueryExpr;

/**
 * The scan of an UPDATE or DELETE ... {@code WHERE CURRENT OF cursor} ({@code nodeTidscan.c}
 * with a CURRENT OF condition): the cursor's row is looked up when the scan opens, so a cursor
 * that cannot name a row of the table is an error even when the table is empty, and only that
 * row (its newest version, {@code table_tuple_get_latest_tid}) is read, if the snapshot sees it.
 */
final class CurrentOfScanNode implements ExecNode, ExecNode.Positioned {
    private final ExecutorContext context;
    private final Plan.SeqScan plan;
    private final QueryExpr.CurrentOf currentOf;
    private final ExpressionCompiler.CompiledPredicate qual;
    private RelationInfo relation;
    private Object[] pending;
    private Tid current;

    CurrentOfScanNode(ExecutorContext context, Plan.SeqScan plan, QueryExpr.CurrentOf currentOf,
                      ExpressionCompiler.CompiledPredicate qual) {
        this.context = context;
        this.plan = plan;
        this.currentOf = currentOf;
        this.qual = qual;
    }

    /** The CURRENT OF condition of a scan's qual, or null when it has none. */
    static QueryExpr.CurrentOf condition(Plan.SeqScan scan) {
        return scan.qual() instanceof QueryExpr.CurrentOf currentOf ? currentOf : null;
    }

    @Override
    public void open() {
        relation = ScanNodes.openRelation(context, plan.entry());
        pending = null;
        Tid tid = CursorPositions.latest(context, currentOf);
        if (tid == null) {
            return;
        }
        HeapTuple tuple = context.heap().fetch(relation.locator(), tid, context.snapshot());
        if (tuple == null) {
            return;
        }
        context.predicateLockTuple(relation, tuple.tid());
        Object[] row = ScanNodes.decode(context, relation, tuple, plan.entry().withTid());
        if (qual.test(row)) {
            pending = row;
            current = tuple.tid();
        }
    }

    @Override
    public Object[] next() {
        Object[] row = pending;
        pending = null;
        if (row == null) {
            current = null;
        }
        return row;
    }

    @Override
    public Tid currentTid(int mark) {
        return current;
    }

    @Override
    public void close() {
        pending = null;
    }
}
