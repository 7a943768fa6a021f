package org.woolly.it;

import org.junit.jupiter.api.Test;
import org.postgresql.util.ServerErrorMessage;
import org.woolly.embedded.WoollyServer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server log as a PostgreSQL operator reads it: log_statement, log_duration,
 * log_min_duration_statement, log_connections/log_disconnections with PostgreSQL's texts,
 * log_line_prefix escapes, and the logging collector writing csvlog records with PostgreSQL
 * 15's 26 columns and jsonlog objects next to the stderr-format file, which pg_current_logfile
 * names and pg_rotate_logfile replaces; log_lock_waits.
 */
class ServerLogIT {

    private static Connection connect(WoollyServer server, String applicationName) throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl("postgres") + "?ApplicationName=" + applicationName,
                server.superuser(), "");
    }

    /** A connection that sends statements as simple Query messages (as psql does). */
    private static Connection connectSimple(WoollyServer server, String applicationName) throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl("postgres") + "?preferQueryMode=simple&ApplicationName="
                + applicationName, server.superuser(), "");
    }

    private static String awaitLogContaining(Path dataDirectory, String suffix, String expected) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        String text = "";
        while (System.nanoTime() < deadline) {
            text = readLogs(dataDirectory, suffix);
            if (text.contains(expected)) {
                return text;
            }
            Thread.sleep(20);
        }
        assertThat(text).contains(expected);
        return text;
    }

    private static String readLogs(Path dataDirectory, String suffix) throws Exception {
        Path directory = dataDirectory.resolve("log");
        if (!Files.isDirectory(directory)) {
            return "";
        }
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.toString().endsWith(suffix)).sorted().toList()) {
                all.append(Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        return all.toString();
    }

    @Test
    void logStatementAllAndConnectionsAreLoggedWithPostgresTextsAndPrefix() throws Exception {
        try (WoollyServer server = WoollyServer.builder().temporaryDirectory().setting("fsync", "off")
                .setting("logging_collector", "on").setting("log_statement", "all")
                .setting("log_connections", "on").setting("log_disconnections", "on")
                .setting("log_line_prefix", "%m [%p] %q%u@%d %a %i %e ").start()) {
            int pid;
            try (Connection connection = connectSimple(server, "logtest");
                 Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE logged (a int)");
                statement.execute("INSERT INTO logged VALUES (1)");
            }
            try (Connection connection = connect(server, "logtest"); Statement statement = connection.createStatement()) {
                try (PreparedStatement prepared = connection.prepareStatement("SELECT a FROM logged WHERE a = ?")) {
                    prepared.setInt(1, 1);
                    prepared.executeQuery().close();
                }
                var rows = statement.executeQuery("SELECT pg_backend_pid()");
                rows.next();
                pid = rows.getInt(1);
            }
            Path data = server.dataDirectory();
            String log = awaitLogContaining(data, ".log", "disconnection: session time: ");
            log = awaitLogContaining(data, ".log", "SELECT pg_backend_pid()");
            String prefix = "] " + server.superuser() + "@postgres logtest ";
            assertThat(log).contains("LOG:  connection received: host=127.0.0.1 port=");
            assertThat(log).containsPattern("LOG:  connection authorized: user=" + server.superuser()
                    + " database=postgres application_name=logtest");
            // %i is the command tag of the moment: a simple Query's text is logged before its statements run
            assertThat(log).contains(prefix + "idle 00000 LOG:  statement: CREATE TABLE logged (a int)");
            assertThat(log).contains(prefix + "idle 00000 LOG:  statement: INSERT INTO logged VALUES (1)");
            assertThat(log).contains("] [unknown]@[unknown] [unknown]  00000 LOG:  connection received: host=127.0.0.1");
            assertThat(log).contains("[" + pid + "] " + server.superuser()
                    + "@postgres logtest SELECT 00000 LOG:  execute <unnamed>: SELECT a FROM logged WHERE a = $1");
            assertThat(log).containsPattern("LOG:  disconnection: session time: \\d+:\\d\\d:\\d\\d\\.\\d{3} user="
                    + server.superuser() + " database=postgres host=127.0.0.1 port=\\d+");
            // %q: lines of the postmaster stop the prefix there
            assertThat(log).containsPattern("(?m)^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} UTC \\[\\d+\\] "
                    + "LOG:  database system is ready to accept connections$");
            assertThat(Files.readString(data.resolve("current_logfiles"))).startsWith("stderr log/postgresql-");
        }
    }

    @Test
    void durationsAreLoggedWithTheStatementWhenOverTheMinimum() throws Exception {
        try (WoollyServer server = WoollyServer.builder().temporaryDirectory().setting("fsync", "off")
                .setting("logging_collector", "on").setting("log_min_duration_statement", "0").start()) {
            try (Connection connection = connectSimple(server, "x");
                 Statement statement = connection.createStatement()) {
                statement.execute("SELECT 42");
                statement.execute("SET log_min_duration_statement = -1");
                statement.execute("SET log_duration = on");
                statement.execute("SELECT 43");
            }
            // log_duration alone: the time without the text, for SET log_duration and SELECT 43
            String log = "";
            long bare = 0;
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (bare < 2 && System.nanoTime() < deadline) {
                Thread.sleep(20);
                log = readLogs(server.dataDirectory(), ".log");
                bare = log.lines().filter(line -> line.matches(".*LOG:  duration: \\d+\\.\\d{3} ms")).count();
            }
            assertThat(bare).isEqualTo(2);
            assertThat(log).containsPattern("LOG:  duration: \\d+\\.\\d{3} ms  statement: SELECT 42");
            assertThat(log).doesNotContain("SELECT 43");
        }
    }

    @Test
    void csvlogHasPostgresColumnsAndErrorsCarryTheirStatement() throws Exception {
        try (WoollyServer server = WoollyServer.builder().temporaryDirectory().setting("fsync", "off")
                .setting("logging_collector", "on").setting("log_destination", "stderr,csvlog").start()) {
            try (Connection connection = connect(server, "csvapp"); Statement statement = connection.createStatement()) {
                statement.execute("SELECT 1/0");
            } catch (SQLException expected) {
                assertThat(expected.getSQLState()).isEqualTo("22012");
            }
            String csv = awaitLogContaining(server.dataDirectory(), ".csv", "division by zero");
            String record = csv.lines().filter(line -> line.contains("division by zero")).findFirst().orElseThrow();
            List<String> columns = parseCsv(record);
            assertThat(columns).hasSize(26);
            assertThat(columns.get(1)).isEqualTo(server.superuser());
            assertThat(columns.get(2)).isEqualTo("postgres");
            assertThat(columns.get(4)).startsWith("127.0.0.1:");
            assertThat(columns.get(11)).isEqualTo("ERROR");
            assertThat(columns.get(12)).isEqualTo("22012");
            assertThat(columns.get(13)).isEqualTo("division by zero");
            assertThat(columns.get(19)).isEqualTo("SELECT 1/0");
            assertThat(columns.get(22)).isEqualTo("csvapp");
            assertThat(columns.get(23)).isEqualTo("client backend");
            String stderr = readLogs(server.dataDirectory(), ".log");
            assertThat(stderr).contains("ERROR:  division by zero").contains("STATEMENT:  SELECT 1/0");
            assertThat(Files.readString(server.dataDirectory().resolve("current_logfiles"))).contains("csvlog log/");
        }
    }

    @Test
    void jsonlogWritesOneObjectPerLineWithPostgresKeys() throws Exception {
        try (WoollyServer server = WoollyServer.builder().temporaryDirectory().setting("fsync", "off")
                .setting("logging_collector", "on").setting("log_destination", "stderr,jsonlog").start()) {
            try (Connection connection = connect(server, "jsonapp"); Statement statement = connection.createStatement()) {
                assertThat(errorSqlState(statement, "SELECT 1/0")).isEqualTo("22012");
                // a message with a quote and a line break stays one line of JSON
                assertThat(errorSqlState(statement, "SELECT E'a\\\"b\\n'::int")).isEqualTo("22P02");
                try (ResultSet files = statement.executeQuery("SELECT pg_current_logfile(), "
                        + "pg_current_logfile('jsonlog'), pg_current_logfile('csvlog'), pg_current_logfile(NULL)")) {
                    assertThat(files.next()).isTrue();
                    assertThat(files.getString(1)).startsWith("log/postgresql-").endsWith(".log");
                    assertThat(files.getString(2)).isEqualTo(files.getString(1).replace(".log", ".json"));
                    assertThat(files.getString(3)).isNull();
                    assertThat(files.getString(4)).isEqualTo(files.getString(1));
                }
            }
            String json = awaitLogContaining(server.dataDirectory(), ".json", "invalid input syntax");
            assertThat(json.lines()).allSatisfy(line -> assertThat(line).startsWith("{\"timestamp\":\"").endsWith("}"));
            String error = json.lines().filter(line -> line.contains("division by zero")).findFirst().orElseThrow();
            assertThat(error).containsPattern("^\\{\"timestamp\":\"\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} UTC\",")
                    .contains(",\"user\":\"" + server.superuser() + "\",\"dbname\":\"postgres\",\"pid\":")
                    .contains(",\"remote_host\":\"127.0.0.1\",\"remote_port\":")
                    .containsPattern(",\"line_num\":\\d+,\"ps\":\"SELECT\",\"session_start\":\"[^\"]+\",\"vxid\":\"\\d+/\\d+\",\"txid\":0,")
                    .contains(",\"error_severity\":\"ERROR\",\"state_code\":\"22012\",\"message\":\"division by zero\","
                            + "\"statement\":\"SELECT 1/0\",\"application_name\":\"jsonapp\",\"backend_type\":\"client backend\","
                            + "\"query_id\":0}");
            assertThat(json).contains("\"message\":\"invalid input syntax for type integer: \\\"a\\\"b\\n\\\"\"");
            // a LOG line of the postmaster: no session keys, no SQLSTATE
            String ready = json.lines().filter(line -> line.contains("ready to accept connections")).findFirst()
                    .orElseThrow();
            assertThat(ready).doesNotContain("\"user\"", "\"state_code\"", "\"vxid\"")
                    .contains("\"error_severity\":\"LOG\"", "\"backend_type\":\"postmaster\"");
            assertThat(Files.readString(server.dataDirectory().resolve("current_logfiles")))
                    .containsPattern("(?m)^stderr log/postgresql-.*\\.log\njsonlog log/postgresql-.*\\.json$");
            try (Connection connection = connect(server, "rotate"); Statement statement = connection.createStatement();
                 ResultSet rotated = statement.executeQuery("SELECT pg_rotate_logfile()")) {
                assertThat(rotated.next()).isTrue();
                assertThat(rotated.getBoolean(1)).isTrue();
            }
        }
    }

    @Test
    void withoutTheCollectorThereIsNoLogFileToNameOrRotate() throws Exception {
        try (WoollyServer server = WoollyServer.builder().temporaryDirectory().setting("fsync", "off").start();
             Connection connection = connect(server, "nocollector"); Statement statement = connection.createStatement()) {
            try (ResultSet current = statement.executeQuery("SELECT pg_current_logfile(), pg_rotate_logfile()")) {
                assertThat(current.next()).isTrue();
                assertThat(current.getString(1)).isNull();
                assertThat(current.getBoolean(2)).isFalse();
            }
            ServerErrorMessage unsupported = WoollyServerExtension.errorOf(connection, "SELECT pg_current_logfile('xml')");
            assertThat(unsupported.getSQLState()).isEqualTo("22023");
            assertThat(unsupported.getMessage()).isEqualTo("log format \"xml\" is not supported");
            assertThat(unsupported.getHint())
                    .isEqualTo("The supported log formats are \"stderr\", \"csvlog\", and \"jsonlog\".");
            statement.execute("CREATE ROLE log_reader LOGIN");
            try (Connection reader = DriverManager.getConnection(server.jdbcUrl("postgres"), "log_reader", "")) {
                ServerErrorMessage denied = WoollyServerExtension.errorOf(reader, "SELECT pg_rotate_logfile()");
                assertThat(denied.getSQLState()).isEqualTo("42501");
                assertThat(denied.getMessage()).isEqualTo("permission denied for function pg_rotate_logfile");
            }
        }
    }

    @Test
    void aLockWaitLongerThanDeadlockTimeoutIsLoggedWithHoldersAndQueue() throws Exception {
        try (WoollyServer server = WoollyServer.builder().temporaryDirectory().setting("fsync", "off")
                .setting("logging_collector", "on").setting("deadlock_timeout", "100ms")
                .setting("log_lock_waits", "on").start();
             Connection holder = connect(server, "holder"); Statement holding = holder.createStatement();
             Connection waiter = connect(server, "waiter"); Statement waiting = waiter.createStatement()) {
            holding.execute("CREATE TABLE contended (a int)");
            holding.execute("INSERT INTO contended VALUES (1)");
            holder.setAutoCommit(false);
            holding.execute("UPDATE contended SET a = 2");
            int holderPid;
            try (ResultSet pid = holding.executeQuery("SELECT pg_backend_pid()")) {
                assertThat(pid.next()).isTrue();
                holderPid = pid.getInt(1);
            }
            int waiterPid;
            try (ResultSet pid = waiting.executeQuery("SELECT pg_backend_pid()")) {
                assertThat(pid.next()).isTrue();
                waiterPid = pid.getInt(1);
            }
            var update = java.util.concurrent.CompletableFuture.runAsync(() -> {
                try {
                    waiting.execute("UPDATE contended SET a = 3");
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            String log = awaitLogContaining(server.dataDirectory(), ".log", "still waiting for");
            assertThat(log).containsPattern("\\[" + waiterPid + "\\] LOG:  process " + waiterPid
                    + " still waiting for ShareLock on transaction \\d+ after \\d+\\.\\d{3} ms\\n.*DETAIL:  Process holding "
                    + "the lock: " + holderPid + "\\. Wait queue: " + waiterPid + "\\.\\n.*CONTEXT:  while updating tuple \\(0,1\\) in "
                    + "relation \"contended\"\\n.*STATEMENT:  UPDATE contended SET a = 3");
            holder.commit();
            update.get(60, java.util.concurrent.TimeUnit.SECONDS);
            log = awaitLogContaining(server.dataDirectory(), ".log", "acquired ShareLock");
            assertThat(log).containsPattern("LOG:  process " + waiterPid
                    + " acquired ShareLock on transaction \\d+ after \\d+\\.\\d{3} ms\\n.*CONTEXT:  while updating tuple "
                    + "\\(0,1\\) in relation \"contended\"\\n.*STATEMENT:  UPDATE contended SET a = 3");
        }
    }

    private static String errorSqlState(Statement statement, String sql) {
        try {
            statement.execute(sql);
            return null;
        } catch (SQLException expected) {
            return expected.getSQLState();
        }
    }

    /** One CSV record as PostgreSQL writes it: quoted fields with doubled quotes, empty for null. */
    private static List<String> parseCsv(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }
}
