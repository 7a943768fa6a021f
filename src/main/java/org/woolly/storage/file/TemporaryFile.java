package org.woolly.storage.file;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.woolly.pgstat.ResourceUsage;
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
    /**
     * The bytes appended but not yet written, a plain array: spilled rows arrive a few bytes at a
     * time, and {@code System.arraycopy} into an array costs far less per call than a heap
     * {@code ByteBuffer}'s bounds-checked bulk put.
     */
    private final byte[] buffer = new byte[BLOCK_SIZE];
    private int buffered;
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
        return written + buffered;
    }

    /** Appends to the end of the file (buffered; {@link #flush()} or a read writes it out). */
    public OutputStream output() {
        return new OutputStream() {
            @Override
            public void write(int b) {
                if (buffered == BLOCK_SIZE) {
                    TemporaryFile.this.flush();
                }
                buffer[buffered++] = (byte) b;
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                while (length > 0) {
                    if (buffered == BLOCK_SIZE) {
                        TemporaryFile.this.flush();
                    }
                    int chunk = Math.min(length, BLOCK_SIZE - buffered);
                    System.arraycopy(bytes, offset, buffer, buffered, chunk);
                    buffered += chunk;
                    offset += chunk;
                    length -= chunk;
                }
            }
        };
    }

    /** Writes the buffered bytes, counting them against temp_file_limit first (as {@code FileWrite}). */
    public void flush() {
        if (buffered == 0) {
            return;
        }
        owner.grow(buffered);
        ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, buffered);
        try {
            while (bytes.hasRemaining()) {
                written += channel.write(bytes, written);
            }
            // one block-sized buffer dumped, as BufFileDumpBuffer counts temp_blks_written
            ResourceUsage.current().tempWritten++;
        } catch (IOException e) {
            throw fileError("could not write to temporary file", e);
        } finally {
            buffered = 0;
        }
    }

    /** Reads {@code length} bytes from {@code offset} through a buffer of {@code bufferSize} bytes. */
    public InputStream input(long offset, long length, int bufferSize) {
        flush();
        return new InputStream() {
            // a plain array, as the output's buffer: values are read back a few bytes at a time
            private final byte[] readBuffer = new byte[bufferSize];
            private int next;
            private int limit;
            private long position = offset;
            private final long end = offset + length;

            @Override
            public int read() {
                if (!fill()) {
                    return -1;
                }
                return readBuffer[next++] & 0xff;
            }

            @Override
            public int read(byte[] bytes, int off, int len) {
                if (len == 0) {
                    return 0;
                }
                if (!fill()) {
                    return -1;
                }
                int chunk = Math.min(len, limit - next);
                System.arraycopy(readBuffer, next, bytes, off, chunk);
                next += chunk;
                return chunk;
            }

            private boolean fill() {
                if (next < limit) {
                    return true;
                }
                if (position >= end) {
                    return false;
                }
                ByteBuffer target = ByteBuffer.wrap(readBuffer, 0, (int) Math.min(readBuffer.length, end - position));
                try {
                    while (target.hasRemaining()) {
                        int n = channel.read(target, position);
                        if (n < 0) {
                            throw fileError("unexpected end of temporary file", null);
                        }
                        position += n;
                    }
                } catch (IOException e) {
                    throw fileError("could not read from temporary file", e);
                }
                // blocks read back, as BufFileLoadBuffer counts temp_blks_read
                ResourceUsage.current().tempRead += (target.position() + BLOCK_SIZE - 1) / BLOCK_SIZE;
                next = 0;
                limit = target.position();
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
