package org.woolly.commands;

import org.woolly.pgstat.CommandProgress;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.woolly.access.heap.HeapAccess;
import org.woolly.access.heap.HeapScan;
import org.woolly.access.heap.HeapTuple;
import org.woolly.access.common.RelationOptions;
import org.woolly.access.nbtree.BTreeAccess;
import org.woolly.access.nbtree.IndexEntry;
import org.woolly.access.transam.AccessMethodRegistry;
import org.woolly.catalog.AttributeInfo;
import org.woolly.catalog.ConstraintInfo;
import org.woolly.catalog.IndexInfo;
import org.woolly.catalog.IndexSpec;
import org.woolly.catalog.ObjectNames;
import org.woolly.catalog.RelationInfo;
import org.woolly.executor.ExecutorContext;
import org.woolly.executor.IndexTuples;
import org.woolly.executor.UniqueProbe;
import org.woolly.nodes.parse.Expr;
import org.woolly.nodes.parse.QualifiedName;
import org.woolly.nodes.parse.Statement;
import org.woolly.nodes.query.QueryExpr;
import org.woolly.storage.lmgr.LockMode;
import org.woolly.utils.error.Severity;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * CREATE INDEX, DROP INDEX and REINDEX, and building an index from its table's rows
 * ({@code indexcmds.c} {@code DefineIndex}, {@code index.c} {@code index_build}). B-tree
 * indexes on columns and on IMMUTABLE expressions, optionally partial (WHERE): expressions and
 * the predicate are stored as SQL text in {@code indexprs}/{@code indpred}.
 * CONCURRENTLY is accepted and builds the index in the ordinary way (holding SHARE on the table).
 */
public final class IndexCommands {
    private IndexCommands() {}

