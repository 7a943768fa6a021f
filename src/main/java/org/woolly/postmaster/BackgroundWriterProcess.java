package org.woolly.postmaster;

import java.util.concurrent.TimeUnit;

import org.woolly.storage.buffer.BackgroundWriter;
import org.woolly.tcop.Engine;
import org.woolly.utils.error.ServerLog;
import org.woolly.utils.error.Severity;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.guc.ServerConfiguration;

/**
 * The background writer's loop ({@code BackgroundWriterMain} of PostgreSQL 15's
 * {@code bgwriter.c}): a round of {@link BackgroundWriter#round} every bgwriter_delay, then a nap.
 * After two rounds in a row with nothing to do it hibernates: it asks the buffer pool to wake it
 * at the next buffer allocation and sleeps up to 50 times bgwriter_delay ({@code HIBERNATE_FACTOR}),
 * so an idle server spends no CPU on it. An ERROR (a failed write: the page stays dirty) is
 * logged and the loop goes on after a second's pause, as PostgreSQL's error recovery does; a
 * PANIC puts the engine into the crash state. Runs on the platform thread
 * {@code woolly: background writer}; {@link #stop} wakes it and it ends, before the postmaster's
 * shutdown checkpoint.
 */
final class BackgroundWriterProcess {
    /** pg_stat_activity.backend_type of the thread. */
    static final String BACKEND_TYPE = "background writer";
    /** How much longer than bgwriter_delay a hibernating writer sleeps ({@code HIBERNATE_FACTOR}). */
    static final int HIBERNATE_FACTOR = 50;
    /** The pause after an error ({@code pg_usleep(1000000L)} in the error recovery). */
    private static final long ERROR_PAUSE_MILLIS = 1000;

    private final Engine engine;
    private final ServerConfiguration configuration;
    private final Object latch = new Object();
    // guarded by latch
    private boolean latchSet;
    private volatile boolean running = true;

    BackgroundWriterProcess(Engine engine, ServerConfiguration configuration) {
        this.engine = engine;
        this.configuration = configuration;
    }

    void run() {
        BackgroundWriter writer = engine.backgroundWriter();
        boolean previousIdle = false;
        while (running && !engine.panicked()) {
            int delayMillis = configuration.getInt("bgwriter_delay");
            boolean idle;
            try {
                idle = writer.round(configuration.getInt("bgwriter_lru_maxpages"),
                        configuration.getDouble("bgwriter_lru_multiplier"), delayMillis);
            } catch (SqlException e) {
                if (e.severity() == Severity.PANIC) {
                    engine.panic(e);
                    return;
                }
                ServerLog.report(e);
                sleep(ERROR_PAUSE_MILLIS, "BgWriterMain");
                continue;
            } catch (RuntimeException e) {
                if (!running || engine.panicked()) {
                    return;
                }
                ServerLog.log(Severity.LOG, ServerLog.processId(), "background writer round failed", e);
                sleep(ERROR_PAUSE_MILLIS, "BgWriterMain");
                continue;
            }
            boolean timedOut = !sleep(delayMillis, "BgWriterMain");
            if (timedOut && idle && previousIdle && running) {
                writer.wakeOnNextAllocation(this::wake);
                sleep((long) delayMillis * HIBERNATE_FACTOR, "BgWriterHibernate");
                writer.cancelWakeup();
            }
            previousIdle = idle;
        }
    }

    /** Wakes the writer from its nap or hibernation ({@code SetLatch}). */
    void wake() {
        synchronized (latch) {
            latchSet = true;
            latch.notifyAll();
        }
    }

    /** Ends the loop; the postmaster then joins the thread. */
    void stop() {
        running = false;
        wake();
    }

    /**
     * Waits up to {@code millis} for the latch ({@code WaitLatch} with a timeout), shown as the
     * wait event {@code event} of type Activity. Returns whether the latch was set (and resets it).
     */
    private boolean sleep(long millis, String event) {
        org.woolly.pgstat.BackendStatus status = org.woolly.pgstat.BackendStatus.current();
        if (status != null) {
            status.waitStart("Activity", event);
        }
        try {
            synchronized (latch) {
                long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
                long left;
                while (!latchSet && running && (left = deadline - System.nanoTime()) > 0) {
                    TimeUnit.NANOSECONDS.timedWait(latch, left);
                }
                boolean set = latchSet;
                latchSet = false;
                return set;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
            return true;
        } finally {
            if (status != null) {
                status.waitEnd();
            }
        }
    }
}
