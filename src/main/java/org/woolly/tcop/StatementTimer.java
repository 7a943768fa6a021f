package org.woolly.tcop;

import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;
import org.woolly.utils.misc.Interrupts;
import org.woolly.utils.misc.SharedTimer;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * statement_timeout: raises a timeout on the backend's {@link Interrupts} (seen by the executor
 * and by lock waits alike) when the statement runs too long, and reports the resulting 57014 with PostgreSQL's "statement timeout" text
 * ({@code enable_statement_timeout} and {@code ProcessInterrupts} in {@code postgres.c}). One
 * shared timer thread ({@link SharedTimer}) serves every backend.
 */
final class StatementTimer {

    private static final ScheduledExecutorService TIMER = SharedTimer.create("woolly: statement timeout");

    static ScheduledExecutorService scheduler() {
        return TIMER;
    }

    private final SessionEngine engine;
    private ScheduledFuture<?> pending;
    private volatile boolean fired;

    StatementTimer(SessionEngine engine) {
        this.engine = engine;
    }

    /** Arms the timer for one statement; {@code timeoutMillis <= 0} means no limit. */
    void start(int timeoutMillis) {
        stop();
        fired = false;
        if (timeoutMillis > 0) {
            pending = TIMER.schedule(() -> {
                fired = true;
                Interrupts interrupts = engine.interrupts();
                if (interrupts != null) {
                    interrupts.raise(new SqlException(SqlState.QUERY_CANCELED,
                            "canceling statement due to statement timeout"));
                } else {
                    engine.cancel();
                }
            }, timeoutMillis, TimeUnit.MILLISECONDS);
        }
    }

    void stop() {
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
    }

    /** The error to report: a cancel caused by the timer says so, as PostgreSQL's message does. */
    SqlException explain(SqlException error) {
        if (fired && error.sqlState() == SqlState.QUERY_CANCELED) {
            fired = false;
            return new SqlException(error.severity(), SqlState.QUERY_CANCELED,
                    "canceling statement due to statement timeout", error.detail(), error.hint(), error.position(),
                    error.getCause());
        }
        return error;
    }
}
