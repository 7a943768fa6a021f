package org.woolly.executor;

import java.util.ArrayList;
import java.util.List;
import org.woolly.nodes.plan.Plan;

/**
 * A nested loop whose inner side reads parameters set from each outer row ({@code nodeNestloop.c}
 * with {@code nestParams}): a LATERAL subquery or function, run again per outer row, or an index
 * scan keyed by the outer row's join columns, restarted per outer row (built once, its loops
 * counted by EXPLAIN ANALYZE). A LEFT join keeps an outer row that no inner row matched, with
 * nulls; a SEMI join emits an outer row (alone) at its first match, an ANTI join one without any.
 */
final class LateralLoopNode extends OuterRowLoop {
    private final Plan inner;
    /** The inner side built once and restarted per outer row, or null to run {@link #inner} anew. */
    private final ExecNode rescanned;
    private final int[] params;
    private final CompiledExpression[] values;
    private List<Object[]> innerRows = List.of();
    private int innerIndex;
    private boolean innerOpen;

    LateralLoopNode(ExecutorContext context, ExpressionCompiler compiler, Plan.LateralLoop loop, ExecNode outer,
                    ExecNode rescanned) {
        super(context, loop.type(), outer, compiler.predicate(loop.joinQual()), loop.outerWidth(), loop.innerWidth());
        this.inner = loop.inner();
        this.rescanned = rescanned;
        this.params = loop.params().stream().mapToInt(org.woolly.nodes.query.ParamBinding::param).toArray();
        this.values = compiler.all(loop.params().stream().map(org.woolly.nodes.query.ParamBinding::value).toList());
    }

    @Override
    Object[] nextInner() {
        if (rescanned != null) {
            return rescanned.next();
        }
        return innerIndex < innerRows.size() ? innerRows.get(innerIndex++) : null;
    }

    @Override
    void startInner(Object[] outerRow) {
        for (int i = 0; i < params.length; i++) {
            context.setExecParam(params[i], values[i].evaluate(outerRow));
        }
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
