package org.woolly.analyzer;

import java.util.ArrayList;
import java.util.List;
import org.woolly.nodes.parse.Expr;
import org.woolly.nodes.parse.QualifiedName;
import org.woolly.nodes.query.QueryExpr;
import org.woolly.utils.adt.ArrayValue;
import org.woolly.utils.adt.BuiltinTypes;
import org.woolly.utils.adt.TypeOids;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * Array expressions ({@code transformArrayExpr}, {@code transformIndirection} /
 * {@code transformContainerSubscripts} and {@code make_scalar_array_op} in
 * {@code src/backend/parser}): {@code ARRAY[...]}, subscripts and slices, {@code op ANY/ALL (array)}.
 */
final class ArrayAnalyzer {
    private ArrayAnalyzer() {}

    /**
     * {@code ARRAY[...]}; {@code targetArrayType} is the array type a surrounding cast asks for
     * (0 when none): it types the elements, and lets {@code ARRAY[]} be empty.
     */
    static QueryExpr construct(ExpressionAnalyzer analyzer, ParseState state, Expr.ArrayConstructor array,
                               int targetArrayType) {
        List<QueryExpr> elements = new ArrayList<>();
        boolean nested = false;
        for (Expr element : array.elements()) {
            if (element instanceof Expr.ArrayConstructor sub) {
                nested = true;
                elements.add(construct(analyzer, state, sub, targetArrayType));
            } else {
                elements.add(analyzer.transform(element));
            }
        }
        if (elements.isEmpty()) {
            if (targetArrayType == 0) {
                throw ParseState.error(SqlState.INDETERMINATE_DATATYPE, array.location(),
                        "cannot determine type of empty array").withHint(
                        "Explicitly cast to the desired type, for example ARRAY[]::integer[].");
            }
            return new QueryExpr.Const(targetArrayType, -1, ArrayValue.empty(BuiltinTypes.elementType(targetArrayType)));
        }
        int[] types = new int[elements.size()];
        int[] locations = new int[elements.size()];
        for (int i = 0; i < types.length; i++) {
            types[i] = elements.get(i).type();
            locations[i] = array.elements().get(i).location() + 1;
        }
        int common;
        if (targetArrayType != 0) {
            common = nested ? targetArrayType : BuiltinTypes.elementType(targetArrayType);
        } else {
            try {
                common = state.types.commonType(types, "ARRAY", locations);
            } catch (org.woolly.utils.error.SqlException error) {
                throw error.position() > 0 ? error : ParseState.at(error, array.location());
            }
        }
        boolean multidimensional = BuiltinTypes.elementType(common) != 0;
        if (nested && !multidimensional) {
            throw ParseState.error(SqlState.DATATYPE_MISMATCH, array.location(), "could not find element type for data type %s",
                    state.types.formatType(common, -1));
        }
        int arrayType = multidimensional ? common : BuiltinTypes.arrayTypeOf(common);
        if (arrayType == 0) {
            throw ParseState.error(SqlState.UNDEFINED_OBJECT, array.location(), "could not find array type for data type %s",
                    state.types.formatType(common, -1));
        }
        List<QueryExpr> coerced = new ArrayList<>();
        for (int i = 0; i < elements.size(); i++) {
            QueryExpr element = elements.get(i);
            // a cast around the constructor converts each element as that cast would
            QueryExpr result = Coercions.coerce(state, element, common, -1, targetArrayType != 0
                    ? TypeSystem.CoercionContext.EXPLICIT : TypeSystem.CoercionContext.IMPLICIT,
                    array.elements().get(i).location());
            if (result == null) {
                throw ParseState.error(SqlState.CANNOT_COERCE, array.elements().get(i).location(),
                        "ARRAY could not convert type %s to %s", state.types.formatType(element.type(), -1),
                        state.types.formatType(common, -1));
            }
            coerced.add(result);
        }
        return new QueryExpr.ArrayConstruct(coerced, BuiltinTypes.elementType(arrayType), multidimensional, arrayType);
    }

