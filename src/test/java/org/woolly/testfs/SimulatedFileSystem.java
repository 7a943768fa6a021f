package org.woolly.testfs;

import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.WatchService;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.spi.FileSystemProvider;
import java.util.List;
import java.util.Set;

/**
 * One mount of a {@link SimulatedDisk}: paths name the same files as the default file system's,
 * but every call goes through the disk's model. After {@link SimulatedDisk#crash} this mount is
 * dead: calls through its paths and channels fail, as they would for a process that lost power.
 */
public final class SimulatedFileSystem extends FileSystem {
    private static final FileSystem REAL = FileSystems.getDefault();

    final SimulatedDisk disk;
    final int generation;
    private final SimulatedFileSystemProvider provider;

    SimulatedFileSystem(SimulatedDisk disk, int generation) {
        this.disk = disk;
        this.generation = generation;
        this.provider = new SimulatedFileSystemProvider(this);
    }

    SimulatedPath wrap(Path real) {
        return new SimulatedPath(this, real);
    }

    static Path unwrap(Path path) {
        return path instanceof SimulatedPath simulated ? simulated.real : path;
    }

    @Override
    public FileSystemProvider provider() {
        return provider;
    }

    @Override
    public void close() {
        // the disk outlives its mounts
    }

    @Override
    public boolean isOpen() {
        return true;
    }

    @Override
    public boolean isReadOnly() {
        return false;
    }

    @Override
    public String getSeparator() {
        return REAL.getSeparator();
    }

    @Override
    public Iterable<Path> getRootDirectories() {
        return () -> java.util.stream.StreamSupport.stream(REAL.getRootDirectories().spliterator(), false)
                .map(root -> (Path) wrap(root)).iterator();
    }

    @Override
    public Iterable<FileStore> getFileStores() {
        return List.of();
    }

    @Override
    public Set<String> supportedFileAttributeViews() {
        return REAL.supportedFileAttributeViews();
    }

    @Override
    public Path getPath(String first, String... more) {
        return wrap(REAL.getPath(first, more));
    }

    @Override
    public PathMatcher getPathMatcher(String syntaxAndPattern) {
        PathMatcher real = REAL.getPathMatcher(syntaxAndPattern);
        return path -> real.matches(unwrap(path));
    }

    @Override
    public UserPrincipalLookupService getUserPrincipalLookupService() {
        return REAL.getUserPrincipalLookupService();
    }

    @Override
    public WatchService newWatchService() {
        throw new UnsupportedOperationException("no watch service on a simulated disk");
    }
}
