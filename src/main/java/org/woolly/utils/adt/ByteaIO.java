package org.woolly.utils.adt;

import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/** Input and output of bytea, hex and escape formats ({@code byteain}/{@code byteaout} in {@code varlena.c}). */
final class ByteaIO implements TypeIO {
    static final ByteaIO INSTANCE = new ByteaIO();
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    @Override
    public Object input(String text, int typmod, FormatSettings settings) {
        if (text.length() >= 2 && text.charAt(0) == '\\' && text.charAt(1) == 'x') {
            return hexInput(text);
        }
        return escapeInput(text);
    }

    private static byte[] hexInput(String text) {
        byte[] buffer = new byte[(text.length() - 2) / 2 + 1];
        int count = 0;
        int position = 2;
        int length = text.length();
        while (position < length) {
            char c = text.charAt(position);
            if (TypeErrors.isSpace(c)) {
                position++;
                continue;
            }
            int high = hexValue(c);
            if (position + 1 >= length) {
                throw new SqlException(SqlState.INVALID_PARAMETER_VALUE,
                        "invalid hexadecimal data: odd number of digits");
            }
            int low = hexValue(text.charAt(position + 1));
            buffer[count++] = (byte) ((high << 4) | low);
            position += 2;
        }
        return java.util.Arrays.copyOf(buffer, count);
    }

    private static int hexValue(char c) {
        int value = Character.digit(c, 16);
        if (value < 0 || c > 'f') {
            throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "invalid hexadecimal digit: \"" + c + "\"");
        }
        return value;
    }

    private static byte[] escapeInput(String text) {
        byte[] utf8 = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(utf8.length);
        int position = 0;
        while (position < utf8.length) {
            byte b = utf8[position];
            if (b != '\\') {
                out.write(b);
                position++;
                continue;
            }
            if (position + 1 < utf8.length && utf8[position + 1] == '\\') {
                out.write('\\');
                position += 2;
            } else if (position + 3 < utf8.length && utf8[position + 1] >= '0' && utf8[position + 1] <= '3'
                    && isOctal(utf8[position + 2]) && isOctal(utf8[position + 3])) {
                out.write(((utf8[position + 1] - '0') << 6) | ((utf8[position + 2] - '0') << 3)
                        | (utf8[position + 3] - '0'));
                position += 4;
            } else {
                throw new SqlException(SqlState.INVALID_TEXT_REPRESENTATION, "invalid input syntax for type bytea");
            }
        }
        return out.toByteArray();
    }

    private static boolean isOctal(byte b) {
        return b >= '0' && b <= '7';
    }

    @Override
    public String output(Object value, FormatSettings settings) {
        byte[] bytes = (byte[]) value;
        if (settings.byteaHex()) {
            char[] out = new char[2 + bytes.length * 2];
            out[0] = '\\';
            out[1] = 'x';
            for (int i = 0; i < bytes.length; i++) {
                out[2 + 2 * i] = HEX[(bytes[i] >> 4) & 0xF];
                out[3 + 2 * i] = HEX[bytes[i] & 0xF];
            }
            return new String(out);
        }
        StringBuilder out = new StringBuilder(bytes.length);
        for (byte b : bytes) {
            int unsigned = b & 0xFF;
            if (unsigned == '\\') {
                out.append("\\\\");
            } else if (unsigned < 0x20 || unsigned > 0x7E) {
                out.append('\\').append((char) ('0' + (unsigned >> 6))).append((char) ('0' + ((unsigned >> 3) & 7)))
                        .append((char) ('0' + (unsigned & 7)));
            } else {
                out.append((char) unsigned);
            }
        }
        return out.toString();
    }

    @Override
    public Object receive(byte[] bytes, int offset, int length, int typmod, FormatSettings settings) {
        return java.util.Arrays.copyOfRange(bytes, offset, offset + length);
    }

    @Override
    public byte[] send(Object value, FormatSettings settings) {
        return (byte[]) value;
    }
}
