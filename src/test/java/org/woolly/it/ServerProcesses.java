package org.woolly.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Woolly servers run as separate JVMs from the built jar, for tests that kill them with
 * SIGKILL and start them again on the same data directory. Each process's output goes to a
 * log file in {@code logDirectory}; {@link #close} kills whatever is still running.
 */
final class ServerProcesses implements AutoCloseable {
    private final Path logDirectory;
    private final List<Process> processes = new ArrayList<>();

    ServerProcesses(Path logDirectory) {
        this.logDirectory = logDirectory;
    }

    /** Runs {@code woolly arguments...}. */
    Process woolly(String... arguments) throws IOException {
        Path jar = Path.of("target", "woolly.jar").toAbsolutePath();
        assertThat(Files.exists(jar)).as("the server jar is built before integration tests").isTrue();
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-jar", jar.toString()));
        command.addAll(List.of(arguments));
        Path log = logDirectory.resolve("server-" + processes.size() + "-" + arguments[0] + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        processes.add(process);
        return process;
    }

    /** {@code woolly init -D dataDirectory}, to its end. */
    void init(Path dataDirectory) throws IOException, InterruptedException {
        runToCompletion(woolly("init", "-D", dataDirectory.toString()));
    }

    /** Starts a server on 127.0.0.1:{@code port} and returns once it accepts connections. */
    Process start(Path dataDirectory, int port, String... options) throws IOException, InterruptedException {
        List<String> arguments = new ArrayList<>(List.of("start", "-D", dataDirectory.toString(), "-p",
                Integer.toString(port), "-h", "127.0.0.1", "-k", ""));
        arguments.addAll(List.of(options));
        Process process = woolly(arguments.toArray(String[]::new));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            assertThat(process.isAlive()).as("server process is running").isTrue();
            if (accepts(port)) {
                return process;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("server did not start listening on port " + port);
    }

    static void runToCompletion(Process process) throws InterruptedException {
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
    }

    static void killDashNine(Process server) throws InterruptedException {
        server.destroyForcibly();
        assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static boolean accepts(int port) {
        try (Socket probe = new Socket("127.0.0.1", port)) {
            return probe.isConnected();
        } catch (IOException notYet) {
            return false;
        }
    }

    @Override
    public void close() {
        processes.forEach(Process::destroyForcibly);
    }
}
