package org.woolly.utils.adt;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * Reads a date or timestamp literal the way {@code ParseDateTime} and {@code DecodeDateTime}
 * in {@code src/backend/utils/adt/datetime.c} do: the text is first split into typed fields
 * (number, string, date, time, zone), then each field is decoded against the set of fields
 * seen so far, so that the same digits mean a year, month, day or run-together date/time by
 * position and DateStyle. Errors follow {@code DateTimeParseError}: a bad month or day is
 * 22008 with the datestyle hint, anything unreadable 22007.
 */
final class DateTimeDecoder {
    private static final int NUMBER = DateTimeLexer.NUMBER;
    private static final int STRING = DateTimeLexer.STRING;
    private static final int DATE = DateTimeLexer.DATE;
    private static final int TIME = DateTimeLexer.TIME;
    private static final int ZONE = DateTimeLexer.ZONE;
    private static final int SPECIAL = DateTimeLexer.SPECIAL;

    /** Field masks ({@code DTK_M(...)}). */
    static final int M_YEAR = 1;
    static final int M_MONTH = 1 << 1;
    static final int M_DAY = 1 << 2;
    static final int M_HOUR = 1 << 3;
    static final int M_MINUTE = 1 << 4;
    static final int M_SECOND = 1 << 5;
    static final int M_TZ = 1 << 6;
    static final int M_DOY = 1 << 7;
    private static final int M_RESERVED = 1 << 8;
    private static final int M_MERIDIAN = 1 << 9;
    private static final int M_ERA = 1 << 10;
    private static final int M_WEEKDAY = 1 << 11;
    private static final int M_DST_MODIFIER = 1 << 12;
    static final int DATE_MASK = M_YEAR | M_MONTH | M_DAY;
    static final int TIME_MASK = M_HOUR | M_MINUTE | M_SECOND;

    /** Keyword kinds of PostgreSQL's {@code datetktbl}. */
    private enum Kind { RESERVED, MONTH, ERA, MERIDIAN, WEEKDAY, UNITS, ISO_TIME, IGNORE, DST_MODIFIER }

    private record Keyword(Kind kind, int value) {}

    /** Prefix units: what the field after "j", "t", "y", ... means. */
    private static final int UNIT_JULIAN = 1;
    private static final int UNIT_TIME = 2;
    private static final int UNIT_YEAR = 3;
    private static final int UNIT_MONTH = 4;
    private static final int UNIT_DAY = 5;
    private static final int UNIT_HOUR = 6;
    private static final int UNIT_MINUTE = 7;
    private static final int UNIT_SECOND = 8;
    private static final int UNIT_OTHER = 9;

    private static final int AM = 0;
    private static final int PM = 1;
    private static final int HOUR_24 = 2;

    private static final int RESERVED_NOW = 1;
    private static final int RESERVED_TODAY = 2;
    private static final int RESERVED_TOMORROW = 3;
    private static final int RESERVED_YESTERDAY = 4;
    private static final int RESERVED_ZULU = 5;
    private static final int RESERVED_EPOCH = 6;
    private static final int RESERVED_LATE = 7;
    private static final int RESERVED_EARLY = 8;

    /** {@code TOKMAXLEN}: keywords compare on their first ten characters. */
    private static final int KEYWORD_LENGTH = 10;
    /** {@code MAXDATEFIELDS}. */
    private static final int MAX_FIELDS = 25;
    private static final long JULIAN_OF_UNIX_EPOCH = 2440588;
    private static final int[][] DAYS_IN_MONTH = {
        {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31},
        {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}};

    private static final Map<String, Keyword> KEYWORDS = keywords();

