package org.woolly.utils.adt;

/**
 * Interval output in the IntervalStyle settings other than {@code postgres}
 * ({@code EncodeInterval} in {@code datetime.c}): {@code postgres_verbose}
 * ({@code @ 1 year 2 mons -3 days ago}), {@code sql_standard} ({@code 1-2 3 4:05:06}, a sign on
 * each part when they mix) and {@code iso_8601} ({@code P1Y2M3DT4H5M6S}). The fields are those
 * of {@code interval2itm}: years and months from the months, days, and hours, minutes, seconds
 * and microseconds from the time, each carrying its source's sign.
 */
final class IntervalStyles {
    private IntervalStyles() {}

    /** The fields an interval is printed from. */
    private record Fields(long year, long month, long day, long hour, long minute, long second, long micros) {
        static Fields of(Interval interval) {
            long time = interval.microseconds();
            return new Fields(interval.months() / 12, interval.months() % 12, interval.days(),
                    time / DateTimeArithmetic.USECS_PER_HOUR, time / DateTimeArithmetic.USECS_PER_MINUTE % 60,
                    time / DateTimeArithmetic.USECS_PER_SEC % 60, time % DateTimeArithmetic.USECS_PER_SEC);
        }

        Fields negated() {
            return new Fields(-year, -month, -day, -hour, -minute, -second, -micros);
        }

        boolean timeNegative() {
            return hour < 0 || minute < 0 || second < 0 || micros < 0;
        }
    }

    static String format(Interval interval, FormatSettings.IntervalStyle style) {
        Fields f = Fields.of(interval);
        return switch (style) {
            case POSTGRES_VERBOSE -> verbose(f);
            case SQL_STANDARD -> sqlStandard(f);
            case ISO_8601 -> iso(f);
            case POSTGRES -> throw new IllegalArgumentException("the postgres style is IntervalIO's own");
        };
    }

    /** Seconds and their fraction, unsigned: {@code 6}, {@code 06} (fill) or {@code 6.789}. */
    private static String seconds(long second, long micros, boolean fillZeros) {
        long whole = Math.abs(second);
        StringBuilder text = new StringBuilder(fillZeros && whole < 10 ? "0" : "").append(whole);
        DateTimeFormat.appendFraction(text, (int) Math.abs(micros));
        return text.toString();
    }

    private static String verbose(Fields f) {
        StringBuilder out = new StringBuilder("@");
        boolean[] zeroAndBefore = {true, false};
        verbosePart(out, f.year, "year", zeroAndBefore);
        verbosePart(out, f.month, "mon", zeroAndBefore);
        verbosePart(out, f.day, "day", zeroAndBefore);
        verbosePart(out, f.hour, "hour", zeroAndBefore);
        verbosePart(out, f.minute, "min", zeroAndBefore);
        if (f.second != 0 || f.micros != 0) {
            out.append(' ');
            if (f.second < 0 || f.second == 0 && f.micros < 0) {
                if (zeroAndBefore[0]) {
                    zeroAndBefore[1] = true;
                } else if (!zeroAndBefore[1]) {
                    out.append('-');
                }
            } else if (zeroAndBefore[1]) {
                out.append('-');
            }
            out.append(seconds(f.second, f.micros, false))
                    .append(Math.abs(f.second) != 1 || f.micros != 0 ? " secs" : " sec");
            zeroAndBefore[0] = false;
        }
        if (zeroAndBefore[0]) {
            out.append(" 0");
        }
        if (zeroAndBefore[1]) {
            out.append(" ago");
        }
        return out.toString();
    }

    /** One " n units" part; the first nonzero part decides whether the interval reads "ago". */
    private static void verbosePart(StringBuilder out, long value, String unit, boolean[] zeroAndBefore) {
        if (value == 0) {
            return;
        }
        if (zeroAndBefore[0]) {
            zeroAndBefore[1] = value < 0;
            value = Math.abs(value);
        } else if (zeroAndBefore[1]) {
            value = -value;
        }
        out.append(' ').append(value).append(' ').append(unit).append(value == 1 ? "" : "s");
        zeroAndBefore[0] = false;
    }

    private static String sqlStandard(Fields f) {
        boolean negative = f.year < 0 || f.month < 0 || f.day < 0 || f.timeNegative();
        boolean positive = f.year > 0 || f.month > 0 || f.day > 0 || f.hour > 0 || f.minute > 0 || f.second > 0
                || f.micros > 0;
        boolean yearMonth = f.year != 0 || f.month != 0;
        boolean dayTime = f.day != 0 || f.hour != 0 || f.minute != 0 || f.second != 0 || f.micros != 0;
        boolean standard = !(negative && positive) && !(yearMonth && dayTime);
        StringBuilder out = new StringBuilder();
        if (negative && standard) {
            out.append('-');
            f = f.negated();
        }
        if (!negative && !positive) {
            return "0";
        }
        if (!standard) {
            char yearSign = f.year < 0 || f.month < 0 ? '-' : '+';
            char daySign = f.day < 0 ? '-' : '+';
            char timeSign = f.timeNegative() ? '-' : '+';
            return out.append(yearSign).append(Math.abs(f.year)).append('-').append(Math.abs(f.month)).append(' ')
                    .append(daySign).append(Math.abs(f.day)).append(' ').append(timeSign).append(Math.abs(f.hour))
                    .append(':').append(twoDigits(f.minute)).append(':').append(seconds(f.second, f.micros, true))
                    .toString();
        }
        if (yearMonth) {
            return out.append(f.year).append('-').append(f.month).toString();
        }
        if (f.day != 0) {
            out.append(f.day).append(' ');
        }
        return out.append(f.hour).append(':').append(twoDigits(f.minute)).append(':')
                .append(seconds(f.second, f.micros, true)).toString();
    }

    private static String twoDigits(long value) {
        long magnitude = Math.abs(value);
        return magnitude < 10 ? "0" + magnitude : Long.toString(magnitude);
    }

    private static String iso(Fields f) {
        if (f.year == 0 && f.month == 0 && f.day == 0 && f.hour == 0 && f.minute == 0 && f.second == 0
                && f.micros == 0) {
            return "PT0S";
        }
        StringBuilder out = new StringBuilder("P");
        isoPart(out, f.year, 'Y');
        isoPart(out, f.month, 'M');
        isoPart(out, f.day, 'D');
        if (f.hour != 0 || f.minute != 0 || f.second != 0 || f.micros != 0) {
            out.append('T');
            isoPart(out, f.hour, 'H');
            isoPart(out, f.minute, 'M');
            if (f.second != 0 || f.micros != 0) {
                if (f.second < 0 || f.micros < 0) {
                    out.append('-');
                }
                out.append(seconds(f.second, f.micros, false)).append('S');
            }
        }
        return out.toString();
    }

    private static void isoPart(StringBuilder out, long value, char unit) {
        if (value != 0) {
            out.append(value).append(unit);
        }
    }
}
