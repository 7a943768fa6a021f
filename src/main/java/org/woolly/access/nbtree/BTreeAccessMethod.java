package org.woolly.access.nbtree;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongFunction;
import java.util.function.Predicate;
import org.woolly.access.common.Tid;
import org.woolly.access.transam.AccessMethodRegistry;
import org.woolly.access.transam.ResourceManager;
import org.woolly.access.transam.StorageModule;
import org.woolly.access.transam.Transaction;
import org.woolly.access.transam.TransactionManager;
import org.woolly.access.transam.Wal;
import org.woolly.access.transam.WalRecord;
import org.woolly.storage.buffer.Buffer;
import org.woolly.storage.buffer.BufferPool;
import org.woolly.storage.buffer.CriticalSection;
import org.woolly.storage.page.Page;
import org.woolly.storage.smgr.ForkNumber;
import org.woolly.storage.smgr.RelFileLocator;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * The B-tree access method: descent, insertion with page splits, the uniqueness check, and the
 * entry points of build and scan ({@code nbtree.c}, {@code nbtinsert.c}, {@code nbtsearch.c}).
 * Page format, WAL records and locking rules are in README.md. Thread-safe.
 */
public final class BTreeAccessMethod implements BTreeAccess {
    /** The B-tree plugged into storage: access method {@value BTreeAccess#NAME}, redo under {@code ResourceManagerIds.BTREE}. */
    public static final StorageModule MODULE = context -> {
        BTreeAccessMethod btree = new BTreeAccessMethod(context.bufferPool(), context.wal(), context.transactions());
        context.resourceManagers().register(btree.resourceManager());
        context.accessMethods().register(NAME, AccessMethodRegistry.Kind.INDEX, btree);
    };

    private final BufferPool bufferPool;
    private final Wal wal;
    private final TransactionManager transactions;
    private final BTreeRedo redo;
    /** Serializes the writers of one index (README "Locking"); readers never take it. */
    private final Map<RelFileLocator, ReentrantLock> writerLocks = new ConcurrentHashMap<>();
    private final Map<RelFileLocator, KeyLayout> layouts = new ConcurrentHashMap<>();
    private final Map<RelFileLocator, Long> knownSizes = new ConcurrentHashMap<>();
    /**
     * Deleted pages per index with their safe XIDs, found by VACUUM ({@code indexfsm.c}); kept in
     * memory only: after a restart the next VACUUM finds them again.
     */
    private final Map<RelFileLocator, ConcurrentSkipListMap<Integer, Long>> freePages = new ConcurrentHashMap<>();
    /**
     * The metapage's root and level per index ({@code rd_amcache}), forgotten when a split makes
     * a new root or a build writes a new metapage. A reader caches what it read only if no
     * metapage was written meanwhile ({@link #metaWrites}), so a stale root cannot stick.
     */
    private final Map<RelFileLocator, BTreePage.Meta> metaCache = new ConcurrentHashMap<>();
    private final AtomicLong metaWrites = new AtomicLong();

    public BTreeAccessMethod(BufferPool bufferPool, Wal wal, TransactionManager transactions) {
        this.bufferPool = bufferPool;
        this.wal = wal;
        this.transactions = transactions;
        this.redo = new BTreeRedo(bufferPool);
        bufferPool.addDropListener(relation -> {
            writerLocks.remove(relation);
            knownSizes.remove(relation);
            metaCache.remove(relation);
            freePages.remove(relation);
            layouts.remove(relation);
        });
    }

    /** The B-tree's redo, which recovery calls for every record with {@code ResourceManagerIds.BTREE}. */
    public ResourceManager resourceManager() {
        return redo;
    }

    /**
     * The index's key layout, cached by relfilenode: hashing the whole {@link IndexShape} (its
     * lists of types and options) on every scan was a visible share of a point query.
     */
    KeyLayout layout(IndexShape index) {
        KeyLayout layout = layouts.get(index.locator());
        if (layout != null && (layout.shape() == index || layout.shape().equals(index))) {
            return layout;
        }
        layout = new KeyLayout(index);
        layouts.put(index.locator(), layout);
        return layout;
    }

    /**
     * The writers' lock: inserts, builds and VACUUM of one index run one at a time. Scans do not
     * take it: they lock one page at a time and move right past concurrent splits (Lehman and
     * Yao, README "Locking").
     */
    private Lock writeLock(IndexShape index) {
        return writerLocks.computeIfAbsent(index.locator(), key -> new ReentrantLock());
    }

    BufferPool bufferPool() {
        return bufferPool;
    }

    Wal wal() {
        return wal;
    }

