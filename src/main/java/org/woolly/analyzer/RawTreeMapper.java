package org.woolly.analyzer;

import java.util.List;
import java.util.function.Function;
import org.woolly.nodes.parse.Expr;
import org.woolly.nodes.parse.FromItem;
import org.woolly.nodes.parse.ResTarget;
import org.woolly.nodes.parse.SelectStmt;
import org.woolly.nodes.parse.SetClause;
import org.woolly.nodes.parse.SortBy;
import org.woolly.nodes.parse.Statement;

/**
 * Copies a raw parse tree, replacing each column reference by what {@code columns} gives for
 * it: the raw-tree counterpart of {@code ReplaceVarsFromTargetList} and {@code ChangeVarNodes}
 * of {@code rewriteManip.c}, which the rule rewriter applies to NEW and OLD. Subqueries are
 * walked too (a rule action may read NEW in a sub-select).
 */
public final class RawTreeMapper {
    private final Function<Expr.ColumnRef, Expr> columns;

    public RawTreeMapper(Function<Expr.ColumnRef, Expr> columns) {
        this.columns = columns;
    }

    List<Expr> exprs(List<Expr> list) {
        return list == null ? null : list.stream().map(this::expr).toList();
    }

    public Expr expr(Expr expr) {
        return switch (expr) {
            case null -> null;
            case Expr.ColumnRef ref -> columns.apply(ref);
            case Expr.Operator op -> new Expr.Operator(op.name(), expr(op.left()), expr(op.right()), op.location());
            case Expr.BoolExpr bool -> new Expr.BoolExpr(bool.op(), exprs(bool.args()), bool.location());
            case Expr.NullTest test -> new Expr.NullTest(expr(test.arg()), test.test(), test.location());
            case Expr.DistinctFrom distinct -> new Expr.DistinctFrom(expr(distinct.left()), expr(distinct.right()),
                    distinct.not(), distinct.location());
            case Expr.Between between -> new Expr.Between(expr(between.arg()), expr(between.low()),
                    expr(between.high()), between.not(), between.symmetric(), between.location());
            case Expr.InList in -> new Expr.InList(expr(in.arg()), exprs(in.list()), in.not(), in.location());
            case Expr.FuncCall call -> new Expr.FuncCall(call.name(), exprs(call.args()), call.star(), call.distinct(),
                    sorts(call.orderBy()), expr(call.filter()), call.over() == null ? null
                    : new Expr.WindowDef(call.over().name(), exprs(call.over().partitionBy()),
                            sorts(call.over().orderBy()), call.over().frame(), call.over().parenthesized(),
                            call.over().location()), call.location(), call.withinGroup());
            case Expr.NamedArgument named -> new Expr.NamedArgument(named.name(), named.variadic(), expr(named.value()),
                    named.location());
            case Expr.TypeCast cast -> new Expr.TypeCast(expr(cast.arg()), cast.type(), cast.location());
            case Expr.Case caseExpr -> new Expr.Case(expr(caseExpr.arg()), caseExpr.whens().stream()
                    .map(when -> new Expr.Case.When(expr(when.condition()), expr(when.result()), when.location()))
                    .toList(), expr(caseExpr.elseResult()), caseExpr.location());
            case Expr.SpecialFunction special -> new Expr.SpecialFunction(special.kind(), exprs(special.args()),
                    special.location());
            case Expr.SubLink link -> new Expr.SubLink(link.kind(), expr(link.test()), link.operator(),
                    select(link.subquery()), link.location());
            case Expr.ArrayComparison comparison -> new Expr.ArrayComparison(comparison.operator(), comparison.all(),
                    expr(comparison.left()), expr(comparison.array()), comparison.location());
            case Expr.ArrayConstructor array -> new Expr.ArrayConstructor(exprs(array.elements()), array.location());
            case Expr.RowConstructor row -> new Expr.RowConstructor(exprs(row.fields()), row.location());
            case Expr.Subscript subscript -> new Expr.Subscript(expr(subscript.arg()), expr(subscript.lower()),
                    expr(subscript.upper()), subscript.slice(), subscript.location());
            case Expr.FieldSelect field -> new Expr.FieldSelect(expr(field.arg()), field.field(), field.location());
            case Expr.Collate collate -> new Expr.Collate(expr(collate.arg()), collate.collation(), collate.location());
            case Expr.GroupingSet set -> new Expr.GroupingSet(set.kind(), exprs(set.content()), set.location());
            case Expr.GroupingFunc grouping -> new Expr.GroupingFunc(exprs(grouping.args()), grouping.location());
            case Expr.Constant constant -> constant;
            case Expr.ParamRef param -> param;
            case Expr.SqlValueFunction function -> function;
            case Expr.Default fallback -> fallback;
            case Expr.CurrentOf current -> current;
            case Expr.MultiAssignRef ref -> new Expr.MultiAssignRef((Expr.SubLink) expr(ref.source()), ref.column(),
                    ref.columns(), ref.location());
        };
    }

