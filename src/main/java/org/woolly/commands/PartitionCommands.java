package org.woolly.commands;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.woolly.access.heap.HeapAccess;
import org.woolly.access.heap.HeapScan;
import org.woolly.access.heap.HeapTuple;
import org.woolly.analyzer.PartitionScheme;
import org.woolly.catalog.AttributeInfo;
import org.woolly.catalog.PartitionBound;
import org.woolly.catalog.PartitionKey;
import org.woolly.catalog.RelationInfo;
import org.woolly.executor.ExecutorContext;
import org.woolly.executor.ExpressionCompiler;
import org.woolly.nodes.parse.Expr;
import org.woolly.nodes.parse.PartitionBoundSpec;
import org.woolly.nodes.parse.PartitionSpec;
import org.woolly.nodes.parse.QualifiedName;
import org.woolly.nodes.query.QueryExpr;
import org.woolly.storage.lmgr.LockMode;
import org.woolly.utils.adt.ExtendedHash;
import org.woolly.utils.adt.PgType;
import org.woolly.utils.adt.TypeOids;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * Declarative partitioning's DDL ({@code tablecmds.c}, {@code partbounds.c}): PARTITION BY
 * stores a table's key ({@code ComputePartitionAttrs}, {@code StorePartitionKey}); PARTITION OF
 * and ATTACH PARTITION turn a bound into typed values ({@code transformPartitionBound}), refuse
 * one that is empty or overlaps a sibling ({@code check_new_partition_bound}), check an attached
 * table's rows against it, and store it; DETACH PARTITION removes it.
 */
final class PartitionCommands {
    private PartitionCommands() {
    }

