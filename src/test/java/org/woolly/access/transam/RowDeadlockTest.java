package org.woolly.access.transam;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.woolly.access.heap.HeapAccess;
import org.woolly.access.heap.ModifyResult;
import org.woolly.access.common.Tid;
import org.woolly.server.StorageWiring;
import org.woolly.storage.smgr.RelFileLocator;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/** Two sessions updating each other's rows through the heap: one is told 40P01, the other goes on. */
class RowDeadlockTest {
    @TempDir
    Path data;

    @Test
    void crossedRowUpdatesAreADeadlock() throws Exception {
        StorageStartup.initialize(data);
        Files.createDirectories(data.resolve("base/5"));
        StorageOptions options = StorageOptions.defaults().withSharedBuffers(64).withFsync(false)
                .withDeadlockTimeout(Duration.ofMillis(100));
        try (DefaultStorageServices services = StorageWiring.open(data, options);
             var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            DefaultTransactionManager transactions = services.transactions();
            RelFileLocator relation = new RelFileLocator(RelFileLocator.DEFAULT_TABLESPACE_OID, 5, services.allocateOid());
            TopTransaction setup = transactions.begin();
            setup.createRelationStorage(relation);
            Tid rowA = HeapAccess.of(services).insert(relation, "a".getBytes(), setup);
            Tid rowB = HeapAccess.of(services).insert(relation, "b".getBytes(), setup);
            transactions.commit(setup);

            CountDownLatch bothUpdatedOnce = new CountDownLatch(2);
            Future<SqlState> first = executor.submit(() -> session(services, relation, rowA, rowB, bothUpdatedOnce));
            Future<SqlState> second = executor.submit(() -> session(services, relation, rowB, rowA, bothUpdatedOnce));
            SqlState a = first.get(20, TimeUnit.SECONDS);
            SqlState b = second.get(20, TimeUnit.SECONDS);
            assertThat(new SqlState[] {a, b}).containsExactlyInAnyOrder(SqlState.DEADLOCK_DETECTED, null);
        }
    }

    /** Updates {@code own}, then {@code other}; returns null on commit or the SQLSTATE it failed with. */
    private static SqlState session(DefaultStorageServices services, RelFileLocator relation, Tid own, Tid other, CountDownLatch latch)
            throws InterruptedException {
        DefaultTransactionManager transactions = services.transactions();
        TopTransaction tx = transactions.begin();
        try {
            Snapshot snapshot = tx.takeSnapshot();
            ModifyResult result = HeapAccess.of(services).update(relation, own, "mine".getBytes(), tx, snapshot);
            assertThat(result.status()).isEqualTo(ModifyResult.Status.OK);
            latch.countDown();
            latch.await();
            tx.incrementCommandId();
            HeapAccess.of(services).update(relation, other, "theirs".getBytes(), tx, tx.takeSnapshot());
            transactions.commit(tx);
            return null;
        } catch (SqlException e) {
            transactions.abort(tx);
            return e.sqlState();
        }
    }
}
