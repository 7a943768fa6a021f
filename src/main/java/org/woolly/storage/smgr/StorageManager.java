package org.woolly.storage.smgr;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import org.woolly.storage.ipc.PanicState;
import org.woolly.storage.page.Page;
import org.woolly.utils.error.SqlException;
import org.woolly.utils.error.SqlState;

/**
 * Relation files on disk: one file per fork, split in 1 GB segments
 * ({@code base/<db>/<relNumber>[_fsm|_vm][.N]}, {@code global/<relNumber>} for shared
 * relations). Counterpart of {@code src/backend/storage/smgr/smgr.c} and {@code md.c}.
 * Checksums are set on every write and verified on every read (PostgreSQL does both in
 * {@code bufmgr.c}; doing it here also covers redo and tools that bypass the buffer pool).
 * Thread-safe: positional I/O on shared {@link FileChannel}s; the channel cache lock is never
 * held during I/O.
 */
public final class StorageManager implements AutoCloseable {
    /** Blocks per segment file ({@code RELSEG_SIZE}): 1 GB of 8 KB pages. */
    public static final int DEFAULT_BLOCKS_PER_SEGMENT = 131072;
    private static final int MAXIMUM_OPEN_FILES = 256;
    private static final int MAXIMUM_ATTEMPTS = 3;

    private record SegmentKey(RelFileLocator relation, ForkNumber fork, int segment) {}

    private final Path dataDirectory;
    private final int blocksPerSegment;
    private final PanicState panicState;
    private final ReentrantLock cacheLock = new ReentrantLock();
    private final LinkedHashMap<SegmentKey, FileChannel> openFiles = new LinkedHashMap<>(64, 0.75f, true);
    private final Set<SegmentKey> pendingSync = ConcurrentHashMap.newKeySet();
    /** Directories that gained an entry since the last {@link #syncAll}: their fsync makes new files durable. */
    private final Set<Path> directoriesToSync = ConcurrentHashMap.newKeySet();
    private final ThreadLocal<byte[]> writeScratch = ThreadLocal.withInitial(() -> new byte[Page.SIZE]);
    private volatile StorageIoHook ioHook = new StorageIoHook() { };
    private final ForkSizeCache sizes = new ForkSizeCache();

    public StorageManager(Path dataDirectory, PanicState panicState) {
        this(dataDirectory, DEFAULT_BLOCKS_PER_SEGMENT, panicState);
    }

    /** With a small segment size, so tests can exercise segment boundaries. */
    StorageManager(Path dataDirectory, int blocksPerSegment, PanicState panicState) {
        this.dataDirectory = dataDirectory;
        this.panicState = panicState;
        this.blocksPerSegment = blocksPerSegment;
    }

    /** The crash state of this data directory: after a PANIC no data file is written. */
    public PanicState panicState() {
        return panicState;
    }

    /** Installs a fault-injection hook (tests only). */
    public void setIoHook(StorageIoHook hook) {
        this.ioHook = hook;
    }

    /** The relation path as PostgreSQL prints it in messages: {@code base/D/R} or {@code global/R}. */
    public static String relationPath(RelFileLocator relation, ForkNumber fork) {
        String directory = relation.databaseOid() == 0 ? "global" : "base/" + relation.databaseOid();
        return directory + "/" + relation.relNumber() + fork.suffix();
    }

    private static String segmentPath(SegmentKey key) {
        String base = relationPath(key.relation(), key.fork());
        return key.segment() == 0 ? base : base + "." + key.segment();
    }

    private Path file(SegmentKey key) {
        return dataDirectory.resolve(segmentPath(key));
    }

    /**
     * Creates the fork's first segment; no error if it exists (redo creates again). The file and
     * its directory entry are made durable by the next checkpoint's {@link #syncAll}, before that
     * checkpoint lets recovery skip the WAL record that created it ({@code fsync_fname} on the
     * parent directory, as {@code fd.c} does for every file whose existence must survive).
     */
    public void create(RelFileLocator relation, ForkNumber fork) {
        panicState.checkNotPanicked();
        SegmentKey key = new SegmentKey(relation, fork, 0);
        Path path = file(key);
        try {
            Path directory = path.getParent();
            if (!Files.isDirectory(directory)) {
                Files.createDirectories(directory);
                directoriesToSync.add(directory.getParent());
            }
            if (!Files.exists(path)) {
                sizes.forget(relation, fork);
                Files.createFile(path);
                pendingSync.add(key);
                directoriesToSync.add(directory);
            }
        } catch (java.nio.file.FileAlreadyExistsException alreadyThere) {
            // a concurrent create won the race: the file exists, which is all we need
        } catch (IOException e) {
            throw ioError("could not create file \"%s\": %s", segmentPath(key), e);
        }
    }

