package org.woolly.storage.ipc;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.LongConsumer;

/**
 * The running transactions. Each begun transaction has an entry (its owner id, XID once
 * assigned, and the xmin of its newest snapshot). XIDs are handed out here, under the write
 * lock, so an XID is in the array before any other transaction can see it or a later one, and
 * a snapshot (under the read lock) is consistent: every XID below its xmax is either listed as
 * running or has ended. Counterpart of {@code procarray.c} ({@code GetSnapshotData},
 * {@code ProcArrayEndTransaction}, {@code GetOldestXmin}) and {@code GetNewTransactionId}.
 */
public final class ProcArray {

    /** One transaction's slot ({@code PGPROC}/{@code PGXACT}). */
    public static final class Entry {
        private final long owner;
        private volatile long xid;
        private volatile long xmin;
        /** Running lazy VACUUM ({@code PROC_IN_VACUUM}): its xmin holds back no one's horizon. */
        private volatile boolean inVacuum;
        /** XIDs of its subtransactions still running or committed into it; guarded by the array's lock. */
        private final java.util.List<Long> subXids = new java.util.ArrayList<>();

        Entry(long owner) {
            this.owner = owner;
        }

        public long owner() {
            return owner;
        }

        public long xid() {
            return xid;
        }

        public long xmin() {
            return xmin;
        }

        /**
         * Marks the transaction as running lazy VACUUM, or no longer ({@code PROC_IN_VACUUM},
         * set by {@code vacuum_rel}): while it is set, {@link #oldestXmin()} leaves this entry's
         * snapshot xmin out. Lazy VACUUM reads no user row through its snapshot (it judges
         * every tuple by its own cutoff, taken at its start), so others may prune what that
         * snapshot could still see; a VACUUM of a hot table would otherwise keep every other
         * table's dead rows for as long as it runs. Its XID, once it has one, still counts.
         */
        public void setInVacuum(boolean inVacuum) {
            this.inVacuum = inVacuum;
        }
    }

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<Long, Entry> entries = new HashMap<>();
    private final Map<Long, Entry> byXid = new HashMap<>();
    private long nextXid;

    public ProcArray(long nextXid) {
        this.nextXid = nextXid;
    }

    public Entry add(long owner) {
        Entry entry = new Entry(owner);
        lock.writeLock().lock();
        try {
            entries.put(owner, entry);
        } finally {
            lock.writeLock().unlock();
        }
        return entry;
    }

    /**
     * An entry for a prepared transaction rebuilt at start-up ({@code MarkAsPrepared} after
     * {@code RecoverPreparedTransactions}): it runs with the XID and subtransaction XIDs it had
     * when it was prepared, so snapshots see them in progress and the xmin horizon stays below
     * them until COMMIT PREPARED or ROLLBACK PREPARED.
     */
    public Entry addRecovered(long owner, long xid, java.util.Collection<Long> subXids) {
        Entry entry = new Entry(owner);
        lock.writeLock().lock();
        try {
            entry.xid = xid;
            entries.put(owner, entry);
            byXid.put(xid, entry);
            for (Long subXid : subXids) {
                entry.subXids.add(subXid);
                byXid.put(subXid, entry);
            }
            nextXid = Math.max(nextXid, xid + 1);
            for (Long subXid : subXids) {
                nextXid = Math.max(nextXid, subXid + 1);
            }
        } finally {
            lock.writeLock().unlock();
        }
        return entry;
    }

    /**
     * Assigns the next XID to {@code entry}. {@code beforeAssign} runs under the lock with the
     * XID about to be handed out (to WAL-log the counter ahead when a batch is used up).
     */
    public long assignXid(Entry entry, LongConsumer beforeAssign) {
        return assign(entry, beforeAssign, false);
    }

    /**
     * Assigns the next XID to a subtransaction of {@code entry} (its top-level XID is assigned
     * already): the XID counts as running, and as the entry's own in its snapshots, until the
     * subtransaction aborts ({@link #removeSubXids}) or the whole transaction ends. Counterpart
     * of the {@code subxids} cache of a {@code PGPROC}.
     */
    public long assignSubXid(Entry entry, LongConsumer beforeAssign) {
        return assign(entry, beforeAssign, true);
    }