    private static Map<String, Keyword> keywords() {
        Map<String, Keyword> map = new java.util.HashMap<>();
        String[][] months = {{"jan", "january"}, {"feb", "february"}, {"mar", "march"}, {"apr", "april"}, {"may"},
            {"jun", "june"}, {"jul", "july"}, {"aug", "august"}, {"sep", "sept", "september"}, {"oct", "october"},
            {"nov", "november"}, {"dec", "december"}};
        for (int i = 0; i < months.length; i++) {
            for (String name : months[i]) {
                map.put(name, new Keyword(Kind.MONTH, i + 1));
            }
        }
        String[][] weekdays = {{"sun", "sunday"}, {"mon", "monday"}, {"tue", "tues", "tuesday"},
            {"wed", "weds", "wednesday"}, {"thu", "thur", "thurs", "thursday"}, {"fri", "friday"},
            {"sat", "saturday"}};
        for (int i = 0; i < weekdays.length; i++) {
            for (String name : weekdays[i]) {
                map.put(truncate(name), new Keyword(Kind.WEEKDAY, i));
            }
        }
        map.put("now", new Keyword(Kind.RESERVED, RESERVED_NOW));
        map.put("today", new Keyword(Kind.RESERVED, RESERVED_TODAY));
        map.put("tomorrow", new Keyword(Kind.RESERVED, RESERVED_TOMORROW));
        map.put("yesterday", new Keyword(Kind.RESERVED, RESERVED_YESTERDAY));
        map.put("allballs", new Keyword(Kind.RESERVED, RESERVED_ZULU));
        map.put("epoch", new Keyword(Kind.RESERVED, RESERVED_EPOCH));
        map.put("infinity", new Keyword(Kind.RESERVED, RESERVED_LATE));
        map.put("-infinity", new Keyword(Kind.RESERVED, RESERVED_EARLY));
        map.put("ad", new Keyword(Kind.ERA, 0));
        map.put("bc", new Keyword(Kind.ERA, 1));
        map.put("am", new Keyword(Kind.MERIDIAN, AM));
        map.put("pm", new Keyword(Kind.MERIDIAN, PM));
        map.put("at", new Keyword(Kind.IGNORE, 0));
        map.put("on", new Keyword(Kind.IGNORE, 0));
        map.put("dst", new Keyword(Kind.DST_MODIFIER, 3600));
        map.put("t", new Keyword(Kind.ISO_TIME, UNIT_TIME));
        for (String name : new String[] {"j", "jd", "julian"}) {
            map.put(name, new Keyword(Kind.UNITS, UNIT_JULIAN));
        }
        map.put("y", new Keyword(Kind.UNITS, UNIT_YEAR));
        map.put("m", new Keyword(Kind.UNITS, UNIT_MONTH));
        map.put("d", new Keyword(Kind.UNITS, UNIT_DAY));
        map.put("h", new Keyword(Kind.UNITS, UNIT_HOUR));
        map.put("mm", new Keyword(Kind.UNITS, UNIT_MINUTE));
        map.put("s", new Keyword(Kind.UNITS, UNIT_SECOND));
        for (String name : new String[] {"dow", "doy", "isodow", "isoyear"}) {
            map.put(name, new Keyword(Kind.UNITS, UNIT_OTHER));
        }
        return Map.copyOf(map);
    }

    private static String truncate(String token) {
        return token.length() > KEYWORD_LENGTH ? token.substring(0, KEYWORD_LENGTH) : token;
    }

    /** Whether {@code token} is one of {@code datetktbl}'s words. */
    static boolean isKeyword(String token) {
        return keyword(token) != null;
    }

    private static Keyword keyword(String token) {
        return KEYWORDS.get(truncate(token));
    }

    /** The decoded value: a special ({@code epoch}, {@code infinity}, {@code -infinity}) or fields. */
    static final class Result {
        String special;
        int fieldMask;
        /** Proleptic year: 1 BC is 0. */
        int year;
        int month;
        int day;
        int hour;
        int minute;
        int second;
        long fractionMicros;
        /** Seconds west of UTC when the literal named an offset or abbreviation (PostgreSQL's sign). */
        Integer zoneWest;
        ZoneId namedZone;

        boolean hasFullDate() {
            return (fieldMask & DATE_MASK) == DATE_MASK;
        }

        /** The date as a Julian day number, once {@link #julianInRange()} holds. */
        long julianDay() {
            return LocalDate.of(year, month, day).toEpochDay() + JULIAN_OF_UNIX_EPOCH;
        }

        /** {@code IS_VALID_JULIAN}: from 4714-11-24 BC to before 5874898-06-01. */
        boolean julianInRange() {
            return (year > -4713 || year == -4713 && (month > 11 || month == 11 && day >= 24))
                    && (year < 5874898 || year == 5874898 && month < 6);
        }

        long timeOfDayMicros() {
            return ((hour * 60L + minute) * 60 + second) * DateTimeArithmetic.USECS_PER_SEC + fractionMicros;
        }
    }

