package org.woolly.utils.adt;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.IsoFields;
import java.util.Locale;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * Date/time operators and functions ({@code src/backend/utils/adt/date.c}, {@code timestamp.c}):
 * arithmetic with intervals, {@code now()} and friends, {@code date_trunc}, {@code date_part}
 * and {@code extract} (numeric since PostgreSQL 14).
 */
final class DateTimeFunctions {
    private static final int D = TypeOids.DATE;
    private static final int TS = TypeOids.TIMESTAMP;
    private static final int TZ = TypeOids.TIMESTAMPTZ;
    private static final int IV = TypeOids.INTERVAL;
    private static final int TX = TypeOids.TEXT;
    private static final long DAY = DateTimeArithmetic.USECS_PER_DAY;

    private DateTimeFunctions() {}

    static void register(BuiltinFunctions.Registry r) {
        r.operator("+", D, TypeOids.INT4, D, (a, c) -> addDays((Integer) a[0], (Integer) a[1]));
        r.operator("+", TypeOids.INT4, D, D, (a, c) -> addDays((Integer) a[1], (Integer) a[0]));
        r.operator("-", D, TypeOids.INT4, D, (a, c) -> addDays((Integer) a[0], -(long) (Integer) a[1]));
        r.operator("-", D, D, TypeOids.INT4, (a, c) -> {
            if (!DateTimeArithmetic.isFinite((Integer) a[0]) || !DateTimeArithmetic.isFinite((Integer) a[1])) {
                throw new SqlException(SqlState.DATETIME_FIELD_OVERFLOW, "cannot subtract infinite dates");
            }
            return (Integer) a[0] - (Integer) a[1];
        });
        r.operator("+", D, IV, TS, (a, c) -> DateTimeArithmetic.timestampPlusInterval(
                dateToTimestamp((Integer) a[0]), (Interval) a[1], null));
        r.operator("-", D, IV, TS, (a, c) -> DateTimeArithmetic.timestampPlusInterval(
                dateToTimestamp((Integer) a[0]), DateTimeArithmetic.negate((Interval) a[1]), null));
        r.operator("+", D, TypeOids.TIME, TS, (a, c) -> dateToTimestamp((Integer) a[0]) + (Long) a[1]);
        r.operator("+", TypeOids.TIME, D, TS, (a, c) -> dateToTimestamp((Integer) a[1]) + (Long) a[0]);
        r.operator("+", IV, D, TS, (a, c) -> DateTimeArithmetic.timestampPlusInterval(
                dateToTimestamp((Integer) a[1]), (Interval) a[0], null));
        r.operator("+", IV, TypeOids.TIME, TypeOids.TIME, (a, c) -> Math.floorMod((Long) a[1]
                + ((Interval) a[0]).microseconds(), DAY));
        r.operator("+", TS, IV, TS, (a, c) -> DateTimeArithmetic.timestampPlusInterval((Long) a[0],
                (Interval) a[1], null));
        r.operator("+", IV, TS, TS, (a, c) -> DateTimeArithmetic.timestampPlusInterval((Long) a[1],
                (Interval) a[0], null));
        r.operator("-", TS, IV, TS, (a, c) -> DateTimeArithmetic.timestampPlusInterval((Long) a[0],
                DateTimeArithmetic.negate((Interval) a[1]), null));
        r.operator("+", TZ, IV, TZ, (a, c) -> DateTimeArithmetic.timestampPlusInterval((Long) a[0],
                (Interval) a[1], c.formatSettings().timeZone()));
        r.operator("+", IV, TZ, TZ, (a, c) -> DateTimeArithmetic.timestampPlusInterval((Long) a[1],
                (Interval) a[0], c.formatSettings().timeZone()));
        r.operator("-", TZ, IV, TZ, (a, c) -> DateTimeArithmetic.timestampPlusInterval((Long) a[0],
                DateTimeArithmetic.negate((Interval) a[1]), c.formatSettings().timeZone()));
        r.operator("-", TS, TS, IV, (a, c) -> DateTimeArithmetic.subtractTimestamps((Long) a[0], (Long) a[1]));
        r.operator("-", TZ, TZ, IV, (a, c) -> DateTimeArithmetic.subtractTimestamps((Long) a[0], (Long) a[1]));
        r.operator("+", TypeOids.TIME, IV, TypeOids.TIME, (a, c) -> Math.floorMod((Long) a[0]
                + ((Interval) a[1]).microseconds(), DAY));
        r.operator("-", TypeOids.TIME, IV, TypeOids.TIME, (a, c) -> Math.floorMod((Long) a[0]
                - ((Interval) a[1]).microseconds(), DAY));
        r.operator("-", TypeOids.TIME, TypeOids.TIME, IV, (a, c) -> new Interval(0, 0, (Long) a[0] - (Long) a[1]));
        r.operator("+", IV, IV, IV, (a, c) -> addIntervals((Interval) a[0], (Interval) a[1]));
        r.operator("-", IV, IV, IV, (a, c) -> subtractIntervals((Interval) a[0], (Interval) a[1]));
        r.operator("-", 0, IV, IV, (a, c) -> subtractIntervals(new Interval(0, 0, 0), (Interval) a[0]));
        r.operator("*", IV, TypeOids.FLOAT8, IV, (a, c) -> multiplyInterval((Interval) a[0], (Double) a[1]));
        r.operator("*", TypeOids.FLOAT8, IV, IV, (a, c) -> multiplyInterval((Interval) a[1], (Double) a[0]));
        r.operator("/", IV, TypeOids.FLOAT8, IV, (a, c) -> {
            if ((Double) a[1] == 0) {
                throw TypeErrors.divisionByZero();
            }
            return multiplyInterval((Interval) a[0], 1 / (Double) a[1]);
        });

        for (String name : new String[] {"now", "transaction_timestamp", "current_timestamp"}) {
            r.function(name, TZ, 's', true, (a, c) -> c.transactionTimestamp());
        }
        // CURRENT_DATE, LOCALTIMESTAMP and LOCALTIME (SQLValueFunction in PostgreSQL) as functions
        r.function("current_date", D, 's', true, (a, c) -> timestampToDate(
                timestamptzToTimestamp(c.transactionTimestamp(), c)));
        r.function("localtimestamp", TS, 's', true, (a, c) -> timestamptzToTimestamp(c.transactionTimestamp(), c));
        r.function("localtime", TypeOids.TIME, 's', true, (a, c) -> Math.floorMod(
                timestamptzToTimestamp(c.transactionTimestamp(), c), DAY));
        r.function("statement_timestamp", TZ, 's', true, (a, c) -> c.statementTimestamp());
        r.function("clock_timestamp", TZ, 'v', true, (a, c) -> TimestampIO.currentTimestamp());
        r.function("timeofday", TX, 'v', true, (a, c) -> TimestampIO.TIMESTAMPTZ.output(
                TimestampIO.currentTimestamp(), c.formatSettings()));
        r.function("date_trunc", TS, (a, c) -> truncate((String) a[0], (Long) a[1], null,
                DateTimeFields.TIMESTAMP), TX, TS);
        r.function("date_trunc", TZ, 's', true, (a, c) -> truncate((String) a[0], (Long) a[1], c,
                DateTimeFields.TIMESTAMPTZ), TX, TZ);
        r.function("date_trunc", IV, (a, c) -> truncateInterval((String) a[0], (Interval) a[1]), TX, IV);
        r.function("date_bin", TS, (a, c) -> dateBin((Interval) a[0], (Long) a[1], (Long) a[2]), IV, TS, TS);
        r.function("date_bin", TZ, (a, c) -> dateBin((Interval) a[0], (Long) a[1], (Long) a[2]), IV, TZ, TZ);
        r.function("extract", TypeOids.NUMERIC, (a, c) -> DateTimeFields.ofTimestamp((String) a[0], (Long) a[1],
                null, DateTimeFields.TIMESTAMP), TX, TS);
        r.function("extract", TypeOids.NUMERIC, 's', true, (a, c) -> DateTimeFields.ofTimestamp((String) a[0],
                (Long) a[1], c, DateTimeFields.TIMESTAMPTZ), TX, TZ);
        r.function("extract", TypeOids.NUMERIC, (a, c) -> DateTimeFields.ofDate((String) a[0], (Integer) a[1]), TX, D);
        r.function("extract", TypeOids.NUMERIC, (a, c) -> DateTimeFields.ofInterval((String) a[0], (Interval) a[1]),
                TX, IV);
        r.function("extract", TypeOids.NUMERIC, (a, c) -> DateTimeFields.ofTime((String) a[0], (Long) a[1]), TX,
                TypeOids.TIME);
        r.function("date_part", TypeOids.FLOAT8, (a, c) -> toDouble(DateTimeFields.ofTimestamp((String) a[0],
                (Long) a[1], null, DateTimeFields.TIMESTAMP)), TX, TS);
        r.function("date_part", TypeOids.FLOAT8, 's', true, (a, c) -> toDouble(DateTimeFields.ofTimestamp(
                (String) a[0], (Long) a[1], c, DateTimeFields.TIMESTAMPTZ)), TX, TZ);
        // date_part(text, date) is SQL in PostgreSQL: date_part($1, $2::timestamp)
        r.function("date_part", TypeOids.FLOAT8, (a, c) -> toDouble(DateTimeFields.ofTimestamp((String) a[0],
                dateToTimestamp((Integer) a[1]), null, DateTimeFields.TIMESTAMP)), TX, D);
        r.function("date_part", TypeOids.FLOAT8, (a, c) -> toDouble(DateTimeFields.ofInterval((String) a[0],
                (Interval) a[1])), TX, IV);
        r.function("make_date", D, (a, c) -> makeDate((Integer) a[0], (Integer) a[1], (Integer) a[2]),
                TypeOids.INT4, TypeOids.INT4, TypeOids.INT4);
        r.function("age", IV, (a, c) -> age((Long) a[0], (Long) a[1]), TS, TS);
        r.function("date", D, (a, c) -> timestampToDate((Long) a[0]), TS);
        r.function("date", D, 's', true, (a, c) -> timestampToDate(timestamptzToTimestamp((Long) a[0], c)), TZ);
        // age(x) is age(current_date, x): midnight of today, in the session's zone for timestamptz
        r.function("age", IV, 's', true, (a, c) -> age(midnightToday(c), (Long) a[0]), TS);
        r.function("age", IV, 's', true, (a, c) -> age(midnightToday(c),
                timestamptzToTimestamp((Long) a[0], c)), TZ);
        r.function("age", IV, 'i', true, (a, c) -> age(TimestampIO.toLocal((Long) a[0], c.formatSettings().timeZone()),
                TimestampIO.toLocal((Long) a[1], c.formatSettings().timeZone())), TZ, TZ);
        r.function("justify_days", IV, (a, c) -> checked(() -> justifyDays((Interval) a[0])), IV);
        r.function("justify_hours", IV, (a, c) -> checked(() -> justifyHours((Interval) a[0])), IV);
        r.function("justify_interval", IV, (a, c) -> checked(() -> justifyInterval((Interval) a[0])), IV);
        r.function("isfinite", TypeOids.BOOL, (a, c) -> DateTimeArithmetic.isFinite((Integer) a[0]), D);
        r.function("isfinite", TypeOids.BOOL, (a, c) -> Boolean.TRUE, IV);
        r.function("isfinite", TypeOids.BOOL, (a, c) -> DateTimeArithmetic.isFinite((Long) a[0]), TS);
        r.function("isfinite", TypeOids.BOOL, (a, c) -> DateTimeArithmetic.isFinite((Long) a[0]), TZ);
    }

