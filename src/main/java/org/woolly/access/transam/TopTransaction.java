package org.woolly.access.transam;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.woolly.storage.ipc.ProcArray;
import org.woolly.storage.lmgr.LockMode;
import org.woolly.storage.lmgr.LockTag;
import org.woolly.storage.smgr.RelFileLocator;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * One top-level transaction: its proc array entry, command counter, and the work its end must
 * do (relation files to drop at commit or remove at abort, onCommit actions), with its stack of
 * savepoints (subtransactions). Used by one session thread at a time. Counterpart of
 * {@code TransactionStateData} in {@code xact.c}.
 *
 * <p>A savepoint is a {@link Level}: it gets an XID of its own on its first write (its parents
 * first, so a child's XID is above its parent's), rows written inside it carry that XID, and
 * it remembers the locks, created files and files to drop taken inside it. RELEASE merges a
 * level into its parent; ROLLBACK TO aborts the level and those inside it (abort record listing
 * their XIDs, commit log ABORTED, out of the proc array, their locks released, their files
 * removed, {@code AbortSubTransaction}) and starts the level again empty. Top-level commit lists
 * every surviving subtransaction XID in its record, so recovery sees them commit together.
 */
public final class TopTransaction implements Transaction {
    private final DefaultTransactionManager manager;
    final ProcArray.Entry entry;
    /** The backend pid deadlock reports name for this transaction's waits. */
    private final long processId;
    private int commandId;
    final List<RelFileLocator> createdRelations = new ArrayList<>();
    final List<RelFileLocator> relationsToDropAtCommit = new ArrayList<>();
    final List<Runnable> commitActions = new ArrayList<>();
    final List<Runnable> abortActions = new ArrayList<>();
    boolean ended;
    /** Open savepoints, outermost first. */
    private final List<Level> levels = new ArrayList<>();
    /** The top-level XID and every subtransaction XID not rolled back (read by snapshots). */
    private final Set<Long> ownXids = ConcurrentHashMap.newKeySet();
    /** Set at the first snapshot of a SERIALIZABLE transaction. */
    private org.woolly.storage.lmgr.SerializableXact serializable;

    /** One subtransaction ({@code TransactionStateData} with a parent). */
    static final class Level {
        final String name;
        long xid;
        /** XIDs of released savepoints inside this one: they end as this one ends. */
        final List<Long> childXids = new ArrayList<>();
        /** Locks taken inside, released if it rolls back (one entry per acquisition). */
        final List<HeldLock> locks = new ArrayList<>();
        final List<RelFileLocator> created = new ArrayList<>();
        final List<RelFileLocator> dropAtCommit = new ArrayList<>();

        Level(String name) {
            this.name = name;
        }

        /** Its own XID (if any) and its released children's. */
        List<Long> xids() {
            List<Long> all = new ArrayList<>(childXids);
            if (xid != 0) {
                all.add(xid);
            }
            return all;
        }

        void mergeInto(Level parent) {
            parent.childXids.addAll(xids());
            parent.locks.addAll(locks);
            parent.created.addAll(created);
            parent.dropAtCommit.addAll(dropAtCommit);
        }
    }

    record HeldLock(LockTag tag, LockMode mode) {}

    TopTransaction(DefaultTransactionManager manager, ProcArray.Entry entry, long processId) {
        this.manager = manager;
        this.entry = entry;
        this.processId = processId;
    }

    /**
     * A prepared transaction rebuilt by recovery takes back what its state file or PREPARE
     * record lists: its XIDs (own, for visibility checks), and the files to remove at abort or
     * drop at commit.
     */
    void restorePrepared(TwoPhaseRecords.State state) {
        ownXids.add(state.xid());
        ownXids.addAll(state.subXids());
        createdRelations.addAll(state.createdRelations());
        relationsToDropAtCommit.addAll(state.relationsToDropAtCommit());
    }

    /** The process deadlock reports name: the backend's pid, or the owner id without one. */
    public long processId() {
        return processId;
    }

    /** The lock owner id (a "process" number in deadlock reports). */
    public long ownerId() {
        return entry.owner();
    }

    @Override
    public long xid() {
        return entry.xid();
    }

    @Override
    public void setInLazyVacuum(boolean inVacuum) {
        entry.setInVacuum(inVacuum);
    }

    @Override
    public long assignXid() {
        checkActive();
        long xid = entry.xid();
        if (xid == 0) {
            xid = manager.assignXid(this);
            ownXids.add(xid);
            if (serializable != null) {
                serializable.assignedXid(xid);
            }
        }
        return xid;
    }

    @Override
    public org.woolly.storage.lmgr.SerializableXact serializable() {
        return serializable;
    }

    @Override
    public void serializable(org.woolly.storage.lmgr.SerializableXact sxact) {
        this.serializable = sxact;
    }

    @Override
    public long assignCurrentXid() {
        long xid = assignXid();
        for (Level level : levels) {
            if (level.xid == 0) {
                level.xid = manager.assignSubXid(this);
                ownXids.add(level.xid);
            }
            xid = level.xid;
        }
        return xid;
    }

    @Override
    public boolean isCurrentXid(long xid) {
        // asked for every tuple a scan looks at: a read-only transaction has no XID, so no boxing
        return xid != 0 && !ownXids.isEmpty() && ownXids.contains(xid);
    }

    @Override
    public void defineSavepoint(String name) {
        checkActive();
        levels.add(new Level(name));
    }

