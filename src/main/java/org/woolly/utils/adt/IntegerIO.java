package org.woolly.utils.adt;

/**
 * Input and output of int2, int4, int8 and oid ({@code src/backend/utils/adt/int.c},
 * {@code int8.c}, {@code oid.c}; the scanner is {@code pg_strtoint32} in {@code numutils.c}).
 */
final class IntegerIO implements TypeIO {
    static final IntegerIO INT2 = new IntegerIO(2, "smallint");
    static final IntegerIO INT4 = new IntegerIO(4, "integer");
    static final IntegerIO INT8 = new IntegerIO(8, "bigint");
    static final IntegerIO OID = new IntegerIO(0, "oid");

    private final int width;
    private final String sqlName;

    private IntegerIO(int width, String sqlName) {
        this.width = width;
        this.sqlName = sqlName;
    }

    /** Scans an integer with optional sign and surrounding white space, within [min, max]. */
    static long parse(String text, long min, long max, String sqlName) {
        int length = text.length();
        int position = 0;
        while (position < length && TypeErrors.isSpace(text.charAt(position))) {
            position++;
        }
        boolean negative = false;
        if (position < length && (text.charAt(position) == '-' || text.charAt(position) == '+')) {
            negative = text.charAt(position) == '-';
            position++;
        }
        int digitsStart = position;
        long magnitude = 0;
        boolean overflow = false;
        while (position < length) {
            char c = text.charAt(position);
            if (c < '0' || c > '9') {
                break;
            }
            if (!overflow) {
                // accumulate negatively so that Long.MIN_VALUE is representable
                if (magnitude < (Long.MIN_VALUE + (c - '0')) / 10) {
                    overflow = true;
                } else {
                    magnitude = magnitude * 10 - (c - '0');
                }
            }
            position++;
        }
        if (position == digitsStart) {
            throw TypeErrors.invalidSyntax(sqlName, text);
        }
        while (position < length && TypeErrors.isSpace(text.charAt(position))) {
            position++;
        }
        if (position != length) {
            throw TypeErrors.invalidSyntax(sqlName, text);
        }
        if (overflow || (!negative && magnitude == Long.MIN_VALUE)) {
            throw TypeErrors.outOfRange(sqlName, text);
        }
        long value = negative ? magnitude : -magnitude;
        if (value < min || value > max) {
            throw TypeErrors.outOfRange(sqlName, text);
        }
        return value;
    }

    @Override
    public Object input(String text, int typmod, FormatSettings settings) {
        return switch (width) {
            case 2 -> (short) parse(text, Short.MIN_VALUE, Short.MAX_VALUE, sqlName);
            case 4 -> (int) parse(text, Integer.MIN_VALUE, Integer.MAX_VALUE, sqlName);
            case 8 -> parse(text, Long.MIN_VALUE, Long.MAX_VALUE, sqlName);
            default -> (int) parse(text, Integer.MIN_VALUE, 0xFFFFFFFFL, sqlName);
        };
    }

    @Override
    public String output(Object value, FormatSettings settings) {
        if (width == 0) {
            return Integer.toUnsignedString((Integer) value);
        }
        return value.toString();
    }

    @Override
    public Object receive(byte[] bytes, int offset, int length, int typmod, FormatSettings settings) {
        return switch (width) {
            case 2 -> {
                TypeErrors.checkBinaryLength(length, 2);
                yield TypeErrors.readShort(bytes, offset);
            }
            case 8 -> {
                TypeErrors.checkBinaryLength(length, 8);
                yield TypeErrors.readLong(bytes, offset);
            }
            default -> {
                TypeErrors.checkBinaryLength(length, 4);
                yield TypeErrors.readInt(bytes, offset);
            }
        };
    }

    @Override
    public byte[] send(Object value, FormatSettings settings) {
        return switch (width) {
            case 2 -> {
                byte[] bytes = new byte[2];
                TypeErrors.writeShort(bytes, 0, (Short) value);
                yield bytes;
            }
            case 8 -> {
                byte[] bytes = new byte[8];
                TypeErrors.writeLong(bytes, 0, (Long) value);
                yield bytes;
            }
            default -> {
                byte[] bytes = new byte[4];
                TypeErrors.writeInt(bytes, 0, (Integer) value);
                yield bytes;
            }
        };
    }
}
