package org.woolly.storage.buffer;

/**
 * The background writer's work on the pool ({@code BgBufferSync} and {@code SyncOneBuffer} of
 * PostgreSQL 15's {@code bufmgr.c}): each round it looks ahead of the clock hand and writes the
 * dirty buffers the hand would take next (unpinned, usage count 0), so backends find clean
 * victims and do not have to write them themselves. {@link BackgroundWriterPacing} decides how
 * far ahead; at most bgwriter_lru_maxpages pages are written per round. The thread that calls
 * {@link #round} every bgwriter_delay is the postmaster's ({@code bgwriter.c}).
 *
 * <p>Writes go through the same path as a backend's eviction ({@link BufferWriter#flush}): the
 * WAL is flushed up to the page's LSN first and a hint-only change was WAL-logged as a full-page
 * image when it dirtied the page, so the rules for torn pages hold. The share content lock is
 * only tried: a page someone is changing is skipped, never waited for. A failed write leaves
 * the page dirty and ends the round with the error (the caller logs it and goes on).
 * Not thread-safe: one background writer per pool.
 */
public final class BackgroundWriter {
    /** What one buffer looked like to the writer ({@code BUF_REUSABLE}, {@code BUF_WRITTEN}). */
    private enum Sync { IN_USE, REUSABLE, WRITTEN }

    private final BufferPool pool;
    private BackgroundWriterPacing pacing;
    private long allocationsSeen;

    BackgroundWriter(BufferPool pool) {
        this.pool = pool;
        this.pacing = new BackgroundWriterPacing(pool.bufferCount());
        this.allocationsSeen = pool.allocationCount();
    }

    /**
     * One round with bgwriter_lru_maxpages, bgwriter_lru_multiplier and bgwriter_delay (ms).
     * Returns true when there was nothing to do (no allocation since the last round and the
     * whole pool ahead of the hand is clean, or the writer is disabled): the caller may
     * hibernate until {@link #wakeOnNextAllocation}'s callback runs.
     */
    public boolean round(int maxPages, double multiplier, int delayMillis) {
        long allocationTotal = pool.allocationCount();
        long recentAllocations = allocationTotal - allocationsSeen;
        allocationsSeen = allocationTotal;
        if (maxPages <= 0) {
            // disabled: forget the estimates, as BgBufferSync drops saved_info_valid
            pacing = new BackgroundWriterPacing(pool.bufferCount());
            return true;
        }
        BackgroundWriterPacing.Round plan = pacing.plan(pool.clockPosition(), recentAllocations, delayMillis,
                multiplier);
        int scanned = 0;
        int written = 0;
        float reusable = plan.reusableEstimate();
        boolean stoppedByMaxPages = false;
        try {
            while (scanned < plan.toScan() && reusable < plan.wanted()) {
                Sync state = syncOne(pool.bufferAt(plan.start() + scanned));
                scanned++;
                if (state == Sync.WRITTEN) {
                    reusable++;
                    if (++written >= maxPages) {
                        stoppedByMaxPages = true;
                        break;
                    }
                } else if (state == Sync.REUSABLE) {
                    reusable++;
                }
            }
        } finally {
            pacing.finish(plan, scanned, reusable);
            pool.counters().cleaned(written, stoppedByMaxPages);
        }
        return plan.idle();
    }

    /** Runs {@code wakeup} once at the next buffer allocation ({@code StrategyNotifyBgWriter}). */
    public void wakeOnNextAllocation(Runnable wakeup) {
        pool.wakeOnNextAllocation(wakeup);
    }

    /** Cancels a wake-up asked for and not yet run (the writer woke by itself). */
    public void cancelWakeup() {
        pool.wakeOnNextAllocation(null);
    }

    /**
     * {@code SyncOneBuffer} with skip_recently_used: a buffer pinned or recently used is left
     * alone; a clean one counts as reusable; a dirty one is pinned and written.
     */
    private Sync syncOne(Buffer buffer) {
        synchronized (buffer) {
            if (buffer.pinCount != 0 || buffer.usageCount != 0) {
                return Sync.IN_USE;
            }
            if (!buffer.valid || !buffer.dirty || buffer.tag == null) {
                return Sync.REUSABLE;
            }
            buffer.pinCount++;
        }
        try {
            return switch (pool.flushForBackgroundWriter(buffer)) {
                case WRITTEN -> Sync.WRITTEN;
                case CLEAN -> Sync.REUSABLE;
                case LOCKED -> Sync.IN_USE;
            };
        } finally {
            pool.release(buffer);
        }
    }
}
