package org.woolly.commands;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.woolly.access.common.RelationOptions;
import org.woolly.access.sequence.SequenceAccess;
import org.woolly.catalog.ColumnSpec;
import org.woolly.catalog.IndexInfo;
import org.woolly.catalog.RelationInfo;
import org.woolly.catalog.RelationLocks;
import org.woolly.catalog.TemporarySchema;
import org.woolly.nodes.parse.ColumnConstraint;
import org.woolly.nodes.parse.ColumnDef;
import org.woolly.nodes.parse.DefElem;
import org.woolly.nodes.parse.QualifiedName;
import org.woolly.nodes.parse.Statement;
import org.woolly.nodes.parse.TableConstraint;
import org.woolly.nodes.parse.TypeName;
import org.woolly.storage.lmgr.LockMode;
import org.woolly.storage.lmgr.LockTag;
import org.woolly.utils.error.Severity;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * CREATE TABLE (with its PRIMARY KEY, UNIQUE and CHECK constraints, see {@link ConstraintCommands}),
 * DROP TABLE and TRUNCATE ({@code tablecmds.c}, {@code dropcmds.c}); DROP INDEX goes to {@link IndexCommands}.
 */
public final class TableCommands {
    private TableCommands() {}

    /**
     * {@code CreateTableAsRelExists}: whether the table CREATE TABLE AS would make exists, with
     * IF NOT EXISTS after a notice; without it an existing table is an error.
     */
    public static boolean createTableAsExists(CommandContext context, Statement.CreateTableAs create) {
        QualifiedName name = create.temporary() ? temporaryName(create.name()) : create.name();
        if (context.catalog().lookupRelation(context.transaction(), name.schema(), name.name()).isEmpty()) {
            return false;
        }
        if (!create.ifNotExists()) {
            throw SqlException.of(SqlState.DUPLICATE_TABLE, "relation \"%s\" already exists", name.name());
        }
        context.notices().notice(new SqlException(Severity.NOTICE, SqlState.DUPLICATE_TABLE,
                "relation \"%s\" already exists, skipping".formatted(name.name()), null, null, 0, null));
        return true;
    }

