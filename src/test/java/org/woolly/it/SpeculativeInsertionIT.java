package org.woolly.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.woolly.it.TestSessions.execute;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.util.PSQLException;

/**
 * INSERT ... ON CONFLICT under concurrency, through pgjdbc ({@code ExecInsert}'s speculative
 * insertion): sessions upserting and inserting overlapping keys end with exact counts and no
 * 23505 from an upsert; READ COMMITTED's DO UPDATE works on the latest committed version;
 * REPEATABLE READ meeting a row its snapshot cannot see fails with 40001 as PostgreSQL 15 does.
 */
@Timeout(value = 300, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SpeculativeInsertionIT {
    @RegisterExtension
    static final WoollyServerExtension server = new WoollyServerExtension();

    @RegisterExtension
    final TestSessions sessions = new TestSessions(server);

    private static String sqlState(Throwable thrown) {
        assertThat(thrown).isInstanceOf(PSQLException.class);
        return ((PSQLException) thrown).getSQLState();
    }

    /** Runs each task on its own thread and waits for all; a task's failure fails the test. */
    private static void runAll(List<Callable<Void>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            List<Future<Void>> results = new ArrayList<>();
            for (Callable<Void> task : tasks) {
                results.add(pool.submit(task));
            }
            for (Future<Void> result : results) {
                result.get(240, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Eight sessions increment 20 counters in random order: every increment lands, none fails. */
    @Test
    void eightSessionsUpsertingOverlappingKeysCountExactly() throws Exception {
        Connection setup = sessions.connect();
        execute(setup, "CREATE TABLE counters (k int PRIMARY KEY, n int NOT NULL)");
        int threads = 8;
        int rounds = 150;
        long seed = System.nanoTime();
        System.out.println("SpeculativeInsertionIT seed " + seed);
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Connection session = sessions.connect();
            Random random = new Random(seed + t);
            tasks.add(() -> {
                try (PreparedStatement upsert = session.prepareStatement(
                        "INSERT INTO counters VALUES (?, 1) ON CONFLICT (k) DO UPDATE SET n = counters.n + 1")) {
                    for (int i = 0; i < rounds; i++) {
                        upsert.setInt(1, random.nextInt(20));
                        assertThat(upsert.executeUpdate()).isEqualTo(1);
                    }
                }
                return null;
            });
        }
        runAll(tasks);
        assertThat(TestSessions.rows(setup, "SELECT count(*) <= 20, sum(n) FROM counters"))
                .containsExactly("t|" + threads * rounds);
    }

    /**
     * Sessions insert the same keys, some by upsert DO NOTHING, some by plain INSERT (which may
     * fail with 23505, as in PostgreSQL): each key is inserted exactly once, the row counts the
     * sessions were told add up, and no upsert ever fails.
     */
    @Test
    void upsertsRacingPlainInsertsNeverFailAndInsertEachKeyOnce() throws Exception {
        Connection setup = sessions.connect();
        execute(setup, "CREATE TABLE racing (k int PRIMARY KEY, who int)");
        int keys = 400;
        AtomicInteger inserted = new AtomicInteger();
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
            Connection session = sessions.connect();
            boolean upserter = t % 3 != 0;
            int who = t;
            tasks.add(() -> {
                String sql = upserter ? "INSERT INTO racing VALUES (?, ?) ON CONFLICT DO NOTHING"
                        : "INSERT INTO racing VALUES (?, ?)";
                try (PreparedStatement insert = session.prepareStatement(sql)) {
                    for (int i = 0; i < keys; i++) {
                        // every session takes the keys in the same order, so they meet on each one
                        insert.setInt(1, i);
                        insert.setInt(2, who);
                        try {
                            inserted.addAndGet(insert.executeUpdate());
                        } catch (PSQLException e) {
                            assertThat(upserter).as("an upsert failed: " + e.getMessage()).isFalse();
                            assertThat(e.getSQLState()).isEqualTo("23505");
                        }
                    }
                }
                return null;
            });
        }
        runAll(tasks);
        assertThat(TestSessions.rows(setup, "SELECT count(*), count(DISTINCT k) FROM racing"))
                .containsExactly(keys + "|" + keys);
        assertThat(inserted.get()).isEqualTo(keys);
    }

    /** A multi-column key and a second, non-arbiter unique index: DO UPDATE keeps both intact. */
    @Test
    void doUpdateWithWhereAndExcludedUnderConcurrency() throws Exception {
        Connection setup = sessions.connect();
        execute(setup, "CREATE TABLE maxima (a int, b int, best int NOT NULL, hits int NOT NULL, "
                + "PRIMARY KEY (a, b))");
        List<Callable<Void>> tasks = new ArrayList<>();
        int rounds = 100;
        for (int t = 0; t < 4; t++) {
            Connection session = sessions.connect();
            int offset = t;
            tasks.add(() -> {
                try (PreparedStatement upsert = session.prepareStatement("INSERT INTO maxima VALUES (?, ?, ?, 1) "
                        + "ON CONFLICT (a, b) DO UPDATE SET best = excluded.best, hits = maxima.hits + 1 "
                        + "WHERE maxima.best < excluded.best")) {
                    for (int i = 0; i < rounds; i++) {
                        upsert.setInt(1, i % 5);
                        upsert.setInt(2, i % 3);
                        upsert.setInt(3, i * 4 + offset);
                        upsert.executeUpdate();
                    }
                }
                return null;
            });
        }
        runAll(tasks);
        // the largest value proposed for each (a, b) wins whatever the interleaving
        assertThat(TestSessions.rows(setup, "SELECT a, b, best FROM maxima ORDER BY a, b"))
                .isEqualTo(TestSessions.rows(setup, "SELECT i % 5, i % 3, max(i * 4 + 3) "
                        + "FROM generate_series(0, " + (rounds - 1) + ") i GROUP BY 1, 2 ORDER BY 1, 2"));
    }

    /** A concurrent uncommitted insert of the key: the upsert waits, then skips or inserts by its fate. */
    @Test
    void anUpsertWaitsForAnUncommittedInsertOfItsKey() throws Exception {
        Connection first = sessions.connect();
        Connection second = sessions.connect();
        execute(first, "CREATE TABLE waiting (k int PRIMARY KEY, v text)");
        for (boolean commit : new boolean[] {true, false}) {
            int key = commit ? 1 : 2;
            first.setAutoCommit(false);
            execute(first, "INSERT INTO waiting VALUES (" + key + ", 'first')");
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try {
                Future<Integer> upsert = pool.submit(() -> {
                    try (PreparedStatement statement = second.prepareStatement(
                            "INSERT INTO waiting VALUES (?, 'second') ON CONFLICT (k) DO UPDATE SET v = 'updated'")) {
                        statement.setInt(1, key);
                        return statement.executeUpdate();
                    }
                });
                Thread.sleep(500);
                assertThat(upsert.isDone()).as("waits for the first inserter").isFalse();
                if (commit) {
                    first.commit();
                } else {
                    first.rollback();
                }
                assertThat(upsert.get(30, TimeUnit.SECONDS)).isEqualTo(1);
            } finally {
                pool.shutdownNow();
                first.setAutoCommit(true);
            }
        }
        assertThat(TestSessions.rows(first, "SELECT k, v FROM waiting ORDER BY k"))
                .containsExactly("1|updated", "2|second");
    }

    /** READ COMMITTED: DO UPDATE waits for a concurrent update of the row and applies itself to the result. */
    @Test
    void readCommittedDoUpdateLocksTheLatestVersion() throws Exception {
        Connection first = sessions.connect();
        Connection second = sessions.connect();
        execute(first, "CREATE TABLE latest (k int PRIMARY KEY, n int)");
        execute(first, "INSERT INTO latest VALUES (1, 1)");
        first.setAutoCommit(false);
        execute(first, "UPDATE latest SET n = 10 WHERE k = 1");
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> upsert = pool.submit(() -> {
                try (PreparedStatement statement = second.prepareStatement(
                        "INSERT INTO latest VALUES (1, 1) ON CONFLICT (k) DO UPDATE SET n = latest.n + 1")) {
                    return statement.executeUpdate();
                }
            });
            Thread.sleep(500);
            assertThat(upsert.isDone()).as("waits for the updater").isFalse();
            first.commit();
            assertThat(upsert.get(30, TimeUnit.SECONDS)).isEqualTo(1);
        } finally {
            pool.shutdownNow();
            first.setAutoCommit(true);
        }
        assertThat(TestSessions.rows(first, "SELECT n FROM latest")).containsExactly("11");
    }

    /** REPEATABLE READ: a conflicting row committed after the snapshot is a serialization failure. */
    @Test
    void repeatableReadConflictWithAnInvisibleRowFailsWith40001() throws SQLException {
        Connection reader = sessions.connect();
        Connection writer = sessions.connect();
        execute(writer, "CREATE TABLE rr (k int PRIMARY KEY, n int)");
        for (String action : new String[] {"DO NOTHING", "DO UPDATE SET n = rr.n + 1"}) {
            execute(writer, "TRUNCATE rr");
            reader.setAutoCommit(false);
            execute(reader, "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
            execute(reader, "SELECT count(*) FROM rr");
            execute(writer, "INSERT INTO rr VALUES (5, 0)");
            Throwable thrown = catchThrowable(() -> execute(reader, "INSERT INTO rr VALUES (5, 1) ON CONFLICT (k) "
                    + action));
            assertThat(sqlState(thrown)).as(action).isEqualTo("40001");
            assertThat(thrown).hasMessageContaining("could not serialize access due to concurrent update");
            reader.rollback();
            reader.setAutoCommit(true);
        }
        // a row the snapshot sees is upserted normally
        reader.setAutoCommit(false);
        execute(reader, "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
        execute(reader, "INSERT INTO rr VALUES (5, 1) ON CONFLICT (k) DO UPDATE SET n = rr.n + 1");
        reader.commit();
        reader.setAutoCommit(true);
        assertThat(TestSessions.rows(reader, "SELECT n FROM rr")).containsExactly("1");
    }
}
