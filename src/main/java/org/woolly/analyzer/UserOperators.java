package org.woolly.analyzer;

import java.util.ArrayList;
import java.util.List;
import org.woolly.catalog.FunctionInfo;
import org.woolly.catalog.NamespaceInfo;
import org.woolly.catalog.OperatorInfo;
import org.woolly.nodes.query.QueryExpr;
import org.woolly.utils.adt.BuiltinFunctions;
import org.woolly.utils.adt.FunctionDescriptor;
import org.woolly.utils.adt.PgOperatorData;
import org.woolly.utils.adt.TypeOids;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * Operators made by CREATE OPERATOR in expressions ({@code oper}, {@code left_oper} and
 * {@code oper_select_candidate} of {@code parse_oper.c} over the user's pg_operator rows): an
 * exact match (an unknown literal taking the other operand's type) wins unless a built-in
 * operator of pg_catalog, searched first, has the same signature; otherwise the built-ins are
 * tried, and only when none fits does a user operator reached by implicit coercion take the
 * call. The operator runs as a call of its function, so a SQL function is inlined as when
 * called by name.
 */
final class UserOperators {

    private UserOperators() {}

    /** The analyzed operator call, or null when the built-in operators resolve it. */
    static QueryExpr resolve(ExpressionAnalyzer analyzer, ParseState state, String name, QueryExpr left,
                             QueryExpr right, int location) {
        if (state.catalog == null || state.transaction == null) {
            return null;
        }
        int dot = name.lastIndexOf('.');
        String schema = dot < 0 ? null : name.substring(0, dot);
        String symbol = name.substring(dot + 1);
        if (schema != null && state.catalog.namespace(state.transaction, schema).isEmpty()) {
            throw ParseState.error(SqlState.INVALID_SCHEMA_NAME, location, "schema \"%s\" does not exist", schema);
        }
        int leftType = left == null ? 0 : left.type();
        int rightType = right.type();
        // binary_oper_exact: an unknown operand is taken to be of the other operand's type
        int exactLeft = leftType == TypeOids.UNKNOWN ? rightType : leftType;
        int exactRight = rightType == TypeOids.UNKNOWN && left != null ? leftType : rightType;
        List<OperatorInfo> candidates = new ArrayList<>();
        for (OperatorInfo operator : state.catalog.lookupOperators(state.transaction, schema, symbol)) {
            if ((operator.left() == 0) != (left == null)) {
                continue;
            }
            if (!operator.isShell()) {
                candidates.add(operator);
            } else if (operator.left() == exactLeft && operator.right() == exactRight) {
                throw ParseState.error(SqlState.UNDEFINED_FUNCTION, location, "operator is only a shell: %s",
                        signature(state, name, left, right));
            }
        }
        if (candidates.isEmpty()) {
            return null;
        }
        for (OperatorInfo operator : candidates) {
            if (operator.left() == exactLeft && operator.right() == exactRight) {
                if (schema == null && PgOperatorData.find(symbol, exactLeft, exactRight) != null) {
                    return null;
                }
                return call(analyzer, state, operator, left, right, location);
            }
        }
        if (schema == null || schema.equals("pg_catalog")) {
            try {
                state.types.resolveOperator(symbol, leftType, rightType);
                return null;
            } catch (SqlException noBuiltin) {
                if (noBuiltin.sqlState() != SqlState.UNDEFINED_FUNCTION) {
                    throw noBuiltin;
                }
            }
        }
        OperatorInfo best = null;
        int bestExact = -1;
        boolean ambiguous = false;
        for (OperatorInfo operator : candidates) {
            if (left != null && !coercible(state, leftType, operator.left()) || !coercible(state, rightType,
                    operator.right())) {
                continue;
            }
            int exact = (left != null && leftType == operator.left() ? 1 : 0) + (rightType == operator.right() ? 1 : 0);
            if (exact > bestExact) {
                best = operator;
                bestExact = exact;
                ambiguous = false;
            } else if (exact == bestExact) {
                ambiguous = true;
            }
        }
        if (best == null) {
            return null;
        }
        if (ambiguous) {
            throw ParseState.error(SqlState.AMBIGUOUS_FUNCTION, location, "operator is not unique: %s",
                    signature(state, name, left, right))
                    .withHint("Could not choose a best candidate operator. You might need to add explicit type casts.");
        }
        return call(analyzer, state, best, left, right, location);
    }

    private static boolean coercible(ParseState state, int from, int to) {
        return from == to || from == TypeOids.UNKNOWN
                || state.types.findCast(from, to, org.woolly.analyzer.TypeSystem.CoercionContext.IMPLICIT) != null;
    }

    private static String signature(ParseState state, String name, QueryExpr left, QueryExpr right) {
        return (left == null ? "" : state.types.formatType(left.type(), -1) + " ") + name + " "
                + state.types.formatType(right.type(), -1);
    }

    /** The operands coerced to the operator's types and passed to its function. */
    private static QueryExpr call(ExpressionAnalyzer analyzer, ParseState state, OperatorInfo operator, QueryExpr left,
                                  QueryExpr right, int location) {
        List<QueryExpr> args = new ArrayList<>(2);
        if (left != null) {
            args.add(analyzer.coerceArgument(left, operator.left(), location));
        }
        args.add(analyzer.coerceArgument(right, operator.right(), location));
        FunctionInfo function = state.catalog.functionByOid(state.transaction, operator.function()).orElse(null);
        if (function != null) {
            String schema = state.catalog.namespaceByOid(state.transaction, function.namespaceOid())
                    .map(NamespaceInfo::name).orElse("public");
            return RoutineCalls.callChosen(state, function, schema, args, location);
        }
        int[] types = left == null ? new int[] {operator.right()} : new int[] {operator.left(), operator.right()};
        for (FunctionDescriptor builtin : BuiltinFunctions.allFunctions()) {
            if (builtin.oid() == operator.function()) {
                TypeSystem.FunctionMatch match = state.types.resolveFunction(builtin.name(), types);
                List<QueryExpr> coerced = new ArrayList<>(args.size());
                for (int i = 0; i < args.size(); i++) {
                    coerced.add(analyzer.coerceArgument(args.get(i), match.argumentTargets()[i], location));
                }
                return new QueryExpr.FuncCall(match.function(), coerced, true, match.function().resultType());
            }
        }
        for (PgOperatorData.Operator builtin : PgOperatorData.all()) {
            if (builtin.procOid() == operator.function()) {
                TypeSystem.OperatorMatch match = state.types.resolveOperator(builtin.name(), builtin.leftType(),
                        builtin.rightType());
                return new QueryExpr.FuncCall(match.function(), args, true, match.function().resultType());
            }
        }
        throw ParseState.error(SqlState.UNDEFINED_FUNCTION, location, "function with OID %d does not exist",
                operator.function());
    }
}
