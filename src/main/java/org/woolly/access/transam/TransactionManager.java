package org.woolly.access.transam;

import java.util.function.Function;

/**
 * Starts and ends transactions: XID assignment, the commit log, the set of running
 * transactions that snapshots are taken from, and commit durability (the commit record is
 * flushed before commit returns, concurrent commits sharing one flush). Counterpart of
 * {@code xact.c}, {@code varsup.c}, {@code clog.c} and {@code procarray.c}.
 */
public interface TransactionManager {

    Transaction begin();

    /** A transaction of the backend clients know as {@code processId} (named in deadlock reports). */
    default Transaction begin(int processId) {
        return begin();
    }

    /**
     * Runs {@code reader} with a fresh snapshot of committed state without starting a session
     * transaction (PostgreSQL's catalog snapshot): catalog lookups use it.
     */
    default <T> T readCommitted(Function<Snapshot, T> reader) {
        Transaction reading = begin();
        boolean done = false;
        try {
            T result = reader.apply(reading.takeSnapshot());
            commit(reading);
            done = true;
            return result;
        } finally {
            if (!done) {
                abort(reading);
            }
        }
    }

    /** The server's SIREAD locks and rw-conflicts of SERIALIZABLE transactions; null for managers without them. */
    default org.woolly.storage.lmgr.PredicateLockManager predicateLocks() {
        return null;
    }

    /** The MultiXactId store ({@code multixact.c}); null for managers without one. */
    default MultiXacts multiXacts() {
        return null;
    }

    /**
     * The server's heavyweight lock manager, for the locks a session holds beyond one
     * transaction (advisory session locks) and for pg_locks; null for managers without one.
     */
    default org.woolly.storage.lmgr.LockManager lockManager() {
        return null;
    }

    /**
     * PREPARE TRANSACTION ({@code PrepareTransaction}, {@code MarkAsPreparing}): reserves
     * {@code gid} (42710 if taken, 53200 past {@code maxPrepared}), writes and flushes the
     * PREPARE record with the state recovery needs, and detaches the transaction from its
     * session: it keeps its XID running, its locks and its pending work until
     * {@link #finishPrepared}. On an error nothing is prepared and the caller aborts it.
     */
    default void prepare(Transaction tx, String gid, int ownerOid, int databaseOid, int maxPrepared) {
        throw new org.woolly.utils.error.SqlException(org.woolly.utils.error.SqlState.FEATURE_NOT_SUPPORTED,
                "PREPARE TRANSACTION is not supported by this transaction manager");
    }

    /**
     * The prepared transaction called {@code gid}, now reserved for the caller to finish
     * ({@code LockGXact}): 42704 if there is none, 55000 if another session is finishing it.
     * The caller checks owner and database, then calls {@link #finishPrepared} or
     * {@link #unlockPrepared}.
     */
    default PreparedTransaction lockPrepared(String gid) {
        throw org.woolly.utils.error.SqlException.of(org.woolly.utils.error.SqlState.UNDEFINED_OBJECT,
                "prepared transaction with identifier \"%s\" does not exist", gid);
    }

    /** Gives back a prepared transaction reserved by {@link #lockPrepared} without finishing it. */
    default void unlockPrepared(PreparedTransaction prepared) {}

    /**
     * COMMIT PREPARED ({@code commit} true) or ROLLBACK PREPARED ({@code FinishPreparedTransaction}):
     * the COMMIT_PREPARED or ABORT_PREPARED record, flushed, then the commit log, the proc array,
     * the locks, the files, as a commit or abort of a session's transaction.
     */
    default void finishPrepared(PreparedTransaction prepared, boolean commit) {
        throw new org.woolly.utils.error.SqlException(org.woolly.utils.error.SqlState.FEATURE_NOT_SUPPORTED,
                "two-phase commit is not supported by this transaction manager");
    }

    /** The prepared transactions, oldest first ({@code pg_prepared_xact}). */
    default java.util.List<PreparedTransaction> preparedTransactions() {
        return java.util.List.of();
    }

    /** Commits: writes and flushes the commit record, marks the commit log, runs onCommit actions. */
    void commit(Transaction tx);

    /**
     * Commits with the session's synchronous_commit ({@code off}: false): when false, returns
     * without waiting for the commit record to be flushed, unless the transaction drops
     * relation files. A failure once the commit record is being written is a PANIC, and the
     * transaction has ended all the same.
     */
    default void commit(Transaction tx, boolean synchronousCommit) {
        commit(tx);
    }

    /** Aborts: marks the commit log, drops the storage it created; never throws for a live transaction. */
    void abort(Transaction tx);

    XidStatus status(long xid);

    /** The XID the next transaction to write will get: every XID from here up has not started. */
    long nextXid();

    /**
     * Blocks until {@code xid} has committed or aborted, on behalf of {@code waiter} (the
     * transaction whose lock owner the wait-for graph shows waiting; null for none). The wait
     * ends early with the waiting thread's interrupt (57014, 55P03 lock_timeout, FATAL) or 40P01.
     */
    void waitForCompletion(long xid, Transaction waiter);

    /**
     * As above, with {@code XactLockTableWait}'s error context ({@code context}, e.g. {@code while
     * updating tuple (0,1) in relation "t"}; null for none) on the log_lock_waits lines and on the
     * error that may end the wait.
     */
    default void waitForCompletion(long xid, Transaction waiter, String context) {
        org.woolly.utils.error.WaitContext.during(context, () -> waitForCompletion(xid, waiter));
    }

    /**
     * Blocks until transaction {@code xid} has confirmed or killed its speculative insertion
     * {@code token} ({@code SpeculativeInsertionWait}), or has ended; the waiter then looks at the
     * tuple again. Managers without a lock table wait for the whole transaction.
     */
    default void waitForSpeculativeInsertion(long xid, int token, Transaction waiter) {
        waitForCompletion(xid, waiter);
    }

    /**
     * The xmin horizon ({@code GetOldestNonRemovableTransactionId}): a tuple whose deleter
     * committed below it is dead to every running and future snapshot, so pruning and VACUUM
     * may remove it. 0 (nothing is removable) for managers that keep no proc array.
     */
    default long oldestXmin() {
        return 0;
    }

    /**
     * Whether a hint bit may record that {@code xid} committed: only once its commit record is
     * flushed, or a crash could lose the commit while a page carrying the hint survives
     * ({@code SetHintBits}' {@code XLogNeedsFlush(commitLSN)} check). Until then visibility
     * asks the commit log again. Managers whose commits are always flushed before they are
     * visible keep the default.
     */
    default boolean committedHintAllowed(long xid) {
        return true;
    }

    /**
     * {@code vac_truncate_clog}'s last step ({@code TruncateCLOG}): with {@code frozenXid} the
     * oldest datfrozenxid of the cluster, removes the commit log segments wholly below it and
     * below every running or prepared transaction. Returns the segments removed (0 for managers
     * without a commit log).
     */
    default int truncateCommitLog(long frozenXid) {
        return 0;
    }
}