    public boolean exists(RelFileLocator relation, ForkNumber fork) {
        return Files.exists(file(new SegmentKey(relation, fork, 0)));
    }

    /** Removes every fork and segment of the relation; no error if missing. */
    public void unlink(RelFileLocator relation) {
        sizes.forgetRelation(relation);
        for (ForkNumber fork : ForkNumber.values()) {
            for (int segment = 0; ; segment++) {
                SegmentKey key = new SegmentKey(relation, fork, segment);
                forget(key);
                pendingSync.remove(key);
                boolean deleted;
                try {
                    deleted = Files.deleteIfExists(file(key));
                } catch (IOException e) {
                    throw ioError("could not remove file \"%s\": %s", segmentPath(key), e);
                }
                if (!deleted && segment > 0) {
                    break;
                }
            }
        }
        sizes.forgetRelation(relation);
    }

    /**
     * Copies every file of {@code base/<source>} into a new {@code base/<target>}, fsyncing each
     * file, the new directory and {@code base/} (PostgreSQL's {@code copydir} with fsync, as
     * CREATE DATABASE's FILE_COPY strategy and its redo use it). A target already there is
     * removed first, so redo may copy again. The caller has written the source's dirty buffers.
     */
    public void copyDatabaseDirectory(int sourceDatabaseOid, int targetDatabaseOid) {
        panicState.checkNotPanicked();
        removeDatabaseDirectory(targetDatabaseOid);
        Path source = databaseDirectory(sourceDatabaseOid);
        Path target = databaseDirectory(targetDatabaseOid);
        try {
            Files.createDirectories(target);
            List<Path> files;
            try (var listing = Files.list(source)) {
                files = listing.filter(Files::isRegularFile).sorted().toList();
            }
            for (Path file : files) {
                Path copy = target.resolve(file.getFileName());
                Files.copy(file, copy);
                try (FileChannel channel = FileChannel.open(copy, StandardOpenOption.WRITE)) {
                    channel.force(true);
                }
            }
            FileSync.syncDirectory(target);
            FileSync.syncDirectory(target.getParent());
            sizes.forgetDatabase(targetDatabaseOid);
        } catch (IOException e) {
            throw ioError("could not copy directory \"%s\": %s", "base/" + Integer.toUnsignedString(sourceDatabaseOid), e);
        }
    }

    /**
     * Removes {@code base/<database>} and every file in it ({@code remove_dbtablespaces}): their
     * cached channels are closed and pending fsyncs forgotten first, so a later checkpoint does
     * not trip over them. No error if the directory is missing (redo removes again).
     */
    public void removeDatabaseDirectory(int databaseOid) {
        cacheLock.lock();
        List<FileChannel> toClose = new ArrayList<>();
        try {
            Iterator<Map.Entry<SegmentKey, FileChannel>> entries = openFiles.entrySet().iterator();
            while (entries.hasNext()) {
                Map.Entry<SegmentKey, FileChannel> entry = entries.next();
                if (entry.getKey().relation().databaseOid() == databaseOid) {
                    toClose.add(entry.getValue());
                    entries.remove();
                }
            }
        } finally {
            cacheLock.unlock();
        }
        toClose.forEach(StorageManager::closeQuietly);
        sizes.forgetDatabase(databaseOid);
        pendingSync.removeIf(key -> key.relation().databaseOid() == databaseOid);
        Path directory = databaseDirectory(databaseOid);
        directoriesToSync.remove(directory);
        if (!Files.isDirectory(directory)) {
            return;
        }
        try {
            List<Path> files;
            try (var listing = Files.list(directory)) {
                files = listing.toList();
            }
            for (Path file : files) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(directory);
            sizes.forgetDatabase(databaseOid);
            FileSync.syncDirectory(directory.getParent());
        } catch (IOException e) {
            throw ioError("could not remove directory \"%s\": %s", "base/" + Integer.toUnsignedString(databaseOid), e);
        }
    }

