package org.woolly.catalog;

import org.woolly.access.transam.Snapshot;
import org.woolly.access.transam.Transaction;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import static org.woolly.catalog.CatalogDefinitions.PG_ATTRDEF;
import static org.woolly.catalog.CatalogDefinitions.PG_CONSTRAINT;
import static org.woolly.catalog.CatalogDefinitions.PG_NAMESPACE;

/**
 * The catalog side of schemas: pg_namespace rows ({@code pg_namespace.c}'s
 * {@code NamespaceCreate}, {@code schemacmds.c}'s rename and owner change) and moving a relation
 * to another schema ({@code AlterTableNamespaceInternal} in {@code tablecmds.c}). Each change is
 * recorded as a catalog change (keyed by the namespace's OID) and ends with a command counter
 * increment, as for relations.
 */
final class NamespaceDdl {
    private final SystemCatalog system;
    private final int databaseOid;
    private final AlterTableDdl alter;
    private final SequenceCatalog sequences;

    NamespaceDdl(SystemCatalog system, int databaseOid, AlterTableDdl alter, SequenceCatalog sequences) {
        this.system = system;
        this.databaseOid = databaseOid;
        this.alter = alter;
        this.sequences = sequences;
    }

    static NamespaceInfo info(CatalogRow row) {
        return new NamespaceInfo(row.getOid("oid"), row.getString("nspname"), row.getOid("nspowner"),
                row.getString("nspacl"));
    }

    /** Inserts the pg_namespace row; 42P06 if the name is taken. */
    NamespaceInfo create(Transaction tx, String name, int ownerOid) {
        refuseTaken(system.imageFor(tx, databaseOid), name);
        int oid = system.storage().allocateOid();
        system.noteCatalogChange(tx, oid);
        system.heap().insert(PG_NAMESPACE, databaseOid, CatalogRows.namespace(oid, name, ownerOid), tx);
        tx.incrementCommandId();
        return info(system.imageFor(tx, databaseOid).namespaceRow(oid));
    }

    NamespaceInfo rename(Transaction tx, NamespaceInfo namespace, String newName) {
        CatalogImage image = system.imageFor(tx, databaseOid);
        refuseTaken(image, newName);
        List<Integer> sequenceOids = new ArrayList<>();
        for (CatalogRow row : image.classRowsIn(namespace.oid())) {
            if (row.getChar("relkind") == 'S') {
                sequenceOids.add(row.getOid("oid"));
            }
        }
        NamespaceInfo renamed = update(tx, namespace, values -> values[PG_NAMESPACE.column("nspname")] = newName);
        requalifyDefaults(tx, sequenceOids, newName);
        return renamed;
    }

    /**
     * Column defaults keep their expression as SQL text (README: pg_attrdef), and a serial
     * column's names its sequence qualified when the table was: once the sequence is in another
     * schema, or its schema renamed, {@code nextval('schema.seq'::regclass)} is rewritten to
     * name it where it is now (PostgreSQL keeps the sequence's OID and needs nothing).
     */
    private void requalifyDefaults(Transaction tx, List<Integer> sequenceOids, String schema) {
        if (sequenceOids.isEmpty()) {
            return;
        }
        CatalogImage image = system.imageFor(tx, databaseOid);
        Snapshot snapshot = tx.takeSnapshot();
        for (int sequenceOid : sequenceOids) {
            String sequenceName = image.classRow(sequenceOid).getString("relname");
            for (RelationDependency dependency : sequences.dependencies(tx, sequenceOid, true)) {
                if (dependency.type() != 'n') {
                    continue;
                }
                for (CatalogRow row : system.heap().scan(PG_ATTRDEF, databaseOid, snapshot,
                        row -> row.getOid("adrelid") == dependency.objectOid()
                                && row.getShort("adnum") == dependency.objectColumn())) {
                    String text = row.getString("adbin");
                    if (text == null || !text.matches("nextval\\('(?:[^']|'')*'::regclass\\)")) {
                        continue;
                    }
                    String qualified = quoteIdentifier(schema) + "." + quoteIdentifier(sequenceName);
                    Object[] values = row.values().clone();
                    values[PG_ATTRDEF.column("adbin")] = "nextval('" + qualified.replace("'", "''") + "'::regclass)";
                    system.noteCatalogChange(tx, dependency.objectOid());
                    system.heap().update(row, databaseOid, values, tx, snapshot);
                }
            }
        }
        tx.incrementCommandId();
    }

    /** {@code quote_identifier}: double quotes unless the name is a plain lower-case identifier. */
    private static String quoteIdentifier(String name) {
        return name.matches("[a-z_][a-z0-9_$]*") ? name : "\"" + name.replace("\"", "\"\"") + "\"";
    }

    NamespaceInfo setOwner(Transaction tx, NamespaceInfo namespace, int ownerOid) {
        return update(tx, namespace, values -> values[PG_NAMESPACE.column("nspowner")] = ownerOid);
    }

