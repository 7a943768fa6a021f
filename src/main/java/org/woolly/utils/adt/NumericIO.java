package org.woolly.utils.adt;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * Input and output of numeric ({@code numeric_in}/{@code numeric_out}/{@code numeric_recv}/
 * {@code numeric_send} in {@code src/backend/utils/adt/numeric.c}). The binary form is
 * PostgreSQL's: int16 ndigits, int16 weight, int16 sign, int16 dscale, then ndigits int16
 * base-10000 digits, the first of weight {@code weight} (value = sum digit[i] * 10000^(weight-i)).
 */
final class NumericIO implements TypeIO {
    static final NumericIO INSTANCE = new NumericIO();

    static final int SIGN_POSITIVE = 0x0000;
    static final int SIGN_NEGATIVE = 0x4000;
    static final int SIGN_NAN = 0xC000;
    static final int SIGN_POSITIVE_INFINITY = 0xD000;
    static final int SIGN_NEGATIVE_INFINITY = 0xF000;
    static final int MAX_DISPLAY_SCALE = 1000;
    private static final int DECIMAL_DIGITS_PER_BASE_DIGIT = 4;


    /** Parses the text form of a numeric, without applying a typmod. */
    static Object parse(String raw) {
        String text = TypeErrors.trimSpaces(raw);
        switch (text.toLowerCase(Locale.ROOT)) {
            case "nan":
                return NumericSpecial.NAN;
            case "infinity", "+infinity", "inf", "+inf":
                return NumericSpecial.POSITIVE_INFINITY;
            case "-infinity", "-inf":
                return NumericSpecial.NEGATIVE_INFINITY;
            default:
                break;
        }
        if (!FloatIO.isDecimal(text)) {
            throw TypeErrors.invalidSyntax("numeric", raw);
        }
        BigDecimal value;
        try {
            value = new BigDecimal(text);
        } catch (NumberFormatException | ArithmeticException e) {
            throw TypeErrors.invalidSyntax("numeric", raw);
        }
        if (value.scale() < 0) {
            value = value.setScale(0);
        } else if (value.scale() > MAX_DISPLAY_SCALE) {
            value = value.setScale(MAX_DISPLAY_SCALE, java.math.RoundingMode.HALF_UP);
        }
        return value;
    }

    @Override
    public Object input(String text, int typmod, FormatSettings settings) {
        return TypeModifiers.applyNumeric(parse(text), typmod);
    }

    @Override
    public String output(Object value, FormatSettings settings) {
        if (value instanceof NumericSpecial special) {
            return special.toString();
        }
        BigDecimal decimal = (BigDecimal) value;
        return (decimal.scale() < 0 ? decimal.setScale(0) : decimal).toPlainString();
    }

    @Override
    public Object receive(byte[] bytes, int offset, int length, int typmod, FormatSettings settings) {
        if (length < 8) {
            throw TypeErrors.binaryFormat("insufficient data left in message");
        }
        int digitCount = TypeErrors.readShort(bytes, offset) & 0xFFFF;
        int weight = TypeErrors.readShort(bytes, offset + 2);
        int sign = TypeErrors.readShort(bytes, offset + 4) & 0xFFFF;
        int displayScale = TypeErrors.readShort(bytes, offset + 6) & 0xFFFF;
        if (length != 8 + 2 * digitCount) {
            throw TypeErrors.binaryFormat("insufficient data left in message");
        }
        switch (sign) {
            case SIGN_NAN:
                return NumericSpecial.NAN;
            case SIGN_POSITIVE_INFINITY:
                return TypeModifiers.applyNumeric(NumericSpecial.POSITIVE_INFINITY, typmod);
            case SIGN_NEGATIVE_INFINITY:
                return TypeModifiers.applyNumeric(NumericSpecial.NEGATIVE_INFINITY, typmod);
            case SIGN_POSITIVE, SIGN_NEGATIVE:
                break;
            default:
                throw TypeErrors.binaryFormat("invalid sign in external \"numeric\" value");
        }
        if (displayScale > MAX_DISPLAY_SCALE) {
            throw TypeErrors.binaryFormat("invalid scale in external \"numeric\" value");
        }
        BigInteger unscaled = BigInteger.ZERO;
        BigInteger base = BigInteger.valueOf(10000);
        for (int i = 0; i < digitCount; i++) {
            int digit = TypeErrors.readShort(bytes, offset + 8 + 2 * i);
            if (digit < 0 || digit >= 10000) {
                throw TypeErrors.binaryFormat("invalid digit in external \"numeric\" value");
            }
            unscaled = unscaled.multiply(base).add(BigInteger.valueOf(digit));
        }
        // the digits read so far have weight (weight - digitCount + 1) in base 10000
        int decimalExponent = (weight - digitCount + 1) * DECIMAL_DIGITS_PER_BASE_DIGIT;
        BigDecimal value = new BigDecimal(unscaled, -decimalExponent);
        if (sign == SIGN_NEGATIVE) {
            value = value.negate();
        }
        value = value.setScale(displayScale, java.math.RoundingMode.HALF_UP);
        return TypeModifiers.applyNumeric(value, typmod);
    }

