package org.woolly.storage.buffer;

import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.woolly.storage.page.Page;

/**
 * One shared buffer: an 8 KB page plus its descriptor ({@code BufferDesc} in
 * {@code buf_internals.h}). Callers get a Buffer pinned from {@link BufferPool}, take its content
 * lock to look at or change the page, and give it back with {@link BufferPool#release}.
 * The header fields (tag, pins, usage, flags) are guarded by this object's monitor, held only
 * for a few field updates, never across I/O.
 */
public final class Buffer {
    final int id;
    final byte[] page = new byte[Page.SIZE];
    private final Page view = Page.wrap(page);
    private final ReentrantReadWriteLock contentLock = new ReentrantReadWriteLock();
    /** Held while the page is read in or written out ({@code BM_IO_IN_PROGRESS}). */
    final ReentrantLock ioLock = new ReentrantLock();

    // guarded by this
    BufferTag tag;
    int pinCount;
    int usageCount;
    boolean valid;
    boolean dirty;
    /** The page's relation's request counters, found when the page was loaded (valid with it). */
    org.woolly.pgstat.BlockCounters.RelationBlocks requests;

    Buffer(int id) {
        this.id = id;
    }

    /** The buffer number (0-based), for diagnostics. */
    public int id() {
        return id;
    }

    /** The page bytes; read them under a share lock, change them under an exclusive lock. */
    public byte[] data() {
        return page;
    }

    public Page page() {
        return view;
    }

    public synchronized BufferTag tag() {
        return tag;
    }

    public int blockNumber() {
        return tag().blockNumber();
    }

    /** Shared content lock: enough to read the page or set hint bits. */
    public void lockShared() {
        contentLock.readLock().lock();
    }

    /** Tries the shared content lock without waiting. */
    boolean tryLockShared() {
        return contentLock.readLock().tryLock();
    }

    /** Exclusive content lock: needed to change the page (other than hint bits). */
    public void lockExclusive() {
        contentLock.writeLock().lock();
    }

    /** Releases whichever content lock this thread holds. */
    public void unlock() {
        if (contentLock.isWriteLockedByCurrentThread()) {
            contentLock.writeLock().unlock();
        } else {
            contentLock.readLock().unlock();
        }
    }

    public boolean isExclusivelyLocked() {
        return contentLock.isWriteLockedByCurrentThread();
    }

    synchronized boolean isDirty() {
        return dirty;
    }

    @Override
    public String toString() {
        return "Buffer[" + id + " " + tag() + "]";
    }
}
