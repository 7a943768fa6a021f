package org.woolly.access.transam;

import java.nio.file.Path;
import java.util.concurrent.locks.ReentrantLock;
import org.woolly.pgstat.CheckpointStatistics;
import org.woolly.storage.buffer.BufferPool;
import org.woolly.storage.ipc.PanicState;
import org.woolly.storage.lmgr.LockManager;
import org.woolly.storage.smgr.ForkNumber;
import org.woolly.storage.smgr.RelFileLocator;
import org.woolly.storage.smgr.StorageManager;

/**
 * The opened storage side of a server (built by {@link StorageStartup#open}): files, buffers,
 * WAL, commit log, transactions, OIDs and the registered access methods, plus checkpoints ({@code CreateCheckPoint}
 * in {@code xlog.c}) and the background tasks the postmaster runs as the checkpointer and
 * walwriter threads.
 */
public final class DefaultStorageServices implements StorageServices {
    private final Path dataDirectory;
    private final StorageOptions options;
    private final StorageManager storageManager;
    private final BufferPool bufferPool;
    private final WriteAheadLog wal;
    private final CommitLog commitLog;
    private final DefaultTransactionManager transactions;
    private final OidGenerator oids;
    private final AccessMethodRegistry accessMethods;
    private final ResourceManagerRegistry resourceManagers;
    private final PanicState panicState;
    private final DatabaseFiles databaseFiles;
    private final ReentrantLock checkpointLock = new ReentrantLock();
    private volatile boolean closed;
    /** Shutdown began: a spread checkpoint in progress stops pausing. */
    private volatile boolean closing;
    private static final long WRITE_DELAY_MILLIS = 100;
    private final WalVolume walVolume = new WalVolume();
    private final java.util.concurrent.atomic.AtomicInteger immediateWaiting = new java.util.concurrent.atomic.AtomicInteger();
    private volatile Runnable checkpointRequester = () -> {};
    /** {@code PriorRedoPtr}: the redo pointer of the last checkpoint (guarded by the checkpoint lock). */
    private long priorRedo;
    private volatile CheckpointStatistics lastCheckpoint = CheckpointStatistics.none();

    DefaultStorageServices(Path dataDirectory, StorageOptions options, StorageManager storageManager,
                           BufferPool bufferPool, WriteAheadLog wal, CommitLog commitLog,
                           DefaultTransactionManager transactions, OidGenerator oids,
                           AccessMethodRegistry accessMethods, ResourceManagerRegistry resourceManagers,
                           PanicState panicState, DatabaseFiles databaseFiles) {
        this.dataDirectory = dataDirectory;
        this.options = options;
        this.storageManager = storageManager;
        this.bufferPool = bufferPool;
        this.wal = wal;
        this.commitLog = commitLog;
        this.transactions = transactions;
        this.oids = oids;
        this.accessMethods = accessMethods;
        this.resourceManagers = resourceManagers;
        this.panicState = panicState;
        this.databaseFiles = databaseFiles;
        wal.onSegmentFinished(segment -> {
            if (walVolume.checkpointNeeded(segment, wal.redoPointer())) {
                checkpointRequester.run();
            }
        });
    }

    /**
     * CREATE DATABASE's FILE_COPY strategy ({@code createdb}): checkpoint, copy, WAL record
     * flushed, checkpoint (see {@link DatabaseFiles} for why). The checkpoint lock is held
     * throughout, so no timed checkpoint falls between the copy and its record.
     */
    @Override
    public void createDatabaseFiles(int templateOid, int databaseOid) {
        lockCheckpointHurrying();
        try {
            checkpoint(false);
            databaseFiles.copy(templateOid, databaseOid);
            wal.flush(wal.insertRecord(DatabaseFiles.createRecord(templateOid, databaseOid))[1]);
            checkpoint(false);
        } finally {
            checkpointLock.unlock();
        }
    }

    /**
     * DROP DATABASE's files, after its commit: the drop record is flushed before anything is
     * removed, so a crash in the middle is completed by redo. Under the checkpoint lock, so a
     * checkpoint never writes a page of the database while its directory goes.
     */
    @Override
    public void dropDatabaseFiles(int databaseOid) {
        lockCheckpointHurrying();
        try {
            wal.flush(wal.insertRecord(DatabaseFiles.dropRecord(databaseOid))[1]);
            databaseFiles.remove(databaseOid);
        } finally {
            checkpointLock.unlock();
        }
    }

