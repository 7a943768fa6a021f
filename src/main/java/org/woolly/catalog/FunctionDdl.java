package org.woolly.catalog;

import org.woolly.access.transam.Snapshot;
import org.woolly.access.transam.Transaction;

/**
 * The catalog side of CREATE / ALTER / DROP FUNCTION ({@code ProcedureCreate} in
 * {@code pg_proc.c}, {@code RemoveFunctionById} in {@code functioncmds.c}): one pg_proc row per
 * routine, recorded as a catalog change keyed by the routine's OID so that every session's
 * catalog image sees it once the transaction commits, and ending with a command counter increment.
 */
final class FunctionDdl {
    private final SystemCatalog system;
    private final int databaseOid;

    FunctionDdl(SystemCatalog system, int databaseOid) {
        this.system = system;
        this.databaseOid = databaseOid;
    }

    /** Inserts the routine (OID 0: a new one) or replaces the row of the routine with its OID. */
    FunctionInfo store(Transaction tx, FunctionInfo function, int namespaceOid) {
        int oid = function.oid() != 0 ? function.oid() : system.storage().allocateOid();
        FunctionInfo stored = new FunctionInfo(oid, function.name(), namespaceOid, function.ownerOid(),
                function.kind(), function.argumentTypes(), function.allArgumentTypes(), function.argumentModes(),
                function.argumentNames(), function.defaults(), function.returnType(), function.returnsSet(),
                function.volatility(), function.strict(), function.securityDefiner(), function.variadicType(),
                function.source(), function.sqlBody(), function.language());
        system.noteCatalogChange(tx, oid);
        Object[] values = FunctionRows.row(stored);
        if (function.oid() == 0) {
            system.heap().insert(CatalogDefinitions.PG_PROC, databaseOid, values, tx);
        } else {
            Snapshot snapshot = tx.takeSnapshot();
            for (CatalogRow row : system.heap().scan(CatalogDefinitions.PG_PROC, databaseOid, snapshot,
                    row -> row.getOid("oid") == oid)) {
                system.heap().update(row, databaseOid, values, tx, snapshot);
            }
        }
        tx.incrementCommandId();
        return stored;
    }

    void drop(Transaction tx, FunctionInfo function) {
        system.noteCatalogChange(tx, function.oid());
        Snapshot snapshot = tx.takeSnapshot();
        CatalogHeap heap = system.heap();
        for (CatalogRow row : heap.scan(CatalogDefinitions.PG_PROC, databaseOid, snapshot,
                row -> row.getOid("oid") == function.oid())) {
            heap.delete(row, databaseOid, tx, snapshot);
        }
        for (CatalogRow row : heap.scan(CatalogDefinitions.PG_DESCRIPTION, databaseOid, snapshot,
                row -> row.getOid("objoid") == function.oid()
                        && row.getOid("classoid") == CatalogDefinitions.PG_PROC.oid())) {
            heap.delete(row, databaseOid, tx, snapshot);
        }
        tx.incrementCommandId();
    }
}
