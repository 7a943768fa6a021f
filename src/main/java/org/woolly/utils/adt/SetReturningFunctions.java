package org.woolly.utils.adt;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * The built-in set-returning functions ({@code proretset}): {@code generate_series} over
 * integers, bigints, numerics and timestamps ({@code int.c}, {@code int8.c}, {@code numeric.c},
 * {@code timestamp.c}). An implementation answers a lazy {@link Iterator} of the values, which the
 * executor's FunctionScan and ProjectSet nodes pull one at a time (PostgreSQL's value-per-call
 * protocol), so {@code generate_series(1, 1000000000)} never holds its rows in memory.
 */
public final class SetReturningFunctions {
    /** PostgreSQL's {@code prorows} of a set-returning function without a support function estimate. */
    public static final double DEFAULT_ROWS = 1000;

    private static final Set<Integer> OIDS = Set.of(938, 939, 1066, 1191, 1192, 1067, 1068, 1069, 1936, 2331, 3259, 3260,
            3425, 2947, 5064, 8700, 8731, 9050, 2763, 2764, 2765, 2766, 6160, 6161, 9300, 9313, 9743,
            3957, 3931, 3955, 3969, 3219, 3465, 3035, 1065, 1293, 3819,
            3958, 3959, 3208, 3932, 3961, 3475, 3205, 3491, 4006, 1179);

    /** The JSON set-returning functions, whose pg_proc rows say {@code prorows} 100. */
    private static final Set<Integer> HUNDRED_ROWS = Set.of(3957, 3931, 3955, 3969, 3219, 3465, 3958, 3959, 3208,
            3932, 3961, 3475, 3205, 3491);

    private SetReturningFunctions() {}

    /** {@code prorows} of the set-returning pg_proc row {@code oid}: the planner's estimate without a better one. */
    public static double declaredRows(int oid) {
        return HUNDRED_ROWS.contains(oid) ? 100 : DEFAULT_ROWS;
    }

    /** True when the pg_proc row {@code oid} returns a set. */
    public static boolean returnsSet(int oid) {
        return OIDS.contains(oid);
    }

    /**
     * The number of rows a call returns when its arguments are known, as PostgreSQL's support
     * functions {@code generate_series_int4_support}/{@code _int8_support} estimate it; -1 when
     * there is no estimate (then {@link #DEFAULT_ROWS} applies).
     */
    public static double estimateRows(int oid, Object[] constantArgs) {
        if (oid < 1066 || oid > 1069) {
            return -1;
        }
        for (Object arg : constantArgs) {
            if (arg == null) {
                return -1;
            }
        }
        double start = ((Number) constantArgs[0]).doubleValue();
        double stop = ((Number) constantArgs[1]).doubleValue();
        double step = constantArgs.length > 2 ? ((Number) constantArgs[2]).doubleValue() : 1;
        if (step == 0) {
            return -1;
        }
        double rows = Math.floor((stop - start + step) / step);
        return rows > 0 ? rows : 0;
    }

    static void register(BuiltinFunctions.Registry r) {
        int int4 = TypeOids.INT4;
        int int8 = TypeOids.INT8;
        int numeric = TypeOids.NUMERIC;
        r.function("generate_series", int4, (a, c) -> integers((Integer) a[0], (Integer) a[1], 1, true), int4, int4);
        r.function("generate_series", int4, (a, c) -> integers((Integer) a[0], (Integer) a[1], (Integer) a[2], true),
                int4, int4, int4);
        r.function("generate_series", int8, (a, c) -> integers((Long) a[0], (Long) a[1], 1, false), int8, int8);
        r.function("generate_series", int8, (a, c) -> integers((Long) a[0], (Long) a[1], (Long) a[2], false),
                int8, int8, int8);
        r.function("generate_series", numeric, (a, c) -> numerics(a[0], a[1], java.math.BigDecimal.ONE),
                numeric, numeric);
        r.function("generate_series", numeric, (a, c) -> numerics(a[0], a[1], a[2]), numeric, numeric, numeric);
        r.function("generate_series", TypeOids.TIMESTAMP, (a, c) -> timestamps((Long) a[0], (Long) a[1],
                (Interval) a[2], null), TypeOids.TIMESTAMP, TypeOids.TIMESTAMP, TypeOids.INTERVAL);
        r.function("generate_series", TypeOids.TIMESTAMPTZ, PgProcData.STABLE, PgProcData.STRICT,
                (a, c) -> timestamps((Long) a[0], (Long) a[1], (Interval) a[2], c.formatSettings().timeZone()),
                TypeOids.TIMESTAMPTZ, TypeOids.TIMESTAMPTZ, TypeOids.INTERVAL);
    }