    @Override
    public long relationForkSize(RelFileLocator relation, ForkNumber fork) {
        // the buffer pool counts pages added but not written yet, as smgrnblocks does
        return storageManager.exists(relation, fork)
                ? (long) bufferPool.blockCount(relation, fork) * org.woolly.storage.page.Page.SIZE : 0;
    }

    @Override
    public long databaseSize(int databaseOid) {
        return storageManager.databaseDirectorySize(databaseOid);
    }

    @Override
    public AccessMethodRegistry accessMethods() {
        return accessMethods;
    }

    /** The resource managers recovery replayed through (for describing WAL records). */
    public ResourceManagerRegistry resourceManagers() {
        return resourceManagers;
    }

    @Override
    public DefaultTransactionManager transactions() {
        return transactions;
    }

    @Override
    public int allocateOid() {
        return oids.allocate();
    }

    @Override
    public org.woolly.pgstat.BlockCounters blockCounters() {
        return bufferPool.blockCounters();
    }

    @Override
    public org.woolly.pgstat.WalStatistics walStatistics() {
        return wal.statistics();
    }

    @Override
    public org.woolly.pgstat.BufferPoolCounters bufferPoolCounters() {
        return bufferPool.counters();
    }

    @Override
    public org.woolly.storage.buffer.BackgroundWriter backgroundWriter() {
        return bufferPool.backgroundWriter();
    }

    @Override
    public long[] checkpointWrites() {
        return new long[] {bufferPool.checkpointWriteCount(), bufferPool.size()};
    }

    @Override
    public CheckpointStatistics checkpoint() {
        return checkpoint(false, false);
    }

    @Override
    public CheckpointStatistics spreadCheckpoint() {
        return checkpoint(false, true);
    }

    @Override
    public void onCheckpointNeeded(Runnable requester) {
        checkpointRequester = requester;
    }

    @Override
    public CheckpointStatistics lastCheckpoint() {
        return lastCheckpoint;
    }

    @Override
    public void shutdownRequested() {
        closing = true;
    }

    @Override
    public void configureWalVolume(WalVolume.Settings settings) {
        walVolume.configure(settings);
    }

    /** The WAL-volume policy in force (for tests). */
    WalVolume walVolume() {
        return walVolume;
    }

    /** The redo pointer of the checkpoint recovery started from: the first checkpoint's distance counts from it. */
    void startedFromRedo(long redo) {
        priorRedo = redo;
    }

    /**
     * {@code CreateCheckPoint}: redo pointer := current insert position; every dirty buffer
     * written (paced when {@code spread}) and the files fsynced; commit log written; checkpoint
     * record inserted and flushed; pg_control pointed at it; then the segments before the redo
     * pointer (and wal_keep_size) recycled or removed ({@code RemoveOldXlogFiles}). An
     * immediate checkpoint waiting behind a spread one, or shutdown, makes it finish at full
     * speed ({@code ImmediateCheckpointRequested}).
     */
    CheckpointStatistics checkpoint(boolean shutdown) {
        return checkpoint(shutdown, false);
    }

