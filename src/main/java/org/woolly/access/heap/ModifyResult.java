package org.woolly.access.heap;

import org.woolly.access.common.Tid;

/**
 * The outcome of an update or delete ({@code TM_Result} in {@code tableam.h}). After a
 * concurrent transaction's change the heap has already waited for it to end; UPDATED carries
 * the newer version's TID so READ COMMITTED can re-check it; DELETED means the row is gone.
 */
public record ModifyResult(Status status, Tid newTid, boolean heapOnly) {
    /** A result whose new version (if any) got index entries of its own (not a HOT update). */
    public ModifyResult(Status status, Tid newTid) {
        this(status, newTid, false);
    }

    public enum Status {
        /**
         * Done; {@code newTid} is the new version's TID for an update, and {@code heapOnly} says
         * it is a heap-only tuple (HOT): the caller adds no index entries for it.
         */
        OK,
        /** The tuple was changed by a later command of this same transaction: skip it. */
        SELF_MODIFIED,
        /** A concurrent transaction committed an update; {@code newTid} points at its version. */
        UPDATED,
        /** A concurrent transaction committed a delete. */
        DELETED,
        /** A row lock asked not to wait (NOWAIT, SKIP LOCKED) and the row is locked or being changed ({@code TM_WouldBlock}). */
        WOULD_BLOCK
    }
}
