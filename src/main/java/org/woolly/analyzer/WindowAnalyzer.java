package org.woolly.analyzer;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.woolly.nodes.parse.Expr;
import org.woolly.nodes.parse.SortBy;
import org.woolly.nodes.query.ExpressionWalker;
import org.woolly.nodes.query.QueryExpr;
import org.woolly.nodes.query.WindowClause;
import org.woolly.utils.adt.PgWindowData;
import org.woolly.utils.adt.TypeOids;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * Window function calls and window definitions ({@code transformWindowFuncCall} in
 * {@code parse_agg.c}, {@code transformWindowDefinitions} and {@code transformFrameOffset} in
 * {@code parse_clause.c}): the built-in window functions of {@code windowfuncs.c} and every
 * aggregate with OVER, named windows of the WINDOW clause (copied and extended as PostgreSQL
 * allows), frames with their offsets, and the errors PostgreSQL raises (42P20 for nested
 * calls and misplaced ones, 42809 for OVER on a plain function).
 */
final class WindowAnalyzer {
    /** The built-in window functions ({@code prokind 'w'}). */
    static final Set<String> WINDOW_FUNCTIONS = PgWindowData.all().stream().map(PgWindowData.WindowFunction::name)
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

    private WindowAnalyzer() {}

    /** Registers the WINDOW clause: 42P20 for a name defined twice. */
    static void registerWindows(ParseState state, List<Expr.NamedWindow> windows) {
        for (Expr.NamedWindow window : windows) {
            if (state.namedWindows.containsKey(window.name())) {
                throw ParseState.error(SqlState.WINDOWING_ERROR, window.spec().location(), "window \"%s\" is already defined",
                        window.name());
            }
            Expr.WindowDef merged = window.spec().name() == null ? window.spec()
                    : merge(state, window.spec(), false);
            state.namedWindows.put(window.name(), merged);
        }
    }

    /** Analyzes every named window, used or not, so that their errors surface as in PostgreSQL. */
    static void checkNamedWindows(ExpressionAnalyzer analyzer, ParseState state) {
        for (var entry : state.namedWindows.entrySet()) {
            clause(analyzer, state, entry.getValue(), entry.getKey());
        }
    }

    /** 42809 for a window function called without OVER. */
    static void requireOver(String name, int location) {
        if (WINDOW_FUNCTIONS.contains(name)) {
            throw ParseState.error(SqlState.WRONG_OBJECT_TYPE, location, "window function %s requires an OVER clause",
                    name);
        }
    }

