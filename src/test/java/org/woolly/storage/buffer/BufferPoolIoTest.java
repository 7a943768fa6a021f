package org.woolly.storage.buffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.woolly.storage.ipc.PanicState;
import org.woolly.storage.page.Page;
import org.woolly.storage.smgr.ForkNumber;
import org.woolly.storage.smgr.RelFileLocator;
import org.woolly.storage.smgr.StorageIoHook;
import org.woolly.storage.smgr.StorageManager;
import org.woolly.utils.error.Severity;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/** Writes, fsyncs and their failures under a checkpoint: issue 5 items 6, 7 and 11. */
class BufferPoolIoTest {
    @TempDir
    Path data;

    private static final RelFileLocator TABLE = new RelFileLocator(RelFileLocator.DEFAULT_TABLESPACE_OID, 5, 16401);

    private final PanicState panicState = new PanicState();

    private BufferPool newPool(int buffers) {
        StorageManager storage = new StorageManager(data, panicState);
        storage.create(TABLE, ForkNumber.MAIN);
        return new BufferPool(storage, buffers, lsn -> { });
    }

    private static void fillBlock(BufferPool pool, long lsn) {
        Buffer buffer = pool.extend(TABLE, ForkNumber.MAIN);
        try {
            buffer.page().initialize(0);
            buffer.page().addItem(new byte[] {(byte) lsn});
            buffer.page().setLsn(lsn);
            pool.markDirty(buffer);
        } finally {
            pool.unlockAndRelease(buffer);
        }
    }

    private static void redirty(BufferPool pool, int block, long lsn) {
        Buffer buffer = pool.read(TABLE, block);
        buffer.lockExclusive();
        try {
            buffer.page().setLsn(lsn);
            pool.markDirty(buffer);
        } finally {
            pool.unlockAndRelease(buffer);
        }
    }