    /** Which error {@code DateTimeParseError} raises. */
    static final class DecodeError extends RuntimeException {
        final int code;

        DecodeError(int code) {
            super(null, null, false, false);
            this.code = code;
        }
    }

    static final int BAD_FORMAT = 0;
    private static final int FIELD_OVERFLOW = 1;
    private static final int MONTH_DAY_OVERFLOW = 2;
    private static final int ZONE_OVERFLOW = 3;

    static DecodeError error(int code) {
        return new DecodeError(code);
    }

    private final FormatSettings settings;
    private final String[] fields = new String[MAX_FIELDS];
    private final int[] types = new int[MAX_FIELDS];
    private int fieldCount;
    private final Result result = new Result();
    private boolean is2digits;
    private int dayOfYear;

    private DateTimeDecoder(FormatSettings settings) {
        this.settings = settings;
    }

    /** Decodes {@code text} for type {@code typeName} (the name the 22007 message shows). */
    static Result decode(String text, String typeName, FormatSettings settings) {
        DateTimeDecoder decoder = new DateTimeDecoder(settings);
        try {
            decoder.fieldCount = DateTimeLexer.split(text, decoder.fields, decoder.types);
            decoder.decodeFields();
            return decoder.result;
        } catch (DecodeError e) {
            throw parseError(e.code, text, typeName);
        }
    }

    static SqlException parseError(int code, String text, String typeName) {
        return switch (code) {
            case FIELD_OVERFLOW -> DateTimeParser.fieldOutOfRange(text);
            case MONTH_DAY_OVERFLOW -> DateTimeParser.fieldOutOfRange(text)
                    .withHint("Perhaps you need a different \"datestyle\" setting.");
            case ZONE_OVERFLOW -> new SqlException(SqlState.INVALID_TIME_ZONE_DISPLACEMENT_VALUE,
                    "time zone displacement out of range: \"" + text + "\"");
            default -> DateTimeParser.invalid(typeName, text);
        };
    }

    // ---- DecodeDateTime --------------------------------------------------------------------

