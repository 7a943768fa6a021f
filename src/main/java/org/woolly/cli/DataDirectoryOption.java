package org.woolly.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code -D DIR}: the data directory; defaults to {@code $WOOLLYDATA}, then {@code ./data}. */
final class DataDirectoryOption {
    @Option(names = {"-D", "--pgdata"}, paramLabel = "DATADIR",
            description = "data directory (default: $WOOLLYDATA, then ./data)")
    private Path directory;

    Path resolve() {
        if (directory != null) {
            return directory.toAbsolutePath().normalize();
        }
        String fromEnvironment = System.getenv("WOOLLYDATA");
        Path chosen = fromEnvironment != null && !fromEnvironment.isBlank() ? Path.of(fromEnvironment) : Path.of("data");
        return chosen.toAbsolutePath().normalize();
    }

    boolean isDefault() {
        return directory == null && (System.getenv("WOOLLYDATA") == null || System.getenv("WOOLLYDATA").isBlank());
    }
}
