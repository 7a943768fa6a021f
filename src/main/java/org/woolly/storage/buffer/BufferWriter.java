package org.woolly.storage.buffer;

import java.util.concurrent.atomic.LongAdder;

import org.woolly.pgstat.ResourceUsage;
import org.woolly.storage.page.Page;
import org.woolly.storage.smgr.StorageManager;

/**
 * Writing buffers out: {@code FlushBuffer} with its {@code BM_IO_IN_PROGRESS} marking, and the
 * checkpoint's wait for writes in progress ({@code WaitIO}). Part of {@link BufferPool}
 * (PostgreSQL's {@code bufmgr.c}). Thread-safe.
 */
final class BufferWriter {
    private final StorageManager storage;
    private final WalFlusher walFlusher;
    private final LongAdder writes = new LongAdder();
    /** Per-thread copy of the page being written, taken under the buffer's monitor. */
    private final ThreadLocal<byte[]> writeImage = ThreadLocal.withInitial(() -> new byte[Page.SIZE]);

    BufferWriter(StorageManager storage, WalFlusher walFlusher) {
        this.storage = storage;
        this.walFlusher = walFlusher;
    }

    long writeCount() {
        return writes.sum();
    }

    /** What {@link #flush} did with a buffer. */
    enum Outcome {
        /** A conditional flush found the page locked exclusively: nothing done. */
        LOCKED,
        /** The page was not dirty (or no longer held a page): nothing to write. */
        CLEAN,
        /** The page was written. */
        WRITTEN
    }

    /**
     * Pins the buffer if dirty, after waiting for a write in progress ({@code WaitIO}): a buffer
     * being written looks clean, yet its bytes are not in the file until the write ends, and the
     * checkpoint must not fsync before that.
     */
    static boolean pinIfDirtyAfterIo(Buffer buffer) {
        buffer.ioLock.lock();
        buffer.ioLock.unlock();
        synchronized (buffer) {
            if (buffer.tag == null || !buffer.valid || !buffer.dirty) {
                return false;
            }
            buffer.pinCount++;
            return true;
        }
    }

    /**
     * Writes one pinned buffer if dirty ({@code FlushBuffer}): under a share content lock, so
     * the page cannot change except for hint bits, and under the I/O lock from clearing the
     * dirty flag to the end of the write ({@code BM_IO_IN_PROGRESS}), so a checkpoint waits for
     * it instead of taking the buffer for clean. The page is copied under the buffer's monitor
     * (a hint's full-page image sets the LSN under it), the WAL flushed up to the copy's LSN
     * (the WAL rule), and the copy written. The dirty flag is cleared first so a hint set during
     * the write dirties the buffer again. With {@code conditional} the share lock is only
     * tried, and {@link Outcome#LOCKED} returned if it is taken exclusively: a backend looking
     * for a victim while holding another page's lock must not wait here, or two backends could deadlock.
     */
    Outcome flush(Buffer buffer, boolean conditional) {
        if (conditional) {
            if (!buffer.tryLockShared()) {
                return Outcome.LOCKED;
            }
        } else {
            buffer.lockShared();
        }
        buffer.ioLock.lock();
        try {
            BufferTag tag;
            byte[] image = writeImage.get();
            synchronized (buffer) {
                if (!buffer.dirty || !buffer.valid || buffer.tag == null) {
                    return Outcome.CLEAN;
                }
                buffer.dirty = false;
                tag = buffer.tag;
                System.arraycopy(buffer.page, 0, image, 0, Page.SIZE);
            }
            try {
                long lsn = Page.wrap(image).lsn();
                if (lsn != 0) {
                    walFlusher.flush(lsn);
                }
                ResourceUsage usage = ResourceUsage.current();
                long startNanos = usage.timeIo ? System.nanoTime() : 0;
                storage.write(tag.relation(), tag.fork(), tag.blockNumber(), image);
                if (usage.timeIo) {
                    usage.writeNanos += System.nanoTime() - startNanos;
                }
                usage.sharedWritten++;
                writes.increment();
            } catch (RuntimeException | Error failure) {
                synchronized (buffer) {
                    if (!tag.equals(buffer.tag)) {
                        // the relation was dropped meanwhile: its pages no longer need writing
                        return Outcome.CLEAN;
                    }
                    buffer.dirty = true;
                }
                throw failure;
            }
            return Outcome.WRITTEN;
        } finally {
            buffer.ioLock.unlock();
            buffer.unlock();
        }
    }
}
