package org.woolly.tcop.engine;

import java.util.List;
import org.woolly.access.transam.Snapshot;
import org.woolly.access.transam.Transaction;
import org.woolly.access.transam.TransactionManager;
import org.woolly.executor.ExecutorContext;
import org.woolly.protocol.TransactionStatus;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;
import org.woolly.utils.guc.SessionSettings;

/**
 * The transaction state of one session ({@code TBlockState} in {@code xact.c}, reduced to the
 * states the protocol shows): no transaction, an implicit transaction (one simple Query message
 * or one extended batch until Sync), an explicit block (BEGIN ... COMMIT), or a failed block
 * waiting for ROLLBACK.
 *
 * <p>The isolation level and read-only mode are the session's transaction_isolation and
 * transaction_read_only settings ({@code XactIsoLevel}, {@code XactReadOnly}). The level is
 * read when the transaction takes its first snapshot, after which the settings refuse to change
 * it: REPEATABLE READ keeps that snapshot for the whole transaction; READ COMMITTED (and READ
 * UNCOMMITTED, which PostgreSQL runs the same way) takes a new one per statement.
 */
final class TransactionBlock {
    enum State { IDLE, IMPLICIT, IN_BLOCK, FAILED }

    private final TransactionManager manager;
    private final SessionSettings settings;
    /** Deadlock reports name the session's waits by this pid, as pg_backend_pid() shows it. */
    private final int backendPid;
    private State state = State.IDLE;
    private Transaction transaction;
    private long startTimestamp;
    /** PostgreSQL's FirstSnapshotSet. */
    private boolean snapshotTaken;
    private boolean repeatableRead;
    private Snapshot transactionSnapshot;
    /** The statements of one multi-statement Query message run as an implicit block (TBLOCK_IMPLICIT_INPROGRESS). */
    private boolean implicitBlock;
    private org.woolly.pgstat.SessionCounters counters = new org.woolly.pgstat.SessionCounters();
    private Runnable reportStatistics = () -> { };
    /** What the session closes when a transaction ends: its cursors without WITH HOLD. */
    private Runnable transactionEnded = () -> { };
    private org.woolly.executor.DeferredConstraints deferredConstraints = new org.woolly.executor.DeferredConstraints();
    private Runnable beforeCommit = () -> { };
    private Runnable preCommit = () -> { };
    /** The session's LISTEN/NOTIFY state, told of commits, aborts and savepoints as async.c's AtCommit_Notify and kin. */
    private org.woolly.commands.async.SessionNotifications notifications;

    TransactionBlock(TransactionManager manager, SessionSettings settings, int backendPid) {
        this.manager = manager;
        this.settings = settings;
        this.backendPid = backendPid;
    }

    State state() {
        return state;
    }

    TransactionStatus status() {
        return switch (state) {
            case IDLE, IMPLICIT -> TransactionStatus.IDLE;
            case IN_BLOCK -> TransactionStatus.IN_BLOCK;
            case FAILED -> TransactionStatus.FAILED;
        };
    }

    /** The current transaction, starting an implicit one when there is none. */
    Transaction ensure() {
        if (transaction == null) {
            transaction = manager.begin(backendPid);
            startTimestamp = ExecutorContext.nowMicros();
            snapshotTaken = false;
            repeatableRead = false;
            transactionSnapshot = null;
            deferredConstraints = new org.woolly.executor.DeferredConstraints();
            settings.atTransactionStart();
            if (state == State.IDLE) {
                state = State.IMPLICIT;
            }
        }
        return transaction;
    }

    long startTimestamp() {
        return startTimestamp;
    }

    /** BEGIN: the current implicit transaction becomes an explicit block. */
    void begin() {
        ensure();
        state = State.IN_BLOCK;
    }

    /**
     * Called by every statement that reads data, before it does (at parse analysis, as
     * PostgreSQL's {@code GetTransactionSnapshot} in {@code exec_simple_query} and
     * {@code PortalRunUtility}): the first call fixes the isolation level and, for REPEATABLE
     * READ, takes the snapshot the whole transaction will read with.
     */
    void takeFirstSnapshot() {
        Transaction tx = ensure();
        if (snapshotTaken) {
            return;
        }
        snapshotTaken = true;
        String level = setting("transaction_isolation", "read committed");
        repeatableRead = "repeatable read".equals(level) || "serializable".equals(level);
        if ("serializable".equals(level) && manager.predicateLocks() != null) {
            transactionSnapshot = serializableSnapshot(tx, manager.predicateLocks());
        } else if (repeatableRead) {
            transactionSnapshot = tx.takeSnapshot();
        }
        settings.atFirstSnapshot();
    }

