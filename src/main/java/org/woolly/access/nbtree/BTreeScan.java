package org.woolly.access.nbtree;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.woolly.access.common.Tid;
import org.woolly.storage.page.Page;
import org.woolly.utils.adt.BuiltinTypes;

/**
 * An index scan ({@code nbtsearch.c}: {@code _bt_first}, {@code _bt_next}). The leading key
 * columns fixed by = (or IS NULL) keys and the range keys on the column after them bound the
 * scan (start and stop, {@code _bt_preprocess_keys} simplified); every key filters. Entries are
 * read one leaf page at a time, each copied under its buffer's share lock only (no tree lock:
 * Lehman and Yao's right links and high keys), and kept; between calls no lock or pin is held.
 * A call starts from the last entry read (a descent to the first entry after it), so
 * concurrent splits can neither make the scan skip nor repeat an entry.
 */
final class BTreeScan implements IndexScan {
    private record Hit(Tid tid, Object[] values) {}

    private final BTreeAccessMethod btree;
    private final KeyLayout layout;
    private final List<ScanKey> keys;
    private final boolean backward;
    /** Where the scan starts and where it must stop, in index order (lower and upper bound). */
    private final KeyLayout.Target lower;
    private final KeyLayout.Target upper;
    private final boolean empty;
    /** The values of the leading key columns fixed by = or IS NULL keys. */
    private final Object[] prefix;
    private final ArrayDeque<Hit> batch = new ArrayDeque<>();
    private KeyLayout.Tuple lastRead;
    /** The block of the leaf being read, for error messages. */
    private int currentBlock;
    private boolean finished;
    private Object[] current;

    BTreeScan(BTreeAccessMethod btree, KeyLayout layout, List<ScanKey> keys, boolean backward) {
        this.btree = btree;
        this.layout = layout;
        this.keys = List.copyOf(keys);
        this.backward = backward;
        boolean none = false;
        for (ScanKey key : this.keys) {
            if (key.column() < 0 || key.column() >= layout.keyColumns()) {
                throw new IllegalArgumentException("scan key on column " + key.column() + " of a "
                        + layout.keyColumns() + "-key index");
            }
            if (key.strategy() != ScanKey.Strategy.IS_NULL && key.strategy() != ScanKey.Strategy.IS_NOT_NULL
                    && key.argument() == null) {
                none = true;
            }
        }
        // leading columns fixed by = (or IS NULL) position the scan together, then one column's range
        List<Object> equal = new ArrayList<>();
        while (equal.size() < layout.keyColumns() && !none) {
            ScanKey fixing = equalityOn(equal.size());
            if (fixing == null) {
                break;
            }
            equal.add(fixing.strategy() == ScanKey.Strategy.IS_NULL ? null : fixing.argument());
        }
        this.prefix = equal.toArray();
        KeyLayout.Target low = new KeyLayout.Target(prefix, null, -1);
        KeyLayout.Target high = new KeyLayout.Target(prefix, null, 1);
        int column = prefix.length;
        if (column < layout.keyColumns() && !none) {
            boolean nullsFirst = layout.shape().nullsFirst().get(column);
            boolean descending = layout.shape().descending().get(column);
            for (ScanKey key : this.keys) {
                if (key.column() != column) {
                    continue;
                }
                Object argument = key.argument();
                // a bound in value order; DESC turns lower into upper
                KeyLayout.Target atOrAfter = bound(argument, -1);
                KeyLayout.Target after = bound(argument, 1);
                switch (key.strategy()) {
                    case GREATER, GREATER_EQUAL, LESS, LESS_EQUAL -> {
                        boolean lowerInValueOrder = key.strategy() == ScanKey.Strategy.GREATER
                                || key.strategy() == ScanKey.Strategy.GREATER_EQUAL;
                        boolean inclusive = key.strategy() == ScanKey.Strategy.GREATER_EQUAL
                                || key.strategy() == ScanKey.Strategy.LESS_EQUAL;
                        if (lowerInValueOrder != descending) {
                            low = tighter(low, inclusive ? atOrAfter : after, true);
                        } else {
                            high = tighter(high, inclusive ? after : atOrAfter, false);
                        }
                    }
                    default -> { }
                }
                // every strategy left here (not = and not IS NULL) excludes the NULLs
                if (nullsFirst) {
                    low = tighter(low, bound(null, 1), true);
                } else {
                    high = tighter(high, bound(null, -1), false);
                }
            }
        }
        this.lower = low;
        this.upper = high;
        this.empty = none;
    }

