package org.woolly.utils.adt;

import java.math.BigDecimal;
import java.util.Comparator;

/**
 * The built-in aggregates ({@code pg_aggregate.dat} with the transition functions of
 * {@code numeric.c}, {@code int8.c}, {@code float.c}, {@code bool.c}, {@code varlena.c}).
 * Integer sums accumulate exactly; avg of integers and numeric is numeric with numeric
 * division's scale, avg of floats is float8.
 */
final class BuiltinAggregates {
    /** The types pg_aggregate lists min/max for (name goes through text; bool and bytea have none). */
    private static final int[] ORDERED_TYPES = {TypeOids.INT2, TypeOids.INT4, TypeOids.INT8, TypeOids.OID,
        TypeOids.FLOAT4, TypeOids.FLOAT8, TypeOids.NUMERIC, TypeOids.TEXT, TypeOids.BPCHAR, TypeOids.DATE,
        TypeOids.TIME, TypeOids.TIMESTAMP, TypeOids.TIMESTAMPTZ, TypeOids.INTERVAL, TypeOids.XID8};

    /** Running sum and row count; {@code sum} is a Long, Double, numeric value or Interval. */
    static final class Accumulator {
        Object sum;
        long count;
    }

    /** count's running state. */
    static final class Count {
        long rows;
    }

    private BuiltinAggregates() {}

    /** sum(int2/int4)'s running int8 sum ({@code int4_sum}), mutable: no boxed Long per row; null result before a row. */
    static final class Int8Sum {
        long sum;
        boolean any;
    }

    private static Object int8Sum(Object state, Object[] args) {
        Int8Sum total = (Int8Sum) state;
        total.sum = IntegerOperators.add(total.sum, ((Number) args[0]).longValue(), TypeOids.INT8);
        total.any = true;
        return total;
    }

    private static Object countRow(Object state, Object[] args) {
        ((Count) state).rows++;
        return state;
    }

    private static Object countResult(Object state) {
        return ((Count) state).rows;
    }

