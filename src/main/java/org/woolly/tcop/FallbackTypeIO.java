package org.woolly.tcop;

import org.woolly.utils.adt.FormatSettings;
import org.woolly.utils.adt.TypeIO;
import org.woolly.utils.adt.TypeOids;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Type I/O for the few representations the protocol layer can handle without the built-in type
 * table: integers, floats, booleans, text and bytea in text and binary form, anything else as
 * its text. Used for OIDs {@link org.woolly.utils.adt.BuiltinTypes} does not know, and by tests.
 */
public final class FallbackTypeIO implements TypeIO {

    private final int typeOid;

    public FallbackTypeIO(int typeOid) {
        this.typeOid = typeOid;
    }

    /** A lookup that answers every OID with a fallback codec. */
    public static TypeIoLookup lookup() {
        return FallbackTypeIO::new;
    }

    @Override
    public Object input(String text, int typmod, FormatSettings settings) {
        try {
            return switch (typeOid) {
                case TypeOids.INT2 -> Short.parseShort(text.trim());
                case TypeOids.INT4 -> Integer.parseInt(text.trim());
                case TypeOids.INT8 -> Long.parseLong(text.trim());
                case TypeOids.FLOAT4 -> Float.parseFloat(text.trim());
                case TypeOids.FLOAT8 -> Double.parseDouble(text.trim());
                case TypeOids.BOOL -> switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
                    case "t", "true", "y", "yes", "on", "1" -> Boolean.TRUE;
                    case "f", "false", "n", "no", "off", "0" -> Boolean.FALSE;
                    default -> throw invalid("boolean", text);
                };
                case TypeOids.BYTEA -> text.startsWith("\\x") ? HexFormat.of().parseHex(text.substring(2))
                        : text.getBytes(StandardCharsets.UTF_8);
                default -> text;
            };
        } catch (NumberFormatException e) {
            throw invalid(typeName(), text);
        }
    }

    @Override
    public String output(Object value, FormatSettings settings) {
        return switch (value) {
            case Boolean flag -> flag ? "t" : "f";
            case byte[] bytes -> "\\x" + HexFormat.of().formatHex(bytes);
            case Double number when number.isInfinite() -> number > 0 ? "Infinity" : "-Infinity";
            case Float number when number.isInfinite() -> number > 0 ? "Infinity" : "-Infinity";
            default -> value.toString();
        };
    }

    @Override
    public Object receive(byte[] bytes, int offset, int length, int typmod, FormatSettings settings) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
        int expected = switch (typeOid) {
            case TypeOids.INT2 -> 2;
            case TypeOids.INT4, TypeOids.FLOAT4 -> 4;
            case TypeOids.INT8, TypeOids.FLOAT8 -> 8;
            case TypeOids.BOOL -> 1;
            default -> length;
        };
        if (expected != length) {
            throw new SqlException(SqlState.INVALID_BINARY_REPRESENTATION,
                    "incorrect binary data format in bind parameter");
        }
        return switch (typeOid) {
            case TypeOids.INT2 -> buffer.getShort();
            case TypeOids.INT4 -> buffer.getInt();
            case TypeOids.INT8 -> buffer.getLong();
            case TypeOids.FLOAT4 -> buffer.getFloat();
            case TypeOids.FLOAT8 -> buffer.getDouble();
            case TypeOids.BOOL -> buffer.get() != 0;
            case TypeOids.BYTEA -> java.util.Arrays.copyOfRange(bytes, offset, offset + length);
            default -> new String(bytes, offset, length, StandardCharsets.UTF_8);
        };
    }

    @Override
    public byte[] send(Object value, FormatSettings settings) {
        return switch (value) {
            case Short number -> ByteBuffer.allocate(2).putShort(number).array();
            case Integer number -> ByteBuffer.allocate(4).putInt(number).array();
            case Long number -> ByteBuffer.allocate(8).putLong(number).array();
            case Float number -> ByteBuffer.allocate(4).putFloat(number).array();
            case Double number -> ByteBuffer.allocate(8).putDouble(number).array();
            case Boolean flag -> new byte[] {(byte) (flag ? 1 : 0)};
            case byte[] bytes -> bytes;
            default -> output(value, settings).getBytes(StandardCharsets.UTF_8);
        };
    }

    private String typeName() {
        return switch (typeOid) {
            case TypeOids.INT2 -> "smallint";
            case TypeOids.INT4 -> "integer";
            case TypeOids.INT8 -> "bigint";
            case TypeOids.FLOAT4 -> "real";
            case TypeOids.FLOAT8 -> "double precision";
            default -> "type " + typeOid;
        };
    }

    private static SqlException invalid(String type, String text) {
        return SqlException.of(SqlState.INVALID_TEXT_REPRESENTATION, "invalid input syntax for type %s: \"%s\"",
                type, text);
    }
}
