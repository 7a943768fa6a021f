package org.woolly.commands;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;
import org.woolly.access.heap.HeapScan;
import org.woolly.access.heap.HeapTuple;
import org.woolly.access.transam.Snapshot;
import org.woolly.catalog.AttributeInfo;
import org.woolly.catalog.ColumnSpec;
import org.woolly.catalog.MissingValues;
import org.woolly.catalog.RelationDependency;
import org.woolly.catalog.RelationInfo;
import org.woolly.executor.CompiledExpression;
import org.woolly.executor.ExecutorContext;
import org.woolly.executor.ExpressionCompiler;
import org.woolly.nodes.parse.AlterTableAction;
import org.woolly.nodes.parse.ColumnConstraint;
import org.woolly.nodes.parse.ColumnDef;
import org.woolly.nodes.parse.QualifiedName;
import org.woolly.nodes.parse.Statement;
import org.woolly.nodes.query.ExpressionWalker;
import org.woolly.nodes.query.QueryExpr;
import org.woolly.catalog.RelationLocks;
import org.woolly.storage.lmgr.LockMode;
import org.woolly.utils.error.Severity;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * ALTER TABLE and ALTER INDEX ... RENAME TO: counterpart of {@code AlterTable} and
 * {@code RenameRelation}/{@code renameatt} in {@code tablecmds.c}. The relation is locked
 * AccessExclusive first; the actions run in order, each on the relation as the previous one
 * left it. A change that PostgreSQL makes without touching the rows (rename, owner, default,
 * NOT NULL, dropping a column, adding one whose default is not volatile) changes only the
 * catalogs; ALTER COLUMN TYPE and ADD COLUMN with a volatile default rewrite every row into a
 * new relfilenode ({@code ATRewriteTable}).
 */
public final class AlterTableCommands {
    static final java.util.Set<String> SYSTEM_COLUMNS = java.util.Set.of("tableoid", "cmax", "xmax", "cmin",
            "xmin", "ctid");

    private final CommandContext context;
    /** What the actions evaluate expressions with and reach the heap through: a fresh executor context. */
    private final Supplier<ExecutorContext> executorContexts;
    /** Where ADD GENERATED ... AS IDENTITY makes its sequence (null outside a session). */
    private org.woolly.access.sequence.SequenceAccess sequences;
    private RelationInfo relation;
    /** ALTER TABLE ONLY: a key added to a partitioned table gets no indexes on the partitions. */
    private boolean only;
    /** Set while an action recurses from a parent to its inheritance children. */
    private boolean recursing;

    private AlterTableCommands(CommandContext context, Supplier<ExecutorContext> executorContexts,
                               RelationInfo relation) {
        this.context = context;
        this.executorContexts = executorContexts;
        this.relation = relation;
    }

    /** Runs the statement without a session's sequences (no ADD GENERATED ... AS IDENTITY); returns the command tag. */
    public static String alter(CommandContext context, Statement.AlterTable alter,
                               Supplier<ExecutorContext> executorContexts) {
        return alter(context, alter, executorContexts, null);
    }

    /** Runs the statement; {@code sequences} is where ADD GENERATED ... AS IDENTITY makes its sequence. */
    public static String alter(CommandContext context, Statement.AlterTable alter,
                               Supplier<ExecutorContext> executorContexts,
                               org.woolly.access.sequence.SequenceAccess sequences) {
        boolean index = alter.kind() == Statement.ObjectKind.INDEX;
        String tag = index ? "ALTER INDEX" : alter.kind() == Statement.ObjectKind.VIEW ? "ALTER VIEW" : "ALTER TABLE";
        QualifiedName name = alter.name();
        Optional<RelationInfo> found = TableCommands.openForAlter(context, name, alter.ifExists());
        if (found.isEmpty()) {
            return tag;
        }
        RelationInfo relation = found.get();
        boolean renameOnly = alter.actions().size() == 1
                && alter.actions().getFirst() instanceof AlterTableAction.RenameRelation;
        if (index && relation.kind() != 'i' && relation.kind() != 'I' && !renameOnly) {
            throw SqlException.of(SqlState.WRONG_OBJECT_TYPE, "\"%s\" is not an index", relation.name());
        }
        Privileges.checkOwner(context, context.catalog().relationOwner(context.transaction(), relation),
                relation.kind() == 'i' ? "index" : relation.kind() == 'S' ? "sequence" : "table", relation.name());
        AlterTableCommands command = new AlterTableCommands(context, executorContexts, relation);
        command.sequences = sequences;
        command.only = alter.only();
        for (AlterTableAction action : alter.actions()) {
            command.run(action);
        }
        return tag;
    }

