package org.woolly.utils.adt;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.concurrent.ThreadLocalRandom;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/** Mathematical functions ({@code src/backend/utils/adt/float.c}, {@code numeric.c}, {@code int.c}). */
final class MathFunctions {
    private static final int N = TypeOids.NUMERIC;
    private static final int F = TypeOids.FLOAT8;
    private static final int I = TypeOids.INT4;

    private MathFunctions() {}

    static void register(BuiltinFunctions.Registry r) {
        r.function("abs", TypeOids.INT2, (a, c) -> (short) IntegerOperators.checkRange(Math.abs((long) (Short) a[0]),
                TypeOids.INT2), TypeOids.INT2);
        r.function("abs", I, (a, c) -> {
            if ((Integer) a[0] == Integer.MIN_VALUE) {
                throw TypeErrors.integerOutOfRange();
            }
            return Math.abs((Integer) a[0]);
        }, I);
        r.function("abs", TypeOids.INT8, (a, c) -> {
            if ((Long) a[0] == Long.MIN_VALUE) {
                throw TypeErrors.bigintOutOfRange();
            }
            return Math.abs((Long) a[0]);
        }, TypeOids.INT8);
        r.function("abs", TypeOids.FLOAT4, (a, c) -> Math.abs((Float) a[0]), TypeOids.FLOAT4);
        r.function("abs", F, (a, c) -> Math.abs((Double) a[0]), F);
        r.function("abs", N, (a, c) -> NumericOperators.abs(a[0]), N);
        r.function("round", N, (a, c) -> round(a[0], 0), N);
        r.function("round", N, (a, c) -> round(a[0], (Integer) a[1]), N, I);
        r.function("round", F, (a, c) -> Math.rint((Double) a[0]), F);
        r.function("trunc", N, (a, c) -> truncate(a[0], 0), N);
        r.function("trunc", N, (a, c) -> truncate(a[0], (Integer) a[1]), N, I);
        r.function("trunc", F, (a, c) -> {
            double value = (Double) a[0];
            return value >= 0 ? Math.floor(value) : Math.ceil(value);
        }, F);
        for (String name : new String[] {"ceil", "ceiling"}) {
            r.function(name, N, (a, c) -> integral(a[0], RoundingMode.CEILING), N);
            r.function(name, F, (a, c) -> Math.ceil((Double) a[0]), F);
        }
        r.function("floor", N, (a, c) -> integral(a[0], RoundingMode.FLOOR), N);
        r.function("floor", F, (a, c) -> Math.floor((Double) a[0]), F);
        r.function("sign", N, (a, c) -> NumericOperators.isNaN(a[0]) ? a[0]
                : BigDecimal.valueOf(NumericOperators.sign(a[0])), N);
        r.function("sign", F, (a, c) -> Math.signum((Double) a[0]), F);
        r.function("mod", TypeOids.INT2, (a, c) -> (short) IntegerOperators.modulo((Short) a[0], (Short) a[1]),
                TypeOids.INT2, TypeOids.INT2);
        r.function("mod", I, (a, c) -> (int) IntegerOperators.modulo((Integer) a[0], (Integer) a[1]), I, I);
        r.function("mod", TypeOids.INT8, (a, c) -> IntegerOperators.modulo((Long) a[0], (Long) a[1]), TypeOids.INT8,
                TypeOids.INT8);
        r.function("mod", N, (a, c) -> NumericOperators.modulo(a[0], a[1]), N, N);
        r.function("div", N, (a, c) -> NumericOperators.integerDivide(a[0], a[1]), N, N);
        for (String name : new String[] {"power", "pow"}) {
            r.function(name, F, (a, c) -> power((Double) a[0], (Double) a[1]), F, F);
            r.function(name, N, (a, c) -> NumericOperators.power(a[0], a[1]), N, N);
        }
        r.function("sqrt", F, (a, c) -> {
            double value = (Double) a[0];
            if (value < 0) {
                throw negativeSquareRoot();
            }
            return Math.sqrt(value);
        }, F);
        r.function("sqrt", N, (a, c) -> sqrt(a[0]), N);
        r.function("ln", N, (a, c) -> numericLn(a[0]), N);
        r.function("log", N, (a, c) -> numericLog(BigDecimal.TEN, a[0]), N);
        r.function("log10", N, (a, c) -> numericLog(BigDecimal.TEN, a[0]), N);
        r.function("log", N, (a, c) -> numericLog(a[0], a[1]), N, N);
        r.function("exp", N, (a, c) -> numericExp(a[0]), N);
        r.function("cbrt", F, (a, c) -> Math.cbrt((Double) a[0]), F);
        r.function("exp", F, (a, c) -> checkFinite(Math.exp((Double) a[0]), (Double) a[0]), F);
        r.function("ln", F, (a, c) -> Math.log(checkLogArgument((Double) a[0])), F);
        r.function("log", F, (a, c) -> Math.log10(checkLogArgument((Double) a[0])), F);
        r.function("log10", F, (a, c) -> Math.log10(checkLogArgument((Double) a[0])), F);
        r.function("pi", F, (a, c) -> Math.PI);
        r.function("degrees", F, (a, c) -> Math.toDegrees((Double) a[0]), F);
        r.function("radians", F, (a, c) -> Math.toRadians((Double) a[0]), F);
        r.function("random", F, 'v', true, (a, c) -> ThreadLocalRandom.current().nextDouble());
        r.function("scale", I, (a, c) -> a[0] instanceof BigDecimal decimal ? Math.max(decimal.scale(), 0) : null, N);
    }

