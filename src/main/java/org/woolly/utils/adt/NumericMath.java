package org.woolly.utils.adt;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;
import org.woolly.utils.misc.Interrupts;

/**
 * power, exp, ln, log and sqrt on finite numeric values, with PostgreSQL 15's result scales,
 * range limits and errors ({@code power_var}, {@code power_var_int}, {@code exp_var},
 * {@code ln_var}, {@code log_var}, {@code sqrt_var} and {@code estimate_ln_dweight} in
 * {@code src/backend/utils/adt/numeric.c}).
 *
 * <p>Every input terminates: the working precision is bounded by the result scale (at most
 * {@link #MAX_DISPLAY_SCALE}) plus the result's size (at most the numeric range), argument
 * reductions bring series arguments below 0.01 so each term gains at least two digits, and
 * every loop calls {@link Interrupts#check()} so cancel and statement_timeout stop it.
 */
final class NumericMath {
    /** NUMERIC_MIN_SIG_DIGITS. */
    static final int MIN_SIG_DIGITS = 16;
    /** NUMERIC_MAX_DISPLAY_SCALE. */
    static final int MAX_DISPLAY_SCALE = 1000;
    /** NUMERIC_MAX_RESULT_SCALE. */
    static final int MAX_RESULT_SCALE = 2000;
    /** NUMERIC_WEIGHT_MAX: the largest base-10000 weight a numeric can hold (about 10^131072). */
    private static final int MAX_WEIGHT = Short.MAX_VALUE;
    private static final double LOG10_E = 0.434294481903252;
    private static final double LN_10 = 2.302585092994046;
    private static final BigDecimal SERIES_LIMIT = new BigDecimal("0.01");
    private static final BigDecimal POINT_NINE = new BigDecimal("0.9");
    private static final BigDecimal ONE_POINT_ONE = new BigDecimal("1.1");
    private static final BigDecimal SQRT_TEN = new BigDecimal("3.16");
    /** Digits carried beyond the ones the result needs. */
    private static final int GUARD = 10;

    private NumericMath() {}

    static SqlException overflow() {
        return new SqlException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value overflows numeric format");
    }

    /** The display scale of a value: BigDecimal may carry a negative scale, numeric never does. */
    static int dscale(BigDecimal value) {
        return Math.max(value.scale(), 0);
    }

    private static int clampScale(int scale) {
        return Math.min(Math.max(scale, 0), MAX_DISPLAY_SCALE);
    }

    /** Decimal exponent of the leading digit, floor(log10 |value|), for a non-zero value. */
    static int decimalWeight(BigDecimal value) {
        return value.precision() - value.scale() - 1;
    }

    /** {@code make_result}'s range check: more than 131072 digits before the point overflows. */
    static BigDecimal checkRange(BigDecimal value) {
        if (value.signum() != 0 && Math.floorDiv(decimalWeight(value), 4) > MAX_WEIGHT) {
            throw overflow();
        }
        return value;
    }

    private static boolean isIntegral(BigDecimal value) {
        return value.signum() == 0 || value.stripTrailingZeros().scale() <= 0;
    }

    /** log10 |value| from its leading 16 digits, as the doubles PostgreSQL estimates weights with. */
    private static double log10(BigDecimal value) {
        int weight = decimalWeight(value);
        return weight + Math.log10(value.abs().movePointLeft(weight).round(MathContext.DECIMAL64).doubleValue());
    }

    /** {@code estimate_ln_dweight}: the decimal weight of ln(value), for choosing scales. */
    static int estimateLnWeight(BigDecimal value) {
        if (value.signum() <= 0) {
            return 0;
        }
        if (value.compareTo(POINT_NINE) >= 0 && value.compareTo(ONE_POINT_ONE) <= 0) {
            BigDecimal x = value.subtract(BigDecimal.ONE);
            return x.signum() == 0 ? 0 : decimalWeight(x);
        }
        // the first two base-10000 digits, as PostgreSQL reads them
        int weight = Math.floorDiv(decimalWeight(value), 4);
        double digits = value.movePointLeft(weight * 4 - 4).setScale(0, RoundingMode.DOWN).doubleValue();
        double ln = Math.log(digits) + (weight * 4 - 4) * LN_10;
        return (int) Math.log10(Math.abs(ln));
    }

