package org.woolly.access.heap;

import org.woolly.access.common.Tid;
import org.woolly.access.transam.BlockReference;
import org.woolly.access.transam.ResourceManager;
import org.woolly.access.transam.ResourceManagerIds;
import org.woolly.access.transam.WalRecord;
import org.woolly.storage.buffer.Buffer;
import org.woolly.storage.buffer.BufferPool;
import org.woolly.storage.page.Page;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * Redo of heap WAL records ({@code heap_redo} in {@code src/backend/access/heap/heapam.c}).
 * For each block reference: a full-page image is restored as is; otherwise the page is read
 * (the relation created or extended as needed) and the change applied only if the page LSN is
 * older than the record's end, so replaying a record twice is harmless. The page LSN then
 * becomes the record's end LSN.
 */
final class HeapRedo implements ResourceManager {
    private final BufferPool bufferPool;
    private final VisibilityMap visibilityMap;

    HeapRedo(BufferPool bufferPool, VisibilityMap visibilityMap) {
        this.bufferPool = bufferPool;
        this.visibilityMap = visibilityMap;
    }

    @Override
    public int id() {
        return ResourceManagerIds.HEAP;
    }

    @Override
    public String name() {
        return "Heap";
    }

    @FunctionalInterface
    private interface PageChange {
        void apply(Page page);
    }

    @Override
    public void redo(WalRecord record, long endLsn) {
        switch (record.info()) {
            case HeapWalRecords.INSERT -> {
                HeapWalRecords.InsertData insert = HeapWalRecords.InsertData.decode(record.mainData());
                BlockReference target = record.blocks().get(0);
                applyToBlock(target, endLsn, page -> {
                    addTuple(page, target, insert.offset(), (insert.flags() & HeapWalRecords.FLAG_INIT_PAGE) != 0);
                    dropAllVisible(page);
                });
                clearAllVisible(target);
            }
            case HeapWalRecords.DELETE -> {
                HeapWalRecords.DeleteData delete = HeapWalRecords.DeleteData.decode(record.mainData());
                BlockReference target = record.blocks().get(0);
                applyToBlock(target, endLsn, page -> {
                    setXmax(page, delete.offset(), delete.xmax(), delete.commandId(), delete.infomask(),
                            new Tid(target.blockNumber(), delete.offset()));
                    dropAllVisible(page);
                });
                clearAllVisible(target);
            }
            case HeapWalRecords.MULTI_INSERT -> {
                HeapWalRecords.MultiInsertData insert = HeapWalRecords.MultiInsertData.decode(record.mainData());
                BlockReference target = record.blocks().get(0);
                java.util.List<byte[]> tuples = HeapWalRecords.MultiInsertData.tuples(target.data(),
                        insert.offsets().length);
                applyToBlock(target, endLsn, page -> {
                    if ((insert.flags() & HeapWalRecords.FLAG_INIT_PAGE) != 0 || page.isNew()) {
                        page.initialize(0);
                    }
                    for (int i = 0; i < tuples.size(); i++) {
                        addTuple(page, tuples.get(i), insert.offsets()[i]);
                    }
                    dropAllVisible(page);
                });
                clearAllVisible(target);
            }
            case HeapWalRecords.CONFIRM, HeapWalRecords.SUPER_DELETE -> {
                HeapWalRecords.SpeculativeData speculative =
                        HeapWalRecords.SpeculativeData.decode(record.mainData());
                BlockReference target = record.blocks().get(0);
                Tid self = new Tid(target.blockNumber(), speculative.offset());
                boolean confirm = record.info() == HeapWalRecords.CONFIRM;
                applyToBlock(target, endLsn, page -> {
                    if (confirm) {
                        SpeculativeInsertions.confirm(page, self);
                    } else {
                        SpeculativeInsertions.superDelete(page, self);
                    }
                });
            }
            case HeapWalRecords.UPDATE -> redoUpdate(record, endLsn);
            case HeapWalRecords.VISIBLE -> redoVisible(record, endLsn);
            case HeapWalRecords.PRUNE, HeapWalRecords.VACUUM -> {
                HeapWalRecords.PruneData prune = HeapWalRecords.PruneData.decode(record.mainData());
                boolean truncate = record.info() == HeapWalRecords.VACUUM;
                applyToBlock(record.blocks().get(0), endLsn, page -> HeapPruner.apply(page, prune, truncate));
            }
            case HeapWalRecords.FREEZE_PAGE -> {
                java.util.List<HeapFreezer.FrozenTuple> frozen = HeapFreezer.decode(record.mainData());
                applyToBlock(record.blocks().get(0), endLsn, page -> HeapFreezer.apply(page, frozen));
            }
            case HeapWalRecords.INPLACE -> {
                int offset = HeapInplaceUpdate.offset(record.mainData());
                byte[] body = HeapInplaceUpdate.body(record.mainData());
                applyToBlock(record.blocks().get(0), endLsn, page -> HeapInplaceUpdate.apply(page, offset, body));
            }
            case HeapWalRecords.LOCK -> {
                HeapWalRecords.LockData lock = HeapWalRecords.LockData.decode(record.mainData());
                applyToBlock(record.blocks().get(0), endLsn, page -> {
                    int position = page.itemOffset(lock.offset());
                    HeapTupleHeader.setXmax(page.data(), position, lock.xmax());
                    HeapTupleHeader.setInfomask(page.data(), position, lock.infomask());
                });
            }
            default -> throw new SqlException(SqlState.INTERNAL_ERROR,
                    "heap_redo: unknown op code " + record.info());
        }
    }

