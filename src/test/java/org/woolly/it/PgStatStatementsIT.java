package org.woolly.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.woolly.embedded.WoollyServer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.woolly.it.TestSessions.execute;
import static org.woolly.it.TestSessions.firstValue;
import static org.woolly.it.TestSessions.rows;

/**
 * pg_stat_statements built in, as a PostgreSQL 15 user with the extension loaded sees it: one
 * entry per normalized statement (constants as $n, whatever the spacing or the constants),
 * calls and rows counted, the simple and the extended protocol under one entry, reset, the
 * settings, query ids shared with pg_stat_activity, CREATE EXTENSION accepted, and the entries
 * kept across a clean restart.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PgStatStatementsIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    private static List<String> entries(Connection connection, String pattern) throws SQLException {
        return rows(connection, "SELECT query || '|' || calls || '|' || rows FROM pg_stat_statements WHERE query LIKE '"
                + pattern + "' ORDER BY query");
    }

    @Test
    void statementsDifferingInConstantsShareOneNormalizedEntry() throws Exception {
        try (Connection connection = server.connect()) {
            execute(connection, "CREATE TABLE pgss_a (id int, name text)");
            execute(connection, "INSERT INTO pgss_a VALUES (1, 'one'), (2, 'two'), (3, 'three')");
            execute(connection, "SELECT pg_stat_statements_reset()");
            execute(connection, "SELECT name FROM pgss_a WHERE id = 1");
            execute(connection, "select  name from pgss_a   where id = 2");
            execute(connection, "SELECT name FROM pgss_a WHERE id = -3 /* comment */");
            execute(connection, "SELECT name FROM pgss_a WHERE id IN (1, 2) AND name <> 'x' LIMIT 10");
            execute(connection, "UPDATE pgss_a SET name = 'uno' WHERE id = 1");
            assertThat(entries(connection, "%pgss_a%")).containsExactly(
                    "SELECT name FROM pgss_a WHERE id = $1|3|2",
                    "SELECT name FROM pgss_a WHERE id IN ($1, $2) AND name <> $3 LIMIT $4|1|2",
                    "UPDATE pgss_a SET name = $1 WHERE id = $2|1|1");
            assertThat(firstValue(connection, "SELECT count(DISTINCT queryid) FROM pg_stat_statements "
                    + "WHERE query LIKE '%pgss_a%'")).isEqualTo("3");
            assertThat(firstValue(connection, "SELECT bool_and(total_exec_time >= max_exec_time AND max_exec_time "
                    + ">= mean_exec_time AND mean_exec_time >= min_exec_time AND min_exec_time >= 0 "
                    + "AND userid = 10 AND toplevel AND plans = 0) FROM pg_stat_statements")).isEqualTo("t");
            assertThat(firstValue(connection, "SELECT dbid = (SELECT oid FROM pg_database WHERE datname = "
                    + "'postgres') FROM pg_stat_statements WHERE query LIKE 'UPDATE pgss_a%'")).isEqualTo("t");
        }
    }

    @Test
    void extendedProtocolParametersKeepTheirNumbersAndCountUnderOneEntry() throws Exception {
        try (Connection connection = server.connect()) {
            execute(connection, "CREATE TABLE pgss_b (id int)");
            execute(connection, "SELECT pg_stat_statements_reset()");
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO pgss_b VALUES (?), (7)")) {
                for (int i = 0; i < 4; i++) {
                    insert.setInt(1, i);
                    insert.executeUpdate();
                }
            }
            assertThat(entries(connection, "INSERT INTO pgss_b%")).containsExactly(
                    "INSERT INTO pgss_b VALUES ($1), ($2)|4|8");
        }
    }

    @Test
    void utilityStatementsKeepTheirTextAndFollowTrackUtility() throws Exception {
        try (Connection connection = server.connect()) {
            execute(connection, "SELECT pg_stat_statements_reset()");
            execute(connection, "CREATE TABLE pgss_c (id int)");
            execute(connection, "SET pg_stat_statements.track_utility = off");
            execute(connection, "CREATE TABLE pgss_d (id int)");
            execute(connection, "SET pg_stat_statements.track_utility = on");
            assertThat(entries(connection, "CREATE TABLE pgss_%")).containsExactly("CREATE TABLE pgss_c (id int)|1|0");
            execute(connection, "SET pg_stat_statements.track = none");
            execute(connection, "SELECT 42 AS untracked");
            execute(connection, "RESET pg_stat_statements.track");
            assertThat(entries(connection, "%untracked%")).isEmpty();
            assertThat(firstValue(connection, "SHOW pg_stat_statements.max")).isEqualTo("5000");
            assertThat(firstValue(connection, "SHOW compute_query_id")).isEqualTo("auto");
        }
    }

    @Test
    void resetByQueryIdRemovesOnlyThatEntry() throws Exception {
        try (Connection connection = server.connect()) {
            execute(connection, "SELECT pg_stat_statements_reset()");
            execute(connection, "SELECT 1 AS first_one");
            execute(connection, "SELECT 2 AS second_one");
            String queryId = firstValue(connection, "SELECT queryid FROM pg_stat_statements WHERE query LIKE "
                    + "'%first_one%'");
            execute(connection, "SELECT pg_stat_statements_reset(0, 0, " + queryId + ")");
            assertThat(entries(connection, "%_one")).containsExactly("SELECT $1 AS second_one|1|1");
            assertThat(firstValue(connection, "SELECT dealloc FROM pg_stat_statements_info")).isEqualTo("0");
        }
    }

    @Test
    void pgStatActivityShowsTheRunningStatementsQueryId() throws Exception {
        try (Connection connection = server.connect()) {
            execute(connection, "SELECT pg_stat_statements_reset()");
            String shown = firstValue(connection, "SELECT query_id FROM pg_stat_activity WHERE pid = pg_backend_pid()");
            assertThat(firstValue(connection, "SELECT queryid FROM pg_stat_statements WHERE query LIKE "
                    + "'SELECT query_id FROM pg_stat_activity%'")).isEqualTo(shown);
            execute(connection, "SET compute_query_id = off");
            assertThat(firstValue(connection, "SELECT query_id FROM pg_stat_activity WHERE pid = pg_backend_pid()"))
                    .isNull();
        }
    }

    @Test
    void createExtensionIsAcceptedAndListed() throws Exception {
        try (Connection connection = server.connect()) {
            execute(connection, "CREATE EXTENSION pg_stat_statements");
            assertThat(rows(connection, "SELECT e.extname, e.extversion, n.nspname FROM pg_extension e "
                    + "JOIN pg_namespace n ON n.oid = e.extnamespace")).contains("pg_stat_statements|1.10|public");
            WoollyServerExtension.assertError(WoollyServerExtension.errorOf(connection,
                    "CREATE EXTENSION pg_stat_statements"), "42710",
                    "extension \"pg_stat_statements\" already exists", null);
            execute(connection, "CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            WoollyServerExtension.assertError(WoollyServerExtension.errorOf(connection, "CREATE EXTENSION no_such"),
                    "0A000", "extension \"no_such\" is not available",
                    "Could not open extension control file "
                            + "\"/usr/share/postgresql/15/extension/no_such.control\": No such file or directory.");
            execute(connection, "DROP EXTENSION pg_stat_statements");
            WoollyServerExtension.assertError(WoollyServerExtension.errorOf(connection,
                    "DROP EXTENSION pg_stat_statements"), "42704",
                    "extension \"pg_stat_statements\" does not exist", null);
        }
    }

    @Test
    void entriesSurviveACleanRestart() throws Exception {
        Path directory = Files.createTempDirectory("woolly-pgss-");
        try {
            try (WoollyServer first = start(directory);
                 Connection connection = connect(first)) {
                execute(connection, "SELECT 'kept' AS across_restart");
                execute(connection, "SELECT 'again' AS across_restart");
            }
            try (WoollyServer second = start(directory);
                 Connection connection = connect(second)) {
                assertThat(entries(connection, "%across_restart")).containsExactly("SELECT $1 AS across_restart|2|2");
            }
        } finally {
            try (var files = Files.walk(directory)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static WoollyServer start(Path directory) {
        return WoollyServer.builder().dataDirectory(directory).setting("port", "0")
                .setting("listen_addresses", "127.0.0.1").setting("unix_socket_directories", "")
                .setting("fsync", "off").start();
    }

    private static Connection connect(WoollyServer target) throws SQLException {
        return DriverManager.getConnection(target.jdbcUrl("postgres"), target.superuser(), "");
    }
}
