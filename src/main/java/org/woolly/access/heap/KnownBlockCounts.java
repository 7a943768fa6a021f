package org.woolly.access.heap;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.woolly.storage.buffer.BufferPool;
import org.woolly.storage.smgr.ForkNumber;
import org.woolly.storage.smgr.RelFileLocator;

/**
 * Each heap's main-fork block count as last read from its file, so that a fetch by TID checks
 * its block against the end of the relation without asking the file system (a {@code stat} per
 * fetch) each time. A relation only grows, except through {@link BufferPool#truncate} and drops,
 * which forget its count; a block at or past the remembered end reads the count again. As
 * PostgreSQL's {@code smgr_cached_nblocks}, kept per relation in {@code SMgrRelation}.
 */
final class KnownBlockCounts {
    private final BufferPool bufferPool;
    private final Map<RelFileLocator, Integer> counts = new ConcurrentHashMap<>();

    KnownBlockCounts(BufferPool bufferPool) {
        this.bufferPool = bufferPool;
        bufferPool.addDropListener(counts::remove);
    }

    /** Whether {@code block} lies past the end of the relation's main fork. */
    boolean beyondEnd(RelFileLocator relation, int block) {
        Integer known = counts.get(relation);
        if (known != null && Integer.compareUnsigned(block, known) < 0) {
            return false;
        }
        int current = bufferPool.blockCount(relation, ForkNumber.MAIN);
        counts.put(relation, current);
        return Integer.compareUnsigned(block, current) >= 0;
    }
}
