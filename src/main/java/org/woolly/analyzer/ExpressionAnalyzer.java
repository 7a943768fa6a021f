package org.woolly.analyzer;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.woolly.nodes.parse.Expr;
import org.woolly.nodes.query.QueryExpr;
import org.woolly.utils.adt.BitString;
import org.woolly.utils.adt.TypeOids;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * Turns raw expressions into typed ones ({@code parse_expr.c}, {@code parse_oper.c},
 * {@code parse_func.c}): names resolved, operators and functions chosen by argument types,
 * implicit casts inserted, unknown literals and parameters typed from their context.
 */
public final class ExpressionAnalyzer {
    private final ParseState state;

    public ExpressionAnalyzer(ParseState state) {
        this.state = state;
    }

    public QueryExpr transform(Expr expr) {
        return switch (expr) {
            case Expr.Constant constant -> constant(constant);
            case Expr.ColumnRef ref -> ColumnResolver.resolve(state, ref);
            case Expr.ParamRef param -> param(param);
            case Expr.MultiAssignRef ref -> multiAssign(ref);
            case Expr.CurrentOf currentOf -> throw ParseState.error(SqlState.SYNTAX_ERROR, currentOf.location(),
                    "syntax error at or near \"CURRENT\"");
            case Expr.Operator operator when RowComparisons.isRow(operator.left())
                    && (RowComparisons.isRow(operator.right()) || operator.right() instanceof Expr.SubLink link
                    && link.kind() == Expr.SubLink.Kind.EXPR) ->
                    RowComparisons.operator(this, state, operator);
            case Expr.DistinctFrom distinct when RowComparisons.isRow(distinct.left())
                    || RowComparisons.isRow(distinct.right()) -> RowComparisons.distinctFrom(this, distinct);
            case Expr.InList in when RowComparisons.isRow(in.arg()) -> RowComparisons.inList(this, state, in);
            case Expr.NullTest test when RowComparisons.isRow(test.arg()) && (test.test() == Expr.NullTest.Test.IS_NULL
                    || test.test() == Expr.NullTest.Test.IS_NOT_NULL) -> RowComparisons.nullTest(this, test);
            case Expr.SubLink link when link.test() != null && RowComparisons.isRow(link.test()) ->
                    RowComparisons.subLink(this, state, link);
            case Expr.Operator operator -> operator(operator.name(), operator.left() == null ? null : transform(operator.left()),
                    transform(operator.right()), operator.location());
            case Expr.BoolExpr bool -> bool(bool);
            case Expr.NullTest test -> nullTest(test);
            case Expr.DistinctFrom distinct -> distinctFrom(distinct);
            case Expr.Between between -> between(between);
            case Expr.InList in -> inList(in);
            case Expr.FuncCall call -> FunctionAnalyzer.transform(this, state, call);
            case Expr.TypeCast cast -> cast(cast);
            case Expr.Case caseExpr -> ConditionalAnalyzer.caseExpr(this, state, caseExpr);
            case Expr.SpecialFunction special -> ConditionalAnalyzer.special(this, state, special);
            case Expr.SqlValueFunction value -> sqlValue(value);
            case Expr.Default def -> throw ParseState.error(SqlState.SYNTAX_ERROR, def.location(),
                    "DEFAULT is not allowed in this context");
            case Expr.SubLink link -> subLink(link);
            case Expr.ArrayComparison comparison -> ArrayAnalyzer.comparison(this, state, comparison);
            case Expr.ArrayConstructor array -> ArrayAnalyzer.construct(this, state, array, 0);
            case Expr.RowConstructor row -> RowExpressions.construct(this, row);
            case Expr.Subscript subscript -> ArrayAnalyzer.subscript(this, state, subscript);
            case Expr.FieldSelect field -> RowExpressions.fieldSelect(this, state, field);
            case Expr.Collate collate -> collate(collate);
            case Expr.GroupingFunc grouping -> groupingFunc(grouping);
            case Expr.GroupingSet set -> throw ParseState.error(SqlState.SYNTAX_ERROR, set.location(),
                    "grouping sets are only allowed in GROUP BY");
            case Expr.NamedArgument named -> throw ParseState.error(SqlState.SYNTAX_ERROR, named.location(),
                    "syntax error at or near \"%s\"", named.variadic() ? "VARIADIC" : "=>");
        };
    }

