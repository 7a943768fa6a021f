package org.woolly.access.transam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.woolly.storage.smgr.ForkNumber;
import org.woolly.storage.smgr.RelFileLocator;
import org.woolly.utils.error.SqlException;

/** Start-up, checkpoints and crash recovery, with a fake heap whose redo records what it replays. */
class StorageStartupTest {
    @TempDir
    Path data;

    private final List<Long> replayedXids = new ArrayList<>();

    private final List<StorageModule> fakeHeap = List.of(context ->
            context.resourceManagers().register(new ResourceManager() {
                @Override
                public int id() {
                    return ResourceManagerIds.HEAP;
                }

                @Override
                public String name() {
                    return "Heap";
                }

                @Override
                public void redo(WalRecord record, long endLsn) {
                    replayedXids.add(record.xid());
                }

                @Override
                public String describe(WalRecord record) {
                    return "test";
                }
            }));

    private static final StorageOptions OPTIONS = StorageOptions.defaults().withSharedBuffers(64);

    private static long logChange(DefaultStorageServices services, TopTransaction tx) {
        return services.wal().insert(new WalRecord(ResourceManagerIds.HEAP, 0, tx.assignXid(), List.of(), new byte[4]));
    }

    @Test
    void initializeCreatesTheLayoutOnce() {
        StorageStartup.initialize(data);
        assertThat(data.resolve("global/pg_control")).exists();
        assertThat(data.resolve("pg_wal/archive_status")).isDirectory();
        assertThat(data.resolve("pg_wal/000000010000000000000001")).exists();
        assertThat(data.resolve("pg_xact")).isDirectory();
        assertThat(data.resolve("base")).isDirectory();
        assertThat(ControlFile.read(data).state()).isEqualTo(ControlFile.State.SHUT_DOWN);
        assertThatThrownBy(() -> StorageStartup.initialize(data)).isInstanceOf(SqlException.class)
                .hasMessageContaining("already initialized");
    }

    @Test
    void crashRecoveryRestoresCommittedStatusAndCounters() throws Exception {
        StorageStartup.initialize(data);
        long committedXid;
        long uncommittedXid;
        int lastOid;
        RelFileLocator kept = new RelFileLocator(1663, 5, 20000);
        RelFileLocator dropped = new RelFileLocator(1663, 5, 20001);
        Files.createDirectories(data.resolve("base/5"));
        DefaultStorageServices services = StorageStartup.open(data, OPTIONS, fakeHeap);
        assertThat(ControlFile.read(data).state()).isEqualTo(ControlFile.State.IN_PRODUCTION);
        assertThat(services.allocateOid()).isEqualTo(16384);
        lastOid = services.allocateOid();

        TopTransaction creator = services.transactions().begin();
        creator.createRelationStorage(kept);
        creator.createRelationStorage(dropped);
        services.transactions().commit(creator);
        services.checkpoint();

        TopTransaction committed = services.transactions().begin();
        committedXid = committed.assignXid();
        logChange(services, committed);
        committed.dropRelationStorageAtCommit(dropped);
        TopTransaction uncommitted = services.transactions().begin();
        uncommittedXid = uncommitted.assignXid();
        logChange(services, uncommitted);
        services.transactions().commit(committed);
        // The uncommitted change reaches the WAL file, as it would when another commit flushes it.
        services.wal().flushAll();
        assertThat(data.resolve("base/5/20001")).doesNotExist();
        services.shutdownImmediately();
        // Simulate the crash happening before the drop reached the disk.
        Files.createFile(data.resolve("base/5/20001"));

        DefaultStorageServices reopened = StorageStartup.open(data, OPTIONS, fakeHeap);
        try {
            assertThat(replayedXids).containsExactly(committedXid, uncommittedXid);
            DefaultTransactionManager transactions = reopened.transactions();
            assertThat(transactions.status(committedXid)).isEqualTo(XidStatus.COMMITTED);
            assertThat(transactions.status(uncommittedXid)).isEqualTo(XidStatus.ABORTED);
            assertThat(transactions.status(creator.xid())).isEqualTo(XidStatus.COMMITTED);
            assertThat(transactions.nextXid()).isGreaterThan(uncommittedXid);
            TopTransaction next = transactions.begin();
            assertThat(next.assignXid()).isGreaterThan(uncommittedXid);
            transactions.commit(next);
            assertThat(reopened.allocateOid()).isGreaterThan(lastOid);
            assertThat(reopened.storageManager().exists(kept, ForkNumber.MAIN)).isTrue();
            assertThat(data.resolve("base/5/20001")).doesNotExist();
            assertThat(ControlFile.read(data).state()).isEqualTo(ControlFile.State.IN_PRODUCTION);
        } finally {
            reopened.close();
        }
        assertThat(ControlFile.read(data).state()).isEqualTo(ControlFile.State.SHUT_DOWN);
        replayedXids.clear();
        try (DefaultStorageServices clean = StorageStartup.open(data, OPTIONS, fakeHeap)) {
            assertThat(replayedXids).isEmpty();
            assertThat(clean.transactions().status(committedXid)).isEqualTo(XidStatus.COMMITTED);
        }
    }

    @Test
    void checkpointRemovesWalSegmentsBeforeTheRedoPoint() {
        StorageStartup.initialize(data);
        try (DefaultStorageServices services = StorageStartup.open(data, OPTIONS.withFsync(false), fakeHeap)) {
            byte[] big = new byte[4 * 1024 * 1024];
            for (int i = 0; i < 5; i++) {
                services.wal().insert(new WalRecord(ResourceManagerIds.XLOG, 0x70, 0, List.of(), big));
            }
            services.wal().flushAll();
            assertThat(data.resolve("pg_wal/000000010000000000000001")).exists();
            services.checkpoint();
            assertThat(data.resolve("pg_wal/000000010000000000000001")).doesNotExist();
            assertThat(data.resolve("pg_wal/000000010000000000000002")).exists();
        }
    }

    @Test
    void commitsRacingCheckpointsAreAllCommittedAfterACrash() throws Exception {
        StorageStartup.initialize(data);
        List<Long> committed = java.util.Collections.synchronizedList(new ArrayList<>());
        DefaultStorageServices services = StorageStartup.open(data, OPTIONS.withFsync(false), fakeHeap);
        try (var executor = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                futures.add(executor.submit(() -> {
                    for (int i = 0; i < 100; i++) {
                        TopTransaction tx = services.transactions().begin();
                        logChange(services, tx);
                        services.transactions().commit(tx);
                        committed.add(tx.xid());
                    }
                }));
            }
            for (int i = 0; i < 5; i++) {
                services.checkpoint();
            }
            for (var future : futures) {
                future.get();
            }
        }
        services.shutdownImmediately();
        try (DefaultStorageServices reopened = StorageStartup.open(data, OPTIONS, fakeHeap)) {
            assertThat(committed).hasSize(800);
            for (long xid : committed) {
                assertThat(reopened.transactions().status(xid)).as("xid " + xid).isEqualTo(XidStatus.COMMITTED);
            }
        }
    }
}
