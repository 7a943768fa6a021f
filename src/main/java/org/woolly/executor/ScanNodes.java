package org.woolly.executor;

import java.util.List;
import org.woolly.access.common.Tid;
import org.woolly.access.heap.HeapScan;
import org.woolly.access.heap.HeapTuple;
import org.woolly.catalog.RelationInfo;
import org.woolly.nodes.query.RangeEntry;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/** Leaf nodes: heap scan ({@code nodeSeqscan.c}), VALUES ({@code nodeValuesscan.c}), Result. */
final class ScanNodes {
    /** Rows between interrupt checks in loops over many rows. */
    static final int INTERRUPT_INTERVAL = 1024;

    private ScanNodes() {}

    /**
     * The relation of a plan's range entry, opened by OID; its columns must still be those the
     * plan was made for (the plan cache re-plans when they changed).
     */
    static RelationInfo openRelation(ExecutorContext context, RangeEntry entry) {
        RelationInfo relation = context.openRelation(entry.relation().oid());
        if (relation.descriptor().size() != entry.columnNames().size()) {
            throw SqlException.of(SqlState.INTERNAL_ERROR, "relation \"%s\" changed after the plan was made",
                    relation.name());
        }
        return relation;
    }

    static final class SeqScan implements ExecNode, ExecNode.Positioned {
        private final ExecutorContext context;
        private final RangeEntry entry;
        private final ExpressionCompiler.CompiledPredicate qual;
        private final RelationInfo relation;
        /** The columns the plan above reads (null: all); the others stay null in the rows. */
        private final java.util.BitSet needed;
        private HeapScan scan;
        private int sinceCheck;
        /** The table's pending seq_scan / seq_tup_read counts. */
        private org.woolly.pgstat.TableCounters tableCounts;

        /** A Parallel Seq Scan's plan node, the key of its shared block counter; null for a serial scan. */
        private final org.woolly.nodes.plan.Plan parallelPlan;

        SeqScan(ExecutorContext context, RangeEntry entry, ExpressionCompiler.CompiledPredicate qual,
                java.util.BitSet needed, org.woolly.nodes.plan.Plan parallelPlan) {
            this.context = context;
            this.parallelPlan = parallelPlan;
            this.entry = entry;
            this.qual = qual;
            this.needed = needed;
            this.relation = openRelation(context, entry);
        }

        /** A sequence's one row, not yet returned; null for a table. */
        private Object[] sequenceRow;
        /** Whether the scan is on a row (returned one and not yet its end). */
        private boolean onRow;

        @Override
        public Tid currentTid(int mark) {
            return onRow && scan != null ? scan.currentTid() : null;
        }

        @Override
        public void open() {
            if (relation.kind() == 'S') {
                sequenceRow = sequenceRow(context, relation, entry.withTid());
                return;
            }
            context.predicateLockRelation(relation, relation.locator(), relation.oid());
            if (parallelPlan != null) {
                var blocks = context.parallelScans().get(parallelPlan);
                if (blocks == null) {
                    throw new IllegalStateException("a Parallel Seq Scan outside a Gather");
                }
                scan = context.heap().beginParallelScan(relation.locator(), context.snapshot(), blocks);
            } else {
                scan = context.heap().beginScan(relation.locator(), context.snapshot());
            }
            tableCounts = context.counters().table(relation.oid());
            tableCounts.scans++;
        }

        @Override
        public Object[] next() {
            if (relation.kind() == 'S') {
                Object[] row = sequenceRow;
                sequenceRow = null;
                return row != null && qual.test(row) ? row : null;
            }
            while (true) {
                if (++sinceCheck >= INTERRUPT_INTERVAL) {
                    sinceCheck = 0;
                    context.checkForInterrupts();
                }
                Object[] row;
                if (needed == null) {
                    HeapTuple tuple = scan.next();
                    if (tuple == null) {
                        onRow = false;
                        return null;
                    }
                    row = decode(context, relation, tuple, entry.withTid());
                } else {
                    if (!scan.advance()) {
                        onRow = false;
                        return null;
                    }
                    row = relation.decode(scan.bodyData(), scan.bodyStart(), scan.bodyLength(), needed);
                }
                context.counters().tuplesReturned++;
                tableCounts.tuplesReturned++;
                if (qual.test(row)) {
                    onRow = true;
                    return row;
                }
            }
        }

