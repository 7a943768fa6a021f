package org.woolly.pl.plpgsql;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.LongStream;
import org.woolly.pl.plpgsql.PlStatement.SqlText;
import org.woolly.pl.plpgsql.PlVariables.Variable;
import org.woolly.executor.ArrayAssignment;
import org.woolly.utils.adt.ArrayValue;
import org.woolly.utils.adt.BuiltinTypes;
import org.woolly.utils.adt.TypeOids;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;
import org.woolly.utils.misc.Interrupts;

/**
 * Runs a PL/pgSQL body ({@code pl_exec.c}): {@code plpgsql_exec_function} for functions,
 * procedures and DO blocks. Control flow is returned, not thrown ({@code PLPGSQL_RC_*});
 * an error leaving a statement gets the CONTEXT line naming the function, the line and the
 * statement, once, where it happened.
 */
public final class PlExecutor {

    /**
     * One call: {@code contextName} as CONTEXT names it ({@code f(integer)} or
     * {@code inline_code_block}); the input parameters' names ("" unnamed), types and values;
     * the OUT parameters' names and types; the result type (void for a procedure or DO).
     */
    public record Call(String contextName, String functionName, String[] inputNames, int[] inputTypes,
                       Object[] arguments, String[] outputNames, int[] outputTypes, int returnType,
                       boolean returnsSet, Trigger trigger) {

        public Call(String contextName, String functionName, String[] inputNames, int[] inputTypes,
                    Object[] arguments, String[] outputNames, int[] outputTypes, int returnType, boolean returnsSet) {
            this(contextName, functionName, inputNames, inputTypes, arguments, outputNames, outputTypes, returnType,
                    returnsSet, null);
        }
    }

    /**
     * What a trigger function sees ({@code TriggerData} and the {@code TG_*} variables of
     * {@code plpgsql_exec_trigger}): {@code when} BEFORE, AFTER or INSTEAD OF; {@code level} ROW or
     * STATEMENT; {@code operation} INSERT, UPDATE, DELETE or TRUNCATE; the table's columns and
     * the NEW and OLD rows (null where the event has none).
     */
    public record Trigger(String name, String when, String level, String operation, int relationOid,
                          String relationName, String schemaName, List<String> arguments, List<String> columnNames,
                          int[] columnTypes, Object[] newRow, Object[] oldRow) {}

    private enum Flow { NORMAL, EXIT, CONTINUE, RETURN }

    private final Spi spi;
    private final PlFunctionBody body;
    private final Call call;
    private final PlVariables variables = new PlVariables();
    private final PlExpressions expressions;
    private final Set<Throwable> located = Collections.newSetFromMap(new IdentityHashMap<>());
    private final List<Variable> outputs = new ArrayList<>();
    private final List<Object> resultSet = new ArrayList<>();
    private final ArrayList<SqlException> handledErrors = new ArrayList<>();
    private Object returnValue;
    private boolean returned;
    private String exitLabel;
    private long rowCount;
    private Variable found;

    private PlExecutor(Spi spi, PlFunctionBody body, Call call) {
        this.spi = spi;
        this.body = body;
        this.call = call;
        this.expressions = new PlExpressions(spi, body, variables);
    }

    /**
     * Parses a body for a call or a validator ({@link PlParser#parse}); a syntax error points
     * into the statement text, where the body starts at {@code bodyLocation} (0-based).
     */
    public static PlFunctionBody compile(String source, int bodyLocation, String functionName,
                                         java.util.Collection<String> parameterNames) {
        try {
            return PlParser.parse(source, parameterNames);
        } catch (SqlException error) {
            if (error.context() != null && error.context().startsWith(PlParser.NEAR_LINE)) {
                error.withContext("compilation of PL/pgSQL function \"" + functionName + "\" " + error.context());
            }
            throw error.position() > 0 ? error.withPosition(error.position() + bodyLocation) : error;
        }
    }

    /** Runs a call: the result value, or for a set-returning function the list of its values. */
    public static Object execute(Spi spi, PlFunctionBody body, Call call) {
        return new PlExecutor(spi, body, call).run();
    }

