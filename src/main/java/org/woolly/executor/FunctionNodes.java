package org.woolly.executor;

import java.util.Collections;
import java.util.Iterator;
import org.woolly.utils.adt.RecordValue;

/**
 * The nodes that call set-returning functions ({@code nodeFunctionscan.c}, {@code nodeProjectSet.c}).
 * A set-returning call evaluates to an {@link Iterator} of its values, or to null when a strict
 * function had a NULL argument (no rows).
 */
final class FunctionNodes {
    private FunctionNodes() {}

    /** The values of one evaluated call: its iterator, nothing for NULL, the single value of a plain function. */
    static Iterator<?> values(Object result, boolean returnsSet) {
        if (!returnsSet) {
            return Collections.singletonList(result).iterator();
        }
        return result == null ? Collections.emptyIterator() : (Iterator<?>) result;
    }

    /**
     * A function in FROM: evaluated at open (and at each rescan), a row per value, numbered WITH
     * ORDINALITY. A function returning rows has each record spread over {@code recordColumns}
     * columns, a NULL record giving NULLs ({@code ExecMakeTableFunctionResult}).
     */
    static final class FunctionScan implements ExecNode {
        private final CompiledExpression call;
        private final boolean returnsSet;
        private final boolean ordinality;
        private final int recordColumns;
        private Iterator<?> values;
        private long ordinal;

        FunctionScan(CompiledExpression call, boolean returnsSet, boolean ordinality, int recordColumns) {
            this.call = call;
            this.returnsSet = returnsSet;
            this.ordinality = ordinality;
            this.recordColumns = recordColumns;
        }

        @Override
        public void open() {
            values = values(call.evaluate(null), returnsSet);
            ordinal = 0;
        }

        @Override
        public Object[] next() {
            if (!values.hasNext()) {
                return null;
            }
            Object value = values.next();
            ordinal++;
            if (recordColumns > 0) {
                Object[] row = new Object[recordColumns + (ordinality ? 1 : 0)];
                if (value instanceof RecordValue record) {
                    System.arraycopy(record.values(), 0, row, 0, Math.min(recordColumns, record.size()));
                }
                if (ordinality) {
                    row[recordColumns] = ordinal;
                }
                return row;
            }
            return ordinality ? new Object[] {value, ordinal} : new Object[] {value};
        }

        @Override
        public void close() {
            values = null;
        }
    }

    /**
     * Set-returning functions in the select list: per input row the calls step together until
     * every one is exhausted (a call that ends early gives NULL); an input row for which every
     * call returns nothing gives no row.
     */
    static final class ProjectSet implements ExecNode {
        private final ExecNode input;
        private final CompiledExpression[] calls;
        private final CompiledExpression[] exprs;
        private Object[] inputRow;
        private Iterator<?>[] running;

        ProjectSet(ExecNode input, CompiledExpression[] calls, CompiledExpression[] exprs) {
            this.input = input;
            this.calls = calls;
            this.exprs = exprs;
        }

        @Override
        public void open() {
            input.open();
            inputRow = null;
        }

        @Override
        public Object[] next() {
            while (true) {
                if (inputRow == null) {
                    inputRow = input.next();
                    if (inputRow == null) {
                        return null;
                    }
                    running = new Iterator<?>[calls.length];
                    for (int i = 0; i < calls.length; i++) {
                        running[i] = values(calls[i].evaluate(inputRow), true);
                    }
                }
                Object[] extended = new Object[calls.length + inputRow.length];
                boolean any = false;
                for (int i = 0; i < calls.length; i++) {
                    if (running[i].hasNext()) {
                        extended[i] = running[i].next();
                        any = true;
                    }
                }
                if (!any) {
                    inputRow = null;
                    continue;
                }
                System.arraycopy(inputRow, 0, extended, calls.length, inputRow.length);
                Object[] row = new Object[exprs.length];
                for (int i = 0; i < exprs.length; i++) {
                    row[i] = exprs[i].evaluate(extended);
                }
                return row;
            }
        }

        @Override
        public void close() {
            input.close();
        }
    }
}
