package org.woolly.catalog;

import org.woolly.access.transam.Snapshot;
import org.woolly.access.transam.Transaction;

/**
 * The catalog side of CREATE / DROP AGGREGATE and CREATE / DROP CAST ({@code AggregateCreate} in
 * {@code pg_aggregate.c}, {@code RemoveAggregate}'s rows; {@code CreateCast} and
 * {@code DropCastById} in {@code functioncmds.c}): an aggregate is a pg_proc row (kind 'a') and
 * a pg_aggregate row of the same OID, a cast one pg_cast row; each change is recorded as a
 * catalog change so every session's catalog image sees it once the transaction commits.
 */
final class AggregateDdl {
    private final SystemCatalog system;
    private final int databaseOid;

    AggregateDdl(SystemCatalog system, int databaseOid) {
        this.system = system;
        this.databaseOid = databaseOid;
    }

    /** Stores a new aggregate (function OID 0) or replaces the rows of an existing one (OR REPLACE). */
    FunctionInfo store(Transaction tx, FunctionInfo function, int namespaceOid, AggregateInfo aggregate) {
        boolean replace = function.oid() != 0;
        FunctionInfo stored = new FunctionDdl(system, databaseOid).store(tx, function, namespaceOid);
        Object[] values = aggregate.withOid(stored.oid()).row();
        CatalogHeap heap = system.heap();
        if (!replace) {
            heap.insert(CatalogDefinitions.PG_AGGREGATE, databaseOid, values, tx);
        } else {
            Snapshot snapshot = tx.takeSnapshot();
            for (CatalogRow row : heap.scan(CatalogDefinitions.PG_AGGREGATE, databaseOid, snapshot,
                    row -> row.getOid("aggfnoid") == stored.oid())) {
                heap.update(row, databaseOid, values, tx, snapshot);
            }
        }
        tx.incrementCommandId();
        return stored;
    }

    void drop(Transaction tx, FunctionInfo function) {
        new FunctionDdl(system, databaseOid).drop(tx, function);
        Snapshot snapshot = tx.takeSnapshot();
        CatalogHeap heap = system.heap();
        for (CatalogRow row : heap.scan(CatalogDefinitions.PG_AGGREGATE, databaseOid, snapshot,
                row -> row.getOid("aggfnoid") == function.oid())) {
            heap.delete(row, databaseOid, tx, snapshot);
        }
        tx.incrementCommandId();
    }

    /** The pg_cast row from {@code source} to {@code target}, built-in or user-defined, or null. */
    CastInfo cast(Transaction tx, int source, int target) {
        for (CatalogRow row : system.heap().scan(CatalogDefinitions.PG_CAST, databaseOid, tx.takeSnapshot(),
                row -> row.getOid("castsource") == source && row.getOid("casttarget") == target)) {
            return CastInfo.of(row);
        }
        return null;
    }

    CastInfo storeCast(Transaction tx, CastInfo cast) {
        int oid = system.storage().allocateOid();
        CastInfo stored = new CastInfo(oid, cast.source(), cast.target(), cast.function(), cast.context(),
                cast.method());
        system.noteCatalogChange(tx, oid);
        system.heap().insert(CatalogDefinitions.PG_CAST, databaseOid, stored.row(), tx);
        tx.incrementCommandId();
        return stored;
    }

    void dropCast(Transaction tx, CastInfo cast) {
        system.noteCatalogChange(tx, cast.oid());
        Snapshot snapshot = tx.takeSnapshot();
        CatalogHeap heap = system.heap();
        for (CatalogRow row : heap.scan(CatalogDefinitions.PG_CAST, databaseOid, snapshot,
                row -> row.getOid("oid") == cast.oid())) {
            heap.delete(row, databaseOid, tx, snapshot);
        }
        for (CatalogRow row : heap.scan(CatalogDefinitions.PG_DESCRIPTION, databaseOid, snapshot,
                row -> row.getOid("objoid") == cast.oid()
                        && row.getOid("classoid") == CatalogDefinitions.PG_CAST.oid())) {
            heap.delete(row, databaseOid, tx, snapshot);
        }
        tx.incrementCommandId();
    }
}
