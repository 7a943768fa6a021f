package org.woolly.access.heap;

import org.woolly.access.common.Tid;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongFunction;

import org.woolly.access.transam.AccessMethodRegistry;
import org.woolly.access.transam.ResourceManager;
import org.woolly.access.transam.Snapshot;
import org.woolly.access.transam.StorageModule;
import org.woolly.access.transam.Transaction;
import org.woolly.access.transam.TransactionManager;
import org.woolly.access.transam.TransactionRecords;
import org.woolly.access.transam.Wal;
import org.woolly.access.transam.WalRecord;
import org.woolly.access.transam.XidStatus;
import org.woolly.storage.buffer.Buffer;
import org.woolly.storage.buffer.BufferPool;
import org.woolly.storage.buffer.CriticalSection;
import org.woolly.storage.freespace.FreeSpaceMap;
import org.woolly.storage.page.Page;
import org.woolly.storage.smgr.ForkNumber;
import org.woolly.storage.lmgr.LockTag;
import org.woolly.storage.smgr.RelFileLocator;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.WaitContext;
import org.woolly.utils.error.SqlState;

/**
 * The heap access method: insert, delete, update, fetch and scans over slotted pages, with
 * MVCC visibility and WAL logging. Counterpart of {@code src/backend/access/heap/heapam.c} and
 * {@code hio.c}; tuple layout, WAL records and locking rules are in README.md. Thread-safe.
 */
public final class HeapAccessMethod implements HeapAccess {
    /**
     * The heap plugged into storage at start-up: registered as the table access method
     * {@value HeapAccess#NAME} with its redo under {@code ResourceManagerIds.HEAP}.
     */
    public static final StorageModule MODULE = context -> {
        HeapAccessMethod heap = new HeapAccessMethod(context.bufferPool(), context.wal(), context.transactions());
        context.resourceManagers().register(heap.resourceManager());
        context.accessMethods().register(NAME, AccessMethodRegistry.Kind.TABLE, heap);
    };

    private final BufferPool bufferPool;
    private final Wal wal;
    private final TransactionManager transactions;
    private final FreeSpaceMap freeSpace = new FreeSpaceMap();
    private final ComboCommandIds combos;
    private final HeapVisibility visibility;
    private final HeapLockers lockers;
    private final HeapRedo redo;
    private final HeapPruner pruner;
    private final VisibilityMap visibilityMap;
    private final SpeculativeInsertions speculative;
    private final KnownBlockCounts knownBlockCounts;

    public HeapAccessMethod(BufferPool bufferPool, Wal wal, TransactionManager transactions) {
        this.bufferPool = bufferPool;
        this.wal = wal;
        this.transactions = transactions;
        this.combos = new ComboCommandIds(transactions);
        this.visibility = new HeapVisibility(transactions, combos);
        this.lockers = new HeapLockers(transactions);
        this.visibilityMap = new VisibilityMap(bufferPool);
        this.redo = new HeapRedo(bufferPool, visibilityMap);
        this.pruner = new HeapPruner(this);
        this.speculative = new SpeculativeInsertions(this, bufferPool, wal);
        bufferPool.addDropListener(freeSpace::forget);
        this.knownBlockCounts = new KnownBlockCounts(bufferPool);
    }

    /** The heap's redo, which recovery calls for every record with {@code ResourceManagerIds.HEAP}. */
    public ResourceManager resourceManager() {
        return redo;
    }

    /** The free space map, so DDL can forget a dropped or truncated relation. */
    public FreeSpaceMap freeSpaceMap() {
        return freeSpace;
    }

    BufferPool bufferPool() {
        return bufferPool;
    }

    HeapVisibility visibility() {
        return visibility;
    }

    Wal wal() {
        return wal;
    }

    TransactionManager transactions() {
        return transactions;
    }

    HeapPruner pruner() {
        return pruner;
    }

    /**
     * A SERIALIZABLE insert checks the SIREAD locks on the relation ({@code CheckForSerializableConflictIn}
     * with no tuple in {@code heap_insert}): the new tuple is invisible to every concurrent reader.
     */
    private static void checkSerializableInsert(RelFileLocator relation, Transaction tx) {
        org.woolly.storage.lmgr.SerializableXact sxact = tx.serializable();
        if (sxact != null) {
            sxact.insertTuple(relation.databaseOid(), relation.relNumber());
        }
    }

    /**
     * A SERIALIZABLE update or delete checks the SIREAD locks on the old tuple, its page and its
     * relation before changing it ({@code CheckForSerializableConflictIn} in {@code heap_update},
     * {@code heap_delete}); the new version of an update is an insert besides.
     */
    private static void checkSerializableWrite(RelFileLocator relation, Tid tid, Transaction tx) {
        org.woolly.storage.lmgr.SerializableXact sxact = tx.serializable();
        if (sxact != null) {
            sxact.writeTuple(relation.databaseOid(), relation.relNumber(), tid.block(), tid.offset());
        }
    }

    @Override
    public Tid insert(RelFileLocator relation, byte[] body, Transaction tx, int fillFactor) {
        return insert(relation, body, tx, fillFactor, 0);
    }

    @Override
    public Tid insertSpeculative(RelFileLocator relation, byte[] body, Transaction tx, int fillFactor, int token) {
        if (token == 0) {
            throw new IllegalArgumentException("a speculative token is never 0");
        }
        return insert(relation, body, tx, fillFactor, token);
    }

    @Override
    public void finishSpeculative(RelFileLocator relation, Tid tid, Transaction tx) {
        speculative.finish(relation, tid, tx);
    }

    @Override
    public void abortSpeculative(RelFileLocator relation, Tid tid, Transaction tx) {
        speculative.abort(relation, tid, tx);
    }

    /** {@code heap_insert}; a {@code speculativeToken} other than 0 makes it a speculative insertion. */
    private Tid insert(RelFileLocator relation, byte[] body, Transaction tx, int fillFactor, int speculativeToken) {
        checkSerializableInsert(relation, tx);
        long xid = tx.assignCurrentXid();
        int tupleLength = HeapTupleHeader.SIZE + body.length;
        checkTupleSize(tupleLength);
        byte[] tuple = HeapTupleHeader.build(xid, tx.commandId(), new Tid(0, 0), 0, body);
        Buffer buffer = bufferForTuple(relation, Page.maxAlign(tupleLength) + reservedSpace(fillFactor),
                FreeSpaceMap.INVALID_BLOCK);
        try {
            Page page = buffer.page();
            int block = buffer.blockNumber();
            boolean initialize = page.isNew();
            long lsnBefore = page.lsn();
            Buffer mapBuffer = mapPageToClear(relation, block, page, initialize);
            Tid tid = CriticalSection.run(bufferPool.panicState(), "heap insert", () -> {
                if (initialize) {
                    page.initialize(0);
                }
                clearAllVisible(page, mapBuffer, block);
                int offset = addTuple(page, tuple);
                Tid placed = new Tid(block, offset);
                Tid ctid = speculativeToken == 0 ? placed
                        : new Tid(speculativeToken, HeapTupleHeader.SPECULATIVE_TOKEN_OFFSET);
                HeapTupleHeader.setCtid(tuple, 0, ctid);
                HeapTupleHeader.setCtid(page.data(), page.itemOffset(offset), ctid);
                byte[] insertData = new HeapWalRecords.InsertData(offset,
                        (initialize ? HeapWalRecords.FLAG_INIT_PAGE : 0)
                                | (speculativeToken == 0 ? 0 : HeapWalRecords.FLAG_SPECULATIVE)).encode();
                page.setLsn(logChange(redo -> HeapWalRecords.record(HeapWalRecords.INSERT, xid, insertData,
                        HeapWalRecords.block(relation, block, initialize,
                                !initialize && wal.needsFullPageImage(lsnBefore, redo) ? pageImage(page) : null,
                                tuple))));
                bufferPool.markDirty(buffer);
                return placed;
            });
            releaseMap(mapBuffer);
            freeSpace.recordPageWithFreeSpace(relation, block, page.freeSpace());
            return tid;
        } finally {
            bufferPool.unlockAndRelease(buffer);
        }
    }

