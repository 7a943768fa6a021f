package org.woolly.cli;

import org.woolly.postmaster.Postmaster;
import org.woolly.postmaster.ShutdownMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code woolly stop}: stops a running server, as {@code pg_ctl stop} does. */
@Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop a running server.")
final class StopCommand implements Callable<Integer> {
    @Mixin
    private DataDirectoryOption dataDirectory;

    @Option(names = {"-m", "--mode"}, paramLabel = "MODE", defaultValue = "fast",
            description = "smart (wait for clients), fast (default: end sessions), immediate (no checkpoint)")
    private String mode;

    @Option(names = {"-t", "--timeout"}, paramLabel = "SECS", defaultValue = "60",
            description = "seconds to wait for the server to stop")
    private int timeoutSeconds;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Path directory = dataDirectory.resolve();
        ShutdownMode shutdownMode = ShutdownMode.parse(mode);
        Optional<ProcessHandle> server = PidFile.runningServer(directory);
        if (server.isEmpty()) {
            System.err.println("woolly stop: no server running (data directory " + directory + ")");
            return 3;
        }
        System.out.println("waiting for server to shut down....");
        Postmaster.requestShutdown(directory, shutdownMode);
        long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
        while (server.get().isAlive()) {
            if (System.nanoTime() > deadline) {
                System.err.println("woolly stop: server does not shut down");
                return 1;
            }
            Thread.sleep(100);
        }
        System.out.println("server stopped");
        return 0;
    }
}
