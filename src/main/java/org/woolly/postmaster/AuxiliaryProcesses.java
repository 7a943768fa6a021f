package org.woolly.postmaster;

import org.woolly.utils.error.ServerLog;
import org.woolly.tcop.Engine;
import org.woolly.utils.error.Severity;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;
import org.woolly.access.transam.WalVolume;
import org.woolly.utils.guc.ServerConfiguration;

import java.util.concurrent.TimeUnit;

/**
 * The checkpointer ({@code checkpointer.c}: a checkpoint every checkpoint_timeout, or when
 * the WAL written since the last one reaches the distance max_wal_size allows), the
 * background writer ({@link BackgroundWriterProcess}: cleaning ahead of the clock hand every
 * bgwriter_delay), the walwriter ({@code walwriter.c}: a WAL flush every wal_writer_delay) and the autovacuum
 * launcher ({@link AutovacuumLauncher}, with its workers) of one engine. A crash
 * restart stops them with the crashed engine and starts a new pair on the new one. An ERROR is
 * logged and the loop goes on, as in PostgreSQL; a PANIC puts the engine into the crash state,
 * whose listener (the postmaster) ends every backend and restarts.
 */
final class AuxiliaryProcesses {
    private static final long STOP_WAIT_MILLIS = 5000;

    private final Engine engine;
    private final ServerConfiguration configuration;
    private volatile boolean running = true;
    /** A WAL writer asked for a checkpoint (guarded by this). */
    private boolean walCheckpointRequested;
    private Thread checkpointer;
    private Thread walWriter;
    private Thread backgroundWriterThread;
    /** Null when the engine has no buffer pool. */
    private BackgroundWriterProcess backgroundWriter;
    private Thread autovacuumThread;
    private AutovacuumLauncher autovacuum;
    /** Null when metrics_port is 0. */
    private MetricsEndpoint metrics;

    private final java.util.function.IntSupplier processIds;

    /** {@code processIds} hands out the pids pg_stat_activity and the log show for the two threads. */
    AuxiliaryProcesses(Engine engine, ServerConfiguration configuration, java.util.function.IntSupplier processIds) {
        this.engine = engine;
        this.configuration = configuration;
        this.processIds = processIds;
    }

