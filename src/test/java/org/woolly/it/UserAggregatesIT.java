package org.woolly.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.woolly.it.TestSessions.execute;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * CREATE AGGREGATE and CREATE CAST through psql and pgjdbc: the psql script's output
 * ({@code ddlobj/aggregates_casts-pg15.out}, produced by PostgreSQL 15 from the same script)
 * covers aggregates over SQL, PL/pgSQL and built-in transition functions in plain and grouped
 * aggregation, FILTER, DISTINCT, ORDER BY in the call, windows with and without the
 * moving-aggregate inverse, polymorphic arguments, the catalog rows, {@code \da}, {@code \df},
 * {@code \dC}, ALTER and DROP, casts in explicit, assignment and implicit contexts, and the
 * errors; the pgjdbc test runs a user aggregate through a prepared statement with parameters.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class UserAggregatesIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    @RegisterExtension
    final TestSessions sessions = new TestSessions(server);

    private static String resource(String name) throws IOException {
        try (InputStream in = UserAggregatesIT.class.getResourceAsStream("/ddlobj/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theScriptGivesPostgresOutput() throws Exception {
        String output = PsqlIT.run(server, resource("aggregates_casts.sql"), "-a", "-v", "ON_ERROR_STOP=0");
        assertThat(output).isEqualTo(resource("aggregates_casts-pg15.out"));
    }

    @Test
    void aUserAggregateRunsInAPreparedStatement() throws SQLException {
        Connection connection = sessions.connect();
        execute(connection, "CREATE FUNCTION jd_step(numeric, numeric) RETURNS numeric LANGUAGE sql "
                + "AS 'SELECT $1 * 10 + $2'");
        execute(connection, "CREATE AGGREGATE jd_digits(numeric) (SFUNC = jd_step, STYPE = numeric, INITCOND = '0')");
        execute(connection, "CREATE TABLE jd_t (g int, d numeric)");
        execute(connection, "INSERT INTO jd_t VALUES (1, 1), (1, 2), (1, 3), (2, 4), (2, 5)");
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT g, jd_digits(d ORDER BY d DESC) FILTER (WHERE d > ?) FROM jd_t GROUP BY g ORDER BY g")) {
            for (int round = 0; round < 6; round++) {
                // past pgjdbc's prepareThreshold the statement runs as a named server-side statement
                statement.setInt(1, round % 2);
                List<String> rows = new ArrayList<>();
                try (ResultSet result = statement.executeQuery()) {
                    while (result.next()) {
                        rows.add(result.getInt(1) + ":" + result.getBigDecimal(2));
                    }
                }
                assertThat(rows).containsExactly(round % 2 == 0 ? "1:321" : "1:32", "2:54");
            }
        }
    }
}
