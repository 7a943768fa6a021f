package org.woolly.tcop;

import org.woolly.commands.async.Notification;
import org.woolly.protocol.TransactionStatus;
import org.woolly.utils.misc.Interrupts;

import org.woolly.nodes.parse.RawStatement;

import java.util.List;

/**
 * The query side of one backend: parse, analyze and plan, bind, run, and the transaction
 * state that spans messages. The message loop (protocol side) drives it the way
 * {@code PostgresMain} drives {@code exec_simple_query} and the extended-protocol handlers.
 *
 * <p>Transactions: each statement runs inside the current transaction block, or inside an
 * implicit transaction that starts when needed and that the loop ends with
 * {@link #finishImplicitTransaction()} at the end of a simple Query message and at Sync.
 * After any error the loop calls {@link #abortAfterError()}: an implicit transaction rolls
 * back; an explicit block becomes FAILED until ROLLBACK (statements then get 25P02).
 */
public interface SessionEngine extends AutoCloseable {

    /** Splits and parses a query string; syntax errors carry their 1-based position. */
    List<RawStatement> parse(String queryString);

    /**
     * Analyzes and plans one parsed statement. {@code parameterTypes} are the types the client
     * declared (0 entries, or 0 for "unspecified", are inferred). {@code queryString} is the
     * whole string the statement came from (error positions are relative to it).
     */
    PreparedQuery prepare(RawStatement statement, String queryString, int[] parameterTypes);

    /**
     * Binds parameter values (already converted from the wire to their Java representation by
     * the loop, using {@link PreparedQuery#parameterTypes()}) and returns a portal ready to run.
     */
    Portal bind(PreparedQuery query, Object[] parameters);

    /**
     * Before a Describe of a prepared statement sends its RowDescription: the statement's plan
     * checked against the catalog as now and re-planned if stale, as {@code CachedPlanGetTargetList}
     * does, so the columns described are those the statement will return (42P01 for a dropped
     * table, 0A000 for a changed row type).
     */
    default void revalidate(PreparedQuery query) {
    }

    /**
     * Called before the first statement of a simple Query message that holds several: they run
     * as one implicit transaction block ({@code BeginImplicitTransactionBlock}), so SET LOCAL and
     * SET TRANSACTION apply to it instead of warning. Ends with the message.
     */
    default void beginImplicitBlock() {
    }

    /** Commits the implicit transaction if one is open (not inside BEGIN ... COMMIT). */
    void finishImplicitTransaction();

    /** Cleans up after an error; see the class comment. Never throws. */
    void abortAfterError();

    TransactionStatus transactionStatus();

    /**
     * Asks the running statement to stop at its next check with 57014 "canceling statement due
     * to user request", a lock wait included. Called from another thread (CancelRequest); a
     * cancel that arrives while the backend is idle is dropped when the next message is read.
     */
    void cancel();

    /**
     * The backend's interrupt flags (cancel, timeouts, termination), bound to the backend thread
     * while it runs; null for an engine that has none.
     */
    default Interrupts interrupts() {
        return null;
    }

    /** Ends the session: rolls back any open transaction and releases locks and portals. */
    @Override
    void close();

    /** {@code {xid, xmin}} of the session's transaction (pg_stat_activity's backend_xid, backend_xmin); 0: none. */
    default long[] transactionIds() {
        return new long[] {0, 0};
    }

    /**
     * The notifications that arrived on the channels the session listens on, for the loop to
     * send as NotificationResponse messages; called only when no transaction is open
     * ({@code ProcessIncomingNotify}). Empty when there are none.
     */
    default List<Notification> takeNotifications() {
        return List.of();
    }

    /**
     * Registers what to run, from another thread and without blocking, when notifications may
     * have arrived for the session ({@code HandleNotifyInterrupt}).
     */
    default void onNotificationsPending(Runnable signal) {
    }

    /** The OID of the session's database (pg_stat_activity's datid); 0 when not known. */
    default int databaseOid() {
        return 0;
    }
}
