package org.woolly.access.heap;

import org.woolly.access.common.Tid;
import org.woolly.storage.page.Page;

/**
 * Field access to a heap tuple header in place, at {@code position} inside a page (or a
 * standalone tuple array with position 0). Counterpart of {@code HeapTupleHeaderData} in
 * {@code src/include/access/htup_details.h}, with 64-bit XIDs; layout in README.md.
 */
final class HeapTupleHeader {
    static final int XMIN_OFFSET = 0;
    static final int XMAX_OFFSET = 8;
    static final int COMMAND_ID_OFFSET = 16;
    static final int CTID_BLOCK_OFFSET = 20;
    static final int CTID_OFFSET_NUMBER_OFFSET = 24;
    static final int INFOMASK_OFFSET = 26;
    static final int HEADER_LENGTH_OFFSET = 28;
    /** Header size, MAXALIGNed; the body starts here ({@code t_hoff}). */
    static final int SIZE = 32;

    /** The command id field holds a combo id (cmin and cmax of the same transaction). */
    static final int COMBO_COMMAND_ID = 0x0020;
    /** Hint: xmin committed. */
    static final int XMIN_COMMITTED = 0x0100;
    /** Hint: xmin aborted (the tuple never existed). */
    static final int XMIN_INVALID = 0x0200;
    /** Hint: xmax committed. */
    static final int XMAX_COMMITTED = 0x0400;
    /** xmax is unset or aborted. */
    static final int XMAX_INVALID = 0x0800;
    /** This tuple is the new version made by an update ({@code HEAP_UPDATED}). */
    static final int IS_NEW_VERSION = 0x2000;
    /** xmax updated (not deleted) the tuple: ctid points to the newer version. */
    static final int UPDATED = 0x4000;

    /**
     * xmax updated the tuple with a heap-only version on the same page: ctid points at the next
     * member of the HOT chain ({@code HEAP_HOT_UPDATED}).
     */
    static final int HOT_UPDATED = 0x1000;
    /** A heap-only tuple: no index entry points at it, only its chain's root ({@code HEAP_ONLY_TUPLE}). */
    static final int HEAP_ONLY = 0x8000;

    /** xmax only locked the tuple (SELECT ... FOR UPDATE/SHARE), it did not delete it ({@code HEAP_XMAX_LOCK_ONLY}). */
    static final int XMAX_LOCK_ONLY = 0x0080;
    /** The lock-only xmax holds an exclusive row lock (FOR UPDATE, FOR NO KEY UPDATE; {@code HEAP_XMAX_EXCL_LOCK}). */
    static final int XMAX_EXCL_LOCK = 0x0040;
    /**
     * FOR KEY SHARE lockers hold the tuple beside its non-key updater xmax, or beside a lock-only
     * xmax whose lockers are not all known: they are in the lock table's tuple locks (what a
     * multixact with an update member would say; see README.md).
     */
    static final int XMAX_SHARED_LOCKERS = 0x0010;
    /** The lock-only xmax is a MultiXactId naming several lockers ({@code HEAP_XMAX_IS_MULTI}). */
    static final int XMAX_IS_MULTI = 0x0004;
    /** The single lock-only xmax holds FOR KEY SHARE, not FOR SHARE ({@code HEAP_XMAX_KEYSHR_LOCK}). */
    static final int XMAX_KEYSHR_LOCK = 0x0002;
    static final int LOCK_BITS = XMAX_LOCK_ONLY | XMAX_EXCL_LOCK | XMAX_SHARED_LOCKERS | XMAX_IS_MULTI
            | XMAX_KEYSHR_LOCK;
    /**
     * xmax deleted the tuple or changed a column of a unique index a foreign key could reference
     * ({@code HEAP_KEYS_UPDATED}): such a writer conflicts with FOR KEY SHARE lockers, a non-key
     * updater (FOR NO KEY UPDATE strength) does not.
     */
    static final int KEYS_UPDATED = 0x0008;

    static final int XMAX_BITS = XMAX_COMMITTED | XMAX_INVALID | UPDATED | HOT_UPDATED | LOCK_BITS | KEYS_UPDATED;
    static final int HINT_BITS = XMIN_COMMITTED | XMIN_INVALID | XMAX_COMMITTED | XMAX_INVALID;

