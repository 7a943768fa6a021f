package org.woolly.access.heap;

import java.util.Arrays;

import org.woolly.storage.buffer.Buffer;
import org.woolly.storage.buffer.CriticalSection;
import org.woolly.storage.page.Page;
import org.woolly.storage.smgr.RelFileLocator;

/**
 * Page pruning and VACUUM's page work ({@code pruneheap.c} and {@code lazy_vacuum_heap_page} in
 * {@code vacuumlazy.c}). Pruning turns every tuple dead to all snapshots
 * ({@link HeapVisibility#satisfiesVacuum} DEAD) into an LP_DEAD line pointer without storage and
 * compacts the page; the line pointer stays (index entries may still point at it) until VACUUM
 * has removed those index entries and marks it LP_UNUSED. Both changes are one WAL record
 * (PRUNE, VACUUM) whose redo repeats {@link #apply}. The caller holds the page exclusively
 * locked: readers copy what they need under a share lock and keep no position in the page, so
 * the exclusive lock is the cleanup lock here.
 */
final class HeapPruner {
    /** Prune opportunistically when less than this is free ({@code BLCKSZ / 10}, fillfactor 100). */
    static final int MINIMUM_FREE = Page.SIZE / 10;
    /** Relations below this relfilenode number are system catalogs, which the catalog cache reads by TID. */
    static final int FIRST_USER_RELATION = 16384;

    private final HeapAccessMethod heap;
    /** Dead tuples opportunistic pruning removed, per relation, not yet taken by a reader. */
    private final java.util.concurrent.ConcurrentHashMap<RelFileLocator, java.util.concurrent.atomic.LongAdder> pruned =
            new java.util.concurrent.ConcurrentHashMap<>();

    HeapPruner(HeapAccessMethod heap) {
        this.heap = heap;
    }

    /** What pruning one page found: the counts VACUUM reports and the LP_DEAD line pointers now on it. */
    record Outcome(int pruned, int live, int recentlyDead, int[] deadLinePointers, int reclaimed) {
        Outcome(int pruned, int live, int recentlyDead, int[] deadLinePointers) {
            this(pruned, live, recentlyDead, deadLinePointers, 0);
        }
    }

    /** {@link HeapAccess#takePrunedTuples}. */
    long takePruned(RelFileLocator relation) {
        java.util.concurrent.atomic.LongAdder count = pruned.get(relation);
        return count == null ? 0 : count.sumThenReset();
    }

    /** Notes that a tuple on the page was deleted or updated by {@code xid} ({@code PageSetPrunable}). */
    static void markPrunable(Page page, long xid) {
        long current = page.pruneXid();
        if (current == 0 || xid < current) {
            page.setPruneXid(xid);
        }
    }

    /** Whether pruning may touch the relation: user tables only (see the package README). */
    static boolean prunable(RelFileLocator relation) {
        return relation.relNumber() >= FIRST_USER_RELATION;
    }

    /**
     * {@code heap_page_prune_opt}: for a pinned, unlocked buffer about to be read, prunes the
     * page if it has a deleted tuple older than the horizon and is nearly full. The header is
     * peeked at without a lock (a hint) and checked again under the exclusive lock.
     */
    void pruneOpportunistically(RelFileLocator relation, Buffer buffer) {
        if (!prunable(relation)) {
            return;
        }
        Page page = buffer.page();
        long pruneXid = page.pruneXid();
        if (pruneXid == 0 || page.isNew() || page.freeSpace() >= MINIMUM_FREE) {
            return;
        }
        long horizon = heap.transactions().oldestXmin();
        if (pruneXid >= horizon) {
            return;
        }
        buffer.lockExclusive();
        try {
            if (!page.isNew() && page.pruneXid() != 0 && page.pruneXid() < horizon
                    && page.freeSpace() < MINIMUM_FREE) {
                Outcome outcome = prune(relation, buffer, horizon);
                if (outcome.reclaimed() > 0) {
                    pruned.computeIfAbsent(relation, r -> new java.util.concurrent.atomic.LongAdder())
                            .add(outcome.reclaimed());
                }
            }
        } finally {
            buffer.unlock();
        }
    }

