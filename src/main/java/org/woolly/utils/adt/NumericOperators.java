package org.woolly.utils.adt;

import java.math.BigDecimal;
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
        BigDecimal result = NumericMath.checkRange(((BigDecimal) a).multiply((BigDecimal) b));
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

    /** {@code numeric_power}: POSIX pow(3)'s rules for NaN and the infinities, then {@link NumericMath#power}. */
    static Object power(Object base, Object exponent) {
        if (isNaN(base)) {
            return exponent instanceof BigDecimal e && e.signum() == 0 ? BigDecimal.ONE : NumericSpecial.NAN;
        }
        if (isNaN(exponent)) {
            return base instanceof BigDecimal b && b.compareTo(BigDecimal.ONE) == 0 ? BigDecimal.ONE
                    : NumericSpecial.NAN;
        }
        int baseSign = sign(base);
        int exponentSign = sign(exponent);
        if (baseSign == 0 && exponentSign < 0) {
            throw new SqlException(SqlState.INVALID_ARGUMENT_FOR_POWER_FUNCTION,
                    "zero raised to a negative power is undefined");
        }
        if (base instanceof BigDecimal b && exponent instanceof BigDecimal e) {
            return NumericMath.power(b, e);
        }
        // numeric_is_integral: the infinities count as integers
        if (baseSign < 0 && exponent instanceof BigDecimal e && e.stripTrailingZeros().scale() > 0) {
            throw new SqlException(SqlState.INVALID_ARGUMENT_FOR_POWER_FUNCTION,
                    "a negative number raised to a non-integer power yields a complex result");
        }
        if (base instanceof BigDecimal b && b.compareTo(BigDecimal.ONE) == 0 || exponentSign == 0) {
            return BigDecimal.ONE;
        }
        if (baseSign == 0) {
            return BigDecimal.ZERO;
        }
        if (infinity(exponent) != 0) {
            if (base instanceof BigDecimal b && b.compareTo(BigDecimal.ONE.negate()) == 0) {
                return BigDecimal.ONE;
            }
            boolean greaterThanOne = !(base instanceof BigDecimal b) || b.abs().compareTo(BigDecimal.ONE) > 0;
            return greaterThanOne == exponentSign > 0 ? NumericSpecial.POSITIVE_INFINITY : BigDecimal.ZERO;
        }
        if (exponentSign < 0) {
            return BigDecimal.ZERO;
        }
        // an infinite base to a positive power: minus infinity keeps its sign for an odd integer exponent
        boolean odd = ((BigDecimal) exponent).stripTrailingZeros().scale() <= 0
                && ((BigDecimal) exponent).toBigInteger().testBit(0);
        return baseSign < 0 && odd ? NumericSpecial.NEGATIVE_INFINITY : NumericSpecial.POSITIVE_INFINITY;
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
}
