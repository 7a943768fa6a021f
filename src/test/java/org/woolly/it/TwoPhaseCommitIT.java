package org.woolly.it;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.XAConnection;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;
import org.postgresql.xa.PGXADataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.woolly.it.TestSessions.execute;
import static org.woolly.it.TestSessions.firstValue;
import static org.woolly.it.TestSessions.rows;
import static org.woolly.it.WoollyServerExtension.assertError;
import static org.woolly.it.WoollyServerExtension.errorOf;

/**
 * Two-phase commit as PostgreSQL 15's users see it (twophase.c): PREPARE TRANSACTION leaves the
 * session idle while the transaction keeps its XID, table and row locks and its invisible work;
 * COMMIT PREPARED or ROLLBACK PREPARED from another session ends it; pg_prepared_xacts lists
 * it; the error cases answer with PostgreSQL's SQLSTATEs and messages; pgjdbc's XA data
 * source prepares and commits through it. The server allows 3 prepared transactions.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TwoPhaseCommitIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension(
            builder -> builder.setting("max_prepared_transactions", "3"));

    @RegisterExtension
    final TestSessions sessions = new TestSessions(server);

    /** Whatever a failed test left prepared would count against the limit in the next one. */
    @AfterEach
    void rollbackLeftovers() throws SQLException {
        try (Connection connection = server.connect()) {
            for (String gid : rows(connection, "SELECT gid FROM pg_prepared_xacts")) {
                execute(connection, "ROLLBACK PREPARED '" + gid + "'");
            }
        }
    }

    private static TransactionState state(Connection connection) throws SQLException {
        return connection.unwrap(BaseConnection.class).getTransactionState();
    }

    @Test
    void preparedTransactionKeepsItsLocksAndWorkUntilCommitPrepared() throws Exception {
        Connection preparer = sessions.connect();
        Connection other = sessions.connect();
        execute(preparer, "CREATE TABLE tp_accounts (id int PRIMARY KEY, balance int)");
        execute(preparer, "INSERT INTO tp_accounts VALUES (1, 100), (2, 100)");

        execute(preparer, "BEGIN");
        execute(preparer, "UPDATE tp_accounts SET balance = balance - 10 WHERE id = 1");
        execute(preparer, "INSERT INTO tp_accounts VALUES (3, 10)");
        String xid = firstValue(preparer, "SELECT pg_current_xact_id()");
        execute(preparer, "PREPARE TRANSACTION 'transfer-1'");

        // the session is idle again and runs new transactions of its own
        assertThat(state(preparer)).isEqualTo(TransactionState.IDLE);
        assertThat(rows(preparer, "SELECT id, balance FROM tp_accounts ORDER BY id")).containsExactly("1|100", "2|100");
        assertThat(rows(other, "SELECT transaction, gid, owner, database FROM pg_prepared_xacts"))
                .containsExactly(xid + "|transfer-1|" + server.superuser() + "|postgres");
        assertThat(firstValue(other, "SELECT prepared > now() - interval '1 minute' FROM pg_prepared_xacts"))
                .isEqualTo("t");
        // the view reads PostgreSQL's record function, whose transaction column is an xid
        assertThat(rows(other, "SELECT transaction, pg_typeof(transaction), gid, ownerid = (SELECT oid FROM pg_authid"
                + " WHERE rolname = current_user), dbid = (SELECT oid FROM pg_database WHERE datname = 'postgres')"
                + " FROM pg_prepared_xact()"))
                .containsExactly(xid + "|xid|transfer-1|t|t");
        // its locks belong to no backend any more
        assertThat(rows(other, "SELECT mode FROM pg_locks WHERE relation = 'tp_accounts'::regclass AND pid IS NULL"))
                .containsExactly("RowExclusiveLock");
        assertThat(firstValue(other, "SELECT pg_xact_status('" + xid + "')")).isEqualTo("in progress");

        // the row lock and the table lock are still held
        execute(other, "SET lock_timeout = '200ms'");
        assertError(errorOf(other, "UPDATE tp_accounts SET balance = 0 WHERE id = 1"), "55P03",
                "canceling statement due to lock timeout", null);
        execute(other, "BEGIN");
        assertError(errorOf(other, "LOCK TABLE tp_accounts IN ACCESS EXCLUSIVE MODE NOWAIT"), "55P03",
                "could not obtain lock on relation \"tp_accounts\"", null);
        execute(other, "ROLLBACK");
        execute(other, "RESET lock_timeout");

        // VACUUM keeps the prepared transaction's rows: it is still in progress
        execute(other, "VACUUM tp_accounts");

        // a waiter on the row lock wakes when the prepared transaction commits from a third session
        Future<Integer> waiter = sessions.inBackground(() -> {
            try (var statement = other.createStatement()) {
                return statement.executeUpdate("UPDATE tp_accounts SET balance = balance + 1 WHERE id = 1");
            }
        });
        Connection finisher = sessions.connect();
        awaitLockWait(finisher);
        assertThat(waiter.isDone()).isFalse();
        execute(finisher, "COMMIT PREPARED 'transfer-1'");
        assertThat(waiter.get(30, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(rows(finisher, "SELECT id, balance FROM tp_accounts ORDER BY id"))
                .containsExactly("1|91", "2|100", "3|10");
        assertThat(rows(finisher, "SELECT gid FROM pg_prepared_xacts")).isEmpty();
        assertThat(firstValue(finisher, "SELECT pg_xact_status('" + xid + "')")).isEqualTo("committed");
        assertThat(firstValue(finisher,
                "SELECT count(*) FROM pg_locks WHERE relation = 'tp_accounts'::regclass AND pid IS NULL")).isEqualTo("0");
    }

    /** Waits until some backend waits for a lock. */
    private static void awaitLockWait(Connection observer) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!"t".equals(firstValue(observer, "SELECT count(*) > 0 FROM pg_locks WHERE NOT granted"))) {
            assertThat(System.nanoTime()).as("a backend should wait for the prepared transaction").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @Test
    void rollbackPreparedUndoesTheWorkAndReleasesTheLocks() throws Exception {
        Connection preparer = sessions.connect();
        execute(preparer, "CREATE TABLE tp_rollback (id int)");
        execute(preparer, "BEGIN");
        execute(preparer, "INSERT INTO tp_rollback VALUES (1)");
        execute(preparer, "LOCK TABLE tp_rollback IN ACCESS EXCLUSIVE MODE");
        execute(preparer, "PREPARE TRANSACTION 'undo-me'");

        Connection other = sessions.connect();
        execute(other, "BEGIN");
        assertError(errorOf(other, "LOCK TABLE tp_rollback IN SHARE MODE NOWAIT"), "55P03",
                "could not obtain lock on relation \"tp_rollback\"", null);
        execute(other, "ROLLBACK");
        execute(other, "ROLLBACK PREPARED 'undo-me'");
        assertThat(rows(other, "SELECT * FROM tp_rollback")).isEmpty();
        execute(other, "BEGIN");
        execute(other, "LOCK TABLE tp_rollback IN ACCESS EXCLUSIVE MODE NOWAIT");
        execute(other, "COMMIT");
        assertError(errorOf(other, "COMMIT PREPARED 'undo-me'"), "42704",
                "prepared transaction with identifier \"undo-me\" does not exist", null);
    }

    @Test
    void prepareRefusalsRollTheTransactionBack() throws Exception {
        Connection connection = sessions.connect();
        execute(connection, "CREATE TABLE tp_errors (id int)");

        execute(connection, "BEGIN");
        execute(connection, "INSERT INTO tp_errors VALUES (1)");
        execute(connection, "PREPARE TRANSACTION 'taken'");
        execute(connection, "BEGIN");
        execute(connection, "INSERT INTO tp_errors VALUES (2)");
        assertError(errorOf(connection, "PREPARE TRANSACTION 'taken'"), "42710",
                "transaction identifier \"taken\" is already in use", null);
        assertThat(state(connection)).isEqualTo(TransactionState.IDLE);

        String tooLong = "g".repeat(200);
        execute(connection, "BEGIN");
        assertError(errorOf(connection, "PREPARE TRANSACTION '" + tooLong + "'"), "22023",
                "transaction identifier \"" + tooLong + "\" is too long", null);
        execute(connection, "BEGIN");
        execute(connection, "PREPARE TRANSACTION '" + "g".repeat(199) + "'");

        execute(connection, "CREATE TEMP TABLE tp_temp (id int)");
        execute(connection, "BEGIN");
        execute(connection, "INSERT INTO tp_temp VALUES (1)");
        assertError(errorOf(connection, "PREPARE TRANSACTION 'temp'"), "0A000",
                "cannot PREPARE a transaction that has operated on temporary objects", null);
        assertThat(rows(connection, "SELECT * FROM tp_temp")).isEmpty();

        // the third prepared transaction fills max_prepared_transactions = 3
        execute(connection, "BEGIN");
        execute(connection, "PREPARE TRANSACTION 'third'");
        execute(connection, "BEGIN");
        execute(connection, "INSERT INTO tp_errors VALUES (4)");
        var full = errorOf(connection, "PREPARE TRANSACTION 'fourth'");
        assertError(full, "53200", "maximum number of prepared transactions reached", null);
        assertThat(full.getHint()).isEqualTo("Increase max_prepared_transactions (currently 3).");

        assertThat(rows(connection, "SELECT gid FROM pg_prepared_xacts ORDER BY gid"))
                .containsExactly("g".repeat(199), "taken", "third");
        execute(connection, "COMMIT PREPARED 'taken'");
        assertThat(rows(connection, "SELECT id FROM tp_errors")).containsExactly("1");

        // outside a block PREPARE TRANSACTION warns and does nothing, as ROLLBACK
        try (var statement = connection.createStatement()) {
            statement.execute("PREPARE TRANSACTION 'nothing'");
            assertThat(statement.getWarnings().getMessage()).isEqualTo("there is no transaction in progress");
        }
        assertThat(rows(connection, "SELECT gid FROM pg_prepared_xacts WHERE gid = 'nothing'")).isEmpty();
    }

    @Test
    void finishingPreparedTransactionsIsCheckedAsInPostgres() throws Exception {
        Connection connection = sessions.connect();
        execute(connection, "BEGIN");
        execute(connection, "PREPARE TRANSACTION 'checked'");

        execute(connection, "BEGIN");
        assertError(errorOf(connection, "COMMIT PREPARED 'checked'"), "25001",
                "COMMIT PREPARED cannot run inside a transaction block", null);
        execute(connection, "ROLLBACK");
        assertError(errorOf(connection, "ROLLBACK PREPARED 'nope'"), "42704",
                "prepared transaction with identifier \"nope\" does not exist", null);

        execute(connection, "CREATE DATABASE tp_elsewhere");
        Connection elsewhere = sessions.connectTo("tp_elsewhere", server.superuser());
        var otherDatabase = errorOf(elsewhere, "COMMIT PREPARED 'checked'");
        assertError(otherDatabase, "0A000", "prepared transaction belongs to another database", null);
        assertThat(otherDatabase.getHint())
                .isEqualTo("Connect to the database where the transaction was prepared to finish it.");

        execute(connection, "CREATE ROLE tp_clerk LOGIN");
        Connection clerk = sessions.connectTo("postgres", "tp_clerk");
        var denied = errorOf(clerk, "ROLLBACK PREPARED 'checked'");
        assertError(denied, "42501", "permission denied to finish prepared transaction", null);
        assertThat(denied.getHint()).isEqualTo("Must be superuser or the user that prepared the transaction.");
        // a refusal leaves it prepared; its owner (or a superuser) can still finish it
        execute(clerk, "BEGIN");
        execute(clerk, "PREPARE TRANSACTION 'clerks'");
        assertThat(rows(connection, "SELECT gid, owner FROM pg_prepared_xacts ORDER BY gid"))
                .containsExactly("checked|" + server.superuser(), "clerks|tp_clerk");
        execute(clerk, "COMMIT PREPARED 'clerks'");
        execute(connection, "ROLLBACK PREPARED 'checked'");
        assertThat(rows(connection, "SELECT gid FROM pg_prepared_xacts")).isEmpty();
    }

    /** pgjdbc's XA data source: start, end, prepare, recover and commit of a branch. */
    @Test
    void xaDataSourcePreparesAndCommits() throws Exception {
        Connection plain = sessions.connect();
        execute(plain, "CREATE TABLE tp_xa (id int)");
        PGXADataSource dataSource = new PGXADataSource();
        dataSource.setUrl(server.jdbcUrl("postgres"));
        dataSource.setUser(server.superuser());
        XAConnection xaConnection = dataSource.getXAConnection();
        try {
            XAResource resource = xaConnection.getXAResource();
            Xid branch = new TestXid(1, "global-1", "branch-1");
            resource.start(branch, XAResource.TMNOFLAGS);
            execute(xaConnection.getConnection(), "INSERT INTO tp_xa VALUES (42)");
            resource.end(branch, XAResource.TMSUCCESS);
            assertThat(resource.prepare(branch)).isEqualTo(XAResource.XA_OK);
            assertThat(rows(plain, "SELECT * FROM tp_xa")).isEmpty();
            assertThat(List.of(resource.recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN)))
                    .extracting(xid -> new String(xid.getGlobalTransactionId(), StandardCharsets.UTF_8))
                    .containsExactly("global-1");
            resource.commit(branch, false);
            assertThat(rows(plain, "SELECT * FROM tp_xa")).containsExactly("42");

            Xid undone = new TestXid(1, "global-2", "branch-1");
            resource.start(undone, XAResource.TMNOFLAGS);
            execute(xaConnection.getConnection(), "INSERT INTO tp_xa VALUES (43)");
            resource.end(undone, XAResource.TMSUCCESS);
            resource.prepare(undone);
            resource.rollback(undone);
            assertThat(rows(plain, "SELECT * FROM tp_xa")).containsExactly("42");
        } finally {
            xaConnection.close();
        }
    }

    private record TestXid(int format, String global, String branch) implements Xid {
        @Override
        public int getFormatId() {
            return format;
        }

        @Override
        public byte[] getGlobalTransactionId() {
            return global.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public byte[] getBranchQualifier() {
            return branch.getBytes(StandardCharsets.UTF_8);
        }
    }
}
