package org.woolly.access.transam;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
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
 * The WAL: records are encoded and their payload checksummed outside any lock; under a short
 * insert lock a record is chained to its predecessor, its CRC finished over the header, and it
 * is copied into the WAL buffer. The buffer is one array of {@code wal_buffers} bytes, reused
 * for the server's life: written bytes are dropped from its front, and a record larger than the
 * free space is written through (in pieces, per segment) after what precedes it, so one large
 * transaction never makes later flushes allocate (PostgreSQL's fixed {@code XLogCtl->pages}).
 * {@link #flush} writes and fsyncs under a separate write lock. Group commit: a committer that
 * finds a flush running waits for the write lock, then returns at once if that flush covered its
 * LSN; if not, it flushes everything inserted so far, covering every waiter queued behind it.
 *
 * <p>A failed write or fsync is a PANIC ({@code XLogWrite} and {@code issue_xlog_fsync}): the
 * {@link PanicState} is told, the written and flushed LSNs stay where the bytes really are, and
 * every later insert or flush is refused, so no commit is acknowledged after the failure.
 * Counterpart of {@code XLogInsertRecord}, {@code XLogWrite} and {@code XLogFlush} in
 * {@code src/backend/access/transam/xlog.c}.
 */
public final class WriteAheadLog implements Wal, AutoCloseable {
    /** PostgreSQL's default with the default shared_buffers (128MB / 32). */
    public static final int DEFAULT_BUFFER_BYTES = 4 * 1024 * 1024;
    private static final int WAL_BLOCK = 8192;

    private final Path walDirectory;
    private final boolean fsync;
    private final boolean fullPageWrites;
    private final PanicState panicState;
    private final SegmentFiles segmentFiles;

    private final ReentrantLock insertLock = new ReentrantLock();
    private long insertLsn;
    private long lastRecordLsn;
    /** Inserted but unwritten WAL, from {@link #pendingStart}; only appended to under the insert lock. */
    private final byte[] buffer;
    private int pendingLength;
    private long pendingStart;

    private final ReentrantLock writeLock = new ReentrantLock();
    private volatile long writtenLsn;
    private volatile long flushedLsn;
    private final TreeMap<Long, FileChannel> openSegments = new TreeMap<>();
    private boolean directoryNeedsSync;

    private volatile long redoPointer;
    private volatile java.util.function.LongConsumer segmentFinished = segment -> {};
    private final AtomicLong fsyncCount = new AtomicLong();
    private final org.woolly.pgstat.WalStatistics statistics = new org.woolly.pgstat.WalStatistics();

    /**
     * Opens the WAL for writing at {@code endOfWal}, the end of the last valid record (whose
     * start is {@code lastRecordLsn}); anything after it (a torn tail left by a crash) is cut off.
     */
    public WriteAheadLog(Path walDirectory, long endOfWal, long lastRecordLsn, boolean fsync, boolean fullPageWrites,
                         PanicState panicState) {
        this(walDirectory, endOfWal, lastRecordLsn, fsync, fullPageWrites, DEFAULT_BUFFER_BYTES, panicState);
    }

    /** As above with a WAL buffer of {@code bufferBytes} (see {@link #bufferBytes}). */
    public WriteAheadLog(Path walDirectory, long endOfWal, long lastRecordLsn, boolean fsync, boolean fullPageWrites,
                         int bufferBytes, PanicState panicState) {
        this(walDirectory, endOfWal, lastRecordLsn, fsync, fullPageWrites, bufferBytes, panicState,
                SegmentFiles.DEFAULT);
    }

    WriteAheadLog(Path walDirectory, long endOfWal, long lastRecordLsn, boolean fsync, boolean fullPageWrites,
                  int bufferBytes, PanicState panicState, SegmentFiles segmentFiles) {
        this.walDirectory = walDirectory;
        this.panicState = panicState;
        this.segmentFiles = segmentFiles;
        this.fsync = fsync;
        this.fullPageWrites = fullPageWrites;
        this.buffer = new byte[bufferBytes];
        this.insertLsn = endOfWal;
        this.lastRecordLsn = lastRecordLsn;
        this.pendingStart = endOfWal;
        this.writtenLsn = endOfWal;
        this.flushedLsn = endOfWal;
        truncateAfter(endOfWal);
    }

    /**
     * The WAL buffer size for {@code wal_buffers} (8 kB pages): -1 chooses 1/32 of
     * shared_buffers, at least 64 kB and at most one segment; an explicit value is at least
     * 32 kB ({@code XLOGChooseNumBuffers} and {@code check_wal_buffers} in {@code xlog.c}).
     */
    public static int bufferBytes(int walBuffersPages, int sharedBuffersPages) {
        int pages = walBuffersPages == -1
                ? Math.clamp(sharedBuffersPages / 32, 8, WalSegments.SEGMENT_SIZE / WAL_BLOCK)
                : Math.clamp(walBuffersPages, 4, 131072);
        return pages * WAL_BLOCK;
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

    /** pg_stat_wal's counters of this WAL. */
    public org.woolly.pgstat.WalStatistics statistics() {
        return statistics;
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
        WalRecordCodec.Prepared prepared = WalRecordCodec.prepare(record);
        long[] inserted = insertPrepared(prepared, redoPointerSeen);
        if (inserted != null) {
            int images = 0;
            for (BlockReference block : record.blocks()) {
                images += block.pageImage() == null ? 0 : 1;
            }
            statistics.inserted(prepared.length(), images);
            org.woolly.pgstat.ResourceUsage.current().walInserted(prepared.length(), images);
        }
        return inserted;
    }

    private long[] insertPrepared(WalRecordCodec.Prepared prepared, long redoPointerSeen) {
        long[] position = null;
        boolean writeBehind = false;
        insertLock.lock();
        try {
            panicState.checkNotPanicked();
            if (redoPointerMoved(redoPointerSeen)) {
                return null;
            }
            if (prepared.length() <= buffer.length - pendingLength) {
                position = append(prepared);
                writeBehind = pendingLength > buffer.length / 2;
            }
        } finally {
            insertLock.unlock();
        }
        if (position == null) {
            return insertMakingRoom(prepared, redoPointerSeen);
        }
        if (writeBehind && writeLock.tryLock()) {
            // Half the buffer is unwritten: write it now (no fsync) so inserters rarely find it
            // full; if the write lock is taken, its holder is writing already.
            try {
                panicState.checkNotPanicked();
                writePending();
            } finally {
                writeLock.unlock();
            }
        }
        return position;
    }

    private boolean redoPointerMoved(long redoPointerSeen) {
        return redoPointerSeen >= 0 && fullPageWrites && redoPointerSeen != redoPointer;
    }

    /** Chains the record at the insert position and copies it into the buffer; caller holds the insert lock and checked the space. */
    private long[] append(WalRecordCodec.Prepared prepared) {
        long start = reserve(prepared);
        System.arraycopy(prepared.bytes, 0, buffer, pendingLength, prepared.length());
        pendingLength += prepared.length();
        return new long[] {start, insertLsn};
    }

    private long reserve(WalRecordCodec.Prepared prepared) {
        prepared.link(lastRecordLsn);
        long start = insertLsn;
        lastRecordLsn = start;
        insertLsn += prepared.length();
        return start;
    }

    /**
     * The buffer has no room for the record: under both locks (write lock first, the lock
     * order everywhere), the buffer is written out; then the record goes into the buffer, or
     * when larger than the whole buffer, straight to the segment files after it.
     */
    private long[] insertMakingRoom(WalRecordCodec.Prepared prepared, long redoPointerSeen) {
        writeLock.lock();
        try {
            insertLock.lock();
            try {
                panicState.checkNotPanicked();
                if (redoPointerMoved(redoPointerSeen)) {
                    return null;
                }
                if (prepared.length() > buffer.length - pendingLength) {
                    statistics.bufferFull();
                    writePending();
                }
                if (prepared.length() <= buffer.length - pendingLength) {
                    return append(prepared);
                }
                long start = reserve(prepared);
                writeAt(prepared.bytes, prepared.length(), start);
                statistics.written();
                pendingStart = insertLsn;
                writtenLsn = insertLsn;
                return new long[] {start, insertLsn};
            } finally {
                insertLock.unlock();
            }
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public void flush(long lsn) {
        if (lsn <= flushedLsn) {
            return;
        }
        writeLock.lock();
        try {
            // A committer queued behind a flush that failed gets the PANIC, never success.
            panicState.checkNotPanicked();
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

    /**
     * Writes the buffered WAL to the segment files; caller holds the write lock. The bytes are
     * written from the buffer without the insert lock: inserters only append after them, and
     * only the write lock's holder removes them, once written.
     */
    private void writePending() {
        int length;
        long start;
        insertLock.lock();
        try {
            length = pendingLength;
            start = pendingStart;
        } finally {
            insertLock.unlock();
        }
        if (length == 0) {
            return;
        }
        writeAt(buffer, length, start);
        statistics.written();
        insertLock.lock();
        try {
            System.arraycopy(buffer, length, buffer, 0, pendingLength - length);
            pendingLength -= length;
            pendingStart += length;
        } finally {
            insertLock.unlock();
        }
        writtenLsn = start + length;
    }

    /** Writes {@code bytes[0, length)} at {@code startLsn}; a failure is a PANIC. Caller holds the write lock. */
    private void writeAt(byte[] bytes, int length, long startLsn) {
        int written = 0;
        try {
            panicState.checkNotPanicked();
            while (written < length) {
                long position = startLsn + written;
                long segment = WalSegments.segmentOf(position);
                int offsetInSegment = (int) (position - WalSegments.segmentStart(segment));
                int chunk = Math.min(length - written, WalSegments.SEGMENT_SIZE - offsetInSegment);
                FileChannel channel = segmentChannel(segment);
                ByteBuffer source = ByteBuffer.wrap(bytes, written, chunk);
                long filePosition = offsetInSegment;
                while (source.hasRemaining()) {
                    filePosition += channel.write(source, filePosition);
                }
                written += chunk;
                if (offsetInSegment + chunk == WalSegments.SEGMENT_SIZE) {
                    segmentFinished.accept(segment);
                }
            }
        } catch (IOException e) {
            long failedAt = startLsn + written;
            throw panicState.panic(SqlState.IO_ERROR, "could not write to log file "
                    + WalSegments.fileName(WalSegments.segmentOf(failedAt)) + " at " + WalSegments.format(failedAt)
                    + ", length " + (length - written) + ": " + e.getMessage(), e);
        }
    }

    private FileChannel segmentChannel(long segment) throws IOException {
        FileChannel channel = openSegments.get(segment);
        if (channel == null) {
            Path path = WalSegments.path(walDirectory, segment);
            directoryNeedsSync |= !Files.exists(path);
            channel = segmentFiles.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            openSegments.put(segment, channel);
        }
        return channel;
    }

    /** fsyncs written segments; closes those wholly before the current one. A failure is a PANIC, never retried. */
    private void forceSegments() {
        long current = WalSegments.segmentOf(writtenLsn);
        var iterator = openSegments.entrySet().iterator();
        Path file = walDirectory;
        try {
            while (iterator.hasNext()) {
                var entry = iterator.next();
                file = WalSegments.path(walDirectory, entry.getKey());
                entry.getValue().force(false);
                if (entry.getKey() < current) {
                    entry.getValue().close();
                    iterator.remove();
                }
            }
            if (directoryNeedsSync) {
                file = walDirectory;
                FileSync.syncDirectory(walDirectory);
                directoryNeedsSync = false;
            }
            fsyncCount.incrementAndGet();
            statistics.synced();
        } catch (IOException e) {
            throw panicState.panic(SqlState.IO_ERROR, "could not fsync file \"" + file + "\": " + e.getMessage(), e);
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

    /** The crash state this WAL reports write and fsync failures to. */
    public PanicState panicState() {
        return panicState;
    }

    /** The WAL buffer's size in bytes: fixed for the WAL's life (for tests). */
    int bufferCapacity() {
        return buffer.length;
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

    /** What a checkpoint did to old segments: files deleted and files recycled. */
    public record SegmentCleanup(int removed, int recycled) {}

    /**
     * {@code RemoveOldXlogFiles}: each segment file before {@code keepFrom} is no longer needed
     * for recovery. Oldest first, each is renamed to the next free segment name from the
     * segment of {@code endLsn} on, up to {@code recycleLimit} ({@code InstallXLogFileSegment}
     * with find_free), so the writer later overwrites a file that already has its blocks instead
     * of growing a new one; once the limit is reached (or when {@code recycle} is off, as
     * wal_recycle) the rest are deleted. A recycled file holds the old bytes until overwritten:
     * {@link WalReader} stops there, since a stale record's previous-record pointer is below
     * every record of the current stream. Under the write lock, so the writer never creates a
     * name being recycled to; the directory is fsynced after renames (durable_rename).
     */
    public SegmentCleanup removeOldSegments(long keepFrom, long endLsn, long recycleLimit, boolean recycle) {
        writeLock.lock();
        try {
            java.util.List<Long> old = new java.util.ArrayList<>();
            try (Stream<Path> files = Files.list(walDirectory)) {
                for (Path file : files.toList()) {
                    long segment = WalSegments.parseFileName(file.getFileName().toString());
                    if (segment >= 0 && segment < keepFrom) {
                        old.add(segment);
                    }
                }
            }
            java.util.Collections.sort(old);
            long nextFree = WalSegments.segmentOf(endLsn);
            int removed = 0;
            int recycled = 0;
            for (long segment : old) {
                Path file = WalSegments.path(walDirectory, segment);
                FileChannel channel = openSegments.remove(segment);
                if (channel != null) {
                    channel.close();
                }
                while (nextFree <= recycleLimit && Files.exists(WalSegments.path(walDirectory, nextFree))) {
                    nextFree++;
                }
                if (recycle && nextFree <= recycleLimit) {
                    Files.move(file, WalSegments.path(walDirectory, nextFree), StandardCopyOption.ATOMIC_MOVE);
                    nextFree++;
                    recycled++;
                } else {
                    Files.deleteIfExists(file);
                    removed++;
                }
            }
            if (recycled > 0 && fsync) {
                FileSync.syncDirectory(walDirectory);
            }
            return new SegmentCleanup(removed, recycled);
        } catch (IOException e) {
            throw ioError("could not remove old WAL segments", e);
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Called, on the writing thread and under the write lock, with each segment number whose
     * last byte has just been written ({@code XLogWrite}'s segment switch, where PostgreSQL asks
     * {@code XLogCheckpointNeeded}); it must only hand the work on.
     */
    public void onSegmentFinished(java.util.function.LongConsumer listener) {
        segmentFinished = listener;
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
