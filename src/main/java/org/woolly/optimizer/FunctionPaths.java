package org.woolly.optimizer;

import java.util.ArrayList;
import java.util.List;
import org.woolly.nodes.plan.Plan;
import org.woolly.nodes.query.ExpressionWalker;
import org.woolly.nodes.query.QueryExpr;
import org.woolly.nodes.query.RangeEntry;
import org.woolly.utils.adt.SetReturningFunctions;

/**
 * Plans for set-returning functions: the FunctionScan of a function in FROM
 * ({@code cost_functionscan}) and the ProjectSet of a select list that calls them
 * ({@code create_set_projection_path}), with PostgreSQL's row estimates ({@code prorows}, or the
 * support function's count for {@code generate_series} over constant integers).
 */
final class FunctionPaths {
    private FunctionPaths() {}

    /** The rows one call returns: 1 for a plain function, else the estimate. */
    static double rows(QueryExpr call) {
        if (!(call instanceof QueryExpr.FuncCall funcCall) || !funcCall.function().returnsSet()) {
            return 1;
        }
        Object[] constants = new Object[funcCall.args().size()];
        for (int i = 0; i < constants.length; i++) {
            if (!(funcCall.args().get(i) instanceof QueryExpr.Const constant)) {
                return SetReturningFunctions.declaredRows(funcCall.function().oid());
            }
            constants[i] = constant.value();
        }
        double estimate = SetReturningFunctions.estimateRows(funcCall.function().oid(), constants);
        return estimate < 0 ? SetReturningFunctions.declaredRows(funcCall.function().oid()) : Math.max(estimate, 1);
    }

    /**
     * Evaluating the call once (each function or operator cpu_operator_cost), then cpu_tuple_cost a
     * row. A plain function of constants without ordinality is a one-row Result computing it, as
     * PostgreSQL's {@code pull_up_constant_function} turns it into an RTE_RESULT (PostgreSQL folds
     * immutable calls only; here any non-volatile call of constants qualifies, which changes the
     * plan's shape, not its rows).
     */
    static Plan scan(CostModel costs, RangeEntry entry) {
        QueryExpr call = entry.function().call();
        if (!entry.function().returnsSet() && !entry.function().ordinality() && entry.function().recordColumns() == 0
                && constant(call)) {
            Plan result = new Plan.Result(new Plan.Cost(0, costs.cpuTupleCost(), 1, 0));
            return new Plan.Project(result, List.of(call), new Plan.Cost(0, costs.cpuTupleCost()
                    + CostModel.operatorCount(call) * costs.cpuOperatorCost(), 1, costs.width(entry)));
        }
        double startup = CostModel.operatorCount(call) * costs.cpuOperatorCost();
        double rows = rows(call);
        return new Plan.FunctionScan(entry, new Plan.Cost(startup, startup + rows * costs.cpuTupleCost(), rows,
                costs.width(entry)));
    }

    private static boolean constant(QueryExpr expr) {
        return !ExpressionWalker.contains(expr, node -> !(node instanceof QueryExpr.Const
                || node instanceof QueryExpr.Cast
                || node instanceof QueryExpr.FuncCall call && !call.function().isVolatile()));
    }

    static boolean returnsSet(List<QueryExpr> exprs) {
        for (QueryExpr expr : exprs) {
            if (isSetReturning(expr) || ExpressionWalker.contains(expr, FunctionPaths::isSetReturning)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isSetReturning(QueryExpr expr) {
        return expr instanceof QueryExpr.FuncCall call && call.function().returnsSet();
    }

    /**
     * The ProjectSet computing {@code exprs} over {@code input}: each set-returning call becomes a
     * column in front of the input row, the input's columns move behind them.
     */
    static Plan projectSet(CostModel costs, Plan input, List<QueryExpr> exprs, int width) {
        List<QueryExpr> needed = new ArrayList<>();
        for (QueryExpr expr : exprs) {
            ExpressionWalker.contains(expr, node -> {
                if (node instanceof QueryExpr.Var var && !needed.contains(var)) {
                    needed.add(var);
                }
                return false;
            });
        }
        if (!needed.isEmpty()) {
            // the input emits only the columns the select list reads, as PostgreSQL's scan target list
            int neededWidth = 0;
            for (QueryExpr var : needed) {
                neededWidth += costs.width(var.type(), var.typmod());
            }
            input = new Plan.Project(input, needed, new Plan.Cost(input.cost().startup(), input.cost().total(),
                    input.cost().rows(), neededWidth));
            List<QueryExpr> narrowed = new ArrayList<>();
            for (QueryExpr expr : exprs) {
                narrowed.add(ExpressionWalker.rewrite(expr, node -> node instanceof QueryExpr.Var var
                        ? new QueryExpr.Var(needed.indexOf(var), var.type(), var.typmod(), var.name(), var.location())
                        : null));
            }
            exprs = narrowed;
        }
        List<QueryExpr> calls = new ArrayList<>();
        List<QueryExpr> rewritten = new ArrayList<>();
        for (QueryExpr expr : exprs) {
            rewritten.add(ExpressionWalker.rewrite(expr, node -> {
                if (isSetReturning(node)) {
                    int index = calls.indexOf(node);
                    if (index < 0) {
                        calls.add(node);
                        index = calls.size() - 1;
                    }
                    return new QueryExpr.Var(index, node.type(), node.typmod(), "", -1);
                }
                return node instanceof QueryExpr.Var var ? new QueryExpr.Var(-1 - var.position(), var.type(),
                        var.typmod(), var.name(), var.location()) : null;
            }));
        }
        int count = calls.size();
        List<QueryExpr> shifted = new ArrayList<>();
        for (QueryExpr expr : rewritten) {
            shifted.add(ExpressionWalker.rewrite(expr, node -> node instanceof QueryExpr.Var var && var.position() < 0
                    ? new QueryExpr.Var(-1 - var.position() + count, var.type(), var.typmod(), var.name(), var.location())
                    : null));
        }
        double maxRows = 1;
        for (QueryExpr call : calls) {
            maxRows = Math.max(maxRows, rows(call));
        }
        double perTuple = 0;
        for (QueryExpr expr : exprs) {
            perTuple += CostModel.operatorCount(expr) * costs.cpuOperatorCost();
        }
        Plan.Cost in = input.cost();
        double rows = in.rows() * maxRows;
        double total = in.total() + (costs.cpuTupleCost() + perTuple) * in.rows()
                + (rows - in.rows()) * costs.cpuTupleCost() / 2;
        return new Plan.ProjectSet(input, calls, shifted, new Plan.Cost(in.startup(), total, rows, width));
    }
}