    @Override
    public void buildEmpty(IndexShape index, Transaction tx) {
        build(index, List.<IndexEntry>of().iterator(), null, tx);
    }

    @Override
    public long build(IndexShape index, Iterator<IndexEntry> entries, HeapProbe probe, Transaction tx) {
        Lock lock = writeLock(index);
        lock.lock();
        try {
            forgetMeta(index.locator());
            return new BTreeBuild(this, layout(index), tx.xid()).build(entries, probe);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void insert(IndexShape index, Object[] values, Tid heapTid, HeapProbe probe, Transaction tx) {
        org.woolly.storage.lmgr.SerializableXact sxact = tx == null ? null : tx.serializable();
        if (sxact != null) {
            // a SERIALIZABLE insert meets the SIREAD locks of the scans that read this index
            sxact.insertIntoIndex(index.locator().databaseOid(), index.locator().relNumber());
        }
        insertOrCheck(index, values, heapTid, probe, tx, UniqueCheck.YES);
    }

    @Override
    public boolean insertSpeculative(IndexShape index, Object[] values, Tid heapTid, HeapProbe probe,
                                     Transaction tx) {
        org.woolly.storage.lmgr.SerializableXact sxact = tx == null ? null : tx.serializable();
        if (sxact != null) {
            sxact.insertIntoIndex(index.locator().databaseOid(), index.locator().relNumber());
        }
        return insertOrCheck(index, values, heapTid, probe, tx, UniqueCheck.PARTIAL);
    }

    @Override
    public void checkUniqueExisting(IndexShape index, Object[] values, Tid heapTid, HeapProbe probe, Transaction tx) {
        insertOrCheck(index, values, heapTid, probe, tx, UniqueCheck.EXISTING);
    }

    /**
     * How an insert treats equal keys ({@code IndexUniqueCheck}): YES raises on a live one and
     * waits for one in progress; PARTIAL reports either as a conflict instead; EXISTING checks
     * as YES and inserts nothing.
     */
    private enum UniqueCheck { YES, PARTIAL, EXISTING }

    /** Returns false only for a PARTIAL check that found a potential conflict (nothing inserted). */
    private boolean insertOrCheck(IndexShape index, Object[] values, Tid heapTid, HeapProbe probe, Transaction tx,
                                  UniqueCheck mode) {
        KeyLayout layout = layout(index);
        if (values.length != index.columnTypeOids().size()) {
            throw new SqlException(SqlState.INTERNAL_ERROR, "index \"" + index.name() + "\" has "
                    + index.columnTypeOids().size() + " columns, got " + values.length + " values");
        }
        byte[] tuple = layout.encodeLeaf(values, heapTid);
        layout.checkSize(tuple);
        Object[] keys = Arrays.copyOf(values, index.keyColumns());
        boolean checkUnique = index.unique() && (index.nullsNotDistinct() || Arrays.stream(keys).allMatch(v -> v != null));
        while (true) {
            HeapProbe.RowState.InProgress waitFor = null;
            Lock lock = writeLock(index);
            lock.lock();
            try {
                KeyLayout.Target position = new KeyLayout.Target(keys, heapTid, 1);
                // a unique insert descends to the first page where the key could be and moves right from there
                Descent descent = descend(layout, checkUnique ? new KeyLayout.Target(keys, null, -1) : position, true);
                if (checkUnique) {
                    waitFor = checkUnique(layout, descent, keys, heapTid, probe, mode == UniqueCheck.PARTIAL);
                }
                if (waitFor != null && mode == UniqueCheck.PARTIAL) {
                    return false;
                }
                if (waitFor == null) {
                    if (mode != UniqueCheck.EXISTING) {
                        insertLocked(layout, descent, position, tuple, tx.xid());
                    }
                    return true;
                }
            } finally {
                lock.unlock();
            }
            // _bt_check_unique: never wait holding the index; check again once the other one ended
            // (or, for a speculative insertion, once it was confirmed or killed)
            if (waitFor.speculativeToken() != 0) {
                transactions.waitForSpeculativeInsertion(waitFor.xid(), waitFor.speculativeToken(), tx);
            } else {
                // _bt_doinsert's XactLockTableWait context; a deferred recheck is unique_key_recheck's
                String context = org.woolly.utils.error.WaitContext.tuple(mode == UniqueCheck.EXISTING
                        ? "checking uniqueness of tuple" : "inserting index tuple", index.name(), heapTid.block(),
                        heapTid.offset());
                transactions.waitForCompletion(waitFor.xid(), tx, context);
            }
        }
    }

    /** What a PARTIAL check reports for a live equal key: a conflict, as one in progress. */
    private static final HeapProbe.RowState.InProgress LIVE_CONFLICT = new HeapProbe.RowState.InProgress(0);

    /**
     * Looks at every entry with the same key ({@code _bt_check_unique}): a live one is a
     * duplicate (raised, or with {@code partial} reported as {@link #LIVE_CONFLICT}); returns
     * the row in progress to wait for if there is one, else null.
     */
    private HeapProbe.RowState.InProgress checkUnique(KeyLayout layout, Descent descent, Object[] keys, Tid heapTid,
                                                      HeapProbe probe, boolean partial) {
        KeyLayout.Target target = new KeyLayout.Target(keys, null, -1);
        int block = descent.block();
        Page page = descent.page();
        int offset = firstGreater(layout, page, target);
        HeapProbe.RowState.InProgress waitFor = null;
        for (long steps = 0; ; steps++) {
            checkSteps(layout, steps, block);
            for (; offset <= page.maxOffsetNumber(); offset++) {
                KeyLayout.Tuple entry = layout.decode(page, offset);
                if (layout.compareKeys(keys, entry.values(), keys.length) != 0) {
                    return waitFor;
                }
                if (entry.tid().equals(heapTid)) {
                    continue;
                }
                switch (probe.state(entry.tid())) {
                    case HeapProbe.RowState.Live live -> {
                        if (partial) {
                            return LIVE_CONFLICT;
                        }
                        throw probe.duplicate(keys);
                    }
                    case HeapProbe.RowState.InProgress running -> waitFor = running;
                    case HeapProbe.RowState.Dead dead -> { }
                }
            }
            if (BTreePage.isRightmost(page)) {
                return waitFor;
            }
            block = BTreePage.next(page);
            page = readPage(layout, block);
            offset = BTreePage.firstData(page);
        }
    }

    /** A leaf reached by a descent, with the internal pages passed on the way (root first). */
    record Descent(int block, Page page, List<Integer> parents) {}

    /**
     * Descends from the root to the leaf where {@code target} belongs ({@code _bt_search}),
     * moving right past pages whose high key is not above it ({@code _bt_moveright}). Internal
     * pages are searched in place under their buffer's share lock, as {@code _bt_binsrch} does,
     * and only the leaf is copied out; each item a search touches is checked as it is read
     * ({@link KeyLayout#decode(Page, int)}); for an insert ({@code keepParents}) the leaf is
     * checked whole.
     */
    Descent descend(KeyLayout layout, KeyLayout.Target target, boolean keepParents) {
        BTreePage.Meta meta = metaCache.get(layout.shape().locator());
        if (meta == null) {
            long writesBefore = metaWrites.get();
            meta = BTreePage.meta(readPage(layout, BTreePage.METAPAGE, true), layout.shape().name());
            metaCache.put(layout.shape().locator(), meta);
            if (metaWrites.get() != writesBefore) {
                // a new root was written while we read: ours may be the old one (still correct,
                // L&Y, but a level short), so do not keep it
                metaCache.remove(layout.shape().locator(), meta);
            }
        }
        List<Integer> parents = keepParents ? new ArrayList<>() : List.of();
        int block = meta.root();
        int expectedLevel = meta.level();
        for (long steps = 0; ; steps++) {
            checkSteps(layout, steps, block);
            Buffer buffer = lockedPage(layout, block, false);
            try {
                Page page = buffer.page();
                if (BTreePage.level(page) != expectedLevel) {
                    throw corrupted(layout, block);
                }
                if (mustMoveRight(layout, page, target)) {
                    block = BTreePage.next(page);
                    continue;
                }
                if (BTreePage.isLeaf(page)) {
                    Page copy = Page.wrap(Arrays.copyOf(page.data(), Page.SIZE));
                    if (keepParents) {
                        // an insert may rewrite every item of the leaf (a split): all are checked;
                        // a scan reads items only through decode, which checks each one
                        BTreePage.checkItems(copy, block, layout.shape().name());
                    }
                    return new Descent(block, copy, parents);
                }
                if (keepParents) {
                    parents.add(block);
                }
                int position = firstGreater(layout, page, target) - 1;
                if (position < BTreePage.firstData(page)) {
                    throw corrupted(layout, block);
                }
                block = layout.decode(page, position).child();
                expectedLevel--;
            } finally {
                bufferPool.unlockAndRelease(buffer);
            }
        }
    }

    /**
     * Whether a search for {@code target} continues on the right sibling ({@code _bt_moveright}):
     * the key is at or above the high key, or the page is half-dead or deleted.
     */
    static boolean mustMoveRight(KeyLayout layout, Page page, KeyLayout.Target target) {
        return !BTreePage.isRightmost(page)
                && (BTreePage.isIgnored(page) || layout.compare(target, layout.decode(page, 1)) >= 0);
    }

    /** Offset of the first item above {@code target} (max + 1 if none), by binary search ({@code _bt_binsrch}). */
    int firstGreater(KeyLayout layout, Page page, KeyLayout.Target target) {
        int low = BTreePage.firstData(page);
        int high = page.maxOffsetNumber() + 1;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (layout.compare(target, layout.decode(page, middle)) > 0) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    SqlException corrupted(KeyLayout layout, int block) {
        return new SqlException(SqlState.INDEX_CORRUPTED, String.format(
                "index \"%s\" contains corrupted page at block %d", layout.shape().name(), block))
                .withHint("Please REINDEX it.");
    }

    /** A private copy of a page, read under its share lock and checked. */
    Page readPage(KeyLayout layout, int block) {
        return readPage(layout, block, false);
    }

    /**
     * The index's size as last seen: pages are only added while it is in use, so a block below
     * it exists; a block or link at or above it makes {@link #refreshedSize} look again. Saves
     * a file-size call per page read.
     */
    long knownSize(IndexShape index) {
        long size = knownSizes.getOrDefault(index.locator(), 0L);
        return size != 0 ? size : refreshedSize(index);
    }

    long refreshedSize(IndexShape index) {
        long size = pageCount(index);
        knownSizes.put(index.locator(), size);
        return size;
    }

    /** A walk of more steps than the index has pages is going round in circles: the index is corrupt. */
    void checkSteps(KeyLayout layout, long steps, int block) {
        if (steps > knownSize(layout.shape()) && steps > refreshedSize(layout.shape())) {
            throw corrupted(layout, block);
        }
    }

    /** A copy of {@code block}, checked whole ({@code _bt_checkpage} and every line pointer). */
    Page readPage(KeyLayout layout, int block, boolean meta) {
        Buffer buffer = lockedPage(layout, block, meta);
        byte[] copy;
        try {
            copy = Arrays.copyOf(buffer.data(), Page.SIZE);
        } finally {
            bufferPool.unlockAndRelease(buffer);
        }
        Page page = Page.wrap(copy);
        BTreePage.checkItems(page, block, layout.shape().name());
        return page;
    }

    /**
     * {@code block} pinned and share-locked, its header checked ({@code _bt_getbuf} and
     * {@code _bt_checkpage}); the caller releases it with {@code unlockAndRelease}.
     */
    private Buffer lockedPage(KeyLayout layout, int block, boolean meta) {
        long blockCount = knownSize(layout.shape());
        if (Integer.toUnsignedLong(block) >= blockCount) {
            blockCount = refreshedSize(layout.shape());
        }
        if (Integer.toUnsignedLong(block) >= blockCount || (!meta && block == BTreePage.METAPAGE)) {
            throw corrupted(layout, block);
        }
        Buffer buffer = bufferPool.read(layout.shape().locator(), block);
        buffer.lockShared();
        try {
            Page page = buffer.page();
            if (!BTreePage.isSane(page, blockCount)) {
                blockCount = refreshedSize(layout.shape());
            }
            BTreePage.check(page, block, layout.shape().name(), blockCount);
            return buffer;
        } catch (RuntimeException e) {
            bufferPool.unlockAndRelease(buffer);
            throw e;
        }
    }

    /**
     * Inserts under the index's writer lock ({@code _bt_doinsert}): into the leaf if it fits (a
     * compact INSERT_LEAF record), else by splitting pages up the tree (one SPLIT record).
     */
    private void insertLocked(KeyLayout layout, Descent found, KeyLayout.Target target, byte[] tuple, long xid) {
        int block = found.block();
        Page page = found.page();
        for (long steps = 0; mustMoveRight(layout, page, target); steps++) {
            checkSteps(layout, steps, block);
            block = BTreePage.next(page);
            page = readPage(layout, block);
        }
        Descent descent = new Descent(block, page, found.parents());
        int offset = firstGreater(layout, page, target);
        if (BTreePage.hasRoomFor(descent.page(), tuple.length)) {
            writeLeafInsert(layout.shape().locator(), descent.block(), offset, tuple, xid);
            return;
        }
        new BTreeSplit(this, layout, xid).insert(descent, offset, tuple);
    }

    private void writeLeafInsert(RelFileLocator relation, int block, int offset, byte[] tuple, long xid) {
        Buffer buffer = bufferPool.read(relation, block);
        buffer.lockExclusive();
        try {
            Page page = buffer.page();
            if (!BTreePage.hasRoomFor(page, tuple.length)) {
                throw new SqlException(SqlState.INTERNAL_ERROR, "B-tree leaf changed under the writer lock");
            }
            long lsnBefore = page.lsn();
            CriticalSection.run(bufferPool.panicState(), "btree insert", () -> {
                BTreePage.insertItem(page, offset, tuple);
                page.setLsn(logChange(redoPointer -> BTreeWalRecords.insertLeaf(relation, xid, block, offset, tuple,
                        wal.needsFullPageImage(lsnBefore, redoPointer) ? Arrays.copyOf(page.data(), Page.SIZE)
                                : null)));
                bufferPool.markDirty(buffer);
            });
        } finally {
            bufferPool.unlockAndRelease(buffer);
        }
    }

    private void forgetMeta(RelFileLocator relation) {
        metaWrites.incrementAndGet();
        metaCache.remove(relation);
    }

    /**
     * Writes whole new page images into their (pinned) buffers and logs them in one record of
     * full-page images, all inside one critical section: what a split or a build logs.
     */
    void writePages(int info, RelFileLocator relation, long xid, LinkedHashMap<Integer, Page> images,
                    Map<Integer, Buffer> buffers) {
        List<Integer> blocks = new ArrayList<>(images.keySet());
        List<byte[]> pages = new ArrayList<>();
        for (Page page : images.values()) {
            pages.add(page.data());
        }
        CriticalSection.run(bufferPool.panicState(), "btree page write", () -> {
            for (int block : blocks) {
                System.arraycopy(images.get(block).data(), 0, buffers.get(block).data(), 0, Page.SIZE);
            }
            long lsn = wal.insert(BTreeWalRecords.pages(info, relation, xid, blocks, pages));
            for (int block : blocks) {
                buffers.get(block).page().setLsn(lsn);
                bufferPool.markDirty(buffers.get(block));
            }
        });
        if (images.containsKey(BTreePage.METAPAGE)) {
            // after the write: a reader that read the old metapage sees the count change
            forgetMeta(relation);
        }
    }

    /**
     * Inserts the WAL record for a page change inside the caller's critical section, building
     * it again if a checkpoint moved the redo pointer meanwhile (its full-page-image choice).
     */
    private long logChange(LongFunction<WalRecord> recordForRedoPointer) {
        while (true) {
            long redoPointer = wal.redoPointer();
            long lsn = wal.insert(recordForRedoPointer.apply(redoPointer), redoPointer);
            if (lsn != Wal.RETRY) {
                return lsn;
            }
        }
    }

    @Override
    public long bulkDelete(IndexShape index, Predicate<Tid> dead) {
        Lock lock = writeLock(index);
        lock.lock();
        try {
            return new BTreeVacuum(this, layout(index)).run(dead);
        } finally {
            lock.unlock();
        }
    }

    /** Offers a deleted page for reuse once {@code safeXid} is behind the xmin horizon ({@code RecordFreeIndexPage}). */
    void recordFreePage(RelFileLocator relation, int block, long safeXid) {
        freePages.computeIfAbsent(relation, key -> new ConcurrentSkipListMap<>()).put(block, safeXid);
    }

    /**
     * A deleted page no transaction can still be travelling to, pinned and exclusively locked,
     * or null ({@code _bt_getbuf} with {@code GetFreeIndexPage} and {@code BTPageIsRecyclable}):
     * its safe XID precedes the xmin horizon. Called under the index's writer lock.
     */
    Buffer reusablePage(RelFileLocator relation) {
        Map<Integer, Long> free = freePages.get(relation);
        if (free == null) {
            return null;
        }
        long horizon = transactions.oldestXmin();
        for (Iterator<Map.Entry<Integer, Long>> candidates = free.entrySet().iterator(); candidates.hasNext(); ) {
            Map.Entry<Integer, Long> candidate = candidates.next();
            if (horizon == 0 || Long.compareUnsigned(candidate.getValue(), horizon) >= 0) {
                continue;
            }
            candidates.remove();
            Buffer buffer = bufferPool.read(relation, candidate.getKey());
            buffer.lockExclusive();
            if (BTreePage.isDeleted(buffer.page())) {
                return buffer;
            }
            bufferPool.unlockAndRelease(buffer);
        }
        return null;
    }

    TransactionManager transactions() {
        return transactions;
    }

    @Override
    public IndexScan beginScan(IndexShape index, List<ScanKey> keys, boolean backward) {
        return new BTreeScan(this, layout(index), keys, backward);
    }

    @Override
    public long pageCount(IndexShape index) {
        return Integer.toUnsignedLong(bufferPool.blockCount(index.locator(), ForkNumber.MAIN));
    }
}
