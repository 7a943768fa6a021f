package org.woolly.executor;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.woolly.access.common.Tid;
import org.woolly.utils.adt.ArrayValue;
import org.woolly.utils.adt.BitString;
import org.woolly.utils.adt.Interval;
import org.woolly.utils.adt.NumericSpecial;
import org.woolly.utils.adt.RecordValue;
import org.woolly.utils.adt.Uuid;

/**
 * How executor rows go to temporary files and come back (the role of tuplesort's
 * {@code writetup}/{@code readtup} and of {@code ExecHashJoinSaveTuple}), and how much memory a
 * row is counted for against {@code work_mem} ({@code GetMemoryChunkSpace}).
 *
 * <p>A row is its byte length, its width, then per value a tag byte and the value's bytes. The
 * values the types use (numbers, text, numeric, bytea, interval, uuid, bit strings, arrays and records of them,
 * TIDs) are written out; a value of any other class (geometric types, txid snapshots) is kept
 * in this format's side list and only its index written, so it stays on the heap.
 *
 * <p>{@link #memory} estimates a row as the JVM holds it: the row array and each boxed value,
 * a string by its characters, an array or record by its elements. Not exact, but the same
 * figure is added when a row is kept and subtracted when it goes, so the bound it enforces holds.
 */
final class SpillFormat {
    private static final int NULL = 0;
    private static final int INT = 1;
    private static final int LONG = 2;
    private static final int SHORT = 3;
    private static final int TRUE = 4;
    private static final int FALSE = 5;
    private static final int DOUBLE = 6;
    private static final int FLOAT = 7;
    private static final int TEXT = 8;
    private static final int NUMERIC = 9;
    private static final int BYTES = 10;
    private static final int NUMERIC_SPECIAL = 11;
    private static final int INTERVAL = 12;
    private static final int UUID = 13;
    private static final int TID = 14;
    private static final int ARRAY = 15;
    private static final int RECORD = 16;
    private static final int BITS = 17;
    private static final int KEPT = 18;

    /** Values of classes without a written form, by the index written in their place. */
    private final List<Object> kept = new ArrayList<>();

    /** Bytes a row is counted for while it is held in memory (with its slot in a sort's array). */
    static long memory(Object[] row) {
        long bytes = 24 + 16 + 8L * row.length;
        for (Object value : row) {
            bytes += valueMemory(value);
        }
        return bytes;
    }

    private static long valueMemory(Object value) {
        return switch (value) {
            case null -> 0;
            case Integer ignored -> 16;
            case Short ignored -> 16;
            case Boolean ignored -> 0; // Boolean.TRUE and FALSE are shared
            case Float ignored -> 16;
            case Long ignored -> 24;
            case Double ignored -> 24;
            case String text -> 48 + text.length();
            case BigDecimal decimal -> 72 + decimal.unscaledValue().bitLength() / 8;
            case byte[] bytes -> 16 + bytes.length;
            case ArrayValue array -> {
                long sum = 64 + 8L * array.size();
                for (Object element : array.elements()) {
                    sum += valueMemory(element);
                }
                yield sum;
            }
            case RecordValue record -> 48 + memory(record.values());
            default -> 64;
        };
    }

    /** Reads {@code rows} rows written from the start of {@code file}, one per call; null after the last. */
    java.util.function.Supplier<Object[]> reader(org.woolly.storage.file.TemporaryFile file, long rows) {
        DataInputStream in = new DataInputStream(file.input(0, file.length(),
                org.woolly.storage.file.TemporaryFile.BLOCK_SIZE));
        long[] left = {rows};
        return () -> {
            if (left[0] == 0) {
                return null;
            }
            left[0]--;
            return read(in);
        };
    }

