package org.woolly.catalog;

import static org.woolly.catalog.CatalogDefinitions.PG_ATTRDEF;
import static org.woolly.catalog.CatalogDefinitions.PG_ATTRIBUTE;
import static org.woolly.catalog.CatalogDefinitions.PG_CLASS;
import static org.woolly.catalog.CatalogDefinitions.PG_DEPEND;
import static org.woolly.catalog.CatalogDefinitions.PG_SEQUENCE;
import static org.woolly.catalog.CatalogDefinitions.PG_TYPE;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.woolly.access.transam.Snapshot;
import org.woolly.access.transam.Transaction;
import org.woolly.utils.adt.TypeOids;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * The catalog rows of sequences and their dependencies: the pg_class, pg_attribute, pg_type and
 * {@code pg_sequence} rows of a new sequence ({@code DefineSequence} in {@code sequence.c}), its
 * ownership by a column as {@code pg_depend} rows ({@code 'a'} for OWNED BY and serial,
 * {@code 'i'} for identity columns; {@code pg_depend.c}), and the objects that go with a dropped
 * table or sequence ({@code dependency.c}, for these dependencies only). The sequence's page is
 * {@code access.sequence}'s, written by the caller.
 */
final class SequenceCatalog {
    /** The columns {@code SELECT * FROM seq} shows. */
    private static final String[] COLUMNS = {"last_value", "log_cnt", "is_called"};
    private static final int[] COLUMN_TYPES = {TypeOids.INT8, TypeOids.INT8, TypeOids.BOOL};


    private final SystemCatalog system;
    private final int databaseOid;
    private final RelationDdl ddl;

    SequenceCatalog(SystemCatalog system, int databaseOid, RelationDdl ddl) {
        this.system = system;
        this.databaseOid = databaseOid;
        this.ddl = ddl;
    }

    RelationInfo create(Transaction tx, CatalogImage image, int namespaceOid, String name,
                        SequenceDefinition definition, char persistence) {
        if (image.relationOid(namespaceOid, name) != null) {
            throw SqlException.of(SqlState.DUPLICATE_TABLE, "relation \"%s\" already exists", name);
        }
        RelationDdl.NewRelation created = ddl.newRelation(tx, namespaceOid, name);
        int relationOid = created.oid();
        CatalogHeap heap = system.heap();
        Object[] classRow = CatalogRows.heapRelation(relationOid, name, namespaceOid, created.rowTypeOid(), relationOid, 0,
                false, persistence, COLUMNS.length, false);
        classRow[PG_CLASS.column("relkind")] = "S";
        classRow[PG_CLASS.column("relam")] = 0;
        classRow[PG_CLASS.column("relfrozenxid")] = CatalogRows.INVALID_XID;
        classRow[PG_CLASS.column("relminmxid")] = CatalogRows.INVALID_XID;
        heap.insert(PG_CLASS, databaseOid, classRow, tx);
        for (int i = 0; i < COLUMNS.length; i++) {
            heap.insert(PG_ATTRIBUTE, databaseOid, CatalogRows.attribute(relationOid, COLUMNS[i],
                    image.type(COLUMN_TYPES[i]), -1, i + 1, true, false), tx);
        }
        for (Object[] row : CatalogRows.systemAttributes(relationOid)) {
            heap.insert(PG_ATTRIBUTE, databaseOid, row, tx);
        }
        heap.insert(PG_SEQUENCE, databaseOid, sequenceRow(relationOid, definition), tx);
        tx.incrementCommandId();
        return system.imageFor(tx, databaseOid).relation(relationOid);
    }

    private static Object[] sequenceRow(int relationOid, SequenceDefinition definition) {
        return new RowBuilder(PG_SEQUENCE).set("seqrelid", relationOid).set("seqtypid", definition.typeOid())
                .set("seqstart", definition.start()).set("seqincrement", definition.increment())
                .set("seqmax", definition.maxValue()).set("seqmin", definition.minValue())
                .set("seqcache", definition.cache()).set("seqcycle", definition.cycle()).build();
    }

    Optional<SequenceDefinition> definition(Transaction tx, int relationOid) {
        Snapshot snapshot = tx.takeSnapshot();
        for (CatalogRow row : system.heap().scan(PG_SEQUENCE, databaseOid, snapshot,
                row -> row.getOid("seqrelid") == relationOid)) {
            return Optional.of(new SequenceDefinition(row.getOid("seqtypid"), (Long) row.get("seqstart"),
                    (Long) row.get("seqincrement"), (Long) row.get("seqmax"), (Long) row.get("seqmin"),
                    (Long) row.get("seqcache"), row.getBool("seqcycle")));
        }
        return Optional.empty();
    }

