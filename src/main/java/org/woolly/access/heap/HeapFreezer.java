package org.woolly.access.heap;

import java.util.ArrayList;
import java.util.List;

import org.woolly.access.transam.TransactionManager;
import org.woolly.access.transam.XidStatus;
import org.woolly.storage.page.Page;

/**
 * Freezing ({@code heap_prepare_freeze_tuple}, {@code heap_execute_freeze_tuple} and
 * {@code heap_xlog_freeze_page} of {@code heapam.c}). XIDs are 64 bits and never wrap, so
 * freezing is not about wraparound here: it removes every XID below a cutoff from the page, so
 * that no visibility check needs the commit log for it again and pg_xact below the frozen-XID
 * horizon can go ({@code TruncateCLOG}).
 *
 * <p>Rules for an XID below the cutoff (the cutoff is at most the xmin horizon, so none of them
 * is running):
 * <ul>
 *   <li>a committed xmin becomes {@code FrozenTransactionId} (2) with XMIN_COMMITTED (the
 *   pre-9.4 PostgreSQL form: the raw xmin is not kept), an aborted one 0 with XMIN_INVALID (the
 *   tuple is dead to every rule, as a super-deleted one);</li>
 *   <li>an xmax that only locked the row or aborted becomes 0 with XMAX_INVALID and the lock
 *   and update bits cleared (PostgreSQL's {@code FRM_INVALIDATE_XMAX}); a committed deleter
 *   (left where pruning may not remove the tuple: the system catalogs) becomes 2 with
 *   XMAX_COMMITTED, so the tuple stays deleted for everyone; an xmax with XMAX_SHARED_LOCKERS
 *   is kept (the other lockers are in the lock table and may be running); a lock-only
 *   MultiXactId goes when all its members have ended, else stays ({@code FreezeMultiXactId});</li>
 *   <li>an xmax field already marked XMAX_INVALID is zeroed.</li>
 * </ul>
 * The XIDs left on the page after that bound the table's new relfrozenxid from above.
 */
final class HeapFreezer {
    private HeapFreezer() {}

    /** One tuple's header after freezing ({@code xl_heap_freeze_tuple}). */
    record FrozenTuple(int offset, long xmin, long xmax, int infomask) {}

    /**
     * What freezing does to a page.
     *
     * @param tuples         the changed headers, by offset ascending
     * @param oldestUnfrozen the oldest normal XID left on the page afterwards, or {@link Long#MAX_VALUE}
     * @param allFrozen      every tuple on the page has neither a normal xmin nor a valid xmax
     */
    record Plan(List<FrozenTuple> tuples, long oldestUnfrozen, boolean allFrozen) {}

    /** The first XID that names a real transaction ({@code FirstNormalTransactionId}). */
    static final long FIRST_NORMAL_XID = 3;
    static final long FROZEN_XID = 2;

