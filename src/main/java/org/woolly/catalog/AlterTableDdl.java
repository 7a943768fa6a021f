package org.woolly.catalog;

import org.woolly.access.transam.Snapshot;
import org.woolly.access.transam.Transaction;
import org.woolly.storage.lmgr.LockMode;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

import java.util.List;
import java.util.function.Consumer;

import static org.woolly.catalog.CatalogDefinitions.PG_ATTRDEF;
import static org.woolly.catalog.CatalogDefinitions.PG_ATTRIBUTE;
import static org.woolly.catalog.CatalogDefinitions.PG_CLASS;
import static org.woolly.catalog.CatalogDefinitions.PG_INDEX;
import static org.woolly.catalog.CatalogDefinitions.PG_TYPE;

/**
 * The catalog side of ALTER TABLE: pg_class, pg_attribute, pg_attrdef and pg_type rows of an
 * existing relation. Counterpart of the {@code ATExec*} functions of {@code tablecmds.c}
 * ({@code ATExecAddColumn}, {@code ATExecDropColumn} with {@code RemoveAttributeById},
 * {@code ATExecColumnDefault}, {@code ATExecSetNotNull}, {@code ATExecAlterColumnType},
 * {@code ATExecChangeOwner}, {@code renameatt}, {@code RenameRelationInternal}) and of
 * {@code RelationSetNewRelfilenumber} for a rewrite. The caller holds the relation's
 * AccessExclusiveLock and has checked names; every change ends with a command counter increment.
 */
final class AlterTableDdl {
    private final SystemCatalog system;
    private final int databaseOid;
    private final RelationDdl relations;

    AlterTableDdl(SystemCatalog system, int databaseOid, RelationDdl relations) {
        this.system = system;
        this.databaseOid = databaseOid;
        this.relations = relations;
    }

    RelationInfo renameRelation(Transaction tx, RelationInfo relation, String newName) {
        if (system.imageFor(tx, databaseOid).relationOid(relation.namespaceOid(), newName) != null) {
            throw SqlException.of(SqlState.DUPLICATE_TABLE, "relation \"%s\" already exists", newName);
        }
        return updateRelationAndRowType(tx, relation, "relname", "typname", newName);
    }

    RelationInfo setOwner(Transaction tx, RelationInfo relation, int ownerOid) {
        return updateRelationAndRowType(tx, relation, "relowner", "typowner", ownerOid);
    }

    /** Sets {@code relacl} (GRANT/REVOKE on a table or sequence). */
    RelationInfo setAcl(Transaction tx, RelationInfo relation, String acl) {
        Snapshot snapshot = tx.takeSnapshot();
        system.noteCatalogChange(tx, relation.oid());
        CatalogRow classRow = classRow(relation, snapshot);
        Object[] values = classRow.values().clone();
        values[PG_CLASS.column("relacl")] = acl;
        system.heap().update(classRow, databaseOid, values, tx, snapshot);
        return done(tx, relation);
    }

    /**
     * Sets pg_class.reloptions of {@code table} itself or of one of its indexes ({@code oid}),
     * NULL when {@code options} is empty; returns the table as it is now.
     */
    RelationInfo setOptions(Transaction tx, RelationInfo table, int oid, List<String> options) {
        Snapshot snapshot = tx.takeSnapshot();
        system.noteCatalogChange(tx, table.oid());
        List<CatalogRow> rows = system.heap().scan(PG_CLASS, databaseOid, snapshot, row -> row.getOid("oid") == oid);
        if (rows.isEmpty()) {
            throw SqlException.of(SqlState.UNDEFINED_TABLE, "relation \"%s\" does not exist", table.name());
        }
        if (rows.getFirst().getChar("relkind") == 'i') {
            // the table's cached index list carries the index's options
            for (CatalogRow index : system.heap().scan(PG_INDEX, databaseOid, snapshot,
                    row -> row.getOid("indexrelid") == oid)) {
                system.noteCatalogChange(tx, index.getOid("indrelid"));
            }
        }
        Object[] values = rows.getFirst().values().clone();
        values[PG_CLASS.column("reloptions")] = options.isEmpty() ? null
                : org.woolly.utils.adt.ArrayValue.of(org.woolly.utils.adt.TypeOids.TEXT, options);
        system.heap().update(rows.getFirst(), databaseOid, values, tx, snapshot);
        return done(tx, table);
    }

    /** Sets a pg_class column and the matching one of the relation's row type (it follows the name and owner). */
    RelationInfo updateRelationAndRowType(Transaction tx, RelationInfo relation, String classColumn,
                                                  String typeColumn, Object value) {
        Snapshot snapshot = begin(tx, relation);
        CatalogRow classRow = classRow(relation, snapshot);
        Object[] values = classRow.values().clone();
        values[PG_CLASS.column(classColumn)] = value;
        system.heap().update(classRow, databaseOid, values, tx, snapshot);
        updateRowType(tx, snapshot, classRow, typeColumn, value);
        return done(tx, relation);
    }

