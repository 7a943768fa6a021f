package org.woolly.executor;

import java.util.ArrayList;
import java.util.List;
import org.woolly.nodes.parse.FromItem;
import org.woolly.nodes.plan.Plan;

/**
 * A nested loop whose inner side reads parameters set from each outer row ({@code nodeNestloop.c}
 * with {@code nestParams}): a LATERAL subquery or function, run again per outer row, or an index
 * scan keyed by the outer row's join columns, restarted per outer row (built once, its loops
 * counted by EXPLAIN ANALYZE). A LEFT join keeps an outer row that no inner row matched, with
 * nulls; a SEMI join emits an outer row (alone) at its first match, an ANTI join one without any.
 */
final class LateralLoopNode implements ExecNode {
    private final ExecutorContext context;
    private final FromItem.JoinType type;
    private final ExecNode outer;
    private final Plan inner;
    /** The inner side built once and restarted per outer row, or null to run {@link #inner} anew. */
    private final ExecNode rescanned;
    private final ExpressionCompiler.CompiledPredicate qual;
    private final int[] params;
    private final CompiledExpression[] values;
    private final int outerWidth;
    private final int innerWidth;
    private Object[] outerRow;
    private List<Object[]> innerRows = List.of();
    private int innerIndex;
    private boolean matched;
    private boolean innerOpen;

    LateralLoopNode(ExecutorContext context, ExpressionCompiler compiler, Plan.LateralLoop loop, ExecNode outer,
                    ExecNode rescanned) {
        this.context = context;
        this.type = loop.type();
        this.outer = outer;
        this.inner = loop.inner();
        this.rescanned = rescanned;
        this.qual = compiler.predicate(loop.joinQual());
        this.params = loop.params().stream().mapToInt(org.woolly.nodes.query.ParamBinding::param).toArray();
        this.values = compiler.all(loop.params().stream().map(org.woolly.nodes.query.ParamBinding::value).toList());
        this.outerWidth = loop.outerWidth();
        this.innerWidth = loop.innerWidth();
    }

    @Override
    public void open() {
        outer.open();
        outerRow = null;
    }

    @Override
    public Object[] next() {
        while (true) {
            if (outerRow == null) {
                outerRow = outer.next();
                if (outerRow == null) {
                    return null;
                }
                context.checkForInterrupts();
                runInner();
            }
            Object[] innerRow;
            while ((innerRow = nextInner()) != null) {
                Object[] joined = new Object[outerWidth + innerWidth];
                System.arraycopy(outerRow, 0, joined, 0, outerWidth);
                System.arraycopy(innerRow, 0, joined, outerWidth, Math.min(innerWidth, innerRow.length));
                if (qual.test(joined)) {
                    matched = true;
                    if (type == FromItem.JoinType.SEMI) {
                        return finishOuter();
                    }
                    if (type == FromItem.JoinType.ANTI) {
                        break;
                    }
                    return joined;
                }
            }
            Object[] row = finishOuter();
            if (!matched && type == FromItem.JoinType.LEFT) {
                Object[] joined = new Object[outerWidth + innerWidth];
                System.arraycopy(row, 0, joined, 0, outerWidth);
                return joined;
            }
            if (!matched && type == FromItem.JoinType.ANTI) {
                return row;
            }
        }
    }

    /** Ends the current outer row; returns it. */
    private Object[] finishOuter() {
        Object[] row = outerRow;
        outerRow = null;
        return row;
    }

    private Object[] nextInner() {
        if (rescanned != null) {
            return rescanned.next();
        }
        return innerIndex < innerRows.size() ? innerRows.get(innerIndex++) : null;
    }

    private void runInner() {
        for (int i = 0; i < params.length; i++) {
            context.setExecParam(params[i], values[i].evaluate(outerRow));
        }
        matched = false;
        if (rescanned != null) {
            if (innerOpen) {
                rescanned.close();
            }
            rescanned.open();
            innerOpen = true;
            return;
        }
        List<Object[]> rows = new ArrayList<>();
        try (QueryExecution execution = new QueryExecution(inner, context)) {
            Object[] row;
            while ((row = execution.next()) != null) {
                rows.add(row);
            }
        }
        innerRows = rows;
        innerIndex = 0;
    }

    @Override
    public void close() {
        outer.close();
        if (innerOpen) {
            rescanned.close();
            innerOpen = false;
        }
        innerRows = List.of();
    }
}
