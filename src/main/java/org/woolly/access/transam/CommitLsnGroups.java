package org.woolly.access.transam;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;

/**
 * The newest commit-record LSN per group of XIDs, so a hint bit saying "committed" is set only
 * once the commit record is durable. Counterpart of the commit LSNs that PostgreSQL keeps per
 * group of 32 XIDs next to the commit log ({@code group_lsn} in {@code clog.c}, read by
 * {@code TransactionIdGetCommitLSN} in {@code SetHintBits}). Bounded: a fixed ring of groups;
 * XIDs that share a slot only make each other's hints wait for the later commit record. No
 * pruning is needed: an entry the flushed WAL has passed answers "flushed" from then on.
 * Thread-safe (the recorder publishes before the commit log says COMMITTED, so a reader that
 * sees COMMITTED sees the LSN).
 */
final class CommitLsnGroups {
    private static final int XIDS_PER_GROUP = 32;
    private static final int GROUPS = 4096;

    private final AtomicLongArray newestLsn = new AtomicLongArray(GROUPS);
    private final LongSupplier flushedLsn;

    CommitLsnGroups(LongSupplier flushedLsn) {
        this.flushedLsn = flushedLsn;
    }

    private static int slot(long xid) {
        return (int) Long.remainderUnsigned(xid / XIDS_PER_GROUP, GROUPS);
    }

    /** Remembers that {@code xid}'s commit record ends at {@code commitLsn}; call before the commit log bit is set. */
    void record(long xid, long commitLsn) {
        newestLsn.accumulateAndGet(slot(xid), commitLsn, Math::max);
    }

    /** Whether the commit record of {@code xid} (and of every XID in its group) is flushed ({@code !XLogNeedsFlush}). */
    boolean isFlushed(long xid) {
        return newestLsn.get(slot(xid)) <= flushedLsn.getAsLong();
    }
}
