package org.woolly.postmaster;

import org.woolly.utils.error.ServerLog;
import org.woolly.utils.error.Severity;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Ends every backend after a PANIC, as the postmaster's {@code HandleChildCrash} does with
 * SIGQUIT and each backend's {@code quickdie} ({@code postgres.c}) answers: the client is told
 * WARNING 57P02 with PostgreSQL's detail and hint, and the connection is closed. Backends are
 * threads, so each is also given a FATAL 57P02 on its interrupts (its statement, lock wait or
 * loop stops) and the postmaster waits, bounded, for them to end: the crashed engine writes
 * nothing any more, so a straggler cannot harm the data, only delay the restart.
 */
final class CrashTermination {
    static final String MESSAGE = "terminating connection because of crash of another server process";
    static final String DETAIL = "The postmaster has commanded this server process to roll back the current "
            + "transaction and exit, because another server process exited abnormally and possibly corrupted "
            + "shared memory.";
    static final String HINT = "In a moment you should be able to reconnect to the database and repeat your command.";

    private CrashTermination() {}

    static void endBackends(BackendRegistry registry, long terminateWaitMillis, long exitWaitMillis) {
        SqlException warning = new SqlException(Severity.WARNING, SqlState.CRASH_SHUTDOWN, MESSAGE, DETAIL, HINT, 0,
                null);
        SqlException fatal = warning.withSeverity(Severity.FATAL);
        Collection<BackendRegistry.Backend> backends = registry.all();
        List<Thread> terminators = new ArrayList<>();
        for (BackendRegistry.Backend backend : backends) {
            backend.crashed = true;
            backend.raiseInterrupt(fatal);
            terminators.add(Thread.ofVirtual().start(() -> {
                if (backend.loop != null) {
                    backend.loop.crash(warning, terminateWaitMillis);
                } else if (backend.session != null) {
                    backend.session.cancel();
                }
                backend.closeChannel();
            }));
        }
        try {
            for (Thread terminator : terminators) {
                terminator.join();
            }
            long deadline = System.currentTimeMillis() + exitWaitMillis;
            for (BackendRegistry.Backend backend : backends) {
                long left = deadline - System.currentTimeMillis();
                if (!backend.awaitEnd(Math.max(0, left))) {
                    ServerLog.log(Severity.LOG, backend.processId, "server process did not exit after the crash; "
                            + "reinitializing without it (its files are no longer written)", null);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