    private void decodeFields() {
        Result r = result;
        int fieldMask = 0;
        int prefix = 0;
        boolean haveTextMonth = false;
        boolean julian = false;
        boolean bc = false;
        int meridian = HOUR_24;
        boolean dateType = true;
        for (int i = 0; i < fieldCount; i++) {
            String field = fields[i];
            int mask = 0;
            switch (types[i]) {
                case DATE -> {
                    if (prefix == UNIT_JULIAN) {
                        // integral Julian day with an attached zone, "J2451187-08"
                        int end = DateTimeLexer.digitsEnd(field, 0);
                        int value = parseIntOrOverflow(field.substring(0, end));
                        setJulian(value);
                        julian = true;
                        r.zoneWest = decodeZone(field.substring(end));
                        mask = DATE_MASK | TIME_MASK | M_TZ;
                        prefix = 0;
                    } else if ((fieldMask & DATE_MASK) == DATE_MASK) {
                        // a date already: a zone name with punctuation, or run-together time with a zone
                        if (DateTimeLexer.isDigit(field.charAt(0)) || prefix != 0) {
                            if (prefix != 0) {
                                if (prefix != UNIT_TIME) {
                                    throw error(BAD_FORMAT);
                                }
                                prefix = 0;
                            }
                            if ((fieldMask & TIME_MASK) == TIME_MASK) {
                                throw error(BAD_FORMAT);
                            }
                            int dash = field.indexOf('-');
                            if (dash < 0) {
                                throw error(BAD_FORMAT);
                            }
                            r.zoneWest = decodeZone(field.substring(dash));
                            mask = decodeNumberField(field.substring(0, dash), fieldMask) | M_TZ;
                        } else {
                            r.namedZone = namedZone(field);
                            mask = M_TZ;
                        }
                    } else {
                        mask = decodeDate(field, fieldMask);
                    }
                }
                case TIME -> {
                    if (prefix != 0) {
                        if (prefix != UNIT_TIME) {
                            throw error(BAD_FORMAT);
                        }
                        prefix = 0;
                    }
                    decodeTime(field);
                    mask = TIME_MASK;
                    if (r.hour < 0 || r.timeOfDayMicros() > DateTimeArithmetic.USECS_PER_DAY) {
                        throw error(FIELD_OVERFLOW);
                    }
                }
                case ZONE -> {
                    r.zoneWest = decodeZone(field);
                    mask = M_TZ;
                }
                case NUMBER -> {
                    if (prefix != 0) {
                        mask = decodePrefixedNumber(field, prefix, fieldMask);
                        if (prefix == UNIT_JULIAN) {
                            julian = true;
                        }
                        prefix = 0;
                    } else {
                        int dot = field.indexOf('.');
                        if (dot >= 0 && (fieldMask & DATE_MASK) == 0) {
                            mask = decodeDate(field, fieldMask);
                        } else if (dot > 2) {
                            mask = decodeNumberField(field, fieldMask);
                        } else if (field.length() >= 6 && ((fieldMask & DATE_MASK) == 0
                                || (fieldMask & TIME_MASK) == 0)) {
                            mask = decodeNumberField(field, fieldMask);
                        } else {
                            mask = decodeNumber(field, haveTextMonth, fieldMask);
                        }
                    }
                }
                case STRING, SPECIAL -> {
                    Integer abbreviation = DateTimeParser.abbreviationOffset(field);
                    if (abbreviation != null) {
                        mask = M_TZ;
                        r.zoneWest = -abbreviation;
                        break;
                    }
                    Keyword keyword = keyword(field);
                    if (keyword == null) {
                        // an all-alpha zone name, "UTC" or "Japan"
                        ZoneId zone = DateTimeParser.zoneByName(field);
                        if (zone == null) {
                            throw error(BAD_FORMAT);
                        }
                        r.namedZone = zone;
                        mask = M_TZ;
                        break;
                    }
                    switch (keyword.kind()) {
                        case IGNORE -> {
                            continue;
                        }
                        case RESERVED -> {
                            mask = M_RESERVED;
                            mask = decodeReserved(keyword.value(), mask);
                            if (r.special != null) {
                                dateType = false;
                            }
                        }
                        case MONTH -> {
                            mask = M_MONTH;
                            if ((fieldMask & M_MONTH) != 0 && !haveTextMonth && (fieldMask & M_DAY) == 0
                                    && r.month >= 1 && r.month <= 31) {
                                // a number read as the month was the day: "01 Jan" in MDY
                                r.day = r.month;
                                mask = M_DAY;
                            }
                            haveTextMonth = true;
                            r.month = keyword.value();
                        }
                        case DST_MODIFIER -> {
                            mask = M_DST_MODIFIER;
                            if (r.zoneWest == null) {
                                throw error(BAD_FORMAT);
                            }
                            r.zoneWest -= keyword.value();
                        }
                        case MERIDIAN -> {
                            mask = M_MERIDIAN;
                            meridian = keyword.value();
                        }
                        case ERA -> {
                            mask = M_ERA;
                            bc = keyword.value() == 1;
                        }
                        case WEEKDAY -> mask = M_WEEKDAY;
                        case UNITS -> {
                            mask = 0;
                            prefix = keyword.value();
                        }
                        case ISO_TIME -> {
                            mask = 0;
                            if ((fieldMask & DATE_MASK) != DATE_MASK || i >= fieldCount - 1
                                    || types[i + 1] != NUMBER && types[i + 1] != TIME && types[i + 1] != DATE) {
                                throw error(BAD_FORMAT);
                            }
                            prefix = keyword.value();
                        }
                        default -> throw error(BAD_FORMAT);
                    }
                }
                default -> throw error(BAD_FORMAT);
            }
            if ((mask & fieldMask) != 0) {
                throw error(BAD_FORMAT);
            }
            fieldMask |= mask;
        }
        r.fieldMask = fieldMask;
        validateDate(fieldMask, julian, bc);
        if (meridian != HOUR_24 && r.hour > 12) {
            throw error(FIELD_OVERFLOW);
        }
        if (meridian == AM && r.hour == 12) {
            r.hour = 0;
        } else if (meridian == PM && r.hour != 12) {
            r.hour += 12;
        }
        if (dateType && (fieldMask & DATE_MASK) != DATE_MASK) {
            throw error(BAD_FORMAT);
        }
        if (r.namedZone != null && (fieldMask & M_DST_MODIFIER) != 0) {
            throw error(BAD_FORMAT);
        }
    }

