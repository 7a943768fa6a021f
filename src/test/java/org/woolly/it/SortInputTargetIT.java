package org.woolly.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Volatile select-list columns computed after the sort ({@code make_sort_input_target}): a psql
 * script whose expected output PostgreSQL 15 produced (nextval under ORDER BY ... LIMIT called
 * once per returned row, EXPLAIN's Result above the Sort); and through pgjdbc, the sequence's
 * value after such a query.
 */
class SortInputTargetIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    @Test
    void psqlScriptMatchesPostgres() throws Exception {
        PsqlIT.assertScriptMatchesPostgres(server, "planner/sort-input");
    }

    @Test
    void nextvalRunsOncePerReturnedRow() throws Exception {
        try (Connection connection = server.connect();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE jdbc_si AS SELECT g AS x FROM generate_series(1, 500) g");
            statement.execute("CREATE SEQUENCE jdbc_si_seq");
            StringBuilder seen = new StringBuilder();
            try (ResultSet rows = statement.executeQuery(
                    "SELECT x, nextval('jdbc_si_seq') FROM jdbc_si ORDER BY x DESC LIMIT 4")) {
                while (rows.next()) {
                    seen.append(rows.getInt(1)).append(':').append(rows.getLong(2)).append(' ');
                }
            }
            assertThat(seen.toString()).isEqualTo("500:1 499:2 498:3 497:4 ");
            try (ResultSet next = statement.executeQuery("SELECT nextval('jdbc_si_seq')")) {
                assertThat(next.next()).isTrue();
                assertThat(next.getLong(1)).isEqualTo(5);
            }
        }
    }
}
