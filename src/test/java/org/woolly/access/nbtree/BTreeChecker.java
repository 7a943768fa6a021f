package org.woolly.access.nbtree;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.woolly.access.common.Tid;
import org.woolly.storage.page.Page;

/**
 * An amcheck-style verification of a B-tree ({@code contrib/amcheck}'s {@code bt_index_check}
 * with {@code heapallindexed} replaced by a root descent for every entry): each level is walked
 * left to right, checking levels, sibling links both ways, item order, high keys as upper bounds
 * and lower bounds of the right sibling, that the downlinks of a level are exactly the live pages
 * of the level below in order, with each child's high key equal to the next downlink's key;
 * then every leaf entry is searched for from the root and must be found; every block is either
 * the metapage, on a level, or deleted (no leaked page). Throws {@link AssertionError} on the
 * first problem. Run it with nothing writing to the index.
 */
public final class BTreeChecker {
    /** What the walk found. */
    public record Report(int levels, int leafPages, int internalPages, int deletedPages, int halfDeadPages,
                         long entries) {}

    private final BTreeAccessMethod btree;
    private final KeyLayout layout;
    private final Set<Integer> seen = new HashSet<>();
    private int halfDead;
    private int internalPages;
    private int leafPages;

    private BTreeChecker(BTreeAccessMethod btree, IndexShape index) {
        this.btree = btree;
        this.layout = btree.layout(index);
    }

    /** Checks {@code index} through the B-tree of a running storage stack. */
    public static Report check(BTreeAccess btree, IndexShape index) {
        return new BTreeChecker((BTreeAccessMethod) btree, index).run();
    }

    private record Downlink(int child, KeyLayout.Tuple key) {}

    private Report run() {
        BTreePage.Meta meta = BTreePage.meta(btree.readPage(layout, BTreePage.METAPAGE, true), layout.shape().name());
        List<Downlink> expected = List.of(new Downlink(meta.root(), null));
        List<KeyLayout.Tuple> leafEntries = new ArrayList<>();
        for (int level = meta.level(); level >= 0; level--) {
            expected = walkLevel(level, expected, leafEntries);
        }
        long total = btree.refreshedSize(layout.shape());
        int deleted = 0;
        for (int block = 1; block < total; block++) {
            if (seen.contains(block)) {
                continue;
            }
            Page page = btree.readPage(layout, block);
            require(BTreePage.isDeleted(page), "block " + block + " is on no level and not deleted (leaked)");
            deleted++;
        }
        for (KeyLayout.Tuple entry : leafEntries) {
            // the target sorts just after the entry: the descent's leaf holds it right before the target
            KeyLayout.Target target = new KeyLayout.Target(entry.values(), entry.tid(), 1);
            BTreeAccessMethod.Descent descent = btree.descend(layout, target, false);
            Page leaf = descent.page();
            int offset = btree.firstGreater(layout, leaf, target) - 1;
            require(offset >= BTreePage.firstData(leaf) && sameEntry(layout.decode(leaf, offset), entry),
                    "entry " + entry.tid() + " is not found by a descent from the root (block " + descent.block() + ")");
        }
        return new Report(meta.level() + 1, leafPages, internalPages, deleted, halfDead, leafEntries.size());
    }

    /** Walks one level from the first expected page; returns the downlinks to the level below. */
    private List<Downlink> walkLevel(int level, List<Downlink> expected, List<KeyLayout.Tuple> leafEntries) {
        List<Downlink> below = new ArrayList<>();
        int block = expected.getFirst().child();
        // a half-dead page keeps its links until the second step: it may be the level's first page
        for (int left = BTreePage.prev(btree.readPage(layout, block)); left != BTreePage.NONE;
                left = BTreePage.prev(btree.readPage(layout, block))) {
            require(BTreePage.isHalfDead(btree.readPage(layout, left)),
                    "the first downlink of level " + level + " leads to block " + block + ", which has a left sibling");
            block = left;
        }
        int previous = BTreePage.NONE;
        KeyLayout.Tuple previousHigh = null;
        int index = 0;
        while (true) {
            require(seen.add(block), "block " + block + " is reached twice");
            Page page = btree.readPage(layout, block);
            String where = "block " + block + " (level " + level + ")";
            require(!BTreePage.isDeleted(page), where + " is deleted but linked");
            require(BTreePage.level(page) == level, where + " has level " + BTreePage.level(page));
            require(BTreePage.prev(page) == previous, where + " links left to " + BTreePage.prev(page)
                    + ", expected " + previous);
            require(BTreePage.isLeaf(page) == (level == 0), where + " has the wrong leaf flag");
            KeyLayout.Tuple high = BTreePage.isRightmost(page) ? null : layout.decode(page, 1);
            if (BTreePage.isHalfDead(page)) {
                require(level == 0 && page.maxOffsetNumber() < BTreePage.firstData(page), where + " is half-dead but not empty");
                halfDead++;
            } else {
                require(index < expected.size() && expected.get(index).child() == block,
                        where + " is not the next downlink of the level above");
                KeyLayout.Tuple lower = expected.get(index).key();
                index++;
                KeyLayout.Tuple nextLower = index < expected.size() ? expected.get(index).key() : null;
                if (high != null && nextLower != null && !nextLower.minusInfinity()) {
                    require(sameKey(high, nextLower), where + "'s high key differs from the next downlink's key");
                }
                KeyLayout.Tuple last = null;
                for (int offset = BTreePage.firstData(page); offset <= page.maxOffsetNumber(); offset++) {
                    KeyLayout.Tuple item = layout.decode(page, offset);
                    boolean firstOfInternal = level > 0 && offset == BTreePage.firstData(page);
                    if (!firstOfInternal) {
                        require(!item.minusInfinity(), where + " has minus infinity past its first item");
                        require(last == null || below(last, item), where + " items out of order at " + offset);
                        require(lower == null || lower.minusInfinity() || !below(item, lower),
                                where + " item " + offset + " is below the downlink's key");
                        require(previousHigh == null || !below(item, previousHigh),
                                where + " item " + offset + " is below the left sibling's high key");
                        require(high == null || below(item, high), where + " item " + offset + " is not below the high key");
                        last = item;
                    }
                    if (level == 0) {
                        leafEntries.add(item);
                    } else {
                        below.add(new Downlink(item.child(), firstOfInternal ? null : item));
                    }
                }
                if (level == 0) {
                    leafPages++;
                } else {
                    internalPages++;
                }
            }
            if (BTreePage.isRightmost(page)) {
                require(index == expected.size(), "level " + level + " ends before its last downlink");
                return below;
            }
            previous = block;
            previousHigh = high;
            block = BTreePage.next(page);
        }
    }

    private boolean below(KeyLayout.Tuple left, KeyLayout.Tuple right) {
        return layout.compareEntries(left.values(), left.tid(), right.values(), right.tid()) < 0;
    }

    private boolean sameKey(KeyLayout.Tuple left, KeyLayout.Tuple right) {
        return layout.compareEntries(left.values(), left.tid(), right.values(), right.tid()) == 0;
    }

    private static boolean sameEntry(KeyLayout.Tuple found, KeyLayout.Tuple entry) {
        Tid tid = found.tid();
        return tid.equals(entry.tid());
    }

    private static void require(boolean condition, String problem) {
        if (!condition) {
            throw new AssertionError("B-tree check failed: " + problem);
        }
    }
}
