package org.woolly.postmaster;

import org.woolly.utils.error.LogSession;
import org.woolly.utils.error.ServerLog;
import org.woolly.protocol.ClientAuthentication;
import org.woolly.protocol.HbaFile;
import org.woolly.protocol.MessageReader;
import org.woolly.protocol.MessageTypes;
import org.woolly.protocol.MessageWriter;
import org.woolly.protocol.ProtocolCodes;
import org.woolly.protocol.StartupOptions;
import org.woolly.protocol.StartupPacket;
import org.woolly.tcop.BackendLoop;
import org.woolly.tcop.Engine;
import org.woolly.catalog.RoleInfo;
import org.woolly.tcop.SessionEngine;
import org.woolly.tcop.TypeIoLookup;
import org.woolly.utils.error.Severity;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;
import org.woolly.utils.guc.GucSession;
import org.woolly.utils.guc.ServerConfiguration;
import org.woolly.utils.misc.Interrupts;
import org.woolly.utils.misc.SharedTimer;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * One client connection from accept to close, run on its own virtual thread: startup packet
 * (with SSL/GSS refusal and CancelRequest), connection limit, authentication, session start and
 * the backend loop. Counterpart of {@code BackendInitialize} and {@code BackendRun} in
 * {@code postmaster.c} and {@code InitPostgres} in {@code postinit.c}. A failure here ends only
 * this connection.
 *
 * <p>{@code authentication_timeout} bounds the startup packet and, again, the authentication
 * exchange (PostgreSQL's STARTUP_PACKET_TIMEOUT and the timeout of {@code PerformAuthentication}):
 * when it expires the socket is closed with nothing sent; only a timeout during authentication
 * is logged, as FATAL "canceling authentication due to timeout".
 */
final class BackendConnection implements Runnable {

    /** Shared by every postmaster in the JVM; its thread ends when no timeout is pending. */
    private static final ScheduledExecutorService TIMEOUTS = SharedTimer.create("woolly: authentication timeout");

    /**
     * What every connection shares, owned by the postmaster. {@code engine} gives the engine of
     * the moment (a new one after a crash restart); {@code recovering} is true while the
     * postmaster ends the backends after a PANIC and runs crash recovery.
     */
    record Shared(Supplier<ServerConfiguration> currentConfiguration, HbaFile hba, Supplier<Engine> engine,
                  TypeIoLookup types, BackendRegistry registry, BooleanSupplier shuttingDown,
                  BooleanSupplier recovering) {

        /** The configuration in force now (a reload replaces it). */
        ServerConfiguration configuration() {
            return currentConfiguration.get();
        }
    }

    private final Shared shared;
    private final SocketChannel channel;
    /** Null for a Unix-domain socket connection. */
    private final InetAddress clientAddress;
    private final String clientHost;
    /** The engine this backend's session runs on, fixed at session start. */
    private Engine engine;
    /** What this backend's log lines say about it; null until the startup packet is read. */
    private LogSession logSession;
    /** The session's settings once authentication began (log_disconnections is read from them). */
    private GucSession sessionSettings;
    /** This backend's pg_stat_activity entry; null until the session starts or without statistics. */
    private org.woolly.pgstat.BackendStatus status;
    private org.woolly.pgstat.ServerStatistics statisticsOfSession;
    /** How the session ended for pg_stat_database: null normal, sessions_fatal, sessions_abandoned, sessions_killed. */
    private volatile String sessionEnd;
    /** Set when authentication_timeout closed the socket. */
    private volatile boolean timedOut;

    BackendConnection(Shared shared, SocketChannel channel, InetAddress clientAddress, String clientHost) {
        this.shared = shared;
        this.channel = channel;
        this.clientAddress = clientAddress;
        this.clientHost = clientHost;
    }

    @Override
    public void run() {
        BackendRegistry.Backend backend = null;
        boolean bindInterrupts = Interrupts.current() == null;
        if (bindInterrupts) {
            Interrupts.bind(new Interrupts());
        }
        try (channel) {
            InputStream input = new BufferedInputStream(Channels.newInputStream(channel), 8192);
            OutputStream output = new BufferedOutputStream(Channels.newOutputStream(channel), 8192);
            MessageReader reader = new MessageReader(input);
            MessageWriter writer = new MessageWriter(output);
            StartupPacket.Startup startup;
            ScheduledFuture<?> startupTimeout = armTimeout();
            try {
                startup = readStartup(reader, output);
            } finally {
                startupTimeout.cancel(false);
            }
            if (startup == null) {
                return;
            }
            backend = shared.registry().register(channel);
            backend.interrupts = Interrupts.current();
            ServerLog.bindProcessId(backend.processId);
            logSession = new LogSession(backend.processId, java.time.Instant.now(),
                    clientAddress == null ? "[local]" : clientAddress.getHostAddress(), remotePort());
            ServerLog.bindSession(logSession);
            if (shared.configuration().getBoolean("log_connections")) {
                ServerLog.log(Severity.LOG, "connection received: host=" + logSession.remoteHost()
                        + (logSession.remotePort() == null ? "" : " port=" + logSession.remotePort()));
            }
            try {
                runSession(startup, backend, reader, writer);
            } catch (SqlException error) {
                if (sessionEnd == null) {
                    sessionEnd = "sessions_fatal";
                }
                reportFatal(writer, error, backend.processId);
                if (error.severity() == Severity.PANIC && engine != null) {
                    engine.panic(error);
                }
            } catch (RuntimeException | Error e) {
                // A failure outside the backend loop's own catch-all: still only this session ends.
                ServerLog.log(Severity.ERROR, backend.processId, "backend terminated by an internal error", e);
                reportFatal(writer, new SqlException(Severity.FATAL, SqlState.INTERNAL_ERROR,
                        e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), null, null, 0, null),
                        backend.processId);
            }
        } catch (EOFException | java.nio.channels.ClosedChannelException e) {
            // the client went away or fast shutdown closed the socket: nothing to tell anyone
            if (sessionEnd == null) {
                sessionEnd = "sessions_abandoned";
            }
            if (timedOut && backend != null && backend.session == null) {
                ServerLog.log(Severity.FATAL, "canceling authentication due to timeout");
            }
        } catch (IOException e) {
            if (!shared.shuttingDown().getAsBoolean()) {
                ServerLog.log(Severity.LOG, backend == null ? 0 : backend.processId,
                        "could not send data to client: " + e.getMessage(), null);
            }
        } catch (RuntimeException | Error e) {
            ServerLog.log(Severity.ERROR, backend == null ? 0 : backend.processId,
                    "backend terminated by an internal error", e);
        } finally {
            if (backend != null) {
                logDisconnection();
                endStatus(backend);
                SessionEngine session = backend.session;
                if (session != null) {
                    closeQuietly(session, backend.processId);
                }
                shared.registry().unregister(backend);
            }
            if (bindInterrupts) {
                Interrupts.unbind();
            }
            ServerLog.unbindProcessId();
        }
    }

    /**
     * The backend's pg_stat_activity entry ({@code pgstat_beinit}): registered from the start of
     * the session on, with what another session's pg_cancel_backend and pg_terminate_backend do
     * to it; the thread is bound to it so that lock waits below report their wait event.
     */
    private void trackStatus(BackendRegistry.Backend backend) {
        org.woolly.pgstat.ServerStatistics statistics = engine.statistics();
        if (statistics == null) {
            return;
        }
        String port = logSession.remotePort();
        status = new org.woolly.pgstat.BackendStatus(backend.processId, "client backend",
                clientAddress == null ? null : clientAddress.getHostAddress(),
                port == null ? -1 : Integer.parseInt(port), new org.woolly.pgstat.BackendStatus.Signals() {
                    @Override
                    public void cancel() {
                        SessionEngine session = backend.session;
                        if (session != null) {
                            session.cancel();
                        }
                    }

                    @Override
                    public void terminate() {
                        SqlException fatal = new SqlException(Severity.FATAL, SqlState.ADMIN_SHUTDOWN,
                                "terminating connection due to administrator command", null, null, 0, null);
                        sessionEnd = "sessions_killed";
                        backend.raiseInterrupt(fatal);
                        Thread.ofVirtual().name("woolly: terminate backend " + backend.processId).start(() -> {
                            BackendLoop target = backend.loop;
                            if (target != null) {
                                target.terminate(fatal, 2000);
                            }
                            backend.closeChannel();
                        });
                    }

                    @Override
                    public boolean awaitEnd(long millis) throws InterruptedException {
                        return backend.awaitEnd(millis);
                    }
                });
        statistics.activity().register(status);
        org.woolly.pgstat.BackendStatus.bind(status);
        statisticsOfSession = statistics;
    }

    /** Leaves pg_stat_activity and counts the session in its database's row ({@code pgstat_report_disconnect}). */
    private void endStatus(BackendRegistry.Backend backend) {
        if (status == null) {
            return;
        }
        statisticsOfSession.activity().unregister(status);
        org.woolly.pgstat.BackendStatus.unbind();
        SessionEngine session = backend.session;
        if (session != null && session.databaseOid() != 0) {
            double millis = java.time.Duration.between(logSession.start(), java.time.Instant.now()).toNanos() / 1e6;
            statisticsOfSession.databases().sessionEnded(session.databaseOid(), sessionEnd, millis);
        }
    }

    /** The client's TCP port, null for a Unix-domain socket. */
    private String remotePort() {
        try {
            if (channel.getRemoteAddress() instanceof java.net.InetSocketAddress remote) {
                return Integer.toString(remote.getPort());
            }
        } catch (IOException ignored) {
            // the client is gone already; the log line just has no port
        }
        return null;
    }

    /**
     * {@code log_disconnections} ({@code log_disconnections} in {@code postgres.c}): session
     * time as h:mm:ss.mmm, then user, database, host and port, for sessions that got as far as
     * authentication.
     */
    private void logDisconnection() {
        if (logSession == null || logSession.user() == null || sessionSettings == null
                || !sessionSettings.getBoolean("log_disconnections")) {
            return;
        }
        long millis = java.time.Duration.between(logSession.start(), java.time.Instant.now()).toMillis();
        ServerLog.log(Severity.LOG, String.format("disconnection: session time: %d:%02d:%02d.%03d user=%s database=%s "
                        + "host=%s%s", millis / 3_600_000, millis / 60_000 % 60, millis / 1000 % 60, millis % 1000,
                logSession.user(), logSession.database(), logSession.remoteHost(),
                logSession.remotePort() == null ? "" : " port=" + logSession.remotePort()));
    }

    /** Closes the socket after authentication_timeout unless cancelled first. */
    private ScheduledFuture<?> armTimeout() {
        return TIMEOUTS.schedule(() -> {
            timedOut = true;
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing is all we wanted
            }
        }, shared.configuration().getInt("authentication_timeout"), TimeUnit.SECONDS);
    }

    /**
     * Reads startup packets until a real Startup; null after a CancelRequest or a malformed
     * packet. SSLRequest and GSSENCRequest are answered 'N' once each; a repeated one is read as
     * a protocol version, which is refused (FATAL 0A000), as {@code ProcessStartupPacket} does. A
     * malformed packet is one LOG line (COMMERROR) and nothing to the client.
     */
    private StartupPacket.Startup readStartup(MessageReader reader, OutputStream output) throws IOException {
        boolean sslDone = false;
        boolean gssDone = false;
        while (true) {
            byte[] body;
            try {
                body = reader.readStartupPacket(sslDone || gssDone);
            } catch (SqlException framing) {
                ServerLog.log(Severity.LOG, framing.getMessage());
                return null;
            }
            if (body == null) {
                return null;
            }
            StartupPacket packet;
            try {
                packet = StartupPacket.parse(body);
                if (packet instanceof StartupPacket.SslRequest && sslDone) {
                    throw StartupPacket.unsupportedProtocol(ProtocolCodes.SSL_REQUEST_CODE);
                }
                if (packet instanceof StartupPacket.GssEncryptionRequest && gssDone) {
                    throw StartupPacket.unsupportedProtocol(ProtocolCodes.GSSENC_REQUEST_CODE);
                }
            } catch (SqlException error) {
                reportFatal(new MessageWriter(output), error.withSeverity(Severity.FATAL), ServerLog.processId());
                return null;
            }
            switch (packet) {
                case StartupPacket.SslRequest ignored -> {
                    sslDone = true;
                    output.write(ProtocolCodes.ENCRYPTION_REFUSED);
                    output.flush();
                }
                case StartupPacket.GssEncryptionRequest ignored -> {
                    gssDone = true;
                    output.write(ProtocolCodes.ENCRYPTION_REFUSED);
                    output.flush();
                }
                case StartupPacket.CancelRequest cancel -> {
                    shared.registry().cancel(cancel.processId(), cancel.secretKey());
                    return null;
                }
                case StartupPacket.Startup startup -> {
                    return startup;
                }
            }
        }
    }

    private void runSession(StartupPacket.Startup startup, BackendRegistry.Backend backend, MessageReader reader,
                            MessageWriter writer) throws IOException {
        if (shared.shuttingDown().getAsBoolean()) {
            throw fatal(SqlState.CANNOT_CONNECT_NOW, "the database system is shutting down");
        }
        if (shared.recovering().getAsBoolean()) {
            // canAcceptConnections' CAC_RECOVERY: backends are being ended after a crash, or recovery runs.
            throw fatal(SqlState.CANNOT_CONNECT_NOW, "the database system is in recovery mode");
        }
        engine = shared.engine().get();
        trackStatus(backend);
        ServerConfiguration configuration = shared.configuration();
        int maxConnections = configuration.getInt("max_connections");
        if (shared.registry().count() > maxConnections) {
            throw fatal(SqlState.TOO_MANY_CONNECTIONS, "sorry, too many clients already");
        }
        Map<String, String> parameters = startup.parameters();
        String user = parameters.get("user");
        if (user == null || user.isEmpty()) {
            throw fatal(SqlState.INVALID_AUTHORIZATION_SPECIFICATION,
                    "no PostgreSQL user name specified in startup packet");
        }
        String database = parameters.getOrDefault("database", user);
        if (database.isEmpty()) {
            database = user;
        }
        setThreadName(user, database, "authentication");
        GucSession settings = configuration.newSession();
        StartupOptions.apply(parameters, settings);
        RoleInfo role;
        ScheduledFuture<?> authenticationTimeout = armTimeout();
        try {
            role = new ClientAuthentication(engine, shared.hba())
                    .authenticate(reader, writer, clientAddress, user, database);
        } finally {
            authenticationTimeout.cancel(false);
        }
        int reserved = configuration.getInt("superuser_reserved_connections");
        if (!role.superuser() && shared.registry().count() > maxConnections - reserved) {
            throw fatal(SqlState.TOO_MANY_CONNECTIONS,
                    "remaining connection slots are reserved for non-replication superuser connections");
        }
        settings.setSessionUser(role.name(), role.superuser());
        sessionSettings = settings;
        String applicationName = parameters.get("application_name");
        logSession.authenticated(role.name(), database, settings.getString("application_name"));
        if (configuration.getBoolean("log_connections")) {
            ServerLog.log(Severity.LOG, "connection authorized: user=" + role.name() + " database=" + database
                    + (applicationName == null ? "" : " application_name=" + applicationName));
        }
        AtomicReference<BackendLoop> loopReference = new AtomicReference<>();
        String finalDatabase = database;
        if (backend.crashed) {
            throw fatal(SqlState.CANNOT_CONNECT_NOW, "the database system is in recovery mode");
        }
        SessionEngine session = engine.openSession(role, database, settings, report -> {
            BackendLoop loop = loopReference.get();
            if (loop != null) {
                loop.notice(report);
            }
        }, backend.processId);
        backend.session = session;
        if (status != null) {
            status.sessionStarted(session.databaseOid(), role.oid(), role.superuser(),
                    settings.getString("application_name"));
        }
        if (session.interrupts() != null) {
            // the backend loop binds the session's interrupts to this thread: terminations go there
            backend.interrupts = session.interrupts();
        }
        writer.authentication(ProtocolCodes.AUTH_OK, null);
        for (Map.Entry<String, String> parameter : settings.takeReportChanges().entrySet()) {
            writer.parameterStatus(parameter.getKey(), parameter.getValue());
        }
        writer.backendKeyData(backend.processId, backend.secretKey);
        BackendLoop loop = new BackendLoop(reader, writer, session, settings, shared.types(), activity -> {
            setThreadName(user, finalDatabase, activity);
            logSession.commandTag(activity);
            logSession.applicationName(settings.getString("application_name"));
            if (status != null) {
                status.applicationName(settings.getString("application_name"));
            }
            // Whatever bound the thread's interrupts (this class or the session), the postmaster reaches them.
            Interrupts current = Interrupts.current();
            if (current != null) {
                backend.interrupts = current;
            }
        });
        loopReference.set(loop);
        if (status != null) {
            loop.trackActivity(status);
        }
        backend.loop = loop;
        try {
            loop.run();
        } finally {
            SqlException panic = loop.panic();
            if (panic != null) {
                // The PANIC may come from code that did not enter the crash state itself.
                engine.panic(panic);
            }
        }
    }

    /** The thread's name and the process title {@code woolly ps} shows: PostgreSQL's ps display. */
    private void setThreadName(String user, String database, String activity) {
        String title = "woolly: " + user + " " + database + " " + clientHost + " " + activity;
        Thread.currentThread().setName(title);
        if (status != null) {
            status.processTitle(title);
        }
    }

    private static void reportFatal(MessageWriter writer, SqlException error, long processId) {
        SqlException fatal = error.severity().compareTo(Severity.FATAL) >= 0 ? error : error.withSeverity(Severity.FATAL);
        ServerLog.log(Severity.FATAL, processId, fatal.getMessage(), null);
        try {
            writer.discardPartialMessage();
            writer.report(MessageTypes.ERROR_RESPONSE, fatal);
            writer.flush();
        } catch (IOException ignored) {
            // the client is gone; the log has the message
        }
    }

    private void closeQuietly(SessionEngine session, int processId) {
        try {
            session.close();
        } catch (RuntimeException e) {
            if (!engine.panicked()) {
                // After a PANIC the abort cannot be written, and crash recovery rolls it back anyway.
                ServerLog.log(Severity.WARNING, processId, "error while closing session", e);
            }
        }
    }

    private static SqlException fatal(SqlState state, String message) {
        return new SqlException(Severity.FATAL, state, message, null, null, 0, null);
    }
}
