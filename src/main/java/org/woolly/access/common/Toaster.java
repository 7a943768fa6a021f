package org.woolly.access.common;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * Makes a tuple fit its page the way {@code heap_toast_insert_or_update} does
 * ({@code src/backend/access/heap/heaptoast.c}, {@code toast_helper.c}): once a tuple is longer
 * than {@link #TUPLE_THRESHOLD}, its largest variable-length values are compressed inline
 * (storage 'x' extended), then moved out of line into the TOAST table ('x' and 'e' external),
 * then 'm' (main) values are compressed, and only as a last resort moved out of line; 'p'
 * (plain) values stay as they are. The stored forms and the pointer layout are PostgreSQL's
 * ({@code varatt.h}): see this package's README.md.
 */
public final class Toaster {
    /** {@code TOAST_TUPLE_THRESHOLD} / {@code TOAST_TUPLE_TARGET}: a quarter of a page. */
    public static final int TUPLE_THRESHOLD = 2032;
    /** The heap tuple header in front of every body (Woolly's {@code SizeofHeapTupleHeader}). */
    public static final int TUPLE_HEADER_SIZE = 32;
    /** Bytes of value in one chunk row, so four chunk rows fill a page ({@code TOAST_MAX_CHUNK_SIZE}). */
    public static final int MAXIMUM_CHUNK_SIZE = 1984;
    /** Largest value a varlena holds: 1 GB - 1 ({@code MaxAllocSize} minus its header). */
    public static final int MAXIMUM_VALUE_SIZE = 0x3FFFFFFF - 4;
    /** {@code VARTAG_ONDISK}: the second byte of an on-disk TOAST pointer. */
    static final byte VARTAG_ONDISK = 18;
    /** Size of {@code varatt_external}: raw size, external size with method, value id, relation id. */
    static final int POINTER_SIZE = 16;
    /** One byte 0x01 then the tag ({@code VARHDRSZ_EXTERNAL}) then the pointer ({@code TOAST_POINTER_SIZE}). */
    static final int EXTERNAL_DATUM_SIZE = 2 + POINTER_SIZE;
    /** Compression method id of pglz in {@code va_tcinfo} / {@code va_extinfo} ({@code TOAST_PGLZ_COMPRESSION_ID}). */
    public static final int PGLZ = 0;
    static final int RAW_SIZE_MASK = 0x3FFFFFFF;

    static final byte PLAIN = 0;
    static final byte COMPRESSED = 1;
    static final byte EXTERNAL = 2;

    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private final int target;
    private final ToastStore store;

    /**
     * @param target largest tuple (header included) the first rounds aim for: the table's
     *               {@code toast_tuple_target}, {@link #TUPLE_THRESHOLD} by default
     * @param store  the table's TOAST table, null when it has none (values are only compressed)
     */
    public Toaster(int target, ToastStore store) {
        this.target = target;
        this.store = store;
    }

    /**
     * Chooses the stored form of each variable-length value ({@code forms}, {@code stored} are
     * rewritten in place; {@code stored[i]} starts as the raw payload).
     */
    void toast(TupleDescriptor descriptor, Object[] values, byte[][] stored, byte[] forms, boolean hasNulls) {
        for (byte[] payload : stored) {
            if (payload != null && payload.length > MAXIMUM_VALUE_SIZE) {
                throw new SqlException(SqlState.PROGRAM_LIMIT_EXCEEDED,
                        "invalid memory alloc request size " + (payload.length + 4L));
            }
        }
        if (TUPLE_HEADER_SIZE + TupleCodec.size(descriptor, values, stored, forms, hasNulls) <= TUPLE_THRESHOLD) {
            return;
        }
        int count = descriptor.size();
        boolean[] incompressible = new boolean[count];
        int maximum = target - TUPLE_HEADER_SIZE;
        while (TupleCodec.size(descriptor, values, stored, forms, hasNulls) > maximum) {
            int biggest = biggest(descriptor, stored, forms, incompressible, "x", true);
            if (biggest < 0) {
                break;
            }
            if (!compress(stored, forms, biggest)) {
                incompressible[biggest] = true;
            } else if (store != null && datumSize(stored[biggest], forms[biggest]) > maximum) {
                externalize(stored, forms, biggest);
            }
        }
        while (store != null && TupleCodec.size(descriptor, values, stored, forms, hasNulls) > maximum) {
            int biggest = biggest(descriptor, stored, forms, incompressible, "xe", false);
            if (biggest < 0) {
                break;
            }
            externalize(stored, forms, biggest);
        }
        while (TupleCodec.size(descriptor, values, stored, forms, hasNulls) > maximum) {
            int biggest = biggest(descriptor, stored, forms, incompressible, "m", true);
            if (biggest < 0) {
                break;
            }
            if (!compress(stored, forms, biggest)) {
                incompressible[biggest] = true;
            }
        }
        // last resort for main values: out of line once the tuple would not fit a page at all
        int pageMaximum = TupleCodec.MAXIMUM_TUPLE_SIZE - TUPLE_HEADER_SIZE;
        while (store != null && TupleCodec.size(descriptor, values, stored, forms, hasNulls) > pageMaximum) {
            int biggest = biggest(descriptor, stored, forms, incompressible, "m", false);
            if (biggest < 0) {
                break;
            }
            externalize(stored, forms, biggest);
        }
    }

    /** {@code toast_tuple_find_biggest_attribute}: the largest candidate over the size of a pointer, or -1. */
    private static int biggest(TupleDescriptor descriptor, byte[][] stored, byte[] forms, boolean[] incompressible,
                               String storages, boolean forCompression) {
        int biggest = -1;
        int biggestSize = (EXTERNAL_DATUM_SIZE + 7) & ~7;
        for (int i = 0; i < stored.length; i++) {
            if (stored[i] == null || forms[i] == EXTERNAL || storages.indexOf(descriptor.get(i).storage()) < 0) {
                continue;
            }
            if (forCompression && (forms[i] == COMPRESSED || incompressible[i])) {
                continue;
            }
            int size = datumSize(stored[i], forms[i]);
            if (size > biggestSize) {
                biggest = i;
                biggestSize = size;
            }
        }
        return biggest;
    }

    /** The bytes a value takes in the tuple, header included ({@code VARSIZE_ANY}). */
    static int datumSize(byte[] stored, byte form) {
        return switch (form) {
            case EXTERNAL -> EXTERNAL_DATUM_SIZE;
            case COMPRESSED -> 4 + stored.length;
            default -> stored.length + 1 <= TupleCodec.SHORT_VARLENA_MAX ? stored.length + 1 : stored.length + 4;
        };
    }

    /**
     * {@code toast_compress_datum}: pglz, kept only when it saves more than the compressed
     * header costs. The stored form is {@code va_tcinfo} (raw size, method) then the data.
     */
    private static boolean compress(byte[][] stored, byte[] forms, int i) {
        byte[] raw = stored[i];
        byte[] compressed = Pglz.compress(raw, raw.length);
        if (compressed == null || compressed.length + 8 >= raw.length - 2) {
            return false;
        }
        byte[] form = new byte[4 + compressed.length];
        INT.set(form, 0, raw.length | (PGLZ << 30));
        System.arraycopy(compressed, 0, form, 4, compressed.length);
        stored[i] = form;
        forms[i] = COMPRESSED;
        return true;
    }

    /** {@code toast_save_datum}: the value's stored bytes go to the TOAST table, a pointer stays. */
    private void externalize(byte[][] stored, byte[] forms, int i) {
        byte[] data = stored[i];
        int rawSize;
        int externalInfo;
        if (forms[i] == COMPRESSED) {
            int tcinfo = (int) INT.get(data, 0);
            rawSize = (tcinfo & RAW_SIZE_MASK) + 4;
            externalInfo = data.length | ((tcinfo >>> 30) << 30);
        } else {
            rawSize = data.length + 4;
            externalInfo = data.length;
        }
        int valueId = store.store(data);
        byte[] pointer = new byte[POINTER_SIZE];
        INT.set(pointer, 0, rawSize);
        INT.set(pointer, 4, externalInfo);
        INT.set(pointer, 8, valueId);
        INT.set(pointer, 12, store.relationOid());
        stored[i] = pointer;
        forms[i] = EXTERNAL;
    }

    /** A value's raw payload from its compressed form ({@code va_tcinfo} then the data). */
    static byte[] decompress(byte[] data, int start, int length) {
        int tcinfo = (int) INT.get(data, start);
        if (tcinfo >>> 30 != PGLZ) {
            throw new SqlException(SqlState.INTERNAL_ERROR, "invalid compression method id " + (tcinfo >>> 30));
        }
        return Pglz.decompress(data, start + 4, length - 4, tcinfo & RAW_SIZE_MASK);
    }

    /** A value's raw payload from its TOAST pointer at {@code start} ({@code detoast_external_attr}). */
    static byte[] fetch(byte[] data, int start, ToastStore store) {
        ExternalPointer pointer = ExternalPointer.read(data, start);
        if (store == null || store.relationOid() != pointer.toastRelationOid()) {
            throw new SqlException(SqlState.INTERNAL_ERROR, "no TOAST table " + pointer.toastRelationOid()
                    + " to read value " + Integer.toUnsignedString(pointer.valueId()) + " from");
        }
        byte[] stored = store.fetch(pointer.valueId(), pointer.externalSize());
        return pointer.compressed() ? decompress(stored, 0, stored.length) : stored;
    }

    /** An on-disk TOAST pointer ({@code varatt_external}). */
    public record ExternalPointer(int rawSize, int externalInfo, int valueId, int toastRelationOid) {
        static ExternalPointer read(byte[] data, int start) {
            return new ExternalPointer((int) INT.get(data, start), (int) INT.get(data, start + 4),
                    (int) INT.get(data, start + 8), (int) INT.get(data, start + 12));
        }

        /** The bytes stored out of line ({@code VARATT_EXTERNAL_GET_EXTSIZE}). */
        public int externalSize() {
            return externalInfo & RAW_SIZE_MASK;
        }

        /** Whether those bytes are compressed ({@code VARATT_EXTERNAL_IS_COMPRESSED}). */
        public boolean compressed() {
            return externalSize() < rawSize - 4;
        }
    }
}
