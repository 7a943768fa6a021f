package org.woolly.utils.adt;

import java.time.ZoneId;

/**
 * The session settings that text input and output of values depend on: DateStyle (output
 * style and field order), TimeZone, IntervalStyle, extra_float_digits and bytea_output.
 * Immutable; a session builds a new one when one of these parameters changes.
 */
public record FormatSettings(DateStyle dateStyle, DateOrder dateOrder, ZoneId timeZone, String timeZoneName,
                             IntervalStyle intervalStyle, int extraFloatDigits, boolean byteaHex) {

    public enum DateStyle { ISO, POSTGRES, SQL, GERMAN }

    public enum DateOrder { MDY, DMY, YMD }

    public enum IntervalStyle { POSTGRES, POSTGRES_VERBOSE, SQL_STANDARD, ISO_8601 }

    /** PostgreSQL's defaults: DateStyle 'ISO, MDY', TimeZone 'UTC', extra_float_digits 1, hex bytea. */
    public static final FormatSettings DEFAULT = new FormatSettings(DateStyle.ISO, DateOrder.MDY, ZoneId.of("UTC"),
            "UTC", IntervalStyle.POSTGRES, 1, true);
}