    private void run(AlterTableAction action) {
        String tableOnly = tableOnlyActionName(action);
        if (tableOnly != null && relation.kind() != 'r' && relation.kind() != 'p') {
            // ATWrongRelkindError / ATSimplePermissions
            throw SqlException.of(SqlState.WRONG_OBJECT_TYPE, "ALTER action %s cannot be performed on relation \"%s\"",
                    tableOnly, relation.name()).withDetail("This operation is not supported for %s."
                    .formatted(kindPlural(relation.kind())));
        }
        switch (action) {
            case AlterTableAction.RenameRelation rename -> {
                ViewCommands.renameInViews(context, relation, 0, rename.newName());
                relation = context.catalog().renameRelation(context.transaction(), relation, rename.newName());
            }
            case AlterTableAction.RenameColumn rename -> renameColumn(rename);
            case AlterTableAction.AddColumn add -> addColumn(add);
            case AlterTableAction.DropColumn drop -> dropColumn(drop);
            case AlterTableAction.ColumnDefault change -> columnDefault(change);
            case AlterTableAction.ColumnNotNull change -> columnNotNull(change);
            case AlterTableAction.AddIdentity add -> addIdentity(add);
            case AlterTableAction.ColumnStorage change -> relation = ColumnStorageCommands.alter(context, relation,
                    column(change.column()), change);
            case AlterTableAction.AlterColumnType change -> alterColumnType(change);
            case AlterTableAction.OwnerTo owner -> ownerTo(owner);
            case AlterTableAction.Inherit inherit -> relation = InheritanceCommands.alterInherit(context, relation, inherit);
            case AlterTableAction.Partition partition when relation.kind() == 'i' || relation.kind() == 'I' -> {
                if (relation.kind() == 'i') {
                    throw SqlException.of(SqlState.WRONG_OBJECT_TYPE, "\"%s\" is not a partitioned index",
                            relation.name());
                }
                PartitionedIndexes.attachIndex(context, relation, partition.partition());
            }
            case AlterTableAction.Partition partition -> relation = partition.bound() == null
                    ? PartitionCommands.detach(context, relation, partition.partition())
                    : PartitionCommands.attach(context, relation, partition.partition(), partition.bound());
            case AlterTableAction.SetOptions set ->
                    relation = StorageParameters.alter(context, relation, set.options(), set.reset());
            case AlterTableAction.SetSchema setSchema -> relation = SchemaCommands.setSchema(context, relation, setSchema);
            case AlterTableAction.AddConstraint add when only && relation.kind() == 'p'
                    && add.constraint().kind() != org.woolly.nodes.parse.TableConstraint.Kind.CHECK
                    && add.constraint().kind() != org.woolly.nodes.parse.TableConstraint.Kind.FOREIGN_KEY ->
                    relation = ConstraintCommands.addIndexConstraint(context, relation, add.constraint(), true);
            case AlterTableAction.AddConstraint add ->
                    relation = ConstraintCommands.addConstraint(context, relation, add.constraint(), add.notValid());
            case AlterTableAction.DropConstraint drop -> {
                ConstraintCommands.dropConstraint(context, relation, drop.name(), drop.ifExists());
                relation = context.catalog().relationByOid(context.transaction(), relation.oid());
            }
            case AlterTableAction.ValidateConstraint validate ->
                    relation = ConstraintCommands.validateConstraint(context, relation, validate.name());
            case AlterTableAction.RenameConstraint rename ->
                    relation = ConstraintCommands.renameConstraint(context, relation, rename.name(), rename.newName());
        }
    }

