package org.woolly.analyzer;

import java.util.ArrayList;
import java.util.List;
import org.woolly.nodes.parse.Expr;
import org.woolly.nodes.query.QueryExpr;
import org.woolly.utils.adt.TypeOids;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/** CASE, COALESCE, NULLIF, GREATEST and LEAST: branch types unified by the common-type rules. */
final class ConditionalAnalyzer {

    private ConditionalAnalyzer() {}

    /** CASE, with set-returning calls refused inside (PostgreSQL 10+ cannot run them conditionally). */
    static QueryExpr caseExpr(ExpressionAnalyzer analyzer, ParseState state, Expr.Case caseExpr) {
        String saved = state.setReturningForbiddenIn;
        state.setReturningForbiddenIn = "CASE";
        try {
            return analyzeCase(analyzer, state, caseExpr);
        } finally {
            state.setReturningForbiddenIn = saved;
        }
    }

    private static QueryExpr analyzeCase(ExpressionAnalyzer analyzer, ParseState state, Expr.Case caseExpr) {
        QueryExpr testArg = caseExpr.arg() == null ? null : analyzer.transform(caseExpr.arg());
        List<QueryExpr> conditions = new ArrayList<>();
        List<QueryExpr> results = new ArrayList<>();
        for (Expr.Case.When when : caseExpr.whens()) {
            QueryExpr condition = testArg == null
                    ? analyzer.transformCondition(when.condition(), "CASE/WHEN")
                    : analyzer.operator("=", testArg, analyzer.transform(when.condition()), when.location());
            conditions.add(condition);
            results.add(analyzer.transform(when.result()));
        }
        QueryExpr elseResult = caseExpr.elseResult() == null ? null : analyzer.transform(caseExpr.elseResult());
        // PostgreSQL puts the ELSE result first when it chooses the common type (transformCaseExpr)
        List<QueryExpr> all = new ArrayList<>();
        List<Expr> sources = new ArrayList<>();
        if (elseResult != null) {
            all.add(elseResult);
            sources.add(caseExpr.elseResult());
        }
        all.addAll(results);
        caseExpr.whens().forEach(when -> sources.add(when.result()));
        int type = commonType(state, all, sources, "CASE", caseExpr.location());
        List<QueryExpr> coerced = coerceAll(state, results, type, caseExpr.location(), "CASE");
        QueryExpr coercedElse = elseResult == null ? new QueryExpr.Const(type, -1, null)
                : coerceAll(state, List.of(elseResult), type, caseExpr.location(), "CASE").getFirst();
        return new QueryExpr.Case(conditions, coerced, coercedElse, type);
    }

    static QueryExpr special(ExpressionAnalyzer analyzer, ParseState state, Expr.SpecialFunction special) {
        List<QueryExpr> args = new ArrayList<>();
        String saved = state.setReturningForbiddenIn;
        if (special.kind() == Expr.SpecialFunction.Kind.COALESCE) {
            state.setReturningForbiddenIn = "COALESCE";
        }
        try {
            for (Expr arg : special.args()) {
                args.add(analyzer.transform(arg));
            }
        } finally {
            state.setReturningForbiddenIn = saved;
        }
        String construct = special.kind().name();
        if (special.kind() == Expr.SpecialFunction.Kind.NULLIF) {
            QueryExpr.FuncCall equality = (QueryExpr.FuncCall) analyzer.operator("=", args.get(0), args.get(1),
                    special.location());
            QueryExpr left = equality.args().get(0);
            return new QueryExpr.NullIf(left, equality.args().get(1), equality.function(), left.type());
        }
        int type = commonType(state, args, special.args(), construct, special.location());
        List<QueryExpr> coerced = coerceAll(state, args, type, special.location(), construct);
        return switch (special.kind()) {
            case COALESCE -> new QueryExpr.Coalesce(coerced, type);
            case GREATEST, LEAST -> new QueryExpr.MinMax(special.kind() == Expr.SpecialFunction.Kind.GREATEST, coerced,
                    state.types.comparator(type), type);
            case NULLIF -> throw new IllegalStateException("handled above");
        };
    }

    /** The common type of {@code exprs} for {@code construct}, errors placed at {@code location}. */
    static int commonType(ParseState state, List<QueryExpr> exprs, String construct, int location) {
        int[] types = exprs.stream().mapToInt(QueryExpr::type).toArray();
        try {
            return state.types.commonType(types, construct, new int[types.length]);
        } catch (SqlException error) {
            throw ParseState.at(error, location);
        }
    }

    private static int commonType(ParseState state, List<QueryExpr> exprs, List<Expr> sources, String construct,
                                  int location) {
        int[] types = new int[exprs.size()];
        int[] positions = new int[types.length];
        boolean allUnknown = true;
        for (int i = 0; i < types.length; i++) {
            types[i] = exprs.get(i).type();
            positions[i] = sources.get(i).location() >= 0 ? sources.get(i).location() + 1 : 0;
            allUnknown &= types[i] == TypeOids.UNKNOWN;
        }
        if (allUnknown) {
            return TypeOids.TEXT;
        }
        try {
            return state.types.commonType(types, construct, positions);
        } catch (SqlException error) {
            throw ParseState.at(error, location);
        }
    }

    static List<QueryExpr> coerceAll(ParseState state, List<QueryExpr> exprs, int type, int location,
                                             String construct) {
        List<QueryExpr> result = new ArrayList<>();
        for (QueryExpr expr : exprs) {
            QueryExpr coerced = Coercions.coerce(state, expr, type, -1, TypeSystem.CoercionContext.IMPLICIT, location);
            if (coerced == null) {
                throw ParseState.error(SqlState.DATATYPE_MISMATCH, location, "%s could not convert type %s to %s",
                        construct, state.types.formatType(expr.type(), -1), state.types.formatType(type, -1));
            }
            result.add(coerced);
        }
        return result;
    }
}
