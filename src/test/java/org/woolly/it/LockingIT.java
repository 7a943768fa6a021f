package org.woolly.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.util.PSQLException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Table locks and lock waits as two sessions see them: every statement locks the relations it
 * touches until its transaction ends (PostgreSQL's table-level lock modes), waits are
 * interruptible (cancel, statement_timeout, lock_timeout, disconnect) and deadlocks end in 40P01.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LockingIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    @RegisterExtension
    final TestSessions sessions = new TestSessions(server);

    private Connection connect() throws SQLException {
        return sessions.connect();
    }

    private Connection connectPreparing() throws SQLException {
        return sessions.connect("prepareThreshold=1");
    }

    private <T> Future<T> inBackground(Callable<T> work) {
        return sessions.inBackground(work);
    }

    /** The statement is still blocked a second later (a lock wait, not just a slow start). */
    private static void assertBlocked(Future<?> future) throws InterruptedException {
        Thread.sleep(1000);
        assertThat(future.isDone()).as("statement should be waiting for a lock").isFalse();
    }

    private static <T> T finish(Future<T> future) throws Exception {
        return future.get(20, TimeUnit.SECONDS);
    }

    private static long count(Connection connection, String table) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + table)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static long backendPid(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT pg_backend_pid()")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        TestSessions.execute(connection, sql);
    }

    private static String sqlState(Throwable thrown) {
        Throwable cause = thrown;
        while (cause != null && !(cause instanceof PSQLException)) {
            cause = cause.getCause();
        }
        assertThat(cause).as("a server error, got " + thrown).isInstanceOf(PSQLException.class);
        return ((PSQLException) cause).getSQLState();
    }

    private static String message(Throwable thrown) {
        Throwable cause = thrown;
        while (!(cause instanceof PSQLException)) {
            cause = cause.getCause();
        }
        return ((PSQLException) cause).getServerErrorMessage().getMessage();
    }

    @Test
    void truncateWaitsForAnOpenInsert() throws Exception {
        Connection a = connect();
        Connection b = connect();
        execute(a, "CREATE TABLE trunc_wait (id int)");
        a.setAutoCommit(false);
        execute(a, "INSERT INTO trunc_wait VALUES (1), (2)");
        Future<Object> truncate = inBackground(() -> {
            execute(b, "TRUNCATE trunc_wait");
            return null;
        });
        assertBlocked(truncate);
        a.commit();
        finish(truncate);
        assertThat(count(b, "trunc_wait")).isZero();
    }

    @Test
    void insertWaitingForATruncateLandsInTheNewFile() throws Exception {
        Connection a = connect();
        Connection b = connect();
        execute(a, "CREATE TABLE trunc_new (id int)");
        execute(a, "INSERT INTO trunc_new VALUES (1), (2), (3)");
        b.setAutoCommit(false);
        execute(b, "TRUNCATE trunc_new");
        Future<Object> insert = inBackground(() -> {
            execute(a, "INSERT INTO trunc_new VALUES (42)");
            return null;
        });
        assertBlocked(insert);
        b.commit();
        finish(insert);
        b.setAutoCommit(true);
        assertThat(count(b, "trunc_new")).isEqualTo(1);
        assertThat(count(a, "trunc_new")).isEqualTo(1);
    }

    @Test
    void uncommittedTruncateBlocksReadersAndWritersUntilRolledBack() throws Exception {
        Connection a = connect();
        Connection b = connect();
        execute(a, "CREATE TABLE trunc_back (id int)");
        execute(a, "INSERT INTO trunc_back VALUES (1), (2)");
        b.setAutoCommit(false);
        execute(b, "TRUNCATE trunc_back");
        Future<Long> select = inBackground(() -> count(a, "trunc_back"));
        assertBlocked(select);
        b.rollback();
        assertThat(finish(select)).isEqualTo(2);

        execute(b, "TRUNCATE trunc_back");
        Future<Object> insert = inBackground(() -> {
            execute(a, "INSERT INTO trunc_back VALUES (3)");
            return null;
        });
        assertBlocked(insert);
        b.rollback();
        finish(insert);
        assertThat(count(a, "trunc_back")).isEqualTo(3);
    }

    @Test
    void dropTableWaitsForATransactionThatReadTheTable() throws Exception {
        Connection a = connect();
        Connection b = connect();
        execute(a, "CREATE TABLE drop_wait (id int)");
        execute(a, "INSERT INTO drop_wait VALUES (1)");
        a.setAutoCommit(false);
        assertThat(count(a, "drop_wait")).isEqualTo(1);
        Future<Object> drop = inBackground(() -> {
            execute(b, "DROP TABLE drop_wait");
            return null;
        });
        assertBlocked(drop);
        assertThat(count(a, "drop_wait")).isEqualTo(1);
        a.commit();
        finish(drop);
    }

    @Test
    void aTableDroppedWhileWaitingDoesNotExist() throws Exception {
        Connection a = connect();
        Connection b = connect();
        execute(a, "CREATE TABLE drop_seen (id int)");
        b.setAutoCommit(false);
        execute(b, "DROP TABLE drop_seen");
        Future<Long> select = inBackground(() -> count(a, "drop_seen"));
        assertBlocked(select);
        b.commit();
        Throwable thrown = catchThrowable(() -> finish(select));
        assertThat(sqlState(thrown)).isEqualTo("42P01");
        assertThat(message(thrown)).isEqualTo("relation \"drop_seen\" does not exist");
    }

    @Test
    void preparedStatementsFollowATruncateAndARecreatedTable() throws Exception {
        Connection a = connectPreparing();
        Connection b = connect();
        execute(b, "CREATE TABLE prep_t (id int)");
        try (PreparedStatement insert = a.prepareStatement("INSERT INTO prep_t VALUES (?)");
             PreparedStatement select = a.prepareStatement("SELECT count(*) FROM prep_t")) {
            for (int i = 0; i < 3; i++) {
                insert.setInt(1, i);
                insert.executeUpdate();
                try (ResultSet rows = select.executeQuery()) {
                    rows.next();
                    assertThat(rows.getLong(1)).isEqualTo(i + 1);
                }
            }
            execute(b, "TRUNCATE prep_t");
            insert.setInt(1, 10);
            insert.executeUpdate();
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                assertThat(rows.getLong(1)).isEqualTo(1);
            }
            assertThat(count(b, "prep_t")).isEqualTo(1);

            execute(b, "DROP TABLE prep_t");
            execute(b, "CREATE TABLE prep_t (id int)");
            execute(b, "INSERT INTO prep_t VALUES (1), (2)");
            insert.setInt(1, 11);
            insert.executeUpdate();
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                assertThat(rows.getLong(1)).isEqualTo(3);
            }
        }
    }

    @Test
    void twoRowDeadlockAfterDdlIsDetected() throws Exception {
        Connection a = connect();
        Connection b = connect();
        Connection ddl = connect();
        long pidA = backendPid(a);
        long pidB = backendPid(b);
        execute(a, "CREATE TABLE dl_rows (id int, v int)");
        execute(a, "INSERT INTO dl_rows VALUES (1, 0), (2, 0)");
        a.setAutoCommit(false);
        b.setAutoCommit(false);
        execute(a, "SELECT 1");
        execute(b, "SELECT 1");
        // a catalog change just before: both sessions reload the catalog inside their transactions
        execute(ddl, "CREATE TABLE dl_other (id int)");
        execute(a, "UPDATE dl_rows SET v = 1 WHERE id = 1");
        execute(b, "UPDATE dl_rows SET v = 2 WHERE id = 2");
        Future<Object> first = inBackground(() -> {
            execute(a, "UPDATE dl_rows SET v = 1 WHERE id = 2");
            return null;
        });
        Thread.sleep(200);
        Future<Object> second = inBackground(() -> {
            execute(b, "UPDATE dl_rows SET v = 2 WHERE id = 1");
            return null;
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!first.isDone() && !second.isDone() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(first.isDone() || second.isDone()).as("one side is chosen as victim").isTrue();
        Future<Object> victim = first.isDone() ? first : second;
        Connection victimConnection = victim == first ? a : b;
        Future<Object> survivor = victim == first ? second : first;
        Connection survivorConnection = victim == first ? b : a;
        Throwable thrown = catchThrowable(victim::get);
        assertThat(sqlState(thrown)).isEqualTo("40P01");
        assertThat(message(thrown)).isEqualTo("deadlock detected");
        String detail = ((PSQLException) thrown.getCause()).getServerErrorMessage().getDetail();
        assertThat(detail).contains("Process " + pidA + " waits for ShareLock on transaction ")
                .contains("Process " + pidB + " waits for ShareLock on transaction ")
                .contains("blocked by process " + pidA + ".").contains("blocked by process " + pidB + ".");
        victimConnection.rollback();
        finish(survivor);
        survivorConnection.commit();
    }


    @Test
    void cancelEndsARowLockWait() throws Exception {
        Connection a = connect();
        Connection b = connect();
        execute(a, "CREATE TABLE cancel_rows (id int, v int)");
        execute(a, "INSERT INTO cancel_rows VALUES (1, 0)");
        a.setAutoCommit(false);
        execute(a, "UPDATE cancel_rows SET v = 1 WHERE id = 1");
        Statement waiting = b.createStatement();
        Future<Object> update = inBackground(() -> waiting.executeUpdate("UPDATE cancel_rows SET v = 2 WHERE id = 1"));
        assertBlocked(update);
        waiting.cancel();
        Throwable thrown = catchThrowable(() -> finish(update));
        assertThat(sqlState(thrown)).isEqualTo("57014");
        assertThat(message(thrown)).isEqualTo("canceling statement due to user request");
        assertThat(count(b, "cancel_rows")).isEqualTo(1);
        a.commit();
        execute(b, "UPDATE cancel_rows SET v = 3 WHERE id = 1");
    }

    @Test
    void statementTimeoutEndsALockWait() throws Exception {
        Connection a = connect();
        Connection b = connect();
        execute(a, "CREATE TABLE timeout_rows (id int, v int)");
        execute(a, "INSERT INTO timeout_rows VALUES (1, 0)");
        a.setAutoCommit(false);
        execute(a, "UPDATE timeout_rows SET v = 1 WHERE id = 1");
        execute(b, "SET statement_timeout = '500ms'");
        Throwable thrown = catchThrowable(() -> execute(b, "UPDATE timeout_rows SET v = 2 WHERE id = 1"));
        assertThat(sqlState(thrown)).isEqualTo("57014");
        assertThat(message(thrown)).isEqualTo("canceling statement due to statement timeout");
        assertThat(count(b, "timeout_rows")).isEqualTo(1);
        a.commit();
    }

    @Test
    void lockTimeoutEndsRowAndTableLockWaits() throws Exception {
        Connection a = connect();
        Connection b = connect();
        execute(a, "CREATE TABLE lock_timeout_t (id int, v int)");
        execute(a, "INSERT INTO lock_timeout_t VALUES (1, 0)");
        a.setAutoCommit(false);
        execute(a, "UPDATE lock_timeout_t SET v = 1 WHERE id = 1");
        execute(b, "SET lock_timeout = '300ms'");
        Throwable row = catchThrowable(() -> execute(b, "UPDATE lock_timeout_t SET v = 2 WHERE id = 1"));
        assertThat(sqlState(row)).isEqualTo("55P03");
        assertThat(message(row)).isEqualTo("canceling statement due to lock timeout");
        Throwable table = catchThrowable(() -> execute(b, "TRUNCATE lock_timeout_t"));
        assertThat(sqlState(table)).isEqualTo("55P03");
        a.commit();
        execute(b, "TRUNCATE lock_timeout_t");
        assertThat(count(b, "lock_timeout_t")).isZero();
    }

    @Test
    void disconnectingClientsReleaseTheirLocks() throws Exception {
        Connection a = connect();
        Connection b = connect();
        Connection c = connect();
        execute(a, "CREATE TABLE gone_t (id int, v int)");
        execute(a, "INSERT INTO gone_t VALUES (1, 0)");
        // a holder that goes away while idle in its transaction
        a.setAutoCommit(false);
        execute(a, "UPDATE gone_t SET v = 1 WHERE id = 1");
        Future<Integer> update = inBackground(() -> {
            try (Statement statement = c.createStatement()) {
                return statement.executeUpdate("UPDATE gone_t SET v = 3 WHERE id = 1");
            }
        });
        assertBlocked(update);
        a.close();
        assertThat(finish(update)).isEqualTo(1);

        // a waiter that goes away while waiting: its queued request no longer blocks others
        c.setAutoCommit(false);
        assertThat(count(c, "gone_t")).isEqualTo(1);
        Future<Object> drop = inBackground(() -> {
            execute(b, "DROP TABLE gone_t");
            return null;
        });
        assertBlocked(drop);
        b.close();
        Connection d = connect();
        Future<Long> reader = inBackground(() -> count(d, "gone_t"));
        assertThat(finish(reader)).isEqualTo(1);
        c.commit();
    }
}
