package org.woolly.utils.adt;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * {@code to_char(number, text)} and {@code to_number(text, text)}: the numeric template patterns
 * of PostgreSQL's {@code formatting.c} in the C locale (D is '.', G is ',', L a blank): digit
 * positions 9 and 0, the decimal point, group separators, the signs S, MI, PL, SG and PR, V
 * (shift), EEEE (scientific), RN (roman numerals), TH/th and FM (no padding).
 *
 * <p>The number is rounded to the template's digits after the point; integer digits fill the
 * positions before the point from the right. A position left of the number prints a blank, or
 * a zero from the template's first 0 on; a zero integer part is not printed when there are
 * digits after the point. Without S, MI or SG the output has one extra leading column, and the
 * sign (a blank when positive, {@code <} with PR) goes in the last blank just before the number.
 * A number with more integer digits than the template has positions prints every digit as #.
 */
final class NumberToChar {
    /** Stands for NaN and the infinities, which a template prints as overflow. */
    static final BigDecimal NOT_FINITE = BigDecimal.TEN.pow(1000);

    private NumberToChar() {}

    private enum Kind { DIGIT9, DIGIT0, POINT, GROUP, S, MI, PL, SG, PR, L, V, EEEE, RN, TH, LITERAL, IGNORED }

    private record Token(Kind kind, String text) {}

    /** A parsed template. */
    private static final class Template {
        final List<Token> tokens = new ArrayList<>();
        boolean fillMode;
        boolean lowerRoman;
        boolean lowerOrdinal;
        int pre;
        int post;
        int shift;
        int zeroStart = Integer.MAX_VALUE;
        int zeroEnd = -1;
        boolean point;
        boolean sign;
        /** An S before the first digit: the sign is anchored to the number, as the default one is. */
        boolean leadingS;
        boolean bracket;
        boolean scientific;
        boolean roman;
        boolean ordinal;
    }

    private static Template parse(String format) {
        Template t = new Template();
        int i = 0;
        boolean afterPoint = false;
        boolean afterV = false;
        while (i < format.length()) {
            String rest = format.substring(i);
            String upper = rest.toUpperCase(Locale.ROOT);
            char c = format.charAt(i);
            if (upper.startsWith("FM")) {
                t.fillMode = true;
                i += 2;
            } else if (c == '9' || c == '0') {
                if (afterPoint && !afterV) {
                    if (c == '0') {
                        t.zeroEnd = t.post;
                    }
                    t.post++;
                } else {
                    if (c == '0' && t.zeroStart == Integer.MAX_VALUE) {
                        t.zeroStart = t.pre;
                    }
                    t.pre++;
                    if (afterV) {
                        t.shift++;
                    }
                }
                t.tokens.add(new Token(c == '0' ? Kind.DIGIT0 : Kind.DIGIT9, null));
                i++;
            } else if (c == '.' || c == 'D' || c == 'd') {
                if (t.point) {
                    throw new SqlException(SqlState.SYNTAX_ERROR, "multiple decimal points");
                }
                t.point = true;
                afterPoint = true;
                t.tokens.add(new Token(Kind.POINT, null));
                i++;
            } else if (c == ',' || c == 'G' || c == 'g') {
                t.tokens.add(new Token(Kind.GROUP, null));
                i++;
            } else if (upper.startsWith("EEEE")) {
                t.scientific = true;
                t.tokens.add(new Token(Kind.EEEE, null));
                i += 4;
            } else if (upper.startsWith("PR")) {
                t.bracket = true;
                t.tokens.add(new Token(Kind.PR, null));
                i += 2;
            } else if (upper.startsWith("PL")) {
                t.tokens.add(new Token(Kind.PL, null));
                i += 2;
            } else if (upper.startsWith("SG")) {
                t.sign = true;
                t.tokens.add(new Token(Kind.SG, null));
                i += 2;
            } else if (upper.startsWith("MI")) {
                t.sign = true;
                t.tokens.add(new Token(Kind.MI, null));
                i += 2;
            } else if (upper.startsWith("RN")) {
                t.roman = true;
                t.lowerRoman = c == 'r';
                t.tokens.add(new Token(Kind.RN, null));
                i += 2;
            } else if (upper.startsWith("TH")) {
                t.ordinal = true;
                t.lowerOrdinal = c == 't';
                t.tokens.add(new Token(Kind.TH, null));
                i += 2;
            } else if (c == 'S' || c == 's') {
                t.sign = true;
                t.leadingS = t.pre == 0 && !t.point;
                t.tokens.add(new Token(Kind.S, null));
                i++;
            } else if (c == 'L' || c == 'l') {
                t.tokens.add(new Token(Kind.L, null));
                i++;
            } else if (c == 'V' || c == 'v') {
                afterV = true;
                t.tokens.add(new Token(Kind.V, null));
                i++;
            } else if (c == 'B' || c == 'b') {
                t.tokens.add(new Token(Kind.IGNORED, null));
                i++;
            } else if (c == '"') {
                StringBuilder text = new StringBuilder();
                i++;
                while (i < format.length() && format.charAt(i) != '"') {
                    if (format.charAt(i) == '\\' && i + 1 < format.length()) {
                        i++;
                    }
                    text.append(format.charAt(i++));
                }
                i++;
                t.tokens.add(new Token(Kind.LITERAL, text.toString()));
            } else if (c == '\\' && i + 1 < format.length() && format.charAt(i + 1) == '"') {
                t.tokens.add(new Token(Kind.LITERAL, "\""));
                i += 2;
            } else {
                t.tokens.add(new Token(Kind.LITERAL, String.valueOf(c)));
                i++;
            }
        }
        if (t.shift > 0 && t.point) {
            throw new SqlException(SqlState.SYNTAX_ERROR, "cannot use \"V\" and decimal point together");
        }
        return t;
    }

