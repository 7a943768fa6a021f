package org.woolly.storage.file;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.woolly.utils.error.ServerLog;
import org.woolly.utils.error.Severity;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * The server's temporary file directory, {@code base/pgsql_tmp} (PostgreSQL's default
 * tablespace's {@code PG_TEMP_FILES_DIR}; {@code temp_tablespaces} is not followed). Files are
 * named as {@code OpenTemporaryFileInTablespace} names them, {@code pgsql_tmpPID.N}, with one
 * counter for the server so that two sessions never pick one name. {@link #removeLeftovers()}
 * is {@code RemovePgTempFiles}: at start-up nothing of a crashed or killed query survives.
 */
public final class TemporaryFileSpace {
    /** {@code PG_TEMP_FILES_DIR} under the default tablespace's directory. */
    public static final String DIRECTORY = "base/pgsql_tmp";
    /** {@code PG_TEMP_FILE_PREFIX}. */
    public static final String PREFIX = "pgsql_tmp";

    private final Path dataDirectory;
    private final Path directory;
    private final AtomicLong counter = new AtomicLong();

    public TemporaryFileSpace(Path dataDirectory) {
        this.dataDirectory = dataDirectory;
        this.directory = dataDirectory.resolve(DIRECTORY);
    }

    /** The directory the files go to ({@code DATA/base/pgsql_tmp}). */
    public Path directory() {
        return directory;
    }

    /**
     * Deletes every file whose name starts with {@code pgsql_tmp} ({@code RemovePgTempFilesInDir}):
     * called when the server starts, before any session can make one. Returns how many it removed.
     */
    public int removeLeftovers() {
        if (!Files.isDirectory(directory)) {
            return 0;
        }
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, PREFIX + "*")) {
            for (Path file : files) {
                try {
                    Files.deleteIfExists(file);
                    removed++;
                } catch (IOException e) {
                    ServerLog.log(Severity.LOG, "could not remove file \"" + relative(file) + "\": " + e.getMessage());
                }
            }
        } catch (IOException e) {
            ServerLog.log(Severity.LOG, "could not open directory \"" + DIRECTORY + "\": " + e.getMessage());
        }
        return removed;
    }

    /**
     * A new owner of temporary files for one statement of the backend {@code pid}: the limits
     * are {@code temp_file_limit} and {@code log_temp_files} in kB (-1: none), {@code deleted}
     * hears the size of each file when it goes (pg_stat_database's temp_files and temp_bytes).
     */
    public TemporaryFileSet newSet(int pid, long limitKilobytes, long logThresholdKilobytes, LongConsumer deleted) {
        return new TemporaryFileSet(this, pid, limitKilobytes, logThresholdKilobytes, deleted);
    }

    /** Creates the next file of {@code pid} (the directory on first use, as {@code TempTablespacePath}'s mkdir). */
    Path createFile(int pid) {
        Path file = directory.resolve(PREFIX + pid + "." + counter.getAndIncrement());
        try {
            Files.createDirectories(directory);
            Files.createFile(file);
            return file;
        } catch (IOException e) {
            throw new SqlException(SqlState.IO_ERROR,
                    "could not create temporary file \"" + relative(file) + "\": " + e.getMessage());
        }
    }

    /** The path as PostgreSQL's messages show it, relative to the data directory. */
    String relative(Path file) {
        return dataDirectory.relativize(file).toString();
    }
}
