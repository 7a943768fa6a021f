package org.woolly.utils.adt;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Locale;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * Input and output of timestamp and timestamptz ({@code timestamp_in}/{@code timestamptz_in}
 * and their outputs in {@code src/backend/utils/adt/timestamp.c}). A timestamptz is stored as
 * UTC; text without a zone is read in the session's TimeZone, and output is in that zone.
 */
final class TimestampIO implements TypeIO {
    static final TimestampIO TIMESTAMP = new TimestampIO(false);
    static final TimestampIO TIMESTAMPTZ = new TimestampIO(true);

    private final boolean withZone;

    private TimestampIO(boolean withZone) {
        this.withZone = withZone;
    }

    private String sqlName() {
        return withZone ? "timestamp with time zone" : "timestamp";
    }

    /** Now, microseconds since 2000-01-01 UTC. */
    static long currentTimestamp() {
        Instant now = Instant.now();
        return now.getEpochSecond() * DateTimeArithmetic.USECS_PER_SEC + now.getNano() / 1000
                - DateTimeArithmetic.UNIX_TO_POSTGRES_USECS;
    }

    @Override
    public Object input(String text, int typmod, FormatSettings settings) {
        DateTimeDecoder.Result fields = DateTimeDecoder.decode(text, sqlName(), settings);
        ZoneId sessionZone = settings.timeZone();
        if (fields.special != null) {
            long value = switch (fields.special) {
                case "infinity" -> DateTimeArithmetic.TIMESTAMP_POSITIVE_INFINITY;
                case "-infinity" -> DateTimeArithmetic.TIMESTAMP_NEGATIVE_INFINITY;
                default -> -DateTimeArithmetic.UNIX_TO_POSTGRES_USECS;
            };
            return DateTimeArithmetic.roundTimestamp(value, typmod);
        }
        if (!fields.julianInRange()) {
            throw outOfRange(text);
        }
        long days = fields.julianDay() - DateTimeArithmetic.POSTGRES_EPOCH_JULIAN;
        long local = days * DateTimeArithmetic.USECS_PER_DAY + fields.timeOfDayMicros();
        long value;
        if (!withZone) {
            value = local;
        } else if (fields.zoneWest != null) {
            value = local + fields.zoneWest * DateTimeArithmetic.USECS_PER_SEC;
        } else {
            value = DateTimeArithmetic.localToUtc(fields.namedZone != null ? fields.namedZone : sessionZone, local);
        }
        if (value < DateTimeArithmetic.MIN_TIMESTAMP || value >= DateTimeArithmetic.END_TIMESTAMP) {
            throw outOfRange(text);
        }
        return DateTimeArithmetic.roundTimestamp(value, typmod);
    }

    private static SqlException outOfRange(String text) {
        return new SqlException(SqlState.DATETIME_FIELD_OVERFLOW, "timestamp out of range: \"" + text + "\"");
    }

    static long toLocal(long utc, ZoneId zone) {
        return utc + DateTimeArithmetic.offsetAt(zone, utc) * DateTimeArithmetic.USECS_PER_SEC;
    }

    @Override
    public String output(Object value, FormatSettings settings) {
        long timestamp = (Long) value;
        if (timestamp == DateTimeArithmetic.TIMESTAMP_POSITIVE_INFINITY) {
            return "infinity";
        }
        if (timestamp == DateTimeArithmetic.TIMESTAMP_NEGATIVE_INFINITY) {
            return "-infinity";
        }
        if (!withZone) {
            return format(timestamp, null, null, settings);
        }
        int offset = DateTimeArithmetic.offsetAt(settings.timeZone(), timestamp);
        long local = timestamp + offset * DateTimeArithmetic.USECS_PER_SEC;
        String abbreviation = null;
        if (settings.dateStyle() != FormatSettings.DateStyle.ISO) {
            abbreviation = zoneAbbreviation(settings.timeZone(), timestamp, offset);
        }
        return format(local, offset, abbreviation, settings);
    }

    static String zoneAbbreviation(ZoneId zone, long timestamp, int offset) {
        if (offset == 0 && zone.getId().matches("(?i)utc|gmt|z|etc/utc|uct")) {
            return zone.getId().equalsIgnoreCase("gmt") ? "GMT" : "UTC";
        }
        long epochSeconds = Math.floorDiv(timestamp + DateTimeArithmetic.UNIX_TO_POSTGRES_USECS,
                DateTimeArithmetic.USECS_PER_SEC);
        java.time.zone.ZoneRules rules = zone.getRules();
        java.util.List<java.time.zone.ZoneOffsetTransition> transitions = rules.getTransitions();
        if (!transitions.isEmpty() && epochSeconds < transitions.get(0).toEpochSecond()
                && !rules.getOffset(Instant.ofEpochSecond(epochSeconds)).equals(transitions.get(0).getOffsetAfter())) {
            // before the zone's first rule the tz database keeps local mean time
            return "LMT";
        }
        boolean daylight = rules.isDaylightSavings(Instant.ofEpochSecond(epochSeconds));
        java.util.TimeZone legacy = java.util.TimeZone.getTimeZone(zone);
        return legacy.getDisplayName(daylight, java.util.TimeZone.SHORT, Locale.ENGLISH);
    }

    private static String format(long local, Integer offset, String abbreviation, FormatSettings settings) {
        long micros = Math.floorMod(local, DateTimeArithmetic.USECS_PER_SEC);
        LocalDateTime dateTime = DateTimeArithmetic.toLocalDateTime(local - micros);
        return DateTimeFormat.timestamp(dateTime, (int) micros, offset, abbreviation, settings);
    }

    @Override
    public Object receive(byte[] bytes, int offset, int length, int typmod, FormatSettings settings) {
        TypeErrors.checkBinaryLength(length, 8);
        long value = TypeErrors.readLong(bytes, offset);
        if (DateTimeArithmetic.isFinite(value)
                && (value < DateTimeArithmetic.MIN_TIMESTAMP || value >= DateTimeArithmetic.END_TIMESTAMP)) {
            throw new SqlException(SqlState.DATETIME_FIELD_OVERFLOW, "timestamp out of range");
        }
        return DateTimeArithmetic.roundTimestamp(value, typmod);
    }

    @Override
    public byte[] send(Object value, FormatSettings settings) {
        byte[] bytes = new byte[8];
        TypeErrors.writeLong(bytes, 0, (Long) value);
        return bytes;
    }
}
