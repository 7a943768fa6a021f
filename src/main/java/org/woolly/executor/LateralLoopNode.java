package org.woolly.executor;

import java.util.ArrayList;
import java.util.List;
import org.woolly.nodes.parse.FromItem;
import org.woolly.nodes.plan.Plan;

/**
 * A nested loop over a LATERAL inner side ({@code nodeNestloop.c} with {@code nestParams}): for
 * each outer row the parameters the inner side reads are set from that row and the inner plan
 * runs again; a LEFT join keeps an outer row that no inner row matched, with nulls.
 */
final class LateralLoopNode implements ExecNode {
    private final ExecutorContext context;
    private final FromItem.JoinType type;
    private final ExecNode outer;
    private final Plan inner;
    private final ExpressionCompiler.CompiledPredicate qual;
    private final int[] params;
    private final CompiledExpression[] values;
    private final int outerWidth;
    private final int innerWidth;
    private Object[] outerRow;
    private List<Object[]> innerRows = List.of();
    private int innerIndex;
    private boolean matched;

    LateralLoopNode(ExecutorContext context, ExpressionCompiler compiler, Plan.LateralLoop loop, ExecNode outer) {
        this.context = context;
        this.type = loop.type();
        this.outer = outer;
        this.inner = loop.inner();
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
                runInner();
            }
            while (innerIndex < innerRows.size()) {
                Object[] joined = new Object[outerWidth + innerWidth];
                System.arraycopy(outerRow, 0, joined, 0, outerWidth);
                Object[] innerRow = innerRows.get(innerIndex++);
                System.arraycopy(innerRow, 0, joined, outerWidth, Math.min(innerWidth, innerRow.length));
                if (qual.test(joined)) {
                    matched = true;
                    return joined;
                }
            }
            Object[] row = outerRow;
            outerRow = null;
            if (!matched && type == FromItem.JoinType.LEFT) {
                Object[] joined = new Object[outerWidth + innerWidth];
                System.arraycopy(row, 0, joined, 0, outerWidth);
                return joined;
            }
        }
    }

    private void runInner() {
        for (int i = 0; i < params.length; i++) {
            context.setExecParam(params[i], values[i].evaluate(outerRow));
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
        matched = false;
    }

    @Override
    public void close() {
        outer.close();
        innerRows = List.of();
    }
}
