package org.woolly.it;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every supported type through the extended protocol, once with text and once with binary
 * parameters and results (pgjdbc: prepareThreshold=-1 forces server-prepared statements with
 * binary transfer; binaryTransfer=false keeps everything text).
 */
class PreparedTypesIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    private static Connection connect(String parameters) throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl("postgres") + "?" + parameters, server.superuser(), "");
    }

    @ParameterizedTest
    @ValueSource(strings = {"prepareThreshold=-1&binaryTransfer=true", "prepareThreshold=0&binaryTransfer=false"})
    void everyTypeRoundTrips(String mode) throws SQLException {
        String table = mode.contains("binaryTransfer=true") ? "typed_binary" : "typed_text";
        try (Connection connection = connect(mode); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE " + table + " (b boolean, s smallint, i integer, l bigint, r real, "
                    + "d double precision, n numeric(12,3), t text, v varchar(10), c char(5), by bytea, dt date, "
                    + "ts timestamp, tz timestamptz)");
            LocalDate date = LocalDate.of(2024, 2, 29);
            LocalDateTime timestamp = LocalDateTime.of(1999, 12, 31, 23, 59, 58, 123_456_000);
            OffsetDateTime instant = OffsetDateTime.of(2021, 6, 1, 12, 30, 0, 500_000_000, ZoneOffset.UTC);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (int round = 0; round < 2; round++) {
                    insert.setBoolean(1, true);
                    insert.setShort(2, (short) -32768);
                    insert.setInt(3, 2_147_483_647);
                    insert.setLong(4, -9_223_372_036_854_775_808L);
                    insert.setFloat(5, 1.5f);
                    insert.setDouble(6, -2.25e-300);
                    insert.setBigDecimal(7, new BigDecimal("123456789.125"));
                    insert.setString(8, "héllo wörld ✓");
                    insert.setString(9, "short");
                    insert.setString(10, "ab");
                    insert.setBytes(11, new byte[] {0, 1, (byte) 0xff, 42});
                    insert.setObject(12, date);
                    insert.setObject(13, timestamp);
                    insert.setObject(14, instant);
                    assertThat(insert.executeUpdate()).isEqualTo(1);
                }
            }
            try (PreparedStatement select = connection.prepareStatement("SELECT * FROM " + table + " WHERE i = ?")) {
                for (int round = 0; round < 2; round++) {
                    select.setInt(1, 2_147_483_647);
                    try (ResultSet rows = select.executeQuery()) {
                        int count = 0;
                        while (rows.next()) {
                            count++;
                            assertThat(rows.getBoolean(1)).isTrue();
                            assertThat(rows.getShort(2)).isEqualTo((short) -32768);
                            assertThat(rows.getInt(3)).isEqualTo(2_147_483_647);
                            assertThat(rows.getLong(4)).isEqualTo(-9_223_372_036_854_775_808L);
                            assertThat(rows.getFloat(5)).isEqualTo(1.5f);
                            assertThat(rows.getDouble(6)).isEqualTo(-2.25e-300);
                            assertThat(rows.getBigDecimal(7)).isEqualByComparingTo("123456789.125");
                            assertThat(rows.getString(8)).isEqualTo("héllo wörld ✓");
                            assertThat(rows.getString(9)).isEqualTo("short");
                            assertThat(rows.getString(10)).isEqualTo("ab   ");
                            assertThat(rows.getBytes(11)).containsExactly(0, 1, 0xff, 42);
                            assertThat(rows.getObject(12, LocalDate.class)).isEqualTo(date);
                            assertThat(rows.getObject(13, LocalDateTime.class)).isEqualTo(timestamp);
                            assertThat(rows.getObject(14, OffsetDateTime.class).toInstant()).isEqualTo(instant.toInstant());
                        }
                        assertThat(count).isEqualTo(2);
                    }
                }
            }
            statement.execute("DROP TABLE " + table);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"prepareThreshold=-1", "prepareThreshold=0"})
    void parameterTypesAreInferredAndNullsTravel(String mode) throws SQLException {
        try (Connection connection = connect(mode);
             PreparedStatement statement = connection.prepareStatement("SELECT ? + 1, ? || 'x', ?::int IS NULL")) {
            statement.setInt(1, 41);
            statement.setString(2, "y");
            statement.setNull(3, java.sql.Types.INTEGER);
            try (ResultSet rows = statement.executeQuery()) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getInt(1)).isEqualTo(42);
                assertThat(rows.getString(2)).isEqualTo("yx");
                assertThat(rows.getBoolean(3)).isTrue();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"prepareThreshold=-1", "prepareThreshold=0"})
    void aSmallFetchSizeSuspendsAndResumesThePortal(String mode) throws SQLException {
        try (Connection connection = connect(mode); Statement setup = connection.createStatement()) {
            String table = mode.contains("-1") ? "fetch_binary" : "fetch_text";
            setup.execute("CREATE TABLE " + table + " (n int)");
            StringBuilder insert = new StringBuilder("INSERT INTO " + table + " VALUES (1)");
            for (int i = 2; i <= 95; i++) {
                insert.append(", (").append(i).append(')');
            }
            setup.execute(insert.toString());
            connection.setAutoCommit(false);
            try (PreparedStatement select = connection.prepareStatement("SELECT n FROM " + table + " ORDER BY n")) {
                select.setFetchSize(10);
                long sum = 0;
                int count = 0;
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        sum += rows.getInt(1);
                        count++;
                    }
                }
                assertThat(count).isEqualTo(95);
                assertThat(sum).isEqualTo(95L * 96 / 2);
            }
            connection.commit();
            connection.setAutoCommit(true);
            setup.execute("DROP TABLE " + table);
        }
    }
}
