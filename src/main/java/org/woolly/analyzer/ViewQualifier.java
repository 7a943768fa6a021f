package org.woolly.analyzer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.woolly.catalog.AttributeInfo;
import org.woolly.catalog.CatalogAccess;
import org.woolly.catalog.RelationInfo;
import org.woolly.access.transam.Transaction;
import org.woolly.nodes.parse.CommonTableExpr;
import org.woolly.nodes.parse.Expr;
import org.woolly.nodes.parse.FromItem;
import org.woolly.nodes.parse.QualifiedName;
import org.woolly.nodes.parse.ResTarget;
import org.woolly.nodes.parse.SelectStmt;
import org.woolly.nodes.parse.SortBy;
import org.woolly.nodes.parse.Statement;
import org.woolly.nodes.parse.TypeName;

/**
 * Rewrites a view's query, already checked by the analyzer, into the form Woolly stores in its
 * {@code _RETURN} rule: what PostgreSQL keeps by OID is kept by full name here, so the text means
 * the same whatever the search_path later. Relations get their schema, every column reference
 * its range entry ({@code t.a}), {@code *} becomes the columns it stood for, GROUP BY and ORDER BY
 * ordinals and output names become the expressions, every output column gets its name, and a
 * string literal compared with a column gets the column's type, as the analyzed query would show
 * them. Also collects the relations and columns the query reads, for pg_depend.
 */
public final class ViewQualifier {

    /** A relation column the view reads (column 0: the relation as a whole). */
    public record Reference(int relationOid, int column) {}

    /** The stored form of the query and what it depends on. */
    public record Result(SelectStmt query, List<Reference> references) {}

    /**
     * A rename about to happen (ALTER ... RENAME): relation {@code relationOid}, or its column
     * {@code column} when not 0, is printed as {@code newName} while still found by its old name.
     */
    public record Rename(int relationOid, int column, String newName) {}

    /**
     * {@code name} is how the query refers to the column, {@code shown} how it is printed;
     * {@code merged}: the right-hand copy of a JOIN USING column, which {@code *} does not list.
     */
    private record Column(String name, String shown, String typeName, int relationOid, int number, boolean merged) {
        Column(String name, String typeName, int relationOid, int number) {
            this(name, name, typeName, relationOid, number, false);
        }

        Column(String name, String shown, String typeName, int relationOid, int number) {
            this(name, shown, typeName, relationOid, number, false);
        }
    }

    private record Entry(String name, String shown, List<Column> columns) {
        Entry(String name, List<Column> columns) {
            this(name, name, columns);
        }
    }

    private record Scope(Scope parent, List<Entry> entries, Map<String, List<String>> ctes) {
        Scope child() {
            return new Scope(this, new ArrayList<>(), new HashMap<>());
        }

        List<String> cte(String name) {
            for (Scope scope = this; scope != null; scope = scope.parent) {
                if (scope.ctes.containsKey(name)) {
                    return scope.ctes.get(name);
                }
            }
            return null;
        }
    }

    /** The output names a sublink's query is given: none, and not even the default ones show. */
    private static final List<String> HIDDEN_NAMES = java.util.Collections.unmodifiableList(new ArrayList<>());

    private final CatalogAccess catalog;
    private final Transaction transaction;
    private final Set<Reference> references = new LinkedHashSet<>();
    private final Rename rename;

    private ViewQualifier(CatalogAccess catalog, Transaction transaction, Rename rename) {
        this.catalog = catalog;
        this.transaction = transaction;
        this.rename = rename;
    }

    /** {@code columnNames}: the view's column names, one per output column of the query. */
    public static Result qualify(CatalogAccess catalog, Transaction transaction, SelectStmt query,
                                 List<String> columnNames) {
        return qualify(catalog, transaction, query, columnNames, null);
    }

    /** The same, for a stored query whose relation or column {@code rename} renames. */
    public static Result qualify(CatalogAccess catalog, Transaction transaction, SelectStmt query,
                                 List<String> columnNames, Rename rename) {
        ViewQualifier qualifier = new ViewQualifier(catalog, transaction, rename);
        SelectStmt stored = qualifier.select(query, new Scope(null, new ArrayList<>(), new HashMap<>()), columnNames);
        return new Result(stored, List.copyOf(qualifier.references));
    }

