package org.woolly.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.util.PSQLException;

import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.Arrays;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Advisory locks as PostgreSQL's users see them (lockfuncs.c): session-level locks outlive
 * COMMIT and ROLLBACK and go at unlock or disconnect, transaction-level locks go at transaction
 * end, waits show in pg_blocking_pids, end with lock_timeout / statement_timeout, and take part in
 * deadlock detection with the other locks. No timing assumptions: a test waits until
 * pg_blocking_pids shows the waiter.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class AdvisoryLocksIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    @RegisterExtension
    final TestSessions sessions = new TestSessions(server);

    private static Object query(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getObject(1);
        }
    }

    private static boolean bool(Connection connection, String sql) throws SQLException {
        return (Boolean) query(connection, sql);
    }

    private static int pid(Connection connection) throws SQLException {
        return (Integer) query(connection, "SELECT pg_backend_pid()");
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        TestSessions.execute(connection, sql);
    }

    private static Integer[] blockingPids(Connection observer, int pid) throws SQLException {
        try (Statement statement = observer.createStatement();
             ResultSet rows = statement.executeQuery("SELECT pg_blocking_pids(" + pid + ")")) {
            rows.next();
            Array array = rows.getArray(1);
            return (Integer[]) array.getArray();
        }
    }

    /** Waits until backend {@code pid} waits for a lock that backend {@code blocker} holds. */
    static void awaitBlockedBy(Connection observer, int pid, int blocker) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Arrays.asList(blockingPids(observer, pid)).contains(blocker)) {
            assertThat(System.nanoTime()).as("backend %d should wait for %d", pid, blocker).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static PSQLException serverError(Throwable thrown) {
        Throwable cause = thrown;
        while (cause != null && !(cause instanceof PSQLException)) {
            cause = cause.getCause();
        }
        assertThat(cause).as("a server error, got " + thrown).isInstanceOf(PSQLException.class);
        return (PSQLException) cause;
    }

    @Test
    void sessionLockOutlivesTransactionsUntilUnlocked() throws Exception {
        Connection a = sessions.connect();
        Connection b = sessions.connect();
        execute(a, "SELECT pg_advisory_lock(10)");
        execute(a, "SELECT pg_advisory_lock(10)");
        a.setAutoCommit(false);
        execute(a, "SELECT 1");
        a.rollback();
        a.setAutoCommit(true);
        assertThat(bool(b, "SELECT pg_try_advisory_lock(10)")).isFalse();
        assertThat(bool(b, "SELECT pg_try_advisory_lock_shared(10)")).isFalse();
        // taken twice, so held until the second unlock
        assertThat(bool(a, "SELECT pg_advisory_unlock(10)")).isTrue();
        assertThat(bool(b, "SELECT pg_try_advisory_lock(10)")).isFalse();
        assertThat(bool(a, "SELECT pg_advisory_unlock(10)")).isTrue();
        assertThat(bool(b, "SELECT pg_try_advisory_lock(10)")).isTrue();
    }

    @Test
    void unlockingALockNotHeldWarnsAsPostgres() throws Exception {
        Connection a = sessions.connect();
        try (Statement statement = a.createStatement(); ResultSet rows = statement.executeQuery(
                "SELECT pg_advisory_unlock(11)")) {
            rows.next();
            assertThat(rows.getBoolean(1)).isFalse();
            SQLWarning warning = statement.getWarnings();
            assertThat((Object) warning).isNotNull();
            assertThat(warning.getMessage()).isEqualTo("you don't own a lock of type ExclusiveLock");
            assertThat(warning.getSQLState()).isEqualTo("01000");
        }
        // a transaction-level lock cannot be released by pg_advisory_unlock_shared
        a.setAutoCommit(false);
        execute(a, "SELECT pg_advisory_xact_lock_shared(11)");
        try (Statement statement = a.createStatement(); ResultSet rows = statement.executeQuery(
                "SELECT pg_advisory_unlock_shared(11)")) {
            rows.next();
            assertThat(rows.getBoolean(1)).isFalse();
            assertThat(statement.getWarnings().getMessage()).isEqualTo("you don't own a lock of type ShareLock");
        }
        a.rollback();
    }

    @Test
    void transactionLockGoesAtCommitAndAtSavepointRollback() throws Exception {
        Connection a = sessions.connect();
        Connection b = sessions.connect();
        a.setAutoCommit(false);
        execute(a, "SELECT pg_advisory_xact_lock(20)");
        execute(a, "SAVEPOINT s");
        execute(a, "SELECT pg_advisory_xact_lock(21, 22)");
        assertThat(bool(b, "SELECT pg_try_advisory_xact_lock(21, 22)")).isFalse();
        execute(a, "ROLLBACK TO SAVEPOINT s");
        assertThat(bool(b, "SELECT pg_try_advisory_xact_lock(21, 22)")).isTrue();
        assertThat(bool(b, "SELECT pg_try_advisory_xact_lock(20)")).isFalse();
        a.commit();
        assertThat(bool(b, "SELECT pg_try_advisory_xact_lock(20)")).isTrue();
    }

    @Test
    void sharedLocksShareAndBigintAndIntPairKeysDiffer() throws Exception {
        Connection a = sessions.connect();
        Connection b = sessions.connect();
        execute(a, "SELECT pg_advisory_lock_shared(30)");
        assertThat(bool(b, "SELECT pg_try_advisory_lock_shared(30)")).isTrue();
        assertThat(bool(b, "SELECT pg_try_advisory_lock(30)")).isFalse();
        // a session's own locks never conflict: its shared lock and its transaction's exclusive one
        b.setAutoCommit(false);
        assertThat(bool(a, "SELECT pg_try_advisory_xact_lock(30)")).isFalse();
        b.rollback();
        execute(a, "SELECT pg_advisory_lock(0, 31)");
        assertThat(bool(b, "SELECT pg_try_advisory_lock(31)")).isTrue();
        assertThat(bool(b, "SELECT pg_try_advisory_lock(0, 31)")).isFalse();
        execute(a, "SELECT pg_advisory_unlock_all()");
        assertThat(bool(b, "SELECT pg_try_advisory_lock(0, 31)")).isTrue();
    }

    @Test
    void waiterProceedsWhenTheHolderUnlocksOrDisconnects() throws Exception {
        Connection a = sessions.connect();
        Connection b = sessions.connect();
        Connection observer = sessions.connect();
        execute(a, "SELECT pg_advisory_lock(40)");
        execute(a, "SELECT pg_advisory_lock(41)");
        int pidA = pid(a);
        int pidB = pid(b);
        Future<Object> waiting = sessions.inBackground(() -> {
            execute(b, "SELECT pg_advisory_lock(40)");
            return null;
        });
        awaitBlockedBy(observer, pidB, pidA);
        assertThat(blockingPids(observer, pidB)).containsExactly(pidA);
        assertThat(waiting.isDone()).isFalse();
        execute(a, "SELECT pg_advisory_unlock(40)");
        waiting.get(30, TimeUnit.SECONDS);
        Future<Object> second = sessions.inBackground(() -> {
            execute(b, "SELECT pg_advisory_xact_lock(41)");
            return null;
        });
        awaitBlockedBy(observer, pidB, pidA);
        a.close();
        second.get(30, TimeUnit.SECONDS);
        assertThat(bool(observer, "SELECT pg_try_advisory_lock(40)")).isFalse();
        assertThat(bool(observer, "SELECT pg_try_advisory_lock(41)")).isTrue();
    }

    @Test
    void lockTimeoutAndStatementTimeoutEndTheWait() throws Exception {
        Connection a = sessions.connect();
        Connection b = sessions.connect();
        execute(a, "SELECT pg_advisory_lock(50)");
        execute(b, "SET lock_timeout = '100ms'");
        PSQLException lockTimeout = serverError(catchThrowable(() -> execute(b, "SELECT pg_advisory_lock(50)")));
        assertThat(lockTimeout.getSQLState()).isEqualTo("55P03");
        assertThat(lockTimeout.getServerErrorMessage().getMessage()).isEqualTo("canceling statement due to lock timeout");
        execute(b, "SET lock_timeout = 0");
        execute(b, "SET statement_timeout = '100ms'");
        PSQLException statementTimeout = serverError(catchThrowable(
                () -> execute(b, "SELECT pg_advisory_xact_lock_shared(50)")));
        assertThat(statementTimeout.getSQLState()).isEqualTo("57014");
        assertThat(statementTimeout.getServerErrorMessage().getMessage())
                .isEqualTo("canceling statement due to statement timeout");
        execute(b, "SET statement_timeout = 0");
        execute(a, "SELECT pg_advisory_unlock(50)");
        assertThat(bool(b, "SELECT pg_try_advisory_lock(50)")).isTrue();
    }

    @Test
    void deadlockBetweenSessionAndTransactionLocksIsDetected() throws Exception {
        Connection a = sessions.connect();
        Connection b = sessions.connect();
        Connection observer = sessions.connect();
        int pidA = pid(a);
        int pidB = pid(b);
        execute(a, "SELECT pg_advisory_lock(60)");
        b.setAutoCommit(false);
        execute(b, "SELECT pg_advisory_xact_lock(61)");
        Future<Throwable> first = sessions.inBackground(() -> catchThrowable(
                () -> execute(a, "SELECT pg_advisory_lock(61)")));
        awaitBlockedBy(observer, pidA, pidB);
        Future<Throwable> second = sessions.inBackground(() -> catchThrowable(
                () -> execute(b, "SELECT pg_advisory_xact_lock(60)")));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!first.isDone() && !second.isDone()) {
            assertThat(System.nanoTime()).as("one of the two should be chosen as the victim").isLessThan(deadline);
            Thread.sleep(20);
        }
        Future<Throwable> victim = first.isDone() ? first : second;
        PSQLException error = serverError(victim.get());
        assertThat(error.getSQLState()).isEqualTo("40P01");
        assertThat(error.getServerErrorMessage().getMessage()).isEqualTo("deadlock detected");
        assertThat(error.getServerErrorMessage().getDetail()).contains("ExclusiveLock on advisory lock [");
        // the victim's statement failed, but what it held stays held: its session lock until unlocked
        if (victim == second) {
            b.rollback();
        } else {
            execute(a, "SELECT pg_advisory_unlock_all()");
        }
        assertThat((victim == first ? second : first).get(30, TimeUnit.SECONDS)).isNull();
    }
}
