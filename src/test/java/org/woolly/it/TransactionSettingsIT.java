package org.woolly.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.woolly.it.TestSessions.execute;
import static org.woolly.it.TestSessions.firstValue;

/**
 * SET, SET LOCAL and set_config inside transactions and savepoints, as a client sees them:
 * every expected value is what PostgreSQL 15 printed for the same statements.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TransactionSettingsIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    @RegisterExtension
    final TestSessions sessions = new TestSessions(server);

    /** Runs each statement in turn, as a script of psql lines. */
    private static void run(Connection connection, String... statements) throws SQLException {
        for (String statement : statements) {
            execute(connection, statement);
        }
    }

    @Test
    void rollbackToSavepointRestoresTheSettingAtTheSavepoint() throws SQLException {
        Connection connection = sessions.connect();
        run(connection, "BEGIN",
                "SET work_mem = '8MB'",
                "SAVEPOINT a",
                "SET work_mem = '16MB'",
                "ROLLBACK TO SAVEPOINT a");
        assertThat(firstValue(connection, "SHOW work_mem")).isEqualTo("8MB");
        execute(connection, "COMMIT");
        assertThat(firstValue(connection, "SHOW work_mem")).isEqualTo("8MB");
    }

    @Test
    void aSavepointRolledBackAfterAnErrorUndoesItsSettings() throws SQLException {
        Connection connection = sessions.connect();
        run(connection, "BEGIN",
                "SAVEPOINT a",
                "SET lock_timeout = '5s'");
        assertThat(WoollyServerExtension.errorOf(connection, "SELECT 1/0").getSQLState()).isEqualTo("22012");
        execute(connection, "ROLLBACK TO a");
        assertThat(firstValue(connection, "SHOW lock_timeout")).isEqualTo("0");
        execute(connection, "COMMIT");
    }

    @Test
    void setLocalInAReleasedSavepointLastsUntilTheTransactionEnds() throws SQLException {
        Connection connection = sessions.connect();
        run(connection, "BEGIN",
                "SET work_mem = '8MB'",
                "SAVEPOINT a",
                "SET LOCAL work_mem = '16MB'",
                "RELEASE a");
        assertThat(firstValue(connection, "SHOW work_mem")).isEqualTo("16MB");
        execute(connection, "COMMIT");
        assertThat(firstValue(connection, "SHOW work_mem")).isEqualTo("8MB");
    }

    @Test
    void setConfigIsLocalWhenAsked() throws SQLException {
        Connection connection = sessions.connect();
        execute(connection, "BEGIN");
        assertThat(firstValue(connection, "SELECT set_config('work_mem', '8MB', true)")).isEqualTo("8MB");
        execute(connection, "SAVEPOINT a");
        assertThat(firstValue(connection, "SELECT set_config('work_mem', '9MB', false)")).isEqualTo("9MB");
        execute(connection, "ROLLBACK TO a");
        assertThat(firstValue(connection, "SELECT current_setting('work_mem')")).isEqualTo("8MB");
        execute(connection, "COMMIT");
        assertThat(firstValue(connection, "SHOW work_mem")).isEqualTo("4MB");
    }

    @Test
    void setTransactionReadOnlyInASavepointIsUndoneByItsRollback() throws SQLException {
        Connection connection = sessions.connect();
        run(connection, "BEGIN",
                "SAVEPOINT a",
                "SET TRANSACTION READ ONLY");
        assertThat(firstValue(connection, "SHOW transaction_read_only")).isEqualTo("on");
        execute(connection, "ROLLBACK TO a");
        assertThat(firstValue(connection, "SHOW transaction_read_only")).isEqualTo("off");
        run(connection, "CREATE TABLE writable_after_rollback_to (a int)",
                "COMMIT");
    }

    @Test
    void aReadOnlyTransactionMayWriteTemporaryTablesOnly() throws SQLException {
        Connection connection = sessions.connect();
        run(connection, "CREATE TABLE ro_kept (a int)",
                "CREATE TEMP TABLE ro_scratch (a int)",
                "BEGIN READ ONLY",
                "INSERT INTO ro_scratch VALUES (1)",
                "UPDATE ro_scratch SET a = 2",
                "WITH moved AS (DELETE FROM ro_scratch RETURNING a) SELECT count(*) FROM moved");
        // as ExecCheckXactReadOnly: a data-modifying WITH is refused under its top command's name
        var refused = WoollyServerExtension.errorOf(connection,
                "WITH added AS (INSERT INTO ro_kept VALUES (1) RETURNING a) SELECT a FROM added");
        assertThat(refused.getSQLState()).isEqualTo("25006");
        assertThat(refused.getMessage())
                .isEqualTo("cannot execute SELECT in a read-only transaction");
        execute(connection, "ROLLBACK");
        assertThat(firstValue(connection, "SELECT count(*) FROM ro_kept")).isEqualTo("0");
    }

    @Test
    void aRolledBackTransactionUndoesSetsOfItsOpenSavepoints() throws SQLException {
        Connection connection = sessions.connect();
        run(connection, "BEGIN",
                "SET search_path = pg_catalog",
                "SAVEPOINT a",
                "SET search_path = information_schema",
                "ROLLBACK");
        assertThat(firstValue(connection, "SHOW search_path")).isEqualTo("\"$user\", public");
    }
}