    /**
     * The ctid offset that marks a speculatively inserted tuple, whose ctid block then holds the
     * inserter's speculative token until the insertion is confirmed ({@code SpecTokenOffsetNumber}).
     */
    static final int SPECULATIVE_TOKEN_OFFSET = 0xFFFE;

    /** Largest tuple a page can hold ({@code MaxHeapTupleSize}). */
    static final int MAXIMUM_TUPLE_SIZE = Page.SIZE - Page.HEADER_SIZE - Page.LINE_POINTER_SIZE;

    private HeapTupleHeader() {}

    /** A fresh tuple: header for an insert by {@code xmin} at command {@code commandId}, then the body. */
    static byte[] build(long xmin, int commandId, Tid self, int infomask, byte[] body) {
        byte[] tuple = new byte[SIZE + body.length];
        Page.putLong(tuple, XMIN_OFFSET, xmin);
        Page.putLong(tuple, XMAX_OFFSET, 0);
        Page.putInt(tuple, COMMAND_ID_OFFSET, commandId);
        setCtid(tuple, 0, self);
        Page.putShort(tuple, INFOMASK_OFFSET, infomask | XMAX_INVALID);
        tuple[HEADER_LENGTH_OFFSET] = (byte) SIZE;
        System.arraycopy(body, 0, tuple, SIZE, body.length);
        return tuple;
    }

    static long xmin(byte[] data, int position) {
        return Page.getLong(data, position + XMIN_OFFSET);
    }

    static void setXmin(byte[] data, int position, long xmin) {
        Page.putLong(data, position + XMIN_OFFSET, xmin);
    }

    static long xmax(byte[] data, int position) {
        return Page.getLong(data, position + XMAX_OFFSET);
    }

    static void setXmax(byte[] data, int position, long xmax) {
        Page.putLong(data, position + XMAX_OFFSET, xmax);
    }

    static int commandId(byte[] data, int position) {
        return Page.getInt(data, position + COMMAND_ID_OFFSET);
    }

    static void setCommandId(byte[] data, int position, int commandId) {
        Page.putInt(data, position + COMMAND_ID_OFFSET, commandId);
    }

    static Tid ctid(byte[] data, int position) {
        return new Tid(Page.getInt(data, position + CTID_BLOCK_OFFSET),
                Page.getUnsignedShort(data, position + CTID_OFFSET_NUMBER_OFFSET));
    }

    static void setCtid(byte[] data, int position, Tid tid) {
        Page.putInt(data, position + CTID_BLOCK_OFFSET, tid.block());
        Page.putShort(data, position + CTID_OFFSET_NUMBER_OFFSET, tid.offset());
    }

    /** Whether the tuple is a speculative insertion not yet confirmed ({@code HeapTupleHeaderIsSpeculative}). */
    static boolean isSpeculative(byte[] data, int position) {
        return Page.getUnsignedShort(data, position + CTID_OFFSET_NUMBER_OFFSET) == SPECULATIVE_TOKEN_OFFSET;
    }

    /** The speculative token of a speculative tuple ({@code HeapTupleHeaderGetSpeculativeToken}). */
    static int speculativeToken(byte[] data, int position) {
        return Page.getInt(data, position + CTID_BLOCK_OFFSET);
    }

    static int infomask(byte[] data, int position) {
        return Page.getUnsignedShort(data, position + INFOMASK_OFFSET);
    }

    static void setInfomask(byte[] data, int position, int infomask) {
        Page.putShort(data, position + INFOMASK_OFFSET, infomask);
    }

    static int headerLength(byte[] data, int position) {
        return Byte.toUnsignedInt(data[position + HEADER_LENGTH_OFFSET]);
    }

    /** Copies the body out of a tuple of {@code length} bytes at {@code position}. */
    static byte[] body(byte[] data, int position, int length) {
        int headerLength = headerLength(data, position);
        byte[] body = new byte[length - headerLength];
        System.arraycopy(data, position + headerLength, body, 0, body.length);
        return body;
    }
}
