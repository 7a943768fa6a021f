package org.woolly.commands;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.woolly.access.heap.HeapAccess;
import org.woolly.access.heap.HeapScan;
import org.woolly.access.heap.HeapTuple;
import org.woolly.catalog.AttributeInfo;
import org.woolly.catalog.ConstraintInfo;
import org.woolly.catalog.ForeignKeyReference;
import org.woolly.catalog.IndexInfo;
import org.woolly.catalog.ObjectNames;
import org.woolly.catalog.RelationInfo;
import org.woolly.executor.ExecutorContext;
import org.woolly.executor.ForeignKeyTriggers;
import org.woolly.nodes.parse.ForeignKeyActions;
import org.woolly.nodes.parse.TableConstraint;
import org.woolly.storage.lmgr.LockMode;
import org.woolly.utils.adt.TypeOids;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * FOREIGN KEY constraints: adding one (CREATE TABLE, ALTER TABLE ADD CONSTRAINT) as
 * {@code ATAddForeignKeyConstraint} in {@code tablecmds.c} does (the referenced columns must be
 * those of a unique index of the referenced table, the key columns' types must compare, existing
 * rows are checked), and what dropping or truncating a referenced table must respect. The row
 * checks and actions themselves run in the executor ({@code ForeignKeyTriggers}).
 */
public final class ForeignKeyCommands {
    private ForeignKeyCommands() {}

    /**
     * Adds a foreign key to {@code table}: named {@code t_a_b_fkey} unless named, its
     * pg_constraint row with {@code confrelid}, {@code conkey}, {@code confkey}, the actions and
     * match type, and {@code conindid} the referenced unique index. Rows already in the table
     * are checked (23503). Returns the table as it is now.
     */
    public static RelationInfo addForeignKey(CommandContext context, RelationInfo table, TableConstraint fk) {
        return addForeignKey(context, table, fk, false);
    }

