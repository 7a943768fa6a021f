package org.woolly.utils.adt;

import java.nio.charset.StandardCharsets;

/**
 * Text and binary forms of {@code json} and {@code jsonb} ({@code json_in}/{@code json_out}/
 * {@code json_recv}/{@code json_send} in {@code json.c}, {@code jsonb_in}/... in {@code jsonb.c}).
 * json is its text as given, once the syntax is checked; jsonb is a {@link Jsonb}, printed
 * normalized. Binary: json is the text; jsonb is version byte 1 followed by the text.
 */
final class JsonIO implements TypeIO {
    static final JsonIO JSON = new JsonIO(false);
    static final JsonIO JSONB = new JsonIO(true);

    /** {@code jsonb_send}'s format version. */
    private static final int JSONB_VERSION = 1;

    private final boolean binary;

    private JsonIO(boolean binary) {
        this.binary = binary;
    }

    @Override
    public Object input(String text, int typmod, FormatSettings settings) {
        if (binary) {
            return Jsonb.parse(text);
        }
        JsonParser.validate(text);
        return text;
    }

    @Override
    public String output(Object value, FormatSettings settings) {
        return binary ? value.toString() : (String) value;
    }

    @Override
    public Object receive(byte[] bytes, int offset, int length, int typmod, FormatSettings settings) {
        if (!binary) {
            return input(new String(bytes, offset, length, StandardCharsets.UTF_8), typmod, settings);
        }
        if (length < 1) {
            throw TypeErrors.binaryFormat("insufficient data left in message");
        }
        if (bytes[offset] != JSONB_VERSION) {
            throw TypeErrors.binaryFormat("unsupported jsonb version number " + bytes[offset]);
        }
        return Jsonb.parse(new String(bytes, offset + 1, length - 1, StandardCharsets.UTF_8));
    }

    @Override
    public byte[] send(Object value, FormatSettings settings) {
        byte[] text = output(value, settings).getBytes(StandardCharsets.UTF_8);
        if (!binary) {
            return text;
        }
        byte[] out = new byte[text.length + 1];
        out[0] = JSONB_VERSION;
        System.arraycopy(text, 0, out, 1, text.length);
        return out;
    }
}
