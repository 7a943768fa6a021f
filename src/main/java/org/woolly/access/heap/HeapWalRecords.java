package org.woolly.access.heap;

import java.util.ArrayList;
import java.util.List;

import org.woolly.access.transam.BlockReference;
import org.woolly.access.transam.ResourceManagerIds;
import org.woolly.access.transam.WalRecord;
import org.woolly.storage.page.Page;
import org.woolly.storage.smgr.ForkNumber;
import org.woolly.storage.smgr.RelFileLocator;

/**
 * The heap's WAL records: info codes and the layout of their main data, built by
 * {@link HeapAccessMethod} and read back by {@link HeapRedo}. Counterpart of
 * {@code src/include/access/heapam_xlog.h}; the formats are in README.md. All integers are
 * little-endian.
 */
final class HeapWalRecords {
    /** A tuple was added to block reference 0 ({@code XLOG_HEAP_INSERT}). */
    static final int INSERT = 0x00;
    /** xmax was set on a tuple in block reference 0 ({@code XLOG_HEAP_DELETE}). */
    static final int DELETE = 0x10;
    /** New version into block reference 0, old version's xmax set in block 1 (or 0) ({@code XLOG_HEAP_UPDATE}). */
    static final int UPDATE = 0x20;

    /**
     * Line pointers of block reference 0 made REDIRECT, DEAD or UNUSED and the page compacted,
     * by pruning ({@code XLOG_HEAP2_PRUNE}).
     */
    static final int PRUNE = 0x30;
    /**
     * The same change made by VACUUM's second pass (DEAD line pointers whose index entries are
     * gone become UNUSED), then unused line pointers at the end dropped ({@code XLOG_HEAP2_VACUUM}).
     */
    static final int VACUUM = 0x40;

    /**
     * Several tuples were added to block reference 0 at once, one record per page filled
     * ({@code XLOG_HEAP2_MULTI_INSERT}, written by COPY FROM through {@code heap_multi_insert}).
     */
    static final int MULTI_INSERT = 0x50;

    /**
     * VACUUM set visibility map bits of the heap page in block reference 1 on the map page in
     * block reference 0 and PD_ALL_VISIBLE on the heap page ({@code XLOG_HEAP2_VISIBLE}).
     */
    static final int VISIBLE = 0x60;

    /** A speculative insertion in block reference 0 was confirmed: its ctid names it again ({@code XLOG_HEAP_CONFIRM}). */
    static final int CONFIRM = 0x70;

    /**
     * A speculative insertion in block reference 0 was killed: xmin invalid, dead to everyone
     * ({@code XLOG_HEAP_DELETE} with {@code XLH_DELETE_IS_SUPER}).
     */
    static final int SUPER_DELETE = 0x80;

    /**
     * VACUUM froze tuples of block reference 0: their new xmin, xmax and infomask
     * ({@code XLOG_HEAP2_FREEZE_PAGE}; layout in {@link HeapFreezer#encode}).
     */
    static final int FREEZE_PAGE = 0x90;

    /**
     * The body of a tuple of block reference 0 was overwritten where it is, with no new version
     * ({@code XLOG_HEAP_INPLACE}; layout in {@link HeapInplaceUpdate#encode}).
     */
    static final int INPLACE = 0xA0;

    /**
     * A row lock set a tuple's xmax and infomask in block reference 0 ({@code XLOG_HEAP_LOCK}):
     * main data offset u16, xmax u64 (an XID or a MultiXactId), infomask u16.
     */
    static final int LOCK = 0xB0;
    static final int LOCK_MAIN_DATA_SIZE = 12;

    /** Main data of LOCK. */
    record LockData(int offset, long xmax, int infomask) {
        byte[] encode() {
            byte[] bytes = new byte[LOCK_MAIN_DATA_SIZE];
            Page.putShort(bytes, 0, offset);
            Page.putLong(bytes, 2, xmax);
            Page.putShort(bytes, 10, infomask);
            return bytes;
        }

        static LockData decode(byte[] bytes) {
            return new LockData(Page.getUnsignedShort(bytes, 0), Page.getLong(bytes, 2), Page.getUnsignedShort(bytes, 10));
        }
    }

    /** Flag in INSERT's main data: the tuple is a speculative insertion ({@code XLH_INSERT_IS_SPECULATIVE}). */
    static final int FLAG_SPECULATIVE = 0x02;