    private static Double toDouble(Object value) {
        if (value instanceof NumericSpecial special) {
            return special == NumericSpecial.POSITIVE_INFINITY ? Double.POSITIVE_INFINITY
                    : special == NumericSpecial.NEGATIVE_INFINITY ? Double.NEGATIVE_INFINITY : Double.NaN;
        }
        return value == null ? null : ((BigDecimal) value).doubleValue();
    }

    private static long midnightToday(FunctionContext context) {
        long local = timestamptzToTimestamp(context.transactionTimestamp(), context);
        return Math.floorDiv(local, DAY) * DAY;
    }

    static long dateToTimestamp(int date) {
        if (date == DateTimeArithmetic.DATE_NEGATIVE_INFINITY) {
            return DateTimeArithmetic.TIMESTAMP_NEGATIVE_INFINITY;
        }
        if (date == DateTimeArithmetic.DATE_POSITIVE_INFINITY) {
            return DateTimeArithmetic.TIMESTAMP_POSITIVE_INFINITY;
        }
        return DateTimeArithmetic.checkTimestamp(date * DAY);
    }

    static long dateToTimestamptz(int date, FunctionContext context) {
        long local = dateToTimestamp(date);
        return DateTimeArithmetic.isFinite(local)
                ? DateTimeArithmetic.localToUtc(context.formatSettings().timeZone(), local) : local;
    }

