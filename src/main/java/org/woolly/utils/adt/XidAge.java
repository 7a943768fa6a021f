package org.woolly.utils.adt;

/**
 * {@code age(xid)} and {@code mxid_age(xid)} ({@code xid_age} and {@code mxid_age} of
 * {@code xid.c}). Woolly's XIDs are 64 bits and never wrap, so the age is the plain distance;
 * PostgreSQL returns it as int4, and so does Woolly, clamped to int4's range (a distance of more
 * than 2^31 - 1 XIDs reads as 2147483647, which PostgreSQL's 32-bit XIDs could never reach).
 */
public final class XidAge {
    private XidAge() {}

    /** The first XID that names a real transaction ({@code FirstNormalTransactionId}). */
    private static final long FIRST_NORMAL_XID = 3;

    /** A 64-bit XID distance as the int4 PostgreSQL's age functions return. */
    public static int clamp(long distance) {
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, distance));
    }

    /**
     * {@code xid_age}: from the current transaction's XID if it has one, else the next XID to be
     * assigned ({@code GetStableLatestTransactionId}); a special XID (0, 1, 2) is infinitely
     * old, INT_MAX.
     */
    static int xidAge(long xid, FunctionContext context) {
        if (xid < FIRST_NORMAL_XID) {
            return Integer.MAX_VALUE;
        }
        Long own = context.currentTransactionIdIfAssigned();
        long now = own != null ? own : context.currentSnapshot().xmax();
        return clamp(now - xid);
    }

    /**
     * {@code mxid_age}: the distance from the next MultiXactId to be handed out (64-bit, never
     * wrapping, clamped like age); 0 (invalid) is INT_MAX.
     */
    static int multiXactAge(long multiXactId, long nextMultiXactId) {
        return multiXactId == 0 ? Integer.MAX_VALUE : clamp(nextMultiXactId - multiXactId);
    }
}
