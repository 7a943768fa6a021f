package org.woolly.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.util.PSQLWarning;
import org.postgresql.util.ServerErrorMessage;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The modifiers written after a type name are checked as PostgreSQL 15's typmodin functions check them. */
class TypeModifiersIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    private static ServerErrorMessage error(Connection connection, String sql) {
        return WoollyServerExtension.errorOf(connection, sql);
    }

    private static void assertError(Connection connection, String sql, String state, String message, int position) {
        ServerErrorMessage error = error(connection, sql);
        assertThat(error.getSQLState()).as(sql).isEqualTo(state);
        assertThat(error.getMessage()).as(sql).isEqualTo(message);
        assertThat(error.getPosition()).as(sql).isEqualTo(position);
    }

    private static String text(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }

    @Test
    void outOfRangeModifiersAreRefusedWherePostgresRefusesThem() throws Exception {
        try (Connection connection = server.connect()) {
            assertError(connection, "CREATE TABLE tm (a varchar(20000000))", "22023",
                    "length for type varchar cannot exceed 10485760", 20);
            assertError(connection, "CREATE TABLE tm (a varchar(0))", "22023",
                    "length for type varchar must be at least 1", 20);
            assertError(connection, "CREATE TABLE tm (a char(10485761))", "22023",
                    "length for type char cannot exceed 10485760", 20);
            assertError(connection, "CREATE TABLE tm (a character(0))", "22023",
                    "length for type char must be at least 1", 20);
            assertError(connection, "CREATE TABLE tm (a numeric(1001))", "22023",
                    "NUMERIC precision 1001 must be between 1 and 1000", 20);
            assertError(connection, "CREATE TABLE tm (a numeric(0, 0))", "22023",
                    "NUMERIC precision 0 must be between 1 and 1000", 20);
            assertError(connection, "CREATE TABLE tm (a numeric(5, -1001))", "22023",
                    "NUMERIC scale -1001 must be between -1000 and 1000", 20);
            assertError(connection, "CREATE TABLE tm (a numeric(5, 1001))", "22023",
                    "NUMERIC scale 1001 must be between -1000 and 1000", 20);
            assertError(connection, "CREATE TABLE tm (a numeric(5, 6, 7))", "22023",
                    "invalid NUMERIC type modifier", 20);
            assertError(connection, "CREATE TABLE tm (a text(5))", "42601",
                    "type modifier is not allowed for type \"text\"", 20);
            assertError(connection, "SELECT 'abc'::varchar(20000000)", "22023",
                    "length for type varchar cannot exceed 10485760", 15);
            assertError(connection, "SELECT 1::numeric(1001)", "22023",
                    "NUMERIC precision 1001 must be between 1 and 1000", 11);
        }
    }

    @Test
    void postgres15NumericScalesAndFractionalPrecisionsApply() throws Exception {
        try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE tm_numeric (a numeric(3, -2), b numeric(2, 5), c varchar(10485760))");
            statement.execute("INSERT INTO tm_numeric VALUES (12345, 0.000123, 'x')");
            assertThat(text(connection, "SELECT a || ' ' || b FROM tm_numeric")).isEqualTo("12300 0.00012");
            ServerErrorMessage overflow = error(connection, "INSERT INTO tm_numeric VALUES (0, 0.001, 'y')");
            assertThat(overflow.getSQLState()).isEqualTo("22003");
            assertThat(overflow.getDetail())
                    .isEqualTo("A field with precision 2, scale 5 must round to an absolute value less than 10^-3.");
            assertThat(text(connection, "SELECT 1234.5::numeric(3, -1)")).isEqualTo("1230");
            assertThat(text(connection, "SELECT interval '1.23456 sec'::interval(2)")).isEqualTo("00:00:01.23");
            assertThat(text(connection, "SELECT '12:00:01.1234567'::time(7)")).isEqualTo("12:00:01.123457");
        }
    }

    private static List<String> warnings(Statement statement) throws SQLException {
        List<String> messages = new ArrayList<>();
        for (SQLWarning warning = statement.getWarnings(); warning != null; warning = warning.getNextWarning()) {
            ServerErrorMessage message = ((PSQLWarning) warning).getServerErrorMessage();
            messages.add(message.getSeverity() + " " + message.getSQLState() + " " + message.getMessage() + " @"
                    + message.getPosition());
        }
        return messages;
    }

    @Test
    void fractionalPrecisionAboveSixIsReducedWithPostgresWarning() throws Exception {
        try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery("SELECT '2020-01-01 00:00:00.1234567'::timestamp(7)")) {
                rows.next();
                assertThat(rows.getString(1)).isEqualTo("2020-01-01 00:00:00.123457");
            }
            assertThat(warnings(statement))
                    .containsExactly("WARNING 22023 TIMESTAMP(7) precision reduced to maximum allowed, 6 @39");
            statement.clearWarnings();
            statement.execute("SELECT cast('10:00' as time(8)), '1 second'::interval second(9)");
            assertThat(warnings(statement)).containsExactly(
                    "WARNING 22023 TIME(8) precision reduced to maximum allowed, 6 @24",
                    "WARNING 22023 INTERVAL(9) precision reduced to maximum allowed, 6 @46");
            statement.clearWarnings();
            // as in PostgreSQL, a column type is checked twice: with the position, then without
            statement.execute("CREATE TABLE tm_precision (a timestamptz(7))");
            assertThat(warnings(statement)).containsExactly(
                    "WARNING 22023 TIMESTAMP(7) WITH TIME ZONE precision reduced to maximum allowed, 6 @30",
                    "WARNING 22023 TIMESTAMP(7) WITH TIME ZONE precision reduced to maximum allowed, 6 @0");
            statement.clearWarnings();
            try (ResultSet rows = statement.executeQuery("SELECT a.atttypmod FROM pg_attribute a JOIN pg_class c "
                    + "ON c.oid = a.attrelid WHERE c.relname = 'tm_precision' AND a.attname = 'a'")) {
                rows.next();
                assertThat(rows.getInt(1)).isEqualTo(6);
            }
        }
    }
}