    static void register(BuiltinFunctions.Registry r) {
        // the count lives in a mutable holder: no boxed Long per row
        r.aggregate(new AggregateDescriptor("count", new int[0], TypeOids.INT8, TypeOids.INT8, Count::new,
                BuiltinAggregates::countRow, BuiltinAggregates::countResult, false)
                .withCombine(BuiltinAggregates::combineCounts));
        r.aggregate(new AggregateDescriptor("count", new int[] {BuiltinTypes.ANY}, TypeOids.INT8, TypeOids.INT8,
                Count::new, BuiltinAggregates::countRow, BuiltinAggregates::countResult, true)
                .withCombine(BuiltinAggregates::combineCounts));

        for (int type : new int[] {TypeOids.INT2, TypeOids.INT4}) {
            r.aggregate(new AggregateDescriptor("sum", new int[] {type}, TypeOids.INT8, TypeOids.INT8, Int8Sum::new,
                    BuiltinAggregates::int8Sum, state -> ((Int8Sum) state).any ? ((Int8Sum) state).sum : null, true)
                    .withCombine(BuiltinAggregates::combineInt8Sums));
            r.aggregate(average(type, BuiltinAggregates::integerSum, BuiltinAggregates::integerAverage));
        }
        r.aggregate(new AggregateDescriptor("sum", new int[] {TypeOids.INT8}, TypeOids.NUMERIC, TypeOids.NUMERIC,
                IntegerAccumulator::new, BuiltinAggregates::integerSum,
                state -> ((IntegerAccumulator) state).total(), true).withCombine(BuiltinAggregates::combineIntegers));
        r.aggregate(average(TypeOids.INT8, BuiltinAggregates::integerSum, BuiltinAggregates::integerAverage));
        r.aggregate(new AggregateDescriptor("sum", new int[] {TypeOids.NUMERIC}, TypeOids.NUMERIC, TypeOids.NUMERIC,
                Accumulator::new, BuiltinAggregates::numericSum, state -> ((Accumulator) state).sum, true)
                .withCombine(BuiltinAggregates::combineNumerics));
        r.aggregate(average(TypeOids.NUMERIC, BuiltinAggregates::numericSum, BuiltinAggregates::numericAverage));
        r.aggregate(new AggregateDescriptor("sum", new int[] {TypeOids.FLOAT4}, TypeOids.FLOAT4, TypeOids.FLOAT4,
                () -> null, (state, args) -> FloatOperators.box(TypeOids.FLOAT4, FloatOperators.add(
                        state == null ? 0 : (Float) state, (Float) args[0])), state -> state, true)
                .combinedByTransition());
        r.aggregate(new AggregateDescriptor("sum", new int[] {TypeOids.FLOAT8}, TypeOids.FLOAT8, TypeOids.FLOAT8,
                () -> null, (state, args) -> FloatOperators.add(state == null ? 0 : (Double) state, (Double) args[0]),
                state -> state, true).combinedByTransition());
        for (int type : new int[] {TypeOids.FLOAT4, TypeOids.FLOAT8}) {
            r.aggregate(new AggregateDescriptor("avg", new int[] {type}, TypeOids.FLOAT8, TypeOids.FLOAT8,
                    Accumulator::new, (state, args) -> {
                        Accumulator accumulator = (Accumulator) state;
                        accumulator.sum = FloatOperators.add(accumulator.sum == null ? 0 : (Double) accumulator.sum,
                                ((Number) args[0]).doubleValue());
                        accumulator.count++;
                        return accumulator;
                    }, state -> {
                        Accumulator accumulator = (Accumulator) state;
                        return accumulator.count == 0 ? null : (Double) accumulator.sum / accumulator.count;
                    }, true).withCombine((state, other) -> combineAccumulators(state, other,
                            (left, right) -> FloatOperators.add((Double) left, (Double) right))));
        }
        r.aggregate(new AggregateDescriptor("sum", new int[] {TypeOids.INTERVAL}, TypeOids.INTERVAL,
                TypeOids.INTERVAL, () -> null, (state, args) -> state == null ? args[0]
                        : addIntervals((Interval) state, (Interval) args[0]), state -> state, true)
                .combinedByTransition());
        r.aggregate(new AggregateDescriptor("avg", new int[] {TypeOids.INTERVAL}, TypeOids.INTERVAL,
                TypeOids.INTERVAL, Accumulator::new, (state, args) -> {
                    Accumulator accumulator = (Accumulator) state;
                    accumulator.sum = accumulator.sum == null ? args[0]
                            : addIntervals((Interval) accumulator.sum, (Interval) args[0]);
                    accumulator.count++;
                    return accumulator;
                }, state -> {
                    Accumulator accumulator = (Accumulator) state;
                    return accumulator.count == 0 ? null
                            : DateTimeFunctions.multiplyInterval((Interval) accumulator.sum, 1.0 / accumulator.count);
                }, true).withCombine((state, other) -> combineAccumulators(state, other,
                        (left, right) -> addIntervals((Interval) left, (Interval) right))));

        for (int type : ORDERED_TYPES) {
            Comparator<Object> comparator = BuiltinTypes.comparator(type);
            r.aggregate(new AggregateDescriptor("min", new int[] {type}, type, type, () -> null,
                    (state, args) -> state == null || comparator.compare(args[0], state) < 0 ? args[0] : state,
                    state -> state, true).combinedByTransition());
            r.aggregate(new AggregateDescriptor("max", new int[] {type}, type, type, () -> null,
                    (state, args) -> state == null || comparator.compare(args[0], state) > 0 ? args[0] : state,
                    state -> state, true).combinedByTransition());
        }
        for (int type : new int[] {TypeOids.INT2, TypeOids.INT4, TypeOids.INT8}) {
            integerBitAggregate(r, "bit_and", type, (a, b) -> a & b);
            integerBitAggregate(r, "bit_or", type, (a, b) -> a | b);
            integerBitAggregate(r, "bit_xor", type, (a, b) -> a ^ b);
        }
        for (String name : new String[] {"bool_and", "every"}) {
            r.aggregate(new AggregateDescriptor(name, new int[] {TypeOids.BOOL}, TypeOids.BOOL, TypeOids.BOOL,
                    () -> null, (state, args) -> (state == null || (Boolean) state) && (Boolean) args[0],
                    state -> state, true).combinedByTransition());
        }
        r.aggregate(new AggregateDescriptor("bool_or", new int[] {TypeOids.BOOL}, TypeOids.BOOL, TypeOids.BOOL,
                () -> null, (state, args) -> state != null && (Boolean) state || (Boolean) args[0], state -> state,
                true).combinedByTransition());
        r.aggregate(new AggregateDescriptor("string_agg", new int[] {TypeOids.TEXT, TypeOids.TEXT}, TypeOids.TEXT,
                TypeOids.TEXT, () -> null, (state, args) -> {
                    if (args[0] == null) {
                        return state;
                    }
                    StringBuilder builder = (StringBuilder) state;
                    if (builder == null) {
                        return new StringBuilder((String) args[0]);
                    }
                    if (args[1] != null) {
                        builder.append((String) args[1]);
                    }
                    return builder.append((String) args[0]);
                }, state -> state == null ? null : state.toString(), false));
        r.aggregate(new AggregateDescriptor("string_agg", new int[] {TypeOids.BYTEA, TypeOids.BYTEA},
                TypeOids.BYTEA, TypeOids.BYTEA, () -> null, (state, args) -> {
                    if (args[0] == null) {
                        return state;
                    }
                    java.io.ByteArrayOutputStream buffer = (java.io.ByteArrayOutputStream) state;
                    if (buffer == null) {
                        buffer = new java.io.ByteArrayOutputStream();
                    } else if (args[1] != null) {
                        buffer.writeBytes((byte[]) args[1]);
                    }
                    buffer.writeBytes((byte[]) args[0]);
                    return buffer;
                }, state -> state == null ? null : ((java.io.ByteArrayOutputStream) state).toByteArray(), false));
    }