    /** A call with OVER: a built-in window function or an aggregate. */
    static QueryExpr windowCall(ExpressionAnalyzer analyzer, ParseState state, Expr.FuncCall call) {
        String name = call.name().name();
        if (state.insideWindowFunction) {
            throw ParseState.error(SqlState.WINDOWING_ERROR, call.location(), "window function calls cannot be nested");
        }
        String forbidden = state.aggregateForbiddenIn != null ? state.aggregateForbiddenIn : state.windowForbiddenIn;
        if (forbidden != null) {
            throw ParseState.error(SqlState.WINDOWING_ERROR, call.location(), "window functions are not allowed in %s",
                    forbidden);
        }
        List<QueryExpr> args = new ArrayList<>();
        int[] argumentTypes = new int[call.args().size()];
        state.insideWindowFunction = true;
        try {
            for (int i = 0; i < call.args().size(); i++) {
                QueryExpr arg = analyzer.transform(call.args().get(i));
                args.add(arg);
                argumentTypes[i] = arg.type();
            }
        } finally {
            state.insideWindowFunction = false;
        }
        boolean builtin = WINDOW_FUNCTIONS.contains(name)
                && (call.name().schema() == null || call.name().schema().equals("pg_catalog"));
        TypeSystem.AggregateMatch aggregate = null;
        if (!builtin) {
            try {
                aggregate = state.types.resolveAggregate(call.name().schema(), name, argumentTypes, call.star());
            } catch (SqlException error) {
                throw ParseState.at(error, call.location());
            }
            if (aggregate == null) {
                try {
                    state.types.resolveFunction(name, argumentTypes);
                } catch (SqlException error) {
                    throw ParseState.at(error, call.location());
                }
                throw ParseState.error(SqlState.WRONG_OBJECT_TYPE, call.location(),
                        "OVER specified, but %s is not a window function nor an aggregate function", name);
            }
        }
        if (call.distinct()) {
            throw ParseState.error(SqlState.FEATURE_NOT_SUPPORTED, call.location(),
                    "DISTINCT is not implemented for window functions");
        }
        if (call.orderBy() != null && !call.orderBy().isEmpty()) {
            throw ParseState.error(SqlState.FEATURE_NOT_SUPPORTED, call.location(),
                    "aggregate ORDER BY is not implemented for window functions");
        }
        if (builtin && call.filter() != null) {
            throw ParseState.error(SqlState.FEATURE_NOT_SUPPORTED, call.location(),
                    "FILTER is not implemented for non-aggregate window functions");
        }
        if (builtin && call.star()) {
            throw ParseState.error(SqlState.WRONG_OBJECT_TYPE, call.location(),
                    "* specified, but %s is not an aggregate function", name);
        }
        QueryExpr filter = null;
        if (call.filter() != null) {
            state.insideWindowFunction = true;
            try {
                filter = analyzer.transformCondition(call.filter(), "FILTER");
            } finally {
                state.insideWindowFunction = false;
            }
        }
        WindowClause window = call.over().parenthesized() && call.over().name() == null
                ? clause(analyzer, state, call.over(), null)
                : call.over().parenthesized() ? clause(analyzer, state, merge(state, call.over(), true), null)
                : clause(analyzer, state, named(state, call.over().name(), call.over().location()), call.over().name());
        state.windowLocations.add(call.location());
        if (builtin) {
            return builtinCall(analyzer, state, call, name, args, window);
        }
        List<QueryExpr> coerced = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            QueryExpr arg = args.get(i);
            int target = aggregate.argumentTargets().length > i ? aggregate.argumentTargets()[i] : arg.type();
            if (arg.type() == TypeOids.UNKNOWN && (target == TypeOids.UNKNOWN || target == TypeOids.ANYELEMENT
                    || target == 0)) {
                target = TypeOids.TEXT;
            }
            coerced.add(analyzer.coerceArgument(arg, target, call.args().get(i).location()));
        }
        return new QueryExpr.WindowFunc(name, aggregate.aggregate(), coerced, call.star(), filter, window,
                aggregate.aggregate().resultType());
    }

    /** The argument checks and result types of {@code windowfuncs.c}'s functions. */
    private static QueryExpr builtinCall(ExpressionAnalyzer analyzer, ParseState state, Expr.FuncCall call,
                                         String name, List<QueryExpr> args, WindowClause window) {
        int count = args.size();
        boolean fits = switch (name) {
            case "row_number", "rank", "dense_rank", "percent_rank", "cume_dist" -> count == 0;
            case "ntile" -> count == 1;
            case "lag", "lead" -> count >= 1 && count <= 3;
            case "first_value", "last_value" -> count == 1;
            default -> count == 2;
        };
        if (!fits) {
            throw noSuchFunction(state, call, args);
        }
        List<QueryExpr> coerced = new ArrayList<>();
        int type;
        switch (name) {
            case "row_number", "rank", "dense_rank" -> type = TypeOids.INT8;
            case "percent_rank", "cume_dist" -> type = TypeOids.FLOAT8;
            case "ntile" -> {
                coerced.add(integerArgument(analyzer, state, call, args, 0));
                type = TypeOids.INT4;
            }
            default -> {
                QueryExpr value = Coercions.unknownToText(state, args.get(0));
                type = value.type();
                if (count == 3) {
                    QueryExpr fallback = args.get(2);
                    int common;
                    try {
                        common = state.types.commonType(new int[] {args.get(0).type(), fallback.type()}, name);
                    } catch (SqlException error) {
                        throw noSuchFunction(state, call, args);
                    }
                    type = common == TypeOids.UNKNOWN ? TypeOids.TEXT : common;
                    value = analyzer.coerceArgument(args.get(0), type, call.args().get(0).location());
                    coerced.add(value);
                    coerced.add(integerArgument(analyzer, state, call, args, 1));
                    coerced.add(analyzer.coerceArgument(fallback, type, call.args().get(2).location()));
                } else {
                    coerced.add(value);
                    if (count == 2) {
                        coerced.add(integerArgument(analyzer, state, call, args, 1));
                    }
                }
            }
        }
        return new QueryExpr.WindowFunc(name, null, coerced, false, null, window, type);
    }

    private static QueryExpr integerArgument(ExpressionAnalyzer analyzer, ParseState state, Expr.FuncCall call,
                                             List<QueryExpr> args, int index) {
        QueryExpr arg = args.get(index);
        QueryExpr coerced = Coercions.coerce(state, arg, TypeOids.INT4, -1, TypeSystem.CoercionContext.IMPLICIT,
                call.args().get(index).location());
        if (coerced == null) {
            throw noSuchFunction(state, call, args);
        }
        return coerced;
    }

    private static SqlException noSuchFunction(ParseState state, Expr.FuncCall call, List<QueryExpr> args) {
        List<String> types = args.stream().map(arg -> state.types.formatType(arg.type(), -1)).toList();
        return ParseState.error(SqlState.UNDEFINED_FUNCTION, call.location(), "function %s(%s) does not exist",
                call.name().name(), String.join(", ", types))
                .withHint("No function matches the given name and argument types. You might need to add explicit type casts.");
    }

    private static Expr.WindowDef named(ParseState state, String name, int location) {
        Expr.WindowDef window = state.namedWindows.get(name);
        if (window == null) {
            throw ParseState.error(SqlState.UNDEFINED_OBJECT, location, "window \"%s\" does not exist", name);
        }
        return window;
    }

    /**
     * {@code (base ORDER BY ... frame)}: the named window's partitioning, its ordering unless this
     * one has its own, this frame; PostgreSQL's three refusals.
     */
    private static Expr.WindowDef merge(ParseState state, Expr.WindowDef window, boolean overClause) {
        Expr.WindowDef base = named(state, window.name(), window.location());
        if (!window.partitionBy().isEmpty()) {
            throw ParseState.error(SqlState.WINDOWING_ERROR, window.location(),
                    "cannot override PARTITION BY clause of window \"%s\"", window.name());
        }
        if (!window.orderBy().isEmpty() && !base.orderBy().isEmpty()) {
            throw ParseState.error(SqlState.WINDOWING_ERROR, window.location(),
                    "cannot override ORDER BY clause of window \"%s\"", window.name());
        }
        if (base.frame() != null) {
            SqlException error = ParseState.error(SqlState.WINDOWING_ERROR, window.location(),
                    "cannot copy window \"%s\" because it has a frame clause", window.name());
            throw overClause ? error.withHint("Omit the parentheses in this OVER clause.") : error;
        }
        return new Expr.WindowDef(null, base.partitionBy(), window.orderBy().isEmpty() ? base.orderBy()
                : window.orderBy(), window.frame(), true, window.location());
    }

    /** The analyzed window: PARTITION BY and ORDER BY as expressions (SQL:1999 rules), the frame. */
    private static WindowClause clause(ExpressionAnalyzer analyzer, ParseState state, Expr.WindowDef window,
                                       String name) {
        String savedWindow = state.windowForbiddenIn;
        state.windowForbiddenIn = "window definitions";
        try {
            List<QueryExpr> partitionBy = new ArrayList<>();
            for (Expr expr : window.partitionBy()) {
                QueryExpr analyzed = Coercions.unknownToText(state, analyzer.transform(expr));
                if (!partitionBy.contains(analyzed)) {
                    partitionBy.add(analyzed);
                }
            }
            List<WindowClause.Order> orderBy = new ArrayList<>();
            for (SortBy sortBy : window.orderBy()) {
                QueryExpr analyzed = Coercions.unknownToText(state, analyzer.transform(sortBy.expr()));
                boolean nullsFirst = sortBy.nullsFirst() != null ? sortBy.nullsFirst() : sortBy.descending();
                orderBy.add(new WindowClause.Order(analyzed, sortBy.descending(), nullsFirst,
                        state.types.comparator(analyzed.type())));
            }
            WindowClause.Frame frame = window.frame() == null ? WindowClause.Frame.DEFAULT
                    : frame(analyzer, state, window.frame(), orderBy, window.location());
            return new WindowClause(name, partitionBy, orderBy, frame);
        } finally {
            state.windowForbiddenIn = savedWindow;
        }
    }

    private static WindowClause.Frame frame(ExpressionAnalyzer analyzer, ParseState state, Expr.Frame frame,
                                            List<WindowClause.Order> orderBy, int location) {
        if (frame.mode() == Expr.FrameMode.GROUPS && orderBy.isEmpty()) {
            throw ParseState.error(SqlState.WINDOWING_ERROR, location, "GROUPS mode requires an ORDER BY clause");
        }
        boolean offsets = frame.start().offset() != null || frame.end().offset() != null;
        if (frame.mode() == Expr.FrameMode.RANGE && offsets && orderBy.size() != 1) {
            throw ParseState.error(SqlState.WINDOWING_ERROR, location,
                    "RANGE with offset PRECEDING/FOLLOWING requires exactly one ORDER BY column");
        }
        return new WindowClause.Frame(frame.mode(), bound(analyzer, state, frame.mode(), frame.start(), orderBy),
                bound(analyzer, state, frame.mode(), frame.end(), orderBy), frame.exclusion(), true);
    }

    private static WindowClause.Bound bound(ExpressionAnalyzer analyzer, ParseState state, Expr.FrameMode mode,
                                            Expr.FrameBound bound, List<WindowClause.Order> orderBy) {
        if (bound.offset() == null) {
            return new WindowClause.Bound(bound.kind(), null, null, null, null, null);
        }
        String construct = mode.name();
        String saved = state.aggregateForbiddenIn;
        state.aggregateForbiddenIn = "window " + construct;
        QueryExpr offset;
        try {
            offset = analyzer.transform(bound.offset());
        } finally {
            state.aggregateForbiddenIn = saved;
        }
        if (ExpressionWalkerSupport.hasVariables(offset)) {
            throw ParseState.error(SqlState.INVALID_COLUMN_REFERENCE, bound.offset().location(),
                    "argument of %s must not contain variables", construct);
        }
        if (mode != Expr.FrameMode.RANGE) {
            QueryExpr coerced = Coercions.coerce(state, offset, TypeOids.INT8, -1, TypeSystem.CoercionContext.IMPLICIT,
                    bound.offset().location());
            if (coerced == null) {
                throw ParseState.error(SqlState.DATATYPE_MISMATCH, bound.offset().location(),
                        "argument of %s must be type %s, not type %s", construct, "bigint",
                        state.types.formatType(offset.type(), -1));
            }
            return new WindowClause.Bound(bound.kind(), coerced, null, null, null, null);
        }
        QueryExpr key = orderBy.getFirst().expr();
        int offsetType = switch (key.type()) {
            case TypeOids.INT2, TypeOids.INT4, TypeOids.INT8 -> TypeOids.INT8;
            case TypeOids.NUMERIC -> TypeOids.NUMERIC;
            case TypeOids.FLOAT4, TypeOids.FLOAT8 -> TypeOids.FLOAT8;
            case TypeOids.DATE, TypeOids.TIMESTAMP, TypeOids.TIMESTAMPTZ, TypeOids.TIME, TypeOids.INTERVAL ->
                    TypeOids.INTERVAL;
            default -> 0;
        };
        if (offsetType == 0) {
            int opclassType = key.type() == TypeOids.VARCHAR ? TypeOids.TEXT : key.type();
            throw ParseState.error(SqlState.FEATURE_NOT_SUPPORTED, bound.offset().location(),
                    "RANGE with offset PRECEDING/FOLLOWING is not supported for column type %s",
                    state.types.formatType(opclassType, -1));
        }
        QueryExpr coerced = Coercions.coerce(state, offset, offsetType, -1, TypeSystem.CoercionContext.IMPLICIT,
                bound.offset().location());
        if (coerced == null) {
            throw ParseState.error(SqlState.FEATURE_NOT_SUPPORTED, bound.offset().location(),
                    "RANGE with offset PRECEDING/FOLLOWING is not supported for column type %s and offset type %s",
                    state.types.formatType(key.type(), -1), state.types.formatType(offset.type(), -1))
                    .withHint("Cast the offset value to an appropriate type.");
        }
        QueryExpr left = key;
        QueryExpr right = coerced;
        if (offsetType == TypeOids.INT8) {
            // in_range for integers cannot overflow: a bound past the type's range takes in every row
            left = Coercions.coerce(state, key, TypeOids.NUMERIC, -1, TypeSystem.CoercionContext.IMPLICIT, -1);
            right = Coercions.coerce(state, coerced, TypeOids.NUMERIC, -1, TypeSystem.CoercionContext.IMPLICIT, -1);
        }
        QueryExpr minus = analyzer.operator("-", left, right, bound.offset().location());
        QueryExpr plus = analyzer.operator("+", left, right, bound.offset().location());
        QueryExpr boundKey = Coercions.coerce(state, key, plus.type(), -1, TypeSystem.CoercionContext.IMPLICIT,
                bound.offset().location());
        return new WindowClause.Bound(bound.kind(), coerced, boundKey, minus, plus, state.types.comparator(plus.type()));
    }

    /** True when {@code expr} holds a window function call. */
    static boolean containsWindowFunction(QueryExpr expr) {
        return ExpressionWalker.contains(expr, node -> node instanceof QueryExpr.WindowFunc);
    }
}