    /** Sets one column of the relation's row type in pg_type (the type follows its relation's name and owner). */
    private void updateRowType(Transaction tx, Snapshot snapshot, CatalogRow classRow, String column, Object value) {
        int rowType = classRow.getOid("reltype");
        // and its array type's: renamed to _name ({@code RenameTypeInternal}), moved and owned with it
        for (CatalogRow typeRow : system.heap().scan(PG_TYPE, databaseOid, snapshot,
                row -> rowType != 0 && (row.getOid("oid") == rowType || row.getOid("typelem") == rowType))) {
            Object[] typeValues = typeRow.values().clone();
            boolean array = typeRow.getOid("oid") != rowType;
            typeValues[PG_TYPE.column(column)] = array && column.equals("typname") ? "_" + value : value;
            system.heap().update(typeRow, databaseOid, typeValues, tx, snapshot);
        }
    }

    /** The relation's owner ({@code relowner}). */
    int owner(Transaction tx, RelationInfo relation) {
        return system.imageFor(tx, databaseOid).classRow(relation.oid()).getOid("relowner");
    }

    RelationInfo renameColumn(Transaction tx, RelationInfo relation, int attributeNumber, String newName) {
        return updateAttribute(tx, relation, attributeNumber, values -> values[PG_ATTRIBUTE.column("attname")] = newName);
    }

    RelationInfo setNotNull(Transaction tx, RelationInfo relation, int attributeNumber, boolean notNull) {
        return updateAttribute(tx, relation, attributeNumber,
                values -> values[PG_ATTRIBUTE.column("attnotnull")] = notNull);
    }

    /** Sets the column's attstorage, or its attcompression. */
    RelationInfo setStorage(Transaction tx, RelationInfo relation, int attributeNumber, char value,
                            boolean compression) {
        return updateAttribute(tx, relation, attributeNumber,
                values -> values[PG_ATTRIBUTE.column(compression ? "attcompression" : "attstorage")] = String.valueOf(value));
    }

    /** Replaces (or with null, removes) the column's pg_attrdef row. */
    RelationInfo setDefault(Transaction tx, RelationInfo relation, int attributeNumber, String expression) {
        Snapshot snapshot = begin(tx, relation);
        removeDefault(tx, relation, attributeNumber, snapshot);
        if (expression != null) {
            system.heap().insert(PG_ATTRDEF, databaseOid, CatalogRows.attributeDefault(system.storage().allocateOid(),
                    relation.oid(), attributeNumber, expression), tx);
        }
        return updateAttribute(tx, relation, attributeNumber,
                values -> values[PG_ATTRIBUTE.column("atthasdef")] = expression != null);
    }

    /**
     * Appends a column: the next attribute number after every column ever added (dropped ones
     * keep theirs). {@code missingValue} is the attmissingval text tuples already stored read
     * for it, or null (they read NULL).
     */
    RelationInfo addColumn(Transaction tx, RelationInfo relation, ColumnSpec column, String missingValue) {
        Snapshot snapshot = begin(tx, relation);
        CatalogImage image = system.imageFor(tx, databaseOid);
        TypeInfo type = RelationDdl.columnType(image, column);
        CatalogRow classRow = classRow(relation, snapshot);
        int number = classRow.getShort("relnatts") + 1;
        if (number > CatalogOids.MAX_HEAP_ATTRIBUTES) {
            throw SqlException.of(SqlState.TOO_MANY_COLUMNS, "tables can have at most %d columns",
                    CatalogOids.MAX_HEAP_ATTRIBUTES);
        }
        Object[] classValues = classRow.values().clone();
        classValues[PG_CLASS.column("relnatts")] = (short) number;
        system.heap().update(classRow, databaseOid, classValues, tx, snapshot);
        boolean hasDefault = column.defaultExpression() != null;
        Object[] attribute = CatalogRows.attribute(relation.oid(), column.name(), type, column.typeModifier(), number,
                column.notNull(), hasDefault);
        if (missingValue != null) {
            attribute[PG_ATTRIBUTE.column("atthasmissing")] = true;
            attribute[PG_ATTRIBUTE.column("attmissingval")] = missingValue;
        }
        system.heap().insert(PG_ATTRIBUTE, databaseOid, attribute, tx);
        if (hasDefault) {
            system.heap().insert(PG_ATTRDEF, databaseOid, CatalogRows.attributeDefault(system.storage().allocateOid(),
                    relation.oid(), number, column.defaultExpression()), tx);
        }
        return done(tx, relation);
    }

    /**
     * Marks the column dropped as {@code RemoveAttributeById} does: renamed
     * {@code ........pg.dropped.N........}, type 0, no NOT NULL, default or missing value; its
     * length and alignment stay so stored tuples can still be stepped over.
     */
    RelationInfo dropColumn(Transaction tx, RelationInfo relation, int attributeNumber) {
        Snapshot snapshot = begin(tx, relation);
        removeDefault(tx, relation, attributeNumber, snapshot);
        return updateAttribute(tx, relation, attributeNumber, values -> {
            values[PG_ATTRIBUTE.column("attisdropped")] = true;
            values[PG_ATTRIBUTE.column("attname")] = "........pg.dropped.%d........".formatted(attributeNumber);
            values[PG_ATTRIBUTE.column("atttypid")] = 0;
            values[PG_ATTRIBUTE.column("attnotnull")] = false;
            values[PG_ATTRIBUTE.column("atthasdef")] = false;
            values[PG_ATTRIBUTE.column("attstattarget")] = 0;
            values[PG_ATTRIBUTE.column("atthasmissing")] = false;
            values[PG_ATTRIBUTE.column("attmissingval")] = null;
            values[PG_ATTRIBUTE.column("attcollation")] = 0;
        });
    }