    /**
     * The table of CREATE TABLE AS and SELECT INTO ({@code create_ctas_internal} in createas.c):
     * one column per result column of the query, typed as it, named by the statement's column
     * list where it gives a name. Returns null when IF NOT EXISTS finds the table there already
     * (after a NOTICE).
     */
    public static RelationInfo createTableAs(CommandContext context, Statement.CreateTableAs create,
                                             List<ColumnSpec> queryColumns) {
        QualifiedName name = create.temporary() ? temporaryName(create.name()) : create.name();
        TemporarySchema.OnCommit onCommit = onCommit(create.options(), create.temporary());
        if (create.ifNotExists() && createTableAsExists(context, create)) {
            return null;
        }
        List<String> storageParameters = StorageParameters.forNew(RelationOptions.Kind.HEAP,
                storageOptions(create.options()));
        if (create.columnNames().size() > queryColumns.size()) {
            throw SqlException.of(SqlState.SYNTAX_ERROR, "too many column names were specified");
        }
        List<ColumnSpec> columns = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < queryColumns.size(); i++) {
            ColumnSpec column = queryColumns.get(i);
            String columnName = i < create.columnNames().size() ? create.columnNames().get(i) : column.name();
            if (!seen.add(columnName)) {
                throw SqlException.of(SqlState.DUPLICATE_COLUMN, "column \"%s\" specified more than once", columnName);
            }
            columns.add(new ColumnSpec(columnName, column.typeOid(), column.typeModifier(), false, null));
        }
        RelationInfo table;
        try {
            table = context.catalog().createTable(context.transaction(), name.schema(), name.name(), columns,
                    persistence(create.temporary(), create.options()));
        } catch (SqlException error) {
            throw creationError(error, name.location());
        }
        registerOnCommit(context, table, onCommit);
        return StorageParameters.store(context, table, table.oid(), storageParameters);
    }

    /** Returns the command tag; serial and identity columns are refused (no sequence storage given). */
    public static String createTable(CommandContext context, Statement.CreateTable create) {
        return createTable(context, null, create);
    }

    /** Returns the command tag; {@code sequences} makes the sequences of serial and identity columns. */
    public static String createTable(CommandContext context, SequenceAccess sequences, Statement.CreateTable create) {
        QualifiedName name = create.temporary() ? temporaryName(create.name()) : create.name();
        if (create.temporary()) {
            create = new Statement.CreateTable(name, create.columns(), create.constraints(), create.ifNotExists(),
                    true, create.options(), create.location(), create.inherits(), create.partitionBy(),
                    create.partitionOf());
        }
        TemporarySchema.OnCommit onCommit = onCommit(create.options(), create.temporary());
        Optional<RelationInfo> existing = context.catalog().lookupRelation(context.transaction(), name.schema(), name.name());
        if (existing.isPresent() && create.ifNotExists()) {
            context.notices().notice(new SqlException(Severity.NOTICE, SqlState.DUPLICATE_TABLE,
                    "relation \"%s\" already exists, skipping".formatted(name.name()), null, null, 0, null));
            return "CREATE TABLE";
        }
        List<String> storageParameters = StorageParameters.forNew(RelationOptions.Kind.HEAP,
                storageOptions(create.options()));
        // column constraints become table constraints, in the order written (transformCreateStmt)
        List<TableConstraint> checks = new ArrayList<>();
        List<TableConstraint> indexConstraints = new ArrayList<>();
        List<TableConstraint> foreignKeys = new ArrayList<>();
        for (ColumnDef column : create.columns()) {
            for (ColumnConstraint constraint : column.constraints() == null ? List.<ColumnConstraint>of()
                    : column.constraints()) {
                switch (constraint.kind()) {
                    case CHECK -> checks.add(new TableConstraint(TableConstraint.Kind.CHECK, constraint.name(),
                            List.of(), constraint.expr(), constraint.location()));
                    case PRIMARY_KEY -> indexConstraints.add(new TableConstraint(TableConstraint.Kind.PRIMARY_KEY,
                            constraint.name(), List.of(column.name()), null, constraint.location())
                            .withTiming(constraint.timing()));
                    case UNIQUE -> indexConstraints.add(new TableConstraint(TableConstraint.Kind.UNIQUE,
                            constraint.name(), List.of(column.name()), null, constraint.location(), null, null,
                            List.of(), constraint.nullsNotDistinct()).withTiming(constraint.timing()));
                    case REFERENCES -> foreignKeys.add(new TableConstraint(TableConstraint.Kind.FOREIGN_KEY,
                            constraint.name(), List.of(column.name()), null, constraint.location(),
                            constraint.referencedTable(), constraint.referencedColumns(), List.of(), false,
                            constraint.actions(), constraint.timing()));
                    default -> { }
                }
            }
        }
        for (TableConstraint constraint : create.constraints() == null ? List.<TableConstraint>of() : create.constraints()) {
            switch (constraint.kind()) {
                case CHECK -> checks.add(constraint);
                case PRIMARY_KEY, UNIQUE -> indexConstraints.add(constraint);
                case FOREIGN_KEY -> foreignKeys.add(constraint);
            }
        }
        Set<String> primaryKeyColumns = new HashSet<>();
        TableConstraint primaryKey = null;
        for (TableConstraint constraint : indexConstraints) {
            if (constraint.kind() == TableConstraint.Kind.PRIMARY_KEY) {
                if (primaryKey != null) {
                    throw at(SqlException.of(SqlState.INVALID_TABLE_DEFINITION,
                            "multiple primary keys for table \"%s\" are not allowed", name.name()), constraint.location());
                }
                primaryKey = constraint;
                primaryKeyColumns.addAll(constraint.columns());
            }
        }
        List<ColumnSpec> columns = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        SerialColumns generated = sequences == null ? null : SerialColumns.prepare(context, sequences, create);
        for (ColumnDef column : generated == null ? create.columns() : generated.columns()) {
            if (!seen.add(column.name())) {
                throw at(SqlException.of(SqlState.DUPLICATE_COLUMN, "column \"%s\" specified more than once", column.name()),
                        column.location());
            }
            ColumnSpec spec = column(context, column);
            if (generated != null) {
                spec = generated.stored(spec);
            }
            if (primaryKeyColumns.contains(column.name()) && !spec.notNull()) {
                spec = new ColumnSpec(spec.name(), spec.typeOid(), spec.typeModifier(), true, spec.defaultExpression());
            }
            columns.add(spec);
        }
        InheritanceCommands.Merged inherited = create.inherits().isEmpty() ? null
                : InheritanceCommands.merge(context, name.name(), create.inherits(), columns);
        if (inherited != null) {
            columns = new ArrayList<>(inherited.columns());
            if (create.partitionOf() == null) {
                inherited.parents().forEach(InheritanceCommands::refusePartitionedParent);
            }
        }
        RelationInfo table;
        try {
            table = context.catalog().createTable(context.transaction(), name.schema(), name.name(), columns,
                    persistence(create.temporary(), create.options()));
        } catch (SqlException error) {
            // RangeVarGetCreationNamespace reports a missing schema at the name
            throw creationError(error, name.location());
        }
        registerOnCommit(context, table, onCommit);
        table = StorageParameters.store(context, table, table.oid(), storageParameters);
        if (generated != null) {
            generated.finish(context, table);
        }
        if (inherited != null) {
            table = InheritanceCommands.link(context, table, inherited);
        }
        if (create.partitionOf() != null) {
            PartitionCommands.storeBound(context, inherited.parents().getFirst(), table, create.partitionOf(), false);
        }
        if (create.partitionBy() != null) {
            table = PartitionCommands.partitionBy(context, table, create.partitionBy());
        }
        if (create.partitionOf() != null) {
            // the parent's indexes first, then the partition's own keys (DefineRelation, then its statements)
            table = PartitionedIndexes.cloneInto(context, inherited.parents().getFirst(), table);
        }
        for (TableConstraint check : checks) {
            table = ConstraintCommands.addCheck(context, table, check.name(), check.check());
        }
        // the primary key's index is made first, then the others in order (transformIndexConstraints)
        List<TableConstraint> ordered = new ArrayList<>();
        if (primaryKey != null) {
            ordered.add(primaryKey);
        }
        for (TableConstraint constraint : indexConstraints) {
            if (constraint != primaryKey && !redundant(constraint, ordered)) {
                ordered.add(constraint);
            }
        }
        for (TableConstraint constraint : ordered) {
            table = ConstraintCommands.addIndexConstraint(context, table, constraint);
        }
        // foreign keys last, so they may reference this table's own keys (transformFKConstraints)
        for (TableConstraint constraint : foreignKeys) {
            table = ForeignKeyCommands.addForeignKey(context, table, constraint);
        }
        return "CREATE TABLE";
    }

    /** An unnamed UNIQUE on the same columns as an earlier key adds nothing: PostgreSQL drops it. */
    private static boolean redundant(TableConstraint constraint, List<TableConstraint> earlier) {
        if (constraint.name() != null) {
            return false;
        }
        for (TableConstraint other : earlier) {
            if (other.columns().equals(constraint.columns()) && other.include().equals(constraint.include())
                    && other.nullsNotDistinct() == constraint.nullsNotDistinct()) {
                return true;
            }
        }
        return false;
    }

    static ColumnSpec column(CommandContext context, ColumnDef column) {
        TypeName typeName = column.type();
        int typeOid;
        try {
            typeOid = context.catalog().lookupValueTypeOid(context.transaction(), typeName.schema(), typeName.name());
        } catch (SqlException error) {
            throw at(error, typeName.location());
        }
        int elementOid = typeOid;
        if (typeName.arrayBounds() > 0) {
            typeOid = org.woolly.utils.adt.BuiltinTypes.arrayTypeOf(elementOid);
            if (typeOid == 0) {
                throw at(SqlException.of(SqlState.FEATURE_NOT_SUPPORTED, "arrays of type %s are not supported yet",
                        typeName.name()), typeName.location());
            }
        }
        int typmod;
        try {
            // PostgreSQL checks a column's type twice (transformColumnDefinition, then DefineRelation), warning both times
            typmod = org.woolly.utils.adt.TypeModifiers.typmodIn(elementOid, typeName.name(), typeName.modifiers(),
                    warning -> {
                        context.notices().notice(at(warning, typeName.location()));
                        context.notices().notice(warning);
                    });
        } catch (SqlException error) {
            throw at(error, typeName.location());
        }
        boolean notNull = false;
        String defaultText = null;
        for (ColumnConstraint constraint : column.constraints() == null ? List.<ColumnConstraint>of() : column.constraints()) {
            switch (constraint.kind()) {
                case NOT_NULL -> notNull = true;
                case NULL -> {
                    if (notNull) {
                        throw at(SqlException.of(SqlState.SYNTAX_ERROR,
                                "conflicting NULL/NOT NULL declarations for column \"%s\" of table", column.name()),
                                constraint.location());
                    }
                }
                case DEFAULT -> {
                    context.analyzer().validateDefault(constraint.expr(), typeOid, typmod, column.name(),
                            context.transaction(), context.formatSettings());
                    // an explicit DEFAULT NULL is kept for a domain column: it overrides the domain's default
                    defaultText = AlterTableCommands.isNullConstant(constraint.expr())
                            && context.catalog().domain(context.transaction(), typeOid).isEmpty() ? null
                            : SqlText.ofDefault(constraint.expr(), typeOid, type -> context.types().formatType(type, -1));
                }
                case PRIMARY_KEY, UNIQUE, CHECK, REFERENCES -> { }
                case GENERATED_IDENTITY -> throw at(SqlException.of(
                        SqlState.FEATURE_NOT_SUPPORTED, "%s constraints are not supported yet",
                        constraint.kind().name().replace('_', ' ')), constraint.location());
            }
        }
        return new ColumnSpec(column.name(), typeOid, typmod, notNull, defaultText);
    }

    public static String drop(CommandContext context, Statement.Drop drop) {
        if (drop.kind() == Statement.ObjectKind.INDEX) {
            return IndexCommands.dropIndex(context, drop);
        }
        if (drop.kind() != Statement.ObjectKind.TABLE) {
            throw at(SqlException.of(SqlState.FEATURE_NOT_SUPPORTED, "DROP %s is not supported yet", drop.kind()),
                    drop.location());
        }
        List<RelationInfo> targets = new ArrayList<>();
        for (QualifiedName name : drop.names()) {
            // locked before the checks, so a concurrent DROP or TRUNCATE is waited for and seen
            Optional<RelationInfo> relation = context.catalog().openRelation(context.transaction(), name.schema(),
                    name.name(), LockMode.ACCESS_EXCLUSIVE);
            if (relation.isEmpty()) {
                if (drop.ifExists()) {
                    context.notices().notice(new SqlException(Severity.NOTICE, SqlState.SUCCESSFUL_COMPLETION,
                            "table \"%s\" does not exist, skipping".formatted(name.name()), null, null, 0, null));
                    continue;
                }
                throw at(SqlException.of(SqlState.UNDEFINED_TABLE, "table \"%s\" does not exist", name.name()), -1);
            }
            if (relation.get().kind() != 'r' && relation.get().kind() != 'p') {
                throw at(SqlException.of(SqlState.WRONG_OBJECT_TYPE, "\"%s\" is not a table", name.name())
                        .withHint("Use DROP %s to remove %s.".formatted(kindWord(relation.get().kind()).toUpperCase(),
                                kindArticle(relation.get().kind()))), -1);
            }
            Privileges.checkOwner(context, context.catalog().relationOwner(context.transaction(), relation.get()),
                    "table", name.name());
            targets.add(relation.get());
        }
        targets = InheritanceCommands.withChildren(context, targets, drop.cascade());
        for (RelationInfo relation : targets) {
            ViewCommands.dropDependentViews(context, relation, 0, drop.cascade(), targets);
        }
        ForeignKeyCommands.dropReferencing(context, targets, drop.cascade());
        for (RelationInfo relation : targets) {
            context.catalog().dropRelation(context.transaction(), relation);
        }
        return "DROP TABLE";
    }

    private static String kindWord(char kind) {
        return switch (kind) {
            case 'i' -> "index";
            case 'S' -> "sequence";
            case 'v' -> "view";
            default -> "relation";
        };
    }

    private static String kindArticle(char kind) {
        return switch (kind) {
            case 'i' -> "an index";
            default -> "a " + kindWord(kind);
        };
    }

    /**
     * TRUNCATE ({@code ExecuteTruncate}): each named table with, unless written with ONLY, its
     * inheritance children and partitions (whose privileges are not checked: PostgreSQL checks
     * the named table only); a partitioned table has no storage of its own, so ONLY on it is
     * 42809. Answers the tables truncated, for RESTART IDENTITY.
     */
    public static List<RelationInfo> truncate(CommandContext context, Statement.Truncate truncate) {
        List<RelationInfo> targets = new ArrayList<>();
        Set<Integer> listed = new HashSet<>();
        for (int i = 0; i < truncate.names().size(); i++) {
            QualifiedName name = truncate.names().get(i);
            RelationInfo relation = context.catalog().openRelation(context.transaction(), name.schema(), name.name(),
                            LockMode.ACCESS_EXCLUSIVE)
                    .orElseThrow(() -> SqlException.of(SqlState.UNDEFINED_TABLE, "relation \"%s\" does not exist", name));
            checkTruncatable(relation);
            if (context.user() != null && !context.catalog().hasRelationPrivilege(context.transaction(),
                    context.user().oid(), relation.oid(), 'D')) {
                throw SqlException.of(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied for table %s", name.name());
            }
            if (!listed.add(relation.oid())) {
                continue;
            }
            targets.add(relation);
            if (truncate.only().get(i)) {
                if (relation.kind() == 'p') {
                    throw SqlException.of(SqlState.WRONG_OBJECT_TYPE, "cannot truncate only a partitioned table")
                            .withHint("Do not specify the ONLY keyword, or use TRUNCATE ONLY on the partitions directly.");
                }
                continue;
            }
            for (int oid : context.catalog().allInheritors(context.transaction(), relation.oid())) {
                if (listed.add(oid)) {
                    RelationInfo child = context.catalog().relationByOid(context.transaction(), oid);
                    RelationLocks.lock(context.transaction(), child, LockMode.ACCESS_EXCLUSIVE);
                    checkTruncatable(child);
                    targets.add(child);
                }
            }
        }
        if (truncate.cascade()) {
            ForeignKeyCommands.addReferencingTables(context, targets);
        }
        ForeignKeyCommands.checkTruncate(context, targets);
        TriggerCommands.fireTruncate(context, targets, true);
        for (RelationInfo relation : targets) {
            if (relation.kind() == 'p') {
                continue; // its rows are in its partitions, truncated in this same loop
            }
            RelationInfo truncated = context.catalog().truncate(context.transaction(), relation);
            for (IndexInfo index : truncated.indexes()) {
                if (index.locator().relNumber() == 0) {
                    continue; // a partitioned index has no file
                }
                IndexCommands.btree(context).buildEmpty(index.shape(), context.transaction());
            }
        }
        TriggerCommands.fireTruncate(context, targets, false);
        return targets;
    }

    /** {@code truncate_check_rel}: 42809 unless a table or a partitioned table. */
    private static void checkTruncatable(RelationInfo relation) {
        if (relation.kind() != 'r' && relation.kind() != 'p') {
            throw SqlException.of(SqlState.WRONG_OBJECT_TYPE, "\"%s\" is not a table", relation.name());
        }
    }

    /**
     * LOCK TABLE ({@code LockTableCommand}): each table in turn, in the mode asked, held until
     * the transaction ends; NOWAIT gives 55P03 instead of waiting. The caller checks for a
     * transaction block (25P01).
     */
    public static void lockTables(CommandContext context, Statement.LockTable lock) {
        LockMode mode = LockMode.valueOf(lock.mode().replace(' ', '_'));
        for (QualifiedName name : lock.names()) {
            RelationInfo relation = context.catalog().lookupRelation(context.transaction(), name.schema(), name.name())
                    .orElseThrow(() -> SqlException.of(SqlState.UNDEFINED_TABLE, "relation \"%s\" does not exist", name));
            if (relation.kind() != 'r' && relation.kind() != 'v' && relation.kind() != 'p') {
                String kind = relation.kind() == 'S' ? "sequences" : relation.kind() == 'i' ? "indexes" : "this relation kind";
                throw new SqlException(Severity.ERROR, SqlState.WRONG_OBJECT_TYPE,
                        "cannot lock relation \"%s\"".formatted(relation.name()),
                        "This operation is not supported for " + kind + ".", null, 0, null);
            }
            LockTag tag = new LockTag.Relation(relation.locator().databaseOid(), relation.oid());
            if (lock.nowait()) {
                if (!context.transaction().tryLock(tag, mode)) {
                    throw SqlException.of(SqlState.LOCK_NOT_AVAILABLE, "could not obtain lock on relation \"%s\"",
                            relation.name());
                }
            } else {
                context.transaction().lock(tag, mode);
            }
        }
    }

    /**
     * Opens the relation an ALTER statement names, locked AccessExclusive before any check
     * ({@code RangeVarGetRelidExtended}): empty after IF EXISTS's NOTICE, 42P01 without it.
     */
    static Optional<RelationInfo> openForAlter(CommandContext context, QualifiedName name, boolean ifExists) {
        Optional<RelationInfo> found = context.catalog().openRelation(context.transaction(), name.schema(), name.name(),
                LockMode.ACCESS_EXCLUSIVE);
        if (found.isEmpty()) {
            if (!ifExists) {
                throw SqlException.of(SqlState.UNDEFINED_TABLE, "relation \"%s\" does not exist", name);
            }
            context.notices().notice(new SqlException(Severity.NOTICE, SqlState.SUCCESSFUL_COMPLETION,
                    "relation \"%s\" does not exist, skipping".formatted(name.name()), null, null, 0, null));
        }
        return found;
    }

    static SqlException at(SqlException error, int location) {
        return error.position() == 0 && location >= 0 ? error.withPosition(location + 1) : error;
    }

    /**
     * The name a temporary relation is created under: in {@code pg_temp}, the session's own
     * temporary schema; 42P16 when the statement names a schema that is not temporary
     * ({@code RangeVarAdjustRelationPersistence}).
     */
    static QualifiedName temporaryName(QualifiedName name) {
        String schema = name.schema();
        if (schema != null && !schema.equals(TemporarySchema.ALIAS) && !schema.startsWith("pg_temp_")) {
            throw at(new SqlException(SqlState.INVALID_TABLE_DEFINITION,
                    "cannot create temporary relation in non-temporary schema"), name.location());
        }
        return schema != null ? name : new QualifiedName(TemporarySchema.ALIAS, name.name(), name.location());
    }

    /** relpersistence: 't' temporary, 'u' UNLOGGED, 'p' permanent. */
    static char persistence(boolean temporary, List<DefElem> options) {
        if (temporary) {
            return 't';
        }
        return options.stream().anyMatch(option -> option.name().equals(DefElem.UNLOGGED)) ? 'u' : 'p';
    }

    /** The ON COMMIT clause of CREATE TABLE; 42P16 on a table that is not temporary, as {@code DefineRelation}. */
    private static TemporarySchema.OnCommit onCommit(List<DefElem> options, boolean temporary) {
        for (DefElem option : options) {
            if (option.name().equals(DefElem.ON_COMMIT)) {
                if (!temporary) {
                    throw new SqlException(SqlState.INVALID_TABLE_DEFINITION,
                            "ON COMMIT can only be used on temporary tables");
                }
                return switch (option.value()) {
                    case "drop" -> TemporarySchema.OnCommit.DROP;
                    case "delete" -> TemporarySchema.OnCommit.DELETE_ROWS;
                    default -> TemporarySchema.OnCommit.PRESERVE_ROWS;
                };
            }
        }
        return TemporarySchema.OnCommit.PRESERVE_ROWS;
    }

    private static List<DefElem> storageOptions(List<DefElem> options) {
        return options.stream().filter(option -> !option.isClause()).toList();
    }

    private static void registerOnCommit(CommandContext context, RelationInfo table, TemporarySchema.OnCommit action) {
        if (action != TemporarySchema.OnCommit.PRESERVE_ROWS
                && context.catalog() instanceof org.woolly.catalog.DatabaseCatalog databaseCatalog) {
            databaseCatalog.registerOnCommit(table, action);
        }
    }

    /**
     * {@code RangeVarGetCreationNamespace}'s errors point at the table's name: a missing schema,
     * one the user may not create in, a temporary schema the user may not have.
     */
    private static SqlException creationError(SqlException error, int location) {
        boolean namespaceError = error.sqlState() == SqlState.INVALID_SCHEMA_NAME
                || error.sqlState() == SqlState.INSUFFICIENT_PRIVILEGE && error.getMessage().startsWith(
                "permission denied for schema") || error.getMessage().startsWith("permission denied to create temp");
        return namespaceError ? at(error, location) : error;
    }
}
