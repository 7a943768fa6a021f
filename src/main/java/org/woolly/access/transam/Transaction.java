package org.woolly.access.transam;

import org.woolly.storage.smgr.RelFileLocator;

/**
 * One top-level transaction of one backend ({@code TransactionState} in {@code xact.c}). The
 * XID (64-bit, never wraps) is assigned on first write; a read-only transaction has none.
 */
public interface Transaction {

    /** The XID, or 0 if none has been assigned. */
    long xid();

    /** The XID, assigning one now if needed. */
    long assignXid();

    /**
     * Marks this transaction as running lazy VACUUM or no longer ({@code PROC_IN_VACUUM}): in
     * between, its snapshot's xmin does not hold back the xmin horizon of pruning and VACUUM
     * elsewhere. Only for work that reads no user row through the snapshot.
     */
    default void setInLazyVacuum(boolean inVacuum) {
    }

    /**
     * The XID rows written now are stamped with: the current subtransaction's (assigned now,
     * its parents' first, if needed), or the top-level XID outside savepoints
     * ({@code GetCurrentTransactionId}).
     */
    default long assignCurrentXid() {
        return assignXid();
    }

    /**
     * Whether {@code xid} is this transaction's own: its top-level XID or one of its
     * subtransactions that has not been rolled back ({@code TransactionIdIsCurrentTransactionId}).
     */
    default boolean isCurrentXid(long xid) {
        return xid != 0 && xid == xid();
    }

    /** SAVEPOINT {@code name}: starts a subtransaction ({@code DefineSavepoint}). */
    default void defineSavepoint(String name) {
        throw new org.woolly.utils.error.SqlException(org.woolly.utils.error.SqlState.FEATURE_NOT_SUPPORTED,
                "SAVEPOINT is not supported by this transaction manager");
    }

    /** RELEASE SAVEPOINT: ends the named subtransaction and those inside it, keeping their work (3B001 if unknown). */
    default void releaseSavepoint(String name) {
        defineSavepoint(name);
    }

    /** ROLLBACK TO SAVEPOINT: undoes the named subtransaction's work and starts it again (3B001 if unknown). */
    default void rollbackToSavepoint(String name) {
        defineSavepoint(name);
    }

    /**
     * Takes a heavyweight lock held until this transaction ends, or until the savepoint it was
     * taken in rolls back (waits; 40P01 on deadlock, 55P03 on lock_timeout).
     */
    default void lock(org.woolly.storage.lmgr.LockTag tag, org.woolly.storage.lmgr.LockMode mode) {
        throw new org.woolly.utils.error.SqlException(org.woolly.utils.error.SqlState.FEATURE_NOT_SUPPORTED,
                "locks are not supported by this transaction manager");
    }

    /**
     * Releases one acquisition of a lock taken with {@link #lock} before this transaction ends,
     * as the speculative insertion lock is released once its tuple is confirmed or killed.
     */
    default void unlock(org.woolly.storage.lmgr.LockTag tag, org.woolly.storage.lmgr.LockMode mode) {
        throw new org.woolly.utils.error.SqlException(org.woolly.utils.error.SqlState.FEATURE_NOT_SUPPORTED,
                "locks are not supported by this transaction manager");
    }

    /** Takes a heavyweight lock only if that needs no wait (NOWAIT, SKIP LOCKED); returns whether it did. */
    default boolean tryLock(org.woolly.storage.lmgr.LockTag tag, org.woolly.storage.lmgr.LockMode mode) {
        lock(tag, mode);
        return true;
    }

    /**
     * The serializable snapshot isolation state of a SERIALIZABLE transaction (its reads take
     * SIREAD locks, its writes check them), null under the other levels.
     */
    default org.woolly.storage.lmgr.SerializableXact serializable() {
        return null;
    }

    /** Makes this a SERIALIZABLE transaction tracked by {@code sxact} (at its first snapshot). */
    default void serializable(org.woolly.storage.lmgr.SerializableXact sxact) {
        throw new org.woolly.utils.error.SqlException(org.woolly.utils.error.SqlState.FEATURE_NOT_SUPPORTED,
                "SERIALIZABLE is not supported by this transaction manager");
    }

    /** How many savepoints are open (0 outside any). */
    default int savepointDepth() {
        return 0;
    }

    /** The current command id (cmin/cmax of tuples this command writes). */
    int commandId();

    /** Makes this command's changes visible to the next command ({@code CommandCounterIncrement}). */
    void incrementCommandId();

    /** A new snapshot for the next statement (READ COMMITTED takes one per statement). */
    Snapshot takeSnapshot();

    /** Creates the relation's main fork now (WAL-logged); the file is removed if this transaction aborts. */
    void createRelationStorage(RelFileLocator relation);

    /**
     * Whether {@code relation}'s file was created by the current (sub)transaction level, or
     * merged into it by RELEASE ({@code rd_createSubid} / {@code rd_newRelfilenodeSubid}
     * equal to the current subtransaction): what COPY FREEZE requires.
     */
    default boolean createdInCurrentSubtransaction(RelFileLocator relation) {
        return false;
    }

    /** Schedules the relation's files for removal when this transaction commits (WAL-logged in the commit record). */
    void dropRelationStorageAtCommit(RelFileLocator relation);

    /** Runs after this transaction commits (after its commit record is durable). */
    void onCommit(Runnable action);

    /**
     * Runs after this transaction aborted (CREATE DATABASE removes the directory it copied, which
     * no pg_database row will name). Top level only: the commands that use it refuse to run
     * inside a transaction block.
     */
    void onAbort(Runnable action);
}
