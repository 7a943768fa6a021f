package org.woolly.access.transam;

import java.nio.file.Path;
import java.util.concurrent.locks.ReentrantLock;
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
    }

    /**
     * CREATE DATABASE's FILE_COPY strategy ({@code createdb}): checkpoint, copy, WAL record
     * flushed, checkpoint (see {@link DatabaseFiles} for why). The checkpoint lock is held
     * throughout, so no timed checkpoint falls between the copy and its record.
     */
    @Override
    public void createDatabaseFiles(int templateOid, int databaseOid) {
        checkpointLock.lock();
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
        checkpointLock.lock();
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
    public void checkpoint() {
        checkpoint(false);
    }

    /**
     * Redo pointer := current insert position; every dirty buffer written and fsynced; commit
     * log written; checkpoint record inserted and flushed; pg_control pointed at it; WAL
     * segments wholly before the redo pointer removed.
     */
    void checkpoint(boolean shutdown) {
        checkpointLock.lock();
        try {
            long redo = bufferPool.beginCheckpoint(transactions::beginCheckpoint);
            transactions.checkpointTwoPhase();
            bufferPool.flushAll();
            commitLog.flush();
            TransactionRecords.Checkpoint checkpoint = new TransactionRecords.Checkpoint(redo,
                    transactions.nextXidForCheckpoint(), oids.nextOidForCheckpoint(), System.currentTimeMillis());
            long[] position = wal.insertRecord(TransactionRecords.checkpoint(checkpoint, shutdown));
            wal.flush(position[1]);
            new ControlFile(shutdown ? ControlFile.State.SHUT_DOWN : ControlFile.State.IN_PRODUCTION, position[0], redo,
                    checkpoint.nextXid(), checkpoint.nextOid(), checkpoint.timeMillis()).write(dataDirectory, options.fsync());
            wal.removeSegmentsBefore(redo);
        } finally {
            checkpointLock.unlock();
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