    private CheckpointStatistics checkpoint(boolean shutdown, boolean spread) {
        if (spread) {
            checkpointLock.lock();
        } else {
            lockCheckpointHurrying();
        }
        try {
            long redo = bufferPool.beginCheckpoint(transactions::beginCheckpoint);
            long started = System.nanoTime();
            transactions.checkpointTwoPhase();
            WalVolume.Schedule schedule = walVolume.schedule(redo, started);
            long written = bufferPool.writeDirty(progress -> {
                if (spread) {
                    writeDelay(schedule, progress);
                }
            });
            long syncStarted = System.nanoTime();
            StorageManager.SyncSummary sync = storageManager.syncAll();
            commitLog.flush();
            transactions.multiXacts().flush();
            if (!shutdown) {
                // a horizon a running transaction held back at the last VACUUM may have moved on since
                transactions.truncateCommitLog(transactions.knownFrozenXid());
            }
            long syncEnded = System.nanoTime();
            TransactionRecords.Checkpoint checkpoint = new TransactionRecords.Checkpoint(redo,
                    transactions.nextXidForCheckpoint(), oids.nextOidForCheckpoint(), System.currentTimeMillis(),
                    transactions.multiXacts().counters());
            long[] position = wal.insertRecord(TransactionRecords.checkpoint(checkpoint, shutdown));
            wal.flush(position[1]);
            new ControlFile(shutdown ? ControlFile.State.SHUT_DOWN : ControlFile.State.IN_PRODUCTION, position[0], redo,
                    checkpoint.nextXid(), checkpoint.nextOid(), checkpoint.timeMillis(), checkpoint.multis())
                    .write(dataDirectory, options.fsync());
            if (priorRedo != WalSegments.INVALID_LSN) {
                walVolume.checkpointDistance(redo - priorRedo);
            }
            priorRedo = redo;
            WriteAheadLog.SegmentCleanup cleanup = wal.removeOldSegments(walVolume.firstSegmentToKeep(redo, position[0]),
                    position[0], walVolume.recycleLimit(redo), walVolume.settings().recycle());
            long[] distances = walVolume.distances();
            lastCheckpoint = new CheckpointStatistics(written, bufferPool.size(), 0, cleanup.removed(), cleanup.recycled(),
                    syncStarted - started, syncEnded - syncStarted, sync.files(), sync.longestNanos(),
                    sync.totalNanos(), distances[0], distances[1]);
            return lastCheckpoint;
        } finally {
            checkpointLock.unlock();
        }
    }

    /** Takes the checkpoint lock; a spread checkpoint holding it meanwhile stops pausing ({@code CHECKPOINT_IMMEDIATE}). */
    private void lockCheckpointHurrying() {
        immediateWaiting.incrementAndGet();
        try {
            checkpointLock.lock();
        } finally {
            immediateWaiting.decrementAndGet();
        }
    }

    /**
     * {@code CheckpointWriteDelay}: after a buffer write of a spread checkpoint, sleeps 100 ms
     * while the checkpoint is ahead of its schedule, unless an immediate checkpoint is waiting
     * or the storage is shutting down.
     */
    private void writeDelay(WalVolume.Schedule schedule, double progress) {
        if (immediateWaiting.get() > 0 || closing || closed
                || !schedule.onSchedule(progress, wal.insertLsn(), System.nanoTime())) {
            return;
        }
        try {
            Thread.sleep(WRITE_DELAY_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Clean shutdown: a shutdown checkpoint (pg_control says "shut down", so start-up skips
     * recovery), files closed. After a PANIC nothing may be written, so it is an immediate
     * shutdown instead: the next start runs crash recovery.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (panicState.panicked()) {
            shutdownImmediately();
            return;
        }
        closing = true;
        checkpoint(true);
        closed = true;
        wal.close();
        storageManager.close();
    }

    /**
     * Immediate shutdown: files closed with no checkpoint and unwritten buffers dropped, as if
     * the server had crashed; the next open runs crash recovery.
     */
    @Override
    public void shutdownImmediately() {
        if (closed) {
            return;
        }
        closed = true;
        wal.closeWithoutFlush();
        storageManager.close();
    }

    /** The walwriter's loop: flushes the WAL every wal_writer_delay (asynchronous commits become durable). */
    @Override
    public void flushWal() {
        if (!closed) {
            wal.flushAll();
        }
    }

    @Override
    public PanicState panicState() {
        return panicState;
    }

    public WriteAheadLog wal() {
        return wal;
    }

    public BufferPool bufferPool() {
        return bufferPool;
    }

    public StorageManager storageManager() {
        return storageManager;
    }

    public LockManager lockManager() {
        return transactions.lockManager();
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    private org.woolly.storage.file.TemporaryFileSpace temporaryFiles;

    /** Made on first use; {@link StorageStartup#open} has already removed what an earlier run left there. */
    @Override
    public synchronized org.woolly.storage.file.TemporaryFileSpace temporaryFiles() {
        if (temporaryFiles == null) {
            temporaryFiles = new org.woolly.storage.file.TemporaryFileSpace(dataDirectory);
        }
        return temporaryFiles;
    }
}
