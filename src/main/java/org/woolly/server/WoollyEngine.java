package org.woolly.server;

import org.woolly.access.transam.StorageOptions;
import org.woolly.access.transam.StorageServices;
import org.woolly.analyzer.BuiltinTypeSystem;
import org.woolly.analyzer.TypeSystem;
import org.woolly.catalog.CatalogTupleCodec;
import org.woolly.catalog.DatabaseInfo;
import org.woolly.catalog.DatabaseUsage;
import org.woolly.catalog.SystemCatalog;
import org.woolly.nodes.parse.Expr;
import org.woolly.nodes.parse.RawStatement;
import org.woolly.parser.Parser;
import org.woolly.tcop.Engine;
import org.woolly.utils.error.NoticeSink;
import org.woolly.catalog.RoleInfo;
import org.woolly.tcop.SessionEngine;
import org.woolly.tcop.TypeIoLookup;
import org.woolly.tcop.engine.QueryParser;
import org.woolly.tcop.engine.QuerySession;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;
import org.woolly.utils.guc.SessionSettings;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The engine of one data directory: storage opened (crash recovery done), the system catalog
 * over it, and sessions started on top, each layer bound to the real implementation of the
 * seams the others declared (tuple format, type system, parser). Counterpart of the
 * shared-memory set-up in {@code PostmasterMain} and of {@code InitPostgres}
 * ({@code src/backend/utils/init/postinit.c}) for each backend.
 */
public final class WoollyEngine implements Engine {
    /** Wire encoding of values: the built-in types' I/O, text pass-through for anything else. */
    public static final TypeIoLookup TYPE_IO = TypeIoLookup.builtin();

    private static final QueryParser PARSER = new QueryParser() {
        @Override
        public List<RawStatement> parse(String queryString) {
            return Parser.parse(queryString);
        }

        @Override
        public Expr parseExpression(String text) {
            return Parser.parseExpression(text);
        }
    };

    private final StorageServices storage;
    private final SystemCatalog catalog;
    private final TypeSystem types = new BuiltinTypeSystem();
    private final org.woolly.pgstat.ServerStatistics statistics = new org.woolly.pgstat.ServerStatistics();
    /** The LISTEN/NOTIFY queue every session shares ({@code AsyncQueueControl} in shared memory). */
    private final org.woolly.commands.async.NotificationQueue notifications =
            new org.woolly.commands.async.NotificationQueue();
    private final Path dataDirectory;

    private WoollyEngine(StorageServices storage, Path dataDirectory) {
        this.storage = storage;
        this.dataDirectory = dataDirectory;
        this.catalog = new SystemCatalog(storage, CatalogTupleCodec.STANDARD);
        statistics.databases().blockCounters(storage.blockCounters());
        statistics.wal(storage.walStatistics());
        statistics.backgroundWriter().bufferPool(storage.bufferPoolCounters());
    }

    /**
     * Opens the data directory's storage, replaying the WAL first if the last stop was a crash;
     * the cumulative statistics come back from {@code pg_stat/} after a clean stop only.
     */
    public static WoollyEngine open(Path dataDirectory, StorageOptions options) {
        boolean crashed = !java.nio.file.Files.exists(dataDirectory.resolve("global/pg_control"))
                || org.woolly.access.transam.ControlFile.read(dataDirectory).state()
                != org.woolly.access.transam.ControlFile.State.SHUT_DOWN;
        WoollyEngine engine = new WoollyEngine(StorageWiring.open(dataDirectory, options), dataDirectory);
        engine.statistics.restore(dataDirectory, crashed);
        engine.cleanUpAfterStart(crashed);
        return engine;
    }

    /**
     * Before anyone connects: temporary relations of sessions that did not end (a crash, a kill)
     * go, and after a crash the UNLOGGED tables are emptied.
     */
    private void cleanUpAfterStart(boolean crashed) {
        for (org.woolly.catalog.DatabaseInfo database : catalog.databases().all()) {
            org.woolly.access.transam.Transaction tx = storage.transactions().begin();
            try {
                org.woolly.catalog.DatabaseCatalog databaseCatalog = catalog.catalogFor(database.oid());
                databaseCatalog.dropLeftoverTemporaryRelations(tx);
                if (crashed) {
                    databaseCatalog.resetUnloggedRelations(tx);
                }
                storage.transactions().commit(tx);
            } catch (RuntimeException error) {
                storage.transactions().abort(tx);
                throw error;
            }
        }
    }

    @Override
    public org.woolly.pgstat.ServerStatistics statistics() {
        return statistics;
    }

    @Override
    public org.woolly.storage.buffer.BackgroundWriter backgroundWriter() {
        return storage.backgroundWriter();
    }

    @Override
    public long[] checkpointWrites() {
        return storage.checkpointWrites();
    }

    @Override
    public Optional<RoleInfo> lookupRole(String name) {
        return catalog.lookupRole(name);
    }

    @Override
    public Optional<String> bootstrapSuperuser() {
        return catalog.bootstrapSuperuser().map(RoleInfo::name);
    }

    @Override
    public Optional<String> databaseName(int databaseOid) {
        return catalog.databaseName(databaseOid);
    }

    @Override
    public boolean databaseExists(String name) {
        return catalog.database(name).isPresent();
    }

    /**
     * {@code InitPostgres}'s database part: the session enters its database (waiting while a
     * CREATE or DROP DATABASE holds it), then finds it again (dropped or renamed meanwhile:
     * 3D000), refuses it when it does not allow connections (55000), when the role lacks CONNECT
     * on it (42501, {@code CheckMyDatabase}) or when it is at its connection limit (53300,
     * superusers excepted), and leaves it when it ends.
     */
    @Override
    public SessionEngine openSession(RoleInfo role, String database, SessionSettings settings, NoticeSink notices,
                                     int processId) {
        return openSession(role, database, settings, notices, processId, false);
    }

