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
     * Creates the range type {@code name} ({@code DefineRange}): pg_type rows of the range, its
     * multirange and their array types, the pg_range row and the constructor functions
     * ({@code name(lo, hi)}, {@code name(lo, hi, bounds)}, {@code multirange()},
     * {@code multirange(range)}, {@code multirange(VARIADIC range[])}). A shell type of that name
     * becomes the range type, keeping its OID.
     */
    int createRange(Transaction tx, CatalogImage image, int namespaceOid, String name, RangeDefinition definition,
                    int multirangeNamespace, int ownerOid) {
        Integer existing = image.typeOid(namespaceOid, name);
        TypeInfo shell = existing == null ? null : image.type(existing);
        if (shell != null && !isShell(shell)) {
            throw SqlException.of(SqlState.DUPLICATE_OBJECT, "type \"%s\" already exists", name);
        }
        String multirangeName = definition.multirangeName();
        if (multirangeName == null) {
            int at = name.indexOf("range");
            multirangeName = at >= 0 ? name.substring(0, at) + "multirange" + name.substring(at + 5)
                    : name + "_multirange";
            if (image.typeOid(multirangeNamespace, multirangeName) != null) {
                throw SqlException.of(SqlState.DUPLICATE_OBJECT, "type \"%s\" already exists", multirangeName)
                        .withDetail("Failed while creating a multirange type for type \"%s\".".formatted(name))
                        .withHint("You can manually specify a multirange type name using the "
                                + "\"multirange_type_name\" attribute.");
            }
        } else if (image.typeOid(multirangeNamespace, multirangeName) != null) {
            throw SqlException.of(SqlState.DUPLICATE_OBJECT, "type \"%s\" already exists", multirangeName);
        }
        int typeOid = shell != null ? shell.oid() : system.storage().allocateOid();
        int arrayOid = system.storage().allocateOid();
        int multirangeOid = system.storage().allocateOid();
        int multirangeArrayOid = system.storage().allocateOid();
        system.noteCatalogChange(tx, typeOid);
        CatalogHeap heap = system.heap();
        if (shell != null) {
            Snapshot snapshot = tx.takeSnapshot();
            heap.scan(PG_TYPE, databaseOid, snapshot, row -> row.getOid("oid") == typeOid)
                    .forEach(row -> heap.delete(row, databaseOid, tx, snapshot));
        }
        heap.insert(PG_TYPE, databaseOid, CatalogRows.rangeType(typeOid, name, namespaceOid, arrayOid,
                definition.align(), false, ownerOid), tx);
        heap.insert(PG_TYPE, databaseOid, CatalogRows.arrayType(arrayOid, arrayName(image, namespaceOid, name, arrayOid),
                namespaceOid, typeOid, ownerOid), tx);
        heap.insert(PG_TYPE, databaseOid, CatalogRows.rangeType(multirangeOid, multirangeName, multirangeNamespace,
                multirangeArrayOid, definition.align(), true, ownerOid), tx);
        heap.insert(PG_TYPE, databaseOid, CatalogRows.arrayType(multirangeArrayOid,
                arrayName(image, multirangeNamespace, multirangeName, multirangeArrayOid), multirangeNamespace,
                multirangeOid, ownerOid), tx);
        heap.insert(CatalogDefinitions.PG_RANGE, databaseOid, CatalogRows.userRange(typeOid, definition.subtype(),
                multirangeOid, definition.collation(), definition.subtypeOpclass(), definition.subtypeDiff()), tx);
        int subtype = definition.subtype();
        constructor(tx, name, namespaceOid, ownerOid, "range_constructor2", typeOid, false, 0, subtype, subtype);
        constructor(tx, name, namespaceOid, ownerOid, "range_constructor3", typeOid, false, 0, subtype, subtype,
                org.woolly.utils.adt.TypeOids.TEXT);
        constructor(tx, multirangeName, multirangeNamespace, ownerOid, "multirange_constructor0", multirangeOid,
                true, 0);
        constructor(tx, multirangeName, multirangeNamespace, ownerOid, "multirange_constructor1", multirangeOid,
                true, 0, typeOid);
        constructor(tx, multirangeName, multirangeNamespace, ownerOid, "multirange_constructor2", multirangeOid,
                true, typeOid, arrayOid);
        tx.incrementCommandId();
        return typeOid;
    }

    /** The pg_proc row of one constructor of a range or multirange type (language internal, immutable). */
    private void constructor(Transaction tx, String name, int namespaceOid, int ownerOid, String source,
                             int resultType, boolean strict, int variadicElement, int... argumentTypes) {
        boolean variadic = variadicElement != 0;
        Object[] row = CatalogRows.function(system.storage().allocateOid(), name, argumentTypes, resultType, strict,
                variadic, 'i', 'f');
        row[CatalogDefinitions.PG_PROC.column("pronamespace")] = namespaceOid;
        row[CatalogDefinitions.PG_PROC.column("proowner")] = ownerOid;
        row[CatalogDefinitions.PG_PROC.column("prosrc")] = source;
        if (variadic) {
            // provariadic is the element type; the last parameter is its array type
            row[CatalogDefinitions.PG_PROC.column("provariadic")] = variadicElement;
            row[CatalogDefinitions.PG_PROC.column("proallargtypes")] = "{" + Integer.toUnsignedString(
                    argumentTypes[0]) + "}";
            row[CatalogDefinitions.PG_PROC.column("proargmodes")] = "{v}";
        }
        system.heap().insert(CatalogDefinitions.PG_PROC, databaseOid, row, tx);
    }

    /** Creates the shell type {@code name} ({@code TypeShellMake}); 42710 when the name is taken. */
    int createShell(Transaction tx, CatalogImage image, int namespaceOid, String name, int ownerOid) {
        refuseExistingType(image, namespaceOid, name);
        int typeOid = system.storage().allocateOid();
        system.noteCatalogChange(tx, typeOid);
        system.heap().insert(PG_TYPE, databaseOid, CatalogRows.shellType(typeOid, name, namespaceOid, ownerOid), tx);
        tx.incrementCommandId();
        return typeOid;
    }

    /** A shell type: a user's pseudo-type (pg_catalog's pseudo-types are no shells). */
    static boolean isShell(TypeInfo type) {
        return type.typtype() == 'p' && type.namespaceOid() != CatalogOids.PG_CATALOG_NAMESPACE;
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
        if (type.typtype() == 'r') {
            // the multirange type, its array type, the pg_range row and the constructors go with the range type
            var range = system.imageFor(tx, databaseOid).userRange(oid);
            int multirange = range == null ? 0 : range.multirangeOid();
            TypeInfo multirangeType = system.imageFor(tx, databaseOid).type(multirange);
            int multirangeArray = multirangeType == null ? 0 : multirangeType.arrayOid();
            heap.scan(PG_TYPE, databaseOid, snapshot, row -> multirange != 0 && (row.getOid("oid") == multirange
                            || multirangeArray != 0 && row.getOid("oid") == multirangeArray))
                    .forEach(row -> heap.delete(row, databaseOid, tx, snapshot));
            heap.scan(CatalogDefinitions.PG_RANGE, databaseOid, snapshot, row -> row.getOid("rngtypid") == oid)
                    .forEach(row -> heap.delete(row, databaseOid, tx, snapshot));
            heap.scan(CatalogDefinitions.PG_PROC, databaseOid, snapshot,
                    row -> row.getOid("prolang") == BuiltinLanguages.INTERNAL
                            && Integer.compareUnsigned(row.getOid("oid"), CatalogOids.FIRST_NORMAL_OBJECT_ID) >= 0
                            && (row.getOid("prorettype") == oid || row.getOid("prorettype") == multirange))
                    .forEach(row -> heap.delete(row, databaseOid, tx, snapshot));
        }
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