    /** {@code to_char} of an exact number. */
    static String format(BigDecimal value, String format) {
        return format(value, format, Integer.MAX_VALUE);
    }

    /**
     * {@code to_char} of a number known to {@code significantDigits} digits (a float: 6 or 15,
     * {@code FLT_DIG} / {@code DBL_DIG}): fewer digits after the point are printed when the
     * integer part already uses some of them.
     */
    static String format(BigDecimal value, String format, int significantDigits) {
        Template t = parse(format);
        if (t.roman) {
            return roman(value, t, significantDigits == Integer.MAX_VALUE);
        }
        if (t.scientific) {
            return scientific(value, t);
        }
        BigDecimal shifted = value.movePointRight(t.shift);
        int post = t.post;
        if (significantDigits != Integer.MAX_VALUE) {
            int integerDigits = shifted.abs().setScale(0, RoundingMode.HALF_UP).toPlainString().length();
            post = Math.max(0, Math.min(post, significantDigits - integerDigits));
        }
        BigDecimal scaled = shifted.setScale(post, RoundingMode.HALF_UP);
        boolean negative = scaled.signum() < 0;
        String digits = scaled.abs().toPlainString();
        int dot = digits.indexOf('.');
        String integer = dot < 0 ? digits : digits.substring(0, dot);
        String fraction = dot < 0 ? "" : digits.substring(dot + 1);
        boolean overflow = integer.length() > t.pre;
        if (integer.equals("0") && post > 0) {
            integer = "";
        }
        if (t.fillMode && !overflow) {
            int keep = fraction.length();
            while (keep > 0 && fraction.charAt(keep - 1) == '0' && keep - 1 > t.zeroEnd) {
                keep--;
            }
            fraction = fraction.substring(0, keep);
            if (fraction.isEmpty() && integer.isEmpty() && t.zeroStart >= t.pre) {
                integer = "0";
            }
        }
        return layout(t, post, negative, integer, fraction, overflow, scaled);
    }

    /** A blank that fill mode drops (literal text keeps its blanks). */
    private static final char PAD = '\u0000';

