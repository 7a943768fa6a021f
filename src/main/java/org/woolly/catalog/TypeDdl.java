package org.woolly.catalog;

import static org.woolly.catalog.CatalogDefinitions.PG_ATTRIBUTE;
import static org.woolly.catalog.CatalogDefinitions.PG_CLASS;
import static org.woolly.catalog.CatalogDefinitions.PG_DESCRIPTION;
import static org.woolly.catalog.CatalogDefinitions.PG_ENUM;
import static org.woolly.catalog.CatalogDefinitions.PG_TYPE;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.woolly.access.transam.Snapshot;
import org.woolly.access.transam.Transaction;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * The catalog side of user-defined types: the pg_type rows of an enum type and its array type,
 * its pg_enum labels, and their removal. Counterpart of {@code pg_type.c} ({@code TypeCreate})
 * and {@code pg_enum.c} ({@code EnumValuesCreate}, {@code AddEnumLabel}, {@code RenameEnumLabel}).
 */
final class TypeDdl {
    /** {@code NAMEDATALEN - 1}: the longest label pg_enum's name column holds. */
    private static final int MAX_LABEL_BYTES = 63;

    private final SystemCatalog system;
    private final int databaseOid;

    TypeDdl(SystemCatalog system, int databaseOid) {
        this.system = system;
        this.databaseOid = databaseOid;
    }

    /** Creates the enum type {@code name} with its array type and labels in the given order; returns its OID. */
    int createEnum(Transaction tx, CatalogImage image, int namespaceOid, String name, List<String> labels,
                   int ownerOid) {
        refuseExistingType(image, namespaceOid, name);
        int typeOid = system.storage().allocateOid();
        Set<String> seen = new HashSet<>();
        for (String label : labels) {
            checkLabel(label);
            if (!seen.add(label)) {
                // PostgreSQL reports it from pg_enum's unique index
                throw SqlException.of(SqlState.UNIQUE_VIOLATION,
                        "duplicate key value violates unique constraint \"pg_enum_typid_label_index\"")
                        .withDetail("Key (enumtypid, enumlabel)=(%s, %s) already exists.".formatted(
                                Integer.toUnsignedString(typeOid), label));
            }
        }
        int arrayOid = system.storage().allocateOid();
        system.noteCatalogChange(tx, typeOid);
        CatalogHeap heap = system.heap();
        heap.insert(PG_TYPE, databaseOid, CatalogRows.enumType(typeOid, name, namespaceOid, arrayOid, ownerOid), tx);
        heap.insert(PG_TYPE, databaseOid, CatalogRows.arrayType(arrayOid, arrayName(image, namespaceOid, name, arrayOid),
                namespaceOid, typeOid, ownerOid), tx);
        for (int i = 0; i < labels.size(); i++) {
            heap.insert(PG_ENUM, databaseOid, CatalogRows.enumLabel(new EnumLabel(system.storage().allocateOid(),
                    typeOid, i + 1, labels.get(i))), tx);
        }
        tx.incrementCommandId();
        return typeOid;
    }

    /**
     * Creates the composite type {@code name} ({@code DefineCompositeType}): a pg_class row of
     * relkind 'c' without storage, its pg_attribute rows, the row type and its array type.
     */
    int createComposite(Transaction tx, CatalogImage image, int namespaceOid, String name, List<ColumnSpec> columns,
                        int ownerOid) {
        if (image.relationOid(namespaceOid, name) != null) {
            throw SqlException.of(SqlState.DUPLICATE_TABLE, "relation \"%s\" already exists", name);
        }
        refuseExistingType(image, namespaceOid, name);
        List<TypeInfo> types = RelationDdl.checkColumns(image, columns);
        int relationOid = system.storage().allocateOid();
        int typeOid = system.storage().allocateOid();
        int arrayOid = system.storage().allocateOid();
        system.noteCatalogChange(tx, relationOid);
        CatalogHeap heap = system.heap();
        heap.insert(PG_TYPE, databaseOid, CatalogRows.compositeType(typeOid, name, namespaceOid, relationOid, arrayOid,
                ownerOid), tx);
        heap.insert(PG_TYPE, databaseOid, CatalogRows.arrayType(arrayOid, arrayName(image, namespaceOid, name, arrayOid),
                namespaceOid, typeOid, ownerOid), tx);
        heap.insert(PG_CLASS, databaseOid, CatalogRows.compositeClass(relationOid, name, namespaceOid, typeOid,
                columns.size(), ownerOid), tx);
        for (int i = 0; i < columns.size(); i++) {
            heap.insert(PG_ATTRIBUTE, databaseOid, CatalogRows.attribute(relationOid, columns.get(i).name(),
                    types.get(i), columns.get(i).typeModifier(), i + 1, false, false), tx);
        }
        tx.incrementCommandId();
        return typeOid;
    }

