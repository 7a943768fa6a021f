package org.woolly.it;

import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.woolly.it.TestSessions.execute;
import static org.woolly.it.TestSessions.rows;
import static org.woolly.it.WoollyServerExtension.assertError;
import static org.woolly.it.WoollyServerExtension.errorOf;

/**
 * Prepared transactions survive a SIGKILL of the server (separate JVM) as in PostgreSQL
 * (twophase.c): the PREPARE record is flushed before PREPARE TRANSACTION answers, a checkpoint
 * writes the state into pg_twophase/ before its redo point passes the record, and start-up
 * rebuilds each prepared transaction with its XIDs and locks. COMMIT PREPARED then makes its
 * rows visible and ROLLBACK PREPARED never does.
 */
@Timeout(value = 300, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TwoPhaseCrashIT {
    private static final String[] OPTIONS = {"-c", "max_prepared_transactions=5"};

    @RegisterExtension
    final KillableServer server = new KillableServer();

    /** Two prepared transactions: 'keep' updates row 0 and inserts 1 and 2 (in a savepoint), 'drop' inserts 3 and creates a table. */
    private void prepareTwo(Connection connection) throws SQLException {
        execute(connection, "CREATE TABLE tp (id int PRIMARY KEY, v text)");
        execute(connection, "CREATE TABLE tp_locked (id int)");
        execute(connection, "INSERT INTO tp VALUES (0, 'before')");
        execute(connection, "BEGIN");
        execute(connection, "UPDATE tp SET v = 'after' WHERE id = 0");
        execute(connection, "INSERT INTO tp VALUES (1, 'one')");
        execute(connection, "SAVEPOINT s");
        execute(connection, "INSERT INTO tp VALUES (2, 'two')");
        execute(connection, "RELEASE SAVEPOINT s");
        execute(connection, "PREPARE TRANSACTION 'keep'");
        execute(connection, "BEGIN");
        execute(connection, "INSERT INTO tp VALUES (3, 'three')");
        execute(connection, "LOCK TABLE tp_locked IN ACCESS EXCLUSIVE MODE");
        execute(connection, "CREATE TABLE tp_created (id int)");
        execute(connection, "INSERT INTO tp_created VALUES (7)");
        execute(connection, "PREPARE TRANSACTION 'drop'");
    }

    /** A prepared transaction that creates a table and adds a column, committed after a kill: every session sees both. */
    @Test
    void catalogChangesOfARecoveredPreparedTransactionAreSeenAfterCommitPrepared() throws Exception {
        server.initAndStart(OPTIONS);
        try (Connection connection = server.connect()) {
            execute(connection, "CREATE TABLE tp_altered (id int)");
            execute(connection, "INSERT INTO tp_altered VALUES (1)");
            execute(connection, "BEGIN");
            execute(connection, "CREATE TABLE tp_new (id int)");
            execute(connection, "INSERT INTO tp_new VALUES (5)");
            execute(connection, "ALTER TABLE tp_altered ADD COLUMN note text DEFAULT 'x'");
            execute(connection, "PREPARE TRANSACTION 'ddl'");
        }
        server.kill();
        server.restart(OPTIONS);
        try (Connection reader = server.connect(); Connection finisher = server.connect()) {
            // the reader caches the catalog as it is before the commit
            assertThat(rows(reader, "SELECT count(*) FROM pg_class WHERE relname = 'tp_new'")).containsExactly("0");
            assertError(errorOf(reader, "SELECT * FROM tp_new"), "42P01", "relation \"tp_new\" does not exist", null);
            execute(finisher, "COMMIT PREPARED 'ddl'");
            assertThat(rows(reader, "SELECT * FROM tp_new")).containsExactly("5");
            assertThat(rows(reader, "SELECT id, note FROM tp_altered")).containsExactly("1|x");
        }
    }

    /** After the restart: both are listed, hold their locks, and end as COMMIT / ROLLBACK PREPARED say. */
    private void finishTwo(Connection connection) throws SQLException {
        assertThat(rows(connection, "SELECT gid, owner = current_user, database FROM pg_prepared_xacts ORDER BY gid"))
                .containsExactly("drop|t|postgres", "keep|t|postgres");
        assertThat(rows(connection, "SELECT id, v FROM tp ORDER BY id")).containsExactly("0|before");
        execute(connection, "SET lock_timeout = '200ms'");
        assertError(errorOf(connection, "UPDATE tp SET v = 'x' WHERE id = 0"), "55P03",
                "canceling statement due to lock timeout", null);
        execute(connection, "BEGIN");
        assertError(errorOf(connection, "LOCK TABLE tp_locked IN SHARE MODE NOWAIT"), "55P03",
                "could not obtain lock on relation \"tp_locked\"", null);
        execute(connection, "ROLLBACK");
        execute(connection, "RESET lock_timeout");

        execute(connection, "COMMIT PREPARED 'keep'");
        execute(connection, "ROLLBACK PREPARED 'drop'");
        assertThat(rows(connection, "SELECT id, v FROM tp ORDER BY id")).containsExactly("0|after", "1|one", "2|two");
        assertThat(rows(connection, "SELECT count(*) FROM pg_class WHERE relname = 'tp_created'")).containsExactly("0");
        execute(connection, "BEGIN");
        execute(connection, "LOCK TABLE tp_locked IN ACCESS EXCLUSIVE MODE NOWAIT");
        execute(connection, "COMMIT");
        assertThat(rows(connection, "SELECT gid FROM pg_prepared_xacts")).isEmpty();
    }

    @Test
    void preparedTransactionsComeBackAfterAKill() throws Exception {
        server.initAndStart(OPTIONS);
        try (Connection connection = server.connect()) {
            prepareTwo(connection);
        }
        server.kill();
        server.restart(OPTIONS);
        try (Connection connection = server.connect()) {
            finishTwo(connection);
        }
        // what COMMIT PREPARED made visible and ROLLBACK PREPARED undid stays so after another crash
        server.kill();
        server.restart(OPTIONS);
        try (Connection connection = server.connect()) {
            assertThat(rows(connection, "SELECT id, v FROM tp ORDER BY id")).containsExactly("0|after", "1|one", "2|two");
            assertThat(rows(connection, "SELECT gid FROM pg_prepared_xacts")).isEmpty();
        }
    }

    @Test
    void aCheckpointBetweenPrepareAndKillKeepsThemInPgTwophase() throws Exception {
        server.initAndStart(OPTIONS);
        try (Connection connection = server.connect()) {
            prepareTwo(connection);
            // the redo point moves past both PREPARE records: only the state files keep them
            execute(connection, "CHECKPOINT");
            execute(connection, "CREATE TABLE tp_after (id int)");
        }
        server.kill();
        server.restart(OPTIONS);
        // start-up's own checkpoint ran; a second kill must find them again, from the files alone
        server.kill();
        server.restart(OPTIONS);
        try (Connection connection = server.connect()) {
            finishTwo(connection);
        }
        server.kill();
        server.restart(OPTIONS);
        try (Connection connection = server.connect()) {
            assertThat(rows(connection, "SELECT gid FROM pg_prepared_xacts")).isEmpty();
            assertThat(rows(connection, "SELECT id FROM tp ORDER BY id")).containsExactly("0", "1", "2");
        }
    }
}
