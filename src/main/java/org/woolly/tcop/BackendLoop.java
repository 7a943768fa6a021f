package org.woolly.tcop;

import org.woolly.nodes.parse.RawStatement;
import org.woolly.protocol.MessageBody;
import org.woolly.protocol.MessageReader;
import org.woolly.protocol.MessageTypes;
import org.woolly.protocol.MessageWriter;
import org.woolly.protocol.ResultColumn;
import org.woolly.protocol.TransactionStatus;
import org.woolly.utils.error.ServerLog;
import org.woolly.utils.error.Severity;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;
import org.woolly.utils.guc.SessionSettings;
import org.woolly.utils.misc.Interrupts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One backend's message loop after authentication: reads frontend messages and answers them
 * through the {@link SessionEngine}, counterpart of {@code PostgresMain} and
 * {@code exec_simple_query} in {@code src/backend/tcop/postgres.c}. The extended-protocol
 * messages are handled by {@link ExtendedQueryHandler}.
 *
 * <p>Errors: an ERROR is sent as ErrorResponse, the engine cleans up with
 * {@link SessionEngine#abortAfterError()}, and in extended mode messages are skipped until
 * Sync. A FATAL ends the loop. Anything that is not a {@link SqlException} becomes XX000 for the
 * client, with the stack trace only in the server log.
 *
 * <p>Notifications (LISTEN/NOTIFY) go out as NotificationResponse before a ReadyForQuery outside
 * a transaction and, while the backend is idle waiting for its client, at once from a short-lived
 * thread that takes {@link #processingLock} ({@code ProcessNotifyInterrupt} in {@code async.c}).
 *
 * <p>Termination from another thread ({@link #terminate(SqlException)}) waits until the
 * backend is between messages (it holds {@link #processingLock} while it works), then writes
 * the FATAL and lets the caller close the socket.
 */
public final class BackendLoop {

    private static final Logger LOG = Logger.getLogger(BackendLoop.class.getName());

    private final MessageReader reader;
    private final MessageWriter writer;
    private final SessionEngine engine;
    private final SessionSettings settings;
    private final Consumer<String> activity;
    private final ExtendedQueryHandler extended;
    private final ReentrantLock processingLock = new ReentrantLock();
    private final StatementTimer statementTimer;
    private volatile boolean terminated;
    /** Set (under processingLock) once the backend itself sent its last message: FATAL or PANIC. */
    private volatile boolean ended;
    /** The PANIC this backend ended with, for the postmaster to make sure the engine knows. */
    private volatile SqlException panic;
    /** Set by {@link #crash}: what the client is told instead of whatever error stops the statement. */
    private volatile SqlException crashNotice;
    private java.util.concurrent.ScheduledFuture<?> idleTimer;
    private volatile ClientReader clientReader;
    /** The simple Query message's string while it runs ({@code debug_query_string}). */
    private String simpleQueryText;
    /** This backend's pg_stat_activity entry, or null when the server keeps none. */
    private org.woolly.pgstat.BackendStatus status;
    /** Whether the last ReadyForQuery was outside a transaction (the next statement starts one). */
    private boolean idleOutsideTransaction = true;
    /**
     * Set (under processingLock) when the backend sent ReadyForQuery outside a transaction and
     * has taken no message since: notifications may then be sent at once ({@code DoingCommandRead}
     * with {@code ProcessNotifyInterrupt}).
     */
    private boolean idleForNotifications;
    /** Set (under processingLock) when {@link #run} returns: nothing more is sent. */
    private boolean loopEnded;
    /** A delivery thread has been started and has not yet taken processingLock. */
    private final java.util.concurrent.atomic.AtomicBoolean deliveryPending =
            new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * @param activity told what the backend is doing ("idle", "SELECT", "idle in transaction"),
     *                 for the thread name and pg_stat_activity
     */
    public BackendLoop(MessageReader reader, MessageWriter writer, SessionEngine engine, SessionSettings settings,
                       TypeIoLookup types, Consumer<String> activity) {
        this.reader = reader;
        this.writer = writer;
        this.engine = engine;
        this.settings = settings;
        this.activity = activity;
        this.statementTimer = new StatementTimer(engine);
        this.extended = new ExtendedQueryHandler(writer, engine, settings, types, activity, statementTimer);
    }

    /** Reports this backend's state and query to {@code status} (pg_stat_activity) from now on. */
    public void trackActivity(org.woolly.pgstat.BackendStatus backendStatus) {
        this.status = backendStatus;
        extended.trackActivity(this::reportActive);
    }

    /**
     * {@code pgstat_report_activity(STATE_RUNNING, text)}: the backend runs {@code text}; the
     * first statement after an idle ReadyForQuery starts the transaction (xact_start).
     */
    void reportActive(String text) {
        if (status == null) {
            return;
        }
        if (!settings.getBoolean("track_activities")) {
            status.reportDisabled();
            return;
        }
        if (idleOutsideTransaction) {
            idleOutsideTransaction = false;
            status.transactionStart(org.woolly.pgstat.BackendStatus.nowMicros());
        }
        status.reportActivity("active", text);
    }

    /** The state ReadyForQuery tells the client, with the session's transaction ids. */
    private void reportIdle(TransactionStatus transactionStatus, String state) {
        idleOutsideTransaction = transactionStatus == TransactionStatus.IDLE;
        if (status == null) {
            return;
        }
        if (!settings.getBoolean("track_activities")) {
            status.reportDisabled();
            return;
        }
        long[] ids = engine.transactionIds();
        status.transactionIds(ids[0] == 0 ? null : ids[0], ids[1] == 0 ? null : ids[1]);
        if (idleOutsideTransaction) {
            status.transactionStart(null);
        }
        status.reportActivity(state, null);
    }

    /** Runs until Terminate, end of stream, or a FATAL error. */
    public void run() throws IOException {
        Interrupts interrupts = engine.interrupts();
        if (interrupts != null) {
            Interrupts.bind(interrupts);
        }
        try {
            loop(interrupts);
        } finally {
            Interrupts.unbind();
            processingLock.lock();
            try {
                // the session closes after this: a late notification delivery must not touch it
                loopEnded = true;
            } finally {
                processingLock.unlock();
            }
        }
    }

    private void loop(Interrupts interrupts) throws IOException {
        ClientReader client = new ClientReader(reader);
        clientReader = client;
        extended.copyChannel(new CopyProtocol(writer, client));
        client.start(interrupts);
        engine.onNotificationsPending(this::notificationsPending);
        processingLock.lock();
        try {
            sendReadyForQuery();
        } finally {
            processingLock.unlock();
        }
        while (!terminated) {
            MessageReader.Message message;
            try {
                if (status != null) {
                    status.waitStart("Client", "ClientRead");
                }
                message = client.next();
            } catch (SqlException fatal) {
                processingLock.lock();
                try {
                    if (!ended && fatal.sqlState() == SqlState.CRASH_SHUTDOWN) {
                        // another backend crashed: quickdie's WARNING, whether the crash handler
                        // or this loop's interrupt gets here first
                        crashNotice = fatal.withSeverity(Severity.WARNING);
                        endWithCrashNotice();
                    } else if (!ended) {
                        ended = true;
                        sendReport(fatal.withSeverity(Severity.FATAL));
                        writer.flush();
                    }
                } finally {
                    processingLock.unlock();
                }
                return;
            }
            if (status != null) {
                status.waitEnd();
            }
            if (message == null) {
                return;
            }
            disarmIdleTimer();
            if (interrupts != null) {
                // a cancel that came while the backend was idle is dropped (DoingCommandRead in postgres.c)
                interrupts.clearCancel();
            }
            processingLock.lock();
            try {
                idleForNotifications = false;
                if (terminated) {
                    return;
                }
                if (!dispatch(message)) {
                    return;
                }
            } finally {
                processingLock.unlock();
            }
        }
    }

    /** Handles one message; false when the session must end. */
    private boolean dispatch(MessageReader.Message message) throws IOException {
        simpleQueryText = null;
        try {
            MessageBody body = new MessageBody(message.body());
            if (extended.ignoringTillSync() && message.type() != MessageTypes.SYNC
                    && message.type() != MessageTypes.TERMINATE) {
                return true;
            }
            switch (message.type()) {
                case MessageTypes.QUERY -> simpleQuery(body.readCString());
                case MessageTypes.PARSE, MessageTypes.BIND, MessageTypes.DESCRIBE, MessageTypes.EXECUTE,
                     MessageTypes.CLOSE -> extended.handle(message.type(), body);
                case MessageTypes.SYNC -> {
                    extended.sync();
                    sendReadyForQuery();
                }
                case MessageTypes.FLUSH -> writer.flush();
                case MessageTypes.TERMINATE -> {
                    return false;
                }
                case MessageTypes.COPY_DATA, MessageTypes.COPY_DONE, MessageTypes.COPY_FAIL -> {
                    // Outside COPY mode PostgreSQL ignores these, so a client's late copy data cannot desynchronize.
                }
                case MessageTypes.FUNCTION_CALL -> throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED,
                        "the fastpath function call protocol is not supported");
                default -> throw new SqlException(Severity.FATAL, SqlState.PROTOCOL_VIOLATION,
                        "invalid frontend message type " + (message.type() & 0xff), null, null, 0, null);
            }
            return true;
        } catch (SqlException raised) {
            SqlException error = statementTimer.explain(raised);
            boolean ownPanic = error.severity() == Severity.PANIC && error.sqlState() != SqlState.CRASH_SHUTDOWN;
            if (crashNotice != null && !ownPanic) {
                // Another backend's PANIC stopped this statement: quickdie's WARNING, then the end.
                endWithCrashNotice();
                return false;
            }
            logError(error, message.type());
            if (error.severity().compareTo(Severity.FATAL) >= 0) {
                ended = true;
                if (error.severity() == Severity.PANIC) {
                    panic = error;
                }
                sendReport(error);
                writer.flush();
                return false;
            }
            sendReport(error);
            engine.abortAfterError();
            // an error at Sync (a deferred check failing at the implicit commit) has no later Sync to wait for
            if (message.type() == MessageTypes.QUERY || message.type() == MessageTypes.SYNC) {
                sendReadyForQuery();
            } else {
                extended.startIgnoringTillSync();
            }
            return true;
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (RuntimeException | Error e) {
            if (crashNotice != null) {
                endWithCrashNotice();
                return false;
            }
            LOG.log(Level.SEVERE, "internal error in backend", e);
            logStatement(Severity.ERROR, message.type());
            sendReport(internalError(e));
            engine.abortAfterError();
            if (message.type() == MessageTypes.QUERY || message.type() == MessageTypes.SYNC) {
                sendReadyForQuery();
            } else {
                extended.startIgnoringTillSync();
            }
            return true;
        }
    }

    /**
     * The server log's lines for an error sent to the client ({@code EmitErrorReport}): the
     * error itself when {@code log_min_messages} lets it through, then, when its level reaches
     * {@code log_min_error_statement}, a {@code STATEMENT:} line with the text being run (the
     * whole string of a simple Query, the statement's text in the extended protocol).
     */
    private void logError(SqlException error, byte messageType) {
        String text = messageType == MessageTypes.QUERY ? simpleQueryText : extended.queryText();
        boolean withStatement = text != null && reaches(error.severity(), "log_min_error_statement");
        if (reaches(error.severity(), "log_min_messages")) {
            ServerLog.report(error, withStatement ? text : null);
        } else if (withStatement) {
            ServerLog.statement(text);
        }
    }

    private void logStatement(Severity severity, byte messageType) {
        String text = messageType == MessageTypes.QUERY ? simpleQueryText : extended.queryText();
        if (text != null && reaches(severity, "log_min_error_statement")) {
            ServerLog.statement(text);
        }
    }

    /**
     * Whether an error of {@code severity} is at or above the level a log_min_* parameter names,
     * in the server log's order ({@code is_log_level_output}: LOG ranks between ERROR and FATAL).
     */
    private boolean reaches(Severity severity, String parameter) {
        List<String> order = List.of("debug5", "debug4", "debug3", "debug2", "debug1", "info", "notice", "warning",
                "error", "log", "fatal", "panic");
        int threshold = order.indexOf(settings.getString(parameter).toLowerCase(Locale.ROOT));
        int level = order.indexOf(severity.name().toLowerCase(Locale.ROOT));
        return threshold >= 0 && level >= threshold;
    }

    /** {@code exec_simple_query}: every statement of the string, stopping at the first error. */
    private void simpleQuery(String queryString) throws IOException {
        simpleQueryText = queryString;
        extended.closeUnnamed();
        long started = System.nanoTime();
        List<RawStatement> statements = engine.parse(queryString);
        boolean logged = StatementLog.shouldLog(settings, statements);
        reportActive(queryString);
        if (logged) {
            StatementLog.logStatement(queryString);
        }
        if (statements.isEmpty()) {
            writer.emptyMessage(MessageTypes.EMPTY_QUERY_RESPONSE);
            sendReadyForQuery();
            return;
        }
        if (statements.size() > 1) {
            engine.beginImplicitBlock();
        }
        for (RawStatement statement : statements) {
            PreparedQuery query = engine.prepare(statement, queryString, new int[0]);
            activity.accept(query.commandName());
            statementTimer.start(settings.getInt("statement_timeout"));
            try (Portal portal = engine.bind(query, new Object[0])) {
                if (ExtendedQueryHandler.isCopy(query)) {
                    writer.commandComplete(portal.runCopy(extended.copyChannel()));
                    continue;
                }
                List<ResultColumn> columns = query.resultColumns();
                short[] formats = new short[columns.size()];
                if (query.returnsRows()) {
                    writer.rowDescription(columns, formats);
                }
                DataRowEncoder encoder = new DataRowEncoder(writer, columns, formats, extended.types(),
                        settings.formatSettings());
                String tag = portal.run(0, encoder);
                writer.commandComplete(tag);
            } finally {
                statementTimer.stop();
            }
            sendParameterChanges();
        }
        engine.finishImplicitTransaction();
        StatementLog.logDuration(settings, started, logged, "statement: " + queryString);
        sendReadyForQuery();
    }

    private void sendReadyForQuery() throws IOException {
        sendParameterChanges();
        TransactionStatus status = engine.transactionStatus();
        if (status == TransactionStatus.IDLE) {
            extended.closeAllPortals();
        }
        String state = switch (status) {
            case IDLE -> "idle";
            case IN_BLOCK -> "idle in transaction";
            case FAILED -> "idle in transaction (aborted)";
        };
        activity.accept(state);
        reportIdle(status, state);
        if (status == TransactionStatus.IDLE) {
            // what arrived during the transaction goes before ReadyForQuery, as PostgresMain does
            sendNotifications();
        }
        writer.readyForQuery(status);
        idleForNotifications = status == TransactionStatus.IDLE;
        armIdleTimer(status);
    }

    /** NotificationResponse for each notification that arrived; called with processingLock held, outside a transaction. */
    private void sendNotifications() throws IOException {
        for (org.woolly.commands.async.Notification notification : engine.takeNotifications()) {
            writer.notificationResponse(notification.senderPid(), notification.channel(), notification.payload());
        }
    }

    /**
     * Another backend committed notifications this one may listen for ({@code HandleNotifyInterrupt}).
     * Runs on that backend's thread, so it only starts a thread that waits for this backend to be
     * between messages and, if it is idle outside a transaction, sends them and flushes: the
     * client gets them without sending anything. A busy backend sends them before its next
     * ReadyForQuery instead.
     */
    private void notificationsPending() {
        if (!deliveryPending.compareAndSet(false, true)) {
            return;
        }
        Thread.ofVirtual().name("woolly: notify").start(() -> {
            processingLock.lock();
            try {
                deliveryPending.set(false);
                if (idleForNotifications && !loopEnded && !ended && !terminated) {
                    sendNotifications();
                    writer.flush();
                }
            } catch (IOException | UncheckedIOException e) {
                LOG.log(Level.FINE, "could not send notifications", e);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "could not read notifications", e);
            } finally {
                processingLock.unlock();
            }
        });
    }

    /**
     * idle_in_transaction_session_timeout (25P03) and idle_session_timeout (57P05): a backend
     * idle for too long is terminated; the client reader then ends its wait for the next message.
     */
    private void armIdleTimer(TransactionStatus status) {
        disarmIdleTimer();
        boolean inTransaction = status != TransactionStatus.IDLE;
        int timeoutMillis = settings.getInt(inTransaction ? "idle_in_transaction_session_timeout"
                : "idle_session_timeout");
        ClientReader client = clientReader;
        if (client != null) {
            client.watchWhileIdle(timeoutMillis > 0);
        }
        if (timeoutMillis <= 0 || client == null) {
            return;
        }
        SqlException fatal = inTransaction
                ? new SqlException(Severity.FATAL, SqlState.IDLE_IN_TRANSACTION_SESSION_TIMEOUT,
                "terminating connection due to idle-in-transaction timeout", null, null, 0, null)
                : new SqlException(Severity.FATAL, SqlState.IDLE_SESSION_TIMEOUT,
                "terminating connection due to idle-session timeout", null, null, 0, null);
        idleTimer = StatementTimer.scheduler().schedule(() -> {
            // A message that arrived meanwhile holds the lock: then the session is not idle after all.
            if (sendFatalBetweenMessages(fatal, 0)) {
                client.endWait();
            }
        }, timeoutMillis, TimeUnit.MILLISECONDS);
    }

    private void disarmIdleTimer() {
        if (idleTimer != null) {
            idleTimer.cancel(false);
            idleTimer = null;
        }
    }

    private void sendParameterChanges() throws IOException {
        for (Map.Entry<String, String> change : settings.takeReportChanges().entrySet()) {
            writer.parameterStatus(change.getKey(), change.getValue());
        }
    }

    private void sendReport(SqlException report) throws IOException {
        writer.discardPartialMessage();
        writer.report(MessageTypes.ERROR_RESPONSE, report);
    }

    /** Sends a NOTICE/WARNING/INFO unless client_min_messages filters it out. */
    public void notice(SqlException report) {
        if (!passesClientMinMessages(report.severity())) {
            return;
        }
        try {
            writer.report(MessageTypes.NOTICE_RESPONSE, report);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean passesClientMinMessages(Severity severity) {
        if (severity == Severity.INFO) {
            return true;
        }
        String minimum = settings.getString("client_min_messages").toUpperCase(Locale.ROOT);
        Severity threshold = minimum.startsWith("DEBUG") ? Severity.DEBUG : Severity.valueOf(minimum);
        return severity.compareTo(threshold) >= 0;
    }

    static SqlException internalError(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new SqlException(Severity.ERROR, SqlState.INTERNAL_ERROR, message, null, null, 0, null);
    }

    /**
     * Ends the session from another thread (fast shutdown, pg_terminate_backend): cancels the
     * running statement, waits up to {@code waitMillis} for the backend to reach a message
     * boundary and sends {@code fatal}. The caller closes the connection afterwards.
     */
    public void terminate(SqlException fatal, long waitMillis) {
        terminated = true;
        Interrupts interrupts = engine.interrupts();
        if (interrupts != null) {
            // the running statement, or its lock wait, ends with this FATAL itself (ProcDiePending)
            interrupts.raise(fatal);
        } else {
            engine.cancel();
        }
        sendFatalBetweenMessages(fatal, waitMillis);
    }

    /**
     * Ends the session because another backend crashed ({@code quickdie} in {@code postgres.c}):
     * stops the running statement, and at the next message boundary (or when the statement
     * fails, waiting at most {@code waitMillis}) sends {@code warning} (WARNING 57P02) as a
     * notice. Nothing is sent if the backend already sent its own FATAL or PANIC. The caller
     * closes the connection afterwards.
     */
    public void crash(SqlException warning, long waitMillis) {
        crashNotice = warning;
        terminated = true;
        engine.cancel();
        try {
            if (processingLock.tryLock(waitMillis, TimeUnit.MILLISECONDS)) {
                try {
                    if (!ended) {
                        endWithCrashNotice();
                    }
                } finally {
                    processingLock.unlock();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The PANIC this backend sent its client before it ended, or null. */
    public SqlException panic() {
        return panic;
    }

    /** Called with processingLock held. */
    private void endWithCrashNotice() {
        ended = true;
        try {
            writer.discardPartialMessage();
            writer.report(MessageTypes.NOTICE_RESPONSE, crashNotice);
            writer.flush();
        } catch (IOException e) {
            LOG.log(Level.FINE, "could not send the crash notice", e);
        }
    }

    /** Sends {@code fatal} if the backend reaches a message boundary in time; true if sent. */
    private boolean sendFatalBetweenMessages(SqlException fatal, long waitMillis) {
        try {
            if (processingLock.tryLock(waitMillis, TimeUnit.MILLISECONDS)) {
                try {
                    terminated = true;
                    if (ended) {
                        return false;
                    }
                    ended = true;
                    writer.discardPartialMessage();
                    writer.report(MessageTypes.ERROR_RESPONSE, fatal);
                    writer.flush();
                    return true;
                } finally {
                    processingLock.unlock();
                }
            }
        } catch (IOException e) {
            LOG.log(Level.FINE, "could not send termination message", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }
}
