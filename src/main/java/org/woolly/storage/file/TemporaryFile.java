package org.woolly.storage.file;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * One temporary file ({@code BufFile} over a {@code File} of {@code fd.c}): bytes are appended
 * through a block-sized buffer ({@link #output()}) and read back from any offset through
 * readers with their own buffer ({@link #input}), so a merge reads many runs of one file at
 * once, as logtape.c's tapes share one file. Deleted on {@link #close()}.
 */
public final class TemporaryFile implements AutoCloseable {
    /** {@code BLCKSZ}: buffers and the disk usage EXPLAIN reports are counted in blocks of this size. */
    public static final int BLOCK_SIZE = 8192;

    private final TemporaryFileSet owner;
    private final Path path;
    private FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocate(BLOCK_SIZE);
    /** Bytes on disk (the buffer's content comes after them). */
    private long written;

    TemporaryFile(TemporaryFileSet owner, Path path) {
        this.owner = owner;
        this.path = path;
        try {
            this.channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw fileError("could not open temporary file", e);
        }
    }

    Path path() {
        return path;
    }

    /** Bytes appended so far, buffered or not: where the next append begins. */
    public long length() {
        return written + buffer.position();
    }

    /** Appends to the end of the file (buffered; {@link #flush()} or a read writes it out). */
    public OutputStream output() {
        return new OutputStream() {
            @Override
            public void write(int b) {
                if (!buffer.hasRemaining()) {
                    TemporaryFile.this.flush();
                }
                buffer.put((byte) b);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                while (length > 0) {
                    if (!buffer.hasRemaining()) {
                        TemporaryFile.this.flush();
                    }
                    int chunk = Math.min(length, buffer.remaining());
                    buffer.put(bytes, offset, chunk);
                    offset += chunk;
                    length -= chunk;
                }
            }
        };
    }

    /** Writes the buffered bytes, counting them against temp_file_limit first (as {@code FileWrite}). */
    public void flush() {
        if (buffer.position() == 0) {
            return;
        }
        owner.grow(buffer.position());
        buffer.flip();
        try {
            while (buffer.hasRemaining()) {
                written += channel.write(buffer, written);
            }
        } catch (IOException e) {
            throw fileError("could not write to temporary file", e);
        } finally {
            buffer.clear();
        }
    }

    /** Reads {@code length} bytes from {@code offset} through a buffer of {@code bufferSize} bytes. */
    public InputStream input(long offset, long length, int bufferSize) {
        flush();
        return new InputStream() {
            private final ByteBuffer readBuffer = ByteBuffer.allocate(bufferSize).flip();
            private long position = offset;
            private final long end = offset + length;

            @Override
            public int read() {
                if (!fill()) {
                    return -1;
                }
                return readBuffer.get() & 0xff;
            }

            @Override
            public int read(byte[] bytes, int off, int len) {
                if (len == 0) {
                    return 0;
                }
                if (!fill()) {
                    return -1;
                }
                int chunk = Math.min(len, readBuffer.remaining());
                readBuffer.get(bytes, off, chunk);
                return chunk;
            }

            private boolean fill() {
                if (readBuffer.hasRemaining()) {
                    return true;
                }
                if (position >= end) {
                    return false;
                }
                readBuffer.clear();
                readBuffer.limit((int) Math.min(readBuffer.capacity(), end - position));
                try {
                    while (readBuffer.hasRemaining()) {
                        int n = channel.read(readBuffer, position);
                        if (n < 0) {
                            throw fileError("unexpected end of temporary file", null);
                        }
                        position += n;
                    }
                } catch (IOException e) {
                    throw fileError("could not read from temporary file", e);
                }
                readBuffer.flip();
                return true;
            }
        };
    }

    private SqlException fileError(String what, IOException cause) {
        return new SqlException(SqlState.IO_ERROR, what + " \"" + path.getFileName() + "\""
                + (cause == null ? "" : ": " + cause.getMessage()));
    }

    /** Deletes the file ({@code FileClose} of a temporary file): its size goes to statistics and the log. */
    @Override
    public void close() {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw fileError("could not remove temporary file", e);
        } finally {
            channel = null;
            owner.removed(this, written);
        }
    }
}
