package org.woolly.catalog;

import org.woolly.access.transam.Transaction;
import org.woolly.storage.lmgr.LockMode;

/**
 * A relation a statement opened, by OID, and the lock mode it took on it ({@code relid} and
 * {@code rellockmode} of a {@code RangeTblEntry}): what running the statement's cached plan in a
 * later transaction must lock again before it checks whether the plan is still valid
 * ({@code AcquireExecutorLocks}). Shared catalogs are locked under database 0.
 */
public record LockedRelation(int databaseOid, int relationOid, LockMode mode) {

    public static LockedRelation of(RelationInfo relation, LockMode mode) {
        return new LockedRelation(relation.locator().databaseOid(), relation.oid(), mode);
    }

    /** Takes the lock for {@code tx} until its end (a no-op when it already holds it). */
    public void lock(Transaction tx) {
        RelationLocks.lock(tx, databaseOid, relationOid, mode);
    }
}
