package org.woolly.access.nbtree;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.woolly.access.common.Attribute;
import org.woolly.access.common.Tid;
import org.woolly.access.common.TupleCodec;
import org.woolly.access.common.TupleDescriptor;
import org.woolly.storage.page.Page;
import org.woolly.utils.adt.BuiltinTypes;
import org.woolly.utils.adt.PgType;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * How one index's tuples are laid out and ordered ({@code IndexTupleData} and the insertion
 * scan key of {@code nbtutils.c}): the 12-byte tuple header, the column bodies in the heap's
 * tuple format, and the comparison in index order (per-column btree order, DESC, NULLS FIRST,
 * then the heap TID, so every entry is unique, as PostgreSQL 12+'s heapkeyspace indexes).
 */
final class KeyLayout {
    /** Tuple header: heap block (4), heap offset (2), flags (2), child block (4). */
    static final int HEADER_SIZE = 12;
    /** A pivot (high key or downlink): key columns only. */
    static final int FLAG_PIVOT = 0x1;
    /** The first downlink of an internal page: no key, lower than everything ("minus infinity"). */
    static final int FLAG_MINUS_INFINITY = 0x2;
    /** Largest tuple, MAXALIGNed, as PostgreSQL's BTMaxItemSize for 8 KB pages (btree version 4). */
    static final int MAXIMUM_TUPLE_SIZE = 2704;

    private final IndexShape shape;
    private final TupleDescriptor leafDescriptor;
    private final TupleDescriptor pivotDescriptor;
    private final List<Comparator<Object>> comparators = new ArrayList<>();

    KeyLayout(IndexShape shape) {
        this.shape = shape;
        List<Attribute> attributes = new ArrayList<>();
        for (int i = 0; i < shape.columnTypeOids().size(); i++) {
            int typeOid = shape.columnTypeOids().get(i);
            PgType type = BuiltinTypes.byOid(typeOid);
            // the only user-defined key type is an enum: 4-byte label OIDs, ordered by the type's comparator
            attributes.add(type == null ? new Attribute("c" + i, typeOid, -1, (short) 4, true, 'i', false)
                    : new Attribute("c" + i, typeOid, -1, type.length(), type.byValue(), type.align(), false));
            if (i < shape.keyColumns()) {
                comparators.add(BuiltinTypes.comparator(typeOid));
            }
        }
        this.leafDescriptor = new TupleDescriptor(attributes);
        this.pivotDescriptor = new TupleDescriptor(attributes.subList(0, shape.keyColumns()));
    }

    IndexShape shape() {
        return shape;
    }

    int keyColumns() {
        return shape.keyColumns();
    }

    /** One decoded tuple: values (all columns on leaves, key columns in pivots), heap TID, child block. */
    record Tuple(Object[] values, Tid tid, int flags, int child) {
        boolean minusInfinity() {
            return (flags & FLAG_MINUS_INFINITY) != 0;
        }
    }

    /**
     * Whether the index has one key column of an integer type (int2, int4, int8), whose values
     * order as {@link #integerSortKey} does: the build then sorts primitives, as tuplesort sorts
     * such keys by their Datum without a comparator call.
     */
    boolean integerKey() {
        if (shape.keyColumns() != 1) {
            return false;
        }
        int typeOid = shape.columnTypeOids().getFirst();
        return typeOid == org.woolly.utils.adt.TypeOids.INT2 || typeOid == org.woolly.utils.adt.TypeOids.INT4
                || typeOid == org.woolly.utils.adt.TypeOids.INT8;
    }

    /** A non-NULL key of an {@link #integerKey()} index as a long in index order (DESC inverts the bits). */
    long integerSortKey(Object value) {
        long key = ((Number) value).longValue();
        return shape.descending().getFirst() ? ~key : key;
    }

    byte[] encodeLeaf(Object[] values, Tid tid) {
        return encode(leafDescriptor, values, tid, 0, 0);
    }

    /** A pivot carrying {@code tuple}'s key columns and TID, pointing at {@code child} (0 for a high key). */
    byte[] pivotOf(Tuple tuple, int child) {
        Object[] keys = Arrays.copyOf(tuple.values(), keyColumns());
        return encode(pivotDescriptor, keys, tuple.tid(), FLAG_PIVOT, child);
    }

    static byte[] minusInfinity(int child) {
        byte[] bytes = new byte[HEADER_SIZE];
        Page.putShort(bytes, 6, FLAG_PIVOT | FLAG_MINUS_INFINITY);
        Page.putInt(bytes, 8, child);
        return bytes;
    }

    /** The same tuple bytes pointing at another child. */
    static byte[] withChild(byte[] tuple, int child) {
        byte[] copy = tuple.clone();
        Page.putInt(copy, 8, child);
        return copy;
    }

    static int child(byte[] tuple) {
        return Page.getInt(tuple, 8);
    }

    private static byte[] encode(TupleDescriptor descriptor, Object[] values, Tid tid, int flags, int child) {
        byte[] body = TupleCodec.encode(descriptor, values);
        byte[] bytes = new byte[HEADER_SIZE + body.length];
        Page.putInt(bytes, 0, tid.block());
        Page.putShort(bytes, 4, tid.offset());
        Page.putShort(bytes, 6, flags);
        Page.putInt(bytes, 8, child);
        System.arraycopy(body, 0, bytes, HEADER_SIZE, body.length);
        return bytes;
    }

    Tuple decode(byte[] bytes) {
        return decode(bytes, 0, bytes.length);
    }

    /** Item {@code offset} of {@code page}, its line pointer checked, decoded without copying the item first. */
    Tuple decode(Page page, int offset) {
        if (!BTreePage.itemInBounds(page, offset)) {
            throw new SqlException(SqlState.INDEX_CORRUPTED, "index \"" + shape.name() + "\" contains a corrupted tuple");
        }
        return decode(page.data(), page.itemOffset(offset), page.itemLength(offset));
    }

    private Tuple decode(byte[] data, int start, int length) {
        if (length < HEADER_SIZE || start + length > data.length) {
            throw new SqlException(SqlState.INDEX_CORRUPTED, "index \"" + shape.name() + "\" contains a truncated tuple");
        }
        int flags = Page.getUnsignedShort(data, start + 6);
        Tid tid = new Tid(Page.getInt(data, start), Page.getUnsignedShort(data, start + 4));
        int child = Page.getInt(data, start + 8);
        if ((flags & FLAG_MINUS_INFINITY) != 0) {
            return new Tuple(new Object[0], tid, flags, child);
        }
        TupleDescriptor descriptor = (flags & FLAG_PIVOT) != 0 ? pivotDescriptor : leafDescriptor;
        Object[] values;
        try {
            values = TupleCodec.decode(descriptor, Arrays.copyOfRange(data, start + HEADER_SIZE, start + length));
        } catch (RuntimeException e) {
            throw new SqlException(SqlState.INDEX_CORRUPTED, "index \"" + shape.name() + "\" contains a corrupted tuple");
        }
        if (values.length != descriptor.size()) {
            throw new SqlException(SqlState.INDEX_CORRUPTED, "index \"" + shape.name() + "\" contains a corrupted tuple");
        }
        return new Tuple(values, tid, flags, child);
    }

    /** One key column's order in the index: the type's btree order, reversed for DESC, NULLs placed by NULLS FIRST. */
    int compareColumn(int column, Object left, Object right) {
        if (left == null || right == null) {
            if (left == right) {
                return 0;
            }
            boolean nullsFirst = shape.nullsFirst().get(column);
            return (left == null) == nullsFirst ? -1 : 1;
        }
        int result = comparators.get(column).compare(left, right);
        return shape.descending().get(column) ? -Integer.signum(result) : Integer.signum(result);
    }

    /** Compares the first {@code columns} key columns of two value arrays in index order. */
    int compareKeys(Object[] left, Object[] right, int columns) {
        for (int i = 0; i < columns; i++) {
            int result = compareColumn(i, left[i], right[i]);
            if (result != 0) {
                return result;
            }
        }
        return 0;
    }

    static int compareTids(Tid left, Tid right) {
        int result = Integer.compareUnsigned(left.block(), right.block());
        return result != 0 ? result : Integer.compare(left.offset(), right.offset());
    }

    /**
     * A search key ({@code BTScanInsert}): a prefix of the key columns, optionally the heap TID,
     * and what to answer when all of those are equal: -1 sorts the target before the equal
     * tuples ("the first >="), +1 after them ("the first >"). It never compares equal, so a
     * binary search finds one boundary.
     */
    record Target(Object[] prefix, Tid tid, int tie) {
        static final Target MINUS_INFINITY = new Target(new Object[0], null, -1);
        static final Target PLUS_INFINITY = new Target(new Object[0], null, 1);
    }

    /** The sign of {@code target - tuple} in index order. */
    int compare(Target target, Tuple tuple) {
        if (tuple.minusInfinity()) {
            return 1;
        }
        int result = compareKeys(target.prefix(), tuple.values(), target.prefix().length);
        if (result != 0) {
            return result;
        }
        if (target.tid() != null) {
            result = compareTids(target.tid(), tuple.tid());
            if (result != 0) {
                return result;
            }
        }
        return target.tie();
    }

    /** Full order of two leaf entries: key columns, then heap TID. */
    int compareEntries(Object[] leftValues, Tid leftTid, Object[] rightValues, Tid rightTid) {
        int result = compareKeys(leftValues, rightValues, keyColumns());
        return result != 0 ? result : compareTids(leftTid, rightTid);
    }

    /** 54000 for a tuple too large for a B-tree page, as {@code _bt_check_third_page}. */
    void checkSize(byte[] tuple) {
        int size = Page.maxAlign(tuple.length);
        if (size > MAXIMUM_TUPLE_SIZE) {
            throw new SqlException(SqlState.PROGRAM_LIMIT_EXCEEDED, String.format(
                    "index row size %d exceeds btree version 4 maximum %d for index \"%s\"", size, MAXIMUM_TUPLE_SIZE,
                    shape.name())).withHint("Values larger than 1/3 of a buffer page cannot be indexed.\n"
                    + "Consider a function index of an MD5 hash of the value, or use full text indexing.");
        }
    }
}