    /**
     * Writes the row as its byte length and its bytes. The row is encoded into an array first,
     * so the file takes one write per row instead of one per field (as {@code writetup_heap}
     * hands tuplesort's tape one chunk per tuple).
     */
    void write(DataOutputStream out, Object[] row) {
        length = Integer.BYTES; // the byte length goes in front once it is known
        putInt(row.length);
        for (Object value : row) {
            writeValue(value);
        }
        BIG_ENDIAN_INT.set(encoded, 0, length - Integer.BYTES);
        try {
            out.write(encoded, 0, length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads one row written by {@link #write}: one read of its bytes, then decoding from the array. */
    Object[] read(DataInputStream in) {
        try {
            int size = in.readInt();
            if (decoding.length < size) {
                decoding = new byte[Math.max(size, 2 * decoding.length)];
            }
            in.readFully(decoding, 0, size);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        position = 0;
        Object[] row = new Object[getInt()];
        for (int i = 0; i < row.length; i++) {
            row[i] = readValue();
        }
        return row;
    }

    // The row being written: encoded[0, length) holds its bytes so far.
    private byte[] encoded = new byte[256];
    private int length;
    // The row being read: decoding holds its bytes, position is the next one to decode.
    private byte[] decoding = new byte[256];
    private int position;

    private static final VarHandle BIG_ENDIAN_INT =
            MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle BIG_ENDIAN_LONG =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle BIG_ENDIAN_SHORT =
            MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);

    private void ensure(int bytes) {
        if (length + bytes > encoded.length) {
            encoded = Arrays.copyOf(encoded, Math.max(length + bytes, 2 * encoded.length));
        }
    }

    private void putByte(int value) {
        ensure(1);
        encoded[length++] = (byte) value;
    }

    private void putShort(short value) {
        ensure(Short.BYTES);
        BIG_ENDIAN_SHORT.set(encoded, length, value);
        length += Short.BYTES;
    }

    private void putInt(int value) {
        ensure(Integer.BYTES);
        BIG_ENDIAN_INT.set(encoded, length, value);
        length += Integer.BYTES;
    }

    private void putLong(long value) {
        ensure(Long.BYTES);
        BIG_ENDIAN_LONG.set(encoded, length, value);
        length += Long.BYTES;
    }

    private void putBytes(byte[] bytes) {
        putInt(bytes.length);
        ensure(bytes.length);
        System.arraycopy(bytes, 0, encoded, length, bytes.length);
        length += bytes.length;
    }

    private void putInts(int[] values) {
        if (values == null) {
            putInt(-1);
            return;
        }
        putInt(values.length);
        for (int value : values) {
            putInt(value);
        }
    }

    private int getUnsignedByte() {
        return decoding[position++] & 0xff;
    }

    private short getShort() {
        short value = (short) BIG_ENDIAN_SHORT.get(decoding, position);
        position += Short.BYTES;
        return value;
    }

    private int getInt() {
        int value = (int) BIG_ENDIAN_INT.get(decoding, position);
        position += Integer.BYTES;
        return value;
    }

    private long getLong() {
        long value = (long) BIG_ENDIAN_LONG.get(decoding, position);
        position += Long.BYTES;
        return value;
    }

    private byte[] getBytes() {
        int size = getInt();
        byte[] bytes = Arrays.copyOfRange(decoding, position, position + size);
        position += size;
        return bytes;
    }

    private int[] getInts() {
        int size = getInt();
        if (size < 0) {
            return null;
        }
        int[] values = new int[size];
        for (int i = 0; i < values.length; i++) {
            values[i] = getInt();
        }
        return values;
    }

    private void writeValue(Object value) {
        switch (value) {
            case null -> putByte(NULL);
            case Integer number -> {
                putByte(INT);
                putInt(number);
            }
            case Long number -> {
                putByte(LONG);
                putLong(number);
            }
            case Short number -> {
                putByte(SHORT);
                putShort(number);
            }
            case Boolean flag -> putByte(flag ? TRUE : FALSE);
            case Double number -> {
                putByte(DOUBLE);
                putLong(Double.doubleToRawLongBits(number));
            }
            case Float number -> {
                putByte(FLOAT);
                putInt(Float.floatToRawIntBits(number));
            }
            case String text -> {
                putByte(TEXT);
                putBytes(text.getBytes(StandardCharsets.UTF_8));
            }
            case BigDecimal decimal -> {
                putByte(NUMERIC);
                putInt(decimal.scale());
                putBytes(decimal.unscaledValue().toByteArray());
            }
            case byte[] bytes -> {
                putByte(BYTES);
                putBytes(bytes);
            }
            case NumericSpecial special -> {
                putByte(NUMERIC_SPECIAL);
                putByte(special.ordinal());
            }
            case Interval interval -> {
                putByte(INTERVAL);
                putInt(interval.months());
                putInt(interval.days());
                putLong(interval.microseconds());
            }
            case Uuid uuid -> {
                putByte(UUID);
                putLong(uuid.high());
                putLong(uuid.low());
            }
            case Tid tid -> {
                putByte(TID);
                putInt(tid.block());
                putInt(tid.offset());
            }
            case ArrayValue array -> {
                putByte(ARRAY);
                putInt(array.elementType());
                putInts(array.dimensions());
                putInts(array.lowerBounds());
                putInt(array.size());
                for (Object element : array.elements()) {
                    writeValue(element);
                }
            }
            case RecordValue record -> {
                putByte(RECORD);
                putInt(record.typeOid());
                putInts(record.fieldTypes());
                putInt(record.values().length);
                for (Object field : record.values()) {
                    writeValue(field);
                }
            }
            case BitString bits -> {
                putByte(BITS);
                putInt(bits.length());
                putBytes(bits.bytes());
            }
            default -> {
                putByte(KEPT);
                putInt(kept.size());
                kept.add(value);
            }
        }
    }

    private Object readValue() {
        int tag = getUnsignedByte();
        return switch (tag) {
            case NULL -> null;
            case INT -> getInt();
            case LONG -> getLong();
            case SHORT -> getShort();
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case DOUBLE -> Double.longBitsToDouble(getLong());
            case FLOAT -> Float.intBitsToFloat(getInt());
            case TEXT -> {
                int size = getInt();
                String text = new String(decoding, position, size, StandardCharsets.UTF_8);
                position += size;
                yield text;
            }
            case NUMERIC -> {
                int scale = getInt();
                int size = getInt();
                BigInteger unscaled = new BigInteger(decoding, position, size);
                position += size;
                yield new BigDecimal(unscaled, scale);
            }
            case BYTES -> getBytes();
            case NUMERIC_SPECIAL -> NumericSpecial.values()[getUnsignedByte()];
            case INTERVAL -> new Interval(getInt(), getInt(), getLong());
            case UUID -> new Uuid(getLong(), getLong());
            case TID -> new Tid(getInt(), getInt());
            case ARRAY -> {
                int elementType = getInt();
                int[] dimensions = getInts();
                int[] lowerBounds = getInts();
                Object[] elements = new Object[getInt()];
                for (int i = 0; i < elements.length; i++) {
                    elements[i] = readValue();
                }
                yield new ArrayValue(elementType, dimensions, lowerBounds, elements);
            }
            case RECORD -> {
                int typeOid = getInt();
                int[] fieldTypes = getInts();
                Object[] values = new Object[getInt()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = readValue();
                }
                yield new RecordValue(typeOid, fieldTypes, values);
            }
            case BITS -> {
                int bitLength = getInt();
                yield BitString.of(bitLength, getBytes());
            }
            case KEPT -> kept.get(getInt());
            default -> throw new IllegalStateException("unknown value tag " + tag + " in a temporary file");
        };
    }
}