    static long timestampToTimestamptz(long timestamp, FunctionContext context) {
        return DateTimeArithmetic.isFinite(timestamp)
                ? DateTimeArithmetic.localToUtc(context.formatSettings().timeZone(), timestamp) : timestamp;
    }

    static long timestamptzToTimestamp(long timestamptz, FunctionContext context) {
        return DateTimeArithmetic.isFinite(timestamptz)
                ? TimestampIO.toLocal(timestamptz, context.formatSettings().timeZone()) : timestamptz;
    }

    static int timestampToDate(long timestamp) {
        if (timestamp == DateTimeArithmetic.TIMESTAMP_NEGATIVE_INFINITY) {
            return DateTimeArithmetic.DATE_NEGATIVE_INFINITY;
        }
        if (timestamp == DateTimeArithmetic.TIMESTAMP_POSITIVE_INFINITY) {
            return DateTimeArithmetic.DATE_POSITIVE_INFINITY;
        }
        return (int) Math.floorDiv(timestamp, DAY);
    }

    private static int addDays(int date, long days) {
        if (!DateTimeArithmetic.isFinite(date)) {
            return date;
        }
        long result = date + days;
        if (result < DateTimeArithmetic.MIN_DATE || result > DateTimeArithmetic.MAX_DATE) {
            throw new SqlException(SqlState.DATETIME_FIELD_OVERFLOW, "date out of range");
        }
        return (int) result;
    }