    /** The bytes of every file in {@code base/<database>} ({@code pg_database_size}); 0 if it has none. */
    public long databaseDirectorySize(int databaseOid) {
        Path directory = databaseDirectory(databaseOid);
        if (!Files.isDirectory(directory)) {
            return 0;
        }
        long total = 0;
        try (var listing = Files.list(directory)) {
            for (Path file : listing.toList()) {
                try {
                    total += Files.size(file);
                } catch (NoSuchFileException removedMeanwhile) {
                    // a relation dropped while we counted
                }
            }
        } catch (IOException e) {
            throw ioError("could not read directory \"%s\": %s", "base/" + Integer.toUnsignedString(databaseOid), e);
        }
        return total;
    }

    private Path databaseDirectory(int databaseOid) {
        return dataDirectory.resolve("base").resolve(Integer.toUnsignedString(databaseOid));
    }

    /**
     * The bytes of a fork's segment files, 0 when the fork has none ({@code calculate_relation_size}
     * of {@code dbsize.c}, which stats segment after segment until one is missing).
     */
    public long forkSize(RelFileLocator relation, ForkNumber fork) {
        long total = 0;
        for (int segment = 0; ; segment++) {
            SegmentKey key = new SegmentKey(relation, fork, segment);
            try {
                total += Files.size(file(key));
            } catch (NoSuchFileException e) {
                return total;
            } catch (IOException e) {
                throw ioError("could not stat file \"%s\": %s", segmentPath(key), e);
            }
        }
    }

    /**
     * Number of blocks in the fork ({@code smgrnblocks}): cached per fork ({@link ForkSizeCache}),
     * measured from the files ({@code mdnblocks}) when not known; 58P01 if the fork does not exist.
     */
    public int blockCount(RelFileLocator relation, ForkNumber fork) {
        return sizes.blockCount(relation, fork, key -> measuredBlockCount(key, fork));
    }

    private int measuredBlockCount(RelFileLocator relation, ForkNumber fork) {
        int total = 0;
        for (int segment = 0; ; segment++) {
            SegmentKey key = new SegmentKey(relation, fork, segment);
            long size;
            try {
                size = Files.size(file(key));
            } catch (NoSuchFileException e) {
                if (segment == 0) {
                    throw undefinedFile(key);
                }
                return total;
            } catch (IOException e) {
                throw ioError("could not seek to end of file \"%s\": %s", segmentPath(key), e);
            }
            int blocks = (int) (size / Page.SIZE);
            total += blocks;
            if (blocks < blocksPerSegment) {
                return total;
            }
        }
    }

    /** Reads one block and verifies it; XX001 if its checksum or header is wrong. */
    public void read(RelFileLocator relation, ForkNumber fork, int block, byte[] page) {
        SegmentKey key = keyFor(relation, fork, block);
        long position = positionOf(block);
        int bytesRead = 0;
        for (int attempt = 1; ; attempt++) {
            try {
                FileChannel channel = channel(key, false);
                ByteBuffer target = ByteBuffer.wrap(page);
                while (target.hasRemaining()) {
                    int n = channel.read(target, position + target.position());
                    if (n < 0) {
                        break;
                    }
                }
                bytesRead = target.position();
                break;
            } catch (ClosedChannelException closed) {
                retryAfterClose(key, attempt, closed);
            } catch (NoSuchFileException e) {
                throw undefinedFile(key);
            } catch (IOException e) {
                throw ioError("could not read block " + Integer.toUnsignedString(block) + " in file \"%s\": %s",
                        segmentPath(key), e);
            }
        }
        if (bytesRead != Page.SIZE) {
            throw new SqlException(SqlState.DATA_CORRUPTED, String.format(
                    "could not read block %s in file \"%s\": read only %d of %d bytes",
                    Integer.toUnsignedString(block), segmentPath(key), bytesRead, Page.SIZE));
        }
        if (!Page.isVerified(page, block)) {
            throw new SqlException(SqlState.DATA_CORRUPTED, String.format("invalid page in block %s of relation %s",
                    Integer.toUnsignedString(block), relationPath(relation, fork)));
        }
    }

