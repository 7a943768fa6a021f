package org.woolly.access.nbtree;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.woolly.access.common.Tid;
import org.woolly.storage.buffer.Buffer;
import org.woolly.storage.buffer.BufferPool;
import org.woolly.storage.page.Page;
import org.woolly.storage.smgr.RelFileLocator;

/**
 * One VACUUM pass over an index ({@code btvacuumscan}, {@code btvacuumpage}) and the deletion
 * of the leaves it empties ({@code _bt_pagedel} in {@code nbtpage.c}). Every block is visited
 * in physical order: dead entries leave their leaves, deleted pages are offered for reuse, a
 * half-dead page left by a crash is unlinked, and each empty leaf is then deleted in two
 * WAL-logged steps (README "Page deletion"). Runs under the index's writer lock.
 */
final class BTreeVacuum {
    private final BTreeAccessMethod btree;
    private final KeyLayout layout;
    private final RelFileLocator relation;
    private final BufferPool bufferPool;
    /** Leaf block to the level-1 page holding its downlink. */
    private final Map<Integer, Integer> parentOf = new HashMap<>();
    private final List<Integer> emptyLeaves = new ArrayList<>();
    private final List<Integer> halfDead = new ArrayList<>();
    private long removed;
    private int deletedPages;

    BTreeVacuum(BTreeAccessMethod btree, KeyLayout layout) {
        this.btree = btree;
        this.layout = layout;
        this.relation = layout.shape().locator();
        this.bufferPool = btree.bufferPool();
    }

    /** Removes the entries {@code dead} accepts, then deletes the empty leaves; returns the entries removed. */
    long run(Predicate<Tid> dead) {
        BTreePage.Meta meta = BTreePage.meta(btree.readPage(layout, BTreePage.METAPAGE, true), layout.shape().name());
        long blocks = btree.refreshedSize(layout.shape());
        for (int block = 1; block < blocks; block++) {
            Page page = btree.readPage(layout, block);
            if (BTreePage.isDeleted(page)) {
                btree.recordFreePage(relation, block, BTreePage.safeXid(page));
            } else if (BTreePage.isHalfDead(page)) {
                halfDead.add(block);
            } else if (BTreePage.isLeaf(page)) {
                vacuumLeaf(block, page, dead, meta);
            } else if (BTreePage.level(page) == 1) {
                for (int offset = BTreePage.firstData(page); offset <= page.maxOffsetNumber(); offset++) {
                    parentOf.put(KeyLayout.child(page.item(offset)), block);
                }
            }
        }
        for (int block : halfDead) {
            unlink(block);
        }
        for (int block : emptyLeaves) {
            deleteLeaf(block);
        }
        return removed;
    }

    /** Pages this pass deleted. */
    int deletedPages() {
        return deletedPages;
    }

    private void vacuumLeaf(int block, Page page, Predicate<Tid> dead, BTreePage.Meta meta) {
        List<byte[]> kept = new ArrayList<>();
        int first = BTreePage.firstData(page);
        for (int offset = 1; offset <= page.maxOffsetNumber(); offset++) {
            byte[] item = page.item(offset);
            if (offset >= first && dead.test(layout.decode(item).tid())) {
                removed++;
            } else {
                kept.add(item);
            }
        }
        if (kept.size() < page.maxOffsetNumber()) {
            LinkedHashMap<Integer, Page> images = new LinkedHashMap<>();
            images.put(block, BTreePage.rebuilt(page, kept));
            write(BTreeWalRecords.VACUUM, images);
        }
        // the root and the rightmost page of the level are never deleted (_bt_pagedel)
        if (kept.size() < first && !BTreePage.isRightmost(page) && block != meta.root()) {
            emptyLeaves.add(block);
        }
    }

