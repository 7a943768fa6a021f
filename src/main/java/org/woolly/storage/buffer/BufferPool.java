package org.woolly.storage.buffer;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

import org.woolly.storage.ipc.PanicState;
import org.woolly.pgstat.ResourceUsage;
import org.woolly.storage.page.Page;
import org.woolly.storage.smgr.ForkNumber;
import org.woolly.storage.smgr.RelFileLocator;
import org.woolly.storage.smgr.StorageManager;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * The shared buffer pool (shared_buffers): a fixed array of page buffers, a buffer table from
 * page to buffer, pins, content locks, dirty tracking and clock-sweep replacement. Counterpart of
 * {@code src/backend/storage/buffer/bufmgr.c}, {@code buf_table.c} and {@code freelist.c}. The
 * access rules are numbered in this package's README.md. Thread-safe.
 */
public final class BufferPool {
    /** Cap on a buffer's usage count ({@code BM_MAX_USAGE_COUNT}). */
    static final int MAXIMUM_USAGE_COUNT = 5;
    /** How many full sweeps (about a millisecond apart) find every buffer pinned before we give up. */
    private static final int VICTIM_SEARCH_ROUNDS = 2000;

    private record RelationFork(RelFileLocator relation, ForkNumber fork) {}

    private final StorageManager storage;
    private final HintImages hintImages;
    private final BufferWriter writer;
    private final Buffer[] buffers;
    private final ConcurrentHashMap<BufferTag, Integer> bufferTable = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<RelationFork, ReentrantLock> extensionLocks = new ConcurrentHashMap<>();
    /** Absolute clock position: complete passes times the pool size plus the next victim ({@code nextVictimBuffer}). */
    private final AtomicLong clockHand = new AtomicLong();
    /** Buffers allocated since start, for the background writer's pacing ({@code numBufferAllocs}). */
    private final LongAdder allocations = new LongAdder();
    /** Run once by the next allocation: wakes a hibernating background writer ({@code bgwprocno}). */
    private final AtomicReference<Runnable> allocationWakeup = new AtomicReference<>();
    /** pg_stat_bgwriter's buffer counts: backend writes, background writer writes, allocations. */
    private final org.woolly.pgstat.BufferPoolCounters counters = new org.woolly.pgstat.BufferPoolCounters();
    private final BackgroundWriter backgroundWriter;
    private final LongAdder hits = new LongAdder();
    /** The same requests by database, for pg_stat_database. */
    private final org.woolly.pgstat.BlockCounters blockCounters = new org.woolly.pgstat.BlockCounters();
    /** Pages written by checkpoints ({@code buffers_checkpoint}). */
    private final LongAdder checkpointWrites = new LongAdder();
    private final LongAdder reads = new LongAdder();
    private final List<Consumer<RelFileLocator>> dropListeners = new CopyOnWriteArrayList<>();

    /** A pool whose hint-bit changes are not WAL-logged (tests and tools). */
    public BufferPool(StorageManager storage, int bufferCount, WalFlusher walFlusher) {
        this(storage, bufferCount, walFlusher, HintLogger.NONE);
    }

    /** A pool that logs a full-page image for the first hint-bit change of a page after a checkpoint. */
    public BufferPool(StorageManager storage, int bufferCount, WalFlusher walFlusher, HintLogger hintLogger) {
        if (bufferCount < 2) {
            throw new IllegalArgumentException("the buffer pool needs at least 2 buffers");
        }
        this.storage = storage;
        this.writer = new BufferWriter(storage, walFlusher);
        this.hintImages = new HintImages(hintLogger);
        this.buffers = new Buffer[bufferCount];
        for (int i = 0; i < bufferCount; i++) {
            buffers[i] = new Buffer(i);
        }
        this.backgroundWriter = new BackgroundWriter(this);
    }

    /** The cleaning the background writer thread runs each bgwriter_delay ({@code BgBufferSync}). */
    public BackgroundWriter backgroundWriter() {
        return backgroundWriter;
    }

