package org.woolly.utils.misc;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;

import org.woolly.utils.error.Severity;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * One backend's pending interrupts: a cancel request, {@code statement_timeout},
 * {@code lock_timeout}, termination. Other threads (the postmaster, the cancel handler, the
 * timer) {@link #raise} them; the backend's own thread notices them at its next
 * {@link #check()}, which every long loop and every wait calls. Counterpart of PostgreSQL's
 * {@code InterruptPending} flags, {@code CHECK_FOR_INTERRUPTS()} ({@code miscadmin.h}) and
 * {@code ProcessInterrupts} ({@code postgres.c}). Java's {@code Thread.interrupt} is not used:
 * it closes any {@code FileChannel} the thread is using, shared by every session.
 *
 * <p>A backend binds its instance to its thread ({@link #bind}); code on threads without one
 * (checkpointer, tests) checks nothing. Waits poll in slices of {@link #WAIT_SLICE_MILLIS}, so
 * an interrupt is seen within that time even while a thread waits for a lock.
 */
public final class Interrupts {
    /** How long a waiting thread sleeps between checks. */
    public static final long WAIT_SLICE_MILLIS = 50;

    private static final ThreadLocal<Interrupts> CURRENT = new ThreadLocal<>();

    private volatile SqlException pending;
    private volatile boolean terminating;
    private volatile long lockTimeoutMillis;
    private volatile boolean logLockWaits;
    /** Run on the waiting thread when one of its waits lasts a whole slice; null for none. */
    private Runnable longWait;

    /** Makes {@code interrupts} the calling thread's (a backend at start). */
    public static void bind(Interrupts interrupts) {
        CURRENT.set(interrupts);
    }

    /** Forgets the calling thread's interrupts (a backend at exit). */
    public static void unbind() {
        CURRENT.remove();
    }

    /** The calling thread's interrupts, or null on a thread that has none. */
    public static Interrupts current() {
        return CURRENT.get();
    }

    /** {@code CHECK_FOR_INTERRUPTS()}: throws the pending interrupt of the calling thread, if any. */
    public static void check() {
        Interrupts interrupts = CURRENT.get();
        if (interrupts != null) {
            interrupts.throwIfPending();
        }
    }

    /**
     * Asks the backend to stop what it does with {@code error} (57014 for a cancel or a timeout,
     * FATAL 57P01/57P02 for termination). A termination is never replaced by a cancel.
     */
    public void raise(SqlException error) {
        if (error.severity().compareTo(Severity.FATAL) >= 0) {
            terminating = true;
            pending = error;
        } else if (!terminating) {
            pending = error;
        }
    }

    /** A cancel request ({@code pg_cancel_backend}, CancelRequest). */
    public void cancel() {
        raise(new SqlException(SqlState.QUERY_CANCELED, "canceling statement due to user request"));
    }

    /** Throws and clears the pending interrupt (a termination stays pending). */
    public void throwIfPending() {
        SqlException error = pending;
        if (error != null) {
            if (!terminating) {
                pending = null;
            }
            throw error;
        }
    }

    /** Forgets a pending cancel or timeout (at the start of a statement, after its error was reported). */
    public void clearCancel() {
        if (!terminating) {
            pending = null;
        }
    }

    public boolean terminating() {
        return terminating;
    }

    /** {@code lock_timeout} for the running statement; 0 means wait forever. */
    public long lockTimeoutMillis() {
        return lockTimeoutMillis;
    }

    public void setLockTimeoutMillis(long millis) {
        lockTimeoutMillis = millis;
    }

    /** {@code log_lock_waits} for the running statement: a wait longer than deadlock_timeout is logged. */
    public boolean logLockWaits() {
        return logLockWaits;
    }

    public void setLogLockWaits(boolean on) {
        logLockWaits = on;
    }

    /**
     * Runs {@code action} on the backend's own thread each time one of its waits has lasted a
     * whole {@link #WAIT_SLICE_MILLIS} slice: the backend then starts watching its client
     * connection ({@code client_connection_check_interval} in {@code postgres.c}). Set by the
     * backend on its thread before it runs anything.
     */
    public void onLongWait(Runnable action) {
        longWait = action;
    }

    /**
     * Waits on {@code condition} (whose lock the caller holds) for at most {@code nanos}, waking
     * every {@link #WAIT_SLICE_MILLIS} to check the calling thread's interrupts. Returns the
     * nanoseconds left, as {@link Condition#awaitNanos} does. The caller re-checks its own state.
     */
    public static long awaitInterruptibly(Condition condition, long nanos) {
        check();
        long slice = Math.min(nanos, TimeUnit.MILLISECONDS.toNanos(WAIT_SLICE_MILLIS));
        long started = System.nanoTime();
        try {
            if (condition.awaitNanos(slice) <= 0) {
                Interrupts current = CURRENT.get();
                if (current != null && current.longWait != null) {
                    current.longWait.run();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SqlException(SqlState.QUERY_CANCELED, "canceling statement due to user request");
        }
        check();
        return nanos - (System.nanoTime() - started);
    }
}
