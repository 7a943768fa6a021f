package org.woolly.storage.smgr;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToIntFunction;

/**
 * The number of blocks of each fork as last measured or extended ({@code smgr_cached_nblocks}
 * of {@code SMgrRelationData}, which {@code smgrnblocks} returns without an lseek): a lookup
 * instead of a file-size call per statement. Every size change goes through the storage
 * manager, which keeps the entry right: a write past the end raises it, a truncation, an
 * unlink or a removed database directory forget it, so the next lookup measures the files
 * again. One process serves every session, so all sessions see one size; after a restart (and
 * crash recovery, whose redo extends through the same writes) the cache starts empty.
 * <p>
 * A measurement runs inside {@link ConcurrentHashMap#computeIfAbsent}, which holds the entry
 * while the files are measured: a write or truncation that finishes meanwhile waits for it and
 * then corrects the entry, so a measurement taken just before an extension can never stick.
 */
final class ForkSizeCache {
    private record Fork(RelFileLocator relation, ForkNumber fork) {}

    private final Map<Fork, Integer> blocks = new ConcurrentHashMap<>();

    /** The cached block count, else {@code measure}'s (which may throw; then nothing is cached). */
    int blockCount(RelFileLocator relation, ForkNumber fork, ToIntFunction<RelFileLocator> measure) {
        Integer cached = blocks.get(new Fork(relation, fork));
        if (cached != null) {
            return cached;
        }
        return blocks.computeIfAbsent(new Fork(relation, fork), key -> measure.applyAsInt(key.relation()));
    }

    /** {@code block} was written: the fork has at least {@code block + 1} blocks. */
    void written(RelFileLocator relation, ForkNumber fork, int block) {
        blocks.computeIfPresent(new Fork(relation, fork),
                (key, count) -> Integer.compareUnsigned(block, count) >= 0 ? block + 1 : count);
    }

    /** The fork's size changed other than by a write (truncated, created again): measure next time. */
    void forget(RelFileLocator relation, ForkNumber fork) {
        blocks.remove(new Fork(relation, fork));
    }

    void forgetRelation(RelFileLocator relation) {
        for (ForkNumber fork : ForkNumber.values()) {
            forget(relation, fork);
        }
    }

    void forgetDatabase(int databaseOid) {
        blocks.keySet().removeIf(key -> key.relation().databaseOid() == databaseOid);
    }
}