    /** The name PostgreSQL gives an action that only tables allow ({@code alter_table_type_name}), or null. */
    private static String tableOnlyActionName(AlterTableAction action) {
        return switch (action) {
            case AlterTableAction.AddColumn ignored -> "ADD COLUMN";
            case AlterTableAction.DropColumn ignored -> "DROP COLUMN";
            case AlterTableAction.AlterColumnType ignored -> "ALTER COLUMN ... SET DATA TYPE";
            case AlterTableAction.ColumnDefault change ->
                    change.expression() == null ? "ALTER COLUMN ... DROP DEFAULT" : "ALTER COLUMN ... SET DEFAULT";
            case AlterTableAction.ColumnNotNull change ->
                    change.notNull() ? "ALTER COLUMN ... SET NOT NULL" : "ALTER COLUMN ... DROP NOT NULL";
            case AlterTableAction.ColumnStorage change ->
                    change.compression() ? "ALTER COLUMN ... SET COMPRESSION" : "ALTER COLUMN ... SET STORAGE";
            case AlterTableAction.AddIdentity ignored -> "ALTER COLUMN ... ADD IDENTITY";
            case AlterTableAction.AddConstraint ignored -> "ADD CONSTRAINT";
            case AlterTableAction.DropConstraint ignored -> "DROP CONSTRAINT";
            case AlterTableAction.ValidateConstraint ignored -> "VALIDATE CONSTRAINT";
            case AlterTableAction.RenameRelation ignored -> null;
            case AlterTableAction.RenameColumn ignored -> null;
            case AlterTableAction.RenameConstraint ignored -> null;
            case AlterTableAction.SetSchema ignored -> null;
            case AlterTableAction.OwnerTo ignored -> null;
            case AlterTableAction.Inherit inherit -> inherit.remove() ? "NO INHERIT" : "INHERIT";
            case AlterTableAction.SetOptions ignored -> null;
            case AlterTableAction.Partition ignored -> null;
        };
    }

    private static String kindPlural(char kind) {
        return switch (kind) {
            case 'i', 'I' -> "indexes";
            case 'S' -> "sequences";
            case 'v' -> "views";
            case 'm' -> "materialized views";
            case 'c' -> "composite types";
            case 'f' -> "foreign tables";
            default -> "relations of this kind";
        };
    }

