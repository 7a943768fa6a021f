package org.woolly.utils.adt;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.IsoFields;

/**
 * The fields {@code extract}/{@code date_part} take out of a value ({@code timestamp_part_common},
 * {@code extract_date}, {@code time_part_common} and {@code interval_part_common} in
 * {@code timestamp.c} and {@code date.c}). A unit PostgreSQL does not know is 22023 "not
 * recognized", one it knows but the type lacks 0A000 "not supported".
 */
final class DateTimeFields {
    private static final long SECOND = DateTimeArithmetic.USECS_PER_SEC;
    static final String TIMESTAMP = "timestamp without time zone";
    static final String TIMESTAMPTZ = "timestamp with time zone";

    private DateTimeFields() {}

    /** ±Infinity for a monotonic unit of an infinite value, else NULL ({@code NonFiniteTimestampTzPart}). */
    private static Object nonFinite(DateTimeUnits unit, boolean negative) {
        if (!unit.monotonic()) {
            return null;
        }
        return negative ? NumericSpecial.NEGATIVE_INFINITY : NumericSpecial.POSITIVE_INFINITY;
    }

    static Object ofTimestamp(String field, long timestamp, FunctionContext zoneContext, String typeName) {
        DateTimeUnits unit = DateTimeUnits.forExtract(field, typeName);
        boolean zoned = zoneContext != null;
        if (!zoned && (unit == DateTimeUnits.TIMEZONE || unit == DateTimeUnits.TIMEZONE_HOUR
                || unit == DateTimeUnits.TIMEZONE_MINUTE)) {
            throw DateTimeUnits.notSupported(field, typeName);
        }
        if (!DateTimeArithmetic.isFinite(timestamp)) {
            return nonFinite(unit, timestamp == DateTimeArithmetic.TIMESTAMP_NEGATIVE_INFINITY);
        }
        if (unit == DateTimeUnits.EPOCH) {
            // near the upper bound the sum passes int64
            return BigDecimal.valueOf(timestamp, 6).add(BigDecimal.valueOf(DateTimeArithmetic.UNIX_TO_POSTGRES_USECS, 6));
        }
        int offset = zoned ? DateTimeArithmetic.offsetAt(zoneContext.formatSettings().timeZone(), timestamp) : 0;
        long local = timestamp + offset * SECOND;
        long micros = Math.floorMod(local, SECOND);
        LocalDateTime dateTime = DateTimeArithmetic.toLocalDateTime(local - micros);
        long secondMicros = dateTime.getSecond() * SECOND + micros;
        return switch (unit) {
            case TIMEZONE -> BigDecimal.valueOf(offset);
            case TIMEZONE_HOUR -> BigDecimal.valueOf(offset / 3600);
            case TIMEZONE_MINUTE -> BigDecimal.valueOf(offset / 60 % 60);
            case MICROSECOND -> BigDecimal.valueOf(secondMicros);
            case MILLISECOND -> BigDecimal.valueOf(secondMicros, 3);
            case SECOND -> BigDecimal.valueOf(secondMicros, 6);
            case MINUTE -> BigDecimal.valueOf(dateTime.getMinute());
            case HOUR -> BigDecimal.valueOf(dateTime.getHour());
            default -> ofLocalDate(unit, dateTime.toLocalDate(), dateTime);
        };
    }

