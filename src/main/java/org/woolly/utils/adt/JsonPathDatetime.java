package org.woolly.utils.adt;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * {@code .datetime()} of the SQL/JSON path language ({@code executeDateTimeMethod} in
 * {@code jsonpath_exec.c}): without a template the ISO 8601 forms PostgreSQL tries in turn
 * (date, time, time with zone, timestamp with a space or {@code T}, with zone), with one the
 * {@code to_timestamp} template ({@link DateTimeFromChar}) whose fields decide the type (dated,
 * timed, zoned). Values compare as {@code compareDatetime} does: a date widens to a timestamp, and
 * a cast between zoned and unzoned values needs the {@code _tz} functions. Found items print as
 * {@code JsonEncodeDateTime}'s ISO strings, in the zone they were written with.
 */
final class JsonPathDatetime {
    /** A datetime item: its SQL type, microseconds (days for a date), and the zone offset east it was written with. */
    record Value(int typeOid, long value, int offsetSeconds) {
        String typeName() {
            return switch (typeOid) {
                case TypeOids.DATE -> "date";
                case TypeOids.TIME -> "time without time zone";
                case TypeOids.TIMESTAMP -> "timestamp without time zone";
                case TypeOids.TIMESTAMPTZ -> "timestamp with time zone";
                default -> "time with time zone";
            };
        }
    }

    /** {@code timetz}'s OID; Woolly has no timetz column type, only these jsonpath items. */
    static final int TIMETZ = 1266;

    private static final Pattern ISO = Pattern.compile(
            "(?:(\\d{4})-(\\d{1,2})-(\\d{1,2}))?([ T])?(?:(\\d{1,2}):(\\d{1,2}):(\\d{1,2})(?:\\.(\\d{1,6}))?"
                    + "(?:([+-])(\\d{1,2})(?::(\\d{1,2}))?)?)?");
    private static final List<String> DATE_FIELDS = List.of("Y,YYY", "YYYY", "YYY", "YY", "Y", "IYYY", "IYY", "IY",
            "I", "MONTH", "MON", "MM", "DDD", "DD", "DAY", "DY", "D", "J", "WW", "W", "Q", "CC", "RM", "IDDD", "ID",
            "IW", "BC", "AD", "B.C.", "A.D.");
    private static final List<String> TIME_FIELDS = List.of("HH24", "HH12", "HH", "MI", "SSSSS", "SSSS", "SS", "MS",
            "US", "AM", "PM", "A.M.", "P.M.");
    private static final List<String> ZONE_FIELDS = List.of("TZH", "TZM", "TZ", "OF");

    private JsonPathDatetime() {}

    static Value parse(String text, String template, boolean useTz, FormatSettings settings) {
        if (template == null) {
            Value value = parseIso(text);
            if (value == null) {
                throw new SqlException(SqlState.INVALID_ARGUMENT_FOR_SQL_JSON_DATETIME_FUNCTION,
                        "datetime format is not recognized: \"" + text + "\"")
                        .withHint("Use a datetime template argument to specify the input data format.");
            }
            return value;
        }
        boolean[] kinds = templateKinds(template);
        boolean dated = kinds[0];
        boolean timed = kinds[1];
        boolean zoned = kinds[2];
        if (!dated && !timed) {
            throw new SqlException(SqlState.INVALID_DATETIME_FORMAT, "datetime format is not dated and not timed");
        }
        if (dated && zoned && !timed) {
            throw new SqlException(SqlState.INVALID_DATETIME_FORMAT, "datetime format is zoned but not timed");
        }
        long[] parsed = DateTimeFromChar.toLocalAndZone(text, template);
        long local = parsed[0];
        int offset = (int) parsed[2];
        if (!dated) {
            long time = Math.floorMod(local, DateTimeArithmetic.USECS_PER_DAY);
            return zoned ? new Value(TIMETZ, time, offset) : new Value(TypeOids.TIME, time, 0);
        }
        if (!timed) {
            return new Value(TypeOids.DATE, Math.floorDiv(local, DateTimeArithmetic.USECS_PER_DAY), 0);
        }
        return zoned ? new Value(TypeOids.TIMESTAMPTZ, local - offset * DateTimeArithmetic.USECS_PER_SEC, offset)
                : new Value(TypeOids.TIMESTAMP, local, 0);
    }