    /** Sets {@code nspacl} (its aclitem[] text, null for the owner's defaults). */
    NamespaceInfo setAcl(Transaction tx, NamespaceInfo namespace, String acl) {
        return update(tx, namespace, values -> values[PG_NAMESPACE.column("nspacl")] = acl);
    }

    /** Deletes the pg_namespace row; the caller has dropped what was in it. */
    void drop(Transaction tx, NamespaceInfo namespace) {
        system.noteCatalogChange(tx, namespace.oid());
        Snapshot snapshot = tx.takeSnapshot();
        for (CatalogRow row : rows(snapshot, namespace.oid())) {
            system.heap().delete(row, databaseOid, tx, snapshot);
        }
        tx.incrementCommandId();
    }

    /**
     * The relations that depend on the schema directly, as {@code findDependentObjects} reports
     * them: tables, views and sequences that no column owns, in creation order. Indexes and owned
     * sequences go with their table.
     */
    List<RelationInfo> dependents(Transaction tx, NamespaceInfo namespace) {
        CatalogImage image = system.imageFor(tx, databaseOid);
        List<RelationInfo> dependents = new ArrayList<>();
        for (CatalogRow row : image.classRowsIn(namespace.oid())) {
            char kind = row.getChar("relkind");
            int oid = row.getOid("oid");
            if (kind == 'i' || kind == 'S' && ownedSequence(tx, oid)) {
                continue;
            }
            dependents.add(image.relation(oid));
        }
        return dependents;
    }

    /**
     * Moves a table or sequence to another schema, with what goes with it: its row type, its
     * indexes, its constraints and the sequences its columns own. 42P07 if the schema has a
     * relation of one of those names.
     */
    RelationInfo setRelationNamespace(Transaction tx, RelationInfo relation, NamespaceInfo target) {
        CatalogImage image = system.imageFor(tx, databaseOid);
        List<RelationInfo> moving = new ArrayList<>();
        moving.add(relation);
        Set<Integer> seen = new HashSet<>();
        seen.add(relation.oid());
        for (IndexInfo index : relation.indexes()) {
            if (seen.add(index.oid())) {
                moving.add(image.relation(index.oid()));
            }
        }
        for (RelationDependency dependency : sequences.dependencies(tx, relation.oid(), true)) {
            if ((dependency.type() == 'a' || dependency.type() == 'i') && seen.add(dependency.objectOid())) {
                moving.add(image.relation(dependency.objectOid()));
            }
        }
        for (RelationInfo moved : moving) {
            if (image.relationOid(target.oid(), moved.name()) != null) {
                throw SqlException.of(SqlState.DUPLICATE_TABLE, "relation \"%s\" already exists in schema \"%s\"",
                        moved.name(), target.name());
            }
        }
        for (RelationInfo moved : moving) {
            alter.updateRelationAndRowType(tx, moved, "relnamespace", "typnamespace", target.oid());
        }
        List<Integer> movedSequences = new ArrayList<>();
        for (RelationInfo moved : moving) {
            if (moved.kind() == 'S') {
                movedSequences.add(moved.oid());
            }
        }
        requalifyDefaults(tx, movedSequences, target.name());
        Snapshot snapshot = tx.takeSnapshot();
        for (CatalogRow row : system.heap().scan(PG_CONSTRAINT, databaseOid, snapshot,
                row -> row.getOid("conrelid") == relation.oid())) {
            Object[] values = row.values().clone();
            values[PG_CONSTRAINT.column("connamespace")] = target.oid();
            system.heap().update(row, databaseOid, values, tx, snapshot);
        }
        tx.incrementCommandId();
        return system.imageFor(tx, databaseOid).relation(relation.oid());
    }

    private boolean ownedSequence(Transaction tx, int sequenceOid) {
        for (RelationDependency dependency : sequences.dependencies(tx, sequenceOid, false)) {
            if (dependency.type() == 'a' || dependency.type() == 'i') {
                return true;
            }
        }
        return false;
    }

    private NamespaceInfo update(Transaction tx, NamespaceInfo namespace, Consumer<Object[]> change) {
        system.noteCatalogChange(tx, namespace.oid());
        Snapshot snapshot = tx.takeSnapshot();
        for (CatalogRow row : rows(snapshot, namespace.oid())) {
            Object[] values = row.values().clone();
            change.accept(values);
            system.heap().update(row, databaseOid, values, tx, snapshot);
        }
        tx.incrementCommandId();
        CatalogRow row = system.imageFor(tx, databaseOid).namespaceRow(namespace.oid());
        if (row == null) {
            throw SqlException.of(SqlState.INVALID_SCHEMA_NAME, "schema \"%s\" does not exist", namespace.name());
        }
        return info(row);
    }

    private List<CatalogRow> rows(Snapshot snapshot, int oid) {
        return system.heap().scan(PG_NAMESPACE, databaseOid, snapshot, row -> row.getOid("oid") == oid);
    }

    private static void refuseTaken(CatalogImage image, String name) {
        if (image.namespaceOid(name) != null) {
            throw SqlException.of(SqlState.DUPLICATE_SCHEMA, "schema \"%s\" already exists", name);
        }
    }
}
