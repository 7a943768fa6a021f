package org.woolly.tcop;

/**
 * A bound, executable statement: a prepared query with its parameter values. Execution may be
 * split by row limits (Execute with a maximum row count, then PortalSuspended) and resumed.
 * Counterpart of {@code src/backend/tcop/pquery.c} and {@code utils/mmgr/portalmem.c}.
 */
public interface Portal extends AutoCloseable {

    PreparedQuery query();

    /**
     * Runs until {@code maxRows} rows have been sent ({@code maxRows <= 0}: no limit) or the
     * statement completes. Returns the CommandComplete tag (e.g. "SELECT 3", "INSERT 0 1",
     * "UPDATE 2", "CREATE TABLE") when it completed, or null when suspended by the row limit.
     * Errors come as {@link org.woolly.utils.error.SqlException}.
     */
    String run(int maxRows, RowSink sink);

    /**
     * Runs a COPY statement with the client's side of the copy sub-protocol; returns its tag
     * ({@code COPY n}).
     */
    default String runCopy(CopyChannel channel) {
        throw org.woolly.utils.error.SqlException.of(org.woolly.utils.error.SqlState.FEATURE_NOT_SUPPORTED,
                "COPY is not supported by this engine");
    }

    /** Releases the portal's resources (a suspended scan, its snapshot). */
    @Override
    void close();
}
