package org.woolly.storage.smgr;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * Durable file operations: fsync of a directory (so a created or renamed file survives a
 * crash) and atomic replacement of a small file. Counterpart of {@code fsync_fname} and
 * {@code durable_rename} in {@code src/backend/storage/file/fd.c}.
 */
public final class FileSync {
    private FileSync() {}

    public static void syncDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some platforms cannot open a directory for fsync; PostgreSQL ignores that too.
            if (!Files.isDirectory(directory)) {
                throw e;
            }
        }
    }

    /**
     * fsyncs every file and directory under {@code root}, directories after their entries
     * (initdb's {@code sync_pgdata}: a data directory must be durable before anyone relies on it).
     */
    public static void syncTree(Path root) throws IOException {
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(root)) {
            paths = walk.toList();
        }
        for (Path path : paths.reversed()) {
            if (Files.isDirectory(path)) {
                syncDirectory(path);
            } else {
                try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
                    channel.force(true);
                }
            }
        }
    }

    /** Writes {@code bytes} to a temporary file, fsyncs it, renames it over {@code target}, fsyncs the directory. */
    public static void writeAtomically(Path target, byte[] bytes, boolean fsync) throws IOException {
        Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            var buffer = java.nio.ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            if (fsync) {
                channel.force(true);
            }
        }
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
        if (fsync) {
            syncDirectory(target.getParent());
        }
    }
}