    /**
     * The snapshot of a SERIALIZABLE transaction ({@code GetSerializableTransactionSnapshot}):
     * registered with serializable snapshot isolation before it is taken, so every commit the
     * tracker orders before it is in it. SERIALIZABLE READ ONLY DEFERRABLE waits until no
     * concurrent writer can make its snapshot part of an anomaly, taking a new one each time a
     * writer makes it unsafe ({@code GetSafeSnapshot}); it then runs without SIREAD locks.
     */
    private Snapshot serializableSnapshot(Transaction tx, org.woolly.storage.lmgr.PredicateLockManager predicateLocks) {
        boolean readOnly = "on".equals(setting("transaction_read_only", "off"));
        boolean deferrable = readOnly && "on".equals(setting("transaction_deferrable", "off"));
        while (true) {
            org.woolly.storage.lmgr.SerializableXact sxact = predicateLocks.register(backendPid, readOnly,
                    predicateLocksPerRelation(), intSetting("max_pred_locks_per_page", 2));
            tx.serializable(sxact);
            Snapshot snapshot = tx.takeSnapshot();
            if (!deferrable || predicateLocks.awaitSafety(sxact, org.woolly.utils.misc.Interrupts::check)) {
                return snapshot;
            }
            tx.serializable(null);
            predicateLocks.abort(sxact);
        }
    }

    /** max_pred_locks_per_relation; a negative value divides max_pred_locks_per_transaction ({@code MaxPredicateChildLocks}). */
    private int predicateLocksPerRelation() {
        int perRelation = intSetting("max_pred_locks_per_relation", -2);
        return perRelation < 0 ? intSetting("max_pred_locks_per_transaction", 64) / -perRelation : perRelation;
    }

    private int intSetting(String name, int fallback) {
        try {
            return Integer.parseInt(setting(name, Integer.toString(fallback)));
        } catch (NumberFormatException notANumber) {
            return fallback;
        }
    }

    /** The snapshot for the next statement: a new one per statement, or the transaction's first (REPEATABLE READ). */
    Snapshot statementSnapshot() {
        Transaction tx = ensure();
        takeFirstSnapshot();
        if (!repeatableRead) {
            return tx.takeSnapshot();
        }
        return transactionSnapshot.forCommand(tx.xid(), tx.commandId());
    }

    boolean repeatableRead() {
        return repeatableRead;
    }

    /**
     * {@code PreventCommandIfReadOnly}: 25006 naming the command (INSERT, CREATE TABLE, ...)
     * when the current transaction is read-only (BEGIN READ ONLY, SET TRANSACTION READ ONLY,
     * default_transaction_read_only).
     */
    void checkWritable(String command) {
        if (readOnly()) {
            throw SqlException.of(SqlState.READ_ONLY_SQL_TRANSACTION, "cannot execute %s in a read-only transaction",
                    command);
        }
    }

    /** Whether the current transaction (started if none is) is read-only. */
    boolean readOnly() {
        ensure();
        return "on".equals(setting("transaction_read_only", "off"));
    }

    /** A setting as SHOW prints it, or the fallback where the session's settings lack it. */
    private String setting(String name, String fallback) {
        try {
            return settings.show(name);
        } catch (SqlException unknown) {
            return fallback;
        }
    }

    /**
     * Where the block counts its commits and rollbacks (xact_commit, xact_rollback) and what it
     * calls when a transaction has ended ({@code pgstat_report_stat} at transaction end).
     */
    void reportTo(org.woolly.pgstat.SessionCounters sessionCounters, Runnable transactionEnded) {
        this.counters = sessionCounters;
        this.reportStatistics = transactionEnded;
    }

    /** Runs {@code action} at the end of each transaction, committed or not ({@code AtCommit_Portals}, {@code AtAbort_Portals}). */
    void onTransactionEnd(Runnable action) {
        this.transactionEnded = action;
    }

