package org.woolly.utils.adt;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * The unit names {@code extract}, {@code date_part} and {@code date_trunc} accept: PostgreSQL's
 * {@code deltatktbl} looked up by {@code DecodeUnits}, then the unit words of {@code datetktbl}
 * ({@code DecodeSpecial}: julian, isoyear, dow, ...), compared on their first ten characters.
 */
enum DateTimeUnits {
    MICROSECOND, MILLISECOND, SECOND, MINUTE, HOUR, DAY, WEEK, MONTH, QUARTER, YEAR, DECADE, CENTURY, MILLENNIUM,
    TIMEZONE, TIMEZONE_HOUR, TIMEZONE_MINUTE, JULIAN, DOW, DOY, ISODOW, ISOYEAR, EPOCH;

    /** {@code TOKMAXLEN}. */
    private static final int KEYWORD_LENGTH = 10;
    private static final Map<String, DateTimeUnits> INTERVAL_UNITS = new HashMap<>();
    private static final Map<String, DateTimeUnits> DATE_UNITS = new HashMap<>();

    static {
        units(INTERVAL_UNITS, CENTURY, "c", "cent", "centuries", "century");
        units(INTERVAL_UNITS, DAY, "d", "day", "days");
        units(INTERVAL_UNITS, DECADE, "dec", "decade", "decades", "decs");
        units(INTERVAL_UNITS, HOUR, "h", "hour", "hours", "hr", "hrs");
        units(INTERVAL_UNITS, MINUTE, "m", "min", "mins", "minute", "minutes");
        units(INTERVAL_UNITS, MICROSECOND, "microsecon", "us", "usec", "usecond", "useconds", "usecs");
        units(INTERVAL_UNITS, MILLENNIUM, "mil", "millennia", "millennium", "mils");
        units(INTERVAL_UNITS, MILLISECOND, "millisecon", "ms", "msec", "msecond", "mseconds", "msecs");
        units(INTERVAL_UNITS, MONTH, "mon", "mons", "month", "months");
        units(INTERVAL_UNITS, QUARTER, "qtr", "quarter");
        units(INTERVAL_UNITS, SECOND, "s", "sec", "second", "seconds", "secs");
        units(INTERVAL_UNITS, TIMEZONE, "timezone");
        units(INTERVAL_UNITS, TIMEZONE_HOUR, "timezone_h");
        units(INTERVAL_UNITS, TIMEZONE_MINUTE, "timezone_m");
        units(INTERVAL_UNITS, WEEK, "w", "week", "weeks");
        units(INTERVAL_UNITS, YEAR, "y", "year", "years", "yr", "yrs");
        units(DATE_UNITS, JULIAN, "j", "jd", "julian");
        units(DATE_UNITS, DOW, "dow");
        units(DATE_UNITS, DOY, "doy");
        units(DATE_UNITS, ISODOW, "isodow");
        units(DATE_UNITS, ISOYEAR, "isoyear");
        units(DATE_UNITS, EPOCH, "epoch");
    }

    private static void units(Map<String, DateTimeUnits> map, DateTimeUnits unit, String... names) {
        for (String name : names) {
            map.put(name, unit);
        }
    }

    /** The unit name as PostgreSQL's messages show it: lower case. */
    static String lowerCase(String unit) {
        return unit.toLowerCase(Locale.ROOT);
    }

    private static String key(String unit) {
        String lower = lowerCase(unit);
        return lower.length() > KEYWORD_LENGTH ? lower.substring(0, KEYWORD_LENGTH) : lower;
    }

    /** The unit for extract/date_part, or 22023 "not recognized" for {@code typeName}. */
    static DateTimeUnits forExtract(String unit, String typeName) {
        String key = key(unit);
        DateTimeUnits found = INTERVAL_UNITS.get(key);
        if (found == null) {
            found = DATE_UNITS.get(key);
        }
        if (found == null) {
            throw notRecognized(unit, typeName);
        }
        return found;
    }

    /** The unit for date_trunc: only {@code DecodeUnits}' table. */
    static DateTimeUnits forTruncate(String unit, String typeName) {
        DateTimeUnits found = INTERVAL_UNITS.get(key(unit));
        if (found == null) {
            throw notRecognized(unit, typeName);
        }
        return found;
    }

    static SqlException notRecognized(String unit, String typeName) {
        return new SqlException(SqlState.INVALID_PARAMETER_VALUE,
                "unit \"" + lowerCase(unit) + "\" not recognized for type " + typeName);
    }

    static SqlException notSupported(String unit, String typeName) {
        return new SqlException(SqlState.FEATURE_NOT_SUPPORTED,
                "unit \"" + lowerCase(unit) + "\" not supported for type " + typeName);
    }

    /** Units whose value grows with time: infinite inputs give ±Infinity rather than NULL. */
    boolean monotonic() {
        return switch (this) {
            case YEAR, DECADE, CENTURY, MILLENNIUM, JULIAN, ISOYEAR, EPOCH -> true;
            default -> false;
        };
    }
}
