package org.woolly.storage.freespace;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntSupplier;

import org.woolly.storage.page.Page;
import org.woolly.storage.smgr.RelFileLocator;

/**
 * Where a relation has room for a new tuple, kept in memory ({@code freespace.c} and
 * {@code fsmpage.c}, without the {@code _fsm} fork). Per relation, free bytes are kept as
 * 1-byte categories (free / 32, as PostgreSQL) in the leaves of a binary max-tree, so a search
 * for a page with at least N free bytes costs O(log blocks). The map learns a page's free space
 * whenever a heap operation or scan has the page in hand; it is only a hint: callers re-check
 * the page under its lock and correct the map. After a restart the map of a relation starts with
 * just its last block (as PostgreSQL's target-block guess) and fills up again as pages are seen.
 * Thread-safe.
 */
public final class FreeSpaceMap {
    /** Free space is tracked in steps of this many bytes ({@code FSM_CAT_STEP}). */
    static final int CATEGORY_STEP = Page.SIZE / 256;
    /** "No block" ({@code InvalidBlockNumber}). */
    public static final int INVALID_BLOCK = -1;

    private final ConcurrentHashMap<RelFileLocator, RelationMap> relations = new ConcurrentHashMap<>();

    /**
     * A block believed to have at least {@code spaceNeeded} free bytes, or {@link #INVALID_BLOCK}.
     * {@code blockCount} is consulted the first time the relation is seen, to seed the map with
     * its last block.
     */
    public int findPageWithFreeSpace(RelFileLocator relation, int spaceNeeded, IntSupplier blockCount) {
        RelationMap map = relations.computeIfAbsent(relation, key -> {
            RelationMap fresh = new RelationMap();
            int blocks = blockCount.getAsInt();
            if (blocks > 0) {
                fresh.record(blocks - 1, Page.SIZE);
            }
            return fresh;
        });
        return map.find(categoryNeeded(spaceNeeded));
    }

    /** Remembers that {@code block} has {@code freeSpace} bytes free ({@code RecordPageWithFreeSpace}). */
    public void recordPageWithFreeSpace(RelFileLocator relation, int block, int freeSpace) {
        // a plain lookup first: a sequential scan records every page it reads
        RelationMap map = relations.get(relation);
        if (map == null) {
            map = relations.computeIfAbsent(relation, key -> new RelationMap());
        }
        map.record(block, freeSpace);
    }

    /** Forgets the relation (dropped or truncated). */
    public void forget(RelFileLocator relation) {
        relations.remove(relation);
    }

    /** Category whose pages surely hold {@code bytes}: rounded up, unlike the category of a page. */
    static int categoryNeeded(int bytes) {
        int category = (bytes + CATEGORY_STEP - 1) / CATEGORY_STEP;
        return Math.clamp(category, 1, 255);
    }

    /** Category of a page with {@code bytes} free: rounded down, so the page surely has that much. */
    static int categoryOf(int bytes) {
        return Math.min(Math.max(bytes, 0) / CATEGORY_STEP, 255);
    }

    /** One relation's max-tree: leaves are blocks, inner nodes hold the max of their children. */
    private static final class RelationMap {
        private final ReentrantLock lock = new ReentrantLock();
        private byte[] tree = new byte[2];
        private int leafCount = 1;
        /** Where the next search starts among equal candidates, to spread concurrent inserters. */
        private int nextSlot;

        void record(int block, int freeSpace) {
            lock.lock();
            try {
                while (block >= leafCount) {
                    grow();
                }
                int node = leafCount + block;
                tree[node] = (byte) categoryOf(freeSpace);
                for (node >>= 1; node >= 1; node >>= 1) {
                    int max = Math.max(Byte.toUnsignedInt(tree[2 * node]), Byte.toUnsignedInt(tree[2 * node + 1]));
                    tree[node] = (byte) max;
                }
            } finally {
                lock.unlock();
            }
        }

        int find(int category) {
            lock.lock();
            try {
                if (Byte.toUnsignedInt(tree[1]) < category) {
                    return INVALID_BLOCK;
                }
                int start = nextSlot < leafCount ? nextSlot : 0;
                int found = findFrom(start, category);
                if (found == INVALID_BLOCK) {
                    found = findFrom(0, category);
                }
                nextSlot = found == INVALID_BLOCK ? 0 : found;
                return found;
            } finally {
                lock.unlock();
            }
        }

        /** The first leaf at or after {@code start} with at least {@code category}. */
        private int findFrom(int start, int category) {
            int node = leafCount + start;
            if (Byte.toUnsignedInt(tree[node]) >= category) {
                return start;
            }
            // climb until a right sibling subtree has enough, then descend leftmost
            while (node > 1) {
                if ((node & 1) == 0 && Byte.toUnsignedInt(tree[node + 1]) >= category) {
                    node = node + 1;
                    while (node < leafCount) {
                        node = Byte.toUnsignedInt(tree[2 * node]) >= category ? 2 * node : 2 * node + 1;
                    }
                    return node - leafCount;
                }
                node >>= 1;
            }
            return INVALID_BLOCK;
        }

        private void grow() {
            int newLeafCount = leafCount * 2;
            byte[] newTree = new byte[2 * newLeafCount];
            System.arraycopy(tree, leafCount, newTree, newLeafCount, leafCount);
            for (int node = newLeafCount - 1; node >= 1; node--) {
                newTree[node] = (byte) Math.max(Byte.toUnsignedInt(newTree[2 * node]), Byte.toUnsignedInt(newTree[2 * node + 1]));
            }
            tree = newTree;
            leafCount = newLeafCount;
        }
    }
}
