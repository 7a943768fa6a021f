package org.woolly.utils.adt;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * Shared date/time arithmetic: PostgreSQL's epoch (2000-01-01), conversions to and from
 * java.time, rounding to a precision ({@code AdjustTimestampForTypmod}, {@code AdjustTimeForTypmod},
 * {@code AdjustIntervalForTypmod} in {@code src/backend/utils/adt/timestamp.c} and {@code date.c}).
 */
final class DateTimeArithmetic {
    static final long USECS_PER_SEC = 1_000_000L;
    static final long USECS_PER_MINUTE = 60 * USECS_PER_SEC;
    static final long USECS_PER_HOUR = 60 * USECS_PER_MINUTE;
    static final long USECS_PER_DAY = 24 * USECS_PER_HOUR;
    /** Days from 1970-01-01 to 2000-01-01. */
    static final int UNIX_TO_POSTGRES_DAYS = 10957;
    /** {@code POSTGRES_EPOCH_JDATE}: the Julian day number of 2000-01-01. */
    static final long POSTGRES_EPOCH_JULIAN = 2451545;
    static final long UNIX_TO_POSTGRES_USECS = UNIX_TO_POSTGRES_DAYS * USECS_PER_DAY;
    static final int DATE_NEGATIVE_INFINITY = Integer.MIN_VALUE;
    static final int DATE_POSITIVE_INFINITY = Integer.MAX_VALUE;
    static final long TIMESTAMP_NEGATIVE_INFINITY = Long.MIN_VALUE;
    static final long TIMESTAMP_POSITIVE_INFINITY = Long.MAX_VALUE;
    /** First and last valid dates: 4714-11-24 BC (Julian day 0) and 5874897-12-31. */
    static final int MIN_DATE = -2451545;
    static final int MAX_DATE = 2145031948;
    /** Timestamps span 4714-11-24 BC to 294276-12-31 (exclusive end). */
    static final long MIN_TIMESTAMP = -211813488000000000L;
    static final long END_TIMESTAMP = 9223371331200000000L;
    private static final long[] SCALES = {1_000_000, 100_000, 10_000, 1_000, 100, 10, 1};

    private DateTimeArithmetic() {}

    static LocalDate toLocalDate(int days) {
        return LocalDate.ofEpochDay((long) days + UNIX_TO_POSTGRES_DAYS);
    }

    static int fromLocalDate(LocalDate date) {
        return (int) (date.toEpochDay() - UNIX_TO_POSTGRES_DAYS);
    }

    static LocalDateTime toLocalDateTime(long microseconds) {
        long days = Math.floorDiv(microseconds, USECS_PER_DAY);
        long timeOfDay = Math.floorMod(microseconds, USECS_PER_DAY);
        return toLocalDate((int) days).atStartOfDay().plusNanos(timeOfDay * 1000);
    }

    static long fromLocalDateTime(LocalDateTime dateTime) {
        long days = dateTime.toLocalDate().toEpochDay() - UNIX_TO_POSTGRES_DAYS;
        return days * USECS_PER_DAY + dateTime.toLocalTime().toNanoOfDay() / 1000;
    }

    /** The UTC offset in seconds of {@code zone} at the UTC instant {@code timestamptz}. */
    static int offsetAt(ZoneId zone, long timestamptz) {
        if (zone instanceof ZoneOffset fixed) {
            return fixed.getTotalSeconds();
        }
        long epochSeconds = Math.floorDiv(timestamptz + UNIX_TO_POSTGRES_USECS, USECS_PER_SEC);
        return zone.getRules().getOffset(Instant.ofEpochSecond(epochSeconds)).getTotalSeconds();
    }

    /** The UTC instant of a local time in {@code zone} (the earlier one in a DST overlap). */
    static long localToUtc(ZoneId zone, long localMicroseconds) {
        if (zone instanceof ZoneOffset fixed) {
            return localMicroseconds - fixed.getTotalSeconds() * USECS_PER_SEC;
        }
        LocalDateTime local = toLocalDateTime(localMicroseconds);
        java.util.List<ZoneOffset> offsets = zone.getRules().getValidOffsets(local);
        // an ambiguous local time (fall back) is read as standard time, the later offset; a time
        // in a spring-forward gap uses the offset in effect before the gap, as PostgreSQL does
        ZoneOffset offset = offsets.isEmpty() ? zone.getRules().getTransition(local).getOffsetBefore()
                : offsets.get(offsets.size() - 1);
        return localMicroseconds - offset.getTotalSeconds() * USECS_PER_SEC;
    }

