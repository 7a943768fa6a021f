package org.woolly.utils.error;

import java.time.Instant;

/**
 * One message for the server log ({@code ErrorData} as {@code send_message_to_server_log} sees
 * it). {@code label} is the severity word of the line (LOG, ERROR, ...); {@code query} is the
 * statement text when {@code log_min_error_statement} asks for it (a {@code STATEMENT:} line in
 * the stderr format, the {@code query} column in csvlog). {@code session} is null outside a
 * client backend.
 */
public record LogEntry(Instant time, String label, String sqlState, String message, String detail, String hint,
                       String context, String query, int queryPosition, long processId, String backendType,
                       LogSession session) {}
