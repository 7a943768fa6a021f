package org.woolly.access.transam;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.woolly.access.heap.HeapAccess;
import org.woolly.server.StorageWiring;
import org.woolly.storage.smgr.RelFileLocator;

/** End to end over the real heap: committed rows survive a crash, uncommitted ones do not. */
class CrashRecoveryTest {
    @TempDir
    Path data;

    private static final StorageOptions OPTIONS = StorageOptions.defaults().withSharedBuffers(64);

    @Test
    void committedRowSurvivesCrashAndUncommittedDoesNot() throws Exception {
        StorageStartup.initialize(data);
        Files.createDirectories(data.resolve("base/5"));
        RelFileLocator relation;
        DefaultStorageServices services = StorageWiring.open(data, OPTIONS);
        relation = new RelFileLocator(RelFileLocator.DEFAULT_TABLESPACE_OID, 5, services.allocateOid());
        TopTransaction ddl = services.transactions().begin();
        ddl.createRelationStorage(relation);
        services.transactions().commit(ddl);

        TopTransaction committed = services.transactions().begin();
        HeapAccess.of(services).insert(relation, "committed".getBytes(), committed);
        services.transactions().commit(committed);
        TopTransaction uncommitted = services.transactions().begin();
        HeapAccess.of(services).insert(relation, "uncommitted".getBytes(), uncommitted);
        services.wal().flushAll();
        assertThat(StoredRows.scan(services, relation)).containsExactly("committed");
        services.shutdownImmediately();

        try (DefaultStorageServices reopened = StorageWiring.open(data, OPTIONS)) {
            assertThat(reopened.transactions().status(uncommitted.xid())).isEqualTo(XidStatus.ABORTED);
            assertThat(StoredRows.scan(reopened, relation)).containsExactly("committed");
            TopTransaction more = reopened.transactions().begin();
            HeapAccess.of(reopened).insert(relation, "after".getBytes(), more);
            reopened.transactions().commit(more);
        }
        try (DefaultStorageServices again = StorageWiring.open(data, OPTIONS)) {
            assertThat(StoredRows.scan(again, relation)).containsExactlyInAnyOrder("committed", "after");
        }
    }
}
