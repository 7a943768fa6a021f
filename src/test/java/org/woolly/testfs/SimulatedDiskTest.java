package org.woolly.testfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulated disk itself: what survives a power loss and what does not. */
class SimulatedDiskTest {
    private static final int TRIALS = 64;

    @TempDir
    Path realDirectory;
    private int trials;

    private static void write(Path file, long position, byte[] data, boolean sync) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(data);
            while (buffer.hasRemaining()) {
                channel.write(buffer, position + buffer.position());
            }
            if (sync) {
                channel.force(false);
            }
        }
    }

    private static void syncDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    private static byte[] filled(int length, char value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    /** Runs the same history on fresh disks crashed with seeds 0..TRIALS-1; returns the distinct outcomes. */
    private Set<String> outcomes(History history, Probe probe) throws IOException {
        Set<String> seen = new HashSet<>();
        for (int seed = 0; seed < TRIALS; seed++) {
            Path trial = Files.createDirectory(realDirectory.resolve("trial" + trials++));
            SimulatedDisk disk = SimulatedDisk.over(trial);
            history.run(disk, disk.root());
            disk.crash(new Random(seed));
            seen.add(probe.look(disk.root()));
        }
        return seen;
    }

    @FunctionalInterface
    private interface History {
        void run(SimulatedDisk disk, Path root) throws IOException;
    }

    @FunctionalInterface
    private interface Probe {
        String look(Path root) throws IOException;
    }

    private static String content(Path file) throws IOException {
        return Files.exists(file) ? new String(Files.readAllBytes(file)) : "absent";
    }

    @Test
    void syncedWriteAndEntrySurviveEveryCrash() throws IOException {
        Set<String> seen = outcomes((disk, root) -> {
            write(root.resolve("f"), 0, "durable".getBytes(), true);
            syncDirectory(root);
        }, root -> content(root.resolve("f")));
        assertThat(seen).containsExactly("durable");
    }

    @Test
    void unsyncedOverwriteIsSometimesLostNeverMixedWithinAPage() throws IOException {
        Set<String> seen = outcomes((disk, root) -> {
            write(root.resolve("f"), 0, "old-old".getBytes(), true);
            syncDirectory(root);
            write(root.resolve("f"), 0, "new-new".getBytes(), false);
        }, root -> content(root.resolve("f")));
        assertThat(seen).containsExactlyInAnyOrder("old-old", "new-new");
    }

    @Test
    void unsyncedEightKilobyteWriteCanTearAtTheFourKilobyteBoundary() throws IOException {
        Set<String> seen = outcomes((disk, root) -> {
            write(root.resolve("f"), 8192, filled(8192, 'a'), true);
            syncDirectory(root);
            write(root.resolve("f"), 8192, filled(8192, 'b'), false);
        }, root -> {
            byte[] bytes = Files.readAllBytes(root.resolve("f"));
            return (char) bytes[8192] + "" + (char) bytes[8192 + 4095] + (char) bytes[8192 + 4096] + (char) bytes[16383];
        });
        assertThat(seen).containsExactlyInAnyOrder("aaaa", "bbbb", "bbaa", "aabb");
    }

    @Test
    void newFileIsLostWithoutDirectorySyncEvenIfTheFileWasSynced() throws IOException {
        Set<String> seen = outcomes((disk, root) -> write(root.resolve("f"), 0, "data".getBytes(), true),
                root -> content(root.resolve("f")));
        assertThat(seen).containsExactly("absent");
    }

    @Test
    void inExt4ModeSyncingTheFileAlsoKeepsItsEntry() throws IOException {
        Set<String> seen = outcomes((disk, root) -> {
            disk.fileSyncPersistsEntry(true);
            write(root.resolve("f"), 0, "data".getBytes(), true);
        }, root -> content(root.resolve("f")));
        assertThat(seen).containsExactly("data");
    }

    @Test
    void renameIsDurableOnlyAfterTheDirectorySync() throws IOException {
        History renamed = (disk, root) -> {
            write(root.resolve("target"), 0, "old".getBytes(), true);
            write(root.resolve("temporary"), 0, "new".getBytes(), true);
            syncDirectory(root);
            Files.move(root.resolve("temporary"), root.resolve("target"), StandardCopyOption.ATOMIC_MOVE);
        };
        Probe both = root -> content(root.resolve("target")) + "," + content(root.resolve("temporary"));
        assertThat(outcomes(renamed, both)).containsExactly("old,new");
        assertThat(outcomes((disk, root) -> {
            renamed.run(disk, root);
            syncDirectory(root);
        }, both)).containsExactly("new,absent");
    }

    @Test
    void deletionWithoutDirectorySyncIsUndone() throws IOException {
        Set<String> seen = outcomes((disk, root) -> {
            Files.createDirectory(root.resolve("d"));
            write(root.resolve("d").resolve("f"), 0, "kept".getBytes(), true);
            syncDirectory(root.resolve("d"));
            syncDirectory(root);
            Files.delete(root.resolve("d").resolve("f"));
        }, root -> content(root.resolve("d").resolve("f")));
        assertThat(seen).containsExactly("kept");
    }

    @Test
    void injectedWriteFailureStrikesTheNthMatchingWriteOnly() throws IOException {
        SimulatedDisk disk = SimulatedDisk.over(realDirectory);
        Path root = disk.root();
        SimulatedDisk.Fault fault = disk.failOn(SimulatedDisk.Operation.WRITE, "pg_wal/.*", 2, false);
        Files.createDirectory(root.resolve("pg_wal"));
        write(root.resolve("other"), 0, "x".getBytes(), false);
        write(root.resolve("pg_wal").resolve("1"), 0, "first".getBytes(), false);
        assertThatThrownBy(() -> write(root.resolve("pg_wal").resolve("1"), 5, "second".getBytes(), false))
                .isInstanceOf(IOException.class).hasMessageContaining("injected WRITE failure on \"pg_wal/1\"");
        write(root.resolve("pg_wal").resolve("1"), 5, "third".getBytes(), false);
        assertThat(fault.timesFired()).isEqualTo(1);
        assertThat(content(root.resolve("pg_wal").resolve("1"))).isEqualTo("firstthird");
    }

    @Test
    void persistentFaultKeepsFailing() throws IOException {
        SimulatedDisk disk = SimulatedDisk.over(realDirectory);
        Path file = disk.root().resolve("f");
        SimulatedDisk.Fault fault = disk.failOn(SimulatedDisk.Operation.WRITE, "f", 1, true);
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> write(file, 0, "x".getBytes(), false)).isInstanceOf(IOException.class);
        }
        assertThat(fault.timesFired()).isEqualTo(3);
        disk.clearFaults();
        write(file, 0, "x".getBytes(), false);
    }

    @Test
    void failedFsyncLosesTheDirtyPagesAsLinuxDoes() throws IOException {
        Set<String> seen = outcomes((disk, root) -> {
            write(root.resolve("f"), 0, "old".getBytes(), true);
            syncDirectory(root);
            disk.failOn(SimulatedDisk.Operation.FORCE, "f", 1, false);
            assertThatThrownBy(() -> write(root.resolve("f"), 0, "new".getBytes(), true))
                    .isInstanceOf(IOException.class);
            assertThat(content(root.resolve("f"))).isEqualTo("new");
            try (FileChannel channel = FileChannel.open(root.resolve("f"), StandardOpenOption.WRITE)) {
                channel.force(false);
            }
        }, root -> content(root.resolve("f")));
        assertThat(seen).containsExactly("old");
    }

    @Test
    void theOldMountDiesAtTheCrash() throws IOException {
        SimulatedDisk disk = SimulatedDisk.over(realDirectory);
        Path file = disk.root().resolve("f");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            disk.crash(new Random(1));
            assertThatThrownBy(() -> channel.write(ByteBuffer.wrap(new byte[1]), 0)).isInstanceOf(IOException.class);
            assertThatThrownBy(() -> Files.createFile(file.resolveSibling("g"))).isInstanceOf(IOException.class);
            Files.createFile(disk.root().resolve("g"));
        }
    }
}
