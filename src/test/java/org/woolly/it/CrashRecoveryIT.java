package org.woolly.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Durability: a server (separate JVM, started with the real {@code woolly} jar) is killed with
 * SIGKILL while sessions insert and update concurrently; after restart (crash recovery from the
 * WAL) every acknowledged commit is there, nothing rolled back or unacknowledged beyond the one
 * commit in flight per session is, and each session's counter agrees with its rows.
 */
class CrashRecoveryIT {
    private static final int SESSIONS = 4;
    private ServerProcesses processes;

    @TempDir
    Path temporary;

    @AfterEach
    void killServers() {
        if (processes != null) {
            processes.close();
        }
    }

    @Test
    void acknowledgedCommitsSurviveKillDashNine() throws Exception {
        long seed = System.nanoTime();
        System.out.println("CrashRecoveryIT seed " + seed);
        Path dataDirectory = temporary.resolve("data");
        int port = freePort();
        runToCompletion(woolly("init", "-D", dataDirectory.toString()));
        Process server = startServer(dataDirectory, port);
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
        String user = System.getProperty("user.name");

        try (Connection connection = DriverManager.getConnection(url, user, "");
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE events (session int NOT NULL, seq int NOT NULL, payload text)");
            statement.execute("CREATE TABLE counters (session int NOT NULL, last_seq int NOT NULL)");
            for (int session = 0; session < SESSIONS; session++) {
                statement.execute("INSERT INTO counters VALUES (" + session + ", 0)");
            }
        }

        Map<Integer, Integer> acknowledged = new ConcurrentHashMap<>();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> workers = new ArrayList<>();
        for (int session = 0; session < SESSIONS; session++) {
            int id = session;
            Random random = new Random(seed + session);
            acknowledged.put(id, 0);
            workers.add(Thread.ofPlatform().start(() -> work(url, user, id, random, acknowledged, stop)));
        }
        Thread.sleep(4000);
        server.destroyForcibly();
        assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
        stop.set(true);
        for (Thread worker : workers) {
            worker.join(30_000);
        }
        assertThat(acknowledged.values().stream().mapToInt(Integer::intValue).sum())
                .as("the workload committed something before the kill").isGreaterThan(10);

        startServer(dataDirectory, port);
        try (Connection connection = DriverManager.getConnection(url, user, "");
             Statement statement = connection.createStatement()) {
            Map<Integer, List<Integer>> sequences = new HashMap<>();
            try (ResultSet rows = statement.executeQuery("SELECT session, seq, payload FROM events ORDER BY session, seq")) {
                while (rows.next()) {
                    assertThat(rows.getString(3)).as("rolled-back rows never survive").doesNotStartWith("rollback");
                    sequences.computeIfAbsent(rows.getInt(1), key -> new ArrayList<>()).add(rows.getInt(2));
                }
            }
            Map<Integer, Integer> counters = new HashMap<>();
            try (ResultSet rows = statement.executeQuery("SELECT session, last_seq FROM counters")) {
                while (rows.next()) {
                    counters.put(rows.getInt(1), rows.getInt(2));
                }
            }
            for (int session = 0; session < SESSIONS; session++) {
                int acked = acknowledged.get(session);
                List<Integer> present = sequences.getOrDefault(session, List.of());
                int lastPresent = present.isEmpty() ? 0 : present.getLast();
                // Every acknowledged commit is there, in order, with no gaps ...
                assertThat(present.size()).isEqualTo(lastPresent);
                for (int seq = 1; seq <= lastPresent; seq++) {
                    assertThat(present.get(seq - 1)).isEqualTo(seq);
                }
                // ... and at most the one commit that was in flight at the kill went further.
                assertThat(lastPresent).isBetween(acked, acked + 1);
                // The update committed atomically with the insert.
                assertThat(counters.get(session)).isEqualTo(lastPresent);
            }
            // The recovered server takes new writes.
            assertThat(statement.executeUpdate("INSERT INTO events VALUES (99, 1, 'after restart')")).isEqualTo(1);
        }
    }

