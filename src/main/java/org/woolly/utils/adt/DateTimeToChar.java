package org.woolly.utils.adt;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.util.Locale;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * {@code to_char(timestamp | timestamptz | interval, text)}: the date/time template patterns of
 * PostgreSQL's {@code formatting.c} (documented in "Data Type Formatting Functions"), with the
 * FM (no padding), TH/th (ordinal suffix) and FX/TM/SP modifiers; double-quoted text and
 * backslash-escaped characters are copied, any other character too.
 */
final class DateTimeToChar {
    private static final String[] MONTHS = {"January", "February", "March", "April", "May", "June", "July",
            "August", "September", "October", "November", "December"};
    private static final String[] ROMAN_MONTHS = {"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X",
            "XI", "XII"};

    /**
     * The patterns, longest first where one is a prefix of another, in the case variants
     * PostgreSQL accepts; a letter case that is not listed is copied as text.
     */
    private static final String[] PATTERNS = {
            "A.D.", "A.M.", "AD", "AM", "B.C.", "P.M.", "BC", "PM", "a.d.", "a.m.", "ad", "am", "b.c.", "p.m.",
            "bc", "pm", "Y,YYY", "y,yyy", "YYYY", "yyyy", "YYY", "yyy", "YY", "yy", "IYYY", "iyyy", "IYY", "iyy",
            "IY", "iy", "IDDD", "iddd", "ID", "id", "IW", "iw", "I", "i", "Y", "y",
            "HH24", "hh24", "HH12", "hh12", "HH", "hh", "MI", "mi", "MS", "ms", "MONTH", "Month", "month",
            "MON", "Mon", "mon", "MM", "mm", "SSSSS", "sssss", "SSSS", "ssss", "SS", "ss", "US", "us",
            "FF1", "FF2", "FF3", "FF4", "FF5", "FF6", "ff1", "ff2", "ff3", "ff4", "ff5", "ff6",
            "DAY", "Day", "day", "DY", "Dy", "dy", "DDD", "ddd", "DD", "dd", "D", "d", "WW", "ww", "W", "w",
            "CC", "cc", "J", "j", "Q", "q", "RM", "rm", "TZH", "tzh", "TZM", "tzm", "TZ", "tz", "OF", "of"};

    private DateTimeToChar() {}

    /** The fields one value is printed from. */
    private record Fields(long year, int month, int day, long hour, int minute, int second, int micros,
                          LocalDate date, String zone, Integer offsetSeconds, boolean interval) {}

    static String timestamp(long timestamp, String format) {
        if (!DateTimeArithmetic.isFinite(timestamp)) {
            return null;
        }
        return format(format, fields(timestamp, null, 0));
    }

    static String timestamptz(long timestamp, String format, FunctionContext context) {
        if (!DateTimeArithmetic.isFinite(timestamp)) {
            return null;
        }
        java.time.ZoneId zone = context.formatSettings().timeZone();
        int offset = DateTimeArithmetic.offsetAt(zone, timestamp);
        long local = timestamp + offset * DateTimeArithmetic.USECS_PER_SEC;
        return format(format, fields(local, TimestampIO.zoneAbbreviation(zone, timestamp, offset), offset));
    }

    static String interval(Interval value, String format) {
        long micros = value.microseconds();
        long hours = micros / DateTimeArithmetic.USECS_PER_HOUR;
        micros -= hours * DateTimeArithmetic.USECS_PER_HOUR;
        int minutes = (int) (micros / DateTimeArithmetic.USECS_PER_MINUTE);
        micros -= minutes * DateTimeArithmetic.USECS_PER_MINUTE;
        int seconds = (int) (micros / DateTimeArithmetic.USECS_PER_SEC);
        micros -= seconds * DateTimeArithmetic.USECS_PER_SEC;
        return format(format, new Fields(value.months() / 12, value.months() % 12, value.days(), hours, minutes,
                seconds, (int) micros, null, null, null, true));
    }

    private static Fields fields(long local, String zone, Integer offset) {
        long micros = Math.floorMod(local, DateTimeArithmetic.USECS_PER_SEC);
        LocalDateTime dateTime = DateTimeArithmetic.toLocalDateTime(local - micros);
        return new Fields(dateTime.getYear(), dateTime.getMonthValue(), dateTime.getDayOfMonth(), dateTime.getHour(),
                dateTime.getMinute(), dateTime.getSecond(), (int) micros, dateTime.toLocalDate(), zone, offset, false);
    }

