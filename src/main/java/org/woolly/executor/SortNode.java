package org.woolly.executor;

import java.util.Comparator;
import java.util.List;
import org.woolly.nodes.query.SortKey;

/**
 * Sort ({@code nodeSort.c}) through {@link ExternalSort}: quicksort in memory ({@link QuickSort},
 * so rows equal on the keys come out in the order PostgreSQL's algorithm leaves them), a bounded
 * heap under a LIMIT, or sorted runs merged from a temporary file beyond {@code work_mem}.
 */
final class SortNode extends RowNodes.Unary {
    private final ExecutorContext context;
    private final Comparator<Object[]> order;
    private ExternalSort sort;

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
        if (sort != null) {
            sort.close(); // opened again (a rescan): the last run's file goes now, not at the statement's end
        }
        sort = new ExternalSort(context, order, context.workMemBytes(), bound);
        Object[] row;
        while ((row = input.next()) != null) {
            sort.put(computed == null ? row : withKeys(row));
        }
        input.close();
        sort.sort();
        if (instrumentation != null) {
            instrumentation.detail(sort.report());
        }
    }

    /** The row behind its computed key values, which the order reads at the keys' positions. */
    private Object[] withKeys(Object[] row) {
        Object[] decorated = new Object[computed.length + row.length];
        for (int i = 0; i < computed.length; i++) {
            decorated[i] = computed[i].evaluate(row);
        }
        System.arraycopy(row, 0, decorated, computed.length, row.length);
        return decorated;
    }

    @Override
    public Object[] next() {
        Object[] row = sort.next();
        if (row == null || computed == null) {
            return row;
        }
        return java.util.Arrays.copyOfRange(row, computed.length, row.length);
    }

    @Override
    public void close() {
        super.close();
        if (sort != null) {
            sort.close();
            sort = null;
        }
    }
}