    private SelectStmt select(SelectStmt select, Scope outer, List<String> names) {
        Scope scope = outer.child();
        List<CommonTableExpr> with = new ArrayList<>();
        for (CommonTableExpr cte : select.with()) {
            if (cte.query() instanceof Statement.Select cteSelect) {
                if (cte.recursive()) {
                    // WITH RECURSIVE: the query's own name is in scope in its body (its self-reference
                    // must not resolve to a table of that name)
                    scope.ctes.put(cte.name(), cte.columns() != null ? cte.columns() : List.of());
                }
                SelectStmt resolved = select(cteSelect.query(), scope, null);
                with.add(new CommonTableExpr(cte.name(), cte.columns(), new Statement.Select(resolved),
                        cte.materialized(), cte.recursive(), cte.location()));
                scope.ctes.put(cte.name(), cte.columns() != null && !cte.columns().isEmpty() ? cte.columns()
                        : outputNames(resolved));
            } else {
                with.add(cte);
            }
        }
        if (select.op() != null) {
            SelectStmt left = select(select.left(), scope, names);
            SelectStmt right = select(select.right(), scope, names);
            return new SelectStmt(List.of(), false, null, List.of(), null, List.of(), null, null, select.op(),
                    select.all(), left, right, select.orderBy(), select.limit(), select.offset(),
                    select.forLocking(), with, select.location(), select.windows(), select.limitWithTies());
        }
        if (select.values() != null) {
            return select;
        }
        List<FromItem> from = new ArrayList<>();
        for (FromItem item : select.from() == null ? List.<FromItem>of() : select.from()) {
            from.add(fromItem(item, scope));
        }
        List<ResTarget> targets = new ArrayList<>();
        for (ResTarget target : select.targets()) {
            if (target.value() instanceof Expr.ColumnRef ref && ref.fields().getLast().equals("*")) {
                for (Entry entry : scope.entries) {
                    if (ref.fields().size() == 1 || entry.name.equals(ref.fields().get(ref.fields().size() - 2))) {
                        for (Column column : entry.columns) {
                            if (column.merged && ref.fields().size() == 1) {
                                continue;
                            }
                            note(column);
                            targets.add(new ResTarget(new Expr.ColumnRef(List.of(entry.shown, column.shown), -1),
                                    column.shown, -1));
                        }
                    }
                }
                continue;
            }
            String name = target.name() != null ? target.name() : OutputNames.of(target.value());
            if (names == HIDDEN_NAMES && name.equals(OutputNames.UNNAMED)) {
                // a sublink's column names are not visible: PostgreSQL leaves FigureColname's fallback out
                name = null;
            }
            targets.add(new ResTarget(expression(target.value(), scope), name, target.location()));
        }
        if (names != null && names != HIDDEN_NAMES) {
            for (int i = 0; i < targets.size() && i < names.size(); i++) {
                targets.set(i, new ResTarget(targets.get(i).value(), names.get(i), targets.get(i).location()));
            }
        }
        List<Expr> groupBy = new ArrayList<>();
        for (Expr group : select.groupBy() == null ? List.<Expr>of() : select.groupBy()) {
            groupBy.add(outputReference(group, select.targets(), targets, scope, false));
        }
        List<SortBy> orderBy = new ArrayList<>();
        for (SortBy sort : select.orderBy() == null ? List.<SortBy>of() : select.orderBy()) {
            orderBy.add(new SortBy(outputReference(sort.expr(), select.targets(), targets, scope, true),
                    sort.descending(), sort.nullsFirst(), sort.location()));
        }
        return new SelectStmt(targets, select.distinct(), list(select.distinctOn(), scope), from,
                expression(select.where(), scope), groupBy, expression(select.having(), scope), null, null, false,
                null, null, orderBy, expression(select.limit(), scope), expression(select.offset(), scope),
                select.forLocking(), with, select.location(), select.windows(), select.limitWithTies());
    }

    /** GROUP BY / ORDER BY 2 or an output name: the target's expression ({@code findTargetlistEntrySQL92}). */
    private Expr outputReference(Expr expr, List<ResTarget> written, List<ResTarget> targets, Scope scope,
                                 boolean namesFirst) {
        if (expr instanceof Expr.Constant constant && constant.kind() == Expr.Constant.Kind.INTEGER) {
            int position = Integer.parseInt(constant.value());
            if (position >= 1 && position <= targets.size()) {
                return targets.get(position - 1).value();
            }
        }
        if (expr instanceof Expr.ColumnRef ref && ref.fields().size() == 1
                && (namesFirst || find(scope, ref.fields().getFirst()) == null)) {
            for (int i = 0; i < written.size() && i < targets.size(); i++) {
                if (ref.fields().getFirst().equals(written.get(i).name())) {
                    return targets.get(i).value();
                }
            }
        }
        return expression(expr, scope);
    }

