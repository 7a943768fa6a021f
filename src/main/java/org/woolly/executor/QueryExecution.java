package org.woolly.executor;

import org.woolly.nodes.plan.Plan;

/**
 * One run of a plan ({@code ExecutorStart}/{@code ExecutorRun}/{@code ExecutorEnd}): opened
 * once, rows fetched in as many batches as the portal asks for, then closed.
 */
public final class QueryExecution implements AutoCloseable {
    private final ExecNode root;
    private final ModifyTableNode modifyNode;
    private boolean opened;
    private boolean finished;
    private long rowsReturned;

    public QueryExecution(Plan plan, ExecutorContext context) {
        ExecutorBuilder builder = new ExecutorBuilder(context);
        this.root = builder.build(plan);
        this.modifyNode = builder.modifyNode;
    }

    /** The next result row, or null when done (opens the plan on first call). */
    public Object[] next() {
        if (finished) {
            return null;
        }
        if (!opened) {
            opened = true;
            root.open();
        }
        Object[] row = root.next();
        if (row == null) {
            finished = true;
        } else {
            rowsReturned++;
        }
        return row;
    }

    /** Runs the plan to the end, discarding rows (for statements without output). */
    public void runToEnd() {
        Object[] row;
        do {
            row = next();
        } while (row != null);
    }

    public boolean finished() {
        return finished;
    }

    public long rowsReturned() {
        return rowsReturned;
    }

    /** Rows inserted, updated or deleted (0 for SELECT). */
    public long rowsProcessed() {
        return modifyNode == null ? 0 : modifyNode.processed();
    }

    @Override
    public void close() {
        if (opened) {
            root.close();
        }
        finished = true;
    }
}
