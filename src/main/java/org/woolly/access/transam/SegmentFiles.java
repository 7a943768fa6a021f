package org.woolly.access.transam;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;

/**
 * How the WAL and the commit log open their files: {@link FileChannel#open} in a server, a
 * channel whose write or force fails in fault-injection tests (PostgreSQL tests the same paths
 * with injected I/O errors). Package-private seam; no PostgreSQL counterpart.
 */
@FunctionalInterface
interface SegmentFiles {
    SegmentFiles DEFAULT = FileChannel::open;

    FileChannel open(Path path, OpenOption... options) throws IOException;

    /** Removes a file (commit log truncation); fault-injection tests make it fail. */
    default void delete(Path path) throws IOException {
        java.nio.file.Files.deleteIfExists(path);
    }
}
