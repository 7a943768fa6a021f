package org.woolly.storage.buffer;

import org.woolly.storage.ipc.PanicState;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.woolly.storage.page.Page;
import org.woolly.storage.smgr.ForkNumber;
import org.woolly.storage.smgr.RelFileLocator;
import org.woolly.storage.smgr.StorageManager;

class BufferPoolTest {
    @TempDir
    Path data;

    private static final RelFileLocator TABLE = new RelFileLocator(RelFileLocator.DEFAULT_TABLESPACE_OID, 5, 16400);

    /** Records the LSNs the pool asked to flush, and what the file held at that moment. */
    private final List<Long> flushedLsns = new CopyOnWriteArrayList<>();

    private BufferPool newPool(int buffers) {
        StorageManager storage = new StorageManager(data, new PanicState());
        storage.create(TABLE, ForkNumber.MAIN);
        return new BufferPool(storage, buffers, flushedLsns::add);
    }

    private void fillBlock(BufferPool pool, long lsn) {
        Buffer buffer = pool.extend(TABLE, ForkNumber.MAIN);
        try {
            Page page = buffer.page();
            page.initialize(0);
            page.addItem(new byte[] {(byte) lsn});
            page.setLsn(lsn);
            pool.markDirty(buffer);
        } finally {
            pool.unlockAndRelease(buffer);
        }
    }

    @Test
    void evictionWritesDirtyPagesAfterFlushingWal() {
        BufferPool pool = newPool(3);
        StorageManager storage = pool.storageManager();
        for (int block = 0; block < 6; block++) {
            fillBlock(pool, 100 + block);
        }
        // 6 dirty pages through 3 buffers: at least the first three were evicted and written
        assertThat(flushedLsns).contains(100L, 101L, 102L);
        byte[] onDisk = new byte[Page.SIZE];
        storage.read(TABLE, ForkNumber.MAIN, 0, onDisk);
        assertThat(Page.wrap(onDisk).lsn()).isEqualTo(100);
        assertThat(pool.pinnedBufferCount()).isZero();

        for (int block = 0; block < 6; block++) {
            Buffer buffer = pool.read(TABLE, block);
            buffer.lockShared();
            assertThat(buffer.page().item(1)).containsExactly((byte) (100 + block));
            pool.unlockAndRelease(buffer);
        }
        assertThat(pool.blockCount(TABLE, ForkNumber.MAIN)).isEqualTo(6);
        assertThat(pool.readCount()).as("evicted pages came back from disk").isGreaterThanOrEqualTo(3);
        assertThat(pool.writeCount()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void flushAllWritesEveryDirtyPageAndSyncs() {
        BufferPool pool = newPool(8);
        StorageManager storage = pool.storageManager();
        fillBlock(pool, 500);
        fillBlock(pool, 501);
        assertThat(flushedLsns).isEmpty();
        pool.flushAll();
        assertThat(flushedLsns).containsExactlyInAnyOrder(500L, 501L);
        byte[] onDisk = new byte[Page.SIZE];
        storage.read(TABLE, ForkNumber.MAIN, 1, onDisk);
        assertThat(Page.wrap(onDisk).lsn()).isEqualTo(501);
        flushedLsns.clear();
        pool.flushAll();
        assertThat(flushedLsns).as("clean pages are not written again").isEmpty();
    }

    @Test
    void pinnedBuffersAreNotEvicted() {
        BufferPool pool = newPool(2);
        StorageManager storage = pool.storageManager();
        fillBlock(pool, 1);
        fillBlock(pool, 2);
        Buffer held = pool.read(TABLE, 0);
        fillBlock(pool, 3);
        fillBlock(pool, 4);
        assertThat(held.tag().blockNumber()).isZero();
        held.lockShared();
        assertThat(held.page().lsn()).isEqualTo(1);
        pool.unlockAndRelease(held);
    }

    @Test
    void dropRelationForgetsBuffersWithoutWriting() {
        BufferPool pool = newPool(4);
        StorageManager storage = pool.storageManager();
        fillBlock(pool, 7);
        pool.dropRelation(TABLE);
        pool.flushAll();
        assertThat(flushedLsns).isEmpty();
        byte[] onDisk = new byte[Page.SIZE];
        storage.read(TABLE, ForkNumber.MAIN, 0, onDisk);
        assertThat(Page.wrap(onDisk).isNew()).isTrue();
    }

    @Test
    void readForRedoCreatesAndExtendsTheRelation() {
        StorageManager storage = new StorageManager(data, new PanicState());
        BufferPool pool = new BufferPool(storage, 4, flushedLsns::add);
        Buffer buffer = pool.readForRedo(TABLE, ForkNumber.MAIN, 3, false);
        assertThat(buffer.isExclusivelyLocked()).isTrue();
        assertThat(buffer.page().isNew()).isTrue();
        pool.unlockAndRelease(buffer);
        assertThat(storage.blockCount(TABLE, ForkNumber.MAIN)).isEqualTo(4);
    }

    @Test
    void concurrentReadersShareOneBuffer() throws Exception {
        BufferPool pool = newPool(4);
        StorageManager storage = pool.storageManager();
        for (int block = 0; block < 8; block++) {
            fillBlock(pool, block + 1);
        }
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        List<Thread> threads = new java.util.ArrayList<>();
        for (int t = 0; t < 8; t++) {
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    for (int i = 0; i < 200; i++) {
                        int block = i % 8;
                        Buffer buffer = pool.read(TABLE, block);
                        buffer.lockShared();
                        try {
                            assertThat(buffer.page().lsn()).isEqualTo(block + 1);
                        } finally {
                            pool.unlockAndRelease(buffer);
                        }
                    }
                } catch (Throwable failure) {
                    failures.add(failure);
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(failures).isEmpty();
        assertThat(pool.pinnedBufferCount()).isZero();
    }

    @Test
    void truncateForgetsBuffersPastTheEndAndExtendStartsFromZero() {
        BufferPool pool = newPool(8);
        StorageManager storage = pool.storageManager();
        List<RelFileLocator> dropped = new CopyOnWriteArrayList<>();
        pool.addDropListener(dropped::add);
        fillBlock(pool, 1);
        fillBlock(pool, 2);
        fillBlock(pool, 3);
        pool.truncate(TABLE, ForkNumber.MAIN, 1);
        assertThat(pool.blockCount(TABLE, ForkNumber.MAIN)).isEqualTo(1);
        assertThat(dropped).containsExactly(TABLE);
        Buffer reused = pool.extend(TABLE, ForkNumber.MAIN);
        assertThat(reused.blockNumber()).isEqualTo(1);
        assertThat(reused.page().isNew()).as("no stale contents from before the truncation").isTrue();
        pool.unlockAndRelease(reused);
        pool.flushAll();
        assertThat(flushedLsns).containsExactly(1L);
    }
}
