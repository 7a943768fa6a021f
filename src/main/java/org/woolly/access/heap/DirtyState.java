package org.woolly.access.heap;

/**
 * A row version's state under a dirty snapshot ({@link HeapAccess#dirtyState}): {@code xid}
 * is the running transaction to wait for when {@code status} is IN_PROGRESS, else 0;
 * {@code speculativeToken} is not 0 when that transaction's tuple is a speculative insertion
 * not yet confirmed, so the waiter waits for the token instead ({@code SnapshotDirty}'s
 * {@code speculativeToken}).
 */
public record DirtyState(Status status, long xid, int speculativeToken) {
    public enum Status { LIVE, DEAD, IN_PROGRESS }

    public static final DirtyState LIVE = new DirtyState(Status.LIVE, 0, 0);
    public static final DirtyState DEAD = new DirtyState(Status.DEAD, 0, 0);

    public static DirtyState inProgress(long xid) {
        return new DirtyState(Status.IN_PROGRESS, xid, 0);
    }

    /** Inserted by running transaction {@code xid} as speculative insertion {@code token}. */
    public static DirtyState speculative(long xid, int token) {
        return new DirtyState(Status.IN_PROGRESS, xid, token);
    }
}