    @Override
    public Tid[] insertBatch(RelFileLocator relation, List<byte[]> bodies, Transaction tx, int fillFactor) {
        return insertBatch(relation, bodies, tx, fillFactor, false);
    }

    @Override
    public Tid[] insertBatch(RelFileLocator relation, List<byte[]> bodies, Transaction tx, int fillFactor,
                             boolean frozen) {
        checkSerializableInsert(relation, tx);
        long xid = tx.assignCurrentXid();
        int commandId = tx.commandId();
        // COPY FREEZE (HEAP_INSERT_FROZEN): the table's file is this transaction's own, so nobody
        // else can see the rows before it commits, and if it aborts the file goes with them
        long xmin = frozen ? HeapFreezer.FROZEN_XID : xid;
        int infomask = frozen ? HeapTupleHeader.XMIN_COMMITTED : 0;
        byte[][] tuples = new byte[bodies.size()][];
        for (int i = 0; i < tuples.length; i++) {
            byte[] body = bodies.get(i);
            checkTupleSize(HeapTupleHeader.SIZE + body.length);
            tuples[i] = HeapTupleHeader.build(xmin, commandId, new Tid(0, 0), infomask, body);
        }
        Tid[] tids = new Tid[tuples.length];
        int next = 0;
        while (next < tuples.length) {
            next = fillPage(relation, tuples, next, tids, xid, reservedSpace(fillFactor), frozen);
        }
        return tids;
    }

    /**
     * Puts tuples from {@code first} on into one page while they fit (at least one: the page is
     * chosen with room for it), logged as one MULTI_INSERT record ({@code heap_multi_insert}'s
     * loop body). Returns the index of the first tuple left over.
     */
    private int fillPage(RelFileLocator relation, byte[][] tuples, int first, Tid[] tids, long xid, int reserved,
                         boolean frozen) {
        Buffer buffer = bufferForTuple(relation, Page.maxAlign(tuples[first].length) + reserved,
                FreeSpaceMap.INVALID_BLOCK);
        try {
            Page page = buffer.page();
            int block = buffer.blockNumber();
            boolean initialize = page.isNew();
            long lsnBefore = page.lsn();
            Buffer mapBuffer = mapPageToClear(relation, block, page, initialize);
            int end = CriticalSection.run(bufferPool.panicState(), "heap multi insert", () -> {
                if (initialize) {
                    page.initialize(0);
                }
                clearAllVisible(page, mapBuffer, block);
                List<byte[]> placed = new ArrayList<>();
                int i = first;
                while (i < tuples.length
                        && (i == first || page.freeSpace() >= Page.maxAlign(tuples[i].length) + reserved)) {
                    byte[] tuple = tuples[i];
                    int offset = addTuple(page, tuple);
                    Tid tid = new Tid(block, offset);
                    HeapTupleHeader.setCtid(tuple, 0, tid);
                    HeapTupleHeader.setCtid(page.data(), page.itemOffset(offset), tid);
                    tids[i] = tid;
                    placed.add(tuple);
                    i++;
                }
                int[] offsets = new int[placed.size()];
                for (int k = 0; k < offsets.length; k++) {
                    offsets[k] = tids[first + k].offset();
                }
                byte[] mainData = new HeapWalRecords.MultiInsertData(initialize ? HeapWalRecords.FLAG_INIT_PAGE : 0,
                        offsets).encode();
                byte[] blockData = HeapWalRecords.MultiInsertData.tupleData(placed);
                page.setLsn(logChange(redo -> HeapWalRecords.record(HeapWalRecords.MULTI_INSERT, xid, mainData,
                        HeapWalRecords.block(relation, block, initialize,
                                !initialize && wal.needsFullPageImage(lsnBefore, redo) ? pageImage(page) : null,
                                blockData))));
                bufferPool.markDirty(buffer);
                return i;
            });
            releaseMap(mapBuffer);
            if (frozen && end < tuples.length) {
                // a page COPY FREEZE filled holds frozen rows only: all-visible and all-frozen at once
                // (PostgreSQL 14's all_frozen_set), so a later VACUUM skips it
                markAllVisibleIfSo(relation, buffer, transactions.oldestXmin());
            }
            freeSpace.recordPageWithFreeSpace(relation, block, page.freeSpace());
            return end;
        } finally {
            bufferPool.unlockAndRelease(buffer);
        }
    }

    @Override
    public ModifyResult delete(RelFileLocator relation, Tid tid, Transaction tx, Snapshot snapshot) {
        checkSerializableWrite(relation, tid, tx);
        long xid = tx.assignCurrentXid();
        int commandId = tx.commandId();
        boolean tupleLocked = false;
        while (true) {
            Buffer buffer = bufferPool.read(relation, tid.block());
            buffer.lockExclusive();
            long waitFor;
            try {
                Page page = buffer.page();
                int position = tuplePosition(page, tid, "delete");
                HeapVisibility.UpdateCheck check = checkForWrite(page.data(), position, tx, commandId, tupleLocked);
                switch (check) {
                    case OK -> {
                        long lsnBefore = page.lsn();
                        XmaxStamp stamp = prepareXmax(page.data(), position, xid, commandId, false, true, tx);
                        byte[] deleteData = new HeapWalRecords.DeleteData(tid.offset(), xid, stamp.commandField(),
                                stamp.infomask()).encode();
                        Buffer mapBuffer = mapPageToClear(relation, tid.block(), page, false);
                        CriticalSection.run(bufferPool.panicState(), "heap delete", () -> {
                            stampXmax(page.data(), position, stamp, tid);
                            clearAllVisible(page, mapBuffer, tid.block());
                            HeapPruner.markPrunable(page, xid);
                            page.setLsn(logChange(redo -> HeapWalRecords.record(HeapWalRecords.DELETE, xid,
                                    deleteData, HeapWalRecords.block(relation, tid.block(), false,
                                            wal.needsFullPageImage(lsnBefore, redo) ? pageImage(page) : null,
                                            new byte[0]))));
                            bufferPool.markDirty(buffer);
                        });
                        releaseMap(mapBuffer);
                        return new ModifyResult(ModifyResult.Status.OK, null);
                    }
                    case BEING_MODIFIED -> waitFor = HeapTupleHeader.xmax(page.data(), position);
                    case LOCKED -> waitFor = 0;
                    default -> {
                        bufferPool.markDirtyHint(buffer);
                        return concurrentResult(check, page.data(), position, "delete");
                    }
                }
            } finally {
                bufferPool.unlockAndRelease(buffer);
            }
            // rule 3: never wait while holding the page; the loop re-checks under the lock afterwards
            if (waitFor == 0) {
                tupleLocked = lockTupleForWrite(relation, tid, tx, RowLockMode.UPDATE);
            } else {
                transactions.waitForCompletion(waitFor, tx,
                        WaitContext.tuple("deleting tuple", tid.block(), tid.offset()));
            }
        }
    }

