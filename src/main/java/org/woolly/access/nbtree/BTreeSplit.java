package org.woolly.access.nbtree;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.woolly.storage.buffer.Buffer;
import org.woolly.storage.buffer.BufferPool;
import org.woolly.storage.page.Page;
import org.woolly.storage.smgr.ForkNumber;

/**
 * One insertion that does not fit its leaf ({@code _bt_split}, {@code _bt_insert_parent},
 * {@code _bt_newroot}): splits the page, inserts the downlink of the new right half into the
 * parent, splitting it in turn if needed, up to a new root. Every page changed is built as a
 * private image first; then all are written and logged as one SPLIT record in one critical
 * section, so a crash never leaves a split without its downlink. Runs under the index's writer lock.
 */
final class BTreeSplit {
    private final BTreeAccessMethod btree;
    private final KeyLayout layout;
    private final long xid;
    private final BufferPool bufferPool;
    private final LinkedHashMap<Integer, Page> images = new LinkedHashMap<>();
    private final Map<Integer, Buffer> buffers = new HashMap<>();

    BTreeSplit(BTreeAccessMethod btree, KeyLayout layout, long xid) {
        this.btree = btree;
        this.layout = layout;
        this.xid = xid;
        this.bufferPool = btree.bufferPool();
    }

    void insert(BTreeAccessMethod.Descent descent, int offset, byte[] tuple) {
        try {
            int block = descent.block();
            List<Integer> parents = new ArrayList<>(descent.parents());
            byte[] item = tuple;
            int position = offset;
            while (true) {
                Page page = current(block);
                List<byte[]> items = BTreePage.items(page);
                items.add(position - 1, item);
                if (BTreePage.fits(items)) {
                    images.put(block, BTreePage.rebuilt(page, items));
                    break;
                }
                byte[] downlink = split(block, page, items);
                if (parents.isEmpty()) {
                    newRoot(block, BTreePage.level(page), downlink);
                    break;
                }
                block = parents.removeLast();
                KeyLayout.Tuple key = layout.decode(downlink);
                KeyLayout.Target target = new KeyLayout.Target(key.values(), key.tid(), 1);
                Page parent = current(block);
                // the parent met on the way down may have split since: move right (_bt_getstackbuf)
                for (long steps = 0; !BTreePage.isRightmost(parent)
                        && layout.compare(target, layout.decode(parent, 1)) >= 0; steps++) {
                    btree.checkSteps(layout, steps, block);
                    block = BTreePage.next(parent);
                    parent = current(block);
                }
                position = btree.firstGreater(layout, parent, target);
                item = downlink;
            }
            for (int changed : images.keySet()) {
                if (!buffers.containsKey(changed)) {
                    Buffer buffer = bufferPool.read(layout.shape().locator(), changed);
                    buffers.put(changed, buffer);
                    buffer.lockExclusive();
                }
            }
            btree.writePages(BTreeWalRecords.SPLIT, layout.shape().locator(), xid, images, buffers);
        } finally {
            for (Buffer buffer : buffers.values()) {
                bufferPool.unlockAndRelease(buffer);
            }
        }
    }

    /** The page as this insertion has changed it so far, else as stored. */
    private Page current(int block) {
        Page changed = images.get(block);
        return changed != null ? changed : btree.readPage(layout, block);
    }

    /**
     * A recycled deleted page, else a new page at the end of the index; pinned and locked until
     * the record is written (its full-page image replaces the deleted page).
     */
    private int newBlock() {
        Buffer buffer = btree.reusablePage(layout.shape().locator());
        if (buffer == null) {
            buffer = bufferPool.extend(layout.shape().locator(), ForkNumber.MAIN);
        }
        buffers.put(buffer.blockNumber(), buffer);
        return buffer.blockNumber();
    }

