package org.woolly.access.transam;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongConsumer;
import org.woolly.storage.ipc.PanicState;
import org.woolly.storage.smgr.FileSync;
import org.woolly.utils.error.SqlState;

/**
 * A simple LRU cache of 8 KB pages over segment files of 32 pages named by their number in hex
 * ({@code 0000}, {@code 0001}, ...), the store under the commit log ({@code pg_xact}) and the
 * multixact offsets and members ({@code pg_multixact/offsets}, {@code /members}). Counterpart of
 * {@code src/backend/access/transam/slru.c}.
 *
 * <p>A dirty page is written when evicted and at checkpoint ({@link #flush}), and before a page
 * is written the WAL is flushed up to the newest record that changed it (the WAL rule, as
 * {@code group_lsn} does). The cache lock is never held during I/O: as in PostgreSQL's SLRU,
 * each cached page has an I/O state; a page being read in is in the cache already (others wait
 * for it instead of reading a second copy); a page being written stays readable and changeable
 * (the bytes written are a copy; a change meanwhile marks it dirty again) and is only evicted
 * once clean and idle, so no change is ever lost and no page exists twice. A failed write of a
 * page is an ERROR and leaves it dirty; a failed fsync is a PANIC, never retried
 * (data_sync_retry = off). Readers and changers run under the cache lock, so they must be short
 * and do no I/O.
 */
final class SimpleLru {
    static final int PAGE_SIZE = 8192;
    static final int PAGES_PER_SEGMENT = 32;