    private static List<String> outputNames(SelectStmt select) {
        SelectStmt first = select;
        while (first.op() != null) {
            first = first.left();
        }
        return first.targets().stream().map(ResTarget::name).toList();
    }

    private FromItem fromItem(FromItem item, Scope scope) {
        return switch (item) {
            case FromItem.Table table -> table(table, scope);
            case FromItem.Subquery subquery -> {
                SelectStmt resolved = select(subquery.query(), subquery.lateral() ? scope : scope.parent, null);
                List<String> names = new ArrayList<>(outputNames(resolved));
                rename(names, subquery.alias());
                scope.entries.add(new Entry(subquery.alias().name(), names.stream()
                        .map(name -> new Column(name, null, 0, 0)).toList()));
                yield new FromItem.Subquery(resolved, subquery.alias(), subquery.lateral(), subquery.location());
            }
            case FromItem.Function function -> {
                String name = function.alias() != null ? function.alias().name() : function.call().name().name();
                List<String> names = new ArrayList<>(RecordFunctions.columnNames(function));
                rename(names, function.alias());
                scope.entries.add(new Entry(name, names.stream().map(n -> new Column(n, null, 0, 0)).toList()));
                yield new FromItem.Function((Expr.FuncCall) expression(function.call(), scope), function.ordinality(),
                        function.alias(), function.columnDefinitions(), function.location());
            }
            case FromItem.Join join -> {
                int leftStart = scope.entries.size();
                FromItem left = fromItem(join.left(), scope);
                int rightStart = scope.entries.size();
                FromItem right = fromItem(join.right(), scope);
                mergeUsingColumns(scope, join, leftStart, rightStart);
                Expr on = expression(join.on(), scope);
                if (join.alias() != null) {
                    aliasJoin(scope, join.alias(), leftStart);
                }
                yield new FromItem.Join(join.type(), left, right, on, join.using(), join.natural(), join.location(),
                        join.alias(), join.usingAlias());
            }
        };
    }

    /**
     * {@code (a JOIN b ...) AS x (names)}: the items within give way to one entry x with the join's
     * columns (the right side's copies of merged columns left out), renamed by the alias's list.
     */
    private static void aliasJoin(Scope scope, FromItem.Alias alias, int start) {
        List<Entry> inner = scope.entries.subList(start, scope.entries.size());
        List<Column> columns = new ArrayList<>();
        List<String> names = alias.columns() == null ? List.of() : alias.columns();
        for (Entry entry : inner) {
            for (Column column : entry.columns) {
                if (!column.merged) {
                    String name = columns.size() < names.size() ? names.get(columns.size()) : column.name;
                    columns.add(new Column(name, name, column.typeName, column.relationOid, column.number));
                }
            }
        }
        inner.clear();
        scope.entries.add(new Entry(alias.name(), columns));
    }

    /** JOIN USING and NATURAL JOIN: the right side's copies of the common columns leave {@code *}. */
    private static void mergeUsingColumns(Scope scope, FromItem.Join join, int leftStart, int rightStart) {
        Set<String> common = new java.util.HashSet<>();
        if (join.using() != null) {
            common.addAll(join.using());
        } else if (join.natural()) {
            Set<String> leftNames = new java.util.HashSet<>();
            scope.entries.subList(leftStart, rightStart).forEach(entry -> entry.columns.forEach(
                    column -> leftNames.add(column.name)));
            scope.entries.subList(rightStart, scope.entries.size()).forEach(entry -> entry.columns.forEach(
                    column -> {
                        if (leftNames.contains(column.name)) {
                            common.add(column.name);
                        }
                    }));
        }
        for (int i = rightStart; i < scope.entries.size() && !common.isEmpty(); i++) {
            Entry entry = scope.entries.get(i);
            scope.entries.set(i, new Entry(entry.name, entry.shown, entry.columns.stream()
                    .map(column -> common.contains(column.name) ? new Column(column.name, column.shown,
                            column.typeName, column.relationOid, column.number, true) : column).toList()));
        }
    }

