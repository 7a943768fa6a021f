package org.woolly.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.util.PSQLException;

/**
 * Window functions, DISTINCT ON and aggregate options as clients see them: psql scripts whose
 * expected output PostgreSQL 15 produced (every built-in window function, aggregates over
 * ROWS/RANGE/GROUPS frames with EXCLUDE, named windows, EXPLAIN, and the errors), and pgjdbc
 * for parameters in frames and the SQLSTATEs.
 */
class WindowFunctionsIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    private static String resource(String name) throws IOException {
        try (InputStream in = WindowFunctionsIT.class.getResourceAsStream("/window/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void windowScriptMatchesPostgres() throws Exception {
        String output = PsqlIT.run(server, resource("window.sql"), "-a", "-v", "ON_ERROR_STOP=0");
        assertThat(output).isEqualTo(resource("window-pg15.out"));
    }

    @Test
    void distinctOnScriptMatchesPostgres() throws Exception {
        String output = PsqlIT.run(server, resource("distinct_on.sql"), "-a", "-v", "ON_ERROR_STOP=0");
        assertThat(output).isEqualTo(resource("distinct_on-pg15.out"));
    }

    @Test
    void aggregateOrderScriptMatchesPostgres() throws Exception {
        String output = PsqlIT.run(server, resource("aggregate_order.sql"), "-a", "-v", "ON_ERROR_STOP=0");
        assertThat(output).isEqualTo(resource("aggregate_order-pg15.out"));
    }

    @Test
    void frameOffsetsTakeParameters() throws SQLException {
        try (Connection connection = server.connect();
             PreparedStatement query = connection.prepareStatement("SELECT x, sum(x) OVER (ORDER BY x ROWS BETWEEN ? "
                     + "PRECEDING AND CURRENT ROW) FROM generate_series(1, 5) AS x ORDER BY x")) {
            for (int offset = 0; offset < 3; offset++) {
                query.setInt(1, offset);
                List<Long> sums = new ArrayList<>();
                try (ResultSet result = query.executeQuery()) {
                    while (result.next()) {
                        sums.add(result.getLong(2));
                    }
                }
                List<Long> expected = new ArrayList<>();
                for (int x = 1; x <= 5; x++) {
                    long sum = 0;
                    for (int y = Math.max(1, x - offset); y <= x; y++) {
                        sum += y;
                    }
                    expected.add(sum);
                }
                assertThat(sums).isEqualTo(expected);
            }
        }
    }

    @Test
    void errorsCarryPostgresStates() throws SQLException {
        try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
            assertState(statement, "SELECT 1 FROM generate_series(1, 3) x WHERE rank() OVER () > 1", "42P20");
            assertState(statement, "SELECT lag(rank() OVER ()) OVER () FROM generate_series(1, 3) x", "42P20");
            assertState(statement, "SELECT sum(rank() OVER ()) FROM generate_series(1, 3) x", "42803");
            assertState(statement, "SELECT rank() FROM generate_series(1, 3) x", "42809");
            assertState(statement, "SELECT abs(x) OVER () FROM generate_series(1, 3) x", "42809");
            assertState(statement, "SELECT sum(x) OVER w FROM generate_series(1, 3) x", "42704");
            assertState(statement, "SELECT sum(x) OVER (ROWS -1 PRECEDING) FROM generate_series(1, 3) x", "22013");
            assertState(statement, "SELECT ntile(0) OVER () FROM generate_series(1, 3) x", "22014");
            assertState(statement, "SELECT nth_value(x, 0) OVER () FROM generate_series(1, 3) x", "22016");
            assertState(statement, "SELECT count(DISTINCT x) OVER () FROM generate_series(1, 3) x", "0A000");
            try (ResultSet result = statement.executeQuery("SELECT abs(sum(x)) FROM generate_series(-3, 1) x")) {
                assertThat(result.next()).isTrue();
                assertThat(result.getLong(1)).isEqualTo(5);
            }
        }
    }

    private static void assertState(Statement statement, String sql, String state) {
        assertThatThrownBy(() -> statement.executeQuery(sql)).isInstanceOfSatisfying(PSQLException.class,
                error -> assertThat(error.getSQLState()).as(sql).isEqualTo(state));
    }
}