    /** numeric ^ numeric for finite operands (zero to a negative power is refused by the caller). */
    static BigDecimal power(BigDecimal base, BigDecimal exponent) {
        if (isIntegral(exponent) && exponent.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0
                && exponent.compareTo(BigDecimal.valueOf(Integer.MIN_VALUE)) >= 0) {
            int scale = clampScale(Math.max(MIN_SIG_DIGITS, dscale(base)));
            return powerInteger(base, exponent.intValueExact(), scale);
        }
        if (base.signum() == 0) {
            return BigDecimal.ZERO.setScale(MIN_SIG_DIGITS);
        }
        boolean negative = false;
        BigDecimal magnitude = base;
        if (base.signum() < 0) {
            if (!isIntegral(exponent)) {
                throw new SqlException(SqlState.INVALID_ARGUMENT_FOR_POWER_FUNCTION,
                        "a negative number raised to a non-integer power yields a complex result");
            }
            negative = exponent.toBigInteger().testBit(0);
            magnitude = base.negate();
        }
        // a low-precision exponent * ln(base) estimates the result's weight and catches overflow early
        int lnWeight = estimateLnWeight(magnitude);
        int localScale = Math.max(8 - lnWeight, 0);
        BigDecimal lnNumber = ln(magnitude, localScale).multiply(exponent).setScale(localScale, RoundingMode.HALF_UP);
        double estimate = lnNumber.doubleValue();
        if (Math.abs(estimate) > MAX_RESULT_SCALE * 3.01) {
            if (estimate > 0) {
                throw overflow();
            }
            return BigDecimal.ZERO.setScale(MAX_DISPLAY_SCALE);
        }
        estimate *= LOG10_E;
        int scale = clampScale(Math.max(MIN_SIG_DIGITS - (int) estimate, Math.max(dscale(magnitude), dscale(exponent))));
        int significant = Math.max(scale + (int) estimate, 0);
        localScale = Math.max(significant - lnWeight + 8, 0);
        lnNumber = ln(magnitude, localScale).multiply(exponent).setScale(localScale, RoundingMode.HALF_UP);
        BigDecimal result = exp(lnNumber, scale);
        return negative ? result.negate() : result;
    }

    /** {@code power_var_int}: repeated squaring with enough digits for {@code scale}. */
    static BigDecimal powerInteger(BigDecimal base, int exponent, int scale) {
        switch (exponent) {
            case 0:
                return BigDecimal.ONE.setScale(scale);
            case 1:
                return base.setScale(scale, RoundingMode.HALF_UP);
            case -1:
                return BigDecimal.ONE.divide(base, scale, RoundingMode.HALF_UP);
            case 2:
                return checkRange(base.multiply(base).setScale(scale, RoundingMode.HALF_UP));
            default:
                break;
        }
        if (base.signum() == 0) {
            return BigDecimal.ZERO.setScale(scale);
        }
        double weight = exponent * log10(base);
        if (weight > 3.0 * MAX_WEIGHT * 4) {
            throw overflow();
        }
        if (weight + 1 < -scale || weight + 1 < -MAX_DISPLAY_SCALE) {
            return BigDecimal.ZERO.setScale(scale);
        }
        int significant = 1 + scale + (int) weight + (int) Math.log(Math.abs((double) exponent)) + 8;
        MathContext context = new MathContext(Math.max(significant, 1), RoundingMode.HALF_EVEN);
        boolean reciprocal = exponent < 0;
        long bits = Math.abs((long) exponent);
        BigDecimal square = base;
        BigDecimal result = (bits & 1) != 0 ? base : BigDecimal.ONE;
        while ((bits >>= 1) > 0) {
            Interrupts.check();
            square = square.multiply(square, context);
            if ((bits & 1) != 0) {
                result = result.multiply(square, context);
            }
            if (Math.floorDiv(decimalWeight(square), 4) > MAX_WEIGHT
                    || Math.floorDiv(decimalWeight(result), 4) > MAX_WEIGHT) {
                // the result certainly overflows, or underflows to zero for a negative exponent
                if (!reciprocal) {
                    throw overflow();
                }
                return BigDecimal.ZERO.setScale(scale);
            }
        }
        return checkRange(reciprocal ? BigDecimal.ONE.divide(result, scale, RoundingMode.HALF_UP)
                : result.setScale(scale, RoundingMode.HALF_UP));
    }

