package org.woolly.executor;

import java.util.ArrayList;
import java.util.List;

/**
 * The rows of an input kept as they are first read ({@code Tuplestorestate} as Material and
 * CTE Scan use it): the input runs only as far as a reader asks, and every row read once can
 * be read again by index, by one reader (a Materialize) or several (the scans of a shared CTE).
 */
final class RowStore {
    private final ExecutorContext context;
    private final ExecNode input;
    private final List<Object[]> rows = new ArrayList<>();
    private boolean started;
    private boolean exhausted;

    RowStore(ExecutorContext context, ExecNode input) {
        this.context = context;
        this.input = input;
    }

    /** Row {@code index} of the input (a copy the caller owns), reading the input further when needed; null past the end. */
    Object[] row(int index) {
        while (index >= rows.size()) {
            if (exhausted) {
                return null;
            }
            if (!started) {
                input.open();
                started = true;
            }
            Object[] row = input.next();
            if (row == null) {
                exhausted = true;
                input.close();
                return null;
            }
            if ((rows.size() & (ScanNodes.INTERRUPT_INTERVAL - 1)) == 0) {
                context.checkForInterrupts();
            }
            rows.add(row.clone());
        }
        return rows.get(index).clone();
    }

    /** Ends the input if no reader ran it to the end, and lets the rows go. */
    void close() {
        if (started && !exhausted) {
            exhausted = true;
            input.close();
        }
        rows.clear();
    }
}
