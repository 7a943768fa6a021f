package org.woolly.access.heap;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import org.woolly.storage.buffer.Buffer;
import org.woolly.storage.buffer.BufferPool;
import org.woolly.storage.page.Page;
import org.woolly.storage.smgr.ForkNumber;
import org.woolly.storage.smgr.RelFileLocator;

/**
 * The visibility map of a heap relation, its {@code _vm} fork ({@code visibilitymap.c}): two
 * bits per heap page, ALL_VISIBLE (every tuple on the page is visible to every current and
 * future snapshot) and ALL_FROZEN (nothing on the page needs freezing; with 64-bit XIDs, no
 * tuple carries an xmax, not even a row lock). Map pages are ordinary pages whose contents
 * after the page header are the bit array; heap block {@code b} lives in map block
 * {@code b / HEAPBLOCKS_PER_PAGE}.
 *
 * <p>Rules, as PostgreSQL's:
 * <ul>
 * <li>A bit is set only by VACUUM with the heap page exclusively locked and PD_ALL_VISIBLE set
 * on it, and the setting is WAL-logged ({@code HeapWalRecords.VISIBLE}); the map page's LSN
 * becomes that record's LSN, so the set bit cannot reach disk before the record.</li>
 * <li>A bit is cleared by every change that may add a tuple some snapshot does not see (insert,
 * update, delete) under the heap page's exclusive lock, without a WAL record of its own: the
 * heap record's redo clears the bits again, so a crash cannot leave a set bit beside an
 * invisible tuple. A clear that did not reach disk is harmless (the heap change did not
 * either, WAL before data).</li>
 * <li>Map pages are read with zero-on-error ({@code RBM_ZERO_ON_ERROR}): a torn or corrupt map
 * page reads as all bits clear, which only costs heap fetches and VACUUM work.</li>
 * </ul>
 * Thread-safe.
 */
public final class VisibilityMap {
    /** Every tuple on the heap page is visible to all ({@code VISIBILITYMAP_ALL_VISIBLE}). */
    public static final int ALL_VISIBLE = 0x01;
    /** No tuple on the heap page needs freezing ({@code VISIBILITYMAP_ALL_FROZEN}). */
    public static final int ALL_FROZEN = 0x02;
    static final int VALID_BITS = ALL_VISIBLE | ALL_FROZEN;
    static final int BITS_PER_HEAPBLOCK = 2;
    static final int HEAPBLOCKS_PER_BYTE = 8 / BITS_PER_HEAPBLOCK;
    /** Where the bit array starts: after the MAXALIGNed page header ({@code PageGetContents}). */
    static final int MAP_START = Page.maxAlign(Page.HEADER_SIZE);
    static final int MAP_SIZE = Page.SIZE - MAP_START;
    static final int HEAPBLOCKS_PER_PAGE = MAP_SIZE * HEAPBLOCKS_PER_BYTE;

    private final BufferPool bufferPool;
    /** Known map fork sizes ({@code smgr_cached_nblocks}): a status lookup must not stat the file. */
    private final ConcurrentHashMap<RelFileLocator, Integer> mapBlocks = new ConcurrentHashMap<>();
    private final ReentrantLock extension = new ReentrantLock();

    VisibilityMap(BufferPool bufferPool) {
        this.bufferPool = bufferPool;
        bufferPool.addDropListener(mapBlocks::remove);
    }

    static int mapBlock(int heapBlock) {
        return heapBlock / HEAPBLOCKS_PER_PAGE;
    }

    private static int byteOf(int heapBlock) {
        return MAP_START + (heapBlock % HEAPBLOCKS_PER_PAGE) / HEAPBLOCKS_PER_BYTE;
    }

    private static int shiftOf(int heapBlock) {
        return (heapBlock % HEAPBLOCKS_PER_BYTE) * BITS_PER_HEAPBLOCK;
    }

    /** The bits of {@code heapBlock} ({@code visibilitymap_get_status}); 0 when the map does not cover it. */
    public int status(RelFileLocator relation, int heapBlock) {
        Buffer buffer = pin(relation, heapBlock);
        if (buffer == null) {
            return 0;
        }
        try {
            // one byte read without the content lock, as PostgreSQL: a stale answer is one the caller tolerates
            return bits(buffer.page(), heapBlock);
        } finally {
            bufferPool.release(buffer);
        }
    }

    static int bits(Page page, int heapBlock) {
        if (page.isNew()) {
            return 0;
        }
        return (page.data()[byteOf(heapBlock)] >> shiftOf(heapBlock)) & VALID_BITS;
    }

