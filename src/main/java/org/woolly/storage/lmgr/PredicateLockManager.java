package org.woolly.storage.lmgr;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * Serializable snapshot isolation (Cahill's SSI as PostgreSQL implements it, README-SSI and
 * {@code src/backend/storage/lmgr/predicate.c}): SERIALIZABLE transactions run on one snapshot,
 * as REPEATABLE READ, and this class finds the rw-antidependencies between concurrent ones and
 * cancels one transaction of every dangerous structure T1 -rw-> T2 -rw-> T3 in which T3
 * commits first, with 40001.
 *
 * <p>A rw-conflict R -rw-> W is found from either side:
 * <ul>
 * <li>W writes after R read: R's reads left SIREAD locks (relation, page or tuple), and W's
 * write checks the locks on the tuple, its page and its relation, or on the index page it
 * inserts into ({@code CheckForSerializableConflictIn});</li>
 * <li>R reads after W wrote: PostgreSQL sees W's XID on a tuple version the snapshot skips
 * ({@code CheckForSerializableConflictOut}); here each SERIALIZABLE writer records the targets
 * it wrote (the relations, and the tuples it updated or deleted), and R's read checks them
 * against the target it locks. The relation a sequential scan locks meets every write to it, as
 * the scan meets every tuple version; the tuple an index scan returns meets the writer that
 * updated or deleted it; the index page meets the writer that inserted an entry there.</li>
 * </ul>
 * Only concurrent transactions conflict: W had not committed before R's snapshot and R had not
 * committed before W's. Commit order is a sequence number assigned after the commit is visible
 * and read before a snapshot is taken, so a race only ever adds a conflict.
 *
 * <p>Locks are promoted as in PostgreSQL: more than {@code max_pred_locks_per_page} tuple locks
 * on one page become a page lock, more than {@code max_pred_locks_per_relation} page and tuple
 * locks in one relation become a relation lock. A committed transaction's locks, write targets
 * and conflicts are kept until every transaction that overlapped it has ended
 * ({@code ClearOldPredicateLocks}); an aborted one's go at once.
 *
 * <p>One monitor guards everything, PostgreSQL's {@code SerializablePredicateListLock} and
 * {@code SerializableXactHashLock} taken together.
 */
public final class PredicateLockManager {
    /** How many tuples and index pages one transaction's writes name before they name relations. */
    static final int MAX_WRITTEN_TARGETS = 4096;
    /** How often a DEFERRABLE wait looks at its backend's interrupts (cancel, timeouts). */
    private static final long SAFETY_POLL_MILLIS = 50;
    /** The last commit sequence number given out ({@code LastSxactCommitSeqNo}). */
    private long lastCommitSequence;
    private long nextId = 1;
    /** Every transaction still tracked: running, or committed and overlapping a running one. */
    private final List<SerializableXact> transactions = new ArrayList<>();
    private final Map<PredicateLockTarget, Set<SerializableXact>> lockHolders = new HashMap<>();
    /** Per relation: the tracked transactions that wrote it. */
    private final Map<PredicateLockTarget, Set<SerializableXact>> writers = new HashMap<>();
    /** The OID pg_locks shows for a relfilenode a reader named. */
    private final Map<PredicateLockTarget, Integer> relationOids = new HashMap<>();

    /** One SIREAD lock as pg_locks shows it. */
    public record SireadLock(PredicateLockTarget target, int relationOid, int processId, long owner) {}

    /**
     * Starts tracking a SERIALIZABLE transaction; call before its snapshot is taken
     * ({@code GetSerializableTransactionSnapshotInt}). A read-only transaction that starts when no
     * read-write one runs is safe at once and takes no locks.
     */
    public synchronized SerializableXact register(int processId, boolean readOnly, int maxLocksPerRelation,
                                                  int maxLocksPerPage) {
        SerializableXact sxact = new SerializableXact(this, nextId++, processId, readOnly, maxLocksPerRelation,
                maxLocksPerPage);
        sxact.snapshotSequence = lastCommitSequence;
        if (readOnly) {
            for (SerializableXact other : transactions) {
                if (!other.readOnly && !other.isCommitted() && !other.aborted) {
                    sxact.possibleUnsafeConflicts.add(other);
                    other.possibleUnsafeConflicts.add(sxact);
                }
            }
            sxact.safe = sxact.possibleUnsafeConflicts.isEmpty();
            if (sxact.safe) {
                return sxact; // runs as if it were not serializable: nothing to track
            }
        }
        transactions.add(sxact);
        return sxact;
    }