    void alter(Transaction tx, RelationInfo sequence, SequenceDefinition definition) {
        system.noteCatalogChange(tx, sequence.oid());
        Snapshot snapshot = tx.takeSnapshot();
        CatalogHeap heap = system.heap();
        for (CatalogRow row : heap.scan(PG_SEQUENCE, databaseOid, snapshot,
                row -> row.getOid("seqrelid") == sequence.oid())) {
            heap.update(row, databaseOid, sequenceRow(sequence.oid(), definition), tx, snapshot);
        }
        tx.incrementCommandId();
    }

    /** ALTER ... RENAME TO for a sequence: its pg_class row and its row type. */
    void rename(Transaction tx, CatalogImage image, RelationInfo relation, String newName) {
        if (image.relationOid(relation.namespaceOid(), newName) != null) {
            throw SqlException.of(SqlState.DUPLICATE_TABLE, "relation \"%s\" already exists", newName);
        }
        system.noteCatalogChange(tx, relation.oid());
        Snapshot snapshot = tx.takeSnapshot();
        CatalogHeap heap = system.heap();
        for (CatalogRow row : heap.scan(PG_CLASS, databaseOid, snapshot, row -> row.getOid("oid") == relation.oid())) {
            Object[] values = row.values().clone();
            values[PG_CLASS.column("relname")] = newName;
            heap.update(row, databaseOid, values, tx, snapshot);
        }
        for (CatalogRow row : heap.scan(PG_TYPE, databaseOid, snapshot,
                row -> row.getOid("typrelid") == relation.oid())) {
            Object[] values = row.values().clone();
            values[PG_TYPE.column("typname")] = newName;
            heap.update(row, databaseOid, values, tx, snapshot);
        }
        tx.incrementCommandId();
    }

    /**
     * Records a dependency. A column default's use of a sequence is, as in PostgreSQL
     * ({@code recordDependencyOnExpr} of {@code StoreAttrDefault}), a dependency of the default's
     * pg_attrdef row, not of the column: pg_dump relies on it to dump a serial column's default
     * after the sequence it uses.
     */
    void addDependency(Transaction tx, RelationDependency dependency) {
        system.noteCatalogChange(tx, dependency.objectOid());
        int classId = PG_CLASS.oid();
        int objectOid = dependency.objectOid();
        int objectColumn = dependency.objectColumn();
        if (objectColumn > 0 && dependency.type() == 'n') {
            for (CatalogRow row : system.heap().scan(PG_ATTRDEF, databaseOid, tx.takeSnapshot(),
                    row -> row.getOid("adrelid") == dependency.objectOid()
                            && row.getShort("adnum") == dependency.objectColumn())) {
                classId = PG_ATTRDEF.oid();
                objectOid = row.getOid("oid");
                objectColumn = 0;
            }
        }
        system.heap().insert(PG_DEPEND, databaseOid, new RowBuilder(PG_DEPEND).set("classid", classId)
                .set("objid", objectOid).set("objsubid", objectColumn)
                .set("refclassid", PG_CLASS.oid()).set("refobjid", dependency.referencedOid())
                .set("refobjsubid", dependency.referencedColumn()).setChar("deptype", dependency.type()).build(), tx);
        tx.incrementCommandId();
    }

    /** Removes the ownership of a sequence (OWNED BY NONE, or before a new OWNED BY). */
    void removeOwnership(Transaction tx, int sequenceOid) {
        Snapshot snapshot = tx.takeSnapshot();
        CatalogHeap heap = system.heap();
        for (CatalogRow row : heap.scan(PG_DEPEND, databaseOid, snapshot, row -> row.getOid("objid") == sequenceOid
                && row.getOid("classid") == PG_CLASS.oid() && isOwnership(row.getChar("deptype")))) {
            heap.delete(row, databaseOid, tx, snapshot);
        }
        tx.incrementCommandId();
    }

    /** The dependencies of or on {@code relationOid} among relations. */
    List<RelationDependency> dependencies(Transaction tx, int relationOid, boolean onIt) {
        Snapshot snapshot = tx.takeSnapshot();
        Map<Integer, CatalogRow> defaults = defaults(snapshot);
        List<RelationDependency> found = new ArrayList<>();
        for (CatalogRow row : system.heap().scan(PG_DEPEND, databaseOid, snapshot,
                row -> row.getOid("classid") == PG_CLASS.oid() || row.getOid("classid") == PG_ATTRDEF.oid())) {
            int objectOid = row.getOid("objid");
            int objectColumn = row.getInt("objsubid");
            if (row.getOid("classid") == PG_ATTRDEF.oid()) {
                CatalogRow columnDefault = defaults.get(objectOid);
                if (columnDefault == null) {
                    continue;
                }
                objectOid = columnDefault.getOid("adrelid");
                objectColumn = columnDefault.getShort("adnum");
            }
            if ((onIt ? row.getOid("refobjid") : objectOid) == relationOid) {
                found.add(new RelationDependency(objectOid, objectColumn, row.getOid("refobjid"),
                        row.getInt("refobjsubid"), row.getChar("deptype")));
            }
        }
        return found;
    }