    /**
     * {@code heap_page_prune}: on an exclusively locked page, makes every tuple dead below
     * {@code horizon} an LP_DEAD line pointer, compacts the page, sets its prune XID to the
     * oldest deleter still to wait for, and WAL-logs it (PRUNE).
     */
    Outcome prune(RelFileLocator relation, Buffer buffer, long horizon) {
        Page page = buffer.page();
        if (page.isNew()) {
            return new Outcome(0, 0, 0, new int[0]);
        }
        byte[] data = page.data();
        int max = page.maxOffsetNumber();
        HeapVisibility.VacuumState[] states = new HeapVisibility.VacuumState[max + 1];
        int live = 0;
        int recentlyDead = 0;
        long newPruneXid = 0;
        boolean hinted = false;
        for (int offset = 1; offset <= max; offset++) {
            if (page.itemFlags(offset) != Page.LP_NORMAL) {
                continue;
            }
            int position = page.itemOffset(offset);
            int before = HeapTupleHeader.infomask(data, position);
            HeapVisibility.VacuumState state = heap.visibility().satisfiesVacuum(data, position, horizon);
            hinted |= HeapTupleHeader.infomask(data, position) != before;
            states[offset] = state;
            switch (state) {
                case RECENTLY_DEAD, DELETE_IN_PROGRESS -> {
                    long xmax = HeapTupleHeader.xmax(data, position);
                    newPruneXid = newPruneXid == 0 ? xmax : Math.min(newPruneXid, xmax);
                    if (state == HeapVisibility.VacuumState.RECENTLY_DEAD) {
                        recentlyDead++;
                    } else {
                        live++;
                    }
                }
                case LIVE, INSERT_IN_PROGRESS -> live++;
                case DEAD -> { }
            }
        }
        ChangeList changes = new ChangeList();
        boolean[] reached = new boolean[max + 1];
        for (int root = 1; root <= max; root++) {
            int flags = page.itemFlags(root);
            boolean isRoot = flags == Page.LP_REDIRECT || (flags == Page.LP_NORMAL && !heapOnly(page, root));
            if (isRoot) {
                pruneChain(page, root, states, reached, changes);
            }
        }
        int pruned = changes.dead.size() + changes.unused.size() + changes.redirectedTuples;
        for (int offset = 1; offset <= max; offset++) {
            // a heap-only tuple no chain reaches is left over from an aborted update: nothing points at it
            if (!reached[offset] && states[offset] == HeapVisibility.VacuumState.DEAD && heapOnly(page, offset)) {
                changes.unused.add(offset);
                pruned++;
            }
        }
        if (changes.isEmpty()) {
            if (page.pruneXid() != newPruneXid) {
                page.setPruneXid(newPruneXid);
                hinted = true;
            }
            if (hinted) {
                heap.bufferPool().markDirtyHint(buffer);
            }
            return new Outcome(0, live, recentlyDead, deadLinePointers(page));
        }
        HeapWalRecords.PruneData change = new HeapWalRecords.PruneData(newPruneXid, changes.redirectArray(),
                changes.dead.stream().mapToInt(Integer::intValue).sorted().toArray(),
                changes.unused.stream().mapToInt(Integer::intValue).sorted().toArray());
        log(relation, buffer, HeapWalRecords.PRUNE, change, "heap prune");
        // what pgstat_update_heap_dead_tuples gets: tuples removed, not the new LP_DEAD items
        int reclaimed = changes.unused.size() + changes.redirectedTuples;
        return new Outcome(pruned, live, recentlyDead, deadLinePointers(page), reclaimed);
    }

    /** The line pointer changes one prune makes. */
    private static final class ChangeList {
        final java.util.List<Integer> redirects = new java.util.ArrayList<>();
        final java.util.Set<Integer> dead = new java.util.TreeSet<>();
        final java.util.Set<Integer> unused = new java.util.TreeSet<>();
        /** Roots that were tuples and became redirects: removed tuples too. */
        int redirectedTuples;

        boolean isEmpty() {
            return redirects.isEmpty() && dead.isEmpty() && unused.isEmpty();
        }

        int[] redirectArray() {
            return redirects.stream().mapToInt(Integer::intValue).toArray();
        }
    }

    private static boolean heapOnly(Page page, int offset) {
        return page.itemFlags(offset) == Page.LP_NORMAL
                && (HeapTupleHeader.infomask(page.data(), page.itemOffset(offset)) & HeapTupleHeader.HEAP_ONLY) != 0;
    }

