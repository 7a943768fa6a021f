package org.woolly.utils.adt;

import java.nio.charset.StandardCharsets;

/**
 * Input and output of the string types text, varchar, bpchar, name, "char" and unknown
 * ({@code src/backend/utils/adt/varlena.c}, {@code varchar.c}, {@code name.c}, {@code char.c}).
 * Text travels as UTF-8 in the binary protocol (the only server encoding Woolly has).
 */
final class StringIO implements TypeIO {
    static final StringIO TEXT = new StringIO(TypeOids.TEXT);
    static final StringIO VARCHAR = new StringIO(TypeOids.VARCHAR);
    static final StringIO BPCHAR = new StringIO(TypeOids.BPCHAR);
    static final StringIO NAME = new StringIO(TypeOids.NAME);
    static final StringIO CHAR = new StringIO(TypeOids.CHAR);
    static final StringIO UNKNOWN = new StringIO(TypeOids.UNKNOWN);
    /** The C string of the I/O functions' arguments and results ({@code cstring_in}). */
    static final StringIO CSTRING = new StringIO(TypeOids.CSTRING);

    /** NAMEDATALEN - 1: the longest identifier in bytes. */
    static final int MAX_NAME_BYTES = 63;

    private final int typeOid;

    private StringIO(int typeOid) {
        this.typeOid = typeOid;
    }

    @Override
    public Object input(String text, int typmod, FormatSettings settings) {
        return switch (typeOid) {
            case TypeOids.VARCHAR -> TypeModifiers.applyVarchar(text, typmod, false);
            case TypeOids.BPCHAR -> TypeModifiers.applyBpchar(text, typmod, false);
            case TypeOids.NAME -> truncateName(text);
            case TypeOids.CHAR -> charInput(text);
            default -> text;
        };
    }

    static String truncateName(String text) {
        if (text.length() * 3 <= MAX_NAME_BYTES || text.getBytes(StandardCharsets.UTF_8).length <= MAX_NAME_BYTES) {
            return text;
        }
        int bytes = 0;
        int index = 0;
        while (index < text.length()) {
            int codePoint = text.codePointAt(index);
            int width = codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
            if (bytes + width > MAX_NAME_BYTES) {
                break;
            }
            bytes += width;
            index += Character.charCount(codePoint);
        }
        return text.substring(0, index);
    }

    private static String charInput(String text) {
        if (text.length() == 4 && text.charAt(0) == '\\' && isOctal(text.charAt(1)) && isOctal(text.charAt(2))
                && isOctal(text.charAt(3))) {
            int code = Integer.parseInt(text.substring(1), 8) & 0xFF;
            return code == 0 ? "" : String.valueOf((char) code);
        }
        if (text.isEmpty()) {
            return "";
        }
        return text.substring(0, Character.charCount(text.codePointAt(0)));
    }

    private static boolean isOctal(char c) {
        return c >= '0' && c <= '7';
    }

    @Override
    public String output(Object value, FormatSettings settings) {
        return (String) value;
    }

    @Override
    public Object receive(byte[] bytes, int offset, int length, int typmod, FormatSettings settings) {
        String text = new String(bytes, offset, length, StandardCharsets.UTF_8);
        if (typeOid == TypeOids.CHAR) {
            return length == 0 || bytes[offset] == 0 ? "" : String.valueOf((char) (bytes[offset] & 0xFF));
        }
        return input(text, typmod, settings);
    }

    @Override
    public byte[] send(Object value, FormatSettings settings) {
        return ((String) value).getBytes(StandardCharsets.UTF_8);
    }
}
