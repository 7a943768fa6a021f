package org.woolly.catalog;

import org.woolly.access.transam.Snapshot;
import org.woolly.access.transam.Transaction;

/**
 * The catalog side of CREATE / ALTER / DROP TRIGGER ({@code CreateTrigger}, {@code renametrig},
 * {@code EnableDisableTrigger} and {@code RemoveTriggerById} of {@code trigger.c}): one pg_trigger
 * row per trigger, recorded as a change of its table so that plans and catalog images of the
 * table are replaced, ending with a command counter increment.
 */
final class TriggerDdl {
    private final SystemCatalog system;
    private final int databaseOid;

    TriggerDdl(SystemCatalog system, int databaseOid) {
        this.system = system;
        this.databaseOid = databaseOid;
    }

    /** Inserts a new trigger (OID 0) or replaces the row of the trigger with its OID. */
    TriggerInfo store(Transaction tx, TriggerInfo trigger) {
        // psql's \\d and pg_dump read pg_trigger only for tables with relhastriggers
        new RelationDdl(system, databaseOid).markHasTriggers(tx, trigger.relationOid());
        int oid = trigger.oid() != 0 ? trigger.oid() : system.storage().allocateOid();
        TriggerInfo stored = new TriggerInfo(oid, trigger.relationOid(), trigger.name(), trigger.functionOid(),
                trigger.type(), trigger.enabled(), trigger.internal(), trigger.constraintRelationOid(), trigger.constraintOid(),
                trigger.deferrable(), trigger.initiallyDeferred(), trigger.arguments(), trigger.columns(),
                trigger.when(), trigger.oldTable(), trigger.newTable());
        system.noteCatalogChange(tx, trigger.relationOid());
        if (trigger.oid() == 0) {
            system.heap().insert(CatalogDefinitions.PG_TRIGGER, databaseOid, stored.row(), tx);
        } else {
            Snapshot snapshot = tx.takeSnapshot();
            for (CatalogRow row : system.heap().scan(CatalogDefinitions.PG_TRIGGER, databaseOid, snapshot,
                    row -> row.getOid("oid") == oid)) {
                system.heap().update(row, databaseOid, stored.row(), tx, snapshot);
            }
        }
        tx.incrementCommandId();
        return stored;
    }

    void drop(Transaction tx, TriggerInfo trigger) {
        system.noteCatalogChange(tx, trigger.relationOid());
        Snapshot snapshot = tx.takeSnapshot();
        CatalogHeap heap = system.heap();
        for (CatalogRow row : heap.scan(CatalogDefinitions.PG_TRIGGER, databaseOid, snapshot,
                row -> row.getOid("oid") == trigger.oid())) {
            heap.delete(row, databaseOid, tx, snapshot);
        }
        tx.incrementCommandId();
    }
}