    /** Returns the command tag. */
    public static String createIndex(CommandContext context, Statement.CreateIndex create) {
        QualifiedName tableName = create.table();
        RelationInfo table = context.catalog().openRelation(context.transaction(), tableName.schema(),
                        tableName.name(), LockMode.SHARE)
                .orElseThrow(() -> TableCommands.at(SqlException.of(SqlState.UNDEFINED_TABLE,
                        "relation \"%s\" does not exist", tableName.name()), tableName.location()));
        if (table.kind() == 'p' && create.concurrently()) {
            throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED,
                    "cannot create index on partitioned table \"%s\" concurrently", table.name());
        }
        if (table.kind() != 'r' && table.kind() != 'p') {
            throw TableCommands.at(SqlException.of(SqlState.WRONG_OBJECT_TYPE, "cannot create index on relation \"%s\"",
                    table.name()).withDetail("This operation is not supported for %s.".formatted(kindPlural(table.kind()))),
                    tableName.location());
        }
        if (create.method() != null && !create.method().equals(BTreeAccess.NAME)) {
            boolean known = List.of("hash", "gist", "gin", "spgist", "brin").contains(create.method());
            throw TableCommands.at(known
                    ? SqlException.of(SqlState.FEATURE_NOT_SUPPORTED, "access method \"%s\" is not supported yet",
                    create.method())
                    : SqlException.of(SqlState.UNDEFINED_OBJECT, "access method \"%s\" does not exist", create.method()),
                    create.location());
        }
        if (create.name() != null && context.catalog().relationNameExists(context.transaction(), table.namespaceOid(),
                create.name())) {
            if (create.ifNotExists()) {
                context.notices().notice(new SqlException(Severity.NOTICE, SqlState.DUPLICATE_TABLE,
                        "relation \"%s\" already exists, skipping".formatted(create.name()), null, null, 0, null));
                return "CREATE INDEX";
            }
            throw SqlException.of(SqlState.DUPLICATE_TABLE, "relation \"%s\" already exists", create.name());
        }
        List<Short> columns = new ArrayList<>();
        List<String> columnNames = new ArrayList<>();
        List<Boolean> descending = new ArrayList<>();
        List<Boolean> nullsFirst = new ArrayList<>();
        List<IndexSpec.Expression> expressions = new ArrayList<>();
        for (Statement.IndexElement element : create.keys()) {
            if (element.column() == null) {
                // an expression column (ComputeIndexAttrs): indkey 0, its text in indexprs
                QueryExpr analyzed = context.analyzer().analyzeIndexExpression(table, element.expression(), false,
                        context.transaction(), context.formatSettings());
                String columnName = uniqueName(expressionColumnName(element.expression()), columnNames);
                expressions.add(new IndexSpec.Expression(SqlText.of(element.expression()), analyzed.type(),
                        analyzed.typmod(), columnName));
                columns.add((short) 0);
                columnNames.add(columnName);
                OperatorClassCommands.checkIndexClass(context, element, analyzed.type());
            } else {
                short number = column(table, element);
                columns.add(number);
                columnNames.add(uniqueName(element.column(), columnNames));
                OperatorClassCommands.checkIndexClass(context, element, table.attribute(element.column()).typeOid());
            }
            descending.add(element.descending());
            nullsFirst.add(element.nullsFirst() != null ? element.nullsFirst() : element.descending());
        }
        String predicate = null;
        if (create.where() != null) {
            context.analyzer().analyzeIndexExpression(table, create.where(), true, context.transaction(),
                    context.formatSettings());
            predicate = SqlText.of(create.where());
        }
        for (Statement.IndexElement element : create.include()) {
            columns.add(column(table, element));
            columnNames.add(element.column());
        }
        String name = create.name() != null ? create.name()
                : ObjectNames.indexName(table.name(), columnNames, false, false,
                candidate -> context.catalog().relationNameExists(context.transaction(), table.namespaceOid(), candidate));
        IndexSpec spec = new IndexSpec(name, columns, create.keys().size(), descending, nullsFirst, create.unique(),
                false, create.nullsNotDistinct(), List.copyOf(expressions), predicate);
        List<String> storageParameters = StorageParameters.forNew(RelationOptions.Kind.BTREE, create.options());
        if (table.kind() == 'p') {
            PartitionedIndexes.define(context, table, spec, create.only(), null, 0, 0);
            return "CREATE INDEX";
        }
        IndexInfo index = context.catalog().createIndex(context.transaction(), table, spec);
        if (!storageParameters.isEmpty()) {
            RelationInfo withOptions = StorageParameters.store(context, table, index.oid(), storageParameters);
            index = withOptions.index(index.oid());
        }
        build(context, table, index);
        return "CREATE INDEX";
    }

    /** The name of an expression column's pg_attribute row ({@code FigureColname}): a function's name, else {@code expr}. */
    private static String expressionColumnName(Expr expression) {
        return switch (expression) {
            case Expr.FuncCall call -> call.name().name();
            case Expr.TypeCast cast -> cast.arg() instanceof Expr.FuncCall call ? call.name().name() : "expr";
            default -> "expr";
        };
    }

    /** {@code name}, or {@code name1}, {@code name2}, ... when an earlier column has it ({@code ChooseIndexColumnNames}). */
    private static String uniqueName(String name, List<String> taken) {
        String candidate = name;
        for (int i = 1; taken.contains(candidate); i++) {
            candidate = name + i;
        }
        return candidate;
    }

    private static short column(RelationInfo table, Statement.IndexElement element) {
        if (element.column() == null) {
            throw TableCommands.at(SqlException.of(SqlState.FEATURE_NOT_SUPPORTED,
                    "expressions are not supported in INCLUDE"), element.location());
        }
        AttributeInfo attribute = table.attribute(element.column());
        if (attribute == null) {
            throw TableCommands.at(SqlException.of(SqlState.UNDEFINED_COLUMN, "column \"%s\" does not exist",
                    element.column()), element.location());
        }
        return attribute.number();
    }

    private static String kindPlural(char kind) {
        return switch (kind) {
            case 'i' -> "indexes";
            case 'S' -> "sequences";
            case 'v' -> "views";
            default -> "this relation kind";
        };
    }

    /** The B-tree; 0A000 on a server without one. */
    static BTreeAccess btree(CommandContext context) {
        if (!context.storage().accessMethods().contains(BTreeAccess.NAME, AccessMethodRegistry.Kind.INDEX)) {
            throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "the btree access method is not available");
        }
        return BTreeAccess.of(context.storage());
    }

    /**
     * Fills a new, empty index from the rows of its table that this transaction's snapshot sees
     * ({@code index_build}); a unique index with duplicates fails with 23505 {@code could not create
     * unique index}, and the transaction's rollback removes the catalog rows and the file.
     */
    static void build(CommandContext context, RelationInfo table, IndexInfo index) {
        build(context, table, index, CommandProgress.CREATEIDX_COMMAND_CREATE);
    }

    /** Builds the index under pg_stat_progress_create_index, {@code command} CREATE INDEX or REINDEX. */
    private static void build(CommandContext context, RelationInfo table, IndexInfo index, int command) {
        CommandProgress.start("CREATE INDEX", table.oid());
        try {
            CommandProgress.update(CommandProgress.CREATEIDX_COMMAND, command);
            CommandProgress.update(CommandProgress.CREATEIDX_INDEX_OID, index.oid());
            CommandProgress.update(CommandProgress.CREATEIDX_ACCESS_METHOD_OID, 403); // pg_am btree
            CommandProgress.update(CommandProgress.CREATEIDX_PHASE, CommandProgress.CREATEIDX_PHASE_BUILD);
            // btree's sub-phase "scanning table" (PROGRESS_BTREE_PHASE_INDEXBUILD_TABLESCAN)
            CommandProgress.update(CommandProgress.CREATEIDX_PHASE + 1, 2);
            buildBtree(context, table, index);
        } finally {
            CommandProgress.end();
        }
    }

    private static void buildBtree(CommandContext context, RelationInfo table, IndexInfo index) {
        BTreeAccess btree = btree(context);
        HeapAccess heap = HeapAccess.of(context.storage());
        var info = new ExecutorContext.SessionInfo(null, null, null, () -> null, 0, context.formatSettings(), 0);
        ExecutorContext executor = new ExecutorContext(context.types(), heap, context.transaction(),
                context.transaction().takeSnapshot(), null, info, null, 0)
                .withIndexExpressions((relation, wanted) -> context.analyzer().storedIndexExpressions(relation, wanted,
                        context.transaction(), context.formatSettings()));
        IndexTuples tuples = new IndexTuples(executor, table);
        HeapScan scan = heap.beginScan(table.locator(), context.transaction().takeSnapshot());
        // a plain index reads only its columns from each row (pgbench_accounts' key, not its filler)
        java.util.BitSet needed = null;
        if (!index.hasExpressions() && !index.partial()) {
            needed = new java.util.BitSet();
            for (short column : index.columns()) {
                needed.set(table.position(column));
            }
        }
        java.util.BitSet columnsRead = needed;
        try {
            Iterator<IndexEntry> entries = new Iterator<>() {
                private Object[] row;
                private long done;
                private HeapTuple next = advance();

                /** The next tuple that belongs in the index (a partial index skips rows failing its predicate). */
                private HeapTuple advance() {
                    HeapTuple tuple;
                    while ((tuple = scan.next()) != null) {
                        row = table.decode(tuple.body(), columnsRead);
                        if (tuples.covers(index, row)) {
                            return tuple;
                        }
                    }
                    return null;
                }

                @Override
                public boolean hasNext() {
                    return next != null;
                }

                @Override
                public IndexEntry next() {
                    if (next == null) {
                        throw new NoSuchElementException();
                    }
                    HeapTuple tuple = next;
                    CommandProgress.update(CommandProgress.CREATEIDX_TUPLES_DONE, ++done);
                    Object[] values = tuples.values(index, row);
                    next = advance();
                    // a heap-only tuple is indexed under the root of its HOT chain
                    return new IndexEntry(values, heap.rootTid(table.locator(), tuple.tid()), true);
                }
            };
            btree.build(index.shape(), entries, new UniqueProbe(heap, context.types(), context.formatSettings(), table,
                    index, context.transaction(), true), context.transaction());
        } finally {
            scan.close();
        }
    }

    /** REINDEX {INDEX | TABLE} name: each index gets a new file, built again from the table. */
    public static String reindex(CommandContext context, Statement.Reindex reindex) {
        QualifiedName name = reindex.name();
        RelationInfo relation = context.catalog().lookupRelation(context.transaction(), name.schema(), name.name())
                .orElseThrow(() -> TableCommands.at(SqlException.of(SqlState.UNDEFINED_TABLE,
                        "relation \"%s\" does not exist", name.name()), name.location()));
        RelationInfo table;
        List<IndexInfo> indexes;
        if (reindex.kind() == Statement.ObjectKind.INDEX && relation.kind() != 'I') {
            if (relation.kind() != 'i') {
                throw SqlException.of(SqlState.WRONG_OBJECT_TYPE, "\"%s\" is not an index", name.name());
            }
            Target target = owner(context, relation.oid());
            table = target.table();
            indexes = List.of(target.index());
        } else if (relation.kind() == 'I' || relation.kind() == 'p') {
            // a partitioned index or table: the indexes of its leaf partitions (ReindexPartitions)
            reindexPartitions(context, relation);
            return "REINDEX";
        } else {
            if (relation.kind() != 'r') {
                throw SqlException.of(SqlState.WRONG_OBJECT_TYPE, "\"%s\" is not a table", name.name());
            }
            org.woolly.catalog.RelationLocks.lock(context.transaction(), relation, LockMode.SHARE);
            table = context.catalog().relationByOid(context.transaction(), relation.oid());
            indexes = table.indexes();
            if (indexes.isEmpty()) {
                context.notices().notice(new SqlException(Severity.NOTICE, SqlState.SUCCESSFUL_COMPLETION,
                        "table \"%s\" has no indexes to reindex".formatted(table.name()), null, null, 0, null));
            }
        }
        if (reindex.kind() == Statement.ObjectKind.TABLE) {
            rebuildAll(context, table);
        } else {
            build(context, table, context.catalog().reindex(context.transaction(), table, indexes.getFirst()),
                    CommandProgress.CREATEIDX_COMMAND_REINDEX);
        }
        return "REINDEX";
    }

    /** REINDEX of a partitioned table or index: each leaf index under it, built again. */
    private static void reindexPartitions(CommandContext context, RelationInfo relation) {
        List<IndexInfo> leaves = new ArrayList<>();
        if (relation.kind() == 'p') {
            RelationInfo table = context.catalog().relationByOid(context.transaction(), relation.oid());
            for (IndexInfo index : table.indexes()) {
                leaves.addAll(PartitionedIndexes.descendants(context, table, index));
            }
        } else {
            Target target = owner(context, relation.oid());
            leaves.addAll(PartitionedIndexes.descendants(context, target.table(), target.index()));
        }
        for (IndexInfo index : leaves) {
            if (index.locator().relNumber() == 0) {
                continue;
            }
            Target target = owner(context, index.oid());
            build(context, target.table(), context.catalog().reindex(context.transaction(), target.table(),
                    target.index()), CommandProgress.CREATEIDX_COMMAND_REINDEX);
        }
    }

    /** Gives every index of {@code table} a new file built from its rows (after a table rewrite); returns the table as it is now. */
    public static RelationInfo rebuildAll(CommandContext context, RelationInfo table) {
        for (IndexInfo index : table.indexes()) {
            if (index.locator().relNumber() != 0) {
                build(context, table, context.catalog().reindex(context.transaction(), table, index),
                        CommandProgress.CREATEIDX_COMMAND_REINDEX);
            }
        }
        return context.catalog().relationByOid(context.transaction(), table.oid());
    }

    /** DROP INDEX [CONCURRENTLY] [IF EXISTS] name, ... [CASCADE | RESTRICT]. */
    public static String dropIndex(CommandContext context, Statement.Drop drop) {
        List<Target> targets = new ArrayList<>();
        for (QualifiedName name : drop.names()) {
            Optional<RelationInfo> relation = context.catalog().lookupRelation(context.transaction(), name.schema(),
                    name.name());
            if (relation.isEmpty()) {
                if (drop.ifExists()) {
                    context.notices().notice(new SqlException(Severity.NOTICE, SqlState.SUCCESSFUL_COMPLETION,
                            "index \"%s\" does not exist, skipping".formatted(name.name()), null, null, 0, null));
                    continue;
                }
                throw SqlException.of(SqlState.UNDEFINED_OBJECT, "index \"%s\" does not exist", name.name());
            }
            if (relation.get().kind() != 'i' && relation.get().kind() != 'I') {
                throw SqlException.of(SqlState.WRONG_OBJECT_TYPE, "\"%s\" is not an index", name.name())
                        .withHint("Use DROP TABLE to remove a table.");
            }
            Target target = owner(context, relation.get().oid());
            int parentIndex = PartitionedIndexes.parentIndex(context, target.index());
            if (parentIndex != 0) {
                // a partition's index is part of its partitioned index (DEPENDENCY_PARTITION_PRI)
                String parentName = context.catalog().relationByOid(context.transaction(), parentIndex).name();
                throw new SqlException(Severity.ERROR, SqlState.DEPENDENT_OBJECTS_STILL_EXIST,
                        "cannot drop index %s because index %s requires it".formatted(target.index().name(),
                                parentName), null, "You can drop index %s instead.".formatted(parentName), 0, null);
            }
            ConstraintInfo constraint = constraintOf(target.table(), target.index());
            if (constraint != null) {
                if (!drop.cascade()) {
                    throw new SqlException(Severity.ERROR, SqlState.DEPENDENT_OBJECTS_STILL_EXIST,
                            "cannot drop index %s because constraint %s on table %s requires it".formatted(
                                    target.index().name(), constraint.name(), target.table().name()), null,
                            "You can drop constraint %s on table %s instead.".formatted(constraint.name(),
                                    target.table().name()), 0, null);
                }
            }
            ForeignKeyCommands.checkIndexNotReferenced(context, target.table(), target.index(),
                    "index " + target.index().name());
            targets.add(target);
        }
        for (Target target : targets) {
            if (target.table().kind() == 'p') {
                PartitionedIndexes.dropDescendants(context, target.table(), target.index());
            }
            RelationInfo table = context.catalog().relationByOid(context.transaction(), target.table().oid());
            ConstraintInfo constraint = constraintOf(table, target.index());
            if (constraint != null) {
                context.catalog().dropConstraint(context.transaction(), table, constraint);
                table = context.catalog().relationByOid(context.transaction(), table.oid());
            }
            context.catalog().dropIndex(context.transaction(), table, target.index());
        }
        return "DROP INDEX";
    }

    /** An index to drop and its table. */
    private record Target(RelationInfo table, IndexInfo index) {}

    /** The table of an index, locked ACCESS EXCLUSIVE as DROP INDEX locks it, and the index as the table has it. */
    private static Target owner(CommandContext context, int indexOid) {
        int tableOid = context.catalog().indexTableOid(context.transaction(), indexOid);
        RelationInfo table = context.catalog().relationByOid(context.transaction(), tableOid);
        org.woolly.catalog.RelationLocks.lock(context.transaction(), table, LockMode.ACCESS_EXCLUSIVE);
        table = context.catalog().relationByOid(context.transaction(), tableOid);
        IndexInfo index = table.index(indexOid);
        if (index == null) {
            throw SqlException.of(SqlState.UNDEFINED_OBJECT, "index with OID %d does not exist", indexOid);
        }
        return new Target(table, index);
    }

    static ConstraintInfo constraintOf(RelationInfo table, IndexInfo index) {
        for (ConstraintInfo constraint : table.constraints()) {
            // a foreign key's conindid names the referenced table's index, not one it owns
            if (constraint.indexOid() == index.oid() && constraint.type() != ConstraintInfo.FOREIGN_KEY) {
                return constraint;
            }
        }
        return null;
    }
}