    /** pg_stat_bgwriter's buffers_clean, maxwritten_clean, buffers_backend(_fsync) and buffers_alloc. */
    public org.woolly.pgstat.BufferPoolCounters counters() {
        return counters;
    }

    public StorageManager storageManager() {
        return storage;
    }

    /** The data directory's crash state, for critical sections ({@link CriticalSection}). */
    public PanicState panicState() {
        return storage.panicState();
    }

    public int bufferCount() {
        return buffers.length;
    }

    /** Pins the buffer holding a page of the main fork, reading it in if needed ({@code ReadBuffer}). */
    public Buffer read(RelFileLocator relation, int block) {
        return read(relation, ForkNumber.MAIN, block);
    }

    /** Pins the buffer holding the page, reading it in if needed; release it with {@link #release}. */
    public Buffer read(RelFileLocator relation, ForkNumber fork, int block) {
        return pin(new BufferTag(relation, fork, block), false);
    }

    /** Number of blocks of the fork; new blocks are written to the file as soon as they are added. */
    public int blockCount(RelFileLocator relation, ForkNumber fork) {
        return storage.blockCount(relation, fork);
    }

    /** What a new block holds on disk until its buffer is written; never changed (writes copy it). */
    private static final byte[] ZERO_PAGE = new byte[Page.SIZE];

    /**
     * Adds a zeroed block at the end of the fork and returns its buffer pinned and exclusively
     * locked, so no one else can use the block before the caller formats it
     * ({@code ExtendBufferedRel} with {@code RBM_ZERO_AND_LOCK}). Extensions of one relation fork
     * are serialized by its extension lock ({@code LockRelationForExtension}).
     */
    public Buffer extend(RelFileLocator relation, ForkNumber fork) {
        ReentrantLock extensionLock = extensionLocks.computeIfAbsent(new RelationFork(relation, fork),
                key -> new ReentrantLock());
        extensionLock.lock();
        try {
            int block = storage.blockCount(relation, fork);
            storage.write(relation, fork, block, ZERO_PAGE);
            // PostgreSQL 15 counts an extension's write as a backend write (mdextend's register_dirty_segment)
            counters.backendWrite();
            ResourceUsage.current().sharedWritten++;
            Buffer buffer = pin(new BufferTag(relation, fork, block), true);
            buffer.lockExclusive();
            // a buffer left over from before a truncation may still hold this block: it is new now
            Arrays.fill(buffer.page, (byte) 0);
            return buffer;
        } finally {
            extensionLock.unlock();
        }
    }

    /**
     * The buffer for a page that a WAL record touches during recovery, pinned and exclusively
     * locked ({@code XLogReadBufferExtended}): creates the fork and extends it with zero pages if
     * the block is past its end; with {@code zeroPage} (full-page image or will-init records) the
     * old contents are not read.
     */
    public Buffer readForRedo(RelFileLocator relation, ForkNumber fork, int block, boolean zeroPage) {
        ReentrantLock extensionLock = extensionLocks.computeIfAbsent(new RelationFork(relation, fork),
                key -> new ReentrantLock());
        Buffer buffer;
        extensionLock.lock();
        try {
            storage.create(relation, fork);
            int blocks = storage.blockCount(relation, fork);
            boolean pastEnd = Integer.compareUnsigned(block, blocks) >= 0;
            if (pastEnd) {
                byte[] zeros = new byte[Page.SIZE];
                for (int missing = blocks; missing != block + 1; missing++) {
                    storage.write(relation, fork, missing, zeros);
                }
            }
            buffer = pin(new BufferTag(relation, fork, block), zeroPage || pastEnd);
        } finally {
            extensionLock.unlock();
        }
        buffer.lockExclusive();
        if (zeroPage) {
            Arrays.fill(buffer.page, (byte) 0);
        }
        return buffer;
    }

    /**
     * Marks the page changed ({@code MarkBufferDirty}); the caller holds the exclusive content
     * lock and has set the page LSN of the WAL record describing the change.
     */
    public void markDirty(Buffer buffer) {
        boolean wasDirty;
        synchronized (buffer) {
            wasDirty = buffer.dirty;
            buffer.dirty = true;
        }
        if (!wasDirty) {
            ResourceUsage.current().sharedDirtied++;
        }
    }

