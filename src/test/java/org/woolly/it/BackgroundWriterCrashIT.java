package org.woolly.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;

import static org.assertj.core.api.Assertions.assertThat;
import static org.woolly.it.TestSessions.execute;
import static org.woolly.it.TestSessions.firstValue;
import static org.woolly.it.TestSessions.rows;

/**
 * kill -9 while the background writer is writing: a tiny pool (256kB, 32 pages), a 10 ms
 * bgwriter_delay and three sessions updating accounts spread over many pages, so the writer
 * cleans pages all the time. After crash recovery every acknowledged commit is there and each
 * account's balance agrees with its history rows (no torn or half-written page, no page
 * written ahead of its WAL).
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BackgroundWriterCrashIT {
    private static final int SESSIONS = 3;
    private static final int ACCOUNTS = 1000;

    @RegisterExtension
    final KillableServer server = new KillableServer();

    @Test
    void acknowledgedCommitsSurviveAKillWhileTheBackgroundWriterWrites() throws Exception {
        long seed = System.nanoTime();
        System.out.println("BackgroundWriterCrashIT seed " + seed);
        String[] options = {"-c", "shared_buffers=256kB", "-c", "bgwriter_delay=10ms", "-c",
                "bgwriter_lru_multiplier=10", "-c", "autovacuum=off"};
        server.initAndStart(options);
        try (Connection connection = server.connect()) {
            execute(connection, "CREATE TABLE accounts (id int PRIMARY KEY, balance int NOT NULL, pad text)");
            execute(connection, "CREATE TABLE history (session int, seq int, account int)");
            execute(connection, "INSERT INTO accounts SELECT g, 0, repeat('p', 300) FROM generate_series(1, "
                    + ACCOUNTS + ") g");
        }
        AtomicIntegerArray acknowledged = new AtomicIntegerArray(SESSIONS);
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> workers = new ArrayList<>();
        for (int session = 0; session < SESSIONS; session++) {
            int id = session;
            Random random = new Random(seed + session);
            workers.add(Thread.ofPlatform().start(() -> work(id, random, acknowledged, stop)));
        }
        try (Connection monitor = server.connect()) {
            long deadline = System.nanoTime() + 8_000_000_000L;
            while (System.nanoTime() < deadline
                    && Long.parseLong(firstValue(monitor, "SELECT buffers_clean FROM pg_stat_bgwriter")) < 50) {
                Thread.sleep(50);
            }
            assertThat(Long.parseLong(firstValue(monitor, "SELECT buffers_clean FROM pg_stat_bgwriter")))
                    .as("the background writer is busy when the server is killed").isPositive();
        }
        server.kill();
        stop.set(true);
        for (Thread worker : workers) {
            worker.join();
        }

        server.restart(options);
        try (Connection connection = server.connect()) {
            for (int session = 0; session < SESSIONS; session++) {
                List<String> seqs = rows(connection,
                        "SELECT count(*) || ' ' || coalesce(max(seq), 0) FROM history WHERE session = " + session);
                String[] countAndMax = seqs.getFirst().split(" ");
                int committed = Integer.parseInt(countAndMax[1]);
                assertThat(committed).as("session %d's acknowledged commits", session)
                        .isGreaterThanOrEqualTo(acknowledged.get(session));
                assertThat(Integer.parseInt(countAndMax[0])).as("session %d's commits have no gap", session)
                        .isEqualTo(committed);
            }
            assertThat(rows(connection, "SELECT count(*) FROM accounts a LEFT JOIN (SELECT account, count(*) AS n "
                    + "FROM history GROUP BY account) h ON h.account = a.id WHERE a.balance <> coalesce(h.n, 0)"))
                    .containsExactly("0");
            assertThat(firstValue(connection, "SELECT count(*) FROM accounts")).isEqualTo(Integer.toString(ACCOUNTS));
        }
    }

    /** One session: a transaction per account update, with its history row; counts what was acknowledged. */
    private void work(int session, Random random, AtomicIntegerArray acknowledged, AtomicBoolean stop) {
        try (Connection connection = server.connect()) {
            connection.setAutoCommit(false);
            PreparedStatement update = connection.prepareStatement(
                    "UPDATE accounts SET balance = balance + 1 WHERE id = ?");
            PreparedStatement insert = connection.prepareStatement("INSERT INTO history VALUES (?, ?, ?)");
            for (int seq = 1; !stop.get(); seq++) {
                int account = 1 + random.nextInt(ACCOUNTS);
                update.setInt(1, account);
                update.executeUpdate();
                insert.setInt(1, session);
                insert.setInt(2, seq);
                insert.setInt(3, account);
                insert.executeUpdate();
                connection.commit();
                acknowledged.set(session, seq);
            }
        } catch (SQLException killed) {
            // the server went away under the session: what it acknowledged so far is what counts
        }
    }
}
