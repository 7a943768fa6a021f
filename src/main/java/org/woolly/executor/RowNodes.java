package org.woolly.executor;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Per-row nodes: qual filter, projection, limit/offset ({@code nodeResult.c}, {@code nodeLimit.c}), DISTINCT. */
final class RowNodes {

    private RowNodes() {}

    /** Base for nodes with one input. */
    abstract static class Unary implements ExecNode {
        final ExecNode input;

        Unary(ExecNode input) {
            this.input = input;
        }

        @Override
        public void open() {
            input.open();
        }

        @Override
        public void close() {
            input.close();
        }
    }

    static final class Filter extends Unary {
        private final ExpressionCompiler.CompiledPredicate qual;

        Filter(ExecNode input, ExpressionCompiler.CompiledPredicate qual) {
            super(input);
            this.qual = qual;
        }

        @Override
        public Object[] next() {
            Object[] row;
            while ((row = input.next()) != null) {
                if (qual.test(row)) {
                    return row;
                }
            }
            return null;
        }
    }

    static final class Project extends Unary {
        private final CompiledExpression[] exprs;

        Project(ExecNode input, CompiledExpression[] exprs) {
            super(input);
            this.exprs = exprs;
        }

        @Override
        public Object[] next() {
            Object[] row = input.next();
            if (row == null) {
                return null;
            }
            Object[] result = new Object[exprs.length];
            for (int i = 0; i < exprs.length; i++) {
                result[i] = exprs[i].evaluate(row);
            }
            return result;
        }
    }

    static final class Limit extends Unary {
        private final ExecutorContext context;
        private final CompiledExpression limit;
        private final CompiledExpression offset;
        private long remaining;
        private long skip;

        /** A sort directly below that needs to keep only the rows this limit passes on, or null. */
        private final SortNode sort;
        /** WITH TIES: the ORDER BY keys on which a row past the count must equal the last one passed on, or null. */
        private final List<org.woolly.nodes.query.SortKey> ties;
        private Object[] last;

        Limit(ExecNode input, ExecutorContext context, CompiledExpression limit, CompiledExpression offset,
              SortNode sort, List<org.woolly.nodes.query.SortKey> ties) {
            super(input);
            this.context = context;
            this.limit = limit;
            this.offset = offset;
            this.sort = sort;
            this.ties = ties;
        }