    /**
     * Marks the page changed by a hint (hint bits under a share lock; {@code MarkBufferDirtyHint}).
     * Checksums are always on, so a hint-only write can tear like any other: the first hint
     * change of a clean page not WAL-logged since the checkpoint's redo point logs a full-page
     * image ({@code XLogSaveBufferForHint}, as wal_log_hints) and the page LSN becomes that
     * record's end. An already dirty buffer needs nothing: whatever dirtied it is covered.
     */
    public void markDirtyHint(Buffer buffer) {
        hintImages.markDirty(buffer);
    }

    /**
     * Runs a checkpoint's choice of redo pointer while no hint is between its full-page-image
     * decision and its dirty mark ({@code DELAY_CHKPT_START}).
     */
    public long beginCheckpoint(LongSupplier chooseRedoPointer) {
        return hintImages.beginCheckpoint(chooseRedoPointer);
    }

    /**
     * Restores a full-page image during recovery ({@code RestoreBlockImage}): the page becomes
     * the image with LSN {@code lsn}, whatever the file holds (a torn page is never read).
     */
    public void restorePageImage(RelFileLocator relation, ForkNumber fork, int block, byte[] image, long lsn) {
        Buffer buffer = readForRedo(relation, fork, block, true);
        try {
            System.arraycopy(image, 0, buffer.page, 0, Page.SIZE);
            buffer.page().setLsn(lsn);
            markDirty(buffer);
        } finally {
            unlockAndRelease(buffer);
        }
    }

    /** Drops the caller's pin ({@code ReleaseBuffer}); the caller must have released the content lock. */
    public void release(Buffer buffer) {
        synchronized (buffer) {
            if (buffer.pinCount <= 0) {
                throw new IllegalStateException("buffer " + buffer.id + " is not pinned");
            }
            buffer.pinCount--;
        }
    }

    /** Releases the content lock and then the pin ({@code UnlockReleaseBuffer}). */
    public void unlockAndRelease(Buffer buffer) {
        buffer.unlock();
        release(buffer);
    }

    /**
     * Writes every dirty page (WAL flushed first for each) and then fsyncs the files: the
     * checkpoint's buffer step ({@code CheckPointBuffers} + {@code smgrsync}).
     */
    public void flushAll() {
        writeDirty(progress -> {});
        storage.syncAll();
    }

    /**
     * The write phase of a checkpoint ({@code BufferSync}): counts the dirty pages first, then
     * writes each page still dirty and, after each write, passes the share written so far (0..1)
     * to {@code afterWrite}, where a spread checkpoint pauses ({@code CheckpointWriteDelay}).
     * Returns the pages written. The files are not fsynced: the caller syncs them next.
     */
    public long writeDirty(java.util.function.DoubleConsumer afterWrite) {
        int toWrite = 0;
        for (Buffer buffer : buffers) {
            synchronized (buffer) {
                toWrite += buffer.dirty ? 1 : 0;
            }
        }
        long written = 0;
        for (Buffer buffer : buffers) {
            if (BufferWriter.pinIfDirtyAfterIo(buffer)) {
                try {
                    if (writer.flush(buffer, false) == BufferWriter.Outcome.WRITTEN) {
                        checkpointWrites.increment();
                    }
                } finally {
                    release(buffer);
                }
                written++;
                afterWrite.accept(Math.min(1.0, (double) written / Math.max(1, toWrite)));
            }
        }
        return written;
    }

    /** Writes the relation's dirty pages (e.g. before its files are copied). */
    public void flushRelation(RelFileLocator relation) {
        for (Buffer buffer : buffers) {
            BufferTag tag = buffer.tag();
            if (tag != null && tag.relation().equals(relation) && BufferWriter.pinIfDirtyAfterIo(buffer)) {
                try {
                    flushForBackend(buffer);
                } finally {
                    release(buffer);
                }
            }
        }
    }

