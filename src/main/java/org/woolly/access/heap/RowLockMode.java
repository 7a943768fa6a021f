package org.woolly.access.heap;

import org.woolly.storage.lmgr.LockMode;

/**
 * The four row-lock strengths of {@code SELECT ... FOR ...} ({@code LockTupleMode}), with the
 * heavyweight mode the lock table holds for each ({@code tupleLockExtraInfo}), whose conflicts
 * are exactly the row-lock conflict table of the manual: KEY SHARE conflicts only with UPDATE,
 * SHARE with NO KEY UPDATE and UPDATE, NO KEY UPDATE with all but KEY SHARE, UPDATE with all.
 */
public enum RowLockMode {
    KEY_SHARE(LockMode.ACCESS_SHARE, "FOR KEY SHARE"),
    SHARE(LockMode.ROW_SHARE, "FOR SHARE"),
    NO_KEY_UPDATE(LockMode.EXCLUSIVE, "FOR NO KEY UPDATE"),
    UPDATE(LockMode.ACCESS_EXCLUSIVE, "FOR UPDATE");

    private final LockMode heavyweight;
    private final String clause;

    RowLockMode(LockMode heavyweight, String clause) {
        this.heavyweight = heavyweight;
        this.clause = clause;
    }

    /** The lock-table mode a locker of this strength holds on the tuple. */
    public LockMode heavyweight() {
        return heavyweight;
    }

    /** The clause as SQL writes it ({@code FOR NO KEY UPDATE}). */
    public String clause() {
        return clause;
    }

    /** The member status a locker of this strength has in a multixact ({@code get_mxact_status_for_lock}, lock-only). */
    org.woolly.access.transam.MultiXacts.MemberStatus lockStatus() {
        return org.woolly.access.transam.MultiXacts.MemberStatus.values()[ordinal()];
    }

    /** The strength of a lock-only member status. */
    static RowLockMode ofLockStatus(org.woolly.access.transam.MultiXacts.MemberStatus status) {
        return values()[status.ordinal()];
    }

    boolean exclusive() {
        return this == NO_KEY_UPDATE || this == UPDATE;
    }
}
