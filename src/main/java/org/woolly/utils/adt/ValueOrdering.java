package org.woolly.utils.adt;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Comparator;

/**
 * Btree comparison and hash-equality of values per type: the btree support functions
 * ({@code btint4cmp}, {@code float8_cmp_internal}, {@code cmp_numerics}, {@code bttextcmp}
 * in "C" collation, {@code bpcharcmp}, {@code interval_cmp_internal}) and the matching hash
 * opclasses.
 */
final class ValueOrdering {
    private ValueOrdering() {}

    private static final Comparator<Object> NATURAL = (left, right) -> compareNatural(left, right);
    private static final Comparator<Object> OID = (left, right) -> Integer.compareUnsigned((Integer) left,
            (Integer) right);
    private static final Comparator<Object> XID8 = ValueOrdering::compareXid8;
    private static final Comparator<Object> FLOAT = (left, right) -> compareFloat(((Number) left).doubleValue(),
            ((Number) right).doubleValue());
    private static final Comparator<Object> NUMERIC = ValueOrdering::compareNumeric;
    private static final Comparator<Object> TEXT = (left, right) -> compareText((String) left, (String) right);
    private static final Comparator<Object> BPCHAR = (left, right) -> compareText((String) left,
            unpaddedLength((String) left), (String) right, unpaddedLength((String) right));
    private static final Comparator<Object> BYTEA = (left, right) -> Arrays.compareUnsigned((byte[]) left,
            (byte[]) right);
    private static final Comparator<Object> INTERVAL = (left, right) -> compareInterval((Interval) left,
            (Interval) right);

    static Comparator<Object> comparator(int typeOid) {
        return switch (typeOid) {
            case TypeOids.OID -> OID;
            case TypeOids.XID8 -> XID8;
            case TypeOids.FLOAT4, TypeOids.FLOAT8 -> FLOAT;
            case TypeOids.NUMERIC -> NUMERIC;
            case TypeOids.TEXT, TypeOids.VARCHAR, TypeOids.NAME, TypeOids.CHAR, TypeOids.UNKNOWN -> TEXT;
            case TypeOids.BPCHAR -> BPCHAR;
            case TypeOids.BYTEA -> BYTEA;
            case TypeOids.INTERVAL -> INTERVAL;
            default -> BuiltinTypes.elementType(typeOid) != 0
                    ? ArrayValue.comparator(BuiltinTypes.elementType(typeOid))
                    // a user-defined type: an enum's values are label OIDs ordered by pg_enum
                    : BuiltinTypes.byOid(typeOid) == null ? EnumTypeIO.ORDERING : NATURAL;
        };
    }

    /** {@code xid8cmp}: 64-bit transaction IDs compare unsigned. */
    static int compareXid8(Object left, Object right) {
        return Long.compareUnsigned((Long) left, (Long) right);
    }

    @SuppressWarnings("unchecked")
    private static int compareNatural(Object left, Object right) {
        return ((Comparable<Object>) left).compareTo(right);
    }

    static int compareFloat(double left, double right) {
        if (left < right) {
            return -1;
        }
        if (left > right) {
            return 1;
        }
        boolean leftNaN = Double.isNaN(left);
        boolean rightNaN = Double.isNaN(right);
        if (leftNaN || rightNaN) {
            return leftNaN == rightNaN ? 0 : leftNaN ? 1 : -1;
        }
        return 0;
    }

    /** -Infinity &lt; finite &lt; +Infinity &lt; NaN, as in {@code cmp_numerics}. */
    static int compareNumeric(Object left, Object right) {
        int leftRank = numericRank(left);
        int rightRank = numericRank(right);
        if (leftRank != 0 || rightRank != 0) {
            return Integer.compare(leftRank, rightRank);
        }
        return ((BigDecimal) left).compareTo((BigDecimal) right);
    }

    private static int numericRank(Object value) {
        if (value instanceof NumericSpecial special) {
            return switch (special) {
                case NEGATIVE_INFINITY -> -1;
                case POSITIVE_INFINITY -> 1;
                case NAN -> 2;
            };
        }
        return 0;
    }

    /** Code point order, which is UTF-8 byte order: the "C" collation. */
    static int compareText(String left, String right) {
        return compareText(left, left.length(), right, right.length());
    }

    /** Compares the first {@code leftLength} characters of {@code left} with the first {@code rightLength} of {@code right}. */
    private static int compareText(String left, int leftLength, String right, int rightLength) {
        int length = Math.min(leftLength, rightLength);
        for (int i = 0; i < length; i++) {
            char a = left.charAt(i);
            char b = right.charAt(i);
            if (a != b) {
                return codePointOrder(a) - codePointOrder(b);
            }
        }
        return leftLength - rightLength;
    }

    /** Moves surrogates above U+E000..U+FFFF so UTF-16 units sort as code points. */
    private static int codePointOrder(char c) {
        if (c < 0xD800) {
            return c;
        }
        return c >= 0xE000 ? c - 0x800 : c + 0x2000;
    }

    static String stripTrailingBlanks(String value) {
        int end = unpaddedLength(value);
        return end == value.length() ? value : value.substring(0, end);
    }

    /** The length of a character(n) value without its trailing blanks, which do not count in comparisons. */
    private static int unpaddedLength(String value) {
        int end = value.length();
        while (end > 0 && value.charAt(end - 1) == ' ') {
            end--;
        }
        return end;
    }

    static int compareInterval(Interval left, Interval right) {
        return intervalSpan(left).compareTo(intervalSpan(right));
    }

    /** An interval's length with a month as 30 days and a day as 24 hours ({@code interval_cmp_value}). */
    static BigInteger intervalSpan(Interval value) {
        long days = value.months() * 30L + value.days();
        return BigInteger.valueOf(days).multiply(BigInteger.valueOf(DateTimeArithmetic.USECS_PER_DAY))
                .add(BigInteger.valueOf(value.microseconds()));
    }

    static Object groupingKey(int typeOid, Object value) {
        if (value == null) {
            return null;
        }
        return switch (typeOid) {
            case TypeOids.NUMERIC -> value instanceof BigDecimal decimal
                    ? (decimal.signum() == 0 ? BigDecimal.ZERO : decimal.stripTrailingZeros()) : value;
            case TypeOids.FLOAT4 -> ((Float) value) == 0 ? Float.valueOf(0) : value;
            case TypeOids.FLOAT8 -> ((Double) value) == 0 ? Double.valueOf(0) : value;
            case TypeOids.BPCHAR -> stripTrailingBlanks((String) value);
            case TypeOids.BYTEA -> ByteBuffer.wrap((byte[]) value);
            case TypeOids.INTERVAL -> intervalSpan((Interval) value);
            default -> value;
        };
    }
}
