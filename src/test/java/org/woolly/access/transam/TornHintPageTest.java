package org.woolly.access.transam;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.woolly.access.heap.HeapAccess;
import org.woolly.server.StorageWiring;
import org.woolly.storage.page.Page;
import org.woolly.storage.smgr.RelFileLocator;

/**
 * Issue 5, item 10: with checksums always on, a hint-only page write that tears must be
 * repaired by crash recovery (PostgreSQL logs XLOG_FPI_FOR_HINT for the first hint after a
 * checkpoint), not become a permanent XX001.
 */
class TornHintPageTest {
    @TempDir
    Path data;

    private static final StorageOptions OPTIONS = StorageOptions.defaults().withSharedBuffers(64).withFsync(false);

    @Test
    void tornHintOnlyWriteAfterACheckpointIsRepairedByRecovery() throws Exception {
        StorageStartup.initialize(data);
        Files.createDirectories(data.resolve("base/5"));
        DefaultStorageServices services = StorageWiring.open(data, OPTIONS);
        RelFileLocator relation = new RelFileLocator(RelFileLocator.DEFAULT_TABLESPACE_OID, 5, services.allocateOid());
        TopTransaction writer = services.transactions().begin();
        writer.createRelationStorage(relation);
        for (int row = 0; row < 3; row++) {
            HeapAccess.of(services).insert(relation, ("row " + row).getBytes(), writer);
        }
        services.transactions().commit(writer);
        services.checkpoint();
        Path file = data.resolve("base/5/" + relation.relNumber());
        byte[] before = Files.readAllBytes(file);

        // the first reader sets hint bits: the page's only change since the checkpoint
        assertThat(StoredRows.scan(services, relation)).containsExactly("row 0", "row 1", "row 2");
        services.bufferPool().flushRelation(relation);
        byte[] after = Files.readAllBytes(file);
        assertThat(after).isNotEqualTo(before);

        // power fails halfway through that write: the new first half over the old second half
        byte[] torn = Arrays.copyOf(after, Page.SIZE);
        System.arraycopy(before, Page.SIZE / 2, torn, Page.SIZE / 2, Page.SIZE / 2);
        Files.write(file, torn);
        services.shutdownImmediately();

        try (DefaultStorageServices reopened = StorageWiring.open(data, OPTIONS)) {
            assertThat(StoredRows.scan(reopened, relation)).containsExactly("row 0", "row 1", "row 2");
        }
        try (DefaultStorageServices again = StorageWiring.open(data, OPTIONS)) {
            assertThat(StoredRows.scan(again, relation)).containsExactly("row 0", "row 1", "row 2");
        }
    }
}