    @Override
    public ModifyResult update(RelFileLocator relation, Tid tid, byte[] newBody, Transaction tx, Snapshot snapshot,
                               boolean hotAllowed, boolean keysUpdated) {
        // heap_update's lock mode: LockTupleExclusive when a key changes, else LockTupleNoKeyExclusive
        RowLockMode strength = keysUpdated ? RowLockMode.UPDATE : RowLockMode.NO_KEY_UPDATE;
        checkSerializableWrite(relation, tid, tx);
        long xid = tx.assignCurrentXid();
        int commandId = tx.commandId();
        int tupleLength = HeapTupleHeader.SIZE + newBody.length;
        checkTupleSize(tupleLength);
        int needed = Page.maxAlign(tupleLength);
        boolean tupleLocked = false;
        while (true) {
            Buffer oldBuffer = bufferPool.read(relation, tid.block());
            Buffer newBuffer = null;
            oldBuffer.lockExclusive();
            boolean oldLocked = true;
            long waitFor = 0;
            try {
                Page oldPage = oldBuffer.page();
                int position = tuplePosition(oldPage, tid, "update");
                HeapVisibility.UpdateCheck check = checkForWrite(oldPage.data(), position, tx, commandId, tupleLocked);
                if (check == HeapVisibility.UpdateCheck.BEING_MODIFIED) {
                    waitFor = HeapTupleHeader.xmax(oldPage.data(), position);
                } else if (check == HeapVisibility.UpdateCheck.LOCKED) {
                    waitFor = -1;
                } else if (check != HeapVisibility.UpdateCheck.OK) {
                    bufferPool.markDirtyHint(oldBuffer);
                    return concurrentResult(check, oldPage.data(), position, "update");
                } else if (oldPage.freeSpace() >= needed) {
                    return new ModifyResult(ModifyResult.Status.OK, placeUpdate(relation, tid, newBody, tx, oldBuffer,
                            oldBuffer, hotAllowed, keysUpdated, tupleLocked), hotAllowed);
                } else {
                    freeSpace.recordPageWithFreeSpace(relation, tid.block(), oldPage.freeSpace());
                    oldBuffer.unlock();
                    oldLocked = false;
                    newBuffer = bufferForTuple(relation, needed, tid.block());
                    lockInBlockOrder(oldBuffer, newBuffer);
                    oldLocked = true;
                    // the old page was unlocked meanwhile: check the tuple and the room again
                    position = tuplePosition(oldPage, tid, "update");
                    check = checkForWrite(oldPage.data(), position, tx, commandId, tupleLocked);
                    Page newPage = newBuffer.page();
                    if (check == HeapVisibility.UpdateCheck.OK && (newPage.isNew() || newPage.freeSpace() >= needed)) {
                        return new ModifyResult(ModifyResult.Status.OK, placeUpdate(relation, tid, newBody, tx,
                                oldBuffer, newBuffer, false, keysUpdated, tupleLocked));
                    }
                }
            } finally {
                if (newBuffer != null) {
                    bufferPool.unlockAndRelease(newBuffer);
                }
                if (oldLocked) {
                    oldBuffer.unlock();
                }
                bufferPool.release(oldBuffer);
            }
            if (waitFor == -1) {
                tupleLocked = lockTupleForWrite(relation, tid, tx, strength);
            } else if (waitFor != 0) {
                transactions.waitForCompletion(waitFor, tx,
                        WaitContext.tuple("updating tuple", tid.block(), tid.offset()));
            }
        }
    }

    /**
     * Writes the new version into {@code newBuffer}'s page and points the old version at it, both
     * pages exclusively locked, and logs one UPDATE record covering both. A non-key update that
     * went through the tuple's lock ({@code tupleLocked}) while FOR KEY SHARE lockers still hold
     * it passes them on, as {@code heap_update} gives the new version an xmax naming the old
     * one's lockers ({@code compute_new_xmax_infomask}): the new version is stamped lock-only
     * with the shared-lockers bit and the lockers get its tuple lock; the old version keeps the
     * bit too, for the case that the update aborts.
     */
    private Tid placeUpdate(RelFileLocator relation, Tid oldTid, byte[] newBody, Transaction tx, Buffer oldBuffer,
                            Buffer newBuffer, boolean heapOnly, boolean keysUpdated, boolean tupleLocked) {
        long xid = tx.assignCurrentXid();
        int commandId = tx.commandId();
        Page oldPage = oldBuffer.page();
        Page newPage = newBuffer.page();
        boolean samePage = oldBuffer == newBuffer;
        boolean initialize = !samePage && newPage.isNew();
        long oldLsnBefore = oldPage.lsn();
        long newLsnBefore = newPage.lsn();
        byte[] tuple = HeapTupleHeader.build(xid, commandId, new Tid(0, 0),
                HeapTupleHeader.IS_NEW_VERSION | (heapOnly ? HeapTupleHeader.HEAP_ONLY : 0), newBody);
        LockTag oldTag = tupleTag(relation, oldTid);
        boolean keyShareLockers = tupleLocked && !keysUpdated && heldByOthers(oldTag, tx);
        if (keyShareLockers && !lockers.passOn(oldPage.data(), oldPage.itemOffset(oldTid.offset()), tuple, xid, tx)) {
            HeapTupleHeader.setXmax(tuple, 0, xid);
            HeapTupleHeader.setInfomask(tuple, 0, (HeapTupleHeader.infomask(tuple, 0) & ~HeapTupleHeader.XMAX_BITS)
                    | HeapTupleHeader.XMAX_LOCK_ONLY | HeapTupleHeader.XMAX_SHARED_LOCKERS);
        }
        int oldPosition = oldPage.itemOffset(oldTid.offset());
        XmaxStamp prepared = prepareXmax(oldPage.data(), oldPosition, xid, commandId, true, keysUpdated, tx);
        int extraBits = (heapOnly ? HeapTupleHeader.HOT_UPDATED : 0)
                | (keyShareLockers ? HeapTupleHeader.XMAX_SHARED_LOCKERS : 0);
        XmaxStamp stamp = new XmaxStamp(xid, prepared.commandField(), prepared.infomask() | extraBits);
        Buffer oldMap = mapPageToClear(relation, oldBuffer.blockNumber(), oldPage, false);
        Buffer newMap = samePage ? null : mapPageToClear(relation, newBuffer.blockNumber(), newPage, initialize);
        Tid newTid = CriticalSection.run(bufferPool.panicState(), "heap update", () -> {
            if (initialize) {
                newPage.initialize(0);
            }
            clearAllVisible(oldPage, oldMap, oldBuffer.blockNumber());
            if (!samePage) {
                clearAllVisible(newPage, newMap, newBuffer.blockNumber());
            }
            int newOffset = addTuple(newPage, tuple);
            Tid placed = new Tid(newBuffer.blockNumber(), newOffset);
            HeapTupleHeader.setCtid(tuple, 0, placed);
            HeapTupleHeader.setCtid(newPage.data(), newPage.itemOffset(newOffset), placed);
            stampXmax(oldPage.data(), oldPosition, stamp, placed);
            HeapPruner.markPrunable(oldPage, xid);
            HeapWalRecords.UpdateData data = new HeapWalRecords.UpdateData(oldTid.offset(), newOffset, xid,
                    stamp.commandField(), stamp.infomask(), initialize ? HeapWalRecords.FLAG_INIT_PAGE : 0);
            byte[] updateData = data.encode();
            long lsn = logChange(redo -> {
                boolean oldImage = wal.needsFullPageImage(oldLsnBefore, redo);
                if (samePage) {
                    return HeapWalRecords.record(HeapWalRecords.UPDATE, xid, updateData, HeapWalRecords.block(relation,
                            placed.block(), false, oldImage ? pageImage(newPage) : null, tuple));
                }
                boolean newImage = !initialize && wal.needsFullPageImage(newLsnBefore, redo);
                return HeapWalRecords.record(HeapWalRecords.UPDATE, xid, updateData,
                        HeapWalRecords.block(relation, placed.block(), initialize,
                                newImage ? pageImage(newPage) : null, tuple),
                        HeapWalRecords.block(relation, oldTid.block(), false, oldImage ? pageImage(oldPage) : null,
                                new byte[0]));
            });
            newPage.setLsn(lsn);
            bufferPool.markDirty(newBuffer);
            if (!samePage) {
                oldPage.setLsn(lsn);
                bufferPool.markDirty(oldBuffer);
            }
            return placed;
        });
        releaseMap(oldMap);
        releaseMap(newMap);
        if (keyShareLockers) {
            transactions.lockManager().carryHolders(oldTag, tupleTag(relation, newTid),
                    RowLockMode.KEY_SHARE.heavyweight(), RowLockMode.NO_KEY_UPDATE.heavyweight());
        }
        freeSpace.recordPageWithFreeSpace(relation, newTid.block(), newPage.freeSpace());
        return newTid;
    }