    private static Interval addIntervals(Interval left, Interval right) {
        return checked(() -> new Interval(Math.addExact(left.months(), right.months()),
                Math.addExact(left.days(), right.days()), Math.addExact(left.microseconds(), right.microseconds())));
    }

    /**
     * {@code justify_days}: whole 30-day months move to the months, and days take the months'
     * sign (PostgreSQL's interval_justify_days).
     */
    private static Interval justifyDays(Interval value) {
        int months = Math.addExact(value.months(), value.days() / 30);
        int days = value.days() % 30;
        if (months > 0 && days < 0) {
            days += 30;
            months--;
        } else if (months < 0 && days > 0) {
            days -= 30;
            months++;
        }
        return new Interval(months, days, value.microseconds());
    }

    /** {@code justify_hours}: whole 24-hour days move to the days, and the time takes their sign. */
    private static Interval justifyHours(Interval value) {
        int days = Math.addExact(value.days(), Math.toIntExact(value.microseconds() / DAY));
        return timeWithSignOfDays(value.months(), days, value.microseconds() % DAY);
    }

    /** Less than a day of time given the days' sign (borrowing a day when they differ). */
    private static Interval timeWithSignOfDays(int months, int days, long time) {
        if (days > 0 && time < 0) {
            return new Interval(months, days - 1, time + DAY);
        }
        if (days < 0 && time > 0) {
            return new Interval(months, days + 1, time - DAY);
        }
        return new Interval(months, days, time);
    }