        /** Whether two rows are peers on the ORDER BY keys, NULLs equal to each other ({@code execTuplesMatch}). */
        private boolean peers(Object[] left, Object[] right) {
            for (org.woolly.nodes.query.SortKey key : ties) {
                Object a = left[key.targetIndex()];
                Object b = right[key.targetIndex()];
                if (a == null || b == null ? a != b : key.comparator().compare(a, b) != 0) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public void open() {
            Object limitValue = limit == null ? null : limit.evaluate(null);
            Object offsetValue = offset == null ? null : offset.evaluate(null);
            remaining = limitValue == null ? Long.MAX_VALUE : ((Number) limitValue).longValue();
            last = null;
            skip = offsetValue == null ? 0 : ((Number) offsetValue).longValue();
            if (remaining < 0) {
                throw org.woolly.utils.error.SqlException.of(org.woolly.utils.error.SqlState.INVALID_ROW_COUNT_IN_LIMIT_CLAUSE,
                        "LIMIT must not be negative");
            }
            if (skip < 0) {
                throw org.woolly.utils.error.SqlException.of(
                        org.woolly.utils.error.SqlState.INVALID_ROW_COUNT_IN_RESULT_OFFSET_CLAUSE, "OFFSET must not be negative");
            }
            if (remaining > 0) {
                // with ties the rows past the count are not known in advance: the sort keeps them all (compute_tuples_needed)
                if (sort != null && ties == null) {
                    sort.bound(limitValue == null || remaining > Long.MAX_VALUE - skip ? 0 : remaining + skip);
                }
                super.open();
            }
        }

        @Override
        public Object[] next() {
            if (remaining <= 0) {
                if (ties == null || last == null) {
                    return null;
                }
                Object[] row = input.next();
                if (row == null || !peers(last, row)) {
                    last = null;
                    return null;
                }
                return row;
            }
            while (skip > 0) {
                if (input.next() == null) {
                    remaining = 0;
                    return null;
                }
                skip--;
                if ((skip & (ScanNodes.INTERRUPT_INTERVAL - 1)) == 0) {
                    context.checkForInterrupts();
                }
            }
            Object[] row = input.next();
            if (row == null) {
                remaining = 0;
                return null;
            }
            remaining--;
            if (remaining == 0 && ties != null) {
                last = row.clone();
            }
            return row;
        }
    }

    /** Hash-based duplicate removal over the first {@code columns} values. */
    static final class Distinct extends Unary {
        private final ExecutorContext context;
        private final int columns;
        private final int[] types;
        private Set<List<Object>> seen;

        Distinct(ExecNode input, ExecutorContext context, int columns, int[] types) {
            super(input);
            this.context = context;
            this.columns = columns;
            this.types = types;
        }

        /** Rows of keys not in {@code seen} once it filled hash_mem, and the partitions waiting after them. */
        private HashSpill spill;
        private final java.util.ArrayDeque<HashSpill.Batch> pending = new java.util.ArrayDeque<>();
        private final SpillFormat format = new SpillFormat();
        private java.util.function.Supplier<Object[]> source;
        private HashSpill.Batch reading;
        private long memory;
        private long hashMem;
        private int depth;

        @Override
        public void open() {
            seen = new HashSet<>();
            memory = 0;
            depth = 0;
            hashMem = context.hashMemBytes();
            super.open();
            source = input::next;
        }

        /**
         * The first row of each key, as a hashed DISTINCT (a HashAggregate without aggregates, so
         * it spills as nodeAgg.c does): once the seen keys fill hash_mem, rows of unseen keys go to
         * partitions, each deduplicated on its own after the input.
         */
        @Override
        public Object[] next() {
            while (true) {
                Object[] row;
                while ((row = source.get()) != null) {
                    List<Object> key = key(context, row, columns, types);
                    if (seen.contains(key)) {
                        continue;
                    }
                    if (spill == null && (memory <= hashMem || context.temporaryFiles() == null)) {
                        seen.add(key);
                        memory += 48 + SpillFormat.memory(key.toArray());
                        return row;
                    }
                    if (spill == null) {
                        spill = new HashSpill(context, format, depth, hashMem);
                    }
                    spill.add(key.hashCode(), row);
                }
                if (reading != null) {
                    reading.close();
                    reading = null;
                }
                if (spill != null) {
                    pending.addAll(spill.batches());
                    spill = null;
                }
                reading = pending.poll();
                if (reading == null) {
                    return null;
                }
                seen = new HashSet<>();
                memory = 0;
                depth = reading.depth;
                source = reading.reader(format);
            }
        }

        @Override
        public void close() {
            super.close();
            if (reading != null) {
                reading.close();
                reading = null;
            }
            if (spill != null) {
                spill.batches().forEach(HashSpill.Batch::close);
                spill = null;
            }
            HashSpill.Batch batch;
            while ((batch = pending.poll()) != null) {
                batch.close();
            }
        }
    }

    /** DISTINCT ON over sorted input ({@code nodeUnique.c}): the first row of each run equal on the columns. */
    static final class Unique extends Unary {
        private final ExecutorContext context;
        private final int[] columns;
        private final int[] types;
        private List<Object> previous;

        Unique(ExecNode input, ExecutorContext context, int[] columns, int[] types) {
            super(input);
            this.context = context;
            this.columns = columns;
            this.types = types;
        }

        @Override
        public void open() {
            super.open();
            previous = null;
        }

        @Override
        public Object[] next() {
            Object[] row;
            while ((row = input.next()) != null) {
                Object[] values = new Object[columns.length];
                for (int i = 0; i < columns.length; i++) {
                    values[i] = row[columns[i]];
                }
                List<Object> key = key(context, values, values.length, types);
                if (!key.equals(previous)) {
                    previous = key;
                    return row;
                }
            }
            return null;
        }
    }

    /** A hashable key of the first values of a row, equal where the types' equality says so. */
    static List<Object> key(ExecutorContext context, Object[] row, int columns, int[] types) {
        List<Object> key = new ArrayList<>(columns);
        for (int i = 0; i < columns; i++) {
            key.add(row[i] == null ? null : context.types().groupingKey(types[i], row[i]));
        }
        return key;
    }
}
