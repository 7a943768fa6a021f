package org.woolly.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
 * Functions in FROM and set-returning functions in the select list as clients see them: a psql
 * script whose expected output PostgreSQL 15 produced (generate_series over each type, WITH
 * ORDINALITY, ProjectSet lockstep, EXPLAIN, placement errors), and pgjdbc for parameters and the
 * INSERT ... SELECT pgbench's server-side data generation sends.
 */
class SetReturningFunctionsIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    @Test
    void psqlScriptMatchesPostgres() throws Exception {
        PsqlIT.assertScriptMatchesPostgres(server, "srf/srf");
    }

    @Test
    void parametersFeedTheSeries() throws SQLException {
        try (Connection connection = server.connect();
             PreparedStatement series = connection.prepareStatement(
                     "SELECT g, n FROM generate_series(?::int, ?::int) WITH ORDINALITY AS s(g, n)")) {
            for (int run = 0; run < 6; run++) {
                series.setInt(1, run);
                series.setInt(2, 3);
                List<String> rows = new ArrayList<>();
                try (ResultSet result = series.executeQuery()) {
                    while (result.next()) {
                        rows.add(result.getInt(1) + ":" + result.getLong(2));
                    }
                }
                List<String> expected = new ArrayList<>();
                for (int value = run; value <= 3; value++) {
                    expected.add(value + ":" + (value - run + 1));
                }
                assertThat(rows).isEqualTo(expected);
            }
        }
    }

    @Test
    void pgbenchDataGenerationInsertsFromTheSeries() throws SQLException {
        try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE srf_accounts (aid int, bid int, abalance int, filler char(84))");
            assertThat(statement.executeUpdate("INSERT INTO srf_accounts (aid, bid, abalance, filler) "
                    + "SELECT aid, (aid - 1) / 100000 + 1, 0, '' FROM generate_series(1, 5000) AS aid")).isEqualTo(5000);
            try (ResultSet result = statement.executeQuery("SELECT count(*), sum(aid), max(bid) FROM srf_accounts")) {
                assertThat(result.next()).isTrue();
                assertThat(result.getLong(1)).isEqualTo(5000);
                assertThat(result.getLong(2)).isEqualTo(5000L * 5001 / 2);
                assertThat(result.getInt(3)).isEqualTo(1);
            }
            assertThatThrownBy(() -> statement.executeQuery("SELECT * FROM generate_series(1, 3, 0)"))
                    .satisfies(thrown -> {
                        assertThat(((PSQLException) thrown).getSQLState()).isEqualTo("22023");
                        assertThat(thrown.getMessage()).contains("step size cannot equal zero");
                    });
            statement.execute("DROP TABLE srf_accounts");
        }
    }
}
