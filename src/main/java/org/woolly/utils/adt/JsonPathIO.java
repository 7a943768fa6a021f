package org.woolly.utils.adt;

import java.nio.charset.StandardCharsets;

/**
 * Text and binary forms of {@code jsonpath} ({@code jsonpath_in}/{@code jsonpath_out}/
 * {@code jsonpath_recv}/{@code jsonpath_send} in {@code jsonpath.c}): a {@link JsonPath}, printed
 * in its canonical form; binary is version byte 1 followed by the text.
 */
final class JsonPathIO implements TypeIO {
    static final JsonPathIO INSTANCE = new JsonPathIO();

    /** {@code JSONPATH_VERSION} as jsonpath_send writes it. */
    private static final int VERSION = 1;

    private JsonPathIO() {}

    @Override
    public Object input(String text, int typmod, FormatSettings settings) {
        return JsonPath.parse(text);
    }

    @Override
    public String output(Object value, FormatSettings settings) {
        return value.toString();
    }

    @Override
    public Object receive(byte[] bytes, int offset, int length, int typmod, FormatSettings settings) {
        if (length < 1) {
            throw TypeErrors.binaryFormat("insufficient data left in message");
        }
        if (bytes[offset] != VERSION) {
            throw TypeErrors.binaryFormat("unsupported jsonpath version number: " + bytes[offset]);
        }
        return JsonPath.parse(new String(bytes, offset + 1, length - 1, StandardCharsets.UTF_8));
    }

    @Override
    public byte[] send(Object value, FormatSettings settings) {
        byte[] text = value.toString().getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[text.length + 1];
        out[0] = VERSION;
        System.arraycopy(text, 0, out, 1, text.length);
        return out;
    }
}
