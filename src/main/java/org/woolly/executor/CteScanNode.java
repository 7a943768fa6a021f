package org.woolly.executor;

import java.util.ArrayList;
import java.util.List;

/**
 * A reference to a CTE that all its references read from one store ({@code nodeCtescan.c}):
 * the CTE's plan runs once per statement, only as far as the readers ask, and every
 * reference reads the kept rows with a position of its own; opening it again (a rescan)
 * starts that position over without running the CTE again.
 */
final class CteScanNode implements ExecNode {
    private final Store store;
    private int position;

    CteScanNode(Store store) {
        this.store = store;
    }

    @Override
    public void open() {
        position = 0;
    }

    @Override
    public Object[] next() {
        Object[] row = store.row(position);
        if (row != null) {
            position++;
        }
        return row;
    }

    @Override
    public void close() {
        // the rows stay for the other references and later rescans until the statement ends
    }

    /** The rows of one CTE in one statement ({@code CteScanState.cte_table}), read in order as asked for. */
    static final class Store {
        private final ExecutorContext context;
        private final ExecNode input;
        private final List<Object[]> rows = new ArrayList<>();
        private boolean started;
        private boolean exhausted;

        Store(ExecutorContext context, ExecNode input) {
            this.context = context;
            this.input = input;
        }

        /** Row {@code index} of the CTE (a copy the caller owns), running its plan further when needed; null past the end. */
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

        /** Ends the CTE's plan if no reader ran it to the end (the statement is over). */
        void close() {
            if (started && !exhausted) {
                exhausted = true;
                input.close();
            }
            rows.clear();
        }
    }
}
