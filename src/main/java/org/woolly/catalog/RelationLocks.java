package org.woolly.catalog;

import org.woolly.access.transam.TopTransaction;
import org.woolly.access.transam.Transaction;
import org.woolly.storage.lmgr.LockMode;

/**
 * Relation locks held until the end of the transaction ({@code LockRelationOid} in
 * {@code lmgr.c}). The lock manager is reached through the server's transaction
 * ({@link TopTransaction}); other Transaction implementations (test fakes) take no locks.
 */
public final class RelationLocks {

    private RelationLocks() {}

    /** Locks the relation in {@code mode} for {@code tx}, waiting for conflicting holders (40P01 on deadlock). */
    public static void lock(Transaction tx, RelationInfo relation, LockMode mode) {
        lock(tx, relation.locator().databaseOid(), relation.oid(), mode);
    }

    /** Locks by OID; shared catalogs are locked under database 0, as in PostgreSQL. */
    public static void lock(Transaction tx, int databaseOid, int relationOid, LockMode mode) {
        if (tx instanceof TopTransaction transaction) {
            transaction.lockRelation(databaseOid, relationOid, mode);
        }
    }
}
