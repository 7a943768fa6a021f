package org.woolly.nodes.query;

import org.woolly.catalog.FunctionInfo;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * Calls of functions written in a procedural language ({@code fmgr}'s call handlers, such as
 * {@code plpgsql_call_handler}): the session that runs statements binds its handler to its
 * thread, and a call's {@link FunctionHandle.Invoker} reaches it here, as the handler needs
 * the session to run the body's statements.
 */
public final class ProceduralCalls {

    /** Runs one call; a set-returning function answers an {@link java.util.Iterator} of its values. */
    @FunctionalInterface
    public interface Handler {
        Object call(FunctionInfo function, int[] argumentTypes, int returnType, Object[] arguments);

        /**
         * Runs {@code sql}, one query of one column whose {@code $n} have the given types, in the
         * session, and answers its first row's value (null without a row): how a user aggregate's
         * support functions and a cast's function written in SQL or PL/pgSQL are called.
         */
        default Object evaluate(String sql, int[] parameterTypes, Object[] parameters) {
            throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "user-defined functions cannot be called here");
        }

        /**
         * Runs a trigger function ({@code ExecCallTriggerFunc}): the row it returns (its NEW, OLD or
         * another row of the table's shape), or null for NULL.
         */
        default Object[] fireTrigger(FunctionInfo function, TriggerCall call) {
            throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "triggers cannot be fired here");
        }

        /** A trigger's WHEN condition for the event, reading its OLD and NEW rows ({@code TriggerEnabled}). */
        default boolean triggerCondition(String condition, TriggerCall call) {
            throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "triggers cannot be fired here");
        }
    }

    /**
     * One trigger event as the function sees it ({@code TriggerData}): {@code when} BEFORE, AFTER
     * or INSTEAD OF; {@code level} ROW or STATEMENT; {@code operation} INSERT, UPDATE, DELETE or
     * TRUNCATE; the table's column names and types; NEW and OLD (null where the event has none).
     */
    public record TriggerCall(String name, String when, String level, String operation, int relationOid,
                              String relationName, String schemaName, java.util.List<String> arguments,
                              java.util.List<String> columnNames, int[] columnTypes, Object[] newRow,
                              Object[] oldRow) {}

    private static final ThreadLocal<Handler> CURRENT = new ThreadLocal<>();

    private ProceduralCalls() {}

    public static void bind(Handler handler) {
        CURRENT.set(handler);
    }

    public static Handler current() {
        Handler handler = CURRENT.get();
        if (handler == null) {
            throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "PL/pgSQL functions cannot be called here");
        }
        return handler;
    }
}