    /** {@code GROUPING(...)} ({@code transformGroupingFunc}); the GROUP BY check comes with the aggregates'. */
    private QueryExpr groupingFunc(Expr.GroupingFunc grouping) {
        if (state.aggregateForbiddenIn != null) {
            throw ParseState.error(SqlState.GROUPING_ERROR, grouping.location(), "grouping operations are not allowed in %s",
                    state.aggregateForbiddenIn);
        }
        if (grouping.args().size() > 31) {
            throw ParseState.error(SqlState.TOO_MANY_ARGUMENTS, grouping.location(),
                    "GROUPING must have fewer than 32 arguments");
        }
        List<QueryExpr> args = new ArrayList<>();
        for (Expr arg : grouping.args()) {
            args.add(Coercions.unknownToText(state, transform(arg)));
        }
        state.groupingCalls++;
        return new QueryExpr.GroupingFunc(List.copyOf(args), grouping.location());
    }

    /**
     * {@code e COLLATE name}. Woolly compares strings by code point, which is what the "C" and
     * "POSIX" collations do and what the database default (initdb's C locale) is, so those
     * three are accepted and change nothing; any other name does not exist (42704), and a type
     * without collations is refused with PostgreSQL's 42804. An unknown literal becomes text.
     */
    private QueryExpr collate(Expr.Collate collate) {
        QueryExpr arg = transform(collate.arg());
        if (arg.type() == TypeOids.UNKNOWN) {
            arg = Coercions.coerce(state, arg, TypeOids.TEXT, -1, TypeSystem.CoercionContext.IMPLICIT,
                    collate.location());
        }
        int type = arg.type();
        if (type != TypeOids.TEXT && type != TypeOids.VARCHAR && type != TypeOids.BPCHAR && type != TypeOids.NAME) {
            throw ParseState.error(SqlState.DATATYPE_MISMATCH, collate.location(),
                    "collations are not supported by type %s", state.types.formatType(type, -1));
        }
        String schema = collate.collation().schema();
        String name = collate.collation().name();
        boolean known = (schema == null || schema.equals("pg_catalog"))
                && (name.equals("default") || name.equals("C") || name.equals("POSIX"));
        if (!known) {
            throw ParseState.error(SqlState.UNDEFINED_OBJECT, collate.location(),
                    "collation \"%s\" for encoding \"UTF8\" does not exist", collate.collation());
        }
        return arg;
    }

    static SqlException unsupported(String what, int location) {
        return ParseState.error(SqlState.FEATURE_NOT_SUPPORTED, location, "%s are not supported yet", what);
    }

    /** Analyzes and requires boolean (WHERE, HAVING, ON, CASE WHEN). */
    public QueryExpr transformCondition(Expr expr, String construct) {
        return Coercions.toBoolean(state, transform(expr), construct, expr.location());
    }

    private QueryExpr constant(Expr.Constant constant) {
        return switch (constant.kind()) {
            case INTEGER -> integerConstant(constant.value());
            case NUMERIC -> new QueryExpr.Const(TypeOids.NUMERIC, -1, new BigDecimal(constant.value()));
            case STRING -> new QueryExpr.Const(TypeOids.UNKNOWN, -1, constant.value());
            case BOOLEAN -> new QueryExpr.Const(TypeOids.BOOL, -1, Boolean.parseBoolean(constant.value()));
            case NULL -> new QueryExpr.Const(TypeOids.UNKNOWN, -1, null);
            case BIT_STRING -> new QueryExpr.Const(TypeOids.BIT, -1, BitString.binary(constant.value()));
        };
    }