    /**
     * The map page covering {@code heapBlock} pinned (not locked), or null when the fork does not
     * reach it ({@code visibilitymap_pin} without extension). Pinned before a heap change's
     * critical section so clearing inside it reads nothing from disk.
     */
    Buffer pin(RelFileLocator relation, int heapBlock) {
        int block = mapBlock(heapBlock);
        if (block >= blocks(relation)) {
            return null;
        }
        return bufferPool.read(relation, ForkNumber.VISIBILITY_MAP, block);
    }

    private int blocks(RelFileLocator relation) {
        Integer known = mapBlocks.get(relation);
        if (known != null) {
            return known;
        }
        int count = bufferPool.storageManager().exists(relation, ForkNumber.VISIBILITY_MAP)
                ? bufferPool.blockCount(relation, ForkNumber.VISIBILITY_MAP) : 0;
        mapBlocks.put(relation, count);
        return count;
    }

    /** Forgets the cached size of the map fork (redo may have extended it). */
    void forgetSize(RelFileLocator relation) {
        mapBlocks.remove(relation);
    }

    /**
     * Clears {@code flags} of {@code heapBlock} on the pinned map page ({@code visibilitymap_clear});
     * the caller holds the heap page's exclusive lock. Not WAL-logged: see the class comment.
     * Returns whether a bit was set.
     */
    boolean clear(Buffer mapBuffer, int heapBlock, int flags) {
        mapBuffer.lockExclusive();
        try {
            Page page = mapBuffer.page();
            if (page.isNew()) {
                return false;
            }
            int mask = flags << shiftOf(heapBlock);
            byte[] data = page.data();
            int at = byteOf(heapBlock);
            if ((data[at] & mask) == 0) {
                return false;
            }
            data[at] = (byte) (data[at] & ~mask);
            bufferPool.markDirty(mapBuffer);
            return true;
        } finally {
            mapBuffer.unlock();
        }
    }

    /** {@link #clear(Buffer, int, int)} reading the map page itself (redo and row locks). */
    boolean clear(RelFileLocator relation, int heapBlock, int flags) {
        Buffer buffer = pin(relation, heapBlock);
        if (buffer == null) {
            return false;
        }
        try {
            return clear(buffer, heapBlock, flags);
        } finally {
            bufferPool.release(buffer);
        }
    }

    /**
     * The map page for {@code heapBlock}, extending the fork with initialized pages as needed
     * ({@code vm_readbuf} with extend, {@code vm_extend}); pinned, not locked.
     */
    Buffer pinExtending(RelFileLocator relation, int heapBlock) {
        int block = mapBlock(heapBlock);
        if (block < blocks(relation)) {
            return bufferPool.read(relation, ForkNumber.VISIBILITY_MAP, block);
        }
        extension.lock();
        try {
            bufferPool.storageManager().create(relation, ForkNumber.VISIBILITY_MAP);
            int count = bufferPool.blockCount(relation, ForkNumber.VISIBILITY_MAP);
            while (count <= block) {
                Buffer added = bufferPool.extend(relation, ForkNumber.VISIBILITY_MAP);
                bufferPool.unlockAndRelease(added);
                count++;
            }
            mapBlocks.put(relation, count);
        } finally {
            extension.unlock();
        }
        return bufferPool.read(relation, ForkNumber.VISIBILITY_MAP, block);
    }

    /**
     * Sets {@code flags} of {@code heapBlock} on a map page (exclusively locked by the caller, who
     * then stamps it with the WAL record's LSN, {@code visibilitymap_set}); initializes a new page.
     */
    static void set(Page page, int heapBlock, int flags) {
        if (page.isNew()) {
            page.initialize(0);
        }
        byte[] data = page.data();
        int at = byteOf(heapBlock);
        data[at] = (byte) (data[at] | (flags << shiftOf(heapBlock)));
    }

    /**
     * The number of heap pages marked all-visible and all-frozen among the first
     * {@code heapBlocks} ({@code visibilitymap_count}), for pg_class.relallvisible.
     */
    public int[] count(RelFileLocator relation, int heapBlocks) {
        int allVisible = 0;
        int allFrozen = 0;
        int mapPages = Math.min(blocks(relation), mapBlock(Math.max(heapBlocks - 1, 0)) + 1);
        for (int block = 0; block < mapPages; block++) {
            Buffer buffer = bufferPool.read(relation, ForkNumber.VISIBILITY_MAP, block);
            try {
                Page page = buffer.page();
                int first = block * HEAPBLOCKS_PER_PAGE;
                int last = Math.min(heapBlocks, first + HEAPBLOCKS_PER_PAGE);
                for (int heapBlock = first; heapBlock < last; heapBlock++) {
                    int bits = bits(page, heapBlock);
                    allVisible += bits & ALL_VISIBLE;
                    allFrozen += (bits & ALL_FROZEN) >> 1;
                }
            } finally {
                bufferPool.release(buffer);
            }
        }
        return new int[] {allVisible, allFrozen};
    }
}
