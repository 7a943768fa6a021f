package org.woolly.access.transam;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.woolly.access.heap.HeapAccess;
import org.woolly.server.StorageWiring;
import org.woolly.storage.smgr.RelFileLocator;

/**
 * pg_xact truncation on the real storage, past a million XIDs: the cluster starts 200 XIDs
 * before the end of segment 0002 (as {@code pg_resetwal -x} would set it), 300 transactions
 * cross into 0003, every heap page is frozen below the horizon, and {@code TruncateCLOG}
 * removes 0002. A crash right after the truncation, or during it (the unlink not yet on disk
 * when the kill came: the file is back), comes back with every committed row, 0002 gone
 * (CLOG_TRUNCATE is flushed before the unlink and redone by recovery) and new transactions
 * working.
 */
class CommitLogTruncationCrashTest {
    private static final long PER_SEGMENT = CommitLog.XIDS_PER_SEGMENT;
    private static final StorageOptions OPTIONS = StorageOptions.defaults().withSharedBuffers(64);
    private static final int TRANSACTIONS = 300;

    @TempDir
    Path data;

    private RelFileLocator relation;

    /** Fills a table across the segment boundary, freezes it and truncates; the rows expected. */
    private List<String> fillFreezeAndTruncate(DefaultStorageServices services) throws Exception {
        relation = new RelFileLocator(RelFileLocator.DEFAULT_TABLESPACE_OID, 5, services.allocateOid());
        TopTransaction ddl = services.transactions().begin();
        ddl.createRelationStorage(relation);
        services.transactions().commit(ddl);
        HeapAccess heap = HeapAccess.of(services);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < TRANSACTIONS; i++) {
            TopTransaction tx = services.transactions().begin();
            heap.insert(relation, ("row " + i).getBytes(), tx);
            if (i % 10 == 3) {
                services.transactions().abort(tx);
            } else {
                services.transactions().commit(tx);
                expected.add("row " + i);
            }
        }
        assertThat(services.transactions().nextXid() / PER_SEGMENT).isEqualTo(3);
        // VACUUM FREEZE's part: no tuple names an XID below the horizon afterwards
        long horizon = services.transactions().oldestXmin();
        for (int block = 0; block < heap.blockCount(relation); block++) {
            heap.freezePage(relation, block, horizon);
        }
        // the commit log pages reach their files at a checkpoint; recovery starts after it
        services.checkpoint();
        assertThat(data.resolve("pg_xact/0002")).exists();
        services.transactions().truncateCommitLog(horizon);
        assertThat(data.resolve("pg_xact/0002")).doesNotExist();
        assertThat(data.resolve("pg_xact/0003")).exists();
        return expected;
    }

    private void assertRecovered(List<String> expected) {
        try (DefaultStorageServices reopened = StorageWiring.open(data, OPTIONS)) {
            assertThat(data.resolve("pg_xact/0002")).doesNotExist();
            assertThat(StoredRows.scan(reopened, relation)).containsExactlyElementsOf(expected);
            TopTransaction more = reopened.transactions().begin();
            HeapAccess.of(reopened).insert(relation, "after".getBytes(), more);
            reopened.transactions().commit(more);
        }
        try (DefaultStorageServices again = StorageWiring.open(data, OPTIONS)) {
            List<String> all = new ArrayList<>(expected);
            all.add("after");
            assertThat(StoredRows.scan(again, relation)).containsExactlyInAnyOrderElementsOf(all);
        }
    }

    @Test
    void aCrashRightAfterTheTruncationKeepsEveryCommittedRow() throws Exception {
        StorageStartup.initialize(data, 3 * PER_SEGMENT - 200);
        Files.createDirectories(data.resolve("base/5"));
        DefaultStorageServices services = StorageWiring.open(data, OPTIONS);
        List<String> expected = fillFreezeAndTruncate(services);
        services.shutdownImmediately();

        assertRecovered(expected);
    }

    @Test
    void aCrashDuringTheTruncationRemovesTheSegmentAgainAtRecovery() throws Exception {
        StorageStartup.initialize(data, 3 * PER_SEGMENT - 200);
        Files.createDirectories(data.resolve("base/5"));
        DefaultStorageServices services = StorageWiring.open(data, OPTIONS);
        Path segment = data.resolve("pg_xact/0002");
        List<String> expected;
        try {
            expected = fillFreezeAndTruncate(services);
        } finally {
            services.shutdownImmediately();
        }
        // the kill came after CLOG_TRUNCATE was flushed but before the unlink reached the disk
        Files.write(segment, new byte[CommitLog.PAGES_PER_SEGMENT * CommitLog.PAGE_SIZE]);

        assertRecovered(expected);
    }
}