    private static AggregateDescriptor average(int type, AggregateDescriptor.Transition transition,
                                               AggregateDescriptor.Final finalFunction) {
        return new AggregateDescriptor("avg", new int[] {type}, TypeOids.NUMERIC, TypeOids.NUMERIC,
                type == TypeOids.NUMERIC ? Accumulator::new : IntegerAccumulator::new, transition, finalFunction, true)
                .withCombine(type == TypeOids.NUMERIC ? BuiltinAggregates::combineNumerics
                        : BuiltinAggregates::combineIntegers);
    }

    /**
     * Running sum and count of integers: a long until the sum would overflow, then numeric (the
     * role of {@code int4_avg_accum}'s int8 pair and {@code int8_avg_accum}'s 128-bit sum: no
     * numeric arithmetic per row).
     */
    static final class IntegerAccumulator {
        long sum;
        BigDecimal overflow;
        long count;

        void add(long value) {
            long total = sum + value;
            if (((sum ^ total) & (value ^ total)) < 0) {
                overflow = (overflow == null ? BigDecimal.ZERO : overflow).add(BigDecimal.valueOf(sum))
                        .add(BigDecimal.valueOf(value));
                total = 0;
            }
            sum = total;
            count++;
        }

        /** Adds another accumulator's rows ({@code int8_avg_combine}). */
        void merge(IntegerAccumulator other) {
            long total = sum + other.sum;
            if (((sum ^ total) & (other.sum ^ total)) < 0) {
                overflow = (overflow == null ? BigDecimal.ZERO : overflow).add(BigDecimal.valueOf(sum))
                        .add(BigDecimal.valueOf(other.sum));
                total = 0;
            }
            sum = total;
            if (other.overflow != null) {
                overflow = overflow == null ? other.overflow : overflow.add(other.overflow);
            }
            count += other.count;
        }