    /** Flag in main data: the target page was empty and is (re)initialized by redo ({@code XLOG_HEAP_INIT_PAGE}). */
    static final int FLAG_INIT_PAGE = 0x01;

    static final int INSERT_MAIN_DATA_SIZE = 3;
    static final int DELETE_MAIN_DATA_SIZE = 18;
    static final int UPDATE_MAIN_DATA_SIZE = 21;

    /** Main data of an insert: target offset and flags. */
    record InsertData(int offset, int flags) {
        byte[] encode() {
            byte[] bytes = new byte[INSERT_MAIN_DATA_SIZE];
            Page.putShort(bytes, 0, offset);
            bytes[2] = (byte) flags;
            return bytes;
        }

        static InsertData decode(byte[] bytes) {
            return new InsertData(Page.getUnsignedShort(bytes, 0), Byte.toUnsignedInt(bytes[2]));
        }
    }

    /** Main data of CONFIRM and SUPER_DELETE: the tuple's offset u16 ({@code xl_heap_confirm}). */
    record SpeculativeData(int offset) {
        byte[] encode() {
            byte[] bytes = new byte[2];
            Page.putShort(bytes, 0, offset);
            return bytes;
        }

        static SpeculativeData decode(byte[] bytes) {
            return new SpeculativeData(Page.getUnsignedShort(bytes, 0));
        }
    }

    /** Main data of a delete: target offset and the xmax, command id field and infomask written. */
    record DeleteData(int offset, long xmax, int commandId, int infomask) {
        byte[] encode() {
            byte[] bytes = new byte[DELETE_MAIN_DATA_SIZE];
            Page.putShort(bytes, 0, offset);
            Page.putLong(bytes, 2, xmax);
            Page.putInt(bytes, 10, commandId);
            Page.putShort(bytes, 14, infomask);
            return bytes;
        }

        static DeleteData decode(byte[] bytes) {
            return new DeleteData(Page.getUnsignedShort(bytes, 0), Page.getLong(bytes, 2), Page.getInt(bytes, 10),
                    Page.getUnsignedShort(bytes, 14));
        }
    }

    /**
     * Main data of an update: old and new offsets, the old version's new xmax, command id field
     * and infomask, and flags for the new version's page.
     */
    record UpdateData(int oldOffset, int newOffset, long xmax, int commandId, int oldInfomask, int flags) {
        byte[] encode() {
            byte[] bytes = new byte[UPDATE_MAIN_DATA_SIZE];
            Page.putShort(bytes, 0, oldOffset);
            Page.putShort(bytes, 2, newOffset);
            Page.putLong(bytes, 4, xmax);
            Page.putInt(bytes, 12, commandId);
            Page.putShort(bytes, 16, oldInfomask);
            bytes[18] = (byte) flags;
            return bytes;
        }

        static UpdateData decode(byte[] bytes) {
            return new UpdateData(Page.getUnsignedShort(bytes, 0), Page.getUnsignedShort(bytes, 2),
                    Page.getLong(bytes, 4), Page.getInt(bytes, 12), Page.getUnsignedShort(bytes, 16),
                    Byte.toUnsignedInt(bytes[18]));
        }
    }

    /**
     * Main data of a multi-insert: flags u8, tuple count u16, then each tuple's offset u16. The
     * block data holds the tuples (header + body) one after the other, each preceded by its
     * length u16 ({@code xl_heap_multi_insert} with its {@code xl_multi_insert_tuple}s).
     */
    record MultiInsertData(int flags, int[] offsets) {
        byte[] encode() {
            byte[] bytes = new byte[3 + 2 * offsets.length];
            bytes[0] = (byte) flags;
            Page.putShort(bytes, 1, offsets.length);
            for (int i = 0; i < offsets.length; i++) {
                Page.putShort(bytes, 3 + 2 * i, offsets[i]);
            }
            return bytes;
        }

        static MultiInsertData decode(byte[] bytes) {
            int[] offsets = new int[Page.getUnsignedShort(bytes, 1)];
            for (int i = 0; i < offsets.length; i++) {
                offsets[i] = Page.getUnsignedShort(bytes, 3 + 2 * i);
            }
            return new MultiInsertData(Byte.toUnsignedInt(bytes[0]), offsets);
        }

