package org.woolly.utils.adt;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * Input and output of float4 and float8 ({@code src/backend/utils/adt/float.c}; the
 * shortest-exact output of {@code src/common/d2s.c}/{@code f2s.c} when extra_float_digits &gt; 0,
 * {@code %.*g} otherwise).
 */
final class FloatIO implements TypeIO {
    static final FloatIO FLOAT4 = new FloatIO(false);
    static final FloatIO FLOAT8 = new FloatIO(true);

    private final boolean doublePrecision;

    private FloatIO(boolean doublePrecision) {
        this.doublePrecision = doublePrecision;
    }

    private String sqlName() {
        return doublePrecision ? "double precision" : "real";
    }

    static double parseDouble(String raw, String sqlName, boolean single) {
        String text = TypeErrors.trimSpaces(raw);
        if (!isDecimal(text)) {
            switch (text.toLowerCase(Locale.ROOT)) {
                case "nan", "+nan", "-nan":
                    return Double.NaN;
                case "infinity", "+infinity", "inf", "+inf":
                    return Double.POSITIVE_INFINITY;
                case "-infinity", "-inf":
                    return Double.NEGATIVE_INFINITY;
                default:
                    break;
            }
            throw TypeErrors.invalidSyntax(sqlName, raw);
        }
        double value = single ? Float.parseFloat(text) : Double.parseDouble(text);
        if (Double.isInfinite(value) || (value == 0 && hasNonZeroDigit(text))) {
            throw new org.woolly.utils.error.SqlException(org.woolly.utils.error.SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
                    "\"" + text + "\" is out of range for type " + sqlName);
        }
        return value;
    }

    /** {@code [+-]?(digits[.digits] | .digits)([eE][+-]?digits)?}: the decimal form float and numeric input take, apart from their special words. */
    static boolean isDecimal(String text) {
        int length = text.length();
        int i = 0;
        if (i < length && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            i++;
        }
        int integerStart = i;
        i = skipDigits(text, i);
        boolean integerDigits = i > integerStart;
        if (i < length && text.charAt(i) == '.') {
            int fractionStart = ++i;
            i = skipDigits(text, i);
            if (!integerDigits && i == fractionStart) {
                return false;
            }
        } else if (!integerDigits) {
            return false;
        }
        if (i < length && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            i++;
            if (i < length && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
                i++;
            }
            int exponentStart = i;
            i = skipDigits(text, i);
            if (i == exponentStart) {
                return false;
            }
        }
        return i == length;
    }

    private static int skipDigits(String text, int from) {
        int i = from;
        while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            i++;
        }
        return i;
    }

    private static boolean hasNonZeroDigit(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 'e' || c == 'E') {
                return false;
            }
            if (c >= '1' && c <= '9') {
                return true;
            }
        }
        return false;
    }

    @Override
    public Object input(String text, int typmod, FormatSettings settings) {
        double value = parseDouble(text, sqlName(), !doublePrecision);
        return doublePrecision ? (Object) value : (Object) (float) value;
    }

    @Override
    public String output(Object value, FormatSettings settings) {
        if (doublePrecision) {
            return formatDouble((Double) value, settings.extraFloatDigits());
        }
        return formatFloat((Float) value, settings.extraFloatDigits());
    }

    static String formatDouble(double value, int extraFloatDigits) {
        String special = special(value);
        if (special != null) {
            return special;
        }
        if (extraFloatDigits > 0) {
            return shortest(Double.toString(value), value, Math.ulp(value), 15);
        }
        return printfG(new BigDecimal(value), Math.max(1, 15 + extraFloatDigits), value);
    }

    static String formatFloat(float value, int extraFloatDigits) {
        String special = special(value);
        if (special != null) {
            return special;
        }
        if (extraFloatDigits > 0) {
            return shortest(Float.toString(value), value, Math.ulp(value), 6);
        }
        return printfG(new BigDecimal(value), Math.max(1, 6 + extraFloatDigits), value);
    }

    private static String special(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "Infinity" : "-Infinity";
        }
        if (value == 0) {
            return 1 / value < 0 ? "-0" : "0";
        }
        return null;
    }

    /**
     * Lays out the shortest round-trip digits the way PostgreSQL's Ryu output does. Java may pick
     * a decimal lying exactly half an ulp away (it still reads back, by round-half-even); Ryu
     * treats that boundary as excluded, so then the shortest decimal strictly inside is used.
     */
    private static String shortest(String javaText, double value, double ulp, int fixedLimit) {
        BigDecimal decimal = new BigDecimal(javaText).stripTrailingZeros();
        BigDecimal exact = new BigDecimal(value);
        BigDecimal halfUlp = new BigDecimal(ulp).divide(BigDecimal.TWO);
        if (decimal.subtract(exact).abs().compareTo(halfUlp) >= 0) {
            for (int digits = decimal.precision() + 1; digits <= 17; digits++) {
                BigDecimal candidate = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
                if (candidate.subtract(exact).abs().compareTo(halfUlp) < 0) {
                    decimal = candidate.stripTrailingZeros();
                    break;
                }
            }
        }
        String digits = decimal.unscaledValue().abs().toString();
        int exponent = digits.length() - decimal.scale() - 1;
        return layout(value < 0, digits, exponent, fixedLimit);
    }

    private static String printfG(BigDecimal exact, int precision, double value) {
        BigDecimal rounded = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN)).stripTrailingZeros();
        String digits = rounded.unscaledValue().abs().toString();
        int exponent = digits.length() - rounded.scale() - 1;
        return layout(value < 0, digits, exponent, precision);
    }

    private static String layout(boolean negative, String digits, int exponent, int fixedLimit) {
        StringBuilder out = new StringBuilder(digits.length() + 8);
        if (negative) {
            out.append('-');
        }
        if (exponent >= -4 && exponent < fixedLimit) {
            if (exponent < 0) {
                out.append("0.");
                out.repeat('0', -exponent - 1);
                out.append(digits);
            } else if (digits.length() <= exponent + 1) {
                out.append(digits);
                out.repeat('0', exponent + 1 - digits.length());
            } else {
                out.append(digits, 0, exponent + 1).append('.').append(digits, exponent + 1, digits.length());
            }
            return out.toString();
        }
        out.append(digits.charAt(0));
        if (digits.length() > 1) {
            out.append('.').append(digits, 1, digits.length());
        }
        out.append('e').append(exponent < 0 ? '-' : '+');
        int magnitude = Math.abs(exponent);
        if (magnitude < 10) {
            out.append('0');
        }
        out.append(magnitude);
        return out.toString();
    }

    @Override
    public Object receive(byte[] bytes, int offset, int length, int typmod, FormatSettings settings) {
        if (doublePrecision) {
            TypeErrors.checkBinaryLength(length, 8);
            return Double.longBitsToDouble(TypeErrors.readLong(bytes, offset));
        }
        TypeErrors.checkBinaryLength(length, 4);
        return Float.intBitsToFloat(TypeErrors.readInt(bytes, offset));
    }

    @Override
    public byte[] send(Object value, FormatSettings settings) {
        if (doublePrecision) {
            byte[] bytes = new byte[8];
            TypeErrors.writeLong(bytes, 0, Double.doubleToRawLongBits((Double) value));
            return bytes;
        }
        byte[] bytes = new byte[4];
        TypeErrors.writeInt(bytes, 0, Float.floatToRawIntBits((Float) value));
        return bytes;
    }
}
