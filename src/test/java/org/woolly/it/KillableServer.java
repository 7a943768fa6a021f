package org.woolly.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One Woolly server in a separate JVM, on a fresh data directory for each test, that a crash
 * test kills with SIGKILL ({@link #kill}) and starts again on the same directory
 * ({@link #restart}). Register it with {@code @RegisterExtension}; whatever still runs after
 * the test is killed and the directory removed.
 */
final class KillableServer implements BeforeEachCallback, AfterEachCallback {
    private Path directory;
    private ServerProcesses processes;
    private Path data;
    private int port;
    private Process running;

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        directory = Files.createTempDirectory("woolly-crash-");
        processes = new ServerProcesses(directory);
        data = directory.resolve("data");
        port = ServerProcesses.freePort();
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        processes.close();
        if (running != null) {
            running.onExit().join();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    /** {@code woolly init} on the test's data directory, then a server on it. */
    void initAndStart(String... options) throws IOException, InterruptedException {
        processes.init(data);
        restart(options);
    }

    /** Starts the server on the data directory (after {@link #kill}, crash recovery runs). */
    void restart(String... options) throws IOException, InterruptedException {
        running = processes.start(data, port, options);
    }

    /** The data directory (to damage files between a kill and a restart). */
    Path data() {
        return data;
    }

    /** SIGKILL: no shutdown checkpoint, no flushed buffer, as a crash. */
    void kill() throws InterruptedException {
        ServerProcesses.killDashNine(running);
    }

    /** The server's data directory (to look at its files between a kill and a restart). */
    Path dataDirectory() {
        return data;
    }

    /** What the servers started so far wrote to their logs, in start order. */
    String log() throws IOException {
        StringBuilder text = new StringBuilder();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("server-")).sorted().toList()) {
                text.append(Files.readString(file));
            }
        }
        return text.toString();
    }

    /** A new connection to the {@code postgres} database as the operating-system user. */
    Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres",
                System.getProperty("user.name"), "");
    }
}
