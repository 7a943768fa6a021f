package org.woolly.storage.buffer;

import java.util.function.Supplier;

import org.woolly.storage.ipc.PanicState;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * A critical section: from the first change of a shared page to its WAL record, page LSN and
 * dirty mark. A failure in between leaves shared buffers holding a change the WAL does not
 * describe, so any Throwable becomes a PANIC (the storage stops writing and the server
 * restarts through crash recovery). Counterpart of {@code START_CRIT_SECTION} /
 * {@code END_CRIT_SECTION} ({@code miscadmin.h}), where {@code errstart} promotes an ERROR to
 * PANIC while {@code CritSectionCount > 0}.
 */
public final class CriticalSection {
    private CriticalSection() {}

    /** Runs {@code body}; any failure puts {@code panicState} in the crash state and is rethrown as that PANIC. */
    public static <T> T run(PanicState panicState, String what, Supplier<T> body) {
        try {
            return body.get();
        } catch (SqlException failure) {
            throw panicState.panic(failure);
        } catch (Throwable failure) {
            String reason = failure.getMessage() == null ? failure.getClass().getName() : failure.getMessage();
            throw panicState.panic(SqlState.INTERNAL_ERROR, what + ": " + reason, failure);
        }
    }

    /** {@link #run(PanicState, String, Supplier)} for a body without a result. */
    public static void run(PanicState panicState, String what, Runnable body) {
        run(panicState, what, () -> {
            body.run();
            return null;
        });
    }
}
