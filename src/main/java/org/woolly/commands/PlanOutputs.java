package org.woolly.commands;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.woolly.nodes.parse.FromItem;
import org.woolly.nodes.plan.Plan;
import org.woolly.nodes.query.ExpressionText;
import org.woolly.nodes.query.ExpressionWalker;
import org.woolly.nodes.query.QueryExpr;
import org.woolly.nodes.query.RangeEntry;

/**
 * What each plan node emits, as EXPLAIN VERBOSE's {@code Output:} line shows it
 * ({@code show_plan_tlist} with {@code set_deparse_context_plan}): a column a node reads from
 * its input by position is replaced by the expression that input computed, down to the scans'
 * columns, so that an aggregate's output reads {@code count(*)} and a join's the columns of both
 * sides.
 */
final class PlanOutputs {

    /** How the deparser writes an expression, to show a lower node's computed column in parentheses. */
    private final Function<QueryExpr, String> text;

    PlanOutputs(Function<QueryExpr, String> text) {
        this.text = text;
    }

    /** The node's output columns over the scans' columns; empty when it emits none worth showing. */
    List<QueryExpr> of(Plan plan) {
        return switch (plan) {
            case Plan.SeqScan scan -> columns(scan.entry());
            case Plan.IndexScan scan -> columns(scan.entry());
            case Plan.BitmapHeapScan scan -> columns(scan.entry());
            case Plan.FunctionScan scan -> columns(scan.entry());
            case Plan.CteScan scan -> columns(scan.entry());
            case Plan.WorkTableScan scan -> columns(scan.entry());
            case Plan.ValuesScan values -> valuesColumns(values);
            case Plan.BitmapIndexScan ignored -> List.of();
            case Plan.BitmapAnd ignored -> List.of();
            case Plan.BitmapOr ignored -> List.of();
            case Plan.Result ignored -> List.of();
            case Plan.ModifyTable ignored -> List.of();
            case Plan.NestedLoop loop -> joined(loop.type(), loop.outer(), loop.inner());
            case Plan.LateralLoop loop -> joined(loop.type(), loop.outer(), loop.inner());
            case Plan.HashJoin hash -> joined(hash.type(), hash.outer(), hash.inner());
            case Plan.MergeJoin merge -> joined(merge.type(), merge.outer(), merge.inner());
            case Plan.Project project -> substitute(project.exprs(), of(project.input()));
            case Plan.ProjectSet project -> {
                // the calls' values are computed here, the input's columns passed on
                List<QueryExpr> row = new ArrayList<>(over(project.calls(), of(project.input())));
                row.addAll(passed(of(project.input())));
                yield substitute(project.exprs(), row);
            }
            case Plan.Aggregate aggregate -> {
                List<QueryExpr> input = of(aggregate.input());
                List<QueryExpr> row = new ArrayList<>(over(aggregate.groupBy(), input));
                for (QueryExpr.Aggregate call : aggregate.aggregates()) {
                    row.add(over(call, input));
                }
                yield row;
            }
            case Plan.WindowAgg window -> {
                List<QueryExpr> input = of(window.input());
                List<QueryExpr> row = new ArrayList<>(passed(input));
                for (QueryExpr.WindowFunc call : window.calls()) {
                    row.add(over(call, input));
                }
                yield row;
            }
            case Plan.Distinct distinct -> {
                List<QueryExpr> input = of(distinct.input());
                yield passed(input.subList(0, Math.min(distinct.columns(), input.size())));
            }
            case Plan.Filter filter -> passed(of(filter.input()));
            case Plan.Sort sort -> passed(of(sort.input()));
            case Plan.Material material -> passed(of(material.input()));
            case Plan.Limit limit -> passed(of(limit.input()));
            case Plan.LockRows lockRows -> passed(of(lockRows.input()));
            case Plan.Unique unique -> passed(of(unique.input()));
            case Plan.Gather gather -> passed(of(gather.input()));
            case Plan.SubqueryScan subquery -> of(subquery.subplan());
            case Plan.HashedSubPlan hashed -> of(hashed.subplan());
            case Plan.InitPlans initPlans -> of(initPlans.root());
            case Plan.CtePlans ctes -> of(ctes.root());
            case Plan.DataModifyingCtes modifying -> of(modifying.root());
            case Plan.Append append -> append.children().isEmpty() ? List.of() : of(append.children().getFirst());
            case Plan.SetOp setOp -> of(setOp.left());
            case Plan.RecursiveUnion union -> of(union.nonRecursive());
        };
    }

    /** The expressions with each input column reference replaced by what {@code input} computes there. */
    List<QueryExpr> over(List<? extends QueryExpr> exprs, List<QueryExpr> input) {
        List<QueryExpr> result = new ArrayList<>(exprs.size());
        for (QueryExpr expr : exprs) {
            result.add(over(expr, input));
        }
        return result;
    }

    /**
     * A projection's expressions over the row of the node it is folded into (EXPLAIN shows them
     * as that node's output): what that node computes reads as it is.
     */
    private static List<QueryExpr> substitute(List<QueryExpr> exprs, List<QueryExpr> row) {
        List<QueryExpr> result = new ArrayList<>(exprs.size());
        for (QueryExpr expr : exprs) {
            result.add(ExpressionWalker.rewrite(expr, node -> node instanceof QueryExpr.Var var
                    && var.position() >= 0 && var.position() < row.size() ? row.get(var.position()) : null));
        }
        return result;
    }

