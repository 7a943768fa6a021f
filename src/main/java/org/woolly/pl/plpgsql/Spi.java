package org.woolly.pl.plpgsql;

import java.util.List;
import org.woolly.utils.error.SqlException;

/**
 * What the interpreter asks of the session that runs it ({@code spi.c}): statements prepared
 * with typed parameters and run in the current transaction, subtransactions for blocks with an
 * EXCEPTION clause, notices for RAISE. Implemented by the session (tcop).
 */
public interface Spi {

    /** A prepared statement: its result columns (none for a command without RETURNING). */
    interface Plan {
        List<String> columnNames();

        int[] columnTypes();

        int[] columnTypmods();
    }

    /** A statement's outcome: its rows and how many rows it processed (ROW_COUNT). */
    record Result(List<Object[]> rows, long processed) {}

    /** Parses, analyzes and plans one SQL statement; {@code $n} are parameters of the given types. */
    Plan prepare(String sql, int[] parameterTypes);

    /**
     * As above; {@code statement} when it is one of the body's statements (SQL, PERFORM, EXECUTE,
     * a FOR or RETURN QUERY query) rather than an expression the interpreter evaluates:
     * pg_stat_statements tracks those as nested statements ({@code track = all}).
     */
    default Plan prepare(String sql, int[] parameterTypes, boolean statement) {
        return prepare(sql, parameterTypes);
    }

    /** Runs a prepared statement to completion; {@code maxRows} 0 for all rows. */
    Result execute(Plan plan, Object[] parameters, long maxRows);

    /** {@code format_type}: the type's SQL name with its modifier. */
    String formatType(int type, int typmod);

    /** Sends a RAISE below EXCEPTION level as the session's notices go. */
    void notice(SqlException report);

    /** Starts a subtransaction ({@code BeginInternalSubTransaction}); returns its token. */
    Object beginSubtransaction();

    /** Ends it keeping its work ({@code ReleaseCurrentSubTransaction}). */
    void commitSubtransaction(Object token);

    /** Ends it undoing its work ({@code RollbackAndReleaseCurrentSubTransaction}). */
    void rollbackSubtransaction(Object token);
}
