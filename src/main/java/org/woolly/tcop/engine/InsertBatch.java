package org.woolly.tcop.engine;

import org.woolly.executor.QueryExecution;
import org.woolly.utils.error.SqlException;

/**
 * The rows of a COPY FROM waiting to be written together ({@code CopyMultiInsertBuffer} in
 * {@code commands/copyfrom.c}): the same limits as PostgreSQL's, 1000 rows or 64 kB of tuple
 * data, whichever comes first, and the line number of each row so that an error found while
 * writing (a unique violation in an index) still names its line.
 */
final class InsertBatch {
    /** {@code MAX_BUFFERED_TUPLES}. */
    static final int MAXIMUM_ROWS = 1000;
    /** {@code MAX_BUFFERED_BYTES}. */
    static final long MAXIMUM_BYTES = 65535;

    private final QueryExecution execution;
    private final String table;
    private final long[] lineNumbers = new long[MAXIMUM_ROWS];

    InsertBatch(QueryExecution execution, String table) {
        this.execution = execution;
        this.table = table;
    }

    /** Computes and checks the row of input line {@code lineNumber} from the bound parameters. */
    void add(long lineNumber) {
        int index = execution.bufferedRows();
        execution.bufferInsert();
        if (execution.bufferedRows() > index) {
            lineNumbers[index] = lineNumber;
        }
    }

    boolean full() {
        return execution.bufferedRows() >= MAXIMUM_ROWS || execution.bufferedBytes() >= MAXIMUM_BYTES;
    }

    /** Writes the buffered rows; an error gets the context of the row's line, as PostgreSQL gives it then (without its text). */
    void flush() {
        int[] current = {0};
        try {
            execution.flushInserts(row -> current[0] = row);
        } catch (SqlException failed) {
            throw failed.context() != null ? failed
                    : failed.withContext("COPY %s, line %d".formatted(table, lineNumbers[current[0]]));
        }
    }
}