    /** The pg_attrdef rows by OID. */
    private Map<Integer, CatalogRow> defaults(Snapshot snapshot) {
        Map<Integer, CatalogRow> defaults = new HashMap<>();
        for (CatalogRow row : system.heap().scan(PG_ATTRDEF, databaseOid, snapshot)) {
            defaults.put(row.getOid("oid"), row);
        }
        return defaults;
    }

    /**
     * What goes with a dropped relation: the sequences its columns own are dropped; its own
     * dependency rows and, for a sequence, its pg_sequence row are removed.
     */
    void dropDependents(Transaction tx, RelationInfo relation) {
        for (RelationDependency dependency : dependencies(tx, relation.oid(), true)) {
            if (isOwnership(dependency.type())) {
                RelationInfo owned = system.imageFor(tx, databaseOid).relation(dependency.objectOid());
                if (owned != null) {
                    dropDependents(tx, owned);
                    ddl.dropRelation(tx, owned);
                }
            }
        }
        Snapshot snapshot = tx.takeSnapshot();
        CatalogHeap heap = system.heap();
        int oid = relation.oid();
        Map<Integer, CatalogRow> defaults = defaults(snapshot);
        for (CatalogRow row : heap.scan(PG_DEPEND, databaseOid, snapshot,
                row -> row.getOid("objid") == oid || row.getOid("refobjid") == oid
                        || row.getOid("classid") == PG_ATTRDEF.oid() && defaults.containsKey(row.getOid("objid"))
                        && defaults.get(row.getOid("objid")).getOid("adrelid") == oid)) {
            heap.delete(row, databaseOid, tx, snapshot);
        }
        for (CatalogRow row : heap.scan(PG_SEQUENCE, databaseOid, snapshot, row -> row.getOid("seqrelid") == oid)) {
            heap.delete(row, databaseOid, tx, snapshot);
        }
        tx.incrementCommandId();
    }

    /** Removes a column default that uses a dropped sequence (DROP SEQUENCE ... CASCADE). */
    void dropDefault(Transaction tx, int tableOid, int column) {
        system.noteCatalogChange(tx, tableOid);
        Snapshot snapshot = tx.takeSnapshot();
        CatalogHeap heap = system.heap();
        for (CatalogRow row : heap.scan(PG_ATTRDEF, databaseOid, snapshot,
                row -> row.getOid("adrelid") == tableOid && row.getShort("adnum") == column)) {
            heap.delete(row, databaseOid, tx, snapshot);
            for (CatalogRow dependency : heap.scan(PG_DEPEND, databaseOid, snapshot,
                    depend -> depend.getOid("classid") == PG_ATTRDEF.oid() && depend.getOid("objid") == row.getOid("oid"))) {
                heap.delete(dependency, databaseOid, tx, snapshot);
            }
        }
        for (CatalogRow row : heap.scan(PG_ATTRIBUTE, databaseOid, snapshot,
                row -> row.getOid("attrelid") == tableOid && row.getShort("attnum") == column)) {
            Object[] values = row.values().clone();
            values[PG_ATTRIBUTE.column("atthasdef")] = false;
            heap.update(row, databaseOid, values, tx, snapshot);
        }
        tx.incrementCommandId();
    }

    /**
     * Marks a column as an identity column ({@code attidentity}) whose values come from
     * {@code nextvalExpression}. As in PostgreSQL, the column has no pg_attrdef row: the catalog
     * cache computes the expression from the sequence the column owns (pg_depend type 'i').
     */
    void setIdentity(Transaction tx, int tableOid, int column, char identity, String nextvalExpression) {
        system.noteCatalogChange(tx, tableOid);
        Snapshot snapshot = tx.takeSnapshot();
        CatalogHeap heap = system.heap();
        for (CatalogRow row : heap.scan(PG_ATTRIBUTE, databaseOid, snapshot,
                row -> row.getOid("attrelid") == tableOid && row.getShort("attnum") == column)) {
            Object[] values = row.values().clone();
            values[PG_ATTRIBUTE.column("attidentity")] = String.valueOf(identity);
            heap.update(row, databaseOid, values, tx, snapshot);
        }
        tx.incrementCommandId();
    }

    static boolean isOwnership(char type) {
        return type == 'a' || type == 'i';
    }
}