    /**
     * {@code dpow}: POSIX pow(3) for NaN and the infinities, which Java's Math.pow does not
     * follow (1 ^ NaN and (-1) ^ Infinity are 1 in SQL), then the overflow and underflow checks.
     */
    static double power(double base, double exponent) {
        if (Double.isNaN(base)) {
            return Double.isNaN(exponent) || exponent != 0 ? Double.NaN : 1.0;
        }
        if (Double.isNaN(exponent)) {
            return base == 1.0 ? 1.0 : Double.NaN;
        }
        if (base == 0 && exponent < 0) {
            throw new SqlException(SqlState.INVALID_ARGUMENT_FOR_POWER_FUNCTION,
                    "zero raised to a negative power is undefined");
        }
        if (base < 0 && Math.floor(exponent) != exponent) {
            throw new SqlException(SqlState.INVALID_ARGUMENT_FOR_POWER_FUNCTION,
                    "a negative number raised to a non-integer power yields a complex result");
        }
        if (Double.isInfinite(exponent)) {
            double magnitude = Math.abs(base);
            if (magnitude == 1.0) {
                return 1.0;
            }
            return (magnitude > 1.0) == (exponent > 0) ? Double.POSITIVE_INFINITY : 0.0;
        }
        if (Double.isInfinite(base)) {
            return Math.pow(base, exponent);
        }
        double result = Math.pow(base, exponent);
        if (Double.isInfinite(result)) {
            throw FloatOperators.overflow();
        }
        if (result == 0 && base != 0) {
            throw FloatOperators.underflow();
        }
        return result;
    }

    /** {@code dexp}'s checks: a finite argument whose result is infinite or zero is out of range. */
    private static double checkFinite(double result, double argument) {
        if (Double.isInfinite(result) && !Double.isInfinite(argument)) {
            throw FloatOperators.overflow();
        }
        if (result == 0 && !Double.isInfinite(argument)) {
            throw FloatOperators.underflow();
        }
        return result;
    }

