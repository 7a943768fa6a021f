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

    /** The current command id (cmin/cmax of tuples this command writes). */
    int commandId();

    /** Makes this command's changes visible to the next command ({@code CommandCounterIncrement}). */
    void incrementCommandId();

    /** A new snapshot for the next statement (READ COMMITTED takes one per statement). */
    Snapshot takeSnapshot();

    /** Creates the relation's main fork now (WAL-logged); the file is removed if this transaction aborts. */
    void createRelationStorage(RelFileLocator relation);

    /** Schedules the relation's files for removal when this transaction commits (WAL-logged in the commit record). */
    void dropRelationStorageAtCommit(RelFileLocator relation);

    /** Runs after this transaction commits (after its commit record is durable). */
    void onCommit(Runnable action);
}
