package org.woolly.access.transam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.woolly.storage.ipc.PanicState;
import org.woolly.storage.lmgr.LockManager;
import org.woolly.storage.smgr.RelFileLocator;
import org.woolly.utils.error.SqlException;

/**
 * pg_xact truncation ({@code TruncateCLOG}, {@code SimpleLruTruncate}): segments wholly below the
 * horizon go, WAL-logged first and removed again by redo; a failed unlink leaves the file for the
 * next truncation; a status asked below the horizon is PostgreSQL's "could not access status".
 * Segments hold 1,048,576 XIDs each, so the statuses are set sparsely across segments rather
 * than by running a million transactions.
 */
class CommitLogTruncationTest {
    private static final long PER_SEGMENT = CommitLog.XIDS_PER_SEGMENT;

    @TempDir
    Path directory;

    /** Sets a status in each of segments 0..count-1 and writes them out: one file per segment. */
    private static void fillSegments(CommitLog log, int count) {
        for (int segment = 0; segment < count; segment++) {
            log.set(segment * PER_SEGMENT + 5, XidStatus.COMMITTED, 0);
        }
        log.flush();
    }

    private List<String> files() throws Exception {
        List<String> names = new ArrayList<>();
        try (var list = Files.list(directory)) {
            list.map(path -> path.getFileName().toString()).filter(name -> name.matches("[0-9A-F]{4}"))
                    .sorted().forEach(names::add);
        }
        return names;
    }

    @Test
    void segmentsWhollyBelowTheHorizonAreRemovedAndAStatusBelowItIsAnError() throws Exception {
        CommitLog log = new CommitLog(directory, 4, lsn -> { }, true, new PanicState());
        fillSegments(log, 3);
        assertThat(files()).containsExactly("0000", "0001", "0002");

        assertThat(log.truncate(2)).isEqualTo(2);

        assertThat(files()).containsExactly("0002");
        assertThat(log.get(2 * PER_SEGMENT + 5)).isEqualTo(XidStatus.COMMITTED);
        assertThatThrownBy(() -> log.get(5)).isInstanceOfSatisfying(SqlException.class, error -> {
            assertThat(error.sqlState().code()).isEqualTo("58P01");
            assertThat(error.getMessage()).isEqualTo("could not access status of transaction 5");
            assertThat(error.detail()).isEqualTo("Could not open file \"pg_xact/0000\": No such file or directory.");
        });
        // start-up finds the horizon from the files left
        CommitLog reopened = new CommitLog(directory, 4, lsn -> { }, true, new PanicState());
        assertThat(reopened.oldestSegment()).isEqualTo(2);
        assertThatThrownBy(() -> reopened.get(PER_SEGMENT + 5)).isInstanceOf(SqlException.class);
        // a horizon that does not move removes nothing
        assertThat(reopened.truncate(2)).isZero();
    }

    @Test
    void aFailedUnlinkIsLoggedAndLeavesTheFileForTheNextTruncation() throws Exception {
        FaultyFiles faulty = new FaultyFiles();
        CommitLog log = new CommitLog(directory, 4, lsn -> { }, true, new PanicState(), faulty);
        fillSegments(log, 3);
        faulty.failDeletes.set(true);

        assertThat(log.truncate(1)).isZero();

        // the horizon moved all the same: the WAL record says so and no tuple names those XIDs
        assertThat(log.oldestSegment()).isEqualTo(1);
        assertThat(files()).containsExactly("0000", "0001", "0002");
        assertThatThrownBy(() -> log.get(5)).isInstanceOf(SqlException.class);

        faulty.failDeletes.set(false);
        assertThat(log.truncate(2)).isEqualTo(2);
        assertThat(files()).containsExactly("0002");
    }

    @Test
    void truncationIsBoundedByTheOldestRunningXidWalLoggedFirstAndRedoneByRecovery() throws Exception {
        WriteAheadLog wal = new WriteAheadLog(Files.createDirectories(directory.resolve("pg_wal")), WalSegments.FIRST_LSN, 0, false, true,
                new PanicState());
        Path xact = Files.createDirectories(directory.resolve("pg_xact"));
        CommitLog log = new CommitLog(xact, 4, wal::flush, false, new PanicState());
        fillSegments(log, 3);
        RelationFileOperations noFiles = new RelationFileOperations() {
            @Override
            public void create(RelFileLocator relation) { }

            @Override
            public void drop(RelFileLocator relation) { }
        };
        // the next XID is in segment 1: a transaction running there holds segment 1 back
        DefaultTransactionManager manager = new DefaultTransactionManager(wal, log, new LockManager(), noFiles,
                PER_SEGMENT + 10, true);
        TopTransaction running = manager.begin();
        running.assignXid();

        assertThat(manager.truncateCommitLog(3 * PER_SEGMENT)).isEqualTo(1);
        assertThat(log.oldestSegment()).isEqualTo(1);
        assertThat(Files.exists(xact.resolve("0000"))).isFalse();
        assertThat(Files.exists(xact.resolve("0001"))).isTrue();
        // the record was flushed before the file went
        long flushed = wal.flushedLsn();
        assertThat(flushed).isEqualTo(wal.insertLsn());
        manager.commit(running);
        wal.close();

        // recovery over a copy of pg_xact from before the truncation removes the segment again
        Path restored = Files.createDirectories(directory.resolve("restored"));
        CommitLog before = new CommitLog(restored, 4, lsn -> { }, false, new PanicState());
        fillSegments(before, 3);
        ResourceManager redo = CoreResourceManagers.commitLog(before);
        WalReader reader = new WalReader(directory.resolve("pg_wal"), WalSegments.FIRST_LSN);
        List<String> described = new ArrayList<>();
        for (WalReader.ReadRecord record = reader.next(); record != null; record = reader.next()) {
            if (record.record().resourceManager() == ResourceManagerIds.CLOG) {
                described.add(redo.describe(record.record()));
                redo.redo(record.record(), record.endLsn());
            }
        }
        assertThat(described).containsExactly("TRUNCATE page 32");
        assertThat(Files.exists(restored.resolve("0000"))).isFalse();
        assertThat(before.oldestSegment()).isEqualTo(1);
    }
}