    private static double checkLogArgument(double value) {
        if (value == 0) {
            throw new SqlException(SqlState.INVALID_ARGUMENT_FOR_LOGARITHM, "cannot take logarithm of zero");
        }
        if (value < 0) {
            throw new SqlException(SqlState.INVALID_ARGUMENT_FOR_LOGARITHM,
                    "cannot take logarithm of a negative number");
        }
        return value;
    }

    private static SqlException negativeSquareRoot() {
        return new SqlException(SqlState.INVALID_ARGUMENT_FOR_POWER_FUNCTION,
                "cannot take square root of a negative number");
    }

    /** ln(numeric): NaN and Infinity return themselves, -Infinity is a negative number. */
    private static Object numericLn(Object value) {
        if (value instanceof BigDecimal decimal) {
            return NumericMath.ln(decimal);
        }
        if (value == NumericSpecial.NEGATIVE_INFINITY) {
            throw new SqlException(SqlState.INVALID_ARGUMENT_FOR_LOGARITHM,
                    "cannot take logarithm of a negative number");
        }
        return value;
    }

    /** {@code numeric_log}: the special values follow log_var's errors, then Inf/Inf is NaN. */
    private static Object numericLog(Object base, Object value) {
        if (base instanceof BigDecimal b && value instanceof BigDecimal x) {
            return NumericMath.log(b, x);
        }
        if (NumericOperators.isNaN(base) || NumericOperators.isNaN(value)) {
            return NumericSpecial.NAN;
        }
        int baseSign = NumericOperators.sign(base);
        int valueSign = NumericOperators.sign(value);
        if (baseSign <= 0 || valueSign <= 0) {
            throw new SqlException(SqlState.INVALID_ARGUMENT_FOR_LOGARITHM, baseSign < 0 || valueSign < 0
                    ? "cannot take logarithm of a negative number" : "cannot take logarithm of zero");
        }
        if (base == NumericSpecial.POSITIVE_INFINITY) {
            return value == NumericSpecial.POSITIVE_INFINITY ? NumericSpecial.NAN : BigDecimal.ZERO;
        }
        return NumericSpecial.POSITIVE_INFINITY;
    }

    private static Object numericExp(Object value) {
        if (!(value instanceof BigDecimal argument)) {
            return value == NumericSpecial.NEGATIVE_INFINITY ? BigDecimal.ZERO : value;
        }
        return NumericMath.exp(argument);
    }

    /** round/trunc's scale limits: the numeric range plus one digit, and NUMERIC_DSCALE_MAX. */
    private static int roundingScale(int scale) {
        return Math.min(Math.max(scale, -(Short.MAX_VALUE + 1) * 4 - 1), 0x3FFF);
    }

    /** round(numeric, s): half away from zero; a negative s rounds left of the point. */
    static Object round(Object value, int scale) {
        if (!(value instanceof BigDecimal decimal)) {
            return value;
        }
        int limited = roundingScale(scale);
        BigDecimal rounded = NumericMath.checkRange(decimal.setScale(limited, RoundingMode.HALF_UP));
        return limited < 0 ? rounded.setScale(0) : rounded;
    }

    static Object truncate(Object value, int scale) {
        if (!(value instanceof BigDecimal decimal)) {
            return value;
        }
        int limited = roundingScale(scale);
        BigDecimal truncated = decimal.setScale(limited, RoundingMode.DOWN);
        return limited < 0 ? truncated.setScale(0) : truncated;
    }

    private static Object integral(Object value, RoundingMode mode) {
        if (!(value instanceof BigDecimal decimal)) {
            return value;
        }
        return decimal.setScale(0, mode);
    }

    /** sqrt(numeric): NaN and Infinity return themselves, -Infinity is negative. */
    private static Object sqrt(Object value) {
        if (value == NumericSpecial.NAN || value == NumericSpecial.POSITIVE_INFINITY) {
            return value;
        }
        if (value == NumericSpecial.NEGATIVE_INFINITY) {
            throw negativeSquareRoot();
        }
        return NumericMath.sqrt((BigDecimal) value);
    }
}
