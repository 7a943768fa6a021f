package org.woolly.commands;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.woolly.access.heap.HeapAccess;
import org.woolly.access.heap.HeapScan;
import org.woolly.access.heap.HeapTuple;
import org.woolly.catalog.AttributeInfo;
import org.woolly.catalog.ConstraintInfo;
import org.woolly.catalog.IndexInfo;
import org.woolly.catalog.IndexSpec;
import org.woolly.catalog.ObjectNames;
import org.woolly.catalog.RelationInfo;
import org.woolly.executor.CompiledExpression;
import org.woolly.executor.ExecutorContext;
import org.woolly.executor.ExpressionCompiler;
import org.woolly.nodes.parse.Expr;
import org.woolly.nodes.parse.TableConstraint;
import org.woolly.nodes.query.QueryExpr;
import org.woolly.utils.error.Severity;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * PRIMARY KEY, UNIQUE and CHECK constraints of a table: adding them (CREATE TABLE, ALTER TABLE
 * ADD CONSTRAINT) with PostgreSQL's generated names, checking the rows already there, and
 * dropping them ({@code AddRelationNewConstraints} in {@code heap.c}, {@code index_constraint_create}
 * in {@code index.c}, {@code ATExecAddConstraint} and {@code ATExecDropConstraint} in
 * {@code tablecmds.c}). One method per action, each taking the parsed constraint, so ALTER
 * TABLE's dispatcher calls them as they are.
 */
public final class ConstraintCommands {
    private ConstraintCommands() {}

    /**
     * Adds a CHECK constraint: analyzed over the table's columns (42703, 42804 ... as PostgreSQL),
     * named {@code t_a_check} when it names one column, {@code t_check} otherwise, and checked
     * against the rows already in the table. Returns the table as it is now.
     */
    public static RelationInfo addCheck(CommandContext context, RelationInfo table, String name, Expr expr) {
        return addCheck(context, table, name, expr, false);
    }

    /** {@link #addCheck(CommandContext, RelationInfo, String, Expr)}; NOT VALID skips the rows already there. */
    public static RelationInfo addCheck(CommandContext context, RelationInfo table, String name, Expr expr,
                                        boolean notValid) {
        QueryExpr analyzed = context.analyzer().analyzeCheckConstraint(table, expr, context.transaction(),
                context.formatSettings());
        Set<Short> positions = new TreeSet<>();
        collectColumns(analyzed, positions);
        Set<Short> columns = new TreeSet<>();
        for (short position : positions) {
            columns.add(table.attributes().get(position).number());
        }
        String constraintName;
        if (name != null) {
            if (table.constraint(name) != null) {
                throw SqlException.of(SqlState.DUPLICATE_OBJECT, "constraint \"%s\" for relation \"%s\" already exists",
                        name, table.name());
            }
            constraintName = name;
        } else {
            String column = columns.size() == 1 ? table.attributeByNumber(columns.iterator().next()).name() : null;
            constraintName = ObjectNames.checkName(table.name(), column,
                    candidate -> context.catalog().constraintNameExists(context.transaction(), table.namespaceOid(),
                            candidate));
        }
        if (!notValid) {
            checkExistingRows(context, table, analyzed, constraintName);
        }
        ConstraintInfo constraint = new ConstraintInfo(context.catalog().allocateOid(), constraintName,
                table.namespaceOid(), ConstraintInfo.CHECK, List.copyOf(columns), 0, SqlText.of(expr), false, false,
                !notValid);
        context.catalog().addConstraint(context.transaction(), table, constraint);
        return context.catalog().relationByOid(context.transaction(), table.oid());
    }

    /** The row positions of the columns a check expression reads. */
    private static void collectColumns(Object node, Set<Short> columns) {
        if (node instanceof QueryExpr.Var var) {
            columns.add((short) var.position());
            return;
        }
        if (node instanceof Record record) {
            for (var component : record.getClass().getRecordComponents()) {
                try {
                    collectColumns(component.getAccessor().invoke(record), columns);
                } catch (ReflectiveOperationException error) {
                    throw new IllegalStateException(error);
                }
            }
        } else if (node instanceof List<?> list) {
            for (Object element : list) {
                collectColumns(element, columns);
            }
        }
    }

