package org.woolly.storage.ipc;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.woolly.utils.error.Severity;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * The crash state of one opened data directory. In PostgreSQL a PANIC aborts the backend
 * process; the postmaster sees the crash ({@code HandleChildCrash} in {@code postmaster.c}),
 * ends every other backend and reinitializes shared memory, so nothing left in shared buffers
 * after the failure ever reaches disk, and crash recovery rebuilds the state from the WAL.
 * Threads cannot be aborted like processes, so Woolly keeps that promise here: the first
 * {@link #panic} switches the storage into a state where no file is written any more (the WAL,
 * the commit log and data files all call {@link #checkNotPanicked()} before writing), and tells
 * the listeners (the postmaster, which ends every backend and restarts through crash recovery,
 * or stops when {@code restart_after_crash} is off). The state never clears: a new storage
 * instance is opened instead. Thread-safe.
 */
public final class PanicState {
    private final AtomicReference<SqlException> first = new AtomicReference<>();
    private final List<Consumer<SqlException>> listeners = new CopyOnWriteArrayList<>();

    /**
     * Enters the crash state (the first call wins and is the one reported) and returns the
     * PANIC for the caller to throw. Listeners run once, on the calling thread: they must only
     * hand the work to another thread.
     */
    public SqlException panic(SqlState state, String message, Throwable cause) {
        return panic(new SqlException(Severity.PANIC, state, message, null, null, 0, cause));
    }

    /** {@link #panic(SqlState, String, Throwable)} for an error raised elsewhere: it becomes a PANIC. */
    public SqlException panic(SqlException error) {
        SqlException panic = error.severity() == Severity.PANIC ? error : error.withSeverity(Severity.PANIC);
        if (first.compareAndSet(null, panic)) {
            for (Consumer<SqlException> listener : listeners) {
                try {
                    listener.accept(panic);
                } catch (RuntimeException ignored) {
                    // a listener's failure must not hide the PANIC from the thread that raised it
                }
            }
        }
        return panic;
    }

    /** Whether a PANIC has happened: nothing may be written to files any more. */
    public boolean panicked() {
        return first.get() != null;
    }

    /** The PANIC that put the storage in the crash state, or null. */
    public SqlException cause() {
        return first.get();
    }

    /** Throws (as PANIC) if the storage is in the crash state: every file write calls this first. */
    public void checkNotPanicked() {
        SqlException panic = first.get();
        if (panic != null) {
            throw new SqlException(Severity.PANIC, SqlState.CRASH_SHUTDOWN,
                    "the database system is in the crash state after: " + panic.getMessage(), null, null, 0, panic);
        }
    }

    /** Registers a callback run once when the PANIC happens (at once, if it already did). */
    public void addListener(Consumer<SqlException> listener) {
        listeners.add(listener);
        SqlException panic = first.get();
        if (panic != null && listeners.remove(listener)) {
            listener.accept(panic);
        }
    }
}
