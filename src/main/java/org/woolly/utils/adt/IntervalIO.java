package org.woolly.utils.adt;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * Input and output of interval ({@code interval_in}/{@code interval_out}, {@code DecodeInterval},
 * {@code DecodeISO8601Interval} and {@code EncodeInterval} in {@code datetime.c}). Input takes
 * PostgreSQL's verbose form ({@code 1 year 2 mons 3 days 04:05:06}, {@code @ 1 hour ago}, unit
 * abbreviations, fractional units cascading down) and ISO 8601 ({@code P1Y2M3DT4H5M6S}).
 */
final class IntervalIO implements TypeIO {
    static final IntervalIO INSTANCE = new IntervalIO();

    private static final long USECS_PER_DAY = DateTimeArithmetic.USECS_PER_DAY;

    /** Accumulates the parts as exact decimals so that fractions cascade (1.5 months = 1 month 15 days). */
    private static final class Accumulator {
        BigDecimal months = BigDecimal.ZERO;
        BigDecimal days = BigDecimal.ZERO;
        BigDecimal microseconds = BigDecimal.ZERO;
        /** PostgreSQL's int fields tm_year and tm_mon, whose own overflow is a field overflow. */
        private BigDecimal yearField = BigDecimal.ZERO;
        private BigDecimal monthField = BigDecimal.ZERO;

        void add(BigDecimal amount, String unit, String text) {
            switch (unit) {
                case "microsecond", "microseconds", "us", "usec", "usecs", "useconds", "usecond" ->
                        microseconds = microseconds.add(amount);
                case "millisecond", "milliseconds", "ms", "msec", "msecs", "mseconds", "msecond" ->
                        microseconds = microseconds.add(amount.multiply(BigDecimal.valueOf(1000)));
                case "second", "seconds", "s", "sec", "secs" ->
                        microseconds = microseconds.add(amount.multiply(BigDecimal.valueOf(1_000_000)));
                case "minute", "minutes", "m", "min", "mins" ->
                        microseconds = microseconds.add(amount.multiply(BigDecimal.valueOf(60_000_000L)));
                case "hour", "hours", "h", "hr", "hrs" ->
                        microseconds = microseconds.add(amount.multiply(BigDecimal.valueOf(3_600_000_000L)));
                case "day", "days", "d" -> addDays(amount);
                case "week", "weeks", "w" -> addDays(amount.multiply(BigDecimal.valueOf(7)));
                case "month", "months", "mon", "mons" -> {
                    monthField = checkInt(monthField.add(checkInt(amount, text).setScale(0, RoundingMode.DOWN)), text);
                    addMonths(amount);
                }
                case "year", "years", "y", "yr", "yrs" -> addYears(amount, 1, text);
                case "decade", "decades" -> addYears(amount, 10, text);
                case "century", "centuries", "c" -> addYears(amount, 100, text);
                case "millennium", "millennia", "millenniums" -> addYears(amount, 1000, text);
                default -> throw invalid(text);
            }
            // each field's own total must fit PostgreSQL's: days an int, the time part an int64
            // microseconds (AdjustDays / AdjustMicroseconds: DTERR_FIELD_OVERFLOW)
            checkInt(days, text);
            BigDecimal rounded = microseconds.setScale(0, RoundingMode.HALF_EVEN);
            if (rounded.compareTo(MAX_MICROSECONDS) > 0 || rounded.compareTo(MIN_MICROSECONDS) < 0) {
                throw fieldOverflow(text);
            }
        }

        /**
         * {@code AdjustYears} and {@code AdjustFractYears}: whole years (times the unit's size) add to
         * the year field, the fraction to the month field as whole months (rounded, the rest of a
         * month dropped: 0.1 years is 1 month); either field overflowing an int is a field overflow,
         * while their months together may still overflow the result.
         */
        private void addYears(BigDecimal amount, int yearsPerUnit, String text) {
            BigDecimal whole = amount.setScale(0, RoundingMode.DOWN);
            BigDecimal years = checkInt(whole, text).multiply(BigDecimal.valueOf(yearsPerUnit));
            yearField = checkInt(yearField.add(checkInt(years, text)), text);
            BigDecimal fractionMonths = amount.subtract(whole).multiply(BigDecimal.valueOf(12L * yearsPerUnit))
                    .setScale(0, RoundingMode.HALF_EVEN);
            monthField = checkInt(monthField.add(fractionMonths), text);
            months = months.add(years.multiply(BigDecimal.valueOf(12))).add(fractionMonths);
        }

