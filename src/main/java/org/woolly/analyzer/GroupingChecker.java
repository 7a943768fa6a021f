package org.woolly.analyzer;

import java.util.ArrayList;
import java.util.List;
import org.woolly.nodes.query.ExpressionWalker;
import org.woolly.nodes.query.QueryExpr;
import org.woolly.utils.error.SqlState;

/**
 * Re-expresses post-aggregation expressions over the aggregation row (GROUP BY values, then
 * aggregate results) and rejects ungrouped columns with 42803 ({@code parseCheckAggregates}).
 */
final class GroupingChecker {
    private final List<QueryExpr> groupBy;
    private final List<QueryExpr.Aggregate> aggregates;
    /** Per GROUPING() call met so far, the GROUP BY positions of its arguments. */
    private final List<List<Integer>> groupingCalls = new ArrayList<>();

    GroupingChecker(List<QueryExpr> groupBy, List<QueryExpr.Aggregate> aggregates) {
        this.groupBy = groupBy;
        this.aggregates = aggregates;
    }

    QueryExpr rewrite(QueryExpr expr) {
        return ExpressionWalker.rewrite(expr, node -> {
            int group = groupBy.indexOf(node);
            if (group >= 0) {
                return new QueryExpr.Var(group, node.type(), node.typmod(), name(node), -1);
            }
            if (node instanceof QueryExpr.GroupingFunc grouping) {
                return groupingValue(grouping);
            }
            if (node instanceof QueryExpr.Aggregate aggregate) {
                int index = indexOfIdentity(aggregate);
                return new QueryExpr.Var(groupBy.size() + index, aggregate.type(), -1, name(aggregate), -1);
            }
            if (node instanceof QueryExpr.Var var) {
                throw ParseState.error(SqlState.GROUPING_ERROR, var.location(),
                        "column \"%s\" must appear in the GROUP BY clause or be used in an aggregate function", var.name());
            }
            if (node instanceof QueryExpr.SubLink link && link.correlated()) {
                return new QueryExpr.SubLink(link.kind(), link.query(), link.planIndex(), rewrite(link.test()),
                        link.operator(), link.rightValue(), link.type(), outerColumns(link.bindings()));
            }
            return null;
        });
    }

    /** The GROUP BY positions of each GROUPING() call, in the order of the aggregation row's columns for them. */
    List<List<Integer>> groupingCalls() {
        return List.copyOf(groupingCalls);
    }

    /**
     * A GROUPING() call becomes a column of the aggregation row after the aggregates; each
     * argument must be a GROUP BY expression (42803, {@code check_ungrouped_columns}).
     */
    private QueryExpr groupingValue(QueryExpr.GroupingFunc grouping) {
        List<Integer> positions = new ArrayList<>();
        for (QueryExpr arg : grouping.args()) {
            int position = groupBy.indexOf(arg);
            if (position < 0) {
                throw ParseState.error(SqlState.GROUPING_ERROR, arg instanceof QueryExpr.Var var && var.location() >= 0
                                ? var.location() : grouping.location(),
                        "arguments to GROUPING must be grouping expressions of the associated query level");
            }
            positions.add(position);
        }
        int index = groupingCalls.indexOf(positions);
        if (index < 0) {
            groupingCalls.add(List.copyOf(positions));
            index = groupingCalls.size() - 1;
        }
        return new QueryExpr.Var(groupBy.size() + aggregates.size() + index, grouping.type(), -1, name(grouping), -1);
    }

    /** The outer columns a correlated subquery reads: grouped ones only ({@code check_ungrouped_columns}). */
    private List<org.woolly.nodes.query.ParamBinding> outerColumns(List<org.woolly.nodes.query.ParamBinding> bindings) {
        return ExpressionWalker.bindings(bindings, node -> {
            int group = groupBy.indexOf(node);
            if (group >= 0) {
                return new QueryExpr.Var(group, node.type(), node.typmod(), name(node), -1);
            }
            if (node instanceof QueryExpr.Aggregate aggregate) {
                return new QueryExpr.Var(groupBy.size() + indexOfIdentity(aggregate), aggregate.type(), -1,
                        name(aggregate), -1);
            }
            if (node instanceof QueryExpr.Var var) {
                throw ParseState.error(SqlState.GROUPING_ERROR, var.location(),
                        "subquery uses ungrouped column \"%s\" from outer query", var.name());
            }
            return null;
        });
    }

    /** The name EXPLAIN shows for a grouped value: the expression's text. */
    private static String name(QueryExpr expr) {
        return org.woolly.nodes.query.ExpressionText.of(expr, true, (type, value) -> String.valueOf(value),
                (type, typmod) -> String.valueOf(type));
    }

    private int indexOfIdentity(QueryExpr.Aggregate aggregate) {
        for (int i = 0; i < aggregates.size(); i++) {
            if (aggregates.get(i) == aggregate) {
                return i;
            }
        }
        return aggregates.indexOf(aggregate);
    }
}
