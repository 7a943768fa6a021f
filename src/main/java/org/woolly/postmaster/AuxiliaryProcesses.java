package org.woolly.postmaster;

import org.woolly.utils.error.ServerLog;
import org.woolly.tcop.Engine;
import org.woolly.utils.error.Severity;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.guc.ServerConfiguration;

import java.util.concurrent.TimeUnit;

/**
 * The checkpointer ({@code checkpointer.c}: a checkpoint every checkpoint_timeout) and the
 * walwriter ({@code walwriter.c}: a WAL flush every wal_writer_delay) of one engine. A crash
 * restart stops them with the crashed engine and starts a new pair on the new one. An ERROR is
 * logged and the loop goes on, as in PostgreSQL; a PANIC puts the engine into the crash state,
 * whose listener (the postmaster) ends every backend and restarts.
 */
final class AuxiliaryProcesses {
    private static final long STOP_WAIT_MILLIS = 5000;

    private final Engine engine;
    private final ServerConfiguration configuration;
    private volatile boolean running = true;
    private Thread checkpointer;
    private Thread walWriter;

    AuxiliaryProcesses(Engine engine, ServerConfiguration configuration) {
        this.engine = engine;
        this.configuration = configuration;
    }

    AuxiliaryProcesses start() {
        long checkpointMillis = TimeUnit.SECONDS.toMillis(configuration.getInt("checkpoint_timeout"));
        long walWriterMillis = configuration.getInt("wal_writer_delay");
        checkpointer = Thread.ofPlatform().daemon().name("woolly: checkpointer")
                .start(() -> loop(checkpointMillis, "checkpoint failed", engine::checkpoint));
        walWriter = Thread.ofPlatform().daemon().name("woolly: walwriter")
                .start(() -> loop(walWriterMillis, "walwriter could not flush the WAL", engine::flushWal));
        return this;
    }

    /**
     * Stops both threads and waits for them (bounded), so none touches the engine while the
     * postmaster closes or discards it. They are woken, never interrupted: a thread interrupted
     * inside a file write closes that FileChannel for everyone (the WAL's included), which would
     * turn a clean shutdown checkpoint into a PANIC.
     */
    void stop() {
        synchronized (this) {
            running = false;
            notifyAll();
        }
        for (Thread thread : new Thread[] {checkpointer, walWriter}) {
            if (thread == null || thread == Thread.currentThread()) {
                continue;
            }
            try {
                thread.join(STOP_WAIT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void loop(long intervalMillis, String failure, Runnable round) {
        while (running) {
            synchronized (this) {
                long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(intervalMillis);
                long left;
                while (running && (left = deadline - System.nanoTime()) > 0) {
                    try {
                        TimeUnit.NANOSECONDS.timedWait(this, left);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
            if (!running || engine.panicked()) {
                return;
            }
            try {
                round.run();
            } catch (SqlException e) {
                if (e.severity() == Severity.PANIC) {
                    engine.panic(e);
                    return;
                }
                ServerLog.log(Severity.LOG, ProcessHandle.current().pid(), failure, e);
            } catch (RuntimeException e) {
                if (!running || engine.panicked()) {
                    return;
                }
                ServerLog.log(Severity.LOG, ProcessHandle.current().pid(), failure, e);
            }
        }
    }
}
