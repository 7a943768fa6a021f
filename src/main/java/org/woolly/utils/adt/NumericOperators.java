package org.woolly.utils.adt;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * Arithmetic on numeric, with PostgreSQL's result scales and its rules for NaN and the
 * infinities ({@code numeric_add}, {@code numeric_div}, {@code select_div_scale},
 * {@code numeric_power} in {@code src/backend/utils/adt/numeric.c}).
 */
final class NumericOperators {
    /** NUMERIC_MIN_SIG_DIGITS: significant digits a division or power result gets at least. */
    private static final int MIN_SIGNIFICANT_DIGITS = 16;
    private static final int MAX_DISPLAY_SCALE = 1000;
    private static final int MAX_RESULT_SCALE = 2000;

    private NumericOperators() {}

    static void register(BuiltinFunctions.Registry registry) {
        int n = TypeOids.NUMERIC;
        registry.operator("+", n, n, n, (args, context) -> add(args[0], args[1]));
        registry.operator("-", n, n, n, (args, context) -> subtract(args[0], args[1]));
        registry.operator("*", n, n, n, (args, context) -> multiply(args[0], args[1]));
        registry.operator("/", n, n, n, (args, context) -> divide(args[0], args[1]));
        registry.operator("%", n, n, n, (args, context) -> modulo(args[0], args[1]));
        registry.operator("^", n, n, n, (args, context) -> power(args[0], args[1]));
        registry.operator("-", 0, n, n, (args, context) -> negate(args[0]));
        registry.operator("+", 0, n, n, (args, context) -> args[0]);
        registry.operator("@", 0, n, n, (args, context) -> abs(args[0]));
    }

    static boolean isNaN(Object value) {
        return value == NumericSpecial.NAN;
    }

    /** +1 / -1 for the infinities, 0 for finite values (NaN is handled before). */
    private static int infinity(Object value) {
        if (value == NumericSpecial.POSITIVE_INFINITY) {
            return 1;
        }
        return value == NumericSpecial.NEGATIVE_INFINITY ? -1 : 0;
    }

    private static Object infinityOf(int sign) {
        return sign > 0 ? NumericSpecial.POSITIVE_INFINITY : NumericSpecial.NEGATIVE_INFINITY;
    }

    static int sign(Object value) {
        if (value instanceof BigDecimal decimal) {
            return decimal.signum();
        }
        return infinity(value);
    }

    static Object add(Object a, Object b) {
        if (isNaN(a) || isNaN(b)) {
            return NumericSpecial.NAN;
        }
        int ia = infinity(a);
        int ib = infinity(b);
        if (ia != 0 || ib != 0) {
            if (ia != 0 && ib != 0 && ia != ib) {
                return NumericSpecial.NAN;
            }
            return infinityOf(ia != 0 ? ia : ib);
        }
        return ((BigDecimal) a).add((BigDecimal) b);
    }

    static Object negate(Object a) {
        if (a instanceof BigDecimal decimal) {
            return decimal.negate();
        }
        return isNaN(a) ? a : infinityOf(-infinity(a));
    }

    static Object abs(Object a) {
        if (a instanceof BigDecimal decimal) {
            return decimal.abs();
        }
        return isNaN(a) ? a : NumericSpecial.POSITIVE_INFINITY;
    }

    static Object subtract(Object a, Object b) {
        return add(a, negate(b));
    }

    static Object multiply(Object a, Object b) {
        if (isNaN(a) || isNaN(b)) {
            return NumericSpecial.NAN;
        }
        int ia = infinity(a);
        int ib = infinity(b);
        if (ia != 0 || ib != 0) {
            int product = sign(a) * sign(b);
            return product == 0 ? NumericSpecial.NAN : infinityOf(product);
        }
        BigDecimal result = ((BigDecimal) a).multiply((BigDecimal) b);
        if (result.scale() > MAX_RESULT_SCALE) {
            result = result.setScale(MAX_RESULT_SCALE, RoundingMode.HALF_UP);
        }
        return result;
    }

