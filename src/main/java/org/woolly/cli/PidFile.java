package org.woolly.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reads {@code postmaster.pid}, whose lines are PostgreSQL's: PID, data directory, start time,
 * port, socket directory, listen address, shared-memory key, status.
 */
final class PidFile {
    private PidFile() {}

    static Optional<ProcessHandle> runningServer(Path dataDirectory) throws IOException {
        List<String> lines = lines(dataDirectory);
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        try {
            return ProcessHandle.of(Long.parseLong(lines.getFirst().strip())).filter(ProcessHandle::isAlive);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    static OptionalInt port(Path dataDirectory) throws IOException {
        List<String> lines = lines(dataDirectory);
        if (lines.size() < 4) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(lines.get(3).strip()));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    private static List<String> lines(Path dataDirectory) throws IOException {
        try {
            return Files.readAllLines(dataDirectory.resolve("postmaster.pid"));
        } catch (NoSuchFileException e) {
            return List.of();
        }
    }
}
