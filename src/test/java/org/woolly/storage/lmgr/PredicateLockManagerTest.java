package org.woolly.storage.lmgr;

import org.junit.jupiter.api.Test;
import org.woolly.utils.error.SqlException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Serializable snapshot isolation's bookkeeping without a server: conflicts, dooming, promotion, safe snapshots. */
class PredicateLockManagerTest {
    private static final int DATABASE = 5;
    private static final int TABLE = 16400;

    private final PredicateLockManager manager = new PredicateLockManager();

    private SerializableXact begin(boolean readOnly) {
        return manager.register(100, readOnly, 32, 2);
    }

    @Test
    void writeSkewDoomsThePivotWhenTheOtherCommitsFirst() {
        SerializableXact first = begin(false);
        SerializableXact second = begin(false);
        first.readRelation(DATABASE, TABLE, TABLE);
        second.readRelation(DATABASE, TABLE, TABLE);
        first.writeTuple(DATABASE, TABLE, 0, 1);
        second.writeTuple(DATABASE, TABLE, 0, 2);
        manager.preCommit(first);
        manager.commit(first);
        SqlException failure = catchThrowableOfType(SqlException.class, () -> manager.preCommit(second));
        assertThat(failure.getMessage()).contains("could not serialize access due to read/write dependencies");
        manager.abort(second);
        assertThat(manager.trackedTransactions()).isZero();
    }

    @Test
    void aReadOfAConcurrentWriteIsAConflictOutAndDisjointTuplesAreNot() {
        SerializableXact writer = begin(false);
        SerializableXact reader = begin(false);
        writer.writeTuple(DATABASE, TABLE, 3, 1);
        reader.readTuple(DATABASE, TABLE, TABLE, 3, 2);
        assertThat(reader.outConflicts).isEmpty();
        reader.readTuple(DATABASE, TABLE, TABLE, 3, 1);
        assertThat(reader.outConflicts).containsExactly(writer);
        assertThat(writer.inConflicts).containsExactly(reader);
    }

    @Test
    void tupleLocksBecomeAPageLockThenARelationLock() {
        SerializableXact reader = begin(false);
        for (int offset = 1; offset <= 3; offset++) {
            reader.readTuple(DATABASE, TABLE, TABLE, 0, offset);
        }
        assertThat(reader.locks).containsExactly(PredicateLockTarget.page(DATABASE, TABLE, 0));
        reader.readRelation(DATABASE, TABLE, TABLE);
        assertThat(manager.status()).extracting(PredicateLockManager.SireadLock::target)
                .containsExactly(PredicateLockTarget.relation(DATABASE, TABLE));
    }

    @Test
    void aReadOnlyTransactionBecomesSafeWhenItsConcurrentWritersEndWithoutConflictsOut() {
        SerializableXact writer = begin(false);
        SerializableXact readOnly = begin(true);
        assertThat(readOnly.needsLocks()).isTrue();
        readOnly.readRelation(DATABASE, TABLE, TABLE);
        manager.preCommit(writer);
        manager.commit(writer);
        assertThat(readOnly.needsLocks()).isFalse();
        assertThat(manager.awaitSafety(readOnly, () -> { })).isTrue();
        assertThat(manager.status()).isEmpty();
        assertThat(begin(true).needsLocks()).as("no writer running: safe at once").isFalse();
    }
}