    /** A key that fixes {@code column} to one value: = with an argument, or IS NULL. */
    private ScanKey equalityOn(int column) {
        for (ScanKey key : keys) {
            if (key.column() == column && (key.strategy() == ScanKey.Strategy.EQUAL
                    || key.strategy() == ScanKey.Strategy.IS_NULL)) {
                return key;
            }
        }
        return null;
    }

    /** A bound on the column after the fixed prefix. */
    private KeyLayout.Target bound(Object value, int tie) {
        Object[] values = java.util.Arrays.copyOf(prefix, prefix.length + 1);
        values[prefix.length] = value;
        return new KeyLayout.Target(values, null, tie);
    }

    /** Of two bounds the more restrictive: the later lower bound or the earlier upper bound. */
    private KeyLayout.Target tighter(KeyLayout.Target current, KeyLayout.Target candidate, boolean lowerBound) {
        int column = prefix.length;
        int order;
        if (current.prefix().length == column) {
            order = current.tie();
        } else {
            order = layout.compareColumn(column, current.prefix()[column], candidate.prefix()[column]);
            if (order == 0) {
                order = Integer.compare(current.tie(), candidate.tie());
            }
        }
        return (order < 0) == lowerBound ? candidate : current;
    }

    @Override
    public Tid next() {
        while (batch.isEmpty()) {
            if (finished || empty) {
                current = null;
                return null;
            }
            readBatch();
        }
        Hit hit = batch.removeFirst();
        current = hit.values();
        return hit.tid();
    }

    @Override
    public Object[] values() {
        return current;
    }

    @Override
    public void close() {
        batch.clear();
        finished = true;
    }

    /**
     * Reads matching entries from the next leaf page(s) until at least one matches or the scan
     * ends. No tree lock: each page is copied under its own share lock and released before the
     * next one is locked (nbtree README, Lehman and Yao). The first page is found by a descent
     * that moves right past concurrent splits ({@code _bt_moveright}); a forward scan then
     * follows the right link of the copy it read, which stays correct whatever splits happen
     * later (entries moved right by a split of a page already read were read with it); a
     * backward scan walks left as {@code _bt_walk_left} does.
     */
    private void readBatch() {
        Page page = null;
        int block = 0;
        int offset = 0;
        for (long pages = 0; ; pages++) {
            btree.checkSteps(layout, pages, currentBlock);
            if (page == null) {
                KeyLayout.Target target = resumeTarget();
                BTreeAccessMethod.Descent descent = btree.descend(layout, target, false);
                page = descent.page();
                block = descent.block();
                offset = btree.firstGreater(layout, page, target);
                if (backward) {
                    offset--;
                }
            }
            currentBlock = block;
            if (!BTreePage.isIgnored(page)
                    && (backward ? scanBackward(page, offset) : scanForward(page, offset))) {
                return;
            }
            int sibling;
            if (backward) {
                sibling = walkLeft(page, block);
                if (sibling == RESTART) {
                    page = null;
                    continue;
                }
            } else {
                sibling = BTreePage.next(page);
            }
            if (sibling == BTreePage.NONE) {
                finished = true;
                return;
            }
            Page next = leftFound != null ? leftFound : btree.readPage(layout, sibling);
            leftFound = null;
            if (!BTreePage.isLeaf(next)) {
                throw btree.corrupted(layout, sibling);
            }
            page = next;
            block = sibling;
            offset = backward ? page.maxOffsetNumber() : BTreePage.firstData(page);
        }
    }

