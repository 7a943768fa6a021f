package org.woolly.protocol;

import org.woolly.utils.error.Severity;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a client sends first: a protocol version with its parameters, or one of the special
 * requests (SSLRequest, GSSENCRequest, CancelRequest) that reuse the version field
 * ({@code ProcessStartupPacket} in {@code src/backend/postmaster/postmaster.c}).
 */
public sealed interface StartupPacket {

    record Startup(int protocolVersion, Map<String, String> parameters) implements StartupPacket {}

    record SslRequest() implements StartupPacket {}

    record GssEncryptionRequest() implements StartupPacket {}

    record CancelRequest(int processId, int secretKey) implements StartupPacket {}

    /**
     * FATAL 0A000 for a version this server does not speak; also what a second SSLRequest or
     * GSSENCRequest gets, whose request code is then read as a version, as PostgreSQL does.
     */
    public static SqlException unsupportedProtocol(int code) {
        return new SqlException(Severity.FATAL, SqlState.FEATURE_NOT_SUPPORTED, String.format(
                "unsupported frontend protocol %d.%d: server supports 3.0 to 3.0", code >>> 16, code & 0xffff),
                null, null, 0, null);
    }

    /** Decodes a startup packet body (after its length word). */
    public static StartupPacket parse(byte[] body) {
        MessageBody reader = new MessageBody(body);
        int code = reader.readInt32();
        switch (code) {
            case ProtocolCodes.SSL_REQUEST_CODE -> {
                return new SslRequest();
            }
            case ProtocolCodes.GSSENC_REQUEST_CODE -> {
                return new GssEncryptionRequest();
            }
            case ProtocolCodes.CANCEL_REQUEST_CODE -> {
                return new CancelRequest(reader.readInt32(), reader.readInt32());
            }
            default -> { }
        }
        if (code >>> 16 != 3) {
            throw unsupportedProtocol(code);
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        while (reader.remaining() > 0) {
            String name = reader.readCString();
            if (name.isEmpty()) {
                break;
            }
            parameters.put(name, reader.readCString());
        }
        return new Startup(code, parameters);
    }
}
