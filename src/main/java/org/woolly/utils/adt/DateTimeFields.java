package org.woolly.utils.adt;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.IsoFields;
import java.util.Locale;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/** The fields {@code extract}/{@code date_part} take out of a value ({@code timestamp_part_common} in {@code timestamp.c}). */
final class DateTimeFields {
    private static final long SECOND = DateTimeArithmetic.USECS_PER_SEC;

    private DateTimeFields() {}

    static BigDecimal ofTimestamp(String field, long timestamp, FunctionContext zoneContext, String typeName) {
        String name = field.toLowerCase(Locale.ROOT);
        if (!DateTimeArithmetic.isFinite(timestamp)) {
            return switch (name) {
                case "epoch", "year", "isoyear", "decade", "century", "millennium", "julian" -> null;
                default -> null;
            };
        }
        if (name.equals("epoch")) {
            return BigDecimal.valueOf(timestamp + DateTimeArithmetic.UNIX_TO_POSTGRES_USECS, 6);
        }
        int offset = zoneContext == null ? 0 : DateTimeArithmetic.offsetAt(zoneContext.formatSettings().timeZone(),
                timestamp);
        long local = timestamp + offset * SECOND;
        long micros = Math.floorMod(local, SECOND);
        LocalDateTime dateTime = DateTimeArithmetic.toLocalDateTime(local - micros);
        long secondMicros = dateTime.getSecond() * SECOND + micros;
        switch (name) {
            case "timezone":
                requireZone(zoneContext, field, typeName);
                return BigDecimal.valueOf(offset);
            case "timezone_hour":
                requireZone(zoneContext, field, typeName);
                return BigDecimal.valueOf(offset / 3600);
            case "timezone_minute":
                requireZone(zoneContext, field, typeName);
                return BigDecimal.valueOf(offset / 60 % 60);
            case "microsecond", "microseconds", "us", "usec", "usecs":
                return BigDecimal.valueOf(secondMicros);
            case "millisecond", "milliseconds", "ms", "msec", "msecs":
                return BigDecimal.valueOf(secondMicros, 3);
            case "second", "seconds", "sec", "secs", "s":
                return BigDecimal.valueOf(secondMicros, 6);
            case "minute", "minutes", "min", "mins", "m":
                return BigDecimal.valueOf(dateTime.getMinute());
            case "hour", "hours", "h", "hr", "hrs":
                return BigDecimal.valueOf(dateTime.getHour());
            default:
                return ofLocalDate(name, field, dateTime.toLocalDate(), typeName, dateTime);
        }
    }

