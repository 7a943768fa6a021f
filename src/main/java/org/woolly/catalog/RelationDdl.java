package org.woolly.catalog;

import org.woolly.access.transam.Snapshot;
import org.woolly.access.transam.StorageServices;
import org.woolly.access.transam.Transaction;
import org.woolly.storage.lmgr.LockMode;
import org.woolly.storage.smgr.RelFileLocator;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.woolly.catalog.CatalogDefinitions.PG_ATTRDEF;
import static org.woolly.catalog.CatalogDefinitions.PG_ATTRIBUTE;
import static org.woolly.catalog.CatalogDefinitions.PG_CLASS;
import static org.woolly.catalog.CatalogDefinitions.PG_CONSTRAINT;
import static org.woolly.catalog.CatalogDefinitions.PG_DESCRIPTION;
import static org.woolly.catalog.CatalogDefinitions.PG_TYPE;

/**
 * Creating, dropping and truncating heap tables: the catalog rows and the storage. Counterpart
 * of {@code heap_create_with_catalog} and {@code heap_drop_with_catalog} in {@code heap.c} and
 * {@code RelationSetNewRelfilenumber} in {@code relcache.c}. Every change ends with a command
 * counter increment so the rest of the transaction sees it.
 */
final class RelationDdl {
    private static final char PERMANENT = 'p';
    private static final char UNLOGGED = 'u';
    private static final char TEMPORARY = 't';

    private final SystemCatalog system;
    private final int databaseOid;

    RelationDdl(SystemCatalog system, int databaseOid) {
        this.system = system;
        this.databaseOid = databaseOid;
    }

    RelationInfo createTable(Transaction tx, CatalogImage image, int namespaceOid, String name,
                             List<ColumnSpec> columns, char persistence) {
        if (persistence == TEMPORARY) {
            throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "temporary tables are not supported");
        }
        if (persistence != PERMANENT && persistence != UNLOGGED) {
            throw SqlException.of(SqlState.INVALID_PARAMETER_VALUE, "invalid relpersistence: %s", persistence);
        }
        if (image.relationOid(namespaceOid, name) != null) {
            throw SqlException.of(SqlState.DUPLICATE_TABLE, "relation \"%s\" already exists", name);
        }
        if (image.typeOid(namespaceOid, name) != null) {
            throw SqlException.of(SqlState.DUPLICATE_OBJECT, "type \"%s\" already exists", name)
                    .withHint("A relation has an associated type of the same name, so you must use a name that "
                            + "doesn't conflict with any existing type.");
        }
        List<TypeInfo> types = checkColumns(image, columns);

