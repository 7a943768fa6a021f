package org.woolly.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.woolly.access.transam.StorageOptions;
import org.woolly.postmaster.Postmaster;
import org.woolly.postmaster.ShutdownMode;
import org.woolly.utils.error.ServerLog;
import org.woolly.utils.error.Severity;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;
import org.woolly.utils.guc.ServerConfiguration;
import org.woolly.server.DataDirectoryInitializer;
import org.woolly.server.WoollyEngine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A PANIC means what it means in PostgreSQL: every session ends (57P02 for the others), new
 * connections are refused with 57P03 while the engine is discarded and crash recovery runs,
 * then the server accepts connections again on the same socket with every committed row; with
 * restart_after_crash off it stops. The PANIC is injected at the engine's crash state (what a
 * failed WAL write does), and the restart is held at a gate so the refusal can be seen.
 */
class CrashRestartIT {
    @TempDir
    Path dataDirectory;

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final CountDownLatch recoveryGate = new CountDownLatch(1);
    private final AtomicInteger engineOpens = new AtomicInteger();
    private Postmaster postmaster;
    private String user;

    @BeforeEach
    void redirectLog() {
        ServerLog.redirect(new PrintStream(log, true, StandardCharsets.UTF_8));
        user = DataDirectoryInitializer.defaultSuperuser();
        DataDirectoryInitializer.initialize(dataDirectory, DataDirectoryInitializer.Options.trustAll(user));
    }

    @AfterEach
    void stop() {
        recoveryGate.countDown();
        if (postmaster != null) {
            postmaster.shutdown(ShutdownMode.IMMEDIATE);
        }
        ServerLog.redirect(System.err);
    }

    private void start(String... settings) throws Exception {
        Map<String, String> overrides = new LinkedHashMap<>(Map.of("port", "0", "listen_addresses", "127.0.0.1",
                "unix_socket_directories", ""));
        for (int i = 0; i < settings.length; i += 2) {
            overrides.put(settings[i], settings[i + 1]);
        }
        ServerConfiguration configuration = ServerConfiguration.load(dataDirectory, overrides);
        postmaster = new Postmaster(dataDirectory, configuration, () -> {
            if (engineOpens.getAndIncrement() > 0) {
                awaitGate();
            }
            return WoollyEngine.open(dataDirectory, StorageOptions.defaults());
        }, WoollyEngine.TYPE_IO);
        postmaster.start();
    }

    private void awaitGate() {
        try {
            assertThat(recoveryGate.await(60, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + postmaster.port() + "/postgres", user, "");
    }

    private static SqlException injectedPanic() {
        return new SqlException(Severity.PANIC, SqlState.INTERNAL_ERROR, "injected PANIC for a test", null, null, 0,
                null);
    }

    @Test
    void panicEndsEverySessionRefusesConnectionsWhileRecoveringThenServesEveryCommittedRow() throws Exception {
        start();
        try (Connection setup = connect(); Statement statement = setup.createStatement()) {
            statement.execute("CREATE TABLE kept (n int NOT NULL)");
            statement.execute("INSERT INTO kept VALUES (1), (2), (3)");
            statement.execute("CHECKPOINT");
            statement.execute("INSERT INTO kept VALUES (4), (5)");
        }
        Connection idle = connect();
        Connection inTransaction = connect();
        inTransaction.setAutoCommit(false);
        try (Statement statement = inTransaction.createStatement()) {
            statement.execute("INSERT INTO kept VALUES (-1)");
        }

        postmaster.panic(injectedPanic());
        awaitLog("all server processes terminated; reinitializing");

        for (Connection other : List.of(idle, inTransaction)) {
            Statement statement = other.createStatement();
            assertThatThrownBy(() -> statement.executeQuery("SELECT 1")).isInstanceOf(SQLException.class);
            assertThat(sqlStates(statement.getWarnings())).as("quickdie's warning").contains("57P02");
            assertThat(warningMessages(statement.getWarnings()))
                    .contains("terminating connection because of crash of another server process");
            assertThat(other.isValid(2)).as("the connection is closed").isFalse();
            other.close();
        }
        assertThatThrownBy(this::connect).isInstanceOfSatisfying(SQLException.class, refused -> {
            assertThat(refused.getSQLState()).isEqualTo("57P03");
            assertThat(refused.getMessage()).contains("the database system is in recovery mode");
        });

        recoveryGate.countDown();
        try (Connection after = connectWhenReady(); Statement statement = after.createStatement();
             ResultSet rows = statement.executeQuery("SELECT n FROM kept ORDER BY n")) {
            List<Integer> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getInt(1));
            }
            assertThat(values).as("every committed row, nothing uncommitted").containsExactly(1, 2, 3, 4, 5);
            assertThat(statement.executeUpdate("INSERT INTO kept VALUES (6)")).isEqualTo(1);
        }
        assertThat(engineOpens.get()).isEqualTo(2);
        String text = log.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("PANIC:  injected PANIC for a test", "terminating any other active server processes",
                "all server processes terminated; reinitializing");
        assertThat(text.indexOf("all server processes terminated; reinitializing"))
                .isLessThan(text.lastIndexOf("database system is ready to accept connections"));
        // Crash recovery says what it does, in StartupXLOG's words and with %X/%X LSNs.
        String recovery = text.substring(text.indexOf("all server processes terminated; reinitializing"));
        assertThat(recovery).containsPattern("LOG:  database system was interrupted; last known up at "
                        + "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC\n")
                .containsPattern("(?s)LOG:  database system was not properly shut down; automatic recovery in progress\n"
                        + ".*LOG:  redo starts at [0-9A-F]+/[0-9A-F]+\n"
                        + ".*LOG:  redo done at [0-9A-F]+/[0-9A-F]+ system usage: CPU: user: \\d+\\.\\d\\d s, "
                        + "system: \\d+\\.\\d\\d s, elapsed: \\d+\\.\\d\\d s\n");
        assertThat(recovery.indexOf("redo done at")).isLessThan(recovery.lastIndexOf(
                "database system is ready to accept connections"));
    }