    AuxiliaryProcesses start() {
        if (engine.statistics() != null) {
            engine.statistics().activity().processIds(processIds); // parallel workers' pids
        }
        long walWriterMillis = configuration.getInt("wal_writer_delay");
        int checkpointerPid = processIds.getAsInt();
        int walWriterPid = processIds.getAsInt();
        configureWalVolume();
        engine.onCheckpointNeeded(this::requestWalCheckpoint);
        checkpointer = Thread.ofPlatform().daemon().name("woolly: checkpointer")
                .start(() -> asProcess(checkpointerPid, "checkpointer",
                        this::checkpointerLoop));
        walWriter = Thread.ofPlatform().daemon().name("woolly: walwriter")
                .start(() -> asProcess(walWriterPid, "walwriter",
                        () -> loop(walWriterMillis, "walwriter could not flush the WAL", engine::flushWal)));
        if (engine.backgroundWriter() != null) {
            backgroundWriter = new BackgroundWriterProcess(engine, configuration);
            int backgroundWriterPid = processIds.getAsInt();
            backgroundWriterThread = Thread.ofPlatform().daemon().name("woolly: background writer")
                    .start(() -> asProcess(backgroundWriterPid, BackgroundWriterProcess.BACKEND_TYPE,
                            backgroundWriter::run));
        }
        autovacuum = new AutovacuumLauncher(engine, configuration, processIds);
        int launcherPid = processIds.getAsInt();
        autovacuumThread = Thread.ofPlatform().daemon().name("woolly: autovacuum launcher")
                .start(() -> autovacuum.run(status -> asProcess(launcherPid, AutovacuumLauncher.BACKEND_TYPE, status)));
        metrics = MetricsEndpoint.start(engine, configuration, processIds.getAsInt());
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
        if (backgroundWriter != null) {
            backgroundWriter.stop();
        }
        engine.shutdownRequested();
        if (autovacuum != null) {
            autovacuum.stop(STOP_WAIT_MILLIS);
        }
        if (metrics != null) {
            metrics.stop(STOP_WAIT_MILLIS);
        }
        for (Thread thread : new Thread[] {checkpointer, walWriter, backgroundWriterThread, autovacuumThread}) {
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

    /** Runs {@code body} as a server process: its own pid in the log, its entry in pg_stat_activity. */
    private void asProcess(int pid, String backendType, Runnable body) {
        org.woolly.pgstat.ServerStatistics statistics = engine.statistics();
        org.woolly.pgstat.BackendStatus status = new org.woolly.pgstat.BackendStatus(pid, backendType, null, null,
                null);
        ServerLog.bindProcessId(pid);
        if (statistics != null) {
            statistics.activity().register(status);
            org.woolly.pgstat.BackendStatus.bind(status);
        }
        try {
            body.run();
        } finally {
            if (statistics != null) {
                statistics.activity().unregister(status);
                org.woolly.pgstat.BackendStatus.unbind();
            }
            ServerLog.unbindProcessId();
        }
    }

    /** {@code RequestCheckpoint(CHECKPOINT_CAUSE_XLOG)}: called by a WAL writer that finished a segment. */
    private synchronized void requestWalCheckpoint() {
        walCheckpointRequested = true;
        notifyAll();
    }

    private void configureWalVolume() {
        engine.configureWalVolume(new WalVolume.Settings(configuration.getInt("max_wal_size"),
                configuration.getInt("min_wal_size"), configuration.getInt("wal_keep_size"),
                configuration.getDouble("checkpoint_completion_target"), configuration.getInt("checkpoint_timeout"),
                configuration.getBoolean("wal_recycle")));
    }

    /**
     * {@code CheckpointerMain}: a spread checkpoint when checkpoint_timeout has passed since the
     * last one started ("time"), or sooner when the WAL written since its redo pointer asked
     * for one ("wal", counted in checkpoints_req); the latter, if under checkpoint_warning
     * seconds after the previous start, logs that checkpoints are too frequent. The settings
     * are read again each round, so a reload takes effect.
     */
    private void checkpointerLoop() {
        long lastStart = System.nanoTime();
        while (running) {
            boolean wal;
            synchronized (this) {
                long left;
                while (running && !walCheckpointRequested && (left = lastStart
                        + TimeUnit.SECONDS.toNanos(configuration.getInt("checkpoint_timeout")) - System.nanoTime()) > 0) {
                    try {
                        // woken by a request; at least once a second to see a reloaded checkpoint_timeout
                        TimeUnit.NANOSECONDS.timedWait(this, Math.min(left, TimeUnit.SECONDS.toNanos(1)));
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                wal = walCheckpointRequested;
                walCheckpointRequested = false;
            }
            if (!running || engine.panicked()) {
                return;
            }
            configureWalVolume();
            long now = System.nanoTime();
            long secondsApart = TimeUnit.NANOSECONDS.toSeconds(now - lastStart);
            if (wal && secondsApart < configuration.getInt("checkpoint_warning")) {
                ServerLog.report(new SqlException(Severity.LOG, SqlState.SUCCESSFUL_COMPLETION,
                        "checkpoints are occurring too frequently (" + secondsApart
                                + (secondsApart == 1 ? " second apart)" : " seconds apart)"),
                        null, "Consider increasing the configuration parameter \"max_wal_size\".", 0, null));
            }
            lastStart = now;
            org.woolly.pgstat.ServerStatistics statistics = engine.statistics();
            if (!runRound("checkpoint failed", () -> org.woolly.pgstat.CheckpointReport.run(engine::spreadCheckpoint,
                    wal, wal ? "wal" : "time", configuration.getBoolean("log_checkpoints"),
                    statistics == null ? null : statistics.backgroundWriter()))) {
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
            if (!running || engine.panicked() || !runRound(failure, round)) {
                return;
            }
        }
    }

    /** Runs one round; an ERROR is logged and the loop goes on (true), a PANIC or stop ends it (false). */
    private boolean runRound(String failure, Runnable round) {
        try {
            round.run();
        } catch (SqlException e) {
            if (e.severity() == Severity.PANIC) {
                engine.panic(e);
                return false;
            }
            ServerLog.log(Severity.LOG, ProcessHandle.current().pid(), failure, e);
        } catch (RuntimeException e) {
            if (!running || engine.panicked()) {
                return false;
            }
            ServerLog.log(Severity.LOG, ProcessHandle.current().pid(), failure, e);
        }
        return true;
    }
}
