package org.woolly.utils.adt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/** Date literals as PostgreSQL's DecodeDateTime reads them, expected values from PostgreSQL 15. */
class DateTimeDecoderTest {
    private static FormatSettings order(FormatSettings.DateOrder order) {
        FormatSettings d = FormatSettings.DEFAULT;
        return new FormatSettings(d.dateStyle(), order, ZoneId.of("UTC"), "UTC", d.intervalStyle(),
                d.extraFloatDigits(), d.byteaHex());
    }

    private static String date(String text, FormatSettings.DateOrder order) {
        FormatSettings settings = order(order);
        return DateIO.INSTANCE.output(DateIO.INSTANCE.input(text, -1, settings), settings);
    }

    private static String timestamp(String text) {
        FormatSettings settings = FormatSettings.DEFAULT;
        return TimestampIO.TIMESTAMPTZ.output(TimestampIO.TIMESTAMPTZ.input(text, -1, settings), settings);
    }

    @Test
    void runTogetherJulianAndDayOfYearForms() {
        assertThat(date("990108", FormatSettings.DateOrder.MDY)).isEqualTo("1999-01-08");
        assertThat(date("19990108", FormatSettings.DateOrder.MDY)).isEqualTo("1999-01-08");
        assertThat(date("1999.008", FormatSettings.DateOrder.MDY)).isEqualTo("1999-01-08");
        assertThat(date("J2451187", FormatSettings.DateOrder.MDY)).isEqualTo("1999-01-08");
        assertThat(date("1999 08 01", FormatSettings.DateOrder.MDY)).isEqualTo("1999-08-01");
    }

    @Test
    void fieldOrderFollowsDateStyle() {
        assertThat(date("99 08 01", FormatSettings.DateOrder.YMD)).isEqualTo("1999-08-01");
        assertThat(date("01 08 99", FormatSettings.DateOrder.MDY)).isEqualTo("1999-01-08");
        assertThat(date("08 01 99", FormatSettings.DateOrder.DMY)).isEqualTo("1999-01-08");
        assertThat(date("08-Jan-99", FormatSettings.DateOrder.DMY)).isEqualTo("1999-01-08");
        assertThat(date("99-Jan-08", FormatSettings.DateOrder.YMD)).isEqualTo("1999-01-08");
        assertThat(date("January 8, 99 BC", FormatSettings.DateOrder.MDY)).isEqualTo("0099-01-08 BC");
        assertThat(date("Jan-08-1999", FormatSettings.DateOrder.YMD)).isEqualTo("1999-01-08");
    }

    @Test
    void errorsAsPostgresReportsThem() {
        assertThatThrownBy(() -> date("January 8, 99 BC", FormatSettings.DateOrder.YMD))
                .isInstanceOfSatisfying(SqlException.class, e -> {
                    assertThat(e.sqlState()).isEqualTo(SqlState.DATETIME_FIELD_OVERFLOW);
                    assertThat(e.getMessage()).isEqualTo("date/time field value out of range: \"January 8, 99 BC\"");
                    assertThat(e.hint()).isEqualTo("Perhaps you need a different \"datestyle\" setting.");
                });
        assertThatThrownBy(() -> date("1999-08-Jan", FormatSettings.DateOrder.MDY))
                .isInstanceOfSatisfying(SqlException.class, e -> assertThat(e.getMessage())
                        .isEqualTo("invalid input syntax for type date: \"1999-08-Jan\""));
        assertThatThrownBy(() -> date("1997-02-29", FormatSettings.DateOrder.MDY))
                .isInstanceOfSatisfying(SqlException.class, e -> assertThat(e.hint()).isNull());
    }

    @Test
    void timestampsWithZonesAndIsoTime() {
        assertThat(timestamp("1997-02-10 17:32:01-0800")).isEqualTo("1997-02-11 01:32:01+00");
        assertThat(timestamp("19970210 173201 -0800")).isEqualTo("1997-02-11 01:32:01+00");
        assertThat(timestamp("1997-02-10T173201")).isEqualTo("1997-02-10 17:32:01+00");
        assertThat(timestamp("Feb 10 17:32:01 1997 PST")).isEqualTo("1997-02-11 01:32:01+00");
        assertThat(timestamp("1997-06-10 17:32:01 America/New_York")).isEqualTo("1997-06-10 21:32:01+00");
        assertThat(timestamp("J2451187 04:05-08:00")).isEqualTo("1999-01-08 12:05:00+00");
    }
}