    @Override
    public SessionEngine openMaintenanceSession(RoleInfo role, String database, SessionSettings settings,
                                                NoticeSink notices, int processId) {
        return openSession(role, database, settings, notices, processId, true);
    }

    @Override
    public List<Integer> databasesOlderThan(long maxAge) {
        long nextXid = storage.transactions().nextXid();
        return catalog.databases().frozenXids().entrySet().stream()
                .filter(database -> nextXid - database.getValue() > maxAge)
                .sorted(java.util.Map.Entry.comparingByValue())
                .map(java.util.Map.Entry::getKey).toList();
    }

    private SessionEngine openSession(RoleInfo role, String database, SessionSettings settings, NoticeSink notices,
                                      int processId, boolean overrideAllowConnections) {
        DatabaseInfo found = catalog.database(database).orElseThrow(() -> fatal(SqlState.INVALID_CATALOG_NAME,
                "database \"" + database + "\" does not exist", null));
        DatabaseUsage.Entry entry;
        try {
            entry = catalog.databases().usage().enter(found.oid(), () -> terminate(processId));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw fatal(SqlState.ADMIN_SHUTDOWN, "terminating connection due to administrator command", null);
        }
        try {
            DatabaseInfo current = catalog.database(database).filter(again -> again.oid() == found.oid())
                    .orElseThrow(() -> fatal(SqlState.INVALID_CATALOG_NAME, "database \"" + database
                            + "\" does not exist", "It seems to have just been dropped or renamed."));
            if (!current.allowConnections() && !overrideAllowConnections) {
                throw fatal(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE, "database \"" + database
                        + "\" is not currently accepting connections", null);
            }
            if (!role.superuser() && !catalog.catalogFor(current.oid()).hasDatabasePrivilege(null, role.oid(), 'c')) {
                throw fatal(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied for database \"" + database + "\"",
                        "User does not have CONNECT privilege.");
            }
            if (current.connectionLimit() >= 0 && !role.superuser()
                    && catalog.databases().usage().sessionCount(current.oid()) > current.connectionLimit()) {
                throw fatal(SqlState.TOO_MANY_CONNECTIONS, "too many connections for database \"" + database + "\"",
                        null);
            }
            // process_settings: ALTER ROLE / ALTER DATABASE ... SET defaults, below the startup packet's
            settings.applyStoredDefaults(catalog.sessionDefaults(current.oid(), role.oid())).forEach(notices::notice);
            return new QuerySession(storage, catalog.catalogFor(current.oid()).forNewSession(), role, database, settings, notices,
                    processId, types, PARSER).withStatistics(statistics, current.oid())
                    .withNotifications(notifications, current.oid()).whenClosed(entry::leave);
        } catch (RuntimeException e) {
            entry.leave();
            throw e;
        }
    }

    /**
     * A session for initdb's SQL steps: in any database, template0 included (PostgreSQL's initdb
     * runs them in single-user mode, where {@code datallowconn} is not checked), with no entry in
     * the database's usage.
     */
    SessionEngine openInitSession(RoleInfo role, DatabaseInfo database, SessionSettings settings) {
        return new QuerySession(storage, catalog.catalogFor(database.oid()).forNewSession(), role, database.name(),
                settings, report -> { }, 0, types, PARSER).withStatistics(statistics, database.oid());
    }

    /** The databases, for initdb's SQL steps. */
    List<DatabaseInfo> databases() {
        return catalog.databases().all();
    }

    /** DROP DATABASE ... WITH (FORCE) ends a session as pg_terminate_backend would. */
    private void terminate(int processId) {
        org.woolly.pgstat.BackendStatus status = statistics.activity().find(processId);
        if (status != null && status.signals() != null) {
            status.signals().terminate();
        }
    }

    private static SqlException fatal(SqlState state, String message, String detail) {
        return new SqlException(org.woolly.utils.error.Severity.FATAL, state, message, detail, null, 0, null);
    }

    @Override
    public void flushWal() {
        storage.flushWal();
    }

    @Override
    public org.woolly.pgstat.CheckpointStatistics checkpoint() {
        return storage.checkpoint();
    }

    @Override
    public org.woolly.pgstat.CheckpointStatistics spreadCheckpoint() {
        return storage.spreadCheckpoint();
    }

    @Override
    public void onCheckpointNeeded(Runnable requester) {
        storage.onCheckpointNeeded(requester);
    }

    @Override
    public org.woolly.pgstat.CheckpointStatistics lastCheckpoint() {
        return storage.lastCheckpoint();
    }

    @Override
    public void shutdownRequested() {
        storage.shutdownRequested();
    }

    @Override
    public void configureWalVolume(org.woolly.access.transam.WalVolume.Settings settings) {
        storage.configureWalVolume(settings);
    }

    /** The shutdown checkpoint, then the statistics file ({@code pgstat_before_server_shutdown}). */
    @Override
    public void close() {
        storage.close();
        if (!storage.panicState().panicked()) {
            try {
                statistics.save(dataDirectory);
            } catch (java.io.IOException e) {
                org.woolly.utils.error.ServerLog.log(org.woolly.utils.error.Severity.LOG,
                        "could not write statistics file: " + e.getMessage());
            }
        }
    }

    @Override
    public void panic(SqlException error) {
        storage.panicState().panic(error);
    }

    @Override
    public boolean panicked() {
        return storage.panicState().panicked();
    }

    @Override
    public void addPanicListener(Consumer<SqlException> listener) {
        storage.panicState().addListener(listener);
    }

    @Override
    public void closeImmediately() {
        storage.shutdownImmediately();
    }
}
