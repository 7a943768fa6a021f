package org.woolly.catalog;

import static org.woolly.catalog.CatalogDefinitions.PG_ATTRIBUTE;
import static org.woolly.catalog.CatalogDefinitions.PG_CLASS;
import static org.woolly.catalog.CatalogDefinitions.PG_DEPEND;
import static org.woolly.catalog.CatalogDefinitions.PG_REWRITE;
import static org.woolly.catalog.CatalogDefinitions.PG_TYPE;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.woolly.access.transam.Snapshot;
import org.woolly.access.transam.StorageServices;
import org.woolly.access.transam.Transaction;
import org.woolly.storage.lmgr.LockMode;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * User views ({@code DefineView} and {@code StoreViewQuery} of {@code view.c}): a pg_class row of
 * relkind 'v' without storage, its columns, row type and {@code _RETURN} rule, whose
 * {@code ev_action} holds the query as schema-qualified SQL text. As in PostgreSQL the rule, not
 * the view, depends on what the query reads: one pg_depend row (classid pg_rewrite, deptype 'n')
 * per relation and per column read, and the rule depends on its view ('i').
 */
final class ViewDdl {
    private static final char NORMAL = 'n';
    private static final char INTERNAL = 'i';

    private final SystemCatalog system;
    private final int databaseOid;

    ViewDdl(SystemCatalog system, int databaseOid) {
        this.system = system;
        this.databaseOid = databaseOid;
    }

    RelationInfo create(Transaction tx, CatalogImage image, int namespaceOid, String name, List<ColumnSpec> columns,
                        String query, List<int[]> references, char persistence) {
        if (image.relationOid(namespaceOid, name) != null) {
            throw SqlException.of(SqlState.DUPLICATE_TABLE, "relation \"%s\" already exists", name);
        }
        if (image.typeOid(namespaceOid, name) != null) {
            throw SqlException.of(SqlState.DUPLICATE_OBJECT, "type \"%s\" already exists", name)
                    .withHint("A relation has an associated type of the same name, so you must use a name that "
                            + "doesn't conflict with any existing type.");
        }
        List<TypeInfo> types = RelationDdl.checkColumns(image, columns);
        StorageServices storage = system.storage();
        int viewOid = storage.allocateOid();
        int rowTypeOid = storage.allocateOid();
        int ruleOid = storage.allocateOid();
        system.noteCatalogChange(tx, viewOid);
        RelationLocks.lock(tx, databaseOid, viewOid, LockMode.ACCESS_EXCLUSIVE);
        CatalogHeap heap = system.heap();
        heap.insert(PG_TYPE, databaseOid, CatalogRows.rowType(rowTypeOid, name, namespaceOid, viewOid), tx);
        heap.insert(PG_CLASS, databaseOid, CatalogRows.view(viewOid, name, namespaceOid, rowTypeOid, columns.size(),
                persistence),
                tx);
        for (int i = 0; i < columns.size(); i++) {
            heap.insert(PG_ATTRIBUTE, databaseOid, CatalogRows.attribute(viewOid, columns.get(i).name(), types.get(i),
                    columns.get(i).typeModifier(), i + 1, false, false), tx);
        }
        heap.insert(PG_REWRITE, databaseOid, CatalogRows.viewRule(ruleOid, viewOid, query), tx);
        insertDependency(tx, ruleOid, viewOid, 0, INTERNAL);
        storeReferences(tx, ruleOid, references);
        tx.incrementCommandId();
        return system.imageFor(tx, databaseOid).relation(viewOid);
    }

