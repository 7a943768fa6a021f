package org.woolly.utils.adt;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * {@code to_timestamp(text, text)} and {@code to_date(text, text)}: the input side of the
 * date/time template patterns ("Data Type Formatting Functions" in PostgreSQL's documentation,
 * {@code DCH_from_char} and {@code do_to_timestamp} in {@code formatting.c} as the model).
 *
 * <p>Reading is lenient as PostgreSQL's is outside FX mode: blanks before a field are skipped, a
 * separator of the template matches one blank or separator of the input or nothing, a literal
 * character of the template skips one input character, numeric fields read as many digits as
 * they can when the next template item is not numeric (else exactly their width), and the
 * input may end before the template does. Fields left out take their lowest value (year 1 BC,
 * January, the first, midnight).
 */
final class DateTimeFromChar {
    private static final String[] MONTHS = {"January", "February", "March", "April", "May", "June", "July",
            "August", "September", "October", "November", "December"};
    private static final String[] MONTHS_SHORT = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug",
            "Sep", "Oct", "Nov", "Dec"};
    private static final String[] DAYS = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
            "Saturday"};
    private static final String[] DAYS_SHORT = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    /** December first: a longer numeral must be tried before its prefix (xii before xi before x). */
    private static final String[] ROMAN_MONTHS = {"xii", "xi", "x", "ix", "viii", "vii", "vi", "v", "iv", "iii",
            "ii", "i"};
    /** Even entries mean AM (or AD), odd ones PM (or BC). */
    private static final String[] MERIDIEM = {"am", "pm", "AM", "PM"};
    private static final String[] MERIDIEM_LONG = {"a.m.", "p.m.", "A.M.", "P.M."};
    private static final String[] ERA = {"ad", "bc", "AD", "BC"};
    private static final String[] ERA_LONG = {"a.d.", "b.c.", "A.D.", "B.C."};

    /** The template patterns, upper case; each is also accepted in lower case. */
    private static final Set<String> KEYWORDS = Set.of("A.D.", "A.M.", "AD", "AM", "B.C.", "BC", "CC", "DAY",
            "DDD", "DD", "DY", "D", "FF1", "FF2", "FF3", "FF4", "FF5", "FF6", "FX", "HH24", "HH12", "HH", "IDDD",
            "ID", "IW", "IYYY", "IYY", "IY", "I", "J", "MI", "MM", "MONTH", "MON", "MS", "OF", "P.M.", "PM", "Q",
            "RM", "SSSSS", "SSSS", "SS", "TZH", "TZM", "TZ", "US", "WW", "W", "Y,YYY", "YYYY", "YYY", "YY", "Y");
    private static final Set<String> MIXED_CASE = Set.of("Month", "Mon", "Day", "Dy");
    /** Patterns that read a word rather than a number (the others are "digit" patterns). */
    private static final Set<String> WORDS = Set.of("A.D.", "A.M.", "AD", "AM", "B.C.", "BC", "DAY", "DY", "FX",
            "MONTH", "MON", "OF", "P.M.", "PM", "RM", "TZH", "TZ");
    private static final Set<String> GREGORIAN = Set.of("DDD", "DD", "D", "MM", "MONTH", "MON", "RM", "WW", "W",
            "Y,YYY", "YYYY", "YYY", "YY", "Y");
    private static final Set<String> ISO_WEEK = Set.of("IDDD", "ID", "IW", "IYYY", "IYY", "IY", "I");

    private DateTimeFromChar() {}

    private enum Kind { FIELD, SPACE, SEPARATOR, CHARACTER }

    /**
     * One item of a parsed template: a field (its pattern as written, {@code id} upper-cased, with
     * the FM and TH modifiers), a blank, a separator or another literal character.
     */
    private record Item(Kind kind, String name, String id, boolean fillMode, boolean ordinal) {
        boolean digit() {
            return kind == Kind.FIELD && !WORDS.contains(id);
        }
    }

    /** The values read from the input, zero where absent ({@code TmFromChar}). */
    private static final class Fields {
        boolean isoWeekMode;
        boolean gregorianMode;
        boolean twelveHour;
        int pm, hh, mi, ss, ssss, d, dd, ddd, mm, ms, year, bc, ww, w, cc, j, us, yysz, ff;
        int tzSign, tzh, tzm;
    }

    /** A date and time of day broken down, the year as PostgreSQL counts it (0 is 1 BC). */
    private static final class BrokenDown {
        int year;
        int month = 1;
        int day = 1;
        int hour;
        int minute;
        int second;
        long fraction;
        boolean hasZone;
        int zoneOffsetEast;
    }

    static long toTimestamp(String input, String format, FunctionContext context) {
        Fields fields = new Fields();
        BrokenDown tm = convert(input, format, fields);
        long local = localMicros(tm, input, "timestamp out of range");
        long result;
        if (tm.hasZone) {
            result = local - tm.zoneOffsetEast * DateTimeArithmetic.USECS_PER_SEC;
        } else {
            ZoneId zone = context.formatSettings().timeZone();
            result = DateTimeArithmetic.localToUtc(zone, local);
        }
        if (result < DateTimeArithmetic.MIN_TIMESTAMP || result >= DateTimeArithmetic.END_TIMESTAMP) {
            throw new SqlException(SqlState.DATETIME_FIELD_OVERFLOW, "timestamp out of range");
        }
        return fields.ff > 0 ? DateTimeArithmetic.roundToPrecision(result, fields.ff) : result;
    }

    /**
     * jsonpath's {@code .datetime(template)}: the date and time as written (microseconds since
     * 2000-01-01, no zone applied), whether the input named a zone, and its offset east in seconds.
     */
    static long[] toLocalAndZone(String input, String format) {
        BrokenDown tm = convert(input, format, new Fields());
        long local = localMicros(tm, input, "timestamp out of range");
        return new long[] {local, tm.hasZone ? 1 : 0, tm.zoneOffsetEast};
    }

    static int toDate(String input, String format) {
        BrokenDown tm = convert(input, format, new Fields());
        String outOfRange = "date out of range: \"" + input + "\"";
        if (!DateTimeArithmetic.validJulian(tm.year, tm.month, tm.day)) {
            throw new SqlException(SqlState.DATETIME_FIELD_OVERFLOW, outOfRange);
        }
        int days = DateTimeArithmetic.fromLocalDate(date(tm));
        if (days < DateTimeArithmetic.MIN_DATE || days > DateTimeArithmetic.MAX_DATE) {
            throw new SqlException(SqlState.DATETIME_FIELD_OVERFLOW, outOfRange);
        }
        return days;
    }

    /** The calendar date; a day past the month's end rolls over as {@code date2j} lets it. */
    private static LocalDate date(BrokenDown tm) {
        return LocalDate.of(tm.year, tm.month, 1).plusDays(tm.day - 1L);
    }

    private static long localMicros(BrokenDown tm, String input, String outOfRange) {
        if (!DateTimeArithmetic.validJulian(tm.year, tm.month, tm.day)) {
            throw new SqlException(SqlState.DATETIME_FIELD_OVERFLOW, outOfRange);
        }
        long days = DateTimeArithmetic.fromLocalDate(date(tm));
        return days * DateTimeArithmetic.USECS_PER_DAY
                + ((tm.hour * 60L + tm.minute) * 60 + tm.second) * DateTimeArithmetic.USECS_PER_SEC + tm.fraction;
    }

    // ---------------------------------------------------------------- template

    private static List<Item> parseTemplate(String format) {
        List<Item> items = new ArrayList<>();
        int i = 0;
        while (i < format.length()) {
            boolean fillMode = false;
            if (format.startsWith("FM", i) || format.startsWith("fm", i)) {
                fillMode = true;
                i += 2;
            } else if (format.startsWith("TM", i) || format.startsWith("tm", i)) {
                i += 2;
            }
            if (i >= format.length()) {
                break;
            }
            String name = keywordAt(format, i);
            if (name != null) {
                i += name.length();
                boolean ordinal = false;
                if (format.startsWith("TH", i) || format.startsWith("th", i)) {
                    ordinal = true;
                    i += 2;
                } else if (format.startsWith("SP", i)) {
                    i += 2;
                }
                items.add(new Item(Kind.FIELD, name, name.toUpperCase(java.util.Locale.ROOT), fillMode, ordinal));
                continue;
            }
            char c = format.charAt(i);
            if (c == '"') {
                i++;
                while (i < format.length()) {
                    char q = format.charAt(i);
                    if (q == '"') {
                        i++;
                        break;
                    }
                    if (q == '\\' && i + 1 < format.length()) {
                        i++;
                    }
                    int end = format.offsetByCodePoints(i, 1);
                    items.add(new Item(Kind.CHARACTER, format.substring(i, end), null, false, false));
                    i = end;
                }
                continue;
            }
            if (c == '\\' && i + 1 < format.length() && format.charAt(i + 1) == '"') {
                i++;
                c = '"';
            }
            int end = format.offsetByCodePoints(i, 1);
            Kind kind = isSeparator(c) ? Kind.SEPARATOR : isSpace(c) ? Kind.SPACE : Kind.CHARACTER;
            items.add(new Item(kind, format.substring(i, end), null, false, false));
            i = end;
        }
        return items;
    }

    private static String keywordAt(String format, int at) {
        for (int length = Math.min(5, format.length() - at); length > 0; length--) {
            String candidate = format.substring(at, at + length);
            if (MIXED_CASE.contains(candidate)) {
                return candidate;
            }
            String upper = candidate.toUpperCase(java.util.Locale.ROOT);
            if (KEYWORDS.contains(upper) && (candidate.equals(upper)
                    || candidate.equals(candidate.toLowerCase(java.util.Locale.ROOT)))) {
                return candidate;
            }
        }
        return null;
    }

    /** A printable ASCII character that is neither a letter, a digit nor a blank. */
    private static boolean isSeparator(char c) {
        return c > 0x20 && c < 0x7F && !Character.isLetterOrDigit(c);
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B;
    }

    // ---------------------------------------------------------------- reading the input

    /** A cursor over the input. */
    private static final class Input {
        final String text;
        int pos;

        Input(String text) {
            this.text = text;
        }

        boolean atEnd() {
            return pos >= text.length();
        }

        /** The next character, NUL at the end as C's string would give. */
        char peek() {
            return atEnd() ? '\0' : text.charAt(pos);
        }

        int skipSpaces() {
            int skipped = 0;
            while (!atEnd() && isSpace(peek())) {
                pos++;
                skipped++;
            }
            return skipped;
        }
    }

    private static void read(List<Item> template, Input in, Fields out) {
        boolean fixed = false;
        int extraSkip = 0;
        for (int n = 0; n < template.size() && !in.atEnd(); n++) {
            Item item = template.get(n);
            boolean fx = item.kind == Kind.FIELD && item.id.equals("FX");
            if (!fixed && !fx && (item.kind == Kind.FIELD || n == 0)) {
                extraSkip += in.skipSpaces();
            }
            if (item.kind == Kind.SPACE || item.kind == Kind.SEPARATOR) {
                if (!fixed) {
                    extraSkip--;
                    if (!in.atEnd() && (isSpace(in.peek()) || isSeparator(in.peek()))) {
                        in.pos++;
                        extraSkip++;
                    }
                } else {
                    in.pos = in.text.offsetByCodePoints(in.pos, 1);
                }
                continue;
            }
            if (item.kind == Kind.CHARACTER) {
                if (!fixed && extraSkip > 0) {
                    extraSkip--;
                } else {
                    in.pos = in.text.offsetByCodePoints(in.pos, 1);
                }
                continue;
            }
            setMode(out, item);
            if (fx) {
                fixed = true;
            } else {
                readField(template, n, in, out, extraSkip);
            }
            if (!fixed) {
                extraSkip = in.skipSpaces();
            }
        }
    }

    private static void setMode(Fields out, Item item) {
        boolean iso = ISO_WEEK.contains(item.id);
        boolean gregorian = GREGORIAN.contains(item.id);
        if ((iso && out.gregorianMode) || (gregorian && out.isoWeekMode)) {
            throw new SqlException(SqlState.INVALID_DATETIME_FORMAT, "invalid combination of date conventions")
                    .withHint("Do not mix Gregorian and ISO week date conventions in a formatting template.");
        }
        out.isoWeekMode |= iso;
        out.gregorianMode |= gregorian;
    }

    private static void readField(List<Item> template, int n, Input in, Fields out, int extraSkip) {
        Item item = template.get(n);
        switch (item.id) {
            case "A.M.", "P.M." -> {
                out.pm = set(out.pm, search(in, MERIDIEM_LONG, item) % 2, item);
                out.twelveHour = true;
            }
            case "AM", "PM" -> {
                out.pm = set(out.pm, search(in, MERIDIEM, item) % 2, item);
                out.twelveHour = true;
            }
            case "HH", "HH12" -> {
                out.hh = set(out.hh, readInt(template, n, in, 2), item);
                out.twelveHour = true;
            }
            case "HH24" -> out.hh = set(out.hh, readInt(template, n, in, 2), item);
            case "MI" -> out.mi = set(out.mi, readInt(template, n, in, 2), item);
            case "SS" -> out.ss = set(out.ss, readInt(template, n, in, 2), item);
            case "MS" -> {
                int start = in.pos;
                int value = readInt(template, n, in, 3);
                int length = in.pos - start;
                out.ms = set(out.ms, value, item) * (length == 1 ? 100 : length == 2 ? 10 : 1);
            }
            case "FF1", "FF2", "FF3", "FF4", "FF5", "FF6", "US" -> {
                int width = item.id.equals("US") ? 6 : item.id.charAt(2) - '0';
                if (!item.id.equals("US")) {
                    out.ff = width;
                }
                int start = in.pos;
                int value = readInt(template, n, in, width);
                int length = in.pos - start;
                int scale = 1;
                for (int k = length; k < 6; k++) {
                    scale *= 10;
                }
                out.us = set(out.us, value, item) * scale;
            }
            case "SSSS", "SSSSS" -> out.ssss = set(out.ssss, readInt(template, n, in, item.id.length()), item);
            case "TZ", "OF" -> throw SqlException.of(SqlState.FEATURE_NOT_SUPPORTED,
                    "formatting field \"%s\" is only supported in to_char", item.name);
            case "TZH" -> {
                char c = in.peek();
                if (c == '+' || c == '-' || c == ' ') {
                    out.tzSign = c == '-' ? -1 : 1;
                    in.pos++;
                } else {
                    out.tzSign = extraSkip > 0 && in.pos > 0 && in.text.charAt(in.pos - 1) == '-' ? -1 : 1;
                }
                out.tzh = set(out.tzh, readInt(template, n, in, 2), item);
            }
            case "TZM" -> {
                if (out.tzSign == 0) {
                    out.tzSign = 1;
                }
                out.tzm = set(out.tzm, readInt(template, n, in, 2), item);
            }
            case "A.D.", "B.C." -> out.bc = set(out.bc, search(in, ERA_LONG, item) % 2, item);
            case "AD", "BC" -> out.bc = set(out.bc, search(in, ERA, item) % 2, item);
            case "MONTH" -> out.mm = set(out.mm, search(in, MONTHS, item) + 1, item);
            case "MON" -> out.mm = set(out.mm, search(in, MONTHS_SHORT, item) + 1, item);
            case "MM" -> out.mm = set(out.mm, readInt(template, n, in, 2), item);
            case "DAY" -> out.d = set(out.d, search(in, DAYS, item), item) + 1;
            case "DY" -> out.d = set(out.d, search(in, DAYS_SHORT, item), item) + 1;
            case "DDD" -> out.ddd = set(out.ddd, readInt(template, n, in, 3), item);
            case "IDDD" -> out.ddd = set(out.ddd, readInt(template, n, in, 3), item);
            case "DD" -> out.dd = set(out.dd, readInt(template, n, in, 2), item);
            case "D" -> out.d = set(out.d, readInt(template, n, in, 1), item);
            case "ID" -> {
                // ISO numbering (Monday 1) shifted to Sunday 1, as D counts
                out.d = set(out.d, readInt(template, n, in, 1), item) + 1;
                if (out.d > 7) {
                    out.d = 1;
                }
            }
            case "WW", "IW" -> out.ww = set(out.ww, readInt(template, n, in, 2), item);
            case "Q" -> readInt(template, n, in, 1);
            case "CC" -> out.cc = set(out.cc, readInt(template, n, in, 2), item);
            case "Y,YYY" -> {
                out.year = set(out.year, readThousands(in, item), item);
                out.yysz = 4;
            }
            case "YYYY", "IYYY" -> {
                out.year = set(out.year, readInt(template, n, in, 4), item);
                out.yysz = 4;
            }
            case "YYY", "IYY", "YY", "IY", "Y", "I" -> {
                int start = in.pos;
                int value = readInt(template, n, in, item.id.length());
                if (in.pos - start < 4) {
                    value = nearest2020(value);
                }
                out.year = set(out.year, value, item);
                out.yysz = item.id.length();
            }
            case "RM" -> out.mm = set(out.mm, 12 - search(in, ROMAN_MONTHS, item), item);
            case "W" -> out.w = set(out.w, readInt(template, n, in, 1), item);
            case "J" -> out.j = set(out.j, readInt(template, n, in, 1), item);
            default -> throw new IllegalStateException(item.id);
        }
        if (item.ordinal) {
            for (int k = 0; k < 2 && !in.atEnd(); k++) {
                in.pos = in.text.offsetByCodePoints(in.pos, 1);
            }
        }
    }

    /** Two- and three-digit years are taken nearest to 2020 (70 is 1970, 69 is 2069). */
    private static int nearest2020(int year) {
        if (year < 70) {
            return year + 2000;
        }
        if (year < 100) {
            return year + 1900;
        }
        if (year < 520) {
            return year + 2000;
        }
        if (year < 1000) {
            return year + 1000;
        }
        return year;
    }

    /** A field may be given twice only with the same value ({@code from_char_set_int}). */
    private static int set(int previous, int value, Item item) {
        if (previous != 0 && previous != value) {
            throw SqlException.of(SqlState.INVALID_DATETIME_FORMAT,
                    "conflicting values for \"%s\" field in formatting string", item.name)
                    .withDetail("This value contradicts a previous setting for the same field type.");
        }
        return value;
    }

    /** The index of the first entry that starts the input, case-insensitively; the input moves past it. */
    private static int search(Input in, String[] words, Item item) {
        String rest = in.text.substring(in.pos);
        for (int k = 0; k < words.length; k++) {
            if (rest.regionMatches(true, 0, words[k], 0, words[k].length())) {
                in.pos += words[k].length();
                return k;
            }
        }
        int end = 0;
        while (end < rest.length() && !isSpace(rest.charAt(end))) {
            end++;
        }
        throw SqlException.of(SqlState.INVALID_DATETIME_FORMAT, "invalid value \"%s\" for \"%s\"",
                rest.substring(0, end), item.name)
                .withDetail("The given value did not match any of the allowed values for this field.");
    }

    /** Whether the template item after {@code n} cannot be part of a number (so a field may read on). */
    private static boolean nextIsSeparator(List<Item> template, int n) {
        if (template.get(n).ordinal) {
            return true;
        }
        if (n + 1 >= template.size()) {
            return true;
        }
        Item next = template.get(n + 1);
        if (next.kind == Kind.FIELD) {
            return !next.digit();
        }
        return !(next.name.length() == 1 && Character.isDigit(next.name.charAt(0)));
    }

    /**
     * An integer field ({@code from_char_parse_int_len}): as many digits as there are when the field
     * has FM or the next item is not numeric, else exactly {@code width} characters.
     */
    private static int readInt(List<Item> template, int n, Input in, int width) {
        Item item = template.get(n);
        int init = in.pos;
        in.skipSpaces();
        String rest = in.text.substring(in.pos);
        String copy = rest.length() > width ? rest.substring(0, width) : rest;
        long value;
        if (item.fillMode || nextIsSeparator(template, n)) {
            int[] end = new int[1];
            Long parsed = strtol(in.text, init, end);
            value = parsed == null ? 0 : parsed;
            in.pos = end[0];
            if (parsed != null && (parsed < Integer.MIN_VALUE || parsed > Integer.MAX_VALUE)) {
                throw outOfRange(item);
            }
        } else {
            if (rest.length() < width) {
                throw SqlException.of(SqlState.INVALID_DATETIME_FORMAT,
                        "source string too short for \"%s\" formatting field", item.name)
                        .withDetail("Field requires " + width + " characters, but only " + rest.length()
                                + " remain.")
                        .withHint("If your source string is not fixed-width, try using the \"FM\" modifier.");
            }
            int[] end = new int[1];
            Long parsed = strtol(copy, 0, end);
            int used = end[0];
            if (used > 0 && used < width) {
                throw SqlException.of(SqlState.INVALID_DATETIME_FORMAT, "invalid value \"%s\" for \"%s\"", copy,
                        item.name)
                        .withDetail("Field requires " + width + " characters, but only " + used + " could be parsed.")
                        .withHint("If your source string is not fixed-width, try using the \"FM\" modifier.");
            }
            value = parsed == null ? 0 : parsed;
            in.pos += used;
        }
        if (in.pos == init) {
            throw SqlException.of(SqlState.INVALID_DATETIME_FORMAT, "invalid value \"%s\" for \"%s\"", copy,
                    item.name).withDetail("Value must be an integer.");
        }
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw outOfRange(item);
        }
        return (int) value;
    }

    private static SqlException outOfRange(Item item) {
        return SqlException.of(SqlState.DATETIME_FIELD_OVERFLOW, "value for \"%s\" in source string is out of range",
                item.name).withDetail("Value must be in the range -2147483648 to 2147483647.");
    }

    /**
     * C's {@code strtol} in base 10: blanks, a sign, digits; null with {@code end[0] = from} when
     * there are no digits, {@link Long#MAX_VALUE} or {@code MIN_VALUE} past the long range.
     */
    private static Long strtol(String text, int from, int[] end) {
        int i = from;
        while (i < text.length() && isSpace(text.charAt(i))) {
            i++;
        }
        boolean negative = false;
        if (i < text.length() && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            negative = text.charAt(i) == '-';
            i++;
        }
        int digitsStart = i;
        long value = 0;
        boolean overflow = false;
        while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            if (value > (Long.MAX_VALUE - 9) / 10) {
                overflow = true;
            } else {
                value = value * 10 + (text.charAt(i) - '0');
            }
            i++;
        }
        if (i == digitsStart) {
            end[0] = from;
            return null;
        }
        end[0] = i;
        if (overflow) {
            return negative ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return negative ? -value : value;
    }

    /** {@code Y,YYY}: thousands, a comma, then up to three digits. */
    private static int readThousands(Input in, Item item) {
        int[] end = new int[1];
        Long thousands = strtol(in.text, in.pos, end);
        int at = end[0];
        if (thousands == null || at >= in.text.length() || in.text.charAt(at) != ',') {
            throw new SqlException(SqlState.INVALID_DATETIME_FORMAT, "invalid input string for \"Y,YYY\"");
        }
        int digitsEnd = at + 1;
        while (digitsEnd < in.text.length() && digitsEnd < at + 4 && Character.isDigit(in.text.charAt(digitsEnd))) {
            digitsEnd++;
        }
        if (digitsEnd == at + 1) {
            throw new SqlException(SqlState.INVALID_DATETIME_FORMAT, "invalid input string for \"Y,YYY\"");
        }
        long years = thousands * 1000 + Integer.parseInt(in.text.substring(at + 1, digitsEnd));
        if (thousands > Integer.MAX_VALUE / 1000 || thousands < Integer.MIN_VALUE / 1000
                || years > Integer.MAX_VALUE || years < Integer.MIN_VALUE) {
            throw new SqlException(SqlState.DATETIME_FIELD_OVERFLOW,
                    "value for \"Y,YYY\" in source string is out of range");
        }
        in.pos = digitsEnd;
        return (int) years;
    }

    // ---------------------------------------------------------------- fields to a date and time

    private static BrokenDown convert(String input, String format, Fields f) {
        if (!format.isEmpty()) {
            read(parseTemplate(format), new Input(input), f);
        }
        BrokenDown tm = new BrokenDown();
        SqlException fieldOverflow = new SqlException(SqlState.DATETIME_FIELD_OVERFLOW,
                "date/time field value out of range: \"" + input + "\"");
        if (f.ssss != 0) {
            tm.hour = f.ssss / 3600;
            tm.minute = f.ssss % 3600 / 60;
            tm.second = f.ssss % 60;
        }
        if (f.ss != 0) {
            tm.second = f.ss;
        }
        if (f.mi != 0) {
            tm.minute = f.mi;
        }
        if (f.hh != 0) {
            tm.hour = f.hh;
        }
        if (f.twelveHour) {
            if (tm.hour < 1 || tm.hour > 12) {
                throw SqlException.of(SqlState.INVALID_DATETIME_FORMAT, "hour \"%d\" is invalid for the 12-hour clock",
                        tm.hour).withHint("Use the 24-hour clock, or give an hour between 1 and 12.");
            }
            if (f.pm != 0 && tm.hour < 12) {
                tm.hour += 12;
            } else if (f.pm == 0 && tm.hour == 12) {
                tm.hour = 0;
            }
        }
        boolean hasYear = false;
        boolean hasMonth = false;
        boolean hasDay = false;
        if (f.year != 0) {
            if (f.cc != 0 && f.yysz <= 2) {
                long century = f.bc != 0 ? -(long) f.cc : f.cc;
                long year = f.year % 100;
                long full;
                if (year != 0) {
                    full = century >= 0 ? year + (century - 1) * 100 : (century + 1) * 100 - year + 1;
                } else {
                    full = century * 100 + (century >= 0 ? 0 : 1);
                }
                tm.year = checkedInt(full, fieldOverflow);
            } else {
                long year = f.bc != 0 ? -(long) f.year : f.year;
                tm.year = checkedInt(year < 0 ? year + 1 : year, fieldOverflow);
            }
            hasYear = true;
        } else if (f.cc != 0) {
            long century = f.bc != 0 ? -(long) f.cc : f.cc;
            tm.year = checkedInt(century >= 0 ? (century - 1) * 100 + 1 : century * 100 + 1, fieldOverflow);
            hasYear = true;
        }
        if (f.j != 0) {
            setDate(tm, LocalDate.of(2000, 1, 1).plusDays((long) f.j - 2451545));
            hasYear = hasMonth = hasDay = true;
        }
        if (f.ww != 0) {
            if (f.isoWeekMode) {
                requireCalendarYear(tm.year, fieldOverflow);
                LocalDate monday = isoWeekOne(tm.year).plusWeeks(f.ww - 1L);
                setDate(tm, f.d != 0 ? monday.plusDays(f.d > 1 ? f.d - 2 : 6) : monday);
                hasYear = hasMonth = hasDay = true;
            } else {
                f.ddd = checkedInt(((long) f.ww - 1) * 7 + 1, fieldOverflow);
            }
        }
        if (f.w != 0) {
            f.dd = checkedInt(((long) f.w - 1) * 7 + 1, fieldOverflow);
        }
        if (f.dd != 0) {
            tm.day = f.dd;
            hasDay = true;
        }
        if (f.mm != 0) {
            tm.month = f.mm;
            hasMonth = true;
        }
        if (f.ddd != 0 && (tm.month <= 1 || tm.day <= 1)) {
            if (tm.year == 0 && f.bc == 0) {
                throw new SqlException(SqlState.INVALID_DATETIME_FORMAT,
                        "cannot calculate day of year without year information");
            }
            if (f.isoWeekMode) {
                requireCalendarYear(tm.year, fieldOverflow);
                setDate(tm, isoWeekOne(tm.year).plusDays(f.ddd - 1L));
                hasYear = hasMonth = hasDay = true;
            } else {
                int[] sums = cumulativeDays(tm.year);
                int month = 1;
                while (month <= 12 && f.ddd > sums[month]) {
                    month++;
                }
                if (tm.month <= 1) {
                    tm.month = month;
                }
                if (tm.day <= 1) {
                    tm.day = f.ddd - sums[month - 1];
                }
                hasMonth = hasDay = true;
            }
        }
        long fraction = (long) f.ms * 1000 + f.us;
        tm.fraction = fraction;
        if (hasMonth && (tm.month < 1 || tm.month > 12)) {
            throw fieldOverflow;
        }
        if (hasDay && (tm.day < 1 || tm.day > 31)) {
            throw fieldOverflow;
        }
        if (hasYear && hasMonth && hasDay
                && tm.day > DateTimeArithmetic.daysInMonth(tm.year, tm.month)) {
            throw fieldOverflow;
        }
        if (tm.hour < 0 || tm.hour >= 24 || tm.minute < 0 || tm.minute >= 60 || tm.second < 0 || tm.second >= 60
                || fraction < 0 || fraction >= DateTimeArithmetic.USECS_PER_SEC) {
            throw fieldOverflow;
        }
        if (f.tzSign != 0) {
            if (f.tzh < 0 || f.tzh > 15 || f.tzm < 0 || f.tzm >= 60) {
                throw new SqlException(SqlState.INVALID_TIME_ZONE_DISPLACEMENT_VALUE,
                        "time zone displacement out of range: \"" + input + "\"");
            }
            tm.hasZone = true;
            tm.zoneOffsetEast = f.tzSign * (f.tzh * 60 + f.tzm) * 60;
        }
        return tm;
    }

    /** ISO-week arithmetic needs a year the Julian-day routines cover (4713 BC to 5874897 AD). */
    private static void requireCalendarYear(int year, SqlException overflow) {
        if (year < -4713 || year > 5874897) {
            throw overflow;
        }
    }

    private static int checkedInt(long value, SqlException overflow) {
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw overflow;
        }
        return (int) value;
    }

    private static void setDate(BrokenDown tm, LocalDate date) {
        tm.year = date.getYear();
        tm.month = date.getMonthValue();
        tm.day = date.getDayOfMonth();
    }

    /** The Monday of ISO week 1 of {@code isoYear}: the week holding January 4th. */
    private static LocalDate isoWeekOne(int isoYear) {
        LocalDate january4 = LocalDate.of(isoYear, 1, 4);
        return january4.minus(january4.getDayOfWeek().getValue() - DayOfWeek.MONDAY.getValue(), ChronoUnit.DAYS);
    }

    /** Days of the year before each month: {@code [0]} is 0, {@code [12]} the year's length. */
    private static int[] cumulativeDays(int year) {
        int[] sums = new int[13];
        for (int month = 1; month <= 12; month++) {
            sums[month] = sums[month - 1] + DateTimeArithmetic.daysInMonth(year, month);
        }
        return sums;
    }
}
