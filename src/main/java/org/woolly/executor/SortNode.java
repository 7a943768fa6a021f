package org.woolly.executor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.woolly.nodes.query.SortKey;

/**
 * In-memory sort ({@code nodeSort.c} with tuplesort's in-memory quicksort, {@link QuickSort}): rows
 * equal on the keys come out in the order PostgreSQL's algorithm leaves them, not necessarily
 * their input order. No work_mem spill yet; see the package documentation.
 */
final class SortNode extends RowNodes.Unary {
    private final ExecutorContext context;
    private final Comparator<Object[]> order;
    private List<Object[]> rows;
    private int index;

    /** Computed keys (a window's PARTITION BY and ORDER BY expressions), by key; null when every key is a column. */
    private final CompiledExpression[] computed;

    SortNode(ExecNode input, ExecutorContext context, List<SortKey> keys) {
        this(input, context, keys, null);
    }

    /**
     * A sort whose keys with a negative {@code targetIndex} are computed by {@code computed} (same
     * index as the key) from each input row, once per row.
     */
    SortNode(ExecNode input, ExecutorContext context, List<SortKey> keys, CompiledExpression[] computed) {
        super(input);
        this.context = context;
        this.computed = computed;
        Comparator<Object[]> combined = null;
        for (int i = 0; i < keys.size(); i++) {
            Comparator<Object[]> one = keyComparator(keys.get(i), computed == null ? keys.get(i).targetIndex() : i);
            combined = combined == null ? one : combined.thenComparing(one);
        }
        this.order = combined;
    }

    /** Orders rows by {@code row[index]} in the key's direction, nulls first or last as the key says. */
    static Comparator<Object[]> keyComparator(SortKey key, int index) {
        Comparator<Object> values = key.descending() ? key.comparator().reversed() : key.comparator();
        boolean nullsFirst = key.nullsFirst();
        return (left, right) -> {
            Object a = left[index];
            Object b = right[index];
            if (a == null || b == null) {
                if (a == b) {
                    return 0;
                }
                return (a == null) == nullsFirst ? -1 : 1;
            }
            return values.compare(a, b);
        };
    }

    /** The rows a Limit above wants (LIMIT + OFFSET, {@code ExecSetTupleBound}), or 0 for all. */
    private long bound;
    /** Where EXPLAIN ANALYZE reads the sort method and memory, or null. */
    Instrumentation instrumentation;

    /** Only the first {@code rows} rows will be read (0: all). */
    void bound(long rows) {
        bound = computed == null ? rows : 0;
    }

    @Override
    public void open() {
        super.open();
        rows = new ArrayList<>();
        BoundedHeap heap = null;
        long seen = 0;
        Object[] row;
        while ((row = input.next()) != null) {
            if (heap != null) {
                heap.add(row);
            } else {
                rows.add(row);
                // tuplesort keeps all rows until there are more than twice the bound
                if (bound > 0 && bound < Integer.MAX_VALUE / 2 && rows.size() > 2 * bound) {
                    heap = new BoundedHeap((int) bound, order);
                    rows.forEach(heap::add);
                    rows = null;
                }
            }
            if ((++seen & (ScanNodes.INTERRUPT_INTERVAL - 1)) == 0) {
                context.checkForInterrupts();
            }
        }
        input.close();
        if (heap != null) {
            rows = heap.sorted();
            index = 0;
            report("top-N heapsort");
            return;
        }
        report("quicksort");
        if (computed != null) {
            sortComputed();
            return;
        }
        // n log n comparisons after the last row arrived: check every INTERRUPT_INTERVAL of them
        int[] comparisons = new int[1];
        QuickSort.sort(rows, (a, b) -> {
            if ((++comparisons[0] & (ScanNodes.INTERRUPT_INTERVAL - 1)) == 0) {
                context.checkForInterrupts();
            }
            return order.compare(a, b);
        });
        index = 0;
    }

    /**
     * What EXPLAIN ANALYZE shows: the method and the memory the kept rows take, estimated as
     * tuplesort counts it (an array of at least 1024 slots of 24 bytes, and each row's values).
     */
    private void report(String method) {
        if (instrumentation == null) {
            return;
        }
        long bytes = Math.max(1024, Integer.highestOneBit(Math.max(rows.size(), 1)) * 2L) * 24;
        for (Object[] kept : rows) {
            bytes += 32 + 8L * kept.length;
        }
        instrumentation.detail("Sort Method: " + method + "  Memory: " + (bytes + 1023) / 1024 + "kB");
    }

    /** Sorts by key values computed once per row, kept beside the row while sorting. */
    private void sortComputed() {
        List<Object[][]> decorated = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            Object[] keyValues = new Object[computed.length];
            for (int i = 0; i < computed.length; i++) {
                keyValues[i] = computed[i].evaluate(row);
            }
            decorated.add(new Object[][] {row, keyValues});
        }
        int[] comparisons = new int[1];
        QuickSort.sort(decorated, (a, b) -> {
            if ((++comparisons[0] & (ScanNodes.INTERRUPT_INTERVAL - 1)) == 0) {
                context.checkForInterrupts();
            }
            return order.compare(a[1], b[1]);
        });
        rows.clear();
        for (Object[][] pair : decorated) {
            rows.add(pair[0]);
        }
        index = 0;
    }

    @Override
    public Object[] next() {
        return index < rows.size() ? rows.get(index++) : null;
    }

    @Override
    public void close() {
        super.close();
        rows = null;
    }
}
