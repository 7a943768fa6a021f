package org.woolly.optimizer;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;
import org.woolly.nodes.query.ExpressionWalker;
import org.woolly.nodes.query.FromNode;
import org.woolly.nodes.query.Query;
import org.woolly.nodes.query.QueryExpr;
import org.woolly.nodes.query.RangeEntry;
import org.woolly.nodes.query.TargetEntry;

/**
 * Gives every subquery in a query's expressions its init plan ({@code SS_process_sublinks} in
 * {@code subselect.c}, uncorrelated case): the subquery is planned and the SubLink records the
 * plan's index.
 */
final class SubLinkCollector {
    private final ToIntFunction<QueryExpr.SubLink> planner;

    private SubLinkCollector(ToIntFunction<QueryExpr.SubLink> planner) {
        this.planner = planner;
    }

    static Query collect(Query query, ToIntFunction<QueryExpr.SubLink> planner) {
        return new SubLinkCollector(planner).query(query);
    }

    private QueryExpr expr(QueryExpr expr) {
        return ExpressionWalker.rewrite(expr, node -> node instanceof QueryExpr.SubLink link && link.planIndex() < 0
                ? new QueryExpr.SubLink(link.kind(), link.query(), planner.applyAsInt(link), expr(link.test()),
                link.operator(), link.rightValue(), link.type(), ExpressionWalker.bindings(link.bindings(), this::expr))
                : null);
    }

    private List<QueryExpr> exprs(List<QueryExpr> exprs) {
        List<QueryExpr> result = new ArrayList<>();
        for (QueryExpr expr : exprs) {
            result.add(expr(expr));
        }
        return result;
    }

    private List<TargetEntry> targets(List<TargetEntry> entries) {
        if (entries == null) {
            return null;
        }
        List<TargetEntry> result = new ArrayList<>();
        for (TargetEntry entry : entries) {
            result.add(new TargetEntry(expr(entry.expr()), entry.name(), entry.tableOid(), entry.columnNumber(), entry.junk()));
        }
        return result;
    }

    private FromNode from(FromNode node) {
        return switch (node) {
            case FromNode.Leaf leaf -> leaf;
            case FromNode.Join join -> new FromNode.Join(join.type(), from(join.left()), from(join.right()),
                    expr(join.quals()));
        };
    }

    private RangeEntry entry(RangeEntry entry) {
        if (entry.kind() == RangeEntry.Kind.FUNCTION) {
            return new RangeEntry(entry.kind(), entry.alias(), null, null, null, entry.columnNames(), entry.columnTypes(),
                    entry.columnTypmods(), entry.offset(), false,
                    new RangeEntry.Function(expr(entry.function().call()), entry.function().ordinality(),
                            entry.function().recordColumns()), null,
                    entry.lateral());
        }
        if (entry.kind() != RangeEntry.Kind.VALUES) {
            return entry;
        }
        List<List<QueryExpr>> rows = new ArrayList<>();
        for (List<QueryExpr> row : entry.values()) {
            rows.add(exprs(row));
        }
        return new RangeEntry(entry.kind(), entry.alias(), entry.relation(), entry.subquery(), rows, entry.columnNames(),
                entry.columnTypes(), entry.columnTypmods(), entry.offset(), entry.withTid());
    }

    private Query query(Query query) {
        List<QueryExpr.Aggregate> aggregates = new ArrayList<>();
        for (QueryExpr.Aggregate aggregate : query.aggregates()) {
            aggregates.add((QueryExpr.Aggregate) expr(aggregate));
        }
        return new Query(query.command(), query.rangeTable().stream().map(this::entry).toList(),
                query.from().stream().map(this::from).toList(), expr(query.where()), targets(query.targetList()),
                exprs(query.groupBy()), aggregates, expr(query.having()), query.sortKeys(), query.distinct(),
                expr(query.limit()), expr(query.offset()), query.resultRelation(), targets(query.returning()),
                query.setOperation(), query.onConflict() == null ? null
                : new org.woolly.nodes.query.OnConflict(query.onConflict().doUpdate(),
                query.onConflict().arbiterIndexes(), exprs(query.onConflict().updateRow()),
                expr(query.onConflict().updateWhere())), query.distinctOn(), query.rowMarks(), query.groupingSets(),
                query.dataModifyingCtes(), merge(query.merge()), query.limitWithTies());
    }

    private org.woolly.nodes.query.MergeClause merge(org.woolly.nodes.query.MergeClause merge) {
        if (merge == null) {
            return null;
        }
        List<org.woolly.nodes.query.MergeClause.Action> actions = new ArrayList<>();
        for (org.woolly.nodes.query.MergeClause.Action action : merge.actions()) {
            actions.add(new org.woolly.nodes.query.MergeClause.Action(action.matched(), action.kind(),
                    expr(action.condition()), exprs(action.newRow())));
        }
        return new org.woolly.nodes.query.MergeClause(List.copyOf(actions), expr(merge.joinCondition()),
                merge.outerJoin());
    }
}
