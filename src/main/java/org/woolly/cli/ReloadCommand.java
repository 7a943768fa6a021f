package org.woolly.cli;

import org.woolly.postmaster.Postmaster;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code woolly reload}: asks a running server to read {@code postgresql.conf} again, as
 * {@code pg_ctl reload} does. The request is a file the postmaster polls for, like
 * {@code woolly stop}'s; a server started by {@code woolly start} also reloads on SIGHUP
 * ({@link HangupSignal}), so {@code pg_ctl reload} and {@code kill -HUP} work too.
 */
@Command(name = "reload", mixinStandardHelpOptions = true,
        description = "Make a running server read its configuration file again.")
final class ReloadCommand implements Callable<Integer> {
    @Mixin
    private DataDirectoryOption dataDirectory;

    @Override
    public Integer call() throws IOException {
        Path directory = dataDirectory.resolve();
        if (PidFile.runningServer(directory).isEmpty()) {
            System.err.println("woolly reload: no server running (data directory " + directory + ")");
            return 3;
        }
        Postmaster.requestReload(directory);
        System.out.println("server signaled");
        return 0;
    }
}
