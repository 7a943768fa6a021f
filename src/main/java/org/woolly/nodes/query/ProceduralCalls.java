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
    }

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
