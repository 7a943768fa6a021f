package org.woolly.server;

import org.woolly.access.transam.StorageOptions;
import org.woolly.access.transam.StorageServices;
import org.woolly.access.transam.StorageStartup;
import org.woolly.server.WoollyEngine;
import org.woolly.storage.smgr.FileSync;
import org.woolly.catalog.CatalogTupleCodec;
import org.woolly.catalog.bootstrap.InitDb;
import org.woolly.utils.crypt.Scram;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * Creates a new data directory: configuration files, storage (WAL, commit log, pg_control) and
 * the bootstrap catalogs with the superuser role and the template1, template0 and postgres
 * databases. Counterpart of {@code initdb} ({@code src/bin/initdb/initdb.c}).
 */
public final class DataDirectoryInitializer {
    /** The version written to {@code WOOLLY_VERSION} (like PostgreSQL's {@code PG_VERSION}). */
    public static final String DATA_DIRECTORY_VERSION = "15";

    private static final Set<String> AUTH_METHODS = Set.of("trust", "reject", "password", "md5", "scram-sha-256");

    /**
     * @param superuser   the bootstrap superuser's name (initdb -U)
     * @param password    its password, or null (then no password is stored)
     * @param localAuth   pg_hba.conf method for Unix-socket connections
     * @param hostAuth    pg_hba.conf method for TCP connections from loopback
     */
    public record Options(String superuser, String password, String localAuth, String hostAuth) {
        public Options {
            for (String method : new String[] {localAuth, hostAuth}) {
                if (!AUTH_METHODS.contains(method)) {
                    throw new IllegalArgumentException("invalid authentication method \"" + method + "\"");
                }
            }
            boolean needsPassword = !localAuth.equals("trust") && !localAuth.equals("reject")
                    || !hostAuth.equals("trust") && !hostAuth.equals("reject");
            if (needsPassword && password == null) {
                throw new IllegalArgumentException("must specify a password for the superuser to enable "
                        + "password authentication");
            }
        }

        public static Options trustAll(String superuser) {
            return new Options(superuser, null, "trust", "trust");
        }
    }

    /** Buffer pool pages of the engine that runs initdb's SQL steps (8 MB). */
    private static final int INIT_SHARED_BUFFERS = 1024;

    private DataDirectoryInitializer() {}

    /** Whether {@code directory} already holds a Woolly data directory. */
    public static boolean isInitialized(Path directory) {
        return Files.isRegularFile(directory.resolve("WOOLLY_VERSION"));
    }

    /** Creates the data directory; it must not exist or be empty. */
    public static void initialize(Path directory, Options options) {
        try {
            if (Files.exists(directory)) {
                try (var entries = Files.list(directory)) {
                    if (entries.findAny().isPresent()) {
                        throw new IllegalStateException("directory \"" + directory + "\" exists but is not empty");
                    }
                }
            }
            Files.createDirectories(directory);
            Files.writeString(directory.resolve("postgresql.conf"), defaultConfiguration());
            Files.writeString(directory.resolve("pg_hba.conf"), hostBasedAuthentication(options));
            Files.createDirectories(directory.resolve("log"));
            StorageStartup.initialize(directory);
            try (StorageServices storage = StorageWiring.open(directory, StorageOptions.defaults())) {
                String verifier = options.password() == null ? null : Scram.makeVerifier(options.password());
                InitDb.bootstrap(storage, CatalogTupleCodec.STANDARD, options.superuser(), verifier);
            }
            // the SQL steps after bootstrap (initdb's setup_schema), through a server engine with a
            // small buffer pool and fsync off, as initdb's backends run: the whole tree is synced
            // below, and `woolly init` fits a small heap
            try (WoollyEngine engine = WoollyEngine.open(directory,
                    StorageOptions.defaults().withSharedBuffers(INIT_SHARED_BUFFERS).withFsync(false))) {
                InformationSchemaSetup.run(engine);
            }
            // Everything durable first (initdb's sync_pgdata), then the version file, written last
            // and durably: a directory without it is an interrupted initialization, not a cluster.
            FileSync.syncTree(directory);
            if (directory.getParent() != null) {
                FileSync.syncDirectory(directory.getParent());
            }
            FileSync.writeAtomically(directory.resolve("WOOLLY_VERSION"),
                    (DATA_DIRECTORY_VERSION + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII), true);
        } catch (IOException e) {
            throw new UncheckedIOException("could not initialize data directory \"" + directory + "\"", e);
        }
    }

