package org.woolly.access.transam;

import java.util.function.LongPredicate;

/**
 * An MVCC snapshot ({@code SnapshotData}): every XID below {@code xmin} has ended, every XID at
 * or above {@code xmax} had not started, and {@code inProgress} (sorted) lists those in between
 * that were running. {@code currentXid} is the owner's top-level XID (0 if none yet) and
 * {@code commandId} its current command: own changes made by earlier commands are visible.
 * {@code own} (null: only {@code currentXid}) answers whether an XID is one of the owner's
 * subtransactions that have not aborted ({@code TransactionIdIsCurrentTransactionId}); it is
 * live, so a subtransaction begun after the snapshot was taken counts as the owner's too.
 */
public record Snapshot(long xmin, long xmax, long[] inProgress, long currentXid, int commandId, LongPredicate own) {

    public Snapshot(long xmin, long xmax, long[] inProgress, long currentXid, int commandId) {
        this(xmin, xmax, inProgress, currentXid, commandId, null);
    }

    /** Whether {@code xid} is the owner's: its top-level XID or a subtransaction of it not rolled back. */
    public boolean isCurrent(long xid) {
        return xid != 0 && (xid == currentXid || own != null && own.test(xid));
    }

    /** The same snapshot for a later command of the owner (REPEATABLE READ reuses its first). */
    public Snapshot forCommand(long ownXid, int command) {
        return new Snapshot(xmin, xmax, inProgress, ownXid, command, own);
    }
}