    /** {@code heap_prepare_freeze_tuple} over every tuple of a page, under its exclusive lock. */
    static Plan prepare(Page page, long cutoff, TransactionManager transactions) {
        byte[] data = page.data();
        List<FrozenTuple> changed = new ArrayList<>();
        long oldest = Long.MAX_VALUE;
        boolean allFrozen = true;
        for (int offset = 1; offset <= page.maxOffsetNumber(); offset++) {
            if (page.itemFlags(offset) != Page.LP_NORMAL) {
                continue;
            }
            int position = page.itemOffset(offset);
            long xmin = HeapTupleHeader.xmin(data, position);
            long xmax = HeapTupleHeader.xmax(data, position);
            int infomask = HeapTupleHeader.infomask(data, position);
            long newXmin = xmin;
            long newXmax = xmax;
            int newMask = infomask;
            if (xmin >= FIRST_NORMAL_XID && xmin < cutoff) {
                boolean committed = (infomask & HeapTupleHeader.XMIN_COMMITTED) != 0
                        || (infomask & HeapTupleHeader.XMIN_INVALID) == 0
                        && transactions.status(xmin) == XidStatus.COMMITTED;
                if (committed) {
                    newXmin = FROZEN_XID;
                    newMask = (newMask & ~HeapTupleHeader.XMIN_INVALID) | HeapTupleHeader.XMIN_COMMITTED;
                } else {
                    newXmin = 0;
                    newMask = (newMask & ~HeapTupleHeader.XMIN_COMMITTED) | HeapTupleHeader.XMIN_INVALID;
                }
            }
            boolean multi = (infomask & HeapTupleHeader.XMAX_IS_MULTI) != 0;
            if ((infomask & HeapTupleHeader.XMAX_INVALID) != 0) {
                if (multi || xmax >= FIRST_NORMAL_XID && xmax < cutoff) {
                    newXmax = 0;
                    newMask &= ~HeapTupleHeader.XMAX_IS_MULTI;
                }
            } else if (multi) {
                // FreezeMultiXactId: a lock-only multixact whose lockers have all ended names nobody
                if (new HeapLockers(transactions).allEnded(xmax)) {
                    newXmax = 0;
                    newMask = (newMask & ~HeapTupleHeader.XMAX_BITS) | HeapTupleHeader.XMAX_INVALID;
                }
            } else if (xmax >= FIRST_NORMAL_XID && xmax < cutoff
                    && (infomask & HeapTupleHeader.XMAX_SHARED_LOCKERS) == 0) {
                boolean lockOnly = (infomask & HeapTupleHeader.XMAX_LOCK_ONLY) != 0;
                boolean committed = !lockOnly && ((infomask & HeapTupleHeader.XMAX_COMMITTED) != 0
                        || transactions.status(xmax) == XidStatus.COMMITTED);
                if (committed) {
                    newXmax = FROZEN_XID;
                    newMask |= HeapTupleHeader.XMAX_COMMITTED;
                } else {
                    newXmax = 0;
                    newMask = (newMask & ~HeapTupleHeader.XMAX_BITS) | HeapTupleHeader.XMAX_INVALID;
                }
            }
            if (newXmin != xmin || newXmax != xmax || newMask != infomask) {
                changed.add(new FrozenTuple(offset, newXmin, newXmax, newMask));
            }
            if (newXmin >= FIRST_NORMAL_XID) {
                oldest = Math.min(oldest, newXmin);
                allFrozen = false;
            }
            if ((newMask & HeapTupleHeader.XMAX_INVALID) == 0) {
                allFrozen = false;
                if (newXmax >= FIRST_NORMAL_XID && (newMask & HeapTupleHeader.XMAX_IS_MULTI) == 0) {
                    oldest = Math.min(oldest, newXmax);
                }
            }
        }
        return new Plan(List.copyOf(changed), oldest, allFrozen);
    }

    /** {@code heap_execute_freeze_tuple} for each planned tuple: by the change and by redo alike. */
    static void apply(Page page, List<FrozenTuple> tuples) {
        byte[] data = page.data();
        for (FrozenTuple tuple : tuples) {
            if (tuple.offset() > page.maxOffsetNumber() || page.itemFlags(tuple.offset()) != Page.LP_NORMAL) {
                throw new IllegalStateException("freeze of line pointer " + tuple.offset() + " that holds no tuple");
            }
            int position = page.itemOffset(tuple.offset());
            HeapTupleHeader.setXmin(data, position, tuple.xmin());
            HeapTupleHeader.setXmax(data, position, tuple.xmax());
            HeapTupleHeader.setInfomask(data, position, tuple.infomask());
        }
    }

    /** Main data of FREEZE_PAGE: count u16, then per tuple offset u16, xmin u64, xmax u64, infomask u16. */
    static byte[] encode(List<FrozenTuple> tuples) {
        byte[] bytes = new byte[2 + TUPLE_SIZE * tuples.size()];
        Page.putShort(bytes, 0, tuples.size());
        int position = 2;
        for (FrozenTuple tuple : tuples) {
            Page.putShort(bytes, position, tuple.offset());
            Page.putLong(bytes, position + 2, tuple.xmin());
            Page.putLong(bytes, position + 10, tuple.xmax());
            Page.putShort(bytes, position + 18, tuple.infomask());
            position += TUPLE_SIZE;
        }
        return bytes;
    }

    static List<FrozenTuple> decode(byte[] bytes) {
        int count = Page.getUnsignedShort(bytes, 0);
        List<FrozenTuple> tuples = new ArrayList<>(count);
        int position = 2;
        for (int i = 0; i < count; i++) {
            tuples.add(new FrozenTuple(Page.getUnsignedShort(bytes, position), Page.getLong(bytes, position + 2),
                    Page.getLong(bytes, position + 10), Page.getUnsignedShort(bytes, position + 18)));
            position += TUPLE_SIZE;
        }
        return tuples;
    }

    private static final int TUPLE_SIZE = 20;
}
