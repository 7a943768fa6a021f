package org.woolly.tcop.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.woolly.catalog.FunctionInfo;
import org.woolly.nodes.parse.RawStatement;
import org.woolly.nodes.parse.RoutineCommand;
import org.woolly.nodes.parse.Statement;
import org.woolly.nodes.query.ProceduralCalls;
import org.woolly.pl.plpgsql.PlExecutor;
import org.woolly.pl.plpgsql.PlFunctionBody;
import org.woolly.pl.plpgsql.Spi;
import org.woolly.protocol.ResultColumn;
import org.woolly.tcop.Portal;
import org.woolly.utils.adt.TypeOids;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * One session's side of PL/pgSQL ({@code plpgsql_call_handler}, {@code plpgsql_inline_handler}
 * and the SPI of {@code spi.c}): runs functions, procedures and DO blocks, and serves their
 * statements in the session's transaction, subtransactions as internal savepoints. A body is
 * parsed once per session and keeps its plans (keyed by the function's OID and source).
 */
final class PlpgsqlCalls implements ProceduralCalls.Handler, Spi {
    private final QuerySession session;
    private final Map<String, PlFunctionBody> bodies = new HashMap<>();
    /** The plans of {@link #evaluate}, by query text and parameter types. */
    private final Map<String, Plan> evaluations = new HashMap<>();
    private int subtransactions;

    PlpgsqlCalls(QuerySession session) {
        this.session = session;
    }

    @Override
    public Object call(FunctionInfo function, int[] argumentTypes, int returnType, Object[] arguments) {
        PlFunctionBody body = bodies.computeIfAbsent(function.oid() + "\0" + function.source(),
                key -> PlExecutor.compile(function.source(), 0, function.name(),
                        function.argumentNames() == null ? List.of() : java.util.Arrays.stream(function.argumentNames())
                                .map(name -> name.toLowerCase(java.util.Locale.ROOT)).toList()));
        List<String> inputNames = new ArrayList<>();
        List<String> outputNames = new ArrayList<>();
        List<Integer> outputTypes = new ArrayList<>();
        for (int i = 0; i < function.allArgumentTypes().length; i++) {
            char mode = function.argumentModes() == null ? 'i' : function.argumentModes()[i];
            if (mode == 'i' || mode == 'b' || mode == 'v') {
                inputNames.add(function.argumentName(i).toLowerCase(java.util.Locale.ROOT));
            }
            if (mode == 'o' || mode == 'b' || mode == 't') {
                outputNames.add(function.argumentName(i));
                outputTypes.add(function.allArgumentTypes()[i]);
            }
        }
        StringJoiner shown = new StringJoiner(",", function.name() + "(", ")");
        for (int type : function.argumentTypes()) {
            shown.add(formatType(type, -1));
        }
        Object result = PlExecutor.execute(this, body, new PlExecutor.Call(shown.toString(), function.name(),
                inputNames.toArray(String[]::new), argumentTypes, arguments, outputNames.toArray(String[]::new),
                outputTypes.stream().mapToInt(Integer::intValue).toArray(), returnType, function.returnsSet()));
        if (function.returnsSet()) {
            return ((List<?>) result).iterator();
        }
        return result;
    }

    @Override
    public Object evaluate(String sql, int[] parameterTypes, Object[] parameters) {
        Plan plan = evaluations.computeIfAbsent(sql + "\0" + java.util.Arrays.toString(parameterTypes),
                key -> prepare(sql, parameterTypes));
        List<Object[]> rows = execute(plan, parameters, 1).rows();
        return rows.isEmpty() ? null : rows.getFirst()[0];
    }

    @Override
    public Object[] fireTrigger(FunctionInfo function, ProceduralCalls.TriggerCall trigger) {
        PlFunctionBody body = bodies.computeIfAbsent(function.oid() + "\0" + function.source(),
                key -> PlExecutor.compile(function.source(), 0, function.name(), List.of()));
        return (Object[]) PlExecutor.execute(this, body, new PlExecutor.Call(function.name() + "()", function.name(),
                new String[0], new int[0], new Object[0], new String[0], new int[0], function.returnType(), false,
                plTrigger(trigger)));
    }

    /**
     * WHEN: the condition runs as the body {@code RETURN (condition)} with the trigger's OLD and
     * NEW, so its column references and plans go the way a trigger function's do.
     */
    @Override
    public boolean triggerCondition(String condition, ProceduralCalls.TriggerCall trigger) {
        String source = "BEGIN RETURN (" + condition + "); END";
        PlFunctionBody body = bodies.computeIfAbsent("when\0" + source,
                key -> PlExecutor.compile(source, 0, trigger.name(), List.of()));
        Object result = PlExecutor.execute(this, body, new PlExecutor.Call(trigger.name(), trigger.name(),
                new String[0], new int[0], new Object[0], new String[0], new int[0], TypeOids.BOOL, false,
                plTrigger(trigger)));
        return Boolean.TRUE.equals(result);
    }

    private static PlExecutor.Trigger plTrigger(ProceduralCalls.TriggerCall trigger) {
        return new PlExecutor.Trigger(trigger.name(), trigger.when(), trigger.level(), trigger.operation(),
                trigger.relationOid(), trigger.relationName(), trigger.schemaName(), trigger.arguments(),
                trigger.columnNames(), trigger.columnTypes(), trigger.newRow(), trigger.oldRow());
    }

    /** DO: the block runs at once as a procedure without parameters ({@code plpgsql_inline_handler}). */
    String runInline(RoutineCommand.Do block) {
        if (!block.language().equals("plpgsql")) {
            throw SqlException.of(SqlState.UNDEFINED_OBJECT, "language \"%s\" does not exist", block.language());
        }
        PlFunctionBody body = PlExecutor.compile(block.body(), block.bodyLocation(), "inline_code_block",
                List.of());
        PlExecutor.execute(this, body, new PlExecutor.Call("inline_code_block", "inline_code_block", new String[0],
                new int[0], new Object[0], new String[0], new int[0], TypeOids.VOID, false));
        return block.tag();
    }

    private record Prepared(SessionPreparedQuery query) implements Plan {
        @Override
        public List<String> columnNames() {
            return query.resultColumns().stream().map(ResultColumn::name).toList();
        }

        @Override
        public int[] columnTypes() {
            return query.resultColumns().stream().mapToInt(ResultColumn::typeOid).toArray();
        }

        @Override
        public int[] columnTypmods() {
            return query.resultColumns().stream().mapToInt(ResultColumn::typeModifier).toArray();
        }
    }

    @Override
    public Plan prepare(String sql, int[] parameterTypes) {
        return prepare(sql, parameterTypes, false);
    }

    @Override
    public Plan prepare(String sql, int[] parameterTypes, boolean tracked) {
        List<RawStatement> statements = new ArrayList<>();
        for (RawStatement raw : session.parse(sql)) {
            if (!(raw.statement() instanceof Statement.Empty)) {
                statements.add(raw);
            }
        }
        if (statements.size() != 1) {
            throw new SqlException(SqlState.SYNTAX_ERROR, statements.isEmpty() ? "empty query"
                    : "cannot insert multiple commands into a prepared statement");
        }
        Statement statement = statements.getFirst().statement();
        if (statement instanceof Statement.Transaction) {
            throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED,
                    "transaction control in PL/pgSQL is not supported yet");
        }
        SessionPreparedQuery query = session.prepareStatement(statement, sql, parameterTypes);
        if (tracked) {
            query.withFingerprint(StatementTracking.nestedFingerprint(session, statements.getFirst(), sql));
            StatementTracking.planned(session, query, false);
        }
        return new Prepared(query);
    }

    @Override
    public Result execute(Plan plan, Object[] parameters, long maxRows) {
        SessionPreparedQuery query = ((Prepared) plan).query();
        List<Object[]> rows = new ArrayList<>();
        String tag;
        try (Portal portal = session.bind(query, parameters)) {
            tag = portal.run(maxRows > 0 && query.query() != null
                    && query.query().command() == org.woolly.nodes.query.Query.CommandType.SELECT
                    ? (int) maxRows : 0, row -> rows.add(row.clone()));
        }
        long processed = rows.size();
        if (tag != null) {
            int space = tag.lastIndexOf(' ');
            if (space > 0 && !tag.startsWith("SELECT")) {
                try {
                    processed = Long.parseLong(tag.substring(space + 1));
                } catch (NumberFormatException notACount) {
                    processed = 0;
                }
            }
        }
        return new Result(rows, processed);
    }

    @Override
    public String formatType(int type, int typmod) {
        return session.types.formatType(type, typmod);
    }

    @Override
    public void notice(SqlException report) {
        session.notices.notice(report);
    }

    @Override
    public Object beginSubtransaction() {
        String name = "\0plpgsql " + (++subtransactions);
        session.block.ensure().defineSavepoint(name);
        session.settings.atSubtransactionStart();
        session.block.deferredConstraints().atSubtransactionStart();
        return name;
    }

    @Override
    public void commitSubtransaction(Object token) {
        session.block.ensure().releaseSavepoint((String) token);
        session.settings.atSubtransactionEnd(true);
        session.block.deferredConstraints().atSubtransactionEnd(true);
    }

    @Override
    public void rollbackSubtransaction(Object token) {
        var transaction = session.block.ensure();
        transaction.rollbackToSavepoint((String) token);
        transaction.releaseSavepoint((String) token);
        session.settings.atSubtransactionEnd(false);
        session.block.deferredConstraints().atSubtransactionEnd(false);
    }
}