    private int decodeReserved(int value, int mask) {
        Result r = result;
        switch (value) {
            case RESERVED_NOW -> {
                long now = TimestampIO.currentTimestamp();
                int offset = DateTimeArithmetic.offsetAt(settings.timeZone(), now);
                setFromLocal(now + offset * DateTimeArithmetic.USECS_PER_SEC);
                r.zoneWest = -offset;
                return DATE_MASK | TIME_MASK | M_TZ;
            }
            case RESERVED_TODAY, RESERVED_TOMORROW, RESERVED_YESTERDAY -> {
                int shift = value == RESERVED_TODAY ? 0 : value == RESERVED_TOMORROW ? 1 : -1;
                LocalDate date = LocalDate.now(settings.timeZone()).plusDays(shift);
                r.year = date.getYear();
                r.month = date.getMonthValue();
                r.day = date.getDayOfMonth();
                return DATE_MASK;
            }
            case RESERVED_ZULU -> {
                r.hour = 0;
                r.minute = 0;
                r.second = 0;
                r.fractionMicros = 0;
                r.zoneWest = 0;
                return TIME_MASK | M_TZ;
            }
            case RESERVED_EPOCH -> r.special = "epoch";
            case RESERVED_LATE -> r.special = "infinity";
            default -> r.special = "-infinity";
        }
        return mask;
    }

    private void setFromLocal(long localMicros) {
        Result r = result;
        long micros = Math.floorMod(localMicros, DateTimeArithmetic.USECS_PER_DAY);
        long days = Math.floorDiv(localMicros, DateTimeArithmetic.USECS_PER_DAY);
        LocalDate date = LocalDate.ofEpochDay(days + DateTimeArithmetic.UNIX_TO_POSTGRES_DAYS);
        r.year = date.getYear();
        r.month = date.getMonthValue();
        r.day = date.getDayOfMonth();
        setTimeOfDay(micros);
    }

    private void setTimeOfDay(long micros) {
        Result r = result;
        r.hour = (int) (micros / DateTimeArithmetic.USECS_PER_HOUR);
        r.minute = (int) (micros / DateTimeArithmetic.USECS_PER_MINUTE % 60);
        r.second = (int) (micros / DateTimeArithmetic.USECS_PER_SEC % 60);
        r.fractionMicros = micros % DateTimeArithmetic.USECS_PER_SEC;
    }

    private void setJulian(long julianDay) {
        LocalDate date = LocalDate.ofEpochDay(julianDay - JULIAN_OF_UNIX_EPOCH);
        result.year = date.getYear();
        result.month = date.getMonthValue();
        result.day = date.getDayOfMonth();
    }

