package org.woolly.storage.buffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.woolly.storage.ipc.PanicState;
import org.woolly.storage.page.Page;
import org.woolly.storage.smgr.ForkNumber;
import org.woolly.storage.smgr.RelFileLocator;
import org.woolly.storage.smgr.StorageIoHook;
import org.woolly.storage.smgr.StorageManager;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * The background writer's rounds on a real pool: which buffers it writes (SyncOneBuffer's
 * choice), WAL before data, bgwriter_lru_maxpages, its counters, and a failed write.
 */
class BackgroundWriterTest {
    @TempDir
    Path data;

    private static final RelFileLocator TABLE = new RelFileLocator(RelFileLocator.DEFAULT_TABLESPACE_OID, 5, 16402);

    private final AtomicLong walFlushedTo = new AtomicLong();

    private BufferPool newPool(int buffers) {
        StorageManager storage = new StorageManager(data, new PanicState());
        storage.create(TABLE, ForkNumber.MAIN);
        return new BufferPool(storage, buffers, lsn -> walFlushedTo.accumulateAndGet(lsn, Math::max));
    }

    /** Adds a dirty block holding one item {@code marker}, its page LSN {@code lsn}, left with usage count 0. */
    private static void dirtyBlock(BufferPool pool, int marker, long lsn) {
        Buffer buffer = pool.extend(TABLE, ForkNumber.MAIN);
        try {
            buffer.page().initialize(0);
            buffer.page().addItem(new byte[] {(byte) marker});
            buffer.page().setLsn(lsn);
            pool.markDirty(buffer);
        } finally {
            pool.unlockAndRelease(buffer);
        }
        synchronized (buffer) {
            // as if the clock hand had passed it since: next in line for reuse
            buffer.usageCount = 0;
        }
    }

    private static long onDisk(BufferPool pool, int block) {
        byte[] page = new byte[Page.SIZE];
        pool.storageManager().read(TABLE, ForkNumber.MAIN, block, page);
        return Page.wrap(page).lsn();
    }

    @Test
    void writesDirtyUnusedBuffersAfterFlushingTheWal() {
        BufferPool pool = newPool(8);
        for (int block = 0; block < 4; block++) {
            dirtyBlock(pool, block, 100 + block);
        }
        pool.storageManager().setIoHook(new StorageIoHook() {
            @Override
            public void beforeWrite(RelFileLocator relation, ForkNumber fork, int block) {
                assertThat(walFlushedTo.get()).as("WAL before data").isGreaterThanOrEqualTo(100 + block);
            }
        });
        pool.backgroundWriter().round(100, 2.0, 200);
        for (int block = 0; block < 4; block++) {
            assertThat(onDisk(pool, block)).isEqualTo(100 + block);
        }
        assertThat(pool.counters().value("buffers_clean")).isEqualTo(4);
        assertThat(pool.counters().value("maxwritten_clean")).isZero();
        assertThat(pool.counters().value("buffers_alloc")).isEqualTo(4);
        // the extensions wrote their zero pages: backend writes, as PostgreSQL 15 counts them
        assertThat(pool.counters().value("buffers_backend")).isEqualTo(4);
        assertThat(pool.pinnedBufferCount()).isZero();
    }

    @Test
    void leavesPinnedAndRecentlyUsedBuffersAlone() {
        BufferPool pool = newPool(8);
        for (int block = 0; block < 4; block++) {
            dirtyBlock(pool, block, 200 + block);
        }
        Buffer pinned = pool.read(TABLE, 0);
        Buffer used = pool.read(TABLE, 1);
        pool.release(used);
        try {
            pool.backgroundWriter().round(100, 2.0, 200);
            assertThat(pinned.isDirty()).isTrue();
            assertThat(used.isDirty()).isTrue();
            assertThat(pool.counters().value("buffers_clean")).isEqualTo(2);
        } finally {
            pool.release(pinned);
        }
    }

    @Test
    void stopsAtMaxPagesAndCountsTheRound() {
        BufferPool pool = newPool(8);
        for (int block = 0; block < 6; block++) {
            dirtyBlock(pool, block, 300 + block);
        }
        pool.backgroundWriter().round(2, 2.0, 200);
        assertThat(pool.counters().value("buffers_clean")).isEqualTo(2);
        assertThat(pool.counters().value("maxwritten_clean")).isEqualTo(1);
    }

    @Test
    void disabledWithZeroMaxPagesItWritesNothingAndMayHibernate() {
        BufferPool pool = newPool(8);
        dirtyBlock(pool, 0, 400);
        assertThat(pool.backgroundWriter().round(0, 2.0, 200)).isTrue();
        assertThat(pool.counters().value("buffers_clean")).isZero();
    }

    @Test
    void aFailedWriteLeavesThePageDirtyAndNothingIsLost() {
        BufferPool pool = newPool(8);
        for (int block = 0; block < 4; block++) {
            dirtyBlock(pool, block, 500 + block);
        }
        pool.storageManager().setIoHook(new StorageIoHook() {
            @Override
            public void beforeWrite(RelFileLocator relation, ForkNumber fork, int block) throws IOException {
                if (block == 2) {
                    throw new IOException("Input/output error");
                }
            }
        });
        assertThatThrownBy(() -> pool.backgroundWriter().round(100, 2.0, 200))
                .isInstanceOfSatisfying(SqlException.class, e -> assertThat(e.sqlState()).isEqualTo(SqlState.IO_ERROR))
                .hasMessageContaining("could not write block 2");
        assertThat(pool.pinnedBufferCount()).isZero();
        assertThat(pool.counters().value("buffers_clean")).isEqualTo(2);
        Buffer failed = pool.read(TABLE, 2);
        pool.release(failed);
        assertThat(failed.isDirty()).as("the page waits for the next write").isTrue();

        pool.storageManager().setIoHook(new StorageIoHook() { });
        pool.flushAll();
        for (int block = 0; block < 4; block++) {
            assertThat(onDisk(pool, block)).isEqualTo(500 + block);
        }
    }

    @Test
    void anAllocationWakesAHibernatingWriterOnce() {
        BufferPool pool = newPool(8);
        AtomicLong wakeups = new AtomicLong();
        pool.backgroundWriter().wakeOnNextAllocation(wakeups::incrementAndGet);
        dirtyBlock(pool, 0, 600);
        dirtyBlock(pool, 1, 601);
        assertThat(wakeups).hasValue(1);
    }
}
