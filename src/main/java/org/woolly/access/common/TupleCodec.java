package org.woolly.access.common;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.woolly.utils.adt.Interval;
import org.woolly.utils.adt.NumericSpecial;
import org.woolly.utils.adt.TypeOids;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * Forms and deforms tuple bodies: the counterpart of {@code heap_form_tuple} and
 * {@code heap_deform_tuple} in {@code src/backend/access/common/heaptuple.c}. The layout is
 * described in this package's README.md.
 */
public final class TupleCodec {
    /** Set in the attribute-count word when a null bitmap follows it ({@code HEAP_HASNULL}). */
    static final int HAS_NULLS = 0x8000;
    static final int ATTRIBUTE_COUNT_MASK = 0x7FFF;
    /** Largest total (header included) that fits a one-byte varlena header. */
    static final int SHORT_VARLENA_MAX = 127;
    static final short NUMERIC_NAN = -1;
    static final short NUMERIC_POSITIVE_INFINITY = -2;
    static final short NUMERIC_NEGATIVE_INFINITY = -3;
    static final int NAME_LENGTH = 64;
    /** Low bits of a 4-byte varlena header whose data is compressed ({@code VARATT_IS_4B_C}). */
    static final int COMPRESSED_FLAG = 0x02;

    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private TupleCodec() {}

    /** Largest tuple, header included, that a page holds ({@code MaxHeapTupleSize}). */
    static final int MAXIMUM_TUPLE_SIZE = org.woolly.storage.page.Page.SIZE - org.woolly.storage.page.Page.HEADER_SIZE
            - org.woolly.storage.page.Page.LINE_POINTER_SIZE;

    /** Encodes {@code values} (Java representations per {@link org.woolly.utils.adt.PgType}; null = SQL NULL). */
    public static byte[] encode(TupleDescriptor descriptor, Object[] values) {
        return encode(descriptor, values, null);
    }

    /**
     * Encodes {@code values}, with {@code toaster} (null: none) compressing or moving out of line
     * the variable-length values of a tuple too long for its page.
     */
    public static byte[] encode(TupleDescriptor descriptor, Object[] values, Toaster toaster) {
        int count = descriptor.size();
        if (values.length != count) {
            throw new SqlException(SqlState.INTERNAL_ERROR,
                    "tuple has " + values.length + " values for " + count + " attributes");
        }
        if (count > ATTRIBUTE_COUNT_MASK) {
            throw new SqlException(SqlState.TOO_MANY_COLUMNS, "number of columns (" + count + ") exceeds limit ("
                    + ATTRIBUTE_COUNT_MASK + ")");
        }
        boolean hasNulls = false;
        for (Object value : values) {
            if (value == null) {
                hasNulls = true;
                break;
            }
        }
        byte[][] stored = new byte[count][];
        byte[] forms = new byte[count];
        for (int i = 0; i < count; i++) {
            if (values[i] != null && descriptor.get(i).length() <= 0) {
                stored[i] = varlenaPayload(descriptor.get(i).typeOid(), values[i]);
            }
        }
        if (toaster != null) {
            toaster.toast(descriptor, values, stored, forms, hasNulls);
        }
        byte[] body = new byte[size(descriptor, values, stored, forms, hasNulls)];
        SHORT.set(body, 0, (short) (count | (hasNulls ? HAS_NULLS : 0)));
        int offset = 2;
        if (hasNulls) {
            for (int i = 0; i < count; i++) {
                if (values[i] != null) {
                    body[2 + (i >> 3)] |= (byte) (1 << (i & 7));
                }
            }
            offset += (count + 7) / 8;
        }
        for (int i = 0; i < count; i++) {
            Object value = values[i];
            if (value == null) {
                continue;
            }
            Attribute attribute = descriptor.get(i);
            if (attribute.length() > 0) {
                offset = align(offset, attribute.align());
                writeFixed(body, offset, attribute, value);
                offset += attribute.length();
                continue;
            }
            byte[] payload = stored[i];
            switch (forms[i]) {
                case Toaster.EXTERNAL -> {
                    body[offset] = 1;
                    body[offset + 1] = Toaster.VARTAG_ONDISK;
                    System.arraycopy(payload, 0, body, offset + 2, payload.length);
                    offset += 2 + payload.length;
                }
                case Toaster.COMPRESSED -> {
                    offset = align(offset, 'i');
                    INT.set(body, offset, ((payload.length + 4) << 2) | COMPRESSED_FLAG);
                    System.arraycopy(payload, 0, body, offset + 4, payload.length);
                    offset += payload.length + 4;
                }
                default -> {
                    if (payload.length + 1 <= SHORT_VARLENA_MAX) {
                        body[offset] = (byte) (((payload.length + 1) << 1) | 1);
                        System.arraycopy(payload, 0, body, offset + 1, payload.length);
                        offset += payload.length + 1;
                    } else {
                        offset = align(offset, 'i');
                        INT.set(body, offset, (payload.length + 4) << 2);
                        System.arraycopy(payload, 0, body, offset + 4, payload.length);
                        offset += payload.length + 4;
                    }
                }
            }
        }
        return body;
    }