    /** {@code numeric_exp}: e^x with at least 16 significant digits. */
    static BigDecimal exp(BigDecimal x) {
        double weight = x.doubleValue() * LOG10_E;
        weight = Math.min(Math.max(weight, -MAX_RESULT_SCALE), MAX_RESULT_SCALE);
        int scale = clampScale(Math.max(MIN_SIG_DIGITS - (int) weight, dscale(x)));
        return exp(x, scale);
    }

    /** {@code exp_var}: e^x rounded to {@code scale}; |x| of 6000 or more overflows (or is zero). */
    static BigDecimal exp(BigDecimal x, int scale) {
        double value = x.doubleValue();
        if (Math.abs(value) >= MAX_RESULT_SCALE * 3) {
            if (value > 0) {
                throw overflow();
            }
            return BigDecimal.ZERO.setScale(scale);
        }
        int resultWeight = (int) Math.ceil(value * LOG10_E);
        int precision = Math.max(scale + resultWeight + 1, 1) + GUARD;
        // e^x = (e^(x / 2^k))^(2^k) with |x / 2^k| <= 0.01; each squaring doubles the relative error
        int halvings = 0;
        BigDecimal reduced = x;
        while (reduced.abs().compareTo(SERIES_LIMIT) > 0) {
            reduced = reduced.multiply(new BigDecimal("0.5"));
            halvings++;
        }
        MathContext context = new MathContext(precision + halvings * 3 / 10 + GUARD);
        reduced = reduced.round(context);
        BigDecimal threshold = BigDecimal.ONE.movePointLeft(context.getPrecision() + 1);
        BigDecimal sum = BigDecimal.ONE;
        BigDecimal term = BigDecimal.ONE;
        for (int k = 1; term.abs().compareTo(threshold) > 0; k++) {
            Interrupts.check();
            term = term.multiply(reduced, context).divide(BigDecimal.valueOf(k), context);
            sum = sum.add(term, context);
        }
        for (int i = 0; i < halvings; i++) {
            Interrupts.check();
            sum = sum.multiply(sum, context);
        }
        return checkRange(sum.setScale(scale, RoundingMode.HALF_UP));
    }

    private static SqlException logarithmError(BigDecimal value) {
        return new SqlException(SqlState.INVALID_ARGUMENT_FOR_LOGARITHM, value.signum() == 0
                ? "cannot take logarithm of zero" : "cannot take logarithm of a negative number");
    }

    /** {@code numeric_ln}: the natural logarithm with at least 16 significant digits. */
    static BigDecimal ln(BigDecimal value) {
        int scale = clampScale(Math.max(MIN_SIG_DIGITS - estimateLnWeight(value), dscale(value)));
        return ln(value, scale);
    }

