package org.woolly.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.util.PSQLException;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Transaction isolation levels and read-only transactions as PostgreSQL 15 gives them to
 * clients: every way of asking for REPEATABLE READ keeps one snapshot and turns a concurrent
 * change into 40001; READ ONLY refuses writes with 25006; SERIALIZABLE can be asked for the same
 * ways (what it does is SerializableIT's).
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class IsolationIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    @RegisterExtension
    final TestSessions sessions = new TestSessions(server);

    private Connection connect() throws SQLException {
        return sessions.connect();
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        TestSessions.execute(connection, sql);
    }

    private static String text(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static PSQLException error(Connection connection, String sql) {
        Throwable thrown = catchThrowable(() -> execute(connection, sql));
        assertThat(thrown).as(sql).isInstanceOf(PSQLException.class);
        return (PSQLException) thrown;
    }

    private static void assertError(Connection connection, String sql, String state, String message) {
        PSQLException error = error(connection, sql);
        assertThat(error.getSQLState()).as(sql).isEqualTo(state);
        assertThat(error.getServerErrorMessage().getMessage()).as(sql).isEqualTo(message);
    }

    @Test
    void repeatableReadKeepsItsFirstSnapshotAndFailsOnAConcurrentUpdateOrDelete() throws Exception {
        Connection reader = connect();
        Connection writer = connect();
        execute(writer, "CREATE TABLE rr_t (id int, v int)");
        execute(writer, "INSERT INTO rr_t VALUES (1, 10), (2, 20), (3, 30)");
        reader.setAutoCommit(false);
        reader.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        assertThat(reader.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_REPEATABLE_READ);
        assertThat(text(reader, "SELECT sum(v) FROM rr_t")).isEqualTo("60");
        execute(writer, "INSERT INTO rr_t VALUES (4, 40)");
        execute(writer, "UPDATE rr_t SET v = 11 WHERE id = 1");
        execute(writer, "DELETE FROM rr_t WHERE id = 2");
        assertThat(text(reader, "SELECT sum(v) FROM rr_t")).isEqualTo("60");
        assertThat(text(reader, "SHOW transaction_isolation")).isEqualTo("repeatable read");
        assertError(reader, "UPDATE rr_t SET v = v + 1 WHERE id = 1", "40001",
                "could not serialize access due to concurrent update");
        reader.rollback();
        assertThat(text(reader, "SELECT sum(v) FROM rr_t")).isEqualTo("81");
        execute(writer, "DELETE FROM rr_t WHERE id = 3");
        assertError(reader, "UPDATE rr_t SET v = v + 1 WHERE id = 3", "40001",
                "could not serialize access due to concurrent delete");
        reader.rollback();
        assertThat(text(reader, "SELECT sum(v) FROM rr_t")).isEqualTo("51");
        execute(writer, "UPDATE rr_t SET v = 42 WHERE id = 4");
        assertError(reader, "DELETE FROM rr_t WHERE id = 4", "40001",
                "could not serialize access due to concurrent update");
        reader.rollback();
        // a row nobody else touched is changed as usual, and the next transaction sees everything
        assertThat(text(reader, "SELECT sum(v) FROM rr_t")).isEqualTo("53");
        execute(reader, "UPDATE rr_t SET v = 12 WHERE id = 1");
        reader.commit();
        assertThat(text(writer, "SELECT sum(v) FROM rr_t")).isEqualTo("54");
    }

    @Test
    void readCommittedFollowsTheConcurrentUpdateInstead() throws Exception {
        Connection a = connect();
        Connection b = connect();
        execute(a, "CREATE TABLE rc_t (id int, v int)");
        execute(a, "INSERT INTO rc_t VALUES (1, 10)");
        a.setAutoCommit(false);
        assertThat(text(a, "SELECT v FROM rc_t")).isEqualTo("10");
        execute(b, "UPDATE rc_t SET v = 20 WHERE id = 1");
        execute(a, "UPDATE rc_t SET v = v + 1 WHERE id = 1");
        a.commit();
        assertThat(text(b, "SELECT v FROM rc_t")).isEqualTo("21");
    }

    @Test
    void repeatableReadWaitsForARunningWriterAndFailsOnlyIfItCommits() throws Exception {
        Connection reader = connect();
        Connection writer = connect();
        execute(writer, "CREATE TABLE rr_wait (id int, v int)");
        execute(writer, "INSERT INTO rr_wait VALUES (1, 0)");
        writer.setAutoCommit(false);
        assertThat(updateWaitingFor(reader, writer, false)).isNull();
        execute(reader, "COMMIT");
        Throwable failure = updateWaitingFor(reader, writer, true);
        assertThat(failure).isInstanceOf(PSQLException.class);
        assertThat(((PSQLException) failure).getSQLState()).isEqualTo("40001");
        execute(reader, "ROLLBACK");
    }

    /** The reader's REPEATABLE READ update of a row the writer is changing: what it ends with once the writer ends. */
    private Throwable updateWaitingFor(Connection reader, Connection writer, boolean writerCommits) throws Exception {
        execute(reader, "BEGIN ISOLATION LEVEL REPEATABLE READ");
        execute(reader, "SELECT v FROM rr_wait");
        execute(writer, "UPDATE rr_wait SET v = v + 1");
        Future<Throwable> blocked = sessions.inBackground(() -> catchThrowable(() ->
                execute(reader, "UPDATE rr_wait SET v = v + 10")));
        Thread.sleep(500);
        assertThat(blocked.isDone()).as("waits for the writer").isFalse();
        if (writerCommits) {
            writer.commit();
        } else {
            writer.rollback();
        }
        return blocked.get(20, TimeUnit.SECONDS);
    }

    /** Each way to ask for REPEATABLE READ, run on a fresh connection before the transaction's first query. */
    @Test
    void everyWayToAskForRepeatableReadTakesEffect() throws Exception {
        Connection writer = connect();
        execute(writer, "CREATE TABLE rr_ways (id int)");
        List<List<String>> ways = List.of(
                List.of("BEGIN ISOLATION LEVEL REPEATABLE READ"),
                List.of("START TRANSACTION READ WRITE, ISOLATION LEVEL REPEATABLE READ"),
                List.of("BEGIN", "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ"),
                List.of("BEGIN", "SET transaction_isolation = 'repeatable read'"),
                List.of("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL REPEATABLE READ", "BEGIN"),
                List.of("SET default_transaction_isolation = 'repeatable read'", "BEGIN"));
        for (List<String> way : ways) {
            Connection reader = connect();
            for (String statement : way) {
                execute(reader, statement);
            }
            String before = text(reader, "SELECT count(*) FROM rr_ways");
            execute(writer, "INSERT INTO rr_ways VALUES (1)");
            assertThat(text(reader, "SELECT count(*) FROM rr_ways")).as(way.toString()).isEqualTo(before);
            assertThat(text(reader, "SHOW transaction_isolation")).as(way.toString()).isEqualTo("repeatable read");
            execute(reader, "COMMIT");
            assertThat(text(reader, "SELECT count(*) FROM rr_ways")).as(way.toString())
                    .isEqualTo(Long.toString(Long.parseLong(before) + 1));
        }
    }

    @Test
    void readUncommittedRunsAsReadCommittedButSaysWhatWasAsked() throws Exception {
        Connection reader = connect();
        Connection writer = connect();
        execute(writer, "CREATE TABLE ru_t (id int)");
        execute(reader, "BEGIN ISOLATION LEVEL READ UNCOMMITTED");
        assertThat(text(reader, "SHOW transaction_isolation")).isEqualTo("read uncommitted");
        assertThat(text(reader, "SELECT count(*) FROM ru_t")).isEqualTo("0");
        execute(writer, "INSERT INTO ru_t VALUES (1)");
        assertThat(text(reader, "SELECT count(*) FROM ru_t")).isEqualTo("1");
        execute(reader, "COMMIT");
        assertThat(text(reader, "SHOW transaction_isolation")).isEqualTo("read committed");
    }

    @Test
    void theIsolationLevelIsFixedByTheFirstQuery() throws Exception {
        Connection connection = connect();
        execute(connection, "BEGIN");
        execute(connection, "SHOW transaction_isolation");
        execute(connection, "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
        execute(connection, "SELECT 1");
        execute(connection, "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
        assertError(connection, "SET TRANSACTION ISOLATION LEVEL READ COMMITTED", "25001",
                "SET TRANSACTION ISOLATION LEVEL must be called before any query");
        execute(connection, "ROLLBACK");
        execute(connection, "BEGIN ISOLATION LEVEL REPEATABLE READ");
        execute(connection, "SELECT 1");
        assertError(connection, "SET transaction_isolation = 'read committed'", "25001",
                "SET TRANSACTION ISOLATION LEVEL must be called before any query");
        execute(connection, "ROLLBACK");
        // after the first query any change is refused first, SERIALIZABLE too; SET errors have no position
        execute(connection, "BEGIN");
        execute(connection, "SELECT 1");
        PSQLException serializable = error(connection, "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE");
        assertThat(serializable.getSQLState()).isEqualTo("25001");
        assertThat(serializable.getServerErrorMessage().getMessage())
                .isEqualTo("SET TRANSACTION ISOLATION LEVEL must be called before any query");
        execute(connection, "ROLLBACK");
        execute(connection, "BEGIN");
        execute(connection, "SELECT 1");
        assertThat(error(connection, "SET transaction_isolation = 'serializable'").getServerErrorMessage()
                .getPosition()).isZero();
        execute(connection, "ROLLBACK");

        try (Statement statement = connection.createStatement()) {
            statement.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
            SQLWarning warning = statement.getWarnings();
            assertThat((Throwable) warning).isNotNull();
            assertThat(warning.getSQLState()).isEqualTo("25P01");
            assertThat(warning.getMessage()).contains("SET TRANSACTION can only be used in transaction blocks");
        }
        assertThat(text(connection, "SHOW transaction_isolation")).isEqualTo("read committed");
        assertThat(text(connection, "SHOW default_transaction_isolation")).isEqualTo("read committed");
    }

    @Test
    void serializableIsAcceptedOnEveryPath() throws Exception {
        for (List<String> way : List.of(List.of("BEGIN ISOLATION LEVEL SERIALIZABLE"),
                List.of("START TRANSACTION ISOLATION LEVEL SERIALIZABLE"),
                List.of("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL SERIALIZABLE", "BEGIN"),
                List.of("SET default_transaction_isolation = serializable", "BEGIN"),
                List.of("BEGIN", "SET transaction_isolation TO 'serializable'"),
                List.of("SELECT set_config('default_transaction_isolation', 'serializable', false)", "BEGIN"))) {
            Connection connection = connect();
            for (String statement : way) {
                execute(connection, statement);
            }
            assertThat(text(connection, "SHOW transaction_isolation")).as(way.toString()).isEqualTo("serializable");
            execute(connection, "COMMIT");
        }
        Connection jdbc = connect();
        jdbc.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
        assertThat(jdbc.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_SERIALIZABLE);
        try (Connection startup = DriverManager.getConnection(server.jdbcUrl("postgres")
                + "?options=-c%20default_transaction_isolation%3Dserializable", server.superuser(), "")) {
            assertThat(text(startup, "SHOW transaction_isolation")).isEqualTo("serializable");
        }
    }

    @Test
    void readOnlyTransactionsRefuseEveryWrite() throws Exception {
        Connection connection = connect();
        execute(connection, "CREATE TABLE ro_t (id int)");
        execute(connection, "INSERT INTO ro_t VALUES (1)");
        execute(connection, "PREPARE ro_insert AS INSERT INTO ro_t VALUES (2)");
        List<String[]> writes = List.of(new String[] {"INSERT INTO ro_t VALUES (3)", "INSERT"},
                new String[] {"UPDATE ro_t SET id = 4", "UPDATE"}, new String[] {"DELETE FROM ro_t", "DELETE"},
                new String[] {"CREATE TABLE ro_new (id int)", "CREATE TABLE"},
                new String[] {"DROP TABLE ro_t", "DROP TABLE"}, new String[] {"TRUNCATE ro_t", "TRUNCATE TABLE"},
                new String[] {"EXPLAIN ANALYZE INSERT INTO ro_t VALUES (5)", "INSERT"},
                new String[] {"EXECUTE ro_insert", "INSERT"});
        for (String[] write : writes) {
            execute(connection, "BEGIN READ ONLY");
            assertThat(text(connection, "SELECT count(*) FROM ro_t")).isEqualTo("1");
            assertError(connection, write[0], "25006", "cannot execute " + write[1] + " in a read-only transaction");
            execute(connection, "ROLLBACK");
        }
        execute(connection, "BEGIN READ ONLY");
        execute(connection, "EXPLAIN INSERT INTO ro_t VALUES (6)");
        assertThat(text(connection, "SHOW transaction_read_only")).isEqualTo("on");
        execute(connection, "ROLLBACK");

        execute(connection, "BEGIN");
        execute(connection, "SET TRANSACTION READ ONLY");
        assertError(connection, "INSERT INTO ro_t VALUES (7)", "25006", "cannot execute INSERT in a read-only transaction");
        execute(connection, "ROLLBACK");

        execute(connection, "SET default_transaction_read_only = on");
        assertError(connection, "INSERT INTO ro_t VALUES (8)", "25006", "cannot execute INSERT in a read-only transaction");
        execute(connection, "BEGIN");
        execute(connection, "SET TRANSACTION READ WRITE");
        execute(connection, "INSERT INTO ro_t VALUES (9)");
        execute(connection, "COMMIT");
        execute(connection, "BEGIN");
        execute(connection, "SELECT 1");
        assertError(connection, "SET TRANSACTION READ WRITE", "25001",
                "transaction read-write mode must be set before any query");
        execute(connection, "ROLLBACK");
        execute(connection, "RESET default_transaction_read_only");
        assertThat(text(connection, "SELECT count(*) FROM ro_t")).isEqualTo("2");
    }

    @Test
    void jdbcReadOnlyConnectionsCannotWrite() throws Exception {
        Connection connection = connect();
        execute(connection, "CREATE TABLE ro_jdbc (id int)");
        connection.setAutoCommit(false);
        connection.setReadOnly(true);
        assertThat(text(connection, "SELECT count(*) FROM ro_jdbc")).isEqualTo("0");
        assertError(connection, "INSERT INTO ro_jdbc VALUES (1)", "25006",
                "cannot execute INSERT in a read-only transaction");
        connection.rollback();
        connection.setReadOnly(false);
        execute(connection, "INSERT INTO ro_jdbc VALUES (1)");
        connection.commit();
        assertThat(text(connection, "SELECT count(*) FROM ro_jdbc")).isEqualTo("1");
    }

    @Test
    void andChainStartsTheNextTransactionWithTheSameModes() throws Exception {
        Connection connection = connect();
        execute(connection, "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY");
        execute(connection, "SELECT 1");
        execute(connection, "COMMIT AND CHAIN");
        assertThat(text(connection, "SHOW transaction_isolation")).isEqualTo("repeatable read");
        assertThat(text(connection, "SHOW transaction_read_only")).isEqualTo("on");
        execute(connection, "ROLLBACK AND CHAIN");
        assertThat(text(connection, "SHOW transaction_isolation")).isEqualTo("repeatable read");
        // as PostgreSQL: an error's abort undoes the modes, the chained transaction has the defaults
        assertThat(catchThrowable(() -> execute(connection, "SELECT 1/0"))).isInstanceOf(PSQLException.class);
        execute(connection, "COMMIT AND CHAIN");
        assertThat(text(connection, "SHOW transaction_isolation")).isEqualTo("read committed");
        execute(connection, "COMMIT");
        assertError(connection, "COMMIT AND CHAIN", "25P01", "COMMIT AND CHAIN can only be used in transaction blocks");
        assertError(connection, "ROLLBACK AND CHAIN", "25P01",
                "ROLLBACK AND CHAIN can only be used in transaction blocks");
    }

    @Test
    void psqlSessionSeesWarningsErrorsAndSettingsAsWithPostgres() throws Exception {
        String script = """
                SET TRANSACTION READ ONLY;
                SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY;
                SHOW default_transaction_isolation;
                SHOW default_transaction_read_only;
                BEGIN;
                SHOW transaction_isolation;
                CREATE TABLE psql_ro (id int);
                ROLLBACK;
                BEGIN ISOLATION LEVEL SERIALIZABLE;
                SHOW transaction_isolation;
                """;
        String output = PsqlIT.run(server, script, "-A", "-t");
        assertThat(output.lines().toList()).containsExactly(
                "WARNING:  SET TRANSACTION can only be used in transaction blocks",
                "SET",
                "SET",
                "repeatable read",
                "on",
                "BEGIN",
                "repeatable read",
                "ERROR:  cannot execute CREATE TABLE in a read-only transaction",
                "ROLLBACK",
                "BEGIN",
                "serializable");
    }
}
