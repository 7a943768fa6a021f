package org.woolly.postmaster;

import org.woolly.utils.error.ServerLog;
import org.woolly.utils.error.Severity;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code DATA/postmaster.pid} with PostgreSQL's line layout ({@code CreateLockFile} and
 * {@code AddToDataDirLockFile} in {@code src/backend/utils/init/miscinit.c}): pid, data
 * directory, start time (epoch seconds), port, first socket directory, first listen address,
 * shared memory key placeholder, status. A live process named in an existing file refuses the
 * start; a stale file is replaced.
 */
public final class LockFile {

    public static final String FILE_NAME = "postmaster.pid";
    public static final String STATUS_STARTING = "starting";
    public static final String STATUS_READY = "ready   ";
    public static final String STATUS_STOPPING = "stopping";

    private final Path file;

    private LockFile(Path file) {
        this.file = file;
    }

    /**
     * Claims the data directory; F0001 when another live process holds it. The file is created
     * atomically (create-new) before anything else touches the directory, so two servers
     * starting at once cannot both get past this point; a stale file of a dead process is removed.
     */
    public static LockFile acquire(Path dataDirectory) throws IOException {
        Path file = dataDirectory.resolve(FILE_NAME);
        if (Files.exists(file)) {
            long otherPid = readPid(file);
            boolean otherAlive = otherPid > 0 && otherPid != ProcessHandle.current().pid()
                    && ProcessHandle.of(otherPid).map(ProcessHandle::isAlive).orElse(false);
            if (otherAlive || otherPid == ProcessHandle.current().pid() && isHeldInThisProcess(dataDirectory)) {
                throw alreadyExists(dataDirectory, otherPid);
            }
            Files.deleteIfExists(file);
        }
        try {
            Files.writeString(file, ProcessHandle.current().pid() + "\n" + dataDirectory.toAbsolutePath().normalize()
                    + "\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE_NEW,
                    java.nio.file.StandardOpenOption.WRITE);
        } catch (java.nio.file.FileAlreadyExistsException raced) {
            throw alreadyExists(dataDirectory, readPid(file));
        }
        HELD_IN_THIS_PROCESS.add(dataDirectory.toAbsolutePath().normalize());
        return new LockFile(file);
    }

    private static SqlException alreadyExists(Path dataDirectory, long otherPid) {
        return new SqlException(Severity.FATAL, SqlState.LOCK_FILE_EXISTS,
                "lock file \"" + FILE_NAME + "\" already exists", null,
                String.format("Is another postmaster (PID %d) running in data directory \"%s\"?", otherPid,
                        dataDirectory.toAbsolutePath()), 0, null);
    }

    private static final java.util.Set<Path> HELD_IN_THIS_PROCESS = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private static boolean isHeldInThisProcess(Path dataDirectory) {
        return HELD_IN_THIS_PROCESS.contains(dataDirectory.toAbsolutePath().normalize());
    }

    /** The pid on the first line of a lock file, or -1 when unreadable. */
    public static long readPid(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return lines.isEmpty() ? -1 : Long.parseLong(lines.get(0).trim());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    /** Writes the file in full. */
    public void write(Path dataDirectory, long startEpochSeconds, int port, String socketDirectory,
                      String listenAddress, String status) throws IOException {
        HELD_IN_THIS_PROCESS.add(dataDirectory.toAbsolutePath().normalize());
        String content = ProcessHandle.current().pid() + "\n"
                + dataDirectory.toAbsolutePath().normalize() + "\n"
                + startEpochSeconds + "\n"
                + port + "\n"
                + socketDirectory + "\n"
                + listenAddress + "\n"
                + String.format("%9d %9d", 0, 0) + "\n"
                + status + "\n";
        Path temporary = file.resolveSibling(FILE_NAME + ".tmp");
        Files.writeString(temporary, content, StandardCharsets.UTF_8);
        Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    public void remove(Path dataDirectory) {
        HELD_IN_THIS_PROCESS.remove(dataDirectory.toAbsolutePath().normalize());
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            ServerLog.log(Severity.WARNING, "could not remove lock file \"" + file + "\": " + e.getMessage());
        }
    }
}
