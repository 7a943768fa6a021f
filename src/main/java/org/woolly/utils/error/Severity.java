package org.woolly.utils.error;

/**
 * Message severities as PostgreSQL sends them in the 'S' and 'V' fields
 * ({@code src/include/utils/elog.h}). ERROR aborts the statement (and the transaction block),
 * FATAL ends the session, PANIC makes the postmaster restart every backend.
 */
public enum Severity {
    DEBUG, LOG, INFO, NOTICE, WARNING, ERROR, FATAL, PANIC;

    /** The non-localized name sent in the 'V' field. */
    public String wireName() {
        return name();
    }
}
