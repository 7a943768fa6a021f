package org.woolly.access.heap;

import org.woolly.storage.page.Page;

/**
 * In-place updates ({@code heap_inplace_update} and {@code heap_xlog_inplace} of
 * {@code heapam.c}): a tuple's body is overwritten where it is, with no new version, no xmin or
 * xmax change and nothing to roll back. VACUUM writes pg_class.relpages, reltuples,
 * relallvisible and relfrozenxid and pg_database.datfrozenxid so ({@code vac_update_relstats},
 * {@code vac_update_datfrozenxid}): the values describe the storage, which VACUUM changed for
 * good whatever becomes of its transaction, and an update would leave a dead catalog tuple per
 * VACUUM. The rules are PostgreSQL's: the new body has the old one's length (only fixed-width
 * columns change), the page is changed under its exclusive lock inside a critical section, and
 * the INPLACE record is inserted before the page is marked dirty with the record's LSN, so the
 * page reaches disk only after the record does (write-ahead rule); redo overwrites the body again
 * when the page is older than the record.
 */
final class HeapInplaceUpdate {
    private HeapInplaceUpdate() {}

    /**
     * Overwrites the body of the tuple at {@code offset}; also the redo of INPLACE. A line pointer
     * that holds no tuple or a body of another length is a caller's error
     * ({@code "wrong tuple length"} in PostgreSQL).
     */
    static void apply(Page page, int offset, byte[] body) {
        check(page, offset, body);
        int position = page.itemOffset(offset);
        System.arraycopy(body, 0, page.data(), position + HeapTupleHeader.headerLength(page.data(), position),
                body.length);
    }

    /** Whether the tuple at {@code offset} can take {@code body}: checked before the critical section too. */
    static void check(Page page, int offset, byte[] body) {
        if (offset < 1 || offset > page.maxOffsetNumber() || page.itemFlags(offset) != Page.LP_NORMAL) {
            throw new IllegalStateException("invalid lp " + offset + " for an in-place update");
        }
        int position = page.itemOffset(offset);
        if (page.itemLength(offset) - HeapTupleHeader.headerLength(page.data(), position) != body.length) {
            throw new IllegalStateException("wrong tuple length");
        }
    }

    /** Main data of INPLACE ({@code xl_heap_inplace} plus the new body): offset u16, then the body. */
    static byte[] encode(int offset, byte[] body) {
        byte[] bytes = new byte[2 + body.length];
        Page.putShort(bytes, 0, offset);
        System.arraycopy(body, 0, bytes, 2, body.length);
        return bytes;
    }

    static int offset(byte[] mainData) {
        return Page.getUnsignedShort(mainData, 0);
    }

    static byte[] body(byte[] mainData) {
        return java.util.Arrays.copyOfRange(mainData, 2, mainData.length);
    }
}