    private static String layout(Template t, int post, boolean negative, String integer, String fraction,
                                 boolean overflow, BigDecimal value) {
        StringBuilder out = new StringBuilder();
        boolean numberStarted = false;
        int prePosition = 0;
        int postPosition = 0;
        // the sign written just before the number's first character
        String anchoredSign = t.leadingS ? (negative ? "-" : "+") : t.sign ? ""
                : t.bracket ? (negative ? "<" : String.valueOf(PAD)) : negative ? "-" : String.valueOf(PAD);
        for (Token token : t.tokens) {
            switch (token.kind()) {
                case DIGIT9, DIGIT0 -> {
                    if (prePosition < t.pre) {
                        int firstDigit = t.pre - integer.length();
                        char text;
                        if (overflow) {
                            text = '#';
                        } else if (prePosition >= firstDigit) {
                            text = integer.charAt(prePosition - firstDigit);
                        } else if (prePosition >= t.zeroStart) {
                            text = '0';
                        } else {
                            text = PAD;
                        }
                        prePosition++;
                        if (text != PAD && !numberStarted) {
                            out.append(anchoredSign);
                            numberStarted = true;
                        }
                        out.append(text);
                    } else {
                        if (postPosition < post) {
                            out.append(overflow ? '#' : postPosition < fraction.length()
                                    ? String.valueOf(fraction.charAt(postPosition)) : "");
                        }
                        postPosition++;
                    }
                }
                case POINT -> {
                    if (overflow || post > 0) {
                        if (!numberStarted) {
                            out.append(anchoredSign);
                            numberStarted = true;
                        }
                        out.append('.');
                    }
                }
                case GROUP -> out.append(numberStarted || overflow ? ',' : PAD);
                case S -> {
                    if (!t.leadingS) {
                        out.append(negative ? '-' : '+');
                    }
                }
                case MI -> out.append(negative ? '-' : PAD);
                case PL -> out.append(negative ? PAD : '+');
                case SG -> out.append(negative ? '-' : '+');
                case PR -> out.append(negative ? '>' : PAD);
                case L -> out.append(PAD);
                case TH -> {
                    if (!negative && !overflow && t.post == 0) {
                        String suffix = DateTimeToChar.ordinal(value.toBigInteger().mod(BigInteger.valueOf(100))
                                .longValue());
                        out.append(t.lowerOrdinal ? suffix : suffix.toUpperCase(Locale.ROOT));
                    }
                }
                case LITERAL -> out.append(token.text());
                case V, EEEE, RN, IGNORED -> { }
            }
        }
        String result = out.toString();
        return t.fillMode ? result.replace(String.valueOf(PAD), "") : result.replace(PAD, ' ');
    }