        /** The sum as numeric; null before the first row. */
        BigDecimal total() {
            if (count == 0) {
                return null;
            }
            return overflow == null ? BigDecimal.valueOf(sum) : overflow.add(BigDecimal.valueOf(sum));
        }
    }

    private static Object integerSum(Object state, Object[] args) {
        IntegerAccumulator accumulator = (IntegerAccumulator) state;
        accumulator.add(((Number) args[0]).longValue());
        return accumulator;
    }

    private static Object integerAverage(Object state) {
        IntegerAccumulator accumulator = (IntegerAccumulator) state;
        if (accumulator.count == 0) {
            return null;
        }
        return NumericOperators.divide(accumulator.total(), BigDecimal.valueOf(accumulator.count));
    }

    private static Object numericSum(Object state, Object[] args) {
        Accumulator accumulator = (Accumulator) state;
        Object value = args[0] instanceof BigDecimal || args[0] instanceof NumericSpecial ? args[0]
                : BigDecimal.valueOf(((Number) args[0]).longValue());
        accumulator.sum = accumulator.sum == null ? value : NumericOperators.add(accumulator.sum, value);
        accumulator.count++;
        return accumulator;
    }

    private static Object numericAverage(Object state) {
        Accumulator accumulator = (Accumulator) state;
        if (accumulator.count == 0) {
            return null;
        }
        return NumericOperators.divide(accumulator.sum, BigDecimal.valueOf(accumulator.count));
    }

    // Combine functions ({@code aggcombinefn}): two partial states of one group into one

    private static Object combineCounts(Object state, Object other) {
        ((Count) state).rows += ((Count) other).rows;
        return state;
    }

    private static Object combineInt8Sums(Object state, Object other) {
        Int8Sum total = (Int8Sum) state;
        Int8Sum more = (Int8Sum) other;
        if (more.any) {
            total.sum = IntegerOperators.add(total.sum, more.sum, TypeOids.INT8);
            total.any = true;
        }
        return total;
    }

    private static Object combineIntegers(Object state, Object other) {
        ((IntegerAccumulator) state).merge((IntegerAccumulator) other);
        return state;
    }

    private static Object combineNumerics(Object state, Object other) {
        return combineAccumulators(state, other, NumericOperators::add);
    }

    /** Sums and counts of two {@link Accumulator}s, the sums added by {@code add} ({@code numeric_avg_combine}). */
    private static Object combineAccumulators(Object state, Object other,
                                              java.util.function.BinaryOperator<Object> add) {
        Accumulator accumulator = (Accumulator) state;
        Accumulator more = (Accumulator) other;
        if (more.sum != null) {
            accumulator.sum = accumulator.sum == null ? more.sum : add.apply(accumulator.sum, more.sum);
        }
        accumulator.count += more.count;
        return accumulator;
    }

    private static Interval addIntervals(Interval left, Interval right) {
        return new Interval(left.months() + right.months(), left.days() + right.days(),
                left.microseconds() + right.microseconds());
    }

    /** {@code int2and}, {@code int4or}, {@code int8xor}...: bitwise aggregates over one integer width. */
    private static void integerBitAggregate(BuiltinFunctions.Registry r, String name, int type,
                                            java.util.function.LongBinaryOperator operation) {
        r.aggregate(new AggregateDescriptor(name, new int[] {type}, type, type, () -> null,
                (state, args) -> state == null ? args[0] : IntegerOperators.narrow(type,
                        operation.applyAsLong(((Number) state).longValue(), ((Number) args[0]).longValue())),
                state -> state, true).combinedByTransition());
    }
}