    /**
     * The visibility map page to clear along with a change of {@code page}: pinned now, before
     * the critical section, so clearing in it reads nothing ({@code visibilitymap_pin}); null when
     * the page is not marked all-visible. A page being initialized may be a block a truncation
     * gave back while its map bits stayed, so its bits are cleared too.
     */
    private Buffer mapPageToClear(RelFileLocator relation, int block, Page page, boolean initialize) {
        return (page.flags() & Page.FLAG_ALL_VISIBLE) != 0 || initialize ? visibilityMap.pin(relation, block) : null;
    }

    /**
     * Inside a change's critical section: the page is no longer all-visible, nor its map bits
     * set ({@code PageClearAllVisible} and {@code visibilitymap_clear} in {@code heap_insert}
     * and friends); redo of the change's record does the same.
     */
    private void clearAllVisible(Page page, Buffer mapBuffer, int block) {
        page.setFlags(page.flags() & ~Page.FLAG_ALL_VISIBLE);
        if (mapBuffer != null) {
            visibilityMap.clear(mapBuffer, block, VisibilityMap.VALID_BITS);
        }
    }

    private void releaseMap(Buffer mapBuffer) {
        if (mapBuffer != null) {
            bufferPool.release(mapBuffer);
        }
    }

    /** The xmax fields a delete or update will write, worked out before the critical section. */
    private record XmaxStamp(long xid, int commandField, int infomask) {}

    /**
     * What stamping xmax on a tuple being deleted or updated by {@code xid} will write; when the
     * same transaction inserted it at another command, the command-id field becomes a combo id
     * (allocated here, outside the critical section, as {@code HeapTupleHeaderAdjustCmax}).
     */
    private XmaxStamp prepareXmax(byte[] data, int position, long xid, int commandId, boolean updated,
                                  boolean keysUpdated, Transaction tx) {
        int infomask = HeapTupleHeader.infomask(data, position)
                & ~(HeapTupleHeader.XMAX_BITS | HeapTupleHeader.COMBO_COMMAND_ID);
        int commandField = commandId;
        if (HeapTupleHeader.xmin(data, position) == xid) {
            int cmin = visibility.cmin(data, position);
            if (cmin != commandId) {
                if (!combos.knows(xid)) {
                    tx.onCommit(() -> combos.forget(xid));
                }
                commandField = combos.combine(xid, cmin, commandId);
                infomask |= HeapTupleHeader.COMBO_COMMAND_ID;
            }
        }
        if (updated) {
            infomask |= HeapTupleHeader.UPDATED;
        }
        if (keysUpdated) {
            infomask |= HeapTupleHeader.KEYS_UPDATED;
        }
        return new XmaxStamp(xid, commandField, infomask);
    }

    /** Writes a prepared xmax stamp and the ctid into the tuple (inside the critical section). */
    private static void stampXmax(byte[] data, int position, XmaxStamp stamp, Tid ctid) {
        HeapTupleHeader.setXmax(data, position, stamp.xid());
        HeapTupleHeader.setCommandId(data, position, stamp.commandField());
        HeapTupleHeader.setInfomask(data, position, stamp.infomask());
        HeapTupleHeader.setCtid(data, position, ctid);
    }

    /**
     * Inserts the WAL record for a page change already made, inside the caller's
     * {@link CriticalSection}: if it fails, shared buffers hold a change the WAL does not
     * describe, so the failure becomes a PANIC and the server restarts through crash recovery.
     */
    long logChange(LongFunction<WalRecord> recordForRedoPointer) {
        while (true) {
            long redo = wal.redoPointer();
            long lsn = wal.insert(recordForRedoPointer.apply(redo), redo);
            if (lsn != Wal.RETRY) {
                return lsn;
            }
        }
    }

    /** Adds a tuple to a page known to have room; inside a critical section, failing is a PANIC ({@code RelationPutHeapTuple}). */
    private static int addTuple(Page page, byte[] tuple) {
        int offset = page.addItem(tuple);
        if (offset == Page.INVALID_OFFSET_NUMBER) {
            throw new SqlException(SqlState.INTERNAL_ERROR, "failed to add tuple to page");
        }
        return offset;
    }

    private ModifyResult concurrentResult(HeapVisibility.UpdateCheck check, byte[] data, int position, String verb) {
        return switch (check) {
            case SELF_MODIFIED -> new ModifyResult(ModifyResult.Status.SELF_MODIFIED, null);
            case UPDATED -> new ModifyResult(ModifyResult.Status.UPDATED, HeapTupleHeader.ctid(data, position));
            case DELETED -> new ModifyResult(ModifyResult.Status.DELETED, null);
            default -> throw new SqlException(SqlState.INTERNAL_ERROR, "attempted to " + verb + " invisible tuple");
        };
    }

    /** Locks two pinned buffers exclusively, lower block number first (buffer README rule 7). */
    private static void lockInBlockOrder(Buffer oldBuffer, Buffer newBuffer) {
        if (Integer.compareUnsigned(newBuffer.blockNumber(), oldBuffer.blockNumber()) < 0) {
            oldBuffer.lockExclusive();
        } else {
            newBuffer.unlock();
            oldBuffer.lockExclusive();
            newBuffer.lockExclusive();
        }
    }

    /**
     * A pinned, exclusively locked buffer with at least {@code needed} bytes free, or a new page
     * ({@code RelationGetBufferForTuple}): the free space map first, else a new block.
     */
    private Buffer bufferForTuple(RelFileLocator relation, int needed, int avoidBlock) {
        while (true) {
            int block = freeSpace.findPageWithFreeSpace(relation, needed,
                    () -> bufferPool.blockCount(relation, ForkNumber.MAIN));
            if (block == FreeSpaceMap.INVALID_BLOCK || block == avoidBlock) {
                return bufferPool.extend(relation, ForkNumber.MAIN);
            }
            Buffer buffer = bufferPool.read(relation, block);
            buffer.lockExclusive();
            Page page = buffer.page();
            if (page.isNew() || page.freeSpace() >= needed) {
                return buffer;
            }
            freeSpace.recordPageWithFreeSpace(relation, block, page.freeSpace());
            bufferPool.unlockAndRelease(buffer);
        }
    }

    /** The room inserts leave free on a page: {@code RelationGetTargetPageFreeSpace}. */
    private static int reservedSpace(int fillFactor) {
        return Page.SIZE * (100 - fillFactor) / 100;
    }

    private static void checkTupleSize(int tupleLength) {
        if (tupleLength > HeapTupleHeader.MAXIMUM_TUPLE_SIZE) {
            throw new SqlException(SqlState.PROGRAM_LIMIT_EXCEEDED, String.format(
                    "row is too big: size %d, maximum size %d", tupleLength, HeapTupleHeader.MAXIMUM_TUPLE_SIZE));
        }
    }