    private static ZoneId namedZone(String name) {
        ZoneId zone = DateTimeParser.zoneByName(name);
        if (zone == null) {
            throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "time zone \"" + name + "\" not recognized");
        }
        return zone;
    }

    /** {@code strtoint}: leading digits, 22008 past the int range. */
    private static int parseIntOrOverflow(String digits) {
        if (digits.isEmpty()) {
            throw error(BAD_FORMAT);
        }
        return parseInt(digits, FIELD_OVERFLOW);
    }

    private static int parseInt(String digits, int overflowCode) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            throw error(overflowCode);
        }
    }

    /** A number after a unit keyword: "J2451187", "T040506", "y1999". */
    private int decodePrefixedNumber(String field, int prefix, int fieldMask) {
        Result r = result;
        int end = DateTimeLexer.digitsEnd(field, 0);
        int value = parseIntOrOverflow(field.substring(0, end));
        String rest = field.substring(end);
        if (rest.startsWith(".")) {
            if (prefix != UNIT_JULIAN && prefix != UNIT_TIME && prefix != UNIT_SECOND) {
                throw error(BAD_FORMAT);
            }
        } else if (!rest.isEmpty()) {
            throw error(BAD_FORMAT);
        }
        switch (prefix) {
            case UNIT_YEAR -> {
                r.year = value;
                return M_YEAR;
            }
            case UNIT_MONTH -> {
                if ((fieldMask & M_MONTH) != 0 && (fieldMask & M_HOUR) != 0) {
                    r.minute = value;
                    return M_MINUTE;
                }
                r.month = value;
                return M_MONTH;
            }
            case UNIT_DAY -> {
                r.day = value;
                return M_DAY;
            }
            case UNIT_HOUR -> {
                r.hour = value;
                return M_HOUR;
            }
            case UNIT_MINUTE -> {
                r.minute = value;
                return M_MINUTE;
            }
            case UNIT_SECOND -> {
                r.second = value;
                if (rest.startsWith(".")) {
                    r.fractionMicros = fraction(rest);
                }
                return M_SECOND;
            }
            case UNIT_JULIAN -> {
                setJulian(value);
                int mask = DATE_MASK;
                if (rest.startsWith(".")) {
                    double dayFraction = fractionValue(rest);
                    setTimeOfDay(Math.round(dayFraction * DateTimeArithmetic.USECS_PER_DAY));
                    mask |= TIME_MASK;
                }
                return mask;
            }
            case UNIT_TIME -> {
                int mask = decodeNumberField(field, fieldMask | DATE_MASK);
                if (mask != TIME_MASK) {
                    throw error(BAD_FORMAT);
                }
                return mask;
            }
            default -> throw error(BAD_FORMAT);
        }
    }

    /** {@code DecodeDate}: a field with separators, "1999-01-08", "Jan-08-1999", "1999.008". */
    private int decodeDate(String text, int fieldMask) {
        java.util.List<String> parts = new java.util.ArrayList<>(3);
        int position = 0;
        int length = text.length();
        while (position < length) {
            while (position < length && !DateTimeLexer.isAlpha(text.charAt(position)) && !DateTimeLexer.isDigit(text.charAt(position))) {
                position++;
            }
            if (position >= length) {
                throw error(BAD_FORMAT);
            }
            int start = position;
            if (DateTimeLexer.isDigit(text.charAt(position))) {
                position = DateTimeLexer.digitsEnd(text, position);
            } else {
                while (position < length && DateTimeLexer.isAlpha(text.charAt(position))) {
                    position++;
                }
            }
            parts.add(text.substring(start, position));
            if (position < length) {
                position++;
            }
        }
        int mask = 0;
        boolean haveTextMonth = false;
        for (int i = 0; i < parts.size(); i++) {
            String part = parts.get(i);
            if (DateTimeLexer.isAlpha(part.charAt(0))) {
                Keyword keyword = keyword(part);
                if (keyword != null && keyword.kind() == Kind.IGNORE) {
                    parts.set(i, null);
                    continue;
                }
                if (keyword == null || keyword.kind() != Kind.MONTH || (fieldMask & M_MONTH) != 0) {
                    throw error(BAD_FORMAT);
                }
                result.month = keyword.value();
                haveTextMonth = true;
                fieldMask |= M_MONTH;
                mask |= M_MONTH;
                parts.set(i, null);
            }
        }
        for (String part : parts) {
            if (part == null) {
                continue;
            }
            int partMask = decodeNumber(part, haveTextMonth, fieldMask);
            if ((fieldMask & partMask) != 0) {
                throw error(BAD_FORMAT);
            }
            fieldMask |= partMask;
            mask |= partMask;
        }
        // fields before this one count: a date after a time or an era word is refused, as in PostgreSQL
        if ((fieldMask & ~(M_DOY | M_TZ)) != DATE_MASK) {
            throw error(BAD_FORMAT);
        }
        return mask;
    }

    /** {@code DecodeNumber}: one numeric field, placed by what came before and by DateStyle. */
    private int decodeNumber(String text, boolean haveTextMonth, int fieldMask) {
        Result r = result;
        int length = text.length();
        int end = DateTimeLexer.digitsEnd(text, 0);
        if (end == 0) {
            throw error(BAD_FORMAT);
        }
        int value = parseIntOrOverflow(text.substring(0, end));
        if (end < length) {
            if (text.charAt(end) != '.') {
                throw error(BAD_FORMAT);
            }
            if (end > 2) {
                // 2001.360, 20011225.5, 040506.789: a run-together date or time
                return decodeNumberField(text, fieldMask | DATE_MASK);
            }
            r.fractionMicros = fraction(text.substring(end));
        }
        if (length == 3 && (fieldMask & DATE_MASK) == M_YEAR && value >= 1 && value <= 366) {
            dayOfYear = value;
            return M_DOY | M_MONTH | M_DAY;
        }
        FormatSettings.DateOrder order = settings.dateOrder();
        int mask;
        switch (fieldMask & DATE_MASK) {
            case 0 -> {
                if (length >= 3 || order == FormatSettings.DateOrder.YMD) {
                    mask = M_YEAR;
                    r.year = value;
                } else if (order == FormatSettings.DateOrder.DMY) {
                    mask = M_DAY;
                    r.day = value;
                } else {
                    mask = M_MONTH;
                    r.month = value;
                }
            }
            case M_YEAR -> {
                mask = M_MONTH;
                r.month = value;
            }
            case M_MONTH -> {
                if (haveTextMonth && (length >= 3 || order == FormatSettings.DateOrder.YMD)) {
                    mask = M_YEAR;
                    r.year = value;
                } else {
                    mask = M_DAY;
                    r.day = value;
                }
            }
            case M_YEAR | M_MONTH -> {
                if (haveTextMonth && length >= 3 && is2digits) {
                    // the first number was the day after all: DD-MON-YYYY even in YMD mode
                    r.day = r.year;
                    r.year = value;
                    is2digits = false;
                    return M_DAY;
                }
                mask = M_DAY;
                r.day = value;
            }
            case M_DAY -> {
                mask = M_MONTH;
                r.month = value;
            }
            case M_MONTH | M_DAY -> {
                mask = M_YEAR;
                r.year = value;
            }
            case DATE_MASK -> {
                return decodeNumberField(text, fieldMask);
            }
            default -> throw error(BAD_FORMAT);
        }
        if (mask == M_YEAR) {
            is2digits = length <= 2;
        }
        return mask;
    }

    /** {@code DecodeNumberField}: run-together YYYYMMDD, YYMMDD, hhmmss, hhmm, with a fraction. */
    private int decodeNumberField(String text, int fieldMask) {
        Result r = result;
        int dot = text.indexOf('.');
        String digits = text;
        if (dot >= 0) {
            r.fractionMicros = Math.round(fractionValue(text.substring(dot)) * 1_000_000);
            digits = text.substring(0, dot);
        } else if ((fieldMask & DATE_MASK) != DATE_MASK && digits.length() >= 6) {
            int length = digits.length();
            r.day = parseIntOrOverflow(digits.substring(length - 2));
            r.month = parseIntOrOverflow(digits.substring(length - 4, length - 2));
            r.year = parseIntOrOverflow(digits.substring(0, length - 4));
            if (length - 4 == 2) {
                is2digits = true;
            }
            return DATE_MASK;
        }
        if ((fieldMask & TIME_MASK) != TIME_MASK) {
            if (digits.length() == 6) {
                r.hour = parseIntOrOverflow(digits.substring(0, 2));
                r.minute = parseIntOrOverflow(digits.substring(2, 4));
                r.second = parseIntOrOverflow(digits.substring(4));
                return TIME_MASK;
            } else if (digits.length() == 4) {
                r.hour = parseIntOrOverflow(digits.substring(0, 2));
                r.minute = parseIntOrOverflow(digits.substring(2));
                r.second = 0;
                return TIME_MASK;
            }
        }
        throw error(BAD_FORMAT);
    }

    /** {@code DecodeTime}: hh:mm, hh:mm:ss[.fff], or mm:ss.fff. */
    private void decodeTime(String text) {
        Result r = result;
        int end = DateTimeLexer.digitsEnd(text, 0);
        int hour = parseIntOrOverflow(text.substring(0, end));
        if (end >= text.length() || text.charAt(end) != ':') {
            throw error(BAD_FORMAT);
        }
        int start = end + 1;
        end = DateTimeLexer.digitsEnd(text, start);
        int minute = parseIntOrOverflow(text.substring(start, end));
        int second = 0;
        long fraction = 0;
        if (end == text.length()) {
            r.hour = hour;
            r.minute = minute;
        } else if (text.charAt(end) == '.') {
            fraction = fraction(text.substring(end));
            r.hour = 0;
            r.minute = hour;
            second = minute;
        } else if (text.charAt(end) == ':') {
            start = end + 1;
            end = DateTimeLexer.digitsEnd(text, start);
            second = parseIntOrOverflow(text.substring(start, end));
            if (end < text.length()) {
                if (text.charAt(end) != '.') {
                    throw error(BAD_FORMAT);
                }
                fraction = fraction(text.substring(end));
            }
            r.hour = hour;
            r.minute = minute;
        } else {
            throw error(BAD_FORMAT);
        }
        r.second = second;
        r.fractionMicros = fraction;
        if (r.minute > 59 || r.second > 60 || fraction > DateTimeArithmetic.USECS_PER_SEC) {
            throw error(FIELD_OVERFLOW);
        }
    }

    /** {@code ParseFractionalSecond}: ".123456" in microseconds, rounded. */
    private static long fraction(String text) {
        return Math.round(fractionValue(text) * 1_000_000);
    }

    private static double fractionValue(String text) {
        if (text.length() < 2 || text.charAt(0) != '.') {
            if (text.equals(".")) {
                return 0;
            }
            throw error(BAD_FORMAT);
        }
        for (int i = 1; i < text.length(); i++) {
            if (!DateTimeLexer.isDigit(text.charAt(i))) {
                throw error(BAD_FORMAT);
            }
        }
        return Double.parseDouble("0" + text);
    }

    /** {@code DecodeTimezone}: "+hh", "-hh:mm[:ss]", "+hhmm"; seconds west of UTC. */
    static int decodeZone(String text) {
        if (text.isEmpty() || text.charAt(0) != '+' && text.charAt(0) != '-') {
            throw error(BAD_FORMAT);
        }
        int end = DateTimeLexer.digitsEnd(text, 1);
        int hours;
        try {
            hours = end == 1 ? 0 : Integer.parseInt(text.substring(1, end));
        } catch (NumberFormatException e) {
            throw error(ZONE_OVERFLOW);
        }
        int minutes = 0;
        int seconds = 0;
        if (end < text.length() && text.charAt(end) == ':') {
            int start = end + 1;
            end = DateTimeLexer.digitsEnd(text, start);
            minutes = zonePart(text.substring(start, end));
            if (end < text.length() && text.charAt(end) == ':') {
                start = end + 1;
                end = DateTimeLexer.digitsEnd(text, start);
                seconds = zonePart(text.substring(start, end));
            }
        } else if (end == text.length() && text.length() > 3) {
            minutes = hours % 100;
            hours /= 100;
        }
        if (hours > 15 || minutes >= 60 || seconds >= 60) {
            throw error(ZONE_OVERFLOW);
        }
        int east = (hours * 60 + minutes) * 60 + seconds;
        if (text.charAt(0) == '-') {
            east = -east;
        }
        if (end != text.length()) {
            throw error(BAD_FORMAT);
        }
        return -east;
    }

    private static int zonePart(String digits) {
        return digits.isEmpty() ? 0 : parseInt(digits, ZONE_OVERFLOW);
    }

    /** {@code ValidateDate}: era and two-digit years, day of year, month and day ranges. */
    private void validateDate(int fieldMask, boolean julian, boolean bc) {
        Result r = result;
        if ((fieldMask & M_YEAR) != 0) {
            if (julian) {
                // the Julian day already gave a proleptic year
            } else if (bc) {
                if (r.year <= 0) {
                    throw error(FIELD_OVERFLOW);
                }
                r.year = -(r.year - 1);
            } else if (is2digits) {
                if (r.year < 0) {
                    throw error(FIELD_OVERFLOW);
                }
                if (r.year < 70) {
                    r.year += 2000;
                } else if (r.year < 100) {
                    r.year += 1900;
                }
            } else if (r.year <= 0) {
                throw error(FIELD_OVERFLOW);
            }
        }
        if ((fieldMask & M_DOY) != 0) {
            LocalDate date = LocalDate.of(r.year, 1, 1).plusDays(dayOfYear - 1);
            r.year = date.getYear();
            r.month = date.getMonthValue();
            r.day = date.getDayOfMonth();
        }
        if ((fieldMask & M_MONTH) != 0 && (r.month < 1 || r.month > 12)) {
            throw error(MONTH_DAY_OVERFLOW);
        }
        if ((fieldMask & M_DAY) != 0 && (r.day < 1 || r.day > 31)) {
            throw error(MONTH_DAY_OVERFLOW);
        }
        if ((fieldMask & DATE_MASK) == DATE_MASK && r.day > DAYS_IN_MONTH[isLeap(r.year) ? 1 : 0][r.month - 1]) {
            throw error(FIELD_OVERFLOW);
        }
    }

    private static boolean isLeap(int year) {
        return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    }
}
