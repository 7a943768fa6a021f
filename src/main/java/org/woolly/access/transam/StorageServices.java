package org.woolly.access.transam;

import org.woolly.storage.ipc.PanicState;

/**
 * The storage side of a running server, opened on a data directory after crash recovery:
 * buffer pool, WAL, transactions, and the access methods by name. The engine above is built on one of these.
 */
public interface StorageServices extends AutoCloseable {

    /** The table and index access methods registered when the storage opened ({@code pg_am}). */
    AccessMethodRegistry accessMethods();

    TransactionManager transactions();

    /** The crash state: once a PANIC happened, nothing is written and the server must restart through recovery. */
    PanicState panicState();

    /**
     * A new OID (for relations, types, relfilenodes, roles, ...), never handed out twice even
     * across a crash (the counter is WAL-logged ahead of use, like PostgreSQL's NEXTOID record).
     * Starts at 16384 ({@code FirstNormalObjectId}).
     */
    int allocateOid();

    /**
     * Writes and flushes the WAL inserted so far (the walwriter's round): bounds how much an
     * asynchronous commit (synchronous_commit = off) can lose, and takes WAL writes off
     * committing backends.
     */
    void flushWal();

    /**
     * Writes every dirty buffer at full speed and a checkpoint record; recovery will start from
     * its redo point (CHECKPOINT: {@code CHECKPOINT_IMMEDIATE}).
     */
    org.woolly.pgstat.CheckpointStatistics checkpoint();

    /**
     * The checkpointer's timed or WAL-triggered checkpoint: as {@link #checkpoint()}, with the
     * buffer writes spread over checkpoint_completion_target of the interval.
     */
    default org.woolly.pgstat.CheckpointStatistics spreadCheckpoint() {
        return checkpoint();
    }

    /**
     * Who to tell when the WAL written since the last checkpoint's redo pointer asks for a
     * checkpoint ({@code RequestCheckpoint(CHECKPOINT_CAUSE_XLOG)}); called on a writing thread.
     */
    default void onCheckpointNeeded(Runnable requester) {}

    /** What the last checkpoint did (the shutdown checkpoint's log line), or {@link org.woolly.pgstat.CheckpointStatistics#none()}. */
    default org.woolly.pgstat.CheckpointStatistics lastCheckpoint() {
        return org.woolly.pgstat.CheckpointStatistics.none();
    }

    /** Shutdown began ({@code ShutdownRequested}): a spread checkpoint in progress finishes at full speed. */
    default void shutdownRequested() {}

    /** The WAL-volume GUCs in force (max_wal_size and the others of {@link WalVolume.Settings}). */
    default void configureWalVolume(WalVolume.Settings settings) {}

    /** Clean shutdown: a final checkpoint, then files closed. */
    @Override
    void close();

    /**
     * Immediate shutdown, or the discard after a PANIC: files closed with nothing written (no
     * checkpoint, dirty buffers dropped), as if the server had crashed; the next open runs
     * crash recovery.
     */
    void shutdownImmediately();

    /** Where queries put their temporary files (base/pgsql_tmp), or null: sorts and hashes then stay in memory. */
    default org.woolly.storage.file.TemporaryFileSpace temporaryFiles() {
        return null;
    }

    /** The buffer pool's page requests by database (pg_stat_database), or null without a pool. */
    default org.woolly.pgstat.BlockCounters blockCounters() {
        return null;
    }

    /** The WAL's pg_stat_wal counters, or null without a WAL. */
    default org.woolly.pgstat.WalStatistics walStatistics() {
        return null;
    }

    /** The buffer pool's pg_stat_bgwriter counts (buffers_clean, buffers_backend, ...), or null without a pool. */
    default org.woolly.pgstat.BufferPoolCounters bufferPoolCounters() {
        return null;
    }

    /** The background writer's cleaning of the buffer pool, or null without a pool. */
    default org.woolly.storage.buffer.BackgroundWriter backgroundWriter() {
        return null;
    }

    /** Pages written by checkpoints so far, and the pool's size: {@code {written, poolSize}}. */
    default long[] checkpointWrites() {
        return new long[] {0, 0};
    }

    /**
     * Makes the files of a new database as a copy of the template's ({@code base/<template>} to
     * {@code base/<database>}), crash-safe (CREATE DATABASE ... STRATEGY FILE_COPY).
     */
    default void createDatabaseFiles(int templateOid, int databaseOid) {
        throw new org.woolly.utils.error.SqlException(org.woolly.utils.error.SqlState.FEATURE_NOT_SUPPORTED,
                "CREATE DATABASE is not supported by this storage");
    }

    /** Removes a dropped database's files and buffers (after DROP DATABASE committed), WAL-logged. */
    default void dropDatabaseFiles(int databaseOid) {
        throw new org.woolly.utils.error.SqlException(org.woolly.utils.error.SqlState.FEATURE_NOT_SUPPORTED,
                "DROP DATABASE is not supported by this storage");
    }

    /** The bytes of one fork of a relation, 0 if it has none ({@code pg_relation_size}). */
    default long relationForkSize(org.woolly.storage.smgr.RelFileLocator relation,
                                  org.woolly.storage.smgr.ForkNumber fork) {
        return 0;
    }

    /** The bytes of a database's files ({@code pg_database_size}). */
    default long databaseSize(int databaseOid) {
        return 0;
    }
}
