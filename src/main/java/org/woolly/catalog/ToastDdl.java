package org.woolly.catalog;

import static org.woolly.catalog.CatalogDefinitions.PG_ATTRIBUTE;
import static org.woolly.catalog.CatalogDefinitions.PG_CLASS;

import java.util.List;
import org.woolly.access.nbtree.BTreeAccess;
import org.woolly.access.transam.Snapshot;
import org.woolly.access.transam.Transaction;
import org.woolly.storage.lmgr.LockMode;
import org.woolly.storage.smgr.RelFileLocator;
import org.woolly.utils.adt.PgTypeData;
import org.woolly.utils.adt.TypeOids;

/**
 * Creating a table's TOAST relation with its index ({@code create_toast_table} in
 * {@code toasting.c}): {@code pg_toast.pg_toast_<table oid>} (relkind 't', no row type) with
 * columns chunk_id, chunk_seq and chunk_data, the unique B-tree {@code pg_toast_<table oid>_index}
 * on (chunk_id, chunk_seq), and the table's {@code reltoastrelid} pointing at it.
 */
final class ToastDdl {
    private final SystemCatalog system;
    private final int databaseOid;
    private final RelationDdl ddl;

    ToastDdl(SystemCatalog system, int databaseOid, RelationDdl ddl) {
        this.system = system;
        this.databaseOid = databaseOid;
        this.ddl = ddl;
    }

    /** Whether a table with these column types needs one ({@code needs_toast_table}): a toastable column. */
    static boolean needsToastTable(List<TypeInfo> types) {
        for (TypeInfo type : types) {
            if (type.length() == -1 && type.storage() != 'p') {
                return true;
            }
        }
        return false;
    }

    /** Creates the TOAST relation of table {@code tableOid}; the caller increments the command counter. */
    void create(Transaction tx, int tableOid, char persistence) {
        int toastOid = system.storage().allocateOid();
        String name = "pg_toast_" + Integer.toUnsignedString(tableOid);
        RelFileLocator locator = new RelFileLocator(RelFileLocator.DEFAULT_TABLESPACE_OID, databaseOid, toastOid);
        system.noteCatalogChange(tx, toastOid);
        RelationLocks.lock(tx, databaseOid, toastOid, LockMode.ACCESS_EXCLUSIVE);
        tx.createRelationStorage(locator);
        CatalogHeap heap = system.heap();
        Object[] classRow = CatalogRows.heapRelation(toastOid, name, CatalogOids.PG_TOAST_NAMESPACE, 0, toastOid, 0,
                false, persistence, 3, false);
        classRow[PG_CLASS.column("relkind")] = "t";
        classRow[PG_CLASS.column("relreplident")] = "n";
        heap.insert(PG_CLASS, databaseOid, classRow, tx);
        int[] types = {TypeOids.OID, TypeOids.INT4, TypeOids.BYTEA};
        String[] names = {"chunk_id", "chunk_seq", "chunk_data"};
        for (int i = 0; i < types.length; i++) {
            Object[] attribute = CatalogRows.attribute(toastOid, names[i], TypeInfo.of(PgTypeData.byOid(types[i])),
                    -1, i + 1, false, false);
            attribute[PG_ATTRIBUTE.column("attstorage")] = "p";
            heap.insert(PG_ATTRIBUTE, databaseOid, attribute, tx);
        }
        for (Object[] row : CatalogRows.systemAttributes(toastOid)) {
            heap.insert(PG_ATTRIBUTE, databaseOid, row, tx);
        }
        tx.incrementCommandId();
        CatalogImage image = system.imageFor(tx, databaseOid);
        IndexInfo index = ddl.createIndex(tx, image, image.relation(toastOid), new IndexSpec(name + "_index",
                List.of((short) 1, (short) 2), 2, List.of(false, false), List.of(false, false), true, false, false));
        BTreeAccess.of(system.storage()).buildEmpty(index.shape(), tx);
        Snapshot snapshot = tx.takeSnapshot();
        for (CatalogRow row : heap.scan(PG_CLASS, databaseOid, snapshot, row -> row.getOid("oid") == tableOid)) {
            Object[] values = row.values().clone();
            values[PG_CLASS.column("reltoastrelid")] = toastOid;
            heap.update(row, databaseOid, values, tx, snapshot);
        }
    }
}
