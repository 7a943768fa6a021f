package org.woolly.executor;

/**
 * A reference to a CTE that all its references read from one store ({@code nodeCtescan.c}):
 * the CTE's plan runs once per statement, only as far as the readers ask, and every
 * reference reads the kept rows with a position of its own; opening it again (a rescan)
 * starts that position over without running the CTE again.
 */
final class CteScanNode implements ExecNode {
    private final RowStore store;
    private int position;

    CteScanNode(RowStore store) {
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
}