    @Test
    void checkpointWaitsForAWriteInProgressAndSyncsItsSegment() throws Exception {
        BufferPool pool = newPool(2);
        fillBlock(pool, 10);
        fillBlock(pool, 11);
        pool.flushAll();
        redirty(pool, 0, 20);

        List<String> events = new CopyOnWriteArrayList<>();
        CountDownLatch writerParked = new CountDownLatch(1);
        CountDownLatch releaseWriter = new CountDownLatch(1);
        pool.storageManager().setIoHook(new StorageIoHook() {
            @Override
            public void beforeWrite(RelFileLocator relation, ForkNumber fork, int block) {
                if (block == 0 && writerParked.getCount() > 0) {
                    writerParked.countDown();
                    try {
                        releaseWriter.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }

            @Override
            public void beforeSync(String path) {
                events.add("sync " + path);
            }
        });
        // a backend needing buffers evicts dirty block 0 and is parked inside its write
        Thread backend = Thread.ofVirtual().start(() -> {
            fillBlock(pool, 12);
            fillBlock(pool, 13);
        });
        writerParked.await();
        Thread checkpointer = Thread.ofPlatform().start(pool::flushAll);
        // let the checkpoint run until it finishes or blocks on the write in progress
        while (checkpointer.isAlive() && checkpointer.getState() != Thread.State.WAITING) {
            Thread.onSpinWait();
        }
        events.add("write released");
        releaseWriter.countDown();
        checkpointer.join();
        backend.join();

        String segment = "sync " + StorageManager.relationPath(TABLE, ForkNumber.MAIN);
        assertThat(events).as("the checkpoint fsyncs the segment only after the write in progress ended")
                .containsSubsequence("write released", segment);
        assertThat(pool.pinnedBufferCount()).isZero();
    }

    @Test
    void failedVictimWritesNeverLeakPins() {
        BufferPool pool = newPool(2);
        for (int block = 0; block < 4; block++) {
            fillBlock(pool, 30 + block);
        }
        pool.flushAll();
        redirty(pool, 2, 40);
        redirty(pool, 3, 41);
        pool.storageManager().setIoHook(new StorageIoHook() {
            @Override
            public void beforeWrite(RelFileLocator relation, ForkNumber fork, int block) throws IOException {
                throw new IOException("Input/output error");
            }
        });
        for (int attempt = 0; attempt < 6; attempt++) {
            int block = attempt % 2;
            assertThatThrownBy(() -> pool.read(TABLE, block))
                    .isInstanceOfSatisfying(SqlException.class,
                            e -> assertThat(e.sqlState()).isEqualTo(SqlState.IO_ERROR))
                    .hasMessageContaining("could not write block");
            assertThat(pool.pinnedBufferCount()).isZero();
        }
        pool.storageManager().setIoHook(new StorageIoHook() { });
        Buffer buffer = pool.read(TABLE, 0);
        pool.release(buffer);
        assertThat(pool.pinnedBufferCount()).isZero();
    }

    @Test
    void failedFsyncIsPanicNeverRetried() {
        BufferPool pool = newPool(4);
        fillBlock(pool, 50);
        List<String> syncs = new CopyOnWriteArrayList<>();
        pool.storageManager().setIoHook(new StorageIoHook() {
            @Override
            public void beforeSync(String path) throws IOException {
                syncs.add(path);
                throw new IOException("Input/output error");
            }
        });
        assertThatThrownBy(pool::flushAll).isInstanceOfSatisfying(SqlException.class, e -> {
            assertThat(e.severity()).isEqualTo(Severity.PANIC);
            assertThat(e.sqlState()).isEqualTo(SqlState.IO_ERROR);
            assertThat(e.getMessage()).startsWith("could not fsync file \"base/5/16401\"");
        });
        assertThat(panicState.panicked()).isTrue();
        int attempts = syncs.size();

        // after the PANIC nothing reaches the data files, and the failed fsync is not tried again
        assertThatThrownBy(() -> fillBlock(pool, 51)).isInstanceOfSatisfying(SqlException.class,
                e -> assertThat(e.severity()).isEqualTo(Severity.PANIC));
        byte[] page = new byte[Page.SIZE];
        assertThatThrownBy(() -> pool.storageManager().write(TABLE, ForkNumber.MAIN, 0, page))
                .isInstanceOfSatisfying(SqlException.class, e -> assertThat(e.severity()).isEqualTo(Severity.PANIC));
        assertThatThrownBy(pool::flushAll).isInstanceOfSatisfying(SqlException.class,
                e -> assertThat(e.severity()).isEqualTo(Severity.PANIC));
        assertThat(syncs).hasSize(attempts);
        assertThat(pool.storageManager().blockCount(TABLE, ForkNumber.MAIN)).isEqualTo(1);
    }

    @Test
    void firstHintOnACleanPageLogsItsImageAndStampsTheLsn() {
        List<byte[]> images = new CopyOnWriteArrayList<>();
        long redoPointer = 100;
        StorageManager storage = new StorageManager(data, panicState);
        storage.create(TABLE, ForkNumber.MAIN);
        BufferPool pool = new BufferPool(storage, 4, lsn -> { }, (tag, pageLsn, image) -> {
            if (pageLsn > redoPointer) {
                return 0;
            }
            images.add(image.get());
            return 500 + images.size();
        });
        fillBlock(pool, 60);
        pool.flushAll();

        Buffer buffer = pool.read(TABLE, 0);
        buffer.lockShared();
        buffer.data()[Page.SIZE - 1] ^= 1;
        pool.markDirtyHint(buffer);
        pool.markDirtyHint(buffer);
        assertThat(images).as("one image: the second hint finds the buffer dirty already").hasSize(1);
        assertThat(images.get(0)[Page.SIZE - 1]).isEqualTo(buffer.data()[Page.SIZE - 1]);
        assertThat(buffer.page().lsn()).isEqualTo(501);
        pool.unlockAndRelease(buffer);
        pool.flushAll();

        // changed since the redo point: no image needed
        redirty(pool, 0, 200);
        pool.flushAll();
        buffer = pool.read(TABLE, 0);
        buffer.lockShared();
        pool.markDirtyHint(buffer);
        assertThat(images).hasSize(1);
        assertThat(buffer.page().lsn()).isEqualTo(200);
        pool.unlockAndRelease(buffer);
    }
}
