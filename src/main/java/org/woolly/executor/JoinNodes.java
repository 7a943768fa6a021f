package org.woolly.executor;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.woolly.nodes.parse.FromItem;

/**
 * Nested loop join ({@code nodeNestloop.c}) and the Material node that keeps its inner side
 * ({@code nodeMaterial.c}); the hash join is {@link HashJoinNode}.
 */
final class JoinNodes {

    private JoinNodes() {}

    static Object[] concat(Object[] outer, Object[] inner, int outerWidth, int innerWidth) {
        Object[] row = new Object[outerWidth + innerWidth];
        if (outer != null) {
            System.arraycopy(outer, 0, row, 0, outerWidth);
        }
        if (inner != null) {
            System.arraycopy(inner, 0, row, outerWidth, innerWidth);
        }
        return row;
    }

    /**
     * Joins each outer row with the inner rows (read once into memory) that pass the qual; LEFT
     * adds unmatched outer rows null-extended, RIGHT and FULL also unmatched inner rows at the end.
     * SEMI emits an outer row (alone) at its first match, ANTI one without any match.
     */
    static class NestedLoop implements ExecNode {
        private final ExecutorContext context;
        private final FromItem.JoinType type;
        private final ExecNode outer;
        private final ExecNode inner;
        private final ExpressionCompiler.CompiledPredicate qual;
        private final int outerWidth;
        private final int innerWidth;
        List<Object[]> innerRows;
        private boolean[] innerMatched;
        private Object[] outerRow;
        private boolean outerMatched;
        private int innerIndex;
        private int unmatchedIndex = -1;

        NestedLoop(ExecutorContext context, FromItem.JoinType type, ExecNode outer, ExecNode inner,
                   ExpressionCompiler.CompiledPredicate qual, int outerWidth, int innerWidth) {
            this.context = context;
            this.type = type;
            this.outer = outer;
            this.inner = inner;
            this.qual = qual;
            this.outerWidth = outerWidth;
            this.innerWidth = innerWidth;
        }

        @Override
        public void open() {
            outer.open();
            inner.open();
            innerRows = new ArrayList<>();
            Object[] row;
            while ((row = inner.next()) != null) {
                innerRows.add(row);
            }
            inner.close();
            innerMatched = new boolean[innerRows.size()];
        }

        /** The inner rows that may match the outer row (all of them for a nested loop). */
        List<Object[]> candidates(Object[] outer) {
            return innerRows;
        }

        private List<Object[]> current;

        @Override
        public Object[] next() {
            while (true) {
                if (unmatchedIndex >= 0) {
                    while (unmatchedIndex < innerRows.size()) {
                        int index = unmatchedIndex++;
                        if (!innerMatched[index]) {
                            return concat(null, innerRows.get(index), outerWidth, innerWidth);
                        }
                    }
                    return null;
                }
                if (outerRow == null) {
                    outerRow = outer.next();
                    if (outerRow == null) {
                        if (type == FromItem.JoinType.RIGHT || type == FromItem.JoinType.FULL) {
                            unmatchedIndex = 0;
                            continue;
                        }
                        return null;
                    }
                    context.checkForInterrupts();
                    current = candidates(outerRow);
                    outerMatched = false;
                    innerIndex = 0;
                }
                while (innerIndex < current.size()) {
                    if ((innerIndex & (ScanNodes.INTERRUPT_INTERVAL - 1)) == 0) {
                        context.checkForInterrupts(); // a big inner side with few matches loops here
                    }
                    Object[] innerRow = current.get(innerIndex++);
                    Object[] joined = concat(outerRow, innerRow, outerWidth, innerWidth);
                    if (qual.test(joined)) {
                        if (type == FromItem.JoinType.SEMI) {
                            Object[] matched = outerRow; // the first match is enough; the outer row alone
                            outerRow = null;
                            return matched;
                        }
                        if (type == FromItem.JoinType.ANTI) {
                            outerMatched = true; // a match drops the outer row; no need to look further
                            break;
                        }
                        outerMatched = true;
                        markMatched(innerRow);
                        return joined;
                    }
                }
                Object[] finished = outerRow;
                outerRow = null;
                if (!outerMatched && (type == FromItem.JoinType.LEFT || type == FromItem.JoinType.FULL)) {
                    return concat(finished, null, outerWidth, innerWidth);
                }
                if (!outerMatched && type == FromItem.JoinType.ANTI) {
                    return finished;
                }
            }
        }

        private Map<Object[], Integer> positions;

        private void markMatched(Object[] innerRow) {
            if (type != FromItem.JoinType.RIGHT && type != FromItem.JoinType.FULL) {
                return;
            }
            if (positions == null) {
                positions = new IdentityHashMap<>();
                for (int i = 0; i < innerRows.size(); i++) {
                    positions.put(innerRows.get(i), i);
                }
            }
            innerMatched[positions.get(innerRow)] = true;
        }

        @Override
        public void close() {
            outer.close();
            inner.close();
            innerRows = null;
        }
    }

    /**
     * A nested loop over a {@link Material} inner side, rewound for each outer row as
     * {@code ExecReScan} does (so EXPLAIN ANALYZE counts its loops as PostgreSQL); the inner side
     * runs only when the first outer row needs it. Never RIGHT or FULL.
     */
    static final class MaterializedLoop extends OuterRowLoop {
        private final ExecNode inner;

        MaterializedLoop(ExecutorContext context, FromItem.JoinType type, ExecNode outer, ExecNode inner,
                         ExpressionCompiler.CompiledPredicate qual, int outerWidth, int innerWidth) {
            super(context, type, outer, qual, outerWidth, innerWidth);
            this.inner = inner;
        }

        @Override
        void startInner(Object[] outerRow) {
            inner.open();
        }

        @Override
        Object[] nextInner() {
            return inner.next();
        }

        @Override
        public void close() {
            outer.close();
            inner.close();
        }
    }

    /**
     * Keeps the rows of its input as they are first read and replays them when opened again
     * ({@code nodeMaterial.c}): the first run reads the input only as far as it is asked, a
     * rescan reads what was kept and then continues the input where it stopped.
     */
    static final class Material implements ExecNode {
        private final ExecutorContext context;
        private final ExecNode input;
        /** What has been read, made at the first open after a close. */
        private RowStore rows;
        private int position;

        Material(ExecutorContext context, ExecNode input) {
            this.context = context;
            this.input = input;
        }

        @Override
        public void open() {
            if (rows == null) {
                rows = new RowStore(context, input);
            }
            position = 0;
        }

        @Override
        public Object[] next() {
            Object[] row = rows == null ? null : rows.row(position);
            if (row != null) {
                position++;
            }
            return row;
        }

        @Override
        public void close() {
            if (rows != null) {
                rows.close();
                rows = null;
            }
        }
    }
}
