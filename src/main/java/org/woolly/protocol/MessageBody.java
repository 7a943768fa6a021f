package org.woolly.protocol;

import org.woolly.utils.error.Severity;

import java.nio.charset.StandardCharsets;

/**
 * A cursor over one message body ({@code pq_getmsgint}, {@code pq_getmsgstring} in
 * {@code src/backend/libpq/pqformat.c}). Reading past the end is an 08P01 protocol violation
 * ("insufficient data left in message"), reported as ERROR as PostgreSQL does.
 */
public final class MessageBody {

    private final byte[] bytes;
    private int position;

    public MessageBody(byte[] bytes) {
        this.bytes = bytes;
    }

    public byte[] bytes() {
        return bytes;
    }

    public int position() {
        return position;
    }

    public int remaining() {
        return bytes.length - position;
    }

    public byte readByte() {
        require(1);
        return bytes[position++];
    }

    public short readInt16() {
        require(2);
        short value = (short) ((bytes[position] & 0xff) << 8 | bytes[position + 1] & 0xff);
        position += 2;
        return value;
    }

    public int readInt32() {
        require(4);
        int value = MessageReader.int32(bytes, position);
        position += 4;
        return value;
    }

    /** A NUL-terminated UTF-8 string. */
    public String readCString() {
        int end = position;
        while (end < bytes.length && bytes[end] != 0) {
            end++;
        }
        if (end >= bytes.length) {
            throw MessageReader.protocolViolation("invalid string in message").withSeverity(
                    Severity.ERROR);
        }
        String value = new String(bytes, position, end - position, StandardCharsets.UTF_8);
        position = end + 1;
        return value;
    }

    /** Skips {@code length} bytes and returns where they started. */
    public int skip(int length) {
        require(length);
        int start = position;
        position += length;
        return start;
    }

    /** The rest of the body as UTF-8 text. */
    public String readRemainingText() {
        String value = new String(bytes, position, bytes.length - position, StandardCharsets.UTF_8);
        position = bytes.length;
        return value;
    }

    /** Reports leftover bytes, as {@code pq_getmsgend} does. */
    public void expectEnd() {
        if (position != bytes.length) {
            throw MessageReader.protocolViolation("invalid message format").withSeverity(
                    Severity.ERROR);
        }
    }

    private void require(int length) {
        if (length < 0 || position + length > bytes.length) {
            throw MessageReader.protocolViolation("insufficient data left in message").withSeverity(
                    Severity.ERROR);
        }
    }
}