    /**
     * Writes one block (extending the file if the block is past its end), with its checksum set
     * on a private copy so concurrent hint-bit setters cannot make the checksum wrong. Nothing is
     * written after a PANIC. The segment is registered for the next {@link #syncAll} before the
     * bytes are written and again after ({@code register_dirty_segment}, part of {@code mdwrite}):
     * a checkpoint fsyncing meanwhile cannot consume the request and leave the write unsynced.
     */
    public void write(RelFileLocator relation, ForkNumber fork, int block, byte[] page) {
        panicState.checkNotPanicked();
        byte[] copy = writeScratch.get();
        System.arraycopy(page, 0, copy, 0, Page.SIZE);
        Page.setChecksum(copy, block);
        SegmentKey key = keyFor(relation, fork, block);
        long position = positionOf(block);
        for (int attempt = 1; ; attempt++) {
            try {
                // segment 0 exists only through create(): a write never resurrects a removed relation
                FileChannel channel = channel(key, key.segment() > 0);
                pendingSync.add(key);
                if (key.segment() > 0) {
                    directoriesToSync.add(file(key).getParent());
                }
                ioHook.beforeWrite(relation, fork, block);
                ByteBuffer source = ByteBuffer.wrap(copy);
                while (source.hasRemaining()) {
                    channel.write(source, position + source.position());
                }
                pendingSync.add(key);
                sizes.written(relation, fork, block);
                return;
            } catch (ClosedChannelException closed) {
                retryAfterClose(key, attempt, closed);
            } catch (NoSuchFileException e) {
                throw undefinedFile(key);
            } catch (IOException e) {
                throw ioError("could not write block " + Integer.toUnsignedString(block) + " in file \"%s\": %s",
                        segmentPath(key), e);
            }
        }
    }

    /** Cuts the fork down to {@code blocks} blocks, removing whole segments past the end. */
    public void truncate(RelFileLocator relation, ForkNumber fork, int blocks) {
        panicState.checkNotPanicked();
        try {
            truncateSegments(relation, fork, blocks);
        } finally {
            // after the files changed: a measurement racing with the truncation is thrown away too
            sizes.forget(relation, fork);
        }
    }

