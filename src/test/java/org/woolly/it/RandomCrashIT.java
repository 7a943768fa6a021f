package org.woolly.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * kill -9 at random moments of a concurrent workload (4 sessions) that mixes CREATE TABLE, DROP
 * TABLE and TRUNCATE into inserts and updates, with a tiny shared_buffers (pages evicted all the
 * time) and CHECKPOINTs at random, for several rounds. After each restart: every transaction is
 * all or nothing (each session's event log is gap-free, its counter agrees, its scratch table
 * holds what the log says); with synchronous_commit on, every acknowledged commit is there and
 * at most the one in flight per session beyond it; every user table in pg_class reads through a
 * full scan (no missing file, no checksum failure). The seed is printed.
 */
class RandomCrashIT {
    private static final int SESSIONS = 4;
    private static final int ROUNDS = 4;

    @TempDir
    Path temporary;
    private final List<Process> servers = new ArrayList<>();
    private final String user = System.getProperty("user.name");

    @AfterEach
    void killServers() {
        servers.forEach(Process::destroyForcibly);
    }

    @ParameterizedTest(name = "synchronous_commit={0}")
    @ValueSource(strings = {"on", "off"})
    void everyRoundRecoversAConsistentDatabase(String synchronousCommit) throws Exception {
        long seed = System.nanoTime();
        System.out.println("RandomCrashIT synchronous_commit=" + synchronousCommit + " seed " + seed);
        Random random = new Random(seed);
        Path data = temporary.resolve("data");
        int port = freePort();
        Process init = woolly("init", "-D", data.toString());
        assertThat(init.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(init.exitValue()).isZero();
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
        boolean synchronous = synchronousCommit.equals("on");

        Process server = startServer(data, port, synchronousCommit);
        try (Connection connection = DriverManager.getConnection(url, user, "");
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE events (session int NOT NULL, seq int NOT NULL, kind text, detail int)");
            statement.execute("CREATE TABLE counters (session int NOT NULL, last_seq int NOT NULL)");
            for (int session = 0; session < SESSIONS; session++) {
                statement.execute("INSERT INTO counters VALUES (" + session + ", 0)");
            }
        }
        CrashWorkload.Recovered[] recovered = new CrashWorkload.Recovered[SESSIONS];
        java.util.Arrays.fill(recovered, CrashWorkload.Recovered.EMPTY);
        for (int round = 0; round < ROUNDS; round++) {
            CrashWorkload.Session[] sessions = new CrashWorkload.Session[SESSIONS];
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> workers = new ArrayList<>();
            for (int session = 0; session < SESSIONS; session++) {
                sessions[session] = new CrashWorkload.Session(session, recovered[session], new Random(random.nextLong()),
                        session == 0);
                CrashWorkload.Session worker = sessions[session];
                workers.add(Thread.ofPlatform().start(() -> worker.run(url, user, stop)));
            }
            Thread.sleep(1000 + random.nextInt(2500));
            server.destroyForcibly();
            assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
            stop.set(true);
            for (Thread worker : workers) {
                worker.join(30_000);
            }
            server = startServer(data, port, synchronousCommit);
            try (Connection connection = DriverManager.getConnection(url, user, "")) {
                for (int session = 0; session < SESSIONS; session++) {
                    recovered[session] = CrashWorkload.verifySession(connection, sessions[session], synchronous,
                            "seed " + seed + " round " + round);
                }
                CrashWorkload.verifyEveryTableScans(connection, "seed " + seed + " round " + round);
                System.out.println("RandomCrashIT round " + round + ": recovered " + java.util.Arrays.toString(recovered)
                        + ", acknowledged " + java.util.Arrays.stream(sessions).map(s -> s.acknowledged).toList());
            } catch (AssertionError | SQLException e) {
                printServerLogs();
                throw e;
            }
        }
    }

    private void printServerLogs() throws IOException {
        try (var logs = Files.list(temporary)) {
            for (Path log : logs.filter(path -> path.toString().endsWith(".log")).sorted().toList()) {
                System.out.println("==== " + log.getFileName());
                List<String> lines = Files.readAllLines(log);
                lines.subList(Math.max(0, lines.size() - 80), lines.size()).forEach(System.out::println);
            }
        }
    }

    private Process startServer(Path data, int port, String synchronousCommit) throws Exception {
        Process process = woolly("start", "-D", data.toString(), "-p", Integer.toString(port), "-h", "127.0.0.1",
                "-k", "", "-c", "shared_buffers=256kB", "-c", "synchronous_commit=" + synchronousCommit,
                "-c", "wal_writer_delay=50ms");
        servers.add(process);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                printServerLogs();
                throw new AssertionError("server process exited with " + process.exitValue());
            }
            try (Socket probe = new Socket("127.0.0.1", port)) {
                if (probe.isConnected()) {
                    return process;
                }
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("server did not start listening on port " + port);
    }

    private Process woolly(String... arguments) throws IOException {
        Path jar = Path.of("target", "woolly.jar").toAbsolutePath();
        assertThat(Files.exists(jar)).as("the server jar is built before integration tests").isTrue();
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-jar", jar.toString()));
        command.addAll(List.of(arguments));
        Path log = temporary.resolve("server-" + String.format("%02d", servers.size()) + "-" + arguments[0] + ".log");
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