    /**
     * {@code heap_xlog_visible}: PD_ALL_VISIBLE on the heap page and the bits on the map page,
     * each only if its page is older than the record (the map page's LSN is the guard that keeps
     * a later clear, replayed from a heap record, from being undone).
     */
    private void redoVisible(WalRecord record, long endLsn) {
        HeapWalRecords.VisibleData visible = HeapWalRecords.VisibleData.decode(record.mainData());
        BlockReference map = record.blocks().get(0);
        applyToBlock(map, endLsn, page -> VisibilityMap.set(page, visible.heapBlock(), visible.flags()));
        visibilityMap.forgetSize(map.relation());
        applyToBlock(record.blocks().get(1), endLsn, page -> page.setFlags(page.flags() | Page.FLAG_ALL_VISIBLE));
    }

    /**
     * After redo of a change that may add a tuple some snapshot does not see: the heap page is
     * no longer all-visible and its map bits go, whatever the page LSN said (a map page written
     * before the crash may carry a bit this record cleared).
     */
    private void clearAllVisible(BlockReference reference) {
        visibilityMap.clear(reference.relation(), reference.blockNumber(), VisibilityMap.VALID_BITS);
    }

    private static void dropAllVisible(Page page) {
        page.setFlags(page.flags() & ~Page.FLAG_ALL_VISIBLE);
    }

    private void redoUpdate(WalRecord record, long endLsn) {
        HeapWalRecords.UpdateData update = HeapWalRecords.UpdateData.decode(record.mainData());
        BlockReference newBlock = record.blocks().get(0);
        BlockReference oldBlock = record.blocks().size() > 1 ? record.blocks().get(1) : newBlock;
        Tid newTid = new Tid(newBlock.blockNumber(), update.newOffset());
        boolean initialize = (update.flags() & HeapWalRecords.FLAG_INIT_PAGE) != 0;
        if (oldBlock == newBlock) {
            applyToBlock(newBlock, endLsn, page -> {
                setXmax(page, update.oldOffset(), update.xmax(), update.commandId(), update.oldInfomask(), newTid);
                addTuple(page, newBlock, update.newOffset(), false);
                dropAllVisible(page);
            });
        } else {
            applyToBlock(oldBlock, endLsn, page -> {
                setXmax(page, update.oldOffset(), update.xmax(), update.commandId(), update.oldInfomask(), newTid);
                dropAllVisible(page);
            });
            applyToBlock(newBlock, endLsn, page -> {
                addTuple(page, newBlock, update.newOffset(), initialize);
                dropAllVisible(page);
            });
            clearAllVisible(oldBlock);
        }
        clearAllVisible(newBlock);
    }

    private void applyToBlock(BlockReference reference, long endLsn, PageChange change) {
        boolean zeroPage = reference.pageImage() != null || reference.willInit();
        Buffer buffer = bufferPool.readForRedo(reference.relation(), reference.fork(), reference.blockNumber(), zeroPage);
        try {
            Page page = buffer.page();
            if (reference.pageImage() != null) {
                System.arraycopy(reference.pageImage(), 0, buffer.data(), 0, Page.SIZE);
            } else if (reference.willInit() || page.isNew() || page.lsn() < endLsn) {
                change.apply(page);
            } else {
                return;
            }
            page.setLsn(endLsn);
            bufferPool.markDirty(buffer);
        } finally {
            bufferPool.unlockAndRelease(buffer);
        }
    }

    private static void addTuple(Page page, BlockReference reference, int offset, boolean initialize) {
        if (initialize || page.isNew()) {
            page.initialize(0);
        }
        addTuple(page, reference.data(), offset);
    }

