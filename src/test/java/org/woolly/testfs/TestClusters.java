package org.woolly.testfs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.woolly.server.DataDirectoryInitializer;

/** Clusters initialized on simulated disks for the power-loss tests. */
final class TestClusters {
    /** Where the data directory lives, relative to the disk's root (fault patterns match on it). */
    static final String DATA = "data";

    private TestClusters() {}

    /**
     * A fresh cluster on a new disk under {@code realDirectory}, made durable as initdb's final
     * sync_pgdata would (see the disabled {@code initdbIsDurableWithoutAnExplicitSync}). Directory
     * entries follow POSIX (durable once the directory is fsynced) unless
     * {@code -Dwoolly.crash.ext4=true} asks for ext4's habit of persisting a file's entry with it.
     */
    static SimulatedDisk initialized(Path realDirectory, String name) throws IOException {
        SimulatedDisk disk = SimulatedDisk.over(Files.createDirectory(realDirectory.resolve(name)))
                .fileSyncPersistsEntry(Boolean.getBoolean("woolly.crash.ext4"));
        DataDirectoryInitializer.initialize(disk.root().resolve(DATA),
                DataDirectoryInitializer.Options.trustAll(SqlClient.SUPERUSER));
        disk.syncEverything();
        return disk;
    }

    /** The data directory as the file system mounted after a crash names it. */
    static Path dataDirectory(SimulatedDisk disk) {
        return disk.root().resolve(DATA);
    }

    /** The seed of a randomized test: {@code -Dwoolly.crash.seed=N} replays one. */
    static long seed() {
        String fixed = System.getProperty("woolly.crash.seed");
        return fixed != null ? Long.parseLong(fixed) : System.nanoTime();
    }
}
