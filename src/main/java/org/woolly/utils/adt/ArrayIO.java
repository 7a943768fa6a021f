package org.woolly.utils.adt;

import java.io.ByteArrayOutputStream;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * I/O of an array type ({@code array_in}, {@code array_out}, {@code array_recv},
 * {@code array_send} in {@code src/backend/utils/adt/arrayfuncs.c}), each element through its
 * element type's I/O.
 *
 * <p>Text form: optional dimension decoration {@code [lo:hi][lo:hi]=} (written only when a lower
 * bound is not 1), then nested braces; an element is double-quoted on output when it is empty,
 * is {@code NULL} in any letter case, or holds a brace, comma, quote, backslash or white space.
 * Binary form (also how a stored tuple holds an array, see {@code access.common.TupleCodec}, but
 * for arrays of enums, see {@link #encode}):
 * int4 dimension count, int4 has-nulls flag, element type OID, then per dimension int4 length and
 * int4 lower bound, then per element an int4 length (-1 for NULL) and the element's binary form.
 */
public final class ArrayIO implements TypeIO {
    /** A flag bit of the stored form only: the elements are enum values written as their pg_enum OIDs. */
    static final int STORED_BY_OID = 2;

    private final int elementType;

    public ArrayIO(int elementType) {
        this.elementType = elementType;
    }

    public int elementType() {
        return elementType;
    }

    private static TypeIO elementIo(int elementType) {
        PgType type = BuiltinTypes.byOid(elementType);
        if (type == null) {
            // an enum, domain or composite element type of the running statement's catalog
            if (!CatalogInquiries.CURRENT.isBound()) {
                throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "arrays of type " + elementType
                        + " are not supported yet");
            }
            return RecordIO.fieldIo(elementType);
        }
        return type.io();
    }

    @Override
    public Object input(String text, int typmod, FormatSettings settings) {
        return ArrayTextParser.parse(text, elementType, elementIo(elementType), typmod, settings);
    }

    @Override
    public String output(Object value, FormatSettings settings) {
        return format((ArrayValue) value, elementIo(elementType), settings);
    }

    /** {@code array_out}. */
    static String format(ArrayValue array, TypeIO io, FormatSettings settings) {
        TypeIO elementIo = io != null ? io : elementIo(array.elementType());
        StringBuilder out = new StringBuilder();
        int dims = array.dimensionCount();
        if (dims == 0) {
            return "{}";
        }
        boolean decorate = false;
        for (int dim = 0; dim < dims; dim++) {
            decorate |= array.lowerBound(dim) != 1;
        }
        if (decorate) {
            for (int dim = 0; dim < dims; dim++) {
                out.append('[').append(array.lowerBound(dim)).append(':')
                        .append(array.lowerBound(dim) + array.length(dim) - 1).append(']');
            }
            out.append('=');
        }
        int[] index = {0};
        appendLevel(out, array, 0, index, elementIo, settings);
        return out.toString();
    }

    private static void appendLevel(StringBuilder out, ArrayValue array, int dim, int[] index, TypeIO io,
                                    FormatSettings settings) {
        out.append('{');
        for (int i = 0; i < array.length(dim); i++) {
            if (i > 0) {
                out.append(',');
            }
            if (dim + 1 < array.dimensionCount()) {
                appendLevel(out, array, dim + 1, index, io, settings);
            } else {
                Object element = array.element(index[0]++);
                if (element == null) {
                    out.append("NULL");
                } else {
                    appendElement(out, io.output(element, settings));
                }
            }
        }
        out.append('}');
    }

    /** Appends one element's text, double-quoted and escaped where {@code array_out} would. */
    static void appendElement(StringBuilder out, String text) {
        if (!needsQuotes(text)) {
            out.append(text);
            return;
        }
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        out.append('"');
    }

    private static boolean needsQuotes(String text) {
        if (text.isEmpty() || text.equalsIgnoreCase("NULL")) {
            return true;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '{' || c == '}' || c == ',' || c == '"' || c == '\\' || TypeErrors.isSpace(c)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Object receive(byte[] bytes, int offset, int length, int typmod, FormatSettings settings) {
        return read(bytes, offset, length, settings, true);
    }

    /** {@code array_recv} ({@code wire}), or the reading of the stored form, which may hold enum values by OID. */
    private Object read(byte[] bytes, int offset, int length, FormatSettings settings, boolean wire) {
        if (length < 12) {
            throw TypeErrors.binaryFormat("insufficient data left in message");
        }
        int dims = TypeErrors.readInt(bytes, offset);
        int flags = TypeErrors.readInt(bytes, offset + 4);
        int element = TypeErrors.readInt(bytes, offset + 8);
        if (dims < 0) {
            throw TypeErrors.binaryFormat("invalid number of dimensions: " + dims);
        }
        if (dims > ArrayValue.MAX_DIMENSIONS) {
            throw new SqlException(SqlState.PROGRAM_LIMIT_EXCEEDED, "number of array dimensions (" + dims
                    + ") exceeds the maximum allowed (" + ArrayValue.MAX_DIMENSIONS + ")");
        }
        boolean byInternalValue = (flags & STORED_BY_OID) != 0 && !wire;
        if (!byInternalValue && flags != 0 && flags != 1 || byInternalValue && (flags & ~STORED_BY_OID) > 1) {
            throw TypeErrors.binaryFormat("invalid array flags");
        }
        if (element != elementType) {
            throw new SqlException(SqlState.DATATYPE_MISMATCH, "binary data has array element type " + element
                    + " (" + typeName(element) + ") instead of expected " + elementType + " (" + typeName(elementType) + ")");
        }
        int position = offset + 12;
        int end = offset + length;
        int[] lengths = new int[dims];
        int[] lowerBounds = new int[dims];
        long count = dims == 0 ? 0 : 1;
        for (int dim = 0; dim < dims; dim++) {
            if (position + 8 > end) {
                throw TypeErrors.binaryFormat("insufficient data left in message");
            }
            lengths[dim] = TypeErrors.readInt(bytes, position);
            lowerBounds[dim] = TypeErrors.readInt(bytes, position + 4);
            position += 8;
            count *= lengths[dim];
            if (lengths[dim] < 0 || count > Integer.MAX_VALUE / 8) {
                throw new SqlException(SqlState.PROGRAM_LIMIT_EXCEEDED, "array size exceeds the maximum allowed (134217727)");
            }
        }
        if (count == 0) {
            return ArrayValue.empty(elementType);
        }
        TypeIO io = byInternalValue ? null : elementIo(elementType);
        Object[] elements = new Object[(int) count];
        for (int i = 0; i < count; i++) {
            if (position + 4 > end) {
                throw TypeErrors.binaryFormat("insufficient data left in message");
            }
            int itemLength = TypeErrors.readInt(bytes, position);
            position += 4;
            if (itemLength == -1) {
                continue;
            }
            if (itemLength < -1 || position + itemLength > end) {
                throw TypeErrors.binaryFormat("insufficient data left in message");
            }
            if (byInternalValue) {
                if (itemLength != 4) {
                    throw TypeErrors.binaryFormat("improper binary format in array element " + (i + 1));
                }
                elements[i] = TypeErrors.readInt(bytes, position);
            } else {
                elements[i] = io.receive(bytes, position, itemLength, -1, settings);
            }
            position += itemLength;
        }
        if (position != end) {
            throw TypeErrors.binaryFormat("improper binary format in array element " + count);
        }
        return new ArrayValue(elementType, lengths, lowerBounds, elements);
    }

    private static String typeName(int oid) {
        PgType type = BuiltinTypes.byOid(oid);
        return type != null ? type.name() : CatalogInquiries.CURRENT.isBound() ? RecordIO.typeName(oid) : "???";
    }

    @Override
    public byte[] send(Object value, FormatSettings settings) {
        return write((ArrayValue) value, settings, true);
    }

    /**
     * The stored form of an array column: the binary form, but an array of an enum type holds
     * each element as its pg_enum OID (4 bytes, flag {@link #STORED_BY_OID} set), as PostgreSQL
     * stores enum values, so that renaming a label does not change stored arrays.
     */
    public static byte[] encode(ArrayValue array, FormatSettings settings) {
        return write(array, settings, false);
    }

    private static byte[] write(ArrayValue array, FormatSettings settings, boolean wire) {
        boolean byInternalValue = !wire && BuiltinTypes.byOid(array.elementType()) == null
                && CatalogInquiries.CURRENT.isBound() && CatalogInquiries.CURRENT.get().isEnumType(array.elementType());
        TypeIO io = byInternalValue ? null : elementIo(array.elementType());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int dims = array.dimensionCount();
        writeInt(out, dims);
        writeInt(out, (array.hasNulls() ? 1 : 0) | (byInternalValue ? STORED_BY_OID : 0));
        writeInt(out, array.elementType());
        for (int dim = 0; dim < dims; dim++) {
            writeInt(out, array.length(dim));
            writeInt(out, array.lowerBound(dim));
        }
        for (int i = 0; i < array.size(); i++) {
            Object element = array.element(i);
            if (element == null) {
                writeInt(out, -1);
            } else {
                byte[] bytes = byInternalValue ? intBytes((Integer) element) : io.send(element, settings);
                writeInt(out, bytes.length);
                out.write(bytes, 0, bytes.length);
            }
        }
        return out.toByteArray();
    }

    /** Reads the stored form of an array of unknown element type: the element OID is in the bytes. */
    public static ArrayValue decode(byte[] bytes, int offset, int length) {
        int element = TypeErrors.readInt(bytes, offset + 8);
        return (ArrayValue) new ArrayIO(element).read(bytes, offset, length, FormatSettings.DEFAULT, false);
    }

    private static byte[] intBytes(int value) {
        byte[] bytes = new byte[4];
        TypeErrors.writeInt(bytes, 0, value);
        return bytes;
    }

    private static void writeInt(ByteArrayOutputStream out, int value) {
        out.write(value >>> 24);
        out.write(value >>> 16);
        out.write(value >>> 8);
        out.write(value);
    }
}
