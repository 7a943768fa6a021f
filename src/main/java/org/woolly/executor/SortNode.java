package org.woolly.executor;

import java.util.Comparator;
import java.util.List;
import org.woolly.nodes.query.SortKey;
import org.woolly.utils.adt.BuiltinTypes;
import org.woolly.utils.adt.TypeOids;

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
        int[] indexes = new int[keys.size()];
        for (int i = 0; i < keys.size(); i++) {
            indexes[i] = computed == null ? keys.get(i).targetIndex() : i;
        }
        this.order = new RowOrder(keys.toArray(SortKey[]::new), indexes);
    }

    /** The order of the built-in integer types (and of every type whose values compare as Java's own). */
    private static final Comparator<Object> NATURAL_ORDER = BuiltinTypes.comparator(TypeOids.INT4);

    /**
     * Orders rows by their keys in turn, in one loop rather than a chain of comparators, with
     * int4 and int8 keys compared as primitives (the role of PostgreSQL's sortsupport
     * comparators, {@code ssup_datum_int32_cmp}): a big sort makes tens of millions of comparisons.
     */
    private static final class RowOrder implements Comparator<Object[]> {
        private final SortKey[] keys;
        private final int[] indexes;
        /** Per key: whether its order is Java's natural one, so Integer and Long values compare directly. */
        private final boolean[] natural;

        RowOrder(SortKey[] keys, int[] indexes) {
            this.keys = keys;
            this.indexes = indexes;
            this.natural = new boolean[keys.length];
            for (int k = 0; k < keys.length; k++) {
                natural[k] = keys[k].comparator() == NATURAL_ORDER;
            }
        }

        @Override
        public int compare(Object[] left, Object[] right) {
            for (int k = 0; k < indexes.length; k++) {
                Object a = left[indexes[k]];
                Object b = right[indexes[k]];
                if (a == null || b == null) {
                    if (a == b) {
                        continue;
                    }
                    return (a == null) == keys[k].nullsFirst() ? -1 : 1;
                }
                int compared;
                if (natural[k] && a instanceof Integer x && b instanceof Integer y) {
                    compared = Integer.compare(x, y);
                } else if (natural[k] && a instanceof Long x && b instanceof Long y) {
                    compared = Long.compare(x, y);
                } else {
                    compared = keys[k].comparator().compare(a, b);
                }
                if (compared != 0) {
                    return keys[k].descending() ? (compared > 0 ? -1 : 1) : compared;
                }
            }
            return 0;
        }
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
