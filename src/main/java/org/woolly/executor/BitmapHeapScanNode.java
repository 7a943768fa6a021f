package org.woolly.executor;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.woolly.access.common.Tid;
import org.woolly.access.heap.HeapTuple;
import org.woolly.access.nbtree.IndexScan;
import org.woolly.access.nbtree.ScanKey;
import org.woolly.catalog.IndexInfo;
import org.woolly.catalog.RelationInfo;
import org.woolly.nodes.plan.Plan;
import org.woolly.utils.adt.ArrayValue;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * Bitmap Heap Scan ({@code nodeBitmapHeapscan.c}) with its bitmap tree: when the scan starts,
 * each Bitmap Index Scan ({@code nodeBitmapIndexscan.c}) puts the TIDs of its matching index
 * entries into a {@link TidBitmap} ({@code = ANY (array)}: one B-tree scan per distinct element),
 * BitmapAnd intersects and BitmapOr unites its children's bitmaps, and the heap is then read
 * page by page in block order. A TID named by several entries or arms is fetched once; a row
 * version the snapshot does not see is skipped, and a visible row is kept when the table's WHERE
 * holds.
 */
final class BitmapHeapScanNode implements ExecNode, ExecNode.Positioned {
    private final ExecutorContext context;
    private final Plan.BitmapHeapScan plan;
    private final RelationInfo relation;
    private final ExpressionCompiler compiler;
    private final ExpressionCompiler.CompiledPredicate qual;
    /** Per plan of the bitmap tree, EXPLAIN ANALYZE's figures; null when not instrumented. */
    private final Map<Plan, Instrumentation> instrumentation;
    private Iterator<Tid> tids;
    private int sinceCheck;
    /** This node's own EXPLAIN ANALYZE figures ({@code Heap Blocks}), or null. */
    Instrumentation own;

    BitmapHeapScanNode(ExecutorContext context, Plan.BitmapHeapScan plan, ExpressionCompiler compiler,
                       Map<Plan, Instrumentation> instrumentation) {
        this.context = context;
        this.plan = plan;
        this.relation = ScanNodes.openRelation(context, plan.entry());
        this.compiler = compiler;
        this.qual = compiler.predicate(plan.qual());
        this.instrumentation = instrumentation;
    }

    @Override
    public void open() {
        TidBitmap bitmap = bitmap(plan.bitmap());
        if (own != null) {
            own.detail(bitmap.isEmpty() ? null : "Heap Blocks: exact=" + bitmap.pageCount());
        }
        tids = bitmap.iterator();
    }

    private TidBitmap bitmap(Plan node) {
        long start = System.nanoTime();
        org.woolly.pgstat.ResourceUsage.Counts usageAtStart = instrumentation == null ? null
                : org.woolly.pgstat.ResourceUsage.current().snapshot();
        TidBitmap bitmap = switch (node) {
            case Plan.BitmapIndexScan scan -> indexScan(scan);
            case Plan.BitmapAnd and -> {
                TidBitmap result = null;
                for (Plan child : and.children()) {
                    TidBitmap next = bitmap(child);
                    if (result == null) {
                        result = next;
                    } else {
                        result.intersect(next);
                    }
                }
                yield result;
            }
            case Plan.BitmapOr or -> {
                TidBitmap result = new TidBitmap();
                for (Plan child : or.children()) {
                    result.union(bitmap(child));
                }
                yield result;
            }
            default -> throw new IllegalStateException("not a bitmap plan: " + node);
        };
        Instrumentation stats = instrumentation == null ? null : instrumentation.computeIfAbsent(node,
                ignored -> new Instrumentation());
        if (stats != null) {
            // a Bitmap Index Scan counts its TIDs as rows; BitmapAnd and BitmapOr show none (InstrStopNode)
            stats.once(System.nanoTime() - start, node instanceof Plan.BitmapIndexScan ? bitmap.tupleCount() : 0,
                    org.woolly.pgstat.ResourceUsage.current().snapshot().minus(usageAtStart));
        }
        return bitmap;
    }

    private TidBitmap indexScan(Plan.BitmapIndexScan plan) {
        IndexInfo index = relation.index(plan.indexOid());
        if (index == null || !index.valid()) {
            throw SqlException.of(SqlState.INTERNAL_ERROR, "index \"%s\" changed after the plan was made",
                    plan.indexName());
        }
        org.woolly.pgstat.TableCounters indexCounts = context.counters().table(index.oid());
        indexCounts.scans++;
        List<ScanKey> keys = new ArrayList<>();
        int arrayKey = -1;
        Set<Object> elements = new LinkedHashSet<>();
        for (Plan.IndexKey key : plan.keys()) {
            Object argument = compiler.compile(key.argument()).evaluate(null);
            if (key.operator().equals("= ANY")) {
                arrayKey = keys.size();
                if (argument instanceof ArrayValue array) {
                    for (Object element : array.elements()) {
                        if (element != null) {
                            elements.add(element);
                        }
                    }
                }
                keys.add(null);
            } else {
                keys.add(new ScanKey(key.keyColumn(), IndexScanNode.strategy(key.operator()), argument));
            }
        }
        TidBitmap bitmap = new TidBitmap();
        if (arrayKey < 0) {
            scanInto(bitmap, index, keys, indexCounts);
            return bitmap;
        }
        int column = plan.keys().get(arrayKey).keyColumn();
        for (Object element : elements) {
            keys.set(arrayKey, new ScanKey(column, ScanKey.Strategy.EQUAL, element));
            scanInto(bitmap, index, keys, indexCounts);
        }
        return bitmap;
    }

    private void scanInto(TidBitmap bitmap, IndexInfo index, List<ScanKey> keys,
                          org.woolly.pgstat.TableCounters indexCounts) {
        // SERIALIZABLE: the index as a whole stands for the key range read, as in IndexScanNode
        context.predicateLockRelation(relation, index.shape().locator(), index.oid());
        try (IndexScan scan = context.indexAccess().beginScan(index.shape(), List.copyOf(keys), false)) {
            for (Tid tid = scan.next(); tid != null; tid = scan.next()) {
                checkInterrupts();
                bitmap.add(tid);
                context.counters().tuplesReturned++;
                indexCounts.tuplesReturned++;
            }
        }
    }

    private void checkInterrupts() {
        if (++sinceCheck >= ScanNodes.INTERRUPT_INTERVAL) {
            sinceCheck = 0;
            context.checkForInterrupts();
        }
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
        while (tids.hasNext()) {
            checkInterrupts();
            HeapTuple tuple = context.heap().fetch(relation.locator(), tids.next(), context.snapshot());
            if (tuple == null) {
                continue;
            }
            context.predicateLockTuple(relation, tuple.tid());
            context.counters().tuplesFetched++;
            // pgstat_count_heap_fetch: a bitmap heap scan's fetches count on the table, not its indexes
            context.counters().table(relation.oid()).tuplesFetched++;
            Object[] row = ScanNodes.decode(context, relation, tuple, plan.entry().withTid());
            if (qual.test(row)) {
                current = tuple.tid();
                return row;
            }
        }
        return null;
    }

    @Override
    public void close() {
        tids = null;
        ScanNodes.reportPruning(context, relation);
    }
}