    /** The length of the body {@link #encode} writes with these stored forms ({@code heap_compute_data_size}). */
    static int size(TupleDescriptor descriptor, Object[] values, byte[][] stored, byte[] forms, boolean hasNulls) {
        int count = descriptor.size();
        long size = 2 + (hasNulls ? (count + 7) / 8 : 0);
        for (int i = 0; i < count; i++) {
            if (values[i] == null) {
                continue;
            }
            Attribute attribute = descriptor.get(i);
            if (attribute.length() > 0) {
                size = align((int) size, attribute.align()) + attribute.length();
            } else if (forms[i] == Toaster.EXTERNAL) {
                size += Toaster.EXTERNAL_DATUM_SIZE;
            } else if (forms[i] == Toaster.PLAIN && stored[i].length + 1 <= SHORT_VARLENA_MAX) {
                size += stored[i].length + 1;
            } else {
                size = align((int) size, 'i') + 4L + stored[i].length;
            }
            if (size > Integer.MAX_VALUE - 8) {
                throw new SqlException(SqlState.PROGRAM_LIMIT_EXCEEDED, "row is too big: size " + size
                        + ", maximum size " + MAXIMUM_TUPLE_SIZE);
            }
        }
        return (int) size;
    }

    /** Decodes a body; attributes beyond those stored in the body come back as NULL. */
    public static Object[] decode(TupleDescriptor descriptor, byte[] body) {
        return decode(descriptor, body, null);
    }

    /**
     * Decodes only the attributes set in {@code needed} (null: all), the others left null: the
     * walk stops after the last needed one and skips the values before it by length, as
     * {@code slot_getsomeattrs} deforms up to the highest attribute a plan reads.
     */
    public static Object[] decode(TupleDescriptor descriptor, byte[] body, java.util.BitSet needed) {
        return decode(descriptor, body, 0, needed);
    }

    /**
     * As {@link #decode(TupleDescriptor, byte[], java.util.BitSet)} for a body that starts at
     * {@code base} in {@code data} (a tuple left in its page). Alignment is relative to the
     * body's start, as it was when the body was formed.
     */
    public static Object[] decode(TupleDescriptor descriptor, byte[] data, int base, java.util.BitSet needed) {
        return decode(descriptor, data, base, needed, null);
    }

    /**
     * As {@link #decode(TupleDescriptor, byte[], int, java.util.BitSet)}, reading values stored
     * out of line from {@code toast} (compressed ones are decompressed either way): the values
     * come back detoasted ({@code detoast_attr}).
     */
    public static Object[] decode(TupleDescriptor descriptor, byte[] data, int base, java.util.BitSet needed,
                                  ToastStore toast) {
        int count = descriptor.size();
        Object[] values = new Object[count];
        int header = (short) SHORT.get(data, base) & 0xFFFF;
        int stored = Math.min(header & ATTRIBUTE_COUNT_MASK, needed == null ? count : Math.min(count, needed.length()));
        boolean hasNulls = (header & HAS_NULLS) != 0;
        int offset = 2;
        if (hasNulls) {
            offset += ((header & ATTRIBUTE_COUNT_MASK) + 7) / 8;
        }
        for (int i = 0; i < stored; i++) {
            if (hasNulls && (data[base + 2 + (i >> 3)] & (1 << (i & 7))) == 0) {
                continue;
            }
            Attribute attribute = descriptor.get(i);
            int length = attribute.length();
            if (length > 0) {
                offset = align(offset, attribute.align());
                if (needed == null || needed.get(i)) {
                    values[i] = readFixed(data, base + offset, attribute);
                }
                offset += length;
            } else {
                int payloadStart;
                int payloadLength;
                byte form = Toaster.PLAIN;
                if (data[base + offset] == 1) {
                    form = Toaster.EXTERNAL;
                    payloadLength = Toaster.POINTER_SIZE;
                    payloadStart = offset + 2;
                } else if ((data[base + offset] & 1) != 0) {
                    payloadLength = ((data[base + offset] & 0xFF) >>> 1) - 1;
                    payloadStart = offset + 1;
                } else {
                    offset = align(offset, 'i');
                    int word = (int) INT.get(data, base + offset);
                    if ((word & 3) == COMPRESSED_FLAG) {
                        form = Toaster.COMPRESSED;
                    }
                    payloadLength = (word >>> 2) - 4;
                    payloadStart = offset + 4;
                }
                if (needed == null || needed.get(i)) {
                    if (form == Toaster.PLAIN) {
                        values[i] = readVarlena(attribute.typeOid(), data, base + payloadStart, payloadLength);
                    } else {
                        byte[] raw = form == Toaster.EXTERNAL ? Toaster.fetch(data, base + payloadStart, toast)
                                : Toaster.decompress(data, base + payloadStart, payloadLength);
                        values[i] = readVarlena(attribute.typeOid(), raw, 0, raw.length);
                    }
                }
                offset = payloadStart + payloadLength;
            }
        }
        return values;
    }

