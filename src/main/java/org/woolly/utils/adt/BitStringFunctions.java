package org.woolly.utils.adt;

/**
 * The functions, operators, casts and aggregates of {@code bit} and {@code bit varying}
 * ({@code varbit.c}): bitwise operators, shifts, concatenation, substring/overlay/position,
 * get_bit/set_bit, bit_count and the integer conversions. The comparison operators are
 * {@link ComparisonOperators}'; varbit arguments reach the bit functions through the binary
 * coercion between the two types, as in PostgreSQL.
 */
final class BitStringFunctions {
    private static final int BIT = TypeOids.BIT;
    private static final int VARBIT = TypeOids.VARBIT;
    private static final int INT4 = TypeOids.INT4;
    private static final int INT8 = TypeOids.INT8;

    private BitStringFunctions() {}

    static void register(BuiltinFunctions.Registry r) {
        r.operator("&", BIT, BIT, BIT, (a, c) -> bits(a[0]).and(bits(a[1])));
        r.operator("|", BIT, BIT, BIT, (a, c) -> bits(a[0]).or(bits(a[1])));
        r.operator("#", BIT, BIT, BIT, (a, c) -> bits(a[0]).xor(bits(a[1])));
        r.operator("~", 0, BIT, BIT, (a, c) -> bits(a[0]).not());
        r.operator("<<", BIT, INT4, BIT, (a, c) -> bits(a[0]).shiftLeft((Integer) a[1]));
        r.operator(">>", BIT, INT4, BIT, (a, c) -> bits(a[0]).shiftLeft(-(long) (Integer) a[1]));
        r.operator("||", VARBIT, VARBIT, VARBIT, (a, c) -> bits(a[0]).concat(bits(a[1])));

        r.function("length", INT4, (a, c) -> bits(a[0]).length(), BIT);
        r.function("bit_length", INT4, (a, c) -> bits(a[0]).length(), BIT);
        r.function("octet_length", INT4, (a, c) -> (bits(a[0]).length() + 7) / 8, BIT);
        r.function("bit_count", INT8, (a, c) -> (long) bits(a[0]).popCount(), BIT);
        r.function("bit_count", INT8, (a, c) -> byteBitCount((byte[]) a[0]), TypeOids.BYTEA);
        r.function("substring", BIT, (a, c) -> bits(a[0]).substring((Integer) a[1], (Integer) a[2]), BIT, INT4, INT4);
        r.function("substring", BIT, (a, c) -> bits(a[0]).substring((Integer) a[1], null), BIT, INT4);
        r.function("overlay", BIT, (a, c) -> bits(a[0]).overlay(bits(a[1]), (Integer) a[2], (Integer) a[3]),
                BIT, BIT, INT4, INT4);
        r.function("overlay", BIT, (a, c) -> bits(a[0]).overlay(bits(a[1]), (Integer) a[2], bits(a[1]).length()),
                BIT, BIT, INT4);
        r.function("position", INT4, (a, c) -> bits(a[0]).position(bits(a[1])), BIT, BIT);
        r.function("get_bit", INT4, (a, c) -> bits(a[0]).getBit((Integer) a[1]), BIT, INT4);
        r.function("set_bit", BIT, (a, c) -> bits(a[0]).setBit((Integer) a[1], (Integer) a[2]), BIT, INT4, INT4);
        r.function("bit", BIT, (a, c) -> fromInteger((Integer) a[0], Integer.SIZE, (Integer) a[1]), INT4, INT4);
        r.function("bit", BIT, (a, c) -> fromInteger((Long) a[0], Long.SIZE, (Integer) a[1]), INT8, INT4);
        r.function("int4", INT4, (a, c) -> (int) bits(a[0]).toInteger(Integer.SIZE, "integer"), BIT);
        r.function("int8", INT8, (a, c) -> bits(a[0]).toInteger(Long.SIZE, "bigint"), BIT);

        r.cast(BIT, VARBIT, CastDescriptor.IMPLICIT, null);
        r.cast(VARBIT, BIT, CastDescriptor.IMPLICIT, null);
        r.cast(INT4, BIT, CastDescriptor.EXPLICIT, (v, typmod, c) -> fromInteger((Integer) v, Integer.SIZE, typmod));
        r.cast(INT8, BIT, CastDescriptor.EXPLICIT, (v, typmod, c) -> fromInteger((Long) v, Long.SIZE, typmod));
        r.cast(BIT, INT4, CastDescriptor.EXPLICIT, (v, typmod, c) -> (int) bits(v).toInteger(Integer.SIZE, "integer"));
        r.cast(BIT, INT8, CastDescriptor.EXPLICIT, (v, typmod, c) -> bits(v).toInteger(Long.SIZE, "bigint"));

        aggregate(r, "bit_and", (x, y) -> x.and(y));
        aggregate(r, "bit_or", (x, y) -> x.or(y));
        aggregate(r, "bit_xor", (x, y) -> x.xor(y));
    }

    private static BitString bits(Object value) {
        return (BitString) value;
    }

    /** A typmod of -1 (no length given) means bit(1), as {@code bitfromint4} takes it. */
    private static BitString fromInteger(long value, int width, int typmod) {
        return BitString.fromInteger(value, width, typmod <= 0 ? 1 : typmod);
    }

    private interface Combination {
        BitString apply(BitString state, BitString next);
    }

    private static void aggregate(BuiltinFunctions.Registry r, String name, Combination combination) {
        r.aggregate(new AggregateDescriptor(name, new int[] {BIT}, BIT, BIT, () -> null,
                (state, args) -> state == null ? args[0] : combination.apply(bits(state), bits(args[0])),
                state -> state, true));
    }

    /** {@code bytea_bit_count}: the bits set in every byte. */
    private static long byteBitCount(byte[] bytes) {
        long count = 0;
        for (byte b : bytes) {
            count += Integer.bitCount(b & 0xff);
        }
        return count;
    }
}
