package org.woolly.access.heap;

/**
 * A row version's state under a dirty snapshot ({@link HeapAccess#dirtyState}): {@code xid}
 * is the running transaction to wait for when {@code status} is IN_PROGRESS, else 0.
 */
public record DirtyState(Status status, long xid) {
    public enum Status { LIVE, DEAD, IN_PROGRESS }

    public static final DirtyState LIVE = new DirtyState(Status.LIVE, 0);
    public static final DirtyState DEAD = new DirtyState(Status.DEAD, 0);

    public static DirtyState inProgress(long xid) {
        return new DirtyState(Status.IN_PROGRESS, xid);
    }
}