    private static void addTuple(Page page, byte[] tuple, int offset) {
        if (offset <= page.maxOffsetNumber() && page.itemFlags(offset) != Page.LP_UNUSED) {
            // already there: the page was written after this change but its LSN was not (cannot happen
            // with the LSN check, kept as a guard against applying a tuple twice)
            return;
        }
        if (page.addItem(tuple, 0, tuple.length, offset) != offset) {
            throw new SqlException(SqlState.INTERNAL_ERROR, "heap_redo: failed to add tuple at offset " + offset);
        }
    }

    private static void setXmax(Page page, int offset, long xmax, int commandId, int infomask, Tid ctid) {
        if (offset > page.maxOffsetNumber() || page.itemFlags(offset) != Page.LP_NORMAL) {
            throw new SqlException(SqlState.INTERNAL_ERROR, "heap_redo: invalid line pointer " + offset);
        }
        byte[] data = page.data();
        int position = page.itemOffset(offset);
        HeapTupleHeader.setXmax(data, position, xmax);
        HeapTupleHeader.setCommandId(data, position, commandId);
        HeapTupleHeader.setInfomask(data, position, infomask);
        HeapTupleHeader.setCtid(data, position, ctid);
        HeapPruner.markPrunable(page, xmax);
    }

    @Override
    public String describe(WalRecord record) {
        StringBuilder text = new StringBuilder(HeapWalRecords.name(record.info()));
        switch (record.info()) {
            case HeapWalRecords.INSERT -> {
                HeapWalRecords.InsertData insert = HeapWalRecords.InsertData.decode(record.mainData());
                text.append(" off ").append(insert.offset()).append(" flags 0x")
                        .append(String.format("%02X", insert.flags()));
            }
            case HeapWalRecords.MULTI_INSERT -> {
                // as pg_waldump: "ntuples 61, flags 0x01"
                HeapWalRecords.MultiInsertData insert = HeapWalRecords.MultiInsertData.decode(record.mainData());
                text.append(" ntuples ").append(insert.offsets().length).append(" flags 0x")
                        .append(String.format("%02X", insert.flags()));
            }
            case HeapWalRecords.DELETE -> {
                HeapWalRecords.DeleteData delete = HeapWalRecords.DeleteData.decode(record.mainData());
                text.append(" off ").append(delete.offset()).append(" xmax ").append(delete.xmax());
            }
            case HeapWalRecords.CONFIRM, HeapWalRecords.SUPER_DELETE -> text.append(" off ")
                    .append(HeapWalRecords.SpeculativeData.decode(record.mainData()).offset());
            case HeapWalRecords.PRUNE, HeapWalRecords.VACUUM -> {
                HeapWalRecords.PruneData prune = HeapWalRecords.PruneData.decode(record.mainData());
                text.append(" prune xid ").append(prune.pruneXid()).append(" redirected ")
                        .append(prune.redirects().length / 2).append(" dead ").append(prune.dead().length)
                        .append(" unused ").append(prune.unused().length);
            }
            case HeapWalRecords.VISIBLE -> {
                HeapWalRecords.VisibleData visible = HeapWalRecords.VisibleData.decode(record.mainData());
                text.append(" heap blk ").append(Integer.toUnsignedString(visible.heapBlock())).append(" flags 0x")
                        .append(String.format("%02X", visible.flags()));
            }
            case HeapWalRecords.UPDATE -> {
                HeapWalRecords.UpdateData update = HeapWalRecords.UpdateData.decode(record.mainData());
                text.append(" off ").append(update.oldOffset()).append(" xmax ").append(update.xmax())
                        .append(" ; new off ").append(update.newOffset());
            }
            case HeapWalRecords.FREEZE_PAGE -> text.append(" ntuples ")
                    .append(HeapFreezer.decode(record.mainData()).size());
            case HeapWalRecords.INPLACE -> text.append(" off ").append(HeapInplaceUpdate.offset(record.mainData()));
            case HeapWalRecords.LOCK -> {
                HeapWalRecords.LockData lock = HeapWalRecords.LockData.decode(record.mainData());
                text.append(" off ").append(lock.offset()).append(" xmax ").append(lock.xmax())
                        .append(" infomask 0x").append(String.format("%04X", lock.infomask()));
            }
            default -> { }
        }
        for (int i = 0; i < record.blocks().size(); i++) {
            BlockReference block = record.blocks().get(i);
            text.append(", blkref #").append(i).append(": rel ").append(block.relation().tablespaceOid()).append('/')
                    .append(block.relation().databaseOid()).append('/').append(block.relation().relNumber())
                    .append(" blk ").append(Integer.toUnsignedString(block.blockNumber()));
            if (block.pageImage() != null) {
                text.append(" FPW");
            }
        }
        return text.toString();
    }
}