    private static BigDecimal ofLocalDate(DateTimeUnits unit, LocalDate date, LocalDateTime dateTime) {
        int year = date.getYear();
        int displayYear = year > 0 ? year : year - 1;
        return switch (unit) {
            case DAY -> BigDecimal.valueOf(date.getDayOfMonth());
            case MONTH -> BigDecimal.valueOf(date.getMonthValue());
            case QUARTER -> BigDecimal.valueOf((date.getMonthValue() - 1) / 3 + 1);
            case YEAR -> BigDecimal.valueOf(displayYear);
            case DECADE -> BigDecimal.valueOf(Math.floorDiv(year, 10));
            case CENTURY -> BigDecimal.valueOf(year > 0 ? (year + 99) / 100 : -((99 - (year - 1)) / 100));
            case MILLENNIUM -> BigDecimal.valueOf(year > 0 ? (year + 999) / 1000 : -((999 - (year - 1)) / 1000));
            case DOW -> BigDecimal.valueOf(date.getDayOfWeek().getValue() % 7);
            case ISODOW -> BigDecimal.valueOf(date.getDayOfWeek().getValue());
            case DOY -> BigDecimal.valueOf(date.getDayOfYear());
            case WEEK -> BigDecimal.valueOf(date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case ISOYEAR -> {
                // no ISO year zero either: year 0 of the proleptic calendar is shown as 1 BC
                int isoYear = date.get(IsoFields.WEEK_BASED_YEAR);
                yield BigDecimal.valueOf(isoYear > 0 ? isoYear : isoYear - 1);
            }
            case JULIAN -> {
                long julianDay = date.toEpochDay() + 2440588;
                long dayMicros = dateTime.toLocalTime().toNanoOfDay() / 1000;
                yield dayMicros == 0 ? BigDecimal.valueOf(julianDay)
                        : BigDecimal.valueOf(julianDay).add(BigDecimal.valueOf(dayMicros)
                                .divide(BigDecimal.valueOf(DateTimeArithmetic.USECS_PER_DAY), 20,
                                        java.math.RoundingMode.HALF_UP).stripTrailingZeros());
            }
            default -> throw new IllegalStateException(unit.name());
        };
    }

    static Object ofDate(String field, int date) {
        DateTimeUnits unit = DateTimeUnits.forExtract(field, "date");
        switch (unit) {
            case MICROSECOND, MILLISECOND, SECOND, MINUTE, HOUR, TIMEZONE, TIMEZONE_HOUR, TIMEZONE_MINUTE ->
                    throw DateTimeUnits.notSupported(field, "date");
            default -> {
            }
        }
        if (!DateTimeArithmetic.isFinite(date)) {
            return nonFinite(unit, date == DateTimeArithmetic.DATE_NEGATIVE_INFINITY);
        }
        LocalDate local = DateTimeArithmetic.toLocalDate(date);
        if (unit == DateTimeUnits.EPOCH) {
            return BigDecimal.valueOf((date + (long) DateTimeArithmetic.UNIX_TO_POSTGRES_DAYS) * 86400);
        }
        return ofLocalDate(unit, local, local.atStartOfDay());
    }

    static BigDecimal ofTime(String field, long time) {
        DateTimeUnits unit = DateTimeUnits.forExtract(field, "time without time zone");
        long seconds = time % (60 * SECOND);
        return switch (unit) {
            case MICROSECOND -> BigDecimal.valueOf(seconds);
            case MILLISECOND -> BigDecimal.valueOf(seconds, 3);
            case SECOND -> BigDecimal.valueOf(seconds, 6);
            case MINUTE -> BigDecimal.valueOf(time / DateTimeArithmetic.USECS_PER_MINUTE % 60);
            case HOUR -> BigDecimal.valueOf(time / DateTimeArithmetic.USECS_PER_HOUR);
            case EPOCH -> BigDecimal.valueOf(time, 6);
            default -> throw DateTimeUnits.notSupported(field, "time without time zone");
        };
    }

    static BigDecimal ofInterval(String field, Interval value) {
        DateTimeUnits unit = DateTimeUnits.forExtract(field, "interval");
        long time = value.microseconds();
        return switch (unit) {
            case MICROSECOND -> BigDecimal.valueOf(time % (60 * SECOND));
            case MILLISECOND -> BigDecimal.valueOf(time % (60 * SECOND), 3);
            case SECOND -> BigDecimal.valueOf(time % (60 * SECOND), 6);
            case MINUTE -> BigDecimal.valueOf(time / DateTimeArithmetic.USECS_PER_MINUTE % 60);
            case HOUR -> BigDecimal.valueOf(time / DateTimeArithmetic.USECS_PER_HOUR);
            case DAY -> BigDecimal.valueOf(value.days());
            case MONTH -> BigDecimal.valueOf(value.months() % 12);
            case QUARTER -> BigDecimal.valueOf(value.months() % 12 / 3 + 1);
            case YEAR -> BigDecimal.valueOf(value.months() / 12);
            case DECADE -> BigDecimal.valueOf(value.months() / 120);
            case CENTURY -> BigDecimal.valueOf(value.months() / 1200);
            case MILLENNIUM -> BigDecimal.valueOf(value.months() / 12000);
            case EPOCH -> {
                // a year counts 365.25 days, a remaining month 30 days (interval_part_common)
                long years = value.months() / 12;
                long months = value.months() % 12;
                BigDecimal seconds = BigDecimal.valueOf(years * 36525L * 864L)
                        .add(BigDecimal.valueOf(months * 30L * 86400L))
                        .add(BigDecimal.valueOf(value.days() * 86400L));
                yield seconds.add(BigDecimal.valueOf(time, 6)).setScale(6);
            }
            default -> throw DateTimeUnits.notSupported(field, "interval");
        };
    }
}
