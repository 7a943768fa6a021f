package org.woolly.access.nbtree;

import java.util.ArrayList;
import java.util.List;
import org.woolly.access.transam.BlockReference;
import org.woolly.access.transam.ResourceManagerIds;
import org.woolly.access.transam.WalRecord;
import org.woolly.storage.page.Page;
import org.woolly.storage.smgr.ForkNumber;
import org.woolly.storage.smgr.RelFileLocator;

/**
 * The B-tree's WAL records ({@code nbtxlog.h}), built by {@link BTreeAccessMethod} and replayed
 * by {@link BTreeRedo}; formats in README.md. Integers are little-endian.
 */
final class BTreeWalRecords {
    /** One tuple added to the leaf in block reference 0 at the offset in main data ({@code XLOG_BTREE_INSERT_LEAF}). */
    static final int INSERT_LEAF = 0x00;
    /**
     * Every page changed by one insertion that split pages (both halves, the old right sibling,
     * the parents, a new root and the metapage), each as a full-page image, so the split and
     * its downlink are replayed as one atomic change ({@code XLOG_BTREE_SPLIT_L/R} +
     * {@code INSERT_UPPER} + {@code NEWROOT} folded together).
     */
    static final int SPLIT = 0x10;
    /** Pages written whole by an index build, as full-page images ({@code log_newpage}). */
    static final int NEWPAGES = 0x20;

    /**
     * Leaves from which VACUUM removed entries pointing at dead heap tuples, as full-page images
     * ({@code XLOG_BTREE_VACUUM}, which PostgreSQL logs as a list of deleted offsets).
     */
    static final int VACUUM = 0x30;

    /**
     * The first step of a page deletion ({@code XLOG_BTREE_MARK_PAGE_HALFDEAD}): the parent
     * without the empty leaf's downlink (its key space given to the right sibling) and the leaf
     * marked half-dead, as full-page images.
     */
    static final int MARK_PAGE_HALFDEAD = 0x70;

    /**
     * The second step ({@code XLOG_BTREE_UNLINK_PAGE}): the left and right siblings linked to
     * each other and the leaf marked deleted with its safe XID, as full-page images.
     */
    static final int UNLINK_PAGE = 0x80;

    static final int INSERT_MAIN_DATA_SIZE = 2;

    private BTreeWalRecords() {}

    static WalRecord insertLeaf(RelFileLocator index, long xid, int block, int offset, byte[] tuple, byte[] pageImage) {
        byte[] main = new byte[INSERT_MAIN_DATA_SIZE];
        Page.putShort(main, 0, offset);
        return new WalRecord(ResourceManagerIds.BTREE, INSERT_LEAF, xid,
                List.of(new BlockReference(index, ForkNumber.MAIN, block, false, pageImage, tuple)), main);
    }

    /** A record carrying whole pages: {@code images} in the order of {@code blocks}. */
    static WalRecord pages(int info, RelFileLocator index, long xid, List<Integer> blocks, List<byte[]> images) {
        List<BlockReference> references = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            references.add(new BlockReference(index, ForkNumber.MAIN, blocks.get(i), true, images.get(i), new byte[0]));
        }
        return new WalRecord(ResourceManagerIds.BTREE, info, xid, references, new byte[0]);
    }

    static String name(int info) {
        return switch (info) {
            case INSERT_LEAF -> "INSERT_LEAF";
            case SPLIT -> "SPLIT";
            case NEWPAGES -> "NEWPAGES";
            case VACUUM -> "VACUUM";
            case MARK_PAGE_HALFDEAD -> "MARK_PAGE_HALFDEAD";
            case UNLINK_PAGE -> "UNLINK_PAGE";
            default -> "UNKNOWN(" + info + ")";
        };
    }
}