    /** {@code DCH_datetime_type}: whether the template has date, time and zone fields (quoted text aside). */
    private static boolean[] templateKinds(String template) {
        boolean[] kinds = new boolean[3];
        String upper = template.toUpperCase(Locale.ROOT);
        int i = 0;
        while (i < upper.length()) {
            if (upper.charAt(i) == '"') {
                int close = upper.indexOf('"', i + 1);
                i = close < 0 ? upper.length() : close + 1;
                continue;
            }
            int matched = 0;
            for (int kind = 0; kind < 3 && matched == 0; kind++) {
                for (String field : kind == 0 ? DATE_FIELDS : kind == 1 ? TIME_FIELDS : ZONE_FIELDS) {
                    if (upper.startsWith(field, i) && field.length() > matched) {
                        matched = field.length();
                        kinds[kind] = true;
                    }
                }
            }
            i += Math.max(matched, 1);
        }
        return kinds;
    }

    private static Value parseIso(String text) {
        Matcher m = ISO.matcher(text);
        if (!m.matches()) {
            return null;
        }
        boolean dated = m.group(1) != null;
        boolean timed = m.group(5) != null;
        boolean zoned = m.group(9) != null;
        if ((!dated && !timed) || (m.group(4) != null) != (dated && timed)) {
            return null;
        }
        try {
            long days = 0;
            if (dated) {
                int year = Integer.parseInt(m.group(1));
                int month = Integer.parseInt(m.group(2));
                int day = Integer.parseInt(m.group(3));
                if (!DateTimeArithmetic.validJulian(year, month, day) || month < 1 || month > 12 || day < 1
                        || day > java.time.YearMonth.of(year, month).lengthOfMonth()) {
                    return null;
                }
                days = DateTimeArithmetic.fromLocalDate(java.time.LocalDate.of(year, month, day));
            }
            if (!timed) {
                return new Value(TypeOids.DATE, days, 0);
            }
            int hour = Integer.parseInt(m.group(5));
            int minute = Integer.parseInt(m.group(6));
            int second = Integer.parseInt(m.group(7));
            if (hour > 24 || minute > 59 || second > 60) {
                return null;
            }
            long fraction = m.group(8) == null ? 0 : Long.parseLong((m.group(8) + "00000").substring(0, 6));
            long time = ((hour * 60L + minute) * 60 + second) * DateTimeArithmetic.USECS_PER_SEC + fraction;
            int offset = 0;
            if (zoned) {
                int hours = Integer.parseInt(m.group(10));
                int minutes = m.group(11) == null ? 0 : Integer.parseInt(m.group(11));
                offset = (hours * 3600 + minutes * 60) * (m.group(9).equals("-") ? -1 : 1);
            }
            if (!dated) {
                return zoned ? new Value(TIMETZ, time, offset) : new Value(TypeOids.TIME, time, 0);
            }
            long local = days * DateTimeArithmetic.USECS_PER_DAY + time;
            return zoned ? new Value(TypeOids.TIMESTAMPTZ, local - offset * DateTimeArithmetic.USECS_PER_SEC, offset)
                    : new Value(TypeOids.TIMESTAMP, local, 0);
        } catch (java.time.DateTimeException | NumberFormatException e) {
            return null;
        }
    }

    /** A found item as a jsonb node: datetimes become their ISO 8601 strings ({@code JsonEncodeDateTime}). */
    static Object toJsonb(Object item) {
        return item instanceof Value datetime ? format(datetime) : item;
    }

    static String format(Value value) {
        StringBuilder out = new StringBuilder();
        switch (value.typeOid()) {
            case TypeOids.DATE -> out.append(DateTimeArithmetic.toLocalDate((int) value.value()));
            case TypeOids.TIME -> appendTime(out, value.value());
            case TIMETZ -> appendZone(appendTime(out, value.value()), value.offsetSeconds());
            default -> {
                long local = value.value() + value.offsetSeconds() * DateTimeArithmetic.USECS_PER_SEC;
                LocalDateTime dateTime = DateTimeArithmetic.toLocalDateTime(local);
                out.append(dateTime.toLocalDate()).append('T');
                appendTime(out, Math.floorMod(local, DateTimeArithmetic.USECS_PER_DAY));
                if (value.typeOid() == TypeOids.TIMESTAMPTZ) {
                    appendZone(out, value.offsetSeconds());
                }
            }
        }
        return out.toString();
    }