    /**
     * The TOAST pointers of the values a body stores out of line, in attribute order: what
     * {@code toast_delete} removes when the row goes.
     */
    public static java.util.List<Toaster.ExternalPointer> externalPointers(TupleDescriptor descriptor, byte[] body) {
        java.util.List<Toaster.ExternalPointer> pointers = new java.util.ArrayList<>();
        int header = (short) SHORT.get(body, 0) & 0xFFFF;
        int stored = Math.min(header & ATTRIBUTE_COUNT_MASK, descriptor.size());
        boolean hasNulls = (header & HAS_NULLS) != 0;
        int offset = 2 + (hasNulls ? ((header & ATTRIBUTE_COUNT_MASK) + 7) / 8 : 0);
        for (int i = 0; i < stored; i++) {
            if (hasNulls && (body[2 + (i >> 3)] & (1 << (i & 7))) == 0) {
                continue;
            }
            Attribute attribute = descriptor.get(i);
            if (attribute.length() > 0) {
                offset = align(offset, attribute.align()) + attribute.length();
            } else if (body[offset] == 1) {
                pointers.add(Toaster.ExternalPointer.read(body, offset + 2));
                offset += Toaster.EXTERNAL_DATUM_SIZE;
            } else if ((body[offset] & 1) != 0) {
                offset += (body[offset] & 0xFF) >>> 1;
            } else {
                offset = align(offset, 'i');
                offset += (int) INT.get(body, offset) >>> 2;
            }
        }
        return pointers;
    }

    /**
     * How many attributes the body stores (its {@code HeapTupleHeaderGetNatts}); a relation that
     * gained columns later has more, which read as their missing value or NULL.
     */
    public static int storedAttributeCount(byte[] body) {
        return ((short) SHORT.get(body, 0)) & ATTRIBUTE_COUNT_MASK;
    }

    static int align(int offset, char align) {
        return switch (align) {
            case 's' -> (offset + 1) & ~1;
            case 'i' -> (offset + 3) & ~3;
            case 'd' -> (offset + 7) & ~7;
            default -> offset;
        };
    }

