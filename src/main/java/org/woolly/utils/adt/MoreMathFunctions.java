package org.woolly.utils.adt;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * Number functions beside {@link MathFunctions}: {@code gcd}/{@code lcm} ({@code int.c},
 * {@code int8.c}, {@code numeric.c}), {@code factorial}, {@code min_scale}/{@code trim_scale},
 * the hyperbolic functions of {@code float.c}, and {@code width_bucket} over float8 and numeric.
 */
final class MoreMathFunctions {
    private static final int I = TypeOids.INT4;
    private static final int L = TypeOids.INT8;
    private static final int F = TypeOids.FLOAT8;
    private static final int N = TypeOids.NUMERIC;
    /** PostgreSQL's largest factorial argument before numeric overflows. */
    private static final long MAX_FACTORIAL = 32177;

    private MoreMathFunctions() {}

    static void register(BuiltinFunctions.Registry r) {
        r.function("gcd", I, (a, c) -> (int) checkInt(gcd((Integer) a[0], (Integer) a[1])), I, I);
        r.function("gcd", L, (a, c) -> checkLong(gcd((Long) a[0], (Long) a[1])), L, L);
        r.function("gcd", N, (a, c) -> numericGcd(a[0], a[1], false), N, N);
        r.function("lcm", I, (a, c) -> (int) checkInt(lcm((Integer) a[0], (Integer) a[1])), I, I);
        r.function("lcm", L, (a, c) -> checkLong(lcm((Long) a[0], (Long) a[1])), L, L);
        r.function("lcm", N, (a, c) -> numericGcd(a[0], a[1], true), N, N);
        r.function("factorial", N, (a, c) -> factorial((Long) a[0]), L);
        r.function("min_scale", I, (a, c) -> a[0] instanceof BigDecimal decimal ? minScale(decimal) : null, N);
        r.function("trim_scale", N, (a, c) -> a[0] instanceof BigDecimal decimal
                ? decimal.setScale(minScale(decimal), RoundingMode.UNNECESSARY) : a[0], N);
        r.function("sinh", F, (a, c) -> Math.sinh((Double) a[0]), F);
        // glibc rounds cosh(1) as the two exponentials do; Math.cosh one ulp away
        r.function("cosh", F, (a, c) -> (Math.exp((Double) a[0]) + Math.exp(-(Double) a[0])) / 2, F);
        r.function("tanh", F, (a, c) -> Math.tanh((Double) a[0]), F);
        r.function("asinh", F, (a, c) -> asinh((Double) a[0]), F);
        r.function("acosh", F, (a, c) -> acosh((Double) a[0]), F);
        r.function("atanh", F, (a, c) -> atanh((Double) a[0]), F);
        r.function("width_bucket", I, (a, c) -> widthBucket((Double) a[0], (Double) a[1], (Double) a[2],
                (Integer) a[3]), F, F, F, I);
        r.function("width_bucket", I, (a, c) -> numericWidthBucket(a[0], a[1], a[2], (Integer) a[3]), N, N, N, I);
    }

    private static BigInteger gcd(long a, long b) {
        return BigInteger.valueOf(a).gcd(BigInteger.valueOf(b));
    }

    private static BigInteger lcm(long a, long b) {
        if (a == 0 || b == 0) {
            return BigInteger.ZERO;
        }
        BigInteger left = BigInteger.valueOf(a).abs();
        BigInteger right = BigInteger.valueOf(b).abs();
        return left.divide(left.gcd(right)).multiply(right);
    }

    private static long checkInt(BigInteger value) {
        if (value.bitLength() > 31) {
            throw TypeErrors.integerOutOfRange();
        }
        return value.intValue();
    }

    private static long checkLong(BigInteger value) {
        if (value.bitLength() > 63) {
            throw TypeErrors.bigintOutOfRange();
        }
        return value.longValue();
    }

    /** {@code numeric_gcd}/{@code numeric_lcm}: NaN for NaN or an infinity, at the larger of the two scales. */
    private static Object numericGcd(Object left, Object right, boolean lcm) {
        if (!(left instanceof BigDecimal a) || !(right instanceof BigDecimal b)) {
            return NumericSpecial.NAN;
        }
        int scale = Math.max(Math.max(a.scale(), b.scale()), 0);
        BigInteger x = a.setScale(scale, RoundingMode.UNNECESSARY).unscaledValue();
        BigInteger y = b.setScale(scale, RoundingMode.UNNECESSARY).unscaledValue();
        BigInteger gcd = x.gcd(y);
        if (!lcm) {
            return new BigDecimal(gcd, scale);
        }
        if (x.signum() == 0 || y.signum() == 0) {
            return BigDecimal.ZERO.setScale(scale);
        }
        return new BigDecimal(x.abs().divide(gcd).multiply(y.abs()), scale);
    }