    private Object run() {
        variables.push(call.functionName());
        found = variables.declare(new Variable("found", TypeOids.BOOL, -1, "boolean"));
        found.value = false;
        if (call.trigger() != null) {
            declareTriggerVariables(call.trigger());
        }
        for (int i = 0; i < call.inputTypes().length; i++) {
            Variable parameter = new Variable(call.inputNames()[i], call.inputTypes()[i], -1,
                    spi.formatType(call.inputTypes()[i], -1));
            parameter.value = call.arguments()[i];
            if (!call.inputNames()[i].isEmpty()) {
                variables.declare(parameter);
            }
            expressions.positional.add(parameter);
        }
        for (int i = 0; i < call.outputTypes().length; i++) {
            Variable output = new Variable(call.outputNames()[i], call.outputTypes()[i], -1,
                    spi.formatType(call.outputTypes()[i], -1));
            Variable input = variables.lookup(output.name);
            if (input != null && input.type == output.type) {
                output = input;
            } else if (!output.name.isEmpty()) {
                variables.declare(output);
            }
            outputs.add(output);
        }
        Flow flow = statement(body.block);
        if (call.returnsSet()) {
            return resultSet;
        }
        if (call.returnType() == TRIGGER_TYPE && !returned) {
            throw located(new SqlException(SqlState.FUNCTION_EXECUTED_NO_RETURN_STATEMENT,
                    "control reached end of trigger procedure without RETURN"),
                    "PL/pgSQL function " + call.contextName());
        }
        if (returned) {
            return returnValue;
        }
        if (flow == Flow.EXIT && exitLabel != null) {
            throw new SqlException(SqlState.SYNTAX_ERROR, "label \"" + exitLabel + "\" does not exist");
        }
        if (!outputs.isEmpty()) {
            return outputs.getFirst().value;
        }
        if (call.returnType() != TypeOids.VOID) {
            throw located(new SqlException(SqlState.FUNCTION_EXECUTED_NO_RETURN_STATEMENT,
                    "control reached end of function without RETURN"), "PL/pgSQL function " + call.contextName());
        }
        return null;
    }

    private SqlException located(SqlException error, String line) {
        located.add(error);
        return error.withContext(error.context() == null ? line : error.context() + "\n" + line);
    }

    private Flow statements(List<PlStatement> list) {
        for (PlStatement statement : list) {
            Flow flow = statement(statement);
            if (flow != Flow.NORMAL) {
                return flow;
            }
        }
        return Flow.NORMAL;
    }

    private Flow statement(PlStatement statement) {
        Interrupts.check();
        expressions.current = null;
        try {
            return switch (statement) {
                case PlStatement.Block block -> block(block);
                case PlStatement.Assign assign -> assign(assign);
                case PlStatement.If branch -> ifStatement(branch);
                case PlStatement.Case choice -> caseStatement(choice);
                case PlStatement.Loop loop -> loop(loop);
                case PlStatement.ForInteger loop -> forInteger(loop);
                case PlStatement.ForQuery loop -> forQuery(loop);
                case PlStatement.Foreach loop -> foreach(loop);
                case PlStatement.Exit exit -> exit(exit);
                case PlStatement.Return ret -> returnStatement(ret);
                case PlStatement.ReturnNext next -> returnNext(next);
                case PlStatement.ReturnQuery query -> returnQuery(query);
                case PlStatement.ExecuteSql sql -> executeSql(sql);
                case PlStatement.DynamicExecute dynamic -> dynamicExecute(dynamic);
                case PlStatement.GetDiagnostics diagnostics -> getDiagnostics(diagnostics);
                case PlStatement.Raise raise -> raise(raise);
                case PlStatement.Assert check -> assertStatement(check);
                case PlStatement.Null ignored -> Flow.NORMAL;
            };
        } catch (SqlException error) {
            if (located.contains(error)) {
                throw error;
            }
            String line = "PL/pgSQL function " + call.contextName() + " line " + statement.line() + " at "
                    + statement.typeName();
            throw located(error.position() > 0 ? error.withPosition(0) : error,
                    queryContext(statement, error) + line);
        }
    }

    /**
     * The CONTEXT line SPI's error callback gives an error raised by the SQL engine while it
     * planned or ran one of the statement's queries: always for an SQL statement; for an
     * expression only when it went through SPI, which a simple expression reading variables
     * does not (an error there names only the function's line).
     */
    private String queryContext(PlStatement statement, SqlException error) {
        String expression = expressions.current;
        if (expression == null || error.context() != null || error instanceof PlRaise.Raised
                || PL_CODES.contains(error.sqlState())) {
            return "";
        }
        if (statement instanceof PlStatement.ExecuteSql sql) {
            return "SQL statement \"" + sql.query().text().strip() + "\"\n";
        }
        if (expressions.readsVariables && !expression.toLowerCase(java.util.Locale.ROOT).contains("select")) {
            return "";
        }
        if (statement instanceof PlStatement.Assign assign) {
            return "PL/pgSQL assignment \"" + String.join(".", assign.target()) + " := " + assign.value().text().strip()
                    + "\"\n";
        }
        return "SQL expression \"" + expression.strip() + "\"\n";
    }

