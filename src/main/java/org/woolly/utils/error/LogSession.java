package org.woolly.utils.error;

import java.time.Instant;
import java.util.function.LongSupplier;

/**
 * What a backend's log lines say about its session: the values {@code log_line_prefix} escapes
 * and csvlog columns read from {@code MyProcPort}, {@code MyStartTime} and {@code MyProc} in
 * {@code elog.c}. A backend thread binds one with {@link ServerLog#bindSession}; its owner
 * fills the fields in as the session learns them (user and database after authentication,
 * the command tag per statement). Only the owning thread writes; other threads never read it.
 */
public final class LogSession {
    final long processId;
    final Instant start;
    final String remoteHost;
    /** Null for a Unix-domain socket connection. */
    final String remotePort;
    String user;
    String database;
    String applicationName;
    String commandTag = "";
    long lineNumber;
    int backendId;
    long localTransactionId;
    LongSupplier transactionId = () -> 0;

    /**
     * @param remoteHost the client's address, {@code [local]} for a Unix-domain socket
     * @param remotePort the client's port, null for a Unix-domain socket
     */
    public LogSession(long processId, Instant start, String remoteHost, String remotePort) {
        this.processId = processId;
        this.start = start;
        this.remoteHost = remoteHost;
        this.remotePort = remotePort;
    }

    /** After authentication ({@code %u}, {@code %d}, {@code %a}). */
    public void authenticated(String userName, String databaseName, String application) {
        this.user = userName;
        this.database = databaseName;
        this.applicationName = application;
    }

    public void applicationName(String application) {
        this.applicationName = application;
    }

    /** {@code %i}: what the backend runs now ({@code idle}, {@code SELECT}, ...). */
    public void commandTag(String tag) {
        this.commandTag = tag;
    }

    /** {@code %v}: the backend's id and its count of transactions ({@code backendId/localXID}). */
    public void virtualTransaction(int id, long localTransaction) {
        this.backendId = id;
        this.localTransactionId = localTransaction;
    }

    /** {@code %x}: the session's current transaction id, 0 when it has none. */
    public void transactionId(LongSupplier supplier) {
        this.transactionId = supplier;
    }

    public String user() {
        return user;
    }

    public String database() {
        return database;
    }

    public String remoteHost() {
        return remoteHost;
    }

    /** Null for a Unix-domain socket connection. */
    public String remotePort() {
        return remotePort;
    }

    public long processId() {
        return processId;
    }

    public Instant start() {
        return start;
    }

    /** {@code %c}: start time and pid in hexadecimal, as {@code log_line_prefix} prints the session id. */
    public String sessionId() {
        return Long.toHexString(start.getEpochSecond()) + "." + Long.toHexString(processId);
    }
}
