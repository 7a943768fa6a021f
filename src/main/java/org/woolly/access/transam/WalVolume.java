package org.woolly.access.transam;

/**
 * How much WAL a server keeps and when it asks for a checkpoint: the arithmetic of
 * {@code CalculateCheckpointSegments}, {@code XLogCheckpointNeeded}, {@code XLOGfileslop},
 * {@code KeepLogSeg}, {@code UpdateCheckPointDistanceEstimate} and {@code IsCheckpointOnSchedule}
 * in PostgreSQL 15's {@code xlog.c} / {@code checkpointer.c}, over Woolly's 16 MB segments.
 * The settings are SIGHUP GUCs, so the checkpointer passes them in again after each reload
 * ({@link #configure}); the distance estimate lives as long as the server. Thread-safe.
 */
public final class WalVolume {

    /**
     * max_wal_size, min_wal_size, wal_keep_size (MB), checkpoint_completion_target,
     * checkpoint_timeout (s) and wal_recycle.
     */
    public record Settings(int maxWalSizeMb, int minWalSizeMb, int walKeepSizeMb, double completionTarget,
                           int checkpointTimeoutSeconds, boolean recycle) {
        /** PostgreSQL 15's defaults: 1GB, 80MB, 0, 0.9, 5min, on. */
        public static Settings defaults() {
            return new Settings(1024, 80, 0, 0.9, 300, true);
        }
    }

    private static final int SEGMENT_MB = WalSegments.SEGMENT_SIZE / (1024 * 1024);

    private volatile Settings settings = Settings.defaults();
    private volatile int checkpointSegments = checkpointSegments(settings);
    /** {@code PrevCheckPointDistance} and {@code CheckPointDistanceEstimate}, in bytes. */
    private long previousDistance;
    private long distanceEstimate;

    public void configure(Settings newSettings) {
        settings = newSettings;
        checkpointSegments = checkpointSegments(newSettings);
    }

    public Settings settings() {
        return settings;
    }

    /** {@code ConvertToXSegs}: megabytes as whole segments, rounded down. */
    static long megabytesToSegments(long megabytes) {
        return megabytes / SEGMENT_MB;
    }

    /**
     * {@code CalculateCheckpointSegments}: the segments written between two WAL-triggered
     * checkpoints, chosen so that a checkpoint spread over completion_target of the interval
     * still finishes before max_wal_size is reached: max_wal_size / (1 + target), at least 1.
     */
    static int checkpointSegments(Settings settings) {
        double target = megabytesToSegments(settings.maxWalSizeMb()) / (1.0 + settings.completionTarget());
        return target < 1 ? 1 : (int) target;
    }

    public int checkpointSegments() {
        return checkpointSegments;
    }

    /**
     * {@code XLogCheckpointNeeded}: whether finishing segment {@code finishedSegment} has put
     * CheckPointSegments - 1 or more whole segments after the redo pointer's segment.
     */
    public boolean checkpointNeeded(long finishedSegment, long redoPointer) {
        return finishedSegment >= WalSegments.segmentOf(redoPointer) + (checkpointSegments - 1);
    }

    /**
     * {@code UpdateCheckPointDistanceEstimate}: the estimate follows a rising distance at once
     * and a falling one slowly (a moving average weighted 0.9 on the old value), so the
     * segments kept for the next cycle cover a peak, not the average.
     */
    public synchronized void checkpointDistance(long bytes) {
        previousDistance = bytes;
        distanceEstimate = distanceEstimate < bytes ? bytes : (long) (0.90 * distanceEstimate + 0.10 * bytes);
    }

    /** The last checkpoint's distance and the current estimate, in bytes. */
    public synchronized long[] distances() {
        return new long[] {previousDistance, distanceEstimate};
    }

    /**
     * {@code XLOGfileslop}: the highest segment number an old segment may be recycled to after
     * a checkpoint whose redo pointer is {@code redo}: enough for the estimated WAL of the next
     * cycle, (1 + completion_target) x estimate + 10%, but no fewer than min_wal_size and no
     * more than max_wal_size of segments counted from the redo segment.
     */
    public long recycleLimit(long redo) {
        Settings current = settings;
        long redoSegment = WalSegments.segmentOf(redo);
        long minSegment = redoSegment + megabytesToSegments(current.minWalSizeMb()) - 1;
        long maxSegment = redoSegment + megabytesToSegments(current.maxWalSizeMb()) - 1;
        double distance;
        synchronized (this) {
            distance = (1.0 + current.completionTarget()) * distanceEstimate * 1.10;
        }
        long limit = (long) Math.ceil((redo + distance) / WalSegments.SEGMENT_SIZE);
        // as PostgreSQL: max_wal_size wins when min_wal_size is set above it
        return Math.min(Math.max(limit, minSegment), maxSegment);
    }

    /**
     * The first segment a checkpoint keeps ({@code KeepLogSeg}): the redo pointer's segment,
     * or earlier so that wal_keep_size of segments before the checkpoint record's segment stay
     * (never segment 0, which holds no WAL). Woolly has no replication slots to hold more.
     */
    public long firstSegmentToKeep(long redo, long checkpointLsn) {
        long keep = WalSegments.segmentOf(redo);
        long keepSegments = megabytesToSegments(settings.walKeepSizeMb());
        long checkpointSegment = WalSegments.segmentOf(checkpointLsn);
        if (keepSegments > 0 && checkpointSegment - keep < keepSegments) {
            keep = Math.max(1, checkpointSegment - keepSegments);
        }
        return keep;
    }

    /**
     * One spread checkpoint's schedule ({@code IsCheckpointOnSchedule}): started at
     * {@code startLsn} (its redo pointer) and {@code startNanos}. The write phase is on
     * schedule while the share of buffers written, scaled by completion_target, is ahead of
     * both the share of checkpoint_timeout elapsed and the share of CheckPointSegments of WAL
     * written since the start; only then does the checkpointer pause between writes.
     */
    public Schedule schedule(long startLsn, long startNanos) {
        return new Schedule(startLsn, startNanos);
    }

    /** See {@link #schedule}. Used by the checkpointer thread only. */
    public final class Schedule {
        private final long startLsn;
        private final long startNanos;
        /** {@code ckpt_cached_elapsed}: once behind, at least this far behind until the progress passes it. */
        private double cachedElapsed;

        private Schedule(long startLsn, long startNanos) {
            this.startLsn = startLsn;
            this.startNanos = startNanos;
        }

        /** Whether the checkpoint is ahead of schedule with {@code progress} (0..1) of its buffers written. */
        public boolean onSchedule(double progress, long insertLsn, long nowNanos) {
            Settings current = settings;
            double scaled = progress * current.completionTarget();
            if (scaled < cachedElapsed) {
                return false;
            }
            double elapsedWal = (double) (insertLsn - startLsn) / WalSegments.SEGMENT_SIZE / checkpointSegments;
            if (scaled < elapsedWal) {
                cachedElapsed = elapsedWal;
                return false;
            }
            double elapsedTime = (nowNanos - startNanos) / 1e9 / current.checkpointTimeoutSeconds();
            if (scaled < elapsedTime) {
                cachedElapsed = elapsedTime;
                return false;
            }
            return true;
        }
    }
}
