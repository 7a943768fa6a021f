package org.woolly.utils.adt;

import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * Text and binary forms of {@code uuid} ({@code uuid_in}, {@code uuid_out}, {@code uuid_recv},
 * {@code uuid_send} in PostgreSQL's {@code uuid.c}): input takes 32 hex digits in either case,
 * optionally in braces, with a hyphen allowed after any group of four digits; the binary form is
 * the sixteen bytes.
 */
final class UuidIO implements TypeIO {
    static final UuidIO INSTANCE = new UuidIO();

    private UuidIO() {}

    @Override
    public Object input(String text, int typmod, FormatSettings settings) {
        return parse(text);
    }

    static Uuid parse(String text) {
        byte[] bytes = new byte[16];
        int at = 0;
        boolean braces = text.startsWith("{");
        if (braces) {
            at++;
        }
        for (int i = 0; i < 16; i++) {
            if (at + 1 >= text.length()) {
                throw invalid(text);
            }
            int high = Character.digit(text.charAt(at), 16);
            int low = Character.digit(text.charAt(at + 1), 16);
            if (high < 0 || low < 0 || text.charAt(at) > 0x7F || text.charAt(at + 1) > 0x7F) {
                throw invalid(text);
            }
            bytes[i] = (byte) (high << 4 | low);
            at += 2;
            if (at < text.length() && text.charAt(at) == '-' && i % 2 == 1 && i < 15) {
                at++;
            }
        }
        if (braces) {
            if (at >= text.length() || text.charAt(at) != '}') {
                throw invalid(text);
            }
            at++;
        }
        if (at != text.length()) {
            throw invalid(text);
        }
        return Uuid.of(bytes, 0);
    }

    private static SqlException invalid(String text) {
        return SqlException.of(SqlState.INVALID_TEXT_REPRESENTATION, "invalid input syntax for type %s: \"%s\"",
                "uuid", text);
    }

    @Override
    public String output(Object value, FormatSettings settings) {
        return value.toString();
    }

    @Override
    public Object receive(byte[] bytes, int offset, int length, int typmod, FormatSettings settings) {
        if (length != 16) {
            throw new SqlException(SqlState.INVALID_BINARY_REPRESENTATION, "insufficient data left in message");
        }
        return Uuid.of(bytes, offset);
    }

    @Override
    public byte[] send(Object value, FormatSettings settings) {
        return ((Uuid) value).bytes();
    }
}