    /** Where the scan goes on: just after (before) the last entry read, else the start bound. */
    private KeyLayout.Target resumeTarget() {
        if (lastRead == null) {
            return backward ? upper : lower;
        }
        Object[] values = java.util.Arrays.copyOf(lastRead.values(), layout.keyColumns());
        return new KeyLayout.Target(values, lastRead.tid(), backward ? -1 : 1);
    }

    /** {@link #walkLeft} could not find the left sibling: descend again from the last entry read. */
    private static final int RESTART = -1;
    /** The copy of the page {@link #walkLeft} found, read once. */
    private Page leftFound;

    /**
     * The live left sibling of {@code block} ({@code _bt_walk_left}), its copy left in
     * {@link #leftFound}; {@link BTreePage#NONE} at the left end; {@link #RESTART} if the page
     * was unlinked meanwhile. The left link of our copy may be stale: the page there may have
     * split since (then its right link no longer points at us: move right until one does), or
     * been deleted (skip to its own left sibling; a half-dead one is still linked, so the page
     * left of it is looked for instead).
     */
    private int walkLeft(Page page, int block) {
        int target = block;
        int left = BTreePage.prev(page);
        for (long steps = 0; ; steps++) {
            if (left == BTreePage.NONE) {
                return BTreePage.NONE;
            }
            btree.checkSteps(layout, steps, left);
            Page candidate = btree.readPage(layout, left);
            if (BTreePage.next(candidate) == target) {
                if (!BTreePage.isIgnored(candidate)) {
                    leftFound = candidate;
                    return left;
                }
                if (BTreePage.isHalfDead(candidate)) {
                    target = left;
                }
                left = BTreePage.prev(candidate);
            } else if (BTreePage.isRightmost(candidate)) {
                return RESTART;
            } else {
                left = BTreePage.next(candidate);
            }
        }
    }

    /** Collects matches from {@code offset} to the page's end; true if the batch is done (matches found or past the bound). */
    private boolean scanForward(Page page, int offset) {
        for (int i = Math.max(offset, BTreePage.firstData(page)); i <= page.maxOffsetNumber(); i++) {
            if (collect(page, i)) {
                return true;
            }
        }
        return !batch.isEmpty();
    }

    private boolean scanBackward(Page page, int offset) {
        for (int i = Math.min(offset, page.maxOffsetNumber()); i >= BTreePage.firstData(page); i--) {
            if (collect(page, i)) {
                return true;
            }
        }
        return !batch.isEmpty();
    }

    /** Adds item {@code offset} to the batch if it matches; true (and the scan finished) once past the far bound. */
    private boolean collect(Page page, int offset) {
        KeyLayout.Tuple entry = layout.decode(page, offset);
        if (lastRead != null && (entry.minusInfinity() || Integer.signum(layout.compareEntries(entry.values(),
                entry.tid(), lastRead.values(), lastRead.tid())) != (backward ? -1 : 1))) {
            // entries out of order, or a sibling link leading back: never return an entry twice
            throw btree.corrupted(layout, currentBlock);
        }
        int beyond = backward ? -layout.compare(lower, entry) : layout.compare(upper, entry);
        if (beyond < 0) {
            finished = true;
            return true;
        }
        lastRead = entry;
        if (matches(entry.values())) {
            batch.addLast(new Hit(entry.tid(), entry.values()));
        }
        return false;
    }

    private boolean matches(Object[] values) {
        for (ScanKey key : keys) {
            Object value = values[key.column()];
            boolean ok = switch (key.strategy()) {
                case IS_NULL -> value == null;
                case IS_NOT_NULL -> value != null;
                default -> value != null && key.argument() != null && satisfies(key, value);
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private boolean satisfies(ScanKey key, Object value) {
        Comparator<Object> comparator = BuiltinTypes.comparator(layout.shape().columnTypeOids().get(key.column()));
        int order = comparator.compare(value, key.argument());
        return switch (key.strategy()) {
            case LESS -> order < 0;
            case LESS_EQUAL -> order <= 0;
            case EQUAL -> order == 0;
            case GREATER_EQUAL -> order >= 0;
            case GREATER -> order > 0;
            default -> false;
        };
    }
}
