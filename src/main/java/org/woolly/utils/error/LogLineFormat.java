package org.woolly.utils.error;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The two line formats of the server log: the stderr format with its {@code log_line_prefix}
 * ({@code log_line_prefix} in {@code elog.c}) and csvlog's 26 columns ({@code write_csvlog} in
 * {@code csvlog.c}, PostgreSQL 15). Times are printed in UTC (Woolly's log_timezone).
 */
public final class LogLineFormat {
    static final DateTimeFormatter MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS 'UTC'").withZone(ZoneOffset.UTC);
    static final DateTimeFormatter SECONDS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private LogLineFormat() {}

    /**
     * Expands {@code prefix}'s escapes for {@code entry}: {@code %a %u %d %r %h %b %p %P %t %m %n
     * %i %e %c %l %s %v %x %q %%}, each with PostgreSQL's optional padding ({@code %-10u},
     * {@code %10u}). Session-only escapes print nothing outside a client backend; {@code %q}
     * ends the prefix there. An unknown escape prints nothing.
     */
    public static String prefix(String prefix, LogEntry entry, long lineNumber) {
        StringBuilder out = new StringBuilder(prefix.length() + 32);
        LogSession session = entry.session();
        for (int i = 0; i < prefix.length(); i++) {
            char c = prefix.charAt(i);
            if (c != '%' || i + 1 >= prefix.length()) {
                out.append(c);
                continue;
            }
            int j = i + 1;
            int padding = 0;
            boolean left = false;
            if (prefix.charAt(j) == '-') {
                left = true;
                j++;
            }
            while (j < prefix.length() && Character.isDigit(prefix.charAt(j))) {
                padding = padding * 10 + (prefix.charAt(j) - '0');
                j++;
            }
            if (j >= prefix.length()) {
                break;
            }
            char escape = prefix.charAt(j);
            i = j;
            if (escape == 'q') {
                if (session == null) {
                    break;
                }
                continue;
            }
            String value = escape(escape, entry, session, lineNumber);
            if (value == null) {
                value = "";
            }
            if (padding > value.length()) {
                String pad = " ".repeat(padding - value.length());
                value = left ? value + pad : pad + value;
            }
            out.append(value);
        }
        return out.toString();
    }

    private static String escape(char escape, LogEntry entry, LogSession session, long lineNumber) {
        return switch (escape) {
            case 'a' -> session == null ? null : orUnknown(session.applicationName);
            case 'u' -> session == null ? null : orUnknown(session.user);
            case 'd' -> session == null ? null : orUnknown(session.database);
            case 'b' -> entry.backendType();
            case 'r' -> session == null ? null
                    : session.remotePort == null ? session.remoteHost : session.remoteHost + "(" + session.remotePort + ")";
            case 'h' -> session == null ? null : session.remoteHost;
            case 'p' -> Long.toString(entry.processId());
            case 'P' -> null;
            case 't' -> SECONDS.format(entry.time());
            case 'm' -> MILLIS.format(entry.time());
            case 'n' -> epochWithMillis(entry.time());
            case 'i' -> session == null ? null : session.commandTag;
            case 'e' -> entry.sqlState();
            case 'c' -> session == null ? sessionId(ServerLog.START, entry.processId()) : session.sessionId();
            case 'l' -> Long.toString(lineNumber);
            case 's' -> SECONDS.format(session == null ? ServerLog.START : session.start);
            case 'v' -> session == null ? null : session.backendId + "/" + session.localTransactionId;
            case 'x' -> Long.toString(session == null ? 0 : session.transactionId.getAsLong());
            case 'Q' -> "0";
            case '%' -> "%";
            default -> null;
        };
    }

    /** What {@code log_line_prefix} prints for a session value not known yet (before authentication). */
    private static String orUnknown(String value) {
        return value == null || value.isEmpty() ? "[unknown]" : value;
    }

    static String sessionId(Instant start, long processId) {
        return Long.toHexString(start.getEpochSecond()) + "." + Long.toHexString(processId);
    }

    private static String epochWithMillis(Instant time) {
        long millis = time.toEpochMilli();
        return String.format("%d.%03d", Math.floorDiv(millis, 1000), Math.floorMod(millis, 1000));
    }

    /**
     * One csvlog record (PostgreSQL 15's columns): log_time, user_name, database_name,
     * process_id, connection_from, session_id, session_line_num, command_tag,
     * session_start_time, virtual_transaction_id, transaction_id, error_severity,
     * sql_state_code, message, detail, hint, internal_query, internal_query_pos, context, query,
     * query_pos, location, application_name, backend_type, leader_pid, query_id.
     */
    public static String csv(LogEntry entry, long lineNumber) {
        LogSession session = entry.session();
        StringBuilder out = new StringBuilder(160);
        out.append(MILLIS.format(entry.time())).append(',');
        literal(out, session == null ? null : session.user).append(',');
        literal(out, session == null ? null : session.database).append(',');
        out.append(entry.processId()).append(',');
        if (session != null && session.remoteHost != null) {
            out.append('"').append(session.remoteHost);
            if (session.remotePort != null) {
                out.append(':').append(session.remotePort);
            }
            out.append('"');
        }
        out.append(',');
        out.append(session == null ? sessionId(ServerLog.START, entry.processId()) : session.sessionId()).append(',');
        out.append(lineNumber).append(',');
        literal(out, session == null ? null : session.commandTag).append(',');
        out.append(SECONDS.format(session == null ? ServerLog.START : session.start)).append(',');
        if (session != null) {
            out.append(session.backendId).append('/').append(session.localTransactionId);
        }
        out.append(',');
        out.append(session == null ? 0 : session.transactionId.getAsLong()).append(',');
        out.append(entry.label()).append(',');
        out.append(entry.sqlState()).append(',');
        literal(out, entry.message()).append(',');
        literal(out, entry.detail()).append(',');
        literal(out, entry.hint()).append(',');
        out.append(",,");  // internal_query, internal_query_pos
        literal(out, entry.context()).append(',');
        literal(out, entry.query()).append(',');
        if (entry.query() != null && entry.queryPosition() > 0) {
            out.append(entry.queryPosition());
        }
        out.append(',');
        out.append(',');   // location (log_error_verbosity = verbose only)
        literal(out, session == null ? null : session.applicationName).append(',');
        literal(out, entry.backendType()).append(',');
        out.append(',');   // leader_pid: no parallel workers
        out.append('0');   // query_id: compute_query_id is off
        return out.toString();
    }

    private static StringBuilder literal(StringBuilder out, String value) {
        if (value != null) {
            out.append('"').append(value.replace("\"", "\"\"")).append('"');
        }
        return out;
    }
}
