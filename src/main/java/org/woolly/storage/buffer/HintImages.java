package org.woolly.storage.buffer;

import java.util.Arrays;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.LongSupplier;

import org.woolly.pgstat.ResourceUsage;
import org.woolly.storage.page.Page;

/**
 * The hint-bit half of {@code MarkBufferDirtyHint} ({@code bufmgr.c}): the first hint change of
 * a clean page not WAL-logged since the checkpoint's redo point logs the page's image
 * ({@code XLogSaveBufferForHint}) before the buffer is marked dirty, and a checkpoint choosing
 * its redo pointer waits for hint setters between that decision and their dirty mark
 * ({@code DELAY_CHKPT_START}). Thread-safe.
 */
final class HintImages {
    private final HintLogger hintLogger;
    /** Held shared from a hint's image decision to its dirty mark, exclusively while a checkpoint picks its redo pointer. */
    private final ReentrantReadWriteLock checkpointInterlock = new ReentrantReadWriteLock();

    HintImages(HintLogger hintLogger) {
        this.hintLogger = hintLogger;
    }

    /** Marks a share-locked buffer dirty for a hint, logging its image first if needed. */
    void markDirty(Buffer buffer) {
        BufferTag tag;
        long pageLsn;
        synchronized (buffer) {
            // already dirty: whatever dirtied it is covered by WAL or by the checkpoint in progress
            if (buffer.dirty || !buffer.valid || buffer.tag == null) {
                return;
            }
            tag = buffer.tag;
            pageLsn = buffer.page().lsn();
        }
        checkpointInterlock.readLock().lock();
        try {
            long lsn = hintLogger.logHintImage(tag, pageLsn, () -> {
                // other hint setters share the content lock: copy under the monitor that guards the LSN
                synchronized (buffer) {
                    return Arrays.copyOf(buffer.page, Page.SIZE);
                }
            });
            synchronized (buffer) {
                if (lsn != 0 && lsn > buffer.page().lsn()) {
                    buffer.page().setLsn(lsn);
                }
                buffer.dirty = true;
            }
            ResourceUsage.current().sharedDirtied++;
        } finally {
            checkpointInterlock.readLock().unlock();
        }
    }

    /** Runs {@code chooseRedoPointer} with no hint setter between its image decision and its dirty mark. */
    long beginCheckpoint(LongSupplier chooseRedoPointer) {
        checkpointInterlock.writeLock().lock();
        try {
            return chooseRedoPointer.getAsLong();
        } finally {
            checkpointInterlock.writeLock().unlock();
        }
    }
}