    /**
     * {@code heap_prune_chain}: walks the HOT chain from {@code root} through DEAD and
     * RECENTLY_DEAD members up to the first live one; every member up to the last DEAD one goes
     * (heap-only members become unused), and the root then redirects to the first member kept,
     * or becomes LP_DEAD when none is left.
     */
    private static void pruneChain(Page page, int root, HeapVisibility.VacuumState[] states, boolean[] reached,
                                   ChangeList changes) {
        java.util.List<Integer> chain = new java.util.ArrayList<>();
        int[] latestDead = {-1};
        HeapAccessMethod.walkChain(page, root, offset -> {
            reached[offset] = true;
            chain.add(offset);
            HeapVisibility.VacuumState state = states[offset];
            if (state == HeapVisibility.VacuumState.DEAD) {
                latestDead[0] = chain.size() - 1;
                return HeapAccessMethod.CHAIN_NEXT;
            }
            return state == HeapVisibility.VacuumState.RECENTLY_DEAD ? HeapAccessMethod.CHAIN_NEXT
                    : HeapAccessMethod.CHAIN_STOP;
        });
        if (latestDead[0] < 0) {
            return;
        }
        boolean rootIsTuple = page.itemFlags(root) == Page.LP_NORMAL;
        // chain holds the tuples; a REDIRECT root is not in it
        for (int i = rootIsTuple ? 1 : 0; i <= latestDead[0]; i++) {
            changes.unused.add(chain.get(i));
        }
        if (latestDead[0] + 1 < chain.size()) {
            if (rootIsTuple) {
                changes.redirectedTuples++;
            }
            changes.redirects.add(root);
            changes.redirects.add(chain.get(latestDead[0] + 1));
        } else {
            changes.dead.add(root);
        }
    }

    /** The LP_DEAD line pointers of the page, ascending. */
    private static int[] deadLinePointers(Page page) {
        int max = page.maxOffsetNumber();
        int[] dead = new int[max];
        int count = 0;
        for (int offset = 1; offset <= max; offset++) {
            if (page.itemFlags(offset) == Page.LP_DEAD) {
                dead[count++] = offset;
            }
        }
        return Arrays.copyOf(dead, count);
    }

    /**
     * VACUUM's second pass on one page ({@code lazy_vacuum_heap_page}): the given LP_DEAD line
     * pointers, whose index entries are gone, become LP_UNUSED and trailing unused line
     * pointers are dropped; WAL-logged (VACUUM). Returns the page's free space afterwards.
     */
    int markUnused(RelFileLocator relation, Buffer buffer, int[] offsets) {
        Page page = buffer.page();
        int max = page.maxOffsetNumber();
        int[] unused = Arrays.stream(offsets)
                .filter(offset -> offset <= max && page.itemFlags(offset) == Page.LP_DEAD).toArray();
        if (unused.length > 0) {
            log(relation, buffer, HeapWalRecords.VACUUM,
                    new HeapWalRecords.PruneData(page.pruneXid(), new int[0], new int[0], unused), "heap vacuum");
        }
        return page.freeSpace();
    }

    private void log(RelFileLocator relation, Buffer buffer, int info, HeapWalRecords.PruneData change, String what) {
        Page page = buffer.page();
        long lsnBefore = page.lsn();
        byte[] mainData = change.encode();
        int block = buffer.blockNumber();
        CriticalSection.run(heap.bufferPool().panicState(), what, () -> {
            apply(page, change, info == HeapWalRecords.VACUUM);
            page.setLsn(heap.logChange(redo -> HeapWalRecords.record(info, 0, mainData,
                    HeapWalRecords.block(relation, block, false,
                            heap.wal().needsFullPageImage(lsnBefore, redo) ? HeapAccessMethod.pageImage(page) : null,
                            new byte[0]))));
            heap.bufferPool().markDirty(buffer);
        });
        heap.recordFreeSpace(relation, block, page.freeSpace());
    }

    /** Applies a PRUNE or VACUUM change to a page (the change itself and its redo). */
    static void apply(Page page, HeapWalRecords.PruneData change, boolean truncate) {
        if (page.isNew()) {
            // redo of a page whose relation was later truncated or dropped: nothing left to prune
            return;
        }
        int[] redirects = change.redirects();
        for (int i = 0; i < redirects.length; i += 2) {
            page.setLinePointer(redirects[i], redirects[i + 1], Page.LP_REDIRECT, 0);
        }
        for (int offset : change.dead()) {
            page.setLinePointer(offset, 0, Page.LP_DEAD, 0);
        }
        for (int offset : change.unused()) {
            page.setLinePointer(offset, 0, Page.LP_UNUSED, 0);
        }
        page.repairFragmentation();
        if (truncate) {
            page.truncateUnusedLinePointers();
        }
        page.setPruneXid(change.pruneXid());
    }
}