    /** Roman numerals of 1 to 3999; a numeric beyond int4 is an error, a float there prints as overflow. */
    private static String roman(BigDecimal value, Template t, boolean exact) {
        int number;
        try {
            number = value.setScale(0, RoundingMode.HALF_UP).intValueExact();
        } catch (ArithmeticException tooLarge) {
            if (exact) {
                throw new SqlException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "integer out of range");
            }
            number = -1;
        }
        String text;
        if (number < 1 || number > 3999) {
            text = "#".repeat(15);
        } else {
            text = toRoman(number);
            if (t.lowerRoman) {
                text = text.toLowerCase(Locale.ROOT);
            }
            if (!t.fillMode) {
                text = " ".repeat(15 - text.length()) + text;
            }
        }
        StringBuilder out = new StringBuilder();
        for (Token token : t.tokens) {
            if (token.kind() == Kind.RN) {
                out.append(text);
            } else if (token.kind() == Kind.LITERAL) {
                out.append(token.text());
            }
        }
        return out.toString();
    }

    private static String toRoman(int number) {
        int[] values = {1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1};
        String[] symbols = {"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"};
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            while (number >= values[i]) {
                out.append(symbols[i]);
                number -= values[i];
            }
        }
        return out.toString();
    }

    private static String scientific(BigDecimal value, Template t) {
        String mantissa;
        String exponent;
        if (value.abs().compareTo(NOT_FINITE) >= 0) {
            mantissa = "#." + "#".repeat(t.post);
            exponent = "####";
            value = BigDecimal.ONE;
        } else if (value.signum() == 0) {
            mantissa = BigDecimal.ZERO.setScale(t.post).toPlainString();
            exponent = "+00";
        } else {
            BigDecimal abs = value.abs();
            int exp = abs.precision() - abs.scale() - 1;
            BigDecimal m = abs.movePointLeft(exp).setScale(t.post, RoundingMode.HALF_UP);
            if (m.compareTo(BigDecimal.TEN) >= 0) {
                exp++;
                m = abs.movePointLeft(exp).setScale(t.post, RoundingMode.HALF_UP);
            }
            mantissa = m.toPlainString();
            String digits = Integer.toString(Math.abs(exp));
            exponent = (exp < 0 ? "-" : "+") + (digits.length() < 2 ? "0" + digits : digits);
        }
        String sign = value.signum() < 0 ? "-" : t.fillMode ? "" : " ";
        StringBuilder out = new StringBuilder();
        boolean written = false;
        for (Token token : t.tokens) {
            switch (token.kind()) {
                case DIGIT9, DIGIT0, POINT -> {
                    if (!written) {
                        out.append(sign).append(mantissa);
                        written = true;
                    }
                }
                case EEEE -> out.append(exponent.startsWith("#") ? exponent : "e" + exponent);
                case LITERAL -> out.append(token.text());
                default -> { }
            }
        }
        return out.toString();
    }

    /** {@code to_number(text, template)}: reads the digits, point and sign the template places. */
    static BigDecimal parse(String input, String format) {
        Template t = parse(format);
        if (t.roman || t.scientific) {
            throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED,
                    "\"" + (t.roman ? "RN" : "EEEE") + "\" not supported for input");
        }
        StringBuilder digits = new StringBuilder();
        boolean negative = false;
        int fractionDigits = 0;
        boolean inFraction = false;
        int at = 0;
        for (Token token : t.tokens) {
            while (at < input.length() && input.charAt(at) == ' '
                    && (token.kind() == Kind.DIGIT9 || token.kind() == Kind.DIGIT0)) {
                at++;
            }
            if (at >= input.length()) {
                break;
            }
            char c = input.charAt(at);
            switch (token.kind()) {
                case DIGIT9, DIGIT0 -> {
                    if (c == '-' || c == '<') {
                        negative = true;
                        at++;
                        c = at < input.length() ? input.charAt(at) : ' ';
                    } else if (c == '+') {
                        at++;
                        c = at < input.length() ? input.charAt(at) : ' ';
                    }
                    if (Character.isDigit(c)) {
                        digits.append(c);
                        if (inFraction) {
                            fractionDigits++;
                        }
                        at++;
                    } else if (c == '.' && t.point && !inFraction) {
                        inFraction = true;
                        at++;
                    }
                }
                case POINT -> {
                    if (c == '.') {
                        inFraction = true;
                        at++;
                    }
                }
                case GROUP -> {
                    if (c == ',') {
                        at++;
                    }
                }
                case S, MI, SG, PL -> {
                    if (c == '-') {
                        negative = true;
                        at++;
                    } else if (c == '+') {
                        at++;
                    }
                }
                case PR -> {
                    if (c == '>' || c == '<') {
                        negative = true;
                        at++;
                    }
                }
                case LITERAL -> at += token.text().length();
                case L -> {
                    if (!Character.isDigit(c) && c != '.' && c != '-' && c != '+') {
                        at++;
                    }
                }
                default -> { }
            }
        }
        if (digits.isEmpty()) {
            throw new SqlException(SqlState.INVALID_TEXT_REPRESENTATION,
                    "invalid input syntax for type numeric: \" \"");
        }
        BigDecimal result = new BigDecimal(new BigInteger(digits.toString()), fractionDigits);
        if (t.shift > 0) {
            // times power(10, -shift), whose numeric result has 16 digits after the point
            result = result.multiply(BigDecimal.ONE.movePointLeft(t.shift).setScale(Math.max(16, t.shift)));
        }
        return negative ? result.negate() : result;
    }
}