    /**
     * CREATE OR REPLACE VIEW on an existing view: the columns after the old ones are added, the
     * rule gets the new query and the new dependencies. The caller has checked the old columns
     * keep their names and types ({@code checkViewTupleDesc}).
     */
    RelationInfo replace(Transaction tx, RelationInfo view, List<ColumnSpec> columns, String query,
                         List<int[]> references) {
        CatalogRow classRow = RelationDdl.lockForChange(system, databaseOid, tx, view, LockMode.ACCESS_EXCLUSIVE);
        CatalogImage image = system.imageFor(tx, databaseOid);
        List<TypeInfo> types = RelationDdl.checkColumns(image, columns);
        Snapshot snapshot = tx.takeSnapshot();
        CatalogHeap heap = system.heap();
        int existing = view.attributes().size();
        if (columns.size() > existing) {
            Object[] values = classRow.values().clone();
            values[PG_CLASS.column("relnatts")] = (short) columns.size();
            heap.update(classRow, databaseOid, values, tx, snapshot);
            for (int i = existing; i < columns.size(); i++) {
                heap.insert(PG_ATTRIBUTE, databaseOid, CatalogRows.attribute(view.oid(), columns.get(i).name(),
                        types.get(i), columns.get(i).typeModifier(), i + 1, false, false), tx);
            }
        }
        int ruleOid = 0;
        for (CatalogRow rule : heap.scan(PG_REWRITE, databaseOid, snapshot, row -> row.getOid("ev_class") == view.oid())) {
            ruleOid = rule.getOid("oid");
            Object[] values = rule.values().clone();
            values[PG_REWRITE.column("ev_action")] = query;
            heap.update(rule, databaseOid, values, tx, snapshot);
        }
        int rule = ruleOid;
        for (CatalogRow row : heap.scan(PG_DEPEND, databaseOid, snapshot, row -> row.getOid("objid") == rule
                && row.getOid("classid") == PG_REWRITE.oid() && row.getChar("deptype") == NORMAL)) {
            heap.delete(row, databaseOid, tx, snapshot);
        }
        storeReferences(tx, ruleOid, references);
        tx.incrementCommandId();
        return system.imageFor(tx, databaseOid).relation(view.oid());
    }

    /** The rule's own rows; the caller drops the view's pg_class, pg_attribute and pg_type rows. */
    void dropRule(Transaction tx, RelationInfo view) {
        Snapshot snapshot = tx.takeSnapshot();
        CatalogHeap heap = system.heap();
        for (CatalogRow rule : heap.scan(PG_REWRITE, databaseOid, snapshot, row -> row.getOid("ev_class") == view.oid())) {
            int ruleOid = rule.getOid("oid");
            for (CatalogRow row : heap.scan(PG_DEPEND, databaseOid, snapshot,
                    row -> row.getOid("objid") == ruleOid && row.getOid("classid") == PG_REWRITE.oid())) {
                heap.delete(row, databaseOid, tx, snapshot);
            }
            heap.delete(rule, databaseOid, tx, snapshot);
        }
        tx.incrementCommandId();
    }

    /** The views (by OID, so in creation order) whose rules read {@code relationOid} (its column {@code column}, or any part of it when 0). */
    List<Integer> dependentViews(Transaction tx, int relationOid, int column) {
        Snapshot snapshot = tx.takeSnapshot();
        CatalogHeap heap = system.heap();
        Set<Integer> rules = new LinkedHashSet<>();
        for (CatalogRow row : heap.scan(PG_DEPEND, databaseOid, snapshot, row -> row.getOid("refobjid") == relationOid
                && row.getOid("classid") == PG_REWRITE.oid() && row.getChar("deptype") == NORMAL
                && (column == 0 || row.getInt("refobjsubid") == column))) {
            rules.add(row.getOid("objid"));
        }
        Set<Integer> views = new LinkedHashSet<>();
        for (CatalogRow rule : heap.scan(PG_REWRITE, databaseOid, snapshot, row -> rules.contains(row.getOid("oid")))) {
            if (rule.getOid("ev_class") != relationOid) {
                views.add(rule.getOid("ev_class"));
            }
        }
        // PostgreSQL finds them through pg_depend's index; in creation order here
        return views.stream().sorted().toList();
    }

    private void storeReferences(Transaction tx, int ruleOid, List<int[]> references) {
        for (int[] reference : references) {
            insertDependency(tx, ruleOid, reference[0], reference[1], NORMAL);
        }
    }

    private void insertDependency(Transaction tx, int ruleOid, int relationOid, int column, char type) {
        system.heap().insert(PG_DEPEND, databaseOid, new RowBuilder(PG_DEPEND).set("classid", PG_REWRITE.oid())
                .set("objid", ruleOid).set("objsubid", 0).set("refclassid", PG_CLASS.oid())
                .set("refobjid", relationOid).set("refobjsubid", column).setChar("deptype", type).build(), tx);
    }
}
