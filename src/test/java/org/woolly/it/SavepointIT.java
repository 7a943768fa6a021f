package org.woolly.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.util.PSQLException;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.woolly.it.TestSessions.rows;

/**
 * Savepoints (subtransactions) as clients use them: pgjdbc's setSavepoint / rollback(savepoint)
 * and its autosave=always mode, psql's ON_ERROR_ROLLBACK, the errors PostgreSQL 15 gives
 * (3B001, 25P01, 25P02), locks taken in a rolled-back savepoint released for other sessions,
 * and a server killed with SIGKILL after ROLLBACK TO keeping exactly the rows kept.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SavepointIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    @RegisterExtension
    final TestSessions sessions = new TestSessions(server);

    @TempDir
    Path temporary;

    private static SQLException error(Connection connection, String sql) {
        return catchThrowableOfType(SQLException.class, () -> TestSessions.execute(connection, sql));
    }

    @Test
    void jdbcSavepointRollbackKeepsTheOuterWork() throws Exception {
        Connection c = sessions.connect();
        TestSessions.execute(c, "CREATE TABLE sp_jdbc (a int primary key)");
        c.setAutoCommit(false);
        TestSessions.execute(c, "INSERT INTO sp_jdbc VALUES (1)");
        Savepoint first = c.setSavepoint();
        TestSessions.execute(c, "INSERT INTO sp_jdbc VALUES (2)");
        Savepoint named = c.setSavepoint("inner");
        TestSessions.execute(c, "INSERT INTO sp_jdbc VALUES (3)");
        TestSessions.execute(c, "UPDATE sp_jdbc SET a = a + 10 WHERE a = 1");
        c.rollback(named);
        assertThat(rows(c, "SELECT a FROM sp_jdbc ORDER BY a")).containsExactly("1", "2");
        // a unique violation inside a savepoint: rolling back to it resumes the transaction
        Savepoint beforeDuplicate = c.setSavepoint();
        assertThat(error(c, "INSERT INTO sp_jdbc VALUES (2)").getSQLState()).isEqualTo("23505");
        assertThat(error(c, "SELECT 1").getSQLState()).isEqualTo("25P02");
        c.rollback(beforeDuplicate);
        TestSessions.execute(c, "INSERT INTO sp_jdbc VALUES (4)");
        c.releaseSavepoint(first);
        c.commit();
        c.setAutoCommit(true);
        assertThat(rows(c, "SELECT a FROM sp_jdbc ORDER BY a")).containsExactly("1", "2", "4");
        try (Connection other = sessions.connect()) {
            assertThat(rows(other, "SELECT a FROM sp_jdbc ORDER BY a")).containsExactly("1", "2", "4");
        }
    }

    @Test
    void errorsAreThoseOfPostgres() throws Exception {
        Connection c = sessions.connect();
        SQLException outside = error(c, "SAVEPOINT s");
        assertThat(outside.getSQLState()).isEqualTo("25P01");
        assertThat(outside.getMessage()).contains("SAVEPOINT can only be used in transaction blocks");
        assertThat(error(c, "RELEASE SAVEPOINT s").getMessage())
                .contains("RELEASE SAVEPOINT can only be used in transaction blocks");
        assertThat(error(c, "ROLLBACK TO s").getMessage())
                .contains("ROLLBACK TO SAVEPOINT can only be used in transaction blocks");
        TestSessions.execute(c, "BEGIN");
        SQLException unknown = error(c, "RELEASE nosuch");
        assertThat(unknown.getSQLState()).isEqualTo("3B001");
        assertThat(unknown.getMessage()).contains("savepoint \"nosuch\" does not exist");
        // an error with no savepoint leaves nothing to roll back to
        assertThat(error(c, "ROLLBACK TO nosuch").getSQLState()).isEqualTo("3B001");
        TestSessions.execute(c, "ROLLBACK");
        TestSessions.execute(c, "BEGIN");
        TestSessions.execute(c, "SAVEPOINT a");
        assertThat(error(c, "SELECT 1 / 0").getSQLState()).isEqualTo("22012");
        assertThat(error(c, "RELEASE a").getSQLState()).isEqualTo("25P02");
        assertThat(error(c, "ROLLBACK TO b").getSQLState()).isEqualTo("3B001");
        TestSessions.execute(c, "ROLLBACK TO a");
        assertThat(rows(c, "SELECT 1")).containsExactly("1");
        TestSessions.execute(c, "COMMIT");
    }

    @Test
    void autosaveAlwaysRecoversFromAFailedStatement() throws Exception {
        Connection c = sessions.connect("autosave=always");
        TestSessions.execute(c, "CREATE TABLE sp_autosave (a int primary key)");
        c.setAutoCommit(false);
        TestSessions.execute(c, "INSERT INTO sp_autosave VALUES (1)");
        for (int i = 0; i < 300; i++) {
            TestSessions.execute(c, "INSERT INTO sp_autosave VALUES (" + (i + 2) + ")");
        }
        assertThat(error(c, "INSERT INTO sp_autosave VALUES (1)").getSQLState()).isEqualTo("23505");
        TestSessions.execute(c, "INSERT INTO sp_autosave VALUES (1000)");
        c.commit();
        assertThat(rows(c, "SELECT count(*), max(a) FROM sp_autosave")).containsExactly("302|1000");
    }

    @Test
    void psqlOnErrorRollbackKeepsTheGoodStatements() throws Exception {
        String output = PsqlIT.run(server, """
                \\set ON_ERROR_ROLLBACK on
                CREATE TABLE sp_psql (a int);
                BEGIN;
                INSERT INTO sp_psql VALUES (1);
                SELECT 1 / 0;
                INSERT INTO sp_psql VALUES (2);
                COMMIT;
                SELECT a FROM sp_psql ORDER BY a;
                """, "-At");
        assertThat(output.lines().toList()).containsExactly("CREATE TABLE", "BEGIN", "INSERT 0 1",
                "ERROR:  division by zero", "INSERT 0 1", "COMMIT", "1", "2");
    }

    @Test
    void aRolledBackSavepointReleasesItsRowsAndLocks() throws Exception {
        Connection c = sessions.connect();
        TestSessions.execute(c, "CREATE TABLE sp_lock (a int)");
        TestSessions.execute(c, "INSERT INTO sp_lock VALUES (1)");
        c.setAutoCommit(false);
        TestSessions.execute(c, "INSERT INTO sp_lock VALUES (2)");
        Savepoint savepoint = c.setSavepoint();
        TestSessions.execute(c, "UPDATE sp_lock SET a = 10 WHERE a = 1");
        Connection other = sessions.connect();
        Future<Integer> waiting = sessions.inBackground(() -> {
            try (Statement statement = other.createStatement()) {
                return statement.executeUpdate("UPDATE sp_lock SET a = 20 WHERE a = 1");
            }
        });
        Thread.sleep(1000);
        assertThat(waiting.isDone()).as("the other update waits for the row").isFalse();
        c.rollback(savepoint);
        // the row's change is undone: the waiter updates the row it was waiting for
        assertThat(waiting.get(20, TimeUnit.SECONDS)).isEqualTo(1);
        c.commit();
        c.setAutoCommit(true);
        assertThat(rows(c, "SELECT a FROM sp_lock ORDER BY a")).containsExactly("2", "20");
    }

    @Test
    void ddlInARolledBackSavepointIsGone() throws Exception {
        Connection c = sessions.connect();
        c.setAutoCommit(false);
        TestSessions.execute(c, "CREATE TABLE sp_kept (a int)");
        TestSessions.execute(c, "SAVEPOINT s");
        TestSessions.execute(c, "CREATE TABLE sp_gone (a int)");
        TestSessions.execute(c, "INSERT INTO sp_gone VALUES (1)");
        TestSessions.execute(c, "ROLLBACK TO SAVEPOINT s");
        assertThat(error(c, "SELECT * FROM sp_gone").getSQLState()).isEqualTo("42P01");
        c.rollback();
        TestSessions.execute(c, "CREATE TABLE sp_kept (a int)");
        TestSessions.execute(c, "SAVEPOINT s");
        TestSessions.execute(c, "DROP TABLE sp_kept");
        TestSessions.execute(c, "ROLLBACK TO s");
        TestSessions.execute(c, "INSERT INTO sp_kept VALUES (1)");
        c.commit();
        assertThat(rows(c, "SELECT count(*) FROM sp_kept")).containsExactly("1");
    }

    @Test
    void aKillAfterRollbackToKeepsOnlyTheKeptRows() throws Exception {
        try (ServerProcesses processes = new ServerProcesses(temporary)) {
            Path data = temporary.resolve("data");
            int port = ServerProcesses.freePort();
            processes.init(data);
            Process running = processes.start(data, port);
            String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
            String user = System.getProperty("user.name");
            try (Connection c = DriverManager.getConnection(url, user, "")) {
                TestSessions.execute(c, "CREATE TABLE sp_crash (a int, label text)");
                TestSessions.execute(c, "CREATE INDEX ON sp_crash (a)");
                c.setAutoCommit(false);
                TestSessions.execute(c, "INSERT INTO sp_crash SELECT g, 'kept' FROM generate_series(1, 100) g");
                for (int i = 0; i < 50; i++) {
                    TestSessions.execute(c, "SAVEPOINT s" + i);
                    TestSessions.execute(c, "INSERT INTO sp_crash VALUES (" + (1000 + i) + ", 'gone')");
                    TestSessions.execute(c, "UPDATE sp_crash SET label = 'gone' WHERE a = " + (i + 1));
                    TestSessions.execute(c, "ROLLBACK TO s" + i);
                    TestSessions.execute(c, "INSERT INTO sp_crash VALUES (" + (2000 + i) + ", 'kept')");
                    TestSessions.execute(c, "RELEASE s" + i);
                }
                c.commit();
                c.setAutoCommit(true);
                // a transaction left open, with a savepoint, dies with the server
                c.setAutoCommit(false);
                TestSessions.execute(c, "SAVEPOINT open");
                TestSessions.execute(c, "INSERT INTO sp_crash VALUES (3000, 'gone')");
                ServerProcesses.killDashNine(running);
            } catch (PSQLException ignored) {
                // the connection dies with the server
            }
            processes.start(data, port);
            try (Connection c = DriverManager.getConnection(url, user, "")) {
                assertThat(rows(c, "SELECT count(*), count(*) FILTER (WHERE label = 'kept') FROM sp_crash"))
                        .containsExactly("150|150");
                assertThat(rows(c, "SELECT count(*) FROM sp_crash WHERE a >= 1000 AND a < 2000")).containsExactly("0");
            }
        }
    }

    @Test
    void txidCurrentIsTheTransactionsXidAndStaysAcrossSavepoints() throws Exception {
        Connection c = sessions.connect();
        c.setAutoCommit(false);
        String first = rows(c, "SELECT txid_current()").getFirst();
        TestSessions.execute(c, "SAVEPOINT s");
        assertThat(rows(c, "SELECT txid_current()")).containsExactly(first);
        c.commit();
        assertThat(Long.parseLong(rows(c, "SELECT txid_current()").getFirst())).isGreaterThan(Long.parseLong(first));
        c.rollback();
    }
}
