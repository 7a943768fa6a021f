package org.woolly.utils.adt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

class TypeIOTest {
    private static final FormatSettings SETTINGS = FormatSettings.DEFAULT;

    private static Object in(int type, String text) {
        return BuiltinTypes.byOid(type).io().input(text, -1, SETTINGS);
    }

    private static String out(int type, Object value) {
        return BuiltinTypes.byOid(type).io().output(value, SETTINGS);
    }

    private static String textRoundTrip(int type, String text) {
        return out(type, in(type, text));
    }

    private static Object binaryRoundTrip(int type, Object value) {
        TypeIO io = BuiltinTypes.byOid(type).io();
        byte[] bytes = io.send(value, SETTINGS);
        return io.receive(bytes, 0, bytes.length, -1, SETTINGS);
    }

    private static void assertError(Runnable action, SqlState state, String message) {
        assertThatThrownBy(action::run).isInstanceOfSatisfying(SqlException.class, e -> {
            assertThat(e.sqlState()).isEqualTo(state);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }

    @Test
    void booleans() {
        for (String yes : new String[] {"t", "TRUE", " yes ", "on", "1", "tr", "y"}) {
            assertThat(in(TypeOids.BOOL, yes)).as(yes).isEqualTo(true);
        }
        for (String no : new String[] {"f", "false", "no", "off", "0", "of"}) {
            assertThat(in(TypeOids.BOOL, no)).as(no).isEqualTo(false);
        }
        assertThat(out(TypeOids.BOOL, true)).isEqualTo("t");
        assertThat(binaryRoundTrip(TypeOids.BOOL, false)).isEqualTo(false);
        assertError(() -> in(TypeOids.BOOL, "o"), SqlState.INVALID_TEXT_REPRESENTATION,
                "invalid input syntax for type boolean: \"o\"");
    }

    @Test
    void integers() {
        assertThat(in(TypeOids.INT4, "  -42 ")).isEqualTo(-42);
        assertThat(in(TypeOids.INT2, "+7")).isEqualTo((short) 7);
        assertThat(in(TypeOids.INT8, "-9223372036854775808")).isEqualTo(Long.MIN_VALUE);
        assertThat(out(TypeOids.OID, -1)).isEqualTo("4294967295");
        assertThat(in(TypeOids.OID, "4294967295")).isEqualTo(-1);
        assertThat(binaryRoundTrip(TypeOids.INT2, (short) -3)).isEqualTo((short) -3);
        assertThat(binaryRoundTrip(TypeOids.INT4, 123456)).isEqualTo(123456);
        assertThat(binaryRoundTrip(TypeOids.INT8, Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
        assertThat(BuiltinTypes.byOid(TypeOids.INT4).io().send(1, SETTINGS)).containsExactly(0, 0, 0, 1);
        assertError(() -> in(TypeOids.INT4, "2147483648"), SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
                "value \"2147483648\" is out of range for type integer");
        assertError(() -> in(TypeOids.INT2, "40000"), SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
                "value \"40000\" is out of range for type smallint");
        assertError(() -> in(TypeOids.INT8, "99999999999999999999"), SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
                "value \"99999999999999999999\" is out of range for type bigint");
        assertError(() -> in(TypeOids.INT4, "12a"), SqlState.INVALID_TEXT_REPRESENTATION,
                "invalid input syntax for type integer: \"12a\"");
        assertError(() -> in(TypeOids.INT4, ""), SqlState.INVALID_TEXT_REPRESENTATION,
                "invalid input syntax for type integer: \"\"");
    }

    @Test
    void floats() {
        assertThat(textRoundTrip(TypeOids.FLOAT8, "0.1")).isEqualTo("0.1");
        assertThat(textRoundTrip(TypeOids.FLOAT8, "1e15")).isEqualTo("1e+15");
        assertThat(textRoundTrip(TypeOids.FLOAT8, "123456789012345")).isEqualTo("123456789012345");
        assertThat(textRoundTrip(TypeOids.FLOAT8, "0.0001")).isEqualTo("0.0001");
        assertThat(textRoundTrip(TypeOids.FLOAT8, "0.00001")).isEqualTo("1e-05");
        assertThat(textRoundTrip(TypeOids.FLOAT8, "-2.5")).isEqualTo("-2.5");
        assertThat(textRoundTrip(TypeOids.FLOAT8, "nan")).isEqualTo("NaN");
        assertThat(textRoundTrip(TypeOids.FLOAT8, "-Infinity")).isEqualTo("-Infinity");
        assertThat(out(TypeOids.FLOAT8, 1.0 / 3)).isEqualTo("0.3333333333333333");
        assertThat(textRoundTrip(TypeOids.FLOAT4, "1000000")).isEqualTo("1e+06");
        assertThat(textRoundTrip(TypeOids.FLOAT4, "3.14")).isEqualTo("3.14");
        FormatSettings legacy = new FormatSettings(FormatSettings.DateStyle.ISO, FormatSettings.DateOrder.MDY,
                ZoneId.of("UTC"), "UTC", FormatSettings.IntervalStyle.POSTGRES, 0, true);
        assertThat(BuiltinTypes.byOid(TypeOids.FLOAT8).io().output(0.1 + 0.2, legacy)).isEqualTo("0.3");
        assertThat(binaryRoundTrip(TypeOids.FLOAT8, 2.5)).isEqualTo(2.5);
        assertThat(binaryRoundTrip(TypeOids.FLOAT4, 2.5f)).isEqualTo(2.5f);
        assertError(() -> in(TypeOids.FLOAT8, "1e999"), SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
                "\"1e999\" is out of range for type double precision");
        assertError(() -> in(TypeOids.FLOAT8, "abc"), SqlState.INVALID_TEXT_REPRESENTATION,
                "invalid input syntax for type double precision: \"abc\"");
        assertError(() -> in(TypeOids.FLOAT4, "1x"), SqlState.INVALID_TEXT_REPRESENTATION,
                "invalid input syntax for type real: \"1x\"");
    }

    @Test
    void numerics() {
        assertThat(textRoundTrip(TypeOids.NUMERIC, " 1.50 ")).isEqualTo("1.50");
        assertThat(textRoundTrip(TypeOids.NUMERIC, "1e3")).isEqualTo("1000");
        assertThat(textRoundTrip(TypeOids.NUMERIC, "-0.001")).isEqualTo("-0.001");
        assertThat(textRoundTrip(TypeOids.NUMERIC, "NaN")).isEqualTo("NaN");
        assertThat(textRoundTrip(TypeOids.NUMERIC, "-inf")).isEqualTo("-Infinity");
        TypeIO io = BuiltinTypes.byOid(TypeOids.NUMERIC).io();
        assertThat(io.output(io.input("123.456", TypeModifiers.numeric(5, 2), SETTINGS), SETTINGS)).isEqualTo("123.46");
        assertThatThrownBy(() -> io.input("1234.5", TypeModifiers.numeric(5, 2), SETTINGS))
                .isInstanceOfSatisfying(SqlException.class, e -> {
                    assertThat(e.sqlState()).isEqualTo(SqlState.NUMERIC_VALUE_OUT_OF_RANGE);
                    assertThat(e.getMessage()).isEqualTo("numeric field overflow");
                    assertThat(e.detail()).isEqualTo(
                            "A field with precision 5, scale 2 must round to an absolute value less than 10^3.");
                });
        assertError(() -> in(TypeOids.NUMERIC, "1.2.3"), SqlState.INVALID_TEXT_REPRESENTATION,
                "invalid input syntax for type numeric: \"1.2.3\"");
        for (String text : new String[] {"0", "0.00", "1234.5678", "-1.5", "12345", "0.01", "99999999.000001",
            "1e-20", "NaN", "Infinity"}) {
            Object value = in(TypeOids.NUMERIC, text);
            assertThat(out(TypeOids.NUMERIC, binaryRoundTrip(TypeOids.NUMERIC, value))).as(text)
                    .isEqualTo(out(TypeOids.NUMERIC, value));
        }
    }

    /** Bytes as PostgreSQL's numeric_send produces them. */
    @Test
    void numericBinaryMatchesPostgres() {
        TypeIO io = BuiltinTypes.byOid(TypeOids.NUMERIC).io();
        assertThat(io.send(new BigDecimal("1234.5678"), SETTINGS))
                .containsExactly(0, 2, 0, 0, 0, 0, 0, 4, 0x04, 0xD2, 0x16, 0x2E);
        assertThat(io.send(new BigDecimal("0.01"), SETTINGS)).containsExactly(0, 1, 0xFF, 0xFF, 0, 0, 0, 2, 0, 100);
        assertThat(io.send(new BigDecimal("12345"), SETTINGS)).containsExactly(0, 2, 0, 1, 0, 0, 0, 0, 0, 1, 0x09,
                0x29);
        assertThat(io.send(new BigDecimal("-1.5"), SETTINGS)).containsExactly(0, 2, 0, 0, 0x40, 0, 0, 1, 0, 1, 0x13,
                0x88);
        assertThat(io.send(new BigDecimal("0.00"), SETTINGS)).containsExactly(0, 0, 0, 0, 0, 0, 0, 2);
        assertThat(io.send(NumericSpecial.NAN, SETTINGS)).containsExactly(0, 0, 0, 0, 0xC0, 0, 0, 0);
        byte[] tenThousand = {0, 1, 0, 1, 0, 0, 0, 0, 0, 1};
        assertThat(io.receive(tenThousand, 0, tenThousand.length, -1, SETTINGS)).isEqualTo(new BigDecimal("10000"));
    }

    @Test
    void strings() {
        TypeIO varchar = BuiltinTypes.byOid(TypeOids.VARCHAR).io();
        assertThat(varchar.input("abc  ", TypeModifiers.varchar(3), SETTINGS)).isEqualTo("abc");
        assertThatThrownBy(() -> varchar.input("abcd", TypeModifiers.varchar(3), SETTINGS))
                .isInstanceOfSatisfying(SqlException.class, e -> {
                    assertThat(e.sqlState()).isEqualTo(SqlState.STRING_DATA_RIGHT_TRUNCATION);
                    assertThat(e.getMessage()).isEqualTo("value too long for type character varying(3)");
                });
        TypeIO bpchar = BuiltinTypes.byOid(TypeOids.BPCHAR).io();
        assertThat(bpchar.input("ab", TypeModifiers.bpchar(4), SETTINGS)).isEqualTo("ab  ");
        assertThat(binaryRoundTrip(TypeOids.TEXT, "héllo ✓")).isEqualTo("héllo ✓");
        assertThat(in(TypeOids.NAME, "x".repeat(70))).isEqualTo("x".repeat(63));
        assertThat(in(TypeOids.CHAR, "abc")).isEqualTo("a");
    }

    @Test
    void bytea() {
        byte[] bytes = {0, 1, (byte) 0xAB, '\\', 'a'};
        assertThat(out(TypeOids.BYTEA, bytes)).isEqualTo("\\x0001ab5c61");
        assertThat((byte[]) in(TypeOids.BYTEA, "\\x0001AB5c61")).containsExactly(bytes);
        assertThat((byte[]) in(TypeOids.BYTEA, "a\\\\b\\001")).containsExactly('a', '\\', 'b', 1);
        FormatSettings escape = new FormatSettings(FormatSettings.DateStyle.ISO, FormatSettings.DateOrder.MDY,
                ZoneId.of("UTC"), "UTC", FormatSettings.IntervalStyle.POSTGRES, 1, false);
        assertThat(BuiltinTypes.byOid(TypeOids.BYTEA).io().output(bytes, escape)).isEqualTo("\\000\\001\\253\\\\a");
        assertError(() -> in(TypeOids.BYTEA, "\\x0g"), SqlState.INVALID_PARAMETER_VALUE,
                "invalid hexadecimal digit: \"g\"");
        assertError(() -> in(TypeOids.BYTEA, "\\x012"), SqlState.INVALID_PARAMETER_VALUE,
                "invalid hexadecimal data: odd number of digits");
        assertThat((byte[]) binaryRoundTrip(TypeOids.BYTEA, bytes)).containsExactly(bytes);
    }

    @Test
    void dates() {
        assertThat(in(TypeOids.DATE, "2000-01-01")).isEqualTo(0);
        assertThat(in(TypeOids.DATE, "epoch")).isEqualTo(-10957);
        assertThat(textRoundTrip(TypeOids.DATE, "2024-02-29")).isEqualTo("2024-02-29");
        assertThat(textRoundTrip(TypeOids.DATE, "01/02/2024")).isEqualTo("2024-01-02");
        assertThat(textRoundTrip(TypeOids.DATE, "Jan 2, 2024")).isEqualTo("2024-01-02");
        assertThat(textRoundTrip(TypeOids.DATE, "20240102")).isEqualTo("2024-01-02");
        assertThat(textRoundTrip(TypeOids.DATE, "0044-03-15 BC")).isEqualTo("0044-03-15 BC");
        assertThat(textRoundTrip(TypeOids.DATE, "infinity")).isEqualTo("infinity");
        assertThat(binaryRoundTrip(TypeOids.DATE, 8766)).isEqualTo(8766);
        assertError(() -> in(TypeOids.DATE, "2023-02-29"), SqlState.DATETIME_FIELD_OVERFLOW,
                "date/time field value out of range: \"2023-02-29\"");
        assertError(() -> in(TypeOids.DATE, "garbage"), SqlState.INVALID_DATETIME_FORMAT,
                "invalid input syntax for type date: \"garbage\"");
        FormatSettings german = new FormatSettings(FormatSettings.DateStyle.GERMAN, FormatSettings.DateOrder.DMY,
                ZoneId.of("UTC"), "UTC", FormatSettings.IntervalStyle.POSTGRES, 1, true);
        assertThat(BuiltinTypes.byOid(TypeOids.DATE).io().output(in(TypeOids.DATE, "2024-01-02"), german))
                .isEqualTo("02.01.2024");
    }

    @Test
    void timestamps() {
        assertThat(textRoundTrip(TypeOids.TIMESTAMP, "2024-01-02 03:04:05.123456"))
                .isEqualTo("2024-01-02 03:04:05.123456");
        assertThat(textRoundTrip(TypeOids.TIMESTAMP, "2024-01-02T03:04:05.5")).isEqualTo("2024-01-02 03:04:05.5");
        assertThat(textRoundTrip(TypeOids.TIMESTAMP, "2024-01-02")).isEqualTo("2024-01-02 00:00:00");
        assertThat(in(TypeOids.TIMESTAMP, "2000-01-01 00:00:01")).isEqualTo(1_000_000L);
        assertThat(textRoundTrip(TypeOids.TIMESTAMPTZ, "2024-01-02 03:04:05.123456+00"))
                .isEqualTo("2024-01-02 03:04:05.123456+00");
        assertThat(textRoundTrip(TypeOids.TIMESTAMPTZ, "2024-01-02 03:04:05-05:30"))
                .isEqualTo("2024-01-02 08:34:05+00");
        FormatSettings berlin = new FormatSettings(FormatSettings.DateStyle.ISO, FormatSettings.DateOrder.MDY,
                ZoneId.of("Europe/Berlin"), "Europe/Berlin", FormatSettings.IntervalStyle.POSTGRES, 1, true);
        TypeIO tz = BuiltinTypes.byOid(TypeOids.TIMESTAMPTZ).io();
        Object summer = tz.input("2024-07-01 12:00:00", -1, berlin);
        assertThat(tz.output(summer, berlin)).isEqualTo("2024-07-01 12:00:00+02");
        assertThat(tz.output(summer, SETTINGS)).isEqualTo("2024-07-01 10:00:00+00");
        FormatSettings postgresStyle = new FormatSettings(FormatSettings.DateStyle.POSTGRES,
                FormatSettings.DateOrder.MDY, ZoneId.of("UTC"), "UTC", FormatSettings.IntervalStyle.POSTGRES, 1, true);
        assertThat(tz.output(summer, postgresStyle)).isEqualTo("Mon Jul 01 10:00:00 2024 UTC");
        assertThat(binaryRoundTrip(TypeOids.TIMESTAMPTZ, 123_456_789L)).isEqualTo(123_456_789L);
        assertThat(BuiltinTypes.byOid(TypeOids.TIMESTAMP).io().input("2024-01-02 03:04:05.123456", 2, SETTINGS))
                .isEqualTo(in(TypeOids.TIMESTAMP, "2024-01-02 03:04:05.12"));
        assertError(() -> in(TypeOids.TIMESTAMP, "2024-01-02 25:00"), SqlState.DATETIME_FIELD_OVERFLOW,
                "date/time field value out of range: \"2024-01-02 25:00\"");
    }

    @Test
    void timesAndIntervals() {
        assertThat(textRoundTrip(TypeOids.TIME, "03:04:05.25")).isEqualTo("03:04:05.25");
        assertThat(textRoundTrip(TypeOids.TIME, "3:04 pm")).isEqualTo("15:04:00");
        assertThat(binaryRoundTrip(TypeOids.TIME, 3_600_000_000L)).isEqualTo(3_600_000_000L);
        assertThat(textRoundTrip(TypeOids.INTERVAL, "1 day 02:03:04")).isEqualTo("1 day 02:03:04");
        assertThat(textRoundTrip(TypeOids.INTERVAL, "1 year 2 months 3 days")).isEqualTo("1 year 2 mons 3 days");
        assertThat(textRoundTrip(TypeOids.INTERVAL, "-1 day +02:00:00")).isEqualTo("-1 days +02:00:00");
        assertThat(textRoundTrip(TypeOids.INTERVAL, "1.5 months")).isEqualTo("1 mon 15 days");
        assertThat(textRoundTrip(TypeOids.INTERVAL, "90 minutes")).isEqualTo("01:30:00");
        assertThat(textRoundTrip(TypeOids.INTERVAL, "@ 2 hours ago")).isEqualTo("-02:00:00");
        assertThat(textRoundTrip(TypeOids.INTERVAL, "P1Y2M3DT4H5M6.5S")).isEqualTo("1 year 2 mons 3 days 04:05:06.5");
        assertThat(textRoundTrip(TypeOids.INTERVAL, "0")).isEqualTo("00:00:00");
        Interval value = new Interval(14, 3, 7_000_000L);
        assertThat(binaryRoundTrip(TypeOids.INTERVAL, value)).isEqualTo(value);
        assertError(() -> in(TypeOids.INTERVAL, "1 fortnight"), SqlState.INVALID_DATETIME_FORMAT,
                "invalid input syntax for type interval: \"1 fortnight\"");
    }

    @Test
    void typeCatalogValues() {
        assertThat(BuiltinTypes.byName("int4").arrayTypeOid()).isEqualTo(1007);
        assertThat(BuiltinTypes.byName("text").arrayTypeOid()).isEqualTo(1009);
        assertThat(BuiltinTypes.byOid(1007).name()).isEqualTo("_int4");
        assertThat(BuiltinTypes.byName("timestamptz").preferred()).isTrue();
        assertThat(BuiltinTypes.byName("interval").length()).isEqualTo((short) 16);
        assertThat(BuiltinTypes.byOid(999_999)).isNull();
        assertThat(BuiltinTypes.all()).hasSizeGreaterThan(30);
        assertThat(BuiltinTypes.byOid(1007).io().input("{1}", -1, SETTINGS))
                .isEqualTo(ArrayValue.of(TypeOids.INT4, java.util.List.of(1)));
        assertThat(BuiltinTypes.elementType(1007)).isEqualTo(TypeOids.INT4);
        assertThat(BuiltinTypes.arrayTypeOf(TypeOids.TEXT)).isEqualTo(1009);
    }

    @Test
    void orderingAndGrouping() {
        var numeric = BuiltinTypes.comparator(TypeOids.NUMERIC);
        assertThat(numeric.compare(NumericSpecial.NAN, NumericSpecial.POSITIVE_INFINITY)).isPositive();
        assertThat(numeric.compare(new BigDecimal("1.0"), new BigDecimal("1.00"))).isZero();
        var float8 = BuiltinTypes.comparator(TypeOids.FLOAT8);
        assertThat(float8.compare(Double.NaN, Double.POSITIVE_INFINITY)).isPositive();
        assertThat(float8.compare(-0.0, 0.0)).isZero();
        var text = BuiltinTypes.comparator(TypeOids.TEXT);
        assertThat(text.compare("B", "a")).isNegative();
        assertThat(text.compare("\uFFFD", "\uD83D\uDE00")).isNegative();
        assertThat(BuiltinTypes.comparator(TypeOids.BYTEA).compare(new byte[] {(byte) 0x80}, new byte[] {1}))
                .isPositive();
        assertThat(BuiltinTypes.comparator(TypeOids.BPCHAR).compare("a  ", "a")).isZero();
        assertThat(BuiltinTypes.groupingKey(TypeOids.NUMERIC, new BigDecimal("1.0")))
                .isEqualTo(BuiltinTypes.groupingKey(TypeOids.NUMERIC, new BigDecimal("1.00")));
        assertThat(BuiltinTypes.groupingKey(TypeOids.BYTEA, new byte[] {1, 2}))
                .isEqualTo(BuiltinTypes.groupingKey(TypeOids.BYTEA, new byte[] {1, 2}));
        assertThat(BuiltinTypes.groupingKey(TypeOids.BPCHAR, "ab "))
                .isEqualTo(BuiltinTypes.groupingKey(TypeOids.BPCHAR, "ab"));
        assertThat(BuiltinTypes.groupingKey(TypeOids.INTERVAL, new Interval(0, 1, 0)))
                .isEqualTo(BuiltinTypes.groupingKey(TypeOids.INTERVAL, new Interval(0, 0, 86_400_000_000L)));
    }

    @Test
    void floatSyntaxAsStrtodTakesIt() {
        assertThat(in(TypeOids.FLOAT8, "1.")).isEqualTo(1.0);
        assertThat(in(TypeOids.FLOAT8, ".5")).isEqualTo(0.5);
        assertThat(in(TypeOids.FLOAT8, "+.5e-3")).isEqualTo(0.0005);
        assertThat(in(TypeOids.FLOAT8, " 12 ")).isEqualTo(12.0);
        assertThat(in(TypeOids.FLOAT8, "-Infinity")).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat((Double) in(TypeOids.FLOAT8, "nan")).isNaN();
        for (String bad : new String[] {"e5", ".", "1e", "1e+", "+", "1.2.3", "0x10"}) {
            assertError(() -> in(TypeOids.FLOAT8, bad), SqlState.INVALID_TEXT_REPRESENTATION,
                    "invalid input syntax for type double precision: \"" + bad + "\"");
        }
        assertError(() -> in(TypeOids.FLOAT8, "1.5e400"), SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
                "\"1.5e400\" is out of range for type double precision");
    }

    @Test
    void isoTimestampsReadInPlaceCheckTheirFields() {
        assertThat(textRoundTrip(TypeOids.TIMESTAMP, "2026-01-05T12:30")).isEqualTo("2026-01-05 12:30:00");
        assertThat(textRoundTrip(TypeOids.TIMESTAMP, "2026-01-05 24:00:00")).isEqualTo("2026-01-06 00:00:00");
        assertThat(textRoundTrip(TypeOids.TIMESTAMP, "2026-01-05 12:30:45.1234567"))
                .isEqualTo("2026-01-05 12:30:45.123457");
        assertThat(textRoundTrip(TypeOids.DATE, "2026-01-05 12:30:45.25")).isEqualTo("2026-01-05");
        for (String bad : new String[] {"2026-01-05 24:00:01", "2026-01-05 12:60:00", "2026-02-30"}) {
            assertError(() -> in(TypeOids.TIMESTAMP, bad), SqlState.DATETIME_FIELD_OVERFLOW,
                    "date/time field value out of range: \"" + bad + "\"");
        }
    }
}
