package org.woolly.postmaster;

import org.woolly.utils.error.ServerLog;
import org.woolly.protocol.HbaFile;
import org.woolly.tcop.Engine;
import org.woolly.tcop.TypeIoLookup;
import org.woolly.utils.error.Severity;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;
import org.woolly.utils.guc.ServerConfiguration;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The server's main object: binds the listening sockets, writes {@code postmaster.pid},
 * starts a backend (virtual thread) per connection, the checkpointer and the walwriter, and shuts down in
 * PostgreSQL's three modes. Counterpart of {@code src/backend/postmaster/postmaster.c}.
 *
 * <p>Shutdown requests: {@link #shutdown(ShutdownMode)} in-process; from another process
 * ({@code woolly stop}) {@link #requestShutdown(Path, ShutdownMode)} writes
 * {@code DATA/postmaster.shutdown_request} containing the mode, which the postmaster polls for;
 * SIGTERM and SIGINT end the JVM, whose shutdown hook (installed by
 * {@link #installShutdownHook()}) runs a fast shutdown.
 */
public final class Postmaster {

    /** The file another process writes to ask for a shutdown; its content is the mode name. */
    public static final String SHUTDOWN_REQUEST_FILE = "postmaster.shutdown_request";
    /** The file {@code woolly ps} creates to ask for the process list. */
    public static final String PS_REQUEST_FILE = "postmaster.ps_request";
    /** Where the postmaster answers a {@link #PS_REQUEST_FILE}: one line per server process. */
    public static final String PS_FILE = "postmaster.ps";
    /** The file another process ({@code woolly reload}) creates to ask for a configuration reload. */
    public static final String RELOAD_REQUEST_FILE = "postmaster.reload_request";
    private static final long REQUEST_POLL_MILLIS = 200;
    private static final long TERMINATE_WAIT_MILLIS = 2000;
    private static final long WAIT_LOG_INTERVAL_MILLIS = 5000;
    private static final long CRASH_EXIT_WAIT_MILLIS = 30_000;

    private final Path dataDirectory;
    /** Replaced as a whole by {@link #reload()}; what new connections start from. */
    private volatile ServerConfiguration configuration;
    private final Supplier<? extends Engine> engineFactory;
    private volatile Engine engine;
    private final TypeIoLookup types;
    private final BackendRegistry registry = new BackendRegistry();
    private final ReentrantLock stateLock = new ReentrantLock();
    private final CountDownLatch terminated = new CountDownLatch(1);
    private final ExecutorService backendExecutor = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("woolly: backend starting").factory());
    private volatile boolean shuttingDown;
    private volatile ShutdownMode requestedMode;
    /** True from a PANIC until the restarted engine is open: connections are refused with 57P03. */
    private volatile boolean recovering;
    /** The server stopped because of a crash (restart_after_crash off, or the restart failed). */
    private volatile boolean crashExit;
    /** Held while the engine is swapped after a crash or closed at shutdown. */
    private final ReentrantLock lifecycleLock = new ReentrantLock();
    private boolean started;
    private LockFile lockFile;
    private Listeners listeners;
    private AuxiliaryProcesses auxiliary;
    private Thread requestWatcher;
    private SysLogger loggingCollector;

    public Postmaster(Path dataDirectory, ServerConfiguration configuration, Engine engine) {
        this(dataDirectory, configuration, engine, TypeIoLookup.builtin());
    }

    /** With the type table that encodes DataRow values and decodes Bind parameters. */
    public Postmaster(Path dataDirectory, ServerConfiguration configuration, Engine engine, TypeIoLookup types) {
        this(dataDirectory, configuration, () -> engine, types);
    }

    /**
     * With the engine opened by {@code engineFactory} once the data directory is locked: opening
     * runs crash recovery, which must never happen under another live server.
     */
    public Postmaster(Path dataDirectory, ServerConfiguration configuration,
                      Supplier<? extends Engine> engineFactory, TypeIoLookup types) {
        this.dataDirectory = dataDirectory.toAbsolutePath().normalize();
        this.configuration = configuration;
        this.engineFactory = engineFactory;
        this.types = types;
    }

    /** The bootstrap superuser's name from the catalog of the engine in use, once started. */
    public java.util.Optional<String> bootstrapSuperuser() {
        Engine current = engine;
        return current == null ? java.util.Optional.empty() : current.bootstrapSuperuser();
    }

    /** Claims the data directory, binds, and starts accepting connections. */
    public void start() throws IOException {
        stateLock.lock();
        try {
            if (started) {
                throw new IllegalStateException("postmaster already started");
            }
            ServerLog.installJavaLoggingBridge();
            ServerLog.configure(logSettings(configuration));
            if (configuration.getBoolean("logging_collector")) {
                startLoggingCollector();
            }
            for (String warning : configuration.warnings()) {
                ServerLog.log(Severity.LOG, warning);
            }
            lockFile = LockFile.acquire(dataDirectory);
            try {
                engine = engineFactory.get();
            } catch (RuntimeException e) {
                lockFile.remove(dataDirectory);
                throw e;
            }
            Files.deleteIfExists(dataDirectory.resolve(SHUTDOWN_REQUEST_FILE));
            HbaFile hba = HbaFile.load(dataDirectory.resolve("pg_hba.conf"));
            Files.deleteIfExists(dataDirectory.resolve(RELOAD_REQUEST_FILE));
            BackendConnection.Shared shared = new BackendConnection.Shared(() -> configuration, hba, () -> engine, types,
                    registry, () -> shuttingDown, () -> recovering);
            listeners = new Listeners(configuration, (channel, address, host) ->
                    backendExecutor.execute(new BackendConnection(shared, channel, address, host)));
            try {
                listeners.bind();
            } catch (IOException | RuntimeException e) {
                listeners.close();
                engine.close();
                engine = null;
                lockFile.remove(dataDirectory);
                throw e;
            }
            lockFile.write(dataDirectory, Instant.now().getEpochSecond(), listeners.port(),
                    listeners.firstSocketDirectory(), listeners.firstListenAddress(), LockFile.STATUS_READY);
            listeners.startAccepting();
            watchForPanic(engine);
            auxiliary = new AuxiliaryProcesses(engine, configuration, registry::allocateProcessId).start();
            requestWatcher = Thread.ofPlatform().daemon().name("woolly: postmaster").start(this::watchRequests);
            started = true;
            ServerLog.log(Severity.LOG, "database system is ready to accept connections");
        } finally {
            stateLock.unlock();
        }
    }

    /** The TCP port bound (the chosen one when the configuration says 0). */
    public int port() {
        return listeners.port();
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /**
     * Whether the server stopped because of a crash it did not restart from (restart_after_crash
     * off, or crash recovery failed): {@code woolly start} then exits with a failure status.
     */
    public boolean stoppedByCrash() {
        return crashExit;
    }

    /**
     * Puts the running engine into the crash state, as a PANIC raised anywhere does: the
     * postmaster then ends every backend and restarts (or stops). For tests of crash handling.
     */
    public void panic(SqlException error) {
        Engine current = engine;
        if (current == null) {
            throw new IllegalStateException("the server is not running");
        }
        current.panic(error);
    }

    /** Blocks until a shutdown has finished. */
    public void awaitTermination() throws InterruptedException {
        terminated.await();
    }

    /** Installs a JVM shutdown hook (SIGTERM, SIGINT, System.exit) that runs a fast shutdown. */
    public void installShutdownHook() {
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> shutdown(ShutdownMode.FAST)));
    }

    /** Asks the postmaster of {@code dataDirectory} (possibly another process) to read its configuration file again ({@code pg_ctl reload}). */
    public static void requestReload(Path dataDirectory) throws IOException {
        Files.writeString(dataDirectory.resolve(RELOAD_REQUEST_FILE), "reload\n", StandardCharsets.UTF_8);
    }

    /**
     * Reads {@code postgresql.conf} again ({@code SIGHUP_handler} and {@code ProcessConfigFile}):
     * connections made from now on start from the new values (authentication_timeout, the
     * defaults of session settings); parameters that need a restart keep theirs, and the server
     * log says which. Sessions already running keep the values they started with.
     */
    public void reload() {
        ServerLog.log(Severity.LOG, "received SIGHUP, reloading configuration files");
        ServerConfiguration.Reloaded reloaded = configuration.reload();
        for (String message : reloaded.messages()) {
            ServerLog.log(Severity.LOG, message);
        }
        configuration = reloaded.configuration();
        ServerLog.configure(logSettings(configuration));
        if (loggingCollector != null) {
            loggingCollector.reconfigure(SysLogger.Settings.from(dataDirectory, configuration));
        }
    }

    /** log_line_prefix and log_destination (stderr, csvlog, jsonlog; anything else is refused at load time). */
    static ServerLog.Settings logSettings(ServerConfiguration configuration) {
        java.util.Set<String> destinations = new java.util.HashSet<>();
        for (String part : configuration.getString("log_destination").split(",")) {
            destinations.add(part.trim().toLowerCase(java.util.Locale.ROOT));
        }
        return new ServerLog.Settings(configuration.getString("log_line_prefix"), destinations.contains("stderr"),
                destinations.contains("csvlog"), destinations.contains("jsonlog"));
    }

    /** Asks the postmaster of {@code dataDirectory} (possibly another process) to shut down. */
    public static void requestShutdown(Path dataDirectory, ShutdownMode mode) throws IOException {
        Path request = dataDirectory.resolve(SHUTDOWN_REQUEST_FILE);
        Path temporary = dataDirectory.resolve(SHUTDOWN_REQUEST_FILE + ".tmp");
        Files.writeString(temporary, mode.name().toLowerCase(java.util.Locale.ROOT) + "\n", StandardCharsets.UTF_8);
        Files.move(temporary, request, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Shuts down: stops accepting; SMART waits for sessions to end, FAST terminates them with
     * FATAL 57P01, IMMEDIATE drops them; then (not IMMEDIATE) closes the engine, which
     * checkpoints; removes postmaster.pid and the socket files. Idempotent.
     */
    public void shutdown(ShutdownMode mode) {
        stateLock.lock();
        try {
            if (!started) {
                return;
            }
            if (shuttingDown) {
                // A stronger request overrides a running one, as pg_ctl stop -m fast does after -m smart.
                if (mode.ordinal() > requestedMode.ordinal() && terminated.getCount() > 0) {
                    requestedMode = mode;
                    ServerLog.log(Severity.LOG, "received " + mode.name().toLowerCase(java.util.Locale.ROOT)
                            + " shutdown request");
                }
                mode = null;
            } else {
                shuttingDown = true;
                requestedMode = mode;
            }
        } finally {
            stateLock.unlock();
        }
        if (mode == null) {
            try {
                awaitTermination();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        runShutdown(mode);
    }

    private void runShutdown(ShutdownMode initialMode) {
        ServerLog.log(Severity.LOG, "received " + initialMode.name().toLowerCase(java.util.Locale.ROOT)
                + " shutdown request");
        listeners.close();
        try {
            lockFile.write(dataDirectory, Instant.now().getEpochSecond(), listeners.port(),
                    listeners.firstSocketDirectory(), listeners.firstListenAddress(), LockFile.STATUS_STOPPING);
        } catch (IOException e) {
            ServerLog.log(Severity.WARNING, "could not update lock file: " + e.getMessage());
        }
        while (requestedMode == ShutdownMode.SMART && registry.count() > 0) {
            sleepBriefly();
        }
        ShutdownMode mode = requestedMode;
        switch (mode) {
            case SMART -> { }
            case FAST -> {
                terminateBackends(true);
                awaitBackendsBeforeCheckpoint();
            }
            case IMMEDIATE -> terminateBackends(false);
        }
        requestWatcher.interrupt();
        lifecycleLock.lock();
        try {
            auxiliary.stop();
            closeEngine();
            // A stopped postmaster may stay reachable (an embedded server's handle kept by its
            // user): it must not keep the engine's buffer pool and caches alive with it.
            engine = null;
            auxiliary = null;
        } finally {
            lifecycleLock.unlock();
        }
        backendExecutor.shutdownNow();
        lockFile.remove(dataDirectory);
        ServerLog.log(Severity.LOG, "database system is shut down");
        if (loggingCollector != null) {
            loggingCollector.stop();
            ServerLog.collectInto(null);
            loggingCollector = null;
        }
        ServerLog.configure(ServerLog.Settings.DEFAULT);
        terminated.countDown();
    }

    /**
     * logging_collector: the log goes to the collector thread's files (log_directory,
     * log_filename, relative to the data directory) instead of stderr; stderr gets the two lines
     * PostgreSQL's postmaster writes before it redirects.
     */
    private void startLoggingCollector() throws IOException {
        SysLogger.Settings settings = SysLogger.Settings.from(dataDirectory, configuration);
        SysLogger collector = new SysLogger(dataDirectory, settings).start();
        ServerLog.log(Severity.LOG, "redirecting log output to logging collector process");
        System.err.println("HINT:  Future log output will appear in directory \""
                + configuration.getString("log_directory") + "\".");
        ServerLog.collectInto(collector);
        loggingCollector = collector;
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The shutdown checkpoint must be the last WAL record: it is written only when every
     * backend has ended (PostgreSQL's postmaster waits in PM_WAIT_BACKENDS for the same reason).
     * The terminated backends stop at their next CHECK_FOR_INTERRUPTS; an immediate shutdown
     * requested meanwhile stops the wait.
     */
    private void awaitBackendsBeforeCheckpoint() {
        long nextLog = 0;
        while (registry.count() > 0 && requestedMode == ShutdownMode.FAST) {
            long now = System.currentTimeMillis();
            if (now >= nextLog) {
                int count = registry.count();
                ServerLog.log(Severity.LOG, "waiting for " + count + " server process" + (count == 1 ? "" : "es")
                        + " to exit before the shutdown checkpoint");
                nextLog = now + WAIT_LOG_INTERVAL_MILLIS;
            }
            sleepBriefly();
        }
    }

    /** SMART and FAST: the shutdown checkpoint; IMMEDIATE, or after a PANIC: nothing written. */
    private void closeEngine() {
        if (requestedMode == ShutdownMode.IMMEDIATE || engine.panicked()) {
            closeEngineImmediately(engine);
            return;
        }
        try {
            ServerLog.log(Severity.LOG, "shutting down");
            boolean logCheckpoints = configuration.getBoolean("log_checkpoints");
            if (logCheckpoints) {
                ServerLog.log(Severity.LOG, "checkpoint starting: shutdown immediate");
            }
            long started = System.nanoTime();
            engine.close();
            if (logCheckpoints) {
                ServerLog.log(Severity.LOG, org.woolly.pgstat.CheckpointReport.completeLine(engine.lastCheckpoint(),
                        System.nanoTime() - started));
            }
        } catch (RuntimeException e) {
            ServerLog.log(Severity.LOG, ProcessHandle.current().pid(), "error at shutdown checkpoint", e);
            closeEngineImmediately(engine);
        }
    }

    private static void closeEngineImmediately(Engine target) {
        try {
            target.closeImmediately();
        } catch (RuntimeException e) {
            ServerLog.log(Severity.LOG, ProcessHandle.current().pid(), "error while closing files", e);
        }
    }

    private void terminateBackends(boolean tellClients) {
        SqlException fatal = new SqlException(Severity.FATAL, SqlState.ADMIN_SHUTDOWN,
                "terminating connection due to administrator command", null, null, 0, null);
        List<BackendRegistry.Backend> backends = List.copyOf(registry.all());
        // Every backend is flagged before any is ended: ending one (its abort releases its locks)
        // must not let another, waiting for those locks, run on unflagged and commit (PostgreSQL's
        // postmaster signals all children in one pass for the same reason).
        for (BackendRegistry.Backend backend : backends) {
            backend.raiseInterrupt(fatal);
        }
        List<Thread> terminators = new ArrayList<>();
        for (BackendRegistry.Backend backend : backends) {
            terminators.add(Thread.ofVirtual().start(() -> {
                if (tellClients && backend.loop != null) {
                    backend.loop.terminate(fatal, TERMINATE_WAIT_MILLIS);
                } else if (backend.session != null) {
                    backend.session.cancel();
                }
                backend.closeChannel();
            }));
        }
        for (Thread terminator : terminators) {
            try {
                terminator.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The crash handling starts on its own thread: a panic listener runs on the thread that raised the PANIC. */
    private void watchForPanic(Engine watched) {
        watched.addPanicListener(panic -> Thread.ofPlatform().name("woolly: postmaster crash handler")
                .start(() -> handleCrash(watched, panic)));
    }

    /**
     * {@code HandleChildCrash} and {@code PostmasterStateMachine} after a crash: refuse new
     * connections (57P03), end every backend (the one that raised the PANIC has sent it to its
     * client; the others send WARNING 57P02 and close), stop the auxiliary threads, discard the
     * engine without writing anything, then open it again (crash recovery) when
     * restart_after_crash is on, or shut down.
     */
    private void handleCrash(Engine crashed, SqlException panic) {
        lifecycleLock.lock();
        try {
            if (crashed != engine || terminated.getCount() == 0) {
                return;
            }
            recovering = true;
            ServerLog.log(Severity.PANIC, ProcessHandle.current().pid(), panic.getMessage(), panic.getCause());
            ServerLog.log(Severity.LOG, "terminating any other active server processes");
            auxiliary.stop();
            CrashTermination.endBackends(registry, TERMINATE_WAIT_MILLIS, CRASH_EXIT_WAIT_MILLIS);
            closeEngineImmediately(crashed);
            if (shuttingDown) {
                return;
            }
            if (!configuration.getBoolean("restart_after_crash")) {
                ServerLog.log(Severity.LOG, "shutting down because restart_after_crash is off");
                stopAfterCrash();
                return;
            }
            ServerLog.log(Severity.LOG, "all server processes terminated; reinitializing");
            Engine restarted;
            try {
                restarted = engineFactory.get();
            } catch (RuntimeException e) {
                ServerLog.log(Severity.FATAL, ProcessHandle.current().pid(), "crash recovery failed", e);
                stopAfterCrash();
                return;
            }
            if (restarted.panicked()) {
                ServerLog.log(Severity.FATAL, "the restarted engine is still in the crash state");
                stopAfterCrash();
                return;
            }
            engine = restarted;
            watchForPanic(restarted);
            auxiliary = new AuxiliaryProcesses(restarted, configuration, registry::allocateProcessId).start();
            recovering = false;
            ServerLog.log(Severity.LOG, "database system is ready to accept connections");
        } finally {
            lifecycleLock.unlock();
        }
    }

    /** The postmaster exits with a failure status, as {@code ExitPostmaster(1)} after a crash. */
    private void stopAfterCrash() {
        crashExit = true;
        stateLock.lock();
        try {
            if (shuttingDown) {
                return;
            }
            shuttingDown = true;
            requestedMode = ShutdownMode.IMMEDIATE;
        } finally {
            stateLock.unlock();
        }
        Thread.ofPlatform().name("woolly: postmaster shutdown").start(() -> runShutdown(ShutdownMode.IMMEDIATE));
    }

    /**
     * The answer to {@code woolly ps}: the postmaster's line, then every server process of the
     * activity table with its pid and title, as {@code ps} shows PostgreSQL's processes
     * ({@code woolly: checkpointer}, {@code woolly: alice shop 10.0.0.5(51234) idle in transaction}).
     * Written to a temporary file and renamed, so the reader never sees half a list.
     */
    private void writeProcessList() throws IOException {
        StringBuilder out = new StringBuilder();
        out.append(ProcessHandle.current().pid()).append('\t').append("woolly: postmaster -D ")
                .append(dataDirectory).append('\n');
        Engine current = engine;
        org.woolly.pgstat.ServerStatistics statistics = current == null ? null : current.statistics();
        if (statistics != null) {
            for (org.woolly.pgstat.BackendStatus status : statistics.activity().all()) {
                out.append(status.pid()).append('\t').append(status.processTitle()).append('\n');
            }
        }
        Path temporary = dataDirectory.resolve(PS_FILE + ".tmp");
        Files.writeString(temporary, out, StandardCharsets.UTF_8);
        Files.move(temporary, dataDirectory.resolve(PS_FILE), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private void watchRequests() {
        Path request = dataDirectory.resolve(SHUTDOWN_REQUEST_FILE);
        Path reloadRequest = dataDirectory.resolve(RELOAD_REQUEST_FILE);
        while (!shuttingDown) {
            try {
                Thread.sleep(REQUEST_POLL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            try {
                if (Files.deleteIfExists(reloadRequest)) {
                    reload();
                }
            } catch (IOException e) {
                ServerLog.log(Severity.WARNING, "could not remove reload request: " + e.getMessage());
            }
            try {
                if (Files.deleteIfExists(dataDirectory.resolve(PS_REQUEST_FILE))) {
                    writeProcessList();
                }
            } catch (IOException e) {
                ServerLog.log(Severity.WARNING, "could not answer process list request: " + e.getMessage());
            }
            if (Files.exists(request)) {
                ShutdownMode mode;
                try {
                    mode = ShutdownMode.parse(Files.readString(request, StandardCharsets.UTF_8));
                    Files.deleteIfExists(request);
                } catch (IOException | IllegalArgumentException e) {
                    ServerLog.log(Severity.WARNING, "ignoring invalid shutdown request: " + e.getMessage());
                    continue;
                }
                Thread.ofPlatform().name("woolly: postmaster shutdown").start(() -> shutdown(mode));
                return;
            }
        }
    }
}
