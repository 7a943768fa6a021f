package org.woolly.access.transam;

import java.util.List;
import java.util.function.Function;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.woolly.storage.ipc.ProcArray;
import org.woolly.storage.lmgr.LockManager;
import org.woolly.storage.lmgr.LockMode;
import org.woolly.storage.lmgr.LockTag;
import org.woolly.storage.smgr.RelFileLocator;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * Transactions over the WAL, the commit log, the proc array and the lock manager.
 * Commit: commit record (flushed when the session's synchronous_commit is not off, or when the
 * transaction drops files; concurrent commits share a flush through the WAL's group commit),
 * commit log COMMITTED, out of the proc array, locks released (waiters on the XID wake), files
 * dropped, onCommit actions; a failure before the transaction is out of the proc array is a
 * PANIC, and the transaction ends anyway. Abort: abort record (not
 * flushed), ABORTED, proc array, locks, created files removed. XIDs start at 3
 * ({@code FirstNormalTransactionId}) and are WAL-logged ahead in batches (NEXTXID) so a crash
 * never reuses one. Counterpart of {@code xact.c} ({@code CommitTransaction},
 * {@code AbortTransaction}), {@code varsup.c} and {@code transam.c}.
 */
public final class DefaultTransactionManager implements TransactionManager {
    public static final long FIRST_NORMAL_XID = 3;
    public static final long BOOTSTRAP_XID = 1;
    public static final long FROZEN_XID = 2;
    /** How many XIDs one NEXTXID record covers. */
    static final int XID_BATCH = 1024;

    private final WriteAheadLog wal;
    private final CommitLog commitLog;
    private final ProcArray procArray;
    private final LockManager lockManager;
    /** Serializable snapshot isolation's SIREAD locks and rw-conflicts ({@code predicate.c}). */
    private final org.woolly.storage.lmgr.PredicateLockManager predicateLocks =
            new org.woolly.storage.lmgr.PredicateLockManager();
    private final RelationFileOperations files;
    private final boolean synchronousCommit;
    private final AtomicLong nextOwner = new AtomicLong(1);
    /** Held shared by committers from commit record to commit log bit ({@code DELAY_CHKPT_START}). */
    private final ReentrantReadWriteLock checkpointInterlock = new ReentrantReadWriteLock();
    /** Commit record LSNs, so hints wait for asynchronous commits to be flushed. */
    private final CommitLsnGroups commitLsns;
    /** XIDs below this are covered by a NEXTXID record already; guarded by the proc array's lock. */
    private volatile long xidLoggedLimit;
    /** The prepared transactions and their pg_twophase files; null where two-phase commit is off (unit tests). */
    private TwoPhaseState twoPhase;

    private volatile MultiXacts multiXacts;

    public DefaultTransactionManager(WriteAheadLog wal, CommitLog commitLog, LockManager lockManager,
                                     RelationFileOperations files, long nextXid, boolean synchronousCommit) {
        this.wal = wal;
        this.commitLog = commitLog;
        this.lockManager = lockManager;
        this.files = files;
        this.synchronousCommit = synchronousCommit;
        this.procArray = new ProcArray(Math.max(nextXid, FIRST_NORMAL_XID));
        this.xidLoggedLimit = 0;
        this.commitLsns = new CommitLsnGroups(wal::flushedLsn);
    }

    /** Attaches the MultiXactId store start-up opened beside the commit log. */
    public void multiXacts(MultiXacts store) {
        this.multiXacts = store;
    }

    @Override
    public MultiXacts multiXacts() {
        return multiXacts;
    }

    @Override
    public TopTransaction begin() {
        return begin(0);
    }

    /**
     * A transaction of the backend whose pid clients see as {@code processId} (0: none, then
     * deadlock reports name its lock owner number instead).
     */
    @Override
    public TopTransaction begin(int processId) {
        long owner = nextOwner.getAndIncrement();
        return new TopTransaction(this, procArray.add(owner), processId == 0 ? owner : processId);
    }

    /**
     * A snapshot of committed state for catalog reads, registered in the proc array (so VACUUM
     * keeps what it sees) only while {@code reader} runs. It is no transaction: it holds no locks
     * and is no lock owner, so it never stands in for the session's transaction.
     */
    @Override
    public <T> T readCommitted(Function<Snapshot, T> reader) {
        ProcArray.Entry entry = procArray.add(nextOwner.getAndIncrement());
        try {
            return reader.apply(TopTransaction.snapshotOf(procArray.takeSnapshot(entry), 0));
        } finally {
            procArray.remove(entry);
        }
    }

    long assignXid(TopTransaction tx) {
        return procArray.assignXid(tx.entry, xid -> beforeAssign(tx, xid));
    }

    /** A subtransaction's XID, from the same counter, running as part of {@code tx}'s proc array entry. */
    long assignSubXid(TopTransaction tx) {
        return procArray.assignSubXid(tx.entry, xid -> beforeAssign(tx, xid));
    }

    /**
     * Under the proc array lock, before {@code xid} is handed out: the counter is WAL-logged
     * ahead when a batch is used up, and the owner takes the XID's lock, held until the XID ends
     * (the transaction's end, or the rollback of its subtransaction): that is what
     * waitForCompletion waits on.
     */
    private void beforeAssign(TopTransaction tx, long xid) {
        if (xid >= xidLoggedLimit) {
            xidLoggedLimit = xid + XID_BATCH;
            wal.insert(TransactionRecords.counter(TransactionRecords.XLOG_NEXTXID, xidLoggedLimit));
        }
        lockManager.tryAcquire(tx.ownerId(), tx.processId(), new LockTag.Transaction(xid), LockMode.EXCLUSIVE);
    }

    /**
     * Rolls back subtransaction XIDs of {@code tx} ({@code RecordTransactionAbort} for a
     * subtransaction): one abort record for the first, listing the others and the files created
     * inside, then commit log ABORTED for each, out of the proc array, their XID locks released
     * (row waiters wake and see the change undone), the files removed. Nothing is written when
     * the savepoint wrote nothing. A failure of the record or the bits is logged: not committed
     * is aborted after a crash, as for a top-level abort.
     */
    void abortSubtransaction(TopTransaction tx, List<Long> xids, List<RelFileLocator> created) {
        if (!xids.isEmpty()) {
            List<Long> sorted = xids.stream().sorted().toList();
            long xid = sorted.getFirst();
            try {
                long end = wal.insert(TransactionRecords.transactionEnd(TransactionRecords.XACT_ABORT, xid,
                        new TransactionRecords.TransactionEnd(System.currentTimeMillis(), List.copyOf(created),
                                sorted.subList(1, sorted.size()))));
                for (long each : sorted) {
                    commitLog.set(each, XidStatus.ABORTED, end);
                }
            } catch (RuntimeException e) {
                System.getLogger(DefaultTransactionManager.class.getName())
                        .log(System.Logger.Level.WARNING, "error during abort of subtransaction " + xid, e);
            }
            procArray.removeSubXids(tx.entry, sorted);
            for (long each : sorted) {
                lockManager.release(tx.ownerId(), new LockTag.Transaction(each), LockMode.EXCLUSIVE);
            }
        }
        for (RelFileLocator relation : created) {
            files.drop(relation);
        }
    }

    void logAndCreate(long xid, RelFileLocator relation) {
        wal.insert(TransactionRecords.storageCreate(xid, relation));
        files.create(relation);
    }

    @Override
    public void commit(Transaction transaction) {
        commit(transaction, synchronousCommit);
    }

    /**
     * Commits. Writing the commit record and setting the commit log bit is PostgreSQL's critical
     * section in {@code RecordTransactionCommit}: a failure there is a PANIC (the server must
     * restart through recovery, which decides from the WAL whether the commit happened), and the
     * transaction ends all the same: out of the proc array, its locks released and its waiters
     * woken, so no row stays locked behind a commit that threw.
     */
    @Override
    public void commit(Transaction transaction, boolean synchronous) {
        TopTransaction tx = own(transaction);
        if (tx.ended) {
            throw new SqlException(SqlState.INVALID_TRANSACTION_STATE, "transaction has already ended");
        }
        long xid = tx.xid();
        try {
            if (xid != 0) {
                recordCommit(tx, xid, TransactionRecords.XACT_COMMIT, synchronous);
            }
        } catch (RuntimeException | Error e) {
            throw criticalSectionFailure(e);
        } finally {
            finish(tx);
        }
        afterCommit(tx);
    }

    /** Once committed and out of the proc array: the dropped relations' files go, then the onCommit actions. */
    private void afterCommit(TopTransaction tx) {
        for (RelFileLocator relation : tx.relationsToDropAtCommit) {
            files.drop(relation);
        }
        for (Runnable action : tx.commitActions) {
            action.run();
        }
    }

    private void recordCommit(TopTransaction tx, long xid, int info, boolean synchronous) {
        // Between the commit record and its commit log bit a checkpoint must not pick its redo
        // point: the record would not be replayed and the bit would not be in the flushed clog.
        checkpointInterlock.readLock().lock();
        try {
            List<Long> subXids = tx.subXids();
            long end = wal.insert(TransactionRecords.transactionEnd(info, xid,
                    new TransactionRecords.TransactionEnd(System.currentTimeMillis(),
                            List.copyOf(tx.relationsToDropAtCommit), subXids)));
            // Files dropped at commit go right after this returns: if the commit record were lost
            // in a crash, the catalog would still name them. So such a commit is synchronous
            // whatever synchronous_commit says, as in RecordTransactionCommit.
            if (synchronous || !tx.relationsToDropAtCommit.isEmpty()) {
                wal.flush(end);
            }
            // the subtransactions' bits before the top's: all of them are in the proc array until
            // finish, so status() shows them running until every bit is set
            for (long subXid : subXids) {
                commitLsns.record(subXid, end);
                commitLog.set(subXid, XidStatus.COMMITTED, end);
            }
            commitLsns.record(xid, end);
            commitLog.set(xid, XidStatus.COMMITTED, end);
        } finally {
            checkpointInterlock.readLock().unlock();
        }
    }

    /** Two-phase commit's state and files (set once at start-up, before recovery). */
    void twoPhase(TwoPhaseState state) {
        this.twoPhase = state;
    }

    private TwoPhaseState twoPhase() {
        if (twoPhase == null) {
            throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "two-phase commit is not supported here");
        }
        return twoPhase;
    }

    /**
     * PREPARE TRANSACTION ({@code PrepareTransaction}): an XID is assigned if the transaction has
     * none (a prepared transaction always has one), the GID reserved, the PREPARE record with
     * the transaction's state written and flushed (with the commit interlock held, so a
     * checkpoint either sees it valid and writes its state file or has its redo point before
     * the record), and the locks stop being the session's. The transaction stays in the proc
     * array, holding its XID and row locks.
     */
    @Override
    public void prepare(Transaction transaction, String gid, int ownerOid, int databaseOid, int maxPrepared) {
        TopTransaction tx = own(transaction);
        TwoPhaseState state = twoPhase();
        long xid = tx.assignXid();
        PreparedTransaction prepared = new PreparedTransaction(new TwoPhaseRecords.State(xid,
                System.currentTimeMillis(), ownerOid, databaseOid, gid, tx.subXids(), List.copyOf(tx.createdRelations),
                List.copyOf(tx.relationsToDropAtCommit), lockManager.heldLocks(tx.ownerId())), tx);
        state.reserve(prepared, maxPrepared);
        checkpointInterlock.readLock().lock();
        try {
            wal.flush(wal.insert(TwoPhaseRecords.prepare(prepared.state())));
            state.markValid(prepared);
        } catch (RuntimeException | Error e) {
            state.remove(prepared);
            throw e;
        } finally {
            checkpointInterlock.readLock().unlock();
        }
        lockManager.detachProcess(tx.ownerId());
    }

    @Override
    public PreparedTransaction lockPrepared(String gid) {
        return twoPhase().lock(gid);
    }

    @Override
    public void unlockPrepared(PreparedTransaction prepared) {
        twoPhase().unlock(prepared);
    }

    /**
     * COMMIT PREPARED or ROLLBACK PREPARED ({@code FinishPreparedTransaction}): the record is
     * flushed either way ({@code RecordTransactionCommitPrepared},
     * {@code RecordTransactionAbortPrepared}); a failure between record and commit log bit is a
     * PANIC, as for a commit. Then as any commit or abort: out of the proc array, locks released,
     * files dropped or removed, and the state file goes.
     */
    @Override
    public void finishPrepared(PreparedTransaction prepared, boolean commit) {
        TopTransaction tx = prepared.transaction;
        long xid = prepared.xid();
        try {
            if (commit) {
                recordCommit(tx, xid, TransactionRecords.XACT_COMMIT_PREPARED, true);
            } else {
                checkpointInterlock.readLock().lock();
                try {
                    wal.flush(recordAbort(tx, xid, TransactionRecords.XACT_ABORT_PREPARED));
                } finally {
                    checkpointInterlock.readLock().unlock();
                }
            }
        } catch (RuntimeException | Error e) {
            throw criticalSectionFailure(e);
        } finally {
            finish(tx);
            twoPhase.remove(prepared);
        }
        org.woolly.storage.lmgr.SerializableXact sxact = tx.serializable();
        if (commit) {
            afterCommit(tx);
            if (sxact != null) {
                predicateLocks.commit(sxact);
            }
        } else {
            RuntimeException failure = removeCreatedFiles(tx, null);
            if (sxact != null) {
                predicateLocks.abort(sxact);
            }
            if (failure != null) {
                throw failure;
            }
        }
    }

    @Override
    public List<PreparedTransaction> preparedTransactions() {
        return twoPhase == null ? List.of() : twoPhase.list();
    }

    /**
     * At the end of start-up ({@code RecoverPreparedTransactions}): each prepared transaction
     * that recovery found unfinished runs again under its XIDs, holding its XID locks and the
     * locks its state lists, until COMMIT PREPARED or ROLLBACK PREPARED.
     */
    void recoverPrepared(java.util.Collection<TwoPhaseRecords.State> states) {
        for (TwoPhaseRecords.State state : states) {
            long owner = nextOwner.getAndIncrement();
            TopTransaction tx = new TopTransaction(this, procArray.addRecovered(owner, state.xid(), state.subXids()),
                    owner);
            tx.restorePrepared(state);
            lockManager.tryAcquire(owner, new LockTag.Transaction(state.xid()), LockMode.EXCLUSIVE);
            for (long subXid : state.subXids()) {
                lockManager.tryAcquire(owner, new LockTag.Transaction(subXid), LockMode.EXCLUSIVE);
            }
            for (LockManager.HeldLock lock : state.locks()) {
                lockManager.tryAcquire(owner, lock.tag(), lock.mode());
            }
            twoPhase.addRecovered(new PreparedTransaction(state, tx));
        }
    }

    /** A checkpoint's part for two-phase commit: the prepared transactions' state files ({@code CheckPointTwoPhase}). */
    void checkpointTwoPhase() {
        if (twoPhase != null) {
            twoPhase.checkpoint();
        }
    }

    /** A failure inside the commit's critical section becomes a PANIC of the whole storage. */
    private SqlException criticalSectionFailure(Throwable failure) {
        if (failure instanceof SqlException error) {
            return wal.panicState().panic(error);
        }
        return wal.panicState().panic(SqlState.INTERNAL_ERROR,
                "could not record the commit of a transaction: " + failure, failure);
    }

    @Override
    public void abort(Transaction transaction) {
        TopTransaction tx = own(transaction);
        if (tx.ended) {
            return;
        }
        long xid = tx.xid();
        RuntimeException failure = null;
        try {
            if (xid != 0) {
                try {
                    recordAbort(tx, xid, TransactionRecords.XACT_ABORT);
                } catch (RuntimeException e) {
                    // Not committed is aborted: a missing abort record or clog bit changes nothing
                    // after a crash, and a transaction out of the proc array with no bit reads as aborted.
                    failure = e;
                    try {
                        commitLog.set(xid, XidStatus.ABORTED, 0);
                    } catch (RuntimeException again) {
                        e.addSuppressed(again);
                    }
                }
            }
        } finally {
            finish(tx);
        }
        failure = removeCreatedFiles(tx, failure);
        if (failure != null) {
            System.getLogger(DefaultTransactionManager.class.getName())
                    .log(System.Logger.Level.WARNING, "error during abort of transaction " + xid, failure);
        }
    }

    /** The abort record (an abort or ROLLBACK PREPARED) and the commit log ABORTED bits. */
    private long recordAbort(TopTransaction tx, long xid, int info) {
        List<Long> subXids = tx.subXids();
        long end = wal.insert(TransactionRecords.transactionEnd(info, xid,
                new TransactionRecords.TransactionEnd(System.currentTimeMillis(), List.copyOf(tx.createdRelations),
                        subXids)));
        for (long subXid : subXids) {
            commitLog.set(subXid, XidStatus.ABORTED, end);
        }
        commitLog.set(xid, XidStatus.ABORTED, end);
        return end;
    }

    /** After an abort: the files the transaction created go, and its abort actions run; the first failure is kept. */
    private RuntimeException removeCreatedFiles(TopTransaction tx, RuntimeException failure) {
        for (RelFileLocator relation : tx.createdRelations) {
            try {
                files.drop(relation);
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
        }
        for (Runnable action : tx.abortActions) {
            try {
                action.run();
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
        }
        return failure;
    }

    private void finish(TopTransaction tx) {
        tx.ended = true;
        procArray.remove(tx.entry);
        lockManager.releaseAll(tx.ownerId());
    }

    private static TopTransaction own(Transaction transaction) {
        if (transaction instanceof TopTransaction tx) {
            return tx;
        }
        throw new IllegalArgumentException("not a transaction of this manager: " + transaction);
    }

    @Override
    public XidStatus status(long xid) {
        if (xid == BOOTSTRAP_XID || xid == FROZEN_XID) {
            return XidStatus.COMMITTED;
        }
        if (xid < FIRST_NORMAL_XID) {
            return XidStatus.ABORTED;
        }
        // The proc array first: a transaction leaves it only after its commit log status is set.
        if (procArray.isRunning(xid)) {
            return XidStatus.IN_PROGRESS;
        }
        XidStatus status = commitLog.get(xid);
        return status == XidStatus.IN_PROGRESS ? XidStatus.ABORTED : status;
    }

    /** The newest cluster-wide datfrozenxid VACUUM reported (0 since start-up): checkpoints truncate to it. */
    private long knownFrozenXid;

    long knownFrozenXid() {
        synchronized (commitLog) {
            return knownFrozenXid;
        }
    }

    /**
     * {@code TruncateCLOG}: the cutoff is the cluster's oldest datfrozenxid, lowered to the
     * oldest running or prepared XID (a prepared transaction stays in the proc array); segments
     * wholly below it go. WAL first ({@code WriteTruncateXlogRec} flushes the record), so after a
     * crash redo removes whatever the unlinks had not; truncations are serialized.
     */
    @Override
    public int truncateCommitLog(long frozenXid) {
        synchronized (commitLog) {
            knownFrozenXid = Math.max(knownFrozenXid, frozenXid);
            long cutoff = Math.min(frozenXid, oldestXmin());
            long keepFrom = cutoff / CommitLog.XIDS_PER_SEGMENT;
            if (keepFrom <= commitLog.oldestSegment()) {
                return 0;
            }
            wal.flush(wal.insert(TransactionRecords.clogTruncate(keepFrom)));
            return commitLog.truncate(keepFrom);
        }
    }

    @Override
    public boolean committedHintAllowed(long xid) {
        return commitLsns.isFlushed(xid);
    }

    /**
     * Waits for {@code xid} to end on behalf of {@code waiter} ({@code XactLockTableWait}), as an
     * edge of the wait-for graph from the waiter's lock owner (null: an anonymous waiter that
     * no cycle can go through).
     */
    @Override
    public void waitForCompletion(long xid, Transaction waiter) {
        if (!procArray.isRunning(xid)) {
            return;
        }
        waitForLock(new LockTag.Transaction(xid), waiter);
    }

    @Override
    public void waitForSpeculativeInsertion(long xid, int token, Transaction waiter) {
        if (!procArray.isRunning(xid)) {
            return;
        }
        waitForLock(new LockTag.SpeculativeToken(xid, token), waiter);
    }

    /** Takes {@code tag} shared and lets it go at once: waits for its exclusive holder to release it. */
    private void waitForLock(LockTag tag, Transaction waiter) {
        long owner;
        long processId;
        if (waiter instanceof TopTransaction tx) {
            owner = tx.ownerId();
            processId = tx.processId();
        } else {
            owner = nextOwner.getAndIncrement();
            processId = owner;
        }
        lockManager.acquire(owner, processId, tag, LockMode.SHARE);
        lockManager.release(owner, tag, LockMode.SHARE);
    }

    /** Moves the XID counter past everything recovery saw. */
    void advanceNextXid(long atLeast) {
        procArray.advanceNextXid(atLeast);
    }

    /**
     * A checkpoint's first step: the redo pointer, chosen when no commit is between its record
     * and its commit log bit, so every commit before the redo point is in the commit log that
     * the checkpoint then flushes.
     */
    long beginCheckpoint() {
        checkpointInterlock.writeLock().lock();
        try {
            return wal.beginCheckpoint();
        } finally {
            checkpointInterlock.writeLock().unlock();
        }
    }

    /** What a checkpoint records as next XID: past every XID that may have been handed out. */
    long nextXidForCheckpoint() {
        return Math.max(procArray.nextXid(), xidLoggedLimit);
    }

    @Override
    public long nextXid() {
        return procArray.nextXid();
    }

    /** The oldest XID any running transaction may still see as running (for VACUUM). */
    @Override
    public long oldestXmin() {
        return procArray.oldestXmin();
    }

    public ProcArray procArray() {
        return procArray;
    }

    @Override
    public org.woolly.storage.lmgr.PredicateLockManager predicateLocks() {
        return predicateLocks;
    }

    @Override
    public LockManager lockManager() {
        return lockManager;
    }

    public CommitLog commitLog() {
        return commitLog;
    }
}