    /** {@code e[i][j]...} or a slice: the chain of subscripts over one array expression. */
    static QueryExpr subscript(ExpressionAnalyzer analyzer, ParseState state, Expr.Subscript last) {
        Expr base = chainBase(last);
        QueryExpr array = analyzer.transform(base);
        if (array.type() == TypeOids.NAME && last.arg() == base && !last.slice()) {
            // name is a fixed-length array of "char" ({@code raw_array_subscript_handler}): name[0]
            // is its first byte; pg_dump's "typname[0] = '_'" finds array types this way
            return analyzer.transform(new Expr.FuncCall(new QualifiedName("pg_catalog", "woolly_name_subscript",
                    last.location()), List.of(base, last.lower()), false, false, List.of(), null, null,
                    last.location()));
        }
        int elementType;
        int fixedLengthElement = BuiltinTypes.elementType(array.type()) == 0
                ? BuiltinTypes.fixedLengthElementType(array.type()) : 0;
        if (fixedLengthElement != 0) {
            for (Expr step = last; step instanceof Expr.Subscript subscript; step = subscript.arg()) {
                if (subscript.slice()) {
                    // PostgreSQL reports it while transforming, without a cursor position
                    throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "slices of fixed-length arrays not implemented");
                }
            }
            elementType = fixedLengthElement;
        } else {
            elementType = subscriptedElementType(state, array.type(), base.location());
        }
        Subscripts subscripts = subscripts(analyzer, state, last);
        return new QueryExpr.ArraySubscript(array, subscripts.lowers(), subscripts.uppers(), subscripts.slice(),
                subscripts.slice() ? array.type() : elementType);
    }

    private static Expr chainBase(Expr.Subscript last) {
        Expr base = last;
        while (base instanceof Expr.Subscript subscript) {
            base = subscript.arg();
        }
        return base;
    }

    static int subscriptedElementType(ParseState state, int arrayType, int location) {
        int elementType = BuiltinTypes.elementType(arrayType);
        if (elementType == 0) {
            throw ParseState.error(SqlState.DATATYPE_MISMATCH, location,
                    "cannot subscript type %s because it does not support subscripting",
                    state.types.formatType(arrayType, -1));
        }
        return elementType;
    }

    /** The analyzed subscripts of a chain; in a slice a plain {@code [i]} means {@code [1:i]}. */
    record Subscripts(List<QueryExpr> lowers, List<QueryExpr> uppers, boolean slice) {}

    private static Subscripts subscripts(ExpressionAnalyzer analyzer, ParseState state, Expr.Subscript last) {
        List<Expr.Subscript> chain = new ArrayList<>();
        for (Expr step = last; step instanceof Expr.Subscript subscript; step = subscript.arg()) {
            chain.addFirst(subscript);
        }
        return subscripts(analyzer, state, chain);
    }

    /** The subscripts of one (multidimensional) subscripting step, outermost first. */
    static Subscripts subscripts(ExpressionAnalyzer analyzer, ParseState state, List<Expr.Subscript> chain) {
        if (chain.size() > ArrayValue.MAX_DIMENSIONS) {
            throw org.woolly.utils.error.SqlException.of(SqlState.PROGRAM_LIMIT_EXCEEDED,
                    "number of array dimensions (%d) exceeds the maximum allowed (%d)", chain.size(),
                    ArrayValue.MAX_DIMENSIONS);
        }
        boolean slice = chain.stream().anyMatch(Expr.Subscript::slice);
        List<QueryExpr> lowers = new ArrayList<>();
        List<QueryExpr> uppers = new ArrayList<>();
        for (Expr.Subscript subscript : chain) {
            if (slice && !subscript.slice()) {
                lowers.add(new QueryExpr.Const(TypeOids.INT4, -1, 1));
                uppers.add(index(analyzer, state, subscript.lower()));
            } else {
                lowers.add(subscript.lower() == null ? null : index(analyzer, state, subscript.lower()));
                uppers.add(subscript.upper() == null ? null : index(analyzer, state, subscript.upper()));
            }
        }
        return new Subscripts(lowers, uppers, slice);
    }

    private static QueryExpr index(ExpressionAnalyzer analyzer, ParseState state, Expr index) {
        QueryExpr value = analyzer.transform(index);
        QueryExpr result = Coercions.coerce(state, value, TypeOids.INT4, -1, TypeSystem.CoercionContext.ASSIGNMENT,
                index.location());
        if (result == null) {
            throw ParseState.error(SqlState.DATATYPE_MISMATCH, index.location(), "array subscript must have type integer");
        }
        return result;
    }

    /** {@code left op ANY|ALL (array)}. */
    static QueryExpr comparison(ExpressionAnalyzer analyzer, ParseState state, Expr.ArrayComparison comparison) {
        QueryExpr left = analyzer.transform(comparison.left());
        QueryExpr array = analyzer.transform(comparison.array());
        int location = comparison.location();
        if (array.type() == TypeOids.UNKNOWN) {
            int leftType = left.type() == TypeOids.UNKNOWN ? TypeOids.TEXT : left.type();
            int arrayType = BuiltinTypes.arrayTypeOf(leftType);
            if (arrayType == 0) {
                throw ParseState.error(SqlState.UNDEFINED_OBJECT, location, "could not find array type for data type %s",
                        state.types.formatType(leftType, -1));
            }
            array = Coercions.coerce(state, array, arrayType, -1, TypeSystem.CoercionContext.IMPLICIT,
                    comparison.array().location());
        }
        int elementType = BuiltinTypes.elementType(array.type());
        if (elementType == 0) {
            throw ParseState.error(SqlState.WRONG_OBJECT_TYPE, location, "op ANY/ALL (array) requires array on right side");
        }
        TypeSystem.OperatorMatch match;
        try {
            match = state.types.resolveOperator(comparison.operator(), left.type(), elementType);
        } catch (org.woolly.utils.error.SqlException error) {
            throw ParseState.at(error, location);
        }
        if (match.function().resultType() != TypeOids.BOOL) {
            throw ParseState.error(SqlState.WRONG_OBJECT_TYPE, location, "op ANY/ALL (array) requires operator to yield boolean");
        }
        QueryExpr coercedLeft = analyzer.coerceArgument(left, match.leftTarget(), location);
        int rightTarget = match.rightTarget();
        if (rightTarget != 0 && rightTarget != elementType && rightTarget != TypeOids.ANYELEMENT) {
            int targetArray = BuiltinTypes.arrayTypeOf(rightTarget);
            QueryExpr coerced = targetArray == 0 ? null : Coercions.coerce(state, array, targetArray, -1,
                    TypeSystem.CoercionContext.IMPLICIT, location);
            if (coerced == null) {
                throw ParseState.error(SqlState.DATATYPE_MISMATCH, location, "argument of type %s cannot be coerced to %s",
                        state.types.formatType(array.type(), -1), state.types.formatType(targetArray, -1));
            }
            array = coerced;
        }
        return new QueryExpr.ScalarArrayOp(match.function(), comparison.all(), coercedLeft, array);
    }
}
