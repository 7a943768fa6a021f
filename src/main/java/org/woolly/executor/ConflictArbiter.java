package org.woolly.executor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.woolly.access.common.Tid;
import org.woolly.access.heap.DirtyState;
import org.woolly.access.nbtree.IndexScan;
import org.woolly.access.nbtree.ScanKey;
import org.woolly.catalog.IndexInfo;
import org.woolly.catalog.RelationInfo;
import org.woolly.storage.lmgr.LockMode;
import org.woolly.storage.lmgr.LockTag;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * The arbiter indexes of an INSERT ... ON CONFLICT and the speculative insertion protocol
 * around them ({@code ExecInsert} with ON CONFLICT in {@code nodeModifyTable.c},
 * {@code ExecCheckIndexConstraints} and {@code check_exclusion_or_unique_constraint} in
 * {@code execIndexing.c}, the speculative insertion lock of {@code lmgr.c}).
 *
 * <p>For each proposed row the caller first asks {@link #find} for an existing row with an
 * equal arbiter key (a dirty look that waits for rows still in progress, on the speculative
 * token of an unconfirmed speculative tuple, on the transaction otherwise). Finding none, it
 * takes a token ({@link #beginSpeculation}), inserts the heap tuple marked with it, inserts the
 * arbiter index entries with {@link #isArbiter} entries going through
 * {@code BTreeAccess.insertSpeculative}, which reports a concurrent equal key instead of
 * raising 23505; it then confirms the tuple or, on a conflict, super-deletes it, releases the
 * token ({@link #endSpeculation}) and starts over with {@link #find}, which now waits for or
 * finds the other row. So no 23505 escapes for a conflict on an arbiter index, and concurrent
 * upserters of a key never wait for each other's whole transaction while they only race.
 */
final class ConflictArbiter {
    /**
     * The next speculative token ({@code speculativeInsertionToken}); a token only needs to
     * differ from the same transaction's earlier ones, and 0 means "not speculative".
     */
    private static final AtomicInteger TOKENS = new AtomicInteger();

    private final ExecutorContext context;
    private final RelationInfo relation;
    private final List<IndexInfo> indexes = new ArrayList<>();
    private final IndexTuples tuples;

    /** {@code arbiterOids} empty: every unique index of the table is an arbiter (DO NOTHING without a target). */
    ConflictArbiter(ExecutorContext context, RelationInfo relation, List<Integer> arbiterOids, IndexTuples tuples) {
        this.context = context;
        this.relation = relation;
        this.tuples = tuples;
        for (IndexInfo index : relation.indexes()) {
            if (index.unique() && index.valid() && (arbiterOids.isEmpty() || arbiterOids.contains(index.oid()))) {
                if (!index.immediate()) {
                    // ExecCheckIndexConstraints: a deferrable key cannot decide a conflict now
                    throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED,
                            "ON CONFLICT does not support deferrable unique constraints/exclusion constraints as "
                                    + "arbiters");
                }
                indexes.add(index);
            }
        }
        indexes.sort(Comparator.comparingInt(IndexInfo::oid));
    }

    /** Whether {@code index} is one of the arbiters, whose entries a speculative insertion adds without raising. */
    boolean isArbiter(IndexInfo index) {
        return indexes.contains(index);
    }

    /**
     * The pre-check ({@code ExecCheckIndexConstraints} with {@code CEOUC_WAIT}): the index TID
     * of a live row whose arbiter key equals the proposed row's, or null. A row whose inserter
     * or deleter still runs is waited for and the search repeated.
     */
    Tid find(Object[] row) {
        search:
        while (true) {
            for (IndexInfo index : indexes) {
                Object[] key = key(index, row);
                if (key == null) {
                    continue;
                }
                List<ScanKey> scanKeys = new ArrayList<>();
                for (int column = 0; column < key.length; column++) {
                    scanKeys.add(new ScanKey(column, ScanKey.Strategy.EQUAL, key[column]));
                }
                DirtyState waitFor = null;
                try (IndexScan scan = context.indexAccess().beginScan(index.shape(), scanKeys, false)) {
                    Tid tid;
                    while (waitFor == null && (tid = scan.next()) != null) {
                        DirtyState state = context.heap().dirtyState(relation.locator(), tid, context.transaction());
                        switch (state.status()) {
                            case LIVE -> {
                                return tid;
                            }
                            case IN_PROGRESS -> waitFor = state;
                            case DEAD -> { }
                        }
                    }
                }
                if (waitFor != null) {
                    if (waitFor.speculativeToken() != 0) {
                        context.waitForSpeculativeInsertion(waitFor.xid(), waitFor.speculativeToken());
                    } else {
                        context.waitForTransaction(waitFor.xid());
                    }
                    continue search;
                }
            }
            return null;
        }
    }

    /**
     * Takes a new speculative insertion lock for the XID rows are written with now
     * ({@code SpeculativeInsertionLockAcquire}); its token marks the tuple.
     */
    LockTag.SpeculativeToken beginSpeculation() {
        int token;
        do {
            token = TOKENS.incrementAndGet();
        } while (token == 0);
        LockTag.SpeculativeToken tag = new LockTag.SpeculativeToken(context.transaction().assignCurrentXid(), token);
        context.transaction().lock(tag, LockMode.EXCLUSIVE);
        return tag;
    }

    /**
     * Releases the lock once the tuple is confirmed or super-deleted
     * ({@code SpeculativeInsertionLockRelease}), waking the backends waiting on the token. If an
     * error ends the insertion first, the lock stays until the (sub)transaction has aborted, so
     * a waiter wakes to a tuple that is already dead.
     */
    void endSpeculation(LockTag.SpeculativeToken tag) {
        context.transaction().unlock(tag, LockMode.EXCLUSIVE);
    }

    /**
     * The index key of {@code row}, or null when no conflict is possible: a null in it, or a row
     * outside a partial index's predicate.
     */
    private Object[] key(IndexInfo index, Object[] row) {
        if (!tuples.covers(index, row)) {
            return null;
        }
        Object[] stored = tuples.values(index, row);
        Object[] values = new Object[index.keyColumnCount()];
        for (int i = 0; i < values.length; i++) {
            values[i] = stored[i];
            if (values[i] == null) {
                return null;
            }
        }
        return values;
    }
}
