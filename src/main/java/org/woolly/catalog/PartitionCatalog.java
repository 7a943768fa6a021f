package org.woolly.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.woolly.access.transam.Snapshot;
import org.woolly.access.transam.Transaction;

import static org.woolly.catalog.CatalogDefinitions.PG_CLASS;
import static org.woolly.catalog.CatalogDefinitions.PG_PARTITIONED_TABLE;

/**
 * Declarative partitioning in the catalogs: a partitioned table's {@code pg_partitioned_table}
 * row and {@code relkind 'p'}, a partition's {@code relispartition} and {@code relpartbound}
 * (stored as the text {@code pg_get_expr} prints, like Woolly's other node trees). Counterpart
 * of {@code StorePartitionKey} and {@code StorePartitionBound} in {@code heap.c}.
 */
final class PartitionCatalog {
    private final SystemCatalog system;
    private final int databaseOid;

    PartitionCatalog(SystemCatalog system, int databaseOid) {
        this.system = system;
        this.databaseOid = databaseOid;
    }

    /** Makes a new table partitioned by {@code key}. */
    void storeKey(Transaction tx, int relationOid, PartitionKey key) {
        system.noteCatalogChange(tx, relationOid);
        StringBuilder columns = new StringBuilder();
        StringBuilder zeros = new StringBuilder();
        for (int column : key.columns()) {
            columns.append(columns.isEmpty() ? "" : " ").append(column);
            zeros.append(zeros.isEmpty() ? "" : " ").append(0);
        }
        system.heap().insert(PG_PARTITIONED_TABLE, databaseOid, new RowBuilder(PG_PARTITIONED_TABLE)
                .set("partrelid", relationOid).setChar("partstrat", key.strategy())
                .setShort("partnatts", key.columns().size()).set("partdefid", 0)
                .set("partattrs", columns.toString())
                // partclass is an oid[] (pg_dump reads it as one); no operator classes are chosen yet
                .set("partclass", org.woolly.utils.adt.ArrayValue.of(org.woolly.utils.adt.TypeOids.OID,
                        java.util.Collections.nCopies(key.columns().size(), 0)))
                .set("partcollation", zeros.toString())
                .set("partexprs", IndexInfo.joinExpressions(key.expressions())).build(), tx);
        updateClass(tx, relationOid, "relkind", "p");
        updateClass(tx, relationOid, "relam", 0); // a partitioned table has no storage, so no access method
        updateClass(tx, relationOid, "relfrozenxid", CatalogRows.INVALID_XID); // nor XIDs to freeze
        updateClass(tx, relationOid, "relminmxid", CatalogRows.INVALID_XID);
    }

    /** The key of a partitioned table, or empty for any other relation. */
    Optional<PartitionKey> key(Transaction tx, int relationOid) {
        for (CatalogRow row : system.heap().scan(PG_PARTITIONED_TABLE, databaseOid, tx.takeSnapshot(),
                row -> row.getOid("partrelid") == relationOid)) {
            List<Integer> columns = new ArrayList<>();
            for (String number : row.getString("partattrs").trim().split(" +")) {
                columns.add(Integer.parseInt(number));
            }
            String expressions = row.getString("partexprs");
            return Optional.of(new PartitionKey(row.getChar("partstrat"), List.copyOf(columns),
                    row.getOid("partdefid"), expressions == null ? List.of()
                    : List.copyOf(IndexInfo.splitTopLevel(expressions))));
        }
        return Optional.empty();
    }

    /** Sets (or with null clears, on DETACH) a table's partition bound, and the parent's default partition. */
    void storeBound(Transaction tx, int relationOid, int parentOid, String bound, boolean isDefault) {
        updateClass(tx, relationOid, "relispartition", bound != null);
        updateClass(tx, relationOid, "relpartbound", bound);
        if (isDefault) {
            system.noteCatalogChange(tx, parentOid);
            Snapshot snapshot = tx.takeSnapshot();
            for (CatalogRow row : system.heap().scan(PG_PARTITIONED_TABLE, databaseOid, snapshot,
                    row -> row.getOid("partrelid") == parentOid)) {
                Object[] values = row.values().clone();
                values[PG_PARTITIONED_TABLE.column("partdefid")] = bound == null ? 0 : relationOid;
                system.heap().update(row, databaseOid, values, tx, snapshot);
            }
            tx.incrementCommandId();
        }
    }

    /** A partition's bound as {@code pg_get_expr(relpartbound, oid)} prints it, or null. */
    String bound(Transaction tx, int relationOid) {
        CatalogRow row = system.imageFor(tx, databaseOid).classRow(relationOid);
        return row == null ? null : row.getString("relpartbound");
    }

    /** Removes the key of a dropped table. */
    void forget(Transaction tx, int relationOid) {
        Snapshot snapshot = tx.takeSnapshot();
        for (CatalogRow row : system.heap().scan(PG_PARTITIONED_TABLE, databaseOid, snapshot,
                row -> row.getOid("partrelid") == relationOid)) {
            system.heap().delete(row, databaseOid, tx, snapshot);
        }
    }

    private void updateClass(Transaction tx, int relationOid, String column, Object value) {
        system.noteCatalogChange(tx, relationOid);
        Snapshot snapshot = tx.takeSnapshot();
        for (CatalogRow row : system.heap().scan(PG_CLASS, databaseOid, snapshot,
                row -> row.getOid("oid") == relationOid)) {
            Object[] values = row.values().clone();
            values[PG_CLASS.column(column)] = value;
            system.heap().update(row, databaseOid, values, tx, snapshot);
        }
        tx.incrementCommandId();
    }
}
