package org.woolly.testfs;

import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessMode;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.spi.FileSystemProvider;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * The provider behind a {@link SimulatedFileSystem}: each call is done on the real file and
 * recorded in the {@link SimulatedDisk}'s model under the disk's lock, so the model's order of
 * changes is the real one.
 */
final class SimulatedFileSystemProvider extends FileSystemProvider {
    static final String SCHEME = "woolly-simulated-disk";

    private final SimulatedFileSystem fileSystem;
    private final SimulatedDisk disk;

    SimulatedFileSystemProvider(SimulatedFileSystem fileSystem) {
        this.fileSystem = fileSystem;
        this.disk = fileSystem.disk;
    }

    private static Path real(Path path) {
        return SimulatedFileSystem.unwrap(path);
    }

    /** A change to the namespace, done on the real file system and then recorded in the model. */
    @FunctionalInterface
    private interface Change<T> {
        T run() throws IOException;
    }

    private <T> T locked(Change<T> change) throws IOException {
        disk.lock.lock();
        try {
            disk.checkAlive(fileSystem);
            return change.run();
        } finally {
            disk.lock.unlock();
        }
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }

    @Override
    public FileSystem newFileSystem(URI uri, Map<String, ?> env) {
        throw new UnsupportedOperationException("mount through SimulatedDisk");
    }

    @Override
    public FileSystem getFileSystem(URI uri) {
        return fileSystem;
    }

    @Override
    public Path getPath(URI uri) {
        return fileSystem.getPath(uri.getPath());
    }

    @Override
    public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
            throws IOException {
        return newFileChannel(path, options, attrs);
    }

    @Override
    public FileChannel newFileChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
            throws IOException {
        Path real = real(path);
        return locked(() -> {
            SimulatedDisk.Node existing = disk.lookup(real);
            SimulatedDisk.DirectoryNode parent = disk.parentOf(real);
            FileChannel channel = FileChannel.open(real, options, attrs);
            SimulatedDisk.Node node = existing;
            if (node == null && parent != null) {
                node = new FileNode();
                parent.current.put(SimulatedDisk.entryName(real), node);
            }
            if (existing instanceof FileNode file && options.contains(StandardOpenOption.TRUNCATE_EXISTING)
                    && options.contains(StandardOpenOption.WRITE)) {
                file.recordTruncate(0);
            }
            return new SimulatedFileChannel(fileSystem, real, node, channel,
                    options.contains(StandardOpenOption.APPEND));
        });
    }

    @Override
    public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter)
            throws IOException {
        disk.checkAlive(fileSystem);
        DirectoryStream<Path> real = Files.newDirectoryStream(real(dir), entry -> filter.accept(fileSystem.wrap(entry)));
        return new DirectoryStream<>() {
            @Override
            public Iterator<Path> iterator() {
                Iterator<Path> entries = real.iterator();
                return new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        return entries.hasNext();
                    }

                    @Override
                    public Path next() {
                        return fileSystem.wrap(entries.next());
                    }
                };
            }

            @Override
            public void close() throws IOException {
                real.close();
            }
        };
    }

    @Override
    public void createDirectory(Path dir, FileAttribute<?>... attrs) throws IOException {
        Path real = real(dir);
        locked(() -> {
            Files.createDirectory(real, attrs);
            SimulatedDisk.DirectoryNode parent = disk.parentOf(real);
            if (parent != null) {
                parent.current.put(SimulatedDisk.entryName(real), new SimulatedDisk.DirectoryNode());
            }
            return null;
        });
    }

    @Override
    public void delete(Path path) throws IOException {
        Path real = real(path);
        locked(() -> {
            Files.delete(real);
            unlinked(real);
            return null;
        });
    }

    @Override
    public boolean deleteIfExists(Path path) throws IOException {
        Path real = real(path);
        return locked(() -> {
            boolean deleted = Files.deleteIfExists(real);
            if (deleted) {
                unlinked(real);
            }
            return deleted;
        });
    }

    private void unlinked(Path real) {
        SimulatedDisk.DirectoryNode parent = disk.parentOf(real);
        if (parent != null) {
            parent.current.remove(SimulatedDisk.entryName(real));
        }
    }

    @Override
    public void copy(Path source, Path target, CopyOption... options) throws IOException {
        Path realTarget = real(target);
        locked(() -> {
            Files.copy(real(source), realTarget, options);
            SimulatedDisk.DirectoryNode parent = disk.parentOf(realTarget);
            if (parent != null) {
                FileNode copy = new FileNode();
                copy.recordWrite(0, Files.readAllBytes(realTarget));
                parent.current.put(SimulatedDisk.entryName(realTarget), copy);
            }
            return null;
        });
    }

    @Override
    public void move(Path source, Path target, CopyOption... options) throws IOException {
        Path realSource = real(source);
        Path realTarget = real(target);
        locked(() -> {
            Files.move(realSource, realTarget, options);
            SimulatedDisk.DirectoryNode from = disk.parentOf(realSource);
            SimulatedDisk.Node node = from == null ? null : from.current.remove(SimulatedDisk.entryName(realSource));
            SimulatedDisk.DirectoryNode to = disk.parentOf(realTarget);
            if (node != null && to != null) {
                to.current.put(SimulatedDisk.entryName(realTarget), node);
            }
            return null;
        });
    }

    @Override
    public boolean isSameFile(Path path, Path path2) throws IOException {
        return Files.isSameFile(real(path), real(path2));
    }

    @Override
    public boolean isHidden(Path path) throws IOException {
        return Files.isHidden(real(path));
    }

    @Override
    public FileStore getFileStore(Path path) throws IOException {
        return Files.getFileStore(real(path));
    }

    @Override
    public void checkAccess(Path path, AccessMode... modes) throws IOException {
        disk.checkAlive(fileSystem);
        Path real = real(path);
        real.getFileSystem().provider().checkAccess(real, modes);
    }

    @Override
    public <V extends FileAttributeView> V getFileAttributeView(Path path, Class<V> type, LinkOption... options) {
        return Files.getFileAttributeView(real(path), type, options);
    }

    @Override
    public <A extends BasicFileAttributes> A readAttributes(Path path, Class<A> type, LinkOption... options)
            throws IOException {
        disk.checkAlive(fileSystem);
        return Files.readAttributes(real(path), type, options);
    }

    @Override
    public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options) throws IOException {
        disk.checkAlive(fileSystem);
        return Files.readAttributes(real(path), attributes, options);
    }

    @Override
    public void setAttribute(Path path, String attribute, Object value, LinkOption... options) throws IOException {
        disk.checkAlive(fileSystem);
        Files.setAttribute(real(path), attribute, value, options);
    }
}
