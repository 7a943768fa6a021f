package org.woolly.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * SELECT ... FOR UPDATE / NO KEY UPDATE / SHARE / KEY SHARE between sessions, as PostgreSQL 15
 * behaves: lockers wait for conflicting lockers and writers, shared lockers do not block each
 * other, NOWAIT fails with 55P03, SKIP LOCKED lets workers share a queue with each job taken
 * exactly once, and READ COMMITTED re-checks a row a concurrent update replaced.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RowLocksIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    @RegisterExtension
    final TestSessions sessions = new TestSessions(server);

    private static SQLException error(Connection connection, String sql) {
        return catchThrowableOfType(SQLException.class, () -> TestSessions.execute(connection, sql));
    }

    private static void assertBlocked(Future<?> future) throws InterruptedException {
        Thread.sleep(1000);
        assertThat(future.isDone()).as("statement should be waiting for a row lock").isFalse();
    }

    private Connection inTransaction() throws SQLException {
        Connection connection = sessions.connect();
        connection.setAutoCommit(false);
        return connection;
    }

    @Test
    void forUpdateMakesWritersAndLockersWaitAndNowaitFail() throws Exception {
        Connection setup = sessions.connect();
        TestSessions.execute(setup, "CREATE TABLE rl_wait (id int primary key, v int)");
        TestSessions.execute(setup, "INSERT INTO rl_wait VALUES (1, 10), (2, 20)");
        Connection a = inTransaction();
        assertThat(TestSessions.rows(a, "SELECT id, v FROM rl_wait WHERE id = 1 FOR UPDATE")).containsExactly("1|10");
        Connection b = sessions.connect();
        SQLException nowait = error(b, "SELECT * FROM rl_wait WHERE id = 1 FOR SHARE NOWAIT");
        assertThat(nowait.getSQLState()).isEqualTo("55P03");
        assertThat(nowait.getMessage()).contains("could not obtain lock on row in relation \"rl_wait\"");
        // the other row is free; a plain read is not blocked
        assertThat(TestSessions.rows(b, "SELECT id FROM rl_wait WHERE id = 2 FOR UPDATE NOWAIT")).containsExactly("2");
        assertThat(TestSessions.rows(b, "SELECT v FROM rl_wait WHERE id = 1")).containsExactly("10");
        Future<Integer> update = sessions.inBackground(() -> {
            try (var statement = b.createStatement()) {
                return statement.executeUpdate("UPDATE rl_wait SET v = v + 1 WHERE id = 1");
            }
        });
        assertBlocked(update);
        a.commit();
        assertThat(update.get(20, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(TestSessions.rows(setup, "SELECT v FROM rl_wait WHERE id = 1")).containsExactly("11");
    }

    @Test
    void sharedLockersShareAndAWriterWaitsForAllOfThem() throws Exception {
        Connection setup = sessions.connect();
        TestSessions.execute(setup, "CREATE TABLE rl_share (id int, v int)");
        TestSessions.execute(setup, "INSERT INTO rl_share VALUES (1, 0)");
        Connection first = inTransaction();
        Connection second = inTransaction();
        assertThat(TestSessions.rows(first, "SELECT id FROM rl_share FOR SHARE")).containsExactly("1");
        assertThat(TestSessions.rows(second, "SELECT id FROM rl_share FOR KEY SHARE NOWAIT")).containsExactly("1");
        // NO KEY UPDATE conflicts with SHARE but not with KEY SHARE
        Connection third = sessions.connect();
        assertThat(error(third, "SELECT id FROM rl_share FOR NO KEY UPDATE NOWAIT").getSQLState()).isEqualTo("55P03");
        Future<Integer> writer = sessions.inBackground(() -> {
            try (var statement = third.createStatement()) {
                return statement.executeUpdate("UPDATE rl_share SET v = 1");
            }
        });
        assertBlocked(writer);
        // the table has no unique index, so the update changes no key: it holds the row FOR NO KEY
        // UPDATE, which waits for the SHARE locker only, not for the KEY SHARE one (heap_update)
        first.commit();
        assertThat(writer.get(20, TimeUnit.SECONDS)).isEqualTo(1);
        second.commit();
    }

    private static String lockTimeout(Connection connection, String sql) throws SQLException {
        TestSessions.execute(connection, "SET lock_timeout = '500ms'");
        try {
            TestSessions.execute(connection, sql);
            return "done";
        } catch (SQLException error) {
            return error.getSQLState() + " " + error.getMessage().lines().findFirst().orElse("");
        } finally {
            TestSessions.execute(connection, "RESET lock_timeout");
        }
    }

    private static final String TIMED_OUT = "55P03 ERROR: canceling statement due to lock timeout";

    @Test
    void keyShareLetsANonKeyUpdateThroughAndKeepsItsLockOnTheNewVersion() throws Exception {
        Connection setup = sessions.connect();
        TestSessions.execute(setup, "CREATE TABLE rl_keys (id int PRIMARY KEY, v int)");
        TestSessions.execute(setup, "INSERT INTO rl_keys VALUES (1, 0), (2, 0)");
        Connection locker = inTransaction();
        assertThat(TestSessions.rows(locker, "SELECT id FROM rl_keys WHERE id = 1 FOR KEY SHARE")).containsExactly("1");
        Connection other = sessions.connect();
        // PostgreSQL 15: FOR NO KEY UPDATE and FOR KEY SHARE do not conflict, the rest do as its table says
        assertThat(lockTimeout(other, "UPDATE rl_keys SET v = 1 WHERE id = 1")).isEqualTo("done");
        assertThat(lockTimeout(other, "SELECT id FROM rl_keys WHERE id = 1 FOR NO KEY UPDATE")).isEqualTo("done");
        assertThat(lockTimeout(other, "SELECT id FROM rl_keys WHERE id = 1 FOR SHARE")).isEqualTo("done");
        // the KEY SHARE lock went on to the version the update made: a key change or delete waits
        assertThat(lockTimeout(other, "UPDATE rl_keys SET id = 3 WHERE id = 1")).isEqualTo(TIMED_OUT);
        assertThat(lockTimeout(other, "DELETE FROM rl_keys WHERE id = 1")).isEqualTo(TIMED_OUT);
        assertThat(lockTimeout(other, "SELECT id FROM rl_keys WHERE id = 1 FOR UPDATE")).isEqualTo(TIMED_OUT);
        assertThat(lockTimeout(other, "UPDATE rl_keys SET v = 2 WHERE id = 1")).isEqualTo("done");
        assertThat(lockTimeout(other, "UPDATE rl_keys SET id = 4 WHERE id = 2")).isEqualTo("done");
        locker.commit();
        assertThat(lockTimeout(other, "UPDATE rl_keys SET id = 3 WHERE id = 1")).isEqualTo("done");
        assertThat(TestSessions.rows(setup, "SELECT id, v FROM rl_keys ORDER BY id")).containsExactly("3|2", "4|0");
    }

    @Test
    void aRunningNonKeyUpdateLetsKeyShareThroughButNotShare() throws Exception {
        Connection setup = sessions.connect();
        TestSessions.execute(setup, "CREATE TABLE rl_keys2 (id int PRIMARY KEY, v int)");
        TestSessions.execute(setup, "INSERT INTO rl_keys2 VALUES (1, 0), (2, 0)");
        Connection updater = inTransaction();
        TestSessions.execute(updater, "UPDATE rl_keys2 SET v = 1 WHERE id = 1");
        TestSessions.execute(updater, "UPDATE rl_keys2 SET id = 5 WHERE id = 2");
        Connection locker = inTransaction();
        assertThat(lockTimeout(locker, "SELECT id, v FROM rl_keys2 WHERE id = 1 FOR KEY SHARE")).isEqualTo("done");
        assertThat(TestSessions.rows(locker, "SELECT id, v FROM rl_keys2 WHERE id = 1 FOR KEY SHARE"))
                .containsExactly("1|0");
        Connection other = sessions.connect();
        assertThat(lockTimeout(other, "SELECT id FROM rl_keys2 WHERE id = 1 FOR SHARE")).isEqualTo(TIMED_OUT);
        // a key update conflicts with KEY SHARE
        assertThat(lockTimeout(other, "SELECT id FROM rl_keys2 WHERE id = 2 FOR KEY SHARE")).isEqualTo(TIMED_OUT);
        updater.commit();
        locker.commit();
        assertThat(TestSessions.rows(setup, "SELECT id, v FROM rl_keys2 ORDER BY id")).containsExactly("1|1", "5|0");
    }

    @Test
    void aForeignKeyCheckBlocksAKeyUpdateOfTheParentButNotANonKeyOne() throws Exception {
        Connection setup = sessions.connect();
        TestSessions.execute(setup, "CREATE TABLE rl_parent (id int PRIMARY KEY, note text)");
        TestSessions.execute(setup, "CREATE TABLE rl_child (id int, parent int REFERENCES rl_parent)");
        TestSessions.execute(setup, "INSERT INTO rl_parent VALUES (1, 'a')");
        Connection child = inTransaction();
        TestSessions.execute(child, "INSERT INTO rl_child VALUES (1, 1)");
        Connection parent = sessions.connect();
        assertThat(lockTimeout(parent, "UPDATE rl_parent SET note = 'b' WHERE id = 1")).isEqualTo("done");
        assertThat(lockTimeout(parent, "UPDATE rl_parent SET id = 2 WHERE id = 1")).isEqualTo(TIMED_OUT);
        child.commit();
        assertThat(TestSessions.rows(setup, "SELECT id, note FROM rl_parent")).containsExactly("1|b");
    }

    @Test
    void skipLockedQueueGivesEveryJobToExactlyOneOfFourWorkers() throws Exception {
        int jobs = 200;
        Connection setup = sessions.connect();
        TestSessions.execute(setup, "CREATE TABLE rl_jobs (id int primary key, done boolean NOT NULL DEFAULT false)");
        TestSessions.execute(setup, "CREATE TABLE rl_taken (id int, worker int)");
        TestSessions.execute(setup, "INSERT INTO rl_jobs (id) SELECT g FROM generate_series(1, " + jobs + ") g");
        List<Future<Integer>> workers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            int worker = w;
            Connection connection = inTransaction();
            workers.add(sessions.inBackground(() -> {
                int taken = 0;
                try (PreparedStatement next = connection.prepareStatement(
                        "SELECT id FROM rl_jobs WHERE NOT done ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED");
                     PreparedStatement finish = connection.prepareStatement("UPDATE rl_jobs SET done = true WHERE id = ?");
                     PreparedStatement record = connection.prepareStatement("INSERT INTO rl_taken VALUES (?, ?)")) {
                    while (true) {
                        int id;
                        try (ResultSet row = next.executeQuery()) {
                            if (!row.next()) {
                                connection.commit();
                                return taken;
                            }
                            id = row.getInt(1);
                        }
                        finish.setInt(1, id);
                        assertThat(finish.executeUpdate()).isEqualTo(1);
                        record.setInt(1, id);
                        record.setInt(2, worker);
                        record.executeUpdate();
                        connection.commit();
                        taken++;
                    }
                }
            }));
        }
        int total = 0;
        for (Future<Integer> worker : workers) {
            total += worker.get(100, TimeUnit.SECONDS);
        }
        assertThat(total).isEqualTo(jobs);
        assertThat(TestSessions.rows(setup, "SELECT count(*), count(DISTINCT id) FROM rl_taken"))
                .containsExactly(jobs + "|" + jobs);
        assertThat(TestSessions.rows(setup, "SELECT count(*) FROM rl_jobs WHERE NOT done")).containsExactly("0");
    }

    @Test
    void readCommittedRechecksTheNewestVersionAndRepeatableReadFails() throws Exception {
        Connection setup = sessions.connect();
        TestSessions.execute(setup, "CREATE TABLE rl_recheck (id int, v int)");
        TestSessions.execute(setup, "INSERT INTO rl_recheck VALUES (1, 1), (2, 1)");
        Connection writer = inTransaction();
        TestSessions.execute(writer, "UPDATE rl_recheck SET v = 2 WHERE id = 1");
        Connection locker = inTransaction();
        Future<List<String>> rows = sessions.inBackground(
                () -> TestSessions.rows(locker, "SELECT id, v FROM rl_recheck WHERE v = 1 ORDER BY id FOR UPDATE"));
        assertBlocked(rows);
        writer.commit();
        // row 1 no longer has v = 1: PostgreSQL's EvalPlanQual drops it
        assertThat(rows.get(20, TimeUnit.SECONDS)).containsExactly("2|1");
        locker.commit();

        Connection repeatable = inTransaction();
        repeatable.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        assertThat(TestSessions.rows(repeatable, "SELECT count(*) FROM rl_recheck")).containsExactly("2");
        TestSessions.execute(setup, "UPDATE rl_recheck SET v = 3 WHERE id = 2");
        SQLException failure = error(repeatable, "SELECT * FROM rl_recheck WHERE id = 2 FOR SHARE");
        assertThat(failure.getSQLState()).isEqualTo("40001");
        assertThat(failure.getMessage()).contains("could not serialize access due to concurrent update");
        repeatable.rollback();
    }

    @Test
    void explainShowsLockRowsAndBadClausesAreRefusedAsPostgresDoes() throws Exception {
        Connection c = sessions.connect();
        TestSessions.execute(c, "CREATE TABLE rl_plan (id int primary key)");
        assertThat(TestSessions.rows(c, "EXPLAIN (COSTS OFF) SELECT * FROM rl_plan ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED"))
                .containsExactly("Limit", "  ->  LockRows", "        ->  Index Scan using rl_plan_pkey on rl_plan");
        assertThat(error(c, "SELECT count(*) FROM rl_plan FOR UPDATE").getMessage())
                .contains("FOR UPDATE is not allowed with aggregate functions");
        assertThat(error(c, "SELECT DISTINCT id FROM rl_plan FOR SHARE").getMessage())
                .contains("FOR SHARE is not allowed with DISTINCT clause");
        assertThat(error(c, "SELECT 1 UNION SELECT 2 FOR UPDATE").getMessage())
                .contains("FOR UPDATE is not allowed with UNION/INTERSECT/EXCEPT");
        SQLException missing = error(c, "SELECT * FROM rl_plan FOR UPDATE OF nosuch");
        assertThat(missing.getSQLState()).isEqualTo("42P01");
        assertThat(missing.getMessage()).contains("relation \"nosuch\" in FOR UPDATE clause not found in FROM clause");
    }

    @Test
    void lockTableTakesTheModeAskedWithPostgresConflicts() throws Exception {
        Connection setup = sessions.connect();
        TestSessions.execute(setup, "CREATE TABLE rl_table (a int)");
        SQLException outside = error(setup, "LOCK TABLE rl_table");
        assertThat(outside.getSQLState()).isEqualTo("25P01");
        assertThat(outside.getMessage()).contains("LOCK TABLE can only be used in transaction blocks");
        Connection a = inTransaction();
        TestSessions.execute(a, "LOCK rl_table IN SHARE MODE");
        Connection b = inTransaction();
        SQLException nowait = error(b, "LOCK TABLE rl_table IN ROW EXCLUSIVE MODE NOWAIT");
        assertThat(nowait.getSQLState()).isEqualTo("55P03");
        assertThat(nowait.getMessage()).contains("could not obtain lock on relation \"rl_table\"");
        b.rollback();
        TestSessions.execute(b, "LOCK TABLE rl_table IN ROW SHARE MODE NOWAIT");
        b.commit();
        Future<Integer> insert = sessions.inBackground(() -> {
            try (var statement = b.createStatement()) {
                return statement.executeUpdate("INSERT INTO rl_table VALUES (1)");
            }
        });
        assertBlocked(insert);
        a.commit();
        assertThat(insert.get(20, TimeUnit.SECONDS)).isEqualTo(1);
        b.commit();
        // a lock taken in a savepoint that rolls back is released at once
        TestSessions.execute(a, "SAVEPOINT s");
        TestSessions.execute(a, "LOCK rl_table");
        TestSessions.execute(a, "ROLLBACK TO s");
        assertThat(TestSessions.rows(setup, "SELECT count(*) FROM rl_table")).containsExactly("1");
        a.rollback();
    }
}
