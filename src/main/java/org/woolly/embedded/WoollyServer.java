package org.woolly.embedded;

import org.woolly.access.transam.StorageOptions;
import org.woolly.postmaster.Postmaster;
import org.woolly.postmaster.ShutdownMode;
import org.woolly.utils.error.Severity;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;
import org.woolly.utils.guc.ServerConfiguration;
import org.woolly.server.DataDirectoryInitializer;
import org.woolly.server.WoollyEngine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A whole Woolly server in this JVM: engine (with crash recovery) and postmaster listening on
 * TCP and, if configured, a Unix socket. The {@code woolly start} command runs one in the
 * foreground; tests and applications embed one the way they use H2 or Testcontainers:
 *
 * <pre>{@code
 * try (WoollyServer server = WoollyServer.builder().temporaryDirectory().start()) {
 *     Connection c = DriverManager.getConnection(server.jdbcUrl("postgres"), server.superuser(), "");
 * }
 * }</pre>
 */
public final class WoollyServer implements AutoCloseable {
    private final Path dataDirectory;
    private final boolean deleteOnClose;
    private final String superuser;
    private final Postmaster postmaster;
    private final ServerConfiguration configuration;

    private WoollyServer(Path dataDirectory, boolean deleteOnClose, String superuser, Postmaster postmaster,
                         ServerConfiguration configuration) {
        this.configuration = configuration;
        this.dataDirectory = dataDirectory;
        this.deleteOnClose = deleteOnClose;
        this.superuser = superuser;
        this.postmaster = postmaster;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The TCP port the server listens on (the real one when port 0 was asked for). */
    public int port() {
        return postmaster.port();
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** The superuser created at initialization (trust authentication on loopback unless configured otherwise). */
    public String superuser() {
        return superuser;
    }

    /** A configuration parameter's server-wide value, as SHOW prints it. */
    public String setting(String name) {
        return configuration.show(name);
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    /**
     * Whether the server stopped because of a crash it did not restart from
     * (restart_after_crash = off, or crash recovery failed).
     */
    public boolean stoppedByCrash() {
        return postmaster.stoppedByCrash();
    }

    /**
     * Raises a PANIC in the running engine, as a failed WAL write would (for tests of crash
     * handling): every session ends, and the server restarts through crash recovery, or stops
     * when restart_after_crash is off.
     */
    public void panic(String message) {
        postmaster.panic(new SqlException(Severity.PANIC, SqlState.INTERNAL_ERROR, message, null, null, 0, null));
    }

    /** Blocks until the server has shut down (by {@code woolly stop}, a signal, or {@link #close}). */
    public void awaitTermination() throws InterruptedException {
        postmaster.awaitTermination();
    }

    /**
     * Stops the server: SMART waits for sessions to end, FAST ends them, both then write a
     * shutdown checkpoint; IMMEDIATE stops without one (the next start runs crash recovery).
     */
    public void shutdown(ShutdownMode mode) {
        postmaster.shutdown(mode);
    }

    /**
     * Reads {@code postgresql.conf} again ({@code pg_ctl reload}): new connections start from the
     * new values; parameters that need a restart keep theirs (the server log says which).
     */
    public void reload() {
        postmaster.reload();
    }

    /** Makes SIGTERM/SIGINT (Ctrl-C) run a fast shutdown, as {@code woolly start} in the foreground wants. */
    public void shutdownOnSignal() {
        postmaster.installShutdownHook();
    }

    @Override
    public void close() {
        shutdown(ShutdownMode.FAST);
        if (deleteOnClose) {
            deleteRecursively(dataDirectory);
        }
    }

    private static void deleteRecursively(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Options for a server to start: postgresql.conf's settings unless overridden here. */
    public static final class Builder {
        private Path dataDirectory;
        private boolean temporary;
        private String superuser = DataDirectoryInitializer.defaultSuperuser();
        private DataDirectoryInitializer.Options initOptions;
        private final Map<String, String> settings = new LinkedHashMap<>();
        private java.util.function.Consumer<WoollyEngine> engineOpened = engine -> { };

        private Builder() {}

        /** Told of every engine this server opens (the first and any after crash recovery): for leak tests. */
        Builder onEngineOpened(java.util.function.Consumer<WoollyEngine> observer) {
            this.engineOpened = observer;
            return this;
        }

        /** Uses (and initializes when absent) this data directory. */
        public Builder dataDirectory(Path directory) {
            this.dataDirectory = directory;
            this.temporary = false;
            return this;
        }

        /**
         * Uses a new temporary data directory, deleted when the server is closed, and the
         * settings a test wants unless given otherwise: a free port on 127.0.0.1, no Unix socket.
         */
        public Builder temporaryDirectory() {
            this.dataDirectory = null;
            this.temporary = true;
            settings.putIfAbsent("port", "0");
            settings.putIfAbsent("listen_addresses", "127.0.0.1");
            settings.putIfAbsent("unix_socket_directories", "");
            return this;
        }

        public Builder superuser(String name) {
            this.superuser = name;
            return this;
        }

        /** How to initialize the directory when it does not exist yet (default: trust, no password). */
        public Builder initOptions(DataDirectoryInitializer.Options options) {
            this.initOptions = options;
            this.superuser = options.superuser();
            return this;
        }

        /** A configuration parameter, as {@code -c name=value} on the command line. */
        public Builder setting(String name, String value) {
            settings.put(name, value);
            return this;
        }

        public Builder settings(Map<String, String> values) {
            settings.putAll(values);
            return this;
        }

        public WoollyServer start() {
            Path directory = dataDirectory;
            try {
                if (directory == null) {
                    directory = Files.createTempDirectory("woolly-");
                    temporary = true;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            try {
                return startIn(directory);
            } catch (RuntimeException e) {
                // A temporary directory of a server that never ran is nobody's: remove it.
                if (dataDirectory == null) {
                    deleteRecursively(directory);
                }
                throw e;
            }
        }

        private WoollyServer startIn(Path directory) {
            if (!DataDirectoryInitializer.isInitialized(directory)) {
                DataDirectoryInitializer.initializeFromTemplate(directory,
                        initOptions != null ? initOptions : DataDirectoryInitializer.Options.trustAll(superuser));
            }
            ServerConfiguration configuration = ServerConfiguration.load(directory, settings);
            StorageOptions storageOptions = storageOptions(configuration);
            // The postmaster locks the directory first and only then opens the engine (recovery).
            Path lockedDirectory = directory;
            java.util.function.Consumer<WoollyEngine> observer = engineOpened;
            Postmaster postmaster = new Postmaster(directory, configuration, () -> {
                WoollyEngine engine = WoollyEngine.open(lockedDirectory, storageOptions);
                observer.accept(engine);
                return engine;
            }, WoollyEngine.TYPE_IO);
            try {
                postmaster.start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            // An existing directory's superuser is whoever initdb named, not this process's user.
            return new WoollyServer(directory, temporary, postmaster.bootstrapSuperuser().orElse(superuser), postmaster,
                    configuration);
        }

        /** The storage settings of postgresql.conf (shared_buffers is in 8 kB pages, as in PostgreSQL). */
        private static StorageOptions storageOptions(ServerConfiguration configuration) {
            return StorageOptions.defaults()
                    .withSharedBuffers(configuration.getInt("shared_buffers"))
                    .withFsync(configuration.getBoolean("fsync"))
                    .withSynchronousCommit(!configuration.getString("synchronous_commit").equals("off"))
                    .withFullPageWrites(configuration.getBoolean("full_page_writes"))
                    .withDeadlockTimeout(Duration.ofMillis(configuration.getInt("deadlock_timeout")))
                    .withWalBuffers(configuration.getInt("wal_buffers"));
        }
    }
}
