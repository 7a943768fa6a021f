package org.woolly.utils.adt;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * Splits a date/time literal into fields: the counterpart of {@code ParseDateTime} and
 * {@code DecodeDateTime} in {@code src/backend/utils/adt/datetime.c}, covering ISO 8601,
 * the DateStyle-ordered numeric forms (MDY/DMY/YMD with '-', '/', '.'), month names,
 * YYYYMMDD, AM/PM, BC/AD, numeric zone offsets, 'Z' and IANA zone names.
 */
final class DateTimeParser {
    private static final String[] MONTHS = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
        "nov", "dec"};
    private static final Map<String, Integer> ZONE_ABBREVIATIONS = Map.ofEntries(Map.entry("utc", 0),
            Map.entry("gmt", 0), Map.entry("z", 0), Map.entry("zulu", 0), Map.entry("ut", 0),
            Map.entry("est", -5 * 3600), Map.entry("edt", -4 * 3600), Map.entry("cst", -6 * 3600),
            Map.entry("cdt", -5 * 3600), Map.entry("mst", -7 * 3600), Map.entry("mdt", -6 * 3600),
            Map.entry("pst", -8 * 3600), Map.entry("pdt", -7 * 3600), Map.entry("cet", 3600),
            Map.entry("cest", 7200), Map.entry("eet", 7200), Map.entry("eest", 3 * 3600), Map.entry("bst", 3600),
            Map.entry("jst", 9 * 3600), Map.entry("ist", 7200), Map.entry("msk", 3 * 3600));

    /** What a literal named; fields are absent (-1 / null) when not given. */
    static final class Fields {
        String special;
        int year = Integer.MIN_VALUE;
        int month = -1;
        int day = -1;
        boolean bc;
        int hour = -1;
        int minute;
        int second;
        int microsecond;
        /** Explicit zone offset in seconds east of UTC, when a numeric offset or abbreviation was given. */
        Integer zoneOffsetSeconds;
        /** Explicit zone by name, when one was given. */
        ZoneId zone;

        boolean hasDate() {
            return year != Integer.MIN_VALUE;
        }

        boolean hasTime() {
            return hour >= 0;
        }

        boolean hasZone() {
            return zoneOffsetSeconds != null || zone != null;
        }

        /** The proleptic year: 1 BC is year 0. */
        int isoYear() {
            return bc ? 1 - year : year;
        }
    }

    /** Patterns compiled once: input functions run per value (COPY, INSERT ... VALUES). */
    private static final java.util.regex.Pattern ISO_SEPARATOR = java.util.regex.Pattern.compile("(?<=\\d)t(?=\\d)");
    private static final java.util.regex.Pattern WHITESPACE = java.util.regex.Pattern.compile("\\s+");
    private static final java.util.regex.Pattern DATE_SEPARATORS = java.util.regex.Pattern.compile("[-/.]");

    private DateTimeParser() {}

    static SqlException invalid(String typeName, String text) {
        return new SqlException(SqlState.INVALID_DATETIME_FORMAT,
                "invalid input syntax for type " + typeName + ": \"" + text + "\"");
    }

    static SqlException fieldOutOfRange(String text) {
        return new SqlException(SqlState.DATETIME_FIELD_OVERFLOW, "date/time field value out of range: \"" + text + "\"");
    }

    static Fields parse(String text, String typeName, FormatSettings settings) {
        Fields iso = parseIso(text);
        if (iso != null) {
            if (iso.hour > 24 || iso.minute > 59 || iso.second > 60 || iso.hour == 24
                    && (iso.minute > 0 || iso.second > 0 || iso.microsecond > 0)) {
                throw fieldOutOfRange(text);
            }
            return iso;
        }
        String lower = TypeErrors.trimSpaces(text).toLowerCase(Locale.ROOT);
        Fields fields = new Fields();
        switch (lower) {
            case "epoch", "infinity", "+infinity", "-infinity", "now", "today", "tomorrow", "yesterday", "allballs":
                fields.special = lower.startsWith("+") ? "infinity" : lower;
                return fields;
            default:
                break;
        }
        if (lower.isEmpty()) {
            throw invalid(typeName, text);
        }
        // ISO 8601's 'T' between date and time is a field separator
        String normalized = ISO_SEPARATOR.matcher(lower).replaceAll(" ").replace(',', ' ');
        String[] tokens = WHITESPACE.split(normalized.trim());
        java.util.List<Integer> looseNumbers = new java.util.ArrayList<>();
        boolean pm = false;
        boolean am = false;
        for (int i = 0; i < tokens.length; i++) {
            String token = tokens[i];
            if (token.indexOf(':') > 0 && Character.isDigit(token.charAt(0))) {
                parseTime(token, fields, typeName, text);
            } else if (!fields.hasDate() && isDateToken(token)) {
                parseDate(token, fields, settings, typeName, text);
            } else if (token.equals("bc") || token.equals("ad")) {
                fields.bc = token.equals("bc");
            } else if (token.equals("am") || token.equals("pm")) {
                pm = token.equals("pm");
                am = !pm;
            } else if (monthNumber(token) > 0) {
                fields.month = monthNumber(token);
            } else if (!token.isEmpty() && allDigits(token)) {
                if (token.length() == 8 && !fields.hasDate() && fields.month < 0) {
                    fields.year = Integer.parseInt(token.substring(0, 4));
                    fields.month = Integer.parseInt(token.substring(4, 6));
                    fields.day = Integer.parseInt(token.substring(6, 8));
                } else if (token.length() > 9) {
                    throw invalid(typeName, text);
                } else {
                    looseNumbers.add(Integer.parseInt(token));
                }
            } else if ((token.charAt(0) == '+' || token.charAt(0) == '-') && fields.hasTime()) {
                fields.zoneOffsetSeconds = parseOffset(token, typeName, text);
            } else if (!parseZoneName(token, tokens, i, fields)) {
                if (isWeekday(token)) {
                    continue;
                }
                throw invalid(typeName, text);
            }
        }
        if (fields.month > 0 && !fields.hasDate()) {
            assignLooseNumbers(fields, looseNumbers, settings, typeName, text);
        } else if (!looseNumbers.isEmpty()) {
            throw invalid(typeName, text);
        }
        if (pm || am) {
            if (!fields.hasTime() || fields.hour > 12 || fields.hour < 1 && !am && !pm) {
                throw fieldOutOfRange(text);
            }
            if (pm && fields.hour < 12) {
                fields.hour += 12;
            } else if (am && fields.hour == 12) {
                fields.hour = 0;
            }
        }
        return fields;
    }

    /**
     * The fields of the form COPY and pg_dump write, {@code YYYY-MM-DD[ HH:MM[:SS[.ffffff]]]}
     * (or 'T' between date and time), read without tokenizing; null for any other form, which
     * then takes the general path. The year has four digits, so DateStyle's field order does
     * not apply, as in {@code DecodeNumber}.
     */
    private static Fields parseIso(String text) {
        int length = text.length();
        if (length < 10 || !digits(text, 0, 4) || text.charAt(4) != '-' || !digits(text, 5, 2)
                || text.charAt(7) != '-' || !digits(text, 8, 2)) {
            return null;
        }
        Fields fields = new Fields();
        fields.year = number(text, 0, 4);
        fields.month = number(text, 5, 2);
        fields.day = number(text, 8, 2);
        if (length == 10) {
            return fields;
        }
        char separator = text.charAt(10);
        if (length < 16 || separator != ' ' && separator != 'T' && separator != 't' || !digits(text, 11, 2)
                || text.charAt(13) != ':' || !digits(text, 14, 2)) {
            return null;
        }
        fields.hour = number(text, 11, 2);
        fields.minute = number(text, 14, 2);
        if (length == 16) {
            return fields;
        }
        if (length < 19 || text.charAt(16) != ':' || !digits(text, 17, 2)) {
            return null;
        }
        fields.second = number(text, 17, 2);
        if (length == 19) {
            return fields;
        }
        int fractionDigits = length - 20;
        if (text.charAt(19) != '.' || fractionDigits < 1 || fractionDigits > 6 || !digits(text, 20, fractionDigits)) {
            return null;
        }
        int microsecond = number(text, 20, fractionDigits);
        for (int i = fractionDigits; i < 6; i++) {
            microsecond *= 10;
        }
        fields.microsecond = microsecond;
        return fields;
    }

    private static boolean digits(String text, int offset, int count) {
        for (int i = offset; i < offset + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static int number(String text, int offset, int count) {
        int value = 0;
        for (int i = offset; i < offset + count; i++) {
            value = value * 10 + text.charAt(i) - '0';
        }
        return value;
    }

    private static boolean isWeekday(String token) {
        for (String day : new String[] {"mon", "tue", "wed", "thu", "fri", "sat", "sun"}) {
            if (token.startsWith(day)) {
                return true;
            }
        }
        return false;
    }

    private static boolean allDigits(String token) {
        for (int i = 0; i < token.length(); i++) {
            if (!Character.isDigit(token.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static int monthNumber(String token) {
        if (token.length() < 3) {
            return -1;
        }
        String word = token.endsWith(".") ? token.substring(0, token.length() - 1) : token;
        for (int i = 0; i < MONTHS.length; i++) {
            if (word.startsWith(MONTHS[i])) {
                String full = java.time.Month.of(i + 1).name().toLowerCase(Locale.ROOT);
                if (full.startsWith(word) || word.equals("sept")) {
                    return i + 1;
                }
            }
        }
        return -1;
    }

    private static boolean isDateToken(String token) {
        if (token.isEmpty() || !Character.isDigit(token.charAt(0)) && monthNumber(DATE_SEPARATORS.split(token)[0]) < 0) {
            return false;
        }
        return token.indexOf('-') > 0 || token.indexOf('/') > 0 || token.indexOf('.') > 0;
    }

    private static void parseDate(String token, Fields fields, FormatSettings settings, String typeName, String text) {
        String[] parts = DATE_SEPARATORS.split(token, -1);
        if (parts.length != 3) {
            throw invalid(typeName, text);
        }
        int monthPosition = -1;
        for (int i = 0; i < 3; i++) {
            if (!allDigits(parts[i]) || parts[i].isEmpty()) {
                if (monthNumber(parts[i]) < 0 || monthPosition >= 0) {
                    throw invalid(typeName, text);
                }
                monthPosition = i;
            }
        }
        if (monthPosition >= 0) {
            fields.month = monthNumber(parts[monthPosition]);
            int first = monthPosition == 0 ? 1 : 0;
            int second = monthPosition == 2 ? 1 : 2;
            if (parts[first].length() >= 3) {
                fields.year = Integer.parseInt(parts[first]);
                fields.day = Integer.parseInt(parts[second]);
            } else {
                fields.day = Integer.parseInt(parts[first]);
                fields.year = twoDigitYear(parts[second]);
            }
            return;
        }
        int a = Integer.parseInt(parts[0]);
        int b = Integer.parseInt(parts[1]);
        int c = Integer.parseInt(parts[2]);
        if (parts[0].length() >= 3 || settings.dateOrder() == FormatSettings.DateOrder.YMD) {
            fields.year = parts[0].length() >= 3 ? a : twoDigitYear(parts[0]);
            fields.month = b;
            fields.day = c;
        } else if (settings.dateOrder() == FormatSettings.DateOrder.DMY) {
            fields.day = a;
            fields.month = b;
            fields.year = twoDigitYear(parts[2]);
        } else {
            fields.month = a;
            fields.day = b;
            fields.year = twoDigitYear(parts[2]);
        }
    }

    /** Two-digit years are 1970..2069, as in PostgreSQL's {@code AdjustYears}. */
    private static int twoDigitYear(String digits) {
        int year = Integer.parseInt(digits);
        if (digits.length() <= 2) {
            return year < 70 ? year + 2000 : year + 1900;
        }
        return year;
    }

    private static void assignLooseNumbers(Fields fields, java.util.List<Integer> numbers, FormatSettings settings,
                                           String typeName, String text) {
        if (numbers.size() != 2) {
            throw invalid(typeName, text);
        }
        int first = numbers.get(0);
        int second = numbers.get(1);
        if (first > 31 || settings.dateOrder() == FormatSettings.DateOrder.YMD && first > 0 && second <= 31) {
            fields.year = first;
            fields.day = second;
        } else {
            fields.day = first;
            fields.year = second;
        }
    }

    private static void parseTime(String token, Fields fields, String typeName, String text) {
        int zoneStart = -1;
        for (int i = 1; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c == '+' || c == '-' || Character.isLetter(c)) {
                zoneStart = i;
                break;
            }
        }
        String time = zoneStart < 0 ? token : token.substring(0, zoneStart);
        if (zoneStart >= 0) {
            String zone = token.substring(zoneStart);
            if (zone.charAt(0) == '+' || zone.charAt(0) == '-') {
                fields.zoneOffsetSeconds = parseOffset(zone, typeName, text);
            } else if (!parseZoneName(zone, new String[] {zone}, 0, fields)) {
                throw invalid(typeName, text);
            }
        }
        String[] parts = time.split(":", -1);
        if (parts.length < 2 || parts.length > 3) {
            throw invalid(typeName, text);
        }
        try {
            fields.hour = Integer.parseInt(parts[0]);
            String minutePart = parts[1];
            String secondPart = parts.length == 3 ? parts[2] : null;
            if (secondPart == null && minutePart.contains(".")) {
                // "mm:ss.fff" is minutes and seconds only when hours are absent; PostgreSQL reads "hh:mm" here
                throw invalid(typeName, text);
            }
            fields.minute = Integer.parseInt(minutePart);
            if (secondPart != null) {
                int dot = secondPart.indexOf('.');
                String whole = dot < 0 ? secondPart : secondPart.substring(0, dot);
                fields.second = Integer.parseInt(whole);
                if (dot >= 0) {
                    String fraction = secondPart.substring(dot + 1);
                    if (!fraction.isEmpty() && !allDigits(fraction)) {
                        throw invalid(typeName, text);
                    }
                    fields.microsecond = parseFraction(fraction);
                }
            }
        } catch (NumberFormatException e) {
            throw invalid(typeName, text);
        }
        if (fields.hour > 24 || fields.minute > 59 || fields.second > 60 || fields.hour == 24
                && (fields.minute > 0 || fields.second > 0 || fields.microsecond > 0)) {
            throw fieldOutOfRange(text);
        }
    }

    /** Fractional seconds rounded to microseconds. */
    static int parseFraction(String digits) {
        if (digits.isEmpty()) {
            return 0;
        }
        String padded = (digits + "0000000").substring(0, 7);
        int sevenDigits = Integer.parseInt(padded);
        return (sevenDigits + 5) / 10;
    }

    private static int parseOffset(String token, String typeName, String text) {
        Integer offset = numericOffset(token, text);
        if (offset == null) {
            throw invalid(typeName, text);
        }
        return offset;
    }

    /**
     * A numeric zone {@code +hh}, {@code +hh:mm[:ss]}, {@code +hhmm} or {@code +hhmmss}, seconds east
     * ({@code DecodeTimezone}); null when {@code token} is not one, 22009 past 15 hours.
     * {@code text} is what the displacement error shows.
     */
    static Integer numericOffset(String token, String text) {
        int sign = token.charAt(0) == '-' ? -1 : 1;
        String body = token.substring(1);
        int hours;
        int minutes = 0;
        int seconds = 0;
        try {
            if (body.contains(":")) {
                String[] parts = body.split(":");
                hours = Integer.parseInt(parts[0]);
                minutes = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
                seconds = parts.length > 2 ? Integer.parseInt(parts[2]) : 0;
            } else if (body.length() <= 2) {
                hours = Integer.parseInt(body);
            } else if (body.length() == 4) {
                hours = Integer.parseInt(body.substring(0, 2));
                minutes = Integer.parseInt(body.substring(2));
            } else if (body.length() == 6) {
                hours = Integer.parseInt(body.substring(0, 2));
                minutes = Integer.parseInt(body.substring(2, 4));
                seconds = Integer.parseInt(body.substring(4));
            } else {
                return null;
            }
        } catch (NumberFormatException e) {
            return null;
        }
        if (hours > 15 || minutes > 59 || seconds > 59) {
            throw new SqlException(SqlState.INVALID_TIME_ZONE_DISPLACEMENT_VALUE,
                    "time zone displacement out of range: \"" + text + "\"");
        }
        return sign * (hours * 3600 + minutes * 60 + seconds);
    }

    /** The UTC offset (seconds east) of a time zone abbreviation given in lower case, or null. */
    static Integer abbreviationOffset(String lowerCase) {
        return ZONE_ABBREVIATIONS.get(lowerCase);
    }

    private static boolean parseZoneName(String token, String[] tokens, int index, Fields fields) {
        Integer abbreviation = ZONE_ABBREVIATIONS.get(token);
        if (abbreviation != null) {
            fields.zoneOffsetSeconds = abbreviation;
            return true;
        }
        ZoneId zone = zoneByName(tokens[index]);
        if (zone != null) {
            fields.zone = zone;
            return true;
        }
        return false;
    }

    /** IANA zone IDs by lower-case name, built once: zone names in literals are case-insensitive. */
    private static final Map<String, String> ZONE_IDS = buildZoneIds();

    private static Map<String, String> buildZoneIds() {
        Map<String, String> ids = new java.util.HashMap<>();
        for (String id : ZoneId.getAvailableZoneIds()) {
            ids.put(id.toLowerCase(Locale.ROOT), id);
        }
        return ids;
    }

    /** A POSIX zone without daylight rule, "GMT+8" or "MST+7:00": the offset counts hours west. */
    private static final java.util.regex.Pattern POSIX_ZONE =
            java.util.regex.Pattern.compile("[a-z]{3,}([+-])(\\d{1,2})(?::(\\d{1,2})(?::(\\d{1,2}))?)?");

    /** An IANA zone by case-insensitive name, or a fixed-offset POSIX zone, or null. */
    static ZoneId zoneByName(String name) {
        String id = ZONE_IDS.get(name.toLowerCase(Locale.ROOT));
        if (id == null) {
            return posixZone(name.toLowerCase(Locale.ROOT));
        }
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static ZoneId posixZone(String name) {
        java.util.regex.Matcher matcher = POSIX_ZONE.matcher(name);
        if (!matcher.matches()) {
            return null;
        }
        int west = Integer.parseInt(matcher.group(2)) * 3600
                + (matcher.group(3) == null ? 0 : Integer.parseInt(matcher.group(3)) * 60)
                + (matcher.group(4) == null ? 0 : Integer.parseInt(matcher.group(4)));
        if (matcher.group(1).equals("-")) {
            west = -west;
        }
        try {
            return java.time.ZoneOffset.ofTotalSeconds(-west);
        } catch (DateTimeException e) {
            return null;
        }
    }
}
