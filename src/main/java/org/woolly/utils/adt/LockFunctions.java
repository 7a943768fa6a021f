package org.woolly.utils.adt;

import java.util.List;

/**
 * What the lock functions ask of the session ({@code src/backend/utils/adt/lockfuncs.c}): advisory
 * locks at session or transaction level and the wait-for information of {@code pg_blocking_pids}.
 * The session implements it over the server's lock manager; the functions never reach it another way.
 *
 * <p>An advisory key is {@code kind} 1 for a bigint key, or {@code kind} 2 for two int keys packed
 * as {@code key1 << 32 | key2} (PostgreSQL's {@code SET_LOCKTAG_INT64} and {@code SET_LOCKTAG_INT32}).
 */
public interface LockFunctions {

    /**
     * Takes an advisory lock (ShareLock if {@code shared}, else ExclusiveLock), held by the session
     * until unlocked or disconnect, or by the transaction until it ends. With {@code wait} false
     * returns false instead of waiting.
     */
    boolean advisoryLock(long key, int kind, boolean shared, boolean sessionLevel, boolean wait);

    /** Releases one session-level hold; false, with PostgreSQL's WARNING, if the session holds none. */
    boolean advisoryUnlock(long key, int kind, boolean shared);

    /** Releases every session-level advisory lock of the session. */
    void advisoryUnlockAll();

    /** The pids of the backends that block backend {@code pid}'s lock wait; empty when it does not wait. */
    List<Integer> blockingPids(int pid);

    /** One prepared transaction as {@code pg_prepared_xact()} returns it. */
    record PreparedTransactionRow(long xid, String gid, long preparedAtMillis, int ownerOid, int databaseOid) {}

    /** The prepared transactions ({@code pg_prepared_xact}), oldest first. */
    default List<PreparedTransactionRow> preparedTransactions() {
        return List.of();
    }

    /** One member of a multixact as {@code pg_get_multixact_members} returns it. */
    record MultiXactMemberRow(long xid, String mode) {}

    /**
     * The members of MultiXactId {@code multi} ({@code pg_get_multixact_members}); an id not yet
     * created is XX000 "MultiXactId N has not been created yet -- apparent wraparound".
     */
    default List<MultiXactMemberRow> multiXactMembers(long multi) {
        throw new org.woolly.utils.error.SqlException(org.woolly.utils.error.SqlState.INTERNAL_ERROR,
                "MultiXactId " + multi + " has not been created yet -- apparent wraparound");
    }

    /** The next MultiXactId to be handed out ({@code ReadNextMultiXactId}), for mxid_age. */
    default long nextMultiXactId() {
        return 1;
    }

    /** Every lock held or awaited in the server, as pg_locks shows them ({@code pg_lock_status}). */
    default List<LockStatusRow> lockStatus() {
        return List.of();
    }
}
