package org.woolly.postmaster;

import org.woolly.utils.error.Severity;

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
 * under {@code org.woolly}; {@link #installJavaLoggingBridge()} routes those records here.
 */
public final class ServerLog {

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS 'UTC'").withZone(ZoneOffset.UTC);
    private static final long PROCESS_ID = ProcessHandle.current().pid();
    private static volatile PrintStream out = System.err;

    private ServerLog() {}

    /** Sends the log elsewhere (the logging collector's file). */
    public static void redirect(PrintStream target) {
        out = target;
    }

    public static void log(Severity severity, String message) {
        log(severity, PROCESS_ID, message, null);
    }

    public static void log(Severity severity, long processId, String message, Throwable failure) {
        StringBuilder line = new StringBuilder(128);
        line.append(TIMESTAMP.format(Instant.now())).append(" [").append(processId).append("] ")
                .append(severity.name()).append(":  ").append(message);
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
            log(severity, PROCESS_ID, message, record.getThrown());
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
