package org.woolly.protocol;

/**
 * The type bytes of protocol v3 messages (PostgreSQL's {@code src/include/libpq/protocol.h},
 * "Message Formats" in the documentation). Frontend and backend share some letters with
 * different meanings, hence two groups.
 */
public final class MessageTypes {

    private MessageTypes() {}

    // Frontend (client to server).
    public static final byte BIND = 'B';
    public static final byte CLOSE = 'C';
    public static final byte DESCRIBE = 'D';
    public static final byte EXECUTE = 'E';
    public static final byte FUNCTION_CALL = 'F';
    public static final byte FLUSH = 'H';
    public static final byte PARSE = 'P';
    public static final byte QUERY = 'Q';
    public static final byte SYNC = 'S';
    public static final byte TERMINATE = 'X';
    public static final byte COPY_DATA = 'd';
    public static final byte COPY_DONE = 'c';
    public static final byte COPY_FAIL = 'f';
    /** PasswordMessage, SASLInitialResponse and SASLResponse share this byte. */
    public static final byte PASSWORD_MESSAGE = 'p';

    // Backend (server to client).
    public static final byte COPY_IN_RESPONSE = 'G';
    public static final byte COPY_OUT_RESPONSE = 'H';
    public static final byte AUTHENTICATION = 'R';
    public static final byte BACKEND_KEY_DATA = 'K';
    public static final byte BIND_COMPLETE = '2';
    public static final byte CLOSE_COMPLETE = '3';
    public static final byte COMMAND_COMPLETE = 'C';
    public static final byte DATA_ROW = 'D';
    public static final byte EMPTY_QUERY_RESPONSE = 'I';
    public static final byte ERROR_RESPONSE = 'E';
    public static final byte NO_DATA = 'n';
    public static final byte NOTICE_RESPONSE = 'N';
    public static final byte NOTIFICATION_RESPONSE = 'A';
    public static final byte PARAMETER_DESCRIPTION = 't';
    public static final byte PARAMETER_STATUS = 'S';
    public static final byte PARSE_COMPLETE = '1';
    public static final byte PORTAL_SUSPENDED = 's';
    public static final byte READY_FOR_QUERY = 'Z';
    public static final byte ROW_DESCRIPTION = 'T';

    // Describe and Close targets.
    public static final byte TARGET_STATEMENT = 'S';
    public static final byte TARGET_PORTAL = 'P';

    /** Whether {@code type} is a message a client may send after startup. */
    public static boolean isFrontendType(byte type) {
        return switch (type) {
            case BIND, CLOSE, DESCRIBE, EXECUTE, FUNCTION_CALL, FLUSH, PARSE, QUERY, SYNC, TERMINATE, COPY_DATA,
                 COPY_DONE, COPY_FAIL, PASSWORD_MESSAGE -> true;
            default -> false;
        };
    }
}
