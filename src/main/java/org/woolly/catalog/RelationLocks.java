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

    /**
     * Locks one key value of {@code relation} (by hash) for {@code tx} until it ends: SHARE for a
     * referencing row's check, EXCLUSIVE for a delete or key update of a referenced row.
     */
    public static void lockKey(Transaction tx, RelationInfo relation, long keyHash, LockMode mode) {
        if (tx instanceof TopTransaction transaction) {
            transaction.lockKey(relation.locator().databaseOid(), relation.oid(), keyHash, mode);
        }
    }
}