    /**
     * Forgets every buffer of the relation without writing it ({@code DropRelationBuffers}):
     * its files are being removed or truncated to nothing, so their contents no longer matter.
     */
    public void dropRelation(RelFileLocator relation) {
        for (Buffer buffer : buffers) {
            synchronized (buffer) {
                BufferTag tag = buffer.tag;
                if (tag != null && tag.relation().equals(relation)) {
                    invalidate(buffer, tag);
                }
            }
        }
        extensionLocks.keySet().removeIf(key -> key.relation().equals(relation));
        dropListeners.forEach(listener -> listener.accept(relation));
    }

    /**
     * Writes every dirty page of one database ({@code FlushDatabaseBuffers}): CREATE DATABASE's
     * redo copies the template's files and must see the pages replayed into the pool so far.
     */
    public void flushDatabase(int databaseOid) {
        for (Buffer buffer : buffers) {
            BufferTag tag = buffer.tag();
            if (tag != null && tag.relation().databaseOid() == databaseOid && BufferWriter.pinIfDirtyAfterIo(buffer)) {
                try {
                    flushForBackend(buffer);
                } finally {
                    release(buffer);
                }
            }
        }
    }

    /**
     * Forgets every buffer of one database without writing it ({@code DropDatabaseBuffers}):
     * DROP DATABASE removes its directory next. No session uses the database any more.
     */
    public void dropDatabase(int databaseOid) {
        java.util.Set<RelFileLocator> dropped = new java.util.HashSet<>();
        for (Buffer buffer : buffers) {
            synchronized (buffer) {
                BufferTag tag = buffer.tag;
                if (tag != null && tag.relation().databaseOid() == databaseOid) {
                    dropped.add(tag.relation());
                    invalidate(buffer, tag);
                }
            }
        }
        extensionLocks.keySet().removeIf(key -> key.relation().databaseOid() == databaseOid);
        for (RelFileLocator relation : dropped) {
            dropListeners.forEach(listener -> listener.accept(relation));
        }
    }

    /**
     * Cuts a fork down to {@code blocks} blocks: forgets the buffers past the new end without
     * writing them, then truncates the file ({@code DropRelationBuffers} + {@code smgrtruncate}).
     */
    public void truncate(RelFileLocator relation, ForkNumber fork, int blocks) {
        for (Buffer buffer : buffers) {
            synchronized (buffer) {
                BufferTag tag = buffer.tag;
                if (tag != null && tag.relation().equals(relation) && tag.fork() == fork
                        && Integer.compareUnsigned(tag.blockNumber(), blocks) >= 0) {
                    invalidate(buffer, tag);
                }
            }
        }
        storage.truncate(relation, fork, blocks);
        dropListeners.forEach(listener -> listener.accept(relation));
    }

    /**
     * Registers a callback run when a relation's buffers are dropped or truncated, so caches
     * layered on the pool (the free space map) forget the relation too.
     */
    public void addDropListener(Consumer<RelFileLocator> listener) {
        dropListeners.add(listener);
    }

    /** Page requests satisfied from the pool ({@code blks_hit}). */
    public long hitCount() {
        return hits.sum();
    }

    /** Page requests and reads by database (pg_stat_database's blks_hit and blks_read). */
    public org.woolly.pgstat.BlockCounters blockCounters() {
        return blockCounters;
    }

    /** Pages written by {@link #flushAll()} so far ({@code buffers_checkpoint}). */
    public long checkpointWriteCount() {
        return checkpointWrites.sum();
    }

    /** The pool's size in pages (for log_checkpoints' percentage). */
    public int size() {
        return buffers.length;
    }

    /** Pages read from files ({@code blks_read}). */
    public long readCount() {
        return reads.sum();
    }

    /** Dirty pages written out, by eviction or {@link #flushAll} ({@code buffers_backend} + {@code buffers_checkpoint}). */
    public long writeCount() {
        return writer.writeCount();
    }