    /** {@code {xid, xmin}} of the current transaction for pg_stat_activity; 0 where there is none. */
    long[] transactionIds() {
        Transaction tx = transaction;
        if (tx == null) {
            return new long[] {0, 0};
        }
        Snapshot held = transactionSnapshot;
        return new long[] {tx.xid(), held == null ? 0 : held.xmin()};
    }

    /** The current transaction's deferred constraint checks and SET CONSTRAINTS modes. */
    org.woolly.executor.DeferredConstraints deferredConstraints() {
        return deferredConstraints;
    }

    /** What runs before a commit ({@code AfterTriggerFireDeferred} in {@code CommitTransaction}). */
    void beforeCommit(Runnable action) {
        this.beforeCommit = action;
    }

    /** The session's LISTEN/NOTIFY state, which follows the transaction's ends and savepoints. */
    void notifications(org.woolly.commands.async.SessionNotifications sessionNotifications) {
        this.notifications = sessionNotifications;
    }

    /** What runs before every commit, after the deferred checks ({@code PreCommit_on_commit_actions}). */
    void preCommit(Runnable action) {
        this.preCommit = action;
    }

    /**
     * Commits; the deferred constraint checks run first, and if one fails (23505, 23503) the
     * transaction rolls back instead and the error goes to the client, as in PostgreSQL.
     */
    void commit() {
        if (transaction != null) {
            try {
                preCommitWork();
                // PreCommit_Notify: the notifications enter the queue before the commit record (54000 if full)
                notifications.preCommit();
            } catch (RuntimeException error) {
                rollback();
                throw error;
            }
        }
        Transaction tx = transaction;
        transaction = null;
        state = State.IDLE;
        if (tx != null) {
            // synchronous_commit is per transaction: the value in force now, SET LOCAL included.
            boolean synchronous = !"off".equalsIgnoreCase(settings.getString("synchronous_commit"));
            try {
                manager.commit(tx, synchronous);
            } catch (RuntimeException error) {
                endSerializable(tx, false);
                notifications.atAbort();
                settings.atTransactionEnd(false);
                counters.transactionsRolledBack++;
                reportStatistics.run();
                transactionEnded.run();
                throw error;
            }
            endSerializable(tx, true);
            notifications.atCommit();
            settings.atTransactionEnd(true);
            counters.transactionsCommitted++;
            reportStatistics.run();
            transactionEnded.run();
        }
    }

    /** What runs before a commit or a PREPARE: deferred checks, pre-commit actions, the serializable conflict check. */
    private void preCommitWork() {
        if (!deferredConstraints.isEmpty()) {
            beforeCommit.run();
        }
        preCommit.run();
        if (transaction.serializable() != null) {
            manager.predicateLocks().preCommit(transaction.serializable());
        }
    }

    /**
     * PREPARE TRANSACTION in a block ({@code PrepareTransaction}): the deferred checks and
     * pre-commit work run as for COMMIT, then {@code checks} (the refusals PostgreSQL makes
     * before the state is written), then the transaction manager prepares it. The session is
     * then idle: the transaction lives on, prepared, until COMMIT or ROLLBACK PREPARED. On any
     * error the transaction rolls back and the error goes to the client, as in PostgreSQL.
     */
    void prepare(String gid, int ownerOid, int databaseOid, int maxPrepared, java.util.function.Consumer<Transaction> checks) {
        try {
            preCommitWork();
            checks.accept(transaction);
            manager.prepare(transaction, gid, ownerOid, databaseOid, maxPrepared);
        } catch (RuntimeException error) {
            rollback();
            throw error;
        }
        transaction = null;
        state = State.IDLE;
        // GUCs end as at commit (AtEOXact_GUC(true) in PrepareTransaction)
        settings.atTransactionEnd(true);
        reportStatistics.run();
        transactionEnded.run();
    }

    void rollback() {
        Transaction tx = transaction;
        transaction = null;
        state = State.IDLE;
        if (tx != null) {
            try {
                manager.abort(tx);
            } finally {
                endSerializable(tx, false);
                notifications.atAbort();
                settings.atTransactionEnd(false);
                counters.transactionsRolledBack++;
                reportStatistics.run();
                transactionEnded.run();
            }
        }
    }

    /** Ends the transaction's serializable tracking once its commit is visible, or at abort ({@code ReleasePredicateLocks}). */
    private void endSerializable(Transaction tx, boolean committed) {
        org.woolly.storage.lmgr.SerializableXact sxact = tx.serializable();
        if (sxact == null) {
            return;
        }
        if (committed) {
            manager.predicateLocks().commit(sxact);
        } else {
            manager.predicateLocks().abort(sxact);
        }
    }