        StorageServices storage = system.storage();
        NewRelation created = newRelation(tx, namespaceOid, name);
        int relationOid = created.oid();
        int rowTypeOid = created.rowTypeOid();
        CatalogHeap heap = system.heap();
        heap.insert(PG_CLASS, databaseOid, CatalogRows.heapRelation(relationOid, name, namespaceOid, rowTypeOid,
                relationOid, 0, false, persistence, columns.size(), false), tx);
        for (int i = 0; i < columns.size(); i++) {
            ColumnSpec column = columns.get(i);
            boolean hasDefault = column.defaultExpression() != null;
            heap.insert(PG_ATTRIBUTE, databaseOid, CatalogRows.attribute(relationOid, column.name(), types.get(i),
                    column.typeModifier(), i + 1, column.notNull(), hasDefault), tx);
            if (hasDefault) {
                heap.insert(PG_ATTRDEF, databaseOid, CatalogRows.attributeDefault(storage.allocateOid(), relationOid,
                        i + 1, column.defaultExpression()), tx);
            }
        }
        for (Object[] row : CatalogRows.systemAttributes(relationOid)) {
            heap.insert(PG_ATTRIBUTE, databaseOid, row, tx);
        }
        tx.incrementCommandId();
        return system.imageFor(tx, databaseOid).relation(relationOid);
    }

    /** A new relation's OID (also its relfilenode) and row type OID. */
    record NewRelation(int oid, int rowTypeOid, RelFileLocator locator) {}

    /**
     * Starts a new relation: allocates its OIDs, locks it, creates its file (removed if the
     * transaction aborts) and inserts its row type; the caller adds pg_class and pg_attribute.
     */
    NewRelation newRelation(Transaction tx, int namespaceOid, String name) {
        StorageServices storage = system.storage();
        int relationOid = storage.allocateOid();
        int rowTypeOid = storage.allocateOid();
        RelFileLocator locator = new RelFileLocator(RelFileLocator.DEFAULT_TABLESPACE_OID, databaseOid, relationOid);
        system.noteCatalogChange(tx, relationOid);
        RelationLocks.lock(tx, databaseOid, relationOid, LockMode.ACCESS_EXCLUSIVE);
        tx.createRelationStorage(locator);
        system.heap().insert(PG_TYPE, databaseOid, CatalogRows.rowType(rowTypeOid, name, namespaceOid, relationOid), tx);
        return new NewRelation(relationOid, rowTypeOid, locator);
    }

    /** The checks of {@code CheckAttributeNamesTypes}: count, duplicates, system column names, pseudo-types. */
    private static List<TypeInfo> checkColumns(CatalogImage image, List<ColumnSpec> columns) {
        if (columns.size() > CatalogOids.MAX_HEAP_ATTRIBUTES) {
            throw SqlException.of(SqlState.TOO_MANY_COLUMNS, "tables can have at most %d columns",
                    CatalogOids.MAX_HEAP_ATTRIBUTES);
        }
        Set<String> names = new HashSet<>();
        Set<String> systemNames = new HashSet<>();
        for (CatalogRows.SystemColumn column : CatalogRows.SYSTEM_COLUMNS) {
            systemNames.add(column.name());
        }
        TypeInfo[] types = new TypeInfo[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            ColumnSpec column = columns.get(i);
            if (column.name() == null || column.name().isEmpty()) {
                throw new SqlException(SqlState.INVALID_COLUMN_DEFINITION, "zero-length delimited identifier");
            }
            if (systemNames.contains(column.name())) {
                throw SqlException.of(SqlState.DUPLICATE_COLUMN,
                        "column name \"%s\" conflicts with a system column name", column.name());
            }
            if (!names.add(column.name())) {
                throw SqlException.of(SqlState.DUPLICATE_COLUMN, "column \"%s\" specified more than once",
                        column.name());
            }
            TypeInfo type = image.type(column.typeOid());
            if (type == null) {
                throw SqlException.of(SqlState.UNDEFINED_OBJECT, "type with OID %s does not exist",
                        Integer.toUnsignedString(column.typeOid()));
            }
            if (type.isPseudoType()) {
                throw SqlException.of(SqlState.INVALID_TABLE_DEFINITION, "column \"%s\" has pseudo-type %s",
                        column.name(), type.name());
            }
            if (type.typtype() == 'c' && type.relationOid() != 0) {
                // composite columns need row values the tuple codec does not have
                throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED,
                        "column \"%s\" of composite type %s is not supported",
                        column.name(), type.name());
            }
            types[i] = type;
        }
        return List.of(types);
    }

    void dropRelation(Transaction tx, RelationInfo relation) {
        refuseSystemCatalog(relation);
        // lock before the snapshot, so a concurrent DROP that committed meanwhile is seen
        RelationLocks.lock(tx, relation, LockMode.ACCESS_EXCLUSIVE);
        system.noteCatalogChange(tx, relation.oid());
        Snapshot snapshot = tx.takeSnapshot();
        CatalogHeap heap = system.heap();
        int oid = relation.oid();
        List<CatalogRow> classRows = heap.scan(PG_CLASS, databaseOid, snapshot, row -> row.getOid("oid") == oid);
        if (classRows.isEmpty()) {
            throw SqlException.of(SqlState.UNDEFINED_TABLE, "relation \"%s\" does not exist", relation.name());
        }
        for (CatalogRow row : classRows) {
            heap.delete(row, databaseOid, tx, snapshot);
        }
        deleteWhere(tx, snapshot, PG_ATTRIBUTE, "attrelid", oid);
        deleteWhere(tx, snapshot, PG_ATTRDEF, "adrelid", oid);
        deleteWhere(tx, snapshot, PG_TYPE, "typrelid", oid);
        deleteWhere(tx, snapshot, PG_CONSTRAINT, "conrelid", oid);
        heap.scan(PG_DESCRIPTION, databaseOid, snapshot,
                        row -> row.getOid("objoid") == oid && row.getOid("classoid") == PG_CLASS.oid())
                .forEach(row -> heap.delete(row, databaseOid, tx, snapshot));
        tx.dropRelationStorageAtCommit(relation.locator());
        tx.incrementCommandId();
    }

    RelationInfo truncate(Transaction tx, RelationInfo relation) {
        refuseSystemCatalog(relation);
        RelationLocks.lock(tx, relation, LockMode.ACCESS_EXCLUSIVE);
        system.noteCatalogChange(tx, relation.oid());
        Snapshot snapshot = tx.takeSnapshot();
        CatalogHeap heap = system.heap();
        List<CatalogRow> classRows = heap.scan(PG_CLASS, databaseOid, snapshot,
                row -> row.getOid("oid") == relation.oid());
        if (classRows.isEmpty()) {
            throw SqlException.of(SqlState.UNDEFINED_TABLE, "relation \"%s\" does not exist", relation.name());
        }
        CatalogRow classRow = classRows.getFirst();
        RelFileLocator oldLocator = relation.locator();
        RelFileLocator newLocator = new RelFileLocator(oldLocator.tablespaceOid(), oldLocator.databaseOid(),
                system.storage().allocateOid());
        tx.createRelationStorage(newLocator);
        Object[] values = classRow.values().clone();
        values[PG_CLASS.column("relfilenode")] = newLocator.relNumber();
        values[PG_CLASS.column("relpages")] = 0;
        values[PG_CLASS.column("reltuples")] = -1.0f;
        values[PG_CLASS.column("relallvisible")] = 0;
        heap.update(classRow, databaseOid, values, tx, snapshot);
        tx.dropRelationStorageAtCommit(oldLocator);
        tx.incrementCommandId();
        return system.imageFor(tx, databaseOid).relation(relation.oid());
    }

    private void deleteWhere(Transaction tx, Snapshot snapshot, CatalogDefinition catalog, String column, int oid) {
        CatalogHeap heap = system.heap();
        for (CatalogRow row : heap.scan(catalog, databaseOid, snapshot, row -> row.getOid(column) == oid)) {
            heap.delete(row, databaseOid, tx, snapshot);
        }
    }

    /** PostgreSQL refuses DDL on its catalogs unless allow_system_table_mods is set. */
    private static void refuseSystemCatalog(RelationInfo relation) {
        if (Integer.compareUnsigned(relation.oid(), CatalogOids.FIRST_NORMAL_OBJECT_ID) < 0) {
            throw SqlException.of(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied: \"%s\" is a system catalog",
                    relation.name());
        }
    }
}
