package org.woolly.utils.adt;

import java.math.BigDecimal;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * The data type formatting functions ({@code src/backend/utils/adt/formatting.c}): {@code to_char}
 * of date/time and numeric values and {@code to_number}.
 */
final class FormattingFunctions {
    private static final int TEXT = TypeOids.TEXT;
    private static final BigDecimal NOT_FINITE = NumberToChar.NOT_FINITE;
    /** Significant digits of float4 and float8 ({@code FLT_DIG}, {@code DBL_DIG}). */
    private static final int FLOAT4_DIGITS = 6;
    private static final int FLOAT8_DIGITS = 15;

    private FormattingFunctions() {}

    static void register(BuiltinFunctions.Registry r) {
        r.function("to_char", TEXT, 's', true,
                (a, c) -> DateTimeToChar.timestamp((Long) a[0], (String) a[1]), TypeOids.TIMESTAMP, TEXT);
        r.function("to_char", TEXT, 's', true,
                (a, c) -> DateTimeToChar.timestamptz((Long) a[0], (String) a[1], c), TypeOids.TIMESTAMPTZ, TEXT);
        r.function("to_char", TEXT, 's', true,
                (a, c) -> DateTimeToChar.interval((Interval) a[0], (String) a[1]), TypeOids.INTERVAL, TEXT);
        r.function("to_char", TEXT, 's', true,
                (a, c) -> NumberToChar.format(BigDecimal.valueOf((Integer) a[0]), (String) a[1]), TypeOids.INT4, TEXT);
        r.function("to_char", TEXT, 's', true,
                (a, c) -> NumberToChar.format(BigDecimal.valueOf((Long) a[0]), (String) a[1]), TypeOids.INT8, TEXT);
        r.function("to_char", TEXT, 's', true,
                (a, c) -> NumberToChar.format(exact((Float) a[0]), (String) a[1], FLOAT4_DIGITS), TypeOids.FLOAT4, TEXT);
        r.function("to_char", TEXT, 's', true,
                (a, c) -> NumberToChar.format(exact((Double) a[0]), (String) a[1], FLOAT8_DIGITS), TypeOids.FLOAT8, TEXT);
        r.function("to_char", TEXT, 's', true, (a, c) -> NumberToChar.format(a[0] instanceof BigDecimal decimal
                ? decimal : a[0] == NumericSpecial.NEGATIVE_INFINITY ? NOT_FINITE.negate() : NOT_FINITE,
                (String) a[1]), TypeOids.NUMERIC, TEXT);
        r.function("to_number", TypeOids.NUMERIC, 's', true,
                (a, c) -> NumberToChar.parse((String) a[0], (String) a[1]), TEXT, TEXT);
        r.function("to_timestamp", TypeOids.TIMESTAMPTZ, 's', true,
                (a, c) -> DateTimeFromChar.toTimestamp((String) a[0], (String) a[1], c), TEXT, TEXT);
        r.function("to_date", TypeOids.DATE, 's', true,
                (a, c) -> DateTimeFromChar.toDate((String) a[0], (String) a[1]), TEXT, TEXT);
        r.function("to_timestamp", TypeOids.TIMESTAMPTZ, 'i', true,
                (a, c) -> fromUnixEpoch((Double) a[0]), TypeOids.FLOAT8);
    }

    /** {@code to_timestamp(double precision)}: seconds since 1970-01-01 00:00 UTC, rounded to microseconds. */
    private static long fromUnixEpoch(double seconds) {
        if (Double.isNaN(seconds)) {
            throw new SqlException(SqlState.DATETIME_FIELD_OVERFLOW, "timestamp cannot be NaN");
        }
        if (Double.isInfinite(seconds)) {
            return seconds < 0 ? DateTimeArithmetic.TIMESTAMP_NEGATIVE_INFINITY
                    : DateTimeArithmetic.TIMESTAMP_POSITIVE_INFINITY;
        }
        double unixToPostgres = (double) DateTimeArithmetic.UNIX_TO_POSTGRES_USECS / DateTimeArithmetic.USECS_PER_SEC;
        double micros = Math.rint((seconds - unixToPostgres) * DateTimeArithmetic.USECS_PER_SEC);
        if (!(micros >= DateTimeArithmetic.MIN_TIMESTAMP && micros < DateTimeArithmetic.END_TIMESTAMP)) {
            throw new SqlException(SqlState.DATETIME_FIELD_OVERFLOW,
                    "timestamp out of range: \"" + FloatIO.formatDouble(seconds, -9) + "\"");
        }
        return (long) micros;
    }

    private static BigDecimal exact(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return value < 0 ? NOT_FINITE.negate() : NOT_FINITE;
        }
        return BigDecimal.valueOf(value);
    }

    private static BigDecimal exact(float value) {
        if (Float.isNaN(value) || Float.isInfinite(value)) {
            return value < 0 ? NOT_FINITE.negate() : NOT_FINITE;
        }
        return new BigDecimal(Float.toString(value));
    }
}