    /**
     * {@code justify_interval}: both of the above, with one sign throughout (days are folded into
     * months first when they and the time agree in sign, so fewer intermediate values overflow).
     */
    private static Interval justifyInterval(Interval value) {
        int months = value.months();
        int days = value.days();
        long time = value.microseconds();
        if (days > 0 && time > 0 || days < 0 && time < 0) {
            months = Math.addExact(months, days / 30);
            days %= 30;
        }
        days = Math.addExact(days, Math.toIntExact(time / DAY));
        time %= DAY;
        months = Math.addExact(months, days / 30);
        days %= 30;
        if (months > 0 && (days < 0 || days == 0 && time < 0)) {
            days += 30;
            months--;
        } else if (months < 0 && (days > 0 || days == 0 && time > 0)) {
            days -= 30;
            months++;
        }
        return timeWithSignOfDays(months, days, time);
    }

    /** {@code interval_mi} (and {@code interval_um} as 0 minus): field by field, 22008 on overflow. */
    private static Interval subtractIntervals(Interval left, Interval right) {
        return checked(() -> new Interval(Math.subtractExact(left.months(), right.months()),
                Math.subtractExact(left.days(), right.days()),
                Math.subtractExact(left.microseconds(), right.microseconds())));
    }

    /** An interval computed with exact arithmetic: an overflowing field is "interval out of range". */
    private static Interval checked(java.util.function.Supplier<Interval> computation) {
        try {
            return computation.get();
        } catch (ArithmeticException e) {
            throw intervalOutOfRange();
        }
    }

    private static SqlException intervalOutOfRange() {
        return new SqlException(SqlState.DATETIME_FIELD_OVERFLOW, "interval out of range");
    }

    /** {@code interval_mul}: fractional months and days cascade down, as PostgreSQL does. */
    static Interval multiplyInterval(Interval value, double factor) {
        double months = value.months() * factor;
        double days = value.days() * factor;
        if (Double.isNaN(months) || Math.abs(months) > Integer.MAX_VALUE || Math.abs(days) > Integer.MAX_VALUE) {
            throw new SqlException(SqlState.DATETIME_FIELD_OVERFLOW, "interval out of range");
        }
        int wholeMonths = (int) months;
        double monthRemainderDays = (months - wholeMonths) * 30;
        int wholeDays = (int) days;
        double dayFraction = days - wholeDays;
        int extraDays = (int) monthRemainderDays;
        double remainderDays = monthRemainderDays - extraDays + dayFraction;
        double micros = value.microseconds() * factor + remainderDays * DAY;
        // 2^63 itself is out of int64's range, though as a double it equals (double) Long.MAX_VALUE
        if (Double.isNaN(micros) || micros >= 0x1p63 || micros < -0x1p63) {
            throw intervalOutOfRange();
        }
        return checked(() -> new Interval(wholeMonths, Math.addExact(wholeDays, extraDays), Math.round(micros)));
    }

    private static int makeDate(int year, int month, int day) {
        try {
            if (year == 0) {
                // no year zero in AD/BC numbering
                throw new java.time.DateTimeException("year 0");
            }
            return DateTimeArithmetic.fromLocalDate(LocalDate.of(year < 0 ? year + 1 : year, month, day));
        } catch (java.time.DateTimeException e) {
            throw new SqlException(SqlState.DATETIME_FIELD_OVERFLOW,
                    "date field value out of range: " + String.format("%d-%02d-%02d",
                            year < 0 && year != Integer.MIN_VALUE ? year + 1 : year, month, day));
        }
    }