    @Test
    void theWalWriterMakesAsynchronousCommitsDurableWithinItsDelay() throws Exception {
        Path dataDirectory = temporary.resolve("async");
        int port = freePort();
        runToCompletion(woolly("init", "-D", dataDirectory.toString()));
        Process server = startServer(dataDirectory, port, "-c", "synchronous_commit=off", "-c", "wal_writer_delay=50ms");
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
        String user = System.getProperty("user.name");
        try (Connection connection = DriverManager.getConnection(url, user, "");
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE async_commits (n int)");
            statement.execute("INSERT INTO async_commits VALUES (1), (2), (3)");
        }
        // Ten times the delay: the walwriter has flushed by now, though no commit waited for it.
        Thread.sleep(500);
        server.destroyForcibly();
        assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();

        startServer(dataDirectory, port);
        try (Connection connection = DriverManager.getConnection(url, user, "");
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM async_commits")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getInt(1)).isEqualTo(3);
        }
    }

    /**
     * Unique indexes are as durable as their tables: sessions insert keys into a primary-key
     * table (some on purpose already taken, refused with 23505) and build a unique index while
     * the server is killed; after recovery every acknowledged key is there once, an acknowledged
     * key is refused again (its index entry survived), and the index can be rebuilt.
     */
    @Test
    void uniqueIndexesSurviveKillDashNine() throws Exception {
        Path dataDirectory = temporary.resolve("keys");
        int port = freePort();
        runToCompletion(woolly("init", "-D", dataDirectory.toString()));
        Process server = startServer(dataDirectory, port);
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
        String user = System.getProperty("user.name");
        try (Connection connection = DriverManager.getConnection(url, user, "");
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE keyed (id int PRIMARY KEY, owner int NOT NULL)");
        }
        Map<Integer, Integer> acknowledged = new ConcurrentHashMap<>();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> workers = new ArrayList<>();
        for (int session = 0; session < SESSIONS; session++) {
            int id = session;
            workers.add(Thread.ofPlatform().start(() -> {
                Random random = new Random(id);
                try (Connection connection = DriverManager.getConnection(url, user, "");
                     PreparedStatement insert = connection.prepareStatement("INSERT INTO keyed VALUES (?, ?)")) {
                    while (!stop.get()) {
                        int key = random.nextInt(5000);
                        insert.setInt(1, key);
                        insert.setInt(2, id);
                        try {
                            insert.executeUpdate();
                            acknowledged.put(key, id);
                        } catch (SQLException error) {
                            if (!"23505".equals(error.getSQLState())) {
                                return;
                            }
                        }
                    }
                } catch (SQLException connectionLost) {
                    // the server was killed
                }
            }));
        }
        Thread.sleep(3000);
        killDashNine(server);
        stop.set(true);
        for (Thread worker : workers) {
            worker.join(30_000);
        }
        startServer(dataDirectory, port);
        try (Connection connection = DriverManager.getConnection(url, user, "");
             Statement statement = connection.createStatement()) {
            Map<Integer, Integer> rows = new HashMap<>();
            try (ResultSet result = statement.executeQuery("SELECT id, owner FROM keyed")) {
                while (result.next()) {
                    assertThat(rows.put(result.getInt(1), result.getInt(2))).as("key %d once", result.getInt(1))
                            .isNull();
                }
            }
            assertThat(acknowledged).isNotEmpty();
            for (Map.Entry<Integer, Integer> key : acknowledged.entrySet()) {
                assertThat(rows).containsEntry(key.getKey(), key.getValue());
            }
            int someKey = acknowledged.keySet().iterator().next();
            SQLException duplicate = org.assertj.core.api.Assertions.catchThrowableOfType(SQLException.class,
                    () -> statement.execute("INSERT INTO keyed VALUES (" + someKey + ", 99)"));
            assertThat(duplicate.getSQLState()).isEqualTo("23505");
            statement.execute("REINDEX TABLE keyed");
            statement.execute("CREATE UNIQUE INDEX keyed_owner_id ON keyed (owner, id)");
        }
    }

