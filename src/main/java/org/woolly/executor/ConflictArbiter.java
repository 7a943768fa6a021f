package org.woolly.executor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.woolly.access.common.Tid;
import org.woolly.access.heap.DirtyState;
import org.woolly.access.nbtree.IndexScan;
import org.woolly.access.nbtree.ScanKey;
import org.woolly.catalog.IndexInfo;
import org.woolly.catalog.RelationInfo;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;
import org.woolly.catalog.RelationLocks;
import org.woolly.storage.lmgr.LockMode;

/**
 * Finds the existing row a proposed INSERT ... ON CONFLICT row conflicts with in the arbiter
 * unique indexes ({@code ExecCheckIndexConstraints} in {@code execIndexing.c}).
 *
 * <p>PostgreSQL inserts speculatively and, when a concurrent inserter of the same key wins,
 * kills its own tuple and retries, so no 23505 escapes. Woolly has no speculative tuples yet;
 * it gets the same outcome between ON CONFLICT commands by locking each arbiter key value
 * ({@code LockTag.Key}, EXCLUSIVE, held to transaction end, the lock PostgreSQL's DO UPDATE takes
 * on the existing row) before looking, so a second upserter of a key waits for the first to end
 * and then sees its row. An existing row whose inserter or deleter is still running (a plain
 * INSERT, UPDATE or DELETE) is waited for and the search repeated, as PostgreSQL waits for it.
 * A plain INSERT racing an upsert of the same key may still fail with 23505.
 */
final class ConflictArbiter {
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

    /** Locks the proposed row's arbiter keys and returns the TID of the live row it conflicts with, or null. */
    Tid lockAndFind(Object[] row) {
        List<Object[]> keys = new ArrayList<>();
        for (IndexInfo index : indexes) {
            Object[] key = key(index, row);
            keys.add(key);
            if (key != null) {
                RelationLocks.lockKey(context.transaction(), relation,
                        ForeignKeyTriggers.keyHash(index.columns().subList(0, index.keyColumnCount()), key),
                        LockMode.EXCLUSIVE);
            }
        }
        search:
        while (true) {
            for (int i = 0; i < indexes.size(); i++) {
                Object[] key = keys.get(i);
                if (key == null) {
                    continue;
                }
                List<ScanKey> scanKeys = new ArrayList<>();
                for (int column = 0; column < key.length; column++) {
                    scanKeys.add(new ScanKey(column, ScanKey.Strategy.EQUAL, key[column]));
                }
                long waitFor = 0;
                try (IndexScan scan = context.indexAccess().beginScan(indexes.get(i).shape(), scanKeys, false)) {
                    Tid tid;
                    while ((tid = scan.next()) != null) {
                        DirtyState state = context.heap().dirtyState(relation.locator(), tid, context.transaction());
                        switch (state.status()) {
                            case LIVE -> {
                                return tid;
                            }
                            case IN_PROGRESS -> waitFor = state.xid();
                            case DEAD -> { }
                        }
                        if (waitFor != 0) {
                            break;
                        }
                    }
                }
                if (waitFor != 0) {
                    context.waitForTransaction(waitFor);
                    continue search;
                }
            }
            return null;
        }
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