        /** The block data of a multi-insert: the tuples, each after its length. */
        static byte[] tupleData(List<byte[]> tuples) {
            int size = 0;
            for (byte[] tuple : tuples) {
                size += 2 + tuple.length;
            }
            byte[] data = new byte[size];
            int position = 0;
            for (byte[] tuple : tuples) {
                Page.putShort(data, position, tuple.length);
                System.arraycopy(tuple, 0, data, position + 2, tuple.length);
                position += 2 + tuple.length;
            }
            return data;
        }

        /** The tuples of a multi-insert's block data, {@code count} of them. */
        static List<byte[]> tuples(byte[] data, int count) {
            List<byte[]> tuples = new ArrayList<>(count);
            int position = 0;
            for (int i = 0; i < count; i++) {
                int length = Page.getUnsignedShort(data, position);
                tuples.add(java.util.Arrays.copyOfRange(data, position + 2, position + 2 + length));
                position += 2 + length;
            }
            return tuples;
        }
    }

    /**
     * Main data of PRUNE and VACUUM: the page's new prune XID, then the line pointer changes:
     * {@code redirects} as (from, to) pairs, {@code dead} and {@code unused} offset numbers.
     * Layout: prune XID u64, counts u16 x3, then the offsets u16.
     */
    record PruneData(long pruneXid, int[] redirects, int[] dead, int[] unused) {
        byte[] encode() {
            byte[] bytes = new byte[14 + 2 * (redirects.length + dead.length + unused.length)];
            Page.putLong(bytes, 0, pruneXid);
            Page.putShort(bytes, 8, redirects.length / 2);
            Page.putShort(bytes, 10, dead.length);
            Page.putShort(bytes, 12, unused.length);
            int position = 14;
            for (int[] list : new int[][] {redirects, dead, unused}) {
                for (int offset : list) {
                    Page.putShort(bytes, position, offset);
                    position += 2;
                }
            }
            return bytes;
        }

        static PruneData decode(byte[] bytes) {
            int[] redirects = new int[2 * Page.getUnsignedShort(bytes, 8)];
            int[] dead = new int[Page.getUnsignedShort(bytes, 10)];
            int[] unused = new int[Page.getUnsignedShort(bytes, 12)];
            int position = 14;
            for (int[] list : new int[][] {redirects, dead, unused}) {
                for (int i = 0; i < list.length; i++) {
                    list[i] = Page.getUnsignedShort(bytes, position);
                    position += 2;
                }
            }
            return new PruneData(Page.getLong(bytes, 0), redirects, dead, unused);
        }
    }

    private HeapWalRecords() {}

    static BlockReference block(RelFileLocator relation, int blockNumber, boolean willInit, byte[] pageImage,
                                byte[] data) {
        return new BlockReference(relation, ForkNumber.MAIN, blockNumber, willInit, pageImage, data);
    }

    /** A reference to a visibility map page ({@code _vm} fork). */
    static BlockReference mapBlock(RelFileLocator relation, int blockNumber, byte[] pageImage) {
        return new BlockReference(relation, ForkNumber.VISIBILITY_MAP, blockNumber, false, pageImage, new byte[0]);
    }

    /** Main data of VISIBLE: the heap block u32 and the map bits set u8 ({@code xl_heap_visible}). */
    record VisibleData(int heapBlock, int flags) {
        byte[] encode() {
            byte[] bytes = new byte[5];
            Page.putInt(bytes, 0, heapBlock);
            bytes[4] = (byte) flags;
            return bytes;
        }

        static VisibleData decode(byte[] bytes) {
            return new VisibleData(Page.getInt(bytes, 0), Byte.toUnsignedInt(bytes[4]));
        }
    }

    static WalRecord record(int info, long xid, byte[] mainData, BlockReference... blocks) {
        List<BlockReference> references = new ArrayList<>(List.of(blocks));
        return new WalRecord(ResourceManagerIds.HEAP, info, xid, references, mainData);
    }

    static String name(int info) {
        return switch (info) {
            case INSERT -> "INSERT";
            case DELETE -> "DELETE";
            case UPDATE -> "UPDATE";
            case PRUNE -> "PRUNE";
            case VACUUM -> "VACUUM";
            case MULTI_INSERT -> "MULTI_INSERT";
            case VISIBLE -> "VISIBLE";
            case CONFIRM -> "CONFIRM";
            case SUPER_DELETE -> "SUPER_DELETE";
            case FREEZE_PAGE -> "FREEZE_PAGE";
            case INPLACE -> "INPLACE";
            case LOCK -> "LOCK";
            default -> "UNKNOWN(" + info + ")";
        };
    }
}