    /** Clusters this JVM initialized, by options, kept pristine as templates for {@link #initializeFromTemplate}. */
    private static final java.util.Map<Options, Path> TEMPLATES = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Creates the data directory as {@link #initialize} does, as a copy of a cluster this JVM
     * initialized before with the same options (made on first use in a temporary directory, removed
     * at exit). Embedded servers started one after another, as tests start them, then pay for
     * initdb's SQL steps once: the copy is a file copy, synced, with the version file written last.
     */
    public static void initializeFromTemplate(Path directory, Options options) {
        Path template = TEMPLATES.computeIfAbsent(options, DataDirectoryInitializer::makeTemplate);
        try {
            if (Files.exists(directory)) {
                try (var entries = Files.list(directory)) {
                    if (entries.findAny().isPresent()) {
                        throw new IllegalStateException("directory \"" + directory + "\" exists but is not empty");
                    }
                }
            }
            try (var files = Files.walk(template)) {
                for (Path source : (Iterable<Path>) files::iterator) {
                    Path target = directory.resolve(template.relativize(source).toString());
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(target);
                    } else if (!source.getFileName().toString().equals("WOOLLY_VERSION")) {
                        Files.copy(source, target);
                    }
                }
            }
            FileSync.syncTree(directory);
            FileSync.writeAtomically(directory.resolve("WOOLLY_VERSION"),
                    Files.readAllBytes(template.resolve("WOOLLY_VERSION")), true);
        } catch (IOException e) {
            throw new UncheckedIOException("could not initialize data directory \"" + directory + "\"", e);
        }
    }

    private static Path makeTemplate(Options options) {
        try {
            Path root = Files.createTempDirectory("woolly-template");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(root)));
            Path template = root.resolve("data");
            initialize(template, options);
            return template;
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a template data directory", e);
        }
    }

    private static void deleteTree(Path root) {
        try (var files = Files.walk(root)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory left behind at exit
        }
    }

    /** The superuser name initdb picks by default: the operating-system user running it. */
    public static String defaultSuperuser() {
        String name = System.getProperty("user.name", "postgres");
        return name.isBlank() ? "postgres" : name.toLowerCase(Locale.ROOT);
    }

    private static String defaultConfiguration() {
        return """
                # Woolly configuration file: PostgreSQL's parameter names, units and syntax.
                # Lines starting with '#' are comments; uncomment and change to override a default.

                #listen_addresses = 'localhost'     # what IP address(es) to listen on; '*' = all
                #port = 5432
                #max_connections = 100
                #unix_socket_directories = '/tmp'  # comma-separated list of directories

                #shared_buffers = 128MB
                #work_mem = 4MB

                #fsync = on                         # flush WAL to disk at commit
                #synchronous_commit = on
                #full_page_writes = on
                #checkpoint_timeout = 5min

                #log_min_messages = warning
                #client_min_messages = notice

                #search_path = '"$user", public'
                #datestyle = 'iso, mdy'
                #timezone = 'UTC'
                #extra_float_digits = 1
                """;
    }

    private static String hostBasedAuthentication(Options options) {
        return """
                # Woolly client authentication configuration file, in PostgreSQL's pg_hba.conf format.
                # TYPE  DATABASE        USER            ADDRESS                 METHOD

                # "local" is for Unix domain socket connections only
                local   all             all                                     %1$s
                # IPv4 local connections:
                host    all             all             127.0.0.1/32            %2$s
                # IPv6 local connections:
                host    all             all             ::1/128                 %2$s
                """.formatted(options.localAuth(), options.hostAuth());
    }
}