    /**
     * {@code ALTER TYPE ... ADD VALUE}: the new label goes last, or just before or after
     * {@code neighbor}; false (nothing added) when it exists and {@code ifNotExists}.
     */
    boolean addEnumLabel(Transaction tx, CatalogImage image, int typeOid, String label, String neighbor,
                         boolean before, boolean ifNotExists) {
        checkLabel(label);
        List<EnumLabel> labels = image.enumLabels(typeOid);
        if (labels.stream().anyMatch(existing -> existing.label().equals(label))) {
            if (ifNotExists) {
                return false;
            }
            throw SqlException.of(SqlState.DUPLICATE_OBJECT, "enum label \"%s\" already exists", label);
        }
        float sortOrder;
        if (neighbor == null) {
            sortOrder = labels.isEmpty() ? 1 : labels.getLast().sortOrder() + 1;
        } else {
            int index = indexOf(labels, neighbor);
            float at = labels.get(index).sortOrder();
            if (before) {
                sortOrder = index == 0 ? at - 1 : (labels.get(index - 1).sortOrder() + at) / 2;
            } else {
                sortOrder = index == labels.size() - 1 ? at + 1 : (labels.get(index + 1).sortOrder() + at) / 2;
            }
        }
        system.noteCatalogChange(tx, typeOid);
        system.heap().insert(PG_ENUM, databaseOid, CatalogRows.enumLabel(new EnumLabel(system.storage().allocateOid(),
                typeOid, sortOrder, label)), tx);
        tx.incrementCommandId();
        return true;
    }

    /** {@code ALTER TYPE ... RENAME VALUE}: stored values keep their label OID, so no table changes. */
    void renameEnumLabel(Transaction tx, CatalogImage image, int typeOid, String oldLabel, String newLabel) {
        checkLabel(newLabel);
        List<EnumLabel> labels = image.enumLabels(typeOid);
        EnumLabel existing = labels.get(indexOf(labels, oldLabel));
        if (labels.stream().anyMatch(other -> other.label().equals(newLabel))) {
            throw SqlException.of(SqlState.DUPLICATE_OBJECT, "enum label \"%s\" already exists", newLabel);
        }
        system.noteCatalogChange(tx, typeOid);
        Snapshot snapshot = tx.takeSnapshot();
        CatalogHeap heap = system.heap();
        for (CatalogRow row : heap.scan(PG_ENUM, databaseOid, snapshot, row -> row.getOid("oid") == existing.oid())) {
            heap.update(row, databaseOid, CatalogRows.enumLabel(new EnumLabel(existing.oid(), typeOid,
                    existing.sortOrder(), newLabel)), tx, snapshot);
        }
        tx.incrementCommandId();
    }

    /** The columns ({@code relation OID, attnum}) whose type is the type or its array type. */
    List<int[]> dependentColumns(Transaction tx, TypeInfo type) {
        Snapshot snapshot = tx.takeSnapshot();
        List<int[]> columns = new ArrayList<>();
        for (CatalogRow row : system.heap().scan(PG_ATTRIBUTE, databaseOid, snapshot,
                row -> !row.getBool("attisdropped") && row.getShort("attnum") > 0
                        && (row.getOid("atttypid") == type.oid() || type.arrayOid() != 0
                        && row.getOid("atttypid") == type.arrayOid()))) {
            columns.add(new int[] {row.getOid("attrelid"), row.getShort("attnum")});
        }
        return columns;
    }

