package org.woolly.utils.adt;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * {@code encode(bytea, format)} and {@code decode(text, format)} of {@code encode.c}: the
 * {@code hex}, {@code base64} (MIME lines of 76 characters, whitespace ignored on input) and
 * {@code escape} formats.
 */
final class EncodeFunctions {
    private static final int LINE_LENGTH = 76;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private EncodeFunctions() {}

    static void register(BuiltinFunctions.Registry r) {
        r.function("encode", TypeOids.TEXT, (a, c) -> encode((byte[]) a[0], (String) a[1]), TypeOids.BYTEA,
                TypeOids.TEXT);
        r.function("decode", TypeOids.BYTEA, (a, c) -> decode((String) a[0], (String) a[1]), TypeOids.TEXT,
                TypeOids.TEXT);
    }

    private static SqlException unrecognized(String format) {
        return new SqlException(SqlState.INVALID_PARAMETER_VALUE, "unrecognized encoding: \"" + format + "\"");
    }

    static String encode(byte[] data, String format) {
        return switch (format.toLowerCase(Locale.ROOT)) {
            case "hex" -> {
                char[] out = new char[data.length * 2];
                for (int i = 0; i < data.length; i++) {
                    out[2 * i] = HEX[(data[i] >> 4) & 0xF];
                    out[2 * i + 1] = HEX[data[i] & 0xF];
                }
                yield new String(out);
            }
            case "base64" -> Base64.getMimeEncoder(LINE_LENGTH, new byte[] {'\n'}).encodeToString(data);
            case "escape" -> escape(data);
            default -> throw unrecognized(format);
        };
    }

    /** {@code esc_enc}: NUL and bytes with the high bit as \ooo, a backslash doubled. */
    private static String escape(byte[] data) {
        StringBuilder out = new StringBuilder(data.length);
        for (byte b : data) {
            int value = b & 0xFF;
            if (value == 0 || value >= 0x80) {
                out.append('\\').append((char) ('0' + (value >> 6))).append((char) ('0' + ((value >> 3) & 7)))
                        .append((char) ('0' + (value & 7)));
            } else if (value == '\\') {
                out.append("\\\\");
            } else {
                out.append((char) value);
            }
        }
        return out.toString();
    }

    static byte[] decode(String text, String format) {
        return switch (format.toLowerCase(Locale.ROOT)) {
            case "hex" -> hex(text);
            case "base64" -> base64(text);
            case "escape" -> (byte[]) ByteaIO.INSTANCE.input(text, -1, FormatSettings.DEFAULT);
            default -> throw unrecognized(format);
        };
    }

    /** {@code hex_decode}: pairs of digits, whitespace between pairs skipped. */
    private static byte[] hex(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() / 2);
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
                i++;
                continue;
            }
            int high = hexDigit(c);
            if (i + 1 >= text.length()) {
                throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "invalid hexadecimal data: odd number of digits");
            }
            out.write((high << 4) | hexDigit(text.charAt(i + 1)));
            i += 2;
        }
        return out.toByteArray();
    }

    private static int hexDigit(char c) {
        int value = c < 128 ? Character.digit(c, 16) : -1;
        if (value < 0) {
            throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "invalid hexadecimal digit: \"" + c + "\"");
        }
        return value;
    }

    /** {@code pg_base64_decode}: whitespace skipped, padding checked as PostgreSQL does. */
    private static byte[] base64(String text) {
        StringBuilder clean = new StringBuilder(text.length());
        int padding = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                continue;
            }
            if (c == '=') {
                padding++;
            } else if (padding > 0 || !(Character.isLetterOrDigit(c) && c < 128 || c == '+' || c == '/')) {
                throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, padding > 0 ? "unexpected \"=\" while decoding base64 sequence"
                        : "invalid symbol \"" + text.substring(i, i + Character.charCount(text.codePointAt(i)))
                        + "\" found while decoding base64 sequence");
            }
            clean.append(c);
        }
        if (clean.length() % 4 != 0 || padding > 2) {
            throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "invalid base64 end sequence")
                    .withHint("Input data is missing padding, is truncated, or is otherwise corrupted.");
        }
        return Base64.getDecoder().decode(clean.toString().getBytes(StandardCharsets.US_ASCII));
    }
}