    /** Position of a live tuple's header in the page; an error if the TID points at nothing. */
    private static int tuplePosition(Page page, Tid tid, String verb) {
        if (tid.offset() < 1 || tid.offset() > page.maxOffsetNumber()
                || page.itemFlags(tid.offset()) != Page.LP_NORMAL) {
            throw new SqlException(SqlState.INTERNAL_ERROR, "attempted to " + verb + " invisible tuple");
        }
        return page.itemOffset(tid.offset());
    }

    static byte[] pageImage(Page page) {
        return Arrays.copyOf(page.data(), Page.SIZE);
    }

    @Override
    public long vacuumHorizon() {
        return transactions.oldestXmin();
    }

    @Override
    public VacuumPage vacuumScanPage(RelFileLocator relation, int block, long horizon) {
        return vacuumScanPage(relation, block, horizon, 0);
    }

    @Override
    public VacuumPage vacuumScanPage(RelFileLocator relation, int block, long horizon, long freezeCutoff) {
        Buffer buffer = bufferPool.read(relation, block);
        buffer.lockExclusive();
        try {
            Page page = buffer.page();
            if (page.isNew()) {
                return new VacuumPage(0, 0, 0, new int[0], Page.SIZE - Page.HEADER_SIZE, true, 0, Long.MAX_VALUE);
            }
            HeapPruner.Outcome outcome = pruner.prune(relation, buffer, horizon);
            boolean empty = true;
            for (int offset = 1; offset <= page.maxOffsetNumber() && empty; offset++) {
                empty = page.itemFlags(offset) == Page.LP_UNUSED;
            }
            HeapFreezer.Plan frozen = freeze(relation, buffer, Math.min(freezeCutoff, horizon));
            freeSpace.recordPageWithFreeSpace(relation, block, page.freeSpace());
            if (outcome.deadLinePointers().length == 0) {
                markAllVisibleIfSo(relation, buffer, horizon);
            }
            return new VacuumPage(outcome.pruned(), outcome.live(), outcome.recentlyDead(),
                    outcome.deadLinePointers(), page.freeSpace(), empty, frozen.tuples().size(),
                    frozen.oldestUnfrozen());
        } finally {
            bufferPool.unlockAndRelease(buffer);
        }
    }

    @Override
    public long freezePage(RelFileLocator relation, int block, long freezeCutoff) {
        Buffer buffer = bufferPool.read(relation, block);
        buffer.lockExclusive();
        try {
            if (buffer.page().isNew()) {
                return Long.MAX_VALUE;
            }
            return freeze(relation, buffer, Math.min(freezeCutoff, transactions.oldestXmin())).oldestUnfrozen();
        } finally {
            bufferPool.unlockAndRelease(buffer);
        }
    }

    @Override
    public void inplaceUpdate(RelFileLocator relation, Tid tid, byte[] body) {
        byte[] mainData = HeapInplaceUpdate.encode(tid.offset(), body);
        Buffer buffer = bufferPool.read(relation, tid.block());
        buffer.lockExclusive();
        try {
            Page page = buffer.page();
            long lsnBefore = page.lsn();
            // checked before the critical section: a wrong TID is an error, not a PANIC
            HeapInplaceUpdate.check(page, tid.offset(), body);
            CriticalSection.run(bufferPool.panicState(), "in-place update", () -> {
                HeapInplaceUpdate.apply(page, tid.offset(), body);
                page.setLsn(logChange(redo -> HeapWalRecords.record(HeapWalRecords.INPLACE, 0, mainData,
                        HeapWalRecords.block(relation, buffer.blockNumber(), false,
                                wal.needsFullPageImage(lsnBefore, redo) ? pageImage(page) : null, new byte[0]))));
                bufferPool.markDirty(buffer);
            });
        } finally {
            bufferPool.unlockAndRelease(buffer);
        }
    }

    /**
     * Freezes the tuples of an exclusively locked page below {@code cutoff} and logs
     * FREEZE_PAGE, in one critical section ({@code lazy_scan_prune}'s freeze step). The cutoff
     * never passes the xmin horizon, so no XID it freezes may still be running.
     */
    private HeapFreezer.Plan freeze(RelFileLocator relation, Buffer buffer, long cutoff) {
        Page page = buffer.page();
        HeapFreezer.Plan plan = HeapFreezer.prepare(page, cutoff, transactions);
        if (plan.tuples().isEmpty()) {
            return plan;
        }
        long lsnBefore = page.lsn();
        byte[] mainData = HeapFreezer.encode(plan.tuples());
        CriticalSection.run(bufferPool.panicState(), "freeze page", () -> {
            HeapFreezer.apply(page, plan.tuples());
            page.setLsn(logChange(redo -> HeapWalRecords.record(HeapWalRecords.FREEZE_PAGE, 0, mainData,
                    HeapWalRecords.block(relation, buffer.blockNumber(), false,
                            wal.needsFullPageImage(lsnBefore, redo) ? pageImage(page) : null, new byte[0]))));
            bufferPool.markDirty(buffer);
        });
        return plan;
    }

    @Override
    public int vacuumReclaim(RelFileLocator relation, int block, int[] deadOffsets) {
        Buffer buffer = bufferPool.read(relation, block);
        buffer.lockExclusive();
        try {
            int free = pruner.markUnused(relation, buffer, deadOffsets);
            freeSpace.recordPageWithFreeSpace(relation, block, free);
            markAllVisibleIfSo(relation, buffer, transactions.oldestXmin());
            return free;
        } finally {
            bufferPool.unlockAndRelease(buffer);
        }
    }

    @Override
    public int visibilityStatus(RelFileLocator relation, int block) {
        return visibilityMap.status(relation, block);
    }

    @Override
    public int[] visibilityCounts(RelFileLocator relation) {
        return visibilityMap.count(relation, blockCount(relation));
    }

    /**
     * VACUUM's step after pruning a page (exclusively locked) or reclaiming its dead line
     * pointers ({@code lazy_scan_prune}'s all-visible check and {@code heap_page_is_all_visible}):
     * when every tuple on it is live with an inserter committed below {@code horizon} (so every
     * snapshot, now and later, sees it) and no LP_DEAD line pointer is left, PD_ALL_VISIBLE and
     * the map's ALL_VISIBLE bit are set, ALL_FROZEN too when every tuple is frozen (no normal xmin, no xmax); a map bit
     * set on a page that is not all-visible is cleared (PostgreSQL warns of it).
     */
    private void markAllVisibleIfSo(RelFileLocator relation, Buffer buffer, long horizon) {
        Page page = buffer.page();
        int block = buffer.blockNumber();
        if (page.isNew() || relation.relNumber() < FIRST_NON_CATALOG_RELFILENODE) {
            return;
        }
        int flags = allVisibleFlags(page, horizon);
        if (flags == 0) {
            if ((page.flags() & Page.FLAG_ALL_VISIBLE) == 0 && visibilityMap.status(relation, block) != 0) {
                visibilityMap.clear(relation, block, VisibilityMap.VALID_BITS);
            }
            return;
        }
        if ((page.flags() & Page.FLAG_ALL_VISIBLE) != 0 && visibilityMap.status(relation, block) == flags) {
            return;
        }
        Buffer mapBuffer = visibilityMap.pinExtending(relation, block);
        mapBuffer.lockExclusive();
        try {
            Page mapPage = mapBuffer.page();
            long heapLsnBefore = page.lsn();
            long mapLsnBefore = mapPage.lsn();
            int mapBlock = mapBuffer.blockNumber();
            CriticalSection.run(bufferPool.panicState(), "visibility map set", () -> {
                page.setFlags(page.flags() | Page.FLAG_ALL_VISIBLE);
                VisibilityMap.set(mapPage, block, flags);
                byte[] visibleData = new HeapWalRecords.VisibleData(block, flags).encode();
                long lsn = logChange(redo -> HeapWalRecords.record(HeapWalRecords.VISIBLE, 0, visibleData,
                        HeapWalRecords.mapBlock(relation, mapBlock,
                                wal.needsFullPageImage(mapLsnBefore, redo) ? pageImage(mapPage) : null),
                        HeapWalRecords.block(relation, block, false,
                                wal.needsFullPageImage(heapLsnBefore, redo) ? pageImage(page) : null, new byte[0])));
                // the map page may reach disk only after the record saying why its bit is set
                mapPage.setLsn(lsn);
                bufferPool.markDirty(mapBuffer);
                page.setLsn(lsn);
                bufferPool.markDirty(buffer);
            });
        } finally {
            bufferPool.unlockAndRelease(mapBuffer);
        }
    }

