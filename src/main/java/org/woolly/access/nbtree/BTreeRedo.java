package org.woolly.access.nbtree;

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
 * Redo of B-tree WAL records ({@code btree_redo} in {@code nbtxlog.c}). A full-page image is
 * restored as is; a compact leaf insert is applied only if the page LSN is older than the
 * record's end, so replaying twice is harmless. The page LSN then becomes the record's end.
 */
final class BTreeRedo implements ResourceManager {
    private final BufferPool bufferPool;

    BTreeRedo(BufferPool bufferPool) {
        this.bufferPool = bufferPool;
    }

    @Override
    public int id() {
        return ResourceManagerIds.BTREE;
    }

    @Override
    public String name() {
        return "Btree";
    }

    @Override
    public void redo(WalRecord record, long endLsn) {
        switch (record.info()) {
            case BTreeWalRecords.INSERT_LEAF -> {
                int offset = Page.getUnsignedShort(record.mainData(), 0);
                BlockReference target = record.blocks().get(0);
                Buffer buffer = bufferPool.readForRedo(target.relation(), target.fork(), target.blockNumber(),
                        target.pageImage() != null);
                try {
                    Page page = buffer.page();
                    if (target.pageImage() != null) {
                        System.arraycopy(target.pageImage(), 0, buffer.data(), 0, Page.SIZE);
                    } else if (!page.isNew() && page.lsn() >= endLsn) {
                        return;
                    } else {
                        if (page.isNew() || !BTreePage.hasRoomFor(page, target.data().length)) {
                            throw new SqlException(SqlState.INTERNAL_ERROR,
                                    "btree_redo: failed to add item to block " + target.blockNumber());
                        }
                        BTreePage.insertItem(page, offset, target.data());
                    }
                    buffer.page().setLsn(endLsn);
                    bufferPool.markDirty(buffer);
                } finally {
                    bufferPool.unlockAndRelease(buffer);
                }
            }
            case BTreeWalRecords.SPLIT, BTreeWalRecords.NEWPAGES, BTreeWalRecords.VACUUM,
                 BTreeWalRecords.MARK_PAGE_HALFDEAD, BTreeWalRecords.UNLINK_PAGE -> {
                for (BlockReference block : record.blocks()) {
                    bufferPool.restorePageImage(block.relation(), block.fork(), block.blockNumber(), block.pageImage(),
                            endLsn);
                }
            }
            default -> throw new SqlException(SqlState.INTERNAL_ERROR, "btree_redo: unknown op code " + record.info());
        }
    }

    @Override
    public String describe(WalRecord record) {
        StringBuilder text = new StringBuilder(BTreeWalRecords.name(record.info()));
        if (record.info() == BTreeWalRecords.INSERT_LEAF) {
            text.append(" off ").append(Page.getUnsignedShort(record.mainData(), 0));
        }
        for (int i = 0; i < record.blocks().size(); i++) {
            BlockReference block = record.blocks().get(i);
            text.append(i == 0 ? ", " : "; ").append("blkref #").append(i).append(": rel ")
                    .append(block.relation().tablespaceOid()).append('/').append(block.relation().databaseOid())
                    .append('/').append(block.relation().relNumber()).append(" blk ")
                    .append(Integer.toUnsignedString(block.blockNumber()));
            if (block.pageImage() != null) {
                text.append(" FPW");
            }
        }
        return text.toString();
    }
}
