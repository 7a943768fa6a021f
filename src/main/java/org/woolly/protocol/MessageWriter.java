package org.woolly.protocol;

import org.woolly.utils.error.SqlException;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Builds backend messages into one growing buffer and writes it to the client at
 * {@link #flush()} (ReadyForQuery, Flush) or when it passes {@link #FLUSH_THRESHOLD}
 * ({@code pq_beginmessage}/{@code pq_endmessage} in {@code src/backend/libpq/pqformat.c} with
 * {@code pqcomm.c}'s send buffer). Not thread-safe: one backend owns it.
 */
public final class MessageWriter {

    /** Bytes buffered before a message end pushes them to the socket. */
    public static final int FLUSH_THRESHOLD = 64 * 1024;

    private final OutputStream output;
    private byte[] buffer = new byte[16 * 1024];
    private int length;
    private int messageStart = -1;

    public MessageWriter(OutputStream output) {
        this.output = output;
    }

    /** Starts a message of the given type; its length is filled in by {@link #endMessage()}. */
    public MessageWriter beginMessage(byte type) {
        ensure(5);
        buffer[length++] = type;
        messageStart = length;
        length += 4;
        return this;
    }

    public void endMessage() throws IOException {
        int messageLength = length - messageStart;
        putInt32At(messageStart, messageLength);
        messageStart = -1;
        if (length >= FLUSH_THRESHOLD) {
            flush();
        }
    }

    public MessageWriter int8(int value) {
        ensure(1);
        buffer[length++] = (byte) value;
        return this;
    }

    public MessageWriter int16(int value) {
        ensure(2);
        buffer[length++] = (byte) (value >>> 8);
        buffer[length++] = (byte) value;
        return this;
    }

    public MessageWriter int32(int value) {
        ensure(4);
        putInt32At(length, value);
        length += 4;
        return this;
    }

    public MessageWriter int64(long value) {
        int32((int) (value >>> 32));
        return int32((int) value);
    }

    public MessageWriter bytes(byte[] value) {
        return bytes(value, 0, value.length);
    }

    public MessageWriter bytes(byte[] value, int offset, int count) {
        ensure(count);
        System.arraycopy(value, offset, buffer, length, count);
        length += count;
        return this;
    }

    /** A string as UTF-8 followed by NUL. */
    public MessageWriter cString(String value) {
        bytes(value.getBytes(StandardCharsets.UTF_8));
        return int8(0);
    }

    /** Reserves a 4-byte length slot and returns its offset, for values whose size is known only after encoding. */
    public int reserveInt32() {
        ensure(4);
        int at = length;
        length += 4;
        return at;
    }

    public int size() {
        return length;
    }

    public void patchInt32(int at, int value) {
        putInt32At(at, value);
    }

    /** Writes the buffered bytes to the client. */
    public void flush() throws IOException {
        if (length > 0) {
            output.write(buffer, 0, length);
            length = 0;
        }
        output.flush();
    }

    /** Discards everything buffered (after a failure halfway through a message). */
    public void discardPartialMessage() {
        if (messageStart >= 0) {
            length = messageStart - 1;
            messageStart = -1;
        }
    }

    private void putInt32At(int at, int value) {
        buffer[at] = (byte) (value >>> 24);
        buffer[at + 1] = (byte) (value >>> 16);
        buffer[at + 2] = (byte) (value >>> 8);
        buffer[at + 3] = (byte) value;
    }

    private void ensure(int extra) {
        if (length + extra > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + extra));
        }
    }

    // Whole messages.

    public void authentication(int code, byte[] data) throws IOException {
        beginMessage(MessageTypes.AUTHENTICATION).int32(code);
        if (data != null) {
            bytes(data);
        }
        endMessage();
    }

    /** AuthenticationSASL listing the mechanisms offered. */
    public void authenticationSasl(List<String> mechanisms) throws IOException {
        beginMessage(MessageTypes.AUTHENTICATION).int32(ProtocolCodes.AUTH_SASL);
        for (String mechanism : mechanisms) {
            cString(mechanism);
        }
        int8(0);
        endMessage();
    }

    public void parameterStatus(String name, String value) throws IOException {
        beginMessage(MessageTypes.PARAMETER_STATUS).cString(name).cString(value).endMessage();
    }

    public void backendKeyData(int processId, int secretKey) throws IOException {
        beginMessage(MessageTypes.BACKEND_KEY_DATA).int32(processId).int32(secretKey).endMessage();
    }

    /** NotificationResponse: the sending backend's process id, the channel and the payload. */
    public void notificationResponse(int processId, String channel, String payload) throws IOException {
        beginMessage(MessageTypes.NOTIFICATION_RESPONSE).int32(processId).cString(channel).cString(payload).endMessage();
    }

    public void readyForQuery(TransactionStatus status) throws IOException {
        beginMessage(MessageTypes.READY_FOR_QUERY).int8(status.indicator()).endMessage();
        flush();
    }

    public void commandComplete(String tag) throws IOException {
        beginMessage(MessageTypes.COMMAND_COMPLETE).cString(tag).endMessage();
    }

    public void emptyMessage(byte type) throws IOException {
        beginMessage(type).endMessage();
    }

    /** RowDescription with one format code per column ({@code formats} may be shorter: text). */
    public void rowDescription(List<ResultColumn> columns, short[] formats) throws IOException {
        beginMessage(MessageTypes.ROW_DESCRIPTION).int16(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            ResultColumn column = columns.get(i);
            cString(column.name()).int32(column.tableOid()).int16(column.columnNumber()).int32(column.typeOid())
                    .int16(column.typeLength()).int32(column.typeModifier())
                    .int16(i < formats.length ? formats[i] : ProtocolCodes.FORMAT_TEXT);
        }
        endMessage();
    }

    public void parameterDescription(int[] types) throws IOException {
        beginMessage(MessageTypes.PARAMETER_DESCRIPTION).int16(types.length);
        for (int type : types) {
            int32(type);
        }
        endMessage();
    }

    /** ErrorResponse or NoticeResponse with the fields PostgreSQL sends. */
    public void report(byte type, SqlException report) throws IOException {
        beginMessage(type);
        ErrorFields.write(this, report);
        endMessage();
    }
}
