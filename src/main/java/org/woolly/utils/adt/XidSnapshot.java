package org.woolly.utils.adt;

import java.util.Arrays;

/**
 * A value of pg_snapshot (and of its older name txid_snapshot): which transactions a snapshot
 * sees, with full 64-bit XIDs ({@code pg_snapshot} of {@code xid8funcs.c}). Every XID below
 * {@code xmin} had ended; every one from {@code xmax} up had not started; {@code inProgress},
 * ascending, lists those between that were still running.
 */
public record XidSnapshot(long xmin, long xmax, long[] inProgress) {

    /**
     * {@code pg_visible_in_snapshot}: whether a transaction's work is visible to the snapshot,
     * if it committed.
     */
    public boolean visible(long xid) {
        if (Long.compareUnsigned(xid, xmin) < 0) {
            return true;
        }
        if (Long.compareUnsigned(xid, xmax) >= 0) {
            return false;
        }
        return Arrays.binarySearch(inProgress, xid) < 0;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof XidSnapshot that && xmin == that.xmin && xmax == that.xmax
                && Arrays.equals(inProgress, that.inProgress);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(xmin) * 31 + Arrays.hashCode(inProgress);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        text.append(Long.toUnsignedString(xmin)).append(':').append(Long.toUnsignedString(xmax)).append(':');
        for (int i = 0; i < inProgress.length; i++) {
            text.append(i > 0 ? "," : "").append(Long.toUnsignedString(inProgress[i]));
        }
        return text.toString();
    }
}
