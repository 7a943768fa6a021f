package org.woolly.access.transam;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The server-log lines of start-up and crash recovery, worded as {@code StartupXLOG}
 * ({@code xlog.c}) and {@code PerformWalRecovery} ({@code xlogrecovery.c}) word them: how the
 * last run ended, "redo starts at", "redo done at" with its resource usage. LSNs print as
 * PostgreSQL's {@code %X/%X}. Written through {@code java.util.logging} at INFO, which the
 * server log shows as LOG.
 */
final class RecoveryLog {

    private static final System.Logger LOG = System.getLogger(RecoveryLog.class.getName());
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private final long startNanos = System.nanoTime();
    private final long startCpuNanos;
    private final long startUserNanos;

    private RecoveryLog() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        startCpuNanos = threads.getCurrentThreadCpuTime();
        startUserNanos = threads.getCurrentThreadUserTime();
    }

    /** Says how the control file says the last run ended; with a crash, that recovery begins. */
    static void startup(ControlFile control) {
        String at = TIME.format(Instant.ofEpochMilli(control.timeMillis()));
        log(switch (control.state()) {
            case SHUT_DOWN -> "database system was shut down at " + at;
            case SHUT_DOWN_IN_RECOVERY -> "database system was shut down in recovery at " + at;
            case SHUTTING_DOWN -> "database system shutdown was interrupted; last known up at " + at;
            case IN_CRASH_RECOVERY -> "database system was interrupted while in recovery at " + at;
            default -> "database system was interrupted; last known up at " + at;
        });
        if (control.state() != ControlFile.State.SHUT_DOWN) {
            log("database system was not properly shut down; automatic recovery in progress");
        }
    }

    /** Called with the first record replayed; the returned log says "redo done" at the end. */
    static RecoveryLog redoStarts(long lsn) {
        log("redo starts at " + lsn(lsn));
        return new RecoveryLog();
    }

    static void redoNotRequired() {
        log("redo is not required");
    }

    /** {@code lastRecord}: the start of the last record replayed. */
    void redoDone(long lastRecord) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double user = (threads.getCurrentThreadUserTime() - startUserNanos) / 1e9;
        double system = Math.max(0, threads.getCurrentThreadCpuTime() - startCpuNanos) / 1e9 - user;
        log(String.format(Locale.ROOT, "redo done at %s system usage: CPU: user: %.2f s, system: %.2f s, "
                + "elapsed: %.2f s", lsn(lastRecord), user, Math.max(0, system), (System.nanoTime() - startNanos) / 1e9));
    }

    /** PostgreSQL's LSN text: the high and low 32 bits in upper-case hex. */
    static String lsn(long lsn) {
        return String.format(Locale.ROOT, "%X/%X", lsn >>> 32, lsn & 0xffffffffL);
    }

    private static void log(String message) {
        LOG.log(System.Logger.Level.INFO, message);
    }
}
