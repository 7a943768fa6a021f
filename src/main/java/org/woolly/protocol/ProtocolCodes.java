package org.woolly.protocol;

/**
 * Numeric codes of the startup phase: protocol versions, special request codes sent in place
 * of a version, and the Authentication request subtypes ({@code src/include/libpq/pqcomm.h},
 * {@code src/include/libpq/protocol.h}).
 */
public final class ProtocolCodes {

    private ProtocolCodes() {}

    /** Protocol 3.0: major 3 in the high 16 bits, minor 0. */
    public static final int PROTOCOL_3_0 = 3 << 16;
    public static final int CANCEL_REQUEST_CODE = (1234 << 16) | 5678;
    public static final int SSL_REQUEST_CODE = (1234 << 16) | 5679;
    public static final int GSSENC_REQUEST_CODE = (1234 << 16) | 5680;

    /** The answer to SSLRequest and GSSENCRequest when the server does not offer them. */
    public static final byte ENCRYPTION_REFUSED = 'N';

    public static final int AUTH_OK = 0;
    public static final int AUTH_CLEARTEXT_PASSWORD = 3;
    public static final int AUTH_MD5_PASSWORD = 5;
    public static final int AUTH_SASL = 10;
    public static final int AUTH_SASL_CONTINUE = 11;
    public static final int AUTH_SASL_FINAL = 12;

    /** Largest message PostgreSQL accepts (its MaxAllocSize, 1 GB - 1). */
    public static final int MAXIMUM_MESSAGE_LENGTH = 0x3fffffff;
    /** Largest startup packet (PostgreSQL's MAX_STARTUP_PACKET_LENGTH). */
    public static final int MAXIMUM_STARTUP_PACKET_LENGTH = 10000;

    /** Format codes of Bind and RowDescription. */
    public static final short FORMAT_TEXT = 0;
    public static final short FORMAT_BINARY = 1;
}