    private static void requireZone(FunctionContext zoneContext, String field, String typeName) {
        if (zoneContext == null) {
            throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED,
                    typeName + " units \"" + field + "\" not supported");
        }
    }

    private static BigDecimal ofLocalDate(String name, String field, LocalDate date, String typeName,
                                          LocalDateTime dateTime) {
        int year = date.getYear();
        int displayYear = year > 0 ? year : year - 1;
        return switch (name) {
            case "day", "days", "d" -> BigDecimal.valueOf(date.getDayOfMonth());
            case "month", "months", "mon", "mons" -> BigDecimal.valueOf(date.getMonthValue());
            case "quarter" -> BigDecimal.valueOf((date.getMonthValue() - 1) / 3 + 1);
            case "year", "years", "y", "yr", "yrs" -> BigDecimal.valueOf(displayYear);
            case "decade", "decades" -> BigDecimal.valueOf(Math.floorDiv(year, 10));
            case "century", "centuries" -> BigDecimal.valueOf(year > 0 ? (year + 99) / 100 : -((99 - (year - 1)) / 100));
            case "millennium", "millennia" -> BigDecimal.valueOf(year > 0 ? (year + 999) / 1000
                    : -((999 - (year - 1)) / 1000));
            case "dow" -> BigDecimal.valueOf(date.getDayOfWeek().getValue() % 7);
            case "isodow" -> BigDecimal.valueOf(date.getDayOfWeek().getValue());
            case "doy" -> BigDecimal.valueOf(date.getDayOfYear());
            case "week" -> BigDecimal.valueOf(date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case "isoyear" -> BigDecimal.valueOf(date.get(IsoFields.WEEK_BASED_YEAR));
            case "julian" -> {
                long julianDay = date.toEpochDay() + 2440588;
                long dayMicros = dateTime.toLocalTime().toNanoOfDay() / 1000;
                yield dayMicros == 0 ? BigDecimal.valueOf(julianDay)
                        : BigDecimal.valueOf(julianDay).add(BigDecimal.valueOf(dayMicros)
                                .divide(BigDecimal.valueOf(DateTimeArithmetic.USECS_PER_DAY), 20,
                                        java.math.RoundingMode.HALF_UP).stripTrailingZeros());
            }
            default -> throw new SqlException(SqlState.INVALID_PARAMETER_VALUE,
                    typeName + " units \"" + field + "\" not recognized");
        };
    }

    static BigDecimal ofDate(String field, int date) {
        String name = field.toLowerCase(Locale.ROOT);
        if (!DateTimeArithmetic.isFinite(date)) {
            return null;
        }
        LocalDate local = DateTimeArithmetic.toLocalDate(date);
        return switch (name) {
            case "epoch" -> BigDecimal.valueOf((date + (long) DateTimeArithmetic.UNIX_TO_POSTGRES_DAYS) * 86400);
            case "hour", "hours", "minute", "minutes", "second", "seconds", "milliseconds", "microseconds",
                 "timezone", "timezone_hour", "timezone_minute" ->
                    throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "date units \"" + field + "\" not supported");
            default -> ofLocalDate(name, field, local, "date", local.atStartOfDay());
        };
    }

    static BigDecimal ofTime(String field, long time) {
        long seconds = time % (60 * SECOND);
        return switch (field.toLowerCase(Locale.ROOT)) {
            case "microseconds" -> BigDecimal.valueOf(seconds);
            case "milliseconds" -> BigDecimal.valueOf(seconds, 3);
            case "second", "seconds" -> BigDecimal.valueOf(seconds, 6);
            case "minute", "minutes" -> BigDecimal.valueOf(time / DateTimeArithmetic.USECS_PER_MINUTE % 60);
            case "hour", "hours" -> BigDecimal.valueOf(time / DateTimeArithmetic.USECS_PER_HOUR);
            case "epoch" -> BigDecimal.valueOf(time, 6);
            default -> throw new SqlException(SqlState.INVALID_PARAMETER_VALUE,
                    "\"time\" units \"" + field + "\" not recognized");
        };
    }

    static BigDecimal ofInterval(String field, Interval value) {
        long time = value.microseconds();
        return switch (field.toLowerCase(Locale.ROOT)) {
            case "microsecond", "microseconds" -> BigDecimal.valueOf(time % (60 * SECOND));
            case "millisecond", "milliseconds" -> BigDecimal.valueOf(time % (60 * SECOND), 3);
            case "second", "seconds" -> BigDecimal.valueOf(time % (60 * SECOND), 6);
            case "minute", "minutes" -> BigDecimal.valueOf(time / DateTimeArithmetic.USECS_PER_MINUTE % 60);
            case "hour", "hours" -> BigDecimal.valueOf(time / DateTimeArithmetic.USECS_PER_HOUR);
            case "day", "days" -> BigDecimal.valueOf(value.days());
            case "month", "months" -> BigDecimal.valueOf(value.months() % 12);
            case "quarter" -> BigDecimal.valueOf(value.months() % 12 / 3 + 1);
            case "year", "years" -> BigDecimal.valueOf(value.months() / 12);
            case "decade", "decades" -> BigDecimal.valueOf(value.months() / 120);
            case "century", "centuries" -> BigDecimal.valueOf(value.months() / 1200);
            case "millennium", "millennia" -> BigDecimal.valueOf(value.months() / 12000);
            case "epoch" -> {
                // a year counts 365.25 days, a remaining month 30 days (interval_part_common)
                long years = value.months() / 12;
                long months = value.months() % 12;
                BigDecimal seconds = BigDecimal.valueOf(years * 36525L * 864L)
                        .add(BigDecimal.valueOf(months * 30L * 86400L))
                        .add(BigDecimal.valueOf(value.days() * 86400L));
                yield seconds.add(BigDecimal.valueOf(time, 6)).setScale(6);
            }
            default -> throw new SqlException(SqlState.INVALID_PARAMETER_VALUE,
                    "interval units \"" + field + "\" not recognized");
        };
    }
}
