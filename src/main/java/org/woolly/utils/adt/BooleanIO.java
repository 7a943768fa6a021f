package org.woolly.utils.adt;

/** {@code boolin}/{@code boolout}/{@code boolrecv}/{@code boolsend} ({@code src/backend/utils/adt/bool.c}). */
final class BooleanIO implements TypeIO {
    static final BooleanIO INSTANCE = new BooleanIO();

    /** Parses PostgreSQL's boolean spellings; null when the text is none of them. */
    static Boolean parse(String raw) {
        String text = TypeErrors.trimSpaces(raw).toLowerCase(java.util.Locale.ROOT);
        int length = text.length();
        if (length == 0) {
            return null;
        }
        switch (text.charAt(0)) {
            case 't':
                return "true".startsWith(text) ? Boolean.TRUE : null;
            case 'f':
                return "false".startsWith(text) ? Boolean.FALSE : null;
            case 'y':
                return "yes".startsWith(text) ? Boolean.TRUE : null;
            case 'n':
                return "no".startsWith(text) ? Boolean.FALSE : null;
            case 'o':
                if (length >= 2 && "on".startsWith(text)) {
                    return Boolean.TRUE;
                }
                return length >= 2 && "off".startsWith(text) ? Boolean.FALSE : null;
            case '1':
                return length == 1 ? Boolean.TRUE : null;
            case '0':
                return length == 1 ? Boolean.FALSE : null;
            default:
                return null;
        }
    }

    @Override
    public Object input(String text, int typmod, FormatSettings settings) {
        Boolean value = parse(text);
        if (value == null) {
            throw TypeErrors.invalidSyntax("boolean", text);
        }
        return value;
    }

    @Override
    public String output(Object value, FormatSettings settings) {
        return (Boolean) value ? "t" : "f";
    }

    @Override
    public Object receive(byte[] bytes, int offset, int length, int typmod, FormatSettings settings) {
        TypeErrors.checkBinaryLength(length, 1);
        return bytes[offset] != 0;
    }

    @Override
    public byte[] send(Object value, FormatSettings settings) {
        return new byte[] {(byte) ((Boolean) value ? 1 : 0)};
    }
}
