package org.woolly.analyzer;

import java.util.HashMap;
import java.util.Map;
import org.woolly.catalog.RelationInfo;
import org.woolly.nodes.parse.Expr;
import org.woolly.nodes.query.ExpressionWalker;
import org.woolly.nodes.query.QueryExpr;
import org.woolly.utils.adt.BuiltinFunctions;
import org.woolly.utils.adt.FunctionDescriptor;
import org.woolly.utils.adt.OperatorDescriptor;
import org.woolly.utils.adt.PgProcData;
import org.woolly.utils.adt.TypeOids;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * Analysis of an index's expressions and predicate over its table's row ({@code DefineIndex}'s
 * {@code ComputeIndexAttrs} and {@code CheckPredicate} in {@code indexcmds.c}): no aggregates,
 * window functions or subqueries, and every function IMMUTABLE (42P17), because the B-tree
 * must find an entry again by recomputing it.
 */
final class IndexAnalyzer {
    private static final Map<Integer, Character> FUNCTION_VOLATILITY = new HashMap<>();
    private static final Map<Integer, Character> OPERATOR_VOLATILITY = new HashMap<>();

    static {
        for (FunctionDescriptor function : BuiltinFunctions.allFunctions()) {
            FUNCTION_VOLATILITY.put(function.oid(), function.volatility());
        }
        for (OperatorDescriptor operator : BuiltinFunctions.allOperators()) {
            OPERATOR_VOLATILITY.put(operator.oid(), operator.function().volatility());
        }
    }

    private final ParseState state;

    IndexAnalyzer(ParseState state) {
        this.state = state;
    }

    /** An index column's expression ({@code predicate} false) or the index's WHERE clause ({@code predicate} true). */
    QueryExpr analyze(RelationInfo relation, Expr expr, boolean predicate) {
        state.aggregateForbiddenIn = predicate ? "index predicates" : "index expressions";
        state.subLinkForbiddenIn = predicate ? "index predicate" : "index expression";
        state.subLinkErrorHasPosition = true;
        FromAnalyzer.addRelation(state, relation, null, false);
        QueryExpr analyzed = new ExpressionAnalyzer(state).transform(expr);
        if (predicate && analyzed.type() != TypeOids.BOOL) {
            QueryExpr coerced = Coercions.coerce(state, analyzed, TypeOids.BOOL, -1,
                    TypeSystem.CoercionContext.ASSIGNMENT, expr.location());
            if (coerced == null) {
                throw ParseState.error(SqlState.DATATYPE_MISMATCH, expr.location(),
                        "argument of WHERE must be type boolean, not type %s", state.types.formatType(analyzed.type(), -1));
            }
            analyzed = coerced;
        }
        if (ExpressionWalker.contains(analyzed, IndexAnalyzer::mutable)) {
            throw SqlException.of(SqlState.INVALID_OBJECT_DEFINITION, predicate
                    ? "functions in index predicate must be marked IMMUTABLE"
                    : "functions in index expression must be marked IMMUTABLE");
        }
        return analyzed;
    }

    /** A call of a function that is not IMMUTABLE ({@code contain_mutable_functions}). */
    static boolean mutable(QueryExpr expr) {
        return switch (expr) {
            case QueryExpr.FuncCall call -> {
                Character volatility = (call.operator() ? OPERATOR_VOLATILITY : FUNCTION_VOLATILITY)
                        .get(call.function().oid());
                yield volatility == null ? call.function().isVolatile() : volatility != PgProcData.IMMUTABLE;
            }
            case QueryExpr.SqlValue value -> true;
            default -> false;
        };
    }
}