    private static StringBuilder appendTime(StringBuilder out, long micros) {
        long seconds = micros / DateTimeArithmetic.USECS_PER_SEC;
        long fraction = micros % DateTimeArithmetic.USECS_PER_SEC;
        out.append(String.format(Locale.ROOT, "%02d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60));
        if (fraction != 0) {
            String digits = String.format(Locale.ROOT, "%06d", fraction).replaceAll("0+$", "");
            out.append('.').append(digits);
        }
        return out;
    }

    private static void appendZone(StringBuilder out, int offsetSeconds) {
        int abs = Math.abs(offsetSeconds);
        out.append(offsetSeconds < 0 ? '-' : '+')
                .append(String.format(Locale.ROOT, "%02d:%02d", abs / 3600, abs / 60 % 60));
        if (abs % 60 != 0) {
            out.append(String.format(Locale.ROOT, ":%02d", abs % 60));
        }
    }

    private static boolean hasDate(int type) {
        return type == TypeOids.DATE || type == TypeOids.TIMESTAMP || type == TypeOids.TIMESTAMPTZ;
    }

    /**
     * {@code compareDatetime}: the order of two datetimes, or null when their types do not compare
     * (a date against a time); PostgreSQL's 0A000 when a cast needs the session time zone and
     * {@code useTz} is off.
     */
    static Integer compare(Value left, Value right, boolean useTz, FormatSettings settings) {
        int a = left.typeOid();
        int b = right.typeOid();
        if (hasDate(a) != hasDate(b)) {
            return null;
        }
        if (!hasDate(a)) {
            if (a != b) {
                checkTimezoneUsed(useTz, "time", "timetz");
                long leftUtc = a == TIMETZ ? left.value() - left.offsetSeconds() * DateTimeArithmetic.USECS_PER_SEC
                        : left.value();
                long rightUtc = b == TIMETZ ? right.value() - right.offsetSeconds() * DateTimeArithmetic.USECS_PER_SEC
                        : right.value();
                return Long.compare(leftUtc, rightUtc);
            }
            if (a == TIMETZ) {
                long leftUtc = left.value() - left.offsetSeconds() * DateTimeArithmetic.USECS_PER_SEC;
                long rightUtc = right.value() - right.offsetSeconds() * DateTimeArithmetic.USECS_PER_SEC;
                int compared = Long.compare(leftUtc, rightUtc);
                return compared != 0 ? compared : Integer.compare(right.offsetSeconds(), left.offsetSeconds());
            }
            return Long.compare(left.value(), right.value());
        }
        boolean leftZoned = a == TypeOids.TIMESTAMPTZ;
        boolean rightZoned = b == TypeOids.TIMESTAMPTZ;
        if (leftZoned != rightZoned) {
            int unzoned = leftZoned ? b : a;
            checkTimezoneUsed(useTz, unzoned == TypeOids.DATE ? "date" : "timestamp", "timestamptz");
        }
        ZoneId zone = settings == null ? ZoneId.of("UTC") : settings.timeZone();
        return Long.compare(micros(left, leftZoned || rightZoned, zone), micros(right, leftZoned || rightZoned, zone));
    }

    private static long micros(Value value, boolean asTimestamptz, ZoneId zone) {
        long micros = value.typeOid() == TypeOids.DATE ? value.value() * DateTimeArithmetic.USECS_PER_DAY : value.value();
        if (asTimestamptz && value.typeOid() != TypeOids.TIMESTAMPTZ) {
            return DateTimeArithmetic.localToUtc(zone, micros);
        }
        return micros;
    }

    /** {@code checkTimezoneIsUsedForCast}. */
    private static void checkTimezoneUsed(boolean useTz, String from, String to) {
        if (!useTz) {
            throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "cannot convert value from " + from + " to " + to
                    + " without time zone usage").withHint("Use *_tz() function for time zone support.");
        }
    }
}
