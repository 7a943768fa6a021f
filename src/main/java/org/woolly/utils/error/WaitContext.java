package org.woolly.utils.error;

import java.util.function.Supplier;

/**
 * The CONTEXT of a wait for another transaction ({@code XactLockTableWait}'s error context
 * callback in {@code lmgr.c}): {@code while updating tuple (0,1) in relation "t"}. The executor
 * names the relation it works on ({@link #onRelation}); the access method, which knows only the
 * relation's file, describes the tuple and the operation ({@link #tuple}) and waits inside
 * {@link #during}; the log_lock_waits lines written meanwhile carry it ({@link #current}), and
 * so does any error that ends the wait (lock timeout, deadlock, cancel), as in PostgreSQL.
 */
public final class WaitContext {
    private WaitContext() {}

    private static final ThreadLocal<String> RELATION = new ThreadLocal<>();
    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    /** Runs {@code action} with {@code relationName} as the relation its tuple waits are on. */
    public static <T> T onRelation(String relationName, Supplier<T> action) {
        String outer = RELATION.get();
        RELATION.set(relationName);
        try {
            return action.get();
        } finally {
            RELATION.set(outer);
        }
    }

    /**
     * The context line for waiting while doing {@code operation} ("updating tuple", "locking
     * tuple"...) on the tuple at ({@code block},{@code offset}); null when no relation is named.
     */
    public static String tuple(String operation, int block, int offset) {
        return tuple(operation, RELATION.get(), block, offset);
    }

    /** As above, in the relation named {@code relation} (an index, which the access method knows by name). */
    public static String tuple(String operation, String relation, int block, int offset) {
        return relation == null ? null
                : "while " + operation + " (" + Integer.toUnsignedString(block) + "," + offset + ") in relation \""
                + relation + "\"";
    }

    /** The context of the wait the calling thread is in, or null. */
    public static String current() {
        return CURRENT.get();
    }

    /** Runs {@code wait} under {@code context} (null: none); an error ending it gets the context line first. */
    public static void during(String context, Runnable wait) {
        if (context == null) {
            wait.run();
            return;
        }
        String outer = CURRENT.get();
        CURRENT.set(context);
        try {
            wait.run();
        } catch (SqlException error) {
            throw error.withContext(error.context() == null ? context : context + "\n" + error.context());
        } finally {
            CURRENT.set(outer);
        }
    }
}