    private static QueryExpr integerConstant(String text) {
        BigDecimal value = new BigDecimal(text);
        try {
            long asLong = value.longValueExact();
            if (asLong >= Integer.MIN_VALUE && asLong <= Integer.MAX_VALUE) {
                return new QueryExpr.Const(TypeOids.INT4, -1, (int) asLong);
            }
            return new QueryExpr.Const(TypeOids.INT8, -1, asLong);
        } catch (ArithmeticException tooLarge) {
            return new QueryExpr.Const(TypeOids.NUMERIC, -1, value);
        }
    }

    private QueryExpr param(Expr.ParamRef param) {
        if (state.routine != null) {
            return RoutineCalls.numberedParameter(state, param);
        }
        if (param.number() < 1) {
            throw ParseState.error(SqlState.UNDEFINED_PARAMETER, param.location(), "there is no parameter $%d",
                    param.number());
        }
        int type = state.parameterType(param.number());
        if (type == 0) {
            state.setParameterType(param.number(), TypeOids.UNKNOWN);
            type = TypeOids.UNKNOWN;
        }
        return new QueryExpr.Param(param.number(), type);
    }

    /** Resolves an operator by name and argument types, coercing the arguments. */
    QueryExpr operator(String name, QueryExpr left, QueryExpr right, int location) {
        QueryExpr userDefined = UserOperators.resolve(this, state, name, left, right, location);
        if (userDefined != null) {
            return userDefined;
        }
        TypeSystem.OperatorMatch match;
        try {
            match = state.types.resolveOperator(name, left == null ? 0 : left.type(), right.type());
        } catch (SqlException error) {
            throw ParseState.at(error, location);
        }
        List<QueryExpr> args = new ArrayList<>(2);
        if (left != null) {
            args.add(coerceArgument(left, match.leftTarget(), location));
        }
        args.add(coerceArgument(right, match.rightTarget(), location));
        return new QueryExpr.FuncCall(match.function(), args, true, match.function().resultType());
    }

    QueryExpr coerceArgument(QueryExpr expr, int target, int location) {
        if (target == 0 || target == expr.type() || target == TypeOids.ANYELEMENT) {
            return expr;
        }
        QueryExpr result = Coercions.coerce(state, expr, target, -1, TypeSystem.CoercionContext.IMPLICIT, location);
        if (result == null) {
            throw ParseState.error(SqlState.DATATYPE_MISMATCH, location, "argument of type %s cannot be coerced to %s",
                    state.types.formatType(expr.type(), -1), state.types.formatType(target, -1));
        }
        return result;
    }

    private QueryExpr bool(Expr.BoolExpr bool) {
        List<QueryExpr> args = new ArrayList<>();
        for (Expr arg : bool.args()) {
            args.add(transformCondition(arg, bool.op().name()));
        }
        return new QueryExpr.BoolOp(QueryExpr.BoolOp.BoolKind.valueOf(bool.op().name()), args);
    }

    private QueryExpr nullTest(Expr.NullTest test) {
        QueryExpr arg = transform(test.arg());
        boolean booleanTest = test.test() != Expr.NullTest.Test.IS_NULL && test.test() != Expr.NullTest.Test.IS_NOT_NULL;
        if (booleanTest) {
            arg = Coercions.toBoolean(state, arg, "IS " + test.test().name().substring(3).replace('_', ' '),
                    test.arg().location());
        } else if (arg.type() == TypeOids.UNKNOWN) {
            arg = Coercions.unknownToText(state, arg);
        }
        return new QueryExpr.NullTest(arg, test.test());
    }

    private QueryExpr distinctFrom(Expr.DistinctFrom distinct) {
        QueryExpr.FuncCall equality = (QueryExpr.FuncCall) operator("=", transform(distinct.left()),
                transform(distinct.right()), distinct.location());
        return new QueryExpr.DistinctFrom(equality.args().get(0), equality.args().get(1), equality.function(),
                distinct.not());
    }