    /**
     * After an error: an implicit transaction rolls back; an explicit block becomes FAILED. With
     * savepoints open the transaction is kept, failed, for ROLLBACK TO SAVEPOINT to resume
     * (TBLOCK_SUBABORT); its rows and locks of the failed savepoint go when that runs or when
     * the whole transaction rolls back.
     */
    void fail() {
        boolean inBlock = state == State.IN_BLOCK || state == State.FAILED;
        if (inBlock && transaction != null && transaction.savepointDepth() > 0) {
            state = State.FAILED;
            return;
        }
        rollback();
        if (inBlock) {
            state = State.FAILED;
        }
    }

    /** SAVEPOINT: a subtransaction inside the block (25P01 outside one, 25P02 in a failed one, checked before). */
    void savepoint(String name) {
        requireBlock("SAVEPOINT");
        transaction.defineSavepoint(name);
        settings.atSubtransactionStart();
        deferredConstraints.atSubtransactionStart();
        notifications.atSubtransactionStart();
    }

    /** RELEASE SAVEPOINT: the named savepoint and those inside it end, their work kept (3B001 if unknown). */
    void releaseSavepoint(String name) {
        requireBlock("RELEASE SAVEPOINT");
        int depthBefore = transaction.savepointDepth();
        transaction.releaseSavepoint(name);
        // each savepoint inside the named one commits in turn, as CommitSubTransaction does
        for (int depth = depthBefore; depth > transaction.savepointDepth(); depth--) {
            settings.atSubtransactionEnd(true);
            deferredConstraints.atSubtransactionEnd(true);
            notifications.atSubtransactionEnd(true);
        }
    }

    /**
     * ROLLBACK TO SAVEPOINT: undoes the work since the named savepoint, which stays open, and
     * clears the failed state (3B001 if unknown, the block staying as it was). A block that failed
     * with no savepoint has no transaction left to resume: the name is unknown then, as in
     * PostgreSQL.
     */
    void rollbackToSavepoint(String name) {
        if (state == State.FAILED && transaction == null) {
            throw SqlException.of(SqlState.INVALID_SAVEPOINT_SPECIFICATION, "savepoint \"%s\" does not exist", name);
        }
        requireBlock("ROLLBACK TO SAVEPOINT");
        int depthBefore = transaction.savepointDepth();
        transaction.rollbackToSavepoint(name);
        // the named savepoint and those inside it abort, and the named one starts again
        for (int depth = depthBefore; depth >= transaction.savepointDepth(); depth--) {
            settings.atSubtransactionEnd(false);
            deferredConstraints.atSubtransactionEnd(false);
            notifications.atSubtransactionEnd(false);
        }
        settings.atSubtransactionStart();
        deferredConstraints.atSubtransactionStart();
        notifications.atSubtransactionStart();
        state = State.IN_BLOCK;
    }

    private void requireBlock(String command) {
        if (state != State.IN_BLOCK && state != State.FAILED || transaction == null) {
            throw SqlException.of(SqlState.NO_ACTIVE_SQL_TRANSACTION, "%s can only be used in transaction blocks",
                    command);
        }
    }

    /**
     * The block's isolation level, read-only and deferrable modes, for AND CHAIN. A failed
     * block's are gone: PostgreSQL's abort undoes the SETs that gave them, so a chained
     * transaction after an error starts from the defaults.
     */
    List<TransactionModes.Mode> characteristics() {
        return state == State.FAILED ? List.of() : TransactionModes.current(settings);
    }

    boolean inExplicitBlock() {
        return state == State.IN_BLOCK;
    }

    /**
     * Marks the statements that follow, up to the end of the Query message, as one implicit
     * transaction block, as {@code exec_simple_query} does for a string of several statements.
     */
    void implicitBlock(boolean on) {
        implicitBlock = on;
    }

    /**
     * {@code IsTransactionBlock}: inside BEGIN ... COMMIT or an implicit block, where SET LOCAL
     * and SET TRANSACTION apply without a warning and DISCARD ALL may not run.
     */
    boolean inTransactionBlock() {
        return state == State.IN_BLOCK || implicitBlock && state != State.FAILED;
    }
}
