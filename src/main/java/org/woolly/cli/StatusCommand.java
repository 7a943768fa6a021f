package org.woolly.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code woolly status}: whether a server runs on the data directory (exit 3 when not, as pg_ctl). */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Show whether the server is running.")
final class StatusCommand implements Callable<Integer> {
    @Mixin
    private DataDirectoryOption dataDirectory;

    @Override
    public Integer call() throws IOException {
        Path directory = dataDirectory.resolve();
        Optional<ProcessHandle> server = PidFile.runningServer(directory);
        if (server.isEmpty()) {
            System.out.println("woolly: no server running");
            return 3;
        }
        System.out.println("woolly: server is running (PID: " + server.get().pid() + ")");
        server.get().info().commandLine().ifPresent(line -> System.out.println(line));
        PidFile.port(directory).ifPresent(port -> System.out.println("port: " + port));
        return 0;
    }
}