    /**
     * A column an input computed (not one it passes on) reads as that expression in parentheses,
     * as ruleutils' {@code get_variable} forces them for an OUTER_VAR or INNER_VAR.
     */
    QueryExpr over(QueryExpr expr, List<QueryExpr> input) {
        return ExpressionWalker.rewrite(expr, node -> node instanceof QueryExpr.Var var && var.position() >= 0
                && var.position() < input.size() ? passed(input.get(var.position())) : null);
    }

    private QueryExpr passed(QueryExpr computed) {
        if (computed instanceof QueryExpr.Var) {
            return computed;
        }
        return new QueryExpr.Var(0, computed.type(), -1, "(" + text.apply(computed) + ")", ExpressionText.VERBATIM);
    }

    /** A pass-through node's columns: those its input computed shown in parentheses. */
    private List<QueryExpr> passed(List<QueryExpr> input) {
        List<QueryExpr> result = new ArrayList<>(input.size());
        for (QueryExpr column : input) {
            result.add(passed(column));
        }
        return result;
    }

    /**
     * Whether the plan reads more than one relation, subquery or function: PostgreSQL then
     * prefixes output columns with their relation ({@code list_length(es->rtable) > 1}, the
     * flattened range table of the statement and its subplans).
     */
    static boolean moreThanOneRelation(Plan plan) {
        Set<String> seen = new HashSet<>();
        return count(plan, seen) > 1 || seen.size() > 1;
    }

    private static int count(Plan plan, Set<String> seen) {
        return switch (plan) {
            case Plan.SeqScan scan -> entry(scan.entry(), seen);
            case Plan.IndexScan scan -> entry(scan.entry(), seen);
            case Plan.BitmapHeapScan scan -> entry(scan.entry(), seen);
            case Plan.FunctionScan scan -> entry(scan.entry(), seen);
            case Plan.CteScan scan -> 2 + count(scan.subplan(), seen);
            case Plan.WorkTableScan scan -> 2;
            case Plan.ValuesScan ignored -> entryName("*VALUES*", seen);
            case Plan.SubqueryScan ignored -> 2;
            case Plan.InitPlans ignored -> 2;
            case Plan.CtePlans ignored -> 2;
            case Plan.DataModifyingCtes ignored -> 2;
            case Plan.HashedSubPlan ignored -> 2;
            case Plan.Append ignored -> 2;
            case Plan.SetOp ignored -> 2;
            case Plan.RecursiveUnion ignored -> 2;
            case Plan.ModifyTable modify -> count(modify.input(), seen);
            default -> {
                int total = 0;
                for (Plan child : children(plan)) {
                    total += count(child, seen);
                }
                yield total;
            }
        };
    }

    private static List<Plan> children(Plan plan) {
        return switch (plan) {
            case Plan.NestedLoop loop -> List.of(loop.outer(), loop.inner());
            case Plan.LateralLoop loop -> List.of(loop.outer(), loop.inner());
            case Plan.HashJoin hash -> List.of(hash.outer(), hash.inner());
            case Plan.MergeJoin merge -> List.of(merge.outer(), merge.inner());
            case Plan.Project project -> List.of(project.input());
            case Plan.ProjectSet project -> List.of(project.input());
            case Plan.Aggregate aggregate -> List.of(aggregate.input());
            case Plan.WindowAgg window -> List.of(window.input());
            case Plan.Distinct distinct -> List.of(distinct.input());
            case Plan.Filter filter -> List.of(filter.input());
            case Plan.Sort sort -> List.of(sort.input());
            case Plan.Material material -> List.of(material.input());
            case Plan.Limit limit -> List.of(limit.input());
            case Plan.LockRows lockRows -> List.of(lockRows.input());
            case Plan.Unique unique -> List.of(unique.input());
            case Plan.Gather gather -> List.of(gather.input());
            default -> List.of();
        };
    }

    private static int entry(RangeEntry entry, Set<String> seen) {
        return entryName(entry.alias() == null ? String.valueOf(entry.relation()) : entry.alias(), seen);
    }

    private static int entryName(String name, Set<String> seen) {
        seen.add(name);
        return 1;
    }

    private List<QueryExpr> joined(FromItem.JoinType type, Plan outer, Plan inner) {
        List<QueryExpr> row = new ArrayList<>(passed(of(outer)));
        if (type != FromItem.JoinType.SEMI && type != FromItem.JoinType.ANTI) {
            row.addAll(passed(of(inner)));
        }
        return row;
    }

    /** A range entry's columns named {@code alias.column}, its hidden TID left out. */
    private static List<QueryExpr> columns(RangeEntry entry) {
        String qualifier = entry.alias() != null ? entry.alias()
                : entry.relation() != null ? entry.relation().name() : null;
        List<QueryExpr> columns = new ArrayList<>();
        for (int i = 0; i < entry.columnNames().size(); i++) {
            String name = ExpressionText.identifier(entry.columnNames().get(i));
            columns.add(new QueryExpr.Var(i, entry.columnTypes()[i], entry.columnTypmods()[i],
                    qualifier == null ? name : ExpressionText.identifier(qualifier) + "." + name, -1));
        }
        return columns;
    }

    private static List<QueryExpr> valuesColumns(Plan.ValuesScan values) {
        List<QueryExpr> columns = new ArrayList<>();
        if (values.rows().isEmpty()) {
            return columns;
        }
        List<QueryExpr> first = values.rows().getFirst();
        for (int i = 0; i < first.size(); i++) {
            columns.add(new QueryExpr.Var(i, first.get(i).type(), -1, "\"*VALUES*\".column" + (i + 1), -1));
        }
        return columns;
    }
}