    private void renameColumn(AlterTableAction.RenameColumn rename) {
        if (SYSTEM_COLUMNS.contains(rename.column())) {
            throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED, "cannot rename system column \"%s\"",
                    rename.column());
        }
        AttributeInfo column = relation.attribute(rename.column());
        if (column == null) {
            throw SqlException.of(SqlState.UNDEFINED_COLUMN, "column \"%s\" does not exist", rename.column());
        }
        checkNewColumnName(rename.newName());
        ViewCommands.renameInViews(context, relation, column.number(), rename.newName());
        relation = context.catalog().relationByOid(context.transaction(), relation.oid());
        relation = context.catalog().renameColumn(context.transaction(), relation, column.number(), rename.newName());
    }

    /** {@code check_for_column_name_collision}. */
    private void checkNewColumnName(String name) {
        if (SYSTEM_COLUMNS.contains(name)) {
            throw SqlException.of(SqlState.DUPLICATE_COLUMN, "column name \"%s\" conflicts with a system column name",
                    name);
        }
        if (relation.attribute(name) != null) {
            throw SqlException.of(SqlState.DUPLICATE_COLUMN, "column \"%s\" of relation \"%s\" already exists", name,
                    relation.name());
        }
    }

    private AttributeInfo column(String name) {
        AttributeInfo column = relation.attribute(name);
        if (column == null) {
            if (SYSTEM_COLUMNS.contains(name)) {
                throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED, "cannot alter system column \"%s\"", name);
            }
            throw SqlException.of(SqlState.UNDEFINED_COLUMN, "column \"%s\" of relation \"%s\" does not exist", name,
                    relation.name());
        }
        return column;
    }

    /**
     * ADD COLUMN on a table and, as PostgreSQL recurses ({@code ATExecAddColumn}), on each of its
     * inheritance children: a child that has the column already merges it (NOTICE, attinhcount
     * plus one; the types must agree), any other gets it as an inherited column.
     */
    private void addColumn(AlterTableAction.AddColumn add) {
        boolean existed = relation.attribute(add.column().name()) != null;
        addOwnColumn(add);
        if (existed) {
            return;
        }
        AttributeInfo added = relation.attribute(add.column().name());
        for (int childOid : context.catalog().inheritanceChildren(context.transaction(), relation.oid())) {
            RelationInfo child = context.catalog().relationByOid(context.transaction(), childOid);
            RelationLocks.lock(context.transaction(), child, LockMode.ACCESS_EXCLUSIVE);
            AttributeInfo existing = child.attribute(added.name());
            if (existing != null) {
                if (existing.typeOid() != added.typeOid() || existing.typeModifier() != added.typeModifier()) {
                    throw SqlException.of(SqlState.DATATYPE_MISMATCH,
                            "child table \"%s\" has different type for column \"%s\"", child.name(), added.name());
                }
                context.notices().notice(new SqlException(Severity.NOTICE, SqlState.SUCCESSFUL_COMPLETION,
                        "merging definition of column \"%s\" for child \"%s\"".formatted(added.name(), child.name()),
                        null, null, 0, null));
                context.catalog().setColumnInheritance(context.transaction(), child.oid(), existing.number(),
                        context.catalog().columnInheritCount(context.transaction(), child.oid(), existing.number()) + 1,
                        context.catalog().columnIsLocal(context.transaction(), child.oid(), existing.number()));
                continue;
            }
            AlterTableCommands onChild = new AlterTableCommands(context, executorContexts, child);
            onChild.addColumn(add);
            context.catalog().setColumnInheritance(context.transaction(), child.oid(),
                    onChild.relation.attribute(added.name()).number(), 1, false);
        }
        relation = context.catalog().relationByOid(context.transaction(), relation.oid());
    }

    private void addOwnColumn(AlterTableAction.AddColumn add) {
        ColumnDef definition = add.column();
        if (relation.attribute(definition.name()) != null && add.ifNotExists()) {
            context.notices().notice(new SqlException(Severity.NOTICE, SqlState.DUPLICATE_COLUMN,
                    "column \"%s\" of relation \"%s\" already exists, skipping".formatted(definition.name(),
                            relation.name()), null, null, 0, null));
            return;
        }
        checkNewColumnName(definition.name());
        ColumnSpec spec = columnSpec(definition);
        if (spec.defaultExpression() == null) {
            if (spec.notNull() && hasRows()) {
                throw containsNulls(definition.name());
            }
            relation = context.catalog().addColumn(context.transaction(), relation, spec, null);
            return;
        }
        RelationInfo before = relation;
        AttributeInfo attribute = new AttributeInfo((short) 0, spec.name(), spec.typeOid(), spec.typeModifier(),
                spec.notNull(), spec.defaultExpression());
        QueryExpr value = withoutPosition(() -> context.analyzer().analyzeDefault(
                org.woolly.parser.Parser.parseExpression(spec.defaultExpression()), attribute, context.transaction(),
                context.formatSettings()));
        ExecutorContext executor = executorContexts.get();
        CompiledExpression compiled = new ExpressionCompiler(executor).compile(value);
        boolean isVolatile = ExpressionWalker.contains(value,
                node -> node instanceof QueryExpr.FuncCall call && call.function().isVolatile()
                        || node instanceof QueryExpr.SubLink);
        if (!isVolatile) {
            Object constant = compiled.evaluate(null);
            if (constant == null && spec.notNull() && hasRows()) {
                throw containsNulls(definition.name());
            }
            String missing = constant == null ? null : MissingValues.write(constant, spec.typeOid());
            relation = context.catalog().addColumn(context.transaction(), relation, spec, missing);
            return;
        }
        // a volatile default gives every row its own value: PostgreSQL rewrites the table
        RelationInfo added = context.catalog().addColumn(context.transaction(), relation, spec, null);
        int width = before.attributes().size();
        relation = rewrite(before, added, (oldRow, newRow) -> {
            System.arraycopy(oldRow, 0, newRow, 0, width);
            newRow[width] = compiled.evaluate(oldRow);
            if (newRow[width] == null && spec.notNull()) {
                throw containsNulls(definition.name());
            }
        });
    }

    /** The column to add: its type resolved as CREATE TABLE does, its DEFAULT checked without a position. */
    private ColumnSpec columnSpec(ColumnDef definition) {
        List<ColumnConstraint> constraints = definition.constraints() == null ? List.of() : definition.constraints();
        ColumnSpec typed = TableCommands.column(context, new ColumnDef(definition.name(), definition.type(),
                constraints.stream().filter(constraint -> constraint.kind() != ColumnConstraint.Kind.DEFAULT).toList(),
                definition.location()));
        String defaultText = null;
        for (ColumnConstraint constraint : constraints) {
            if (constraint.kind() == ColumnConstraint.Kind.DEFAULT) {
                withoutPosition(() -> {
                    context.analyzer().validateDefault(constraint.expr(), typed.typeOid(), typed.typeModifier(),
                            definition.name(), context.transaction(), context.formatSettings());
                    return null;
                });
                defaultText = isNullConstant(constraint.expr()) ? null : SqlText.ofDefault(constraint.expr(),
                        typed.typeOid(), type -> context.types().formatType(type, -1));
            }
        }
        return new ColumnSpec(typed.name(), typed.typeOid(), typed.typeModifier(), typed.notNull(), defaultText);
    }

    private void dropColumn(AlterTableAction.DropColumn drop) {
        if (SYSTEM_COLUMNS.contains(drop.column())) {
            throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED, "cannot drop system column \"%s\"", drop.column());
        }
        AttributeInfo column = relation.attribute(drop.column());
        if (column == null) {
            if (drop.ifExists()) {
                context.notices().notice(new SqlException(Severity.NOTICE, SqlState.SUCCESSFUL_COMPLETION,
                        "column \"%s\" of relation \"%s\" does not exist, skipping".formatted(drop.column(),
                                relation.name()), null, null, 0, null));
                return;
            }
            throw SqlException.of(SqlState.UNDEFINED_COLUMN, "column \"%s\" of relation \"%s\" does not exist",
                    drop.column(), relation.name());
        }
        if (!recursing && context.catalog().columnInheritCount(context.transaction(), relation.oid(),
                column.number()) > 0) {
            throw SqlException.of(SqlState.INVALID_TABLE_DEFINITION, "cannot drop inherited column \"%s\"",
                    drop.column());
        }
        PartitionCommands.refuseKeyColumnChange(context, relation, column, "drop");
        ViewCommands.dropDependentViews(context, relation, column.number(), drop.cascade(), List.of());
        ConstraintCommands.dropDependents(context, relation, column.number(), drop.cascade());
        dropFromChildren(drop);
        relation = context.catalog().relationByOid(context.transaction(), relation.oid());
        relation = context.catalog().dropColumn(context.transaction(), relation, column.number());
    }

    /**
     * DROP COLUMN recursing to the children ({@code ATExecDropColumn}): a child's copy goes too
     * when it was inherited from this parent only and not defined by the child itself; otherwise
     * the child keeps it with one parent less.
     */
    private void dropFromChildren(AlterTableAction.DropColumn drop) {
        for (int childOid : context.catalog().inheritanceChildren(context.transaction(), relation.oid())) {
            RelationInfo child = context.catalog().relationByOid(context.transaction(), childOid);
            RelationLocks.lock(context.transaction(), child, LockMode.ACCESS_EXCLUSIVE);
            AttributeInfo column = child.attribute(drop.column());
            if (column == null) {
                continue;
            }
            int count = context.catalog().columnInheritCount(context.transaction(), childOid, column.number());
            boolean local = context.catalog().columnIsLocal(context.transaction(), childOid, column.number());
            if (count == 1 && !local) {
                AlterTableCommands onChild = new AlterTableCommands(context, executorContexts, child);
                onChild.recursing = true;
                onChild.dropColumn(drop);
            } else {
                context.catalog().setColumnInheritance(context.transaction(), childOid, column.number(),
                        Math.max(0, count - 1), local || count == 1);
            }
        }
    }

    private void columnDefault(AlterTableAction.ColumnDefault change) {
        AttributeInfo column = column(change.column());
        String text = null;
        if (change.expression() != null) {
            withoutPosition(() -> {
                context.analyzer().validateDefault(change.expression(), column.typeOid(), column.typeModifier(),
                        column.name(), context.transaction(), context.formatSettings());
                return null;
            });
            // a NULL default is no default: PostgreSQL makes no pg_attrdef entry (AddRelationNewConstraints)
            text = isNullConstant(change.expression()) ? null : SqlText.ofDefault(change.expression(),
                    column.typeOid(), type -> context.types().formatType(type, -1));
        }
        relation = context.catalog().setColumnDefault(context.transaction(), relation, column.number(), text);
        if (text != null) {
            recordSequenceDependency(column, change.expression());
        }
    }

    /**
     * A default of {@code nextval('s'::regclass)} depends on the sequence, as
     * {@code recordDependencyOnExpr} records it: pg_dump restores a serial column's default this
     * way, and finds the column's sequence again by that dependency.
     */
    private void recordSequenceDependency(AttributeInfo column, org.woolly.nodes.parse.Expr expression) {
        if (!(expression instanceof org.woolly.nodes.parse.Expr.FuncCall call)
                || !call.name().name().equals("nextval") || call.args().size() != 1
                || !(call.args().getFirst() instanceof org.woolly.nodes.parse.Expr.TypeCast cast)
                || !(cast.arg() instanceof org.woolly.nodes.parse.Expr.Constant name)
                || name.kind() != org.woolly.nodes.parse.Expr.Constant.Kind.STRING) {
            return;
        }
        List<String> parts;
        try {
            if (!(org.woolly.parser.Parser.parseExpression(name.value())
                    instanceof org.woolly.nodes.parse.Expr.ColumnRef reference)) {
                return;
            }
            parts = reference.fields();
        } catch (SqlException notAName) {
            return;
        }
        Optional<RelationInfo> sequence = context.catalog().lookupRelation(context.transaction(),
                parts.size() > 1 ? parts.get(parts.size() - 2) : null, parts.getLast());
        if (sequence.isEmpty() || sequence.get().kind() != 'S') {
            return;
        }
        RelationDependency dependency = new RelationDependency(relation.oid(), column.number(), sequence.get().oid(), 0,
                'n');
        if (!context.catalog().dependencies(context.transaction(), relation.oid(), false).contains(dependency)) {
            context.catalog().addDependency(context.transaction(), dependency);
        }
    }

    static boolean isNullConstant(org.woolly.nodes.parse.Expr expression) {
        return switch (expression) {
            case org.woolly.nodes.parse.Expr.Constant constant ->
                    constant.kind() == org.woolly.nodes.parse.Expr.Constant.Kind.NULL;
            case org.woolly.nodes.parse.Expr.TypeCast cast -> isNullConstant(cast.arg());
            default -> false;
        };
    }

    /** {@code ATExecAddIdentity}: a NOT NULL column without a default becomes an identity column. */
    private void addIdentity(AlterTableAction.AddIdentity add) {
        AttributeInfo column = column(add.column());
        if (!column.notNull()) {
            throw SqlException.of(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE,
                    "column \"%s\" of relation \"%s\" must be declared NOT NULL before identity can be added",
                    column.name(), relation.name());
        }
        if (column.identity() != '\0') {
            throw SqlException.of(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE,
                    "column \"%s\" of relation \"%s\" is already an identity column", column.name(), relation.name());
        }
        if (column.defaultExpression() != null) {
            throw SqlException.of(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE,
                    "column \"%s\" of relation \"%s\" already has a default value", column.name(), relation.name());
        }
        if (sequences == null) {
            throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "identity columns need a session");
        }
        SerialColumns.addIdentity(context, sequences, relation, column, add.identity());
        relation = context.catalog().relationByOid(context.transaction(), relation.oid());
    }

    private void columnNotNull(AlterTableAction.ColumnNotNull change) {
        AttributeInfo column = column(change.column());
        if (change.notNull() && !column.notNull()) {
            int index = relation.attributes().indexOf(column);
            forEachRow(relation, row -> {
                if (row[index] == null) {
                    throw containsNulls(column.name());
                }
            });
        }
        if (change.notNull() != column.notNull()) {
            relation = context.catalog().setColumnNotNull(context.transaction(), relation, column.number(),
                    change.notNull());
        }
    }

    private void alterColumnType(AlterTableAction.AlterColumnType change) {
        AttributeInfo column = column(change.column());
        PartitionCommands.refuseKeyColumnChange(context, relation, column, "alter");
        ViewCommands.refuseTypeChange(context, relation, column.number(), column.name());
        ColumnSpec spec = TableCommands.column(context,
                new ColumnDef(column.name(), change.type(), List.of(), change.type().location()));
        QueryExpr transform;
        try {
            transform = context.analyzer().analyzeColumnTransform(relation, column, change.using(), spec.typeOid(),
                    spec.typeModifier(), context.transaction(), context.formatSettings());
        } catch (SqlException error) {
            // PostgreSQL points at the USING clause's mistakes, not at a constant it could not convert
            throw error.sqlState() == SqlState.INVALID_TEXT_REPRESENTATION ? error.withPosition(0) : error;
        }
        checkDefaultCoercible(column, spec);
        CompiledExpression compiled = new ExpressionCompiler(executorContexts.get()).compile(transform);
        int index = relation.attributes().indexOf(column);
        RelationInfo before = relation;
        RelationInfo changed = context.catalog().changeColumnType(context.transaction(), relation, column.number(),
                spec.typeOid(), spec.typeModifier());
        if (!requiresRewrite(transform, column, index)) {
            relation = changed;
            return;
        }
        relation = rewrite(before, changed, (oldRow, newRow) -> {
            System.arraycopy(oldRow, 0, newRow, 0, oldRow.length);
            newRow[index] = compiled.evaluate(oldRow);
            if (newRow[index] == null && column.notNull()) {
                throw containsNulls(column.name());
            }
        });
    }

    /**
     * Whether the stored values must be converted ({@code ATColumnChangeRequiresRewrite}): not
     * when they already are values of the new type, because it is the same type or a
     * binary-compatible one (varchar to text) and any new length limit cannot cut them (no
     * limit, or a varchar limit no shorter than before).
     */
    private static boolean requiresRewrite(QueryExpr transform, AttributeInfo column, int position) {
        if (transform instanceof QueryExpr.Var var) {
            return var.position() != position;
        }
        if (!(transform instanceof QueryExpr.Cast cast) || !(cast.arg() instanceof QueryExpr.Var var)
                || var.position() != position || !binaryCompatible(var.type(), cast.type())) {
            return true;
        }
        if (cast.typmod() < 0) {
            return cast.type() == org.woolly.utils.adt.TypeOids.BPCHAR;
        }
        return cast.type() != org.woolly.utils.adt.TypeOids.VARCHAR || column.typeModifier() < 0
                || cast.typmod() < column.typeModifier();
    }

    /** pg_cast's castmethod 'b' among the types whose values Woolly holds alike (text and varchar are Strings). */
    private static boolean binaryCompatible(int source, int target) {
        java.util.Set<Integer> strings = java.util.Set.of(org.woolly.utils.adt.TypeOids.TEXT,
                org.woolly.utils.adt.TypeOids.VARCHAR);
        return source == target || strings.contains(source) && strings.contains(target);
    }

    /** The column's DEFAULT must coerce to the new type ({@code ATPrepAlterColumnType}). */
    private void checkDefaultCoercible(AttributeInfo column, ColumnSpec spec) {
        if (column.defaultExpression() == null) {
            return;
        }
        try {
            context.analyzer().validateDefault(org.woolly.parser.Parser.parseExpression(column.defaultExpression()),
                    spec.typeOid(), spec.typeModifier(), column.name(), context.transaction(), context.formatSettings());
        } catch (SqlException error) {
            if (error.sqlState() == SqlState.DATATYPE_MISMATCH) {
                throw SqlException.of(SqlState.DATATYPE_MISMATCH,
                        "default for column \"%s\" cannot be cast automatically to type %s", column.name(),
                        context.types().formatType(spec.typeOid(), -1));
            }
            // PostgreSQL only coerces the default here; a value the new type cannot hold fails when used
        }
    }

    private void ownerTo(AlterTableAction.OwnerTo owner) {
        String roleName = owner.special() ? executorContexts.get().currentUser() : owner.role();
        OptionalInt roleOid = context.catalog().roleOid(roleName);
        if (roleOid.isEmpty()) {
            throw SqlException.of(SqlState.UNDEFINED_OBJECT, "role \"%s\" does not exist", roleName);
        }
        if (context.catalog().relationOwner(context.transaction(), relation) != roleOid.getAsInt()) {
            relation = context.catalog().setRelationOwner(context.transaction(), relation, roleOid.getAsInt());
        }
    }

    /** How one stored row of the old layout becomes a row of the new one. */
    @FunctionalInterface
    private interface RowTransform {
        void apply(Object[] oldRow, Object[] newRow);
    }

    /**
     * Copies every row of {@code before} (read in its layout) into a new relfilenode of
     * {@code after}, transformed: the heap inserts are WAL-logged, the new file is removed if
     * the transaction aborts and replaces the old one when it commits ({@code ATRewriteTable}).
     */
    private RelationInfo rewrite(RelationInfo before, RelationInfo after, RowTransform transform) {
        RelationInfo target = context.catalog().rewriteRelation(context.transaction(), after);
        ExecutorContext executor = executorContexts.get();
        int width = target.attributes().size();
        forEachRow(before, oldRow -> {
            Object[] newRow = new Object[width];
            transform.apply(oldRow, newRow);
            executor.heap().insert(target.locator(), target.encode(newRow, context.transaction()), context.transaction(),
                    target.options().fillFactor());
        });
        return IndexCommands.rebuildAll(context, target);
    }

    /** Visits every row of the relation, as a snapshot taken now (after the lock) sees them. */
    private void forEachRow(RelationInfo source, java.util.function.Consumer<Object[]> visitor) {
        ExecutorContext executor = executorContexts.get();
        Snapshot snapshot = context.transaction().takeSnapshot();
        int count = 0;
        try (HeapScan scan = executor.heap().beginScan(source.locator(), snapshot)) {
            for (HeapTuple tuple = scan.next(); tuple != null; tuple = scan.next()) {
                if (++count % 1024 == 0) {
                    executor.checkForInterrupts();
                }
                visitor.accept(source.decode(tuple.body()));
            }
        }
    }

    private boolean hasRows() {
        boolean[] any = {false};
        ExecutorContext executor = executorContexts.get();
        try (HeapScan scan = executor.heap().beginScan(relation.locator(), context.transaction().takeSnapshot())) {
            any[0] = scan.next() != null;
        }
        return any[0];
    }

    /**
     * PostgreSQL analyzes ALTER TABLE's DEFAULT expressions without the statement's text
     * ({@code cookDefault} from {@code AddRelationNewConstraints}), so their errors carry no position.
     */
    private static <T> T withoutPosition(Supplier<T> analysis) {
        try {
            return analysis.get();
        } catch (SqlException error) {
            throw error.withPosition(0);
        }
    }

    private SqlException containsNulls(String column) {
        return SqlException.of(SqlState.NOT_NULL_VIOLATION, "column \"%s\" of relation \"%s\" contains null values",
                column, relation.name());
    }
}