    private static BigDecimal factorial(long n) {
        if (n < 0) {
            throw new SqlException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "factorial of a negative number is undefined");
        }
        if (n > MAX_FACTORIAL) {
            throw NumericMath.overflow();
        }
        BigInteger result = BigInteger.ONE;
        for (long i = 2; i <= n; i++) {
            result = result.multiply(BigInteger.valueOf(i));
        }
        return new BigDecimal(result);
    }

    /** The fewest decimal places that hold the value exactly. */
    private static int minScale(BigDecimal value) {
        return value.signum() == 0 ? 0 : Math.max(value.stripTrailingZeros().scale(), 0);
    }

    private static double asinh(double x) {
        if (Double.isInfinite(x) || x == 0) {
            return x;
        }
        double magnitude = Math.abs(x);
        double result = magnitude > 1e8 ? Math.log(magnitude) + Math.log(2)
                : Math.log1p(magnitude + magnitude * magnitude / (1 + Math.sqrt(1 + magnitude * magnitude)));
        return Math.copySign(result, x);
    }

    private static double acosh(double x) {
        if (x < 1) {
            throw outOfRange();
        }
        if (Double.isInfinite(x)) {
            return x;
        }
        return x > 1e8 ? Math.log(x) + Math.log(2) : Math.log(x + Math.sqrt(x * x - 1));
    }

    private static double atanh(double x) {
        if (x < -1 || x > 1) {
            throw outOfRange();
        }
        if (x == 1 || x == -1) {
            return x * Double.POSITIVE_INFINITY;
        }
        return 0.5 * Math.log1p(2 * x / (1 - x));
    }

    private static SqlException outOfRange() {
        return new SqlException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "input is out of range");
    }

    private static void checkCount(int count) {
        if (count <= 0) {
            throw new SqlException(SqlState.INVALID_ARGUMENT_FOR_WIDTH_BUCKET_FUNCTION,
                    "count must be greater than zero");
        }
    }

    private static SqlException equalBounds() {
        return new SqlException(SqlState.INVALID_ARGUMENT_FOR_WIDTH_BUCKET_FUNCTION,
                "lower bound cannot equal upper bound");
    }

    private static int last(int count) {
        if (count == Integer.MAX_VALUE) {
            throw TypeErrors.integerOutOfRange();
        }
        return count + 1;
    }

    /** {@code width_bucket_float8}. */
    private static int widthBucket(double operand, double low, double high, int count) {
        checkCount(count);
        if (Double.isNaN(operand) || Double.isNaN(low) || Double.isNaN(high)) {
            throw new SqlException(SqlState.INVALID_ARGUMENT_FOR_WIDTH_BUCKET_FUNCTION,
                    "operand, lower bound, and upper bound cannot be NaN");
        }
        if (Double.isInfinite(low) || Double.isInfinite(high)) {
            throw new SqlException(SqlState.INVALID_ARGUMENT_FOR_WIDTH_BUCKET_FUNCTION,
                    "lower and upper bounds must be finite");
        }
        if (low == high) {
            throw equalBounds();
        }
        if (low < high) {
            if (operand < low) {
                return 0;
            }
            return operand >= high ? last(count) : (int) ((double) count * (operand - low) / (high - low)) + 1;
        }
        if (operand > low) {
            return 0;
        }
        return operand <= high ? last(count) : (int) ((double) count * (low - operand) / (low - high)) + 1;
    }

    /** {@code width_bucket_numeric}, exactly. */
    private static int numericWidthBucket(Object operand, Object low, Object high, int count) {
        checkCount(count);
        if (NumericOperators.isNaN(operand) || NumericOperators.isNaN(low) || NumericOperators.isNaN(high)) {
            throw new SqlException(SqlState.INVALID_ARGUMENT_FOR_WIDTH_BUCKET_FUNCTION,
                    "operand, lower bound, and upper bound cannot be NaN");
        }
        if (!(low instanceof BigDecimal lower) || !(high instanceof BigDecimal upper)) {
            throw new SqlException(SqlState.INVALID_ARGUMENT_FOR_WIDTH_BUCKET_FUNCTION,
                    "lower and upper bounds must be finite");
        }
        int order = lower.compareTo(upper);
        if (order == 0) {
            throw equalBounds();
        }
        int position = ValueOrdering.compareNumeric(operand, lower);
        int end = ValueOrdering.compareNumeric(operand, upper);
        if (order < 0 ? position < 0 : position > 0) {
            return 0;
        }
        if (order < 0 ? end >= 0 : end <= 0) {
            return last(count);
        }
        BigDecimal value = (BigDecimal) operand;
        BigDecimal offset = order < 0 ? value.subtract(lower) : lower.subtract(value);
        BigDecimal width = order < 0 ? upper.subtract(lower) : lower.subtract(upper);
        return offset.multiply(BigDecimal.valueOf(count)).divide(width, 0, RoundingMode.FLOOR).intValueExact() + 1;
    }
}