    /** {@code ln_var}: ln(value) rounded to {@code scale}; zero and negative values are refused (2201E). */
    static BigDecimal ln(BigDecimal value, int scale) {
        if (value.signum() <= 0) {
            throw logarithmError(value);
        }
        int precision = Math.max(scale + Math.max(estimateLnWeight(value), 0) + 1, 1) + GUARD;
        MathContext context = new MathContext(precision + GUARD);
        // value = m * 10^k with m in [0.316, 3.16), so ln(m) and k*ln(10) never cancel
        int k = decimalWeight(value);
        BigDecimal mantissa = value.movePointLeft(k);
        if (mantissa.compareTo(SQRT_TEN) >= 0) {
            mantissa = mantissa.movePointLeft(1);
            k++;
        }
        BigDecimal result = lnNearOne(mantissa, context);
        if (k != 0) {
            MathContext wider = new MathContext(context.getPrecision() + 7);
            result = result.add(lnNearOne(BigDecimal.TEN, wider).multiply(BigDecimal.valueOf(k), wider), context);
        }
        return result.setScale(scale, RoundingMode.HALF_UP);
    }

    /** ln(x) for x > 0 by square roots down to |x - 1| <= 0.01, then 2 atanh((x-1)/(x+1)). */
    private static BigDecimal lnNearOne(BigDecimal x, MathContext context) {
        MathContext working = new MathContext(context.getPrecision() + 4);
        int halvings = 0;
        BigDecimal reduced = x;
        while (reduced.subtract(BigDecimal.ONE).abs().compareTo(SERIES_LIMIT) > 0) {
            Interrupts.check();
            reduced = reduced.sqrt(working);
            halvings++;
        }
        BigDecimal y = reduced.subtract(BigDecimal.ONE).divide(reduced.add(BigDecimal.ONE), working);
        if (y.signum() == 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal ySquared = y.multiply(y, working);
        BigDecimal threshold = y.abs().movePointLeft(working.getPrecision() + 1);
        BigDecimal term = y;
        BigDecimal sum = BigDecimal.ZERO;
        for (int k = 1; term.abs().compareTo(threshold) > 0; k += 2) {
            Interrupts.check();
            sum = sum.add(term.divide(BigDecimal.valueOf(k), working), working);
            term = term.multiply(ySquared, working);
        }
        return sum.multiply(BigDecimal.valueOf(2L << halvings), context);
    }

    /** {@code log_var}: the logarithm of {@code value} to {@code base}; base 1 divides by zero. */
    static BigDecimal log(BigDecimal base, BigDecimal value) {
        if (base.signum() <= 0) {
            throw logarithmError(base);
        }
        if (value.signum() <= 0) {
            throw logarithmError(value);
        }
        int baseWeight = estimateLnWeight(base);
        int valueWeight = estimateLnWeight(value);
        int resultWeight = valueWeight - baseWeight;
        int scale = clampScale(Math.max(MIN_SIG_DIGITS - resultWeight, Math.max(dscale(base), dscale(value))));
        BigDecimal lnBase = ln(base, Math.max(scale + resultWeight - baseWeight + 8, 0));
        BigDecimal lnValue = ln(value, Math.max(scale + resultWeight - valueWeight + 8, 0));
        if (lnBase.signum() == 0) {
            throw TypeErrors.divisionByZero();
        }
        return lnValue.divide(lnBase, scale, RoundingMode.HALF_UP);
    }

    /** {@code numeric_sqrt}: at least 16 significant digits; negative values are refused (2201F). */
    static BigDecimal sqrt(BigDecimal value) {
        if (value.signum() < 0) {
            throw new SqlException(SqlState.INVALID_ARGUMENT_FOR_POWER_FUNCTION,
                    "cannot take square root of a negative number");
        }
        int weight = value.signum() == 0 ? 0 : Math.floorDiv(decimalWeight(value), 4);
        int resultWeight = (weight + 1) * 4 / 2 - 1;
        int scale = clampScale(Math.max(MIN_SIG_DIGITS - resultWeight, dscale(value)));
        if (value.signum() == 0) {
            return BigDecimal.ZERO.setScale(scale);
        }
        // truncate first: a root rounded half-up at the working precision could round twice
        int precision = Math.max(scale + decimalWeight(value) / 2 + 2, 1) + GUARD;
        return value.sqrt(new MathContext(precision, RoundingMode.DOWN)).setScale(scale, RoundingMode.HALF_UP);
    }
}
