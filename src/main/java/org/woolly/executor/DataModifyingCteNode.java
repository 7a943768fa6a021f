package org.woolly.executor;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs a statement's data-modifying WITH queries before its main plan (PostgreSQL runs them to
 * completion even when the main query reads none of their rows, {@code ExecPostprocessPlan}).
 * Each one's RETURNING rows go into its execution parameter, where work-table scans of the
 * main query read them; all run under the statement's one snapshot and command id.
 */
final class DataModifyingCteNode implements ExecNode {
    private final ExecutorContext context;
    private final ExecNode root;
    private final List<ExecNode> ctes;
    private final List<Integer> params;

    DataModifyingCteNode(ExecutorContext context, ExecNode root, List<ExecNode> ctes, List<Integer> params) {
        this.context = context;
        this.root = root;
        this.ctes = ctes;
        this.params = params;
    }

    @Override
    public void open() {
        for (int i = 0; i < ctes.size(); i++) {
            ExecNode cte = ctes.get(i);
            List<Object[]> rows = new ArrayList<>();
            cte.open();
            Object[] row;
            while ((row = cte.next()) != null) {
                rows.add(row);
            }
            cte.close();
            context.setExecParam(params.get(i), rows);
        }
        root.open();
    }

    @Override
    public Object[] next() {
        return root.next();
    }

    @Override
    public void close() {
        root.close();
    }
}
