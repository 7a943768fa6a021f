package org.woolly.it;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.util.ServerErrorMessage;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Storage parameters (pg_class.reloptions) as a client sees them: what CREATE TABLE / CREATE
 * INDEX WITH (...) and ALTER TABLE / ALTER INDEX SET / RESET store, PostgreSQL 15's errors for
 * bad ones (expected texts taken from a PostgreSQL 15 server), and fillfactor's effect on how
 * many pages a table takes.
 */
class StorageParametersIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    private static List<String> rows(Statement statement, String sql) throws SQLException {
        return PlannerTestData.rows(statement, sql, "");
    }

    private static String reloptions(Statement statement, String relation) throws SQLException {
        return rows(statement, "SELECT coalesce(reloptions::text, 'NULL') FROM pg_class WHERE relname = '"
                + relation + "'").getFirst();
    }

    private static void assertError(Connection connection, String sql, String state, String message, String detail) {
        ServerErrorMessage error = WoollyServerExtension.errorOf(connection, sql);
        assertThat(error.getSQLState()).as(sql).isEqualTo(state);
        assertThat(error.getMessage()).as(sql).isEqualTo(message);
        assertThat(error.getDetail()).as(sql).isEqualTo(detail);
    }

    @Test
    void optionsAreStoredAsWrittenAndMergedBySetAndReset() throws Exception {
        try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE ro_t (i int) WITH (FiLLFaCToR=30, autovacuum_enabled = false, "
                    + "autovacuum_analyze_scale_factor = 0.2, toast.autovacuum_enabled = false)");
            assertThat(reloptions(statement, "ro_t"))
                    .isEqualTo("{fillfactor=30,autovacuum_enabled=false,autovacuum_analyze_scale_factor=0.2}");
            statement.execute("ALTER TABLE ro_t SET (autovacuum_enabled, fillfactor=32)");
            assertThat(reloptions(statement, "ro_t"))
                    .isEqualTo("{autovacuum_analyze_scale_factor=0.2,autovacuum_enabled=true,fillfactor=32}");
            statement.execute("ALTER TABLE ro_t RESET (fillfactor, illegal_option)");
            assertThat(reloptions(statement, "ro_t"))
                    .isEqualTo("{autovacuum_analyze_scale_factor=0.2,autovacuum_enabled=true}");
            statement.execute("ALTER TABLE ro_t RESET (autovacuum_enabled, autovacuum_analyze_scale_factor)");
            assertThat(reloptions(statement, "ro_t")).isEqualTo("NULL");

            statement.execute("CREATE INDEX ro_i ON ro_t (i) WITH (fillfactor = 70)");
            assertThat(reloptions(statement, "ro_i")).isEqualTo("{fillfactor=70}");
            statement.execute("ALTER INDEX ro_i SET (fillfactor = 80)");
            assertThat(reloptions(statement, "ro_i")).isEqualTo("{fillfactor=80}");
            statement.execute("INSERT INTO ro_t SELECT g FROM generate_series(1, 100) g");
            statement.execute("SET enable_seqscan = off");
            assertThat(rows(statement, "SELECT i FROM ro_t WHERE i = 42")).containsExactly("42");
            statement.execute("DROP TABLE ro_t");
        }
    }

    @Test
    void badOptionsGetPostgresErrors() throws Exception {
        try (Connection connection = server.connect()) {
            assertError(connection, "CREATE TABLE ro_bad (i int) WITH (fillfactor=2)", "22023",
                    "value 2 out of bounds for option \"fillfactor\"", "Valid values are between \"10\" and \"100\".");
            assertError(connection, "CREATE TABLE ro_bad (i int) WITH (autovacuum_analyze_scale_factor = 110.0)",
                    "22023", "value 110.0 out of bounds for option \"autovacuum_analyze_scale_factor\"",
                    "Valid values are between \"0.000000\" and \"100.000000\".");
            assertError(connection, "CREATE TABLE ro_bad (i int) WITH (not_existing_option=2)", "22023",
                    "unrecognized parameter \"not_existing_option\"", null);
            assertError(connection, "CREATE TABLE ro_bad (i int) WITH (not_existing_namespace.fillfactor=2)", "22023",
                    "unrecognized parameter namespace \"not_existing_namespace\"", null);
            assertError(connection, "CREATE TABLE ro_bad (i int) WITH (fillfactor='string')", "22023",
                    "invalid value for integer option \"fillfactor\": string", null);
            assertError(connection, "CREATE TABLE ro_bad (i int) WITH (fillfactor)", "22023",
                    "invalid value for integer option \"fillfactor\": true", null);
            assertError(connection, "CREATE TABLE ro_bad (i int) WITH (autovacuum_enabled=12)", "22023",
                    "invalid value for boolean option \"autovacuum_enabled\": 12", null);
            assertError(connection, "CREATE TABLE ro_bad (i int) WITH (autovacuum_analyze_scale_factor='string')",
                    "22023", "invalid value for floating point option \"autovacuum_analyze_scale_factor\": string", null);
            assertError(connection, "CREATE TABLE ro_bad (i int) WITH (fillfactor=30, fillfactor=40)", "22023",
                    "parameter \"fillfactor\" specified more than once", null);
            assertError(connection, "CREATE TABLE ro_bad (i int) WITH (vacuum_index_cleanup=maybe)", "22023",
                    "invalid value for enum option \"vacuum_index_cleanup\": maybe",
                    "Valid values are \"on\", \"off\", and \"auto\".");
            assertError(connection, "CREATE TABLE ro_bad (i int) WITH (autovacuum_vacuum_threshold=2147483648)",
                    "22023", "invalid value for integer option \"autovacuum_vacuum_threshold\": 2147483648", null);
            assertError(connection, "CREATE TABLE ro_bad (i int) WITH (oids=true)", "0A000",
                    "tables declared WITH OIDS are not supported", null);
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE ro_ok (i int)");
            }
            assertError(connection, "ALTER TABLE ro_ok RESET (fillfactor=3)", "42601",
                    "RESET must not include values for parameters", null);
            assertError(connection, "CREATE INDEX ON ro_ok (i) WITH (fillfactor=7)", "22023",
                    "value 7 out of bounds for option \"fillfactor\"", "Valid values are between \"10\" and \"100\".");
            assertError(connection, "CREATE INDEX ON ro_ok (i) WITH (autovacuum_enabled=off)", "22023",
                    "unrecognized parameter \"autovacuum_enabled\"", null);
            try (Statement statement = connection.createStatement()) {
                assertThat(rows(statement, "SELECT count(*) FROM pg_class WHERE relname LIKE 'ro_bad%'"))
                        .containsExactly("0");
                statement.execute("DROP TABLE ro_ok");
            }
        }
    }

    @Test
    void fillfactorLeavesRoomOnEveryPage() throws Exception {
        try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE ro_full (i int, t text)");
            statement.execute("CREATE TABLE ro_half (i int, t text) WITH (fillfactor = 50)");
            statement.execute("INSERT INTO ro_full SELECT g, repeat('x', 100) FROM generate_series(1, 2000) g");
            statement.execute("INSERT INTO ro_half SELECT g, repeat('x', 100) FROM generate_series(1, 2000) g");
            statement.execute("VACUUM ro_full, ro_half");
            int full = Integer.parseInt(rows(statement, "SELECT relpages FROM pg_class WHERE relname = 'ro_full'")
                    .getFirst());
            int half = Integer.parseInt(rows(statement, "SELECT relpages FROM pg_class WHERE relname = 'ro_half'")
                    .getFirst());
            // half of each page is kept free: about twice the pages
            assertThat(half).isBetween(2 * full - 2, 2 * full + 2);
            statement.execute("DROP TABLE ro_full, ro_half");
        }
    }
}
