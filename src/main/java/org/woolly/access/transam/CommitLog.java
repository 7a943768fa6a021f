package org.woolly.access.transam;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongConsumer;
import org.woolly.storage.ipc.PanicState;
import org.woolly.storage.smgr.FileSync;

/**
 * The commit log ({@code pg_xact}): two bits of status per XID in 8 KB pages, 32 pages per
 * segment file named by its number in hex ({@code 0000}, {@code 0001}, ...). Pages are kept in
 * a small LRU cache (SLRU-like); a dirty page is written when evicted and at checkpoint, and
 * before a page is written the WAL is flushed up to the newest commit record that set a status
 * on it (the WAL rule, as {@code group_lsn} does in PostgreSQL). XIDs are 64-bit: no wraparound,
 * no truncation needed for correctness. Counterpart of {@code src/backend/access/transam/clog.c}
 * and {@code slru.c}.
 */
public final class CommitLog {
    public static final int PAGE_SIZE = 8192;
    public static final int XIDS_PER_PAGE = PAGE_SIZE * 4;
    public static final int PAGES_PER_SEGMENT = 32;

    static final int STATUS_IN_PROGRESS = 0b00;
    static final int STATUS_COMMITTED = 0b01;
    static final int STATUS_ABORTED = 0b10;

    private final Path directory;
    private final int cachePages;
    private final LongConsumer walFlusher;
    private final boolean fsync;
    private final PanicState panicState;
    private final ReentrantLock lock = new ReentrantLock();
    private final LinkedHashMap<Long, CachedPage> cache = new LinkedHashMap<>(16, 0.75f, true);
    private final Set<Long> segmentsToSync = new HashSet<>();

    private static final class CachedPage {
        final byte[] bytes;
        boolean dirty;
        long newestLsn;

        CachedPage(byte[] bytes) {
            this.bytes = bytes;
        }
    }

    /** {@code walFlusher} flushes the WAL up to an LSN before a page carrying that commit is written. */
    public CommitLog(Path directory, int cachePages, LongConsumer walFlusher, boolean fsync, PanicState panicState) {
        this.directory = directory;
        this.panicState = panicState;
        this.cachePages = cachePages;
        this.walFlusher = walFlusher;
        this.fsync = fsync;
    }

    public XidStatus get(long xid) {
        lock.lock();
        try {
            CachedPage page = page(xid / XIDS_PER_PAGE);
            int bits = (page.bytes[byteIndex(xid)] >> shift(xid)) & 0b11;
            return switch (bits) {
                case STATUS_COMMITTED -> XidStatus.COMMITTED;
                case STATUS_ABORTED -> XidStatus.ABORTED;
                default -> XidStatus.IN_PROGRESS;
            };
        } finally {
            lock.unlock();
        }
    }

    /** Records a final status; {@code lsn} is the end of the WAL record that decided it (0 if none need be flushed). */
    public void set(long xid, XidStatus status, long lsn) {
        int bits = switch (status) {
            case COMMITTED -> STATUS_COMMITTED;
            case ABORTED -> STATUS_ABORTED;
            case IN_PROGRESS -> STATUS_IN_PROGRESS;
        };
        lock.lock();
        try {
            CachedPage page = page(xid / XIDS_PER_PAGE);
            int index = byteIndex(xid);
            int shift = shift(xid);
            page.bytes[index] = (byte) ((page.bytes[index] & ~(0b11 << shift)) | (bits << shift));
            page.dirty = true;
            page.newestLsn = Math.max(page.newestLsn, lsn);
        } finally {
            lock.unlock();
        }
    }

    /** Writes every dirty page and fsyncs the files written since the last flush (the checkpoint's part). */
    public void flush() {
        lock.lock();
        try {
            for (Map.Entry<Long, CachedPage> entry : cache.entrySet()) {
                if (entry.getValue().dirty) {
                    write(entry.getKey(), entry.getValue());
                }
            }
            if (fsync) {
                for (long segment : segmentsToSync) {
                    try (FileChannel channel = FileChannel.open(segmentPath(segment), StandardOpenOption.WRITE)) {
                        channel.force(false);
                    }
                }
                FileSync.syncDirectory(directory);
            }
            segmentsToSync.clear();
        } catch (IOException e) {
            throw WriteAheadLog.ioError("could not flush commit log", e);
        } finally {
            lock.unlock();
        }
    }

    private static int byteIndex(long xid) {
        return (int) ((xid % XIDS_PER_PAGE) / 4);
    }

    private static int shift(long xid) {
        return (int) (xid % 4) * 2;
    }

    private CachedPage page(long pageNumber) {
        CachedPage page = cache.get(pageNumber);
        if (page != null) {
            return page;
        }
        page = new CachedPage(readPage(pageNumber));
        cache.put(pageNumber, page);
        if (cache.size() > cachePages) {
            var eldest = cache.entrySet().iterator().next();
            if (eldest.getValue().dirty) {
                write(eldest.getKey(), eldest.getValue());
            }
            cache.remove(eldest.getKey());
        }
        return page;
    }

    private Path segmentPath(long segment) {
        return directory.resolve(String.format("%04X", segment));
    }

    private byte[] readPage(long pageNumber) {
        byte[] bytes = new byte[PAGE_SIZE];
        Path path = segmentPath(pageNumber / PAGES_PER_SEGMENT);
        if (!Files.exists(path)) {
            return bytes;
        }
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            long position = (pageNumber % PAGES_PER_SEGMENT) * (long) PAGE_SIZE;
            while (buffer.hasRemaining()) {
                int read = channel.read(buffer, position + buffer.position());
                if (read < 0) {
                    break;
                }
            }
        } catch (IOException e) {
            throw WriteAheadLog.ioError("could not read commit log file \"" + path + "\"", e);
        }
        return bytes;
    }

    private void write(long pageNumber, CachedPage page) {
        walFlusher.accept(page.newestLsn);
        long segment = pageNumber / PAGES_PER_SEGMENT;
        Path path = segmentPath(segment);
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(page.bytes);
            long position = (pageNumber % PAGES_PER_SEGMENT) * (long) PAGE_SIZE;
            while (buffer.hasRemaining()) {
                channel.write(buffer, position + buffer.position());
            }
        } catch (IOException e) {
            throw WriteAheadLog.ioError("could not write commit log file \"" + path + "\"", e);
        }
        page.dirty = false;
        segmentsToSync.add(segment);
    }
}