    @Test
    void withRestartAfterCrashOffThePanicStopsTheServer() throws Exception {
        start("restart_after_crash", "off");
        try (Connection setup = connect(); Statement statement = setup.createStatement()) {
            statement.execute("CREATE TABLE kept (n int)");
            statement.execute("INSERT INTO kept VALUES (1)");
        }
        Connection idle = connect();
        int port = postmaster.port();

        postmaster.panic(injectedPanic());

        Thread waiter = Thread.ofPlatform().start(() -> {
            try {
                postmaster.awaitTermination();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        waiter.join(TimeUnit.SECONDS.toMillis(60));
        assertThat(waiter.isAlive()).as("the server stopped").isFalse();
        assertThat(postmaster.stoppedByCrash()).isTrue();
        assertThat(Files.exists(dataDirectory.resolve("postmaster.pid"))).isFalse();
        assertThat(idle.isValid(2)).isFalse();
        assertThatThrownBy(() -> DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres",
                user, "")).isInstanceOf(SQLException.class);
        assertThat(log.toString(StandardCharsets.UTF_8))
                .contains("shutting down because restart_after_crash is off");
        assertThat(engineOpens.get()).as("no restart").isEqualTo(1);

        // The data survives: the next start runs crash recovery.
        postmaster = null;
        recoveryGate.countDown();
        engineOpens.set(0);
        start();
        try (Connection after = connect(); Statement statement = after.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM kept")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getLong(1)).isEqualTo(1);
        }
    }

    @Test
    void checkpointCommandRunsACheckpointForTheSuperuser() throws Exception {
        start();
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE t (n int)");
            statement.execute("INSERT INTO t VALUES (1)");
            assertThat(statement.execute("CHECKPOINT")).isFalse();
            assertThat(statement.getUpdateCount()).isEqualTo(0);
            connection.setAutoCommit(false);
            statement.execute("INSERT INTO t VALUES (2)");
            statement.execute("CHECKPOINT");
            connection.commit();
        }
        // After the checkpoint a crash replays only from its redo point: the rows are still there.
        postmaster.panic(injectedPanic());
        recoveryGate.countDown();
        try (Connection after = connectWhenReady(); Statement statement = after.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM t")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getLong(1)).isEqualTo(2);
        }
    }

    private void awaitLog(String line) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!log.toString(StandardCharsets.UTF_8).contains(line)) {
            assertThat(System.nanoTime()).as("the log shows: " + line).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private Connection connectWhenReady() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                return connect();
            } catch (SQLException notYet) {
                if (!"57P03".equals(notYet.getSQLState()) || System.nanoTime() > deadline) {
                    throw notYet;
                }
                Thread.sleep(50);
            }
        }
    }

    private static List<String> sqlStates(SQLWarning warning) {
        List<String> states = new ArrayList<>();
        for (SQLWarning current = warning; current != null; current = current.getNextWarning()) {
            states.add(current.getSQLState());
        }
        return states;
    }

    private static String warningMessages(SQLWarning warning) {
        StringBuilder text = new StringBuilder();
        for (SQLWarning current = warning; current != null; current = current.getNextWarning()) {
            text.append(current.getMessage()).append('\n');
        }
        return text.toString();
    }
}