    /**
     * Splits {@code page} whose {@code items} (high key first unless rightmost) no longer fit:
     * the lower half stays, the upper half moves to a new right sibling, and the left page's
     * new high key is the right half's first key (Lehman and Yao). Returns the downlink to the
     * right half for the parent.
     */
    private byte[] split(int block, Page page, List<byte[]> items) {
        boolean leaf = BTreePage.isLeaf(page);
        byte[] oldHigh = BTreePage.isRightmost(page) ? null : items.removeFirst();
        int splitAt = chooseSplit(items, oldHigh, leaf);
        List<byte[]> left = new ArrayList<>(items.subList(0, splitAt));
        List<byte[]> right = new ArrayList<>(items.subList(splitAt, items.size()));
        byte[] newHigh = highKeyOf(right.getFirst(), leaf);
        if (!leaf) {
            right.set(0, KeyLayout.minusInfinity(KeyLayout.child(right.getFirst())));
        }
        left.addFirst(newHigh);
        if (oldHigh != null) {
            right.addFirst(oldHigh);
        }
        int rightBlock = newBlock();
        int flags = BTreePage.flags(page) & ~BTreePage.FLAG_ROOT;
        int oldNext = BTreePage.next(page);
        Page leftPage = fill(BTreePage.format(BTreePage.level(page), flags, BTreePage.prev(page), rightBlock), left);
        Page rightPage = fill(BTreePage.format(BTreePage.level(page), flags, block, oldNext), right);
        if (oldNext != BTreePage.NONE) {
            Page sibling = current(oldNext);
            Page relinked = BTreePage.rebuilt(sibling, BTreePage.items(sibling));
            BTreePage.setLinks(relinked, rightBlock, BTreePage.next(sibling));
            images.put(oldNext, relinked);
        }
        images.put(block, leftPage);
        images.put(rightBlock, rightPage);
        return KeyLayout.withChild(newHigh, rightBlock);
    }

    private byte[] highKeyOf(byte[] firstRight, boolean leaf) {
        return leaf ? layout.pivotOf(layout.decode(firstRight), 0) : KeyLayout.withChild(firstRight, 0);
    }

    /** Where the upper half starts: the split nearest to equal halves where both halves fit ({@code _bt_findsplitloc}, simplified). */
    private int chooseSplit(List<byte[]> items, byte[] oldHigh, boolean leaf) {
        int count = items.size();
        int total = BTreePage.spaceFor(items);
        int balanced = 1;
        int leftSpace = 0;
        for (int i = 0; i < count - 1; i++) {
            leftSpace += BTreePage.spaceFor(items.get(i));
            balanced = i + 1;
            if (leftSpace * 2 >= total) {
                break;
            }
        }
        for (int distance = 0; distance < count; distance++) {
            for (int candidate : new int[] {balanced - distance, balanced + distance}) {
                if (candidate >= 1 && candidate < count && splitFits(items, candidate, oldHigh, leaf)) {
                    return candidate;
                }
            }
        }
        throw new IllegalStateException("no split point fits for index \"" + layout.shape().name() + "\"");
    }

    private boolean splitFits(List<byte[]> items, int splitAt, byte[] oldHigh, boolean leaf) {
        byte[] firstRight = items.get(splitAt);
        int left = BTreePage.spaceFor(items.subList(0, splitAt)) + BTreePage.spaceFor(highKeyOf(firstRight, leaf));
        int right = BTreePage.spaceFor(items.subList(splitAt, items.size()))
                - (leaf ? 0 : BTreePage.spaceFor(firstRight) - BTreePage.spaceFor(KeyLayout.minusInfinity(0)))
                + (oldHigh == null ? 0 : BTreePage.spaceFor(oldHigh));
        return left <= BTreePage.CAPACITY && right <= BTreePage.CAPACITY;
    }

    /** A new root above the old one and its new right sibling; the metapage points at it. */
    private void newRoot(int leftBlock, int childLevel, byte[] downlink) {
        int rootBlock = newBlock();
        Page root = fill(BTreePage.format(childLevel + 1, BTreePage.FLAG_ROOT, BTreePage.NONE, BTreePage.NONE),
                List.of(KeyLayout.minusInfinity(leftBlock), downlink));
        images.put(rootBlock, root);
        images.put(BTreePage.METAPAGE, BTreePage.formatMeta(rootBlock, childLevel + 1));
    }

    private static Page fill(Page page, List<byte[]> items) {
        for (byte[] item : items) {
            if (page.addItem(item) == Page.INVALID_OFFSET_NUMBER) {
                throw new IllegalStateException("B-tree split half does not fit its page");
            }
        }
        return page;
    }
}
