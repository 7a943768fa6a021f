package org.woolly.executor;

import java.util.ArrayList;
import java.util.List;
import org.woolly.nodes.plan.Plan;
import org.woolly.nodes.query.FunctionHandle;
import org.woolly.nodes.query.QueryExpr;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * Uncorrelated subqueries in expressions ({@code nodeSubplan.c}, init-plan case): the subplan
 * runs the first time the expression is evaluated and its result is kept for the statement.
 */
final class SubLinkEvaluator {

    private SubLinkEvaluator() {}

    static CompiledExpression compile(ExpressionCompiler compiler, ExecutorContext context, QueryExpr.SubLink link) {
        Plan plan = context.subplans().get(link.planIndex());
        List<Object[]>[] cache = newCache();
        return switch (link.kind()) {
            case EXISTS -> row -> !rows(context, plan, cache, 1).isEmpty();
            case EXPR -> row -> {
                List<Object[]> rows = rows(context, plan, cache, 2);
                if (rows.size() > 1) {
                    throw SqlException.of(SqlState.CARDINALITY_VIOLATION, "more than one row returned by a subquery used as an expression");
                }
                return rows.isEmpty() ? null : rows.getFirst()[0];
            };
            case ARRAY -> {
                int elementType = org.woolly.utils.adt.BuiltinTypes.elementType(link.type());
                boolean ofArrays = link.query().outputColumns().getFirst().expr().type() == link.type();
                yield row -> {
                    List<Object> values = new ArrayList<>();
                    for (Object[] subRow : rows(context, plan, cache, Integer.MAX_VALUE)) {
                        values.add(subRow[0]);
                    }
                    return ofArrays ? ArrayExpressions.accumulate(elementType, values)
                            : org.woolly.utils.adt.ArrayValue.of(elementType, values);
                };
            }
            case ANY, ALL -> {
                CompiledExpression test = compiler.compile(link.test());
                CompiledExpression rightValue = compiler.compile(link.rightValue());
                FunctionHandle operator = link.operator();
                boolean all = link.kind() == org.woolly.nodes.parse.Expr.SubLink.Kind.ALL;
                yield row -> {
                    Object left = test.evaluate(row);
                    List<Object> rights = new ArrayList<>();
                    for (Object[] subRow : rows(context, plan, cache, Integer.MAX_VALUE)) {
                        rights.add(rightValue.evaluate(subRow));
                    }
                    return ArrayExpressions.quantified(context, operator, all, left, rights);
                };
            }
        };
    }

    @SuppressWarnings("unchecked")
    private static List<Object[]>[] newCache() {
        return (List<Object[]>[]) new List<?>[1];
    }

    /** The subplan's rows (at most {@code limit}), computed once. */
    private static List<Object[]> rows(ExecutorContext context, Plan plan, List<Object[]>[] cache, int limit) {
        if (cache[0] == null) {
            List<Object[]> rows = new ArrayList<>();
            try (QueryExecution execution = new QueryExecution(plan, context)) {
                Object[] row;
                while (rows.size() < limit && (row = execution.next()) != null) {
                    rows.add(row);
                }
            }
            cache[0] = rows;
        }
        return cache[0];
    }
}