    /** Relfilenodes below this are system catalogs, which VACUUM leaves alone (see README). */
    private static final int FIRST_NON_CATALOG_RELFILENODE = 16384;

    /** The map bits a page deserves now: ALL_VISIBLE (and ALL_FROZEN), or 0. */
    private int allVisibleFlags(Page page, long horizon) {
        byte[] data = page.data();
        boolean frozen = true;
        for (int offset = 1; offset <= page.maxOffsetNumber(); offset++) {
            int state = page.itemFlags(offset);
            if (state == Page.LP_DEAD) {
                return 0;
            }
            if (state != Page.LP_NORMAL) {
                continue;
            }
            int position = page.itemOffset(offset);
            if (visibility.satisfiesVacuum(data, position, horizon) != HeapVisibility.VacuumState.LIVE
                    || HeapTupleHeader.xmin(data, position) >= horizon) {
                return 0;
            }
            // all-frozen: no normal XID left, so nothing a later VACUUM must freeze (heap_tuple_needs_freeze)
            frozen &= (HeapTupleHeader.infomask(data, position) & HeapTupleHeader.XMAX_INVALID) != 0
                    && HeapTupleHeader.xmin(data, position) < HeapFreezer.FIRST_NORMAL_XID;
        }
        return VisibilityMap.ALL_VISIBLE | (frozen ? VisibilityMap.ALL_FROZEN : 0);
    }

    @Override
    public int nonEmptyBlocks(RelFileLocator relation) {
        int blocks = bufferPool.blockCount(relation, ForkNumber.MAIN);
        while (blocks > 0 && isEmpty(relation, blocks - 1)) {
            blocks--;
        }
        return blocks;
    }

    private boolean isEmpty(RelFileLocator relation, int block) {
        Buffer buffer = bufferPool.read(relation, block);
        buffer.lockShared();
        try {
            Page page = buffer.page();
            if (page.isNew()) {
                return true;
            }
            for (int offset = 1; offset <= page.maxOffsetNumber(); offset++) {
                if (page.itemFlags(offset) != Page.LP_UNUSED) {
                    return false;
                }
            }
            return true;
        } finally {
            bufferPool.unlockAndRelease(buffer);
        }
    }

    @Override
    public void truncate(RelFileLocator relation, int blocks) {
        long lsn = wal.insert(TransactionRecords.storageTruncate(relation, blocks));
        wal.flush(lsn);
        // once the record is durable the cut must happen: a failure now is a PANIC, and recovery cuts
        CriticalSection.run(bufferPool.panicState(), "heap truncate",
                () -> bufferPool.truncate(relation, ForkNumber.MAIN, blocks));
    }

    @Override
    public int blockCount(RelFileLocator relation) {
        return bufferPool.blockCount(relation, ForkNumber.MAIN);
    }

    @Override
    public long takePrunedTuples(RelFileLocator relation) {
        return pruner.takePruned(relation);
    }

    @Override
    public HeapScan beginScan(RelFileLocator relation, Snapshot snapshot) {
        return new HeapSequentialScan(this, relation, snapshot, bufferPool.blockCount(relation, ForkNumber.MAIN));
    }

    @Override
    public HeapScan beginParallelScan(RelFileLocator relation, Snapshot snapshot, ParallelBlockTable blocks) {
        return new HeapSequentialScan(this, relation, snapshot, blocks.blockCount(), blocks.participant());
    }

    @Override
    public HeapTuple fetch(RelFileLocator relation, Tid tid, Snapshot snapshot) {
        if (knownBlockCounts.beyondEnd(relation, tid.block())) {
            return null;
        }
        Buffer buffer = bufferPool.read(relation, tid.block());
        pruner.pruneOpportunistically(relation, buffer);
        buffer.lockShared();
        try {
            Page page = buffer.page();
            byte[] data = page.data();
            int found = walkChain(page, tid.offset(), offset -> {
                int position = page.itemOffset(offset);
                int before = HeapTupleHeader.infomask(data, position);
                boolean visible = visibility.satisfiesMvcc(data, position, snapshot);
                noteHints(buffer, position, before);
                return visible ? CHAIN_STOP : CHAIN_NEXT;
            });
            return found == CHAIN_END ? null : copyTuple(page, new Tid(tid.block(), found));
        } finally {
            bufferPool.unlockAndRelease(buffer);
        }
    }

    @Override
    public HeapTuple fetchStored(RelFileLocator relation, Tid tid) {
        if (Integer.compareUnsigned(tid.block(), bufferPool.blockCount(relation, ForkNumber.MAIN)) >= 0) {
            return null;
        }
        Buffer buffer = bufferPool.read(relation, tid.block());
        buffer.lockShared();
        try {
            Page page = buffer.page();
            if (tid.offset() < 1 || tid.offset() > page.maxOffsetNumber()
                    || page.itemFlags(tid.offset()) != Page.LP_NORMAL) {
                return null;
            }
            return copyTuple(page, tid);
        } finally {
            bufferPool.unlockAndRelease(buffer);
        }
    }

    @Override
    public DirtyState dirtyState(RelFileLocator relation, Tid tid, Transaction tx) {
        if (Integer.compareUnsigned(tid.block(), bufferPool.blockCount(relation, ForkNumber.MAIN)) >= 0) {
            return DirtyState.DEAD;
        }
        Buffer buffer = bufferPool.read(relation, tid.block());
        buffer.lockShared();
        try {
            Page page = buffer.page();
            byte[] data = page.data();
            DirtyState[] state = {DirtyState.DEAD};
            walkChain(page, tid.offset(), offset -> {
                int position = page.itemOffset(offset);
                int before = HeapTupleHeader.infomask(data, position);
                state[0] = visibility.satisfiesDirty(data, position, tx::isCurrentXid);
                noteHints(buffer, position, before);
                return state[0] == DirtyState.DEAD ? CHAIN_NEXT : CHAIN_STOP;
            });
            return state[0];
        } finally {
            bufferPool.unlockAndRelease(buffer);
        }
    }

