package org.woolly.optimizer;

import java.util.ArrayList;
import java.util.List;
import org.woolly.nodes.parse.Expr;
import org.woolly.nodes.plan.Plan;
import org.woolly.nodes.query.ExpressionWalker;
import org.woolly.nodes.query.FromNode;
import org.woolly.nodes.query.Query;
import org.woolly.nodes.query.QueryExpr;
import org.woolly.nodes.query.RangeEntry;
import org.woolly.nodes.query.TargetEntry;
import org.woolly.utils.adt.TypeOids;

/**
 * MIN and MAX read from the end of an index ({@code planagg.c}'s
 * {@code preprocess_minmax_aggregates}): in a query over one table whose only aggregates are
 * {@code min(column)} and {@code max(column)} of B-tree-indexed columns, without GROUP BY,
 * HAVING or windows, each aggregate becomes an init plan
 * {@code SELECT column FROM table WHERE column IS NOT NULL AND quals ORDER BY column [DESC] LIMIT 1}
 * (a forward or backward Index Scan under a Limit), and the query itself a Result reading their
 * values. Used when that is cheaper than scanning the table for the aggregate.
 */
final class MinMaxPaths {
    private MinMaxPaths() {}

    /** What the rewrite gives: the query without aggregation and its init plans, in order. */
    record Result(Query query, List<Plan> initPlans) {}

    /**
     * The query with each aggregate replaced by the value of an init plan numbered from
     * {@code firstPlan}, or null when the query does not qualify or the index paths cost more.
     */
    static Result rewrite(CostModel costs, Query query, int firstPlan) {
        if (query.command() != Query.CommandType.SELECT || query.setOperation() != null || query.aggregates().isEmpty()
                || !query.groupBy().isEmpty() || query.having() != null || !query.rowMarks().isEmpty()
                || query.from().size() != 1 || !(query.from().getFirst() instanceof FromNode.Leaf leaf)) {
            return null;
        }
        RangeEntry entry = query.rangeTable().get(leaf.index());
        if (entry.kind() != RangeEntry.Kind.RELATION || entry.offset() != 0 || entry.withTid()
                || query.where() != null && ExpressionWalker.contains(query.where(),
                node -> node instanceof QueryExpr.SubLink || node instanceof QueryExpr.ExecParam)) {
            return null;
        }
        for (TargetEntry target : query.targetList()) {
            if (ExpressionWalker.contains(target.expr(), node -> node instanceof QueryExpr.SubLink
                    || node instanceof QueryExpr.WindowFunc)) {
                return null;
            }
        }
        double tableRows = costs.tableRows(entry);
        double aggregateCost = costs.seqScanTotal(entry, query.where())
                + tableRows * costs.cpuOperatorCost() * query.aggregates().size();
        List<Plan> initPlans = new ArrayList<>();
        double initCost = 0;
        for (QueryExpr.Aggregate aggregate : query.aggregates()) {
            Plan plan = firstRow(costs, query, entry, aggregate);
            if (plan == null) {
                return null;
            }
            initPlans.add(plan);
            initCost += plan.cost().total();
        }
        if (initCost >= aggregateCost) {
            return null;
        }
        List<TargetEntry> targets = new ArrayList<>();
        for (TargetEntry target : query.targetList()) {
            targets.add(new TargetEntry(ExpressionWalker.rewrite(target.expr(), node -> node instanceof QueryExpr.Var var
                    ? value(query.aggregates().get(var.position()), firstPlan + var.position()) : null),
                    target.name(), target.tableOid(), target.columnNumber(), target.junk()));
        }
        Query rewritten = new Query(Query.CommandType.SELECT, List.of(), List.of(), null, targets, List.of(), List.of(),
                null, query.sortKeys(), query.distinct(), query.limit(), query.offset(), null, query.returning(), null, null,
                query.distinctOn(), List.of());
        return new Result(rewritten, initPlans);
    }

    /** The init plan's value where the aggregate's result was. */
    private static QueryExpr value(QueryExpr.Aggregate aggregate, int planIndex) {
        return new QueryExpr.SubLink(Expr.SubLink.Kind.EXPR, null, planIndex, null, null, null, aggregate.type());
    }

    /**
     * {@code Limit 1} over the index scan that finds the aggregate's value first: ascending for
     * min, backward for max; null when the aggregate is not a plain min/max of an indexed column.
     */
    private static Plan firstRow(CostModel costs, Query query, RangeEntry entry, QueryExpr.Aggregate aggregate) {
        String name = aggregate.aggregate().name();
        if (!name.equals("min") && !name.equals("max") || aggregate.args().size() != 1 || aggregate.distinct()
                || aggregate.filter() != null || !aggregate.orderBy().isEmpty()
                || !(aggregate.args().getFirst() instanceof QueryExpr.Var column) || column.type() != aggregate.type()) {
            return null;
        }
        List<QueryExpr> quals = new ArrayList<>();
        quals.add(new QueryExpr.NullTest(column, Expr.NullTest.Test.IS_NOT_NULL));
        JoinPlanner.conjuncts(query.where(), quals);
        QueryExpr qual = JoinPlanner.and(quals);
        double rows = CostModel.clampRows(costs.tableRows(entry) * costs.selectivity(qual, entry));
        Plan.IndexScan scan = IndexPaths.ordered(costs, entry, qual, column, rows, name.equals("max"),
                IndexOnlyColumns.of(quals, entry));
        if (scan == null) {
            return null;
        }
        Plan.Cost cost = scan.cost();
        double fraction = 1.0 / Math.max(cost.rows(), 1.0);
        int width = costs.width(column.type(), column.typmod());
        Plan projected = new Plan.Project(scan, List.of(column), new Plan.Cost(cost.startup(), cost.total(), cost.rows(),
                width));
        QueryExpr one = new QueryExpr.Const(TypeOids.INT8, -1, 1L);
        return new Plan.Limit(projected, one, null, new Plan.Cost(cost.startup(),
                cost.startup() + (cost.total() - cost.startup()) * fraction, 1, width));
    }
}