    private List<SortBy> sorts(List<SortBy> sorts) {
        return sorts == null ? null : sorts.stream()
                .map(sort -> new SortBy(expr(sort.expr()), sort.descending(), sort.nullsFirst(), sort.location()))
                .toList();
    }

    List<ResTarget> targets(List<ResTarget> targets) {
        return targets == null ? null : targets.stream()
                .map(target -> new ResTarget(expr(target.value()), target.name(), target.location())).toList();
    }

    SelectStmt select(SelectStmt select) {
        if (select == null) {
            return null;
        }
        return new SelectStmt(targets(select.targets()), select.distinct(), exprs(select.distinctOn()),
                froms(select.from()), expr(select.where()), exprs(select.groupBy()), expr(select.having()),
                select.values() == null ? null : select.values().stream().map(this::exprs).toList(), select.op(),
                select.all(), select(select.left()), select(select.right()), sorts(select.orderBy()),
                expr(select.limit()), expr(select.offset()), select.forLocking(), select.with(), select.location(),
                select.windows(), select.limitWithTies());
    }

    List<FromItem> froms(List<FromItem> items) {
        return items == null ? null : items.stream().map(this::from).toList();
    }

    FromItem from(FromItem item) {
        return switch (item) {
            case FromItem.Table table -> table;
            case FromItem.Subquery subquery -> new FromItem.Subquery(select(subquery.query()), subquery.alias(),
                    subquery.lateral(), subquery.location());
            case FromItem.Function function -> new FromItem.Function((Expr.FuncCall) expr(function.call()),
                    function.ordinality(), function.alias(), function.columnDefinitions(), function.location());
            case FromItem.Join join -> new FromItem.Join(join.type(), from(join.left()), from(join.right()),
                    expr(join.on()), join.using(), join.natural(), join.location());
        };
    }

    List<SetClause> assignments(List<SetClause> assignments) {
        return assignments.stream().map(set -> new SetClause(set.column(), expr(set.value()), set.location(),
                expr(set.target()))).toList();
    }

    /** A rule action: SELECT, INSERT, UPDATE or DELETE mapped; anything else (NOTIFY) as it is. */
    public Statement statement(Statement statement) {
        return switch (statement) {
            case Statement.Select select -> new Statement.Select(select(select.query()));
            case Statement.Insert insert -> new Statement.Insert(insert.table(), insert.alias(), insert.columns(),
                    insert.columnLocations(), select(insert.source()), insert.defaultValues(),
                    targets(insert.returning()), insert.location(), insert.overriding(), insert.onConflict(),
                    insert.columnTargets());
            case Statement.Update update -> new Statement.Update(update.table(), update.alias(),
                    assignments(update.assignments()), froms(update.from()), expr(update.where()),
                    targets(update.returning()), update.location(), update.only());
            case Statement.Delete delete -> new Statement.Delete(delete.table(), delete.alias(), froms(delete.using()),
                    expr(delete.where()), targets(delete.returning()), delete.location(), delete.only());
            default -> statement;
        };
    }
}