    @Override
    public void releaseSavepoint(String name) {
        checkActive();
        int index = findSavepoint(name);
        while (levels.size() > index) {
            Level level = levels.removeLast();
            // the outermost savepoint's locks and files then belong to the transaction itself
            if (!levels.isEmpty()) {
                level.mergeInto(levels.getLast());
            }
        }
    }

    @Override
    public void rollbackToSavepoint(String name) {
        checkActive();
        int index = findSavepoint(name);
        while (levels.size() > index + 1) {
            levels.removeLast().mergeInto(levels.getLast());
        }
        Level level = levels.removeLast();
        List<Long> xids = level.xids();
        ownXids.removeAll(xids);
        createdRelations.removeAll(level.created);
        relationsToDropAtCommit.removeAll(level.dropAtCommit);
        manager.abortSubtransaction(this, xids, level.created);
        for (HeldLock lock : level.locks) {
            manager.lockManager().release(entry.owner(), lock.tag(), lock.mode());
        }
        levels.add(new Level(level.name));
        // what the rolled-back commands did must not be cached as current (catalog images)
        commandId++;
    }

    @Override
    public int savepointDepth() {
        return levels.size();
    }

    /** The index of the innermost savepoint called {@code name}; 3B001 if there is none. */
    private int findSavepoint(String name) {
        for (int i = levels.size() - 1; i >= 0; i--) {
            if (levels.get(i).name.equals(name)) {
                return i;
            }
        }
        throw SqlException.of(SqlState.INVALID_SAVEPOINT_SPECIFICATION, "savepoint \"%s\" does not exist", name);
    }

    /** Every subtransaction XID not rolled back (listed in the commit or abort record). */
    List<Long> subXids() {
        List<Long> all = new ArrayList<>(ownXids);
        all.remove((Long) entry.xid());
        all.sort(null);
        return all;
    }

    @Override
    public int commandId() {
        return commandId;
    }

    @Override
    public void incrementCommandId() {
        commandId++;
    }

    @Override
    public Snapshot takeSnapshot() {
        checkActive();
        ProcArray.RunningTransactions running = manager.procArray().takeSnapshot(entry);
        return new Snapshot(running.xmin(), running.xmax(), running.inProgress(), running.ownXid(), commandId,
                this::isCurrentXid);
    }

    static Snapshot snapshotOf(ProcArray.RunningTransactions running, int commandId) {
        return new Snapshot(running.xmin(), running.xmax(), running.inProgress(), running.ownXid(), commandId);
    }

    @Override
    public void createRelationStorage(RelFileLocator relation) {
        long xid = assignCurrentXid();
        manager.logAndCreate(xid, relation);
        createdRelations.add(relation);
        if (!levels.isEmpty()) {
            levels.getLast().created.add(relation);
        }
    }

    @Override
    public boolean createdInCurrentSubtransaction(RelFileLocator relation) {
        return levels.isEmpty() ? createdRelations.contains(relation) : levels.getLast().created.contains(relation);
    }

    @Override
    public void dropRelationStorageAtCommit(RelFileLocator relation) {
        assignCurrentXid();
        relationsToDropAtCommit.add(relation);
        if (!levels.isEmpty()) {
            levels.getLast().dropAtCommit.add(relation);
        }
    }

    @Override
    public void onCommit(Runnable action) {
        commitActions.add(action);
    }

    @Override
    public void onAbort(Runnable action) {
        abortActions.add(action);
    }

    /** Takes a relation lock held until this transaction ends (waits; 40P01 on deadlock). */
    public void lockRelation(int databaseOid, int relationOid, LockMode mode) {
        lock(new LockTag.Relation(databaseOid, relationOid), mode);
    }

    /**
     * Takes a lock held until this transaction ends, or until the savepoint it was taken in
     * rolls back (waits; 40P01 on deadlock, 55P03 on lock_timeout).
     */
    @Override
    public void lock(LockTag tag, LockMode mode) {
        checkActive();
        manager.lockManager().acquire(entry.owner(), processId, tag, mode);
        noteLock(tag, mode);
    }

    /** Takes a lock only if free now (NOWAIT); returns whether it did. */
    @Override
    public boolean tryLock(LockTag tag, LockMode mode) {
        checkActive();
        if (!manager.lockManager().tryAcquire(entry.owner(), processId, tag, mode)) {
            return false;
        }
        noteLock(tag, mode);
        return true;
    }

    /** Releases one acquisition of a lock before this transaction ends ({@code LockRelease}). */
    @Override
    public void unlock(LockTag tag, LockMode mode) {
        manager.lockManager().release(entry.owner(), tag, mode);
        for (int i = levels.size() - 1; i >= 0; i--) {
            if (levels.get(i).locks.remove(new HeldLock(tag, mode))) {
                return;
            }
        }
    }

    private void noteLock(LockTag tag, LockMode mode) {
        if (!levels.isEmpty()) {
            levels.getLast().locks.add(new HeldLock(tag, mode));
        }
    }

    /** Takes a lock on a key value of a relation held until this transaction ends ({@link LockTag.Key}). */
    public void lockKey(int databaseOid, int relationOid, long keyHash, LockMode mode) {
        checkActive();
        manager.lockManager().acquire(entry.owner(), processId, new LockTag.Key(databaseOid, relationOid, keyHash),
                mode);
    }

    /** Takes a relation lock only if free now; returns whether it did (for NOWAIT). */
    public boolean tryLockRelation(int databaseOid, int relationOid, LockMode mode) {
        return tryLock(new LockTag.Relation(databaseOid, relationOid), mode);
    }

    private void checkActive() {
        if (ended) {
            throw new SqlException(SqlState.INVALID_TRANSACTION_STATE, "transaction has already ended");
        }
    }
}