    /** {@code timestamp_age}: field-by-field difference, borrowing days from the month as PostgreSQL does. */
    private static Interval age(long left, long right) {
        // PostgreSQL 15 decodes +infinity as the largest timestamp; -infinity does not decode
        if (left == DateTimeArithmetic.TIMESTAMP_NEGATIVE_INFINITY
                || right == DateTimeArithmetic.TIMESTAMP_NEGATIVE_INFINITY) {
            throw new SqlException(SqlState.DATETIME_FIELD_OVERFLOW, "timestamp out of range");
        }
        LocalDateTime a = DateTimeArithmetic.toLocalDateTime(left - Math.floorMod(left, DateTimeArithmetic.USECS_PER_SEC));
        LocalDateTime b = DateTimeArithmetic.toLocalDateTime(right - Math.floorMod(right, DateTimeArithmetic.USECS_PER_SEC));
        int sign = left < right ? -1 : 1;
        long micros = sign * (Math.floorMod(left, DateTimeArithmetic.USECS_PER_SEC)
                - Math.floorMod(right, DateTimeArithmetic.USECS_PER_SEC));
        long seconds = sign * (a.getSecond() - b.getSecond());
        long minutes = sign * (a.getMinute() - b.getMinute());
        long hours = sign * (a.getHour() - b.getHour());
        long days = sign * (a.getDayOfMonth() - b.getDayOfMonth());
        long months = sign * (a.getMonthValue() - b.getMonthValue());
        long years = sign * (a.getYear() - b.getYear());
        while (micros < 0) {
            micros += DateTimeArithmetic.USECS_PER_SEC;
            seconds--;
        }
        while (seconds < 0) {
            seconds += 60;
            minutes--;
        }
        while (minutes < 0) {
            minutes += 60;
            hours--;
        }
        while (hours < 0) {
            hours += 24;
            days--;
        }
        LocalDate borrowFrom = (sign < 0 ? a : b).toLocalDate();
        while (days < 0) {
            days += borrowFrom.lengthOfMonth();
            months--;
        }
        while (months < 0) {
            months += 12;
            years--;
        }
        long time = ((hours * 60 + minutes) * 60 + seconds) * DateTimeArithmetic.USECS_PER_SEC + micros;
        Interval result = new Interval((int) (years * 12 + months), (int) days, time);
        return sign < 0 ? DateTimeArithmetic.negate(result) : result;
    }

    private static long truncate(String unit, long timestamp, FunctionContext zoneContext, String typeName) {
        if (!DateTimeArithmetic.isFinite(timestamp)) {
            return timestamp;
        }
        DateTimeUnits field = DateTimeUnits.forTruncate(unit, typeName);
        long local = zoneContext == null ? timestamp
                : TimestampIO.toLocal(timestamp, zoneContext.formatSettings().timeZone());
        long micros = Math.floorMod(local, DateTimeArithmetic.USECS_PER_SEC);
        LocalDateTime dateTime = DateTimeArithmetic.toLocalDateTime(local - micros);
        LocalDate date = dateTime.toLocalDate();
        int year = date.getYear();
        LocalDateTime truncated;
        long keepMicros = 0;
        switch (field) {
            case MICROSECOND -> {
                truncated = dateTime;
                keepMicros = micros;
            }
            case MILLISECOND -> {
                truncated = dateTime;
                keepMicros = micros / 1000 * 1000;
            }
            case SECOND -> truncated = dateTime;
            case MINUTE -> truncated = dateTime.withSecond(0);
            case HOUR -> truncated = dateTime.withSecond(0).withMinute(0);
            case DAY -> truncated = date.atStartOfDay();
            case WEEK -> truncated = date.with(DayOfWeek.MONDAY).atStartOfDay();
            case MONTH -> truncated = date.withDayOfMonth(1).atStartOfDay();
            case QUARTER -> truncated = date.withDayOfMonth(1)
                    .withMonth((dateTime.getMonthValue() - 1) / 3 * 3 + 1).atStartOfDay();
            case YEAR -> truncated = date.withDayOfYear(1).atStartOfDay();
            // as timestamp_trunc: years counted from 1 AD and back from 1 BC (proleptic year 0)
            case DECADE -> truncated = LocalDate.of(year > 0 ? year / 10 * 10 : -((8 - (year - 1)) / 10) * 10, 1, 1)
                    .atStartOfDay();
            case CENTURY -> truncated = LocalDate.of(year > 0 ? (year + 99) / 100 * 100 - 99
                    : -((99 - (year - 1)) / 100) * 100 + 1, 1, 1).atStartOfDay();
            case MILLENNIUM -> truncated = LocalDate.of(year > 0 ? (year + 999) / 1000 * 1000 - 999
                    : -((999 - (year - 1)) / 1000) * 1000 + 1, 1, 1).atStartOfDay();
            default -> throw DateTimeUnits.notSupported(unit, typeName);
        }
        long result = DateTimeArithmetic.fromLocalDateTime(truncated) + keepMicros;
        return zoneContext == null ? result
                : DateTimeArithmetic.localToUtc(zoneContext.formatSettings().timeZone(), result);
    }

