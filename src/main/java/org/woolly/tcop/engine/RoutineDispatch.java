package org.woolly.tcop.engine;

import java.util.List;
import org.woolly.analyzer.Analyzer;
import org.woolly.analyzer.RoutineAnalyzer;
import org.woolly.commands.FunctionCommands;
import org.woolly.executor.ExecutorContext;
import org.woolly.executor.ExpressionCompiler;
import org.woolly.nodes.parse.RoutineCommand;
import org.woolly.nodes.parse.Statement;
import org.woolly.tcop.Portal;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * Runs the statements on functions and procedures ({@link RoutineCommand}); CALL runs the
 * procedure's body statement by statement with the arguments as its parameters
 * ({@code ExecuteCallStmt} in {@code functioncmds.c}, {@code fmgr_sql} in {@code functions.c}).
 */
final class RoutineDispatch {

    private RoutineDispatch() {}

    static UtilityDispatch.Outcome run(QuerySession session, RoutineCommand command) {
        String tag = switch (command) {
            case RoutineCommand.CreateFunction create -> FunctionCommands.create(session.commandContext(), create);
            case RoutineCommand.DropFunction drop -> FunctionCommands.drop(session.commandContext(), drop);
            case RoutineCommand.AlterFunction alter -> FunctionCommands.alter(session.commandContext(), alter);
            case RoutineCommand.Call call -> call(session, call);
            case RoutineCommand.Do block -> session.plpgsql().runInline(block);
        };
        return UtilityDispatch.Outcome.tag(tag);
    }

    private static String call(QuerySession session, RoutineCommand.Call call) {
        var transaction = session.block.ensure();
        session.block.takeFirstSnapshot();
        RoutineAnalyzer.CallTarget target = session.analyzer.routines().analyzeCall(call.call(), transaction,
                session.settings.formatSettings());
        if (target.procedure().outputPositions().length > 0) {
            throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED, "procedures with output parameters are not supported yet");
        }
        ExecutorContext context = session.newExecutorContext(new Object[0]);
        ExpressionCompiler compiler = new ExpressionCompiler(context);
        Object[] values = new Object[target.arguments().size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = compiler.compile(target.arguments().get(i)).evaluate(null);
        }
        if (target.procedure().isPlpgsql()) {
            session.plpgsql().call(target.procedure(), target.argumentTypes(), org.woolly.utils.adt.TypeOids.VOID,
                    values);
            return call.tag();
        }
        List<Statement> statements = RoutineAnalyzer.bodyStatements(target.procedure());
        Analyzer caller = session.analyzer;
        session.analyzer = caller.forRoutineBody(target.procedure(), target.argumentTypes());
        try {
            for (Statement statement : statements) {
                if (!(statement instanceof Statement.Select || statement instanceof Statement.Insert
                        || statement instanceof Statement.Update || statement instanceof Statement.Delete
                        || statement instanceof Statement.Merge)) {
                    throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED,
                            "%s in a procedure body is not supported yet", UtilityDispatch.commandName(statement));
                }
                SessionPreparedQuery prepared = session.prepareStatement(statement, "", target.argumentTypes());
                try (Portal portal = session.bind(prepared, values)) {
                    portal.run(0, row -> { });
                }
                session.block.ensure().incrementCommandId();
            }
        } finally {
            session.analyzer = caller;
        }
        return call.tag();
    }
}