    private static String format(String format, Fields f) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        boolean fillMode = false;
        while (i < format.length()) {
            char c = format.charAt(i);
            if (format.startsWith("FM", i) || format.startsWith("fm", i)) {
                fillMode = true;
                i += 2;
                continue;
            }
            if (format.startsWith("FX", i) || format.startsWith("fx", i) || format.startsWith("TM", i)
                    || format.startsWith("tm", i)) {
                i += 2;
                continue;
            }
            String pattern = patternAt(format, i);
            if (pattern != null) {
                i += pattern.length();
                String suffix = null;
                if (format.startsWith("TH", i) || format.startsWith("th", i)) {
                    suffix = format.substring(i, i + 2);
                    i += 2;
                } else if (format.startsWith("SP", i) || format.startsWith("sp", i)) {
                    i += 2;
                }
                out.append(field(pattern, f, fillMode, suffix));
                fillMode = false;
                continue;
            }
            if (c == '"') {
                i++;
                while (i < format.length() && format.charAt(i) != '"') {
                    if (format.charAt(i) == '\\' && i + 1 < format.length()) {
                        i++;
                    }
                    out.append(format.charAt(i++));
                }
                i++;
                continue;
            }
            if (c == '\\' && i + 1 < format.length() && format.charAt(i + 1) == '"') {
                out.append('"');
                i += 2;
                continue;
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    private static String patternAt(String format, int at) {
        String best = null;
        for (String pattern : PATTERNS) {
            if (format.startsWith(pattern, at) && (best == null || pattern.length() > best.length())) {
                best = pattern;
            }
        }
        return best;
    }

    private static String field(String pattern, Fields f, boolean fillMode, String suffix) {
        String upper = pattern.toUpperCase(Locale.ROOT);
        long year = f.year;
        long displayYear = !f.interval && year <= 0 ? 1 - year : year;
        long value;
        int width;
        switch (upper) {
            case "A.D.", "B.C." -> {
                return cased(pattern, year <= 0 && !f.interval ? "B.C." : "A.D.");
            }
            case "AD", "BC" -> {
                return cased(pattern, year <= 0 && !f.interval ? "BC" : "AD");
            }
            case "A.M.", "P.M." -> {
                return cased(pattern, f.hour % 24 >= 12 ? "P.M." : "A.M.");
            }
            case "AM", "PM" -> {
                return cased(pattern, f.hour % 24 >= 12 ? "PM" : "AM");
            }
            case "MONTH", "MON" -> {
                if (f.month == 0) {
                    return "";
                }
                String name = MONTHS[f.month - 1];
                name = upper.equals("MON") ? name.substring(0, 3) : fillMode ? name : pad(name, 9);
                return cased(pattern, name);
            }
            case "DAY", "DY" -> {
                if (f.date == null) {
                    return "";
                }
                String name = f.date.getDayOfWeek().getDisplayName(java.time.format.TextStyle.FULL, Locale.ENGLISH);
                name = upper.equals("DY") ? name.substring(0, 3) : fillMode ? name : pad(name, 9);
                return cased(pattern, name);
            }
            case "RM" -> {
                if (f.month == 0 && f.year == 0) {
                    return "";
                }
                // an interval's month may be zero (whole years) or negative, counted back from December
                int month = f.month == 0 ? (f.year >= 0 ? 12 : 1) : f.month < 0 ? 13 + f.month : f.month;
                String roman = ROMAN_MONTHS[month - 1];
                roman = fillMode ? roman : pad(roman, 4);
                return pattern.equals("rm") ? roman.toLowerCase(Locale.ROOT) : roman;
            }
            case "TZ" -> {
                String zone = f.zone == null ? "" : f.zone;
                return pattern.equals("tz") ? zone.toLowerCase(Locale.ROOT) : zone;
            }
            case "TZH" -> {
                if (f.offsetSeconds == null) {
                    return "";
                }
                return (f.offsetSeconds < 0 ? "-" : "+") + twoDigits(Math.abs(f.offsetSeconds) / 3600, fillMode);
            }
            case "TZM" -> {
                return f.offsetSeconds == null ? "" : twoDigits(Math.abs(f.offsetSeconds) % 3600 / 60, fillMode);
            }
            case "OF" -> {
                if (f.offsetSeconds == null) {
                    return "";
                }
                int offset = Math.abs(f.offsetSeconds);
                String text = (f.offsetSeconds < 0 ? "-" : "+") + twoDigits(offset / 3600, fillMode);
                return offset % 3600 == 0 ? text : text + ":" + twoDigits(offset % 3600 / 60, false);
            }
            case "Y,YYY" -> {
                String text = String.format(Locale.ROOT, "%d,%03d", displayYear / 1000, displayYear % 1000);
                return withSuffix(text, displayYear, suffix);
            }
            case "HH", "HH12" -> {
                long hour = f.hour % 12;
                value = f.interval ? hour : hour == 0 ? 12 : hour;
                width = 2;
            }
            case "HH24" -> {
                value = f.hour;
                width = 2;
            }
            case "MI" -> {
                value = f.minute;
                width = 2;
            }
            case "SS" -> {
                value = f.second;
                width = 2;
            }
            case "MS" -> {
                value = f.micros / 1000;
                width = 3;
            }
            case "US" -> {
                value = f.micros;
                width = 6;
            }
            case "FF1", "FF2", "FF3", "FF4", "FF5", "FF6" -> {
                int digits = upper.charAt(2) - '0';
                value = f.micros / (long) Math.pow(10, 6 - digits);
                width = digits;
            }
            case "SSSS", "SSSSS" -> {
                value = (f.hour * 60 + f.minute) * 60 + f.second;
                width = 0;
            }
            case "YYYY" -> {
                value = displayYear;
                width = 4;
            }
            case "YYY" -> {
                value = displayYear % 1000;
                width = 3;
            }
            case "YY" -> {
                value = displayYear % 100;
                width = 2;
            }
            case "Y" -> {
                value = displayYear % 10;
                width = 1;
            }
            case "IYYY", "IYY", "IY", "I" -> {
                if (f.date == null) {
                    return "";
                }
                long isoYear = f.date.get(IsoFields.WEEK_BASED_YEAR);
                isoYear = isoYear <= 0 ? 1 - isoYear : isoYear;
                width = upper.length();
                value = width == 4 ? isoYear : isoYear % (long) Math.pow(10, width);
            }
            case "MM" -> {
                value = f.month;
                width = 2;
            }
            case "DD" -> {
                value = f.day;
                width = 2;
            }
            case "DDD" -> {
                value = f.date == null ? f.day : f.date.getDayOfYear();
                width = 3;
            }
            case "IDDD" -> {
                if (f.date == null) {
                    return "";
                }
                LocalDate weekOne = f.date.with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, 1).with(DayOfWeek.MONDAY);
                value = ChronoUnit.DAYS.between(weekOne, f.date) + 1;
                width = 3;
            }
            case "D" -> {
                if (f.date == null) {
                    return "";
                }
                value = f.date.getDayOfWeek().getValue() % 7 + 1;
                width = 1;
            }
            case "ID" -> {
                if (f.date == null) {
                    return "";
                }
                value = f.date.getDayOfWeek().getValue();
                width = 1;
            }
            case "W" -> {
                value = (f.day - 1) / 7 + 1;
                width = 1;
            }
            case "WW" -> {
                value = f.date == null ? 0 : (f.date.getDayOfYear() - 1) / 7 + 1;
                width = 2;
            }
            case "IW" -> {
                value = f.date == null ? 0 : f.date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
                width = 2;
            }
            case "CC" -> {
                if (f.interval) {
                    value = year / 100;
                } else {
                    value = year > 0 ? (year + 99) / 100 : -((99 - (year - 1)) / 100);
                }
                width = 2;
            }
            case "J" -> {
                value = f.date == null ? 0 : f.date.toEpochDay() + 2440588;
                width = 0;
            }
            case "Q" -> {
                if (f.month == 0) {
                    return "";
                }
                value = (f.month - 1) / 3 + 1;
                width = 1;
            }
            default -> throw new SqlException(SqlState.INTERNAL_ERROR, "unhandled to_char pattern " + pattern);
        }
        String digits = Long.toString(Math.abs(value));
        if (!fillMode && digits.length() < width) {
            digits = "0".repeat(width - digits.length()) + digits;
        }
        return withSuffix(value < 0 ? "-" + digits : digits, value, suffix);
    }

    private static String twoDigits(int value, boolean fillMode) {
        return fillMode || value >= 10 ? Integer.toString(value) : "0" + value;
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }

    /** {@code text} in the letter case of {@code pattern}: all upper, capitalized or all lower. */
    private static String cased(String pattern, String text) {
        if (Character.isLowerCase(pattern.charAt(0))) {
            return text.toLowerCase(Locale.ROOT);
        }
        if (pattern.length() > 1 && Character.isLowerCase(pattern.charAt(1))) {
            return text.charAt(0) + text.substring(1).toLowerCase(Locale.ROOT);
        }
        return text.toUpperCase(Locale.ROOT);
    }

    private static String withSuffix(String text, long value, String suffix) {
        if (suffix == null) {
            return text;
        }
        String ordinal = ordinal(Math.abs(value));
        return text + (suffix.equals("TH") ? ordinal.toUpperCase(Locale.ROOT) : ordinal);
    }

    /** "st", "nd", "rd" or "th" for a number ({@code get_th}). */
    static String ordinal(long value) {
        long lastTwo = value % 100;
        if (lastTwo >= 11 && lastTwo <= 13) {
            return "th";
        }
        return switch ((int) (value % 10)) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
    }
}
