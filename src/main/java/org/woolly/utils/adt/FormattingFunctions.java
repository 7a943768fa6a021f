package org.woolly.utils.adt;

import java.math.BigDecimal;

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
