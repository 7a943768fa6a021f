package org.woolly.pgstat;

/**
 * What one checkpoint did, for its {@code log_checkpoints} line and pg_stat_bgwriter
 * ({@code CheckpointStatsData} in PostgreSQL 15's {@code xlog.h}): buffers written out of the
 * pool's size, WAL segment files added, removed and recycled, the write and sync phases'
 * times, the files fsynced with the longest and summed fsync times, and the WAL distance since
 * the previous checkpoint's redo pointer with the estimate of the next one, in bytes.
 */
public record CheckpointStatistics(long buffersWritten, int bufferPoolSize, int walFilesAdded, int walFilesRemoved,
                                   int walFilesRecycled, long writeNanos, long syncNanos, int syncFiles,
                                   long longestSyncNanos, long summedSyncNanos, long distanceBytes,
                                   long estimateBytes) {

    /** A checkpoint that measured nothing (an engine without storage, in tests). */
    public static CheckpointStatistics none() {
        return new CheckpointStatistics(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }
}