    /** Forgets a buffer's page without writing it ({@code InvalidateBuffer}); caller holds its monitor. */
    private void invalidate(Buffer buffer, BufferTag tag) {
        bufferTable.remove(tag, buffer.id);
        buffer.tag = null;
        buffer.valid = false;
        buffer.dirty = false;
        buffer.usageCount = 0;
    }

    /** Number of buffers currently pinned by anyone (for tests and diagnostics). */
    public int pinnedBufferCount() {
        int pinned = 0;
        for (Buffer buffer : buffers) {
            synchronized (buffer) {
                if (buffer.pinCount > 0) {
                    pinned++;
                }
            }
        }
        return pinned;
    }

    /** Finds or loads the page and returns its buffer pinned ({@code BufferAlloc} + {@code PinBuffer}). */
    private Buffer pin(BufferTag tag, boolean zeroPage) {
        while (true) {
            Integer id = bufferTable.get(tag);
            if (id != null) {
                Buffer buffer = buffers[id];
                synchronized (buffer) {
                    if (!tag.equals(buffer.tag)) {
                        continue;
                    }
                    buffer.pinCount++;
                    if (buffer.usageCount < MAXIMUM_USAGE_COUNT) {
                        buffer.usageCount++;
                    }
                    if (buffer.valid) {
                        hits.increment();
                        buffer.requests.hit();
                        ResourceUsage.current().sharedHit++;
                        return buffer;
                    }
                }
                boolean loaded;
                try {
                    loaded = waitForValid(buffer, tag, zeroPage);
                } catch (RuntimeException | Error failure) {
                    release(buffer);
                    throw failure;
                }
                if (loaded) {
                    return buffer;
                }
                release(buffer);
                continue;
            }
            Buffer victim = claimVictim();
            boolean written;
            try {
                written = !victim.isDirty() || flushForBackend(victim, true) != BufferWriter.Outcome.LOCKED;
            } catch (RuntimeException | Error failure) {
                // the write failed (the buffer stays dirty): give the victim back, or it stays pinned forever
                release(victim);
                throw failure;
            }
            if (!written) {
                // someone pinned and locked it through its old tag meanwhile: choose another
                release(victim);
                continue;
            }
            victim.ioLock.lock();
            Integer raced = bufferTable.putIfAbsent(tag, victim.id);
            if (raced != null) {
                victim.ioLock.unlock();
                release(victim);
                continue;
            }
            BufferTag oldTag;
            synchronized (victim) {
                if (victim.pinCount != 1 || victim.dirty) {
                    // someone pinned or dirtied it through its old tag meanwhile: pick another victim
                    bufferTable.remove(tag, victim.id);
                    victim.ioLock.unlock();
                    victim.pinCount--;
                    continue;
                }
                oldTag = victim.tag;
                victim.tag = tag;
                victim.valid = false;
                victim.usageCount = 1;
            }
            if (oldTag != null) {
                bufferTable.remove(oldTag, victim.id);
            }
            try {
                loadPage(victim, tag, zeroPage);
            } catch (RuntimeException | Error failure) {
                synchronized (victim) {
                    bufferTable.remove(tag, victim.id);
                    victim.tag = null;
                    victim.pinCount--;
                }
                throw failure;
            } finally {
                victim.ioLock.unlock();
            }
            return victim;
        }
    }

    /** A write by a backend (not a checkpoint): counted as pg_stat_bgwriter's buffers_backend. */
    private void flushForBackend(Buffer buffer) {
        flushForBackend(buffer, false);
    }

    private BufferWriter.Outcome flushForBackend(Buffer buffer, boolean conditional) {
        BufferWriter.Outcome outcome = writer.flush(buffer, conditional);
        if (outcome == BufferWriter.Outcome.WRITTEN) {
            counters.backendWrite();
        }
        return outcome;
    }

    /** Flushes one buffer for the background writer ({@code SyncOneBuffer}'s write). */
    BufferWriter.Outcome flushForBackgroundWriter(Buffer buffer) {
        return writer.flush(buffer, true);
    }