    @Override
    public HeapTuple fetchLatestVersion(RelFileLocator relation, Tid tid, Transaction tx) {
        Tid current = tid;
        long priorXmax = 0;
        while (true) {
            if (Integer.compareUnsigned(current.block(), bufferPool.blockCount(relation, ForkNumber.MAIN)) >= 0) {
                return null;
            }
            Buffer buffer = bufferPool.read(relation, current.block());
            buffer.lockShared();
            long waitFor;
            try {
                Page page = buffer.page();
                if (!isLive(page, current.offset())) {
                    return null;
                }
                byte[] data = page.data();
                int position = page.itemOffset(current.offset());
                int before = HeapTupleHeader.infomask(data, position);
                try {
                    if (priorXmax != 0 && HeapTupleHeader.xmin(data, position) != priorXmax) {
                        return null;
                    }
                    if (!visibility.insertedByCommittedOrOwn(data, position, tx::isCurrentXid)) {
                        return null;
                    }
                    long xmax = HeapTupleHeader.xmax(data, position);
                    boolean updated = (HeapTupleHeader.infomask(data, position) & HeapTupleHeader.UPDATED) != 0;
                    boolean xmaxInvalid = (HeapTupleHeader.infomask(data, position) & HeapTupleHeader.XMAX_INVALID) != 0
                            || HeapVisibility.xmaxIsLockOnly(data, position);
                    XidStatus deleter = xmaxInvalid ? XidStatus.ABORTED
                            : tx.isCurrentXid(xmax) ? XidStatus.COMMITTED
                            : visibility.deleterStatus(data, position);
                    if (deleter == XidStatus.ABORTED) {
                        return copyTuple(page, current);
                    }
                    if (deleter == XidStatus.COMMITTED) {
                        if (!updated) {
                            return null;
                        }
                        priorXmax = xmax;
                        current = HeapTupleHeader.ctid(data, position);
                        continue;
                    }
                    waitFor = xmax;
                } finally {
                    noteHints(buffer, position, before);
                }
            } finally {
                bufferPool.unlockAndRelease(buffer);
            }
            transactions.waitForCompletion(waitFor, tx,
                        WaitContext.tuple("rechecking updated tuple", current.block(), current.offset()));
        }
    }

    /** What a chain visitor answers: stop at this member, or go on to the next. */
    static final int CHAIN_STOP = 1;
    static final int CHAIN_NEXT = 0;
    /** What {@link #walkChain} returns when no member made the visitor stop. */
    static final int CHAIN_END = 0;

    /**
     * Walks the HOT chain that starts at line pointer {@code offset} of a locked page
     * ({@code heap_hot_search_buffer}): through a REDIRECT at the root, then from each member
     * with HOT_UPDATED to the heap-only tuple its ctid names, as long as that one's xmin is the
     * member's xmax. Each member's offset goes to {@code visitor}; returns the offset where it
     * answered {@link #CHAIN_STOP}, or {@link #CHAIN_END}.
     */
    static int walkChain(Page page, int offset, java.util.function.IntUnaryOperator visitor) {
        byte[] data = page.data();
        int current = offset;
        long priorXmax = 0;
        int max = page.maxOffsetNumber();
        for (int steps = 0; steps <= max; steps++) {
            if (current < 1 || current > max) {
                return CHAIN_END;
            }
            int flags = page.itemFlags(current);
            if (flags == Page.LP_REDIRECT && steps == 0) {
                current = page.itemOffset(current);
                continue;
            }
            if (flags != Page.LP_NORMAL) {
                return CHAIN_END;
            }
            int position = page.itemOffset(current);
            if (priorXmax != 0 && (HeapTupleHeader.xmin(data, position) != priorXmax
                    || (HeapTupleHeader.infomask(data, position) & HeapTupleHeader.HEAP_ONLY) == 0)) {
                return CHAIN_END;
            }
            if (visitor.applyAsInt(current) == CHAIN_STOP) {
                return current;
            }
            int infomask = HeapTupleHeader.infomask(data, position);
            if ((infomask & HeapTupleHeader.HOT_UPDATED) == 0 || (infomask & HeapTupleHeader.XMAX_INVALID) != 0) {
                return CHAIN_END;
            }
            priorXmax = HeapTupleHeader.xmax(data, position);
            current = HeapTupleHeader.ctid(data, position).offset();
        }
        return CHAIN_END;
    }

    @Override
    public Tid rootTid(RelFileLocator relation, Tid tid) {
        Buffer buffer = bufferPool.read(relation, tid.block());
        buffer.lockShared();
        try {
            Page page = buffer.page();
            if (!isLive(page, tid.offset())
                    || (HeapTupleHeader.infomask(page.data(), page.itemOffset(tid.offset())) & HeapTupleHeader.HEAP_ONLY) == 0) {
                return tid;
            }
            for (int root = 1; root <= page.maxOffsetNumber(); root++) {
                boolean candidate = page.itemFlags(root) == Page.LP_REDIRECT || (page.itemFlags(root) == Page.LP_NORMAL
                        && (HeapTupleHeader.infomask(page.data(), page.itemOffset(root)) & HeapTupleHeader.HEAP_ONLY) == 0);
                if (candidate && walkChain(page, root, offset -> offset == tid.offset() ? CHAIN_STOP : CHAIN_NEXT)
                        != CHAIN_END) {
                    return new Tid(tid.block(), root);
                }
            }
            return tid;
        } finally {
            bufferPool.unlockAndRelease(buffer);
        }
    }

    // ---- row locks (heap_lock_tuple) ----

    /** The lock-table tag row lockers of the tuple at {@code tid} hold. */
    static LockTag tupleTag(RelFileLocator relation, Tid tid) {
        return new LockTag.Tuple(relation.databaseOid(), relation.relNumber(), tid.block(), tid.offset());
    }

    /**
     * {@code satisfiesUpdate} for a writer: a tuple only row-locked by others is fine once the
     * writer holds the tuple's lock in the lock table in UPDATE strength (every locker has ended).
     */
    private HeapVisibility.UpdateCheck checkForWrite(byte[] data, int position, Transaction tx, int commandId,
                                                     boolean tupleLocked) {
        HeapVisibility.UpdateCheck check = visibility.satisfiesUpdate(data, position, tx::isCurrentXid, commandId);
        return check == HeapVisibility.UpdateCheck.LOCKED && tupleLocked ? HeapVisibility.UpdateCheck.OK : check;
    }

    /**
     * A writer meeting row lockers: waits in the lock table until no conflicting one holds the
     * tuple, as {@code heap_update} and {@code heap_delete} do with {@code heap_acquire_tuplock}
     * and a multixact wait: a delete or key update in UPDATE strength (waits for all), a non-key
     * update in NO KEY UPDATE strength (lets FOR KEY SHARE lockers stay). Held until the writer ends.
     */
    private boolean lockTupleForWrite(RelFileLocator relation, Tid tid, Transaction tx, RowLockMode strength) {
        tx.lock(tupleTag(relation, tid), strength.heavyweight());
        return true;
    }

    /**
     * Whether a transaction other than {@code tx} holds the tuple lock {@code tag} (the caller
     * holds it in NO KEY UPDATE strength, so the others are FOR KEY SHARE lockers).
     */
    private boolean heldByOthers(LockTag tag, Transaction tx) {
        var lockManager = transactions.lockManager();
        if (lockManager == null) {
            return false;
        }
        for (var held : lockManager.status()) {
            if (held.granted() && held.tag().equals(tag) && held.mode() == RowLockMode.KEY_SHARE.heavyweight()
                    && !lockManager.holds(held.owner(), tag, RowLockMode.NO_KEY_UPDATE.heavyweight())) {
                return true;
            }
        }
        return false;
    }