    private QueryExpr between(Expr.Between between) {
        QueryExpr arg = transform(between.arg());
        QueryExpr low = transform(between.low());
        QueryExpr high = transform(between.high());
        QueryExpr result = rangeTest(arg, low, high, between.not(), between.location());
        if (between.symmetric()) {
            QueryExpr swapped = rangeTest(arg, high, low, between.not(), between.location());
            result = new QueryExpr.BoolOp(between.not() ? QueryExpr.BoolOp.BoolKind.AND : QueryExpr.BoolOp.BoolKind.OR,
                    List.of(result, swapped));
        }
        return result;
    }

    private QueryExpr rangeTest(QueryExpr arg, QueryExpr low, QueryExpr high, boolean not, int location) {
        if (not) {
            return new QueryExpr.BoolOp(QueryExpr.BoolOp.BoolKind.OR,
                    List.of(operator("<", arg, low, location), operator(">", arg, high, location)));
        }
        return new QueryExpr.BoolOp(QueryExpr.BoolOp.BoolKind.AND,
                List.of(operator(">=", arg, low, location), operator("<=", arg, high, location)));
    }

    private QueryExpr inList(Expr.InList in) {
        QueryExpr arg = transform(in.arg());
        List<QueryExpr> tests = new ArrayList<>();
        for (Expr element : in.list()) {
            tests.add(operator(in.not() ? "<>" : "=", arg, transform(element), in.location()));
        }
        if (tests.size() == 1) {
            return tests.getFirst();
        }
        return new QueryExpr.BoolOp(in.not() ? QueryExpr.BoolOp.BoolKind.AND : QueryExpr.BoolOp.BoolKind.OR, tests);
    }

    private QueryExpr cast(Expr.TypeCast cast) {
        int target = Coercions.typeOid(state, cast.type());
        int typmod = Coercions.typmod(state, target, cast.type());
        QueryExpr arg = cast.arg() instanceof Expr.ArrayConstructor array && org.woolly.utils.adt.BuiltinTypes.elementType(target) != 0
                ? ArrayAnalyzer.construct(this, state, array, target) : transform(cast.arg());
        // a literal's input error points at the literal, as PostgreSQL's coerce_type does
        int location = cast.arg() instanceof Expr.Constant constant ? constant.location() : cast.location();
        QueryExpr result = Coercions.coerce(state, arg, target, typmod, TypeSystem.CoercionContext.EXPLICIT, location);
        if (result == null) {
            throw ParseState.error(SqlState.CANNOT_COERCE, cast.location(), "cannot cast type %s to %s",
                    state.types.formatType(arg.type(), arg.typmod()), state.types.formatType(target, typmod));
        }
        return result;
    }