    private static final Set<SqlState> PL_CODES = Set.of(SqlState.NO_DATA_FOUND, SqlState.TOO_MANY_ROWS,
            SqlState.SYNTAX_ERROR, SqlState.ASSERT_FAILURE, SqlState.CASE_NOT_FOUND);

    private Flow block(PlStatement.Block block) {
        variables.push(block.label());
        try {
            for (PlStatement.Declaration declaration : block.declarations()) {
                expressions.current = null;
                try {
                    declare(declaration);
                } catch (SqlException error) {
                    if (located.contains(error)) {
                        throw error;
                    }
                    throw located(error.position() > 0 ? error.withPosition(0) : error, queryContext(block, error)
                            + "PL/pgSQL function " + call.contextName() + " line " + block.line()
                            + " during statement block local variable initialization");
                }
            }
            if (block.handlers().isEmpty()) {
                return blockBody(block);
            }
            Object subtransaction = spi.beginSubtransaction();
            try {
                Flow flow = blockBody(block);
                spi.commitSubtransaction(subtransaction);
                return flow;
            } catch (SqlException error) {
                spi.rollbackSubtransaction(subtransaction);
                located.remove(error);
                String code = PlRaise.code(error);
                for (PlStatement.Handler handler : block.handlers()) {
                    for (String condition : handler.conditions()) {
                        if (Conditions.matches(condition, code)) {
                            return handle(handler, error, code);
                        }
                    }
                }
                throw error;
            }
        } finally {
            variables.pop();
        }
    }

    private Flow blockBody(PlStatement.Block block) {
        Flow flow = statements(block.body());
        if (flow == Flow.EXIT && block.label() != null && block.label().equals(exitLabel)) {
            exitLabel = null;
            return Flow.NORMAL;
        }
        return flow;
    }

    private Flow handle(PlStatement.Handler handler, SqlException error, String code) {
        variables.push(null);
        handledErrors.add(error);
        try {
            variables.declare(new Variable("sqlstate", TypeOids.TEXT, -1, "text")).value = code;
            variables.declare(new Variable("sqlerrm", TypeOids.TEXT, -1, "text")).value = error.getMessage();
            return statements(handler.body());
        } finally {
            handledErrors.removeLast();
            variables.pop();
        }
    }