    private static void writeFixed(byte[] body, int offset, Attribute attribute, Object value) {
        switch (attribute.typeOid()) {
            case TypeOids.BOOL -> body[offset] = (byte) ((Boolean) value ? 1 : 0);
            case TypeOids.CHAR -> {
                String text = (String) value;
                body[offset] = text.isEmpty() ? 0 : (byte) text.charAt(0);
            }
            case TypeOids.INT2 -> SHORT.set(body, offset, (Short) value);
            case TypeOids.FLOAT4 -> INT.set(body, offset, Float.floatToRawIntBits((Float) value));
            case TypeOids.FLOAT8 -> LONG.set(body, offset, Double.doubleToRawLongBits((Double) value));
            case TypeOids.INTERVAL -> {
                Interval interval = (Interval) value;
                LONG.set(body, offset, interval.microseconds());
                INT.set(body, offset + 8, interval.days());
                INT.set(body, offset + 12, interval.months());
            }
            case TypeOids.UUID -> System.arraycopy(((org.woolly.utils.adt.Uuid) value).bytes(), 0, body, offset, 16);
            case TypeOids.NAME -> {
                byte[] bytes = ((String) value).getBytes(StandardCharsets.UTF_8);
                System.arraycopy(bytes, 0, body, offset, Math.min(bytes.length, NAME_LENGTH - 1));
            }
            default -> {
                if (value instanceof org.woolly.utils.adt.Geometry geometry) {
                    byte[] bytes = geometry.binary();
                    System.arraycopy(bytes, 0, body, offset, bytes.length);
                    return;
                }
                switch (attribute.length()) {
                    case 1 -> body[offset] = ((Number) value).byteValue();
                    case 2 -> SHORT.set(body, offset, ((Number) value).shortValue());
                    case 4 -> INT.set(body, offset, ((Number) value).intValue());
                    case 8 -> LONG.set(body, offset, ((Number) value).longValue());
                    default -> throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED,
                            "cannot store values of type " + attribute.typeOid() + " in a tuple");
                }
            }
        }
    }

    private static Object readFixed(byte[] body, int offset, Attribute attribute) {
        return switch (attribute.typeOid()) {
            case TypeOids.BOOL -> body[offset] != 0;
            case TypeOids.CHAR -> body[offset] == 0 ? "" : String.valueOf((char) (body[offset] & 0xFF));
            case TypeOids.INT2 -> (short) SHORT.get(body, offset);
            case TypeOids.INT4, TypeOids.OID, TypeOids.DATE -> (int) INT.get(body, offset);
            case TypeOids.INT8, TypeOids.TIMESTAMP, TypeOids.TIMESTAMPTZ, TypeOids.TIME -> (long) LONG.get(body, offset);
            case TypeOids.FLOAT4 -> Float.intBitsToFloat((int) INT.get(body, offset));
            case TypeOids.FLOAT8 -> Double.longBitsToDouble((long) LONG.get(body, offset));
            case TypeOids.INTERVAL -> new Interval((int) INT.get(body, offset + 12), (int) INT.get(body, offset + 8),
                    (long) LONG.get(body, offset));
            case TypeOids.UUID -> org.woolly.utils.adt.Uuid.of(body, offset);
            case TypeOids.NAME -> {
                int end = offset;
                while (end < offset + NAME_LENGTH - 1 && body[end] != 0) {
                    end++;
                }
                yield new String(body, offset, end - offset, StandardCharsets.UTF_8);
            }
            default -> org.woolly.utils.adt.Geometry.isGeometric(attribute.typeOid())
                    ? org.woolly.utils.adt.Geometry.fromBinary(attribute.typeOid(), body, offset, attribute.length())
                    : switch (attribute.length()) {
                case 1 -> body[offset];
                case 2 -> (short) SHORT.get(body, offset);
                case 4 -> (int) INT.get(body, offset);
                case 8 -> (long) LONG.get(body, offset);
                // a dropped column (atttypid 0): its bytes are skipped by length, the value is never used
                default -> attribute.typeOid() == 0 ? java.util.Arrays.copyOfRange(body, offset, offset + attribute.length())
                        : throwUnreadable(attribute);
            };
        };
    }

    private static Object throwUnreadable(Attribute attribute) {
        throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED,
                "cannot read values of type " + attribute.typeOid() + " from a tuple");
    }

    private static byte[] varlenaPayload(int typeOid, Object value) {
        return switch (value) {
            case String text -> text.getBytes(StandardCharsets.UTF_8);
            case byte[] bytes -> bytes;
            case org.woolly.utils.adt.BitString bits -> bitStringPayload(bits);
            case org.woolly.utils.adt.ArrayValue array -> org.woolly.utils.adt.ArrayIO.encode(array,
                    org.woolly.utils.adt.FormatSettings.DEFAULT);
            case BigDecimal decimal -> numericPayload(decimal);
            case org.woolly.utils.adt.Geometry geometry -> geometry.binary();
            // jsonb is stored as its normalized text (PostgreSQL stores its binary container format)
            case org.woolly.utils.adt.Jsonb jsonb -> jsonb.toString().getBytes(StandardCharsets.UTF_8);
            case org.woolly.utils.adt.RangeValue range -> org.woolly.utils.adt.RangeIO.encode(range);
            case org.woolly.utils.adt.MultirangeValue multirange -> org.woolly.utils.adt.RangeIO.encode(multirange);
            case org.woolly.utils.adt.RecordValue record -> org.woolly.utils.adt.RecordIO.encode(record,
                    org.woolly.utils.adt.FormatSettings.DEFAULT);
            case NumericSpecial special -> {
                byte[] payload = new byte[2];
                short code = switch (special) {
                    case NAN -> NUMERIC_NAN;
                    case POSITIVE_INFINITY -> NUMERIC_POSITIVE_INFINITY;
                    case NEGATIVE_INFINITY -> NUMERIC_NEGATIVE_INFINITY;
                };
                SHORT.set(payload, 0, code);
                yield payload;
            }
            default -> throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED,
                    "cannot store values of type " + typeOid + " in a tuple");
        };
    }

    /** Bit-string payload, as PostgreSQL's {@code VarBit}: int32 length in bits, then the packed bits. */
    private static byte[] bitStringPayload(org.woolly.utils.adt.BitString bits) {
        byte[] packed = bits.bytes();
        byte[] payload = new byte[4 + packed.length];
        INT.set(payload, 0, bits.length());
        System.arraycopy(packed, 0, payload, 4, packed.length);
        return payload;
    }

    /** Numeric payload: int16 scale, then the unscaled value's two's-complement bytes. */
    private static byte[] numericPayload(BigDecimal decimal) {
        BigDecimal normalized = decimal.scale() < 0 ? decimal.setScale(0) : decimal;
        byte[] unscaled = normalized.unscaledValue().toByteArray();
        byte[] payload = new byte[2 + unscaled.length];
        SHORT.set(payload, 0, (short) normalized.scale());
        System.arraycopy(unscaled, 0, payload, 2, unscaled.length);
        return payload;
    }

    private static Object readVarlena(int typeOid, byte[] body, int start, int length) {
        if (typeOid == 0) {
            // a dropped column (atttypid 0): skipped by its length, its value never used
            return null;
        }
        return switch (typeOid) {
            case TypeOids.BYTEA -> java.util.Arrays.copyOfRange(body, start, start + length);
            case TypeOids.BIT, TypeOids.VARBIT -> org.woolly.utils.adt.BitString.of((int) INT.get(body, start),
                    java.util.Arrays.copyOfRange(body, start + 4, start + length));
            case TypeOids.NUMERIC -> {
                short scale = (short) SHORT.get(body, start);
                yield switch (scale) {
                    case NUMERIC_NAN -> NumericSpecial.NAN;
                    case NUMERIC_POSITIVE_INFINITY -> NumericSpecial.POSITIVE_INFINITY;
                    case NUMERIC_NEGATIVE_INFINITY -> NumericSpecial.NEGATIVE_INFINITY;
                    default -> new BigDecimal(new BigInteger(body, start + 2, length - 2), scale);
                };
            }
            case TypeOids.PATH, TypeOids.POLYGON -> org.woolly.utils.adt.Geometry.fromBinary(typeOid, body, start, length);
            case TypeOids.JSONB -> org.woolly.utils.adt.Jsonb.parse(new String(body, start, length, StandardCharsets.UTF_8));
            // a composite type (the only user-defined variable-length type stored as itself) or record
            case TypeOids.RECORD -> org.woolly.utils.adt.RecordIO.decode(body, start, length, typeOid,
                    org.woolly.utils.adt.FormatSettings.DEFAULT);
            default -> org.woolly.utils.adt.RangeIO.isRangeOrMultirange(typeOid)
                    ? org.woolly.utils.adt.RangeIO.decode(body, start, length)
                    // an array over a type of the catalog (_mood), else a composite type
                    : org.woolly.utils.adt.BuiltinTypes.byOid(typeOid) == null
                    && org.woolly.utils.adt.BuiltinTypes.elementType(typeOid) != 0
                    ? org.woolly.utils.adt.ArrayIO.decode(body, start, length)
                    : org.woolly.utils.adt.BuiltinTypes.byOid(typeOid) == null
                    ? org.woolly.utils.adt.RecordIO.decode(body, start, length, typeOid,
                    org.woolly.utils.adt.FormatSettings.DEFAULT)
                    : org.woolly.utils.adt.BuiltinTypes.elementType(typeOid) != 0
                    ? org.woolly.utils.adt.ArrayIO.decode(body, start, length)
                    : new String(body, start, length, StandardCharsets.UTF_8);
        };
    }
}
