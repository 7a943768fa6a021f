package org.woolly.postmaster;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.woolly.tcop.FakeEngine;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.guc.ServerConfiguration;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PostmasterTest {

    @TempDir
    Path dataDirectory;

    private FakeEngine engine;
    private Postmaster postmaster;

    @BeforeEach
    void start() throws IOException {
        engine = new FakeEngine();
        postmaster = startPostmaster(Map.of());
    }

    private Postmaster startPostmaster(Map<String, String> overrides) throws IOException {
        Map<String, String> settings = new java.util.LinkedHashMap<>(Map.of("port", "0",
                "listen_addresses", "127.0.0.1", "unix_socket_directories", "", "max_connections", "3",
                "superuser_reserved_connections", "0"));
        settings.putAll(overrides);
        Postmaster started = new Postmaster(dataDirectory, ServerConfiguration.load(dataDirectory, settings), engine);
        started.start();
        return started;
    }

    @AfterEach
    void stop() {
        postmaster.shutdown(ShutdownMode.FAST);
    }

    private Connection connect(String user) throws SQLException {
        return connect(user, new Properties());
    }

    private Connection connect(String user, Properties properties) throws SQLException {
        properties.setProperty("user", user);
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + postmaster.port() + "/postgres",
                properties);
    }

    @Test
    void simpleQueryThroughPgjdbc() throws SQLException {
        try (Connection connection = connect("alice"); Statement statement = connection.createStatement()) {
            try (ResultSet result = statement.executeQuery("SELECT 1")) {
                assertThat(result.next()).isTrue();
                assertThat(result.getInt(1)).isEqualTo(1);
                assertThat(result.getMetaData().getColumnName(1)).isEqualTo("?column?");
                assertThat(result.next()).isFalse();
            }
            try (ResultSet result = statement.executeQuery("SHOW DateStyle")) {
                assertThat(result.next()).isTrue();
                assertThat(result.getString(1)).isEqualTo("ISO, MDY");
            }
            assertThat(connection.getMetaData().getDatabaseProductVersion()).isEqualTo("15.0");
        }
    }

    @Test
    void lockFileHasPostgresLayoutAndIsRemovedAtShutdown() throws IOException {
        List<String> lines = Files.readAllLines(dataDirectory.resolve("postmaster.pid"));
        assertThat(lines.get(0)).isEqualTo(Long.toString(ProcessHandle.current().pid()));
        assertThat(lines.get(1)).isEqualTo(dataDirectory.toAbsolutePath().normalize().toString());
        assertThat(lines.get(3)).isEqualTo(Integer.toString(postmaster.port()));
        assertThat(lines.get(5)).isEqualTo("127.0.0.1");
        assertThat(lines.get(7)).isEqualTo("ready   ");
        assertThatThrownBy(() -> new Postmaster(dataDirectory, ServerConfiguration.defaults().with("port", "0"),
                engine).start())
                .isInstanceOf(SqlException.class)
                .hasMessage("lock file \"postmaster.pid\" already exists");
        postmaster.shutdown(ShutdownMode.FAST);
        assertThat(dataDirectory.resolve("postmaster.pid")).doesNotExist();
        assertThat(engine.closed).isTrue();
    }

    @Test
    void preparedStatementWithBinaryParameters() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("prepareThreshold", "-1");
        try (Connection connection = connect("alice", properties);
             PreparedStatement statement = connection.prepareStatement("SELECT ?, ?")) {
            statement.setInt(1, 41);
            statement.setLong(2, 9_000_000_000L);
            try (ResultSet result = statement.executeQuery()) {
                assertThat(result.next()).isTrue();
                assertThat(result.getInt(1)).isEqualTo(41);
                assertThat(result.getLong(2)).isEqualTo(9_000_000_000L);
            }
            statement.setInt(1, 7);
            statement.setNull(2, java.sql.Types.BIGINT);
            try (ResultSet result = statement.executeQuery()) {
                assertThat(result.next()).isTrue();
                assertThat(result.getInt(1)).isEqualTo(7);
                assertThat(result.getObject(2)).isNull();
            }
        }
    }

    @Test
    void fetchSizeSuspendsAndResumesThePortal() throws SQLException {
        try (Connection connection = connect("alice")) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.setFetchSize(3);
                List<Integer> values = new ArrayList<>();
                try (ResultSet result = statement.executeQuery("SELECT series 10")) {
                    while (result.next()) {
                        values.add(result.getInt(1));
                    }
                }
                assertThat(values).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
            }
            connection.commit();
        }
    }

    @Test
    void errorsCarrySqlStateAndPositionAndTheSessionGoesOn() throws SQLException {
        try (Connection connection = connect("alice"); Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.executeQuery("SELECT nocolumn"))
                    .isInstanceOfSatisfying(org.postgresql.util.PSQLException.class, e -> {
                        assertThat(e.getSQLState()).isEqualTo("42703");
                        assertThat(e.getServerErrorMessage().getMessage()).isEqualTo("column \"nocolumn\" does not exist");
                        assertThat(e.getServerErrorMessage().getPosition()).isEqualTo(8);
                    });
            assertThatThrownBy(() -> statement.executeQuery("SELECT boom"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("XX000"));
            assertThatThrownBy(() -> statement.execute("SET work_mem = 'lots'"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("22023"));
            try (ResultSet result = statement.executeQuery("SELECT 1")) {
                assertThat(result.next()).isTrue();
            }
        }
    }

    @Test
    void noticesReachTheClient() throws SQLException {
        try (Connection connection = connect("alice"); Statement statement = connection.createStatement()) {
            statement.executeQuery("SELECT notice").close();
            assertThat((Object) statement.getWarnings()).isNotNull();
            assertThat(statement.getWarnings().getMessage()).contains("hello from the engine");
        }
    }

    @Test
    void cancelStopsARunningStatement() throws Exception {
        try (Connection connection = connect("alice"); Statement statement = connection.createStatement()) {
            CompletableFuture<Void> canceller = CompletableFuture.runAsync(() -> {
                try {
                    assertThat(engine.sleeping.await(10, TimeUnit.SECONDS)).isTrue();
                    statement.cancel();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThatThrownBy(() -> statement.executeQuery("SELECT sleep"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("57014"));
            canceller.get(10, TimeUnit.SECONDS);
            try (ResultSet result = statement.executeQuery("SELECT 1")) {
                assertThat(result.next()).isTrue();
            }
        }
    }

    @Test
    void tooManyClients() throws SQLException {
        try (Connection first = connect("alice"); Connection second = connect("alice");
             Connection third = connect("alice")) {
            assertThatThrownBy(() -> connect("alice"))
                    .isInstanceOfSatisfying(SQLException.class, e -> {
                        assertThat(e.getSQLState()).isEqualTo("53300");
                        assertThat(e.getMessage()).contains("sorry, too many clients already");
                    });
            assertThat(first.isValid(2) && second.isValid(2) && third.isValid(2)).isTrue();
        }
    }

    @Test
    void scramPasswordAuthentication() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("password", "secret");
        try (Connection connection = connect("bob", properties); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SHOW is_superuser")) {
            assertThat(result.next()).isTrue();
            assertThat(result.getString(1)).isEqualTo("off");
        }
    }

    @Test
    void authenticationFailures() throws Exception {
        postmaster.shutdown(ShutdownMode.FAST);
        Files.writeString(dataDirectory.resolve("pg_hba.conf"), """
                # TYPE  DATABASE  USER   ADDRESS       METHOD
                host    all       alice  127.0.0.1/32  trust
                host    all       all    127.0.0.1/32  scram-sha-256
                """);
        postmaster = startPostmaster(Map.of());
        Properties wrong = new Properties();
        wrong.setProperty("password", "wrong");
        assertThatThrownBy(() -> connect("bob", wrong))
                .isInstanceOfSatisfying(SQLException.class, e -> {
                    assertThat(e.getSQLState()).isEqualTo("28P01");
                    assertThat(e.getMessage()).contains("password authentication failed for user \"bob\"");
                });
        assertThatThrownBy(() -> connect("nobody", wrong))
                .isInstanceOfSatisfying(SQLException.class, e -> {
                    assertThat(e.getSQLState()).isEqualTo("28P01");
                    assertThat(e.getMessage()).contains("password authentication failed for user \"nobody\"");
                });
        Properties alice = new Properties();
        alice.setProperty("user", "alice");
        assertThatThrownBy(() -> DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + postmaster.port()
                + "/nodb", alice))
                .isInstanceOfSatisfying(SQLException.class, e -> {
                    assertThat(e.getSQLState()).isEqualTo("3D000");
                    assertThat(e.getMessage()).contains("database \"nodb\" does not exist");
                });
    }

    /** Opens a raw connection as alice and reads up to ReadyForQuery. */
    private Socket rawSession() throws IOException {
        Socket socket = new Socket("127.0.0.1", postmaster.port());
        DataOutputStream out = new DataOutputStream(socket.getOutputStream());
        DataInputStream in = new DataInputStream(socket.getInputStream());
        byte[] parameters = "user\0alice\0database\0postgres\0\0".getBytes(StandardCharsets.UTF_8);
        out.writeInt(8 + parameters.length);
        out.writeInt(3 << 16);
        out.write(parameters);
        out.flush();
        while (in.readByte() != 'Z') {
            in.readFully(new byte[in.readInt() - 4]);
        }
        in.readFully(new byte[in.readInt() - 4]);
        return socket;
    }

    private static String readErrorFields(DataInputStream in) throws IOException {
        assertThat(in.readByte()).isEqualTo((byte) 'E');
        byte[] body = new byte[in.readInt() - 4];
        in.readFully(body);
        return new String(body, StandardCharsets.UTF_8);
    }

    @Test
    void malformedMessageClosesOnlyThatConnection() throws Exception {
        try (Connection healthy = connect("alice"); Socket socket = rawSession()) {
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            DataInputStream in = new DataInputStream(socket.getInputStream());
            out.writeByte('Q');
            out.writeInt(2);
            out.flush();
            assertThat(readErrorFields(in)).contains("FATAL").contains("08P01").contains("invalid message length");
            assertThat(in.read()).isEqualTo(-1);
            try (Statement statement = healthy.createStatement(); ResultSet result = statement.executeQuery("SELECT 1")) {
                assertThat(result.next()).isTrue();
            }
        }
    }

    @Test
    void fastShutdownTerminatesSessions() throws Exception {
        Connection connection = connect("alice");
        postmaster.shutdown(ShutdownMode.FAST);
        assertThatThrownBy(() -> connection.createStatement().executeQuery("SELECT 1"))
                .isInstanceOf(SQLException.class);
        assertThat(engine.openSessions.get()).isZero();
        connection.close();
    }

    /**
     * Fast shutdown raises the termination on the backend's interrupts (the statement is deaf to
     * cancel requests) and writes the shutdown checkpoint only after the backend has ended.
     */
    @Test
    void fastShutdownCheckpointsOnlyAfterTheTerminatedBackendEnded() throws Exception {
        Connection connection = connect("alice");
        // Own threads: the common pool may have a single worker on a small machine.
        Thread stubborn = Thread.ofPlatform().start(() -> {
            try (Statement statement = connection.createStatement()) {
                statement.executeQuery("SELECT stubborn");
            } catch (SQLException expected) {
                // terminated by the shutdown
            }
        });
        assertThat(engine.stubbornRunning.await(10, TimeUnit.SECONDS)).isTrue();
        Thread shutdown = Thread.ofPlatform().start(() -> postmaster.shutdown(ShutdownMode.FAST));
        shutdown.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(shutdown.isAlive()).as("the shutdown finished").isFalse();
        stubborn.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(engine.events).containsExactly("statement ended", "shutdown checkpoint");
        connection.close();
    }

    /**
     * A PANIC raised in a backend goes to its client, the other sessions get quickdie's WARNING
     * 57P02 and are closed, and the postmaster opens a new engine and serves again.
     */
    @Test
    void panicInABackendReachesItsClientEndsTheOthersAndRestarts() throws Exception {
        postmaster.shutdown(ShutdownMode.FAST);
        List<FakeEngine> engines = new java.util.concurrent.CopyOnWriteArrayList<>();
        postmaster = new Postmaster(dataDirectory, ServerConfiguration.load(dataDirectory, Map.of("port", "0",
                "listen_addresses", "127.0.0.1", "unix_socket_directories", "")), () -> {
            FakeEngine opened = new FakeEngine();
            engines.add(opened);
            return opened;
        }, org.woolly.tcop.TypeIoLookup.builtin());
        postmaster.start();
        Connection other = connect("alice");
        try (Connection raising = connect("alice"); Statement statement = raising.createStatement()) {
            assertThatThrownBy(() -> statement.executeQuery("SELECT panic"))
                    .isInstanceOfSatisfying(org.postgresql.util.PSQLException.class, panic -> {
                        assertThat(panic.getServerErrorMessage().getSeverity()).isEqualTo("PANIC");
                        assertThat(panic.getServerErrorMessage().getMessage()).isEqualTo("simulated PANIC");
                    });
        }
        Statement otherStatement = waitUntilEnded(other);
        assertThat((Object) otherStatement.getWarnings()).isNotNull();
        assertThat(otherStatement.getWarnings().getSQLState()).isEqualTo("57P02");
        other.close();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try (Connection after = connect("alice"); Statement statement = after.createStatement();
                 ResultSet result = statement.executeQuery("SELECT 1")) {
                assertThat(result.next()).isTrue();
                break;
            } catch (SQLException notYet) {
                assertThat(notYet.getSQLState()).isEqualTo("57P03");
                assertThat(System.nanoTime()).isLessThan(deadline);
                Thread.sleep(20);
            }
        }
        assertThat(engines).hasSize(2);
        assertThat(engines.getFirst().closedImmediately).isTrue();
        assertThat(engines.getFirst().checkpoints.get()).as("nothing written after the PANIC").isZero();
    }

    /** The crash handling runs on its own thread: polls until a statement fails; returns that statement. */
    private static Statement waitUntilEnded(Connection connection) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            Statement statement = connection.createStatement();
            try {
                statement.executeQuery("SELECT 1").close();
            } catch (SQLException ended) {
                return statement;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the session was not ended");
    }

    @Test
    void shutdownRequestFileStopsTheServer() throws Exception {
        Postmaster.requestShutdown(dataDirectory, ShutdownMode.SMART);
        CompletableFuture.runAsync(() -> {
            try {
                postmaster.awaitTermination();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }).get(10, TimeUnit.SECONDS);
        assertThat(dataDirectory.resolve("postmaster.pid")).doesNotExist();
    }

    @Test
    void smartShutdownWaitsAndFastShutdownTellsClients() throws Exception {
        try (Socket socket = rawSession()) {
            CompletableFuture<Void> smart = CompletableFuture.runAsync(() -> postmaster.shutdown(ShutdownMode.SMART));
            Thread.sleep(300);
            assertThat(smart).isNotDone();
            assertThatThrownBy(() -> connect("alice")).isInstanceOf(SQLException.class);
            postmaster.shutdown(ShutdownMode.FAST);
            smart.get(10, TimeUnit.SECONDS);
            DataInputStream in = new DataInputStream(socket.getInputStream());
            assertThat(readErrorFields(in)).contains("SFATAL").contains("C57P01")
                    .contains("terminating connection due to administrator command");
            assertThat(in.read()).isEqualTo(-1);
        }
        assertThat(engine.openSessions.get()).isZero();
        assertThat(engine.closed).isTrue();
    }

    @Test
    void backendThreadIsNamedLikeAPostgresProcess() throws Exception {
        try (Connection connection = connect("alice"); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT thread")) {
            assertThat(result.next()).isTrue();
            assertThat(result.getString(1)).matches("woolly: alice postgres 127\\.0\\.0\\.1\\(\\d+\\) SELECT");
        }
    }

    @Test
    void cleartextPasswordAndUnixSocket() throws Exception {
        postmaster.shutdown(ShutdownMode.FAST);
        Files.writeString(dataDirectory.resolve("pg_hba.conf"), """
                local   all       all                  trust
                host    all       bob    0.0.0.0/0     password
                """);
        Path socketDirectory = Files.createTempDirectory(Path.of("/tmp"), "wsock");
        postmaster = startPostmaster(Map.of("unix_socket_directories", socketDirectory.toString()));
        Properties properties = new Properties();
        properties.setProperty("password", "secret");
        try (Connection connection = connect("bob", properties)) {
            assertThat(connection.isValid(1)).isTrue();
        }
        Path socket = socketDirectory.resolve(".s.PGSQL." + postmaster.port());
        assertThat(socketDirectory.resolve(".s.PGSQL." + postmaster.port() + ".lock")).exists();
        try (java.nio.channels.SocketChannel channel = java.nio.channels.SocketChannel.open(
                java.net.UnixDomainSocketAddress.of(socket))) {
            byte[] parameters = "user\0alice\0database\0postgres\0\0".getBytes(StandardCharsets.UTF_8);
            channel.write(java.nio.ByteBuffer.allocate(8 + parameters.length).putInt(8 + parameters.length)
                    .putInt(3 << 16).put(parameters).flip());
            DataInputStream in = new DataInputStream(java.nio.channels.Channels.newInputStream(channel));
            assertThat(in.readByte()).isEqualTo((byte) 'R');
            assertThat(in.readInt()).isEqualTo(8);
            assertThat(in.readInt()).isZero();
        }
        postmaster.shutdown(ShutdownMode.FAST);
        assertThat(socket).doesNotExist();
        Files.deleteIfExists(socketDirectory);
    }

    @Test
    void idleInTransactionTimeoutEndsTheSession() throws Exception {
        try (Socket socket = rawSession()) {
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            DataInputStream in = new DataInputStream(socket.getInputStream());
            for (String sql : List.of("SET idle_in_transaction_session_timeout = 200", "BEGIN")) {
                byte[] text = (sql + "\0").getBytes(StandardCharsets.UTF_8);
                out.writeByte('Q');
                out.writeInt(4 + text.length);
                out.write(text);
                out.flush();
                byte type;
                do {
                    type = in.readByte();
                    in.readFully(new byte[in.readInt() - 4]);
                } while (type != 'Z');
            }
            assertThat(readErrorFields(in)).contains("SFATAL").contains("C25P03")
                    .contains("terminating connection due to idle-in-transaction timeout");
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void immediateShutdownSkipsTheCheckpointAndLoggingCollectorWritesFiles() throws Exception {
        postmaster.shutdown(ShutdownMode.FAST);
        engine = new FakeEngine();
        postmaster = startPostmaster(Map.of("logging_collector", "on"));
        Postmaster.requestShutdown(dataDirectory, ShutdownMode.IMMEDIATE);
        CompletableFuture.runAsync(() -> {
            try {
                postmaster.awaitTermination();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }).get(10, TimeUnit.SECONDS);
        assertThat(engine.closed).isFalse();
        assertThat(engine.closedImmediately).isTrue();
        try (var files = Files.list(dataDirectory.resolve("log"))) {
            Path log = files.findFirst().orElseThrow();
            assertThat(Files.readString(log)).contains("LOG:  database system is ready to accept connections")
                    .contains("received immediate shutdown request");
        }
    }
}
