package org.woolly.tcop.engine;

import java.nio.charset.StandardCharsets;
import org.woolly.access.transam.PreparedTransaction;
import org.woolly.access.transam.TopTransaction;
import org.woolly.access.transam.Transaction;
import org.woolly.access.transam.TransactionManager;
import org.woolly.catalog.RoleInfo;
import org.woolly.storage.lmgr.LockManager;
import org.woolly.storage.lmgr.LockTag;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * PREPARE TRANSACTION, COMMIT PREPARED and ROLLBACK PREPARED as a session runs them: the
 * checks PostgreSQL makes in {@code PrepareTransaction}, {@code MarkAsPreparing} and
 * {@code LockGXact} that need the session (its temporary objects, its role, its database),
 * around the transaction manager's two-phase commit.
 */
final class TwoPhaseCommands {
    /** {@code GIDSIZE}: a GID must be shorter than 200 bytes. */
    private static final int GID_SIZE = 200;

    private TwoPhaseCommands() {}

    /**
     * PREPARE TRANSACTION {@code gid} in a block. In PostgreSQL's order: 0A000 for a
     * transaction that operated on temporary objects, 22023 for a GID of 200 bytes or more,
     * 55000 when max_prepared_transactions is 0, then (in the transaction manager) 42710 for a
     * GID in use and 53200 past the limit. Each rolls the transaction back.
     */
    static void prepare(QuerySession session, String gid) {
        int maxPrepared = session.settings.getInt("max_prepared_transactions");
        RoleInfo owner = session.currentRole();
        session.block.prepare(gid, owner.oid(), session.databaseOid(), maxPrepared, transaction -> {
            if (operatedOnTemporaryObjects(session, transaction)) {
                throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED,
                        "cannot PREPARE a transaction that has operated on temporary objects");
            }
            if (gid.getBytes(StandardCharsets.UTF_8).length >= GID_SIZE) {
                throw SqlException.of(SqlState.INVALID_PARAMETER_VALUE, "transaction identifier \"%s\" is too long", gid);
            }
            if (maxPrepared == 0) {
                throw SqlException.of(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE, "prepared transactions are disabled")
                        .withHint("Set max_prepared_transactions to a nonzero value.");
            }
            if (session.notifications.hasPendingActions()) {
                // AtPrepare_Notify: a prepared transaction cannot keep notifications or LISTENs pending
                throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED,
                        "cannot PREPARE a transaction that has executed LISTEN, UNLISTEN, or NOTIFY");
            }
        });
    }

    /**
     * COMMIT PREPARED or ROLLBACK PREPARED ({@code FinishPreparedTransaction}, the caller has
     * refused it inside a block): 42704 for an unknown GID, 55000 if another session is
     * finishing it, 42501 unless the current user prepared it or is a superuser, 0A000 from
     * another database.
     */
    static void finishPrepared(QuerySession session, String gid, boolean commit) {
        TransactionManager transactions = session.storage.transactions();
        PreparedTransaction prepared = transactions.lockPrepared(gid);
        try {
            RoleInfo user = session.currentRole();
            if (user.oid() != prepared.ownerOid() && !user.superuser()) {
                throw SqlException.of(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied to finish prepared transaction")
                        .withHint("Must be superuser or the user that prepared the transaction.");
            }
            if (session.databaseOid() != prepared.databaseOid()) {
                throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED, "prepared transaction belongs to another database")
                        .withHint("Connect to the database where the transaction was prepared to finish it.");
            }
        } catch (RuntimeException refused) {
            transactions.unlockPrepared(prepared);
            throw refused;
        }
        transactions.finishPrepared(prepared, commit);
        if (commit && prepared.recovered() && session.catalog instanceof org.woolly.catalog.DatabaseCatalog catalog) {
            // the catalog changes it may have made were never noted in this run of the server
            catalog.invalidateAll();
        }
    }

    /**
     * Whether the transaction touched a temporary relation ({@code XACT_FLAGS_ACCESSEDTEMPNAMESPACE}):
     * every relation it used is locked by it, so its relation locks tell.
     */
    private static boolean operatedOnTemporaryObjects(QuerySession session, Transaction transaction) {
        LockManager locks = session.storage.transactions().lockManager();
        if (locks == null || !(transaction instanceof TopTransaction top)) {
            return false;
        }
        for (LockManager.HeldLock held : locks.heldLocks(top.ownerId())) {
            if (held.tag() instanceof LockTag.Relation relation && relation.databaseOid() == session.databaseOid()) {
                try {
                    if (session.catalog.relationByOid(transaction, relation.relationOid()).isTemporary()) {
                        return true;
                    }
                } catch (SqlException dropped) {
                    // a relation the transaction dropped again is no temporary object it still holds
                }
            }
        }
        return false;
    }
}
