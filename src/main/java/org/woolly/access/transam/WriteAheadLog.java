package org.woolly.access.transam;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.woolly.storage.ipc.PanicState;
import org.woolly.utils.error.Severity;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;
import org.woolly.storage.smgr.FileSync;

/**
 * The WAL: records are encoded outside any lock, appended to in-memory WAL buffers under a
 * short insert lock, and written and fsynced by {@link #flush} under a separate write lock, so
 * no I/O ever happens under the insert lock. Group commit: a committer that finds a flush
 * running waits for the write lock, then returns at once if that flush covered its LSN; if not,
 * it flushes everything inserted so far, covering every waiter queued behind it.
 * Counterpart of {@code XLogInsertRecord}, {@code XLogWrite} and {@code XLogFlush} in
 * {@code src/backend/access/transam/xlog.c}.
 */
public final class WriteAheadLog implements Wal, AutoCloseable {
    /** Above this much unwritten WAL, an inserter writes (without fsync) to bound memory. */
    private static final int WRITE_BEHIND_THRESHOLD = 4 * 1024 * 1024;

    private final Path walDirectory;
    private final boolean fsync;
    private final boolean fullPageWrites;
    private final PanicState panicState;

    private final ReentrantLock insertLock = new ReentrantLock();
    private long insertLsn;
    private long lastRecordLsn;
    private byte[] pending = new byte[64 * 1024];
    private int pendingLength;
    private long pendingStart;

    private final ReentrantLock writeLock = new ReentrantLock();
    private volatile long writtenLsn;
    private volatile long flushedLsn;
    private final TreeMap<Long, FileChannel> openSegments = new TreeMap<>();
    private boolean directoryNeedsSync;

    private volatile long redoPointer;
    private final AtomicLong fsyncCount = new AtomicLong();

    /**
     * Opens the WAL for writing at {@code endOfWal}, the end of the last valid record (whose
     * start is {@code lastRecordLsn}); anything after it (a torn tail left by a crash) is cut off.
     */
    public WriteAheadLog(Path walDirectory, long endOfWal, long lastRecordLsn, boolean fsync, boolean fullPageWrites,
                         PanicState panicState) {
        this.walDirectory = walDirectory;
        this.panicState = panicState;
        this.fsync = fsync;
        this.fullPageWrites = fullPageWrites;
        this.insertLsn = endOfWal;
        this.lastRecordLsn = lastRecordLsn;
        this.pendingStart = endOfWal;
        this.writtenLsn = endOfWal;
        this.flushedLsn = endOfWal;
        truncateAfter(endOfWal);
    }

