package org.woolly.utils.adt;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * {@code var_pop}, {@code var_samp} ({@code variance}) and {@code stddev_pop}, {@code stddev_samp}
 * ({@code stddev}). Integer and numeric inputs keep exact sums of x and x² and finish as
 * {@code numeric_stddev_internal} does: (N·Σx² − (Σx)²) / (N·(N−1)) or / N², at the division
 * scale of numeric division, the root at that scale. Float inputs use the Youngs-Cramer update of
 * {@code float8_accum}, so results agree with PostgreSQL's to the last bit.
 */
final class VarianceAggregates {
    private VarianceAggregates() {}

    /** Exact running sums for integer and numeric inputs; a NaN or infinite input makes the result NaN. */
    private static final class Exact {
        long count;
        BigDecimal sum = BigDecimal.ZERO;
        BigDecimal sumOfSquares = BigDecimal.ZERO;
        boolean special;
    }

    /** {@code float8_accum}'s N, Sx and Sxx. */
    private static final class Floating {
        double count;
        double sum;
        double sumOfSquaredDeviations;
    }

    static void register(BuiltinFunctions.Registry r) {
        String[][] names = {{"var_pop"}, {"var_samp", "variance"}, {"stddev_pop"}, {"stddev_samp", "stddev"}};
        for (int kind = 0; kind < names.length; kind++) {
            boolean sample = kind % 2 == 1;
            boolean root = kind >= 2;
            for (String name : names[kind]) {
                for (int type : new int[] {TypeOids.INT2, TypeOids.INT4, TypeOids.INT8, TypeOids.NUMERIC}) {
                    r.aggregate(new AggregateDescriptor(name, new int[] {type}, TypeOids.NUMERIC, TypeOids.NUMERIC,
                            Exact::new, VarianceAggregates::addExact, state -> exactResult((Exact) state, sample, root),
                            true));
                }
                for (int type : new int[] {TypeOids.FLOAT4, TypeOids.FLOAT8}) {
                    r.aggregate(new AggregateDescriptor(name, new int[] {type}, TypeOids.FLOAT8, TypeOids.FLOAT8,
                            Floating::new, VarianceAggregates::addFloating,
                            state -> floatingResult((Floating) state, sample, root), true));
                }
            }
        }
    }

    private static Object addExact(Object state, Object[] args) {
        Exact exact = (Exact) state;
        exact.count++;
        Object value = args[0];
        if (value instanceof BigDecimal decimal) {
            exact.sum = exact.sum.add(decimal);
            exact.sumOfSquares = exact.sumOfSquares.add(decimal.multiply(decimal));
        } else if (value instanceof NumericSpecial) {
            exact.special = true;
        } else {
            BigDecimal integer = BigDecimal.valueOf(((Number) value).longValue());
            exact.sum = exact.sum.add(integer);
            exact.sumOfSquares = exact.sumOfSquares.add(integer.multiply(integer));
        }
        return exact;
    }

    private static Object exactResult(Exact state, boolean sample, boolean root) {
        if (state.count == 0 || (sample && state.count == 1)) {
            return null;
        }
        if (state.special) {
            return NumericSpecial.NAN;
        }
        BigDecimal n = BigDecimal.valueOf(state.count);
        BigDecimal numerator = n.multiply(state.sumOfSquares).subtract(state.sum.multiply(state.sum));
        if (numerator.signum() <= 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal denominator = n.multiply(sample ? BigDecimal.valueOf(state.count - 1) : n);
        int scale = NumericOperators.divisionScale(numerator, denominator);
        BigDecimal variance = numerator.divide(denominator, scale, RoundingMode.HALF_UP);
        if (!root) {
            return variance;
        }
        // sqrt_var of the variance already rounded to the scale, as PostgreSQL takes it
        int precision = Math.max(scale + variance.precision() - variance.scale(), 1) + 8;
        return variance.sqrt(new MathContext(precision, RoundingMode.DOWN)).setScale(scale, RoundingMode.HALF_UP);
    }

    private static Object addFloating(Object state, Object[] args) {
        Floating floating = (Floating) state;
        double value = ((Number) args[0]).doubleValue();
        double previousSum = floating.sum;
        floating.count += 1.0;
        floating.sum += value;
        if (floating.count > 1.0) {
            double deviation = value * floating.count - floating.sum;
            floating.sumOfSquaredDeviations += deviation * deviation / (floating.count * (floating.count - 1.0));
            if (Double.isInfinite(floating.sum) || Double.isInfinite(floating.sumOfSquaredDeviations)) {
                if (!Double.isInfinite(previousSum) && !Double.isInfinite(value)) {
                    throw FloatOperators.overflow();
                }
                floating.sumOfSquaredDeviations = Double.NaN;
            }
        } else if (Double.isNaN(value) || Double.isInfinite(value)) {
            floating.sumOfSquaredDeviations = Double.NaN;
        }
        return floating;
    }

    private static Object floatingResult(Floating state, boolean sample, boolean root) {
        if (state.count == 0.0 || (sample && state.count <= 1.0)) {
            return null;
        }
        double variance = state.sumOfSquaredDeviations / (sample ? state.count - 1.0 : state.count);
        return root ? Math.sqrt(variance) : variance;
    }
}