    private static Interval truncateInterval(String unit, Interval value) {
        long time = value.microseconds();
        return switch (DateTimeUnits.forTruncate(unit, "interval")) {
            case MICROSECOND -> value;
            case MILLISECOND -> new Interval(value.months(), value.days(), time / 1000 * 1000);
            case SECOND -> new Interval(value.months(), value.days(),
                    time / DateTimeArithmetic.USECS_PER_SEC * DateTimeArithmetic.USECS_PER_SEC);
            case MINUTE -> new Interval(value.months(), value.days(),
                    time / DateTimeArithmetic.USECS_PER_MINUTE * DateTimeArithmetic.USECS_PER_MINUTE);
            case HOUR -> new Interval(value.months(), value.days(),
                    time / DateTimeArithmetic.USECS_PER_HOUR * DateTimeArithmetic.USECS_PER_HOUR);
            case DAY -> new Interval(value.months(), value.days(), 0);
            case MONTH -> new Interval(value.months(), 0, 0);
            case QUARTER -> new Interval(value.months() / 3 * 3, 0, 0);
            case YEAR -> new Interval(value.months() / 12 * 12, 0, 0);
            case DECADE -> new Interval(value.months() / 120 * 120, 0, 0);
            case CENTURY -> new Interval(value.months() / 1200 * 1200, 0, 0);
            case MILLENNIUM -> new Interval(value.months() / 12000 * 12000, 0, 0);
            default -> throw DateTimeUnits.notSupported(unit, "interval");
        };
    }

    static BigDecimal scaled(long value, int scale) {
        return BigDecimal.valueOf(value, scale).setScale(scale, RoundingMode.UNNECESSARY);
    }

    static int isoYear(LocalDate date) {
        return date.get(IsoFields.WEEK_BASED_YEAR);
    }

    /**
     * {@code date_bin}: the start of the {@code stride}-wide bin, counted from {@code origin},
     * holding {@code source} (the same for timestamp and timestamptz: no months, so no time zone).
     */
    static long dateBin(Interval stride, long source, long origin) {
        if (!DateTimeArithmetic.isFinite(source)) {
            return source;
        }
        if (!DateTimeArithmetic.isFinite(origin)) {
            throw new SqlException(SqlState.DATETIME_FIELD_OVERFLOW, "origin out of range");
        }
        if (stride.months() != 0) {
            throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED,
                    "timestamps cannot be binned into intervals containing months or years");
        }
        long width;
        long difference;
        try {
            width = Math.addExact(Math.multiplyExact((long) stride.days(), DateTimeArithmetic.USECS_PER_DAY),
                    stride.microseconds());
            difference = Math.subtractExact(source, origin);
        } catch (ArithmeticException overflow) {
            throw new SqlException(SqlState.DATETIME_FIELD_OVERFLOW,
                    width(stride) ? "interval out of range" : "timestamp out of range");
        }
        if (width <= 0) {
            throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "stride must be greater than zero");
        }
        long delta = difference - difference % width;
        if (origin > source && width > 1 && difference % width != 0) {
            delta -= width;
        }
        return DateTimeArithmetic.checkTimestamp(origin + delta);
    }

    private static boolean width(Interval stride) {
        try {
            Math.addExact(Math.multiplyExact((long) stride.days(), DateTimeArithmetic.USECS_PER_DAY),
                    stride.microseconds());
            return false;
        } catch (ArithmeticException overflow) {
            return true;
        }
    }
}
