package org.woolly.access.transam;

import java.util.ArrayList;
import java.util.List;
import org.woolly.storage.ipc.ProcArray;
import org.woolly.storage.lmgr.LockMode;
import org.woolly.storage.lmgr.LockTag;
import org.woolly.storage.smgr.RelFileLocator;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * One top-level transaction: its proc array entry, command counter, and the work its end must
 * do (relation files to drop at commit or remove at abort, onCommit actions). Used by one
 * session thread at a time. Counterpart of {@code TransactionStateData} in {@code xact.c}.
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
    boolean ended;

    TopTransaction(DefaultTransactionManager manager, ProcArray.Entry entry, long processId) {
        this.manager = manager;
        this.entry = entry;
        this.processId = processId;
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
    public long assignXid() {
        checkActive();
        long xid = entry.xid();
        return xid != 0 ? xid : manager.assignXid(this);
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
        return snapshotOf(manager.procArray().takeSnapshot(entry), commandId);
    }

    static Snapshot snapshotOf(ProcArray.RunningTransactions running, int commandId) {
        return new Snapshot(running.xmin(), running.xmax(), running.inProgress(), running.ownXid(), commandId);
    }

    @Override
    public void createRelationStorage(RelFileLocator relation) {
        long xid = assignXid();
        manager.logAndCreate(xid, relation);
        createdRelations.add(relation);
    }

    @Override
    public void dropRelationStorageAtCommit(RelFileLocator relation) {
        assignXid();
        relationsToDropAtCommit.add(relation);
    }

    @Override
    public void onCommit(Runnable action) {
        commitActions.add(action);
    }

    /** Takes a relation lock held until this transaction ends (waits; 40P01 on deadlock). */
    public void lockRelation(int databaseOid, int relationOid, LockMode mode) {
        checkActive();
        manager.lockManager().acquire(entry.owner(), processId, new LockTag.Relation(databaseOid, relationOid), mode);
    }

    /** Takes a lock on a key value of a relation held until this transaction ends ({@link LockTag.Key}). */
    public void lockKey(int databaseOid, int relationOid, long keyHash, LockMode mode) {
        checkActive();
        manager.lockManager().acquire(entry.owner(), processId, new LockTag.Key(databaseOid, relationOid, keyHash),
                mode);
    }

    /** Takes a relation lock only if free now; returns whether it did (for NOWAIT). */
    public boolean tryLockRelation(int databaseOid, int relationOid, LockMode mode) {
        checkActive();
        return manager.lockManager().tryAcquire(entry.owner(), new LockTag.Relation(databaseOid, relationOid), mode);
    }

    private void checkActive() {
        if (ended) {
            throw new SqlException(SqlState.INVALID_TRANSACTION_STATE, "transaction has already ended");
        }
    }
}
