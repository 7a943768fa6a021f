package org.woolly.analyzer;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import org.woolly.analyzer.resolve.RoutineResolver;
import org.woolly.catalog.FunctionInfo;
import org.woolly.nodes.parse.Expr;
import org.woolly.nodes.parse.QualifiedName;
import org.woolly.nodes.parse.RawStatement;
import org.woolly.nodes.parse.Statement;
import org.woolly.nodes.query.FunctionHandle;
import org.woolly.nodes.query.ParamBinding;
import org.woolly.nodes.query.ProceduralCalls;
import org.woolly.nodes.query.Query;
import org.woolly.nodes.query.QueryExpr;
import org.woolly.nodes.query.TargetEntry;
import org.woolly.parser.Parser;
import org.woolly.utils.adt.BuiltinTypes;
import org.woolly.utils.adt.TypeOids;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * Calls of user-defined SQL functions ({@code func_get_detail} with named arguments, defaults and
 * VARIADIC in {@code parse_func.c}; {@code inline_function} and {@code inline_set_returning_function}
 * in {@code clauses.c}). A call becomes its body's final SELECT analyzed as a subquery: a scalar
 * function a subquery in the expression, a set-returning one a subquery in FROM (or, in the
 * select list, {@code unnest(ARRAY(subquery))}). In an expression the arguments are computed once
 * per call by the caller's level and reach the body as execution parameters, as an outer column
 * reaches a correlated subquery; in FROM, where they read no column of their own level, they are
 * substituted into the body. In the body {@code $n}, a parameter's name and {@code function.name} read them.
 */
final class RoutineCalls {

    private RoutineCalls() {}

    /** The parameters a routine body sees ({@code SQLFunctionParseInfo}): names and values in input order. */
    record Scope(String functionName, String[] names, List<QueryExpr> values) {}

    /** A set-returning routine called as a FROM item: filled in by the call, read by FromAnalyzer. */
    static final class FromTarget {
        final Expr.FuncCall call;
        Query query;
        List<String> names;
        List<ParamBinding> bindings;
        /** The routine has OUT parameters, whose record its rows are. */
        boolean outParameters;

        FromTarget(Expr.FuncCall call) {
            this.call = call;
        }
    }

    /** A routine chosen for a call, with its input arguments in declared order (defaults filled in). */
    record Bound(FunctionInfo function, List<QueryExpr> arguments, int[] argumentTypes, int returnType) {}

    /** The value of a call's argument as written ({@code name => value} and {@code VARIADIC value} unwrapped). */
    static Expr value(Expr arg) {
        return arg instanceof Expr.NamedArgument named ? named.value() : arg;
    }

    /** A parameter of the routine whose body is analyzed, by name ({@code sql_fn_post_column_ref}), or null. */
    static QueryExpr parameter(ParseState state, List<String> fields) {
        Scope scope = state.routine;
        if (scope == null || fields.size() > 2 || fields.size() == 2 && !fields.getFirst().equals(scope.functionName())) {
            return null;
        }
        for (int i = 0; i < scope.names().length; i++) {
            if (fields.getLast().equals(scope.names()[i])) {
                return scope.values().get(i);
            }
        }
        return null;
    }

    /** {@code $n} in a routine body; 42P02 past the routine's parameters. */
    static QueryExpr numberedParameter(ParseState state, Expr.ParamRef param) {
        List<QueryExpr> values = state.routine.values();
        if (param.number() < 1 || param.number() > values.size()) {
            throw ParseState.error(SqlState.UNDEFINED_PARAMETER, param.location(), "there is no parameter $%d",
                    param.number());
        }
        return values.get(param.number() - 1);
    }

    /**
     * The call as a user routine's, or null when no user routine has the name (or a built-in
     * function matches better): the caller then resolves it among the built-ins.
     */
    static QueryExpr transform(ExpressionAnalyzer analyzer, ParseState state, Expr.FuncCall call, List<QueryExpr> args) {
        boolean named = call.args().stream().anyMatch(arg -> arg instanceof Expr.NamedArgument);
        List<FunctionInfo> routines = state.catalog.lookupFunctions(state.transaction, call.name().schema(),
                call.name().name());
        if (routines.isEmpty() && !named) {
            return null;
        }
        Bound bound = bind(state, call, args, routines, false);
        if (bound == null) {
            return null;
        }
        if (bound.function().isPlpgsql()) {
            return proceduralCall(call, bound);
        }
        return inline(state, call, bound);
    }

