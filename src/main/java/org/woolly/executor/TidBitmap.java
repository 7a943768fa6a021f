package org.woolly.executor;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.woolly.access.common.Tid;

/**
 * A set of heap TIDs kept per page ({@code tidbitmap.c}): each page in the set has a bit per
 * line pointer offset, so a TID is in the set at most once however many index entries name it,
 * and the set is read back page by page in block order, offsets ascending, which is the order a
 * Bitmap Heap Scan reads the heap in. Every page is exact: the set does not turn pages lossy when
 * it outgrows {@code work_mem}.
 */
final class TidBitmap implements Iterable<Tid> {
    private final TreeMap<Integer, BitSet> pages = new TreeMap<>();

    void add(Tid tid) {
        pages.computeIfAbsent(tid.block(), block -> new BitSet()).set(tid.offset());
    }

    /** {@code tbm_union}: adds every TID of {@code other}. */
    void union(TidBitmap other) {
        for (Map.Entry<Integer, BitSet> page : other.pages.entrySet()) {
            BitSet mine = pages.get(page.getKey());
            if (mine == null) {
                pages.put(page.getKey(), (BitSet) page.getValue().clone());
            } else {
                mine.or(page.getValue());
            }
        }
    }

    /** {@code tbm_intersect}: keeps only the TIDs {@code other} also has. */
    void intersect(TidBitmap other) {
        Iterator<Map.Entry<Integer, BitSet>> iterator = pages.entrySet().iterator();
        while (iterator.hasNext()) {
            Map.Entry<Integer, BitSet> page = iterator.next();
            BitSet theirs = other.pages.get(page.getKey());
            if (theirs == null) {
                iterator.remove();
                continue;
            }
            page.getValue().and(theirs);
            if (page.getValue().isEmpty()) {
                iterator.remove();
            }
        }
    }

    boolean isEmpty() {
        return pages.isEmpty();
    }

    /** Heap pages in the set (EXPLAIN ANALYZE's {@code Heap Blocks: exact=}). */
    int pageCount() {
        return pages.size();
    }

    long tupleCount() {
        long count = 0;
        for (BitSet offsets : pages.values()) {
            count += offsets.cardinality();
        }
        return count;
    }

    /** The TIDs of one page, offsets ascending. */
    record Page(int block, List<Tid> tids) {}

    /** The pages of the set in block order ({@code tbm_iterate}). */
    Iterator<Page> pages() {
        Iterator<Map.Entry<Integer, BitSet>> entries = pages.entrySet().iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return entries.hasNext();
            }

            @Override
            public Page next() {
                Map.Entry<Integer, BitSet> entry = entries.next();
                List<Tid> tids = new ArrayList<>(entry.getValue().cardinality());
                int block = entry.getKey();
                entry.getValue().stream().forEach(offset -> tids.add(new Tid(block, offset)));
                return new Page(block, tids);
            }
        };
    }

    @Override
    public Iterator<Tid> iterator() {
        List<Tid> all = new ArrayList<>();
        pages().forEachRemaining(page -> all.addAll(page.tids()));
        return all.iterator();
    }
}
