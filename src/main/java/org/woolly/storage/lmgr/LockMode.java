package org.woolly.storage.lmgr;

/**
 * Table-level lock modes and their conflicts, as in PostgreSQL's {@code lock.c}
 * ({@code LockConflicts}) and the "Table-Level Lock Modes" table of the manual.
 */
public enum LockMode {
    ACCESS_SHARE("AccessShareLock"),
    ROW_SHARE("RowShareLock"),
    ROW_EXCLUSIVE("RowExclusiveLock"),
    SHARE_UPDATE_EXCLUSIVE("ShareUpdateExclusiveLock"),
    SHARE("ShareLock"),
    SHARE_ROW_EXCLUSIVE("ShareRowExclusiveLock"),
    EXCLUSIVE("ExclusiveLock"),
    ACCESS_EXCLUSIVE("AccessExclusiveLock");

    private final String displayName;

    LockMode(String displayName) {
        this.displayName = displayName;
    }

    /** The name PostgreSQL shows in pg_locks and in deadlock reports. */
    public String displayName() {
        return displayName;
    }

    public boolean conflictsWith(LockMode other) {
        return switch (this) {
            case ACCESS_SHARE -> other == ACCESS_EXCLUSIVE;
            case ROW_SHARE -> other.ordinal() >= EXCLUSIVE.ordinal();
            case ROW_EXCLUSIVE -> other.ordinal() >= SHARE.ordinal();
            case SHARE_UPDATE_EXCLUSIVE -> other.ordinal() >= SHARE_UPDATE_EXCLUSIVE.ordinal();
            case SHARE -> other == ROW_EXCLUSIVE || other == SHARE_UPDATE_EXCLUSIVE
                    || other.ordinal() >= SHARE_ROW_EXCLUSIVE.ordinal();
            case SHARE_ROW_EXCLUSIVE -> other.ordinal() >= ROW_EXCLUSIVE.ordinal();
            case EXCLUSIVE -> other.ordinal() >= ROW_SHARE.ordinal();
            case ACCESS_EXCLUSIVE -> true;
        };
    }
}
