package org.woolly.access.transam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.woolly.storage.lmgr.LockManager;
import org.woolly.storage.lmgr.LockMode;
import org.woolly.storage.lmgr.LockTag;
import org.woolly.storage.smgr.RelFileLocator;
import org.woolly.utils.error.SqlException;

/**
 * Two-phase commit in the transaction manager: PREPARE keeps the XID running and the locks
 * held, the state comes back after an immediate shutdown (from the WAL) and after a clean one
 * (from pg_twophase/), and COMMIT PREPARED / ROLLBACK PREPARED end it.
 */
class TwoPhaseTest {
    @TempDir
    Path data;

    private static final StorageOptions OPTIONS = StorageOptions.defaults().withSharedBuffers(64);
    private static final LockTag TABLE = new LockTag.Relation(5, 16400);

    private long prepare(DefaultStorageServices services, String gid) {
        TopTransaction tx = services.transactions().begin(4242);
        tx.lock(TABLE, LockMode.ROW_EXCLUSIVE);
        long xid = tx.assignXid();
        tx.defineSavepoint("s");
        long subXid = tx.assignCurrentXid();
        assertThat(subXid).isGreaterThan(xid);
        services.transactions().prepare(tx, gid, 10, 5, 2);
        return xid;
    }

    private static LockManager locks(DefaultStorageServices services) {
        return services.transactions().lockManager();
    }

    /** Whether some owner other than a new probe holds {@code tag} in a mode that conflicts with {@code mode}. */
    private static boolean blocked(DefaultStorageServices services, LockTag tag, LockMode mode) {
        boolean free = locks(services).tryAcquire(-999_999, tag, mode);
        if (free) {
            locks(services).release(-999_999, tag, mode);
        }
        return !free;
    }

    @Test
    void preparedTransactionKeepsItsXidAndLocksAndSurvivesAnImmediateShutdown() {
        StorageStartup.initialize(data);
        DefaultStorageServices services = StorageStartup.open(data, OPTIONS, List.of());
        long xid = prepare(services, "g1");
        assertThat(services.transactions().status(xid)).isEqualTo(XidStatus.IN_PROGRESS);
        assertThat(services.transactions().oldestXmin()).isLessThanOrEqualTo(xid);
        assertThat(blocked(services, TABLE, LockMode.ACCESS_EXCLUSIVE)).isTrue();
        // no backend holds the locks any more (pg_locks shows no pid)
        assertThat(locks(services).status()).allSatisfy(lock -> assertThat(lock.processId()).isNull());
        assertThat(services.transactions().preparedTransactions()).extracting(PreparedTransaction::gid)
                .containsExactly("g1");
        services.shutdownImmediately();

        DefaultStorageServices reopened = StorageStartup.open(data, OPTIONS, List.of());
        try {
            assertThat(reopened.transactions().status(xid)).isEqualTo(XidStatus.IN_PROGRESS);
            assertThat(reopened.transactions().status(xid + 1)).isEqualTo(XidStatus.IN_PROGRESS);
            assertThat(reopened.transactions().nextXid()).isGreaterThan(xid + 1);
            assertThat(blocked(reopened, TABLE, LockMode.ACCESS_EXCLUSIVE)).isTrue();
            assertThat(blocked(reopened, new LockTag.Transaction(xid), LockMode.SHARE)).isTrue();
            PreparedTransaction prepared = reopened.transactions().lockPrepared("g1");
            assertThat(prepared.xid()).isEqualTo(xid);
            assertThat(prepared.ownerOid()).isEqualTo(10);
            assertThat(prepared.databaseOid()).isEqualTo(5);
            assertThatThrownBy(() -> reopened.transactions().lockPrepared("g1")).isInstanceOf(SqlException.class)
                    .hasMessage("prepared transaction with identifier \"g1\" is busy");
            reopened.transactions().finishPrepared(prepared, true);
            assertThat(reopened.transactions().status(xid)).isEqualTo(XidStatus.COMMITTED);
            assertThat(reopened.transactions().status(xid + 1)).isEqualTo(XidStatus.COMMITTED);
            assertThat(blocked(reopened, TABLE, LockMode.ACCESS_EXCLUSIVE)).isFalse();
            assertThat(reopened.transactions().preparedTransactions()).isEmpty();
        } finally {
            reopened.close();
        }
    }

    @Test
    void aCleanShutdownKeepsThePreparedStateInPgTwophase() {
        StorageStartup.initialize(data);
        DefaultStorageServices services = StorageStartup.open(data, OPTIONS, List.of());
        long xid = prepare(services, "clean");
        services.close();
        assertThat(data.resolve("pg_twophase").toFile().list()).containsExactly("%016X".formatted(xid));

        DefaultStorageServices reopened = StorageStartup.open(data, OPTIONS, List.of());
        try {
            PreparedTransaction prepared = reopened.transactions().lockPrepared("clean");
            reopened.transactions().finishPrepared(prepared, false);
            assertThat(reopened.transactions().status(xid)).isEqualTo(XidStatus.ABORTED);
            assertThat(data.resolve("pg_twophase").toFile().list()).isEmpty();
        } finally {
            reopened.close();
        }
    }

    @Test
    void gidsAreUniqueAndCountedAgainstTheLimit() {
        StorageStartup.initialize(data);
        DefaultStorageServices services = StorageStartup.open(data, OPTIONS, List.of());
        try {
            prepare(services, "a");
            TopTransaction duplicate = services.transactions().begin();
            assertThatThrownBy(() -> services.transactions().prepare(duplicate, "a", 10, 5, 2))
                    .isInstanceOf(SqlException.class).hasMessage("transaction identifier \"a\" is already in use");
            services.transactions().abort(duplicate);
            prepare(services, "b");
            TopTransaction third = services.transactions().begin();
            assertThatThrownBy(() -> services.transactions().prepare(third, "c", 10, 5, 2))
                    .isInstanceOf(SqlException.class).hasMessage("maximum number of prepared transactions reached");
            services.transactions().abort(third);
            assertThat(services.transactions().preparedTransactions()).extracting(PreparedTransaction::gid)
                    .containsExactly("a", "b");
        } finally {
            services.close();
        }
    }

    @Test
    void stateRoundTripsEveryLockKind() {
        TwoPhaseRecords.State state = new TwoPhaseRecords.State(77, 1234, 10, 5, "gid|with ünïcode", List.of(78L, 80L),
                List.of(new RelFileLocator(1663, 5, 16500)), List.of(new RelFileLocator(1663, 5, 16501)),
                List.of(new LockManager.HeldLock(new LockTag.Relation(5, 16400), LockMode.ROW_EXCLUSIVE),
                        new LockManager.HeldLock(new LockTag.Tuple(5, 16500, 3, 4), LockMode.EXCLUSIVE),
                        new LockManager.HeldLock(new LockTag.Key(5, 16400, -5L), LockMode.SHARE),
                        new LockManager.HeldLock(LockTag.Advisory.ofBigint(5, 1L << 40), LockMode.EXCLUSIVE)));
        assertThat(TwoPhaseRecords.decode(TwoPhaseRecords.encode(state))).isEqualTo(state);
    }
}