        @Override
        public void close() {
            if (scan != null) {
                scan.close();
                scan = null;
                reportPruning(context, relation);
            }
        }
    }

    /**
     * Adds the dead tuples page pruning removed from the relation to the session's counts
     * ({@code pgstat_update_heap_dead_tuples}, which PostgreSQL calls from
     * {@code heap_page_prune_opt}), so n_dead_tup drops as PostgreSQL's does; called when a
     * scan that may have pruned ends.
     */
    static void reportPruning(ExecutorContext context, RelationInfo relation) {
        long pruned = context.heap().takePrunedTuples(relation.locator());
        if (pruned > 0) {
            context.counters().table(relation.oid()).deadTuplesPruned += pruned;
        }
    }

    /** {@code SELECT * FROM seq}: last_value, log_cnt, is_called as the page holds them now ({@code seq_read}). */
    private static Object[] sequenceRow(ExecutorContext context, RelationInfo relation, boolean withTid) {
        if (withTid) {
            throw SqlException.of(SqlState.WRONG_OBJECT_TYPE, "cannot change sequence \"%s\"", relation.name());
        }
        var state = context.sequenceStorage().read(relation.locator());
        return new Object[] {state.lastValue(), state.logCount(), state.isCalled()};
    }

    /** The tuple's values, plus its TID as the last element when {@code withTid}. */
    static Object[] decode(ExecutorContext context, RelationInfo relation, HeapTuple tuple, boolean withTid) {
        Object[] values = relation.decode(tuple.body());
        if (!withTid) {
            return values;
        }
        Object[] row = new Object[values.length + 1];
        System.arraycopy(values, 0, row, 0, values.length);
        row[values.length] = tuple.tid();
        return row;
    }

    static final class Values implements ExecNode {
        private final List<CompiledExpression[]> rows;
        private int index;

        Values(List<CompiledExpression[]> rows) {
            this.rows = rows;
        }

        @Override
        public void open() {
            index = 0;
        }

        @Override
        public Object[] next() {
            if (index >= rows.size()) {
                return null;
            }
            CompiledExpression[] exprs = rows.get(index++);
            Object[] row = new Object[exprs.length];
            for (int i = 0; i < exprs.length; i++) {
                row[i] = exprs[i].evaluate(null);
            }
            return row;
        }

        @Override
        public void close() {
            index = rows.size();
        }
    }

    /** One empty row. */
    static final class Result implements ExecNode {
        private boolean done;

        @Override
        public void open() {
            done = false;
        }

        @Override
        public Object[] next() {
            if (done) {
                return null;
            }
            done = true;
            return new Object[0];
        }

        @Override
        public void close() {
            done = true;
        }
    }

    /** The rows of each child in turn ({@code nodeAppend.c}). */
    static final class Append implements ExecNode {
        private final List<ExecNode> children;
        private int current;

        Append(List<ExecNode> children) {
            this.children = children;
        }

        @Override
        public void open() {
            current = 0;
            if (!children.isEmpty()) {
                children.getFirst().open();
            }
        }

        @Override
        public Object[] next() {
            while (current < children.size()) {
                Object[] row = children.get(current).next();
                if (row != null) {
                    return row;
                }
                children.get(current).close();
                current++;
                if (current < children.size()) {
                    children.get(current).open();
                }
            }
            return null;
        }

        @Override
        public void close() {
            if (current < children.size()) {
                children.get(current).close();
            }
            current = children.size();
        }
    }
}
