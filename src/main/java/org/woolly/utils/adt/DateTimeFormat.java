package org.woolly.utils.adt;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.TextStyle;
import java.util.Locale;

/** Text output of dates and times per DateStyle ({@code EncodeDateOnly}, {@code EncodeDateTime}, {@code EncodeTimeOnly} in {@code datetime.c}). */
final class DateTimeFormat {
    private DateTimeFormat() {}

    /** Year as PostgreSQL prints it: at least four digits, 1 BC printed as 0001 with a BC suffix. */
    private static int displayYear(LocalDate date) {
        return date.getYear() > 0 ? date.getYear() : 1 - date.getYear();
    }

    private static void appendPadded(StringBuilder out, int value, int width) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            out.append('0');
        }
        out.append(digits);
    }

    static void appendDate(StringBuilder out, LocalDate date, FormatSettings settings) {
        int year = displayYear(date);
        boolean dayFirst = settings.dateOrder() == FormatSettings.DateOrder.DMY;
        switch (settings.dateStyle()) {
            case ISO -> {
                appendPadded(out, year, 4);
                out.append('-');
                appendPadded(out, date.getMonthValue(), 2);
                out.append('-');
                appendPadded(out, date.getDayOfMonth(), 2);
            }
            case SQL -> {
                appendPadded(out, dayFirst ? date.getDayOfMonth() : date.getMonthValue(), 2);
                out.append('/');
                appendPadded(out, dayFirst ? date.getMonthValue() : date.getDayOfMonth(), 2);
                out.append('/');
                appendPadded(out, year, 4);
            }
            case GERMAN -> {
                appendPadded(out, date.getDayOfMonth(), 2);
                out.append('.');
                appendPadded(out, date.getMonthValue(), 2);
                out.append('.');
                appendPadded(out, year, 4);
            }
            case POSTGRES -> {
                appendPadded(out, dayFirst ? date.getDayOfMonth() : date.getMonthValue(), 2);
                out.append('-');
                appendPadded(out, dayFirst ? date.getMonthValue() : date.getDayOfMonth(), 2);
                out.append('-');
                appendPadded(out, year, 4);
            }
        }
    }

    static void appendEra(StringBuilder out, LocalDate date) {
        if (date.getYear() <= 0) {
            out.append(" BC");
        }
    }

    /** hh:mm:ss with the fraction's trailing zeros dropped. */
    static void appendTime(StringBuilder out, long microsOfDay) {
        long seconds = microsOfDay / DateTimeArithmetic.USECS_PER_SEC;
        appendPadded(out, (int) (seconds / 3600), 2);
        out.append(':');
        appendPadded(out, (int) (seconds / 60 % 60), 2);
        out.append(':');
        appendPadded(out, (int) (seconds % 60), 2);
        appendFraction(out, (int) (microsOfDay % DateTimeArithmetic.USECS_PER_SEC));
    }

    static void appendFraction(StringBuilder out, int microseconds) {
        if (microseconds == 0) {
            return;
        }
        String digits = Integer.toString(microseconds);
        StringBuilder fraction = new StringBuilder(6);
        fraction.repeat('0', 6 - digits.length()).append(digits);
        int end = fraction.length();
        while (fraction.charAt(end - 1) == '0') {
            end--;
        }
        out.append('.').append(fraction, 0, end);
    }

    /** ISO offset: +HH, +HH:MM or +HH:MM:SS. */
    static void appendOffset(StringBuilder out, int offsetSeconds) {
        out.append(offsetSeconds < 0 ? '-' : '+');
        int magnitude = Math.abs(offsetSeconds);
        appendPadded(out, magnitude / 3600, 2);
        if (magnitude % 3600 != 0) {
            out.append(':');
            appendPadded(out, magnitude / 60 % 60, 2);
            if (magnitude % 60 != 0) {
                out.append(':');
                appendPadded(out, magnitude % 60, 2);
            }
        }
    }

    /**
     * A timestamp in the session's DateStyle; {@code offsetSeconds}/{@code zoneAbbreviation} are
     * null for timestamp without time zone.
     */
    static String timestamp(LocalDateTime local, int microseconds, Integer offsetSeconds, String zoneAbbreviation,
                            FormatSettings settings) {
        StringBuilder out = new StringBuilder(32);
        LocalDate date = local.toLocalDate();
        long timeOfDay = local.toLocalTime().toSecondOfDay() * DateTimeArithmetic.USECS_PER_SEC + microseconds;
        switch (settings.dateStyle()) {
            case ISO -> {
                appendDate(out, date, settings);
                out.append(' ');
                appendTime(out, timeOfDay);
                if (offsetSeconds != null) {
                    appendOffset(out, offsetSeconds);
                }
            }
            case POSTGRES -> {
                out.append(date.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH)).append(' ');
                String month = date.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
                if (settings.dateOrder() == FormatSettings.DateOrder.DMY) {
                    appendPadded(out, date.getDayOfMonth(), 2);
                    out.append(' ').append(month);
                } else {
                    out.append(month).append(' ');
                    appendPadded(out, date.getDayOfMonth(), 2);
                }
                out.append(' ');
                appendTime(out, timeOfDay);
                out.append(' ');
                appendPadded(out, displayYear(date), 4);
                if (offsetSeconds != null) {
                    out.append(' ').append(zoneAbbreviation);
                }
            }
            default -> {
                appendDate(out, date, settings);
                out.append(' ');
                appendTime(out, timeOfDay);
                if (offsetSeconds != null) {
                    out.append(' ').append(zoneAbbreviation);
                }
            }
        }
        appendEra(out, date);
        return out.toString();
    }
}
