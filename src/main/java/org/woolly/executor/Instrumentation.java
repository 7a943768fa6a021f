package org.woolly.executor;

/**
 * Per-node run statistics for EXPLAIN ANALYZE ({@code instrument.c}): time to the first row and
 * to the end, in milliseconds, and rows returned. Rows and loops are also a running statement's
 * live counts ({@link LivePlan}): only the node's own thread writes them, with opaque writes (a
 * plain store that is never torn nor kept back), so another session's thread may read them
 * while the plan runs and see at worst the count of a moment ago.
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
    private long firstRowNanos = -1;
    private long totalNanos;
    private long rows;
    private int loops;

    void start() {
        startNanos = System.nanoTime();
    }

    void stop(boolean producedRow) {
        long now = System.nanoTime();
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

    /** Rows an index-only scan had to fetch from the heap ({@code ntuples2}, {@code Heap Fetches}). */
    private long heapFetches;

    void heapFetch() {
        heapFetches++;
    }

    public long heapFetches() {
        return heapFetches;
    }

    /** One run of a node that hands over its whole result at once (a bitmap): its time and the rows it stands for. */
    void once(long nanos, long count) {
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
        heapFetches += worker.heapFetches;
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
