package org.woolly.pgstat;

import org.woolly.utils.error.ServerLog;
import org.woolly.utils.error.Severity;

import java.util.Locale;
import java.util.function.Supplier;

/**
 * One checkpoint as the checkpointer reports it ({@code LogCheckpointStart},
 * {@code LogCheckpointEnd} and the pg_stat_bgwriter counts of PostgreSQL 15's {@code xlog.c}
 * and {@code checkpointer.c}): the {@code checkpoint starting: <reason>} line, the checkpoint,
 * then PostgreSQL 15's {@code checkpoint complete: wrote N buffers (P%); A WAL file(s) added,
 * R removed, C recycled; write=..., sync=..., total=... s; sync files=..., longest=...,
 * average=... s; distance=... kB, estimate=... kB}. Woolly never preallocates segments, so
 * "added" is 0, as in a PostgreSQL whose checkpoints found enough recycled files.
 */
public final class CheckpointReport {
    private CheckpointReport() {}

    /** Runs {@code checkpoint}; {@code statistics} may be null. */
    public static void run(Supplier<CheckpointStatistics> checkpoint, boolean requested, String reason, boolean log,
                           BackgroundWriterStatistics statistics) {
        if (log) {
            ServerLog.log(Severity.LOG, "checkpoint starting: " + reason);
        }
        long started = System.nanoTime();
        CheckpointStatistics done = checkpoint.get();
        long totalNanos = System.nanoTime() - started;
        if (statistics != null) {
            statistics.checkpointDone(requested, done.buffersWritten(), done.writeNanos() / 1_000_000,
                    done.syncNanos() / 1_000_000);
        }
        if (log) {
            ServerLog.log(Severity.LOG, completeLine(done, totalNanos));
        }
    }

    /** The {@code checkpoint complete} line; times are cut to milliseconds, fsync times rounded up as PostgreSQL's. */
    public static String completeLine(CheckpointStatistics done, long totalNanos) {
        double percent = done.bufferPoolSize() == 0 ? 0 : 100.0 * done.buffersWritten() / done.bufferPoolSize();
        long longestMillis = (done.longestSyncNanos() / 1000 + 999) / 1000;
        long averageMillis = done.syncFiles() == 0 ? 0 : (done.summedSyncNanos() / done.syncFiles() / 1000 + 999) / 1000;
        return String.format(Locale.ROOT, "checkpoint complete: wrote %d buffers (%.1f%%); "
                        + "%d WAL file(s) added, %d removed, %d recycled; write=%s s, sync=%s s, total=%s s; "
                        + "sync files=%d, longest=%s s, average=%s s; distance=%d kB, estimate=%d kB",
                done.buffersWritten(), percent, done.walFilesAdded(), done.walFilesRemoved(), done.walFilesRecycled(),
                seconds(done.writeNanos() / 1_000_000), seconds(done.syncNanos() / 1_000_000),
                seconds(totalNanos / 1_000_000), done.syncFiles(), seconds(longestMillis), seconds(averageMillis),
                (int) (done.distanceBytes() / 1024.0), (int) (done.estimateBytes() / 1024.0));
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%d.%03d", millis / 1000, millis % 1000);
    }
}