    /**
     * First step ({@code _bt_mark_page_halfdead}): in the parent, the leaf's downlink now leads
     * to its right sibling and the right sibling's own downlink goes, so the right sibling
     * takes over the leaf's key space; the leaf is marked half-dead. A leaf that is its
     * parent's rightmost child stays (its right sibling has another parent, whose key space
     * would have to change), as does one a new entry reached since the scan.
     */
    private void deleteLeaf(int target) {
        Page page = btree.readPage(layout, target);
        Integer parent = parentOf.get(target);
        if (parent == null || BTreePage.isIgnored(page) || BTreePage.isRightmost(page)
                || page.maxOffsetNumber() >= BTreePage.firstData(page)) {
            return;
        }
        int right = BTreePage.next(page);
        Page parentPage = btree.readPage(layout, parent);
        List<byte[]> items = BTreePage.items(parentPage);
        int downlink = -1;
        for (int index = BTreePage.firstData(parentPage) - 1; index < items.size(); index++) {
            if (KeyLayout.child(items.get(index)) == target) {
                downlink = index;
            }
        }
        if (downlink < 0 || downlink + 1 >= items.size() || KeyLayout.child(items.get(downlink + 1)) != right) {
            return;
        }
        items.set(downlink, KeyLayout.withChild(items.get(downlink), right));
        items.remove(downlink + 1);
        Page halfDeadLeaf = BTreePage.rebuilt(page, BTreePage.items(page));
        BTreePage.setFlags(halfDeadLeaf, BTreePage.flags(page) | BTreePage.FLAG_HALF_DEAD);
        LinkedHashMap<Integer, Page> images = new LinkedHashMap<>();
        images.put(parent, BTreePage.rebuilt(parentPage, items));
        images.put(target, halfDeadLeaf);
        write(BTreeWalRecords.MARK_PAGE_HALFDEAD, images);
        parentOf.remove(target);
        unlink(target);
    }

    /**
     * Second step ({@code _bt_unlink_halfdead_page}): the siblings link to each other and the
     * page becomes deleted, recording the next XID: a transaction that could still be on its
     * way to the page began before it, so once the xmin horizon passes it the page is free
     * ({@code BTPageIsRecyclable}). The left link may be stale after a crash between the steps
     * (the left sibling may have split since): move right until the page that links here.
     */
    private void unlink(int target) {
        Page page = btree.readPage(layout, target);
        int left = BTreePage.prev(page);
        int right = BTreePage.next(page);
        LinkedHashMap<Integer, Page> images = new LinkedHashMap<>();
        if (left != BTreePage.NONE) {
            Page leftPage = btree.readPage(layout, left);
            for (long steps = 0; BTreePage.next(leftPage) != target; steps++) {
                btree.checkSteps(layout, steps, left);
                if (BTreePage.isRightmost(leftPage)) {
                    throw btree.corrupted(layout, target);
                }
                left = BTreePage.next(leftPage);
                leftPage = btree.readPage(layout, left);
            }
            images.put(left, relinked(leftPage, BTreePage.prev(leftPage), right));
        }
        Page rightPage = btree.readPage(layout, right);
        images.put(right, relinked(rightPage, left, BTreePage.next(rightPage)));
        long safeXid = btree.transactions().nextXid();
        Page linkedOut = BTreePage.rebuilt(page, BTreePage.items(page));
        BTreePage.setLinks(linkedOut, left, right);
        images.put(target, BTreePage.formatDeleted(linkedOut, safeXid));
        write(BTreeWalRecords.UNLINK_PAGE, images);
        btree.recordFreePage(relation, target, safeXid);
        deletedPages++;
    }

    private static Page relinked(Page page, int prev, int next) {
        Page copy = BTreePage.rebuilt(page, BTreePage.items(page));
        BTreePage.setLinks(copy, prev, next);
        return copy;
    }

    /** Writes and logs {@code images} as one record, their buffers locked in block order. */
    private void write(int info, LinkedHashMap<Integer, Page> images) {
        Map<Integer, Buffer> buffers = new TreeMap<>();
        try {
            for (int block : new TreeSet<>(images.keySet())) {
                Buffer buffer = bufferPool.read(relation, block);
                buffers.put(block, buffer);
                buffer.lockExclusive();
            }
            btree.writePages(info, relation, 0, images, buffers);
        } finally {
            for (Buffer buffer : buffers.values()) {
                bufferPool.unlockAndRelease(buffer);
            }
        }
    }
}
