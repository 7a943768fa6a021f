package org.woolly.executor;

import org.woolly.access.common.Tid;
import org.woolly.nodes.plan.Plan;

/**
 * One run of a plan ({@code ExecutorStart}/{@code ExecutorRun}/{@code ExecutorEnd}): opened
 * once, rows fetched in as many batches as the portal asks for, then closed.
 */
public final class QueryExecution implements AutoCloseable {
    private final ExecNode root;
    private final ExecutorContext context;
    private final ModifyTableNode modifyNode;
    private boolean opened;
    private boolean finished;
    private long rowsReturned;

    private final java.util.Map<Plan, Instrumentation> instrumentation;

    public QueryExecution(Plan plan, ExecutorContext context) {
        this(plan, context, false);
    }

    /** With {@code instrument}, every node records {@link Instrumentation} (EXPLAIN ANALYZE). */
    public QueryExecution(Plan plan, ExecutorContext context, boolean instrument) {
        this(plan, context, instrument, false);
    }

    /**
     * A statement's run whose live counts other sessions may read ({@link #livePlan()}); cheap
     * enough for every top-level statement (see {@link LivePlan}).
     */
    public static QueryExecution live(Plan plan, ExecutorContext context) {
        return new QueryExecution(plan, context, false, true);
    }

    private QueryExecution(Plan plan, ExecutorContext context, boolean instrument, boolean live) {
        // the first execution of a context is the statement's (subqueries share the context); its end frees the files
        this.ownsTemporaryFiles = !context.hasExecution;
        context.hasExecution = true;
        ExecutorBuilder builder = new ExecutorBuilder(context);
        if (instrument) {
            builder.instrumentation = new java.util.IdentityHashMap<>();
        } else if (live) {
            builder.live = new LivePlan();
        }
        this.livePlan = builder.live;
        this.root = builder.build(plan);
        this.context = context;
        this.modifyNode = builder.modifyNode;
        this.instrumentation = builder.instrumentation;
        this.positioned = builder.positioned;
    }

    private final java.util.Map<Plan, ExecNode.Positioned> positioned;

    /** The TID of the row plan node {@code plan} (a scan or LockRows) is on, or null ({@link CursorPositions}). */
    Tid currentTid(Plan plan, int mark) {
        ExecNode.Positioned node = positioned.get(plan);
        return node == null ? null : node.currentTid(mark);
    }

    private final boolean ownsTemporaryFiles;

    private final LivePlan livePlan;

    /** The statistics of a plan node after an instrumented run (so far, in a live one), or null. */
    public Instrumentation instrumentation(Plan node) {
        if (livePlan != null) {
            return livePlan.counts(node);
        }
        return instrumentation == null ? null : instrumentation.get(node);
    }

    /** The live counts of this run, or null when it keeps none. */
    public LivePlan livePlan() {
        return livePlan;
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
        } else if ((++rowsReturned & (ScanNodes.INTERRUPT_INTERVAL - 1)) == 0) {
            context.checkForInterrupts(); // also for plans whose nodes never check (VALUES, Result)
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

    /**
     * COPY FROM: runs an {@code INSERT ... VALUES ($1, ...)} plan once more, with the parameter
     * values the caller put into the array it gave the context. Each run inserts one row through
     * the same path as INSERT (defaults, constraints, indexes); {@link #rowsProcessed()} counts
     * them all. The statement is analyzed, planned and its nodes built once for all rows.
     */
    public void insertAgain() {
        if (modifyNode == null || modifyNode != root) {
            throw new IllegalStateException("insertAgain needs a plain INSERT plan");
        }
        opened = true;
        modifyNode.openRepeatedly();
        root.open();
    }

    /** After the last {@link #insertAgain()}: the AFTER STATEMENT triggers of COPY FROM. */
    public void finishInserts() {
        if (modifyNode != null) {
            modifyNode.finishRepeated();
        }
    }

    /** Whether COPY FROM may use {@link #bufferInsert()} and {@link #flushInserts} with this plan. */
    public boolean insertsInBatches() {
        return modifyNode != null && modifyNode == root && modifyNode.batchable();
    }

    /**
     * COPY FROM in batches: like {@link #insertAgain()} the row is computed from the parameters
     * and its constraints checked, but it is written with the others at {@link #flushInserts}.
     */
    public void bufferInsert() {
        opened = true;
        modifyNode.bufferRows();
    }

    /** Rows buffered by {@link #bufferInsert()} not yet written. */
    public int bufferedRows() {
        return modifyNode.pendingRows();
    }

    /** Bytes of the tuple bodies buffered. */
    public long bufferedBytes() {
        return modifyNode.pendingBytes();
    }

    /**
     * Writes the buffered rows: heap pages filled in batches, then index entries and foreign
     * key checks row by row; {@code onRow} hears the buffered row's index (0-based) before its
     * index entries are made.
     */
    public void flushInserts(java.util.function.IntConsumer onRow) {
        modifyNode.flushBatch(onRow);
    }

    /** Checks for cancel, timeout and termination (a COPY calls it between batches of rows). */
    public void checkForInterrupts() {
        context.checkForInterrupts();
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
        try {
            if (opened) {
                root.close();
            }
        } finally {
            finished = true;
            if (ownsTemporaryFiles) {
                try {
                    context.closeCteStores();
                } finally {
                    context.closeTemporaryFiles();
                }
            }
        }
    }
}
