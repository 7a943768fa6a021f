package org.woolly.utils.adt;

import java.util.Comparator;
import java.util.Objects;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * A value of a range type ({@code RangeType} in {@code src/include/utils/rangetypes.h}): the range
 * type's OID, the bound values (null for an infinite bound) and the flag byte with PostgreSQL's
 * bits. Values are always made through {@link #make}, which does what {@code make_range} does:
 * checks the bounds' order, turns a range with equal bounds and an exclusive side into
 * {@code empty}, and canonicalizes the discrete types to {@code [lower,upper)}.
 * Ordering is {@code range_cmp}; equality and hashing agree with it.
 */
public record RangeValue(int typeOid, Object lower, Object upper, byte flags) implements Comparable<RangeValue> {
    public static final byte EMPTY = 0x01;
    public static final byte LB_INC = 0x02;
    public static final byte UB_INC = 0x04;
    public static final byte LB_INF = 0x08;
    public static final byte UB_INF = 0x10;

    /** One bound of a range ({@code RangeBound}): an infinite bound has no value. */
    public record Bound(Object value, boolean infinite, boolean inclusive, boolean lower) {

        /** The same bound on the other side with its inclusivity flipped (where two ranges meet). */
        Bound flipped() {
            return new Bound(value, infinite, !inclusive, !lower);
        }
    }

    public boolean isEmpty() {
        return (flags & EMPTY) != 0;
    }

    public Bound lowerBound() {
        return new Bound(lower, (flags & LB_INF) != 0, (flags & LB_INC) != 0, true);
    }

    public Bound upperBound() {
        return new Bound(upper, (flags & UB_INF) != 0, (flags & UB_INC) != 0, false);
    }

    public RangeTypes.RangeType rangeType() {
        return RangeTypes.byRange(typeOid);
    }

    Comparator<Object> subtypeOrder() {
        return BuiltinTypes.comparator(rangeType().subtype());
    }

    /** The empty range of a range type. */
    public static RangeValue empty(int typeOid) {
        return new RangeValue(typeOid, null, null, EMPTY);
    }

    /**
     * {@code make_range}: the range of these bounds, checked ({@code 22000} when lower exceeds
     * upper), made empty when the bounds meet with an exclusive side, canonicalized when the type
     * is discrete.
     */
    public static RangeValue make(int typeOid, Bound lower, Bound upper, boolean empty) {
        RangeTypes.RangeType type = RangeTypes.byRange(typeOid);
        RangeValue range = serialize(typeOid, BuiltinTypes.comparator(type.subtype()), lower, upper, empty);
        return type.discrete() ? canonical(range) : range;
    }

    private static RangeValue serialize(int typeOid, Comparator<Object> order, Bound lower, Bound upper,
                                        boolean empty) {
        if (empty) {
            return empty(typeOid);
        }
        if (!lower.infinite() && !upper.infinite()) {
            int cmp = order.compare(lower.value(), upper.value());
            if (cmp > 0) {
                throw SqlException.of(SqlState.DATA_EXCEPTION,
                        "range lower bound must be less than or equal to range upper bound");
            }
            if (cmp == 0 && !(lower.inclusive() && upper.inclusive())) {
                return empty(typeOid);
            }
        }
        int flags = 0;
        flags |= lower.infinite() ? LB_INF : lower.inclusive() ? LB_INC : 0;
        flags |= upper.infinite() ? UB_INF : upper.inclusive() ? UB_INC : 0;
        return new RangeValue(typeOid, lower.infinite() ? null : lower.value(), upper.infinite() ? null : upper.value(),
                (byte) flags);
    }

    /**
     * The canonical functions of the discrete types ({@code int4range_canonical},
     * {@code int8range_canonical}, {@code daterange_canonical}): an exclusive lower bound and an
     * inclusive upper bound move to the next value.
     */
    public static RangeValue canonical(RangeValue range) {
        if (range.isEmpty()) {
            return range;
        }
        Bound lower = range.lowerBound();
        Bound upper = range.upperBound();
        int subtype = range.rangeType().subtype();
        if (!lower.infinite() && !lower.inclusive() && finite(subtype, lower.value())) {
            lower = new Bound(successor(subtype, lower.value()), false, true, true);
        }
        if (!upper.infinite() && upper.inclusive() && finite(subtype, upper.value())) {
            upper = new Bound(successor(subtype, upper.value()), false, false, false);
        }
        return serialize(range.typeOid(), BuiltinTypes.comparator(subtype), lower, upper, false);
    }

    /** Whether a bound value is a finite one: daterange_canonical leaves infinite dates as they are. */
    private static boolean finite(int subtype, Object value) {
        return subtype != TypeOids.DATE || (Integer) value != Integer.MAX_VALUE && (Integer) value != Integer.MIN_VALUE;
    }

    private static Object successor(int subtype, Object value) {
        return switch (subtype) {
            case TypeOids.INT4 -> {
                int v = (Integer) value;
                if (v == Integer.MAX_VALUE) {
                    throw TypeErrors.integerOutOfRange();
                }
                yield v + 1;
            }
            case TypeOids.INT8 -> {
                long v = (Long) value;
                if (v == Long.MAX_VALUE) {
                    throw TypeErrors.bigintOutOfRange();
                }
                yield v + 1;
            }
            case TypeOids.DATE -> (Integer) value + 1;
            default -> value;
        };
    }

    /** {@code range_cmp_bounds}: the order of two bounds, inclusivity and side included. */
    static int compareBounds(Comparator<Object> order, Bound b1, Bound b2) {
        int result = compareBoundValues(order, b1, b2);
        if (result == 0 && !b1.infinite() && !b2.infinite()) {
            // an exclusive lower bound lies just above its value, an exclusive upper bound just below
            if (!b1.inclusive() && !b2.inclusive()) {
                return b1.lower() == b2.lower() ? 0 : b1.lower() ? 1 : -1;
            }
            if (!b1.inclusive()) {
                return b1.lower() ? 1 : -1;
            }
            if (!b2.inclusive()) {
                return b2.lower() ? -1 : 1;
            }
        }
        return result;
    }

    /** {@code range_cmp_bound_values}: the order of the bounds' values, infinities included, sides ignored. */
    static int compareBoundValues(Comparator<Object> order, Bound b1, Bound b2) {
        if (b1.infinite() && b2.infinite()) {
            return b1.lower() == b2.lower() ? 0 : b1.lower() ? -1 : 1;
        }
        if (b1.infinite()) {
            return b1.lower() ? -1 : 1;
        }
        if (b2.infinite()) {
            return b2.lower() ? 1 : -1;
        }
        return order.compare(b1.value(), b2.value());
    }

    /** {@code range_cmp}: empty sorts first, then by lower bound, then by upper bound. */
    @Override
    public int compareTo(RangeValue other) {
        if (isEmpty() || other.isEmpty()) {
            return isEmpty() && other.isEmpty() ? 0 : isEmpty() ? -1 : 1;
        }
        Comparator<Object> order = subtypeOrder();
        int cmp = compareBounds(order, lowerBound(), other.lowerBound());
        return cmp != 0 ? cmp : compareBounds(order, upperBound(), other.upperBound());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RangeValue range && range.typeOid == typeOid && compareTo(range) == 0;
    }

    /** {@code hash_range}: the flags and the subtype's hash of each bound. */
    @Override
    public int hashCode() {
        int subtype = RangeTypes.subtype(typeOid);
        return Objects.hash(flags, lower == null ? null : BuiltinTypes.groupingKey(subtype, lower),
                upper == null ? null : BuiltinTypes.groupingKey(subtype, upper));
    }
}