    private void declare(PlStatement.Declaration declaration) {
        if (declaration.aliasOf() != null) {
            Variable target = declaration.aliasOf().startsWith("$")
                    ? positionalParameter(Integer.parseInt(declaration.aliasOf().substring(1)))
                    : variables.lookup(declaration.aliasOf());
            if (target == null) {
                throw new SqlException(SqlState.UNDEFINED_OBJECT, "variable \"" + declaration.aliasOf()
                        + "\" does not exist");
            }
            variables.alias(declaration.name(), target);
            return;
        }
        Variable variable = PlTypes.variable(spi, variables, declaration.name(), declaration.typeText());
        variable.constant = declaration.constant();
        variable.notNull = declaration.notNull();
        if (declaration.defaultValue() != null) {
            if (variable.isRecord) {
                throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "default values of record variables are not "
                        + "supported yet");
            }
            variable.value = expressions.evaluateAs(declaration.defaultValue().text(), variable.type,
                    variable.typeName);
            if (variable.value == null && variable.notNull) {
                throw new SqlException(SqlState.NULL_VALUE_NOT_ALLOWED, "null value cannot be assigned to variable \""
                        + variable.name + "\" declared NOT NULL");
            }
        }
        variables.declare(variable);
    }

    private Variable positionalParameter(int number) {
        if (number < 1 || number > expressions.positional.size()) {
            return null;
        }
        return expressions.positional.get(number - 1);
    }

    private Flow assign(PlStatement.Assign assign) {
        Variable variable = variables.target(assign.target().getFirst());
        if (assign.target().size() == 2) {
            if (!variable.isRecord) {
                throw new SqlException(SqlState.SYNTAX_ERROR, "\"" + variable.name + "." + assign.target().get(1)
                        + "\" is not a known variable");
            }
            PlVariables.Row row = PlVariables.rowOf(variable);
            int field = row.field(assign.target().get(1));
            if (field < 0) {
                throw new SqlException(SqlState.UNDEFINED_COLUMN, "record \"" + variable.name + "\" has no field \""
                        + assign.target().get(1) + "\"");
            }
            row.values()[field] = expressions.evaluateAs(assign.value().text(), row.types()[field],
                    spi.formatType(row.types()[field], -1));
            return Flow.NORMAL;
        }
        if (assign.subscript() != null) {
            setValue(variable, elementAssignment(variable, assign));
            return Flow.NORMAL;
        }
        if (variable.isRecord) {
            throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "assignment of a whole record is not supported yet");
        }
        setValue(variable, expressions.evaluateAs(assign.value().text(), variable.type, variable.typeName));
        return Flow.NORMAL;
    }

    /**
     * {@code arr[i] := value}: the variable's array with that element set, grown as an UPDATE's
     * element assignment grows it ({@code transformAssignmentIndirection} over the variable).
     */
    private Object elementAssignment(Variable variable, PlStatement.Assign assign) {
        int elementType = BuiltinTypes.elementType(variable.type);
        if (elementType == 0 || variable.isRecord) {
            throw new SqlException(SqlState.DATATYPE_MISMATCH, "cannot subscript type "
                    + spi.formatType(variable.type, -1) + " because it does not support subscripting");
        }
        Object index = expressions.evaluateAs(assign.subscript().text(), TypeOids.INT4, "integer");
        Object value = expressions.evaluateAs(assign.value().text(), elementType, spi.formatType(elementType, -1));
        if (index == null) {
            expressions.current = null;
            throw new SqlException(SqlState.NULL_VALUE_NOT_ALLOWED, "array subscript in assignment must not be null");
        }
        // the assignment itself runs in no SQL expression: its errors name only the line
        expressions.current = null;
        ArrayValue array = variable.value == null ? ArrayValue.empty(elementType) : (ArrayValue) variable.value;
        return ArrayAssignment.element(array, new Integer[] {(Integer) index}, value);
    }

    private void setValue(Variable variable, Object value) {
        if (value == null && variable.notNull) {
            throw new SqlException(SqlState.NULL_VALUE_NOT_ALLOWED, "null value cannot be assigned to variable \""
                    + variable.name + "\" declared NOT NULL");
        }
        variable.value = value;
    }

    private Flow ifStatement(PlStatement.If branch) {
        for (int i = 0; i < branch.conditions().size(); i++) {
            if (expressions.condition(branch.conditions().get(i).text())) {
                return statements(branch.branches().get(i));
            }
        }
        return statements(branch.elseBranch());
    }

    private Flow caseStatement(PlStatement.Case choice) {
        variables.push(null);
        try {
            if (choice.search() != null) {
                PlExpressions.Value search = expressions.evaluate(choice.search().text());
                Variable value = new Variable("\u0001case", search.type(), -1, null);
                value.value = search.value();
                variables.declare(value);
            }
            for (int i = 0; i < choice.whens().size(); i++) {
                String when = choice.whens().get(i).text();
                String test = choice.search() == null ? when : "\"\u0001case\" IN (" + when + ")";
                if (expressions.condition(test)) {
                    return statements(choice.branches().get(i));
                }
            }
        } finally {
            variables.pop();
        }
        if (choice.elseBranch() == null) {
            throw new SqlException(SqlState.CASE_NOT_FOUND, "case not found")
                    .withHint("CASE statement is missing ELSE part.");
        }
        return statements(choice.elseBranch());
    }

    /** What a loop does after one run of its body: go on, leave with NORMAL, or pass a flow outwards. */
    private Flow afterIteration(Flow flow, String label) {
        if (flow == Flow.RETURN) {
            return Flow.RETURN;
        }
        if (flow == Flow.EXIT || flow == Flow.CONTINUE) {
            if (exitLabel == null || exitLabel.equals(label)) {
                exitLabel = null;
                return flow == Flow.EXIT ? Flow.EXIT : null;
            }
            return flow;
        }
        return null;
    }

    /** Runs a loop body; returns the flow that ends the loop, or null to go on. */
    private Flow iteration(List<PlStatement> loopBody, String label) {
        Flow flow = afterIteration(statements(loopBody), label);
        if (flow == Flow.EXIT) {
            return Flow.NORMAL;
        }
        return flow;
    }

    private Flow loop(PlStatement.Loop loop) {
        while (true) {
            Interrupts.check();
            if (loop.condition() != null && !expressions.condition(loop.condition().text())) {
                return Flow.NORMAL;
            }
            Flow flow = iteration(loop.body(), loop.label());
            if (flow != null) {
                return flow;
            }
        }
    }

    private Flow forInteger(PlStatement.ForInteger loop) {
        Object lower = expressions.evaluateAs(loop.lower().text(), TypeOids.INT4, "integer");
        Object upper = expressions.evaluateAs(loop.upper().text(), TypeOids.INT4, "integer");
        if (lower == null) {
            throw new SqlException(SqlState.NULL_VALUE_NOT_ALLOWED, "lower bound of FOR loop cannot be null");
        }
        if (upper == null) {
            throw new SqlException(SqlState.NULL_VALUE_NOT_ALLOWED, "upper bound of FOR loop cannot be null");
        }
        long step = 1;
        if (loop.step() != null) {
            Object by = expressions.evaluateAs(loop.step().text(), TypeOids.INT4, "integer");
            if (by == null) {
                throw new SqlException(SqlState.NULL_VALUE_NOT_ALLOWED, "BY value of FOR loop cannot be null");
            }
            step = (Integer) by;
            if (step <= 0) {
                throw new SqlException(SqlState.INVALID_PARAMETER_VALUE,
                        "BY value of FOR loop must be greater than zero");
            }
        }
        variables.push(loop.label());
        try {
            Variable counter = variables.declare(new Variable(loop.variable(), TypeOids.INT4, -1, "integer"));
            long end = (Integer) upper;
            long delta = loop.reverse() ? -step : step;
            return iterate(LongStream.iterate((Integer) lower, i -> loop.reverse() ? i >= end : i <= end, i -> i + delta)
                    .iterator(), i -> counter.value = (int) (long) i, loop.body(), loop.label());
        } finally {
            variables.pop();
        }
    }

    private Flow forQuery(PlStatement.ForQuery loop) {
        QueryRows rows = loop.dynamic() ? dynamicRows(loop.query(), loop.using())
                : rows(loop.query().text(), 0);
        List<Variable> targets = new ArrayList<>();
        variables.push(loop.label());
        try {
            for (String name : loop.targets()) {
                Variable target = variables.lookup(name);
                if (target == null && loop.targets().size() == 1) {
                    target = variables.declare(new Variable(name, 0, -1, null));
                    target.isRecord = true;
                }
                if (target == null) {
                    throw new SqlException(SqlState.SYNTAX_ERROR, "\"" + name + "\" is not a known variable");
                }
                targets.add(target);
            }
            return iterate(rows.result().rows().iterator(), row -> assignRow(targets, row, rows.plan()), loop.body(),
                    loop.label());
        } finally {
            variables.pop();
        }
    }

    /** Runs a loop's body once per item, {@code bind} setting the loop variables; FOUND tells whether it ran. */
    private <T> Flow iterate(Iterator<T> items, Consumer<T> bind, List<PlStatement> loopBody, String label) {
        boolean any = false;
        while (items.hasNext()) {
            Interrupts.check();
            bind.accept(items.next());
            any = true;
            Flow flow = iteration(loopBody, label);
            if (flow != null) {
                found.value = true;
                return flow;
            }
        }
        found.value = any;
        return Flow.NORMAL;
    }

    private Flow foreach(PlStatement.Foreach loop) {
        if (loop.slice() != 0) {
            throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "FOREACH ... SLICE is not supported yet");
        }
        PlExpressions.Value array = expressions.evaluate(loop.array().text());
        if (array.value() == null) {
            throw new SqlException(SqlState.NULL_VALUE_NOT_ALLOWED, "FOREACH expression must not be null");
        }
        Spi.Result elements = expressions.run(new PlExpressions.Bound("SELECT unnest($1)", new int[] {array.type()},
                new Object[] {array.value()}), 0);
        Variable target = variables.target(loop.variable());
        int elementType = expressions.plan(new PlExpressions.Bound("SELECT unnest($1)", new int[] {array.type()},
                new Object[] {array.value()})).columnTypes()[0];
        variables.push(loop.label());
        try {
            for (Object[] element : elements.rows()) {
                setValue(target, expressions.coerce(element[0], elementType, target.type, target.typeName));
                Flow flow = iteration(loop.body(), loop.label());
                if (flow != null) {
                    return flow;
                }
            }
            return Flow.NORMAL;
        } finally {
            variables.pop();
        }
    }

    private Flow exit(PlStatement.Exit exit) {
        if (exit.condition() != null && !expressions.condition(exit.condition().text())) {
            return Flow.NORMAL;
        }
        exitLabel = exit.label();
        return exit.isContinue() ? Flow.CONTINUE : Flow.EXIT;
    }

    private Flow returnStatement(PlStatement.Return ret) {
        returned = true;
        if (call.returnsSet()) {
            if (ret.value() != null) {
                throw new SqlException(SqlState.SYNTAX_ERROR, "RETURN cannot have a parameter in function returning "
                        + "set").withHint("Use RETURN NEXT or RETURN QUERY.");
            }
            return Flow.RETURN;
        }
        if (ret.value() == null) {
            returnValue = outputs.isEmpty() ? null : outputs.getFirst().value;
            return Flow.RETURN;
        }
        if (call.returnType() == TRIGGER_TYPE) {
            returnValue = triggerResult(ret.value().text());
            return Flow.RETURN;
        }
        if (call.returnType() == TypeOids.VOID) {
            throw new SqlException(SqlState.DATATYPE_MISMATCH, "RETURN cannot have a parameter in function "
                    + "returning void");
        }
        returnValue = expressions.evaluateAs(ret.value().text(), call.returnType(),
                spi.formatType(call.returnType(), -1));
        return Flow.RETURN;
    }

    /** NEW, OLD and the {@code TG_*} variables of a trigger call, in the function's outermost scope. */
    private void declareTriggerVariables(Trigger trigger) {
        boolean rowLevel = trigger.level().equals("ROW");
        variables.declare(rowVariable("new", trigger, trigger.newRow(), rowLevel));
        variables.declare(rowVariable("old", trigger, trigger.oldRow(), rowLevel));
        declareConstant("tg_name", TypeOids.NAME, "name", trigger.name());
        declareConstant("tg_when", TypeOids.TEXT, "text", trigger.when());
        declareConstant("tg_level", TypeOids.TEXT, "text", trigger.level());
        declareConstant("tg_op", TypeOids.TEXT, "text", trigger.operation());
        declareConstant("tg_relid", TypeOids.OID, "oid", trigger.relationOid());
        declareConstant("tg_relname", TypeOids.NAME, "name", trigger.relationName());
        declareConstant("tg_table_name", TypeOids.NAME, "name", trigger.relationName());
        declareConstant("tg_table_schema", TypeOids.NAME, "name", trigger.schemaName());
        declareConstant("tg_nargs", TypeOids.INT4, "integer", trigger.arguments().size());
        // TG_ARGV counts from 0, as PostgreSQL builds it; NULL without arguments
        declareConstant("tg_argv", TEXT_ARRAY, "text[]", trigger.arguments().isEmpty() ? null
                : new org.woolly.utils.adt.ArrayValue(TypeOids.TEXT, new int[] {trigger.arguments().size()},
                        new int[] {0}, trigger.arguments().toArray()));
    }

    private static final int TEXT_ARRAY = TypeOids.TEXT_ARRAY;
    /** {@code trigger}, the pseudo-type a trigger function returns. */
    private static final int TRIGGER_TYPE = 2279;

    /**
     * NEW or OLD: in a row trigger the row, or a NULL record of the table's shape where the event
     * has none (its fields read as NULL, and returning it returns NULL); unassigned in a statement
     * trigger, as {@code plpgsql_exec_trigger} leaves them.
     */
    private Variable rowVariable(String name, Trigger trigger, Object[] values, boolean rowLevel) {
        Variable variable = new Variable(name, TypeOids.RECORD, -1, null);
        variable.isRecord = true;
        if (values != null || rowLevel) {
            variable.row = new PlVariables.Row(new ArrayList<>(trigger.columnNames()), trigger.columnTypes().clone(),
                    values == null ? new Object[trigger.columnNames().size()] : values.clone());
            if (values == null) {
                nullRecords.add(variable);
            }
        }
        return variable;
    }

    /** The NEW or OLD variables that started as NULL records. */
    private final Set<Variable> nullRecords = Collections.newSetFromMap(new IdentityHashMap<>());

    private void declareConstant(String name, int type, String typeName, Object value) {
        Variable variable = new Variable(name, type, -1, typeName);
        variable.value = value;
        variables.declare(variable);
    }

    /**
     * A trigger function's RETURN: NULL, or a row variable whose values become the row
     * (PostgreSQL's {@code exec_stmt_return} for a tuple result); a NEW or OLD the event does not
     * have is NULL there too.
     */
    private Object triggerResult(String text) {
        String trimmed = text.trim();
        if (trimmed.equalsIgnoreCase("null")) {
            return null;
        }
        Variable variable = variables.lookup(trimmed.toLowerCase(java.util.Locale.ROOT));
        if (variable == null || !variable.isRecord) {
            throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "RETURN of an expression other than a row "
                    + "variable or NULL in a trigger function is not supported yet");
        }
        if (variable.row == null || nullRecords.contains(variable)
                && java.util.Arrays.stream(variable.row.values()).allMatch(java.util.Objects::isNull)) {
            return null;
        }
        return variable.row.values().clone();
    }

    private Flow returnNext(PlStatement.ReturnNext next) {
        if (!call.returnsSet()) {
            throw new SqlException(SqlState.SYNTAX_ERROR, "cannot use RETURN NEXT in a non-SETOF function");
        }
        if (next.value() == null) {
            resultSet.add(outputs.isEmpty() ? null : outputs.getFirst().value);
        } else {
            resultSet.add(expressions.evaluateAs(next.value().text(), call.returnType(),
                    spi.formatType(call.returnType(), -1)));
        }
        return Flow.NORMAL;
    }

    private Flow returnQuery(PlStatement.ReturnQuery query) {
        if (!call.returnsSet()) {
            throw new SqlException(SqlState.SYNTAX_ERROR, "cannot use RETURN QUERY in a non-SETOF function");
        }
        QueryRows rows = query.dynamic() ? dynamicRows(query.query(), query.using()) : rows(query.query().text(), 0);
        if (rows.plan().columnTypes().length != 1) {
            throw new SqlException(SqlState.DATATYPE_MISMATCH, "structure of query does not match function result type")
                    .withDetail("Number of returned columns (%d) does not match expected column count (1)."
                            .formatted(rows.plan().columnTypes().length));
        }
        for (Object[] row : rows.result().rows()) {
            resultSet.add(expressions.coerce(row[0], rows.plan().columnTypes()[0], call.returnType(),
                    spi.formatType(call.returnType(), -1)));
        }
        rowCount = rows.result().processed();
        found.value = rowCount > 0;
        return Flow.NORMAL;
    }

    private record QueryRows(Spi.Plan plan, Spi.Result result) {}

    private QueryRows rows(String text, long maxRows) {
        PlExpressions.Bound bound = expressions.bind(text);
        expressions.current = text;
        Spi.Plan plan = expressions.plan(bound, true);
        return new QueryRows(plan, spi.execute(plan, bound.values(), maxRows));
    }

    private QueryRows dynamicRows(SqlText command, List<SqlText> using) {
        PlExpressions.Value text = expressions.evaluate(command.text());
        if (text.value() == null) {
            throw new SqlException(SqlState.NULL_VALUE_NOT_ALLOWED, "query string argument of EXECUTE is null");
        }
        String sql = expressions.text(text.value(), text.type());
        int[] types = new int[using.size()];
        Object[] values = new Object[using.size()];
        for (int i = 0; i < types.length; i++) {
            PlExpressions.Value value = expressions.evaluate(using.get(i).text());
            types[i] = value.type();
            values[i] = value.value();
        }
        Spi.Plan plan = spi.prepare(sql, types, true);
        return new QueryRows(plan, spi.execute(plan, values, 0));
    }

    private Flow executeSql(PlStatement.ExecuteSql sql) {
        String first = sql.query().text().strip().toLowerCase(java.util.Locale.ROOT);
        QueryRows rows = rows(sql.query().text(), sql.into().isEmpty() || sql.strict() ? 0 : 0);
        return finishSql(rows, sql.into(), sql.strict(), sql.perform(),
                first.startsWith("select") || first.startsWith("with") || first.startsWith("values"));
    }

    private Flow finishSql(QueryRows rows, List<String> into, boolean strict, boolean perform, boolean select) {
        rowCount = rows.result().processed();
        if (into.isEmpty()) {
            if (!perform && select && rows.plan().columnTypes().length > 0) {
                throw new SqlException(SqlState.SYNTAX_ERROR, "query has no destination for result data")
                        .withHint("If you want to discard the results of a SELECT, use PERFORM instead.");
            }
            if (perform || select || rows.plan().columnTypes().length == 0 || rowCount > 0) {
                found.value = rowCount > 0;
            }
            return Flow.NORMAL;
        }
        List<Object[]> result = rows.result().rows();
        if (strict && result.isEmpty()) {
            throw new SqlException(SqlState.NO_DATA_FOUND, "query returned no rows");
        }
        if ((strict || !select) && result.size() > 1) {
            throw new SqlException(SqlState.TOO_MANY_ROWS, "query returned more than one row")
                    .withHint("Make sure the query returns a single row, or use LIMIT 1.");
        }
        List<Variable> targets = new ArrayList<>();
        for (String name : into) {
            int dot = name.indexOf('.');
            targets.add(variables.target(dot < 0 ? name : name.substring(0, dot)));
        }
        assignRow(targets, result.isEmpty() ? new Object[rows.plan().columnTypes().length] : result.getFirst(),
                rows.plan());
        found.value = !result.isEmpty();
        rowCount = result.isEmpty() ? 0 : Math.max(1, Math.min(rowCount, result.size()));
        return Flow.NORMAL;
    }

    /** Assigns a result row to INTO or FOR targets ({@code exec_move_row}). */
    private void assignRow(List<Variable> targets, Object[] row, Spi.Plan plan) {
        int[] types = plan.columnTypes();
        if (targets.size() == 1 && targets.getFirst().isRecord) {
            Variable record = targets.getFirst();
            if (record.type == 0) {
                record.row = new PlVariables.Row(plan.columnNames(), types.clone(), row.clone());
                return;
            }
            PlVariables.Row fields = PlVariables.rowOf(record);
            for (int i = 0; i < fields.values().length; i++) {
                fields.values()[i] = i < row.length ? expressions.coerce(row[i], types[i], fields.types()[i],
                        spi.formatType(fields.types()[i], -1)) : null;
            }
            return;
        }
        for (int i = 0; i < targets.size(); i++) {
            Variable target = targets.get(i);
            setValue(target, i < row.length ? expressions.coerce(row[i], types[i], target.type, target.typeName) : null);
        }
    }

    private Flow dynamicExecute(PlStatement.DynamicExecute dynamic) {
        QueryRows rows = dynamicRows(dynamic.command(), dynamic.using());
        rowCount = rows.result().processed();
        if (dynamic.into().isEmpty()) {
            return Flow.NORMAL;
        }
        boolean wasFound = (Boolean) found.value;
        finishSql(rows, dynamic.into(), dynamic.strict(), false, true);
        found.value = wasFound;
        return Flow.NORMAL;
    }

    private Flow getDiagnostics(PlStatement.GetDiagnostics diagnostics) {
        for (int i = 0; i < diagnostics.targets().size(); i++) {
            Variable target = variables.target(diagnostics.targets().get(i));
            String item = diagnostics.items().get(i);
            if (!diagnostics.stacked()) {
                switch (item) {
                    case "row_count" -> setValue(target, expressions.coerce(rowCount, TypeOids.INT8, target.type,
                            target.typeName));
                    case "pg_context" -> setValue(target, "PL/pgSQL function " + call.contextName() + " line "
                            + diagnostics.line() + " at GET DIAGNOSTICS");
                    default -> throw new SqlException(SqlState.SYNTAX_ERROR, "unrecognized GET DIAGNOSTICS item "
                            + "at or near \"" + item + "\"");
                }
                continue;
            }
            if (handledErrors.isEmpty()) {
                throw new SqlException(PlRaise.state("0Z002"),
                        "GET STACKED DIAGNOSTICS cannot be used outside an exception handler");
            }
            SqlException error = handledErrors.getLast();
            String value = switch (item) {
                case "returned_sqlstate" -> PlRaise.code(error);
                case "message_text" -> error.getMessage();
                case "pg_exception_detail" -> error.detail() == null ? "" : error.detail();
                case "pg_exception_hint" -> error.hint() == null ? "" : error.hint();
                case "pg_exception_context" -> error.context() == null ? "" : error.context();
                case "column_name", "constraint_name", "pg_datatype_name", "table_name", "schema_name" -> "";
                default -> throw new SqlException(SqlState.SYNTAX_ERROR, "unrecognized GET STACKED DIAGNOSTICS item "
                        + "at or near \"" + item + "\"");
            };
            setValue(target, expressions.coerce(value, TypeOids.TEXT, target.type, target.typeName));
        }
        return Flow.NORMAL;
    }

    private Flow raise(PlStatement.Raise raise) {
        if (raise.condition() == null && raise.format() == null && raise.optionNames().isEmpty()) {
            if (handledErrors.isEmpty()) {
                throw new SqlException(PlRaise.state("0Z002"),
                        "RAISE without parameters cannot be used outside an exception handler");
            }
            SqlException again = handledErrors.getLast();
            located.add(again);
            throw again;
        }
        PlRaise.raise(raise, expressions, spi);
        return Flow.NORMAL;
    }

    private Flow assertStatement(PlStatement.Assert check) {
        if (expressions.condition(check.condition().text())) {
            return Flow.NORMAL;
        }
        String message = "assertion failed";
        if (check.message() != null) {
            PlExpressions.Value value = expressions.evaluate(check.message().text());
            message = value.value() == null ? null : expressions.text(value.value(), value.type());
        }
        throw new SqlException(SqlState.ASSERT_FAILURE, message);
    }
}