    /**
     * For SERIALIZABLE READ ONLY DEFERRABLE ({@code GetSafeSnapshot}): waits until the read-only
     * transaction is known safe (true) or unsafe (false: the caller ends it and takes a new
     * snapshot), or the thread is interrupted.
     */
    public synchronized boolean awaitSafety(SerializableXact sxact, Runnable checkForInterrupts) {
        while (!sxact.safe && !sxact.unsafe) {
            checkForInterrupts.run();
            try {
                wait(SAFETY_POLL_MILLIS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                checkForInterrupts.run();
                throw SqlException.of(SqlState.QUERY_CANCELED, "canceling statement due to user request");
            }
        }
        return sxact.safe;
    }

    synchronized void read(SerializableXact reader, PredicateLockTarget target, int relationOid) {
        if (reader.doomed) {
            throw failure("Reason code: Canceled on identification as a pivot, during conflict out checking.");
        }
        if (reader.safe || reader.isPrepared()) {
            return;
        }
        relationOids.put(target.relationTarget(), relationOid);
        acquire(reader, target);
        Set<SerializableXact> relationWriters = writers.get(target.relationTarget());
        if (relationWriters == null) {
            return;
        }
        for (SerializableXact writer : List.copyOf(relationWriters)) {
            if (writer == reader || writer.aborted || writer.doomed || !writer.concurrentWith(reader)
                    || !wrote(writer, target)) {
                continue;
            }
            // a read-only reader of a committed writer appears to run first unless the writer
            // had a conflict out to a transaction committed before the reader's snapshot
            if (reader.readOnly && writer.isCommitted()
                    && writer.earliestOutConflictCommit() > reader.snapshotSequence) {
                continue;
            }
            flagConflict(reader, writer, reader);
        }
    }

    private static boolean wrote(SerializableXact writer, PredicateLockTarget target) {
        if (target.isRelation() || writer.wholeRelationsWritten.contains(target.relationTarget())) {
            return true;
        }
        for (PredicateLockTarget written : writer.writtenTuples) {
            if (written.within(target) || target.within(written)) {
                return true;
            }
        }
        return false;
    }

    synchronized void write(SerializableXact writer, PredicateLockTarget target) {
        if (writer.doomed) {
            throw failure("Reason code: Canceled on identification as a pivot, during conflict in checking.");
        }
        PredicateLockTarget relation = target.relationTarget();
        writer.writtenRelations.add(relation);
        if (!target.isRelation() && !writer.wholeRelationsWritten.contains(relation)) {
            writer.writtenTuples.add(target);
            if (writer.writtenTuples.size() > MAX_WRITTEN_TARGETS) {
                // a large write is remembered as a write of the whole relation, as a reader's
                // locks are promoted: it costs false conflicts, never a missed one
                writer.wholeRelationsWritten.add(relation);
                writer.writtenTuples.removeIf(written -> written.within(relation));
            }
        }
        writers.computeIfAbsent(relation, key -> new HashSet<>()).add(writer);
        for (PredicateLockTarget covering = target; covering != null; covering = covering.parent()) {
            Set<SerializableXact> holders = lockHolders.get(covering);
            if (holders == null) {
                continue;
            }
            for (SerializableXact reader : List.copyOf(holders)) {
                if (reader == writer || reader.aborted || reader.doomed || !reader.concurrentWith(writer)) {
                    continue;
                }
                flagConflict(reader, writer, writer);
            }
        }
    }

    /** Takes the SIREAD lock, promoting it to a coarser one past the limits ({@code PredicateLockAcquire}). */
    private void acquire(SerializableXact sxact, PredicateLockTarget target) {
        for (PredicateLockTarget coarser = target; coarser != null; coarser = coarser.parent()) {
            if (sxact.locks.contains(coarser)) {
                return; // already covered
            }
        }
        if (!target.isTuple()) {
            // the finer locks it covers are no longer needed ({@code DeleteChildTargetLocks})
            dropCovered(sxact, target);
        }
        addLock(sxact, target);
        for (PredicateLockTarget parent = target.parent(); parent != null; parent = parent.parent()) {
            int children = sxact.childLocks.merge(parent, 1, Integer::sum);
            int limit = parent.isRelation() ? sxact.maxLocksPerRelation : sxact.maxLocksPerPage;
            if (children > limit) {
                promote(sxact, parent);
                return;
            }
        }
    }

    /** Replaces every lock of {@code sxact} inside {@code coarser} by {@code coarser} ({@code PredicateLockPromotion}). */
    private void promote(SerializableXact sxact, PredicateLockTarget coarser) {
        dropCovered(sxact, coarser);
        addLock(sxact, coarser);
        PredicateLockTarget parent = coarser.parent();
        if (parent != null) {
            int children = sxact.childLocks.merge(parent, 1, Integer::sum);
            if (children > sxact.maxLocksPerRelation) {
                promote(sxact, parent);
            }
        }
    }

    /** Drops the locks of {@code sxact} inside {@code coarser} and their counts. */
    private void dropCovered(SerializableXact sxact, PredicateLockTarget coarser) {
        for (Iterator<PredicateLockTarget> each = sxact.locks.iterator(); each.hasNext(); ) {
            PredicateLockTarget held = each.next();
            if (held.within(coarser) && !held.equals(coarser)) {
                each.remove();
                removeHolder(sxact, held);
            }
        }
        sxact.childLocks.keySet().removeIf(counted -> counted.within(coarser));
    }

    private void addLock(SerializableXact sxact, PredicateLockTarget target) {
        sxact.locks.add(target);
        lockHolders.computeIfAbsent(target, key -> new HashSet<>()).add(sxact);
    }

    private void removeHolder(SerializableXact sxact, PredicateLockTarget target) {
        Set<SerializableXact> holders = lockHolders.get(target);
        if (holders != null) {
            holders.remove(sxact);
            if (holders.isEmpty()) {
                lockHolders.remove(target);
            }
        }
    }

    /**
     * Records reader -rw-> writer and cancels a transaction if that completes a dangerous
     * structure ({@code FlagRWConflict}, {@code OnConflict_CheckForSerializationFailure}).
     * {@code me} is the transaction whose read or write found the conflict.
     */
    private void flagConflict(SerializableXact reader, SerializableXact writer, SerializableXact me) {
        if (reader.outConflicts.contains(writer)) {
            return;
        }
        reader.outConflicts.add(writer);
        writer.inConflicts.add(reader);
        boolean failure = false;
        if (writer.isCommitted() && writer.earliestOutConflictCommit() != SerializableXact.NOT_YET) {
            // reader -rw-> writer -rw-> T3, writer committed after T3: the reader must go
            failure = true;
        } else {
            for (SerializableXact third : writer.outConflicts) {
                if (third.isPrepared()
                        && (!reader.isCommitted() || third.prepareSequence <= reader.commitSequence)
                        && (!writer.isCommitted() || third.prepareSequence <= writer.commitSequence)
                        && (!reader.readOnly || third.prepareSequence <= reader.snapshotSequence)) {
                    failure = true;
                    break;
                }
            }
        }
        if (!failure && writer.isPrepared() && !reader.readOnly) {
            // T0 -rw-> reader -rw-> writer, the writer committing first
            for (SerializableXact first : reader.inConflicts) {
                if (!first.doomed
                        && (!first.isCommitted() || first.commitSequence >= writer.prepareSequence)
                        && (!first.readOnly || first.snapshotSequence >= writer.prepareSequence)) {
                    failure = true;
                    break;
                }
            }
        }
        if (!failure) {
            return;
        }
        if (me == writer) {
            throw failure("Reason code: Canceled on identification as a pivot, during write.");
        }
        if (writer.isPrepared()) {
            throw failure("Reason code: Canceled on conflict out to pivot " + writer.topXid + ", during read.");
        }
        writer.doomed = true;
    }

    /**
     * Before the commit record ({@code PreCommit_CheckForSerializationFailure}): fails if this
     * transaction was chosen to die; otherwise, as the T3 of any pivot T2 still running whose own
     * in-conflict has not committed, dooms that pivot. Then the transaction counts as prepared.
     */
    public synchronized void preCommit(SerializableXact sxact) {
        if (sxact.doomed) {
            throw failure("Reason code: Canceled on identification as a pivot, during commit attempt.");
        }
        for (SerializableXact pivot : sxact.inConflicts) {
            if (pivot.isCommitted() || pivot.doomed || pivot.aborted) {
                continue;
            }
            for (SerializableXact first : pivot.inConflicts) {
                if (first == sxact || !first.isCommitted() && !first.readOnly && !first.doomed && !first.aborted) {
                    if (pivot.isPrepared()) {
                        throw failure("Reason code: Canceled on commit attempt with conflict in from prepared pivot.");
                    }
                    pivot.doomed = true;
                    break;
                }
            }
        }
        sxact.prepareSequence = ++lastCommitSequence;
    }

    /** After the commit is visible ({@code ReleasePredicateLocks} with isCommit). */
    public synchronized void commit(SerializableXact sxact) {
        if (!sxact.isPrepared()) {
            sxact.prepareSequence = ++lastCommitSequence;
        }
        sxact.commitSequence = ++lastCommitSequence;
        if (!sxact.readOnly) {
            long earliestOut = sxact.earliestOutConflictCommit();
            for (SerializableXact readOnly : sxact.possibleUnsafeConflicts) {
                readOnly.possibleUnsafeConflicts.remove(sxact);
                if (earliestOut <= readOnly.snapshotSequence) {
                    readOnly.unsafe = true;
                } else if (readOnly.possibleUnsafeConflicts.isEmpty() && !readOnly.unsafe) {
                    becomeSafe(readOnly);
                }
            }
            sxact.possibleUnsafeConflicts.clear();
        } else {
            detachReadOnly(sxact);
        }
        clearOld();
        notifyAll();
    }

    /** At abort ({@code ReleasePredicateLocks} without isCommit): its locks and conflicts go at once. */
    public synchronized void abort(SerializableXact sxact) {
        if (sxact.aborted) {
            return;
        }
        sxact.aborted = true;
        for (SerializableXact writer : sxact.outConflicts) {
            writer.inConflicts.remove(sxact);
        }
        for (SerializableXact reader : sxact.inConflicts) {
            reader.outConflicts.remove(sxact);
        }
        sxact.outConflicts.clear();
        sxact.inConflicts.clear();
        if (sxact.readOnly) {
            detachReadOnly(sxact);
        } else {
            for (SerializableXact readOnly : sxact.possibleUnsafeConflicts) {
                readOnly.possibleUnsafeConflicts.remove(sxact);
                if (readOnly.possibleUnsafeConflicts.isEmpty() && !readOnly.unsafe) {
                    becomeSafe(readOnly);
                }
            }
            sxact.possibleUnsafeConflicts.clear();
        }
        releaseLocks(sxact);
        transactions.remove(sxact);
        clearOld();
        notifyAll();
    }

    private void detachReadOnly(SerializableXact readOnly) {
        for (SerializableXact writer : readOnly.possibleUnsafeConflicts) {
            writer.possibleUnsafeConflicts.remove(readOnly);
        }
        readOnly.possibleUnsafeConflicts.clear();
    }

    /** A read-only transaction no concurrent writer can make part of an anomaly drops its locks ({@code SXACT_FLAG_RO_SAFE}). */
    private void becomeSafe(SerializableXact readOnly) {
        readOnly.safe = true;
        detachReadOnly(readOnly);
        for (SerializableXact writer : readOnly.outConflicts) {
            writer.inConflicts.remove(readOnly);
        }
        readOnly.outConflicts.clear();
        releaseLocks(readOnly);
        transactions.remove(readOnly);
    }

    private void releaseLocks(SerializableXact sxact) {
        for (PredicateLockTarget target : sxact.locks) {
            removeHolder(sxact, target);
        }
        sxact.locks.clear();
        sxact.childLocks.clear();
        for (PredicateLockTarget relation : sxact.writtenRelations) {
            Set<SerializableXact> relationWriters = writers.get(relation);
            if (relationWriters != null) {
                relationWriters.remove(sxact);
                if (relationWriters.isEmpty()) {
                    writers.remove(relation);
                    relationOids.remove(relation);
                }
            }
        }
        sxact.writtenRelations.clear();
        sxact.writtenTuples.clear();
        sxact.wholeRelationsWritten.clear();
    }

    /**
     * Forgets committed transactions no running one overlaps ({@code ClearOldPredicateLocks}):
     * every running transaction's snapshot is after their commit, so they meet no new conflict.
     * Their partners keep the references (commit order is all that is asked of them later).
     */
    private void clearOld() {
        long oldestSnapshot = Long.MAX_VALUE;
        for (SerializableXact sxact : transactions) {
            if (!sxact.isCommitted()) {
                oldestSnapshot = Math.min(oldestSnapshot, sxact.snapshotSequence);
            }
        }
        for (Iterator<SerializableXact> each = transactions.iterator(); each.hasNext(); ) {
            SerializableXact sxact = each.next();
            if (sxact.isCommitted() && sxact.commitSequence <= oldestSnapshot) {
                releaseLocks(sxact);
                sxact.inConflicts.clear();
                sxact.outConflicts.clear();
                each.remove();
            }
        }
    }

    /** The SIREAD locks held now, for pg_locks ({@code GetPredicateLockStatusData}). */
    public synchronized List<SireadLock> status() {
        List<SireadLock> rows = new ArrayList<>();
        for (SerializableXact sxact : transactions) {
            for (PredicateLockTarget target : sxact.locks) {
                rows.add(new SireadLock(target, relationOids.getOrDefault(target.relationTarget(), target.relNumber()),
                        sxact.processId, sxact.id));
            }
        }
        return rows;
    }

    /** How many transactions are tracked (running, or committed and still overlapping one). */
    public synchronized int trackedTransactions() {
        return transactions.size();
    }

    static SqlException failure(String detail) {
        return SqlException.of(SqlState.SERIALIZATION_FAILURE,
                        "could not serialize access due to read/write dependencies among transactions")
                .withDetail(detail).withHint("The transaction might succeed if retried.");
    }

}