    /**
     * A subquery in an expression ({@code transformSubLink}): analyzed one level down, where this
     * level's columns are outer references that the SubLink passes as bindings.
     */
    private QueryExpr subLink(Expr.SubLink link) {
        if (state.subLinkForbiddenIn != null) {
            SqlException error = SqlException.of(SqlState.FEATURE_NOT_SUPPORTED, "cannot use subquery in %s",
                    state.subLinkForbiddenIn);
            throw state.subLinkErrorHasPosition ? ParseState.at(error, link.location()) : error;
        }
        ParseState inner = state.nested(false);
        org.woolly.nodes.query.Query query = new SelectAnalyzer(inner).analyze(link.subquery());
        List<org.woolly.nodes.query.ParamBinding> bindings = List.copyOf(inner.bindings);
        state.parameterTypes = inner.parameterTypes;
        var outputs = query.outputColumns();
        if (link.kind() == Expr.SubLink.Kind.EXISTS) {
            return new QueryExpr.SubLink(link.kind(), query, -1, null, null, null, TypeOids.BOOL, bindings);
        }
        if (outputs.size() != 1) {
            throw ParseState.error(SqlState.SYNTAX_ERROR, link.location(),
                    outputs.size() > 1 ? "subquery has too many columns" : "subquery must return only one column");
        }
        QueryExpr output = outputs.getFirst().expr();
        if (link.kind() == Expr.SubLink.Kind.EXPR) {
            return new QueryExpr.SubLink(link.kind(), query, -1, null, null, null, output.type(), bindings);
        }
        if (link.kind() == Expr.SubLink.Kind.ARRAY) {
            // a subquery of arrays gives one more dimension of the same array type
            int arrayType = org.woolly.utils.adt.BuiltinTypes.elementType(output.type()) != 0 ? output.type()
                    : org.woolly.utils.adt.BuiltinTypes.arrayTypeOf(output.type());
            if (arrayType == 0) {
                throw ParseState.error(SqlState.UNDEFINED_OBJECT, link.location(), "could not find array type for data type %s",
                        state.types.formatType(output.type(), -1));
            }
            return new QueryExpr.SubLink(link.kind(), query, -1, null, null, null, arrayType, bindings);
        }
        QueryExpr test = transform(link.test());
        QueryExpr column = new QueryExpr.Var(0, output.type(), output.typmod(), "subquery", -1);
        QueryExpr.FuncCall comparison = (QueryExpr.FuncCall) operator(link.operator() == null ? "=" : link.operator(),
                test, column, link.location());
        if (comparison.function().resultType() != TypeOids.BOOL) {
            throw ParseState.error(SqlState.DATATYPE_MISMATCH, link.location(), "operator %s must return type boolean, not type %s",
                    comparison.function().name(), state.types.formatType(comparison.function().resultType(), -1));
        }
        return new QueryExpr.SubLink(link.kind(), query, -1, comparison.args().get(0), comparison.function(),
                comparison.args().get(1), TypeOids.BOOL, bindings);
    }

    /**
     * One column of {@code SET (a, b) = (SELECT ...)} ({@code transformMultiAssignRef}): a
     * MULTIEXPR SubLink whose {@code rightValue} picks the column from the sub-select's one row.
     * Each column is its own SubLink, so the sub-select runs once per assigned column.
     */
    private QueryExpr multiAssign(Expr.MultiAssignRef ref) {
        Expr.SubLink link = ref.source();
        if (state.subLinkForbiddenIn != null) {
            return subLink(link);
        }
        ParseState inner = state.nested(false);
        org.woolly.nodes.query.Query query = new SelectAnalyzer(inner).analyze(link.subquery());
        List<org.woolly.nodes.query.ParamBinding> bindings = List.copyOf(inner.bindings);
        state.parameterTypes = inner.parameterTypes;
        var outputs = query.outputColumns();
        if (outputs.size() != ref.columns()) {
            throw ParseState.error(SqlState.SYNTAX_ERROR, link.location(),
                    "number of columns does not match number of values");
        }
        QueryExpr output = outputs.get(ref.column()).expr();
        QueryExpr column = new QueryExpr.Var(ref.column(), output.type(), output.typmod(), "subquery", -1);
        return new QueryExpr.SubLink(Expr.SubLink.Kind.MULTIEXPR, query, -1, null, null, column, output.type(),
                bindings);
    }

    private QueryExpr sqlValue(Expr.SqlValueFunction value) {
        String name = value.name().toLowerCase(java.util.Locale.ROOT);
        int type = switch (name) {
            case "current_user", "session_user", "user", "current_role", "current_catalog", "current_schema" ->
                    TypeOids.NAME;
            case "current_date" -> TypeOids.DATE;
            case "current_timestamp" -> TypeOids.TIMESTAMPTZ;
            case "localtimestamp" -> TypeOids.TIMESTAMP;
            case "localtime" -> TypeOids.TIME;
            default -> throw unsupported(value.name() + " values", value.location());
        };
        QueryExpr result = new QueryExpr.SqlValue(name, type);
        if (value.precision() < 0) {
            return result;
        }
        // LOCALTIME(p) and friends round to p digits, as a cast to TIME(p) would
        int typmod = org.woolly.utils.adt.TypeModifiers.typmodIn(type, name, List.of(value.precision()),
                warning -> state.notices.notice(warning));
        return new QueryExpr.Cast(result, null, type, typmod, true);
    }
}
