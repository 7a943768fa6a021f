package org.woolly.utils.adt;

/**
 * What a built-in function may ask of the session and transaction that call it: the
 * counterpart of the backend globals PostgreSQL's C functions read ({@code GetCurrentTransactionStartTimestamp},
 * {@code GetUserId}, {@code MyProcPid}, GUC access in {@code src/backend/utils/misc/guc.c}).
 * The executor implements it; functions never reach for session state any other way.
 */
public interface FunctionContext {

    FormatSettings formatSettings();

    /** {@code current_setting(name, missing_ok)}: null when missing and {@code missingOk}. */
    String currentSetting(String name, boolean missingOk);

    /** {@code set_config(name, value, is_local)}: returns the new value as SHOW would print it. */
    String setConfig(String name, String value, boolean isLocal);

    /**
     * The session's pg_settings rows (PostgreSQL's {@code pg_show_all_settings()}): one text per
     * column, null for NULL, in name order.
     */
    default java.util.List<String[]> settingRows() {
        return java.util.List.of();
    }

    /** Start of the current transaction, microseconds since 2000-01-01 UTC. */
    long transactionTimestamp();

    /** Start of the current statement, microseconds since 2000-01-01 UTC. */
    long statementTimestamp();

    String currentUser();

    String sessionUser();

    String currentDatabase();

    String currentSchema();

    int backendPid();

    /** The current transaction's top-level XID, assigned now if it has none ({@code txid_current()}). */
    default long currentTransactionId() {
        throw new org.woolly.utils.error.SqlException(org.woolly.utils.error.SqlState.FEATURE_NOT_SUPPORTED,
                "txid_current() is not supported here");
    }

    /** Throws the pending cancel or timeout error, if any (long-running functions call it). */
    void checkForInterrupts();

    /**
     * Waits {@code nanos} (pg_sleep), in slices of {@link org.woolly.utils.misc.Interrupts#WAIT_SLICE_MILLIS}
     * with {@link #checkForInterrupts()} between them, so a cancel or statement_timeout ends it
     * early with its error. A backend's context also shows the wait in pg_stat_activity.
     */
    default void sleep(long nanos) {
        long end = System.nanoTime() + nanos;
        long sliceNanos = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(
                org.woolly.utils.misc.Interrupts.WAIT_SLICE_MILLIS);
        checkForInterrupts();
        long left;
        while ((left = end - System.nanoTime()) > 0) {
            try {
                java.util.concurrent.TimeUnit.NANOSECONDS.sleep(Math.min(left, sliceNanos));
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                checkForInterrupts();
                return;
            }
            checkForInterrupts();
        }
    }

    /** The session's catalog, for pg_table_is_visible and its kin; 0A000 where there is none. */
    default CatalogInquiries catalogInquiries() {
        throw new org.woolly.utils.error.SqlException(org.woolly.utils.error.SqlState.FEATURE_NOT_SUPPORTED,
                "catalog functions are not available here");
    }

    /** The session's sequences, for nextval and its kin; 0A000 where there are none (tests, constant folding). */
    default SequenceOperations sequences() {
        throw new org.woolly.utils.error.SqlException(org.woolly.utils.error.SqlState.FEATURE_NOT_SUPPORTED,
                "sequence functions are not available here");
    }

    /** The server's processes and statistics (pg_stat_activity and its kin); 0A000 where there are none. */
    default ServerActivity serverActivity() {
        throw new org.woolly.utils.error.SqlException(org.woolly.utils.error.SqlState.FEATURE_NOT_SUPPORTED,
                "statistics functions are not available here");
    }

    /** The current transaction's top-level XID, or null if it has none yet ({@code pg_current_xact_id_if_assigned}). */
    default Long currentTransactionIdIfAssigned() {
        throw new org.woolly.utils.error.SqlException(org.woolly.utils.error.SqlState.FEATURE_NOT_SUPPORTED,
                "transaction IDs are not available here");
    }

    /** The statement's snapshot as pg_current_snapshot() shows it. */
    default XidSnapshot currentSnapshot() {
        throw new org.woolly.utils.error.SqlException(org.woolly.utils.error.SqlState.FEATURE_NOT_SUPPORTED,
                "snapshots are not available here");
    }

    /**
     * {@code pg_xact_status}: "in progress", "committed" or "aborted"; null for a special XID;
     * 22023 for an XID not yet assigned.
     */
    default String transactionStatus(long xid) {
        throw new org.woolly.utils.error.SqlException(org.woolly.utils.error.SqlState.FEATURE_NOT_SUPPORTED,
                "transaction status is not available here");
    }

    /** The session's LISTEN/NOTIFY state (pg_notify and its kin); 0A000 where there is none. */
    default NotificationFunctions notifications() {
        throw new org.woolly.utils.error.SqlException(org.woolly.utils.error.SqlState.FEATURE_NOT_SUPPORTED,
                "notification functions are not available here");
    }

    /** The session's advisory locks and lock-wait information; 0A000 where there are none. */
    default LockFunctions lockFunctions() {
        throw new org.woolly.utils.error.SqlException(org.woolly.utils.error.SqlState.FEATURE_NOT_SUPPORTED,
                "lock functions are not available here");
    }
}
