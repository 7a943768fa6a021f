package org.woolly.access.nbtree;

import org.woolly.access.common.Tid;
import org.woolly.utils.error.SqlException;

/**
 * How a unique index asks about the heap rows its equal keys point at (PostgreSQL fetches them
 * with a dirty snapshot in {@code _bt_check_unique}); implemented by the caller, which knows
 * the heap, and used to word the 23505 error, which needs column names and output functions.
 */
public interface HeapProbe {

    /** The state of the heap row at {@code tid} as a uniqueness check sees it. */
    RowState state(Tid tid);

    /** The error for a duplicate of {@code values}: {@code 23505 duplicate key value violates ...}. */
    SqlException duplicate(Object[] values);

    /** A row's state for the uniqueness check. */
    sealed interface RowState {
        /** Inserted by a committed transaction (or this one) and not deleted by a committed one: a conflict. */
        record Live() implements RowState {}

        /** Never committed, or deleted by a committed transaction: no conflict. */
        record Dead() implements RowState {}

        /**
         * Inserted or deleted by a transaction still running: wait for {@code xid}, then ask
         * again; for a speculative insertion not yet confirmed ({@code speculativeToken} not 0),
         * wait for that token instead.
         */
        record InProgress(long xid, int speculativeToken) implements RowState {
            public InProgress(long xid) {
                this(xid, 0);
            }
        }
    }
}