    private void truncateSegments(RelFileLocator relation, ForkNumber fork, int blocks) {
        int lastSegment = blocks == 0 ? 0 : (blocks - 1) / blocksPerSegment;
        for (int segment = 0; ; segment++) {
            SegmentKey key = new SegmentKey(relation, fork, segment);
            Path path = file(key);
            if (!Files.exists(path)) {
                if (segment == 0) {
                    throw undefinedFile(key);
                }
                return;
            }
            try {
                if (segment > lastSegment) {
                    forget(key);
                    Files.delete(path);
                } else {
                    long keep = Math.min(blocks - (long) segment * blocksPerSegment, blocksPerSegment) * Page.SIZE;
                    try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
                        if (channel.size() > keep) {
                            channel.truncate(keep);
                        }
                        channel.force(false);
                    }
                }
            } catch (IOException e) {
                throw ioError("could not truncate file \"%s\": %s", segmentPath(key), e);
            }
        }
    }

    /**
     * fsyncs every segment written since the last call (the checkpoint's last storage step). A
     * failed fsync is a PANIC, never retried: the kernel may have dropped the dirty pages and
     * report success next time, so only crash recovery from the WAL is safe (PostgreSQL 12+
     * with {@code data_sync_retry = off}).
     */
    public SyncSummary syncAll() {
        panicState.checkNotPanicked();
        List<SegmentKey> toSync = new ArrayList<>(pendingSync);
        int files = 0;
        long longestNanos = 0;
        long totalNanos = 0;
        for (SegmentKey key : toSync) {
            pendingSync.remove(key);
            if (!Files.exists(file(key))) {
                continue;
            }
            for (int attempt = 1; ; attempt++) {
                try {
                    ioHook.beforeSync(segmentPath(key));
                    long started = System.nanoTime();
                    channel(key, false).force(false);
                    long took = System.nanoTime() - started;
                    longestNanos = Math.max(longestNanos, took);
                    totalNanos += took;
                    files++;
                    break;
                } catch (ClosedChannelException closed) {
                    retryAfterClose(key, attempt, closed);
                } catch (NoSuchFileException removedMeanwhile) {
                    break;
                } catch (IOException e) {
                    String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                    throw panicState.panic(SqlState.IO_ERROR,
                            String.format("could not fsync file \"%s\": %s", segmentPath(key), reason), e);
                }
            }
        }
        for (Path directory : List.copyOf(directoriesToSync)) {
            directoriesToSync.remove(directory);
            try {
                FileSync.syncDirectory(directory);
            } catch (IOException e) {
                String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                throw panicState.panic(SqlState.IO_ERROR,
                        String.format("could not fsync directory \"%s\": %s", dataDirectory.relativize(directory), reason), e);
            }
        }
        return new SyncSummary(files, longestNanos, totalNanos);
    }

    /** What one {@link #syncAll} did: files fsynced, the longest fsync and all of them together (log_checkpoints' sync figures). */
    public record SyncSummary(int files, long longestNanos, long totalNanos) {}

    @Override
    public void close() {
        cacheLock.lock();
        try {
            for (FileChannel channel : openFiles.values()) {
                closeQuietly(channel);
            }
            openFiles.clear();
        } finally {
            cacheLock.unlock();
        }
    }

    private SegmentKey keyFor(RelFileLocator relation, ForkNumber fork, int block) {
        return new SegmentKey(relation, fork, Integer.divideUnsigned(block, blocksPerSegment));
    }

    private long positionOf(int block) {
        return (long) Integer.remainderUnsigned(block, blocksPerSegment) * Page.SIZE;
    }

    /**
     * A channel from the bounded cache, opened if needed; opening happens outside the cache lock
     * and a racing opener's duplicate is closed.
     */
    private FileChannel channel(SegmentKey key, boolean createIfMissing) throws IOException {
        cacheLock.lock();
        try {
            FileChannel cached = openFiles.get(key);
            if (cached != null && cached.isOpen()) {
                return cached;
            }
        } finally {
            cacheLock.unlock();
        }
        Path path = file(key);
        FileChannel opened = createIfMissing
                ? FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.CREATE)
                : FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        List<FileChannel> toClose = new ArrayList<>();
        FileChannel result;
        cacheLock.lock();
        try {
            FileChannel raced = openFiles.get(key);
            if (raced != null && raced.isOpen()) {
                toClose.add(opened);
                result = raced;
            } else {
                openFiles.put(key, opened);
                result = opened;
                Iterator<Map.Entry<SegmentKey, FileChannel>> eldest = openFiles.entrySet().iterator();
                while (openFiles.size() > MAXIMUM_OPEN_FILES && eldest.hasNext()) {
                    Map.Entry<SegmentKey, FileChannel> entry = eldest.next();
                    if (entry.getKey().equals(key)) {
                        continue;
                    }
                    toClose.add(entry.getValue());
                    eldest.remove();
                }
            }
        } finally {
            cacheLock.unlock();
        }
        toClose.forEach(StorageManager::closeQuietly);
        return result;
    }

    /** A channel closed under us (cache eviction or another thread's interrupt): reopen, unless we were interrupted. */
    private void retryAfterClose(SegmentKey key, int attempt, ClosedChannelException closed) {
        if (Thread.currentThread().isInterrupted()) {
            throw new SqlException(SqlState.QUERY_CANCELED, "canceling statement due to user request");
        }
        forget(key);
        if (attempt >= MAXIMUM_ATTEMPTS) {
            throw ioError("could not access file \"%s\": %s", segmentPath(key), closed);
        }
    }

    private void forget(SegmentKey key) {
        FileChannel removed;
        cacheLock.lock();
        try {
            removed = openFiles.remove(key);
        } finally {
            cacheLock.unlock();
        }
        if (removed != null) {
            closeQuietly(removed);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing a cached descriptor: nothing useful to report, the data was written already
        }
    }

    private static SqlException undefinedFile(SegmentKey key) {
        return new SqlException(SqlState.UNDEFINED_FILE,
                String.format("could not open file \"%s\": No such file or directory", segmentPath(key)));
    }

    private static SqlException ioError(String format, String path, Exception cause) {
        String reason = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return new SqlException(org.woolly.utils.error.Severity.ERROR, SqlState.IO_ERROR,
                String.format(format, path, reason), null, null, 0, cause);
    }
}
