package org.woolly.utils.error;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The server log, counterpart of {@code elog.c}'s {@code send_message_to_server_log}: each
 * message becomes a line in the stderr format ({@code log_line_prefix}, default
 * {@code '%m [%p] '}, then {@code LOG:  message}) and/or a csvlog and a jsonlog record, as
 * {@code log_destination} says ({@link #configure}). Lines go to stderr, or, with
 * {@code logging_collector}, to the collector's {@link Sink} (the postmaster's syslogger
 * thread, which writes and rotates the files). csvlog and jsonlog without a collector fall
 * back to the stderr format, as in PostgreSQL.
 *
 * <p>Other layers log through {@code java.util.logging} under {@code org.woolly};
 * {@link #installJavaLoggingBridge()} routes those records here. A backend thread binds its
 * pid ({@link #bindProcessId}) and its session ({@link #bindSession}) so that every line it
 * writes carries them.
 */
public final class ServerLog {

    /** Where formatted lines go when the logging collector runs ({@code syslogger.c}'s pipe). */
    public interface Sink {
        /** Takes one line (no line terminator) for the file of {@code destination}'s format. */
        void write(LogDestination destination, String line);

        /** The file {@code destination}'s lines go to now, as current_logfiles names it; null if none. */
        default String currentFile(LogDestination destination) {
            return null;
        }

        /** Starts new files ({@code pg_rotate_logfile}). */
        default void rotate() {}
    }

    /** log_line_prefix and log_destination, as the postmaster last read them. */
    public record Settings(String linePrefix, boolean stderr, boolean csvlog, boolean jsonlog) {
        public static final Settings DEFAULT = new Settings("%m [%p] ", true, false, false);
    }

    /** The server's (the JVM's) start: {@code %s} and {@code %c} of lines outside a session. */
    static final Instant START = Instant.now();
    private static final long PROCESS_ID = ProcessHandle.current().pid();
    private static final ThreadLocal<Long> BOUND_PROCESS_ID = new ThreadLocal<>();
    private static final ThreadLocal<LogSession> BOUND_SESSION = new ThreadLocal<>();
    /** {@code %l} of lines outside a session. */
    private static final AtomicLong SERVER_LINES = new AtomicLong();
    private static volatile PrintStream out = System.err;
    private static volatile Settings settings = Settings.DEFAULT;
    private static volatile Sink sink;

    private ServerLog() {}

    /** Sends the stderr-format log elsewhere (tests capture it this way). */
    public static void redirect(PrintStream target) {
        out = target;
    }

    /** The format and destinations (log_line_prefix, log_destination). */
    public static void configure(Settings newSettings) {
        settings = newSettings;
    }

    public static Settings settings() {
        return settings;
    }

    /**
     * {@code pg_current_logfile}: the file the collector writes {@code destination}'s lines to,
     * relative to the data directory when inside it; null without a collector or that format.
     */
    public static String currentLogfile(LogDestination destination) {
        Sink collector = sink;
        return collector == null ? null : collector.currentFile(destination);
    }

    /** {@code pg_rotate_logfile}: false (and a WARNING) when no logging collector runs. */
    public static boolean rotateLogfile() {
        Sink collector = sink;
        if (collector == null) {
            log(Severity.WARNING, "rotation not possible because log collection not active");
            return false;
        }
        collector.rotate();
        return true;
    }

    /** Lines go to {@code collector} from now on; null: back to stderr. */
    public static void collectInto(Sink collector) {
        sink = collector;
    }

    /** Makes this thread's lines carry {@code processId} (a backend's pid) until {@link #unbindProcessId()}. */
    public static void bindProcessId(long processId) {
        BOUND_PROCESS_ID.set(processId);
    }

    public static void unbindProcessId() {
        BOUND_PROCESS_ID.remove();
        BOUND_SESSION.remove();
    }

    /** Makes this thread's lines carry {@code session}'s user, database, client, ... */
    public static void bindSession(LogSession session) {
        BOUND_SESSION.set(session);
    }

    /** The session bound to this thread, or null. */
    public static LogSession session() {
        return BOUND_SESSION.get();
    }

    /** The pid this thread's lines carry: its backend's, else the server's. */
    public static long processId() {
        Long bound = BOUND_PROCESS_ID.get();
        return bound == null ? PROCESS_ID : bound;
    }

    public static void log(Severity severity, String message) {
        log(severity, processId(), message, null);
    }

    public static void log(Severity severity, long processId, String message, Throwable failure) {
        if (failure != null) {
            StringWriter trace = new StringWriter();
            failure.printStackTrace(new PrintWriter(trace));
            message = message + System.lineSeparator() + trace.toString().stripTrailing();
        }
        emit(severity.name(), severity.compareTo(Severity.ERROR) >= 0 ? SqlState.INTERNAL_ERROR.code() : "00000",
                message, null, null, null, null, 0, processId);
    }

    /**
     * An error as {@code elog.c}'s {@code send_message_to_server_log} writes it with the default
     * {@code log_error_verbosity}: the message (with {@code at character N} when it has a
     * position), then its DETAIL, HINT and CONTEXT lines, then {@code STATEMENT:  text} when
     * {@code statement} is not null (log_min_error_statement reached).
     */
    public static void report(SqlException error, String statement) {
        emit(error.severity().name(), error.sqlState().code(), error.getMessage(), error.detail(), error.hint(),
                error.context(),
                statement, error.position(), processId());
    }

    /** {@link #report(SqlException, String)} without the statement. */
    public static void report(SqlException error) {
        report(error, null);
    }

    /** The {@code STATEMENT:} line alone, for an error whose own line log_min_messages filtered out. */
    public static void statement(String queryText) {
        emitLines(new LogEntry(Instant.now(), "STATEMENT", "00000", queryText, null, null, null, null, 0, processId(),
                backendType(), BOUND_SESSION.get()), true);
    }

    private static void emit(String label, String sqlState, String message, String detail, String hint, String context,
                             String query, int position, long processId) {
        LogEntry entry = new LogEntry(Instant.now(), label, sqlState, message, detail, hint, context, query, position,
                processId, backendType(), BOUND_SESSION.get());
        emitLines(entry, false);
    }

    private static void emitLines(LogEntry entry, boolean statementOnly) {
        Settings current = settings;
        Sink collector = sink;
        long lineNumber = entry.session() != null ? ++entry.session().lineNumber : SERVER_LINES.incrementAndGet();
        boolean structured = (current.csvlog() || current.jsonlog()) && collector != null;
        if (structured && !statementOnly) {
            if (current.csvlog()) {
                collector.write(LogDestination.CSVLOG, LogLineFormat.csv(entry, lineNumber));
            }
            if (current.jsonlog()) {
                collector.write(LogDestination.JSONLOG, JsonLogFormat.json(entry, lineNumber));
            }
        }
        if (!current.stderr() && structured) {
            return;
        }
        String prefix = LogLineFormat.prefix(current.linePrefix(), entry, lineNumber);
        StringBuilder text = new StringBuilder(128);
        text.append(prefix).append(entry.label()).append(":  ").append(entry.message());
        if (entry.queryPosition() > 0) {
            // csvlog and jsonlog keep the position in a column of its own
            text.append(" at character ").append(entry.queryPosition());
        }
        if (entry.detail() != null) {
            text.append(System.lineSeparator()).append(prefix).append("DETAIL:  ").append(entry.detail());
        }
        if (entry.hint() != null) {
            text.append(System.lineSeparator()).append(prefix).append("HINT:  ").append(entry.hint());
        }
        if (entry.context() != null) {
            text.append(System.lineSeparator()).append(prefix).append("CONTEXT:  ").append(entry.context());
        }
        if (entry.query() != null) {
            text.append(System.lineSeparator()).append(prefix).append("STATEMENT:  ").append(entry.query());
        }
        if (collector != null) {
            collector.write(LogDestination.STDERR, text.toString());
        } else {
            out.println(text);
        }
    }

    /** {@code %b} and csvlog's backend_type, from the thread's name ({@code woolly: checkpointer}). */
    private static String backendType() {
        if (BOUND_PROCESS_ID.get() != null) {
            return "client backend";
        }
        String name = Thread.currentThread().getName();
        if (name.startsWith("woolly: checkpointer")) {
            return "checkpointer";
        }
        if (name.startsWith("woolly: walwriter")) {
            return "walwriter";
        }
        if (name.startsWith("woolly: logger")) {
            return "logger";
        }
        return "postmaster";
    }

    /** Routes {@code org.woolly} java.util.logging records (INFO and above) to this log. */
    public static void installJavaLoggingBridge() {
        Logger root = Logger.getLogger("org.woolly");
        for (Handler handler : root.getHandlers()) {
            if (handler instanceof Bridge) {
                return;
            }
        }
        root.setUseParentHandlers(false);
        root.addHandler(new Bridge());
    }

    private static final class Bridge extends Handler {
        @Override
        public void publish(LogRecord record) {
            int level = record.getLevel().intValue();
            if (level < Level.INFO.intValue()) {
                return;
            }
            Severity severity = level >= Level.SEVERE.intValue() ? Severity.ERROR
                    : level >= Level.WARNING.intValue() ? Severity.WARNING : Severity.LOG;
            String message = record.getMessage();
            if (record.getParameters() != null && message != null) {
                message = java.text.MessageFormat.format(message, record.getParameters());
            }
            log(severity, processId(), message, record.getThrown());
        }

        @Override
        public void flush() {
            out.flush();
        }

        @Override
        public void close() {
            flush();
        }
    }
}