    /** {@link #addForeignKey(CommandContext, RelationInfo, TableConstraint)}; NOT VALID skips the rows there. */
    public static RelationInfo addForeignKey(CommandContext context, RelationInfo table, TableConstraint fk,
                                             boolean notValid) {
        var name = fk.referencedTable();
        RelationInfo referenced;
        if (name.schema() == null && name.name().equals(table.name())) {
            referenced = table;
        } else {
            referenced = context.catalog().openRelation(context.transaction(), name.schema(), name.name(),
                            LockMode.SHARE_ROW_EXCLUSIVE)
                    .orElseThrow(() -> SqlException.of(SqlState.UNDEFINED_TABLE,
                            "relation \"%s\" does not exist", name));
        }
        if (referenced.kind() == 'p') {
            throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED,
                    "foreign keys referencing partitioned table \"%s\" are not supported yet", referenced.name());
        }
        if (referenced.kind() != 'r') {
            throw SqlException.of(SqlState.WRONG_OBJECT_TYPE,
                    "referenced relation \"%s\" is not a table", referenced.name());
        }
        checkPersistence(context, table, referenced);
        List<Short> columns = columnNumbers(table, fk.columns());
        List<Short> referencedColumns;
        IndexInfo index;
        if (fk.referencedColumns() == null || fk.referencedColumns().isEmpty()) {
            index = primaryKey(referenced);
            if (index == null) {
                throw SqlException.of(SqlState.UNDEFINED_OBJECT,
                        "there is no primary key for referenced table \"%s\"", referenced.name());
            }
            referencedColumns = index.columns().subList(0, index.keyColumnCount());
        } else {
            referencedColumns = columnNumbers(referenced, fk.referencedColumns());
            index = null;
        }
        if (columns.size() != referencedColumns.size()) {
            throw SqlException.of(SqlState.INVALID_FOREIGN_KEY,
                    "number of referencing and referenced columns for foreign key disagree");
        }
        if (index == null) {
            index = uniqueIndex(referenced, referencedColumns);
            if (index == null) {
                throw SqlException.of(SqlState.INVALID_FOREIGN_KEY,
                        "there is no unique constraint matching given keys for referenced table \"%s\"",
                        referenced.name());
            }
        }
        RelationInfo target = table;
        String constraintName = fk.name();
        if (constraintName == null) {
            List<String> names = new ArrayList<>();
            for (short column : columns) {
                names.add(table.attributeByNumber(column).name());
            }
            constraintName = ObjectNames.choose(table.name(), ObjectNames.columnNameAddition(names), "fkey",
                    candidate -> context.catalog().constraintNameExists(context.transaction(),
                            target.namespaceOid(), candidate));
        } else if (table.constraint(constraintName) != null) {
            throw SqlException.of(SqlState.DUPLICATE_OBJECT, "constraint \"%s\" for relation \"%s\" already exists",
                    constraintName, table.name());
        }
        for (int i = 0; i < columns.size(); i++) {
            AttributeInfo column = table.attributeByNumber(columns.get(i));
            AttributeInfo key = referenced.attributeByNumber(referencedColumns.get(i));
            if (!comparable(column.typeOid(), key.typeOid())) {
                throw SqlException.of(SqlState.DATATYPE_MISMATCH,
                        "foreign key constraint \"%s\" cannot be implemented", constraintName)
                        .withDetail("Key columns \"%s\" and \"%s\" are of incompatible types: %s and %s.".formatted(
                                column.name(), key.name(), context.types().formatType(column.typeOid(), -1),
                                context.types().formatType(key.typeOid(), -1)));
            }
        }
        ForeignKeyActions actions = fk.actions() == null ? ForeignKeyActions.DEFAULT : fk.actions();
        ConstraintInfo constraint = new ConstraintInfo(context.catalog().allocateOid(), constraintName,
                table.namespaceOid(), ConstraintInfo.FOREIGN_KEY, List.copyOf(columns), index.oid(), null,
                fk.timing().deferrable(), fk.timing().initiallyDeferred(), !notValid, referenced.oid(), List.copyOf(referencedColumns), actions.onUpdate(), actions.onDelete(),
                actions.match());
        if (!notValid) {
            checkExistingRows(context, table, constraint, referenced);
        }
        context.catalog().addConstraint(context.transaction(), table, constraint);
        return context.catalog().relationByOid(context.transaction(), table.oid());
    }

    private static List<Short> columnNumbers(RelationInfo table, List<String> names) {
        List<Short> numbers = new ArrayList<>();
        for (String columnName : names) {
            AttributeInfo attribute = table.attribute(columnName);
            if (attribute == null) {
                throw SqlException.of(SqlState.UNDEFINED_COLUMN,
                        "column \"%s\" referenced in foreign key constraint does not exist", columnName);
            }
            numbers.add(attribute.number());
        }
        return numbers;
    }

    private static IndexInfo primaryKey(RelationInfo table) {
        for (IndexInfo index : table.indexes()) {
            if (index.primary() && index.valid()) {
                return index;
            }
        }
        return null;
    }

    /** A valid unique index, neither partial nor on expressions, whose key columns are exactly {@code columns}. */
    private static IndexInfo uniqueIndex(RelationInfo table, List<Short> columns) {
        Set<Short> wanted = new HashSet<>(columns);
        if (wanted.size() != columns.size()) {
            return null;
        }
        for (IndexInfo index : table.indexes()) {
            if (index.unique() && index.valid() && index.expressions() == null && index.predicate() == null
                    && index.keyColumnCount() == columns.size()
                    && new HashSet<>(index.columns().subList(0, index.keyColumnCount())).equals(wanted)) {
                return index;
            }
        }
        return null;
    }

    /** Whether the two types have an equality PostgreSQL's btree families offer for a foreign key (integer_ops, text_ops). */
    private static boolean comparable(int a, int b) {
        return a == b || numeric(a) && numeric(b) || string(a) && string(b);
    }

    private static boolean numeric(int type) {
        return type == TypeOids.INT2 || type == TypeOids.INT4 || type == TypeOids.INT8;
    }

    private static boolean string(int type) {
        return type == TypeOids.TEXT || type == TypeOids.VARCHAR;
    }

    /** ALTER TABLE ADD FOREIGN KEY on a table with rows: each must reference an existing key ({@code RI_Initial_Check}). */
    static void checkExistingRows(CommandContext context, RelationInfo table, ConstraintInfo constraint,
                                          RelationInfo referenced) {
        HeapAccess heap = HeapAccess.of(context.storage());
        var info = new ExecutorContext.SessionInfo(null, null, null, () -> null, 0, context.formatSettings(), 0);
        ExecutorContext executor = new ExecutorContext(context.types(), heap, context.transaction(),
                context.transaction().takeSnapshot(), null, info, null, 0).withCatalog(context.catalog())
                .withIndexAccess(IndexCommands.btree(context));
        HeapScan scan = heap.beginScan(table.locator(), executor.snapshot());
        try {
            HeapTuple tuple;
            while ((tuple = scan.next()) != null) {
                ForeignKeyTriggers.checkReferencingRow(executor, table, constraint, referenced,
                        table.decode(tuple.body()));
            }
        } finally {
            scan.close();
        }
    }

    /**
     * Before DROP TABLE: the foreign keys of other tables that reference one being dropped. Without
     * CASCADE that is 2BP01 with PostgreSQL's DETAIL and HINT; with it those constraints are dropped
     * (NOTICE {@code drop cascades to constraint c_p_fkey on table c}).
     */
    public static void dropReferencing(CommandContext context, List<RelationInfo> dropped, boolean cascade) {
        Set<Integer> droppedOids = new HashSet<>();
        for (RelationInfo relation : dropped) {
            droppedOids.add(relation.oid());
        }
        List<ForeignKeyReference> dependents = new ArrayList<>();
        RelationInfo first = null;
        for (RelationInfo relation : dropped) {
            for (ForeignKeyReference reference : context.catalog().referencingForeignKeys(context.transaction(),
                    relation.oid())) {
                if (!droppedOids.contains(reference.table().oid())) {
                    if (first == null) {
                        first = relation;
                    }
                    dependents.add(reference);
                }
            }
        }
        if (first != null) {
            dropDependentForeignKeys(context, dependents, "table " + first.name(), cascade);
        }
    }

    /**
     * Before DROP COLUMN: the foreign keys that reference {@code column} of {@code table} (from
     * other tables, or from {@code table} itself on other columns). Without CASCADE 2BP01
     * {@code cannot drop column x of table p because other objects depend on it}; with it they are
     * dropped with PostgreSQL's NOTICE.
     */
    public static void dropReferencingColumn(CommandContext context, RelationInfo table, int column, boolean cascade) {
        List<ForeignKeyReference> dependents = new ArrayList<>();
        for (ForeignKeyReference reference : context.catalog().referencingForeignKeys(context.transaction(),
                table.oid())) {
            boolean ownColumn = reference.table().oid() == table.oid()
                    && reference.constraint().columns().contains((short) column);
            if (reference.constraint().referencedColumns().contains((short) column) && !ownColumn) {
                dependents.add(reference);
            }
        }
        if (!dependents.isEmpty()) {
            dropDependentForeignKeys(context, dependents, "column %s of table %s".formatted(
                    table.attributeByNumber(column).name(), table.name()), cascade);
        }
    }

    /**
     * The foreign keys that depend on {@code what} ({@code table p}, {@code column x of table p}):
     * 2BP01 with one DETAIL line each, or with CASCADE dropped after the NOTICE listing them
     * ({@code reportDependentObjects}).
     */
    private static void dropDependentForeignKeys(CommandContext context, List<ForeignKeyReference> dependents,
                                                 String what, boolean cascade) {
        if (!cascade) {
            StringBuilder detail = new StringBuilder();
            for (ForeignKeyReference reference : dependents) {
                if (!detail.isEmpty()) {
                    detail.append('\n');
                }
                detail.append("constraint %s on table %s depends on %s".formatted(
                        reference.constraint().name(), reference.table().name(), what));
            }
            throw SqlException.of(SqlState.DEPENDENT_OBJECTS_STILL_EXIST,
                            "cannot drop %s because other objects depend on it", what)
                    .withDetail(detail.toString())
                    .withHint("Use DROP ... CASCADE to drop the dependent objects too.");
        }
        StringBuilder notice = new StringBuilder();
        for (ForeignKeyReference reference : dependents) {
            notice.append(notice.isEmpty() ? "" : "\n").append("constraint %s on table %s".formatted(
                    reference.constraint().name(), reference.table().name()));
        }
        String text = dependents.size() == 1 ? "drop cascades to " + notice
                : "drop cascades to %d other objects".formatted(dependents.size());
        context.notices().notice(new SqlException(org.woolly.utils.error.Severity.NOTICE,
                SqlState.SUCCESSFUL_COMPLETION, text, dependents.size() == 1 ? null
                : "drop cascades to " + notice.toString().replace("\n", "\ndrop cascades to "), null, 0, null));
        for (ForeignKeyReference reference : dependents) {
            RelationInfo table = context.catalog().openRelation(context.transaction(),
                    reference.table().namespaceName(), reference.table().name(), LockMode.ACCESS_EXCLUSIVE).orElseThrow();
            context.catalog().dropConstraint(context.transaction(), table, reference.constraint());
        }
    }

    /**
     * TRUNCATE ... CASCADE: adds the tables whose foreign keys reference the ones listed, and
     * theirs in turn, each with the NOTICE {@code truncate cascades to table "c"}.
     */
    public static void addReferencingTables(CommandContext context, List<RelationInfo> targets) {
        Set<Integer> oids = new HashSet<>();
        for (RelationInfo relation : targets) {
            oids.add(relation.oid());
        }
        for (int i = 0; i < targets.size(); i++) {
            for (ForeignKeyReference reference : context.catalog().referencingForeignKeys(context.transaction(),
                    targets.get(i).oid())) {
                if (oids.add(reference.table().oid())) {
                    RelationInfo table = context.catalog().openRelation(context.transaction(),
                            reference.table().namespaceName(), reference.table().name(), LockMode.ACCESS_EXCLUSIVE)
                            .orElseThrow();
                    context.notices().notice(new SqlException(org.woolly.utils.error.Severity.NOTICE,
                            SqlState.SUCCESSFUL_COMPLETION, "truncate cascades to table \"%s\"".formatted(
                                    table.name()), null, null, 0, null));
                    targets.add(table);
                }
            }
        }
    }

    /**
     * TRUNCATE of a table another table's foreign key references, when that table is not
     * truncated too: 0A000 as {@code heap_truncate_check_FKs}.
     */
    public static void checkTruncate(CommandContext context, List<RelationInfo> truncated) {
        Set<Integer> oids = new HashSet<>();
        for (RelationInfo relation : truncated) {
            oids.add(relation.oid());
        }
        for (RelationInfo relation : truncated) {
            for (ForeignKeyReference reference : context.catalog().referencingForeignKeys(context.transaction(),
                    relation.oid())) {
                if (!oids.contains(reference.table().oid())) {
                    throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED,
                                    "cannot truncate a table referenced in a foreign key constraint")
                            .withDetail("Table \"%s\" references \"%s\".".formatted(reference.table().name(),
                                    relation.name()))
                            .withHint("Truncate table \"%s\" at the same time, or use TRUNCATE ... CASCADE."
                                    .formatted(reference.table().name()));
                }
            }
        }
    }

    /**
     * Before dropping a unique index or its constraint: 2BP01 if a foreign key of another table
     * uses it ({@code conindid}), naming the constraint as PostgreSQL's dependency report does.
     */
    public static void checkIndexNotReferenced(CommandContext context, RelationInfo table, IndexInfo index,
                                               String what) {
        StringBuilder detail = new StringBuilder();
        for (ForeignKeyReference reference : context.catalog().referencingForeignKeys(context.transaction(),
                table.oid())) {
            if (reference.constraint().indexOid() == index.oid() && reference.table().oid() != table.oid()) {
                detail.append(detail.isEmpty() ? "" : "\n").append("constraint %s on table %s depends on index %s"
                        .formatted(reference.constraint().name(), reference.table().name(), index.name()));
            }
        }
        if (!detail.isEmpty()) {
            throw SqlException.of(SqlState.DEPENDENT_OBJECTS_STILL_EXIST,
                            "cannot drop %s because other objects depend on it", what)
                    .withDetail(detail.toString())
                    .withHint("Use DROP ... CASCADE to drop the dependent objects too.");
        }
    }

    /**
     * A permanent table may reference only permanent tables, an unlogged one permanent or
     * unlogged ones, a temporary one only temporary ones (of its own session: both are found
     * through its temporary schema), as {@code ATAddForeignKeyConstraint} checks.
     */
    private static void checkPersistence(CommandContext context, RelationInfo table, RelationInfo referenced) {
        char own = persistence(context, table);
        char other = persistence(context, referenced);
        String message = switch (own) {
            case 'p' -> other == 'p' ? null : "constraints on permanent tables may reference only permanent tables";
            case 'u' -> other != 't' ? null
                    : "constraints on unlogged tables may reference only permanent or unlogged tables";
            default -> other == 't' ? null : "constraints on temporary tables may reference only temporary tables";
        };
        if (message != null) {
            throw new SqlException(SqlState.INVALID_TABLE_DEFINITION, message);
        }
    }

    private static char persistence(CommandContext context, RelationInfo relation) {
        if (context.catalog() instanceof org.woolly.catalog.DatabaseCatalog catalog) {
            return catalog.persistence(context.transaction(), relation.oid());
        }
        return relation.isTemporary() ? 't' : 'p';
    }
}
