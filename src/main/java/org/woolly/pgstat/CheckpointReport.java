package org.woolly.pgstat;

import org.woolly.utils.error.ServerLog;
import org.woolly.utils.error.Severity;

import java.util.function.Supplier;

/**
 * One checkpoint as the checkpointer reports it ({@code LogCheckpointStart},
 * {@code LogCheckpointEnd} and the pg_stat_bgwriter counts of {@code checkpointer.c}): the
 * {@code checkpoint starting: <reason>} line, the checkpoint, then
 * {@code checkpoint complete: wrote N buffers (P%); write=..., total=... s} with the pages
 * written and the time taken. The WAL-file and sync-file figures PostgreSQL's line also has
 * are not measured by Woolly, so they are left out rather than printed as zeros.
 */
public final class CheckpointReport {
    private CheckpointReport() {}

    /**
     * Runs {@code checkpoint}; {@code writes} gives {@code {pages written by checkpoints so far,
     * buffer pool size}}; {@code statistics} may be null.
     */
    public static void run(Runnable checkpoint, Supplier<long[]> writes, boolean requested, String reason,
                           boolean log, BackgroundWriterStatistics statistics) {
        if (log) {
            ServerLog.log(Severity.LOG, "checkpoint starting: " + reason);
        }
        long before = writes.get()[0];
        long started = System.nanoTime();
        checkpoint.run();
        long millis = (System.nanoTime() - started) / 1_000_000;
        long[] after = writes.get();
        long written = after[0] - before;
        if (statistics != null) {
            statistics.checkpointDone(requested, written, millis, 0);
        }
        if (log) {
            double percent = after[1] == 0 ? 0 : 100.0 * written / after[1];
            ServerLog.log(Severity.LOG, String.format(java.util.Locale.ROOT,
                    "checkpoint complete: wrote %d buffers (%.1f%%); write=%d.%03d s, total=%d.%03d s", written,
                    percent, millis / 1000, millis % 1000, millis / 1000, millis % 1000));
        }
    }
}