    private static SqlException zeroStep() {
        return new SqlException(SqlState.INVALID_PARAMETER_VALUE, "step size cannot equal zero");
    }

    /** {@code generate_series_step_int4/int8}: stops when the next value would overflow. */
    private static Iterator<Object> integers(long start, long stop, long step, boolean int4) {
        if (step == 0) {
            throw zeroStep();
        }
        long min = int4 ? Integer.MIN_VALUE : Long.MIN_VALUE;
        long max = int4 ? Integer.MAX_VALUE : Long.MAX_VALUE;
        return new Series<>(start, current -> step > 0 ? current <= stop : current >= stop, current -> {
            long next;
            try {
                next = Math.addExact(current, step);
            } catch (ArithmeticException overflow) {
                return null;
            }
            return next < min || next > max ? null : next;
        }, value -> int4 ? (Object) (int) (long) value : (Object) value);
    }

    /** {@code generate_series_step_numeric}: NaN and infinite bounds or steps are refused (22023). */
    private static Iterator<Object> numerics(Object start, Object stop, Object step) {
        check(start, "start value");
        check(stop, "stop value");
        check(step, "step size");
        java.math.BigDecimal increment = (java.math.BigDecimal) step;
        if (increment.signum() == 0) {
            throw zeroStep();
        }
        java.math.BigDecimal end = (java.math.BigDecimal) stop;
        return new Series<>((java.math.BigDecimal) start,
                current -> increment.signum() > 0 ? current.compareTo(end) <= 0 : current.compareTo(end) >= 0,
                current -> current.add(increment), value -> value);
    }

    private static void check(Object value, String what) {
        if (NumericOperators.isNaN(value)) {
            throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, what + " cannot be NaN");
        }
        if (!(value instanceof java.math.BigDecimal)) {
            throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, what + " cannot be infinity");
        }
    }

    /** {@code generate_series_timestamp(tz)}: the step's sign is its comparison with a zero interval. */
    private static Iterator<Object> timestamps(long start, long stop, Interval step, java.time.ZoneId zone) {
        int direction = ValueOrdering.compareInterval(step, new Interval(0, 0, 0));
        if (direction == 0) {
            throw zeroStep();
        }
        return new Series<>(start, current -> direction > 0 ? current <= stop : current >= stop,
                current -> DateTimeArithmetic.timestampPlusInterval(current, step, zone), value -> value);
    }

    /** A lazy arithmetic series: {@code next} answers null when the following value cannot be computed. */
    private static final class Series<T> implements Iterator<Object> {
        private final java.util.function.Predicate<T> inRange;
        private final UnaryOperator<T> next;
        private final java.util.function.Function<T, Object> output;
        private T current;

        Series(T start, java.util.function.Predicate<T> inRange, UnaryOperator<T> next,
               java.util.function.Function<T, Object> output) {
            this.current = start;
            this.inRange = inRange;
            this.next = next;
            this.output = output;
        }

        @Override
        public boolean hasNext() {
            return current != null && inRange.test(current);
        }

        @Override
        public Object next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            T value = current;
            current = next.apply(value);
            return output.apply(value);
        }
    }
}
