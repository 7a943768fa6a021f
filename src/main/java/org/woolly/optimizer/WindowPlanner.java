package org.woolly.optimizer;

import java.util.ArrayList;
import java.util.List;
import org.woolly.nodes.plan.Plan;
import org.woolly.nodes.query.ExpressionWalker;
import org.woolly.nodes.query.QueryExpr;
import org.woolly.nodes.query.SortKey;
import org.woolly.nodes.query.WindowClause;

/**
 * Plans the window functions of a select list ({@code select_active_windows} and the WindowAgg
 * steps of {@code grouping_planner} in {@code planner.c}, {@code cost_windowagg} in
 * {@code costsize.c}): one WindowAgg per distinct window, each over a Sort by its PARTITION BY
 * (ascending, nulls last) then ORDER BY keys unless the rows already come in that order. A
 * window whose keys are a prefix of another's is run after it, so that it needs no sort of its
 * own. Each WindowAgg appends its calls' values to the row; the select list then reads them
 * there.
 */
final class WindowPlanner {

    /** The plan with its WindowAgg nodes, the select list re-expressed over their rows, and the final order. */
    record Result(Plan plan, List<QueryExpr> exprs, List<WindowClause.Order> order) {}

    private WindowPlanner() {}

    static boolean hasWindows(List<QueryExpr> exprs) {
        return exprs.stream().anyMatch(expr -> ExpressionWalker.contains(expr,
                node -> node instanceof QueryExpr.WindowFunc));
    }

    /** {@code width}: the number of columns of the rows {@code input} produces. */
    static Result plan(CostModel costs, Plan input, List<QueryExpr> exprs, int width) {
        List<WindowClause> windows = new ArrayList<>();
        List<List<QueryExpr.WindowFunc>> calls = new ArrayList<>();
        for (QueryExpr expr : exprs) {
            ExpressionWalker.contains(expr, node -> {
                if (node instanceof QueryExpr.WindowFunc call) {
                    int index = windows.indexOf(call.window());
                    if (index < 0) {
                        windows.add(call.window());
                        calls.add(new ArrayList<>());
                        index = windows.size() - 1;
                    }
                    if (!calls.get(index).contains(call)) {
                        calls.get(index).add(call);
                    }
                }
                return false;
            });
        }
        List<Integer> order = runOrder(windows);
        Plan plan = input;
        List<WindowClause.Order> current = List.of();
        List<QueryExpr.WindowFunc> placed = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        int rowWidth = width;
        for (int index : order) {
            WindowClause window = windows.get(index);
            List<WindowClause.Order> keys = sortKeys(window);
            if (!isPrefix(keys, current)) {
                plan = sort(costs, plan, keys);
                current = keys;
            }
            List<QueryExpr.WindowFunc> these = calls.get(index);
            double rows = plan.cost().rows();
            double perRow = costs.cpuOperatorCost() * (these.size() + window.partitionBy().size()
                    + window.orderBy().size()) + costs.cpuTupleCost();
            plan = new Plan.WindowAgg(plan, window, these, new Plan.Cost(plan.cost().startup(),
                    plan.cost().total() + rows * perRow, rows, plan.cost().width() + 8 * these.size()));
            for (QueryExpr.WindowFunc call : these) {
                placed.add(call);
                positions.add(rowWidth++);
            }
        }
        List<QueryExpr> rewritten = new ArrayList<>();
        for (QueryExpr expr : exprs) {
            rewritten.add(ExpressionWalker.rewrite(expr, node -> {
                if (node instanceof QueryExpr.WindowFunc call) {
                    int at = placed.indexOf(call);
                    return new QueryExpr.Var(positions.get(at), call.type(), -1, call.name(), -1);
                }
                return null;
            }));
        }
        return new Result(plan, rewritten, current);
    }

    /**
     * The order the windows run in, bottom first: a window whose sort keys extend another's runs
     * before it, otherwise the order the select list names them in.
     */
    private static List<Integer> runOrder(List<WindowClause> windows) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < windows.size(); i++) {
            order.add(i);
        }
        order.sort((a, b) -> {
            List<WindowClause.Order> left = sortKeys(windows.get(a));
            List<WindowClause.Order> right = sortKeys(windows.get(b));
            if (left.size() != right.size() && isPrefix(left, right)) {
                return 1;
            }
            if (left.size() != right.size() && isPrefix(right, left)) {
                return -1;
            }
            return 0;
        });
        return order;
    }

    /** PARTITION BY keys (ascending, nulls last) then ORDER BY keys. */
    static List<WindowClause.Order> sortKeys(WindowClause window) {
        List<WindowClause.Order> keys = new ArrayList<>();
        for (QueryExpr expr : window.partitionBy()) {
            keys.add(new WindowClause.Order(expr, false, false, null));
        }
        for (WindowClause.Order order : window.orderBy()) {
            if (!keys.contains(order)) {
                keys.add(order);
            }
        }
        return keys;
    }

    /** Whether {@code prefix} equals the first keys of {@code keys}. */
    static boolean isPrefix(List<WindowClause.Order> prefix, List<WindowClause.Order> keys) {
        return prefix.size() <= keys.size() && keys.subList(0, prefix.size()).equals(prefix);
    }

    private static Plan sort(CostModel costs, Plan input, List<WindowClause.Order> keys) {
        List<SortKey> sortKeys = new ArrayList<>();
        List<QueryExpr> exprs = new ArrayList<>();
        for (WindowClause.Order key : keys) {
            sortKeys.add(new SortKey(-1, key.descending(), key.nullsFirst(),
                    key.comparator() != null ? key.comparator() : costs.comparator(key.expr().type())));
            exprs.add(key.expr());
        }
        double total = input.cost().total() + costs.sortCost(input.cost().rows(), -1);
        return new Plan.Sort(input, sortKeys, exprs, new Plan.Cost(total,
                total + input.cost().rows() * costs.cpuOperatorCost(), input.cost().rows(), input.cost().width()));
    }
}