    /**
     * Whether a date in PostgreSQL's year numbering (0 is 1 BC) lies where the Julian-day
     * arithmetic works: from 4714-11-24 BC through the year 5874897 ({@code IS_VALID_JULIAN}).
     */
    static boolean validJulian(int year, int month, int day) {
        return (year > -4713 || year == -4713 && (month > 11 || month == 11 && day >= 24)) && year <= 5874897;
    }

    /** The days of a month of a year in PostgreSQL's numbering (0 is 1 BC, a leap year), any int year. */
    static int daysInMonth(int year, int month) {
        return java.time.Month.of(month).length(java.time.Year.isLeap(year));
    }

    static boolean isFinite(long timestamp) {
        return timestamp != TIMESTAMP_NEGATIVE_INFINITY && timestamp != TIMESTAMP_POSITIVE_INFINITY;
    }

    static boolean isFinite(int date) {
        return date != DATE_NEGATIVE_INFINITY && date != DATE_POSITIVE_INFINITY;
    }

    static long checkTimestamp(long timestamp) {
        if (isFinite(timestamp) && (timestamp < MIN_TIMESTAMP || timestamp >= END_TIMESTAMP)) {
            throw new SqlException(SqlState.DATETIME_FIELD_OVERFLOW, "timestamp out of range");
        }
        return timestamp;
    }

    static long roundToPrecision(long microseconds, int precision) {
        if (precision < 0 || precision >= 6) {
            return microseconds;
        }
        long scale = SCALES[precision];
        long offset = scale / 2;
        if (microseconds >= 0) {
            return ((microseconds + offset) / scale) * scale;
        }
        return -(((-microseconds + offset) / scale) * scale);
    }

    static Long roundTimestamp(long timestamp, int typmod) {
        if (!isFinite(timestamp)) {
            return timestamp;
        }
        return roundToPrecision(timestamp, typmod);
    }

    static Long roundTime(long time, int typmod) {
        return roundToPrecision(time, typmod);
    }

    /** The precision part of an interval typmod (low 16 bits; 0xFFFF means full). */
    static Interval roundInterval(Interval value, int typmod) {
        int precision = typmod & 0xFFFF;
        if (precision == 0xFFFF || precision >= 6) {
            return value;
        }
        return new Interval(value.months(), value.days(), roundToPrecision(value.microseconds(), precision));
    }

    static long timestampPlusInterval(long timestamp, Interval interval, ZoneId zone) {
        if (!isFinite(timestamp)) {
            return timestamp;
        }
        long result = timestamp;
        if (interval.months() != 0 || interval.days() != 0) {
            if (zone == null) {
                LocalDateTime local = toLocalDateTime(timestamp).plusMonths(interval.months()).plusDays(interval.days());
                result = fromLocalDateTime(local);
            } else {
                long local = timestamp + offsetAt(zone, timestamp) * USECS_PER_SEC;
                LocalDateTime shifted = toLocalDateTime(local).plusMonths(interval.months()).plusDays(interval.days());
                result = localToUtc(zone, fromLocalDateTime(shifted));
            }
        }
        try {
            return checkTimestamp(Math.addExact(result, interval.microseconds()));
        } catch (ArithmeticException e) {
            throw new SqlException(SqlState.DATETIME_FIELD_OVERFLOW, "timestamp out of range");
        }
    }

    static Interval negate(Interval interval) {
        return new Interval(-interval.months(), -interval.days(), -interval.microseconds());
    }

    /** {@code timestamp - timestamp}: days and time, justified to 24-hour days as PostgreSQL does. */
    static Interval subtractTimestamps(long left, long right) {
        if (!isFinite(left) || !isFinite(right)) {
            throw new SqlException(SqlState.DATETIME_FIELD_OVERFLOW, "cannot subtract infinite timestamps");
        }
        long difference = left - right;
        long days = difference / USECS_PER_DAY;
        long rest = difference - days * USECS_PER_DAY;
        return new Interval(0, (int) days, rest);
    }
}
