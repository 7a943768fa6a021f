package org.woolly.access.heap;

import org.woolly.access.common.Tid;
import org.woolly.access.transam.Transaction;
import org.woolly.access.transam.Wal;
import org.woolly.storage.buffer.Buffer;
import org.woolly.storage.buffer.BufferPool;
import org.woolly.storage.buffer.CriticalSection;
import org.woolly.storage.page.Page;
import org.woolly.storage.smgr.RelFileLocator;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * The end of a speculative insertion ({@code heap_finish_speculative} and
 * {@code heap_abort_speculative} in {@code heapam.c}): the tuple {@link HeapAccess#insertSpeculative}
 * placed with its speculative token in ctid is either confirmed (ctid := its own TID) or
 * super-deleted (xmin := 0 with the XMIN_INVALID hint, so every visibility rule treats it as
 * inserted by an aborted transaction while its inserter goes on). Each change is made under the
 * page's exclusive lock inside a critical section and WAL-logged (CONFIRM, SUPER_DELETE); redo
 * applies the same {@link #confirm(Page, Tid)} / {@link #superDelete(Page, Tid)}.
 */
final class SpeculativeInsertions {
    private final HeapAccessMethod heap;
    private final BufferPool bufferPool;
    private final Wal wal;

    SpeculativeInsertions(HeapAccessMethod heap, BufferPool bufferPool, Wal wal) {
        this.heap = heap;
        this.bufferPool = bufferPool;
        this.wal = wal;
    }

    void finish(RelFileLocator relation, Tid tid, Transaction tx) {
        change(relation, tid, tx, HeapWalRecords.CONFIRM, page -> confirm(page, tid));
    }

    void abort(RelFileLocator relation, Tid tid, Transaction tx) {
        change(relation, tid, tx, HeapWalRecords.SUPER_DELETE, page -> superDelete(page, tid));
    }

    private interface PageChange {
        void apply(Page page);
    }

    private void change(RelFileLocator relation, Tid tid, Transaction tx, int info, PageChange change) {
        Buffer buffer = bufferPool.read(relation, tid.block());
        buffer.lockExclusive();
        try {
            Page page = buffer.page();
            int position = speculativePosition(page, tid.offset());
            long xid = HeapTupleHeader.xmin(page.data(), position);
            if (!tx.isCurrentXid(xid)) {
                throw new SqlException(SqlState.INTERNAL_ERROR,
                        "attempted to finish or kill another transaction's speculative insertion");
            }
            long lsnBefore = page.lsn();
            byte[] mainData = new HeapWalRecords.SpeculativeData(tid.offset()).encode();
            CriticalSection.run(bufferPool.panicState(), "heap speculative insertion end", () -> {
                change.apply(page);
                page.setLsn(heap.logChange(redo -> HeapWalRecords.record(info, xid, mainData,
                        HeapWalRecords.block(relation, tid.block(), false,
                                wal.needsFullPageImage(lsnBefore, redo) ? HeapAccessMethod.pageImage(page) : null,
                                new byte[0]))));
                bufferPool.markDirty(buffer);
            });
        } finally {
            bufferPool.unlockAndRelease(buffer);
        }
    }

    /** Position of the speculative tuple at {@code offset}; an internal error if there is none. */
    private static int speculativePosition(Page page, int offset) {
        if (offset < 1 || offset > page.maxOffsetNumber() || page.itemFlags(offset) != Page.LP_NORMAL
                || !HeapTupleHeader.isSpeculative(page.data(), page.itemOffset(offset))) {
            throw new SqlException(SqlState.INTERNAL_ERROR, "attempted to end a speculative insertion at offset "
                    + offset + " that is not speculative");
        }
        return page.itemOffset(offset);
    }

    /** The confirmation: the tuple's ctid names itself again. Also the redo of CONFIRM. */
    static void confirm(Page page, Tid self) {
        HeapTupleHeader.setCtid(page.data(), speculativePosition(page, self.offset()), self);
    }

    /**
     * The super-delete: xmin invalid and hinted so, ctid back to the tuple itself (as a dead
     * tuple's), the page marked prunable by the inserter. Also the redo of SUPER_DELETE.
     */
    static void superDelete(Page page, Tid self) {
        byte[] data = page.data();
        int position = speculativePosition(page, self.offset());
        long inserter = HeapTupleHeader.xmin(data, position);
        HeapTupleHeader.setXmin(data, position, 0);
        HeapTupleHeader.setInfomask(data, position, (HeapTupleHeader.infomask(data, position)
                & ~HeapTupleHeader.XMIN_COMMITTED) | HeapTupleHeader.XMIN_INVALID);
        HeapTupleHeader.setCtid(data, position, self);
        HeapPruner.markPrunable(page, inserter);
    }
}
