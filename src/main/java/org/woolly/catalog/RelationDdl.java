package org.woolly.catalog;

import org.woolly.access.transam.Snapshot;
import org.woolly.access.transam.StorageServices;
import org.woolly.access.transam.Transaction;
import org.woolly.storage.lmgr.LockMode;
import org.woolly.storage.smgr.RelFileLocator;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.woolly.catalog.CatalogDefinitions.PG_ATTRDEF;
import static org.woolly.catalog.CatalogDefinitions.PG_ATTRIBUTE;
import static org.woolly.catalog.CatalogDefinitions.PG_CLASS;
import static org.woolly.catalog.CatalogDefinitions.PG_CONSTRAINT;
import static org.woolly.catalog.CatalogDefinitions.PG_DEPEND;
import static org.woolly.catalog.CatalogDefinitions.PG_DESCRIPTION;
import static org.woolly.catalog.CatalogDefinitions.PG_INDEX;
import static org.woolly.catalog.CatalogDefinitions.PG_INHERITS;
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
        if (persistence != PERMANENT && persistence != UNLOGGED && persistence != TEMPORARY) {
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
        NewRelation created = newRelation(tx, namespaceOid, name, true);
        int relationOid = created.oid();
        int rowTypeOid = created.rowTypeOid();
        CatalogHeap heap = system.heap();
        Object[] classRow = CatalogRows.heapRelation(relationOid, name, namespaceOid, rowTypeOid,
                relationOid, 0, false, persistence, columns.size(), false);
        // heap_create's relfrozenxid: RecentXmin, below every XID that may ever write into the table
        classRow[PG_CLASS.column("relfrozenxid")] = tx.takeSnapshot().xmin();
        heap.insert(PG_CLASS, databaseOid, classRow, tx);
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
        if (ToastDdl.needsToastTable(types)) {
            new ToastDdl(system, databaseOid, this).create(tx, relationOid, persistence);
            tx.incrementCommandId();
        }
        return system.imageFor(tx, databaseOid).relation(relationOid);
    }

    /** A new relation's OID (also its relfilenode) and row type OID. */
    record NewRelation(int oid, int rowTypeOid, RelFileLocator locator) {}

    /**
     * Starts a new relation: allocates its OIDs, locks it, creates its file (removed if the
     * transaction aborts) and inserts its row type; the caller adds pg_class and pg_attribute.
     */
    NewRelation newRelation(Transaction tx, int namespaceOid, String name) {
        return newRelation(tx, namespaceOid, name, false);
    }

    /** As above; a table's row type also gets its array type ({@code _name}), as {@code heap_create_with_catalog}. */
    NewRelation newRelation(Transaction tx, int namespaceOid, String name, boolean withArrayType) {
        StorageServices storage = system.storage();
        int relationOid = storage.allocateOid();
        int rowTypeOid = storage.allocateOid();
        int arrayOid = withArrayType ? storage.allocateOid() : 0;
        RelFileLocator locator = new RelFileLocator(RelFileLocator.DEFAULT_TABLESPACE_OID, databaseOid, relationOid);
        system.noteCatalogChange(tx, relationOid);
        RelationLocks.lock(tx, databaseOid, relationOid, LockMode.ACCESS_EXCLUSIVE);
        tx.createRelationStorage(locator);
        system.heap().insert(PG_TYPE, databaseOid, CatalogRows.rowType(rowTypeOid, name, namespaceOid, relationOid,
                arrayOid), tx);
        if (withArrayType) {
            String arrayName = TypeDdl.arrayName(system.imageFor(tx, databaseOid), namespaceOid, name, arrayOid);
            system.heap().insert(PG_TYPE, databaseOid, CatalogRows.arrayType(arrayOid, arrayName, namespaceOid,
                    rowTypeOid, CatalogOids.BOOTSTRAP_SUPERUSER), tx);
        }
        return new NewRelation(relationOid, rowTypeOid, locator);
    }

    /** The checks of {@code CheckAttributeNamesTypes}: count, duplicates, system column names, pseudo-types. */
    static List<TypeInfo> checkColumns(CatalogImage image, List<ColumnSpec> columns) {
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
            types[i] = columnType(image, column);
        }
        return List.of(types);
    }

    /** The type of a column to create: it must exist and not be a pseudo-type. */
    static TypeInfo columnType(CatalogImage image, ColumnSpec column) {
        TypeInfo type = image.type(column.typeOid());
        if (type == null) {
            throw SqlException.of(SqlState.UNDEFINED_OBJECT, "type with OID %s does not exist",
                    Integer.toUnsignedString(column.typeOid()));
        }
        if (type.isPseudoType()) {
            throw SqlException.of(SqlState.INVALID_TABLE_DEFINITION, "column \"%s\" has pseudo-type %s",
                    column.name(), type.name());
        }
        return type;
    }

    void dropRelation(Transaction tx, RelationInfo relation) {
        refuseSystemCatalog(relation);
        if (relation.toast() != null) {
            dropRelation(tx, system.imageFor(tx, databaseOid).relation(relation.toast().relationOid()));
        }
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
        for (IndexInfo index : relation.indexes()) {
            deleteIndexRows(tx, snapshot, index);
        }
        deleteWhere(tx, snapshot, PG_ATTRIBUTE, "attrelid", oid);
        deleteWhere(tx, snapshot, PG_ATTRDEF, "adrelid", oid);
        int rowType = classRows.getFirst().getOid("reltype");
        if (rowType != 0) {
            // the row type's array type goes with it
            deleteWhere(tx, snapshot, PG_TYPE, "typelem", rowType);
        }
        deleteWhere(tx, snapshot, PG_TYPE, "typrelid", oid);
        Set<Integer> constraintOids = new HashSet<>();
        relation.constraints().forEach(constraint -> constraintOids.add(constraint.oid()));
        heap.scan(PG_DEPEND, databaseOid, snapshot, row -> row.getOid("classid") == PG_CONSTRAINT.oid()
                        && constraintOids.contains(row.getOid("objid")))
                .forEach(row -> heap.delete(row, databaseOid, tx, snapshot));
        deleteWhere(tx, snapshot, PG_CONSTRAINT, "conrelid", oid);
        new StatisticsRows(system, databaseOid).delete(tx, snapshot, relation);
        heap.scan(PG_DESCRIPTION, databaseOid, snapshot,
                        row -> row.getOid("objoid") == oid && row.getOid("classoid") == PG_CLASS.oid())
                .forEach(row -> heap.delete(row, databaseOid, tx, snapshot));
        tx.dropRelationStorageAtCommit(relation.locator());
        tx.incrementCommandId();
    }

    RelationInfo truncate(Transaction tx, RelationInfo relation) {
        refuseSystemCatalog(relation);
        CatalogRow classRow = lockForChange(system, databaseOid, tx, relation, LockMode.ACCESS_EXCLUSIVE);
        Snapshot snapshot = tx.takeSnapshot();
        setNewRelfilenode(tx, snapshot, classRow, relation.locator());
        for (IndexInfo index : relation.indexes()) {
            if (index.locator().relNumber() != 0) {
                setNewRelfilenode(tx, snapshot, index.oid(), index.locator());
            }
        }
        tx.incrementCommandId();
        if (relation.toast() != null) {
            RelationInfo toast = truncate(tx, system.imageFor(tx, databaseOid).relation(relation.toast().relationOid()));
            for (IndexInfo index : toast.indexes()) {
                org.woolly.access.nbtree.BTreeAccess.of(system.storage()).buildEmpty(index.shape(), tx);
            }
        }
        return system.imageFor(tx, databaseOid).relation(relation.oid());
    }

    /**
     * A new, empty file for the relation with that OID (an index: the caller then writes its
     * metapage); see the overload.
     */
    private void setNewRelfilenode(Transaction tx, Snapshot snapshot, int relationOid, RelFileLocator oldLocator) {
        CatalogRow classRow = system.heap().scan(PG_CLASS, databaseOid, snapshot,
                row -> row.getOid("oid") == relationOid).getFirst();
        setNewRelfilenode(tx, snapshot, classRow, oldLocator);
    }

    /**
     * Points the relation's pg_class row at a new, empty relfilenode, created now (WAL-logged,
     * removed if the transaction aborts); the old files go when it commits. Counterpart of
     * {@code RelationSetNewRelfilenumber}: pages and tuple counts start again from unknown.
     */
    void setNewRelfilenode(Transaction tx, Snapshot snapshot, CatalogRow classRow, RelFileLocator oldLocator) {
        RelFileLocator newLocator = new RelFileLocator(oldLocator.tablespaceOid(), oldLocator.databaseOid(),
                system.storage().allocateOid());
        tx.createRelationStorage(newLocator);
        Object[] values = classRow.values().clone();
        values[PG_CLASS.column("relfilenode")] = newLocator.relNumber();
        values[PG_CLASS.column("relpages")] = 0;
        values[PG_CLASS.column("reltuples")] = -1.0f;
        values[PG_CLASS.column("relallvisible")] = 0;
        if ("r".equals(String.valueOf(values[PG_CLASS.column("relkind")]))) {
            // the new file holds only rows of this transaction or later ones (RelationSetNewRelfilenumber)
            values[PG_CLASS.column("relfrozenxid")] = snapshot.xmin();
        }
        system.heap().update(classRow, databaseOid, values, tx, snapshot);
        tx.dropRelationStorageAtCommit(oldLocator);
    }

    /** Gives an index a new, empty file (REINDEX); the caller builds it again. */
    IndexInfo reindex(Transaction tx, RelationInfo table, IndexInfo index) {
        RelationLocks.lock(tx, table, LockMode.SHARE);
        system.noteCatalogChange(tx, table.oid());
        setNewRelfilenode(tx, tx.takeSnapshot(), index.oid(), index.locator());
        tx.incrementCommandId();
        return system.imageFor(tx, databaseOid).relation(table.oid()).index(index.oid());
    }

    /**
     * Creates the catalog rows and the (empty) file of a B-tree index on {@code table}
     * ({@code index_create}): pg_class ('i', relam 403), one pg_attribute row per stored column,
     * pg_index, and {@code relhasindex} on the table. The caller builds it.
     */
    IndexInfo createIndex(Transaction tx, CatalogImage image, RelationInfo table, IndexSpec spec) {
        refuseSystemCatalog(table);
        int namespaceOid = table.namespaceOid();
        if (image.relationOid(namespaceOid, spec.name()) != null) {
            throw SqlException.of(SqlState.DUPLICATE_TABLE, "relation \"%s\" already exists", spec.name());
        }
        if (spec.columns().size() > 32) {
            throw SqlException.of(SqlState.PROGRAM_LIMIT_EXCEEDED, "cannot use more than %d columns in an index", 32);
        }
        List<Integer> types = new ArrayList<>();
        List<Integer> classes = new ArrayList<>();
        List<String> columnNames = new ArrayList<>();
        List<Integer> typmods = new ArrayList<>();
        int expression = 0;
        for (int i = 0; i < spec.columns().size(); i++) {
            int typeOid;
            if (spec.columns().get(i) == 0) {
                IndexSpec.Expression column = spec.expressions().get(expression++);
                typeOid = column.typeOid();
                typmods.add(column.typeModifier());
                columnNames.add(column.columnName());
            } else {
                AttributeInfo column = table.attributeByNumber(spec.columns().get(i));
                typeOid = column.typeOid();
                typmods.add(column.typeModifier());
                columnNames.add(column.name());
            }
            types.add(typeOid);
            if (i < spec.keyColumnCount()) {
                TypeInfo type = image.type(typeOid);
                classes.add(type != null && type.typtype() == 'e'
                        ? org.woolly.utils.adt.PgOpclassData.OperatorClassOids.ENUM_OPS
                        : OperatorClasses.defaultBtree(typeOid, type == null ? "?" : type.name()));
            }
        }
        StorageServices storage = system.storage();
        int indexOid = storage.allocateOid();
        // an index on a partitioned table is itself partitioned: relkind 'I', no file (relfilenode 0)
        boolean partitioned = table.kind() == 'p';
        RelFileLocator locator = new RelFileLocator(RelFileLocator.DEFAULT_TABLESPACE_OID, databaseOid,
                partitioned ? 0 : indexOid);
        system.noteCatalogChange(tx, table.oid());
        system.noteCatalogChange(tx, indexOid);
        RelationLocks.lock(tx, databaseOid, indexOid, LockMode.ACCESS_EXCLUSIVE);
        if (!partitioned) {
            tx.createRelationStorage(locator);
        }
        IndexInfo index = new IndexInfo(indexOid, spec.name(), table.oid(), namespaceOid, locator,
                List.copyOf(spec.columns()), spec.keyColumnCount(), List.copyOf(types), List.copyOf(classes),
                List.copyOf(spec.descending()), List.copyOf(spec.nullsFirst()), spec.unique(), spec.primary(),
                spec.nullsNotDistinct(), true,
                IndexInfo.joinExpressions(spec.expressions().stream().map(IndexSpec.Expression::text).toList()),
                spec.predicate(), spec.immediate());
        CatalogHeap heap = system.heap();
        char persistence = image.classRow(table.oid()).getChar("relpersistence");
        Object[] classRow = CatalogRows.indexRelation(indexOid, spec.name(), namespaceOid, locator.relNumber(),
                persistence, spec.columns().size());
        if (partitioned) {
            classRow[PG_CLASS.column("relkind")] = "I";
            classRow[PG_CLASS.column("reltuples")] = 0.0f;
        }
        heap.insert(PG_CLASS, databaseOid, classRow, tx);
        for (int i = 0; i < spec.columns().size(); i++) {
            heap.insert(PG_ATTRIBUTE, databaseOid, CatalogRows.attribute(indexOid, columnNames.get(i),
                    image.type(types.get(i)), typmods.get(i), i + 1, false, false), tx);
        }
        heap.insert(PG_INDEX, databaseOid, CatalogRows.index(index), tx);
        updateClass(tx, table.oid(), "relhasindex", true);
        tx.incrementCommandId();
        return index;
    }

    /** Sets relhastriggers once a table has a trigger ({@code CreateTrigger}); it stays set, as in PostgreSQL. */
    void markHasTriggers(Transaction tx, int relationOid) {
        CatalogRow row = system.heap().scan(PG_CLASS, databaseOid, tx.takeSnapshot(),
                candidate -> candidate.getOid("oid") == relationOid).stream().findFirst().orElse(null);
        if (row != null && !row.getBool("relhastriggers")) {
            updateClass(tx, relationOid, "relhastriggers", true);
        }
    }

    /** Sets relhasrules once a relation has a rule ({@code SetRelationRuleStatus}); it stays set, as in PostgreSQL. */
    void markHasRules(Transaction tx, int relationOid) {
        CatalogRow row = system.heap().scan(PG_CLASS, databaseOid, tx.takeSnapshot(),
                candidate -> candidate.getOid("oid") == relationOid).stream().findFirst().orElse(null);
        if (row != null && !row.getBool("relhasrules")) {
            updateClass(tx, relationOid, "relhasrules", true);
        }
    }

    /** Sets one column of a relation's pg_class row. */
    private void updateClass(Transaction tx, int relationOid, String column, Object value) {
        Snapshot snapshot = tx.takeSnapshot();
        CatalogHeap heap = system.heap();
        for (CatalogRow row : heap.scan(PG_CLASS, databaseOid, snapshot, row -> row.getOid("oid") == relationOid)) {
            Object[] values = row.values().clone();
            values[PG_CLASS.column(column)] = value;
            heap.update(row, databaseOid, values, tx, snapshot);
        }
    }

    /** Drops an index: its catalog rows now, its file at commit ({@code index_drop}). */
    void dropIndex(Transaction tx, RelationInfo table, IndexInfo index) {
        RelationLocks.lock(tx, databaseOid, index.oid(), LockMode.ACCESS_EXCLUSIVE);
        system.noteCatalogChange(tx, table.oid());
        system.noteCatalogChange(tx, index.oid());
        deleteIndexRows(tx, tx.takeSnapshot(), index);
        if (table.indexes().size() == 1) {
            updateClass(tx, table.oid(), "relhasindex", false);
        }
        tx.incrementCommandId();
    }

    private void deleteIndexRows(Transaction tx, Snapshot snapshot, IndexInfo index) {
        CatalogHeap heap = system.heap();
        int oid = index.oid();
        heap.scan(PG_CLASS, databaseOid, snapshot, row -> row.getOid("oid") == oid)
                .forEach(row -> heap.delete(row, databaseOid, tx, snapshot));
        deleteWhere(tx, snapshot, PG_ATTRIBUTE, "attrelid", oid);
        deleteWhere(tx, snapshot, PG_INDEX, "indexrelid", oid);
        heap.scan(PG_DESCRIPTION, databaseOid, snapshot,
                        row -> row.getOid("objoid") == oid && row.getOid("classoid") == PG_CLASS.oid())
                .forEach(row -> heap.delete(row, databaseOid, tx, snapshot));
        // the index's place in a partitioned index's tree (as a partition, or as the parent)
        heap.scan(PG_INHERITS, databaseOid, snapshot,
                        row -> row.getOid("inhrelid") == oid || row.getOid("inhparent") == oid)
                .forEach(row -> heap.delete(row, databaseOid, tx, snapshot));
        if (index.locator().relNumber() != 0) {
            tx.dropRelationStorageAtCommit(index.locator());
        }
    }

    /** Sets an index's {@code pg_index.indisvalid} (a partitioned index becomes valid once every partition has its index). */
    void setIndexValid(Transaction tx, int tableOid, int indexOid, boolean valid) {
        system.noteCatalogChange(tx, indexOid);
        updateRows(tx, tableOid, PG_INDEX, row -> row.getOid("indexrelid") == indexOid,
                values -> values[PG_INDEX.column("indisvalid")] = valid);
    }

    /**
     * Makes a partition's constraint the child of a partitioned table's ({@code ConstraintSetParentConstraint}):
     * {@code conparentid}, {@code conislocal} and {@code coninhcount}; {@code parentOid} 0 detaches it.
     */
    void setConstraintParent(Transaction tx, int relationOid, int constraintOid, int parentOid, boolean created) {
        updateRows(tx, relationOid, PG_CONSTRAINT, row -> row.getOid("oid") == constraintOid, values -> {
            values[PG_CONSTRAINT.column("conparentid")] = parentOid;
            values[PG_CONSTRAINT.column("conislocal")] = parentOid == 0;
            values[PG_CONSTRAINT.column("coninhcount")] = parentOid == 0 ? 0 : 1;
            if (created) {
                // index_constraint_create: a constraint made for its parent's is not local, so inheritable
                values[PG_CONSTRAINT.column("connoinherit")] = false;
            }
        });
    }

    /** Changes the rows of {@code catalog} that {@code which} selects, a change of relation {@code relationOid}'s. */
    private void updateRows(Transaction tx, int relationOid, CatalogDefinition catalog,
                            java.util.function.Predicate<CatalogRow> which,
                            java.util.function.Consumer<Object[]> change) {
        system.noteCatalogChange(tx, relationOid);
        Snapshot snapshot = tx.takeSnapshot();
        CatalogHeap heap = system.heap();
        for (CatalogRow row : heap.scan(catalog, databaseOid, snapshot, which)) {
            Object[] values = row.values().clone();
            change.accept(values);
            heap.update(row, databaseOid, values, tx, snapshot);
        }
        tx.incrementCommandId();
    }

    /** Adds a pg_constraint row to {@code table} (and counts a check constraint in {@code relchecks}). */
    void addConstraint(Transaction tx, RelationInfo table, ConstraintInfo constraint) {
        system.noteCatalogChange(tx, table.oid());
        system.heap().insert(PG_CONSTRAINT, databaseOid, CatalogRows.constraint(constraint, table.oid()), tx);
        if (constraint.type() == ConstraintInfo.CHECK) {
            updateClass(tx, table.oid(), "relchecks", (short) (checkCount(table) + 1));
        }
        if (constraint.type() == ConstraintInfo.FOREIGN_KEY) {
            // as CreateConstraintEntry records them: automatic on its own columns, normal on the
            // referenced columns and on the referenced unique index
            for (short column : constraint.columns()) {
                addConstraintDependency(tx, constraint, table.oid(), column, 'a');
            }
            for (short column : constraint.referencedColumns()) {
                addConstraintDependency(tx, constraint, constraint.referencedOid(), column, 'n');
            }
            addConstraintDependency(tx, constraint, constraint.indexOid(), 0, 'n');
            // PostgreSQL enforces a foreign key with triggers on both tables, so both have
            // relhastriggers (pg_dump reads the foreign keys of such tables only)
            updateClass(tx, table.oid(), "relhastriggers", true);
            if (constraint.referencedOid() != table.oid()) {
                system.noteCatalogChange(tx, constraint.referencedOid());
                updateClass(tx, constraint.referencedOid(), "relhastriggers", true);
            }
        }
        tx.incrementCommandId();
    }

    private void addConstraintDependency(Transaction tx, ConstraintInfo constraint, int relationOid, int column,
                                         char type) {
        system.heap().insert(PG_DEPEND, databaseOid, new RowBuilder(PG_DEPEND).set("classid", PG_CONSTRAINT.oid())
                .set("objid", constraint.oid()).set("objsubid", 0).set("refclassid", PG_CLASS.oid())
                .set("refobjid", relationOid).set("refobjsubid", column).setChar("deptype", type).build(), tx);
    }

    /** Removes a constraint's pg_constraint row (its index, if any, is dropped by the caller). */
    void dropConstraint(Transaction tx, RelationInfo table, ConstraintInfo constraint) {
        system.noteCatalogChange(tx, table.oid());
        Snapshot snapshot = tx.takeSnapshot();
        deleteWhere(tx, snapshot, PG_CONSTRAINT, "oid", constraint.oid());
        system.heap().scan(PG_DEPEND, databaseOid, snapshot, row -> row.getOid("classid") == PG_CONSTRAINT.oid()
                        && row.getOid("objid") == constraint.oid())
                .forEach(row -> system.heap().delete(row, databaseOid, tx, snapshot));
        if (constraint.type() == ConstraintInfo.CHECK) {
            updateClass(tx, table.oid(), "relchecks", (short) (checkCount(table) - 1));
        }
        tx.incrementCommandId();
    }

    private static int checkCount(RelationInfo table) {
        int count = 0;
        for (ConstraintInfo constraint : table.constraints()) {
            if (constraint.type() == ConstraintInfo.CHECK) {
                count++;
            }
        }
        return count;
    }

    /**
     * Locks the relation for a change of its catalog rows, records the change, and returns its
     * pg_class row as a new snapshot sees it (42P01 if it was dropped meanwhile).
     */
    static CatalogRow lockForChange(SystemCatalog system, int databaseOid, Transaction tx, RelationInfo relation,
                                    LockMode mode) {
        RelationLocks.lock(tx, relation, mode);
        system.noteCatalogChange(tx, relation.oid());
        List<CatalogRow> classRows = system.heap().scan(PG_CLASS, databaseOid, tx.takeSnapshot(),
                row -> row.getOid("oid") == relation.oid());
        if (classRows.isEmpty()) {
            throw SqlException.of(SqlState.UNDEFINED_TABLE, "relation \"%s\" does not exist", relation.name());
        }
        return classRows.getFirst();
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
