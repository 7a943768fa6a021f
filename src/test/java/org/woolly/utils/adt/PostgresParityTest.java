package org.woolly.utils.adt;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Outputs checked against a PostgreSQL 15 server with the same settings. */
class PostgresParityTest {
    private static FormatSettings settings(FormatSettings.DateStyle style, FormatSettings.DateOrder order, String zone,
                                           int extraFloatDigits) {
        return new FormatSettings(style, order, ZoneId.of(zone), zone, FormatSettings.IntervalStyle.POSTGRES,
                extraFloatDigits, true);
    }

    private static String roundTrip(int type, String text, FormatSettings settings) {
        TypeIO io = BuiltinTypes.byOid(type).io();
        return io.output(io.input(text, -1, settings), settings);
    }

    @Test
    void floatsWithExtraFloatDigitsZero() {
        FormatSettings legacy = settings(FormatSettings.DateStyle.ISO, FormatSettings.DateOrder.MDY, "UTC", 0);
        assertThat(roundTrip(TypeOids.FLOAT8, "1e20", legacy)).isEqualTo("1e+20");
        assertThat(roundTrip(TypeOids.FLOAT4, "123456.789", legacy)).isEqualTo("123457");
    }

    @Test
    void dateStyles() {
        FormatSettings postgresDmy = settings(FormatSettings.DateStyle.POSTGRES, FormatSettings.DateOrder.DMY, "UTC", 1);
        assertThat(roundTrip(TypeOids.TIMESTAMPTZ, "2024-07-01 12:00:00+00", postgresDmy))
                .isEqualTo("Mon 01 Jul 12:00:00 2024 UTC");
        assertThat(roundTrip(TypeOids.DATE, "2024-07-01", postgresDmy)).isEqualTo("01-07-2024");
        FormatSettings sql = settings(FormatSettings.DateStyle.SQL, FormatSettings.DateOrder.MDY, "UTC", 1);
        assertThat(roundTrip(TypeOids.TIMESTAMPTZ, "2024-07-01 12:00:00.5+00", sql))
                .isEqualTo("07/01/2024 12:00:00.5 UTC");
        assertThat(roundTrip(TypeOids.DATE, "2024-07-01", sql)).isEqualTo("07/01/2024");
        FormatSettings newYork = settings(FormatSettings.DateStyle.ISO, FormatSettings.DateOrder.MDY,
                "America/New_York", 1);
        assertThat(roundTrip(TypeOids.TIMESTAMPTZ, "2024-07-01 12:00", newYork)).isEqualTo("2024-07-01 12:00:00-04");
    }

    @Test
    void intervalsAndTimes() {
        FormatSettings iso = FormatSettings.DEFAULT;
        assertThat(roundTrip(TypeOids.INTERVAL, "1 year -2 months 3 days -04:00:00", iso))
                .isEqualTo("10 mons 3 days -04:00:00");
        assertThat(roundTrip(TypeOids.INTERVAL, "-3 years", iso)).isEqualTo("-3 years");
        assertThat(roundTrip(TypeOids.INTERVAL, "25 hours", iso)).isEqualTo("25:00:00");
        assertThat(roundTrip(TypeOids.INTERVAL, "1 mon -1 day", iso)).isEqualTo("1 mon -1 days");
        assertThat(roundTrip(TypeOids.TIME, "12:00 am", iso)).isEqualTo("00:00:00");
        assertThat(roundTrip(TypeOids.TIME, "12:30 pm", iso)).isEqualTo("12:30:00");
        assertThat(roundTrip(TypeOids.TIME, "24:00", iso)).isEqualTo("24:00:00");
    }
}