    /** Removes the type's pg_type rows (with its array type), its labels and its comment. */
    void dropType(Transaction tx, TypeInfo type) {
        system.noteCatalogChange(tx, type.oid());
        Snapshot snapshot = tx.takeSnapshot();
        CatalogHeap heap = system.heap();
        int oid = type.oid();
        heap.scan(PG_TYPE, databaseOid, snapshot, row -> row.getOid("oid") == oid
                        || row.getOid("oid") == type.arrayOid() && type.arrayOid() != 0)
                .forEach(row -> heap.delete(row, databaseOid, tx, snapshot));
        heap.scan(PG_ENUM, databaseOid, snapshot, row -> row.getOid("enumtypid") == oid)
                .forEach(row -> heap.delete(row, databaseOid, tx, snapshot));
        heap.scan(CatalogDefinitions.PG_CONSTRAINT, databaseOid, snapshot, row -> row.getOid("contypid") == oid)
                .forEach(row -> heap.delete(row, databaseOid, tx, snapshot));
        heap.scan(PG_DESCRIPTION, databaseOid, snapshot, row -> row.getOid("objoid") == oid
                        && row.getOid("classoid") == PG_TYPE.oid())
                .forEach(row -> heap.delete(row, databaseOid, tx, snapshot));
        tx.incrementCommandId();
    }

    /** Renames the type (and its array type), moves it to another schema, or gives it another owner. */
    void alterType(Transaction tx, CatalogImage image, TypeInfo type, String newName, int newNamespaceOid,
                   int newOwnerOid) {
        String name = newName != null ? newName : type.name();
        int namespaceOid = newNamespaceOid != 0 ? newNamespaceOid : type.namespaceOid();
        if (newName != null || newNamespaceOid != 0) {
            Integer existing = image.typeOid(namespaceOid, name);
            if (existing != null && existing != type.oid()) {
                throw SqlException.of(SqlState.DUPLICATE_OBJECT, "type \"%s\" already exists", name);
            }
        }
        system.noteCatalogChange(tx, type.oid());
        Snapshot snapshot = tx.takeSnapshot();
        CatalogHeap heap = system.heap();
        String arrayName = arrayName(image, namespaceOid, name, type.arrayOid());
        for (CatalogRow row : heap.scan(PG_TYPE, databaseOid, snapshot, row -> row.getOid("oid") == type.oid()
                || type.arrayOid() != 0 && row.getOid("oid") == type.arrayOid())) {
            Object[] values = row.values().clone();
            boolean array = row.getOid("oid") != type.oid();
            values[PG_TYPE.column("typname")] = array ? arrayName : name;
            values[PG_TYPE.column("typnamespace")] = namespaceOid;
            if (newOwnerOid != 0) {
                values[PG_TYPE.column("typowner")] = newOwnerOid;
            }
            heap.update(row, databaseOid, values, tx, snapshot);
        }
        tx.incrementCommandId();
    }

    static void refuseExistingType(CatalogImage image, int namespaceOid, String name) {
        if (image.typeOid(namespaceOid, name) != null) {
            throw SqlException.of(SqlState.DUPLICATE_OBJECT, "type \"%s\" already exists", name);
        }
    }

    /** {@code makeArrayTypeName}: "_" and the name, with more underscores while that name is taken. */
    static String arrayName(CatalogImage image, int namespaceOid, String name, int arrayOid) {
        String candidate = "_" + name;
        for (Integer taken = image.typeOid(namespaceOid, candidate); taken != null && taken != arrayOid;
             taken = image.typeOid(namespaceOid, candidate)) {
            candidate = "_" + candidate;
        }
        return candidate;
    }

    private static int indexOf(List<EnumLabel> labels, String label) {
        for (int i = 0; i < labels.size(); i++) {
            if (labels.get(i).label().equals(label)) {
                return i;
            }
        }
        throw SqlException.of(SqlState.INVALID_PARAMETER_VALUE, "\"%s\" is not an existing enum label", label);
    }

    private static void checkLabel(String label) {
        if (label.getBytes(StandardCharsets.UTF_8).length > MAX_LABEL_BYTES) {
            throw SqlException.of(SqlState.INVALID_PARAMETER_VALUE, "invalid enum label \"%s\"", label)
                    .withDetail("Labels must be 63 bytes or less.");
        }
    }
}
