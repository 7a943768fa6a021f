package org.woolly.protocol;

import org.woolly.utils.error.Severity;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads framed messages from a client: the untyped startup packet and typed messages
 * ({@code pq_getmessage} in {@code src/backend/libpq/pqcomm.c}). A bad length or an unknown
 * type is a FATAL 08P01: the connection cannot be resynchronized.
 */
public final class MessageReader {

    /** One message: its type byte and its body (without type and length). */
    public record Message(byte type, byte[] body) {}

    private final InputStream input;
    private final byte[] header = new byte[5];

    public MessageReader(InputStream input) {
        this.input = input;
    }

    /**
     * Reads a startup-phase packet (length-prefixed, no type byte); null at a clean end of
     * stream. As {@code ProcessStartupPacket}: a bad length is 08P01 "invalid length of startup
     * packet", a stream that ends inside the packet 08P01 "incomplete startup packet", except that
     * after an SSL or GSS answer ({@code negotiated}) a client that hangs up inside the length
     * word is taken as one that did not like the answer: null, nothing to report.
     */
    public byte[] readStartupPacket(boolean negotiated) throws IOException {
        if (!readFully(header, 0, 1, true)) {
            return null;
        }
        if (!readFully(header, 1, 3, true)) {
            if (negotiated) {
                return null;
            }
            throw protocolViolation("incomplete startup packet");
        }
        int length = int32(header, 0);
        if (length < 8 || length > ProtocolCodes.MAXIMUM_STARTUP_PACKET_LENGTH) {
            throw protocolViolation("invalid length of startup packet");
        }
        byte[] body = new byte[length - 4];
        if (!readFully(body, 0, body.length, true)) {
            throw protocolViolation("incomplete startup packet");
        }
        return body;
    }

    /** Reads one typed message; null at a clean end of stream between messages. */
    public Message readMessage() throws IOException {
        if (!readFully(header, 0, 1, true)) {
            return null;
        }
        byte type = header[0];
        if (!MessageTypes.isFrontendType(type)) {
            throw protocolViolation("invalid frontend message type " + (type & 0xff));
        }
        readFully(header, 1, 4, false);
        int length = int32(header, 1);
        if (length < 4 || length > ProtocolCodes.MAXIMUM_MESSAGE_LENGTH) {
            throw protocolViolation("invalid message length");
        }
        byte[] body = new byte[length - 4];
        readFully(body, 0, body.length, false);
        return new Message(type, body);
    }

    /** Reads exactly {@code length} bytes; false if the stream ended before them and that is allowed. */
    private boolean readFully(byte[] target, int offset, int length, boolean endAllowed) throws IOException {
        int done = 0;
        while (done < length) {
            int read = input.read(target, offset + done, length - done);
            if (read < 0) {
                if (endAllowed) {
                    return false;
                }
                throw new EOFException("unexpected EOF on client connection");
            }
            done += read;
        }
        return true;
    }

    static int int32(byte[] bytes, int offset) {
        return (bytes[offset] & 0xff) << 24 | (bytes[offset + 1] & 0xff) << 16 | (bytes[offset + 2] & 0xff) << 8
                | bytes[offset + 3] & 0xff;
    }

    public static SqlException protocolViolation(String message) {
        return new SqlException(Severity.FATAL, SqlState.PROTOCOL_VIOLATION, message, null, null, 0, null);
    }
}