    private long assign(Entry entry, LongConsumer beforeAssign, boolean sub) {
        lock.writeLock().lock();
        try {
            long xid = nextXid;
            beforeAssign.accept(xid);
            nextXid = xid + 1;
            if (sub) {
                entry.subXids.add(xid);
            } else {
                entry.xid = xid;
            }
            byXid.put(xid, entry);
            return xid;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Subtransactions that aborted (after their commit log status is set) stop counting as running. */
    public void removeSubXids(Entry entry, java.util.Collection<Long> xids) {
        lock.writeLock().lock();
        try {
            for (Long xid : xids) {
                if (byXid.get(xid) == entry) {
                    byXid.remove(xid);
                }
            }
            entry.subXids.removeAll(xids);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Removes a transaction that has ended (after its commit log status is set). */
    public void remove(Entry entry) {
        lock.writeLock().lock();
        try {
            entries.remove(entry.owner);
            if (entry.xid != 0) {
                byXid.remove(entry.xid);
            }
            for (Long xid : entry.subXids) {
                byXid.remove(xid);
            }
            entry.subXids.clear();
        } finally {
            lock.writeLock().unlock();
        }
    }

    public boolean isRunning(long xid) {
        lock.readLock().lock();
        try {
            return byXid.containsKey(xid);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The XID that will be assigned next. */
    public long nextXid() {
        lock.readLock().lock();
        try {
            return nextXid;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Moves the counter forward (recovery); never backward. */
    public void advanceNextXid(long atLeast) {
        lock.writeLock().lock();
        try {
            nextXid = Math.max(nextXid, atLeast);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * What a snapshot is made of: every XID below {@code xmin} has ended, none at or above
     * {@code xmax} had started, {@code inProgress} (sorted) were running; {@code ownXid} is the
     * caller's. The transaction layer turns it into its Snapshot (storage knows no MVCC rules).
     */
    public record RunningTransactions(long xmin, long xmax, long[] inProgress, long ownXid) {}

    /** {@code GetSnapshotData}: running XIDs other than the caller's own (its subtransactions' included), with xmin and xmax; records xmin on the entry. */
    public RunningTransactions takeSnapshot(Entry self) {
        lock.readLock().lock();
        try {
            long xmax = nextXid;
            long[] running = new long[byXid.size()];
            int count = 0;
            long xmin = xmax;
            for (Map.Entry<Long, Entry> slot : byXid.entrySet()) {
                long xid = slot.getKey();
                if (slot.getValue() != self) {
                    running[count++] = xid;
                    xmin = Math.min(xmin, xid);
                }
            }
            long[] inProgress = Arrays.copyOf(running, count);
            Arrays.sort(inProgress);
            long ownXid = self.xid;
            if (ownXid != 0) {
                xmin = Math.min(xmin, ownXid);
            }
            if (self.xmin == 0 || self.xmin > xmin) {
                self.xmin = xmin;
            }
            return new RunningTransactions(xmin, xmax, inProgress, ownXid);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * The xmin horizon ({@code GetOldestNonRemovableTransactionId}): no running transaction's
     * snapshot can see a change by an XID below it as in progress, so a tuple deleted by a
     * committed XID below it is dead to everyone. The snapshot of a lazy VACUUM is left out
     * ({@code ComputeXidHorizons} skips {@code PROC_IN_VACUUM}), see {@link Entry#setInVacuum}.
     */
    public long oldestXmin() {
        lock.readLock().lock();
        try {
            long horizon = nextXid;
            for (Entry entry : entries.values()) {
                if (entry.xid != 0) {
                    horizon = Math.min(horizon, entry.xid);
                }
                if (entry.xmin != 0 && !entry.inVacuum) {
                    horizon = Math.min(horizon, entry.xmin);
                }
            }
            return horizon;
        } finally {
            lock.readLock().unlock();
        }
    }

    public int runningCount() {
        lock.readLock().lock();
        try {
            return entries.size();
        } finally {
            lock.readLock().unlock();
        }
    }
}
