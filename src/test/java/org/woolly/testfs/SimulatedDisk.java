package org.woolly.testfs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A disk that can lose power: a test file system ({@link #mount()}) over a real directory whose
 * files act as the operating system's page cache, while this class remembers what is durable.
 * It plays, for Woolly's tests, the part of the power-cut rigs and {@code dm-log-writes} that
 * PostgreSQL's durability rules ({@code src/backend/storage/file/fd.c}: fsync data files,
 * {@code fsync_fname} the directory after creating, renaming or removing an entry; PANIC when
 * fsync fails) were written against.
 *
 * <p>The model, per file: durable content as of its last successful {@code force}, plus the
 * writes and truncations since ({@link FileNode}). Per directory: the entries as of its last
 * {@code force} (a directory opened for reading and forced, as {@code fsync_fname} does) and the
 * current ones. A created, renamed or deleted entry becomes durable only when its directory is
 * fsynced. That is POSIX's rule and the strict choice by default: ext4 in data=ordered mode also
 * commits a new file's entry when the file itself is fsynced (the journal commit carries it), so a
 * program that forgets the directory fsync usually survives on ext4 but not on other file
 * systems or after a rename. {@link #fileSyncPersistsEntry(boolean)} switches to the ext4
 * behaviour when a test wants it.
 *
 * <p>{@link #crash(Random)} is the power loss: every file goes back to its durable content plus,
 * for each 4 KB page, a random prefix of the unsynced writes to it (so an unsynced 8 KB write may
 * survive as either half: torn), directories keep only their durable entries, the mounted file
 * system dies (every later call through it or its open channels fails, as the old server's
 * process would be gone) and a fresh one is mounted on what survived.
 *
 * <p>Faults: {@link #failOn} makes the Nth write or force of files whose path (relative to the
 * disk's root, '/'-separated) matches a pattern throw an IOException.
 */
public final class SimulatedDisk {
    /** A file or directory inode. */
    sealed interface Node permits FileNode, DirectoryNode {}

    /** A directory: its current entries and those that survive a crash. Guarded by the disk's lock. */
    static final class DirectoryNode implements Node {
        final Map<String, Node> current = new HashMap<>();
        Map<String, Node> durable = new HashMap<>();
    }

    /** What {@link #failOn} can break. */
    public enum Operation { WRITE, FORCE }

    /** An injected fault; {@link #fired()} tells whether it struck. */
    public static final class Fault {
        private final Operation operation;
        private final Pattern path;
        private final int nth;
        private final boolean persistent;
        private int seen;
        private volatile int fired;

        private Fault(Operation operation, Pattern path, int nth, boolean persistent) {
            this.operation = operation;
            this.path = path;
            this.nth = nth;
            this.persistent = persistent;
        }

        public boolean fired() {
            return fired > 0;
        }

        public int timesFired() {
            return fired;
        }

        private boolean strikes(Operation attempted, String relativePath) {
            if (attempted != operation || !path.matcher(relativePath).matches()) {
                return false;
            }
            seen++;
            if (seen == nth || persistent && seen > nth) {
                fired++;
                return true;
            }
            return false;
        }
    }

    final ReentrantLock lock = new ReentrantLock();
    final Path realRoot;
    private DirectoryNode root = new DirectoryNode();
    private volatile int generation;
    private SimulatedFileSystem mounted;
    private volatile boolean fileSyncPersistsEntry;
    private final List<Fault> faults = new CopyOnWriteArrayList<>();

    private SimulatedDisk(Path realRoot) {
        this.realRoot = realRoot.toAbsolutePath().normalize();
        this.mounted = new SimulatedFileSystem(this, generation);
    }

    /** A disk over an empty real directory (a JUnit {@code @TempDir}); everything in it is modelled. */
    public static SimulatedDisk over(Path emptyRealDirectory) {
        try (Stream<Path> entries = Files.list(emptyRealDirectory)) {
            if (entries.findAny().isPresent()) {
                throw new IllegalArgumentException("not empty: " + emptyRealDirectory);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new SimulatedDisk(emptyRealDirectory);
    }

    /** The file system mounted now (a new one after each crash). */
    public SimulatedFileSystem mount() {
        lock.lock();
        try {
            return mounted;
        } finally {
            lock.unlock();
        }
    }

    /** The root directory of the mounted file system: tests put their data directory below it. */
    public Path root() {
        return mount().wrap(realRoot);
    }

    /** ext4's data=ordered behaviour: fsync of a file also makes its directory entry durable. */
    public SimulatedDisk fileSyncPersistsEntry(boolean on) {
        fileSyncPersistsEntry = on;
        return this;
    }

    /** The {@code nth} (1-based) write or force of a matching file throws; every later one too if persistent. */
    public Fault failOn(Operation operation, String pathRegex, int nth, boolean persistent) {
        Fault fault = new Fault(operation, Pattern.compile(pathRegex), nth, persistent);
        faults.add(fault);
        return fault;
    }

    public void clearFaults() {
        faults.clear();
    }

    /** Whether any file has writes not yet fsynced (a test's check that it exercises something). */
    public boolean hasUnsyncedWrites() {
        lock.lock();
        try {
            return anyUnsynced(root);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Makes everything durable, as {@code initdb}'s final {@code sync_pgdata} or a {@code sync}
     * command would: tests call it to start from a known durable state.
     */
    public void syncEverything() {
        lock.lock();
        try {
            syncTree(root);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Power loss: the mounted file system dies and a new one is mounted over what a crash at this
     * instant could leave on disk (chosen with {@code random}).
     */
    public SimulatedFileSystem crash(Random random) {
        lock.lock();
        try {
            generation++;
            Map<FileNode, byte[]> survivors = new IdentityHashMap<>();
            // Random's first outputs for neighbouring seeds are alike; SplittableRandom mixes them.
            collectSurvivors(root, new SplittableRandom(random.nextLong()), survivors);
            deleteRealContents(realRoot);
            root = rebuild(root, realRoot, survivors);
            mounted = new SimulatedFileSystem(this, generation);
            return mounted;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            lock.unlock();
        }
    }

    // ---- called by the file system and its channels, under the lock -------------------------

    void checkAlive(SimulatedFileSystem fileSystem) throws IOException {
        if (fileSystem.generation != generation) {
            throw new IOException("simulated power loss: this file system is gone");
        }
    }

    void checkFault(Operation operation, Path realPath) throws IOException {
        if (faults.isEmpty() || !realPath.startsWith(realRoot)) {
            return;
        }
        String relative = realRoot.relativize(realPath).toString().replace(realPath.getFileSystem().getSeparator(), "/");
        for (Fault fault : faults) {
            if (fault.strikes(operation, relative)) {
                throw new IOException("injected " + operation + " failure on \"" + relative + "\"");
            }
        }
    }

    /** The node at a real path, or null if it is outside the disk or absent. */
    Node lookup(Path realPath) {
        Path absolute = realPath.toAbsolutePath().normalize();
        if (!absolute.startsWith(realRoot)) {
            return null;
        }
        Node node = root;
        for (Path name : realRoot.relativize(absolute)) {
            if (name.toString().isEmpty()) {
                continue;
            }
            if (!(node instanceof DirectoryNode directory)) {
                return null;
            }
            node = directory.current.get(name.toString());
            if (node == null) {
                return null;
            }
        }
        return node;
    }

    /** The directory node holding a real path's entry, or null if outside the disk. */
    DirectoryNode parentOf(Path realPath) {
        Path absolute = realPath.toAbsolutePath().normalize();
        if (absolute.equals(realRoot) || absolute.getParent() == null) {
            return null;
        }
        return lookup(absolute.getParent()) instanceof DirectoryNode directory ? directory : null;
    }

    static String entryName(Path realPath) {
        return realPath.toAbsolutePath().normalize().getFileName().toString();
    }

    /** After a successful file fsync: in ext4 mode the file's entry becomes durable too. */
    void fileSynced(Path realPath, FileNode file) {
        if (fileSyncPersistsEntry) {
            DirectoryNode parent = parentOf(realPath);
            if (parent != null && parent.current.get(entryName(realPath)) == file) {
                parent.durable.put(entryName(realPath), file);
            }
        }
    }

    // ---- crash ------------------------------------------------------------------------------

    private static boolean anyUnsynced(DirectoryNode directory) {
        if (!directory.durable.equals(directory.current)) {
            return true;
        }
        for (Node node : directory.current.values()) {
            boolean unsynced = node instanceof FileNode file ? file.hasUnsyncedChanges()
                    : anyUnsynced((DirectoryNode) node);
            if (unsynced) {
                return true;
            }
        }
        return false;
    }

    private static void syncTree(DirectoryNode directory) {
        directory.durable = new HashMap<>(directory.current);
        for (Node node : directory.current.values()) {
            switch (node) {
                case FileNode file -> file.sync();
                case DirectoryNode child -> syncTree(child);
            }
        }
    }

    private static void collectSurvivors(DirectoryNode directory, RandomGenerator random, Map<FileNode, byte[]> survivors) {
        // A sorted walk keeps the random choices, hence a seed's outcome, reproducible.
        for (String name : directory.durable.keySet().stream().sorted().toList()) {
            switch (directory.durable.get(name)) {
                case FileNode file -> survivors.computeIfAbsent(file, f -> f.contentAfterCrash(random));
                case DirectoryNode child -> collectSurvivors(child, random, survivors);
            }
        }
    }

    private static DirectoryNode rebuild(DirectoryNode old, Path realDirectory, Map<FileNode, byte[]> survivors)
            throws IOException {
        DirectoryNode rebuilt = new DirectoryNode();
        for (Map.Entry<String, Node> entry : old.durable.entrySet()) {
            Path real = realDirectory.resolve(entry.getKey());
            Node node = switch (entry.getValue()) {
                case FileNode file -> {
                    byte[] content = survivors.get(file);
                    Files.write(real, content);
                    yield FileNode.durable(content);
                }
                case DirectoryNode child -> {
                    Files.createDirectory(real);
                    yield rebuild(child, real, survivors);
                }
            };
            rebuilt.current.put(entry.getKey(), node);
        }
        rebuilt.durable = new HashMap<>(rebuilt.current);
        return rebuilt;
    }

    private static void deleteRealContents(Path directory) throws IOException {
        List<Path> all = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(directory)) {
            walk.filter(path -> !path.equals(directory)).forEach(all::add);
        }
        all.sort(Comparator.comparingInt(Path::getNameCount).reversed());
        for (Path path : all) {
            Files.delete(path);
        }
    }
}