    /** What the files hold, for messages ("commit log", "multixact offsets"). */
    private final String kind;
    private final Path directory;
    private final int cachePages;
    private final LongConsumer walFlusher;
    private final boolean fsync;
    private final PanicState panicState;
    private final SegmentFiles segmentFiles;
    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled whenever a page's I/O ends ({@code SlruSharedData}'s per-buffer I/O locks, folded into one). */
    private final Condition ioDone = lock.newCondition();
    private final LinkedHashMap<Long, CachedPage> cache = new LinkedHashMap<>(16, 0.75f, true);
    private final Set<Long> segmentsToSync = new HashSet<>();
    /** Segments below this one were truncated; their pages are no longer kept. */
    private long oldestSegment;

    /** {@code SlruPageStatus}: a page being read has no bytes yet; one being written is usable. */
    private enum IoState { READING, VALID, WRITING }

    private static final class CachedPage {
        byte[] bytes;
        IoState state = IoState.READING;
        boolean dirty;
        long newestLsn;
    }

    SimpleLru(String kind, Path directory, int cachePages, LongConsumer walFlusher, boolean fsync,
              PanicState panicState, SegmentFiles segmentFiles) {
        this.kind = kind;
        this.directory = directory;
        this.panicState = panicState;
        this.cachePages = Math.max(1, cachePages);
        this.walFlusher = walFlusher;
        this.fsync = fsync;
        this.segmentFiles = segmentFiles;
        this.oldestSegment = lowestSegment(directory);
    }

    /** The lowest segment file present (what start-up knows of an earlier truncation), 0 if none. */
    private static long lowestSegment(Path directory) {
        List<Long> segments = segmentsIn(directory);
        return segments.isEmpty() ? 0 : segments.getFirst();
    }

    /** The segment numbers of the files in {@code directory}, ascending. */
    private static List<Long> segmentsIn(Path directory) {
        List<Long> segments = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return segments;
        }
        try (var files = Files.list(directory)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                if (name.length() >= 4 && name.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                    segments.add(Long.parseLong(name, 16));
                }
            }
        } catch (IOException e) {
            throw WriteAheadLog.ioError("could not read directory \"" + directory + "\"", e);
        }
        segments.sort(null);
        return segments;
    }

    /** The lowest segment whose pages are kept. */
    long oldestSegment() {
        lock.lock();
        try {
            return oldestSegment;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs {@code reader} over the page's bytes under the cache lock ({@code SimpleLruReadPage});
     * a page never written reads as zeros.
     */
    <T> T read(long pageNumber, Function<byte[], T> reader) {
        lock.lock();
        try {
            return reader.apply(page(pageNumber).bytes);
        } finally {
            lock.unlock();
        }
    }

    /** Changes the page under the cache lock and marks it dirty; {@code lsn} is the end of the record that logged the change (0: none). */
    void update(long pageNumber, long lsn, Consumer<byte[]> change) {
        lock.lock();
        try {
            CachedPage page = page(pageNumber);
            change.accept(page.bytes);
            page.dirty = true;
            page.newestLsn = Math.max(page.newestLsn, lsn);
        } finally {
            lock.unlock();
        }
    }

    /** {@code SimpleLruZeroPage}: the page becomes all zeros (dirty) whatever the file held. */
    void zero(long pageNumber, long lsn) {
        update(pageNumber, lsn, bytes -> java.util.Arrays.fill(bytes, (byte) 0));
    }

    /**
     * Removes the segments below {@code keepFrom} ({@code SimpleLruTruncate} with
     * {@code SlruScanDirCbDeleteCutoff}): the caller has made the truncation durable in the WAL
     * first and nothing in them can be asked for any more. Their cached pages are dropped
     * unwritten; files are deleted oldest first. A file that cannot be deleted is logged and
     * left (PostgreSQL ignores a failed unlink): the horizon has moved all the same and the next
     * truncation scans the directory and removes it. Returns the segments removed.
     */
    int truncate(long keepFrom) {
        lock.lock();
        try {
            if (keepFrom <= oldestSegment) {
                return 0;
            }
            oldestSegment = keepFrom;
            long firstKeptPage = keepFrom * PAGES_PER_SEGMENT;
            // a page under I/O is above the horizon: nobody reads or changes it below it
            cache.entrySet().removeIf(entry -> entry.getKey() < firstKeptPage
                    && entry.getValue().state == IoState.VALID);
            segmentsToSync.removeIf(segment -> segment < keepFrom);
        } finally {
            lock.unlock();
        }
        int removed = 0;
        for (long segment : segmentsIn(directory)) {
            if (segment >= keepFrom) {
                break;
            }
            Path path = segmentPath(segment);
            try {
                segmentFiles.delete(path);
                removed++;
            } catch (IOException e) {
                System.getLogger(SimpleLru.class.getName()).log(System.Logger.Level.WARNING,
                        "could not remove file \"" + path + "\": " + e.getMessage());
            }
        }
        return removed;
    }

    /**
     * The checkpoint's part ({@code SimpleLruWriteAll}): writes every page dirty now (waiting for
     * writes under way), then fsyncs the files written since the last flush, outside the lock.
     */
    void flush() {
        List<Long> toSync;
        lock.lock();
        try {
            for (Long pageNumber : new ArrayList<>(cache.keySet())) {
                while (true) {
                    CachedPage page = cache.get(pageNumber);
                    if (page == null || page.state == IoState.VALID && !page.dirty) {
                        break;
                    }
                    if (page.state != IoState.VALID) {
                        ioDone.awaitUninterruptibly();
                        continue;
                    }
                    // Changes made while it is written make it dirty again: they are after the redo point.
                    write(pageNumber, page);
                    break;
                }
            }
            toSync = new ArrayList<>(segmentsToSync);
            segmentsToSync.clear();
        } finally {
            lock.unlock();
        }
        if (fsync) {
            sync(toSync);
        }
    }

    private void sync(List<Long> segments) {
        Path file = directory;
        try {
            for (long segment : segments) {
                file = segmentPath(segment);
                panicState.checkNotPanicked();
                try (FileChannel channel = segmentFiles.open(file, StandardOpenOption.WRITE)) {
                    channel.force(false);
                }
            }
            file = directory;
            FileSync.syncDirectory(directory);
        } catch (IOException e) {
            // The kernel may have dropped the dirty pages already: a retry could succeed over lost data.
            throw panicState.panic(SqlState.IO_ERROR, "could not fsync file \"" + file + "\": " + e.getMessage(), e);
        }
    }

    /**
     * The page's cache entry with its bytes present ({@code SimpleLruReadPage}); caller holds
     * the lock, which is released while a page is read or a victim written.
     */
    private CachedPage page(long pageNumber) {
        while (true) {
            CachedPage page = cache.get(pageNumber);
            if (page != null) {
                if (page.state != IoState.READING) {
                    return page;
                }
                ioDone.awaitUninterruptibly();
                continue;
            }
            if (cache.size() >= cachePages && !makeRoom()) {
                continue;
            }
            CachedPage loading = new CachedPage();
            cache.put(pageNumber, loading);
            byte[] bytes = null;
            lock.unlock();
            try {
                bytes = readPage(pageNumber);
            } finally {
                lock.lock();
                if (bytes == null) {
                    cache.remove(pageNumber);
                } else {
                    loading.bytes = bytes;
                    loading.state = IoState.VALID;
                }
                ioDone.signalAll();
            }
            return loading;
        }
    }

    /**
     * Frees a cache entry: drops the least recently used idle clean page and returns true, or
     * (lock released meanwhile) writes the least recently used idle dirty page or waits for an
     * I/O, and returns false: the caller looks again ({@code SlruSelectLRUPage}).
     */
    private boolean makeRoom() {
        for (var entry : cache.entrySet()) {
            CachedPage page = entry.getValue();
            if (page.state == IoState.VALID) {
                if (!page.dirty) {
                    cache.remove(entry.getKey());
                    return true;
                }
                write(entry.getKey(), page);
                return false;
            }
        }
        ioDone.awaitUninterruptibly();
        return false;
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
        try (FileChannel channel = segmentFiles.open(path, StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            long position = (pageNumber % PAGES_PER_SEGMENT) * (long) PAGE_SIZE;
            while (buffer.hasRemaining()) {
                int read = channel.read(buffer, position + buffer.position());
                if (read < 0) {
                    break;
                }
            }
        } catch (IOException e) {
            throw WriteAheadLog.ioError("could not read " + kind + " file \"" + path + "\"", e);
        }
        return bytes;
    }

    /**
     * Writes a copy of an idle dirty page ({@code SlruInternalWritePage}); caller holds the lock,
     * released during the WAL flush and the write. On failure the page is dirty again.
     */
    private void write(long pageNumber, CachedPage page) {
        byte[] copy = page.bytes.clone();
        long lsn = page.newestLsn;
        page.state = IoState.WRITING;
        page.dirty = false;
        long segment = pageNumber / PAGES_PER_SEGMENT;
        boolean written = false;
        lock.unlock();
        try {
            walFlusher.accept(lsn);
            writePage(pageNumber, copy);
            written = true;
        } finally {
            lock.lock();
            page.state = IoState.VALID;
            if (written) {
                segmentsToSync.add(segment);
            } else {
                page.dirty = true;
            }
            ioDone.signalAll();
        }
    }

    private void writePage(long pageNumber, byte[] bytes) {
        panicState.checkNotPanicked();
        Path path = segmentPath(pageNumber / PAGES_PER_SEGMENT);
        try (FileChannel channel = segmentFiles.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            long position = (pageNumber % PAGES_PER_SEGMENT) * (long) PAGE_SIZE;
            while (buffer.hasRemaining()) {
                channel.write(buffer, position + buffer.position());
            }
        } catch (IOException e) {
            throw WriteAheadLog.ioError("could not write " + kind + " file \"" + path + "\"", e);
        }
    }
}
