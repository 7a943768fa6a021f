package org.woolly.utils.error;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The server log in PostgreSQL's stderr format
 * ({@code 2026-01-01 00:00:00.000 UTC [pid] LOG:  message}), counterpart of {@code elog.c}'s
 * {@code log_line_prefix = '%m [%p] '}. Other layers log through {@code java.util.logging}
 * under {@code org.woolly}; {@link #installJavaLoggingBridge()} routes those records here. A
 * backend thread binds its backend pid ({@link #bindProcessId}) so that every line it writes,
 * through either path, carries that pid as PostgreSQL's per-process lines do.
 */
public final class ServerLog {

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS 'UTC'").withZone(ZoneOffset.UTC);
    private static final long PROCESS_ID = ProcessHandle.current().pid();
    private static volatile PrintStream out = System.err;
    private static final ThreadLocal<Long> BOUND_PROCESS_ID = new ThreadLocal<>();

    private ServerLog() {}

    /** Sends the log elsewhere (the logging collector's file). */
    public static void redirect(PrintStream target) {
        out = target;
    }

    /** Makes this thread's lines carry {@code processId} (a backend's pid) until {@link #unbindProcessId()}. */
    public static void bindProcessId(long processId) {
        BOUND_PROCESS_ID.set(processId);
    }

    public static void unbindProcessId() {
        BOUND_PROCESS_ID.remove();
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
        line(severity.name(), processId, message, failure);
    }

    /**
     * An error as {@code elog.c}'s {@code send_message_to_server_log} writes it with the default
     * {@code log_error_verbosity}: the message (with {@code at character N} when it has a
     * position), then its DETAIL and HINT lines.
     */
    public static void report(SqlException error) {
        long processId = processId();
        String message = error.getMessage();
        if (error.position() > 0) {
            message += " at character " + error.position();
        }
        line(error.severity().name(), processId, message, null);
        if (error.detail() != null) {
            line("DETAIL", processId, error.detail(), null);
        }
        if (error.hint() != null) {
            line("HINT", processId, error.hint(), null);
        }
    }

    /** The {@code STATEMENT:} line that follows an error when {@code log_min_error_statement} asks for it. */
    public static void statement(String queryText) {
        line("STATEMENT", processId(), queryText, null);
    }

    private static void line(String label, long processId, String message, Throwable failure) {
        StringBuilder line = new StringBuilder(128);
        line.append(TIMESTAMP.format(Instant.now())).append(" [").append(processId).append("] ")
                .append(label).append(":  ").append(message);
        if (failure != null) {
            StringWriter trace = new StringWriter();
            failure.printStackTrace(new PrintWriter(trace));
            line.append(System.lineSeparator()).append(trace.toString().stripTrailing());
        }
        out.println(line);
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
