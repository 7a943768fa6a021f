package org.woolly.cli;

import org.woolly.embedded.WoollyServer;
import org.woolly.postmaster.ShutdownMode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How {@code woolly stop} reaches a running server: it writes the wanted mode to
 * {@code DATA/postmaster.stop} and sends SIGTERM; the server's shutdown hook reads the file
 * (no file, as with Ctrl-C or a plain {@code kill}: fast shutdown) and shuts down in that mode.
 * PostgreSQL uses three signals for the three modes; a JVM can only hook termination, so the
 * mode travels in the file.
 */
final class ShutdownRequests {
    static final String REQUEST_FILE = "postmaster.stop";

    private ShutdownRequests() {}

    static void install(Path dataDirectory, WoollyServer server) {
        Path requestFile = dataDirectory.resolve(REQUEST_FILE);
        try {
            Files.deleteIfExists(requestFile);
        } catch (IOException e) {
            throw new IllegalStateException("could not remove \"" + requestFile + "\": " + e.getMessage(), e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.shutdown(requestedMode(requestFile));
                Files.deleteIfExists(requestFile);
            } catch (IOException | RuntimeException e) {
                System.err.println("woolly: error during shutdown: " + e.getMessage());
            }
        }, "woolly: shutdown"));
    }

    static ShutdownMode requestedMode(Path requestFile) throws IOException {
        if (!Files.exists(requestFile)) {
            return ShutdownMode.FAST;
        }
        return StartCommand.parseMode(Files.readString(requestFile).strip());
    }

    static void request(Path dataDirectory, ShutdownMode mode) throws IOException {
        Files.writeString(dataDirectory.resolve(REQUEST_FILE), mode.name().toLowerCase(java.util.Locale.ROOT) + "\n");
    }
}
