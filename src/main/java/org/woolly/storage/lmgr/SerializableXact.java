package org.woolly.storage.lmgr;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * One SERIALIZABLE transaction as serializable snapshot isolation tracks it
 * ({@code SERIALIZABLEXACT} in {@code predicate_internals.h}): its place in the commit order,
 * its rw-conflicts in and out, the SIREAD locks its reads left and the targets its writes
 * touched. Kept by {@link PredicateLockManager} after commit until no transaction that
 * overlapped it is left. All state is read and changed under the manager's monitor.
 *
 * <p>The reads and writes of the transaction report through the methods here, which the
 * executor (reads) and the heap and B-tree (writes) call where PostgreSQL's
 * {@code PredicateLockRelation}/{@code PredicateLockTID}/{@code PredicateLockPage} and
 * {@code CheckForSerializableConflictIn} are called.
 */
public final class SerializableXact {
    static final long NOT_YET = Long.MAX_VALUE;

    final PredicateLockManager manager;
    final long id;
    final int processId;
    final boolean readOnly;
    final int maxLocksPerRelation;
    final int maxLocksPerPage;
    /** The last commit sequence number before this transaction's snapshot ({@code lastCommitBeforeSnapshot}). */
    long snapshotSequence;
    long prepareSequence = NOT_YET;
    long commitSequence = NOT_YET;
    boolean aborted;
    boolean doomed;
    /** A read-only transaction that can no longer take part in an anomaly ({@code SXACT_FLAG_RO_SAFE}). */
    boolean safe;
    /** A read-only transaction a concurrent writer made unsafe ({@code SXACT_FLAG_RO_UNSAFE}). */
    boolean unsafe;
    /** The top-level XID, for error details; 0 while none is assigned. */
    long topXid;
    /** Transactions that read what this one wrote before it was visible to them (they -rw-> this). */
    final Set<SerializableXact> inConflicts = new LinkedHashSet<>();
    /** Transactions whose writes this one did not see (this -rw-> they). */
    final Set<SerializableXact> outConflicts = new LinkedHashSet<>();
    /**
     * For a read-only transaction: the read-write ones running when it took its snapshot; for a
     * read-write one: the read-only ones it may still make unsafe ({@code possibleUnsafeConflicts}).
     */
    final Set<SerializableXact> possibleUnsafeConflicts = new HashSet<>();
    final Set<PredicateLockTarget> locks = new LinkedHashSet<>();
    /** Per page and per relation: how many finer locks this transaction holds inside it. */
    final Map<PredicateLockTarget, Integer> childLocks = new HashMap<>();
    /** Relations (heaps and indexes) this transaction inserted into, updated or deleted from. */
    final Set<PredicateLockTarget> writtenRelations = new HashSet<>();
    /** Tuples this transaction updated or deleted (set their xmax). */
    final Set<PredicateLockTarget> writtenTuples = new HashSet<>();
    /** Relations whose writes grew past the limit and count as writes of every tuple in them. */
    final Set<PredicateLockTarget> wholeRelationsWritten = new HashSet<>();

    SerializableXact(PredicateLockManager manager, long id, int processId, boolean readOnly,
                     int maxLocksPerRelation, int maxLocksPerPage) {
        this.manager = manager;
        this.id = id;
        this.processId = processId;
        this.readOnly = readOnly;
        this.maxLocksPerRelation = maxLocksPerRelation;
        this.maxLocksPerPage = maxLocksPerPage;
    }

    /**
     * A sequential scan read the whole relation ({@code PredicateLockRelation}); {@code relationOid}
     * is what pg_locks shows.
     */
    public void readRelation(int databaseOid, int relNumber, int relationOid) {
        manager.read(this, PredicateLockTarget.relation(databaseOid, relNumber), relationOid);
    }

    /** An index scan read one index page, or one heap page ({@code PredicateLockPage}). */
    public void readPage(int databaseOid, int relNumber, int relationOid, int block) {
        manager.read(this, PredicateLockTarget.page(databaseOid, relNumber, block), relationOid);
    }

    /** A scan returned one heap tuple version ({@code PredicateLockTID}). */
    public void readTuple(int databaseOid, int relNumber, int relationOid, int block, int offset) {
        manager.read(this, PredicateLockTarget.tuple(databaseOid, relNumber, block, offset), relationOid);
    }

    /** An insert of a new heap tuple ({@code CheckForSerializableConflictIn} with no TID, heap_insert). */
    public void insertTuple(int databaseOid, int relNumber) {
        manager.write(this, PredicateLockTarget.relation(databaseOid, relNumber));
    }

    /** An update or delete of the tuple at block/offset (heap_update, heap_delete). */
    public void writeTuple(int databaseOid, int relNumber, int block, int offset) {
        manager.write(this, PredicateLockTarget.tuple(databaseOid, relNumber, block, offset));
    }

    /**
     * An insert into an index ({@code CheckForSerializableConflictIn} on the leaf page in
     * {@code _bt_doinsert}); index scans lock the whole index, so the whole index is checked.
     */
    public void insertIntoIndex(int databaseOid, int relNumber) {
        manager.write(this, PredicateLockTarget.relation(databaseOid, relNumber));
    }

    /** Records the top-level XID once one is assigned (error details and pg_locks name it). */
    public void assignedXid(long xid) {
        synchronized (manager) {
            topXid = xid;
        }
    }

    /** Whether reads still need SIREAD locks (false for a read-only transaction found safe). */
    public boolean needsLocks() {
        synchronized (manager) {
            return !safe;
        }
    }

    public boolean isReadOnly() {
        return readOnly;
    }

    public int processId() {
        return processId;
    }

    boolean isPrepared() {
        return prepareSequence != NOT_YET;
    }

    boolean isCommitted() {
        return commitSequence != NOT_YET;
    }

    /** Whether this transaction had ended or started after {@code other} began ({@code XidIsConcurrent}, both ways). */
    boolean concurrentWith(SerializableXact other) {
        return commitSequence > other.snapshotSequence && other.commitSequence > snapshotSequence;
    }

    /**
     * The commit sequence number of the earliest transaction this one has a rw-conflict out to
     * that committed before this one did ({@code earliestOutConflictCommit}); NOT_YET if none.
     */
    long earliestOutConflictCommit() {
        long earliest = NOT_YET;
        for (SerializableXact out : outConflicts) {
            if (out.isCommitted() && out.commitSequence < commitSequence && out.commitSequence < earliest) {
                earliest = out.commitSequence;
            }
        }
        return earliest;
    }

    @Override
    public String toString() {
        return "sxact " + id + " (pid " + processId + ")";
    }
}