        void addDays(BigDecimal amount) {
            BigDecimal whole = amount.setScale(0, RoundingMode.DOWN);
            days = days.add(whole);
            microseconds = microseconds.add(amount.subtract(whole).multiply(BigDecimal.valueOf(USECS_PER_DAY)));
        }

        void addMonths(BigDecimal amount) {
            BigDecimal whole = amount.setScale(0, RoundingMode.DOWN);
            months = months.add(whole);
            addDays(amount.subtract(whole).multiply(BigDecimal.valueOf(30)));
        }

        Interval toInterval(boolean negate, String text) {
            try {
                int m = months.intValueExact();
                int d = days.intValueExact();
                long us = microseconds.setScale(0, RoundingMode.HALF_EVEN).longValueExact();
                return negate ? new Interval(-m, -d, -us) : new Interval(m, d, us);
            } catch (ArithmeticException e) {
                throw new SqlException(SqlState.DATETIME_FIELD_OVERFLOW, "interval out of range");
            }
        }
    }

    private static final BigDecimal MAX_MICROSECONDS = BigDecimal.valueOf(Long.MAX_VALUE);
    private static final BigDecimal MIN_MICROSECONDS = BigDecimal.valueOf(Long.MIN_VALUE);

    /** The whole part of a field's value as an int, or 22008 "interval field value out of range". */
    private static BigDecimal checkInt(BigDecimal value, String text) {
        BigDecimal whole = value.setScale(0, RoundingMode.DOWN);
        if (whole.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0
                || whole.compareTo(BigDecimal.valueOf(Integer.MIN_VALUE)) < 0) {
            throw fieldOverflow(text);
        }
        return value;
    }

    private static SqlException fieldOverflow(String text) {
        return new SqlException(SqlState.DATETIME_FIELD_OVERFLOW, "interval field value out of range: \"" + text + "\"");
    }

    static SqlException invalid(String text) {
        return new SqlException(SqlState.INVALID_DATETIME_FORMAT, "invalid input syntax for type interval: \"" + text + "\"");
    }

    @Override
    public Object input(String text, int typmod, FormatSettings settings) {
        String lower = TypeErrors.trimSpaces(text).toLowerCase(Locale.ROOT);
        if (lower.isEmpty()) {
            throw invalid(text);
        }
        Interval value = lower.startsWith("p") ? parseIso8601(lower, text) : parseVerbose(lower, text);
        return DateTimeArithmetic.roundInterval(value, typmod);
    }

    private static Interval parseVerbose(String lower, String text) {
        String body = lower.startsWith("@") ? lower.substring(1).trim() : lower;
        boolean ago = false;
        if (body.endsWith(" ago") || body.equals("ago")) {
            ago = true;
            body = body.substring(0, body.length() - 3).trim();
        }
        Accumulator accumulator = new Accumulator();
        String[] tokens = body.replaceAll("(\\d)([a-z])", "$1 $2").split("\\s+");
        int i = 0;
        boolean any = false;
        while (i < tokens.length) {
            String token = tokens[i];
            if (token.isEmpty()) {
                i++;
                continue;
            }
            if (token.indexOf(':') >= 0) {
                accumulator.microseconds = accumulator.microseconds.add(parseClock(token, text));
                any = true;
                i++;
                continue;
            }
            BigDecimal amount;
            try {
                amount = new BigDecimal(token.startsWith("+") ? token.substring(1) : token);
            } catch (NumberFormatException e) {
                throw invalid(text);
            }
            any = true;
            if (i + 1 < tokens.length && !tokens[i + 1].isEmpty() && Character.isLetter(tokens[i + 1].charAt(0))) {
                accumulator.add(amount, tokens[i + 1], text);
                i += 2;
            } else {
                accumulator.add(amount, "seconds", text);
                i++;
            }
        }
        if (!any) {
            throw invalid(text);
        }
        return accumulator.toInterval(ago, text);
    }

    /** [-]h:mm[:ss[.ffffff]] as microseconds. */
    private static BigDecimal parseClock(String token, String text) {
        boolean negative = token.startsWith("-");
        String body = negative || token.startsWith("+") ? token.substring(1) : token;
        String[] parts = body.split(":", -1);
        if (parts.length < 2 || parts.length > 3) {
            throw invalid(text);
        }
        try {
            BigDecimal hours = new BigDecimal(parts[0]);
            BigDecimal minutes = new BigDecimal(parts[1]);
            BigDecimal seconds = parts.length == 3 ? new BigDecimal(parts[2]) : BigDecimal.ZERO;
            if (minutes.compareTo(BigDecimal.valueOf(59)) > 0 || seconds.compareTo(BigDecimal.valueOf(60)) >= 0) {
                throw fieldOverflow(text);
            }
            BigDecimal micros = hours.multiply(BigDecimal.valueOf(3_600_000_000L))
                    .add(minutes.multiply(BigDecimal.valueOf(60_000_000L)))
                    .add(seconds.multiply(BigDecimal.valueOf(1_000_000L)));
            return negative ? micros.negate() : micros;
        } catch (NumberFormatException e) {
            throw invalid(text);
        }
    }