    /** The buffer at an absolute clock position. */
    Buffer bufferAt(long clockPosition) {
        return buffers[Math.floorMod(clockPosition, buffers.length)];
    }

    /** Where the clock hand is (absolute), for the background writer ({@code StrategySyncStart}). */
    long clockPosition() {
        return clockHand.get();
    }

    /** Buffers allocated since the pool was made (never reset). */
    long allocationCount() {
        return allocations.sum();
    }

    /**
     * Asks the next allocation to run {@code wakeup} once ({@code StrategyNotifyBgWriter}): a
     * hibernating background writer sleeps until the pool is used again.
     */
    void wakeOnNextAllocation(Runnable wakeup) {
        allocationWakeup.set(wakeup);
    }

    /** Another thread is loading the page: wait for it, or load it ourselves if it failed. */
    private boolean waitForValid(Buffer buffer, BufferTag tag, boolean zeroPage) {
        buffer.ioLock.lock();
        try {
            synchronized (buffer) {
                if (!tag.equals(buffer.tag)) {
                    return false;
                }
                if (buffer.valid) {
                    // another backend read it while this one waited: a hit here, as BufferAlloc's found
                    ResourceUsage.current().sharedHit++;
                    return true;
                }
            }
            loadPage(buffer, tag, zeroPage);
            return true;
        } finally {
            buffer.ioLock.unlock();
        }
    }

    private void loadPage(Buffer buffer, BufferTag tag, boolean zeroPage) {
        if (zeroPage) {
            Arrays.fill(buffer.page, (byte) 0);
        } else {
            ResourceUsage usage = ResourceUsage.current();
            long startNanos = usage.timeIo ? System.nanoTime() : 0;
            try {
                storage.read(tag.relation(), tag.fork(), tag.blockNumber(), buffer.page);
            } catch (SqlException corrupt) {
                // visibility map pages are read with RBM_ZERO_ON_ERROR (vm_readbuf): a torn map page
                // becomes all bits clear, which only means heap pages are checked again
                if (tag.fork() != ForkNumber.VISIBILITY_MAP || corrupt.sqlState() != SqlState.DATA_CORRUPTED) {
                    throw corrupt;
                }
                Arrays.fill(buffer.page, (byte) 0);
            }
            if (usage.timeIo) {
                usage.readNanos += System.nanoTime() - startNanos;
            }
            usage.sharedRead++;
            reads.increment();
        }
        // a new block counts as read, as PostgreSQL counts an extension as a miss
        var requests = blockCounters.relation(tag.relation().databaseOid(), tag.relation().relNumber());
        requests.read();
        synchronized (buffer) {
            buffer.requests = requests;
            buffer.valid = true;
        }
    }

    /**
     * Clock sweep ({@code StrategyGetBuffer}): the hand passes over buffers, decrementing usage
     * counts, and takes the first unpinned one at zero; it comes back pinned.
     */
    private Buffer claimVictim() {
        allocations.increment();
        counters.allocated();
        if (allocationWakeup.get() != null) {
            Runnable wakeup = allocationWakeup.getAndSet(null);
            if (wakeup != null) {
                wakeup.run();
            }
        }
        for (int round = 0; round < VICTIM_SEARCH_ROUNDS; round++) {
            int attemptsLeft = buffers.length * (MAXIMUM_USAGE_COUNT + 1);
            while (attemptsLeft-- > 0) {
                Buffer candidate = bufferAt(clockHand.getAndIncrement());
                synchronized (candidate) {
                    if (candidate.pinCount == 0) {
                        if (candidate.usageCount > 0) {
                            candidate.usageCount--;
                        } else {
                            candidate.pinCount = 1;
                            return candidate;
                        }
                    }
                }
            }
            // every buffer is pinned right now; pins are short, so wait a moment before giving up
            try {
                Thread.sleep(1);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new SqlException(SqlState.QUERY_CANCELED, "canceling statement due to user request");
            }
        }
        throw new SqlException(SqlState.INSUFFICIENT_RESOURCES, "no unpinned buffers available");
    }
}
