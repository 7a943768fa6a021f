package org.woolly.utils.adt;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * {@code AT TIME ZONE} ({@code timezone(zone, value)}): a timestamp with time zone shown as the
 * wall-clock time of a zone, and a wall-clock time read as a zone's ({@code timestamptz_zone},
 * {@code timestamp_zone}, {@code timestamptz_izone}, {@code timestamp_izone} in PostgreSQL's
 * {@code timestamp.c}). A zone is a name: an abbreviation (EST, fixed), a zone of the tz database
 * in any letter case, or a POSIX specification whose offset counts hours west of Greenwich
 * ({@code 'UTC+3'} and {@code '+3'} are three hours behind UTC); or an interval of hours and
 * minutes east of Greenwich.
 */
final class ZoneConversions {
    private static final int TZ = TypeOids.TIMESTAMPTZ;
    private static final int TS = TypeOids.TIMESTAMP;
    /** A POSIX zone: an optional standard-time name, then its offset west of Greenwich. */
    private static final Pattern POSIX = Pattern.compile(
            "([A-Za-z]{3,}|<[+-]?[A-Za-z0-9]+>)?([+-]?)(\\d{1,2})(?::(\\d{2})(?::(\\d{2}))?)?");

    private ZoneConversions() {}

    static void register(BuiltinFunctions.Registry r) {
        r.function("timezone", TS, (a, c) -> shown(zone((String) a[0]), (Long) a[1]), TypeOids.TEXT, TZ);
        r.function("timezone", TZ, (a, c) -> read(zone((String) a[0]), (Long) a[1]), TypeOids.TEXT, TS);
        r.function("timezone", TS, (a, c) -> shown(zone((Interval) a[0]), (Long) a[1]), TypeOids.INTERVAL, TZ);
        r.function("timezone", TZ, (a, c) -> read(zone((Interval) a[0]), (Long) a[1]), TypeOids.INTERVAL, TS);
    }

    /** The wall-clock time in {@code zone} at the instant {@code timestamptz}. */
    private static long shown(ZoneId zone, long timestamptz) {
        if (!DateTimeArithmetic.isFinite(timestamptz)) {
            return timestamptz;
        }
        long local = timestamptz + DateTimeArithmetic.offsetAt(zone, timestamptz) * DateTimeArithmetic.USECS_PER_SEC;
        return checked(local);
    }

    /** The instant at which {@code zone}'s clocks show {@code timestamp}. */
    private static long read(ZoneId zone, long timestamp) {
        if (!DateTimeArithmetic.isFinite(timestamp)) {
            return timestamp;
        }
        return checked(DateTimeArithmetic.localToUtc(zone, timestamp));
    }

    private static long checked(long timestamp) {
        if (timestamp < DateTimeArithmetic.MIN_TIMESTAMP || timestamp >= DateTimeArithmetic.END_TIMESTAMP) {
            throw new SqlException(SqlState.DATETIME_FIELD_OVERFLOW, "timestamp out of range");
        }
        return timestamp;
    }

    /** An interval zone: hours, minutes and seconds east of Greenwich, no months or days. */
    private static ZoneId zone(Interval interval) {
        if (interval.months() != 0 || interval.days() != 0) {
            throw SqlException.of(SqlState.INVALID_PARAMETER_VALUE,
                    "interval time zone \"%s\" must not include months or days",
                    IntervalIO.INSTANCE.output(interval, FormatSettings.DEFAULT));
        }
        long seconds = interval.microseconds() / DateTimeArithmetic.USECS_PER_SEC;
        if (Math.abs(seconds) > 18 * 3600) {
            throw SqlException.of(SqlState.INVALID_PARAMETER_VALUE, "interval time zone \"%s\" out of range",
                    IntervalIO.INSTANCE.output(interval, FormatSettings.DEFAULT));
        }
        return ZoneOffset.ofTotalSeconds((int) seconds);
    }

    /** A zone by name, as {@code AT TIME ZONE} looks it up; 22023 when nothing has the name. */
    static ZoneId zone(String name) {
        ZoneId zone = byAbbreviationOrName(name);
        if (zone == null) {
            zone = posix(name);
        }
        if (zone == null) {
            throw SqlException.of(SqlState.INVALID_PARAMETER_VALUE, "time zone \"%s\" not recognized", name);
        }
        return zone;
    }

    /** An abbreviation of PostgreSQL's default set, or a tz database zone by case-insensitive name. */
    static ZoneId byAbbreviationOrName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.equals("msk")) {
            // a dynamic abbreviation: its offset is Moscow's at the time in question
            return ZoneId.of("Europe/Moscow");
        }
        Integer offset = DateTimeParser.abbreviationOffset(lower);
        if (offset != null) {
            return ZoneOffset.ofTotalSeconds(offset);
        }
        return DateTimeParser.zoneByName(name);
    }

    /** {@code STDoffset} of POSIX TZ strings: the offset counts west of Greenwich. */
    private static ZoneId posix(String name) {
        Matcher m = POSIX.matcher(name);
        if (!m.matches()) {
            return null;
        }
        int hours = Integer.parseInt(m.group(3));
        int minutes = m.group(4) == null ? 0 : Integer.parseInt(m.group(4));
        int seconds = m.group(5) == null ? 0 : Integer.parseInt(m.group(5));
        int west = (hours * 60 + minutes) * 60 + seconds;
        if (west > 18 * 3600 || minutes > 59 || seconds > 59) {
            return null;
        }
        return ZoneOffset.ofTotalSeconds(m.group(2).equals("-") ? west : -west);
    }
}