    /**
     * A call of one user function chosen beforehand (a user-defined operator's function), bound,
     * coerced and inlined as if written {@code schema.name(args)}; {@code location} stands for
     * every argument's.
     */
    static QueryExpr callChosen(ParseState state, FunctionInfo function, String schema, List<QueryExpr> args,
                                int location) {
        List<Expr> written = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            written.add(new Expr.Default(location));
        }
        Expr.FuncCall call = new Expr.FuncCall(new QualifiedName(schema, function.name(), location), written, false,
                false, List.of(), null, null, location);
        Bound bound = bind(state, call, args, List.of(function), false);
        return bound.function().isPlpgsql() ? proceduralCall(call, bound) : inline(state, call, bound);
    }

    /**
     * Resolves a call among the user routines (procedures for CALL when {@code procedure}) and,
     * for functions without named arguments, the built-ins; null when a built-in is the match.
     */
    static Bound bind(ParseState state, Expr.FuncCall call, List<QueryExpr> args, List<FunctionInfo> routines,
                      boolean procedure) {
        int[] argTypes = new int[args.size()];
        for (int i = 0; i < argTypes.length; i++) {
            argTypes[i] = args.get(i).type();
        }
        List<RoutineResolver.Candidate<Layout>> candidates = new ArrayList<>();
        for (FunctionInfo routine : routines) {
            Layout layout = Layout.of(routine, call.args());
            if (layout != null) {
                // a domain parameter matches as its base type; the argument is then coerced to the domain
                int[] matched = layout.declared().clone();
                for (int i = 0; i < matched.length; i++) {
                    matched[i] = DomainCoercion.storedType(state, matched[i]);
                }
                candidates.add(new RoutineResolver.Candidate<>(layout, matched));
            }
        }
        boolean named = call.args().stream().anyMatch(arg -> arg instanceof Expr.NamedArgument);
        String shown = shownArguments(state, call, argTypes);
        RoutineResolver.Choice<Layout> choice;
        try {
            choice = RoutineResolver.choose(call.name().name(), candidates,
                    !procedure && !named && call.name().schema() == null, argTypes, shown);
        } catch (SqlException error) {
            if (procedure && error.sqlState() == SqlState.UNDEFINED_FUNCTION) {
                error = new SqlException(SqlState.UNDEFINED_FUNCTION, "procedure " + call.name().name() + "(" + shown
                        + ") does not exist").withHint("No procedure matches the given name and argument types. "
                        + "You might need to add explicit type casts.");
            }
            throw ParseState.at(error, call.location());
        }
        if (choice.builtin()) {
            return null;
        }
        Layout layout = choice.chosen().routine();
        FunctionInfo function = layout.function();
        if (function.isProcedure() != procedure) {
            throw procedure
                    ? ParseState.error(SqlState.WRONG_OBJECT_TYPE, call.location(), "%s(%s) is not a procedure",
                            function.name(), shown).withHint("To call a function, use SELECT.")
                    : ParseState.error(SqlState.WRONG_OBJECT_TYPE, call.location(), "%s(%s) is a procedure",
                            function.name(), shown).withHint("To call a procedure, use CALL.");
        }
        return layout.bind(state, call, args, argTypes);
    }

    private static String shownArguments(ParseState state, Expr.FuncCall call, int[] argTypes) {
        StringJoiner shown = new StringJoiner(", ");
        for (int i = 0; i < argTypes.length; i++) {
            String type = state.types.formatType(argTypes[i], -1);
            if (call.args().get(i) instanceof Expr.NamedArgument argument) {
                shown.add(argument.variadic() ? "VARIADIC " + type : argument.name() + " => " + type);
            } else {
                shown.add(type);
            }
        }
        return shown.toString();
    }

    /** How a call's written arguments map onto one routine's input parameters. */
    private record Layout(FunctionInfo function, int[] declared, int[] parameterOf, boolean spread) {

        static Layout of(FunctionInfo function, List<Expr> written) {
            int inputs = function.argumentTypes().length;
            int count = written.size();
            int positional = 0;
            while (positional < count && !(written.get(positional) instanceof Expr.NamedArgument argument
                    && !argument.variadic())) {
                positional++;
            }
            boolean explicitVariadic = count > 0 && written.getLast() instanceof Expr.NamedArgument last
                    && last.variadic();
            if (explicitVariadic && (function.variadicType() == 0 || count != inputs)) {
                return null;
            }
            int[] declared = new int[count];
            int[] parameterOf = new int[count];
            if (function.variadicType() != 0 && !explicitVariadic && positional == count && count >= inputs - 1
                    && function.variadicType() != TypeOids.ANY) {
                for (int i = 0; i < count; i++) {
                    parameterOf[i] = Math.min(i, inputs - 1);
                    declared[i] = i < inputs - 1 ? function.argumentTypes()[i]
                            : elementOf(function.argumentTypes()[inputs - 1]);
                }
                return new Layout(function, declared, parameterOf, true);
            }
            if (count > inputs) {
                return null;
            }
            boolean[] assigned = new boolean[inputs];
            String[] inputNames = inputNames(function);
            for (int i = 0; i < count; i++) {
                int parameter = i;
                if (i >= positional) {
                    parameter = java.util.Arrays.asList(inputNames).indexOf(((Expr.NamedArgument) written.get(i)).name());
                    if (parameter < 0 || assigned[parameter]) {
                        return null;
                    }
                }
                assigned[parameter] = true;
                parameterOf[i] = parameter;
                declared[i] = function.argumentTypes()[parameter];
            }
            int firstDefault = inputs - function.defaults().size();
            for (int parameter = 0; parameter < inputs; parameter++) {
                if (!assigned[parameter] && parameter < firstDefault) {
                    return null;
                }
            }
            return new Layout(function, declared, parameterOf, false);
        }

        private static int elementOf(int arrayType) {
            int element = BuiltinTypes.elementType(arrayType);
            return arrayType == TypeOids.ANYARRAY ? TypeOids.ANYELEMENT : element;
        }

        /** The arguments in input order, coerced, with defaults and the VARIADIC array built. */
        Bound bind(ParseState state, Expr.FuncCall call, List<QueryExpr> args, int[] argTypes) {
            int inputs = function.argumentTypes().length;
            int[] types = new int[inputs];
            for (int parameter = 0; parameter < inputs; parameter++) {
                types[parameter] = RoutineResolver.bindPolymorphic(function.argumentTypes()[parameter], declared,
                        argTypes);
            }
            int returnType = RoutineResolver.bindPolymorphic(function.returnType(), declared, argTypes);
            if (returnType == 0) {
                throw ParseState.error(SqlState.DATATYPE_MISMATCH, call.location(),
                        "could not determine polymorphic type because input has type unknown");
            }
            QueryExpr[] values = new QueryExpr[inputs];
            List<QueryExpr> spreadElements = new ArrayList<>();
            ExpressionAnalyzer coercer = new ExpressionAnalyzer(state);
            for (int i = 0; i < args.size(); i++) {
                int parameter = parameterOf[i];
                int location = call.args().get(i).location();
                if (spread && parameter == inputs - 1) {
                    int element = BuiltinTypes.elementType(types[parameter]);
                    spreadElements.add(coercer.coerceArgument(args.get(i), element, location));
                } else {
                    values[parameter] = coercer.coerceArgument(args.get(i), types[parameter], location);
                }
            }
            if (spread) {
                values[inputs - 1] = new QueryExpr.ArrayConstruct(List.copyOf(spreadElements),
                        BuiltinTypes.elementType(types[inputs - 1]), false, types[inputs - 1]);
            }
            int firstDefault = inputs - function.defaults().size();
            for (int parameter = 0; parameter < inputs; parameter++) {
                if (values[parameter] == null) {
                    Expr text = Parser.parseExpression(function.defaults().get(parameter - firstDefault));
                    ParseState defaults = state.child(new int[0]);
                    values[parameter] = new ExpressionAnalyzer(defaults).coerceArgument(
                            new ExpressionAnalyzer(defaults).transform(text), types[parameter], call.location());
                }
            }
            return new Bound(function, List.of(values), types, returnType);
        }
    }

    /**
     * A call of a PL/pgSQL function: evaluated by its language's handler at run time, never
     * folded at planning (its body may read and write the database).
     */
    private static QueryExpr proceduralCall(Expr.FuncCall call, Bound bound) {
        FunctionInfo function = bound.function();
        if (function.outputPositions().length > 1 || function.returnType() == TypeOids.RECORD) {
            throw ParseState.error(SqlState.FEATURE_NOT_SUPPORTED, call.location(),
                    "PL/pgSQL functions returning rows are not supported yet");
        }
        int[] argumentTypes = bound.argumentTypes();
        int returnType = bound.returnType();
        FunctionHandle handle = new FunctionHandle(function.oid(), function.name(), argumentTypes, returnType,
                function.strict(), true, (values, context) -> ProceduralCalls.current().call(function, argumentTypes,
                        returnType, values), function.returnsSet());
        return new QueryExpr.FuncCall(handle, bound.arguments(), false, returnType);
    }

    /** The name of a called PL/pgSQL function's one OUT parameter, which names its column in FROM; else null. */
    static String outputName(ParseState state, Expr.FuncCall written, QueryExpr call) {
        if (!(call instanceof QueryExpr.FuncCall analyzed)) {
            return null;
        }
        for (FunctionInfo function : state.catalog.lookupFunctions(state.transaction, written.name().schema(),
                written.name().name())) {
            if (function.oid() == analyzed.function().oid() && function.isPlpgsql()
                    && function.outputPositions().length == 1) {
                String name = function.argumentName(function.outputPositions()[0]);
                return name.isEmpty() ? null : name;
            }
        }
        return null;
    }

    /** The names of a routine's input parameters, "" where unnamed. */
    static String[] inputNames(FunctionInfo function) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < function.allArgumentTypes().length; i++) {
            char mode = function.argumentModes() == null ? 'i' : function.argumentModes()[i];
            if (mode == 'i' || mode == 'b' || mode == 'v') {
                names.add(function.argumentName(i));
            }
        }
        return names.toArray(String[]::new);
    }

    /** The statements of a routine's body: AS text, or the SQL-standard body ({@code RETURN e} is {@code SELECT e}). */
    static List<Statement> bodyStatements(FunctionInfo function) {
        String text = function.sqlBody() != null ? standardBodyText(function.sqlBody()) : function.source();
        List<Statement> statements = new ArrayList<>();
        for (RawStatement raw : Parser.parse(text)) {
            if (!(raw.statement() instanceof Statement.Empty)) {
                statements.add(raw.statement());
            }
        }
        return statements;
    }

    /**
     * The statements of an SQL-standard body at the same offsets as written (so an error's
     * position still points into the CREATE statement): {@code RETURN} becomes {@code SELECT},
     * {@code BEGIN ATOMIC} and the final {@code END} blanks.
     */
    private static String standardBodyText(String body) {
        String lower = body.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("return")) {
            return "select" + body.substring("return".length());
        }
        int atomic = lower.indexOf("atomic") + "atomic".length();
        int end = lower.lastIndexOf("end");
        return " ".repeat(atomic) + body.substring(atomic, end);
    }

    /** The analysis state of a routine's body, reading its parameters as {@code values}. */
    static ParseState bodyState(ParseState caller, FunctionInfo function, List<QueryExpr> values) {
        ParseState body = caller.childWith(caller.catalog, new int[0]);
        body.routine = new Scope(function.name(), inputNames(function), values);
        return body;
    }

    private static QueryExpr inline(ParseState state, Expr.FuncCall call, Bound bound) {
        FunctionInfo function = bound.function();
        List<Statement> statements = bodyStatements(function);
        Statement last = statements.isEmpty() ? null : statements.getLast();
        for (Statement statement : statements) {
            if (!(statement instanceof Statement.Select)) {
                throw ParseState.error(SqlState.FEATURE_NOT_SUPPORTED, call.location(),
                        "SQL functions whose body is not a SELECT are not supported yet");
            }
        }
        if (last == null) {
            return new QueryExpr.Const(bound.returnType(), -1, null);
        }
        FromTarget target = state.fromTarget != null && state.fromTarget.call == call ? state.fromTarget : null;
        if (target == null && statements.size() == 1 && !function.returnsSet()
                && function.outputPositions().length == 0 && function.returnType() != TypeOids.VOID) {
            QueryExpr simple = simpleExpression(state, function, bound, ((Statement.Select) last).query());
            if (simple != null) {
                return simple;
            }
        }
        ParseState body = bodyState(state, function, bound.arguments());
        if (target == null) {
            // the caller's level computes each argument once; the body reads it as a parameter
            List<QueryExpr> values = new ArrayList<>();
            for (int i = 0; i < bound.arguments().size(); i++) {
                int id = state.newExecParam();
                QueryExpr argument = bound.arguments().get(i);
                body.bindings.add(new ParamBinding(id, argument));
                values.add(new QueryExpr.ExecParam(id, argument.type(), argument.typmod(), "$" + (i + 1)));
            }
            body.routine = new Scope(function.name(), inputNames(function), List.copyOf(values));
        }
        Query query;
        try {
            query = new SelectAnalyzer(body).analyze(((Statement.Select) last).query());
        } catch (SqlException error) {
            throw error.position() == 0 ? error : error.withPosition(0);
        }
        List<ParamBinding> bindings = List.copyOf(body.bindings);
        List<TargetEntry> outputs = query.outputColumns();
        boolean composite = function.outputPositions().length > 1 || function.returnType() == TypeOids.RECORD
                || BuiltinTypes.byOid(bound.returnType()) == null;
        if (target != null) {
            target.query = query;
            target.bindings = bindings;
            target.outParameters = function.outputPositions().length > 1;
            target.names = outputNames(function, outputs, call.name().name(), composite);
            List<String> fieldNames = RowExpressions.fieldNames(state, bound.returnType());
            if (fieldNames != null && fieldNames.size() == target.names.size()) {
                target.names = fieldNames;
            }
            return new QueryExpr.Const(bound.returnType(), -1, null);
        }
        if (composite && !function.returnsSet()) {
            QueryExpr row = new QueryExpr.SubLink(Expr.SubLink.Kind.EXPR,
                    RowExpressions.rowOfOutputs(state, query, bound.returnType(), call.location()), -1, null, null, null,
                    bound.returnType(), bindings);
            return function.strict() ? strict(bound.arguments(), row) : row;
        }
        if (composite) {
            // a set of rows: unnest(ARRAY(SELECT ROW(...) FROM (body))), the array one of records
            return setInSelectList(state, call, RowExpressions.rowOfOutputs(state, query, bound.returnType(),
                    call.location()), bindings, bound.returnType(), bound.returnType());
        }
        if (outputs.size() != 1) {
            throw returnMismatch(state, function.returnType(), "Final statement must return exactly one column.");
        }
        int type = outputs.getFirst().expr().type();
        if (function.returnType() == TypeOids.VOID) {
            return new QueryExpr.Const(TypeOids.VOID, -1, null);
        }
        if (function.returnsSet()) {
            return setInSelectList(state, call, query, bindings, type, bound.returnType());
        }
        QueryExpr result = new QueryExpr.SubLink(Expr.SubLink.Kind.EXPR, query, -1, null, null, null, type, bindings);
        result = coerceResult(state, result, bound.returnType());
        return function.strict() ? strict(bound.arguments(), result) : result;
    }

    /**
     * A body that is one expression ({@code SELECT expr}: no FROM, WHERE, grouping or subquery)
     * becomes that expression with the arguments in place of the parameters
     * ({@code inline_function}), so it works where no subquery can run (CHECK, DEFAULT, index
     * expressions); null for any other body.
     */
    private static QueryExpr simpleExpression(ParseState state, FunctionInfo function, Bound bound,
                                              org.woolly.nodes.parse.SelectStmt select) {
        if (select.op() != null || select.values() != null || select.targets() == null || select.targets().size() != 1
                || notEmpty(select.from()) || select.where() != null || notEmpty(select.groupBy())
                || select.having() != null || select.distinct() || notEmpty(select.orderBy()) || select.limit() != null
                || select.offset() != null || notEmpty(select.with())) {
            return null;
        }
        ParseState body = bodyState(state, function, bound.arguments());
        body.aggregateForbiddenIn = "SQL function body";
        body.subLinkForbiddenIn = "SQL function body";
        QueryExpr expr;
        try {
            expr = new ExpressionAnalyzer(body).transform(select.targets().getFirst().value());
        } catch (SqlException notSimple) {
            return null;
        }
        if (!body.bindings.isEmpty() || !body.aggregates.isEmpty() || FunctionAnalyzer.containsSetReturning(expr)) {
            return null;
        }
        QueryExpr result = coerceResult(state, Coercions.unknownToText(body, expr), bound.returnType());
        return function.strict() ? strict(bound.arguments(), result) : result;
    }

    private static boolean notEmpty(List<?> list) {
        return list != null && !list.isEmpty();
    }

    /** NULL without evaluating the body when an argument is NULL (a STRICT function). */
    private static QueryExpr strict(List<QueryExpr> arguments, QueryExpr result) {
        if (arguments.isEmpty()) {
            return result;
        }
        List<QueryExpr> tests = new ArrayList<>();
        for (QueryExpr argument : arguments) {
            tests.add(new QueryExpr.NullTest(argument, Expr.NullTest.Test.IS_NULL));
        }
        QueryExpr anyNull = tests.size() == 1 ? tests.getFirst() : new QueryExpr.BoolOp(QueryExpr.BoolOp.BoolKind.OR, tests);
        return new QueryExpr.Case(List.of(anyNull), List.of(new QueryExpr.Const(result.type(), -1, null)), result,
                result.type());
    }

    static QueryExpr coerceResult(ParseState state, QueryExpr result, int returnType) {
        if (result.type() == returnType || result.type() == TypeOids.UNKNOWN && returnType == TypeOids.TEXT
                && !(result instanceof QueryExpr.SubLink)) {
            return result;
        }
        QueryExpr coerced = Coercions.coerce(state, result, returnType, -1, TypeSystem.CoercionContext.ASSIGNMENT, -1);
        if (coerced == null) {
            throw returnMismatch(state, returnType, "Actual return type is %s.".formatted(
                    state.types.formatType(result.type(), -1)));
        }
        return coerced;
    }

    static SqlException returnMismatch(ParseState state, int returnType, String detail) {
        return SqlException.of(SqlState.INVALID_FUNCTION_DEFINITION, "return type mismatch in function declared to return %s",
                state.types.formatType(returnType, -1)).withDetail(detail);
    }

    /** A set-returning function in the select list: {@code unnest(ARRAY(body))}. */
    private static QueryExpr setInSelectList(ParseState state, Expr.FuncCall call, Query query,
                                             List<ParamBinding> bindings, int type, int returnType) {
        if (!state.setReturningAllowed || state.setReturningForbiddenIn != null) {
            throw ParseState.error(SqlState.FEATURE_NOT_SUPPORTED, call.location(),
                    "set-returning functions are not allowed in %s",
                    state.setReturningForbiddenIn != null ? state.setReturningForbiddenIn
                            : state.aggregateForbiddenIn != null ? state.aggregateForbiddenIn : "this context");
        }
        int arrayType = BuiltinTypes.arrayTypeOf(returnType);
        if (arrayType == 0 && RowExpressions.fieldNames(state, returnType) != null) {
            arrayType = BuiltinTypes.arrayTypeOf(TypeOids.RECORD);
        }
        if (arrayType == 0) {
            throw ParseState.error(SqlState.FEATURE_NOT_SUPPORTED, call.location(),
                    "set-returning functions of type %s are only supported as a FROM item yet",
                    state.types.formatType(returnType, -1));
        }
        Query coerced = query;
        QueryExpr array = new QueryExpr.SubLink(Expr.SubLink.Kind.ARRAY, coerced, -1, null, null, null, arrayType,
                bindings);
        if (type != returnType) {
            throw returnMismatch(state, returnType, "Actual return type is %s.".formatted(
                    state.types.formatType(type, -1)));
        }
        TypeSystem.FunctionMatch unnest = state.types.resolveFunction("unnest", new int[] {arrayType});
        state.setReturningLocation = call.location();
        return new QueryExpr.FuncCall(unnest.function(), List.of(array), false, returnType);
    }

    private static List<String> outputNames(FunctionInfo function, List<TargetEntry> outputs, String name,
                                            boolean composite) {
        List<String> names = new ArrayList<>();
        int[] positions = function.outputPositions();
        if (!composite) {
            names.add(positions.length == 1 && !function.argumentName(positions[0]).isEmpty()
                    ? function.argumentName(positions[0]) : name);
            return names;
        }
        for (int i = 0; i < outputs.size(); i++) {
            String parameterName = i < positions.length ? function.argumentName(positions[i]) : "";
            names.add(!parameterName.isEmpty() ? parameterName : outputs.get(i).name());
        }
        return names;
    }
}
