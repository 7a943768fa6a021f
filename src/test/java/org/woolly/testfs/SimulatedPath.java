package org.woolly.testfs;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;

/** A path of a {@link SimulatedFileSystem}: a default-file-system path with the mount attached. */
final class SimulatedPath implements Path {
    final SimulatedFileSystem fileSystem;
    final Path real;

    SimulatedPath(SimulatedFileSystem fileSystem, Path real) {
        this.fileSystem = fileSystem;
        this.real = real;
    }

    private Path wrapOrNull(Path path) {
        return path == null ? null : fileSystem.wrap(path);
    }

    private static Path real(Path other) {
        return other instanceof SimulatedPath simulated ? simulated.real : Path.of(other.toString());
    }

    @Override
    public FileSystem getFileSystem() {
        return fileSystem;
    }

    @Override
    public boolean isAbsolute() {
        return real.isAbsolute();
    }

    @Override
    public Path getRoot() {
        return wrapOrNull(real.getRoot());
    }

    @Override
    public Path getFileName() {
        return wrapOrNull(real.getFileName());
    }

    @Override
    public Path getParent() {
        return wrapOrNull(real.getParent());
    }

    @Override
    public int getNameCount() {
        return real.getNameCount();
    }

    @Override
    public Path getName(int index) {
        return fileSystem.wrap(real.getName(index));
    }

    @Override
    public Path subpath(int beginIndex, int endIndex) {
        return fileSystem.wrap(real.subpath(beginIndex, endIndex));
    }

    @Override
    public boolean startsWith(Path other) {
        return real.startsWith(real(other));
    }

    @Override
    public boolean endsWith(Path other) {
        return real.endsWith(real(other));
    }

    @Override
    public Path normalize() {
        return fileSystem.wrap(real.normalize());
    }

    @Override
    public Path resolve(Path other) {
        return fileSystem.wrap(real.resolve(real(other)));
    }

    @Override
    public Path relativize(Path other) {
        return fileSystem.wrap(real.relativize(real(other)));
    }

    @Override
    public URI toUri() {
        try {
            return new URI(SimulatedFileSystemProvider.SCHEME, null, real.toAbsolutePath().toString(), null);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Path toAbsolutePath() {
        return fileSystem.wrap(real.toAbsolutePath());
    }

    @Override
    public Path toRealPath(LinkOption... options) throws IOException {
        return fileSystem.wrap(real.toRealPath(options));
    }

    @Override
    public WatchKey register(WatchService watcher, WatchEvent.Kind<?>[] events, WatchEvent.Modifier... modifiers) {
        throw new UnsupportedOperationException("no watch service on a simulated disk");
    }

    @Override
    public int compareTo(Path other) {
        return real.compareTo(real(other));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SimulatedPath path && path.fileSystem == fileSystem && path.real.equals(real);
    }

    @Override
    public int hashCode() {
        return real.hashCode();
    }

    @Override
    public String toString() {
        return real.toString();
    }
}