    private void truncateAfter(long endOfWal) {
        long endSegment = WalSegments.segmentOf(endOfWal);
        try (Stream<Path> files = Files.list(walDirectory)) {
            for (Path file : files.toList()) {
                long segment = WalSegments.parseFileName(file.getFileName().toString());
                if (segment > endSegment) {
                    Files.delete(file);
                } else if (segment == endSegment) {
                    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                        long offset = endOfWal - WalSegments.segmentStart(segment);
                        if (channel.size() > offset) {
                            channel.truncate(offset);
                            channel.force(true);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw ioError("could not truncate WAL after " + WalSegments.format(endOfWal), e);
        }
    }

    @Override
    public long insert(WalRecord record) {
        return insertRecord(record)[1];
    }

    @Override
    public long insert(WalRecord record, long redoPointerSeen) {
        long[] position = insertRecord(record, redoPointerSeen);
        return position == null ? RETRY : position[1];
    }

    /** Inserts {@code record}; returns its start and end LSN (a checkpoint needs its own record's start). */
    public long[] insertRecord(WalRecord record) {
        return insertRecord(record, -1);
    }

    /**
     * Inserts {@code record} unless its full-page-image decisions were made against a redo
     * pointer ({@code redoPointerSeen}, -1 for records that need none) that a checkpoint has
     * moved since: then returns null. The check is made under the insert lock, the lock under
     * which {@link #beginCheckpoint()} moves the redo pointer, so no record slips between.
     */
    private long[] insertRecord(WalRecord record, long redoPointerSeen) {
        long start;
        long end;
        boolean writeBehind;
        insertLock.lock();
        try {
            if (redoPointerSeen >= 0 && fullPageWrites && redoPointerSeen != redoPointer) {
                return null;
            }
            byte[] bytes = WalRecordCodec.encode(record, lastRecordLsn);
            if (pendingLength + bytes.length > pending.length) {
                pending = Arrays.copyOf(pending, Math.max(pending.length * 2, pendingLength + bytes.length));
            }
            System.arraycopy(bytes, 0, pending, pendingLength, bytes.length);
            pendingLength += bytes.length;
            start = insertLsn;
            lastRecordLsn = insertLsn;
            insertLsn += bytes.length;
            end = insertLsn;
            writeBehind = pendingLength > WRITE_BEHIND_THRESHOLD;
        } finally {
            insertLock.unlock();
        }
        if (writeBehind) {
            writeLock.lock();
            try {
                writePending();
            } finally {
                writeLock.unlock();
            }
        }
        return new long[] {start, end};
    }

    @Override
    public void flush(long lsn) {
        if (lsn <= flushedLsn) {
            return;
        }
        writeLock.lock();
        try {
            if (lsn <= flushedLsn) {
                return;
            }
            writePending();
            if (fsync) {
                forceSegments();
            }
            flushedLsn = writtenLsn;
        } finally {
            writeLock.unlock();
        }
    }

    /** Flushes everything inserted so far. */
    public void flushAll() {
        flush(insertLsn());
    }

    @Override
    public boolean needsFullPageImage(long pageLsn, long redoPointerSeen) {
        return fullPageWrites && pageLsn <= redoPointerSeen;
    }

    /** Moves writes from the WAL buffers to the segment files; caller holds the write lock. */
    private void writePending() {
        byte[] bytes;
        int length;
        long start;
        insertLock.lock();
        try {
            bytes = pending;
            length = pendingLength;
            start = pendingStart;
            pending = new byte[Math.max(64 * 1024, Math.min(bytes.length, WRITE_BEHIND_THRESHOLD * 2))];
            pendingLength = 0;
            pendingStart = insertLsn;
        } finally {
            insertLock.unlock();
        }
        int written = 0;
        try {
            while (written < length) {
                long position = start + written;
                long segment = WalSegments.segmentOf(position);
                int offsetInSegment = (int) (position - WalSegments.segmentStart(segment));
                int chunk = Math.min(length - written, WalSegments.SEGMENT_SIZE - offsetInSegment);
                FileChannel channel = segmentChannel(segment);
                ByteBuffer buffer = ByteBuffer.wrap(bytes, written, chunk);
                long filePosition = offsetInSegment;
                while (buffer.hasRemaining()) {
                    filePosition += channel.write(buffer, filePosition);
                }
                written += chunk;
            }
        } catch (IOException e) {
            throw new SqlException(Severity.PANIC, SqlState.IO_ERROR,
                    "could not write to WAL at " + WalSegments.format(start + written), null, null, 0, e);
        }
        writtenLsn = start + length;
    }

    private FileChannel segmentChannel(long segment) throws IOException {
        FileChannel channel = openSegments.get(segment);
        if (channel == null) {
            Path path = WalSegments.path(walDirectory, segment);
            directoryNeedsSync |= !Files.exists(path);
            channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            openSegments.put(segment, channel);
        }
        return channel;
    }

    /** fsyncs written segments; closes those wholly before the current one. */
    private void forceSegments() {
        try {
            long current = WalSegments.segmentOf(writtenLsn);
            var iterator = openSegments.entrySet().iterator();
            while (iterator.hasNext()) {
                var entry = iterator.next();
                entry.getValue().force(false);
                if (entry.getKey() < current) {
                    entry.getValue().close();
                    iterator.remove();
                }
            }
            if (directoryNeedsSync) {
                FileSync.syncDirectory(walDirectory);
                directoryNeedsSync = false;
            }
            fsyncCount.incrementAndGet();
        } catch (IOException e) {
            throw new SqlException(Severity.PANIC, SqlState.IO_ERROR, "could not fsync WAL", null, null, 0, e);
        }
    }

    /** The LSN just past the last inserted record: where the next one will start. */
    public long insertLsn() {
        insertLock.lock();
        try {
            return insertLsn;
        } finally {
            insertLock.unlock();
        }
    }

    public long flushedLsn() {
        return flushedLsn;
    }

    /** Set at start-up from the last checkpoint: pages last changed at or before it need a full-page image on their next change. */
    public void setRedoPointer(long lsn) {
        insertLock.lock();
        try {
            redoPointer = lsn;
        } finally {
            insertLock.unlock();
        }
    }

    /**
     * A checkpoint's redo point: the current insert position, made the redo pointer under the
     * insert lock, so every record inserted after it sees the new pointer (PostgreSQL takes all
     * WAL insertion locks for this in {@code CreateCheckPoint}).
     */
    public long beginCheckpoint() {
        insertLock.lock();
        try {
            redoPointer = insertLsn;
            return redoPointer;
        } finally {
            insertLock.unlock();
        }
    }

    @Override
    public long redoPointer() {
        return redoPointer;
    }

    /** How many times the WAL was fsynced (for tests and statistics: group commit keeps it below the commit count). */
    public long fsyncCount() {
        return fsyncCount.get();
    }

    public Path directory() {
        return walDirectory;
    }

    /** Removes segment files wholly before {@code lsn}'s segment (after a checkpoint, they are not needed for recovery). */
    public void removeSegmentsBefore(long lsn) {
        long keepFrom = WalSegments.segmentOf(lsn);
        writeLock.lock();
        try (Stream<Path> files = Files.list(walDirectory)) {
            for (Path file : files.toList()) {
                long segment = WalSegments.parseFileName(file.getFileName().toString());
                if (segment >= 0 && segment < keepFrom) {
                    FileChannel channel = openSegments.remove(segment);
                    if (channel != null) {
                        channel.close();
                    }
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException e) {
            throw ioError("could not remove old WAL segments", e);
        } finally {
            writeLock.unlock();
        }
    }

    /** Writes and flushes what is left, then closes the segment files. */
    @Override
    public void close() {
        flushAll();
        closeWithoutFlush();
    }

    /** Closes the files, dropping unwritten WAL buffers (what a crash does; for tests). */
    public void closeWithoutFlush() {
        writeLock.lock();
        try {
            for (FileChannel channel : openSegments.values()) {
                channel.close();
            }
            openSegments.clear();
        } catch (IOException e) {
            throw ioError("could not close WAL segment", e);
        } finally {
            writeLock.unlock();
        }
    }

    static SqlException ioError(String message, IOException cause) {
        return new SqlException(Severity.ERROR, SqlState.IO_ERROR, message + ": " + cause.getMessage(), null, null, 0,
                cause);
    }
}