    /** Gives the column a new type (the caller rewrites the table with {@link #rewrite}). */
    RelationInfo changeColumnType(Transaction tx, RelationInfo relation, int attributeNumber, int typeOid,
                                  int typeModifier) {
        TypeInfo type = system.imageFor(tx, databaseOid).type(typeOid);
        if (type == null || type.isPseudoType()) {
            throw SqlException.of(SqlState.INVALID_TABLE_DEFINITION, "column has pseudo-type %s",
                    type == null ? Integer.toUnsignedString(typeOid) : type.name());
        }
        return updateAttribute(tx, relation, attributeNumber, values -> {
            values[PG_ATTRIBUTE.column("atttypid")] = typeOid;
            values[PG_ATTRIBUTE.column("atttypmod")] = typeModifier;
            values[PG_ATTRIBUTE.column("attlen")] = type.length();
            values[PG_ATTRIBUTE.column("attbyval")] = type.byValue();
            values[PG_ATTRIBUTE.column("attalign")] = String.valueOf(type.align());
            values[PG_ATTRIBUTE.column("attstorage")] = String.valueOf(type.storage());
            values[PG_ATTRIBUTE.column("attcollation")] = type.collation();
            values[PG_ATTRIBUTE.column("attndims")] = 0;
        });
    }

    /**
     * Gives the relation a new, empty relfilenode (created now and WAL-logged, removed if the
     * transaction aborts; the old one goes at commit) and forgets every missing value, since
     * the caller writes every row anew. Returns the relation to fill.
     */
    RelationInfo rewrite(Transaction tx, RelationInfo relation) {
        Snapshot snapshot = begin(tx, relation);
        for (CatalogRow row : system.heap().scan(PG_ATTRIBUTE, databaseOid, snapshot,
                row -> row.getOid("attrelid") == relation.oid() && row.getBool("atthasmissing"))) {
            Object[] values = row.values().clone();
            values[PG_ATTRIBUTE.column("atthasmissing")] = false;
            values[PG_ATTRIBUTE.column("attmissingval")] = null;
            system.heap().update(row, databaseOid, values, tx, snapshot);
        }
        relations.setNewRelfilenode(tx, snapshot, classRow(relation, snapshot), relation.locator());
        return done(tx, relation);
    }

    private RelationInfo updateAttribute(Transaction tx, RelationInfo relation, int attributeNumber,
                                         Consumer<Object[]> change) {
        Snapshot snapshot = begin(tx, relation);
        List<CatalogRow> rows = system.heap().scan(PG_ATTRIBUTE, databaseOid, snapshot,
                row -> row.getOid("attrelid") == relation.oid() && row.getShort("attnum") == attributeNumber);
        if (rows.isEmpty()) {
            throw SqlException.of(SqlState.UNDEFINED_COLUMN, "column number %d of relation \"%s\" does not exist",
                    attributeNumber, relation.name());
        }
        CatalogRow row = rows.getFirst();
        Object[] values = row.values().clone();
        change.accept(values);
        system.heap().update(row, databaseOid, values, tx, snapshot);
        return done(tx, relation);
    }

    private void removeDefault(Transaction tx, RelationInfo relation, int attributeNumber, Snapshot snapshot) {
        for (CatalogRow row : system.heap().scan(PG_ATTRDEF, databaseOid, snapshot,
                row -> row.getOid("adrelid") == relation.oid() && row.getShort("adnum") == attributeNumber)) {
            system.heap().delete(row, databaseOid, tx, snapshot);
        }
    }

    private Snapshot begin(Transaction tx, RelationInfo relation) {
        if (Integer.compareUnsigned(relation.oid(), CatalogOids.FIRST_NORMAL_OBJECT_ID) < 0) {
            throw SqlException.of(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied: \"%s\" is a system catalog",
                    relation.name());
        }
        RelationLocks.lock(tx, relation, LockMode.ACCESS_EXCLUSIVE);
        system.noteCatalogChange(tx, relation.oid());
        return tx.takeSnapshot();
    }

    private CatalogRow classRow(RelationInfo relation, Snapshot snapshot) {
        List<CatalogRow> rows = system.heap().scan(PG_CLASS, databaseOid, snapshot,
                row -> row.getOid("oid") == relation.oid());
        if (rows.isEmpty()) {
            throw SqlException.of(SqlState.UNDEFINED_TABLE, "relation \"%s\" does not exist", relation.name());
        }
        return rows.getFirst();
    }

    private RelationInfo done(Transaction tx, RelationInfo relation) {
        tx.incrementCommandId();
        return system.imageFor(tx, databaseOid).relation(relation.oid());
    }
}
