package org.woolly.postmaster;

import org.woolly.tcop.Engine;
import org.woolly.utils.error.ServerLog;
import org.woolly.utils.error.Severity;
import org.woolly.utils.guc.ServerConfiguration;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * The autovacuum launcher ({@code AutoVacLauncherMain} in {@code autovacuum.c}): every
 * autovacuum_naptime, while autovacuum is on, it starts an {@link AutovacuumWorker} for each
 * database whose datfrozenxid is older than autovacuum_freeze_max_age, oldest first, whether it
 * allows connections or not (template0 too: {@code do_start_worker}'s wraparound databases come
 * first), then for each database with cumulative statistics (PostgreSQL, too, skips a database
 * without a statistics entry unless its datfrozenxid is that old). XIDs are 64 bits and never
 * wrap, so the age matters only because pg_xact below the oldest datfrozenxid can go. At most
 * autovacuum_max_workers at a time and never two in one database. The launcher and each worker
 * are server processes of their own (threads {@code woolly: autovacuum launcher} and
 * {@code woolly: autovacuum worker <database>}), listed in pg_stat_activity.
 */
final class AutovacuumLauncher {
    static final String BACKEND_TYPE = "autovacuum launcher";

    private final Engine engine;
    private final ServerConfiguration configuration;
    private final IntSupplier processIds;
    private final Set<AutovacuumWorker> running = ConcurrentHashMap.newKeySet();
    private final Set<Integer> busyDatabases = ConcurrentHashMap.newKeySet();
    private final List<Thread> workerThreads = new ArrayList<>();
    private volatile boolean stopped;

    AutovacuumLauncher(Engine engine, ServerConfiguration configuration, IntSupplier processIds) {
        this.engine = engine;
        this.configuration = configuration;
        this.processIds = processIds;
    }

    /** How often an idle launcher looks whether autovacuum was turned on or off (SIGHUP). */
    private static final long RECHECK_MILLIS = 1000;

    /**
     * The launcher's thread body until {@link #stop}: while autovacuum (and track_counts) is on
     * it is a server process ({@code asProcess} registers it in pg_stat_activity for as long as
     * the body runs) that starts a round of workers every naptime; while off, as PostgreSQL's
     * postmaster starts no launcher, it is not listed and only waits for the setting to change.
     */
    void run(java.util.function.Consumer<Runnable> asProcess) {
        while (!stopped && !engine.panicked()) {
            if (enabled()) {
                asProcess.accept(this::loopWhileEnabled);
            } else {
                sleep(RECHECK_MILLIS);
            }
        }
    }

    private boolean enabled() {
        return configuration.getBoolean("autovacuum") && configuration.getBoolean("track_counts");
    }

    private void loopWhileEnabled() {
        while (!stopped && !engine.panicked() && enabled()) {
            long deadline = System.nanoTime()
                    + TimeUnit.SECONDS.toNanos(Math.max(1, configuration.getInt("autovacuum_naptime")));
            long left;
            while (!stopped && enabled() && (left = deadline - System.nanoTime()) > 0) {
                sleep(Math.min(RECHECK_MILLIS, TimeUnit.NANOSECONDS.toMillis(left) + 1));
            }
            if (stopped || engine.panicked() || !enabled()) {
                return;
            }
            try {
                round();
            } catch (RuntimeException e) {
                if (!stopped && !engine.panicked()) {
                    ServerLog.log(Severity.LOG, ProcessHandle.current().pid(), "autovacuum launcher round failed", e);
                }
            }
        }
    }

    /** Waits up to {@code millis}, woken early by {@link #stop}. */
    private synchronized void sleep(long millis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        long left;
        while (!stopped && (left = deadline - System.nanoTime()) > 0) {
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopped = true;
            }
        }
    }

    private void round() {
        var statistics = engine.statistics();
        List<Integer> tooOld = engine.databasesOlderThan(configuration.getInt("autovacuum_freeze_max_age"));
        List<Integer> databases = new ArrayList<>(tooOld);
        if (statistics != null) {
            statistics.relations().databases().forEach(oid -> {
                if (!databases.contains(oid)) {
                    databases.add(oid);
                }
            });
        }
        for (int databaseOid : databases) {
            if (stopped || running.size() >= configuration.getInt("autovacuum_max_workers")) {
                return;
            }
            var name = engine.databaseName(databaseOid);
            if (name.isEmpty() || !busyDatabases.add(databaseOid)) {
                continue;
            }
            AutovacuumWorker worker = new AutovacuumWorker(engine, configuration, databaseOid, name.get(),
                    processIds.getAsInt(), tooOld.contains(databaseOid));
            running.add(worker);
            Thread thread = Thread.ofPlatform().daemon().name("woolly: autovacuum worker " + name.get()).unstarted(
                    () -> {
                        try {
                            worker.run();
                        } finally {
                            running.remove(worker);
                            busyDatabases.remove(databaseOid);
                        }
                    });
            synchronized (workerThreads) {
                workerThreads.removeIf(done -> !done.isAlive());
                workerThreads.add(thread);
            }
            thread.start();
        }
    }

    /**
     * Shutdown: no new workers, the running ones cancelled (their VACUUM ends at its next
     * interrupt check; what it did is WAL-logged page by page) and waited for, bounded.
     */
    void stop(long waitMillis) {
        synchronized (this) {
            stopped = true;
            notifyAll();
        }
        running.forEach(AutovacuumWorker::cancel);
        List<Thread> threads;
        synchronized (workerThreads) {
            threads = List.copyOf(workerThreads);
        }
        for (Thread thread : threads) {
            try {
                thread.join(waitMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