    @Override
    public byte[] send(Object value, FormatSettings settings) {
        if (value instanceof NumericSpecial special) {
            int sign = switch (special) {
                case NAN -> SIGN_NAN;
                case POSITIVE_INFINITY -> SIGN_POSITIVE_INFINITY;
                case NEGATIVE_INFINITY -> SIGN_NEGATIVE_INFINITY;
            };
            byte[] bytes = new byte[8];
            TypeErrors.writeShort(bytes, 4, sign);
            return bytes;
        }
        BigDecimal decimal = (BigDecimal) value;
        int displayScale = Math.max(decimal.scale(), 0);
        String digits = decimal.setScale(displayScale).unscaledValue().abs().toString();
        int integerDigits = digits.length() - displayScale;
        // pad so that the decimal point falls on a base-10000 digit boundary
        int leadingPad = Math.floorMod(-integerDigits, DECIMAL_DIGITS_PER_BASE_DIGIT);
        int trailingPad = Math.floorMod(-displayScale, DECIMAL_DIGITS_PER_BASE_DIGIT);
        StringBuilder padded = new StringBuilder(digits.length() + 8);
        padded.repeat('0', leadingPad).append(digits).repeat('0', trailingPad);
        int groupCount = padded.length() / DECIMAL_DIGITS_PER_BASE_DIGIT;
        int[] groups = new int[groupCount];
        for (int i = 0; i < groupCount; i++) {
            groups[i] = Integer.parseInt(padded, i * 4, i * 4 + 4, 10);
        }
        int weight = (integerDigits + leadingPad) / DECIMAL_DIGITS_PER_BASE_DIGIT - 1;
        int first = 0;
        while (first < groupCount && groups[first] == 0) {
            first++;
            weight--;
        }
        int last = groupCount;
        while (last > first && groups[last - 1] == 0) {
            last--;
        }
        int digitCount = last - first;
        if (digitCount == 0) {
            weight = 0;
        }
        byte[] bytes = new byte[8 + 2 * digitCount];
        TypeErrors.writeShort(bytes, 0, digitCount);
        TypeErrors.writeShort(bytes, 2, weight);
        TypeErrors.writeShort(bytes, 4, decimal.signum() < 0 ? SIGN_NEGATIVE : SIGN_POSITIVE);
        TypeErrors.writeShort(bytes, 6, displayScale);
        for (int i = 0; i < digitCount; i++) {
            TypeErrors.writeShort(bytes, 8 + 2 * i, groups[first + i]);
        }
        return bytes;
    }

    static SqlException fieldOverflow(int precision, int scale) {
        int maxDigits = precision - scale;
        String bound = maxDigits != 0 ? "10^" + maxDigits : "1";
        return new SqlException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "numeric field overflow").withDetail(
                "A field with precision " + precision + ", scale " + scale
                        + " must round to an absolute value less than " + bound + ".");
    }
}