    /** Makes the newly created {@code table} partitioned by {@code spec}. */
    static RelationInfo partitionBy(CommandContext context, RelationInfo table, PartitionSpec spec) {
        if (spec.strategy() == PartitionSpec.Strategy.LIST && spec.elements().size() > 1) {
            throw SqlException.of(SqlState.INVALID_OBJECT_DEFINITION,
                    "cannot use \"list\" partition strategy with more than one column");
        }
        List<Integer> columns = new ArrayList<>();
        List<String> expressions = new ArrayList<>();
        for (PartitionSpec.Element element : spec.elements()) {
            int typeOid;
            if (element.column() == null) {
                QueryExpr analyzed = keyExpression(context, table, element.expression(), columns.size() + 1);
                typeOid = analyzed.type();
                if (context.types().type(typeOid) == null) {
                    throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED,
                            "partition keys of a composite type are not supported yet");
                }
                if (analyzed instanceof QueryExpr.Var var) {
                    // a parenthesized column is the column (ComputePartitionAttrs)
                    columns.add((int) table.attributes().get(var.position()).number());
                } else {
                    columns.add(0);
                    expressions.add(SqlText.of(element.expression()));
                }
            } else {
                if (AlterTableCommands.SYSTEM_COLUMNS.contains(element.column())) {
                    throw TableCommands.at(SqlException.of(SqlState.INVALID_OBJECT_DEFINITION,
                            "cannot use system column \"%s\" in partition key", element.column()), element.location());
                }
                AttributeInfo attribute = table.attribute(element.column());
                if (attribute == null) {
                    throw TableCommands.at(SqlException.of(SqlState.UNDEFINED_COLUMN,
                            "column \"%s\" named in partition key does not exist", element.column()),
                            element.location());
                }
                typeOid = attribute.typeOid();
                columns.add((int) attribute.number());
            }
            if (spec.strategy() == PartitionSpec.Strategy.HASH && !ExtendedHash.supports(typeOid)) {
                throw SqlException.of(SqlState.UNDEFINED_OBJECT,
                        "data type %s has no default operator class for access method \"hash\"",
                        context.types().formatType(typeOid, -1))
                        .withHint("You must specify a hash operator class or define a default hash operator class "
                                + "for the data type.");
            }
        }
        context.catalog().storePartitionKey(context.transaction(), table.oid(),
                new PartitionKey(spec.strategy().code, List.copyOf(columns), 0, List.copyOf(expressions)));
        return context.catalog().relationByOid(context.transaction(), table.oid());
    }

    /**
     * Refuses to drop or retype ({@code verb}) a column of {@code table}'s partition key, named
     * or read by a key expression ({@code ATExecDropColumn}, {@code ATPrepAlterColumnType}).
     */
    static void refuseKeyColumnChange(CommandContext context, RelationInfo table, AttributeInfo column, String verb) {
        if (table.kind() != 'p') {
            return;
        }
        PartitionScheme scheme = PartitionScheme.of(context.catalog(), context.transaction(), context.types(), table)
                .orElse(null);
        if (scheme == null) {
            return;
        }
        int position = table.position(column.number());
        for (int i = 0; i < scheme.key().columns().size(); i++) {
            if (scheme.key().columns().get(i) == column.number() || scheme.keyIsExpression(i)
                    && org.woolly.nodes.query.ExpressionWalker.contains(scheme.keyExpression(i),
                    node -> node instanceof QueryExpr.Var var && var.position() == position)) {
                throw SqlException.of(SqlState.INVALID_TABLE_DEFINITION,
                        "cannot %s column \"%s\" because it is part of the partition key of relation \"%s\"", verb,
                        column.name(), table.name());
            }
        }
    }

    /**
     * A key expression analyzed over the table's row; its errors carry no position, as
     * PostgreSQL's from {@code ComputePartitionAttrs} do not. System columns are not readable
     * anywhere here yet, so a reference to one is refused with the error PostgreSQL gives for it.
     */
    private static QueryExpr keyExpression(CommandContext context, RelationInfo table, Expr expression,
                                           int keyNumber) {
        try {
            return context.analyzer().analyzePartitionKeyExpression(table, expression, keyNumber,
                    context.transaction(), context.formatSettings());
        } catch (SqlException error) {
            boolean systemColumn = error.sqlState() == SqlState.UNDEFINED_COLUMN && AlterTableCommands.SYSTEM_COLUMNS.stream()
                    .anyMatch(name -> error.getMessage().equals("column \"%s\" does not exist".formatted(name)));
            throw systemColumn ? SqlException.of(SqlState.INVALID_OBJECT_DEFINITION,
                    "partition key expressions cannot contain system column references") : error.withPosition(0);
        }
    }

    /**
     * Gives {@code child}, already an inheritance child of {@code parent}, its bound; with
     * {@code validate} (ATTACH) its existing rows must all fall inside it.
     */
    static void storeBound(CommandContext context, RelationInfo parent, RelationInfo child, PartitionBoundSpec spec,
                           boolean validate) {
        PartitionScheme scheme = PartitionScheme.of(context.catalog(), context.transaction(), context.types(), parent)
                .orElseThrow(() -> SqlException.of(SqlState.WRONG_OBJECT_TYPE, validate
                        ? "table \"%s\" is not partitioned" : "\"%s\" is not partitioned", parent.name()));
        if (scheme.hasExpressions()) {
            ExecutorContext executor = evaluationContext(context);
            scheme.evaluateExpressionsWith(expression -> new ExpressionCompiler(executor).compile(expression)::evaluate);
        }
        PartitionBound bound = transform(context, scheme, child, spec);
        PartitionScheme.Member candidate = scheme.member(child, bound);
        if (bound.kind() == PartitionBound.Kind.RANGE && scheme.emptyRange(candidate)) {
            throw TableCommands.at(SqlException.of(SqlState.INVALID_OBJECT_DEFINITION,
                    "empty range bound specified for partition \"%s\"", child.name())
                    .withDetail("Specified lower bound %s is greater than or equal to upper bound %s.".formatted(
                            rangeText(bound.lower()), rangeText(bound.upper()))), rangeLocation(spec));
        }
        if (bound.kind() == PartitionBound.Kind.HASH) {
            scheme.checkModulus(candidate);
        }
        PartitionScheme.Member overlapped = scheme.overlapping(candidate);
        if (overlapped != null) {
            String message = bound.kind() == PartitionBound.Kind.DEFAULT
                    ? "partition \"%s\" conflicts with existing default partition \"%s\""
                    : "partition \"%s\" would overlap partition \"%s\"";
            int location = switch (spec.kind()) {
                case LIST -> overlapLocation(scheme, spec, overlapped, bound);
                case RANGE -> scheme.startsInside(candidate, overlapped) ? rangeLocation(spec)
                        : leftmost(spec.upper().getFirst());
                default -> spec.location();
            };
            throw TableCommands.at(SqlException.of(SqlState.INVALID_OBJECT_DEFINITION, message, child.name(),
                    overlapped.relation().name()), location);
        }
        if (validate) {
            checkRows(context, child, row -> scheme.contains(candidate, asParentRow(parent, child, row)),
                    "partition constraint of relation \"%s\" is violated by some row".formatted(child.name()));
        }
        PartitionScheme.Member existingDefault = scheme.defaultPartition();
        if (existingDefault != null && bound.kind() != PartitionBound.Kind.DEFAULT) {
            RelationInfo fallback = existingDefault.relation();
            checkRows(context, fallback, row -> !scheme.contains(candidate, asParentRow(parent, fallback, row)),
                    "updated partition constraint for default partition \"%s\" would be violated by some row"
                            .formatted(fallback.name()));
        }
        context.catalog().storePartitionBound(context.transaction(), child.oid(), parent.oid(), bound.text(),
                bound.kind() == PartitionBound.Kind.DEFAULT);
    }

    /** ALTER TABLE parent ATTACH PARTITION child bound ({@code ATExecAttachPartition}). */
    static RelationInfo attach(CommandContext context, RelationInfo parent, QualifiedName name,
                               PartitionBoundSpec spec) {
        RelationInfo child = context.catalog().openRelation(context.transaction(), name.schema(), name.name(),
                LockMode.ACCESS_EXCLUSIVE).orElseThrow(() -> SqlException.of(SqlState.UNDEFINED_TABLE,
                "relation \"%s\" does not exist", name.name()));
        if (parent.kind() != 'p') {
            throw SqlException.of(SqlState.WRONG_OBJECT_TYPE, "table \"%s\" is not partitioned", parent.name());
        }
        if (context.catalog().partitionBound(context.transaction(), child.oid()) != null) {
            throw SqlException.of(SqlState.OBJECT_IN_USE, "\"%s\" is already a partition", child.name());
        }
        if (!context.catalog().inheritanceParents(context.transaction(), child.oid()).isEmpty()) {
            throw SqlException.of(SqlState.WRONG_OBJECT_TYPE,
                    "cannot attach inheritance child as partition");
        }
        for (AttributeInfo column : child.attributes()) {
            if (parent.attribute(column.name()) == null) {
                throw SqlException.of(SqlState.DATATYPE_MISMATCH,
                        "table \"%s\" contains column \"%s\" not found in parent \"%s\"", child.name(), column.name(),
                        parent.name()).withDetail("The new partition may contain only the columns present in parent.");
            }
        }
        InheritanceCommands.changeParent(context, child, parent, false);
        child = context.catalog().relationByOid(context.transaction(), child.oid());
        storeBound(context, parent, child, spec, true);
        PartitionedIndexes.cloneInto(context, parent, child);
        return context.catalog().relationByOid(context.transaction(), parent.oid());
    }

    /** ALTER TABLE parent DETACH PARTITION child ({@code ATExecDetachPartition}). */
    static RelationInfo detach(CommandContext context, RelationInfo parent, QualifiedName name) {
        RelationInfo child = context.catalog().openRelation(context.transaction(), name.schema(), name.name(),
                LockMode.ACCESS_EXCLUSIVE).orElseThrow(() -> SqlException.of(SqlState.UNDEFINED_TABLE,
                "relation \"%s\" does not exist", name.name()));
        if (parent.kind() != 'p') {
            throw SqlException.of(SqlState.WRONG_OBJECT_TYPE, "table \"%s\" is not partitioned", parent.name());
        }
        String bound = context.catalog().partitionBound(context.transaction(), child.oid());
        if (bound == null || !context.catalog().inheritanceParents(context.transaction(), child.oid())
                .contains(parent.oid())) {
            throw SqlException.of(SqlState.UNDEFINED_TABLE, "relation \"%s\" is not a partition of relation \"%s\"",
                    child.name(), parent.name());
        }
        PartitionedIndexes.detach(context, parent, child);
        InheritanceCommands.changeParent(context, child, parent, true);
        context.catalog().storePartitionBound(context.transaction(), child.oid(), parent.oid(), null,
                PartitionBound.parse(bound).kind() == PartitionBound.Kind.DEFAULT);
        return context.catalog().relationByOid(context.transaction(), parent.oid());
    }

    /** A range's errors point at its first lower bound value, as PostgreSQL's do. */
    private static int rangeLocation(PartitionBoundSpec spec) {
        return leftmost(spec.lower().getFirst());
    }

    /** Where the first list value that the overlapped partition also holds was written. */
    private static int overlapLocation(PartitionScheme scheme, PartitionBoundSpec spec,
                                       PartitionScheme.Member overlapped, PartitionBound bound) {
        for (int i = 0; i < bound.listValues().size() && i < spec.listValues().size(); i++) {
            PartitionBound single = new PartitionBound(PartitionBound.Kind.LIST, List.of(bound.listValues().get(i)),
                    List.of(), List.of(), 0, 0);
            if (scheme.overlapping(scheme.member(overlapped.relation(), single), overlapped) != null) {
                return leftmost(spec.listValues().get(i));
            }
        }
        return spec.location();
    }

    private static Object[] asParentRow(RelationInfo parent, RelationInfo child, Object[] childRow) {
        Object[] row = new Object[parent.attributes().size()];
        for (int i = 0; i < row.length; i++) {
            int position = child.position(child.attribute(parent.attributes().get(i).name()).number());
            row[i] = childRow[position];
        }
        return row;
    }

    private static void checkRows(CommandContext context, RelationInfo table,
                                  java.util.function.Predicate<Object[]> holds, String message) {
        HeapAccess heap = HeapAccess.of(context.storage());
        HeapScan scan = heap.beginScan(table.locator(), context.transaction().takeSnapshot());
        try {
            HeapTuple tuple;
            while ((tuple = scan.next()) != null) {
                if (!holds.test(table.decode(tuple.body()))) {
                    throw SqlException.of(SqlState.CHECK_VIOLATION, message);
                }
            }
        } finally {
            scan.close();
        }
    }

    private static String rangeText(List<PartitionBound.Datum> values) {
        String text = new PartitionBound(PartitionBound.Kind.LIST, values, List.of(), List.of(), 0, 0).text();
        return text.substring("FOR VALUES IN ".length());
    }

    /** The bound's values as the key columns' types ({@code transformPartitionBound}). */
    private static PartitionBound transform(CommandContext context, PartitionScheme scheme, RelationInfo child,
                                            PartitionBoundSpec spec) {
        char strategy = scheme.key().strategy();
        PartitionBoundSpec.Kind expected = switch (strategy) {
            case 'l' -> PartitionBoundSpec.Kind.LIST;
            case 'r' -> PartitionBoundSpec.Kind.RANGE;
            default -> PartitionBoundSpec.Kind.HASH;
        };
        if (spec.kind() == PartitionBoundSpec.Kind.DEFAULT) {
            if (strategy == 'h') {
                throw SqlException.of(SqlState.INVALID_TABLE_DEFINITION,
                        "a hash-partitioned table may not have a default partition");
            }
            return PartitionBound.ofDefault();
        }
        if (spec.kind() != expected) {
            throw TableCommands.at(SqlException.of(SqlState.INVALID_TABLE_DEFINITION,
                    "invalid bound specification for a %s partition", scheme.key().strategyName()
                            .toLowerCase(Locale.ROOT)), spec.location());
        }
        if (spec.kind() == PartitionBoundSpec.Kind.HASH) {
            if (spec.modulus() <= 0) {
                throw SqlException.of(SqlState.INVALID_TABLE_DEFINITION,
                        "modulus for hash partition must be an integer value greater than zero");
            }
            if (spec.remainder() >= spec.modulus()) {
                throw SqlException.of(SqlState.INVALID_TABLE_DEFINITION,
                        "remainder for hash partition must be less than modulus");
            }
            return new PartitionBound(PartitionBound.Kind.HASH, List.of(), List.of(), List.of(), spec.modulus(),
                    spec.remainder());
        }
        int keyCount = scheme.key().columns().size();
        if (spec.kind() == PartitionBoundSpec.Kind.LIST) {
            List<PartitionBound.Datum> values = new ArrayList<>();
            for (Expr value : spec.listValues()) {
                PartitionBound.Datum datum = datum(context, scheme, 0, value, false);
                if (!values.contains(datum)) {
                    values.add(datum);
                }
            }
            return new PartitionBound(PartitionBound.Kind.LIST, List.copyOf(values), List.of(), List.of(), 0, 0);
        }
        if (spec.lower().size() != keyCount || spec.upper().size() != keyCount) {
            throw SqlException.of(SqlState.INVALID_TABLE_DEFINITION,
                    "%s must specify exactly one value per partitioning column",
                    spec.lower().size() != keyCount ? "FROM" : "TO");
        }
        List<PartitionBound.Datum> lower = new ArrayList<>();
        List<PartitionBound.Datum> upper = new ArrayList<>();
        for (int i = 0; i < keyCount; i++) {
            lower.add(datum(context, scheme, i, spec.lower().get(i), true));
            upper.add(datum(context, scheme, i, spec.upper().get(i), true));
        }
        return new PartitionBound(PartitionBound.Kind.RANGE, List.of(), List.copyOf(lower), List.copyOf(upper), 0, 0);
    }

    /**
     * One bound value: MINVALUE/MAXVALUE in a range, else an expression without column references
     * evaluated once now as the key column's type ({@code transformPartitionBoundValue}), printed as
     * {@code get_const_expr} would.
     */
    private static PartitionBound.Datum datum(CommandContext context, PartitionScheme scheme, int column, Expr value,
                                              boolean range) {
        if (range && value instanceof Expr.ColumnRef ref && ref.fields().size() == 1) {
            String word = ref.fields().getFirst();
            if (word.equals("minvalue")) {
                return PartitionBound.Datum.MINVALUE;
            }
            if (word.equals("maxvalue")) {
                return PartitionBound.Datum.MAXVALUE;
            }
        }
        int typeOid = scheme.keyType(column);
        QueryExpr analyzed = context.analyzer().analyzePartitionBound(value, leftmost(value), typeOid,
                scheme.keyTypeModifier(column), scheme.keyColumnName(column), context.transaction(),
                context.formatSettings());
        // evaluated once, here, as evaluate_expr does: its errors (division by zero) carry no position
        Object evaluated = new ExpressionCompiler(evaluationContext(context)).compile(analyzed).evaluate(null);
        if (evaluated == null) {
            if (range) {
                throw SqlException.of(SqlState.INVALID_OBJECT_DEFINITION, "cannot specify NULL in range bound");
            }
            return PartitionBound.Datum.NULL;
        }
        PgType type = context.types().type(typeOid);
        String output = type.io().output(evaluated, context.formatSettings());
        return switch (typeOid) {
            case TypeOids.INT4 -> new PartitionBound.Datum(output, output.startsWith("-"), 0);
            case TypeOids.BOOL -> new PartitionBound.Datum(output.equals("t") ? "true" : "false", false, 0);
            default -> new PartitionBound.Datum(output, true, 0);
        };
    }

    /** Where an expression begins as PostgreSQL's {@code exprLocation} reports it: a cast or operator at its left operand. */
    private static int leftmost(Expr value) {
        return switch (value) {
            case Expr.TypeCast cast -> Math.min(cast.location(), leftmost(cast.arg()));
            case Expr.Operator operator when operator.left() != null ->
                    Math.min(operator.location(), leftmost(operator.left()));
            case Expr.Collate collate -> Math.min(collate.location(), leftmost(collate.arg()));
            default -> value.location();
        };
    }

    /** An executor over this command's transaction, for bound values ({@code evaluate_expr}). */
    private static ExecutorContext evaluationContext(CommandContext context) {
        var info = new ExecutorContext.SessionInfo(null, null, null, () -> null, 0, context.formatSettings(), 0);
        return new ExecutorContext(context.types(), HeapAccess.of(context.storage()), context.transaction(),
                context.transaction().takeSnapshot(), null, info, null, 0);
    }
}
