package org.woolly.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Concurrent INSERT ... ON CONFLICT and a server killed with SIGKILL: speculative tuples, their
 * confirmations and super-deletes are WAL-logged, so after crash recovery no key is in a table
 * twice (a super-deleted tuple stays dead, an unconfirmed one belongs to a transaction that never
 * committed), every acknowledged upsert is there, and at most the in-flight ones (one per
 * session) are there unacknowledged. Sessions race for the same fresh keys (DO NOTHING), so
 * speculative insertions lose and are super-deleted all the time, and increment a few hot
 * counters (DO UPDATE).
 */
class UpsertCrashIT {
    @RegisterExtension
    final KillableServer server = new KillableServer();

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException expected) {
            // the server is gone
        }
    }

    @Test
    void acknowledgedUpsertsSurviveAKillWithoutDuplicateKeys() throws Exception {
        server.initAndStart();
        try (Connection connection = server.connect()) {
            TestSessions.execute(connection, "CREATE TABLE firsts (k int PRIMARY KEY, who int NOT NULL)");
            TestSessions.execute(connection, "CREATE TABLE counters (k int PRIMARY KEY, n int NOT NULL)");
        }
        int sessions = 6;
        long seed = System.nanoTime();
        System.out.println("UpsertCrashIT seed " + seed);
        Map<Integer, Integer> firstAcknowledged = new ConcurrentHashMap<>();
        AtomicLong incrementsAcknowledged = new AtomicLong();
        AtomicInteger statements = new AtomicInteger();
        List<Connection> connections = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        for (int s = 0; s < sessions; s++) {
            Connection session = server.connect();
            connections.add(session);
            int who = s;
            Random random = new Random(seed + s);
            workers.add(Thread.ofPlatform().start(() -> {
                try (PreparedStatement first = session.prepareStatement(
                        "INSERT INTO firsts VALUES (?, ?) ON CONFLICT (k) DO NOTHING");
                     PreparedStatement increment = session.prepareStatement(
                             "INSERT INTO counters VALUES (?, 1) ON CONFLICT (k) DO UPDATE SET n = counters.n + 1")) {
                    for (int key = 0; ; key++) {
                        first.setInt(1, key);
                        first.setInt(2, who);
                        if (first.executeUpdate() == 1) {
                            firstAcknowledged.put(key, who);
                        }
                        increment.setInt(1, random.nextInt(8));
                        increment.executeUpdate();
                        incrementsAcknowledged.incrementAndGet();
                        statements.addAndGet(2);
                    }
                } catch (SQLException expected) {
                    // the server was killed
                }
            }));
        }
        while (statements.get() < 3000) {
            Thread.sleep(20);
        }
        server.kill();
        for (Thread worker : workers) {
            worker.join();
        }
        connections.forEach(UpsertCrashIT::closeQuietly);

        server.restart();
        try (Connection connection = server.connect()) {
            // read the heap itself, so a duplicate or resurrected tuple could not hide behind the index
            TestSessions.execute(connection, "SET enable_indexscan = off");
            TestSessions.execute(connection, "SET enable_bitmapscan = off");
            TestSessions.execute(connection, "SET enable_indexonlyscan = off");
            assertThat(TestSessions.rows(connection, "SELECT count(*) - count(DISTINCT k) FROM firsts"))
                    .as("duplicate keys in firsts").containsExactly("0");
            assertThat(TestSessions.rows(connection, "SELECT count(*) - count(DISTINCT k) FROM counters"))
                    .as("duplicate keys in counters").containsExactly("0");
            Map<Integer, Integer> recovered = new ConcurrentHashMap<>();
            for (String row : TestSessions.rows(connection, "SELECT k, who FROM firsts")) {
                String[] fields = row.split("\\|");
                recovered.put(Integer.parseInt(fields[0]), Integer.parseInt(fields[1]));
            }
            assertThat(recovered).containsAllEntriesOf(firstAcknowledged);
            assertThat(recovered.size()).isLessThanOrEqualTo(firstAcknowledged.size() + sessions);
            long total = Long.parseLong(TestSessions.firstValue(connection, "SELECT coalesce(sum(n), 0) FROM counters"));
            assertThat(total).isBetween(incrementsAcknowledged.get(), incrementsAcknowledged.get() + sessions);

            // the keys are usable after recovery: upserts of existing and new keys, and VACUUM
            TestSessions.execute(connection, "RESET enable_indexscan");
            TestSessions.execute(connection, "INSERT INTO counters VALUES (0, 1), (100, 1) "
                    + "ON CONFLICT (k) DO UPDATE SET n = counters.n + 1000");
            TestSessions.execute(connection, "VACUUM firsts");
            TestSessions.execute(connection, "VACUUM counters");
            assertThat(TestSessions.rows(connection, "SELECT count(*) FROM counters WHERE k = 100"))
                    .containsExactly("1");
            assertThat(TestSessions.rows(connection, "SELECT count(*) - count(DISTINCT k) FROM firsts"))
                    .containsExactly("0");
        }
    }
}