    private FromItem table(FromItem.Table table, Scope scope) {
        QualifiedName name = table.name();
        String entryName = table.alias() != null ? table.alias().name() : name.name();
        List<String> cteColumns = name.schema() == null ? scope.cte(name.name()) : null;
        if (cteColumns != null) {
            List<String> names = new ArrayList<>(cteColumns);
            rename(names, table.alias());
            scope.entries.add(new Entry(entryName, names.stream().map(n -> new Column(n, null, 0, 0)).toList()));
            return table;
        }
        Optional<RelationInfo> found = catalog.lookupRelation(transaction, name.schema(), name.name());
        if (found.isEmpty()) {
            return table;
        }
        RelationInfo relation = found.get();
        references.add(new Reference(relation.oid(), 0));
        boolean renamed = rename != null && rename.relationOid() == relation.oid();
        String relationName = renamed && rename.column() == 0 ? rename.newName() : relation.name();
        List<Column> columns = new ArrayList<>();
        List<String> aliases = table.alias() == null || table.alias().columns() == null ? List.of()
                : table.alias().columns();
        for (AttributeInfo attribute : relation.attributes()) {
            if (attribute.number() <= 0) {
                continue;
            }
            var builtin = org.woolly.utils.adt.PgTypeData.byOid(attribute.typeOid());
            String typeName = builtin == null ? null : builtin.name();
            String columnName = columns.size() < aliases.size() ? aliases.get(columns.size()) : attribute.name();
            String shown = renamed && rename.column() == attribute.number() && columns.size() >= aliases.size()
                    ? rename.newName() : columnName;
            columns.add(new Column(columnName, shown, typeName, relation.oid(), attribute.number()));
        }
        scope.entries.add(new Entry(entryName, table.alias() != null ? entryName : relationName, columns));
        return new FromItem.Table(new QualifiedName(relation.namespaceName(), relationName, name.location()),
                table.alias(), table.location());
    }

    private static void rename(List<String> names, FromItem.Alias alias) {
        if (alias != null && alias.columns() != null) {
            for (int i = 0; i < alias.columns().size() && i < names.size(); i++) {
                names.set(i, alias.columns().get(i));
            }
        }
    }

    private record Found(Entry entry, Column column) {}

    private static Found find(Scope scope, String column) {
        for (Scope level = scope; level != null; level = level.parent) {
            for (Entry entry : level.entries) {
                for (Column candidate : entry.columns) {
                    if (candidate.name.equals(column)) {
                        return new Found(entry, candidate);
                    }
                }
            }
        }
        return null;
    }

    private static Found find(Scope scope, String entryName, String column) {
        for (Scope level = scope; level != null; level = level.parent) {
            for (Entry entry : level.entries) {
                if (entry.name.equals(entryName)) {
                    for (Column candidate : entry.columns) {
                        if (candidate.name.equals(column)) {
                            return new Found(entry, candidate);
                        }
                    }
                    return null;
                }
            }
        }
        return null;
    }

    private void note(Column column) {
        if (column.relationOid != 0) {
            references.add(new Reference(column.relationOid, column.number));
        }
    }

    /**
     * A user-defined operator's name with its schema ({@code OPERATOR(schema.op)}), so that the
     * view finds it whatever the search_path; built-in names stay as written (pg_catalog comes
     * first in every search path).
     */
    private String operatorName(String name) {
        if (name.indexOf('.') >= 0 || !org.woolly.utils.adt.BuiltinFunctions.operatorsByName(name).isEmpty()) {
            return name;
        }
        List<org.woolly.catalog.OperatorInfo> found = catalog.lookupOperators(transaction, null, name);
        if (found.isEmpty()) {
            return name;
        }
        return catalog.namespaceByOid(transaction, found.getFirst().namespaceOid())
                .map(namespace -> namespace.name() + "." + name).orElse(name);
    }

    private List<Expr> list(List<Expr> exprs, Scope scope) {
        return exprs == null ? null : exprs.stream().map(expr -> expression(expr, scope)).toList();
    }