    /** ALTER TABLE ADD CHECK on a table with rows: 23514 if one of them fails the expression. */
    private static void checkExistingRows(CommandContext context, RelationInfo table, QueryExpr check, String name) {
        HeapAccess heap = HeapAccess.of(context.storage());
        var info = new ExecutorContext.SessionInfo(null, null, null, () -> null, 0, context.formatSettings(), 0);
        ExecutorContext executor = new ExecutorContext(context.types(), heap, context.transaction(),
                context.transaction().takeSnapshot(), null, info, null, 0);
        CompiledExpression compiled = new ExpressionCompiler(executor).compile(check);
        HeapScan scan = heap.beginScan(table.locator(), executor.snapshot());
        try {
            HeapTuple tuple;
            while ((tuple = scan.next()) != null) {
                if (Boolean.FALSE.equals(compiled.evaluate(table.decode(tuple.body())))) {
                    throw SqlException.of(SqlState.CHECK_VIOLATION,
                            "check constraint \"%s\" of relation \"%s\" is violated by some row", name, table.name());
                }
            }
        } finally {
            scan.close();
        }
    }

    /**
     * Adds a PRIMARY KEY or UNIQUE constraint: sets NOT NULL on a primary key's columns (23502
     * if a row has a null there), creates and builds its unique index ({@code t_pkey},
     * {@code t_a_key}; 23505 if rows are duplicated) and its pg_constraint row. Returns the table
     * as it is now.
     */
    public static RelationInfo addIndexConstraint(CommandContext context, RelationInfo table,
                                                  TableConstraint key) {
        return addIndexConstraint(context, table, key, false);
    }

