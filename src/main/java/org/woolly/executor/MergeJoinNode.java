package org.woolly.executor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.woolly.nodes.parse.FromItem;

/**
 * Merge join ({@code nodeMergejoin.c}): both inputs arrive sorted ascending on their keys, nulls
 * last. Each outer row advances the inner side to the first row whose keys are not less than its
 * own and joins with the group of inner rows of equal keys, which is kept in memory while outer
 * rows with the same keys follow (PostgreSQL's mark and restore). A key that is null matches
 * nothing. LEFT and FULL add outer rows without a match null-extended, RIGHT and FULL inner rows
 * without one (when the inner side moves past them); SEMI emits an outer row at its first match,
 * ANTI one without any.
 */
final class MergeJoinNode implements ExecNode {
    private final ExecutorContext context;
    private final FromItem.JoinType type;
    private final ExecNode outer;
    private final ExecNode inner;
    private final ExpressionCompiler.CompiledPredicate qual;
    private final int outerWidth;
    private final int innerWidth;
    private final CompiledExpression[] outerKeys;
    private final CompiledExpression[] innerKeys;
    private final List<Comparator<Object>> comparators;
    private final boolean keepsInner;
    private final ArrayDeque<Object[]> pending = new ArrayDeque<>();
    private Object[] innerNext;
    private Object[] innerNextKeys;
    private final List<Object[]> group = new ArrayList<>();
    private boolean[] groupMatched;
    private Object[] groupKeys;
    private boolean outerDone;
    private int sinceCheck;

    MergeJoinNode(ExecutorContext context, FromItem.JoinType type, ExecNode outer, ExecNode inner,
                  ExpressionCompiler.CompiledPredicate qual, int outerWidth, int innerWidth,
                  CompiledExpression[] outerKeys, CompiledExpression[] innerKeys, List<Comparator<Object>> comparators) {
        this.context = context;
        this.type = type;
        this.outer = outer;
        this.inner = inner;
        this.qual = qual;
        this.outerWidth = outerWidth;
        this.innerWidth = innerWidth;
        this.outerKeys = outerKeys;
        this.innerKeys = innerKeys;
        this.comparators = comparators;
        this.keepsInner = type == FromItem.JoinType.RIGHT || type == FromItem.JoinType.FULL;
    }

    @Override
    public void open() {
        outer.open();
        inner.open();
        pending.clear();
        group.clear();
        groupKeys = null;
        outerDone = false;
        advanceInner();
    }

    private void advanceInner() {
        innerNext = inner.next();
        innerNextKeys = innerNext == null ? null : keys(innerKeys, innerNext);
    }

    private static Object[] keys(CompiledExpression[] expressions, Object[] row) {
        Object[] values = new Object[expressions.length];
        for (int i = 0; i < expressions.length; i++) {
            values[i] = expressions[i].evaluate(row);
        }
        return values;
    }

    private static boolean hasNull(Object[] keys) {
        for (Object key : keys) {
            if (key == null) {
                return true;
            }
        }
        return false;
    }

    /** The sort order of the inputs: key by key, a null after every value. */
    private int compare(Object[] left, Object[] right) {
        for (int i = 0; i < left.length; i++) {
            Object a = left[i];
            Object b = right[i];
            int order = a == null ? (b == null ? 0 : 1) : b == null ? -1 : comparators.get(i).compare(a, b);
            if (order != 0) {
                return order;
            }
        }
        return 0;
    }

    @Override
    public Object[] next() {
        while (true) {
            if (!pending.isEmpty()) {
                return pending.poll();
            }
            if (outerDone) {
                if (!keepsInner || innerNext == null) {
                    return null;
                }
                pending.add(JoinNodes.concat(null, innerNext, outerWidth, innerWidth));
                advanceInner();
                continue;
            }
            if (++sinceCheck >= ScanNodes.INTERRUPT_INTERVAL) {
                sinceCheck = 0;
                context.checkForInterrupts();
            }
            Object[] outerRow = outer.next();
            if (outerRow == null) {
                outerDone = true;
                releaseGroup();
                continue;
            }
            Object[] keys = keys(outerKeys, outerRow);
            if (!hasNull(keys) && (groupKeys == null || compare(groupKeys, keys) != 0)) {
                seek(keys);
            }
            join(outerRow, keys);
        }
    }

    /** Moves the inner side to the rows whose keys equal {@code keys}, keeping them as the group. */
    private void seek(Object[] keys) {
        releaseGroup();
        while (innerNext != null && compare(innerNextKeys, keys) < 0) {
            if (keepsInner) {
                pending.add(JoinNodes.concat(null, innerNext, outerWidth, innerWidth));
            }
            advanceInner();
        }
        while (innerNext != null && !hasNull(innerNextKeys) && compare(innerNextKeys, keys) == 0) {
            group.add(innerNext);
            groupKeys = innerNextKeys;
            advanceInner();
        }
        groupMatched = new boolean[group.size()];
    }

    /** Forgets the group, first emitting its rows that matched no outer row when the join keeps them. */
    private void releaseGroup() {
        if (keepsInner) {
            for (int i = 0; i < group.size(); i++) {
                if (!groupMatched[i]) {
                    pending.add(JoinNodes.concat(null, group.get(i), outerWidth, innerWidth));
                }
            }
        }
        group.clear();
        groupKeys = null;
    }

    private void join(Object[] outerRow, Object[] keys) {
        boolean matched = false;
        if (groupKeys != null && !hasNull(keys) && compare(groupKeys, keys) == 0) {
            for (int i = 0; i < group.size(); i++) {
                Object[] joined = JoinNodes.concat(outerRow, group.get(i), outerWidth, innerWidth);
                if (!qual.test(joined)) {
                    continue;
                }
                matched = true;
                if (type == FromItem.JoinType.SEMI) {
                    pending.add(outerRow);
                    break;
                }
                if (type == FromItem.JoinType.ANTI) {
                    break;
                }
                groupMatched[i] = true;
                pending.add(joined);
            }
        }
        if (!matched && (type == FromItem.JoinType.LEFT || type == FromItem.JoinType.FULL)) {
            pending.add(JoinNodes.concat(outerRow, null, outerWidth, innerWidth));
        }
        if (!matched && type == FromItem.JoinType.ANTI) {
            pending.add(outerRow);
        }
    }

    @Override
    public void close() {
        outer.close();
        inner.close();
        pending.clear();
        group.clear();
    }
}
