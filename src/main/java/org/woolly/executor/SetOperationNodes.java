package org.woolly.executor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.woolly.nodes.plan.Plan;
import org.woolly.nodes.query.Query;

/**
 * WITH RECURSIVE ({@code nodeRecursiveunion.c}, {@code nodeWorktablescan.c}) and INTERSECT /
 * EXCEPT ({@code nodeSetOp.c}, hashed strategy).
 */
final class SetOperationNodes {

    private SetOperationNodes() {}

    /**
     * Emits the non-recursive term's rows, then runs the recursive term over the rows the
     * previous run added (the work table, held in an execution parameter) until a run adds
     * none. Each run of the recursive term is collected before its rows are emitted, so two
     * scans of one recursive CTE may interleave. Without ALL, rows seen before are dropped.
     */
    static final class RecursiveUnion implements ExecNode {
        private final ExecutorContext context;
        private final ExecNode nonRecursive;
        private final Plan recursive;
        private final int param;
        private final boolean all;
        private final int[] types;
        private Set<List<Object>> seen;
        private List<Object[]> workTable;
        private List<Object[]> pending;
        private int pendingIndex;
        private boolean nonRecursiveDone;

        RecursiveUnion(ExecutorContext context, ExecNode nonRecursive, Plan recursive, int param, boolean all, int[] types) {
            this.context = context;
            this.nonRecursive = nonRecursive;
            this.recursive = recursive;
            this.param = param;
            this.all = all;
            this.types = types;
        }

        @Override
        public void open() {
            seen = all ? null : new HashSet<>();
            workTable = new ArrayList<>();
            pending = List.of();
            pendingIndex = 0;
            nonRecursiveDone = false;
            nonRecursive.open();
        }

        private boolean isNew(Object[] row) {
            return seen == null || seen.add(RowNodes.key(context, row, types.length, types));
        }

        @Override
        public Object[] next() {
            if (!nonRecursiveDone) {
                Object[] row;
                while ((row = nonRecursive.next()) != null) {
                    if (isNew(row)) {
                        workTable.add(row);
                        return row.clone();
                    }
                }
                nonRecursiveDone = true;
                nonRecursive.close();
            }
            while (true) {
                if (pendingIndex < pending.size()) {
                    return pending.get(pendingIndex++).clone();
                }
                if (workTable.isEmpty()) {
                    return null;
                }
                context.checkForInterrupts();
                context.setExecParam(param, workTable);
                List<Object[]> added = new ArrayList<>();
                try (QueryExecution run = new QueryExecution(recursive, context)) {
                    Object[] row;
                    while ((row = run.next()) != null) {
                        if (isNew(row)) {
                            added.add(row);
                        }
                    }
                }
                workTable = added;
                pending = added;
                pendingIndex = 0;
            }
        }

        @Override
        public void close() {
            if (!nonRecursiveDone) {
                nonRecursive.close();
                nonRecursiveDone = true;
            }
            workTable = null;
            pending = List.of();
        }
    }

    /** The rows of the enclosing recursive union's previous run. */
    static final class WorkTableScan implements ExecNode {
        private final ExecutorContext context;
        private final int param;
        private List<?> rows;
        private int index;

        WorkTableScan(ExecutorContext context, int param) {
            this.context = context;
            this.param = param;
        }

        @Override
        public void open() {
            rows = context.execParam(param) instanceof List<?> list ? list : List.of();
            index = 0;
        }

        @Override
        public Object[] next() {
            return index < rows.size() ? ((Object[]) rows.get(index++)).clone() : null;
        }

        @Override
        public void close() {
            rows = List.of();
        }
    }

    /**
     * INTERSECT / EXCEPT: counts the right input's rows by value, then streams the left input
     * keeping, for each value, what the operation allows: INTERSECT ALL min(m, n) copies, EXCEPT
     * ALL max(m - n, 0), INTERSECT one if both have it, EXCEPT one if only the left has it.
     */
    static final class SetOp implements ExecNode {
        private final ExecutorContext context;
        private final Query.SetOperation.Kind kind;
        private final boolean all;
        private final ExecNode left;
        private final ExecNode right;
        private final int[] types;
        private Map<List<Object>, long[]> rightCounts;
        private Set<List<Object>> emitted;

        SetOp(ExecutorContext context, Query.SetOperation.Kind kind, boolean all, ExecNode left, ExecNode right,
              int[] types) {
            this.context = context;
            this.kind = kind;
            this.all = all;
            this.left = left;
            this.right = right;
            this.types = types;
        }

        @Override
        public void open() {
            rightCounts = new HashMap<>();
            emitted = new HashSet<>();
            right.open();
            try {
                Object[] row;
                while ((row = right.next()) != null) {
                    rightCounts.computeIfAbsent(RowNodes.key(context, row, types.length, types), key -> new long[1])[0]++;
                }
            } finally {
                right.close();
            }
            left.open();
        }

        @Override
        public Object[] next() {
            Object[] row;
            while ((row = left.next()) != null) {
                List<Object> key = RowNodes.key(context, row, types.length, types);
                long[] count = rightCounts.get(key);
                boolean inRight = count != null && count[0] > 0;
                boolean keep;
                if (all) {
                    keep = kind == Query.SetOperation.Kind.INTERSECT ? inRight : !inRight;
                    if (inRight) {
                        count[0]--;
                    }
                } else {
                    keep = (kind == Query.SetOperation.Kind.INTERSECT) == (count != null) && emitted.add(key);
                }
                if (keep) {
                    return row;
                }
            }
            return null;
        }

        @Override
        public void close() {
            left.close();
            rightCounts = null;
            emitted = null;
        }
    }
}
