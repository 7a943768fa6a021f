package org.woolly.optimizer;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.woolly.nodes.parse.Expr;
import org.woolly.nodes.plan.Plan;
import org.woolly.nodes.query.ExpressionWalker;
import org.woolly.nodes.query.FromNode;
import org.woolly.nodes.query.ParamBinding;
import org.woolly.nodes.query.Query;
import org.woolly.nodes.query.QueryExpr;
import org.woolly.nodes.query.RangeEntry;
import org.woolly.nodes.query.TargetEntry;

/**
 * Correlated EXISTS run once and hashed, in the spirit of PostgreSQL's pull-up of EXISTS into a
 * semi join ({@code convert_EXISTS_sublink_to_join}): when the subquery is a plain join of
 * tables whose WHERE reads the outer row only in conjuncts {@code inner expression = outer
 * column} of one type, those conjuncts are removed, the subquery yields the inner expressions
 * once, and each outer row only looks its values up. Anything else stays a SubPlan run per row.
 */
final class HashedSubPlans {

    private HashedSubPlans() {}

    static Plan plan(QueryExpr.SubLink link, Function<Query, Plan> planner) {
        Query query = link.query();
        if (link.kind() != Expr.SubLink.Kind.EXISTS || !link.correlated() || query.setOperation() != null
                || query.hasAggregation() || query.distinct() || query.limit() != null || query.offset() != null
                || query.where() == null || query.command() != Query.CommandType.SELECT) {
            return null;
        }
        for (RangeEntry entry : query.rangeTable()) {
            if (entry.kind() != RangeEntry.Kind.RELATION) {
                return null;
            }
        }
        Set<Integer> params = new HashSet<>();
        for (ParamBinding binding : link.bindings()) {
            params.add(binding.param());
        }
        List<QueryExpr> conjuncts = new ArrayList<>();
        flatten(query.where(), conjuncts);
        List<QueryExpr> rest = new ArrayList<>();
        List<QueryExpr> keys = new ArrayList<>();
        List<Integer> keyParams = new ArrayList<>();
        for (QueryExpr conjunct : conjuncts) {
            if (conjunct instanceof QueryExpr.FuncCall call && call.operator() && call.function().name().equals("=")
                    && call.args().size() == 2 && call.args().get(0).type() == call.args().get(1).type()) {
                QueryExpr left = call.args().get(0);
                QueryExpr right = call.args().get(1);
                if (right instanceof QueryExpr.ExecParam param && params.contains(param.id()) && free(left, params)) {
                    keys.add(left);
                    keyParams.add(param.id());
                    continue;
                }
                if (left instanceof QueryExpr.ExecParam param && params.contains(param.id()) && free(right, params)) {
                    keys.add(right);
                    keyParams.add(param.id());
                    continue;
                }
            }
            if (!free(conjunct, params)) {
                return null;
            }
            rest.add(conjunct);
        }
        if (keys.isEmpty() || !joinsFree(query.from(), params)) {
            return null;
        }
        List<TargetEntry> targets = new ArrayList<>();
        for (QueryExpr key : keys) {
            targets.add(new TargetEntry(key, "key", 0, (short) 0, false));
        }
        QueryExpr where = rest.isEmpty() ? null : rest.size() == 1 ? rest.getFirst()
                : new QueryExpr.BoolOp(QueryExpr.BoolOp.BoolKind.AND, rest);
        Query once = new Query(Query.CommandType.SELECT, query.rangeTable(), query.from(), where, targets, List.of(),
                List.of(), null, List.of(), false, null, null, null, null);
        Plan subplan = planner.apply(once);
        return new Plan.HashedSubPlan(subplan, keyParams.stream().mapToInt(Integer::intValue).toArray(),
                keys.stream().map(QueryExpr::type).toList(), subplan.cost());
    }

    private static void flatten(QueryExpr expr, List<QueryExpr> out) {
        if (expr instanceof QueryExpr.BoolOp bool && bool.kind() == QueryExpr.BoolOp.BoolKind.AND) {
            for (QueryExpr arg : bool.args()) {
                flatten(arg, out);
            }
        } else {
            out.add(expr);
        }
    }

    /** Whether the expression reads none of the outer columns and holds no subquery. */
    private static boolean free(QueryExpr expr, Set<Integer> params) {
        return !ExpressionWalker.contains(expr, node -> node instanceof QueryExpr.SubLink
                || node instanceof QueryExpr.ExecParam param && params.contains(param.id()));
    }

    private static boolean joinsFree(List<FromNode> from, Set<Integer> params) {
        for (FromNode node : from) {
            if (node instanceof FromNode.Join join && (join.quals() != null && !free(join.quals(), params)
                    || !joinsFree(List.of(join.left(), join.right()), params))) {
                return false;
            }
        }
        return true;
    }
}
