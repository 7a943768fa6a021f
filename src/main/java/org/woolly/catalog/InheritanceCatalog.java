package org.woolly.catalog;

import org.woolly.access.transam.Snapshot;
import org.woolly.access.transam.Transaction;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.woolly.catalog.CatalogDefinitions.PG_ATTRIBUTE;
import static org.woolly.catalog.CatalogDefinitions.PG_CLASS;
import static org.woolly.catalog.CatalogDefinitions.PG_CONSTRAINT;
import static org.woolly.catalog.CatalogDefinitions.PG_INHERITS;

/**
 * Table inheritance in the catalogs: the {@code pg_inherits} rows linking a child to its
 * parents, the parent's {@code relhassubclass}, and the inheritance counts of columns
 * ({@code attinhcount}, {@code attislocal}) and CHECK constraints ({@code coninhcount},
 * {@code conislocal}). Counterpart of {@code pg_inherits.c} and the parts of
 * {@code tablecmds.c} that store them ({@code StoreCatalogInheritance1}).
 */
final class InheritanceCatalog {
    private final SystemCatalog system;
    private final int databaseOid;

    InheritanceCatalog(SystemCatalog system, int databaseOid) {
        this.system = system;
        this.databaseOid = databaseOid;
    }

    /** Records {@code child} as inheriting from {@code parent} at position {@code sequence} (from 1). */
    void addParent(Transaction tx, int childOid, int parentOid, int sequence) {
        system.noteCatalogChange(tx, childOid);
        noteWithAncestors(tx, parentOid);
        CatalogHeap heap = system.heap();
        heap.insert(PG_INHERITS, databaseOid, new RowBuilder(PG_INHERITS).set("inhrelid", childOid)
                .set("inhparent", parentOid).set("inhseqno", sequence).set("inhdetachpending", false).build(), tx);
        Snapshot snapshot = tx.takeSnapshot();
        for (CatalogRow row : heap.scan(PG_CLASS, databaseOid, snapshot, row -> row.getOid("oid") == parentOid)) {
            if (!row.getBool("relhassubclass")) {
                Object[] values = row.values().clone();
                values[PG_CLASS.column("relhassubclass")] = true;
                heap.update(row, databaseOid, values, tx, snapshot);
            }
        }
        tx.incrementCommandId();
    }

    /** Removes the link between {@code child} and {@code parent} (NO INHERIT); true when there was one. */
    boolean removeParent(Transaction tx, int childOid, int parentOid) {
        system.noteCatalogChange(tx, childOid);
        noteWithAncestors(tx, parentOid);
        Snapshot snapshot = tx.takeSnapshot();
        boolean found = false;
        for (CatalogRow row : system.heap().scan(PG_INHERITS, databaseOid, snapshot,
                row -> row.getOid("inhrelid") == childOid && row.getOid("inhparent") == parentOid)) {
            system.heap().delete(row, databaseOid, tx, snapshot);
            found = true;
        }
        tx.incrementCommandId();
        return found;
    }

    /** Removes the rows naming a dropped relation as a child. */
    void forget(Transaction tx, int relationOid) {
        Snapshot snapshot = tx.takeSnapshot();
        for (CatalogRow row : system.heap().scan(PG_INHERITS, databaseOid, snapshot,
                row -> row.getOid("inhrelid") == relationOid || row.getOid("inhparent") == relationOid)) {
            noteWithAncestors(tx, row.getOid("inhparent"));
            system.heap().delete(row, databaseOid, tx, snapshot);
        }
    }

    /**
     * Marks a parent and all its ancestors changed: their plans read the descendants, so a
     * child joining or leaving anywhere below them makes those plans stale.
     */
    private void noteWithAncestors(Transaction tx, int relationOid) {
        Set<Integer> seen = new LinkedHashSet<>(List.of(relationOid));
        List<Integer> queue = new ArrayList<>(seen);
        for (int i = 0; i < queue.size(); i++) {
            system.noteCatalogChange(tx, queue.get(i));
            for (int parent : system.imageFor(tx, databaseOid).inheritanceParents(queue.get(i))) {
                if (seen.add(parent)) {
                    queue.add(parent);
                }
            }
        }
    }

    /** Sets a column's {@code attinhcount} and {@code attislocal}. */
    void setColumnInheritance(Transaction tx, int relationOid, int attributeNumber, int count, boolean local) {
        system.noteCatalogChange(tx, relationOid);
        Snapshot snapshot = tx.takeSnapshot();
        for (CatalogRow row : system.heap().scan(PG_ATTRIBUTE, databaseOid, snapshot,
                row -> row.getOid("attrelid") == relationOid && row.getShort("attnum") == attributeNumber)) {
            Object[] values = row.values().clone();
            values[PG_ATTRIBUTE.column("attinhcount")] = count;
            values[PG_ATTRIBUTE.column("attislocal")] = local;
            system.heap().update(row, databaseOid, values, tx, snapshot);
        }
        tx.incrementCommandId();
    }

    /** Sets a constraint's {@code coninhcount} and {@code conislocal}. */
    void setConstraintInheritance(Transaction tx, int relationOid, String name, int count, boolean local) {
        system.noteCatalogChange(tx, relationOid);
        Snapshot snapshot = tx.takeSnapshot();
        for (CatalogRow row : system.heap().scan(PG_CONSTRAINT, databaseOid, snapshot,
                row -> row.getOid("conrelid") == relationOid && name.equals(row.getString("conname")))) {
            Object[] values = row.values().clone();
            values[PG_CONSTRAINT.column("coninhcount")] = count;
            values[PG_CONSTRAINT.column("conislocal")] = local;
            system.heap().update(row, databaseOid, values, tx, snapshot);
        }
        tx.incrementCommandId();
    }

    /**
     * A table and all its descendants, each once, parents before children (breadth first,
     * {@code find_all_inheritors}).
     */
    static List<Integer> allInheritors(CatalogImage image, int relationOid) {
        if (image.inheritanceChildren(relationOid).isEmpty()) {
            return List.of(relationOid);
        }
        Set<Integer> result = new LinkedHashSet<>();
        result.add(relationOid);
        List<Integer> queue = new ArrayList<>(List.of(relationOid));
        for (int i = 0; i < queue.size(); i++) {
            for (int child : image.inheritanceChildren(queue.get(i))) {
                if (result.add(child)) {
                    queue.add(child);
                }
            }
        }
        return List.copyOf(result);
    }
}
