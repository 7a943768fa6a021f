package org.woolly.tcop;

import org.woolly.protocol.ResultColumn;
import java.util.List;

/**
 * An analyzed statement ready to bind: the unit behind a protocol-level prepared statement
 * (Parse) and behind each statement of a simple Query. Counterpart of
 * {@code CachedPlanSource} ({@code src/backend/utils/cache/plancache.c}).
 */
public interface PreparedQuery {

    /** The statement's own text (for logs and pg_stat_activity). */
    String sourceText();

    /** Parameter type OIDs, including those the analyzer inferred ($n with unspecified type). */
    int[] parameterTypes();

    /** The columns the statement returns (RowDescription), or an empty list when it returns no rows. */
    List<ResultColumn> resultColumns();

    /**
     * Whether the statement returns rows, so the client gets a RowDescription (NoData
     * otherwise): a query does even when it has no columns ({@code SELECT;} is one row of
     * zero columns), a utility statement when it has output columns.
     */
    default boolean returnsRows() {
        return !resultColumns().isEmpty();
    }

    /** The command tag word(s) for CommandComplete before any count, e.g. "SELECT", "INSERT", "CREATE TABLE". */
    String commandName();

    /** The parsed statement, for log_statement's classification; null when not known. */
    default org.woolly.nodes.parse.Statement parsedStatement() {
        return null;
    }

    /**
     * The query id and normalized text pg_stat_statements records a top-level run under; null
     * for what it does not track (PREPARE, DEALLOCATE, statements run from inside others).
     */
    default org.woolly.parser.QueryJumble.Fingerprint fingerprint() {
        return null;
    }
}
