package org.woolly.testfs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.util.HashMap;

/**
 * A file (or directory, for fsync) opened on a {@link SimulatedFileSystem}. Reads go to the real
 * file, which plays the page cache; writes go there too and are recorded as unsynced in the
 * file's {@link FileNode}; {@link #force} makes them durable (or, for a directory, its entries).
 * Nothing is ever really fsynced: durability is the model's business, which keeps tests fast.
 */
final class SimulatedFileChannel extends FileChannel {
    private final SimulatedFileSystem fileSystem;
    private final SimulatedDisk disk;
    private final Path real;
    private final SimulatedDisk.Node node;
    private final FileChannel channel;
    private final boolean append;

    SimulatedFileChannel(SimulatedFileSystem fileSystem, Path real, SimulatedDisk.Node node, FileChannel channel,
                         boolean append) {
        this.fileSystem = fileSystem;
        this.disk = fileSystem.disk;
        this.real = real;
        this.node = node;
        this.channel = channel;
        this.append = append;
    }

    @Override
    public int read(ByteBuffer target) throws IOException {
        disk.checkAlive(fileSystem);
        return channel.read(target);
    }

    @Override
    public long read(ByteBuffer[] targets, int offset, int length) throws IOException {
        disk.checkAlive(fileSystem);
        return channel.read(targets, offset, length);
    }

    @Override
    public int read(ByteBuffer target, long position) throws IOException {
        disk.checkAlive(fileSystem);
        return channel.read(target, position);
    }

    @Override
    public int write(ByteBuffer source) throws IOException {
        disk.lock.lock();
        try {
            long offset = append ? channel.size() : channel.position();
            int written = writeLocked(source, offset);
            channel.position(offset + written);
            return written;
        } finally {
            disk.lock.unlock();
        }
    }

    @Override
    public long write(ByteBuffer[] sources, int offset, int length) throws IOException {
        long written = 0;
        for (int i = offset; i < offset + length; i++) {
            written += write(sources[i]);
        }
        return written;
    }

    @Override
    public int write(ByteBuffer source, long position) throws IOException {
        disk.lock.lock();
        try {
            return writeLocked(source, position);
        } finally {
            disk.lock.unlock();
        }
    }

    private int writeLocked(ByteBuffer source, long position) throws IOException {
        disk.checkAlive(fileSystem);
        disk.checkFault(SimulatedDisk.Operation.WRITE, real);
        byte[] data = new byte[source.remaining()];
        source.get(data);
        ByteBuffer buffer = ByteBuffer.wrap(data);
        while (buffer.hasRemaining()) {
            channel.write(buffer, position + buffer.position());
        }
        if (node instanceof FileNode file) {
            file.recordWrite(position, data);
        }
        return data.length;
    }

    @Override
    public long position() throws IOException {
        return channel.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
        channel.position(newPosition);
        return this;
    }

    @Override
    public long size() throws IOException {
        disk.checkAlive(fileSystem);
        return channel.size();
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
        disk.lock.lock();
        try {
            disk.checkAlive(fileSystem);
            if (size < channel.size() && node instanceof FileNode file) {
                file.recordTruncate(size);
            }
            channel.truncate(size);
            return this;
        } finally {
            disk.lock.unlock();
        }
    }

    @Override
    public void force(boolean metaData) throws IOException {
        disk.lock.lock();
        try {
            disk.checkAlive(fileSystem);
            try {
                disk.checkFault(SimulatedDisk.Operation.FORCE, real);
            } catch (IOException failure) {
                if (node instanceof FileNode file) {
                    file.dropUnsynced();
                }
                throw failure;
            }
            switch (node) {
                case FileNode file -> {
                    file.sync();
                    disk.fileSynced(real, file);
                }
                case SimulatedDisk.DirectoryNode directory -> directory.durable = new HashMap<>(directory.current);
                case null -> channel.force(metaData);
            }
        } finally {
            disk.lock.unlock();
        }
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(count, 1 << 16));
        int read = read(buffer, position);
        if (read <= 0) {
            return 0;
        }
        buffer.flip();
        return target.write(buffer);
    }

    @Override
    public long transferFrom(ReadableByteChannel source, long position, long count) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(count, 1 << 16));
        int read = source.read(buffer);
        if (read <= 0) {
            return 0;
        }
        buffer.flip();
        return write(buffer, position);
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) {
        throw new UnsupportedOperationException("memory-mapped files bypass the simulated disk's model");
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
        return channel.lock(position, size, shared);
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
        return channel.tryLock(position, size, shared);
    }

    @Override
    protected void implCloseChannel() throws IOException {
        channel.close();
    }
}
