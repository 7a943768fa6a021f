package org.woolly.utils.adt;

import java.util.List;

/**
 * What the statistics functions ask of the server ({@code pgstatfuncs.c},
 * {@code signalfuncs.c}): the server processes as the calling session may see them, the
 * cumulative per-database and background-writer counters, and the signals an administrator
 * sends. The session implements it; the functions never reach the server another way.
 */
public interface ServerActivity {

    /**
     * Every server process, as one snapshot that stays the same for the rest of the statement
     * (PostgreSQL keeps it until the transaction ends); columns the caller may not see are null
     * and its query {@code <insufficient privilege>}.
     */
    List<BackendActivity> backends();

    /**
     * {@code woolly_explain_backend(pid)}: the live plan of the statement process {@code pid}
     * runs now, EXPLAIN ANALYZE's lines with the rows and loops so far; null when it runs none
     * or there is no such process. 42501 when the caller may not see that process's query.
     */
    default List<String> explainBackend(int pid) {
        return null;
    }

    /**
     * {@code pg_cancel_backend} ({@code terminate} false) and {@code pg_terminate_backend}:
     * true when signalled (and, with a positive timeout, ended within it).
     */
    boolean signalBackend(int pid, boolean terminate, long timeoutMillis);

    /** A pg_stat_database counter by its column name; null when the database has no entry. */
    Object databaseCounter(int databaseOid, String column);

    /**
     * A per-relation counter of the current database ({@code pg_stat_get_numscans} and its
     * kin), by the statistics collector's counter name (numscans, live_tuples, blocks_hit, ...); 0 (null for times)
     * for a relation without entry.
     */
    default Object relationCounter(int relationOid, String counter) {
        return counter.startsWith("last_") ? null : (Object) 0L;
    }

    /** {@code pg_stat_reset_single_table_counters(oid)}. */
    default void resetRelation(int relationOid) {}

    /** A pg_stat_bgwriter column. */
    Object backgroundWriterCounter(String column);

    /** {@code pg_stat_reset()}: the current database's counters back to zero. */
    void resetCurrentDatabase();

    /**
     * {@code pg_current_logfile}: the log file the logging collector writes {@code destination}'s
     * lines to (null: the first of stderr, csvlog, jsonlog), null without one.
     */
    default String currentLogfile(org.woolly.utils.error.LogDestination destination) {
        return null;
    }

    /** A pg_stat_wal column (wal_records, wal_bytes, ..., stats_reset); null when unknown. */
    default Object walCounter(String column) {
        return null;
    }

    /** {@code pg_rotate_logfile()}: true when the logging collector will start new files. */
    default boolean rotateLogfile() {
        return false;
    }

    /** The backends running {@code command} (VACUUM, ANALYZE, CREATE INDEX, COPY), one snapshot per statement. */
    default List<ProgressActivity> progress(String command) {
        return List.of();
    }

    /** pg_stat_statements' entries, one snapshot per statement. */
    default List<StatementActivity> statements() {
        return List.of();
    }

    /** {@code pg_stat_statements_reset(userid, dbid, queryid)}: 0 matches any. */
    default void resetStatements(int userOid, int databaseOid, long queryId) {}

    /** A pg_stat_statements_info column: dealloc (a Long) or stats_reset (microseconds since 2000). */
    default Object statementsInfo(String column) {
        return null;
    }

    /** {@code pg_stat_reset_shared('bgwriter')}. */
    void resetShared(String target);
}
