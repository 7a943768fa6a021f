package org.woolly.executor;

import java.util.ArrayList;
import java.util.List;
import org.woolly.nodes.plan.Plan;
import org.woolly.nodes.query.FunctionHandle;
import org.woolly.nodes.query.ParamBinding;
import org.woolly.nodes.query.QueryExpr;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * Subqueries in expressions ({@code nodeSubplan.c}): an uncorrelated one (init plan) runs the
 * first time the expression is evaluated and its result is kept for the statement; a correlated
 * one stores the outer columns it reads in their execution parameters and runs again for each
 * evaluation ({@code ExecScanSubPlan}).
 */
final class SubLinkEvaluator {

    private SubLinkEvaluator() {}

    static CompiledExpression compile(ExpressionCompiler compiler, ExecutorContext context, QueryExpr.SubLink link) {
        Plan plan = context.subplans().get(link.planIndex());
        List<Object[]>[] cache = link.correlated() ? null : newCache();
        if (plan instanceof Plan.HashedSubPlan hashed) {
            return hashedExists(compiler, context, link, hashed);
        }
        if (link.hashed()) {
            return hashedAny(compiler, context, link, plan);
        }
        if (link.correlated()) {
            int[] params = link.bindings().stream().mapToInt(ParamBinding::param).toArray();
            CompiledExpression[] values = compiler.all(link.bindings().stream().map(ParamBinding::value).toList());
            CompiledExpression body = compile(compiler, context, link, plan, null);
            return row -> {
                for (int i = 0; i < params.length; i++) {
                    context.setExecParam(params[i], values[i].evaluate(row));
                }
                return body.evaluate(row);
            };
        }
        return compile(compiler, context, link, plan, cache);
    }

    /** The test of a SubLink over its subplan's rows, kept for the statement when {@code cache} is non-null. */
    private static CompiledExpression compile(ExpressionCompiler compiler, ExecutorContext context, QueryExpr.SubLink link,
                                              Plan plan, List<Object[]>[] cache) {
        return switch (link.kind()) {
            case EXISTS -> row -> !rows(context, plan, cache, 1).isEmpty();
            case EXPR -> row -> {
                List<Object[]> rows = rows(context, plan, cache, 2);
                if (rows.size() > 1) {
                    throw SqlException.of(SqlState.CARDINALITY_VIOLATION, "more than one row returned by a subquery used as an expression");
                }
                return rows.isEmpty() ? null : rows.getFirst()[0];
            };
            case MULTIEXPR -> {
                CompiledExpression column = compiler.compile(link.rightValue());
                yield row -> {
                    List<Object[]> rows = rows(context, plan, cache, 2);
                    if (rows.size() > 1) {
                        throw SqlException.of(SqlState.CARDINALITY_VIOLATION,
                                "more than one row returned by a subquery used as an expression");
                    }
                    return rows.isEmpty() ? null : column.evaluate(rows.getFirst());
                };
            }
            case ARRAY -> {
                int elementType = org.woolly.utils.adt.BuiltinTypes.elementType(link.type());
                boolean ofArrays = link.query().outputColumns().getFirst().expr().type() == link.type();
                yield row -> {
                    List<Object> values = new ArrayList<>();
                    for (Object[] subRow : rows(context, plan, cache, Integer.MAX_VALUE)) {
                        values.add(subRow[0]);
                    }
                    return ofArrays ? org.woolly.utils.adt.ArrayValue.accumulate(elementType, values)
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

    /** EXISTS over a hashed subplan: its key rows computed once, then a lookup of the outer values per row. */
    private static CompiledExpression hashedExists(ExpressionCompiler compiler, ExecutorContext context,
                                                   QueryExpr.SubLink link, Plan.HashedSubPlan hashed) {
        int width = hashed.keyParams().length;
        int[] types = hashed.keyTypes().stream().mapToInt(Integer::intValue).toArray();
        CompiledExpression[] values = new CompiledExpression[width];
        for (int i = 0; i < width; i++) {
            for (ParamBinding binding : link.bindings()) {
                if (binding.param() == hashed.keyParams()[i]) {
                    values[i] = compiler.compile(binding.value());
                }
            }
        }
        java.util.Set<List<Object>>[] table = newTable();
        return row -> {
            if (table[0] == null) {
                java.util.Set<List<Object>> keys = new java.util.HashSet<>();
                for (Object[] subRow : rows(context, hashed.subplan(), null, Integer.MAX_VALUE)) {
                    keys.add(RowNodes.key(context, subRow, width, types));
                }
                table[0] = keys;
            }
            Object[] outer = new Object[width];
            for (int i = 0; i < width; i++) {
                outer[i] = values[i].evaluate(row);
                if (outer[i] == null) {
                    return false;
                }
            }
            return table[0].contains(RowNodes.key(context, outer, width, types));
        };
    }

    /**
     * An uncorrelated {@code = ANY} over hashed values ({@code ExecHashSubPlan}): the values are
     * read and hashed the first time; a test value found is true; otherwise the answer is null
     * when the test value is null or the subquery gave a null (and some row), else false.
     */
    private static CompiledExpression hashedAny(ExpressionCompiler compiler, ExecutorContext context,
                                               QueryExpr.SubLink link, Plan plan) {
        CompiledExpression test = compiler.compile(link.test());
        CompiledExpression rightValue = compiler.compile(link.rightValue());
        int type = link.test().type();
        java.util.Set<Object> values = new java.util.HashSet<>();
        boolean[] state = new boolean[3]; // read, some value was null, some row was read
        return row -> {
            if (!state[0]) {
                for (Object[] subRow : rows(context, plan, null, Integer.MAX_VALUE)) {
                    state[2] = true;
                    Object value = rightValue.evaluate(subRow);
                    if (value == null) {
                        state[1] = true;
                    } else {
                        values.add(context.types().groupingKey(type, value));
                    }
                }
                state[0] = true;
            }
            Object left = test.evaluate(row);
            if (left == null) {
                return state[2] ? null : Boolean.FALSE;
            }
            if (values.contains(context.types().groupingKey(type, left))) {
                return Boolean.TRUE;
            }
            return state[1] ? null : Boolean.FALSE;
        };
    }

    @SuppressWarnings("unchecked")
    private static java.util.Set<List<Object>>[] newTable() {
        return (java.util.Set<List<Object>>[]) new java.util.Set<?>[1];
    }

    @SuppressWarnings("unchecked")
    private static List<Object[]>[] newCache() {
        return (List<Object[]>[]) new List<?>[1];
    }

    /** The subplan's rows (at most {@code limit}), computed once. */
    private static List<Object[]> rows(ExecutorContext context, Plan plan, List<Object[]>[] cache, int limit) {
        if (cache == null || cache[0] == null) {
            List<Object[]> rows = new ArrayList<>();
            try (QueryExecution execution = new QueryExecution(plan, context)) {
                Object[] row;
                while (rows.size() < limit && (row = execution.next()) != null) {
                    rows.add(row);
                }
            }
            if (cache == null) {
                return rows;
            }
            cache[0] = rows;
        }
        return cache[0];
    }
}