    private Expr expression(Expr expr, Scope scope) {
        return switch (expr) {
            case null -> null;
            case Expr.ColumnRef ref -> columnRef(ref, scope);
            case Expr.Operator operator -> {
                Expr left = expression(operator.left(), scope);
                Expr right = expression(operator.right(), scope);
                yield new Expr.Operator(operatorName(operator.name()), typedLiteral(left, right, scope),
                        typedLiteral(right, left, scope), operator.location());
            }
            case Expr.BoolExpr bool -> new Expr.BoolExpr(bool.op(), list(bool.args(), scope), bool.location());
            case Expr.NullTest test -> new Expr.NullTest(expression(test.arg(), scope), test.test(), test.location());
            case Expr.DistinctFrom distinct -> new Expr.DistinctFrom(expression(distinct.left(), scope),
                    expression(distinct.right(), scope), distinct.not(), distinct.location());
            case Expr.Between between -> {
                Expr arg = expression(between.arg(), scope);
                yield new Expr.Between(arg, typedLiteral(expression(between.low(), scope), arg, scope),
                        typedLiteral(expression(between.high(), scope), arg, scope), between.not(),
                        between.symmetric(), between.location());
            }
            case Expr.InList in -> {
                Expr arg = expression(in.arg(), scope);
                yield new Expr.InList(arg, list(in.list(), scope).stream().map(item -> typedLiteral(item, arg, scope))
                        .toList(), in.not(), in.location());
            }
            case Expr.FuncCall call -> new Expr.FuncCall(call.name(), list(call.args(), scope), call.star(),
                    call.distinct(), sorts(call.orderBy(), scope), expression(call.filter(), scope),
                    call.over() == null ? null : new Expr.WindowDef(call.over().name(),
                            list(call.over().partitionBy(), scope), sorts(call.over().orderBy(), scope),
                            call.over().frame(), call.over().parenthesized(), call.over().location()),
                    call.location());
            case Expr.TypeCast cast -> new Expr.TypeCast(expression(cast.arg(), scope), cast.type(), cast.location());
            case Expr.Case caseExpr -> new Expr.Case(expression(caseExpr.arg(), scope), caseExpr.whens().stream()
                    .map(when -> new Expr.Case.When(expression(when.condition(), scope),
                            expression(when.result(), scope), when.location())).toList(),
                    expression(caseExpr.elseResult(), scope), caseExpr.location());
            case Expr.SpecialFunction special -> new Expr.SpecialFunction(special.kind(), list(special.args(), scope),
                    special.location());
            case Expr.SubLink link -> new Expr.SubLink(link.kind(), expression(link.test(), scope), link.operator(),
                    select(link.subquery(), scope, HIDDEN_NAMES), link.location());
            case Expr.ArrayComparison comparison -> new Expr.ArrayComparison(comparison.operator(), comparison.all(),
                    expression(comparison.left(), scope), expression(comparison.array(), scope),
                    comparison.location());
            case Expr.ArrayConstructor array -> new Expr.ArrayConstructor(list(array.elements(), scope),
                    array.location());
            case Expr.RowConstructor row -> new Expr.RowConstructor(list(row.fields(), scope), row.location());
            case Expr.FieldSelect field -> new Expr.FieldSelect(expression(field.arg(), scope), field.field(),
                    field.location());
            case Expr.Collate collate -> new Expr.Collate(expression(collate.arg(), scope), collate.collation(),
                    collate.location());
            default -> expr;
        };
    }

    private List<SortBy> sorts(List<SortBy> sorts, Scope scope) {
        return sorts == null ? null : sorts.stream().map(sort -> new SortBy(expression(sort.expr(), scope),
                sort.descending(), sort.nullsFirst(), sort.location())).toList();
    }

    private Expr columnRef(Expr.ColumnRef ref, Scope scope) {
        List<String> fields = ref.fields();
        Found found = switch (fields.size()) {
            case 1 -> find(scope, fields.getFirst());
            case 2 -> find(scope, fields.get(0), fields.get(1));
            case 3 -> find(scope, fields.get(1), fields.get(2));
            default -> null;
        };
        if (found == null) {
            return ref;
        }
        note(found.column);
        return new Expr.ColumnRef(List.of(found.entry.shown, found.column.shown), ref.location());
    }

    /**
     * A string literal beside a column takes the column's type, as {@code make_op} coerces it;
     * so does an integer beside a numeric or floating-point column.
     */
    private static Expr typedLiteral(Expr expr, Expr other, Scope scope) {
        if (!(expr instanceof Expr.Constant constant) || !(other instanceof Expr.ColumnRef ref)
                || ref.fields().size() != 2) {
            return expr;
        }
        Found found = find(scope, ref.fields().get(0), ref.fields().get(1));
        if (found == null || found.column.typeName == null) {
            return expr;
        }
        boolean coerced = switch (constant.kind()) {
            case STRING -> true;
            case INTEGER -> java.util.Set.of("numeric", "float4", "float8").contains(found.column.typeName);
            default -> false;
        };
        if (!coerced) {
            return expr;
        }
        return new Expr.TypeCast(expr, new TypeName(null, found.column.typeName, List.of(), 0, -1), -1);
    }
}
