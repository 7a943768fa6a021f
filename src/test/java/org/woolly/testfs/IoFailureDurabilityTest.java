package org.woolly.testfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.woolly.access.transam.StorageOptions;
import org.woolly.server.WoollyEngine;

/**
 * A write or fsync fails once, then the power goes: whatever the engine acknowledged must be in
 * the recovered database. The simulated disk drops the dirty pages of a failed fsync as Linux
 * does, so retrying the fsync "succeeds" without the data: PostgreSQL PANICs instead
 * ({@code data_sync_retry = off}, {@code XLogWrite}'s PANIC on a failed WAL write or fsync) and
 * recovers from the WAL. The test does not prescribe the PANIC, only what a client may rely on.
 */
class IoFailureDurabilityTest {
    private static final int ROWS = 40;

    @TempDir
    Path realDirectory;

    @Test
    void failedWalFsyncLosesNoAcknowledgedCommit() throws Exception {
        failOnceThenCrash("wal-fsync", SimulatedDisk.Operation.FORCE, "data/pg_wal/[0-9A-F]+", false);
    }

    @Test
    void failedWalWriteLosesNoAcknowledgedCommit() throws Exception {
        failOnceThenCrash("wal-write", SimulatedDisk.Operation.WRITE, "data/pg_wal/[0-9A-F]+", false);
    }

    @Test
    void failedDataFileFsyncAtCheckpointLosesNoAcknowledgedCommit() throws Exception {
        failOnceThenCrash("data-fsync", SimulatedDisk.Operation.FORCE, "data/base/.*", true);
    }

    @Test
    void failedCommitLogFsyncAtCheckpointLosesNoAcknowledgedCommit() throws Exception {
        failOnceThenCrash("clog-fsync", SimulatedDisk.Operation.FORCE, "data/pg_xact/.*", true);
    }

    private void failOnceThenCrash(String name, SimulatedDisk.Operation operation, String pathPattern,
                                   boolean checkpoints) throws Exception {
        long seed = TestClusters.seed();
        System.out.println("IoFailureDurabilityTest " + name + " with seed " + seed);
        SimulatedDisk disk = TestClusters.initialized(realDirectory, name);
        WoollyEngine engine = WoollyEngine.open(TestClusters.dataDirectory(disk), StorageOptions.defaults());
        List<Integer> acknowledged = new ArrayList<>();
        int failures = 0;
        try (SqlClient client = new SqlClient(engine, 1)) {
            client.query("CREATE TABLE t (id int)");
            engine.checkpoint();
        }
        // Only the injected failure is under test here: the new table's file and directory entry
        // are made durable whether or not the engine fsyncs them (PowerLossRecoveryTest covers that).
        disk.syncEverything();
        SimulatedDisk.Fault fault = disk.failOn(operation, pathPattern, 1, false);
        try (SqlClient client = new SqlClient(engine, 2)) {
            for (int id = 0; id < ROWS; id++) {
                try {
                    client.query("INSERT INTO t VALUES (" + id + ")");
                    acknowledged.add(id);
                } catch (RuntimeException notAcknowledged) {
                    failures++;
                }
                if (checkpoints && id % 10 == 9) {
                    try {
                        engine.checkpoint();
                    } catch (RuntimeException failedCheckpoint) {
                        failures++;
                    }
                }
            }
        } catch (RuntimeException panicked) {
            // a PANIC may end the session too; what was acknowledged so far is what counts
            failures++;
        }
        assertThat(fault.fired()).as("the injected %s failure struck", operation).isTrue();
        System.out.println("IoFailureDurabilityTest " + name + ": " + acknowledged.size() + " acknowledged, "
                + failures + " failures");
        disk.crash(new Random(seed));
        try {
            engine.close();
        } catch (RuntimeException expected) {
            // the power is gone
        }

        WoollyEngine recovered = WoollyEngine.open(TestClusters.dataDirectory(disk), StorageOptions.defaults());
        try (SqlClient client = new SqlClient(recovered, 1)) {
            List<Integer> present = client.query("SELECT id FROM t").stream()
                    .map(row -> ((Number) row[0]).intValue()).toList();
            assertThat(present).as("seed %d: rows after recovery include every acknowledged INSERT", seed)
                    .containsAll(acknowledged).doesNotHaveDuplicates();
        } finally {
            recovered.close();
        }
    }
}