    @Override
    public ModifyResult lockTuple(RelFileLocator relation, Tid tid, Transaction tx, RowLockMode mode, boolean wait) {
        LockTag tag = tupleTag(relation, tid);
        // lockers among themselves: the lock table, with the row-lock conflict table
        if (wait) {
            // lockers wait for each other here rather than in XactLockTableWait; the context is the same
            WaitContext.during(WaitContext.tuple("locking tuple", tid.block(), tid.offset()),
                    () -> tx.lock(tag, mode.heavyweight()));
        } else if (!tx.tryLock(tag, mode.heavyweight())) {
            return new ModifyResult(ModifyResult.Status.WOULD_BLOCK, null);
        }
        long xid = tx.assignCurrentXid();
        int commandId = tx.commandId();
        while (true) {
            Buffer buffer = readExclusive(relation, tid.block());
            long waitFor;
            boolean keyShareBesideUpdater = false;
            try {
                Page page = buffer.page();
                int position = tuplePosition(page, tid, "lock");
                byte[] data = page.data();
                HeapVisibility.UpdateCheck check = visibility.satisfiesUpdate(data, position, tx::isCurrentXid, commandId);
                switch (check) {
                    case OK, LOCKED -> {
                        // LOCKED: other lockers hold compatible locks (the lock table granted ours)
                        stampLocker(relation, tid, buffer, position, xid,
                                lockerXmax(data, position, xid, mode, check == HeapVisibility.UpdateCheck.LOCKED, tx));
                        if ((page.flags() & Page.FLAG_ALL_VISIBLE) != 0) {
                            // heap_lock_tuple (9.6+): the locker's xmax is work for a freezing VACUUM, so the
                            // page is no longer all-frozen; it stays all-visible (a lock hides no row). Not
                            // logged (PostgreSQL's XLH_LOCK_ALL_FROZEN_CLEARED is): after a crash only a
                            // prepared locker's xmax can be left on a page the map calls frozen
                            visibilityMap.clear(relation, tid.block(), VisibilityMap.ALL_FROZEN);
                        }
                        bufferPool.markDirtyHint(buffer);
                        return new ModifyResult(ModifyResult.Status.OK, null);
                    }
                    case BEING_MODIFIED -> {
                        waitFor = HeapTupleHeader.xmax(data, position);
                        if (mode == RowLockMode.KEY_SHARE && nonKeyUpdate(data, position)) {
                            // heap_lock_tuple: FOR KEY SHARE does not conflict with a running
                            // non-key update. The lock stays on this version, which the
                            // shared-lockers bit sends writers to if the update aborts (PostgreSQL's
                            // multixact of updater and locker); once the update commits, PostgreSQL 15
                            // lets a delete of the newer version through, and so does Woolly
                            HeapTupleHeader.setInfomask(data, position, HeapTupleHeader.infomask(data, position)
                                    | HeapTupleHeader.XMAX_SHARED_LOCKERS);
                            bufferPool.markDirtyHint(buffer);
                            keyShareBesideUpdater = true;
                        }
                    }
                    case INVISIBLE, SELF_MODIFIED -> {
                        bufferPool.markDirtyHint(buffer);
                        return new ModifyResult(ModifyResult.Status.SELF_MODIFIED, null);
                    }
                    default -> {
                        bufferPool.markDirtyHint(buffer);
                        return concurrentResult(check, data, position, "lock");
                    }
                }
            } finally {
                bufferPool.unlockAndRelease(buffer);
            }
            if (keyShareBesideUpdater) {
                return new ModifyResult(ModifyResult.Status.OK, null);
            }
            if (!wait) {
                return new ModifyResult(ModifyResult.Status.WOULD_BLOCK, null);
            }
            transactions.waitForCompletion(waitFor, tx,
                        WaitContext.tuple("locking tuple", tid.block(), tid.offset()));
        }
    }

    /** Whether xmax updated the tuple without changing a key column (not a delete, not a lock). */
    private static boolean nonKeyUpdate(byte[] data, int position) {
        int infomask = HeapTupleHeader.infomask(data, position);
        return (infomask & (HeapTupleHeader.UPDATED | HeapTupleHeader.KEYS_UPDATED | HeapTupleHeader.XMAX_LOCK_ONLY))
                == HeapTupleHeader.UPDATED;
    }

    /** The block, pinned and exclusively locked. */
    private Buffer readExclusive(RelFileLocator relation, int block) {
        Buffer buffer = bufferPool.read(relation, block);
        buffer.lockExclusive();
        return buffer;
    }

    /**
     * What recording the locker leaves in the tuple header: xmax := its XID with the lock-only
     * bit (EXCL for FOR [NO KEY] UPDATE, KEYSHR for FOR KEY SHARE), or, beside other running
     * lockers, a MultiXactId of all of them ({@link HeapLockers#newXmax}). Where the row does not
     * name its lockers (the shared-lockers bit: they are only in the lock table) the bit is kept
     * and set.
     */
    private HeapLockers.NewXmax lockerXmax(byte[] data, int position, long xid, RowLockMode mode, boolean othersLock,
                                           Transaction tx) {
        HeapLockers.NewXmax computed = lockers.newXmax(data, position, xid, mode, tx);
        if (computed != null) {
            return computed;
        }
        int infomask = HeapTupleHeader.infomask(data, position);
        long current = HeapTupleHeader.xmax(data, position);
        if (othersLock && !tx.isCurrentXid(current)) {
            return new HeapLockers.NewXmax(current, infomask | HeapTupleHeader.XMAX_SHARED_LOCKERS);
        }
        boolean mine = (infomask & HeapTupleHeader.XMAX_LOCK_ONLY) != 0
                && (infomask & HeapTupleHeader.XMAX_INVALID) == 0 && tx.isCurrentXid(current);
        int kept = mine ? infomask & (HeapTupleHeader.XMAX_EXCL_LOCK | HeapTupleHeader.XMAX_SHARED_LOCKERS) : 0;
        int lockBits = HeapTupleHeader.XMAX_LOCK_ONLY | kept | (mode.exclusive() ? HeapTupleHeader.XMAX_EXCL_LOCK : 0);
        return new HeapLockers.NewXmax(mine ? current : xid, (infomask & ~HeapTupleHeader.XMAX_BITS) | lockBits);
    }

    /**
     * Writes the locker's xmax and logs it (LOCK, {@code XLOG_HEAP_LOCK}) in a critical section,
     * so a prepared transaction's row lock, and the multixact naming it, survive a crash.
     */
    private void stampLocker(RelFileLocator relation, Tid tid, Buffer buffer, int position, long xid,
                             HeapLockers.NewXmax next) {
        Page page = buffer.page();
        long lsnBefore = page.lsn();
        byte[] lockData = new HeapWalRecords.LockData(tid.offset(), next.xmax(), next.infomask()).encode();
        CriticalSection.run(bufferPool.panicState(), "heap lock", () -> {
            HeapTupleHeader.setXmax(page.data(), position, next.xmax());
            HeapTupleHeader.setInfomask(page.data(), position, next.infomask());
            page.setLsn(logChange(redo -> HeapWalRecords.record(HeapWalRecords.LOCK, xid, lockData,
                    HeapWalRecords.block(relation, tid.block(), false,
                            wal.needsFullPageImage(lsnBefore, redo) ? pageImage(page) : null, new byte[0]))));
            bufferPool.markDirty(buffer);
        });
    }

    /** Marks the buffer dirty (hint) if visibility checks set hint bits on the tuple at {@code position}. */
    void noteHints(Buffer buffer, int position, int infomaskBefore) {
        if (HeapTupleHeader.infomask(buffer.data(), position) != infomaskBefore) {
            bufferPool.markDirtyHint(buffer);
        }
    }

    void recordFreeSpace(RelFileLocator relation, int block, int free) {
        freeSpace.recordPageWithFreeSpace(relation, block, free);
    }

    static boolean isLive(Page page, int offset) {
        return offset >= 1 && offset <= page.maxOffsetNumber() && page.itemFlags(offset) == Page.LP_NORMAL;
    }

    static HeapTuple copyTuple(Page page, Tid tid) {
        byte[] data = page.data();
        int position = page.itemOffset(tid.offset());
        return new HeapTuple(tid, HeapTupleHeader.xmin(data, position), HeapTupleHeader.xmax(data, position),
                HeapTupleHeader.body(data, position, page.itemLength(tid.offset())));
    }
}