    /** {@link #addIndexConstraint(CommandContext, RelationInfo, TableConstraint)}; {@code only}: not on the partitions. */
    static RelationInfo addIndexConstraint(CommandContext context, RelationInfo table, TableConstraint key,
                                           boolean only) {
        boolean primary = key.kind() == TableConstraint.Kind.PRIMARY_KEY;
        String name = key.name();
        List<String> columnNames = key.columns();
        int location = key.location();
        if (primary) {
            for (ConstraintInfo existing : table.constraints()) {
                if (existing.type() == ConstraintInfo.PRIMARY_KEY) {
                    // index_check_primary_key: no position (CREATE TABLE's own two keys are caught earlier, with one)
                    throw SqlException.of(SqlState.INVALID_TABLE_DEFINITION,
                            "multiple primary keys for table \"%s\" are not allowed", table.name());
                }
            }
        }
        List<Short> columns = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String columnName : columnNames) {
            AttributeInfo attribute = table.attribute(columnName);
            if (attribute == null) {
                throw TableCommands.at(SqlException.of(SqlState.UNDEFINED_COLUMN,
                        "column \"%s\" named in key does not exist", columnName), location);
            }
            if (!seen.add(columnName)) {
                throw TableCommands.at(SqlException.of(SqlState.DUPLICATE_COLUMN,
                        "column \"%s\" appears twice in %s constraint", columnName,
                        primary ? "primary key" : "unique"), location);
            }
            columns.add(attribute.number());
        }
        List<String> storedNames = new ArrayList<>(columnNames);
        List<Short> stored = new ArrayList<>(columns);
        for (String columnName : key.include() == null ? List.<String>of() : key.include()) {
            AttributeInfo attribute = table.attribute(columnName);
            if (attribute == null) {
                throw TableCommands.at(SqlException.of(SqlState.UNDEFINED_COLUMN,
                        "column \"%s\" named in key does not exist", columnName), location);
            }
            storedNames.add(columnName);
            stored.add(attribute.number());
        }
        if (primary) {
            for (short column : columns) {
                AttributeInfo attribute = table.attributeByNumber(column);
                if (!attribute.notNull()) {
                    checkNoNulls(context, table, attribute);
                    context.catalog().setColumnNotNull(context.transaction(), table, column, true);
                }
            }
            table = context.catalog().relationByOid(context.transaction(), table.oid());
        }
        RelationInfo target = table;
        if (name != null && context.catalog().constraintNameExists(context.transaction(), table.namespaceOid(), name)
                && table.constraint(name) != null) {
            throw SqlException.of(SqlState.DUPLICATE_OBJECT, "constraint \"%s\" for relation \"%s\" already exists",
                    name, table.name());
        }
        String indexName = name != null ? name : ObjectNames.indexName(table.name(), storedNames, primary, true,
                candidate -> context.catalog().relationNameExists(context.transaction(), target.namespaceOid(), candidate)
                        || context.catalog().constraintNameExists(context.transaction(), target.namespaceOid(),
                        candidate));
        List<Boolean> descending = new ArrayList<>();
        List<Boolean> nullsFirst = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            descending.add(false);
            nullsFirst.add(false);
        }
        IndexSpec spec = new IndexSpec(indexName, stored, columns.size(), descending, nullsFirst, true, primary,
                key.nullsNotDistinct(), List.of(), null, !key.timing().deferrable());
        if (table.kind() == 'p') {
            PartitionedIndexes.define(context, table, spec, only, new PartitionedIndexes.Key(
                    primary ? ConstraintInfo.PRIMARY_KEY : ConstraintInfo.UNIQUE, key.timing().deferrable(),
                    key.timing().initiallyDeferred()), 0, 0);
            return context.catalog().relationByOid(context.transaction(), table.oid());
        }
        IndexInfo index = context.catalog().createIndex(context.transaction(), table, spec);
        IndexCommands.build(context, table, index);
        table = context.catalog().relationByOid(context.transaction(), table.oid());
        ConstraintInfo constraint = new ConstraintInfo(context.catalog().allocateOid(), indexName, table.namespaceOid(),
                primary ? ConstraintInfo.PRIMARY_KEY : ConstraintInfo.UNIQUE, List.copyOf(columns), index.oid(), null,
                key.timing().deferrable(), key.timing().initiallyDeferred(), true);
        context.catalog().addConstraint(context.transaction(), table, constraint);
        return context.catalog().relationByOid(context.transaction(), table.oid());
    }

    /** SET NOT NULL on a column with rows: 23502 if one of them has a null there. */
    static void checkNoNulls(CommandContext context, RelationInfo table, AttributeInfo attribute) {
        HeapAccess heap = HeapAccess.of(context.storage());
        HeapScan scan = heap.beginScan(table.locator(), context.transaction().takeSnapshot());
        try {
            HeapTuple tuple;
            while ((tuple = scan.next()) != null) {
                if (table.decode(tuple.body())[table.position(attribute.number())] == null) {
                    throw SqlException.of(SqlState.NOT_NULL_VIOLATION,
                            "column \"%s\" of relation \"%s\" contains null values", attribute.name(), table.name());
                }
            }
        } finally {
            scan.close();
        }
    }

    /** ALTER TABLE ADD [CONSTRAINT name] {PRIMARY KEY | UNIQUE | CHECK | FOREIGN KEY} ...; returns the table as it is now. */
    public static RelationInfo addConstraint(CommandContext context, RelationInfo table, TableConstraint constraint) {
        return addConstraint(context, table, constraint, false);
    }

    /**
     * ALTER TABLE ADD ... [NOT VALID]: a NOT VALID CHECK or FOREIGN KEY skips the rows already
     * there ({@code convalidated} false) and holds for new ones; other kinds refuse it (0A000).
     */
    public static RelationInfo addConstraint(CommandContext context, RelationInfo table, TableConstraint constraint,
                                             boolean notValid) {
        if (notValid && (constraint.kind() == TableConstraint.Kind.PRIMARY_KEY
                || constraint.kind() == TableConstraint.Kind.UNIQUE)) {
            throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED, "%s constraints cannot be marked NOT VALID",
                    constraint.kind() == TableConstraint.Kind.UNIQUE ? "UNIQUE" : "PRIMARY KEY");
        }
        return switch (constraint.kind()) {
            case CHECK -> addCheck(context, table, constraint.name(), constraint.check(), notValid);
            case PRIMARY_KEY, UNIQUE -> addIndexConstraint(context, table, constraint);
            case FOREIGN_KEY -> ForeignKeyCommands.addForeignKey(context, table, constraint, notValid);
        };
    }

    /**
     * ALTER TABLE VALIDATE CONSTRAINT ({@code ATExecValidateConstraint}): checks the rows of a NOT
     * VALID CHECK or FOREIGN KEY (23514, 23503) and marks it validated; an already valid one is
     * left alone. Returns the table as it is now.
     */
    public static RelationInfo validateConstraint(CommandContext context, RelationInfo table, String name) {
        ConstraintInfo constraint = table.constraint(name);
        if (constraint == null) {
            throw SqlException.of(SqlState.UNDEFINED_OBJECT, "constraint \"%s\" of relation \"%s\" does not exist",
                    name, table.name());
        }
        if (constraint.type() != ConstraintInfo.CHECK && constraint.type() != ConstraintInfo.FOREIGN_KEY) {
            throw SqlException.of(SqlState.WRONG_OBJECT_TYPE,
                    "constraint \"%s\" of relation \"%s\" is not a foreign key or check constraint", name,
                    table.name());
        }
        if (constraint.validated()) {
            return table;
        }
        if (constraint.type() == ConstraintInfo.CHECK) {
            QueryExpr analyzed = context.analyzer().storedCheckConstraint(table, constraint.checkExpression(),
                    context.transaction(), context.formatSettings());
            checkExistingRows(context, table, analyzed, constraint.name());
        } else {
            RelationInfo referenced = context.catalog().relationByOid(context.transaction(),
                    constraint.referencedOid());
            ForeignKeyCommands.checkExistingRows(context, table, constraint, referenced);
        }
        return replace(context, table, constraint, new ConstraintInfo(constraint.oid(), constraint.name(),
                constraint.namespaceOid(), constraint.type(), constraint.columns(), constraint.indexOid(),
                constraint.checkExpression(), constraint.deferrable(), constraint.deferred(), true,
                constraint.referencedOid(), constraint.referencedColumns(), constraint.updateAction(),
                constraint.deleteAction(), constraint.matchType()));
    }

    /**
     * ALTER TABLE RENAME CONSTRAINT ({@code RenameConstraint}): 42704 if it does not exist, 42710
     * if the new name is taken on the table; a primary key's or unique constraint's index is
     * renamed with it, as PostgreSQL does. Returns the table as it is now.
     */
    public static RelationInfo renameConstraint(CommandContext context, RelationInfo table, String name,
                                                String newName) {
        ConstraintInfo constraint = table.constraint(name);
        if (constraint == null) {
            throw SqlException.of(SqlState.UNDEFINED_OBJECT, "constraint \"%s\" for table \"%s\" does not exist",
                    name, table.name());
        }
        if (table.constraint(newName) != null) {
            throw SqlException.of(SqlState.DUPLICATE_OBJECT, "constraint \"%s\" for relation \"%s\" already exists",
                    newName, table.name());
        }
        IndexInfo index = constraint.type() == ConstraintInfo.PRIMARY_KEY || constraint.type() == ConstraintInfo.UNIQUE
                ? table.index(constraint.indexOid()) : null;
        if (index != null) {
            RelationInfo indexRelation = context.catalog().relationByOid(context.transaction(), index.oid());
            context.catalog().renameRelation(context.transaction(), indexRelation, newName);
            table = context.catalog().relationByOid(context.transaction(), table.oid());
        }
        return replace(context, table, constraint, constraint.renamed(newName));
    }

    /** Rewrites a constraint's pg_constraint row (drop and add under the same OID). */
    private static RelationInfo replace(CommandContext context, RelationInfo table, ConstraintInfo old,
                                        ConstraintInfo changed) {
        context.catalog().dropConstraint(context.transaction(), table, old);
        RelationInfo current = context.catalog().relationByOid(context.transaction(), table.oid());
        context.catalog().addConstraint(context.transaction(), current, changed);
        return context.catalog().relationByOid(context.transaction(), table.oid());
    }

    /**
     * ALTER TABLE DROP CONSTRAINT [IF EXISTS] name: removes the constraint and, for a primary
     * key or unique constraint, its index (a primary key's columns stay NOT NULL, as in
     * PostgreSQL 15).
     */
    public static void dropConstraint(CommandContext context, RelationInfo table, String name, boolean ifExists) {
        ConstraintInfo constraint = table.constraint(name);
        if (constraint == null) {
            if (ifExists) {
                context.notices().notice(new SqlException(Severity.NOTICE, SqlState.SUCCESSFUL_COMPLETION,
                        "constraint \"%s\" of relation \"%s\" does not exist, skipping".formatted(name, table.name()),
                        null, null, 0, null));
                return;
            }
            throw SqlException.of(SqlState.UNDEFINED_OBJECT, "constraint \"%s\" of relation \"%s\" does not exist",
                    name, table.name());
        }
        boolean ownsIndex = constraint.type() == ConstraintInfo.PRIMARY_KEY || constraint.type() == ConstraintInfo.UNIQUE;
        if (ownsIndex && context.catalog().constraintInheritCount(context.transaction(), table.oid(), name) > 0) {
            // a partition's key constraint lives as long as its partitioned table's
            throw SqlException.of(SqlState.INVALID_TABLE_DEFINITION, "cannot drop inherited constraint \"%s\" of relation \"%s\"",
                    name, table.name());
        }
        if (ownsIndex && table.index(constraint.indexOid()) != null) {
            ForeignKeyCommands.checkIndexNotReferenced(context, table, table.index(constraint.indexOid()),
                    "constraint %s on table %s".formatted(constraint.name(), table.name()));
            if (table.kind() == 'p') {
                PartitionedIndexes.dropDescendants(context, table, table.index(constraint.indexOid()));
            }
        }
        context.catalog().dropConstraint(context.transaction(), table, constraint);
        if (ownsIndex && constraint.indexOid() != 0) {
            RelationInfo current = context.catalog().relationByOid(context.transaction(), table.oid());
            IndexInfo index = current.index(constraint.indexOid());
            if (index != null) {
                context.catalog().dropIndex(context.transaction(), current, index);
            }
        }
    }

    /**
     * Before DROP COLUMN: the foreign keys of other tables that reference the column need CASCADE
     * (2BP01 otherwise); the constraints and indexes that use the column go with it, as their
     * automatic dependencies do in PostgreSQL: those whose columns include it, and expression and
     * partial indexes whose expressions or predicate read it.
     */
    public static void dropDependents(CommandContext context, RelationInfo table, int attributeNumber,
                                      boolean cascade) {
        ForeignKeyCommands.dropReferencingColumn(context, table, attributeNumber, cascade);
        for (ConstraintInfo constraint : context.catalog().relationByOid(context.transaction(), table.oid())
                .constraints()) {
            if (constraint.columns().contains((short) attributeNumber)) {
                RelationInfo current = context.catalog().relationByOid(context.transaction(), table.oid());
                dropConstraint(context, current, constraint.name(), true);
            }
        }
        RelationInfo current = context.catalog().relationByOid(context.transaction(), table.oid());
        for (IndexInfo index : current.indexes()) {
            if (index.columns().contains((short) attributeNumber)
                    || readsColumn(context, current, index, attributeNumber)) {
                context.catalog().dropIndex(context.transaction(),
                        context.catalog().relationByOid(context.transaction(), table.oid()), index);
            }
        }
    }

    /** Whether an expression or partial index's expressions or predicate read column {@code attributeNumber}. */
    private static boolean readsColumn(CommandContext context, RelationInfo table, IndexInfo index,
                                       int attributeNumber) {
        if (!index.hasExpressions() && !index.partial()) {
            return false;
        }
        Set<Short> positions = new TreeSet<>();
        collectColumns(context.analyzer().storedIndexExpressions(table, index, context.transaction(),
                context.formatSettings()), positions);
        return positions.stream().anyMatch(position -> table.attributes().get(position).number() == attributeNumber);
    }
}
