package org.woolly.executor;

import org.woolly.pgstat.ResourceUsage;

/**
 * Per-node run statistics for EXPLAIN ANALYZE ({@code instrument.c}): time to the first row and
 * to the end, in milliseconds, rows returned, and the buffers and WAL the node and its children
 * used ({@code bufusage}, {@code walusage}: the backend's {@link ResourceUsage} before and after
 * each call, as {@code InstrStartNode} and {@code InstrStopNode} take them). Rows and loops are
 * also a running statement's live counts ({@link LivePlan}): only the node's own thread writes
 * them, with opaque writes (a plain store that is never torn nor kept back), so another
 * session's thread may read them while the plan runs and see at worst the count of a moment ago.
 */
public final class Instrumentation {
    private static final java.lang.invoke.VarHandle ROWS;
    private static final java.lang.invoke.VarHandle LOOPS;

    static {
        try {
            var lookup = java.lang.invoke.MethodHandles.lookup();
            ROWS = lookup.findVarHandle(Instrumentation.class, "rows", long.class);
            LOOPS = lookup.findVarHandle(Instrumentation.class, "loops", int.class);
        } catch (ReflectiveOperationException impossible) {
            throw new ExceptionInInitializerError(impossible);
        }
    }

    private long startNanos;
    private ResourceUsage.Counts usageAtStart;
    private ResourceUsage.Counts usage = ResourceUsage.Counts.ZERO;
    private long firstRowNanos = -1;
    private long totalNanos;
    private long rows;
    private int loops;

    void start() {
        startNanos = System.nanoTime();
        usageAtStart = ResourceUsage.current().snapshot();
    }

    void stop(boolean producedRow) {
        long now = System.nanoTime();
        usage = usage.plus(ResourceUsage.current().snapshot().minus(usageAtStart));
        if (producedRow && firstRowNanos < 0) {
            firstRowNanos = totalNanos + (now - startNanos);
        }
        totalNanos += now - startNanos;
        if (producedRow) {
            row();
        }
    }

    /** One more row returned (the owning thread only). */
    void row() {
        ROWS.setOpaque(this, rows + 1);
    }

    /** A node's own line for EXPLAIN ANALYZE (a sort's method and memory), or null. */
    private String detail;

    void detail(String text) {
        detail = text;
    }

    public String detail() {
        return detail;
    }

    /** Rows the node's qual rejected ({@code nfiltered1}: Rows Removed by Filter or by Join Filter). */
    private long removed;

    void removed() {
        removed++;
    }

    /** Rows removed per loop, as EXPLAIN ANALYZE prints them ({@code nfiltered1 / nloops}). */
    public double removedPerLoop() {
        return (double) removed / loops();
    }

    /** Rows an index-only scan had to fetch from the heap ({@code ntuples2}, {@code Heap Fetches}). */
    private long heapFetches;

    void heapFetch() {
        heapFetches++;
    }

    public long heapFetches() {
        return heapFetches;
    }

    /** One run of a node that hands over its whole result at once (a bitmap): its time, the rows it stands for, its usage. */
    void once(long nanos, long count, ResourceUsage.Counts used) {
        usage = usage.plus(used);
        loop();
        if (firstRowNanos < 0) {
            firstRowNanos = totalNanos + nanos;
        }
        totalNanos += nanos;
        ROWS.setOpaque(this, rows + count);
    }

    /**
     * Adds a parallel worker's run of the same plan node ({@code InstrAggNode}): its rows and
     * loops count, so EXPLAIN ANALYZE shows the rows per participant as {@code loops=3}; the times
     * are the slowest participant's.
     */
    void add(Instrumentation worker) {
        ROWS.setOpaque(this, rows + worker.rows);
        LOOPS.setOpaque(this, loops + worker.loops);
        usage = usage.plus(worker.usage);
        heapFetches += worker.heapFetches;
        removed += worker.removed;
        if (worker.firstRowNanos >= 0 && (firstRowNanos < 0 || worker.firstRowNanos < firstRowNanos)) {
            firstRowNanos = worker.firstRowNanos;
        }
        totalNanos = Math.max(totalNanos, worker.totalNanos);
        if (detail == null) {
            detail = worker.detail;
        }
    }

    void loop() {
        LOOPS.setOpaque(this, loops + 1);
    }

    /** Adds buffers and WAL used on the node's behalf elsewhere (a parallel worker's, for the Gather). */
    void addUsage(ResourceUsage.Counts counts) {
        usage = usage.plus(counts);
    }

    /** The buffers and WAL the node used (EXPLAIN's BUFFERS and WAL options). */
    public ResourceUsage.Counts usage() {
        return usage;
    }

    public double startupMillis() {
        return (firstRowNanos < 0 ? totalNanos : firstRowNanos) / 1_000_000.0;
    }

    public double totalMillis() {
        return totalNanos / 1_000_000.0;
    }

    public long rows() {
        return (long) ROWS.getOpaque(this);
    }

    public int loops() {
        return Math.max((int) LOOPS.getOpaque(this), 1);
    }

    /** Whether the node was never opened (EXPLAIN's {@code never executed}). */
    public boolean neverExecuted() {
        return (int) LOOPS.getOpaque(this) == 0;
    }

    /** Counts time spent in open, next and close of the wrapped node. */
    static ExecNode wrap(ExecNode node, Instrumentation instrumentation) {
        return new ExecNode() {
            @Override
            public void open() {
                instrumentation.loop();
                instrumentation.start();
                try {
                    node.open();
                } finally {
                    instrumentation.stop(false);
                }
            }

            @Override
            public Object[] next() {
                instrumentation.start();
                Object[] row = null;
                try {
                    row = node.next();
                    return row;
                } finally {
                    instrumentation.stop(row != null);
                }
            }

            @Override
            public void close() {
                node.close();
            }
        };
    }
}
