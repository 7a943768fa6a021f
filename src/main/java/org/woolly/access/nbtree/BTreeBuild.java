package org.woolly.access.nbtree;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.woolly.access.common.Tid;
import org.woolly.storage.buffer.Buffer;
import org.woolly.storage.buffer.BufferPool;
import org.woolly.storage.page.Page;
import org.woolly.storage.smgr.ForkNumber;
import org.woolly.storage.smgr.RelFileLocator;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * Builds an index bottom up from its entries ({@code nbtsort.c}): sorts them, checks a unique
 * index, packs the leaves left to right (to the index's leaf fill factor, 90% unless its fillfactor says otherwise), then each level above
 * (70%) until one page is left, the root; every page is logged whole (NEWPAGES records). The
 * metapage is block 0, the leaves follow in key order. Runs under the index's writer lock.
 */
final class BTreeBuild {
    private static final int INTERNAL_FILL = BTreePage.CAPACITY * 70 / 100;
    /** Pages per NEWPAGES record (as {@code log_newpages} batches them); each stays pinned until its record is written, so few. */
    private static final int PAGES_PER_RECORD = 8;

    private final BTreeAccessMethod btree;
    private final KeyLayout layout;
    private final long xid;
    private final BufferPool bufferPool;
    private final RelFileLocator relation;
    private final LinkedHashMap<Integer, Page> pending = new LinkedHashMap<>();
    private final Map<Integer, Buffer> pendingBuffers = new LinkedHashMap<>();

    BTreeBuild(BTreeAccessMethod btree, KeyLayout layout, long xid) {
        this.btree = btree;
        this.layout = layout;
        this.xid = xid;
        this.bufferPool = btree.bufferPool();
        this.relation = layout.shape().locator();
    }

    /**
     * One index entry waiting for the sort. With an integer key ({@link KeyLayout#integerKey()})
     * a non-NULL key lives in {@code key} alone ({@code values} null) and the heap TID is packed
     * into a long, so the build holds one small object and the tuple per row instead of boxed
     * values, and compares primitives (as tuplesort's abbreviated keys); a NULL key, or any key
     * of another type, keeps its {@code values}.
     */
    private record Entry(long key, Object[] values, long tid, boolean live, byte[] tuple) {}

    long build(Iterator<IndexEntry> entries, HeapProbe probe) {
        if (bufferPool.blockCount(relation, ForkNumber.MAIN) != 0) {
            throw new SqlException(SqlState.INTERNAL_ERROR, "index \"" + layout.shape().name() + "\" already contains data");
        }
        boolean integerKey = layout.integerKey();
        List<Entry> sorted = new ArrayList<>();
        while (entries.hasNext()) {
            IndexEntry entry = entries.next();
            byte[] tuple = layout.encodeLeaf(entry.values(), entry.tid());
            layout.checkSize(tuple);
            Object first = entry.values()[0];
            long tid = packTid(entry.tid());
            sorted.add(integerKey && first != null
                    ? new Entry(layout.integerSortKey(first), null, tid, entry.live(), tuple)
                    : new Entry(0, entry.values(), tid, entry.live(), tuple));
        }
        sorted.sort(integerKey ? this::compareIntegerKeys : this::compareValues);
        if (layout.shape().unique()) {
            checkUnique(sorted, probe, integerKey);
        }
        long count = sorted.size();
        Buffer metaBuffer = bufferPool.extend(relation, ForkNumber.MAIN);
        try {
            List<byte[]> level = new ArrayList<>(sorted.size());
            for (Entry entry : sorted) {
                level.add(entry.tuple());
            }
            int levelNumber = 0;
            List<byte[]> downlinks = writeLevel(level, 0);
            while (downlinks.size() > 1) {
                levelNumber++;
                downlinks = writeLevel(downlinks, levelNumber);
            }
            flush();
            pending.put(BTreePage.METAPAGE, BTreePage.formatMeta(KeyLayout.child(downlinks.getFirst()), levelNumber));
            pendingBuffers.put(BTreePage.METAPAGE, metaBuffer);
            metaBuffer = null;
            flush();
        } finally {
            if (metaBuffer != null) {
                bufferPool.unlockAndRelease(metaBuffer);
            }
        }
        return count;
    }

    /** A TID as one long in TID order: the unsigned block above the offset. */
    private static long packTid(Tid tid) {
        return (Integer.toUnsignedLong(tid.block()) << 16) | tid.offset();
    }

    private int compareValues(Entry left, Entry right) {
        int result = layout.compareKeys(left.values(), right.values(), layout.keyColumns());
        return result != 0 ? result : Long.compare(left.tid(), right.tid());
    }

    /** Index order of entries of an integer-key index: NULLs where the column puts them, then the key, then the TID. */
    private int compareIntegerKeys(Entry left, Entry right) {
        boolean leftNull = left.values() != null;
        boolean rightNull = right.values() != null;
        int result;
        if (leftNull || rightNull) {
            result = leftNull == rightNull ? 0 : leftNull == layout.shape().nullsFirst().get(0) ? -1 : 1;
        } else {
            result = Long.compare(left.key(), right.key());
        }
        return result != 0 ? result : Long.compare(left.tid(), right.tid());
    }

    /** Two live entries with equal keys are a duplicate (NULLs are distinct unless NULLS NOT DISTINCT). */
    private void checkUnique(List<Entry> sorted, HeapProbe probe, boolean integerKey) {
        int keys = layout.keyColumns();
        boolean nullsNotDistinct = layout.shape().nullsNotDistinct();
        Entry previousLive = null;
        for (Entry entry : sorted) {
            if (!entry.live()) {
                continue;
            }
            if (previousLive != null) {
                boolean duplicate;
                if (integerKey) {
                    boolean previousNull = previousLive.values() != null;
                    boolean currentNull = entry.values() != null;
                    duplicate = previousNull == currentNull
                            && (currentNull ? nullsNotDistinct : previousLive.key() == entry.key());
                } else {
                    boolean hasNull = false;
                    for (int i = 0; i < keys && !hasNull; i++) {
                        hasNull = entry.values()[i] == null;
                    }
                    duplicate = (!hasNull || nullsNotDistinct)
                            && layout.compareKeys(previousLive.values(), entry.values(), keys) == 0;
                }
                if (duplicate) {
                    Object[] values = entry.values() != null ? entry.values() : layout.decode(entry.tuple()).values();
                    throw probe.duplicate(Arrays.copyOf(values, keys));
                }
            }
            previousLive = entry;
        }
    }

    /**
     * Packs one level's items into pages left to right and writes them; returns the downlinks
     * for the level above (the first one "minus infinity").
     */
    private List<byte[]> writeLevel(List<byte[]> items, int level) {
        boolean leaf = level == 0;
        int fill = leaf ? BTreePage.CAPACITY * layout.shape().fillFactor() / 100 : INTERNAL_FILL;
        List<int[]> groups = new ArrayList<>();
        int start = 0;
        do {
            int end = start;
            int used = 0;
            while (end < items.size()) {
                int size = BTreePage.spaceFor(stored(items, end, start, leaf));
                if (end > start && used + size > fill) {
                    break;
                }
                used += size;
                end++;
            }
            while (end < items.size() && end - start > 1
                    && used + BTreePage.spaceFor(highKey(items.get(end), leaf)) > BTreePage.CAPACITY) {
                end--;
                used -= BTreePage.spaceFor(stored(items, end, start, leaf));
            }
            groups.add(new int[] {start, end});
            start = end;
        } while (start < items.size());
        int firstBlock = bufferPool.blockCount(relation, ForkNumber.MAIN);
        List<byte[]> downlinks = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            int from = groups.get(g)[0];
            int to = groups.get(g)[1];
            int block = firstBlock + g;
            boolean last = g == groups.size() - 1;
            int flags = (leaf ? BTreePage.FLAG_LEAF : 0) | (groups.size() == 1 ? BTreePage.FLAG_ROOT : 0);
            Page page = BTreePage.format(level, flags, g == 0 ? BTreePage.NONE : block - 1,
                    last ? BTreePage.NONE : block + 1);
            List<byte[]> content = new ArrayList<>();
            if (!last) {
                content.add(highKey(items.get(to), leaf));
            }
            for (int i = from; i < to; i++) {
                content.add(stored(items, i, from, leaf));
            }
            for (byte[] item : content) {
                if (page.addItem(item) == Page.INVALID_OFFSET_NUMBER) {
                    throw new IllegalStateException("B-tree build page overflow");
                }
            }
            Buffer buffer = bufferPool.extend(relation, ForkNumber.MAIN);
            if (buffer.blockNumber() != block) {
                bufferPool.unlockAndRelease(buffer);
                throw new SqlException(SqlState.INTERNAL_ERROR, "index \"" + layout.shape().name()
                        + "\" was extended during its build");
            }
            pending.put(block, page);
            pendingBuffers.put(block, buffer);
            if (pending.size() >= PAGES_PER_RECORD) {
                flush();
            }
            downlinks.add(g == 0 ? KeyLayout.minusInfinity(block) : KeyLayout.withChild(highKey(items.get(from), leaf), block));
        }
        return downlinks;
    }

    /** Item {@code index} as stored in a page starting at {@code first}: an internal page's first item has no key. */
    private static byte[] stored(List<byte[]> items, int index, int first, boolean leaf) {
        return !leaf && index == first ? KeyLayout.minusInfinity(KeyLayout.child(items.get(index))) : items.get(index);
    }

    /** The high key that bounds a page from the item that starts its right sibling. */
    private byte[] highKey(byte[] firstOfNext, boolean leaf) {
        return leaf ? layout.pivotOf(layout.decode(firstOfNext), 0) : KeyLayout.withChild(firstOfNext, 0);
    }

    private void flush() {
        if (pending.isEmpty()) {
            return;
        }
        try {
            btree.writePages(BTreeWalRecords.NEWPAGES, relation, xid, pending, pendingBuffers);
        } finally {
            for (Buffer buffer : pendingBuffers.values()) {
                bufferPool.unlockAndRelease(buffer);
            }
            pending.clear();
            pendingBuffers.clear();
        }
    }
}
