package org.woolly.executor;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
 * <p>A row is its width, then per value a tag byte and the value's bytes. The values the types
 * use (numbers, text, numeric, bytea, interval, uuid, bit strings, arrays and records of them,
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

    void write(DataOutputStream out, Object[] row) {
        try {
            out.writeInt(row.length);
            for (Object value : row) {
                writeValue(out, value);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Object[] read(DataInputStream in) {
        try {
            Object[] row = new Object[in.readInt()];
            for (int i = 0; i < row.length; i++) {
                row[i] = readValue(in);
            }
            return row;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeValue(DataOutputStream out, Object value) throws IOException {
        switch (value) {
            case null -> out.writeByte(NULL);
            case Integer number -> {
                out.writeByte(INT);
                out.writeInt(number);
            }
            case Long number -> {
                out.writeByte(LONG);
                out.writeLong(number);
            }
            case Short number -> {
                out.writeByte(SHORT);
                out.writeShort(number);
            }
            case Boolean flag -> out.writeByte(flag ? TRUE : FALSE);
            case Double number -> {
                out.writeByte(DOUBLE);
                out.writeLong(Double.doubleToRawLongBits(number));
            }
            case Float number -> {
                out.writeByte(FLOAT);
                out.writeInt(Float.floatToRawIntBits(number));
            }
            case String text -> {
                out.writeByte(TEXT);
                writeBytes(out, text.getBytes(StandardCharsets.UTF_8));
            }
            case BigDecimal decimal -> {
                out.writeByte(NUMERIC);
                out.writeInt(decimal.scale());
                writeBytes(out, decimal.unscaledValue().toByteArray());
            }
            case byte[] bytes -> {
                out.writeByte(BYTES);
                writeBytes(out, bytes);
            }
            case NumericSpecial special -> {
                out.writeByte(NUMERIC_SPECIAL);
                out.writeByte(special.ordinal());
            }
            case Interval interval -> {
                out.writeByte(INTERVAL);
                out.writeInt(interval.months());
                out.writeInt(interval.days());
                out.writeLong(interval.microseconds());
            }
            case Uuid uuid -> {
                out.writeByte(UUID);
                out.writeLong(uuid.high());
                out.writeLong(uuid.low());
            }
            case Tid tid -> {
                out.writeByte(TID);
                out.writeInt(tid.block());
                out.writeInt(tid.offset());
            }
            case ArrayValue array -> {
                out.writeByte(ARRAY);
                out.writeInt(array.elementType());
                writeInts(out, array.dimensions());
                writeInts(out, array.lowerBounds());
                out.writeInt(array.size());
                for (Object element : array.elements()) {
                    writeValue(out, element);
                }
            }
            case RecordValue record -> {
                out.writeByte(RECORD);
                out.writeInt(record.typeOid());
                writeInts(out, record.fieldTypes());
                out.writeInt(record.values().length);
                for (Object field : record.values()) {
                    writeValue(out, field);
                }
            }
            case BitString bits -> {
                out.writeByte(BITS);
                out.writeInt(bits.length());
                writeBytes(out, bits.bytes());
            }
            default -> {
                out.writeByte(KEPT);
                out.writeInt(kept.size());
                kept.add(value);
            }
        }
    }

    private Object readValue(DataInputStream in) throws IOException {
        int tag = in.readUnsignedByte();
        return switch (tag) {
            case NULL -> null;
            case INT -> in.readInt();
            case LONG -> in.readLong();
            case SHORT -> in.readShort();
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case DOUBLE -> Double.longBitsToDouble(in.readLong());
            case FLOAT -> Float.intBitsToFloat(in.readInt());
            case TEXT -> new String(readBytes(in), StandardCharsets.UTF_8);
            case NUMERIC -> {
                int scale = in.readInt();
                yield new BigDecimal(new BigInteger(readBytes(in)), scale);
            }
            case BYTES -> readBytes(in);
            case NUMERIC_SPECIAL -> NumericSpecial.values()[in.readUnsignedByte()];
            case INTERVAL -> new Interval(in.readInt(), in.readInt(), in.readLong());
            case UUID -> new Uuid(in.readLong(), in.readLong());
            case TID -> new Tid(in.readInt(), in.readInt());
            case ARRAY -> {
                int elementType = in.readInt();
                int[] dimensions = readInts(in);
                int[] lowerBounds = readInts(in);
                Object[] elements = new Object[in.readInt()];
                for (int i = 0; i < elements.length; i++) {
                    elements[i] = readValue(in);
                }
                yield new ArrayValue(elementType, dimensions, lowerBounds, elements);
            }
            case RECORD -> {
                int typeOid = in.readInt();
                int[] fieldTypes = readInts(in);
                Object[] values = new Object[in.readInt()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = readValue(in);
                }
                yield new RecordValue(typeOid, fieldTypes, values);
            }
            case BITS -> {
                int length = in.readInt();
                yield BitString.of(length, readBytes(in));
            }
            case KEPT -> kept.get(in.readInt());
            default -> throw new IllegalStateException("unknown value tag " + tag + " in a temporary file");
        };
    }

    private static void writeBytes(DataOutputStream out, byte[] bytes) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return bytes;
    }

    private static void writeInts(DataOutputStream out, int[] values) throws IOException {
        if (values == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(values.length);
        for (int value : values) {
            out.writeInt(value);
        }
    }

    private static int[] readInts(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        int[] values = new int[length];
        for (int i = 0; i < values.length; i++) {
            values[i] = in.readInt();
        }
        return values;
    }
}