    static Object divide(Object a, Object b) {
        if (isNaN(a) || isNaN(b)) {
            return NumericSpecial.NAN;
        }
        int ia = infinity(a);
        int ib = infinity(b);
        if (ia != 0) {
            if (ib != 0) {
                return NumericSpecial.NAN;
            }
            if (sign(b) == 0) {
                throw TypeErrors.divisionByZero();
            }
            return infinityOf(ia * sign(b));
        }
        if (ib != 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal dividend = (BigDecimal) a;
        BigDecimal divisor = (BigDecimal) b;
        if (divisor.signum() == 0) {
            throw TypeErrors.divisionByZero();
        }
        int scale = divisionScale(dividend, divisor);
        return dividend.divide(divisor, scale, RoundingMode.HALF_UP);
    }

    /** Base-10000 weight and first digit of a value, as PostgreSQL's NumericVar sees it. */
    private static int[] weightAndFirstDigit(BigDecimal value) {
        if (value.signum() == 0) {
            return new int[] {0, 0};
        }
        BigDecimal magnitude = value.abs();
        int exponent = magnitude.precision() - magnitude.scale() - 1; // decimal exponent of the leading digit
        int weight = Math.floorDiv(exponent, 4);
        BigDecimal scaled = magnitude.movePointLeft(weight * 4);
        int firstDigit = scaled.setScale(0, RoundingMode.DOWN).intValue();
        return new int[] {weight, firstDigit};
    }

    /** {@code select_div_scale}: at least 16 significant digits, at least the inputs' scales. */
    static int divisionScale(BigDecimal dividend, BigDecimal divisor) {
        int[] first = weightAndFirstDigit(dividend);
        int[] second = weightAndFirstDigit(divisor);
        int quotientWeight = first[0] - second[0];
        if (first[1] <= second[1]) {
            quotientWeight--;
        }
        int scale = MIN_SIGNIFICANT_DIGITS - quotientWeight * 4;
        scale = Math.max(scale, Math.max(dividend.scale(), 0));
        scale = Math.max(scale, Math.max(divisor.scale(), 0));
        return Math.min(Math.max(scale, 0), MAX_DISPLAY_SCALE);
    }

    static Object modulo(Object a, Object b) {
        if (isNaN(a) || isNaN(b)) {
            return NumericSpecial.NAN;
        }
        if (infinity(a) != 0) {
            if (sign(b) == 0) {
                throw TypeErrors.divisionByZero();
            }
            return NumericSpecial.NAN;
        }
        if (infinity(b) != 0) {
            return a;
        }
        BigDecimal divisor = (BigDecimal) b;
        if (divisor.signum() == 0) {
            throw TypeErrors.divisionByZero();
        }
        // the result keeps the larger of the operands' scales, as mod_var does
        BigDecimal dividend = (BigDecimal) a;
        return dividend.remainder(divisor).setScale(Math.max(Math.max(dividend.scale(), divisor.scale()), 0),
                RoundingMode.UNNECESSARY);
    }

    /** Truncating integer division, as {@code div(numeric, numeric)}. */
    static Object integerDivide(Object a, Object b) {
        if (isNaN(a) || isNaN(b)) {
            return NumericSpecial.NAN;
        }
        if (infinity(a) != 0 || infinity(b) != 0) {
            return divide(a, b) instanceof BigDecimal decimal ? decimal.setScale(0, RoundingMode.DOWN)
                    : divide(a, b);
        }
        if (((BigDecimal) b).signum() == 0) {
            throw TypeErrors.divisionByZero();
        }
        return ((BigDecimal) a).divideToIntegralValue((BigDecimal) b).setScale(0, RoundingMode.DOWN);
    }

    static Object power(Object base, Object exponent) {
        if (isNaN(base)) {
            return exponent instanceof BigDecimal e && e.signum() == 0 ? BigDecimal.ONE : NumericSpecial.NAN;
        }
        if (isNaN(exponent)) {
            return base instanceof BigDecimal b && b.compareTo(BigDecimal.ONE) == 0 ? BigDecimal.ONE
                    : NumericSpecial.NAN;
        }
        if (!(base instanceof BigDecimal b) || !(exponent instanceof BigDecimal e)) {
            double result = Math.pow(toDouble(base), toDouble(exponent));
            return Double.isNaN(result) ? NumericSpecial.NAN : fromDouble(result);
        }
        if (b.signum() == 0 && e.signum() < 0) {
            throw new SqlException(SqlState.INVALID_ARGUMENT_FOR_POWER_FUNCTION,
                    "zero raised to a negative power is undefined");
        }
        boolean integralExponent = e.stripTrailingZeros().scale() <= 0;
        if (b.signum() < 0 && !integralExponent) {
            throw new SqlException(SqlState.INVALID_ARGUMENT_FOR_POWER_FUNCTION,
                    "a negative number raised to a non-integer power yields a complex result");
        }
        double estimate = Math.pow(b.doubleValue(), e.doubleValue());
        int leadingExponent = estimate == 0 || Double.isInfinite(estimate) ? 0
                : (int) Math.floor(Math.log10(Math.abs(estimate)));
        int scale = Math.max(MIN_SIGNIFICANT_DIGITS - leadingExponent, Math.max(b.scale(), e.scale()));
        scale = Math.min(Math.max(scale, 0), MAX_DISPLAY_SCALE);
        if (integralExponent && e.abs().compareTo(BigDecimal.valueOf(100000)) <= 0) {
            // power_var_int's result scale: 16 digits after the point, or the base's scale
            scale = Math.min(Math.max(MIN_SIGNIFICANT_DIGITS, b.scale()), MAX_DISPLAY_SCALE);
            int n = e.intValueExact();
            BigDecimal result = n >= 0 ? b.pow(n)
                    : BigDecimal.ONE.divide(b.pow(-n), scale + 5, RoundingMode.HALF_UP);
            return result.setScale(scale, RoundingMode.HALF_UP);
        }
        if (Double.isInfinite(estimate)) {
            throw new SqlException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value overflows numeric format");
        }
        // non-integral exponent: exp(e * ln(b)) evaluated with enough precision
        MathContext context = new MathContext(scale + Math.max(leadingExponent, 0) + 10);
        BigDecimal result = exp(e.multiply(ln(b, context), context), context);
        return result.setScale(scale, RoundingMode.HALF_UP);
    }

    static double toDouble(Object value) {
        if (value instanceof BigDecimal decimal) {
            return decimal.doubleValue();
        }
        return switch ((NumericSpecial) value) {
            case NAN -> Double.NaN;
            case POSITIVE_INFINITY -> Double.POSITIVE_INFINITY;
            case NEGATIVE_INFINITY -> Double.NEGATIVE_INFINITY;
        };
    }

    static Object fromDouble(double value) {
        if (Double.isNaN(value)) {
            return NumericSpecial.NAN;
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? NumericSpecial.POSITIVE_INFINITY : NumericSpecial.NEGATIVE_INFINITY;
        }
        BigDecimal decimal = new BigDecimal(Double.toString(value));
        return decimal.scale() < 0 ? decimal.setScale(0) : decimal;
    }

    /** Natural logarithm of a positive value by argument reduction and the atanh series. */
    static BigDecimal ln(BigDecimal value, MathContext context) {
        MathContext working = new MathContext(context.getPrecision() + 10);
        int exponent = value.precision() - value.scale() - 1;
        BigDecimal mantissa = value.movePointLeft(exponent); // in [1, 10)
        BigDecimal ln10 = lnSeries(BigDecimal.TEN, working);
        return lnSeries(mantissa, working).add(ln10.multiply(BigDecimal.valueOf(exponent), working), context);
    }

    private static BigDecimal lnSeries(BigDecimal x, MathContext context) {
        // ln(x) = 2 * atanh((x-1)/(x+1)), after taking square roots to bring x near 1
        int halvings = 0;
        BigDecimal reduced = x;
        while (reduced.subtract(BigDecimal.ONE).abs().compareTo(new BigDecimal("0.1")) > 0) {
            reduced = reduced.sqrt(context);
            halvings++;
        }
        BigDecimal y = reduced.subtract(BigDecimal.ONE).divide(reduced.add(BigDecimal.ONE), context);
        BigDecimal ySquared = y.multiply(y, context);
        BigDecimal term = y;
        BigDecimal sum = BigDecimal.ZERO;
        BigDecimal threshold = BigDecimal.ONE.movePointLeft(context.getPrecision() + 2);
        for (int k = 1; term.abs().compareTo(threshold) > 0; k += 2) {
            sum = sum.add(term.divide(BigDecimal.valueOf(k), context), context);
            term = term.multiply(ySquared, context);
        }
        return sum.multiply(BigDecimal.valueOf(2L << halvings), context);
    }

    static BigDecimal exp(BigDecimal x, MathContext context) {
        MathContext working = new MathContext(context.getPrecision() + 10);
        int squarings = 0;
        BigDecimal reduced = x;
        while (reduced.abs().compareTo(BigDecimal.ONE) > 0) {
            reduced = reduced.divide(BigDecimal.TWO, working);
            squarings++;
        }
        BigDecimal sum = BigDecimal.ONE;
        BigDecimal term = BigDecimal.ONE;
        BigDecimal threshold = BigDecimal.ONE.movePointLeft(working.getPrecision() + 2);
        for (int k = 1; term.abs().compareTo(threshold) > 0; k++) {
            term = term.multiply(reduced, working).divide(BigDecimal.valueOf(k), working);
            sum = sum.add(term, working);
        }
        for (int i = 0; i < squarings; i++) {
            sum = sum.multiply(sum, working);
        }
        return sum.round(context);
    }
}
