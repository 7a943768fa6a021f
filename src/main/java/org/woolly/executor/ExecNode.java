package org.woolly.executor;

/** A running plan node ({@code PlanState}): pull rows with {@link #next()} until it answers null. */
public interface ExecNode extends AutoCloseable {
    void open();

    /** The next row, or null when there are no more. The array belongs to the caller. */
    Object[] next();

    @Override
    void close();

    /**
     * A node that can tell the TID of the table row it is on, for WHERE CURRENT OF: a scan
     * ({@code mark} ignored), or LockRows for the row of its row mark {@code mark}.
     */
    interface Positioned {
        /** The TID of the current row; null before the first row and after the last. */
        org.woolly.access.common.Tid currentTid(int mark);
    }
}