    /**
     * nextval is not transactional and needs no commit to be durable: on a server whose commits
     * and walwriter flush nothing, values handed out (in autocommit SELECTs, in a transaction
     * still open, and from a serial column's default) are never handed out again after kill -9.
     */
    @Test
    void sequenceValuesHandedOutAreNeverRepeatedAfterKillDashNine() throws Exception {
        Path dataDirectory = temporary.resolve("sequences");
        int port = freePort();
        Process server = startAsynchronousServer(dataDirectory, port);
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
        String user = System.getProperty("user.name");
        long highest = 0;
        try (Connection connection = DriverManager.getConnection(url, user, "");
             Statement statement = connection.createStatement()) {
            statement.execute("SET synchronous_commit = on");
            statement.execute("CREATE SEQUENCE crash_seq");
            statement.execute("CREATE TABLE crash_serial (id serial, note text)");
            statement.execute("SET synchronous_commit = off");
            for (int i = 0; i < 70; i++) {
                try (ResultSet rows = statement.executeQuery("SELECT nextval('crash_seq')")) {
                    assertThat(rows.next()).isTrue();
                    highest = Math.max(highest, rows.getLong(1));
                }
            }
            statement.execute("BEGIN");
            try (ResultSet rows = statement.executeQuery("SELECT nextval('crash_seq'), nextval('crash_seq')")) {
                assertThat(rows.next()).isTrue();
                highest = Math.max(highest, rows.getLong(2));
            }
            try (ResultSet rows = statement.executeQuery("INSERT INTO crash_serial (note) VALUES ('x') RETURNING id")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getInt(1)).isEqualTo(1);
            }
        }
        killDashNine(server);
        startServer(dataDirectory, port);
        try (Connection connection = DriverManager.getConnection(url, user, "");
             Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery("SELECT nextval('crash_seq')")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getLong(1)).isGreaterThan(highest);
            }
            try (ResultSet rows = statement.executeQuery("INSERT INTO crash_serial (note) VALUES ('y') RETURNING id")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getInt(1)).isGreaterThan(1);
            }
        }
    }

    /** A server whose walwriter will not flush during the test: only what commits flush survives a kill. */
    private Process startAsynchronousServer(Path dataDirectory, int port) throws Exception {
        runToCompletion(woolly("init", "-D", dataDirectory.toString()));
        return startServer(dataDirectory, port, "-c", "synchronous_commit=off", "-c", "wal_writer_delay=10s");
    }

    private static void killDashNine(Process server) throws InterruptedException {
        ServerProcesses.killDashNine(server);
    }

    @Test
    void aSessionThatSetsSynchronousCommitOnGetsDurableCommitsOnAnAsynchronousServer() throws Exception {
        Path dataDirectory = temporary.resolve("session_sync");
        int port = freePort();
        Process server = startAsynchronousServer(dataDirectory, port);
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
        String user = System.getProperty("user.name");
        try (Connection connection = DriverManager.getConnection(url, user, "");
             Statement statement = connection.createStatement()) {
            statement.execute("SET synchronous_commit = on");
            statement.execute("CREATE TABLE session_sync (n int)");
            statement.execute("INSERT INTO session_sync VALUES (1), (2)");
        }
        try (Connection connection = DriverManager.getConnection(url, user, "");
             Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute("SET LOCAL synchronous_commit = on");
            statement.execute("INSERT INTO session_sync VALUES (3)");
            connection.commit();
        }
        killDashNine(server);

        startServer(dataDirectory, port);
        try (Connection connection = DriverManager.getConnection(url, user, "");
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM session_sync")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getInt(1)).isEqualTo(3);
        }
    }

    @Test
    void dropAndTruncateUnderAsynchronousCommitNeverLoseTheFilesOfTablesStillInTheCatalog() throws Exception {
        Path dataDirectory = temporary.resolve("async_drop");
        int port = freePort();
        Process server = startAsynchronousServer(dataDirectory, port);
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
        String user = System.getProperty("user.name");
        try (Connection connection = DriverManager.getConnection(url, user, "");
             Statement statement = connection.createStatement()) {
            statement.execute("SET synchronous_commit = on");
            StringBuilder values = new StringBuilder("(1)");
            for (int n = 2; n <= 100; n++) {
                values.append(", (").append(n).append(')');
            }
            for (String table : List.of("dropped", "truncated", "kept")) {
                statement.execute("CREATE TABLE " + table + " (n int)");
                statement.execute("INSERT INTO " + table + " VALUES " + values);
            }
            statement.execute("RESET synchronous_commit");
            statement.execute("DROP TABLE dropped");
            statement.execute("TRUNCATE truncated");
        }
        killDashNine(server);

        startServer(dataDirectory, port);
        try (Connection connection = DriverManager.getConnection(url, user, "");
             Statement statement = connection.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("SELECT n.nspname, c.relname FROM pg_class c "
                    + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'r'")) {
                while (rows.next()) {
                    tables.add("\"" + rows.getString(1) + "\".\"" + rows.getString(2) + "\"");
                }
            }
            assertThat(tables).contains("\"public\".\"kept\"", "\"public\".\"truncated\"")
                    .doesNotContain("\"public\".\"dropped\"");
            Map<String, Integer> counts = new HashMap<>();
            for (String table : tables) {
                // every table the catalog names has its file (no 58P01 "could not open file")
                try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + table)) {
                    assertThat(rows.next()).isTrue();
                    counts.put(table, rows.getInt(1));
                }
            }
            assertThat(counts.get("\"public\".\"kept\"")).isEqualTo(100);
            assertThat(counts.get("\"public\".\"truncated\"")).isZero();
        }
    }

    private static void work(String url, String user, int session, Random random, Map<Integer, Integer> acknowledged,
                             AtomicBoolean stop) {
        try (Connection connection = DriverManager.getConnection(url, user, "")) {
            connection.setAutoCommit(false);
            PreparedStatement insert = connection.prepareStatement("INSERT INTO events VALUES (?, ?, ?)");
            PreparedStatement update = connection.prepareStatement("UPDATE counters SET last_seq = ? WHERE session = ?");
            int seq = 0;
            while (!stop.get()) {
                if (random.nextInt(5) == 0) {
                    insert.setInt(1, session);
                    insert.setInt(2, -1);
                    insert.setString(3, "rollback " + seq);
                    insert.executeUpdate();
                    connection.rollback();
                    continue;
                }
                int next = seq + 1;
                insert.setInt(1, session);
                insert.setInt(2, next);
                insert.setString(3, "x".repeat(random.nextInt(200)));
                insert.executeUpdate();
                update.setInt(1, next);
                update.setInt(2, session);
                update.executeUpdate();
                connection.commit();
                seq = next;
                acknowledged.put(session, seq);
            }
        } catch (SQLException expectedAtKill) {
            // The server died under us: whatever was not acknowledged may or may not be there.
        }
    }

    private Process startServer(Path dataDirectory, int port, String... options)
            throws IOException, InterruptedException {
        return processes().start(dataDirectory, port, options);
    }

    private Process woolly(String... arguments) throws IOException {
        return processes().woolly(arguments);
    }

    private ServerProcesses processes() {
        if (processes == null) {
            processes = new ServerProcesses(temporary);
        }
        return processes;
    }

    private static void runToCompletion(Process process) throws InterruptedException {
        ServerProcesses.runToCompletion(process);
    }

    private static int freePort() throws IOException {
        return ServerProcesses.freePort();
    }
}
