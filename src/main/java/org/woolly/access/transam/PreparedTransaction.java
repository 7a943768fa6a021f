package org.woolly.access.transam;

/**
 * One prepared transaction as {@code pg_prepared_xacts} shows it and as COMMIT PREPARED and
 * ROLLBACK PREPARED find it ({@code GlobalTransactionData} of {@code twophase.c}): the XID it
 * still holds, its GID, when it was prepared, and the role and database it belongs to.
 */
public final class PreparedTransaction {
    private final TwoPhaseRecords.State state;
    /** The transaction itself, live or rebuilt by recovery: its proc array entry and locks. */
    final TopTransaction transaction;
    /** False until the PREPARE record is flushed ({@code gxact->valid}). */
    boolean valid;
    /** Whether a backend is finishing it ({@code gxact->locking_backend}); guarded by the registry. */
    boolean busy;
    /** Rebuilt by recovery: its session's onCommit actions (catalog invalidation) are gone. */
    boolean recovered;

    PreparedTransaction(TwoPhaseRecords.State state, TopTransaction transaction) {
        this.state = state;
        this.transaction = transaction;
    }

    public long xid() {
        return state.xid();
    }

    public String gid() {
        return state.gid();
    }

    public long preparedAtMillis() {
        return state.preparedAtMillis();
    }

    public int ownerOid() {
        return state.ownerOid();
    }

    public int databaseOid() {
        return state.databaseOid();
    }

    /**
     * Whether recovery rebuilt it: committing it runs none of the actions its session had
     * registered, so a caller must invalidate what those would have (catalog caches).
     */
    public boolean recovered() {
        return recovered;
    }

    TwoPhaseRecords.State state() {
        return state;
    }
}
