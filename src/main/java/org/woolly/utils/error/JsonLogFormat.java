package org.woolly.utils.error;

/**
 * jsonlog's records ({@code write_jsonlog} in {@code jsonlog.c}, PostgreSQL 15): one JSON
 * object per line, keys in PostgreSQL's order, a key left out when its value is unknown (no
 * session, no SQLSTATE for a LOG line, no detail), numbers unquoted.
 */
public final class JsonLogFormat {
    private JsonLogFormat() {}

    public static String json(LogEntry entry, long lineNumber) {
        LogSession session = entry.session();
        StringBuilder out = new StringBuilder(256).append('{');
        string(out, "timestamp", LogLineFormat.MILLIS.format(entry.time()));
        if (session != null) {
            string(out, "user", session.user);
            string(out, "dbname", session.database);
        }
        number(out, "pid", entry.processId());
        if (session != null) {
            string(out, "remote_host", session.remoteHost);
            if (session.remotePort != null) {
                out.append(",\"remote_port\":").append(session.remotePort);
            }
        }
        string(out, "session_id", session == null ? LogLineFormat.sessionId(ServerLog.START, entry.processId())
                : session.sessionId());
        number(out, "line_num", lineNumber);
        if (session != null) {
            string(out, "ps", session.commandTag);
        }
        string(out, "session_start", LogLineFormat.SECONDS.format(session == null ? ServerLog.START : session.start));
        if (session != null) {
            string(out, "vxid", session.backendId + "/" + session.localTransactionId);
        }
        number(out, "txid", session == null ? 0 : session.transactionId.getAsLong());
        string(out, "error_severity", entry.label());
        if (!"00000".equals(entry.sqlState())) {
            string(out, "state_code", entry.sqlState());
        }
        string(out, "message", entry.message());
        string(out, "detail", entry.detail());
        string(out, "hint", entry.hint());
        string(out, "context", entry.context());
        string(out, "statement", entry.query());
        if (entry.queryPosition() > 0) {
            number(out, "cursor_position", entry.queryPosition());
        }
        if (session != null) {
            string(out, "application_name", session.applicationName);
        }
        string(out, "backend_type", entry.backendType());
        // leader_pid only for parallel workers, which Woolly has none of; compute_query_id is off
        number(out, "query_id", 0);
        return out.append('}').toString();
    }

    private static void number(StringBuilder out, String key, long value) {
        key(out, key).append(value);
    }

    private static void string(StringBuilder out, String key, String value) {
        if (value == null || value.isEmpty() && !key.equals("ps")) {
            return;
        }
        key(out, key);
        quote(out, value);
    }

    private static StringBuilder key(StringBuilder out, String key) {
        if (out.length() > 1) {
            out.append(',');
        }
        return out.append('"').append(key).append("\":");
    }

    /**
     * {@code escape_json}: the value in double quotes, quotes, backslashes and control characters
     * escaped; the json types write their strings with it too.
     */
    public static void quote(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < ' ') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
