package org.woolly.analyzer;

import java.util.ArrayList;
import java.util.List;
import org.woolly.nodes.parse.Expr;
import org.woolly.nodes.query.ExpressionWalker;
import org.woolly.nodes.query.QueryExpr;
import org.woolly.nodes.query.WindowClause;
import org.woolly.utils.adt.TypeOids;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/** Function and aggregate calls ({@code parse_func.c}, {@code parse_agg.c}). */
final class FunctionAnalyzer {

    /**
     * The ordered-set aggregates ({@code aggkind 'o'}): called as {@code agg(direct args) WITHIN
     * GROUP (ORDER BY sorted args)}, their arguments are the direct ones then the sorted ones.
     */
    private static final java.util.Set<String> ORDERED_SET_AGGREGATES = java.util.Set.of("percentile_cont",
            "percentile_disc", "mode");

    private FunctionAnalyzer() {}

    static QueryExpr transform(ExpressionAnalyzer analyzer, ParseState state, Expr.FuncCall written) {
        BuiltinArguments.checkNamedArguments(written);
        Expr.FuncCall call = BuiltinArguments.positional(state, written);
        String name = call.name().name();
        if (call.name().schema() != null && !call.name().schema().equals("pg_catalog")) {
            boolean none;
            try {
                none = state.catalog.lookupFunctions(state.transaction, call.name().schema(), name).isEmpty()
                        && state.catalog.lookupAggregates(state.transaction, call.name().schema(), name).isEmpty();
            } catch (org.woolly.utils.error.SqlException denied) {
                // a schema the user may not use: the error points at the call
                throw ParseState.at(denied, call.location());
            }
            if (none) {
                throw ParseState.error(SqlState.UNDEFINED_FUNCTION, call.location(), "function %s does not exist",
                        call.name());
            }
        }
        if (HypotheticalSetAggregates.applies(call)) {
            return analyzer.transform(HypotheticalSetAggregates.rewrite(call, () -> {
                List<String> types = new ArrayList<>();
                call.args().forEach(arg -> types.add(state.types.formatType(analyzer.transform(arg).type(), -1)));
                return types;
            }));
        }
        if (call.over() != null) {
            if (call.withinGroup()) {
                throw ParseState.error(SqlState.FEATURE_NOT_SUPPORTED, call.location(),
                        "OVER is not supported for ordered-set aggregate %s", name);
            }
            return WindowAnalyzer.windowCall(analyzer, state, call);
        }
        List<QueryExpr> args = new ArrayList<>();
        int[] argumentTypes = new int[call.args().size()];
        TypeSystem.AggregateMatch aggregate;
        int aggregatesBefore = state.aggregateLocations.size();
        int windowsBefore = state.windowLocations.size();
        List<Integer> bindingsBefore = bindingCounts(state);
        for (int i = 0; i < call.args().size(); i++) {
            QueryExpr arg = analyzer.transform(RoutineCalls.value(call.args().get(i)));
            args.add(arg);
            argumentTypes[i] = arg.type();
        }
        try {
            aggregate = state.types.resolveAggregate(call.name().schema(), name, argumentTypes, call.star());
        } catch (SqlException error) {
            throw ParseState.at(error, call.location());
        }
        if (aggregate != null) {
            boolean orderedSet = ORDERED_SET_AGGREGATES.contains(name);
            if (call.withinGroup() && !orderedSet) {
                throw ParseState.error(SqlState.WRONG_OBJECT_TYPE, call.location(),
                        "%s is not an ordered-set aggregate, so it cannot have WITHIN GROUP", name);
            }
            if (orderedSet && !call.withinGroup()) {
                throw ParseState.error(SqlState.WRONG_OBJECT_TYPE, call.location(),
                        "WITHIN GROUP is required for ordered-set aggregate %s", name);
            }
            if (state.aggregateLocations.size() > aggregatesBefore) {
                throw ParseState.error(SqlState.GROUPING_ERROR, state.aggregateLocations.get(aggregatesBefore),
                        "aggregate function calls cannot be nested");
            }
            if (state.windowLocations.size() > windowsBefore) {
                throw ParseState.error(SqlState.GROUPING_ERROR, state.windowLocations.get(windowsBefore),
                        "aggregate function calls cannot contain window function calls");
            }
            int levelsUp = aggregateLevelsUp(state, args);
            if (levelsUp > 0) {
                return outerLevelAggregate(state, call, bindingsBefore, levelsUp);
            }
            return aggregateCall(analyzer, state, call, args, aggregate);
        }
        WindowAnalyzer.requireOver(name, call.location());
        if (call.star() || call.distinct() || call.filter() != null
                || (!call.withinGroup() && call.orderBy() != null && !call.orderBy().isEmpty())) {
            throw ParseState.error(SqlState.WRONG_OBJECT_TYPE, call.location(),
                    "%s specified, but %s is not an aggregate function",
                    call.star() ? "*" : call.distinct() ? "DISTINCT" : call.filter() != null ? "FILTER" : "ORDER BY",
                    name);
        }
        QueryExpr routine = RoutineCalls.transform(analyzer, state, call, args);
        if (routine != null) {
            if (call.withinGroup()) {
                throw notAggregateWithinGroup(call, name);
            }
            return routine;
        }
        TypeSystem.FunctionMatch match;
        try {
            match = state.types.resolveFunction(name, argumentTypes);
        } catch (SqlException error) {
            throw ParseState.at(error, call.location());
        }
        if (call.withinGroup()) {
            throw notAggregateWithinGroup(call, name);
        }
        List<QueryExpr> coerced = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            coerced.add(analyzer.coerceArgument(args.get(i), match.argumentTargets()[i], call.args().get(i).location()));
        }
        if (match.function().returnsSet()) {
            checkSetReturning(state, coerced, call.location());
            state.setReturningLocation = call.location();
        }
        QueryExpr.FuncCall result = new QueryExpr.FuncCall(match.function(), coerced, false,
                match.function().resultType());
        return argumentTypes.length == 0 ? result
                : RecordFunctions.bindBase(state, result, argumentTypes[0]);
    }

    private static SqlException notAggregateWithinGroup(Expr.FuncCall call, String name) {
        return ParseState.error(SqlState.WRONG_OBJECT_TYPE, call.location(),
                "WITHIN GROUP specified, but %s is not an aggregate function", name);
    }

    /**
     * {@code agg(args ORDER BY ...)} ({@code transformAggregateCall}): the sort expressions, which
     * may not hold aggregates or window functions, and with DISTINCT must be arguments (42P10).
     */
    private static List<WindowClause.Order> aggregateOrder(ExpressionAnalyzer analyzer, ParseState state,
                                                           Expr.FuncCall call, List<QueryExpr> args) {
        if (call.orderBy() == null || call.orderBy().isEmpty()) {
            return List.of();
        }
        int aggregatesBefore = state.aggregateLocations.size();
        int windowsBefore = state.windowLocations.size();
        List<WindowClause.Order> order = new ArrayList<>();
        for (org.woolly.nodes.parse.SortBy sortBy : call.orderBy()) {
            QueryExpr expr = Coercions.unknownToText(state, analyzer.transform(sortBy.expr()));
            if (state.aggregateLocations.size() > aggregatesBefore) {
                throw ParseState.error(SqlState.GROUPING_ERROR, state.aggregateLocations.get(aggregatesBefore),
                        "aggregate function calls cannot be nested");
            }
            if (state.windowLocations.size() > windowsBefore) {
                throw ParseState.error(SqlState.GROUPING_ERROR, state.windowLocations.get(windowsBefore),
                        "aggregate function calls cannot contain window function calls");
            }
            if (call.distinct() && !args.contains(expr)) {
                throw ParseState.error(SqlState.INVALID_COLUMN_REFERENCE, sortBy.expr().location(),
                        "in an aggregate with DISTINCT, ORDER BY expressions must appear in argument list");
            }
            boolean nullsFirst = sortBy.nullsFirst() != null ? sortBy.nullsFirst() : sortBy.descending();
            order.add(new WindowClause.Order(expr, sortBy.descending(), nullsFirst, state.types.comparator(expr.type())));
        }
        return order;
    }

    /** 0A000 for a set-returning call inside another expression in FROM, pointing at that call. */
    static SqlException topLevelOfFrom(ParseState state) {
        return ParseState.error(SqlState.FEATURE_NOT_SUPPORTED, state.setReturningLocation,
                "set-returning functions must appear at top level of FROM");
    }

    /** True when {@code expr} calls a set-returning function anywhere. */
    static boolean containsSetReturning(QueryExpr expr) {
        return ExpressionWalker.contains(expr, node -> node instanceof QueryExpr.FuncCall call
                && call.function().returnsSet());
    }

    /**
     * Where a set-returning function may be called ({@code check_srf_call_placement}): in the
     * select list and as a function in FROM; 0A000 elsewhere, naming the clause as PostgreSQL does.
     */
    private static void checkSetReturning(ParseState state, List<QueryExpr> args, int location) {
        if (!state.setReturningAllowed || state.setReturningForbiddenIn != null) {
            String where = state.setReturningForbiddenIn != null ? state.setReturningForbiddenIn
                    : state.aggregateForbiddenIn != null ? state.aggregateForbiddenIn : "this context";
            SqlException error = ParseState.error(SqlState.FEATURE_NOT_SUPPORTED, location,
                    "set-returning functions are not allowed in %s", where);
            throw where.equals("CASE") || where.equals("COALESCE")
                    ? error.withHint("You might be able to move the set-returning function into a LATERAL FROM item.")
                    : error;
        }
        for (QueryExpr arg : args) {
            if (containsSetReturning(arg) && "functions in FROM".equals(state.aggregateForbiddenIn)) {
                throw topLevelOfFrom(state);
            }
            if (containsSetReturning(arg)) {
                throw ExpressionAnalyzer.unsupported("set-returning functions in the arguments of a set-returning function",
                        location);
            }
        }
    }

    /**
     * The query level an aggregate belongs to, counted up from this one ({@code agglevelsup} of
     * {@code check_agglevels_and_constraints}): the nearest level whose columns its arguments
     * read. 0 when they read a column of this level (or hold a subquery, or nothing at all);
     * {@code (SELECT max(t.a))} in a query over t gives 1. An outer column reaches this level
     * as an execution parameter bound at the level just below its owner, so the parameter's
     * binding tells how far up the column is.
     */
    private static int aggregateLevelsUp(ParseState state, List<QueryExpr> args) {
        if (state.parent == null || state.parentHidden || args.isEmpty()) {
            return 0;
        }
        int[] nearest = {Integer.MAX_VALUE};
        for (QueryExpr arg : args) {
            ExpressionWalker.contains(arg, node -> {
                if (node instanceof QueryExpr.ExecParam param) {
                    nearest[0] = Math.min(nearest[0], bindingLevel(state, param.id()));
                } else if (node instanceof QueryExpr.Var || node instanceof QueryExpr.SubLink) {
                    nearest[0] = 0;
                }
                return false;
            });
        }
        return nearest[0] == Integer.MAX_VALUE ? 0 : nearest[0];
    }

    /** The number of parameters each level from this one up passes, to forget those an analysis added. */
    private static List<Integer> bindingCounts(ParseState state) {
        List<Integer> counts = new ArrayList<>();
        for (ParseState level = state; level != null; level = level.parent) {
            counts.add(level.bindings.size());
        }
        return counts;
    }

    /** How many levels up the column behind parameter {@code id} lives: 1 when bound here; 0 if unknown. */
    private static int bindingLevel(ParseState state, int id) {
        int level = 1;
        for (ParseState passing = state; passing != null && passing.parent != null; passing = passing.parent, level++) {
            for (org.woolly.nodes.query.ParamBinding binding : passing.bindings) {
                if (binding.param() == id) {
                    return level;
                }
            }
        }
        return 0;
    }

    /**
     * The aggregate analyzed again at the level {@code levelsUp} above, whose aggregation
     * computes it; this level reads its value as an outer reference, passed as a parameter by
     * the level just below that one (the parameters the first analysis passed are dropped).
     */
    private static QueryExpr outerLevelAggregate(ParseState state, Expr.FuncCall call, List<Integer> bindingsBefore,
                                                 int levelsUp) {
        ParseState level = state;
        for (int before : bindingsBefore) {
            level.bindings.subList(before, level.bindings.size()).clear();
            level = level.parent;
        }
        ParseState passing = state;
        for (int i = 1; i < levelsUp; i++) {
            passing = passing.parent;
        }
        ParseState owner = passing.parent;
        QueryExpr value = transform(new ExpressionAnalyzer(owner), owner, call);
        int param = state.newExecParam();
        passing.bindings.add(new org.woolly.nodes.query.ParamBinding(param, value));
        return new QueryExpr.ExecParam(param, value.type(), value.typmod(), call.name().name());
    }

    private static QueryExpr aggregateCall(ExpressionAnalyzer analyzer, ParseState state, Expr.FuncCall call,
                                           List<QueryExpr> args, TypeSystem.AggregateMatch match) {
        if (state.aggregateForbiddenIn != null) {
            throw ParseState.error(SqlState.GROUPING_ERROR, call.location(), "aggregate functions are not allowed in %s",
                    state.aggregateForbiddenIn);
        }
        List<QueryExpr> coerced = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            QueryExpr arg = args.get(i);
            int target = match.argumentTargets().length > i ? match.argumentTargets()[i] : arg.type();
            if (arg.type() == TypeOids.UNKNOWN && (target == TypeOids.UNKNOWN || target == TypeOids.ANYELEMENT || target == 0)) {
                target = TypeOids.TEXT;
            }
            coerced.add(analyzer.coerceArgument(arg, target, call.args().get(i).location()));
        }
        for (QueryExpr arg : coerced) {
            if (containsSetReturning(arg)) {
                throw ParseState.error(SqlState.FEATURE_NOT_SUPPORTED, state.setReturningLocation,
                        "aggregate function calls cannot contain set-returning function calls")
                        .withHint("You might be able to move the set-returning function into a LATERAL FROM item.");
            }
        }
        QueryExpr filter = null;
        if (call.filter() != null) {
            String saved = state.aggregateForbiddenIn;
            state.aggregateForbiddenIn = "FILTER";
            try {
                filter = analyzer.transformCondition(call.filter(), "FILTER");
            } finally {
                state.aggregateForbiddenIn = saved;
            }
        }
        List<WindowClause.Order> orderBy = aggregateOrder(analyzer, state, call, coerced);
        QueryExpr.Aggregate aggregate = new QueryExpr.Aggregate(match.aggregate(), coerced, call.star(), call.distinct(),
                filter, match.aggregate().resultType(), orderBy);
        state.aggregates.add(aggregate);
        state.aggregateLocations.add(call.location());
        return aggregate;
    }
}