    private static Interval parseIso8601(String lower, String text) {
        Accumulator accumulator = new Accumulator();
        boolean timePart = false;
        int position = 1;
        boolean any = false;
        while (position < lower.length()) {
            char c = lower.charAt(position);
            if (c == 't') {
                timePart = true;
                position++;
                continue;
            }
            int start = position;
            while (position < lower.length() && (Character.isDigit(lower.charAt(position))
                    || lower.charAt(position) == '.' || lower.charAt(position) == '-')) {
                position++;
            }
            if (start == position || position >= lower.length()) {
                throw invalid(text);
            }
            BigDecimal amount;
            try {
                amount = new BigDecimal(lower.substring(start, position));
            } catch (NumberFormatException e) {
                throw invalid(text);
            }
            char unit = lower.charAt(position++);
            String name = switch (unit) {
                case 'y' -> "years";
                case 'm' -> timePart ? "minutes" : "months";
                case 'w' -> "weeks";
                case 'd' -> "days";
                case 'h' -> "hours";
                case 's' -> "seconds";
                default -> throw invalid(text);
            };
            accumulator.add(amount, name, text);
            any = true;
        }
        if (!any) {
            throw invalid(text);
        }
        return accumulator.toInterval(false, text);
    }

    @Override
    public String output(Object value, FormatSettings settings) {
        Interval interval = (Interval) value;
        if (settings.intervalStyle() != FormatSettings.IntervalStyle.POSTGRES) {
            return IntervalStyles.format(interval, settings.intervalStyle());
        }
        int years = interval.months() / 12;
        int months = interval.months() % 12;
        int days = interval.days();
        long time = interval.microseconds();
        StringBuilder out = new StringBuilder(32);
        boolean[] state = {true, false}; // {nothing printed yet, previous part negative}
        appendPart(out, years, "year", state);
        appendPart(out, months, "mon", state);
        appendPart(out, days, "day", state);
        if (state[0] || time != 0) {
            boolean negative = time < 0;
            if (!state[0]) {
                out.append(' ');
            }
            out.append(negative ? "-" : state[1] ? "+" : "");
            // each part from the signed time, then made positive: |Long.MIN_VALUE| has no long
            long hours = Math.abs(time / DateTimeArithmetic.USECS_PER_HOUR);
            if (hours < 10) {
                out.append('0');
            }
            out.append(hours).append(':');
            long minutes = Math.abs(time / DateTimeArithmetic.USECS_PER_MINUTE % 60);
            if (minutes < 10) {
                out.append('0');
            }
            out.append(minutes).append(':');
            long seconds = Math.abs(time / DateTimeArithmetic.USECS_PER_SEC % 60);
            if (seconds < 10) {
                out.append('0');
            }
            out.append(seconds);
            DateTimeFormat.appendFraction(out, (int) Math.abs(time % DateTimeArithmetic.USECS_PER_SEC));
        }
        return out.toString();
    }

    private static void appendPart(StringBuilder out, int value, String unit, boolean[] state) {
        if (value == 0) {
            return;
        }
        if (!state[0]) {
            out.append(' ');
        }
        if (state[1] && value > 0) {
            out.append('+');
        }
        out.append(value).append(' ').append(unit);
        if (value != 1) {
            out.append('s');
        }
        state[0] = false;
        state[1] = value < 0;
    }

    @Override
    public Object receive(byte[] bytes, int offset, int length, int typmod, FormatSettings settings) {
        TypeErrors.checkBinaryLength(length, 16);
        long time = TypeErrors.readLong(bytes, offset);
        int days = TypeErrors.readInt(bytes, offset + 8);
        int months = TypeErrors.readInt(bytes, offset + 12);
        return DateTimeArithmetic.roundInterval(new Interval(months, days, time), typmod);
    }

    @Override
    public byte[] send(Object value, FormatSettings settings) {
        Interval interval = (Interval) value;
        byte[] bytes = new byte[16];
        TypeErrors.writeLong(bytes, 0, interval.microseconds());
        TypeErrors.writeInt(bytes, 8, interval.days());
        TypeErrors.writeInt(bytes, 12, interval.months());
        return bytes;
    }
}
