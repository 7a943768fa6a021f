package org.woolly.executor;

import org.woolly.nodes.parse.FromItem;

/**
 * A nested loop that starts its inner side again for each outer row ({@code ExecNestLoop} with
 * {@code ExecReScan} of the inner plan): INNER, CROSS, LEFT, SEMI or ANTI. A LEFT join keeps an
 * outer row that no inner row matched, with nulls; a SEMI join emits an outer row (alone) at its
 * first match, an ANTI join one without any. Subclasses say how the inner side restarts.
 */
abstract class OuterRowLoop implements ExecNode {
    final ExecutorContext context;
    final FromItem.JoinType type;
    final ExecNode outer;
    private final ExpressionCompiler.CompiledPredicate qual;
    private final int outerWidth;
    private final int innerWidth;
    private Object[] outerRow;
    private boolean matched;
    private int innerCount;

    OuterRowLoop(ExecutorContext context, FromItem.JoinType type, ExecNode outer,
                 ExpressionCompiler.CompiledPredicate qual, int outerWidth, int innerWidth) {
        this.context = context;
        this.type = type;
        this.outer = outer;
        this.qual = qual;
        this.outerWidth = outerWidth;
        this.innerWidth = innerWidth;
    }

    /** Starts the inner side over for the outer row. */
    abstract void startInner(Object[] outerRow);

    /** The inner side's next row for the current outer row, or null when it has no more. */
    abstract Object[] nextInner();

    @Override
    public void open() {
        outer.open();
        outerRow = null;
    }

    @Override
    public Object[] next() {
        while (true) {
            if (outerRow == null) {
                outerRow = outer.next();
                if (outerRow == null) {
                    return null;
                }
                context.checkForInterrupts();
                matched = false;
                startInner(outerRow);
            }
            Object[] innerRow;
            while ((innerRow = nextInner()) != null) {
                if ((++innerCount & (ScanNodes.INTERRUPT_INTERVAL - 1)) == 0) {
                    context.checkForInterrupts(); // a big inner side with few matches loops here
                }
                Object[] joined = new Object[outerWidth + innerWidth];
                System.arraycopy(outerRow, 0, joined, 0, outerWidth);
                System.arraycopy(innerRow, 0, joined, outerWidth, Math.min(innerWidth, innerRow.length));
                if (qual.test(joined)) {
                    matched = true;
                    if (type == FromItem.JoinType.SEMI) {
                        return finishOuter();
                    }
                    if (type == FromItem.JoinType.ANTI) {
                        break;
                    }
                    return joined;
                }
            }
            Object[] row = finishOuter();
            if (!matched && type == FromItem.JoinType.LEFT) {
                Object[] joined = new Object[outerWidth + innerWidth];
                System.arraycopy(row, 0, joined, 0, outerWidth);
                return joined;
            }
            if (!matched && type == FromItem.JoinType.ANTI) {
                return row;
            }
        }
    }

    /** Ends the current outer row; returns it. */
    private Object[] finishOuter() {
        Object[] row = outerRow;
        outerRow = null;
        return row;
    }
}
