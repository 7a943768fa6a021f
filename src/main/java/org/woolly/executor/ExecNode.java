package org.woolly.executor;

/** A running plan node ({@code PlanState}): pull rows with {@link #next()} until it answers null. */
public interface ExecNode extends AutoCloseable {
    void open();

    /** The next row, or null when there are no more. The array belongs to the caller. */
    Object[] next();

    @Override
    void close();
}
