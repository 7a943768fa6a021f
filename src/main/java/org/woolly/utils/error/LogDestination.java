package org.woolly.utils.error;

import java.util.Locale;

/**
 * The formats {@code log_destination} names that Woolly writes ({@code LOG_DESTINATION_STDERR},
 * {@code _CSVLOG}, {@code _JSONLOG} of {@code elog.h}), in the order {@code current_logfiles}
 * lists them. csvlog and jsonlog need the logging collector; each has its own file, named as
 * the stderr file with {@code .log} replaced by (or else followed by) its suffix
 * ({@code logfile_getname}).
 */
public enum LogDestination {
    STDERR(""),
    CSVLOG(".csv"),
    JSONLOG(".json");

    private final String suffix;

    LogDestination(String suffix) {
        this.suffix = suffix;
    }

    /** The word of log_destination and current_logfiles ({@code stderr}, {@code csvlog}, {@code jsonlog}). */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** This format's file name, from the stderr file's name (log_filename expanded). */
    public String fileName(String stderrName) {
        if (this == STDERR) {
            return stderrName;
        }
        return stderrName.endsWith(".log") ? stderrName.substring(0, stderrName.length() - 4) + suffix
                : stderrName + suffix;
    }

    /** The destination a word names, or null ({@code pg_current_logfile}'s argument, case-sensitive as there). */
    public static LogDestination byWord(String word) {
        for (LogDestination destination : values()) {
            if (destination.word().equals(word)) {
                return destination;
            }
        }
        return null;
    }
}
