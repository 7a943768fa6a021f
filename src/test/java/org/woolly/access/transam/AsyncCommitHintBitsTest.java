package org.woolly.access.transam;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.woolly.access.heap.HeapAccess;
import org.woolly.server.StorageWiring;
import org.woolly.storage.page.Page;
import org.woolly.storage.smgr.ForkNumber;
import org.woolly.storage.smgr.RelFileLocator;

/**
 * Issue 5, item 4: under synchronous_commit = off a committed hint bit must not reach disk ahead
 * of the commit record (PostgreSQL's SetHintBits rule), or a crash leaves a transaction half
 * visible.
 */
class AsyncCommitHintBitsTest {
    @TempDir
    Path data;

    private static final StorageOptions ASYNC = StorageOptions.defaults().withSharedBuffers(64)
            .withSynchronousCommit(false).withFsync(false);
    /** t_infomask sits at offset 26 of a heap tuple (access/heap/README.md); 0x0100 is XMIN_COMMITTED. */
    private static final int INFOMASK_OFFSET = 26;
    private static final int XMIN_COMMITTED = 0x0100;

    private static int infomaskOnDisk(DefaultStorageServices services, RelFileLocator relation, int item) {
        byte[] page = new byte[Page.SIZE];
        services.storageManager().read(relation, ForkNumber.MAIN, 0, page);
        byte[] tuple = Page.wrap(page).item(item);
        return (tuple[INFOMASK_OFFSET] & 0xFF) | (tuple[INFOMASK_OFFSET + 1] & 0xFF) << 8;
    }

    /**
     * full_page_writes is off so no full-page image of the change rebuilds the page in
     * recovery (and the hint needs none: the page changed after the redo point): the page on
     * disk is what recovery starts from.
     */
    @Test
    void hintWaitsForTheCommitRecordSoACrashLosesTheWholeTransaction() throws Exception {
        StorageOptions options = ASYNC.withFullPageWrites(false);
        StorageStartup.initialize(data);
        Files.createDirectories(data.resolve("base/5"));
        DefaultStorageServices services = StorageWiring.open(data, options);
        RelFileLocator a = new RelFileLocator(RelFileLocator.DEFAULT_TABLESPACE_OID, 5, services.allocateOid());
        RelFileLocator b = new RelFileLocator(RelFileLocator.DEFAULT_TABLESPACE_OID, 5, services.allocateOid());
        TopTransaction ddl = services.transactions().begin();
        ddl.createRelationStorage(a);
        ddl.createRelationStorage(b);
        HeapAccess.of(services).insert(a, "old".getBytes(), ddl);
        services.transactions().commit(ddl);
        services.checkpoint();

        TopTransaction writer = services.transactions().begin();
        HeapAccess.of(services).insert(a, "in a".getBytes(), writer);
        HeapAccess.of(services).insert(b, "in b".getBytes(), writer);
        services.flushWal();
        services.transactions().commit(writer);
        assertThat(services.wal().flushedLsn()).as("the commit record is still in the WAL buffers")
                .isLessThan(services.wal().insertLsn());

        assertThat(StoredRows.scan(services, a)).containsExactly("old", "in a");
        // a's page is written out (eviction, bgwriter): its WAL is flushed, the commit record is not
        services.bufferPool().flushRelation(a);
        assertThat(infomaskOnDisk(services, a, 2) & XMIN_COMMITTED)
                .as("no committed hint ahead of the commit record").isZero();
        services.shutdownImmediately();

        try (DefaultStorageServices reopened = StorageWiring.open(data, options)) {
            assertThat(reopened.transactions().status(writer.xid())).isEqualTo(XidStatus.ABORTED);
            assertThat(StoredRows.scan(reopened, a)).as("all or nothing: a").containsExactly("old");
            assertThat(StoredRows.scan(reopened, b)).as("all or nothing: b").isEmpty();
        }
    }

    @Test
    void hintIsSetOnceTheCommitRecordIsFlushed() throws Exception {
        StorageStartup.initialize(data);
        Files.createDirectories(data.resolve("base/5"));
        try (DefaultStorageServices services = StorageWiring.open(data, ASYNC)) {
            RelFileLocator a = new RelFileLocator(RelFileLocator.DEFAULT_TABLESPACE_OID, 5, services.allocateOid());
            TopTransaction ddl = services.transactions().begin();
            ddl.createRelationStorage(a);
            services.transactions().commit(ddl);
            TopTransaction writer = services.transactions().begin();
            HeapAccess.of(services).insert(a, "in a".getBytes(), writer);
            services.transactions().commit(writer);
            assertThat(services.transactions().committedHintAllowed(writer.xid())).isFalse();

            services.flushWal();
            assertThat(services.transactions().committedHintAllowed(writer.xid())).isTrue();
            assertThat(StoredRows.scan(services, a)).containsExactly("in a");
            services.bufferPool().flushRelation(a);
            assertThat(infomaskOnDisk(services, a, 1) & XMIN_COMMITTED).isEqualTo(XMIN_COMMITTED);
        }
    }
}
