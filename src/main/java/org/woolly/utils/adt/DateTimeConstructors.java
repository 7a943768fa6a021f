package org.woolly.utils.adt;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * The date/time constructors of PostgreSQL's {@code timestamp.c} and {@code date.c}:
 * {@code make_interval}, {@code make_time}, {@code make_timestamp} and {@code make_timestamptz},
 * with their checks and error texts.
 */
final class DateTimeConstructors {
    private static final int I4 = TypeOids.INT4;
    private static final int F8 = TypeOids.FLOAT8;

    private DateTimeConstructors() {}

    static void register(BuiltinFunctions.Registry r) {
        r.function("make_interval", TypeOids.INTERVAL, (a, c) -> makeInterval((Integer) a[0], (Integer) a[1],
                (Integer) a[2], (Integer) a[3], (Integer) a[4], (Integer) a[5], (Double) a[6]),
                I4, I4, I4, I4, I4, I4, F8);
        r.function("make_time", TypeOids.TIME, (a, c) -> makeTime((Integer) a[0], (Integer) a[1], (Double) a[2]),
                I4, I4, F8);
        r.function("make_timestamp", TypeOids.TIMESTAMP, (a, c) -> makeTimestamp((Integer) a[0], (Integer) a[1],
                (Integer) a[2], (Integer) a[3], (Integer) a[4], (Double) a[5]), I4, I4, I4, I4, I4, F8);
        r.function("make_timestamptz", TypeOids.TIMESTAMPTZ, PgProcData.STABLE, PgProcData.STRICT,
                (a, c) -> DateTimeArithmetic.localToUtc(c.formatSettings().timeZone(), makeTimestamp((Integer) a[0],
                        (Integer) a[1], (Integer) a[2], (Integer) a[3], (Integer) a[4], (Double) a[5])),
                I4, I4, I4, I4, I4, F8);
        r.function("make_timestamptz", TypeOids.TIMESTAMPTZ, PgProcData.STABLE, PgProcData.STRICT,
                (a, c) -> DateTimeArithmetic.localToUtc(explicitZone((String) a[6]), makeTimestamp((Integer) a[0],
                        (Integer) a[1], (Integer) a[2], (Integer) a[3], (Integer) a[4], (Double) a[5])),
                I4, I4, I4, I4, I4, F8, TypeOids.TEXT);
    }

    /**
     * Years and months make months, weeks and days make days (32-bit arithmetic that wraps, as
     * PostgreSQL 15's does), hours, minutes and seconds make microseconds.
     */
    private static Interval makeInterval(int years, int months, int weeks, int days, int hours, int minutes,
                                         double seconds) {
        double micros = Math.rint(seconds * DateTimeArithmetic.USECS_PER_SEC);
        if (Double.isNaN(micros) || Double.isInfinite(micros)) {
            throw new SqlException(SqlState.DATETIME_FIELD_OVERFLOW, "interval out of range");
        }
        long time = hours * 3_600_000_000L + minutes * 60_000_000L + (long) micros;
        return new Interval(years * 12 + months, weeks * 7 + days, time);
    }

    private static long makeTime(int hour, int minute, double second) {
        if (timeOverflows(hour, minute, second)) {
            throw timeFieldOutOfRange(hour, minute, second);
        }
        return ((hour * 60L + minute) * 60) * DateTimeArithmetic.USECS_PER_SEC
                + (long) Math.rint(second * DateTimeArithmetic.USECS_PER_SEC);
    }

    /** A timestamp from its fields; a negative year is BC, year 0 does not exist. */
    static long makeTimestamp(int year, int month, int day, int hour, int minute, double second) {
        String shown = year + "-" + twoDigits(month) + "-" + twoDigits(day);
        int calendarYear = year < 0 ? year + 1 : year;
        if (year == 0 || month < 1 || month > 12 || day < 1 || day > DateTimeArithmetic.daysInMonth(calendarYear, month)) {
            throw new SqlException(SqlState.DATETIME_FIELD_OVERFLOW, "date field value out of range: " + shown);
        }
        if (!DateTimeArithmetic.validJulian(calendarYear, month, day)) {
            throw new SqlException(SqlState.DATETIME_FIELD_OVERFLOW, "date out of range: " + shown);
        }
        if (timeOverflows(hour, minute, second)) {
            throw timeFieldOutOfRange(hour, minute, second);
        }
        long date = DateTimeArithmetic.fromLocalDate(LocalDate.of(calendarYear, month, day));
        long time = ((hour * 60L + minute) * 60) * DateTimeArithmetic.USECS_PER_SEC
                + (long) Math.rint(second * DateTimeArithmetic.USECS_PER_SEC);
        long result = date * DateTimeArithmetic.USECS_PER_DAY + time;
        if (result < DateTimeArithmetic.MIN_TIMESTAMP || result >= DateTimeArithmetic.END_TIMESTAMP) {
            throw new SqlException(SqlState.DATETIME_FIELD_OVERFLOW, "timestamp out of range: " + shown + " "
                    + hour + ":" + twoDigits(minute) + ":" + secondsText(second));
        }
        return result;
    }

    /** {@code float_time_overflows}: 24:00:00 and a leap second are allowed, nothing past a day. */
    private static boolean timeOverflows(int hour, int minute, double second) {
        if (hour < 0 || hour > 24 || minute < 0 || minute >= 60 || Double.isNaN(second)) {
            return true;
        }
        double micros = Math.rint(second * DateTimeArithmetic.USECS_PER_SEC);
        if (micros < 0 || micros > 60.0 * DateTimeArithmetic.USECS_PER_SEC) {
            return true;
        }
        return ((hour * 60L + minute) * 60) * DateTimeArithmetic.USECS_PER_SEC + micros
                > DateTimeArithmetic.USECS_PER_DAY;
    }

    private static SqlException timeFieldOutOfRange(int hour, int minute, double second) {
        return new SqlException(SqlState.DATETIME_FIELD_OVERFLOW, "time field value out of range: " + hour + ":"
                + twoDigits(minute) + ":" + secondsText(second));
    }

    /** C's {@code %02g}: six significant digits, zero-padded to two characters. */
    private static String secondsText(double second) {
        String text = FloatIO.formatDouble(second, -9);
        if (text.length() >= 2) {
            return text;
        }
        return "0" + text;
    }

    private static String twoDigits(int value) {
        return value >= 0 && value < 10 ? "0" + value : Integer.toString(value);
    }

    /**
     * The zone argument of {@code make_timestamptz} ({@code parse_sane_timezone}): a signed ISO
     * offset east of Greenwich, then an abbreviation, then a tz database name.
     */
    private static ZoneId explicitZone(String name) {
        if (!name.isEmpty() && Character.isDigit(name.charAt(0))) {
            throw SqlException.of(SqlState.INVALID_PARAMETER_VALUE, "invalid input syntax for type %s: \"%s\"",
                    "numeric time zone", name)
                    .withHint("Numeric time zones must have \"-\" or \"+\" as first character.");
        }
        if (name.startsWith("+") || name.startsWith("-")) {
            Integer east = DateTimeParser.numericOffset(name, name);
            if (east != null) {
                return ZoneOffset.ofTotalSeconds(east);
            }
        }
        ZoneId zone = ZoneConversions.byAbbreviationOrName(name);
        if (zone == null) {
            throw SqlException.of(SqlState.INVALID_PARAMETER_VALUE, "time zone \"%s\" not recognized", name);
        }
        return zone;
    }
}
