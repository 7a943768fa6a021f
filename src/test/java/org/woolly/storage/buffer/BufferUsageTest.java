package org.woolly.storage.buffer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.woolly.pgstat.ResourceUsage;
import org.woolly.storage.ipc.PanicState;
import org.woolly.storage.smgr.ForkNumber;
import org.woolly.storage.smgr.RelFileLocator;
import org.woolly.storage.smgr.StorageManager;

/**
 * The calling backend's buffer counters as ReadBuffer_common, MarkBufferDirty and FlushBuffer
 * count them in PostgreSQL 15: an extension is a write, a page found in the pool a hit, one read
 * from the file a read, the first change of a clean page a dirtying, a page written out a write;
 * another thread's work is not counted here.
 */
class BufferUsageTest {
    @TempDir
    Path data;

    private static final RelFileLocator TABLE = new RelFileLocator(RelFileLocator.DEFAULT_TABLESPACE_OID, 5, 16410);

    @Test
    void theBufferManagerCountsWhatThisThreadDid() throws Exception {
        StorageManager storage = new StorageManager(data, new PanicState());
        storage.create(TABLE, ForkNumber.MAIN);
        BufferPool pool = new BufferPool(storage, 2, lsn -> { });
        ResourceUsage.Counts start = ResourceUsage.current().snapshot();
        for (int block = 0; block < 3; block++) {
            Buffer buffer = pool.extend(TABLE, ForkNumber.MAIN);
            try {
                buffer.page().initialize(0);
                pool.markDirty(buffer);
                pool.markDirty(buffer);
            } finally {
                pool.unlockAndRelease(buffer);
            }
        }
        ResourceUsage.Counts extended = ResourceUsage.current().snapshot().minus(start);
        // three extensions, each dirtied once; two buffers for three pages: the first was evicted and written
        assertThat(extended.sharedWritten()).isEqualTo(3 + 1);
        assertThat(extended.sharedDirtied()).isEqualTo(3);
        assertThat(extended.sharedRead()).isZero();

        ResourceUsage.Counts beforeReads = ResourceUsage.current().snapshot();
        pool.release(pool.read(TABLE, 0));
        pool.release(pool.read(TABLE, 0));
        ResourceUsage.Counts reads = ResourceUsage.current().snapshot().minus(beforeReads);
        assertThat(reads.sharedRead()).isEqualTo(1);
        assertThat(reads.sharedHit()).isEqualTo(1);

        ResourceUsage.Counts beforeOther = ResourceUsage.current().snapshot();
        Thread other = Thread.ofPlatform().start(() -> pool.release(pool.read(TABLE, 1)));
        other.join();
        assertThat(ResourceUsage.current().snapshot().minus(beforeOther)).isEqualTo(ResourceUsage.Counts.ZERO);
    }
}
